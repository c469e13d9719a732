"""Corpus-level incidents: the filtered, sorted, paginated list and one incident's page.

Pages and API call these same functions. Lists read ``incident_clusters`` alone (its
merged ``summary``), so a page of 50 costs two indexed queries, not one per row.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
)

from rankfile.review.actions import MERGED
from rankfile.review.log import history
from rankfile.store.query import like_pattern, parse_query
from rankfile.store.tables import (
    cited_sources,
    cluster_members,
    conflicts,
    documents,
    evidence,
    incident_clusters,
    incidents,
    links,
    story_members,
)
from rankfile.taxonomy import load_taxonomy
from rankfile.web.services.common import (
    BadRequest,
    Missing,
    Page,
    StampedCache,
    check_page,
    redact,
    redactor,
    withhold,
)

C = incident_clusters.c
SORTS = ("date", "-date", "mentions", "-mentions", "title", "-title", "updated", "-updated")
CORROBORATION = ("single", "corroborated")
CONTEXT_CHARS = 160
COUNT_CAP = 10_000  # beyond this the list says "10,000+" instead of counting every row


@dataclass
class IncidentFilters:
    """What the incidents table can be narrowed by; every field optional."""

    type: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    region: str | None = None
    status: str | None = None
    corroboration: str | None = None
    source: str | None = None
    q: str | None = None
    sort: str = "-date"

    def checked(self) -> IncidentFilters:
        """Normalised copy; raises BadRequest with a message a user can act on."""
        tax = load_taxonomy()
        f = IncidentFilters(**{k.name: (getattr(self, k.name) or None) if k.name != "sort"
                               else (self.sort or "-date") for k in fields(self)})
        for name in ("source", "q", "region", "country"):
            value = getattr(f, name)
            setattr(f, name, value.strip() or None if isinstance(value, str) else None)
        if f.type and f.type not in tax.incident_types:
            raise BadRequest(f"unknown incident type {f.type!r}")
        if f.kind and f.kind not in tax.incident_kinds:
            raise BadRequest(f"kind must be one of {', '.join(tax.incident_kinds)}")
        if f.status and f.status not in tax.review_statuses:
            raise BadRequest(f"status must be one of {', '.join(tax.review_statuses)}")
        if f.corroboration and f.corroboration not in CORROBORATION:
            raise BadRequest("corroboration is single or corroborated")
        if f.sort not in SORTS:
            raise BadRequest(f"sort must be one of {', '.join(SORTS)}")
        if f.country:
            if len(f.country) != 2 or not f.country.isalpha():
                raise BadRequest("country is a two-letter ISO 3166 code")
            f.country = f.country.upper()
        for name in ("date_from", "date_to"):
            value = getattr(f, name)
            if value:
                try:
                    setattr(f, name, date.fromisoformat(value).isoformat())
                except ValueError as exc:
                    raise BadRequest(f"{name} must be an ISO date (YYYY-MM-DD)") from exc
        if f.date_from and f.date_to and f.date_to < f.date_from:
            raise BadRequest("date_to is before date_from")
        return f

    @property
    def scans_text(self) -> bool:
        """A free-text filter is set: matching it can mean reading text of every incident."""
        return any((getattr(self, name) or "").strip() for name in ("q", "source", "region"))

    def query_args(self) -> dict[str, str]:
        """The non-empty filters, for links that keep them (pagination, export)."""
        return {k.name: getattr(self, k.name) for k in fields(self)
                if getattr(self, k.name) and not (k.name == "sort" and self.sort == "-date")}


def _s(key: str) -> ColumnElement[Any]:
    return C.summary[key].as_string()


def _contains(col: ColumnElement[Any], pattern: str, dialect: str) -> ColumnElement[bool]:
    """``col`` contains the lower-cased ``pattern`` (from like_pattern), ignoring case.

    SQLite's LIKE already ignores case exactly where its ``lower()`` folds it (ASCII), so
    there the copy ``lower()`` makes of every value is skipped; elsewhere it is kept.
    """
    if dialect == "sqlite":
        return col.like(pattern, escape="\\")
    return func.lower(col).like(pattern, escape="\\")


def _text_match(pattern: str, dialect: str) -> ColumnElement[bool]:
    """The free-text filter on a cluster's own columns (its title and summary)."""
    return or_(_contains(C.title, pattern, dialect),
               _contains(cast(C.summary, String), pattern, dialect))


