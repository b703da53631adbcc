"""The names an experiment may use (arms, outcomes, SBB's kans-op-werk classes) and their Dutch labels."""

from __future__ import annotations

__all__ = [
    "ARMS",
    "CONTROL_ARM",
    "ARM_LABELS",
    "OUTCOMES",
    "BINARY_OUTCOMES",
    "CATEGORICAL_OUTCOMES",
    "OUTCOME_LABELS",
    "KANS_CLASSES",
    "KANSRIJK_CLASSES",
    "UNKNOWN_CLASS",
    "MIN_CELL",
]

# The control arm: today's behaviour, also what an opted-out student gets.
CONTROL_ARM = "standard"

# In this order everywhere (allocation, reports), whatever order a definition file uses.
ARMS = ("standard", "no_offer", "framed")

ARM_LABELS = {
    "standard": "standaard (aanbod van alternatieven)",
    "no_offer": "geen aanbod",
    "framed": "aanbod vanuit de interesses",
}

OUTCOMES = (
    "looked_at_alternative",
    "final_kans_op_werk",
    "ended_kansrijk",
    "asked_internship_search",
    "shared_summary",
    "conversation_completed",
)
CATEGORICAL_OUTCOMES = ("final_kans_op_werk",)
BINARY_OUTCOMES = tuple(o for o in OUTCOMES if o not in CATEGORICAL_OUTCOMES)

# SBB's five-point scale, low to high.
KANS_CLASSES = ("gering", "matig", "voldoende", "ruim voldoende", "goed")
KANSRIJK_CLASSES = ("voldoende", "ruim voldoende", "goed")
# A conversation that never looked at the prospects of a programme has no final class.
UNKNOWN_CLASS = "onbekend"

OUTCOME_LABELS = {
    "looked_at_alternative": "keek naar een alternatief",
    "final_kans_op_werk": "kans op werk van de laatste keuze",
    "ended_kansrijk": "eindigde met kans op werk voldoende of beter",
    "asked_internship_search": "zocht een stage",
    "shared_summary": "deelde de samenvatting met school",
    "conversation_completed": "rondde het gesprek af",
}
for _class in KANS_CLASSES + (UNKNOWN_CLASS,):
    OUTCOME_LABELS[f"final_kans_op_werk.{_class}"] = f"laatste keuze: kans op werk {_class}"
del _class

# Fewer conversations than this in a cell are never shown (DESIGN.md, privacy model).
MIN_CELL = 10
