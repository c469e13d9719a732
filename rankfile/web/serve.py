"""What `rankfile serve`, `verify` and `demo` do (the CLI stays a thin wrapper)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlalchemy import func, select

from rankfile.config import Settings


def settings_env(settings: Settings) -> dict[str, str]:
    """``settings`` as RANKFILE_* variables, so worker processes rebuild the same settings."""
    return {f"RANKFILE_{k.upper()}": str(v) for k, v in settings.model_dump().items()
            if v is not None}


UVICORN: dict[str, Any] = {"log_level": "info", "proxy_headers": False, "server_header": False}
BACKLOG = 2048  # uvicorn's default


def run_server(settings: Settings, *, host: str | None = None, port: int | None = None,
               workers: int | None = None) -> None:
    """Serve the app with uvicorn; binds 127.0.0.1 unless told otherwise.

    Pages are rendered in Python, so one process is bound by the GIL: by default one
    worker process per core (at most 2). The store is migrated and every incident given
    a cluster here, once, before the workers start, so they never race to do it.
    """
    import uvicorn

    from rankfile.review import ensure_clusters
    from rankfile.store import open_store

    workers = workers or max(1, min(2, os.cpu_count() or 1))
    host, port = host or settings.host, port or settings.port
    store = open_store(settings.db, settings=settings)
    with store.write() as conn:
        ensure_clusters(conn)
    store.close()
    os.environ.update(settings_env(settings))
    if workers > 1 and port and sys.platform.startswith("linux"):  # SO_REUSEPORT balances
        _run_workers(host, port, workers)
        return
    uvicorn.run("rankfile.web.app:serve_app", factory=True, workers=workers, host=host,
                port=port, **UVICORN)


def _listener(host: str, port: int, *, share: bool) -> socket.socket:
    family, kind, proto, _name, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if share:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    return sock


def _run_workers(host: str, port: int, workers: int) -> None:
    """``workers`` uvicorn processes, each with its own listening socket on ``port``.

    uvicorn's own workers share one socket, and whichever is awake takes every pending
    connection: 20 keep-alive clients arriving together often all land on one worker,
    which then answers them on one core while the other idles (p95 doubled, or worse).
    With SO_REUSEPORT the kernel spreads new connections over the workers' sockets.
    """
    _listener(host, port, share=False).close()  # the port is free: fail here, not in a worker
    ctx = multiprocessing.get_context("spawn")

    started: dict[int, float] = {}

    def start(i: int) -> Any:
        proc = ctx.Process(target=_worker, args=(host, port), name=f"rankfile-web-{i}")
        proc.start()
        started[i] = time.monotonic()
        return proc

    procs = [start(i) for i in range(workers)]
    stopping = False

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for proc in procs:
            if proc.is_alive():
                proc.terminate()  # SIGTERM: uvicorn finishes the requests in flight

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping:
            for i, proc in enumerate(procs):
                proc.join(0.5 / len(procs))
                if proc.is_alive() or stopping:
                    continue
                if time.monotonic() - started[i] < 10:  # failed to start: give up
                    stop(signal.SIGTERM, None)
                    raise SystemExit(f"a web worker exited at start (code {proc.exitcode})")
                procs[i] = start(i)  # a worker died later: replace it, as uvicorn would
        for proc in procs:
            proc.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _worker(host: str, port: int) -> None:  # pragma: no cover - runs in a worker process
    import uvicorn

    sock = _listener(host, port, share=True)
    sock.listen(BACKLOG)
    config = uvicorn.Config("rankfile.web.app:serve_app", factory=True, host=host, port=port,
                            backlog=BACKLOG, **UVICORN)
    uvicorn.Server(config).run(sockets=[sock])


def run_verify(settings: Settings, *, out: Console) -> int:
    """Print the integrity report; 0 when every original and the review chain check out."""
    from rankfile.review.integrity import verify_store
    from rankfile.store import open_store

    report = verify_store(open_store(settings.db, settings=settings))
    out.print(f"originals checked: {report.originals}, mismatched or missing: "
              f"{len(report.bad_originals)}")
    for doc_id, why in report.bad_originals:
        out.print(f"  [red]{doc_id}[/red]: {why}")
    chain = report.chain
    if chain is not None and chain.ok:
        out.print(f"review log: {chain.events} events, chain intact")
    elif chain is not None:
        out.print(f"[red]review log broken at event {chain.bad_seq}: {chain.problem}[/red]")
    return 0 if report.ok else 1


def _link(settings: Settings, err: Console) -> bool:
    """Link the corpus (stories, incidents across documents, conflicts), as `rankfile link` does."""
    from rankfile.link.commands import cmd_link

    cmd_link(settings=settings, full=False, use_model=settings.use_embeddings, out=err)
    return True


def summary(settings: Settings) -> dict[str, int]:
    from rankfile.review import ensure_clusters
    from rankfile.store import open_store
    from rankfile.store.tables import (
        claims,
        conflicts,
        documents,
        incident_clusters,
        incidents,
        stories,
    )

    store = open_store(settings.db, settings=settings)
    with store.write() as conn:
        ensure_clusters(conn)
    with store.read() as conn:
        def n(table: Any, *conds: Any) -> int:
            return conn.execute(select(func.count()).select_from(table).where(*conds)).scalar_one()
        return {"documents": n(documents), "incident mentions": n(incidents),
                "incidents (de-duplicated)": n(incident_clusters,
                                               incident_clusters.c.status != "merged"),
                "figures": n(claims), "stories": n(stories), "conflicts": n(conflicts)}


def run_demo(settings: Settings, examples: Path, *, serve: bool, port: int | None,
             out: Console, err: Console) -> int:
    """Ingest ``examples`` into the store, link, print a summary, then (optionally) serve."""
    from rankfile.ingest.commands import run_ingest

    if not examples.is_dir():
        err.print(f"no examples folder at {examples}")
        return 2
    code = run_ingest([examples], settings=settings, out=out, err=err)
    _link(settings, err)
    for key, value in summary(settings).items():
        out.print(f"{key:>28}: {value}")
    if serve:
        host, p = settings.host, port or settings.port
        out.print(f"serving on http://{host}:{p}/ (Ctrl+C to stop)")
        run_server(settings, port=p)
    return code
