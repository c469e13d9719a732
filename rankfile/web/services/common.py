"""Small things every service shares: pages of results, bad requests, name redaction."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
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
    total_exact: bool = True  # False: ``total`` is a lower bound ("10,000+")

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "page": self.page,
                "per_page": self.per_page, "pages": self.pages, "total_exact": self.total_exact}


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


@dataclass
class StampedCache:
    """Results (list totals, dashboard figures) kept until the data behind them changes.

    Each entry is stored with the store's stamp (e.g. the newest ``updated``); a new
    stamp means some row changed, and the value is computed again. One per app
    (``app.state.counts``), shared by the request threads, so it takes a lock.
    """

    size: int = 256
    _items: OrderedDict[Hashable, tuple[Any, Any]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: Hashable, stamp: Any, count: Callable[[], Any]) -> Any:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == stamp:
                self._items.move_to_end(key)
                return hit[1]
        n = count()
        with self._lock:
            self._items[key] = (stamp, n)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return n
