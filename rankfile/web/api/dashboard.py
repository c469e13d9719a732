"""Dashboard figures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import Connection

from rankfile.web.deps import count_cache, read_conn
from rankfile.web.services.dashboard import cached_dashboard

router = APIRouter(prefix="/dashboard", tags=["dashboard"])


@router.get("")
def dashboard(request: Request,
              conn: Annotated[Connection, Depends(read_conn)]) -> dict[str, Any]:
    """Counts by type and status, incidents per month, map points, top sources, conflicts."""
    return cached_dashboard(conn, count_cache(request))
