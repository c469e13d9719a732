"""E-mail complaints with attachments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rankfile.ingest.readers import read_file
from rankfile.records import Attachment, ReadFailure, SourceDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def test_headers_body_and_attachments() -> None:
    (doc,) = read_file(FIXTURES / "complaint.eml")
    assert isinstance(doc, SourceDocument)
    assert doc.title == "Complaint: wounded son sent back to assault unit"
    assert doc.author == "Test Parent <parent@example.org>"
    assert doc.published == date(2023, 11, 14)
    assert doc.text.startswith("I am writing about my son")
    assert "medical-note.pdf" not in doc.text
    assert doc.attachments == [Attachment("medical-note.pdf", "application/pdf", 52)]
    assert doc.metadata["to"] == "Ombudsman Office <appeals@ombudsman.example.org>"
    assert doc.source_format == "eml"


def test_html_only_mail_is_read_as_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "html.eml"
    path.write_text(
        "From: a@example.org\nSubject: Appeal\nDate: Mon, 4 Mar 2024 09:00:00 +0000\n"
        "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
        "<html><body><script>alert(1)</script><p>My husband was sent back while wounded.</p></body></html>\n"
    )
    (doc,) = read_file(path)
    assert isinstance(doc, SourceDocument)
    assert doc.text == "My husband was sent back while wounded."


def test_text_that_is_not_mail(tmp_path: Path) -> None:
    path = tmp_path / "x.eml"
    path.write_text("just some words without any header lines at all")
    (failure,) = read_file(path)
    assert isinstance(failure, ReadFailure)
