"""Opening a store: the engine (SQLite in WAL mode, or PostgreSQL), migrations, archive.

``open_store`` is the one entry point: it accepts a file path or any SQLAlchemy URL,
creates the engine with the right settings for the backend, brings the schema to the
newest migration (Alembic ``upgrade head``, no alembic.ini needed) and picks where
originals are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from rankfile.config import Settings, database_url
from rankfile.store.archive import Archive, DatabaseArchive, FileArchive

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",  # durable at checkpoints; safe with WAL
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=30000",
    "PRAGMA cache_size=-32000",
)


def normalise_url(db: str) -> str:
    """A file path becomes a SQLite URL; ``postgresql://`` uses the psycopg 3 driver."""
    url = database_url(db)
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _configure_sqlite(engine: Engine) -> None:
    """WAL + pragmas, and let SQLAlchemy (not pysqlite) emit BEGIN so SAVEPOINTs work."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in SQLITE_PRAGMAS:
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("rankfile_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_store_engine(url: str, **kwargs: Any) -> Engine:
    """An engine tuned for the backend named by ``url``."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        parsed = make_url(url)
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    # psycopg prepares a statement on the server after its fifth run, and PostgreSQL then
    # may plan it once for any parameters: a full-text or LIKE query planned without its
    # words read every document (search 175 ms mean, 235 before ANALYZE, against 117 with
    # a plan per call on 24,000 reports). Planning each call costs well under a millisecond.
    if url.startswith("postgresql+psycopg"):
        kwargs.setdefault("connect_args", {}).setdefault("prepare_threshold", None)
    return create_engine(url, pool_pre_ping=True, **kwargs)


# the tables searches and lists plan on (ANALYZE of these, not of every schema's tables)
_ANALYZED = ("documents", "incidents", "evidence", "incident_clusters", "cluster_members",
             "claims", "cited_sources")


@dataclass(frozen=True)
class Store:
    """An open store: the engine plus where originals are kept."""

    engine: Engine
    archive: Archive
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading (a deferred transaction, rolled back at the end)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on error.

        On SQLite it takes the write lock up front (BEGIN IMMEDIATE) so two writers
        wait for each other instead of failing half way.
        """
        with self.engine.connect() as conn:
            conn = conn.execution_options(rankfile_write=True)
            with conn.begin():
                yield conn

    def after_batch(self) -> None:
        """Bring the database's own bookkeeping up to date after a large write.

        PostgreSQL keeps new full-text entries in a pending list that every search scans
        until a vacuum merges them, and plans queries from statistics autovacuum refreshes
        later: after bulk ingest it read every document's ``tsvector`` for a common word
        (145 ms where the index answers in 1.5 ms). SQLite needs nothing here.
        """
        if self.dialect != "postgresql":
            return
        with self.write() as conn:
            conn.execute(text("SELECT gin_clean_pending_list('ix_documents_tsv'::regclass)"))
            conn.execute(text(f"ANALYZE {', '.join(_ANALYZED)}"))

    def close(self) -> None:
        self.engine.dispose()


def default_archive(url: str, archive_dir: Path | None, in_database: bool) -> Archive:
    """Beside a SQLite file unless told otherwise; in the database for other backends."""
    if in_database:
        return DatabaseArchive()
    if archive_dir is not None:
        return FileArchive(Path(archive_dir).expanduser().resolve())
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return FileArchive(Path(parsed.database + ".archive"))
    return DatabaseArchive()


def open_store(
    db: str | None = None,
    *,
    settings: Settings | None = None,
    archive_dir: Path | None = None,
    archive_in_database: bool | None = None,
    upgrade: bool = True,
) -> Store:
    """Open (creating and migrating when needed) the store at ``db``.

    ``db`` is a file path or any SQLAlchemy URL; default: ``settings.db``
    (``RANKFILE_DB``, else ``./rankfile.db``).
    """
    settings = settings or Settings()
    url = normalise_url(db or settings.db)
    engine = create_store_engine(url)
    in_db = settings.archive_in_database if archive_in_database is None else archive_in_database
    archive = default_archive(url, archive_dir or settings.archive_dir, in_db)
    store = Store(engine=engine, archive=archive, url=url)
    if upgrade:
        from rankfile.store.migrations import upgrade_head

        upgrade_head(store.engine)
    return store
