"""Reader throughput on the bundled examples: milliseconds per file, by format.

    .venv/bin/python benchmarks/readers.py [rounds]
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

from rankfile.ingest.readers import read_file

EXAMPLES = Path(__file__).parent.parent / "examples"


def main(rounds: int = 20) -> None:
    files = [p for p in sorted(EXAMPLES.rglob("*"))
             if p.is_file() and p.suffix != ".py" and p.name != "README.md"]
    for path in files:  # warm caches (imports, language model)
        read_file(path)
    timings: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        for path in files:
            start = time.perf_counter()
            read_file(path)
            timings[path.suffix.lstrip(".") or "none"].append(time.perf_counter() - start)
    print(f"{'format':8} {'files':>5} {'ms/file (median)':>17}")
    for fmt, values in sorted(timings.items()):
        values.sort()
        print(f"{fmt:8} {len(values) // rounds:5d} {1000 * values[len(values) // 2]:17.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
