"""Corpus-level incidents (clusters of per-document mentions) as review sees them.

Linking puts every per-document incident into a cluster. Until it has run (or for
incidents added later), :func:`ensure_clusters` gives each unclustered incident a
cluster of its own, so pages and review work either way. :func:`cluster_summary`
merges the members' fields (most precise date and place, largest victim count, union
of roles and types) and then applies a reviewer's corrections, which always win.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from rankfile.records import stable_id
from rankfile.store.tables import (
    cluster_members,
    documents,
    incident_clusters,
    incidents,
    story_members,
)

DATE_PRECISION = ["day", "week", "month", "season", "quarter", "half", "year", "decade",
                  "unknown"]
PLACE_PRECISION = ["site", "village", "city", "near", "direction", "area", "region", "country",
                   "unknown"]
CORRECTABLE = ("types", "kind", "date", "place", "victims", "perpetrators")


def singleton_cluster_id(incident_id: str) -> str:
    return stable_id("icl", incident_id)


def _rank(order: list[str], value: str | None) -> int:
    return order.index(value) if value in order else len(order)


def _union(lists: Iterable[Iterable[str]]) -> list[str]:
    out: list[str] = []
    for values in lists:
        for v in values or []:
            if v not in out:
                out.append(v)
    return out


def title_for(types: list[str], summary: dict[str, Any]) -> str:
    what = (types[0] if types else "incident").replace("_", " ").capitalize()
    parts = [what]
    if summary.get("place"):
        parts.append(str(summary["place"]))
    if summary.get("date_start"):
        parts.append(str(summary["date_start"])[:7])
    return ", ".join(parts)


def merge_members(rows: list[Any], origins: int) -> dict[str, Any]:
    """One summary from the members' rows (incidents joined with nothing else)."""
    if not rows:
        return {"mentions": 0, "documents": 0, "origins": 0}
    dated = sorted((r for r in rows if r.date_start or r.date_text),
                   key=lambda r: (_rank(DATE_PRECISION, r.date_precision), r.date_start or "9"))
    placed = sorted((r for r in rows if r.location_text),
                    key=lambda r: (r.location_lat is None,
                                   _rank(PLACE_PRECISION, r.location_precision)))
    counts = [r.victims_count for r in rows if r.victims_count is not None]
    d, p = (dated[0] if dated else None), (placed[0] if placed else None)
    return {
        "date_text": d.date_text if d else None, "date_start": d.date_start if d else None,
        "date_end": d.date_end if d else None, "date_precision": d.date_precision if d else None,
        "place": (p.location_name or p.location_text) if p else None,
        "place_text": p.location_text if p else None,
        "country": p.location_country if p else None, "admin1": p.location_admin1 if p else None,
        "lat": p.location_lat if p else None, "lon": p.location_lon if p else None,
        "location_precision": p.location_precision if p else None,
        "victims_count": max(counts) if counts else None,
        "victims_names": _union(r.victims_names for r in rows),
        "victims_description": next((r.victims_description for r in rows
                                     if r.victims_description), None),
        "perpetrator_roles": _union(r.perpetrator_roles for r in rows),
        "perpetrator_names": _union(r.perpetrator_names for r in rows),
        "perpetrator_units": _union(r.perpetrator_units for r in rows),
        "triggers": _union(r.triggers for r in rows), "harms": _union(r.harms for r in rows),
        "evidence_kinds": _union(r.evidence_kinds for r in rows),
        "caveats": _union(r.caveats for r in rows),
        "mentions": len(rows), "documents": len({r.document_id for r in rows}),
        "origins": origins,
    }


