"""The query language users type, parsed once for every backend and for plain text.

Web-search style: words are ANDed, ``"a phrase"``, ``OR`` between alternatives,
``-word`` excludes. Nothing of the engines' own syntax survives parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'-?"[^"]*"|\S+')
_WORD = re.compile(r"\w+")


@dataclass
class Term:
    """A word or a quoted phrase of the query, possibly excluded."""

    words: list[str]
    negated: bool = False
    text: str = ""  # as typed, without the minus and quotes ("Storm-Z", "held in a pit")


def parse_query(query: str) -> list[list[Term] | Term]:
    """Web-search syntax -> AND-list whose items are OR-groups (lists) or negated terms."""
    items: list[list[Term] | Term] = []
    pending_or = False
    for tok in _TOKEN.findall(query):
        if tok == "OR":
            pending_or = bool(items) and isinstance(items[-1], list)
            continue
        negated = tok.startswith("-") and len(tok) > 1
        typed = (tok[1:] if negated else tok).strip('"').strip()
        words = _WORD.findall(typed)
        if not words:
            continue
        term = Term(words, negated, typed)
        if negated:
            items.append(term)
        elif pending_or:
            last = items[-1]
            assert isinstance(last, list)
            last.append(term)
        else:
            items.append([term])
        pending_or = False
    return items


def like_pattern(value: str) -> str:
    """``value`` as a lower-cased ``LIKE '%...%'`` pattern, its wildcards escaped (ESCAPE '\\')."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
