"""The corpus export of FORMAT.md ("Corpus export"): one JSON object for the whole store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rankfile.export.view import ClaimRow, ConflictRow, DocumentRow, IncidentRow


def _number(v: float | None) -> float | int | None:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def corpus_json(documents: Iterable[DocumentRow], incidents: Iterable[IncidentRow],
                claims: Iterable[ClaimRow], conflicts: Iterable[ConflictRow]) -> dict[str, Any]:
    """The export object; pass filtered rows for a filtered export."""
    return {
        "documents": [{"name": d.name, "story": d.story, "published": d.published,
                       "sha256": d.sha256, "title": d.title, "publisher": d.publisher,
                       "url": d.url, "language": d.language} for d in documents],
        "incidents": [{
            "id": i.id, "kind": i.kind, "types": i.types,
            "independent_origins": i.independent_origins, "status": i.status,
            "review_status": i.review_status,
            "mentions": [{"document": m.document, "evidence": m.evidence,
                          "projected": m.projected, **m.facts} for m in i.mentions],
        } for i in incidents],
        "claims": [{
            "id": c.id, "measure": c.measure, "attributed_to": c.attributed_to,
            "party": c.party, "unit": c.unit,
            "mentions": [{"document": m.document, "value": _number(m.value),
                          "qualifier": m.qualifier, "evidence": m.evidence} for m in c.mentions],
        } for c in claims],
        "conflicts": [{"id": c.id, "kind": c.kind, "about": c.about, "status": c.status,
                       "description": c.description,
                       "values": [{**v, "value": _number(v["value"])} for v in c.values]}
                      for c in conflicts],
    }
