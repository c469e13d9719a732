from hypothesis import given
from hypothesis import strategies as st

from rankfile.link.claims import claim_conflicts, differ, link_claims
from rankfile.link.text import number_value


def test_drifted_figure_is_a_claim_conflict(corpus):
    story_of = {"doc-a": "s1", "doc-b": "s1", "doc-c": "s1", "doc-d": "s2"}
    groups, _ = link_claims(corpus, story_of)
    claims = [c for d in corpus for c in d.claims]
    conflicts = claim_conflicts(groups, claims)
    assert len(conflicts) == 1
    assert sorted(v.value for v in conflicts[0].values) == [14, 41]


def test_rounding_is_not_a_conflict():
    assert not differ(50000, 50500)
    assert differ(50000, 300000)


@given(st.integers(min_value=1000, max_value=10**9))
def test_number_formats_agree(n):
    assert number_value(f"{n:,}") == n
    assert number_value(f"{n:,}".replace(",", " ")) == n
