"""Load and validate an experiment definition (YAML), and give its canonical form and content hash.

A definition file looks like ``bot/experiments/examples/nudge_demo01.yml``::

    name: nudge_demo01
    schools: [DEMO01]
    start: 2026-09-01
    end: 2028-07-14
    arms: {standard: 1, no_offer: 1, framed: 1}
    primary_outcome: looked_at_alternative
    secondary_outcomes: [ended_kansrijk, final_kans_op_werk]
    min_sample_per_arm: 1092
    hypothesis: >
      One paragraph.

Allocation shares are weights: any positive numbers (``1``, ``0.5``, ``"1/3"``), divided
by their total, so ``1, 1, 1`` means three equal thirds and ``2, 1`` means two thirds
and one third. They are kept as exact fractions, so the canonical form (and with it
the content hash) does not depend on rounding. The arms are put in the fixed order
of ``vocabulary.ARMS``: the order in the file changes neither the hash nor which arm
a conversation gets. The primary outcome must be a yes/no outcome (one test answers
the question the experiment asks); the categorical ``final_kans_op_werk`` may be a
secondary outcome. Dates are school days in the Netherlands; both ends are included.

This module is pure: no database, no clock (the store checks dates against today).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

import yaml

from .errors import (
    DefinitionFileError,
    InvalidDate,
    InvalidHypothesis,
    InvalidMinimumSample,
    InvalidName,
    InvalidPrimaryOutcome,
    InvalidSchools,
    InvalidShare,
    MissingField,
    MissingStandardArm,
    UnknownArm,
    UnknownField,
    UnknownOutcome,
)
from .vocabulary import ARMS, BINARY_OUTCOMES, CONTROL_ARM, MIN_CELL, OUTCOMES

__all__ = ["Arm", "Definition", "load", "parse", "from_json", "canonical_json", "content_hash"]

REQUIRED = ("name", "schools", "start", "end", "arms", "primary_outcome", "min_sample_per_arm", "hypothesis")
OPTIONAL = ("secondary_outcomes",)
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{2,63}$")
_SCHOOL = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")
_MAX_HYPOTHESIS = 2000


@dataclass(frozen=True)
class Arm:
    """One arm and its share of the conversations (an exact fraction; all shares sum to 1)."""

    name: str
    share: Fraction


@dataclass(frozen=True)
class Definition:
    """A validated experiment definition; two equal definitions have the same content hash."""

    name: str
    schools: tuple[str, ...]
    start: date
    end: date
    arms: tuple[Arm, ...]
    primary_outcome: str
    secondary_outcomes: tuple[str, ...]
    min_sample_per_arm: int
    hypothesis: str

    @property
    def arm_names(self) -> tuple[str, ...]:
        return tuple(arm.name for arm in self.arms)

    @property
    def outcomes(self) -> tuple[str, ...]:
        """The primary outcome, then the secondary ones."""
        return (self.primary_outcome,) + self.secondary_outcomes

    def runs_on(self, day: date) -> bool:
        """True from the start date up to and including the end date."""
        return self.start <= day <= self.end

    def to_dict(self) -> dict[str, Any]:
        """The canonical, JSON-ready form (dates as ISO days, shares as ``"1/3"``)."""
        return {
            "name": self.name,
            "schools": list(self.schools),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "arms": {arm.name: f"{arm.share.numerator}/{arm.share.denominator}" for arm in self.arms},
            "primary_outcome": self.primary_outcome,
            "secondary_outcomes": list(self.secondary_outcomes),
            "min_sample_per_arm": self.min_sample_per_arm,
            "hypothesis": self.hypothesis,
        }

    @property
    def content_hash(self) -> str:
        return content_hash(self)


def canonical_json(definition: Definition) -> str:
    """Sorted keys, no spaces, UTF-8 text: the same definition always gives the same string."""
    return json.dumps(definition.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(definition: Definition) -> str:
    """sha256 (hex) of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(definition).encode("utf-8")).hexdigest()


