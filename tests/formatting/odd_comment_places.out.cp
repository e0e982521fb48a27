# after the plan keyword
# after the title
plan "Northtown odd places" {  # after the plan's brace
  contingency """
    Sam convenes a core group.
  """  # after a triple-quoted block
  member sam {  # in an empty block
  }
  # between a statement and its block
  member jo { name "Jo Lee" }
}
