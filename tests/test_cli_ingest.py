"""`rankfile ingest`, `documents`, `show`: exit codes, summary, listing, one document."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rankfile.cli import app

runner = CliRunner()


def _corpus(folder):
    folder.mkdir()
    (folder / "one.txt").write_text("A sergeant beat a conscript at the training ground.")
    (folder / "two.md").write_text("# Note\n\nTwo men were kept in a pit for three days.")
    return folder


def test_ingest_documents_show(tmp_path):
    db = str(tmp_path / "r.db")
    folder = _corpus(tmp_path / "in")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-extract",
                                 "--kind", "testimony", "--published", "2024-05-01"])
    assert result.exit_code == 0, result.output
    assert "ingested" in result.output and "failed" in result.output

    again = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-extract"])
    assert again.exit_code == 0 and "already present" in again.output

    listed = runner.invoke(app, ["documents", "--db", db, "--json"])
    assert listed.exit_code == 0
    docs = json.loads(listed.output)
    assert [d["name"] for d in docs] == ["one", "two"]
    assert {d["kind"] for d in docs} == {"testimony"}
    assert {d["published"] for d in docs} == {"2024-05-01"}

    table = runner.invoke(app, ["documents", "--db", db])
    assert docs[0]["id"] in table.output

    shown = runner.invoke(app, ["show", docs[0]["id"], "--db", db])
    assert shown.exit_code == 0
    assert "A sergeant beat a conscript" in shown.output and "testimony" in shown.output
    as_json = json.loads(runner.invoke(app, ["show", "one", "--db", db, "--json"]).output)
    assert as_json["text"].startswith("A sergeant") and as_json["source_format"] == "txt"

    missing = runner.invoke(app, ["show", "doc-nothing", "--db", db])
    assert missing.exit_code == 1


def test_failures_give_exit_1_and_are_listed_then_retried(tmp_path):
    db = str(tmp_path / "r.db")
    folder = _corpus(tmp_path / "in")
    bad = folder / "bad.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-extract"])
    assert result.exit_code == 1
    assert "bad.txt" in result.output and "empty file" in result.output
    bad.write_text("Now there is text about a soldier who deserted after a beating.")
    retry = runner.invoke(app, ["ingest", "--retry-failed", "--db", db, "--no-extract"])
    assert retry.exit_code == 0, retry.output
    assert "1 file(s) read" in retry.output


def test_stored_text_cannot_style_the_terminal(tmp_path):
    db = str(tmp_path / "r.db")
    (tmp_path / "x.txt").write_text("[bold red]not markup[/bold red] and [link=http://x]y[/link]")
    assert runner.invoke(app, ["ingest", str(tmp_path / "x.txt"), "--db", db,
                               "--no-extract"]).exit_code == 0
    shown = runner.invoke(app, ["show", "x", "--db", db])
    assert "[bold red]not markup[/bold red]" in shown.output


def test_bad_options_are_refused(tmp_path):
    db = str(tmp_path / "r.db")
    assert runner.invoke(app, ["ingest", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", db, "--kind", "rumour"]).exit_code == 2
    assert runner.invoke(app, ["ingest", str(tmp_path), "--db", db,
                               "--published", "May 2024"]).exit_code == 2


def test_search_with_filters(tmp_path):
    db = str(tmp_path / "r.db")
    folder = _corpus(tmp_path / "in")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-extract",
                               "--published", "2024-05-01"]).exit_code == 0
    found = runner.invoke(app, ["search", "pit", "--db", db])
    assert found.exit_code == 0 and "1 hits" in found.output and "two" in found.output
    later = runner.invoke(app, ["search", "pit", "--db", db, "--since", "2024-06-01"])
    assert later.exit_code == 0 and "0 hits" in later.output
    assert runner.invoke(app, ["search", "pit", "--db", db, "--until", "May 1"]).exit_code != 0
