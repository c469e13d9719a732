"""Loading per-language lexicons (YAML) and compiling their patterns once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

FLAGS = re.IGNORECASE | re.UNICODE
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster to start


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` with the C parser when PyYAML has it (same results, quicker workers)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


@cache
def load_resource(language: str, name: str) -> dict[str, Any]:
    """``rankfile/extract/resources/<language>/<name>.yaml``, falling back to English."""
    base = resources.files("rankfile.extract").joinpath("resources")
    for lang in (language, "en"):
        path = base.joinpath(lang, f"{name}.yaml")
        if path.is_file():
            return load_yaml(path.read_text("utf-8")) or {}
    raise FileNotFoundError(f"no lexicon {name!r} for {language!r} or English")


def alternation(words: list[str], ignore_case: bool) -> str:
    """``a|b|c`` regrouped by first letter (``c(?:olonel|aptain)|m(?:ajor|r)``), same matches.

    re tries every alternative at every position; grouped, it tries one letter and only that
    letter's alternatives (order kept, so the same one wins). ``ignore_case`` must say how
    the result will be compiled. Alternatives that do not start with a plain letter leave
    the list as it is.
    """
    if not words or not all(w[:1].isalpha() and w[1:2] not in ("*", "+", "?", "{") for w in words):
        return "|".join(words)
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0].lower() if ignore_case else w[0], []).append(w)
    parts = []
    for first, group in groups.items():
        rests = [w[1:] for w in group]
        parts.append(f"{first}(?:{'|'.join(rests)})" if len(group) > 1 else group[0])
    return "|".join(parts)


def compile_words(pattern: str | list[str], flags: int = FLAGS) -> re.Pattern[str]:
    """A pattern (or alternatives) that only matches whole words."""
    if isinstance(pattern, list):
        pattern = "|".join(f"(?:{p})" for p in pattern)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", flags)
