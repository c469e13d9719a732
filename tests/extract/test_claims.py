"""The figure grammar: which numbers are claims and what each claims (our own sentences)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.extract.claims import find_claims
from rankfile.records import Claim


def _one(text: str) -> Claim:
    claims = find_claims(text)
    assert len(claims) == 1, [(c.value, c.measure) for c in claims]
    return claims[0]


def _evidence_ok(text: str, claims: list[Claim]) -> None:
    for c in claims:
        assert c.rules and c.rules[0] == "claims.figure"
        for ev in c.evidence:
            assert text[ev.start : ev.end] == ev.text


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "measure"),
    [
        (
            "Mediazona estimates that more than 21,000 contract soldiers have deserted since 2023.",
            21000,
            "over",
            "deserted",
        ),
        (
            "In excess of 9,400 men were prosecuted for refusing to fight.",
            9400,
            "over",
            "prosecuted",
        ),
        (
            "Military courts convicted almost 4,100 servicemen last year.",
            4100,
            "nearly",
            "convicted",
        ),
        (
            "An estimated 80,000 Russian troops were wounded near Avdiivka.",
            80000,
            "about",
            "wounded",
        ),
        ("Up to 1,300 prisoners of war were held at the site.", 1300, "up to", "held"),
        ("Fewer than 600 complaints reached the ombudsman.", 600, "under", "complaints"),
        ("The army recorded 45,000 casualties in the offensive.", 45000, None, "casualties"),
        ("At least 2,700 desertion cases were opened in Rostov.", 2700, "at least", "desertion cases"),
        ("Around 150,000 reservists were mobilised in the autumn.", 150000, "about", "mobilised"),
        (
            "Roughly 12,500 soldiers went AWOL from the Zaporizhzhia front.",
            12500,
            "about",
            "deserted",
        ),
        ("The regiment lost 3,000 dead in the first month.", 3000, None, "deaths"),
        ("Kyiv reported the deaths of 46,000 servicemen.", 46000, None, "deaths"),
    ],
)
def test_qualifier_and_measure(
    text: str, value: float, qualifier: str | None, measure: str
) -> None:
    claim = _one(text)
    assert (claim.value, claim.qualifier, claim.measure) == (value, qualifier, measure)
    _evidence_ok(text, [claim])


def test_predicate_overrides_generic_noun_but_not_specific_noun() -> None:
    text = "Over 30,000 Russian soldiers have deserted, and 4,000 casualties were recorded."
    claims = find_claims(text)
    assert [(c.value, c.measure) for c in claims] == [(30000, "deserted"), (4000, "casualties")]


def test_figure_with_included_part_keeps_party() -> None:
    text = "Analysts at ISW found that Russia has suffered about 900,000 casualties, including 210,000 deaths."
    first, second = find_claims(text)
    assert (first.value, first.measure, first.party, first.qualifier) == (
        900000,
        "casualties",
        "Russia",
        "about",
    )
    assert (second.value, second.measure, second.party) == (210000, "deaths", "Russia")


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit"),
    [
        (
            "Commanders demanded between 15,000 and 40,000 euros from each man.",
            15000,
            15000,
            40000,
            "EUR",
        ),
        ("Each transfer cost from 200,000 to 500,000 roubles.", 200000, 200000, 500000, "RUB"),
        ("Officials put the toll at 1 to 2 million people.", 1_000_000, 1_000_000, 2_000_000, None),
        ("A share of 10-15% of the wages went to the commander.", 10, 10, 15, "percent"),
    ],
)
def test_ranges(text: str, value: float, low: float, high: float, unit: str | None) -> None:
    claim = _one(text)
    assert (claim.value, claim.low, claim.high, claim.unit) == (value, low, high, unit)
    assert "claims.range" in claim.rules


@pytest.mark.parametrize(
    ("text", "unit", "measure"),
    [
        ("The officer took a bribe of $2,000 to sign the leave papers.", "USD", "bribe payment"),
        ("His monthly salary of 210,000 roubles was withheld.", "RUB", "salary payment"),
        ("A court fined him £1,500 for the post.", "GBP", "fine payment"),
        ("They were told to hand over 300,000 rubles or be sent to the assault.", "RUB", "payment"),
        ("Commanders extorted €5,000 from every recruit.", "EUR", "extortion payment"),
    ],
)
def test_money(text: str, unit: str, measure: str) -> None:
    claim = _one(text)
    assert (claim.unit, claim.measure) == (unit, measure)


def test_percent_unit() -> None:
    claim = _one("Nearly 12% of all mobilised men tried to leave.")
    assert (claim.value, claim.unit, claim.qualifier) == (12, "percent", "nearly")


@pytest.mark.parametrize(
    "text",
    [
        "The video appeared in March 2024 and spread within hours.",
        "On 14 June the unit was ordered forward.",
        "He was held in a pit for five days and beaten for seven months.",
        "A 19-year-old conscript, aged 19, was the victim.",
        "Dmitry Orlov, 34, described the beatings.",
        "He was charged under Article 338 of the Criminal Code.",
        "The soldiers of military unit 74507 were moved.",
        "Fighters of the 155th brigade and the 64th regiment were there.",
        "The assault began at 05:30, the second at 6 a.m.",
        "Call the hotline on +7 495 123-45-67 for help.",
        "Hundreds of soldiers and tens of thousands of relatives protested.",
        "One of them said the commander was drunk.",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_claims(text) == []


def test_small_counts_carry_their_measure() -> None:
    claim = _one("At least six Ukrainian prisoners were beaten at the base.")
    assert (claim.value, claim.qualifier, claim.measure, claim.party) == (
        6,
        "at least",
        "captured",
        "Ukrainian prisoners",
    )


def test_attribution_in_sentence() -> None:
    text = "According to a Meduza investigation, about 5,000 men were sent back to the front while wounded."
    claim = _one(text)
    assert claim.attributed_to == "Meduza investigation"
    trailing = _one("Some 8,000 soldiers were prosecuted in 2023, according to Mediazona.")
    assert trailing.attributed_to == "Mediazona"
    assert trailing.time_scope == "in 2023"


def test_attribution_prefers_the_speaker_over_the_outlet_told() -> None:
    claim = _one("Activist Anna Kuznetsova told Verstka that 700 complaints had gone unanswered.")
    assert claim.attributed_to == "Anna Kuznetsova"


def test_nearest_source_wins_within_a_sentence() -> None:
    text = (
        "A Reuters tally put Russian deaths at 90,000, while President Volodymyr Zelensky "
        "said 31,000 Ukrainian soldiers had been killed."
    )
    first, second = find_claims(text)
    assert first.attributed_to == "Reuters tally"
    assert second.attributed_to == "Volodymyr Zelensky"
    assert second.measure == "killed"


def test_attribution_carried_only_with_continuation_cue() -> None:
    text = (
        "The UN monitoring mission said 1,900 prisoners of war were tortured. "
        "The report also found that 95 of them died in custody. "
        "Separately, 400 soldiers were prosecuted in Moscow."
    )
    claims = find_claims(text)
    by_value = {c.value: c for c in claims}
    assert "UN" in (by_value[1900].attributed_to or "")
    assert "UN" in (by_value[95].attributed_to or "")
    assert "claims.attr_carried" in by_value[95].rules
    assert by_value[400].attributed_to is None


def test_time_scope() -> None:
    claim = _one(
        "More than 7,000 soldiers have been convicted since the start of the full-scale invasion."
    )
    assert claim.time_scope == "since the start of the full-scale invasion"
    alone = _one("In 2024 alone, courts convicted over 6,000 men.")
    assert alone.time_scope == "In 2024 alone"


def test_shared_mentions_give_the_same_claims() -> None:
    from rankfile.extract.sources import find_source_mentions
    from rankfile.extract.text import split_sentences

    text = "According to Verstka, some 2,000 men paid bribes. Meduza said 40 were beaten."
    sentences = split_sentences(text)
    shared = find_source_mentions(text, sentences)
    assert find_claims(text, sentences, mentions=shared) == find_claims(text)


def test_ids_are_stable() -> None:
    text = "Over 2,500 soldiers deserted in May."
    assert find_claims(text)[0].id == find_claims(text)[0].id


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("abc XYZ0123456789,.%$€-\nдо тыс"))
        | st.characters(codec="utf-8"),
        max_size=200,
    ),
    st.sampled_from(["en", "ru", "uk"]),
)
def test_random_text_never_crashes(text: str, language: str) -> None:
    _evidence_ok(text, find_claims(text, language=language))


def test_russian_figure() -> None:
    text = "По данным Вёрстки, более 1,5 млн человек были мобилизованы с начала войны."
    (claim,) = find_claims(text, language="ru")
    assert (claim.value, claim.qualifier, claim.measure) == (1_500_000, "over", "mobilised")
    assert claim.time_scope == "с начала войны"
    assert claim.attributed_to == "Вёрстки"


def test_russian_range_and_money() -> None:
    (claim,) = find_claims(
        "Командиры требовали от 200 до 500 тысяч рублей за перевод.", language="ru"
    )
    assert (claim.low, claim.high, claim.unit, claim.measure) == (
        200_000,
        500_000,
        "RUB",
        "extortion payment",
    )


def test_ukrainian_figure() -> None:
    text = "За даними ГУР, понад 20 тисяч російських військових здалися в полон у 2024 році."
    (claim,) = find_claims(text, language="uk")
    assert (claim.value, claim.qualifier, claim.measure) == (20_000, "over", "captured")
    assert claim.attributed_to == "ГУР"
    assert claim.time_scope == "у 2024 році"


# ------------------------------------------------------------ counts by their place in a sentence


def _by_value(text: str) -> dict[float, Claim]:
    return {c.value: c for c in find_claims(text)}


def test_breakdown_items_take_their_category() -> None:
    found = _by_value(
        "By May prosecutors had opened 300 criminal cases: 120 for theft of fuel, "
        "90 for assault and 40 for desertion."
    )
    assert found[300].measure == "criminal cases"
    assert (found[120].measure, found[90].measure, found[40].measure) == (
        "theft of fuel",
        "assault",
        "desertion",
    )
    assert "claims.breakdown" in found[40].rules


def test_parenthesised_counts_in_a_list() -> None:
    found = _by_value("Causes of death were listed as illness (9), road accidents (4) and suicide (3).")
    assert {v: c.measure for v, c in found.items()} == {
        9: "illness",
        4: "road accidents",
        3: "suicide",
    }


def test_a_lone_parenthesised_number_is_not_a_list() -> None:
    assert find_claims("The recruit (19) was beaten by his sergeant.") == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Of 400 men in the battalion, only 35 came back.", {400, 35}),
        ("Out of a company of 80, fewer than 20 are still alive.", {80, 20}),
        ("By the spring fewer than 40 were left.", {40}),
        ("About 1,700 soldiers deserted, around 50 of them while training abroad.", {1700, 50}),
    ],
)
def test_parts_wholes_and_subjects_are_counts(text: str, values: set[float]) -> None:
    assert {c.value for c in find_claims(text)} == values


def test_a_part_inherits_the_measure_of_its_whole() -> None:
    found = _by_value("About 1,700 soldiers deserted, around 50 of them while training abroad.")
    assert found[50].measure == "deserted"
    assert found[50].qualifier == "about"


def test_currency_said_once_carries_to_the_next_amount() -> None:
    found = _by_value("To get leave he paid the clerk 50,000 roubles, sometimes 70,000.")
    assert (found[70000].unit, found[70000].measure) == ("RUB", "payment")


def test_a_day_range_is_a_date() -> None:
    assert find_claims("On 3-4 March the battalion was shelled near the river.") == []


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("Around 200 soldiers were being held in a basement.", 200, "held"),
        ("About 3,000 of his men, most of them conscripts, died in the assault.", 3000, "deaths"),
        ("The hotline received over 4,000 requests in May.", 4000, "requests"),
        ("Courts issued over 900 verdicts under the article.", 900, "verdicts"),
        ("More than 60 cases of soldiers killed by comrades were found.", 60, "killed"),
        (
            "By June the number of desertion cases registered by courts had reached 9,800.",
            9800,
            "desertion cases",
        ),
        ("The group said it had confirmed the names of 42 of them.", 42, "confirmed"),
    ],
)
def test_more_measures(text: str, value: float, measure: str) -> None:
    claim = _one(text)
    assert (claim.value, claim.measure) == (value, measure)


def test_pronoun_credits_the_last_person_of_the_paragraph() -> None:
    text = (
        "Anna Petrova, a medic, told the Kyiv Post about the evacuation. "
        "Of 60 wounded men, she said, 14 died on the way."
    )
    found = _by_value(text)
    assert found[60].attributed_to == "Anna Petrova"
    assert found[14].attributed_to == "Anna Petrova"


def test_it_credits_the_last_body_of_the_paragraph() -> None:
    text = (
        "The Kursk office of the Soldiers' Rights Union (SRU) recorded 80 deaths in 2023. "
        "Among the causes it listed were illness (20), accidents (11) and suicide (5)."
    )
    found = _by_value(text)
    assert "SRU" in (found[80].attributed_to or "")
    assert "SRU" in (found[11].attributed_to or "")


def test_a_sentence_with_its_own_credit_is_not_carried_over() -> None:
    text = (
        "The UN report said 500 men deserted. "
        "The report also notes that, according to police data, 80 were detained."
    )
    found = _by_value(text)
    assert "UN" in (found[500].attributed_to or "")
    assert found[80].attributed_to is None


def test_the_speaker_beats_a_name_merely_mentioned() -> None:
    text = (
        "BBC Russian, working with Mediazona and volunteers, had confirmed the names of "
        "more than 90,000 servicemen killed."
    )
    assert "BBC" in (_one(text).attributed_to or "")
