"""Cited sources: who a document credits for what it reports, and how.

Two kinds of evidence make a credit: a known name from the lexicon (news outlets are
credited whenever named; agencies and organisations only in an attribution position),
and a capitalised name in an attribution position ("according to X", "X said",
"a report by X", "X told the New York Times", "said X"). Precision beats recall here:
an unknown name is kept only when a cue frames it. The vocabulary lives in
``resources/<lang>/sources.yaml``. :func:`find_source_mentions` gives every credit with
its offsets (the figure grammar uses it to attribute claims); :func:`find_sources`
folds them into one :class:`~rankfile.records.CitedSource` per source.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rankfile.extract.numbers import read_lexicon, trie_regex
from rankfile.extract.text import Sentence, split_sentences
from rankfile.records import CitedSource, Evidence

RESOURCES = Path(__file__).parent / "resources"
COMPONENT = "sources"


@dataclass(frozen=True)
class SourceMention:
    """One place where the text credits a source.

    ``start``/``end`` span the name as written; ``surface`` is how a figure would be
    attributed ("UN report", "Volodymyr Zelensky"); ``key`` groups mentions of the
    same source within a document.
    """

    start: int
    end: int
    name: str
    surface: str
    key: str
    kind: str | None
    relation: str
    sentence: int
    rule: str


@cache
def load_lexicon(language: str = "en") -> dict[str, Any]:
    """The sources lexicon for ``language`` (English when there is none)."""
    return read_lexicon("sources", language)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_UP = "A-ZА-ЯЁІЇЄҐ"  # capitals of the Latin and Cyrillic scripts the lexicons cover
_LO = "a-zа-яёіїєґ"
_WORD = (
    rf"(?:[{_UP}][\w'’.&/-]*+|[{_LO}][{_UP}][\w'’.&/-]*+|[{_LO}]{{1,3}}-[{_UP}][\w'’.&/-]*+"
    rf"|\d+[{_UP}][\w-]*+)"
)
_CONNECT = r"(?:of|for|the|and|de|du|la|von|van|al|on|der|des)"
_CAP = _WORD + r"(?:\s+(?:" + _CONNECT + r"\s+){0,2}" + _WORD + r")*"
_ACRONYM = rf"\s*\((?P<acr>[{_UP}][{_UP}{_LO}.\-/]{{1,12}}(?:\s[{_UP}][\w-]{{1,20}})?)\)"
_QUOTE = r"[’'\"”]?"
# "Yevgeny Korolyov (not his real name), a sergeant ..., told": the note does not part name and verb
_PSEUDONYM = r"(?:\s*\((?i:not (?:his|her|their) real name|(?:a )?pseudonym|names? (?:has been |have been )?changed)\))?"
_OBJECT_OF = re.compile(
    r"\b(?:from|of|in|at|to|for|on|into|near|against|among|under)\s+(?:the\s+)?"
    r"(?:\d+(?:st|nd|rd|th)\s+)?$"
)
_NAME_THEN_ROLE = re.compile(
    r"(?P<n>(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*),\s+(?:the\s+|a\s+)?[a-z][a-z\s-]{2,50}"
    r"\b(?:of|for|at|with|from)\s+(?:the\s+)?$"
)
# "Olga Romanova of the prisoners' rights group Russia Behind Bars estimated": Romanova speaks
_PERSON_OF = re.compile(
    r"(?P<n>(?:[A-Z][\w'’.-]*\s+){1,2}[A-Z][\w'’.-]*)\s+of\s+(?:the\s+)?(?:[a-z][\w'’-]*\s+){1,4}$"
)
# a website named by its domain ("Gulagu.net", "Fontanka.ru") is an outlet wherever it is named
_DOMAIN = re.compile(
    r"(?<![\w@/.])[A-Z][\w-]{2,}\.(?:ru|net|com|org|io|info|media|ua|by|kz|news)(?![\w.]|\.\w)"
)
_NAME_AFTER = re.compile(rf"\s+[{_UP}]")
_CHANNEL_BEFORE = re.compile(r"\b(?:channel|account|blog|page)\s+$", re.IGNORECASE)
_PROPER_NAME = re.compile(rf"(?:[{_UP}][\w'’.-]*\s+){{1,3}}[{_UP}][\w'’.-]*")


@dataclass(frozen=True)
class _Known:
    name: str
    kind: str
    cited_when_named: bool


@dataclass(frozen=True)
class _Patterns:
    known: re.Pattern[str]
    known_by_alias: dict[str, _Known]
    after: re.Pattern[str]
    appositive: re.Pattern[str]
    noun_like_verbs: frozenset[str]
    before: re.Pattern[str]
    inverted: re.Pattern[str]
    cue_scan: re.Pattern[str]
    verb_scan: re.Pattern[str]
    verbs: dict[str, str]
    cues: dict[str, str]
    titles: frozenset[str]
    title_re: re.Pattern[str]
    stop: frozenset[str]
    org_words: frozenset[str]
    outlet_words: frozenset[str]
    doc_nouns: frozenset[str]
    told_cues: frozenset[str]
    in_cues: frozenset[str]
    doc_after: re.Pattern[str]
    weak_verbs: frozenset[str]
    strip: frozenset[str]
    role_nouns: frozenset[str]
    # «Name» after a noun that says what it is: "изданию «Чита.Ру»", "организация «Гражданин и армия»"
    quoted: re.Pattern[str] | None = None
    quoted_outlets: frozenset[str] = frozenset()
    official: re.Pattern[str] | None = None


@cache
def _patterns(language: str = "en") -> _Patterns:
    lex = load_lexicon(language)
    known_by_alias: dict[str, _Known] = {}
    for entry in lex["known"]:
        k = _Known(
            entry["name"], entry.get("kind", "organisation"), bool(entry.get("cited_when_named"))
        )
        for alias in entry["aliases"]:
            known_by_alias[str(alias)] = k
    # no leading look-behind: it would stop the engine's fast scan for the first letters
    known = re.compile(r"(?:" + _alt(list(known_by_alias)) + r")(?![\w/]|\.\w)")
    verbs = {str(k).lower(): str(v) for k, v in lex["verbs_after"].items()}
    cues = {str(k).lower(): str(v) for k, v in lex["cues_before"].items()}
    titles = frozenset(str(t).lower() for t in lex["person_titles"])
    institutions = [str(i) for i in lex["institutions"]]
    docs = [str(d) for d in lex["document_nouns"]]
    aux = _alt([str(a) for a in lex["auxiliaries"]])
    title_alt = _alt(sorted(titles))
    title_re = re.compile(r"(?:(?:" + title_alt + r")\s+){1,3}", re.IGNORECASE)
    inst = rf"(?:(?:[{_UP}][\w.-]*['’]s\s+)?(?:" + _alt(institutions) + r"))"
    name = r"(?P<name>" + _CAP + r"|" + inst + r")"
    after = re.compile(
        name
        + r"(?:"
        + _ACRONYM
        + r")?"
        + _PSEUDONYM
        + _QUOTE
        + r"(?P<doc>\s+(?:"
        + _alt(docs)
        + r"))?"
        + r"(?:,\s(?P<app>[^,;:\"“”()]{2,80}),)?"
        + r"\s+(?:(?:"
        + aux
        + r")\s+)?(?P<verb>"
        + _alt(list(verbs))
        + r")\b(?!\s+by\b)"  # "the ceasefire announced by Russia" is passive: no credit
    )
    appositive = re.compile(  # "A survivor, Alexei Agafonov, told Verstka"
        r",\s+"
        + name
        + r",\s+(?:(?:"
        + aux
        + r")\s+)?(?P<verb>"
        + _alt(list(verbs))
        + r")\b(?!\s+by\b)"
    )
    before = re.compile(
        r"(?i:\b(?P<cue>" + _alt(list(cues)) + r"))\s+"
        r"(?:(?i:the|an?|his|her|their|its)\s+)?(?:(?i:"
        + title_alt
        + r")\s+){0,3}"
        + name
        + r"(?:"
        + _ACRONYM
        + r")?(?P<doc>\s+(?:"
        + _alt(docs)
        + r"))?"
    )
    inverted = re.compile(
        r"[,\"”’]\s*(?P<verb>said|says|wrote|added|reported|stated|claimed|noted|explained|recalled)\s+"
        r"(?:(?i:the|an?)\s+)?(?:(?i:"
        + title_alt
        + r")\s+){0,3}"
        + name
        + r"(?:"
        + _ACRONYM
        + r")?"
    )
    return _Patterns(
        known=known,
        known_by_alias=known_by_alias,
        after=after,
        appositive=appositive,
        noun_like_verbs=frozenset(str(v).lower() for v in lex.get("noun_like_verbs", [])),
        before=before,
        inverted=inverted,
        cue_scan=re.compile(r"(?<!\w)" + trie_regex(list(cues)) + r"(?!\w)"),
        verb_scan=re.compile(r"(?<!\w)" + trie_regex(list(verbs)) + r"(?!\w)"),
        verbs=verbs,
        cues=cues,
        titles=titles,
        title_re=title_re,
        stop=frozenset(str(s).lower() for s in lex["stop_words"]),
        org_words=frozenset(str(s).lower() for s in lex["organisation_words"]),
        outlet_words=frozenset(str(s).lower() for s in lex["outlet_words"]),
        doc_nouns=frozenset(docs),
        told_cues=frozenset(k for k, v in cues.items() if v == "told"),
        in_cues=frozenset(k for k in cues if k.endswith(" in")),
        weak_verbs=frozenset(str(v).lower() for v in lex["weak_verbs"]),
        strip=frozenset(str(w).lower() for w in lex["stop_words"])
        - frozenset(str(w).lower() for w in lex["keep_at_start"]),
        role_nouns=frozenset(str(w) for w in lex["role_nouns"]),
        doc_after=re.compile(r"^['’]?s?\s+(" + _alt(docs) + r")\b"),
        quoted=_quoted(lex),
        quoted_outlets=frozenset(str(w).lower() for w in lex.get("quoted_outlet_nouns", [])),
        official=re.compile("|".join(f"(?:{x})" for x in lex["official_names"])) if lex.get("official_names") else None,
    )


def _quoted(lex: dict[str, Any]) -> re.Pattern[str] | None:
    nouns = [str(w) for w in [*lex.get("quoted_outlet_nouns", []), *lex.get("quoted_body_nouns", [])]]
    if not nouns:
        return None
    return re.compile(
        r"(?i:\b(?P<noun>" + _alt(nouns) + r"))\s+[«„\"“](?P<name>[" + _UP + r"][^«»„“”\"\n]{1,48})[»“”\"]"
    )


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    relation: str
    rule: str
    doc: str  # head noun after the name ("report"), or ""
    acr: str  # "(HUR)" written after the name, or ""
    outlet_only: bool  # the cue only credits outlets ("told X", "a report in X")


def _clean_unknown(p: _Patterns, text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Trim stop words, titles and possessives from an unknown name; say if a title was seen."""
    titled = False
    while True:
        m = re.match(r"[\w.'’-]+", text[start:end])
        if not m:
            break
        word = m.group(0).lower().rstrip(".")
        rest = text[start + m.end() : end]
        tm = p.title_re.match(text[start:end])
        remainder = text[start + tm.end() : end].strip().lower() if tm else ""
        if (
            tm
            and tm.end() < end - start
            and not rest.startswith(("'s", "’s"))
            and remainder not in p.org_words  # "General Staff" is not General + Staff
        ):
            titled = True
            start += tm.end()
            continue
        if word in p.strip and rest.startswith((" ", "\u00a0")):
            start += m.end()
            start += len(text[start:end]) - len(text[start:end].lstrip())
            continue
        break
    while end > start and text[end - 1] in ".,’'\"”":
        end -= 1
    if text[start:end].endswith(("'s", "’s")) and " " not in text[start:end]:
        end -= 2
    return start, end, titled


