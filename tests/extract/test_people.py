"""Person names without a model: first-name lexicon, surname shapes, roles from titles."""

from rankfile.extract.people import find_people


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
