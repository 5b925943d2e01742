"""Boilerplate removal for raw page dumps (text copied from a browser).

Each line of the dump is classified with general signals (see docs/cleaning.md):
sentence-final punctuation, length, stop-word density, capitalisation, duration and
credit patterns, blocks of lines not separated by blank lines, repetition inside the
dump and across one outlet's articles. The result keeps the headline and every
article paragraph; everything else is recorded as removed with a reason.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from corroborate.clean.metadata import is_time_stamp

# --------------------------------------------------------------------------- signals

_CLOSERS = r"[\"'”’»)\]]*"  # quotes and brackets that may close a sentence
# A closing quote may stand apart from its full stop in text that was tokenised and joined
# again ('... host the Oscars. "'): still a sentence, not a label.
SENTENCE_END = re.compile(r"[.!?…](?: ?[\"'”’»)\]])*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A video teaser ends with its duration: "... 04:01", "... 1:02:33".
DURATION_END = re.compile(r"(?:^|\s)\(?\d{1,2}:\d{2}(?::\d{2})?\)?$")
# Universal UI words (never outlet-specific): a link prefix with a colon ...
UI_PREFIX = re.compile(
    r"^(?:read more|read also|also read|see also|related|more|watch|listen|recommended|"
    r"trending|most read|advertisement)\s*:",
    re.IGNORECASE,
)
# ... or a link to another story under a "Related" heading on the same line ("Related
# Coverage One person killed in Taunton shooting": 14 GVC dev pages open so, and the
# teaser's counts were read as the story's); a line that is a sentence stays.
RELATED_TEASER = re.compile(
    r"^related (?:coverage|stories|story|content|articles?|links?|videos?|news)\b(?!\s*:)",
    re.IGNORECASE,
)
RELATED_TEASER_WORDS = 20


def is_related_teaser(line: str) -> bool:
    """A "Related Coverage <headline>" line: a heading and a linked headline, no sentence."""
    return (
        bool(RELATED_TEASER.match(line))
        and len(line.split()) <= RELATED_TEASER_WORDS
        and not is_sentence(line)
    )


# ... or a whole short line that is only a widget word.
UI_LINE = re.compile(
    r"^(?:loading|advertisement|advertising|sponsored(?: content)?|read more|see more|"
    r"show more|load more|continue reading|share(?: this(?: article)?)?|subscribe|sign up|"
    r"skip to (?:main )?content|click here|comments?|print|e-?mail|copy link|close|menu|"
    r"search|next|previous|back to top)\W*$",
    re.IGNORECASE,
)
# A line that speaks to the reader about the page or their account, never about the news:
# a video player's or a login box's message, a newsletter or notification widget ("Please
# enable Javascript to watch this video", "Your notification has been saved.", "Whenever
# <reporter> posts new content, you'll get an email delivered to your inbox with a link.",
# "We have sent you a verification email. ..."). It addresses the reader ("you", "your",
# opens with "please" or an imperative: ``_IMPERATIVE``), names something of the page
# (``_PAGE_WORD``) and either names something only a site's machinery has
# (``_SITE_WORD``), opens as a prompt (``_PROMPT_OPENING``) or is short. Quotations are
# never prompts. On the GVC dev page dumps 402 such lines in 3,015 articles (87 "Please
# enable Javascript ...", 24 "Your notification has been saved.", 25 verification
# e-mails); in ECB+ dev, the claims set and MEANTIME none ("... if you run into problems
# after applying this interim patch, you can click the Fix It ..." is a news sentence: no
# site word, no prompt opening, long). docs/cleaning.md has the harness figures.
_READER = re.compile(r"\b(?:you|your|you'll|you're|you've|yourself)\b|^please\b", re.IGNORECASE)
_PAGE_WORD = re.compile(
    r"\b(?:javascript|browser|video|videos|e-?mails?|inbox|spam|notifications?|account|"
    r"log ?in|login|sign(?:ing)? ?(?:in|up)|subscribe|subscriber|subscription|newsletters?|"
    r"password|profile|verification|click|button|registration|register|ad ?block(?:er|ing)?|"
    r"flash|cookies|app|download|username)\b",
    re.IGNORECASE,
)
_SITE_WORD = re.compile(
    r"\b(?:javascript|inbox|spam|junk folder|newsletters?|subscriber|subscription|log ?in|"
    r"login|sign(?:ing)? ?(?:in|up)|password|verification|registration|ad ?block(?:er|ing)?|"
    r"your (?:notification|profile|account|browser|e-?mail address)|e-?mail notifications?)\b",
    re.IGNORECASE,
)
_PROMPT_OPENING = re.compile(
    r"^(?:please|click|tap|sign (?:in|up)|log in|subscribe|register|we have sent|"
    r"to continue reading|you must|you need|you've|having trouble|oops|or,? use your|"
    r"whenever\b.{1,60}\bposts new content)\b",
    re.IGNORECASE,
)
# An imperative to the reader, which addresses them without "you": a widget's button text
# run into its message ("Close Get email notifications on <reporter> daily!").
_IMPERATIVE = re.compile(
    r"^(?:close\s+)?(?:click|tap|sign (?:in|up)|log in|subscribe|"
    r"get (?:e-?mail )?(?:notifications|alerts|updates))\b",
    re.IGNORECASE,
)
# An opening or closing quotation mark next to a word (contractions aside).
_QUOTED = re.compile(r"[\"“”‘]\w|\w[\"“”]|(?<!\w)'\w")
READER_PROMPT_WORDS = 40
READER_PROMPT_SHORT = 12
#: A line next to a prompt is the same widget's when it is at most this long and names a
#: site word (``clean_dump``, step 1b).
WIDGET_LINE_WORDS = 20


def is_reader_prompt(line: str) -> bool:
    """A line addressed to the reader about the page or their account (see above)."""
    words = len(line.split())
    imperative = bool(_IMPERATIVE.match(line))
    if words > READER_PROMPT_WORDS or _QUOTED.search(line):
        return False
    if not (imperative or _READER.search(line)):
        return False
    if not _PAGE_WORD.search(line):
        return False
    return (
        imperative
        or bool(_SITE_WORD.search(line))
        or bool(_PROMPT_OPENING.match(line))
        or words <= READER_PROMPT_SHORT
    )


# A server's error messages printed into the page ("Strict Standards: Redefining already
# defined constructor for class wpdb in /www/.../wp-db.php on line 56"), alone on their lines
# or run into the first one: PHP warnings, never the article's (a German page of
# trafilatura's set opened with eight of them, and they made it English to the language
# guess).
SERVER_ERRORS = re.compile(
    r"^(?:(?:Strict Standards|Deprecated|Warning|Notice|Fatal error|Parse error|"
    r"Catchable fatal error)\s*:.*?\bon line \d+\.?\s*)+"
)
# A rights notice: "Copyright 2016 WXYZ News 5. All rights reserved.", "(TM and © Copyright
# 2016 ... Used under license. All Rights Reserved. This material may not be published ...)".
# 421 paragraphs of 420 of the 2,908 stored GVC dev articles, 405 of them the last; they
# named the station or the wire service in every article that carried them. A bare "©"
# opening a line is not enough: a photo credit's "©" may stand before the caption's sentence.
RIGHTS_NOTICE = re.compile(
    r"\ball rights reserved\b"
    r"|^\W*(?:tm\s+and\s+)?(?:©\s*|\(c\)\s*)?copyright\s*(?:©|\(c\))?\s*\d{4}",
    re.IGNORECASE,
)
#: a longer line holding such words is an article's paragraph about rights, not a notice
MAX_NOTICE_WORDS = 60


def is_rights_notice(line: str) -> bool:
    """A copyright or rights-reserved notice of the page (not the article's words)."""
    return len(line.split()) <= MAX_NOTICE_WORDS and RIGHTS_NOTICE.search(line) is not None


# A teaser of another story ends with its link: "... over the weekend in Marlo. More"
# (one-word "More" after a full sentence; read off the GVC dev dumps, where every such line
# was another story's teaser).
MORE_LINK_END = re.compile(rf"[.!?…]{_CLOSERS}\s+(?:More|Read More|Read more)$")
# A video or photo gallery's captions, run together after the player's label: "Caption
# Double homicide being investigated in ..." (on GVC dev dumps, always other stories').
CAPTION_LABEL = re.compile(r"^Caption\s+[A-Z0-9]")
# A caption with its credit in brackets at the end: "Police at the scene on Friday. (Photo:
# Jane Doe / The Daily)", Gannett's "... (Photo: File)Buy Photo" (185 lines of GVC dev).
PHOTO_CREDIT_END = re.compile(
    r"\((?:Photo|Image|Video|Picture)s?(?: by)?:\s*[^()]*\)\s*(?:Buy Photo)?$", re.IGNORECASE
)
# Photo credits: "Reuters", "AFP", "REUTERS/Jane Doe", "Name/Handout/Agency/Getty",
# "Photo: ...", "(c) ...".
_CAP = r"[A-Z][\w.&'’-]*"
_NAME = rf"{_CAP}(?:\s+{_CAP})*"
SLASH_CREDIT = re.compile(rf"(?:^|(?<=[\s.]))(?:{_NAME})(?:\s?/\s?{_NAME})+$")
CREDIT_PREFIX = re.compile(
    r"^(?:(?:photo(?:graph)?|image|picture|video|credit|source|illustration)s?\s*(?:by\b|:)|©|\(c\)\s)",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z]{2,}[.]?$")
# Caption evidence: ends with a full date ("... in Moscow, Russia January 31, 2021.")
# or names a position in the picture ("Borrell (R) meets ...").
CAPTION_DATE_END = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2},?\s+"
    r"(?:19|20)\d\d\.?$|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+(?:19|20)\d\d\.?$"
)
POSITION_MARKER = re.compile(r"\((?:\d(?:st|nd|rd|th)\s)?(?:L|R|C|left|right|centre|center)\)")

