"""Link N generated documents with planted story families; print time, peak memory, quality.

    .venv/bin/python benchmarks/link.py 10000 30000 100000 [--model]

Each family is an original report plus 0-5 rewrites (reordered clauses, dropped and
swapped words, drifted figures) about one invented incident (random names, places,
figures); families never share their names. Quality is pairwise F1 of stories and of
cross-document incident links against the planted families. Each size runs in a fresh
process so peak memory is that size's own.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

SYL = ["ka", "ro", "vi", "len", "mar", "to", "su", "bek", "dan", "ol", "gri", "zo", "pe", "tash",
       "mi", "nur", "ve", "sa", "lov", "kin", "ra", "dim", "yu", "sha", "ev", "po", "lek", "tin"]
ACTS = [("restraint_exposure", "tied to a {obj} and left outside for {n} hours"),
        ("physical_assault", "beaten with a {obj} by {perp}"),
        ("unlawful_confinement", "locked in a pit for {n} days"),
        ("extortion", "told to pay {n} thousand roubles to avoid the front")]
OBJS = ["tree", "post", "fence", "rifle butt", "shovel", "pipe"]
PERPS = ["his company commander", "military police", "two sergeants"]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize()


def family(rng: random.Random, fid: int) -> list[tuple[str, str, date]]:
    victim = f"{name(rng)} {name(rng)}ov"
    place, unit = name(rng) + "sk", f"{rng.randint(100, 999)}th regiment"
    types, act = rng.choice(ACTS)
    n, total = rng.randint(2, 60), rng.randint(100, 5000)
    act = act.format(obj=rng.choice(OBJS), perp=rng.choice(PERPS), n=n)
    when = date(2022, 1, 1) + timedelta(days=rng.randint(0, 1200))
    lead = (f"{victim}, a soldier of the {unit}, was {act} near {place} in "
            f"{when:%B %Y}, his relatives said.")
    body = (f" The family said {total} men had served in the unit since spring and that "
            f"{rng.randint(3, 90)} had left it. Officials at {place} did not reply. "
            f"Relatives of {victim} filed a complaint with the prosecutor in {name(rng)}grad.")
    docs = [(lead + body, types, when)]
    for _ in range(rng.choice([0, 0, 1, 2, 3, 4, 5])):
        words = (lead + body).split()
        for _ in range(len(words) // 8):  # drop and swap some words
            i = rng.randrange(len(words) - 1)
            if rng.random() < 0.5:
                words[i], words[i + 1] = words[i + 1], words[i]
            else:
                del words[i]
        docs.append((" ".join(words), types, when))
    return [(text, types, when) for text, types, when in docs]


def build(n_docs: int, seed: int = 1):
    from rankfile.link.corpus import CorpusDocument, IncidentMention
    from rankfile.records import Evidence, Incident

    rng = random.Random(seed)
    docs, truth = [], {}
    fid = 0
    while len(docs) < n_docs:
        for k, (text, types, when) in enumerate(family(rng, fid)):
            did = f"doc-{len(docs):07d}"
            d = CorpusDocument(id=did, name=did, text=text, language="en",
                               published=when + timedelta(days=10 + k), publisher=f"outlet{k}")
            end = text.find(".") + 1 or len(text)
            d.incidents = [IncidentMention(f"inc-{did}", did, Incident(
                id="I1", kind="incident", types=[types], evidence=[Evidence.of(text, 0, end)]))]
            docs.append(d)
            truth[did] = fid
        fid += 1
    return docs[:n_docs], truth


def pair_prf(groups: list[list[str]], truth: dict[str, int]) -> tuple[float, float, float]:
    tp = fp = 0
    for g in groups:
        for i, a in enumerate(g):
            for b in g[i + 1:]:
                tp, fp = (tp + 1, fp) if truth[a] == truth[b] else (tp, fp + 1)
    sizes: dict[int, int] = {}
    for f in truth.values():
        sizes[f] = sizes.get(f, 0) + 1
    total = sum(s * (s - 1) // 2 for s in sizes.values())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / total if total else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_one(n: int, use_model: bool) -> None:
    from rankfile.link.pipeline import link_corpus

    docs, truth = build(n)
    t0 = time.perf_counter()
    result = link_corpus(docs, use_model=use_model)
    secs = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sp, sr, sf = pair_prf([s.members for s in result.stories], truth)
    doc_of = {f"inc-{d.id}": d.id for d in docs}
    lp, lr, lf = pair_prf([[doc_of[m] for m in c.mentions if m in doc_of]
                           for c in result.clusters], truth)
    print(f"docs={n} seconds={secs:.1f} peak_rss_mb={peak_mb:.0f} story_p={sp:.3f} "
          f"story_r={sr:.3f} story_f1={sf:.3f} link_p={lp:.3f} link_r={lr:.3f} link_f1={lf:.3f} "
          f"method={result.methods[0]}", flush=True)


def main(argv: list[str]) -> None:
    use_model = "--model" in argv
    sizes = [int(a) for a in argv if a.isdigit()] or [10000, 30000, 100000]
    if len(sizes) == 1:
        run_one(sizes[0], use_model)
        return
    for n in sizes:
        subprocess.run([sys.executable, __file__, str(n), *(["--model"] if use_model else [])],
                       check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
