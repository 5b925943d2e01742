"""Reviews: an analyst confirms or dismisses a verdict, with a note.

The rule:

* **Fact id.** Every figure group and claim has a content-derived id, ``figure-<12 hex>`` or
  ``claim-<12 hex>``: the SHA-1 of its sorted evidence spans (``article:start:end``, figure
  reports or claim support). Article ids come from the input or the article's content and
  offsets from the deterministic cleaner, so re-analysis (another article added, the store
  rebuilt) gives an unchanged fact the same id. A claim's id is the one the claim stage
  gives it; a figure's dossier ``id`` (``F3``) is only its number in the story.
* **Stored** in the store's ``reviews`` table (:class:`~corroborate.store.Review`) with the
  verdict and evidence the analyst saw.
* **Shown** on the fact as ``review``: ``match`` is ``exact`` when the fact still has that
  id; ``carried`` when the fact changed (its evidence grew or shrank) and this fact holds
  most of the reviewed spans; the verdict the analyst saw is kept beside the current one.
  A review that matches no fact is kept in the store and shown nowhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from corroborate.errors import CorroborateError
from corroborate.store.base import Decision, Review, Store

__all__ = [
    "FactRef",
    "ReviewError",
    "attach_reviews",
    "clear_review",
    "evidence_of",
    "fact_id",
    "find_fact",
    "iter_facts",
    "review_fact",
]

FactKind = Literal["figure", "claim"]
Span = tuple[str, int, int]
DECISIONS: dict[str, Decision] = {
    "confirm": "confirmed",
    "confirmed": "confirmed",
    "dismiss": "dismissed",
    "dismissed": "dismissed",
}
_EVIDENCE = {"figure": "reports", "claim": "support"}
_FIELDS: tuple[tuple[FactKind, str], ...] = (("figure", "figures"), ("claim", "claims"))


class ReviewError(CorroborateError):
    """A review names no known fact, or an unknown decision."""


def evidence_of(kind: str, fact: Mapping[str, Any]) -> list[Span]:
    """The ``(article_id, start, end)`` spans of a figure's reports or a claim's support."""
    out: list[Span] = []
    for ev in fact.get(_EVIDENCE.get(kind, "support")) or []:
        start, end = ev.get("start"), ev.get("end")
        if isinstance(start, int) and isinstance(end, int):
            out.append((str(ev.get("article_id")), start, end))
    return out


def fact_id(kind: str, fact: Mapping[str, Any]) -> str:
    """The content-derived id of a figure group or claim (see the module docstring)."""
    key = "|".join(sorted(f"{a}:{s}:{e}" for a, s, e in evidence_of(kind, fact)))
    return f"{kind}-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class FactRef:
    """A figure group or claim of a stored story."""

    story_id: str
    kind: FactKind
    fact: Mapping[str, Any]
    id: str


def iter_facts(story: Mapping[str, Any]) -> Iterator[FactRef]:
    """The story's figure groups, then its claims, with their fact ids."""
    sid = str(story.get("id"))
    for kind, field in _FIELDS:
        for fact in story.get(field) or []:
            if isinstance(fact, Mapping):
                yield FactRef(sid, kind, fact, fact_id(kind, fact))


def find_fact(stories: Iterable[Mapping[str, Any]], wanted: str) -> FactRef | None:
    """The fact with id ``wanted`` in ``stories``."""
    for story in stories:
        for ref in iter_facts(story):
            if ref.id == wanted:
                return ref
    return None


def review_fact(store: Store, wanted: str, decision: str, note: str = "") -> Review:
    """Confirm or dismiss (``decision``: ``confirm``/``dismiss``) the verdict of the fact
    ``wanted`` of a stored story, with ``note``; returns the stored review."""
    chosen = DECISIONS.get(decision.strip().lower())
    if chosen is None:
        raise ReviewError(f"unknown decision {decision!r}: give 'confirm' or 'dismiss'")
    stories = store.stories()
    ref = find_fact(stories, wanted.strip())
    if ref is None:
        raise ReviewError(
            f"no figure or claim with id {wanted!r} in the store; fact ids are shown in the "
            "report (beside each fact) and in dossier.json ('fact_id' of figures and claims)"
        )
    earlier = _shown(stories, ref, store.reviews())
    if earlier is not None and earlier != ref.id:
        store.delete_review(earlier)  # a review carried to this fact: replaced by this one
    return store.put_review(
        Review(
            fact_id=ref.id,
            decision=chosen,
            note=note.strip(),
            kind=ref.kind,
            verdict=str(ref.fact.get("verdict") or ""),
            story_id=ref.story_id,
            evidence=tuple(evidence_of(ref.kind, ref.fact)),
        )
    )


def clear_review(store: Store, wanted: str) -> bool:
    """Remove the review of fact ``wanted`` (its own, or one carried to it from an earlier
    version of the fact); False when it had none."""
    wanted = wanted.strip()
    if store.delete_review(wanted):
        return True
    stories = store.stories()
    ref = find_fact(stories, wanted)
    shown = None if ref is None else _shown(stories, ref, store.reviews())
    return shown is not None and store.delete_review(shown)


def _shown(
    stories: Sequence[Mapping[str, Any]], ref: FactRef, reviews: Sequence[Review]
) -> str | None:
    """The fact id of the stored review shown on ``ref``'s fact, if any."""
    story = next(s for s in stories if str(s.get("id")) == ref.story_id)
    for fact in iter_facts(attach_reviews([dict(story)], reviews)[0]):
        if fact.id == ref.id:
            review = fact.fact.get("review")
            return str(review["reviewed_fact_id"]) if review else None
    return None


def _record(review: Review, match: str) -> dict[str, Any]:
    return {
        "reviewed_fact_id": review.fact_id,
        "decision": review.decision,
        "note": review.note,
        "verdict_at_review": review.verdict,
        "reviewed_at": review.updated_at,
        "match": match,
    }


def attach_reviews(
    stories: Sequence[dict[str, Any]], reviews: Iterable[Review]
) -> list[dict[str, Any]]:
    """Copies of ``stories`` whose figures and claims carry ``fact_id`` and ``review``
    (None when not reviewed); see the module docstring for how reviews are matched."""
    out = [dict(s) for s in stories]
    refs: list[tuple[dict[str, Any], FactRef]] = []
    for story in out:
        for field in ("figures", "claims"):
            story[field] = [dict(f) for f in story.get(field) or [] if isinstance(f, Mapping)]
        for ref in iter_facts(story):
            record = ref.fact
            assert isinstance(record, dict)
            record["fact_id"], record["review"] = ref.id, None
            refs.append((record, ref))
    by_id = {ref.id: record for record, ref in refs}
    left: list[Review] = []
    for review in reviews:
        found = by_id.get(review.fact_id)
        if found is not None:
            found["review"] = _record(review, "exact")
        else:
            left.append(review)
    for review in left:
        carried = _carried(review, refs)
        if carried is not None and carried["review"] is None:
            carried["review"] = _record(review, "carried")
    return out


def _carried(
    review: Review, refs: Sequence[tuple[dict[str, Any], FactRef]]
) -> dict[str, Any] | None:
    """The fact of the same kind holding most of the reviewed spans (at least half)."""
    seen = set(review.evidence)
    if not seen:
        return None
    best: dict[str, Any] | None = None
    best_share = 0.5
    for fact, ref in refs:
        if ref.kind != review.kind:
            continue
        share = len(seen & set(evidence_of(ref.kind, fact))) / len(seen)
        if share >= best_share and (best is None or share > best_share):
            best, best_share = fact, share
    return best
