"""Incidents and patterns: which sentences report abuse, grouped into occurrences.

A sentence is read for type cues (lexicon per language, ``resources/<lang>/incidents.yaml``);
consecutive sentences that continue one occurrence (the video, then what it shows; the
punishment, then why) are grouped; each group becomes one :class:`Incident` with its
evidence spans, kind, date, place, victims, perpetrators and the rules that fired.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from rankfile.extract.lexicon import compile_words, load_resource
from rankfile.extract.people import PersonMention, find_people
from rankfile.extract.prefilter import Labeller, Scanner, Vocabulary
from rankfile.extract.text import Sentence
from rankfile.records import (
    DateMention,
    DateValue,
    Evidence,
    Incident,
    Location,
    Perpetrators,
    PlaceMention,
    Victims,
    stable_id,
)

COMPONENT = "incidents"
VERSION = "0.6"  # 0.2: "none of the men were beaten" is a negation; 0.3: ru/uk victim counts,
# origin places, dates with a value first, new cues (dev_c); 0.4: dateline not an event date,
# new cues and suppressors (dev_d); 0.5: a year-long or "since" date is no vote for a single
# incident, statistics and procedural-act cues, more single-victim phrases and count words; 0.6: a
# pronoun doer takes the role named just before, a serving man as doer, a court's city as last place
CONTEXT_TYPES = {"desertion", "self_harm", "surrender", "complaint", "prosecution"}
MAX_GROUP = 5
# "few practices led to any known prosecution", "did not want to surrender": no event
NEGATED = re.compile(r"\b(?:not|never|no|none of(?: (?:the|his|her|our|their|these|those))? \w+|nor|n't|any known|few of \w+|without any|did not want to|refused to|"
                     r"rarely|instead of)\b(?:\W+\w+){0,3}\W*$", re.I)
NEGATION_PROOF = {"deprivation", "unfit_deployment", "complaint"}  # "without food", "refused to fight"

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "both": 2, "a pair of": 2,
    "a dozen": 12, "another": 1, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
UNITS = r"one|two|three|four|five|six|seven|eight|nine"
# victim counts written in English words: "fifteen", "sixty", "twenty-five", "a dozen (or so)"
COUNT_WORDS = (rf"(?:{TENS})(?:-(?:{UNITS}))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
               r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve")
# "he and two others", "locked up together with four other men": the one named plus the others
AND_OTHERS = re.compile(rf"(?:\b(?:he|she|I|me|him|his \w+|her \w+|[A-Z][a-z]+) and|\b(?:together|along) with) (?P<n>{COUNT_WORDS}|\d{{1,3}}) "
                        r"(?:other|more|others)\b", re.I)
# "two men beat him" counts the doers; "both men say the guards beat them" does not: a speech verb
# between the count and the act makes the counted the speakers
DOER_AFTER = re.compile(r"(?:\s+(?!(?:say|says|said|told|tell|recall|recalls|recalled)\b)[\w'’-]+){0,4}?\s+(?:beat|kicked|struck|shot|attacked|tortured|punched|killed|"
                        r"opened fire|fired|stabbed|extorted|demanded|ordered)\b", re.I)
SINGLE_PRONOUN = re.compile(r"\b(?:he|she|I) (?:was|had been|has been|is|lay|sat|spent)\b|\b(?:beat|beaten|kicked|tied|"
                            r"handcuffed|shot|sent|kept|put|locked|forced|made|threatened|struck|gave|sentenced|convicted|fined|"
                            r"jailed) (?:him|her|me)\b")
DAY_OF_MONTH = re.compile(r"\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
NOT_DOER_BEFORE = re.compile(r"\b(?:alongside|along with|together with|one of (?:his|their|the)|told (?:his|their)|"
                             r"complained to|appealed to|wrote to|from (?:his|their)|to (?:his|their))\s+(?:\w+\s+)?$", re.I)
NOT_DOER_AFTER = re.compile(r",?\s+(?:said|says|told|reported|confirmed|denied|wrote)\b", re.I)
INSTITUTION_BEFORE = re.compile(r"\b(?:court|tribunal|prosecutor'?s? office|hospital|committee|ministry)"
                                r"(?: \w+){0,2} (?:in|of|at)\s+(?:the\s+)?$", re.I)
ORIGIN_BEFORE = re.compile(r"\b(?:(?:soldiers?|m[ae]n|conscripts?|servicem[ae]n|recruits?|privates?|"
                           r"mobili[sz]ed|volunteers?|convicts?|families|relatives|wife|mother|father) from|"
                           r"(?:\w+ )?(?:из|із|з) (?:села |города |міста )?)\s*(?:the\s+)?$", re.I)
# the doer named only by a pronoun or "the defendant" ("Every month he takes ...", "він вимагав"):
# an active verb follows, so the pronoun is not the one it was done to
_DOER_PRONOUNS = (r"he|she|they|the defendant|the accused|он|она|они|обвиняемый|подсудимый|він|вона|вони|"
                  r"обвинувачений")
# the first pronoun of the sentence decides ("... if they refused" after "They would go" does not count)
PRONOUN_DOER = re.compile(r"^\W*(?:(?!(?:" + _DOER_PRONOUNS + r")\b)\w+\W+){0,12}?(?:" + _DOER_PRONOUNS
                          + r")\s+(?!(?:was|were|is|are|got|had|has|have|did|do|does|will|would|could|can|"
                          r"should|must|may|might|says|said|told|был|была|были|будут|був|була|були|"
                          r"будуть)\b)\w", re.I)
NOT_VICTIM_BEFORE = re.compile(r"\b(?:by|with|from|of|among)\s+$", re.I)
PLACE_RANK = {"site": 7, "village": 6, "city": 5, "near": 5, "direction": 4, "region": 3,
              "area": 2, "country": 1, "unknown": 0}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    label: str
    rule: str
    weak: bool = False


@dataclass
class IncidentLexicon:
    types: dict[str, list[re.Pattern[str]]]
    suppress: dict[str, re.Pattern[str]]
    weak: re.Pattern[str]
    incident_cues: re.Pattern[str]
    pattern_cues: re.Pattern[str]
    new_occurrence: re.Pattern[str]
    continuation: re.Pattern[str]
    roles: dict[str, re.Pattern[str]]
    perpetrator_context: re.Pattern[str]
    triggers: dict[str, re.Pattern[str]]
    harms: dict[str, re.Pattern[str]]
    evidence_kinds: dict[str, re.Pattern[str]]
    caveats: dict[str, re.Pattern[str]]
    victim_plural: re.Pattern[str]
    victim_single: re.Pattern[str]
    companion: re.Pattern[str]
    trigger_context: re.Pattern[str]
    units: re.Pattern[str]
    number_words: dict[str, int] = field(default_factory=lambda: dict(NUMBER_WORDS))
    # words before a number that make it count others: "by two officers", "по словам двух бойцов"
    not_victim_before: re.Pattern[str] = NOT_VICTIM_BEFORE

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The literals of the type cues and suppressors, located in one pass per report."""
        patterns = [p for pats in self.types.values() for p in pats]
        return Vocabulary([*patterns, *self.suppress.values(), self.incident_cues, self.pattern_cues],
                          min_length=3)

    @cached_property
    def group_labels(self) -> Labeller[tuple[str, str]]:
        """Triggers, harms and evidence kinds, (set, label): all read from one incident's text."""
        return Labeller({(name, label): p for name in ("triggers", "harms", "evidence_kinds")
                         for label, p in getattr(self, name).items()})

    @cached_property
    def caveat_labels(self) -> Labeller[str]:
        return Labeller(self.caveats)

    @cached_property
    def role_labels(self) -> Labeller[str]:
        return Labeller(self.roles)


