"""Say whether a date is when something was published/surfaced or when it happened.

A role word ("posted", "surfaced", "took place") a few words before the date in the
same clause, or just after it ("In January 2025, a video surfaced"), decides; the
nearest one wins. No role word: no role (None). Works on a handful of words on
each side, so it costs microseconds per mention.
"""

from __future__ import annotations

from rankfile.extract.dates.lexicon import lexicon

_WINDOW = 120
_MAX_CUE_WORDS = 3
_PUNCT = "\"'“”‘’()[]«».,:;!?"


def _match_at(
    words: list[str], i: int, firsts: dict[str, int], roles: dict[str, str]
) -> tuple[int, str] | None:
    """(length, role) of the longest cue starting at ``words[i]``."""
    longest = firsts.get(words[i], 0)
    for size in range(min(longest, len(words) - i), 0, -1):
        role = roles.get(words[i] if size == 1 else " ".join(words[i : i + size]))
        if role:
            return size, role
    return None


def find_role(lower: str, start: int, end: int, language: str = "en") -> str | None:
    """The role of the date at ``lower[start:end]`` (``lower``: the lower-cased text)."""
    lex = lexicon(language)
    roles = lex.role_of_cue
    firsts = lex.role_first_words
    gap = lex.role_gap_words
    best: tuple[int, str] | None = None
    # before: walk back from the date while inside the clause
    words: list[str] = []
    for token in reversed(lower[max(0, start - _WINDOW) : start].split()):
        if token[-1] in ".!?;":
            break  # the previous sentence
        words.append(token.strip(_PUNCT))
        if len(words) > gap + _MAX_CUE_WORDS:
            break
    words.reverse()
    n = len(words)
    for i in range(n - 1, max(-1, n - gap - _MAX_CUE_WORDS - 1), -1):
        if words[i] in firsts:
            found = _match_at(words, i, firsts, roles)
            if found and n - (i + found[0]) <= gap:
                best = (n - (i + found[0]), found[1])
                break
    # after: the same clause, a comma straight after the date allowed
    words = []
    for k, token in enumerate(lower[end : end + _WINDOW].split()):
        clean = token.strip(_PUNCT)
        if clean:
            words.append(clean)
        if token[-1] in ".!?;:" or (k > 0 and (token[-1] == "," or token[0] == ",")):
            break
        if len(words) > gap + _MAX_CUE_WORDS:
            break
    limit = min(len(words), gap + 1, best[0] if best else gap + 1)
    for i in range(limit):
        if words[i] in firsts:
            found = _match_at(words, i, firsts, roles)
            if found:
                return found[1]
    return best[1] if best else None