def _kind(p: _Patterns, name: str, titled: bool, text: str) -> str | None:
    words = [w.lower().strip("'’.") for w in name.split()]
    if any(w in p.outlet_words for w in words):
        return "outlet"
    if any(w in p.org_words for w in words):
        return "organisation"
    if titled:
        return "person"
    if any(len(w) >= 2 and w.isupper() and w.isalpha() for w in name.split()):
        return "organisation"  # "HCA Vanadzor": an acronym names a body, not a person
    if len(words) == 1 and name.isupper():
        return "organisation"
    if 1 <= len(words) <= 3 and all(w[:1].isupper() for w in name.split()) and "'s" not in name:
        return "person"
    return None


# case endings of Russian/Ukrainian surnames: "Сафина", "Сафиной", "Сафину" are one person
_SURNAME_ENDING = re.compile(r"(?:ого|ому|ой|ою|ей|ым|им|ом|ем|ої|ій|ів|ых|их|а|у|ы|е|и|ю|я)$")


def _key(name: str, kind: str | None) -> str:
    base = re.sub(r"^(?:the)\s+", "", name.lower())
    if kind == "person":
        surname = base.split()[-1]
        if re.search(r"[а-яёіїєґ]", surname):
            stem = _SURNAME_ENDING.sub("", surname)
            surname = stem if len(stem) >= 4 else surname
        return "person:" + surname
    return base


