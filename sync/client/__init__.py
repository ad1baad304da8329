"""The counter's end of the link: a transport on ``requests`` and a sync engine over an Outbox.

It never imports ``agent_app``: the app implements :class:`sync.client.outbox.Outbox`.
"""
