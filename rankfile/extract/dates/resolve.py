"""Turn a matched date expression (an atom) into a :class:`DateValue`.

Explicit years give absolute intervals; expressions without a year resolve against
the publication date when there is one ("last July", "on Saturday", "May 31") and
otherwise keep only what the words say (month/day, no start/end, anchor "none").
"The previous day" and "two days later" resolve against the previous mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from rankfile.extract.dates import intervals as iv
from rankfile.extract.dates.grammar import Atom
from rankfile.extract.dates.lexicon import Lexicon
from rankfile.records import DateValue

_DIGITS = re.compile(r"\d+")
_UNIT_PRECISION = {
    "day": "day",
    "hour": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "decade": "year",
}
_NO_YEAR_REF = 2001  # a non-leap year for month/day arithmetic without a year


@dataclass(frozen=True)
class Context:
    """What an atom may be resolved against."""

    published: date | None
    previous: DateValue | None  # the previous mention in the text
    default_year: int | None = None  # inherited from the other end of a range


def _int(text: str | None, words: dict[str, int]) -> int | None:
    if text is None:
        return None
    m = _DIGITS.match(text)
    if m:
        return int(m.group())
    return words.get(" ".join(text.lower().rstrip(".").split()))


def _word(text: str | None, table: dict[str, str] | dict[str, int]) -> object:
    if text is None:
        return None
    key = " ".join(text.lower().rstrip(".").replace("-", " ").split())
    if key in table:
        return table[key]
    return table.get(" ".join(text.lower().rstrip(".").split()))


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    m = _DIGITS.match(text)
    return int(m.group()) if m else None


def make_value(
    text: str,
    interval: iv.Interval | None,
    precision: str,
    *,
    modifier: str | None = None,
    anchor: str = "absolute",
    month: int | None = None,
    day: int | None = None,
    year: int | None = None,
) -> DateValue:
    """A DateValue whose month/day/year are filled from the interval when it fixes them."""
    if interval is not None:
        start, end = interval
        if year is None and start.year == end.year:
            year = start.year
        if (
            month is None
            and precision in ("day", "month")
            and (start.year, start.month) == (end.year, end.month)
        ):
            month = start.month
        if day is None and precision == "day" and start == end:
            day = start.day
        return DateValue(
            text=text,
            start=start.isoformat(),
            end=end.isoformat(),
            precision=precision,
            month=month,
            day=day,
            year=year,
            modifier=modifier,
            anchor=anchor,
        )
    return DateValue(
        text=text,
        precision=precision,
        month=month,
        day=day,
        year=year,
        modifier=modifier,
        anchor="none" if anchor != "absolute" or year is None else anchor,
    )


def interval_of(value: DateValue) -> iv.Interval | None:
    if value.start is None or value.end is None:
        return None
    return date.fromisoformat(value.start), date.fromisoformat(value.end)


# --------------------------------------------------------------------------- kinds


def _date(
    atom: Atom, lex: Lexicon, ctx: Context, text: str, modifier: str | None
) -> DateValue | None:
    p = atom.parts
    month = _word(p.get("month"), lex.months) if "month" in p else _int(p.get("month_num"), {})
    day: int | None
    if atom.kind == "slash_date":
        a, b = int(p["a"]), int(p["b"])
        month, day = (a, b) if lex.slash_order == "mdy" else (b, a)
        if month > 12 >= day:
            month, day = day, month
    else:
        day = _int(p.get("day"), lex.ordinals)
    if not isinstance(month, int):
        return None
    day2 = _int(p.get("day2"), lex.ordinals)
    month2 = _word(p.get("month2"), lex.months)
    year = _year(p.get("year"))
    bare = day is None and year is None and "shift" not in p
    if bare and p.get("month", "")[:1].isupper() and _is_abbreviation(p.get("month", ""), lex):
        return None  # "to Jan Novak": a bare capitalised abbreviation is a name; "in sept" is a month
    if day is not None and not iv.valid_day(month, day, year):
        return None
    if day2 is not None and (day is None or day2 <= day or not iv.valid_day(month, day2, year)):
        return None
    precision = "day" if day is not None else "month"
    anchor = "absolute"
    if year is None:
        shift = _word(p.get("shift"), lex.shifts)
        if ctx.default_year is not None:
            year, anchor = ctx.default_year, "absolute"
        elif ctx.published is None:
            return make_value(
                text, None, precision, modifier=modifier, anchor="none", month=month, day=day
            )
        else:
            anchor = "published"
            year = _shifted_year(month, day, ctx.published, shift)
    if not iv.plausible(year) or (day is not None and not iv.valid_day(month, day, year)):
        return None
    if day is not None:
        start = date(year, month, day)
        end = date(year, month, day2) if day2 else start
        return make_value(text, (start, end), "day", modifier=modifier, anchor=anchor, year=year)
    if isinstance(month2, int):
        first_year = year if month2 >= month else year - 1
        interval = (iv.month_interval(first_year, month)[0], iv.month_interval(year, month2)[1])
        return make_value(text, interval, "month", modifier=modifier, anchor=anchor)
    interval = iv.apply_modifier(iv.month_interval(year, month), "month", modifier)
    return make_value(
        text, interval, "month", modifier=modifier, anchor=anchor, month=month, year=year
    )


def _is_abbreviation(word: str, lex: Lexicon) -> bool:
    return not word.endswith(".") and word.lower() in lex.month_abbreviations


def _shifted_year(month: int, day: int | None, published: date, shift: object) -> int:
    """Year of a month (and day) named without one, seen from the publication date."""
    if shift == "last":
        return published.year if month < published.month else published.year - 1
    if shift == "this":
        return published.year
    if shift == "next":
        return published.year if month > published.month else published.year + 1
    return iv.most_recent(month, day, published)


def _season(
    atom: Atom, lex: Lexicon, ctx: Context, text: str, modifier: str | None
) -> DateValue | None:
    p = atom.parts
    first = _word(p.get("season"), lex.seasons)
    if not isinstance(first, int):
        return None
    year = _year(p.get("year"))
    year2 = _year(p.get("year2"))
    if year2 is not None and year is not None and year2 < 100:
        year2 += year // 100 * 100
    anchor = "absolute"
    if year is None:
        if ctx.default_year is not None:
            year = ctx.default_year
        elif ctx.published is None:
            return make_value(text, None, "season", modifier=modifier, anchor="none")
        else:
            anchor = "published"
            year = _season_year(first, ctx.published, _word(p.get("shift"), lex.shifts))
    if not iv.plausible(year):
        return None
    interval = iv.season_interval(year, first)
    if year2 is not None:
        if year2 <= year or year2 - year > 50:
            return None
        if not (first == 12 and year2 == year + 1):
            interval = (interval[0], iv.season_interval(year2, first)[1])
    interval = iv.apply_modifier(interval, "season", modifier)
    return make_value(text, interval, "season", modifier=modifier, anchor=anchor, year=year)


def _season_year(first: int, published: date, shift: object) -> int:
    """Start year of the season instance meant, seen from the publication date."""
    candidates = [published.year + k for k in (-2, -1, 0, 1)]
    spans = [(y, iv.season_interval(y, first)) for y in candidates]
    if shift == "last":
        return max(y for y, (_, e) in spans if e < published)
    if shift == "next":
        return min(y for y, (s, _) in spans if s > published)
    return max(y for y, (s, _) in spans if s <= published)


def _part_of_year(atom: Atom, lex: Lexicon, ctx: Context, text: str) -> DateValue | None:
    p = atom.parts
    if atom.kind == "half":
        n = _int(p.get("half_num"), {}) or _word(p.get("half"), lex.halves)
        size, precision = 6, "half"
    else:
        n = _int(p.get("quarter_num"), {}) or _word(p.get("quarter"), lex.quarters)
        size, precision = 3, "quarter"
    if not isinstance(n, int):
        return None
    year = _year(p.get("year"))
    anchor = "absolute"
    if year is None:
        shift = _word(p.get("shift"), lex.shifts)
        if shift is None and ctx.previous is not None and ctx.previous.year is not None:
            year, anchor = ctx.previous.year, ctx.previous.anchor
        elif ctx.published is not None:
            year = ctx.published.year + {"last": -1, "next": 1}.get(str(shift), 0)
            anchor = "published"
        else:
            return make_value(text, None, precision, anchor="none")
    interval = iv.months_interval(year, (n - 1) * size + 1, size)
    return make_value(text, interval, precision, anchor=anchor, year=year)


def _decade(atom: Atom, ctx: Context, text: str, modifier: str | None) -> DateValue | None:
    p = atom.parts
    if "decade" in p:
        decade = int(p["decade"])
    else:
        short = int(p["decade_short"])
        now = ctx.published.year if ctx.published else 2029
        decade = 2000 + short if 2000 + short <= now else 1900 + short
    if not iv.plausible(decade):
        return None
    interval = iv.apply_modifier(iv.decade_interval(decade), "decade", modifier)
    return make_value(text, interval, "decade", modifier=modifier)


def _years(
    atom: Atom, lex: Lexicon, ctx: Context, text: str, after: str, modifier: str | None
) -> DateValue | None:
    p = atom.parts
    year = _year(p.get("year"))
    if year is None or not iv.plausible(year):
        return None
    if (atom.context or atom.prefix) in lex.numeric_context:
        nxt = after.split(None, 1)[0].strip(".,;:").lower() if after.strip() else ""
        if nxt in lex.count_nouns:
            return None  # "from 1500 to 2000 soldiers"
    if "year2" in p:
        year2 = _year(p["year2"])
        assert year2 is not None
        if year2 < 100:
            year2 += year // 100 * 100
        conn = p.get("conn", "-").strip().lower()
        if conn.isalpha() and atom.context is None and atom.prefix is None:
            return None  # "2022 and 2024 soldiers": a word joins years only after "in", "from"...
        if year2 <= year or not iv.plausible(year2) or year2 - year > 100:
            return None
        interval = (iv.year_interval(year)[0], iv.year_interval(year2)[1])
        return make_value(text, interval, "year", modifier=modifier)
    interval = iv.apply_modifier(iv.year_interval(year), "year", modifier)
    return make_value(text, interval, "year", modifier=modifier, year=year)


def _relative_day(atom: Atom, lex: Lexicon, ctx: Context, text: str) -> DateValue | None:
    offset = _word(atom.parts.get("rel"), lex.relative_days)
    if not isinstance(offset, int):
        return None
    if ctx.published is None:
        return make_value(text, None, "day", anchor="none")
    d = ctx.published + timedelta(days=offset)
    return make_value(text, (d, d), "day", anchor="published")


def _shift(interval: iv.Interval, unit: str, n: int) -> iv.Interval:
    """Move an interval by ``n`` units (negative: back)."""
    if unit in ("day", "week", "hour"):
        days = n * 7 if unit == "week" else (n if unit == "day" else n // 24)
        delta = timedelta(days=days)
        return interval[0] + delta, interval[1] + delta
    months = n * (12 if unit == "year" else 120 if unit == "decade" else 1)
    return _add_months(interval[0], months), _add_months(interval[1], months, end=True)


def _add_months(d: date, n: int, end: bool = False) -> date:
    y, m = iv.add_months(d.year, d.month, n)
    last = iv.last_day(y, m)
    if end and d.day == iv.last_day(d.year, d.month):
        return date(y, m, last)
    return date(y, m, min(d.day, last))


def _ago(atom: Atom, lex: Lexicon, ctx: Context, text: str) -> DateValue | None:
    p = atom.parts
    n = _int(p.get("num"), lex.numbers)
    unit = _word(p.get("unit"), lex.units)
    direction = _word(p.get("dir"), lex.directions)
    if not isinstance(n, int) or not isinstance(unit, str) or n > 400:
        return None
    precision = _UNIT_PRECISION.get(unit, "day")
    if direction == "ago":
        if ctx.published is None:
            return make_value(text, None, precision, anchor="none")
        point = (ctx.published, ctx.published)
        interval = _shift(point, unit, -n)
        return make_value(text, _widen(interval, precision), precision, anchor="published")
    return _from_previous(ctx, text, unit, n if direction == "later" else -n)


def _widen(interval: iv.Interval, precision: str) -> iv.Interval:
    d = interval[0]
    if precision == "week":
        return iv.week_interval(d)
    if precision == "month":
        return iv.month_interval(d.year, d.month)
    if precision == "year":
        return iv.year_interval(d.year)
    return interval


def _from_previous(ctx: Context, text: str, unit: str, n: int) -> DateValue:
    """A date given relative to the previous mention ("two days later")."""
    precision = _UNIT_PRECISION.get(unit, "day")
    prev = ctx.previous
    if prev is None:
        return make_value(text, None, precision, anchor="none")
    base = interval_of(prev)
    if base is not None:
        shifted = _shift(base, unit, n)
        out = iv.coarser(precision, prev.precision)
        if out != prev.precision:
            shifted = _widen(shifted, out)  # "the following year" after a day
        return make_value(text, shifted, out, anchor=prev.anchor)
    if prev.month is not None and prev.day is not None and unit in ("day", "week"):
        d = date(_NO_YEAR_REF, prev.month, min(prev.day, iv.last_day(_NO_YEAR_REF, prev.month)))
        moved = _shift((d, d), unit, n)[0]
        month = moved.month
        day = moved.day
        return make_value(text, None, "day", anchor="none", month=month, day=day)
    if prev.month is not None and unit == "month":
        return make_value(text, None, "month", anchor="none", month=(prev.month - 1 + n) % 12 + 1)
    return make_value(text, None, precision, anchor="none")


def _anchored(atom: Atom, lex: Lexicon, ctx: Context, text: str) -> DateValue | None:
    p = atom.parts
    unit = _word(p.get("unit"), lex.units)
    if not isinstance(unit, str):
        unit = "day"  # morning, evening, night
    shift = _word(p.get("ashift"), lex.anchored_shifts) if "ashift" in p else "same"
    direction = (p.get("dir") or "").lower()
    if direction:
        shift = "previous" if direction == "before" else "following"
    n = {"previous": -1, "following": 1}.get(str(shift), 0)
    if n == 0:
        prev = ctx.previous
        if prev is None:
            return make_value(text, None, _UNIT_PRECISION[unit], anchor="none")
        base = interval_of(prev)
        precision = iv.coarser(_UNIT_PRECISION[unit], prev.precision)
        if base is None:
            return make_value(text, None, precision, anchor="none", month=prev.month, day=prev.day)
        return make_value(text, _widen(base, precision), precision, anchor=prev.anchor)
    return _from_previous(ctx, text, unit, n)


def _relative_unit(
    atom: Atom, lex: Lexicon, ctx: Context, text: str, modifier: str | None
) -> DateValue | None:
    p = atom.parts
    unit = _word(p.get("unit"), lex.units)
    shift = _word(p.get("shift"), lex.shifts)
    edge = _word(p.get("edge"), lex.edges) if "edge" in p else None
    if not isinstance(unit, str) or not isinstance(shift, str):
        return None
    precision = "decade" if unit == "decade" else _UNIT_PRECISION.get(unit, "day")
    pub = ctx.published
    if pub is None:
        return make_value(text, None, precision, modifier=modifier, anchor="none")
    n = {"last": -1, "this": 0, "next": 1}[shift]
    if unit == "decade":
        base = pub.year // 10 * 10 + 10 * n
        interval = iv.decade_interval(base)
    else:
        interval = _widen(_shift((pub, pub), unit, n), precision)
    if edge == "earlier" and n == 0:
        interval = (interval[0], pub)
    elif edge == "later" and n == 0:
        interval = (pub, interval[1])
    interval = iv.apply_modifier(interval, precision, modifier)
    return make_value(text, interval, precision, modifier=modifier, anchor="published")


def _weekday(atom: Atom, lex: Lexicon, ctx: Context, text: str) -> DateValue | None:
    weekday = _word(atom.parts.get("weekday"), lex.weekdays)
    if not isinstance(weekday, int):
        return None
    if ctx.published is None:
        return make_value(text, None, "day", anchor="none")
    shift = _word(atom.parts.get("shift"), lex.shifts)
    if shift == "next":
        d = iv.weekday_after(weekday, ctx.published)
    else:
        d = iv.weekday_on_or_before(weekday, ctx.published, strictly=shift == "last")
    return make_value(text, (d, d), "day", anchor="published")


# --------------------------------------------------------------------------- entry point


def interpret(
    atom: Atom, lex: Lexicon, ctx: Context, text: str, after: str = ""
) -> DateValue | None:
    """The value of ``atom`` (whose words are ``text``), or None when it is not a date.

    ``after`` is the text that follows the atom (to tell "in 2000 km" from a year).
    """
    modifier = _word(atom.parts.get("mod"), lex.modifiers) if "mod" in atom.parts else None
    mod = modifier if isinstance(modifier, str) else None
    kind = atom.kind
    value: DateValue | None
    if kind in ("date", "slash_date"):
        value = _date(atom, lex, ctx, text, mod)
    elif kind == "season":
        value = _season(atom, lex, ctx, text, mod)
    elif kind in ("half", "quarter"):
        value = _part_of_year(atom, lex, ctx, text)
    elif kind == "decade":
        value = _decade(atom, ctx, text, mod)
    elif kind == "year":
        value = _years(atom, lex, ctx, text, after, mod)
    elif kind == "relative_day":
        value = _relative_day(atom, lex, ctx, text)
    elif kind == "ago":
        value = _ago(atom, lex, ctx, text)
    elif kind == "anchored":
        value = _anchored(atom, lex, ctx, text)
    elif kind == "relative_unit":
        value = _relative_unit(atom, lex, ctx, text, mod)
    elif kind == "weekday":
        value = _weekday(atom, lex, ctx, text)
    else:  # pragma: no cover - a kind named in YAML but not implemented
        return None
    if value is not None and atom.prefix is not None:
        prefix = lex.prefixes.get(atom.prefix)
        if prefix:
            value.modifier = prefix
    return value
