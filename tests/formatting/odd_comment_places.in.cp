plan # after the plan keyword
"Northtown odd places" # after the title
{ # after the plan's brace
  contingency """
   Sam convenes a core group.
   """  # after a triple-quoted block
  member sam { # in an empty block
  }
  member jo
  # between a statement and its block
  { name "Jo Lee" }
}