def _compile_lower(pattern: str) -> re.Pattern[str]:
    """Type cues run case-sensitively over lowercased text: several times faster than re.I."""
    if re.search(r"\\[A-Z]", pattern):
        raise ValueError(f"type cue patterns must not use upper-case escapes: {pattern!r}")
    # no leading \b: it would stop re from skipping ahead by first letter (2x slower); the
    # word start is checked on each match instead (see read_sentences)
    return re.compile(rf"(?:{pattern.lower()})(?!\w)")


def lowered(text: str) -> str:
    """Lower case with the same length (so offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@cache
def incident_lexicon(language: str = "en") -> IncidentLexicon:
    raw = load_resource(language, "incidents")
    anchored = lambda pats: re.compile("|".join(f"(?:{p})" for p in pats), re.I)  # noqa: E731
    nouns = raw["victim_nouns"]
    # counted-victim number words of the language ("двое", "троих"), besides the English ones
    extra = {str(k).lower(): int(v) for k, v in (raw.get("victim_numbers") or {}).items()}
    numbers = rf"{COUNT_WORDS}|\d{{1,3}}|both|a pair of|a dozen"
    if extra:
        numbers += "|" + "|".join(re.escape(w) for w in sorted(extra, key=len, reverse=True))
    single = raw.get("victim_single") or rf"(?:a|one|another)(?: [\w-]+){{0,2}} (?:{nouns})"
    for more in raw.get("victim_single_more") or []:  # "beat my son", "one of them was beaten"
        single += f"|{more}"
    return IncidentLexicon(
        types={label: [_compile_lower(p) for p in pats] for label, pats in raw["types"].items()},
        suppress={label: _compile_lower("|".join(f"(?:{p})" for p in pats))
                  for label, pats in (raw.get("suppress") or {}).items()},
        weak=re.compile("|".join(raw.get("weak") or ["$^"]), re.I),
        incident_cues=compile_words(raw["incident_cues"], flags=re.UNICODE),
        pattern_cues=compile_words(raw["pattern_cues"]),
        new_occurrence=anchored(raw["new_occurrence"]),
        continuation=anchored(raw["continuation"]),
        roles={role: compile_words(pats) for role, pats in raw["roles"].items()},
        perpetrator_context=re.compile(raw["perpetrator_context"] + r"$", re.I),
        triggers={k: compile_words(v) for k, v in raw["triggers"].items()},
        harms={k: compile_words(v) for k, v in raw["harms"].items()},
        evidence_kinds={k: compile_words(v) for k, v in raw["evidence_kinds"].items()},
        caveats={k: compile_words(v) for k, v in raw["caveats"].items()},
        victim_plural=compile_words(
            rf"(?:at least |some |about |around |nearly |almost )?(?P<n>{numbers})(?: (?!of\b)[\w-]+){{0,2}} (?:{nouns})"
            # "killing two of them", "orders two of the men": a count picked out of a group
            rf"|\b(?P<m>{numbers}) of (?:them|the (?:{nouns}))\b"),
        victim_single=compile_words(single),
        companion=compile_words(raw.get("companion") or
            r"(?:alongside|along with|together with|and|with) (?:a|another|one|his) (?:fellow |other )?"
            r"(?:soldier|serviceman|comrade|conscript|man|friend)"),
        trigger_context=re.compile(
            r"(?:accused of|suspected of|punish\w* for|for|after|over|because of|who (?:tried|attempted) to"
            r"|attempting to|trying to|threatened with|(?:who|had) (?:\w+ )?(?:refused|tried))\s+(?:\w+\s+){0,2}$",
            re.I),
        units=re.compile(
            r"\b(?:\d{1,3}(?:st|nd|rd|th)(?: [A-Z][\w-]+){0,4} (?:Brigade|Regiment|Division|Battalion|Army|Corps|Company)"
            r"|(?:military )?unit (?:No\.? ?)?\d{4,5}|Storm-?[ZV](?: unit)?|Wagner(?: Group)?|Akhmat(?: unit| battalion)?)"),
        number_words={**NUMBER_WORDS, **extra},
        not_victim_before=re.compile(raw["not_victim_before"] + r"\s+$", re.I) if raw.get("not_victim_before")
        else NOT_VICTIM_BEFORE,
    )


@dataclass
class Reading:
    """What one sentence says, as far as the incident component is concerned."""

    sentence: Sentence
    cues: list[Cue] = field(default_factory=list)
    incident_votes: int = 0
    pattern_votes: int = 0
    new_occurrence: bool = False
    continuation: bool = False

    @property
    def strong(self) -> bool:
        return any(not c.weak for c in self.cues) and self.statement

    @property
    def statement(self) -> bool:
        """A sentence that can report something: not a question, heading, hashtag line or fragment."""
        text = self.sentence.text.strip()
        words = text.split()
        if len(words) < 5 or text.startswith("#") or text.endswith("?"):
            return False
        return bool(re.search(r"[.!:;\"”’»)…]$", text)) or len(words) >= 15


def _sentence_index(sentences: Sequence[Sentence]) -> tuple[list[int], list[int]]:
    return [s.start for s in sentences], [s.end for s in sentences]


def _locate(starts: list[int], ends: list[int], pos: int) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < ends[i]:
        return i
    return None


def _word_start(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_-")


def read_sentences(text: str, sentences: Sequence[Sentence], lex: IncidentLexicon) -> list[Reading]:
    """Type cues per sentence, found with one pass of each pattern over the whole text."""
    readings = [Reading(s) for s in sentences]
    starts, ends = _sentence_index(sentences)
    low = lowered(text)
    scan = Scanner(low, lex.vocabulary)  # runs each pattern only where its literal words occur
    for label, patterns in lex.types.items():
        suppress = lex.suppress.get(label)
        blocked = [(m.start(), m.end()) for m in scan.finditer(suppress)
                   if _word_start(low, m.start())] if suppress else []
        # one pattern's matches do not overlap, so their starts and ends both ascend
        blocked_starts = [b[0] for b in blocked]
        for p_index, pattern in enumerate(patterns):
            for m in scan.finditer(pattern):
                if not _word_start(low, m.start()):
                    continue
                k = bisect.bisect_left(blocked_starts, m.end())
                if k and blocked[k - 1][1] > m.start():
                    continue
                i = _locate(starts, ends, m.start())
                if i is None:
                    continue
                if label not in NEGATION_PROOF and NEGATED.search(text[max(0, m.start() - 50):m.start()]):
                    continue
                weak = bool(lex.weak.fullmatch(m.group(0).lower()))
                readings[i].cues.append(Cue(m.start(), m.end(), label, f"{label}#{p_index}", weak))
    # cue words cannot span a sentence break, so matches over the whole text, counted per
    # sentence, are the matches within each sentence
    for m in scan.finditer(lex.incident_cues, text):  # case-sensitive: run on the original
        i = _locate(starts, ends, m.start())
        if i is not None and m.end() <= ends[i]:
            readings[i].incident_votes += 1
    for m in scan.finditer(lex.pattern_cues):
        i = _locate(starts, ends, m.start())
        if i is not None and m.end() <= ends[i]:
            readings[i].pattern_votes += 1
    for r in readings:
        s = r.sentence.text
        r.new_occurrence = bool(lex.new_occurrence.match(s))
        r.continuation = bool(lex.continuation.match(s)) and not r.new_occurrence
    return readings


def group_occurrences(readings: list[Reading]) -> list[list[Reading]]:
    """Consecutive sentences of one paragraph that continue one occurrence form a group."""
    groups: list[list[Reading]] = []
    current: list[Reading] | None = None
    intro: Reading | None = None
    for r in readings:
        if current and current[-1].sentence.paragraph != r.sentence.paragraph:
            current = None
        if intro and intro.sentence.paragraph != r.sentence.paragraph:
            intro = None
        if r.strong:
            if current and r.continuation and len(current) < MAX_GROUP:
                current.append(r)
            else:
                current = [r]
                if intro and r.continuation and intro.sentence.index == r.sentence.index - 1:
                    current.insert(0, intro)
                groups.append(current)
            intro = None
        elif r.cues or r.continuation:
            if current and r.continuation and len(current) < MAX_GROUP:
                current.append(r)
            else:
                current = None
            intro = r if (not r.cues and r.incident_votes) else None
        else:
            current = None
            intro = r if r.incident_votes and not r.new_occurrence else None
    return groups


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _types(text: str, group: list[Reading], lex: IncidentLexicon) -> tuple[list[str], list[str], list[str]]:
    """Types of the group; context cues used as a reason ("accused of desertion") become triggers."""
    cues = [c for r in group for c in r.cues]
    abuse = {c.label for c in cues if c.label not in CONTEXT_TYPES}
    types: list[str] = []
    triggers: list[str] = []
    rules: list[str] = []
    for c in sorted(cues, key=lambda c: c.start):
        if c.label in CONTEXT_TYPES and abuse:
            before = text[max(0, c.start - 60):c.start]
            if lex.trigger_context.search(before):
                if c.label == "desertion":
                    triggers.append("desertion")
                continue
        if c.label not in types:
            types.append(c.label)
        rules.append(f"{COMPONENT}.type:{c.rule}")
    return types, triggers, sorted(set(rules))


# a whole year, half-year or decade frames a period, not one occurrence ("in 2024, 14 officers were
# convicted", "between July and December"); "early 2024" is still a point; "since October" says
# something has gone on ever since
BROAD_PRECISION = {"year", "half", "decade"}
POINT_DAYS = 122


def _date_vote(date: DateValue | None) -> int:
    """What the incident's date says about its kind: +1 a point in time, -1 an ongoing span."""
    if date is None:
        return 0
    if date.modifier == "since":
        return -1
    if date.start and date.end:
        days = (dt.date.fromisoformat(date.end) - dt.date.fromisoformat(date.start)).days
        return 0 if days > POINT_DAYS else 1
    return 0 if date.precision in BROAD_PRECISION and not date.modifier else 1


