"""Command line: one thin command per stage; the work happens in the stage packages."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rankfile.config import Settings

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Rankfile: an evidence-linked record of abuse inside armed forces.")
console = Console(stderr=True)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO date (YYYY-MM-DD): {value}") from exc


# ---------------------------------------------------------------- extract (stateless)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="files in any format ingest reads")],
    published: Annotated[str | None, typer.Option(
        help="publication date (YYYY-MM-DD) to resolve relative dates")] = None,
    fmt: Annotated[str, typer.Option("--format", help="json (one object per document) or table")] = "json",
) -> None:
    """Extract incidents, figures and cited sources from files; store nothing."""
    from rankfile.extract.run import extract_files

    failed = extract_files(files, published=_parse_date(published), fmt=fmt,
                           out=sys.stdout, console=console)
    raise typer.Exit(1 if failed else 0)


@app.command()
def taxonomy(markdown: bool = typer.Option(False, "--markdown", help="print docs/taxonomy.md")) -> None:
    """Show the incident types, roles and statuses (from rankfile/taxonomy.yaml)."""
    from rankfile.taxonomy import load_taxonomy

    tax = load_taxonomy()
    if markdown:
        sys.stdout.write(tax.to_markdown())
        return
    sys.stdout.write(json.dumps(tax.__dict__, indent=2) + "\n")


@app.command()
def settings(markdown: bool = typer.Option(False, "--markdown", help="print docs/configuration.md")) -> None:
    """Show the settings in force (defaults, then RANKFILE_* environment variables)."""
    from rankfile.config import Settings, settings_markdown

    if markdown:
        sys.stdout.write(settings_markdown())
        return
    sys.stdout.write(Settings().model_dump_json(indent=2) + "\n")


# ---------------------------------------------------------------- ingest and store
# (commands added by the store stage below)

DB_HELP = "SQLite file or SQLAlchemy URL (postgresql+psycopg://...); default RANKFILE_DB or ./rankfile.db"


def _settings(db: str | None) -> Settings:
    return Settings(db=db) if db else Settings()


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="files and folders (read recursively)")] = None,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    published: Annotated[str | None, typer.Option(help="publication date (YYYY-MM-DD) for every document")] = None,
    kind: Annotated[str | None, typer.Option(
        help="news, testimony, complaint, official_report, intercept or social_post")] = None,
    url: Annotated[str | None, typer.Option(help="source URL for every document")] = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="re-attempt only the remembered failures")] = False,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="store documents without extracting")] = False,
    no_link: Annotated[bool, typer.Option("--no-link", help="do not link the new documents afterwards")] = False,
) -> None:
    """Read files and folders into the store; exit 1 when any file failed."""
    from rankfile.ingest.commands import run_ingest
    from rankfile.ingest.readers.base import KINDS

    if not paths and not retry_failed:
        raise typer.BadParameter("give files or folders to ingest, or --retry-failed")
    if kind is not None and kind not in KINDS:
        raise typer.BadParameter(f"kind must be one of {', '.join(KINDS)}")
    code = run_ingest(list(paths or []), settings=_settings(db), published=_parse_date(published),
                      kind=kind, url=url, retry=retry_failed, extract=not no_extract,
                      out=Console(), err=console)
    if not no_link and not no_extract:
        from rankfile.link.commands import cmd_link

        cmd_link(settings=_settings(db), full=False, use_model=True, out=Console())
    raise typer.Exit(code)


@app.command()
def documents(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    limit: Annotated[int, typer.Option(help="how many to list")] = 100,
    offset: Annotated[int, typer.Option(help="skip this many first")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
) -> None:
    """List the stored documents."""
    from rankfile.ingest.commands import run_documents

    raise typer.Exit(run_documents(settings=_settings(db), limit=limit, offset=offset,
                                   as_json=as_json, out=Console()))


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="document id (or its prefix), sha256 or name")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    text: Annotated[bool, typer.Option("--text/--no-text", help="print the normalised text")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
) -> None:
    """Print one document's metadata and normalised text."""
    from rankfile.ingest.commands import run_show

    raise typer.Exit(run_show(doc, settings=_settings(db), text=text, as_json=as_json,
                              out=Console(), err=console))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='words, "a phrase", -excluded')],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    limit: Annotated[int, typer.Option(help="how many hits")] = 20,
    kind: Annotated[str | None, typer.Option(help="only documents of this kind")] = None,
    since: Annotated[str | None, typer.Option(help="published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="published on or before (YYYY-MM-DD)")] = None,
    publisher: Annotated[str | None, typer.Option(help="a part of the publisher's name")] = None,
) -> None:
    """Full-text search over document text, with highlighted snippets."""
    from rich.table import Table

    from rankfile.store.engine import open_store
    from rankfile.store.search import DocumentFilter
    from rankfile.store.search import search as run_search

    settings = _settings(db)
    filters = DocumentFilter(kind, _parse_date(since), _parse_date(until), publisher)
    hits = run_search(open_store(settings=settings), query, limit=limit, filters=filters)
    table = Table(title=f"{len(hits)} hits for {query!r}")
    for column in ("document", "published", "snippet"):
        table.add_column(column)
    for hit in hits:
        snippet = "".join(f"[bold yellow]{t}[/]" if hi else t.replace("[", r"\[") for t, hi in hit.parts)
        table.add_row(hit.name, str(hit.published or ""), snippet)
    Console().print(table)


# ---------------------------------------------------------------- link and export


@app.command()
def link(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    full: Annotated[bool, typer.Option("--full", help="re-link everything, not only new documents")] = False,
    no_model: Annotated[bool, typer.Option("--no-model", help="lexical features only (no embeddings)")] = False,
) -> None:
    """Link the corpus: stories (copies), incidents across sources, conflicts, citations."""
    from rankfile.link.commands import cmd_link

    raise typer.Exit(cmd_link(settings=_settings(db), full=full, use_model=not no_model, out=Console()))


@app.command()
def incidents(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    min_documents: Annotated[int, typer.Option(help="only incidents reported in this many documents")] = 1,
) -> None:
    """List corpus-level incidents with their independent origins and status."""
    from rankfile.link.commands import cmd_incidents

    raise typer.Exit(cmd_incidents(settings=_settings(db), min_documents=min_documents, out=Console()))


@app.command()
def conflicts(db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None) -> None:
    """List facts on which documents disagree (figures, dates, places, victims, perpetrators)."""
    from rankfile.link.commands import cmd_conflicts

    raise typer.Exit(cmd_conflicts(settings=_settings(db), out=Console()))


@app.command()
def stories(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    min_documents: Annotated[int, typer.Option(help="only stories with this many documents")] = 2,
) -> None:
    """List stories: groups of documents that copy, rewrite or translate one another."""
    from rankfile.link.commands import cmd_stories

    raise typer.Exit(cmd_stories(settings=_settings(db), min_documents=min_documents, out=Console()))


@app.command()
def trace(
    ref: Annotated[str, typer.Argument(help="incident (icl-...) or claim group (clg-...) id")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Show every mention of an incident or claim, its story and citation chain to the origin."""
    from rankfile.link.commands import cmd_trace

    raise typer.Exit(cmd_trace(ref, settings=_settings(db), out=Console(), err=console))


@app.command()
def export(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    fmt: Annotated[str, typer.Option("--format", help="json, csv, geojson or ftm")] = "json",
    out: Annotated[Path | None, typer.Option("--out", help="file to write (default: stdout)")] = None,
) -> None:
    """Export the linked corpus (json: the corpus export of FORMAT.md)."""
    from rankfile.export.commands import cmd_export

    raise typer.Exit(cmd_export(settings=_settings(db), fmt=fmt, out_path=out, err=console))


# ---------------------------------------------------------------- web, review, integrity


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    host: Annotated[str | None, typer.Option(help="address to bind (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default 8000)")] = None,
) -> None:
    """Serve the web app and JSON API (docs at /api/docs) over the store."""
    from rankfile.web.serve import run_server

    run_server(_settings(db), host=host, port=port)


@app.command()
def verify(db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None) -> None:
    """Re-hash archived originals and the review log; exit 1 on any mismatch."""
    from rankfile.web.serve import run_verify

    raise typer.Exit(run_verify(_settings(db), out=Console()))


@app.command()
def demo(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    examples: Annotated[Path, typer.Option(help="folder of example reports")] = Path("examples"),
    no_serve: Annotated[bool, typer.Option("--no-serve", help="stop after the summary")] = False,
    port: Annotated[int | None, typer.Option(help="port (default 8000)")] = None,
) -> None:
    """Ingest the examples, link them, print a summary, then serve the web app."""
    from rankfile.web.serve import run_demo

    raise typer.Exit(run_demo(_settings(db), examples, serve=not no_serve, port=port,
                              out=Console(), err=console))


if __name__ == "__main__":  # pragma: no cover
    app()
