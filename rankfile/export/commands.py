"""What `rankfile export` does: read the linked corpus, write one format to a file or stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console

from rankfile.config import Settings
from rankfile.export.view import load_view
from rankfile.store import open_store

FORMATS = ("json", "csv", "geojson", "ftm")


def cmd_export(*, settings: Settings, fmt: str, out_path: Path | None, err: Console) -> int:
    if fmt not in FORMATS:
        err.print(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        return 2
    store = open_store(settings.db, settings=settings)
    try:
        with store.read() as conn:
            view = load_view(conn)
    finally:
        store.close()
    fh = open(out_path, "w", encoding="utf-8", newline="") if out_path else sys.stdout  # noqa: SIM115 - closed below
    try:
        if fmt == "json":
            from rankfile.export.corpus_json import corpus_json

            json.dump(corpus_json(view.documents, view.incidents, view.claims, view.conflicts),
                      fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        elif fmt == "csv":
            from rankfile.export.csv import write_incidents_csv

            write_incidents_csv(view.incidents, fh)
        elif fmt == "geojson":
            from rankfile.export.geojson import incidents_geojson

            json.dump(incidents_geojson(view.incidents), fh, ensure_ascii=False)
            fh.write("\n")
        else:
            from rankfile.export.ftm import write_ftm

            write_ftm(view.documents, view.incidents, view.claims, fh)
    finally:
        if out_path:
            fh.close()
    return 0
