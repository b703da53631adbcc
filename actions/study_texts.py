"""Dutch texts for the study-choice conversation: programme lines, prospects, tables."""
from __future__ import annotations

from typing import Dict, Iterable, List, Sequence

SAMPLE_NOTE = "Let op: dit zijn voorbeeldcijfers, geen echte cijfers van SBB."

SHORT_SCALE = {
    "gering": "gering",
    "matig": "matig",
    "voldoende": "voldoende",
    "ruim voldoende": "ruim vold.",
    "goed": "goed",
}


def prospects_sentence(prospects) -> str:
    """'Kans op werk: ruim voldoende. Kans op stage: goed.'"""
    parts = [f"Kans op werk: {prospects.kans_op_werk or 'onbekend'}."]
    parts.append(f"Kans op stage: {prospects.kans_op_stage or 'onbekend'}.")
    return " ".join(parts)


def programme_line(index: int, programme, prospects) -> str:
    """One numbered line per recommended programme, short enough for a phone."""
    return (
        f"{index}. {programme.name} (niveau {programme.niveau})\n"
        f"   {programme.description}\n"
        f"   {prospects_sentence(prospects)}"
    )


def code_note(programmes: Iterable) -> str:
    """Say plainly when a crebo code could not be confirmed."""
    if all(p.code_confirmed for p in programmes):
        return ""
    return "Niet elke opleidingscode is gecontroleerd. Zoek op school of Stagemarkt op de naam."


def compare_table(rows: Sequence[Dict]) -> str:
    """A compact side-by-side table: one line per property, one column per programme."""
    names = [f"{r['name']} ({r['niveau']})" for r in rows]
    lines = ["Vergelijking:", " | ".join(names)]
    properties = [
        ("Duur", lambda r: f"{r['duration_years']} jaar"),
        ("Werk", lambda r: SHORT_SCALE.get(r.get("kans_op_werk"), r.get("kans_op_werk") or "?")),
        ("Stage", lambda r: SHORT_SCALE.get(r.get("kans_op_stage"), r.get("kans_op_stage") or "?")),
        ("Richting", lambda r: r["domain"]),
        ("Beroep", lambda r: (list(r.get("beroepen") or []) or ["?"])[0]),
    ]
    for label, value in properties:
        lines.append(f"{label}: " + " | ".join(value(r) for r in rows))
    return "\n".join(lines)


def join_names(names: List[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


# The nudge, per arm of an experiment (bot/experiments). Every arm starts with the same
# sentence about the prospects: arms differ only in how alternatives are offered.


def weak_prospects_note(programme, prospects) -> str:
    """'Goed om te weten: met Fotograaf is de kans op werk gering.' (every arm)"""
    return f"Goed om te weten: met {programme.name} is de kans op werk {prospects.kans_op_werk}."


def nudge_offer(programme, prospects) -> str:
    """The standard offer of alternatives."""
    return (
        f"{weak_prospects_note(programme, prospects)} "
        "Er zijn opleidingen die ook bij je passen, met meer kans op werk. "
        "Wil je die zien? Jij kiest zelf."
    )


def _with_shared(alternative) -> str:
    """'Meubelmaker (ook creatief)', or just the name when it shares no words."""
    shared = [word for word in alternative.shared if word]
    name = alternative.programme.name
    return f"{name} (ook {join_names(shared)})" if shared else name


def framed_offer(programme, prospects, alternatives: Sequence) -> str:
    """The offer worded around what the alternatives share with the student's interests."""
    return (
        f"{weak_prospects_note(programme, prospects)} "
        f"Deze opleidingen passen ook bij wat je leuk vindt: "
        f"{join_names([_with_shared(a) for a in alternatives])}. "
        "Ze hebben meer kans op werk. Wil je ze bekijken? Jij kiest zelf."
    )
