"""Reading plan files: UTF-8 (a byte order mark is accepted), or a clear reason why not.

Only a regular file is a plan. A named pipe, a socket or a device is refused without being
read, and is opened without waiting (O_NONBLOCK) in case one appears where a plan was:
opening a named pipe for reading would otherwise wait for a writer, for ever.
"""

from __future__ import annotations

import errno
import os
import re
import stat

# What a file that is not a plan is, by its mode.
_NOT_PLANS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class SourceError(Exception):
    """A file cplint could not read; the message names the file and says why."""


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        before = re.sub(rb"\r(?!\n)", b"\n", data[:start])  # a lone CR ends a line too
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        text = before[line_start:].removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
        column = len(text) + 1  # in characters
        raise SourceError(
            f"{name}:{line}:{column}: not UTF-8 text (byte 0x{data[start]:02x}); "
            "save the file as UTF-8"
        ) from None


def not_a_plan(mode: int) -> str | None:
    """What a file of this mode is when it cannot be a plan ("a named pipe"), or None: a
    regular file or a folder."""
    for test, kind in _NOT_PLANS:
        if test(mode):
            return kind
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "not a regular file"


def why_unreadable(path: str, error: OSError) -> str:
    """The message for a plan that could not be opened or read."""
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return f"{path}: a symbolic link to a missing file"
        return f"{path}: no such file"
    if error.errno == errno.EISDIR:
        return f"{path}: is a directory"
    if error.errno == errno.ELOOP:
        return f"{path}: a symbolic link loop"
    return f"{path}: cannot be read ({error.strerror or error})"


def read_plan(path: str) -> tuple[bytes, os.stat_result]:
    """The bytes of the plan at `path`, with the file's status from before they were read
    (so that a change made while reading shows later as a new size or time)."""
    try:
        _refuse_not_a_plan(path, os.stat(path).st_mode)  # not opened at all, if not a plan
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise SourceError(why_unreadable(path, error)) from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        _refuse_not_a_plan(path, status.st_mode)  # what was opened, should it have changed
        try:
            return file.read(), status
        except OSError as error:
            raise SourceError(why_unreadable(path, error)) from None


def _refuse_not_a_plan(path: str, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise SourceError(f"{path}: is a directory")
    kind = not_a_plan(mode)
    if kind is not None:
        raise SourceError(f"{path}: {kind}, not a plan file")


def read_source(path: str) -> str:
    return decode(read_plan(path)[0], path)
