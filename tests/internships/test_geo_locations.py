import pytest

from internships import UnknownLocation, resolve_location
from internships.geo import bounding_box, haversine_km, normalise_postcode


@pytest.mark.parametrize("text", ["3525", "3525 AB", "3525ab", " 3525AB "])
def test_postcode_resolves_to_pc4(text):
    loc = resolve_location(text)
    assert loc.pc4 == "3525"
    assert loc.place == "Utrecht"


@pytest.mark.parametrize(
    "text, place",
    [("Utrecht", "Utrecht"), ("utrecht", "Utrecht"), ("den haag", "Den Haag"),
     ("'s-Gravenhage", "Den Haag"), ("Den Bosch", "'s-Hertogenbosch"),
     ("s-hertogenbosch", "'s-Hertogenbosch"), ("Amsterdm", "Amsterdam")],
)
def test_place_names_resolve(text, place):
    assert resolve_location(text).place == place


def test_place_resolves_to_its_centre():
    loc = resolve_location("Utrecht")
    assert 52.0 < loc.lat < 52.15 and 5.0 < loc.lon < 5.2


@pytest.mark.parametrize("text", ["", "0123", "1000", "Atlantis", "12"])
def test_unknown_locations_raise_dutch_message(text):
    with pytest.raises(UnknownLocation) as exc:
        resolve_location(text)
    assert "postcode" in exc.value.message


def test_haversine_utrecht_amsterdam():
    u, a = resolve_location("3511"), resolve_location("1011")
    assert 33 < haversine_km(u.lat, u.lon, a.lat, a.lon) < 38


def test_bounding_box_contains_circle():
    lat, lon = 52.09, 5.12
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, 25)
    assert haversine_km(lat, lon, max_lat, lon) == pytest.approx(25, rel=1e-3)
    assert haversine_km(lat, lon, lat, max_lon) >= 25


@pytest.mark.parametrize("raw, clean", [("3525ab", "3525 AB"), ("3525 AB", "3525 AB"),
                                        ("0525 AB", None), ("3525 SS", None), ("3525", None)])
def test_normalise_postcode(raw, clean):
    assert normalise_postcode(raw) == clean
