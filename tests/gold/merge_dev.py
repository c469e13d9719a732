"""Merge the development-set gold parts into tests/gold/dev.gold.json.

    python3 tests/gold/merge_dev.py
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    docs = []
    for part in sorted(HERE.glob("dev_*.gold.json")):
        docs += json.loads(part.read_text("utf-8"))["documents"]
    merged = {"about": "Development set written by the Rankfile developers (own words); "
                       "merged from tests/gold/dev_*.gold.json.", "documents": docs}
    (HERE / "dev.gold.json").write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(docs)} documents")


if __name__ == "__main__":
    main()
