"""The experiments' exceptions (the tree is drawn in ``bot.experiments``); every message is Dutch and says how to fix it."""

from __future__ import annotations

__all__ = [
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


class ExperimentError(Exception):
    """Base class for every error this package raises on purpose."""


class InvalidDefinition(ExperimentError, ValueError):
    """The experiment definition breaks a rule; nothing was stored."""


class DefinitionFileError(InvalidDefinition):
    """The definition file cannot be read, is not YAML, or is not a mapping of fields."""


class MissingField(InvalidDefinition):
    """A required field is missing from the definition."""


class UnknownField(InvalidDefinition):
    """The definition has a field this version does not know (often a typo)."""


class InvalidName(InvalidDefinition):
    """The experiment name is not a short lower-case code."""


class InvalidSchools(InvalidDefinition):
    """The schools are not a non-empty list of school codes."""


class InvalidDate(InvalidDefinition):
    """A start or end date is missing, malformed, in the wrong order or already past."""


class UnknownArm(InvalidDefinition):
    """An arm name is not one of standard, no_offer, framed."""


class InvalidShare(InvalidDefinition):
    """An allocation share is not a positive number."""


class MissingStandardArm(InvalidDefinition):
    """The arms lack ``standard`` (the comparison group) or have fewer than two arms."""


class UnknownOutcome(InvalidDefinition):
    """An outcome name is not on the list of outcomes this version measures."""


class InvalidPrimaryOutcome(InvalidDefinition):
    """The primary outcome is not a yes/no outcome, or is repeated among the secondary ones."""


class InvalidMinimumSample(InvalidDefinition):
    """The minimum sample per arm is not a whole number of at least 10."""


class InvalidHypothesis(InvalidDefinition):
    """The hypothesis is empty, too long, or more than one paragraph."""


class UnknownExperiment(ExperimentError, LookupError):
    """No experiment with this name is registered."""


class ExperimentExists(ExperimentError):
    """An experiment with this name but other content exists and may only be replaced on request."""


class ExperimentFrozen(ExperimentError):
    """The experiment has started, so its content can no longer change."""


class ExperimentOverlap(ExperimentError):
    """Another experiment runs at one of the same schools in an overlapping period."""


class ExperimentTampered(ExperimentError):
    """The stored definition no longer matches its stored content hash."""


class InvalidPowerInput(ExperimentError, ValueError):
    """The power calculation got a proportion, effect, alpha or power outside its range."""
