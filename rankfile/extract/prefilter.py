"""Cheap, exact prefilters for lexicon regexes, derived from the patterns themselves.

Scanning a report with ~100 lexicon patterns costs one full regex pass each. Most patterns
can only match where one of a few literal words occurs ("beat", "cage", "roubles"), and
most cannot match across a line break or a full stop. From the parsed pattern
(``re._parser``) we derive both facts once, then run the regex only over the stretches of
text (lines or sentence-like segments) that contain one of its literals. The matches are
exactly those of ``pattern.finditer(text)``: nothing here is a heuristic.
"""

from __future__ import annotations

import _sre
import bisect
import re
import re._casefix as _casefix
import re._constants as C
import re._parser as P
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

import ahocorasick

# Characters at which we cut a text into segments; a pattern that can never match one of
# them can only match inside one segment.
LINE_BREAKS = "\n"
SENTENCE_BREAKS = "\n.!?;"
_LINE_RE = re.compile("\n")
_SENTENCE_RE = re.compile(r"[\n.!?;]")
_ANCHORS = {C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_BEGINNING_LINE, C.AT_END, C.AT_END_STRING,
            C.AT_END_LINE}
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
Requirement = tuple[frozenset[str], ...]  # all options must show; () requires nothing
K = TypeVar("K")
MAX_OPTIONS = 2  # more literal sets cost more look-ups than they save


class _Canon(dict):
    """Character -> the representative of its re.IGNORECASE class (filled on demand)."""

    def __missing__(self, code: int) -> str:
        low = _sre.unicode_tolower(code)
        rep = chr(min((low, *_casefix._EXTRA_CASES.get(low, ()))))
        self[code] = rep
        return rep


_CANON = _Canon()


def canonical(text: str) -> str:
    """``text`` with every character replaced by the representative of its case class.

    Same length as ``text``; a (case-insensitive or not) match of a literal at some offset
    shows as the canonical literal at that offset. ASCII takes the fast path.
    """
    return text.lower() if text.isascii() else text.translate(_CANON)


def _rank(option: frozenset[str]) -> tuple[int, int, list[str]]:
    """Selectivity of an option: longest shortest literal first, then fewest alternatives
    (then alphabetical, so every process makes the same plan)."""
    return -min(map(len, option)), len(option), sorted(option)


