"""The temporal normaliser: every date expression of a text, as an interval.

``find_dates`` returns one :class:`DateMention` per expression ("late August 2024",
"between March and May 2024", "two days later", "last July"), each with the exact
span of the text, the interval it denotes, its precision and the rule that found it.
Grammar and vocabulary live in ``resources/<lang>/dates.yaml``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from rankfile.extract.dates import intervals as iv
from rankfile.extract.dates.grammar import Atom, scan
from rankfile.extract.dates.lexicon import Lexicon, lexicon
from rankfile.extract.dates.resolve import Context, interpret, interval_of
from rankfile.extract.dates.roles import find_role
from rankfile.records import DateMention, DateValue

__all__ = ["find_dates", "find_durations", "resolve_date"]

COMPONENT = "dates"
_RANGE_KINDS = frozenset({"date", "slash_date", "season", "year", "half", "quarter", "decade"})
_AFTER = 30  # characters after a year looked at to tell a quantity ("2000 km")


def find_dates(text: str, published: date | None = None, language: str = "en") -> list[DateMention]:
    """Every date expression in ``text`` (offsets into ``text``), left to right.

    Relative expressions resolve against ``published`` ("last July"), or, for "the
    previous day" / "two days later", against the previous mention; without a
    publication date they keep only what the words say (no year is invented), unless the
    text opens with a dateline ("KYIV, March 3, 2025 (AP) -"), whose date then stands in for it.
    """
    mentions = _find(text, published, language)
    if published is None and mentions:
        dateline = _dateline(text, mentions[0])
        if dateline is not None:
            # "ROSTOV-ON-DON, March 14, 2025 (Agency) -": the wire's own date resolves "last month"
            mentions = _find(text, dateline, language)
            mentions[0].role, mentions[0].rule = "published", f"{COMPONENT}.dateline"
    return mentions


# a dateline opens a line: a place in capitals (optionally ", Country"), a comma, the date, an
# optional "(Agency)" and a dash: "KYIV, Ukraine, 3 March 2025 (AP) -", "МОСКВА, 14 марта 2025 —"
_DATELINE_HEAD = re.compile(r"(?:^|\n)[ \t]*[A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ'’.\- ]{1,40}(?:,[ \t]*[^\W\d_][\w'’.\- ]{1,30})?,[ \t]+$")
_DATELINE_TAIL = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:[-–—]{1,2}|:)[ \t]")
_DATELINE_REACH = 600  # characters from the top of the text a dateline may start in


def _dateline(text: str, first: DateMention) -> date | None:
    """The date of the report's dateline, when its first date is one with day and year."""
    value = first.value
    if first.start > _DATELINE_REACH or value.precision != "day" or not value.start:
        return None
    if not _DATELINE_HEAD.search(text, max(0, first.start - 80), first.start):
        return None
    if not _DATELINE_TAIL.match(text, first.end):
        return None
    return date.fromisoformat(value.start)


def _find(text: str, published: date | None, language: str) -> list[DateMention]:
    lex = lexicon(language)
    atoms = scan(text, language)
    mentions: list[DateMention] = []
    previous: DateValue | None = None
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        mention = None
        if i + 1 < len(atoms) and _joins(text, atom, atoms[i + 1], lex):
            mention = _range(text, atom, atoms[i + 1], lex, published, previous)
            if mention is not None:
                i += 1
        if mention is None:
            mention = _single(text, atom, lex, Context(published, previous))
        i += 1
        if mention is not None:
            mentions.append(mention)
            previous = mention.value
    if mentions:
        lower = text.lower()
        if len(lower) != len(text):
            lower = text
        for mention in mentions:
            mention.role = find_role(lower, mention.start, mention.end, language)
    return mentions


def _single(text: str, atom: Atom, lex: Lexicon, ctx: Context) -> DateMention | None:
    is_range = any(k in atom.parts for k in ("day2", "month2", "year2"))
    start = atom.match_start if is_range and atom.context in lex.range_words else atom.start
    words = text[start : atom.end]
    value = interpret(atom, lex, ctx, words, text[atom.end : atom.end + _AFTER])
    if value is None:
        return None
    return DateMention(start, atom.end, words, value, rule=f"{COMPONENT}.{atom.rule}")


