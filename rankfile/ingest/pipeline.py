"""Ingest: walk files and folders, read and extract in worker processes, store.

Reading and extraction (the costly, CPU-bound part) run in a process pool; one writer
in the main process stores the results in batches. A batch is one transaction made
of one savepoint per document, so a document and all its records land together or
not at all, and a crash or Ctrl-C loses at most the uncommitted batch, which a
re-run redoes. Files whose documents all landed are remembered by sha256 (with the
extractor version), so a re-run skips them unread. Every failure is recorded per file
(or per item inside a container) and reported; ``retry_failed`` re-attempts only them.
"""

from __future__ import annotations

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

from rankfile.ingest.readers import ReadOptions, read_file
from rankfile.records import Extraction, ReadFailure, SourceDocument
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

    Folders are walked recursively in sorted order; hidden entries inside them are
    left out, as are ``skip`` paths (the store's own files). Named paths that do not
    exist are still yielded so the reader reports them.
    """
    skip_set = {Path(p).resolve() for p in skip}

    def walk(folder: Path) -> Iterator[Path]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            yield folder
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            if p.resolve() in skip_set or any(s in p.resolve().parents for s in skip_set):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from walk(p)
            else:
                yield p

    for raw in paths:
        p = Path(raw).expanduser().absolute()
        if p.is_dir():
            for f in walk(p):
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
    if result.sha256 is None and result.items:
        first = result.items[0][0].original
        result.sha256, result.size = hashlib.sha256(first).hexdigest(), len(first)
    return result


def _work(path: str, from_folder: bool) -> _FileResult:
    return process_file(Path(path), from_folder, _CONFIG[0])


# --------------------------------------------------------------------------- writer side


def _known_files(conn: Connection, fingerprint: str) -> dict[str, int]:
    """sha256 -> number of documents, for files fully ingested with this extractor."""
    rows = conn.execute(select(ingested_files.c.sha256, ingested_files.c.documents)
                        .where(ingested_files.c.extractor_version == fingerprint))
    return {r.sha256: r.documents for r in rows}


def _mark_ingested(conn: Connection, res: _FileResult, n_docs: int, fingerprint: str) -> None:
    values = {"sha256": res.sha256, "path": res.path, "size": res.size, "documents": n_docs,
              "extractor_version": fingerprint, "at": datetime.now(UTC)}
    update = {k: values[k] for k in ("path", "documents", "extractor_version", "at")}
    if conn.dialect.name == "postgresql":
        stmt = postgresql.insert(ingested_files).values(values)
        conn.execute(stmt.on_conflict_do_update(index_elements=["sha256"], set_=update))
    else:
        stmt = sqlite.insert(ingested_files).values(values)
        conn.execute(stmt.on_conflict_do_update(index_elements=["sha256"], set_=update))


def _sync_failures(conn: Connection, path: str, current: list[ReadFailure]) -> None:
    """Remembered failures of ``path`` become exactly ``current`` (attempts counted)."""
    keep = {f.part or "" for f in current}
    stale = failures_table.delete().where(failures_table.c.path == path)
    if keep:
        stale = stale.where(failures_table.c.part.not_in(keep))
    conn.execute(stale)
    for f in current:
        record_failure(conn, path, f.reason, f.part)


def _store_result(store: Store, conn: Connection, res: _FileResult, fingerprint: str,
                  retrieved: datetime) -> FileOutcome:
    out = FileOutcome(path=res.path, skipped=res.skipped, failures=list(res.failures))
    if res.known:
        out.present = 1
        return out
    for doc, extraction in res.items:
        try:
            added = add_document(store, doc, extraction, conn=conn, retrieved=retrieved)
        except Exception as exc:  # noqa: BLE001 - the savepoint rolled this document back
            out.failures.append(ReadFailure(res.path, f"could not store: {exc}"[:300],
                                            part=doc.part))
            continue
        setattr(out, added.status, getattr(out, added.status) + 1)
    if not res.skipped:
        _sync_failures(conn, res.path, out.failures)
    if not out.failures and res.items and res.sha256:
        _mark_ingested(conn, res, len(res.items), fingerprint)
    return out


class _Batch:
    """A write transaction committed every N documents or T seconds."""

    def __init__(self, store: Store, options: IngestOptions) -> None:
        self.store, self.options = store, options
        self.conn: Connection | None = None
        self.docs = 0
        self.started = 0.0

    def connection(self) -> Connection:
        if self.conn is None:
            self.conn = self.store.engine.connect().execution_options(rankfile_write=True)
            self.conn.begin()
            self.docs, self.started = 0, time.monotonic()
        return self.conn

    def maybe_commit(self, n_docs: int) -> None:
        self.docs += n_docs
        if (self.docs >= self.options.batch_documents
                or time.monotonic() - self.started >= self.options.batch_seconds):
            self.commit()

    def commit(self) -> None:
        if self.conn is not None:
            self.store.archive.sync()  # originals durable before the rows that name them
            self.conn.commit()
            self.conn.close()
            self.conn = None

    def rollback(self) -> None:
        if self.conn is not None:
            self.conn.rollback()
            self.conn.close()
            self.conn = None


def _results(files: list[tuple[Path, bool]], config: _WorkerConfig, options: IngestOptions,
             extractor: Extractor | None) -> Iterator[_FileResult]:
    """Results in submission order; a bounded window keeps memory flat."""
    if len(files) < options.inline_below or options.workers <= 1 or extractor is not None:
        for path, from_folder in files:
            yield process_file(path, from_folder, config, extractor)
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["rankfile.ingest.pipeline", "rankfile.extract.pipeline",
                                "rankfile.ingest.readers"])
    window = options.workers * 8
    pool = ProcessPoolExecutor(max_workers=options.workers, mp_context=ctx,
                               initializer=_init_worker, initargs=(config,))
    try:
        pending: deque[Future[_FileResult]] = deque()
        todo = iter(files)
        for path, from_folder in todo:
            pending.append(pool.submit(_work, str(path), from_folder))
            if len(pending) >= window:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.submit(_work, str(nxt[0]), nxt[1]))
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest_files(store: Store, files: list[tuple[Path, bool]], options: IngestOptions, *,
                 progress: Callable[[FileOutcome], None] | None = None,
                 extractor: Extractor | None = None, skip_known: bool = True) -> IngestReport:
    """Ingest ``files`` (from :func:`collect_files`) into ``store``.

    ``extractor`` replaces the default extraction (tests; it then runs in-process).
    Ctrl-C stops after rolling back the open batch; ``report.interrupted`` says so.
    """
    if not options.extract:
        fingerprint = ""
    elif extractor is not None:
        fingerprint = str(getattr(extractor, "fingerprint", getattr(extractor, "__qualname__", "")))
    else:
        fingerprint = extractor_fingerprint()
    known: dict[str, int] = {}
    if skip_known:
        with store.read() as conn:
            known = _known_files(conn, fingerprint)
    config = _WorkerConfig(read=options.read, extract=options.extract, known=frozenset(known))
    report = IngestReport()
    batch = _Batch(store, options)
    retrieved = datetime.now(UTC)
    try:
        for res in _results(files, config, options, extractor):
            outcome = _store_result(store, batch.connection(), res, fingerprint, retrieved)
            if res.known:
                outcome.present = known.get(res.sha256 or "", 1)
            batch.maybe_commit(max(1, len(res.items)))
            report.add(outcome)
            if progress is not None:
                progress(outcome)
        batch.commit()
    except KeyboardInterrupt:
        batch.rollback()
        report.interrupted = True
    except BaseException:
        batch.rollback()
        raise
    return report


def ingest_paths(store: Store, paths: Iterable[Path], options: IngestOptions | None = None, *,
                 progress: Callable[[FileOutcome], None] | None = None,
                 on_total: Callable[[int], None] | None = None,
                 extractor: Extractor | None = None) -> IngestReport:
    """Ingest files and folders (recursively) into ``store``; see :func:`ingest_files`."""
    options = options or IngestOptions()
    files = list(collect_files(paths, skip=_store_files(store)))
    if on_total is not None:
        on_total(len(files))
    return ingest_files(store, files, options, progress=progress, extractor=extractor)


def retry_failed(store: Store, options: IngestOptions | None = None, *,
                 progress: Callable[[FileOutcome], None] | None = None,
                 on_total: Callable[[int], None] | None = None,
                 extractor: Extractor | None = None) -> IngestReport:
    """Re-attempt only the files with a remembered failure."""
    options = options or IngestOptions()
    with store.read() as conn:
        files = [(Path(p), False) for p in failed_paths(conn)]
    if on_total is not None:
        on_total(len(files))
    return ingest_files(store, files, options, progress=progress, extractor=extractor,
                        skip_known=False)


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
