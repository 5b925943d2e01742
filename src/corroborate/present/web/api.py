"""JSON API under ``/api/`` (described by FastAPI's ``/openapi.json``).

Errors are ``{"error": "..."}`` (:class:`ErrorBody`) with the status saying what kind:
400 malformed JSON, 401/403 missing or wrong token, 404 unknown id, 413 body too large,
422 invalid fields or out-of-range parameters, 500 an internal error. Ids may hold any
character ("/" included): routes take the rest of the path.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile
from starlette.types import Message

from corroborate.present.dossier import article_record
from corroborate.present.web.jobs import QueueFull, stage_file, stage_text
from corroborate.present.web.security import check_token, same_origin
from corroborate.store import Store
from corroborate.store.search import StoryQuery

__all__ = ["IngestText", "router"]

MAX_FILES = 20
#: Largest ``offset`` accepted (far beyond any store; keeps values inside SQLite's 64 bits).
MAX_OFFSET = 1_000_000_000
#: Bytes of a form read to find its leading ``token`` field before the rest.
TOKEN_PREFIX_BYTES = 65536
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _store(request: Request) -> Any:
    yield from request.app.state.settings.store()


StoreDep = Annotated[Store, Depends(_store)]

router = APIRouter(prefix="/api", tags=["api"])


class ErrorBody(BaseModel):
    """Every error answer: what went wrong, and for 422 the fields at fault."""

    error: str = Field(description="What went wrong and what to do.")
    details: list[dict[str, Any]] | None = Field(
        None, description="Field errors (422 only): loc, msg, type."
    )


_ERROR: dict[str, Any] = {
    "model": ErrorBody,
    "content": {"application/json": {"example": {"error": "what went wrong"}}},
}
_ERRORS: dict[int | str, dict[str, Any]] = {code: _ERROR for code in (400, 404, 422, 500)}


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


def require_same_origin(request: Request) -> None:
    """403 for a browser request from another site (headers only: the body is unread)."""
    headers = request.headers
    if not same_origin(headers.get("origin"), headers.get("host"), headers.get("sec-fetch-site")):
        raise HTTPException(403, "cross-site request refused: post from this app's own pages")


def header_token(request: Request) -> str | None:
    """The token sent in ``Authorization: Bearer`` or ``X-Corroborate-Token``."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-corroborate-token") or None


