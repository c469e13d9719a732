"""Store test fixtures: small records written for these tests (no real report text).

The ``rec`` fixture gives the factories (the tests run in importlib mode, so they
cannot import a helper module by name)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from rankfile.records import (
    CitedSource,
    Claim,
    DateMention,
    DateValue,
    Evidence,
    Extraction,
    Incident,
    Location,
    Perpetrators,
    PlaceMention,
    SourceDocument,
    Victims,
)

TEXT = (
    "In March 2024 a commander of the 30th brigade tied two conscripts to a tree near "
    "Avdiivka, the outlet said, citing a complaint filed by their mothers.\n\n"
    "According to the regional ombudsman, about 120 complaints were received that year."
)


def make_doc(text: str = TEXT, original: bytes | None = None, name: str = "report",
             source_format: str = "txt", part: str | None = None, **kw) -> SourceDocument:
    return SourceDocument(text=text, original=original if original is not None else text.encode(),
                          source_format=source_format, name=name, part=part, **kw)


def span(text: str, words: str) -> Evidence:
    start = text.index(words)
    return Evidence.of(text, start, start + len(words))


def make_extraction(text: str = TEXT, version: str = "test-1") -> Extraction:
    tied = span(text, "tied two conscripts to a tree")
    return Extraction(
        incidents=[Incident(
            id="inc-1", kind="incident", types=["restraint_exposure"], evidence=[tied],
            date=DateValue(text="March 2024", start="2024-03-01", end="2024-03-31",
                           precision="month", month=3, year=2024),
            location=Location(text="near Avdiivka", name="Avdiivka", country="UA",
                              admin1="Donetsk", lat=48.14, lon=37.74, precision="near"),
            victims=Victims(count=2, description="conscripts"),
            perpetrators=Perpetrators(roles=["commander"], units=["30th brigade"]),
            triggers=[], harms=[], evidence_kinds=["complaint"], caveats=["unverified"],
            confidence=0.8, rules=["test.rule"])],
        claims=[Claim(id="clm-1", value=120, evidence=[span(text, "about 120 complaints")],
                      qualifier="about", measure="complaints",
                      attributed_to="regional ombudsman", rules=["test.numbers"])],
        sources_cited=[CitedSource(name="regional ombudsman", kind="organisation",
                                   relation="according_to",
                                   evidence=[span(text, "According to the regional ombudsman")],
                                   rules=["test.sources"])],
        dates=[DateMention(start=3, end=13, text="March 2024",
                           value=DateValue(text="March 2024", start="2024-03-01",
                                           end="2024-03-31", precision="month", month=3,
                                           year=2024))],
        places=[PlaceMention(start=text.index("Avdiivka"), end=text.index("Avdiivka") + 8,
                             text="Avdiivka", location=Location(text="Avdiivka", country="UA"))],
        language="en", published=date(2024, 4, 2), extractor_version=version,
        components=["test@1"],
    )


@pytest.fixture
def rec() -> SimpleNamespace:
    """The factories above: ``rec.make_doc(...)``, ``rec.make_extraction(...)``, ``rec.TEXT``."""
    return SimpleNamespace(TEXT=TEXT, make_doc=make_doc, make_extraction=make_extraction,
                           span=span)
