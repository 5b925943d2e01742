"""JSON API under ``/api/`` (described by FastAPI's ``/openapi.json``).

Errors are ``{"error": "..."}`` (:class:`ErrorBody`) with the status saying what kind:
400 malformed JSON, 401/403 missing or wrong token, 404 unknown id, 413 body too large,
422 invalid fields or out-of-range parameters, 500 an internal error. Ids may hold any
character ("/" included): routes take the rest of the path.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.datastructures import UploadFile
from starlette.types import Message

from corroborate.present.dossier import article_record, present_stories
from corroborate.present.review import ReviewError, clear_review, review_fact
from corroborate.present.web.changes import mark_seen, since_seen
from corroborate.present.web.jobs import QueueFull, stage_file, stage_text
from corroborate.present.web.outlets import outlet_summaries, outlet_view
from corroborate.present.web.schemas import (
    ApiIndex,
    ArticleRecord,
    ChangesAnswer,
    Deleted,
    EntityList,
    EntityView,
    ErrorBody,
    IngestAccepted,
    JobView,
    OutletList,
    OutletView,
    ReviewList,
    ReviewRequest,
    ReviewView,
    StoryAnswer,
    StoryList,
    ValidationErrorBody,
)
from corroborate.present.web.security import check_token, same_origin
from corroborate.present.web.text import query_words, snippet
from corroborate.store import Review, Store
from corroborate.store.search import StoryQuery

__all__ = ["IngestText", "router"]

MAX_FILES = 20
MAX_OUTLET = 300
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


_ERROR: dict[str, Any] = {
    "model": ErrorBody,
    "content": {"application/json": {"example": {"error": "what went wrong"}}},
}
_INVALID: dict[str, Any] = {
    "model": ValidationErrorBody,
    "description": "Invalid fields or query values",
    "content": {
        "application/json": {
            "example": {
                "error": "invalid fields: limit: Input should be less than or equal to 500",
                "details": [
                    {
                        "loc": ["query", "limit"],
                        "msg": "Input should be less than or equal to 500",
                        "type": "less_than_equal",
                    }
                ],
            }
        }
    },
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of a route (422 with its field errors)."""
    return {code: _INVALID if code == 422 else _ERROR for code in codes}


_ERRORS = errors(400, 404, 422, 500)


