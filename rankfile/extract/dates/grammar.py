"""Find the date expressions (atoms) of a text with one compiled grammar.

The patterns of the language's YAML are joined into a single alternation behind an
optional lead word. Scanning every position with it would cost milliseconds per
report, so the text is first searched (with C-speed ``str.find``) for trigger
literals that every date contains (a month stem, a unit word, "19"/"20" of a year);
the grammar is then tried only at the few word starts just before each trigger.
Each match says which pattern fired and which named parts (day, month, year,
modifier ...) it holds; turning those into dates is left to ``resolve``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rankfile.extract.dates.lexicon import Lexicon, lexicon

_GROUP = re.compile(r"\(\?P<(\w+)>")
_PLACEHOLDER = re.compile(r"\{([A-Z0-9_]+)\}")
_LEAD_REQUIRED = r"(?(L_prefix)|(?(L_ctx)|(?!)))"


@dataclass(frozen=True)
class Atom:
    """One matched date expression, before interpretation.

    ``match_start`` includes a context word ("in", "between"); ``start`` does not,
    except for a prefix ("since", "before"), which belongs to the mention.
    """

    rule: str
    kind: str
    match_start: int
    start: int
    end: int
    parts: dict[str, str]
    prefix: str | None = None  # normalised prefix word (since/before/after word)
    context: str | None = None  # normalised context word


@dataclass(frozen=True)
class Grammar:
    regex: re.Pattern[str]
    # per alternative: (group name, [(full group name, part name)])
    alternatives: dict[str, tuple[int, list[tuple[str, str]]]]


def _expand(template: str, placeholders: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: placeholders[m.group(1)], template)


@cache
def grammar(language: str = "en") -> Grammar:
    """The compiled grammar of ``language`` (built once per process)."""
    lex = lexicon(language)
    branches: list[str] = []
    alternatives: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    for index, pattern in enumerate(lex.patterns):
        body = _expand(pattern.regex, lex.placeholders)
        names: list[tuple[str, str]] = []

        def rename(
            m: re.Match[str], index: int = index, names: list[tuple[str, str]] = names
        ) -> str:
            full = f"p{index}_{m.group(1)}"
            names.append((full, m.group(1)))
            return f"(?P<{full}>"

        body = _GROUP.sub(rename, body)
        if pattern.lead_required:
            body = _LEAD_REQUIRED + body
        alternatives[f"p{index}"] = (index, names)
        branches.append(f"(?P<p{index}>{body})")
    lead = rf"(?:(?P<L_prefix>{lex.placeholders['PREFIX']})\s+|(?P<L_ctx>{lex.placeholders['CTX']})\s+)?"
    source = r"(?<!\w)" + lead + "(?:" + "|".join(branches) + ")"
    return Grammar(re.compile(source), alternatives)


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


_TITLE_PARTS = {"month": "months", "month2": "months", "weekday": "weekdays"}
_SENTENCE_END = ".!?;:"
_MAX_LEAD_WORDS = 6
_OPENERS = "\"'“‘«([{"


def _lowered(text: str) -> str:
    """Lower-cased text with the same length (offsets stay valid)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _find_all(haystack: str, needle: str, out: set[int]) -> None:
    pos = haystack.find(needle)
    while pos >= 0:
        out.add(pos)
        pos = haystack.find(needle, pos + 1)


