"""Place recogniser: gazetteer names in a text, resolved with the words around them.

Why: every incident needs a where, and reports say it in many ways: "near Avdiivka",
"in the Kursk direction", "eastern Ukraine", "the Russian region of Tuva", "the freezing
Ukrainian frontline". Matching works on word tokens: at each capitalised token the longest
token n-gram that is a gazetteer key wins (a FlashText-style token trie over a hash index:
exact, aligned to word boundaries, O(tokens x longest name)). Context rules then drop
common-word and person-name readings, widen the span ("near", "eastern", "X direction"),
set the precision and pick among homonyms (Ukrainian/Russian readings first, then readings
in countries the document already names, then population).

Country policy: ISO 3166-1 of the internationally recognised state, so Crimea and the
occupied oblasts are UA (see resources/gazetteer_supplement.yaml).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import Any

from rankfile.extract import gazetteer
from rankfile.extract.gazetteer import Candidate, Place, fold, name_key
from rankfile.extract.lexicon import load_yaml
from rankfile.records import Location, PlaceMention

MAX_NGRAM = 8
_JOIN_GAP = re.compile(r"[ \u00a0]?[-\u2010\u2011\u2013'\u2019.]?[ \u00a0]?")
_SENTENCE_GAP = re.compile(r"[.!?\n\u2022]|[:;]\s*$")
_OPENERS = frozenset("(\"\u201c\u00ab")
_SPLIT = re.compile(r"([^\W_]+)")


def _is_break(gap: str) -> bool:
    return bool(_SENTENCE_GAP.search(gap)) or gap.strip()[:1] in _OPENERS


def _is_join(gap: str) -> bool:
    return "\n" not in gap and bool(_JOIN_GAP.fullmatch(gap))
_KIND_BASE = {"country": 9.0, "area": 6.0, "site": 5.0, "region": 4.5, "direction": 5.0}


# --------------------------------------------------------------------------- vocabulary


def _phrases(words: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(name_key(w).split()) for w in words if name_key(w))


@dataclass(frozen=True)
class Vocab:
    """One language's cue words (resources/<lang>/places.yaml), as folded token tuples."""

    adjectives: dict[str, str]
    front_words: frozenset[tuple[str, ...]]
    front_links: frozenset[str]
    kind_words: dict[str, str]
    after_region: frozenset[str]
    after_direction: frozenset[str]
    cue_before: frozenset[tuple[str, ...]]
    near_before: frozenset[tuple[str, ...]]
    compass: frozenset[tuple[str, ...]]
    modifiers: frozenset[tuple[str, ...]]
    blocking_next: frozenset[str]
    blocking_prev: frozenset[str]
    not_places: frozenset[str]
    not_place_prefixes: frozenset[str]
    cue_required: frozenset[str]
    geo_words: frozenset[str]
    first_names: frozenset[str]  # first names that are also place names
    all_first_names: frozenset[str]  # plus the shared person lexicon (people.yaml)
    min_population: int
    min_population_focus: int
    # inflected ending -> nominative endings ("Авдеевкой" -> "Авдеевка"), longest first
    case_endings: tuple[tuple[str, tuple[str, ...]], ...] = ()


@cache
def vocab(language: str = "en") -> Vocab:
    """Cue words for ``language``; languages without a file get empty lists."""
    data: dict[str, Any] = {}
    path = resources.files("rankfile.extract").joinpath("resources", language, "places.yaml")
    if path.is_file():
        data = load_yaml(path.read_text("utf-8")) or {}
    words = lambda k: [str(w) for w in data.get(k, [])]  # noqa: E731
    singles = lambda k: frozenset(name_key(w) for w in words(k))  # noqa: E731
    stop: set[str] = set()
    if language == "en":
        from spacy.lang.en.stop_words import STOP_WORDS

        stop = {fold(w) for w in STOP_WORDS}
    return Vocab(
        adjectives={name_key(k): str(v) for k, v in (data.get("adjectives") or {}).items()},
        front_words=_phrases(words("front_words")),
        front_links=singles("front_links"),
        kind_words={name_key(k): str(v) for k, v in (data.get("kind_words") or {}).items()},
        after_region=singles("after_region"),
        after_direction=singles("after_direction"),
        cue_before=_phrases(words("cue_before")),
        near_before=_phrases(words("near_before")),
        compass=_phrases(words("compass_adjectives")),
        modifiers=_phrases(words("place_modifiers")),
        blocking_next=singles("blocking_next"),
        blocking_prev=singles("blocking_prev"),
        not_places=singles("not_places"),
        not_place_prefixes=gazetteer.prefixes(singles("not_places")),
        cue_required=singles("cue_required") | frozenset(stop),
        geo_words=singles("geo_words"),
        first_names=singles("person_first_names"),
        all_first_names=singles("person_first_names") | _shared_first_names(language),
        min_population=int(data.get("min_population", 15000)),
        min_population_focus=int(data.get("min_population_focus", 5000)),
        case_endings=tuple(sorted(((fold(str(k)), tuple(fold(str(v)) for v in vs))
                                   for k, vs in (data.get("case_endings") or {}).items()),
                                  key=lambda e: -len(e[0]))),
    )


