"""The figure grammar: which numbers in a text are claims, and what each one claims.

Built on the number atoms of :mod:`rankfile.extract.numbers` and the credits of
:mod:`rankfile.extract.sources`. For each figure it decides, within its sentence:

* whether it is a figure at all (years, dates, durations, ages, ordinals, identifiers
  such as "Article 337" or "military unit 3057", times and list numbers are not);
* the range it spans ("between 12,000 and 35,000 euros": ``value`` is the first number
  stated, ``low``/``high`` the bounds, so a scorer matching on ``value`` sees what the
  text led with);
* its qualifier in English (over, at least, nearly, about, up to, under);
* its measure, from the counted noun and the predicate ("50,000 soldiers have
  deserted" -> deserted; "1.2 million casualties" -> casualties; money -> payment or a
  more specific word);
* small bare numbers that are counts by their place: breakdown items ("471 for
  unauthorised absence", "accidents (17)"), parts and wholes ("of 570 men, 29 came out"),
  the subject of a clause ("fewer than 40 were left"), a currency said once ("100,000
  roubles, sometimes 150,000");
* whose figure it is (party), its time scope, and who it is attributed to (the source
  credited in the same sentence; carried over from the previous sentence only when the
  next one plainly continues the same report, or to the paragraph's last person/body
  when a pronoun reports it: "he said", "it listed").

Vague quantities ("hundreds of", "tens of thousands") are not emitted: they have no value
a reader could compare. Vocabulary lives in ``resources/<lang>/claims.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

from rankfile.extract.numbers import (
    CARDINAL,
    MONEY,
    PERCENT,
    NumberMention,
    find_numbers,
    load_lexicon,
)
from rankfile.extract.sources import SourceMention, find_source_mentions
from rankfile.extract.text import Sentence, split_sentences
from rankfile.records import Claim, Evidence, stable_id

COMPONENT = "claims"


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Noun:
    measure: str
    generic: bool


@dataclass(frozen=True)
class _Grammar:
    qualifier_before: re.Pattern[str]
    qualifier_words: dict[str, str]
    qualifier_after: re.Pattern[str]
    qualifier_after_words: dict[str, str]
    nouns: dict[str, _Noun]
    max_noun_words: int
    modifiers: frozenset[str]
    predicates: dict[str, str]
    predicate_after: re.Pattern[str]
    predicate_before: re.Pattern[str]
    money: list[tuple[re.Pattern[str], str]]
    money_default: str
    money_implied_before: re.Pattern[str]
    money_implied_after: re.Pattern[str]
    nationalities: dict[str, str]
    party_subject: re.Pattern[str]
    time_scopes: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    duration_after: re.Pattern[str]
    identifier_before: re.Pattern[str]
    age_before: re.Pattern[str]
    population_before: re.Pattern[str]
    range_prefix: re.Pattern[str]
    range_joiner: re.Pattern[str]
    range_and: re.Pattern[str]
    continuation: re.Pattern[str]
    inherit: re.Pattern[str]
    own_credit: re.Pattern[str]
    pronoun_credit: re.Pattern[str]
    person_pronouns: frozenset[str]
    body_pronouns: frozenset[str]
    subject_after: re.Pattern[str]
    partitive_after: re.Pattern[str]


@cache
def _grammar(language: str = "en") -> _Grammar:
    lex: dict[str, Any] = load_lexicon(language)
    qwords = {str(w).lower(): q for q, ws in lex["qualifiers"].items() for w in ws}
    qafter = {str(w).lower(): q for q, ws in lex["qualifiers_after"].items() for w in ws}
    nouns = {
        str(k).lower(): _Noun(v["measure"], bool(v.get("generic"))) for k, v in lex["nouns"].items()
    }
    preds = {str(w).lower(): m for m, ws in lex["predicates"].items() for w in ws}
    months = _alt([str(m) for m in lex["month_names"]])
    money = [
        (re.compile(r"\b(?:" + _alt([str(w) for w in ws]) + r")\b", re.IGNORECASE), str(m))
        for m, ws in lex["money_measures"].items()
    ]
    countries = _alt([str(c) for c in lex["countries"]])
    pverbs = _alt([str(v) for v in lex["party_verbs"]])
    qualifier_alt = _alt(list(qwords))
    pronouns = [
        str(w)
        for key in ("pronouns_person", "pronouns_body", "pronouns_any")
        for w in lex.get(key, [])
    ]
    return _Grammar(
        qualifier_before=re.compile(
            r"(?:^|(?<=\W))(?P<q>" + qualifier_alt + r")\s*$", re.IGNORECASE
        ),
        qualifier_words=qwords,
        qualifier_after=re.compile(
            r"^(?P<q>\s*(?:" + _alt([w for w in qafter if w[0] not in "-+"]) + r")\b|-plus\b|\+)",
            re.IGNORECASE,
        ),
        qualifier_after_words=qafter,
        nouns=nouns,
        max_noun_words=max(len(k.split()) for k in nouns),
        modifiers=frozenset(str(w).lower() for w in lex["noun_modifiers"]),
        predicates=preds,
        predicate_after=re.compile(r"\b(?P<p>" + _alt(list(preds)) + r")\b", re.IGNORECASE),
        predicate_before=re.compile(r"\b(?P<p>" + _alt(list(preds)) + r")\s*$", re.IGNORECASE),
        money=money,
        money_default=str(lex["money_default"]),
        money_implied_before=re.compile(
            r"\b(?:" + (_alt([str(w) for w in lex.get("money_implied_before", [])]) or "(?!)") + r")\s*$",
            re.IGNORECASE,
        ),
        money_implied_after=re.compile(
            r"^\s+(?:" + (_alt([str(w) for w in lex.get("money_implied_after", [])]) or "(?!)") + r")\b",
            re.IGNORECASE,
        ),
        nationalities={str(k).lower(): str(v) for k, v in lex["nationalities"].items()},
        party_subject=re.compile(r"\b(?P<c>" + countries + r")\s+(?:" + pverbs + r")\s*$"),
        time_scopes=re.compile(
            r"\b(?:" + "|".join(f"(?:{t})" for t in lex["time_scopes"]) + r")\b", re.IGNORECASE
        ),
        month_before=re.compile(r"\b(?:" + months + r")\.?\s*$", re.IGNORECASE),
        month_after=re.compile(
            r"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:" + months + r")\b", re.IGNORECASE
        ),
        # a duration ("four days") or a measurement ("1,400 kilometres", "12 degrees of frost")
        duration_after=re.compile(
            r"^(?:[\s-]+(?:more|additional|long|full|straight|consecutive|whole|other|extra|and a half))?[\s-]+(?:"
            + _alt([str(u) for u in [*lex["duration_units"], *lex.get("measurement_units", [])]])
            + r")\b",
            re.IGNORECASE,
        ),
        identifier_before=re.compile(
            r"(?:^|(?<=[\s(]))(?:"
            + _alt([str(c) for c in lex["identifier_cues"]])
            + r")\s*(?:no\.?\s*)?$",
            re.IGNORECASE,
        ),
        age_before=re.compile(
            r"\b(?:" + _alt([str(c) for c in lex["age_cues"]]) + r")\s*$", re.IGNORECASE
        ),
        population_before=re.compile(
            r"\b(?:" + _alt([str(c) for c in lex.get("population_cues", [])] or ["\x00"])
            + r")\s+(?:(?:" + _alt([str(w) for ws in lex["qualifiers"].values() for w in ws]) + r")\s+)?$",
            re.IGNORECASE,
        ),
        range_prefix=re.compile(
            r"\b(?:" + _alt([str(c) for c in lex["range_prefixes"]]) + r")\s*$", re.IGNORECASE
        ),
        range_joiner=re.compile(
            r"\s*(?:-|–|—|" + _alt([str(c) for c in lex["range_connectors"]]) + r")\s*",
            re.IGNORECASE,
        ),
        range_and=re.compile(
            r"\s*(?:" + _alt([str(c) for c in lex["range_and"]]) + r")\s*", re.IGNORECASE
        ),
        continuation=re.compile(
            r"^\W*(?:" + _alt([str(c) for c in lex["continuation_cues"]]) + r")\b", re.IGNORECASE
        ),
        inherit=re.compile(
            r"\b(?:" + _alt([str(c) for c in lex["inherit_cues"]]) + r")\s*$", re.IGNORECASE
        ),
        own_credit=re.compile(
            r"\b(?:" + _alt([str(c) for c in lex.get("own_credit_cues", [])] or ["\x00"]) + r")\b",
            re.IGNORECASE,
        ),
        pronoun_credit=re.compile(
            r"\b(?P<pro>"
            + _alt(pronouns or ["\x00"])
            + r")\s+(?:(?:also|had|has|have|later|then)\s+)?(?:"
            + _alt([str(v) for v in lex.get("pronoun_verbs", [])] or ["\x00"])
            + r")\b",
            re.IGNORECASE,
        ),
        person_pronouns=frozenset(str(w).lower() for w in lex.get("pronouns_person", [])),
        body_pronouns=frozenset(str(w).lower() for w in lex.get("pronouns_body", [])),
        subject_after=re.compile(
            r"^\s+(?:(?:only|just|still|all|then|later|eventually)\s+)?(?:"
            + _alt([str(v) for v in lex.get("subject_verbs", [])] or ["\x00"])
            + r")\b",
            re.IGNORECASE,
        ),
        partitive_after=re.compile(
            r"^\s+(?:" + _alt([str(v) for v in lex.get("partitive_after", [])] or ["\x00"]) + r")\b",
            re.IGNORECASE,
        ),
    )


@dataclass
class _Figure:
    """A figure being assembled inside one sentence (offsets relative to the document)."""

    start: int
    end: int
    value: float
    unit: str | None
    atoms: list[NumberMention]
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    measure: str | None = None
    party: str | None = None
    time_scope: str | None = None
    attributed_to: str | None = None
    structural: bool = False  # a count by its place in the sentence (list item, part of a whole)
    rules: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ what is not a figure

_LEFT = 60  # how far back the grammar looks for qualifiers, cues and predicates


def _left(text: str, sent_start: int, pos: int) -> str:
    """The words before ``pos`` in its sentence (at most ~60 characters, whole words):
    anchored patterns then never rescan a long sentence."""
    lo = max(sent_start, pos - _LEFT)
    if lo > sent_start:
        space = text.find(" ", lo, pos)
        lo = space + 1 if space != -1 else lo
    return text[lo:pos]


def _not_a_figure(g: _Grammar, text: str, sent: Sentence, atom: NumberMention) -> bool:
    """Years, dates, durations, ages, identifiers, list numbers, times of day."""
    if atom.value is None or atom.kind not in (CARDINAL, MONEY, PERCENT):
        return True
    if atom.form == "words" and atom.value == 1:
        return True  # "one of", "One soldier said": a determiner, not a count
    left = _left(text, sent.start, atom.start)
    right = text[atom.end : min(sent.end, atom.end + 60)]
    plain = atom.form == "digits" and not atom.grouped and not atom.scaled and atom.unit is None
    if plain and len(atom.text) == 4 and 1800 <= atom.value <= 2100:
        return True  # a year
    if atom.unit is not None:
        return False  # money and percentages are always figures
    small = atom.value <= 31
    if (
        small
        and atom.kind == CARDINAL
        and (
            g.month_before.search(left)
            or g.month_after.match(right)
            or g.month_after.match(_DAY_RANGE.sub("", right, count=1))
        )
    ):
        return True  # "May 31", "31 May"
    if g.duration_after.match(right):
        return True  # "four days", "seven-month", "23-year-old"
    if atom.value < 120 and (g.age_before.search(left) or _AGE_AFTER.match(right)):
        return True
    if g.population_before.search(left):
        return True  # "home to about 4 million people": a population, not a count of anything reported
    if atom.value < 120 and right.startswith(",") and _NAME_COMMA.search(left):
        return True  # "Ivan Petrov, 23, said"
    if not atom.grouped and g.identifier_before.search(left):
        return True
    if _CLOCK.match(right):
        return True
    return bool(plain and not left.strip() and _LIST_ITEM.match(right))  # "1. ", "2) "


_DAY_RANGE = re.compile(r"^\s*[-–—]\s*\d{1,2}(?!\d)")  # "1-2 October": the first day of a range
_AGE_AFTER = re.compile(r"[\s-]*years?[\s-]*old")
_NAME_COMMA = re.compile(r"[A-ZА-ЯЁІЇЄҐ][^\W\d_]+,\s*$")
_CLOCK = re.compile(r"\s*(?:[ap]\.?m\.?|o['’]clock)(?:\W|$)", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[.)]\s")


# ------------------------------------------------------------------ ranges and qualifiers


def _join_ranges(
    g: _Grammar, text: str, sent: Sentence, atoms: list[NumberMention]
) -> list[_Figure]:
    figures: list[_Figure] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        assert a.value is not None
        fig = _Figure(a.start, a.end, a.value, a.unit, [a])
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            between = text[a.end : b.start]
            prefixed = bool(g.range_prefix.search(_left(text, sent.start, a.start)))
            joiner = g.range_joiner.fullmatch(between) or (
                prefixed and g.range_and.fullmatch(between)
            )
            compatible = a.unit == b.unit or a.unit is None or b.unit is None
            if joiner and compatible and b.value is not None:
                low = a.value
                if a.multiplier == 1 and b.multiplier > 1 and a.value < 1000:
                    low = a.value * b.multiplier  # "between 1 and 2 million"
                fig = _Figure(
                    a.start,
                    b.end,
                    low,
                    a.unit or b.unit,
                    [a, b],
                    min(low, b.value),
                    max(low, b.value),
                )
                fig.rules.append("claims.range")
                i += 1
        figures.append(fig)
        i += 1
    return figures


def _qualify(g: _Grammar, text: str, sent: Sentence, fig: _Figure) -> None:
    left = _left(text, sent.start, fig.start)
    m = g.qualifier_before.search(left)
    if m:
        fig.qualifier = g.qualifier_words[m.group("q").lower()]
        fig.start = fig.start - len(left) + m.start("q")
        return
    m = g.qualifier_after.match(text[fig.end : sent.end])
    if m:
        word = m.group("q").strip().lower()
        fig.qualifier = g.qualifier_after_words.get(word)


# ------------------------------------------------------------------ measure and party


_WORD_OR_BREAK = re.compile(r"[^\W\d_][\w'’-]*|[,;:()]")


def _words(s: str, limit: int | None = None) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in islice(_WORD_OR_BREAK.finditer(s), limit)]


MAX_SKIPPED = 4  # modifiers skipped between a figure and its noun


def _noun_after(g: _Grammar, window: str, percent: bool) -> tuple[str | None, _Noun | None, int]:
    """The counted noun right after a figure, skipping a few modifiers; returns its phrase."""
    # the search never looks past the skipped words plus the longest noun
    words = _words(window, MAX_SKIPPED + 1 + g.max_noun_words)
    lowered = [w[2].lower() for w in words]
    skipped = 0
    i = 0
    while i < len(words) and skipped <= MAX_SKIPPED:
        for n in range(g.max_noun_words, 0, -1):
            phrase = " ".join(lowered[i : i + n])
            if i + n <= len(words) and phrase in g.nouns:
                return (
                    window[words[0][0] : words[i + n - 1][1]],
                    g.nouns[phrase],
                    words[i + n - 1][1],
                )
        word = words[i][2]
        low = word.lower()
        if (
            low in g.modifiers
            or (low == "of" and (percent or i == 0))  # "20,000 of his fighters"
            or (word[0].isupper() and low not in ("i",))
        ):
            skipped += 1
            i += 1
            continue
        if low.endswith("-related") or low.endswith("-year-old"):
            skipped += 1
            i += 1
            continue
        break
    return None, None, 0


# "the deaths of 55,000", "losses at 650,000", "complaints totalled 1,200"
_NOUN_BEFORE = re.compile(
    r"(?:\b(?P<adj>[A-Z][a-z]+)\s+)?\b(?P<n>[A-Za-z]+)\s+(?:of|at|stood at|reached|totalled|totaled|"
    r"numbered|rose to|grew to|exceeded|topped|to)$"
)


def _clause(window: str) -> str:
    """Up to the first clause break."""
    m = re.search(r"[;:()]|,\s|\s[–—]\s|\b(?:while|whereas|but|which|who)\b", window)
    return window[: m.start()] if m else window


def _measure(g: _Grammar, text: str, sent: Sentence, fig: _Figure, next_start: int) -> None:
    window = text[fig.end : min(next_start, fig.end + 160)]
    left = _left(text, sent.start, fig.start)
    if fig.unit and fig.unit != "percent":
        fig.measure = _money_measure(g, text[sent.start : sent.end], fig.start - sent.start)
        fig.rules.append("claims.measure_money")
        return
    phrase, noun, used = _noun_after(g, window, fig.unit == "percent")
    bare_left = _strip_qualifier(g, left)
    after = window[used:]
    apposition = _APPOSITION.match(after)
    if apposition:  # "20,000 of his fighters, half of them ex-prisoners, died"
        after = after[apposition.end() :]
    rest = _clause(after)
    pm = g.predicate_after.search(" ".join(rest.split()[:6])) if rest.strip() else None
    pred = g.predicates[pm.group("p").lower()] if pm else None
    if pred is None:
        bm = g.predicate_before.search(bare_left)
        if bm:  # active voice: "courts convicted 4,100 servicemen"
            pred = g.predicates[bm.group("p").lower()]
    of = _NOUN_BEFORE.search(bare_left)
    if of and of.group("n").lower() in g.nouns and not g.nouns[of.group("n").lower()].generic:
        fig.measure = g.nouns[of.group("n").lower()].measure
        phrase = phrase or " ".join(w for w in (of.group("adj"), of.group("n")) if w)
        fig.rules.append("claims.measure_noun_before")
    elif noun and (not noun.generic or pred is None):
        fig.measure = noun.measure
        fig.rules.append("claims.measure_noun")
    elif pred:
        fig.measure = pred
        fig.rules.append("claims.measure_predicate")
    else:
        counted = _number_of(g, text[max(sent.start, fig.start - 200) : fig.start])
        if counted:
            fig.measure = counted
            fig.rules.append("claims.measure_number_of")
        elif fig.value >= 1000 and (
            g.money_implied_before.search(bare_left) or g.money_implied_after.match(window)
        ):  # "takes 20,000 from each of us", "100k to not go on assault": a sum without a currency
            fig.measure = g.money_default
            fig.rules.append("claims.measure_money_implied")
    if phrase:
        fig.party = _party_in(g, phrase)
    if fig.party is None:
        sm = g.party_subject.search(bare_left)
        if sm:
            fig.party = sm.group("c")


_APPOSITION = re.compile(r"\s*,\s+[^,;:()\d]{2,40},\s+(?=[a-z])")
# "the number of AWOL cases received since ... had reached 4,121"
_NUMBER_OF = re.compile(
    r"\b(?:number|total|count|tally)\s+of\s+(?P<np>[^.;:]*?)"
    r"\b(?:reached|stood at|was|is|rose to|grew to|climbed to|hit|totalled|totaled|exceeded|topped)"
    r"\s+$",
    re.IGNORECASE,
)


def _number_of(g: _Grammar, left: str) -> str | None:
    """The measure of "the number of <noun> ... reached N": the noun said far before the figure."""
    m = _NUMBER_OF.search(left)
    if not m:
        return None
    words = m.group("np").split()[:5]
    for i in range(len(words)):
        for n in range(min(g.max_noun_words, len(words) - i), 0, -1):
            noun = g.nouns.get(" ".join(words[i : i + n]).lower())
            if noun:
                return noun.measure
    return None


def _strip_qualifier(g: _Grammar, left: str) -> str:
    m = g.qualifier_before.search(left)
    return left[: m.start("q")].rstrip() if m else left.rstrip()


def _party_in(g: _Grammar, phrase: str) -> str | None:
    """ "Russian soldiers" -> "Russian soldiers" (the words that say whose people these are)."""
    words = phrase.split()
    for i, w in enumerate(words):
        if w.lower() in g.nationalities:
            return " ".join([w, words[-1]]) if i < len(words) - 1 else w
    return None


def _money_measure(g: _Grammar, sentence: str, at: int) -> str:
    best: tuple[int, str] | None = None
    for pattern, measure in g.money:
        for m in pattern.finditer(sentence):
            d = min(abs(m.start() - at), abs(m.end() - at))
            if best is None or d < best[0]:
                best = (d, measure)
    if best is None or best[1] == g.money_default:
        return g.money_default
    return f"{best[1]} {g.money_default}"  # "extortion payment": still a payment to a reader


def _time_phrases(g: _Grammar, sent: Sentence) -> list[tuple[int, int, str]]:
    """Every time-scope phrase of a sentence, with document offsets (once per sentence)."""
    return [
        (sent.start + m.start(), sent.start + m.end(), m.group(0))
        for m in g.time_scopes.finditer(sent.text)
    ]


def _time_scope(
    phrases: list[tuple[int, int, str]], sent: Sentence, fig: _Figure, lo: int, hi: int
) -> None:
    """Nearest time phrase between the neighbouring figures, else one opening the sentence."""
    best: tuple[int, str] | None = None
    opening: str | None = None
    for a, b, words in phrases:
        if a - sent.start <= 3:
            opening = words
        if a >= lo and b <= hi and not (a < fig.end and fig.start < b):
            d = a - fig.end if a >= fig.end else fig.start - b
            if best is None or d < best[0]:
                best = (d, words)
    fig.time_scope = best[1] if best else opening


# ------------------------------------------------------------------ counts by position

# "471 for unauthorised absence, 25 for disobeying an order": a breakdown item
_FOR_ITEM = re.compile(r"^\s+for\s+(?P<m>[^,;.()\d]+?)(?=\s*(?:[,;.)]|\s+and\s|$))")
_PAREN_ITEM = re.compile(r"^(?:\s+[^\W\d_]+)?\s*\)")  # "(17)", "(17 cases)"
_LINK = r"(?:and|or|were|are|was|is|including|as|with|from|to|among)"
_CATEGORY = re.compile(  # the words naming a category, back to a comma or a linking word
    r"(?:^|[,;:]|\b" + _LINK + r")\s+(?P<m>(?!" + _LINK + r"\b)[a-z][a-z'’-]*"
    r"(?:\s+(?!" + _LINK + r"\b)[a-z][a-z'’-]*){0,2})\s*$"
)
_PART_OF = re.compile(r"\b(?:of|out of)\s+$", re.IGNORECASE)  # "Of 570 men, 29 came out"
_PARTITION_GAP = re.compile(
    r"^(?:\s+[^\W\d_][\w'’-]*){0,3}\s*(?:,[^,.;:\d]{0,25})?,?\s*(?:only|just)?\s*$"
)
_ELLIPSIS_GAP = re.compile(
    r"^[\s,;]*(?:(?:or|and|sometimes|even|at times|occasionally|often|usually|then|later|but)"
    r"[\s,]+){0,3}$"
)
_COMPARED = re.compile(
    r"^[^.;:\d]{0,80}\b(?:against|compared (?:with|to)|versus|vs\.?|up from|down from|rising from|"
    r"falling from)\s+$", re.IGNORECASE)
_BARE_END = re.compile(r"^\s*(?:[.,;:)!?]|$)")
_ELLIPTIC = re.compile(
    r"^(?:\s*,\s*(?:maybe|perhaps|possibly) (?:a few |slightly |a little |a bit )?(?:more|less|fewer))?"
    r"\s*(?:[.;:!?]|,|$|(?:at any (?:one )?time|over the \w+|a (?:year|month|week|day)|this year|"
    r"last year|in total|altogether|in all)\b)",
    re.IGNORECASE,
)
_COPULA_BEFORE = re.compile(r"\b(?:was|is|were|are|be|been|aged|age of|turned|turns)\s+$", re.IGNORECASE)
_LAST_WORD = re.compile(r"([^\W\d_]+)\s*\($")


def _structure(g: _Grammar, text: str, sent: Sentence, figures: list[_Figure]) -> None:
    """Counts whose place in the sentence says they are counts: items of a breakdown
    ("accidents (17), suicide (6)"), parts and wholes ("of 570 men, 29 came out unhurt"),
    the subject of a clause ("fewer than 40 were left") and an amount whose currency was
    said once ("100,000 roubles, sometimes 150,000")."""
    if not figures:
        return
    ends = [f.start for f in figures[1:]] + [sent.end]
    colon = text.find(":", sent.start, sent.end)
    for_items: list[tuple[_Figure, str]] = []
    paren_items: list[tuple[_Figure, str]] = []
    paren_single: list[tuple[_Figure, str]] = []  # "complaints (143)", whatever the words before
    for i, (fig, nxt) in enumerate(zip(figures, ends, strict=True)):
        atom = fig.atoms[0]
        right = text[fig.end : nxt]
        left = text[sent.start : atom.start]
        prev = figures[i - 1] if i else None
        if (
            fig.unit is None
            and prev is not None
            and prev.unit not in (None, "percent")
            and _ELLIPSIS_GAP.match(text[prev.end : fig.start])
            and _BARE_END.match(right)
        ):
            fig.unit, fig.measure = prev.unit, prev.measure
            fig.rules.append("claims.unit_carried")
            continue
        if (
            fig.unit is None
            and prev is not None
            and (prev.unit is not None or prev.measure is not None)
            and _COMPARED.search(text[prev.end : fig.start])
        ):
            # "412 complaints, against 356 the year before": the figure compared counts the same
            fig.unit, fig.measure = prev.unit, prev.measure
            fig.rules.append("claims.compared")
            continue
        if fig.unit is not None:
            continue
        if (
            fig.qualifier is not None
            and fig.value >= 10
            and _ELLIPTIC.match(right)
            and not _COPULA_BEFORE.search(text, max(sent.start, fig.start - 20), fig.start)
        ):
            # "This year alone about fifteen.", "about fifteen at any one time": a count whose
            # noun the question or the sentence before gave
            fig.structural = True
            fig.rules.append("claims.elliptic")
        m = _FOR_ITEM.match(right)
        if m and len(m.group("m").split()) <= 6:
            for_items.append((fig, m.group("m").strip()))
        if left.endswith("(") and _PAREN_ITEM.match(right):
            c = _CATEGORY.search(left[:-1].rstrip())
            if c:
                paren_items.append((fig, c.group("m")))
            else:
                w = _LAST_WORD.search(left)
                if w:
                    paren_single.append((fig, w.group(1)))
        if fig.value >= 2 and g.partitive_after.match(right):
            fig.structural = True
            if prev is not None and fig.measure is None:
                fig.measure, fig.party = prev.measure, fig.party or prev.party
            fig.rules.append("claims.partitive")
        elif fig.value >= 2 and g.subject_after.match(right):
            fig.structural = True
            fig.rules.append("claims.subject")
        whole = _strip_qualifier(g, left)
        if (
            i + 1 < len(figures)
            and _PART_OF.search(whole + " ")
            and _PARTITION_GAP.match(text[fig.end : figures[i + 1].start])
        ):
            fig.structural = True
            fig.rules.append("claims.whole")
    if len(for_items) >= 2 or (for_items and 0 <= colon < for_items[0][0].start):
        for fig, measure in for_items:
            fig.measure, fig.structural = measure.lower(), True
            fig.rules.append("claims.breakdown")
    if len(paren_items) >= 2:
        for fig, measure in paren_items:
            fig.measure, fig.structural = measure.lower(), True
            fig.rules.append("claims.breakdown")
    else:
        # "the largest group of complaints (143) concerned ...": the count of the noun before it
        for fig, words in paren_items + paren_single:
            noun = g.nouns.get(words.split()[-1].lower())
            if noun is not None and not noun.generic and fig.measure is None:
                fig.measure, fig.structural = noun.measure, True
                fig.rules.append("claims.parenthesised")


# ------------------------------------------------------------------ attribution


def _attribute(
    fig: _Figure, sent: Sentence, in_sentence: list[SourceMention], carried: SourceMention | None
) -> SourceMention | None:
    if in_sentence:
        speakers = [
            m
            for m in in_sentence
            if not (m.relation == "told" and m.rule.startswith("sources.cue_name"))
        ]
        pool = speakers or in_sentence
        before = [m for m in pool if m.end <= fig.start]
        # a name framed by a cue or a verb speaks; one merely named beside it does not
        # ("BBC Russian, working with Mediazona, confirmed ...")
        before = [m for m in before if m.rule != "sources.lexicon"] or before
        after = [m for m in pool if m.start >= fig.end]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is not None:
            fig.attributed_to = chosen.surface
            fig.rules.append("claims.attr_sentence")
            return chosen
    if carried is not None:
        fig.attributed_to = carried.surface
        fig.rules.append("claims.attr_carried")
        return carried
    return None


# ------------------------------------------------------------------ public API


def find_claims(
    text: str,
    sentences: list[Sentence] | None = None,
    language: str = "en",
    mentions: list[SourceMention] | None = None,
) -> list[Claim]:
    """Every figure stated in ``text``, with qualifier, measure, party, scope and attribution.

    ``mentions`` (from :func:`find_source_mentions` over the same sentences) saves the
    pipeline from finding the credits twice when it also calls ``find_sources``.
    """
    g = _grammar(language)
    if sentences is None:
        sentences = split_sentences(text, language)
    atoms = find_numbers(text, language)
    starts = [a.start for a in atoms]
    if mentions is None:
        mentions = find_source_mentions(text, sentences, language)
    by_sentence: dict[int, list[SourceMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    claims: list[Claim] = []
    last_credit: SourceMention | None = None
    last_paragraph = -1
    history: list[SourceMention] = []  # the sources credited so far in this paragraph
    figures_credited = False  # the previous sentence credited its figures to a source it names
    credited_measures: set[str] = set()  # what those figures count ("cases")
    for sent in sentences:
        if sent.paragraph != last_paragraph:
            last_credit, last_paragraph, history = None, sent.paragraph, []
            figures_credited = False
        hop = False
        lo, hi = bisect_right(starts, sent.start - 1), bisect_right(starts, sent.end - 1)
        local = [
            a for a in atoms[lo:hi] if a.end <= sent.end and not _not_a_figure(g, text, sent, a)
        ]
        in_sentence = by_sentence.get(sent.index, [])
        carried = None
        own_credit = not in_sentence and bool(g.own_credit.search(sent.text))
        if not in_sentence and not own_credit:
            if g.continuation.search(sent.text):
                carried = last_credit
            else:
                carried = _pronoun_source(g, sent.text, history)
            if carried is None and figures_credited:
                # "Mediazona counted 536 cases: 471 for ... Verdicts had been reached in 247 cases":
                # the sentence right after a credited tally goes on with it (one sentence only, and
                # only for figures that count the same kind of thing)
                carried = last_credit
                hop = True
        figures = _join_ranges(g, text, sent, local)
        first_claim = len(claims)
        phrases = _time_phrases(g, sent) if figures else []
        previous: _Figure | None = None
        used: SourceMention | None = None
        for fig in figures:
            _qualify(g, text, sent, fig)
        for i, fig in enumerate(figures):
            next_start = figures[i + 1].start if i + 1 < len(figures) else sent.end
            _measure(g, text, sent, fig, next_start)
        _structure(g, text, sent, figures)
        for i, fig in enumerate(figures):
            next_start = figures[i + 1].start if i + 1 < len(figures) else sent.end
            prev_end = figures[i - 1].end if i else sent.start
            _time_scope(phrases, sent, fig, prev_end, next_start)
            inherits = previous is not None and g.inherit.search(text[previous.end : fig.start])
            same_kind = not hop or _last_word(fig.measure) in credited_measures
            credit = _attribute(fig, sent, in_sentence, carried if same_kind else None)
            if inherits and previous is not None:
                fig.party = fig.party or previous.party
                fig.time_scope = fig.time_scope or previous.time_scope
            if not _keep(fig):
                continue
            if credit is not None:
                used = credit
            previous = fig
            claims.append(_claim(text, sent, fig))
        figures_credited = bool(in_sentence) and used is not None
        credited_measures = {_last_word(c.measure) for c in claims[first_claim:] if c.attributed_to} - {""}
        if in_sentence:
            last_credit = used or in_sentence[-1]
            history.extend(in_sentence)
        elif hop or (not carried and not own_credit):
            last_credit = None  # a sentence with no credit and no continuation cue breaks the chain
    return claims


def _last_word(measure: str | None) -> str:
    """The head of a measure ("criminal cases" -> "cases"), to tell figures of one kind."""
    return (measure or "").split()[-1].lower() if measure else ""


def _keep(fig: _Figure) -> bool:
    """A figure is a claim when it says what it counts or is plainly a statistic."""
    if fig.unit or fig.measure:
        return True
    atom = fig.atoms[0]
    return (
        fig.structural
        or atom.grouped
        or atom.scaled
        or (fig.qualifier is not None and fig.value >= 100)
    )


def _pronoun_source(
    g: _Grammar, sentence: str, history: list[SourceMention]
) -> SourceMention | None:
    """The earlier source of the paragraph a "he said" / "it listed" refers to."""
    if not history:
        return None
    m = g.pronoun_credit.search(sentence)
    if not m:
        return None
    pro = m.group("pro").lower()
    if pro in g.person_pronouns:
        pool = [h for h in history if h.kind == "person"]
    elif pro in g.body_pronouns:
        pool = [h for h in history if h.kind != "person"]
    else:
        pool = history
    return pool[-1] if pool else None


def _claim(text: str, sent: Sentence, fig: _Figure) -> Claim:
    return Claim(
        id=stable_id("cl", fig.start, fig.end, fig.value),
        value=fig.value,
        evidence=[Evidence.of(text, sent.start, sent.end)],
        low=fig.low,
        high=fig.high,
        unit=fig.unit,
        qualifier=fig.qualifier,
        measure=fig.measure,
        party=fig.party,
        time_scope=fig.time_scope,
        attributed_to=fig.attributed_to,
        rules=["claims.figure", *fig.rules],
    )
