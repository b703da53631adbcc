"""Check one listing (an import row or an API body) and turn it into clean values."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Mapping

from safetext import clean_text

from .catalogue import CatalogueView
from .errors import RowError
from .geo import normalise_postcode, pc4_location

__all__ = [
    "REQUIRED_FIELDS",
    "OPTIONAL_FIELDS",
    "ALL_FIELDS",
    "INCLUSIVE_SIGNALS",
    "validate_listing",
    "parse_inclusive",
]

REQUIRED_FIELDS = ("external_id", "title", "company", "crebo", "leerweg", "postcode", "start_date")
OPTIONAL_FIELDS = (
    "erkend",
    "leerbedrijf_id",
    "kvk",
    "place",
    "niveau",
    "description",
    "days_per_week",
    "allowance",
    "features",
    "inclusive",
    "status",
    "apply_url",
    "contact_email",
)
ALL_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS

# code -> short Dutch label a student reads. Inclusive-recruitment signals: practices
# that reduce selection on name or origin.
INCLUSIVE_SIGNALS = {
    "name_blind": "anoniem solliciteren (je naam telt niet mee)",
    "structured_interview": "iedereen krijgt dezelfde gespreksvragen",
    "diversity_policy": "heeft een diversiteitsbeleid",
    "trained_selectors": "begeleiders getraind in eerlijk selecteren",
}
_INCLUSIVE_ALIASES = {
    "name_blind": "name_blind",
    "name-blind": "name_blind",
    "anoniem solliciteren": "name_blind",
    "anoniem": "name_blind",
    "naamloos selecteren": "name_blind",
    "structured_interview": "structured_interview",
    "structured interview": "structured_interview",
    "gestructureerd interview": "structured_interview",
    "gestructureerd gesprek": "structured_interview",
    "vaste gespreksvragen": "structured_interview",
    "diversity_policy": "diversity_policy",
    "diversiteitsbeleid": "diversity_policy",
    "charter diversiteit": "diversity_policy",
    "trained_selectors": "trained_selectors",
    "getrainde selecteurs": "trained_selectors",
}

_CREBO_RE = re.compile(r"^\d{5}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_KVK_RE = re.compile(r"^\d{8}$")
_MAX_LEN = {"external_id": 100, "title": 200, "company": 200, "description": 5000,
            "leerbedrijf_id": 40, "place": 100, "apply_url": 500, "contact_email": 254}
_YES = {"ja", "j", "yes", "y", "true", "1"}
_NO = {"nee", "n", "no", "false", "0"}


def _text(value: Any) -> str | None:
    # Every field of an import row or API body enters here: NFC, no control or bidi-override
    # characters (safetext.clean_text), so what a student or the portal shows is what was meant.
    if type(value) is str:  # the common case (CSV), kept fast for large imports
        value = clean_text(value).strip()
        return value or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    text = clean_text(str(value)).strip()
    return text or None


def _number(text: str) -> float | None:
    cleaned = text.replace("€", "").replace("EUR", "").strip().replace(" ", "")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def parse_inclusive(text: str) -> tuple[list[str], list[str]]:
    """'anoniem solliciteren; name_blind' -> (['name_blind'], unknown items)."""
    codes, unknown = [], []
    for item in (s.strip() for s in text.split(";")):
        if not item:
            continue
        code = _INCLUSIVE_ALIASES.get(item.lower())
        if code is None:
            unknown.append(item)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def validate_listing(
    raw: Mapping[str, Any],
    *,
    line: int | None = None,
    catalogue: CatalogueView | None = None,
) -> tuple[dict | None, list[RowError]]:
    """Return (clean values, []) or (None, errors naming line and field)."""
    errors: list[RowError] = []

    def err(field: str, message: str) -> None:
        errors.append(RowError(line, field, message))

    values = {field: _text(raw.get(field)) for field in ALL_FIELDS}
    for field in REQUIRED_FIELDS:
        if values[field] is None:
            err(field, "dit veld is verplicht en is leeg")
    for field, limit in _MAX_LEN.items():
        if values[field] is not None and len(values[field]) > limit:
            err(field, f"te lang: maximaal {limit} tekens")

    clean: dict[str, Any] = {
        "external_id": values["external_id"],
        "title": values["title"],
        "company": values["company"],
        "description": values["description"],
        "leerbedrijf_id": values["leerbedrijf_id"],
        "apply_url": values["apply_url"],
        "contact_email": values["contact_email"],
    }

    crebo = values["crebo"]
    clean["crebo"] = crebo
    programme = None
    if crebo is not None:
        if not _CREBO_RE.match(crebo):
            err("crebo", f"'{crebo}' is geen opleidingscode: gebruik de 5 cijfers van de crebo, bijvoorbeeld 25603")
        elif catalogue is not None:
            # Any real code counts, also one the institution does not offer; an earlier code of a
            # programme is stored under its current code (the importer says so).
            programme = catalogue.get(crebo)
            if programme is None:
                err("crebo", f"onbekende opleidingscode {crebo}")
            else:
                clean["crebo"] = programme.crebo

    niveau = values["niveau"]
    clean["niveau"] = programme.niveau if programme else None
    if niveau is not None:
        if niveau not in {"1", "2", "3", "4"}:
            err("niveau", f"'{niveau}' is geen mbo-niveau: gebruik 1, 2, 3 of 4")
        elif programme is not None and programme.niveau is not None and int(niveau) != programme.niveau:
            err("niveau", f"niveau {niveau} past niet bij opleiding {crebo} (niveau {programme.niveau}); laat het veld leeg of verbeter het")
        else:
            clean["niveau"] = int(niveau)

    leerweg = (values["leerweg"] or "").lower()
    clean["leerweg"] = leerweg or None
    if values["leerweg"] is not None and leerweg not in {"bol", "bbl"}:
        err("leerweg", f"'{values['leerweg']}' kan niet: kies bol of bbl")

    postcode = values["postcode"]
    if postcode is not None:
        normal = normalise_postcode(postcode)
        if normal is None:
            err("postcode", f"'{postcode}' is geen Nederlandse postcode: schrijf vier cijfers en twee letters, bijvoorbeeld 3525 AB")
        else:
            loc = pc4_location(normal[:4])
            if loc is None:
                err("postcode", f"postcode {normal} staat niet in de postcodelijst; controleer de vier cijfers")
            else:
                clean.update(postcode=normal, pc4=loc.pc4, lat=loc.lat, lon=loc.lon)
                clean["place"] = values["place"] or loc.place

    start = values["start_date"]
    if start is not None:
        try:
            if not _DATE_RE.match(start):
                raise ValueError
            clean["start_date"] = date.fromisoformat(start).isoformat()
        except ValueError:
            err("start_date", f"'{start}' is geen datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2025-09-01")

    erkend = values["erkend"]
    clean["erkend"] = None
    if erkend is not None:
        if erkend.lower() in _YES:
            clean["erkend"] = True
        elif erkend.lower() in _NO:
            clean["erkend"] = False
        else:
            err("erkend", f"'{erkend}' kan niet: kies ja of nee (of laat het leeg als je het niet weet)")

    kvk = values["kvk"]
    clean["kvk"] = None
    if kvk is not None:
        digits = kvk.replace(" ", "").replace(".", "")
        if not _KVK_RE.match(digits):
            err("kvk", f"'{kvk}' is geen KvK-nummer: dat zijn 8 cijfers")
        else:
            clean["kvk"] = digits

    days = values["days_per_week"]
    clean["days_per_week"] = None
    if days is not None:
        number = _number(days)
        if number is None or not 0.5 <= number <= 5 or (number * 2) % 1:
            err("days_per_week", f"'{days}' kan niet: geef een aantal dagen van 0,5 tot en met 5")
        else:
            clean["days_per_week"] = number

    allowance = values["allowance"]
    clean["allowance"] = None
    if allowance is not None:
        number = _number(allowance)
        if number is None or not 0 <= number <= 10000:
            err("allowance", f"'{allowance}' kan niet: geef de stagevergoeding in euro per maand, bijvoorbeeld 350")
        else:
            clean["allowance"] = number

    features = [f.strip() for f in (values["features"] or "").split(";") if f.strip()]
    if any(len(f) > 80 for f in features):
        err("features", "een kenmerk is te lang: maximaal 80 tekens per kenmerk, gescheiden door ;")
    clean["features"] = list(dict.fromkeys(features))

    codes, unknown = parse_inclusive(values["inclusive"] or "")
    if unknown:
        allowed = ", ".join(INCLUSIVE_SIGNALS)
        err("inclusive", f"onbekend: {', '.join(unknown)}; kies uit {allowed} (gescheiden door ;)")
    clean["inclusive_signals"] = codes

    status = (values["status"] or "").lower()
    clean["status"] = None
    if status:
        if status not in {"open", "filled"}:
            err("status", f"'{values['status']}' kan niet: kies open of filled")
        else:
            clean["status"] = status

    if values["apply_url"] is not None and not _URL_RE.match(values["apply_url"]):
        err("apply_url", f"'{values['apply_url']}' is geen webadres: begin met https://")
    if values["contact_email"] is not None and not _EMAIL_RE.match(values["contact_email"]):
        err("contact_email", f"'{values['contact_email']}' is geen e-mailadres")

    if errors:
        return None, errors
    return clean, []
