from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from rankfile.records import Attachment
from rankfile.store import (
    add_document,
    count_documents,
    document_id,
    find_document,
    get_document,
    get_original,
    list_documents,
)
from rankfile.store.tables import incidents, links


def test_same_bytes_twice_store_one_document(store, rec):
    doc = rec.make_doc(title="Report", published=date(2024, 4, 2), kind="news",
                   attachments=[Attachment("photo.jpg", "image/jpeg", 10)], cited=["chan"],
                   metadata={"encoding": "utf-8"})
    first = add_document(store, doc, rec.make_extraction())
    second = add_document(store, doc, rec.make_extraction())
    assert (first.status, second.status) == ("ingested", "present")
    assert first.document_id == second.document_id == document_id(doc.sha256)
    with store.read() as conn:
        assert count_documents(conn) == 1
        stored = get_document(conn, first.document_id)
        assert stored is not None
        assert stored.text == rec.TEXT and stored.published == date(2024, 4, 2)
        assert stored.attachments == [{"name": "photo.jpg", "media_type": "image/jpeg", "size": 10}]
        assert stored.cited == ["chan"] and stored.metadata == {"encoding": "utf-8"}
        assert stored.extractor_version == "test-1"
        assert get_original(store, conn, first.document_id) == rec.TEXT.encode()


def test_same_text_in_another_container_is_recognised(store, rec):
    pdf_text = rec.TEXT.replace("\n\n", "\n\n  ")  # whitespace differs, words do not
    html = add_document(store, rec.make_doc(original=b"<html>...</html>", source_format="html",
                                        url="https://example.org/a"), rec.make_extraction())
    pdf = add_document(store, rec.make_doc(text=pdf_text, original=b"%PDF-1.7 ...",
                                       source_format="pdf"), rec.make_extraction(pdf_text))
    assert pdf.status == "same_text" and pdf.duplicate_of == html.document_id
    with store.read() as conn:
        # the copy is kept (its original and metadata) but not extracted again
        assert conn.execute(select(func.count()).select_from(incidents)).scalar() == 1
        link = conn.execute(select(links)).one()
        assert (link.kind, link.source_id, link.target_id, link.status) == (
            "same_text", pdf.document_id, html.document_id, "confirmed")
        assert get_original(store, conn, pdf.document_id) == b"%PDF-1.7 ..."
        listed = list_documents(conn, include_duplicates=False)
        assert [d.id for d in listed] == [html.document_id]
    assert add_document(store, rec.make_doc(text=pdf_text, original=b"%PDF-1.7 ...",
                                        source_format="pdf")).status == "present"


def test_items_of_one_container_are_separate_documents(store, rec):
    export = b'{"messages": []}'
    a = add_document(store, rec.make_doc(text="first message text", original=export, part="1"))
    b = add_document(store, rec.make_doc(text="second message text", original=export, part="2"))
    assert a.status == b.status == "ingested" and a.document_id != b.document_id
    with store.read() as conn:
        assert get_original(store, conn, a.document_id) == export


def test_newer_extractor_reextracts(store, rec):
    doc = rec.make_doc()
    add_document(store, doc, rec.make_extraction(version="test-1"))
    again = add_document(store, doc, rec.make_extraction(version="test-2"))
    assert again.status == "reextracted"
    with store.read() as conn:
        assert get_document(conn, again.document_id).extractor_version == "test-2"
        assert conn.execute(select(func.count()).select_from(incidents)).scalar() == 1


def test_find_and_list(store, rec):
    a = add_document(store, rec.make_doc(name="alpha"), rec.make_extraction())
    add_document(store, rec.make_doc(text="Another short text.", name="beta"))
    with store.read() as conn:
        assert find_document(conn, "alpha").id == a.document_id
        assert find_document(conn, a.document_id[:10]).id == a.document_id
        assert find_document(conn, rec.make_doc(name="alpha").sha256[:12]).id == a.document_id
        assert find_document(conn, "nothing") is None
        listed = list_documents(conn)
        assert [d.name for d in listed] == ["alpha", "beta"]
        assert [d.incidents for d in listed] == [1, 0]
        assert list_documents(conn, limit=1, offset=1)[0].name == "beta"
