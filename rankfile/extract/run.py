"""`rankfile extract`: read files with the ingest readers, extract, print; store nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table

from rankfile.extract.output import contract_json
from rankfile.extract.pipeline import extract_document
from rankfile.ingest.readers import ReadOptions, read_file
from rankfile.records import ReadFailure, SourceDocument


def _documents(files: Iterable[Path], options: ReadOptions, console: Console,
               failures: list[str]) -> Iterable[SourceDocument]:
    for path in files:
        targets = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for target in targets:
            for item in read_file(target, options):
                if isinstance(item, ReadFailure):
                    part = f" [{item.part}]" if item.part else ""
                    console.print(f"[red]failed[/red] {item.path}{part}: {item.reason}")
                    failures.append(item.path)
                else:
                    yield item


def _table(doc: SourceDocument, payload: dict, console: Console) -> None:
    table = Table(title=f"{doc.name} ({payload['document']['language']})", show_lines=True)
    for column in ("kind", "types", "date", "place", "victims", "perpetrators", "evidence"):
        table.add_column(column)
    for inc in payload["incidents"]:
        table.add_row(
            inc["kind"], ", ".join(inc["types"]),
            (inc.get("date") or {}).get("text") or "",
            (inc.get("location") or {}).get("text") or "",
            str(inc["victims"]["count"] or "") + (" " + ", ".join(inc["victims"]["names"]) if inc["victims"]["names"] else ""),
            ", ".join(inc["perpetrators"]["roles"]),
            " … ".join(e["text"] for e in inc["evidence"])[:300],
        )
    console.print(table)
    claims = Table(title="figures")
    for column in ("value", "qualifier", "measure", "attributed to", "evidence"):
        claims.add_column(column)
    for c in payload["claims"]:
        claims.add_row(str(c["value"]), c.get("qualifier") or "", c.get("measure") or "",
                       c.get("attributed_to") or "", c["evidence"][0]["text"][:160] if c["evidence"] else "")
    console.print(claims)
    console.print("cited: " + "; ".join(s["name"] for s in payload["sources_cited"]))


def extract_files(files: list[Path], published: date | None, fmt: str, out: TextIO,
                  console: Console) -> int:
    """Print one JSON object (or a table) per document; returns the number of failures."""
    if fmt not in ("json", "table"):
        console.print(f"[red]unknown format {fmt!r}: use json or table[/red]")
        return 1
    failures: list[str] = []
    options = ReadOptions(published=published)
    view = Console(file=out, width=160) if fmt == "table" else None
    for doc in _documents(files, options, console, failures):
        try:
            extraction = extract_document(doc, published=published)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            console.print(f"[red]failed[/red] {doc.path or doc.name}: extraction error: {exc}")
            failures.append(doc.path or doc.name)
            continue
        payload = contract_json(doc, extraction)
        if view is not None:
            _table(doc, payload, view)
        else:
            out.write(json.dumps(payload, ensure_ascii=False) + "\n")
            out.flush()
    return len(failures)
