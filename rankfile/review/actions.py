"""Review actions on corpus-level incidents, each one a review event.

Every action checks the ``version`` the reviewer saw (optimistic locking): when
someone else changed the incident in the meantime the action fails with
:class:`EditConflict` instead of silently overwriting their change. All functions
run in the caller's write transaction, so the change and its event land together.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, select

from rankfile.records import stable_id
from rankfile.review.clusters import (
    DATE_PRECISION,
    PLACE_PRECISION,
    create_cluster,
    refresh_cluster,
)
from rankfile.review.log import record_event
from rankfile.store.tables import (
    cluster_members,
    documents,
    evidence,
    incident_clusters,
    incidents,
    links,
    review_events,
)
from rankfile.taxonomy import load_taxonomy

MERGED = "merged"


class ReviewError(Exception):
    """A review action that cannot be done; ``status`` is the HTTP status to answer with."""

    status = 400


class NotFound(ReviewError):
    status = 404


class Invalid(ReviewError):
    status = 422


class EditConflict(ReviewError):
    status = 409


def statuses() -> list[str]:
    return list(load_taxonomy().review_statuses)


def _require_note(note: str | None) -> str:
    if not note or not note.strip():
        raise Invalid("a note saying why is required")
    return note.strip()


def _cluster(conn: Connection, cluster_id: str) -> Any:
    row = conn.execute(select(incident_clusters).where(incident_clusters.c.id == cluster_id)
                       ).first()
    if row is None:
        raise NotFound(f"no incident {cluster_id}")
    return row


def _bump(conn: Connection, cluster_id: str, version: int, **values: Any) -> int:
    """Write ``values`` only if the row is still at ``version``; return the new version."""
    res = conn.execute(incident_clusters.update()
                       .where(incident_clusters.c.id == cluster_id,
                              incident_clusters.c.version == version)
                       .values(version=version + 1, updated=datetime.now(UTC), **values))
    if res.rowcount == 1:
        return version + 1
    current = _cluster(conn, cluster_id)
    last = conn.execute(select(review_events.c.actor, review_events.c.at)
                        .where(review_events.c.target_kind == "incident",
                               review_events.c.target_id == cluster_id)
                        .order_by(review_events.c.seq.desc()).limit(1)).first()
    who = f" by {last.actor} at {last.at:%Y-%m-%d %H:%M}" if last else ""
    raise EditConflict(
        f"incident {cluster_id} was changed{who} after you opened it (you had version "
        f"{version}, it is now version {current.version}); reload the page to see that "
        "change, then apply yours again")


def _view(row: Any) -> dict[str, Any]:
    return {"status": row.status, "types": list(row.types or []), "kind": row.kind,
            "version": row.version}


def set_status(conn: Connection, actor: str, cluster_id: str, status: str, note: str | None,
               version: int) -> int:
    """Set a reviewed status (reported, corroborated, verified, disputed, rejected)."""
    note = _require_note(note)
    if status not in statuses():
        raise Invalid(f"status must be one of {', '.join(statuses())}")
    row = _cluster(conn, cluster_id)
    if row.status == MERGED:
        raise Invalid(f"incident {cluster_id} was merged into another")
    new = _bump(conn, cluster_id, version, status=status, note=note)
    record_event(conn, actor, "set_status", "incident", cluster_id,
                 {"status": row.status}, {"status": status, "version": new}, note)
    return new


# ------------------------------------------------------------------ field corrections


def _iso(value: Any, what: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise Invalid(f"{what} must be an ISO date (YYYY-MM-DD)") from exc


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise Invalid("names, roles and units are lists")
    return [str(v).strip() for v in value if str(v).strip()]


def _float(value: Any, lo: float, hi: float, what: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError) as exc:
        raise Invalid(f"{what} must be a number") from exc
    if not lo <= f <= hi:
        raise Invalid(f"{what} must be between {lo} and {hi}")
    return f


def validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Checked, normalised corrections; unknown fields and codes are refused."""
    tax = load_taxonomy()
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if value is None:
            continue
        if field == "types":
            types = _names(value)
            bad = [t for t in types if t not in tax.incident_types]
            if bad or not types:
                raise Invalid(f"unknown incident type(s): {', '.join(bad) or 'none given'}")
            out["types"] = types
        elif field == "kind":
            if value not in tax.incident_kinds:
                raise Invalid(f"kind must be one of {', '.join(tax.incident_kinds)}")
            out["kind"] = value
        elif field == "date":
            start, end = _iso(value.get("start"), "date start"), _iso(value.get("end"), "date end")
            if start and end and end < start:
                raise Invalid("date end is before date start")
            precision = value.get("precision") or ("day" if start and start == end else "unknown")
            if precision not in DATE_PRECISION:
                raise Invalid(f"date precision must be one of {', '.join(DATE_PRECISION)}")
            out["date"] = {"date_start": start, "date_end": end or start,
                           "date_precision": precision, "date_text": value.get("text") or start}
        elif field == "place":
            country = (value.get("country") or "").strip().upper() or None
            if country and (len(country) != 2 or not country.isalpha()):
                raise Invalid("country is a two-letter ISO 3166 code")
            precision = value.get("precision") or "unknown"
            if precision not in PLACE_PRECISION:
                raise Invalid(f"place precision must be one of {', '.join(PLACE_PRECISION)}")
            out["place"] = {"place": (value.get("name") or "").strip() or None,
                            "country": country, "admin1": value.get("admin1") or None,
                            "lat": _float(value.get("lat"), -90, 90, "latitude"),
                            "lon": _float(value.get("lon"), -180, 180, "longitude"),
                            "location_precision": precision}
        elif field == "victims":
            count = value.get("count")
            if count not in (None, ""):
                try:
                    count = int(count)
                except (TypeError, ValueError) as exc:
                    raise Invalid("victim count must be a whole number") from exc
                if count < 0:
                    raise Invalid("victim count cannot be negative")
            out["victims"] = {"victims_count": None if count == "" else count,
                              "victims_names": _names(value.get("names")),
                              "victims_description": value.get("description") or None}
        elif field == "perpetrators":
            roles = _names(value.get("roles"))
            bad = [r for r in roles if r not in tax.perpetrator_roles]
            if bad:
                raise Invalid(f"unknown perpetrator role(s): {', '.join(bad)}")
            out["perpetrators"] = {"perpetrator_roles": roles,
                                   "perpetrator_names": _names(value.get("names")),
                                   "perpetrator_units": _names(value.get("units"))}
        else:
            raise Invalid(f"cannot correct field {field!r}")
    if not out:
        raise Invalid("nothing to correct")
    return out


