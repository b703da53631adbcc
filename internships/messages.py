"""What the register, the reports and the date reader tell a student whose input they cannot use: Dutch (B1), by key.

An error raised with :meth:`Keyed.of` carries its key and values (``error.key``,
``error.params``) besides its Dutch message, so a conversation in another language says
the same in the student's words: ``texts/<code>.yml`` has a translation of every key
under ``library.errors`` (``tests/texts/test_library_texts.py`` keeps them complete).
Errors only staff see (an import file's rows, settings) keep a plain Dutch message.
"""
from __future__ import annotations

from typing import Any

__all__ = ["MESSAGES", "Keyed", "dutch"]

_DATE_HINT = ("Typ bijvoorbeeld 'vorige week', 'in maart', '12 maart' of '12-03-2026'. "
              "Weet je het niet precies? Een maand is ook goed.")

MESSAGES = {
    # where (internships.geo)
    "location_empty": "Geef een postcode (bijvoorbeeld 3525) of een plaatsnaam.",
    "postcode_unknown": "Ik ken postcode {pc4} niet. Controleer de vier cijfers of noem je woonplaats.",
    "postcode_invalid": "'{text}' is geen Nederlandse postcode. Een postcode heeft vier cijfers, "
                        "bijvoorbeeld 3525 of 3525 AB.",
    "place_unknown": "Ik ken de plaats '{text}' niet. Je kunt ook je postcode geven, bijvoorbeeld 3525.",
    "place_unknown_suggest": "Ik ken de plaats '{text}' niet. Bedoel je {names}? Je kunt ook je postcode geven, "
                             "bijvoorbeeld 3525.",
    # the search (internships.matching)
    "query_place_and_postcode": "Geef een postcode of een plaats, niet allebei.",
    "query_no_place": "Geef een postcode (bijvoorbeeld 3525) of een plaats (bijvoorbeeld Utrecht).",
    "radius_not_number": "Afstand '{radius}' kan niet: geef een aantal kilometers, bijvoorbeeld 25.",
    "radius_out_of_range": "Afstand {radius} km kan niet: kies 1 tot {most} km.",
    "leerweg_unknown": "Leerweg '{leerweg}' ken ik niet: kies bol of bbl.",
    "crebo_malformed": "'{code}' is geen opleidingscode: een crebo heeft 5 cijfers, bijvoorbeeld 25603.",
    "crebo_unknown": "onbekende opleidingscode {code}",
    "programme_search_unavailable": "Zoeken op opleidingsnaam lukt nu niet. Gebruik de opleidingscode (crebo), "
                                    "bijvoorbeeld 25603.",
    "programme_unknown": "Ik ken de opleiding '{programme}' niet. Probeer een andere naam of de opleidingscode "
                         "(crebo), bijvoorbeeld 25603.",
    "page_negative": "limit en offset kunnen niet negatief zijn.",
    # a report's answers (internships.reports.model)
    "report_too_long": "Je verhaal is te lang. Maak het korter dan {most} tekens.",
    "report_contact_only_follow_up": "Bij 'alleen registreren' nemen we geen contact met je op, dus we bewaren "
                                     "geen contactgegevens. Wil je wel contact? Kies dan 'hulp vragen'.",
    "report_contact_route_missing": "Kies hoe de school contact met je mag opnemen: e-mail of telefoon.",
    "report_email_missing": "Geef je e-mail op, of kies een andere manier van contact.",
    "report_phone_missing": "Geef je telefoon op, of kies een andere manier van contact.",
    "report_email_invalid": "Dit e-mailadres klopt niet. Typ het zo: naam@voorbeeld.nl",
    "report_phone_invalid": "Dit telefoonnummer klopt niet. Typ 10 cijfers, zoals 0612345678.",
    # when (internships.dates); {hint} is date_hint
    "date_hint": _DATE_HINT,
    "date_missing": "Ik heb geen datum gezien. {hint}",
    "date_impossible": "Die datum bestaat niet. {hint}",
    "date_unclear": "Ik begrijp niet wanneer het was. {hint}",
    "date_future": "{when} ligt in de toekomst. Wanneer is het gebeurd? {hint}",
}


def _value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return " of ".join(str(v) for v in value)
    label = getattr(value, "label_nl", None)  # an internships.dates.IncidentDate
    return label() if callable(label) else str(value)


def dutch(key: str, **params: Any) -> str:
    """The Dutch message ``key`` with its values; a list reads "A of B", a date "12 maart 2026"."""
    text = MESSAGES[key].format(hint=MESSAGES["date_hint"], **{k: _value(v) for k, v in params.items()})
    return text[:1].upper() + text[1:] if key.startswith("date_") else text


class Keyed:
    """Mixin for an exception class: ``Cls.of(key, **params)`` raises it with the Dutch message and its key."""

    key: str | None = None
    params: dict = {}

    @classmethod
    def of(cls, key: str, **params: Any):
        error = cls(dutch(key, **params))
        error.key, error.params = key, dict(params)
        return error
