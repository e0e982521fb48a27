"""`cplint pack --format docx`: the Word minutes pack, as a user runs it, reopened with
python-docx. Its headings are the Markdown pack's (read from the Markdown output, so the
two formats cannot drift apart), in Word's built-in Heading styles; the agenda's numbers
are literal text; the tables repeat their header row; each form starts a page; every
page's header names the plan and the meeting; plan text stays text."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given, settings
from hypothesis import strategies as st

from cpdsl.cli import main
from cpdsl.pack.document import Pack, Para, Section, Span, Table
from cpdsl.pack.word import render_docx
from cpdsl.pack.word.writer import column_widths

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "good" / "neglect.cp"
DAYS = ("2026-01-22", "2026-02-19", "2026-03-19")
FORM = ("AGENCY CONTRIBUTION TO RCPC PRE-MEETING REPORT FOR REVIEW CHILD PROTECTION "
        "CONFERENCE")
ACTION_COLUMNS = ("action", "owner", "support", "due", "status", "status now or new due",
                  "update")


def pack(*args: str):
    return CliRunner().invoke(main, ["pack", "--today", "2026-03-01", *args])


def word_pack(folder: Path, day: str, *args: str, plan: Path = PLAN,
              name: str = "pack.docx") -> Path:
    out = folder / name
    result = pack("--meeting", day, "--format", "docx", "-o", str(out), *args, str(plan))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    return out


def markdown(day: str, plan: Path = PLAN) -> str:
    result = pack("--meeting", day, str(plan))
    assert result.exit_code == 0
    return result.stdout


def unescape(text: str) -> str:
    """Markdown's backslash escapes taken off (the Word text was never escaped)."""
    return re.sub(r"\\(.)", r"\1", text)


def markdown_headings(text: str) -> list[tuple[str, str]]:
    return [(f"Heading {len(hashes)}", unescape(title))
            for hashes, title in re.findall(r"^(#{1,2}) (.*)$", text, re.M)]


def word_headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs
            if p.style.name in ("Heading 1", "Heading 2")]


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> dict[str, Path]:
    """The Word pack of each kind of core group, made once."""
    folder = tmp_path_factory.mktemp("packs")
    return {day: word_pack(folder, day, name=f"neglect-{day}.docx") for day in DAYS}


@pytest.mark.parametrize("day", DAYS)
def test_the_headings_are_the_markdown_packs_in_words_heading_styles(packs, day):
    document = docx.Document(str(packs[day]))
    expected = markdown_headings(markdown(day))
    assert len(expected) > 10
    assert word_headings(document) == expected


def test_the_first_core_groups_headings_in_full(packs):
    document = docx.Document(str(packs["2026-01-22"]))
    assert word_headings(document) == [
        ("Heading 1", "AGENDA FOR FIRST CORE GROUP"),
        ("Heading 1", "NOTES OF CORE GROUP MEETING HELD (15:30, 2026-01-22, Northtown "
                      "Primary School)"),
        ("Heading 2", "1. NOTE TAKER (name, agency)"),
        ("Heading 2", "2. INTRODUCTIONS AND APOLOGIES"),
        ("Heading 2", "2. PURPOSE OF THE MEETING AND EXPLANATION TO FAMILY MEMBERS ABOUT "
                      "THE ROLE OF THE CORE GROUP"),
        ("Heading 2", "3. CONFIRMATION OF CORE GROUP MEMBERSHIP/RECORDING OF CONTACT "
                      "DETAILS"),
        ("Heading 2", "4. DO CORE GROUP MEMBERS HAVE A COPY OF THE OUTLINE CHILD "
                      "PROTECTION PLAN?"),
        ("Heading 2", "5. ASSESSMENT: CONTRIBUTIONS FROM CORE GROUP MEMBERS AND "
                      "ARRANGEMENTS FOR COMPLETION"),
        ("Heading 2", "6. REVIEW OF PROGRESS OF OUTLINE CHILD PROTECTION PLAN AND "
                      "DEVELOPMENT OF THE DETAILED PROTECTION PLAN – AGREE KEY ACTION "
                      "POINTS WITH TIMESCALES"),
        ("Heading 2", "7. ANY FURTHER RELEVANT INFORMATION WITH REGARD TO THE CHILD’S "
                      "SAFETY AND WELFARE"),
        ("Heading 2", "8. PARENTS/CARERS VIEWS ON THE PROTECTION PLAN"),
        ("Heading 2", "9. VOICE OF THE CHILD"),
        ("Heading 2", "10. DATES, TIMES, VENUES FOR CORE GROUP MEETING UNTIL SECOND "
                      "REVIEW CONFERENCE"),
        ("Heading 1", "CORE GROUP MEMBERSHIP AND CONTACT DETAILS"),
    ]


