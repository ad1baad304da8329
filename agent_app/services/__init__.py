"""Use cases with transaction boundaries: record_claim, void_claim, enrol, users, reports.

Each service opens exactly one write transaction for one user action, so a record, its status
event and its audit entry commit together or not at all. Services never import Qt and never
talk to the network.
"""
