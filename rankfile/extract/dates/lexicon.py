"""The date lexicon of one language, loaded once from its YAML file.

Word lists become regex alternations compiled as a trie (one shared prefix is tested
once), because the whole grammar runs as one pass over every document and a flat
alternation of a few hundred words would dominate its cost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rankfile.extract.lexicon import load_yaml

_RESOURCES = Path(__file__).resolve().parent.parent / "resources"
_MAX_ABBREVIATION = 5  # month/weekday forms this short may end with a dot


@dataclass(frozen=True)
class Pattern:
    """One grammar rule: its name (the mention's rule), its kind and its regex source."""

    name: str
    kind: str
    regex: str
    lead_required: bool = False


@dataclass(frozen=True)
class Lexicon:
    """Surface words mapped to values, plus the placeholders the patterns expand."""

    language: str
    months: dict[str, int]
    month_abbreviations: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, int]  # word -> first month
    modifiers: dict[str, str]  # word -> early/mid/late
    prefixes: dict[str, str]  # word -> since/before/after
    context: frozenset[str]
    range_words: frozenset[str]
    numeric_context: frozenset[str]
    count_nouns: frozenset[str]
    range_connectors: frozenset[str]
    ordinals: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]  # word -> day/week/month/year/hour/decade
    relative_days: dict[str, int]
    shifts: dict[str, str]  # word -> last/this/next
    anchored_shifts: dict[str, str]  # word -> previous/following/same
    directions: dict[str, str]  # word -> ago/later/earlier
    edges: dict[str, str]
    halves: dict[str, int]
    quarters: dict[str, int]
    slash_order: str
    role_of_cue: dict[str, str]  # cue phrase -> published/surfaced/event
    role_first_words: dict[str, int]  # first word of a cue -> longest cue length
    role_gap_words: int
    year_words: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    placeholders: dict[str, str]
    title_case: frozenset[str]  # classes (months, weekdays) that must be capitalised
    lowercase_ok: frozenset[str]  # title-case words also read in lower case ("in sept", "3 oct")
    triggers_words: tuple[str, ...]  # whole lower-case words (lowercase_ok), searched in the lower-cased text
    triggers_cased: tuple[str, ...]  # searched in the original text
    triggers_lower: tuple[str, ...]  # searched in the lower-cased text
    lead_words: frozenset[str]  # words that may stand before a trigger inside a date


def _norm(word: str) -> str:
    return " ".join(word.lower().rstrip(".").split())


def _invert(table: dict[Any, list[str]], key: Any = None) -> dict[str, Any]:
    """{value: [words]} -> {word: value}."""
    out: dict[str, Any] = {}
    for value, words in table.items():
        for word in words:
            out[_norm(str(word))] = key(value) if key else value
    return out


