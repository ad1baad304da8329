"""Where the app writes its log, and the rule that keeps personal data out of it.

Logs go to ``<data dir>/logs/agent-app.log`` (rotated). They name receipt numbers, counts,
codes and durations, never a name, CIN, immatriculation or amount: a log file is plain text
and travels in support tickets. Each message is one line (``printable``): a file name with a
newline cannot forge a log line.

Must never make a failure worse: when the log itself cannot be written (disk full, medium
gone), the handler says so once on standard error and stays quiet, instead of the standard
library's traceback for every record.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from pathlib import Path

from agent_app.i18n import printable

LOG_DIR = "logs"
LOG_FILE = "agent-app.log"


class OneLineFormatter(logging.Formatter):
    """The record's message escaped onto one line; a traceback, when there is one, follows."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        copy = logging.makeLogRecord(record.__dict__)
        copy.message = printable(record.message)
        return super().formatMessage(copy)


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file whose write failures cost one line on stderr, once per process."""

    reported = False

    def handleError(self, record: logging.LogRecord) -> None:
        if logging.raiseExceptions and not self.reported:
            self.reported = True
            error = sys.exc_info()[1]
            detail = getattr(error, "strerror", None) or type(error).__name__
            try:
                sys.stderr.write(
                    f"agent-app: log file not written ({detail}): {self.baseFilename}\n"
                )
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
        # A stream left half-written keeps failing; reopen it on the next record.
        with contextlib.suppress(OSError):
            if self.stream is not None:
                self.stream.close()
        self.stream = None


def configure_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    directory = data_dir / LOG_DIR
    # A full disk: the handler reports the unwritable log once, on the first record.
    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    handler = QuietRotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(OneLineFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing, logging.handlers.RotatingFileHandler):
            root.removeHandler(existing)
            existing.close()
    root.addHandler(handler)
    root.setLevel(level)
    return path
