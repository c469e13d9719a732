"""Extraction throughput: documents/s, words/s and peak memory over generated reports.

    .venv/bin/python benchmarks/extract.py [--n 2000] [--workers 2] [--components 200]

Reports are generated from sentence templates (about 700 words each, with incidents,
figures, dates, places and attributions) so the benchmark needs no corpus. Besides wall-clock
figures it prints the CPU time of all processes (a shared, loaded machine slows the wall
clock, not the CPU time) and, with ``--components N``, CPU ms per document of each pipeline
component measured in this process over N reports.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import time
from pathlib import Path

import psutil

from rankfile.runners.local import _warm, extract_many

SOLDIERS = ["Private Ivan Sokolov", "Sergei Petrov", "a mobilised man from Buryatia", "two conscripts",
            "three contract soldiers", "a wounded paratrooper", "Corporal Dmitry Orlov"]
PLACES = ["near Bakhmut", "in the Kursk region", "near Avdiivka", "in occupied Zaitseve",
          "on the Pokrovsk direction", "in Tuva", "near Kupiansk", "in eastern Ukraine"]
DATES = ["in late August 2024", "on 14 March 2023", "last October", "in the spring of 2023",
         "in January 2025", "mid-2024", "two weeks later", "on Saturday"]
ABUSE = [
    "{who} was tied to a tree {where} {when} after refusing to join an assault.",
    "{who} said his commander beat him with a shovel {where} {when}.",
    "A video published {when} shows {who} locked in a pit covered with a metal grate {where}.",
    "Officers demanded 200,000 roubles from {who} to avoid being sent on a suicide mission.",
    "{who} was sent back to the front {where} with unhealed wounds {when}.",
    "According to relatives, {who} was shot by his own comrades {where} {when}.",
    "Military police kept {who} in a cellar without food or water for five days {when}.",
]
FILLER = [
    "The ministry of defence did not respond to a request for comment.",
    "Relatives have written to the ombudsman and to the military prosecutor's office.",
    "According to Mediazona, more than 20,000 cases of unauthorised abandonment of a unit reached courts in 2024.",
    "A CSIS report estimated about 1.2 million casualties, including roughly 250,000 deaths.",
    "The Kyiv Independent could not independently verify the footage.",
    "Such practices have been described by dozens of soldiers interviewed by the Insider.",
    "The unit had been fighting for months without rotation, the soldiers said.",
    "Lawyers say the courts rarely examine what happens inside units.",
]


CONTEXT = [  # background with no incident and no figure, as real reports have between them
    "The brigade was formed from volunteers and from men recruited in penal colonies.",
    "Soldiers in the unit keep in touch with their families through a messaging app.",
    "The village lies on a road that both armies have used to bring up supplies.",
    "His mother keeps a folder of the letters she has sent to officials.",
    "The regiment's press office mostly publishes photographs of award ceremonies.",
    "Several of the men had signed contracts after being promised a short deployment.",
    "The families asked that their surnames not be published.",
    "The front line in the area has barely moved since the spring.",
    "The reporters spoke to the men by phone over several weeks.",
    "None of the commanders named by the soldiers could be reached.",
]
# Share of sentences that report abuse / carry a figure or a credit; the rest is context.
# "dense" is the original stress mix (about 60 records per 1,000 words); "news" matches the
# density of the dev set's reports (tests/gold/dev: about 27 records per 1,000 words).
MIXES = {"dense": (0.4, 0.6), "news": (0.2, 0.2)}


def report(rng: random.Random, words: int = 700, mix: str = "dense") -> str:
    abuse, filler = MIXES[mix]
    out: list[str] = []
    count = 0
    while count < words:
        roll = rng.random()
        if roll < abuse:
            s = rng.choice(ABUSE).format(who=rng.choice(SOLDIERS), where=rng.choice(PLACES),
                                         when=rng.choice(DATES))
            s = s[0].upper() + s[1:]
        elif roll < abuse + filler:
            s = rng.choice(FILLER)
        else:
            s = rng.choice(CONTEXT)
        out.append(s)
        count += len(s.split())
        if rng.random() < 0.2:
            out.append("\n\n")
    return " ".join(out).replace(" \n\n ", "\n\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--components", type=int, default=0, help="also time each component over N reports")
    ap.add_argument("--mix", choices=sorted(MIXES), default="news",
                    help="generated reports: 'news' (records per word as in the dev set) or 'dense'")
    ap.add_argument("--corpus", type=Path, help="cycle through the .txt reports of this folder instead of "
                    "generating (e.g. tests/gold/dev: real-sized reports, ~5 incidents each)")
    args = ap.parse_args()
    rng = random.Random(7)
    if args.corpus:
        own = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))]
        texts = [own[i % len(own)] for i in range(args.n)]
    else:
        texts = [report(rng, mix=args.mix) for _ in range(args.n)]
    words = sum(len(t.split()) for t in texts)
    proc = psutil.Process()
    peak = 0
    started = time.perf_counter()
    cpu_started = time.process_time()  # the parent's own CPU from here on (not text generation)
    if args.workers > 1:
        _warm()  # extract_many does this itself; timed here to report the start-up apart
    startup = time.perf_counter() - started
    found = 0
    for i, extraction in enumerate(extract_many(((t, None, "en") for t in texts), workers=args.workers)):
        found += len(extraction.incidents) + len(extraction.claims)
        if i % 100 == 0:
            rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
            peak = max(peak, rss)
    elapsed = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu_started + children.ru_utime + children.ru_stime
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}")
    print(f"documents: {args.n}  words: {words}  workers: {args.workers}")
    print(f"elapsed: {elapsed:.1f} s (includes worker start-up and lexicon loading)")
    print(f"documents/s: {args.n / elapsed:.1f}")
    print(f"start-up (imports, lexicons, gazetteer; shared by the forked workers): {startup:.1f} s;"
          f" documents/s after it: {args.n / (elapsed - startup):.1f}")
    print(f"words/s: {words / elapsed:.0f}")
    print(f"peak memory (all processes): {peak / 2**20:.0f} MB")
    print(f"records found: {found} ({1000 * found / words:.1f} incidents and figures per 1,000 words)")
    print(f"CPU, all processes: {cpu:.1f} s = {1000 * cpu / args.n:.1f} ms per document")
    print(f"documents/s with {args.workers} free cores (CPU-bound estimate): {args.n * args.workers / cpu:.1f}")
    if args.components:
        for name, ms in component_ms(texts[:args.components]).items():
            print(f"  {name:14s} {ms:6.2f} ms/document (CPU)")


def component_ms(texts: list[str]) -> dict[str, float]:
    """CPU ms per document of each pipeline component, in this process (after a warm-up)."""
    from rankfile.extract import pipeline

    pipeline.extract(texts[0], language="en")
    spent = {c.name: 0.0 for c in pipeline.COMPONENTS}
    for text in texts:
        ctx = pipeline.Context(text=text, published=None, language="en")
        for component in pipeline.COMPONENTS:
            t = time.process_time()
            component.run(ctx)
            spent[component.name] += time.process_time() - t
    spent["total"] = sum(spent.values())
    return {name: 1000 * s / len(texts) for name, s in spent.items()}


if __name__ == "__main__":
    main()