class IngestText(BaseModel):
    """An article to ingest: pasted ``text`` (with optional metadata), or a ``url`` alone
    to fetch."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str | None = Field(None, min_length=1, description="The article's text (plain).")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(
        None, max_length=300, description="The outlet's name, for every input of the request."
    )
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


def form_outlet(item: IngestText | None, fields: dict[str, str]) -> str | None:
    """The outlet named for every input of an upload (the form's or body's ``outlet``)."""
    outlet = item.outlet if item is not None else (fields.get("outlet") or "").strip()
    if outlet and len(outlet) > MAX_OUTLET:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "outlet"),
                    "msg": f"String should have at most {MAX_OUTLET} characters",
                    "type": "string_too_long",
                }
            ]
        )
    return outlet or None


def submit_job(
    request: Request,
    item: IngestText | None,
    files: list[tuple[str | None, bytes]],
    outlet: str | None = None,
) -> str:
    """Stage the inputs under the upload folder (generated names) and queue a job;
    ``outlet`` names the outlet of every input (files and URLs included)."""
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
        jobs.submit(job_id, inputs, labels, cleanup, outlet=outlet)
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
        202: {"model": IngestAccepted, "description": "Queued"},
        **errors(400, 401, 403, 413, 415, 422, 429, 500),
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
        outlet = form_outlet(item, {})
    elif ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        fields, files = await read_form(request)
        fields.pop("token", None)
        wants_item = "text" in fields or "url" in fields or not files
        item = validate_ingest(fields) if wants_item else None
        outlet = form_outlet(item, fields)
    else:
        raise HTTPException(415, "send application/json or multipart/form-data (file upload)")
    job_id = submit_job(request, item, files, outlet)
    return JSONResponse(
        {"job_id": job_id, "status": "queued", "job_url": f"/api/jobs/{job_id}"},
        202,
        headers={"Location": f"/api/jobs/{job_id}"},
    )


@router.get(
    "/jobs/{job_id}",
    summary="Progress of an ingestion job",
    responses=_ERRORS,
    response_model=JobView,
)
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


@router.get(
    "/stories",
    summary="List stories (full-text search and filters)",
    responses=_ERRORS,
    response_model=StoryList,
)
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
    snippets: Annotated[
        bool, Query(description="Add each story's first match of the words of q (snippet)")
    ] = False,
) -> dict[str, Any]:
    """Story summaries, newest first, with the total number of matches; with
    ``snippets=true`` each carries where ``q`` matched (``marks``: offsets into ``text``)."""
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
    if snippets and (words := query_words(q)):
        items = [{**item, "snippet": story_snippet(store, item, words)} for item in items]
    return {"total": total, "limit": limit, "offset": offset, "stories": items}


def story_snippet(store: Store, item: dict[str, Any], words: list[str]) -> dict[str, Any] | None:
    """Where ``words`` first match in a story: its title, then its articles' titles and
    texts (in the story's order)."""
    found = snippet(item.get("title"), "", words)
    if found is not None:
        return {"text": found.text, "marks": found.marks, "field": "title", "article_id": None}
    story = store.get_story(str(item["id"])) or {}
    for article_id in story.get("article_ids") or []:
        article = store.get_article(str(article_id))
        if article is not None and (found := snippet(article.title, article.text, words)):
            return {
                "text": found.text,
                "marks": found.marks,
                "field": found.field,
                "article_id": article.id,
            }
    return None


@router.get(
    "/stories/{story_id:path}",
    summary="One story's dossier entry, with its articles",
    responses=_ERRORS,
    response_model=StoryAnswer,
)
def story(store: StoreDep, story_id: str) -> dict[str, Any]:
    """The story as in ``dossier.json`` (schema corroborate/dossier@1), plus ``articles``:
    the records of the articles it cites."""
    found = store.get_story(story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    presented, records = presented_story(store, found)
    return {"story": presented, "articles": records}


def presented_story(
    store: Store, story: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The stored story as the dossier shows it (``fact_id`` and ``review`` on each fact,
    explanations naming sources by their labels), and its article records."""
    records = story_articles(store, story)
    by_id = {r["id"]: r for r in records}
    return present_stories([story], by_id, store)[0], records


def story_articles(store: Store, story: dict[str, Any]) -> list[dict[str, Any]]:
    """Dossier records of the articles a story cites (in its order)."""
    out = []
    for article_id in story.get("article_ids") or []:
        article = store.get_article(str(article_id))
        if article is not None:
            out.append(article_record(article))
    return out


@router.get(
    "/entities", summary="Entities across stories", responses=_ERRORS, response_model=EntityList
)
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


@router.get(
    "/entities/{entity_id:path}",
    summary="One entity across stories",
    responses=_ERRORS,
    response_model=EntityView,
)
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
    response_model=ArticleRecord,
)
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The article's dossier record plus ``story_ids``: the stories that include it."""
    found = store.get_article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    record = article_record(found)
    record["story_ids"] = store.article_story_ids(found.id)
    return record


# ---------------------------------------------------------------- outlets, changes, index


@router.get(
    "/outlets", summary="Outlets (sources) and their story counts", response_model=OutletList
)
def outlets(store: StoreDep) -> dict[str, Any]:
    """Every outlet of the stored stories, most stories first."""
    return {"outlets": outlet_summaries(store)}


@router.get(
    "/outlets/{name:path}",
    summary="One outlet: what it alone reported, where it is contested",
    responses=_ERRORS,
    response_model=OutletView,
)
def outlet(store: StoreDep, name: str) -> dict[str, Any]:
    """The outlet's stories and articles, its single-source facts (only its articles
    state them) and the contested facts where one version is its own."""
    return find_outlet(store, name)


def find_outlet(store: Store, name: str) -> dict[str, Any]:
    """The outlet view of ``name`` (404 when no story has an article of it)."""
    view = outlet_view(store, name, story_articles)
    if view is None:
        raise HTTPException(404, f"no outlet {name!r} in any story")
    return view


@router.get(
    "/changes",
    summary="What changed since the store was last marked seen",
    response_model=ChangesAnswer,
)
def changes(store: StoreDep) -> dict[str, Any]:
    """Stories with new articles, new facts or moved verdicts since ``seen_at`` (uploads
    and ``corroborate watch`` updates alike), and earlier stories that are gone."""
    return since_seen(store)


@router.post(
    "/changes/seen",
    summary="Mark the changes seen (the next answer starts from now)",
    response_model=ChangesAnswer,
    responses=errors(401, 403, 500),
)
def changes_seen(request: Request, store: StoreDep) -> dict[str, Any]:
    """Remember the store as it is now; needs the token when the server has one."""
    require_token(request)
    at = mark_seen(store)
    return {"seen_at": at, "stories": [], "gone": []}


@router.get("/", summary="This index of the API", response_model=ApiIndex)
def index(request: Request) -> Any:
    """The API's endpoints; a browser (``Accept: text/html``) gets them as a page."""
    endpoints = api_endpoints(request.app.openapi())
    if "text/html" in request.headers.get("accept", ""):
        from corroborate.present.web.pages import render

        return render(request, "api.html", endpoints=endpoints)
    return {"openapi": "/openapi.json", "endpoints": endpoints}


def api_endpoints(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    """Method, path and summary of every operation the OpenAPI description documents."""
    return [
        {"method": method.upper(), "path": path, "summary": op.get("summary")}
        for path, ops in openapi.get("paths", {}).items()
        for method, op in ops.items()
        if path.startswith("/api/")
    ]


# ---------------------------------------------------------------- reviews


def review_json(review: Review) -> dict[str, Any]:
    """A stored review as the API answers it."""
    return {**asdict(review), "evidence": [list(span) for span in review.evidence]}


@router.get("/reviews", summary="Every review, oldest first", response_model=ReviewList)
def reviews(store: StoreDep) -> dict[str, Any]:
    """The analysts' decisions on verdicts, with their notes."""
    return {"reviews": [review_json(r) for r in store.reviews()]}


@router.post(
    "/facts/{fact_id}/review",
    summary="Confirm or dismiss a fact's verdict, with a note",
    response_model=ReviewView,
    responses=errors(400, 401, 403, 404, 422, 500),
)
def review(request: Request, store: StoreDep, fact_id: str, body: ReviewRequest) -> Any:
    """Store the review of the figure group or claim ``fact_id`` (its ``fact_id`` in the
    story's dossier), replacing an earlier one; needs the token when the server has one."""
    require_token(request)
    try:
        return review_json(review_fact(store, fact_id, body.decision, body.note))
    except ReviewError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.delete(
    "/facts/{fact_id}/review",
    summary="Remove a fact's review",
    response_model=Deleted,
    responses=errors(401, 403, 422, 500),
)
def unreview(request: Request, store: StoreDep, fact_id: str) -> dict[str, bool]:
    """Remove the review of ``fact_id`` (``deleted``: whether there was one)."""
    require_token(request)
    return {"deleted": clear_review(store, fact_id)}
