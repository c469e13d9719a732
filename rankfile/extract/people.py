"""Person names without a statistical model: first-name lexicon + capitalised surname,
or a title followed by a capitalised name; the title or the words around say the role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rankfile.extract.lexicon import alternation, load_resource
from rankfile.extract.places import country_of_adjective
from rankfile.extract.prefilter import Vocabulary, canonical, finditer_from

COMPONENT = "people"


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str
    role: str | None  # victim, perpetrator, source, relative or None
    rule: str = COMPONENT


@dataclass(frozen=True)
class PeopleLexicon:
    first_names: frozenset[str]
    name_re: re.Pattern[str]
    titled_re: re.Pattern[str]
    title_roles: dict[str, re.Pattern[str]]
    single_re: re.Pattern[str]
    first_name_re: re.Pattern[str]  # single_re's matches that are known first names
    title_words: Vocabulary | None  # where titled_re can start, when every title is a plain word


_CAP = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.|[А-ЯЁІЇЄ][а-яёіїє]+"


@cache
def people_lexicon(language: str = "en") -> PeopleLexicon:
    raw = load_resource(language, "people")
    first = frozenset(raw["first_names"].split())
    titles = raw["titles"]
    title_list = "|".join(titles.values()).split("|")
    all_titles = alternation(title_list, ignore_case=True)
    return PeopleLexicon(
        first_names=first,
        name_re=re.compile(rf"\b(?:{_CAP})(?:\s+(?:{_CAP})){{1,2}}\b"),
        titled_re=re.compile(rf"\b(?i:{all_titles})\s+((?:{_CAP})(?:\s+(?:{_CAP})){{0,2}})\b"),
        title_roles={role: re.compile(rf"\b(?:{pat})\b[\s,]*(?:[\w'-]+\s+){{0,2}}$", re.I)
                     for role, pat in titles.items()},
        single_re=re.compile(rf"(?<![\w.-])(?:{_CAP})(?![\w-])"),
        first_name_re=re.compile(rf"(?<![\w.-])(?:{alternation(sorted(n for n in first if re.fullmatch(_CAP, n)), False)})(?![\w-])"),
        title_words=Vocabulary((), words=title_list) if all(re.fullmatch(r"[\w' -]+", t) for t in title_list) else None,
    )


def _role(text: str, start: int, end: int, lex: PeopleLexicon) -> str | None:
    before = text[max(0, start - 40):start]
    for role, pattern in lex.title_roles.items():
        if pattern.search(before):
            return role
    after = text[end:end + 40]
    if re.match(r",\s+(?:his|her|their|a|the)\s+(?:mother|father|wife|husband|sister|brother|widow)", after):
        return "relative"
    if re.match(r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:soldier|serviceman|conscript|private|recruit)", after):
        return "victim"
    if re.match(r",?\s+(?:said|says|told|wrote|added|explained|noted|confirmed|reported)\b", after):
        return "source"
    return None


SURNAME = re.compile(r"(?:ov|ova|ev|eva|yov|in|ina|yn|yna|ko|enko|uk|yuk|chuk|ak|sky|ski|skiy|skaya|ska|"
                     r"dze|shvili|yan|ian|ich|vich|ovich|evich|ets|ayev|iyev|ov-\w+)$")


NOT_GIVEN_NAMES = frozenset(
    ["The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Their", "Our", "Its", "In", "On", "At", "By", "For", "From", "With", "And", "But", "Or", "As", "According", "After", "Before", "During", "When", "While", "Since", "Under", "Over", "Near", "President", "General", "Colonel", "Major", "Captain", "Lieutenant", "Sergeant", "Private", "Minister", "Commander", "Deputy", "Governor", "Senator", "Saint", "St", "Later", "Then", "Now", "Yesterday", "Today", "Earlier", "Also", "Meanwhile", "However", "Still", "Only", "Even", "Both", "Every", "Each", "Many", "Some", "Most", "Such", "Soldier", "Soldiers", "Relatives", "Officers", "Police", "Mr", "Mrs", "Ms", "Dr"])


def _looks_like_name(tokens: list[str], lex: PeopleLexicon) -> bool:
    """A known first name, or an unknown one followed by a surname-shaped word ("Zhora Karapetyan")."""
    if tokens[0] in lex.first_names:
        return True
    if len(tokens) != 2 or tokens[0] in NOT_GIVEN_NAMES or len(tokens[0]) < 3:
        return False
    surname = tokens[1]
    return bool(SURNAME.search(surname)) and country_of_adjective(surname) is None \
        and country_of_adjective(tokens[0]) is None


def find_people(text: str, language: str = "en") -> list[PersonMention]:
    """Named people with a role guess; surnames mentioned alone later take the full name."""
    lex = people_lexicon(language)
    found: list[PersonMention] = []
    taken: list[tuple[int, int]] = []
    matches = list(lex.name_re.finditer(text))
    known_surnames = {m.group(0).split()[-1] for m in matches if m.group(0).split()[0] in lex.first_names}
    for m in matches:
        tokens = m.group(0).split()
        if not _looks_like_name(tokens, lex):
            continue
        if tokens[0] not in lex.first_names and tokens[-1] in known_surnames:
            continue  # "Later Sokolov": the surname of a person already named
        found.append(PersonMention(m.start(), m.end(), m.group(0), _role(text, m.start(), m.end(), lex)))
        taken.append((m.start(), m.end()))
    titled = (finditer_from(lex.titled_re, text, lex.title_words.starts(canonical(text))) if lex.title_words
              else lex.titled_re.finditer(text))
    for m in titled:
        s, e = m.span(1)
        if any(a < e and s < b for a, b in taken):
            continue
        name = m.group(1)
        if name.split()[0] in {"The", "A", "An", "His", "Her", "Their"}:
            continue
        found.append(PersonMention(s, e, name, _role(text, s, e, lex)))
        taken.append((s, e))
    by_surname: dict[str, list[PersonMention]] = {}
    for p in found:
        if len(p.name.split()) > 1:
            by_surname.setdefault(p.name.split()[-1], []).append(p)
    surnames = {k: v[0] for k, v in by_surname.items() if len({p.name for p in v}) == 1}
    # the first names among single_re's matches (same matches: a name is a whole _CAP word)
    for m in lex.first_name_re.finditer(text):
        if not any(a <= m.start() < b for a, b in taken) and m.group(0) not in by_surname:
            found.append(PersonMention(m.start(), m.end(), m.group(0), _role(text, m.start(), m.end(), lex)))
            taken.append((m.start(), m.end()))
    for surname, person in surnames.items():
        for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            found.append(PersonMention(m.start(), m.end(), person.name, person.role))
    found.sort(key=lambda p: p.start)
    return found
