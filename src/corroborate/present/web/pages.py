"""Server-rendered pages (Jinja2, autoescaped): story list, story, entity, article,
upload and job pages."""

from __future__ import annotations

import importlib
import logging
import tempfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from corroborate.clean.article import is_headline_only
from corroborate.present.dossier import HEADLINE_ONLY_NOTE, UnknownStory, story_dossier
from corroborate.present.export import COLUMNS, export_csv
from corroborate.present.labels import scope_label, source_labels
from corroborate.present.report.anchors import slug
from corroborate.present.report.view import NOT_NAMED
from corroborate.present.review import ReviewError, clear_review, review_fact
from corroborate.present.web.api import (
    MAX_OFFSET,
    entity_view,
    find_outlet,
    form_outlet,
    header_token,
    leading_token,
    presented_story,
    read_form,
    require_same_origin,
    require_token,
    story_snippet,
    submit_job,
    validate_ingest,
)
from corroborate.present.web.app import HERE
from corroborate.present.web.changes import figure_label, mark_seen, since_seen
from corroborate.present.web.outlets import label_of, outlet_summaries
from corroborate.present.web.security import csp_header, inline_handlers, inline_scripts
from corroborate.present.web.text import query_words, sentence_context
from corroborate.present.web.timeline import timeline_rows
from corroborate.store import Store, open_store
from corroborate.store.search import StoryQuery

