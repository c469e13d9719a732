"""The reader contract, the reader registry and :func:`read_file`.

A reader turns one file's bytes into :class:`SourceDocument` records. Readers are
chosen by a scored match (extension, MIME type, magic bytes, a peek at the content):
every registered reader scores the file and the best score wins, so a PDF named
``.txt`` still goes to the PDF reader. Third parties add readers through the entry
point group ``rankfile.readers`` (an entry point names a reader class or instance).

``read_file`` never raises for bad input: anything wrong with a file becomes a
:class:`ReadFailure` with one human line, and items inside a container fail one by
one while the rest are returned.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from rankfile.ingest.language import detect_language
from rankfile.ingest.normalise import Decoded, NotText, decode_bytes, normalise_text
from rankfile.records import ReadFailure, SourceDocument

log = logging.getLogger(__name__)

HEAD_BYTES = 8192
ENTRY_POINT_GROUP = "rankfile.readers"
KINDS = ("news", "testimony", "complaint", "official_report", "intercept", "social_post")


@dataclass
class ReadOptions:
    """Limits and CLI overrides for one read."""

    max_file_bytes: int = 50 * 1024 * 1024  # refuse larger files
    max_unpacked_bytes: int = 200 * 1024 * 1024  # zip bombs (DOCX) refused above this
    published: date | None = None  # CLI override
    kind: str | None = None  # CLI override (news, testimony, complaint, ...)
    url: str | None = None  # CLI override


@runtime_checkable
class Reader(Protocol):
    """One format: says how well it can read a file, then reads it."""

    name: str

    def score(self, path: Path, head: bytes) -> int:
        """0 = cannot read; the best score among readers wins."""
        ...

    def read(
        self, path: Path, data: bytes, options: ReadOptions
    ) -> Iterator[SourceDocument | ReadFailure]:
        """Documents (and per-item failures) found in ``data``; may raise on a bad file."""
        ...


class ReaderError(Exception):
    """A reader's clear, human reason why a whole file cannot be read."""


def decode_or_refuse(data: bytes) -> Decoded:
    """Bytes as text; binary content becomes the reader's one-line refusal."""
    try:
        return decode_bytes(data)
    except NotText as exc:
        raise ReaderError(str(exc)) from exc


# --------------------------------------------------------------------------- registry


@cache
def _registry() -> tuple[Reader, ...]:
    from rankfile.ingest.readers import builtin_readers

    found: list[Reader] = list(builtin_readers())
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            reader = obj() if isinstance(obj, type) else obj
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not break ingest
            log.warning("reader plugin %s could not be loaded: %s", ep.name, exc)
            continue
        if isinstance(reader, Reader):
            found.append(reader)
        else:
            log.warning("reader plugin %s is not a Reader", ep.name)
    return tuple(found)


def readers() -> list[Reader]:
    """Every registered reader: built-ins first, then entry-point plugins."""
    return list(_registry())


def choose_reader(path: Path, head: bytes, candidates: list[Reader] | None = None) -> Reader | None:
    """The reader with the best positive score (earliest registered wins a tie)."""
    best: Reader | None = None
    best_score = 0
    for reader in candidates if candidates is not None else readers():
        try:
            s = reader.score(path, head)
        except Exception:  # noqa: BLE001 - a buggy scorer just does not get the file
            continue
        if s > best_score:
            best, best_score = reader, s
    return best


# --------------------------------------------------------------------------- helpers


