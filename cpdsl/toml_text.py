"""Reading TOML (cplint.toml, pyproject.toml, profile files): the text, or in plain words
why it cannot be read, whatever the bytes hold."""

from __future__ import annotations


class NotToml(Exception):
    """Why the bytes are not TOML that cplint can read (the caller names the file)."""


def parse_toml(data: bytes) -> dict:
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise NotToml("not UTF-8 text; save the file as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise NotToml(f"not valid TOML: {error}") from None
    except ValueError:  # tomllib turns digits into an int, which Python limits
        import sys

        raise NotToml(f"not valid TOML: a number of more than {sys.get_int_max_str_digits()} "
                      "digits is too long to read") from None
    except RecursionError:  # tomllib reads nested lists and tables by recursion
        raise NotToml("not valid TOML: lists or tables nested too deeply to read") from None
