"""Figures: claim groups (the same figure across documents) with their conflicts, stories."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from rankfile.store.tables import (
    claim_group_members,
    claim_groups,
    claims,
    conflicts,
    documents,
    evidence,
    stories,
    story_members,
)
from rankfile.web.services.common import Page, check_page


def _claim_view(r: Any, quote: str | None) -> dict[str, Any]:
    return {"id": r.id, "document_id": r.document_id, "document": r.doc_title or r.doc_name,
            "published": r.doc_published.isoformat() if r.doc_published else None,
            "value": r.value, "low": r.low, "high": r.high, "unit": r.unit,
            "qualifier": r.qualifier, "measure": r.measure, "party": r.party,
            "time_scope": r.time_scope, "attributed_to": r.attributed_to,
            "rules": list(r.rules or []), "quote": quote}


def _claims_with_docs() -> Any:
    return (select(claims, documents.c.title.label("doc_title"), documents.c.name.label("doc_name"),
                   documents.c.published.label("doc_published"))
            .join(documents, documents.c.id == claims.c.document_id))


def _quotes(conn: Connection, claim_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in conn.execute(select(evidence.c.record_id, evidence.c.quote)
                          .where(evidence.c.record_kind == "claim",
                                 evidence.c.record_id.in_(claim_ids))
                          .order_by(evidence.c.ordinal)):
        out.setdefault(r.record_id, r.quote)
    return out


def _conflicts_for(conn: Connection, kind: str, ids: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in conn.execute(select(conflicts).where(conflicts.c.group_kind == kind,
                                                  conflicts.c.group_id.in_(ids))):
        out.setdefault(r.group_id, []).append(
            {"id": r.id, "kind": r.kind, "description": r.description, "status": r.status,
             "a": r.a_id, "b": r.b_id, "details": r.details})
    return out


def list_claim_groups(conn: Connection, page: int = 1, per_page: int = 20,
                      measure: str | None = None, conflicted: bool = False) -> Page:
    """Groups of aligned figures, conflicts first; each with its members and conflicts."""
    page, per_page = check_page(page, per_page)
    has_conflict = (select(func.count()).select_from(conflicts)
                    .where(conflicts.c.group_id == claim_groups.c.id).scalar_subquery())
    conds = []
    if measure:
        conds.append(claim_groups.c.measure == measure)
    if conflicted:
        conds.append(has_conflict > 0)
    total = conn.execute(select(func.count()).select_from(claim_groups).where(*conds)).scalar_one()
    groups = conn.execute(select(claim_groups, has_conflict.label("n_conflicts")).where(*conds)
                          .order_by(has_conflict.desc(), claim_groups.c.id)
                          .limit(per_page).offset((page - 1) * per_page)).all()
    ids = [g.id for g in groups]
    members = conn.execute(_claims_with_docs().add_columns(claim_group_members.c.group_id)
                           .join(claim_group_members, claim_group_members.c.claim_id == claims.c.id)
                           .where(claim_group_members.c.group_id.in_(ids))).all()
    quotes = _quotes(conn, [m.id for m in members])
    confl = _conflicts_for(conn, "claim_group", ids)
    conflicted_claims = {x for cs in confl.values() for c in cs for x in (c["a"], c["b"])}
    items = []
    for g in groups:
        ms = [{**_claim_view(m, quotes.get(m.id)), "conflicting": m.id in conflicted_claims}
              for m in members if m.group_id == g.id]
        items.append({"id": g.id, "measure": g.measure, "party": g.party, "status": g.status,
                      "summary": g.summary, "claims": ms, "conflicts": confl.get(g.id, [])})
    return Page(items, total, page, per_page)


def list_claims(conn: Connection, page: int = 1, per_page: int = 50, measure: str | None = None,
                document_id: str | None = None, ungrouped: bool = False) -> Page:
    """Figures one by one (e.g. of one document, or those in no group yet)."""
    page, per_page = check_page(page, per_page)
    conds = []
    if measure:
        conds.append(claims.c.measure == measure)
    if document_id:
        conds.append(claims.c.document_id == document_id)
    if ungrouped:
        conds.append(claims.c.id.not_in(select(claim_group_members.c.claim_id)))
    total = conn.execute(select(func.count()).select_from(claims).where(*conds)).scalar_one()
    rows = conn.execute(_claims_with_docs().where(*conds)
                        .order_by(claims.c.measure, claims.c.value, claims.c.id)
                        .limit(per_page).offset((page - 1) * per_page)).all()
    quotes = _quotes(conn, [r.id for r in rows])
    return Page([_claim_view(r, quotes.get(r.id)) for r in rows], total, page, per_page)


def _figures(r: Any) -> str:
    v = r.value if r.value is not None else r.low
    return f"{v:g}" if v is not None else "?"


def list_stories(conn: Connection, page: int = 1, per_page: int = 20) -> Page:
    """Stories (copies of one report) with each copy's figures that differ from the origin's."""
    page, per_page = check_page(page, per_page)
    total = conn.execute(select(func.count()).select_from(stories)).scalar_one()
    rows = conn.execute(select(stories).order_by(stories.c.created.desc(), stories.c.id)
                        .limit(per_page).offset((page - 1) * per_page)).all()
    ids = [s.id for s in rows]
    members = conn.execute(
        select(story_members, documents.c.name, documents.c.title, documents.c.publisher,
               documents.c.published)
        .join(documents, documents.c.id == story_members.c.document_id)
        .where(story_members.c.story_id.in_(ids))
        .order_by(documents.c.published, documents.c.seq)).all()
    doc_ids = [m.document_id for m in members]
    figures: dict[str, dict[str, set[str]]] = {}
    for c in conn.execute(select(claims).where(claims.c.document_id.in_(doc_ids))):
        figures.setdefault(c.document_id, {}).setdefault(c.measure or "figure", set()).add(
            _figures(c))
    confl = _conflicts_for(conn, "story", ids)
    items = []
    for s in rows:
        ms = [m for m in members if m.story_id == s.id]
        origin = s.origin_document_id or next((m.document_id for m in ms if m.role == "origin"),
                                              ms[0].document_id if ms else None)
        base = figures.get(origin or "", {})
        docs = []
        for m in ms:
            mine = figures.get(m.document_id, {})
            diffs = [{"measure": k, "figures": sorted(v), "origin_figures": sorted(base.get(k, []))}
                     for k, v in sorted(mine.items()) if m.document_id != origin and
                     v != base.get(k, set())]
            docs.append({"document_id": m.document_id, "document": m.title or m.name,
                         "publisher": m.publisher,
                         "published": m.published.isoformat() if m.published else None,
                         "role": m.role or ("origin" if m.document_id == origin else "copy"),
                         "similarity": m.similarity, "differences": diffs})
        items.append({"id": s.id, "title": s.title, "origin_document_id": origin,
                      "status": s.status, "documents": docs, "conflicts": confl.get(s.id, [])})
    return Page(items, total, page, per_page)
