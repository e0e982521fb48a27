"""The forms after the notes (PACK.md section 4): the membership proforma at the first
core group, and before a review one agency contribution form per member agency, with
003's headings and prompts word for word and what the plan knows under them."""

from __future__ import annotations

from cpdsl import model as m
from cpdsl.facts import conferences_in_order, live_actions
from cpdsl.pack.agenda import Agenda
from cpdsl.pack.document import Attachment, Block, Bullets, Para, Section, Space, Span, \
    ident, line, plain
from cpdsl.pack.people import People, one_line
from cpdsl.pack.record import agencies, concerns
from cpdsl.pack.tables import PROFORMA_TITLE, proforma

FORM_TITLE = ("AGENCY CONTRIBUTION TO RCPC PRE-MEETING REPORT FOR REVIEW CHILD PROTECTION "
              "CONFERENCE")
# 003's headings and their prompts, verbatim (its double spaces made single). Headings 6
# and 7 are read as two (PACK.md section 7.7): the prompt under 7 is about risk only.
FORM_HEADINGS = (
    ("Name of Child/ren", None),
    ("Report provided by (name, agency)", None),
    ("Chronology of agency involvement since the last conference",
     "(Include information about significant events with dates and details of outcomes)"),
    ("Review of Progress of the Protection Plan",
     "(Use the headings from the plan to provide information with regards to the actions "
     "for which you have responsibility. How far have the expected outcomes been achieved? "
     "What actions / services were most effective? Are there continuing or newly "
     "identified needs?)"),
    ("Updates Required for the Plan", "(Key actions with timescales)"),
    ("Any Other Relevant Information", None),
    ("Risk Factors / Protective Factors",
     "(Refer to child protection conference minutes – are there new or different risk "
     "factors? Any changes in the protective factors?)"),
    ("The Voice of the Child", None),
    ("Parent / Carers Views", None),
    ("Analysis",
     "(What is your understanding of the family history and context? What are the needs "
     "of the child/ren and family? What is the predicted impact on the child/ren if these "
     "needs are not met? What is the assessment of how able the parents are to meet these "
     "needs? What help will they receive?)"),
    ("Recommendation",
     "(Should the child/ren continue to be subject to a Protection Plan or not?)"),
)


def membership_proforma(plan: m.Plan) -> Attachment:
    return Attachment(PROFORMA_TITLE, plain("To correct and complete at the meeting."),
                      (Section(None, "", tuple(proforma(plan))),))


def agency_forms(plan: m.Plan, agenda: Agenda, people: People) -> list[Attachment]:
    return [_form(plan, agenda, people, agency, members)
            for agency, members in agencies(plan)]


def _form(plan: m.Plan, agenda: Agenda, people: People, agency: str,
          members: list[m.Member]) -> Attachment:
    filled = {
        "Name of Child/ren": [Bullets(tuple(people.short(c.id) for c in plan.children))]
        if plan.children else [],
        "Report provided by (name, agency)": [Bullets(tuple(
            people.full(x.id) for x in members))],
        "Chronology of agency involvement since the last conference": _since(plan, agenda),
        "Review of Progress of the Protection Plan": _their_actions(plan, members, people),
        "Risk Factors / Protective Factors": [Bullets(tuple(concerns(plan, agenda.day)))]
        if concerns(plan, agenda.day) else [],
    }
    sections = []
    for heading, prompt in FORM_HEADINGS:
        blocks: list[Block] = [Para(((Span(prompt, "em"),),))] if prompt else []
        blocks += filled.get(heading, [])
        if heading not in ("Name of Child/ren", "Report provided by (name, agency)"):
            blocks.append(Space())
        sections.append(Section(None, heading, tuple(blocks)))
    return Attachment(FORM_TITLE, plain(f"From {agency}, for the review conference on "
                                        f"{agenda.review.date}" if agenda.review else
                                        f"From {agency}"), tuple(sections))


def _since(plan: m.Plan, agenda: Agenda) -> list[Block]:
    before = [c for c in conferences_in_order(plan) if c.date.value <= agenda.day]
    if not before:
        return []
    last = before[-1]
    return [Para((plain(f"Since the {last.kind.text} conference on {last.date.value}."),))]


def _their_actions(plan: m.Plan, members: list[m.Member], people: People) -> list[Block]:
    """The outcomes in which the agency's members own or support an action, with each
    action's due date and status."""
    ids = {x.id.name for x in members}
    theirs = [a for a in live_actions(plan) if (a.owner and a.owner.name in ids)
              or ids & {s.name for s in a.support}]
    blocks: list[Block] = []
    for outcome in plan.outcomes:
        mine = [a for a in theirs if outcome.id.name in {o.name for o in a.outcomes}]
        if mine:
            blocks.append(Bullets(tuple(_action_line(a) for a in mine), lead=line(
                Span("Outcome ", "strong"), ident(outcome.id.name),
                Span(f": {one_line(outcome.text)}", "strong"))))
    loose = [a for a in theirs if not a.outcomes]
    if loose:
        blocks.append(Bullets(tuple(_action_line(a) for a in loose),
                              lead=(Span("Actions for no outcome", "strong"),)))
    return blocks


def _action_line(action: m.Action):
    due = action.due.value if action.due and action.due.value else "no date"
    status = action.status.value.text if action.status is not None else "open"
    return line(ident(action.id.name), f" {one_line(action.text)}: due {due}, {status}")
