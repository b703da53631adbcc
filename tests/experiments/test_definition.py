"""Experiment definitions: parsing, canonical form and content hash, and every error a writer can make."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from bot import experiments
from bot.experiments import definition, errors, power
from tests.experiments.helpers import definition_data, make_definition

EXAMPLE = Path(experiments.__file__).parent / "examples" / "nudge_demo01.yml"


def test_the_example_is_valid_and_matches_the_issue():
    example = definition.load(EXAMPLE)
    assert example.name == "nudge_demo01"
    assert example.schools == ("DEMO01",)
    assert [(arm.name, arm.share) for arm in example.arms] == [
        ("standard", Fraction(1, 3)), ("no_offer", Fraction(1, 3)), ("framed", Fraction(1, 3))]
    assert example.primary_outcome == "looked_at_alternative"
    # Its comment says the minimum comes from the power calculation.
    assert example.min_sample_per_arm == power.n_per_arm(0.20, 0.05)


def test_shares_are_weights_divided_by_their_total():
    d = make_definition(arms={"standard": 2, "framed": "1", "no_offer": 0.5})
    assert {arm.name: arm.share for arm in d.arms} == {
        "standard": Fraction(4, 7), "no_offer": Fraction(1, 7), "framed": Fraction(2, 7)}
    assert sum(arm.share for arm in d.arms) == 1
    thirds = make_definition(arms={"standard": "1/3", "no_offer": "1/3", "framed": "1/3"})
    assert thirds.to_dict()["arms"] == {"standard": "1/3", "no_offer": "1/3", "framed": "1/3"}


def test_the_content_hash_ignores_order_and_notation_but_not_content():
    a = make_definition()
    b = make_definition(
        arms={"framed": 2, "no_offer": 2, "standard": 2},
        secondary_outcomes=["final_kans_op_werk", "ended_kansrijk"],
        schools=["demo01"],
        hypothesis="  Een aanbod vanuit de interesses helpt leerlingen\n vaker naar een alternatief te kijken.  ",
    )
    assert a.content_hash == b.content_hash
    assert a.arm_names == b.arm_names == ("standard", "no_offer", "framed")
    assert len(a.content_hash) == 64
    assert make_definition(min_sample_per_arm=101).content_hash != a.content_hash
    assert make_definition(arms={"standard": 2, "no_offer": 1, "framed": 1}).content_hash != a.content_hash


def test_the_canonical_json_round_trips():
    a = make_definition()
    assert definition.from_json(definition.canonical_json(a)) == a


@pytest.mark.parametrize(
    "changes, error, message",
    [
        ({"primary_outcome": "x"}, errors.UnknownOutcome, "onbekende uitkomst 'x' in 'primary_outcome'; kies uit: looked_at_alternative, "),
        ({"secondary_outcomes": ["ended_kansrijk", "clicked"]}, errors.UnknownOutcome, "onbekende uitkomst 'clicked'"),
        ({"primary_outcome": "final_kans_op_werk"}, errors.InvalidPrimaryOutcome, "moet ja/nee zijn"),
        ({"secondary_outcomes": ["looked_at_alternative"]}, errors.InvalidPrimaryOutcome, "haal hem weg"),
        ({"hypothesis": None}, errors.MissingField, "veld 'hypothesis' ontbreekt"),
        ({"colour": "blue"}, errors.UnknownField, "onbekend veld 'colour'; toegestaan zijn: name, "),
        ({"name": "Nudge Test"}, errors.InvalidName, "kleine letters"),
        ({"schools": []}, errors.MissingField, "veld 'schools' ontbreekt"),
        ({"schools": ["DEMO 01"]}, errors.InvalidSchools, "ongeldige schoolcode"),
        ({"schools": ["DEMO01", "demo01"]}, errors.InvalidSchools, "twee keer"),
        ({"start": "1 september"}, errors.InvalidDate, "JJJJ-MM-DD"),
        ({"end": "2020-01-01"}, errors.InvalidDate, "ligt voor de startdatum"),
        ({"arms": {"standard": 1, "nudge_harder": 1}}, errors.UnknownArm, "onbekende groep 'nudge_harder'; kies uit: standard, no_offer, framed"),
        ({"arms": {"standard": 1, "framed": 0}}, errors.InvalidShare, "groter dan 0"),
        ({"arms": {"standard": 1, "framed": -1}}, errors.InvalidShare, "aandeel van 'framed'"),
        ({"arms": {"standard": 1, "framed": "veel"}}, errors.InvalidShare, "aandeel van 'framed'"),
        ({"arms": {"standard": 1, "framed": True}}, errors.InvalidShare, "aandeel van 'framed'"),
        ({"arms": {"no_offer": 1, "framed": 1}}, errors.MissingStandardArm, "de groep 'standard' nodig"),
        ({"arms": {"standard": 1}}, errors.MissingStandardArm, "minstens één andere groep"),
        ({"arms": ["standard", "framed"]}, errors.MissingStandardArm, "aandeel"),
        ({"min_sample_per_arm": 5}, errors.InvalidMinimumSample, "python -m bot.experiments power"),
        ({"min_sample_per_arm": "veel"}, errors.InvalidMinimumSample, "heel getal"),
        ({"hypothesis": "Eerste alinea.\n\nTweede alinea."}, errors.InvalidHypothesis, "één alinea"),
        ({"hypothesis": "x" * 2001}, errors.InvalidHypothesis, "korter"),
    ],
)
def test_each_mistake_is_a_named_error_that_says_how_to_fix_it(changes, error, message):
    with pytest.raises(error) as raised:
        definition.parse(definition_data(**changes))
    assert message in str(raised.value)
    assert isinstance(raised.value, errors.InvalidDefinition) and isinstance(raised.value, ValueError)


def test_file_errors(tmp_path):
    with pytest.raises(errors.DefinitionFileError, match="kan '.*' niet lezen"):
        definition.load(tmp_path / "missing.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(errors.DefinitionFileError, match="geen geldige YAML op regel"):
        definition.load(broken)
    listing = tmp_path / "list.yml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(errors.DefinitionFileError, match="begin bijvoorbeeld met 'name: mijn_experiment'"):
        definition.load(listing)
