"""Exports of the filtered incident set (CSV, JSON, GeoJSON) from the list's own rows.

The rows are the same ones the incidents table shows (names withheld when the app
hides them), so an export never contains more than a viewer can see.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy import Connection

from rankfile.web.services.incidents import IncidentFilters, iter_incidents

CSV_COLUMNS = ["id", "title", "kind", "types", "status", "date_start", "date_end",
               "date_precision", "date_text", "place", "admin1", "country", "lat", "lon",
               "location_precision", "victims_count", "perpetrator_roles", "mentions",
               "documents", "origins"]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # no formula injection when opened in a spreadsheet
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in CSV_COLUMNS])
    return out.getvalue()


def to_geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": r["id"],
         "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
         "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")}}
        for r in rows if r.get("lat") is not None and r.get("lon") is not None]}


def export_incidents(conn: Connection, filters: IncidentFilters, fmt: str, *,
                     hide_names: bool = True) -> tuple[str, str, str]:
    """(body, media type, file name) of the filtered set in ``fmt``."""
    rows = iter_incidents(conn, filters, hide_names=hide_names)
    if fmt == "csv":
        return to_csv(rows), "text/csv; charset=utf-8", "incidents.csv"
    if fmt == "geojson":
        return (json.dumps(to_geojson(rows), ensure_ascii=False), "application/geo+json",
                "incidents.geojson")
    return json.dumps(rows, ensure_ascii=False), "application/json", "incidents.json"
