"""The joint report's timetable before a review conference, counted both ways (PACK.md
section 5; 003_53fa38a38afc9856.txt, the joint report process and its flow chart).

Forward from the core group before the review: the draft to the core group and parents
within 5 working days, amendments back within 5 working days, the report finalised and
sent to the Team Manager within 2, authorised within 3. Back from the review R: the
final report to the family the profile's `review-report` before R (CP408's reading,
through `joint_report_due`), and 003's "4 weeks prior to RCPC" for that core group. The
chain's figures have no profile setting, so they are 003's own.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from cpdsl import dates
from cpdsl import model as m
from cpdsl.facts.days import last_in_time, latest_start
from cpdsl.profile import Profile

FLOW_CHART = "003_53fa38a38afc9856.txt, joint report"
# 003's steps after the pre-review core group, each counted from the one before it.
CHAIN = (
    ("draft report to core group members and parents", 5,
     "“Within 5 working days of core group”"),
    ("amendments back to the social worker", 5,
     "“within 5 working days”; its chart: “Within 5 days”"),
    ("report finalised and sent to the Team Manager", 2, "“Within 2 working days”"),
    ("Team Manager authorises the report", 3, "“Within 3 working days”"),
)
PRE_REVIEW_CORE_GROUP = m.Duration(4, "weeks")  # "4 weeks prior to RCPC"


class Step(NamedTuple):
    """One dated step: what is due, the last day for it, and where the figure is from."""
    what: str
    day: dt.date
    source: str


class Timetable(NamedTuple):
    forward: tuple[Step, ...]  # from the core group, step by step
    final_report: Step | None  # the final report to the family, back from R
    core_group_by: Step | None  # 003's latest day for the pre-review core group
    late: bool  # the forward chain ends after the final report is due


def joint_report_timetable(core_group: dt.date, review: dt.date,
                           profile: Profile) -> Timetable:
    """The joint report's steps from the core group on `core_group` to the review on
    `review`, in the profile's nation's working days."""
    forward, day = [], core_group
    for what, count, quoted in CHAIN:
        day = last_in_time(day, m.Duration(count, "working-days"), profile.nation) or day
        forward.append(Step(what, day, f"{FLOW_CHART}: {quoted}"))
    final = final_report_due(review, profile)
    by = latest_start(review, PRE_REVIEW_CORE_GROUP, profile.nation)
    core_group_by = Step("core group before the review", by,
                         f"{FLOW_CHART}: “4 weeks prior to RCPC”") if by else None
    late = final is not None and forward[-1].day > final.day
    return Timetable(tuple(forward), final, core_group_by, late)


def final_report_due(review: dt.date, profile: Profile) -> Step | None:
    """The last day for the final report to reach the family: the profile's
    `review-report` before the review (the day CP408 judges the report ready by)."""
    limit = profile.duration("review-report")
    due = latest_start(review, limit, profile.nation) if limit is not None else None
    if due is None:
        return None
    ref = profile.ref("review-report")
    return Step("final report to parents, carers and child; Safeguarding and Review Unit "
                "notified", due, f"the {profile.name} profile's `review-report`, "
                f"{dates.describe(limit)}" + (f": {ref}" if ref else ""))
