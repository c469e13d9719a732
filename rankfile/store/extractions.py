"""Save and load what extraction produced for one document.

Saving replaces the document's extracted rows (incidents, claims, cited sources,
mentions, evidence) in the caller's transaction, so re-extraction with a newer
extractor never leaves a mix of old and new rows. It never touches the document's
original, corpus-level clusters, their review fields or the review log.
Stored ids are scoped to the document (``inc-`` + hash of document id and the
extractor's id) because two copies of a story may produce the same extractor ids.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, select

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
    Victims,
    stable_id,
)
from rankfile.store.tables import (
    EXTRACTED_TABLES,
    cited_sources,
    claims,
    documents,
    evidence,
    incidents,
    mentions,
)


def incident_row_id(document_id: str, local_id: str) -> str:
    return stable_id("inc", document_id, local_id)


def claim_row_id(document_id: str, local_id: str) -> str:
    return stable_id("clm", document_id, local_id)


def cited_row_id(document_id: str, ordinal: int, name: str) -> str:
    return stable_id("src", document_id, ordinal, name)


def _evidence_rows(document_id: str, kind: str, record_id: str, spans: list[Evidence]) -> list[dict]:
    return [
        {"document_id": document_id, "record_kind": kind, "record_id": record_id, "ordinal": i,
         "start": ev.start, "end": ev.end, "quote": ev.text}
        for i, ev in enumerate(spans)
    ]


def _incident_row(document_id: str, ordinal: int, inc: Incident) -> dict[str, Any]:
    d = inc.date or DateValue(text="")
    loc = inc.location or Location(text="")
    return {
        "id": incident_row_id(document_id, inc.id), "local_id": inc.id,
        "document_id": document_id, "ordinal": ordinal, "kind": inc.kind, "types": list(inc.types),
        "date_text": d.text if inc.date else None, "date_start": d.start, "date_end": d.end,
        "date_precision": d.precision if inc.date else None, "date_month": d.month,
        "date_day": d.day, "date_year": d.year, "date_modifier": d.modifier,
        "date_anchor": d.anchor if inc.date else None,
        "location_text": loc.text if inc.location else None, "location_name": loc.name,
        "location_country": loc.country, "location_admin1": loc.admin1,
        "location_lat": loc.lat, "location_lon": loc.lon,
        "location_precision": loc.precision if inc.location else None,
        "location_geonameid": loc.geonameid,
        "victims_count": inc.victims.count, "victims_names": list(inc.victims.names),
        "victims_description": inc.victims.description,
        "perpetrator_roles": list(inc.perpetrators.roles),
        "perpetrator_names": list(inc.perpetrators.names),
        "perpetrator_units": list(inc.perpetrators.units),
        "triggers": list(inc.triggers), "harms": list(inc.harms), "duration": inc.duration,
        "evidence_kinds": list(inc.evidence_kinds), "caveats": list(inc.caveats),
        "confidence": inc.confidence, "rules": list(inc.rules), "status": "extracted",
    }


def delete_extraction(conn: Connection, document_id: str) -> None:
    """Remove a document's extracted rows (children first)."""
    for table in EXTRACTED_TABLES:
        conn.execute(delete(table).where(table.c.document_id == document_id))


def extraction_columns(extraction: Extraction) -> dict[str, Any]:
    """The document columns that say which extraction its rows came from."""
    return {
        "extractor_version": extraction.extractor_version,
        "extraction": {
            "components": list(extraction.components),
            "language": extraction.language,
            "published": extraction.published.isoformat() if extraction.published else None,
        },
    }


def save_extraction(conn: Connection, document_id: str, extraction: Extraction, *,
                    new_document: bool = False) -> None:
    """Replace ``document_id``'s extracted rows with ``extraction`` (caller's transaction).

    ``new_document``: the document row was just inserted with
    :func:`extraction_columns` already in it, so there is nothing to delete or update.
    """
    if not new_document:
        delete_extraction(conn, document_id)
    inc_rows, clm_rows, src_rows, ev_rows, mention_rows = [], [], [], [], []
    for i, inc in enumerate(extraction.incidents):
        row = _incident_row(document_id, i, inc)
        inc_rows.append(row)
        ev_rows += _evidence_rows(document_id, "incident", row["id"], inc.evidence)
    for i, c in enumerate(extraction.claims):
        rid = claim_row_id(document_id, c.id)
        clm_rows.append({
            "id": rid, "local_id": c.id, "document_id": document_id, "ordinal": i,
            "value": c.value, "low": c.low, "high": c.high, "unit": c.unit,
            "qualifier": c.qualifier, "measure": c.measure, "party": c.party,
            "time_scope": c.time_scope, "attributed_to": c.attributed_to,
            "rules": list(c.rules), "status": "extracted",
        })
        ev_rows += _evidence_rows(document_id, "claim", rid, c.evidence)
    for i, s in enumerate(extraction.sources_cited):
        rid = cited_row_id(document_id, i, s.name)
        src_rows.append({"id": rid, "document_id": document_id, "ordinal": i, "name": s.name,
                         "kind": s.kind, "relation": s.relation, "rules": list(s.rules)})
        ev_rows += _evidence_rows(document_id, "cited_source", rid, s.evidence)
    for m in extraction.dates:
        mention_rows.append({"document_id": document_id, "kind": "date", "start": m.start,
                             "end": m.end, "text": m.text, "value": asdict(m.value),
                             "rule": m.rule, "role": m.role})
    for p in extraction.places:
        mention_rows.append({"document_id": document_id, "kind": "place", "start": p.start,
                             "end": p.end, "text": p.text, "value": asdict(p.location),
                             "rule": p.rule, "role": None})
    for table, rows in ((incidents, inc_rows), (claims, clm_rows), (cited_sources, src_rows),
                        (evidence, ev_rows), (mentions, mention_rows)):
        if rows:
            conn.execute(table.insert(), rows)
    if not new_document:
        conn.execute(documents.update().where(documents.c.id == document_id)
                     .values(**extraction_columns(extraction)))


