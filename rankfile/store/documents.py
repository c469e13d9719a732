"""Documents in the store: add one (idempotently), look one up, list them.

Adding is idempotent twice over: by the sha256 of the original bytes (same file again
-> already present) and by the hash of the normalised text (an HTML page and its PDF
print -> stored as a lightweight row pointing at the first copy with
``duplicate_of``, linked ``same_text``, not extracted again). One document and all
its extracted rows are written in one transaction (a savepoint inside a batch).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, Literal

from sqlalchemy import Connection, and_, bindparam, func, or_, select

from rankfile.records import Extraction, SourceDocument, stable_id
from rankfile.store.engine import Store
from rankfile.store.extractions import extraction_columns, save_extraction
from rankfile.store.tables import documents, incidents, links

Status = Literal["ingested", "present", "same_text", "reextracted"]


@cache
def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rankfile")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def document_id(sha256: str) -> str:
    """Stable document id: ``doc-`` + the first 16 hex digits of its sha256."""
    return "doc-" + sha256[:16]


@dataclass
class AddResult:
    status: Status
    document_id: str
    duplicate_of: str | None = None


@dataclass
class StoredDocument:
    """A stored document with its metadata and normalised text."""

    id: str
    sha256: str
    text_sha256: str
    name: str
    text: str
    source_format: str
    title: str | None
    url: str | None
    publisher: str | None
    author: str | None
    published: date | None
    retrieved: datetime | None
    language: str | None
    kind: str | None
    path: str | None
    part: str | None
    original_size: int
    archive_key: str
    tool_version: str
    extractor_version: str | None
    duplicate_of: str | None
    attachments: list[dict[str, Any]]
    cited: list[str]
    metadata: dict[str, Any]
    extraction: dict[str, Any]
    reliability: str | None
    created: datetime


@dataclass
class DocumentSummary:
    """One line of a listing."""

    id: str
    name: str
    title: str | None
    published: date | None
    kind: str | None
    language: str | None
    source_format: str
    chars: int
    incidents: int
    duplicate_of: str | None


def _now() -> datetime:
    return datetime.now(UTC)


def _document_row(store: Store, conn: Connection, doc: SourceDocument, sha: str, text_sha: str,
                  retrieved: datetime | None, duplicate_of: str | None) -> dict[str, Any]:
    key = store.archive.put(doc.original, conn)
    return {
        "id": document_id(sha), "sha256": sha, "text_sha256": text_sha,
        "duplicate_of": duplicate_of, "name": doc.name, "title": doc.title, "url": doc.url,
        "publisher": doc.publisher, "author": doc.author, "published": doc.published,
        "retrieved": retrieved or _now(), "language": doc.language, "kind": doc.kind,
        "source_format": doc.source_format, "path": doc.path, "part": doc.part,
        "text": doc.text, "original_size": len(doc.original), "archive_key": key,
        "tool_version": tool_version(), "extractor_version": None,
        "attachments": [asdict(a) for a in doc.attachments], "cited": list(doc.cited),
        "metadata": doc.metadata, "extraction": {}, "reliability": None, "created": _now(),
    }


_LOOKUP = (
    select(documents.c.seq, documents.c.id, documents.c.sha256, documents.c.extractor_version,
           documents.c.extraction, documents.c.duplicate_of)
    .where(or_(documents.c.sha256 == bindparam("sha"),
               and_(documents.c.text_sha256 == bindparam("text"),
                    documents.c.duplicate_of.is_(None))))
)


def _add(store: Store, conn: Connection, doc: SourceDocument, extraction: Extraction | None,
         retrieved: datetime | None) -> AddResult:
    # one query for both identities: these bytes, or this text under another container
    sha, text_sha = doc.sha256, doc.text_sha256  # (properties: computed on each access)
    found = conn.execute(_LOOKUP, {"sha": sha, "text": text_sha}).all()
    existing = next((r for r in found if r.sha256 == sha), None)
    if existing is not None:
        if (extraction is None or existing.duplicate_of is not None
                or (existing.extractor_version == extraction.extractor_version
                    and (existing.extraction or {}).get("components") == extraction.components)):
            return AddResult("present", existing.id, existing.duplicate_of)
        save_extraction(conn, existing.id, extraction)
        return AddResult("reextracted", existing.id)
    first = min(((r.seq, r.id) for r in found if r.duplicate_of is None), default=(0, None))[1]
    row = _document_row(store, conn, doc, sha, text_sha, retrieved, first)
    if first is None and extraction is not None:
        row.update(extraction_columns(extraction))
    conn.execute(documents.insert(), row)
    if first is not None:
        now = _now()
        conn.execute(links.insert(), {
            "id": stable_id("lnk", "same_text", row["id"], first), "kind": "same_text",
            "source_kind": "document", "source_id": row["id"], "target_kind": "document",
            "target_id": first, "status": "confirmed", "score": 1.0,
            "features": {"text_sha256": text_sha}, "rule": "ingest.text_hash",
            "created": now, "updated": now})
        return AddResult("same_text", row["id"], first)
    if extraction is not None:
        save_extraction(conn, row["id"], extraction, new_document=True)
    return AddResult("ingested", row["id"])


def add_document(store: Store, doc: SourceDocument, extraction: Extraction | None = None, *,
                 conn: Connection | None = None, retrieved: datetime | None = None,
                 savepoint: bool = True) -> AddResult:
    """Store ``doc`` (and its extraction) unless it is already there.

    With ``conn`` (an open transaction, e.g. a batch) the document is written inside a
    savepoint, so an error rolls back this document only (``savepoint=False`` skips it:
    the caller then rolls back the whole transaction on error); without ``conn``, in
    its own transaction. A stored document whose extractor version or components
    differ from ``extraction``'s is re-extracted (its extracted rows replaced).
    """
    if conn is None:
        with store.write() as own:
            result = _add(store, own, doc, extraction, retrieved)
            store.archive.sync()  # originals on disk before the document is committed
            return result
    if not savepoint:
        return _add(store, conn, doc, extraction, retrieved)
    with conn.begin_nested():
        return _add(store, conn, doc, extraction, retrieved)


_COLUMNS = [c for c in documents.c if c.name != "seq"]


def _stored(row: Any) -> StoredDocument:
    m = row._mapping
    return StoredDocument(**{c.name: m[c.name] for c in _COLUMNS})


def get_document(conn: Connection, doc_id: str) -> StoredDocument | None:
    row = conn.execute(select(*_COLUMNS).where(documents.c.id == doc_id)).first()
    return _stored(row) if row else None


def find_document(conn: Connection, ref: str) -> StoredDocument | None:
    """By id, id prefix, sha256 (or prefix of at least 8) or exact name; None if ambiguous."""
    ref = ref.strip()
    doc = get_document(conn, ref)
    if doc is not None:
        return doc
    conds = [documents.c.name == ref]
    if len(ref) >= 8:
        conds.append(documents.c.sha256.startswith(ref, autoescape=True))
    if ref.startswith("doc-") and len(ref) > 4:
        conds.append(documents.c.id.startswith(ref, autoescape=True))
    rows = conn.execute(select(*_COLUMNS).where(or_(*conds)).limit(2)).all()
    return _stored(rows[0]) if len(rows) == 1 else None


def get_original(store: Store, conn: Connection, doc_id: str) -> bytes:
    """The document's original bytes, checked against their sha256."""
    key = conn.execute(select(documents.c.archive_key).where(documents.c.id == doc_id)).scalar()
    if key is None:
        raise KeyError(doc_id)
    return store.archive.get(key, conn)


def list_documents(conn: Connection, *, limit: int = 100, offset: int = 0,
                   include_duplicates: bool = True) -> list[DocumentSummary]:
    """Documents in the order they were stored, with their incident counts."""
    n_inc = (select(func.count()).select_from(incidents)
             .where(incidents.c.document_id == documents.c.id).scalar_subquery())
    q = select(documents.c.id, documents.c.name, documents.c.title, documents.c.published,
               documents.c.kind, documents.c.language, documents.c.source_format,
               func.length(documents.c.text).label("chars"), n_inc.label("incidents"),
               documents.c.duplicate_of)
    if not include_duplicates:
        q = q.where(documents.c.duplicate_of.is_(None))
    rows = conn.execute(q.order_by(documents.c.seq).limit(limit).offset(offset))
    return [DocumentSummary(**r._asdict()) for r in rows]


def count_documents(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(documents)).scalar_one()
