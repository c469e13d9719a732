"""E-mail messages (``.eml``, RFC 5322), with the standard library ``email`` package.

Subject -> title, From -> author, Date -> published; the body is the text/plain
part, or the text/html part read like a web page. Attachments are listed (name,
type, size) in ``attachments``; they are not ingested. Addressees and the message id
go to ``metadata``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from rankfile.ingest.normalise import normalise_text
from rankfile.ingest.readers.base import ReaderError, ReadOptions
from rankfile.ingest.readers.fields import clean_str, parse_date, suffix
from rankfile.ingest.readers.html import html_fragment_text
from rankfile.records import Attachment, ReadFailure, SourceDocument

_HEADER_LINE = re.compile(
    rb"^(?:Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|Delivered-To|"
    rb"X-[A-Za-z-]+):", re.I | re.M)


class EmlReader:
    """``.eml`` files, and files that start with several e-mail header lines."""

    name = "eml"

    def score(self, path: Path, head: bytes) -> int:
        if suffix(path) in (".eml", ".msg_rfc822", ".mbox_item"):
            return 70
        top = head[:2048]
        if top[:1].isalpha() and len(_HEADER_LINE.findall(top)) >= 3 and top.count(b":") >= 3:
            return 30
        return 0

    def read(
        self, path: Path, data: bytes, options: ReadOptions
    ) -> Iterator[SourceDocument | ReadFailure]:
        message = BytesParser(policy=policy.default).parsebytes(data)
        if not isinstance(message, EmailMessage):
            raise ReaderError("not an e-mail message")
        if not any(message.get(h) for h in ("From", "Subject", "Date", "To")):
            raise ReaderError("not an e-mail message (no From, To, Subject or Date header)")
        text = body_text(message)
        metadata: dict[str, object] = {}
        for header in ("To", "Cc", "Reply-To", "Message-ID", "In-Reply-To"):
            value = _header(message, header)
            if value:
                metadata[header.lower().replace("-", "_")] = value
        defects = [type(d).__name__ for d in message.defects]
        if defects:
            metadata["defects"] = defects
        yield SourceDocument(
            text=text,
            original=data,
            source_format="eml",
            name=path.stem,
            title=_header(message, "Subject"),
            author=_header(message, "From"),
            published=_date(message),
            attachments=list(attachments(message)),
            metadata=metadata,
        )


def body_text(message: EmailMessage) -> str:
    """The text/plain body, else the text/html body as visible text; '' when neither."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - malformed MIME trees
        part = None
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AttributeError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        return html_fragment_text(content)
    return normalise_text(content)


def attachments(message: EmailMessage) -> Iterator[Attachment]:
    """Every attachment with its name, media type and decoded size."""
    for part in message.iter_attachments():
        try:
            payload = part.get_payload(decode=True)
        except Exception:  # noqa: BLE001 - a broken attachment is still listed
            payload = None
        size = len(payload) if isinstance(payload, bytes) else None
        name = clean_str(part.get_filename()) or f"attachment.{part.get_content_subtype()}"
        yield Attachment(name=name, media_type=part.get_content_type(), size=size)


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - malformed header values raise on access
        return None
    return clean_str(value)


def _date(message: EmailMessage) -> date | None:
    try:
        header = message.get("Date")
        stamp = getattr(header, "datetime", None)
    except Exception:  # noqa: BLE001 - malformed dates
        return None
    return parse_date(stamp) if stamp is not None else parse_date(str(header) if header else None)
