"""Reading plan files: UTF-8 (a byte order mark is accepted), or a clear reason why not."""

from __future__ import annotations


class SourceError(Exception):
    """A file cplint could not read; the message names the file and says why."""


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", "replace")) + 1  # in characters
        raise SourceError(
            f"{name}:{line}:{column}: not UTF-8 text (byte 0x{data[start]:02x}); "
            "save the file as UTF-8"
        ) from None


def read_source(path: str) -> str:
    try:
        with open(path, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory") from None
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror or error})") from None
    return decode(data, path)