def agenda(document) -> list[str]:
    """The agenda's items: `N.`, a tab (the hanging indent's stop), the title."""
    return [p.text for p in document.paragraphs if re.match(r"\d+\.\t", p.text)]


@pytest.mark.parametrize("day", DAYS)
def test_the_agenda_is_numbered_in_its_text_as_the_markdown_is(packs, day):
    document = docx.Document(str(packs[day]))
    expected = re.findall(r"^(\d+\. .*)$", markdown(day).split("\n# NOTES")[0], re.M)
    assert [item.replace("\t", " ", 1) for item in agenda(document)] == expected
    assert not document.paragraphs[0]._p.xpath(".//w:numPr")  # no Word numbering
    item = next(p for p in document.paragraphs if p.text.startswith("1.\t"))
    layout = item.paragraph_format
    assert (round(layout.left_indent.mm), round(layout.first_line_indent.mm)) == (10, -10)


def test_the_subsequent_agenda_in_full(packs):
    assert agenda(docx.Document(str(packs["2026-02-19"]))) == [
        "1.\tIDENTIFICATION OF NOTE TAKER",
        "2.\tINTRODUCTIONS AND APOLOGIES",
        "3.\tPURPOSE OF THE MEETING",
        "4.\tREPORTS PROVIDED BY THOSE UNABLE TO ATTEND",
        "5.\tNOTES OF PREVIOUS MEETING/MATTERS ARISING",
        "6.\tCHECK MEMBERS HAVE A COPY OF THE PROTECTION PLAN",
        "7.\tCHILD’S VIEWS",
        "8.\tPARENTS/CARERS VIEWS",
        "9.\tPROGRESS OF ASSESSMENT AND ARRANGEMENTS FOR COMPLETION",
        "10.\tREVIEW OF PROGRESS OF THE PROTECTION PLAN AND UPDATES REQUIRED ( agree key "
        "action points with timescales )",
        "11.\tANY FURTHER RELEVANT INFORMATION WITH REGARD TO THE CHILD’S SAFETY AND "
        "WELFARE",
        "12.\tDATES, TIMES, VENUES FOR FUTURE CORE GROUPS",
    ]


def markdown_tables(text: str) -> list[tuple[tuple[str, ...], int]]:
    """Each Markdown table's column headers and number of rows."""
    tables = []
    for block in re.findall(r"((?:^\|.*\|\n)+)", text, re.M):
        rows = block.rstrip("\n").split("\n")
        columns = tuple(unescape(c.strip()) for c in rows[0].strip("|").split(" | "))
        tables.append((columns, len(rows) - 2))
    return tables


def word_tables(document) -> list[tuple[tuple[str, ...], int]]:
    return [(tuple(c.text for c in t.rows[0].cells), len(t.rows) - 1) for t in document.tables]


@pytest.mark.parametrize("day", DAYS)
def test_the_tables_are_the_markdown_packs(packs, day):
    assert word_tables(docx.Document(str(packs[day]))) == markdown_tables(markdown(day))


def test_the_first_core_groups_tables_in_full(packs):
    document = docx.Document(str(packs["2026-01-22"]))
    assert word_tables(document) == [
        (ACTION_COLUMNS, 2), (ACTION_COLUMNS, 2),
        (("NAME", "AGENCY", "CONTACT DETAILS (address, telephone number, e-mail address)",
          "HOW WILL INFORMATION BE SHARED SECURELY?"), 5)]
    assert [c.text for c in document.tables[0].rows[1].cells] == [
        "book-review Book Amy's developmental review and take her to it",
        "Kerry Example kerry", "Jo Lee jo", "2026-03-20", "open", "", ""]
    assert all(t.style.name == "Table Grid" for t in document.tables)


