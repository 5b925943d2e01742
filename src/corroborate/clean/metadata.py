"""Article metadata: outlet, publication date, stable ids.

Nothing here knows any outlet, text or name: outlets come from the input, from the
URL's registered domain, or from a capitalised name that recurs in the UI lines of a
dump ("Watch X", "View X In", "X App Open").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlsplit

# --------------------------------------------------------------------------- ids


def normalise_text(text: str) -> str:
    """Lower-case, whitespace collapsed: the form content ids are computed on."""
    return " ".join(text.lower().split())


def content_hash(text: str) -> str:
    """sha256 hex of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def content_id(text: str) -> str:
    """Stable article id: the first 16 hex characters of :func:`content_hash`."""
    return content_hash(text)[:16]


# --------------------------------------------------------------------------- outlet

# Second-level labels under which registries sell names (example.co.uk, example.com.au).
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu", "news", "ne", "or", "go"}
_HOST_PREFIXES = {"www", "m", "amp", "mobile", "edition", "beta", "en", "english"}


def registered_label(url: str) -> str | None:
    """The label of the registered domain: ``https://www.bbc.co.uk/x`` -> ``"bbc"``."""
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2]


def outlet_from_url(url: str | None) -> str | None:
    """A readable outlet name from a URL's registered domain.

    Rule: the registered label, hyphens as spaces, each word title-cased, except words
    of at most three letters, which are upper-cased as acronyms
    (``reuters.com`` -> "Reuters", ``the-news-site.org`` -> "The News Site",
    ``bbc.co.uk`` -> "BBC").
    """
    if not url:
        return None
    label = registered_label(url)
    if not label:
        return None
    words = [w for w in label.split("-") if w]
    return " ".join(w.upper() if len(w) <= 3 and w != "the" else w.capitalize() for w in words)


_CAP_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z&'.-]*|[A-Z0-9]{2,})$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def _is_ui_line(line: str, max_words: int = 6) -> bool:
    words = line.split()
    return 2 <= len(words) <= max_words and not _SENTENCE_END.search(line)


#: An outlet names itself in the page's masthead: a self-reference must occur in a UI line
#: among the first this many lines of the dump (a press release's closing "About <company>"
#: lines never make an outlet).
MASTHEAD_LINES = 10
#: ... in a masthead line of at most this many words ("Watch X", "X App Open"), not in the
#: headline.
MASTHEAD_WORDS = 4


def self_reference_outlet(lines: Sequence[str]) -> str | None:
    """The outlet a dump names in its own UI lines, or None.

    A candidate is a run of 1-3 capitalised tokens that occurs in at least two
    distinct short UI lines (2-6 words, no sentence-final punctuation), one of them a
    masthead line (2-4 words, among the first :data:`MASTHEAD_LINES` lines), and in none of
    the article's sentence lines.
    The candidate in most such lines wins; ties go to the longer name.
    """
    ui_lines = {line for line in lines if _is_ui_line(line)}
    body = " ".join(line for line in lines if len(line.split()) >= 8 and _SENTENCE_END.search(line))
    counts: Counter[str] = Counter()
    for line in ui_lines:
        tokens = line.split()
        seen: set[str] = set()
        for i in range(len(tokens)):
            for n in (1, 2, 3):
                gram = tokens[i : i + n]
                if len(gram) < n or len(gram) == len(tokens):
                    continue
                if not all(_CAP_TOKEN.match(t) for t in gram):
                    continue
                seen.add(" ".join(gram))
        counts.update(seen)
    masthead = " \n ".join(
        line for line in lines[:MASTHEAD_LINES] if _is_ui_line(line, MASTHEAD_WORDS)
    )
    best: tuple[int, int, str] | None = None
    for name, count in counts.items():
        named = rf"(?<!\w){re.escape(name)}(?!\w)"
        if count < 2 or re.search(named, body) or not re.search(named, masthead):
            continue
        key = (count, len(name.split()), name)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


