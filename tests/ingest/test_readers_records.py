"""CSV and JSON Lines records: one document per row, bad rows fail alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rankfile.ingest.readers import read_file
from rankfile.records import ReadFailure, SourceDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def split(path: Path) -> tuple[list[SourceDocument], list[ReadFailure]]:
    items = read_file(path)
    return ([i for i in items if isinstance(i, SourceDocument)],
            [i for i in items if isinstance(i, ReadFailure)])


def test_csv_rows() -> None:
    docs, failures = split(FIXTURES / "records.csv")
    assert [d.name for d in docs] == ["r1", "r2", "r4"]
    first = docs[0]
    assert first.text == "Relatives said commanders locked at least fifteen men in a cellar, in April 2023."
    assert (first.title, first.published, first.url, first.kind) == (
        "Cellar report", date(2023, 4, 2), "https://example.org/r1", "news")
    assert first.metadata["region"] == "Luhansk"
    assert first.part == "1" and first.source_format == "csv"
    assert docs[1].published == date(2024, 3, 14)
    assert docs[1].kind == "official_report"
    assert docs[2].published is None and docs[2].metadata["unparsed_date"] == "someday"
    assert [(f.part, f.reason.split(" (")[0]) for f in failures] == [("3", "record has no text")]


def test_jsonl_rows() -> None:
    docs, failures = split(FIXTURES / "records.jsonl")
    assert [d.name for d in docs] == ["story-a", "records-2", "7"]
    assert docs[0].published == date(2024, 2, 10)
    assert docs[0].text.startswith("Soldiers said men who refused")
    assert [f.part for f in failures] == ["3", "4"]
    assert failures[0].reason.startswith("malformed JSON line")


def test_csv_without_text_column_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n")
    (failure,) = read_file(path)
    assert isinstance(failure, ReadFailure)
    assert "no text column" in failure.reason


def test_semicolon_csv_and_json_array(tmp_path: Path) -> None:
    csv_path = tmp_path / "semi.csv"
    csv_path.write_text("name;body\nx;A commander took their pay.\n")
    (doc,) = read_file(csv_path)
    assert isinstance(doc, SourceDocument) and doc.text == "A commander took their pay."
    json_path = tmp_path / "list.json"
    json_path.write_text('[{"id": "a", "content": "Ten men deserted."}, 5]')
    doc, failure = read_file(json_path)
    assert isinstance(doc, SourceDocument) and doc.name == "a"
    assert isinstance(failure, ReadFailure) and failure.part == "2"
