"""The frozen operator CLI's entry point (``agent-app``)."""

from agent_app.cli import main

raise SystemExit(main())
