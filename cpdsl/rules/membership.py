"""CP3, membership and roles."""

from cpdsl.rules.base import Rule

RULES: tuple[Rule, ...] = ()
