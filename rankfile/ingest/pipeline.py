"""Ingest: walk files and folders, read and extract in worker processes, store.

Reading and extraction (the costly, CPU-bound part) run in a forked process pool, which
also writes originals into a file archive; one writer in the main process stores the
results in batches (every N documents or T seconds, one transaction each). A document
and all its records land together or not at all: if one document fails to store, the
batch is rolled back and replayed with a savepoint per document, so only that one
fails; a crash or Ctrl-C loses at most the open batch, which a re-run redoes. Files
whose documents all landed are remembered by sha256 (with the extractor version), so a
re-run skips them unread. Every failure is recorded per file (or per item inside a
container) and reported; ``retry_failed`` re-attempts only them.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from rankfile.ingest.readers import ReadOptions, read_bytes, read_file
from rankfile.process import freeze_long_lived
from rankfile.records import Extraction, ReadFailure, SourceDocument
from rankfile.store.archive import FileArchive
from rankfile.store.documents import add_document
from rankfile.store.engine import Store
from rankfile.store.failures import failed_paths, record_failure
from rankfile.store.tables import failures as failures_table
from rankfile.store.tables import ingested_files

NO_READER = "no reader for this file type"
Extractor = Callable[[SourceDocument], Extraction]


@dataclass
class IngestOptions:
    """How to ingest: reader limits and overrides, extraction, parallelism, batching."""

    read: ReadOptions = field(default_factory=ReadOptions)
    extract: bool = True
    workers: int = 2
    batch_documents: int = 200  # commit after this many documents...
    batch_seconds: float = 1.0  # ...or this many seconds, whichever comes first
    inline_below: int = 4  # fewer files than this: no process pool


@dataclass
class FileOutcome:
    """What happened to one file (reported to the progress callback)."""

    path: str
    ingested: int = 0
    present: int = 0
    same_text: int = 0
    reextracted: int = 0
    skipped: bool = False  # a file no reader claims, met while walking a folder
    failures: list[ReadFailure] = field(default_factory=list)


@dataclass
class IngestReport:
    files: int = 0
    ingested: int = 0
    present: int = 0
    same_text: int = 0
    reextracted: int = 0
    skipped: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures and not self.interrupted

    def add(self, outcome: FileOutcome) -> None:
        self.files += 1
        self.ingested += outcome.ingested
        self.present += outcome.present
        self.same_text += outcome.same_text
        self.reextracted += outcome.reextracted
        self.skipped += outcome.skipped
        self.failures.extend(outcome.failures)


# --------------------------------------------------------------------------- extractor


@cache
def extractor_fingerprint() -> str:
    """Version of the extractor plus its components: a change means re-extract."""
    from rankfile.extract import pipeline as ext

    parts = [ext.EXTRACTOR_VERSION, *[f"{c.name}@{c.version}" for c in ext.COMPONENTS]]
    return "|".join(parts)


def default_extractor() -> Extractor:
    from rankfile.extract.pipeline import extract_document

    return extract_document


# --------------------------------------------------------------------------- walking


def collect_files(paths: Iterable[Path], skip: Iterable[Path] = ()) -> Iterator[tuple[Path, bool]]:
    """Every file under ``paths`` as (absolute path, found by walking a folder).

    Folders are walked recursively in sorted order; hidden entries and symbolic links to
    folders inside them are left out (no cycles), as are ``skip`` paths (the store's own
    files). Named paths that do not exist are still yielded so the reader reports them.
    """
    skip_set = {Path(p).resolve() for p in skip}

    def walk(folder: Path) -> Iterator[Path]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            yield folder
            return
        for entry in entries:
            p = folder / entry.name
            if entry.name.startswith(".") or p in skip_set:
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from walk(p)
            elif not (entry.is_symlink() and entry.is_dir()):
                yield p

    for raw in paths:
        p = Path(raw).expanduser().absolute()
        if p.is_dir():
            for f in walk(p.resolve()):
                yield f, True
        else:
            yield p, False


# --------------------------------------------------------------------------- worker side


@dataclass
class _FileResult:
    path: str
    sha256: str | None
    size: int
    items: list[tuple[SourceDocument, Extraction | None]] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    skipped: bool = False
    known: bool = False  # already fully ingested with this extractor: not read


@dataclass
class _WorkerConfig:
    read: ReadOptions
    extract: bool
    known: frozenset[str]
    archive: FileArchive | None = None  # workers write originals here (in parallel)


_CONFIG: list[_WorkerConfig] = []  # set once per worker process by _init_worker


def _init_worker(config: _WorkerConfig) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    _CONFIG[:] = [config]


def _file_sha256(path: Path, limit: int) -> tuple[str | None, int]:
    try:
        size = path.stat().st_size
        if size > limit:
            return None, size
        h = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        return h.hexdigest(), size
    except OSError:
        return None, 0


def process_file(path: Path, from_folder: bool, config: _WorkerConfig,
                 extractor: Extractor | None = None) -> _FileResult:
    """Read one file and extract its documents (runs in a worker; never raises)."""
    sha, size = (None, 0)
    if config.known:
        sha, size = _file_sha256(path, config.read.max_file_bytes)
        if sha in config.known:
            return _FileResult(str(path), sha, size, known=True)
    items = read_file(path, config.read)
    result = _FileResult(str(path), sha, size)
    for item in items:
        if isinstance(item, ReadFailure):
            if from_folder and len(items) == 1 and item.reason.startswith(NO_READER):
                result.skipped = True
            else:
                result.failures.append(item)
            continue
        if result.sha256 is None and item.part is None:
            result.sha256 = hashlib.sha256(item.original).hexdigest()
            result.size = len(item.original)
        extraction = None
        if config.extract:
            try:
                extraction = (extractor or default_extractor())(item)
            except Exception as exc:  # noqa: BLE001 - one bad document never aborts a batch
                result.failures.append(ReadFailure(str(path), f"extraction failed: {exc!r}"[:300],
                                                   part=item.part))
                continue
        result.items.append((item, extraction))
    if config.archive is not None:  # the writer then finds them already there
        for original in {id(d.original): d.original for d, _ in result.items}.values():
            with contextlib.suppress(OSError):  # the writer retries and reports it
                config.archive.put(original)
    if result.sha256 is None and result.items:
        first = result.items[0][0].original
        result.sha256, result.size = hashlib.sha256(first).hexdigest(), len(first)
    return result


# --------------------------------------------------------------------------- writer side


def _known_files(conn: Connection, fingerprint: str) -> dict[str, int]:
    """sha256 -> number of documents, for files fully ingested with this extractor."""
    rows = conn.execute(select(ingested_files.c.sha256, ingested_files.c.documents)
                        .where(ingested_files.c.extractor_version == fingerprint))
    return {r.sha256: r.documents for r in rows}


def _ingested_row(res: _FileResult, n_docs: int, fingerprint: str) -> dict[str, object]:
    return {"sha256": res.sha256, "path": res.path, "size": res.size, "documents": n_docs,
            "extractor_version": fingerprint, "at": datetime.now(UTC)}


def _mark_ingested(conn: Connection, rows: list[dict[str, object]]) -> None:
    """Remember fully ingested files (upsert by sha256), in the batch's transaction."""
    if not rows:
        return
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(ingested_files)
    stmt = stmt.on_conflict_do_update(
        index_elements=["sha256"],
        set_={k: stmt.excluded[k] for k in ("path", "documents", "extractor_version", "at")})
    by_sha = {r["sha256"]: r for r in rows}  # one row per file even if met twice
    conn.execute(stmt, list(by_sha.values()))


