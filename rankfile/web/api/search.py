"""Full-text search with highlighted snippets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from rankfile.store import Store
from rankfile.web.deps import get_store, hide_names, read
from rankfile.web.services.search import search_all

router = APIRouter(prefix="/search", tags=["search"])


@router.get("")
async def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
                 store: Annotated[Store, Depends(get_store)],
                 hide: Annotated[bool, Depends(hide_names)],
                 page: Annotated[int, Query(ge=1, le=10_000)] = 1,
                 per_page: Annotated[int, Query(ge=1, le=100)] = 20,
                 kind: Annotated[str | None, Query(max_length=40)] = None) -> dict[str, Any]:
    """Documents (snippet parts flagged ``highlight``) and incidents matching ``q``."""
    return await read(request, lambda conn: search_all(store, conn, q, page, per_page, kind,
                                                       hide_names=hide))
