"""The fetch policy and limits: refused address classes (resolution monkeypatched, so
nothing leaves the machine), redirects into them, the connected-address check, the
deadline, byte caps and broken encodings (a real server on 127.0.0.1)."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from corroborate.ingest import fetch, guard, read_inputs
from corroborate.ingest.fetch import Fetcher
from corroborate.ingest.guard import FetchPolicy, address_problem
from corroborate.types import RawDocument, Rejection
from tests.ingest.hostile_server import Hostile, hostile_server

REFUSED = {
    "127.0.0.1": "loopback",
    "127.8.9.10": "loopback",
    "10.1.2.3": "private",
    "172.16.5.4": "private",
    "192.168.0.7": "private",
    "169.254.169.254": "link-local",
    "100.64.0.9": "not a public address",
    "224.0.0.251": "multicast",
    "240.0.0.1": "reserved",
    "0.0.0.0": "unspecified",
    "::1": "loopback",
    "::": "unspecified",
    "fe80::1": "link-local",
    "fd12:3456::1": "private",
    "ff02::1": "multicast",
    "::ffff:127.0.0.1": "loopback",
    "::ffff:169.254.169.254": "link-local",
    "::ffff:10.0.0.1": "private",
    "2002:7f00:1::": "loopback",  # 6to4 of 127.0.0.1
    "64:ff9b::a00:1": "private",  # NAT64 of 10.0.0.1
}


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "sleep", lambda _s: None)


@pytest.fixture
def no_connect(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Fail loudly if anything tries to open a socket to anywhere."""
    tried: list[Any] = []

    def refuse(address: Any, *args: Any, **kw: Any) -> Any:
        tried.append(address)
        raise AssertionError(f"a connection to {address} was attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    return tried


@pytest.fixture
def server() -> Iterator[Hostile]:
    with hostile_server() as site:
        yield site


def _resolve_to(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> None:
    def resolve(host: str, port: int) -> list[str]:
        if host in answers:
            return answers[host]
        return [host]  # an IP literal resolves to itself

    monkeypatch.setattr(guard, "resolve", resolve)


def _one(items: Iterator[RawDocument | Rejection | Any]) -> RawDocument | Rejection:
    got = list(items)
    assert len(got) == 1, got
    item = got[0]
    assert isinstance(item, (RawDocument, Rejection))
    return item


@pytest.mark.parametrize("address", sorted(REFUSED))
def test_every_non_public_class_is_refused(address: str) -> None:
    why = address_problem(ipaddress.ip_address(address))
    assert REFUSED[address] in why


def test_public_addresses_pass() -> None:
    for address in ("93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "1.1.1.1"):
        assert address_problem(ipaddress.ip_address(address)) == ""


@pytest.mark.parametrize("address", sorted(REFUSED))
def test_a_name_resolving_to_a_refused_address_is_never_connected(
    address: str, monkeypatch: pytest.MonkeyPatch, no_connect: list[Any]
) -> None:
    _resolve_to(monkeypatch, {"intranet.test": [address]})
    item = _one(read_inputs(["http://intranet.test/admin"]))
    assert isinstance(item, Rejection)
    assert "refused to connect to intranet.test" in item.reason
    assert REFUSED[address] in item.reason and "--allow-private" in item.reason
    assert no_connect == []


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/", "http://[::1]:8080/", "http://10.0.0.1/"]
)
def test_ip_literals_are_refused_before_any_connection(url: str, no_connect: list[Any]) -> None:
    item = _one(read_inputs([url]))
    assert isinstance(item, Rejection) and "refused to connect" in item.reason
    assert no_connect == []


def test_a_mixed_dns_answer_is_refused(
    monkeypatch: pytest.MonkeyPatch, no_connect: list[Any]
) -> None:
    """A rebinding resolver may answer a public and a private address at once."""
    _resolve_to(monkeypatch, {"rebind.test": ["93.184.216.34", "127.0.0.1"]})
    item = _one(read_inputs(["http://rebind.test/"]))
    assert isinstance(item, Rejection) and "127.0.0.1 is a loopback" in item.reason
    assert no_connect == []


def test_the_connected_address_is_checked_again(
    server: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The peer of the open socket is checked, not only the DNS answer: a policy that
    passes the answer but refuses the peer closes the connection unread."""

    class AnswerOnly(FetchPolicy):
        calls = 0

        def problem(self, ip: str, port: int) -> str:
            type(self).calls += 1
            return "" if type(self).calls == 1 else f"{ip} refused at connect time"

    monkeypatch.setattr(guard, "resolve", lambda host, port: ["127.0.0.1"])
    fetcher = Fetcher(policy=AnswerOnly(), retries=1)
    try:
        item = _one(fetcher.read(f"http://page.test:{server.port}/page"))
    finally:
        fetcher.close()
    assert isinstance(item, Rejection) and "refused at connect time" in item.reason
    assert server.hits == []  # connected, refused, closed before sending the request


def test_loopback_server_is_refused_by_default(server: Hostile) -> None:
    item = _one(read_inputs([server.base + "/page"]))
    assert isinstance(item, Rejection) and "loopback" in item.reason
    assert server.hits == []


def test_allowed_with_an_exemption_or_allow_private(server: Hostile) -> None:
    exempt = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}))
    assert isinstance(_one(read_inputs([server.base + "/page"], policy=exempt)), RawDocument)
    loose = FetchPolicy(allow_private=True)
    assert isinstance(_one(read_inputs([server.base + "/page"], policy=loose)), RawDocument)


def test_a_redirect_into_a_refused_address_is_refused(
    server: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}))
    _resolve_to(monkeypatch, {"metadata.test": ["169.254.169.254"]})
    for target in (
        "http://metadata.test/latest/meta-data/",
        "http://169.254.169.254/latest/",
        f"http://127.0.0.1:{server.port + 1}/",  # loopback, another port: not exempt
        "http://[::ffff:127.0.0.1]/",
    ):
        item = _one(read_inputs([f"{server.base}/redirect?to={target}"], policy=policy))
        assert isinstance(item, Rejection), target
        assert "refused to connect" in item.reason, item.reason


def test_a_redirect_to_another_scheme_is_refused(server: Hostile) -> None:
    policy = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}))
    for target in ("file:///etc/passwd", "ftp://example.test/x", "gopher://x.test/"):
        item = _one(read_inputs([f"{server.base}/redirect?to={target}"], policy=policy))
        assert isinstance(item, Rejection) and "http" in item.reason, item.reason


def test_redirect_loop_is_a_rejection(server: Hostile) -> None:
    policy = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}))
    item = _one(read_inputs([server.base + "/loop"], policy=policy))
    assert isinstance(item, Rejection) and "more than 5 redirects" in item.reason
    assert server.hits.count("/loop") == 6


def test_redirect_loop_costs_only_that_url(server: Hostile) -> None:
    policy = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}))
    items = list(read_inputs([server.base + "/loop", server.base + "/page"], policy=policy))
    assert [type(i).__name__ for i in items] == ["Rejection", "RawDocument"]


def test_gzip_encoding_with_a_body_that_is_not_gzip(server: Hostile) -> None:
    policy = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}))
    items = list(read_inputs([server.base + "/badgzip", server.base + "/page"], policy=policy))
    assert isinstance(items[0], Rejection)
    assert "Content-Encoding gzip but its body is not gzip" in items[0].reason
    assert isinstance(items[1], RawDocument)


def test_response_bytes_are_capped(server: Hostile) -> None:
    policy = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}), max_bytes=1 << 20)
    big = _one(read_inputs([server.base + "/big"], policy=policy))
    assert isinstance(big, Rejection) and "larger than the 1 MB limit" in big.reason
    bomb = _one(read_inputs([server.base + "/bomb"], policy=policy))
    assert isinstance(bomb, Rejection)
    assert "decompressed response is larger than the 1 MB limit" in bomb.reason


def test_a_trickling_response_ends_at_the_deadline(server: Hostile) -> None:
    policy = FetchPolicy(exempt=frozenset({("127.0.0.1", server.port)}), deadline=1.0)
    started = time.monotonic()
    item = _one(read_inputs([server.base + "/trickle"], policy=policy))
    elapsed = time.monotonic() - started
    assert isinstance(item, Rejection) and "1 s deadline" in item.reason
    assert elapsed < 1.6  # one attempt: a deadline is not retried


def test_an_unknown_scheme_given_directly_is_refused() -> None:
    fetcher = Fetcher(transport=httpx.MockTransport(lambda r: httpx.Response(200)))
    try:
        item = _one(fetcher.read("ftp://example.test/file"))
    finally:
        fetcher.close()
    assert isinstance(item, Rejection) and "only http and https" in item.reason
