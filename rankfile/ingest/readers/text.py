"""Plain text and Markdown in any encoding (see :mod:`rankfile.ingest.normalise`).

Markdown may start with YAML front matter (``---`` ... ``---``, as Jekyll and Hugo
write it): its title, author, date, url, publisher/site and kind fill the document
fields and the block is left out of the text. Plain text gets its first line as the
title when that line is short and followed by a blank line (a headline).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from rankfile.ingest.normalise import (
    looks_binary,
    normalise_text,
    verbatim_text,
)
from rankfile.ingest.readers.base import ReadOptions, decode_or_refuse
from rankfile.ingest.readers.fields import clean_str, parse_date, parse_kind, suffix
from rankfile.records import ReadFailure, SourceDocument

TEXT_SUFFIXES = {".txt": 60, ".text": 60, ".md": 60, ".markdown": 60, ".rst": 40, ".log": 30}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)
MAX_TITLE = 160


class TextReader:
    """``.txt`` and ``.md``; also files without an extension that look like text.

    Other unknown extensions (``.py``, ``.ini``) are not guessed at: they fail with
    "no reader for this file type", which is clearer than ingesting a config file."""

    name = "text"

    def score(self, path: Path, head: bytes) -> int:
        by_suffix = TEXT_SUFFIXES.get(suffix(path))
        if by_suffix:
            return by_suffix
        if not path.suffix and head and not looks_binary(head):
            return 5  # no extension at all (saved pages, mail dumps) but looks like text
        return 0

    def read(
        self, path: Path, data: bytes, options: ReadOptions
    ) -> Iterator[SourceDocument | ReadFailure]:
        decoded = decode_or_refuse(data)
        markdown = suffix(path) in MARKDOWN_SUFFIXES
        text = decoded.text.lstrip("\ufeff")
        meta: dict[str, object] = {}
        if markdown:
            text, meta = split_front_matter(text)
        # A clean UTF-8 plain-text file keeps its exact text: evidence offsets then point
        # into the file itself (the extraction contract); anything else is normalised.
        verbatim = not markdown and decoded.encoding.replace("_", "-").lower() in ("utf-8", "ascii") \
            and not decoded.replaced
        text = verbatim_text(text) if verbatim else normalise_text(text)
        metadata: dict[str, object] = {"encoding": decoded.encoding}
        if verbatim:
            metadata["verbatim"] = True
        if decoded.replaced:
            metadata["decoding_errors"] = decoded.replaced
        extra = {k: v for k, v in meta.items() if k not in _FRONT_KEYS}
        if extra:
            metadata["front_matter"] = {k: str(v) for k, v in extra.items()}
        title = clean_str(meta.get("title")) or (
            markdown_title(text) if markdown else headline(text)
        )
        yield SourceDocument(
            text=text,
            original=data,
            source_format="markdown" if markdown else "txt",
            name=path.stem,
            title=title,
            url=clean_str(meta.get("url") or meta.get("link")),
            publisher=clean_str(meta.get("publisher") or meta.get("site") or meta.get("source")),
            author=clean_str(meta.get("author")),
            published=parse_date(meta.get("date") or meta.get("published")),
            kind=parse_kind(meta.get("kind")),
            metadata=metadata,
        )


_FRONT_KEYS = {"title", "url", "link", "publisher", "site", "source", "author", "date",
               "published", "kind"}


def split_front_matter(text: str) -> tuple[str, dict[str, object]]:
    """(text without the YAML front matter, its mapping); unchanged text when there is none."""
    normalised = text.replace("\r\n", "\n")
    m = _FRONT_MATTER.match(normalised)
    if not m:
        return text, {}
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(data, dict):
        return text, {}
    return normalised[m.end():], {str(k).lower(): v for k, v in data.items()}


def markdown_title(text: str) -> str | None:
    """The first ATX heading ('# Title')."""
    m = _HEADING.search(text[:5000])
    title = clean_str(m.group(1)) if m else None
    return title[:MAX_TITLE] if title else None


def headline(text: str) -> str | None:
    """The first line when it is short, unpunctuated at the end and followed by a blank line."""
    first, sep, _rest = text.partition("\n\n")
    if not sep or "\n" in first or len(first) > MAX_TITLE:
        return None
    if first.rstrip().endswith((".", ",", ";", ":")) and not first.rstrip().endswith("..."):
        return None
    return clean_str(first)
