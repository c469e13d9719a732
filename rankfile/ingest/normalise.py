"""Text normalisation and byte decoding shared by every reader.

The normalised text is what every evidence offset refers to, so it must be stable:
``normalise_text`` is idempotent (normalising twice changes nothing), and
:func:`read_file` applies it to every document a reader returns.

Decoding policy (``decode_bytes``):

1. A byte-order mark decides (UTF-8, UTF-16, UTF-32).
2. Content that looks binary (known magic numbers, more than 2% NUL or control bytes)
   is refused: ``NotText``.
3. Valid UTF-8 is UTF-8.
4. *Damaged UTF-8*: bytes that are mostly valid multi-byte UTF-8 with a few invalid
   bytes (a truncated download, a bad copy-paste) are decoded as UTF-8 with U+FFFD
   replacement characters; ``Decoded.replaced`` counts them and readers record it in
   ``metadata["decoding_errors"]``. We do not guess a legacy code page there,
   because that would turn every valid character into mojibake to "explain" one bad byte.
5. Anything else goes to charset-normalizer (Windows-1251, KOI8-R, Latin-1, ...).
   If it finds no encoding, the bytes are decoded as UTF-8 with replacement and
   the count is recorded the same way.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"%PDF", b"\x7fELF", b"\x1f\x8b",
    b"7z\xbc\xaf", b"Rar!\x1a",
    b"\xd0\xcf\x11\xe0",
)  # fmt: skip

# Control characters other than \n and \t are removed (\r, \f, \v become line breaks first).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Invisible characters that only break matching: BOM/zero-width no-break space,
# zero-width space, soft hyphen, word joiner.
_INVISIBLE = re.compile("[\ufeff\u200b\u00ad\u2060]")
# Horizontal spaces (no tab): normal, no-break and the Unicode space separators.
_SPACES = re.compile("[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_TRAILING = re.compile(r"[ \t]+\n")
_LEADING_SPACE = re.compile(r"\n +")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, \\n line ends, no control characters but \\n and \\t, single spaces,
    paragraph breaks as one blank line, no trailing spaces, trimmed ends."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = text.replace("\x0c", "\n\n").replace("\x0b", "\n")
    text = _CONTROL.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _LEADING_SPACE.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def verbatim_text(text: str) -> str:
    """Text as a reader of the file sees it (universal newlines, no NUL): the identity for a
    clean UTF-8 file, so offsets into our text are offsets into the file as other tools
    read it. Used for plain-text files; every other format is fully normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "")


def paragraphs_to_text(paragraphs: list[str]) -> str:
    """Join paragraphs (each normalised) with blank lines, skipping empty ones."""
    parts = [normalise_text(p) for p in paragraphs]
    return "\n\n".join(p for p in parts if p)


class NotText(ValueError):
    """The bytes are binary content, not text in any encoding."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used and how many bytes were replaced."""

    text: str
    encoding: str
    replaced: int = 0


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: magic numbers, or more than 2% control/NUL bytes."""
    head = data[:8192]
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    if any(head.startswith(m) for m in _MAGIC):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(head) // 50)


def _utf8_damage(data: bytes) -> tuple[int, int]:
    """(valid non-ASCII characters, invalid bytes) when decoding as UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in text if ord(ch) > 127 and not "\udc80" <= ch <= "\udcff")
    return valid, invalid


def decode_bytes(data: bytes) -> Decoded:
    """Decode file bytes to text following the module's policy; raise NotText for binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(encoding, errors="replace")
            return Decoded(text, encoding.replace("-le", "").replace("-be", ""),
                           text.count("\ufffd"))
    if looks_binary(data):
        raise NotText("not text (binary content)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    valid, invalid = _utf8_damage(data)
    if valid >= 2 * invalid:
        text = data.decode("utf-8", errors="replace")
        return Decoded(text, "utf-8", invalid)
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return Decoded(str(best), _canonical(best.encoding))
    text = data.decode("utf-8", errors="replace")
    return Decoded(text, "utf-8", text.count("\ufffd"))


def _canonical(encoding: str) -> str:
    """Python's canonical codec name ('koi8_r' -> 'koi8-r')."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding
