"""Language detection restricted to plausible languages."""

from __future__ import annotations

import pytest

from rankfile.ingest.language import detect_language


@pytest.mark.parametrize(("text", "code"), [
    ("The commander ordered the soldiers to dig a pit and kept them there for three days.", "en"),
    ("Командир приказал солдатам вырыть яму и держал их там три дня.", "ru"),
    ("Командир наказав солдатам викопати яму і тримав їх там три дні.", "uk"),
    ("Der Kommandeur befahl den Soldaten, eine Grube auszuheben, und hielt sie drei Tage dort fest.", "de"),
    ("Le commandant a ordonné aux soldats de creuser une fosse et les y a gardés trois jours.", "fr"),
])
def test_detects_common_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_short_is_none() -> None:
    assert detect_language("Да.") is None
    assert detect_language("12 345 678 — 2023") is None
