"""read_file's contract: never raises, one clear failure per bad file, overrides, registry."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rankfile.ingest.readers import ReadOptions, read_bytes, read_file, readers
from rankfile.ingest.readers.base import choose_reader, human_size
from rankfile.records import ReadFailure, SourceDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
REPORT = "Relatives said commanders kept twelve mobilised men in a cellar for a week in 2023."


def only_failure(result: list[SourceDocument | ReadFailure]) -> ReadFailure:
    assert len(result) == 1
    assert isinstance(result[0], ReadFailure)
    return result[0]


def test_registry_has_every_builtin_format() -> None:
    names = {r.name for r in readers()}
    assert {"text", "html", "pdf", "docx", "eml", "telegram", "records"} <= names


def test_best_score_wins_over_extension() -> None:
    reader = choose_reader(Path("misnamed.txt"), b"%PDF-1.7\n...")
    assert reader is not None and reader.name == "pdf"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert only_failure(read_file(path)).reason == "empty file"


def test_whitespace_only_file_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\n\t \r\n")
    assert only_failure(read_file(path)).reason == "no text found"


def test_binary_junk_named_txt() -> None:
    assert only_failure(read_file(FIXTURES / "junk.txt")).reason == "not text (binary content)"


def test_missing_file(tmp_path: Path) -> None:
    assert "file not found" in only_failure(read_file(tmp_path / "nope.txt")).reason


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "target-that-does-not-exist.txt")
    assert only_failure(read_file(link)).reason == "cannot read: broken link"


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "x.txt"
    folder.mkdir()
    assert "is a directory" in only_failure(read_file(folder)).reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files with mode 000")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(REPORT)
    path.chmod(0)
    try:
        assert "permission denied" in only_failure(read_file(path)).reason
    finally:
        path.chmod(0o600)


def test_file_above_limit_is_refused_with_a_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(REPORT * 100)
    reason = only_failure(read_file(path, ReadOptions(max_file_bytes=1024))).reason
    assert reason == f"file is {human_size(path.stat().st_size)}; the limit is 1 KB (RANKFILE_MAX_FILE_BYTES)"


def test_sparse_200_mb_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no disk, and reading it would take 200 MB
    reason = only_failure(read_file(path)).reason
    assert reason == "file is 200.0 MB; the limit is 50 MB (RANKFILE_MAX_FILE_BYTES)"


def test_no_reader_for_binary_with_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    assert only_failure(read_file(path)).reason == "no reader for this file type (.jpg)"


def test_text_without_extension_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    path.write_text(REPORT)
    (doc,) = read_file(path)
    assert isinstance(doc, SourceDocument) and doc.text == REPORT


def test_unknown_extension_is_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "script.py"
    path.write_text("print('hello')\n")
    assert only_failure(read_file(path)).reason == "no reader for this file type (.py)"


def test_cli_overrides_win(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(REPORT)
    options = ReadOptions(published=date(2024, 1, 2), kind="testimony", url="https://example.org/x")
    (doc,) = read_file(path, options)
    assert isinstance(doc, SourceDocument)
    assert (doc.published, doc.kind, doc.url) == (date(2024, 1, 2), "testimony", "https://example.org/x")
    assert doc.path == str(path)
    assert doc.original == path.read_bytes()


def test_read_bytes_uses_the_name_for_the_format() -> None:
    (doc,) = read_bytes(Path("upload.html"), b"<html><body><p>" + REPORT.encode() + b"</p></body></html>")
    assert isinstance(doc, SourceDocument) and doc.source_format == "html"


class _Exploding:
    name = "exploding"

    def score(self, path: Path, head: bytes) -> int:
        return 1000

    def read(self, path, data, options):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom\nsecond line")
        yield  # pragma: no cover


def test_a_crashing_reader_becomes_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rankfile.ingest.readers import base

    monkeypatch.setattr(base, "readers", lambda: [_Exploding()])
    path = tmp_path / "a.txt"
    path.write_text(REPORT)
    assert only_failure(read_file(path)).reason == "exploding reader failed: RuntimeError: boom"


SUFFIXES = [".txt", ".md", ".html", ".pdf", ".docx", ".eml", ".json", ".jsonl", ".csv", ".bin", ""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048), ext=st.sampled_from(SUFFIXES))
def test_read_file_never_raises_on_arbitrary_bytes(tmp_path: Path, data: bytes, ext: str) -> None:
    path = tmp_path / f"any{ext}"
    path.write_bytes(data)
    result = read_file(path)
    assert result
    for item in result:
        assert isinstance(item, SourceDocument | ReadFailure)
        if isinstance(item, SourceDocument):
            assert item.text.strip()
            assert item.original == data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b'{"messages": [',
                               b"From: a@b.c\nTo: d@e.f\nSubject: x\n\n"]),
       data=st.binary(max_size=1024))
def test_read_file_never_raises_on_format_like_junk(tmp_path: Path, prefix: bytes, data: bytes) -> None:
    path = tmp_path / "junk.dat"
    path.write_bytes(prefix + data)
    assert read_file(path)