def _conditions(f: IncidentFilters, dialect: str = "") -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [C.status != MERGED]
    if f.type:
        conds.append(cast(C.types, String).like(f'%"{f.type}"%'))
    if f.kind:
        conds.append(C.kind == f.kind)
    if f.date_from:
        conds.append(func.coalesce(C.date_end, C.date_start) >= f.date_from)
    if f.date_to:
        conds.append(C.date_start <= f.date_to)
    if f.country:
        conds.append(C.country == f.country)
    if f.region:
        conds.append(_contains(_s("admin1"), like_pattern(f.region), dialect))
    if f.status == "reported":
        conds.append(C.status.in_(("reported", "proposed")))
    elif f.status:
        conds.append(C.status == f.status)
    if f.corroboration == "single":
        conds.append(func.coalesce(C.origins, 1) <= 1)
    elif f.corroboration == "corroborated":
        conds.append(C.origins >= 2)
    if f.source:
        pat = like_pattern(f.source)
        conds.append(exists(
            select(1).select_from(cluster_members.join(
                documents, documents.c.id == cluster_members.c.document_id))
            .where(cluster_members.c.cluster_id == C.id,
                   or_(*(_contains(col, pat, dialect) for col in
                         (documents.c.publisher, documents.c.name, documents.c.title,
                          documents.c.url))))))
    if f.q:
        conds.append(_query_match(f.q, dialect))
    return conds


def _says(pattern: str, dialect: str) -> ColumnElement[bool]:
    """The cluster's title, summary or a quote of one of its mentions contains ``pattern``.

    The quotes are searched once, in one pass over the evidence table (SQLite is kept off
    the record_kind index, which would look up each row's quote by itself), and their
    mentions lead to their clusters by the index of migration 0005: testing each
    cluster's evidence in turn cost 0.4-1.2 s at 100,000 incidents.
    """
    kind: ColumnElement[Any] = (literal_column("+evidence.record_kind") if dialect == "sqlite"
                                else evidence.c.record_kind)
    quoted = select(cluster_members.c.cluster_id).where(cluster_members.c.incident_id.in_(
        select(evidence.c.record_id).where(kind == "incident",
                                           _contains(evidence.c.quote, pattern, dialect))))
    return or_(_text_match(pattern, dialect), C.id.in_(quoted))


def _query_match(q: str, dialect: str) -> ColumnElement[bool]:
    """The free-text filter in search's language: every word or "phrase" somewhere in the
    incident's text (as a substring: "pit" also finds "pits"), ``a OR b``, ``-word``."""
    items = parse_query(q)
    if not items:  # nothing but punctuation: the text as typed
        return _says(like_pattern(q), dialect)
    return and_(*(or_(*(_says(like_pattern(t.text), dialect) for t in item)) if isinstance(item, list)
                  else not_(_says(like_pattern(item.text), dialect)) for item in items))


def _ordered(q: Select[Any], sort: str, dialect: str = "sqlite") -> Select[Any]:
    """Nulls last either way, then id: the order the sort indexes of migration 0003 hold."""
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    col: ColumnElement[Any] = {
        "date": C.date_start, "mentions": C.mentions, "title": C.title, "updated": C.updated}[key]
    order = col.desc() if desc else col.asc()
    last = C.id.desc() if desc else C.id.asc()
    if key == "updated":  # never null: a plain (updated, id) index serves both directions
        return q.order_by(order, last)
    return q.order_by(col.is_(None), order, last)


def _display_status(status: str) -> str:
    return "reported" if status == "proposed" else status


