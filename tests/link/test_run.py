"""Store round trip: incremental linking gives the same result as a full re-link."""

from rankfile.link.run import run_link
from rankfile.store import open_store
from rankfile.store.tables import cluster_members, links, story_members


def _partition(conn, table, group_col, item_col):
    groups: dict[str, set[str]] = {}
    for row in conn.execute(table.select()):
        groups.setdefault(getattr(row, group_col), set()).add(getattr(row, item_col))
    return sorted(sorted(g) for g in groups.values())


def _state(store):
    with store.read() as conn:
        return (_partition(conn, story_members, "story_id", "document_id"),
                _partition(conn, cluster_members, "cluster_id", "incident_id"))


def _run_with(monkeypatch, store, docs, **kw):
    monkeypatch.setattr("rankfile.link.run.load_documents", lambda conn: list(docs))
    return run_link(store, use_model=False, **kw)


def test_incremental_equals_full(corpus, tmp_path, monkeypatch):
    inc = open_store(str(tmp_path / "inc.db"))
    full = open_store(str(tmp_path / "full.db"))
    _seed(inc, corpus)
    _seed(full, corpus)
    first = _run_with(monkeypatch, inc, corpus[:2])
    assert not first.incremental
    second = _run_with(monkeypatch, inc, corpus)
    assert second.incremental and second.new_documents == 2
    _run_with(monkeypatch, full, corpus, full=True)
    assert _state(inc) == _state(full)


def test_rejected_link_survives_relink(corpus, tmp_path, monkeypatch):
    store = open_store(str(tmp_path / "r.db"))
    _seed(store, corpus)
    _run_with(monkeypatch, store, corpus)
    with store.write() as conn:
        conn.execute(links.update().where(links.c.kind == "same_incident")
                     .values(status="rejected"))
    _run_with(monkeypatch, store, corpus, full=True)
    with store.read() as conn:
        statuses = {r.status for r in conn.execute(links.select().where(links.c.kind == "same_incident"))}
    assert statuses == {"rejected"}
    clusters = _state(store)[1]
    assert ["inc-doc-a", "inc-doc-b"] not in clusters


def _seed(store, corpus):
    """Document rows so foreign keys hold (the linker reads them through load_documents)."""
    from datetime import UTC, datetime

    from rankfile.store.tables import documents

    with store.write() as conn:
        for d in corpus:
            conn.execute(documents.insert().values(
                id=d.id, sha256=d.id.ljust(64, "0"), text_sha256=d.id.ljust(64, "1"), name=d.name,
                text=d.text, source_format="txt", original_size=len(d.text),
                archive_key=d.id.ljust(64, "0"), tool_version="t", created=datetime.now(UTC)))