@pytest.mark.parametrize("day", DAYS)
def test_header_rows_repeat_and_no_row_splits_across_pages(packs, day):
    for table in docx.Document(str(packs[day])).tables:
        marks = [[child.tag for child in row._tr.trPr] for row in table.rows]
        assert marks[0] == [qn("w:cantSplit"), qn("w:tblHeader")]  # in schema order
        assert all(m == [qn("w:cantSplit")] for m in marks[1:])
        assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)


@pytest.mark.parametrize(("day", "forms"), [
    ("2026-01-22", ["CORE GROUP MEMBERSHIP AND CONTACT DETAILS"]),
    ("2026-02-19", []),
    ("2026-03-19", [FORM] * 4),
])
def test_each_form_starts_a_page(packs, day, forms):
    document = docx.Document(str(packs[day]))
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == forms
    assert all(p.style.name == "Heading 1" for p in document.paragraphs
               if p.paragraph_format.page_break_before)


@pytest.mark.parametrize(("day", "kind"), [
    ("2026-01-22", "First core group, Thursday 22 January 2026"),
    ("2026-02-19", "Subsequent core group, Thursday 19 February 2026"),
    ("2026-03-19", "Core group before the review conference, Thursday 19 March 2026"),
])
def test_every_page_names_the_plan_the_meeting_and_the_page(packs, day, kind):
    document = docx.Document(str(packs[day]))
    header = document.sections[0].header
    assert not header.is_linked_to_previous
    # The fields' results read "1" until Word lays the pages out.
    assert [p.text for p in header.paragraphs] == [f"CP-2026-0042 · {kind} · Page 1 of 1"]
    paragraph = header.paragraphs[0]._p
    assert [x.text for x in paragraph.iter(qn("w:instrText"))] == [" PAGE ", " NUMPAGES "]
    assert [x.get(qn("w:fldCharType")) for x in paragraph.iter(qn("w:fldChar"))] == \
        ["begin", "separate", "end"] * 2


def test_a_plan_with_no_reference_says_so_in_the_header(tmp_path):
    plan = tmp_path / "unreferenced.cp"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        '  reference "CP-2026-0042"\n', ""), encoding="utf-8")
    out = tmp_path / "pack.docx"
    result = pack("--meeting", "2026-02-19", "--format", "docx", "-o", str(out), str(plan))
    assert result.exit_code == 0
    header = docx.Document(str(out)).sections[0].header
    assert [p.text for p in header.paragraphs] == [
        "no reference recorded · Subsequent core group, Thursday 19 February 2026 · "
        "Page 1 of 1"]


def test_a4_pages_with_room_for_the_header(packs):
    section = docx.Document(str(packs["2026-02-19"])).sections[0]
    # Word keeps lengths in twentieths of a point: millimetres come back rounded.
    assert [round(length.mm) for length in (section.page_width, section.page_height)] == \
        [210, 297]
    assert [round(length.mm) for length in (section.left_margin, section.right_margin,
                                           section.top_margin)] == [20, 20, 25]


def test_lists_ticks_ids_emphasis_and_room_to_write(packs):
    document = docx.Document(str(packs["2026-01-22"]))
    paragraphs = document.paragraphs
    ticks = [p.text for p in paragraphs if p.style.name == "List Bullet"][:5]
    assert ticks == [
        "☐ Sam Patel, lead social worker, Northtown Children's Social Care sam",
        "☐ Jo Lee, health visitor, Northtown NHS Trust jo",
        "☐ Ria Khan, teacher, Northtown Primary School ria",
        "☐ Kerry Example, parent kerry",
        "☐ Tom Field, advocate, Northtown Advocacy tom",
    ]
    chair = next(p for p in paragraphs if p.text.startswith("Chair: "))
    assert chair.text == ("Chair: Sam Patel, lead social worker, Northtown Children's "
                          "Social Care sam\nSecond chair: Jo Lee, health visitor, Northtown "
                          "NHS Trust jo\nNote taker (name, agency): ____ (not the chair)")
    ids = [r.text for r in chair.runs if r.style.name == "Plan Id"]
    assert ids == ["sam", "jo"]
    assert document.styles["Plan Id"].font.name == "Consolas"
    outcome = next(p for p in paragraphs if p.text.startswith("Outcome appointments"))
    assert [(r.text, bool(r.bold)) for r in outcome.runs][:3] == [
        ("Outcome ", True), ("appointments", True),
        (": Amy attends every health appointment", True)]
    at_meeting = [p for p in paragraphs if p.text == "Written at the meeting."]
    assert len(at_meeting) == 2 and all(r.italic for p in at_meeting for r in p.runs)
    boxed = [p for p in paragraphs if p._p.xpath("./w:pPr/w:pBdr")]
    assert len(boxed) == len(re.findall(r"^____( \(.*\))?$", markdown("2026-01-22"), re.M))
    assert all(p.text == "\n\n\n" for p in boxed)
    sides = [c.tag for c in boxed[0]._p.pPr.find(qn("w:pBdr"))]
    assert sides == [qn(f"w:{s}") for s in ("top", "left", "bottom", "right")]


