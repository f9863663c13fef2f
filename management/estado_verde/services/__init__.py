"""Writes of Estado Verde: every rule that blocks saving, with a Spanish message."""