# A byline ("By: Jane Doe - Staff Writer", "Posted by Jane Doe"): never the headline.
# The name after "by" is capitalised ("By the numbers: ..." stays a possible headline), or
# gone from a template ("By of the").
BYLINE = re.compile(r"^(?i:(?:posted|written|story|photos?) )?(?i:by)\b\s*:?\s*(?:[A-Z]|of\b)")
# A line that is only a web address: the page's own, copied above the text.
URL_LINE = re.compile(r"^https?://\S+$")
_SLUG_WORD = re.compile(r"[a-z0-9]+")
#: Share of a title-like line's words that its page's URL slug must hold for the line to
#: be the headline (whatever its length): a subtitle under the headline is often longer.
#: Slugs drop words ("gary-ross-catching-fire-negotiations" for "Gary Ross 'Catching Fire'
#: Negotiations Reportedly Continue": 5 of 7); a standfirst shares far fewer.
SLUG_SHARE = 0.6
#: A line with at most this many words and no sentence-final punctuation is a label,
#: a title or a widget, never a body paragraph.
MAX_TITLE_WORDS = 25
#: In a block (lines not separated by blank lines) where at least this share of lines is
#: furniture (and at least two lines), short single-sentence lines go too.
BLOCK_FURNITURE_SHARE = 0.5
BLOCK_SHORT_CHARS = 160
#: Stop-word density under which a sentence in a furniture block counts as a widget.
LOW_STOPWORD_DENSITY = 0.25