def test_the_id_font_has_a_fixed_width_stand_in(packs):
    with zipfile.ZipFile(packs["2026-01-22"]) as package:
        fonts = package.read("word/fontTable.xml").decode("utf-8")
    assert ('<w:font w:name="Consolas"><w:altName w:val="Courier New"/><w:family '
            'w:val="modern"/><w:pitch w:val="fixed"/></w:font>') in fonts


def test_the_same_plan_makes_the_same_document(tmp_path):
    first = word_pack(tmp_path, "2026-02-19", name="first.docx")
    second = word_pack(tmp_path, "2026-02-19", name="second.docx")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")
    assert first.read_bytes() == second.read_bytes()  # dates in the package too


def test_the_documents_properties_are_the_meetings_not_the_machines(packs):
    properties = docx.Document(str(packs["2026-02-19"])).core_properties
    assert (properties.title, properties.author, properties.last_modified_by,
            properties.comments) == ("Core group pack: CP-2026-0042, subsequent core group, "
                                     "2026-02-19", "cplint", "cplint", "")
    assert properties.created == properties.modified == dt.datetime(2026, 2, 19, tzinfo=dt.timezone.utc)
    with zipfile.ZipFile(packs["2026-02-19"]) as package:
        assert {info.date_time for info in package.infolist()} == {(2026, 2, 19, 0, 0, 0)}