# --------------------------------------------------------------------------- dates

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_WEEKDAY_PREFIX = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
# a clock time after a date, with its am/pm ("PM" too) and time zone: "10:04 PM ET"
_TIME = r"(?:\s*(?:,|at|@|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[aApP]\.?[mM]\.?)?(?:\s*[A-Z]{2,5})?)?"
_MARKER_WORDS = (
    r"(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated"
    r"|datum|veröffentlicht(?:\s+am)?|publié(?:\s+le)?|publicado(?:\s+el)?|pubblicato(?:\s+il)?)"
)
_MARKER = re.compile(rf"^\s*{_MARKER_WORDS}\s*[:\-–]?\s*", re.IGNORECASE)


def _match_to_date(m: re.Match[str]) -> dt.date | None:
    month_text = m.group("month").lower().rstrip(".")
    month = _MONTHS.get(month_text) if not month_text.isdigit() else int(month_text)
    try:
        return dt.date(int(m.group("year")), month or 0, int(m.group("day")))
    except ValueError:
        return None


def find_absolute_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Full dates with a year ("February 5, 2021", "5 Feb 2021", "2021-02-05") in ``text``."""
    found: list[tuple[int, int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            day = _match_to_date(m)
            if day and not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), day))
    return sorted(found)


# Datelines are written in the page's language: month names of the languages the
# evaluation pages are in (en, de, fr, es, it, pt, nl), and day-first numeric dates with dots.
_DATELINE_MONTH_NAMES = {
    1: "january jan januar jänner janvier enero gennaio janeiro januari",
    2: "february feb februar février fevrier febrero febbraio fevereiro februari",
    3: "march mar märz maerz mars marzo março maart",
    4: "april apr avril abril aprile",
    5: "may mai mayo maggio maio mei",
    6: "june jun juni juin junio giugno junho",
    7: "july jul juli juillet julio luglio julho",
    8: "august aug august août aout agosto augustus",
    9: "september sep sept septembre septiembre settembre setembro",
    10: "october oct oktober octobre octubre ottobre outubro okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember décembre decembre diciembre dicembre dezembro dez",
}
_DATELINE_MONTH = {name: n for n, names in _DATELINE_MONTH_NAMES.items() for name in names.split()}
_DL_MONTH = "|".join(sorted(_DATELINE_MONTH, key=len, reverse=True))
_DATELINE_PATTERNS = (
    re.compile(r"(?<![\d.])(?P<d>\d\d?)\.\s?(?P<m>\d\d?)\.\s?(?P<y>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)"),
    re.compile(
        rf"(?<!\w)(?P<d>\d\d?)(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?(?P<mn>{_DL_MONTH})\.?,?\s+"
        r"(?:de\s+|del\s+)?(?P<y>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<!\w)(?P<mn>{_DL_MONTH})\.?\s+(?P<d>\d\d?)(?:st|nd|rd|th)?,?\s+"
        r"(?P<y>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    ),
)


def find_dateline_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Full dates as datelines write them, in several languages: "25.01.2022",
    "2022-01-25", "3. Februar 2022", "7 de mayo del 2022", "May 7, 2022"; sorted by position."""
    found: list[tuple[int, int, dt.date]] = []
    for pattern in _DATELINE_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = _DATELINE_MONTH[groups["mn"].lower()] if groups.get("mn") else int(groups["m"])
            try:
                day = dt.date(int(groups["y"]), month, int(groups["d"]))
            except ValueError:
                continue
            if not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), day))
    return sorted(found)


_URL_DATES = (
    re.compile(r"(?<![\w])(?P<y>(?:19|20)\d\d)(?P<s>[/_-])(?P<m>\d\d?)(?P=s)(?P<d>\d\d?)(?!\d)"),
    re.compile(r"(?<![\w])(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?![\w])"),
)


def plausible_day(day: dt.date, today: dt.date | None = None) -> bool:
    """Whether ``day`` can be a news article's date: 1990 to today."""
    return dt.date(1990, 1, 1) <= day <= (today or dt.date.today())