def required_literals(items: P.SubPattern | list, flags: int = 0) -> Requirement:
    """What every match of the parsed sequence ``items`` contains: for each option (a set of
    canonical strings, see :func:`canonical`) at least one of its strings. Best options first."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            options.append(frozenset([canonical("".join(run))]))
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is C.SUBPATTERN:
            _group, add, remove, sub = av
            if not add and not remove:
                options.extend(required_literals(sub, flags))
        elif op is C.ATOMIC_GROUP:
            options.extend(required_literals(av, flags))
        elif op is C.BRANCH:
            branches = [required_literals(b, flags) for b in av[1]]
            if branches and all(branches):
                options.append(frozenset().union(*(b[0] for b in branches)))
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                options.extend(required_literals(sub, flags))
    close()
    return tuple(sorted(set(options), key=_rank)[:MAX_OPTIONS])


def _class_accepts(items: list, ch: str, flags: int) -> bool:
    negate = False
    hit = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit = hit or _same(chr(av), ch, flags)
        elif op is C.RANGE:
            lo, hi = av
            hit = hit or lo <= ord(ch) <= hi or (bool(flags & re.I) and (
                lo <= ord(ch.lower()) <= hi or lo <= ord(ch.upper()[0]) <= hi))
        elif op is C.CATEGORY:
            hit = hit or bool(re.fullmatch(_CATEGORIES.get(av, r"[\s\S]"), ch))
        else:
            return True  # unknown set item: assume it may match
    return hit != negate


def _same(a: str, b: str, flags: int) -> bool:
    return a == b or (bool(flags & re.I) and a.lower() == b.lower())


def touched(items: P.SubPattern | list, chars: str, flags: int = 0) -> set[str]:
    """The characters of ``chars`` that some part of the pattern (lookarounds included) could
    match or test, all of them when it depends on where the string ends (anchors): a pattern
    touching none of them can be run per segment. One walk of the parse tree for all."""
    hits: set[str] = set()
    flags = int(flags)  # RegexFlag arithmetic is an order of magnitude slower than int
    for op, av in items:
        left = [c for c in chars if c not in hits]
        if not left:
            break
        if op is C.LITERAL:
            hits.update(c for c in left if _same(chr(av), c, flags))
        elif op is C.NOT_LITERAL:
            hits.update(c for c in left if not _same(chr(av), c, flags))
        elif op is C.ANY:
            hits.update(c for c in left if c != "\n" or flags & re.S)
        elif op is C.IN:
            hits.update(c for c in left if _class_accepts(av, c, flags))
        elif op is C.AT:
            if av in _ANCHORS:
                hits.update(left)
        elif op is C.SUBPATTERN:
            _group, add, remove, sub = av
            hits |= touched(sub, "".join(left), (flags | add) & ~remove)
        elif op is C.ATOMIC_GROUP:
            hits |= touched(av, "".join(left), flags)
        elif op is C.BRANCH:
            for b in av[1]:
                hits |= touched(b, "".join(c for c in left if c not in hits), flags)
        elif op in _REPEATS:
            hits |= touched(av[2], "".join(left), flags)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            hits |= touched(av[1], "".join(left), flags)
        else:
            hits.update(left)  # back-references, conditionals, anything new: be safe
    return hits


@dataclass(frozen=True)
class Plan:
    """How to scan with one pattern: its literals and the segmentation it allows."""

    pattern: re.Pattern[str]
    literals: Requirement
    splitter: re.Pattern[str] | None  # None: scan the whole text


@cache
def plan(pattern: re.Pattern[str]) -> Plan:
    """The scanning plan of a compiled pattern (computed once per pattern and process)."""
    parsed = P.parse(pattern.pattern, pattern.flags)
    flags = parsed.state.flags
    if parsed.getwidth()[0] == 0:
        return Plan(pattern, (), None)
    literals = required_literals(parsed, flags)
    touches = touched(parsed, SENTENCE_BREAKS, flags)
    if not touches:
        splitter = _SENTENCE_RE
    elif not touches & set(LINE_BREAKS):
        splitter = _LINE_RE
    else:
        splitter = None
    return Plan(pattern, literals, splitter)


@cache
def _finder(literal: str) -> re.Pattern[str]:
    return re.compile(re.escape(literal))


def may_match(pattern: re.Pattern[str], probe: str) -> bool:
    """False when ``pattern`` surely finds nothing in the text whose :func:`canonical` form is
    ``probe``: a cheap test before a search over a short text."""
    literals = plan(pattern).literals
    return not literals or _any_of(literals[0]).search(probe) is not None


@cache
def _any_of(option: frozenset[str]) -> re.Pattern[str]:
    """Finds any literal of the option in one C-level scan."""
    return re.compile("|".join(map(re.escape, sorted(option, key=len, reverse=True))))


class Vocabulary:
    """The literals of a fixed set of patterns, found together in one Aho-Corasick pass.

    A lexicon has hundreds of literals; counting each with ``str.count`` costs a Python call
    per literal and text, one automaton pass costs one C scan plus a step per occurrence.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]], min_length: int = 1,
                 words: Iterable[str] = ()) -> None:
        # very short literals ("e", "ed") occur everywhere: locating them costs more than it saves
        self.literals = frozenset(lit for p in patterns for option in plan(p).literals for lit in option
                                  if len(lit) >= min_length) | {canonical(w) for w in words}
        self._automaton = ahocorasick.Automaton()
        for lit in self.literals:
            self._automaton.add_word(lit, lit)
        if self.literals:
            self._automaton.make_automaton()

    def positions(self, probe: str) -> dict[str, list[int]]:
        """Start offsets of every occurrence (overlaps included) of each literal in ``probe``."""
        found: dict[str, list[int]] = {}
        if not self.literals:
            return found
        for end, lit in self._automaton.iter(probe):
            start = end - len(lit) + 1
            at = found.get(lit)
            if at is None:
                found[lit] = [start]
            else:
                at.append(start)
        return found

    def starts(self, probe: str) -> list[int]:
        """Every offset where one of the literals begins, ascending."""
        return sorted({end - len(lit) + 1 for end, lit in self._automaton.iter(probe)}) if self.literals else []

    def present(self, probe: str) -> set[str]:
        """The literals that occur in ``probe``."""
        if not self.literals:
            return set()
        return {lit for _end, lit in self._automaton.iter(probe)}


