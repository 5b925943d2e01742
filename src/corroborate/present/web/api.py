"""JSON API under ``/api/`` (described by FastAPI's ``/openapi.json``).

Errors are ``{"error": "..."}`` with the status saying what kind: 400 malformed JSON,
401/403 missing or wrong token, 404 unknown id, 413 body too large, 422 invalid fields.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile

from corroborate.present.dossier import article_record
from corroborate.present.web.jobs import QueueFull, stage_file, stage_text
from corroborate.present.web.security import check_token, same_origin
from corroborate.store import Store
from corroborate.store.search import StoryQuery

__all__ = ["IngestText", "router"]

MAX_FILES = 20
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _store(request: Request) -> Any:
    yield from request.app.state.settings.store()


StoreDep = Annotated[Store, Depends(_store)]

router = APIRouter(prefix="/api", tags=["api"])

_ERROR = {"content": {"application/json": {"example": {"error": "what went wrong"}}}}


class IngestText(BaseModel):
    """An article to ingest: pasted ``text`` (with optional metadata), or a ``url`` alone
    to fetch."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str | None = Field(None, min_length=1, description="The article's text (plain).")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(
        None, max_length=2048, description="Its address (fetched when no text)."
    )
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")

    @model_validator(mode="after")
    def _check(self) -> IngestText:
        if not self.text and not self.url:
            raise ValueError("give the article's 'text', or a 'url' to fetch")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValueError("'url' must be an http:// or https:// address")
        if self.published:
            if not _ISO_DATE.match(self.published):
                raise ValueError("'published' must be a date written YYYY-MM-DD")
            try:
                date.fromisoformat(self.published)
            except ValueError as exc:
                raise ValueError(f"'published' is not a real date: {exc}") from exc
        return self


def require_token(request: Request, form_token: str | None = None) -> None:
    """401 when a token is configured and none was given, 403 when it is wrong, and 403
    for a browser request from another site."""
    headers = request.headers
    if not same_origin(headers.get("origin"), headers.get("host"), headers.get("sec-fetch-site")):
        raise HTTPException(403, "cross-site request refused: post from this app's own pages")
    expected = request.app.state.settings.token
    if not expected:
        return
    given = request.headers.get("x-corroborate-token") or form_token
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given:
        raise HTTPException(
            401,
            "this server requires a token for writes: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not check_token(expected, given):
        raise HTTPException(403, "wrong token")


def validate_ingest(data: Any) -> IngestText:
    """Validate an ingest request body (422 with field messages when invalid)."""
    if not isinstance(data, dict):
        raise RequestValidationError(
            [{"loc": ("body",), "msg": "expected a JSON object", "type": "object_type"}]
        )
    try:
        return IngestText.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc


def submit_job(
    request: Request, item: IngestText | None, files: list[tuple[str | None, bytes]]
) -> str:
    """Stage the inputs under the upload folder (generated names) and queue a job."""
    settings = request.app.state.settings
    jobs = settings.jobs
    job_id = str(jobs.new_id())
    inputs: list[str] = []
    labels: dict[str, str] = {}
    cleanup = []
    for n, (name, data) in enumerate(files):
        path = stage_file(settings.upload_dir, job_id, n, name, data)
        inputs.append(str(path))
        labels[str(path)] = name or f"upload {n + 1}"
        cleanup.append(path)
    if item is not None and item.text:
        fields = item.model_dump(include={"text", "title", "outlet", "url", "published"})
        path = stage_text(settings.upload_dir, job_id, len(files), fields)
        inputs.append(str(path))
        labels[str(path)] = "pasted text"
        cleanup.append(path)
    elif item is not None and item.url:
        inputs.append(item.url)
        labels[item.url] = item.url
    if not inputs:
        raise RequestValidationError(
            [
                {
                    "loc": ("body",),
                    "msg": "nothing to ingest: give text, a url or a file",
                    "type": "missing",
                }
            ]
        )
    try:
        jobs.submit(job_id, inputs, labels, cleanup)
    except QueueFull as exc:
        for path in cleanup:
            path.unlink(missing_ok=True)
        raise HTTPException(503, "too many ingestion jobs are waiting; try again shortly") from exc
    return job_id


async def read_form(request: Request) -> tuple[dict[str, str], list[tuple[str | None, bytes]]]:
    """Fields and uploaded files of a multipart/urlencoded body."""
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=50)
    except Exception as exc:  # starlette raises MultiPartException / HTTPException(400)
        raise HTTPException(400, f"malformed form data: {getattr(exc, 'detail', exc)}") from exc
    fields: dict[str, str] = {}
    files: list[tuple[str | None, bytes]] = []
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            data = await value.read()
            if data:
                files.append((value.filename, data))
        elif isinstance(value, str) and value.strip():
            fields[key] = value
    return fields, files


_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": IngestText.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        **IngestText.model_json_schema()["properties"],
                    },
                }
            },
        },
    }
}


