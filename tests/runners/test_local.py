"""The local runner gives exactly what in-process extraction gives, in input order."""

from __future__ import annotations

from datetime import date

from rankfile.extract.pipeline import extract
from rankfile.runners.local import extract_many

REPORTS = [
    ("On 3 May 2024 a conscript was beaten by his commander near Bakhmut, his mother said.", date(2024, 6, 1)),
    ("According to Mediazona, more than 20,000 desertion cases reached courts in 2024.", None),
    ("The ombudsman received 40 complaints about unpaid wages from soldiers in Tuva last year.", date(2025, 2, 1)),
]


def test_worker_processes_return_the_same_extractions_in_order() -> None:
    jobs = [(text, published, "en") for text, published in REPORTS] * 3
    expected = [extract(text, published=published, language=language) for text, published, language in jobs]
    got = list(extract_many(jobs, workers=2, chunksize=2))
    assert got == expected
    assert got[0].incidents and got[1].claims  # the reports do yield records


def test_one_worker_runs_in_this_process() -> None:
    text, published = REPORTS[0]
    assert list(extract_many([(text, published, "en")], workers=1)) == [extract(text, published=published, language="en")]
