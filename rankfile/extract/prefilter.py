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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

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


def may_touch(items: P.SubPattern | list, ch: str, flags: int = 0) -> bool:
    """Whether any part of the pattern (lookarounds included) could match or test ``ch``,
    or depends on where the string ends (anchors): then it cannot be run per segment."""
    for op, av in items:
        if op is C.LITERAL:
            hit = _same(chr(av), ch, flags)
        elif op is C.NOT_LITERAL:
            hit = not _same(chr(av), ch, flags)
        elif op is C.ANY:
            hit = ch != "\n" or bool(flags & re.S)
        elif op is C.IN:
            hit = _class_accepts(av, ch, flags)
        elif op is C.AT:
            hit = av in _ANCHORS
        elif op is C.SUBPATTERN:
            _group, add, remove, sub = av
            hit = may_touch(sub, ch, (flags | add) & ~remove)
        elif op is C.ATOMIC_GROUP:
            hit = may_touch(av, ch, flags)
        elif op is C.BRANCH:
            hit = any(may_touch(b, ch, flags) for b in av[1])
        elif op in _REPEATS:
            hit = may_touch(av[2], ch, flags)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            hit = may_touch(av[1], ch, flags)
        else:
            hit = True  # back-references, conditionals, anything new: be safe
        if hit:
            return True
    return False


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
    if not any(may_touch(parsed, c, flags) for c in SENTENCE_BREAKS):
        splitter = _SENTENCE_RE
    elif not any(may_touch(parsed, c, flags) for c in LINE_BREAKS):
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


class Scanner:
    """One text, many patterns: literal positions and segment bounds are computed once.

    ``haystack`` is the text the patterns run on.
    """

    def __init__(self, haystack: str) -> None:
        self.text = haystack
        self.probe = canonical(haystack)
        self._cuts: dict[re.Pattern[str], list[int]] = {}
        self._counts: dict[str, int] = {}

    def _bounds(self, splitter: re.Pattern[str]) -> list[int]:
        cuts = self._cuts.get(splitter)
        if cuts is None:
            cuts = [m.start() for m in splitter.finditer(self.text)]
            self._cuts[splitter] = cuts
        return cuts

    def _count(self, option: frozenset[str]) -> int:
        """How often the option's literals occur (str.count: no Python loop per occurrence)."""
        total = 0
        for lit in option:
            n = self._counts.get(lit)
            if n is None:
                n = self._counts[lit] = self.probe.count(lit)
            total += n
        return total

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Exactly the matches of ``pattern.finditer(haystack)``, in order."""
        how = plan(pattern)
        if not how.literals:
            yield from pattern.finditer(self.text)
            return
        counts = []
        for option in how.literals:  # best option first: most patterns stop at its zero count
            counts.append(self._count(option))
            if not counts[-1]:
                return
        if how.splitter is None:
            yield from pattern.finditer(self.text)
            return
        # the rarest required option says which segments can hold a match
        rarest = how.literals[counts.index(min(counts))]
        cuts = self._bounds(how.splitter)
        segments = {bisect.bisect_right(cuts, m.start()) for lit in rarest
                    for m in _finder(lit).finditer(self.probe)}
        for k in sorted(segments):
            start = cuts[k - 1] + 1 if k else 0
            end = cuts[k] if k < len(cuts) else len(self.text)
            yield from pattern.finditer(self.text, start, end)

    def search(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern.search(haystack)`` finds anything."""
        return next(self.finditer(pattern), None) is not None
