"""CP102 duplicate-id and CP103 undefined-reference: every id names one thing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cpdsl.diagnostics import Related, Severity
from cpdsl.index import PEOPLE, references
from cpdsl.rules.base import Context, Finding, rule
from cpdsl.rules.naming import block
from cpdsl.suggest import close_matches

if TYPE_CHECKING:
    from cpdsl.fixes import Fix

_KIND_WORDS = {
    "child": "a child", "member": "a member", "excluded": "an excluded person",
    "need": "a need", "outcome": "an outcome", "action": "an action",
}


@rule("CP102", "duplicate-id", Severity.ERROR, "two definitions with one id")
def duplicate_id(context: Context) -> Iterator[Finding]:
    """Two definitions with one id, or one statement given twice where it belongs once.

    Every person, need, outcome and action has an id of its own, used to refer to it
    (`owner sam`). Two things with one id make every reference to it ambiguous. A block
    that takes a statement once (a member's `name`, the plan's `chair`, an action's
    `due`) and has it more than once is reported too, at each repeat, naming the
    statement and its block (action `book-review` has more than one `due`), with a note at
    the first: the first is used.

    Severity: error. The catalogue makes every rule of the language and its references (CP1)
    an error: what cplint cannot read or resolve, it cannot check.

    Fails:
        member sam { name "Sam Patel" role social-worker }
        member sam { name "Sam Green" role teacher }

    Fails:
        action book-review "Book Amy's developmental review" {
          due 2026-03-20
          due 2026-03-27
        }

    Passes:
        member sam { name "Sam Patel" role social-worker }
        member sam-g { name "Sam Green" role teacher }
    """
    for name, defs in context.index.by_id.items():
        first = defs[0]
        for later in defs[1:]:
            yield Finding(
                later.id.span,
                f"`{name}` is already defined on line {first.id.span.line} "
                f"as {_KIND_WORDS[first.kind]}; give this {later.kind} an id of its own",
                (Related(f"`{name}` is first defined here", first.id.span),),
                fix=_removal(context, later.node) if later.node == first.node else None,
            )
    for node in context.nodes:
        for repeat in getattr(node, "repeats", ()):
            first = getattr(node, _attribute(repeat.keyword), _NOTHING)
            span = getattr(first, "span", None)  # none for a flag, such as `lead`
            related = (Related(f"the first `{repeat.keyword}`, which is used", span),) if (
                span is not None) else ()
            yield Finding(repeat.span, f"{block(node, context.plan)} has more than one "
                                       f"`{repeat.keyword}`; the first is used", related,
                          fix=_removal(context, repeat) if repeat.value == first else None)


_NOTHING = object()
_ATTRIBUTES = {"for": "for_child", "contact-detail": "contact"}  # where the names differ


def _attribute(keyword: str) -> str:
    """The model's name for what a statement gives: `second-chair` -> `second_chair`."""
    return _ATTRIBUTES.get(keyword, keyword.replace("-", "_"))


def _removal(context: Context, statement) -> Fix:
    """Removing a statement that says again, word for word, what is said before it: the
    plan means the same without it."""
    from cpdsl.edit_text import remove
    from cpdsl.fixes import Fix

    return Fix.safe("Remove the repeated statement",
                    remove(context.text, context.lines, statement.span))


@rule("CP103", "undefined-reference", Severity.ERROR, "an id used but never defined")
def undefined_reference(context: Context) -> Iterator[Finding]:
    """An id used (an owner, a chair, a need, an outcome, a child) but never defined.

    A reference must name something the plan defines, of the right kind: `owner` and
    `chair` name people, `need` a need, `outcome` an outcome, `contact` a child.

    Severity: error. The catalogue makes every rule of the language and its references (CP1)
    an error: what cplint cannot read or resolve, it cannot check.

    Fails:
        member sam { name "Sam Patel" role social-worker }
        chair sma

    Passes:
        member sam { name "Sam Patel" role social-worker }
        chair sam
    """
    index = context.index
    for ref in references(context.plan):
        definition = index.lookup(ref.ident.name)
        wanted = " or ".join(_KIND_WORDS[k] for k in ref.kinds)
        if definition is None:
            matches = close_matches(ref.ident.name, index.names(*ref.kinds))
            hint = f"; did you mean `{matches[0]}`?" if matches else ""
            fix = None
            if len(matches) == 1:  # one likely meaning: replacing it cannot be wrong
                from cpdsl.edit_text import replace
                from cpdsl.fixes import Fix

                fix = Fix.safe(f"Replace `{ref.ident.name}` with `{matches[0]}`",
                               replace(context.lines, ref.ident.span, matches[0]))
            yield Finding(ref.ident.span,
                          f"`{ref.keyword} {ref.ident.name}`: no {_noun(ref.kinds)} "
                          f"has the id `{ref.ident.name}`{hint}", fix=fix)
        elif definition.kind not in ref.kinds:
            yield Finding(ref.ident.span,
                          f"`{ref.keyword} {ref.ident.name}`: `{ref.ident.name}` is "
                          f"{_KIND_WORDS[definition.kind]}; `{ref.keyword}` takes {wanted}",
                          (Related(f"`{ref.ident.name}` is defined here", definition.id.span),))


def _noun(kinds: tuple[str, ...]) -> str:
    if kinds == PEOPLE:
        return "member, child or excluded person"
    return " or ".join(kinds)


RULES = (duplicate_id, undefined_reference)
