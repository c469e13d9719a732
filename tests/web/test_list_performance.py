"""What keeps the incident list fast: indexed copies of summary values, capped and cached totals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from rankfile.review.clusters import list_columns
from rankfile.store.tables import incident_clusters
from rankfile.web.services.common import StampedCache
from rankfile.web.services.incidents import IncidentFilters, list_incidents


def test_list_columns_copy_the_summary():
    cols = list_columns({"date_start": "2024-05-01", "date_end": "2024-05-31", "country": "UA",
                         "origins": 2, "mentions": 3})
    assert cols == {"date_start": "2024-05-01", "date_end": "2024-05-31", "country": "UA",
                    "origins": 2, "mentions": 3}
    assert list_columns({"origins": ["doc-a", "doc-b"], "mentions": True, "date_start": ""}) == {
        "date_start": None, "date_end": None, "country": None, "origins": None, "mentions": None}


@given(st.dictionaries(st.sampled_from(["date_start", "date_end", "country", "origins",
                                        "mentions", "place"]),
                       st.one_of(st.none(), st.text(max_size=60), st.integers(), st.booleans(),
                                 st.lists(st.text(max_size=5), max_size=3))))
def test_list_columns_fit_their_columns(summary):
    cols = list_columns(summary)
    for key in ("date_start", "date_end"):
        assert cols[key] is None or (isinstance(cols[key], str) and len(cols[key]) <= 32)
    assert cols["country"] is None or len(cols["country"]) <= 8
    for key in ("origins", "mentions"):
        assert cols[key] is None or type(cols[key]) is int


def test_columns_follow_summaries(web_store):
    store, _ids, _settings = web_store
    with store.read() as conn:
        rows = conn.execute(select(incident_clusters)).all()
    assert rows
    for r in rows:
        assert {k: getattr(r, k) for k in list_columns({})} == list_columns(r.summary)


def test_a_correction_moves_the_indexed_date(client, ids):
    url = f"/api/incidents/{ids['cl_h']}/fields"
    body = {"date": {"start": "2021-06-01", "end": "2021-06-30"}, "note": "older", "version": 1}
    assert client.post(url, json=body).status_code == 200
    oldest = client.get("/api/incidents?sort=date&per_page=1").json()["items"][0]
    assert oldest["id"] == ids["cl_h"] and oldest["date_start"] == "2021-06-01"
    assert client.get("/api/incidents?date_to=2021-12-31").json()["total"] == 1


def test_totals_are_cached_until_the_store_changes(client, ids):
    assert client.get("/api/incidents?status=disputed").json()["total"] == 0
    r = client.post(f"/api/incidents/{ids['cl_h']}/status",
                    json={"status": "disputed", "note": "source retracted", "version": 1})
    assert r.status_code == 200, r.text
    assert client.get("/api/incidents?status=disputed").json()["total"] == 1


def test_count_cache_recounts_on_a_new_stamp():
    cache, calls = StampedCache(size=2), []

    def count() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("a", 1, count) == 1 and cache.get("a", 1, count) == 1
    assert cache.get("a", 2, count) == 2
    cache.get("b", 2, count)
    cache.get("c", 2, count)  # evicts "a", the least recently used
    assert cache.get("a", 2, count) == 5


def test_totals_beyond_the_cap_are_marked(web_store, monkeypatch):
    import rankfile.web.services.incidents as svc

    monkeypatch.setattr(svc, "COUNT_CAP", 2)
    store, _ids, _settings = web_store
    with store.read() as conn:
        page = list_incidents(conn, IncidentFilters(), 1, 1)
    assert page.total == 2 and not page.total_exact and page.as_dict()["total_exact"] is False
    assert len(page.items) == 1


def test_search_finds_incidents_through_the_full_text_index(client):
    r = client.get("/api/search", params={"q": "Horlivka"}).json()
    assert r["incidents_total"] >= 1 and r["incidents_total_exact"]
    assert all("Horlivka" in (i["place"] or "") or "Horlivka" in (i["title"] or "")
               for i in r["incidents"])
    assert client.get("/api/search", params={"q": "zzzunknownword"}).json()["incidents"] == []


def test_list_search_and_dashboard_on_each_backend(store):
    """The SQL changed for speed (indexed columns, capped counts, FTS) runs on both backends."""
    from web_factories import build_store

    from rankfile.review import ensure_clusters
    from rankfile.web.services.dashboard import cached_dashboard
    from rankfile.web.services.search import search_all

    build_store(store)
    with store.write() as conn:
        ensure_clusters(conn)
    cache = StampedCache()
    with store.read() as conn:
        assert list_incidents(conn, IncidentFilters(), counts=cache).total == 3
        for sort in ("date", "-date", "-mentions", "title", "-updated"):
            assert len(list_incidents(conn, IncidentFilters(sort=sort)).items) == 3
        assert list_incidents(conn, IncidentFilters(country="ua", date_from="2024-01-01",
                                                    corroboration="single")).total == 2
        assert list_incidents(conn, IncidentFilters(q="sergeant")).total == 1
        first = cached_dashboard(conn, cache)
        assert first["incidents"] == 3 and cached_dashboard(conn, cache) == first
        found = search_all(store, conn, "Horlivka")
        assert found["documents"] and found["incidents_total"] >= 1
        from datetime import date

        from rankfile.store.search import DocumentFilter

        narrowed = search_all(store, conn, "Horlivka", filters=DocumentFilter(
            kind="news", published_from=date(2024, 6, 2), publisher="copy"))
        assert [d["name"] for d in narrowed["documents"]] == ["report-b"]
        assert search_all(store, conn, "Horlivka", filters=DocumentFilter(
            published_to=date(2020, 1, 1)))["documents_total"] == 0
