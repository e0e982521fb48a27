"""Writing what cplint makes from a plan (a pack, a calendar) to a file: atomically, under
a temporary name renamed at the end, so that a run cut short never leaves a file that
looks complete; never over a file that is there unless asked (`--force`), and never over
a plan.
"""

from __future__ import annotations

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


def write_output(path: str, data: bytes, force: bool, plans: tuple[str, ...] = ()) -> None:
    """Write `data` to `path` atomically (OutputError if it must not or cannot be)."""
    check_writable(path, force, plans)
    folder = os.path.dirname(os.path.abspath(path))
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX,
                                                 suffix=TEMPORARY_SUFFIX, dir=folder)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as open() would make it, not mkstemp's 0600
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise OutputError(f"{path}: cannot be written ({error.strerror or error})") from None
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
