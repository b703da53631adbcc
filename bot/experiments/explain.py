"""The report in words: the plain-Dutch paragraph on what the figures can and cannot show, and the text table of the CLI."""

from __future__ import annotations

import textwrap
from typing import Any, Optional

from .vocabulary import CONTROL_ARM, MIN_CELL

__all__ = ["explanation", "render_text", "percent", "points", "METHODS", "STATUS_LABELS"]

SUPPRESSED = "< 10"

STATUS_LABELS = {"registered": "aangemeld, nog niet gestart", "running": "loopt", "stopped": "gestopt"}

METHODS = (
    "Aandelen met een 95%-betrouwbaarheidsinterval volgens Wilson. Verschil met de groep standaard "
    "(groep min standaard) met een 95%-interval volgens Newcombe, en een tweezijdige toets van twee "
    "proporties (score-toets, gelijk aan de z-toets met gepoolde proportie). Berekend met statsmodels. "
    f"Cellen met minder dan {MIN_CELL} gesprekken (of waarin minder dan {MIN_CELL} gesprekken de uitkomst "
    "niet hadden) zijn verborgen. Gesprekken van leerlingen die niet wilden meedoen, tellen niet mee."
)


def percent(value: Optional[float]) -> str:
    """0.3 -> '30,0%' (Dutch decimal comma)."""
    return SUPPRESSED if value is None else f"{value * 100:.1f}%".replace(".", ",")


def points(value: float, unit: bool = True) -> str:
    """0.1 -> '+10,0 procentpunt' (or '+10,0' without the unit)."""
    text = f"{value * 100:+.1f}".replace(".", ",")
    return f"{text} procentpunt" if unit else text


def _more_or_less(value: float) -> str:
    """0.1 -> '10,0 procentpunt vaker dan'; -0.05 -> '5,0 procentpunt minder vaak dan'; 0 -> 'even vaak als'."""
    amount = f"{abs(value) * 100:.1f}".replace(".", ",")
    if abs(value) < 0.0005:  # shows as 0,0
        return "even vaak als"
    return f"{amount} procentpunt {'vaker' if value > 0 else 'minder vaak'} dan"


def _points_interval(ci) -> str:
    return f"{points(ci[0], unit=False)} tot {points(ci[1], unit=False)} procentpunt"


def _interval(ci) -> str:
    return f"{percent(ci[0])} tot {percent(ci[1])}"


def explanation(report: dict[str, Any]) -> str:
    """One paragraph in B1 Dutch: what these figures can show, and what not."""
    arms = report["arms"]
    primary = report["primary_outcome"]
    label = report["outcome_labels"][primary]
    sentences = [
        f"Dit experiment vergelijkt {len(arms)} manieren waarop de assistent andere opleidingen aanbiedt.",
        "Het lot bepaalde welke manier een gesprek kreeg. Daardoor lijken de groepen op elkaar.",
    ]
    total_known = sum(arm["n"] or 0 for arm in arms)
    if total_known == 0 and all(arm["suppressed"] for arm in arms):
        sentences.append("Er zijn nog (bijna) geen gesprekken. Er valt dus nog niets te zeggen.")
    elif not report["min_sample_reached"]:
        sentences.append(
            f"Er zijn nog te weinig gesprekken: elke groep heeft er minstens {report['min_sample_per_arm']} nodig. "
            "Trek dus nog geen conclusies. Wie steeds tussendoor kijkt, ziet sneller een verschil dat toeval is."
        )
    sentences.append(f"De hoofduitkomst is: {label}.")
    unclear = False
    for arm in arms:
        if arm["arm"] == CONTROL_ARM:
            continue
        diff = arm["outcomes"][primary]["difference"]
        if diff["suppressed"]:
            sentences.append(f"Voor de groep '{arm['label']}' tonen we die nog niet: te weinig gesprekken.")
            continue
        sentences.append(
            f"In de groep '{arm['label']}' gebeurde dat {_more_or_less(diff['diff'])} in de groep standaard "
            f"(95%-interval {_points_interval(diff['ci'])})."
        )
        if diff["significant"]:
            sentences.append(
                "Dat verschil is waarschijnlijk geen toeval. Het lot koos de groepen, dus komt het verschil "
                "waarschijnlijk door de manier van aanbieden."
            )
        else:
            unclear = True
            sentences.append("Dat verschil kan toeval zijn.")
    if unclear:
        sentences.append(
            "Geen duidelijk verschil betekent niet dat er geen effect is. Het effect kan te klein zijn om te zien "
            "met dit aantal gesprekken."
        )
    sentences.append(
        "Het interval laat zien waar het echte cijfer waarschijnlijk ligt. Hoe meer gesprekken, hoe smaller het interval."
    )
    if report["secondary_outcomes"]:
        sentences.append(
            "De andere uitkomsten zijn extra. Wie veel uitkomsten bekijkt, vindt soms een verschil door toeval. "
            "Kijk dus vooral naar de hoofduitkomst."
        )
    sentences.append(
        "De cijfers gaan over wat leerlingen in het gesprek deden. Ze zeggen niet welke opleiding ze echt kiezen. "
        "En ze zeggen niets over één leerling."
    )
    sentences.append(
        f"Cellen met minder dan {MIN_CELL} gesprekken tonen we niet (\"{SUPPRESSED}\"). "
        "Leerlingen die niet wilden meedoen, tellen niet mee."
    )
    return " ".join(sentences)


