"""Language of a document's text (ISO 639-1), with py3langid.

Detection is restricted to languages plausible in this field (the armies, the
region and the languages reports about them are written in): an unrestricted
identifier labels short Russian or Ukrainian texts as Macedonian or Serbian.
Texts with too few letters get ``None``: a guess there would be noise.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

PLAUSIBLE_LANGUAGES: tuple[str, ...] = (
    "en", "ru", "uk", "be", "kk", "ky", "uz", "tg", "az", "hy", "ka", "tr",
    "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "ro", "hu", "bg",
    "sr", "hr", "lt", "lv", "et", "fi", "sv", "no", "da",
    "ar", "fa", "he", "zh", "ja", "ko",
)  # fmt: skip
MIN_LETTERS = 20
MAX_CHARS = 20_000


@cache
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.labels)
    identifier.set_languages([code for code in languages if code in known])
    return identifier


def detect_language(
    text: str, languages: tuple[str, ...] = PLAUSIBLE_LANGUAGES
) -> str | None:
    """ISO 639-1 code of ``text`` among ``languages``, or None when the text is too short."""
    sample = text[:MAX_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    code, _confidence = _identifier(tuple(languages)).classify(sample)
    return None if code == "und" else str(code)
