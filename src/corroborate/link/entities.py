"""Cross-outlet entity resolution: the LocalEntities of a story's articles -> StoryEntities.

Rules (unit-tested in ``tests/link/test_entities.py``, ``test_entity_names.py`` and
``test_entity_times.py``; see docs/entity-resolution.md):

1. **Exact keys.** Two local entities that share a normalised form (``aliases.name_key``,
   country/union variants folded by ``aliases.canonical_place``: Britain = Great Britain
   = UK = United Kingdom = U.K.) are one entity, whatever NER typed them. The surname
   and first-name aliases of a full-name person are left out of this step (rule 4
   decides about bare surnames).
2. **Transliteration.** Two PERSON full names (2+ capitalised words) are one person when
   their surnames match up to spelling (``aliases.words_match``: phonetic key, then
   rapidfuzz >= 0.88), their first names match the same way (or one is the other's
   initial) and their middle names, when both have one, agree; a two-word name may also
   go by the longer name's middle name ("Joseph Comeaux" ~ "Arcade Joseph Comeaux").
   Groups merge only when *every* pair of their full names agrees (complete link), so
   "A. Ivanov" cannot chain "Anna Ivanova" to "Alexei Ivanov".
3. **Acronyms.** An acronym joins the one group whose multi-word name has those initials
   ("ECHR" <-> "European Court of Human Rights"; "U.S." gives "us": "USAF").
4. **Surnames.** A group with no multi-word form (a bare "Navalny", typed PERSON or ORG:
   NER often tags surnames ORG) joins the one full-name person whose surname has the
   same phonetic key. With two or more candidates ("Ivanov" beside "Pavel Ivanov" and
   "Boris Ivanov") it joins the one that shares a role with it, else stays its own
   (ambiguous) entity. Places (GPE/LOC/FAC) never attach to a person. A bare PERSON
   name that is no one's surname joins the one full-name person with that first name.
5. **Type** by vote over the local entities, weighted by their mention counts; a PERSON
   local entity with a full name weighs ``FULL_NAME_WEIGHT`` times more.
6. **Name**: the most frequent multi-word form (then the longest); acronyms only when
   nothing else exists. **Roles** with matching ``aliases.role_key`` are merged.
7. **Short organisation names** (after rule 4): a one-word organisation joins the one
   multi-word organisation of the story that starts or ends with it ("Chargers" <-> "San
   Diego Chargers"), unless that name is a body, a street or a paper of it ("Anchorage
   Police Department"): rule 19 of docs/entity-resolution.md.
8. **Times** (``resolve_times``, ``resolve_entities(times=True)``): ``Analysis.dates``
   grouped by :func:`time_key`: days (resolved relative days, explicit dates that are not
   datelines) and unresolved weekdays link across articles, everything else within its
   article.

Everything is blocked (exact-key dictionaries; surname first letter for rule 2;
phonetic surname for rule 4; initials for rule 3): near-linear in the number of local
entities. :class:`EntityRegistry` gives ids that are stable across stories with the same
rules over indexes of everything seen so far.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from corroborate.errors import CorroborateError
from corroborate.link.aliases import (
    all_initials,
    canonical_place,
    clean_surface,
    company_key,
    is_acronym,
    is_nickname,
    name_key,
    national_key,
    phonetic_key,
    roles_match,
    words_match,
)
from corroborate.link.entity_model import (
    Group,
    SameEntityModel,
    candidate_pairs,
    load_model,
    model_merges,
    pair_features,
)
from corroborate.link.entity_spans import long_hits, long_keys, overlaps
from corroborate.link.nominals import GENERIC_HEADS, link_nominals, role_heads_of
from corroborate.translit import has_cyrillic
from corroborate.types import (
    AnalyzedArticle,
    DateRef,
    Evidence,
    LocalEntity,
    StoryEntity,
    StoryRole,
)

__all__ = [
    "EntityRegistry",
    "entity_lookup",
    "entity_pairs",
    "resolve_entities",
    "resolve_times",
    "shown_entities",
    "time_key",
]

#: Weight multiplier of a PERSON local entity with a full (multi-word) name in the type vote.
FULL_NAME_WEIGHT = 3.0
#: A bare surname with several full-name candidates joins the one named in this many times
#: as many articles as the others together (rule 4).
DOMINANT_RATIO = 3.0
#: Types that never attach to a person as a bare surname.
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
STATE_VERSION = 1
#: Type of the time entities of :func:`resolve_times`.
TIME_TYPE = "DATE"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words of a relative weekday reference that change which week is meant.
_WEEK_SHIFT = frozenset({"last", "next", "this", "past", "coming", "previous"})
#: A date whose line holds at most this many other words is a dateline (calibrated on
#: ECB+ odd topics: 4/6/8 -> +6.16/+6.24/+6.24 over the baseline).
DATELINE_WORDS = 6

FullName = tuple[str, ...]


# --------------------------------------------------------------------------- features


def _name_shaped(form: str) -> bool:
    """2-5 words, each capitalised (or an initial), no digits: looks like a personal name."""
    words = form.replace("-", " ").split()
    return 2 <= len(words) <= 5 and all(
        w[:1].isupper() and w.replace(".", "").replace("'", "").replace("’", "").isalpha()
        for w in words
    )


# A nickname in quotes between name words: Vincent "The Chin" Gigante, Joe 'Mad Dog' Ruiz.
_NICKNAME = re.compile(r"(?<=\w)\s+[\"“'‘][^\"“”'‘’]{1,30}[\"”'’]\s+(?=\w)")


def _without_nickname(form: str) -> str:
    """The name without a quoted nickname between its words ("Vincent Gigante")."""
    return _NICKNAME.sub(" ", form)


def _full_name(form: str) -> FullName:
    words = [w for w in name_key(form).split() if w]
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words.pop()
    return tuple(words)


def _first_compatible(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return words_match(a, b) or is_nickname(a, b)


def persons_compatible(a: FullName, b: FullName) -> bool:
    """Two full names (name-key words) may name one person (rule 2).

    Surnames match, first names match (or one is the other's initial) and middle names,
    when both have them, agree; or the shorter name goes by the longer one's middle
    name ("Joseph Comeaux" ~ "Arcade Joseph Comeaux").
    """
    if not words_match(a[-1], b[-1]):
        return False
    if not _first_compatible(a[0], b[0]):
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        return (
            len(short) == 2
            and len(long_) >= 3
            and len(short[0]) > 1
            and any(words_match(short[0], m) for m in long_[1:-1])
        )
    mid_a, mid_b = a[1:-1], b[1:-1]
    return all(_first_compatible(x, y) for x, y in zip(mid_a, mid_b, strict=False))


#: Last words that make a name + tail an institution of its own ("Betty Ford Center",
#: "Washington Post"), not a glued headline: the tail is kept.
_INSTITUTION_WORDS = frozenset(
    {
        *GENERIC_HEADS,
        "centre",
        "foundation",
        "institute",
        "university",
        "college",
        "school",
        "museum",
        "library",
        "award",
        "awards",
        "prize",
        "fund",
        "trust",
        "house",
        "hall",
        "post",
        "times",
        "journal",
        "herald",
        "tribune",
        "news",
        "show",
        "corp",
        "inc",
        "co",
        "ltd",
        "llc",
        "motor",
        "motors",
        "family",
        "administration",
        "estate",
    }
)


class _StoryPersons:
    """The PERSON full names and surnames of one story, to repair names glued to the
    words after them in title-case headlines ("Mara Venn Checks Into Clinic", "Venn
    Checks" typed ORG): a multi-word form whose first words are a full name another form
    of the story gives (or the surname of one), and whose other words do not make an
    institution of it ("Ada Holt Center"), is compared by that name."""

    def __init__(self, entities: Iterable[LocalEntity]) -> None:
        self.full: set[FullName] = set()
        for ent in entities:
            if ent.type != "PERSON":
                continue
            for f in (ent.name, *ent.aliases):
                c = clean_surface(f)
                if c and _name_shaped(c) and not is_acronym(c):
                    fn = _full_name(c)
                    if len(fn) >= 2:
                        self.full.add(fn)
        self.surnames = {fn[-1] for fn in self.full}

    def unglue(self, form: str, person: bool = False) -> str:
        words = form.split()
        if len(words) < 2 or is_acronym(form) or has_cyrillic(form):
            return form
        keys = [name_key(w) for w in words]
        if not all(keys) or keys[-1] in _INSTITUTION_WORDS or keys[-1] in _SUFFIXES:
            return form
        for k in range(2, len(words)):
            if tuple(keys[:k]) in self.full:
                return " ".join(words[:k])
        # a bare surname + tail: not a two-word PERSON form ("Jackson Browne" stays)
        glued = not person or len(words) >= 3 or not form.istitle()
        return words[0] if glued and keys[0] in self.surnames else form


@dataclass
class _Node:
    """One local entity with its comparison features."""

    article_id: str
    order: int  # article position in the input
    entity: LocalEntity
    forms: list[str]
    full_names: list[FullName]  # PERSON full names
    exact_keys: set[str]
    bare: bool  # no multi-word form at all
    caption: bool = False  # named only in a photo caption: contributes aliases, no mentions
    # the forms names are compared and chosen by: all forms but the inflected Cyrillic
    # mention surfaces ("Кирилла Сотникова"), whose word-by-word nominative is unreliable
    # (the Russian pipeline gives the name and its nominative as name and aliases)
    keyed: list[str] = field(default_factory=list)


def _node(
    article_id: str,
    order: int,
    ent: LocalEntity,
    caption: bool = False,
    persons: _StoryPersons | None = None,
) -> _Node:
    forms: list[str] = []
    for f in (ent.name, *ent.aliases, *(m.text for m in ent.mentions)):
        c = clean_surface(f)
        if c and c not in forms:
            forms.append(c)
    names = {clean_surface(f) for f in (ent.name, *ent.aliases)}
    keyed: list[str] = []
    for f in forms:
        if f in names or not has_cyrillic(f):
            f = _without_nickname(f)
            if f not in keyed:
                keyed.append(f)
    if persons is not None:
        person = ent.type == "PERSON"
        unglued = {f: persons.unglue(f, person) for f in keyed}
        # words of the forms that are not glued, to check a glued form's prefix against
        own = {w for f, t in unglued.items() if t == f for w in name_key(f).split()}
        trimmed: list[str] = []
        for f, t in unglued.items():
            if t != f and own and not own & set(name_key(t).split()):
                # "Obama Reverses Bush" in a local entity the article calls "Bush": the
                # analysis joined the headline by its last word, so its prefix misleads
                continue
            if t not in trimmed:
                trimmed.append(t)
        keyed = trimmed
    multi = [f for f in keyed if len(name_key(f).split()) >= 2]
    full = (
        [_full_name(f) for f in multi if _name_shaped(f) and not is_acronym(f)]
        if ent.type == "PERSON"
        else []
    )
    keys: set[str] = set()
    for f in keyed:
        k = name_key(f)
        if not k or (full and len(k.split()) == 1):
            continue  # a full-name person's bare surname/first name: rule 4 decides
        keys.add(canonical_place(k))
        if ent.type != "PERSON":
            short = company_key(k)
            if short != k:
                keys.add(short)  # "Apple Inc." also goes by "Apple"
            if ent.type not in PLACE_TYPES and (bare := national_key(short)) != short:
                keys.add(bare)  # "U.S. Air Force" also goes by "Air Force"
    full_names = [f for f in full if len(f) >= 2]
    return _Node(article_id, order, ent, forms, full_names, keys, not multi, caption, keyed)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> int:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)
        return min(ri, rj)


# --------------------------------------------------------------------------- grouping


def _group_nodes(
    nodes: Sequence[_Node],
    model: SameEntityModel | None = None,
    headline_ends: Mapping[str, int] | None = None,
) -> list[list[int]]:
    uf = _UnionFind(len(nodes))
    full: dict[int, list[FullName]] = {i: list(n.full_names) for i, n in enumerate(nodes)}

    def merge(i: int, j: int) -> None:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            return
        names = full.pop(ri, []) + full.pop(rj, [])
        full[uf.union(ri, rj)] = names

    # rule 1: exact keys
    by_key: dict[str, int] = {}
    for i, n in enumerate(nodes):
        for k in n.exact_keys:
            if k in by_key:
                merge(by_key[k], i)
            else:
                by_key[k] = i
    # rule 2: full-name persons, blocked by the first letter of the surname key
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        for fn in n.full_names:
            blocks[phonetic_key(fn[-1])[:1]].append(i)
    for members in blocks.values():
        for pos, i in enumerate(members):
            for j in members[pos + 1 :]:
                ri, rj = uf.find(i), uf.find(j)
                if ri != rj and all(
                    persons_compatible(a, b) for a in full.get(ri, []) for b in full.get(rj, [])
                ):
                    merge(ri, rj)
    # rule 3: acronyms -> the unique group with those initials
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, n in enumerate(nodes):
        for f in n.keyed:
            if not is_acronym(f):
                for ini in all_initials(f):
                    by_initials[ini].add(i)
    for i, n in enumerate(nodes):
        for f in n.keyed:
            if is_acronym(f):
                roots = {uf.find(j) for j in by_initials.get(name_key(f).replace(" ", ""), ())}
                roots.discard(uf.find(i))
                if len(roots) == 1:
                    merge(roots.pop(), i)
    # rule 4: bare surnames
    groups = _groups(uf, len(nodes))
    by_surname: dict[str, set[int]] = defaultdict(set)
    by_first: dict[str, set[int]] = defaultdict(set)
    for root in groups:
        for fn in full.get(root, []):
            by_surname[phonetic_key(fn[-1])].add(root)
            if len(fn[0]) > 1:
                by_first[phonetic_key(fn[0])].add(root)
    for root, members in groups.items():
        if not all(nodes[i].bare for i in members):
            continue
        if not any(nodes[i].entity.type not in PLACE_TYPES for i in members):
            continue
        keys = {phonetic_key(name_key(f)) for i in members for f in nodes[i].keyed}
        cands = {r for k in keys for r in by_surname.get(k, ())}
        if not cands and all(nodes[i].entity.type == "PERSON" for i in members):
            # a bare first name ("Lindsay") -> the one full-name person going by it
            firsts = {r for k in keys for r in by_first.get(k, ())}
            cands = firsts if len(firsts) == 1 else set()
        target = _choose_candidate(
            cands, [r for i in members for r in nodes[i].entity.roles], groups, nodes
        )
        if target is not None:
            merge(target, root)
    _join_short_names(nodes, uf, full, merge)
    if model is not None:
        # rule 13: the same-entity model over pairs of groups sharing a name word
        groups = _groups(uf, len(nodes))
        tops = sorted(groups)
        views = [_group_view([nodes[i] for i in groups[r]], headline_ends or {}) for r in tops]
        for i, j, _ in model_merges(views, model, _is_institution_word):
            ri, rj = uf.find(tops[i]), uf.find(tops[j])
            if ri != rj and all(
                persons_compatible(a, b) for a in full.get(ri, []) for b in full.get(rj, [])
            ):
                merge(ri, rj)
    return sorted(_groups(uf, len(nodes)).values(), key=lambda g: g[0])


#: Last words that make "<X> ..." a body, a place or a paper of or in X, not X ("Anchorage
#: Police Department", "Senate Finance Committee", "Elm Boulevard", "Lansing State
#: Journal"): rule 19 does not give X to it. Bodies read off ECB+ dev, streets, buildings
#: and papers off the GVC dev stores (town names NER typed ORG).
_UNIT_TAILS = frozenset(
    {
        "department",
        "police",
        "court",
        "committee",
        "commission",
        "council",
        "office",
        "agency",
        "board",
        "bureau",
        "division",
        "ministry",
        "service",
        "school",
        "university",
        "college",
        "hospital",
        "center",
        "station",
        "street",
        "streets",
        "avenue",
        "road",
        "boulevard",
        "drive",
        "lane",
        "highway",
        "home",
        "apartments",
        "journal",
        "sun",
        "times",
        "post",
        "herald",
        "tribune",
        "gazette",
    }
)


def _join_short_names(
    nodes: Sequence[_Node],
    uf: _UnionFind,
    full: Mapping[int, list[FullName]],
    merge: Callable[[int, int], None],
) -> None:
    """Rule 19: a one-word organisation ("Chargers", "Northrop") joins the one group of
    the story with a multi-word name that starts or ends with that word ("San Diego
    Chargers", "Northrop Grumman"), when no person goes by it (rule 4 left it alone) and
    the word names no kind of thing ("Court" of "Supreme Court" stays apart)."""
    groups = _groups(uf, len(nodes))
    by_end: dict[str, set[int]] = defaultdict(set)
    for root, members in groups.items():
        if full.get(root) or _vote_type([nodes[i] for i in members]) != "ORG":
            continue
        for i in members:
            for f in nodes[i].keyed:
                words = company_key(name_key(f)).split()
                if len(words) < 2 or words[-1] in _UNIT_TAILS or "of" in words:
                    continue  # "Anchorage Police Department" is not Anchorage
                for word in (words[0], words[-1]):
                    if not _is_institution_word(word):
                        by_end[word].add(root)
    for root, members in groups.items():
        if uf.find(root) != root or not all(nodes[i].bare for i in members):
            continue
        if any(nodes[i].entity.type != "ORG" for i in members):
            continue
        keys = {name_key(f) for i in members for f in nodes[i].keyed}
        cands = {uf.find(r) for k in keys for r in by_end.get(k, ())} - {root}
        if len(cands) == 1:
            merge(cands.pop(), root)


def _is_institution_word(word: str) -> bool:
    return word in _INSTITUTION_WORDS


def _group_view(members: Sequence[_Node], headline_ends: Mapping[str, int]) -> Group:
    """What the same-entity model sees of a group (``headline_ends``: article id -> end
    of its first line)."""
    keys = {tuple(name_key(f).split()) for n in members for f in n.keyed}
    keys.discard(())
    mentions = [(n.article_id, m) for n in members for m in n.entity.mentions]
    return Group(
        keys=frozenset(keys),
        type=_vote_type(members),
        articles=frozenset(n.article_id for n in members),
        mentions=len(mentions),
        headline=bool(mentions) and all(m.end <= headline_ends.get(a, -1) for a, m in mentions),
        multi=any(len(k) >= 2 for k in keys),
        roles=tuple(r.text for n in members for r in n.entity.roles),
    )


def headline_ends(docs: Sequence[AnalyzedArticle]) -> dict[str, int]:
    """Article id -> the end of its text's first line."""
    out: dict[str, int] = {}
    for d in docs:
        end = d.article.text.find("\n")
        out[d.article.id] = len(d.article.text) if end < 0 else end
    return out


def _choose_candidate(
    cands: set[int],
    roles: Sequence[Any],
    groups: Mapping[int, list[int]],
    nodes: Sequence[_Node],
) -> int | None:
    if len(cands) == 1:
        return next(iter(cands))
    if not cands:
        return None
    if not roles:
        return _dominant(cands, groups, nodes)
    sharing = [
        c
        for c in cands
        if any(
            roles_match(r.text, q.text)
            for i in groups[c]
            for q in nodes[i].entity.roles
            for r in roles
        )
    ]
    if len(sharing) == 1:
        return sharing[0]
    return _dominant(cands, groups, nodes)


def _dominant(
    cands: set[int], groups: Mapping[int, list[int]], nodes: Sequence[_Node]
) -> int | None:
    """The candidate that the story is about: named in at least ``DOMINANT_RATIO`` times
    as many articles as all the others together ("Felt" -> "Mark Felt", told in most
    articles, not "Joan Felt", named in one); else none."""
    counts = sorted(
        ((len({nodes[i].article_id for i in groups[c]}), c) for c in cands), reverse=True
    )
    rest = sum(n for n, _ in counts[1:])
    return counts[0][1] if counts[0][0] >= DOMINANT_RATIO * rest else None


def _groups(uf: _UnionFind, n: int) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(uf.find(i), []).append(i)
    return out


# --------------------------------------------------------------------------- building


def _vote_type(members: Sequence[_Node]) -> str:
    votes: dict[str, float] = {}
    for n in members:
        w = float(max(1, len(n.entity.mentions)))
        if n.entity.type == "PERSON" and n.full_names:
            w *= FULL_NAME_WEIGHT
        votes[n.entity.type] = votes.get(n.entity.type, 0.0) + w
    if len(votes) > 1 and any(n.entity.type == "PERSON" and n.full_names for n in members):
        # a nationality or group is never someone's full name: spaCy's small model tags a
        # surname NORP again and again ("Klitschko"), outvoting the person
        votes.pop("NORP", None)
    best = max(votes.values())
    return next(t for t, v in votes.items() if v == best)


def _choose_name(members: Sequence[_Node]) -> tuple[str, list[str]]:
    """The display name and the aliases of a group. An inflected Cyrillic mention
    ("Кирилла Сотникова") counts for its entity's own name (the Russian pipeline's
    nominative) and is never the display name itself; it stays an alias."""
    counts: Counter[str] = Counter()
    order: list[str] = []
    eligible: set[str] = set()
    for n in members:
        eligible.update(n.keyed)
        for f in n.forms:
            if f not in counts:
                order.append(f)
            counts[f] += 0
        if not n.entity.mentions:
            counts[clean_surface(n.entity.name)] += 1
        for m in n.entity.mentions:
            surface = clean_surface(m.text)
            counts[surface if surface in n.keyed else clean_surface(n.entity.name)] += 1
    aliases = [f for f in order if f]
    name = max(
        [f for f in aliases if f in eligible] or aliases,
        key=lambda f: (
            not is_acronym(f),
            len(f.split()) >= 2,
            counts[f],
            len(f.split()),
            len(f),
            -aliases.index(f),
        ),
    )
    return name, aliases


def _merge_roles(members: Sequence[_Node]) -> tuple[StoryRole, ...]:
    clusters: list[tuple[Counter[str], list[str]]] = []
    for n in members:
        for r in n.entity.roles:
            for texts, arts in clusters:
                if any(roles_match(r.text, t) for t in texts):
                    texts[r.text] += 1
                    if n.article_id not in arts:
                        arts.append(n.article_id)
                    break
            else:
                clusters.append((Counter({r.text: 1}), [n.article_id]))
    return tuple(
        StoryRole(text=texts.most_common(1)[0][0], article_ids=tuple(arts))
        for texts, arts in clusters
    )


@dataclass
class _Draft:
    name: str
    type: str
    aliases: list[str]
    roles: tuple[StoryRole, ...]
    mentions: list[Evidence]
    local_ids: list[tuple[str, str]]
    full_names: list[FullName]
    exact_keys: set[str]
    bare_keys: set[str]
    initials: set[str]
    first: tuple[int, int] = (0, 0)


def _draft(all_members: Sequence[_Node]) -> _Draft:
    # Caption-only names add spellings (aliases); name, type, mentions and roles come from
    # the article texts, where every statement has a span.
    members = [n for n in all_members if not n.caption]
    name, aliases = _choose_name(members)
    for n in all_members:
        if n.caption:
            aliases.extend(f for f in n.forms if f not in aliases)
    mentions = sorted(
        (
            (n.order, m.start, Evidence(n.article_id, m.start, m.end, m.text))
            for n in members
            for m in n.entity.mentions
        ),
        key=lambda t: (t[0], t[1]),
    )
    bare = all(n.bare for n in members)
    return _Draft(
        name=name,
        type=_vote_type(members),
        aliases=aliases,
        roles=_merge_roles(members),
        mentions=[e for _, _, e in mentions],
        local_ids=[(n.article_id, n.entity.id) for n in members],
        full_names=sorted({fn for n in members for fn in n.full_names}),
        exact_keys={k for n in members for k in n.exact_keys},
        bare_keys={phonetic_key(name_key(f)) for n in members for f in n.keyed} if bare else set(),
        initials={ini for n in members for f in n.keyed for ini in all_initials(f)},
        first=min((n.order, min((m.start for m in n.entity.mentions), default=0)) for n in members),
    )


def _story_nodes(docs: Sequence[AnalyzedArticle]) -> list[_Node]:
    persons = _StoryPersons(ent for d in docs for ent in d.analysis.entities)
    nodes = [
        _node(d.article.id, order, ent, persons=persons)
        for order, d in enumerate(docs)
        for ent in d.analysis.entities
    ]
    nodes += [
        _node(d.article.id, order, ent, caption=True, persons=persons)
        for order, d in enumerate(docs)
        for ent in d.analysis.caption_entities
    ]
    return nodes


LocalIds = tuple[tuple[str, str], ...]


def entity_pairs(docs: Sequence[AnalyzedArticle]) -> list[tuple[LocalIds, LocalIds, list[float]]]:
    """The same-entity model's candidate pairs of one story after rules 1-4: (local ids of
    one group, of the other, feature row). For ``bench/fit_same_entity.py``."""
    nodes = [n for n in _story_nodes(docs) if not n.caption]
    groups = _group_nodes(nodes)
    ends = headline_ends(docs)
    views = [_group_view([nodes[i] for i in g], ends) for g in groups]
    ids = [tuple((nodes[i].article_id, nodes[i].entity.id) for i in g) for g in groups]
    full = [[fn for i in g for fn in nodes[i].full_names] for g in groups]
    return [
        (ids[i], ids[j], pair_features(views[i], views[j], n, _is_institution_word))
        for i, j, n in candidate_pairs(views)
        if all(persons_compatible(a, b) for a in full[i] for b in full[j])
    ]


def resolve_entities(
    docs: Sequence[AnalyzedArticle],
    registry: EntityRegistry | None = None,
    *,
    nominals: bool = False,
    times: bool = False,
    same_entity: SameEntityModel | bool = False,
) -> tuple[StoryEntity, ...]:
    """Merge the local entities of one story's articles into story entities.

    Ids are "E1", "E2", ... in order of first mention, or global ids from ``registry``
    (which then remembers these entities). See the module docstring for the rules.
    With ``nominals=True`` each entity's ``mentions`` also hold its nominal and pronoun
    mentions ("the actress", "the company", "she"; :func:`story_nominals`), after the
    named ones of the same article in text order; names and types use named mentions only.
    With ``times=True`` the time entities of :func:`resolve_times` (ids "T1", ...) follow.
    ``same_entity``: the model of rule 13 (True: the shipped one; False, the default:
    none; it did not validate on data it was not fitted on, docs/learning.md).
    """
    nodes = _story_nodes(docs)
    model = load_model() if same_entity is True else same_entity or None
    grouped = _group_nodes(nodes, model, headline_ends(docs))
    groups = [g for g in grouped if any(not nodes[i].caption for i in g)]
    drafts = sorted((_draft([nodes[i] for i in g]) for g in groups), key=lambda d: d.first)
    extra: dict[int, list[Evidence]] = defaultdict(list)
    if nominals:
        extra = _nominal_evidence(docs, drafts)
    taken: set[str] = set()
    out: list[StoryEntity] = []
    for n, d in enumerate(drafts, 1):
        eid = registry.assign(d, taken) if registry is not None else f"E{n}"
        taken.add(eid)
        out.append(
            StoryEntity(
                id=eid,
                name=d.name,
                type=d.type,
                aliases=tuple(d.aliases),
                roles=d.roles,
                mentions=tuple(_with_nominals(d.mentions, extra.get(n - 1, []), docs)),
                local_ids=tuple(d.local_ids),
            )
        )
    if times:
        out.extend(resolve_times(docs))
    return tuple(out)


def shown_entities(
    docs: Sequence[AnalyzedArticle], entities: Sequence[StoryEntity], story_id: str
) -> tuple[tuple[StoryEntity, ...], tuple[StoryEntity, ...]]:
    """What a story's dossier shows of its entities: (``entities`` with their nominal and
    pronoun mentions added, the story's time entities).

    The later stages (figures, quotes, claims, timeline) compare named mentions only; the
    reader also gets "the actress", "she" and "on Tuesday" linked to the entity or day they
    refer to. Time ids are qualified by ``story_id`` ("s3-T1"): unlike named entities they
    are not registered across stories, and a store indexes entities by id.
    """
    extra = _nominal_evidence(docs, entities)
    for k, evs in _recall_evidence(docs, entities, extra).items():
        extra[k].extend(evs)
    named = tuple(
        replace(e, mentions=tuple(_with_nominals(e.mentions, extra.get(k, []), docs)))
        for k, e in enumerate(entities)
    )
    times = tuple(replace(t, id=f"{story_id}-{t.id}") for t in resolve_times(docs))
    return named, times


def is_dateline(ref: DateRef, text: str) -> bool:
    """The date is a dateline or time stamp: its line holds at most ``DATELINE_WORDS``
    other words ("Published: May 3, 2013 1:35 pm", "WASHINGTON, April 28, 2009")."""
    if not text:
        return False
    a = text.rfind("\n", 0, ref.start) + 1
    b = text.find("\n", ref.end)
    b = len(text) if b < 0 else b
    return len(text[a : ref.start].split()) + len(text[ref.end : b].split()) <= DATELINE_WORDS


def time_key(d: DateRef, article_id: str, text: str = "") -> tuple[str, ...]:
    """The key under which a date expression corefers with others (time entities).

    * a day: a relative day reference resolved against the publication date
      ("yesterday", "on Monday" in a dated article) or an explicit date with a day
      ("March 11, 2005") that is not a dateline (:func:`is_dateline`, needs ``text``)
      -> its date: it links across the story's articles;
    * an unresolved weekday reference (no publication date: "on Tuesday", "last Friday")
      -> the weekday and its shift word (last/next/this): it links across the story's
      articles too; news name the event day by weekday, so within one story it is
      the same day;
    * anything else (datelines, years and months, "last week", "today" without a
      publication date) -> its normalised value within its own article only: years in
      news are mostly background facts each outlet picks itself, a dateline dates the
      article, not an event.
    """
    words = [w.strip(".,").lower() for w in d.expression.split()]
    day = d.date is not None and d.precision == "day"
    if day and d.date is not None and (d.relative or not is_dateline(d, text)):
        return ("day", d.date)
    days = [w for w in words if w in WEEKDAYS]
    if days and d.date is None:
        shift = next((w for w in words if w in _WEEK_SHIFT), "")
        return ("weekday", shift, days[0])
    if d.date is not None:
        return ("doc", article_id, d.date, d.precision or "")
    return ("doc", article_id, " ".join(w for w in words if w.isalnum()))


def _weekday(iso: str) -> int | None:
    try:
        return dt.date.fromisoformat(iso[:10]).weekday()
    except ValueError:
        return None


def resolve_times(docs: Sequence[AnalyzedArticle]) -> tuple[StoryEntity, ...]:
    """Time entities of one story: ``Analysis.dates`` grouped by :func:`time_key`.

    Ids are "T1", "T2", ... in order of first mention; type ``TIME_TYPE``; the name is
    the most frequent expression (then the longest), aliases every distinct expression.
    """
    groups: dict[tuple[str, ...], list[Evidence]] = {}
    for d in docs:
        aid = d.article.id
        for ref in sorted(d.analysis.dates, key=lambda r: r.start):
            ev = Evidence(aid, ref.start, ref.end, ref.expression)
            groups.setdefault(time_key(ref, aid, d.article.text), []).append(ev)
    # an undated article's plain "Monday" is the story's one Monday that dated articles
    # give ("last Monday" and "next Monday" in an undated article stay apart)
    days = [k for k in groups if k[0] == "day"]
    for key in [k for k in groups if k[0] == "weekday" and not k[1]]:
        same = [k for k in days if _weekday(k[1]) == WEEKDAYS.index(key[2])]
        if len(same) == 1:
            groups[same[0]].extend(groups.pop(key))
    out: list[StoryEntity] = []
    for n, evs in enumerate(groups.values(), 1):
        counts = Counter(e.text for e in evs)
        forms = list(counts)
        name = max(forms, key=lambda f: (counts[f], len(f), -forms.index(f)))
        out.append(
            StoryEntity(
                id=f"T{n}", name=name, type=TIME_TYPE, aliases=tuple(forms), mentions=tuple(evs)
            )
        )
    return tuple(out)


def _with_nominals(
    named: Sequence[Evidence], extra: Sequence[Evidence], docs: Sequence[AnalyzedArticle]
) -> list[Evidence]:
    if not extra:
        return list(named)
    order = {d.article.id: i for i, d in enumerate(docs)}
    return sorted(
        [*named, *extra], key=lambda e: (order.get(e.article_id, len(order)), e.start, e.end)
    )


def _nominal_evidence(
    docs: Sequence[AnalyzedArticle], drafts: Sequence[_Draft | StoryEntity]
) -> dict[int, list[Evidence]]:
    """Draft index -> nominal/pronoun evidence (``link.nominals`` over each article)."""
    owner: dict[tuple[str, str], int] = {}
    for k, d in enumerate(drafts):
        for pair in d.local_ids:
            owner[pair] = k
    heads: dict[str, set[int]] = defaultdict(set)
    for k, d in enumerate(drafts):
        if d.type == "PERSON":
            for r in d.roles:
                for h in role_heads_of(r.text):
                    heads[h].add(k)
    out: dict[int, list[Evidence]] = defaultdict(list)
    for doc in docs:
        aid = doc.article.id
        local_of = {owner[(aid, e.id)]: e.id for e in doc.analysis.entities if (aid, e.id) in owner}
        story_roles = {
            h: local_of[next(iter(ks))]
            for h, ks in heads.items()
            if len(ks) == 1 and next(iter(ks)) in local_of
        }
        types = {
            e.id: drafts[owner[(aid, e.id)]].type
            for e in doc.analysis.entities
            if (aid, e.id) in owner
        }
        for m in link_nominals(doc.article.text, doc.analysis, story_roles, types):
            target = owner.get((aid, m.entity_id))
            if target is not None:
                out[target].append(Evidence(aid, m.start, m.end, m.text))
    return out


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*\b")
_HANDLE = re.compile(r"(?<![\w@])@([A-Z][A-Za-z]+)\b")
_CAMEL_WORD = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])")


def _short_keys(entities: Sequence[StoryEntity]) -> dict[str, int]:
    """One-word key -> the one story entity that goes by it: its one-word names and
    aliases, a person's surname, the last word of a multi-word organisation name
    ("Herons" for "Marlo Herons"). A key several entities share goes to the one entity
    whose display name it is ("Marsh" beside "Tobin Marsh" and "Ena Marsh"), else is left
    out."""
    owners: dict[str, set[int]] = defaultdict(set)
    named: dict[str, set[int]] = defaultdict(set)
    for k, e in enumerate(entities):
        if len(name_key(e.name).split()) == 1:
            named[name_key(e.name)].add(k)
        for f in (e.name, *e.aliases):
            c = clean_surface(f)
            key = name_key(c)
            if not key or has_cyrillic(c):
                continue
            words = key.split()
            if len(words) == 1:
                owners[key].add(k)
            elif e.type == "PERSON" and _name_shaped(c) and not is_acronym(c):
                owners[_full_name(c)[-1]].add(k)
            elif (
                e.type == "ORG"
                and _name_shaped(c)
                and len(words[-1]) >= 4
                and words[-1] not in _INSTITUTION_WORDS
            ):
                owners[words[-1]].add(k)
    for key, ks in owners.items():
        if len(ks) > 1 and len(named.get(key, ())) == 1:
            owners[key] = set(named[key])  # the entity the story calls by that one word
    return {key: next(iter(ks)) for key, ks in owners.items() if len(ks) == 1}


def _recall_evidence(
    docs: Sequence[AnalyzedArticle],
    entities: Sequence[StoryEntity],
    extra: Mapping[int, Sequence[Evidence]],
) -> dict[int, list[Evidence]]:
    """Entity index -> capitalised words of the story's articles that NER left untagged
    but that are one story entity's one-word name, surname or team-style last word
    ("Venn" in a headline, "Herons" beside "Marlo Herons" elsewhere), and first the runs
    of capitalised words that are one entity's multi-word name (``entity_spans``). Skipped:
    words inside a mention, words an article also uses in lower case ("Luck"/"luck")."""
    keys = _short_keys(entities)
    out: dict[int, list[Evidence]] = defaultdict(list)
    if not keys:
        return out
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for k, e in enumerate(entities):
        for m in (*e.mentions, *extra.get(k, ())):
            spans[m.article_id].append((m.start, m.end))
    names = long_keys(entities)
    for doc in docs:
        aid, text = doc.article.id, doc.article.text
        taken = [
            *spans.get(aid, ()),
            *((m.start, m.end) for e in doc.analysis.entities for m in e.mentions),
        ]
        for k, start, end in long_hits(text, names, taken):
            out[k].append(Evidence(aid, start, end, text[start:end]))
            taken.append((start, end))
        lower = set(re.findall(r"\b[a-z][\w'’-]*\b", text))
        for hit in _CAPITALISED.finditer(text):
            key = name_key(hit.group())
            owner = keys.get(key)
            if owner is None or key in lower or hit.group().lower() in lower:
                continue
            if overlaps(hit.start(), hit.end(), taken):
                continue
            out[owner].append(Evidence(aid, hit.start(), hit.end(), hit.group()))
        for hit in _HANDLE.finditer(text):
            # a social-media handle of a story entity: "@TheAcademy", "@VelmarPolice"
            words = " ".join(_CAMEL_WORD.findall(hit.group(1)))
            key = name_key(words)
            owner = names.get(key, keys.get(key))
            if owner is not None and not overlaps(hit.start(), hit.end(), taken):
                out[owner].append(Evidence(aid, hit.start(), hit.end(), hit.group()))
    return out


def entity_lookup(entities: Sequence[StoryEntity]) -> dict[tuple[str, str], str]:
    """(article id, local entity id) -> story entity id."""
    return {pair: e.id for e in entities for pair in e.local_ids}


# --------------------------------------------------------------------------- registry


@dataclass
class _Entry:
    id: str
    name: str
    type: str
    keys: set[str] = field(default_factory=set)
    full_names: set[FullName] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    stories: int = 0  # story entities that took this id


class EntityRegistry:
    """Global entity ids, stable across stories.

    Indexes (all exact dictionaries, so lookups cost O(candidates), never all pairs):
    normalised name key -> ids; surname blocking key (first three letters of the
    phonetic surname) -> ids of persons; phonetic surname -> ids (bare surnames);
    initials -> ids (acronyms). A story entity takes the id of the single compatible
    entry found by (in order) a full-name person match, an exact key of the same type
    (or a multi-word key of any type), an acronym, a bare surname; else a new id.
    """

    def __init__(self, prefix: str = "E") -> None:
        self.prefix = prefix
        self._next = 1
        self._entries: dict[str, _Entry] = {}
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._by_block: dict[str, set[str]] = defaultdict(set)
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        self._by_initials: dict[str, set[str]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._entries)

    # ----------------------------------------------------------------- matching
    def _person_match(self, names: Sequence[FullName]) -> set[str]:
        cands = {i for fn in names for i in self._by_block.get(phonetic_key(fn[-1])[:3], ())}
        return {
            i
            for i in cands
            if self._entries[i].full_names
            and all(persons_compatible(a, b) for a in names for b in self._entries[i].full_names)
        }

    def _rank(self, entry_id: str) -> tuple[int, int]:
        return self._entries[entry_id].stories, -int(entry_id[len(self.prefix) :] or 0)

    def _find(self, d: _Draft, taken: set[str]) -> str | None:
        steps: list[set[str]] = []
        if d.full_names:
            steps.append(self._person_match(d.full_names))
        else:
            by_key = {i for k in d.exact_keys for i in self._by_key.get(k, ())}
            same = {
                i
                for i in by_key - taken
                if self._entries[i].type == d.type
                or any(len(k.split()) >= 2 for k in d.exact_keys & self._entries[i].keys)
            }
            # entries sharing a key are one name split earlier (a story where the first
            # entry was taken): the one most stories took, not a new id
            steps.append({max(same, key=self._rank)} if same else set())
            # an acronym the draft's own multi-word name spells ("EW" of "Entertainment
            # Weekly") names the draft itself, not another entry ("Esther Williams")
            acr = {name_key(a).replace(" ", "") for a in d.aliases if is_acronym(a)}
            acr -= d.initials
            found = {i for a in acr for i in self._by_initials.get(a, ())}
            # and the other way: a multi-word name after stories that named it only by
            # its acronym ("General Motors" after a story of "GM" alone), while no name
            # has spelled that acronym out (then another spelling is another entity)
            found |= {
                i
                for ini in d.initials
                for i in self._by_key.get(ini, ())
                if is_acronym(self._entries[i].name)
                and all(len(k.split()) < 2 for k in self._entries[i].keys)
            }
            # never a place for an organisation or the reverse ("GM" of a story about
            # General Motors is not the "Grand Marquis" a car review typed GPE)
            place = d.type in PLACE_TYPES
            steps.append({i for i in found if (self._entries[i].type in PLACE_TYPES) == place})
            if d.bare_keys and d.type not in PLACE_TYPES:
                steps.append({i for k in d.bare_keys for i in self._by_surname.get(k, ())})
        for cands in steps:
            free = cands - taken
            if len(free) == 1:
                return free.pop()
            if len(free) > 1:
                return None
        return None

    def assign(self, d: _Draft, taken: set[str] | None = None) -> str:
        """The global id of a story entity draft (internal: used by resolve_entities)."""
        eid = self._find(d, taken or set())
        if eid is None:
            eid = f"{self.prefix}{self._next}"
            self._next += 1
            self._entries[eid] = _Entry(eid, d.name, d.type)
        self._entries[eid].stories += 1
        self._add(self._entries[eid], d.exact_keys, d.full_names, d.initials)
        return eid

    def _add(
        self, e: _Entry, keys: Iterable[str], names: Iterable[FullName], inits: Iterable[str]
    ) -> None:
        for k in keys:
            e.keys.add(k)
            self._by_key[k].add(e.id)
        for fn in names:
            e.full_names.add(fn)
            self._by_block[phonetic_key(fn[-1])[:3]].add(e.id)
            self._by_surname[phonetic_key(fn[-1])].add(e.id)
        for ini in inits:
            e.initials.add(ini)
            self._by_initials[ini].add(e.id)

    def name_of(self, entity_id: str) -> str | None:
        """The name first recorded for a global id."""
        e = self._entries.get(entity_id)
        return e.name if e else None

    # ----------------------------------------------------------------- state
    def to_state(self) -> dict[str, Any]:
        """A JSON-able snapshot (``from_state`` restores it)."""
        return {
            "version": STATE_VERSION,
            "prefix": self.prefix,
            "next": self._next,
            "entries": [
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "keys": sorted(e.keys),
                    "full_names": [list(fn) for fn in sorted(e.full_names)],
                    "initials": sorted(e.initials),
                    "stories": e.stories,
                }
                for e in self._entries.values()
            ],
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> EntityRegistry:
        """Rebuild a registry from ``to_state()`` output."""
        if state.get("version") != STATE_VERSION:
            raise CorroborateError(
                f"entity registry state version {state.get('version')!r} is not "
                f"{STATE_VERSION}: re-run the link stage to rebuild it"
            )
        reg = cls(prefix=str(state.get("prefix", "E")))
        reg._next = int(state["next"])
        for row in state["entries"]:
            e = _Entry(row["id"], row["name"], row["type"], stories=int(row.get("stories", 1)))
            reg._entries[e.id] = e
            reg._add(e, row["keys"], [tuple(fn) for fn in row["full_names"]], row["initials"])
        return reg
