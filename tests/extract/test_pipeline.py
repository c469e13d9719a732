"""End to end: text in, records out, through the Python API and the CLI contract."""

import json
from pathlib import Path

from typer.testing import CliRunner

import rankfile
from rankfile.cli import app

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "extract" / "report_en.txt"


def test_python_api_returns_records_with_exact_evidence():
    text = FIXTURE.read_text("utf-8")
    result = rankfile.extract(text)
    assert result.language == "en"
    for record in [*result.incidents, *result.claims, *result.sources_cited]:
        assert record.evidence, record
        for ev in record.evidence:
            assert text[ev.start:ev.end] == ev.text
    first = result.incidents[0]
    assert {"restraint_exposure", "deprivation"} <= set(first.types)
    assert first.kind == "incident"
    assert "Maxim Lebedev" in first.victims.names
    assert "commander" in first.perpetrators.roles
    assert first.location is not None and first.location.country == "UA"
    assert first.date is not None and first.date.start == "2024-03-01"
    assert any("extortion" in i.types for i in result.incidents)
    figures = {c.value: c for c in result.claims}
    assert figures[7300].qualifier == "over" and "Mediazona" in (figures[7300].attributed_to or "")
    assert {"Verstka", "Mediazona"} <= {s.name for s in result.sources_cited}
    assert "unverified" in {c for i in result.incidents for c in i.caveats}
    assert all(inc.rules for inc in result.incidents)


def test_publication_date_resolves_relative_dates():
    result = rankfile.extract("Last July a soldier was beaten by military police in Tuva.",
                              published=__import__("datetime").date(2025, 3, 1))
    [inc] = result.incidents
    assert inc.date is not None and inc.date.start == "2024-07-01" and inc.date.end == "2024-07-31"
    assert inc.location is not None and inc.location.country == "RU"


def test_cli_extract_prints_the_format_contract(tmp_path):
    out = CliRunner().invoke(app, ["extract", str(FIXTURE), "--format", "json"])
    assert out.exit_code == 0, out.output
    [line] = [ln for ln in out.stdout.splitlines() if ln.strip()]
    payload = json.loads(line)
    assert payload["document"]["name"] == "report_en"
    assert len(payload["document"]["sha256"]) == 64
    assert set(payload) >= {"document", "incidents", "claims", "sources_cited"}
    inc = payload["incidents"][0]
    assert set(inc) >= {"kind", "types", "date", "location", "victims", "perpetrators", "evidence"}
    assert set(inc["date"]) >= {"text", "start", "end", "precision", "month", "day"}
    assert set(inc["location"]) >= {"text", "name", "country", "admin1", "lat", "lon"}


def test_cli_extract_reports_bad_files_and_goes_on(tmp_path):
    bad = tmp_path / "junk.txt"
    bad.write_bytes(b"\x00\x01\x02\xff" * 100)
    out = CliRunner().invoke(app, ["extract", str(bad), str(FIXTURE)])
    assert out.exit_code == 1
    assert '"report_en"' in out.stdout


def test_table_view_for_people(tmp_path):
    out = CliRunner().invoke(app, ["extract", str(FIXTURE), "--format", "table"])
    assert out.exit_code == 0
    assert "restraint_exposure" in out.stdout


def test_war_news_without_abuse_inside_the_army_gives_no_incident():
    """Shelling, drone strikes and prisoner exchanges are not abuse of a force's own soldiers."""
    text = (FIXTURE.parent / "control_war_news_en.txt").read_text("utf-8")
    result = rankfile.extract(text)
    assert result.incidents == []
    assert {c.value for c in result.claims} >= {208, 1050}
