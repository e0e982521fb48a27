"""CP107, suppressions that suppress nothing or give no reason."""

from cpdsl.rules.base import Rule

RULES: tuple[Rule, ...] = ()
