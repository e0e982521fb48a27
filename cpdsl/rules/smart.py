"""CP2, SMART outcomes and actions."""

from cpdsl.rules.base import Rule

RULES: tuple[Rule, ...] = ()
