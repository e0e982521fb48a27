"""CP2, SMART outcomes and actions: each need answered by an outcome, each outcome
measured, dated, about the child and worked towards, each action owned, dated and timed
so that the next review can judge it.

A dropped action (`status dropped "why"`) is no longer part of the plan: these rules pass
over it, save CP213 (its dates are still a record). An outcome or action without its
text is CP106's, not these rules'.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import facts
from cpdsl.rules.base import Context, Finding, rule


def _live(actions: tuple[m.Action, ...]) -> list[m.Action]:
    """The actions still in the plan: not dropped."""
    return [a for a in actions if a.status is None or a.status.value.text != "dropped"]


def _missing(node, kind: str, what: str, why: str) -> Finding:
    return Finding(node.header, f"{kind} `{node.id.name}` has no {what}: {why}", within=node.span)


@rule("CP201", "outcome-without-measure", Severity.WARNING, "an outcome with no `measure`",
      ref="002_107d890e8677bac8.txt, section 6.3")
def outcome_without_measure(context: Context) -> Iterator[Finding]:
    """An outcome with no `measure`: no one can tell whether it has been reached.

    SMART outcomes are Measurable: "All plans need to define clearly measurable outcomes"
    (002_107d890e8677bac8.txt, section 6.3); the first core group sets "specific outcome
    measures" (001_0cf4b60ac317783c.txt).

    Fails:
        outcome appointments "Amy attends every health appointment" { by 2026-04-01 }

    Passes:
        outcome appointments "Amy attends every health appointment" {
          measure "All appointments attended, per the health visitor's records"
          by 2026-04-01
        }
    """
    for outcome in context.plan.outcomes:
        if outcome.measure is None:
            yield _missing(outcome, "outcome", "`measure`", 'say how progress is measured '
                           '(`measure "..."`)')


@rule("CP202", "outcome-without-date", Severity.WARNING, "an outcome with no `by` date",
      ref="002_107d890e8677bac8.txt, section 6.3")
def outcome_without_date(context: Context) -> Iterator[Finding]:
    """An outcome with no `by` date: not Time-related, so no review can say it is late.

    Planned outcomes should be "Time related" (002_107d890e8677bac8.txt, section 6.3); the
    plan says "when it will be achieved or reviewed for progress"
    (003_53fa38a38afc9856.txt).

    Fails:
        outcome appointments "Amy attends every health appointment" {
          measure "All appointments attended"
        }

    Passes:
        outcome appointments "Amy attends every health appointment" {
          measure "All appointments attended"
          by 2026-04-01
        }
    """
    for outcome in context.plan.outcomes:
        if outcome.by is None:
            yield _missing(outcome, "outcome", "`by` date", "say when it is to be reached "
                           "(`by 2026-04-01`)")


@rule("CP203", "outcome-without-need", Severity.WARNING, "an outcome tied to no assessed need",
      ref="002_107d890e8677bac8.txt, sections 3 and 6.3")
def outcome_without_need(context: Context) -> Iterator[Finding]:
    """An outcome that names no `need`: it answers nothing the assessment found.

    Planned outcomes should be "Related to the assessed needs of the child / young
    person" (002_107d890e8677bac8.txt, section 6.3); the plan identifies "what the need is
    for the child; what outcomes are desired" (003_53fa38a38afc9856.txt).

    Fails:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment"

    Passes:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment" { need health }
    """
    for outcome in context.plan.outcomes:
        if not outcome.needs:
            yield _missing(outcome, "outcome", "`need`", "name the assessed need it answers "
                           "(`need ID`)")


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
_SENTENCE_START = r"(?:^|[.!?:;]\s+|\(\s*|\"\s*)$"


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
def _vague_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    patterns = [_phrase(w) for w in words if w.strip()]
    return _any_of(patterns) if patterns else None


def _may_be_vague(texts: list[str], words: tuple[str, ...]) -> bool:
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


def _names_of_people(plan: m.Plan) -> frozenset[str]:
    """Every word of every person's name and id, lower-cased: names that are not services."""
    words = set(_NOT_SERVICES)
    for person in (*plan.children, *plan.members, *plan.exclusions):
        words.add(person.id.name.lower())
        for text in (person.name, getattr(person, "known_as", None)):
            if text is not None:
                words.update(re.findall(r"[\w'’-]+", text.value.lower()))
    return frozenset(words)


