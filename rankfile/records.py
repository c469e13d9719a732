"""Plain records passed between stages.

Every stage (ingest, extract, store, link, export, web) speaks these dataclasses and
nothing else, so the same extraction code runs in the CLI, the web app, tests and a
cluster. They are JSON-serialisable with :func:`to_dict`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# --------------------------------------------------------------------------- ids


def stable_id(prefix: str, *parts: object) -> str:
    """Deterministic id from natural keys, so re-running a stage gives the same ids."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


# --------------------------------------------------------------------------- ingest


@dataclass
class Attachment:
    """A file attached to an e-mail or a message: listed, not ingested."""

    name: str
    media_type: str | None = None
    size: int | None = None


@dataclass
class SourceDocument:
    """One document as a reader produced it, before it is stored.

    ``text`` is the normalised text: every evidence offset refers to it.
    ``original`` holds the bytes of the container the document came from (for a
    Telegram export or a CSV of records that is the whole export file; ``part`` then
    says which item of it this document is).
    """

    text: str
    original: bytes
    source_format: str  # txt, markdown, html, pdf, docx, eml, telegram, jsonl, csv
    name: str  # file name without extension, or the record's name/id
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    kind: str | None = None  # news, testimony, complaint, official_report, intercept, social_post
    path: str | None = None  # where it was read from
    part: str | None = None  # item inside a container (message id, row number)
    attachments: list[Attachment] = field(default_factory=list)
    cited: list[str] = field(default_factory=list)  # e.g. forwarded-from channel
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Identity of the original bytes (plus the part inside a container)."""
        h = hashlib.sha256(self.original)
        if self.part is not None:
            h.update(b"\x00part\x00" + self.part.encode("utf-8"))
        return h.hexdigest()

    @property
    def text_sha256(self) -> str:
        """Identity of the normalised text: the same text in another container."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()


@dataclass
class ReadFailure:
    """A file (or an item in it) that could not be read, and why."""

    path: str
    reason: str
    part: str | None = None


# --------------------------------------------------------------------------- extract


@dataclass
class Evidence:
    """A character span of a document's normalised text, with its quote."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        return cls(start=start, end=end, text=text[start:end])


@dataclass
class DateValue:
    """When something happened, as an interval with its precision and original words.

    ``start``/``end`` are ISO dates when the year is known; otherwise null and
    ``month``/``day`` carry what is known. ``precision`` is one of day, week, month,
    season, quarter, half, year, decade, unknown. ``modifier`` is early, mid, late,
    before, after, since or None. ``anchor`` says how it was resolved: absolute,
    published (relative to the publication date) or none.
    """

    text: str
    start: str | None = None
    end: str | None = None
    precision: str = "unknown"
    month: int | None = None
    day: int | None = None
    year: int | None = None
    modifier: str | None = None
    anchor: str = "absolute"


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: DateValue
    rule: str = "dates"
    role: str | None = None  # published, surfaced, event, background (when the text says which)


@dataclass
class Location:
    """Where: the words used, the resolved place and how precise it is.

    ``precision`` is one of country, region, city, village, site, direction, area,
    near, unknown.
    """

    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None  # region / oblast / republic
    lat: float | None = None
    lon: float | None = None
    precision: str = "unknown"
    geonameid: int | None = None


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    location: Location
    rule: str = "places"


@dataclass
class Victims:
    count: int | None = None
    names: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass
class Perpetrators:
    roles: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)


@dataclass
class Incident:
    """One occurrence (kind=incident) or a reported general practice (kind=pattern)."""

    id: str
    kind: str
    types: list[str]
    evidence: list[Evidence]
    date: DateValue | None = None
    location: Location | None = None
    victims: Victims = field(default_factory=Victims)
    perpetrators: Perpetrators = field(default_factory=Perpetrators)
    triggers: list[str] = field(default_factory=list)  # desertion, refusing_order, ...
    harms: list[str] = field(default_factory=list)  # death, amputation, broken_spine, ...
    duration: str | None = None
    evidence_kinds: list[str] = field(default_factory=list)  # video, audio, testimony, ...
    caveats: list[str] = field(default_factory=list)  # unverified, ...
    confidence: float = 0.5
    rules: list[str] = field(default_factory=list)  # which rules/models produced it


@dataclass
class Claim:
    """A figure (or range) with what it counts and who it is attributed to."""

    id: str
    value: float | None
    evidence: list[Evidence]
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # percent, EUR, USD, GBP, RUB, UAH, ...
    qualifier: str | None = None  # over, at least, nearly, about, up to, under
    measure: str | None = None  # deserted, prosecuted, convicted, casualties, deaths, payment...
    party: str | None = None  # whose (Russian soldiers, Ukraine, ...)
    time_scope: str | None = None
    attributed_to: str | None = None
    rules: list[str] = field(default_factory=list)


@dataclass
class CitedSource:
    """Who the document credits, and how."""

    name: str
    evidence: list[Evidence]
    kind: str | None = None  # outlet, agency, organisation, person, channel, document
    relation: str | None = None  # citing, according_to, told, published_by, said, reported
    rules: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything extracted from one document's normalised text."""

    incidents: list[Incident] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sources_cited: list[CitedSource] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    language: str | None = None
    published: date | None = None
    extractor_version: str = ""
    components: list[str] = field(default_factory=list)  # names@versions actually used


# --------------------------------------------------------------------------- helpers


def _convert(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _convert(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


def to_dict(record: Any) -> Any:
    """JSON-ready view of any record (bytes are dropped)."""
    return _convert(record)
