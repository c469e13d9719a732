"""Review actions as the web calls them: one write transaction each, same for pages and API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from rankfile.review import actions
from rankfile.review.log import count_events, list_events, verify_chain
from rankfile.store import Store
from rankfile.web.services.common import Page, check_page
from rankfile.web.services.incidents import event_view


def set_status(store: Store, actor: str, incident_id: str, status: str, note: str | None,
               version: int) -> dict[str, Any]:
    with store.write() as conn:
        new = actions.set_status(conn, actor, incident_id, status, note, version)
    return {"id": incident_id, "status": status, "version": new}


def correct(store: Store, actor: str, incident_id: str, changes: dict[str, Any],
            note: str | None, version: int) -> dict[str, Any]:
    with store.write() as conn:
        new = actions.correct_fields(conn, actor, incident_id, changes, note, version)
    return {"id": incident_id, "version": new}


def merge(store: Store, actor: str, incident_id: str, other_id: str, note: str | None,
          version: int, other_version: int) -> dict[str, Any]:
    with store.write() as conn:
        new = actions.merge_incidents(conn, actor, incident_id, other_id, note, version,
                                      other_version)
    return {"id": incident_id, "merged": other_id, "version": new}


def split(store: Store, actor: str, incident_id: str, mention_ids: list[str], note: str | None,
          version: int) -> dict[str, Any]:
    with store.write() as conn:
        new_id = actions.split_incident(conn, actor, incident_id, mention_ids, note, version)
    return {"id": incident_id, "new_incident": new_id}


def add(store: Store, actor: str, document_id: str, start: int, end: int, types: list[str],
        kind: str, note: str | None) -> dict[str, Any]:
    with store.write() as conn:
        new_id = actions.add_incident(conn, actor, document_id, start, end, types, kind, note)
    return {"id": new_id}


def decide_link(store: Store, actor: str, link_id: str, decision: str,
                note: str | None) -> dict[str, Any]:
    with store.write() as conn:
        status = actions.decide_link(conn, actor, link_id, decision, note)
    return {"id": link_id, "status": status}


def events(conn: Connection, page: int = 1, per_page: int = 50) -> Page:
    page, per_page = check_page(page, per_page)
    rows = list_events(conn, limit=per_page, offset=(page - 1) * per_page)
    return Page([event_view(e) for e in rows], count_events(conn), page, per_page)


def chain(conn: Connection) -> dict[str, Any]:
    report = verify_chain(conn)
    return {"ok": report.ok, "events": report.events, "bad_seq": report.bad_seq,
            "problem": report.problem}
