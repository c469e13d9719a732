"""Loading per-language lexicons (YAML) and compiling their patterns once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

FLAGS = re.IGNORECASE | re.UNICODE


@cache
def load_resource(language: str, name: str) -> dict[str, Any]:
    """``rankfile/extract/resources/<language>/<name>.yaml``, falling back to English."""
    base = resources.files("rankfile.extract").joinpath("resources")
    for lang in (language, "en"):
        path = base.joinpath(lang, f"{name}.yaml")
        if path.is_file():
            return yaml.safe_load(path.read_text("utf-8")) or {}
    raise FileNotFoundError(f"no lexicon {name!r} for {language!r} or English")


def compile_words(pattern: str | list[str], flags: int = FLAGS) -> re.Pattern[str]:
    """A pattern (or alternatives) that only matches whole words."""
    if isinstance(pattern, list):
        pattern = "|".join(f"(?:{p})" for p in pattern)
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", flags)
