"""Writing what cplint makes from a plan (a pack, a calendar) to a file: atomically, under
a temporary name renamed at the end, so that a run cut short never leaves a file that
looks complete; never over a file that is there unless asked (`--force`), and never over
a plan.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from cpdsl.writing import TEMPORARY_PREFIX, TEMPORARY_SUFFIX


class OutputError(Exception):
    """A file that cannot or must not be written; the message names it and why."""


def check_writable(path: str, force: bool, plans: tuple[str, ...] = ()) -> None:
    """Raise OutputError if `path` is one of `plans`, or is there and `force` is not
    given, or is not a regular file (a folder, a device)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None
    for plan in plans:
        if os.path.exists(plan) and os.path.samefile(path, plan):
            raise OutputError(f"{path} is the plan itself: write it somewhere else")
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(f"{path}: is not a regular file, so it is not written over")
    if not force:
        raise OutputError(f"{path}: is already there; --force writes over it")


class AtomicFile:
    """A file written under a temporary name beside `path` and renamed to it when the
    writing is done (`commit`), or removed (`discard`): nobody ever sees it half written.
    Its permissions are those open() would give it, not mkstemp's 0600."""

    def __init__(self, path: str, text: bool = False,
                 prefix: str = TEMPORARY_PREFIX) -> None:
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        descriptor, self.temporary = tempfile.mkstemp(prefix=prefix, suffix=TEMPORARY_SUFFIX,
                                                      dir=folder)
        self.file = (os.fdopen(descriptor, "w", encoding="utf-8", newline="") if text
                     else os.fdopen(descriptor, "wb"))
        self.write = self.file.write

    def commit(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(self.temporary, 0o666 & ~mask)
            os.replace(self.temporary, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temporary)


def write_output(path: str, data: bytes, force: bool, plans: tuple[str, ...] = ()) -> None:
    """Write `data` to `path` atomically (OutputError if it must not or cannot be)."""
    check_writable(path, force, plans)
    try:
        output = AtomicFile(path)
        try:
            output.write(data)
        except BaseException:
            output.discard()
            raise
        output.commit()
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None
