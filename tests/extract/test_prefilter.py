"""The prefiltered scanner must find exactly what a plain ``finditer`` finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.extract.incidents import incident_lexicon, lowered
from rankfile.extract.lexicon import alternation, compile_words
from rankfile.extract.prefilter import (
    Labeller,
    Scanner,
    Vocabulary,
    canonical,
    finditer_from,
    may_match,
    plan,
    required_literals,
)

WORDS = ["beaten", "beat", "the", "commander", "kept", "in", "a", "pit", "cage", "Ivan", "roubles", "200,000",
         "paid", "tied", "to", "tree", "ſoldier", "İvan", "could", "not", "verify", "sent", "back", "front",
         "without", "food", "water", "Sergeant", "Major", "Petrov", "MP", "Dr", "executed", "shot", "by"]
SEPARATORS = [" ", " ", " ", ". ", ".\n", "\n\n", "; ", "! ", ", ", "?", "  ", "-", "’"]

texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda parts: "".join(w + s for w, s in parts))


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=150, deadline=None)
@given(texts)
def test_lexicon_patterns_match_exactly_as_finditer(text: str) -> None:
    lex = incident_lexicon("en")
    low = lowered(text)
    scan = Scanner(low)
    for patterns in lex.types.values():
        for pattern in patterns:
            assert _spans(scan.finditer(pattern)) == _spans(pattern.finditer(low))


@settings(max_examples=150, deadline=None)
@given(texts)
def test_case_insensitive_patterns_match_exactly(text: str) -> None:
    lex = incident_lexicon("en")
    scan = Scanner(text)
    probe = canonical(text)
    for patterns in (lex.harms, lex.caveats, lex.roles, lex.triggers):
        for pattern in patterns.values():
            assert _spans(scan.finditer(pattern)) == _spans(pattern.finditer(text))
            if pattern.search(text):
                assert may_match(pattern, probe)


def test_required_literals_of_a_sequence_and_a_branch() -> None:
    parsed = re.compile(r"(?:tied|chained)(?: \w+){0,4} to (?:a |the )?(?:tree|post)s?").pattern
    options = required_literals(re._parser.parse(parsed))
    assert options  # the most selective requirements, each one necessary
    assert set(options) <= {frozenset({"tied", "chained"}), frozenset({" to "}), frozenset({"tree", "post"})}
    assert options == required_literals(re._parser.parse(parsed))  # the same plan every time


def test_optional_parts_require_nothing() -> None:
    assert plan(re.compile(r"(?:beat)?\w+")).literals == ()


def test_patterns_that_can_cross_a_full_stop_scan_whole_lines() -> None:
    p = re.compile(r"paid(?: [^\s;]+){0,5} roubles")
    assert plan(p).splitter is not None and plan(p).splitter.pattern == "\n"
    text = "He paid 1.5 million roubles. Then"
    assert _spans(Scanner(text).finditer(p)) == _spans(p.finditer(text))


def test_canonical_folds_case_classes_re_knows() -> None:
    assert canonical("ſoldier İvan") == "soldier ivan"
    assert len(canonical("Straße İ")) == len("Straße İ")
    assert may_match(compile_words("soldier"), canonical("ſoldier"))


def test_alternation_keeps_which_alternative_wins() -> None:
    words = ["sergeant", "sergeant major", "soldier", "Dr", "deputy", "MP", "mayor"]
    grouped = re.compile(rf"\b(?i:{alternation(words, ignore_case=True)})\s+([A-Z]\w+)")
    plain = re.compile(rf"\b(?i:{'|'.join(words)})\s+([A-Z]\w+)")
    text = "Sergeant Major Ivanov and mp Orlov met Deputy Sokolov, mayor Petrova and dr Kim."
    assert [m.span(1) for m in grouped.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
    case = alternation(["MP", "mayor"], ignore_case=False)
    assert re.fullmatch(case, "MP") and not re.fullmatch(case, "mp")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=40))
def test_finditer_from_every_possible_start_is_finditer(text: str) -> None:
    pattern = re.compile(r"\bab+(?: a)?")
    starts = [i for i in range(len(text)) if text.startswith("a", i)]  # every match begins with "a"
    assert [m.span() for m in finditer_from(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(texts)
def test_scanner_with_a_vocabulary_matches_exactly(text: str) -> None:
    lex = incident_lexicon("en")
    low = lowered(text)
    scan = Scanner(low, lex.vocabulary)
    for patterns in lex.types.values():
        for pattern in patterns:
            assert _spans(scan.finditer(pattern)) == _spans(pattern.finditer(low))
    # a case-sensitive pattern run over the original through the lowercased scanner
    assert _spans(scan.finditer(lex.incident_cues, text)) == _spans(lex.incident_cues.finditer(text))


@settings(max_examples=150, deadline=None)
@given(texts)
def test_labeller_finds_what_searching_every_pattern_finds(text: str) -> None:
    lex = incident_lexicon("en")
    for patterns in (lex.harms, lex.caveats, lex.roles, lex.triggers, lex.evidence_kinds):
        labeller = Labeller(patterns)
        assert labeller.matching(text) == [label for label, p in patterns.items() if p.search(text)]


def test_vocabulary_of_words_gives_every_start() -> None:
    vocab = Vocabulary((), words=["Major", "major general", "general"])
    assert vocab.starts(canonical("Major General Petrov and a general")) == [0, 6, 27]
