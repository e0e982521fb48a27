"""`cplint pack --format html`: the minutes pack as one self-contained HTML page. The
expected pages are tests/data/pack/*.html, read through by hand; UPDATE_GOLDEN=1 rewrites
them. The page is also parsed back (html.parser) and set against the Markdown pack of
the same meeting, so that the two formats cannot drift apart, and printed to PDF by a
headless Chromium to see that each form starts a page of its own."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cpdsl.cli import main
from cpdsl.pack.agenda import AgendaKind
from cpdsl.pack.document import Attachment, Pack, Para, Section, Span, Table
from cpdsl.pack.html import render_html
from golden import check_golden

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "good" / "neglect.cp"
EXPECTED = ROOT / "tests" / "data" / "pack"
DAYS = ["2026-01-22", "2026-02-19", "2026-03-19"]
FORM = "AGENCY CONTRIBUTION TO RCPC PRE-MEETING REPORT FOR REVIEW CHILD PROTECTION CONFERENCE"
PROFORMA = "CORE GROUP MEMBERSHIP AND CONTACT DETAILS"
# The forms after the notes of each of neglect.cp's meetings: the proforma at the first
# core group, one agency form per member agency before the review (four agencies).
FORMS = {"2026-01-22": [PROFORMA], "2026-02-19": [], "2026-03-19": [FORM] * 4}
KINDS = {"2026-01-22": "First core group on Thursday 22 January 2026 (2026-01-22)",
         "2026-02-19": "Subsequent core group on Thursday 19 February 2026 (2026-02-19)",
         "2026-03-19": "Core group before the review conference on Thursday 19 March 2026 "
                       "(2026-03-19)"}


def header_lines(day: str) -> list[str]:
    """The header at the top of the page and of each form."""
    return ["Plan: Amy Example · reference CP-2026-0042", KINDS[day],
            "Next: review conference on Wednesday 8 April 2026 (2026-04-08)"]


SHIPPED = ["blocks.html.j2", "pack.css", "pack.html.j2"]
# Only against a Chromium that hangs: printing a pack takes a few seconds.
RUN_LIMIT = 120  # seconds


def pack(*args: str):
    return CliRunner().invoke(main, ["pack", "--today", "2026-03-01", *args])


def html_pack(day: str, *args: str, plan: Path = PLAN) -> str:
    result = pack("--meeting", day, "--format", "html", *args, str(plan))
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


class Element:
    """An element of the parsed page: its tag, attributes and children (elements and
    text nodes, in order)."""

    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs = tag, attrs
        self.children: list[Element | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.walk() if e.tag == tag and (cls is None or cls in e.classes)]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def texts(self) -> list[str]:
        """Every text node inside, in order."""
        found: list[str] = []
        for child in self.children:
            found += [child] if isinstance(child, str) else child.texts()
        return found


class Page(HTMLParser):
    """The page as a tree (stdlib html.parser: entities read back as the text they
    stand for, so a text node is what a reader sees)."""

    VOID = {"br", "meta", "link", "img", "input", "hr"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = [self.root]
        self.feed(text)
        self.close()
        assert self._open == [self.root], f"unclosed: {[e.tag for e in self._open]}"

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self._open[-1].children.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        assert self._open[-1].tag == tag, f"</{tag}> closes <{self._open[-1].tag}>"
        self._open.pop()

    def handle_data(self, data):
        self._open[-1].children.append(data)


def markdown_pack(day: str) -> list[str]:
    result = pack("--meeting", day, str(PLAN))
    assert result.exit_code == 0
    return result.stdout.splitlines()


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def markdown_headings(lines: list[str]) -> list[tuple[str, str]]:
    """`# X` and `## X` as ("h1", X) and ("h2", X), X read back from Markdown's escapes."""
    found = (re.fullmatch(r"(#{1,2}) (.*)", x) for x in lines)
    return [(f"h{len(m[1])}", _unescape(m[2])) for m in found if m]


def markdown_agenda(lines: list[str]) -> list[tuple[int, str]]:
    before_notes = lines[:next(i for i, x in enumerate(lines) if x.startswith("# NOTES"))]
    return [(int(m[1]), m[2]) for m in map(re.compile(r"(\d+)\. (.*)").fullmatch,
                                           before_notes) if m]


def markdown_tables(lines: list[str]) -> list[tuple[list[str], int]]:
    """Each table's header cells and its number of rows."""
    tables = []
    for number, text in enumerate(lines[:-1]):
        if text.startswith("| ") and re.fullmatch(r"\| ---( \| ---)* \|", lines[number + 1]):
            rows = 0
            while number + 2 + rows < len(lines) and lines[number + 2 + rows].startswith("| "):
                rows += 1
            tables.append((text[2:-2].split(" | "), rows))
    return tables


# The golden pages, and what they share with the Markdown pack.

