"""``rankfile link``: load the corpus from the store, link it, write the results.

Incremental: copy links (the costly step: shingles, embeddings) are scored only for pairs
touching documents not linked before; the stored links of earlier runs are reused. The
later steps (stories, incident clusters, claim groups, conflicts, citations,
corroboration) are cheap and rebuilt from all links, so an incremental run gives exactly
the result of a full re-link. People's decisions (links with status ``confirmed`` or
``rejected``) are read back and always win.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, select

from rankfile.link import stories as stories_mod
from rankfile.link.corpus import CorpusDocument, Link, LinkResult
from rankfile.link.load import load_documents
from rankfile.link.pipeline import link_corpus
from rankfile.records import stable_id, to_dict
from rankfile.store.engine import Store
from rankfile.store.tables import (
    claim_group_members,
    claim_groups,
    cluster_members,
    conflicts,
    evidence,
    incident_clusters,
    links,
    meta,
    stories,
    story_members,
)

HUMAN = ("confirmed", "rejected")
PROJECTED = "projected_incident"


@dataclass
class LinkReport:
    documents: int
    new_documents: int
    result: LinkResult
    incremental: bool
    methods: list[str] = field(default_factory=list)


def link_id(kind: str, a: str, b: str) -> str:
    x, y = sorted((a, b))
    return stable_id("lnk", kind, x, y)


def _now() -> datetime:
    return datetime.now(UTC)


def stored_decisions(conn: Connection) -> dict[tuple[str, str, str], str]:
    rows = conn.execute(select(links.c.kind, links.c.source_id, links.c.target_id, links.c.status)
                        .where(links.c.status.in_(HUMAN)))
    return {Link(r.kind, r.source_id, r.target_id, 0, {}, r.status, "").key: r.status for r in rows}


def stored_copy_links(conn: Connection) -> list[Link]:
    rows = conn.execute(select(links).where(links.c.kind == "copy"))
    return [Link("copy", r.source_id, r.target_id, r.score or 0.0, dict(r.features),
                 r.status if r.status not in HUMAN else (r.features or {}).get("machine", "proposed"),
                 r.rule or "") for r in rows]


def linked_documents(conn: Connection) -> set[str]:
    return set(conn.execute(select(story_members.c.document_id)).scalars())


def _method_key() -> str:
    return "link.copy_method"


def incremental_copy_links(docs: Sequence[CorpusDocument], old_links: Sequence[Link],
                           new_ids: set[str], use_model: bool) -> list[Link]:
    """Stored copy links plus those of pairs touching a new document."""
    live = [d for d in docs if not d.duplicate_of]
    feats = stories_mod.features(live, use_model=False)
    pairs = stories_mod.candidate_pairs(feats, new=new_ids)
    if use_model and pairs:
        need = sorted({i for p in pairs for i in p})
        with_vec = stories_mod.features([d for d in live if d.id in set(need)], use_model=True)
        for i, f in with_vec.items():
            feats[i].vector = f.vector
    known = {lk.key for lk in old_links}
    alive = {d.id for d in docs}
    fresh = [lk for lk in stories_mod.score_links(feats, pairs) if lk.key not in known]
    kept = [lk for lk in old_links if lk.source_id in alive and lk.target_id in alive
            and lk.rule != f"{stories_mod.RULE}.same_text"]
    return kept + fresh + stories_mod.exact_links(docs)


def run_link(store: Store, *, full: bool = False, use_model: bool = True) -> LinkReport:
    """Link the stored corpus (incrementally unless ``full``) and store the result."""
    with store.read() as conn:
        docs = load_documents(conn)
        decisions = stored_decisions(conn)
        done = linked_documents(conn)
        method = conn.execute(select(meta.c.value).where(meta.c.key == _method_key())).scalar()
        old = stored_copy_links(conn)
    from rankfile.link.embed import method as embed_method

    now_method = embed_method(use_model)
    new_ids = {d.id for d in docs} - done
    incremental = not full and bool(done) and method == now_method
    copy_links = (incremental_copy_links(docs, old, new_ids, use_model) if incremental else None)
    result = link_corpus(docs, use_model=use_model, decisions=decisions, copy_links=copy_links)
    with store.write() as conn:
        write_result(conn, docs, result)
        conn.execute(delete(meta).where(meta.c.key == _method_key()))
        conn.execute(meta.insert().values(key=_method_key(), value=now_method))
    return LinkReport(len(docs), len(new_ids), result, incremental, result.methods)


def _link_rows(result: LinkResult, now: datetime) -> list[dict]:
    rows = {}
    for lk in result.links:
        kind_of = {"copy": "document", "same_incident": "incident", "same_claim": "claim"}[lk.kind]
        rid = link_id(lk.kind, lk.source_id, lk.target_id)
        feats = dict(lk.features)
        rows[rid] = {"id": rid, "kind": lk.kind, "source_kind": kind_of, "source_id": lk.source_id,
                     "target_kind": kind_of, "target_id": lk.target_id, "status": lk.status,
                     "score": lk.score, "features": feats, "rule": lk.rule, "created": now,
                     "updated": now}
    for c in result.citations:
        if c.target:
            rid = link_id("cites", c.document_id, c.target)
            rows[rid] = {"id": rid, "kind": "cites", "source_kind": "document",
                         "source_id": c.document_id, "target_kind": "document",
                         "target_id": c.target, "status": "merged", "score": 1.0,
                         "features": {"name": c.name, "relation": c.relation},
                         "rule": "link.citations", "created": now, "updated": now}
    return list(rows.values())


def write_result(conn: Connection, docs: Sequence[CorpusDocument], result: LinkResult) -> None:
    """Replace the corpus-level rows with ``result``; keep people's decisions and review
    fields (status, title, note) of clusters, stories and groups whose id survives."""
    now = _now()
    doc_ids = {d.id for d in docs}
    # links: machine rows are replaced; a person's decision keeps its row and status
    human = {r.id: r for r in conn.execute(select(links.c.id, links.c.status, links.c.features)
                                           .where(links.c.status.in_(HUMAN)))}
    conn.execute(delete(links).where(links.c.status.notin_(HUMAN)))
    rows = []
    for row in _link_rows(result, now):
        if row["id"] in human:
            conn.execute(links.update().where(links.c.id == row["id"]).values(
                score=row["score"], features={**row["features"], "machine": row["status"]},
                updated=now))
        else:
            rows.append(row)
    if rows:
        conn.execute(links.insert(), rows)

    # stories
    keep_story = {r.id: r for r in conn.execute(select(stories.c.id, stories.c.status,
                                                       stories.c.title, stories.c.version))}
    conn.execute(delete(story_members))
    conn.execute(delete(stories))
    title = {d.id: d.title or d.name for d in docs}
    if result.stories:
        conn.execute(stories.insert(), [{
            "id": s.id, "title": keep_story[s.id].title if s.id in keep_story else title.get(s.origin),
            "origin_document_id": s.origin,
            "summary": {"documents": len(s.members), "method": result.methods},
            "status": keep_story[s.id].status if s.id in keep_story else "proposed",
            "version": keep_story[s.id].version if s.id in keep_story else 1,
            "created": now, "updated": now} for s in result.stories])
        conn.execute(story_members.insert(), [{
            "story_id": s.id, "document_id": m, "role": "origin" if m == s.origin else "copy",
            "similarity": s.similarity.get(m)} for s in result.stories for m in s.members
            if m in doc_ids])

    # projected mentions: their evidence lives in the evidence table under their own kind
    conn.execute(delete(evidence).where(evidence.c.record_kind == PROJECTED))
    ev_rows = [{"document_id": m.document_id, "record_kind": PROJECTED, "record_id": m.id,
                "ordinal": i, "start": e.start, "end": e.end, "quote": e.text}
               for m in result.projected for i, e in enumerate(m.incident.evidence)]
    if ev_rows:
        conn.execute(evidence.insert(), ev_rows)

    # incident clusters
    keep_cl = {r.id: r for r in conn.execute(select(incident_clusters.c.id, incident_clusters.c.status,
                                                    incident_clusters.c.title, incident_clusters.c.note,
                                                    incident_clusters.c.version,
                                                    incident_clusters.c.sensitive,
                                                    incident_clusters.c.created))}
    conn.execute(delete(cluster_members))
    conn.execute(delete(incident_clusters))
    mention_doc = {m.id: m.document_id for d in docs for m in d.incidents}
    mention_doc.update({m.id: m.document_id for m in result.projected})
    projected = {m.id: m for m in result.projected}
    corro = {c.cluster_id: c for c in result.corroboration}
    score_of: dict[str, float] = {}
    for lk in result.links:
        if lk.kind == "same_incident" and lk.status in ("merged", "confirmed"):
            for x in (lk.source_id, lk.target_id):
                score_of[x] = max(score_of.get(x, 0.0), lk.score)
    if result.clusters:
        conn.execute(incident_clusters.insert(), [{
            "id": c.id, "title": keep_cl[c.id].title if c.id in keep_cl else None,
            "kind": c.kind, "types": c.types,
            "summary": {"independent_origins": corro[c.id].independent_origins,
                        "origins": corro[c.id].origins, "corroboration": corro[c.id].status,
                        "mentions": len(c.mentions),
                        "documents": len({mention_doc[m] for m in c.mentions})},
            "status": keep_cl[c.id].status if c.id in keep_cl else "reported",
            "version": keep_cl[c.id].version if c.id in keep_cl else 1,
            "note": keep_cl[c.id].note if c.id in keep_cl else None,
            "sensitive": keep_cl[c.id].sensitive if c.id in keep_cl else False,
            "created": keep_cl[c.id].created if c.id in keep_cl else now, "updated": now}
            for c in result.clusters])
        conn.execute(cluster_members.insert(), [{
            "cluster_id": c.id, "incident_id": m, "document_id": mention_doc[m],
            "score": score_of.get(m), "status": "projected" if m in projected else "linked",
            "added_by": projected[m].incident.rules[0] if m in projected else "link.incidents"}
            for c in result.clusters for m in c.mentions])

    # claim groups and conflicts
    conn.execute(delete(claim_group_members))
    conn.execute(delete(claim_groups))
    claim_doc = {c.id: c.document_id for d in docs for c in d.claims}
    if result.claim_groups:
        conn.execute(claim_groups.insert(), [{
            "id": g.id, "measure": g.measure, "party": g.party,
            "summary": {"attributed_to": g.attributed_to, "unit": g.unit, "claims": len(g.members)},
            "status": "proposed", "created": now, "updated": now} for g in result.claim_groups])
        conn.execute(claim_group_members.insert(), [{
            "group_id": g.id, "claim_id": m, "document_id": claim_doc[m], "score": None}
            for g in result.claim_groups for m in g.members])
    keep_cf = dict(conn.execute(select(conflicts.c.id, conflicts.c.status)).all())
    conn.execute(delete(conflicts))
    if result.conflicts:
        conn.execute(conflicts.insert(), [{
            "id": c.id, "kind": c.kind,
            "group_kind": "claim_group" if c.kind == "claim_value" else "incident_cluster",
            "group_id": c.about,
            "a_kind": "claim" if c.kind == "claim_value" else "incident",
            "a_id": c.values[0].mention_id,
            "b_kind": "claim" if c.kind == "claim_value" else "incident",
            "b_id": c.values[-1].mention_id, "description": c.description,
            "details": {"values": to_dict(c.values)},
            "status": keep_cf.get(c.id, "open"), "created": now} for c in result.conflicts])