def _shared_first_names(language: str) -> frozenset[str]:
    """First names from the person lexicon (resources/<lang>/people.yaml), if there is one."""
    path = resources.files("rankfile.extract").joinpath("resources", language, "people.yaml")
    if not path.is_file():
        return frozenset()
    names = (load_yaml(path.read_text("utf-8")) or {}).get("first_names") or []
    if isinstance(names, str):
        names = names.split()
    return frozenset(name_key(str(n)) for n in names)


def country_of_adjective(word: str, language: str = "en") -> str | None:
    """ISO alpha-2 country of a country adjective or demonym ("Ukrainian" -> "UA")."""
    return vocab(language).adjectives.get(name_key(word))


# --------------------------------------------------------------------------- tokens


class _Doc:
    """Tokens of a text (parallel lists) with the gaps between them classified once."""

    def __init__(self, text: str) -> None:
        self.text = text
        parts = _SPLIT.split(text)  # gap, token, gap, token, ..., gap
        words, gaps = parts[1::2], parts[0::2]
        offsets = list(accumulate(map(len, parts)))
        self.starts: list[int] = offsets[0::2][: len(words)]
        self.ends: list[int] = offsets[1::2]
        self.keys: list[str] = [fold(w) for w in words]
        self.upper: list[bool] = [w[0].isupper() for w in words]
        inner = gaps[1:-1] if len(gaps) > 1 else []
        # a sentence/clause boundary lies before token i; token i joins token i+1 inside a name
        self.breaks: list[bool] = [True, *(g != " " and _is_break(g) for g in inner), True]
        self.joinable: list[bool] = [*(g == " " or _is_join(g) for g in inner), False]
        self.n = len(words)

    def before(self, i: int, k: int, skip_article: bool = True) -> tuple[str, ...] | None:
        """The k tokens before token i (within the sentence), skipping one article."""
        j = i
        if skip_article and j > 0 and not self.breaks[j] and self.keys[j - 1] in ("the", "a", "an"):
            j -= 1
        if j - k < 0 or any(self.breaks[m] for m in range(j - k + 1, j + 1)):
            return None
        return tuple(self.keys[j - k:j])

    def start_of_before(self, i: int, k: int) -> int:
        j = i - 1 if i > 0 and not self.breaks[i] and self.keys[i - 1] in ("the", "a", "an") else i
        return j - k

    def after(self, i: int) -> str | None:
        """Folded token i if it continues the sentence."""
        if i < self.n and not self.breaks[i]:
            return self.keys[i]
        return None


@cache
def _lengths(phrases: frozenset[tuple[str, ...]]) -> tuple[int, ...]:
    """The phrase lengths (at most 4) that occur in ``phrases``, longest first."""
    return tuple(sorted({len(p) for p in phrases if 1 <= len(p) <= 4}, reverse=True))


def _ends_with(doc: _Doc, i: int, phrases: frozenset[tuple[str, ...]], skip_article: bool = True) -> int:
    """Length of the longest phrase that ends just before token i (article skipped), else 0."""
    for k in _lengths(phrases):
        words = doc.before(i, k, skip_article)
        if words is not None and words in phrases:
            return k
    return 0


# --------------------------------------------------------------------------- matching


@dataclass
class _Match:
    i: int  # first token of the name
    j: int  # one past its last token
    key: str
    candidates: list[Candidate]
    start_tok: int  # first token of the mention (with "near", "eastern", ...)
    end_tok: int
    cue: bool = False
    precision: str | None = None
    want_kinds: tuple[str, ...] = ()
    want_country: str | None = None
    want_admin1: frozenset[str] = frozenset()
    rule: str = "places.gazetteer"


