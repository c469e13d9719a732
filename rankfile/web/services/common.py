"""Small things every service shares: pages of results, bad requests, name redaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

WITHHELD = "[name withheld]"


class BadRequest(ValueError):
    """A filter or parameter the user can fix (answered with HTTP 422)."""


class Missing(LookupError):
    """No such record (answered with HTTP 404)."""


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "page": self.page,
                "per_page": self.per_page, "pages": self.pages}


def check_page(page: int, per_page: int, max_per_page: int = 200) -> tuple[int, int]:
    if page < 1:
        raise BadRequest("page starts at 1")
    if not 1 <= per_page <= max_per_page:
        raise BadRequest(f"per_page must be between 1 and {max_per_page}")
    return page, per_page


def redactor(names: list[str]) -> re.Pattern[str] | None:
    """A pattern matching any of ``names`` (longest first), or None when there are none."""
    names = sorted({n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True)
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in names))


def redact(text: str | None, pattern: re.Pattern[str] | None) -> str | None:
    """Names replaced by blocks of the same length, so character offsets still hold."""
    if text is None or pattern is None:
        return text
    return pattern.sub(lambda m: "█" * len(m.group(0)), text)


def withhold(names: list[str] | None, hide: bool) -> list[str]:
    names = list(names or [])
    return [WITHHELD for _ in names] if hide else names
