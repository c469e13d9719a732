"""Number atoms: every figure written in a text, with its value, unit and exact span.

This is the bottom layer of the figure grammar (:mod:`rankfile.extract.claims`): it
knows how numbers are *written* ("50,000", "300 000", "1.2 million", "$2,500", "nearly"
is not its business, "two hundred and fifty", "a dozen", "10%") but not what they
count. It also labels atoms that are not counts (ordinals, times, codes) so the grammar
can drop them without re-parsing. The vocabulary lives in ``resources/<lang>/claims.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RESOURCES = Path(__file__).parent / "resources"

# kinds of atoms
CARDINAL = "cardinal"
ORDINAL = "ordinal"
PERCENT = "percent"
MONEY = "money"
VAGUE = "vague"
TIME = "time"
CODE = "code"  # dates written with digits, versions, phone numbers
MEASUREMENT = "measurement"  # digits glued to a unit ("10km", "84MW")


@dataclass(frozen=True)
class NumberMention:
    """One number as written: ``text == document[start:end]``.

    ``value`` is None for vague quantities ("hundreds of"). ``unit`` is a currency code,
    ``percent`` or the letters glued to the digits. ``grouped`` says the digits carried
    thousands separators, which rules out a year.
    """

    start: int
    end: int
    text: str
    value: float | None
    kind: str = CARDINAL
    unit: str | None = None
    form: str = "digits"  # digits, words, mixed (digits + scale word)
    grouped: bool = False
    scaled: bool = False
    multiplier: int = 1  # the scale word's factor ("1.2 million" -> 1_000_000)


def read_lexicon(name: str, language: str = "en") -> dict[str, Any]:
    """``resources/<language>/<name>.yaml`` (English when missing). A file with
    ``extends: en`` adds to the English one: lists are concatenated, mappings merged."""
    path = RESOURCES / language / f"{name}.yaml"
    if not path.exists():
        path = RESOURCES / "en" / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.load(fh, Loader=_LOADER) or {}
    parent = data.pop("extends", None)
    if not parent:
        return data
    merged: dict[str, Any] = _merge(read_lexicon(name, str(parent)), data)
    return merged


def _merge(base: Any, extra: Any) -> Any:
    """Lists concatenated, mappings merged key by key, anything else replaced."""
    if isinstance(base, list) and isinstance(extra, list):
        return [*base, *extra]
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    return extra


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


@cache
def load_lexicon(language: str = "en") -> dict[str, Any]:
    """The claims lexicon for ``language`` (English when there is none)."""
    return read_lexicon("claims", language)


def trie_regex(words: list[str]) -> str:
    """A regex alternation factored by prefix ("t(?:en|wo|hree)"): Python's engine tries
    alternatives one by one, so a trie fails fast on the words that are not numbers."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        optional = "" in node
        body = alts[0] if len(alts) == 1 and not optional else "(?:" + "|".join(alts) + ")"
        return body + ("?" if optional else "")

    return emit(root)


