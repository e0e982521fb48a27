"""CP2, SMART outcomes and actions: each need answered by an outcome, each outcome
measured, dated, about the child, worked towards and with a point the next review can
judge, each action owned and dated.

A dropped action (`status dropped "why"`) is no longer part of the plan: these rules pass
over it, save CP213 (its dates are still a record). An outcome or action without its
text is CP106's, not these rules'. A plan with no need, no outcome or no action at all is
CP513's: the rules that tie one to another (CP203, CP208, CP209, CP210) then say nothing
about the part that is missing.

Each rule's severity follows the strongest word of the sources it cites (`must` an
error, `should` or `will` a warning, good practice with neither an info), quoted in its
documentation.
"""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules import facts, wording
from cpdsl.rules.base import Context, Finding, rule


def _missing(node, kind: str, what: str, why: str) -> Finding:
    return Finding(node.header, f"{kind} `{node.id.name}` has no {what}: {why}", within=node.span)


@rule("CP201", "outcome-without-measure", Severity.WARNING, "an outcome with no `measure`",
      ref="002_107d890e8677bac8.txt, section 6.3")
def outcome_without_measure(context: Context) -> Iterator[Finding]:
    """An outcome with no `measure`: no one can tell whether it has been reached.

    SMART outcomes are Measurable: "All plans need to define clearly measurable outcomes"
    and "Planned outcomes should be: ... Measurable" (002_107d890e8677bac8.txt, section
    6.3); the first core group sets "specific outcome measures"
    (001_0cf4b60ac317783c.txt).

    Severity: warning ("should be", 002_107d890e8677bac8.txt, section 6.3).

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
    plan "should clearly identify ... when it will be achieved or reviewed for progress"
    (003_53fa38a38afc9856.txt).

    Severity: warning ("should be", 002_107d890e8677bac8.txt, section 6.3).

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
    person" (002_107d890e8677bac8.txt, section 6.3); the plan "should clearly identify
    what the need is for the child; what outcomes are desired for the child"
    (003_53fa38a38afc9856.txt).

    Severity: warning ("should be", 002_107d890e8677bac8.txt, section 6.3).

    Reading: a plan with no need at all is CP513's; its outcomes, which have no need to
    name, are not also reported here.

    Fails:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment"

    Passes:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment" { need health }
    """
    if not context.plan.needs:
        return
    for outcome in context.plan.outcomes:
        if not outcome.needs:
            yield _missing(outcome, "outcome", "`need`", "name the assessed need it answers "
                           "(`need ID`)")


@rule("CP204", "vague-outcome", Severity.WARNING,
      "outcome or action wording that is not Specific",
      ref="002_107d890e8677bac8.txt, section 6.3; 004_256d3034f79780c2.txt")
def vague_outcome(context: Context) -> Iterator[Finding]:
    """Outcome or action wording that is not Specific: a vague word ("improve", "engage",
    "monitor", "as required", "ongoing", "appropriate", "support") used for what will be
    done or be different, with nothing concrete beside it.

    Planned outcomes "should be: Specific" (002_107d890e8677bac8.txt, section 6.3) and
    actions "SMART (specific, measureable, achievable, relevant and time-bound)"
    (004_256d3034f79780c2.txt).

    Severity: warning ("should be", 002_107d890e8677bac8.txt, section 6.3).

    The words come from the profile's `vague-words` setting; each matches as whole words
    in any case and in its common forms ("improve": improves, improved, improving,
    improvement). An outcome's text, its `measure` and an action's text are read.

    Reading: a vague word counts only where the text uses it for what will be done or be
    different. Inside the name of a role or a service it says who does the work, not
    what the work is ("the family support worker", "Family Support Service", "Support and
    Recovery Team"), so it is passed over. A vague word is part of such a name when the
    word straight after it, in any case, names a role or a service: worker, service,
    team, group, officer, assistant, practitioner, co-ordinator (coordinator), manager,
    lead, staff, hub, centre, unit, project, programme, agency or charity, or their
    plurals ("family support worker", "support-worker", "support services", "Engagement
    Officer"); or when "and" (or "&") and a word that is not vague come first ("support
    and recovery team"). Punctuation ends a name: in "Kerry to seek support, the worker
    to follow up" the support is what Kerry does. What comes before the vague word does
    not make a name: "Kerry gets family support" says no more than "support", and "Fay
    to support and engage Kerry" is two things to do. A name written in capitals
    ("Northtown Family Support") also passes as a named service (below).

    A text with a vague word passes when it also says something concrete: a number or
    date, a frequency (weekly, every), a month, a named service (a capitalised name that
    is no person of the plan), or an act that can be checked (attend, complete, book,
    refer, register, enrol, sign, submit, visit, weigh, record, collect, score). An
    outcome's text also passes when its measure is concrete.

    Fails:
        action engage "Kerry to engage with services as required"

    Fails:
        member fay { name "Fay Green" role other }
        member kerry { name "Kerry Example" role parent }
        action routine "Fay to support Kerry with the bedtime routine"

    Passes:
        action engage "Kerry attends the Northtown Family Hub parenting course weekly"

    Passes:
        member fay { name "Fay Green" role other }
        member kerry { name "Kerry Example" role parent }
        action routine "The family support worker shows Kerry the bedtime routine"
    """
    words = context.profile.words("vague-words")
    texts = []
    for outcome in context.plan.outcomes:
        texts.append(("outcome", outcome, outcome.text, outcome.measure))
        texts.append(("the measure of outcome", outcome, outcome.measure, None))
    texts += [("action", action, action.text, None) for action in facts.live_actions(context.plan)]
    if not wording.may_be_vague([t.value for _, _, t, _ in texts if t is not None], words):
        return  # the patterns cost milliseconds to compile: none is needed here
    pattern = wording.vague_pattern(words)
    if pattern is None:
        return
    people = wording.names_of_people(context.plan)
    for what, node, text, also in texts:
        found = wording.vague_words(text.value, pattern) if text is not None else []
        if found and not any(wording.is_concrete(t.value, people)
                             for t in (text, also) if t is not None):
            quoted = ", ".join(f'"{w}"' for w in found)
            yield Finding(text.span, f"{what} `{node.id.name}` is vague: {quoted} with "
                                     "nothing concrete; say what will be done or be different, "
                                     "by whom, how often or how much")


