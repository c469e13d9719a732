"""Incidents as CSV: one row per mention (a document reporting an incident)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from rankfile.export.view import IncidentRow

COLUMNS = ("incident", "kind", "types", "independent_origins", "status", "document",
           "date", "place", "country", "victims", "perpetrator_roles", "evidence")


def incident_rows(incidents: Iterable[IncidentRow]) -> Iterable[dict[str, object]]:
    for inc in incidents:
        for m in inc.mentions:
            f = m.facts
            yield {
                "incident": inc.id, "kind": inc.kind, "types": ";".join(inc.types),
                "independent_origins": inc.independent_origins, "status": inc.status,
                "document": m.document,
                "date": ((f.get("date") or {}).get("start") or "") if f else "",
                "place": ((f.get("location") or {}).get("name") or "") if f else "",
                "country": ((f.get("location") or {}).get("country") or "") if f else "",
                "victims": ((f.get("victims") or {}).get("count") or "") if f else "",
                "perpetrator_roles": ";".join((f.get("perpetrators") or {}).get("roles", [])) if f else "",
                "evidence": " | ".join(e["text"] for e in m.evidence),
            }


def write_incidents_csv(incidents: Iterable[IncidentRow], fh: TextIO) -> None:
    writer = csv.DictWriter(fh, fieldnames=COLUMNS)
    writer.writeheader()
    for row in incident_rows(incidents):
        writer.writerow(row)
