"""Word documents, and zip bombs refused before inflating."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rankfile.ingest.readers import ReadOptions, read_file
from rankfile.records import ReadFailure, SourceDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def test_paragraphs_tables_and_core_properties() -> None:
    (doc,) = read_file(FIXTURES / "testimony.docx")
    assert isinstance(doc, SourceDocument)
    assert doc.text.split("\n\n")[0] == "Testimony notes"
    assert "locked at least fifteen men in a cellar" in doc.text
    assert "Held | 15 men\nDuration | 9 days" in doc.text
    assert doc.text.endswith("The notes end here.")
    assert (doc.title, doc.author, doc.published) == ("Testimony notes", "Test Desk", date(2023, 4, 20))
    assert doc.source_format == "docx"


def test_zip_bomb_is_refused_naming_the_limit() -> None:
    (failure,) = read_file(FIXTURES / "bomb.docx", ReadOptions(max_unpacked_bytes=1024 * 1024))
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("DOCX unpacks to ")
    assert failure.reason.endswith("the limit is 1 MB (RANKFILE_MAX_UNPACKED_BYTES)")


def test_bomb_within_a_generous_limit_is_read() -> None:
    (doc,) = read_file(FIXTURES / "bomb.docx")
    assert isinstance(doc, SourceDocument)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive at all")
    (failure,) = read_file(path)
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("damaged DOCX")