def correct_fields(conn: Connection, actor: str, cluster_id: str, changes: dict[str, Any],
                   note: str | None, version: int) -> int:
    """Correct type, kind, date, place, victims or perpetrators; corrections outlive re-linking."""
    note = _require_note(note)
    checked = validate_changes(changes)
    row = _cluster(conn, cluster_id)
    summary = dict(row.summary or {})
    corrected = {**(summary.get("corrected") or {}), **checked}
    before = {k: (summary.get("corrected") or {}).get(k) for k in checked}
    new = _bump(conn, cluster_id, version, summary={**summary, "corrected": corrected})
    refresh_cluster(conn, cluster_id)
    record_event(conn, actor, "correct_fields", "incident", cluster_id, before,
                 {**checked, "version": new}, note)
    return new


# ------------------------------------------------------------------ merge and split


def merge_incidents(conn: Connection, actor: str, keep_id: str, other_id: str, note: str | None,
                    version: int, other_version: int) -> int:
    """Move every mention of ``other_id`` into ``keep_id``; the other is marked merged."""
    note = _require_note(note)
    if keep_id == other_id:
        raise Invalid("cannot merge an incident with itself")
    keep, other = _cluster(conn, keep_id), _cluster(conn, other_id)
    if MERGED in (keep.status, other.status):
        raise Invalid("one of these incidents was already merged")
    new = _bump(conn, keep_id, version)
    _bump(conn, other_id, other_version, status=MERGED,
          summary={**(other.summary or {}), "merged_into": keep_id})
    moved = [r.incident_id for r in conn.execute(
        select(cluster_members.c.incident_id).where(cluster_members.c.cluster_id == other_id))]
    conn.execute(cluster_members.update().where(cluster_members.c.cluster_id == other_id)
                 .values(cluster_id=keep_id, added_by=f"review.merge:{actor}"))
    refresh_cluster(conn, keep_id)
    record_event(conn, actor, "merge", "incident", keep_id, _view(keep),
                 {"merged": other_id, "mentions": moved, "version": new}, note)
    record_event(conn, actor, "merged_into", "incident", other_id, _view(other),
                 {"status": MERGED, "merged_into": keep_id}, note)
    return new