def require_token(request: Request, form_token: str | None = None) -> None:
    """401 when a token is configured and none was given, 403 when it is wrong, and 403
    for a browser request from another site."""
    require_same_origin(request)
    expected = request.app.state.settings.token
    if not expected:
        return
    given = header_token(request) or form_token
    if not given:
        raise HTTPException(
            401,
            "this server requires a token for writes: send 'Authorization: Bearer TOKEN' "
            "(or, in a form, a 'token' field before every other field)",
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
        # 429, not 503: the server is fine, this client is early (and schemathesis-style
        # checks rightly count any 5xx as a server fault)
        raise HTTPException(
            429,
            "too many ingestion jobs are waiting; try again shortly",
            headers={"Retry-After": "5"},
        ) from exc
    return job_id


async def leading_token(request: Request) -> tuple[str | None, Request]:
    """The form's ``token`` field, read before the rest of the body.

    Only the start of the body is read (at most :data:`TOKEN_PREFIX_BYTES`): enough for a
    first field named ``token``, as the upload page sends it. Returns the token (None
    when the first field is another) and a request that replays what was read, so the
    form is then parsed whole as usual.
    """
    ctype = request.headers.get("content-type", "")
    buffered: list[bytes] = []
    size = 0
    more = True
    found: str | None = None
    receive = request.receive
    while more and size < TOKEN_PREFIX_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        more = bool(message.get("more_body", False))
        buffered.append(chunk)
        size += len(chunk)
        done, found = first_field_token(ctype, b"".join(buffered), complete=not more)
        if done:
            break
    replay = list(buffered)

    async def replay_receive() -> Message:
        if replay:
            return {"type": "http.request", "body": replay.pop(0), "more_body": True}
        if not more:
            return {"type": "http.request", "body": b"", "more_body": False}
        return await receive()

    return found, Request(request.scope, replay_receive)


def first_field_token(ctype: str, prefix: bytes, complete: bool) -> tuple[bool, str | None]:
    """Whether ``prefix`` shows the form's first field, and its value when it is
    ``token``."""
    media = ctype.split(";")[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        if b"&" not in prefix and not complete:
            return False, None
        first = prefix.split(b"&", 1)[0].decode("latin-1")
        pairs = parse_qsl(first, keep_blank_values=True)
        if pairs and pairs[0][0] == "token":
            return True, pairs[0][1]
        return True, None
    match = _BOUNDARY.search(ctype)
    if media != "multipart/form-data" or not match:
        return True, None
    boundary = match.group(1).strip('"').encode("latin-1")
    start = prefix.find(b"--" + boundary)
    if start < 0:
        return complete, None
    head_end = prefix.find(b"\r\n\r\n", start)
    if head_end < 0:
        return complete, None
    head = prefix[start:head_end].decode("latin-1")
    if not re.search(r'name="token"', head) or "filename=" in head:
        return True, None
    end = prefix.find(b"\r\n--" + boundary, head_end + 4)
    if end < 0:
        return complete, None
    return True, prefix[head_end + 4 : end].decode("utf-8", "replace").strip()


_BOUNDARY = re.compile(r"boundary=(\"[^\"]+\"|[^;\s]+)", re.I)


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
        **{code: _ERROR for code in (400, 401, 403, 413, 415, 422, 429, 500)},
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
        except RecursionError as exc:
            message = "malformed JSON in the request body: nested too deeply"
            raise HTTPException(400, message) from exc
        except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
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


@router.get("/jobs/{job_id}", summary="Progress of an ingestion job", responses=_ERRORS)
def job(request: Request, job_id: str) -> dict[str, Any]:
    """Status (queued, running, done, failed), stage, progress counts, and when done the
    articles and stories it produced."""
    snap: dict[str, Any] | None = request.app.state.settings.jobs.get(job_id)
    if snap is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are kept in memory while serving)")
    return snap


def _query_date(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD query value checked to be a real date (422 otherwise; a bare number
    is never read as a Unix time)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise RequestValidationError(
            [{"loc": ("query", name), "msg": f"not a real date: {exc}", "type": "date_parsing"}]
        ) from exc


DateQuery = Query(pattern=_DATE_PATTERN, description="A date written YYYY-MM-DD")


@router.get("/stories", summary="List stories (full-text search and filters)", responses=_ERRORS)
def stories(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=500, description="Words to search")] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
    since: Annotated[str | None, DateQuery] = None,
    until: Annotated[str | None, DateQuery] = None,
    conflicts: Annotated[
        bool | None, Query(description="Only stories with (true) / without (false) conflicts")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """Story summaries, newest first, with the total number of matches."""
    query = StoryQuery(
        text=q,
        outlet=outlet,
        since=_query_date(since, "since"),
        until=_query_date(until, "until"),
        conflicts=conflicts,
        limit=limit,
        offset=offset,
    )
    items, total = store.search_stories(query)
    return {"total": total, "limit": limit, "offset": offset, "stories": items}


@router.get(
    "/stories/{story_id:path}",
    summary="One story's dossier entry, with its articles",
    responses=_ERRORS,
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


@router.get("/entities", summary="Entities across stories", responses=_ERRORS)
def entities(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Name contains")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
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


@router.get("/entities/{entity_id:path}", summary="One entity across stories", responses=_ERRORS)
def entity(store: StoreDep, entity_id: str) -> dict[str, Any]:
    """The entity's name, type, aliases and roles, and its entry in every story."""
    view = entity_view(store, entity_id)
    if view is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return view


@router.get(
    "/articles/{article_id:path}",
    summary="One article (cleaned text and metadata)",
    responses=_ERRORS,
)
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The article's dossier record plus ``story_ids``: the stories that include it."""
    found = store.get_article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    record = article_record(found)
    record["story_ids"] = store.article_story_ids(found.id)
    return record