# a lone name joined to the narrator ("me and my friend Sanya", "Sanya and I", "my husband Dima")
# speaks inside the story; it is not a source the report credits
_NARRATOR_PARTY_BEFORE = re.compile(r"(?:\b(?:[Mm]e|I|[Ww]e) and (?:my |our )?(?:\w+ )?|\b(?:[Mm]y|[Oo]ur) "
                                    r"(?:friend|mate|buddy|comrade|brother|husband|son|boyfriend) )$")
_NARRATOR_PARTY_AFTER = re.compile(r" and (?:I|me)\b")
_NARRATOR_PARTY_NAME = re.compile(r"\S+ and (?:I|me)")


def _valid_unknown(p: _Patterns, text: str, name: str, start: int, sent_start: int) -> bool:
    if not name or any(ch.isdigit() for ch in name):
        return False
    if sum(ch.isalpha() for ch in name) < 2:
        return False  # "Private S.": an initial, not a name
    words = name.split()
    if _NARRATOR_PARTY_NAME.fullmatch(name):
        return False  # "Sanya and I said"
    if len(words) == 1 and (_NARRATOR_PARTY_BEFORE.search(text, max(0, start - 40), start)
                            or _NARRATOR_PARTY_AFTER.match(text, start + len(name))):
        return False  # "Me and my friend Sanya said we would go": one of the narrator's party
    if all(w.lower().strip("'’.") in p.stop for w in words):
        return False
    if len(words) == 1 and words[0].lower().strip("'’.") in p.org_words and not words[0].isupper():
        return False  # "The Office considers": a body named before, not a name of its own
    if not name[0].isupper():
        return any(
            name.lower().endswith(i) for i in ("office", "ministry", "committee", "staff", "court",
                                               "press service")
        )
    # a capitalised common word at the start of a sentence ("Prosecutors said") also
    # occurs in lower case elsewhere in the text
    return not (
        len(words) == 1
        and start == sent_start
        and re.search(r"\b" + re.escape(name.lower()) + r"\b", text)
    )