def _alternation(words: list[str]) -> str:
    """Regex alternation, longest first so "us dollars" wins over "dollars"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    digits: re.Pattern[str]
    word_hits: re.Pattern[str]
    article: re.Pattern[str] | None
    vague: re.Pattern[str]
    vague_heads: tuple[str, ...]
    phone: re.Pattern[str]
    half: re.Pattern[str]
    small: dict[str, int]
    scales: dict[str, int]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    currency_codes: frozenset[str]
    attached_only: frozenset[str]
    multipliers: dict[str, int]
    word_scales: dict[str, int]
    big: frozenset[str]
    fillers: frozenset[str]
    articles: frozenset[str]


@cache
def _patterns(language: str = "en") -> _Patterns:
    lex = load_lexicon(language)
    small = {k.lower(): int(v) for k, v in lex["number_words"].items()}
    scales = {k.lower(): int(v) for k, v in lex["scales"].items()}
    symbols = {str(k): str(v) for k, v in lex["currency_symbols"].items()}
    codes = [str(c) for c in lex["currency_codes"]]
    cwords = {str(k).lower(): str(v) for k, v in lex["currency_words"].items()}
    percent = [str(p) for p in lex["percent_words"]]
    attached = frozenset(str(s) for s in lex.get("attached_only_scales", []))
    spaced_scales = [s for s in scales if s not in attached]
    multipliers = {str(k).lower(): int(v) for k, v in lex.get("word_multipliers", {}).items()}
    word_scales = {k: v for k, v in scales.items() if v >= 1000 and len(k) > 3 and k.isalpha()}
    big = frozenset([*multipliers, *word_scales])
    articles = [str(a).lower() for a in lex.get("number_articles", [])]
    number = (
        r"\d{1,3},\d{1,2}(?=[ \u00a0]?(?i:" + _alternation(spaced_scales) + r")\b)"  # 1,5 million
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 50,000 / 1,234.5
        r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)"  # 300 000
        r"|\d+(?:\.\d+)?"  # 2500 / 1.2
    )
    digits = re.compile(
        r"(?P<cur>US\$|[$£€₽₴]|\b(?:" + "|".join(codes) + r")\b)?[ \u00a0]?"
        r"(?<![\w.,/:])(?<![^\W\d_]-)(?P<num>" + number + r")"
        r"(?P<ord>(?:st|nd|rd|th)\b)?"
        r"(?P<scale>(?:[ \u00a0]?-?(?:(?i:" + _alternation(spaced_scales) + r")))\b"
        r"(?:\.(?=\s+[a-zа-яёіїєґ]))?"  # "100 тис. гривень": an abbreviation's dot
        r"|(?:" + _alternation(sorted(attached)) + r"|K|M)\b)?"
        r"(?P<pct>[ \u00a0]?%|\s+(?i:" + _alternation([p for p in percent if p != "%"]) + r")\b)?"
        r"(?P<cur2>\s*(?:"
        + "|".join(codes)
        + r")\b|\s+(?i:"
        + _alternation(list(cwords))
        + r")\b)?"
    )
    vague = re.compile(r"(?<![\w-])(?:" + _alternation(lex["vague"]) + r")\b", re.IGNORECASE)
    phone = re.compile(r"(?<![\w+])\+?\d{1,3}(?:[ \-().]{1,2}\d{2,4}){2,}(?!\d)")
    half = re.compile(r"\bhalf an?\s+(million|billion|thousand|dozen)\b", re.IGNORECASE)
    return _Patterns(
        digits=digits,
        word_hits=re.compile(r"(?<![^\W\d_])" + trie_regex([*small, *big]) + r"(?![^\W\d_])"),
        article=re.compile(r"(?:^|(?<=\W))(" + _alternation(articles) + r")\s+$")
        if articles
        else None,
        vague=vague,
        vague_heads=tuple(sorted({str(v).split()[0].lower() for v in lex["vague"]})),
        phone=phone,
        half=half,
        small=small,
        scales=scales,
        currency_symbols=symbols,
        currency_words=cwords,
        currency_codes=frozenset(codes),
        attached_only=attached,
        multipliers=multipliers,
        word_scales=word_scales,
        big=big,
        fillers=frozenset(str(w).lower() for w in lex.get("number_fillers", [])),
        articles=frozenset(articles),
    )


def _as_number(value: Decimal) -> float:
    """An int when the value is whole (so JSON shows 50000, not 50000.0)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _currency(p: _Patterns, raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.strip()
    if raw in p.currency_symbols:
        return p.currency_symbols[raw]
    if raw in p.currency_codes:
        return raw
    return p.currency_words.get(raw.lower())


def _digit_atom(p: _Patterns, text: str, m: re.Match[str]) -> NumberMention | None:
    num = m.group("num")
    start = m.start("cur") if m.group("cur") else m.start("num")
    end = m.end()
    after = text[m.end("num") : m.end("num") + 2]
    # 12.05.2024, 10:30, 24/7, 3-4-5: dates, times, codes
    if len(after) == 2 and after[0] in ":/." and after[1].isdigit():
        tail = re.match(r"[\d:/.]+", text[m.start("num") :])
        assert tail is not None
        s, e = m.start("num"), m.start("num") + len(tail.group(0).rstrip("."))
        kind = TIME if re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?", text[s:e]) else CODE
        return NumberMention(s, e, text[s:e], None, kind)
    grouped = bool(re.search(r"\d[, \u00a0\u202f]\d{3}", num))
    if re.fullmatch(r"\d+,\d{1,2}", num):
        num = num.replace(",", ".")  # a decimal comma before a scale word
    try:
        value = Decimal(re.sub(r"[, \u00a0\u202f]", "", num))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None
    if m.group("ord"):
        e = m.end("ord")
        return NumberMention(
            m.start("num"), e, text[m.start("num") : e], _as_number(value), ORDINAL
        )
    scaled = False
    multiplier = 1
    form = "digits"
    if m.group("scale"):
        word = m.group("scale").strip(" \u00a0-.").lower()
        if word == "m" and not m.group("cur"):  # "10m" is ten metres unless it is money
            e = m.end("scale")
            return NumberMention(start, e, text[start:e], _as_number(value), MEASUREMENT, "m")
        multiplier = p.scales.get(word, 1)
        value *= multiplier
        scaled = True
        form = "mixed" if len(word) > 2 else "digits"
    unit = _currency(p, m.group("cur")) or _currency(p, m.group("cur2"))
    kind = MONEY if unit else CARDINAL
    if m.group("pct"):
        unit, kind = "percent", PERCENT
    if not m.group("cur2") and not m.group("pct"):
        end = m.end("scale") if m.group("scale") else m.end("num")
        glued = _LETTERS.match(text, end, end + 12)
        if glued and not m.group("scale") and kind == CARDINAL:
            e = end + len(glued.group(0))
            return NumberMention(
                start, e, text[start:e], _as_number(value), MEASUREMENT, glued.group(0)
            )
    return NumberMention(
        start,
        end,
        text[start:end],
        _as_number(value),
        kind,
        unit,
        form,
        grouped,
        scaled,
        multiplier,
    )


def _parse_words(p: _Patterns, tokens: list[str]) -> Decimal | None:
    """Value of number words ("two hundred and fifty thousand"), None when ill-formed."""
    total = Decimal(0)
    current = Decimal(0)
    last: str | None = None  # "unit", "teen", "ten", "hundred", "scale"
    seen = False
    if tokens and tokens[0].lower() in p.big:
        return None  # a bare "million" is not a number ("a million" is)
    for tok in tokens:
        word = tok.lower()
        if word in p.fillers:
            continue
        seen = True
        if word in p.multipliers:  # dozen, hundred
            factor = p.multipliers[word]
            if factor == 100 and last == "hundred":
                return None
            current = (current or 1) * factor
            last = "hundred" if factor == 100 else "scale"
        elif word in p.word_scales:  # thousand, million, ...
            if last == "scale" and current == 0:
                return None
            total += (current or 1) * p.word_scales[word]
            current = Decimal(0)
            last = "scale"
        elif word in p.small:
            v = p.small[word]
            if v >= 100:  # "двести": a hundreds word of its own
                cls = "hundred"
                if last in ("unit", "teen", "ten", "hundred"):
                    return None
            else:
                cls = "ten" if v >= 20 and v % 10 == 0 else ("teen" if v >= 10 else "unit")
                if last in ("unit", "teen") or (last == "ten" and cls != "unit"):
                    return None
            current += v
            last = cls
        else:
            return None
    return total + current if seen else None


def _word_atoms(p: _Patterns, text: str, tokens: list[tuple[int, int, str]]) -> list[NumberMention]:
    """Split a run of number words into well-formed numbers ("one or two" -> 1, 2)."""
    out: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        best: tuple[int, Decimal] | None = None
        for j in range(len(tokens), i, -1):
            words = [t[2] for t in tokens[i:j]]
            first = words[0].lower()
            if words[-1].lower() in p.fillers or (first in p.fillers and first not in p.articles):
                continue
            value = _parse_words(p, words)
            if value is not None:
                best = (j, value)
                break
        if best is None:
            i += 1
            continue
        j, value = best
        s, e = tokens[i][0], tokens[j - 1][1]
        out.append(NumberMention(s, e, text[s:e], _as_number(value), CARDINAL, None, "words"))
        i = j
    return out


_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT_RUN = re.compile(r"[0-9]+")  # a charset, not \d: the engine scans for it much faster
_WORD_GAP = re.compile(r"(?:\s+|-|\s+and\s+)")


def _word_runs(p: _Patterns, text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of number words joined by spaces, hyphens or "and", with a leading "a"/"an"
    before dozen/hundred/thousand/... (searched in lower case: the hot loop of the extractor)."""
    lower = text.lower()
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for m in p.word_hits.finditer(lower):
        tok = (m.start(), m.end(), text[m.start() : m.end()])
        if current:
            gap = text[current[-1][1] : tok[0]]
            if _WORD_GAP.fullmatch(gap):
                if "and" in gap:
                    a = current[-1][1] + gap.index("and")
                    current.append((a, a + 3, text[a : a + 3]))
                current.append(tok)
                continue
            runs.append(current)
        current = [tok]
        if m.group(0) in p.big and p.article is not None:
            art = p.article.search(lower, max(0, tok[0] - 4), tok[0])
            if art:
                current.insert(0, (art.start(1), art.end(1), text[art.start(1) : art.end(1)]))
    if current:
        runs.append(current)
    return runs


_WORDS_AFTER = re.compile(r"\s+([^\W\d_]+\.?(?: [^\W\d_]+)?)")


def _currency_after(p: _Patterns, text: str, end: int) -> tuple[str | None, int]:
    """A currency word or code right after a spelled-out number ("five thousand roubles")."""
    m = _WORDS_AFTER.match(text[end : end + 30])
    if not m:
        return None, end
    for cand in (m.group(1), m.group(1).split(" ")[0]):
        unit = _currency(p, cand)
        if unit:
            return unit, end + m.group(0).index(cand) + len(cand)
    return None, end


def find_numbers(text: str, language: str = "en") -> list[NumberMention]:
    """Every number atom in ``text``, in order, non-overlapping, with exact offsets."""
    p = _patterns(language)
    found: list[NumberMention] = []
    covered = -1
    for run in _DIGIT_RUN.finditer(text):
        if run.start() < covered:
            continue
        at = run.start() - 1 if run.start() and text[run.start() - 1] == "+" else run.start()
        ph = p.phone.match(text, at)
        if (
            ph
            and sum(ch.isdigit() for ch in ph.group(0)) >= 9
            and re.search(r"[+()\-]", ph.group(0))
        ):
            found.append(NumberMention(ph.start(), ph.end(), ph.group(0), None, CODE))
            covered = ph.end()
            continue
        m = p.digits.search(text, max(covered, run.start() - 4, 0), run.end() + 40)
        if not m or not m.group("num") or m.start("num") != run.start():
            continue
        atom = _digit_atom(p, text, m)
        if atom is not None:
            found.append(atom)
            covered = max(atom.end, m.end("num"))
    lower = text.lower()
    for head in p.vague_heads:
        pos = lower.find(head)
        while pos != -1:
            vm = p.vague.match(text, pos)
            if vm:
                found.append(
                    NumberMention(vm.start(), vm.end(), vm.group(0), None, VAGUE, None, "words")
                )
            pos = lower.find(head, pos + 1)
    for m in p.half.finditer(text) if "half" in lower else ():
        scale = Decimal(p.scales.get(m.group(1).lower(), 12))
        unit, end = _currency_after(p, text, m.end())
        found.append(
            NumberMention(
                m.start(),
                end,
                text[m.start() : end],
                _as_number(scale / 2),
                MONEY if unit else CARDINAL,
                unit,
                "words",
                scaled=True,
            )
        )
    for tokens in _word_runs(p, text):
        for atom in _word_atoms(p, text, tokens):
            unit, end = _currency_after(p, text, atom.end)
            if unit:
                atom = NumberMention(
                    atom.start, end, text[atom.start : end], atom.value, MONEY, unit, "words"
                )
            found.append(atom)
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[NumberMention] = []
    last_end = -1
    for atom in found:
        if atom.start >= last_end:
            out.append(atom)
            last_end = atom.end
    return out
