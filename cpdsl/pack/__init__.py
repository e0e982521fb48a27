"""The minutes pack (issue 12): the papers for one core group, rendered from the plan.

So far: `agenda` chooses which of 003's three agendas a meeting gets (first, subsequent,
or the one before a review conference), by the readings of the CP4 rules and through
cpdsl.facts, so that the pack and the rules count every date alike.
"""
