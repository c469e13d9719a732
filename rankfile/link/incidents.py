"""The same occurrence across documents: per-document incident mentions -> clusters.

Blocking: mentions are compared only when they share a rare key (a name, place or figure
of their evidence, a victim's name, the resolved place) or belong to one story, so the
work grows with the corpus, not with its square. Each compared pair gets a features dict
(what matched) and a score; above ``merge`` it is merged, between ``propose`` and
``merge`` it waits for a person (links table, status ``proposed``); a person's
``confirmed``/``rejected`` decision always wins on re-link. Clusters are built greedily,
best pair first, and never hold two mentions of one document (two mentions in one report
are two occurrences, or the extractor's problem, not a cross-source link).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from rankfile.link.blocking import shared_key_pairs
from rankfile.link.config import thresholds
from rankfile.link.corpus import CorpusDocument, IncidentCluster, IncidentMention, Link
from rankfile.link.text import key_terms, latin, name_stem
from rankfile.link.unionfind import group_one_per_document
from rankfile.records import Incident, stable_id

RULE = "link.incidents"
WORDING_WEIGHT = 0.15  # most that similar wording adds to a pair's score


def evidence_text(inc: Incident) -> str:
    return " ".join(e.text for e in inc.evidence)


def is_title(m: IncidentMention, docs: dict[str, CorpusDocument]) -> bool:
    """Evidence that is only the headline: a summary, weaker than the report's sentence."""
    doc = docs.get(m.document_id)
    ev = m.incident.evidence
    if doc is None or len(ev) != 1 or ev[0].start != 0:
        return False
    first_line = doc.text.split("\n", 1)[0]
    return ev[0].end <= len(first_line) + 1


def mention_keys(m: IncidentMention) -> set[str]:
    """Blocking keys: names, places and figures that identify an occurrence."""
    inc = m.incident
    keys = {"t:" + t for t in key_terms(evidence_text(inc))}
    keys |= {"n:" + name_stem(n.split()[-1]) for n in inc.victims.names if n.split()}
    if inc.location and (inc.location.name or inc.location.text):
        keys.add("p:" + name_stem(inc.location.name or inc.location.text))
    return keys


def _year_month(inc: Incident) -> tuple[int | None, int | None]:
    d = inc.date
    if d is None:
        return None, None
    year = d.year or (int(d.start[:4]) if d.start else None)
    month = d.month if d.precision in ("day", "week", "month") else None
    if month is None and d.start and d.precision in ("day", "week", "month"):
        month = int(d.start[5:7])
    return year, month


def _place(inc: Incident) -> str | None:
    """The resolved place's stem; a country alone says nothing about which occurrence."""
    loc = inc.location
    if loc is None or loc.precision == "country":
        return None
    return name_stem(loc.name or loc.text) or None


def place_agreement(fa: MentionFeatures, fb: MentionFeatures) -> float:
    """1 when the places agree, 0 when they differ, 0.5 when unknown. A place one mention
    resolved that the other's evidence names (a region resolved instead of the village
    both name, a translation without a resolved place) agrees too."""
    pa, pb = fa.place, fb.place
    if pa and pb and pa == pb:
        return 1.0
    if (pa and pa in fb.terms) or (pb and pb in fa.terms):
        return 1.0
    return 0.0 if pa and pb else 0.5


@dataclass(frozen=True)
class MentionFeatures:
    """What pair scoring compares, computed once per mention (not once per pair)."""

    terms: frozenset[str]
    names: frozenset[str]
    types: frozenset[str]
    place: str | None
    year: int | None
    month: int | None
    roles: frozenset[str]
    wording: str
    keys: frozenset[str]
    language: str
    headline: bool = False


def mention_features(m: IncidentMention, doc: CorpusDocument | None = None) -> MentionFeatures:
    inc = m.incident
    text = evidence_text(inc)
    year, month = _year_month(inc)
    return MentionFeatures(
        terms=frozenset(key_terms(text)),
        names=frozenset(name_stem(n.split()[-1]) for n in inc.victims.names if n.split()),
        types=frozenset(inc.types), place=_place(inc), year=year, month=month,
        roles=frozenset(inc.perpetrators.roles) - {"unknown"}, wording=latin(text),
        keys=frozenset(mention_keys(m)), language=(doc.language or "") if doc else "",
        headline=is_title(m, {doc.id: doc}) if doc else False)


