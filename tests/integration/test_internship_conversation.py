"""A student finds an internship over REST through the real Rasa server and action server."""
import os
import subprocess
import sys

import pytest

import internships
from appdb.settings import REPO
from bot import facts

pytestmark = pytest.mark.integration


def text_of(replies):
    return "\n".join(r.get("text") or "" for r in replies)


def search(chat, sender, programme, leerweg, place, radius):
    """Answer the four questions of the internship form; return the replies to the last one."""
    assert "welke opleiding" in chat.text(sender, "ik zoek een stage").lower()
    assert "bol of de bbl" in chat.text(sender, programme)
    assert "Waar wil je stage lopen" in chat.text(sender, leerweg)
    assert "Hoe ver" in chat.text(sender, place)
    return chat.say(sender, radius)


def test_student_finds_a_demo_internship(chat, stack, sender):
    db = internships.connect(stack.var_dir / "kansrijk.db")
    internships.seed_demo(db)
    expected = internships.match(db, crebo="25180", place="Utrecht", radius_km=25)
    assert expected, "the demo register has kok listings near Utrecht"

    replies = search(chat, sender, "25180", "maakt niet uit", "Utrecht", "25 km")
    text = text_of(replies)
    assert "Dit zijn demo-stages" in text
    # Over REST the results come as numbered text; the widget gets the same as cards.
    positions = [text.index(f"{i}. {m.title}") for i, m in enumerate(expected, start=1)]
    assert positions == sorted(positions)
    assert f"1. {expected[0].title} – {expected[0].company}, {expected[0].place}" in text
    titles = [b["title"] for r in replies for b in r.get("buttons") or []]
    assert "Verder weg zoeken" in titles and "Andere opleiding" in titles

    [fact] = facts.facts_for(db, sender, "internship_search")
    assert fact["payload"]["crebo"] == "25180" and fact["payload"]["found"] >= len(expected)

    # The search state stays: /seek_internship shows results again without questions.
    again = chat.say(sender, "/seek_internship")
    assert "We gaan verder" in text_of(again)
    assert all(m.title in text_of(again) for m in expected)


def test_unknown_crebo_is_asked_again(chat, sender):
    chat.say(sender, "ik zoek een stage")
    reply = chat.text(sender, "12345")
    assert "onbekende opleidingscode 12345" in reply
    assert "bol of de bbl" in chat.text(sender, "25180")
    assert "we stoppen hiermee" in chat.text(sender, "stop")


def test_institution_imports_a_csv_and_a_student_finds_it(chat, stack, sender, tmp_path):
    db_path = stack.var_dir / "kansrijk.db"
    env = {**os.environ, "KANSRIJK_DB": str(db_path), "PYTHONPATH": str(REPO)}
    cli = [sys.executable, "-m", "internships"]
    header = "external_id,title,company,crebo,leerweg,postcode,start_date,erkend,apply_url\n"
    good = "HRL-1,Leerbaan kok aan de haven,Visrestaurant Het Wad,25180,bbl,8861 AB,2027-02-01,ja,https://example.org/wad\n"
    bad = "HRL-2,Stage kok,Strandpaviljoen,25180,bbl,88XX,2027-02-01,ja,\n"

    subprocess.run([*cli, "institutions", "add", "ROC-WAD", "ROC Waddenkust"], env=env, check=True)
    listing = tmp_path / "vacatures.csv"
    listing.write_text(header + good + bad, encoding="utf-8")
    failed = subprocess.run([*cli, "import", str(listing), "--institution", "ROC-WAD"],
                            env=env, capture_output=True, text=True)
    assert failed.returncode != 0
    assert "postcode" in failed.stdout + failed.stderr  # the report names the field to fix

    listing.write_text(header + good + bad.replace("88XX", "8862 AB"), encoding="utf-8")
    subprocess.run([*cli, "import", str(listing), "--institution", "ROC-WAD"], env=env, check=True)

    replies = search(chat, sender, "25180", "bbl", "8861", "10 km")
    text = text_of(replies)
    assert "1. Leerbaan kok aan de haven – Visrestaurant Het Wad" in text
    assert "https://example.org/wad" in text
    assert "Strandpaviljoen" in text
