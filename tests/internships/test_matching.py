import pytest

from internships import InvalidQuery, UnknownLocation, UnknownProgramme, count_matches, match, suggest_widening
from tests.internships.conftest import TODAY

REQUIRED_KEYS = {"listing_id", "external_id", "institution", "title", "company", "crebo", "leerweg",
                 "place", "postcode", "distance_km", "start_date", "recognised", "reasons"}


@pytest.fixture
def register(two_schools, load, make_row, fresh_db, catalogue):
    load([
        make_row(external_id="centrum", postcode="3511 AB", start_date="2025-09-01"),
        make_row(external_id="oost", postcode="3584 AB", start_date="2025-08-01", company="Kinderopvang Oost"),
        make_row(external_id="amersfoort", postcode="3811 AB", company="Opvang Amersfoort"),
        make_row(external_id="amsterdam", postcode="1011 AB", company="Opvang Amsterdam"),
        make_row(external_id="onbevestigd", postcode="3512 AB", erkend=None, company="Onbekend BV"),
        make_row(external_id="niet-erkend", postcode="3512 AB", erkend="nee", company="Afgewezen BV"),
        make_row(external_id="bbl", postcode="3511 AB", leerweg="bbl", start_date="2025-10-01"),
        make_row(external_id="vol", postcode="3511 AB", status="filled"),
        make_row(external_id="niveau4", postcode="3511 AB", crebo="25697", company="Opvang Plus"),
        make_row(external_id="inclusief", postcode="3431 AB", inclusive="name_blind", company="Eerlijk BV"),
        make_row(external_id="kok", postcode="3511 AB", crebo="25180", company="Restaurant De Eik"),
        make_row(external_id="kok3", postcode="3511 AB", crebo="25182", company="Restaurant De Eik"),
    ])
    load([make_row(external_id="b-utrecht", postcode="3521 AB", company="Opvang West")], institution="ROC-B")

    def run(**kwargs):
        kwargs.setdefault("catalogue", catalogue)
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("limit", 50)
        return match(fresh_db, **kwargs)

    return run


def ids(matches):
    return [m.external_id for m in matches]


def test_sorted_by_distance_within_radius(register):
    found = register(crebo="25696", place="Utrecht", radius_km=25)
    distances = [m.distance_km for m in found]
    assert distances == sorted(distances)
    assert all(d <= 25 for d in distances)
    assert "amsterdam" not in ids(found)
    assert "amsterdam" in ids(register(crebo="25696", place="Utrecht", radius_km=50))


def test_equal_distance_goes_to_earliest_start(register):
    found = ids(register(crebo="25696", postcode="3511 AB", radius_km=1))
    assert found.index("centrum") < found.index("bbl")


def test_both_institutions_listings_are_found(register):
    found = register(crebo="25696", place="Utrecht")
    assert {"ROC Alfa", "ROC Beta"} <= {m.institution for m in found}


def test_unconfirmed_only_when_asked_and_labelled(register):
    assert "onbevestigd" not in ids(register(crebo="25696", place="Utrecht"))
    found = {m.external_id: m for m in register(crebo="25696", place="Utrecht", include_unconfirmed=True)}
    assert found["onbevestigd"].recognised is False
    assert any("niet bevestigd" in r for r in found["onbevestigd"].reasons)
    assert found["centrum"].recognised is True
    assert "niet-erkend" not in found  # known not recognised: never shown


def test_expired_recognition_counts_as_unconfirmed(register, fresh_db):
    fresh_db.execute("UPDATE recognitions SET end_date = '2025-01-01' WHERE leerbedrijf_id ="
                     " (SELECT leerbedrijf_id FROM listings WHERE external_id = 'oost')")
    assert "oost" not in ids(register(crebo="25696", place="Utrecht"))
    assert "oost" in ids(register(crebo="25696", place="Utrecht", include_unconfirmed=True))


def test_withdrawn_company_is_never_shown(register, fresh_db):
    fresh_db.execute("UPDATE leerbedrijven SET recognised = 0 WHERE name = 'Kinderopvang Oost'")
    assert "oost" not in ids(register(crebo="25696", place="Utrecht", include_unconfirmed=True))


