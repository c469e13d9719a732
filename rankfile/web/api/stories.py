"""Stories: documents that are copies or rewrites of one another."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Connection

from rankfile.web.deps import read_conn
from rankfile.web.services.claims import list_stories

router = APIRouter(prefix="/stories", tags=["stories"])


@router.get("")
def stories(conn: Annotated[Connection, Depends(read_conn)],
            page: Annotated[int, Query(ge=1, le=100_000)] = 1,
            per_page: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    """Stories with their copies and how each copy's figures differ from the origin."""
    return list_stories(conn, page, per_page).as_dict()
