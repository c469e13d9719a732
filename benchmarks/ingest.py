"""Ingest throughput: generated text files and news-like HTML pages into fresh SQLite stores.

    python benchmarks/ingest.py                 # 10,000 of each, with extraction
    python benchmarks/ingest.py --n 500 --no-extract

Prints documents/s, MB/s and peak memory (RSS of this process plus its workers,
sampled every 50 ms; shared pages count once per process, so it overstates), and the
CPU seconds of the writer and the workers, from which it derives the rate two idle
cores would allow (useful when the machine is shared). The pages are synthetic (menus, inline scripts, ads, a
sidebar and comments around a 500-1,500 word article, 50-150 KB each) and every
document differs, so nothing is skipped as a duplicate.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import tempfile
import threading
import time
from pathlib import Path

import psutil

from rankfile.ingest.pipeline import IngestOptions, ingest_paths
from rankfile.store import open_store

WORDS = ["the", "a", "of", "to", "in", "and", "soldiers", "commander", "unit", "brigade", "battalion", "company", "regiment", "front", "wounded", "deserted", "mobilised", "said", "according", "report", "village", "region", "officer", "men", "were", "was", "his", "their", "after", "before", "during", "week", "month", "year", "order", "refused", "payment", "leave", "assault", "position", "trench", "cellar", "pit", "complaint", "ombudsman", "prosecutor", "court", "military", "police", "video", "relatives", "mother", "wife", "statement", "channel", "outlet", "independent", "verify", "could", "not", "camp", "training", "ground", "sergeant", "private", "conscript", "contract", "volunteers", "storm", "detachment"]
PLACES = ["Avdiivka", "Bakhmut", "Pokrovsk", "Kupiansk", "Zaporizhzhia", "Donetsk", "Belgorod",
          "Kursk", "Rostov", "Luhansk", "Vuhledar", "Toretsk"]


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(10, 24))
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), f"near {rng.choice(PLACES)}")
    if rng.random() < 0.2:
        words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 900)} soldiers")
    return " ".join(words).capitalize() + "."


def article(rng: random.Random, words: int) -> list[str]:
    paras, n = [], 0
    while n < words:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        n += para.count(" ") + 1
        paras.append(para)
    return paras


def text_doc(rng: random.Random, i: int) -> str:
    head = f"Report {i}: {sentence(rng)}"
    return head + "\n\n" + "\n\n".join(article(rng, rng.randint(200, 700))) + "\n"


def _script(rng: random.Random, kb: int) -> str:
    body = "".join(f"var v{j}=function(a,b){{return a*{j}+b||window.ads.push({j});}};\n"
                   for j in range(kb * 1024 // 60))
    return f"<script>{body}</script>"


def html_doc(rng: random.Random, i: int) -> str:
    """A news page: most bytes are boilerplate, as on real sites."""
    nav = "".join(f'<li><a href="/section/{j}" onclick="track({j})">Section {j}</a></li>'
                  for j in range(rng.randint(40, 120)))
    ads = "".join(f'<div class="ad" data-slot="{j}"><iframe src="https://ads.example/{j}">'
                  f'</iframe><img src="/ad{j}.gif" onerror="fallback({j})"></div>'
                  for j in range(rng.randint(5, 20)))
    sidebar = "".join(f'<li><a href="/news/{rng.randint(1, 10**6)}">{sentence(rng)}</a></li>'
                      for _ in range(rng.randint(15, 40)))
    comments = "".join(f'<div class="comment"><b>user{j}</b><p>{sentence(rng)}</p></div>'
                       for j in range(rng.randint(0, 30)))
    body = "".join(f"<p>{p}</p>" for p in article(rng, rng.randint(500, 1500)))
    title = sentence(rng)[:90]
    scripts = "".join(_script(rng, rng.randint(4, 20)) for _ in range(rng.randint(2, 5)))
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="author" content="Staff Writer {i % 50}">'
        f'<meta property="og:site_name" content="Example News">'
        f'<meta property="article:published_time" content="{day}T10:00:00Z">'
        f'<link rel="canonical" href="https://news.example/{day}/story-{i}">{scripts}'
        f'<style>{"".join(f".c{j}{{margin:{j}px}}" for j in range(300))}</style></head>'
        f'<body><header><nav><ul>{nav}</ul></nav></header>{ads}'
        f'<main><article><h1>{title}</h1><p class="byline">By Staff Writer {i % 50}</p>'
        f"{body}</article></main><aside><ul>{sidebar}</ul></aside>"
        f'<section id="comments">{comments}</section>{ads}'
        f'<footer>{nav}<p>© Example News</p></footer>{_script(rng, 6)}</body></html>'
    )
    while len(page) < 50 * 1024:  # pad with more scripts to the realistic size range
        page = page.replace("</body>", _script(rng, 8) + "</body>")
    return page[: 150 * 1024 - 20] + "</body></html>" if len(page) > 150 * 1024 else page


def generate(folder: Path, n: int, kind: str, seed: int = 7) -> int:
    """Write ``n`` documents of ``kind`` (text or html); returns total bytes."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        data = (text_doc(rng, i) if kind == "text" else html_doc(rng, i)).encode("utf-8")
        (sub / f"doc{i:05d}.{'txt' if kind == 'text' else 'html'}").write_bytes(data)
        total += len(data)
    return total


