from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.link.blocking import shared_key_pairs

KEYSETS = [{"a", "b", "c"}, {"a", "b", "c", "d"}, {"x", "y", "z"}, {"a", "x", "y", "z"}, {"b"}]


def _brute(keysets, max_df, min_shared):
    df = {}
    for ks in keysets:
        for k in ks:
            df[k] = df.get(k, 0) + 1
    rare = [{k for k in ks if df[k] <= max_df} for ks in keysets]
    return {(i, j) for i, j in combinations(range(len(keysets)), 2)
            if len(rare[i] & rare[j]) >= min_shared}


def test_pairs_sharing_enough_keys():
    assert shared_key_pairs(KEYSETS, max_df=10, min_shared=3).tolist() == [[0, 1], [2, 3]]


def test_common_keys_are_ignored():
    assert shared_key_pairs(KEYSETS, max_df=2, min_shared=1).tolist() == [[0, 1], [2, 3]]


def test_rows_limit_to_pairs_touching_them():
    assert shared_key_pairs(KEYSETS, max_df=10, rows=[4]).tolist() == [[0, 4], [1, 4]]


def test_groups_are_never_paired():
    assert shared_key_pairs(KEYSETS, max_df=10, min_shared=3, groups=[0, 0, 1, 2, 3]).tolist() == [[2, 3]]


def test_top_k_keeps_the_rarest_sharing_partner():
    # item 0 shares the rare key "r" with 1 and the common key "c" with 2..5
    keysets = [{"r", "c"}, {"r"}, {"c"}, {"c"}, {"c"}, {"c"}]
    pairs = {tuple(p) for p in shared_key_pairs(keysets, max_df=10, top_k=1).tolist()}
    assert (0, 1) in pairs


def test_containment_filter():
    keysets = [{"a", "b", "c"}, {"a", "b", "c", *map(str, range(20))}, {"a", "b", "c", "q"}]
    pairs = shared_key_pairs(keysets, max_df=10, min_shared=3, min_containment=0.5).tolist()
    assert pairs == [[0, 1], [0, 2], [1, 2]]  # containment is over the smaller item
    keysets[0] |= set("klmnoprstuvw")
    pairs = shared_key_pairs(keysets, max_df=10, min_shared=3, min_containment=0.5).tolist()
    assert pairs == [[0, 2], [1, 2]]  # 0 and 1: 3 of 15 keys


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sets(st.sampled_from("abcdefgh"), max_size=5), max_size=12),
       st.integers(min_value=1, max_value=6), st.integers(min_value=1, max_value=3))
def test_same_pairs_as_brute_force(keysets, max_df, min_shared):
    got = {tuple(p) for p in shared_key_pairs(keysets, max_df=max_df,
                                              min_shared=min_shared).tolist()}
    assert got == _brute(keysets, max_df, min_shared)
