"""The frozen desktop app's entry point (``guichet-amo``)."""

from agent_app.ui.app import main

raise SystemExit(main())