def url_date(url: str | None) -> str | None:
    """A full date in the URL's path (``/2019/11/18/``, ``2019-11-19``, ``/20191118/``)."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]+", "", url, flags=re.I).split("?")[0]
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            try:
                day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            if plausible_day(day):
                return day.isoformat()
    return None


def parse_published(value: str | None) -> str | None:
    """Parse a publication date given as metadata (ISO or free text) to ``YYYY-MM-DD``."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    dates = find_absolute_dates(value)
    if dates:
        return dates[0][2].isoformat()
    import dateparser

    parsed = dateparser.parse(
        value, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    )
    return parsed.date().isoformat() if parsed else None


def _place_dateline(lead: str, tail: str) -> bool:
    """A press-release dateline: a place of at most five words ending in a separator
    ("Hofheim | Wiesbaden, "), the date, nothing after it but a time."""
    words = lead.split()
    return (
        1 <= len(words) <= 5
        and bool(re.search(r"[,|–-]\s*$", lead))
        and not _SENTENCE_END.search(lead.rstrip(" ,|–-"))
        and not tail.strip(" ,;:|-–")
        and not _OTHER_EVENT.search(lead)
    )


_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b")
# Words of a page's time stamp besides its dates and times ("Story Created: ... at ...").
_STAMP_WORDS = frozenset(
    {
        "posted", "updated", "published", "created", "modified", "edited", "first", "last",
        "story", "on", "at", "and", "am", "pm", "a", "m", "p",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        *_WEEKDAYS,
        *_MONTHS,
    }
)  # fmt: skip


def is_time_stamp(line: str) -> bool:
    """A line that is only a page's time stamp: a date or clock time with stamp words and
    time zones around it ("Posted: 04/9/2012 8:33 am Updated: 04/9/2012 8:33 am",
    "Story Created: Aug 7, 2012 at 9:56 AM AKDT"), never a headline."""
    spans = [(a, b) for a, b, _ in find_absolute_dates(line)]
    spans += [m.span() for m in (*_CLOCK.finditer(line), *_NUMERIC_DATE.finditer(line))]
    if not spans:
        return False
    rest = "".join(" " if any(a <= i < b for a, b in spans) else c for i, c in enumerate(line))
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if not (w.isupper() and len(w) <= 5)]
    return sum(w.lower() not in _STAMP_WORDS for w in words) <= 1


def take_date_marker(lines: Sequence[str], top: int = 5) -> tuple[str | None, list[str]]:
    """Find a date marker among the first ``top`` non-empty lines and remove it.

    Three forms count: a marker word then a date at the start of a line
    (`` date 2021-02-09 It discussed ...`` -> the rest of the line stays), a line
    that is only a dateline ("February 9, 2021", "Tue 9 Feb 2021 10:00 GMT | Moscow":
    at most five other words and no sentence-final punctuation; the whole line goes), and a
    press-release dateline ("Hofheim | Wiesbaden, 11. November 2021": a place of at most
    five words, a separator, the date; the whole line goes).
    Returns the ISO date (or None) and the lines without the marker.
    """
    out = list(lines)
    seen = 0
    for i, line in enumerate(out):
        if not line.strip():
            continue
        seen += 1
        if seen > top:
            break
        marker = _MARKER.match(line)
        rest = line[marker.end() :] if marker else line
        dates = sorted(find_absolute_dates(rest) + find_dateline_dates(rest))
        if not dates:
            continue
        start, end, day = dates[0]
        lead = rest[:start]
        # "Posted: Tuesday, March 14, 2023 9:05 am |": a weekday may come first
        bare = not lead.strip(" ,;:|-–") or re.fullmatch(rf"\s*{_WEEKDAY_PREFIX}", lead, re.I)
        if marker and bare:
            tail = re.sub(rf"^{_TIME}", "", rest[end:]).strip(" ,;:|-–")
            out[i] = tail
            return day.isoformat(), out
        if marker:
            continue
        if re.fullmatch(rf"\s*{_WEEKDAY_PREFIX}", lead, re.IGNORECASE):
            leftover = (lead + " " + re.sub(rf"^{_TIME}", "", rest[end:])).strip()
            if len(leftover.split()) <= 5 and not _SENTENCE_END.search(leftover):
                out[i] = ""
                return day.isoformat(), out
        elif _place_dateline(lead, re.sub(rf"^{_TIME}", "", rest[end:])):
            out[i] = ""
            return day.isoformat(), out
    return None, out


