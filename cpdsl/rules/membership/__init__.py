"""CP3, membership and roles: who is in the core group, who leads, chairs and takes notes.

One module per part of the family: `lead` (the lead, the second chair, the note taker and
each member's task), `exclusions`, `inclusion` (the children and the family in the core
group) and `chairs`. The facts they share are cpdsl.facts'; how a person is named in a
message is cpdsl.rules.naming's, whether a syntax error may hide what a check looks for
cpdsl.rules.reading's.
"""

from cpdsl.rules.membership import chairs, exclusions, inclusion, lead

RULES = tuple(sorted((*lead.RULES, *exclusions.RULES, *inclusion.RULES, *chairs.RULES),
                     key=lambda rule: rule.code))
