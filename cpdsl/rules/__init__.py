"""The rule registry: every rule cplint has, in code order. Add a rule here to enable it."""

from cpdsl.rules import fields, references, syntax, values
from cpdsl.rules.base import Rule

ALL_RULES: tuple[Rule, ...] = (
    syntax.SYNTAX_ERROR,
    syntax.UNKNOWN_KEYWORD,
    references.duplicate_id,
    references.undefined_reference,
    values.invalid_date,
    values.invalid_value,
    fields.missing_field,
)

RULES_BY_CODE = {r.code: r for r in ALL_RULES}
RULES_BY_NAME = {r.name: r for r in ALL_RULES}
