"""CP2, what an outcome says: measured, dated, Specific and about the child (CP201,
CP202, CP204, CP205); CP204 judges the actions' wording too."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl.diagnostics import Severity
from cpdsl.rules import wording
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.edits import insert_into_block, skeleton
from cpdsl.rules.missing import missing_field


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
            fix = skeleton('Add `measure "..."`',
                           insert_into_block(context, outcome.span, 'measure "..."'))
            yield missing_field(outcome, "outcome", "`measure`", 'say how progress is measured '
                                '(`measure "..."`)', fix)


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
            yield missing_field(outcome, "outcome", "`by` date", "say when it is to be reached "
                           "(`by 2026-04-01`)")


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
        if text is None or facts.is_placeholder(text):
            continue  # a placeholder is CP109's: there are no words yet to judge
        found = wording.vague_words(text.value, pattern)
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
    outcomes = [outcome for outcome in context.plan.outcomes if outcome.text is not None
                and not facts.is_placeholder(outcome.text)]  # a placeholder is CP109's
    names = wording.child_names(context.plan) if outcomes else frozenset()
    for outcome in outcomes:
        if not wording.names_any(outcome.text.value, names):
            yield Finding(outcome.text.span,
                          f"outcome `{outcome.id.name}` says nothing about a child: say what "
                          "will be different for the child (name them, or write \"the child\")")


RULES = (outcome_without_measure, outcome_without_date, vague_outcome, outcome_not_child_focused)
