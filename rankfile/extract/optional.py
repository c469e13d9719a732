"""Optional components: used when the user has them installed, never required.

A spaCy model with an entity recogniser (``en_core_web_sm`` by default, or the package named
by ``RANKFILE_SPACY_MODEL``) adds the PERSON names the lexicon rules miss. The pipeline lists
which optional components ran in every extraction's ``components``.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import Any

from rankfile.extract.people import PersonMention


@cache
def spacy_model(language: str) -> Any | None:
    """The installed spaCy model for ``language``, or None (no download is ever attempted)."""
    name = os.environ.get("RANKFILE_SPACY_MODEL") or {"en": "en_core_web_sm"}.get(language)
    if not name or importlib.util.find_spec(name) is None:
        return None
    import spacy

    try:
        return spacy.load(name, disable=["lemmatizer", "textcat"])
    except (OSError, ValueError):
        return None


def model_people(text: str, language: str, known: list[PersonMention]) -> tuple[list[PersonMention], str | None]:
    """PERSON entities of the spaCy model not already found by the rules, and the model's name."""
    model = spacy_model(language)
    if model is None:
        return [], None
    taken = [(p.start, p.end) for p in known]
    extra = []
    for ent in model(text).ents:
        if ent.label_ != "PERSON" or any(a < ent.end_char and ent.start_char < b for a, b in taken):
            continue
        extra.append(PersonMention(ent.start_char, ent.end_char, ent.text, None, rule=f"people.spacy:{model.meta['name']}"))
    return extra, f"spacy:{model.meta['lang']}_{model.meta['name']}@{model.meta['version']}"
