"""Logging for the server, on stderr (which editors show as the server's log), with no plan
text above debug level.

pygls logs every message it sends at info ("Sending data: ...": diagnostics' messages,
formatting's edits, whole texts) and quotes messages it cannot read in warnings. Below
debug, its records keep their wording but lose their arguments, the part that would hold
a plan.
"""

from __future__ import annotations

import logging
import re
import sys

LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "info": logging.INFO,
          "debug": logging.DEBUG}


class _WithoutArguments(logging.Filter):
    """Drops the arguments (where a plan's text would be) of pygls' records above debug,
    unless the server logs at debug."""

    def __init__(self) -> None:
        super().__init__()
        self.debug = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.debug or record.levelno <= logging.DEBUG or not record.name.startswith("pygls"):
            return True
        if record.args:
            record.msg = _PLACEHOLDER.sub("...", str(record.msg)) + " (details at debug level)"
            record.args = ()
        if record.exc_info:  # an exception's message may quote the message it failed on
            record.msg = f"{record.msg} ({record.exc_info[0].__name__})"
            record.exc_info = record.exc_text = None
        return True


_PLACEHOLDER = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[a-z%]")
_FILTER = _WithoutArguments()


def quiet_library_logs(level: str) -> None:
    """Log at `level` to stderr; pygls' own records at warning and above only, and
    without their arguments, unless the level is debug."""
    root = logging.getLogger()
    if not any(_FILTER in h.filters for h in root.handlers):
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        stream.addFilter(_FILTER)
        root.addHandler(stream)
    chosen = LEVELS.get(level, logging.INFO)
    root.setLevel(chosen)
    _FILTER.debug = chosen <= logging.DEBUG
    logging.getLogger("pygls").setLevel(chosen if _FILTER.debug else max(chosen, logging.WARNING))
