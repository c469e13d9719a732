"""Cited sources: who a text credits and how (our own sentences)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.extract.sources import find_source_mentions, find_sources
from rankfile.records import CitedSource


def _names(text: str) -> list[str]:
    return [s.name for s in find_sources(text)]


def _by_name(text: str) -> dict[str, CitedSource]:
    return {s.name: s for s in find_sources(text)}


@pytest.mark.parametrize(
    ("text", "name", "relation"),
    [
        ("According to Mediazona, the unit lost half its men.", "Mediazona", "according_to"),
        ("The footage was first published by Verstka on Tuesday.", "Verstka", "published_by"),
        ("An investigation by iStories traced the orders to a colonel.", "iStories", "found"),
        ("Meduza reported that the soldiers were locked in a basement.", "Meduza", "reported"),
        (
            "The Conflict Intelligence Team said the video was filmed near Bakhmut.",
            "Conflict Intelligence Team (CIT)",
            "said",
        ),
        (
            "A report by Human Rights Watch documented beatings in the camp.",
            "Human Rights Watch",
            "reported",
        ),
        ("The men were kept in a cage, the Insider found.", "The Insider", "found"),
        (
            "Intercepted calls released by the SBU show a commander threatening recruits.",
            "Security Service of Ukraine (SBU)",
            "published_by",
        ),
        ("In a video posted by Astra, a soldier shows his wounds.", "Astra", "posted"),
        (
            "The BBC Russian service confirmed the names of 300 of the dead.",
            "BBC Russian",
            "confirmed",
        ),
        (
            "Idel.Realii wrote that relatives had complained to the prosecutor.",
            "Idel.Realii",
            "said",
        ),
    ],
)
def test_cue_patterns(text: str, name: str, relation: str) -> None:
    sources = _by_name(text)
    assert name in sources, sources
    assert sources[name].relation == relation
    for ev in sources[name].evidence:
        assert text[ev.start : ev.end] == ev.text


def test_named_person_with_attribution_verb() -> None:
    text = "The recruit was beaten with a shovel, according to human rights activist Pavel Sokolov."
    src = _by_name(text)["Pavel Sokolov"]
    assert (src.kind, src.relation) == ("person", "according_to")


def test_title_is_dropped_and_person_deduplicated() -> None:
    text = (
        "Defence Minister Andrii Stepanenko said the commander was arrested. "
        "Stepanenko added that the inquiry would continue."
    )
    sources = find_sources(text)
    assert [s.name for s in sources] == ["Andrii Stepanenko"]
    assert len(sources[0].evidence) == 2


def test_speaker_and_outlet_told_are_both_sources() -> None:
    names = _names(
        "Private Yegor Malakhov told the Washington Post that his commander demanded money."
    )
    assert set(names) == {"Yegor Malakhov", "Washington Post"}


def test_citing_gives_both() -> None:
    names = _names("Reuters, citing the Security Service of Ukraine, said the calls were genuine.")
    assert set(names) == {"Reuters", "Security Service of Ukraine (SBU)"}


def test_acronym_pair_is_one_source() -> None:
    text = (
        "Audio released by Ukraine's military intelligence (HUR) captures the order. "
        "HUR published a second recording in May."
    )
    sources = find_sources(text)
    assert [s.name for s in sources] == ["Ukraine's military intelligence (HUR)"]
    assert len(sources[0].evidence) == 2


def test_unknown_organisation_with_acronym() -> None:
    names = _names("The Northern Rights Monitor (NRM) said it had verified 40 cases.")
    assert names == ["Northern Rights Monitor (NRM)"]


def test_absolute_clause_speaker_and_prepositional_object() -> None:
    text = "Losses mounted, with Defence Minister Rustem Umerov confirming the figure."
    assert _names(text) == ["Rustem Umerov"]
    assert _names("Wives of men from the 3rd Motor Rifle Division wrote to the ombudsman.") == []


def test_role_after_name() -> None:
    text = "Col. Ivan Danko, commander of the Eastern Group, said the unit had withdrawn."
    assert _names(text) == ["Ivan Danko"]
    (m,) = find_source_mentions("A Northern Fleet spokesman said the sailors were safe.")
    assert m.surface == "Northern Fleet spokesman"


def test_names_opening_with_a_place_and_channels() -> None:
    assert _names("The Tula Courier reported that the recruits were beaten.") == ["Tula Courier"]
    (src,) = find_sources("The Telegram channel Grey Ferret posted the video.")
    assert (src.name, src.kind) == ("Grey Ferret", "channel")
    assert _names("US officials said the figure was too low.") == ["US officials"]


def test_inverted_attribution() -> None:
    text = '"Nobody will help you here," said Marina Gromova, whose son serves near Kupiansk.'
    assert _names(text) == ["Marina Gromova"]


def test_publisher_speaking_in_text_is_unverified() -> None:
    src = _by_name("The Kyiv Independent could not independently verify the claims.")[
        "Kyiv Independent"
    ]
    assert src.relation == "unverified"


def test_generic_institution() -> None:
    names = _names("Twelve officers face charges, the military prosecutor's office said.")
    assert names == ["military prosecutor's office"]


@pytest.mark.parametrize(
    "text",
    [
        "He said the orders came from the top.",
        "Soldiers said they had not been paid for months.",
        "The commander told Ivan Petrov to dig a trench.",
        "The UN Security Council met on Friday.",
        "Russian President Vladimir Putin praised the troops.",
        "Officials reported no change at the front.",
        "Later the men were moved to a basement in Belgorod.",
        "The video shows a soldier tied to a tree.",
        "Prosecutors said the case was closed.",
    ],
)
def test_no_spurious_sources(text: str) -> None:
    assert find_sources(text) == []


def test_mentions_carry_offsets_and_surface() -> None:
    text = "A CSIS study found heavy losses."
    (m,) = find_source_mentions(text)
    assert text[m.start : m.end] == "CSIS"
    assert m.surface == "CSIS study"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "According to",
                "the",
                "Meduza",
                "said",
                "Ivan",
                "Petrov",
                ",",
                ".",
                "told",
                "report by",
                "(HUR)",
                "UN",
                "\n",
                "citing",
                "President",
                "'s",
            ]
        ),
        max_size=25,
    )
)
def test_word_soup_never_crashes_and_evidence_matches(parts: list[str]) -> None:
    text = " ".join(parts)
    for src in find_sources(text):
        assert src.name
        for ev in src.evidence:
            assert text[ev.start : ev.end] == ev.text


def test_russian_and_ukrainian_credits() -> None:
    ru = find_sources("Правозащитница Ольга Ерёмина заявила, что письма не дошли.", language="ru")
    assert [(s.name, s.kind) for s in ru] == [("Ольга Ерёмина", "person")]
    uk = find_sources("Як повідомляє Українська правда, полонених обміняли.", language="uk")
    assert [s.name for s in uk] == ["Ukrainska Pravda"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The region's ombudsman, Olena Marchenko, said complaints had doubled.", "Olena Marchenko"),
        ("The Sakharov Rights Network (SRN) recorded 40 deaths.", "Sakharov Rights Network (SRN)"),
        ("The Lviv office of the Open Barracks Project recorded 12 suicides.", "Open Barracks Project"),
        (
            "Irina Sokolova of the veterans' group Silent Front estimated that 300 men fled.",
            "Irina Sokolova",
        ),
        ("The General Staff said the unit withdrew.", "General Staff"),
        ("The site Fontanka.ru published the list of names.", "Fontanka.ru"),
        ("British intelligence assessed that the unit had been withdrawn.", "UK Defence Intelligence"),
        ("Ukraine's Prosecutor General's Office registered 9,000 cases.", "Prosecutor General"),
    ],
)
def test_more_attribution_positions(text: str, name: str) -> None:
    names = _names(text)
    assert len(names) == 1 and name in names[0], names


def test_relatives_tell_an_outlet() -> None:
    (source,) = find_sources("Relatives tell Verstka that 40 men are missing.")
    assert (source.name, source.relation) == ("Verstka", "told")


def test_a_known_acronym_names_the_known_source() -> None:
    text = "Ukraine's Defence Intelligence (HUR) said 300 soldiers surrendered. HUR said more would."
    assert _names(text) == ["Ukraine's military intelligence (HUR)"]


def test_an_acronym_groups_the_long_and_short_names() -> None:
    text = (
        "The Open Barracks Network (OBN) recorded 40 deaths. "
        "OBN said the army had not answered its letters."
    )
    assert _names(text) == ["Open Barracks Network (OBN)"]


def test_a_named_hotline_speaks() -> None:
    text = (
        'The "Safe Exit" hotline, run by a volunteer network in Riga, said it had '
        "received 900 calls."
    )
    names = _names(text)
    assert len(names) == 1 and "Safe Exit" in names[0]


@pytest.mark.parametrize(
    "text",
    [
        "Similar reports have come in from Kherson.",
        "Private K. said he had been beaten.",
    ],
)
def test_not_sources(text: str) -> None:
    assert _names(text) == []