def _trie_regex(words: list[str]) -> str:
    """A non-capturing alternation of ``words`` shaped as a trie, longest reading first."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict[str, Any]) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(_escape(ch) + _emit(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{body})?"
    return body


def _escape(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "-":
        return r"[-‐‑ ]?"
    return re.escape(ch)


def _words_regex(words: list[str], *, dotted: frozenset[str] = frozenset()) -> str:
    """Alternation of whole lower-case words; abbreviations in ``dotted`` may end with a dot."""
    if not words:
        return "(?!)"
    forms = list(words) + [w + "." for w in words if w in dotted]
    return rf"(?:{_trie_regex(forms)})(?![^\W\d_])"


def _triggers(words: list[str], cased: bool) -> list[str]:
    """Short literals whose occurrences are the only places a date can be.

    Title-case classes trigger on their Title and UPPER three-letter stems (searched in
    the original text); the others on their lower-case words, minus any word that
    contains a shorter trigger ("yesterday" is found through "day").
    """
    if cased:
        stems = {w[:3] for w in words}
        out = {s[:1].upper() + s[1:] for s in stems} | {s.upper() for s in stems}
        return sorted(out)
    uniq = sorted(set(words), key=len)
    kept: list[str] = []
    for w in uniq:
        if not any(k in w for k in kept):
            kept.append(w)
    return kept


def _abbreviations(table: dict[Any, list[str]]) -> frozenset[str]:
    """Short forms that begin their full name ("sept" of "september"): they may take a dot."""
    out: set[str] = set()
    for words in table.values():
        full = _norm(str(words[0]))
        out.update(
            w
            for w in map(_norm, map(str, words[1:]))
            if len(w) <= _MAX_ABBREVIATION and full.startswith(w)
        )
    return frozenset(out)


def _first_words(phrases: dict[str, str]) -> dict[str, int]:
    firsts: dict[str, int] = {}
    for phrase in phrases:
        words = phrase.split()
        firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
    return firsts


def _load_yaml(language: str) -> dict[str, Any]:
    path = _RESOURCES / language / "dates.yaml"
    if not path.is_file():
        path = _RESOURCES / "en" / "dates.yaml"
    data: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    return data


@cache
def lexicon(language: str = "en") -> Lexicon:
    """The lexicon for ``language`` (falls back to English when there is no file)."""
    data = _load_yaml(language)
    title = set(data.get("title_case", []))
    months = _invert(data["months"], int)
    abbreviations = _abbreviations(data["months"])
    weekdays = _invert(data["weekdays"], int)
    weekday_abbr = _abbreviations(data["weekdays"])
    seasons = {
        _norm(w): int(spec["first_month"])
        for spec in data["seasons"].values()
        for w in spec["words"]
    }
    modifiers = _invert(data["modifiers"])
    prefixes = _invert(data["prefixes"])
    ordinals = _invert(data["ordinals"], int)
    numbers = _invert(data["numbers"], int)
    units = _invert(data["units"])
    relative_days = _invert(data["relative_days"], int)
    shifts = _invert(data["shifts"])
    anchored = _invert(data["anchored_shifts"])
    directions = _invert(data["directions"])
    edges = _invert(data.get("edges", {}))
    halves = _invert(data["halves"], int)
    quarters = _invert(data["quarters"], int)
    context = [_norm(w) for w in data["context"]]
    year_words = tuple(" ".join(str(w).lower().split()) for w in data.get("year_words", []))
    year_suffix = rf"(?:\s+(?:{_trie_regex(list(year_words))})(?!\w))?" if year_words else ""

    daynum = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    placeholders = {
        "MONTH": _words_regex(list(months), dotted=abbreviations),
        "WEEKDAY": _words_regex(list(weekdays), dotted=weekday_abbr),
        "SEASON": _words_regex(list(seasons)),
        "MOD": _words_regex(list(modifiers)),
        "MODSEP": r"(?:\s*-\s*|\s+)",
        "PREFIX": _words_regex(list(prefixes)),
        "CTX": _words_regex(context),
        "YEAR": rf"(?:19\d\d|20\d\d|2100)(?!\d){year_suffix}",
        "NB": r"(?<![\d.,])",  # not inside a larger number
        "DAYNUM": daynum,
        "DAY": rf"(?:{daynum}|{_words_regex(list(ordinals))})",
        "NUM": rf"(?:\d{{1,3}}(?!\d)|{_words_regex(list(numbers))})",
        "UNIT": _words_regex(list(units)),
        "DAYPART": _words_regex([_norm(w) for w in data.get("units_of_day", [])])
        if data.get("units_of_day")
        else "(?!)",
        "RELDAY": _words_regex(list(relative_days)),
        "SHIFT": _words_regex(list(shifts)),
        "ASHIFT": _words_regex(list(anchored)),
        "DIRECTION": _words_regex(list(directions)),
        "EDGE": _words_regex(list(edges)) if edges else "(?!)",
        "HALF": _words_regex(list(halves)),
        "QUARTER": _words_regex(list(quarters)),
    }
    patterns = tuple(
        Pattern(p["name"], p["kind"], p["regex"], p.get("lead") == "required")
        for p in data["patterns"]
    )
    if "triggers" in data:
        cased = [str(w) for w in data["triggers"].get("cased", [])]
        lower = [str(w) for w in data["triggers"].get("lower", [])]
    else:
        cased = _triggers(list(months), True) if "months" in title else []
        lower = _triggers(
            list(seasons) + list(units) + list(relative_days) + list(directions), False
        )
        lower += [] if "months" in title else list(months)
        lower += ["day", "19", "20", "0s"]
    lowercase_ok = frozenset(_norm(str(w)) for w in data.get("lowercase_months", []))
    lead_words: set[str] = {"the", "of", "a", "an", "and", "that", "same", "later", "earlier", "in"}
    for table in (
        prefixes,
        modifiers,
        shifts,
        anchored,
        edges,
        numbers,
        ordinals,
        weekdays,
        halves,
        quarters,
    ):
        for phrase in table:
            lead_words.update(phrase.split())
    lead_words.update(w for phrase in context for w in phrase.split())
    lead_words.update(_norm(str(w)) for w in data.get("lead_words", []))
    role_of_cue = {_norm(w): role for role, words in data.get("roles", {}).items() for w in words}
    return Lexicon(
        language=language,
        months=months,
        month_abbreviations=abbreviations,
        weekdays=weekdays,
        seasons=seasons,
        modifiers=modifiers,
        prefixes=prefixes,
        context=frozenset(context),
        range_words=frozenset(_norm(w) for w in data.get("range_words", [])),
        numeric_context=frozenset(_norm(w) for w in data.get("numeric_context", [])),
        count_nouns=frozenset(_norm(w) for w in data.get("count_nouns", [])),
        range_connectors=frozenset(_norm(w) for w in data.get("range_connectors", [])),
        ordinals=ordinals,
        numbers=numbers,
        units=units,
        relative_days=relative_days,
        shifts=shifts,
        anchored_shifts=anchored,
        directions=directions,
        edges=edges,
        halves=halves,
        quarters=quarters,
        slash_order=str(data.get("slash_order", "dmy")),
        role_of_cue=role_of_cue,
        role_first_words=_first_words(role_of_cue),
        role_gap_words=int(data.get("role_gap_words", 5)),
        year_words=year_words,
        patterns=patterns,
        placeholders=placeholders,
        title_case=frozenset(title),
        lowercase_ok=lowercase_ok,
        triggers_words=tuple(sorted(lowercase_ok)),
        triggers_cased=tuple(cased),
        triggers_lower=tuple(lower),
        lead_words=frozenset(lead_words),
    )
