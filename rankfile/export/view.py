"""The linked corpus as plain rows, read from the store once for every export format.

Exporters take these rows (iterables), so the web app can pass a filtered subset.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from rankfile.store.tables import (
    claim_group_members,
    claim_groups,
    claims,
    cluster_members,
    conflicts,
    documents,
    evidence,
    incident_clusters,
    incidents,
    story_members,
)


@dataclass
class DocumentRow:
    id: str
    name: str
    story: str | None
    published: str | None
    sha256: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass
class MentionRow:
    id: str
    document_id: str
    document: str  # name
    evidence: list[dict[str, Any]]
    projected: bool = False
    facts: dict[str, Any] = field(default_factory=dict)  # date, place, victims, perpetrators


@dataclass
class IncidentRow:
    id: str
    kind: str | None
    types: list[str]
    independent_origins: int
    status: str  # corroboration status
    review_status: str
    mentions: list[MentionRow]
    summary: dict[str, Any] = field(default_factory=dict)


@dataclass
class ClaimMentionRow:
    id: str
    document: str
    value: float | None
    evidence: list[dict[str, Any]]
    qualifier: str | None = None
    unit: str | None = None


@dataclass
class ClaimRow:
    id: str
    measure: str | None
    attributed_to: str | None
    party: str | None
    unit: str | None
    mentions: list[ClaimMentionRow]


@dataclass
class ConflictRow:
    id: str
    kind: str
    about: str
    values: list[dict[str, Any]]
    description: str | None
    status: str


@dataclass
class CorpusView:
    documents: list[DocumentRow]
    incidents: list[IncidentRow]
    claims: list[ClaimRow]
    conflicts: list[ConflictRow]


def _spans(conn: Connection) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(select(evidence.c.record_kind, evidence.c.record_id, evidence.c.start,
                                 evidence.c.end, evidence.c.quote)
                          .order_by(evidence.c.record_id, evidence.c.ordinal)):
        out[(r.record_kind, r.record_id)].append({"start": r.start, "end": r.end, "text": r.quote})
    return out


def load_view(conn: Connection) -> CorpusView:
    """Everything the exports need, in deterministic order."""
    story = dict(conn.execute(select(story_members.c.document_id, story_members.c.story_id)).all())
    docs = [DocumentRow(r.id, r.name, story.get(r.id), r.published.isoformat() if r.published else None,
                        r.sha256, r.title, r.publisher, r.url, r.language)
            for r in conn.execute(select(documents).order_by(documents.c.name, documents.c.id))]
    name = {d.id: d.name for d in docs}
    spans = _spans(conn)
    facts = {}
    for r in conn.execute(select(incidents)):
        facts[r.id] = {
            "date": {"text": r.date_text, "start": r.date_start, "end": r.date_end,
                     "precision": r.date_precision} if r.date_text is not None else None,
            "location": {"text": r.location_text, "name": r.location_name,
                         "country": r.location_country, "admin1": r.location_admin1,
                         "lat": r.location_lat, "lon": r.location_lon}
            if r.location_text is not None else None,
            "victims": {"count": r.victims_count, "names": list(r.victims_names)},
            "perpetrators": {"roles": list(r.perpetrator_roles), "names": list(r.perpetrator_names),
                             "units": list(r.perpetrator_units)},
            "types": list(r.types),
        }
    members: dict[str, list[MentionRow]] = defaultdict(list)
    for r in conn.execute(select(cluster_members).order_by(cluster_members.c.cluster_id,
                                                           cluster_members.c.incident_id)):
        projected = r.status == "projected"
        ev = spans.get(("projected_incident" if projected else "incident", r.incident_id), [])
        members[r.cluster_id].append(MentionRow(r.incident_id, r.document_id,
                                                name.get(r.document_id, r.document_id), ev,
                                                projected, facts.get(r.incident_id, {})))
    incs = []
    for r in conn.execute(select(incident_clusters).order_by(incident_clusters.c.id)):
        s = dict(r.summary or {})
        ms = sorted(members.get(r.id, []), key=lambda m: (m.document, m.id))
        incs.append(IncidentRow(r.id, r.kind, list(r.types), int(s.get("independent_origins", 1)),
                                s.get("corroboration", "single_source"), r.status, ms, s))
    claim_rows = {r.id: r for r in conn.execute(select(claims))}
    group_members: dict[str, list[ClaimMentionRow]] = defaultdict(list)
    for r in conn.execute(select(claim_group_members).order_by(claim_group_members.c.claim_id)):
        c = claim_rows.get(r.claim_id)
        if c is not None:
            group_members[r.group_id].append(ClaimMentionRow(
                c.id, name.get(c.document_id, c.document_id), c.value,
                spans.get(("claim", c.id), []), c.qualifier, c.unit))
    groups = [ClaimRow(r.id, r.measure, (r.summary or {}).get("attributed_to"), r.party,
                       (r.summary or {}).get("unit"),
                       sorted(group_members.get(r.id, []), key=lambda m: (m.document, m.id)))
              for r in conn.execute(select(claim_groups).order_by(claim_groups.c.id))]
    confs = []
    for r in conn.execute(select(conflicts).order_by(conflicts.c.id)):
        values = [{"document": name.get(v["document_id"], v["document_id"]), "value": v["value"],
                   "evidence": [{"start": e["start"], "end": e["end"], "text": e["text"]}
                                for e in v.get("evidence", [])]}
                  for v in (r.details or {}).get("values", [])]
        confs.append(ConflictRow(r.id, r.kind, r.group_id, values, r.description, r.status))
    return CorpusView(docs, incs, groups, confs)
