from __future__ import annotations

from rankfile.store.failures import clear_failures, failed_paths, list_failures, record_failure


def test_failures_are_remembered_counted_and_cleared(store):
    with store.write() as conn:
        record_failure(conn, "/in/a.txt", "empty file")
        record_failure(conn, "/in/export.json", "bad message", part="17")
        record_failure(conn, "/in/a.txt", "empty file again")
    with store.read() as conn:
        rows = list_failures(conn)
        assert [(f.path, f.part, f.reason, f.attempts) for f in rows] == [
            ("/in/a.txt", None, "empty file again", 2),
            ("/in/export.json", "17", "bad message", 1)]
        assert failed_paths(conn) == ["/in/a.txt", "/in/export.json"]
    with store.write() as conn:
        clear_failures(conn, "/in/a.txt")
        clear_failures(conn, "/in/export.json", parts=["3"])
    with store.read() as conn:
        assert failed_paths(conn) == ["/in/export.json"]
