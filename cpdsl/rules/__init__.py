"""The rule registry: every rule cplint has, in code order.

Each family module lists its rules in `RULES`; add a family here to enable it.
"""

from cpdsl.rules import (
    characters,
    contents,
    copies,
    fields,
    meetings,
    membership,
    placeholders,
    references,
    reviews,
    smart,
    syntax,
    timescales,
    unused_suppression,
    values,
)
from cpdsl.rules.base import Rule

_FAMILIES = (syntax, references, values, fields, unused_suppression, characters, placeholders,
             smart, membership, timescales, reviews, contents, copies, meetings)

ALL_RULES: tuple[Rule, ...] = tuple(sorted(
    (rule for family in _FAMILIES for rule in family.RULES), key=lambda rule: rule.code))

RULES_BY_CODE = {r.code: r for r in ALL_RULES}
RULES_BY_NAME = {r.name: r for r in ALL_RULES}
