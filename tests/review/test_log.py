"""The review log: append-only, hash-chained; tampering is found and located."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from rankfile.review import record_event, verify_chain
from rankfile.review.log import history
from rankfile.store import open_store
from rankfile.store.tables import review_events


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "r.db"))
    yield s
    s.close()


def _fill(store, n=3):
    with store.write() as conn:
        for i in range(n):
            record_event(conn, "ana", "set_status", "incident", f"icl-{i % 2}",
                         {"status": "reported"}, {"status": "verified", "n": i}, f"note {i}")


def test_chain_verifies_and_history_is_newest_first(store):
    _fill(store)
    with store.read() as conn:
        assert verify_chain(conn).ok and verify_chain(conn).events == 3
        events = history(conn, "incident", ["icl-0"])
    assert [e.seq for e in events] == [3, 1]


@pytest.mark.parametrize(("column", "value", "problem"), [
    ("note", "changed afterwards", "content does not match its hash"),
    ("actor", "mallory", "content does not match its hash"),
    ("prev_hash", "f" * 64, "previous hash does not match"),
])
def test_tampering_is_located(store, column, value, problem):
    _fill(store)
    with store.write() as conn:
        conn.execute(update(review_events).where(review_events.c.seq == 2)
                     .values(**{column: value}))
    with store.read() as conn:
        report = verify_chain(conn)
    assert not report.ok and report.bad_seq == 2 and report.problem == problem


def test_deleted_event_is_found(store):
    _fill(store)
    with store.write() as conn:
        conn.execute(review_events.delete().where(review_events.c.seq == 2))
    with store.read() as conn:
        report = verify_chain(conn)
    assert not report.ok and report.bad_seq == 3


@settings(max_examples=8, deadline=None)
@given(note=st.text(max_size=200), after=st.dictionaries(st.text(max_size=10),
                                                         st.integers() | st.text(max_size=20),
                                                         max_size=5))
def test_any_content_round_trips_through_the_hash(tmp_path_factory, note, after):
    s = open_store(str(tmp_path_factory.mktemp("h") / "r.db"))
    try:
        with s.write() as conn:
            record_event(conn, "ana", "correct_fields", "incident", "icl-x", None, after, note)
        with s.read() as conn:
            assert verify_chain(conn).ok
    finally:
        s.close()
