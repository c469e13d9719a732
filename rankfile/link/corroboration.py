"""How many independent origins stand behind each incident, and its status.

Copies of one story count once; a story whose documents cite another story's document
is not independent of it either. ``single_source``: one origin; ``corroborated``: two
or more; ``contested``: its sources disagree on a fact (a conflict on the incident).
"""

from __future__ import annotations

from collections.abc import Sequence

from rankfile.link.corpus import (
    Citation,
    Conflict,
    Corroboration,
    IncidentCluster,
    IncidentMention,
    Story,
)
from rankfile.link.unionfind import UnionFind


def origin_groups(stories: Sequence[Story], citations: Sequence[Citation]) -> dict[str, str]:
    """document id -> id of its independent origin group (a story or stories citing it)."""
    story_of = {d: s.id for s in stories for d in s.members}
    uf = UnionFind(s.id for s in stories)
    for c in citations:
        if c.target and c.document_id in story_of and c.target in story_of:
            uf.union(story_of[c.document_id], story_of[c.target])
    return {d: uf.find(s) for d, s in story_of.items()}


def corroborate(clusters: Sequence[IncidentCluster], mentions: Sequence[IncidentMention],
                stories: Sequence[Story], citations: Sequence[Citation],
                conflicts: Sequence[Conflict]) -> list[Corroboration]:
    group = origin_groups(stories, citations)
    origin_doc = {s.id: s.origin for s in stories}
    doc_of = {m.id: m.document_id for m in mentions}
    contested = {c.about for c in conflicts if c.kind.startswith("incident_")}
    out = []
    for cl in clusters:
        groups = sorted({group.get(doc_of[m], doc_of[m]) for m in cl.mentions})
        n = len(groups)
        status = "contested" if cl.id in contested else "corroborated" if n >= 2 else "single_source"
        out.append(Corroboration(cl.id, n, [origin_doc.get(g, g) for g in groups], status))
    return out
