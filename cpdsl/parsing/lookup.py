"""Questions an editor asks of a syntax tree at a place (a 1-based line and column, in
code points, as every place in cpdsl): which token is there, and which statements hold it.

Pure functions over cpdsl.parsing.syntax's classes, for any tree, a half-typed plan's
included. A place is in a statement from its first token to its end; a cursor just after
a statement's last word is still on it (it may be typing that word), but once past a
block's written `}` it is out. A block recovery closed (its `}` inserted) holds the
cursor up to where recovery closed it, so typing on the blank line after `member sam {`
is typing in the block.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cpdsl.parsing.syntax import ErrorNode, PlanSyntax, Statement, Token

Place = tuple[int, int]


def token_at(plan: PlanSyntax, line: int, column: int) -> Token | None:
    """The written token at the place: the one it is in, else the one that ends there
    (the word just typed). Inserted tokens have no text to be in and are never found."""
    place = (line, column)
    ending = None
    for token in _tokens_near(plan, place):
        if token.inserted:
            continue
        start, end = (token.line, token.column), (token.end_line, token.end_column)
        if start <= place < end:
            return token
        if end == place:
            ending = token
    return ending


def statements_at(plan: PlanSyntax, line: int, column: int) -> tuple[Statement, ...]:
    """The statements that hold the place, outermost first: a top-level statement, the
    statement in its block that holds the place, and so on (which block the cursor is
    in). Empty outside every statement."""
    place = (line, column)
    chain: list[Statement] = []
    items: Sequence[Statement | ErrorNode] | None = plan.statements
    while items:
        found = next((s for s in items if isinstance(s, Statement) and _holds(s, place)), None)
        if found is None:
            break
        chain.append(found)
        items = found.block
    return tuple(chain)


def statement_at(plan: PlanSyntax, line: int, column: int) -> Statement | None:
    """The innermost statement that holds the place."""
    chain = statements_at(plan, line, column)
    return chain[-1] if chain else None


def error_at(plan: PlanSyntax, line: int, column: int) -> ErrorNode | None:
    """The error node (text the parser could not read) the place is in or at the end of."""
    place = (line, column)
    for error in errors(plan):
        if (error.line, error.column) <= place <= (error.end_line, error.end_column):
            return error
    return None


def errors(plan: PlanSyntax) -> Iterator[ErrorNode]:
    """Every error node of the tree, in order of place."""
    yield from _errors_in(plan.statements)


def _errors_in(items: Sequence[Statement | ErrorNode]) -> Iterator[ErrorNode]:
    for item in items:
        if isinstance(item, ErrorNode):
            yield item
        elif item.block:
            yield from _errors_in(item.block)


def _holds(statement: Statement, place: Place) -> bool:
    first = statement.tokens[0]
    if place < (first.line, first.column):
        return False
    last = statement.close or statement.tokens[-1]
    end = (last.end_line, last.end_column)
    if statement.close is not None and not statement.close.inserted:
        return place < end
    return place <= end


def _tokens_near(plan: PlanSyntax, place: Place) -> Iterator[Token]:
    """The tokens that could be at the place: the header's, the plan's `}`, and those of
    every statement whose span reaches it, ends included."""
    yield from plan.header
    yield from _tokens_reaching(plan.statements, place)
    yield plan.close


def _tokens_reaching(items: Sequence[Statement | ErrorNode], place: Place) -> Iterator[Token]:
    for item in items:
        if not isinstance(item, Statement):
            continue
        first, last = item.tokens[0], item.close or item.tokens[-1]
        if (first.line, first.column) <= place <= (last.end_line, last.end_column):
            yield from item.tokens
            yield from _tokens_reaching(item.block or (), place)
            if item.close is not None:
                yield item.close
