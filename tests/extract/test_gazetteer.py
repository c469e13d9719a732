"""The merged gazetteer: sources present, curated names win, cache round-trips."""

from __future__ import annotations

import pycountry
import pytest

from rankfile.extract import gazetteer
from rankfile.extract.gazetteer import name_key


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load()


def best(gaz: gazetteer.Gazetteer, name: str, country: str | None = None) -> gazetteer.Place:
    cands = [c for c in gaz.candidates(name_key(name)) if country is None or c.place.country == country]
    assert cands, name
    return max(cands, key=lambda c: (c.primary, c.place.population)).place


def test_name_key_folds_case_accents_and_punctuation() -> None:
    assert name_key("Kúrsk") == "kursk"
    assert name_key("Spassk-Dal'niy") == "spassk dal niy"
    assert name_key("  Chasiv   Yar ") == "chasiv yar"
    assert name_key("Авдіївка") == name_key("АВДІЇВКА")


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Ukraine", "UA", "country"),
        ("Russian Federation", "RU", "country"),
        ("Syria", "SY", "country"),
        ("Tuva", "RU", "region"),
        ("Buryatia", "RU", "region"),
        ("Dagestan", "RU", "region"),
        ("Kursk Oblast", "RU", "region"),
        ("Donbas", "UA", "area"),
        ("Crimea", "UA", "region"),
        ("Kyzyl", "RU", "city"),
        ("Aleppo", "SY", "city"),
        ("Mosul", "IQ", "city"),
    ],
)
def test_countries_regions_areas_and_cities(gaz: gazetteer.Gazetteer, name: str, country: str, kind: str) -> None:
    place = best(gaz, name, country)
    assert place.kind == kind


@pytest.mark.parametrize(
    "name",
    ["Avdiivka", "Bakhmut", "Robotyne", "Krynky", "Vuhledar", "Pokrovsk", "Kupiansk", "Chasiv Yar",
     "Toretsk", "Selydove", "Sudzha", "Spassk-Dalny"],
)
def test_front_line_places_have_current_spelling_and_region(gaz: gazetteer.Gazetteer, name: str) -> None:
    place = best(gaz, name)
    assert place.name == name
    assert place.country in {"UA", "RU"}
    assert place.admin1
    assert place.lat is not None and place.lon is not None


def test_old_and_cyrillic_spellings_point_to_the_same_place(gaz: gazetteer.Gazetteer) -> None:
    assert best(gaz, "Artemivsk", "UA").name == "Bakhmut"
    assert best(gaz, "Авдіївка", "UA").name == "Avdiivka"
    assert best(gaz, "Курск", "RU").name == "Kursk"


def test_every_ukrainian_and_russian_subdivision_has_an_english_region() -> None:
    curated = gazetteer.supplement()["regions"]
    for country in ("UA", "RU"):
        for sub in pycountry.subdivisions.get(country_code=country):
            assert sub.code in curated, sub.code


def test_settlements_get_english_region_names(gaz: gazetteer.Gazetteer) -> None:
    assert best(gaz, "Sudzha", "RU").admin1 == "Kursk Oblast"
    assert best(gaz, "Kyzyl", "RU").admin1 == "Tuva"
    assert best(gaz, "Kramatorsk", "UA").admin1 == "Donetsk Oblast"


def test_directions_name_their_country(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.directions[name_key("Kursk")] == "RU"
    assert gaz.directions[name_key("Pokrovsk")] == "UA"


def test_prefixes_cover_multiword_keys(gaz: gazetteer.Gazetteer) -> None:
    assert "chasiv" in gaz.prefixes
    assert "kursk" in gaz.prefixes  # "kursk oblast"


def test_cache_round_trip(tmp_path, monkeypatch, gaz: gazetteer.Gazetteer) -> None:
    path = tmp_path / "g.pickle"
    gazetteer._save(gaz, path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gazetteer.cache_dir() == tmp_path / "rankfile"
    (tmp_path / "rankfile").mkdir()
    path.rename(tmp_path / "rankfile" / f"gazetteer-{gazetteer.fingerprint()}.pickle")
    gazetteer.load.cache_clear()
    try:
        again = gazetteer.load()
        assert len(again) == len(gaz)
        assert again.keys == gaz.keys
    finally:
        gazetteer.load.cache_clear()
