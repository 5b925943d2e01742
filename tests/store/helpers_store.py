"""Small invented articles for the store tests."""

from __future__ import annotations

from corroborate.types import Article, CleaningStats

SYNDICATED = (
    "The harbour authority in Velmora said on Monday that all container traffic would be "
    "suspended for three days while engineers inspect the northern breakwater, which was "
    "damaged in last week's storm. Port director Mara Ilves told reporters that about 40 "
    "ships had been diverted to the southern terminal and that the union of dock workers "
    "had agreed to extra shifts. Insurers estimate the storm damage at over 12 million "
    "euros, and the city council will hold an emergency session on Thursday to approve "
    "repair funds. Shipping companies warned that delays could last until the end of "
    "the month if the inspection finds further cracks in the concrete."
)


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
        "title": f"Velmora harbour report {n}",
        "published": "2021-02-02",
        "published_source": "metadata",
        "language": "en",
        "content_hash": f"hash-{n}",
        "cleaning": CleaningStats(len(body) + 40, len(body), 3),
    }
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]
