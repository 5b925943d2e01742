"""Numbers one calls, texts or tunes to: phone numbers (vanity ones too), service numbers
("911"), text short codes and broadcast channels. None of them counts anything.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from corroborate.analyze.nlp import doc_text
from corroborate.analyze.number_tokens import text_after

_PHONE_RE = re.compile(r"^(\+?1[-. ]?)?(\(\d{3}\)|\d{3})[-. ]?\d{3}[-. ]\d{4}$")
#: Telephone service numbers written alone ("a 911 call", "called 999").
SERVICE_NUMBERS = frozenset({"911", "999", "112", "311", "411"})


def is_service_number(tokens: list[Token]) -> bool:
    """ "911", "999", "311": a number one calls, not a count."""
    return len(tokens) == 1 and tokens[0].text in SERVICE_NUMBERS


#: A US broadcaster's call sign: K or W and two or three more capitals ("KQRV", "WXYZ").
_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}")
#: Networks whose local stations are named by their channel ("NBC 4 New York").
_NETWORKS = frozenset({"NBC", "CBS", "ABC", "FOX", "Fox", "CW"})


def is_channel(tokens: list[Token]) -> bool:
    """ "told KQRV 7", "WVLM News 12", "Action News 4", "Channel 9", "WKRT-TV 7": a
    station's channel number after its call sign, "News", "TV" or "Channel", or before the
    brand "NEWS" ("told 4 NEWS deputies were called", "7-News"), page furniture of local
    news sites (GVC dev hand readings)."""
    doc = tokens[0].doc
    k = tokens[0].i
    if len(tokens) != 1 or k == 0:
        return False
    prev = doc[k - 1]
    nxt = [t for t in doc[k + 1 : k + 3] if not t.is_space]
    if nxt and nxt[0].text == "NEWS" and not (len(nxt) > 1 and nxt[1].is_upper):
        return True  # "tells 4 NEWS deputies were called": the station's brand (an all-caps
        # headline, "2 NEWS ANCHORS FIRED", is left alone)
    if prev.lower_.lstrip(".") == "channel" or prev.text in {"News", "NEWS", *_NETWORKS}:
        # "Channel 9 reporter Karla Ray", "Action News 4 reporter", "WVLM News 12"; but a
        # number before what it counts is a count after a byline or a glued headline too
        # ("WPXI 11 News Two brothers were shot", "tell Eyewitness News two brothers got")
        after = [t for t in doc[k + 1 : k + 3] if not t.is_space]
        plural = {"NNS", "NNPS"}
        counts = bool(after) and (
            after[0].tag_ in plural
            or (len(after) > 1 and after[0].pos_ == "ADJ" and after[1].tag_ in plural)
        )
        return not counts
    glued = doc[k].whitespace_ == "" and len(nxt) > 1 and nxt[0].text == "-"
    if glued and nxt[0].whitespace_ == "" and nxt[1].text in {"News", "NEWS"}:
        return True  # "WKRT-TV 7-News, Weather, Sports": the station's brand
    if not doc[k].text.isdigit() or (nxt and nxt[0].tag_ in {"NNS", "NNPS"}):
        return False  # "told WBRC-TV three women were hurt": a count after the station
    if prev.text == "TV" and k >= 2:
        prev = doc[k - 2]
        if prev.text == "-" and k >= 3:
            prev = doc[k - 3]  # "WKRT-TV 7"
    return bool(_CALL_SIGN.fullmatch(prev.text))


#: Words of a text message a short code follows ("send a text message to 84100").
_TEXT_WORDS = frozenset({"text", "texting", "sms"})


def is_short_code(tokens: list[Token]) -> bool:
    """ "send a text message to 84100", "text the word TIP to 84100": the number a tip
    line's texts go to (a phone number), not a count."""
    doc = tokens[0].doc
    k = tokens[0].i
    if len(tokens) != 1 or not (tokens[0].text.isdigit() and 4 <= len(tokens[0].text) <= 6):
        return False
    if k == 0 or doc[k - 1].lower_ != "to":
        return False
    nxt = doc[k + 1] if k + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN":
        return False  # "sent text alerts to 5000 residents": a count
    return any(t.lower_ in _TEXT_WORDS for t in doc[max(0, k - 8) : k])


def is_station_brand(tokens: list[Token]) -> bool:
    """ "police told 4 NEWS", "the chief tells 21 news that", "told 12 KTVB's": a channel
    number before "news" or a call sign (GVC dev hand readings). News is not counted; "4
    news reporters" counts the reporters and stays a count."""
    doc = tokens[0].doc
    k = tokens[-1].i
    if len(tokens) != 1 or not tokens[0].text.isdigit() or k + 1 >= len(doc):
        return False
    if doc[k + 1].lower_ != "news" and not _CALL_SIGN.fullmatch(doc[k + 1].text):
        return False  # "told 4 NEWS", "told 12 KTVB's Ann Cole", "told 16 WAPT that"
    after = doc[k + 2] if k + 2 < len(doc) else None
    return after is None or after.tag_ not in {"NNS", "NNPS"}