@dataclass(frozen=True)
class _Hits:
    """Where cue phrases and attribution verbs occur in the document (one scan each)."""

    cues: list[int]
    verbs: list[int]

    def cues_in(self, start: int, end: int) -> list[int]:
        return self.cues[bisect_left(self.cues, start) : bisect_left(self.cues, end)]

    def any_in(self, start: int, end: int) -> bool:
        return bool(self.cues_in(start, end)) or bisect_left(self.verbs, start) < bisect_left(
            self.verbs, end
        )


def _scan(p: _Patterns, text: str) -> _Hits:
    lower = text.lower()
    return _Hits(
        cues=[m.start() for m in p.cue_scan.finditer(lower)],
        verbs=[m.start() for m in p.verb_scan.finditer(lower)],
    )


def _candidates(p: _Patterns, sentence: Sentence, hits: _Hits) -> list[_Candidate]:
    """Names in attribution positions; cue-first so "released by X" beats "X shows"."""
    out: list[_Candidate] = []
    sent, base = sentence.text, sentence.start
    cue_matches = (p.before.match(sent, pos - base) for pos in hits.cues_in(base, sentence.end))
    for m in (m for m in cue_matches if m):
        cue = m.group("cue").lower()
        if m.group("doc") and _NAME_AFTER.match(sent, m.end()):
            continue  # "published by the Siberian outlet Lyudi Baikala": the name comes after the noun
        out.append(
            _Candidate(
                m.start("name"),
                m.end("name"),
                p.cues[cue],
                "sources.cue_name",
                (m.group("doc") or "").strip(),
                m.group("acr") or "",
                cue in p.told_cues or cue in p.in_cues,
            )
        )
    for m in p.inverted.finditer(sent):
        out.append(
            _Candidate(
                m.start("name"),
                m.end("name"),
                p.verbs[m.group("verb").lower()],
                "sources.verb_name",
                "",
                m.group("acr") or "",
                False,
            )
        )
    if bisect_left(hits.verbs, base) == bisect_left(hits.verbs, sentence.end):
        return out
    for m in p.appositive.finditer(sent):
        verb = m.group("verb").lower()
        if verb in p.weak_verbs and not _body_like(p, m.group("name"), ""):
            continue
        out.append(
            _Candidate(
                m.start("name"), m.end("name"), p.verbs[verb], "sources.appositive_verb", "", "", False
            )
        )
    for m in p.after.finditer(sent):
        verb = m.group("verb").lower()
        # "the attack in Marea shows ...": a weak verb credits only a known name, "X report"
        # or a name that is plainly an organisation ("HCA Vanadzor recorded", "X's Office")
        weak = verb in p.weak_verbs and not m.group("doc")
        if (
            weak
            and not _body_like(p, m.group("name"), m.group("acr") or "")
            and not any(
                k.start() < m.end("name") and m.start("name") < k.end()
                for k in p.known.finditer(sent)
            )
        ):
            continue
        start, end = m.start("name"), m.end("name")
        if (
            verb in p.noun_like_verbs
            and start == 0
            and " " not in m.group("name")
            and not m.group("name").isupper()
        ):
            continue  # "Similar reports have come in": the noun, not "Similar" reporting
        app = m.group("app")
        person = _PERSON_OF.search(sent, max(0, start - 100), start)
        if app and _PROPER_NAME.fullmatch(app):
            # "a physician from Husaybah, Zahid Rawi, said": the appositive is the speaker
            start, end = m.start("app"), m.end("app")
        elif person and not _body_like(p, person.group("n"), ""):
            start, end = person.start("n"), person.end("n")
        elif _OBJECT_OF.search(sent, max(0, start - 30), start) and not _office_of(
            p, sent, start
        ):
            # "relatives of men from the 1st Guards Tank Army wrote": not the subject; but in
            # "Gen. Joseph Votel, commander of U.S. Central Command said" the speaker is Votel
            role = _NAME_THEN_ROLE.search(sent, max(0, start - 120), start)
            if not role:
                continue
            start, end = role.start("n"), role.end("n")
        out.append(
            _Candidate(
                start,
                end,
                p.verbs[verb],
                "sources.name_verb",
                (m.group("doc") or "").strip(),
                m.group("acr") or "",
                False,
            )
        )
    return out


