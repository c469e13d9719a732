"""Fixtures for web tests: a filled SQLite store (built once, copied per test), a TestClient."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))  # web_factories, under --import-mode=importlib
from web_factories import build_store  # noqa: E402

from rankfile.config import Settings
from rankfile.store import Store, open_store
from rankfile.web.app import create_app


@pytest.fixture(scope="session")
def template_store(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("web-template")
    store = open_store(str(root / "web.db"))
    ids = build_store(store)
    store.close()  # the last connection closing checkpoints the WAL into the file
    return root, ids


@pytest.fixture
def web_store(tmp_path, template_store) -> Iterator[tuple[Store, dict[str, str], Settings]]:
    root, ids = template_store
    shutil.copy(root / "web.db", tmp_path / "web.db")
    shutil.copytree(root / "web.db.archive", tmp_path / "web.db.archive")
    settings = Settings(db=str(tmp_path / "web.db"))
    store = open_store(settings.db, settings=settings, upgrade=False)
    yield store, dict(ids), settings
    store.close()


@pytest.fixture
def client(web_store) -> Iterator[TestClient]:
    store, _ids, settings = web_store
    with TestClient(create_app(settings, store)) as c:
        yield c


@pytest.fixture
def ids(web_store) -> dict[str, str]:
    return web_store[1]
