"""An outlet's page: its stories and articles, what it alone reported, where it is contested.

An outlet is a source label (:func:`label_of`: the outlet, else the site or the input's
name). Its stories are those the search index lists under it (the index knows named
outlets); a label the index does not know (a site or a file name) is looked for in every
stored story, a scan of the store. In each story its articles are those with its label (a
merged duplicate's id counts as its article). A fact is
- **its alone** when its verdict is ``single_source`` and every span is in its articles;
- **contested with it** when the verdict is ``conflict``/``contested`` and one of the
  versions (a figure report, a claim's support or contradiction) is in its articles.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from corroborate.present.labels import source_label
from corroborate.present.web.changes import figure_label
from corroborate.store import Store
from corroborate.store.search import StoryQuery, count_conflicts
from corroborate.types import Article

__all__ = ["label_of", "outlet_summaries", "outlet_view"]

MAX_STORIES = 500
CONTESTED = ("conflict", "contested")


def label_of(record: Article | Mapping[str, Any]) -> str:
    """How the app names an article record's source (one label everywhere)."""
    return source_label(record)


def outlet_summaries(store: Store) -> list[dict[str, Any]]:
    """Every outlet the index knows, with how many stories it is in (most first)."""
    counts = []
    for name in store.list_outlets():
        _, total = store.search_stories(StoryQuery(outlet=name, limit=1))
        counts.append((name, total))
    counts.sort(key=lambda o: (-o[1], o[0].casefold()))
    return [{"name": name, "n_stories": total} for name, total in counts]


def _summary(story: Mapping[str, Any]) -> dict[str, Any]:
    """A stored story as the search index summarises it."""
    return {
        "id": str(story["id"]),
        "title": story.get("title"),
        "first_published": story.get("first_published"),
        "last_published": story.get("last_published"),
        "n_articles": len(story.get("article_ids") or []),
        "n_conflicts": count_conflicts(dict(story)),
        "outlets": [],
    }


def _spans(
    items: list[Mapping[str, Any]], labels: Mapping[str, str], role: str
) -> list[dict[str, Any]]:
    return [
        {
            "article_id": str(r.get("article_id")),
            "start": int(r.get("start") or 0),
            "end": int(r.get("end") or 0),
            "text": r.get("text"),
            "source": labels.get(str(r.get("article_id")), str(r.get("article_id"))),
            "role": role,
        }
        for r in items
    ]


def _facts(
    story: Mapping[str, Any], labels: Mapping[str, str], mine: set[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    alone: list[dict[str, Any]] = []
    contested: list[dict[str, Any]] = []
    base = {"story_id": str(story["id"]), "story_title": story.get("title")}
    facts: list[tuple[str, Mapping[str, Any], str, list[dict[str, Any]]]] = []
    for fig in story.get("figures") or []:
        spans = _spans(list(fig.get("reports") or []), labels, "report")
        facts.append(("figure", fig, figure_label(fig), spans))
    for claim in story.get("claims") or []:
        spans = _spans(list(claim.get("support") or []), labels, "support")
        spans += _spans(list(claim.get("contradicted_by") or []), labels, "contradicts")
        facts.append(("claim", claim, str(claim.get("text") or ""), spans))
    for kind, fact, label, spans in facts:
        ids = {s["article_id"] for s in spans}
        verdict = str(fact.get("verdict"))
        ref = {**base, "kind": kind, "id": str(fact.get("id")), "label": label}
        ref.update(verdict=verdict, spans=spans)
        if verdict == "single_source" and ids and ids <= mine:
            alone.append(ref)
        elif verdict in CONTESTED and ids & mine:
            contested.append(ref)
    return alone, contested


def outlet_view(
    store: Store, name: str, articles_of: Any, summaries: list[dict[str, Any]] | None = None
) -> dict[str, Any] | None:
    """The outlet page's data (None: no story has an article of ``name``).

    ``articles_of(store, story)`` gives a story's article records (the API's helper)."""
    if summaries is None:
        summaries, _ = store.search_stories(StoryQuery(outlet=name, limit=MAX_STORIES))
    if not summaries:  # not a named outlet: a site or an input's name
        summaries = [_summary(s) for s in store.stories()]
    stories, articles, alone, contested = [], [], [], []
    for summary in summaries:
        story = store.get_story(str(summary["id"]))
        if story is None:
            continue
        records = articles_of(store, story)
        labels: dict[str, str] = {}
        mine: set[str] = set()
        for record in records:
            label = label_of(record)
            for aid in [record["id"], *(record.get("duplicate_ids") or [])]:
                labels[str(aid)] = label
                if label == name:
                    mine.add(str(aid))
        if not mine:
            continue
        stories.append(summary)
        articles += [
            {"id": r["id"], "title": r.get("title"), "story_id": str(story["id"])}
            for r in records
            if r["id"] in mine
        ]
        a, c = _facts(story, labels, mine)
        alone += a
        contested += c
    if not stories:
        return None
    return {
        "name": name,
        "stories": stories,
        "articles": articles,
        "alone": alone,
        "contested": contested,
    }
