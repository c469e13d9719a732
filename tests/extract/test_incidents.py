"""The incident component on reports we wrote: types, grouping, kind, victims, roles."""

from rankfile.extract.incidents import find_incidents
from rankfile.extract.text import split_sentences


def incidents(text: str):
    return find_incidents(text, split_sentences(text), [], [])


def test_tied_to_a_post_is_restraint_and_evidence_is_exact():
    text = ("Relatives say Private Anton Belov was tied to a post outside the company's dugout "
            "for two nights after he refused to join an assault near Toretsk.")
    [inc] = incidents(text)
    assert inc.types == ["restraint_exposure"]
    assert inc.kind == "incident"
    assert "Anton Belov" in inc.victims.names
    for ev in inc.evidence:
        assert text[ev.start:ev.end] == ev.text
    assert "refusing_order" in inc.triggers


def test_continuation_sentences_join_one_occurrence():
    text = ("A video published on Telegram shows three mobilised men locked in a cellar. "
            "They say their commander kept them there without water for five days.")
    [inc] = incidents(text)
    assert set(inc.types) == {"unlawful_confinement", "deprivation"}
    assert inc.victims.count == 3
    assert "commander" in inc.perpetrators.roles
    assert len(inc.evidence) == 2


def test_distinct_occurrences_stay_apart():
    text = ("In one clip, an officer kicks a kneeling conscript. "
            "In another video, soldiers describe being forced to pay 100,000 roubles to avoid assaults.")
    found = incidents(text)
    assert [i.types for i in found] == [["physical_assault"], ["extortion"]]


def test_general_practice_is_a_pattern():
    text = "Commanders routinely demand bribes from wounded soldiers who want to be sent for treatment."
    [inc] = incidents(text)
    assert inc.kind == "pattern"
    assert "extortion" in inc.types


def test_reason_for_punishment_is_a_trigger_not_a_type():
    text = "Two soldiers accused of desertion were beaten with shovels by military police."
    [inc] = incidents(text)
    assert inc.types == ["physical_assault"]
    assert "desertion" in inc.triggers
    assert inc.perpetrators.roles == ["military_police"]
    assert inc.victims.count == 2


def test_topic_sentence_with_only_a_noun_makes_no_incident():
    assert incidents("Extortion has become a serious problem for the army, analysts say.") == []


def test_no_incident_in_unrelated_text():
    assert incidents("The weather in Kyiv was mild and the markets were open on Sunday.") == []


def test_an_abuse_said_not_to_have_happened_is_no_incident():
    denied = "The company commander told the inspectors that none of the men were beaten during the drill."
    assert not [i for i in incidents(denied) if "physical_assault" in i.types]
    said = "The company commander told the inspectors that two of the men were beaten during the drill."
    assert [i for i in incidents(said) if "physical_assault" in i.types]
