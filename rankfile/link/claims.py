"""Claim groups (the same figure across documents) and conflicts (where sources disagree).

Two figures are the same claim when they count the same thing (measure and unit agree,
attribution does not contradict) and are said in the same context: the words around
them, with every number masked, are alike, or their documents are copies of one story and
the figures sit in matching sentences. A group whose values differ beyond rounding is a
``claim_value`` conflict. Incident clusters are checked the same way for the date
(year, and month when both give one), place, victim count and perpetrator.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from rankfile.link.blocking import shared_key_pairs
from rankfile.link.config import thresholds
from rankfile.link.corpus import (
    ClaimGroup,
    ClaimMention,
    Conflict,
    ConflictValue,
    CorpusDocument,
    IncidentCluster,
    IncidentMention,
    Link,
)
from rankfile.link.incidents import _year_month
from rankfile.link.text import key_terms, latin, name_stem
from rankfile.link.unionfind import group_one_per_document
from rankfile.records import stable_id

RULE = "link.claims"
_DIGITS = re.compile(r"\d[\d,. ]*")


def _norm(value: str | None) -> str:
    return " ".join(latin(value or "").split())


def context(c: ClaimMention) -> str:
    """The claim's sentence with numbers masked: what the figure is about."""
    return _DIGITS.sub("#", _norm(" ".join(e.text for e in c.claim.evidence)))


def _currency(unit: str | None) -> bool:
    return bool(unit) and len(unit) == 3 and unit.isalpha() and unit.isupper()


def _compatible(a: ClaimMention, b: ClaimMention, same_story: bool = False) -> bool:
    """Could the two figures count the same thing? Copies of one story restate a figure
    in another currency (of like magnitude), shorten its measure ("extortion payment" /
    "payment") and credit the outlet or the witness, so those only block across stories."""
    ca, cb = a.claim, b.claim
    if ca.unit and cb.unit and ca.unit != cb.unit:
        ratio = thresholds()["claims"]["currency_ratio"]
        if not (same_story and _currency(ca.unit) and _currency(cb.unit)
                and ca.value and cb.value and max(ca.value, cb.value) <= ratio * min(ca.value, cb.value)):
            return False
    ma, mb = _norm(ca.measure), _norm(cb.measure)
    if ma and mb and ma != mb and not (set(ma.split()) <= set(mb.split())
                                       or set(mb.split()) <= set(ma.split())):
        return False
    if same_story:
        return True
    ta, tb = _norm(ca.attributed_to), _norm(cb.attributed_to)
    return not (ta and tb and ta not in tb and tb not in ta)


def differ(x: float | None, y: float | None) -> bool:
    """Beyond rounding: more than ``rounding`` apart relative to the larger."""
    if x is None or y is None:
        return False
    tol = thresholds()["claims"]["rounding"]
    return abs(x - y) > tol * max(abs(x), abs(y))


def _words(c: ClaimMention) -> set[str]:
    """Blocking keys of a claim: its measure/unit block plus each context word's first
    letters (so inflected forms meet)."""
    block = f"{_norm(c.claim.measure)}|{c.claim.unit or ''}"
    return {f"{block}|{w[:5]}" for w in context(c).split() if w != "#"}


def candidate_pairs(claims: Sequence[ClaimMention], story_of: dict[str, str]
                    ) -> list[tuple[int, int]]:
    """Figures of one story (any two: copies), plus, within a measure/unit block, each
    figure's ``max_candidates`` partners sharing the rarest context words. Never all pairs
    of a block: on a large corpus one measure ("killed") has tens of thousands of figures."""
    cfg = thresholds()["claims"]
    doc_index: dict[str, int] = {}
    groups = [doc_index.setdefault(c.document_id, len(doc_index)) for c in claims]
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.document_id in story_of:
            by_story[story_of[c.document_id]].append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in by_story.values():
        if len(ids) <= cfg["max_block"]:
            pairs.update((i, j) for i, j in combinations(ids, 2) if groups[i] != groups[j])
    shared = shared_key_pairs([_words(c) for c in claims], max_df=cfg["max_block"],
                              top_k=cfg["max_candidates"], groups=groups)
    pairs.update(map(tuple, shared.tolist()))
    return sorted(pairs)


def score_links(claims: Sequence[ClaimMention], docs: dict[str, CorpusDocument],
                story_of: dict[str, str]) -> list[Link]:
    cfg = thresholds()["claims"]
    contexts = [context(c) for c in claims]
    out = []
    for i, j in candidate_pairs(claims, story_of):
        a, b = claims[i], claims[j]
        sa = story_of.get(a.document_id)
        same_story = sa is not None and sa == story_of.get(b.document_id)
        if not _compatible(a, b, same_story):
            continue
        same_lang = docs[a.document_id].language == docs[b.document_id].language
        words = fuzz.token_sort_ratio(contexts[i], contexts[j]) / 100 if same_lang else 0.0
        equal = not differ(a.claim.value, b.claim.value)
        score = 0.7 * words + (0.2 if same_story else 0.0) + (0.1 if equal else 0.0)
        if not same_lang and same_story and equal:
            score = max(score, cfg["align"])  # a translated figure: same value, same story
        if score >= cfg["align"]:
            out.append(Link("same_claim", a.id, b.id, round(score, 4),
                            {"context": round(words, 3), "same_story": same_story,
                             "same_value": equal}, "merged", RULE))
    return out