def _kind(group: list[Reading], victims: Victims, date: DateValue | None) -> str:
    votes = sum(r.incident_votes for r in group) - sum(r.pattern_votes for r in group)
    if victims.names:
        votes += 2
    if victims.count is not None:
        votes += 1
    votes += _date_vote(date)
    return "incident" if votes > 0 else "pattern"


def _count(word: str, lex: IncidentLexicon) -> int | None:
    """A victim count as written: digits, a number word of the language, "twenty-five"."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in lex.number_words:
        return lex.number_words[word]
    tens, _, unit = word.partition("-")
    if tens in NUMBER_WORDS and unit in NUMBER_WORDS:
        return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    return None


def _victims(text: str, span: tuple[int, int], group_text: str, people: list[PersonMention],
             lex: IncidentLexicon) -> Victims:
    names: list[str] = []
    for p in people:
        if span[0] <= p.start < span[1] and p.role in (None, "victim") and p.name not in names:
            names.append(p.name)
    # "Zhora" after "Zhora Karapetyan" is the same person
    names = [n for n in names if not (" " not in n and any(m.startswith(n + " ") for m in names))]
    others = AND_OTHERS.search(group_text)
    if others:
        n = _count(others.group("n"), lex)
        if n:
            return Victims(count=n + 1, names=names)
    for m in lex.victim_plural.finditer(group_text):
        before = group_text[max(0, m.start() - 16):m.start()]
        after = group_text[m.end():m.end() + 40]
        if lex.not_victim_before.search(before) or DOER_AFTER.match(after):
            continue  # the number counts the perpetrators or a larger group
        key = "n" if m.group("n") else "m"
        if DAY_OF_MONTH.match(group_text, m.end(key)):
            continue  # "on 3 March one guy was beaten": the day of a date, not a count
        return Victims(count=_count(m.group(key), lex), names=names)
    if names:
        extra = len(lex.companion.findall(group_text))
        return Victims(count=len(names) + extra, names=names)
    if lex.victim_single.search(group_text) or SINGLE_PRONOUN.search(group_text):
        # "her son and his friend": a companion beside the one victim counts too
        return Victims(count=1 + min(1, len(lex.companion.findall(group_text))), names=names)
    return Victims(names=names)


def _roles(text: str, group: list[Reading], lex: IncidentLexicon) -> list[str]:
    """A role word counts when it is the doer: 'by his commander', 'officers beat', 'the commander ordered'."""
    found: list[tuple[int, int, str]] = []
    for r in group:
        s = r.sentence
        for role in lex.role_labels.candidates(s.text):
            for m in lex.roles[role].finditer(s.text):
                found.append((s.start + m.start(), s.start + m.end(), role))
    # a longer role phrase hides the shorter one inside it ("military police officer")
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str]] = []
    for f in found:
        if not any(_overlaps((f[0], f[1]), (k[0], k[1])) for k in kept):
            kept.append(f)
    roles: list[str] = []
    for start, end, role in kept:
        before = text[max(0, start - 30):start]
        after = text[end:end + 30]
        if NOT_DOER_BEFORE.search(before) or NOT_DOER_AFTER.match(after):
            continue  # a companion, a witness or a source, not the one who did it
        if role not in roles:
            roles.append(role)
    return roles


def _group_labels(lex: IncidentLexicon, value: str) -> dict[str, list[str]]:
    """Triggers, harms and evidence kinds found in ``value``, each in lexicon order."""
    found: dict[str, list[str]] = {"triggers": [], "harms": [], "evidence_kinds": []}
    for name, label in lex.group_labels.matching(value):
        found[name].append(label)
    return found


def _best_place(text: str, places: list[PlaceMention], span: tuple[int, int],
                cue: int, origin_ok: bool = True, institution_ok: bool = False) -> Location | None:
    """The most precise place of the occurrence, nearest its abuse cue; not where a court sat.
    ``origin_ok=False``: never where the victim comes from (the caller looks around first);
    ``institution_ok=True``: only where a court or office sat (the last resort before the country)."""
    inside = [p for p in places if span[0] <= p.start < span[1]
              and bool(INSTITUTION_BEFORE.search(text[max(0, p.start - 40):p.start])) == institution_ok
              and not (institution_ok and p.location.precision == "country")  # "... of the Russian Federation"
              and not text.startswith(("'s", "’s"), p.end)]  # "Ukraine's incursion": an actor
    if not inside:
        return None
    # "a soldier from Tuva", "мобилизованный из Стерлитамака": where the victim comes from, not
    # where it happened; used only when the occurrence names no other place
    if len(inside) > 1 or not origin_ok:
        here = [p for p in inside if not ORIGIN_BEFORE.search(text, max(0, p.start - 30), p.start)]
        inside = here or (inside if origin_ok else [])
        if not inside:
            return None
    best = max(inside, key=lambda p: (PLACE_RANK.get(p.location.precision, 0) >= 4,
                                      -abs(p.start - cue), PLACE_RANK.get(p.location.precision, 0)))
    return best.location


def document_country(places: list[PlaceMention]) -> Location | None:
    """The country most of a report's places are in, when one clearly dominates."""
    countries = [p.location.country for p in places if p.location.country]
    if len(countries) < 2:
        return None
    top, n = Counter(countries).most_common(1)[0]
    if n / len(countries) < 0.6:
        return None
    name = next((p.location.name for p in places
                 if p.location.country == top and p.location.precision == "country"), None)
    return Location(text=name or top, name=name, country=top, precision="country")