@rule("CP205", "outcome-not-child-focused", Severity.WARNING,
      "an outcome that says nothing about a child",
      ref="002_107d890e8677bac8.txt, section 3; 001_0cf4b60ac317783c.txt")
def outcome_not_child_focused(context: Context) -> Iterator[Finding]:
    """An outcome whose text names no child and speaks of no child: it says what the
    adults or agencies do, not what changes for the child.

    The plan "should include ... Specific, achievable, child-focused outcomes"
    (002_107d890e8677bac8.txt, section 3); the core group sets "child-focused
    milestones" (001_0cf4b60ac317783c.txt).

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Reading: an outcome is about a child when its text holds a child's id, full or first
    name or `known-as`, or a word such as "child", "children", "baby", "young person",
    "son" or "daughter" (in any case, as a whole word).

    Fails:
        child amy { name "Amy Example" born 2019-04-12 }
        outcome course "Kerry completes the parenting course"

    Passes:
        child amy { name "Amy Example" born 2019-04-12 }
        outcome course "Amy is fed three meals a day by Kerry"
    """
    outcomes = [outcome for outcome in context.plan.outcomes if outcome.text is not None]
    names = wording.child_names(context.plan) if outcomes else frozenset()
    for outcome in outcomes:
        if not wording.names_any(outcome.text.value, names):
            yield Finding(outcome.text.span,
                          f"outcome `{outcome.id.name}` says nothing about a child: say what "
                          "will be different for the child (name them, or write \"the child\")")


@rule("CP206", "unassigned-action", Severity.WARNING, "an action with no `owner`",
      ref="003_53fa38a38afc9856.txt; 000_5146a52aabc1ef30.txt, section 4")
def unassigned_action(context: Context) -> Iterator[Finding]:
    """An action with no `owner`: a task nobody is responsible for is nobody's task.

    The plan "should clearly identify ... who will be responsible for undertaking the
    action" (003_53fa38a38afc9856.txt); the members ensure that "The tasks identified for
    each core group member in the Child Protection Plan are undertaken as agreed"
    (000_5146a52aabc1ef30.txt, section 4).

    Severity: warning ("should clearly identify", 003_53fa38a38afc9856.txt).

    Fails:
        action book-review "Book Amy's developmental review" { due 2026-02-01 }

    Passes:
        member kerry { name "Kerry Example" role parent }
        action book-review "Book Amy's developmental review" { owner kerry due 2026-02-01 }
    """
    for action in facts.live_actions(context.plan):
        if action.owner is None:
            yield _missing(action, "action", "`owner`", "say who does it (`owner ID`)")


@rule("CP207", "action-without-due-date", Severity.WARNING, "an action with no `due` date",
      ref="004_256d3034f79780c2.txt; 000_5146a52aabc1ef30.txt, section 1")
