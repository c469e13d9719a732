"""Plain-text matching and snippets agree with the full-text index they stand beside.

The property test runs the same queries through SQLite's FTS5 (the tokenizer of the
store's ``documents_fts``) and through ``compile_query``: both must pick the same texts.
"""

from __future__ import annotations

import re
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.store.search import fts5_query
from rankfile.store.textmatch import compile_query

WORDS = ["pit", "Pit", "PIT", "spit", "held", "in", "a", "Kyiv", "Kyïv", "KYÏV", "order",
         "orders", "snake_case", "case", "İstanbul", "istanbul", "Ёлка", "елка", "бой", "бои",
         "3rd", "brigade", "über", "uber"]
SEPARATORS = [" ", ", ", ". ", "\n", " - ", "'", "_", "…", "  "]


def _fts5(texts: list[str], query: str) -> list[int]:
    expr = fts5_query(query)
    if expr is None:
        return []
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", list(enumerate(texts)))
    return sorted(r for (r,) in db.execute("SELECT rowid FROM t WHERE t MATCH ?", (expr,)))


def _mine(texts: list[str], query: str) -> list[int]:
    compiled = compile_query(query)
    return compiled.matching(texts) if compiled else []


texts_strategy = st.lists(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=8)
    .map(lambda pairs: "".join(w + s for w, s in pairs)), min_size=1, max_size=6)
term = st.one_of(st.sampled_from(WORDS),
                 st.lists(st.sampled_from(WORDS), min_size=2, max_size=3)
                 .map(lambda ws: '"' + " ".join(ws) + '"'))
query_strategy = st.lists(st.one_of(term, term.map(lambda t: "-" + t), st.just("OR")),
                          min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts_strategy, query_strategy)
def test_same_texts_as_the_index(texts, query):
    assert _mine(texts, query) == _fts5(texts, query)


def test_words_phrases_and_accents():
    texts = ["They were held in a pit.", "A spit of land", "Held, in A  pit!", "Kyïv", "kyiv_oblast"]
    assert _mine(texts, "pit") == [0, 2]
    assert _mine(texts, '"held in a pit"') == [0, 2]
    assert _mine(texts, "kyiv") == [3, 4]
    assert _mine(texts, "Kyïv") == [3, 4]
    assert _mine(texts, "pit -spit") == [0, 2]
    assert _mine(texts, "spit OR kyiv") == [1, 3, 4]
    assert compile_query("-pit") is None and compile_query("  ") is None


def test_a_phrase_never_spans_two_texts():
    assert _mine(["they were held in", "a pit"], '"held in a pit"') == []


def test_text_whose_lower_case_is_longer_keeps_its_offsets():
    text = "İstanbul: the pit"  # "İ".lower() is two characters
    parts = compile_query("pit").snippet(text)
    assert ("pit", True) in parts
    assert compile_query("istanbul").matches(text)


def _plain(parts: list[tuple[str, bool]]) -> str:
    return "".join(t for t, _ in parts)


def test_snippet_shows_the_window_with_every_word():
    filler = "Nothing happened that day. " * 40
    text = filler + "The commander ordered them into a pit. " + filler + "A pit again."
    parts = compile_query("commander pit").snippet(text)
    assert [t for t, hi in parts if hi] == ["commander", "pit"]
    assert parts[0] == ("… ", False) and parts[-1] == (" …", False)
    assert len(_plain(parts)) < 260


def test_snippet_without_a_match_is_the_start():
    parts = compile_query("zzz").snippet("Opening words of a report. " * 20)
    assert not any(hi for _, hi in parts)
    assert _plain(parts).startswith("Opening words")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["pit", '"held in"', "a OR b", "kyiv", "x -y"]))
def test_snippet_is_the_text_it_cuts(text, query):
    """Whatever the text, highlighted parts are query words and the rest is the text's own."""
    parts = compile_query(query).snippet(text)
    squeezed = re.sub(r"\s+", " ", text)
    body = _plain(parts).removeprefix("… ").removesuffix(" …")
    assert body in squeezed
    for t, hi in parts:
        if hi:
            assert compile_query(query.replace("-y", "")).matches(t)
