"""The bundled example reports all read, in every format, with their metadata."""

from __future__ import annotations

from pathlib import Path

from rankfile.ingest.readers import read_file
from rankfile.records import SourceDocument

EXAMPLES = Path(__file__).parent.parent.parent / "examples"


def all_documents() -> list[SourceDocument]:
    docs: list[SourceDocument] = []
    for path in sorted(EXAMPLES.rglob("*")):
        if path.is_dir() or path.suffix == ".py" or path.name == "README.md":
            continue
        for item in read_file(path):
            assert isinstance(item, SourceDocument), item
            docs.append(item)
    return docs


def test_every_example_reads_in_every_format() -> None:
    docs = all_documents()
    formats = {d.source_format for d in docs}
    assert {"txt", "markdown", "html", "pdf", "docx", "eml", "telegram", "csv"} <= formats
    assert sum(d.source_format in {"txt", "markdown", "html", "pdf", "docx", "eml"} for d in docs) >= 12
    assert all(d.language == "en" for d in docs)


def test_standalone_reports_are_150_to_400_words() -> None:
    for doc in all_documents():
        if doc.source_format in {"txt", "markdown", "html", "pdf", "docx", "eml"}:
            assert 150 <= len(doc.text.split()) <= 400, doc.name


def test_copies_of_the_zaitseve_story_are_present() -> None:
    docs = {d.name: d for d in all_documents()}
    assert "about 20 men" in docs["zaitseve-cellar"].text
    assert "About 20 mobilised men" in docs["zaitseve-cellar-short"].text
    assert "About 60 mobilised men" in docs["zaitseve-repost"].text