def action_without_due_date(context: Context) -> Iterator[Finding]:
    """An action with no `due` date: it can never be late, so it may never be done.

    Core groups "agree key action points with timescales" (003_53fa38a38afc9856.txt,
    agendas) and the plan "should clearly identify ... when it will be achieved"
    (003_53fa38a38afc9856.txt); actions are "time-bound" (004_256d3034f79780c2.txt); the
    plan "will cover ... time-scales for pieces of work" (000_5146a52aabc1ef30.txt,
    section 1).

    Severity: warning ("should clearly identify", 003_53fa38a38afc9856.txt; "will cover",
    000_5146a52aabc1ef30.txt, section 1).

    Fails:
        action book-review "Book Amy's developmental review"

    Passes:
        action book-review "Book Amy's developmental review" { due 2026-02-01 }
    """
    for action in facts.live_actions(context.plan):
        if action.due is None:
            yield _missing(action, "action", "`due` date", "say when it is to be done "
                           "(`due 2026-02-01`)")


@rule("CP208", "action-without-outcome", Severity.WARNING, "an action tied to no outcome",
      ref="004_256d3034f79780c2.txt; 003_53fa38a38afc9856.txt")
def action_without_outcome(context: Context) -> Iterator[Finding]:
    """An action that names no `outcome`: work that is not tied to the plan's aims.

    "actions correlate to the plan, are centred around risk and are SMART"
    (004_256d3034f79780c2.txt); the plan "should clearly identify what the need is for
    the child; what outcomes are desired for the child; and what actions are required"
    (003_53fa38a38afc9856.txt).

    Severity: warning ("should clearly identify", 003_53fa38a38afc9856.txt).

    Reading: a plan with no outcome at all is CP513's; its actions, which have no outcome
    to name, are not also reported here.

    Fails:
        outcome appointments "Amy attends every health appointment"
        action book-review "Book Amy's developmental review"

    Passes:
        outcome appointments "Amy attends every health appointment"
        action book-review "Book Amy's developmental review" { outcome appointments }
    """
    if not context.plan.outcomes:
        return
    for action in facts.live_actions(context.plan):
        if not action.outcomes:
            yield _missing(action, "action", "`outcome`", "name the outcome it works towards "
                           "(`outcome ID`)")


@rule("CP209", "outcome-without-action", Severity.WARNING, "an outcome no action works towards",
      ref="002_107d890e8677bac8.txt, section 3")
def outcome_without_action(context: Context) -> Iterator[Finding]:
    """An outcome that no action (other than a dropped one) names: nothing is being done
    to reach it.

    The plan "should include ... Realistic strategies and specific actions to achieve the
    planned outcomes" (002_107d890e8677bac8.txt, section 3).

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Reading: a plan with no action at all (or only dropped ones) is CP513's; its
    outcomes are not also reported here.

    Fails:
        outcome appointments "Amy attends every health appointment"
        outcome meals "Amy has breakfast every day"
        action breakfast-club "Enrol Amy in the breakfast club" { outcome meals }

    Passes:
        outcome appointments "Amy attends every health appointment"
        action book-review "Book Amy's developmental review" { outcome appointments }
    """
    actions = facts.live_actions(context.plan)
    if not actions:
        return
    worked_on = {ident.name for action in actions for ident in action.outcomes}
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

    The plan "should include ... Identification of the child's needs derived from the
    findings of the Single Assessment" and "Specific, achievable, child-focused outcomes"
    (002_107d890e8677bac8.txt, section 3); it "should clearly identify what the need is
    for the child; what outcomes are desired for the child" (003_53fa38a38afc9856.txt).

    Severity: warning ("should include", 002_107d890e8677bac8.txt, section 3).

    Reading: a plan with no outcome at all is CP513's; its needs are not also reported
    here.

    Fails:
        need health "Amy's health needs are not being met"
        need food "Amy is often hungry at school"
        outcome meals "Amy has breakfast every day" { need food }

    Passes:
        need health "Amy's health needs are not being met"
        outcome appointments "Amy attends every health appointment" { need health }
    """
    if not context.plan.outcomes:
        return
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

    The core group's members "should be working directly and actively with the child
    and/or family on a specific task outlined in the plan", and "Members of the core
    group share responsibility for the implementation of the Child Protection Plan"
    (000_5146a52aabc1ef30.txt, section 2): the plan's tasks are its members'. Someone
    excluded takes no part in the core group; a child who takes part is a member with
    role `child`, and that member owns the task. An owner that is not defined at all is
    CP103's.

    Severity: warning ("should be working", 000_5146a52aabc1ef30.txt, section 2).

    Fails:
        excluded dan { name "Dan Example" role parent reason "A court order" }
        action course "Attend the parenting course" { owner dan }

    Passes:
        member kerry { name "Kerry Example" role parent }
        action course "Attend the parenting course" { owner kerry }
    """
    for action in facts.live_actions(context.plan):
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


