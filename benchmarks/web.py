"""Web benchmark: 100,000 generated incidents, 20 concurrent clients (wrk) against uvicorn.

Measures p50/p95 latency and throughput of the incident list, an incident page and a
search (pages and JSON). wrk (C, closed loop: each of the 20 connections sends its next
request when the last one is answered) takes far less CPU than Python clients would, so
the figures are the server's. A Lua script picks a random URL per request out of a few
hundred, and its ``done()`` prints the 95th percentile, which ``--latency`` does not.
Usage: python benchmarks/web.py [--db FILE] [--incidents 100000] [--requests 400]
       [--clients 20] [--threads 2] [--duration 15] [--workers N] [--only NAME] [--no-single]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil

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
    """Median of 20 sequential in-process requests per route (no concurrency).

    Also the process's CPU time per request, which other jobs on the machine disturb
    less than the wall-clock time.
    """
    from fastapi.testclient import TestClient

    from rankfile.config import Settings
    from rankfile.web.app import create_app

    rng = random.Random(3)
    ids = [stable_id("icl", stable_id("inc", rng.randrange(n // 100), rng.randrange(100)))
           for _ in range(20)]
    words = ["pit", "Avdiivka", "Bakhmut order"]
    routes = {"list": lambda i: f"/incidents?page={1 + i}",
              "list, deep page": lambda i: f"/incidents?page={1000 + 37 * i}",
              "list, JSON": lambda i: f"/api/incidents?page={1 + i}",
              "list, filtered": lambda i: "/api/incidents?type=hazing&date_from=2023-01-01",
              "list, country+corroboration": lambda i: "/api/incidents?country=UA&corroboration=single",
              "incident page": lambda i: f"/incidents/{ids[i]}",
              "incident, JSON": lambda i: f"/api/incidents/{ids[i]}",
              "search": lambda i: f"/search?q={words[i % 3]}",
              "search, JSON": lambda i: f"/api/search?q={words[i % 3]}",
              "dashboard": lambda i: "/"}
    with TestClient(create_app(Settings(db=db))) as c:
        for name, path in routes.items():
            c.get(path(0))
            times, cpu = [], []
            for i in range(20):
                t, p = time.perf_counter(), time.process_time()
                assert c.get(path(i)).status_code == 200
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - p) * 1000)
            print(f"single request, {name}: median={statistics.median(times):.0f} ms "
                  f"max={max(times):.0f} ms (CPU median {statistics.median(cpu):.1f} ms)")


WRK_SCRIPT = """
local paths = {%s}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(%d + (seed or 0) * 7919)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT p50=%%.3f p95=%%.3f p99=%%.3f max=%%.3f requests=%%d "
                         .. "duration=%%.3f errors=%%d status=%%d\\n",
                         latency:percentile(50) / 1000, latency:percentile(95) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000, summary.requests,
                         summary.duration / 1e6,
                         e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(base: str, paths: list[str], clients: int, threads: int, seconds: int,
            workdir: Path, seed: int = 1) -> dict[str, float]:
    """One closed-loop wrk run over ``paths`` (a random one per request); its figures in ms."""
    script = workdir / "paths.lua"
    script.write_text(WRK_SCRIPT % (", ".join(lua_string(p) for p in paths), seed))
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--latency",
                          "--timeout", "30s", "-s", str(script), base],
                         capture_output=True, text=True, check=True).stdout
    found = re.search(r"^RESULT (.*)$", out, re.M)
    if found is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    figures = {k: float(v) for k, v in (kv.split("=") for kv in found.group(1).split())}
    figures["rps"] = figures["requests"] / figures["duration"]
    return figures


