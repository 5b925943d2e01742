"""The examples/ story with one Russian source, through ``analyze_inputs`` as a user runs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import corroborate

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lesogorsk-ferry"
RUSSIAN = "lesogorsk-pravda-2026-0921-parom"


def test_the_russian_source_joins_the_english_story(tmp_path: Path) -> None:
    result = corroborate.analyze_inputs([str(EXAMPLE)], db=tmp_path / "store.db")
    dossier: dict[str, Any] = result.dossier
    languages = {a["id"]: a["language"] for a in dossier["articles"]}
    assert languages[RUSSIAN] == "ru"
    assert sorted(languages.values()) == ["en", "en", "ru"]
    [story] = dossier["stories"]
    assert len(story["article_ids"]) == 3
    people = {e["name"]: e for e in story["entities"] if e["type"] == "PERSON"}
    for name in ("Andrei Kravtsov", "Viktor Orlov"):
        assert RUSSIAN in {m["article_id"] for m in people[name]["mentions"]}, name
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    conflict = next(f for f in story["figures"] if f["verdict"] == "conflict")
    spans = {texts[r["article_id"]][r["start"] : r["end"]] for r in conflict["reports"]}
    assert "не менее 18 человек" in spans
    assert "12 people" in spans
    saturday = next(t for t in story["timeline"] if t["date"] == "2026-09-19")
    assert RUSSIAN in {r["article_id"] for r in saturday["reports"]}
    kravtsov = people["Andrei Kravtsov"]["id"]
    said = {q["text"] for q in story["quotes"] if q["speaker"] == kravtsov}
    assert "Виновные ответят за это" in said