def _sync_failures(conn: Connection, path: str, current: list[ReadFailure]) -> None:
    """Remembered failures of ``path`` become exactly ``current`` (attempts counted)."""
    keep = {f.part or "" for f in current}
    stale = failures_table.delete().where(failures_table.c.path == path)
    if keep:
        stale = stale.where(failures_table.c.part.not_in(keep))
    conn.execute(stale)
    for f in current:
        record_failure(conn, path, f.reason, f.part)


class _StoreError(Exception):
    """A document could not be stored in fast mode: replay the batch carefully."""


def _store_result(store: Store, conn: Connection, res: _FileResult, fingerprint: str,
                  retrieved: datetime, failed_before: set[str], *, careful: bool,
                  ingested: list[dict[str, object]]) -> FileOutcome:
    """Write one file's documents. ``careful``: one savepoint per document, so an error
    fails that document only; otherwise an error raises _StoreError (cheaper: no
    savepoints in the common case where nothing goes wrong)."""
    out = FileOutcome(path=res.path, skipped=res.skipped, failures=list(res.failures))
    if res.known:
        out.present = 1
        return out
    for doc, extraction in res.items:
        try:
            added = add_document(store, doc, extraction, conn=conn, retrieved=retrieved,
                                 savepoint=careful)
        except Exception as exc:
            if not careful:
                raise _StoreError(str(exc)) from exc
            out.failures.append(ReadFailure(res.path, f"could not store: {exc}"[:300],
                                            part=doc.part))
            continue
        setattr(out, added.status, getattr(out, added.status) + 1)
    if not res.skipped and (out.failures or res.path in failed_before):
        _sync_failures(conn, res.path, out.failures)
    if not out.failures and res.items and res.sha256:
        ingested.append(_ingested_row(res, len(res.items), fingerprint))
    return out


