"""Sentences and tokens over a document's normalised text.

A blank spaCy pipeline gives a real tokenizer (and Matcher/PhraseMatcher for the
lexicon components) without any model download; sentence boundaries come from its
rule-based sentencizer plus paragraph breaks. Offsets always refer to the text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int
    paragraph: int


_PARA = re.compile(r"\n\s*\n|\n(?=\s*[A-ZА-ЯЁІЇЄҐ\"“‘«])")


@cache
def nlp(language: str = "en") -> Language:
    """A blank pipeline for ``language`` (falls back to multilingual 'xx')."""
    try:
        pipeline = spacy.blank(language)
    except Exception:  # noqa: BLE001 - unknown language code
        pipeline = spacy.blank("xx")
    pipeline.add_pipe("sentencizer")
    pipeline.max_length = 20_000_000
    return pipeline


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_OPEN_CLOSE = (("“", "”"), ("«", "»"), ("„", "“"))
_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")


def _open_quotes(chunk: str) -> bool:
    """Whether a quotation opened in ``chunk`` is still open at its end."""
    for left, right in _OPEN_CLOSE:
        if chunk.count(left) > chunk.count(right):
            return True
    if chunk.count('"') % 2:
        return True
    singles = _APOSTROPHE.sub("", chunk)
    return singles.count("‘") > singles.count("’")


def _merge_quoted(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sentences split inside a quotation are one sentence: the quote belongs to its speaker."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _open_quotes(text[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Sentences with character offsets, never crossing a paragraph or line break."""
    out: list[Sentence] = []
    pipeline = nlp(language)
    paragraphs = _paragraphs(text)
    docs = pipeline.pipe(text[s:e] for s, e in paragraphs)  # one batch: less per-call overhead
    for p_index, ((p_start, _p_end), doc) in enumerate(zip(paragraphs, docs, strict=True)):
        spans = []
        for sent in doc.sents:
            s = p_start + sent.start_char
            e = p_start + sent.end_char
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if spans and spans[-1][1] == s and text[s - 1] == "." and text[s].isalnum():
                spans[-1] = (spans[-1][0], e)  # "Idel.Realii": a dot with no space ends no sentence
            elif e > s:
                spans.append((s, e))
        for s, e in _merge_quoted(spans, text):
            out.append(Sentence(s, e, text[s:e], len(out), p_index))
    return out