def test_filled_and_other_programmes_are_left_out(register):
    found = ids(register(crebo="25696", place="Utrecht"))
    assert "vol" not in found and "kok" not in found and "niveau4" not in found


def test_leerweg_filter(register):
    assert ids(register(crebo="25696", postcode="3511", radius_km=2, leerweg="bbl")) == ["bbl"]
    with pytest.raises(InvalidQuery):
        register(crebo="25696", postcode="3511", leerweg="stage")


def test_place_and_postcode_search_from_different_points(register):
    by_place = {m.external_id: m.distance_km for m in register(crebo="25696", place="utrecht")}
    by_postcode = {m.external_id: m.distance_km for m in register(crebo="25696", postcode="3584 AB")}
    assert by_postcode["oost"] == 0.0
    assert by_place["oost"] > 0
    assert set(by_place) == set(by_postcode)
    with pytest.raises(InvalidQuery):
        register(crebo="25696", place="Utrecht", postcode="3511")
    with pytest.raises(InvalidQuery):
        register(crebo="25696")
    with pytest.raises(UnknownLocation):
        register(crebo="25696", place="Atlantis")


def test_neighbours_only_when_asked(register):
    found = {m.external_id: m for m in register(crebo="25696", postcode="3511", include_neighbours=True)}
    assert found["niveau4"].neighbour is True
    assert found["centrum"].neighbour is False
    assert any("verwante opleiding" in r for r in found["niveau4"].reasons)


def test_programme_name_resolves_through_catalogue(register):
    assert ids(register(programme="Kok", postcode="3511", radius_km=5)) == ["kok"]
    assert ids(register(programme="werkend kok", postcode="3511", radius_km=5)) == ["kok3"]
    with pytest.raises(UnknownProgramme):
        register(programme="astronaut", postcode="3511")


def test_unknown_crebo(register):
    with pytest.raises(UnknownProgramme, match="onbekende opleidingscode 12345"):
        register(crebo="12345", postcode="3511")
    with pytest.raises(UnknownProgramme):
        register(crebo="123", postcode="3511")


def test_prefer_inclusive_first_within_radius(register):
    plain = ids(register(crebo="25696", place="Utrecht"))
    preferred = ids(register(crebo="25696", place="Utrecht", prefer_inclusive=True))
    assert plain[0] != "inclusief" and preferred[0] == "inclusief"
    assert sorted(plain) == sorted(preferred)


def test_limit_offset_and_count(register, fresh_db, catalogue):
    everything = ids(register(crebo="25696", place="Utrecht"))
    assert ids(register(crebo="25696", place="Utrecht", limit=2, offset=1)) == everything[1:3]
    assert count_matches(fresh_db, crebo="25696", place="Utrecht", catalogue=catalogue, today=TODAY) == len(everything)
    assert match(fresh_db, crebo="25696", place="Utrecht", catalogue=catalogue, today=TODAY) == register(crebo="25696", place="Utrecht")[:5]


def test_to_dict_has_the_contract_keys(register):
    d = register(crebo="25696", place="Utrecht", prefer_inclusive=True)[0].to_dict()
    assert REQUIRED_KEYS <= set(d)
    assert d["inclusive"] is True and d["inclusive_signals"] == ["name_blind"]
    assert d["inclusive_labels"][0].startswith("anoniem solliciteren")
    assert d["programme"] == "Pedagogisch medewerker kinderopvang"
    assert all(isinstance(r, str) for r in d["reasons"])


def test_nothing_found_suggests_widening(register, fresh_db, catalogue):
    options = dict(crebo="25696", postcode="2011", radius_km=5, catalogue=catalogue, today=TODAY)
    assert count_matches(fresh_db, **options) == 0
    kinds = {w.kind: w for w in suggest_widening(fresh_db, **options)}
    assert "radius" in kinds and kinds["radius"].count >= 1
    assert list(kinds)[-1] == "school"


def test_no_crebo_means_every_programme(register):
    found = ids(register(postcode="3511", radius_km=1))
    assert "kok" in found and "centrum" in found
