"""The extraction pipeline: named, versioned components run in order over one text.

Each component reads what earlier ones added to the :class:`Context` and adds its own
records; every record names the component (and rule) that made it. The pipeline is a pure
function of (text, publication date, language), so it runs alike in the CLI, the web app,
tests and a cluster.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rankfile.extract import claims as claims_mod
from rankfile.extract import dates as dates_mod
from rankfile.extract import incidents as incidents_mod
from rankfile.extract import people as people_mod
from rankfile.extract import places as places_mod
from rankfile.extract import sources as sources_mod
from rankfile.extract.optional import model_people
from rankfile.extract.text import Sentence, split_sentences
from rankfile.records import (
    CitedSource,
    Claim,
    DateMention,
    Extraction,
    Incident,
    PlaceMention,
    SourceDocument,
)

EXTRACTOR_VERSION = "0.1.0"


@dataclass
class Context:
    text: str
    published: date | None
    language: str
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    people: list[people_mod.PersonMention] = field(default_factory=list)
    credits: list[sources_mod.SourceMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sources: list[CitedSource] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)  # optional components that ran


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    needs: tuple[str, ...]
    provides: str
    run: Callable[[Context], None]


def _sentences(ctx: Context) -> None:
    ctx.sentences = split_sentences(ctx.text, ctx.language)


def _dates(ctx: Context) -> None:
    ctx.dates = dates_mod.find_dates(ctx.text, ctx.published, ctx.language)


def _places(ctx: Context) -> None:
    ctx.places = places_mod.find_places(ctx.text, ctx.language)


def _people(ctx: Context) -> None:
    ctx.people = people_mod.find_people(ctx.text, ctx.language)
    extra, model = model_people(ctx.text, ctx.language, ctx.people)
    if model:
        ctx.people = sorted(ctx.people + extra, key=lambda p: p.start)
        ctx.optional.append(model)


def _credits(ctx: Context) -> None:
    ctx.credits = sources_mod.find_source_mentions(ctx.text, ctx.sentences, ctx.language)


def _claims(ctx: Context) -> None:
    ctx.claims = claims_mod.find_claims(ctx.text, ctx.sentences, ctx.language, mentions=ctx.credits)


def _sources(ctx: Context) -> None:
    ctx.sources = sources_mod.find_sources(ctx.text, ctx.sentences, ctx.language, mentions=ctx.credits)


def _disambiguate(ctx: Context) -> None:
    """A word read both as a person and as a place ("Zhora", "Roman") is the person; a place
    word inside a credited outlet's name ("Сибирь.Реалии") is the outlet."""
    spans = [(p.start, p.end) for p in ctx.people]
    spans += [(c.start, c.end) for c in ctx.credits if c.kind in ("outlet", "channel")]
    ctx.places = [pl for pl in ctx.places if not any(a < pl.end and pl.start < b for a, b in spans)]


def _incidents(ctx: Context) -> None:
    ctx.incidents = incidents_mod.find_incidents(
        ctx.text, ctx.sentences, ctx.dates, ctx.places, ctx.language, people=ctx.people)


# Versions (bump when a component's output changes, so stores re-extract): 0.2 of dates (the
# "background" role: "mobilised in 2022"), places (ru/uk case forms and cue words), credits and
# sources (ru/uk/en names and cues), claims (compared figures, "N said") and disambiguate
# (places inside an outlet's name) came with the dev_c batch. 0.3 of dates (a dateline dates
# the report), places (a region written after a settlement picks its namesake), credits and
# sources («quoted» names after an outlet noun, surname case forms, "(not his real name)",
# acronyms kept, "X, told Y" credits X, a lone "Office" is no name) and claims (measurements
# and populations are not figures, elliptic and parenthesised counts, ru/uk number cases)
# came with the dev_d batch. 0.4 of claims ("appeals" its own measure, a sum without a currency
# after a paying verb, "the outlet counted" / "за його словами" refer back, a credited tally
# carried one sentence for the same kind of figure) and credits, 0.5 of sources (Russian
# "утверждает", declined "Новой газеты Европа") came with the attribution/perpetrator/place pass.
COMPONENTS: tuple[Component, ...] = (
    Component("sentences", "spacy-blank", (), "sentences", _sentences),
    Component("dates", "0.4", (), "dates", _dates),
    Component("places", "0.3", (), "places", _places),
    Component("people", "0.1", (), "people", _people),
    Component("credits", "0.4", ("sentences",), "credits", _credits),
    Component("disambiguate", "0.2", ("places", "people", "credits"), "places", _disambiguate),
    Component("claims", "0.4", ("sentences", "credits"), "claims", _claims),
    Component("sources", "0.5", ("sentences", "credits"), "sources", _sources),
    Component("incidents", incidents_mod.VERSION, ("sentences", "dates", "places", "people"),
              "incidents", _incidents),
)


def detect_language(text: str) -> str:
    """Language of the text (ISO 639-1), English when unsure."""
    try:
        from rankfile.ingest.language import detect_language as detect
    except ImportError:  # pragma: no cover - ingest not installed
        return "en"
    return detect(text) or "en"


def extract(text: str, published: date | None = None, language: str | None = None) -> Extraction:
    """Incidents, figures and cited sources of one text, each with its evidence."""
    lang = language or detect_language(text)
    ctx = Context(text=text, published=published, language=lang)
    for component in COMPONENTS:
        component.run(ctx)
    return Extraction(
        incidents=ctx.incidents,
        claims=ctx.claims,
        sources_cited=ctx.sources,
        dates=ctx.dates,
        places=ctx.places,
        language=lang,
        published=published,
        extractor_version=EXTRACTOR_VERSION,
        components=[f"{c.name}@{c.version}" for c in COMPONENTS] + ctx.optional,
    )


def extract_document(doc: SourceDocument, published: date | None = None) -> Extraction:
    """Extraction for an ingested document: its own publication date unless overridden."""
    return extract(doc.text, published=published or doc.published, language=doc.language)