def normalise_line(line: str) -> str:
    """Whitespace (NBSP included) collapsed and stripped: how lines are compared."""
    return " ".join(line.split())


def line_key(line: str) -> str:
    """Case-folded normalised line: the key for repetition (inside a dump, per outlet)."""
    return normalise_line(line).casefold()


def stopword_density(line: str, stopwords: frozenset[str]) -> float | None:
    """Share of words that are stop words (jusText's signal); None without a list/words."""
    words = _WORD.findall(line.lower())
    if not words or not stopwords:
        return None
    return sum(w in stopwords for w in words) / len(words)


def is_sentence(line: str) -> bool:
    """Ends like a sentence (., !, ?, … possibly followed by closing quotes/brackets)."""
    return bool(SENTENCE_END.search(line))


def is_credit_line(line: str) -> bool:
    """A line that is only a photo credit ("Reuters", "AFP", "A/B/Getty", "Photo: X")."""
    if CREDIT_PREFIX.match(line) and len(line.split()) <= 8:
        return True
    if SLASH_CREDIT.fullmatch(line):
        return True
    tokens = line.split()
    if not tokens or len(tokens) > 4 or is_sentence(line) or any(c.isdigit() for c in line):
        return False
    if not all(re.match(_CAP + "$", t) for t in tokens):
        return False
    # One capitalised word, or several with an all-caps agency acronym among them.
    return len(tokens) == 1 or any(_ACRONYM.match(t) for t in tokens)


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class RemovedLine:
    """One line the cleaner dropped and why."""

    index: int  # 0-based line number in the dump
    text: str
    reason: str  # ui | notice | outlet-line | self-reference | teaser | credit | caption
    #              | duplicate | navigation | label | widget | related


