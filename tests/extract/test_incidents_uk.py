"""Ukrainian incident cues (resources/uk/incidents.yaml), through the public functions.

Every sentence here was written for this test; none is copied from a report.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rankfile.extract as rx
from rankfile.extract.incidents import find_incidents, incident_lexicon
from rankfile.extract.text import split_sentences

LANG = "uk"


def incidents(text: str):
    return find_incidents(text, split_sentences(text, LANG), [], [], language=LANG)


def types_of(text: str) -> set[str]:
    return {t for inc in incidents(text) for t in inc.types}


TYPE_CASES = [
    ("physical_assault", "Сержант жорстоко побив рядового за запізнення на шикування."),
    ("physical_assault", "Офіцер бив його прикладом по спині, поки той не знепритомнів."),
    ("physical_assault", "Затриманих били ногами й гумовим кийком у казармі."),
    ("restraint_exposure", "Командир наказав прив'язати новобранця до дерева на всю ніч."),
    ("restraint_exposure", "Двох мобілізованих прикували наручниками до стовпа біля казарми."),
    ("unlawful_confinement", "Тих, хто відмовився воювати, тримали в ямі просто неба."),
    ("unlawful_confinement", "Трьох контрактників замкнули в підвалі покинутої школи."),
    ("execution", "Командир роти розстріляв двох солдатів перед строєм."),
    ("execution", "Мобілізованого застрелили власні офіцери за спробу покинути позицію."),
    ("forced_combat", "Полонених солдатів змушували битися між собою на потіху офіцерам."),
    ("sexual_violence", "Військовий поліцейський погрожував затриманому зґвалтуванням."),
    ("extortion", "Командир взводу вимагав з кожного бійця по 200 тисяч рублів за відпустку."),
    ("extortion", "Офіцери відбирали в солдатів банківські картки з бойовими виплатами."),
    ("punitive_assignment", "Тих, хто скаржився, командир обнуляв і відправляв на найнебезпечніші ділянки."),
    ("punitive_assignment", "Після сварки з комбатом його перевели в штурмову роту."),
    ("deprivation", "Пораненого залишили без медичної допомоги на три доби."),
    ("deprivation", "Затриманих годують раз на день і не дають їм води."),
    ("unfit_deployment", "Поранених бійців з незагоєними ранами відправили назад на фронт."),
    ("unfit_deployment", "Солдат на милицях вишикували біля штабу перед штурмом."),
    ("fratricide_order", "Командир наказав відкрити вогонь по своїх бійцях, які відступали."),
    ("fratricide_order", "За спинами штурмовиків стояв загороджувальний загін."),
    ("psychological_abuse", "Командир погрожував солдатові розстрілом, якщо той не піде в атаку."),
    ("psychological_abuse", "Офіцер принижував підлеглих і змушував їх повзати по багнюці."),
    ("hazing", "У навчальній частині процвітала дідівщина серед новобранців."),
    ("desertion", "Двоє контрактників самовільно залишили частину й поїхали додому."),
    ("desertion", "Проти солдата відкрили справу про СЗЧ після відпустки."),
    ("self_harm", "Зневірений солдат прострелив собі ногу, щоб не йти на штурм."),
    ("surrender", "Троє військових здалися в полон українським прикордонникам."),
    ("complaint", "Мати солдата надіслала скаргу до військової прокуратури."),
    ("complaint", "Дружини мобілізованих записали відеозвернення до президента."),
    ("prosecution", "Гарнізонний військовий суд засудив сержанта до трьох років колонії."),
    ("prosecution", "Проти офіцера відкрили кримінальне провадження за перевищення повноважень."),
]


@pytest.mark.parametrize(("label", "sentence"), TYPE_CASES)
def test_type_is_found(label: str, sentence: str) -> None:
    assert label in types_of(sentence), (label, sentence, types_of(sentence))


def test_every_taxonomy_code_has_a_case() -> None:
    assert {label for label, _ in TYPE_CASES} == set(incident_lexicon(LANG).types)


@pytest.mark.parametrize("sentence", [
    "Бригада відбила атаку противника біля річки й закріпилася на нових позиціях.",
    "Міністр оборони провів нараду щодо закупівлі нового обмундирування для армії.",
    "Солдати отримали нові бронежилети та пройшли навчання на полігоні.",
    "Аналітики обговорювали стратегію оборони на наступний рік.",
])
def test_no_incident_in_ordinary_news(sentence: str) -> None:
    assert incidents(sentence) == []


def test_apostrophe_variants() -> None:
    for apostrophe in ("'", "’", "ʼ"):
        text = f"Командир наказав прив{apostrophe}язати рядового до дерева на всю ніч."
        assert "restraint_exposure" in types_of(text)


def test_incident_and_pattern() -> None:
    specific = "Рядового Ігоря Сомова побили співслужбовці в казармі під Бєлгородом."
    general = "Правозахисники кажуть, що в штурмових частинах солдатів регулярно б'ють за найменшу провину."
    assert [i.kind for i in incidents(specific)] == ["incident"]
    assert [i.kind for i in incidents(general)] == ["pattern"]


def test_continued_sentences_form_one_occurrence() -> None:
    text = ("На відео двоє солдатів стоять на колінах у снігу, прив'язані до дерева. "
            "Їх протримали там до ранку без їжі та води. "
            "Потім командир пригрозив їм розстрілом.")
    (inc,) = incidents(text)
    assert len(inc.evidence) == 3
    assert {"restraint_exposure", "deprivation", "psychological_abuse"} <= set(inc.types)


def test_new_occurrence_starts_a_new_group() -> None:
    text = ("Командир батальйону побив солдата за відмову йти на штурм. "
            "В іншому випадку офіцери замкнули трьох мобілізованих у підвалі.")
    assert len(incidents(text)) == 2


@pytest.mark.parametrize(("role", "sentence"), [
    ("commander", "Командир роти побив рядового прикладом на очах у взводу."),
    ("military_police", "Військова поліція била затриманих кийками щовечора."),
    ("fellow_soldiers", "Співслужбовці били новобранця щоночі в казармі."),
])
def test_roles(role: str, sentence: str) -> None:
    roles = {r for inc in incidents(sentence) for r in inc.perpetrators.roles}
    assert role in roles, (sentence, roles)


def test_victim_count_and_names() -> None:
    text = "У березні 2024 року 12 мобілізованих замкнули в підвалі, серед них Павло Сомов і Олег Вітров."
    (inc,) = incidents(text)
    assert inc.victims.count == 12
    assert inc.victims.names == ["Павло Сомов", "Олег Вітров"]


def test_end_to_end_extract() -> None:
    text = ("Під Роботиним командир взводу наказав прив'язати рядового Сергія Котова до дерева "
            "за відмову копати окопи. Його сестра звернулася до військової прокуратури.")
    result = rx(text, language=LANG)
    types = {t for inc in result.incidents for t in inc.types}
    assert "restraint_exposure" in types
    for inc in result.incidents:
        for ev in inc.evidence:
            assert text[ev.start:ev.end] == ev.text


WORDS = ["солдата", "командир", "побили", "в", "підвалі", "за", "відмову", "скаргу", "прив'язали",
         "до", "дерева", "на", "фронт", "поранених", "відправили", "назад", "і", "їх", "відео"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS + [".", ",", "\n\n"]), max_size=60))
def test_evidence_is_always_an_exact_span(tokens: list[str]) -> None:
    text = " ".join(tokens)
    for inc in incidents(text):
        for ev in inc.evidence:
            assert text[ev.start:ev.end] == ev.text
