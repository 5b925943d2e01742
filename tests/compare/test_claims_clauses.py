"""Which clause of a sentence a claim shows (`claims._stating_clauses`) and which unit heads
it (`claims._make_claim`), on hand-made units."""

from __future__ import annotations

import dataclasses

from corroborate.compare.claims import FactUnit, _make_claim, _stating_clauses

JOIN = 0.4


def _unit(doc: int, sentence: int, text: str) -> FactUnit:
    return FactUnit(
        doc=doc,
        article_id=f"a{doc}",
        source=f"s{doc}",
        label=f"s{doc}",
        position=sentence,
        sentence=sentence,
        sent_start=0,
        sent_end=200,
        start=0,
        end=len(text),
        text=text,
        published=None,
        whole=False,
    )


# Article 0's sentence 0 has three units; article 1's sentence 1 states one of its facts.
UNITS = [
    _unit(0, 0, "Officer Ana Ruiz said the tanker was towed to Port Vell"),
    _unit(0, 0, "the tanker was towed to Port Vell"),
    _unit(0, 0, "when the union says 40 dockers were sent home"),
    _unit(1, 1, "The tanker was towed to Port Vell on Friday."),
]
KEEP = set(range(len(UNITS)))


def _never(i: int, j: int) -> bool:
    return False


def test_a_claim_shows_the_clause_that_shares_its_wording() -> None:
    prob = {(0, 3): 0.8, (1, 3): 0.7, (2, 3): 0.85}
    lex = {(0, 3): 0.5, (1, 3): 0.8, (2, 3): 0.0}
    out = _stating_clauses(UNITS, [[2, 3]], prob, lex, JOIN, KEEP, _never)
    assert out == [[1, 3]]


def test_a_clause_the_model_would_not_let_join_is_not_taken() -> None:
    prob = {(0, 3): 0.8, (1, 3): 0.3, (2, 3): 0.85}
    lex = {(0, 3): 0.5, (1, 3): 0.8, (2, 3): 0.0}
    out = _stating_clauses(UNITS, [[2, 3]], prob, lex, JOIN, KEEP, _never)
    assert out == [[0, 3]]


def test_a_conflicting_version_and_one_article_claims_stay() -> None:
    prob = {(0, 3): 0.8, (1, 3): 0.7, (2, 3): 0.85}
    lex = {(0, 3): 0.5, (1, 3): 0.8, (2, 3): 0.0}
    out = _stating_clauses(
        UNITS, [[2, 3], [0]], prob, lex, JOIN, KEEP, lambda i, j: {i, j} == {2, 3}
    )
    assert out == [[2, 3], [0]]


def test_a_claim_is_headed_by_a_clause_that_reads_on_its_own() -> None:
    # the relative clause carries more (an entity), but "who fled ..." is no headline
    fragment = dataclasses.replace(
        _unit(0, 0, "who fled the harbour on a stolen bike"), entities=frozenset({"E1"})
    )
    main = _unit(1, 1, "The deckhand fled the harbour on a bike.")
    claim = _make_claim([fragment, main], {})
    assert claim.verdict == "corroborated"
    assert claim.text == "The deckhand fled the harbour on a bike."
    alone = _make_claim([fragment], {})
    assert alone.text == "who fled the harbour on a stolen bike"