@rule("CP212", "no-review-point", Severity.INFO,
      "an outcome due after the next review conference with no milestone on or before it",
      ref="002_107d890e8677bac8.txt, section 3")
def no_review_point(context: Context) -> Iterator[Finding]:
    """An outcome to be reached after the next review conference that has no `milestone`
    on or before that review: the review has nothing of it to judge.

    The plan "should include ... Points at which progress will be reviewed and the means
    by which it will be judged" (002_107d890e8677bac8.txt, section 3); the first core
    group is to "establish child-focused milestones and specific outcome measures"
    (001_0cf4b60ac317783c.txt). An outcome may rightly take longer than the time to the
    next review (a 12-week course, a school year): that is not a fault, and the rule
    does not ask for it to be brought forward. A milestone on the way gives the review a
    point to judge progress by.

    Severity: info. Section 3's "should include" asks for points at which progress is
    reviewed, and the review conferences are such points; a milestone before the next
    review for each longer outcome is good practice that no source words as a
    requirement.

    Reading: the next review conference is the first one on or after `--today`. An
    outcome due on the day of that review, or with a milestone (`milestone "..." by
    DATE`) on or before it, passes. Actions are not judged: an action's `due` date is
    when it is to be done, however long after the review that is, and the outcome it
    works towards carries the points of review. An outcome with no `by` date is CP202's.

    Fails:
        conference review 2026-04-08
        outcome bedtime "Amy is in bed by 8pm on school nights" { by 2026-06-30 }

    Passes:
        conference review 2026-04-08
        outcome bedtime "Amy is in bed by 8pm on school nights" {
          by 2026-06-30
          milestone "Amy is in bed by 8pm on three school nights a week" by 2026-04-01
        }
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
                          f"next review conference ({review.date.text}), and has no milestone "
                          "on or before it: add a step the review can judge progress by "
                          '(`milestone "..." by DATE`)', related)


def _after(date: m.Date | None, day) -> bool:
    return date is not None and date.value is not None and date.value > day


def _on_or_before(date: m.Date | None, day) -> bool:
    return date is not None and date.value is not None and date.value <= day


@rule("CP213", "impossible-timescale", Severity.WARNING,
      "a due date before the initial conference or before the action was agreed",
      ref="002_107d890e8677bac8.txt, section 6.2")
def impossible_timescale(context: Context) -> Iterator[Finding]:
    """A date by which something is due that comes before the plan existed (the initial
    conference) or, for an action, before the date it was `agreed`.

    "Objectives should be reasonable and timescales not too short or unachievable"
    (002_107d890e8677bac8.txt, section 6.2); one that ends before it starts is both, and
    is usually a mistyped date. An action's `due`, an outcome's `by` and a milestone's
    `by` are checked. A date on the day itself is possible.

    Severity: warning ("should be reasonable", 002_107d890e8677bac8.txt, section 6.2).

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


@rule("CP214", "monitoring-only-plan", Severity.INFO,
      "every action is monitoring, with no recorded reason",
      ref="000_5146a52aabc1ef30.txt, sections 4 and 5")
def monitoring_only_plan(context: Context) -> Iterator[Finding]:
    """A plan whose every action is `monitoring`, with no `monitoring-only "reason"`.

    A plan of monitoring alone changes nothing for the child. The guidance allows it
    only "in extreme cases, ie, non co-operation by parents", when "the Child Protection
    Plan may only consist of monitoring by core group members" (000_5146a52aabc1ef30.txt,
    section 5; "in the extreme", section 4): record why with `monitoring-only`.

    Severity: info. The guidance says when such a plan "may" be made, and no source says
    it "must" or "should" not be made otherwise, or that the reason be recorded: asking
    for the reason is good practice.

    Fails:
        action weigh "Weigh Leo monthly" { monitoring }

    Passes:
        action weigh "Weigh Leo monthly" { monitoring }
        monitoring-only "Ana declines every service offered; legal advice is being sought"
    """
    plan = context.plan
    actions = facts.live_actions(plan)
    if actions and plan.monitoring_only is None and all(a.monitoring for a in actions):
        count = f"{len(actions)} action" + ("s" if len(actions) > 1 else "")
        yield Finding(plan.header, f"every action in the plan ({count}) only "
                                   "monitors: add actions that change things for the child, or "
                                   'record why the plan only monitors (`monitoring-only '
                                   '"reason"`)', within=plan.span)


RULES = (outcome_without_measure, outcome_without_date, outcome_without_need, vague_outcome,
         outcome_not_child_focused, unassigned_action, action_without_due_date,
         action_without_outcome, outcome_without_action, need_without_outcome, owner_not_member,
         no_review_point, impossible_timescale, monitoring_only_plan)
