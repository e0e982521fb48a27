"""Writing plans back (`cplint fmt`, and `--fix` to come): never half a plan, never over a
change another program made meanwhile, never a temporary file left behind.

- `replace_checked` writes the new text only if the plan is still what was read (its
  size, modification time, inode and bytes: a `Snapshot`), checked again just before the
  replace; if not, `ChangedMeanwhile`, and the plan is left as it is. A plan with one name
  is replaced whole: a temporary file in its folder, then os.replace, with the plan's
  permission bits, owner and group (where the process may set them). A plan with several
  hard links is rewritten in place, so that every name sees the new text. Through a
  symbolic link, the target is written; the link stays.
- `interruptible` makes SIGINT and SIGTERM raise `Interrupted`, so that the temporary file
  being written is removed on the way out; `exit_as_interrupted` then ends the process as
  the signal would have.
- `remove_stale_temporaries` removes what a killed run (SIGKILL, a power cut) left: files
  named as cplint names its own temporary files, older than the run.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from typing import NamedTuple, NoReturn

TEMPORARY_PREFIX, TEMPORARY_SUFFIX = ".cplint-fmt-", ".tmp"
# Exactly as tempfile.mkstemp names them: eight of its characters between the two.
_TEMPORARY_NAME = re.compile(r"\.cplint-fmt-[a-z0-9_]{8}\.tmp\Z")
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_CAN_REPLACE_AN_OPEN_FILE = os.name == "posix"


class Snapshot(NamedTuple):
    """A plan as it was read: its bytes, and what tells that version of the file apart."""

    data: bytes
    size: int
    mtime_ns: int
    inode: int
    device: int

    @classmethod
    def of(cls, data: bytes, status: os.stat_result) -> Snapshot:
        return cls(data, status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev)

    def matches(self, status: os.stat_result) -> bool:
        return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev) == (
            self.size, self.mtime_ns, self.inode, self.device)


class ChangedMeanwhile(Exception):
    """The plan changed after it was read: it was left as it is (as the other program made
    it)."""


class ChangedTwice(Exception):
    """The plan changed in the instant of the replace, and its new text straight after:
    the later change was kept, and the earlier one may be lost."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived. A BaseException, as KeyboardInterrupt is, so that only
    clean-up code (`finally`, `except BaseException`) sees it on its way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# -- replacing a plan ---------------------------------------------------------------------


def replace_checked(path: str, data: bytes, snapshot: Snapshot) -> None:
    """Write `data` as the plan at `path` (through a symbolic link, its target) if it is
    still `snapshot`; else ChangedMeanwhile. A read-only plan is refused (PermissionError),
    even where its folder would allow the replace."""
    target = os.path.realpath(path)
    status = os.stat(target)
    if not snapshot.matches(status):
        raise ChangedMeanwhile
    if not stat.S_IMODE(status.st_mode) & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or \
            not os.access(target, os.W_OK):
        raise PermissionError(13, "the file is read-only")
    if status.st_nlink > 1:
        _rewrite_in_place(target, data, snapshot)
    else:
        _replace_whole(target, data, snapshot, status)


def _rewrite_in_place(target: str, data: bytes, snapshot: Snapshot) -> None:
    """For a plan with several hard links: the same file, its new text written over the
    old. Signals wait until it is done, so SIGINT and SIGTERM never leave it half written."""
    with _signals_held():
        descriptor = os.open(target, os.O_RDWR | getattr(os, "O_NONBLOCK", 0))
        try:
            if not _still(descriptor, snapshot):
                raise ChangedMeanwhile
            try:
                _overwrite(descriptor, data)
            except OSError:  # a full disk, say: the old text back, as far as it goes
                with contextlib.suppress(OSError):
                    _overwrite(descriptor, snapshot.data)
                raise
        finally:
            os.close(descriptor)


def _overwrite(descriptor: int, data: bytes) -> None:
    os.lseek(descriptor, 0, os.SEEK_SET)
    _write_all(descriptor, data)
    os.ftruncate(descriptor, len(data))
    os.fsync(descriptor)