@dataclass(frozen=True)
class CleanedDump:
    """What :func:`clean_dump` keeps and drops."""

    headline: str | None
    paragraphs: tuple[str, ...]  # body paragraphs, without the headline
    removed: tuple[RemovedLine, ...] = field(default=())

    @property
    def captions(self) -> tuple[str, ...]:
        """Removed caption lines (evidence for date inference, not article text)."""
        return tuple(r.text for r in self.removed if r.reason == "caption")


# --------------------------------------------------------------------------- cleaning


#: Headings of a list of other stories, which ends the article body on local news pages
#: (read off GVC dev page dumps; "Related coverage" and "Related stories" are left alone:
#: sites also put them between paragraphs of the article).
TAIL_HEADING = re.compile(
    r"^(?:more stories you may like|you may also like|you might also like|recommended for you"
    r"|more stories from)\b",
    re.IGNORECASE,
)


def _ends_article(line: str) -> bool:
    return bool(TAIL_HEADING.match(line)) and len(line.split()) <= 10 and not is_sentence(line)


def slug_words(url: str) -> frozenset[str]:
    """Lower-case words of a URL's path ("/2013/film/ellen-degeneres-to-host-oscars-12/")."""
    path = urlsplit(url).path.lower()
    return frozenset(w for w in _SLUG_WORD.findall(path) if not w.isdigit())


def _names_slug(line: str, slug: frozenset[str]) -> bool:
    """The line's words are (nearly all) in the URL slug: the page's headline."""
    words = _SLUG_WORD.findall(line.lower().replace("'", "").replace("’", ""))
    hits = sum(w in slug or w.rstrip("s") in slug for w in words)  # "retains" ~ "retain"
    return len(words) >= 3 and hits >= SLUG_SHARE * len(words)


def _blocks(lines: Sequence[str]) -> list[int]:
    """Block number of every line; each line is its own block when the dump has no
    blank-line paragraph separation (fewer than three blocks)."""
    block, numbers, prev_blank = 0, [], True
    for line in lines:
        if line and prev_blank:
            block += 1
        numbers.append(block)
        prev_blank = not line
    if block < 3:
        return list(range(len(lines)))
    return numbers


