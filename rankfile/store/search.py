"""Full-text search over document titles and texts, one function for both backends.

SQLite uses the FTS5 index ``documents_fts`` (unicode61 tokenizer, BM25 ranking);
PostgreSQL the generated ``tsv`` column with a GIN index (``simple`` configuration,
``ts_rank_cd``). Both read the same query language (web-search style: words are
ANDed, ``"a phrase"``, ``OR``, ``-word`` excludes), and neither lets a user's query
reach the engine's own syntax. Documents stored only as a same-text copy of another
are left out. Snippets come back as parts (text, highlighted?) so a renderer escapes
them itself: document text is hostile.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, select, text

from rankfile.store.engine import Store
from rankfile.store.query import Term, like_pattern, parse_query
from rankfile.store.tables import documents
from rankfile.store.textmatch import compile_query


@dataclass
class SearchHit:
    document_id: str
    name: str
    title: str | None
    published: date | None
    score: float
    parts: list[tuple[str, bool]] = field(default_factory=list)  # (text, highlighted)

    @property
    def snippet(self) -> str:
        return "".join(t for t, _ in self.parts)

    @property
    def snippet_html(self) -> str:
        """Escaped snippet with highlighted words in ``<mark>``."""
        return "".join(f"<mark>{html.escape(t)}</mark>" if hi else html.escape(t)
                       for t, hi in self.parts)


def _fts5_phrase(term: Term) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in term.words) + '"'


def fts5_query(query: str) -> str | None:
    """The FTS5 MATCH expression for ``query``; None when nothing positive to look for."""
    items = parse_query(query)
    groups = ["(" + " OR ".join(_fts5_phrase(t) for t in it) + ")"
              for it in items if isinstance(it, list)]
    if not groups:
        return None
    expr = " AND ".join(groups)
    for it in items:
        if isinstance(it, Term):
            expr = f"({expr}) NOT {_fts5_phrase(it)}"
    return expr


# Ranking reads the full-text index alone and joins the documents of the page only:
# joining every match first cost a row lookup per match (26 of 42 ms for a word in 21,000
# of 24,000 reports). BM25 (or ts_rank_cd) is computed for every match ranked, so a query
# matching more than RANK_WINDOW documents ranks the RANK_WINDOW added last, and the
# matches are counted no further (the page says "2,000+" and why): one backward walk of
# the index gives both the count and where the window starts.
RANK_WINDOW = 2_000
_COPIES = "SELECT seq FROM documents WHERE duplicate_of IS NOT NULL"

_RANK_SQLITE = """
SELECT d.id AS id, r.seq AS seq, r.score AS score, d.duplicate_of IS NOT NULL AS is_copy
FROM (SELECT rowid AS seq, -bm25(documents_fts) AS score FROM documents_fts
      WHERE documents_fts MATCH :q AND rowid > :floor {copies} {filters}
      ORDER BY bm25(documents_fts), rowid LIMIT :limit OFFSET :offset) r
JOIN documents d ON d.seq = r.seq
ORDER BY r.score DESC, r.seq
"""
_WINDOW_SQLITE = """
SELECT count(*), min(seq) FROM (SELECT rowid AS seq FROM documents_fts
  WHERE documents_fts MATCH :q AND rowid NOT IN ({copies}) {filters}
  ORDER BY rowid DESC LIMIT :n)
"""

_RANK_POSTGRES = """
SELECT d.id AS id, d.seq AS seq, ts_rank_cd(d.tsv, q) AS score,
       d.duplicate_of IS NOT NULL AS is_copy
FROM documents d, websearch_to_tsquery('simple', :q) q
WHERE d.tsv @@ q AND d.seq > :floor {copies} {filters}
ORDER BY score DESC, d.seq LIMIT :limit OFFSET :offset
"""
_WINDOW_POSTGRES = """
SELECT count(*), min(seq) FROM (SELECT d.seq FROM documents d, websearch_to_tsquery('simple', :q) q
  WHERE d.tsv @@ q AND d.duplicate_of IS NULL {filters} ORDER BY d.seq DESC LIMIT :n) m
"""


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents a search looks in: their kind, publication dates, publisher."""

    kind: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    publisher: str | None = None  # a part of the publisher's name, any case

    def clause(self, sqlite: bool) -> tuple[str, dict[str, object]]:
        """SQL to add to a match (SQLite: on the index's rowid; PostgreSQL: on ``d``)."""
        conds: list[str] = []
        params: dict[str, object] = {}
        col = "" if sqlite else "d."
        if self.kind:
            conds.append(f"{col}kind = :f_kind")
            params["f_kind"] = self.kind
        for name, op, value in (("f_from", ">=", self.published_from),
                                ("f_to", "<=", self.published_to)):
            if value is not None:
                conds.append(f"{col}published {op} :{name}")
                params[name] = value.isoformat() if sqlite else value
        if self.publisher and self.publisher.strip():
            conds.append(f"lower({col}publisher) LIKE :f_pub ESCAPE '\\'")
            params["f_pub"] = like_pattern(self.publisher.strip())
        if not conds:
            return "", {}
        if sqlite:
            return f"AND +rowid IN (SELECT seq FROM documents WHERE {' AND '.join(conds)})", params
        return "AND " + " AND ".join(conds), params


