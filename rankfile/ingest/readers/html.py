"""Web pages: the article's main text and its metadata, with trafilatura.

HTML is hostile input: nothing from it is executed or fetched, and the stored text
never holds markup, scripts, styles or event-handler code. trafilatura finds the main
text (dropping navigation and boilerplate) and the metadata (title, author, site,
publication date, canonical URL). When it finds no main text (very short pages, odd
markup) the visible text of ``<body>`` is used, read with lxml after removing
scripts, styles, forms and embedded objects. The headline goes to ``title`` and is
not repeated in the text (like every reader's metadata), so the same article saved as
HTML and as plain text has the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from rankfile.ingest.normalise import normalise_text
from rankfile.ingest.readers.base import ReaderError, ReadOptions, decode_or_refuse
from rankfile.ingest.readers.fields import clean_str, parse_date, suffix
from rankfile.records import ReadFailure, SourceDocument

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.I)
_LOOKS_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
         "math", "canvas", "form", "button", "select", "textarea", "input", "head", "nav",
         "aside", "footer", "header")
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
          "table", "section", "article", "blockquote", "pre", "dd", "dt", "dl", "figure",
          "figcaption", "main", "hr", "address"}


class HtmlReader:
    """``.html``/``.htm`` files and anything whose first bytes are HTML."""

    name = "html"

    def score(self, path: Path, head: bytes) -> int:
        if suffix(path) in (".html", ".htm", ".xhtml"):
            return 70
        if _LOOKS_HTML.search(head[:2048]):
            return 50
        return 0

    def read(
        self, path: Path, data: bytes, options: ReadOptions
    ) -> Iterator[SourceDocument | ReadFailure]:
        markup, encoding, replaced = decode_html(data)
        page = html_to_document(markup)
        if not page.text:
            raise ReaderError("no text found in the HTML page")
        metadata: dict[str, object] = {"encoding": encoding, "extractor": page.extractor}
        if replaced:
            metadata["decoding_errors"] = replaced
        if page.description:
            metadata["description"] = page.description
        yield SourceDocument(
            text=page.text,
            original=data,
            source_format="html",
            name=path.stem,
            title=page.title,
            url=page.url,
            publisher=page.publisher,
            author=page.author,
            published=parse_date(page.date),
            metadata=metadata,
        )


class Page:
    """What :func:`html_to_document` found in a page."""

    def __init__(self, text: str, extractor: str, title: str | None = None,
                 author: str | None = None, publisher: str | None = None,
                 date: str | None = None, url: str | None = None,
                 description: str | None = None) -> None:
        self.text = text
        self.extractor = extractor
        self.title = title
        self.author = author
        self.publisher = publisher
        self.date = date
        self.url = url
        self.description = description


def decode_html(data: bytes) -> tuple[str, str, int]:
    """(markup, encoding, replaced bytes): a declared charset if it decodes cleanly, else detection."""
    m = _CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "ignore")
        try:
            return data.decode(declared), declared.lower(), 0
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_or_refuse(data)
    return decoded.text, decoded.encoding, decoded.replaced


def html_to_document(markup: str) -> Page:
    """Main text and metadata of a page; never returns markup or script text."""
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True,
            favor_precision=True,
            include_links=False, include_images=False, deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - trafilatura fails on some broken markup
        doc = None
    title = clean_str(getattr(doc, "title", None))
    body = _paragraphs(getattr(doc, "text", None) or "")
    extractor = "trafilatura"
    if not body:
        body = body_text(markup)
        extractor = "lxml"
    if doc is None:
        title = title or _lxml_title(markup)
    return Page(
        text=body,
        extractor=extractor,
        title=title,
        author=clean_str(getattr(doc, "author", None)),
        publisher=clean_str(getattr(doc, "sitename", None)),
        date=clean_str(getattr(doc, "date", None)),
        url=_http_url(getattr(doc, "url", None)),
        description=clean_str(getattr(doc, "description", None)),
    )


def html_fragment_text(markup: str) -> str:
    """Visible text of an HTML e-mail part or fragment (main text when trafilatura finds it)."""
    return html_to_document(markup).text


def _paragraphs(text: str) -> str:
    """trafilatura puts one paragraph per line: make each a blank-line paragraph."""
    return normalise_text("\n\n".join(line for line in text.splitlines() if line.strip()))


def _http_url(value: object) -> str | None:
    url = clean_str(value)
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _parse(markup: str) -> lxml_html.HtmlElement | None:
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  recover=True)
    try:
        return lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _lxml_title(markup: str) -> str | None:
    root = _parse(markup)
    if root is None:
        return None
    found = root.find(".//title")
    return clean_str(found.text_content()) if found is not None else None


def body_text(markup: str) -> str:
    """Visible text of the body, without scripts, styles, forms, navigation or embeds."""
    root = _parse(markup)
    if root is None:
        return ""
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    body = root.find("body")
    chunks: list[str] = []
    _walk(body if body is not None else root, chunks)
    return normalise_text("".join(chunks))


def _walk(el: lxml_html.HtmlElement, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag.lower() in _BLOCK
    if block:
        out.append("\n\n")
    if isinstance(el.tag, str) and el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append("\n\n")