def _with_context_year(value: DateValue, before: list[DateMention]) -> DateValue:
    """'in May' in a report about 2023: the year of the nearest earlier dated mention."""
    if value.year is not None or value.month is None:
        return value
    years = [d.value.year for d in before if d.value.year]
    if not years:
        return value
    year = years[-1]
    last = calendar.monthrange(year, value.month)[1]
    first_day, last_day = (value.day, value.day) if value.day else (1, last)
    return replace(value, year=year, start=f"{year:04d}-{value.month:02d}-{first_day:02d}",
                   end=f"{year:04d}-{value.month:02d}-{last_day:02d}", anchor="context",
                   precision="day" if value.day else "month")


def _best_date(dates: list[DateMention], span: tuple[int, int]) -> DateValue | None:
    # a dateline ("KYIV, March 3, 2025 (AP) -") dates the report, not what it reports
    inside = [d for d in dates if span[0] <= d.start < span[1] and d.rule != "dates.dateline"]
    if not inside:
        return None
    events = [d for d in inside if d.role in (None, "event")]
    # "the next day, 22 August": a mention whose words give no month or year says less
    chosen = min(events or inside, key=lambda d: d.value.month is None and d.value.year is None)
    return _with_context_year(chosen.value, [d for d in dates if d.start < chosen.start])