def finditer_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match must begin at one of ``starts`` (ascending):
    the pattern is tried only there."""
    pos = 0
    for start in starts:
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m:
            yield m
            pos = max(m.end(), m.start() + 1)


class Labeller(Generic[K]):
    """Which of several labelled patterns match a short text.

    One automaton pass tells which literals occur; only the patterns whose required literals
    all occur are searched. Same answer as searching every pattern.
    """

    def __init__(self, patterns: dict[K, re.Pattern[str]]) -> None:
        self.patterns = patterns
        self._vocabulary = Vocabulary(patterns.values())
        self._order = {label: i for i, label in enumerate(patterns)}
        self._always = {label for label, p in patterns.items() if not plan(p).literals}
        self._by_literal: dict[str, set[K]] = {}
        for label, p in patterns.items():
            for lit in next(iter(plan(p).literals), ()):
                self._by_literal.setdefault(lit, set()).add(label)

    def candidates(self, text: str) -> list[K]:
        """The labels (in the patterns' order) whose pattern may match ``text``: a superset of
        :meth:`matching`."""
        present = self._vocabulary.present(canonical(text))
        found = set(self._always)
        for lit in present:
            found |= self._by_literal.get(lit, set())
        return [label for label in sorted(found, key=self._order.__getitem__)
                if all(not option.isdisjoint(present) for option in plan(self.patterns[label]).literals)]

    def matching(self, text: str) -> list[K]:
        """The labels whose pattern finds something in ``text``, in the patterns' order."""
        return [label for label in self.candidates(text) if self.patterns[label].search(text)]


class Scanner:
    """One text, many patterns: literal positions and segment bounds are computed once.

    ``haystack`` is the text the patterns run on. With a ``vocabulary``, the literals of its
    patterns are located in one pass; other patterns fall back to ``str.count``.
    """

    def __init__(self, haystack: str, vocabulary: Vocabulary | None = None) -> None:
        self.text = haystack
        self.probe = canonical(haystack)
        self._cuts: dict[re.Pattern[str], list[int]] = {}
        self._known = vocabulary.literals if vocabulary else frozenset()
        self._positions = vocabulary.positions(self.probe) if vocabulary else {}
        self._counts: dict[str, int] = {}

    def _bounds(self, splitter: re.Pattern[str]) -> list[int]:
        cuts = self._cuts.get(splitter)
        if cuts is None:
            cuts = [m.start() for m in splitter.finditer(self.text)]
            self._cuts[splitter] = cuts
        return cuts

    def _count(self, option: frozenset[str]) -> int:
        """How often the option's literals occur (no Python loop per occurrence)."""
        total = 0
        for lit in option:
            if lit in self._known:
                total += len(self._positions.get(lit, ()))
                continue
            n = self._counts.get(lit)
            if n is None:
                n = self._counts[lit] = self.probe.count(lit)
            total += n
        return total

    def _starts(self, lit: str) -> Iterable[int]:
        if lit in self._known:
            return self._positions.get(lit, ())
        return (m.start() for m in _finder(lit).finditer(self.probe))

    def finditer(self, pattern: re.Pattern[str], text: str | None = None) -> Iterator[re.Match[str]]:
        """Exactly the matches of ``pattern.finditer(haystack)``, in order.

        ``text`` runs the pattern over another string with the same :func:`canonical` form
        (the original of a lowercased haystack), for case-sensitive patterns.
        """
        how = plan(pattern)
        text = self.text if text is None else text
        if not how.literals:
            yield from pattern.finditer(text)
            return
        counts = []
        for option in how.literals:  # best option first: most patterns stop at its zero count
            counts.append(self._count(option))
            if not counts[-1]:
                return
        if how.splitter is None:
            yield from pattern.finditer(text)
            return
        # the rarest required option says which segments can hold a match
        rarest = how.literals[counts.index(min(counts))]
        cuts = self._bounds(how.splitter)
        segments = {bisect.bisect_right(cuts, start) for lit in rarest for start in self._starts(lit)}
        for k in sorted(segments):
            start = cuts[k - 1] + 1 if k else 0
            end = cuts[k] if k < len(cuts) else len(text)
            yield from pattern.finditer(text, start, end)

    def search(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern.search(haystack)`` finds anything."""
        return next(self.finditer(pattern), None) is not None
