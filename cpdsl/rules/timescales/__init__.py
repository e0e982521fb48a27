"""CP4, timescales of the core group: the first core group, the interval, the schedule,
minutes, overdue actions and missed meetings (CP401-CP404, CP407, CP411, CP412); the
review conferences and the plan's end are in cpdsl/rules/reviews/.

Every number comes from the profile (`cpdsl/profiles/*.toml`); a profile that lacks a
setting leaves its rule silent. Dates are counted with `cpdsl.dates` in the profile's
nation: day 0 is the event counted from, and "more than N" is strict, so the Nth working
day (week, month) after it is still in time. Messages give the dates, the count in the
setting's unit and the profile, with the source of its figure last; a figure the profile
inherits is cited as the profile's it comes from (`from the england profile: ...`).

Readings shared by the rules of this family (each rule's documentation repeats the ones it
takes):

- "The first core group" is the first core group held (not `cancelled`) on or after the
  initial conference.
- "The next review conference" is the first one on or after today (RULES.md).
- A `reconvened` conference, called early, counts as a review conference: the core
  groups after it count from it as they do from a review.
- The timescales stop when the plan `ended` or its child `moved` to another area,
  whichever came first: the plan of a child who moved transfers to the receiving
  authority, and what is due after the move is theirs.
- A check that counts from a date up to today (nothing held yet, minutes not yet out)
  judges only once the whole time allowed has passed as of today, so a plan is never
  blamed for what it may still do in time.
- A finding that rests on what the plan does not record (no core group yet, none between
  two dates, which meeting is the first or the last) could be caused by a record a syntax
  error hid (a misspelt `meeting`), so it is dropped when the plan has one; and such
  checks stay silent while a meeting or conference has a date that names no day (CP104)
  or a kind cplint does not know (CP105).

One module per part: `first_core_group`, `interval` and `record` (minutes, overdue actions
and missed core groups). The dates are cpdsl.facts'; the wording of durations and of the
profile's settings is cpdsl.rules.timing's.
"""

from cpdsl.rules.timescales import first_core_group, interval, record

RULES = tuple(sorted((*first_core_group.RULES, *interval.RULES, *record.RULES),
                     key=lambda rule: rule.code))
