"""The JSON API: every endpoint, bad ids, bad filters and edit conflicts."""

from __future__ import annotations

import csv
import io

import pytest


def test_dashboard_counts_deduplicated_incidents(client):
    data = client.get("/api/dashboard").json()
    assert data["incidents"] == 3 and data["documents"] == 3
    assert data["by_type"]["unlawful_confinement"] == 2
    assert data["by_status"] == {"reported": 3}
    assert {t["month"] for t in data["timeline"]} == {"2023-01", "2024-05"}
    assert data["map"][0]["count"] == 2 and data["map"][0]["type"] == "unlawful_confinement"
    assert data["top_sources"][0]["name"] == "Field Ledger"
    assert data["latest_conflicts"][0]["id"] == "cfl-test"


@pytest.mark.parametrize(("query", "expected"), [
    ("", 3), ("type=unlawful_confinement", 2), ("type=physical_assault", 1), ("kind=pattern", 0),
    ("date_from=2024-01-01", 2), ("date_to=2023-12-31", 1), ("country=ua", 2),
    ("region=donet", 2), ("status=reported", 3), ("status=verified", 0),
    ("corroboration=single", 3), ("source=field ledger", 1), ("q=horlivka", 2),
    ("q=sergeant", 1), ("q=100%", 0),
])
def test_incident_filters(client, query, expected):
    r = client.get(f"/api/incidents?{query}")
    assert r.status_code == 200, r.text
    assert r.json()["total"] == expected


@pytest.mark.parametrize("query", [
    "type=nonsense", "kind=x", "date_from=2024-13-01", "date_from=2024-02-01&date_to=2024-01-01",
    "country=UKR", "status=maybe", "corroboration=lots", "sort=random", "page=0", "per_page=1000",
])
def test_bad_filters_are_422(client, query):
    r = client.get(f"/api/incidents?{query}")
    assert r.status_code == 422
    assert "detail" in r.json()


def test_sorting_and_pagination(client):
    first = client.get("/api/incidents?sort=date&per_page=1").json()
    assert first["pages"] == 3 and first["items"][0]["date_start"] == "2023-01-01"
    newest = client.get("/api/incidents?sort=-date&per_page=2&page=1").json()["items"]
    assert newest[0]["date_start"] == "2024-05-01"
    page2 = client.get("/api/incidents?sort=-date&per_page=2&page=2").json()["items"]
    assert len(page2) == 1 and page2[0]["id"] not in {i["id"] for i in newest}


def test_exports_of_the_filtered_set(client):
    r = client.get("/api/incidents/export?format=csv&type=unlawful_confinement")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 2 and rows[0]["types"] == "unlawful_confinement"
    gj = client.get("/api/incidents/export?format=geojson").json()
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 2
    assert gj["features"][0]["geometry"]["coordinates"] == [38.05, 48.3]
    js = client.get("/api/incidents/export?format=json&country=UA").json()
    assert len(js) == 2
    assert client.get("/api/incidents/export?format=xml").status_code == 422


def test_incident_detail(client, ids):
    inc = client.get(f"/api/incidents/{ids['cl_a']}").json()
    assert inc["types"] == ["unlawful_confinement"] and inc["version"] == 1
    quote = inc["mentions_detail"][0]["evidence"][0]
    assert quote["quote"] == "locked four mobilised men in a pit"
    assert inc["suggestions"][0]["other_id"] == ids["cl_b"]
    assert inc["origins_detail"][0]["documents"][0]["role"] == "origin"
    assert inc["citations"][0]["credits"][0]["name"] == "Field Ledger"
    assert client.get("/api/incidents/icl-does-not-exist").status_code == 404


def test_names_are_withheld_by_default(client, ids):
    inc = client.get(f"/api/incidents/{ids['cl_h']}").json()
    assert inc["victims_names"] == ["[name withheld]"]
    quote = inc["mentions_detail"][0]["evidence"][0]
    assert "Ivan Testov" not in quote["before"] + quote["quote"] + quote["after"]
    doc = client.get(f"/api/documents/{ids['doc_h']}").json()
    assert "Ivan Testov" not in doc["text"] and len(doc["text"]) > 0


