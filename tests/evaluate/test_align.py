from corroborate.evaluate.align import OffsetMap


def test_identity_keeps_offsets() -> None:
    m = OffsetMap("a b c", "a b c")
    assert m.span(2, 3) == (2, 3)


def test_spans_follow_words_across_cleaning() -> None:
    source = "http://example.org/x\nHarbour workers walked out.\nThe mayor spoke."
    target = "Harbour workers walked out.\n\nThe mayor spoke."
    m = OffsetMap(source, target)
    start = source.index("mayor")
    assert m.span(start, start + 5) == (target.index("mayor"), target.index("mayor") + 5)
    assert m.point(source.index("example")) is None  # the URL line was dropped
    assert m.span(0, 20) is None


def test_offsets_inside_a_word_are_kept() -> None:
    m = OffsetMap("Reid's  publicist", "Reid's publicist")
    assert m.span(0, 4) == (0, 4)
    assert m.span(8, 17) == (7, 16)
