"""The store: SQLite (default) or PostgreSQL, behind a few plain functions.

    store = open_store("rankfile.db")          # or "postgresql+psycopg://..."
    add_document(store, source_document, extraction)
    with store.read() as conn: get_document(conn, "doc-...")
    search(store, "tied to a tree")
"""

from rankfile.store.documents import (
    AddResult,
    DocumentSummary,
    StoredDocument,
    add_document,
    count_documents,
    document_id,
    find_document,
    get_document,
    get_original,
    list_documents,
)
from rankfile.store.engine import Store, open_store
from rankfile.store.extractions import load_extraction, save_extraction
from rankfile.store.search import SearchHit, search

__all__ = [
    "AddResult", "DocumentSummary", "SearchHit", "Store", "StoredDocument", "add_document",
    "count_documents", "document_id", "find_document", "get_document", "get_original",
    "list_documents", "load_extraction", "open_store", "save_extraction", "search",
]
