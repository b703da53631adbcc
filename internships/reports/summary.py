"""The Dutch (B1) summary a student approves before a report is saved: what is stored and who can see it."""

from __future__ import annotations

from .model import ReportDraft, normalise
from .settings import report_threshold, retention_days
from .vocabulary import CONTACT_NEEDS_DETAILS, CONTACT_ROUTES, GROUND_LABELS

__all__ = ["summary_lines"]


def _days_nl(days: int) -> str:
    if days % 365 == 0:
        years = days // 365
        return "1 jaar" if years == 1 else f"{years} jaar"
    if days % 30 == 0 and days < 365:
        months = days // 30
        return "1 maand" if months == 1 else f"{months} maanden"
    return f"{days} dagen"


def summary_lines(draft: ReportDraft, threshold: int | None = None, retention: dict | None = None) -> list[str]:
    """Dutch (B1) lines that say exactly what will be stored and who can see it.

    Raises the same errors as :func:`submit_report` would, so the student
    never approves a report that cannot be stored as shown.
    """
    row = normalise(draft)
    threshold = report_threshold(threshold)
    days = retention_days(retention)
    follow_up = row["route"] == "follow_up"
    school = draft.institution_name or row["institution_code"]

    lines = ["Dit slaan we op:"]
    lines.append(f"- Wat er gebeurde: \"{row['what_happened']}\"" if row["what_happened"] else "- Wat er gebeurde: (niets ingevuld)")
    lines.append(f"- Wanneer: {row['_incident'].label_nl()}" if row["_incident"] else "- Wanneer: (niet ingevuld)")
    company = draft.company_name or (f"bedrijf nummer {row['leerbedrijf_id']}" if row["leerbedrijf_id"] else None)
    lines.append(f"- Bedrijf: {company}" if company else "- Bedrijf: (niet ingevuld)")
    if row["role"]:
        lines.append("- Het overkwam jou zelf." if row["role"] == "self" else "- Jij zag het gebeuren (getuige).")
    if row["ground"]:
        lines.append(f"- Reden: {GROUND_LABELS[row['ground']]} (jij gaf toestemming om dit te bewaren)")
    else:
        lines.append("- Reden: die slaan we niet op.")
    if school:
        lines.append(f"- School: {school}")
    if follow_up:
        route = row["contact_route"]
        if route in CONTACT_NEEDS_DETAILS:
            lines.append(f"- Contact via {CONTACT_ROUTES[route]}: {row['contact_details']}")
        elif route:
            lines.append(f"- Contact: {CONTACT_ROUTES[route]}")
        else:
            lines.append("- Contact: geen. De school kan jou dan niet zelf bereiken. Met je code zie je wel de status.")
        if row["conversation_id"]:
            lines.append("- Een link naar dit gesprek, zodat de school weet wat je vertelde.")
        lines.append("")
        lines.append("Wie ziet dit?")
        lines.append(f"- Het stagebureau van {school} ziet je hele melding en helpt je verder.")
        lines.append(
            "- Alleen als jij het goed vindt, halen zij het Meldpunt Stagediscriminatie van SBB "
            "of een antidiscriminatiebureau erbij."
        )
        lines.append("")
        lines.append(
            f"We wissen je melding {_days_nl(days['afgesloten'])} nadat de school hem heeft afgesloten."
        )
    else:
        lines.append("- We slaan niet op wie je bent. We koppelen je melding niet aan dit gesprek.")
        lines.append("")
        lines.append("Wie ziet dit?")
        lines.append("- Niemand neemt contact met je op.")
        lines.append(
            f"- Scholen zien alleen hoeveel meldingen er over een bedrijf zijn, en pas vanaf {threshold} meldingen. "
            "Jouw melding zien ze niet apart."
        )
        lines.append("")
        lines.append(f"We bewaren je melding {_days_nl(days['anonymous'])}. Daarna wissen we hem.")
    lines.append("Je krijgt een code. Daarmee kun je later de status zien of je melding intrekken.")
    return lines
