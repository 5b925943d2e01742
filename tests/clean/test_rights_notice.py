"""A page's rights notice is furniture; an article's sentences about copyright are not."""

from __future__ import annotations

import pytest

from corroborate.clean.boilerplate import clean_dump, clean_extracted, is_rights_notice

BODY = (
    "Two men were arrested on Friday after a shooting on Elm Street left one man wounded, "
    "police said.\n\n"
    "Officers found the victim near a store at about 9 p.m., a police spokeswoman said."
)


@pytest.mark.parametrize(
    "line",
    [
        "Copyright 2016 KXYZ Action News 7. All rights reserved.",
        "(TM and © Copyright 2016 Dunmore Radio Inc. and its subsidiaries. Used under license. "
        "All Rights Reserved. This material may not be published, broadcast, rewritten, or "
        "redistributed.)",
        "Copyright © 2017 by WQRS - All rights reserved.",
        "Copyright 2015 Dunmore Wire modified.",
    ],
)
def test_notices(line: str) -> None:
    assert is_rights_notice(line)


@pytest.mark.parametrize(
    "line",
    [
        "© Ivo Lenz, 24, was killed in a Dunmore shooting Saturday evening.",  # a photo's ©
        "The band sued over the copyright of the song in 2015, its lawyer said.",
        "Copyright law experts said the case was unusual.",
    ],
)
def test_article_sentences(line: str) -> None:
    assert not is_rights_notice(line)


def test_clean_dump_and_extracted_bodies_drop_the_notice() -> None:
    notice = "Copyright 2016 KXYZ Action News 7. All rights reserved."
    dump = clean_dump(f"Two men held after Elm Street shooting\n\n{BODY}\n\n{notice}")
    assert all("rights reserved" not in p for p in dump.paragraphs)
    assert [r.reason for r in dump.removed if r.text == notice] == ["notice"]
    assert len(dump.paragraphs) == 2
    assert clean_extracted(f"{BODY}\n\n{notice}") == tuple(BODY.split("\n\n"))
