"""Small invented articles for the store tests."""

from __future__ import annotations

from corroborate.types import Article, CleaningStats


def make_article(n: int, text: str | None = None, **kw: object) -> Article:
    body = text or (
        f"Report number {n}: the harbour authority in Velmora said on Monday that crane "
        f"operator shift {n} would start {n * 7} minutes earlier after a review of safety "
        f"procedures, and that the dock workers union had agreed to the change."
    )
    fields: dict[str, object] = {
        "id": f"a{n}",
        "path": f"/in/file{n}.txt",
        "text": body,
        "url": f"https://example.org/{n}",
        "outlet": "Example Gazette",
        "title": f"Title {n}",
        "published": "2021-02-02",
        "published_source": "metadata",
        "language": "en",
        "content_hash": f"hash-{n}",
        "cleaning": CleaningStats(len(body) + 40, len(body), 3),
    }
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]
