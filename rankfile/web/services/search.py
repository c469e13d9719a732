"""Full-text search over documents (snippets as parts, escaped by the renderer) and incidents."""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, String, bindparam, cast, func, select, text

from rankfile.review.actions import MERGED
from rankfile.store import Store
from rankfile.store.search import DocumentFilter, hits, matching, rank
from rankfile.store.tables import cluster_members, incidents
from rankfile.store.textmatch import compile_query
from rankfile.taxonomy import load_taxonomy
from rankfile.web.services.common import BadRequest, Page, check_page, redact, redactor
from rankfile.web.services.incidents import list_views

# incidents of a search are looked for in the best-matching documents only: the best 20,
# or fewer when they hold more than 200 incidents between them (always the best one), so
# a search's cost is bounded by the incidents it tests, not by how long its documents are
MAX_DOCUMENTS = 20
MAX_INCIDENTS = 200


def search_filters(kind: str | None = None, published_from: str | None = None,
                   published_to: str | None = None,
                   publisher: str | None = None) -> DocumentFilter:
    """The documents a search may look in, from request values; BadRequest says what is wrong."""
    if kind and kind not in load_taxonomy().document_kinds:
        raise BadRequest(f"kind must be one of {', '.join(load_taxonomy().document_kinds)}")
    dates: dict[str, date | None] = {}
    for name, value in (("published_from", published_from), ("published_to", published_to)):
        try:
            dates[name] = date.fromisoformat(value) if value else None
        except ValueError as exc:
            raise BadRequest(f"{name} must be an ISO date (YYYY-MM-DD)") from exc
    start, end = dates["published_from"], dates["published_to"]
    if start and end and end < start:
        raise BadRequest("published_to is before published_from")
    return DocumentFilter(kind or None, start, end, (publisher or "").strip()[:200] or None)


def search_all(store: Store, conn: Connection, q: str, page: int = 1, per_page: int = 20,
               filters: DocumentFilter | None = None, *,
               hide_names: bool = True) -> dict[str, Any]:
    """Documents matching ``q`` and ``filters`` (best first, highlighted snippets) and the
    top incidents of the best of them."""
    q = (q or "").strip()
    if not q:
        raise BadRequest("give words to search for")
    if len(q) > 500:
        raise BadRequest("the query is too long (500 characters at most)")
    page, per_page = check_page(page, per_page, 100)
    offset = (page - 1) * per_page
    want = per_page + 1
    # on the first page one ranking serves both the documents listed (copies left out)
    # and those whose incidents are searched (the best MAX_DOCUMENTS, copies included)
    limit = want + MAX_DOCUMENTS
    found = matching(conn, q, filters)
    ranked = rank(conn, q, limit if offset == 0 else MAX_DOCUMENTS, copies=True, within=found,
                  filters=filters)
    top = [r.document_id for r in ranked[:MAX_DOCUMENTS]]
    listed = [r for r in ranked if not r.copy][:want]
    if offset or (len(listed) < want and len(ranked) == limit):
        # a later page, or many copies among the best
        listed = rank(conn, q, want, offset, within=found, filters=filters)
    more = len(listed) > per_page
    shown = hits(conn, q, listed[:per_page])
    pattern = None
    if hide_names and shown:
        pattern = redactor(_victim_names(conn, [h.document_id for h in shown]))
    docs = [{"document_id": h.document_id, "name": h.name, "title": h.title,
             "published": h.published.isoformat() if h.published else None, "score": h.score,
             "parts": [{"text": redact(t, pattern), "highlight": hi} for t, hi in h.parts]}
            for h in shown]
    reported = incidents_in_documents(conn, top, q, 10, hide_names=hide_names)
    return {"q": q, "page": page, "per_page": per_page, "more": more, "documents": docs,
            "documents_total": min(found.count, found.window),
            "documents_total_exact": not found.windowed,
            "ranked_window": found.window if found.windowed else None,
            "incidents": reported.items, "incidents_total": reported.total,
            "incidents_total_exact": reported.total_exact}


