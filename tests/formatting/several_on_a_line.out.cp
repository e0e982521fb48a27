plan "Northtown one line" {
  profile england
  reference "CP-1"
  chair sam
  second-chair jo
  core-groups every 4 weeks
  member sam { name "Sam Patel" }
  member jo { name "Jo Lee" }
  signed sam 2026-01-19
  signed jo 2026-01-19
}
