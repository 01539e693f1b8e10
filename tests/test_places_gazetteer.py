"""Place names to countries and coordinates."""

from __future__ import annotations

import pytest

from dragoman.places.gazetteer import Gazetteer, Place, normalise_name


def small_gazetteer() -> Gazetteer:
    """A hand-made table: two Tripolis, a country that is also a US state."""
    places = [
        Place("Lebanon", "LBN", 33.87, 35.53, "country"),
        Place("Libya", "LBY", 29.0, 17.0, "country"),
        Place("Georgia", "GEO", 41.84, 43.92, "country"),
        Place("United States", "USA", 37.4, -93.3, "country"),
        Place("Tripoli", "LBY", 32.89, 13.19, "city", 1_300_000),
        Place("Tripoli", "LBN", 34.43, 35.84, "city", 230_000),
        Place("Georgia", "USA", 33.38, -83.98, "state"),
        Place("Damascus", "SYR", 33.51, 36.29, "city", 1_570_000),
        Place("Damascus", "USA", 39.29, -77.2, "city", 15_000),
    ]
    names: dict[str, tuple[int, ...]] = {}
    for i, place in enumerate(places):
        key = normalise_name(place.name)
        names[key] = (*names.get(key, ()), i)
    names["us"] = (3,)
    return Gazetteer(names, [tuple(p) for p in places])


def test_gazetteer_normalise_name():
    assert normalise_name("the Gaza Strip") == "gaza strip"
    assert normalise_name("U.S.") == "us"
    assert normalise_name("Saná'a") == "sana'a"


def test_gazetteer_prefers_article_countries():
    gaz = small_gazetteer()
    assert gaz.lookup("Tripoli").country == "LBY"
    assert gaz.lookup("Tripoli", {"LBN"}).country == "LBN"
    assert gaz.lookup("Georgia").kind == "country"
    assert gaz.lookup("Georgia", {"USA"}).kind == "state"
    assert gaz.lookup("Georgia", {"USA": 0.2, "GEO": 0.1}).kind == "country"


def test_gazetteer_small_towns_never_beat_capitals():
    assert small_gazetteer().lookup("Damascus", {"USA": 1.0}).country == "SYR"


def test_gazetteer_regions_keep_their_name():
    place = small_gazetteer().lookup("south Lebanon")
    assert place == Place("south Lebanon", "LBN", 33.87, 35.53, "region", 0)


def test_gazetteer_aliases_and_unknowns():
    gaz = small_gazetteer()
    assert gaz.lookup("U.S.").name == "United States"
    assert gaz.lookup("Atlantis") is None
    kremlin = gaz.lookup("the Kremlin")
    assert (kremlin.name, kremlin.country, kremlin.kind) == ("the Kremlin", "RUS", "landmark")
    assert gaz.country("LBN").lat == 33.87
    assert gaz.country(None) is None


@pytest.mark.slow
def test_gazetteer_real_table():
    from dragoman.places.gazetteer import load

    gaz = load()
    assert gaz.lookup("Damascus").country == "SYR"
    assert gaz.lookup("Kiev").country == "UKR"
    assert gaz.lookup("the West Bank").country == "PSE"
    assert gaz.lookup("Iowa").country == "USA"
    assert gaz.lookup("Washington").kind == "city"
    assert gaz.lookup("White House").lat == pytest.approx(38.9, abs=0.1)
    assert gaz.lookup("northern Syria").name == "northern Syria"
    for iso3 in ("LBN", "RUS", "USA", "FJI"):
        centre = gaz.country(iso3)
        assert centre is not None and centre.lat is not None
