"""Run per-document extraction over many documents in local processes (the default runner).

The work unit is a pure function of (text, published, language), so swapping this runner
for the Ray one changes where it runs, not what it computes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date

import msgspec

from rankfile.process import freeze_long_lived
from rankfile.records import Extraction

Job = tuple[str, date | None, str | None]


@contextlib.contextmanager
def _without_torch() -> Iterator[None]:
    """Import spaCy without torch, when nothing has loaded torch yet.

    spaCy's thinc imports torch at start-up only to offer PyTorch interop, which blank
    pipelines never use; that import is ~3 s of CPU per worker, more than a hundred reports'
    extraction. Torch stays importable afterwards (thinc just runs without its interop).
    """
    if "torch" in sys.modules or "spacy" in sys.modules or os.environ.get("RANKFILE_SPACY_MODEL"):
        yield  # already paid for, or a configured model may need it
        return
    sys.modules["torch"] = None  # type: ignore[assignment] - makes `import torch` fail fast
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def _warm() -> None:
    """Load lexicons and gazetteer once per process tree, not once per document."""
    with _without_torch():
        import spacy  # noqa: F401 - imported here, under the guard
    from rankfile.extract.pipeline import extract

    extract("A soldier was beaten by his commander near Bakhmut in May 2023.", language="en")
    freeze_long_lived()


def _run(job: Job) -> Extraction:
    from rankfile.extract.pipeline import extract

    text, published, language = job
    return extract(text, published=published, language=language)


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Extraction)


def _run_packed(job: Job) -> bytes:
    """The extraction as MessagePack: about half the cost of pickling the dataclasses."""
    return _ENCODER.encode(_run(job))


def extract_many(jobs: Iterable[Job], workers: int | None = None, chunksize: int = 8) -> Iterator[Extraction]:
    """Extractions in input order; ``workers=1`` runs in this process."""
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for job in jobs:
            yield _run(job)
        return
    # Warm up here and fork: the workers share the loaded lexicons and gazetteer pages
    # instead of each building its own copy (measured: ~10 % less CPU per report, and the
    # start-up is paid once, not once per worker)
    _warm()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for packed in pool.map(_run_packed, jobs, chunksize=chunksize):
            yield _DECODER.decode(packed)
