"""Hostile and broken inputs for thidua-kg, generated deterministically from a seed (see :mod:`.corpus`)."""
