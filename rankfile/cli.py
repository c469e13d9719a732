"""Command line: one thin command per stage; the work happens in the stage packages."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer
from rich.console import Console

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
    files: list[Path] = typer.Argument(..., help="files in any format ingest reads"),
    published: str | None = typer.Option(None, help="publication date (YYYY-MM-DD) to resolve relative dates"),
    fmt: str = typer.Option("json", "--format", help="json (one object per document) or table"),
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


# ---------------------------------------------------------------- ingest and store
# (commands added by the store stage below)


if __name__ == "__main__":  # pragma: no cover
    app()
