"""Language identification (py3langid) and per-language stop-word lists (jusText's)."""

from __future__ import annotations

import re
from functools import lru_cache

# ISO 639-1 code -> name of jusText's stop-word list (justext ships with trafilatura).
_JUSTEXT_NAMES = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "nl": "Dutch",
    "no": "Norwegian_Bokmal",
    "nb": "Norwegian_Bokmal",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sr": "Serbian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
}

#: Below this many letters the language guess is noise; ``detect_language`` returns None.
MIN_LETTERS = 20
#: py3langid's cost is linear in the text; a few paragraphs identify the language as well
#: as the whole article does, at a tenth of the cost on long articles.
SAMPLE_CHARS = 3000
_LETTERS = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of ``text`` (py3langid), or None for too little text."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTERS.findall(sample[:2000])) < MIN_LETTERS:
        return None
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code)


@lru_cache(maxsize=64)
def stopwords_for(language: str | None) -> frozenset[str]:
    """Lower-case stop words for ``language`` (ISO 639-1); empty when no list is known."""
    name = _JUSTEXT_NAMES.get((language or "").lower().split("-")[0])
    if name is None:
        return frozenset()
    try:
        import justext
    except ImportError:  # pragma: no cover - justext comes with trafilatura
        return frozenset()
    return frozenset(word.lower() for word in justext.get_stoplist(name))


def normalise_language(code: str | None) -> str | None:
    """``"en-US"``/``"EN"`` -> ``"en"``; None or empty stays None."""
    if not code or not code.strip():
        return None
    return code.strip().lower().replace("_", "-").split("-")[0] or None
