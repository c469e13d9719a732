"""What `rankfile ingest`, `documents` and `show` do and print (cli.py only parses options).

Progress goes to stderr; summaries, listings and documents to stdout. Stored text is
printed with Rich markup disabled: document text is hostile and must not style the
terminal.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from rankfile.config import Settings
from rankfile.ingest.pipeline import IngestOptions, IngestReport, ingest_paths, retry_failed
from rankfile.ingest.readers import ReadOptions
from rankfile.records import to_dict
from rankfile.store import find_document, list_documents, open_store


def run_ingest(paths: list[Path], *, settings: Settings, published: date | None = None,
               kind: str | None = None, url: str | None = None, retry: bool = False,
               extract: bool = True, out: Console, err: Console) -> int:
    """Ingest with a progress bar, print the summary; exit status 1 when anything failed."""
    store = open_store(settings.db, settings=settings)
    options = IngestOptions(
        read=ReadOptions(max_file_bytes=settings.max_file_bytes,
                         max_unpacked_bytes=settings.max_unpacked_bytes,
                         published=published, kind=kind, url=url),
        extract=extract, workers=settings.workers)
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeRemainingColumn())
    bar = Progress(*columns, console=err, transient=True)
    task = bar.add_task("ingesting", total=None)

    def on_total(n: int) -> None:  # workers are up: now the display thread may start
        bar.update(task, total=n)
        bar.start()

    def on_file(_outcome: object) -> None:
        bar.advance(task)

    try:
        if retry:
            report = retry_failed(store, options, progress=on_file, on_total=on_total)
        else:
            report = ingest_paths(store, paths, options, progress=on_file, on_total=on_total)
    finally:
        bar.stop()
        store.close()
    print_report(report, out)
    if report.interrupted:
        err.print("[yellow]interrupted:[/] the unfinished batch was rolled back; "
                  "run the same command again to finish")
    return 0 if report.ok else 1


def print_report(report: IngestReport, out: Console) -> None:
    summary = Table(title=f"{report.files} file(s) read", show_header=False)
    summary.add_column("what")
    summary.add_column("documents", justify="right")
    summary.add_row("ingested", str(report.ingested))
    if report.same_text:
        summary.add_row("same text as a stored document", str(report.same_text))
    if report.reextracted:
        summary.add_row("re-extracted (newer extractor)", str(report.reextracted))
    summary.add_row("already present", str(report.present))
    if report.skipped:
        summary.add_row("skipped (not a document format)", str(report.skipped))
    summary.add_row("failed", Text(str(len(report.failures)),
                                   style="bold red" if report.failures else ""))
    out.print(summary)
    if report.failures:
        table = Table(title="failures")
        table.add_column("file", overflow="fold")
        table.add_column("item")
        table.add_column("reason", overflow="fold")
        for f in report.failures:
            table.add_row(Text(f.path), Text(f.part or ""), Text(f.reason))
        out.print(table)
        out.print("re-attempt only these with: rankfile ingest --retry-failed")


def run_documents(*, settings: Settings, limit: int, offset: int, as_json: bool,
                  out: Console) -> int:
    store = open_store(settings.db, settings=settings)
    try:
        with store.read() as conn:
            docs = list_documents(conn, limit=limit, offset=offset)
    finally:
        store.close()
    if as_json:
        out.print_json(json.dumps(to_dict(docs)))
        return 0
    table = Table(title=f"{len(docs)} document(s)")
    table.add_column("id", no_wrap=True, min_width=20)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("lang", no_wrap=True, min_width=4)
    table.add_column("format", no_wrap=True, min_width=6)
    table.add_column("inc", no_wrap=True, justify="right", min_width=3)
    table.add_column("title", max_width=60, min_width=12)
    for d in docs:
        title = d.title or d.name
        if d.duplicate_of:
            title = f"{title} (same text as {d.duplicate_of})"
        table.add_row(d.id, d.published.isoformat() if d.published else "", d.language or "",
                      d.source_format, str(d.incidents), Text(title))
    out.print(table)
    return 0


def run_show(ref: str, *, settings: Settings, text: bool, as_json: bool, out: Console,
             err: Console) -> int:
    store = open_store(settings.db, settings=settings)
    try:
        with store.read() as conn:
            doc = find_document(conn, ref)
    finally:
        store.close()
    if doc is None:
        err.print(Text(f"no single document matches {ref!r} (use an id from `rankfile documents`)"))
        return 1
    if as_json:
        data = to_dict(doc)
        if not text:
            data.pop("text")
        out.print_json(json.dumps(data))
        return 0
    table = Table(show_header=False, title=doc.id)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for name in ("title", "name", "url", "publisher", "author", "published", "retrieved",
                 "language", "kind", "source_format", "path", "part", "sha256",
                 "original_size", "duplicate_of", "tool_version", "extractor_version"):
        value = getattr(doc, name)
        if value not in (None, ""):
            table.add_row(name, Text(str(value)))
    if doc.attachments:
        table.add_row("attachments", Text(", ".join(a.get("name", "") for a in doc.attachments)))
    if doc.cited:
        table.add_row("cited", Text(", ".join(doc.cited)))
    out.print(table)
    if text:
        out.print(Text(doc.text), markup=False, highlight=False)
    return 0
