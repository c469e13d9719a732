"""Word documents (DOCX), with python-docx.

Body paragraphs and tables are read in document order (table cells joined by
`` | ``, one row per line). Before python-docx opens anything, the zip's total
unpacked size is checked against ``max_unpacked_bytes``, so a zip bomb is refused
without being inflated (Python's zipfile never inflates a member beyond its declared
size, so the declared sizes are a real bound).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from rankfile.ingest.normalise import paragraphs_to_text
from rankfile.ingest.readers.base import ReaderError, ReadOptions, human_size
from rankfile.ingest.readers.fields import clean_str, parse_date, suffix
from rankfile.records import ReadFailure, SourceDocument


class DocxReader:
    """``.docx`` files (zip containers with ``word/document.xml``)."""

    name = "docx"

    def score(self, path: Path, head: bytes) -> int:
        is_zip = head.startswith(b"PK\x03\x04")
        if suffix(path) in (".docx", ".docm") and is_zip:
            return 90
        if suffix(path) in (".docx", ".docm"):
            return 60
        if is_zip and b"word/" in head:
            return 40
        return 0

    def read(
        self, path: Path, data: bytes, options: ReadOptions
    ) -> Iterator[SourceDocument | ReadFailure]:
        check_unpacked_size(data, options.max_unpacked_bytes)
        try:
            document = docx.Document(io.BytesIO(data))
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise ReaderError(f"damaged DOCX: {exc}") from exc
        text = paragraphs_to_text(list(blocks(document)))
        props = document.core_properties
        metadata: dict[str, object] = {}
        if props.created:
            metadata["created"] = props.created.isoformat()
        if props.last_modified_by:
            metadata["last_modified_by"] = props.last_modified_by
        yield SourceDocument(
            text=text,
            original=data,
            source_format="docx",
            name=path.stem,
            title=clean_str(props.title),
            author=clean_str(props.author),
            published=parse_date(props.created),
            metadata=metadata,
        )


def check_unpacked_size(data: bytes, limit: int) -> None:
    """Refuse a zip whose members unpack beyond ``limit`` (declared sizes, nothing inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReaderError(f"damaged DOCX: not a valid zip archive ({exc})") from exc
    if total > limit:
        raise ReaderError(
            f"DOCX unpacks to {human_size(total)}; the limit is "
            f"{human_size(limit, decimals=False)} (RANKFILE_MAX_UNPACKED_BYTES)"
        )


def blocks(document: docx.document.Document) -> Iterator[str]:
    """Paragraph texts and table rows in document order."""
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text
        elif isinstance(item, Table):
            yield "\n".join(_rows(item))


def _rows(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if value and (not cells or cells[-1] != value):  # merged cells repeat
                cells.append(value)
        if cells:
            yield " | ".join(cells)
