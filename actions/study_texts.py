"""Study-choice texts built from the catalogues (texts/<language>.yml): programme lines, prospects, tables.

Every function takes the student's language (a code, or a tracker via actions.texts.language).
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Sequence

from actions import programme_texts, texts
from actions.texts import DEFAULT


def _t(lang: str, key: str, **variables) -> str:
    return texts.fragment(lang, key, **variables)


def scale(value, lang: str = DEFAULT, short: bool = False) -> str:
    """An SBB scale value ('ruim voldoende') in the student's language; '?' when missing."""
    if not value:
        return _t(lang, "scale_onbekend")
    key = str(value).replace(" ", "_")
    if short and key == "ruim_voldoende":
        return _t(lang, "scale_short_ruim_voldoende")
    try:
        return _t(lang, f"scale_{key}")
    except KeyError:
        return str(value)


def sample_note(lang: str = DEFAULT) -> str:
    return _t(lang, "sample_note")


def prospects_sentence(prospects, lang: str = DEFAULT) -> str:
    """'Kans op werk: ruim voldoende. Kans op stage: goed.'"""
    return _t(lang, "prospects_sentence", werk=scale(prospects.kans_op_werk, lang),
              stage=scale(prospects.kans_op_stage, lang))


def programme_line(index: int, programme, prospects, lang: str = DEFAULT) -> str:
    """One numbered line per recommended programme, short enough for a phone."""
    return _t(lang, "programme_line", index=index, name=programme_texts.programme_name(lang, programme),
              niveau=programme.niveau, description=programme_texts.programme_description(lang, programme), prospects=prospects_sentence(prospects, lang))


def code_note(programmes: Iterable, lang: str = DEFAULT) -> str:
    """Say plainly when a crebo code could not be confirmed."""
    if all(p.code_confirmed for p in programmes):
        return ""
    return _t(lang, "code_note")


def compare_table(rows: Sequence[Dict], lang: str = DEFAULT) -> str:
    """A compact side-by-side table: one line per property, one column per programme."""
    names = [f"{r['name']} ({r['niveau']})" for r in rows]
    lines = [_t(lang, "compare_title"), " | ".join(names)]
    properties = [
        ("compare_duration", lambda r: _t(lang, "compare_years", years=r["duration_years"])),
        ("compare_work", lambda r: scale(r.get("kans_op_werk"), lang, short=True)),
        ("compare_internship", lambda r: scale(r.get("kans_op_stage"), lang, short=True)),
        ("compare_direction", lambda r: r["domain"]),
        ("compare_job", lambda r: (list(r.get("beroepen") or []) or ["?"])[0]),
    ]
    for label, value in properties:
        lines.append(f"{_t(lang, label)}: " + " | ".join(value(r) for r in rows))
    return "\n".join(lines)


def join_names(names: List[str], lang: str = DEFAULT, joiner: str = "and") -> str:
    """'a, b and c' (or with joiner 'or': 'a, b or c') in the student's language."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {_t(lang, joiner)} " + names[-1]


# The nudge, per arm of an experiment (bot/experiments). Every arm starts with the same
# sentence about the prospects: arms differ only in how alternatives are offered. The
# responses are utter_weak_prospects, utter_nudge_offer and utter_nudge_framed; these give
# their variables.


def weak_prospects_variables(programme, prospects, lang: str = DEFAULT) -> Dict[str, str]:
    return {"programme": programme_texts.programme_name(lang, programme), "werk": scale(prospects.kans_op_werk, lang)}


def with_shared(alternative, lang: str = DEFAULT) -> str:
    """'Meubelmaker (ook creatief)', or just the name when it shares no words."""
    shared = programme_texts.interest_words(lang, [word for word in alternative.shared if word])
    name = programme_texts.programme_name(lang, alternative.programme)
    return _t(lang, "with_shared", name=name, shared=join_names(shared, lang)) if shared else name


def framed_names(alternatives: Sequence, lang: str = DEFAULT) -> str:
    return join_names([with_shared(a, lang) for a in alternatives], lang)
