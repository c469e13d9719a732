"""Full-text search with highlighted snippets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from rankfile.store import Store
from rankfile.web.deps import get_store, hide_names, read
from rankfile.web.services.search import search_all, search_filters

router = APIRouter(prefix="/search", tags=["search"])


@router.get("")
async def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
                 store: Annotated[Store, Depends(get_store)],
                 hide: Annotated[bool, Depends(hide_names)],
                 page: Annotated[int, Query(ge=1, le=10_000)] = 1,
                 per_page: Annotated[int, Query(ge=1, le=100)] = 20,
                 kind: Annotated[str | None, Query(max_length=40,
                                                   description="document kind")] = None,
                 published_from: Annotated[str | None, Query(max_length=10,
                                                             description="YYYY-MM-DD")] = None,
                 published_to: Annotated[str | None, Query(max_length=10,
                                                           description="YYYY-MM-DD")] = None,
                 publisher: Annotated[str | None, Query(max_length=200, description=(
                     "a part of the publisher's name"))] = None) -> dict[str, Any]:
    """Documents (snippet parts flagged ``highlight``) and incidents matching ``q``, among
    the documents of that kind, publication dates and publisher."""
    filters = search_filters(kind, published_from, published_to, publisher)
    return await read(request, lambda conn: search_all(store, conn, q, page, per_page, filters,
                                                       hide_names=hide))