def clean_dump(
    text: str,
    *,
    outlet_lines: frozenset[str] = frozenset(),
    outlet_names: Iterable[str] = (),
    stopwords: frozenset[str] = frozenset(),
    url: str | None = None,
) -> CleanedDump:
    """Split a raw page dump into headline, body paragraphs and removed furniture.

    ``outlet_lines`` are :func:`line_key` forms of lines seen in several articles of the
    same outlet; ``outlet_names`` are names the outlet uses for itself (lines that are
    short UI lines naming it are removed). ``url``: the page's address, whose slug names
    the headline (so does an address line at the top of the dump).
    """
    lines = [normalise_line(line) for line in text.splitlines()]
    blocks = _blocks(lines)
    n = len(lines)
    reason: list[str | None] = [None] * n
    names = [name for name in outlet_names if name]
    name_res = [re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE) for name in names]
    nonblank = [i for i in range(n) if lines[i]]
    pos = {i: k for k, i in enumerate(nonblank)}

    def neighbours(i: int) -> list[int]:
        k = pos[i]
        return [nonblank[j] for j in (k - 1, k + 1) if 0 <= j < len(nonblank)]

    # 1. line-local signals
    seen: dict[str, int] = {}
    prompts: list[int] = []  # lines that prompt the reader (for step 1b)
    for i in nonblank:
        line = lines[i]
        words = len(line.split())
        key = line_key(line)
        if is_reader_prompt(line):
            reason[i] = "ui"
            prompts.append(i)
        elif UI_PREFIX.match(line) or UI_LINE.match(line) or SERVER_ERRORS.fullmatch(line):
            reason[i] = "ui"
        elif is_rights_notice(line):
            reason[i] = "notice"
        elif key in outlet_lines:
            reason[i] = "outlet-line"
        elif any(r.search(line) for r in name_res) and (words <= 8 or not is_sentence(line)):
            reason[i] = "self-reference"
        elif (
            (DURATION_END.search(line) and not is_sentence(line))
            or MORE_LINK_END.search(line)
            or is_related_teaser(line)
        ):
            reason[i] = "teaser"
        elif is_credit_line(line):
            reason[i] = "credit"
        elif (
            (SLASH_CREDIT.search(line) and not is_sentence(line))
            or CAPTION_LABEL.match(line)
            or PHOTO_CREDIT_END.search(line)
        ):
            reason[i] = "caption"  # caption text with its credit appended, or its label
        elif key in seen:
            reason[i] = "duplicate"
        seen.setdefault(key, i)

    # 1b. a widget's other lines: a short line next to a prompt to the reader that names
    # something only a site's machinery has ("Email notifications are only sent once a
    # day, ..." after "Whenever <reporter> posts new content, you'll get an email ...")
    for i in prompts:
        for j in neighbours(i):
            if (
                reason[j] is None
                and len(lines[j].split()) <= WIDGET_LINE_WORDS
                and _SITE_WORD.search(lines[j])
                and not _QUOTED.search(lines[j])
            ):
                reason[j] = "ui"

    # 2. captions: the nearest lines around a lone credit, when they look like captions
    duplicated = {seen[line_key(lines[i])] for i in nonblank if reason[i] == "duplicate"}
    for i in nonblank:
        if reason[i] != "credit":
            continue
        for j in neighbours(i):
            line = lines[j]
            if reason[j] is None and (
                CAPTION_DATE_END.search(line)
                or POSITION_MARKER.search(line)
                or not is_sentence(line)
                or j in duplicated
            ):
                reason[j] = "caption"
    # a caption's copies go with it
    caption_keys = {line_key(lines[i]) for i in nonblank if reason[i] == "caption"}
    for i in nonblank:
        if reason[i] == "duplicate" and line_key(lines[i]) in caption_keys:
            reason[i] = "caption"

    # 3. title-like lines sharing a block with a teaser or a caption belong to it
    by_block: dict[int, list[int]] = defaultdict(list)
    for i in nonblank:
        by_block[blocks[i]].append(i)
    for i in nonblank:
        if reason[i] in ("teaser", "caption"):
            for j in by_block[blocks[i]]:
                if reason[j] is None and not is_sentence(lines[j]):
                    reason[j] = reason[i]

    def paragraph_like(line: str) -> bool:
        words = len(line.split())
        return (is_sentence(line) and words >= 3) or words > MAX_TITLE_WORDS

    # 4. headline: before the first paragraph, the line the URL slug names, else the
    #    longest title-like line (never a time stamp or a byline)
    first_para = next((i for i in nonblank if reason[i] is None and paragraph_like(lines[i])), n)
    standfirst = -1
    candidates = [
        i
        for i in nonblank
        if i < first_para
        and reason[i] is None
        and len(lines[i].split()) >= 2
        and not is_time_stamp(lines[i])
        and not BYLINE.match(lines[i])
    ]
    headline_i = max(candidates, key=lambda i: (len(lines[i].split()), -i), default=None)
    urls = [url] if url else []
    urls += [lines[i] for i in nonblank if i < first_para and URL_LINE.match(lines[i])]
    slug = frozenset().union(*(slug_words(u) for u in urls))
    named = [i for i in candidates if slug and _names_slug(lines[i], slug)]
    if named and named[0] != headline_i:
        # the longest line under the headline the slug names is its standfirst: kept
        if headline_i is not None and headline_i > named[0] and len(lines[headline_i].split()) >= 6:
            standfirst = headline_i
        headline_i = named[0]
    for i in nonblank:
        if reason[i] is not None or i in (headline_i, standfirst):
            continue
        if i < first_para:
            reason[i] = "navigation"
        elif not paragraph_like(lines[i]):
            reason[i] = "label"

    # 5. widget blocks: mostly furniture, so their short sentences are furniture too
    for members in by_block.values():
        if len(members) < 3:
            continue
        furniture = sum(reason[i] is not None for i in members)
        if furniture < 2 or furniture / len(members) < BLOCK_FURNITURE_SHARE:
            continue
        for i in members:
            if reason[i] is not None or i in (headline_i, standfirst):
                continue
            density = stopword_density(lines[i], stopwords)
            if len(lines[i]) < BLOCK_SHORT_CHARS or (
                density is not None and density < LOW_STOPWORD_DENSITY
            ):
                reason[i] = "widget"

    # 6. a heading of other stories ("More stories you may like") ends the article: the
    # teasers under it are other events' (their counts were read as the story's)
    body_start = first_para if first_para < n else 0
    tail = next(
        (i for i in nonblank if i > body_start and i != headline_i and _ends_article(lines[i])),
        None,
    )
    if tail is not None:
        for i in nonblank:
            if i >= tail:
                reason[i] = "related"

    headline = lines[headline_i] if headline_i is not None else None
    paragraphs = tuple(lines[i] for i in nonblank if reason[i] is None and i != headline_i)
    removed = tuple(RemovedLine(i, lines[i], r) for i in nonblank if (r := reason[i]) is not None)
    return CleanedDump(headline=headline, paragraphs=paragraphs, removed=removed)