def row_view(r: Any, hide_names: bool) -> dict[str, Any]:
    s = r.summary or {}
    return {
        "id": r.id, "title": r.title, "kind": r.kind, "types": list(r.types or []),
        "status": _display_status(r.status), "version": r.version,
        "date_text": s.get("date_text"), "date_start": s.get("date_start"),
        "date_end": s.get("date_end"), "date_precision": s.get("date_precision"),
        "place": s.get("place"), "country": s.get("country"), "admin1": s.get("admin1"),
        "lat": s.get("lat"), "lon": s.get("lon"),
        "location_precision": s.get("location_precision"),
        "victims_count": s.get("victims_count"),
        "victims_names": withhold(s.get("victims_names"), hide_names),
        "perpetrator_roles": list(s.get("perpetrator_roles") or []),
        "mentions": s.get("mentions", 0), "documents": s.get("documents", 0),
        "origins": s.get("origins", 0),
        "updated": r.updated.isoformat() if r.updated else None,
    }


LIST_COLUMNS = (C.id, C.title, C.kind, C.types, C.status, C.version, C.summary, C.updated)


def _capped_count(conn: Connection, conds: list[ColumnElement[bool]], cap: int) -> int:
    """How many rows match, counting no further than ``cap + 1`` (an exact total costs a scan)."""
    sub = select(literal(1)).select_from(incident_clusters).where(*conds).limit(cap + 1).subquery()
    return int(conn.execute(select(func.count()).select_from(sub)).scalar_one())


def store_stamp(conn: Connection) -> tuple[Any, ...]:
    """Changes whenever a cluster is added, edited, merged or removed (two index lookups)."""
    # two scalar subqueries: SQLite answers a lone max() from an index, but not two in one
    return tuple(conn.execute(_STAMP).one())


def list_incidents(conn: Connection, filters: IncidentFilters, page: int = 1,
                   per_page: int = 50, *, hide_names: bool = True,
                   counts: StampedCache | None = None) -> Page:
    """One page of de-duplicated incidents matching ``filters``.

    The total is counted up to ``COUNT_CAP`` and, with ``counts``, remembered until the
    store changes, so paging through a filtered list does not count it again each time;
    so are the date groups that let a deep date-sorted page seek instead of skipping.
    """
    f = filters.checked()
    page, per_page = check_page(page, per_page)
    conds = _conditions(f, conn.dialect.name)
    offset = (page - 1) * per_page
    # the page's ids first: skipping rows then walks a covering index (migration 0003)
    # instead of reading every skipped row; then the 50 wide rows by primary key
    q: Select[Any] | None = None
    if counts is None:
        total = _capped_count(conn, conds, COUNT_CAP)
    else:
        key = tuple(sorted((k, v) for k, v in f.query_args().items() if k != "sort"))
        stamp = store_stamp(conn)
        total = counts.get(key, stamp, lambda: _capped_count(conn, conds, COUNT_CAP))
        if offset >= DEEP and f.sort.lstrip("-") == "date":
            groups = counts.get(("date groups", f.sort, *key), stamp,
                                lambda: _date_groups(conn, conds, f.sort))
            q = _from_group(conds, groups, offset, per_page, f.sort.startswith("-"))
    if q is None:
        q = _ordered(select(C.id).where(*conds), f.sort, conn.dialect.name).offset(offset)
    # past the last match (or none at all) the page is empty: no walk through the index
    # looking for rows that the count says are not there
    past_the_end = total <= COUNT_CAP and offset >= total  # an exact count only
    ids = [] if past_the_end else list(conn.execute(q.limit(per_page)).scalars())
    return Page(list_views(conn, ids, hide_names), min(total, COUNT_CAP), page, per_page,
                total_exact=total <= COUNT_CAP)


DEEP = 2_000  # from this offset on, a date-sorted page starts at its date instead


@dataclass(frozen=True)
class DateGroups:
    """Where each date starts in a date-sorted list: (date, first position), in list order.

    ``OFFSET 90000`` makes the engine step over 90,000 index entries. Knowing that the
    page's first row is the 37th of those dated 2023-05-01, the page is instead "rows
    from 2023-05-01 on, skip 36": a seek, then a short walk. Computed once per filter
    set, sort direction and store version (one pass over the same covering index).
    """

    dates: list[str]  # the dated groups, in list order (undated rows come last)
    starts: list[int]  # position of each group's first row
    dated: int  # how many rows have a date