class _Writer:
    """The single writer: batches of files in one transaction each.

    A batch commits every N documents or T seconds. Documents are written without
    savepoints; if one fails, the batch is rolled back and replayed with a savepoint
    per document, so only the bad document fails. Outcomes are reported when their
    batch commits (a rolled-back batch reports nothing).
    """

    def __init__(self, store: Store, options: IngestOptions, fingerprint: str,
                 failed_before: set[str], on_commit: Callable[[FileOutcome], None]) -> None:
        self.store, self.options = store, options
        self.fingerprint, self.failed_before = fingerprint, failed_before
        self.retrieved = datetime.now(UTC)
        self.on_commit = on_commit
        self.conn: Connection | None = None
        self.pending: list[tuple[_FileResult, FileOutcome]] = []
        self.ingested: list[dict[str, object]] = []
        self.docs = 0
        self.started = 0.0

    def _connection(self) -> Connection:
        if self.conn is None:
            self.conn = self.store.engine.connect().execution_options(rankfile_write=True)
            self.conn.begin()
            self.docs, self.started = 0, time.monotonic()
        return self.conn

    def _store(self, res: _FileResult, careful: bool) -> FileOutcome:
        return _store_result(self.store, self._connection(), res, self.fingerprint,
                             self.retrieved, self.failed_before, careful=careful,
                             ingested=self.ingested)

    def write(self, res: _FileResult) -> None:
        try:
            outcome = self._store(res, careful=False)
        except _StoreError:
            replay = [r for r, _ in self.pending] + [res]
            self.rollback()
            for r in replay:
                self.pending.append((r, self._store(r, careful=True)))
            self.commit()
            return
        self.pending.append((res, outcome))
        self.docs += max(1, len(res.items))
        if (self.docs >= self.options.batch_documents
                or time.monotonic() - self.started >= self.options.batch_seconds):
            self.commit()

    def commit(self) -> None:
        if self.conn is not None:
            _mark_ingested(self.conn, self.ingested)
            self.store.archive.sync()  # originals durable before the rows that name them
            self.conn.commit()
            self.conn.close()
            self.conn = None
        done, self.pending, self.ingested = self.pending, [], []
        for _res, outcome in done:
            self.on_commit(outcome)

    def rollback(self) -> None:
        self.pending, self.ingested = [], []
        if self.conn is not None:
            self.conn.rollback()
            self.conn.close()
            self.conn = None


def _work_chunk(chunk: list[tuple[str, bool]]) -> list[_FileResult]:
    return [process_file(Path(path), from_folder, _CONFIG[0]) for path, from_folder in chunk]


def _chunks(files: list[tuple[Path, bool]], size: int) -> Iterator[list[tuple[str, bool]]]:
    for i in range(0, len(files), size):
        yield [(str(p), f) for p, f in files[i:i + size]]


class _Workers:
    """A process pool forked up front (before any progress display starts a thread).

    Fork shares the parent's imported readers and warmed-up extractor with every
    worker; results come back in submission order through a bounded window, so
    memory stays flat however many files there are.
    """

    def __init__(self, config: _WorkerConfig, options: IngestOptions) -> None:
        # load readers' and extractor's models once, here, so every fork shares them
        read_bytes(Path("warm-up.txt"), b"Soldiers said the commander beat them.",
                   config.read)
        if config.extract:
            default_extractor()(SourceDocument(text="Warm-up.", original=b"", source_format="txt",
                                               name="warm-up"))
        freeze_long_lived()  # the forked workers share these pages
        self.pool = ProcessPoolExecutor(max_workers=options.workers,
                                        mp_context=multiprocessing.get_context("fork"),
                                        initializer=_init_worker, initargs=(config,))
        list(self.pool.map(time.sleep, [0.05] * options.workers))  # fork all workers now
        self.window = options.workers * 4

    def results(self, files: list[tuple[Path, bool]], chunk: int) -> Iterator[_FileResult]:
        pending: deque[Future[list[_FileResult]]] = deque()
        todo = _chunks(files, chunk)
        for part in todo:
            pending.append(self.pool.submit(_work_chunk, part))
            if len(pending) >= self.window:
                break
        while pending:
            done = pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(self.pool.submit(_work_chunk, nxt))
            yield from done

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _inline(files: list[tuple[Path, bool]], config: _WorkerConfig,
            extractor: Extractor | None) -> Iterator[_FileResult]:
    for path, from_folder in files:
        yield process_file(path, from_folder, config, extractor)


