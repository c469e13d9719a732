"""Incidents with coordinates as a GeoJSON FeatureCollection (one feature per incident)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rankfile.export.view import IncidentRow


def incidents_geojson(incidents: Iterable[IncidentRow]) -> dict[str, Any]:
    features = []
    for inc in incidents:
        loc = next(((m.facts.get("location") or {}) for m in inc.mentions
                    if (m.facts.get("location") or {}).get("lat") is not None), None)
        if not loc:
            continue
        features.append({
            "type": "Feature", "id": inc.id,
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
            "properties": {"kind": inc.kind, "types": inc.types, "place": loc.get("name"),
                           "country": loc.get("country"),
                           "independent_origins": inc.independent_origins,
                           "status": inc.status,
                           "documents": sorted({m.document for m in inc.mentions})},
        })
    return {"type": "FeatureCollection", "features": features}
