"""The summary a student approves before a report is saved: what is stored and who can see it.

Dutch (B1) by default. Another language passes its ``translation`` (texts/<code>.yml
``library.report``, the same keys as ``PHRASES`` plus ``dates``, ``periods``, ``grounds`` and
``contact_routes``): one structure, so every language says the same facts.
"""

from __future__ import annotations

from internships.dates import IncidentDate

from .model import ReportDraft, normalise
from .settings import report_threshold, retention_days
from .vocabulary import CONTACT_NEEDS_DETAILS, contact_label, ground_label

__all__ = ["summary_lines", "PHRASES", "PERIODS", "period"]


# How long, in Dutch: {n} is a number of years, months or days.
PERIODS = {"year": "1 jaar", "years": "{n} jaar", "month": "1 maand", "months": "{n} maanden", "days": "{n} dagen"}

PHRASES = {
    "stored": "Dit slaan we op:",
    "what": "- Wat er gebeurde: \"{what}\"",
    "what_empty": "- Wat er gebeurde: (niets ingevuld)",
    "when": "- Wanneer: {when}",
    "when_empty": "- Wanneer: (niet ingevuld)",
    "company_number": "bedrijf nummer {id}",
    "company": "- Bedrijf: {company}",
    "company_empty": "- Bedrijf: (niet ingevuld)",
    "role_self": "- Het overkwam jou zelf.",
    "role_witness": "- Jij zag het gebeuren (getuige).",
    "ground": "- Reden: {ground} (jij gaf toestemming om dit te bewaren)",
    "ground_none": "- Reden: die slaan we niet op.",
    "school": "- School: {school}",
    "contact_details": "- Contact via {route}: {details}",
    "contact": "- Contact: {route}",
    "contact_none": "- Contact: geen. De school kan jou dan niet zelf bereiken. Met je code zie je wel de status.",
    "link": "- Een link naar dit gesprek, zodat de school weet wat je vertelde.",
    "who": "Wie ziet dit?",
    "office": "- Het stagebureau van {school} ziet je hele melding en helpt je verder.",
    "others": "- Alleen als jij het goed vindt, halen zij het Meldpunt Stagediscriminatie van SBB "
              "of een antidiscriminatiebureau erbij.",
    "erase_closed": "We wissen je melding {period} nadat de school hem heeft afgesloten.",
    "not_who": "- We slaan niet op wie je bent. We koppelen je melding niet aan dit gesprek.",
    "nobody": "- Niemand neemt contact met je op.",
    "counts": "- Scholen zien alleen hoeveel meldingen er over een bedrijf zijn, en pas vanaf {threshold} "
              "meldingen. Jouw melding zien ze niet apart.",
    "keep": "We bewaren je melding {period}. Daarna wissen we hem.",
    "code": "Je krijgt een code. Daarmee kun je later de status zien of je melding intrekken.",
}


def period(days: int, periods: dict | None = None) -> str:
    """'2 jaar', '6 maanden', '45 dagen' (or in the words of ``periods``, the same keys as PERIODS)."""
    words = {**PERIODS, **(periods or {})}
    if days % 365 == 0:
        years = days // 365
        return words["year"] if years == 1 else words["years"].format(n=years)
    if days % 30 == 0 and days < 365:
        months = days // 30
        return words["month"] if months == 1 else words["months"].format(n=months)
    return words["days"].format(n=days)


def summary_lines(draft: ReportDraft, threshold: int | None = None, retention: dict | None = None,
                  translation: dict | None = None) -> list[str]:
    """Lines that say exactly what will be stored and who can see it: Dutch, or in the words of ``translation``.

    ``translation`` has PHRASES' keys, ``periods`` (PERIODS' keys), ``grounds`` and
    ``contact_routes`` (the vocabulary's keys) and ``when_label`` (a function of an
    IncidentDate). Raises the same errors as :func:`submit_report` would, so the student
    never approves a report that cannot be stored as shown.
    """
    row = normalise(draft)
    threshold = report_threshold(threshold)
    days = retention_days(retention)
    follow_up = row["route"] == "follow_up"
    school = draft.institution_name or row["institution_code"]
    translation = translation or {}
    p = {**PHRASES, **{k: v for k, v in translation.items() if k in PHRASES}}
    when_label = translation.get("when_label") or IncidentDate.label_nl
    grounds, routes = translation.get("grounds"), translation.get("contact_routes")

    lines = [p["stored"]]
    lines.append(p["what"].format(what=row["what_happened"]) if row["what_happened"] else p["what_empty"])
    lines.append(p["when"].format(when=when_label(row["_incident"])) if row["_incident"] else p["when_empty"])
    company = draft.company_name or (p["company_number"].format(id=row["leerbedrijf_id"])
                                     if row["leerbedrijf_id"] else None)
    lines.append(p["company"].format(company=company) if company else p["company_empty"])
    if row["role"]:
        lines.append(p["role_self"] if row["role"] == "self" else p["role_witness"])
    if row["ground"]:
        lines.append(p["ground"].format(ground=ground_label(row["ground"], grounds)))
    else:
        lines.append(p["ground_none"])
    if school:
        lines.append(p["school"].format(school=school))
    if follow_up:
        route = row["contact_route"]
        if route in CONTACT_NEEDS_DETAILS:
            lines.append(p["contact_details"].format(route=contact_label(route, routes), details=row["contact_details"]))
        elif route:
            lines.append(p["contact"].format(route=contact_label(route, routes)))
        else:
            lines.append(p["contact_none"])
        if row["conversation_id"]:
            lines.append(p["link"])
        lines += ["", p["who"], p["office"].format(school=school), p["others"], ""]
        lines.append(p["erase_closed"].format(period=period(days["afgesloten"], translation.get("periods"))))
    else:
        lines += [p["not_who"], "", p["who"], p["nobody"], p["counts"].format(threshold=threshold), ""]
        lines.append(p["keep"].format(period=period(days["anonymous"], translation.get("periods"))))
    lines.append(p["code"])
    return lines
