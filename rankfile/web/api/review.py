"""Review actions (status, corrections, merge, split, add, link decisions) and the log.

Each change carries the ``version`` the reviewer saw; a stale version answers 409
with a message saying who changed the record, instead of overwriting their change.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from rankfile.store import Store
from rankfile.web.deps import actor, get_store, read_conn
from rankfile.web.services import review

router = APIRouter(tags=["review"])
StoreDep = Annotated[Store, Depends(get_store)]
Actor = Annotated[str, Depends(actor)]
Note = Annotated[str, Field(min_length=1, max_length=5000, description="why (required)")]


class StatusChange(BaseModel):
    status: Literal["reported", "corroborated", "verified", "disputed", "rejected"]
    note: Note
    version: int = Field(ge=1, le=2**31, description="the version you saw")


class DateFix(BaseModel):
    start: str | None = Field(None, max_length=10)
    end: str | None = Field(None, max_length=10)
    precision: str | None = Field(None, max_length=20)
    text: str | None = Field(None, max_length=200)


class PlaceFix(BaseModel):
    name: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=2)
    admin1: str | None = Field(None, max_length=200)
    lat: float | None = None
    lon: float | None = None
    precision: str | None = Field(None, max_length=20)


class VictimsFix(BaseModel):
    count: int | None = Field(None, ge=0, le=10_000_000)
    names: list[str] = Field(default_factory=list, max_length=500)
    description: str | None = Field(None, max_length=1000)


class PerpetratorsFix(BaseModel):
    roles: list[str] = Field(default_factory=list, max_length=50)
    names: list[str] = Field(default_factory=list, max_length=500)
    units: list[str] = Field(default_factory=list, max_length=500)


class Correction(BaseModel):
    types: list[str] | None = Field(None, max_length=30)
    kind: str | None = Field(None, max_length=20)
    date: DateFix | None = None
    place: PlaceFix | None = None
    victims: VictimsFix | None = None
    perpetrators: PerpetratorsFix | None = None
    note: Note
    version: int = Field(ge=1, le=2**31)


class Merge(BaseModel):
    other_id: str = Field(max_length=40, description="incident merged into this one")
    note: Note
    version: int = Field(ge=1, le=2**31)
    other_version: int = Field(ge=1, le=2**31)


class Split(BaseModel):
    mention_ids: list[str] = Field(min_length=1, max_length=1000)
    note: Note
    version: int = Field(ge=1, le=2**31)


class NewIncident(BaseModel):
    document_id: str = Field(max_length=40)
    start: int = Field(ge=0, le=2**31)
    end: int = Field(ge=0, le=2**31)
    types: list[str] = Field(min_length=1, max_length=30)
    kind: Literal["incident", "pattern"] = "incident"
    note: Note


class LinkDecision(BaseModel):
    decision: Literal["confirm", "reject"]
    note: Note


@router.post("/incidents/{incident_id}/status")
def set_status(incident_id: str, body: StatusChange, store: StoreDep, who: Actor
               ) -> dict[str, Any]:
    """Set the review status, with a note; 409 when the incident changed since ``version``."""
    return review.set_status(store, who, incident_id, body.status, body.note, body.version)


@router.post("/incidents/{incident_id}/fields")
def correct_fields(incident_id: str, body: Correction, store: StoreDep, who: Actor
                   ) -> dict[str, Any]:
    """Correct type, kind, date, place, victims or perpetrators."""
    changes = body.model_dump(exclude={"note", "version"}, exclude_none=True)
    return review.correct(store, who, incident_id, changes, body.note, body.version)


@router.post("/incidents/{incident_id}/merge")
def merge(incident_id: str, body: Merge, store: StoreDep, who: Actor) -> dict[str, Any]:
    """Merge ``other_id`` into this incident (both versions are checked)."""
    return review.merge(store, who, incident_id, body.other_id, body.note, body.version,
                        body.other_version)


@router.post("/incidents/{incident_id}/split")
def split(incident_id: str, body: Split, store: StoreDep, who: Actor) -> dict[str, Any]:
    """Move the given mentions out into a new incident."""
    return review.split(store, who, incident_id, body.mention_ids, body.note, body.version)


@router.post("/incidents", status_code=201)
def add_incident(body: NewIncident, store: StoreDep, who: Actor) -> dict[str, Any]:
    """Add an incident from a text selection (character offsets into the document text)."""
    return review.add(store, who, body.document_id, body.start, body.end, body.types, body.kind,
                      body.note)


@router.post("/links/{link_id}/decision")
def decide_link(link_id: str, body: LinkDecision, store: StoreDep, who: Actor) -> dict[str, Any]:
    """Confirm or reject a suggested link."""
    return review.decide_link(store, who, link_id, body.decision, body.note)


@router.get("/review/events")
def events(conn: Annotated[Connection, Depends(read_conn)],
           page: Annotated[int, Query(ge=1, le=100_000)] = 1,
           per_page: Annotated[int, Query(ge=1, le=200)] = 50) -> dict[str, Any]:
    """The review log, newest first."""
    return review.events(conn, page, per_page).as_dict()


@router.get("/review/verify")
def verify(conn: Annotated[Connection, Depends(read_conn)]) -> dict[str, Any]:
    """Re-hash the review log and report the first broken event, if any."""
    return review.chain(conn)
