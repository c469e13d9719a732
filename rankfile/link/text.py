"""Text features shared by the linking steps: words, shingles, name-like terms, numbers.

Everything is compared after transliteration to Latin (``anyascii``) so a Russian or
Ukrainian copy of an English report still shares its names, places and figures with it.
Name-like words are cut to a short stem so inflected forms meet ("Покровском" and
"Pokrovsk" both give ``pokro``).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from pathlib import Path

import yaml
from anyascii import anyascii

RESOURCES = Path(__file__).parent / "resources"

_WORD = re.compile(r"\w+", re.UNICODE)
_CAPITAL = re.compile(r"(?<![\w'’-])([A-ZА-ЯЁІЇЄҐ][\w'’-]*\w)", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?![\w])")
_GROUPED = re.compile(r"\d{1,3}(?:[ ,.]\d{3})+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_VOWELS = re.compile(r"[aeiouyj]")


@cache
def _terms() -> dict:
    with open(RESOURCES / "terms.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def stem_length() -> int:
    return int(_terms().get("stem_length", 5))


@cache
def stop_stems() -> frozenset[str]:
    return frozenset(name_stem(str(w)) for ws in _terms()["stopwords"].values() for w in ws)


def latin(text: str) -> str:
    """Lower-case Latin transliteration (the common ground of all scripts)."""
    return anyascii(text).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(latin(text))


def shingles(text: str, k: int = 3) -> set[str]:
    """Overlapping k-word shingles: what near-duplicate copies share."""
    w = words(text)
    if len(w) < k:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def shingle_hashes(text: str, k: int = 3) -> set[int]:
    """:func:`shingles` as stable 64-bit hashes: a tenth of the memory on large corpora,
    the same in every process (unlike ``hash``), so sketches and links are reproducible."""
    return {int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
            for s in shingles(text, k)}


def number_value(token: str) -> float | None:
    """'50,000', '50 000', '50.000' -> 50000; '2.5' -> 2.5."""
    t = token.replace("\u00a0", " ").replace("\u202f", " ")
    if _GROUPED.fullmatch(t):
        return float(re.sub(r"[ ,.]", "", t))
    try:
        return float(t.replace(",", "."))
    except ValueError:
        return None


def numbers(text: str) -> set[str]:
    """Figures written in digits, normalised ('#50000'); the same across languages."""
    out = set()
    for m in _NUMBER.finditer(text):
        v = number_value(m.group(1))
        if v is not None:
            out.add("#" + (str(int(v)) if v == int(v) else str(v)))
    return out


@cache
def _folds() -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in _terms().get("folds", []))


@lru_cache(maxsize=1 << 18)
def name_stem(word: str) -> str:
    """First letter plus the next consonants: 'Zaitseve', 'Zaytseve' and 'Зайцеве' meet.

    Memoised: names repeat across a corpus, and transliterating each occurrence again
    was most of the linker's time on large corpora.
    """
    s = _NOT_ALNUM.sub("", latin(word))
    if not s:
        return ""
    for a, b in _folds():
        s = s.replace(a, b)
    return (s[0] + _VOWELS.sub("", s[1:]))[: stem_length()]


def key_terms(text: str) -> set[str]:
    """Stems of capitalised (name-like) words plus figures: names, places, units, outlets."""
    stops = stop_stems()
    out = set()
    for m in _CAPITAL.finditer(text):
        s = name_stem(m.group(1))
        if len(s) >= 3 and s not in stops:
            out.add(s)
    return out | numbers(text)


def jaccard(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: set, b: set) -> float:
    """Share of the smaller set found in the larger: a shortened copy is contained."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
