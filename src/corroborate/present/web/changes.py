"""What changed in the store: new stories, new facts, verdicts that moved.

A **snapshot** keeps, per story, its article ids and for each fact (figure group or claim)
its kind, label, verdict and evidence spans, keyed by the fact's id
(:func:`corroborate.present.review.fact_id`: a hash of its spans). Stories are matched
across two snapshots by the articles they share (re-linking may rename a story): a
story's facts before are those of every earlier story with one of its articles. A fact is
the same fact as before when it has the same id, or else when it shares evidence spans
with an earlier fact of its kind (the one sharing most: a claim a new article supports
gains a span and so a new id). A fact matching none is **new**; a matched one whose
verdict differs has **moved**; an earlier story none of whose articles is in any story now
is **gone**.

Two uses: a job diffs the snapshot taken before its link stage against the stories it
touched (the job page shows it), and ``/changes`` diffs the store against the snapshot
kept under the state key :data:`SEEN_KEY` (taken when the app first served this store,
then each time the analyst marks the changes seen): what uploads *and* watched updates
(``corroborate watch`` writing the same store) changed since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from corroborate.present.review import evidence_of, iter_facts
from corroborate.store import Store

__all__ = [
    "SEEN_KEY",
    "FactChange",
    "StoryChanges",
    "diff",
    "figure_label",
    "mark_seen",
    "seen_snapshot",
    "since_seen",
    "snapshot",
]

SEEN_KEY = "web.seen"
FORMAT = 1

#: story id -> {"title", "articles": [ids], "facts": {fact id: {kind, label, verdict, spans}}}
Snapshot = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class FactChange:
    """One fact that is new (``before`` None) or whose verdict moved."""

    key: str
    kind: str  # "figure" | "claim"
    label: str
    before: str | None
    after: str


@dataclass(frozen=True)
class StoryChanges:
    """What changed in one story (``new``: none of its articles was in a story before)."""

    story_id: str
    title: str
    new: bool
    added_articles: tuple[str, ...]
    new_facts: tuple[FactChange, ...]
    moved: tuple[FactChange, ...]

    def to_json(self) -> dict[str, Any]:
        """The API's view."""

        def fact(c: FactChange) -> dict[str, Any]:
            return {
                "key": c.key,
                "kind": c.kind,
                "label": c.label,
                "before": c.before,
                "after": c.after,
            }

        return {
            "story_id": self.story_id,
            "title": self.title,
            "new": self.new,
            "added_articles": list(self.added_articles),
            "new_facts": [fact(c) for c in self.new_facts],
            "moved": [fact(c) for c in self.moved],
        }


def figure_label(fig: Mapping[str, Any]) -> str:
    """A figure group as a reader names it: measure · subject · unit."""
    parts = [str(fig.get(k)) for k in ("measure", "subject", "unit") if fig.get(k)]
    return " · ".join(parts) or str(fig.get("id", "figure"))


def _facts(story: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for ref in iter_facts(story):
        label = figure_label(ref.fact) if ref.kind == "figure" else str(ref.fact.get("text"))
        out[ref.id] = {
            "kind": ref.kind,
            "label": label,
            "verdict": str(ref.fact.get("verdict")),
            "spans": [list(span) for span in evidence_of(ref.kind, ref.fact)],
        }
    return out


def snapshot(stories: Iterable[Mapping[str, Any]]) -> Snapshot:
    """The state of ``stories`` that :func:`diff` compares."""
    return {
        str(s["id"]): {
            "title": str(s.get("title") or s["id"]),
            "articles": [str(a) for a in s.get("article_ids") or []],
            "facts": _facts(s),
        }
        for s in stories
        if s.get("id") is not None
    }


def _earlier(
    fid: str, fact: Mapping[str, Any], old: Mapping[str, Mapping[str, Any]], by_span: Any
) -> Mapping[str, Any] | None:
    """The earlier version of a fact: the same id, else the fact of its kind sharing most
    evidence spans with it."""
    if fid in old:
        return old[fid]
    shared: dict[str, int] = {}
    for span in fact["spans"]:
        for other in by_span.get(tuple(span), ()):
            if old[other]["kind"] == fact["kind"]:
                shared[other] = shared.get(other, 0) + 1
    if not shared:
        return None
    return old[max(shared, key=lambda k: (shared[k], k))]


def diff(before: Snapshot, after: Snapshot) -> tuple[list[StoryChanges], list[str]]:
    """Changes from ``before`` to ``after`` (stories with any change, most changes first),
    and the titles of earlier stories that are gone."""
    by_article: dict[str, list[str]] = {}
    for sid, state in before.items():
        for aid in state["articles"]:
            by_article.setdefault(aid, []).append(sid)
    now_articles = {aid for state in after.values() for aid in state["articles"]}
    changes = []
    for sid, state in after.items():
        earlier = dict.fromkeys(p for aid in state["articles"] for p in by_article.get(aid, ()))
        old: dict[str, Mapping[str, Any]] = {}
        old_articles: set[str] = set()
        for p in earlier:
            old.update(before[p]["facts"])
            old_articles.update(before[p]["articles"])
        by_span: dict[tuple[str, int, int], list[str]] = {}
        for fid, fact in old.items():
            for span in fact["spans"]:
                by_span.setdefault(tuple(span), []).append(fid)
        new_facts, moved = [], []
        for fid, fact in state["facts"].items():
            was = _earlier(fid, fact, old, by_span)
            if was is None:
                new_facts.append(
                    FactChange(fid, fact["kind"], fact["label"], None, fact["verdict"])
                )
            elif was["verdict"] != fact["verdict"]:
                change = FactChange(
                    fid, fact["kind"], fact["label"], was["verdict"], fact["verdict"]
                )
                moved.append(change)
        added = tuple(a for a in state["articles"] if a not in old_articles)
        if new_facts or moved or added:
            changes.append(
                StoryChanges(
                    sid, state["title"], not earlier, added, tuple(new_facts), tuple(moved)
                )
            )
    changes.sort(key=lambda c: (-len(c.moved), -len(c.new_facts), c.story_id))
    gone = [
        state["title"]
        for state in before.values()
        if not any(aid in now_articles for aid in state["articles"])
    ]
    return changes, gone


def seen_snapshot(store: Store) -> tuple[str | None, Snapshot]:
    """When the store was last marked seen, and its snapshot then (None, {}: never)."""
    value = store.get_state(SEEN_KEY)
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        return None, {}
    return value.get("at"), value["stories"]


def mark_seen(store: Store) -> str:
    """Remember the store as it is now as seen; returns the time (UTC, ISO-8601)."""
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    store.put_state(SEEN_KEY, {"format": FORMAT, "at": at, "stories": snapshot(store.stories())})
    return at


def since_seen(store: Store) -> dict[str, Any]:
    """What changed since the store was last marked seen (the ``/changes`` page)."""
    at, before = seen_snapshot(store)
    found, gone = diff(before, snapshot(store.stories()))
    return {"seen_at": at, "stories": [c.to_json() for c in found], "gone": gone}
