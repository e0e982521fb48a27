"""CP104 invalid-date and CP105 invalid-value: values that cannot be what they say."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import model as m
from cpdsl import vocabulary as v
from cpdsl.diagnostics import Severity
from cpdsl.profile import is_path
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.suggest import close_matches


@rule("CP104", "invalid-date", Severity.ERROR, "a date (or time) that does not exist")
def invalid_date(context: Context) -> Iterator[Finding]:
    """A date written correctly that names no day on the calendar (2026-02-30), or a
    meeting time that names no time of day (25:00).

    Every timescale is counted from dates, so one that does not exist cannot be judged.

    Severity: error. The catalogue makes every rule of the language and its references (CP1)
    an error: what cplint cannot read or resolve, it cannot check.

    Fails:
        conference initial 2026-02-30

    Passes:
        conference initial 2026-02-28
    """
    for node in context.nodes:
        if isinstance(node, m.Date) and node.value is None:
            yield Finding(node.span, f"{node.text} is not a date: {_why_not(node.text)}")
    for meeting in context.plan.meetings:
        time = meeting.time
        if time is not None:
            hours, minutes = (int(part) for part in time.text.split(":"))
            if hours > 23 or minutes > 59:
                yield Finding(time.span, f"{time.text} is not a time of day: use 00:00 to 23:59")


def _why_not(text: str) -> str:
    import calendar  # only here, for the rare bad date: it is slow to import
    year, month, day = (int(part) for part in text.split("-"))
    if year < 1:
        return "there is no year 0: years start at 0001"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day < 1:
        return "days start at 01"
    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has {days} days"


# (what the value is called, the values allowed)
_ROLE = ("role", v.ROLES)
_CATEGORY = ("category", v.CATEGORIES)
_DOMAIN = ("domain", v.DOMAINS)
_STATUS = ("status", v.ACTION_STATUSES)
_CONFERENCE = ("kind of conference", v.CONFERENCE_KINDS)
_MEETING = ("kind of meeting", v.MEETING_KINDS)
_RECOMMENDATION = ("recommendation", v.RECOMMENDATIONS)
_PROFILE = ("profile", v.PROFILES)


@rule("CP105", "invalid-value", Severity.ERROR,
      "an unknown role, category, domain, profile or status")
def invalid_value(context: Context) -> Iterator[Finding]:
    """A value that must come from a fixed list and does not, or an interval of 0.

    Roles, categories of abuse or neglect, Assessment Framework domains, action statuses,
    kinds of conference and meeting, recommendations and profile names each come from
    a list (see docs/language.md); a slip gets "did you mean ...?".

    Severity: error. The catalogue makes every rule of the language and its references (CP1)
    an error: what cplint cannot read or resolve, it cannot check.

    Fails:
        member sam { name "Sam Patel" role socialworker }

    Passes:
        member sam { name "Sam Patel" role social-worker }
    """
    profile = context.plan.profile
    if profile is not None and is_path(profile.text) and context.profile_problem:
        yield Finding(profile.span, f"profile `{profile.text}` cannot be used, so "
                                    f"{context.profile.name}'s is: {context.profile_problem}")
    for word, (what, allowed) in _values(context.plan):
        if word.text not in allowed:
            matches = close_matches(word.text, allowed)
            hint = (f"; did you mean `{matches[0]}`?" if matches
                    else f": use one of {_listing(allowed)}")
            fix = None
            if len(matches) == 1:  # one likely meaning: replacing it cannot be wrong
                from cpdsl.edit_text import replace  # only on a slip: not at start-up
                from cpdsl.fixes import Fix

                fix = Fix.safe(f"Replace `{word.text}` with `{matches[0]}`",
                               replace(context.lines, word.span, matches[0]))
            yield Finding(word.span, f"`{word.text}` is not a {what}{hint}", fix=fix)
    for node in context.nodes:
        if isinstance(node, m.Duration) and node.count == 0:
            yield Finding(node.span, "an interval of 0 is no interval: give how often, "
                                     "such as `every 4 weeks`")


def _values(plan: m.Plan) -> Iterator[tuple[m.Word, tuple[str, tuple[str, ...]]]]:
    if plan.profile is not None and not is_path(plan.profile.text):
        yield plan.profile, _PROFILE
    for word in plan.categories:
        yield word, _CATEGORY
    for person in (*plan.members, *plan.exclusions):
        if person.role is not None:
            yield person.role, _ROLE
    for need in plan.needs:
        for word in need.domains:
            yield word, _DOMAIN
    for action in plan.actions:
        if action.status is not None:
            yield action.status.value, _STATUS
    for conference in plan.conferences:
        if conference.kind is not None:
            yield conference.kind, _CONFERENCE
        if conference.recommendation is not None:
            yield conference.recommendation.value, _RECOMMENDATION
    for meeting in plan.meetings:
        if meeting.kind is not None:
            yield meeting.kind, _MEETING
        if meeting.recommendation is not None:
            yield meeting.recommendation, _RECOMMENDATION


def _listing(allowed: tuple[str, ...]) -> str:
    shown = ", ".join(f"`{a}`" for a in allowed[:8])
    return shown + (", ..." if len(allowed) > 8 else "")


RULES = (invalid_date, invalid_value)
