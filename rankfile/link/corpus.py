"""What the linker reads and writes: plain records, independent of the store.

The linker is a set of pure functions over these records, so the CLI (from the store),
the benchmark (from generated documents) and tests (from small hand-written fixtures)
run the same code. Extraction records come from :mod:`rankfile.records` unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rankfile.records import CitedSource, Claim, Evidence, Incident


@dataclass
class IncidentMention:
    """One per-document incident (a row of the ``incidents`` table)."""

    id: str
    document_id: str
    incident: Incident
    projected_from: str | None = None  # set when the linker aligned it from a copy


@dataclass
class ClaimMention:
    id: str
    document_id: str
    claim: Claim


@dataclass
class CorpusDocument:
    """A stored document with what extraction found in it."""

    id: str
    name: str
    text: str
    published: date | None = None
    language: str | None = None
    publisher: str | None = None
    url: str | None = None
    title: str | None = None
    duplicate_of: str | None = None
    sha256: str = ""
    incidents: list[IncidentMention] = field(default_factory=list)
    claims: list[ClaimMention] = field(default_factory=list)
    sources_cited: list[CitedSource] = field(default_factory=list)


@dataclass
class Link:
    """A pairwise decision, explainable by its ``features``.

    ``status``: merged (score above the merge threshold), proposed (between the two
    thresholds: waits for a person), confirmed / rejected (a person decided; kept on
    re-link).
    """

    kind: str  # copy, same_incident, same_claim
    source_id: str
    target_id: str
    score: float
    features: dict[str, Any]
    status: str
    rule: str

    @property
    def key(self) -> tuple[str, str, str]:
        a, b = sorted((self.source_id, self.target_id))
        return (self.kind, a, b)


@dataclass
class Story:
    id: str
    members: list[str]  # document ids, earliest published first
    origin: str  # the earliest-published member
    similarity: dict[str, float] = field(default_factory=dict)  # member -> best link score


@dataclass
class IncidentCluster:
    id: str
    mentions: list[str]  # incident mention ids
    kind: str
    types: list[str]
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass
class ClaimGroup:
    id: str
    members: list[str]  # claim mention ids
    measure: str | None
    party: str | None
    attributed_to: str | None
    unit: str | None = None


@dataclass
class ConflictValue:
    document_id: str
    mention_id: str
    value: Any
    evidence: list[Evidence]


@dataclass
class Conflict:
    id: str
    kind: str  # claim_value, incident_date, incident_place, incident_victims, incident_perpetrator
    about: str  # claim group or incident cluster id
    values: list[ConflictValue]
    description: str = ""


@dataclass
class Citation:
    """Document ``document_id`` credits ``name``; ``target`` is the corpus document it
    resolves to (same publisher or url domain, published no later), if any."""

    document_id: str
    name: str
    relation: str | None
    target: str | None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Corroboration:
    cluster_id: str
    independent_origins: int
    origins: list[str]  # one document id per independent origin
    status: str  # single_source, corroborated, contested


@dataclass
class LinkResult:
    stories: list[Story] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    clusters: list[IncidentCluster] = field(default_factory=list)
    claim_groups: list[ClaimGroup] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    corroboration: list[Corroboration] = field(default_factory=list)
    projected: list[IncidentMention] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)  # which similarity components ran

    def story_of(self) -> dict[str, str]:
        return {d: s.id for s in self.stories for d in s.members}