#: A telephone number spelled with letters, its digits glued by hyphens: "1-866-7LOCKUP",
#: "1-888-CRIME-SC", "864-638-STOP", "555-CASH".
_VANITY_RE = re.compile(
    r"(?:1-)?(?:\d{3}-)*\d{3}-(?=[0-9A-Z-]*[A-Z])[0-9A-Z]{2,}(?:-[0-9A-Z]{2,})*"
)
#: The rest of a vanity number after its area code in parentheses ("LAPD-24-7").
_VANITY_REST_RE = re.compile(r"(?=[0-9A-Z-]*[A-Z])[0-9A-Z]{2,}(?:-[0-9A-Z]+)+")
#: The same with spaces between the words ("(800) SPEAK UP"); only seven characters in all
#: make it a number.
_VANITY_SPACED_RE = re.compile(
    r"(?=[0-9A-Z -]*[A-Z])[0-9A-Z]{2,}(?:[- ][0-9A-Z]{2,})*(?![0-9A-Za-z])"
)


def _in_vanity_number(doc: Doc, k: int) -> bool:
    """Whether token ``k`` is part of a vanity telephone number: the run of tokens glued to
    it without spaces reads as one (``_VANITY_RE``)."""
    start = k
    while start > 0 and not doc[start - 1].whitespace_ and not doc[start - 1].is_space:
        start -= 1
    end = k
    # a line break is a token of its own, glued to the words around it
    while end + 1 < len(doc) and not doc[end].whitespace_ and not doc[end + 1].is_space:
        end += 1
    text = doc[start : end + 1].text.strip(" .,;:()\"'“”‘’!?")  # '1-800-TBI-FIND."'
    return bool(_VANITY_RE.fullmatch(text))


def is_phone_number(tokens: list[Token]) -> bool:
    """ "555-0142", "(555) 123-4567": digits grouped the way telephone numbers are."""
    doc = tokens[0].doc
    k = tokens[0].i
    if (  # a number glued after an area code: "305-471-TIPS", "(661)327-7111"
        k >= 2
        and doc[k - 1].text == "-"
        and not doc[k - 1].whitespace_
        and not doc[k - 2].whitespace_
        and re.fullmatch(r"(\d{3}\))?\d{3}", doc[k - 2].text)
    ):
        return True
    if (  # an area code in parentheses: "(419) 255-1111"
        k > 0
        and doc[k - 1].text == "("
        and k + 1 < len(doc)
        and doc[k + 1].text == ")"
        and len(tokens[0].text) == 3
        and tokens[0].text.isdigit()
    ):
        rest = doc[k + 2 : k + 5].text.replace(" ", "")
        if re.match(r"^\d{3}-(\d{4}|[A-Z]{4})", rest):  # "(214) 555-1111", "(214) 555-TIPS"
            return True
        after = text_after(doc, doc[k + 1], 24).lstrip()
        vanity = _VANITY_REST_RE.match(after)  # "(877) LAPD-24-7"
        if vanity and sum(c.isalnum() for c in vanity.group()) >= 7:
            return True
        spaced = _VANITY_SPACED_RE.match(text_after(doc, doc[k + 1], 30).lstrip())
        if (  # "(800) SPEAK UP": capitals spelling the seven digits, words apart
            spaced
            and sum(c.isalnum() for c in spaced.group()) == 7
            and tokens[0].text[0] in "23456789"
            and not (k >= 2 and doc[k - 2].like_num)  # "eight hundred (800) officers"
        ):
            return True
    if (  # a number with a stray space before its dash: "call 410 -396-2100"
        tokens[0].text.isdigit()
        and len(tokens[0].text) == 3
        and re.match(r"\s?[-.]\s?\d{3}[-.]\d{4}\b", text_after(doc, tokens[0], 14))
    ):
        return True
    if _in_vanity_number(doc, k) or (  # "at 1-866-7LOCKUP", "555-CASH (2274)"
        k >= 2 and doc[k - 1].text == "(" and _in_vanity_number(doc, k - 2)
    ):
        return True
    if re.match(r"\d{3}-\d{3}[- ][A-Z]{4}\b", doc_text(doc)[tokens[0].idx : tokens[0].idx + 12]):
        return True  # "the TIPS Line at 612-692 TIPS (8477)"
    if (  # a vanity number: "555-TIPS"
        len(tokens) == 1
        and re.fullmatch(r"\d{3}", tokens[0].text)
        and k + 2 < len(doc)
        and doc[k + 1].text == "-"
        and not tokens[0].whitespace_
        and not doc[k + 1].whitespace_
        and re.fullmatch(r"[A-Z]{4}", doc[k + 2].text)
    ):
        return True
    start = tokens[0].i
    while start > 0 and (doc[start - 1].text in {"(", ")", "-", "."} or doc[start - 1].is_digit):
        if doc[start - 1].whitespace_ and doc[start - 1].text not in {")"}:
            break
        start -= 1
    end = tokens[-1].i + 1
    while end < len(doc) and (doc[end].text in {"-", "."} or doc[end].is_digit):
        if doc[end - 1].whitespace_:
            break
        end += 1
    text = doc[start:end].text.strip(" .")
    return bool(re.match(r"^\d{3}-\d{4}$", text)) or bool(_PHONE_RE.match(text))


def is_zero_led_code(tokens: list[Token]) -> bool:
    """ "bulletin MS09-067", "Crimestoppers on 0800 555 111": whole numbers written with
    a leading zero are codes or a phone number's groups (a trunk prefix), never counts;
    the groups after such a group too (a reading of ECB+ dev's board, 2026-12-05)."""
    doc = tokens[0].doc
    k = tokens[0].i
    group = list(tokens)
    while k >= 1 and doc[k - 1].text.isdigit() and doc[k - 1].whitespace_:
        k -= 1  # the groups before the run: "0800 555" before "111"
        group.insert(0, doc[k])
    return any(len(t.text) >= 2 and t.text.isdigit() and t.text.startswith("0") for t in group)
