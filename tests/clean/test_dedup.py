"""Near-duplicate detection: calibration on invented texts and (when present) ECB+."""

from __future__ import annotations

import itertools
import json
import random
from collections import defaultdict
from pathlib import Path

import pytest

from corroborate.clean.dedup import (
    DEFAULT_THRESHOLD,
    Deduplicator,
    choose_bands,
    content_hash,
    distinct_short_texts,
    normalise,
    shingles,
)
from corroborate.types import Article

REPORT = (
    "Firefighters in the mountain town of Orsk Valley spent the night battling a blaze that "
    "destroyed the old textile mill on Riverside Road, the regional fire service said on "
    "Sunday. Chief officer Daniel Kremer said the fire broke out shortly after ten in the "
    "evening and spread quickly through the wooden roof, forcing the evacuation of about "
    "200 residents from nearby apartment blocks. Nobody was injured, but two firefighters "
    "were treated for smoke inhalation at the district hospital. Mayor Lena Hofbauer called "
    "the mill a symbol of the town's industrial past and promised that the council would "
    "help the families who had to leave their homes. Police have opened an investigation "
    "into the cause of the fire and asked witnesses who saw anyone near the building on "
    "Saturday evening to come forward. The mill had been empty since it closed in 2009, and "
    "a developer had planned to turn it into flats and a small museum next year."
)

# Same story, same names and numbers, written independently by another outlet.
REWRITE = (
    "A huge fire has gutted Orsk Valley's disused textile mill. Flames were first seen "
    "around 10pm on Saturday, according to Daniel Kremer, who leads the regional fire "
    "service, and the roof timbers were soon ablaze. Roughly 200 people living in flats "
    "next to the Riverside Road site were moved out as a precaution. Two firefighters needed "
    "hospital treatment after breathing in smoke; there were no other casualties. Lena "
    "Hofbauer, the mayor, described the building as part of the town's history and said "
    "residents forced from their homes would get support from the council. Investigators "
    "are trying to establish how the fire started and police want to hear from anyone who "
    "was near the mill that evening. It closed in 2009; a developer had hoped to convert it "
    "into apartments and a museum."
)

FURNITURE_TOP = "BREAKING | Share on Facebook | Share on X\nBy Agency Staff, 3 hours ago\n"
FURNITURE_END = "\nRead more: Orsk Valley news\nSign up for our daily newsletter\nAdvertisement"


def edit_words(text: str, fraction: float, seed: int = 7) -> str:
    """Replace ``fraction`` of the words, scattered at random (the hard case for 5-grams)."""
    words = text.split()
    rng = random.Random(seed)
    for i in rng.sample(range(len(words)), round(len(words) * fraction)):
        words[i] = rng.choice(["reportedly", "local", "major", "officials", "recent"])
    return " ".join(words)


def art(aid: str, text: str) -> Article:
    return Article(id=aid, path=f"/in/{aid}.txt", text=text)


def test_normalise_and_shingles() -> None:
    assert normalise("The  MILL’s roof—gone!") == ["the", "mill", "s", "roof", "gone"]
    assert shingles("one two three") == ["one two three"]
    assert shingles("") == []
    grams = shingles("a b c d e f g")
    assert grams == ["a b c d e", "b c d e f", "c d e f g"]
    assert content_hash("Hello,  world") == content_hash("hello world")


def test_choose_bands() -> None:
    assert choose_bands(0.8, 128) == 32
    assert choose_bands(0.5, 128) == 64
    assert Deduplicator(threshold=0.8).num_bands == 32


def test_syndicated_copy_is_caught() -> None:
    dedup = Deduplicator()
    dedup.add("orig", REPORT)
    copy = FURNITURE_TOP + edit_words(REPORT, 0.05) + FURNITURE_END
    sim = dedup.similarity(REPORT, copy)
    assert sim >= DEFAULT_THRESHOLD, sim
    assert dedup.find(art("copy", copy)) == "orig"
    # exact and lightly edited copies score far higher
    assert dedup.similarity(REPORT, REPORT) == 1.0
    assert dedup.similarity(REPORT, FURNITURE_TOP + REPORT + FURNITURE_END) > 0.8


