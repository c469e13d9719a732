"""Rules added with the fourth development batch (tests/gold/dev/dev_d*, held out first): each
is general, so each is tested here on our own short sentences, through the public functions."""

from __future__ import annotations

from datetime import date

from rankfile.extract.dates import find_dates
from rankfile.extract.pipeline import extract
from rankfile.extract.places import find_places
from rankfile.records import Extraction, Incident


def only_incident(result: Extraction) -> Incident:
    assert len(result.incidents) == 1, result.incidents
    return result.incidents[0]


def types_of(text: str, language: str = "en") -> set[str]:
    return {t for inc in extract(text, language=language).incidents for t in inc.types}


def source_names(text: str, language: str = "en") -> list[str]:
    return [s.name for s in extract(text, language=language).sources_cited]


def claims_of(text: str, language: str = "en") -> list[tuple[float, str | None, str | None]]:
    return [(c.value, c.qualifier, c.measure) for c in extract(text, language=language).claims]


# --------------------------------------------------------------------------- incident cues


def test_a_suspended_sentence_is_not_a_suspension() -> None:
    assert "restraint_exposure" not in types_of("The military court gave the deserter a suspended sentence of two years.")
    assert "restraint_exposure" in types_of("The sergeant had the private suspended by his wrists from a beam all night.")


def test_tied_to_a_described_tree_or_post() -> None:
    assert "restraint_exposure" in types_of("Officers tied the recruit to an old oak tree for a whole night in the rain.")


def test_weapon_with_an_adjective_but_not_a_count_of_tools() -> None:
    assert "physical_assault" in types_of("The company sergeant hit the conscript with a wooden club until he fell.")
    assert not types_of("The platoon was sent to dig trenches with two shovels between ten men.")


def test_broke_a_mans_nose_and_kept_cuffed() -> None:
    assert "physical_assault" in types_of("In spring the deputy commander broke a private's nose during the morning parade.")
    assert "restraint_exposure" in types_of("The soldier was kept cuffed outside the barracks for the whole night.")


def test_ordered_to_fight_each_other() -> None:
    assert "forced_combat" in types_of("An instructor made three conscripts fight each other while the others watched.")


def test_munitions_dropped_on_own_men() -> None:
    assert "fratricide_order" in types_of("The colonel told a drone team to drop grenades on their own infantry as it fell back.")


def test_kept_without_evacuation() -> None:
    assert "deprivation" in types_of("Five wounded men lay in a dugout for three days without evacuation after the order.")


def test_walked_out_of_the_unit_is_desertion() -> None:
    assert "desertion" in types_of("Two days after the beating the private walked out of his unit and went home.")


def test_beaten_by_senior_conscripts_is_hazing() -> None:
    assert "hazing" in types_of("Last winter a recruit was beaten by three senior conscripts in the barracks at night.")


def test_russian_present_tense_beating_with_a_stool_and_hazing() -> None:
    found = types_of("Старослужащие забирают у новобранцев деньги и по ночам бьют их табуретом.", "ru")
    assert {"physical_assault", "hazing"} <= found


# --------------------------------------------------------------------------- victims and roles


def test_singular_blocking_detachment_is_a_punishment_squad() -> None:
    inc = only_incident(extract("A private who retreated was shot dead by a blocking detachment near the river."))
    assert "punishment_squad" in inc.perpetrators.roles


def test_abbreviated_commander_and_informal_victim_noun() -> None:
    inc = only_incident(extract("the coy cmdr locked 4 guys in a pit behind the HQ for two days."))
    assert "commander" in inc.perpetrators.roles
    assert inc.victims.count == 4


def test_had_beaten_him_counts_one_victim() -> None:
    inc = only_incident(extract("The evening before, two officers had beaten him with their fists in the mess."))
    assert inc.victims.count == 1


# --------------------------------------------------------------------------- dates


def test_a_dateline_resolves_relative_dates_and_is_not_the_event_date() -> None:
    text = ("KHARKIV, June 20, 2025 (Wire) - A conscript was beaten by his platoon commander last month, "
            "his mother said on Monday.")
    mentions = find_dates(text)
    assert mentions[0].rule == "dates.dateline"
    last_month = next(m for m in mentions if m.text == "last month")
    assert (last_month.value.start, last_month.value.end) == ("2025-05-01", "2025-05-31")
    inc = only_incident(extract(text))
    assert inc.date is not None and inc.date.start == "2025-05-01"


def test_an_opening_date_without_dash_is_no_dateline() -> None:
    mentions = find_dates("On June 20, 2025 a conscript was beaten. Last month another one fled.")
    assert all(m.rule != "dates.dateline" for m in mentions)
    assert find_dates("Last month a soldier fled.", published=date(2025, 6, 20))[0].value.start == "2025-05-01"


