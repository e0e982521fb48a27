"""CP6, the record of each meeting: who chaired, who took notes, who came, and what was heard.

A meeting record is judged once the meeting has happened: not when it is `cancelled`
(only CP605 reads a cancellation) and not when its date is after today (a meeting written
in ahead of time). A meeting whose date cannot be read is judged.

One module per part: `attendance` (who came), `record` (who chaired and took the notes, a
cancellation's reason) and `voices` (what was heard); `shared` holds what they share.
"""

from cpdsl.rules.meetings import attendance, record, voices

RULES = tuple(sorted((*attendance.RULES, *record.RULES, *voices.RULES),
                     key=lambda rule: rule.code))