def _short(value: Any, n: int) -> str | None:
    return str(value)[:n] if value not in (None, "") else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def list_columns(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary values copied into indexed columns, so the incident list needs no JSON scan."""
    return {"date_start": _short(summary.get("date_start"), 32),
            "date_end": _short(summary.get("date_end"), 32),
            "country": _short(summary.get("country"), 8),
            "origins": _int(summary.get("origins")), "mentions": _int(summary.get("mentions"))}


def apply_corrections(summary: dict[str, Any], corrected: dict[str, Any]) -> dict[str, Any]:
    """Reviewer corrections override the merged values; kept under ``corrected``."""
    out = dict(summary)
    for field, value in corrected.items():
        if field in ("types", "kind"):
            continue
        if isinstance(value, dict):
            out.update(value)
    out["corrected"] = corrected
    return out


def _origins(conn: Connection, doc_ids: list[str]) -> int:
    """Independent origins among documents: copies in one story (or same text) count once."""
    if not doc_ids:
        return 0
    story_of = dict(conn.execute(select(story_members.c.document_id, story_members.c.story_id)
                                 .where(story_members.c.document_id.in_(doc_ids))).all())
    dup_of = dict(conn.execute(select(documents.c.id, documents.c.duplicate_of)
                               .where(documents.c.id.in_(doc_ids))).all())
    return len({story_of.get(d) or dup_of.get(d) or d for d in doc_ids})


# summary keys that other stages or reviewers set and a refresh must keep
KEPT_KEYS = ("merged_into", "split_from", "independent_origins", "corroboration", "origin_documents")


def refresh_all_clusters(conn: Connection) -> int:
    """Recompute every cluster's merged summary after linking (two queries, not one per cluster)."""
    members: dict[str, list[Any]] = {}
    for row in conn.execute(select(cluster_members.c.cluster_id, incidents)
                            .join(incidents, cluster_members.c.incident_id == incidents.c.id)
                            .order_by(incidents.c.id)):
        members.setdefault(row.cluster_id, []).append(row)
    story_of = dict(conn.execute(select(story_members.c.document_id, story_members.c.story_id)).all())
    dup_of = dict(conn.execute(select(documents.c.id, documents.c.duplicate_of)).all())
    now = datetime.now(UTC)
    updates = []
    for cluster in conn.execute(select(incident_clusters)).all():
        rows = members.get(cluster.id, [])
        docs = {r.document_id for r in rows}
        origins = len({story_of.get(d) or dup_of.get(d) or d for d in docs})
        old = dict(cluster.summary or {})
        if isinstance(old.get("origins"), list):
            old["origin_documents"] = old["origins"]
        corrected = dict(old.get("corrected") or {})
        summary = apply_corrections(merge_members(rows, origins), corrected)
        summary.update({k: v for k, v in old.items() if k in KEPT_KEYS})
        types = corrected.get("types") or _union(r.types for r in rows) or list(cluster.types or [])
        kind = corrected.get("kind") or (
            "incident" if any(r.kind == "incident" for r in rows) or not rows else "pattern")
        updates.append({"cid": cluster.id, "summary": summary, "types": types, "kind": kind,
                        "title": title_for(types, summary), "updated": now,
                        **{f"c_{k}": v for k, v in list_columns(summary).items()}})
    if updates:
        from sqlalchemy import bindparam

        conn.execute(incident_clusters.update().where(incident_clusters.c.id == bindparam("cid"))
                     .values(summary=bindparam("summary"), types=bindparam("types"),
                             kind=bindparam("kind"), title=bindparam("title"),
                             updated=bindparam("updated"),
                             **{k: bindparam(f"c_{k}") for k in list_columns({})}), updates)
    return len(updates)


def refresh_cluster(conn: Connection, cluster_id: str, *, now: datetime | None = None) -> None:
    """Recompute a cluster's summary, types, kind and title from its members."""
    cluster = conn.execute(select(incident_clusters).where(incident_clusters.c.id == cluster_id)
                           ).first()
    if cluster is None:
        return
    rows = conn.execute(
        select(incidents).join(cluster_members, cluster_members.c.incident_id == incidents.c.id)
        .where(cluster_members.c.cluster_id == cluster_id).order_by(incidents.c.id)).all()
    corrected = dict((cluster.summary or {}).get("corrected") or {})
    extra = {k: v for k, v in (cluster.summary or {}).items() if k in KEPT_KEYS}
    summary = apply_corrections(
        merge_members(rows, _origins(conn, sorted({r.document_id for r in rows}))), corrected)
    summary.update(extra)
    types = corrected.get("types") or _union(r.types for r in rows)
    kind = corrected.get("kind") or (
        "incident" if any(r.kind == "incident" for r in rows) or not rows else "pattern")
    conn.execute(incident_clusters.update().where(incident_clusters.c.id == cluster_id).values(
        summary=summary, types=types, kind=kind, title=title_for(types, summary),
        updated=now or datetime.now(UTC), **list_columns(summary)))


def create_cluster(conn: Connection, cluster_id: str, incident_rows: list[Any],
                   status: str = "reported", summary: dict[str, Any] | None = None) -> None:
    """Insert a cluster over the given incident rows and compute its summary."""
    now = datetime.now(UTC)
    conn.execute(incident_clusters.insert().values(
        id=cluster_id, title=None, kind=None, types=[], summary=summary or {}, status=status,
        version=1, note=None, sensitive=False, created=now, updated=now))
    if incident_rows:
        conn.execute(cluster_members.insert(), [
            {"cluster_id": cluster_id, "incident_id": r.id, "document_id": r.document_id,
             "score": 1.0, "status": "confirmed", "added_by": "review.singleton"}
            for r in incident_rows])
    refresh_cluster(conn, cluster_id, now=now)


def ensure_clusters(conn: Connection, batch: int = 2000) -> int:
    """Give every incident that is in no cluster a cluster of its own; return how many."""
    made = 0
    while True:
        rows = conn.execute(
            select(incidents).outerjoin(cluster_members,
                                        cluster_members.c.incident_id == incidents.c.id)
            .where(cluster_members.c.cluster_id.is_(None)).limit(batch)).all()
        if not rows:
            return made
        for r in rows:
            create_cluster(conn, singleton_cluster_id(r.id), [r])
        made += len(rows)


def cluster_of(conn: Connection, incident_id: str) -> str | None:
    return conn.execute(select(cluster_members.c.cluster_id)
                        .where(cluster_members.c.incident_id == incident_id).limit(1)).scalar()


def member_count(conn: Connection, cluster_id: str) -> int:
    return conn.execute(select(func.count()).select_from(cluster_members)
                        .where(cluster_members.c.cluster_id == cluster_id)).scalar_one()