def _evidence_by_record(conn: Connection, document_id: str) -> dict[tuple[str, str], list[Evidence]]:
    rows = conn.execute(
        select(evidence.c.record_kind, evidence.c.record_id, evidence.c.start, evidence.c.end,
               evidence.c.quote)
        .where(evidence.c.document_id == document_id)
        .order_by(evidence.c.record_kind, evidence.c.record_id, evidence.c.ordinal)
    )
    out: dict[tuple[str, str], list[Evidence]] = {}
    for r in rows:
        out.setdefault((r.record_kind, r.record_id), []).append(
            Evidence(start=r.start, end=r.end, text=r.quote))
    return out


def _incident_from_row(r: Any, spans: list[Evidence]) -> Incident:
    date_value = None
    if r.date_text is not None:
        date_value = DateValue(text=r.date_text, start=r.date_start, end=r.date_end,
                               precision=r.date_precision or "unknown", month=r.date_month,
                               day=r.date_day, year=r.date_year, modifier=r.date_modifier,
                               anchor=r.date_anchor or "absolute")
    location = None
    if r.location_text is not None:
        location = Location(text=r.location_text, name=r.location_name,
                            country=r.location_country, admin1=r.location_admin1,
                            lat=r.location_lat, lon=r.location_lon,
                            precision=r.location_precision or "unknown",
                            geonameid=r.location_geonameid)
    return Incident(
        id=r.local_id, kind=r.kind, types=list(r.types), evidence=spans, date=date_value,
        location=location,
        victims=Victims(count=r.victims_count, names=list(r.victims_names),
                        description=r.victims_description),
        perpetrators=Perpetrators(roles=list(r.perpetrator_roles),
                                  names=list(r.perpetrator_names),
                                  units=list(r.perpetrator_units)),
        triggers=list(r.triggers), harms=list(r.harms), duration=r.duration,
        evidence_kinds=list(r.evidence_kinds), caveats=list(r.caveats),
        confidence=r.confidence, rules=list(r.rules),
    )


def load_extraction(conn: Connection, document_id: str) -> Extraction | None:
    """The stored extraction of ``document_id`` (extractor ids restored); None if never extracted."""
    doc = conn.execute(select(documents.c.extractor_version, documents.c.extraction)
                       .where(documents.c.id == document_id)).first()
    if doc is None or doc.extractor_version is None:
        return None
    spans = _evidence_by_record(conn, document_id)
    inc = [_incident_from_row(r, spans.get(("incident", r.id), []))
           for r in conn.execute(select(incidents).where(incidents.c.document_id == document_id)
                                 .order_by(incidents.c.ordinal))]
    clm = [Claim(id=r.local_id, value=r.value, evidence=spans.get(("claim", r.id), []),
                 low=r.low, high=r.high, unit=r.unit, qualifier=r.qualifier, measure=r.measure,
                 party=r.party, time_scope=r.time_scope, attributed_to=r.attributed_to,
                 rules=list(r.rules))
           for r in conn.execute(select(claims).where(claims.c.document_id == document_id)
                                 .order_by(claims.c.ordinal))]
    src = [CitedSource(name=r.name, evidence=spans.get(("cited_source", r.id), []), kind=r.kind,
                       relation=r.relation, rules=list(r.rules))
           for r in conn.execute(select(cited_sources)
                                 .where(cited_sources.c.document_id == document_id)
                                 .order_by(cited_sources.c.ordinal))]
    dates: list[DateMention] = []
    places: list[PlaceMention] = []
    for r in conn.execute(select(mentions).where(mentions.c.document_id == document_id)
                          .order_by(mentions.c.id)):
        if r.kind == "date":
            dates.append(DateMention(start=r.start, end=r.end, text=r.text,
                                     value=DateValue(**r.value), rule=r.rule, role=r.role))
        else:
            places.append(PlaceMention(start=r.start, end=r.end, text=r.text,
                                       location=Location(**r.value), rule=r.rule))
    info = doc.extraction or {}
    published = info.get("published")
    return Extraction(
        incidents=inc, claims=clm, sources_cited=src, dates=dates, places=places,
        language=info.get("language"),
        published=date.fromisoformat(published) if published else None,
        extractor_version=doc.extractor_version, components=list(info.get("components", [])),
    )
