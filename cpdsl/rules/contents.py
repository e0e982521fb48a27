"""CP5, what the plan must contain."""

from cpdsl.rules.base import Rule

RULES: tuple[Rule, ...] = ()
