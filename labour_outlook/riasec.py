"""RIASEC (Holland) profiles: parse a student's profile and measure its fit with a programme code."""

from __future__ import annotations

import numpy as np

from .errors import InvalidRiasec

__all__ = ["LETTERS", "DESCRIPTIONS", "profile_vector", "code_vector", "fit"]

LETTERS = "RIASEC"
DESCRIPTIONS = {
    "R": "praktisch werk", "I": "onderzoeken", "A": "creatief werk",
    "S": "mensen helpen", "E": "ondernemen en leiden", "C": "ordenen en regelen",
}


def code_vector(code: str) -> np.ndarray:
    """"SEC" -> S strongest, then E, then C."""
    v = np.zeros(6, dtype=np.float32)
    for rank, letter in enumerate(str(code).upper()[:3]):
        if letter in LETTERS:
            v[LETTERS.index(letter)] = max(v[LETTERS.index(letter)], 3 - rank)
    return v


def profile_vector(riasec) -> np.ndarray | None:
    """A dict {"R": 0.8, ...} or a code string "RIA"; None for no profile."""
    if riasec is None or riasec == "" or riasec == {}:
        return None
    if isinstance(riasec, str):
        code = riasec.strip().upper()
        if not code or any(c not in LETTERS for c in code):
            raise InvalidRiasec(f"RIASEC-code {riasec!r} mag alleen de letters R, I, A, S, E, C bevatten")
        return code_vector(code)
    if isinstance(riasec, dict):
        v = np.zeros(6, dtype=np.float32)
        for k, val in riasec.items():
            key = str(k).strip().upper()[:1]
            if key not in LETTERS:
                raise InvalidRiasec(f"onbekende RIASEC-letter {k!r}: gebruik R, I, A, S, E of C")
            try:
                v[LETTERS.index(key)] = float(val)
            except (TypeError, ValueError):
                raise InvalidRiasec(f"RIASEC-waarde voor {k!r} is geen getal: {val!r}") from None
        if (v < 0).any() or v.sum() <= 0:
            raise InvalidRiasec("een RIASEC-profiel heeft minstens één positieve waarde en geen negatieve")
        return v
    raise InvalidRiasec(f"RIASEC-profiel moet een code (\"RIA\") of een dict zijn, niet {type(riasec).__name__}")


def fit(profile: np.ndarray, code_matrix: np.ndarray) -> np.ndarray:
    """Cosine between the profile and every programme's code vector, in [0, 1]."""
    p = profile / (np.linalg.norm(profile) or 1.0)
    norms = np.linalg.norm(code_matrix, axis=1)
    norms[norms == 0] = 1.0
    return (code_matrix @ p) / norms


def top_letters(profile: np.ndarray, n: int = 2) -> list[str]:
    order = np.argsort(-profile)
    return [LETTERS[i] for i in order[:n] if profile[i] > 0]
