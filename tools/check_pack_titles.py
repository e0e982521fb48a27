"""Check that every title, heading and prompt the minutes pack prints as 003's own is in
003 as the pack prints it (`make quotes`): the agendas' titles and items, the notes
format's headings, the flow chart's notes, the proforma and the agency contribution
form, the joint report timetable's quoted figures.

A maintainer's check, not part of cpdsl: it reads ../shared/guidance/003_*.txt beside
the repository, which nothing in cpdsl may read; where it is not there it says so and
exits 0. The comparison makes runs of whitespace one space (003 breaks titles over lines
and pads some with tabs; PACK.md's quotation convention joins them so); everything else
(capitals, curly quotes, en dashes, the spaces inside brackets, the typos) must match.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDANCE = ROOT.parent / "shared" / "guidance" / "003_53fa38a38afc9856.txt"
sys.path.insert(0, str(ROOT))

from cpdsl.facts.joint_report import CHAIN  # noqa: E402
from cpdsl.pack.agenda import AgendaKind  # noqa: E402
from cpdsl.pack.forms import FORM_HEADINGS, FORM_TITLE  # noqa: E402
from cpdsl.pack.items import FIRST_NOTES, ITEMS, TITLE_NOTES  # noqa: E402
from cpdsl.pack.tables import PROFORMA_COLUMNS, PROFORMA_TITLE  # noqa: E402


def _same(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def quoted() -> list[tuple[str, str]]:
    """(where the pack uses it, the text) for every piece the pack quotes from 003."""
    found = [(f"agenda title {kind.name}", kind.value) for kind in AgendaKind]
    found += [(f"{kind.name} item {n}", title) for kind, titles in ITEMS.items()
              for n, title in enumerate(titles, 1)]
    found += [(f"first notes heading {n}", f"{n}. {title}") for n, title in FIRST_NOTES]
    found += [(f"title note {kind.name}", note) for kind, note in TITLE_NOTES.items()]
    found += [("agency form title", FORM_TITLE)]
    for heading, prompt in FORM_HEADINGS:
        found.append(("agency form heading", heading))
        if prompt:
            found.append((f"prompt of {heading!r}", prompt))
    found += [("proforma title", PROFORMA_TITLE)]
    found += [("proforma column", column.split(" (")[0]) for column in PROFORMA_COLUMNS]
    for what, _, words in CHAIN:
        found += [(f"timetable: {what}", piece) for piece in re.findall(r"“([^”]+)”", words)]
    return found


def main() -> int:
    if not GUIDANCE.exists():
        print(f"{GUIDANCE} is not here: nothing checked")
        return 0
    text = _same(GUIDANCE.read_text(encoding="utf-8"))
    missing = [(where, piece) for where, piece in quoted() if _same(piece) not in text]
    for where, piece in missing:
        print(f"{where}: {piece!r} not found in {GUIDANCE.name}")
    print(f"{len(quoted()) - len(missing)} of {len(quoted())} of the pack's quotes of 003 found")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