def _replace_whole(target: str, data: bytes, snapshot: Snapshot,
                   status: os.stat_result) -> None:
    """A temporary file with `data`, then os.replace, if the plan is still `snapshot` just
    before. Should it change in that very instant (by a program that had it open), its
    text is put back."""
    temporary, written = _write_temporary(os.path.dirname(target), data, status)
    try:
        late_text = _replace_if_still(temporary, target, snapshot)
    except BaseException:
        _remove_quietly(temporary)  # gone already, when the replace was done
        raise
    if late_text is not None:
        _put_back(target, late_text, written, status)
        raise ChangedMeanwhile


def _replace_if_still(temporary: str, target: str, snapshot: Snapshot) -> bytes | None:
    """Replace `target` by `temporary` if it is still `snapshot` (else ChangedMeanwhile);
    None, or the text of the file replaced if it changed in the instant of the replace.
    The plan is held open over the replace to see that; Windows cannot replace a file held
    open, so there it is not seen."""
    with _opened(target) as original:
        if not _still(original, snapshot):
            raise ChangedMeanwhile
        if _CAN_REPLACE_AN_OPEN_FILE:
            os.replace(temporary, target)
            return None if snapshot.matches(os.fstat(original)) else _read_all(original)
    os.replace(temporary, target)
    return None


def _put_back(target: str, text: bytes, written: os.stat_result,
              status: os.stat_result) -> None:
    """`text`, the plan as the other program left it, in place of the new text, if that
    is still what is there (else ChangedTwice)."""
    temporary, _ = _write_temporary(os.path.dirname(target), text, status)
    try:
        now = os.stat(target)
        if (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) != (
                written.st_ino, written.st_dev, written.st_size, written.st_mtime_ns):
            raise ChangedTwice
        os.replace(temporary, target)
    except BaseException:
        _remove_quietly(temporary)
        raise


def _write_temporary(folder: str, data: bytes,
                     status: os.stat_result) -> tuple[str, os.stat_result]:
    """A new file in `folder` holding `data`, on disk, with the mode, owner and group of
    `status` where the process may set them; its path and its own status."""
    temporary = None
    try:
        with _signals_held():  # so that its name is known before a signal can interrupt
            descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX,
                                                     suffix=TEMPORARY_SUFFIX, dir=folder)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            _keep_owner(descriptor, status)
            os.fsync(descriptor)
        os.chmod(temporary, stat.S_IMODE(status.st_mode))  # after chown, which may clear bits
        return temporary, os.stat(temporary)
    except BaseException:
        if temporary is not None:
            _remove_quietly(temporary)
        raise


