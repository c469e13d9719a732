"""A small store for web tests: three documents we wrote, one of them hostile HTML-ish text."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rankfile.records import (
    CitedSource,
    Claim,
    DateValue,
    Evidence,
    Extraction,
    Incident,
    Location,
    Perpetrators,
    SourceDocument,
    Victims,
)
from rankfile.review import ensure_clusters
from rankfile.review.clusters import singleton_cluster_id
from rankfile.store import Store, add_document
from rankfile.store.extractions import claim_row_id, incident_row_id
from rankfile.store.tables import (
    claim_group_members,
    claim_groups,
    conflicts,
    links,
    stories,
    story_members,
)

A = ("In May 2024 officers of a rifle regiment locked four mobilised men in a pit near "
     "Horlivka for refusing to advance, the Field Ledger reported, citing a relative. "
     "According to the regional ombudsman, 200 complaints were filed that spring.")
B = ("A rewrite: in May 2024 officers locked four mobilised men in a pit near Horlivka. "
     "According to the regional ombudsman, 2,000 complaints were filed that spring.")
HOSTILE = ("Private Ivan Testov was beaten by a sergeant in 2023 near Bakhmut. "
           "<script>alert('x')</script> and <img src=x onerror=alert(1)> were in the page.")


def _span(text: str, words: str) -> Evidence:
    i = text.index(words)
    return Evidence.of(text, i, i + len(words))


def _pit(text: str, words: str) -> Incident:
    return Incident(
        id="inc-1", kind="incident", types=["unlawful_confinement"], evidence=[_span(text, words)],
        date=DateValue(text="May 2024", start="2024-05-01", end="2024-05-31", precision="month",
                       month=5, year=2024),
        location=Location(text="near Horlivka", name="Horlivka", country="UA", admin1="Donetsk",
                          lat=48.3, lon=38.05, precision="near"),
        victims=Victims(count=4, description="mobilised men"),
        perpetrators=Perpetrators(roles=["commander"]), triggers=["refusing_order"],
        confidence=0.8, rules=["test.rule"])


def _claim(text: str, words: str, value: float) -> Claim:
    return Claim(id="clm-1", value=value, evidence=[_span(text, words)], measure="complaints",
                 attributed_to="regional ombudsman", rules=["test.numbers"])


def build_store(store: Store) -> dict[str, str]:
    """Fill ``store``; return the ids tests need."""
    ids: dict[str, str] = {}
    docs = [
        ("a", A, Extraction(
            incidents=[_pit(A, "locked four mobilised men in a pit")],
            claims=[_claim(A, "200 complaints", 200)],
            sources_cited=[CitedSource(name="Field Ledger", kind="outlet", relation="reported",
                                       evidence=[_span(A, "the Field Ledger reported")])],
            extractor_version="t1"), date(2024, 6, 1)),
        ("b", B, Extraction(
            incidents=[_pit(B, "locked four mobilised men in a pit")],
            claims=[_claim(B, "2,000 complaints", 2000)], extractor_version="t1"),
         date(2024, 6, 3)),
        ("h", HOSTILE, Extraction(incidents=[Incident(
            id="inc-1", kind="incident", types=["physical_assault"],
            evidence=[_span(HOSTILE, "was beaten by a sergeant")],
            date=DateValue(text="2023", start="2023-01-01", end="2023-12-31", precision="year",
                           year=2023),
            victims=Victims(count=1, names=["Ivan Testov"]),
            perpetrators=Perpetrators(roles=["commander"]), rules=["test.rule"])],
            extractor_version="t1"), date(2023, 8, 1)),
    ]
    for key, text, extraction, published in docs:
        doc = SourceDocument(text=text, original=text.encode(), source_format="txt",
                             name=f"report-{key}", title=f"Report {key.upper()} <b>bold</b>",
                             publisher="Field Ledger" if key == "a" else "Copy Desk",
                             published=published, kind="news")
        res = add_document(store, doc, extraction)
        ids[f"doc_{key}"] = res.document_id
        ids[f"inc_{key}"] = incident_row_id(res.document_id, "inc-1")
        ids[f"cl_{key}"] = singleton_cluster_id(ids[f"inc_{key}"])
    now = datetime.now(UTC)
    with store.write() as conn:
        ensure_clusters(conn)
        conn.execute(links.insert().values(
            id="lnk-test-1", kind="same_incident", source_kind="cluster", source_id=ids["cl_a"],
            target_kind="cluster", target_id=ids["cl_b"], status="proposed", score=0.9,
            features={}, rule="test.link", created=now, updated=now))
        conn.execute(stories.insert().values(id="sty-test", title="The pit story",
                                             origin_document_id=ids["doc_a"], summary={},
                                             status="proposed", version=1, created=now,
                                             updated=now))
        conn.execute(story_members.insert(), [
            {"story_id": "sty-test", "document_id": ids["doc_a"], "role": "origin",
             "similarity": 1.0},
            {"story_id": "sty-test", "document_id": ids["doc_b"], "role": "copy",
             "similarity": 0.8}])
        conn.execute(claim_groups.insert().values(id="cgr-test", measure="complaints",
                                                  party=None, summary={}, status="proposed",
                                                  version=1, created=now, updated=now))
        ca, cb = claim_row_id(ids["doc_a"], "clm-1"), claim_row_id(ids["doc_b"], "clm-1")
        conn.execute(claim_group_members.insert(), [
            {"group_id": "cgr-test", "claim_id": ca, "document_id": ids["doc_a"], "score": 1.0},
            {"group_id": "cgr-test", "claim_id": cb, "document_id": ids["doc_b"], "score": 0.9}])
        conn.execute(conflicts.insert().values(
            id="cfl-test", kind="figure", group_kind="claim_group", group_id="cgr-test",
            a_kind="claim", a_id=ca, b_kind="claim", b_id=cb,
            description="200 complaints against 2,000 complaints", details={}, status="open",
            created=now))
    return ids
