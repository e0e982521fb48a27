"""The pack's prefills about the meeting itself (PACK.md sections 2 and 3): who chairs
and took notes before, who is expected and who sent apologies, the views recorded and
room for those given, the dates to come, the recommendation and the joint report's
timetable. The lines the notes reader reads back are written here."""

from __future__ import annotations

from cpdsl import dates
from cpdsl import model as m
from cpdsl.citations import for_people
from cpdsl.facts import core_group_meetings, held, is_family, review_conferences
from cpdsl.facts.core_groups import core_group_schedule, planned_interval
from cpdsl.facts.days import last_in_time
from cpdsl.facts.joint_report import joint_report_timetable
from cpdsl.pack.agenda import Agenda, AgendaKind
from cpdsl.pack.document import BLANK, Block, Bullets, Para, Space, line, plain, with_code
from cpdsl.pack.document import long_day as day_words
from cpdsl.pack.people import People, one_line
from cpdsl.profile import Profile

NOTE_TAKER = "Note taker (name, agency): "
SAID_HERE = "Said at this meeting:"
RECOMMENDATION = "Recommendation: "
FAMILY_VIEWS = ("parents", "carers", "family")
CHILDREN_VIEWS = ("child", "children")


def note_taker(plan: m.Plan, agenda: Agenda, people: People) -> list[Block]:
    chair = agenda.record.chair if agenda.record and agenda.record.chair else plan.chair
    lines = [line("Chair: ", people.full(chair)) if chair else
             plain("Chair: not named in the plan")]
    if plan.second_chair is not None:
        lines.append(line("Second chair: ", people.full(plan.second_chair)))
    lines.append(line(NOTE_TAKER, BLANK, " (not the chair)"))
    earlier = [x for x in held(core_group_meetings(plan))
               if x.date.value < agenda.day and x.notes is not None]
    if earlier and agenda.kind is not AgendaKind.FIRST:
        taken: list = ["Notes taken before: "]
        for number, x in enumerate(earlier):
            taken += ["; " if number else "", f"{x.date.value} ", people.full(x.notes)]
        lines.append(line(*taken))
    return [Para(tuple(lines))]


PURPOSES = {  # the pack's own words for each kind of meeting (PACK.md section 2, item 3)
    AgendaKind.FIRST: "The core group turns the outline protection plan from the initial "
                      "conference into the detailed plan: what each member will do, and by "
                      "when. The family hears what the core group is for and how it works.",
    AgendaKind.SUBSEQUENT: "The core group reviews progress against the protection plan and "
                           "agrees the updates it needs.",
    AgendaKind.BEFORE_REVIEW: "The core group reviews progress, agrees its analysis and "
                              "recommendation, and arranges the joint report for the "
                              "review conference.",
}


def purpose(plan: m.Plan, agenda: Agenda, people: People) -> list[Block]:
    """The pack's words for the meeting, and the family's language, format and
    interpreter as a reminder."""
    reminders = [f"language: {one_line(plan.language)}" if plan.language else "",
                 f"format: {one_line(plan.accessible_format)}"
                 if plan.accessible_format else ""]
    lines = [plain(PURPOSES[agenda.kind])]
    said = [r for r in reminders if r]
    if said:
        lines.append(plain("For the family: " + "; ".join(said)))
    for member in plan.members:
        if member.role is not None and member.role.text == "interpreter":
            lines.append(line("Interpreter: ", people.full(member.id)))
    return [Para(tuple(lines))]


def attendance(plan: m.Plan, agenda: Agenda, people: People) -> list[Block]:
    expected = Bullets(tuple(people.full(x.id) for x in plan.members), ticks=True,
                       lead=plain("Who attended (name, agency)"))
    apologies = agenda.record.apologies if agenda.record is not None else ()
    sent = tuple(line(people.full(a.member), ": report received" if a.report_received
                      else "") for a in apologies) or ((BLANK,),)
    return [expected, Bullets(sent, lead=plain("Apologies"))]


