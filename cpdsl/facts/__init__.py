"""Facts about a plan, worked out one way for everyone who asks: the rules, the minutes
pack and the language server's hover.

Pure functions: a plan (a profile, a date) in, values out; no findings and no messages.
Each says what it returns and, where the guidance decides it, by which source. By topic:

- `conferences`: the initial conference, the reviews in order, the next review, the
  joint report's dates, which working day after the initial conference a day is;
- `core_groups`: the meeting records, those held, the first, who chaired, the planned
  dates and each meeting's deadline for its minutes;
- `actions`: the actions still in the plan, open and overdue;
- `stops`: when the plan's timescales stop (it ended, the child moved);
- `people`: members by id, the lead social worker, who is family, a child's age;
- `texts`: whether a text says anything, whether it is a placeholder;
- `days`: counting durations and working days (cpdsl.dates does the counting);
- `joint_report` (imported by name, for the pack and the schedule): the joint report's
  timetable before a review, forward from the core group and back from the review.
"""

from cpdsl.facts.actions import is_open, live_actions, overdue_actions
from cpdsl.facts.conferences import (
    REVIEW_KINDS,
    conferences_in_order,
    initial_conference,
    joint_report_due,
    joint_report_ready,
    next_review,
    review_conferences,
    reviewing_conferences,
    reviews_after_initial,
    working_days_after_initial,
)
from cpdsl.facts.core_groups import (
    PlannedCoreGroup,
    core_group_meetings,
    core_group_schedule,
    first_held_core_group,
    held,
    held_core_groups,
    held_records,
    meeting_chair,
    minutes_due,
    notes_due,
    next_planned_core_group,
    planned_dates,
    planned_interval,
)
from cpdsl.facts.days import (
    last_in_time,
    latest_start,
    more_than_after,
    not_before,
    working_days_between,
)
from cpdsl.facts.people import (
    CORE_GROUP_MEMBER_AGE,
    age_on,
    any_role_unknown,
    asked_for,
    core_group_member_age,
    has_name_in,
    is_family,
    is_unborn,
    lead,
    lead_social_workers,
    members_by_id,
    names_of_child,
    same_name,
)
from cpdsl.facts.stops import judged_as_of, plan_stops, stopped_by
from cpdsl.facts.texts import PLACEHOLDER, has_text, is_placeholder

__all__ = [
    "age_on", "any_role_unknown", "asked_for", "conferences_in_order",
    "core_group_meetings", "core_group_member_age", "CORE_GROUP_MEMBER_AGE",
    "core_group_schedule", "first_held_core_group", "has_name_in", "has_text", "held",
    "held_core_groups", "held_records", "initial_conference", "is_family", "is_open",
    "is_placeholder", "is_unborn", "joint_report_due", "joint_report_ready", "judged_as_of",
    "last_in_time", "latest_start", "lead", "lead_social_workers", "live_actions",
    "meeting_chair", "members_by_id", "minutes_due", "more_than_after", "notes_due", "names_of_child",
    "next_planned_core_group", "next_review", "not_before", "overdue_actions",
    "PLACEHOLDER", "plan_stops", "planned_dates", "planned_interval", "PlannedCoreGroup",
    "review_conferences", "REVIEW_KINDS", "reviewing_conferences", "reviews_after_initial",
    "same_name", "stopped_by", "working_days_after_initial", "working_days_between",
]
