"""Check that every passage quoted from the guidance is in the text it cites (`make quotes`).

A maintainer's check, not part of cpdsl: it reads the guidance (../shared/guidance/*.txt)
and the design notes (../shared/design/*.md), relative to the repository root, which
nothing in cpdsl may read. Where neither folder is there it says so and exits 0.

What is checked: every quote in a rule's documentation (`rule.doc`) and in the `source`
of every setting of every cpdsl/profiles/*.toml.

- A quote is text in double quotes, straight or curly. Text in backticks and the
  `Fails:` / `Passes:` example blocks are the language, not guidance, and are skipped.
- The file a quote cites, in this order:
  1. a parenthesis right after the quote that names a file (`"..." (000_....txt, s 3)`),
     or a file named right after a comma (`"...", PROFILES.md E5`);
  2. a parenthesis right after it that starts with a capital, names no file and holds a
     year names another source (`(Working Together 2023, ...)`): not checked, counted
     as citing a source that is not here;
  3. the first file named after the quote in its clause (up to a semicolon, the end of
     the sentence, or the close of a parenthesis that holds the quote):
     `asks for "..." without an age either (001_....txt)`;
  4. the file named nearest before the quote in its sentence;
  5. where its sentence names a section (`section 4: "..."`) but no file: the file
     named last before it in the paragraph, or the only file named before it in the
     documentation (where several were, the quote is skipped as ambiguous);
  6. for a profile setting, the file its `ref` names, else the first its source names.
  A quote that cites nothing by these is not a guidance quote (a word the rule matches,
  a message) and is skipped. One citing a file that is neither a guidance file nor a
  design note (`docs/language.md`) is counted as elsewhere; one citing a guidance
  file name that is not in ../shared/guidance fails.
- A file is named by its file name (`000_5146a52aabc1ef30.txt`, `PROFILES.md`), by its
  short name in ../shared/guidance/README.md, or by the catalogue's letter followed by a
  section or in a list (`B 3`, `(B, M, F)`: B = 000, W = 001, T = 002, F = 003, M = 004).
- The quote is found when its text is in the file's text with whitespace (runs of it,
  and a space just inside brackets), case, quote marks (straight or curly, single or
  double) and dashes made the same, and `...` (or `…`) splits it into pieces that must
  each be there, in that order. Each piece must start and end at word boundaries ("son"
  is not found in "person"). The guidance's layout is
  not its words: its emphasis marks (`**`) and list bullets (`•`, `·`) are dropped, so a
  quote may run from a list's lead-in into an item ("should be: Specific").

Prints `WHO: "quote" not found in FILE` for each failure (WHO a rule code, or a profile
file and setting), grouped by rule module and profile file, then a count. Exit 1 if any
failed, else 0. `-v` also lists every quote checked and the file it was checked against.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PROFILES = ROOT / "cpdsl" / "profiles"
LETTERS = {"B": "000_5146a52aabc1ef30.txt", "W": "001_0cf4b60ac317783c.txt",
           "T": "002_107d890e8677bac8.txt", "F": "003_53fa38a38afc9856.txt",
           "M": "004_256d3034f79780c2.txt"}

_QUOTE = re.compile(r'"([^"]*)"|“([^”]*)”')
_BACKTICKS = re.compile(r"`[^`]*`")
_FILE = re.compile(r"(?<![\w/.-])(?:[\w.-]+/)*([\w-]+\.(?:txt|md))(?![\w])")
_LETTER = re.compile(r"(?<![\w'’-])([BWTFM])(?=\s+(?:\d|appendix|agenda|flow chart|joint "
                     r"report)|\s*(?:[,;)]|$))")
_LOCATION = re.compile(r"\b(?:sections?|appendix|para(?:graph)?|item)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z0-9\"“])")
_LAYOUT = re.compile(r"\*\*|[•·●▪]")  # emphasis and list bullets: layout, not words
_GUIDANCE_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
_ABBREVIATION = re.compile(r"(?:\b(?:e\.g|i\.e|etc|cf|p|para|no)\.)$", re.IGNORECASE)
_SINGLE = str.maketrans({c: "'" for c in "‘’‚‛′"})
_DOUBLE = str.maketrans({c: '"' for c in "“”„‟″"})
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})


class Quote(NamedTuple):
    who: str  # CP401, or `wales.toml settings.minutes`
    group: str  # the rule's module or the profile's file, for grouping the failures
    text: str
    cites: str | None  # a file name; None where the quote cites nothing checkable
    elsewhere: bool = False  # cites a source that is not here (Working Together 2023)


class Library(NamedTuple):
    texts: dict[str, str]  # file name -> normalised text
    names: dict[str, str]  # short name (lower case) -> file name


# -- normalising and finding -----------------------------------------------------------------


def normalise(text: str) -> str:
    text = text.translate(_SINGLE).translate(_DOUBLE).translate(_DASHES).replace("…", "...")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"(?<=[(\[]) | (?=[)\]])", "", text)  # `( agree ... )` is `(agree ...)`


def pieces(quote: str) -> list[str]:
    return [piece.strip() for piece in normalise(quote).split("...") if piece.strip()]


def found(quote: str, text: str) -> bool:
    """Every piece of the quote in the text, in order, each starting and ending on a word
    boundary where it starts or ends with a letter or digit."""
    start = 0
    for piece in pieces(quote):
        left = r"(?<!\w)" if piece[0].isalnum() else ""
        right = r"(?!\w)" if piece[-1].isalnum() else ""
        match = re.compile(left + re.escape(piece) + right).search(text, start)
        if match is None:
            return False
        start = match.end()
    return True


# -- reading the library ---------------------------------------------------------------------


def read_library(shared: Path) -> Library:
    texts, names = {}, {}
    for path in sorted(shared.glob("guidance/*.txt")) + sorted(shared.glob("design/*.md")):
        texts[path.name] = normalise(_LAYOUT.sub("", path.read_text(encoding="utf-8")))
    readme = shared / "guidance" / "README.md"
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8").splitlines():
            row = re.fullmatch(r"\|\s*(\d{3}_[0-9a-f]{16}\.txt)\s*\|\s*([^|]+?)\s*\|", line)
            if row:
                names[row.group(2).lower()] = row.group(1)
    return Library(texts, names)


# -- where a quote's citation is -------------------------------------------------------------


def citations(text: str, library: Library) -> list[tuple[int, int, str]]:
    """Every file the text names: (start, end, file name), in order."""
    found_ = [(m.start(), m.end(), m.group(1)) for m in _FILE.finditer(text)]
    found_ += [(m.start(), m.end(), LETTERS[m.group(1)]) for m in _LETTER.finditer(text)]
    lowered = text.lower()
    for name, file in library.names.items():
        found_ += [(m.start(), m.end(), file) for m in re.finditer(re.escape(name), lowered)]
    return sorted(found_)


def parenthesis_after(text: str, end: int) -> str | None:
    """The text of a parenthesis that opens right after position `end`, else None."""
    match = re.compile(r"\s*\(").match(text, end)
    if match is None:
        return None
    masked, depth, start = mask_quotes(text), 1, match.end()
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(masked[index], 0)
        if depth == 0:
            return text[start:index]
    return text[start:]


def ends_sentence(masked: str, index: int) -> bool:
    """Whether a sentence ends at `index` of the masked text (`e.g.` ends none)."""
    return bool(_SENTENCE_END.match(masked, index)) and not _ABBREVIATION.search(
        masked, 0, index)


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` starts (a full stop in a quote ends none)."""
    masked = mask_quotes(text)
    starts = [m.end() for m in _SENTENCE_END.finditer(masked, 0, position)
              if ends_sentence(masked, m.start())]
    return starts[-1] if starts else 0


