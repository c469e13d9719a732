"""Telegram Desktop exports (``result.json``): one document per message.

An export is recognised by its content, ``{"name", "type", "messages": [...]}``.
Message text may be a string or a list of strings and entity objects; it is
flattened to plain text. Service messages and messages without text are skipped
(they are not failures); a message that is not an object or has no id fails alone.
The channel name is the publisher; a public channel's username (the ``username``
key, when the export has one) gives each message its ``https://t.me/<username>/<id>``
URL; ``forwarded_from`` goes to ``cited``; photos and files are listed as attachments.
"""

from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rankfile.ingest.readers.base import ReaderError, ReadOptions
from rankfile.ingest.readers.fields import clean_str, parse_date, suffix
from rankfile.records import Attachment, ReadFailure, SourceDocument

_MESSAGES = re.compile(rb'"messages"\s*:\s*\[')
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


class TelegramReader:
    """Telegram Desktop JSON exports of a channel, group or chat."""

    name = "telegram"

    def score(self, path: Path, head: bytes) -> int:
        if suffix(path) != ".json" or not head.lstrip().startswith(b"{"):
            return 0
        if _MESSAGES.search(head) or (b'"name"' in head and b'"type"' in head
                                      and path.name == "result.json"):
            return 90
        return 0

    def read(
        self, path: Path, data: bytes, options: ReadOptions
    ) -> Iterator[SourceDocument | ReadFailure]:
        try:
            export = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise ReaderError(f"malformed JSON: {exc}") from exc
        if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
            raise ReaderError("not a Telegram export: no list of messages")
        channel = clean_str(export.get("name"))
        username = _username(export)
        where = str(path)
        for index, message in enumerate(export["messages"]):
            if not isinstance(message, dict) or message.get("id") is None:
                yield ReadFailure(where, "message is not an object with an id", part=f"#{index}")
                continue
            if message.get("type", "message") != "message":
                continue  # service messages: joins, pins, title changes
            text = flatten_text(message.get("text"))
            if not text.strip():
                continue
            yield _document(path, data, export, message, text, channel, username)


def _document(path: Path, data: bytes, export: dict[str, Any], message: dict[str, Any],
              text: str, channel: str | None, username: str | None) -> SourceDocument:
    msg_id = str(message["id"])
    sender = clean_str(message.get("from"))
    metadata: dict[str, Any] = {"message_id": message["id"], "channel": channel}
    for key in ("id", "type"):
        if export.get(key) is not None:
            metadata[f"channel_{key}"] = export[key]
    for key in ("date", "edited", "reply_to_message_id", "from_id", "forwarded_from", "views"):
        if message.get(key) is not None:
            metadata[key] = message[key]
    forwarded = clean_str(message.get("forwarded_from"))
    return SourceDocument(
        text=text,
        original=data,
        source_format="telegram",
        name=f"{path.stem}-{msg_id}",
        url=f"https://t.me/{username}/{msg_id}" if username else None,
        publisher=channel,
        author=clean_str(message.get("author")) or (sender if sender != channel else None),
        published=parse_date(message.get("date")),
        kind="social_post",
        part=msg_id,
        attachments=media(message),
        cited=[forwarded] if forwarded else [],
        metadata=metadata,
    )


def flatten_text(value: object) -> str:
    """Plain text from a message's ``text``: a string, or a list of strings and entities."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(_entity_text(v) for v in value)
    if isinstance(value, dict):
        return _entity_text(value)
    return ""


def _entity_text(entity: object) -> str:
    if isinstance(entity, str):
        return entity
    if isinstance(entity, dict):
        text = entity.get("text")
        return text if isinstance(text, str) else ""
    return ""


def media(message: dict[str, Any]) -> list[Attachment]:
    """Photos and files attached to a message."""
    found: list[Attachment] = []
    photo = message.get("photo")
    if isinstance(photo, str):
        found.append(Attachment(name=photo, media_type=_guess(photo, "image/jpeg"),
                                size=_int(message.get("photo_file_size"))))
    file = message.get("file")
    if isinstance(file, str):
        media_type = clean_str(message.get("mime_type")) or _guess(file, None)
        name = clean_str(message.get("file_name")) or file
        found.append(Attachment(name=name, media_type=media_type,
                                size=_int(message.get("file_size"))))
    if not found and clean_str(message.get("media_type")):
        found.append(Attachment(name=str(message["media_type"]), media_type=None))
    return found


def _username(export: dict[str, Any]) -> str | None:
    for key in ("username", "user_name", "link"):
        value = clean_str(export.get(key))
        if value:
            value = value.removeprefix("https://t.me/").removeprefix("@").strip("/")
            if _USERNAME.match(value):
                return value
    return None


def _guess(name: str, default: str | None) -> str | None:
    if name.startswith("(File not included"):
        return default
    return mimetypes.guess_type(name)[0] or default


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
