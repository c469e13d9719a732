"""Russian incident cues (resources/ru/incidents.yaml), through the public functions.

Every sentence here was written for this test; none is copied from a report.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rankfile.extract as rx
from rankfile.extract.incidents import find_incidents
from rankfile.extract.text import split_sentences

LANG = "ru"


def incidents(text: str):
    return find_incidents(text, split_sentences(text, LANG), [], [], language=LANG)


def types_of(text: str) -> set[str]:
    return {t for inc in incidents(text) for t in inc.types}


TYPE_CASES = [
    ("physical_assault", "Сержант жестоко избил рядового за опоздание на построение."),
    ("physical_assault", "Офицер бил его прикладом по спине, пока тот не потерял сознание."),
    ("physical_assault", "Задержанных били ногами и дубинкой, у одного сломаны рёбра."),
    ("physical_assault", "Солдата пытали электрошокером в подвале штаба."),
    ("restraint_exposure", "Командир приказал привязать новобранца к дереву на всю ночь."),
    ("restraint_exposure", "Двоих мобилизованных приковали наручниками к столбу у казармы."),
    ("restraint_exposure", "Провинившихся раздели до трусов и оставили стоять на морозе несколько часов."),
    ("unlawful_confinement", "Отказавшихся воевать держали в яме под открытым небом."),
    ("unlawful_confinement", "Троих контрактников заперли в подвале заброшенной школы."),
    ("unlawful_confinement", "Бойцов, не выполнивших приказ, сажали в зиндан на несколько суток."),
    ("execution", "Командир роты расстрелял двоих солдат перед строем."),
    ("execution", "Мобилизованного застрелили свои же офицеры за попытку уйти с позиции."),
    ("execution", "Солдата забили до смерти в расположении части."),
    ("forced_combat", "Пленных солдат заставляли драться друг с другом на потеху офицерам."),
    ("sexual_violence", "Военный полицейский угрожал задержанному изнасилованием."),
    ("sexual_violence", "Следователи проверяют сообщения о сексуальном насилии в части."),
    ("extortion", "Командир взвода требовал с каждого бойца по 200 тысяч рублей за отпуск."),
    ("extortion", "Офицеры отбирали у солдат банковские карты с боевыми выплатами."),
    ("extortion", "Мобилизованных вынуждали платить за то, чтобы их не отправляли на передовую."),
    ("punitive_assignment", "Тех, кто жаловался, командир обнулял, отправляя на самые опасные участки."),
    ("punitive_assignment", "После ссоры с комбатом его перевели в штурмовую роту."),
    ("punitive_assignment", "Непокорных отправляли на верную смерть в мясные штурмы."),
    ("deprivation", "Раненого оставили без медицинской помощи на трое суток."),
    ("deprivation", "Командир запретил эвакуировать раненых с позиции."),
    ("deprivation", "Задержанных не кормили и не давали воды."),
    ("unfit_deployment", "Раненых бойцов с незажившими ранами отправили обратно на фронт."),
    ("unfit_deployment", "Солдат на костылях построили у штаба перед штурмом."),
    ("unfit_deployment", "Его вернули на передовую, не дав долечиться после контузии."),
    ("fratricide_order", "Командир приказал открыть огонь по своим отступающим бойцам."),
    ("fratricide_order", "За спинами штурмовиков стоял заградотряд."),
    ("fratricide_order", "Офицер пообещал стрелять по всем, кто попытается отступить."),
    ("psychological_abuse", "Командир угрожал солдату расстрелом, если тот не пойдёт в атаку."),
    ("psychological_abuse", "Офицер унижал подчинённых и заставлял их ползать по грязи."),
    ("hazing", "В учебной части процветала дедовщина."),
    ("hazing", "Старослужащие избивали призывников по ночам."),
    ("hazing", "Рядовой рассказал о неуставных отношениях в роте."),
    ("desertion", "Двое контрактников самовольно оставили часть и уехали домой."),
    ("desertion", "Против солдата возбудили дело о дезертирстве."),
    ("desertion", "За попытку сбежать из части его отправили на гауптвахту."),
    ("self_harm", "Отчаявшийся солдат прострелил себе ногу, чтобы не идти на штурм."),
    ("self_harm", "Мобилизованный покончил с собой после месяца издевательств."),
    ("surrender", "Трое военных сдались в плен украинским пограничникам."),
    ("surrender", "Солдат связался с проектом «Хочу жить» и перешёл на сторону противника."),
    ("complaint", "Мать солдата направила жалобу в военную прокуратуру."),
    ("complaint", "Жёны мобилизованных записали видеообращение к президенту."),
    ("complaint", "Семья обратилась к уполномоченному по правам человека."),
    ("prosecution", "Гарнизонный военный суд приговорил сержанта к трём годам колонии."),
    ("prosecution", "Против офицера возбудили уголовное дело о превышении полномочий."),
]


@pytest.mark.parametrize(("label", "sentence"), TYPE_CASES)
def test_type_is_found(label: str, sentence: str) -> None:
    assert label in types_of(sentence), (label, sentence, types_of(sentence))


def test_every_taxonomy_code_has_a_case() -> None:
    from rankfile.extract.incidents import incident_lexicon

    assert {label for label, _ in TYPE_CASES} == set(incident_lexicon(LANG).types)


@pytest.mark.parametrize("sentence", [
    "Бригада отбила атаку противника у реки и закрепилась на новых позициях.",
    "Его отец был убит на войне в Афганистане, а мать работает учительницей.",
    "Министр обороны провёл совещание о закупках обмундирования.",
    "Солдаты получили новые бронежилеты и прошли учения на полигоне.",
    "Эксперты обсуждали угрозу национальной безопасности со стороны НАТО.",
    "Офицеры связались с командованием по радио и доложили обстановку.",
])
def test_no_incident_in_ordinary_news(sentence: str) -> None:
    assert incidents(sentence) == []


def test_no_inflection_false_positive_inside_words() -> None:
    # "бил" must not fire inside "убил"/"отбил"; "командировка" is not a commander.
    text = "Генерал отбил атаку. Командировка офицера в Москву закончилась."
    assert incidents(text) == []


def test_specific_occurrence_is_an_incident() -> None:
    text = "Рядовой Игорь Сомов был избит сослуживцами в казарме под Белгородом."
    (inc,) = incidents(text)
    assert inc.kind == "incident"
    assert "physical_assault" in inc.types


def test_general_practice_is_a_pattern() -> None:
    text = "Правозащитники говорят, что в штурмовых частях солдат регулярно избивают за малейшую провинность."
    (inc,) = incidents(text)
    assert inc.kind == "pattern"


def test_continued_sentences_form_one_occurrence() -> None:
    text = ("На видео двое солдат стоят на коленях в снегу, привязанные к дереву. "
            "Их продержали там до утра без еды и воды. "
            "Затем командир пригрозил им расстрелом.")
    (inc,) = incidents(text)
    assert len(inc.evidence) == 3
    assert {"restraint_exposure", "deprivation", "psychological_abuse"} <= set(inc.types)


def test_new_occurrence_starts_a_new_group() -> None:
    text = ("Командир батальона избил солдата за отказ идти на штурм. "
            "В другом случае офицеры заперли троих мобилизованных в подвале.")
    found = incidents(text)
    assert len(found) == 2
    assert "physical_assault" in found[0].types
    assert "unlawful_confinement" in found[1].types


def test_paragraphs_are_separate_occurrences() -> None:
    text = ("Солдата жестоко избили в казарме после отбоя.\n\n"
            "Его мать подала жалобу в военную прокуратуру округа.")
    assert len(incidents(text)) == 2


@pytest.mark.parametrize(("role", "sentence"), [
    ("commander", "Командир роты избил рядового прикладом."),
    ("military_police", "Военная полиция избивала задержанных дубинками."),
    ("fellow_soldiers", "Сослуживцы избивали новобранца каждую ночь."),
    ("punishment_squad", "Бойцы «Ахмата» расстреляли отступавших мобилизованных."),
    ("punishment_squad", "Заградотряд открыл огонь по своим отступающим солдатам."),
])
def test_roles(role: str, sentence: str) -> None:
    roles = {r for inc in incidents(sentence) for r in inc.perpetrators.roles}
    assert role in roles, (sentence, roles)


def test_triggers_harms_evidence_caveats() -> None:
    text = ("На видео офицер избивает солдата за отказ идти на штурм; позже тот умер от побоев. "
            "Редакции не удалось независимо проверить эти сведения.")
    (inc,) = incidents(text)
    assert "refusing_order" in inc.triggers
    assert "death" in inc.harms
    assert "video" in inc.evidence_kinds
    assert "unverified" in inc.caveats


def test_victim_count_and_names() -> None:
    text = "В марте 2024 года 12 мобилизованных заперли в подвале, среди них Павел Сомов и Олег Ветров."
    (inc,) = incidents(text)
    assert inc.victims.count == 12
    assert inc.victims.names == ["Павел Сомов", "Олег Ветров"]


def test_end_to_end_extract() -> None:
    text = ("Под Авдеевкой командир взвода приказал привязать рядового Сергея Котова к дереву "
            "за отказ копать окопы. Его сестра обратилась в военную прокуратуру.")
    result = rx(text, language=LANG)
    assert result.language == LANG
    types = {t for inc in result.incidents for t in inc.types}
    assert "restraint_exposure" in types
    for inc in result.incidents:
        for ev in inc.evidence:
            assert text[ev.start:ev.end] == ev.text
        assert any(r.startswith("incidents.type:") for r in inc.rules)


WORDS = ["солдат", "командир", "избили", "в", "подвале", "за", "отказ", "жалобу", "привязали",
         "к", "дереву", "на", "фронт", "раненых", "отправили", "обратно", "и", "их", "видео"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS + [".", ",", "\n\n"]), max_size=60))
def test_evidence_is_always_an_exact_span(tokens: list[str]) -> None:
    text = " ".join(tokens)
    for inc in incidents(text):
        assert inc.types
        for ev in inc.evidence:
            assert text[ev.start:ev.end] == ev.text