def clause_end(text: str, position: int) -> int:
    """Where the clause that goes on at `position` ends: at a semicolon, a sentence's end,
    or the parenthesis that holds it closing."""
    masked, depth = mask_quotes(text), 0
    for index in range(position, len(masked)):
        char = masked[index]
        if ends_sentence(masked, index):
            return index
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
        elif char == ";" and depth == 0:
            return index
    return len(masked)


def mask_quotes(text: str) -> str:
    """The text with each quote's inside blanked, so that a full stop or a semicolon in a
    quote ends nothing, save a full stop that ends the quote (positions are kept)."""
    def blank(match: re.Match) -> str:
        inside = match.group(0)[1:-1]
        last = inside[-1:] if inside[-1:] in (".", "!", "?") else ""
        return match.group(0)[0] + " " * (len(inside) - len(last)) + last + match.group(0)[-1]

    return _QUOTE.sub(blank, text)


def cited_file(text: str, quote: re.Match, earlier: list[str], library: Library
               ) -> tuple[str | None, bool]:
    """The file a quote cites (steps 1 to 5 of the module's documentation), and whether it
    cites a source that is not here; `earlier` holds the files named before the paragraph."""
    named = citations(text, library)
    after = parenthesis_after(text, quote.end())
    file, elsewhere = cited_right_after(text, quote, after, named, library)
    if file or elsewhere:
        return file, elsewhere
    end = clause_end(text, quote.end())
    in_clause = [c[2] for c in named if quote.end() <= c[0] and c[1] <= end]
    if in_clause:
        return in_clause[0], False
    start = sentence_start(text, quote.start())
    before = [c for c in named if c[1] <= quote.start()]
    if before and before[-1][0] >= start:
        return before[-1][2], False
    if _LOCATION.search(text[start:quote.start()] + (after or "")):
        if before:
            return before[-1][2], False
        if len(set(earlier)) == 1:
            return earlier[-1], False
    return None, False


def cited_right_after(text: str, quote: re.Match, after: str | None, named: list,
                      library: Library) -> tuple[str | None, bool]:
    """Steps 1 and 2: a parenthesis or a comma right after the quote."""
    if after is not None:
        inside = citations(after, library)
        if inside:
            return inside[0][2], False
        if after[:1].isupper() and re.search(r"\b(?:19|20)\d\d\b", after):
            return None, True  # `(Working Together 2023, ...)`, not `(RCPC: the review ...)`
    comma = re.compile(r",\s*").match(text, quote.end())
    follows = [c[2] for c in named if comma and c[0] == comma.end()]
    return (follows[0] if follows else None), False


