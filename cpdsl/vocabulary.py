"""The fixed lists that values in a plan come from (CP105 checks them)."""

from cpdsl.profile import shipped_profiles

ROLES = (
    "social-worker", "team-manager", "health-visitor", "school-nurse", "gp", "teacher",
    "designated-safeguarding-lead", "police", "probation", "housing",
    "substance-misuse-worker", "parent", "carer", "relative", "child", "advocate",
    "interpreter", "other",
)
FAMILY_ROLES = ("parent", "carer", "relative")

# Categories of abuse or neglect (Working Together; Northern Ireland adds exploitation).
CATEGORIES = ("neglect", "physical", "sexual", "emotional", "exploitation")

# The Assessment Framework's domains, as 000_5146a52aabc1ef30.txt (section 6) names them.
DOMAINS = (
    # the child's developmental needs
    "health", "education", "emotional-and-behavioural-development", "identity",
    "family-and-social-relationships", "social-presentation", "self-care-skills",
    # parenting capacity
    "basic-care", "ensuring-safety", "emotional-warmth", "stimulation",
    "guidance-and-boundaries", "stability",
    # family and environmental factors
    "family-history-and-functioning", "wider-family", "housing", "employment", "income",
    "family-social-integration", "community-resources",
)

ACTION_STATUSES = ("open", "done", "dropped")
# A `reconvened` conference is one called early (000_5146a52aabc1ef30.txt, section 4: the
# core group "unable to implement the Child Protection Plan"); it counts as a review.
CONFERENCE_KINDS = ("initial", "review", "reconvened")
MEETING_KINDS = ("core-group",)
RECOMMENDATIONS = ("continue", "end")

# Whose views: these groups, or a child's or member's id.
VIEWS_GROUPS = ("child", "children", "parents", "carers", "family")

# Profiles shipped with cplint (cpdsl/profiles/*.toml): the nations' and local procedures.
PROFILES = tuple(shipped_profiles())
