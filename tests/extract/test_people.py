"""Person names without a model: first-name lexicon, surname shapes, roles from titles."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rankfile.extract.people import find_people, people_lexicon
from rankfile.extract.prefilter import canonical, finditer_from


def names(text: str) -> list[str]:
    return [p.name for p in find_people(text)]


def test_first_name_and_surname_with_role_from_title():
    [p, *_] = find_people("Activist Yana Belova said the men were held for a week.")
    assert p.name == "Yana Belova" and p.role == "source"


def test_unknown_given_name_with_surname_shape():
    assert "Zhora Karapetyan" in names("The family of Zhora Karapetyan rejects the verdict.")


def test_demonyms_and_determiners_are_not_people():
    text = "The Russian region of Tuva and the Russian military were named. The Ukrainian side agreed."
    assert names(text) == []


def test_surname_alone_takes_the_full_name_when_unambiguous():
    found = names("Private Ivan Sokolov was beaten. Later Sokolov filed a complaint.")
    assert found.count("Ivan Sokolov") == 2


# --- the fast scans give the plain scans' matches ---------------------------------------------

WORDS = ["Ivan", "Ivanov", "Anna-Maria", "Anna", "Sergei", "commander", "Commander", "COLONEL", "Lieutenant",
         "lieutenant colonel", "Mr", "Dr.", "A.", "the", "McIvan", "Ivan's", "-Ivan", ".Ivan", "Иван", "Петров",
         "командир", "\n", ",", "ſoldier", "Soldier", "private"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.sampled_from([" ", "", "  "]),
       st.sampled_from(["en", "ru"]))
def test_name_and_title_scans_match_the_plain_scans(words: list[str], sep: str, language: str) -> None:
    text = sep.join(words)
    lex = people_lexicon(language)
    plain = [m.span() for m in lex.single_re.finditer(text) if m.group(0) in lex.first_names]
    assert [m.span() for m in lex.first_name_re.finditer(text)] == plain
    if lex.title_words is None:  # Russian titles are patterns, not words: no fast scan
        return
    titled = [m.span() for m in finditer_from(lex.titled_re, text, lex.title_words.starts(canonical(text)))]
    assert titled == [m.span() for m in lex.titled_re.finditer(text)]
