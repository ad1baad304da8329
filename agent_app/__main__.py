"""``python -m agent_app`` runs the operator CLI."""

from agent_app.cli import main

raise SystemExit(main())
