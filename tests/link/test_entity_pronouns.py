"""link.nominals rules 4-5: it/its -> ORG/FAC, relative pronouns (invented texts)."""

from __future__ import annotations

import re

from corroborate.link.nominals import link_nominals
from corroborate.types import Analysis, LocalEntity, Mention


def _analysis(text: str, *ents: tuple[str, str, str]) -> Analysis:
    """Entities (id, type, surface form) with a mention at every occurrence of the form."""
    out = []
    for eid, typ, form in ents:
        ms = tuple(
            Mention(m.start(), m.end(), form, typ, eid)
            for m in re.finditer(re.escape(form) + r"\b", text)
        )
        out.append(LocalEntity(eid, form, typ, (form,), (), ms))
    return Analysis(article_id="a", entities=tuple(out))


def _links(text: str, *ents: tuple[str, str, str]) -> list[tuple[str, str, int]]:
    return [(m.text, m.entity_id, m.start) for m in link_nominals(text, _analysis(text, *ents))]


def test_its_links_the_organisation() -> None:
    text = "Brightfield Holdings said on Monday that its new plant will open. It expects growth."
    links = _links(text, ("e0", "ORG", "Brightfield Holdings"))
    assert ("its", "e0", text.index("its")) in links
    assert ("It", "e0", text.index("It ")) in links


def test_it_never_links_a_person_or_a_far_organisation() -> None:
    text = "Mara Quill arrived. The weather was cold. It rained all day."
    assert _links(text, ("e0", "PERSON", "Mara Quill")) == []
    text2 = "Brightfield Holdings opened. Snow fell. The roads closed. It was late."
    assert _links(text2, ("e0", "ORG", "Brightfield Holdings")) == []  # 3 sentences back


def test_it_with_two_candidate_organisations_is_not_linked() -> None:
    text = "Brightfield Holdings and Corvin Trust agreed a merger. It will close soon."
    ents = (("e0", "ORG", "Brightfield Holdings"), ("e1", "ORG", "Corvin Trust"))
    assert _links(text, *ents) == []


def test_they_is_not_linked() -> None:
    text = "Brightfield Holdings said they would appeal."
    assert [t for t, *_ in _links(text, ("e0", "ORG", "Brightfield Holdings"))] == []


def test_relative_pronoun_after_a_mention() -> None:
    text = (
        "Investigators questioned Mara Quill, who denied it. "
        "Brightfield Holdings, which owns it, agreed."
    )
    links = _links(text, ("e0", "PERSON", "Mara Quill"), ("e1", "ORG", "Brightfield Holdings"))
    assert ("who", "e0", text.index("who")) in links
    assert ("which", "e1", text.index("which")) in links


def test_relative_pronoun_type_must_fit() -> None:
    # "which" never refers to a person; "that" after a verb is not a relative pronoun
    text = "They met Mara Quill, which surprised many. Officials said that Quill left."
    links = _links(text, ("e0", "PERSON", "Mara Quill"))
    assert all(t not in ("which", "that") for t, *_ in links)
