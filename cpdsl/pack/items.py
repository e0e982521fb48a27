"""003's three agendas, item by item, as 003 prints them (003_53fa38a38afc9856.txt,
AGENDAS): capitals, curly apostrophes, spaces inside brackets and its spelling
("MEMBES") kept; a title 003 breaks over two lines, or splits with a tab, joined by one
space (PACK.md's quotation convention). The flow chart's notes go under the title."""

from __future__ import annotations

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

# The flow chart's note under each agenda's title (003, flow chart).
TITLE_NOTES = {AgendaKind.FIRST: "chaired by Team Manager",
               AgendaKind.BEFORE_REVIEW: "TM to attend"}
