"""Mentions carried over to copies where extraction did not find them (e.g. a translation).

After clustering, when a story member has no mention in an incident cluster that a sibling
copy of the same story reports (typically a translation in a language the extractor has
no lexicon for, or a rewrite whose sentence the extractor missed), the sentence of that
document sharing most names, places and figures with the siblings' evidence becomes a
projected mention of the cluster (rule ``link.projection``). Nothing is projected below
``MIN_SHARED`` shared terms, and a sentence is projected into one cluster only.
"""

from __future__ import annotations

from collections.abc import Sequence

from rankfile.extract.text import split_sentences
from rankfile.link.corpus import CorpusDocument, IncidentCluster, IncidentMention, Story
from rankfile.link.incidents import evidence_text, is_title
from rankfile.link.text import key_terms
from rankfile.records import Evidence, Incident, stable_id

MIN_SHARED = 2
RULE = "link.projection"


def project_mentions(docs: Sequence[CorpusDocument], stories: Sequence[Story],
                     clusters: Sequence[IncidentCluster],
                     mentions: Sequence[IncidentMention]) -> list[IncidentMention]:
    """New mentions (and, in place, the clusters they join)."""
    by_id = {d.id: d for d in docs}
    by_mention = {m.id: m for m in mentions}
    story_of = {d: s.id for s in stories for d in s.members}
    members_of = {s.id: s.members for s in stories}
    sentences: dict[str, list] = {}
    used: set[tuple[str, int]] = {(m.document_id, e.start) for m in mentions
                                  for e in m.incident.evidence}
    out: list[IncidentMention] = []
    for cl in sorted(clusters, key=lambda c: (-len(c.mentions), c.id)):
        ms = [by_mention[i] for i in cl.mentions]
        sources = [m for m in ms if m.incident.kind == "incident" and not is_title(m, by_id)]
        if not sources:
            continue
        have = {m.document_id for m in ms}
        stories_here = {story_of.get(m.document_id) for m in sources} - {None}
        for sid in sorted(stories_here):
            for target_id in members_of[sid]:
                target = by_id.get(target_id)
                if target is None or target_id in have or target.duplicate_of:
                    continue
                if target_id not in sentences:
                    sentences[target_id] = [(s, key_terms(s.text)) for s in split_sentences(
                        target.text, (target.language or "xx").split("-")[0])]
                best = None
                headline_end = len(target.text.split("\n", 1)[0])
                for m in sources:
                    if story_of.get(m.document_id) != sid:
                        continue
                    want = key_terms(evidence_text(m.incident))
                    for s, terms in sentences[target_id]:
                        if (target_id, s.start) in used:
                            continue
                        n = len(want & terms)
                        # on a tie the report's own sentence beats its headline (a summary)
                        rank = (n, s.start > headline_end)
                        if n >= MIN_SHARED and (best is None or rank > best[0]):
                            best = (rank, s, m)
                if best is None:
                    continue
                _, s, m = best
                used.add((target_id, s.start))
                pid = stable_id("pim", target_id, cl.id, s.start)
                ev = Evidence.of(target.text, s.start, s.end)
                out.append(IncidentMention(
                    id=pid, document_id=target_id, projected_from=m.id,
                    incident=Incident(id=pid, kind=m.incident.kind, types=list(m.incident.types),
                                      evidence=[ev], confidence=0.4, rules=[RULE])))
                cl.mentions = sorted([*cl.mentions, pid])
                have.add(target_id)
    return out
