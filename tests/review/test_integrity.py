"""`verify`: originals re-hashed against sha256, plus the review chain."""

from __future__ import annotations

from rankfile.records import SourceDocument
from rankfile.review.integrity import verify_store
from rankfile.store import add_document, open_store


def test_verify_store_finds_a_changed_original(tmp_path):
    store = open_store(str(tmp_path / "v.db"))
    doc = SourceDocument(text="A short note we wrote.", original=b"A short note we wrote.",
                         source_format="txt", name="note")
    add_document(store, doc)
    assert verify_store(store).ok
    path = store.archive.path_for(doc.sha256)  # type: ignore[attr-defined]
    path.write_bytes(b"tampered")
    report = verify_store(store)
    assert not report.ok and report.bad_originals[0][0].startswith("doc-")
    store.close()
