"""Tables of records: CSV (``.csv``, ``.tsv``), JSON Lines (``.jsonl``) and JSON arrays.

Each record with a text column (``text``, ``body`` or ``content``; names are matched
without regard to case) becomes one document; ``title``, ``url``/``link``,
``published``/``date``, ``author``, ``publisher``/``source``, ``kind`` and
``name``/``id`` fill the document fields, other columns go to ``metadata``. A record
that cannot be read (bad JSON line, no text) fails alone with ``part`` set to its row
number (1-based, header excluded); the other rows are returned.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rankfile.ingest.readers.base import ReaderError, ReadOptions, decode_or_refuse
from rankfile.ingest.readers.fields import clean_str, parse_date, parse_kind, suffix
from rankfile.records import ReadFailure, SourceDocument

TEXT_KEYS = ("text", "body", "content")
_SAFE_NAME = re.compile(r"[^\w.-]+")


class RecordsReader:
    """CSV, TSV, JSON Lines and JSON arrays of objects."""

    name = "records"

    def score(self, path: Path, head: bytes) -> int:
        ext = suffix(path)
        if ext in (".csv", ".tsv", ".jsonl", ".ndjson"):
            return 70
        if ext == ".json" and head.lstrip().startswith(b"["):
            return 40
        return 0

    def read(
        self, path: Path, data: bytes, options: ReadOptions
    ) -> Iterator[SourceDocument | ReadFailure]:
        decoded = decode_or_refuse(data)
        ext = suffix(path)
        fmt = "csv" if ext in (".csv", ".tsv") else "jsonl"
        rows = _csv_rows(decoded.text, ext) if fmt == "csv" else _json_rows(decoded.text, ext)
        where = str(path)
        for row_number, row in rows:
            part = str(row_number)
            if isinstance(row, str):
                yield ReadFailure(where, row, part=part)
                continue
            doc = record_to_document(path, data, fmt, row_number, row)
            if isinstance(doc, str):
                yield ReadFailure(where, doc, part=part)
            else:
                doc.metadata.setdefault("encoding", decoded.encoding)
                yield doc


def record_to_document(path: Path, data: bytes, fmt: str, row_number: int,
                       record: dict[str, Any]) -> SourceDocument | str:
    """One record as a document, or the reason it cannot be one."""
    fields = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    text_key = next((k for k in TEXT_KEYS if isinstance(fields.get(k), str)
                     and fields[k].strip()), None)
    if text_key is None:
        return "record has no text (expected a 'text', 'body' or 'content' field)"
    own_name = clean_str(fields.get("name")) or clean_str(fields.get("id"))
    name = _SAFE_NAME.sub("-", own_name).strip("-") if own_name else ""
    used = {text_key, "title", "url", "link", "published", "date", "author", "publisher",
            "source", "kind", "name", "id"}
    metadata: dict[str, Any] = {"row": row_number}
    metadata.update({k: v for k, v in fields.items() if k not in used and v not in (None, "")})
    raw_date = fields.get("published") or fields.get("date")
    published = parse_date(raw_date)
    if raw_date not in (None, "") and published is None:
        metadata["unparsed_date"] = str(raw_date)
    if fields.get("id") is not None:
        metadata["id"] = fields["id"]
    return SourceDocument(
        text=fields[text_key],
        original=data,
        source_format=fmt,
        name=name or f"{path.stem}-{row_number}",
        title=clean_str(fields.get("title")),
        url=clean_str(fields.get("url") or fields.get("link")),
        publisher=clean_str(fields.get("publisher") or fields.get("source")),
        author=clean_str(fields.get("author")),
        published=published,
        kind=parse_kind(fields.get("kind")),
        part=str(row_number),
        metadata=metadata,
    )


def _csv_rows(text: str, ext: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number, row or reason) for each data row."""
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel_tab if ext == ".tsv" else csv.excel
    if ext != ".tsv":
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration as exc:
        raise ReaderError("CSV file has no header row") from exc
    except csv.Error as exc:
        raise ReaderError(f"malformed CSV header: {exc}") from exc
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(h.lower() in TEXT_KEYS for h in header):
        raise ReaderError("CSV has no text column (expected 'text', 'body' or 'content')")
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield number, f"malformed CSV row: {exc}"
            continue
        if not any(c.strip() for c in cells):
            number -= 1  # blank lines are not records
            continue
        if len(cells) > len(header):
            yield number, f"row has {len(cells)} cells but the header has {len(header)}"
            continue
        yield number, dict(zip(header, cells, strict=False))


def _json_rows(text: str, ext: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number, object or reason) for JSON Lines, or for a JSON array of objects."""
    if ext == ".json":
        try:
            items = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ReaderError(f"malformed JSON: {exc}") from exc
        if not isinstance(items, list):
            raise ReaderError("JSON file is not a list of records")
        for number, item in enumerate(items, start=1):
            yield number, item if isinstance(item, dict) else "record is not a JSON object"
        return
    number = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        number += 1
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield number, f"malformed JSON line: {exc}"
            continue
        yield number, item if isinstance(item, dict) else "record is not a JSON object"
