import io
import json

from rankfile.export.corpus_json import corpus_json
from rankfile.export.csv import write_incidents_csv
from rankfile.export.ftm import ftm_entities
from rankfile.export.geojson import incidents_geojson
from rankfile.export.view import (
    ClaimMentionRow,
    ClaimRow,
    ConflictRow,
    DocumentRow,
    IncidentRow,
    MentionRow,
)

EV = [{"start": 0, "end": 5, "text": "Oleg "}]
DOCS = [DocumentRow("doc-a", "a", "sty-1", "2024-04-02", "0" * 64),
        DocumentRow("doc-b", "b", "sty-1", None, "1" * 64)]
INC = [IncidentRow("icl-1", "incident", ["restraint_exposure"], 1, "contested", "proposed", [
    MentionRow("inc-a", "doc-a", "a", EV, facts={
        "location": {"name": "Yelnya", "country": "RU", "lat": 54.5, "lon": 33.2},
        "victims": {"names": ["Oleg Varenik"]}}),
    MentionRow("inc-b", "doc-b", "b", EV)])]
CLAIMS = [ClaimRow("clg-1", "deserted", "sister", None, None,
                   [ClaimMentionRow("clm-a", "a", 14.0, EV), ClaimMentionRow("clm-b", "b", 41.0, EV)])]
CONF = [ConflictRow("cfl-1", "claim_value", "clg-1",
                    [{"document": "a", "value": 14.0, "evidence": EV},
                     {"document": "b", "value": 41.0, "evidence": EV}], None, "open")]


def test_corpus_json_has_the_format_fields():
    out = corpus_json(DOCS, INC, CLAIMS, CONF)
    assert out["documents"][0]["story"] == out["documents"][1]["story"]
    inc = out["incidents"][0]
    assert inc["independent_origins"] == 1 and inc["status"] == "contested"
    assert [m["document"] for m in inc["mentions"]] == ["a", "b"]
    assert out["claims"][0]["mentions"][0]["value"] == 14
    assert out["conflicts"][0]["values"][1]["value"] == 41
    json.dumps(out)


def test_csv_geojson_ftm():
    buf = io.StringIO()
    write_incidents_csv(INC, buf)
    assert buf.getvalue().count("\n") == 3
    geo = incidents_geojson(INC)
    assert geo["features"][0]["geometry"]["coordinates"] == [33.2, 54.5]
    entities = list(ftm_entities(DOCS, INC, CLAIMS))
    schemata = {e["schema"] for e in entities}
    assert {"Article", "Event", "Person", "Note", "Documentation"} <= schemata
    assert all(e["id"].startswith("rankfile-") for e in entities)