def _is_concrete(text: str, people: frozenset[str]) -> bool:
    if _concrete_pattern().search(text):
        return True
    for match in re.finditer(_CAPITALISED, text):
        name = re.sub(r"['’]s?$", "", match.group(1)).lower()
        if name not in people and not re.search(_SENTENCE_START, text[:match.start()]):
            return True
    return False


def _vague_words(text: str, pattern: re.Pattern) -> list[str]:
    found: list[str] = []
    for match in pattern.finditer(text):
        word = " ".join(match.group().split())
        if word.lower() not in (w.lower() for w in found):
            found.append(word)
    return found


@rule("CP204", "vague-outcome", Severity.WARNING,
      "outcome or action wording that is not Specific",
      ref="002_107d890e8677bac8.txt, section 6.3; 004_256d3034f79780c2.txt")
def vague_outcome(context: Context) -> Iterator[Finding]:
    """Outcome or action wording that is not Specific: "improve", "engage", "monitor",
    "as required", "ongoing", "appropriate", "support" with nothing concrete beside them.

    Outcomes should be "Specific" (002_107d890e8677bac8.txt, section 6.3) and actions
    "SMART (specific, measureable, achievable, relevant and time-bound)"
    (004_256d3034f79780c2.txt). The words come from the profile's `vague-words` setting;
    each matches as whole words in any case and in its common forms ("improve":
    improves, improved, improving, improvement). An outcome's text, its `measure` and an
    action's text are read. A text with a vague word passes when it also says something
    concrete: a number or date, a frequency (weekly, every), a month, a named service (a
    capitalised name that is no person of the plan), or an act that can be checked
    (attend, complete, book, refer, register, enrol, sign, submit, visit, weigh, record,
    collect, score). An outcome's text also passes when its measure is concrete.

    Fails:
        action engage "Kerry to engage with services as required"

    Passes:
        action engage "Kerry attends the Northtown Family Hub parenting course weekly"
    """
    words = context.profile.words("vague-words")
    texts = []
    for outcome in context.plan.outcomes:
        texts.append(("outcome", outcome, outcome.text, outcome.measure))
        texts.append(("the measure of outcome", outcome, outcome.measure, None))
    texts += [("action", action, action.text, None) for action in _live(context.plan.actions)]
    if not _may_be_vague([t.value for _, _, t, _ in texts if t is not None], words):
        return  # the patterns cost milliseconds to compile: none is needed here
    pattern = _vague_pattern(words)
    if pattern is None:
        return
    people = _names_of_people(context.plan)
    for what, node, text, also in texts:
        words = _vague_words(text.value, pattern) if text is not None else []
        if words and not any(_is_concrete(t.value, people) for t in (text, also) if t is not None):
            quoted = ", ".join(f'"{w}"' for w in words)
            yield Finding(text.span, f"{what} `{node.id.name}` is vague: {quoted} with "
                                     "nothing concrete; say what will be done or be different, "
                                     "by whom, how often or how much")


# Words that speak of a child without naming one (matched whole, in any case; "child"
# covers "the child", "each child" and "child's").
_CHILD_WORDS = ("child", "children", "childs", "baby", "babies", "unborn", "infant", "toddler",
                "kid", "kids", "young person", "young people", "son", "sons", "daughter",
                "daughters", "sibling", "siblings", "brother", "brothers", "sister",
                "sisters", "boy", "boys", "girl", "girls", "teenager", "pupil")


_WORD = re.compile(r"\w+")


def _child_names(plan: m.Plan) -> frozenset[tuple[str, ...]]:
    """The children's ids, full and first names and known-as names, and the child words,
    each as its lower-cased words (a set, not a regex: compiling one per plan is slow)."""
    names = set(_CHILD_WORDS)
    for child in plan.children:
        names.add(child.id.name)
        for text in (child.name, child.known_as):
            if text is not None and text.value.strip():
                names.add(text.value.strip())
                names.add(text.value.split()[0])
    return frozenset(tuple(_WORD.findall(name.lower())) for name in names) - {()}


def _names_any(text: str, names: frozenset[tuple[str, ...]]) -> bool:
    """Whether `text` holds one of `names` as whole words, in any case."""
    words = _WORD.findall(text.lower())
    for length in {len(name) for name in names}:
        for start in range(len(words) - length + 1):
            if tuple(words[start:start + length]) in names:
                return True
    return False


@rule("CP205", "outcome-not-child-focused", Severity.WARNING,
      "an outcome that says nothing about a child",
      ref="002_107d890e8677bac8.txt, section 3; 001_0cf4b60ac317783c.txt")
