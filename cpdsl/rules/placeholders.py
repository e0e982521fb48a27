"""CP109: a text still holding the placeholder `...` that a skeleton fix wrote."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Context, Finding, rule


@rule("CP109", "placeholder-text", Severity.ERROR,
      "a text left as the placeholder `...`, to be written")
def placeholder_text(context: Context) -> Iterator[Finding]:
    """A text that is only the placeholder `...` (dots and spaces, or an ellipsis), in
    quotes or a triple-quoted block: words the plan is still waiting for.

    The unsafe fixes (`cplint check --fix --unsafe-fixes`) add what a plan lacks, a
    contingency plan, a child's views, an outcome's measure, with `"..."` where only the
    author knows the words. Until they are written the plan says nothing there, though the
    rules that ask for the text are satisfied; this rule keeps the gap in sight. The rules
    that judge wording (CP204, CP205) leave a placeholder to this one.

    Severity: error. Like the rest of CP1, the language's own rules: a placeholder is not
    yet the plan's text, so nothing in it can be read or checked.

    Fails:
        contingency "..."

    Passes:
        contingency "If Amy misses two appointments, Sam convenes a core group"
    """
    for node in context.nodes:
        if type(node) is m.Text and facts.is_placeholder(node):
            yield Finding(node.span, "this text is a placeholder: write what it should say "
                                     "in place of `...`")


RULES = (placeholder_text,)
