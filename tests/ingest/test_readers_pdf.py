"""PDF text layers, scans and damaged files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rankfile.ingest.readers import read_file
from rankfile.ingest.readers.pdf import join_pages, unwrap_lines
from rankfile.records import ReadFailure, SourceDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def test_text_layer_and_metadata() -> None:
    (doc,) = read_file(FIXTURES / "report.pdf")
    assert isinstance(doc, SourceDocument)
    assert doc.text.startswith("Relatives of mobilised soldiers")
    assert "commanders had locked at least fifteen men in a cellar" in doc.text  # lines rejoined
    assert (doc.title, doc.author, doc.published) == ("Cellar report", "Test Desk", date(2023, 4, 20))
    assert doc.metadata["page_count"] == 2
    second = doc.metadata["page_starts"][1]
    assert doc.text[second:].startswith("Page two.")


def test_truncated_pdf_is_damaged() -> None:
    (failure,) = read_file(FIXTURES / "truncated.pdf")
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("damaged PDF: ")


def test_scan_without_text_layer() -> None:
    (failure,) = read_file(FIXTURES / "scanned.pdf")
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "no text layer (scanned PDF?); OCR is not available"


def test_corrupt_body_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    (failure,) = read_file(path)
    assert isinstance(failure, ReadFailure)


def test_unwrap_joins_layout_lines_but_keeps_paragraph_ends() -> None:
    page = ("The commander ordered the men to dig a pit near the\n"
            "village and kept three of them there for a week.\n"
            "Short end.\n"
            "A new paragraph starts here and runs on to the end of the\n"
            "line.")
    assert unwrap_lines(page) == (
        "The commander ordered the men to dig a pit near the village and kept three of them "
        "there for a week. Short end.\n\nA new paragraph starts here and runs on to the end of the line.")


def test_join_pages_offsets_point_at_each_page() -> None:
    text, starts = join_pages(["First page.", "  ", "Third page."])
    assert starts == [0, None, 13]
    assert text[13:] == "Third page."
