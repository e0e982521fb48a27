"""Findings for what a plan lacks, worded one way across the families: a block without a
field (at its header line), a plan-wide text that is not there or says nothing."""

from __future__ import annotations

from collections.abc import Iterator

from cpdsl import facts
from cpdsl import model as m
from cpdsl.fixes import Fix
from cpdsl.rules.base import Context, Finding


def missing_field(node, kind: str, what: str, why: str, fix: Fix | None = None) -> Finding:
    """`outcome `safe` has no `measure`: ...`, at the block's header line."""
    return Finding(node.header, f"{kind} `{node.id.name}` has no {what}: {why}",
                   within=node.span, fix=fix)


def plan_text(context: Context, text: m.Text | None, missing: str, empty: str,
              fix: Fix | None = None) -> Iterator[Finding]:
    """A finding for a plan statement of text that is not there (with `fix`, if any, to
    add it), or is there but empty."""
    if text is None:
        yield Finding(context.plan.header, missing, within=context.plan.span, fix=fix)
    elif not facts.has_text(text):
        yield Finding(text.span, empty)
