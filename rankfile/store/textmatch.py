"""Test and highlight plain text the way the full-text index matches documents.

Search finds documents with the database's index (FTS5 or PostgreSQL's ``tsvector``),
but two things it shows are made from text in Python: the snippets of the hits on a
page, and the incidents of those documents that match the query. Both follow the
index's rules so that what is highlighted and what is listed agree with what was
found: a query word matches a whole word, ignoring case and the accents of Latin
letters (FTS5's ``remove_diacritics``; "Kyiv" finds "Kyïv", Cyrillic "й" stays "й"),
a quoted phrase matches its words in a row with anything but letters and digits
between them, ``OR`` joins alternatives, ``-word`` excludes.

Why not the engine's own snippet function: FTS5's ``snippet()`` and PostgreSQL's
``ts_headline`` re-tokenise every shown document whole to score all its fragments
(about a fifth of a search's time on long documents); here a scan stops at the first
window holding every query word, which is usually in the first lines.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from rankfile.store.query import Term, parse_query

_LATIN = [(0x00C0, 0x0250), (0x1E00, 0x1F00)]  # Latin-1 to Latin Extended-B, Extended Additional
_WORDS = re.compile(r"[^\W_]+")  # the index's tokens: letters and digits, "_" separates
_BEFORE, _WIDTH = 50, 200  # snippet: characters before the first highlighted word, in all
_MAX_STEPS = 2_000  # matches looked at for the best window before settling for the best so far


def _base(ch: str) -> str:
    """``ch`` without its accent when it is a Latin letter with one, lower-cased."""
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if base.isascii() and base.isalpha() else ch.lower()


def _variants() -> dict[str, str]:
    """ASCII letter -> every accented Latin letter the index folds to it."""
    out: dict[str, str] = {}
    for lo, hi in _LATIN:
        for code in range(lo, hi):
            ch = chr(code)
            base = _base(ch)
            if base != ch.lower() and len(base) == 1:
                out[base] = out.get(base, "") + ch
    return out


_VARIANTS = _variants()


def _letter(ch: str, lowered: bool) -> str:
    """A regex for ``ch`` that also takes the accented forms the index folds to it."""
    base = _base(ch) if ch.isalpha() else ch
    extra = _VARIANTS.get(base)
    if not extra:
        return re.escape(base if lowered else ch)
    if lowered:  # only lower-case forms can occur in lower-cased text
        extra = "".join(sorted(set(extra.lower())))
    return f"[{re.escape(base)}{re.escape(extra)}]"


def _term_pattern(term: Term, lowered: bool) -> re.Pattern[str]:
    """A phrase of words as a regex: each a whole word, in a row, any separators between.

    The look-behind comes after the first letter so that the engine can skip ahead to
    where that letter occurs instead of trying the look-behind at every position.
    """
    words = [w for word in term.words for w in _WORDS.findall(word)]
    first, *rest = [[_letter(c, lowered) for c in w] for w in words]
    head = first[0]
    body = "".join(first[1:])
    for word in rest:
        body += r"[\W_]+" + "".join(word)
    return re.compile(rf"{head}(?<![^\W_]{head}){body}(?![^\W_])",
                      0 if lowered else re.IGNORECASE)


@dataclass(frozen=True)
class _Term:
    """One word or phrase: a pattern for lower-cased text, and one that ignores case itself
    (for the rare text whose ``lower()`` changes its length, such as one with "İ")."""

    lowered: re.Pattern[str]
    cased: re.Pattern[str]

    @classmethod
    def of(cls, term: Term) -> _Term:
        return cls(_term_pattern(term, True), _term_pattern(term, False))


def _subject(text: str) -> tuple[str, bool]:
    """What to run the patterns over: ``text`` lower-cased when that keeps every offset."""
    low = text.lower()
    return (low, True) if len(low) == len(text) else (text, False)


@dataclass(frozen=True)
class TextQuery:
    """A search query compiled for plain text: every OR-group must match, no exclusion may."""

    groups: tuple[tuple[_Term, ...], ...]
    excluded: tuple[_Term, ...]

    @property
    def positive(self) -> list[_Term]:
        """Every term a matching text may show (what gets highlighted)."""
        return list(dict.fromkeys(t for group in self.groups for t in group))

    def matches(self, text: str) -> bool:
        return self.matching([text]) == [0]

    def matching(self, texts: list[str]) -> list[int]:
        """Indexes of the ``texts`` that match, in order.

        The texts are scanned as one string, once per term: per-text calls cost more than
        the scan itself when there are thousands of short texts.
        """
        joined = "\x00".join(t.replace("\x00", " ") for t in texts)
        subject, lowered = _subject(joined)
        starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

        def holders(term: _Term) -> set[int]:
            pattern = term.lowered if lowered else term.cased
            found = set()
            for m in pattern.finditer(subject):
                i = bisect_right(starts, m.start()) - 1
                if i + 1 == len(starts) or m.end() < starts[i + 1]:  # not across two texts
                    found.add(i)
            return found

        hit: set[int] | None = None
        for group in self.groups:
            in_group = set().union(*(holders(t) for t in group))
            hit = in_group if hit is None else hit & in_group
            if not hit:
                return []
        assert hit is not None
        for term in self.excluded:
            hit -= holders(term)
        return sorted(hit)

    def snippet(self, text: str) -> list[tuple[str, bool]]:
        """About 30 words of ``text`` around the first place that shows most query words,
        as (text, highlighted?) parts; the start of the text when no word occurs."""
        subject, lowered = _subject(text)
        patterns = [t.lowered if lowered else t.cased for t in self.positive]
        start = _best_window(subject, patterns)
        if start is None:
            return _cut(text, 0, _end_of(text, _WIDTH), [])
        lo = _word_start(text, max(0, start - _BEFORE))
        hi = _end_of(text, lo + _WIDTH)
        marks = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(subject, lo, hi))
        return _cut(text, lo, hi, _merged(marks))


@lru_cache(maxsize=512)
def compile_query(query: str) -> TextQuery | None:
    """``query`` for plain text; None when it has nothing positive to look for."""
    groups: list[tuple[_Term, ...]] = []
    excluded: list[_Term] = []
    for item in parse_query(query.replace("\x00", " ")):
        terms = tuple(_Term.of(t) for t in (item if isinstance(item, list) else [item])
                      if any(_WORDS.search(w) for w in t.words))
        if not terms:
            continue
        if isinstance(item, list):
            groups.append(terms)
        else:
            excluded.extend(terms)
    if not groups:
        return None
    return TextQuery(tuple(groups), tuple(excluded))


def _best_window(text: str, patterns: list[re.Pattern[str]]) -> int | None:
    """Start of the first stretch of text a snippet is sure to show whole that holds the most
    distinct patterns (all of them, if any does); None when none occurs.

    The patterns' matches are merged in text order, lazily, so the scan ends at the first
    window that holds every pattern present.
    """
    span = _WIDTH - _BEFORE - 2 * _SLACK  # what a snippet always shows after its start
    found = [p.finditer(text) for p in patterns]
    heap = []
    for i, matches in enumerate(found):
        first = next(matches, None)
        if first is not None:
            heap.append((first.start(), first.end(), i))
    if not heap:
        return None
    heapq.heapify(heap)
    present = len(heap)
    window: deque[tuple[int, int]] = deque()  # (start, pattern) in the current window
    best = (0, heap[0][0])
    for _ in range(_MAX_STEPS):
        if not heap:
            break
        start, end, i = heapq.heappop(heap)
        following = next(found[i], None)
        if following is not None:
            heapq.heappush(heap, (following.start(), following.end(), i))
        window.append((start, i))
        while window[0][0] < end - span:
            window.popleft()
        distinct = len({j for _, j in window})
        if distinct > best[0]:
            best = (distinct, window[0][0])
            if distinct == present:
                break
    return best[1]


_NON_WORD = re.compile(r"\W")
_SLACK = 20  # characters a snippet's edge may move to fall between words


def _inside_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()


def _word_start(text: str, pos: int) -> int:
    """``pos`` moved forward to the start of a word, unless it already is one."""
    if not _inside_word(text, pos):
        return pos
    found = _NON_WORD.search(text, pos, pos + _SLACK)
    return found.end() if found else pos


def _end_of(text: str, pos: int) -> int:
    """``pos`` moved back to the end of a word, unless the word is very long."""
    cut = min(pos, len(text))
    while _inside_word(text, cut) and pos - cut < _SLACK:
        cut -= 1
    return pos if _inside_word(text, cut) else cut


def _merged(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in marks:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


_SPACES = re.compile(r"\s+")


def _cut(text: str, lo: int, hi: int, marks: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text[lo:hi]`` as parts, marks highlighted, whitespace runs as one space, "… " and
    " …" where the text goes on."""
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    parts: list[tuple[str, bool]] = [("… ", False)] if lo > 0 else []
    pos = lo
    for s, e in marks:
        if s > pos:
            parts.append((text[pos:s], False))
        parts.append((text[s:e], True))
        pos = e
    if hi > pos:
        parts.append((text[pos:hi], False))
    if hi < len(text):
        parts.append((" …", False))
    return [(_SPACES.sub(" ", t), h) for t, h in parts]
