# Before the plan: a header comment.

# A second one, after a blank line.
plan "Northtown comments" {  # on the plan's line
  # Own-line, before the first statement.
  profile england   # end of line, spaces before it
     # Own-line, oddly indented.
  child amy {
    name "Amy Example"  # inside a block, end of line
    # inside a block, own line
    born 2019-04-12
    # inside a block, before the closing brace
  }

  # Between top-level blocks, after a blank line.

  member sam { name "Sam Patel" role social-worker }  # after a short block
  member jo { # after an opening brace
    name "Jo Lee" }
  contact amy  # in the middle of a statement
    by sam every 2 weeks  # at its end
  need health
    # own line in the middle of a statement
    "Amy's health" { domain health }
  chair sam  # suppression below
  # cplint: ignore[CP302] second chair agreed by phone
  second-chair jo
  # Before the plan's closing brace.
}  # after the plan's brace
# After the plan.

# The very end.
