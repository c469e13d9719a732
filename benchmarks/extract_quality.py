"""Extraction scores on the seeds (when ../shared is beside the checkout) and on our dev set.

    .venv/bin/python benchmarks/extract_quality.py

Prints one markdown table row per set, as in docs/quality.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
COLUMNS = ("type_f1", "kind_acc", "date_acc", "place_acc", "victims_acc", "perp_acc",
           "claim_f1", "claim_attr_acc", "source_f1", "evidence_faithful")


def score(name: str, files: list[Path], gold: Path, root: Path) -> str:
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as out:
        subprocess.run([sys.executable, "-m", "rankfile.cli", "extract", *map(str, files), "--format", "json"],
                       stdout=out, check=False)
        result = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", out.name,
                                 "--root", str(root), "--json"], capture_output=True, text=True, check=True)
    summary = json.loads(result.stdout.strip().splitlines()[-2])
    fmt = lambda k: "n/a" if summary[k] is None else f"{summary[k]:.2f}"  # noqa: E731
    incidents = f"{fmt('incident_f1')} ({fmt('incident_p')} / {fmt('incident_r')})"
    return f"| {name} | {incidents} | " + " | ".join(fmt(k) for k in COLUMNS) + " |"


def main() -> None:
    if not SCORER.exists():
        sys.exit(f"the scorer is not at {SCORER}")
    print(score("seeds", sorted((SHARED / "seeds").glob("*.txt")), SHARED / "eval" / "seeds.gold.json", SHARED))
    print(score("dev", sorted((ROOT / "tests" / "gold" / "dev").glob("*.txt")),
                ROOT / "tests" / "gold" / "dev.gold.json", ROOT / "tests"))


if __name__ == "__main__":
    main()
