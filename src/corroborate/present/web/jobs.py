"""Background ingestion jobs: ingest → analyze → link on a worker thread.

One worker thread runs the jobs one after another (SQLite has one writer, and analysis
already uses the CPU), each on its own store connection. Job state lives in memory; the
articles and stories a job produced live in the store.
"""

from __future__ import annotations

import json
import logging
import queue
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx

from corroborate.ingest.guard import FetchPolicy
from corroborate.present.web.changes import diff, snapshot
from corroborate.run import local
from corroborate.store import open_store
from corroborate.store.base import AddResult
from corroborate.types import Rejection

__all__ = ["STAGES", "Job", "JobManager", "QueueFull"]

log = logging.getLogger(__name__)

STAGES = ("ingest", "analyze", "link")
MAX_QUEUED = 32
KEEP_JOBS = 500

Status = Literal["queued", "running", "done", "failed"]


class QueueFull(Exception):
    """Too many jobs are waiting; the client should retry later."""


@dataclass
class Job:
    """One upload being processed. ``inputs`` are stored file paths or URLs; ``labels``
    maps each to what the user gave (an upload's name, "pasted text", the URL)."""

    id: str
    inputs: list[str]
    labels: dict[str, str]
    status: Status = "queued"
    stage: str | None = None
    progress: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    stages_done: int = 0
    failed_stage: str | None = None
    created_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    error: str | None = None
    summary: dict[str, int] = field(default_factory=dict)
    article_ids: list[str] = field(default_factory=list)
    story_ids: list[str] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    cleanup: list[Path] = field(default_factory=list)
    changes: list[dict[str, Any]] | None = None
    outlet: str | None = None

    def label(self, path: str) -> str:
        """What the user called the input behind a source path (``path:LINE`` too)."""
        for source, label in self.labels.items():
            if path == source or path.startswith((source + ":", source + "#")):
                return label
        return path

    def to_json(self) -> dict[str, Any]:
        """The public view of the job (never the server's file paths)."""
        return {
            "id": self.id,
            "status": self.status,
            "stage": self.stage,
            "stages": list(STAGES),
            "stages_done": self.stages_done,
            "failed_stage": self.failed_stage,
            "progress": dict(self.progress),
            "inputs": [self.labels.get(i, i) for i in self.inputs],
            "summary": dict(self.summary),
            "article_ids": list(self.article_ids),
            "story_ids": list(self.story_ids),
            "rejected": list(self.rejected),
            "changes": None if self.changes is None else list(self.changes),
            "error": self.error,
            "created_at": _iso(self.created_at),
            "finished_at": _iso(self.finished_at) if self.finished_at else None,
        }


