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
from itertools import combinations

from rapidfuzz import fuzz

from rankfile.link.config import thresholds
from rankfile.link.corpus import CorpusDocument, IncidentCluster, IncidentMention, Link
from rankfile.link.text import key_terms, latin, name_stem
from rankfile.records import Incident, stable_id

RULE = "link.incidents"


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
    loc = inc.location
    if loc is None:
        return None
    return name_stem(loc.name or loc.text) or None


def pair_features(a: IncidentMention, b: IncidentMention, same_story: bool,
                  same_language: bool) -> dict[str, float | bool]:
    ia, ib = a.incident, b.incident
    ta, tb = key_terms(evidence_text(ia)), key_terms(evidence_text(ib))
    shared = ta & tb
    feats: dict[str, float | bool] = {"same_story": same_story}
    feats["terms"] = round(len(shared) / min(len(ta), len(tb)), 3) if ta and tb else 0.0
    feats["names"] = bool({name_stem(n.split()[-1]) for n in ia.victims.names if n.split()}
                          & {name_stem(n.split()[-1]) for n in ib.victims.names if n.split()})
    types_a, types_b = set(ia.types), set(ib.types)
    feats["types"] = round(len(types_a & types_b) / len(types_a | types_b), 3) if types_a | types_b else 0.0
    pa, pb = _place(ia), _place(ib)
    feats["place"] = 1.0 if pa and pb and pa == pb else (0.0 if pa and pb else 0.5)
    (ya, ma), (yb, mb) = _year_month(ia), _year_month(ib)
    if ya and yb:
        feats["date"] = 1.0 if ya == yb and (ma is None or mb is None or ma == mb) else 0.0
    else:
        feats["date"] = 0.5
    ra, rb = set(ia.perpetrators.roles) - {"unknown"}, set(ib.perpetrators.roles) - {"unknown"}
    feats["roles"] = 1.0 if ra & rb else (0.0 if ra and rb else 0.5)
    if same_language:
        feats["wording"] = round(fuzz.token_set_ratio(latin(evidence_text(ia)),
                                                      latin(evidence_text(ib))) / 100, 3)
    return feats


def pair_score(f: dict[str, float | bool]) -> float:
    """Weighted evidence; a shared story vouches for much of it, disagreeing facts
    (drifted dates, places) only lower it a little because copies drift."""
    s = 0.30 * float(f["same_story"])
    s += 0.30 * float(f["terms"]) + (0.15 if f["names"] else 0.0)
    s += 0.15 * float(f["types"]) + 0.05 * float(f["place"]) + 0.05 * float(f["date"])
    s += 0.05 * float(f["roles"])
    if "wording" in f:
        s += 0.15 * max(0.0, (float(f["wording"]) - 0.4) / 0.6)
    if f.get("headline"):
        s -= 0.15  # a headline summarises; the report's own sentence should be linked first
    if not f["types"]:
        s -= 0.2  # different kinds of abuse are different occurrences
    return round(max(0.0, min(1.0, s)), 4)


def candidate_pairs(mentions: Sequence[IncidentMention], story_of: dict[str, str]
                    ) -> set[tuple[int, int]]:
    cfg = thresholds()["incidents"]
    index: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        for k in mention_keys(m):
            index[k].append(i)
        if m.document_id in story_of:
            index["s:" + story_of[m.document_id]].append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in index.values():
        if len(ids) > cfg["max_block"]:
            continue
        for i, j in combinations(ids, 2):
            if mentions[i].document_id != mentions[j].document_id:
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def score_links(mentions: Sequence[IncidentMention], docs: dict[str, CorpusDocument],
                story_of: dict[str, str],
                decisions: dict[tuple[str, str, str], str] | None = None) -> list[Link]:
    cfg = thresholds()["incidents"]
    decisions = decisions or {}
    out = []
    for i, j in sorted(candidate_pairs(mentions, story_of)):
        a, b = mentions[i], mentions[j]
        da, db = docs[a.document_id], docs[b.document_id]
        same_story = da.id in story_of and story_of.get(da.id) == story_of.get(db.id)
        feats = pair_features(a, b, same_story,
                              (da.language or "") == (db.language or ""))
        feats["headline"] = is_title(a, docs) or is_title(b, docs)
        score = pair_score(feats)
        status = "merged" if score >= cfg["merge"] else "proposed" if score >= cfg["propose"] else None
        link = Link("same_incident", a.id, b.id, score, feats, status or "below", RULE)
        decided = decisions.get(link.key)
        if decided:
            link.status = decided
        if link.status != "below":
            out.append(link)
    return out


def build_clusters(mentions: Sequence[IncidentMention], links: Iterable[Link]) -> list[IncidentCluster]:
    """Greedy, best link first, at most one mention per document in a cluster."""
    doc_of = {m.id: m.document_id for m in mentions}
    by_id = {m.id: m for m in mentions}
    cluster_of = {m.id: m.id for m in mentions}
    members: dict[str, set[str]] = {m.id: {m.id} for m in mentions}
    docs_in: dict[str, set[str]] = {m.id: {m.document_id} for m in mentions}
    usable = [lk for lk in links if lk.status in ("merged", "confirmed")
              and lk.source_id in doc_of and lk.target_id in doc_of]
    usable.sort(key=lambda lk: (lk.status != "confirmed", -lk.score, lk.key))
    for lk in usable:
        ca, cb = cluster_of[lk.source_id], cluster_of[lk.target_id]
        if ca == cb or docs_in[ca] & docs_in[cb]:
            continue
        keep, drop = (ca, cb) if ca < cb else (cb, ca)
        for m in members[drop]:
            cluster_of[m] = keep
        members[keep] |= members.pop(drop)
        docs_in[keep] |= docs_in.pop(drop)
    out = []
    for ids in members.values():
        ordered = sorted(ids)
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