def _date_groups(conn: Connection, conds: list[ColumnElement[bool]], sort: str) -> DateGroups:
    desc = sort.startswith("-")
    rows = conn.execute(select(C.date_start, func.count()).where(*conds, C.date_start.is_not(None))
                        .group_by(C.date_start)
                        .order_by(C.date_start.desc() if desc else C.date_start)).all()
    dates, starts, pos = [], [], 0
    for d, n in rows:
        dates.append(d)
        starts.append(pos)
        pos += int(n)
    return DateGroups(dates, starts, pos)


def _from_group(conds: list[ColumnElement[bool]], groups: DateGroups, offset: int,
                per_page: int, desc: bool) -> Select[Any] | None:
    """The ids query of a date-sorted page, by way of its date group; None: use OFFSET."""
    if offset + per_page > groups.dated or not groups.dates:
        return None  # the undated tail, or a page that runs into it: rare, plain OFFSET
    i = bisect_right(groups.starts, offset) - 1
    d = groups.dates[i]
    # "dated" spelt as the sort indexes' first column (an equality the engine can seek
    # on); with it fixed, ordering by date and id is the full list order, and lets the
    # engine walk the index instead of sorting
    dated = C.date_start.is_(None) == literal(False)
    since, order = ((C.date_start <= d, (C.date_start.desc(), C.id.desc())) if desc
                    else (C.date_start >= d, (C.date_start.asc(), C.id.asc())))
    return (select(C.id).where(*conds, dated, since).order_by(*order)
            .offset(offset - groups.starts[i]))


def list_views(conn: Connection, ids: list[str], hide_names: bool) -> list[dict[str, Any]]:
    """List rows for ``ids``, in that order (the rows of a page, of a search's incidents)."""
    if not ids:
        return []
    by_id = {r.id: r for r in conn.execute(_VIEWS, {"ids": ids}).all()}
    return [row_view(by_id[i], hide_names) for i in ids if i in by_id]


def iter_incidents(conn: Connection, filters: IncidentFilters, *, hide_names: bool = True,
                   batch: int = 1000, limit: int = 100_000) -> list[dict[str, Any]]:
    """Every incident matching ``filters`` (for exports), up to ``limit``."""
    f = filters.checked()
    q = _ordered(select(*LIST_COLUMNS).where(*_conditions(f, conn.dialect.name)), f.sort,
                 conn.dialect.name).limit(limit)
    return [row_view(r, hide_names) for r in conn.execute(q)]


# ------------------------------------------------------------------ one incident


# The incident page runs about ten small queries; building each SQLAlchemy statement
# anew (and computing its cache key) cost more than running it. These are built once,
# with bound parameters (``expanding`` for the IN lists).
def _ids(name: str) -> Any:
    return bindparam(name, expanding=True)


_CLUSTER = select(incident_clusters).where(C.id == bindparam("cluster_id"))
_MEMBERS = (select(incidents, cluster_members.c.score.label("member_score"),
                   cluster_members.c.status.label("member_status"))
            .join(cluster_members, cluster_members.c.incident_id == incidents.c.id)
            .where(cluster_members.c.cluster_id == bindparam("cluster_id"))
            .order_by(incidents.c.document_id, incidents.c.ordinal))
_DOCUMENTS = select(documents.c.id, documents.c.name, documents.c.title, documents.c.publisher,
                    documents.c.published, documents.c.url, documents.c.kind,
                    documents.c.duplicate_of, documents.c.text
                    ).where(documents.c.id.in_(_ids("doc_ids")))
_SPANS = (select(evidence).where(evidence.c.record_kind == "incident",
                                 evidence.c.record_id.in_(_ids("member_ids")))
          .order_by(evidence.c.record_id, evidence.c.ordinal))
_STORIES = select(story_members).where(story_members.c.document_id.in_(_ids("doc_ids")))
_SUGGESTIONS = (select(links).where(
    links.c.kind == "same_incident",
    or_(and_(links.c.source_kind.in_(("incident", "cluster")), links.c.source_id.in_(_ids("mine"))),
        and_(links.c.target_kind.in_(("incident", "cluster")), links.c.target_id.in_(_ids("mine")))))
    .order_by(links.c.score.desc()).limit(50))
