"""Programmes in the student's language (issue 16): every programme has an English name and description."""
import string

import pytest

from actions import library_texts, programme_texts, texts
from labour_outlook import alternatives, get_catalogue, recommend
from labour_outlook.recommend import REASONS
from labour_outlook.riasec import DESCRIPTIONS

OTHERS = [code for code in texts.codes() if code != texts.DEFAULT]


def names(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", OTHERS)
def test_every_programme_has_a_name_and_a_description(code):
    for programme in get_catalogue():
        row = programme_texts.table("programmes", code).get(programme.crebo)
        assert row and row["name"].strip(), f"texts/programmes.{code}.csv: no name for {programme.crebo}"
        if programme.profile_written:
            assert row["description"].strip(), f"texts/programmes.{code}.csv: no description for {programme.crebo}"
        assert programme_texts.programme_description(code, programme) != programme.description


@pytest.mark.parametrize("code", OTHERS)
def test_every_field_has_a_name(code):
    fields = {p.domain for p in get_catalogue()} | {p.studierichting for p in get_catalogue() if p.studierichting}
    assert sorted(f for f in fields if programme_texts.field_name(code, f) == f) == []


@pytest.mark.parametrize("code", OTHERS)
def test_the_recommenders_words_are_translated_with_the_same_variables(code):
    translated = texts.library(code, "recommend")
    assert set(translated) == set(REASONS)
    for key, template in REASONS.items():
        assert names(translated[key]) == names(template), key
    assert set(texts.library(code, "riasec")) == set(DESCRIPTIONS)


def test_the_official_name_stays_with_its_meaning():
    kok = next(p for p in get_catalogue() if p.name == "Kok")
    assert programme_texts.programme_name("en", kok) == "Kok (cook)"
    assert programme_texts.programme_name("nl", kok) == "Kok"


def test_english_reasons_say_the_students_words_in_english():
    [first, *_] = recommend(["I like fixing cars and motorbikes"], situation="vmbo kader", top=3)
    said = library_texts.reasons("en", first)
    assert said == ["fits: motorbikes", "possible after vmbo kader"]
    assert first.reasons == ["past bij: motoren", "kan na vmbo kader"]  # the Dutch is the recommender's own


def test_english_alternative_reason():
    crebo = next(p.crebo for p in get_catalogue() if p.name == "Pianotechnicus" and p.niveau == 3)
    [alt, *_] = alternatives(crebo)
    english = library_texts.alternative_reason("en", alt)
    assert english.startswith("Pianotechnicus (piano technician) (level 4) also fits ")
    assert "chance of work there is" in english and "(for level 3: " in english
    assert library_texts.alternative_reason("nl", alt) == alt.reason


@pytest.mark.parametrize("code", OTHERS)
def test_every_job_and_search_word_has_a_translation(code):
    jobs = {j for p in get_catalogue() for j in p.beroepen}
    assert sorted(j for j in jobs if programme_texts.job_names(code, [j]) == [j] and j not in programme_texts.table("jobs", code)) == []
    words = {w.lower() for p in get_catalogue() for w in p.synonyms}
    assert sorted(words - set(programme_texts.table("search_words", code))) == []


def test_an_alternative_shares_its_words_in_english():
    crebo = next(p.crebo for p in get_catalogue() if p.name == "Pianotechnicus" and p.niveau == 3)
    [alt, *_] = alternatives(crebo)
    assert "vakmanschap" not in library_texts.alternative_reason("en", alt)