def test_documents(client, ids):
    listing = client.get("/api/documents").json()
    assert listing["total"] == 3
    doc = client.get(f"/api/documents/{ids['doc_a']}").json()
    assert len(doc["sha256"]) == 64
    for span in doc["spans"]:
        assert doc["text"][span["start"]:span["end"]] == span["quote"]
    assert {s["kind"] for s in doc["spans"]} >= {"incident", "claim", "cited_source"}
    original = client.get(f"/api/documents/{ids['doc_a']}/original")
    assert original.status_code == 200 and original.content.startswith(b"In May 2024")
    assert "attachment" in original.headers["content-disposition"]
    assert client.get("/api/documents/doc-nope").status_code == 404
    assert client.get("/api/documents/doc-nope/original").status_code == 404


def test_claims_groups_and_stories(client, ids):
    groups = client.get("/api/claims/groups").json()
    g = groups["items"][0]
    assert g["conflicts"][0]["id"] == "cfl-test"
    assert all(c["conflicting"] for c in g["claims"])
    assert client.get("/api/claims/groups?conflicted=true").json()["total"] == 1
    claims = client.get(f"/api/claims?document_id={ids['doc_b']}").json()
    assert claims["items"][0]["value"] == 2000 and claims["items"][0]["quote"] == "2,000 complaints"
    assert client.get("/api/claims?ungrouped=true").json()["total"] == 0
    story = client.get("/api/stories").json()["items"][0]
    copy = next(d for d in story["documents"] if d["role"] == "copy")
    assert copy["differences"] == [{"measure": "complaints", "figures": ["2000"],
                                    "origin_figures": ["200"]}]


def test_search(client):
    r = client.get("/api/search", params={"q": "pit Horlivka"}).json()
    assert len(r["documents"]) == 2 and r["documents"][0]["parts"]
    assert any(p["highlight"] for p in r["documents"][0]["parts"])
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert client.get("/api/search", params={"q": '"unbalanced'}).status_code == 200
    assert client.get("/api/search").status_code == 422


def test_set_status_conflict_and_history(client, ids):
    url = f"/api/incidents/{ids['cl_a']}/status"
    ok = client.post(url, json={"status": "verified", "note": "checked the video", "version": 1},
                     headers={"X-Rankfile-Actor": "alice"})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.post(url, json={"status": "rejected", "note": "no", "version": 1},
                        headers={"X-Rankfile-Actor": "bob"})
    assert stale.status_code == 409
    assert "alice" in stale.json()["detail"] and "reload" in stale.json()["detail"]
    inc = client.get(f"/api/incidents/{ids['cl_a']}").json()
    assert inc["status"] == "verified"
    assert inc["history"][0]["actor"] == "alice" and inc["history"][0]["note"] == "checked the video"
    assert client.post(url, json={"status": "verified", "note": "", "version": 2}).status_code == 422
    assert client.post(url, json={"status": "great", "note": "x", "version": 2}).status_code == 422
    missing = client.post("/api/incidents/icl-nope/status",
                          json={"status": "verified", "note": "x", "version": 1})
    assert missing.status_code == 404


def test_correct_fields(client, ids):
    url = f"/api/incidents/{ids['cl_h']}/fields"
    body = {"types": ["hazing"], "date": {"start": "2023-03-02", "end": "2023-03-02"},
            "place": {"name": "Bakhmut", "country": "ua", "lat": 48.59, "lon": 38.0,
                      "precision": "city"},
            "victims": {"count": 2}, "perpetrators": {"roles": ["fellow_soldiers"]},
            "note": "second report is clearer", "version": 1}
    r = client.post(url, json=body)
    assert r.status_code == 200, r.text
    inc = client.get(f"/api/incidents/{ids['cl_h']}").json()
    assert inc["types"] == ["hazing"] and inc["date_precision"] == "day"
    assert inc["country"] == "UA" and inc["victims_count"] == 2
    assert inc["perpetrator_roles"] == ["fellow_soldiers"]
    assert inc["history"][0]["action"] == "correct_fields"
    bad = {**body, "version": 2, "types": ["not_a_type"]}
    assert client.post(url, json=bad).status_code == 422
    assert client.post(url, json={**body, "version": 1}).status_code == 409
    assert client.post(url, json={"note": "nothing", "version": 2}).status_code == 422


