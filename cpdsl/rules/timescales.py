"""CP4, timescales (profile settings)."""

from cpdsl.rules.base import Rule

RULES: tuple[Rule, ...] = ()
