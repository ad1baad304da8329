"""The wire protocol between the counter app and the central CNSS API, and both of its ends.

``sync.protocol`` is pure (no network, no SQL, no Qt) and is the only code the client and the
reference server share. Nothing under ``sync`` imports ``agent_app``.
"""
