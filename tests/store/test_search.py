from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rankfile.records import SourceDocument
from rankfile.store import add_document, search
from rankfile.store.search import fts5_query

DOCS = {
    "tree": "Two conscripts were tied to a tree overnight by their platoon commander.",
    "pit": "Soldiers who refused to attack were held in a pit dug behind the positions.",
    "money": "A company commander demanded money from wounded men before granting leave.",
}


def _fill(store, rec):
    ids = {}
    for name, text in DOCS.items():
        ids[name] = add_document(store, rec.make_doc(text=text, name=name, title=name.title())).document_id
    return ids


def test_words_phrases_or_and_exclusion(store, rec):
    ids = _fill(store, rec)
    assert [h.document_id for h in search(store, "tied tree")] == [ids["tree"]]
    assert [h.document_id for h in search(store, '"tied to a tree"')] == [ids["tree"]]
    assert search(store, '"tree tied"') == []
    assert {h.document_id for h in search(store, "commander")} == {ids["tree"], ids["money"]}
    assert {h.document_id for h in search(store, "pit OR money")} == {ids["pit"], ids["money"]}
    assert [h.document_id for h in search(store, "commander -money")] == [ids["tree"]]
    assert len(search(store, "commander", limit=1)) == 1
    assert len(search(store, "commander", limit=1, offset=1)) == 1
    assert search(store, "commander", offset=2) == []


def test_snippets_highlight_and_escape(store, rec):
    add_document(store, rec.make_doc(text="<b>Beaten</b> soldiers & a <script>x</script> note."))
    (hit,) = search(store, "beaten")
    assert ("Beaten", True) in hit.parts
    assert "<mark>Beaten</mark>" in hit.snippet_html
    assert "<b>" not in hit.snippet_html and "<script" not in hit.snippet_html
    assert "Beaten" in hit.snippet


def test_same_text_copies_are_not_listed_twice(store, rec):
    add_document(store, rec.make_doc(text=DOCS["pit"], original=b"one"))
    add_document(store, rec.make_doc(text=DOCS["pit"], original=b"two", source_format="html"))
    assert len(search(store, "pit")) == 1


def test_engine_syntax_never_reaches_the_engine(store, rec):
    _fill(store, rec)
    for q in ['"', "NEAR(", "*", "tree*", "a:b", "-", "OR", "AND NOT", "^tree", "''", "(tree",
              "tree\x00", "!:*&|<->", "tree & !pit"]:
        search(store, q)  # no exception
    assert search(store, "") == [] and search(store, "   ") == []


def test_query_translation():
    assert fts5_query("tied tree") == '("tied") AND ("tree")'
    assert fts5_query('"a pit" OR cage -money') == '(("a pit" OR "cage")) NOT "money"'
    assert fts5_query("-only") is None


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory):
    from rankfile.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("fts") / "q.db"))
    add_document(store, SourceDocument(text=DOCS["tree"], original=b"t", source_format="txt",
                                       name="tree"))
    yield store
    store.close()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_query_is_safe(sqlite_store, query):
    search(sqlite_store, query)


def test_counts_matches_and_ranks_within_the_window(store, rec, monkeypatch):
    """Past RANK_WINDOW matches, the documents added last are ranked, and counted."""
    import importlib

    from rankfile.store.search import matching, rank

    search_mod = importlib.import_module("rankfile.store.search")  # the package exports search()
    ids = _fill(store, rec)
    with store.read() as conn:
        assert matching(conn, "commander").count == 2 and not matching(conn, "commander").windowed
        assert matching(conn, "zzz").count == 0 and matching(conn, "-x").count == 0
        monkeypatch.setattr(search_mod, "RANK_WINDOW", 1)
        found = matching(conn, "commander")
        assert found.windowed and found.window == 1
        assert [r.document_id for r in rank(conn, "commander", 10, within=found)] == [ids["money"]]
        assert [r.document_id for r in rank(conn, "commander", 10)] == [ids["money"]]
        assert [r.document_id for r in rank(conn, "pit", 10)] == [ids["pit"]]
