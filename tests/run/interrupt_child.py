"""Child process for the interrupted-run test: analyse a store slowly, printing progress.

python -m tests.run.interrupt_child DB local|dask
"""

from __future__ import annotations

import sys

from corroborate.run.base import Runner
from corroborate.run.dask import DaskRunner
from corroborate.run.local import LocalRunner
from corroborate.store import open_store
from tests.run.helpers import slow_batch


def main() -> None:
    db, kind = sys.argv[1], sys.argv[2]
    runner: Runner
    if kind == "dask":
        runner = DaskRunner(workers=1, batch_fn=slow_batch, window=2)
    else:
        runner = LocalRunner(1, batch_fn=slow_batch)

    def progress(stage: str, n: int) -> None:
        print(stage, n, flush=True)

    print("started", flush=True)
    with open_store(db) as store, runner:
        runner.run(store, batch_size=1, link_every=2, on_progress=progress)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
