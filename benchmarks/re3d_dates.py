"""Score the date recogniser against the Temporal entities of re3d (overlap match).

Usage: .venv/bin/python benchmarks/re3d_dates.py [/work/shared/extdata/re3d]

re3d marks dates and durations alike as Temporal ("two weeks", "15 minutes"), and
times and named days too ("10 a.m.", "Ramadan"); ``find_dates`` finds dates only, so
the script also prints the score of dates + ``find_durations`` together.
A span that carries several candidate types is kept as Temporal only when Temporal
has its highest confidence. Prints precision, recall, F1 and speed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import re3d_data  # noqa: E402 - beside this script

from rankfile.extract.dates import find_dates, find_durations

Span = re3d_data.Span


def load(root: Path) -> list[tuple[str, list[Span]]]:
    """(text, gold Temporal spans) per document."""
    return re3d_data.load(root, "Temporal")


_overlaps = re3d_data.overlaps


def score(
    docs: list[tuple[str, list[Span]]], with_durations: bool
) -> tuple[float, float, float, int, int]:
    tp_pred = n_pred = tp_gold = n_gold = 0
    for text, gold in docs:
        pred: list[Span] = [(m.start, m.end) for m in find_dates(text)]
        if with_durations:
            pred += [
                (s, e)
                for s, e, _, _ in find_durations(text)
                if not any(_overlaps((s, e), p) for p in pred)
            ]
        n_pred += len(pred)
        n_gold += len(gold)
        tp_pred += sum(1 for p in pred if any(_overlaps(p, g) for g in gold))
        tp_gold += sum(1 for g in gold if any(_overlaps(p, g) for p in pred))
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, n_pred, n_gold


def speed(docs: list[tuple[str, list[Span]]], repeat: int = 5) -> tuple[float, float, int]:
    """Best-of-``repeat`` milliseconds per 700 words (CPU time, wall time) over the corpus.

    CPU time is the figure to compare: the machine is shared, and wall time then
    counts the waits for a core too.
    """
    words = sum(len(text.split()) for text, _ in docs)
    cpu = wall = float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        for text, _ in docs:
            find_dates(text)
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    scale = 1000 * 700 / words
    return cpu * scale, wall * scale, words


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/extdata/re3d")
    docs = load(root)
    print(f"re3d: {len(docs)} documents, {sum(len(g) for _, g in docs)} Temporal spans")
    for label, durations in (("dates", False), ("dates+durations", True)):
        p, r, f, n_pred, n_gold = score(docs, durations)
        print(
            f"{label:16} precision={p:.3f} recall={r:.3f} f1={f:.3f} (pred={n_pred} gold={n_gold})"
        )
    cpu, wall, words = speed(docs)
    print(f"speed: {cpu:.3f} ms CPU ({wall:.3f} ms wall) per 700 words; {words} words, best of 5")


if __name__ == "__main__":
    main()
