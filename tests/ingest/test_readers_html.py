"""Web pages: main text and metadata, and nothing executable in the stored text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rankfile.ingest.readers import read_file
from rankfile.records import SourceDocument

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def read_one(path: Path) -> SourceDocument:
    (doc,) = read_file(path)
    assert isinstance(doc, SourceDocument), doc
    return doc


def test_hostile_page_keeps_no_script_or_handler() -> None:
    text = read_one(FIXTURES / "hostile.html").text
    lowered = text.lower()
    for bad in ("<script", "onerror", "onload", "onclick", "alert(", "javascript:", "document.write",
                "injected paragraph", "<", ">"):
        assert bad not in lowered, bad
    assert "sergeants had beaten at least six young soldiers" in text


def test_navigation_and_boilerplate_are_dropped() -> None:
    text = read_one(FIXTURES / "hostile.html").text
    for boilerplate in ("Politics", "We use cookies", "All rights reserved", "Enable JavaScript"):
        assert boilerplate not in text


def test_metadata_from_meta_tags() -> None:
    doc = read_one(FIXTURES / "hostile.html")
    assert doc.title == "Conscripts beaten at training ground, relatives say"
    assert doc.author == "Test Reporter"
    assert doc.publisher == "Test Gazette"
    assert doc.published == date(2023, 9, 5)
    assert doc.url == "https://gazette.example.org/2023/09/conscripts-beaten"
    assert doc.language == "en"
    assert doc.source_format == "html"


def test_article_paragraphs_are_blank_line_separated() -> None:
    text = read_one(FIXTURES / "hostile.html").text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Conscripts beaten at training ground, relatives say"  # the article's h1
    assert paragraphs[1].startswith("Parents of conscripts serving at a training ground")
    assert len(paragraphs) == 4


def test_same_article_as_html_and_text_has_the_same_text(tmp_path: Path) -> None:
    text = "A commander held four mobilised men in a cellar for a week, relatives said."
    html = tmp_path / "a.html"
    html.write_text("<html><head><title>Cellar</title><script>track()</script></head><body>"
                    f"<nav>Home | World</nav><article><p>{text}</p></article></body></html>")
    txt = tmp_path / "a.txt"
    txt.write_text(text)
    assert read_one(html).text_sha256 == read_one(txt).text_sha256


def test_fallback_reads_tiny_pages(tmp_path: Path) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text("<html><body><script>alert(1)</script><p>Two soldiers deserted.</p></body></html>")
    doc = read_one(path)
    assert doc.text == "Two soldiers deserted."


def test_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "ru.html"
    body = ("<html><head><meta charset=\"windows-1251\"><title>Яма</title></head><body>"
            "<p>Солдат держали в яме три дня, рассказали их родственники журналистам.</p></body></html>")
    path.write_bytes(body.encode("cp1251"))
    doc = read_one(path)
    assert "Солдат держали в яме три дня" in doc.text
    assert doc.metadata["encoding"] == "windows-1251"
