"""Web benchmark: 100,000 generated incidents, 20 concurrent clients against uvicorn.

Measures p50/p95 latency of the incident list, an incident page and a search.
Usage: python benchmarks/web.py [--db FILE] [--incidents 100000] [--requests 400] [--clients 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from rankfile.records import stable_id
from rankfile.review.clusters import list_columns
from rankfile.store import open_store
from rankfile.store.tables import (
    cluster_members,
    documents,
    evidence,
    incident_clusters,
    incidents,
)
from rankfile.taxonomy import load_taxonomy

PLACES = [("Avdiivka", 48.14, 37.74), ("Bakhmut", 48.59, 38.0), ("Horlivka", 48.3, 38.05),
          ("Belgorod", 50.6, 36.6), ("Kursk", 51.73, 36.19), ("Rostov", 47.23, 39.7)]


def generate(db: str, n: int, per_doc: int = 100) -> None:
    rng = random.Random(7)
    types = list(load_taxonomy().incident_types)
    store = open_store(db)
    now = datetime.now(UTC)
    with store.write() as conn:
        for d in range(n // per_doc):
            doc_id = stable_id("doc", d)
            sentences = []
            for i in range(per_doc):
                place = PLACES[(d + i) % len(PLACES)][0]
                sentences.append(f"Report {i}: soldiers were held in a pit near {place} "
                                 f"after refusing an order, relatives said.")
            text = " ".join(sentences)
            conn.execute(documents.insert().values(
                id=doc_id, sha256=stable_id("sha", d).ljust(64, "0"),
                text_sha256=stable_id("tsha", d).ljust(64, "0"), name=f"gen-{d}",
                title=f"Generated report {d}", publisher=f"Outlet {d % 37}", source_format="txt",
                text=text, original_size=len(text), archive_key="0" * 64, tool_version="bench",
                extractor_version="bench", attachments=[], cited=[], metadata={},
                extraction={}, created=now))
            inc_rows, ev_rows, cl_rows, mem_rows = [], [], [], []
            pos = 0
            for i, s in enumerate(sentences):
                inc_id = stable_id("inc", d, i)
                name, lat, lon = PLACES[(d + i) % len(PLACES)]
                year, month = 2022 + rng.randrange(4), 1 + rng.randrange(12)
                t = [types[rng.randrange(len(types))]]
                inc_rows.append({"id": inc_id, "local_id": f"i{i}", "document_id": doc_id,
                                 "ordinal": i, "kind": "incident", "types": t,
                                 "date_start": f"{year}-{month:02d}-01", "location_name": name,
                                 "location_country": "UA", "victims_names": [],
                                 "perpetrator_roles": ["commander"], "perpetrator_names": [],
                                 "perpetrator_units": [], "triggers": [], "harms": [],
                                 "evidence_kinds": [], "caveats": [], "rules": ["bench"]})
                start = pos + s.index("held")
                ev_rows.append({"document_id": doc_id, "record_kind": "incident",
                                "record_id": inc_id, "ordinal": 0, "start": start,
                                "end": start + 19, "quote": text[start:start + 19]})
                pos += len(s) + 1
                cid = stable_id("icl", inc_id)
                summary = {"date_start": f"{year}-{month:02d}-01",
                           "date_end": f"{year}-{month:02d}-28", "date_precision": "month",
                           "date_text": f"{year}-{month:02d}", "place": name, "country": "UA",
                           "lat": lat, "lon": lon, "location_precision": "city",
                           "victims_count": rng.randrange(1, 30), "victims_names": [],
                           "perpetrator_roles": ["commander"], "mentions": 1, "documents": 1,
                           "origins": 1}
                cl_rows.append({"id": cid, "title": f"{t[0]}, {name}, {year}-{month:02d}",
                                "kind": "incident", "types": t, "summary": summary,
                                "status": "reported", "version": 1, "sensitive": False,
                                "created": now, "updated": now, **list_columns(summary)})
                mem_rows.append({"cluster_id": cid, "incident_id": inc_id,
                                 "document_id": doc_id, "score": 1.0, "status": "confirmed"})
            conn.execute(incidents.insert(), inc_rows)
            conn.execute(evidence.insert(), ev_rows)
            conn.execute(incident_clusters.insert(), cl_rows)
            conn.execute(cluster_members.insert(), mem_rows)
    store.close()


def single(db: str, n: int) -> None:
    """Median of 20 sequential in-process requests per route (no concurrency)."""
    from fastapi.testclient import TestClient

    from rankfile.config import Settings
    from rankfile.web.app import create_app

    rng = random.Random(3)
    ids = [stable_id("icl", stable_id("inc", rng.randrange(n // 100), rng.randrange(100)))
           for _ in range(20)]
    routes = {"list": lambda i: f"/incidents?page={1 + i}",
              "list, filtered": lambda i: "/api/incidents?type=hazing&date_from=2023-01-01",
              "list, country+corroboration": lambda i: "/api/incidents?country=UA&corroboration=single",
              "incident page": lambda i: f"/incidents/{ids[i]}",
              "search": lambda i: f"/search?q={['pit', 'Avdiivka', 'Bakhmut order'][i % 3]}",
              "dashboard": lambda i: "/"}
    with TestClient(create_app(Settings(db=db))) as c:
        for name, path in routes.items():
            c.get(path(0))
            times = []
            for i in range(20):
                t = time.perf_counter()
                assert c.get(path(i)).status_code == 200
                times.append((time.perf_counter() - t) * 1000)
            print(f"single request, {name}: median={statistics.median(times):.0f} ms "
                  f"max={max(times):.0f} ms")


async def measure(base: str, paths: list[str], clients: int) -> list[float]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in paths:
        queue.put_nowait(p)
    times: list[float] = []

    async def worker() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as c:
            while not queue.empty():
                p = queue.get_nowait()
                t0 = time.perf_counter()
                r = await c.get(p)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (p, r.status_code)

    await asyncio.gather(*(worker() for _ in range(clients)))
    return times


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--db", help="reuse this generated store (made when missing)")
    args = ap.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="wp_bench_", dir="/tmp")) / "bench.db")
    if not Path(db).exists():
        t0 = time.perf_counter()
        generate(db, args.incidents)
        print(f"generated {args.incidents} incidents in {time.perf_counter() - t0:.1f} s")
    single(db, args.incidents)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rankfile.cli", "serve", "--db", db,
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/api/incidents?per_page=1").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        rng = random.Random(1)
        ids = [stable_id("icl", stable_id("inc", rng.randrange(args.incidents // 100),
                                          rng.randrange(100))) for _ in range(args.requests)]
        words = ["pit", "Avdiivka", "refusing", "relatives", "Bakhmut order"]
        cases = {
            "incident list (/incidents)": [f"/incidents?page={1 + rng.randrange(50)}"
                                           for _ in range(args.requests)],
            "incident list, filtered (/api/incidents?type=...)": [
                "/api/incidents?type=hazing&date_from=2023-01-01" for _ in range(args.requests)],
            "incident page (/incidents/{id})": [f"/incidents/{i}" for i in ids],
            "search (/search?q=)": [f"/search?q={rng.choice(words)}"
                                    for _ in range(args.requests)],
        }
        for name, paths in cases.items():
            asyncio.run(measure(base, paths[:20], args.clients))  # warm up
            t = time.perf_counter()
            times = asyncio.run(measure(base, paths, args.clients))
            wall = time.perf_counter() - t
            print(f"{name}: n={len(times)} p50={pct(times, 50):.0f} ms "
                  f"p95={pct(times, 95):.0f} ms throughput={len(times) / wall:.0f} req/s")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
