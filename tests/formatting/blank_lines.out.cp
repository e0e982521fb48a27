plan "Northtown blank lines" {
  profile england
  reference "CP-1"

  child amy { name "Amy Example" born 2019-04-12 }
  child ben { name "Ben Example" born 2021-09-30 }

  chair sam
}
