"""Which common nouns name a participant: a person, group, place or thing ("gunman",
"police", "store"), not a happening or an abstraction ("decision", "game", "damage").

A logistic regression over the MiniLM vector of the noun's lemma, fitted by
``bench/fit_participant_nouns.py`` on the common-noun heads of the gold entity mentions
(participants) and event mentions (not) of ECB+ dev and MEANTIME, one example per lemma
and corpus. Fitted on ECB+ and tested on MEANTIME's lemmas it ranks them with ROC AUC
0.90 (0.89 on the lemmas ECB+ never saw), balanced accuracy 0.81; the reverse, fitted on
MEANTIME's 328 lemmas (64 of them events), AUC 0.83 (docs/entity-resolution.md,
"Unnamed participants"). Shipped as plain JSON; without MiniLM every noun counts as a
participant (the lists are then as before the model).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

#: The fitted model (``bench/fit_participant_nouns.py``).
PARTICIPANT_MODEL_PATH = Path(__file__).parent / "models" / "participant_nouns.json"
#: Lowest probability of a participant noun. Under the fitted prior (0.5) a few things the
#: corpora annotate both ways fell out ("ship" 0.45, "report" 0.47); 0.4 keeps them and
#: still leaves out "decision" (0.16), "loss" (0.12), "victory" (0.07), "investigation"
#: (0.24). Read off ECB+ dev's 200 most used unnamed heads.
MIN_PARTICIPANT = 0.4


@dataclass(frozen=True)
class ParticipantModel:
    """The fitted coefficients over one encoder's vectors."""

    encoder: str
    coef: np.ndarray
    intercept: float

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """P(participant) for each row of ``vectors``."""
        z = np.asarray(vectors, dtype=np.float64) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


@lru_cache(maxsize=1)
def load_participant_model(path: str | None = None) -> ParticipantModel:
    """The shipped model (or the one at ``path``), loaded once per process."""
    spec = json.loads(Path(path or PARTICIPANT_MODEL_PATH).read_text(encoding="utf-8"))
    return ParticipantModel(
        encoder=str(spec["encoder"]),
        coef=np.asarray(spec["coef"], dtype=np.float64),
        intercept=float(spec["intercept"]),
    )


#: Lemma -> participant or not, for this process (a story is rebuilt many times).
_DECIDED: dict[str, bool] = {}


def undecided(lemmas: Iterable[str]) -> list[str]:
    """The lemmas of ``lemmas`` this process has not decided yet (sorted)."""
    return sorted({w for w in lemmas if w not in _DECIDED})


def decide(lemmas: Sequence[str], vectors: np.ndarray, encoder: str) -> None:
    """Decide ``lemmas`` from their ``encoder`` vectors computed elsewhere (the link stage
    has its runner's workers encode them, as it does claim sentences)."""
    model = load_participant_model()
    if encoder != model.encoder:
        raise ValueError(
            f"participant-noun model was fitted on {model.encoder} vectors, not {encoder}; "
            "refit it (bench/fit_participant_nouns.py)"
        )
    for word, p in zip(lemmas, model.probabilities(vectors), strict=True):
        _DECIDED[word] = bool(p >= MIN_PARTICIPANT)


def participant_nouns(lemmas: Sequence[str]) -> dict[str, bool]:
    """Whether each lemma names a participant (P >= :data:`MIN_PARTICIPANT`); lemmas not
    decided yet are encoded here. All True when MiniLM is not installed."""
    todo = undecided(lemmas)
    if todo:
        from corroborate.embeddings import available, shared_minilm

        if not available():
            return dict.fromkeys(lemmas, True)
        encoder = shared_minilm()
        decide(todo, encoder.encode(todo), encoder.name)
    return {w: _DECIDED[w] for w in lemmas}