def group_claims(claims: Sequence[ClaimMention], links: Sequence[Link]) -> list[ClaimGroup]:
    """Greedy, best link first, one figure per document per group."""
    by_id = {c.id: c for c in claims}
    ordered_links = sorted(links, key=lambda lk: (-lk.score, lk.key))
    groups = []
    for ordered in group_one_per_document({c.id: c.document_id for c in claims},
                                          ((lk.source_id, lk.target_id) for lk in ordered_links)):
        first = by_id[ordered[0]].claim
        groups.append(ClaimGroup(id=stable_id("clg", ordered[0]), members=ordered,
                                 measure=next((by_id[i].claim.measure for i in ordered
                                               if by_id[i].claim.measure), None),
                                 party=first.party,
                                 attributed_to=next((by_id[i].claim.attributed_to for i in ordered
                                                     if by_id[i].claim.attributed_to), None),
                                 unit=first.unit))
    return sorted(groups, key=lambda g: g.id)


def claim_conflicts(groups: Sequence[ClaimGroup], claims: Sequence[ClaimMention]) -> list[Conflict]:
    by_id = {c.id: c for c in claims}
    out = []
    for g in groups:
        values = [by_id[i] for i in g.members]
        if any(differ(a.claim.value, b.claim.value) for a, b in combinations(values, 2)):
            out.append(Conflict(
                id=stable_id("cfl", "claim_value", g.id), kind="claim_value", about=g.id,
                values=[ConflictValue(c.document_id, c.id, c.claim.value, c.claim.evidence)
                        for c in values],
                description=f"{g.measure or 'figure'}: "
                            + " vs ".join(sorted({f'{c.claim.value:g}' for c in values
                                                  if c.claim.value is not None}))))
    return out


def _date_value(m: IncidentMention) -> str | None:
    year, month = _year_month(m.incident)
    if year is None:
        return None
    return f"{year}-{month:02d}" if month else str(year)


def _place_value(m: IncidentMention) -> str | None:
    loc = m.incident.location
    if loc is None or loc.precision == "country":
        return None
    return loc.text or loc.name


def _victims_value(m: IncidentMention) -> int | None:
    return m.incident.victims.count


def _roles_value(m: IncidentMention) -> str | None:
    roles = sorted(set(m.incident.perpetrators.roles) - {"unknown"})
    return ", ".join(roles) or None


def _disagree(kind: str, values: list[Any]) -> bool:
    present = [v for v in values if v is not None]
    if len(present) < 2:
        return False
    if kind == "incident_date":
        years = {v[:4] for v in present}
        if len(years) > 1:
            return True
        months = {v for v in present if len(v) > 4}
        return len(months) > 1
    if kind == "incident_place":  # "village of Zaitseve" and "Zaitseve" agree
        sets = [key_terms(v) or {name_stem(v)} for v in present]
        return any(not (a & b) for a, b in combinations(sets, 2))
    if kind == "incident_perpetrator":
        sets = [set(v.split(", ")) for v in present]
        return any(not (a & b) for a, b in combinations(sets, 2))
    return len(set(present)) > 1


FIELDS = (("incident_date", _date_value), ("incident_place", _place_value),
          ("incident_victims", _victims_value), ("incident_perpetrator", _roles_value))


def incident_conflicts(clusters: Sequence[IncidentCluster],
                       mentions: Sequence[IncidentMention]) -> list[Conflict]:
    by_id = {m.id: m for m in mentions}
    out = []
    for cl in clusters:
        ms = [by_id[i] for i in cl.mentions if i in by_id]
        if len({m.document_id for m in ms}) < 2:
            continue
        for kind, getter in FIELDS:
            values = [getter(m) for m in ms]
            if _disagree(kind, values):
                out.append(Conflict(
                    id=stable_id("cfl", kind, cl.id), kind=kind, about=cl.id,
                    values=[ConflictValue(m.document_id, m.id, v, m.incident.evidence)
                            for m, v in zip(ms, values, strict=True) if v is not None],
                    description=f"{kind.split('_', 1)[1]}: "
                                + " vs ".join(sorted({str(v) for v in values if v is not None}))))
    return out


def link_claims(docs: Sequence[CorpusDocument], story_of: dict[str, str]
                ) -> tuple[list[ClaimGroup], list[Link]]:
    claims = [c for d in docs for c in d.claims if c.claim.value is not None]
    links = score_links(claims, {d.id: d for d in docs}, story_of)
    return group_claims(claims, links), links