def _raw_matches(doc: _Doc, gaz: gazetteer.Gazetteer, voc: Vocab, require_caps: bool) -> list[_Match]:
    """Longest gazetteer (or never-a-place) key starting at each capitalised token."""
    out: list[_Match] = []
    keys, n = doc.keys, doc.n
    names, prefixes, blocked = gaz.keys, gaz.prefixes, voc.not_places
    i = 0
    while i < n:
        if require_caps and not doc.upper[i]:
            i += 1
            continue
        key, found, length = keys[i], 0, 1
        while True:
            if key in blocked:
                found = -length
            elif key in names:
                found = length
            if length >= MAX_NGRAM or not doc.joinable[i + length - 1] or (
                    key not in prefixes and key not in voc.not_place_prefixes):
                break
            key = f"{key} {keys[i + length]}"
            length += 1
        if found > 0:
            match_key = " ".join(keys[i:i + found])
            out.append(_Match(i, i + found, match_key, gaz.candidates(match_key), i, i + found))
        elif found == 0 and voc.case_endings and doc.upper[i]:
            inflected = _inflected_match(doc, i, gaz, voc)
            if inflected is not None:
                out.append(inflected)
                found = inflected.j - i
        i += abs(found) or 1
    return out


def _nominatives(key: str, voc: Vocab) -> list[str]:
    """Forms of an inflected word to look up: the first (longest) matching ending's swaps."""
    for ending, swaps in voc.case_endings:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            stem = key[: len(key) - len(ending)]
            return [stem + s for s in swaps]
    return []


def _inflected_match(doc: _Doc, i: int, gaz: gazetteer.Gazetteer, voc: Vocab) -> _Match | None:
    """A name written in another grammatical case: "под Авдеевкой", "Белгородской области",
    "в Ростове-на-Дону". Only the first two words are inflected; later ones stay as written."""
    firsts = _nominatives(doc.keys[i], voc)
    if not firsts:
        return None
    if doc.after(i + 1) in voc.after_direction:  # "Покровському напрямку": the direction's town
        firsts.sort(key=lambda k: -max((c.place.population for c in gaz.candidates(k)), default=-1))
    seconds: list[str] = []
    if i + 1 < doc.n and doc.joinable[i]:
        seconds = [doc.keys[i + 1], *_nominatives(doc.keys[i + 1], voc)]
    for first in firsts:
        for second in seconds:  # the longer reading first: "белгородская область"
            key, length, best = f"{first} {second}", 2, 0
            while True:
                if key in gaz.keys:
                    best = length
                if key not in gaz.prefixes or length >= MAX_NGRAM or i + length >= doc.n \
                        or not doc.joinable[i + length - 1]:
                    break
                key, length = f"{key} {doc.keys[i + length]}", length + 1
            if best:
                key = " ".join([first, second, *doc.keys[i + 2:i + best]])
                return _Match(i, i + best, key, gaz.candidates(key), i, i + best, rule="places.inflected")
        if first in gaz.keys:
            return _Match(i, i + 1, first, gaz.candidates(first), i, i + 1, rule="places.inflected")
    return None


def _reject(doc: _Doc, m: _Match, voc: Vocab) -> bool:
    """Readings that are not places: demonyms, titles, person names, organisations."""
    if m.j - m.i == 1 and m.key in voc.adjectives:
        return True
    nxt = doc.after(m.j)
    if nxt in voc.blocking_next:
        return True
    if m.i > 0 and not doc.breaks[m.i]:
        prev = doc.keys[m.i - 1]
        if prev in voc.blocking_prev:
            return True
        if doc.upper[m.i - 1] and doc.joinable[m.i - 1] and prev in voc.all_first_names:
            return True  # "Viktor Sokolov": a surname
    return (m.j - m.i == 1 and m.key in voc.first_names and nxt is not None
            and doc.upper[m.j] and nxt not in voc.after_region and nxt not in voc.after_direction)


