"""Small hand-written corpus for the linking tests (invented outlets and people)."""

from __future__ import annotations

from datetime import date

import pytest

from rankfile.link.corpus import ClaimMention, CorpusDocument, IncidentMention
from rankfile.records import Claim, DateValue, Evidence, Incident, Location, Victims

ORIGINAL = (
    "Conscript tied to a fence post for a night\n\n"
    "A conscript named Oleg Varenik was tied to a fence post at a depot near Yelnya in "
    "March 2024 and left outside overnight after he refused to unload shells, his sister said. "
    "She said 120 men serve in his battalion and that 14 have deserted since winter. "
    "The Harbour Gazette could not verify her account."
)
REWRITE = (
    "Soldier left tied to a post overnight\n\n"
    "Oleg Varenik, a conscript, was tied to a fence post at a depot near Yelnya in March 2025 "
    "and kept outside all night because he refused to unload shells, writes Valley Post, citing "
    "the Harbour Gazette. His sister said 120 men serve in his battalion and that 41 have "
    "deserted since winter."
)
TRANSLATION = (
    "Солдата привязали к столбу на ночь\n\n"
    "Срочника Олега Вареника в марте 2024 года привязали к столбу забора на складе под Ельней "
    "и оставили на ночь за отказ разгружать снаряды, рассказала его сестра. По её словам, в "
    "батальоне служат 120 человек, 14 из них дезертировали с зимы. Это перевод материала "
    "Harbour Gazette."
)
OTHER = (
    "Recruits beaten at training ground in Chebarkul\n\n"
    "Two recruits, Ivan Solnik and Pyotr Gusko, were beaten by a sergeant at a training ground "
    "in Chebarkul in May 2023, according to a complaint filed by their parents. The parents "
    "said 30 recruits had been punished that month."
)


def _span(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence.of(text, start, start + len(needle))


def make_doc(doc_id: str, text: str, *, lang: str = "en", published: date,
             publisher: str, sentence: str | None = None, year: int | None = None,
             place: str | None = None, victims: int | None = None, names: tuple = (),
             types: tuple = ("restraint_exposure",), figures: tuple = ()) -> CorpusDocument:
    doc = CorpusDocument(id=doc_id, name=doc_id, text=text, published=published, language=lang,
                         publisher=publisher, url=f"https://example-{publisher.lower().replace(' ', '')}.org/a")
    if sentence:
        inc = Incident(
            id="I1", kind="incident", types=list(types), evidence=[_span(text, sentence)],
            date=DateValue(text=str(year), start=f"{year}-03-01", end=f"{year}-03-31",
                           precision="month", month=3, year=year) if year else None,
            location=Location(text=place, name=place, country="RU", precision="city") if place else None,
            victims=Victims(count=victims, names=list(names)))
        doc.incidents = [IncidentMention(f"inc-{doc_id}", doc_id, inc)]
    for i, (value, needle) in enumerate(figures):
        doc.claims.append(ClaimMention(f"clm-{doc_id}-{i}", doc_id, Claim(
            id=f"C{i}", value=value, evidence=[_span(text, needle)], measure="deserted")))
    return doc


@pytest.fixture
def corpus() -> list[CorpusDocument]:
    return [
        make_doc("doc-a", ORIGINAL, published=date(2024, 4, 2), publisher="Harbour Gazette",
                 sentence=ORIGINAL.split("\n\n")[1].split(". ")[0], year=2024, place="Yelnya",
                 victims=1, names=("Oleg Varenik",),
                 figures=((14, "14 have deserted since winter"),)),
        make_doc("doc-b", REWRITE, published=date(2024, 4, 3), publisher="Valley Post",
                 sentence=REWRITE.split("\n\n")[1].split(". ")[0], year=2025, place="Yelnya",
                 victims=1, names=("Oleg Varenik",),
                 figures=((41, "41 have deserted since winter"),)),
        make_doc("doc-c", TRANSLATION, lang="ru", published=date(2024, 4, 4),
                 publisher="Svobodnaya Gazeta"),
        make_doc("doc-d", OTHER, published=date(2023, 6, 1), publisher="Steppe News",
                 sentence=OTHER.split("\n\n")[1].split(", according")[0], year=2023,
                 place="Chebarkul", victims=2, names=("Ivan Solnik", "Pyotr Gusko"),
                 types=("physical_assault",), figures=((30, "30 recruits had been punished"),)),
    ]
