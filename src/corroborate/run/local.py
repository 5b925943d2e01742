"""The local runner: the only module that knows the order of the stages.

ingest → clean → dedup → store, then analyze (per article, in a process pool or on any
:class:`~corroborate.run.base.Runner`) → link (stories, entity resolution) → compare
(figures, claims, quotes, timeline) → store. Everything streams: inputs are read one
document at a time and committed in batches, so memory stays flat however large the
batch, and a crash loses at most the open batches. :func:`process` is the one driver of
analyse-then-link that every runner uses; runners only decide where batches are analysed.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

import httpx
import numpy as np
from spacy.tokens import Doc

from corroborate import embeddings
from corroborate.analyze.pipeline import analyze_articles
from corroborate.clean import clean_document
from corroborate.clean.article import is_headline_only
from corroborate.clean.dedup import Deduplicator
from corroborate.compare.claims import compared_texts, parsed_unit_rows
from corroborate.compare.similarity import default_encoder
from corroborate.compare.story import build_story, story_to_dossier
from corroborate.errors import CorroborateError, StoreError
from corroborate.ingest import Skipped, read_inputs
from corroborate.ingest.guard import FetchPolicy
from corroborate.link import participants
from corroborate.link.entities import EntityRegistry
from corroborate.link.stories import SPLIT_MAX_MEMBERS, SPLIT_MIN_PART, StoryIndex
from corroborate.link.unnamed import MIN_MENTIONS, NOT_PARTICIPANTS
from corroborate.link.vectors import embed_text
from corroborate.run.base import BatchFn, Runner, RunSummary
from corroborate.run.base import ProgressFn as ProgressFn
from corroborate.store.base import AddResult, Store
from corroborate.store.codec import CodecError
from corroborate.types import Analysis, AnalyzedArticle, Article, RawDocument, Rejection

T = TypeVar("T")

#: Articles committed per transaction. Small enough that a crash loses little, large
#: enough that SQLite's per-commit fsync does not dominate.
BATCH_SIZE = 64

#: Committed analysis batches between two incremental link passes during a run.
LINK_EVERY = 16

RejectFn = Callable[[Rejection], None]


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did."""

    read: int
    added: int
    merged: int
    unchanged: int
    rejected: int
    retried: int = 0  # batch commits redone after a store error
    skipped: int = 0  # hidden folder entries noted and not read
    headline_only: int = 0  # of ``added``: pages kept for their headline alone


#: Attempts to commit one batch (ingest, analyses, link results) when the store fails.
STORE_ATTEMPTS = 4
#: Seconds before the first retry; doubled after each failed attempt.
STORE_RETRY_DELAY = 0.5

#: ``on_store_error(error, attempt)``: a batch's transaction failed on attempt ``attempt``.
StoreErrorFn = Callable[[StoreError, int], None]

log = logging.getLogger("corroborate.run")


def _log_store_error(error: StoreError, attempt: int) -> None:
    log.warning(
        "store error (attempt %d of %d), the batch is written again: %s",
        attempt,
        STORE_ATTEMPTS,
        error,
    )


def _commit(
    store: Store, write: Callable[[], T], what: str, on_store_error: StoreErrorFn
) -> tuple[T, int]:
    """``write()`` in one transaction, redone after a :class:`StoreError` (a failed
    transaction commits nothing; the store reconnects on its next statement). Returns the
    result and the number of retries. Undecodable stored data (:class:`CodecError`) is not
    retried."""
    delay = STORE_RETRY_DELAY
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            with store.transaction():
                return write(), attempt - 1
        except CodecError:
            raise
        except StoreError as exc:
            on_store_error(exc, attempt)
            if attempt == STORE_ATTEMPTS:
                raise StoreError(
                    f"{what} could not be committed in {STORE_ATTEMPTS} attempts ({exc}); "
                    "everything before it is committed: run again to continue"
                ) from exc
            time.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of at most ``size`` items, lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _noop_progress(stage: str, advance: int) -> None:
    return None


def _noop_reject(rejection: Rejection) -> None:
    return None