def _context(doc: _Doc, m: _Match, gaz: gazetteer.Gazetteer, voc: Vocab) -> None:
    """Widen the span and set cue, precision and preferences from the surrounding words."""
    nxt = doc.after(m.j)
    if nxt in voc.after_direction:
        m.end_tok, m.cue, m.precision, m.rule = m.j + 1, True, "direction", "places.direction"
        m.want_kinds = ("city", "village")
        m.want_country = gaz.directions.get(m.key)
    elif nxt in voc.after_region:
        m.end_tok, m.cue, m.rule = m.j + 1, True, "places.region"
        m.want_kinds = ("region",)
    if any(c.place.kind == "region" for c in m.candidates) and m.key.split()[-1] in voc.after_region:
        m.want_kinds = ("region",)
    # "<adjective> <kind word> of X" / "<kind word> of X"
    if doc.before(m.i, 1) == ("of",) and m.i >= 2 and not doc.breaks[m.i - 1]:
        kind_word = doc.keys[m.i - 2] if doc.keys[m.i - 1] == "of" else None
        if kind_word in voc.kind_words:
            m.cue, m.precision = True, m.precision or voc.kind_words[kind_word]
            m.start_tok = m.i - 2
            if m.precision == "region":
                m.want_kinds = ("region",)
            adj_i = m.i - 3
            if adj_i >= 0 and not doc.breaks[adj_i + 1] and doc.keys[adj_i] in voc.adjectives:
                m.want_country = voc.adjectives[doc.keys[adj_i]]
                m.start_tok, m.rule = adj_i, "places.kind_of"
    # "the front line in X"
    if m.start_tok == m.i and m.i >= 2 and doc.keys[m.i - 1] in voc.front_links and not doc.breaks[m.i]:
        k = _ends_with(doc, m.i - 1, voc.front_words)
        if k and not doc.breaks[m.i - 1]:
            m.start_tok, m.precision, m.cue, m.rule = m.i - 1 - k, "area", True, "places.front"
    near = _ends_with(doc, m.i, voc.near_before)
    if near and m.start_tok == m.i:
        m.start_tok, m.cue, m.rule = doc.start_of_before(m.i, near), True, "places.near"
        m.precision = m.precision or "near"
    compass = _ends_with(doc, m.i, voc.compass, skip_article=False) if m.start_tok == m.i else 0
    if compass:
        m.start_tok, m.precision, m.rule = m.i - compass, m.precision or "area", "places.area"
    modifier = _ends_with(doc, m.start_tok, voc.modifiers, skip_article=False)
    m.start_tok -= modifier
    if not m.cue and _ends_with(doc, m.start_tok, voc.cue_before):
        m.cue = True


def _score(c: Candidate, m: _Match, bonus: dict[str, float], doc_countries: set[str]) -> float:
    p = c.place
    s = _KIND_BASE.get(p.kind) or math.log10(max(p.population, 1000 if p.curated else 10))
    s += 1.5 * c.primary + 1.0 * p.curated + bonus.get(p.country or "", 0.0)
    if p.country in doc_countries:
        s += 1.5
    if p.kind in m.want_kinds:
        s += 6.0
    if m.want_country and p.country == m.want_country:
        s += 4.0
    if p.admin1 in m.want_admin1:
        s += 10.0
    return s


_REGION_LINKS = frozenset({"in", "the", "of"})


def _regions_named_after(doc: _Doc, matches: list[_Match]) -> None:
    """ "Первомайское Донецкой области", "Pervomaisk, Luhansk region", "Kamianka in the Kharkiv
    region": the region written right after a settlement picks its namesake in that region."""
    for m, r in zip(matches, matches[1:], strict=False):
        if r.want_kinds != ("region",) or r.i - m.end_tok > 2:
            continue
        if any(doc.breaks[k] for k in range(m.end_tok, r.i + 1)):
            continue
        if any(doc.keys[k] not in _REGION_LINKS for k in range(m.end_tok, r.i)):
            continue
        m.want_admin1 = frozenset(c.place.admin1 for c in r.candidates
                                  if c.place.kind == "region" and c.place.admin1)


def _in_name_run(doc: _Doc, m: _Match, geo_words: frozenset[str]) -> bool:
    """The match touches another capitalised, non-geographic word ("Philip Hammond", "Abu Bakr")."""
    def person_like(k: int, joined: bool) -> bool:
        return 0 <= k < doc.n and joined and doc.upper[k] and doc.keys[k] not in geo_words

    before = m.i > 0 and not doc.breaks[m.i] and person_like(m.i - 1, doc.joinable[m.i - 1])
    after = m.j < doc.n and not doc.breaks[m.j] and person_like(m.j, doc.joinable[m.j - 1])
    return before or after


def _accept(doc: _Doc, m: _Match, p: Place, voc: Vocab, focus: frozenset[str]) -> bool:
    """Small settlements and common-word names need a cue ("in X", "village of X")."""
    bare = m.key.removeprefix("the ")
    single = " " not in bare
    if single and (bare in voc.cue_required and (not m.cue or bare != m.key)):
        return False
    settlement = p.kind in ("city", "village") and not p.curated
    words = doc.text[doc.starts[m.i]:doc.ends[m.j - 1]]
    if settlement and words.isupper() and len(words) <= 4:
        return False  # acronyms: "UN", "HMS"
    if settlement and not m.cue and p.population < 200_000 and _in_name_run(doc, m, voc.geo_words):
        return False
    if settlement and single and not m.cue and doc.breaks[m.i] and p.population < 100_000 and p.country not in focus:
        return False
    if m.cue or p.curated or p.kind not in ("city", "village"):
        return True
    floor = voc.min_population_focus if p.country in focus else voc.min_population
    return p.population >= floor


