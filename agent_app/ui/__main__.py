"""``python -m agent_app.ui`` starts the desktop app."""

from agent_app.ui.app import main

raise SystemExit(main())