_WEEKDAY_RE = re.compile(
    r"(?P<pre>\b\w+\s+)?\b(?P<wd>" + "|".join(_WEEKDAYS) + r")(?:['’]s)?\b", re.IGNORECASE
)
_NOT_PAST_BEFORE = {"this", "next", "coming", "until", "till", "by", "before", "every", "each"}
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|going to|plans? to|is to|are to|scheduled|expected to|next)\b"
    r"|['’]ll\b",
    re.IGNORECASE,
)
# Sentences about something else than the reported event: a birth, a death, a founding.
_OTHER_EVENT = re.compile(
    r"\b(?:born|birth|birthday|died|death|founded|established|anniversary|since"
    r"|geboren|gestorben|gegründet|née?|nacido|nata?o?)\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"[^.!?…]+(?:[.!?…]+[\"'”’)]*|$)")


#: A full date below the top of the article counts only within this many days after a
#: date at the top (it then follows the story; an older or unrelated date does not).
LATER_DATE_DAYS = 31


def infer_published(
    texts: Sequence[str], today: dt.date | None = None, lead: int | None = None
) -> str | None:
    """Infer a publication date from the article's own evidence; None when there is none.

    1. D = the latest full date (with a year) mentioned in a sentence without a future
       marker ("will", "next", "scheduled", ...) or a marker of another event ("born",
       "died", "founded", "since", ...), and not after ``today``. Only the top of the
       article anchors it: with ``lead``, the first ``lead`` texts (captions and the first
       paragraphs, see ``clean_document``) must hold a full date, and a date further down
       counts only when it is at most :data:`LATER_DATE_DAYS` days after the top's latest.
       A lone date deep in the body (a birth, an earlier event) never becomes the date.
    2. Past-tense weekday mentions ("on Tuesday", "late Monday", "Monday's call"; not
       "this/next/coming Sunday", not in future sentences) are placed on the weekly
       circle. Events cluster in the days before publication, so the mentioned weekday
       followed by the largest gap (to the next mentioned weekday) is taken as the latest
       event L. Ties: a weekday equal to D's own weekday loses (it is most likely D's
       event itself), then the candidate giving the earliest date wins.
    3. The publication date is the first day on or after D that falls on L (so at most
       D + 6 days); with no weekday mention it is D.
    """
    today = today or dt.date.today()
    latest: dt.date | None = None
    top: dt.date | None = None
    weekdays: set[int] = set()
    for index, text in enumerate(texts):
        below = lead is not None and index >= lead
        if below and top is None:
            break
        for sentence in _SENTENCES.findall(text):
            if _FUTURE.search(sentence) or _OTHER_EVENT.search(sentence):
                continue
            for _s, _e, day in find_absolute_dates(sentence):
                if day > today:
                    continue
                if below and top is not None and not 0 <= (day - top).days <= LATER_DATE_DAYS:
                    continue
                if latest is None or day > latest:
                    latest = day
            for m in _WEEKDAY_RE.finditer(sentence):
                pre = (m.group("pre") or "").strip().lower()
                if pre not in _NOT_PAST_BEFORE:
                    weekdays.add(_WEEKDAYS.index(m.group("wd").lower()))
        if not below:
            top = latest
    if latest is None:
        return None
    if not weekdays:
        return latest.isoformat()
    ordered = sorted(weekdays)
    best: tuple[int, bool, int] | None = None  # (-gap, is D's weekday, offset from D)
    for i, wd in enumerate(ordered):
        nxt = ordered[(i + 1) % len(ordered)]
        gap = (nxt - wd) % 7 or 7
        offset = (wd - latest.weekday()) % 7
        key = (-gap, offset == 0, offset)
        if best is None or key < best:
            best = key
    assert best is not None
    published = latest + dt.timedelta(days=best[2])
    return min(published, today).isoformat()
