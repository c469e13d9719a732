"""Score number atoms and cited sources against re3d (overlap match).

Usage: .venv/bin/python benchmarks/re3d_numbers.py [/work/shared/extdata/re3d]

* ``find_numbers`` against re3d ``Quantity`` + ``Money`` entities. re3d also marks
  durations ("24 hours"), ordinals ("1st") and articles ("a") as Quantity and writes
  dates as ``Temporal``; digits inside a date are atoms for us, so the script also prints
  precision with atoms inside a ``Temporal`` span left out, and the figures
  ``find_claims`` keeps (its grammar drops years, dates, durations and identifiers).
* ``find_sources`` against ``Organisation``/``Person`` entities. re3d does not say which
  of them are credited as sources, so two numbers are printed: precision = share of
  predicted source names that overlap an annotated Organisation/Person (a name we credit
  that re3d does not annotate counts as wrong); recall against the Organisation/Person
  spans that stand next to a speech verb, found with a small cue list of this script's own
  ("X said", "X, a spokesman, told", "according to X", "said X"). re3d's ``CommWith``
  relation is not used: it marks meetings and appeals ("met with", "urge"), not credits.
  Both numbers are approximations.

A span carrying several candidate types keeps only its highest-confidence type.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rankfile.extract.claims import find_claims
from rankfile.extract.numbers import find_numbers
from rankfile.extract.sources import find_source_mentions, find_sources
from rankfile.extract.text import split_sentences

Span = tuple[int, int]
_VERBS = r"(?:said|says|told|stated|announced|reported|added|confirmed|noted|wrote|declared)"
_SPEECH_AFTER = re.compile(
    r"^(?:,[^,.;\n]{1,80},)?\s+(?:has\s+|have\s+|had\s+|also\s+)?" + _VERBS + r"\b(?!\s+by)"
)
_SPEECH_BEFORE = re.compile(r"(?:according to|" + _VERBS + r")\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass
class Doc:
    text: str
    spans: dict[str, list[Span]] = field(default_factory=lambda: defaultdict(list))
    speakers: list[Span] = field(default_factory=list)  # Organisation/Person next to a speech verb


def _lines(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def load(root: Path) -> list[Doc]:
    docs: list[Doc] = []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        best: dict[tuple[str, int, int], tuple[float, str]] = {}
        for e in _lines(folder / "entities.json"):
            key = (e["documentId"], e["begin"], e["end"])
            conf = float(e.get("confidence", 1))
            if key not in best or conf > best[key][0]:
                best[key] = (conf, e["type"])
        by_doc: dict[str, Doc] = {}
        for d in _lines(folder / "documents.json"):
            by_doc[d["_id"]] = Doc(d["text"])
        for (doc_id, b, e), (_, kind) in best.items():
            if doc_id in by_doc:
                by_doc[doc_id].spans[kind].append((b, e))
        for doc in by_doc.values():
            for b, e in doc.spans["Organisation"] + doc.spans["Person"]:
                after = doc.text[e : e + 120]
                before = doc.text[max(0, b - 30) : b]
                if _SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(before):
                    doc.speakers.append((b, e))
        docs.extend(by_doc.values())
    return docs


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _score(pairs: list[tuple[list[Span], list[Span]]]) -> tuple[float, float, float, int, int]:
    tp_pred = n_pred = tp_gold = n_gold = 0
    for pred, gold in pairs:
        n_pred += len(pred)
        n_gold += len(gold)
        tp_pred += sum(any(_overlaps(p, g) for g in gold) for p in pred)
        tp_gold += sum(any(_overlaps(g, p) for p in pred) for g in gold)
    return (*_prf(tp_pred, n_pred, tp_gold, n_gold), n_pred, n_gold)


def main(root: Path) -> None:
    docs = load(root)
    words = sum(len(d.text.split()) for d in docs)
    print(f"re3d: {len(docs)} documents, {words} words")

    atoms = [find_numbers(d.text) for d in docs]
    sentences = [split_sentences(d.text) for d in docs]
    claims = [find_claims(d.text, s) for d, s in zip(docs, sentences, strict=True)]
    mentions = [find_source_mentions(d.text, s) for d, s in zip(docs, sentences, strict=True)]

    gold_num = [d.spans["Quantity"] + d.spans["Money"] for d in docs]
    rows = []
    all_atoms = [[(a.start, a.end) for a in doc] for doc in atoms]
    rows.append(("find_numbers (all atoms)", _score(list(zip(all_atoms, gold_num, strict=True)))))
    no_dates = [
        [s for s in doc if not any(_overlaps(s, t) for t in d.spans["Temporal"])]
        for doc, d in zip(all_atoms, docs, strict=True)
    ]
    rows.append(
        (
            "find_numbers, atoms in Temporal left out",
            _score(list(zip(no_dates, gold_num, strict=True))),
        )
    )
    valued = [
        [(a.start, a.end) for a in doc if a.value is not None or a.kind == "vague"] for doc in atoms
    ]
    valued = [
        [s for s in doc if not any(_overlaps(s, t) for t in d.spans["Temporal"])]
        for doc, d in zip(valued, docs, strict=True)
    ]
    rows.append(
        (
            "find_numbers, counts only, Temporal left out",
            _score(list(zip(valued, gold_num, strict=True))),
        )
    )
    # a claim's own span is not recorded; use the atoms it was built from
    claim_spans = []
    for doc_claims, doc_atoms in zip(claims, atoms, strict=True):
        values = [(c.value, c.evidence[0].start, c.evidence[0].end) for c in doc_claims]
        spans = [
            (a.start, a.end)
            for a in doc_atoms
            if any(a.value == v and s <= a.start < e for v, s, e in values)
        ]
        claim_spans.append(spans)
    rows.append(
        ("find_claims (figures kept)", _score(list(zip(claim_spans, gold_num, strict=True))))
    )

    print("\nnumbers vs Quantity+Money (overlap)")
    print(f"{'run':48} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'gold':>5}")
    for name, (p, r, f, n_pred, n_gold) in rows:
        print(f"{name:48} {p:6.3f} {r:6.3f} {f:6.3f} {n_pred:5d} {n_gold:5d}")

    ents = [d.spans["Organisation"] + d.spans["Person"] for d in docs]
    src = [[(m.start, m.end) for m in doc] for doc in mentions]
    n_pred = sum(len(s) for s in src)
    tp_pred = sum(
        sum(any(_overlaps(p, g) for g in gold) for p in pred)
        for pred, gold in zip(src, ents, strict=True)
    )
    speakers = [sorted(set(d.speakers)) for d in docs]
    n_gold = sum(len(s) for s in speakers)
    tp_gold = sum(
        sum(any(_overlaps(g, p) for p in pred) for g in gold)
        for pred, gold in zip(src, speakers, strict=True)
    )
    p, r, f = _prf(tp_pred, n_pred, tp_gold, n_gold)
    print("\nsources (mentions) vs Organisation/Person")
    print(f"precision (mention overlaps an Organisation/Person): {p:.3f}  ({tp_pred}/{n_pred})")
    print(f"recall (Organisation/Person next to a speech verb):  {r:.3f}  ({tp_gold}/{n_gold})")
    misses = [
        docs[i].text[g[0] : g[1]]
        for i, (pred, gold) in enumerate(zip(src, speakers, strict=True))
        for g in gold
        if not any(_overlaps(g, q) for q in pred)
    ]
    wrong = [
        docs[i].text[q[0] : q[1]]
        for i, (pred, gold) in enumerate(zip(src, ents, strict=True))
        for q in pred
        if not any(_overlaps(q, g) for g in gold)
    ]
    print("sample missed speakers:", misses[:12])
    print("sample unannotated predictions:", wrong[:12])

    per700 = 700 / words * 1000  # ms per 700 words, from seconds for all documents
    print("\nspeed (CPU, best of 5, ms per 700 words; sentences split beforehand, not counted):")
    pairs = list(zip(docs, sentences, strict=True))

    def pipeline() -> None:
        for d, sents in pairs:
            found = find_source_mentions(d.text, sents)
            find_claims(d.text, sents, mentions=found)
            find_sources(d.text, sents, mentions=found)

    for name, fn in (
        ("find_numbers", lambda: [find_numbers(d.text) for d in docs]),
        ("find_source_mentions", lambda: [find_source_mentions(d.text, s) for d, s in pairs]),
        (
            "find_claims (numbers + mentions + grammar)",
            lambda: [find_claims(d.text, s) for d, s in pairs],
        ),
        ("find_sources (mentions + grouping)", lambda: [find_sources(d.text, s) for d, s in pairs]),
        ("claims + sources, mentions shared", pipeline),
    ):
        print(f"  {name:50} {_best(fn) * per700:.2f}")


def _best(fn: Callable[[], object], rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/extdata/re3d"))
