from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from rankfile.config import Settings
from rankfile.store import open_store
from rankfile.store.archive import DatabaseArchive, FileArchive
from rankfile.store.engine import normalise_url
from rankfile.store.migrations import alembic_config
from rankfile.store.tables import metadata

DATA_MODEL = {"documents", "evidence", "incidents", "incident_clusters", "cluster_members",
              "claims", "claim_groups", "cited_sources", "stories", "story_members", "links",
              "conflicts", "review_events", "failures", "meta", "blobs"}


def test_open_store_creates_every_table(store):
    names = set(inspect(store.engine).get_table_names())
    assert names >= DATA_MODEL
    assert set(metadata.tables) <= names


def test_schema_is_at_the_newest_migration(store):
    head = ScriptDirectory.from_config(alembic_config(store.engine)).get_current_head()
    with store.read() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head


def test_reopening_is_a_no_op(store_url):
    first = open_store(store_url)
    first.close()
    again = open_store(store_url)
    with again.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    again.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    store = open_store(str(tmp_path / "x.db"))
    with store.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert isinstance(store.archive, FileArchive)
    assert store.archive.root == Path(str(tmp_path / "x.db") + ".archive")
    store.close()


def test_archive_location_follows_settings(tmp_path):
    db = str(tmp_path / "x.db")
    in_db = open_store(db, settings=Settings(db=db, archive_in_database=True))
    assert isinstance(in_db.archive, DatabaseArchive)
    in_db.close()
    elsewhere = open_store(db, archive_dir=tmp_path / "originals")
    assert elsewhere.archive.location == str(tmp_path / "originals")
    elsewhere.close()


def test_postgres_keeps_originals_in_the_database(store):
    if store.dialect == "postgresql":
        assert isinstance(store.archive, DatabaseArchive)


def test_urls_are_normalised(tmp_path):
    assert normalise_url(str(tmp_path / "a.db")).startswith("sqlite:////")
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_after_batch_runs_on_each_backend(store_url):
    """After a large write the store refreshes the database's bookkeeping (PostgreSQL:
    the full-text index's pending list and the planner's statistics); searches still work."""
    from rankfile.records import SourceDocument
    from rankfile.store import add_document, open_store, search

    store = open_store(store_url)
    try:
        add_document(store, SourceDocument(text="Soldiers were held in a pit.", original=b"x",
                                           source_format="txt", name="pit"))
        store.after_batch()
        store.after_batch()  # twice is fine
        assert [h.name for h in search(store, "pit")] == ["pit"]
    finally:
        store.close()
