"""CP6, the record of each meeting."""

from cpdsl.rules.base import Rule

RULES: tuple[Rule, ...] = ()
