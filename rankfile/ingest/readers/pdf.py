"""PDF text layers, with pypdf.

Pages are joined with blank lines; ``metadata["page_starts"]`` gives the offset in
the normalised text where each page with text begins, so evidence can name a page.
Lines a PDF wrapped for layout are joined back into paragraphs (a line ends a
paragraph when it ends a sentence and is clearly shorter than the page's longest
lines), so sentences are not cut at every line end. A PDF without a text layer (a scan) is refused: OCR is not available. A truncated
or corrupt file is refused as damaged rather than half read.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from rankfile.ingest.normalise import normalise_text
from rankfile.ingest.readers.base import ReaderError, ReadOptions
from rankfile.ingest.readers.fields import clean_str, parse_date, suffix
from rankfile.records import ReadFailure, SourceDocument

logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings on odd PDFs are not ours to show


class PdfTextReader:
    """``.pdf`` files and anything starting with ``%PDF``."""

    name = "pdf"

    def score(self, path: Path, head: bytes) -> int:
        if head[:1024].lstrip().startswith(b"%PDF"):
            return 100
        if suffix(path) == ".pdf":
            return 60
        return 0

    def read(
        self, path: Path, data: bytes, options: ReadOptions
    ) -> Iterator[SourceDocument | ReadFailure]:
        if b"%%EOF" not in data[-2048:]:
            raise ReaderError("damaged PDF: the file is truncated (no end-of-file marker)")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ReaderError("encrypted PDF: a password is needed")
            pages = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata
        except ReaderError:
            raise
        except FileNotDecryptedError as exc:
            raise ReaderError("encrypted PDF: a password is needed") from exc
        except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError,
                IndexError, AssertionError, RecursionError, OSError) as exc:
            raise ReaderError(f"damaged PDF: {_first_line(exc)}") from exc
        text, starts = join_pages(pages)
        if not text:
            raise ReaderError("no text layer (scanned PDF?); OCR is not available")
        metadata: dict[str, object] = {"page_count": len(pages), "page_starts": starts}
        title = author = None
        published = None
        if info is not None:
            title = clean_str(_safe(lambda: info.title))
            author = clean_str(_safe(lambda: info.author))
            created = _safe(lambda: info.creation_date)
            published = parse_date(created)
            if created is not None:
                metadata["created"] = str(created)
            producer = clean_str(_safe(lambda: info.producer))
            if producer:
                metadata["producer"] = producer
        yield SourceDocument(
            text=text,
            original=data,
            source_format="pdf",
            name=path.stem,
            title=title,
            author=author,
            published=published,
            metadata=metadata,
        )


def join_pages(pages: list[str]) -> tuple[str, list[int | None]]:
    """Normalised pages joined by blank lines, and where each starts (None: page has no text)."""
    parts: list[str] = []
    starts: list[int | None] = []
    pos = 0
    for raw in pages:
        page = normalise_text(unwrap_lines(normalise_text(raw)))
        if not page:
            starts.append(None)
            continue
        if parts:
            pos += 2
        starts.append(pos)
        parts.append(page)
        pos += len(page)
    return "\n\n".join(parts), starts


_TERMINAL = (".", "!", "?", ":", '"', "\u201d", "\u00bb", ")", "\u2026")


def unwrap_lines(page: str) -> str:
    """Join layout line breaks inside paragraphs; keep breaks after short, finished lines."""
    lines = page.split("\n")
    longest = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if i == len(lines) - 1:
            break
        nxt = lines[i + 1]
        if not line or not nxt:
            out.append("\n")
        elif line.endswith(_TERMINAL) and len(line) < 0.8 * longest:
            out.append("\n\n")
        elif len(line) < 0.5 * longest and not line.endswith(("-", ",")):
            out.append("\n")  # short line that does not end a sentence: a heading, a list item
        elif line.endswith("-") and nxt[:1].islower():
            continue  # hyphen kept, word rejoined
        else:
            out.append(" ")
    return "".join(out)


def _safe(get):  # type: ignore[no-untyped-def]
    """A metadata field, or None when the PDF's info dictionary is broken."""
    try:
        return get()
    except Exception:  # noqa: BLE001 - metadata is optional; never fail a read on it
        return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
