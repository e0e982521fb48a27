"""CP2, SMART outcomes and actions: each need answered by an outcome, each outcome
measured, dated, about the child, worked towards and with a point the next review can
judge, each action owned and dated.

A dropped action (`status dropped "why"`) is no longer part of the plan: these rules pass
over it, save CP213 (its dates are still a record). An outcome or action without its
text is CP106's, not these rules'. A plan with no need, no outcome or no action at all is
CP513's: the rules that tie one to another (CP203, CP208, CP209, CP210) then say nothing
about the part that is missing.

Each rule's severity follows the strongest word of the sources it cites (`must` an
error, `should` or `will` a warning, good practice with neither an info), quoted in its
documentation.

One module per part: `outcomes` (what an outcome says), `links` (needs, outcomes and
actions tied together), `actions` (each action owned and dated) and `due_dates`.
"""

from cpdsl.rules.smart import actions, due_dates, links, outcomes

RULES = tuple(sorted((*outcomes.RULES, *links.RULES, *actions.RULES, *due_dates.RULES),
                     key=lambda rule: rule.code))
