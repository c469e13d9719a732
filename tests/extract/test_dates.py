"""The temporal normaliser: phrasings, relative dates, traps, and properties."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.extract.dates import find_dates, find_durations, resolve_date
from rankfile.records import DateValue

PUB = date(2024, 6, 12)  # a Wednesday
PRECISIONS = {"day", "week", "month", "season", "quarter", "half", "year", "decade", "unknown"}


def one(text: str, published: date | None = None) -> DateValue:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0].value


def span(value: DateValue | None) -> tuple[str | None, str | None]:
    assert value is not None
    return value.start, value.end


# --------------------------------------------------------------------------- absolute


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("12 March 2024", "2024-03-12", "2024-03-12", "day"),
        ("the 12th of March, 2024", "2024-03-12", "2024-03-12", "day"),
        ("March 12, 2024", "2024-03-12", "2024-03-12", "day"),
        ("Sept. 3, 2022", "2022-09-03", "2022-09-03", "day"),
        ("Thursday, Dec. 15, 2016", "2016-12-15", "2016-12-15", "day"),
        ("2024-03-12", "2024-03-12", "2024-03-12", "day"),
        ("12.03.2024", "2024-03-12", "2024-03-12", "day"),
        ("25/03/2024", "2024-03-25", "2024-03-25", "day"),
        ("March 12-14, 2024", "2024-03-12", "2024-03-14", "day"),
        ("11-13 December 2016", "2016-12-11", "2016-12-13", "day"),
        ("September 2025", "2025-09-01", "2025-09-30", "month"),
        ("February 2024", "2024-02-01", "2024-02-29", "month"),
        ("early March 2023", "2023-03-01", "2023-03-10", "month"),
        ("mid-May 2021", "2021-05-11", "2021-05-20", "month"),
        ("late August 2024", "2024-08-21", "2024-08-31", "month"),
        ("the end of February 2023", "2023-02-21", "2023-02-28", "month"),
        ("late 2022", "2022-09-01", "2022-12-31", "year"),
        ("early 2023", "2023-01-01", "2023-04-30", "year"),
        ("mid-2024", "2024-05-01", "2024-08-31", "year"),
        ("summer 2023", "2023-06-01", "2023-08-31", "season"),
        ("the summer of 2017", "2017-06-01", "2017-08-31", "season"),
        ("winter 2023", "2023-12-01", "2024-02-29", "season"),
        ("winter 2022-23", "2022-12-01", "2023-02-28", "season"),
        ("autumn 2019", "2019-09-01", "2019-11-30", "season"),
        ("the first half of 2024", "2024-01-01", "2024-06-30", "half"),
        ("H2 2023", "2023-07-01", "2023-12-31", "half"),
        ("Q3 2024", "2024-07-01", "2024-09-30", "quarter"),
        ("the fourth quarter of 2022", "2022-10-01", "2022-12-31", "quarter"),
        ("the 1990s", "1990-01-01", "1999-12-31", "decade"),
        ("the late 1980s", "1987-01-01", "1989-12-31", "decade"),
        ("between March and May 2024", "2024-03-01", "2024-05-31", "month"),
        ("between November and February 2024", "2023-11-01", "2024-02-29", "month"),
        ("from 2022 to 2024", "2022-01-01", "2024-12-31", "year"),
        ("2014–2016", "2014-01-01", "2016-12-31", "year"),
        ("from March 2022 to May 2024", "2022-03-01", "2024-05-31", "month"),
        ("between 3 March and 5 April 2023", "2023-03-03", "2023-04-05", "day"),
    ],
)
def test_absolute_expressions(expression: str, start: str, end: str, precision: str) -> None:
    text = f"It happened {expression} near the front."
    for published in (None, PUB):
        value = one(text, published)
        assert (value.start, value.end, value.precision) == (start, end, precision)
        assert value.anchor == "absolute"
        assert value.text in expression or expression in value.text


def test_bare_years_need_a_year_context() -> None:
    assert span(one("Convictions rose in 2024 alone.")) == ("2024-01-01", "2024-12-31")
    value = one("Desertions have grown since 2022.")
    assert value.modifier == "since" and value.year == 2022
    assert one("The unit was disbanded by 2030.").modifier == "before"
    assert find_dates("2023 conscripts were sent to the front.") == []


def test_modifier_since_keeps_the_words_and_the_interval() -> None:
    mentions = find_dates("Nobody was paid since the end of March 2023.")
    assert [m.text for m in mentions] == ["since the end of March 2023"]
    value = mentions[0].value
    assert (value.start, value.end, value.modifier) == ("2023-03-21", "2023-03-31", "since")


def test_range_words_belong_to_the_mention() -> None:
    text = "They were held between March and May 2024 in a pit."
    (mention,) = find_dates(text)
    assert mention.text == "between March and May 2024"
    assert text[mention.start : mention.end] == mention.text


# --------------------------------------------------------------------------- traps


@pytest.mark.parametrize(
    "text",
    [
        "The 55th brigade and the 53rd regiment moved north.",
        "Military unit 3057 and unit 45807 were named.",
        "2024 soldiers deserted, and 1,200 more were missing.",
        "He was aged 19 and held for four days, then seven months.",
        "The roll call was at 10 a.m. sharp.",
        "Prices went from 1500 to 2000 roubles.",
        "The convoy stopped at 2000 hours.",
        "Up to 2000 people were mobilised.",
        "They may be sent to the front.",
        "He called Jan Novak and a 19-year-old private.",
    ],
)
def test_no_date_is_invented(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_durations_are_not_dates_but_can_be_found() -> None:
    text = "He was tied to a tree for four days and served seven months."
    assert find_dates(text) == []
    durations = find_durations(text)
    assert [(d[2], d[3]) for d in durations][0] == ("four days", 4.0)
    assert durations[1][2] == "seven months"
    assert find_durations("two days ago a 19-year-old fled") == []


# --------------------------------------------------------------------------- relative


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("yesterday", "2024-06-11", "2024-06-11", "day"),
        ("today", "2024-06-12", "2024-06-12", "day"),
        ("two days ago", "2024-06-10", "2024-06-10", "day"),
        ("on Saturday", "2024-06-08", "2024-06-08", "day"),
        ("on Wednesday", "2024-06-12", "2024-06-12", "day"),
        ("last Wednesday", "2024-06-05", "2024-06-05", "day"),
        ("last week", "2024-06-03", "2024-06-09", "week"),
        ("last month", "2024-05-01", "2024-05-31", "month"),
        ("last year", "2023-01-01", "2023-12-31", "year"),
        ("this year", "2024-01-01", "2024-12-31", "year"),
        ("earlier this year", "2024-01-01", "2024-06-12", "year"),
        ("early next year", "2025-01-01", "2025-04-30", "year"),
        ("last July", "2023-07-01", "2023-07-31", "month"),
        ("last May", "2024-05-01", "2024-05-31", "month"),
        ("in January", "2024-01-01", "2024-01-31", "month"),
        ("in September", "2023-09-01", "2023-09-30", "month"),
        ("on May 31", "2024-05-31", "2024-05-31", "day"),
        ("on June 20", "2023-06-20", "2023-06-20", "day"),
        ("last summer", "2023-06-01", "2023-08-31", "season"),
        ("last winter", "2023-12-01", "2024-02-29", "season"),
        ("three months ago", "2024-03-01", "2024-03-31", "month"),
    ],
)
def test_relative_to_publication(expression: str, start: str, end: str, precision: str) -> None:
    value = one(f"Soldiers said {expression} that they were beaten.", PUB)
    assert (value.start, value.end, value.precision) == (start, end, precision)
    assert value.anchor == "published"


@pytest.mark.parametrize(
    ("expression", "month", "day", "precision"),
    [
        ("last July", 7, None, "month"),
        ("in January", 1, None, "month"),
        ("on May 31", 5, 31, "day"),
        ("last year", None, None, "year"),
        ("yesterday", None, None, "day"),
        ("on Saturday", None, None, "day"),
        ("two days ago", None, None, "day"),
        ("early March", 3, None, "month"),
    ],
)
def test_relative_without_publication_never_invents_a_year(
    expression: str, month: int | None, day: int | None, precision: str
) -> None:
    value = one(f"Soldiers said {expression} that they were beaten.")
    assert (value.start, value.end, value.year) == (None, None, None)
    assert (value.month, value.day, value.precision, value.anchor) == (
        month,
        day,
        precision,
        "none",
    )


def test_anchored_to_the_previous_mention_not_publication() -> None:
    text = "He was detained on 3 March 2024. Two days later he was beaten; the previous day he had fled."
    mentions = find_dates(text, PUB)
    assert [m.text for m in mentions] == ["3 March 2024", "Two days later", "the previous day"]
    assert span(mentions[1].value) == ("2024-03-05", "2024-03-05")
    assert span(mentions[2].value) == ("2024-03-04", "2024-03-04")
    assert mentions[1].value.anchor == "absolute"


def test_anchored_without_year_keeps_month_and_day() -> None:
    mentions = find_dates("On May 31 he fled. The next day he was caught.")
    assert (mentions[1].value.month, mentions[1].value.day, mentions[1].value.start) == (6, 1, None)


def test_anchored_without_previous_mention_is_unresolved() -> None:
    value = one("Two days later the video was deleted.", PUB)
    assert value.start is None and value.anchor == "none"


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The video was posted on social media on May 31.", "published"),
        ("An audio published by HUR on April 5 records the threat.", "published"),
        ("A video that surfaced in January 2025 shows him tied up.", "surfaced"),
        ("In January 2025, a harrowing video surfaced online.", "surfaced"),
        ("According to a UN report from September 2025, many deserted.", "published"),
        ("The beating took place in late August 2024.", "event"),
        ("In late August 2024, Ilya Gorkov was handcuffed to a tree.", None),
    ],
)
def test_roles(text: str, role: str | None) -> None:
    (mention,) = find_dates(text)
    assert mention.role == role


def test_every_mention_names_its_rule() -> None:
    for mention in find_dates("In 2023 and on 5 May 2024, then between June and July 2024."):
        assert mention.rule.startswith("dates.")


def test_role_words_of_the_previous_sentence_do_not_count() -> None:
    mentions = find_dates("The video was posted on May 31. In late August 2024 he fled.")
    assert [m.role for m in mentions] == ["published", "event"]


# --------------------------------------------------------------------------- ru / uk


@pytest.mark.parametrize(
    ("language", "text", "start", "end", "modifier"),
    [
        ("ru", "Солдата избили 12 марта 2024 года.", "2024-03-12", "2024-03-12", None),
        (
            "ru",
            "В конце марта 2024 года его привязали к дереву.",
            "2024-03-21",
            "2024-03-31",
            "late",
        ),
        ("ru", "Это случилось летом 2023 года.", "2023-06-01", "2023-08-31", None),
        ("ru", "Дезертирство растет с 2022 года.", "2022-01-01", "2022-12-31", "since"),
        ("ru", "Приказ от 12.03.2024 подписан.", "2024-03-12", "2024-03-12", None),
        ("uk", "Його побили 5 травня 2022 року.", "2022-05-05", "2022-05-05", None),
        ("uk", "Наприкінці березня 2024 року його катували.", "2024-03-21", "2024-03-31", "late"),
        ("uk", "Це сталося у 2023 році.", "2023-01-01", "2023-12-31", None),
    ],
)
def test_russian_and_ukrainian(
    language: str, text: str, start: str, end: str, modifier: str | None
) -> None:
    (mention,) = find_dates(text, None, language)
    assert (mention.value.start, mention.value.end, mention.value.modifier) == (
        start,
        end,
        modifier,
    )
    assert text[mention.start : mention.end] == mention.text


def test_russian_relative_dates() -> None:
    mentions = find_dates("Вчера его избили. Два дня назад он сбежал. В прошлом году.", PUB, "ru")
    assert [span(m.value) for m in mentions] == [
        ("2024-06-11", "2024-06-11"),
        ("2024-06-10", "2024-06-10"),
        ("2023-01-01", "2023-12-31"),
    ]
    assert find_dates("В 55-й бригаде 2024 солдата.", PUB, "ru") == []


def test_unknown_language_falls_back_to_english() -> None:
    assert span(one_lang("It was 12 March 2024.", "xx")) == ("2024-03-12", "2024-03-12")


def one_lang(text: str, language: str) -> DateValue:
    (mention,) = find_dates(text, None, language)
    return mention.value


# --------------------------------------------------------------------------- resolve_date


def test_resolve_date_accepts_bare_expressions() -> None:
    assert span(resolve_date("2023")) == ("2023-01-01", "2023-12-31")
    assert span(resolve_date("January", PUB)) == ("2024-01-01", "2024-01-31")
    assert span(resolve_date("late August 2024")) == ("2024-08-21", "2024-08-31")
    assert resolve_date("January").start is None  # type: ignore[union-attr]
    assert resolve_date("no date here") is None


# --------------------------------------------------------------------------- properties

MONTHS = list(calendar.month_name)[1:]
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=150, deadline=None)
@given(d=dates)
def test_day_month_year_resolves_to_that_day(d: date) -> None:
    for text in (
        f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    ):
        value = one(f"On {text} they were beaten.")
        assert (value.start, value.end) == (d.isoformat(), d.isoformat())
        assert (value.year, value.month, value.day) == (d.year, d.month, d.day)


@settings(max_examples=150, deadline=None)
@given(d=dates, published=st.none() | dates)
def test_month_year_covers_the_month(d: date, published: date | None) -> None:
    value = one(f"In {MONTHS[d.month - 1]} {d.year} they deserted.", published)
    last = calendar.monthrange(d.year, d.month)[1]
    assert (value.start, value.end) == (
        f"{d.year:04d}-{d.month:02d}-01",
        f"{d.year:04d}-{d.month:02d}-{last:02d}",
    )


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=300),
    published=st.none() | dates,
    language=st.sampled_from(["en", "ru", "uk"]),
)
def test_random_text_never_crashes_and_offsets_match(
    text: str, published: date | None, language: str
) -> None:
    for mention in find_dates(text, published, language):
        assert text[mention.start : mention.end] == mention.text == mention.value.text
        if mention.value.start is not None:
            assert mention.value.start <= mention.value.end  # type: ignore[operator]


_SALAD = (
    "in on since between and to from the early late mid end of last next this day days ago later "
    "previous week month year summer winter Q3 first half March May Saturday yesterday 12 31 2024 "
    "2023 1990s 12.03.2024 2024-02-30 - , two unit 55th"
)
WORDS = _SALAD.split()


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=25), published=st.none() | dates)
def test_date_like_word_salad_is_consistent(words: list[str], published: date | None) -> None:
    text = " ".join(words)
    previous_end = 0
    for mention in find_dates(text, published):
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end
        value = mention.value
        assert value.precision in PRECISIONS
        if value.start is not None:
            assert value.end is not None and value.start <= value.end
            assert 1899 <= int(value.start[:4]) <= 2101
        else:
            assert value.end is None