_CONFLICTS = (select(conflicts).where(or_(
    conflicts.c.group_id == bindparam("cluster_id"), conflicts.c.a_id.in_(_ids("member_ids")),
    conflicts.c.b_id.in_(_ids("member_ids")))).order_by(conflicts.c.created.desc()).limit(50))
_CREDITS = (select(cited_sources).where(cited_sources.c.document_id.in_(_ids("doc_ids")))
            .order_by(cited_sources.c.document_id, cited_sources.c.ordinal))
_CITES = select(links).where(links.c.kind == "cites", links.c.source_kind == "document",
                             links.c.source_id.in_(_ids("doc_ids")))
_VIEWS = select(*LIST_COLUMNS).where(C.id.in_(_ids("ids")))
_STAMP = select(select(func.max(C.updated)).scalar_subquery(),
                select(func.max(C.id)).scalar_subquery())


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    a, b = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return {"before": ("…" if a > 0 else "") + text[a:start], "quote": text[start:end],
            "after": text[end:b] + ("…" if b < len(text) else ""), "start": start, "end": end}


def _member_rows(conn: Connection, cluster_id: str) -> list[Any]:
    return list(conn.execute(_MEMBERS, {"cluster_id": cluster_id}).all())


def _documents(conn: Connection, doc_ids: list[str]) -> dict[str, Any]:
    rows = conn.execute(_DOCUMENTS, {"doc_ids": doc_ids})
    return {r.id: r for r in rows}


def _origins_and_copies(conn: Connection, doc_ids: list[str],
                        docs: dict[str, Any]) -> list[dict[str, Any]]:
    """Member documents grouped by story: each group is one independent origin."""
    story_rows = conn.execute(_STORIES, {"doc_ids": doc_ids}).all()
    by_doc = {r.document_id: r for r in story_rows}
    groups: dict[str, dict[str, Any]] = {}
    for d in doc_ids:
        sm = by_doc.get(d)
        key = sm.story_id if sm else (docs[d].duplicate_of or d)
        g = groups.setdefault(key, {"story_id": sm.story_id if sm else None, "documents": []})
        g["documents"].append({"id": d, "name": docs[d].name, "title": docs[d].title,
                               "publisher": docs[d].publisher,
                               "published": docs[d].published.isoformat()
                               if docs[d].published else None,
                               "role": (sm.role if sm else
                                        ("copy" if docs[d].duplicate_of else "origin"))})
    for g in groups.values():
        g["documents"].sort(key=lambda x: (x["role"] != "origin", x["published"] or ""))
    return list(groups.values())


def _suggestions(conn: Connection, cluster_id: str, member_ids: list[str]) -> list[dict[str, Any]]:
    """Proposed same-incident links touching this incident or its mentions."""
    mine = [cluster_id, *member_ids]
    rows = conn.execute(_SUGGESTIONS, {"mine": mine}).all()
    out = []
    for r in rows:
        other_kind, other = ((r.target_kind, r.target_id) if r.source_id in mine
                             else (r.source_kind, r.source_id))
        other_cluster = other if other_kind == "cluster" else conn.execute(
            select(cluster_members.c.cluster_id).where(cluster_members.c.incident_id == other)
        ).scalar()
        if other_cluster == cluster_id:
            continue
        oc = conn.execute(select(C.id, C.title, C.version, C.status).where(C.id == other_cluster)
                          ).first() if other_cluster else None
        out.append({"link_id": r.id, "status": r.status, "score": r.score, "rule": r.rule,
                    "features": r.features, "other_id": oc.id if oc else None,
                    "other_title": oc.title if oc else other,
                    "other_version": oc.version if oc else None})
    return out


def _conflicts(conn: Connection, cluster_id: str, member_ids: list[str]) -> list[dict[str, Any]]:
    rows = conn.execute(_CONFLICTS, {"cluster_id": cluster_id, "member_ids": member_ids})
    return [{"id": r.id, "kind": r.kind, "description": r.description, "status": r.status,
             "details": r.details, "a": r.a_id, "b": r.b_id} for r in rows]