def outcome_not_child_focused(context: Context) -> Iterator[Finding]:
    """An outcome whose text names no child and speaks of no child: it says what the
    adults or agencies do, not what changes for the child.

    The plan should include "Specific, achievable, child-focused outcomes"
    (002_107d890e8677bac8.txt, section 3) and "must maintain a focus on the child"
    (section 6.2); the core group sets "child-focused milestones"
    (001_0cf4b60ac317783c.txt). An outcome is about a child when its text holds a child's
    id, full or first name or `known-as`, or a word such as "child", "children", "baby",
    "young person", "son" or "daughter" (in any case, as a whole word).

    Fails:
        child amy { name "Amy Example" born 2019-04-12 }
        outcome course "Kerry completes the parenting course"

    Passes:
        child amy { name "Amy Example" born 2019-04-12 }
        outcome course "Amy is fed three meals a day by Kerry"
    """
    outcomes = [outcome for outcome in context.plan.outcomes if outcome.text is not None]
    names = _child_names(context.plan) if outcomes else frozenset()
    for outcome in outcomes:
        if not _names_any(outcome.text.value, names):
            yield Finding(outcome.text.span,
                          f"outcome `{outcome.id.name}` says nothing about a child: say what "
                          "will be different for the child (name them, or write \"the child\")")


@rule("CP206", "unassigned-action", Severity.WARNING, "an action with no `owner`",
      ref="000_5146a52aabc1ef30.txt, section 4; 003_53fa38a38afc9856.txt")
def unassigned_action(context: Context) -> Iterator[Finding]:
    """An action with no `owner`: a task nobody is responsible for is nobody's task.

    The plan identifies "who will be responsible for undertaking the action"
    (003_53fa38a38afc9856.txt); each member "must have a specific task"
    (000_5146a52aabc1ef30.txt, section 2) and "The tasks identified for each core group
    member ... are undertaken as agreed" (section 4).

    Fails:
        action book-review "Book Amy's developmental review" { due 2026-02-01 }

    Passes:
        member kerry { name "Kerry Example" role parent }
        action book-review "Book Amy's developmental review" { owner kerry due 2026-02-01 }
    """
    for action in _live(context.plan.actions):
        if action.owner is None:
            yield _missing(action, "action", "`owner`", "say who does it (`owner ID`)")


@rule("CP207", "action-without-due-date", Severity.WARNING, "an action with no `due` date",
      ref="004_256d3034f79780c2.txt; 000_5146a52aabc1ef30.txt, section 1")
def action_without_due_date(context: Context) -> Iterator[Finding]:
    """An action with no `due` date: it can never be late, so it may never be done.

    Core groups "agree key action points with timescales" (003_53fa38a38afc9856.txt,
    agendas); actions are "time-bound" (004_256d3034f79780c2.txt); the plan includes
    "time-scales for pieces of work" (000_5146a52aabc1ef30.txt, section 1).

    Fails:
        action book-review "Book Amy's developmental review"

    Passes:
        action book-review "Book Amy's developmental review" { due 2026-02-01 }
    """
    for action in _live(context.plan.actions):
        if action.due is None:
            yield _missing(action, "action", "`due` date", "say when it is to be done "
                           "(`due 2026-02-01`)")


@rule("CP208", "action-without-outcome", Severity.WARNING, "an action tied to no outcome",
      ref="004_256d3034f79780c2.txt; 003_53fa38a38afc9856.txt")
def action_without_outcome(context: Context) -> Iterator[Finding]:
    """An action that names no `outcome`: work that is not tied to the plan's aims.

    "actions correlate to the plan, are centred around risk and are SMART"
    (004_256d3034f79780c2.txt); the plan links "what outcomes are desired for the child;
    and what actions are required" (003_53fa38a38afc9856.txt).

    Fails:
        action book-review "Book Amy's developmental review"

    Passes:
        outcome appointments "Amy attends every health appointment"
        action book-review "Book Amy's developmental review" { outcome appointments }
    """
    for action in _live(context.plan.actions):
        if not action.outcomes:
            yield _missing(action, "action", "`outcome`", "name the outcome it works towards "
                           "(`outcome ID`)")


@rule("CP209", "outcome-without-action", Severity.WARNING, "an outcome no action works towards",
      ref="002_107d890e8677bac8.txt, section 3")
