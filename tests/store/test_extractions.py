from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from rankfile.records import Extraction, to_dict
from rankfile.store import add_document, load_extraction
from rankfile.store.tables import (
    cluster_members,
    evidence,
    incident_clusters,
    incidents,
    review_events,
)


def test_extraction_round_trips(store, rec):
    ext = rec.make_extraction()
    added = add_document(store, rec.make_doc(), ext)
    with store.read() as conn:
        loaded = load_extraction(conn, added.document_id)
        assert to_dict(loaded) == to_dict(ext)
        for ev in conn.execute(select(evidence)):
            assert rec.TEXT[ev.start:ev.end] == ev.quote


def test_unextracted_document_has_no_extraction(store, rec):
    added = add_document(store, rec.make_doc())
    with store.read() as conn:
        assert load_extraction(conn, added.document_id) is None


def test_reextraction_replaces_rows_and_keeps_review_work(store, rec):
    doc = rec.make_doc()
    added = add_document(store, doc, rec.make_extraction(version="v1"))
    now = datetime.now(UTC)
    with store.read() as conn:
        inc_id = conn.execute(select(incidents.c.id)).scalar()
    with store.write() as conn:
        conn.execute(incident_clusters.insert().values(
            id="cl-1", status="confirmed", version=3, note="checked by hand", created=now,
            updated=now))
        conn.execute(cluster_members.insert().values(
            cluster_id="cl-1", incident_id=inc_id, document_id=added.document_id))
        conn.execute(review_events.insert().values(
            id="ev-1", seq=1, at=now, actor="a", action="confirm", target_kind="cluster",
            target_id="cl-1", prev_hash="0" * 64, hash="1" * 64))
    empty = Extraction(extractor_version="v2", components=["test@2"])
    assert add_document(store, doc, empty).status == "reextracted"
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(incidents)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(evidence)).scalar() == 0
        cluster = conn.execute(select(incident_clusters)).one()
        assert (cluster.status, cluster.version, cluster.note) == ("confirmed", 3, "checked by hand")
        assert conn.execute(select(func.count()).select_from(cluster_members)).scalar() == 1
        assert conn.execute(select(func.count()).select_from(review_events)).scalar() == 1
    assert add_document(store, doc, rec.make_extraction(version="v3")).status == "reextracted"
    with store.read() as conn:
        # the same extractor ids give the same stored ids: cluster members still point at them
        assert conn.execute(select(incidents.c.id)).scalar() == inc_id


def test_stored_ids_are_scoped_to_the_document(store, rec):
    a = add_document(store, rec.make_doc(original=b"a"), rec.make_extraction())
    b = add_document(store, rec.make_doc(text=rec.TEXT + " More.", original=b"b"),
                     rec.make_extraction(rec.TEXT + " More."))
    assert a.status == b.status == "ingested"
    with store.read() as conn:
        ids = conn.execute(select(incidents.c.id, incidents.c.local_id)).all()
        assert len({i for i, _ in ids}) == 2 and {local for _, local in ids} == {"inc-1"}
