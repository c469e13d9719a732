"""Server-rendered pages: each one calls the same service functions as the API.

Forms post here and redirect back (post/redirect/get); a failed review action
re-renders the page with the message and the right HTTP status (409 on an edit
conflict), so nothing is silently overwritten.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection

from rankfile.review.actions import ReviewError
from rankfile.store import Store
from rankfile.taxonomy import load_taxonomy
from rankfile.web.api.documents import download
from rankfile.web.api.incidents import Filters
from rankfile.web.charts import bars, basemap_svg, map_layout
from rankfile.web.deps import count_cache, get_store, hide_names, read, read_conn
from rankfile.web.services import review
from rankfile.web.services.claims import list_claim_groups, list_claims, list_stories
from rankfile.web.services.common import BadRequest
from rankfile.web.services.dashboard import cached_dashboard
from rankfile.web.services.documents import get_document_view, list_documents
from rankfile.web.services.incidents import get_incident, incident_version, list_incidents
from rankfile.web.services.search import search_all, search_filters

router = APIRouter(include_in_schema=False)
Conn = Annotated[Connection, Depends(read_conn)]
StoreDep = Annotated[Store, Depends(get_store)]
Hide = Annotated[bool, Depends(hide_names)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
Note = Annotated[str, Form(max_length=5000)]


def render(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    templates = request.app.state.templates
    tax = load_taxonomy()
    return templates.TemplateResponse(request, name, {"tax": tax, "hide_names":
                                                      request.app.state.settings.hide_names,
                                                      **ctx}, status_code=status_code)


def _actor(request: Request, given: str | None) -> str:
    return (given or "").strip()[:80] or request.app.state.settings.reviewer


@router.get("/", response_class=HTMLResponse)
def home(request: Request, conn: Conn) -> HTMLResponse:
    data = cached_dashboard(conn, count_cache(request))
    return render(request, "dashboard.html", data=data, map=map_layout(data["map"]),
                  chart=bars(data["timeline"]), active="dashboard")


@router.get("/map/basemap.svg")
def basemap() -> Response:
    return Response(basemap_svg(), media_type="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})


@router.get("/incidents", response_class=HTMLResponse)
async def incidents_page(request: Request, filters: Filters, hide: Hide,
                         page: PageNo = 1,
                         per_page: Annotated[int, Query(ge=1, le=200)] = 50) -> HTMLResponse:
    # on the event loop, like the other busy read pages (see deps.read)
    try:
        result = await read(request, lambda conn: list_incidents(
            conn, filters, page, per_page, hide_names=hide, counts=count_cache(request)),
            thread=filters.scans_text)
        error = None
    except BadRequest as exc:
        result, error = None, str(exc)
    args = {k: v for k, v in vars(filters).items() if v and not (k == "sort" and v == "-date")}
    return render(request, "incidents.html", 422 if error else 200, result=result, error=error,
                  f=filters, args=args, query=urlencode(args), per_page=per_page,
                  active="incidents")


def _incident_page(request: Request, conn: Connection, incident_id: str, hide: bool,
                   error: str | None = None, status_code: int = 200) -> HTMLResponse:
    inc = get_incident(conn, incident_id, hide_names=hide)
    return render(request, "incident.html", status_code, inc=inc, error=error,
                  done=request.query_params.get("done"), active="incidents")


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
async def incident_page(request: Request, incident_id: str, hide: Hide) -> HTMLResponse:
    inc = await read(request, lambda conn: get_incident(conn, incident_id, hide_names=hide))
    return render(request, "incident.html", inc=inc, error=None,
                  done=request.query_params.get("done"), active="incidents")


def _after(request: Request, incident_id: str, action: Any, done: str) -> Response:
    """Run a review action; redirect on success, re-render with the message on failure."""
    try:
        action()
    except ReviewError as exc:
        with request.app.state.store.read() as conn:
            return _incident_page(request, conn, incident_id, request.app.state.settings.hide_names,
                                  error=str(exc), status_code=exc.status)
    return RedirectResponse(f"/incidents/{incident_id}?done={done}#history", status_code=303)


@router.post("/incidents/{incident_id}/status")
def status_form(request: Request, incident_id: str, store: StoreDep,
                status: Annotated[str, Form(max_length=20)], note: Note,
                version: Annotated[int, Form(ge=1)],
                actor: Annotated[str | None, Form(max_length=80)] = None) -> Response:
    return _after(request, incident_id, lambda: review.set_status(
        store, _actor(request, actor), incident_id, status, note, version), "status")


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@router.post("/incidents/{incident_id}/fields")
async def fields_form(request: Request, incident_id: str, store: StoreDep) -> Response:
    form = await request.form()
    get = lambda k: str(form.get(k) or "").strip()  # noqa: E731
    with store.read() as conn:
        current = get_incident(conn, incident_id, hide_names=False)
    changes: dict[str, Any] = {}
    types = [str(t) for t in form.getlist("types")]
    if types and types != current["types"]:
        changes["types"] = types
    if get("kind") and get("kind") != current["kind"]:
        changes["kind"] = get("kind")
    date = {"start": get("date_start") or None, "end": get("date_end") or None,
            "precision": get("date_precision") or None}
    if (date["start"], date["end"], date["precision"]) != (
            current["date_start"], current["date_end"], current["date_precision"]):
        changes["date"] = date
    place = {"name": get("place"), "country": get("country"), "admin1": get("admin1"),
             "lat": get("lat"), "lon": get("lon"), "precision": get("location_precision")}
    now = (current["place"] or "", current["country"] or "", current["admin1"] or "",
           "" if current["lat"] is None else str(current["lat"]),
           "" if current["lon"] is None else str(current["lon"]),
           current["location_precision"] or "")
    if tuple(place.values()) != now:
        changes["place"] = {**place, "precision": place["precision"] or "unknown"}
    count = get("victims_count")
    if count != ("" if current["victims_count"] is None else str(current["victims_count"])) or \
            get("victims_description") != (current["victims_description"] or ""):
        changes["victims"] = {"count": count or None, "description": get("victims_description"),
                              "names": current["victims_names"]}
    roles = [str(r) for r in form.getlist("perpetrator_roles")]
    units = _split(get("perpetrator_units"))
    if roles != current["perpetrator_roles"] or units != current["perpetrator_units"]:
        changes["perpetrators"] = {"roles": roles, "units": units,
                                   "names": current["perpetrator_names"]}
    try:
        version = int(get("version"))
    except ValueError:
        version = 0
    return _after(request, incident_id, lambda: review.correct(
        store, _actor(request, get("actor")), incident_id, changes, get("note"), version),
        "fields")


@router.post("/incidents/{incident_id}/merge")
def merge_form(request: Request, incident_id: str, store: StoreDep,
               other_id: Annotated[str, Form(max_length=40)], note: Note,
               version: Annotated[int, Form(ge=1)],
               actor: Annotated[str | None, Form(max_length=80)] = None) -> Response:
    def run() -> Any:
        other = other_id.strip().rsplit("/", 1)[-1]
        with store.read() as conn:
            try:
                other_version = incident_version(conn, other)
            except LookupError as exc:
                raise ReviewError(str(exc)) from exc
        return review.merge(store, _actor(request, actor), incident_id, other, note, version,
                            other_version)
    return _after(request, incident_id, run, "merge")


@router.post("/incidents/{incident_id}/split")
async def split_form(request: Request, incident_id: str, store: StoreDep) -> Response:
    form = await request.form()
    ids = [str(v) for v in form.getlist("mention_ids")]
    try:
        version = int(str(form.get("version") or 0))
    except ValueError:
        version = 0
    return _after(request, incident_id, lambda: review.split(
        store, _actor(request, str(form.get("actor") or "")), incident_id, ids,
        str(form.get("note") or ""), version), "split")


@router.post("/links/{link_id}/decision")
def link_form(request: Request, link_id: str, store: StoreDep,
              decision: Annotated[str, Form(max_length=10)], note: Note,
              back: Annotated[str, Form(max_length=40)],
              actor: Annotated[str | None, Form(max_length=80)] = None) -> Response:
    return _after(request, back, lambda: review.decide_link(
        store, _actor(request, actor), link_id, decision, note), "link")


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, conn: Conn, page: PageNo = 1,
                   kind: Annotated[str | None, Query(max_length=40)] = None) -> HTMLResponse:
    return render(request, "documents.html", result=list_documents(conn, page, 50, kind or None),
                  kind=kind, active="documents")


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str, conn: Conn, hide: Hide) -> HTMLResponse:
    return render(request, "document.html", doc=get_document_view(conn, document_id,
                                                                  hide_names=hide),
                  error=None, active="documents")


@router.get("/documents/{document_id}/original")
def document_original(document_id: str, conn: Conn, store: StoreDep) -> Response:
    return download(store, conn, document_id)


@router.post("/documents/{document_id}/incidents")
async def add_form(request: Request, document_id: str, store: StoreDep) -> Response:
    form = await request.form()
    try:
        start, end = int(str(form.get("start"))), int(str(form.get("end")))
        new = review.add(store, _actor(request, str(form.get("actor") or "")), document_id,
                         start, end, [str(t) for t in form.getlist("types")],
                         str(form.get("kind") or "incident"), str(form.get("note") or ""))
    except (ValueError, ReviewError) as exc:
        message = str(exc) if isinstance(exc, ReviewError) else "select some text first"
        with store.read() as conn:
            doc = get_document_view(conn, document_id, hide_names=request.app.state.settings
                                    .hide_names)
        return render(request, "document.html", getattr(exc, "status", 422), doc=doc,
                      error=message, active="documents")
    return RedirectResponse(f"/incidents/{new['id']}?done=added", status_code=303)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, conn: Conn, page: PageNo = 1,
                document_id: Annotated[str | None, Query(max_length=40)] = None,
                measure: Annotated[str | None, Query(max_length=60)] = None) -> HTMLResponse:
    groups = list_claim_groups(conn, page, 20, measure or None) if not document_id else None
    singles = list_claims(conn, page, 50, measure or None, document_id or None,
                          ungrouped=not document_id)
    return render(request, "claims.html", groups=groups, singles=singles,
                  document_id=document_id, measure=measure, active="claims")


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, conn: Conn, page: PageNo = 1) -> HTMLResponse:
    return render(request, "stories.html", result=list_stories(conn, page, 20), active="stories")


@router.get("/search", response_class=HTMLResponse)
async def search_page(request: Request, store: StoreDep, hide: Hide,
                      q: Annotated[str, Query(max_length=500)] = "", page: PageNo = 1,
                      kind: Annotated[str | None, Query(max_length=40)] = None,
                      published_from: Annotated[str | None, Query(max_length=10)] = None,
                      published_to: Annotated[str | None, Query(max_length=10)] = None,
                      publisher: Annotated[str | None, Query(max_length=200)] = None,
                      ) -> HTMLResponse:
    result, error = None, None
    form = {"kind": kind or "", "published_from": published_from or "",
            "published_to": published_to or "", "publisher": publisher or ""}
    if q.strip():
        try:
            filters = search_filters(kind, published_from, published_to, publisher)
            result = await read(request, lambda conn: search_all(
                store, conn, q, page, 20, filters, hide_names=hide))
        except BadRequest as exc:
            error = str(exc)
    return render(request, "search.html", 422 if error else 200, q=q, kind=kind, form=form,
                  result=result, error=error, page=page, active="search")


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, conn: Conn, page: PageNo = 1) -> HTMLResponse:
    return render(request, "review.html", events=review.events(conn, page, 50),
                  chain=review.chain(conn), active="review")
