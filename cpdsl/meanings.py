"""What every word of the language means: each keyword, in each block it is written in, and
each value of the fixed lists, with a one-line description for a practitioner and, where
the guidance defines it, its source ("Bolton core group guidance, s3").

For `cplint explain`, hover and completion, and docs/language.md's tables
(`make language-doc`). Imported only when descriptions are wanted: the lint path reads the
word lists in cpdsl/vocabulary.py and never this module.

Where a word is written (`Meaning.where`, the `block` of `meaning`):
- a keyword (`kind` "keyword") starts a statement in a block, named by the keyword of the
  statement that opens the block (`member`, `meeting`, `recommendation`); `plan` is the
  plan's own block, the top level, and `file` the file, which holds `plan`;
- a word inside a statement (`kind` "word": the `by` and `every` of `contact`), a unit of
  a duration and a value of a fixed list are written in a statement, named by its
  keyword: `role` for a role, `domain` for a domain;
- the suppression words are written in a `comment`.
So an editor asks about a token with the keyword of its innermost statement (the block
around it for a statement's first word), and no two meanings share a word and a place.

Descriptions are one line, plain English, and end without a full stop. A source names
the guidance by the short names cpdsl/citations.py gives messages, and a section where the
document numbers them (`s3`, `appendix`) or the heading where it does not (`chair and note
taker`); citations are separated by `; `. An empty source: the guidance does not define it
(the language's own words, or national guidance cplint does not ship).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from cpdsl import vocabulary
from cpdsl.citations import SHORT_NAMES

KEYWORD = "keyword"
WORD = "word"
UNIT = "unit"
SUPPRESSION = "suppression"
ROLE = "role"
CATEGORY = "category"
DOMAIN = "domain"
STATUS = "status"
CONFERENCE_KIND = "conference-kind"
MEETING_KIND = "meeting-kind"
RECOMMENDATION = "recommendation"
VIEWS_GROUP = "views-group"
PROFILE = "profile"

# Each fixed list of cpdsl/vocabulary.py, by the kind of its values' meanings (the family
# roles are roles).
VALUE_LISTS = {
    ROLE: vocabulary.ROLES,
    CATEGORY: vocabulary.CATEGORIES,
    DOMAIN: vocabulary.DOMAINS,
    STATUS: vocabulary.ACTION_STATUSES,
    CONFERENCE_KIND: vocabulary.CONFERENCE_KINDS,
    MEETING_KIND: vocabulary.MEETING_KINDS,
    RECOMMENDATION: vocabulary.RECOMMENDATIONS,
    VIEWS_GROUP: vocabulary.VIEWS_GROUPS,
    PROFILE: vocabulary.PROFILES,
}
# The statement each list's values are written in.
VALUE_PLACES = {
    ROLE: "role", CATEGORY: "category", DOMAIN: "domain", STATUS: "status",
    CONFERENCE_KIND: "conference", MEETING_KIND: "meeting", RECOMMENDATION: "recommendation",
    VIEWS_GROUP: "views", PROFILE: "profile",
}


class Meaning(NamedTuple):
    word: str
    kind: str  # KEYWORD, WORD, UNIT, SUPPRESSION, or the kind of a fixed list's value
    description: str  # one line, no full stop at the end
    source: str  # "Bolton core group guidance, s3", or "" where the guidance defines none
    where: tuple[str, ...] = ()  # the blocks or statements it is written in (see above)


class AmbiguousWord(LookupError):
    """A word with several meanings where the lookup did not say which."""


_B, _W, _T, _F, _M = (SHORT_NAMES[name] for name in (
    "000_5146a52aabc1ef30.txt", "001_0cf4b60ac317783c.txt", "002_107d890e8677bac8.txt",
    "003_53fa38a38afc9856.txt", "004_256d3034f79780c2.txt"))
_W_FIRST = f"{_W}, the initial core group meeting"
_W_MEMBERS = f"{_W}, core group membership"
_F_CHAIR = f"{_F}, chair and note taker"
_F_NOTES = f"{_F}, notes format"
_F_MEMBERS = f"{_F}, core group membership and contact details"
_F_RECOMMENDATION = f"{_F}, agency contribution to RCPC pre-meeting report"
_M_ARRANGING = f"{_M}, arranging and attending core groups"

_CHILD_OR_PERSON = ("child", "member", "excluded")
_REPORTING = ("apologies", "absent")
_DURATIONS = ("contact", "core-groups")


def _k(word: str, where: str | tuple[str, ...], description: str, source: str = "") -> Meaning:
    return Meaning(word, KEYWORD, description, source,
                   (where,) if isinstance(where, str) else where)


# The statements' keywords, in the documentation's order (docs/language.md: the order of a
# plan, and each block's fields as "Statements at a glance" lists them): keywords_in reads
# a block's keywords in this order.
_KEYWORDS = (
    _k("plan", "file", "The plan: its title in quotes, then all its statements in braces; "
       "one plan a file", f"{_T}, s3"),
    # Plan settings
    _k("profile", "plan", "Whose procedures' timescales apply: a profile's name, or the "
       "path of a profile file in quotes"),
    _k("reference", "plan", "The plan's reference in the local authority's case records, "
       "in quotes"),
    _k("language", "plan", "The family's preferred language for the plan and its meetings, "
       "in quotes", f"{_T}, s3"),
    _k("accessible-format", "plan", "The format the family needs copies of the plan in, "
       "such as easy read or large print, in quotes", f"{_T}, s3"),
    _k("category", "plan", "The categories of abuse or neglect the children are subject to "
       "a plan under, one or more"),
    # Children
    _k("child", "plan", "A child the plan is for: an id, then a block with the child's name "
       "and date of birth"),
    _k("name", _CHILD_OR_PERSON, "The person's full name, in quotes"),
    _k("known-as", "child", "The name the child likes to be called, in quotes"),
    _k("born", "child", "The child's date of birth, such as 2019-04-12"),
    _k("expected", "child", "An unborn child's expected date of birth, in place of `born`"),
    # Conferences
    _k("conference", "plan", "A child protection conference: its kind (`initial`, `review` "
       "or `reconvened`) and its date", f"{_B}, s1"),
    _k("concern", "conference", "A reason for concern about the child that the conference "
       "recorded, in quotes", f"{_B}, s1"),
    _k("recommendation", "conference", "The conference's decision on the plan: `continue` "
       "or `end`", f"{_B}, s4"),
    _k("exceptional", "recommendation", "The exceptional circumstances that let the plan "
       "end at the first review conference, in quotes", f"{_B}, s4"),
    _k("report-ready", "conference", "The date the joint report for the review conference "
       "was ready", f"{_B}, s1; {_F}, joint report process"),
    _k("reason", "conference", "Why the conference was reconvened early, in quotes",
       f"{_B}, s4 and s5"),
    # The core group
    _k("member", "plan", "A member of the core group, a professional or one of the family: "
       "an id, then a block with their name and role", f"{_B}, s2"),
    _k("role", ("member", "excluded"), "The person's role, from the roles list, such as "
       "`social-worker` or `parent`", _W_MEMBERS),
    _k("agency", "member", "The organisation the member works for, in quotes", _F_MEMBERS),
    _k("contact", "member", "How to reach the member (email, telephone, address), in quotes",
       _F_MEMBERS),
    _k("lead", "member", "Marks the lead social worker: the keyworker, or care and support "
       "protection plan co-ordinator", f"{_B}, s3; {_W_MEMBERS}"),
    _k("for", "member", "The child that a member whose role is `child` or `advocate` is, or "
       "speaks for", _W_MEMBERS),
    _k("interpreter", "member", "The language the member needs an interpreter in, in quotes",
       f"{_B}, s4"),
    _k("accessible-format", "member", "The format the member needs the plan in, such as "
       "easy read or Braille, in quotes", f"{_T}, s3"),
    _k("excluded", "plan", "A parent, carer or child kept out of the core group: an id, then "
       "a block with why and who tells them", f"{_B}, s2"),
    _k("reason", "excluded", "Why the person is kept out of the core group, in quotes",
       f"{_B}, s2"),
    _k("informed-by", "excluded", "The member who tells the excluded person about the "
       "meetings and their outcome", f"{_B}, s2"),
    _k("chair", "plan", "The member who chairs core group meetings, usually the lead social "
       "worker", f"{_B}, s1"),
    _k("second-chair", "plan", "The member named in advance to chair a meeting when the "
       "chair cannot", f"{_B}, s3"),
    _k("vice-chair", "plan", "Another word for `second-chair`: the member who chairs when "
       "the chair cannot", _M_ARRANGING),
    # Needs, outcomes and actions
    _k("need", "plan", "A need of the child that the assessment found: an id, the need in "
       "quotes, then its domains", f"{_T}, s3"),
    _k("domain", "need", "The Assessment Framework domains the need falls under, one or "
       "more", f"{_B}, s6"),
    _k("outcome", "plan", "What must change for the child: an id, then the outcome in "
       "quotes (specific, measurable, time-bound)", f"{_T}, s6.3"),
    _k("need", "outcome", "The ids of the needs the outcome answers", f"{_T}, s6.3"),
    _k("measure", "outcome", "How progress towards the outcome is measured, in quotes",
       f"{_B}, s1"),
    _k("by", "outcome", "The date the outcome is to be reached", f"{_T}, s6.3"),
    _k("milestone", "outcome", "A step on the way to the outcome, in quotes, then `by` and "
       "the date it is due", _W_FIRST),
    _k("action", "plan", "A task towards an outcome: an id, the task in quotes, then who "
       "does it and by when", f"{_T}, s3"),
    _k("outcome", "action", "The ids of the outcomes the action works towards", f"{_T}, s3"),
    _k("owner", "action", "The member who carries out the action",
       f"{_F}, update outline protection plan"),
    _k("support", "action", "The ids of the people who help the owner carry out the "
       "action"),
    _k("agreed", "action", "The date the action was agreed"),
    _k("due", "action", "The date the action is to be done by", f"{_B}, s1"),
    _k("status", "action", "Where the action stands: `open`, `done` or `dropped`, then why "
       "in quotes", f"{_M}, core groups actions"),
    _k("monitoring", "action", "Marks an action that only watches and changes nothing "
       "itself", f"{_B}, s4"),
    _k("monitoring-only", "plan", "Why every action of the plan only monitors (parents not "
       "co-operating, say), in quotes", f"{_B}, s5"),
    # Contact and support for the family
    _k("contact", "plan", "How often a child is seen and by whom: the child, `by` a person, "
       "`every` and a duration", f"{_B}, s1"),
    _k("alone", "contact", "The child is seen alone", f"{_T}, s3"),
    _k("communication", "plan", "How the agencies share information between meetings, in "
       "quotes", f"{_B}, s1"),
    _k("contingency", "plan", "What happens if the plan is not working or circumstances "
       "change, in quotes", f"{_T}, s3"),
    _k("services", "plan", "A service the family is offered, such as a parenting course, in "
       "quotes", f"{_B}, s1"),
    _k("resources", "plan", "A practical resource provided for the family, such as "
       "transport, in quotes", f"{_B}, s1"),
    _k("assessment", "plan", "A specialist assessment the plan needs, in quotes, then who "
       "does it and by when", _W_FIRST),
    _k("by", "assessment", "The member who commissions or completes the assessment",
       _W_FIRST),
    _k("due", "assessment", "The date the assessment is due, by the first review conference",
       f"{_F}, flow chart"),
    # Voices, disagreements, signatures and copies
    _k("views", "plan", "Whose wishes, feelings or views (a group or an id), then the views "
       "in quotes", f"{_T}, s3"),
    _k("disagreement", "plan", "A disagreement with the plan or a decision, in quotes, then "
       "who disagrees and why", f"{_T}, s3"),
    _k("by", "disagreement", "The person who disagrees"),
    _k("reason", "disagreement", "Why they disagree, in quotes", f"{_T}, s3"),
    _k("signed", "plan", "A member's signature of the plan: their id and the date they "
       "signed", f"{_T}, s3"),
    _k("copy", "plan", "A copy of the plan given to a person: their id and the date, then "
       "its format", f"{_T}, s3"),
    _k("format", "copy", "The language or format of the copy, in quotes; without it the copy "
       "is the standard one, in English", f"{_T}, s3"),
    _k("amended", "plan", "The date the plan was amended at a core group, after which it is "
       "signed and circulated again", f"{_T}, s3"),
    # The meeting schedule and its record
    _k("core-groups", "plan", "How often the core group meets: `every` and a duration",
       f"{_B}, s3"),
    _k("agreed-by", "core-groups", "The manager who agreed a longer interval between core "
       "groups", f"{_B}, s3"),
    _k("reason", "core-groups", "Why the core group meets less often than the profile "
       "allows, in quotes", f"{_B}, s3"),
    _k("delay-reason", "plan", "Why the first core group met later than the profile allows, "
       "in quotes", f"{_B}, s3"),
    _k("meeting", "plan", "The record of one core group meeting: its kind and date, then "
       "what happened", f"{_B}, s3"),
    _k("venue", "meeting", "Where the meeting was held, in quotes", f"{_T}, s2"),
    _k("time", "meeting", "When the meeting started, such as 10:30", _F_NOTES),
    _k("chair", "meeting", "The member who chaired this meeting", _F_CHAIR),
    _k("notes", "meeting", "The member who took the notes, not the chair", _F_CHAIR),
    _k("attended", "meeting", "The ids of the people who came to the meeting", _F_NOTES),
    _k("apologies", "meeting", "The ids of the members who sent apologies, then whether "
       "their written report came", f"{_B}, s4"),
    _k("absent", "meeting", "The ids of the members who did not come and sent no apologies, "
       "then whether their written report came", f"{_F}, reports provided by non-attendees"),
    _k("report", _REPORTING, "`report received`: their written report reached the core "
       "group", f"{_B}, s4"),
    _k("views", "meeting", "A view heard at this meeting: whose (a group or an id), then the "
       "view in quotes", f"{_F}, the voice of the child; {_B}, appendix"),
    _k("minutes-circulated", "meeting", "The date the minutes were sent to the members",
       f"{_T}, s2"),
    _k("cancelled", "meeting", "The meeting did not take place; give the reason in quotes",
       _M_ARRANGING),
    _k("recommendation", "meeting", "The core group's recommendation to the next review "
       "conference: `continue` or `end`", f"{_M}, meeting recording"),
    # The end of the plan
    _k("ended", "plan", "The date the plan ended", f"{_T}, s5"),
    _k("moved", "plan", "The date the child moved to another area and the plan transferred "
       "there"),
    _k("to", "moved", "The receiving authority the plan transfers to, in quotes"),
    _k("cin-meeting", "plan", "The date of the child in need meeting held after the plan "
       "ended", f"{_T}, s5"),
)

# Words inside a statement, after its keyword.
_WORDS = (
    Meaning("by", WORD, "The member who sees the child", f"{_B}, s1", ("contact",)),
    Meaning("every", WORD, "How often: a number and a unit, such as `every 2 weeks`",
            f"{_B}, s1 and s3", _DURATIONS),
    Meaning("by", WORD, "The date the milestone is to be reached", "", ("milestone",)),
    Meaning("received", WORD, "After `report`: the written report was received", f"{_B}, s4",
            ("report",)),
)

_UNITS = tuple(Meaning(word, UNIT, description, "", _DURATIONS) for word, description in (
    ("working", "Counts working days only, skipping weekends and the nation's bank "
     "holidays: `10 working days`"),
    ("day", "One calendar day: `1 day`"),
    ("days", "Calendar days: `5 days`"),
    ("week", "One week of seven days: `1 week`"),
    ("weeks", "Weeks of seven days: `2 weeks`"),
    ("month", "One calendar month: `1 month`"),
    ("months", "Calendar months: `3 months`"),
))

_SUPPRESSIONS = tuple(Meaning(word, SUPPRESSION, description, "", ("comment",))
                      for word, description in (
    ("ignore", "`# cplint: ignore[CODE] reason` accepts a finding on the comment's line, "
     "or on the next line when the comment has a line of its own"),
    ("ignore-file", "`# cplint: ignore-file[CODE] reason` accepts the findings with that "
     "code anywhere in the file"),
))

# The fixed lists' values: description and source, in the lists' order.
_VALUES: dict[str, dict[str, tuple[str, str]]] = {
    ROLE: {
        "social-worker": ("The child's social worker; mark the lead social worker with `lead`",
                          _W_MEMBERS),
        "team-manager": ("The social worker's team manager", f"{_F}, flow chart"),
        "health-visitor": ("A health visitor, the nurse who works with families of children "
                           "under five", f"{_B}, s6"),
        "school-nurse": ("A school nurse", ""),
        "gp": ("The family's general practitioner (doctor)", f"{_B}, s6"),
        "teacher": ("A teacher at the child's school or nursery", f"{_B}, s4"),
        "designated-safeguarding-lead": ("The member of a school's or nursery's staff who "
                                         "leads on safeguarding", ""),
        "police": ("A police officer", ""),
        "probation": ("A probation officer working with an adult in the family", f"{_B}, s6"),
        "housing": ("A housing officer", ""),
        "substance-misuse-worker": ("A worker from a drug or alcohol service", ""),
        "parent": ("A parent of the child", f"{_B}, s2"),
        "carer": ("A carer: a foster carer, or another adult who looks after the child",
                  f"{_B}, s2"),
        "relative": ("Another member of the family, such as a grandparent or an older "
                     "brother or sister", _W_MEMBERS),
        "child": ("The child of the plan, or another child of the family, taking part in the "
                  "core group", _W_MEMBERS),
        "advocate": ("An advocate who speaks for a child, with the child's agreement",
                     _W_MEMBERS),
        "interpreter": ("An interpreter, for a family member or a professional", f"{_B}, s4"),
        "other": ("Any other role; `agency` says where they come from", ""),
    },
    CATEGORY: {
        "neglect": ("Neglect: the child's basic needs are persistently not met", ""),
        "physical": ("Physical abuse: the child is hurt on purpose, such as hit or shaken",
                     ""),
        "sexual": ("Sexual abuse: the child is forced or persuaded into sexual activity", ""),
        "emotional": ("Emotional abuse: persistent ill-treatment that harms how the child "
                      "feels and develops", ""),
        "exploitation": ("Exploitation: the child is exploited, sexually or criminally (a "
                         "category in Northern Ireland)", ""),
    },
    DOMAIN: {key: (description, f"{_B}, s6") for key, description in {
        # the child's developmental needs
        "health": "The child's physical and mental health, growth, and the health care they "
                  "get",
        "education": "The child's learning, attendance at school or nursery, and progress",
        "emotional-and-behavioural-development": "How the child feels and behaves, and how "
                                                 "they respond to others",
        "identity": "The child's sense of who they are, including culture, religion and "
                    "belonging",
        "family-and-social-relationships": "The child's relationships with family, friends "
                                           "and others",
        "social-presentation": "How the child comes across to others: appearance, hygiene "
                               "and behaviour",
        "self-care-skills": "What the child can do for themselves for their age, such as "
                            "dressing and washing",
        # parenting capacity
        "basic-care": "Meeting the child's physical needs: food, warmth, shelter, hygiene, "
                      "health care",
        "ensuring-safety": "Keeping the child safe from harm and danger, at home and away",
        "emotional-warmth": "Giving the child warmth, praise and a sense of being valued",
        "stimulation": "Helping the child learn through play, talk and encouragement",
        "guidance-and-boundaries": "Guiding the child's behaviour with clear and steady "
                                   "boundaries",
        "stability": "A stable home, and steady relationships with the adults who care for "
                     "the child",
        # family and environmental factors
        "family-history-and-functioning": "The family's history and how the household "
                                          "works together",
        "wider-family": "The wider family's part in the child's life and in supporting the "
                        "parents",
        "housing": "Whether the home is safe, suitable and secure for the child",
        "employment": "Work in the household, and its effect on the child and the family",
        "income": "Whether the family has enough money to meet the child's needs",
        "family-social-integration": "How far the family is part of its community, or cut "
                                     "off from it",
        "community-resources": "The local services and facilities the family can use",
    }.items()},
    STATUS: {
        "open": ("Still to be done", ""),
        "done": ("Carried out", ""),
        "dropped": ("Given up; write why in quotes after it", ""),
    },
    CONFERENCE_KIND: {
        "initial": ("The initial child protection conference, which made the plan",
                    f"{_B}, s1"),
        "review": ("A review child protection conference, after the initial one", f"{_B}, s4"),
        "reconvened": ("A conference called early, when the core group cannot carry out the "
                       "plan or a new concern arises; it counts as a review",
                       f"{_B}, s4 and s5"),
    },
    MEETING_KIND: {
        "core-group": ("A core group meeting", f"{_B}, s3"),
    },
    RECOMMENDATION: {
        "continue": ("The child still needs a child protection plan", _F_RECOMMENDATION),
        "end": ("The plan should end: the child no longer needs one", _F_RECOMMENDATION),
    },
    VIEWS_GROUP: {
        "child": ("The child's own wishes and feelings (each child's, where there are "
                  "several)", f"{_T}, s3"),
        "children": ("The wishes and feelings of all the children of the plan", ""),
        "parents": ("The parents' views", f"{_T}, s3"),
        "carers": ("The carers' views", f"{_F}, subsequent core group agenda"),
        "family": ("The family's views, as a whole", f"{_B}, appendix"),
    },
}

_CITED_FILE = re.compile(r"\s*\((\d{3}_[0-9a-f]{16}\.txt)\)\Z")


def _profile_meaning(name: str) -> Meaning:
    """A shipped profile, described by its own file: its description, and the guidance
    file it names in brackets at the end (if any) as the source."""
    from cpdsl.profile import load_profile

    description = load_profile(name).description.strip().rstrip(".")
    cited = _CITED_FILE.search(description)
    source = ""
    if cited and cited.group(1) in SHORT_NAMES:
        description, source = description[:cited.start()], SHORT_NAMES[cited.group(1)]
    return Meaning(name, PROFILE, description, source, (VALUE_PLACES[PROFILE],))


@functools.cache
def all_meanings() -> tuple[Meaning, ...]:
    """Every meaning: the keywords (in the documentation's order), the words inside
    statements, the units, the suppression words, then each fixed list's values."""
    values = [Meaning(word, kind, description, source, (VALUE_PLACES[kind],))
              for kind, described in _VALUES.items()
              for word, (description, source) in described.items()]
    profiles = [_profile_meaning(name) for name in vocabulary.PROFILES]
    return (*_KEYWORDS, *_WORDS, *_UNITS, *_SUPPRESSIONS, *values, *profiles)


@functools.cache
def _by_word() -> dict[str, tuple[Meaning, ...]]:
    found: dict[str, list[Meaning]] = {}
    for m in all_meanings():
        found.setdefault(m.word, []).append(m)
    return {word: tuple(ms) for word, ms in found.items()}


def meanings_of(word: str) -> tuple[Meaning, ...]:
    """Every meaning of a word (none for a word the language does not have)."""
    return _by_word().get(word, ())


def meaning(word: str, kind: str | None = None, block: str | None = None) -> Meaning:
    """The meaning of a word, of that kind and written in that block (see the module's
    docstring for what `block` names). KeyError where it has none; AmbiguousWord where it
    has several and `kind` and `block` do not pick one."""
    found = [m for m in meanings_of(word)
             if (kind is None or m.kind == kind) and (block is None or block in m.where)]
    if not found:
        raise KeyError(f"no meaning of `{word}`" + (f" as a {kind}" if kind else "")
                       + (f" in `{block}`" if block else ""))
    if len(found) > 1:
        choices = "; ".join(f"{m.kind} in {', '.join(m.where)}" for m in found)
        raise AmbiguousWord(f"`{word}` has {len(found)} meanings ({choices}): give the kind "
                            "or the block")
    return found[0]


def keywords_in(block: str) -> tuple[str, ...]:
    """The keywords that start a statement in a block, in the documentation's order: `file`
    holds `plan`, `plan` the top-level statements, `member` a member's fields, ..."""
    return tuple(m.word for m in _KEYWORDS if block in m.where)


def blocks() -> tuple[str, ...]:
    """Every block that holds statements, named by the keyword that opens it: the file,
    the plan, the blocks of the top-level statements in the plan's order, then the blocks
    inside those (`recommendation`, `apologies`, `absent`)."""
    names = {block for m in _KEYWORDS for block in m.where}
    found = ["file"]
    for block in found:  # breadth first: `found` grows as it is read
        found.extend(word for word in keywords_in(block) if word in names and word not in found)
    return tuple(found)