_HEAD_OF = re.compile(r"\b(?P<h>[a-z]+)\s+of\s+(?:the\s+)?$")


_ACRONYM_AFTER = re.compile(rf"\s*\((?P<acr>[{_UP}][{_UP}&.\-]{{1,9}})\)")


def _acronym_after(sent: str, end: int) -> str:
    """ " (CSIS)" when the text writes the acronym right after the name, so a figure credited to
    "the Center for Strategic and International Studies (CSIS)" names both."""
    m = _ACRONYM_AFTER.match(sent, end)
    return f" ({m.group('acr')})" if m else ""


def _office_of(p: _Patterns, sent: str, start: int) -> bool:
    """ "the Vanadzor office of the Helsinki Citizens' Assembly recorded": a part of the
    named body speaks for it (unlike "relatives of men from the 1st Army wrote")."""
    m = _HEAD_OF.search(sent, max(0, start - 30), start)
    return bool(m and m.group("h") in p.org_words)


def _body_like(p: _Patterns, name: str, acr: str) -> bool:
    """An organisation by its look: an acronym, or a word such as office, group, centre."""
    words = name.split()
    return bool(acr) or any(
        w.lower().strip("'’.s") in p.org_words
        or w.lower().strip("'’.") in p.org_words
        or (len(w) >= 2 and w.isupper() and w.isalpha())
        for w in words
    )


