"""The Dask runner: per-article analysis as Dask tasks, on a local or remote cluster.

The client (this process) reads pending articles from the store, submits them as one task
per batch (at most ``window`` batches in flight), collects results with ``as_completed``
and hands them to :func:`corroborate.run.local.process`, which commits them batch by batch
and links incrementally. Workers never see the store: they receive articles and return
analyses. Each worker loads the spaCy pipeline once (a worker plugin preloads the cached
``analysis_nlp()``). A worker that dies mid-batch is replaced by its nanny and the
scheduler reruns the batch elsewhere; nothing reaches the store until a batch is complete.

Needs the ``dask`` extra (``dask[distributed]``); the workers need corroborate and its
spaCy model installed too.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from corroborate.errors import CorroborateError
from corroborate.run.base import BatchFn, ProgressFn, RunSummary
from corroborate.run.local import (
    BATCH_SIZE,
    LINK_EVERY,
    _noop_progress,
    analyze_batch,
    encode_texts,
    encoder_env,
    process,
    text_chunks,
)
from corroborate.store.base import Store
from corroborate.types import Analysis, Article

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

__all__ = ["DaskRunner", "PreloadModel"]

try:  # the plugin base class is optional: the module must import without Dask
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - exercised only without the dask extra
    _WorkerPlugin = object  # type: ignore[misc,assignment]


class PreloadModel(_WorkerPlugin):
    """Worker plugin: load the analysis pipeline and the sentence encoder when a worker
    starts (and restarts), so the first batch on each worker does not pay for them."""

    name = "corroborate-preload-model"

    def setup(self, worker: Any) -> None:
        from corroborate.analyze.pipeline import analysis_nlp
        from corroborate.run.local import preload_encoder

        # The encoder's threads are the worker's: a worker started with --nthreads N is
        # given N cores, and one per core is how workers are meant to be started.
        nthreads = getattr(getattr(worker, "state", None), "nthreads", None)
        if isinstance(nthreads, int) and nthreads > 0:
            os.environ.update(encoder_env(nthreads))
        analysis_nlp()
        preload_encoder()


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise CorroborateError(
            f"the Dask runner needs dask.distributed ({exc}); install the 'dask' extra: "
            "pip install 'corroborate[dask]' (or 'dask[distributed]')"
        ) from exc
    return distributed


class DaskRunner:
    """Runs analysis as Dask tasks.

    ``scheduler``: address of a running scheduler (``tcp://host:8786``); None starts a
    ``LocalCluster`` of ``workers`` single-threaded worker processes, closed with the
    runner. ``window``: batches in flight (default: twice the cluster's threads).
    ``batch_fn``: the per-batch analysis, a module-level function importable on workers.
    ``connect_timeout``: seconds to wait for the scheduler.
    """

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 2,
        *,
        window: int | None = None,
        batch_fn: BatchFn = analyze_batch,
        preload: bool = True,
        connect_timeout: float = 30.0,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        dist = _import_distributed()
        self._cluster: LocalCluster | None = None
        try:
            if scheduler:
                self._client: Client = dist.Client(scheduler, timeout=connect_timeout)
            else:
                self._cluster = dist.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    env=encoder_env(1),  # a worker's encoder uses its one thread
                )
                self._client = dist.Client(self._cluster)
        except OSError as exc:  # unreachable scheduler, port in use, ...
            if self._cluster is not None:
                self._cluster.close()
            where = scheduler or "a LocalCluster"
            raise CorroborateError(
                f"could not connect to the Dask scheduler at {where}: {exc}; "
                "check the address (tcp://HOST:8786) and that `dask scheduler` is running"
            ) from exc
        if preload:
            self._client.register_plugin(PreloadModel())
        self._window = window
        self._batch_fn = batch_fn

    @property
    def client(self) -> Client:
        """The ``distributed.Client`` in use."""
        return self._client

    def threads(self) -> int:
        """Total worker threads currently in the cluster."""
        info = self._client.scheduler_info(n_workers=-1)
        return sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values())

    def analyze_batches(
        self, batches: Iterable[Sequence[Article]]
    ) -> Iterator[tuple[int, list[Analysis]]]:
        """Submit one task per batch (bounded window); yield results as they complete."""
        dist = _import_distributed()
        window = self._window or max(2, 2 * self.threads())
        run_id = uuid.uuid4().hex[:12]
        numbered = enumerate(batches)
        numbers: dict[Any, int] = {}
        completed = dist.as_completed()

        def submit_next() -> bool:
            item = next(numbered, None)
            if item is None:
                return False
            number, batch = item
            future = self._client.submit(
                self._batch_fn, list(batch), key=f"corroborate-analyze-{run_id}-{number}"
            )
            numbers[future.key] = number
            completed.add(future)
            return True

        for _ in range(window):
            if not submit_next():
                break
        try:
            for future in completed:
                number = numbers.pop(future.key)
                try:
                    result: list[Analysis] = future.result()
                except dist.KilledWorker as exc:
                    raise CorroborateError(
                        f"analysis batch {number} killed every worker that ran it ({exc}); "
                        "the batches before it are committed: fix the cause and run again"
                    ) from exc
                future.release()
                submit_next()
                yield number, result
        finally:
            for future in list(completed.futures):
                future.cancel()

    def encode(self, texts: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """Encode ``texts`` on the workers, one task per chunk (an
        :data:`~corroborate.run.local.EncodeFn`: linking's sentence vectors)."""
        chunks = text_chunks(texts, self.threads())
        futures = self._client.map(encode_texts, chunks, pure=False)
        results: list[tuple[tuple[str, str], ...]] = self._client.gather(futures)  # type: ignore[no-untyped-call]
        return tuple(p for pairs in results for p in pairs)

    def run(
        self,
        store: Store,
        *,
        batch_size: int = BATCH_SIZE,
        link_every: int | None = LINK_EVERY,
        on_progress: ProgressFn = _noop_progress,
    ) -> RunSummary:
        """Analyse the pending articles of ``store`` on the cluster and link them."""
        return process(
            store, self, batch_size=batch_size, link_every=link_every, on_progress=on_progress
        )

    def close(self) -> None:
        """Close the client, and the LocalCluster if this runner started one."""
        self._client.close()  # type: ignore[no-untyped-call]
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