__all__ = ["error_page", "render", "router"]

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
    if words := query_words(query.text):
        items = [{**item, "snippet": story_snippet(store, item, words)} for item in items]
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
    stored = store.get_story(story_id)
    if stored is None:
        raise HTTPException(404, f"no story {story_id!r}")
    story, records = presented_story(store, stored)
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
    labels = source_labels(records)
    for record in records:
        for dup in record.get("duplicate_ids") or []:
            labels.setdefault(str(dup), labels[record["id"]])
    entities = sorted(  # the named: unnamed participants are listed on their own
        (e for e in story.get("entities") or [] if e.get("type") not in NOT_NAMED),
        key=lambda e: (-len(e.get("mentions") or []), e.get("name")),
    )
    return render(
        request,
        "story.html",
        csp=csp,
        story=story,
        articles=articles,
        article_list=records,
        labels=labels,
        outlets=list(dict.fromkeys(labels[r["id"]] for r in records)),
        entities=entities,
        timeline=timeline_rows(story.get("timeline") or [], labels),
        fragment=fragment,
        scope_label=scope_label,
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
    return render(
        request, "entity.html", entity=view, appearances=mention_rows(store, view["stories"])
    )


def mention_rows(store: Store, appearances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per story, each mention of the entity with its source and its sentence."""
    cache: dict[str, tuple[str, tuple[tuple[int, int], ...], str] | None] = {}

    def article(aid: str) -> tuple[str, tuple[tuple[int, int], ...], str] | None:
        if aid not in cache:
            found = store.get_article(aid)
            analysis = store.get_analysis(found.id) if found is not None else None
            sentences = analysis.sentences if analysis is not None else ()
            cache[aid] = None if found is None else (found.text, sentences, label_of(found))
        return cache[aid]

    out = []
    for ap in appearances:
        rows = []
        for m in ap["entity"].get("mentions") or []:
            aid, start, end = str(m.get("article_id")), m.get("start"), m.get("end")
            found = article(aid)
            context = None
            if found is not None and isinstance(start, int) and isinstance(end, int):
                context = sentence_context(found[0], start, end, found[1])
            source = found[2] if found is not None else aid
            rows.append({"mention": m, "context": context, "source": source})
        out.append({"story_id": ap["story_id"], "story_title": ap["story_title"], "rows": rows})
    return out


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
        headline_only=HEADLINE_ONLY_NOTE if is_headline_only(found) else None,
    )


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> HTMLResponse:
    """Form to add articles: files, a URL, or pasted text."""
    return render(request, "upload.html", values={}, message=None)


async def checked_form(request: Request) -> Request:
    """The cross-site and token checks of a form post, before its body is read: the token
    from the headers, or from the form's first field (read alone, before the rest).
    Returns the request to read the form from."""
    require_same_origin(request)
    if request.app.state.settings.token and not header_token(request):
        form_token, request = await leading_token(request)
        require_token(request, form_token)
    else:
        require_token(request)
    return request


@router.post("/upload")
async def upload(request: Request) -> Response:
    """Queue the upload as a background job and go to its progress page."""
    request = await checked_form(request)
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
    try:
        outlet = form_outlet(item, fields)
    except RequestValidationError as exc:
        return render(request, "upload.html", 422, values=fields, message=_form_error(exc))
    job_id = submit_job(request, item, files, outlet)
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


@router.get("/outlets", response_class=HTMLResponse)
def outlet_list(request: Request, store: StoreDep) -> HTMLResponse:
    """Every outlet with its story count."""
    return render(request, "outlets.html", outlets=outlet_summaries(store))


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet_page(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    """One outlet: its stories, what it alone reported, where it is contested."""
    return render(request, "outlet.html", outlet=find_outlet(store, name))


@router.get("/changes", response_class=HTMLResponse)
def changes_page(request: Request, store: StoreDep) -> HTMLResponse:
    """What changed since the store was last marked seen."""
    return render(request, "changes.html", changes=since_seen(store))


@router.post("/changes/seen")
async def changes_seen(request: Request) -> Response:
    """Mark the changes seen, then show the (now empty) changes page."""
    request = await checked_form(request)
    with open_store(request.app.state.settings.store_url) as store:
        mark_seen(store)
    return RedirectResponse("/changes", status_code=303)


VERDICT_ORDER = {"conflict": 0, "contested": 0, "approximate": 1, "single_source": 2}


@router.get("/review/{story_id:path}", response_class=HTMLResponse)
def review_page(request: Request, store: StoreDep, story_id: str) -> HTMLResponse:
    """Confirm or dismiss each verdict of a story with a note (contested first)."""
    stored = store.get_story(story_id)
    if stored is None:
        raise HTTPException(404, f"no story {story_id!r}")
    story, records = presented_story(store, stored)
    labels = source_labels(records)
    facts = [
        {"kind": kind, "fact": fact, "label": figure_label(fact) if kind == "figure" else None}
        for kind, field in (("figure", "figures"), ("claim", "claims"))
        for fact in story.get(field) or []
    ]
    facts.sort(key=lambda f: VERDICT_ORDER.get(str(f["fact"].get("verdict")), 3))
    return render(request, "review.html", story=story, facts=facts, labels=labels)


@router.post("/review")
async def review_post(request: Request) -> Response:
    """Store (``decision``: confirm/dismiss) or clear a review from the review page."""
    request = await checked_form(request)
    fields, _files = await read_form(request)
    fact_id, story_id = fields.get("fact_id", ""), fields.get("story_id", "")
    decision = fields.get("decision", "")
    if decision not in ("confirm", "dismiss", "clear"):
        raise HTTPException(422, "decision must be confirm, dismiss or clear")
    with open_store(request.app.state.settings.store_url) as store:
        try:
            if decision == "clear":
                clear_review(store, fact_id)
            else:
                review_fact(store, fact_id, decision, fields.get("note", "")[:4000])
        except ReviewError as exc:
            raise HTTPException(404, str(exc)) from exc
    anchor = "#review-" + quote(fact_id, safe="")
    return RedirectResponse(f"/review/{quote(story_id, safe='')}{anchor}", status_code=303)


@router.get("/exports/{table}.csv")
def export_table(
    store: StoreDep, table: str, story: Annotated[str, Query(max_length=1000)]
) -> Response:
    """One CSV file of a story's export (figures, claims, quotes, entities, timeline),
    as ``corroborate export --format csv`` writes it."""
    if table not in COLUMNS:
        raise HTTPException(404, f"no export {table!r}: one of {', '.join(COLUMNS)}")
    try:
        dossier = story_dossier(store, story)
    except UnknownStory as exc:
        raise HTTPException(404, str(exc)) from exc
    with tempfile.TemporaryDirectory(prefix="corroborate-export-") as folder:
        data = next(p for p in export_csv(dossier, Path(folder)) if p.stem == table).read_bytes()
    name = f"{slug(story)}-{table}.csv"
    return Response(
        data,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