def _sentence_mentions(
    p: _Patterns,
    text: str,
    sentence: Sentence,
    known_all: list[tuple[int, int, _Known]],
    hits: _Hits,
) -> list[SourceMention]:
    sent = sentence.text
    base = sentence.start
    # known names found over the whole text, so a sentence break inside "Idel.Realii" is harmless
    known = [
        (s - base, e - base, k) for s, e, k in known_all if s < sentence.end and sentence.start < e
    ]
    has_cue = hits.any_in(sentence.start, sentence.end)
    found: dict[tuple[int, int], SourceMention] = {}

    def add(
        s: int,
        e: int,
        name: str,
        surface: str,
        kind: str | None,
        relation: str,
        rule: str,
        group: str | None = None,
    ) -> None:
        key = (s, e)
        if key not in found:
            found[key] = SourceMention(
                base + s,
                base + e,
                name,
                surface,
                group or _key(name, kind),
                kind,
                relation,
                sentence.index,
                rule,
            )

    for c in _candidates(p, sentence, hits):
        overlap = [k for k in known if k[0] < c.end and c.start < k[1]]
        if overlap:
            for ks, ke, entry in overlap:
                if c.outlet_only and entry.kind not in ("outlet", "agency"):
                    continue
                surface = text[base + ks : base + ke] + _acronym_after(sent, ke) + (
                    " " + c.doc if c.doc and ke == c.end else ""
                )
                surface = re.sub(r"^(?:the|The)\s+", "", surface)
                add(ks, ke, entry.name, surface, entry.kind, c.relation, c.rule + "+lexicon")
            continue
        s, e, titled = _clean_unknown(p, sent, c.start, c.end)
        name = sent[s:e]
        if not _valid_unknown(p, text, name, base + s, base):
            continue
        entry = p.known_by_alias.get(c.acr) if c.acr else None
        if entry is not None:  # "Ukraine's Defence Intelligence (HUR)": the known HUR
            if c.outlet_only and entry.kind not in ("outlet", "agency"):
                continue
            add(s, e, entry.name, name, entry.kind, c.relation, c.rule + "+acronym")
            continue
        kind = _kind(p, name, titled, text)
        if _CHANNEL_BEFORE.search(sent, max(0, s - 30), s):
            kind = "channel"  # "the Telegram channel Rybar posted"
        if c.outlet_only and kind != "outlet":
            continue
        if not name[0].isupper():
            kind = "agency"
        full = f"{name} ({c.acr})" if c.acr else name
        surface = f"{full} {c.doc}" if c.doc else full
        if c.acr and kind in (None, "person"):
            kind = "organisation"  # a person is not written with an acronym after the name
        if c.doc in p.role_nouns:
            full, kind = surface, "organisation"  # "US officials", "Northern Fleet spokesman"
        # "Helsinki Citizens' Assembly (HCA)" and a later bare "HCA" are one source
        group = _key(c.acr, kind) if c.acr else None
        add(s, e, full, surface, kind, c.relation, c.rule, group)
    if p.quoted is not None and ("«" in sent or "„" in sent):
        for m in p.quoted.finditer(sent):
            s, e = m.start("name"), m.end("name")
            if any(k[0] < e and s < k[1] for k in known):
                continue  # a known name: credited below
            outlet = m.group("noun").lower() in p.quoted_outlets
            # an outlet is credited when named, a body only when the sentence reports its words
            if outlet or hits.any_in(base + max(0, s - 60), base + min(len(sent), e + 60)):
                add(s, e, m.group("name"), m.group("name"), "outlet" if outlet else "organisation",
                    "citing", "sources.quoted_name")
    if p.official is not None:
        # "в пресс-службе Восточного военного округа сообщили": an official body whose name has
        # lower-case words, credited when the sentence reports its words
        for m in p.official.finditer(sent):
            s, e = m.start("name"), m.end("name")
            if any(k[0] < e and s < k[1] for k in known) or any(
                    f.start - base < e and s < f.end - base for f in found.values()):
                continue
            if hits.any_in(base + max(0, s - 60), base + min(len(sent), e + 60)):
                add(s, e, m.group("name"), m.group("name"), "agency", "said", "sources.official_name")
    for ks, ke, entry in known:
        if any(m.start - base < ke and ks < m.end - base for m in found.values()):
            continue
        if entry.cited_when_named or (has_cue and entry.kind != "outlet"):
            near = hits.any_in(base + max(0, ks - 40), base + min(len(sent), ke + 40))
            if not entry.cited_when_named and not near:
                continue
            dm = p.doc_after.match(sent[ke:])
            surface = text[base + ks : base + ke] + _acronym_after(sent, ke) + (" " + dm.group(1) if dm else "")
            add(
                ks,
                ke,
                entry.name,
                re.sub(r"^(?:the|The)\s+", "", surface),
                entry.kind,
                "citing",
                "sources.lexicon",
            )
    return sorted(found.values(), key=lambda m: m.start)


