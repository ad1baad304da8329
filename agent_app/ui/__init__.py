"""The desktop app (PySide6 only here): windows, pages, dialogs, Qt models, printing.

The UI thread never runs SQL or HTTP: every store call goes through :mod:`.tasks` to the
single database worker, and results come back as callbacks on the GUI thread.
"""
