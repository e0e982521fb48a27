plan """Northtown
  blocks""" {
  contingency """
    If Amy misses two appointments, Sam will convene a core group.

      Kerry will be told the same day.
  """
  views child """Amy says she likes school.
    She wants her mum at sports day."""
  member sam {
    name """Sam Patel"""
  }
  outcome calm "Calm home" {
    measure """
      Worry score of 3 or lower
    """
  }
  services """   Family Hub   """
}
