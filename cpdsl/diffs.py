"""The unified diff `cplint fmt --diff` and `cplint check --diff` print."""

from __future__ import annotations


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff from the text as it is to the text as it should be; headers as git
    writes them (`a/tmp/x.cp` for /tmp/x.cp, not `a//tmp/x.cp`)."""
    import difflib  # only when a diff is asked for: it is slow to import

    from cpdsl.parsing import with_line_feeds

    # A lone carriage return ends a line (as the parser reads it): shown as a line feed,
    # or every line of an old Mac file would be one with no newline at its end.
    old, new = with_line_feeds(old), with_line_feeds(new)
    lines = []
    shown = name.lstrip("/")
    for line in difflib.unified_diff(old.splitlines(keepends=True),
                                     new.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)
