"""Claims (figures): aligned groups with conflicts, and single figures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Connection

from rankfile.web.deps import read_conn
from rankfile.web.services.claims import list_claim_groups, list_claims

router = APIRouter(prefix="/claims", tags=["claims"])
Conn = Annotated[Connection, Depends(read_conn)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
PerPage = Annotated[int, Query(ge=1, le=200)]
Measure = Annotated[str | None, Query(max_length=60)]


@router.get("/groups")
def claim_groups(conn: Conn, page: PageNo = 1, per_page: PerPage = 20, measure: Measure = None,
                 conflicted: bool = False) -> dict[str, Any]:
    """The same figure across documents, groups with conflicts first."""
    return list_claim_groups(conn, page, per_page, measure, conflicted).as_dict()


@router.get("")
def claims(conn: Conn, page: PageNo = 1, per_page: PerPage = 50, measure: Measure = None,
           document_id: Annotated[str | None, Query(max_length=40)] = None,
           ungrouped: bool = False) -> dict[str, Any]:
    """Single figures with their quote and attribution."""
    return list_claims(conn, page, per_page, measure, document_id, ungrouped).as_dict()