def _p_text(p_value: Optional[float]) -> str:
    if p_value is None:
        return "p onbekend"
    return "p < 0,001" if p_value < 0.001 else "p = " + f"{p_value:.3f}".replace(".", ",")


def _number(value: Optional[int]) -> str:
    return SUPPRESSED if value is None else str(value)


def render_text(report: dict[str, Any]) -> str:
    """The report as plain text for the terminal."""
    status = STATUS_LABELS.get(report["status"], report["status"])
    lines = [
        f"Experiment {report['experiment']}: {status} ({', '.join(report['schools'])}, "
        f"{report['start']} t/m {report['end']})",
        f"Hoofduitkomst: {report['outcome_labels'][report['primary_outcome']]}.",
        f"Minimaal {report['min_sample_per_arm']} gesprekken per groep: "
        f"{'bereikt' if report['min_sample_reached'] else 'nog niet bereikt'}.",
        f"Niet meegedaan (wilden niet meedoen aan onderzoek): {_number(report['opted_out']['n'])}",
        "",
    ]
    width = max(len(arm["label"]) for arm in report["arms"]) + 2
    lines.append(f"{'Groep'.ljust(width)}Gesprekken")
    for arm in report["arms"]:
        lines.append(f"{arm['label'].ljust(width)}{_number(arm['n'])}")
    for key in report["outcomes"]:
        title = report["outcome_labels"][key]
        lines += ["", title + (" (hoofduitkomst)" if key == report["primary_outcome"] else "")]
        for arm in report["arms"]:
            cell = arm["outcomes"][key]
            text = f"  {arm['label'].ljust(width)}{percent(cell['p']).rjust(6)}"
            if not cell["suppressed"]:
                text += f"  ({_interval(cell['ci'])})"
            diff = cell["difference"]
            if diff is not None and not diff["suppressed"]:
                text += f"  verschil {points(diff['diff'])} ({_points_interval(diff['ci'])}), {_p_text(diff['p_value'])}"
            lines.append(text.rstrip())
    lines += [
        "",
        f"{SUPPRESSED}: minder dan {MIN_CELL} gesprekken in deze cel (of minder dan {MIN_CELL} zonder de uitkomst); "
        "dat tonen we niet.",
        "",
        "Wat zeggen deze cijfers?",
        textwrap.fill(report["explanation"], width=100),
        "",
        "Methode: " + METHODS,
    ]
    return "\n".join(lines) + "\n"
