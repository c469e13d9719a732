"""Rules added with the third development batch (tests/gold/dev/dev_c*): each is general,
so each is tested here on our own short sentences, through the public functions."""

from __future__ import annotations

from rankfile.extract.pipeline import extract
from rankfile.extract.places import find_places
from rankfile.records import Extraction, Incident


def only_incident(result: Extraction) -> Incident:
    assert len(result.incidents) == 1, result.incidents
    return result.incidents[0]


def source_names(text: str, language: str = "en") -> list[str]:
    return [s.name for s in extract(text, language=language).sources_cited]


# --------------------------------------------------------------------------- victims


def test_russian_and_ukrainian_number_words_count_victims() -> None:
    ru = extract("Осенью командиры избили и заперли в подвале троих мобилизованных из Самары.", language="ru")
    assert only_incident(ru).victims.count == 3
    uk = extract("Командир роти побив прикладом двох бійців свого взводу біля бліндажа.", language="uk")
    assert only_incident(uk).victims.count == 2


def test_singular_object_and_companion_count_one_or_two() -> None:
    ru = extract("Летом командир батальона застрелил рядового, который отказался идти в атаку.", language="ru")
    assert only_incident(ru).victims.count == 1
    en = extract("A recruit and his friend were locked in a cellar for three days by an officer.", language="en")
    assert only_incident(en).victims.count == 2


def test_number_after_according_to_counts_witnesses_not_victims() -> None:
    ru = extract("По словам трёх его сослуживцев, командир роты застрелил рядового у блиндажа.", language="ru")
    assert only_incident(ru).victims.count == 1


# --------------------------------------------------------------------------- sources


def test_russian_and_ukrainian_outlets_and_agencies_are_credited() -> None:
    assert "Get Lost" in source_names("Как сообщили в проекте «Идите лесом», жалоб стало больше.", "ru")
    assert "Sibir.Realii" in source_names("Мать солдата рассказала изданию «Сибирь.Реалии» о побоях.", "ru")
    assert "State Bureau of Investigation (DBR)" in source_names(
        "У Державному бюро розслідувань підтвердили, що провадження відкрито.", "uk")


def test_imperfective_verbs_and_adverbs_before_them_credit_a_person() -> None:
    assert any("Петренко" in n for n in source_names(
        "Омбудсман Олена Петренко раніше повідомляла про сотні скарг від військових.", "uk"))


def test_data_provided_by_and_press_service_are_credits() -> None:
    assert "Ministry of Defence" in " ".join(source_names(
        "According to data provided by the Ministry of Defence, 20 soldiers died in training."))
    assert "court's press service" in source_names(
        "The officer was jailed for four years, the court's press service said.")


def test_adjective_before_an_outlet_noun_is_not_the_source() -> None:
    assert source_names("The story was first reported by the Siberian outlet Lyudi Baikala.") == ["Lyudi Baikala"]


# --------------------------------------------------------------------------- incident cues


def test_new_english_cues() -> None:
    cases = {
        "The two conscripts were held in the guardhouse for a week without any order.": "unlawful_confinement",
        "Grom had us taken to a hole behind the trench line.": "unlawful_confinement",
        "The private was struck repeatedly in the face by his platoon sergeant.": "physical_assault",
        "The colonel refused to let the medics evacuate four wounded men from the position.": "deprivation",
        "Wounded infantrymen are routinely left where they fell for days.": "deprivation",
        "Commanders send offenders on missions with no way back, former fighters say.": "punitive_assignment",
        "He ordered his men to fire on soldiers from a neighbouring company who were retreating.": "fratricide_order",
        "The families have written to the military prosecutor and to the ombudsman.": "complaint",
    }
    for sentence, label in cases.items():
        assert label in only_incident(extract(sentence, language="en")).types, sentence


def test_russian_and_ukrainian_cues_with_adjectives_and_money_in_words() -> None:
    ru = extract("На видео солдат держат в металлической клетке у штаба полка.", language="ru")
    assert "unlawful_confinement" in only_incident(ru).types
    uk = extract("Командир вимагав по тридцять тисяч гривень з кожного бійця роти.", language="uk")
    assert "extortion" in only_incident(uk).types
    uk2 = extract("Бійці передавали командирам гроші, щоб не потрапити на штурм.", language="uk")
    assert "extortion" in only_incident(uk2).types


def test_amount_in_thousands_is_not_a_pattern_cue() -> None:
    ru = extract("Командир потребовал от сына 300 тысяч рублей за отпуск.", language="ru")
    assert only_incident(ru).kind == "incident"


def test_charged_person_and_both_men_are_specific() -> None:
    assert only_incident(extract("Police opened criminal proceedings; the corporal has been charged.")).kind == "incident"
    assert only_incident(extract("Both men say guards beat them with a truncheon at night.")).kind == "incident"


def test_corporals_and_soldiers_of_the_older_call_are_fellow_soldiers() -> None:
    inc = only_incident(extract("New recruits are humiliated and beaten by soldiers of the older call."))
    assert "fellow_soldiers" in inc.perpetrators.roles
    inc = only_incident(extract("A corporal beat two recruits with a belt in the barracks."))
    assert "fellow_soldiers" in inc.perpetrators.roles


# --------------------------------------------------------------------------- dates and places


def test_mobilisation_date_is_background_not_the_event() -> None:
    en = extract("Her son, mobilised in October 2022, was tied to a tree in March 2024.")
    assert only_incident(en).date.start == "2024-03-01"
    ru = extract("Сына, мобилизованного осенью 2022 года, избили в марте 2024 года.", language="ru")
    assert only_incident(ru).date.start == "2024-03-01"


def test_a_date_with_a_value_beats_one_without() -> None:
    uk = extract("Наступного дня, 14 травня 2024 року, командир побив його прикладом.", language="uk")
    assert only_incident(uk).date.start == "2024-05-14"


def test_russian_and_ukrainian_places_in_other_cases() -> None:
    names = {p.location.name for p in find_places("под Авдеевкой и в Белгородской области", "ru")}
    assert {"Avdiivka", "Belgorod Oblast"} <= names
    [p] = find_places("на Покровському напрямку", "uk")
    assert (p.location.name, p.location.precision) == ("Pokrovsk", "direction")
    assert {p.location.name for p in find_places("в Ростове-на-Дону", "ru")} == {"Rostov-on-Don"}


def test_place_word_inside_an_outlet_name_is_not_a_place() -> None:
    result = extract("Мать рассказала изданию «Сибирь.Реалии», что сына избили под Авдеевкой.", language="ru")
    assert only_incident(result).location.name == "Avdiivka"


def test_where_a_soldier_comes_from_is_not_where_it_happened() -> None:
    result = extract("A mobilised soldier from Kyzyl was tied to a tree in the Zaporizhzhia region.")
    assert only_incident(result).location.name == "Zaporizhzhia Oblast"


# --------------------------------------------------------------------------- claims


def test_compared_figure_counts_the_same_thing() -> None:
    claims = extract("The office received 512 complaints this year, against 430 the year before.").claims
    assert {(c.value, c.measure) for c in claims} >= {(512, "complaints"), (430, "complaints")}


def test_respondents_who_said_something_are_counted() -> None:
    claims = extract("Of the veterans we interviewed, 37 said they had seen executions.").claims
    assert 37 in {c.value for c in claims}


def test_russian_partitive_and_appeal_nouns() -> None:
    claims = extract("Проект получил 700 обращениях от штурмовиков; 12 из них касались побоев.", language="ru").claims
    values = {c.value: c.measure for c in claims}
    assert values.get(700) == "appeals" and 12 in values