def _triggers(text: str, lower: str, lex: Lexicon) -> list[int]:
    hits: set[int] = set()
    for needle in lex.triggers_cased:
        _find_all(text, needle, hits)
    for needle in lex.triggers_words:  # "in sept": only whole words, not "doctor" or "decided"
        pos = lower.find(needle)
        while pos >= 0:
            end = pos + len(needle)
            if (pos == 0 or not lower[pos - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
                hits.add(pos)
            pos = lower.find(needle, end)
    for needle in lex.triggers_lower:
        if needle.isdigit():
            _find_years(lower, needle, hits)
        else:
            _find_all(lower, needle, hits)
    return sorted(hits)


def _find_years(lower: str, needle: str, out: set[int]) -> None:
    """Digit triggers count only where they start a 4-digit number ("2024", not "20,000")."""
    pos = lower.find(needle)
    while pos >= 0:
        if (
            (pos == 0 or not lower[pos - 1].isdigit())
            and lower[pos : pos + 4].isdigit()
            and not lower[pos + 4 : pos + 5].isdigit()
        ):
            out.add(pos)
        pos = lower.find(needle, pos + 1)


def _token_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_starts(lower: str, begin: int, end: int) -> list[int]:
    """A token's start, and its first letter or digit when punctuation leads ('"In', '(23')."""
    inner = begin
    while inner < end - 1 and not lower[inner].isalnum():
        inner += 1
    return [begin] if inner == begin else [begin, inner]


def _candidate_starts(lower: str, pos: int, floor: int, lex: Lexicon) -> list[int]:
    """Word starts from which a date covering ``pos`` may begin, farthest first."""
    start = max(_token_start(lower, pos), floor)
    starts = _word_starts(lower, start, pos + 1)[::-1]
    cursor = start
    for _ in range(_MAX_LEAD_WORDS):
        end = cursor
        while end > floor and lower[end - 1].isspace():
            end -= 1
        if end <= floor or end == cursor:
            break
        begin = _token_start(lower, end)
        if begin < floor:
            break
        token = lower[begin:end]
        if token[-1] in _SENTENCE_END and token not in lex.lead_words:
            break
        word = token.rstrip(",").lstrip(_OPENERS)
        if not (word in lex.lead_words or word[:1].isdigit() or word[:1] in "'’"):
            break
        starts.extend(_word_starts(lower, begin, end)[::-1])
        if word != token.rstrip(","):
            break  # an opening quote or bracket starts the phrase
        cursor = begin
    starts.reverse()
    return starts


def _title_ok(m: re.Match[str], text: str, names: list[tuple[str, str]], lex: Lexicon) -> bool:
    for full, part in names:
        cls = _TITLE_PARTS.get(part)
        if cls and cls in lex.title_case:
            at = m.start(full)
            if at >= 0 and not text[at].isupper() and m.group(full).rstrip(".") not in lex.lowercase_ok:
                return False
    return True


def _atom(m: re.Match[str], text: str, gram: Grammar, lex: Lexicon) -> Atom | None:
    key = m.lastgroup
    if key not in gram.alternatives:  # pragma: no cover - lastgroup is the branch
        key = next(k for k in gram.alternatives if m.group(k) is not None)
    index, names = gram.alternatives[key]
    if not _title_ok(m, text, names, lex):
        return None
    pattern = lex.patterns[index]
    parts = {
        part: text[m.start(full) : m.end(full)] for full, part in names if m.group(full) is not None
    }
    determiner = parts.pop("skip", None)
    prefix = m.group("L_prefix")
    context = m.group("L_ctx")
    return Atom(
        rule=pattern.name,
        kind=pattern.kind,
        match_start=m.start(),
        start=m.start("L_prefix") if prefix else _core_start(m, key, names),
        end=m.end(),
        parts=parts,
        prefix=_norm(prefix) if prefix else None,
        context=_norm(determiner or context) if determiner or context else None,
    )


def _core_start(m: re.Match[str], key: str, names: list[tuple[str, str]]) -> int:
    """Where the mention starts: a leading ``skip`` group (a determiner) is left out."""
    for full, part in names:
        if part == "skip" and m.group(full) is not None:
            return m.end(full)
    return m.start(key)


def scan(text: str, language: str = "en") -> list[Atom]:
    """Every date expression in ``text``, left to right, non-overlapping."""
    gram = grammar(language)
    lex = lexicon(language)
    lower = _lowered(text)
    atoms: list[Atom] = []
    floor = 0
    for pos in _triggers(text, lower, lex):
        if pos < floor:
            continue
        for start in _candidate_starts(lower, pos, floor, lex):
            m = gram.regex.match(lower, start)
            if m is None or m.end() <= pos:
                continue
            atom = _atom(m, text, gram, lex)
            if atom is None:
                continue
            atoms.append(atom)
            floor = m.end()
            break
    return atoms