# -- quotes in the rules' documentation ------------------------------------------------------


def prose(doc: str) -> list[str]:
    """The documentation's paragraphs, without the example blocks and without code."""
    paragraphs, current, in_example = [], [], False
    for line in doc.splitlines():
        if line.strip() in ("Fails:", "Passes:"):
            in_example = True
            continue
        if in_example and (not line.strip() or line.startswith("    ")):
            continue
        in_example = False
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return [_BACKTICKS.sub(lambda m: "`" + " " * (len(m.group(0)) - 2) + "`", p)
            for p in paragraphs]


def quotes_in(text: str, who: str, group: str, library: Library, earlier: list[str],
              fallback: str | None = None) -> list[Quote]:
    quotes = []
    for match in _QUOTE.finditer(text):
        file, elsewhere = cited_file(text, match, earlier, library)
        if file is None and not elsewhere:
            file = fallback
        if file is not None and not here(file, library):
            file, elsewhere = None, True  # `docs/language.md`: not a text this checks
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if not any(char.isalnum() for char in quoted):
            continue  # `""`, `"..."`: no words to look for
        quotes.append(Quote(who, group, quoted, file, elsewhere))
    earlier.extend(c[2] for c in citations(text, library))
    return quotes


def here(file: str, library: Library) -> bool:
    """Whether a file is one to check against: one read, or a guidance file's name (a
    quote citing a guidance file that is not there fails)."""
    has_guidance = any(name.endswith(".txt") for name in library.texts)
    return file in library.texts or bool(has_guidance and _GUIDANCE_FILE.fullmatch(file))


def rule_quotes(library: Library) -> list[Quote]:
    sys.path.insert(0, str(ROOT))
    from cpdsl.rules import ALL_RULES

    modules = {id(r): module.__name__ for module in list(sys.modules.values())
               if module.__name__.startswith("cpdsl.rules.") and hasattr(module, "RULES")
               for r in module.RULES}
    quotes = []
    for rule in ALL_RULES:
        group = modules.get(id(rule), "cpdsl.rules").replace(".", "/") + ".py"
        earlier: list[str] = []
        for paragraph in prose(rule.doc):
            quotes += quotes_in(paragraph, rule.code, group, library, earlier)
    return quotes


# -- quotes in the profiles' sources ---------------------------------------------------------


def profile_quotes(library: Library) -> list[Quote]:
    quotes = []
    for path in sorted(PROFILES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, setting in data.get("settings", {}).items():
            source, ref = str(setting.get("source", "")), str(setting.get("ref", ""))
            named = citations(ref, library) or citations(source, library)
            fallback = named[0][2] if named else None
            who = f"{path.name} settings.{key}"
            quotes += quotes_in(_BACKTICKS.sub("``", source), who, f"cpdsl/profiles/{path.name}",
                                library, [], fallback)
    return quotes


# -- the report ------------------------------------------------------------------------------


def failures(quotes: list[Quote], library: Library) -> list[tuple[Quote, str]]:
    failed = []
    for quote in quotes:
        if quote.cites is None:
            continue
        text = library.texts.get(quote.cites)
        if text is None:
            failed.append((quote, f"{quote.cites}, which is not in {SHARED / 'guidance'}"))
        elif not found(quote.text, text):
            failed.append((quote, quote.cites))
    return failed


def shown(quote: str) -> str:
    return re.sub(r"\s+", " ", quote).strip()


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    if not (SHARED / "guidance").is_dir() and not (SHARED / "design").is_dir():
        print(f"check_quotes: {SHARED} has no guidance/ or design/ folder: nothing to check "
              "quotes against (this is not a failure)")
        return 0
    library = read_library(SHARED)
    quotes = rule_quotes(library) + profile_quotes(library)
    order = list(dict.fromkeys(q.group for q in quotes))  # rule modules, then profiles
    failed = sorted(failures(quotes, library), key=lambda item: order.index(item[0].group))
    group = None
    for quote, file in failed:
        if quote.group != group:
            group = quote.group
            print(f"== {group}")
        print(f'{quote.who}: "{shown(quote.text)}" not found in {file}')
    if verbose:
        for quote in quotes:
            where = quote.cites or ("elsewhere" if quote.elsewhere else "no file")
            print(f'  {quote.who}: "{shown(quote.text)}" -> {where}')
    checked = [q for q in quotes if q.cites is not None]
    elsewhere = sum(q.elsewhere for q in quotes)
    print(f"{len(checked)} quotes checked ({sum(q.group.endswith('.py') for q in checked)} in "
          f"rule documentation, {sum(q.group.endswith('.toml') for q in checked)} in profile "
          f"sources), {len(failed)} not found; {elsewhere} cite a source that is not here, "
          f"{len(quotes) - len(checked) - elsewhere} cite no file")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