def compare(fa: MentionFeatures, fb: MentionFeatures, same_story: bool,
            same_language: bool) -> dict[str, float | bool]:
    """The features dict of a pair (what matched), from both mentions' features."""
    ta, tb = fa.terms, fb.terms
    feats: dict[str, float | bool] = {"same_story": same_story}
    feats["terms"] = round(len(ta & tb) / min(len(ta), len(tb)), 3) if ta and tb else 0.0
    feats["names"] = bool(fa.names & fb.names)
    union = fa.types | fb.types
    feats["types"] = round(len(fa.types & fb.types) / len(union), 3) if union else 0.0
    feats["place"] = place_agreement(fa, fb)
    ya, ma, yb, mb = fa.year, fa.month, fb.year, fb.month
    if ya and yb:
        feats["date"] = 1.0 if ya == yb and (ma is None or mb is None or ma == mb) else 0.0
    else:
        feats["date"] = 0.5
    ra, rb = fa.roles, fb.roles
    feats["roles"] = 1.0 if ra & rb else (0.0 if ra and rb else 0.5)
    if same_language:
        feats["wording"] = round(fuzz.token_set_ratio(fa.wording, fb.wording) / 100, 3)
    return feats


def pair_features(a: IncidentMention, b: IncidentMention, same_story: bool,
                  same_language: bool) -> dict[str, float | bool]:
    return compare(mention_features(a), mention_features(b), same_story, same_language)


def pair_score(f: dict[str, float | bool]) -> float:
    """Weighted evidence; a shared story vouches for much of it, disagreeing facts
    (drifted dates, places) only lower it a little because copies drift."""
    s = 0.30 * float(f["same_story"])
    s += 0.30 * float(f["terms"]) + (0.15 if f["names"] else 0.0)
    s += 0.15 * float(f["types"]) + 0.05 * float(f["place"]) + 0.05 * float(f["date"])
    s += 0.05 * float(f["roles"])
    if "wording" in f:
        s += WORDING_WEIGHT * max(0.0, (float(f["wording"]) - 0.4) / 0.6)
    if f.get("headline"):
        s -= 0.15  # a headline summarises; the report's own sentence should be linked first
    if not f["types"]:
        s -= 0.2  # different kinds of abuse are different occurrences
    return round(max(0.0, min(1.0, s)), 4)


def candidate_pairs(mentions: Sequence[IncidentMention], story_of: dict[str, str],
                    feats: Sequence[MentionFeatures] | None = None) -> set[tuple[int, int]]:
    """Mentions of one story (any two), plus each mention's ``max_candidates`` partners
    sharing the rarest keys (inverse-document-frequency weighted). Keys held by more than
    ``max_block`` mentions are ignored, and ranking keeps a mention's comparisons bounded
    however many mentions share a name stem or a figure with it."""
    cfg = thresholds()["incidents"]
    feats = feats if feats is not None else [mention_features(m) for m in mentions]
    doc_index: dict[str, int] = {}
    groups = [doc_index.setdefault(m.document_id, len(doc_index)) for m in mentions]
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.document_id in story_of:
            by_story[story_of[m.document_id]].append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in by_story.values():
        if len(ids) > cfg["max_block"]:
            continue
        for i, j in combinations(ids, 2):
            if groups[i] != groups[j]:
                pairs.add((i, j) if i < j else (j, i))
    shared = shared_key_pairs([f.keys for f in feats], max_df=cfg["max_block"],
                              top_k=cfg["max_candidates"], groups=groups)
    pairs.update(map(tuple, shared.tolist()))
    return pairs