def build_incident(text: str, group: list[Reading], readings: list[Reading], dates: list[DateMention],
                   places: list[PlaceMention], people: list[PersonMention],
                   lex: IncidentLexicon, home: Location | None) -> Incident | None:
    """One incident from a group of sentences; ``home`` is :func:`document_country` of
    ``places`` (one per report, so the caller computes it once)."""
    types, triggers, rules = _types(text, group, lex)
    if not types:
        return None
    span = (group[0].sentence.start, group[-1].sentence.end)
    group_text = " ".join(r.sentence.text for r in group)
    victims = _victims(text, span, group_text, people, lex)
    date = _best_date(dates, span)
    kind = _kind(group, victims, date)
    first_cue = min(c.start for r in group for c in r.cues)
    # "three men from the Ivanovo region ...": where they come from is the last resort, after
    # the place the paragraph just named ("The first case comes from near Horlivka.")
    location = _best_place(text, places, span, first_cue, origin_ok=False)
    paragraph = [r for r in readings[max(0, group[0].sentence.index - 2):group[0].sentence.index]
                 if r.sentence.paragraph == group[0].sentence.paragraph]
    if kind == "incident" and paragraph:
        before = (paragraph[0].sentence.start, span[0])
        if date is None:
            date = _best_date(dates, before)
            if date is not None:
                rules.append(f"{COMPONENT}.date:context")
        if location is None:
            location = _best_place(text, places, before, span[0])
            if location is not None:
                rules.append(f"{COMPONENT}.place:context")
    if kind == "pattern":
        victims = Victims(names=victims.names)
    roles = _roles(text, group, lex)
    if not roles and set(types) - CONTEXT_TYPES and PRONOUN_DOER.match(group[0].sentence.text):
        # "The company commander. Every month he takes ...": the doer the paragraph just named
        index = group[0].sentence.index
        earlier = [r for r in readings[max(0, index - 3):index]
                   if r.sentence.paragraph == group[0].sentence.paragraph]
        roles = _roles(text, earlier, lex)
        if roles:
            rules.append(f"{COMPONENT}.perp:context")
    perpetrators = Perpetrators(
        roles=roles,
        names=[p.name for p in people if span[0] <= p.start < span[1] and p.role == "perpetrator"],
        units=sorted({m.group(0) for m in lex.units.finditer(group_text)}),
    )
    if location is None:
        location = _best_place(text, places, span, first_cue)
    if location is None:
        # "a court in Chita sentenced a lieutenant for ...": where the case was heard, when the
        # occurrence names no other place (a garrison court sits where the unit is based)
        location = _best_place(text, places, span, first_cue, institution_ok=True)
        if location is not None:
            rules.append(f"{COMPONENT}.place:institution")
    if location is None:
        location = home
        if location is not None:
            rules.append(f"{COMPONENT}.place:document")
    following = readings[group[-1].sentence.index + 1:group[-1].sentence.index + 3]
    caveat_text = group_text + " " + " ".join(r.sentence.text for r in following)
    labels = _group_labels(lex, group_text)
    triggers += [t for t in labels["triggers"] if t not in triggers]
    strong = sum(1 for r in group for c in r.cues if not c.weak)
    evidence = [Evidence.of(text, r.sentence.start, r.sentence.end) for r in group]
    return Incident(
        id=stable_id("inc", span[0], span[1], ",".join(types)),
        kind=kind,
        types=types,
        evidence=evidence,
        date=date,
        location=location,
        victims=victims,
        perpetrators=perpetrators,
        triggers=triggers,
        harms=labels["harms"],
        evidence_kinds=labels["evidence_kinds"],
        caveats=lex.caveat_labels.matching(caveat_text),
        confidence=round(min(0.95, 0.5 + 0.1 * strong), 2),
        rules=[f"{COMPONENT}@{VERSION}", *rules],
    )


