"""The review log: append-only and hash-chained.

Every review action writes one event (who, when, what before and after, why). Each
event's hash covers its content and the previous event's hash, so editing or deleting
any past event breaks the chain from that point on, and :func:`verify_chain` says where.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from rankfile.store.tables import review_events

GENESIS = "0" * 64


@dataclass
class ReviewEvent:
    id: str
    seq: int
    at: datetime
    actor: str
    action: str
    target_kind: str
    target_id: str
    before: Any
    after: Any
    note: str | None
    prev_hash: str
    hash: str


@dataclass
class ChainReport:
    ok: bool
    events: int
    bad_seq: int | None = None
    problem: str | None = None


def _utc(at: datetime) -> datetime:
    """Stored datetimes may come back naive (SQLite): they are UTC."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def event_hash(prev_hash: str, seq: int, at: datetime, actor: str, action: str,
               target_kind: str, target_id: str, before: Any, after: Any,
               note: str | None) -> str:
    """sha256 over the previous hash and a canonical JSON of the event's content."""
    body = json.dumps(
        {"seq": seq, "at": _utc(at).isoformat(timespec="microseconds"), "actor": actor,
         "action": action, "target_kind": target_kind, "target_id": target_id,
         "before": before, "after": after, "note": note},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256((prev_hash + "\n" + body).encode("utf-8")).hexdigest()


def _jsonable(value: Any) -> Any:
    """What the JSON column will give back, so the hash is computed on the same value."""
    return None if value is None else json.loads(json.dumps(value, default=str))


def record_event(conn: Connection, actor: str, action: str, target_kind: str, target_id: str,
                 before: Any, after: Any, note: str | None) -> ReviewEvent:
    """Append one event in the caller's (write) transaction and return it."""
    last = conn.execute(select(review_events.c.seq, review_events.c.hash)
                        .order_by(review_events.c.seq.desc()).limit(1)).first()
    seq = (last.seq + 1) if last else 1
    prev = last.hash if last else GENESIS
    at = datetime.now(UTC)
    before, after = _jsonable(before), _jsonable(after)
    digest = event_hash(prev, seq, at, actor, action, target_kind, target_id, before, after, note)
    row = {"id": "rev-" + digest[:16], "seq": seq, "at": at, "actor": actor, "action": action,
           "target_kind": target_kind, "target_id": target_id, "before": before,
           "after": after, "note": note, "prev_hash": prev, "hash": digest}
    conn.execute(review_events.insert().values(row))
    return ReviewEvent(**row)


def _event(row: Any) -> ReviewEvent:
    m = row._mapping
    return ReviewEvent(**{c.name: m[c.name] for c in review_events.c})


def history(conn: Connection, target_kind: str, target_ids: list[str]) -> list[ReviewEvent]:
    """Events about the given targets, newest first."""
    if not target_ids:
        return []
    rows = conn.execute(select(review_events)
                        .where(review_events.c.target_kind == target_kind,
                               review_events.c.target_id.in_(target_ids))
                        .order_by(review_events.c.seq.desc()))
    return [_event(r) for r in rows]


def list_events(conn: Connection, *, limit: int = 50, offset: int = 0) -> list[ReviewEvent]:
    rows = conn.execute(select(review_events).order_by(review_events.c.seq.desc())
                        .limit(limit).offset(offset))
    return [_event(r) for r in rows]


def count_events(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(review_events)).scalar_one()


def verify_chain(conn: Connection, batch: int = 1000) -> ChainReport:
    """Re-hash every event in order; report the first one that does not match."""
    prev, expected_seq, n = GENESIS, 1, 0
    last_seq = 0
    while True:
        rows = conn.execute(select(review_events).where(review_events.c.seq > last_seq)
                            .order_by(review_events.c.seq).limit(batch)).all()
        if not rows:
            return ChainReport(ok=True, events=n)
        for row in rows:
            ev = _event(row)
            if ev.seq != expected_seq:
                return ChainReport(False, n, ev.seq, f"event {expected_seq} is missing")
            if ev.prev_hash != prev:
                return ChainReport(False, n, ev.seq, "previous hash does not match")
            digest = event_hash(prev, ev.seq, ev.at, ev.actor, ev.action, ev.target_kind,
                                ev.target_id, ev.before, ev.after, ev.note)
            if digest != ev.hash:
                return ChainReport(False, n, ev.seq, "content does not match its hash")
            prev, expected_seq, n, last_seq = ev.hash, expected_seq + 1, n + 1, ev.seq
