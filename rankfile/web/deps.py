"""Request dependencies: the store, a read connection, settings, who is acting."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Header, Request
from sqlalchemy import Connection

from rankfile.config import Settings
from rankfile.store import Store
from rankfile.web.services.common import StampedCache


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def read_conn(request: Request) -> Iterator[Connection]:
    """One read transaction per request."""
    with request.app.state.store.read() as conn:
        yield conn


def hide_names(request: Request) -> bool:
    return bool(request.app.state.settings.hide_names)


def actor(request: Request, x_rankfile_actor: str | None = Header(None, max_length=80)) -> str:
    """Who is reviewing: the X-Rankfile-Actor header, else the configured reviewer."""
    name = (x_rankfile_actor or "").strip()
    return name or request.app.state.settings.reviewer


def count_cache(request: Request) -> StampedCache:
    """The app's cache of list totals (see StampedCache)."""
    return request.app.state.counts
