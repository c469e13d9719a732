"""Documents: the list, one document with every extraction laid over its text."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from rankfile.store import Store, get_document, get_original
from rankfile.store.tables import (
    cited_sources,
    claims,
    cluster_members,
    documents,
    evidence,
    incidents,
    mentions,
)
from rankfile.web.services.common import Missing, Page, check_page, redact, redactor, withhold

PRIORITY = {"incident": 0, "claim": 1, "cited_source": 2, "place": 3, "date": 4}


def list_documents(conn: Connection, page: int = 1, per_page: int = 50,
                   kind: str | None = None) -> Page:
    page, per_page = check_page(page, per_page)
    n_inc = (select(func.count()).select_from(incidents)
             .where(incidents.c.document_id == documents.c.id).scalar_subquery())
    conds = [documents.c.kind == kind] if kind else []
    total = conn.execute(select(func.count()).select_from(documents).where(*conds)).scalar_one()
    rows = conn.execute(
        select(documents.c.id, documents.c.name, documents.c.title, documents.c.publisher,
               documents.c.published, documents.c.kind, documents.c.language,
               documents.c.source_format, documents.c.duplicate_of,
               n_inc.label("incidents")).where(*conds)
        .order_by(documents.c.published.desc(), documents.c.seq)
        .limit(per_page).offset((page - 1) * per_page))
    items = [{**r._asdict(), "published": r.published.isoformat() if r.published else None}
             for r in rows]
    return Page(items, total, page, per_page)


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every span boundary; each piece lists the spans covering it."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    starts: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        starts.setdefault(s["start"], []).append(i)
    active: set[int] = set()
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active |= set(starts.get(a, []))
        active = {i for i in active if spans[i]["end"] > a}
        if a == b:
            continue
        covering = sorted(active, key=lambda i: (PRIORITY.get(spans[i]["kind"], 9),
                                                 spans[i]["end"] - spans[i]["start"]))
        out.append({"text": text[a:b], "spans": [spans[i]["n"] for i in covering],
                    "kind": spans[covering[0]]["kind"] if covering else None,
                    "top": spans[covering[0]]["n"] if covering else None})
    return out


def get_document_view(conn: Connection, doc_id: str, *, hide_names: bool = True
                      ) -> dict[str, Any]:
    """Metadata, sha256, and the text cut into highlighted, clickable pieces."""
    doc = get_document(conn, doc_id)
    if doc is None:
        raise Missing(f"no document {doc_id}")
    inc = conn.execute(select(incidents.c.id, incidents.c.types, incidents.c.kind,
                              incidents.c.victims_names, cluster_members.c.cluster_id)
                       .outerjoin(cluster_members, cluster_members.c.incident_id == incidents.c.id)
                       .where(incidents.c.document_id == doc_id)).all()
    clm = {r.id: r for r in conn.execute(select(claims).where(claims.c.document_id == doc_id))}
    src = {r.id: r for r in conn.execute(select(cited_sources)
                                         .where(cited_sources.c.document_id == doc_id))}
    pattern = redactor([n for r in inc for n in r.victims_names or []]) if hide_names else None
    inc_by = {r.id: r for r in inc}
    spans: list[dict[str, Any]] = []
    for ev in conn.execute(select(evidence).where(evidence.c.document_id == doc_id)
                           .order_by(evidence.c.start)):
        label, href = ev.record_kind, None
        if ev.record_kind == "incident" and ev.record_id in inc_by:
            r = inc_by[ev.record_id]
            label = "incident: " + ", ".join(r.types)
            href = f"/incidents/{r.cluster_id}" if r.cluster_id else None
        elif ev.record_kind == "claim" and ev.record_id in clm:
            c = clm[ev.record_id]
            label = f"figure: {c.qualifier + ' ' if c.qualifier else ''}{c.value:g}" if c.value \
                is not None else "figure"
            label += f" {c.measure or ''}".rstrip() + (f" (per {c.attributed_to})"
                                                       if c.attributed_to else "")
            href = "/claims?document_id=" + doc_id
        elif ev.record_kind == "cited_source" and ev.record_id in src:
            s = src[ev.record_id]
            label = f"source: {s.name} ({s.relation or s.kind or 'cited'})"
        spans.append({"kind": ev.record_kind, "record_id": ev.record_id, "start": ev.start,
                      "end": ev.end, "quote": redact(ev.quote, pattern),
                      "label": redact(label, pattern), "href": href})
    for m in conn.execute(select(mentions).where(mentions.c.document_id == doc_id)
                          .order_by(mentions.c.start)):
        value = m.value or {}
        label = (f"date: {value.get('start') or '?'} ({value.get('precision')})" if m.kind == "date"
                 else f"place: {value.get('name') or m.text} {value.get('country') or ''}".rstrip())
        spans.append({"kind": m.kind, "record_id": None, "start": m.start, "end": m.end,
                      "quote": redact(m.text, pattern), "label": label, "href": None})
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(doc.text)]
    spans.sort(key=lambda s: (s["start"], PRIORITY.get(s["kind"], 9)))
    for n, s in enumerate(spans):
        s["n"] = n
    text = redact(doc.text, pattern) or ""
    return {
        "id": doc.id, "name": doc.name, "title": doc.title, "url": doc.url,
        "publisher": doc.publisher, "author": doc.author,
        "published": doc.published.isoformat() if doc.published else None,
        "retrieved": doc.retrieved.isoformat() if doc.retrieved else None,
        "language": doc.language, "kind": doc.kind, "source_format": doc.source_format,
        "sha256": doc.sha256, "archive_key": doc.archive_key, "original_size": doc.original_size,
        "duplicate_of": doc.duplicate_of, "extractor_version": doc.extractor_version,
        "components": list((doc.extraction or {}).get("components") or []),
        "cited": [redact(c, pattern) for c in doc.cited],
        "text": text, "spans": spans, "segments": segments(text, spans),
        "incidents": [{"id": r.id, "cluster_id": r.cluster_id, "types": list(r.types),
                       "kind": r.kind, "victims_names": withhold(r.victims_names, hide_names)}
                      for r in inc],
    }


def original(store: Store, conn: Connection, doc_id: str) -> tuple[bytes, str, str]:
    """The original bytes (checked against sha256), a download name and media type."""
    row = conn.execute(select(documents.c.name, documents.c.source_format, documents.c.path)
                       .where(documents.c.id == doc_id)).first()
    if row is None:
        raise Missing(f"no document {doc_id}")
    data = get_original(store, conn, doc_id)
    ext = {"markdown": "md", "telegram": "json", "jsonl": "jsonl"}.get(row.source_format,
                                                                      row.source_format)
    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in row.name)[:80] or "original"
    media = {"html": "text/html", "pdf": "application/pdf", "txt": "text/plain",
             "eml": "message/rfc822", "csv": "text/csv"}.get(row.source_format,
                                                            "application/octet-stream")
    return data, f"{name}.{ext}", media
