"""Stories: documents that are copies, rewrites or translations of one another.

Candidates come from two blocking indexes, never from all pairs: MinHash LSH over word
shingles (near-duplicates) and an inverted index of rare name-like terms and figures
(rewrites and translations share names, places and numbers, not wording). Each
candidate pair is scored on explainable features:

- ``shingles``: share of the smaller document's 3-word shingles found in the other;
- ``embedding``: cosine of MiniLM vectors of title + lead (same language, when installed);
- ``terms``: containment of name-like terms and figures (transliterated);
- ``order``: similarity of the sequence of those terms (a translation keeps their order).

Same language: a copy when the shingles alone say so, or when some shared wording comes
with a high embedding (or term) similarity. Across languages only names, figures and
their order are comparable; a document links to its single best translation partner.
Stories are the connected components of merged links (plus confirmed ones, minus rejected
ones); the earliest-published member is the origin.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz.distance import Indel

from rankfile.link import embed as embed_mod
from rankfile.link.blocking import shared_key_pairs
from rankfile.link.config import thresholds
from rankfile.link.corpus import CorpusDocument, Link, Story
from rankfile.link.text import containment, name_stem, number_value, shingle_hashes, stop_stems
from rankfile.link.unionfind import UnionFind
from rankfile.records import stable_id

RULE = "link.stories"
_TERM = re.compile(r"(?<![\w'’-])([A-ZА-ЯЁІЇЄҐ][\w'’-]*\w)|(\d{1,3}(?:[ ,.\u00a0]\d{3})+|\d+)")


@dataclass
class DocFeatures:
    """What the story step compares, computed once per document."""

    id: str
    language: str
    shingles: set[int]  # hashed 3-word shingles (text.shingle_hashes)
    terms: list[str]  # name stems and figures in text order
    vector: np.ndarray | None = None

    @property
    def term_set(self) -> set[str]:
        return set(self.terms)


def term_sequence(text: str) -> list[str]:
    stops = stop_stems()
    out = []
    for m in _TERM.finditer(text):
        if m.group(1):
            s = name_stem(m.group(1))
            if len(s) >= 3 and s not in stops:
                out.append(s)
        else:
            v = number_value(m.group(2))
            if v is not None:
                out.append("#" + str(int(v)))
    return out


def lead(doc: CorpusDocument, chars: int = 1000) -> str:
    return ((doc.title or "") + "\n" + doc.text[:chars]).strip()


def features(docs: Sequence[CorpusDocument], use_model: bool = True) -> dict[str, DocFeatures]:
    k = thresholds()["stories"]["shingle_size"]
    out = {d.id: DocFeatures(d.id, (d.language or "und").split("-")[0], shingle_hashes(d.text, k),
                             term_sequence(d.text)) for d in docs}
    vectors = embed_mod.embed([lead(d) for d in docs], use_model=use_model)
    if vectors is not None:
        for d, v in zip(docs, vectors, strict=True):
            out[d.id].vector = v
    return out


def drop_common(feats: dict[str, DocFeatures]) -> None:
    """Remove boilerplate from every document's features, in place: shingles found in more
    than ``max_shingle_df`` documents (a template, an outlet's footer) and terms found in
    more than ``max_term_df`` (an outlet's own name, "Officials") say nothing about copying,
    and left in they make every pair of documents a candidate."""
    cfg = thresholds()["stories"]
    for attr, limit in (("shingles", cfg["max_shingle_df"]), ("terms", cfg["max_term_df"])):
        sets = [set(getattr(f, attr)) for f in feats.values()]
        if not sets or len(sets) <= limit:
            continue
        if attr == "shingles":
            flat = np.fromiter((h for st in sets for h in st), dtype=np.uint64)
            values, counts = np.unique(flat, return_counts=True)
            common = set(values[counts > limit].tolist())
        else:
            df: dict[str, int] = defaultdict(int)
            for st in sets:
                for t in st:
                    df[t] += 1
            common = {t for t, n in df.items() if n > limit}
        if not common:
            continue
        for f in feats.values():
            if attr == "shingles":
                f.shingles = f.shingles - common
            else:
                f.terms = [t for t in f.terms if t not in common]


def candidate_pairs(feats: dict[str, DocFeatures],
                    new: set[str] | None = None) -> set[tuple[str, str]]:
    """Pairs worth scoring (a < b); with ``new``, only pairs touching a new document.

    Work grows with the corpus, not its square: boilerplate is dropped first
    (:func:`drop_common`), MinHash sketches share their permutations, and shared rare
    terms are counted by a sparse matrix product (:mod:`rankfile.link.blocking`) instead
    of pair by pair; a term pair needs ``min_shared_terms`` shared terms making up at
    least ``min_term_containment`` of the smaller document's terms (below that no rule
    of :func:`score_pair` could merge it).
    """
    cfg = thresholds()["stories"]
    drop_common(feats)
    pairs: set[tuple[str, str]] = set()
    lsh = MinHashLSH(threshold=cfg["lsh_threshold"], num_perm=cfg["num_perm"])
    with_shingles = [i for i, f in sorted(feats.items()) if f.shingles]
    sketches = MinHash.generator((list(feats[i].shingles) for i in with_shingles),
                                 num_perm=cfg["num_perm"], seed=7, hashfunc=int,
                                 scheme="affine64")
    hashes = dict(zip(with_shingles, sketches, strict=True))
    with lsh.insertion_session() as session:
        for i, h in hashes.items():
            session.insert(i, h)
    for i, h in hashes.items():
        if new is not None and i not in new:
            continue
        for j in lsh.query(h):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    ids = sorted(feats)
    rows = None if new is None else [x for x, i in enumerate(ids) if i in new]
    shared = shared_key_pairs([feats[i].term_set for i in ids], max_df=cfg["max_term_df"],
                              min_shared=cfg["min_shared_terms"], rows=rows,
                              min_containment=cfg["min_term_containment"])
    pairs |= {(ids[a], ids[b]) for a, b in shared.tolist()}
    return pairs


def score_pair(a: DocFeatures, b: DocFeatures) -> Link | None:
    """The copy link between two documents, or None when nothing suggests one."""
    cfg = thresholds()["stories"]
    terms = containment(a.term_set, b.term_set)
    if a.language == b.language:
        sh = containment(a.shingles, b.shingles)
        emb = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else None
        sim, sim_min = (emb, cfg["rewrite_embedding"]) if emb is not None else (terms, cfg["rewrite_terms"])
        feats = {"shingles": round(sh, 3), "terms": round(terms, 3), "same_language": True}
        if emb is not None:
            feats["embedding"] = round(emb, 3)
        if sh >= cfg["near_duplicate"] and terms >= cfg["near_duplicate_terms"]:
            status, rule = "merged", f"{RULE}.near_duplicate"
        elif sh >= cfg["rewrite_shingles"] and sim >= sim_min:
            status, rule = "merged", f"{RULE}.rewrite"
        elif sh >= cfg["proposed_shingles"] and sim >= sim_min:
            status, rule = "proposed", f"{RULE}.rewrite"
        else:
            return None
        score = min(1.0, 0.6 * min(1.0, sh / 0.25) + 0.4 * max(0.0, sim))
    else:
        order = Indel.normalized_similarity(a.terms, b.terms)
        score = 0.5 * terms + 0.5 * order
        feats = {"terms": round(terms, 3), "order": round(order, 3), "same_language": False}
        if score >= cfg["translation"]:
            status, rule = "merged", f"{RULE}.translation"
        elif score >= cfg["translation_proposed"]:
            status, rule = "proposed", f"{RULE}.translation"
        else:
            return None
    return Link("copy", a.id, b.id, round(score, 4), feats, status, rule)


def score_links(feats: dict[str, DocFeatures], pairs: Iterable[tuple[str, str]]) -> list[Link]:
    out = []
    for a, b in sorted(pairs):
        link = score_pair(feats[a], feats[b])
        if link is not None:
            out.append(link)
    return out


def exact_links(docs: Iterable[CorpusDocument]) -> list[Link]:
    """Documents the store already knows to have the same text."""
    return [Link("copy", d.id, d.duplicate_of, 1.0, {"same_text": True}, "merged",
                 f"{RULE}.same_text") for d in docs if d.duplicate_of]


def decide(links: Iterable[Link], decisions: dict[tuple[str, str, str], str] | None = None) -> list[Link]:
    """Apply people's decisions and keep one translation partner per document and language.

    A translation link is kept merged only when it is the best one of both documents
    towards the other's language; the others become proposals.
    """
    decisions = decisions or {}
    links = list(links)
    best: dict[str, float] = defaultdict(float)
    for link in links:
        if link.rule.endswith(".translation"):
            for x in (link.source_id, link.target_id):
                best[x] = max(best[x], link.score)
    out = []
    for link in links:
        status = link.status
        if (link.rule.endswith(".translation") and status == "merged"
                and min(best[link.source_id], best[link.target_id]) > link.score):
            status = "proposed"
        status = decisions.get(link.key, status)
        out.append(Link(link.kind, link.source_id, link.target_id, link.score, link.features,
                        status, link.rule))
    return out


def build_stories(docs: Sequence[CorpusDocument], links: Iterable[Link]) -> list[Story]:
    """Connected components of merged/confirmed copy links; every document is in one story."""
    uf = UnionFind(d.id for d in docs)
    best: dict[str, float] = defaultdict(float)
    for link in links:
        if link.status in ("merged", "confirmed") and link.source_id in uf and link.target_id in uf:
            uf.union(link.source_id, link.target_id)
            for x in (link.source_id, link.target_id):
                best[x] = max(best[x], link.score)
    by_id = {d.id: d for d in docs}
    stories = []
    for members in uf.groups():
        ordered = sorted(members, key=lambda i: (by_id[i].published is None,
                                                 by_id[i].published or 0, i))
        origin = ordered[0]
        stories.append(Story(id=stable_id("sty", min(members)), members=ordered, origin=origin,
                             similarity={m: round(best.get(m, 1.0 if m == origin else 0.0), 4)
                                         for m in ordered}))
    return sorted(stories, key=lambda s: s.id)


def link_stories(docs: Sequence[CorpusDocument], *, use_model: bool = True,
                 decisions: dict[tuple[str, str, str], str] | None = None) -> tuple[list[Story], list[Link]]:
    """Full story linking of ``docs``: (stories, copy links)."""
    feats = features([d for d in docs if not d.duplicate_of], use_model=use_model)
    links = decide(score_links(feats, candidate_pairs(feats)) + exact_links(docs), decisions)
    return build_stories(docs, links), links
