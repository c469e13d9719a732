"""Telegram Desktop exports: one document per message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rankfile.ingest.readers import read_file
from rankfile.ingest.readers.telegram import flatten_text
from rankfile.records import Attachment, ReadFailure, SourceDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
EXPORT = FIXTURES / "telegram" / "result.json"


def documents() -> dict[str, SourceDocument]:
    return {d.part: d for d in read_file(EXPORT) if isinstance(d, SourceDocument) and d.part}


def test_one_document_per_text_message_service_and_empty_skipped() -> None:
    assert sorted(documents()) == ["2", "3", "4", "6"]


def test_message_fields() -> None:
    doc = documents()["2"]
    assert doc.name == "result-2"
    assert doc.publisher == "Test Monitor"
    assert doc.published == date(2023, 5, 2)
    assert doc.url == "https://t.me/test_monitor/2"
    assert doc.kind == "social_post"
    assert doc.source_format == "telegram"
    assert doc.metadata["message_id"] == 2
    assert doc.original == EXPORT.read_bytes()


def test_entities_are_flattened_and_forward_is_cited() -> None:
    doc = documents()["3"]
    assert doc.text == ("Wives of soldiers appeal to the Defence Ministry over men held in a pit. "
                        "See https://example.org/appeal")
    assert doc.cited == ["Wives Council"]


def test_media_become_attachments() -> None:
    docs = documents()
    assert docs["4"].attachments == [
        Attachment("photos/photo_4@04-05-2023_12-00-00.jpg", "image/jpeg", 34567)]
    assert docs["6"].attachments == [Attachment("report.pdf", "application/pdf", 2048)]


def test_bad_messages_fail_alone() -> None:
    failures = [f for f in read_file(EXPORT) if isinstance(f, ReadFailure)]
    assert [f.part for f in failures] == ["#6", "#7"]


def test_each_message_has_its_own_identity() -> None:
    docs = documents()
    assert len({d.sha256 for d in docs.values()}) == len(docs)


def test_malformed_export_is_one_failure() -> None:
    (failure,) = read_file(FIXTURES / "telegram_malformed.json")
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("malformed JSON: ")


def test_private_export_without_username_has_no_url(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text('{"name": "Chat", "type": "private_group", "id": 5, "messages": '
                    '[{"id": 9, "type": "message", "date": "2024-01-01T00:00:00", "from": "Someone", '
                    '"text": "The platoon was told to pay or go on the assault."}]}')
    (doc,) = read_file(path)
    assert isinstance(doc, SourceDocument)
    assert doc.url is None
    assert doc.author == "Someone"


def test_flatten_text_shapes() -> None:
    assert flatten_text(None) == ""
    assert flatten_text("plain") == "plain"
    assert flatten_text(["a ", {"type": "italic", "text": "b"}, {"type": "x"}, 3]) == "a b"
