"""The web app: FastAPI serving server-rendered pages and the JSON API over one store.

``create_app(settings)`` opens the store, makes sure every incident has a cluster,
and wires the API routers (``/api/...``, OpenAPI at ``/api/openapi.json``, docs at
``/api/docs``), the pages and the static files. Every response carries a strict
Content-Security-Policy: scripts and styles only from our own static files, no inline
code, so hostile text from a report can never run.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import make_url
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rankfile.config import Settings
from rankfile.process import freeze_long_lived
from rankfile.review import ensure_clusters
from rankfile.review.actions import ReviewError
from rankfile.store import Store, open_store
from rankfile.store.engine import create_store_engine
from rankfile.web import pages
from rankfile.web.api import claims, dashboard, documents, incidents, review, search, stories
from rankfile.web.services.common import BadRequest, Missing, StampedCache

HERE = Path(__file__).parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Resource-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    if key not in headers:
                        headers[key] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_html(request):
        return request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message, "hide_names": True},
            status_code=status)
    return JSONResponse({"detail": message}, status_code=status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(Missing)
    async def _missing(request: Request, exc: Missing) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(BadRequest)
    async def _bad(request: Request, exc: BadRequest) -> Response:
        return _error(request, 422, str(exc))

    @app.exception_handler(ReviewError)
    async def _review(request: Request, exc: ReviewError) -> Response:
        return _error(request, exc.status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request):
            return _error(request, exc.status_code, str(exc.detail))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))


# A request on the thread pool holds a pooled connection from its read dependency to its
# end. The default pool keeps 5 and closes the rest after use, so under 20 clients most
# requests paid for a new connection: opening it, re-reading the schema and starting with
# an empty page cache (several ms each). Keep enough idle ones for what a worker serves,
# and never make a request wait for one (-1: no cap on extra connections): the routes
# that read on the event loop (deps.read) must not block it, least of all on connections
# that only the loop's own callbacks would give back.
POOL_SIZE, POOL_OVERFLOW = 16, -1


def web_store(settings: Settings) -> Store:
    """The store named by ``settings.db``, with a connection pool sized for the web app."""
    store = open_store(settings=settings)
    url = make_url(store.url)
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return store  # one in-memory database lives in its one engine
    engine = create_store_engine(store.url, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    store.close()
    return dataclasses.replace(store, engine=engine)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app over ``store`` (default: the store named by ``settings.db``)."""
    settings = settings or Settings()
    store = store or web_store(settings)
    with store.write() as conn:
        ensure_clusters(conn)
    app = FastAPI(title="Rankfile", version="1", openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Incidents, documents, figures, stories, search and review "
                              "over one Rankfile store.")
    app.state.store, app.state.settings = store, settings
    app.state.counts = StampedCache()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=True, auto_reload=False)
    app.state.templates = Jinja2Templates(env=env)
    app.add_middleware(SecurityHeaders)
    _handlers(app)
    for module in (dashboard, incidents, documents, claims, stories, search, review):
        app.include_router(module.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        return app.state.templates.TemplateResponse(request, "api_docs.html", {})

    return app


def serve_app() -> FastAPI:
    """``create_app()`` for the worker processes of ``rankfile serve``.

    The app, its templates and SQLAlchemy's compiled statements are long-lived: frozen
    out of the garbage collector, they are no longer walked by every full collection
    (a pause of tens of ms under load, otherwise).
    """
    app = create_app()
    freeze_long_lived()
    return app
