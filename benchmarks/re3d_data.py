"""Reading the re3d gold set (../shared/extdata/re3d): documents and entity spans by type.

re3d gives one span several candidate types with a confidence each; a span counts for the
type with the highest confidence.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

Span = tuple[int, int]


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load(root: Path, entity_type: str) -> list[tuple[str, list[Span]]]:
    """(text, gold spans of ``entity_type``) per document."""
    docs: list[tuple[str, list[Span]]] = []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        best: dict[tuple[str, int, int], tuple[float, str]] = {}
        for e in lines(folder / "entities.json"):
            key = (e["documentId"], e["begin"], e["end"])
            conf = float(e.get("confidence", 1))
            if key not in best or conf > best[key][0]:
                best[key] = (conf, e["type"])
        gold: dict[str, list[Span]] = defaultdict(list)
        for (doc, b, e), (_, kind) in best.items():
            if kind == entity_type:
                gold[doc].append((b, e))
        for d in lines(folder / "documents.json"):
            docs.append((d["text"], sorted(gold.get(d["_id"], []))))
    return docs


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
