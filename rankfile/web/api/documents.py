"""Documents: list, one document with its highlighted extractions, the original bytes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy import Connection

from rankfile.store import Store
from rankfile.web.deps import get_store, hide_names, read_conn
from rankfile.web.services.documents import get_document_view, list_documents, original

router = APIRouter(prefix="/documents", tags=["documents"])
Conn = Annotated[Connection, Depends(read_conn)]


@router.get("")
def documents(conn: Conn, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
              per_page: Annotated[int, Query(ge=1, le=200)] = 50,
              kind: Annotated[str | None, Query(max_length=40)] = None) -> dict[str, Any]:
    """Stored documents, newest first."""
    return list_documents(conn, page, per_page, kind).as_dict()


@router.get("/{document_id}")
def document(document_id: str, conn: Conn,
             hide: Annotated[bool, Depends(hide_names)]) -> dict[str, Any]:
    """Metadata, sha256, normalised text and every extraction span."""
    view = get_document_view(conn, document_id, hide_names=hide)
    view.pop("segments")
    return view


def download(store: Store, conn: Connection, document_id: str) -> Response:
    data, name, _media = original(store, conn, document_id)
    # hostile content: always a download, never rendered by the browser
    return Response(data, media_type="application/octet-stream", headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Content-Security-Policy": "sandbox; default-src 'none'"})


@router.get("/{document_id}/original", response_class=Response,
            responses={200: {"content": {"application/octet-stream": {}}}})
def document_original(document_id: str, conn: Conn,
                      store: Annotated[Store, Depends(get_store)]) -> Response:
    """The original bytes as archived (checked against their sha256)."""
    return download(store, conn, document_id)
