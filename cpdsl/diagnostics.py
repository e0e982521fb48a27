"""What cplint reports: a finding with its rule, severity, place, message and, where cplint
knows one, its fix."""

from __future__ import annotations

import enum
from typing import NamedTuple

from typing import TYPE_CHECKING

from cpdsl.model import Span

if TYPE_CHECKING:
    from cpdsl.fixes import Fix  # made only where a finding has one: not at start-up


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Related(NamedTuple):
    """A second place a finding is about (the conference a deadline counts from)."""

    message: str
    span: Span


class Diagnostic(NamedTuple):
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    related: tuple[Related, ...] = ()
    fix: Fix | None = None  # what would mend it, as edits of the text

    @property
    def sort_key(self) -> tuple:
        return (self.span.line, self.span.column, self.code)
