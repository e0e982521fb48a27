"""CP2, the dates things are due by: a point the next review can judge an outcome by,
and no date before the plan or the action existed (CP212, CP213)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule


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
            finding = _before(what, due, start, "the initial conference",
                              "the initial conference was on")
            if finding is not None:
                yield finding
    for action in context.plan.actions:
        what = f"action `{action.id.name}`"
        finding = (_before(what, action.due, action.agreed, "it was agreed",
                           "the action was agreed on")
                   or _before(what, action.due, start, "the initial conference",
                              "the initial conference was on"))
        if finding is not None:
            yield finding


def _before(what: str, due: m.Date | None, start: m.Date | None, event: str,
            note: str) -> Finding | None:
    """A finding when `due` comes before `start` (both real dates); the note at `start`
    says what happened then: `the action was agreed on 2026-02-10`."""
    if due is None or start is None or due.value is None or start.value is None:
        return None
    if due.value >= start.value:
        return None
    return Finding(due.span, f"{what} is due {due.text}, before {event} ({start.text}): "
                             "no one can meet it; check the date",
                   (Related(f"{note} {start.text}", start.span),))


RULES = (no_review_point, impossible_timescale)
