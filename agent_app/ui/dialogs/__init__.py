"""Dialogs the pages open: each one asks the clerk one thing and returns the answer."""