def load(path: str | Path) -> Definition:
    """Read and validate a definition file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DefinitionFileError(
            f"kan '{path}' niet lezen ({error.__class__.__name__}); controleer het pad en sla het bestand op als UTF-8"
        ) from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" op regel {where.line + 1}" if where is not None else ""
        raise DefinitionFileError(
            f"'{path}' is geen geldige YAML{line}; controleer de inspringing en de dubbele punten"
        ) from error
    return parse(data)


def from_json(text: str) -> Definition:
    """Parse the canonical JSON that the store keeps."""
    return parse(json.loads(text))


def parse(data: Any) -> Definition:
    """Validate a mapping of fields (as read from YAML or JSON) into a :class:`Definition`."""
    if not isinstance(data, Mapping):
        raise DefinitionFileError(
            "een experiment is een lijst velden (naam: waarde); begin bijvoorbeeld met 'name: mijn_experiment'"
        )
    unknown = sorted(str(key) for key in data if key not in REQUIRED + OPTIONAL)
    if unknown:
        raise UnknownField(
            f"onbekend veld '{unknown[0]}'; toegestaan zijn: {', '.join(REQUIRED + OPTIONAL)}"
        )
    missing = [key for key in REQUIRED if data.get(key) in (None, "", [], {})]
    if missing:
        raise MissingField(f"veld '{missing[0]}' ontbreekt; vul het in (zie bot/experiments/examples/nudge_demo01.yml)")
    start = _date(data["start"], "start")
    end = _date(data["end"], "end")
    if end < start:
        raise InvalidDate(f"de einddatum {end} ligt voor de startdatum {start}; zet 'end' op of na 'start'")
    primary = _outcome(data["primary_outcome"], "primary_outcome")
    if primary not in BINARY_OUTCOMES:
        raise InvalidPrimaryOutcome(
            f"de primaire uitkomst moet ja/nee zijn, '{primary}' is dat niet; kies uit: {', '.join(BINARY_OUTCOMES)}"
        )
    secondary = _secondary(data.get("secondary_outcomes"), primary)
    return Definition(
        name=_name(data["name"]),
        schools=_schools(data["schools"]),
        start=start,
        end=end,
        arms=_arms(data["arms"]),
        primary_outcome=primary,
        secondary_outcomes=secondary,
        min_sample_per_arm=_min_sample(data["min_sample_per_arm"]),
        hypothesis=_hypothesis(data["hypothesis"]),
    )


def _name(value: Any) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise InvalidName(
            f"ongeldige naam {value!r}; gebruik 3 tot 64 kleine letters, cijfers, '_' of '-', bijvoorbeeld 'nudge_demo01'"
        )
    return value


def _schools(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise InvalidSchools("'schools' moet een lijst schoolcodes zijn, bijvoorbeeld [DEMO01]")
    codes = []
    for item in value:
        code = str(item).strip().upper()
        if not _SCHOOL.match(code):
            raise InvalidSchools(f"ongeldige schoolcode {item!r}; gebruik de code van de school, bijvoorbeeld DEMO01")
        if code in codes:
            raise InvalidSchools(f"school '{code}' staat twee keer in 'schools'; haal er één weg")
        codes.append(code)
    return tuple(sorted(codes))


def _date(value: Any, field: str) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidDate(f"'{field}' is geen datum: {value!r}; schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2026-09-01") from None


def _share(arm: str, value: Any) -> Fraction:
    if isinstance(value, bool):
        value = None  # yes/no is not a share
    try:
        # Through str(), so 0.2 becomes exactly 1/5 and not the float's binary neighbour.
        share = Fraction(str(value).strip()) if value is not None else None
    except (ValueError, ZeroDivisionError):
        share = None
    if share is None or share <= 0:
        raise InvalidShare(
            f"aandeel van '{arm}' is {value!r}; geef een getal groter dan 0 (bijvoorbeeld 1 of 1/3); "
            "de aandelen worden gedeeld door hun totaal"
        )
    return share


def _arms(value: Any) -> tuple[Arm, ...]:
    if not isinstance(value, Mapping):
        raise MissingStandardArm(
            "'arms' moet groepen met hun aandeel geven, bijvoorbeeld {standard: 1, no_offer: 1, framed: 1}"
        )
    shares = {}
    for name, share in value.items():
        if name not in ARMS:
            raise UnknownArm(f"onbekende groep '{name}'; kies uit: {', '.join(ARMS)}")
        shares[name] = _share(name, share)
    if CONTROL_ARM not in shares or len(shares) < 2:
        raise MissingStandardArm(
            f"een experiment heeft de groep '{CONTROL_ARM}' nodig en minstens één andere groep; "
            f"kies uit: {', '.join(ARMS)}"
        )
    total = sum(shares.values())
    return tuple(Arm(name, shares[name] / total) for name in ARMS if name in shares)


def _outcome(value: Any, field: str) -> str:
    if value not in OUTCOMES:
        raise UnknownOutcome(f"onbekende uitkomst {str(value)!r} in '{field}'; kies uit: {', '.join(OUTCOMES)}")
    return value


def _secondary(value: Any, primary: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise UnknownOutcome(f"'secondary_outcomes' moet een lijst zijn; kies uit: {', '.join(OUTCOMES)}")
    outcomes = []
    for item in value:
        outcome = _outcome(item, "secondary_outcomes")
        if outcome == primary:
            raise InvalidPrimaryOutcome(
                f"'{outcome}' is al de primaire uitkomst; haal hem weg uit 'secondary_outcomes'"
            )
        if outcome not in outcomes:
            outcomes.append(outcome)
    # Report order is the vocabulary's, so the file's order does not change the hash.
    return tuple(o for o in OUTCOMES if o in outcomes)


def _min_sample(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < MIN_CELL:
        raise InvalidMinimumSample(
            f"'min_sample_per_arm' is {value!r}; geef een heel getal van minstens {MIN_CELL}. "
            "Reken het uit met: python -m bot.experiments power --baseline 0.20 --effect 0.05"
        )
    return value


def _hypothesis(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidHypothesis("'hypothesis' is leeg; schrijf in één alinea wat je verwacht en waarom")
    text = value.strip()
    if re.search(r"\n\s*\n", text):
        raise InvalidHypothesis("'hypothesis' heeft meer dan één alinea; maak er één alinea van (geen lege regels)")
    if len(text) > _MAX_HYPOTHESIS:
        raise InvalidHypothesis(
            f"'hypothesis' is {len(text)} tekens; maak hem korter dan {_MAX_HYPOTHESIS} tekens"
        )
    return " ".join(text.split())
