"""All linking steps over plain records, in order: the pure core that ``run`` stores."""

from __future__ import annotations

from collections.abc import Sequence

from rankfile.link import claims as claims_mod
from rankfile.link import embed as embed_mod
from rankfile.link import incidents as incidents_mod
from rankfile.link import stories as stories_mod
from rankfile.link.citations import resolve_citations
from rankfile.link.corpus import CorpusDocument, Link, LinkResult
from rankfile.link.corroboration import corroborate
from rankfile.link.projection import project_mentions

Decisions = dict[tuple[str, str, str], str]


def link_corpus(docs: Sequence[CorpusDocument], *, use_model: bool = True,
                decisions: Decisions | None = None,
                copy_links: Sequence[Link] | None = None) -> LinkResult:
    """Link a whole corpus. ``copy_links``: already scored story links (incremental runs
    pass the stored ones plus those of the new documents) instead of scoring all pairs."""
    decisions = decisions or {}
    if copy_links is None:
        feats = stories_mod.features([d for d in docs if not d.duplicate_of], use_model=use_model)
        copy_links = stories_mod.score_links(feats, stories_mod.candidate_pairs(feats))
        copy_links = list(copy_links) + stories_mod.exact_links(docs)
    copies = stories_mod.decide(copy_links, decisions)
    stories = stories_mod.build_stories(docs, copies)
    story_of = {d: s.id for s in stories for d in s.members}
    clusters, inc_links = incidents_mod.link_incidents(docs, story_of, decisions)
    extracted = [m for d in docs for m in d.incidents]
    projected = project_mentions(docs, stories, clusters, extracted)
    mentions = extracted + projected
    groups, claim_links = claims_mod.link_claims(docs, story_of)
    claims = [c for d in docs for c in d.claims if c.claim.value is not None]
    conflicts = (claims_mod.claim_conflicts(groups, claims)
                 + claims_mod.incident_conflicts(clusters, mentions))
    citations = resolve_citations(docs)
    corroboration = corroborate(clusters, mentions, stories, citations, conflicts)
    return LinkResult(stories=stories, links=[*copies, *inc_links, *claim_links],
                      clusters=clusters, claim_groups=groups, conflicts=conflicts,
                      citations=citations, corroboration=corroboration, projected=projected,
                      methods=[embed_mod.method(use_model), "minhash-lsh", "rapidfuzz"])
