"""Dashboard figures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy import Connection

from rankfile.web.deps import read_conn
from rankfile.web.services.dashboard import dashboard as dashboard_data

router = APIRouter(prefix="/dashboard", tags=["dashboard"])


@router.get("")
def dashboard(conn: Annotated[Connection, Depends(read_conn)]) -> dict[str, Any]:
    """Counts by type and status, incidents per month, map points, top sources, conflicts."""
    return dashboard_data(conn)
