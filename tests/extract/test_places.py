"""Place recogniser: rules, traps, Cyrillic, ambiguity, offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.extract.places import country_of_adjective, find_places, resolve_place
from rankfile.records import PlaceMention


def places(text: str) -> dict[str, PlaceMention]:
    found = find_places(text)
    for pm in found:
        assert text[pm.start:pm.end] == pm.text == pm.location.text
        assert pm.rule.startswith("places")
    return {pm.text: pm for pm in found}


def test_compass_adjective_makes_an_area() -> None:
    pm = places("Two conscripts were punished in eastern Ukraine last winter.")["eastern Ukraine"]
    assert (pm.location.name, pm.location.country, pm.location.precision) == ("Ukraine", "UA", "area")


def test_adjective_with_front_word_is_the_country_as_area() -> None:
    for text, words in [
        ("He was sent back to the Ukrainian frontline within a week.", "Ukrainian frontline"),
        ("Recruits froze on the freezing Ukrainian front line.", "Ukrainian front line"),
        ("They returned to the front line in Ukraine after treatment.", "front line in Ukraine"),
    ]:
        pm = places(text)[words]
        assert (pm.location.country, pm.location.precision) == ("UA", "area"), text


def test_adjective_kind_of_place() -> None:
    pm = places("Men from the Russian region of Tuva were mobilised first.")["Russian region of Tuva"]
    assert (pm.location.name, pm.location.country, pm.location.precision) == ("Tuva", "RU", "region")


def test_direction() -> None:
    pm = places("The assault unit was losing men in the Kursk direction.")["Kursk direction"]
    loc = pm.location
    assert (loc.name, loc.country, loc.admin1, loc.precision) == ("Kursk", "RU", "Kursk Oblast", "direction")
    pm = places("Fighting continued on the Pokrovsk direction.")["Pokrovsk direction"]
    assert (pm.location.country, pm.location.precision) == ("UA", "direction")


def test_near() -> None:
    pm = places("The pit was dug near Avdiivka, a former officer said.")["near Avdiivka"]
    assert (pm.location.name, pm.location.country, pm.location.precision) == ("Avdiivka", "UA", "near")
    pm = places("Positions 10 km east of Kupiansk were shelled.")["east of Kupiansk"]
    assert pm.location.precision == "near"


def test_russian_federation_is_the_country() -> None:
    pm = places("Crimes committed on the territory of the Russian Federation go unpunished.")["Russian Federation"]
    assert (pm.location.country, pm.location.precision) == ("RU", "country")


def test_occupied_crimea_is_ukraine() -> None:
    pm = places("Conscripts were held in occupied Crimea for months.")["occupied Crimea"]
    assert pm.location.country == "UA"
    assert pm.location.name == "Crimea"


def test_region_suffix() -> None:
    pm = places("Villages in the Kursk region were evacuated.")["Kursk region"]
    assert (pm.location.name, pm.location.precision) == ("Kursk Oblast", "region")
    pm = places("He came home to Belgorod Oblast.")["Belgorod Oblast"]
    assert pm.location.country == "RU"


def test_demonyms_are_not_places() -> None:
    assert find_places("Russian soldiers beat Ukrainian prisoners and Syrian guards watched.") == []
    assert country_of_adjective("Ukrainian") == "UA"
    assert country_of_adjective("russian") == "RU"
    assert country_of_adjective("Iraqi") == "IQ"
    assert country_of_adjective("Purple") is None


def test_traps_are_not_places() -> None:
    text = (
        "Ilya Petrenko and Viktor Sokolov told the Kyiv Independent in May that Vladimir Putin "
        "had ignored the New York Times and Foreign Policy. The Mission said the Union and Wells "
        "were Independent. The Black Sea Fleet and the Wagner Group denied it."
    )
    assert [pm.text for pm in find_places(text)] == []


def test_units_and_outlets_with_place_names() -> None:
    text = "The Pskov division and the Moscow Times both reported that Kherson was shelled."
    assert list(places(text)) == ["Kherson"]


def test_small_villages_need_a_cue() -> None:
    # a settlement of a few hundred people is accepted after "village of", not alone
    assert "village of Krynky" in places("Marines crossed to the village of Krynky.")
    assert places("Robotyne, Krynky and Bakhmut were mentioned.")  # curated front-line places


def test_cyrillic_names() -> None:
    found = places("Бої тривали біля Авдіївка, а також у Курськ і Курск.")
    assert found["Авдіївка"].location.name == "Avdiivka"
    assert found["Курск"].location.country == "RU"


def test_ambiguous_names_prefer_ukraine_and_russia() -> None:
    assert places("Civilians fled Pokrovsk.")["Pokrovsk"].location.country == "UA"
    assert places("Shelling hit Donetsk again.")["Donetsk"].location.country == "UA"
    assert places("Troops left Lyman.")["Lyman"].location.admin1 == "Donetsk Oblast"


def test_syria_and_iraq_work_too() -> None:
    found = places("Strikes near Raqqa and in Mosul followed fighting in northern Syria and Aleppo.")
    assert found["near Raqqa"].location.country == "SY"
    assert found["Mosul"].location.country == "IQ"
    assert found["northern Syria"].location.precision == "area"
    assert found["Aleppo"].location.country == "SY"


def test_front_line_towns() -> None:
    text = ("Units rotated between Bakhmut, Chasiv Yar, Toretsk, Selydove, Vuhledar and Kupiansk; "
            "others were sent to Sudzha or as far as Spassk-Dalny.")
    found = places(text)
    for name in ("Bakhmut", "Chasiv Yar", "Toretsk", "Selydove", "Vuhledar", "Kupiansk", "Sudzha", "Spassk-Dalny"):
        assert found[name].location.name == name


def test_resolve_place() -> None:
    loc = resolve_place("Kursk direction")
    assert loc is not None and (loc.country, loc.precision, loc.text) == ("RU", "direction", "Kursk direction")
    loc = resolve_place("Курск")
    assert loc is not None and loc.name == "Kursk"
    loc = resolve_place("avdiivka")
    assert loc is not None and loc.country == "UA"
    assert resolve_place("nowhere at all") is None
    assert resolve_place("") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Kyiv Kursk near in the eastern Ukraine Авдіївка,.'-\n")) | st.characters(), max_size=200))
def test_random_text_never_crashes_and_offsets_match(text: str) -> None:
    for pm in find_places(text):
        assert 0 <= pm.start < pm.end <= len(text)
        assert text[pm.start:pm.end] == pm.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["in", "near", "the", "Kursk", "direction", "eastern", "Ukraine", "Ukrainian",
                                 "frontline", "village", "of", "Robotyne", "Chasiv", "Yar", "region", ",", "."]),
                max_size=30))
def test_word_soup_offsets_match(words: list[str]) -> None:
    text = " ".join(words)
    found = find_places(text)
    assert all(text[pm.start:pm.end] == pm.text for pm in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