def outcome_without_action(context: Context) -> Iterator[Finding]:
    """An outcome that no action (other than a dropped one) names: nothing is being done
    to reach it.

    The plan holds "Realistic strategies and specific actions to achieve the planned
    outcomes" (002_107d890e8677bac8.txt, section 3).

    Fails:
        outcome appointments "Amy attends every health appointment"

    Passes:
        outcome appointments "Amy attends every health appointment"
        action book-review "Book Amy's developmental review" { outcome appointments }
    """
    worked_on = {ident.name for action in _live(context.plan.actions)
                 for ident in action.outcomes}
    for outcome in context.plan.outcomes:
        if outcome.id.name not in worked_on:
            yield Finding(outcome.header, f"no action works towards outcome "
                                          f"`{outcome.id.name}`: add one with "
                                          f"`outcome {outcome.id.name}`",
                          within=context.plan.span)


@rule("CP210", "need-without-outcome", Severity.WARNING, "an assessed need no outcome answers",
      ref="002_107d890e8677bac8.txt, section 3")
def need_without_outcome(context: Context) -> Iterator[Finding]:
    """A need that no outcome names: an assessed need the plan does nothing about.

    The plan starts from "Identification of the child's needs derived from the findings
    of the Single Assessment" (002_107d890e8677bac8.txt, section 3) and says "what the
    need is for the child; what outcomes are desired" (003_53fa38a38afc9856.txt).

    Fails:
        need health "Amy's health needs are not being met"

    Passes:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment" { need health }
    """
    answered = {ident.name for outcome in context.plan.outcomes for ident in outcome.needs}
    for need in context.plan.needs:
        if need.id.name not in answered:
            yield Finding(need.header, f"no outcome answers need `{need.id.name}`: add one "
                                       f"with `need {need.id.name}`", within=context.plan.span)


@rule("CP211", "owner-not-member", Severity.WARNING,
      "an action owned by someone excluded or not in the core group",
      ref="000_5146a52aabc1ef30.txt, sections 2 and 4")
def owner_not_member(context: Context) -> Iterator[Finding]:
    """An action whose `owner` is an excluded person or a child (the `child` block), not a
    core group member.

    "Each member must have a specific task" and "Members of the core group share
    responsibility for the implementation of the Child Protection Plan"
    (000_5146a52aabc1ef30.txt, section 2): the plan's tasks are its members'. Someone
    excluded takes no part in the core group; a child who takes part is a member with
    role `child`, and that member owns the task. An owner that is not defined at all is
    CP103's.

    Fails:
        excluded dan { name "Dan Example" role parent reason "A court order" }
        action course "Attend the parenting course" { owner dan }

    Passes:
        member kerry { name "Kerry Example" role parent }
        action course "Attend the parenting course" { owner kerry }
    """
    for action in _live(context.plan.actions):
        owner = action.owner
        definition = context.index.lookup(owner.name) if owner is not None else None
        if definition is None or definition.kind not in ("excluded", "child"):
            continue
        if definition.kind == "excluded":
            why = "is excluded from the core group; give the task to a member"
        else:
            why = "is a child, not a core group member; " + _child_member_hint(
                context.plan, owner.name)
        yield Finding(owner.span, f"`owner {owner.name}`: `{owner.name}` {why}",
                      (Related(f"`{owner.name}` is defined here", definition.id.span),))


def _child_member_hint(plan: m.Plan, child: str) -> str:
    member = next((x for x in plan.members if x.role is not None and x.role.text == "child"
                   and x.for_child is not None and x.for_child.name == child), None)
    if member is not None:
        return f"write `owner {member.id.name}`, the member who is `{child}`"
    return "make them a member (`role child`) or give the task to a member"


@rule("CP212", "due-after-review", Severity.WARNING,
      "an outcome or action due after the next review conference",
      ref="002_107d890e8677bac8.txt, section 3")
def due_after_review(context: Context) -> Iterator[Finding]:
    """An open action due, or an outcome to be reached, after the next review
    conference, so that the review cannot judge it.

    The plan sets "Points at which progress will be reviewed and the means by which it
    will be judged" (002_107d890e8677bac8.txt, section 3). The next review conference is
    the first on or after `--today`. An outcome due later passes when it has a
    `milestone` on or before that review: the review judges the milestone. Actions that
    are done pass.

    Fails:
        conference review 2026-04-08
        action book-review "Book Amy's developmental review" { due 2026-05-01 }

    Passes:
        conference review 2026-04-08
        action book-review "Book Amy's developmental review" { due 2026-04-01 }
    """
    review = facts.next_review(context.plan, context.today)
    if review is None:
        return
    day = review.date.value
    related = (Related(f"the next review conference is on {review.date.text}",
                       review.date.span),)
    for outcome in context.plan.outcomes:
        if (_after(outcome.by, day)
                and not any(_on_or_before(s.by, day) for s in outcome.milestones)):
            yield Finding(outcome.by.span,
                          f"outcome `{outcome.id.name}` is due {outcome.by.text}, after the "
                          f"next review conference ({review.date.text}): bring it forward or "
                          "add a `milestone` the review can judge", related)
    for action in _live(context.plan.actions):
        done = action.status is not None and action.status.value.text == "done"
        if not done and _after(action.due, day):
            yield Finding(action.due.span,
                          f"action `{action.id.name}` is due {action.due.text}, after the "
                          f"next review conference ({review.date.text}), which cannot judge "
                          "it: bring it forward or split it", related)