def split_incident(conn: Connection, actor: str, cluster_id: str, incident_ids: list[str],
                   note: str | None, version: int) -> str:
    """Move the given mentions out into a new incident; return the new incident's id."""
    note = _require_note(note)
    row = _cluster(conn, cluster_id)
    members = {r.incident_id for r in conn.execute(
        select(cluster_members.c.incident_id).where(cluster_members.c.cluster_id == cluster_id))}
    chosen = sorted(set(incident_ids))
    if not chosen or not set(chosen) <= members:
        raise Invalid("choose mentions that belong to this incident")
    if set(chosen) == members:
        raise Invalid("leave at least one mention in the incident")
    _bump(conn, cluster_id, version)
    new_id = stable_id("icl", "split", cluster_id, *chosen)
    if conn.execute(select(incident_clusters.c.id).where(incident_clusters.c.id == new_id)
                    ).first():
        new_id = stable_id("icl", "split", cluster_id, *chosen, datetime.now(UTC).isoformat())
    create_cluster(conn, new_id, [], status=row.status if row.status != MERGED else "reported",
                   summary={"split_from": cluster_id})
    conn.execute(cluster_members.update()
                 .where(cluster_members.c.cluster_id == cluster_id,
                        cluster_members.c.incident_id.in_(chosen))
                 .values(cluster_id=new_id, added_by=f"review.split:{actor}"))
    refresh_cluster(conn, cluster_id)
    refresh_cluster(conn, new_id)
    record_event(conn, actor, "split", "incident", cluster_id, {"mentions": sorted(members)},
                 {"moved": chosen, "new_incident": new_id, "version": version + 1}, note)
    record_event(conn, actor, "split_from", "incident", new_id, None,
                 {"split_from": cluster_id, "mentions": chosen}, note)
    return new_id


# ------------------------------------------------------------------ add by selection


def add_incident(conn: Connection, actor: str, document_id: str, start: int, end: int,
                 types: list[str], kind: str, note: str | None) -> str:
    """A reviewer selected text in a document: store an incident with that evidence."""
    note = _require_note(note)
    checked = validate_changes({"types": types, "kind": kind})
    text = conn.execute(select(documents.c.text).where(documents.c.id == document_id)).scalar()
    if text is None:
        raise NotFound(f"no document {document_id}")
    if not 0 <= start < end <= len(text):
        raise Invalid(f"selection must lie within the text (0..{len(text)}) and not be empty")
    quote = text[start:end]
    if not quote.strip():
        raise Invalid("the selection is only white space")
    local_id = f"review-{start}-{end}"
    inc_id = stable_id("inc", document_id, local_id)
    if conn.execute(select(incidents.c.id).where(incidents.c.id == inc_id)).first():
        raise Invalid("an incident was already added for exactly this selection")
    ordinal = conn.execute(select(incidents.c.ordinal).where(incidents.c.document_id == document_id)
                           .order_by(incidents.c.ordinal.desc()).limit(1)).scalar()
    conn.execute(incidents.insert().values(
        id=inc_id, local_id=local_id, document_id=document_id, ordinal=(ordinal or 0) + 1,
        kind=checked["kind"], types=checked["types"], victims_names=[], perpetrator_roles=[],
        perpetrator_names=[], perpetrator_units=[], triggers=[], harms=[], evidence_kinds=[],
        caveats=[], confidence=1.0, rules=[f"review.select:{actor}"], status="reviewed"))
    conn.execute(evidence.insert().values(document_id=document_id, record_kind="incident",
                                          record_id=inc_id, ordinal=0, start=start, end=end,
                                          quote=quote))
    row = conn.execute(select(incidents).where(incidents.c.id == inc_id)).one()
    cluster_id = stable_id("icl", inc_id)
    create_cluster(conn, cluster_id, [row])
    record_event(conn, actor, "add_incident", "incident", cluster_id, None,
                 {"document_id": document_id, "start": start, "end": end, "quote": quote,
                  "types": checked["types"], "kind": checked["kind"], "mention": inc_id}, note)
    return cluster_id


# ------------------------------------------------------------------ suggested links


def decide_link(conn: Connection, actor: str, link_id: str, decision: str,
                note: str | None) -> str:
    """Confirm or reject a proposed link; returns the new link status."""
    note = _require_note(note)
    if decision not in ("confirm", "reject"):
        raise Invalid("decision is confirm or reject")
    row = conn.execute(select(links).where(links.c.id == link_id)).first()
    if row is None:
        raise NotFound(f"no link {link_id}")
    status = "confirmed" if decision == "confirm" else "rejected"
    if row.status == status:
        return status
    conn.execute(links.update().where(links.c.id == link_id)
                 .values(status=status, updated=datetime.now(UTC)))
    record_event(conn, actor, f"{decision}_link", "link", link_id, {"status": row.status},
                 {"status": status, "kind": row.kind, "source": row.source_id,
                  "target": row.target_id}, note)
    return status
