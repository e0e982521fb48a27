"""003's three agendas, item by item, as 003 prints them (003_53fa38a38afc9856.txt,
AGENDAS): capitals, curly apostrophes, spaces inside brackets and its spelling
("MEMBES") kept; a title 003 breaks over two lines, or splits with a tab, joined by one
space (PACK.md's quotation convention). The flow chart's notes go under the title."""

from __future__ import annotations

import enum

from cpdsl.pack.agenda import AgendaKind

ITEMS: dict[AgendaKind, tuple[str, ...]] = {
    AgendaKind.FIRST: (
        "IDENTIFICATION OF NOTE TAKER",
        "INTRODUCTIONS AND APOLOGIES",
        "PURPOSE OF THE MEETING AND EXPLANATION TO FAMILY MEMBERS ABOUT THE ROLE OF THE "
        "CORE GROUP",
        "CONFIRMATION OF CORE GROUP MEMBERSHIP AND RECORDING OF CONTACT DETAILS ON PROFORMA",
        "CHECK MEMBERS HAVE A COPY OF THE OUTLINE PROTECTION PLAN",
        "ASSESSMENT: CONTRIBUTIONS FROM CORE GROUP MEMBERS AND ARRANGEMENTS FOR COMPLETION",
        "CHILD’S VIEWS",
        "PARENT’S VIEWS",
        "REVIEW OF PROGRESS AGAINST OUTLINE CHILD PROTECTION PLAN AND DEVELOPMENT OF THE "
        "DETAILED PROTECTION PLAN ( Agree key action points with timescales)",
        "ANY FURTHER RELEVANT INFORMATION WITH REGARD TO THE CHILD’S SAFETY AND WELFARE",
        "DATES, TIMES AND VENUES FOR CORE GROUP MEETINGS UNTIL SECOND REVIEW CONFERENCE",
    ),
    AgendaKind.SUBSEQUENT: (
        "IDENTIFICATION OF NOTE TAKER",
        "INTRODUCTIONS AND APOLOGIES",
        "PURPOSE OF THE MEETING",
        "REPORTS PROVIDED BY THOSE UNABLE TO ATTEND",
        "NOTES OF PREVIOUS MEETING/MATTERS ARISING",
        "CHECK MEMBERS HAVE A COPY OF THE PROTECTION PLAN",
        "CHILD’S VIEWS",
        "PARENTS/CARERS VIEWS",
        "PROGRESS OF ASSESSMENT AND ARRANGEMENTS FOR COMPLETION",
        "REVIEW OF PROGRESS OF THE PROTECTION PLAN AND UPDATES REQUIRED ( agree key action "
        "points with timescales )",
        "ANY FURTHER RELEVANT INFORMATION WITH REGARD TO THE CHILD’S SAFETY AND WELFARE",
        "DATES, TIMES, VENUES FOR FUTURE CORE GROUPS",
    ),
    AgendaKind.BEFORE_REVIEW: (
        "IDENTIFICATION OF NOTE TAKER",
        "INTRODUCTIONS AND APOLOGIES",
        "PURPOSE OF THE MEETING",
        "REPORTS PROVIDED BY THOSE UNABLE TO ATTEND",
        "NOTES OF PREVIOUS MEETING/MATTERS ARISING",
        "CHECK MEMBES HAVE A COPY OF THE PROTECTION PLAN",
        "CHILD’S VIEWS",
        "PARENTS/CARERS VIEWS",
        "[FIRST REVIEW CORE GROUP] – PROGRESS OF THE ASSESSMENT: (Date for completion and "
        "arrangements for providing a copy to family members, core group members and "
        "independent chair )",
        "WRITTEN CONTRIBUTIONS TO THE JOINT REPORT",
        "REVIEW OF THE PROGRESS OF THE PROTECTION PLAN AND UPDATES REQUIRED (agree key "
        "actions with timescales)",
        "IDENTIFICATION OF RISK FACTORS/PROTECTIVE FACTORS",
        "MULTI-AGENCY ANALYSIS/RECOMMENDATION TO REVIEW CONFERENCE",
        "ARRANGEMENTS FOR THE COMPLETION OF THE JOINT REPORT",
        "DATES, TIMES, VENUES FOR FUTURE CORE GROUPS",
    ),
}

# The meeting in a few words, for page headers and titles: 003's agenda titles are too
# long there.
SHORT_KINDS = {
    AgendaKind.FIRST: "First core group",
    AgendaKind.SUBSEQUENT: "Subsequent core group",
    AgendaKind.BEFORE_REVIEW: "Core group before the review conference",
}


def short_kind(title: str) -> str:
    """`First core group` for 003's "AGENDA FOR FIRST CORE GROUP", and so on (a title
    that is none of the three, as it is)."""
    try:
        return SHORT_KINDS[AgendaKind(title)]
    except ValueError:
        return title


