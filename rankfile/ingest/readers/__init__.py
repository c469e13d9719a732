"""Document readers: one module per format behind one contract (:mod:`.base`).

``read_file(path, options)`` returns the documents in a file and a ReadFailure for
every file or item that could not be read; it never raises for bad input.
"""

from __future__ import annotations

from rankfile.ingest.readers.base import (
    Reader,
    ReaderError,
    ReadOptions,
    choose_reader,
    human_size,
    read_bytes,
    read_file,
    readers,
)

__all__ = [
    "ReadOptions",
    "Reader",
    "ReaderError",
    "builtin_readers",
    "choose_reader",
    "human_size",
    "read_bytes",
    "read_file",
    "readers",
]


def builtin_readers() -> list[Reader]:
    """The readers that ship with Rankfile, in tie-break order."""
    from rankfile.ingest.readers.docx import DocxReader
    from rankfile.ingest.readers.eml import EmlReader
    from rankfile.ingest.readers.html import HtmlReader
    from rankfile.ingest.readers.pdf import PdfTextReader
    from rankfile.ingest.readers.records import RecordsReader
    from rankfile.ingest.readers.telegram import TelegramReader
    from rankfile.ingest.readers.text import TextReader

    return [PdfTextReader(), DocxReader(), TelegramReader(), RecordsReader(), HtmlReader(),
            EmlReader(), TextReader()]