def views(plan: m.Plan, agenda: Agenda, people: People, children: bool) -> list[Block]:
    """The children's (or the parents') views the plan and the last meeting record, and
    room for those given at this one."""
    child_ids = {child.id.name for child in plan.children}
    items = []
    if children:
        items += [line(people.short(c.id), f", born {c.born.value}"
                       if c.born and c.born.value else "") for c in plan.children]
    if children:
        def wanted(subject: str) -> bool:
            return subject in child_ids or subject in CHILDREN_VIEWS
    else:
        def wanted(subject: str) -> bool:
            member = people.members.get(subject)
            return subject in FAMILY_VIEWS or (member is not None and is_family(member))
    said = [(v, "in the plan") for v in plan.views if wanted(v.subject.name)]
    last = last_meeting(plan, agenda)
    if last is not None:
        said += [(v, f"at the core group on {last.date.value}") for v in last.views
                 if wanted(v.subject.name)]
    items += [plain(f"{people.name(v.subject) or v.subject.name}: “{one_line(v.text)}” "
                    f"({where})") for v, where in said]
    prompt = ("Write below a paragraph for each child, opening with their name and id."
              if children else "Write below a paragraph for each, opening with their name "
              "and id, or one for the parents together.")
    return [*([Bullets(tuple(items))] if items else []),
            Para((plain(prompt),)), Para((plain(SAID_HERE),)), Space()]


def dates_to_come(plan: m.Plan, profile: Profile, agenda: Agenda) -> list[Block]:
    """The planned core groups up to the review, the review, and after it (before a
    review) the next core group if the plan continues."""
    end = agenda.review.date if agenda.review is not None else None
    planned = [p.date for p in core_group_schedule(plan, profile)
               if p.date > agenda.day and (end is None or p.date < end)]
    if agenda.next_core_group and agenda.next_core_group not in planned and (
            end is None or agenda.next_core_group < end):
        planned = sorted({*planned, agenda.next_core_group})
    items = [plain(f"{day_words(day)}: time and venue to agree") for day in planned]
    if agenda.review is not None:
        said = "review due by" if agenda.review.provisional else "review conference"
        items.append(plain(f"{day_words(agenda.review.date)}: {said}"))
        every = planned_interval(plan, profile)
        after = last_in_time(agenda.review.date, every, profile.nation) if every else None
        if agenda.kind is AgendaKind.BEFORE_REVIEW and after is not None:
            items.append(plain(f"{day_words(after)}: the next core group, if the plan "
                               f"continues (every {dates.describe(every)} from the review)"))
    if not items:
        return [Para((plain("No dates are planned yet: agree them at the meeting."),))]
    return [Bullets(tuple(items))]


def recommendation(plan: m.Plan, profile: Profile, agenda: Agenda) -> list[Block]:
    lines = [line(RECOMMENDATION, BLANK, " (continue or end)")]
    early = profile.duration("early-end")
    if agenda.review is not None and early is not None and _first_review(plan, agenda):
        lines.append(plain(f"At the first review, ending the plan sooner than "
                           f"{dates.describe(early)} after the initial conference needs "
                           "exceptional circumstances (CP409)."))
    return [Para(tuple(lines))]


def _first_review(plan: m.Plan, agenda: Agenda) -> bool:
    return not any(c.date.value <= agenda.day for c in review_conferences(plan))


def joint_report(profile: Profile, agenda: Agenda) -> list[Block]:
    """003's joint report timetable, forward from this core group and back from the
    review, with a warning when the forward count ends after the final report is due."""
    if agenda.review is None:
        return [Para((plain("No review conference is recorded or due: no timetable."),))]
    table = joint_report_timetable(agenda.day, agenda.review.date, profile)
    steps = [*table.forward, *([table.final_report] if table.final_report else [])]
    items = [with_code(f"{day_words(step.day)}: {step.what} ({for_people(step.source)})")
             for step in sorted(steps, key=lambda step: step.day)]
    blocks: list[Block] = [Bullets(tuple(items))]
    if table.late:
        blocks.append(Para((plain(
            f"Warning: counted forward from this core group, the report is authorised on "
            f"{table.forward[-1].day}, after the final report is due on "
            f"{table.final_report.day}: agree shorter steps at the meeting."),)))
    if table.core_group_by is not None and agenda.day > table.core_group_by.day:
        blocks.append(Para((plain(
            f"003 wants this core group “4 weeks prior to RCPC”, by "
            f"{table.core_group_by.day}: this one is later, which leaves less time for the "
            "steps above."),)))
    if agenda.review.provisional:
        blocks.append(Para((plain("The review date is provisional: no review conference "
                                  "is recorded."),)))
    return blocks


def last_meeting(plan: m.Plan, agenda: Agenda) -> m.Meeting | None:
    earlier = [x for x in held(core_group_meetings(plan)) if x.date.value < agenda.day]
    return earlier[-1] if earlier else None


