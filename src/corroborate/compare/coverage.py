"""Coverage: which claims each outlet reported, and which only it reported.

An outlet is ``Article.outlet`` compared case-insensitively (shown as first written); an
article without an outlet is its own source, named by its article id — the same rule
:func:`corroborate.compare.claims.align_claims` uses to count sources.
"""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.compare.claims import source_key
from corroborate.types import AnalyzedArticle, Claim, OutletCoverage


def coverage(
    docs: Sequence[AnalyzedArticle], claims: Sequence[Claim]
) -> tuple[OutletCoverage, ...]:
    """One :class:`OutletCoverage` per source, in the order sources first appear in ``docs``."""
    key_of: dict[str, str] = {}
    labels: dict[str, str] = {}
    articles: dict[str, list[str]] = {}
    for doc in docs:
        key, label = source_key(doc)
        key_of[doc.article.id] = key
        labels.setdefault(key, label)
        articles.setdefault(key, []).append(doc.article.id)
    reported: dict[str, list[str]] = {key: [] for key in articles}
    exclusive: dict[str, list[str]] = {key: [] for key in articles}
    for claim in claims:
        keys = list(
            dict.fromkeys(key_of[e.article_id] for e in claim.support if e.article_id in key_of)
        )
        for key in keys:
            reported[key].append(claim.id)
        if len(keys) == 1:
            exclusive[keys[0]].append(claim.id)
    return tuple(
        OutletCoverage(
            outlet=labels[key],
            article_ids=tuple(articles[key]),
            claim_ids=tuple(reported[key]),
            exclusive_claim_ids=tuple(exclusive[key]),
        )
        for key in articles
    )