@pytest.mark.parametrize("day", DAYS)
def test_the_html_pack_of_each_kind_of_core_group(day):
    check_golden(EXPECTED / f"neglect-{day}.html", html_pack(day))


@pytest.mark.parametrize("day", DAYS)
def test_the_headings_are_the_markdown_packs(day):
    page = Page(html_pack(day)).root
    headings = [(e.tag, e.text()) for e in page.walk() if e.tag in ("h1", "h2", "h3")]
    assert headings == markdown_headings(markdown_pack(day))
    assert headings[0][0] == "h1" and headings[0][1].startswith("AGENDA ")


@pytest.mark.parametrize("day", DAYS)
def test_the_agenda_items_carry_003s_numbers_as_values(day):
    page = Page(html_pack(day)).root
    [agenda] = page.all("ol")
    items = agenda.all("li")
    assert [(int(li.attrs["value"]), li.text()) for li in items] == \
        markdown_agenda(markdown_pack(day))
    assert [li.attrs["value"] for li in items] == [str(n) for n in range(1, len(items) + 1)]


@pytest.mark.parametrize("day", DAYS)
def test_every_table_has_a_header_row_of_column_headers(day):
    page = Page(html_pack(day)).root
    tables = page.all("table")
    # two outcomes' action review tables, and the proforma at the first core group
    assert len(tables) == (3 if day == DAYS[0] else 2)
    for table in tables:
        [head], [body] = table.all("thead"), table.all("tbody")
        assert all(th.attrs == {"scope": "col"} for th in head.all("th"))
        assert body.all("th") == [] and head.all("td") == []
    assert [([th.text() for th in t.all("th")], len(t.all("tbody")[0].all("tr")))
            for t in tables] == markdown_tables(markdown_pack(day))


@pytest.mark.parametrize("day", DAYS)
def test_each_form_is_a_section_that_starts_a_page_with_the_header(day):
    html = html_pack(day)
    page = Page(html).root
    forms = page.all("section", "attachment")
    assert [form.all("h1")[0].text() for form in forms] == FORMS[day]
    [style] = page.all("style")
    rule = re.search(r"\.attachment \{([^}]*)\}", style.text())
    assert rule and "break-before: page;" in rule[1] and "page-break-before: always;" in rule[1]
    headers = page.all("header")
    assert len(headers) == 1 + len(forms)
    assert all([p.text() for p in header.all("p")] == header_lines(day) for header in headers)
    assert all([c for c in form.children if isinstance(c, Element)][0].tag == "header"
               for form in forms)


@pytest.mark.parametrize("day", DAYS)
def test_the_page_is_self_contained(day):
    html = html_pack(day)
    page = Page(html).root
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">\n")
    [title] = page.all("title")
    assert title.text() == f"{KINDS[day].split(' on ')[0]}, {day}, CP-2026-0042"
    assert not [e.tag for e in page.walk() if e.tag in ("script", "link", "img", "iframe",
                                                        "object", "embed", "base")]
    assert not [e.attrs for e in page.walk() if {"src", "href", "style"} & set(e.attrs)]
    assert not re.search(r"url\(|@import|@font-face|https?:", page.all("style")[0].text())


# Plan text is text.

SCRIPT_ACTION = '<script>alert(1)</script> & &amp; "twice" a week'
ODD_NAME = 'Kerry &amp; "Kez" <b>Example</b>'
ODD_VIEW = 'Kerry said "yes" & asked <script>alert(2)</script> for help'
ODD_REFERENCE = '</title><script>alert(3)</script> & "CP"'


