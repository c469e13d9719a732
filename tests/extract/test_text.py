"""Sentence splitting (our own sentences)."""

from __future__ import annotations

from rankfile.extract.text import split_sentences


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
