from rankfile.link.incidents import link_incidents, pair_features, pair_score
from rankfile.link.pipeline import link_corpus


def test_same_occurrence_merged_across_copies(corpus):
    story_of = {"doc-a": "s1", "doc-b": "s1", "doc-c": "s1", "doc-d": "s2"}
    clusters, links = link_incidents(corpus, story_of)
    merged = [c for c in clusters if len(c.mentions) > 1]
    assert [c.mentions for c in merged] == [["inc-doc-a", "inc-doc-b"]]
    link = next(lk for lk in links if lk.status == "merged")
    assert link.features["names"] is True and "wording" in link.features


def test_different_occurrences_stay_apart(corpus):
    a, d = corpus[0].incidents[0], corpus[3].incidents[0]
    assert pair_score(pair_features(a, d, same_story=False, same_language=True)) < 0.42


def test_translation_gets_projected_mention_and_drift_is_a_conflict(corpus):
    result = link_corpus(corpus, use_model=False)
    cluster = next(c for c in result.clusters if "inc-doc-a" in c.mentions)
    projected = [m for m in result.projected if m.id in cluster.mentions]
    assert [m.document_id for m in projected] == ["doc-c"]
    ev = projected[0].incident.evidence[0]
    assert corpus[2].text[ev.start:ev.end] == ev.text and "Вареника" in ev.text
    kinds = {c.kind for c in result.conflicts if c.about == cluster.id}
    assert "incident_date" in kinds
    corro = next(c for c in result.corroboration if c.cluster_id == cluster.id)
    assert corro.independent_origins == 1 and corro.status == "contested"


def test_rejected_incident_link_is_respected(corpus):
    story_of = {"doc-a": "s1", "doc-b": "s1", "doc-c": "s1", "doc-d": "s2"}
    decisions = {("same_incident", "inc-doc-a", "inc-doc-b"): "rejected"}
    clusters, _ = link_incidents(corpus, story_of, decisions)
    assert all(len(c.mentions) == 1 for c in clusters)