def find_incidents(text: str, sentences: Sequence[Sentence], dates: list[DateMention] | None = None,
                   places: list[PlaceMention] | None = None, language: str = "en",
                   people: list[PersonMention] | None = None) -> list[Incident]:
    """Every incident and pattern reported in ``text``, in reading order."""
    lex = incident_lexicon(language)
    readings = read_sentences(text, sentences, lex)
    people = people if people is not None else find_people(text, language)
    out: list[Incident] = []
    groups = group_occurrences(readings)
    home = document_country(places or [])
    for group in groups:
        incident = build_incident(text, group, readings, dates or [], places or [], people, lex, home)
        if incident is not None:
            out.append(incident)
    _report_caveats(out, readings, groups, lex)
    return out


def _report_caveats(incidents: list[Incident], readings: list[Reading], groups: list[list[Reading]],
                    lex: IncidentLexicon) -> None:
    """'The outlet could not verify the account': a caveat outside any incident applies to the
    report's specific incidents."""
    grouped = {r.sentence.index for g in groups for r in g}
    found = {label for r in readings if r.sentence.index not in grouped
             for label in lex.caveat_labels.matching(r.sentence.text) if label == "unverified"}
    for inc in incidents:
        if inc.kind == "incident":
            for label in sorted(found - set(inc.caveats)):
                inc.caveats.append(label)
                inc.rules.append(f"{COMPONENT}.caveat:report")
