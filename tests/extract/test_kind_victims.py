"""Rules for the two weakest fields, kind (incident or pattern) and victim counts: each is
general, so each is tested here on our own short sentences, through the public functions."""

from __future__ import annotations

from datetime import date

from rankfile.extract.dates import find_dates
from rankfile.extract.pipeline import extract
from rankfile.records import Extraction, Incident

PUBLISHED = date(2025, 3, 10)


def only_incident(result: Extraction) -> Incident:
    assert len(result.incidents) == 1, result.incidents
    return result.incidents[0]


def kind_of(text: str, language: str = "en") -> str:
    return only_incident(extract(text, published=PUBLISHED, language=language)).kind


# --------------------------------------------------------------------------- kind


def test_a_whole_year_or_a_long_span_does_not_make_a_single_incident() -> None:
    assert kind_of("In 2023 military courts convicted officers of beating subordinates under the abuse-of-authority article.") == "pattern"
    assert kind_of("Between March and November 2023 officers beat subordinates with rifle butts in the brigade.") == "pattern"
    # a month, a season or "early 2024" is still one point in time
    assert kind_of("In March 2023 officers beat subordinates with rifle butts in the brigade.") == "incident"
    assert kind_of("In early 2024 officers beat subordinates with rifle butts in the brigade.") == "incident"


def test_since_a_date_is_an_ongoing_practice() -> None:
    assert kind_of("Since May 2024 the officers of the regiment have beaten subordinates with rifle butts.") == "pattern"


def test_shares_and_tallies_of_a_group_are_a_pattern() -> None:
    assert kind_of("Close to half of them, the lawyer said, were beaten by their commanders.") == "pattern"
    assert kind_of("Of the 40 deserters interviewed by the group, 12 said officers had beaten them.") == "pattern"


def test_a_soldier_in_general_is_a_pattern() -> None:
    assert kind_of("A soldier who drinks can be locked in a cellar for a week by his commander.") == "pattern"


def test_one_procedural_act_is_an_incident() -> None:
    assert kind_of("Investigators opened criminal proceedings over the beating of subordinates by a captain.") == "incident"
    assert kind_of("Следователи возбудили уголовное дело об избиении подчинённых командиром роты.", "ru") == "incident"


# --------------------------------------------------------------------------- victims


def victims_of(text: str, language: str = "en") -> int | None:
    return only_incident(extract(text, published=PUBLISHED, language=language)).victims.count


def test_counts_written_as_words() -> None:
    assert victims_of("On 3 March officers locked about fifteen soldiers in a cellar near the village.") == 15
    assert victims_of("On 3 March officers locked sixty mobilised men in a cellar near the village.") == 60
    assert victims_of("On 3 March officers locked twenty-five conscripts in a cellar near the village.") == 25
    assert victims_of("On 3 March officers locked a dozen or so soldiers in a cellar near the village.") == 12


def test_first_person_and_others() -> None:
    assert victims_of("On 3 March the sergeants beat me and two others with a shovel handle behind the barracks.") == 3


def test_a_relative_who_serves_is_one_victim() -> None:
    assert victims_of("On 3 March two men from the commander's group beat my son with a shovel handle.") == 1
    assert victims_of("According to the complaint, her husband was struck repeatedly in the face by a sergeant on 3 March.") == 1


def test_a_sentence_passed_on_him_is_one_victim() -> None:
    assert victims_of("On 3 March the garrison court convicted him of desertion and sentenced him to five years in a penal colony.") == 1


# --------------------------------------------------------------------------- dates in chat writing


def test_lower_case_month_abbreviations_are_months() -> None:
    found = [(d.text, d.value.month) for d in find_dates("my brother was beaten in sept and again on 3 oct", published=PUBLISHED)]
    assert found == [("sept", 9), ("3 oct", 10)]
    # a capitalised bare abbreviation can still be a name; "march" and "may" stay verbs
    assert find_dates("They wrote to Jan Novak.", published=PUBLISHED) == []
    assert find_dates("they may march to the base", published=PUBLISHED) == []


def test_more_victim_nouns() -> None:
    assert victims_of("On 3 March the commander refused to let the medic evacuate three wounded infantrymen.") == 3
    assert victims_of("On 3 March one guy in the company was beaten by the sergeant with a shovel.") == 1


def test_a_count_that_speaks_is_not_the_doers() -> None:
    assert victims_of("Both men say the guards beat them with a rubber truncheon during the night checks.") == 2


def test_one_victim_picked_out_or_named_by_role() -> None:
    assert victims_of("On 3 March the company was punished; one of them was beaten so badly he could not walk.") == 1
    assert victims_of("On 3 March the conscript was beaten by two sergeants in the barracks.") == 1


# --------------------------------------------------------------------------- sources met on the way


def source_names(text: str, language: str = "en") -> list[str]:
    return [s.name for s in extract(text, language=language).sources_cited]


def test_a_name_in_the_narrators_party_is_not_a_source() -> None:
    assert source_names("Me and my friend Kolya said we would go only if they gave us a drone operator.") == []
    assert source_names("Kolya and I said we would not go without a drone operator.") == []
    assert source_names("The lawyer Ivan Petrov said the commander beat the soldier.") == ["Ivan Petrov"]


def test_an_official_body_with_lower_case_words_is_a_source() -> None:
    names = source_names("В пресс-службе Центрального военного округа сообщили, что проверка по факту избиения идёт.", "ru")
    assert names == ["пресс-службе Центрального военного округа"]
    # without a reported statement it is only a mention
    assert source_names("Пресс-служба Центрального военного округа на вопросы не ответила.", "ru") == []


def test_a_count_picked_out_of_a_group() -> None:
    assert victims_of("On 3 March a sergeant ordered two of the men to fight each other in the cage.") == 2
