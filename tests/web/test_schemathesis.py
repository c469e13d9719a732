"""Property-based API run: every operation in /api/openapi.json, no server errors.

Bounded (few examples per operation) so the suite stays fast.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from web_factories import build_store

from rankfile.config import Settings
from rankfile.store import open_store
from rankfile.web.app import create_app

_TMP = tempfile.TemporaryDirectory(prefix="rankfile-schemathesis-")
_SETTINGS = Settings(db=str(Path(_TMP.name) / "web.db"))
_STORE = open_store(_SETTINGS.db, settings=_SETTINGS)
build_store(_STORE)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(_SETTINGS, _STORE))


@schema.parametrize()
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
