"""Every language says everything: the same response and fragment keys, button payloads and (no other) variables as Dutch."""
import string
import subprocess
import sys

import pytest

from actions import texts
from appdb.settings import REPO

OTHERS = [code for code in texts.codes() if code != texts.DEFAULT]


def variables(value):
    text = value if isinstance(value, str) else value.get("text", "")
    found = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    for b in ([] if isinstance(value, str) else value.get("buttons", [])):
        found |= {name for part in (b["title"], b["payload"]) for _, name, _, _ in string.Formatter().parse(part) if name}
    return found


def payloads(value):
    return [] if isinstance(value, str) else [b["payload"] for b in value.get("buttons", [])]


def test_there_is_dutch_and_english():
    assert texts.codes()[:1] == ["nl"] and "en" in texts.codes()


@pytest.mark.parametrize("code", OTHERS)
@pytest.mark.parametrize("section", ["responses", "fragments"])
def test_same_keys_as_dutch(code, section):
    dutch, other = texts.catalogue("nl")[section], texts.catalogue(code)[section]
    assert sorted(set(dutch) - set(other)) == [], f"missing in texts/{code}.yml"
    assert sorted(set(other) - set(dutch)) == [], f"only in texts/{code}.yml"


@pytest.mark.parametrize("code", OTHERS)
@pytest.mark.parametrize("section", ["responses", "fragments"])
def test_same_variables_and_payloads_as_dutch(code, section):
    dutch, other = texts.catalogue("nl")[section], texts.catalogue(code)[section]
    for key in set(dutch) & set(other):
        # A translation may leave a variable out (a Dutch library message it says in its own
        # words), never bring in one the action does not send.
        assert variables(other[key]) <= variables(dutch[key]), key
        assert payloads(other[key]) == payloads(dutch[key]), key


@pytest.mark.parametrize("code", texts.codes())
def test_every_language_has_a_name_and_words_for_it(code):
    meta = texts.catalogue(code)["language"]
    assert meta["code"] == code and meta["name"] and meta["names"]


def test_language_words_are_no_common_words():
    """'en' (and) or 'nl' would switch the language in any sentence."""
    for code in texts.codes():
        assert not {"en", "nl", "in", "de"} & set(texts.catalogue(code)["language"]["names"])


def test_generated_domain_is_up_to_date():
    result = subprocess.run([sys.executable, "scripts/make_texts.py", "--check"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_the_language_slot_has_one_value_per_catalogue():
    import yaml

    domain = yaml.safe_load((REPO / "domain" / "texts.yml").read_text(encoding="utf-8"))
    assert domain["slots"]["language"]["values"] == texts.codes()
    greet = domain["responses"]["utter_greet"]
    assert [v.get("condition", [{}])[0].get("value") for v in greet] == OTHERS + [None]


def test_every_response_comes_from_the_catalogues():
    """A response written straight into domain/*.yml would have no English: put it in texts/ instead."""
    import yaml

    elsewhere = {
        path.name: sorted(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
        for path in (REPO / "domain").glob("*.yml") if path.name != "texts.yml"
    }
    assert {name: found for name, found in elsewhere.items() if found} == {}
