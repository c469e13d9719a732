from rankfile.link.stories import candidate_pairs, features, link_stories, score_pair


def _groups(stories):
    return sorted(sorted(s.members) for s in stories)


def test_copies_and_translation_form_one_story(corpus):
    stories, links = link_stories(corpus, use_model=False)
    assert _groups(stories) == [["doc-a", "doc-b", "doc-c"], ["doc-d"]]
    story = next(s for s in stories if "doc-a" in s.members)
    assert story.origin == "doc-a"  # earliest published
    rules = {lk.rule for lk in links if lk.status == "merged"}
    assert "link.stories.translation" in rules


def test_links_are_explained(corpus):
    feats = features(corpus, use_model=False)
    link = score_pair(feats["doc-a"], feats["doc-b"])
    assert link is not None and {"shingles", "terms"} <= set(link.features)


def test_unrelated_reports_are_not_candidates(corpus):
    feats = features(corpus, use_model=False)
    assert not any("doc-d" in p for p in candidate_pairs(feats))


def test_rejected_copy_link_stays_rejected(corpus):
    decisions = {("copy", "doc-a", "doc-b"): "rejected", ("copy", "doc-b", "doc-c"): "rejected"}
    stories, _ = link_stories(corpus, use_model=False, decisions=decisions)
    assert ["doc-b"] in _groups(stories)
