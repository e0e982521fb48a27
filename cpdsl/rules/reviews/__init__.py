"""CP4, timescales of the review conferences, their recommendations and the plan's end
(CP405, CP406, CP408, CP409, CP410, CP413, CP414). The readings shared with the core
group's timescales are in cpdsl/rules/timescales/.

A `reconvened` conference, called early because the core group can no longer carry out
the plan or a new concern arose (000_5146a52aabc1ef30.txt, section 4: "A discussion
should take place to consider if the conference is reconvened if the core group is
unable to implement the Child Protection Plan"), reviews the plan: it counts as a review
conference for the timescales (CP405, CP406, CP409, CP414), and the next review counts
from it. It is not prepared as a planned review is (CP408's joint report, CP410's
pre-review core group): an urgent conference cannot wait for either.

One module per part: `conferences`, `joint_report`, `recommendations` and `plan_end`.
"""

from cpdsl.rules.reviews import conferences, joint_report, plan_end, recommendations

RULES = tuple(sorted((*conferences.RULES, *joint_report.RULES, *recommendations.RULES,
                      *plan_end.RULES), key=lambda rule: rule.code))