# The flow chart's note under each agenda's title (003, flow chart).
TITLE_NOTES = {AgendaKind.FIRST: "chaired by Team Manager",
               AgendaKind.BEFORE_REVIEW: "TM to attend"}

# 003's FORMAT FOR NOTES, given for the first core group only: its own numbers (2 twice)
# and order (the views after the plan review). The other meetings' notes take their
# agenda's items as headings (PACK.md section 3).
FIRST_NOTES: tuple[tuple[int, str], ...] = (
    (1, "NOTE TAKER (name, agency)"),
    (2, "INTRODUCTIONS AND APOLOGIES"),
    (2, "PURPOSE OF THE MEETING AND EXPLANATION TO FAMILY MEMBERS ABOUT THE ROLE OF THE "
        "CORE GROUP"),
    (3, "CONFIRMATION OF CORE GROUP MEMBERSHIP/RECORDING OF CONTACT DETAILS"),
    (4, "DO CORE GROUP MEMBERS HAVE A COPY OF THE OUTLINE CHILD PROTECTION PLAN?"),
    (5, "ASSESSMENT: CONTRIBUTIONS FROM CORE GROUP MEMBERS AND ARRANGEMENTS FOR COMPLETION"),
    (6, "REVIEW OF PROGRESS OF OUTLINE CHILD PROTECTION PLAN AND DEVELOPMENT OF THE "
        "DETAILED PROTECTION PLAN – AGREE KEY ACTION POINTS WITH TIMESCALES"),
    (7, "ANY FURTHER RELEVANT INFORMATION WITH REGARD TO THE CHILD’S SAFETY AND WELFARE"),
    (8, "PARENTS/CARERS VIEWS ON THE PROTECTION PLAN"),
    (9, "VOICE OF THE CHILD"),
    (10, "DATES, TIMES, VENUES FOR CORE GROUP MEETING UNTIL SECOND REVIEW CONFERENCE"),
)


def notes_headings(kind: AgendaKind) -> tuple[tuple[int, str], ...]:
    """The notes' headings for a meeting of `kind`, each with its number as printed."""
    if kind is AgendaKind.FIRST:
        return FIRST_NOTES
    return tuple(enumerate(ITEMS[kind], 1))


class Topic(enum.Enum):
    """What an agenda item or notes heading is about: the pack fills it, and the notes
    reader reads it back, by its topic (headings on one subject read alike)."""
    NOTE_TAKER = "note taker"
    ATTENDANCE = "attendance"
    PURPOSE = "purpose"
    MEMBERSHIP = "membership"
    COPIES = "copies"
    ASSESSMENT = "assessment"
    REPORTS = "reports"
    PREVIOUS = "previous meeting"
    CHILD_VIEWS = "child's views"
    PARENT_VIEWS = "parents' views"
    PLAN_REVIEW = "plan review"
    FURTHER = "further information"
    CONTRIBUTIONS = "written contributions"
    RISKS = "risk factors"
    RECOMMENDATION = "recommendation"
    JOINT_REPORT = "joint report"
    DATES = "dates"


# Opening words of each title, in order; the first that matches gives the topic.
_TOPICS = (
    ("IDENTIFICATION OF NOTE TAKER", Topic.NOTE_TAKER), ("NOTE TAKER", Topic.NOTE_TAKER),
    ("INTRODUCTIONS", Topic.ATTENDANCE), ("PURPOSE", Topic.PURPOSE),
    ("CONFIRMATION OF CORE GROUP MEMBERSHIP", Topic.MEMBERSHIP),
    ("CHECK MEMB", Topic.COPIES), ("DO CORE GROUP MEMBERS HAVE A COPY", Topic.COPIES),
    ("ASSESSMENT", Topic.ASSESSMENT), ("PROGRESS OF ASSESSMENT", Topic.ASSESSMENT),
    ("[FIRST REVIEW CORE GROUP]", Topic.ASSESSMENT),
    ("REPORTS PROVIDED", Topic.REPORTS), ("NOTES OF PREVIOUS", Topic.PREVIOUS),
    ("CHILD’S VIEWS", Topic.CHILD_VIEWS), ("VOICE OF THE CHILD", Topic.CHILD_VIEWS),
    ("PARENT", Topic.PARENT_VIEWS), ("REVIEW OF", Topic.PLAN_REVIEW),
    ("ANY FURTHER", Topic.FURTHER), ("WRITTEN CONTRIBUTIONS", Topic.CONTRIBUTIONS),
    ("IDENTIFICATION OF RISK", Topic.RISKS), ("MULTI-AGENCY", Topic.RECOMMENDATION),
    ("ARRANGEMENTS FOR THE COMPLETION", Topic.JOINT_REPORT), ("DATES", Topic.DATES),
)


def topic_of(title: str) -> Topic:
    """The topic of one of 003's agenda items or notes headings."""
    for opening, topic in _TOPICS:
        if title.startswith(opening):
            return topic
    raise ValueError(f"not one of 003's headings: {title!r}")