def incidents_in_documents(conn: Connection, document_ids: list[str], q: str, limit: int = 10,
                           *, hide_names: bool = True) -> Page:
    """Incidents reported in ``document_ids`` (best first) whose text matches the search ``q``,
    most mentioned first.

    Matched the way the documents were (``rankfile.store.textmatch``: whole words, phrases,
    OR, -word, case and Latin accents ignored), on the incident's text: its title (type,
    place, month) and the evidence quotes of all its mentions, in these documents or
    elsewhere. The documents are taken in order while they hold no more than
    ``MAX_INCIDENTS`` between them (always the first).
    """
    matcher = compile_query(q)
    if matcher is None or not document_ids:
        return Page([], 0, 1, limit)
    docs = _within_budget(conn, document_ids)
    rows = conn.execute(_CANDIDATES, {"docs": docs, "merged": MERGED}).all()  # id, mentions, title
    quotes = _quotes(conn, docs, {r[0]: r[1] or 0 for r in rows})
    texts = ["\n".join([title or "", *quotes.get(cluster_id, ())]) for cluster_id, _, title in rows]
    found = [rows[i] for i in matcher.matching(texts)]
    # the list's "-mentions" order: most mentioned first, unknown counts last, then id descending
    found.sort(key=itemgetter(0), reverse=True)
    found.sort(key=lambda r: (r[1] is None, -(r[1] or 0)))
    return Page(list_views(conn, [r[0] for r in found[:limit]], hide_names), len(found), 1, limit)


def _within_budget(conn: Connection, document_ids: list[str]) -> list[str]:
    """The first of ``document_ids`` that hold no more than ``MAX_INCIDENTS`` incidents in all."""
    counts: dict[str, int] = {doc: n for doc, n in conn.execute(_COUNTS, {"docs": document_ids})}
    taken: list[str] = []
    held = 0
    for doc in document_ids:
        held += counts.get(doc, 0)
        if taken and held > MAX_INCIDENTS:
            break
        taken.append(doc)
    return taken


def _quotes(conn: Connection, docs: list[str], mentions: dict[str, int]) -> dict[str, list[str]]:
    """The evidence quotes of every mention of these incidents, per incident.

    Mentions in ``docs`` come in one pass over those documents' members and evidence (a
    LEFT JOIN: SQLite keeps its order, members first);
    an incident with more mentions than that (linked across documents) has its other
    mentions looked up.
    """
    out: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}  # the mentions in docs, per incident
    for cluster_id, incident_id, quote in conn.execute(_QUOTES_HERE, {"docs": docs}).all():
        seen.setdefault(cluster_id, set()).add(incident_id)
        if quote is not None:
            out.setdefault(cluster_id, []).append(quote)
    wider = [c for c, here in seen.items() if mentions.get(c, 0) > len(here)]
    if wider:
        for cluster_id, quote in conn.execute(_QUOTES_ELSEWHERE, {"clusters": wider, "docs": docs}):
            out.setdefault(cluster_id, []).append(quote or "")
    return out


_cm = cluster_members.c
_COUNTS = (select(_cm.document_id, func.count())
           .where(_cm.document_id.in_(bindparam("docs", expanding=True))).group_by(_cm.document_id))
# The joins start from the members (LEFT JOIN keeps that order in SQLite, CROSS JOIN forces
# it): without statistics SQLite would read every incident's evidence by record_kind first.
_CANDIDATES = text("""
SELECT c.id, c.mentions, c.title FROM incident_clusters c
WHERE c.id IN (SELECT cluster_id FROM cluster_members WHERE document_id IN :docs)
  AND c.status != :merged
""").bindparams(bindparam("docs", expanding=True))
_QUOTES_HERE = text("""
SELECT m.cluster_id, m.incident_id, e.quote FROM cluster_members m
LEFT JOIN evidence e ON e.record_kind = 'incident' AND e.record_id = m.incident_id
WHERE m.document_id IN :docs
""").bindparams(bindparam("docs", expanding=True))
_QUOTES_ELSEWHERE = text("""
SELECT m.cluster_id, e.quote FROM cluster_members m CROSS JOIN evidence e
WHERE m.cluster_id IN :clusters AND m.document_id NOT IN :docs
  AND e.record_kind = 'incident' AND e.record_id = m.incident_id
""").bindparams(bindparam("clusters", expanding=True), bindparam("docs", expanding=True))


def _victim_names(conn: Connection, document_ids: list[str]) -> list[str]:
    """Victim names of the incidents in ``document_ids`` (to blank them in snippets)."""
    # most incidents name no one: leave their empty lists in the database
    names = cast(incidents.c.victims_names, String)
    rows = conn.execute(select(incidents.c.victims_names).where(
        incidents.c.document_id.in_(document_ids), names.is_not(None), names != "[]",
        names != "null"))
    return [n for (ns,) in rows for n in ns or []]


def matching_documents(conn: Connection, q: str, limit: int = MAX_DOCUMENTS) -> list[str]:
    """Ids of the documents the full-text index matches (best first, copies included): the
    ones ``search_all`` looks for incidents in."""
    return [r.document_id for r in rank(conn, q, limit, copies=True)]