def ingest(
    inputs: Sequence[str],
    store: Store,
    *,
    transport: httpx.BaseTransport | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: ProgressFn = _noop_progress,
    on_reject: RejectFn = _noop_reject,
    on_store_error: StoreErrorFn = _log_store_error,
    fetch_policy: FetchPolicy | None = None,
    on_result: Callable[[AddResult], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> IngestSummary:
    """Read, clean, deduplicate and store every input; bad inputs become rejections.

    ``fetch_policy``: where URLs may be fetched (default: public addresses only).
    ``on_result`` is told what became of each stored input (added, merged, unchanged);
    ``on_skip`` of each hidden folder entry not read.

    Re-running on the same inputs adds nothing. Each batch is one transaction; a batch
    whose transaction fails with a :class:`StoreError` (e.g. PostgreSQL restarted) is
    reported to ``on_store_error`` and written again (:data:`STORE_ATTEMPTS` in all; a
    failed transaction commits nothing, and every write is an upsert, so nothing is lost
    or doubled); when every attempt fails the error is raised, with every batch before it
    committed.
    """
    dedup = Deduplicator.from_store(store)
    read = added = merged = unchanged = rejected = batches = retries = skipped = 0
    headline_only = 0
    items = read_inputs(list(inputs), transport=transport, policy=fetch_policy)
    for chunk in batched(items, batch_size):
        articles: list[Article] = []
        rejections: list[Rejection] = []
        for item in chunk:
            if isinstance(item, Skipped):
                skipped += 1
                if on_skip is not None:
                    on_skip(item)
                continue
            read += 1
            if isinstance(item, RawDocument) and item.id and store.get_article(item.id):
                unchanged += 1  # an input's own id already stored: nothing to redo
                if on_result is not None:
                    on_result(AddResult("unchanged", item.id, item.id))
                continue
            result = item if isinstance(item, Rejection) else _clean(item)
            if isinstance(result, Rejection):
                rejections.append(result)
            else:
                articles.append(result)
        headlines = {a.id for a in articles if is_headline_only(a)}
        write = functools.partial(_write_inputs, store, rejections, articles, dedup)
        results, tries = _commit(store, write, f"ingest batch {batches}", on_store_error)
        retries += tries
        batches += 1
        for rej in rejections:
            on_reject(rej)
        rejected += len(rejections)
        for res in results:
            if on_result is not None:
                on_result(res)
            if res.status == "added":
                added += 1
                headline_only += res.article_id in headlines
            elif res.status == "merged":
                merged += 1
            else:
                unchanged += 1
        on_progress("ingest", len(chunk))
    return IngestSummary(read, added, merged, unchanged, rejected, retries, skipped, headline_only)


def _write_inputs(
    store: Store, rejections: list[Rejection], articles: list[Article], dedup: Deduplicator
) -> list[AddResult]:
    for rej in rejections:
        store.add_rejection(rej)
    return store.add_articles(articles, dedup) if articles else []


def _clean(raw: RawDocument) -> Article | Rejection:
    try:
        return clean_document(raw)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # one bad input must not cost the batch
        return Rejection(
            path=raw.source,
            reason=f"could not be cleaned ({type(exc).__name__}: {exc}); the rest of the "
            "batch was read",
        )


#: Note recorded in the analysis of an article that its analysis raised on.
FAILED_NOTE = "analysis failed"


def analyze_batch(articles: list[Article]) -> list[Analysis]:
    """Analyse one batch of articles in this process (one ``nlp.pipe`` pass), split their
    claim sentences into fact units (:func:`split_claims`) and embed their title + lead
    (:func:`embed_analyses`); the unit of work every runner ships to its workers. The spaCy
    pipeline and the encoder are loaded once per process.

    An article whose analysis raises does not sink its batch or the run: the batch is
    redone article by article and that article gets an empty analysis whose only note is
    ``"analysis failed: <error>"`` (counted in :attr:`RunSummary.failed`), so the run goes
    on and the failure is visible. A :class:`CorroborateError` (setup, e.g. no model) stops
    the run.
    """
    return embed_analyses(articles, _analyze(articles))


def split_claims(article: Article, analysis: Analysis, doc: Doc) -> Analysis:
    """``analysis`` with ``fact_units`` set: the clauses of the article's claim sentences,
    read off the article's own parse (``doc``), so neither this stage nor the serial link
    stage parses them again (:func:`corroborate.compare.claims.parsed_unit_rows`)."""
    rows = parsed_unit_rows(AnalyzedArticle(article, analysis), doc)
    return dataclasses.replace(analysis, fact_units=rows) if rows else analysis


def _analyze(articles: list[Article]) -> list[Analysis]:
    try:
        return list(analyze_articles(articles, n_process=1, finish=split_claims))
    except CorroborateError:
        raise  # a setup problem (e.g. no spaCy model): every article would fail
    except Exception:
        pass  # a problem with some article: find it below
    out: list[Analysis] = []
    for article in articles:
        try:
            out.extend(analyze_articles([article], n_process=1, finish=split_claims))
        except CorroborateError:
            raise
        except Exception as exc:
            note = f"{FAILED_NOTE}: {type(exc).__name__}: {exc}"
            out.append(Analysis(article_id=article.id, notes=(note,)))
    return out


@lru_cache(maxsize=4)
def _batch_encoder(pid: int, threads: int) -> embeddings.MiniLM:
    """This process's encoder for :func:`embed_analyses` (``pid``: a forked child gets its
    own; ``threads``: the onnxruntime threads, see :func:`worker_env`)."""
    return embeddings.MiniLM(threads=threads, cache_size=4096)


def preload_encoder() -> None:
    """Load this process's encoder session now (workers call it at start-up)."""
    if embeddings.available():
        _batch_encoder(os.getpid(), embeddings.default_threads()).encode(["warm-up"])


#: ``encode(texts)``: ``(text key, packed row)`` of each distinct text (MiniLM), wherever
#: the runner computes them; rows do not depend on where or with what they were encoded.
EncodeFn = Callable[[Sequence[str]], tuple[tuple[str, str], ...]]

#: Texts per encoding task sent to a runner's workers.
ENCODE_CHUNK = 256


def encode_texts(texts: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``(text key, packed row)`` of ``texts`` with this process's encoder (module level:
    the runners' workers run it on chunks of the texts linking compares)."""
    encoder = _batch_encoder(os.getpid(), embeddings.default_threads())
    return embeddings.embed_pairs(encoder, texts)


def text_chunks(texts: Sequence[str], workers: int) -> list[list[str]]:
    """``texts`` (distinct) dealt like cards, in length order, into chunks of at most
    :data:`ENCODE_CHUNK`, at least one per worker (while texts last): each chunk gets a
    like share of short and long texts, so the workers finish together. (Consecutive
    slices of the length order gave one worker all the long sentences: 2 workers encoded
    500 GVC sentences in 2.37 s, dealt 1.94 s.) The encoder sorts each chunk by length
    itself, so padding is as small either way, and rows do not depend on the chunk."""
    todo = sorted(dict.fromkeys(t for t in texts if t), key=len)
    count = min(len(todo), max(1, workers, -(-len(todo) // ENCODE_CHUNK)))
    return [todo[i::count] for i in range(count)]


def embed_analyses(articles: Sequence[Article], analyses: list[Analysis]) -> list[Analysis]:
    """``analyses`` with ``embeddings`` set: the MiniLM vector of each article's title +
    lead (story clustering), encoded here, in one call per batch, so the serial link stage
    reads it instead of encoding it. Claim sentences are embedded by linking, only those
    it compares (:func:`embed_compared`). Left empty when MiniLM is not installed or
    encoding fails (linking then encodes)."""
    if not analyses or not embeddings.available():
        return analyses
    try:
        encoder = _batch_encoder(os.getpid(), embeddings.default_threads())
        texts = [[embed_text(article)] for article in articles]
        packed = dict(embeddings.embed_pairs(encoder, (t for ts in texts for t in ts)))
    except CorroborateError:
        raise
    except Exception:  # an optional speed-up must not sink the batch
        return analyses
    out = []
    for analysis, ts in zip(analyses, texts, strict=True):
        keys = dict.fromkeys(embeddings.text_key(encoder.name, t) for t in ts if t)
        pairs = tuple((key, packed[key]) for key in keys)
        out.append(dataclasses.replace(analysis, embeddings=pairs))
    return out


def encoder_env(threads: int) -> dict[str, str]:
    """Environment giving a worker process's encoder ``threads`` onnxruntime threads
    (``$CORROBORATE_ENCODER_THREADS``, when set here, wins)."""
    if os.environ.get(embeddings.THREADS_ENV, "").strip():
        return {embeddings.THREADS_ENV: os.environ[embeddings.THREADS_ENV]}
    return {embeddings.THREADS_ENV: str(max(1, threads))}


def worker_env(workers: int) -> dict[str, str]:
    """Environment for a pool of ``workers`` analysis processes sharing this machine: the
    encoder of each gets cores / workers threads (see :func:`encoder_env`)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return encoder_env(cores // workers)


def _set_env(env: dict[str, str]) -> None:
    os.environ.update(env)


def _failed(analysis: Analysis) -> bool:
    return any(note.startswith(FAILED_NOTE) for note in analysis.notes)


class LocalRunner:
    """Runs analysis in this process (``processes=1``) or in a local process pool.

    Batches go to the pool as they are read from the store, at most ``2 × processes`` in
    flight, and come back in input order.
    """

    name = "local"

    def __init__(self, processes: int = 1, *, batch_fn: BatchFn = analyze_batch) -> None:
        """``batch_fn``: the per-batch analysis (a module-level function, so it pickles)."""
        if processes < 1:
            raise ValueError(f"processes must be at least 1, got {processes}")
        self.processes = processes
        self._batch_fn = batch_fn
        self._pool: Pool | None = None

    def _get_pool(self) -> Pool:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            env = worker_env(self.processes)
            self._pool = context.Pool(self.processes, initializer=_set_env, initargs=(env,))
        return self._pool

    def analyze_batches(
        self, batches: Iterable[Sequence[Article]]
    ) -> Iterator[tuple[int, list[Analysis]]]:
        """Analyse ``batches``, yielding ``(batch number, analyses)`` in input order."""
        numbered = enumerate(batches)
        if self.processes == 1:
            for number, batch in numbered:
                yield number, self._batch_fn(list(batch))
            return
        pool = self._get_pool()
        in_flight: deque[tuple[int, AsyncResult[list[Analysis]]]] = deque()
        for number, batch in numbered:  # read lazily, in this thread, as slots free up
            in_flight.append((number, pool.apply_async(self._batch_fn, (list(batch),))))
            if len(in_flight) >= 2 * self.processes:
                done, pending = in_flight.popleft()
                yield done, pending.get()
        while in_flight:
            done, pending = in_flight.popleft()
            yield done, pending.get()

    def encode(self, texts: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """Encode ``texts`` (an :data:`EncodeFn`) in the pool's workers, in chunks (in this
        process with ``processes=1``)."""
        if self.processes == 1:
            return encode_texts(texts)
        chunks = text_chunks(texts, self.processes)
        return tuple(p for pairs in self._get_pool().map(encode_texts, chunks) for p in pairs)

    def run(
        self,
        store: Store,
        *,
        batch_size: int = BATCH_SIZE,
        link_every: int | None = LINK_EVERY,
        on_progress: ProgressFn = _noop_progress,
    ) -> RunSummary:
        """Analyse the pending articles of ``store`` and link them (see :func:`process`)."""
        return process(
            store, self, batch_size=batch_size, link_every=link_every, on_progress=on_progress
        )

    def close(self) -> None:
        """Stop the process pool, if one was started."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def process(
    store: Store,
    runner: Runner,
    *,
    batch_size: int = BATCH_SIZE,
    link_every: int | None = LINK_EVERY,
    on_progress: ProgressFn = _noop_progress,
    link_at_end: bool = True,
    on_store_error: StoreErrorFn = _log_store_error,
) -> RunSummary:
    """Analyse every stored article without an analysis on ``runner``, then link.

    Batches may complete in any order on the runner; they are committed in input order,
    one transaction per batch (so the store goes through the same states whatever the
    runner, and an interrupted run resumes after the last committed batch). Every
    ``link_every`` committed batches the analysed articles are linked incrementally;
    a final link runs at the end (unless ``link_at_end`` is False). A commit that fails
    with a :class:`StoreError` is reported to ``on_store_error`` and redone (as in
    :func:`ingest`).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    encode: EncodeFn | None = getattr(runner, "encode", None)  # sentence vectors for link
    pending = batched(store.articles_without_analysis(), batch_size)
    ready: dict[int, list[Analysis]] = {}
    next_batch = analysed = links = rebuilt = failed = retried = 0
    for number, analyses in runner.analyze_batches(pending):
        ready[number] = analyses
        while next_batch in ready:
            chunk = ready.pop(next_batch)
            write = functools.partial(_write_analyses, store, chunk)
            retried += _commit(store, write, f"analysis batch {next_batch}", on_store_error)[1]
            next_batch += 1
            analysed += len(chunk)
            failed += sum(1 for analysis in chunk if _failed(analysis))
            on_progress("analyze", len(chunk))
            if link_at_end and link_every and next_batch % link_every == 0:
                rebuilt += link(
                    store,
                    on_progress=on_progress,
                    analysed_only=True,
                    on_store_error=on_store_error,
                    encode=encode,
                )
                links += 1
    if link_at_end:
        rebuilt += link(
            store, on_progress=on_progress, on_store_error=on_store_error, encode=encode
        )
        links += 1
    return RunSummary(
        analysed=analysed,
        batches=next_batch,
        links=links,
        rebuilt=rebuilt,
        failed=failed,
        retried=retried,
    )


def _write_analyses(store: Store, chunk: list[Analysis]) -> None:
    for analysis in chunk:
        store.put_analysis(analysis.article_id, analysis)


def analyze_pending(
    store: Store,
    *,
    processes: int = 1,
    batch_size: int = BATCH_SIZE,
    on_progress: ProgressFn = _noop_progress,
) -> int:
    """Analyse every stored article that has no analysis yet; return how many.

    Resumable: analyses are committed batch by batch, so an interrupted run picks up
    where it stopped. Does not link (call :func:`link`, or use :meth:`LocalRunner.run`).
    """
    with LocalRunner(processes) as runner:
        summary = process(
            store, runner, batch_size=batch_size, on_progress=on_progress, link_at_end=False
        )
    return summary.analysed


#: New articles (with their analyses, ~50 KB each) a link pass keeps from placing them
#: to rebuilding their stories, instead of reading and decoding them twice.
LINK_CACHE = 1024

STORY_STATE = "story_index"
ENTITY_STATE = "entity_registry"


def link(
    store: Store,
    *,
    on_progress: ProgressFn = _noop_progress,
    analysed_only: bool = False,
    on_store_error: StoreErrorFn = _log_store_error,
    encode: EncodeFn | None = None,
) -> int:
    """Place newly analysed articles into stories and rebuild the stories they touched.

    Incremental: the story index and the entity registry are persisted in the store, so
    adding articles to a large store rebuilds only the stories that changed. Returns the
    number of stories rebuilt. ``analysed_only`` leaves articles that have no analysis yet
    for a later pass (used while analysis is still running); otherwise they are placed
    with what their text alone says. ``encode``: where the vectors of the claim sentences
    the rebuilt stories compare are computed (a runner's workers; default: here).
    """
    state = store.get_state(STORY_STATE)
    index = StoryIndex.from_state(state) if state else StoryIndex()
    reg_state = store.get_state(ENTITY_STATE)
    registry = EntityRegistry.from_state(reg_state) if reg_state else EntityRegistry()
    touched: set[str] = set()
    read: dict[str, AnalyzedArticle] = {}  # new articles, kept for the rebuild (bounded)
    for article in store.articles():
        if index.story_of(article.id) is not None:
            continue
        analysis = store.get_analysis(article.id)
        if analysis is None and analysed_only:
            continue
        touched.add(index.add(article, analysis))
        if analysis is not None and len(read) < LINK_CACHE:
            read[article.id] = AnalyzedArticle(article, analysis)
    if not touched:
        return 0
    merged = index.merged()  # retired story id -> the story it was merged into
    current = index.stories()
    touched = {merged.get(sid, sid) for sid in touched} & set(current)
    dossiers = []
    done: set[str] = set()  # stories rebuilt by this pass
    for chunk in _story_chunks(store, sorted(touched), index, read, done):
        chunk = _split_stories(index, chunk)
        chunk = _rejoin_stories(index, chunk, store, read, done)
        gained = embed_compared(chunk, encode)
        decide_participants(chunk, encode)
        if gained:  # kept for later rebuilds of these stories (an analysis with more rows)
            write_vectors = functools.partial(_write_analyses, store, gained)
            _commit(store, write_vectors, "sentence vectors", on_store_error)
        for sid, docs in chunk.items():
            dossiers.append(story_to_dossier(build_story(sid, docs, registry)))
            done.add(sid)
            on_progress("link", 1)
    retired = set(index.merged()) - set(index.stories())
    write = functools.partial(_write_link, store, retired, dossiers, index, registry)
    _commit(store, write, "the link results", on_store_error)
    return len(dossiers)


def _split_stories(
    index: StoryIndex, chunk: dict[str, list[AnalyzedArticle]]
) -> dict[str, list[AnalyzedArticle]]:
    """``chunk`` after asking each of its stories (all grown by this pass) whether it
    splits in two (:meth:`StoryIndex.split`): a story split has its articles dealt
    between it and the story split off, which joins the chunk."""
    out: dict[str, list[AnalyzedArticle]] = {}
    for sid, docs in chunk.items():
        new = None
        if 2 * SPLIT_MIN_PART <= len(docs) <= SPLIT_MAX_MEMBERS:
            new = index.split(sid, [(d.article, d.analysis) for d in docs])
        if new is None:
            out[sid] = docs
            continue
        out[sid] = [d for d in docs if index.story_of(d.article.id) == sid]
        out[new] = [d for d in docs if index.story_of(d.article.id) == new]
    return out


def _rejoin_stories(
    index: StoryIndex,
    chunk: dict[str, list[AnalyzedArticle]],
    store: Store,
    read: Mapping[str, AnalyzedArticle],
    done: set[str],
) -> dict[str, list[AnalyzedArticle]]:
    """``chunk`` after asking each of its stories whether it joins a neighbouring story
    (:meth:`StoryIndex.rejoin`). A neighbour outside the chunk is read from the store and,
    when merged, its articles join the chunk (a touched story later in the pass is then
    not rebuilt twice: the merged id is rebuilt here); a story this pass has already
    rebuilt (``done``) is left alone."""
    out = dict(chunk)
    fetched: dict[str, list[AnalyzedArticle]] = {}

    def fetch(other: str) -> list[tuple[Article, Analysis | None]] | None:
        if other in out:
            docs = out[other]
        elif other in done:
            return None
        else:
            if other not in fetched:
                fetched[other] = _docs(store, index.members(other) or (), read)
            docs = fetched[other]
        return [(d.article, d.analysis) for d in docs]

    for sid in list(out):
        if sid not in out:  # merged into a story of this chunk looked at before it
            continue
        before = index.members(sid)
        kept = index.rejoin(sid, [(d.article, d.analysis) for d in out[sid]], fetch)
        members = index.members(kept) or []
        if kept == sid and members == before:
            continue
        pool = {d.article.id: d for docs in (*out.values(), *fetched.values()) for d in docs}
        for gone in [o for o in out if index.members(o) is None]:
            del out[gone]
        out[kept] = [pool[m] for m in members if m in pool]
    return out


def _write_link(
    store: Store,
    retired: set[str],
    dossiers: list[dict[str, Any]],
    index: StoryIndex,
    registry: EntityRegistry,
) -> None:
    store.delete_stories(retired)
    store.put_stories(dossiers)
    store.put_state(STORY_STATE, index.to_state())
    store.put_state(ENTITY_STATE, registry.to_state())


def _story_chunks(
    store: Store,
    story_ids: Sequence[str],
    index: StoryIndex,
    read: Mapping[str, AnalyzedArticle],
    done: set[str],
) -> Iterator[dict[str, list[AnalyzedArticle]]]:
    """The articles of ``story_ids``, story by story, in chunks of about
    :data:`LINK_CACHE` articles (one encoder call per chunk, bounded memory). Members are
    read when the chunk is made, from the index as it is then; a story merged away or
    already rebuilt (``done``) by an earlier chunk is skipped."""
    chunk: dict[str, list[AnalyzedArticle]] = {}
    size = 0
    for sid in story_ids:
        members = index.members(sid)
        if members is None or sid in done:
            continue
        chunk[sid] = _docs(store, members, read)
        size += len(chunk[sid])
        if size >= LINK_CACHE:
            yield chunk
            chunk, size = {}, 0
    if chunk:
        yield chunk


def embed_compared(
    stories: dict[str, list[AnalyzedArticle]], encode: EncodeFn | None = None
) -> list[Analysis]:
    """Encode, in one call of ``encode`` (default: :func:`encode_texts`, here), the claim
    sentences these stories compare (:func:`~corroborate.compare.claims.compared_texts`)
    that have no stored vector, and add the rows to the analyses in ``stories`` (in place).
    Returns the analyses that gained rows. Nothing when the encoder is not MiniLM (TF-IDF
    fits on each story)."""
    encoder = default_encoder()
    if not getattr(encoder, "per_text", False):
        return []
    wanted: dict[str, list[str]] = {}
    for docs in stories.values():
        have = embeddings.stored_rows(
            (p for d in docs for p in d.analysis.embeddings), encoder.name
        )
        texts = set(compared_texts(docs))
        for doc in docs:
            text = doc.article.text
            mine = [
                text[start:end]
                for start, end in doc.analysis.sentences
                if text[start:end] in texts
                and embeddings.text_key(encoder.name, text[start:end]) not in have
            ]
            if mine:
                wanted[doc.article.id] = mine
    if not wanted:
        return []
    packed = dict((encode or encode_texts)([t for ts in wanted.values() for t in ts]))
    gained: list[Analysis] = []
    for docs in stories.values():
        for k, doc in enumerate(docs):
            texts_of = wanted.get(doc.article.id)
            if not texts_of:
                continue
            keys = dict.fromkeys(embeddings.text_key(encoder.name, t) for t in texts_of)
            rows = doc.analysis.embeddings + tuple((key, packed[key]) for key in keys)
            analysis = dataclasses.replace(doc.analysis, embeddings=rows)
            docs[k] = AnalyzedArticle(doc.article, analysis)
            gained.append(analysis)
    return gained


def decide_participants(
    stories: dict[str, list[AnalyzedArticle]], encode: EncodeFn | None = None
) -> None:
    """Have ``encode`` (the runner's workers, like :func:`embed_compared`) encode the head
    lemmas these stories may group as unnamed participants that this process has not
    decided yet (``link.participants``): the linking process then needs no encoder of its
    own. A lemma counts when a story has two phrases with it (``MIN_MENTIONS``)."""
    encoder = default_encoder()
    if not getattr(encoder, "per_text", False):
        return
    heads: set[str] = set()
    for docs in stories.values():
        seen = Counter(
            lemma  # rows are (start, end, head_start, head_end, head lemma)
            for d in docs
            for *_, lemma in d.analysis.noun_phrases or ()
            if lemma not in NOT_PARTICIPANTS
        )
        heads.update(w for w, n in seen.items() if n >= MIN_MENTIONS)
    todo = participants.undecided(heads)
    if not todo:
        return
    packed = dict((encode or encode_texts)(todo))
    rows = [embeddings.unpack_row(packed[embeddings.text_key(encoder.name, w)]) for w in todo]
    participants.decide(todo, np.vstack(rows), encoder.name)


def _docs(
    store: Store, article_ids: Sequence[str], read: Mapping[str, AnalyzedArticle]
) -> list[AnalyzedArticle]:
    docs = []
    for article_id in article_ids:
        known = read.get(article_id)
        if known is not None:
            docs.append(known)
            continue
        article = store.get_article(article_id)
        analysis = store.get_analysis(article_id)
        if article is not None and analysis is not None:
            docs.append(AnalyzedArticle(article, analysis))
    return docs
