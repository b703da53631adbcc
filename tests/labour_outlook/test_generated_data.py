"""Generated data files match the scripts that make them: sample prospects and the PC4 -> region table."""

import subprocess
import sys

import pytest

from appdb.settings import REPO


@pytest.mark.parametrize("script", ["scripts/make_sample_prospects.py", "scripts/make_regions.py"])
def test_generated_file_is_up_to_date(script):
    result = subprocess.run([sys.executable, script, "--check"], cwd=REPO, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sample_prospects_cover_every_programme_and_say_they_are_samples(catalogue):
    import csv

    with open(REPO / "labour_outlook" / "data" / "kansen_voorbeeld.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["crebo"] for r in rows if r["arbeidsmarktregio"] == "Nederland"} == {p.crebo for p in catalogue}
    assert {r["bron"] for r in rows} == {"voorbeelddata"}


def test_every_place_has_an_arbeidsmarktregio():
    from labour_outlook.regions import region_for_place, regions

    assert len(regions()) == 34
    for place, region in [("Amsterdam", "Groot Amsterdam"), ("Rotterdam", "Rijnmond"), ("3011 AB", "Rijnmond"),
                          ("Den Haag", "Haaglanden"), ("Den Bosch", "Noordoost-Brabant"), ("Maastricht", "Zuid-Limburg"),
                          ("Leeuwarden", "Friesland"), ("Almere", "Flevoland"), ("Helmond", "Helmond-De Peel"),
                          ("zuid-limburg", "Zuid-Limburg")]:
        assert region_for_place(place) == region, place
    assert region_for_place("Atlantis") is None and region_for_place("") is None
