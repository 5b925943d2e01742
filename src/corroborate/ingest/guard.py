"""Fetch policy: which addresses the fetcher may connect to, and the fetch deadline.

The check runs in the network backend, on the address the socket is actually connected
to: the host name is resolved once, every resolved address is checked, and the socket
connects to a checked address (never to the name again), so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot slip through. Because every
request goes through the backend, redirects are checked the same way as the first
request. Proxies from the environment are not used (the connected address would be the
proxy's).

Refused by default: loopback, private (RFC 1918, ULA), link-local (169.254/16 with the
cloud metadata address, fe80::/10), multicast, reserved, unspecified, shared (100.64/10)
and every other non-global address, including IPv4-mapped (``::ffff:a.b.c.d``),
6to4, Teredo and NAT64 forms of them.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from corroborate.ingest.limits import FETCH_DEADLINE_S, MAX_DOCUMENT_BYTES, MAX_REDIRECTS

__all__ = ["AddressRefused", "FetchPolicy", "address_problem", "guarded_transport"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(httpcore.ConnectError):
    """The fetch policy refuses to connect to this address."""


@dataclass(frozen=True)
class FetchPolicy:
    """Where fetches may go, and their limits. ``allow_private`` lifts the address check
    (the CLI's ``--allow-private``); ``exempt`` lists ``(ip, port)`` pairs allowed anyway
    (a local feed proxy, or a test server on loopback). ``deadline``: seconds one fetch
    may take in all; ``max_bytes``: response bytes, before and after decompression;
    ``max_redirects``: redirects followed."""

    allow_private: bool = False
    exempt: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    deadline: float = FETCH_DEADLINE_S
    max_bytes: int = MAX_DOCUMENT_BYTES
    max_redirects: int = MAX_REDIRECTS

    def problem(self, ip: str, port: int) -> str:
        """Why connecting to ``ip:port`` is refused ("" when allowed)."""
        if self.allow_private:
            return ""
        try:
            addr = ipaddress.ip_address(ip.split("%", 1)[0])
        except ValueError:
            return f"{ip} is not an IP address"
        if (str(addr), port) in self.exempt:
            return ""
        return address_problem(addr)


def _embedded(addr: IPAddress) -> list[IPAddress]:
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64)."""
    if not isinstance(addr, ipaddress.IPv6Address):
        return []
    found: list[IPAddress] = []
    if addr.ipv4_mapped is not None:
        found.append(addr.ipv4_mapped)
    if addr.sixtofour is not None:
        found.append(addr.sixtofour)
    if addr.teredo is not None:
        found.extend(addr.teredo)
    if addr in _NAT64:
        found.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    return found


def address_problem(addr: IPAddress) -> str:
    """Why ``addr`` is not a public address ("" when it is)."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        why = address_problem(addr.ipv4_mapped)  # ::ffff:a.b.c.d is a.b.c.d
        return f"{addr} maps {why}" if why else ""
    for inner in _embedded(addr):
        why = address_problem(inner)
        if why:
            return f"{addr} embeds {why}"
    kinds = (
        ("unspecified", addr.is_unspecified),
        ("loopback", addr.is_loopback),
        ("link-local", addr.is_link_local),
        ("multicast", addr.is_multicast),
        ("reserved", addr.is_reserved),
        ("private", addr.is_private),
    )
    for name, hit in kinds:
        if hit:
            return f"{addr} is a {name} address"
    if not addr.is_global:
        return f"{addr} is not a public address"
    return ""


def resolve(host: str, port: int) -> list[str]:
    """Addresses of ``host`` (tests replace this to simulate DNS answers)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Deadline:
    """The end of the current fetch, per thread (``None``: no deadline)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def start(self, seconds: float | None) -> None:
        self._local.end = None if seconds is None else time.monotonic() + seconds

    def left(self) -> float | None:
        end: float | None = getattr(self._local, "end", None)
        return None if end is None else end - time.monotonic()

    def cap(self, timeout: float | None, what: type[Exception]) -> float | None:
        """``timeout`` shortened to the time left; raises ``what`` once it has passed."""
        left = self.left()
        if left is None:
            return timeout
        if left <= 0:
            raise what("the fetch deadline has passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the fetch deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.cap(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        limit = self._deadline.cap(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, limit), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves, checks every address against the policy, connects to a checked one."""

    def __init__(self, policy: FetchPolicy, deadline: Deadline) -> None:
        self.policy = policy
        self.deadline = deadline
        self._sync = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = self.deadline.cap(timeout, httpcore.ConnectTimeout)
        try:
            addresses = resolve(host.strip("[]"), port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no address")
        problems = [self.policy.problem(ip, port) for ip in addresses]
        refused = [why for why in problems if why]
        if refused:  # one bad answer taints the name: a rebinding resolver mixes them
            raise AddressRefused(f"refused to connect to {host}: {refused[0]}")
        last: Exception | None = None
        for ip in addresses:
            try:
                inner = self._sync.connect_tcp(
                    ip, port, self.deadline.cap(timeout, httpcore.ConnectTimeout),
                    local_address, socket_options,
                )  # fmt: skip
            except httpcore.ConnectError as exc:
                last = exc
                continue
            peer = inner.get_extra_info("server_addr")
            why = self.policy.problem(str(peer[0]), port) if peer else ""
            if why:  # the address actually connected to, checked again
                inner.close()
                raise AddressRefused(f"refused to connect to {host}: {why}")
            return _Stream(inner, self.deadline)
        raise last or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise AddressRefused("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self._sync.sleep(seconds)


def guarded_transport(policy: FetchPolicy, deadline: Deadline) -> httpx.HTTPTransport:
    """An ``httpx`` transport that connects only where ``policy`` allows, by ``deadline``."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool._network_backend = GuardedBackend(policy, deadline)
    return transport
