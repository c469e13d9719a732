"""Small parsers for metadata values shared by readers (dates, kinds, names)."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from rankfile.ingest.readers.base import KINDS

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> date | None:
    """A date from an ISO string, an RFC 2822 string, a datetime or a Unix time; else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value)).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    m = _ISO_DATE.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_loose(text)


def _parse_loose(text: str) -> date | None:
    """'12 March 2024', '03/12/2024' and other written dates, via dateparser (needs a year)."""
    if len(text) > 60 or not re.search(r"\d{4}", text):
        return None
    import dateparser  # slow to import; only needed for unusual dates

    try:
        parsed = dateparser.parse(
            text, settings={"REQUIRE_PARTS": ["year", "month"], "PREFER_DAY_OF_MONTH": "first"}
        )
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on junk
        return None
    return parsed.date() if parsed else None


def parse_kind(value: object) -> str | None:
    """A known document kind ('official report' -> 'official_report'), else None."""
    if not isinstance(value, str):
        return None
    kind = value.strip().lower().replace(" ", "_").replace("-", "_")
    return kind if kind in KINDS else None


def clean_str(value: object) -> str | None:
    """A stripped, non-empty string or None."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def suffix(path: Path) -> str:
    return path.suffix.lower()
