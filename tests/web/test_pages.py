"""Server-rendered pages: they render, escape hostile text and run the review forms."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("url", ["/", "/incidents", "/incidents?type=hazing&sort=title",
                                 "/documents", "/documents?kind=news", "/claims", "/stories",
                                 "/search?q=pit", "/search", "/review", "/map/basemap.svg"])
def test_pages_render(client, url):
    r = client.get(url)
    assert r.status_code == 200


def test_bad_ids_and_filters_on_pages(client):
    assert client.get("/incidents/icl-nope").status_code == 404
    assert client.get("/documents/doc-nope").status_code == 404
    r = client.get("/incidents?type=nonsense")
    assert r.status_code == 422 and "unknown incident type" in r.text


def test_hostile_text_renders_as_text(client, ids):
    for url in (f"/documents/{ids['doc_h']}", f"/incidents/{ids['cl_h']}", "/documents",
                "/search?q=script"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<b>bold</b>" not in html
    doc = client.get(f"/documents/{ids['doc_h']}").text
    assert "&lt;script&gt;alert(" in doc and "onerror=alert(1)&gt;" in doc
    assert "Ivan Testov" not in doc  # names withheld by default


def test_document_page_highlights_every_extraction(client, ids):
    html = client.get(f"/documents/{ids['doc_a']}").text
    assert 'class="ann ann-incident"' in html and 'class="ann ann-claim"' in html
    assert f'href="/documents/{ids["doc_a"]}/original"' in html


def test_status_form_then_history_then_conflict(client, ids):
    url = f"/incidents/{ids['cl_a']}/status"
    r = client.post(url, data={"status": "corroborated", "note": "two outlets", "version": "1",
                               "actor": "dana"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "dana" in page and "two outlets" in page and "version 2" in page
    stale = client.post(url, data={"status": "rejected", "note": "x", "version": "1"})
    assert stale.status_code == 409 and "reload the page" in stale.text
    empty = client.post(url, data={"status": "rejected", "note": " ", "version": "2"})
    assert empty.status_code == 422


def test_fields_merge_split_and_add_forms(client, ids):
    r = client.post(f"/incidents/{ids['cl_h']}/fields",
                    data={"types": ["hazing"], "kind": "incident", "date_start": "2023-01-01",
                          "date_end": "2023-12-31", "date_precision": "year", "note": "recoded",
                          "version": "1"}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get(f"/api/incidents/{ids['cl_h']}").json()["types"] == ["hazing"]
    r = client.post(f"/incidents/{ids['cl_a']}/merge",
                    data={"other_id": ids["cl_b"], "note": "same", "version": "1"},
                    follow_redirects=False)
    assert r.status_code == 303
    r = client.post(f"/incidents/{ids['cl_a']}/split",
                    data={"mention_ids": [ids["inc_b"]], "note": "not same", "version": "2"},
                    follow_redirects=False)
    assert r.status_code == 303
    r = client.post(f"/documents/{ids['doc_a']}/incidents",
                    data={"start": "0", "end": "11", "types": ["complaint"], "kind": "incident",
                          "note": "selected"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/incidents/icl-")
    r = client.post(f"/documents/{ids['doc_a']}/incidents",
                    data={"start": "", "end": "", "types": ["complaint"], "note": "x"})
    assert r.status_code == 422 and "select some text" in r.text
    r = client.post("/links/lnk-test-1/decision",
                    data={"decision": "confirm", "note": "yes", "back": ids["cl_a"]},
                    follow_redirects=False)
    assert r.status_code == 303


def test_search_page_counts_documents_and_says_when_it_ranks_a_window(client, monkeypatch):
    import importlib

    fulltext = importlib.import_module("rankfile.store.search")  # the package exports search()
    html = client.get("/search?q=pit").text
    assert "Documents (2)" in html and "added last are ranked" not in html
    monkeypatch.setattr(fulltext, "RANK_WINDOW", 1)
    html = client.get("/search?q=pit").text
    assert "Documents (1+)" in html and "the 1 added last are ranked" in html
    assert html.count('class="snippet"') == 1


def test_dashboard_cache_is_left_as_computed(client, web_store):
    """The cached dashboard is shared between requests: rendering must not change it."""
    from rankfile.web.services.dashboard import dashboard

    store = web_store[0]
    for _ in range(2):
        assert client.get("/").status_code == 200
        assert client.get("/api/dashboard").status_code == 200
    with store.read() as conn:
        fresh = dashboard(conn)
    assert client.get("/api/dashboard").json() == fresh
