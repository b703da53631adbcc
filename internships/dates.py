"""Turn a student's Dutch (or simple English) words for "when" into a date with a precision.

Exceptions:

    DateError (ValueError)
     ├── UnrecognisedDate   the words are not a date we understand
     └── DateInFuture       the date lies after today

Every error message is Dutch (B1) and says what the student can type instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from internships.messages import Keyed

__all__ = [
    "IncidentDate",
    "parse_incident_date",
    "DateError",
    "UnrecognisedDate",
    "DateInFuture",
    "PRECISIONS",
]

PRECISIONS = ("day", "week", "month")



class DateError(Keyed, ValueError):
    """The text could not be turned into a date of an incident (raised with ``.of(key)``: internships.messages)."""


class UnrecognisedDate(DateError):
    """The words are not a date we understand."""


class DateInFuture(DateError):
    """The date lies after today, so it cannot be when something happened."""


MONTHS_NL = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]

_MONTH_WORDS = {name: i + 1 for i, name in enumerate(MONTHS_NL)}
_MONTH_WORDS.update({
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "maa": 3, "apr": 4, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11,
    "dec": 12,
    # English, for students who chat in English.
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
})
_MONTH_RE = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))

_NUMBER_WORDS = {
    "een": 1, "één": 1, "1": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11,
    "twaalf": 12, "paar": 3, "a": 1, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "couple": 2, "few": 3,
}
_NUM_RE = r"(\d{1,2}|" + "|".join(sorted((k for k in _NUMBER_WORDS if not k.isdigit()), key=len, reverse=True)) + r")"

_WEEKDAYS = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "zaterdag": 5, "zondag": 6,
}


@dataclass(frozen=True)
class IncidentDate:
    """When something happened: ``start`` is the day, the Monday of the week, or the 1st of the month."""

    start: dt.date
    precision: str  # "day", "week" or "month"

    def __post_init__(self):
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}")

    def iso(self) -> str:
        """ISO text to store: ``2026-03-12`` for a day or week, ``2026-03`` for a month."""
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    def label_nl(self) -> str:
        """Short Dutch label for a summary, e.g. '12 maart 2026', 'week van 2 maart 2026', 'maart 2026'."""
        month = MONTHS_NL[self.start.month - 1]
        if self.precision == "month":
            return f"{month} {self.start.year}"
        day = f"{self.start.day} {month} {self.start.year}"
        return day if self.precision == "day" else f"week van {day}"

    @classmethod
    def from_iso(cls, text: str, precision: str | None = None) -> "IncidentDate":
        """Read back what :meth:`iso` wrote (``YYYY-MM-DD`` or ``YYYY-MM``)."""
        text = text.strip()
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = map(int, text.split("-"))
            return cls(dt.date(year, month, 1), "month")
        return cls(dt.date.fromisoformat(text), precision or "day")


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _checked(result: IncidentDate, today: dt.date) -> IncidentDate:
    if result.start > today:
        raise DateInFuture.of("date_future", when=result)
    return result


def _make_day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UnrecognisedDate.of("date_impossible") from None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _normalise(text: str) -> str:
    text = text.casefold().strip()
    text = re.sub(r"[.,!?;:()\"']+(?=\s|$)", " ", text)  # sentence punctuation, not 12.03.2026
    return re.sub(r"\s+", " ", text).strip()


def parse_incident_date(text: str, today: dt.date | None = None) -> IncidentDate:
    """Parse 'vandaag', 'vorige week', 'in maart', '12 maart', '12-03-2026', '2 weken geleden', ...

    ``today`` is passed in so tests and replays are deterministic. A month
    without a year means the most recent such month that is not in the future;
    a day and month without a year likewise. Raises :class:`UnrecognisedDate`
    or :class:`DateInFuture` with a Dutch hint.
    """
    today = today or dt.date.today()
    if not isinstance(text, str) or not text.strip():
        raise UnrecognisedDate.of("date_missing")
    t = _normalise(text)

    def day(d: dt.date) -> IncidentDate:
        return _checked(IncidentDate(d, "day"), today)

    def week(d: dt.date) -> IncidentDate:
        return _checked(IncidentDate(_monday(d), "week"), today)

    def month(d: dt.date) -> IncidentDate:
        return _checked(IncidentDate(_month_start(d.year, d.month), "month"), today)

    # Full numeric dates first: they are the most specific.
    m = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", t)
    if m:
        return day(_make_day(int(m[1]), int(m[2]), int(m[3])))
    m = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\b", t)
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return day(_make_day(year, int(m[2]), int(m[1])))
    m = re.search(r"\b(\d{4})-(\d{1,2})\b", t)
    if m and 1 <= int(m[2]) <= 12:
        return month(dt.date(int(m[1]), int(m[2]), 1))

    # "12 maart 2026", "12 maart"
    m = re.search(rf"\b(\d{{1,2}}) ({_MONTH_RE})\b(?: (\d{{4}}))?", t)
    if m:
        d, mo = int(m[1]), _MONTH_WORDS[m[2]]
        if m[3]:
            return day(_make_day(int(m[3]), mo, d))
        candidate = _make_day(today.year, mo, d) if not (mo == 2 and d == 29) else None
        if candidate is None or candidate > today:
            candidate = _make_day(today.year - 1, mo, d)
        return day(candidate)
    # "12-03" / "12/3" without a year
    m = re.search(r"\b(\d{1,2})[-/](\d{1,2})\b", t)
    if m and 1 <= int(m[2]) <= 12:
        d, mo = int(m[1]), int(m[2])
        candidate = _make_day(today.year, mo, d)
        if candidate > today:
            candidate = _make_day(today.year - 1, mo, d)
        return day(candidate)

    # "maart 2025", "in maart", "maart"
    m = re.search(rf"\b({_MONTH_RE})(?: (\d{{4}}))?\b", t)
    if m:
        mo = _MONTH_WORDS[m[1]]
        if m[2]:
            return month(dt.date(int(m[2]), mo, 1))
        year = today.year if mo <= today.month else today.year - 1
        return month(dt.date(year, mo, 1))

    # Relative words.
    if re.search(r"\b(net|zojuist|zonet|daarnet|vandaag|vanochtend|vanmiddag|vanmorgen|vanavond|today|just now)\b", t):
        return day(today)
    if re.search(r"\b(eergisteren|day before yesterday)\b", t):
        return day(today - dt.timedelta(days=2))
    if re.search(r"\b(gisteren|gister|yesterday)\b", t):
        return day(today - dt.timedelta(days=1))
    m = re.search(rf"\b{_NUM_RE} (dag|dagen|day|days) (geleden|ago)\b", t)
    if m:
        n = _number(m[1])
        d = today - dt.timedelta(days=n)
        # "een paar dagen" is vague: say which week, not which day.
        return week(d) if m[1] in ("paar", "few", "couple") else day(d)
    m = re.search(rf"\b{_NUM_RE} (week|weken|weeks?) (geleden|ago)\b", t)
    if m:
        return week(today - dt.timedelta(weeks=_number(m[1])))
    m = re.search(rf"\b{_NUM_RE} (maand|maanden|months?) (geleden|ago)\b", t)
    if m:
        return month(_shift_months(today, -_number(m[1])))
    if re.search(r"\b(vorige|afgelopen|last) (week)\b", t) and not re.search(r"\bvorige week (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b", t):
        return week(today - dt.timedelta(weeks=1))
    m = re.search(r"\bvorige week (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b", t)
    if m:
        return day(_monday(today) - dt.timedelta(weeks=1) + dt.timedelta(days=_WEEKDAYS[m[1]]))
    if re.search(r"\b(deze week|this week)\b", t):
        return week(today)
    if re.search(r"\b(vorige|afgelopen|last) (maand|month)\b", t):
        return month(_shift_months(today, -1))
    if re.search(r"\b(deze maand|this month)\b", t):
        return month(today)
    m = re.search(r"\b(?:(vorige|afgelopen) )?(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b", t)
    if m:
        back = (today.weekday() - _WEEKDAYS[m[2]]) % 7
        if back == 0 and m[1]:
            back = 7
        return day(today - dt.timedelta(days=back))

    raise UnrecognisedDate.of("date_unclear")