def _joins(text: str, a: Atom, b: Atom, lex: Lexicon) -> bool:
    """Whether ``a`` and ``b`` are the two ends of one range ("March 2022 to May 2024")."""
    if a.kind not in _RANGE_KINDS or b.kind not in _RANGE_KINDS or b.prefix is not None:
        return False
    gap = " ".join(text[a.end : b.start].lower().split())
    if gap not in lex.range_connectors:
        return False
    return gap != "and" or a.context in lex.range_words


def _has_year(atom: Atom) -> bool:
    return "year" in atom.parts or atom.kind in ("decade",)


def _range(
    text: str, a: Atom, b: Atom, lex: Lexicon, published: date | None, previous: DateValue | None
) -> DateMention | None:
    start = a.match_start if a.context in lex.range_words else a.start
    words = text[start : b.end]
    vb = interpret(
        b, lex, Context(published, previous), text[b.start : b.end], text[b.end : b.end + _AFTER]
    )
    if vb is None:
        return None
    ctx = Context(published, previous)
    b_interval = interval_of(vb)
    if not _has_year(a) and b_interval is not None and _has_year(b):
        ctx = Context(published, previous, default_year=b_interval[0].year)
    va = interpret(a, lex, ctx, text[a.start : a.end], "")
    if va is None:
        return None
    a_interval = interval_of(va)
    if (
        ctx.default_year is not None
        and a_interval is not None
        and b_interval is not None
        and a_interval[0] > b_interval[0]  # "between November and February 2024"
    ):
        earlier = Context(published, previous, ctx.default_year - 1)
        va = interpret(a, lex, earlier, text[a.start : a.end])
        a_interval = interval_of(va) if va else None
    if va is None:
        return None
    precision = iv.coarser(va.precision, vb.precision)
    if a_interval is None or b_interval is None:
        value = DateValue(
            text=words,
            precision=precision,
            month=va.month if va.month == vb.month else None,
            year=va.year if va.year == vb.year else None,
            anchor="none",
        )
    else:
        if a_interval[0] > b_interval[1]:
            return None
        anchor = "absolute" if "absolute" == va.anchor == vb.anchor else "published"
        value = DateValue(
            text=words,
            start=a_interval[0].isoformat(),
            end=b_interval[1].isoformat(),
            precision=precision,
            month=a_interval[0].month
            if (a_interval[0].year, a_interval[0].month)
            == (b_interval[1].year, b_interval[1].month)
            else None,
            year=a_interval[0].year if a_interval[0].year == b_interval[1].year else None,
            anchor=anchor,
        )
    rule = f"{COMPONENT}.range({a.rule},{b.rule})"
    return DateMention(start, b.end, words, value, rule=rule)


def resolve_date(
    expression: str, published: date | None = None, language: str = "en"
) -> DateValue | None:
    """The value of one date expression ("late August 2024", "last July"), or None.

    A bare year or month, which in running text needs a word such as "in" to count
    as a date, is accepted on its own here.
    """
    for lead in ("", "in "):
        mentions = find_dates(lead + expression, published, language)
        if mentions:
            best = max(mentions, key=lambda m: m.end - m.start)
            return best.value
    return None


# --------------------------------------------------------------------------- durations


@cache
def _duration_regex(language: str) -> re.Pattern[str]:
    ph = lexicon(language).placeholders
    return re.compile(
        rf"(?<!\w)(?P<num>{ph['NUM']}|\d+(?:[.,]\d+)?)(?:\s+|-)(?P<unit>{ph['UNIT']})"
        rf"(?!\s+(?:{ph['DIRECTION']})|-old|\s+old)"
    )


_UNIT_DAYS = {
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "month": 30.4375,
    "year": 365.25,
    "decade": 3652.5,
}


def find_durations(text: str, language: str = "en") -> list[tuple[int, int, str, float]]:
    """Spans that state a length of time ("for four days", "seven months"), in days.

    These are durations, never dates; ages ("19-year-old") and "two days ago" are left out.
    """
    lex = lexicon(language)
    regex = _duration_regex(language)
    out: list[tuple[int, int, str, float]] = []
    lower = text.lower() if len(text.lower()) == len(text) else text
    for m in regex.finditer(lower):
        unit = lex.units.get(m.group("unit"))
        num_text = m.group("num").replace(",", ".")
        try:
            n = float(num_text)
        except ValueError:
            n = float(lex.numbers.get(" ".join(num_text.split()), 0))
        if unit is None or n <= 0:
            continue
        out.append((m.start(), m.end(), text[m.start() : m.end()], n * _UNIT_DAYS[unit]))
    return out
