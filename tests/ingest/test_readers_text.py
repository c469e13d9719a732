"""Plain text and Markdown in the encodings reports arrive in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rankfile.ingest.readers import read_file
from rankfile.records import SourceDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
RUSSIAN_START = "Родственники мобилизованных рассказали"


def read_one(path: Path) -> SourceDocument:
    (doc,) = read_file(path)
    assert isinstance(doc, SourceDocument), doc
    return doc


@pytest.mark.parametrize(("name", "encoding"), [
    ("report_cp1251.txt", "cp1251"),
    ("report_koi8r.txt", "koi8-r"),
])
def test_short_cyrillic_in_legacy_encodings(name: str, encoding: str) -> None:
    doc = read_one(FIXTURES / name)
    assert doc.text.startswith(RUSSIAN_START)
    assert doc.metadata["encoding"] == encoding
    assert doc.language == "ru"
    assert doc.source_format == "txt"


@pytest.mark.parametrize("name", ["report_utf16.txt", "report_utf8_bom.txt"])
def test_byte_order_marks(name: str) -> None:
    doc = read_one(FIXTURES / name)
    assert doc.text.startswith("Relatives of mobilised soldiers")
    assert "\ufeff" not in doc.text
    assert doc.language == "en"


def test_damaged_utf8_is_decoded_with_replacement_and_counted() -> None:
    doc = read_one(FIXTURES / "report_damaged_utf8.txt")
    assert doc.text.startswith("Родственники")
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.metadata["decoding_errors"] == 2
    assert doc.text.count("\ufffd") == 2


def test_original_bytes_are_kept_unmodified() -> None:
    path = FIXTURES / "report_cp1251.txt"
    assert read_one(path).original == path.read_bytes()


def test_clean_utf8_text_is_kept_verbatim_so_offsets_point_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "messy.txt"
    path.write_bytes("Headline here\r\n\r\nFirst  para\u00a0with   spaces.  \r\nEnd.\r\n".encode())
    doc = read_one(path)
    assert doc.text == path.read_text(encoding="utf-8")  # what other tools see (universal newlines)
    assert doc.title == "Headline here"


def test_legacy_encoded_text_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "messy.txt"
    path.write_bytes("Заголовок\r\n\r\n\r\n\r\nПервый  абзац\u00a0с   пробелами.  \r\nКонец текста.\r\n"
                     .encode("cp1251", errors="replace") * 3)
    doc = read_one(path)
    assert "\r" not in doc.text and "  " not in doc.text and "\n\n\n" not in doc.text


def test_markdown_front_matter_and_heading(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Pit punishment reported\nauthor: Test Desk\ndate: 2024-02-10\n"
        "url: https://example.org/pit\nkind: news\n---\n# Heading\n\nSoldiers said a pit was used.\n"
    )
    doc = read_one(path)
    assert doc.source_format == "markdown"
    assert doc.text == "# Heading\n\nSoldiers said a pit was used."
    assert (doc.title, doc.author, doc.published, doc.url, doc.kind) == (
        "Pit punishment reported", "Test Desk", date(2024, 2, 10), "https://example.org/pit", "news")


def test_markdown_title_from_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("Intro line.\n\n## Men kept in a cellar ##\n\nText.")
    assert read_one(path).title == "Men kept in a cellar"


def test_short_text_has_no_language(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Ok then.")
    assert read_one(path).language is None
