"""Pure rules of the counter: identifiers, claim and enrolment validation, statuses.

Nothing here imports Qt or SQL; every function is deterministic given its inputs (the date of
"today" is always a parameter), so the rules can be tested with hypothesis and reused by the
CLI, the services and the desktop UI alike.
"""
