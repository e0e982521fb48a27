"""CP107, suppressions that suppress nothing or give no reason.

The check itself runs after every other rule (cpdsl/suppressions.py), since it needs their
findings; here are its metadata and documentation, like CP100's and CP101's.
"""

from cpdsl.diagnostics import Severity
from cpdsl.rules.base import Rule, cleandoc

UNUSED_SUPPRESSION = Rule(
    "CP107", "unused-suppression", Severity.WARNING,
    "a `cplint: ignore[...]` that suppressed nothing, or has no reason",
    cleandoc("""A suppression comment that suppresses nothing, or that gives no reason.

    A finding that has been considered and accepted can be suppressed where it stands,
    with the reason written in the plan for whoever reads it next:

    - `# cplint: ignore[CODES] reason` on the finding's line, or alone on the line above
      it (or above a run of comment lines above it);
    - `# cplint: ignore-file[CODES] reason` anywhere, for the whole file.

    CODES are rule codes (`CP105`), prefixes (`CP1`) or rule names (`invalid-value`),
    separated by commas. A suppression that suppresses nothing hides nothing today but
    would hide a real finding tomorrow, and one without a reason leaves the next reader
    guessing why the plan departs from the guidance. A suppression of a rule that the
    configuration turns off is not reported. CP107 itself cannot be suppressed in a
    comment: turn it off with `ignore = ["CP107"]` in the configuration.

    Severity: warning. No guidance speaks of suppressions: a suppression that hides nothing
    does not make the plan wrong, but it would hide a real finding tomorrow.

    Fails:
        member sam { name "Sam Patel" role social-worker lead }
        # cplint: ignore[CP105] a local role agreed with the team manager
        chair sam

    Passes:
        # cplint: ignore[CP105] a local role agreed with the team manager
        member sam { name "Sam Patel" role key-worker lead }
        chair sam
    """),
)

RULES = (UNUSED_SUPPRESSION,)
