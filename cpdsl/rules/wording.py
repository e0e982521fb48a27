"""The word matching of CP204 (vague wording) and CP205 (outcomes about a child).

No rules live here: smart.py holds them, with their documentation. What is here reads
free text: which vague words a text uses for what it will do (not the ones inside the name
of a role or a service), whether it says something concrete beside them, and whether it
names a child.
"""

from __future__ import annotations

import functools
import re

from cpdsl import model as m

# What makes a text concrete for CP204, beside its vague words (see its documentation).
_CONCRETE_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "once",
    "twice", "daily", "weekly", "fortnightly", "monthly", "every", "each",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
_CHECKABLE_ACTS = ("attend", "book", "complete", "enrol", "enroll", "refer", "register",
                  "sign", "submit", "visit", "weigh", "record", "collect", "score")
# Capitalised words that name a person, not a service.
_NOT_SERVICES = ("i", "mr", "mrs", "ms", "miss", "mx", "dr", "mum", "dad", "mother", "father",
                 "nan", "gran", "grandma", "grandad")
_CAPITALISED = r"(?<![\w'’])([A-Z][\w'’-]*)"
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\(\s*|\"\s*)$")

# A word that, written straight after a vague word, makes the two the name of a role or a
# service: "family support worker", "support services", "Engagement Officer".
ROLE_OR_SERVICE_WORDS = frozenset((
    "worker", "workers", "service", "services", "team", "teams", "group", "groups",
    "officer", "officers", "assistant", "assistants", "practitioner", "practitioners",
    "coordinator", "coordinators", "co-ordinator", "co-ordinators", "manager", "managers",
    "lead", "staff", "hub", "centre", "center", "unit", "project", "programme", "program",
    "agency", "charity",
))
_FOLLOWING = re.compile(r"[\s-]+([^\W_]+(?:-[^\W_]+)*|&)")
_POSSESSIVE = re.compile(r"['’]s?$")


def _forms(word: str) -> str:
    """A pattern for a word and its common forms; short words (as, to, with) stay as they are."""
    if len(word) < 4:
        return re.escape(word)
    if word.endswith("e"):
        return re.escape(word[:-1]) + "(?:e|es|ed|ing|ement|ements|ely)"
    return re.escape(word) + re.escape(word[-1]) + "?(?:s|es|ed|ing|ment|ments|ly|al)?"


def _phrase(phrase: str) -> str:
    return r"\s+".join(_forms(word) for word in phrase.lower().split())


def _any_of(patterns) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


@functools.cache
def vague_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    patterns = [_phrase(w) for w in words if w.strip()]
    return _any_of(patterns) if patterns else None


def may_be_vague(texts: list[str], words: tuple[str, ...]) -> bool:
    """Whether any text holds the stem of a vague word: a quick test before the patterns."""
    stems = [_stem(phrase) for phrase in words if phrase.strip()]
    lowered = [text.lower() for text in texts]
    return any(stem in text for stem in stems for text in lowered)


def _stem(phrase: str) -> str:
    """The part of a phrase's longest word that every form `_forms` allows contains."""
    word = max(phrase.lower().split(), key=len)
    return word[:-1] if len(word) >= 4 and word.endswith("e") else word


@functools.cache
def _concrete_pattern() -> re.Pattern:
    """Compiled on first use, so that importing the rules stays cheap."""
    return _any_of([r"\w*\d\w*", *map(re.escape, _CONCRETE_WORDS), *map(_forms, _CHECKABLE_ACTS)])


def names_of_people(plan: m.Plan) -> frozenset[str]:
    """Every word of every person's name and id, lower-cased: names that are not services."""
    words = set(_NOT_SERVICES)
    for person in (*plan.children, *plan.members, *plan.exclusions):
        words.add(person.id.name.lower())
        for text in (person.name, getattr(person, "known_as", None)):
            if text is not None:
                words.update(re.findall(r"[\w'’-]+", text.value.lower()))
    return frozenset(words)


def is_concrete(text: str, people: frozenset[str]) -> bool:
    if _concrete_pattern().search(text):
        return True
    for match in re.finditer(_CAPITALISED, text):
        name = _POSSESSIVE.sub("", match.group(1)).lower()
        if name not in people and not _SENTENCE_START.search(text[:match.start()]):
            return True
    return False


def vague_words(text: str, pattern: re.Pattern) -> list[str]:
    """The vague words `text` uses for what will be done or be, each once, as written; a
    vague word in the name of a role or a service is not one of them."""
    found: list[str] = []
    for match in pattern.finditer(text):
        if _names_role_or_service(text, match.end(), pattern):
            continue
        word = " ".join(match.group().split())
        if word.lower() not in (w.lower() for w in found):
            found.append(word)
    return found


def _names_role_or_service(text: str, end: int, pattern: re.Pattern) -> bool:
    """Whether the vague word ending at `end` is part of the name of a role or a service:
    the next word names one ("support worker", "Support Service"), or "and" and a word
    that is not vague come first ("support and recovery team")."""
    following = _following_words(text, end, 3)
    if following[:1] and following[0] in ROLE_OR_SERVICE_WORDS:
        return True
    return (len(following) == 3 and following[0] in ("and", "&")
            and not pattern.fullmatch(following[1]) and following[2] in ROLE_OR_SERVICE_WORDS)


def _following_words(text: str, end: int, count: int) -> list[str]:
    """Up to `count` words after `end`, lower-cased, while only spaces or hyphens part
    them (punctuation ends a name)."""
    words: list[str] = []
    while len(words) < count:
        match = _FOLLOWING.match(text, end)
        if match is None:
            break
        words.append(match.group(1).lower())
        end = match.end()
    return words


# Words that speak of a child without naming one (matched whole, in any case; "child"
# covers "the child", "each child" and "child's").
CHILD_WORDS = ("child", "children", "childs", "baby", "babies", "unborn", "infant", "toddler",
               "kid", "kids", "young person", "young people", "son", "sons", "daughter",
               "daughters", "sibling", "siblings", "brother", "brothers", "sister",
               "sisters", "boy", "boys", "girl", "girls", "teenager", "pupil")


_WORD = re.compile(r"\w+")


def child_names(plan: m.Plan) -> frozenset[tuple[str, ...]]:
    """The children's ids, full and first names and known-as names, and the child words,
    each as its lower-cased words (a set, not a regex: compiling one per plan is slow)."""
    names = set(CHILD_WORDS)
    for child in plan.children:
        names.add(child.id.name)
        for text in (child.name, child.known_as):
            if text is not None and text.value.strip():
                names.add(text.value.strip())
                names.add(text.value.split()[0])
    return frozenset(tuple(_WORD.findall(name.lower())) for name in names) - {()}


def names_any(text: str, names: frozenset[tuple[str, ...]]) -> bool:
    """Whether `text` holds one of `names` as whole words, in any case."""
    words = _WORD.findall(text.lower())
    for length in {len(name) for name in names}:
        for start in range(len(words) - length + 1):
            if tuple(words[start:start + length]) in names:
                return True
    return False
