"""Randomized experiments with the study-choice nudge: definitions, allocation, outcomes, reports, charts, power.

This package runs in ``.venv`` (Python 3.11) and never imports Rasa; nothing happens at
import time (statsmodels and matplotlib load on first use). The conversation (actions)
and the portal call the functions below; ``python -m bot.experiments --help`` is a thin
CLI over them. The ``experiments`` table belongs to ``bot.experiments.store``; facts
(``experiment_arm``, ``experiment_opt_out`` and the outcome facts) are read and
written through ``bot.facts``.

For the conversation::

    assign(db, conversation_id, school, today=None) -> Assignment | None
    arm_for(db, conversation_id) -> "standard" | "no_offer" | "framed"
    opt_out(db, conversation_id) -> None
    active_for(db, school, on=None) -> Experiment | None      # for the privacy note

For the portal::

    build_report(db, name) -> dict         # also: render_text, to_csv
    primary_chart(report) -> Chart         # Chart.png (bytes), Chart.alt_text
    bar_chart(labels, values, intervals=None, *, title, ...) -> Chart

Exceptions (every message is Dutch and says how to fix the problem)::

    ExperimentError
     ├── InvalidDefinition            the definition breaks a rule (also a ValueError)
     │    ├── DefinitionFileError      the file cannot be read, is not YAML or not a mapping
     │    ├── MissingField             a required field is missing
     │    ├── UnknownField             a field this version does not know (a typo?)
     │    ├── InvalidName              the name is not a short lower-case code
     │    ├── InvalidSchools           no list of school codes
     │    ├── InvalidDate              a date is malformed, in the wrong order or past
     │    ├── UnknownArm               an arm is not standard, no_offer or framed
     │    ├── InvalidShare             a share is not a positive number
     │    ├── MissingStandardArm       no arm standard, or only one arm
     │    ├── UnknownOutcome           an outcome not on the list
     │    ├── InvalidPrimaryOutcome    the primary outcome is not yes/no, or repeated
     │    ├── InvalidMinimumSample     the minimum sample is not a whole number >= 10
     │    └── InvalidHypothesis        the hypothesis is empty, too long or not one paragraph
     ├── UnknownExperiment            no experiment by that name (also a LookupError)
     ├── ExperimentExists             same name, other content, not started: use replace
     ├── ExperimentFrozen             started, so it cannot change: make a new experiment
     ├── ExperimentOverlap            another experiment runs at that school then
     ├── ExperimentTampered           the stored definition no longer matches its hash
     └── InvalidPowerInput            a power-calculation input out of range (also a ValueError)
"""

from .allocation import Assignment, arm_for, assign, assignment_of, draw, opt_out, opted_out
from .chart import Chart, bar_chart, primary_chart
from .definition import Arm, Definition, content_hash
from .definition import load as load_definition
from .definition import parse as parse_definition
from .errors import (
    DefinitionFileError,
    ExperimentError,
    ExperimentExists,
    ExperimentFrozen,
    ExperimentOverlap,
    ExperimentTampered,
    InvalidDate,
    InvalidDefinition,
    InvalidHypothesis,
    InvalidMinimumSample,
    InvalidName,
    InvalidPowerInput,
    InvalidPrimaryOutcome,
    InvalidSchools,
    InvalidShare,
    MissingField,
    MissingStandardArm,
    UnknownArm,
    UnknownExperiment,
    UnknownField,
    UnknownOutcome,
)
from .explain import render_text
from .outcomes import derive as derive_outcomes
from .power import n_per_arm
from .report import build as build_report
from .report import to_csv, write_csv
from .store import Experiment, active_for, add, get, list_experiments, stop
from .vocabulary import ARMS, CONTROL_ARM, MIN_CELL, OUTCOMES

__all__ = [
    # definitions
    "Arm",
    "Definition",
    "load_definition",
    "parse_definition",
    "content_hash",
    # store
    "Experiment",
    "add",
    "get",
    "list_experiments",
    "stop",
    "active_for",
    # allocation
    "Assignment",
    "assign",
    "assignment_of",
    "arm_for",
    "opt_out",
    "opted_out",
    "draw",
    # outcomes, report, chart, power
    "derive_outcomes",
    "build_report",
    "render_text",
    "to_csv",
    "write_csv",
    "Chart",
    "bar_chart",
    "primary_chart",
    "n_per_arm",
    # vocabulary
    "ARMS",
    "CONTROL_ARM",
    "OUTCOMES",
    "MIN_CELL",
    # errors
    "ExperimentError",
    "InvalidDefinition",
    "DefinitionFileError",
    "MissingField",
    "UnknownField",
    "InvalidName",
    "InvalidSchools",
    "InvalidDate",
    "UnknownArm",
    "InvalidShare",
    "MissingStandardArm",
    "UnknownOutcome",
    "InvalidPrimaryOutcome",
    "InvalidMinimumSample",
    "InvalidHypothesis",
    "UnknownExperiment",
    "ExperimentExists",
    "ExperimentFrozen",
    "ExperimentOverlap",
    "ExperimentTampered",
    "InvalidPowerInput",
]
