"""`cplint schedule`: every past and coming date and deadline of a plan, in date order,
each with its source and marked as of a day (issue 12; ../shared/design/PACK.md
section 5). The dates are the facts' (cpdsl.facts), the ones the rules judge by.

- `events`: the dates as entries (`events()` collects them);
- `event`: one entry, how it is marked, how its source is named;
- `core_groups`, `reviews`, `plan_dates`: the entries of each part of the plan;
- `text`: the listing on standard output;
- `ics`: the iCalendar file (the `icalendar` package, imported only for `--ics`);
- `command`: the command itself.
"""
