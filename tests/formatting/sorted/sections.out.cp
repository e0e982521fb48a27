# Sorting: every section out of order, each statement with its comments.
plan "Northtown sorting" {  # on the plan's line
  category neglect
  profile england  # settings last of all
  child amy { name "Amy Example" born 2019-04-12 }
  conference initial 2026-01-15

  member jo { name "Jo Lee" role health-visitor }
  # Sam is the allocated worker.
  member sam { name "Sam Patel" role social-worker }
  chair sam
  second-chair jo
  need safety "Amy is not safe at home" { domain safety }  # the only need
  outcome safe "Amy is safe at home" { need safety by 2026-06-01 }

  # Actions before the needs they meet.
  action visits "Jo visits Amy at home every week" {  # the first action
    outcome safe
    owner jo
    due 2026-02-01
  }
  action school "The school reports Amy's attendance" { outcome safe owner sam due 2026-02-01 }
  contact amy by sam every 2 weeks
  contingency """
    If Amy cannot stay at home, she stays with her aunt.
  """

  core-groups every 4 weeks
  meeting core-group 2026-03-10 { chair sam attended sam jo }
  # The end comes first here.
  ended 2026-09-01
  # Before the plan's closing brace.
}
# After the plan.
