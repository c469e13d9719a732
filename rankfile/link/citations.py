"""Who cites whom: cited outlets resolved to documents of the corpus, chains to the origin.

A cited name resolves to a corpus document when it names that document's publisher (or
its web domain), the document was published no later than the citing one, and the two
share names or figures (an outlet publishes many stories; the cited one is about the same
thing). Following resolved citations gives a chain; where it stops is the origin.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlparse

from rankfile.link.corpus import Citation, CorpusDocument
from rankfile.link.text import key_terms, latin

MIN_SHARED_TERMS = 2
MAX_TERM_DF = 200  # a term in more of an outlet's documents does not single one out


def outlet_key(name: str | None) -> str:
    """'The Telegraph' / 'telegraph.co.uk' / 'example-telegraph.org' -> 'telegraph'."""
    s = latin(name or "")
    s = re.sub(r"^(the|www)\W+", "", s.strip())
    s = re.sub(r"\.(com|org|net|co|uk|ru|ua|de|fr|info|news)\b.*$", "", s)
    s = re.sub(r"^example-", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def _keys(doc: CorpusDocument) -> set[str]:
    keys = {outlet_key(doc.publisher)} if doc.publisher else set()
    if doc.url:
        host = urlparse(doc.url).hostname or ""
        parts = host.split(".")
        if len(parts) >= 2:
            keys.add(outlet_key(parts[-2] if parts[-2] not in ("co", "com") else parts[-3]))
    return {k for k in keys if len(k) >= 3}


def resolve_citations(docs: Sequence[CorpusDocument]) -> list[Citation]:
    """Each cited name, resolved to the earlier document of that outlet sharing most terms.

    An outlet's documents are found through an index of their rarer terms (in at most
    ``MAX_TERM_DF`` of that outlet's documents), so a citing document is compared with the
    few documents it shares something specific with, not with everything the outlet wrote.
    """
    by_outlet: dict[str, list[CorpusDocument]] = defaultdict(list)
    for d in docs:
        for k in _keys(d):
            by_outlet[k].append(d)
    terms: dict[str, set[str]] = {}

    def t(d: CorpusDocument) -> set[str]:
        if d.id not in terms:
            terms[d.id] = key_terms(d.text)
        return terms[d.id]

    indexes: dict[str, dict[str, list[CorpusDocument]]] = {}

    def index(key: str) -> dict[str, list[CorpusDocument]]:
        if key not in indexes:
            postings: dict[str, list[CorpusDocument]] = defaultdict(list)
            for cand in by_outlet.get(key, []):
                for term in t(cand):
                    postings[term].append(cand)
            indexes[key] = {k: v for k, v in postings.items() if len(v) <= MAX_TERM_DF}
        return indexes[key]

    out = []
    for d in docs:
        own = _keys(d)
        for src in d.sources_cited:
            key = outlet_key(src.name)
            target = None
            if key and key not in own and key in by_outlet:
                idx = index(key)
                cands = {c.id: c for term in t(d) for c in idx.get(term, ())}
                best = -1
                for cand in (cands[i] for i in sorted(cands)):
                    if cand.id == d.id or (cand.published and d.published and cand.published > d.published):
                        continue
                    shared = len(t(d) & t(cand))
                    if shared >= MIN_SHARED_TERMS and (shared, cand.id) > (best, target or ""):
                        best, target = shared, cand.id
            out.append(Citation(d.id, src.name, src.relation, target, list(src.evidence)))
    return out


def chains(citations: Sequence[Citation]) -> dict[str, list[list[str]]]:
    """For each citing document, every path of resolved citations to an origin."""
    cites: dict[str, list[str]] = defaultdict(list)
    for c in citations:
        if c.target and c.target not in cites[c.document_id]:
            cites[c.document_id].append(c.target)

    def walk(doc: str, seen: tuple[str, ...]) -> list[list[str]]:
        nxt = [t for t in cites.get(doc, []) if t not in seen]
        if not nxt:
            return [[doc]]
        return [[doc, *rest] for t in nxt for rest in walk(t, (*seen, t))]

    return {doc: walk(doc, (doc,)) for doc in cites}


def origins(doc_id: str, citations: Sequence[Citation]) -> set[str]:
    """The documents a document's citation chains end at (itself when it cites none)."""
    paths = chains(citations).get(doc_id)
    return {p[-1] for p in paths} if paths else {doc_id}