def score_links(mentions: Sequence[IncidentMention], docs: dict[str, CorpusDocument],
                story_of: dict[str, str],
                decisions: dict[tuple[str, str, str], str] | None = None) -> list[Link]:
    cfg = thresholds()["incidents"]
    decisions = decisions or {}
    feats = [mention_features(m, docs.get(m.document_id)) for m in mentions]
    out = []
    for i, j in sorted(candidate_pairs(mentions, story_of, feats)):
        a, b = mentions[i], mentions[j]
        sa, sb = story_of.get(a.document_id), story_of.get(b.document_id)
        fa, fb = feats[i], feats[j]
        same_story, same_language = sa is not None and sa == sb, fa.language == fb.language
        key = Link("same_incident", a.id, b.id, 0.0, {}, "", RULE).key
        if same_language and key not in decisions:
            # wording (the costly feature) adds at most WORDING_WEIGHT: skip pairs that
            # cannot reach ``propose`` even with identical wording
            rough = compare(fa, fb, same_story, False)
            rough["headline"] = fa.headline or fb.headline
            if pair_score(rough) + WORDING_WEIGHT < cfg["propose"]:
                continue
        pf = compare(fa, fb, same_story, same_language)
        pf["headline"] = fa.headline or fb.headline
        score = pair_score(pf)
        status = "merged" if score >= cfg["merge"] else "proposed" if score >= cfg["propose"] else None
        link = Link("same_incident", a.id, b.id, score, pf, status or "below", RULE)
        if link.status != "below":
            out.append(link)
    promote_mutual_best(out, {m.id: m.document_id for m in mentions})
    for link in out:
        decided = decisions.get(link.key)
        if decided:
            link.status = decided
    return out


def promote_mutual_best(links: Sequence[Link], doc_of: dict[str, str]) -> None:
    """Merge a proposed link of two copies (same story) when each mention is the other's
    best partner in that document: copies retell the same occurrences, so the pairing
    that both sides prefer is the alignment, even when the extractor typed the two
    sentences differently or a copy drifted the date. In place; features say why."""
    min_terms = thresholds()["incidents"]["mutual_terms"]
    best: dict[tuple[str, str], float] = {}
    for lk in links:
        for m, other in ((lk.source_id, lk.target_id), (lk.target_id, lk.source_id)):
            k = (m, doc_of[other])
            best[k] = max(best.get(k, 0.0), lk.score)
    for lk in links:
        if (lk.status == "proposed" and lk.features.get("same_story")
                and float(lk.features.get("terms", 0.0)) >= min_terms
                and best[(lk.source_id, doc_of[lk.target_id])] == lk.score
                and best[(lk.target_id, doc_of[lk.source_id])] == lk.score):
            lk.status = "merged"
            lk.features["mutual_best"] = True


def build_clusters(mentions: Sequence[IncidentMention], links: Iterable[Link]) -> list[IncidentCluster]:
    """Greedy, best link first, at most one mention per document in a cluster."""
    doc_of = {m.id: m.document_id for m in mentions}
    by_id = {m.id: m for m in mentions}
    usable = [lk for lk in links if lk.status in ("merged", "confirmed")
              and lk.source_id in doc_of and lk.target_id in doc_of]
    usable.sort(key=lambda lk: (lk.status != "confirmed", -lk.score, lk.key))
    out = []
    for ordered in group_one_per_document({m.id: m.document_id for m in mentions},
                                          ((lk.source_id, lk.target_id) for lk in usable)):
        incs = [by_id[i].incident for i in ordered]
        kinds = [i.kind for i in incs]
        types = sorted({t for i in incs for t in i.types})
        out.append(IncidentCluster(
            id=stable_id("icl", ordered[0]), mentions=ordered,
            kind="incident" if "incident" in kinds else kinds[0], types=types))
    return sorted(out, key=lambda c: c.id)


def link_incidents(docs: Sequence[CorpusDocument], story_of: dict[str, str],
                   decisions: dict[tuple[str, str, str], str] | None = None,
                   extra: Sequence[IncidentMention] = ()) -> tuple[list[IncidentCluster], list[Link]]:
    """Cluster every document's incident mentions (plus ``extra`` ones, e.g. projected)."""
    mentions = [m for d in docs for m in d.incidents] + list(extra)
    by_doc = {d.id: d for d in docs}
    links = score_links(mentions, by_doc, story_of, decisions)
    return build_clusters(mentions, links), links