# --------------------------------------------------------------------------- places


def test_the_region_written_after_a_village_picks_its_namesake() -> None:
    ru = find_places("Их держали в яме у села Первомайское Донецкой области.", "ru")
    assert ru[0].location.admin1 == "Donetsk Oblast"
    en = find_places("The men were kept in a cellar in Pervomaisk, Luhansk region, for a week.")
    assert en[0].location.admin1 == "Luhansk Oblast"


def test_where_victims_come_from_yields_to_the_place_just_named() -> None:
    text = ("The next case happened near Bakhmut. In March 2023 two conscripts from the Tula region "
            "were locked in a cellar by their commander for a week.")
    inc = only_incident(extract(text))
    assert inc.location is not None and inc.location.name == "Bakhmut"


# --------------------------------------------------------------------------- sources


def test_ukrainian_neuter_verbs_adverbs_and_the_prosecutor_generals_office() -> None:
    assert "State Bureau of Investigation (DBR)" in source_names(
        "Державне бюро розслідувань повідомило про підозру командиру взводу.", "uk")
    assert any("Коваленко" in n for n in source_names(
        "Омбудсман Петро Коваленко неодноразово заявляв про побиття у військових частинах.", "uk"))
    assert "Office of the Prosecutor General of Ukraine" in source_names(
        "За даними Офісу Генерального прокурора, справ стало більше.", "uk")


def test_a_quoted_name_after_an_outlet_or_body_noun() -> None:
    assert "Новый Вестник" in source_names("Мать солдата рассказала изданию «Новый Вестник» о побоях.", "ru")
    assert "Право и долг" in source_names(
        "Правозащитная организация «Право и долг» сообщает о новых жалобах из части.", "ru")
    assert source_names("Солдаты жили в палатках у посёлка «Лесной».", "ru") == []


def test_one_surname_in_two_cases_is_one_source() -> None:
    names = source_names("Мать солдата Ирина Ахметова рассказала о побоях. По словам Ахметовой, сын плакал.", "ru")
    assert len(names) == 1 and "Ахметова" in names[0]


def test_a_pseudonym_note_does_not_part_name_and_verb() -> None:
    names = source_names('Oleg Markin (not his real name), a former guard, told reporters that men were beaten.')
    assert "Oleg Markin" in names


def test_told_after_a_comma_names_the_listener() -> None:
    result = extract("The ombudsman, Irina Volkova, told the regional parliament that 1,200 complaints arrived in 2024.")
    assert [c.attributed_to for c in result.claims] == ["Irina Volkova"]


def test_a_figure_credited_keeps_the_acronym_written_after_the_name() -> None:
    result = extract("The Institute for the Study of War (ISW) estimated that 3,000 soldiers deserted in May.")
    assert result.claims[0].attributed_to == "Institute for the Study of War (ISW)"


def test_a_lone_common_word_is_not_a_source() -> None:
    assert source_names("The Office considers the detention unlawful and has written to the commander.") == []


# --------------------------------------------------------------------------- claims


def test_measurements_and_populations_are_not_figures() -> None:
    assert claims_of("Recruits travel more than 2,000 kilometres to the front line.") == []
    assert claims_of("The town, home to some 150,000 people, lost its factory.") == []


def test_elliptic_counts_written_as_words() -> None:
    assert claims_of("How many cases this month? About twenty.") == [(20, "about", None)]
    assert (40, "at least", None) in claims_of("Since the war began, forty, maybe a few more.")
    assert claims_of("He was about fifteen.") == []


def test_russian_and_ukrainian_number_cases_and_exceeded() -> None:
    assert claims_of("В фонд обратились около трехсот семей военных.", "ru")[0][:2] == (300, "about")
    assert claims_of("Сума хабарів перевищила 200 тисяч гривень.", "uk")[0][:2] == (200000, "over")


def test_a_single_parenthesised_count_after_its_noun() -> None:
    assert (57, None, "complaints") in claims_of("Most complaints (57) were about food and clothing.")


def test_together_with_n_other_men_counts_them_all() -> None:
    inc = only_incident(extract("In May the sergeant locked a recruit in a cellar together with three other men."))
    assert inc.victims.count == 4


def test_wounded_sent_back_to_an_assault_unit() -> None:
    assert "unfit_deployment" in types_of("Soldiers who were wounded twice are sent back to an assault unit within a week.")


def test_informal_amounts_in_thousands() -> None:
    assert claims_of("the ensign charges 40 thou per week of leave.")[0][0] == 40000
    inc = only_incident(extract("our platoon cmdr takes 20k from every guy who wants a day off."))
    assert inc.types == ["extortion"]
    assert not extract("The factory pays 55k a year to its workers.").incidents