def test_merge_and_split(client, ids):
    r = client.post(f"/api/incidents/{ids['cl_a']}/merge",
                    json={"other_id": ids["cl_b"], "note": "same pit, same men", "version": 1,
                          "other_version": 1})
    assert r.status_code == 200, r.text
    merged = client.get(f"/api/incidents/{ids['cl_a']}").json()
    assert merged["mentions"] == 2 and merged["documents"] == 2 and merged["origins"] == 1
    assert client.get("/api/incidents").json()["total"] == 2
    assert client.get(f"/api/incidents/{ids['cl_b']}").json()["merged_into"] == ids["cl_a"]
    again = client.post(f"/api/incidents/{ids['cl_a']}/merge",
                        json={"other_id": ids["cl_b"], "note": "x", "version": 2,
                              "other_version": 2})
    assert again.status_code == 422
    split = client.post(f"/api/incidents/{ids['cl_a']}/split",
                        json={"mention_ids": [ids["inc_b"]], "note": "different month",
                              "version": 2})
    assert split.status_code == 200, split.text
    new_id = split.json()["new_incident"]
    assert client.get(f"/api/incidents/{new_id}").json()["mentions"] == 1
    assert client.get("/api/incidents").json()["total"] == 3
    bad = client.post(f"/api/incidents/{ids['cl_a']}/split",
                      json={"mention_ids": [ids["inc_a"]], "note": "x", "version": 3})
    assert bad.status_code == 422  # would leave the incident empty


def test_add_incident_from_selection(client, ids):
    text = client.get(f"/api/documents/{ids['doc_a']}").json()["text"]
    start = text.index("200 complaints")
    r = client.post("/api/incidents", json={
        "document_id": ids["doc_a"], "start": start, "end": start + 14,
        "types": ["complaint"], "note": "complaints are incidents too"})
    assert r.status_code == 201, r.text
    inc = client.get(f"/api/incidents/{r.json()['id']}").json()
    assert inc["mentions_detail"][0]["evidence"][0]["quote"] == "200 complaints"
    for body in ({"start": 10, "end": 5}, {"start": 0, "end": 10 ** 6},
                 {"types": ["bogus"]}, {"document_id": "doc-nope"}):
        payload = {"document_id": ids["doc_a"], "start": 0, "end": 5, "types": ["complaint"],
                   "note": "x", **body}
        assert client.post("/api/incidents", json=payload).status_code in (404, 422)


def test_link_decision(client):
    r = client.post("/api/links/lnk-test-1/decision", json={"decision": "reject", "note": "no"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert client.post("/api/links/lnk-nope/decision",
                       json={"decision": "confirm", "note": "x"}).status_code == 404


def test_review_log_and_chain(client, ids):
    client.post(f"/api/incidents/{ids['cl_a']}/status",
                json={"status": "disputed", "note": "copies disagree", "version": 1})
    events = client.get("/api/review/events").json()
    assert events["total"] == 1 and events["items"][0]["action"] == "set_status"
    assert client.get("/api/review/verify").json() == {"ok": True, "events": 1, "bad_seq": None,
                                                       "problem": None}


def test_security_headers_everywhere(client):
    for url in ("/", "/api/incidents", "/incidents/nope", "/static/app.css"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_is_served(client):
    spec = client.get("/api/openapi.json").json()
    assert "/api/incidents" in spec["paths"] and "/api/incidents/{incident_id}/status" in spec["paths"]
    assert client.get("/api/docs").status_code == 200


def test_search_filters_by_kind_dates_and_publisher(client, ids):
    def docs(**params) -> list[str]:
        r = client.get("/api/search", params=params)
        assert r.status_code == 200, r.text
        return [d["document_id"] for d in r.json()["documents"]]

    assert set(docs(q="pit")) == {ids["doc_a"], ids["doc_b"]}
    assert docs(q="pit", publisher="field") == [ids["doc_a"]]
    assert docs(q="pit", published_from="2024-06-02") == [ids["doc_b"]]
    assert docs(q="pit", published_to="2024-06-02") == [ids["doc_a"]]
    assert docs(q="pit", kind="testimony") == [] and len(docs(q="pit", kind="news")) == 2
    found = client.get("/api/search", params={"q": "pit", "publisher": "copy desk"}).json()
    assert found["documents_total"] == 1 and all(
        i["id"] != ids["cl_a"] for i in found["incidents"])  # incidents of the kept documents
    for bad in ({"published_from": "2024-13-01"}, {"published_from": "2024-06-02",
                                                     "published_to": "2024-06-01"},
                {"kind": "nonsense"}):
        r = client.get("/api/search", params={"q": "pit", **bad})
        assert r.status_code == 422 and r.json()["detail"]


def test_search_page_keeps_its_filters(client, ids):
    html = client.get("/search", params={"q": "pit", "publisher": "Field",
                                         "published_from": "2024-01-01"}).text
    assert 'value="Field"' in html and 'value="2024-01-01"' in html
    assert html.count('class="snippet"') == 1
    assert client.get("/search", params={"q": "pit", "published_to": "x"}).status_code == 422
