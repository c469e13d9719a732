"""Linking rules that raise recall without merging different occurrences or figures."""

from hypothesis import given
from hypothesis import strategies as st

from rankfile.link.claims import claim_conflicts, link_claims
from rankfile.link.corpus import ClaimMention, CorpusDocument, IncidentMention, Link
from rankfile.link.incidents import mention_features, pair_features, promote_mutual_best
from rankfile.link.text import name_stem
from rankfile.records import Claim, Evidence, Incident, Location


def _mention(mid: str, doc: str, text: str, *, place: Location | None = None,
             types: tuple = ("physical_assault",)) -> IncidentMention:
    inc = Incident(id=mid, kind="incident", types=list(types),
                   evidence=[Evidence.of(text, 0, len(text))], location=place)
    return IncidentMention(mid, doc, inc)


def test_country_level_place_is_unknown_not_a_disagreement():
    text = "A sergeant beat a conscript in Kantemirovka in June 2024."
    a = _mention("a", "d1", text, place=Location(text="Kantemirovka", name="Kantemirovka",
                                                  country="RU", precision="city"))
    b = _mention("b", "d2", text, place=Location(text="RU", country="RU", precision="country"))
    assert mention_features(b).place is None
    assert pair_features(a, b, same_story=False, same_language=True)["place"] == 1.0


def test_place_named_in_the_other_evidence_agrees():
    a = _mention("a", "d1", "Guards locked 12 recruits in a pit near Kreminna in Luhansk.",
                 place=Location(text="Luhansk", name="Luhansk", country="UA", precision="admin1"))
    b = _mention("b", "d2", "Twelve recruits were held in a pit at Kreminna.",
                 place=Location(text="Kreminna", name="Kreminna", country="UA", precision="city"))
    c = _mention("c", "d3", "Recruits were held in a pit at Svatove.",
                 place=Location(text="Svatove", name="Svatove", country="UA", precision="city"))
    assert pair_features(a, b, same_story=False, same_language=True)["place"] == 1.0
    assert pair_features(b, c, same_story=False, same_language=True)["place"] == 0.0


def test_transliteration_variants_share_a_stem():
    assert name_stem("Maxim") == name_stem("Максим")
    assert name_stem("Aleksandr") == name_stem("Alexandr")
    assert name_stem("Zaitseve") == name_stem("Зайцеве")


@given(st.text(alphabet="abcdefghiklmnoprstuvyz", min_size=1, max_size=12))
def test_stem_is_stable_and_short(word):
    stem = name_stem(word)
    assert stem == name_stem(word.upper()) and len(stem) <= 5


def _link(a: str, b: str, score: float, same_story: bool = True, terms: float = 0.8) -> Link:
    return Link("same_incident", a, b, score, {"same_story": same_story, "terms": terms},
                "proposed", "link.incidents")


def test_mutual_best_copies_merge_only_when_both_prefer_each_other():
    doc_of = {"a1": "A", "a2": "A", "b1": "B", "c1": "C"}
    links = [_link("a1", "b1", 0.5), _link("a2", "b1", 0.45),
             _link("a1", "c1", 0.5, same_story=False), _link("a2", "c1", 0.44, terms=0.2)]
    promote_mutual_best(links, doc_of)
    assert [lk.status for lk in links] == ["merged", "proposed", "proposed", "proposed"]
    assert links[0].features["mutual_best"] is True


def _doc(doc_id: str, text: str, needle: str, value: float, unit: str | None,
         measure: str, attributed: str | None) -> CorpusDocument:
    doc = CorpusDocument(id=doc_id, name=doc_id, text=text, language="en")
    start = text.index(needle)
    doc.claims = [ClaimMention(f"c-{doc_id}", doc_id, Claim(
        id="C1", value=value, evidence=[Evidence.of(text, start, start + len(needle))],
        unit=unit, measure=measure, attributed_to=attributed))]
    return doc


def test_copies_restating_a_figure_in_another_currency_conflict():
    a = _doc("d1", "The colonel took 40,000 dollars from each recruit, a witness said.",
             "The colonel took 40,000 dollars from each recruit, a witness said.", 40000, "USD",
             "bribe payment", "a witness")
    b = _doc("d2", "The colonel took the equivalent of 45,000 euros from each recruit, Kyiv Wire said.",
             "The colonel took the equivalent of 45,000 euros from each recruit, Kyiv Wire said.",
             45000, "EUR", "payment", "Kyiv Wire")
    c = _doc("d3", "The colonel took 4,000,000 roubles from each recruit, a witness said.",
             "The colonel took 4,000,000 roubles from each recruit, a witness said.", 4000000,
             "RUB", "payment", "a witness")
    claims = [*a.claims, *b.claims, *c.claims]
    groups, _ = link_claims([a, b, c], {"d1": "s", "d2": "s", "d3": "s"})
    conflicts = claim_conflicts(groups, claims)
    assert [sorted(v.value for v in cf.values) for cf in conflicts] == [[40000, 45000]]
    groups, _ = link_claims([a, b], {"d1": "s1", "d2": "s2"})
    assert all(len(g.members) == 1 for g in groups)  # other stories: currencies never mix


def test_projection_prefers_the_report_sentence_over_its_headline():
    from rankfile.link.corpus import IncidentCluster, Story
    from rankfile.link.projection import project_mentions

    sentence = "Sergeant Orlov beat Private Dmitry Belov in Chebarkul, relatives said."
    src_text = "Recruit beaten\n" + sentence
    src = CorpusDocument(id="d1", name="d1", text=src_text, language="en")
    m1 = _mention("m1", "d1", sentence)
    start = src_text.index(sentence)
    m1.incident.evidence = [Evidence.of(src_text, start, start + len(sentence))]
    src.incidents = [m1]
    tgt_text = ("Private Belov beaten in Chebarkul\n"
                "Relatives say Private Belov was beaten at the Chebarkul range.")
    tgt = CorpusDocument(id="d2", name="d2", text=tgt_text, language="en")
    story = Story(id="s", members=["d1", "d2"], origin="d1")
    cluster = IncidentCluster(id="c", mentions=["m1"], kind="incident", types=["physical_assault"])
    projected = project_mentions([src, tgt], [story], [cluster], src.incidents)
    assert [m.incident.evidence[0].text for m in projected] == [
        "Relatives say Private Belov was beaten at the Chebarkul range."]
    assert cluster.mentions == sorted(["m1", projected[0].id])


def test_sentence_initial_numerals_are_not_names():
    from rankfile.link.text import key_terms

    assert key_terms("Одна из матерей, Людмила Орехова, рассказала.") == {
        name_stem("Людмила"), name_stem("Орехова")}
    assert name_stem("Shestakova") in key_terms("Marina Shestakova said.")
