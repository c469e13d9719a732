"""Reading the corpus out of the store into linker records (no linking here)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from rankfile.link.corpus import ClaimMention, CorpusDocument, IncidentMention
from rankfile.store.extractions import claim_row_id, incident_row_id, load_extraction
from rankfile.store.tables import documents


def load_documents(conn: Connection, ids: Iterable[str] | None = None) -> list[CorpusDocument]:
    """Every stored document (or those in ``ids``) with its extraction, oldest id first."""
    query = select(documents.c.id, documents.c.name, documents.c.text, documents.c.published,
                   documents.c.language, documents.c.publisher, documents.c.url,
                   documents.c.title, documents.c.duplicate_of, documents.c.sha256)
    if ids is not None:
        query = query.where(documents.c.id.in_(list(ids)))
    out = []
    for r in conn.execute(query.order_by(documents.c.id)):
        doc = CorpusDocument(id=r.id, name=r.name, text=r.text, published=r.published,
                             language=r.language, publisher=r.publisher, url=r.url,
                             title=r.title, duplicate_of=r.duplicate_of, sha256=r.sha256)
        ext = load_extraction(conn, r.id)
        if ext is not None:
            doc.incidents = [IncidentMention(incident_row_id(r.id, i.id), r.id, i)
                             for i in ext.incidents]
            doc.claims = [ClaimMention(claim_row_id(r.id, c.id), r.id, c) for c in ext.claims]
            doc.sources_cited = list(ext.sources_cited)
        out.append(doc)
    return out