def _keep_owner(descriptor: int, status: os.stat_result) -> None:
    """The owner and group of `status`, as far as this process may give them: root may;
    another user only a group they are in."""
    now = os.fstat(descriptor)
    if not hasattr(os, "fchown") or (now.st_uid, now.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.fchown(descriptor, status.st_uid, status.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.fchown(descriptor, -1, status.st_gid)


def _still(descriptor: int, snapshot: Snapshot) -> bool:
    """Whether the file open at `descriptor` is the one read, unchanged: the same inode,
    size and time, and the same bytes (a change within the time's resolution)."""
    return snapshot.matches(os.fstat(descriptor)) and _read_all(descriptor) == snapshot.data


@contextlib.contextmanager
def _opened(path: str) -> Iterator[int]:
    """The plan at `path`, open for reading; ChangedMeanwhile if it is gone or is no longer
    a regular file (then it is not opened: a named pipe would block)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ChangedMeanwhile
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ChangedMeanwhile from None  # removed meanwhile: not to be made again
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def _read_all(descriptor: int) -> bytes:
    """Everything in the file open at `descriptor`, from its start."""
    os.lseek(descriptor, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(descriptor, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def _remove_quietly(path: str) -> None:
    with _signals_held(), contextlib.suppress(FileNotFoundError):
        os.unlink(path)


# -- signals ------------------------------------------------------------------------------


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (where the system can hold them)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Within: SIGINT and SIGTERM raise Interrupted (in the main thread; elsewhere signals
    cannot be handled, and nothing changes). The handlers before are put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in _SIGNALS}

    def interrupt(signum: int, frame: object) -> None:
        for each in _SIGNALS:  # a second signal must not cut the clean-up short
            signal.signal(each, _ignore)  # not SIG_IGN: Python may refuse it in a race
        raise Interrupted(signum)

    for signum in _SIGNALS:
        signal.signal(signum, interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def _ignore(signum: int, frame: object) -> None:
    """A handler that does nothing with the signal."""


def exit_as_interrupted(signum: int) -> NoReturn:
    """End the process as the signal would have, so that a shell sees it (130 for SIGINT,
    143 for SIGTERM) and a script stops."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signum})
    os.kill(os.getpid(), signum)
    raise SystemExit(128 + signum)  # where the signal did not end the process


# -- what a killed run left -----------------------------------------------------------------


def remove_stale_temporaries(folders: Iterable[str], older_than_ns: int) -> Iterator[str]:
    """Remove, in each of `folders`, the regular files named as cplint names its temporary
    files and last changed before `older_than_ns` (the start of this run: a newer one may
    be another run's, at work); a message for each, saying what was done."""
    for folder in folders:
        try:
            with os.scandir(folder or ".") as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # a folder that cannot be listed cannot be written in either
        for entry in entries:
            if _TEMPORARY_NAME.match(entry.name) and _older(entry, older_than_ns):
                yield _remove_stale(os.path.join(folder, entry.name))


def _older(entry: os.DirEntry, than_ns: int) -> bool:
    try:
        return entry.is_file(follow_symlinks=False) and \
            entry.stat(follow_symlinks=False).st_mtime_ns < than_ns
    except OSError:
        return False


def _remove_stale(path: str) -> str:
    try:
        os.unlink(path)
    except FileNotFoundError:
        return f"a temporary file left by an interrupted run was removed meanwhile: {path}"
    except OSError as error:
        return (f"a temporary file left by an interrupted run could not be removed: {path} "
                f"({error.strerror or error})")
    return f"removed a temporary file left by an interrupted run: {path}"


# -- writing back a mended plan, as `cplint fmt` and `cplint check --fix` do ---------------


class Work(NamedTuple):
    """The words for what is being done to a plan, in messages."""

    doing: str  # "formatted"
    needing: str  # "reformatting"
    command: str  # "cplint fmt"


FORMATTING = Work("formatted", "reformatting", "cplint fmt")
FIXING = Work("fixed", "fixing", "cplint check --fix")


def write_back(path: str, new: bytes, old: bytes, status: os.stat_result,
               work: Work) -> tuple[bool, str | None, bool]:
    """Write the mended plan `path` unless it changed since it was read (`old`, when it had
    `status`). Returns (written, the message when not, whether that is a failure: exit 2)."""
    try:
        replace_checked(path, new, Snapshot.of(old, status))
    except ChangedMeanwhile:
        return False, (f"{path}: changed while it was being {work.doing}; left as it is "
                       f"(run {work.command} again)"), False
    except ChangedTwice:
        return False, (f"{path}: changed twice while it was being {work.doing}, in the same "
                       "instant: check that the changes made then are all there"), True
    except OSError as error:
        return False, (f"{path}: needs {work.needing} but cannot be written "
                       f"({error.strerror or error})"), True
    return True, None, False


def folders_written(files: list[str]) -> list[str]:
    """The folders the plans `files` are written in (a linked plan's, its target's), each
    once, named as the user named them where that is the same folder."""
    folders: dict[str, str] = {}
    for path in files:
        named = os.path.dirname(path)
        real = os.path.dirname(os.path.realpath(path))
        folders.setdefault(real, named if os.path.realpath(named or ".") == real else real)
    return list(folders.values())
