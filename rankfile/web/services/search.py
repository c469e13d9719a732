"""Full-text search over documents (snippets as parts, escaped by the renderer) and incidents."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, String, cast, select, text

from rankfile.store import Store
from rankfile.store.search import fts5_query, hits, rank
from rankfile.store.tables import documents, incidents
from rankfile.web.services.common import BadRequest, check_page, redact, redactor
from rankfile.web.services.incidents import incidents_in_documents

MAX_DOCUMENTS = 20  # incidents of search are looked for in the best-matching documents only


def search_all(store: Store, conn: Connection, q: str, page: int = 1, per_page: int = 20,
               kind: str | None = None, *, hide_names: bool = True) -> dict[str, Any]:
    """Documents matching ``q`` (best first, highlighted snippets) and the top incidents."""
    q = (q or "").strip()
    if not q:
        raise BadRequest("give words to search for")
    if len(q) > 500:
        raise BadRequest("the query is too long (500 characters at most)")
    page, per_page = check_page(page, per_page, 100)
    offset = (page - 1) * per_page
    want = per_page * (4 if kind else 1) + 1
    # on the first page one ranking serves both the documents listed (copies left out)
    # and those whose incidents are searched (the best MAX_DOCUMENTS, copies included)
    limit = want + MAX_DOCUMENTS
    ranked = rank(conn, q, limit if offset == 0 else MAX_DOCUMENTS, copies=True)
    top = [r.document_id for r in ranked[:MAX_DOCUMENTS]]
    listed = [r for r in ranked if not r.copy][:want]
    if offset or (len(listed) < want and len(ranked) == limit):
        listed = rank(conn, q, want, offset)  # a later page, or many copies among the best
    if kind:
        kinds = dict(conn.execute(select(documents.c.id, documents.c.kind).where(
            documents.c.id.in_([r.document_id for r in listed]))).all())
        listed = [r for r in listed if kinds.get(r.document_id) == kind]
    more = len(listed) > per_page
    shown = hits(conn, q, listed[:per_page])
    pattern = None
    if hide_names and shown:
        pattern = redactor(_victim_names(conn, [h.document_id for h in shown]))
    docs = [{"document_id": h.document_id, "name": h.name, "title": h.title,
             "published": h.published.isoformat() if h.published else None, "score": h.score,
             "parts": [{"text": redact(t, pattern), "highlight": hi} for t, hi in h.parts]}
            for h in shown]
    found = incidents_in_documents(conn, top, q, 10, hide_names=hide_names)
    return {"q": q, "page": page, "per_page": per_page, "more": more, "documents": docs,
            "incidents": found.items, "incidents_total": found.total,
            "incidents_total_exact": found.total_exact}


def _victim_names(conn: Connection, document_ids: list[str]) -> list[str]:
    """Victim names of the incidents in ``document_ids`` (to blank them in snippets)."""
    # most incidents name no one: leave their empty lists in the database
    names = cast(incidents.c.victims_names, String)
    rows = conn.execute(select(incidents.c.victims_names).where(
        incidents.c.document_id.in_(document_ids), names.is_not(None), names != "[]",
        names != "null"))
    return [n for (ns,) in rows for n in ns or []]


_IDS_SQLITE = text("SELECT d.id FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                   "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts), d.seq LIMIT :n")
_IDS_POSTGRES = text("SELECT d.id FROM documents d, websearch_to_tsquery('simple', :q) q "
                     "WHERE d.tsv @@ q ORDER BY ts_rank_cd(d.tsv, q) DESC, d.seq LIMIT :n")


def matching_documents(conn: Connection, q: str, limit: int = MAX_DOCUMENTS) -> list[str]:
    """Ids of the documents the full-text index matches (best first, copies included)."""
    expr = fts5_query(q.replace("\x00", " "))
    if expr is None:
        return []
    if conn.dialect.name == "sqlite":
        return list(conn.execute(_IDS_SQLITE, {"q": expr, "n": limit}).scalars())
    return list(conn.execute(_IDS_POSTGRES, {"q": q.replace("\x00", " "), "n": limit}).scalars())