def _citations(conn: Connection, doc_ids: list[str], docs: dict[str, Any],
               pattern: Any) -> list[dict[str, Any]]:
    """Who each member document credits, and which stored documents it cites."""
    srcs = conn.execute(_CREDITS, {"doc_ids": doc_ids}).all()
    cites = conn.execute(_CITES, {"doc_ids": doc_ids}).all()
    out = []
    for d in doc_ids:
        out.append({"document_id": d, "document": docs[d].title or docs[d].name,
                    "credits": [{"name": redact(s.name, pattern), "kind": s.kind,
                                 "relation": s.relation} for s in srcs if s.document_id == d],
                    "cites_documents": [{"document_id": link.target_id, "status": link.status,
                                         "rule": link.rule}
                                        for link in cites if link.source_id == d]})
    return out


def get_incident(conn: Connection, cluster_id: str, *, hide_names: bool = True) -> dict[str, Any]:
    """Everything the incident page shows, in one dict."""
    row = conn.execute(_CLUSTER, {"cluster_id": cluster_id}).first()
    if row is None:
        raise Missing(f"no incident {cluster_id}")
    members = _member_rows(conn, cluster_id)
    member_ids = [m.id for m in members]
    doc_ids = sorted({m.document_id for m in members})
    docs = _documents(conn, doc_ids)
    spans = conn.execute(_SPANS, {"member_ids": member_ids}).all()
    summary = row.summary or {}
    names = list(summary.get("victims_names") or []) + [n for m in members
                                                         for n in m.victims_names or []]
    pattern = redactor(names) if hide_names else None
    mentions = []
    for m in members:
        d = docs[m.document_id]
        quotes = []
        for sp in spans:
            if sp.record_id == m.id:
                ctx = _context(d.text, sp.start, sp.end)
                quotes.append({k: redact(v, pattern) if isinstance(v, str) else v
                               for k, v in ctx.items()})
        mentions.append({
            "id": m.id, "document_id": m.document_id, "document": d.title or d.name,
            "publisher": d.publisher, "published": d.published.isoformat() if d.published else None,
            "kind": m.kind, "types": list(m.types), "date_text": m.date_text,
            "date_start": m.date_start, "date_precision": m.date_precision,
            "place_text": m.location_text, "victims_count": m.victims_count,
            "confidence": m.confidence, "rules": list(m.rules), "caveats": list(m.caveats),
            "status": m.member_status, "evidence": quotes})
    view = row_view(row, hide_names)
    view.update({
        "note": row.note, "merged_into": summary.get("merged_into"),
        "split_from": summary.get("split_from"),
        "admin1": summary.get("admin1"), "place_text": summary.get("place_text"),
        "victims_description": redact(summary.get("victims_description"), pattern),
        "perpetrator_names": list(summary.get("perpetrator_names") or []),
        "perpetrator_units": list(summary.get("perpetrator_units") or []),
        "triggers": list(summary.get("triggers") or []), "harms": list(summary.get("harms") or []),
        "evidence_kinds": list(summary.get("evidence_kinds") or []),
        "caveats": list(summary.get("caveats") or []),
        "corrected": sorted((summary.get("corrected") or {}).keys()),
        "mentions_detail": mentions,
        "origins_detail": _origins_and_copies(conn, doc_ids, docs),
        "suggestions": _suggestions(conn, cluster_id, member_ids),
        "conflicts": _conflicts(conn, cluster_id, member_ids),
        "citations": _citations(conn, doc_ids, docs, pattern),
        "history": [event_view(e) for e in history(conn, "incident", [cluster_id])],
    })
    return view


def event_view(e: Any) -> dict[str, Any]:
    return {"id": e.id, "seq": e.seq, "at": e.at.isoformat(timespec="seconds"), "actor": e.actor,
            "action": e.action, "target_kind": e.target_kind, "target_id": e.target_id,
            "before": e.before, "after": e.after, "note": e.note, "hash": e.hash}


def incident_version(conn: Connection, cluster_id: str) -> int:
    v = conn.execute(select(C.version).where(C.id == cluster_id)).scalar()
    if v is None:
        raise Missing(f"no incident {cluster_id}")
    return int(v)
