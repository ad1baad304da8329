"""Where the app writes its log, and the rule that keeps personal data out of it.

Logs go to ``<data dir>/logs/agent-app.log`` (rotated). They name receipt numbers, counts,
codes and durations, never a name, CIN, immatriculation or amount: a log file is plain text
and travels in support tickets.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_DIR = "logs"
LOG_FILE = "agent-app.log"


def configure_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    directory = data_dir / LOG_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing, logging.handlers.RotatingFileHandler):
            root.removeHandler(existing)
            existing.close()
    root.addHandler(handler)
    root.setLevel(level)
    return path
