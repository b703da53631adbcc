"""The summary a student approves before a report is saved: what is stored and who can see it.

Dutch (B1) by default; English for a student who switched language (issue 16). One
structure, one phrase table per language, so both say the same facts.
"""

from __future__ import annotations

from internships.dates import IncidentDate

from .model import ReportDraft, normalise
from .settings import report_threshold, retention_days
from .vocabulary import CONTACT_NEEDS_DETAILS, contact_label, ground_label

__all__ = ["summary_lines"]

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")


def _days_nl(days: int) -> str:
    if days % 365 == 0:
        years = days // 365
        return "1 jaar" if years == 1 else f"{years} jaar"
    if days % 30 == 0 and days < 365:
        months = days // 30
        return "1 maand" if months == 1 else f"{months} maanden"
    return f"{days} dagen"


def _days_en(days: int) -> str:
    if days % 365 == 0:
        years = days // 365
        return "1 year" if years == 1 else f"{years} years"
    if days % 30 == 0 and days < 365:
        months = days // 30
        return "1 month" if months == 1 else f"{months} months"
    return f"{days} days"


def _when_en(incident: IncidentDate) -> str:
    """'12 March 2026', 'week of 2 March 2026', 'March 2026'."""
    month = _MONTHS_EN[incident.start.month - 1]
    if incident.precision == "month":
        return f"{month} {incident.start.year}"
    day = f"{incident.start.day} {month} {incident.start.year}"
    return day if incident.precision == "day" else f"week of {day}"


_PHRASES = {
    "nl": {
        "days": _days_nl,
        "when_label": IncidentDate.label_nl,
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
    },
    "en": {
        "days": _days_en,
        "when_label": _when_en,
        "stored": "This is what we store:",
        "what": "- What happened: \"{what}\"",
        "what_empty": "- What happened: (nothing filled in)",
        "when": "- When: {when}",
        "when_empty": "- When: (not filled in)",
        "company_number": "company number {id}",
        "company": "- Company: {company}",
        "company_empty": "- Company: (not filled in)",
        "role_self": "- It happened to you.",
        "role_witness": "- You saw it happen (witness).",
        "ground": "- Reason: {ground} (you agreed that we keep this)",
        "ground_none": "- Reason: we do not store it.",
        "school": "- School: {school}",
        "contact_details": "- Contact by {route}: {details}",
        "contact": "- Contact: {route}",
        "contact_none": "- Contact: none. Then the school cannot reach you. With your code you can still see "
                        "the status.",
        "link": "- A link to this chat, so the school knows what you told us.",
        "who": "Who sees this?",
        "office": "- The internship office of {school} sees your whole report and helps you further.",
        "others": "- Only if you agree, they bring in the SBB hotline for internship discrimination "
                  "(Meldpunt Stagediscriminatie) or an anti-discrimination office.",
        "erase_closed": "We delete your report {period} after the school has closed it.",
        "not_who": "- We do not store who you are. We do not link your report to this chat.",
        "nobody": "- Nobody will contact you.",
        "counts": "- Schools only see how many reports there are about a company, and only from {threshold} "
                  "reports. They do not see your report on its own.",
        "keep": "We keep your report for {period}. Then we delete it.",
        "code": "You get a code. With it you can later see the status or withdraw your report.",
    },
}


def summary_lines(draft: ReportDraft, threshold: int | None = None, retention: dict | None = None,
                  language: str | None = "nl") -> list[str]:
    """Lines that say exactly what will be stored and who can see it, in ``language`` (Dutch by default).

    An unknown language gets Dutch. Raises the same errors as :func:`submit_report`
    would, so the student never approves a report that cannot be stored as shown.
    """
    row = normalise(draft)
    threshold = report_threshold(threshold)
    days = retention_days(retention)
    follow_up = row["route"] == "follow_up"
    school = draft.institution_name or row["institution_code"]
    lang = language if language in _PHRASES else "nl"
    p = _PHRASES[lang]

    lines = [p["stored"]]
    lines.append(p["what"].format(what=row["what_happened"]) if row["what_happened"] else p["what_empty"])
    lines.append(p["when"].format(when=p["when_label"](row["_incident"])) if row["_incident"] else p["when_empty"])
    company = draft.company_name or (p["company_number"].format(id=row["leerbedrijf_id"])
                                     if row["leerbedrijf_id"] else None)
    lines.append(p["company"].format(company=company) if company else p["company_empty"])
    if row["role"]:
        lines.append(p["role_self"] if row["role"] == "self" else p["role_witness"])
    if row["ground"]:
        lines.append(p["ground"].format(ground=ground_label(row["ground"], lang)))
    else:
        lines.append(p["ground_none"])
    if school:
        lines.append(p["school"].format(school=school))
    if follow_up:
        route = row["contact_route"]
        if route in CONTACT_NEEDS_DETAILS:
            lines.append(p["contact_details"].format(route=contact_label(route, lang), details=row["contact_details"]))
        elif route:
            lines.append(p["contact"].format(route=contact_label(route, lang)))
        else:
            lines.append(p["contact_none"])
        if row["conversation_id"]:
            lines.append(p["link"])
        lines += ["", p["who"], p["office"].format(school=school), p["others"], ""]
        lines.append(p["erase_closed"].format(period=p["days"](days["afgesloten"])))
    else:
        lines += [p["not_who"], "", p["who"], p["nobody"], p["counts"].format(threshold=threshold), ""]
        lines.append(p["keep"].format(period=p["days"](days["anonymous"])))
    lines.append(p["code"])
    return lines
