"""The web benchmark's generated stores and URLs stay valid (a small run of each mix).

The benchmark is run by hand and takes minutes; this checks, in a second, that what it
generates is a store the app serves and that every URL it times answers 200.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def web_bench():
    spec = importlib.util.spec_from_file_location("bench_web", ROOT / "benchmarks" / "web.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_web"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("mix", ["news", "dense"])
def test_generated_store_serves_every_benchmark_url(web_bench, tmp_path, mix):
    from rankfile.config import Settings
    from rankfile.web.app import create_app

    db = str(tmp_path / f"{mix}.db")
    web_bench.generate(db, 300, mix)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM incident_clusters").fetchone()[0] == 300
        quotes = conn.execute("SELECT e.quote, d.text, e.start, e.\"end\" FROM evidence e "
                              "JOIN documents d ON d.id = e.document_id").fetchall()
    assert all(text[start:end] == quote for quote, text, start, end in quotes)
    urls = web_bench.cases(db, 12, mix)
    with TestClient(create_app(Settings(db=db))) as client:
        for name, paths in urls.items():
            for path in paths:
                assert client.get(path).status_code == 200, (name, path)
        word = {"news": "commander", "dense": "pit"}[mix]
        found = client.get("/api/search", params={"q": word}).json()
        assert found["documents"] and found["documents_total"] >= len(found["documents"])
