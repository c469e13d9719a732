"""The faster queries give the same answers as the plain ones they replace, on both backends.

Deep date-sorted pages seek to their date group instead of skipping rows with OFFSET;
search tests incidents in bulk instead of one correlated evidence lookup per cluster.
Each is checked here against the straightforward query.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

import rankfile.web.services.incidents as svc
from rankfile.store.tables import cluster_members
from rankfile.web.services.common import StampedCache
from rankfile.web.services.incidents import IncidentFilters, incidents_in_documents, list_incidents
from rankfile.web.services.review import merge


@pytest.fixture
def filled(store):
    from web_factories import build_store

    return store, build_store(store)


def _reference(conn, document_ids: list[str], q: str) -> list[str]:
    """Incidents of ``document_ids`` matching ``q``: the list's own filter, most mentioned first."""
    f = IncidentFilters(q=q, sort="-mentions").checked()
    query = svc._ordered(select(svc.C.id).where(
        *svc._conditions(f, conn.dialect.name),
        svc.C.id.in_(select(cluster_members.c.cluster_id)
                     .where(cluster_members.c.document_id.in_(document_ids)))), f.sort)
    return list(conn.execute(query).scalars())


QUERIES = ["pit", "PIT", "sergeant", "Horlivka", "locked four", "zzz-nothing", "100%", "a_b",
           "report", "incident"]


def test_search_incidents_match_the_list_filter(filled):
    store, ids = filled
    docs = [ids["doc_a"], ids["doc_b"], ids["doc_h"]]
    with store.read() as conn:
        for q in QUERIES:
            for subset in (docs, docs[:1], docs[2:]):
                found = incidents_in_documents(conn, subset, q, 10)
                assert [i["id"] for i in found.items] == _reference(conn, subset, q), (q, subset)
                assert found.total == len(_reference(conn, subset, q))


def test_members_in_other_documents_still_count(filled):
    """A merged incident matches through the evidence of a member outside the searched documents."""
    store, ids = filled
    merge(store, "tester", ids["cl_a"], ids["cl_h"], "same event", 1, 1)
    with store.read() as conn:
        found = incidents_in_documents(conn, [ids["doc_a"]], "sergeant", 10)
        assert [i["id"] for i in found.items] == [ids["cl_a"]]
        assert _reference(conn, [ids["doc_a"]], "sergeant") == [ids["cl_a"]]


@pytest.mark.parametrize("sort", ["-date", "date"])
def test_deep_pages_seek_to_the_same_rows(filled, monkeypatch, sort):
    store, _ids = filled
    monkeypatch.setattr(svc, "DEEP", 0)  # every page goes by its date group
    cache = StampedCache()
    with store.read() as conn:
        plain = [list_incidents(conn, IncidentFilters(sort=sort), p, 1).items for p in (1, 2, 3)]
        sought = [list_incidents(conn, IncidentFilters(sort=sort), p, 1, counts=cache).items
                  for p in (1, 2, 3)]
        assert sought == plain and all(len(items) == 1 for items in plain)
        assert list_incidents(conn, IncidentFilters(sort=sort), 4, 1, counts=cache).items == []
        filtered = IncidentFilters(sort=sort, date_from="2024-01-01")
        assert [list_incidents(conn, filtered, p, 1, counts=cache).items for p in (1, 2)] == \
            [list_incidents(conn, filtered, p, 1).items for p in (1, 2)]


def test_search_pages_and_incidents_follow_the_ranking(filled):
    """One ranking on the first page, separate ones later: the same documents either way."""
    from rankfile.store import search
    from rankfile.web.services.search import matching_documents, search_all

    store, _ids = filled
    with store.read() as conn:
        for q in ("pit", "report", "sergeant OR pit", "zzz-nothing"):
            everything = [h.document_id for h in search(store, q, limit=50)]
            pages = [search_all(store, conn, q, page, 1) for page in (1, 2, 3, 4)]
            assert [d["document_id"] for p in pages for d in p["documents"]] == everything
            assert [p["more"] for p in pages[:len(everything)]] == \
                [i + 1 < len(everything) for i in range(len(everything))]
            found = incidents_in_documents(conn, matching_documents(conn, q), q, 10)
            assert pages[0]["incidents"] == found.items == pages[1]["incidents"]
