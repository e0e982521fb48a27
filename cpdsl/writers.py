"""Each output format as a writer that prints a file's findings as soon as its result
comes, in the results' order, and the rest of the document around them: `start` before
the first result, `add` for each, `finish` with the counts (cpdsl.tally). Nothing is
kept of a result once it is written: the text formats, github and JSON need nothing
more; SARIF writes its rules first; JUnit, whose opening tag holds the totals, keeps
its testsuites in a temporary file (on disk past a megabyte) until the totals are known.

The text is the same, byte for byte, as the whole document rendered at once would be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cpdsl.hidden import json_escaped
from cpdsl.lint import LintResult
from cpdsl.tally import Tally

Write = Callable[[str], None]
JUNIT_IN_MEMORY = 1 << 20  # bytes of testsuites held in memory before they go to disk


class Writer:
    """A format's document, written piece by piece."""

    def __init__(self, write: Write) -> None:
        self.write = write

    def start(self) -> None:
        """Before the first result (or before `finish`, when there is none)."""

    def add(self, result: LintResult) -> None:
        raise NotImplementedError

    def finish(self, tally: Tally) -> None:
        """After the last result."""


class _PerResult(Writer):
    """Formats that are their results' texts one after another: concise, github, and
    text with its summary line at the end (unless `quiet`)."""

    def __init__(self, write: Write, text_of, colour: bool, unsafe: bool,
                 summary: bool) -> None:
        super().__init__(write)
        self.text_of, self.colour, self.unsafe, self.summary = text_of, colour, unsafe, summary

    def add(self, result: LintResult) -> None:
        if result.diagnostics:
            self.write(self.text_of(result, self.colour, self.unsafe))

    def finish(self, tally: Tally) -> None:
        if self.summary:
            from cpdsl.report import summary

            self.write(summary(tally) + "\n")


class _JsonArray(Writer):
    """A JSON array written an item at a time, laid out as `json.dumps(..., indent=2)`
    lays out the whole array: `opening` ends with its `[`, items are indented by
    `indent`, and `closing` follows the `]`."""

    def __init__(self, write: Write, opening: str, indent: str, closing: str) -> None:
        super().__init__(write)
        self.opening, self.indent, self.closing = opening, indent, closing
        self.items = 0

    def start(self) -> None:
        self.write(self.opening)

    def items_of(self, result: LintResult) -> Iterable[dict]:
        raise NotImplementedError

    def add(self, result: LintResult) -> None:
        import json  # only the JSON formats need it (a millisecond and more at start-up)

        pieces = []
        for item in self.items_of(result):
            text = json.dumps(item, indent=2, ensure_ascii=False)
            pieces.append(("\n" if not self.items else ",\n") + self.indent
                          + text.replace("\n", "\n" + self.indent))
            self.items += 1
        if pieces:
            self.write(json_escaped("".join(pieces)))

    def finish(self, tally: Tally) -> None:
        # `]` on a line of its own, indented as the array's own line is, after items
        self.write(("\n" + self.indent[:-2] + "]" if self.items else "]") + self.closing)


class _Json(_JsonArray):
    def __init__(self, write: Write) -> None:
        super().__init__(write, "[", "  ", "\n")

    def items_of(self, result: LintResult) -> Iterable[dict]:
        from cpdsl.report import json_items

        return json_items(result)


class _Sarif(_JsonArray):
    def __init__(self, write: Write, help_uri: str | None) -> None:
        from cpdsl.sarif import sarif_frame

        opening, indent, closing = sarif_frame(help_uri)
        super().__init__(write, opening, indent, closing)

    def items_of(self, result: LintResult) -> Iterable[dict]:
        from cpdsl.sarif import sarif_results

        return sarif_results(result)


class _Junit(Writer):
    def __init__(self, write: Write) -> None:
        import tempfile

        super().__init__(write)
        self.suites = tempfile.SpooledTemporaryFile(JUNIT_IN_MEMORY, mode="w+",
                                                    encoding="utf-8")
        self.tests = self.failures = self.count = 0

    def add(self, result: LintResult) -> None:
        from cpdsl.junit import junit_suite

        text, cases, failed = junit_suite(result)
        self.suites.write("\n  " + text)
        self.tests += cases
        self.failures += failed
        self.count += 1

    def finish(self, tally: Tally) -> None:
        from cpdsl.junit import JUNIT_CLOSING, junit_opening

        self.write(junit_opening(self.tests, self.failures, empty=not self.count))
        if not self.count:
            self.write("\n")
            return
        self.suites.seek(0)
        while chunk := self.suites.read(1 << 16):
            self.write(chunk)
        self.suites.close()
        self.write(JUNIT_CLOSING)


def writer_for(fmt: str, write: Write, colour: bool = False, help_uri: str | None = None,
               unsafe: bool = False, quiet: bool = False) -> Writer:
    """The writer of a format; `quiet`: the findings only, no summary line."""
    from cpdsl import report

    if fmt == "sarif":
        return _Sarif(write, help_uri)
    if fmt == "junit":
        return _Junit(write)
    if fmt == "json":
        return _Json(write)
    text_of = {"text": report.text_of, "concise": report.concise_of,
               "github": report.github_of}[fmt]
    return _PerResult(write, text_of, colour, unsafe, summary=fmt == "text" and not quiet)


def render_all(results: Iterable[LintResult], fmt: str, colour: bool = False,
               help_uri: str | None = None, unsafe: bool = False) -> str:
    """The whole document at once (for callers that hold every result anyway)."""
    pieces: list[str] = []
    writer = writer_for(fmt, pieces.append, colour, help_uri, unsafe)
    tally = Tally(unsafe)
    writer.start()
    for result in results:
        tally.add(result)
        writer.add(result)
    writer.finish(tally)
    return "".join(pieces)
