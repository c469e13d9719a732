"""Shared pytest fixtures; each helper owns a marked section."""

from __future__ import annotations

# --------------------------------------------------------------------------- store fixtures
# Every storage test runs on SQLite (a file in tmp_path) and on PostgreSQL at
# RANKFILE_TEST_PG_URL, each PostgreSQL test in a fresh schema of its own.
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("RANKFILE_TEST_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database URL for an empty store: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "rankfile.db")
        return
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - no server: skip with the reason
        admin.dispose()
        pytest.skip(f"no PostgreSQL at {PG_URL}: {str(exc).splitlines()[0]}")
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(store_url: str, tmp_path):
    """An open, migrated store on each backend (originals beside SQLite, in PostgreSQL)."""
    from rankfile.store import open_store

    s = open_store(store_url)
    try:
        yield s
    finally:
        s.close()
# --------------------------------------------------------------------------- end store fixtures
