"""English on request reaches the same results as Dutch over REST (issue 16): the same programmes for
the same interests, the same internship listings, the same stored report; and every reply in English."""
import re
import uuid

import pytest
import yaml

import appdb
import internships
from appdb.settings import REPO
from bot import facts

pytestmark = pytest.mark.integration

DUTCH_WORDS = re.compile(r"\b(je|jij|wil|het|een|bij|opleidingen|Kies|Typ|niet|Wat|Welke|Ik|ook)\b")


def english_texts():
    """Every English response text, as a pattern with its variables as wildcards."""
    catalogue = yaml.safe_load((REPO / "texts" / "en.yml").read_text(encoding="utf-8"))["responses"]
    out = []
    for value in catalogue.values():
        text = value if isinstance(value, str) else value["text"]
        parts = re.split(r"\{[^}]*\}", text)
        out.append(re.compile("^" + "(.*)".join(re.escape(p) for p in parts) + "$", re.S))
    return out


ENGLISH = english_texts()


def assert_english(replies):
    """Each reply is an English response; no Dutch sentence slipped through."""
    for reply in replies:
        text = reply.get("text") or ""
        if not text:
            continue
        assert any(p.match(text) for p in ENGLISH), f"not an English response: {text[:120]!r}"
        first_line = text.splitlines()[0]
        if not re.match(r"^\d+\. ", first_line):  # a numbered line is data: a listing or a programme
            assert not DUTCH_WORDS.search(first_line), f"Dutch in an English reply: {first_line!r}"


def new_sender():
    return f"test-{uuid.uuid4().hex}"


def db_of(stack):
    return appdb.connect(stack.var_dir / "kansrijk.db")


def study_choice(chat, sender, interests, english):
    replies = chat.say(sender, "hi, can we talk in english?" if english else "hoi")
    for text in ("/ask_study_advice", "vmbo", "kader", interests, "utrecht"):
        replies += chat.say(sender, text)
    return replies


def test_study_choice_in_english_shows_the_same_programmes(chat, stack):
    dutch, english = new_sender(), new_sender()
    study_choice(chat, dutch, "ik werk graag met dieren en ik ben graag buiten", english=False)
    replies = study_choice(chat, english, "I like working with animals and being outside", english=True)
    assert_english(replies)
    assert "Are you at vmbo or at mbo now?" in [r.get("text") for r in replies]

    db = db_of(stack)
    [nl] = facts.facts_for(db, dutch, "programmes_shown")
    [en] = facts.facts_for(db, english, "programmes_shown")
    assert en["payload"] == nl["payload"]
    titles = [b["title"] for r in replies for b in r.get("buttons") or []]
    assert {"Compare", "Other options", "Find an internship"} <= set(titles)


def internship_search(chat, sender, english):
    replies = chat.say(sender, "english please") if english else []
    for text in ("i'm looking for an internship" if english else "ik zoek een stage", "25180",
                 "maakt niet uit", "Utrecht", "25 km"):
        replies += chat.say(sender, text)
    return replies


def test_internship_search_in_english_finds_the_same_listings(chat, stack):
    internships.seed_demo(internships.connect(stack.var_dir / "kansrijk.db"))
    dutch, english = new_sender(), new_sender()
    nl_replies = internship_search(chat, dutch, english=False)
    en_replies = internship_search(chat, english, english=True)
    assert_english(en_replies)

    db = db_of(stack)
    [nl] = facts.facts_for(db, dutch, "internship_search")
    [en] = facts.facts_for(db, english, "internship_search")
    assert en["payload"] == nl["payload"] and en["payload"]["found"] > 0
    listings = re.compile(r"^\d+\. (.+ – .+)$", re.M)
    nl_listings = [m for r in nl_replies for m in listings.findall(r.get("text") or "")]
    en_listings = [m for r in en_replies for m in listings.findall(r.get("text") or "")]
    assert nl_listings and en_listings == nl_listings


def report(chat, sender, english):
    replies = chat.say(sender, "english please") if english else []
    opening = "i was discriminated at my internship, they didn't want me because of my headscarf"
    for text in (opening, "alleen registreren", "they said the place was full but my classmate could come",
                 "weet ik niet", "Kapsalon Zus"):
        replies += chat.say(sender, text)
    if any("Do you mean" in (r.get("text") or "") or "Bedoel je" in (r.get("text") or "") for r in replies[-1:]):
        replies += chat.say(sender, "/deny")
    for text in ("het overkwam mij", "/deny", "opslaan"):
        replies += chat.say(sender, text)
    return replies


