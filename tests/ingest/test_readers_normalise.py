"""Text normalisation and decoding (rankfile/ingest/normalise.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rankfile.ingest.normalise import NotText, decode_bytes, normalise_text


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(st.text())
def test_normalised_text_invariants(text: str) -> None:
    out = normalise_text(text)
    assert unicodedata.is_normalized("NFC", out)
    assert "\r" not in out and "  " not in out and "\n\n\n" not in out
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in out)
    assert all(not line.endswith((" ", "\t")) for line in out.split("\n"))


def test_paragraph_breaks_survive() -> None:
    assert normalise_text("a\n \n\n\nb\nc") == "a\n\nb\nc"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_utf8_text_decodes_back_unchanged(text: str) -> None:
    decoded = decode_bytes(("x" + text).encode("utf-8"))
    assert decoded.text == "x" + text
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 0)


def test_binary_is_not_text() -> None:
    with pytest.raises(NotText):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))


def test_latin1_text() -> None:
    decoded = decode_bytes("Le soldat a été frappé par son commandant à Pskov.".encode("latin-1"))
    assert "été frappé" in decoded.text