class PeakRSS:
    """Samples RSS and CPU time of this process and all its children until stopped.

    CPU seconds are kept per process (the last value seen), so workers that exit
    before the end still count.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._start_cpu = self._own_cpu()

    @staticmethod
    def _own_cpu() -> float:
        t = psutil.Process().cpu_times()
        return t.user + t.system

    def _run(self, interval: float) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
            with contextlib.suppress(psutil.Error):
                total += me.memory_info().rss
            self.peak = max(self.peak, total)
            time.sleep(interval)

    @property
    def main_cpu(self) -> float:
        return self._own_cpu() - self._start_cpu

    @property
    def workers_cpu(self) -> float:
        return sum(self.cpu.values())

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(kind: str, n: int, extract: bool, workers: int, root: Path) -> dict[str, float]:
    folder = root / kind
    size = generate(folder, n, kind)
    store = open_store(str(root / f"{kind}.db"))
    options = IngestOptions(extract=extract, workers=workers)
    with PeakRSS() as mem:
        start = time.perf_counter()
        report = ingest_paths(store, [folder], options)
        elapsed = time.perf_counter() - start
    store.close()
    assert report.ingested == n, report
    # what 2 idle cores would allow: the busier of the writer (main) and the workers' share
    bound = max(mem.main_cpu, (mem.main_cpu + mem.workers_cpu) / 2)
    return {"docs": n, "MB": size / 1e6, "seconds": elapsed, "docs_per_s": n / elapsed,
            "MB_per_s": size / 1e6 / elapsed, "peak_rss_MB": mem.peak / 1e6,
            "failures": len(report.failures), "main_cpu": mem.main_cpu,
            "workers_cpu": mem.workers_cpu, "cpu_bound_docs_per_s": n / bound,
            "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="documents of each kind")
    parser.add_argument("--kinds", default="text,html", help="text, html or both")
    parser.add_argument("--no-extract", action="store_true", help="store without extraction")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=None, help="work here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for kind in args.kinds.split(","):
            r = run(kind, args.n, not args.no_extract, args.workers, Path(tmp))
            print(f"{kind:5} extract={'no' if args.no_extract else 'yes'} docs={r['docs']} "
                  f"size={r['MB']:.1f} MB time={r['seconds']:.1f} s "
                  f"docs/s={r['docs_per_s']:.1f} MB/s={r['MB_per_s']:.2f} "
                  f"peak_rss={r['peak_rss_MB']:.0f} MB failures={r['failures']} | "
                  f"cpu main={r['main_cpu']:.1f} s workers={r['workers_cpu']:.1f} s "
                  f"-> {r['cpu_bound_docs_per_s']:.0f} docs/s on 2 idle cores "
                  f"(load avg {r['load']:.1f})", flush=True)


if __name__ == "__main__":
    main()
