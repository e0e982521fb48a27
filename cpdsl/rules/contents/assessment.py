"""CP5, the assessment: arranged (who completes it, by when) and done by the first review
conference (CP512, CP514)."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl.citations import B, F, T, W
from cpdsl.diagnostics import Related, Severity
from cpdsl.rules.base import Context, Finding, rule

_B6 = f"{B}, section 6"
_T2 = f"{T}, section 2"
_F = f"{F}, first core group agenda"
_F_FLOW = f"{F}, flow chart"


@rule("CP512", "missing-assessment", Severity.WARNING,
      "no arrangements for the assessment (who completes it, by when)")
def missing_assessment(context: Context) -> Iterator[Finding]:
    """A plan with no assessment arranged, or an assessment without who completes it
    (`by`) or by when (`due`).

    The assessment's findings shape the plan; it is only arranged when someone is named
    to complete or commission it, with a date to have it by.

    Source: 001_0cf4b60ac317783c.txt: the first core group is to "establish what further
    and specialist assessments are required and who will commission these";
    003_53fa38a38afc9856.txt, first core group agenda, item 6: "ASSESSMENT: CONTRIBUTIONS
    FROM CORE GROUP MEMBERS AND ARRANGEMENTS FOR COMPLETION"; 000_5146a52aabc1ef30.txt,
    section 6: "The core group will be responsible for ensuring that a core assessment is
    made".

    Severity: warning ("will be responsible", 000_5146a52aabc1ef30.txt, section 6).

    Reading: an assessment that lacks `by` or `due` is reported at its own line, once,
    naming what it lacks; the plan is reported only when it has no assessment at all. The
    rule reads no profile setting, so its messages cite the same passages under every
    profile: all three where the plan has no assessment, and the two that ask who does it
    and by when (001_0cf4b60ac317783c.txt, 003_53fa38a38afc9856.txt) where an assessment
    lacks `by` or `due`.

    Fails:
        member jo { name "Jo Lee"  role health-visitor }
        assessment "Speech and language assessment for Amy" { by jo }

    Passes:
        member jo { name "Jo Lee"  role health-visitor }
        assessment "Speech and language assessment for Amy" { by jo  due 2026-04-01 }
    """
    plan = context.plan
    for assessment in plan.assessments:
        missing = [f"`{word}`" for word, value in (("by", assessment.by), ("due", assessment.due))
                   if value is None]
        if missing:
            yield Finding(assessment.header, f"assessment with no {' or '.join(missing)}: say who "
                                             f"completes it and by when ({W}; {_F})",
                          within=assessment.span)
    if not plan.assessments:
        yield Finding(plan.header, "no assessment arranged: say what assessment the plan needs, "
                                   "who completes it and by when (`assessment \"...\" { by WHO "
                                   f"due DATE }}`) ({_B6}; {W}; {_F})", within=plan.span)


@rule("CP514", "assessment-after-review", Severity.WARNING,
      "an assessment due after the first review conference")
def assessment_after_review(context: Context) -> Iterator[Finding]:
    """An assessment due after the first review conference, which is to hear it done.

    The first review conference judges the plan on the assessment's findings: due after
    it, the assessment comes too late for the review to weigh.

    Source: 003_53fa38a38afc9856.txt, flow chart: "SINGLE ASSESSMENT (completed by RCPC)"
    (RCPC: the review child protection conference); the agenda for the core group before
    the review, item 9: "[FIRST REVIEW CORE GROUP] – PROGRESS OF THE ASSESSMENT: (Date
    for completion and arrangements for providing a copy to family members, core group
    members and independent chair)"; 002_107d890e8677bac8.txt, section 2: "the outcome
    of the completed Single Assessment will also be presented to the Review Conference".

    Severity: warning ("will also be presented", 002_107d890e8677bac8.txt, section 2).

    Reading: the first review conference is the earliest `conference review` with a real
    date, and the rule judges the plan while that review is still to come (on or after
    `--today`): once it has been held, an assessment arranged there for a new need may
    rightly be due later, and the plan does not record when an assessment was arranged.
    An assessment due on the day of the review is in time. Every `assessment` counts: a
    specialist assessment is part of the one the review hears (pieces of the work "may
    be contracted out ... and a report submitted to the core group for inclusion in the
    overall assessment", 000_5146a52aabc1ef30.txt, section 6). An assessment with no
    `due` date is CP512's.

    Fails:
        conference review 2026-04-08
        assessment "Parenting assessment of Kerry" { due 2026-05-01 }

    Passes:
        conference review 2026-04-08
        assessment "Parenting assessment of Kerry" { due 2026-03-27 }
    """
    reviews = facts.review_conferences(context.plan)
    if not reviews or reviews[0].date.value < context.today:
        return
    review = reviews[0].date
    for assessment in context.plan.assessments:
        due = assessment.due
        if due is None or due.value is None or due.value <= review.value:
            continue
        yield Finding(due.span, f"this assessment is due {due.text}, after the first review "
                                f"conference ({review.text}), which is to hear it completed: "
                                f"bring its due date forward to {review.text} or before "
                                f"({_F_FLOW}; {_T2})",
                      (Related(f"the first review conference is on {review.text}", review.span),))


RULES = (missing_assessment, assessment_after_review)
