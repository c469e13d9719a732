"""Quality guard: the extractor keeps its scores on our own development set.

Uses the project's scorer from ../shared/eval/score.py (CI has shared/ beside the checkout);
skips with a reason when it is not there. Thresholds sit a little under the figures recorded
in docs/quality.md so that a real regression fails and noise does not.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from rankfile.extract.output import contract_json
from rankfile.extract.pipeline import extract_document
from rankfile.ingest.readers import read_file

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = ROOT / "tests" / "gold" / "dev.gold.json"

FLOORS = {"incident_f1": 0.85, "type_f1": 0.8, "claim_f1": 0.9, "source_f1": 0.85,
          "evidence_faithful": 1.0}


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not at {SCORER}")
    spec = importlib.util.spec_from_file_location("rankfile_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_set_scores_do_not_regress(scorer, tmp_path, capsys):
    pred = tmp_path / "dev.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted((ROOT / "tests" / "gold" / "dev").glob("*.txt")):
            [doc] = read_file(path)
            out.write(json.dumps(contract_json(doc, extract_document(doc))) + "\n")
    scorer.main(["--gold", str(GOLD), "--pred", str(pred), "--root", str(ROOT / "tests"), "--json"])
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-2])
    low = {k: summary[k] for k, floor in FLOORS.items() if (summary[k] or 0) < floor}
    assert not low, f"dev-set scores fell below their floors: {low} (all: {summary})"
