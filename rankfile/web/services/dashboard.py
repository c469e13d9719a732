"""Dashboard figures: counted over de-duplicated incidents (clusters), not mentions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection, Numeric, cast, func, select

from rankfile.review.actions import MERGED
from rankfile.store.tables import (
    cited_sources,
    conflicts,
    documents,
    incident_clusters,
    review_events,
)
from rankfile.web.services.common import StampedCache
from rankfile.web.services.incidents import store_stamp

C = incident_clusters.c


def _counts_by_type(conn: Connection) -> dict[str, int]:
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(
            "SELECT t.value, count(*) FROM incident_clusters c, "
            "json_array_elements_text(c.types) AS t(value) WHERE c.status <> %(m)s "
            "GROUP BY t.value", {"m": MERGED}).all()
    else:
        rows = conn.exec_driver_sql(
            "SELECT t.value, count(*) FROM incident_clusters c, json_each(c.types) t "
            "WHERE c.status <> ? GROUP BY t.value", (MERGED,)).all()
    return dict(sorted(((str(k), int(n)) for k, n in rows), key=lambda kv: -kv[1]))


def dashboard(conn: Connection, *, top: int = 10) -> dict[str, Any]:
    """Counts by type and status, incidents per month, map points, top sources, conflicts."""
    live = C.status != MERGED
    total = conn.execute(select(func.count()).select_from(incident_clusters).where(live)
                         ).scalar_one()
    by_status: Counter[str] = Counter()
    for status, n in conn.execute(select(C.status, func.count()).where(live).group_by(C.status)):
        by_status["reported" if status == "proposed" else status] += n
    month = func.substr(C.summary["date_start"].as_string(), 1, 7)
    timeline = [{"month": m, "count": n} for m, n in conn.execute(
        select(month, func.count()).where(live, month.is_not(None)).group_by(month).order_by(month))]
    lat, lon = C.summary["lat"].as_float(), C.summary["lon"].as_float()
    # PostgreSQL rounds to n places only numerics, not double precision
    rlat, rlon = func.round(cast(lat, Numeric), 2), func.round(cast(lon, Numeric), 2)
    first_type = C.types[0].as_string()
    points: dict[tuple[float, float], dict[str, Any]] = {}
    for la, lo, place, t, n in conn.execute(
            select(rlat, rlon, func.min(C.summary["place"].as_string()), first_type, func.count())
            .where(live, lat.is_not(None), lon.is_not(None))
            .group_by(rlat, rlon, first_type)):
        la, lo = float(la), float(lo)
        p = points.setdefault((la, lo), {"lat": la, "lon": lo, "place": place, "count": 0,
                                         "types": {}})
        p["count"] += n
        p["types"][t or "unknown"] = p["types"].get(t or "unknown", 0) + n
    for p in points.values():
        p["type"] = max(p["types"], key=p["types"].get)
    sources = [{"name": name, "documents": n} for name, n in conn.execute(
        select(cited_sources.c.name, func.count(func.distinct(cited_sources.c.document_id))
               .label("n")).group_by(cited_sources.c.name).order_by(func.count(
                   func.distinct(cited_sources.c.document_id)).desc(), cited_sources.c.name)
        .limit(top))]
    latest = [{"id": r.id, "kind": r.kind, "description": r.description, "status": r.status,
               "group_kind": r.group_kind, "group_id": r.group_id,
               "created": r.created.isoformat() if r.created else None}
              for r in conn.execute(select(conflicts).order_by(conflicts.c.created.desc(),
                                                               conflicts.c.id).limit(top))]
    n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
    return {"incidents": total, "documents": n_docs, "by_type": _counts_by_type(conn),
            "by_status": dict(by_status.most_common()), "timeline": timeline,
            "map": sorted(points.values(), key=lambda p: -p["count"]),
            "top_sources": sources, "latest_conflicts": latest}


def dashboard_stamp(conn: Connection) -> tuple[Any, ...]:
    """Changes when clusters, documents or anything reviewed change (index lookups only)."""
    return (*store_stamp(conn),
            conn.execute(select(func.max(documents.c.seq))).scalar(),
            conn.execute(select(func.max(review_events.c.seq))).scalar())


def cached_dashboard(conn: Connection, cache: StampedCache) -> dict[str, Any]:
    """The dashboard, recomputed only when the store has changed (it aggregates every row).

    Shared between requests, so read-only: copying it for each request (a deep copy of
    one map point per place) cost more than rendering the page.
    """
    data: dict[str, Any] = cache.get("dashboard", dashboard_stamp(conn), lambda: dashboard(conn))
    return data