def find_source_mentions(
    text: str, sentences: list[Sentence] | None = None, language: str = "en"
) -> list[SourceMention]:
    """Every place ``text`` credits a source, in order."""
    p = _patterns(language)
    if sentences is None:
        sentences = split_sentences(text, language)
    hits = _scan(p, text)
    known_all = [
        (m.start(), m.end(), p.known_by_alias[m.group(0)])
        for m in p.known.finditer(text)
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "/._")
    ]
    known_all.extend(
        (m.start(), m.end(), _Known(m.group(0), "outlet", True)) for m in _DOMAIN.finditer(text)
    )
    known_all.sort(key=lambda k: k[0])
    starts = [k[0] for k in known_all]
    reach = max((e - s for s, e, _ in known_all), default=0)
    out: list[SourceMention] = []
    for sentence in sentences:
        # only names starting less than the longest name's length before the sentence can overlap it
        near = known_all[bisect_left(starts, sentence.start - reach):bisect_left(starts, sentence.end)]
        out.extend(_sentence_mentions(p, text, sentence, near, hits))
    return _unify_keys(out)


def _unify_keys(mentions: list[SourceMention]) -> list[SourceMention]:
    """Give "Airborne Assault Forces" the key of "Ukraine's Airborne Assault Forces"."""
    keys = sorted({m.key for m in mentions}, key=len, reverse=True)
    alias: dict[str, str] = {}
    # "Сафиной" after "Жительница Уфы Гульнара Сафина": a surname alone joins the longer name
    # whose last word it is, in whatever grammatical case
    last_words = {_key(k.split()[-1], "person"): k for k in keys
                  if not k.startswith("person:") and " " in k}
    for k in keys:
        if k.startswith("person:"):
            if k in last_words:
                alias[k] = last_words[k]
            continue
        longer = next((o for o in keys if o != k and len(o) > len(k) and o.endswith(" " + k)), None)
        alias[k] = alias.get(longer, longer) if longer else k
    return [
        SourceMention(
            m.start,
            m.end,
            m.name,
            m.surface,
            alias.get(m.key, m.key),
            m.kind,
            m.relation,
            m.sentence,
            m.rule,
        )
        for m in mentions
    ]


def find_sources(
    text: str,
    sentences: list[Sentence] | None = None,
    language: str = "en",
    mentions: list[SourceMention] | None = None,
) -> list[CitedSource]:
    """One record per source credited in ``text``, with every sentence that credits it.

    ``mentions`` may be passed when the caller already ran :func:`find_source_mentions`
    over the same sentences (the figure grammar needs them too).
    """
    if sentences is None:
        sentences = split_sentences(text, language)
    if mentions is None:
        mentions = find_source_mentions(text, sentences, language)
    by_index = {s.index: s for s in sentences}
    groups: dict[str, list[SourceMention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    out: list[CitedSource] = []
    for mentions in groups.values():
        best = max(
            mentions, key=lambda m: (m.rule.endswith("lexicon") or "lexicon" in m.rule, len(m.name))
        )
        evidence: list[Evidence] = []
        seen: set[int] = set()
        for m in mentions:
            if m.sentence not in seen:
                seen.add(m.sentence)
                s = by_index[m.sentence]
                evidence.append(Evidence.of(text, s.start, s.end))
        relation = next(
            (m.relation for m in mentions if m.relation != "citing"), mentions[0].relation
        )
        kind = next((m.kind for m in mentions if m.kind), None)
        rules = sorted({m.rule for m in mentions})
        out.append(
            CitedSource(
                name=best.name, evidence=evidence, kind=kind, relation=relation, rules=rules
            )
        )
    out.sort(key=lambda c: c.evidence[0].start)
    return out