def ingest_files(store: Store, files: list[tuple[Path, bool]], options: IngestOptions, *,
                 progress: Callable[[FileOutcome], None] | None = None,
                 on_total: Callable[[int], None] | None = None,
                 extractor: Extractor | None = None, skip_known: bool = True) -> IngestReport:
    """Ingest ``files`` (from :func:`collect_files`) into ``store``.

    ``on_total`` is called with the number of files once the workers are up (start a
    progress display there), ``progress`` after each file. ``extractor`` replaces the
    default extraction (tests; it then runs in this process). Ctrl-C stops after
    rolling back the open batch; ``report.interrupted`` says so.
    """
    if not options.extract:
        fingerprint = ""
    elif extractor is not None:
        fingerprint = str(getattr(extractor, "fingerprint", getattr(extractor, "__qualname__", "")))
    else:
        fingerprint = extractor_fingerprint()
    known: dict[str, int] = {}
    with store.read() as conn:
        failed_before = set(failed_paths(conn))
        if skip_known:
            known = _known_files(conn, fingerprint)
    config = _WorkerConfig(read=options.read, extract=options.extract, known=frozenset(known),
                           archive=store.archive if isinstance(store.archive, FileArchive) else None)
    report = IngestReport()

    def on_commit(outcome: FileOutcome) -> None:
        if outcome.present and outcome.path in known_paths:
            outcome.present = known_paths[outcome.path]
        report.add(outcome)
        if progress is not None:
            progress(outcome)

    known_paths: dict[str, int] = {}  # path -> documents, for files skipped unread
    writer = _Writer(store, options, fingerprint, failed_before, on_commit)
    workers = None
    try:
        if len(files) >= options.inline_below and options.workers > 1 and extractor is None:
            workers = _Workers(config, options)
            chunk = max(1, min(16, len(files) // (options.workers * 8)))
            results = workers.results(files, chunk)
        else:
            results = _inline(files, config, extractor)
        if on_total is not None:
            on_total(len(files))
        for res in results:
            if res.known:
                known_paths[res.path] = known.get(res.sha256 or "", 1)
            writer.write(res)
        writer.commit()
    except KeyboardInterrupt:
        writer.rollback()
        report.interrupted = True
    except BaseException:
        writer.rollback()
        raise
    finally:
        if workers is not None:
            workers.close()
    if report.ingested or report.reextracted:
        store.after_batch()
    return report


def ingest_paths(store: Store, paths: Iterable[Path], options: IngestOptions | None = None, *,
                 progress: Callable[[FileOutcome], None] | None = None,
                 on_total: Callable[[int], None] | None = None,
                 extractor: Extractor | None = None) -> IngestReport:
    """Ingest files and folders (recursively) into ``store``; see :func:`ingest_files`."""
    options = options or IngestOptions()
    files = list(collect_files(paths, skip=_store_files(store)))
    return ingest_files(store, files, options, progress=progress, on_total=on_total,
                        extractor=extractor)


def retry_failed(store: Store, options: IngestOptions | None = None, *,
                 progress: Callable[[FileOutcome], None] | None = None,
                 on_total: Callable[[int], None] | None = None,
                 extractor: Extractor | None = None) -> IngestReport:
    """Re-attempt only the files with a remembered failure."""
    options = options or IngestOptions()
    with store.read() as conn:
        files = [(Path(p), False) for p in failed_paths(conn)]
    return ingest_files(store, files, options, progress=progress, on_total=on_total,
                        extractor=extractor, skip_known=False)


def _store_files(store: Store) -> list[Path]:
    """The database file, its WAL/SHM and archive: never ingested as input."""
    out: list[Path] = []
    db = store.engine.url.database if store.dialect == "sqlite" else None
    if db and db != ":memory:":
        out += [Path(db + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    location = getattr(store.archive, "root", None)
    if location is not None:
        out.append(Path(location))
    return out