@router.post(
    "/ingest",
    status_code=202,
    summary="Ingest an article (text, URL or files); analysed and linked in the background",
    openapi_extra=_INGEST_BODY,
    responses={
        202: {"content": {"application/json": {"example": {"job_id": "…", "status": "queued"}}}},
        400: _ERROR,
        401: _ERROR,
        403: _ERROR,
        413: _ERROR,
        415: _ERROR,
        422: _ERROR,
    },
)
async def ingest(request: Request) -> JSONResponse:
    """Queue an ingestion job; poll ``GET /api/jobs/{job_id}`` for its progress."""
    require_token(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    files: list[tuple[str | None, bytes]] = []
    if ctype == "application/json":
        body = await request.body()
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise HTTPException(400, f"malformed JSON in the request body: {exc}") from exc
        item: IngestText | None = validate_ingest(data)
    elif ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        fields, files = await read_form(request)
        fields.pop("token", None)
        wants_item = "text" in fields or "url" in fields or not files
        item = validate_ingest(fields) if wants_item else None
    else:
        raise HTTPException(415, "send application/json or multipart/form-data (file upload)")
    job_id = submit_job(request, item, files)
    return JSONResponse(
        {"job_id": job_id, "status": "queued", "job_url": f"/api/jobs/{job_id}"},
        202,
        headers={"Location": f"/api/jobs/{job_id}"},
    )


@router.get("/jobs/{job_id}", summary="Progress of an ingestion job", responses={404: _ERROR})
def job(request: Request, job_id: str) -> dict[str, Any]:
    """Status (queued, running, done, failed), stage, progress counts, and when done the
    articles and stories it produced."""
    snap: dict[str, Any] | None = request.app.state.settings.jobs.get(job_id)
    if snap is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are kept in memory while serving)")
    return snap


@router.get("/stories", summary="List stories (full-text search and filters)")
def stories(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=500, description="Words to search")] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    since: Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD)")] = None,
    conflicts: Annotated[
        bool | None, Query(description="Only stories with (true) / without (false) conflicts")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Story summaries, newest first, with the total number of matches."""
    query = StoryQuery(
        text=q,
        outlet=outlet,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        conflicts=conflicts,
        limit=limit,
        offset=offset,
    )
    items, total = store.search_stories(query)
    return {"total": total, "limit": limit, "offset": offset, "stories": items}


@router.get(
    "/stories/{story_id}",
    summary="One story's dossier entry, with its articles",
    responses={404: _ERROR},
)
def story(store: StoreDep, story_id: str) -> dict[str, Any]:
    """The story as in ``dossier.json`` (schema corroborate/dossier@1), plus ``articles``:
    the records of the articles it cites."""
    found = store.get_story(story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return {"story": found, "articles": story_articles(store, found)}


def story_articles(store: Store, story: dict[str, Any]) -> list[dict[str, Any]]:
    """Dossier records of the articles a story cites (in its order)."""
    out = []
    for article_id in story.get("article_ids") or []:
        article = store.get_article(str(article_id))
        if article is not None:
            out.append(article_record(article))
    return out


@router.get("/entities", summary="Entities across stories")
def entities(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Name contains")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Entities (most stories first) with how many stories and mentions they have."""
    items, total = store.list_entities(q, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "entities": items}


def entity_view(store: Store, entity_id: str) -> dict[str, Any] | None:
    """An entity across stories: its name, type, aliases and roles merged, and per story
    its entry (roles, mentions)."""
    appearances = []
    for story_id in store.entity_story_ids(entity_id):
        found = store.get_story(story_id)
        if found is None:
            continue
        for entity in found.get("entities") or []:
            if entity.get("id") == entity_id:
                appearances.append(
                    {"story_id": story_id, "story_title": found.get("title"), "entity": entity}
                )
    if not appearances:
        return None
    first = appearances[0]["entity"]
    aliases = list(
        dict.fromkeys(a for ap in appearances for a in ap["entity"].get("aliases") or [])
    )
    roles = list(
        dict.fromkeys(r.get("text") for ap in appearances for r in ap["entity"].get("roles") or [])
    )
    return {
        "id": entity_id,
        "name": first.get("name"),
        "type": first.get("type"),
        "aliases": aliases,
        "roles": roles,
        "stories": appearances,
    }


@router.get("/entities/{entity_id}", summary="One entity across stories", responses={404: _ERROR})
def entity(store: StoreDep, entity_id: str) -> dict[str, Any]:
    """The entity's name, type, aliases and roles, and its entry in every story."""
    view = entity_view(store, entity_id)
    if view is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return view


@router.get(
    "/articles/{article_id}",
    summary="One article (cleaned text and metadata)",
    responses={404: _ERROR},
)
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The article's dossier record plus ``story_ids``: the stories that include it."""
    found = store.get_article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    record = article_record(found)
    record["story_ids"] = store.article_story_ids(found.id)
    return record
