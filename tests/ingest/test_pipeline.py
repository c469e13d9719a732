"""Ingest pipeline: folders, idempotency, failures, retry, interruption, both databases."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rankfile.ingest.pipeline import IngestOptions, collect_files, ingest_paths, retry_failed
from rankfile.ingest.readers import read_file
from rankfile.records import Evidence, Extraction, Incident, SourceDocument
from rankfile.store import document_id, get_document, open_store
from rankfile.store.tables import documents, failures, incidents

GOOD = ("Report {i}: soldiers of the {i}th company said their commander beat a private "
        "who asked for leave; the complaint number {i} was sent to the ombudsman.")


class FakeExtractor:
    """One incident per document, on the word 'beat' (enough to check what is stored)."""

    def __init__(self, version: str = "fake-1") -> None:
        self.fingerprint = version
        self.calls = 0

    def __call__(self, doc: SourceDocument) -> Extraction:
        self.calls += 1
        incs = []
        if (at := doc.text.find("beat")) >= 0:
            incs.append(Incident(id="i1", kind="incident", types=["physical_assault"],
                                 evidence=[Evidence.of(doc.text, at, at + 4)], rules=["fake"]))
        return Extraction(incidents=incs, extractor_version=self.fingerprint,
                          components=[f"fake@{self.fingerprint}"])


def write_corpus(folder: Path, n: int, bad: int = 0) -> list[Path]:
    """``n`` good text files in nested folders plus ``bad`` broken ones of each kind."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = folder / f"batch{i % 7}"
        sub.mkdir(exist_ok=True)
        (sub / f"report{i:04d}.txt").write_text(GOOD.format(i=i), encoding="utf-8")
    broken = []
    for j in range(bad):
        empty = folder / f"empty{j}.txt"
        empty.write_bytes(b"")
        junk = folder / f"junk{j}.txt"
        junk.write_bytes(bytes(range(256)) * 8)
        broken += [empty, junk]
    return broken


def _count(store, table=documents) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_collect_files_walks_recursively_and_skips_hidden_and_store_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / "y.txt").write_text("y")
    (tmp_path / "a" / "db.sqlite").write_text("")
    found = list(collect_files([tmp_path / "a", tmp_path / "missing.txt"],
                               skip=[tmp_path / "a" / "db.sqlite"]))
    assert found == [(tmp_path / "a" / "b" / "x.txt", True), (tmp_path / "a" / "y.txt", True),
                     (tmp_path / "missing.txt", False)]