def _location(text: str, p: Place, precision: str | None) -> Location:
    kind = precision or p.kind
    admin1 = None if p.kind == "country" else p.admin1
    return Location(text=text, name=p.name, country=p.country, admin1=admin1, lat=p.lat, lon=p.lon,
                    precision=kind, geonameid=p.geonameid)


def _front_adjectives(doc: _Doc, voc: Vocab, taken: set[int]) -> list[PlaceMention]:
    """ "the (freezing) Ukrainian frontline" -> the adjective's country, precision area."""
    out: list[PlaceMention] = []
    for i, key in enumerate(doc.keys):
        if key not in voc.adjectives or i in taken or not doc.upper[i]:
            continue
        for k in (3, 2, 1):
            words = tuple(doc.keys[i + 1:i + 1 + k])
            if len(words) == k and words in voc.front_words and not any(doc.breaks[i + 1:i + 1 + k]):
                country = _country_place(voc.adjectives[key])
                if country is not None:
                    start, end = doc.starts[i], doc.ends[i + k]
                    words_text = doc.text[start:end]
                    out.append(PlaceMention(start, end, words_text, _location(words_text, country, "area"),
                                            rule="places.front"))
                break
    return out


@cache
def _preferences() -> tuple[dict[str, float], frozenset[str]]:
    """Country bonuses and focus countries from the supplement."""
    sup = gazetteer.supplement()
    bonus = {str(k): float(v) for k, v in sup.get("country_bonus", {}).items()}
    return bonus, frozenset(sup.get("focus_countries", []))


@cache
def _country_index() -> dict[str, Place]:
    gaz = gazetteer.load()
    return {row[1]: Place(*row) for row in gaz.rows if row[5] == "country"}


def _country_place(iso: str) -> Place | None:
    return _country_index().get(iso)


def _find(text: str, language: str, require_caps: bool, assume_cue: bool) -> list[PlaceMention]:
    gaz = gazetteer.load()
    voc = vocab(language)
    bonus, focus = _preferences()
    doc = _Doc(text)
    matches = [m for m in _raw_matches(doc, gaz, voc, require_caps) if not _reject(doc, m, voc)]
    for m in matches:
        _context(doc, m, gaz, voc)
        m.cue = m.cue or assume_cue
    _regions_named_after(doc, matches)
    # countries the document names without doubt steer the homonyms
    doc_countries = {m.candidates[0].place.country for m in matches
                     if len({c.place.country for c in m.candidates}) == 1 and m.candidates[0].place.country
                     and (m.candidates[0].place.kind in ("country", "region") or m.candidates[0].place.curated)}
    out: list[PlaceMention] = []
    taken: set[int] = set()
    for m in matches:
        best = max(m.candidates, key=lambda c: _score(c, m, bonus, doc_countries))
        if not _accept(doc, m, best.place, voc, focus):
            continue
        start, end = doc.starts[m.start_tok], doc.ends[m.end_tok - 1]
        words = text[start:end]
        precision = m.precision
        if precision == "region" and best.place.kind != "region":
            precision = best.place.kind if best.place.kind not in ("city", "village") else "area"
        out.append(PlaceMention(start, end, words, _location(words, best.place, precision), rule=m.rule))
        taken.update(range(m.start_tok, m.end_tok))
    out.extend(_front_adjectives(doc, voc, taken))
    out.sort(key=lambda p: (p.start, -p.end))
    return _drop_overlaps(out)


def _drop_overlaps(mentions: list[PlaceMention]) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    for pm in mentions:
        if out and pm.start < out[-1].end:
            if pm.end - pm.start > out[-1].end - out[-1].start:
                out[-1] = pm
            continue
        out.append(pm)
    return out


# --------------------------------------------------------------------------- public API


def find_places(text: str, language: str = "en") -> list[PlaceMention]:
    """Every place mentioned in ``text``, with exact offsets, resolved and ordered by position."""
    if not text:
        return []
    return _find(text, language, require_caps=True, assume_cue=False)


def resolve_place(name: str, language: str = "en") -> Location | None:
    """Resolve a place expression given alone ("Avdiivka", "the Kursk direction", "Курск")."""
    if not name or not name.strip():
        return None
    mentions = _find(name, language, require_caps=False, assume_cue=True)
    if not mentions:
        return None
    best = max(mentions, key=lambda pm: pm.end - pm.start)
    location = best.location
    location.text = name
    return location
