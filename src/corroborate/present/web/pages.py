"""Server-rendered pages (Jinja2, autoescaped): story list, story, entity, article,
upload and job pages."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from corroborate.present.web.api import (
    MAX_OFFSET,
    entity_view,
    header_token,
    leading_token,
    read_form,
    require_same_origin,
    require_token,
    story_articles,
    submit_job,
    validate_ingest,
)
from corroborate.present.web.app import HERE
from corroborate.present.web.security import csp_header, inline_handlers, inline_scripts
from corroborate.store import Store
from corroborate.store.search import StoryQuery

__all__ = ["error_page", "router"]

log = logging.getLogger(__name__)

env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

router = APIRouter(include_in_schema=False)
PAGE = 50


def _store(request: Request) -> Any:
    yield from request.app.state.settings.store()


StoreDep = Annotated[Store, Depends(_store)]


def render(
    request: Request, name: str, status: int = 200, csp: str | None = None, **context: Any
) -> HTMLResponse:
    """Render a template; ``csp`` replaces the default Content-Security-Policy."""
    settings = request.app.state.settings
    html = env.get_template(name).render(
        request=request, token_required=bool(settings.token), **context
    )
    headers = {"Content-Security-Policy": csp} if csp else None
    return HTMLResponse(html, status, headers=headers)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """An HTML error page (the message is escaped like everything else)."""
    return render(request, "error.html", status, code=status, message=message)


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _date(value: str | None, name: str) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise HTTPException(422, f"'{name}' must be a date written YYYY-MM-DD") from exc


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    since: str | None = None,
    until: str | None = None,
    conflicts: str | None = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> HTMLResponse:
    """Stories, newest first, with search and filters."""
    query = StoryQuery(
        text=_blank(q),
        outlet=_blank(outlet),
        since=_date(since, "since"),
        until=_date(until, "until"),
        conflicts=True if conflicts in ("1", "true", "on") else None,
        limit=PAGE,
        offset=(page - 1) * PAGE,
    )
    items, total = store.search_stories(query)
    return render(
        request,
        "stories.html",
        stories=items,
        total=total,
        query=query,
        page=page,
        pages=max(1, -(-total // PAGE)),
        outlets=store.list_outlets(),
    )


def report_renderer() -> Callable[[dict[str, Any], Mapping[str, dict[str, Any]]], str] | None:
    """``render_story`` of the report package when it exists (looked up per request, so a
    report package installed later is picked up)."""
    for name in ("corroborate.present.report", "corroborate.present.report.story"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        fn = getattr(module, "render_story", None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(
    request: Request, store: StoreDep, story_id: str, view: str | None = None
) -> HTMLResponse:
    """One story's dossier: the report fragment when available, else a basic view."""
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    records = story_articles(store, story)
    articles = {a["id"]: a for a in records}
    for record in records:  # cited by a merged duplicate's id too
        for dup in record.get("duplicate_ids") or []:
            articles.setdefault(dup, record)
    fragment: Markup | None = None
    renderer = report_renderer() if view != "basic" else None
    if renderer is not None:
        try:
            fragment = Markup(renderer(story, articles))
        except Exception:
            log.exception("report fragment failed for story %s; showing the basic view", story_id)
    csp = None
    if fragment is not None:
        csp = csp_header(inline_scripts(str(fragment)), inline_handlers(str(fragment)))
    return render(
        request,
        "story.html",
        csp=csp,
        story=story,
        articles=articles,
        article_list=records,
        fragment=fragment,
    )


@router.get("/report-assets/{name}")
def report_asset(name: str) -> Response:
    """The report package's stylesheet and script, served as files (so the CSP can keep
    inline scripts off) for pages that embed its story fragment."""
    module = importlib.import_module("corroborate.present.report") if report_renderer() else None
    getter = {"report.css": "stylesheet", "report.js": "script"}.get(name)
    fn = getattr(module, getter, None) if module is not None and getter else None
    if not callable(fn):
        raise HTTPException(404, f"no report asset {name!r}")
    media = "text/css" if name.endswith(".css") else "text/javascript"
    return Response(str(fn()), media_type=media, headers={"Cache-Control": "max-age=300"})


@router.get("/entities", response_class=HTMLResponse)
def entity_list(
    request: Request,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> HTMLResponse:
    """Entities across stories."""
    items, total = store.list_entities(_blank(q), limit=PAGE * 2, offset=(page - 1) * PAGE * 2)
    return render(
        request,
        "entities.html",
        entities=items,
        total=total,
        q=q or "",
        page=page,
        pages=max(1, -(-total // (PAGE * 2))),
    )


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, store: StoreDep, entity_id: str) -> HTMLResponse:
    """One entity across the stories it appears in."""
    view = entity_view(store, entity_id)
    if view is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return render(request, "entity.html", entity=view)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    store: StoreDep,
    article_id: str,
    start: Annotated[int | None, Query(ge=0, le=MAX_OFFSET)] = None,
    end: Annotated[int | None, Query(ge=0, le=MAX_OFFSET)] = None,
) -> HTMLResponse:
    """An article's cleaned text (escaped), with the span ``start``–``end`` highlighted."""
    found = store.get_article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    text = found.text
    parts: tuple[str, str, str] | None = None
    if start is not None and end is not None and start < end <= len(text):
        parts = (text[:start], text[start:end], text[end:])
    return render(
        request,
        "article.html",
        article=found,
        text=text,
        parts=parts,
        story_ids=store.article_story_ids(found.id),
    )


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    """Form to add articles: files, a URL, or pasted text."""
    return render(request, "upload.html", values={}, message=None)


@router.post("/upload")
async def upload(request: Request) -> Response:
    """Queue the upload as a background job and go to its progress page.

    The cross-site and token checks come before the body is read: the token from the
    headers, or from the form's first field (read alone, before the rest)."""
    require_same_origin(request)
    form_token: str | None = None
    if request.app.state.settings.token and not header_token(request):
        form_token, request = await leading_token(request)
        require_token(request, form_token)
    else:
        require_token(request)
    fields, files = await read_form(request)
    fields.pop("token", None)
    if "text" in fields or "url" in fields or not files:
        try:
            item = validate_ingest(fields)
        except Exception as exc:
            message = _form_error(exc)
            return render(request, "upload.html", 422, values=fields, message=message)
    else:
        item = None
    job_id = submit_job(request, item, files)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


def _form_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        msgs = [str(e.get("msg", "")).removeprefix("Value error, ") for e in errors()]
        return "; ".join(msgs) or "invalid form"
    return str(exc)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    """Progress of an ingestion job (polls ``/api/jobs/{id}``)."""
    snap = request.app.state.settings.jobs.get(job_id)
    if snap is None:
        raise HTTPException(404, f"no job {job_id!r}")
    return render(request, "job.html", job=snap)