def _after(date: m.Date | None, day) -> bool:
    return date is not None and date.value is not None and date.value > day


def _on_or_before(date: m.Date | None, day) -> bool:
    return date is not None and date.value is not None and date.value <= day


@rule("CP213", "impossible-timescale", Severity.ERROR,
      "a due date before the initial conference or before the action was agreed",
      ref="002_107d890e8677bac8.txt, section 6.2")
def impossible_timescale(context: Context) -> Iterator[Finding]:
    """A date by which something is due that comes before the plan existed (the initial
    conference) or, for an action, before the date it was `agreed`.

    Timescales should not be "too short or unachievable" (002_107d890e8677bac8.txt,
    section 6.2); one that ends before it starts is both, and is usually a mistyped date.
    An action's `due`, an outcome's `by` and a milestone's `by` are checked. A date on
    the day itself is possible.

    Fails:
        conference initial 2026-01-12
        action book-review "Book Amy's developmental review" {
          agreed 2026-01-22
          due 2026-01-20
        }

    Passes:
        conference initial 2026-01-12
        action book-review "Book Amy's developmental review" {
          agreed 2026-01-22
          due 2026-02-01
        }
    """
    initial = facts.initial_conference(context.plan)
    start = initial.date if initial is not None else None
    for outcome in context.plan.outcomes:
        dates = [(f"outcome `{outcome.id.name}`", outcome.by)]
        dates += [(f"a milestone of outcome `{outcome.id.name}`", s.by)
                  for s in outcome.milestones]
        for what, due in dates:
            finding = _before(what, due, start, "the initial conference")
            if finding is not None:
                yield finding
    for action in context.plan.actions:
        what = f"action `{action.id.name}`"
        finding = (_before(what, action.due, action.agreed, "it was agreed")
                   or _before(what, action.due, start, "the initial conference"))
        if finding is not None:
            yield finding


def _before(what: str, due: m.Date | None, start: m.Date | None, event: str) -> Finding | None:
    """A finding when `due` comes before `start` (both real dates)."""
    if due is None or start is None or due.value is None or start.value is None:
        return None
    if due.value >= start.value:
        return None
    return Finding(due.span, f"{what} is due {due.text}, before {event} ({start.text}): "
                             "no one can meet it; check the date",
                   (Related(f"{event}: {start.text}", start.span),))


@rule("CP214", "monitoring-only-plan", Severity.WARNING,
      "every action is monitoring, with no recorded reason",
      ref="000_5146a52aabc1ef30.txt, sections 4 and 5")
def monitoring_only_plan(context: Context) -> Iterator[Finding]:
    """A plan whose every action is `monitoring`, with no `monitoring-only "reason"`.

    A plan of monitoring alone changes nothing for the child. The guidance allows it
    only "in extreme cases, ie, non co-operation by parents" (000_5146a52aabc1ef30.txt,
    section 5; "in the extreme", section 4): record why with `monitoring-only`.

    Fails:
        action weigh "Weigh Leo monthly" { monitoring }

    Passes:
        action weigh "Weigh Leo monthly" { monitoring }
        monitoring-only "Ana declines every service offered; legal advice is being sought"
    """
    plan = context.plan
    actions = _live(plan.actions)
    if actions and plan.monitoring_only is None and all(a.monitoring for a in actions):
        yield Finding(plan.header, f"every action in the plan ({len(actions)}) only monitors: "
                                   "add actions that change things for the child, or record "
                                   'why the plan only monitors (`monitoring-only "reason"`)',
                      within=plan.span)


RULES = (outcome_without_measure, outcome_without_date, outcome_without_need, vague_outcome,
         outcome_not_child_focused, unassigned_action, action_without_due_date,
         action_without_outcome, outcome_without_action, need_without_outcome, owner_not_member,
         due_after_review, impossible_timescale, monitoring_only_plan)
