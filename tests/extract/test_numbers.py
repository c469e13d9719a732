"""Number atoms: how figures are written, parsed back to their values, with exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.extract.numbers import find_numbers

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int) -> str:
    """English words for 0 <= n < 10**12 ("two hundred and fifty thousand")."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _UNITS[n % 10])
    if n < 1000:
        rest = n % 100
        return _UNITS[n // 100] + " hundred" + ("" if rest == 0 else " and " + _words(rest))
    for scale, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            rest = n % scale
            head = _words(n // scale) + " " + word
            if rest == 0:
                return head
            return head + (" and " if rest < 100 else " ") + _words(rest)
    raise AssertionError(n)


def _only(text: str):
    atoms = find_numbers(text)
    assert len(atoms) == 1, atoms
    return atoms[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("a total of 48,200 recruits", 48200, None, "cardinal"),
        ("about 2.4 million people", 2_400_000, None, "cardinal"),
        ("some 180 000 reservists", 180_000, None, "cardinal"),
        ("roughly 40 thousand men", 40_000, None, "cardinal"),
        ("a dozen conscripts", 12, None, "cardinal"),
        ("half a million troops", 500_000, None, "cardinal"),
        ("three hundred and twelve complaints", 312, None, "cardinal"),
        ("almost 7% of the force", 7, "percent", "percent"),
        ("about 12 per cent of them", 12, "percent", "percent"),
        ("a bribe of $4,800", 4800, "USD", "money"),
        ("a fine of €1,200", 1200, "EUR", "money"),
        ("a payout of £75,000", 75000, "GBP", "money"),
        ("he paid 250,000 roubles", 250_000, "RUB", "money"),
        ("20,000 hryvnias a month", 20_000, "UAH", "money"),
        ("a budget of £2.3bn", 2_300_000_000, "GBP", "money"),
        ("ransom of $3m", 3_000_000, "USD", "money"),
        ("some 1,5 million roubles", 1_500_000, "RUB", "money"),
        ("RUB 90,000 per month", 90_000, "RUB", "money"),
        ("the 71st brigade", 71, None, "ordinal"),
        ("seven thousand rubles", 7000, "RUB", "money"),
    ],
)
def test_written_forms(text: str, value: float, unit: str | None, kind: str) -> None:
    atom = _only(text)
    assert atom.value == value
    assert atom.unit == unit
    assert atom.kind == kind
    assert text[atom.start : atom.end] == atom.text


def test_vague_quantities_have_no_value() -> None:
    atoms = find_numbers("tens of thousands of men and hundreds of officers")
    assert [(a.text, a.value, a.kind) for a in atoms] == [
        ("tens of thousands", None, "vague"),
        ("hundreds", None, "vague"),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("at 14:45 local time", "time"),
        ("on 03.11.2023", "code"),
        ("call +380 44 123-45-67 now", "code"),
        ("a 25km march", "measurement"),
    ],
)
def test_non_counts_are_labelled(text: str, kind: str) -> None:
    assert _only(text).kind == kind


def test_weapon_models_are_not_numbers() -> None:
    assert find_numbers("a T-80 tank and an Su-25 jet") == []


def test_bare_scale_word_is_not_a_number() -> None:
    assert find_numbers("worth million") == []
    assert _only("a million soldiers").value == 1_000_000


def test_word_runs_split_into_numbers() -> None:
    assert [a.value for a in find_numbers("two or three soldiers")] == [2, 3]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_parse_back(n: int) -> None:
    text = f"reported {n:,} cases"
    assert _only(text).value == n


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_space_separated_thousands_parse_back(n: int, sep: str) -> None:
    atom = _only(f"about {n:,} men".replace(",", sep))
    assert atom.value == n
    assert atom.grouped


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9)]),
)
def test_scaled_figures_parse_back(whole: int, tenth: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    atom = _only(f"at least {whole}.{tenth} {word} soldiers")
    assert atom.value == pytest.approx((whole + tenth / 10) * factor)
    assert atom.scaled


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=10**10 - 1))
def test_words_parse_back(n: int) -> None:
    atom = _only(f"they counted {_words(n)} deserters")
    assert atom.value == n


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_random_text_never_crashes_and_offsets_match(text: str) -> None:
    last = -1
    for atom in find_numbers(text):
        assert text[atom.start : atom.end] == atom.text
        assert atom.start >= last
        last = atom.end


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "12,000",
                "$5",
                "the",
                "million",
                "two",
                "%",
                " ",
                "-",
                ",",
                "May",
                "1.5",
                "hundred",
                "and",
                "€",
                "roubles",
                "3rd",
                "10:30",
                "\n",
            ]
        ),
        max_size=30,
    )
)
def test_number_soup_offsets_match(parts: list[str]) -> None:
    text = " ".join(parts)
    for atom in find_numbers(text):
        assert text[atom.start : atom.end] == atom.text


@pytest.mark.parametrize(
    ("text", "language", "value", "unit"),
    [
        ("около 1,5 млн человек", "ru", 1_500_000, None),
        ("7 300 военнослужащих", "ru", 7300, None),
        ("500 тысяч рублей", "ru", 500_000, "RUB"),
        ("двести пятьдесят тысяч", "ru", 250_000, None),
        ("понад 20 тисяч військових", "uk", 20_000, None),
        ("100 тис. гривень", "uk", 100_000, "UAH"),
    ],
)
def test_russian_and_ukrainian_forms(
    text: str, language: str, value: float, unit: str | None
) -> None:
    atoms = [a for a in find_numbers(text, language) if a.value is not None]
    assert len(atoms) == 1, atoms
    assert (atoms[0].value, atoms[0].unit) == (value, unit)