def _cp(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_plan_text_with_markup_comes_out_as_text(tmp_path):
    plan = tmp_path / "odd.cp"
    source = PLAN.read_text(encoding="utf-8")
    for old, new in (
            ('"Text Kerry two days before each of Amy\'s appointments"', _cp(SCRIPT_ACTION)),
            ('"Kerry Example"', _cp(ODD_NAME)),
            ('"Kerry agrees the plan and asks for help with transport"', _cp(ODD_VIEW)),
            ('"CP-2026-0042"', _cp(ODD_REFERENCE))):
        assert old in source
        source = source.replace(old, new)
    plan.write_text(source, encoding="utf-8")
    page = Page(html_pack("2026-03-19", plan=plan)).root
    assert not [e for e in page.walk() if e.tag in ("script", "b")]
    [title] = page.all("title")
    assert title.text() == f"Core group before the review conference, 2026-03-19, {ODD_REFERENCE}"
    rows = [[td for td in tr.all("td")] for tr in page.all("tr")]
    [remind] = [row for row in rows if row and row[0].text().startswith("remind ")]
    assert [c if isinstance(c, str) else (c.tag, c.text()) for c in remind[0].children] == [
        ("code", "remind"), f" {SCRIPT_ACTION}"]
    [book] = [row for row in rows if row and row[0].text().startswith("book-review ")]
    assert book[1].texts() == [f"{ODD_NAME} ", "kerry"]
    texts = page.texts()
    assert f"parents: “{ODD_VIEW}” (in the plan)" in texts
    assert f" {ODD_NAME}, parent " in texts  # the attendance list, after its box
    assert f" {SCRIPT_ACTION}: due 2026-03-06, open" in texts  # Jo Lee's agency form
    [header] = page.all("header")[:1]
    assert header.all("p")[0].texts() == ["Plan: ", "Amy Example", " · reference ",
                                          ODD_REFERENCE]


def _pack(notes: tuple[Section, ...], **fields) -> Pack:
    return Pack(**{
        "kind": AgendaKind.SUBSEQUENT.value, "title_note": None, "plan_title": "Amy Example",
        "reference": "CP-2026-0001", "day": dt.date(2026, 2, 19), "review": None,
        "warnings": (), "findings": (), "agenda": ((1, "IDENTIFICATION OF NOTE TAKER"),),
        "notes_title": "NOTES OF CORE GROUP MEETING HELD (TIME, 2026-02-19, VENUE)",
        "notes_note": None, "notes": notes, "attachments": (), **fields})


TAGS = {"": None, "id": "code", "strong": "strong", "em": "em"}
spans = st.lists(st.builds(Span, st.text(), st.sampled_from(sorted(TAGS))), max_size=6)


@given(spans, st.text(), st.text(min_size=1))
def test_any_text_in_any_style_reads_back_as_itself(line, cell, title):
    notes = (Section(3, title, (Para((tuple(line),)),
                                Table(("what", cell), (((Span(cell),), ()),)))),)
    page = Page(render_html(_pack(notes, plan_title=title), None)).root
    [item] = page.all("section", "item")
    [heading], [para] = item.all("h2"), item.all("p")
    assert heading.text() == f"3. {title}"
    assert para.text() == "".join(span.text for span in line)
    assert [(e.tag, e.text()) for e in para.children if isinstance(e, Element)] == [
        (TAGS[span.style], span.text) for span in line if span.style]
    assert [th.text() for th in item.all("th")] + [td.text() for td in item.all("td")] == [
        "what", cell, cell, ""]
    assert page.all("header")[0].all("strong")[0].text() == title


def test_a_heading_without_a_number_or_title():
    attachment = Attachment("A FORM", (Span("From "), Span("x", "id")),
                            (Section(None, "Heading", ()), Section(None, "", ())))
    page = Page(render_html(_pack((), attachments=(attachment,)), None)).root
    [form] = page.all("section", "attachment")
    assert [(e.tag, e.text()) for e in form.walk() if e.tag in ("h1", "h2")] == [
        ("h1", "A FORM"), ("h2", "Heading")]
    assert [s.all("h2") != [] for s in form.all("section", "item")] == [True, False]
    assert [p.text() for p in form.all("p", "subtitle")] == ["From x"]


def test_a_block_the_templates_do_not_know_is_refused():
    with pytest.raises(TypeError, match="not a block of the pack"):
        render_html(_pack((Section(1, "T", ("a string",)),)), None)


def test_a_plan_without_a_reference_says_so_in_the_header_and_title(tmp_path):
    plan = tmp_path / "noref.cp"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        '  reference "CP-2026-0042"\n', ""), encoding="utf-8")
    result = pack("--meeting", "2026-02-19", "--format", "html", str(plan))
    assert result.exit_code == 0
    assert result.stderr == (f"cplint: {plan}: the plan records no `reference`: the pack's "
                             "header says so\n")
    page = Page(result.stdout).root
    assert page.all("title")[0].text() == (
        "Subsequent core group, 2026-02-19, no reference recorded")
    assert page.all("header")[0].all("p")[0].text() == (
        "Plan: Amy Example · reference no reference recorded")
    [warning] = page.all("p", "warning")
    assert [c if isinstance(c, str) else (c.tag, c.text()) for c in warning.children] == [
        ("strong", "Warning:"), " the plan records no ", ("code", "reference"),
        ": the pack's header says so"]


