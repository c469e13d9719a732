"""Incidents: list with filters, export of the filtered set, one incident."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import Connection

from rankfile.web.deps import count_cache, hide_names, read, read_conn
from rankfile.web.exports import export_incidents
from rankfile.web.services.incidents import IncidentFilters, get_incident, list_incidents

router = APIRouter(prefix="/incidents", tags=["incidents"])


async def incident_filters(
    type: Annotated[str | None, Query(max_length=60, description="incident type code")] = None,
    kind: Annotated[str | None, Query(max_length=20, description="incident or pattern")] = None,
    date_from: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(max_length=2, description="ISO 3166 alpha-2")] = None,
    region: Annotated[str | None, Query(max_length=100)] = None,
    status: Annotated[str | None, Query(max_length=20, description="review status")] = None,
    corroboration: Annotated[str | None, Query(max_length=20,
                                               description="single or corroborated")] = None,
    source: Annotated[str | None, Query(max_length=200,
                                        description="publisher, name, title or url")] = None,
    q: Annotated[str | None, Query(max_length=200, description='free text: words (each a substring of the title, summary or a quote), "phrases", OR, -word')] = None,
    sort: Annotated[str, Query(max_length=20, description="date, -date, mentions, title, "
                                                          "updated (minus: descending)")] = "-date",
) -> IncidentFilters:
    return IncidentFilters(type=type, kind=kind, date_from=date_from, date_to=date_to,
                           country=country, region=region, status=status,
                           corroboration=corroboration, source=source, q=q, sort=sort)


Filters = Annotated[IncidentFilters, Depends(incident_filters)]
Conn = Annotated[Connection, Depends(read_conn)]
Hide = Annotated[bool, Depends(hide_names)]


@router.get("")
async def incidents(request: Request, filters: Filters, hide: Hide,
                    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                    per_page: Annotated[int, Query(ge=1, le=200)] = 50) -> dict[str, Any]:
    """De-duplicated incidents matching the filters, one page."""
    return await read(request, lambda conn: list_incidents(
        conn, filters, page, per_page, hide_names=hide, counts=count_cache(request)).as_dict(),
        thread=filters.scans_text)


@router.get("/export", response_class=Response,
            responses={200: {"content": {"text/csv": {}, "application/json": {},
                                         "application/geo+json": {}}}})
def export(filters: Filters, conn: Conn, hide: Hide,
           format: Annotated[Literal["csv", "json", "geojson"], Query()] = "json") -> Response:
    """The whole filtered set as CSV, JSON or GeoJSON (a download)."""
    body, media, name = export_incidents(conn, filters, format, hide_names=hide)
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/{incident_id}")
async def incident(request: Request, incident_id: str, hide: Hide) -> dict[str, Any]:
    """One incident: fields, mentions with evidence, origins, links, conflicts, history."""
    return await read(request, lambda conn: get_incident(conn, incident_id, hide_names=hide))
