"""Request dependencies: the store, a read connection, settings, who is acting.

The small ones are ``async def`` on purpose: FastAPI runs a plain ``def`` dependency in
its thread pool, and a hop to a thread and back costs more than these functions do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from fastapi import Header, Request
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from rankfile.config import Settings
from rankfile.store import Store
from rankfile.web.services.common import StampedCache


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def read_conn(request: Request) -> Iterator[Connection]:
    """One read transaction per request (a thread: waiting for a pooled connection blocks)."""
    with request.app.state.store.read() as conn:
        yield conn


T = TypeVar("T")


async def read(request: Request, work: Callable[[Connection], T], *, thread: bool = False) -> T:
    """``work(conn)`` in one read transaction, for the busy read-only routes.

    By default it runs right here on the event loop: the list, incident and search
    queries take milliseconds, and a plain ``def`` route would hop to the thread pool and
    back three times (connection, route, cleanup) and have its threads contend for the
    GIL; under 20 clients that cost about 40% of each request's CPU. The connection is
    taken and given back within this one call, and the web app's pool never makes a
    checkout wait (see ``app.POOL_OVERFLOW``). ``thread=True`` is for work that may scan the whole
    store (free-text list filters): it runs in the thread pool so the loop stays free.
    """
    store = request.app.state.store

    def run() -> T:
        with store.read() as conn:
            return work(conn)

    if thread:
        return await run_in_threadpool(run)
    return run()


async def hide_names(request: Request) -> bool:
    return bool(request.app.state.settings.hide_names)


async def actor(request: Request, x_rankfile_actor: str | None = Header(None, max_length=80)) -> str:
    """Who is reviewing: the X-Rankfile-Actor header, else the configured reviewer."""
    name = (x_rankfile_actor or "").strip()
    return name or request.app.state.settings.reviewer


def count_cache(request: Request) -> StampedCache:
    """The app's cache of list totals (see StampedCache)."""
    return request.app.state.counts
