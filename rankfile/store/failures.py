"""Files (or items inside them) that could not be ingested, remembered for ``--retry-failed``.

One row per (path, part); a repeated failure bumps ``attempts``; a later success of
the path clears its rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, select, update

from rankfile.store.tables import failures


@dataclass
class FailureRecord:
    path: str
    part: str | None
    reason: str
    at: datetime
    attempts: int


def record_failure(conn: Connection, path: str, reason: str, part: str | None = None) -> None:
    """Remember a failure (caller's transaction)."""
    key = part or ""
    now = datetime.now(UTC)
    done = conn.execute(
        update(failures).where(failures.c.path == path, failures.c.part == key)
        .values(reason=reason, at=now, attempts=failures.c.attempts + 1))
    if done.rowcount == 0:
        conn.execute(failures.insert().values(path=path, part=key, reason=reason, at=now,
                                              attempts=1))


def clear_failures(conn: Connection, path: str, parts: list[str | None] | None = None) -> None:
    """Forget the failures of ``path`` (all of them, or only ``parts``)."""
    stmt = delete(failures).where(failures.c.path == path)
    if parts is not None:
        stmt = stmt.where(failures.c.part.in_([p or "" for p in parts]))
    conn.execute(stmt)


def list_failures(conn: Connection) -> list[FailureRecord]:
    rows = conn.execute(select(failures).order_by(failures.c.path, failures.c.part))
    return [FailureRecord(path=r.path, part=r.part or None, reason=r.reason, at=r.at,
                          attempts=r.attempts) for r in rows]


def failed_paths(conn: Connection) -> list[str]:
    """Distinct paths with a remembered failure, in a stable order."""
    rows = conn.execute(select(failures.c.path).distinct().order_by(failures.c.path))
    return [r.path for r in rows]