def test_jinja_is_imported_for_html_only():
    script = ("import sys\n"
              "from click.testing import CliRunner\n"
              "from cpdsl.cli import main\n"
              "for command in ('check', 'pack'):\n"
              f"    result = CliRunner().invoke(main, [command, '--today', '2026-03-01', "
              f"{str(PLAN)!r}])\n"
              "    assert result.exit_code == 0, result.output\n"
              "assert 'jinja2' not in sys.modules and 'cpdsl.pack.html' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT, timeout=RUN_LIMIT)


# A local authority's own templates.

def test_the_shipped_templates_are_copied_once(tmp_path):
    folder = tmp_path / "ours"
    result = pack("--copy-templates", str(folder))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "".join(f"cplint: wrote {folder / name}\n" for name in SHIPPED)
    assert sorted(p.name for p in folder.iterdir()) == SHIPPED
    shipped = ROOT / "cpdsl" / "pack" / "shipped"
    assert all((folder / n).read_bytes() == (shipped / n).read_bytes() for n in SHIPPED)
    (folder / "pack.css").write_text("/* ours */\n", encoding="utf-8")
    again = pack("--copy-templates", str(folder))
    assert (again.exit_code, again.stdout) == (2, "")
    assert again.stderr == (f"cplint: {folder}: already holds blocks.html.j2, pack.css, "
                            "pack.html.j2; --force writes over them\n")
    assert (folder / "pack.css").read_text(encoding="utf-8") == "/* ours */\n"


def test_a_copied_and_changed_template_is_used(tmp_path):
    folder = tmp_path / "ours"
    assert pack("--copy-templates", str(folder)).exit_code == 0
    css = folder / "pack.css"
    css.write_text(css.read_text(encoding="utf-8") + "h1 { font-size: 16pt; }\n",
                   encoding="utf-8")
    page = folder / "pack.html.j2"
    text = page.read_text(encoding="utf-8")
    assert "<main>\n" in text
    page.write_text(text.replace("<main>\n", "<main>\n<p class=\"letterhead\">Northtown "
                                 "Council Children's Services</p>\n"), encoding="utf-8")
    ours = Page(html_pack("2026-02-19", "--template", str(folder))).root
    assert ours.all("style")[0].text().endswith("}\nh1 { font-size: 16pt; }\n")
    assert [p.text() for p in ours.all("p", "letterhead")] == [
        "Northtown Council Children's Services"]
    shipped = Page(html_pack("2026-02-19")).root
    assert shipped.all("p", "letterhead") == []


def test_a_folder_with_only_a_stylesheet_keeps_the_shipped_page(tmp_path):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "pack.css").write_text("body { font-size: 12pt; }\n", encoding="utf-8")
    ours = html_pack("2026-01-22", "--template", str(folder))
    shipped = html_pack("2026-01-22")
    assert Page(ours).root.all("style")[0].text() == "\nbody { font-size: 12pt; }\n"
    shipped_css = Page(shipped).root.all("style")[0].text()
    assert ours == shipped.replace(shipped_css, "\nbody { font-size: 12pt; }\n")


# Printed to PDF by a headless Chromium.

def find_tool(name: str, package: str) -> str:
    """A command the print tests need. Without it they are skipped, except in CI, which
    must install it (.ci/run)."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed, and CI must print the HTML pack: install "
                    f"Debian's {package} package in .ci/run", pytrace=False)
    pytest.skip(f"{name} is not installed (apt-get install {package}): the print tests "
                "run in CI")


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    chromium = find_tool("chromium", "chromium")
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
               f"--print-to-pdf={pdf}", "--no-pdf-header-footer", html.as_uri()]
    done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=RUN_LIMIT)
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")


def pdf_pages(pdf: Path) -> list[str]:
    """The PDF's text, page by page (pdftotext ends each page with a form feed)."""
    pdftotext = find_tool("pdftotext", "poppler-utils")
    done = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=RUN_LIMIT)
    return done.stdout.split("\f")[:-1]


def opening(page: str, lines: int = 8) -> str:
    """A page's first lines, without their spaces: a long title may wrap (and break at
    a hyphen) differently from one printing to the next."""
    first = [x for x in page.splitlines() if x.strip()][:lines]
    return re.sub(r"\s+", "", "".join(first))


@pytest.mark.parametrize("day", DAYS)
def test_printed_each_form_begins_a_page(day, tmp_path):
    find_tool("pdftotext", "poppler-utils")
    html, pdf = tmp_path / "pack.html", tmp_path / "pack.pdf"
    html.write_text(html_pack(day), encoding="utf-8")
    print_to_pdf(html, pdf, tmp_path / "chromium-profile")
    pages = pdf_pages(pdf)
    header = re.sub(r"\s+", "", "".join(header_lines(day)))
    # The header opens the first page and each form's page, and no other.
    headed = [opening(page)[len(header):] for page in pages
              if opening(page).startswith(header)]
    assert opening(pages[0]).startswith(header + "AGENDAFOR")
    assert len(headed) == 1 + len(FORMS[day])
    titles = [re.sub(r"\s+", "", title) for title in FORMS[day]]
    assert [rest[:len(title)] for rest, title in zip(headed[1:], titles)] == titles
    # the stylesheet's page numbers, at the foot of every page
    assert [page.split()[-4:] for page in pages] == [
        ["Page", str(number), "of", str(len(pages))] for number in range(1, len(pages) + 1)]
