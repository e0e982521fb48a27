"""Regenerate `tables.pickle` after editing grammar/cpdsl.lark (`make tables`)."""

import sys

from cpdsl.parsing.grammar import TABLES_PATH, render_tables

if __name__ == "__main__":
    with open(TABLES_PATH, "wb") as file:
        file.write(render_tables())
    sys.stdout.write(f"wrote {TABLES_PATH}\n")
