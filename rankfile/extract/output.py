"""The per-document extraction contract of ``shared/eval/FORMAT.md`` (one JSON object)."""

from __future__ import annotations

from typing import Any

from rankfile.records import Extraction, SourceDocument, to_dict


def contract_json(doc: SourceDocument, extraction: Extraction) -> dict[str, Any]:
    """FORMAT.md's object for one document, plus extra fields (ignored by the scorer)."""
    incidents = []
    for inc in extraction.incidents:
        item = to_dict(inc)
        item["date"] = to_dict(inc.date) if inc.date else None
        item["location"] = to_dict(inc.location) if inc.location else None
        incidents.append(item)
    return {
        "document": {
            "name": doc.name,
            "sha256": doc.sha256,
            "published": doc.published.isoformat() if doc.published else None,
            "language": extraction.language,
            "title": doc.title,
            "url": doc.url,
            "source_format": doc.source_format,
        },
        "incidents": incidents,
        "claims": [to_dict(c) for c in extraction.claims],
        "sources_cited": [to_dict(s) for s in extraction.sources_cited],
        "extractor": {"version": extraction.extractor_version, "components": extraction.components},
    }