def human_size(n: int, *, decimals: bool = True) -> str:
    """'200.0 MB' for a file size; limits read better without '.0' ('50 MB')."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= factor:
            value = n / factor
            if not decimals and value == int(value):
                return f"{int(value)} {unit}"
            return f"{value:.1f} {unit}"
    return f"{n} bytes"


def _os_reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else type(exc).__name__


def _finish(doc: SourceDocument, path: Path, options: ReadOptions) -> SourceDocument | ReadFailure:
    """Normalise text, fill path and language, apply CLI overrides."""
    text = doc.text if doc.metadata.get("verbatim") else normalise_text(doc.text)
    if not text.strip():
        return ReadFailure(str(path), "no text found", part=doc.part)
    doc = replace(doc, text=text)
    if doc.path is None:
        doc.path = str(path)
    if doc.language is None:
        doc.language = detect_language(text)
    if options.kind is not None:
        doc.kind = options.kind
    if options.published is not None:
        doc.published = options.published
    if options.url is not None:
        doc.url = options.url
    return doc


def _read_bytes(path: Path, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes, so a file that grew is still caught."""
    with path.open("rb") as fh:
        return fh.read(limit + 1)


# --------------------------------------------------------------------------- read_file


def read_file(
    path: Path, options: ReadOptions | None = None
) -> list[SourceDocument | ReadFailure]:
    """Read one file into documents; every problem becomes a ReadFailure, never an exception."""
    options = options or ReadOptions()
    path = Path(path)
    where = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        reason = "broken link" if path.is_symlink() else "file not found"
        return [ReadFailure(where, f"cannot read: {reason}")]
    except OSError as exc:
        return [ReadFailure(where, f"cannot read: {_os_reason(exc)}")]
    if stat.S_ISDIR(st.st_mode):
        return [ReadFailure(where, "cannot read: is a directory, not a file")]
    if not stat.S_ISREG(st.st_mode):
        return [ReadFailure(where, "cannot read: not a regular file")]
    if st.st_size > options.max_file_bytes:
        return [ReadFailure(where, _too_big(st.st_size, options.max_file_bytes))]
    if st.st_size == 0:
        return [ReadFailure(where, "empty file")]
    if not os.access(path, os.R_OK):
        return [ReadFailure(where, "cannot read: permission denied")]
    try:
        data = _read_bytes(path, options.max_file_bytes)
    except OSError as exc:
        return [ReadFailure(where, f"cannot read: {_os_reason(exc)}")]
    if len(data) > options.max_file_bytes:
        return [ReadFailure(where, _too_big(len(data), options.max_file_bytes))]
    if not data:
        return [ReadFailure(where, "empty file")]
    return read_bytes(path, data, options)


def read_bytes(
    path: Path, data: bytes, options: ReadOptions | None = None
) -> list[SourceDocument | ReadFailure]:
    """Read bytes already in memory (uploads); ``path`` gives the name and extension."""
    options = options or ReadOptions()
    path = Path(path)
    where = str(path)
    if len(data) > options.max_file_bytes:
        return [ReadFailure(where, _too_big(len(data), options.max_file_bytes))]
    if not data:
        return [ReadFailure(where, "empty file")]
    reader = choose_reader(path, data[:HEAD_BYTES])
    if reader is None:
        suffix = path.suffix.lower() or "no extension"
        return [ReadFailure(where, f"no reader for this file type ({suffix})")]
    out: list[SourceDocument | ReadFailure] = []
    try:
        for item in reader.read(path, data, options):
            out.append(item if isinstance(item, ReadFailure) else _finish(item, path, options))
    except ReaderError as exc:
        return [*_failures(out), ReadFailure(where, str(exc))]
    except Exception as exc:  # noqa: BLE001 - bad input must never abort a batch
        log.debug("reader %s failed on %s", reader.name, where, exc_info=True)
        return [*_failures(out), ReadFailure(where, f"{reader.name} reader failed: {_describe(exc)}")]
    if not out:
        return [ReadFailure(where, "no text found")]
    return out


def _failures(items: list[SourceDocument | ReadFailure]) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def _describe(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {msg}"[:300] if msg else type(exc).__name__


def _too_big(size: int, limit: int) -> str:
    return (
        f"file is {human_size(size)}; the limit is {human_size(limit, decimals=False)}"
        " (RANKFILE_MAX_FILE_BYTES)"
    )
