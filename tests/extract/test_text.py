"""Sentence splitting (our own sentences)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.extract.text import _punct_ids, nlp, sentence_spans, split_sentences


def test_a_dot_inside_a_name_ends_no_sentence() -> None:
    text = "Reporters at Idel.Realii found that 20 men were beaten. Then they left."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Reporters at Idel.Realii found that 20 men were beaten.",
        "Then they left.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_ordinary_sentences_still_split() -> None:
    assert len(split_sentences("He said so. Then he left. It was May.")) == 3


# --- the sentencizer rule over token arrays is spaCy's Sentencizer, exactly -----------------

PIECES = ["Mr.", "Smith", "said", ".", "!", "?", "...", "\"", "”", "»", ")", "(", "U.S.", "5.5", "km",
          "no", "?!", "«", "—", ",", ";", ":", "Idel.Realii", "Да", "сказал", "。", "\n", "  ", "'"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(["en", "ru", "uk"]))
def test_sentence_spans_are_the_sentencizers(pieces: list[str], language: str) -> None:
    text = " ".join(pieces)
    pipeline = nlp(language)
    expected = [(s.start_char, s.end_char) for s in pipeline(text).sents]
    assert sentence_spans(pipeline.tokenizer(text), _punct_ids(language)) == expected
