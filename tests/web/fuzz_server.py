"""Serve the web app for an API fuzzer (schemathesis): ``python -m tests.web.fuzz_server
DB PORT TOKEN``.

Name resolution answers a TEST-NET address (192.0.2.1) for every host, which the fetch
policy refuses before connecting: URLs the fuzzer invents never leave the machine.
"""

from __future__ import annotations

import sys

from corroborate.ingest import guard

TEST_NET = "192.0.2.1"


def offline_resolve(host: str, port: int) -> list[str]:
    """Every name resolves to a documentation address, refused by the fetch policy."""
    return [TEST_NET]


def main(argv: list[str]) -> None:
    import uvicorn

    from corroborate.present.web.app import LOOPBACK_HOSTS, create_app

    db, port, token = argv[0], int(argv[1]), argv[2]
    guard.resolve = offline_resolve
    app = create_app(db, token=token, allowed_hosts=LOOPBACK_HOSTS)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", server_header=False)


if __name__ == "__main__":
    main(sys.argv[1:])