def test_folder_of_1000_files_with_some_bad_ones(tmp_path):
    broken = write_corpus(tmp_path / "in", 994, bad=3)
    (tmp_path / "in" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    store = open_store(str(tmp_path / "r.db"))
    seen = []
    report = ingest_paths(store, [tmp_path / "in"], IngestOptions(extract=False, workers=2),
                          progress=seen.append)
    assert report.files == len(seen) == 1001
    assert (report.ingested, report.present, report.skipped) == (994, 0, 1)
    assert sorted(f.path for f in report.failures) == sorted(str(p) for p in broken)
    assert {f.reason for f in report.failures} >= {"empty file"}
    assert not report.ok
    assert _count(store) == 994 and _count(store, failures) == 6

    again = ingest_paths(store, [tmp_path / "in"], IngestOptions(extract=False, workers=2))
    assert (again.ingested, again.present, len(again.failures)) == (0, 994, 6)
    assert _count(store) == 994
    with store.read() as conn:
        attempts = conn.execute(select(failures.c.attempts)).scalars().all()
    assert set(attempts) == {2}
    store.close()


def test_same_text_in_html_and_txt_is_recognised(tmp_path):
    text = "A commander held four mobilised men in a cellar for a week, relatives said."
    (tmp_path / "in").mkdir()
    page = tmp_path / "in" / "a.html"
    page.write_text(
        "<html><head><title>Cellar</title><script>track()</script></head><body>"
        f"<nav>Home | World</nav><article><p>{text}</p><p>{text}</p></article></body></html>")
    (html_doc,) = read_file(page)
    # the same words saved as a text file (say, a print of the page), spaced differently
    (tmp_path / "in" / "b.txt").write_text(html_doc.text.replace(" ", "  ") + "\n")
    store = open_store(str(tmp_path / "r.db"))
    report = ingest_paths(store, [tmp_path / "in"], extractor=FakeExtractor())
    assert (report.ingested, report.same_text, report.failures) == (1, 1, [])
    with store.read() as conn:
        rows = conn.execute(select(documents.c.source_format, documents.c.duplicate_of)
                            .order_by(documents.c.seq)).all()
    assert rows[0] == ("html", None) and rows[1][0] == "txt" and rows[1][1] is not None
    again = ingest_paths(store, [tmp_path / "in"], extractor=FakeExtractor())
    assert again.present == 2 and _count(store) == 2
    store.close()


def test_retry_failed_reattempts_only_failures(tmp_path):
    write_corpus(tmp_path / "in", 5)
    bad = tmp_path / "in" / "later.txt"
    bad.write_bytes(b"")
    store = open_store(str(tmp_path / "r.db"))
    fake = FakeExtractor()
    first = ingest_paths(store, [tmp_path / "in"], extractor=fake)
    assert first.ingested == 5 and [f.path for f in first.failures] == [str(bad)]
    bad.write_text("Now the file has text: a sergeant beat a conscript in the barracks.")
    calls = fake.calls
    retry = retry_failed(store, extractor=fake)
    assert (retry.files, retry.ingested, retry.failures) == (1, 1, [])
    assert fake.calls == calls + 1  # only the failed file was read again
    assert _count(store, failures) == 0 and _count(store) == 6
    assert retry_failed(store, extractor=fake).files == 0
    store.close()


def test_newer_extractor_reextracts_and_same_version_skips_unread(tmp_path):
    write_corpus(tmp_path / "in", 4)
    store = open_store(str(tmp_path / "r.db"))
    v1 = FakeExtractor("fake-1")
    assert ingest_paths(store, [tmp_path / "in"], extractor=v1).ingested == 4
    again = ingest_paths(store, [tmp_path / "in"], extractor=v1)
    assert again.present == 4 and v1.calls == 4  # known files are not read again
    v2 = FakeExtractor("fake-2")
    newer = ingest_paths(store, [tmp_path / "in"], extractor=v2)
    assert newer.reextracted == 4 and _count(store) == 4 and _count(store, incidents) == 4
    with store.read() as conn:
        assert set(conn.execute(select(documents.c.extractor_version)).scalars()) == {"fake-2"}
    store.close()


def test_a_crash_mid_batch_leaves_no_half_written_document(tmp_path, monkeypatch):
    write_corpus(tmp_path / "in", 30)
    store = open_store(str(tmp_path / "r.db"))
    import rankfile.store.documents as docs_mod

    real = docs_mod.save_extraction
    calls = {"n": 0}

    def crash_on_17th(conn, document_id, extraction, **kw):
        calls["n"] += 1
        if calls["n"] == 17:  # the document row is written, its incidents are not yet
            raise KeyboardInterrupt
        real(conn, document_id, extraction, **kw)

    monkeypatch.setattr(docs_mod, "save_extraction", crash_on_17th)
    options = IngestOptions(batch_documents=5, batch_seconds=60)
    report = ingest_paths(store, [tmp_path / "in"], options, extractor=FakeExtractor())
    assert report.interrupted and not report.ok
    stored = _count(store)
    assert stored == 15  # three whole batches; the fourth was rolled back
    assert _count(store, incidents) == stored  # every stored document has its incident

    monkeypatch.setattr(docs_mod, "save_extraction", real)
    rerun = ingest_paths(store, [tmp_path / "in"], options, extractor=FakeExtractor())
    assert rerun.ok and (rerun.ingested, rerun.present) == (15, 15)
    assert _count(store) == _count(store, incidents) == 30
    store.close()


def test_an_error_storing_one_document_fails_only_that_document(tmp_path, monkeypatch):
    write_corpus(tmp_path / "in", 6)
    bad_file = tmp_path / "in" / "batch2" / "report0002.txt"
    bad_id = document_id(hashlib.sha256(bad_file.read_bytes()).hexdigest())
    store = open_store(str(tmp_path / "r.db"))
    import rankfile.store.documents as docs_mod

    real = docs_mod.save_extraction

    def fail_one(conn, doc_id, extraction, **kw):
        if doc_id == bad_id:  # its document row is already written when this fails
            raise RuntimeError("disk trouble")
        real(conn, doc_id, extraction, **kw)

    monkeypatch.setattr(docs_mod, "save_extraction", fail_one)
    report = ingest_paths(store, [tmp_path / "in"], extractor=FakeExtractor())
    assert report.ingested == 5 and len(report.failures) == 1
    assert report.failures[0].path == str(bad_file)
    assert "could not store: disk trouble" in report.failures[0].reason
    assert _count(store) == _count(store, incidents) == 5
    with store.read() as conn:
        assert get_document(conn, bad_id) is None
    store.close()


def test_killing_the_process_then_rerunning_finishes_the_job(tmp_path):
    write_corpus(tmp_path / "in", 150)
    db = tmp_path / "r.db"
    cmd = [sys.executable, "-m", "rankfile.cli", "ingest", str(tmp_path / "in"), "--db", str(db),
           "--no-extract"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    store = open_store(str(db))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if _count(store) > 0:
                break
        except Exception:  # noqa: BLE001 - the schema may not exist yet
            pass
        time.sleep(0.05)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    partial = _count(store)
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert _count(store) == 150 and partial <= 150
    with store.read() as conn:  # every document is whole: text and original both there
        for row in conn.execute(select(documents.c.id, documents.c.text, documents.c.archive_key)):
            assert row.text.startswith("Report ")
            assert store.archive.get(row.archive_key).decode() == row.text
    store.close()


def test_ingest_into_each_database(store, tmp_path):
    write_corpus(tmp_path / "in", 12, bad=1)
    report = ingest_paths(store, [tmp_path / "in"], IngestOptions(batch_documents=4),
                          extractor=FakeExtractor())
    assert (report.ingested, len(report.failures)) == (12, 2)
    assert _count(store) == _count(store, incidents) == 12
    again = ingest_paths(store, [tmp_path / "in"], extractor=FakeExtractor())
    assert again.present == 12 and _count(store) == 12


def test_real_extractor_runs_in_the_pool(tmp_path):
    ext = pytest.importorskip("rankfile.extract.pipeline", exc_type=ImportError)
    try:
        ext.extract_document(SourceDocument(text=GOOD.format(i=1), original=b"x",
                                            source_format="txt", name="x"))
    except Exception as exc:  # noqa: BLE001 - the extractor is still being built
        pytest.skip(f"the extractor does not run yet: {exc!r}")
    write_corpus(tmp_path / "in", 4)
    store = open_store(str(tmp_path / "r.db"))
    report = ingest_paths(store, [tmp_path / "in"], IngestOptions(workers=2, inline_below=2))
    assert report.ok and report.ingested == 4
    with store.read() as conn:
        assert None not in set(conn.execute(select(documents.c.extractor_version)).scalars())
    store.close()