def _iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class JobManager:
    """Queue of ingestion jobs and the worker thread that runs them."""

    def __init__(
        self,
        store_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        policy: FetchPolicy | None = None,
    ) -> None:
        self.store_url = store_url
        self.transport = transport
        self.policy = policy or FetchPolicy()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=MAX_QUEUED)
        self._thread: threading.Thread | None = None

    def new_id(self) -> str:
        """A fresh, unguessable job id."""
        return uuid.uuid4().hex

    def submit(
        self,
        job_id: str,
        inputs: list[str],
        labels: dict[str, str],
        cleanup: list[Path],
        outlet: str | None = None,
    ) -> Job:
        """Queue a job over stored files / URLs (``outlet``: the outlet of every input);
        raises :class:`QueueFull` when busy."""
        job = Job(id=job_id, inputs=inputs, labels=labels, cleanup=cleanup, outlet=outlet)
        with self._lock:
            try:
                self._queue.put_nowait(job)
            except queue.Full as exc:
                raise QueueFull from exc
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._work, name="corroborate-jobs", daemon=True
                )
                self._thread.start()
        return job

    def get(self, job_id: str) -> dict[str, Any] | None:
        """A snapshot of a job, or None for an unknown id."""
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else job.to_json()

    def shutdown(self, timeout: float = 5.0) -> None:
        """Stop the worker after the job in progress."""
        thread = self._thread
        if thread is not None and thread.is_alive():
            try:
                self._queue.put(None, timeout=timeout)
            except queue.Full:
                return
            thread.join(timeout)

    def wait(self, job_id: str, timeout: float = 120.0) -> dict[str, Any] | None:
        """Block until a job is done or failed (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            snap = self.get(job_id)
            if snap is None or snap["status"] in ("done", "failed"):
                return snap
            time.sleep(0.05)
        return self.get(job_id)

    # ------------------------------------------------------------------ worker

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                self._run(job)
            except Exception as exc:  # the worker must survive any job
                log.exception("job %s failed", job.id)
                with self._lock:  # stages_done stays at the stages that completed
                    job.status = "failed"
                    job.failed_stage = job.stage
                    job.stage = None
                    job.error = f"{type(exc).__name__}: {exc}"
                    job.finished_at = time.time()
            finally:
                for path in job.cleanup:
                    shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(
                        missing_ok=True
                    )

    def _set(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)

    def _run(self, job: Job) -> None:
        def progress(stage: str, n: int) -> None:
            with self._lock:
                job.progress[stage] = job.progress.get(stage, 0) + n

        def rejected(rej: Rejection) -> None:
            with self._lock:
                job.rejected.append({"input": job.label(rej.path), "reason": rej.reason})

        stored: list[str] = []

        def result(res: AddResult) -> None:
            stored.append(res.duplicate_of or res.article_id)
            if job.outlet:
                store.set_source_outlet(res, job.outlet)

        self._set(job, status="running", stage="ingest")
        with open_store(self.store_url) as store:
            summary = local.ingest(
                job.inputs,
                store,
                transport=self.transport,
                on_progress=progress,
                on_reject=rejected,
                fetch_policy=self.policy,
                on_result=result,
            )
            # every stored input counts, wherever its source path points (a feed's
            # entries are stored under their pages' URLs, not the feed's)
            article_ids = list(dict.fromkeys(stored))
            self._set(
                job,
                stages_done=1,
                stage="analyze",
                article_ids=article_ids,
                summary={
                    "read": summary.read,
                    "added": summary.added,
                    "merged": summary.merged,
                    "unchanged": summary.unchanged,
                    "rejected": summary.rejected,
                },
            )
            if not article_ids and job.rejected:  # nothing to analyse: stop here
                self._set(
                    job,
                    status="failed",
                    failed_stage="ingest",
                    stage=None,
                    error="no article could be read from the input",
                    finished_at=time.time(),
                )
                return
            local.analyze_pending(store, on_progress=progress)
            self._set(job, stages_done=2, stage="link")
            before = snapshot(store.stories())
            local.link(store, on_progress=progress)
            story_ids = list(
                dict.fromkeys(s for a in article_ids for s in store.article_story_ids(a))
            )
            after = snapshot(s for s in map(store.get_story, story_ids) if s)
            found, _gone = diff(before, after)
        self._set(
            job,
            stages_done=3,
            stage=None,
            story_ids=story_ids,
            changes=[c.to_json() for c in found],
            status="done",
            error=None,
            finished_at=time.time(),
        )


# ---------------------------------------------------------------------- staging inputs

#: Suffixes an upload may keep (the readers sniff content anyway; the suffix only helps).
SAFE_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".jsonl",
    ".ndjson",
    ".json",
)
SAFE_SUFFIXES += (".xml", ".rss", ".atom", ".warc", ".gz", ".md")


def safe_suffix(filename: str | None) -> str:
    """The upload's suffix when it is a known, harmless one; else ``.upload``.

    The user's file name is never used as a path: only this suffix survives."""
    name = (filename or "").lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    if name.endswith(".jsonl.gz"):
        return ".jsonl.gz"
    dot = name.rfind(".")
    suffix = name[dot:] if dot >= 0 else ""
    return suffix if suffix in SAFE_SUFFIXES else ".upload"


def stage_file(folder: Path, job_id: str, n: int, filename: str | None, data: bytes) -> Path:
    """Write an uploaded file under ``folder`` with a generated name; return its path."""
    path = folder / f"{job_id}-{n}{safe_suffix(filename)}"
    path.write_bytes(data)
    return path


def stage_text(folder: Path, job_id: str, n: int, fields: dict[str, str | None]) -> Path:
    """Write pasted text and its metadata as a one-line JSONL file; return its path."""
    record = {k: v for k, v in fields.items() if v}
    path = folder / f"{job_id}-{n}.jsonl"
    # ASCII escapes: a lone surrogate in pasted text is written as \\udfff (the reader
    # replaces it) instead of failing to encode
    path.write_text(json.dumps(record, ensure_ascii=True) + "\n", encoding="utf-8")
    return path