@dataclass(frozen=True)
class Matches:
    """How many documents match a query (copies left out), counted up to one past
    ``RANK_WINDOW``, and from which stored document on they are ranked."""

    count: int
    floor: int  # only documents stored after this one are ranked (-1: all of them)
    window: int = RANK_WINDOW

    @property
    def windowed(self) -> bool:
        """More match than are ranked: the count is a lower bound ("2,000+")."""
        return self.count > self.window


@dataclass(frozen=True)
class Ranked:
    """One full-text match, before its snippet is made."""

    document_id: str
    seq: int
    score: float
    copy: bool  # stored only as a same-text copy of another document


def _engine_query(conn: Connection, query: str) -> str | None:
    """What the engine is given for ``query`` (None: nothing positive to look for)."""
    query = query.replace("\x00", " ")  # PostgreSQL refuses NUL in text
    expr = fts5_query(query)
    if expr is None:
        return None
    if conn.dialect.name == "sqlite":
        return expr
    if conn.dialect.name == "postgresql":
        return query
    raise NotImplementedError(f"full-text search on {conn.dialect.name}")  # pragma: no cover


@contextmanager
def _from_the_index(conn: Connection) -> Iterator[None]:
    """PostgreSQL: take full-text matches from the GIN index, never by reading documents.

    Its planner does not count the cost of unpacking each TOASTed ``tsvector`` a table
    scan tests, so with a second condition (a publisher, a date) it chose to test all
    24,000 (198 ms where the index takes 29). ``SET LOCAL`` ends with the transaction;
    it is set back here for the statements that follow in the same one.
    """
    if conn.dialect.name != "postgresql":
        yield
        return
    conn.execute(text("SET LOCAL enable_seqscan = off"))
    yield
    conn.execute(text("SET LOCAL enable_seqscan = on"))


def matching(conn: Connection, query: str, filters: DocumentFilter | None = None) -> Matches:
    """How many documents match ``query`` and which of them a ranking looks at."""
    q = _engine_query(conn, query)
    if q is None:
        return Matches(0, -1, RANK_WINDOW)
    sqlite = conn.dialect.name == "sqlite"
    where, params = (filters or DocumentFilter()).clause(sqlite)
    sql = (_WINDOW_SQLITE.format(copies=_COPIES, filters=where) if sqlite
           else _WINDOW_POSTGRES.format(filters=where))
    with _from_the_index(conn):
        count, oldest = conn.execute(text(sql), {"q": q, "n": RANK_WINDOW + 1, **params}).one()
    count = int(count or 0)
    return Matches(count, int(oldest) if count > RANK_WINDOW else -1, RANK_WINDOW)


def rank(conn: Connection, query: str, limit: int, offset: int = 0, *,
         copies: bool = False, within: Matches | None = None,
         filters: DocumentFilter | None = None) -> list[Ranked]:
    """Documents matching ``query`` and ``filters``, best first (same-text copies only with
    ``copies``), among those ``within`` says are ranked (looked up when not given)."""
    q = _engine_query(conn, query)
    if q is None:
        return []
    within = within or matching(conn, query, filters)
    sqlite = conn.dialect.name == "sqlite"
    if copies:
        where = ""
    else:
        where = f"AND rowid NOT IN ({_COPIES})" if sqlite else "AND d.duplicate_of IS NULL"
    narrowed, params = (filters or DocumentFilter()).clause(sqlite)
    sql = (_RANK_SQLITE if sqlite else _RANK_POSTGRES).format(copies=where, filters=narrowed)
    with _from_the_index(conn):
        rows = conn.execute(text(sql), {"q": q, "limit": limit, "offset": offset,
                                        "floor": within.floor, **params}).all()
    return [Ranked(r.id, int(r.seq), float(r.score), bool(r.is_copy)) for r in rows]


def hits(conn: Connection, query: str, ranked: list[Ranked]) -> list[SearchHit]:
    """``ranked`` as search hits with their names, dates and highlighted snippets."""
    matcher = compile_query(query)
    if matcher is None or not ranked:
        return []
    rows = {r.id: r for r in conn.execute(
        select(documents.c.id, documents.c.name, documents.c.title, documents.c.published,
               documents.c.text)
        .where(documents.c.id.in_([r.document_id for r in ranked])))}
    return [SearchHit(document_id=r.document_id, name=rows[r.document_id].name,
                      title=rows[r.document_id].title, published=rows[r.document_id].published,
                      score=r.score, parts=matcher.snippet(rows[r.document_id].text or ""))
            for r in ranked]


def _search(conn: Connection, query: str, limit: int, offset: int,
            filters: DocumentFilter | None = None) -> list[SearchHit]:
    return hits(conn, query, rank(conn, query, limit, offset, filters=filters))


def search(store: Store, query: str, limit: int = 20, offset: int = 0,
           filters: DocumentFilter | None = None) -> list[SearchHit]:
    """Documents matching ``query`` (and ``filters``), best first, with highlighted snippets."""
    with store.read() as conn:
        return _search(conn, query, limit, offset, filters)
