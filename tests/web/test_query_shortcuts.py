"""The faster queries give the same answers as the plain ones they replace, on both backends.

Deep date-sorted pages seek to their date group instead of skipping rows with OFFSET;
search reads the text of every incident of its documents in one query and matches them
in one pass, instead of one lookup per incident. Each is checked here against the
straightforward way.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

import rankfile.web.services.incidents as svc
import rankfile.web.services.search as search_svc
from rankfile.store.tables import cluster_members, evidence, incident_clusters
from rankfile.store.textmatch import compile_query
from rankfile.web.services.common import StampedCache
from rankfile.web.services.incidents import IncidentFilters, list_incidents
from rankfile.web.services.review import merge
from rankfile.web.services.search import incidents_in_documents


@pytest.fixture
def filled(store):
    from web_factories import build_store

    return store, build_store(store)


def _reference(conn, document_ids: list[str], q: str) -> list[str]:
    """Incidents of ``document_ids`` whose text matches ``q``, found one at a time:
    title, region and every mention's quotes, tested by the plain-text matcher."""
    matcher = compile_query(q)
    ids = set(conn.execute(select(cluster_members.c.cluster_id)
                           .where(cluster_members.c.document_id.in_(document_ids))).scalars())
    found = []
    for row in conn.execute(select(incident_clusters).where(incident_clusters.c.id.in_(ids),
                                                            incident_clusters.c.status != "merged")):
        members = select(cluster_members.c.incident_id).where(cluster_members.c.cluster_id == row.id)
        quotes = conn.execute(select(evidence.c.quote).where(
            evidence.c.record_kind == "incident", evidence.c.record_id.in_(members))).scalars()
        text = "\n".join([row.title or "", (row.summary or {}).get("admin1") or "", *quotes])
        if matcher and matcher.matches(text):
            found.append(row)
    found.sort(key=lambda r: r.id, reverse=True)
    found.sort(key=lambda r: (r.mentions is None, -(r.mentions or 0)))
    return [r.id for r in found]


QUERIES = ["pit", "PIT", "sergeant", "Horlivka", "locked four", "zzz-nothing", "100%", "a_b",
           "report", "incident", "mobilised pit", '"four mobilised men"', '"men four"',
           "sergeant OR pit", "pit -sergeant", "locked -four"]


def test_search_incidents_match_one_by_one(filled):
    store, ids = filled
    docs = [ids["doc_a"], ids["doc_b"], ids["doc_h"]]
    with store.read() as conn:
        for q in QUERIES:
            for subset in (docs, docs[:1], docs[2:]):
                found = incidents_in_documents(conn, subset, q, 10)
                assert [i["id"] for i in found.items] == _reference(conn, subset, q), (q, subset)
                assert found.total == len(_reference(conn, subset, q))
        assert incidents_in_documents(conn, docs, "mobilised pit", 10).total == 2
        assert incidents_in_documents(conn, docs, "pit -mobilised", 10).total == 0


def test_members_in_other_documents_still_count(filled):
    """A merged incident matches through the evidence of a member outside the searched documents."""
    store, ids = filled
    merge(store, "tester", ids["cl_a"], ids["cl_h"], "same event", 1, 1)
    with store.read() as conn:
        found = incidents_in_documents(conn, [ids["doc_a"]], "sergeant", 10)
        assert [i["id"] for i in found.items] == [ids["cl_a"]]
        assert _reference(conn, [ids["doc_a"]], "sergeant") == [ids["cl_a"]]
        # both words, one from each mention's quote
        assert incidents_in_documents(conn, [ids["doc_a"]], "sergeant mobilised", 10).total == 1


def test_incident_budget_takes_the_best_documents_first(filled, monkeypatch):
    """Documents are searched in rank order while they hold no more than MAX_INCIDENTS."""
    store, ids = filled
    monkeypatch.setattr(search_svc, "MAX_INCIDENTS", 1)
    with store.read() as conn:
        found = incidents_in_documents(conn, [ids["doc_b"], ids["doc_a"]], "pit", 10)
        assert [i["id"] for i in found.items] == [ids["cl_b"]]
        found = incidents_in_documents(conn, [ids["doc_a"], ids["doc_b"]], "pit", 10)
        assert [i["id"] for i in found.items] == [ids["cl_a"]]


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


def test_list_text_filter_reads_the_search_language(filled):
    """The list's q: every word somewhere in the incident (a substring), OR, -word, phrases."""
    store, ids = filled
    with store.read() as conn:
        def found(q: str) -> set[str]:
            return {i["id"] for i in list_incidents(conn, IncidentFilters(q=q), 1, 50).items}

        pits = {ids["cl_a"], ids["cl_b"]}
        assert found("mobilised pit") == pits  # not side by side in the quote
        assert found('"four mobilised men"') == pits and found('"men four"') == set()
        assert found("sergeant OR pit") == pits | {ids["cl_h"]}
        assert found("-pit") == {ids["cl_h"]}
        assert found("pi") == pits  # a substring, as before
        assert found("!!!") == set()


def test_pages_past_an_exact_count_are_empty_and_deep_pages_past_the_cap_are_not(filled, monkeypatch):
    store, _ids = filled
    with store.read() as conn:
        assert list_incidents(conn, IncidentFilters(), 4, 1).items == []
        assert list_incidents(conn, IncidentFilters(q="zzz-nothing"), 1, 50).items == []
        monkeypatch.setattr(svc, "COUNT_CAP", 1)  # counts stop at 2: page 3 still has its row
        assert len(list_incidents(conn, IncidentFilters(), 3, 1).items) == 1
