"""Original bytes, kept unmodified and content-addressed by sha256.

Two places to keep them, one small interface: files under ``<root>/ab/cd/<sha256>``
beside a SQLite file (written atomically: temp file then rename; the file system is
flushed once per batch, before the batch commits), or a ``blobs`` table in the
database (PostgreSQL, or when configured), written inside the same transaction as
the document. Putting the same bytes twice is a no-op, so a re-run
after a crash never duplicates or rewrites an original.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from rankfile.store.tables import blobs


class ArchiveError(Exception):
    """An original is missing or does not match its sha256."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Archive(Protocol):
    """Where originals live. ``conn`` is the open transaction (used by the blob table)."""

    location: str

    def put(self, data: bytes, conn: Connection | None = None) -> str:
        """Keep ``data``; return its key (the sha256 of the bytes)."""
        ...

    def get(self, key: str, conn: Connection) -> bytes:
        """The original bytes for ``key``; raises ArchiveError when missing."""
        ...

    def has(self, key: str, conn: Connection) -> bool: ...

    def sync(self) -> None:
        """Make every original put so far durable (called before a commit)."""
        ...


@cache
def _libc_syncfs() -> Callable[[int], int] | None:
    """Linux ``syncfs(2)`` (flushes one file system, not all of them), if available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


def _syncfs(path: Path) -> None:
    """Flush the file system holding ``path`` (one call for a whole batch of files)."""
    syncfs = _libc_syncfs()
    if syncfs is None:
        os.sync()
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        if syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


@dataclass(frozen=True)
class FileArchive:
    """Originals as files under ``root/ab/cd/<sha256>``.

    Files are written atomically (temp file + rename) but not fsynced one by one:
    :meth:`sync` flushes the file system once before the batch that refers to them
    commits. A crash never leaves a partial file under its final name.
    """

    root: Path
    _dirs: set[Path] = field(default_factory=set, compare=False, repr=False)

    @property
    def location(self) -> str:
        return str(self.root)

    def path_for(self, key: str) -> Path:
        return self.root / key[:2] / key[2:4] / key

    def put(self, data: bytes, conn: Connection | None = None) -> str:
        key = sha256_hex(data)
        target = self.path_for(key)
        if target.exists() and target.stat().st_size == len(data):
            return key
        if target.parent not in self._dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return key

    def get(self, key: str, conn: Connection | None = None) -> bytes:
        try:
            data = self.path_for(key).read_bytes()
        except OSError as exc:
            raise ArchiveError(f"original {key} is missing from {self.root}") from exc
        if sha256_hex(data) != key:
            raise ArchiveError(f"original {key} in {self.root} does not match its sha256")
        return data

    def has(self, key: str, conn: Connection | None = None) -> bool:
        return self.path_for(key).exists()

    def sync(self) -> None:
        if self.root.exists():
            _syncfs(self.root)


@dataclass(frozen=True)
class DatabaseArchive:
    """Originals in the ``blobs`` table, written in the caller's transaction."""

    location: str = "database"

    def put(self, data: bytes, conn: Connection | None = None) -> str:
        if conn is None:
            raise ValueError("DatabaseArchive.put needs the open transaction")
        key = sha256_hex(data)
        values = {"sha256": key, "size": len(data), "data": data}
        dialect = conn.dialect.name
        if dialect == "postgresql":
            stmt = postgresql.insert(blobs).values(values).on_conflict_do_nothing()
        elif dialect == "sqlite":
            stmt = sqlite.insert(blobs).values(values).on_conflict_do_nothing()
        else:  # pragma: no cover - other backends: check first
            if self.has(key, conn):
                return key
            stmt = blobs.insert().values(values)
        conn.execute(stmt)
        return key

    def get(self, key: str, conn: Connection) -> bytes:
        data = conn.execute(select(blobs.c.data).where(blobs.c.sha256 == key)).scalar()
        if data is None:
            raise ArchiveError(f"original {key} is missing from the database")
        data = bytes(data)
        if sha256_hex(data) != key:
            raise ArchiveError(f"original {key} in the database does not match its sha256")
        return data

    def has(self, key: str, conn: Connection) -> bool:
        return conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == key)).first() is not None

    def sync(self) -> None:
        """Nothing to do: blobs are committed with their documents."""
