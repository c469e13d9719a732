"""Score the place recogniser against the Location entities of re3d (overlap match).

Usage: .venv/bin/python benchmarks/re3d_places.py [/work/shared/extdata/re3d] [--show]

A span that carries several candidate types is kept as Location only when Location has
its highest confidence. re3d's Location also covers descriptions ("the camp", "the
northern part of the country"), which a gazetteer recogniser does not return on purpose;
the script therefore also prints recall on gold spans that hold a capitalised word.
Prints precision, recall, F1, the gazetteer load time (fresh process, warm disk cache) and
the per-report cost (CPU time per 700 words; the machine is shared).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import re3d_data  # noqa: E402 - beside this script

from rankfile.extract.places import find_places

Span = re3d_data.Span


def load(root: Path) -> list[tuple[str, list[Span]]]:
    """(text, gold Location spans) per document."""
    return re3d_data.load(root, "Location")


_overlaps = re3d_data.overlaps


def score(docs: list[tuple[str, list[Span]]], show: bool = False) -> dict[str, float]:
    tp_pred = n_pred = tp_gold = n_gold = named_gold = named_hit = 0
    for text, gold in docs:
        pred = [(m.start, m.end) for m in find_places(text)]
        n_pred += len(pred)
        n_gold += len(gold)
        for p in pred:
            hit = any(_overlaps(p, g) for g in gold)
            tp_pred += hit
            if show and not hit:
                print("FP", repr(text[p[0]:p[1]]), "|", text[max(0, p[0] - 40):p[1] + 40].replace("\n", " "))
        for g in gold:
            hit = any(_overlaps(p, g) for p in pred)
            tp_gold += hit
            named = any(w[:1].isupper() for w in text[g[0]:g[1]].split() if w.lower() != "the")
            named_gold += named
            named_hit += hit and named
            if show and not hit and named:
                print("FN", repr(text[g[0]:g[1]]), "|", text[max(0, g[0] - 40):g[1] + 40].replace("\n", " "))
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "named_recall": named_hit / named_gold if named_gold else 0.0,
            "pred": n_pred, "gold": n_gold, "named_gold": named_gold}


def load_time() -> tuple[float, float]:
    """(wall, CPU) seconds for gazetteer.load() in a fresh process with the disk cache warm."""
    code = ("import time; t=time.perf_counter(); c=time.process_time(); from rankfile.extract import gazetteer; "
            "gazetteer.load(); print(time.perf_counter()-t, time.process_time()-c)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def speed(texts: list[str], repeat: int = 5) -> tuple[float, float]:
    """Best-of-``repeat`` (CPU, wall) milliseconds per 700 words."""
    words = sum(len(t.split()) for t in texts)
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        for t in texts:
            find_places(t)
        best_cpu = min(best_cpu, time.process_time() - c)
        best_wall = min(best_wall, time.perf_counter() - w)
    return best_cpu * 1000 * 700 / words, best_wall * 1000 * 700 / words


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = Path(args[0] if args else "/work/shared/extdata/re3d")
    docs = load(root)
    find_places("warm up")
    s = score(docs, show="--show" in sys.argv)
    print(f"re3d places: {len(docs)} documents, {s['gold']} gold Location spans "
          f"({s['named_gold']} with a capitalised word), {s['pred']} predicted")
    print(f"precision={s['precision']:.3f} recall={s['recall']:.3f} f1={s['f1']:.3f} "
          f"recall_named={s['named_recall']:.3f}")
    wall, cpu = load_time()
    print(f"gazetteer load (fresh process, warm cache): {wall:.2f} s wall, {cpu:.2f} s CPU")
    cpu_ms, wall_ms = speed([t for t, _ in docs])
    print(f"find_places on re3d: {cpu_ms:.2f} ms CPU per 700 words ({wall_ms:.2f} ms wall)")
    seeds = [p.read_text("utf-8") for p in sorted(Path("/work/shared/seeds").glob("*.txt"))]
    if seeds:
        cpu_ms, wall_ms = speed(seeds)
        print(f"find_places on seeds: {cpu_ms:.2f} ms CPU per 700 words ({wall_ms:.2f} ms wall)")


if __name__ == "__main__":
    main()