def server_cpu(proc: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by the server and its worker processes."""
    procs = [psutil.Process(proc.pid)]
    procs += procs[0].children(recursive=True)
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def connections_per_worker(proc: subprocess.Popen[bytes], port: int) -> str:
    """How wrk's connections ended up spread over the worker processes (e.g. "9/11").

    Workers share one listening socket and whichever is free takes the new connections,
    so the split varies from run to run; with a closed loop a worker holding 14 of 20
    connections answers them more slowly, which shows in the p95.
    """
    counts = []
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            conns = child.net_connections(kind="tcp")
        except psutil.Error:
            continue
        n = sum(1 for c in conns if c.status == psutil.CONN_ESTABLISHED and c.laddr
                and c.laddr.port == port)
        if n:
            counts.append(n)
    return "/".join(str(n) for n in sorted(counts)) or "?"


def cases(n: int, count: int) -> dict[str, list[str]]:
    """Varied URLs per case, so no single cached URL flatters the figures."""
    rng = random.Random(1)
    ids = [stable_id("icl", stable_id("inc", rng.randrange(n // 100), rng.randrange(100)))
           for _ in range(count)]
    words = ["pit", "Avdiivka", "refusing", "relatives", "Bakhmut order", "Horlivka",
             "Belgorod soldiers", "Kursk", "Rostov pit", "order relatives", '"held in a pit"',
             "Report 42"]
    types = ["hazing", "extortion", "physical_assault", "deprivation", "psychological_abuse"]
    years = ["2022", "2023", "2024", "2025"]
    pages = max(1, min(2000, n // 50))
    return {
        "incident list (/incidents?page=N)": [f"/incidents?page={1 + rng.randrange(pages)}"
                                              for _ in range(count)],
        "incident list, JSON (/api/incidents?page=N)": [
            f"/api/incidents?page={1 + rng.randrange(pages)}" for _ in range(count)],
        "filtered list (/api/incidents?type=..&date_from=..)": [
            f"/api/incidents?type={rng.choice(types)}&date_from={rng.choice(years)}-01-01"
            f"&page={1 + rng.randrange(5)}" for _ in range(count)],
        "incident page (/incidents/{id})": [f"/incidents/{i}" for i in ids],
        "incident, JSON (/api/incidents/{id})": [f"/api/incidents/{i}" for i in reversed(ids)],
        "search (/search?q=)": [f"/search?q={quote(rng.choice(words))}" for _ in range(count)],
        "search, JSON (/api/search?q=)": [f"/api/search?q={quote(rng.choice(words))}"
                                          for _ in range(count)],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=400,
                    help="distinct URLs per case (wrk picks one at random per request)")
    ap.add_argument("--clients", type=int, default=20, help="wrk connections (-c)")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (-t)")
    ap.add_argument("--duration", type=int, default=15, help="seconds per case (-d)")
    ap.add_argument("--workers", type=int, help="server worker processes (default: serve's)")
    ap.add_argument("--only", help="run only the cases whose name contains this")
    ap.add_argument("--no-single", action="store_true", help="skip the in-process medians")
    ap.add_argument("--db", help="reuse this generated store (made when missing)")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed for the concurrent part (apt-get install wrk)")
    workdir = Path(tempfile.mkdtemp(prefix="wp_bench_", dir="/tmp"))
    db = args.db or str(workdir / "bench.db")
    if not Path(db).exists():
        t0 = time.perf_counter()
        generate(db, args.incidents)
        print(f"generated {args.incidents} incidents in {time.perf_counter() - t0:.1f} s")
    if not args.no_single:
        single(db, args.incidents)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # what `rankfile serve --db DB --port PORT` runs, with the worker count open to change
    cmd = [sys.executable, "-c", "import sys; from rankfile.config import Settings; "
           "from rankfile.web.serve import run_server; run_server(Settings(db=sys.argv[1]), "
           "port=int(sys.argv[2]), workers=int(sys.argv[3]) or None)",
           db, str(port), str(args.workers or 0)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/api/incidents?per_page=1").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        print(f"wrk -t{args.threads} -c{args.clients} -d{args.duration}s --latency, "
              f"{args.requests} distinct URLs per case")
        for name, paths in cases(args.incidents, args.requests).items():
            if args.only and args.only not in name:
                continue
            for p in paths[:5]:  # every distinct route answers 200 before it is timed
                r = httpx.get(base + p, timeout=60)
                assert r.status_code == 200, (p, r.status_code)
            # warm up: every worker's pooled connections, page caches and cached totals
            run_wrk(base, paths, args.clients, args.threads, 4, workdir)
            cpu0 = server_cpu(proc)
            with ThreadPoolExecutor(1) as pool:
                running = pool.submit(run_wrk, base, paths, args.clients, args.threads,
                                      args.duration, workdir)
                time.sleep(args.duration / 2)
                split = connections_per_worker(proc, port)
                w = running.result()
            cpu = (server_cpu(proc) - cpu0) * 1000 / max(1.0, w["requests"])
            bad = f" errors={w['errors']:.0f} non-2xx={w['status']:.0f}" \
                if w["errors"] or w["status"] else ""
            print(f"{name}: n={w['requests']:.0f} p50={w['p50']:.0f} ms p95={w['p95']:.0f} ms "
                  f"p99={w['p99']:.0f} ms throughput={w['rps']:.0f} req/s "
                  f"server CPU={cpu:.1f} ms/req connections per worker={split}{bad}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