def clean_extracted(text: str) -> tuple[str, ...]:
    """Paragraphs of an already extracted body: whitespace normalised, a server's error
    messages, "Related Coverage <headline>" links, rights notices, empty lines and
    immediate verbatim repeats dropped. Paragraphs are split on
    blank lines, or on single newlines when the text has no blank line."""
    raw = re.split(r"\n\s*\n", text.strip()) if re.search(r"\n\s*\n", text) else text.splitlines()
    out: list[str] = []
    for chunk in raw:
        para = SERVER_ERRORS.sub("", normalise_line(chunk))
        if (
            para
            and not is_related_teaser(para)
            and not is_rights_notice(para)
            and (not out or line_key(out[-1]) != line_key(para))
        ):
            out.append(para)
    return tuple(out)


# --------------------------------------------------------------------------- per outlet

#: A document whose characters are mostly in lines shared with other documents of its
#: outlet is a near-duplicate, not a template: it does not vote.
NEAR_DUPLICATE_SHARE = 0.6


def repeated_lines(texts_by_outlet: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """Per outlet, the :func:`line_key` forms of lines present in >= 2 distinct articles.

    Identical texts count once, and documents that share most of their text with the
    others (near-duplicates, e.g. two copies of one article) are left out of the vote,
    so a repeated article never turns its own paragraphs into boilerplate.
    """
    result: dict[str, frozenset[str]] = {}
    for outlet, texts in texts_by_outlet.items():
        unique: dict[str, set[str]] = {}
        for text in texts:
            keys = {line_key(line) for line in text.splitlines() if line.strip()}
            digest = hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()
            unique.setdefault(digest, keys)
        docs = list(unique.values())
        voters = docs
        for _ in range(2):
            counts: dict[str, int] = defaultdict(int)
            for keys in voters:
                for key in keys:
                    counts[key] += 1
            shared = {k for k, c in counts.items() if c >= 2}
            kept = [
                keys
                for keys in voters
                if sum(len(k) for k in keys & shared)
                <= NEAR_DUPLICATE_SHARE * max(1, sum(len(k) for k in keys))
            ]
            if len(kept) == len(voters):
                break
            voters = kept
        if shared:
            result[outlet] = frozenset(shared)
    return result
