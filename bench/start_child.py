"""Run in a fresh interpreter by the GUI benchmark: how long the app takes to show its login.

``python start_child.py DATA_DIR main`` runs the app's own ``agent_app.ui.app.main`` and
notes when the login dialog is first painted (a timer looks for the active modal
``LoginDialog``; an event filter on it sees its first paint), then closes the dialog, which
ends ``main``. ``... DATA_DIR steps`` does what ``main`` does, step by step, and times each
step: the import, the ``QApplication``, the style sheet, the language, ``open_store``, the
task manager, reading the point's identity, making the dialog, and its first paint.

The passphrase comes from ``AGENT_APP_PASSPHRASE``; ``QT_QPA_PLATFORM`` from the caller.
Prints one JSON object of ``time.monotonic_ns()`` readings (the same clock in every process
on Linux, so the caller can count from the moment it started this process), with
``agent_app`` resolved from where this file lies. Only the standard library is imported
before the first reading.
"""

from __future__ import annotations

import time

STARTED = time.monotonic_ns()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

FALLBACK_MS = 2000  # a dialog shown but never seen painting: take the moment it was seen


def now() -> int:
    return time.monotonic_ns()


def run_main(data_dir: Path) -> dict[str, Any]:
    """The real ``main()``: the dialog found by a timer, its first paint by a filter."""
    marks: dict[str, Any] = {"started": STARTED}
    from agent_app.ui import app as gui

    marks["imported"] = now()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from agent_app.ui.login import LoginDialog

    # main() makes the QApplication when there is none; made here, so a timer can watch.
    qapp = QApplication([sys.argv[0]])
    marks["application"] = now()

    class FirstPaint(QObject):
        def __init__(self, dialog: LoginDialog) -> None:
            super().__init__(dialog)
            self.dialog = dialog

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painting" not in marks:
                marks["painting"] = now()
                QTimer.singleShot(0, self.painted)  # once this paint is done
            return False

        def painted(self) -> None:
            marks["shown"] = now()
            self.dialog.reject()

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog) and dialog.isVisible() and "visible" not in marks:
            marks["visible"] = now()
            dialog.installEventFilter(FirstPaint(dialog))
            dialog.update()

            def fallback() -> None:
                if "shown" not in marks:
                    marks["shown"] = marks["visible"]
                    marks["paint_seen"] = False
                    dialog.reject()

            QTimer.singleShot(FALLBACK_MS, fallback)

    watch = QTimer()
    watch.setInterval(1)
    watch.timeout.connect(look)
    watch.start()
    marks["exit_code"] = gui.main(["--data-dir", str(data_dir)])
    marks["ended"] = now()
    marks.setdefault("paint_seen", "painting" in marks)
    marks["agent_app"] = str(Path(gui.__file__).resolve().parents[2])
    del qapp
    return marks


def run_steps(data_dir: Path) -> dict[str, Any]:
    """What ``main()`` does before the login, one step at a time."""
    marks: dict[str, Any] = {"started": STARTED}
    from agent_app.ui import app as gui

    marks["imported"] = now()
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from agent_app.i18n import LANGS, pick_lang
    from agent_app.logs import configure_logging
    from agent_app.services.point import open_store
    from agent_app.ui.context import UiContext
    from agent_app.ui.i18n import apply_language, apply_style
    from agent_app.ui.login import LoginDialog
    from agent_app.ui.tasks import TaskManager

    qapp = QApplication([sys.argv[0]])
    qapp.setApplicationName("Guichet AMO")
    marks["application"] = now()
    apply_style(qapp)
    marks["style"] = now()
    settings = gui.ui_settings(data_dir)
    stored = str(settings.value("lang", ""))
    lang = next((code for code in LANGS if code == stored), pick_lang())
    apply_language(qapp, lang)
    marks["language"] = now()
    configure_logging(data_dir)
    marks["logging"] = now()
    store = open_store(data_dir, gui.ask_passphrase)
    marks["store"] = now()
    tasks = TaskManager()
    ctx = UiContext(store=store, tasks=tasks, data_dir=data_dir, lang=lang)
    marks["tasks"] = now()
    gui.read_identity(ctx)
    marks["identity"] = now()
    dialog = LoginDialog(ctx)
    marks["dialog"] = now()
    loop = QEventLoop()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painting" not in marks:
                marks["painting"] = now()
                QTimer.singleShot(0, loop.quit)
            return False

    dialog.installEventFilter(FirstPaint(dialog))
    dialog.show()
    marks["show_called"] = now()
    QTimer.singleShot(FALLBACK_MS, loop.quit)
    loop.exec()
    marks["shown"] = now()
    marks["paint_seen"] = "painting" in marks
    marks["agent_app"] = str(Path(gui.__file__).resolve().parents[2])
    dialog.reject()
    tasks.shutdown()
    store.close()
    marks["ended"] = now()
    return marks


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in ("main", "steps"):
        print("usage: python start_child.py DATA_DIR main|steps", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(argv[0])
    marks = run_main(data_dir) if argv[1] == "main" else run_steps(data_dir)
    print(json.dumps(marks))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