def test_plan_text_is_kept_as_text(tmp_path):
    """`<script>` and `&` stay as written; a control character (U+0007, which XML
    cannot hold) is shown as U+FFFD rather than stopping the pack."""
    plan = tmp_path / "odd.cp"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        "Kerry agrees the plan and asks for help with transport",
        "Kerry <script>alert(1)</script> & \x07bell"), encoding="utf-8")
    document = docx.Document(str(word_pack(tmp_path, "2026-01-22", plan=plan)))
    views = [p.text for p in document.paragraphs if p.text.startswith("parents: ")]
    assert views == ["parents: “Kerry <script>alert(1)</script> & \ufffdbell” (in the plan)"]
    with zipfile.ZipFile(tmp_path / "pack.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "Kerry &lt;script&gt;alert(1)&lt;/script&gt; &amp; \ufffdbell" in xml


def small_pack(text: str) -> Pack:
    return Pack(kind="AGENDA FOR SUBSEQUENT CORE GROUP", title_note=None, plan_title=text,
                reference=text, day=dt.date(2026, 2, 19), review=None, warnings=(),
                findings=(), agenda=((1, text),), notes_title=text, notes_note=None,
                notes=(Section(1, text, (Para(((Span(text),), (Span(text, "id"),))),)),),
                attachments=())


# A document takes about 0.1 s to make and reopen: a sixth of the profile's examples.
@settings(max_examples=max(10, settings.default.max_examples // 6))
@given(st.text(st.characters(blacklist_characters="\r\n\t"), min_size=1, max_size=30))
def test_any_plan_text_makes_a_document_that_keeps_it(text):
    """Whatever the plan's text, the document opens, with the text in it as written
    but for what XML cannot hold, shown as U+FFFD."""
    document = docx.Document(io.BytesIO(render_docx(small_pack(text), None)))
    shown = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "\ufffd", text)
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[paragraphs.index(f"1. {shown}") + 1] == f"{shown}\n{shown}"
    assert document.core_properties.title == \
        f"Core group pack: {shown}, subsequent core group, 2026-02-19"


cells = st.text(st.characters(codec="utf-8"), max_size=50).map(lambda t: (Span(t),))


@given(st.integers(1, 9).flatmap(lambda n: st.tuples(
    st.lists(st.text(max_size=30), min_size=n, max_size=n),
    st.lists(st.lists(cells, min_size=n, max_size=n), max_size=5))))
def test_table_columns_share_the_width_of_the_page(table):
    columns, rows = table
    room = Mm(170)
    widths = column_widths(Table(tuple(columns), tuple(tuple(r) for r in rows)), room)
    assert len(widths) == len(columns) and all(w > 0 for w in widths)
    assert room - len(columns) <= sum(widths) <= room


def test_a_template_folders_pack_docx_is_the_base(tmp_path):
    """Its styles (Normal in another face), its letterhead and its page size are kept;
    the pack's header line comes under the letterhead."""
    folder = tmp_path / "templates"
    folder.mkdir()
    template = docx.Document()
    template.styles["Normal"].font.name = "Georgia"
    template.sections[0].header.paragraphs[0].text = "Northtown Council · Children's Services"
    template.save(str(folder / "pack.docx"))
    document = docx.Document(str(word_pack(tmp_path, "2026-02-19", "--template", str(folder))))
    assert document.styles["Normal"].font.name == "Georgia"
    assert [p.text for p in document.sections[0].header.paragraphs] == [
        "Northtown Council · Children's Services",
        "CP-2026-0042 · Subsequent core group, Thursday 19 February 2026 · Page 1 of 1"]
    assert document.sections[0].page_width == template.sections[0].page_width
    assert word_headings(document) == markdown_headings(markdown("2026-02-19"))


# A .docx as Word saves a blank document: Normal is the only style written out (Word
# keeps the rest latent until they are used), and there is no numbering part.
WORD_BLANK = {
    "[Content_Types].xml":
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.wordprocessingml.styles+xml"/></Types>',
    "_rels/.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>',
    "word/_rels/document.xml.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    "word/document.xml":
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
        'main"><w:body><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" '
        'w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" '
        'w:gutter="0"/></w:sectPr></w:body></w:document>',
    "word/styles.xml":
        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name '
        'w:val="Normal"/><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>'
        '</w:style></w:styles>',
}


def test_a_template_saved_by_word_gets_the_styles_it_lacks(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    with zipfile.ZipFile(folder / "pack.docx", "w") as package:
        for name, xml in WORD_BLANK.items():
            package.writestr(name, xml)
    document = docx.Document(str(word_pack(tmp_path, "2026-01-22", "--template", str(folder))))
    assert document.styles["Normal"].font.name == "Arial"
    assert word_headings(document) == markdown_headings(markdown("2026-01-22"))
    heading = document.styles["Heading 1"].element
    assert heading.xpath("./w:pPr/w:outlineLvl/@w:val") == ["0"]  # the navigation pane's
    bullet = document.styles["List Bullet"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    numbering = document.part.numbering_part.element
    abstract = numbering.num_having_numId(int(bullet[0])).abstractNumId.val
    assert numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']"
                           "/w:lvl[@w:ilvl='0']/w:numFmt/@w:val") == ["bullet"]
    assert [t.style.name for t in document.tables] == ["Table Grid"] * 3


def test_a_template_with_numbering_of_its_own_keeps_it(tmp_path):
    """The borrowed bullet is added under new ids, after the template's own lists."""
    folder = tmp_path / "templates"
    folder.mkdir()
    template = docx.Document()
    styles = template.styles.element
    styles.remove(template.styles["List Bullet"].element)
    template.save(str(folder / "pack.docx"))
    before = len(template.part.numbering_part.element.xpath("./w:num"))
    document = docx.Document(str(word_pack(tmp_path, "2026-01-22", "--template", str(folder))))
    numbering = document.part.numbering_part.element
    assert len(numbering.xpath("./w:num")) == before + 1
    bullet = document.styles["List Bullet"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    assert bullet == [str(before + 1)]
    abstract = numbering.num_having_numId(before + 1).abstractNumId.val
    assert numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']"
                           "/w:lvl[@w:ilvl='0']/w:numFmt/@w:val") == ["bullet"]
    tags = [child.tag for child in numbering]
    assert tags.index(qn("w:num")) > max(i for i, t in enumerate(tags)
                                         if t == qn("w:abstractNum"))


OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_turns_the_pack_into_a_pdf(packs, tmp_path):
    profile = (tmp_path / "profile").as_uri()  # its own, beside any other LibreOffice
    subprocess.run([OFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(packs["2026-03-19"])], check=True, timeout=120,
                   capture_output=True)
    pdf = tmp_path / "neglect-2026-03-19.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