def stored(db, code):
    row = db.execute("SELECT * FROM reports WHERE code = ?", [code]).fetchone()
    columns = [d[0] for d in db.execute("SELECT * FROM reports LIMIT 0").description]
    return {k: v for k, v in zip(columns, row) if k not in ("id", "code", "created_at", "updated_at",
                                                            "company_key", "submitted_at",
                                                            # a keyed hash per conversation: two students
                                                            "reporter_key")}


def test_a_report_in_english_is_stored_the_same(chat, stack):
    dutch, english = new_sender(), new_sender()
    nl_replies = report(chat, dutch, english=False)
    en_replies = report(chat, english, english=True)
    assert_english(en_replies)
    # The summary the student approves (issue 16): English in English, Dutch in Dutch.
    en_summary = next(r["text"] for r in en_replies if "Is this right?" in (r.get("text") or ""))
    assert en_summary.startswith("This is what we store:") and "Who sees this?" in en_summary
    assert "Kapsalon Zus" in en_summary and "It happened to you." in en_summary
    assert not re.search(r"\b(Dit slaan we op|Wie ziet dit|Reden|Wanneer|Bedrijf|melding|je)\b", en_summary)
    nl_summary = next(r["text"] for r in nl_replies if "Dit slaan we op:" in (r.get("text") or ""))
    assert "Wie ziet dit?" in nl_summary and "Kapsalon Zus" in nl_summary
    nl_code = re.search(r"Je code is ([A-Z0-9]{10})\b", "\n".join(r.get("text") or "" for r in nl_replies)).group(1)
    en_code = re.search(r"Your code is ([A-Z0-9]{10})\b", "\n".join(r.get("text") or "" for r in en_replies)).group(1)
    db = db_of(stack)
    assert stored(db, en_code) == stored(db, nl_code)


def test_a_report_typed_in_english_is_stored_the_same(chat, stack):
    """No tapping at all: the English button titles and English words, typed, give the same report."""
    dutch, english = new_sender(), new_sender()
    nl_replies = report(chat, dutch, english=False)
    replies = chat.say(english, "english please")
    opening = "i was discriminated at my internship, they didn't want me because of my headscarf"
    for text in (opening, "only register", "they said the place was full but my classmate could come",
                 "I don't know", "Kapsalon Zus"):
        replies += chat.say(english, text)
    if any("Do you mean" in (r.get("text") or "") for r in replies[-1:]):
        replies += chat.say(english, "no")
    for text in ("It happened to me", "no", "Save"):
        replies += chat.say(english, text)
    assert_english(replies)
    text = "\n".join(r.get("text") or "" for r in replies)
    assert "Choose one of the buttons" not in text and "Tap " not in text  # no question had to be asked again
    nl_code = re.search(r"Je code is ([A-Z0-9]{10})\b", "\n".join(r.get("text") or "" for r in nl_replies)).group(1)
    en_code = re.search(r"Your code is ([A-Z0-9]{10})\b", text).group(1)
    db = db_of(stack)
    assert stored(db, en_code) == stored(db, nl_code)


def test_english_study_choice_names_programmes_with_their_meaning(chat, stack):
    sender = new_sender()
    replies = study_choice(chat, sender, "I like fixing cars and motorbikes", english=True)
    assert_english(replies)
    text = "\n".join(r.get("text") or "" for r in replies)
    assert "Motorfietstechnicus (motorcycle technician)" in text
    assert "fits: motorbikes" in text and "past bij" not in text
    assert "You maintain and repair motorcycles" in text


def test_an_unknown_place_is_explained_in_english(chat, stack):
    sender = new_sender()
    replies = chat.say(sender, "english please")
    for text in ("i'm looking for an internship", "25180", "maakt niet uit", "Utrehct"):
        replies += chat.say(sender, text)
    assert any("I don't know the place 'Utrehct'. Do you mean Utrecht?" in (r.get("text") or "") for r in replies)
    assert_english(replies)