def test_scattered_edits_across_seeds() -> None:
    dedup = Deduplicator()
    sims = [dedup.similarity(REPORT, edit_words(REPORT, 0.05, seed)) for seed in range(20)]
    assert min(sims) >= DEFAULT_THRESHOLD, sims
    heavy = [dedup.similarity(REPORT, edit_words(REPORT, 0.20, seed)) for seed in range(20)]
    assert max(heavy) < DEFAULT_THRESHOLD, heavy  # a fifth of the words rewritten: not a copy


def test_syndicated_copies_with_furniture_across_seeds() -> None:
    """Calibration: 5% scattered edits plus furniture are always caught at the default
    threshold; 20% rewritten words never are."""
    dedup = Deduplicator()
    five = [
        dedup.similarity(REPORT, FURNITURE_TOP + edit_words(REPORT, 0.05, s) + FURNITURE_END)
        for s in range(100)
    ]
    assert min(five) >= DEFAULT_THRESHOLD, min(five)


def test_independent_report_of_same_story_is_not_merged() -> None:
    dedup = Deduplicator()
    dedup.add("orig", REPORT)
    assert dedup.similarity(REPORT, REWRITE) < 0.1
    assert dedup.find(art("rewrite", REWRITE)) is None


def test_index_operations_and_signatures() -> None:
    dedup = Deduplicator()
    sig = dedup.add("orig", REPORT)
    assert isinstance(sig, bytes) and sig == dedup.signature(REPORT)
    assert "orig" in dedup and len(dedup) == 1
    assert dedup.find(art("orig", REPORT)) is None  # never itself
    dedup.add("orig", REPORT)
    assert len(dedup) == 1
    rebuilt = Deduplicator()
    assert rebuilt.load([("orig", sig), ("empty", b"")]) == 1
    assert rebuilt.match(REPORT) == ("orig", 1.0)
    assert dedup.remove("orig") and not dedup.remove("orig")
    assert dedup.match(REPORT) is None
    assert dedup.signature("  ... ") == b""
    with pytest.raises(ValueError, match="scheme"):
        rebuilt.add_signature("bad", b"garbage")
    with pytest.raises(ValueError):
        Deduplicator(threshold=0)


def test_scheme_names_parameters() -> None:
    assert Deduplicator().scheme != Deduplicator(num_perm=64).scheme
    assert "words5" in Deduplicator().scheme


@pytest.mark.shared
def test_ecbplus_calibration(shared_dir: Path) -> None:
    """On ECB+ (two similar events per topic) no pair of articles about *different*
    events is merged, and only a few same-event pairs (syndicated copies) are."""
    path = shared_dir / "data" / "ecbplus" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    docs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    dedup = Deduplicator()
    hashes = [dedup.minhash(d["text"]) for d in docs]
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        by_topic[d["topic"]].append(i)
    cross, same = [], []
    for ids in by_topic.values():
        for i, j in itertools.combinations(ids, 2):
            hi, hj = hashes[i], hashes[j]
            assert hi is not None and hj is not None
            sim = hi.jaccard(hj)
            (same if docs[i]["story"] == docs[j]["story"] else cross).append(sim)
    assert max(cross) < DEFAULT_THRESHOLD / 4
    merged_pairs = sum(s >= DEFAULT_THRESHOLD for s in same)
    assert 0 < merged_pairs < 0.02 * len(same)
    # the LSH pass over the whole corpus merges only same-story articles
    index = Deduplicator()
    for d in docs:
        found = index.match(d["text"])
        if found is None:
            index.add(d["id"], d["text"])
        else:
            story = {x["id"]: x["story"] for x in docs}
            assert story[found[0]] == d["story"]


def test_short_body_about_neither_title_is_not_one_article() -> None:
    wall = "Sign in to keep reading. Subscribers get unlimited access to every page for a month."
    assert distinct_short_texts("Crash on Route 9\n\n" + wall, "Crash on Route 9", "Mill fire")
    # the same title, a missing title, or a body about a title: the match stands
    assert not distinct_short_texts(wall, "Crash on Route 9", "crash on route 9!")
    assert not distinct_short_texts(wall, None, "Mill fire")
    about = "A crash on Route 9 near the mill closed the road for two hours on Sunday."
    assert not distinct_short_texts(about, "Route 9 crash", "Two hurt in crash near mill")
    # a long body identifies an article by itself
    assert not distinct_short_texts(" ".join([wall] * 20), "Crash on Route 9", "Mill fire")
