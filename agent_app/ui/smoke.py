"""``guichet-amo --smoke-test``: proof that an installed (or frozen) app really works.

Opens the store in ``--data-dir`` (or creates one for a point ``SMKTEST`` when there is none),
migrates it, checks the file and its audit chain, builds the main window as a supervisor sees
it, shows and renders every page once, closes, and prints one line::

    smoke-test ok: schema 0003, 7 pages, 120 claims, 12 enrolments, 345 audit entries, 1.23 s

Any failure prints one line starting ``smoke-test failed:`` on standard error and exits 1: an
exception, a page whose background load failed (an error logged), a dialog that would have
waited for a person, a page that did not render. Nothing reaches the network: the window's
sync runner is stopped before the event loop first runs, so no pass ever starts. The key
comes from ``AGENT_APP_PASSPHRASE`` or the OS keyring, never from a dialog.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Literal

import sqlalchemy as sa
from PySide6.QtCore import QDeadlineTimer, QEventLoop, QLibraryInfo, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog

from agent_app.domain.model import Role
from agent_app.errors import AppError
from agent_app.i18n import LANGS, Lang
from agent_app.logs import configure_logging
from agent_app.services.context import Actor
from agent_app.services.integrity import verify
from agent_app.services.point import initialise, open_store
from agent_app.store import migrate
from agent_app.store.engine import DB_FILE, Store
from agent_app.store.models import Claim, Enrolment
from agent_app.ui.context import UiContext
from agent_app.ui.i18n import resources_dir, translations_dir
from agent_app.ui.tasks import TaskManager

log = logging.getLogger(__name__)

SMOKE_POINT_CODE = "SMKTEST"  # point codes have no I or O
SMOKE_POINT_NAME = "Smoke test"
SMOKE_ACTOR = Actor(username="smoke-test", role=Role.SUPERVISOR)
# A page's first load on a large store reads on the worker: generous, still bounded.
PAGE_SETTLE_MS = 60_000


class SmokeTestFailed(Exception):
    """Something a working installation would not do."""


@dataclass(frozen=True, slots=True)
class SmokeReport:
    schema: str
    pages: list[str]
    claims: int
    enrolments: int
    audit_entries: int
    created: bool
    seconds: float

    def line(self) -> str:
        made = ", store created" if self.created else ""
        return (
            f"smoke-test ok: schema {self.schema}, {len(self.pages)} pages, {self.claims} claims,"
            f" {self.enrolments} enrolments, {self.audit_entries} audit entries{made},"
            f" {self.seconds:.2f} s"
        )


@dataclass(slots=True)
class Problems:
    """What went wrong while the window was up: logged errors, dialogs, uncaught exceptions."""

    found: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        log.error("smoke test: %s", text)
        self.found.append(text)


class _ErrorRecords(logging.Handler):
    def __init__(self, problems: Problems) -> None:
        super().__init__(level=logging.ERROR)
        self.problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != __name__:
            detail = f" ({record.exc_info[1]!r})" if record.exc_info else ""
            self.problems.found.append(f"{record.name}: {record.getMessage()}{detail}")


def _passphrase() -> str | None:
    return os.environ.get("AGENT_APP_PASSPHRASE") or None


def open_or_create(data_dir: Path) -> tuple[Store, bool]:
    """The store in ``data_dir``, migrated; a new ``SMKTEST`` point's store when there is none.

    A new store's key is wrapped by ``AGENT_APP_PASSPHRASE`` when it is set, else kept in the
    OS keyring; with neither, ``initialise`` refuses with its own clear message.
    """
    if (data_dir / DB_FILE).exists():
        return open_store(data_dir, _passphrase), False
    method: Literal["keyring", "passphrase"] = "passphrase" if _passphrase() else "keyring"
    store = initialise(data_dir, SMOKE_POINT_CODE, SMOKE_POINT_NAME, _passphrase, key_method=method)
    return store, True


def check_resources() -> None:
    """The style sheet and every translation are where the app looks for them (a build that
    forgot its data files still starts, in French and unstyled: only this check notices)."""
    style = resources_dir() / "style.qss"
    if not style.is_file():
        raise SmokeTestFailed(f"style sheet missing: {style}")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for lang in LANGS:
        if lang == "fr":
            continue
        ours, qt_own = QTranslator(), QTranslator()
        path = translations_dir() / f"guichet_{lang}.qm"
        if not ours.load(str(path)) or ours.isEmpty():
            raise SmokeTestFailed(f"translation missing or empty: {path}")
        if not qt_own.load(f"qtbase_{lang}", qt_dir):
            raise SmokeTestFailed(f"Qt's own translation qtbase_{lang} missing from {qt_dir}")


def _counts(store: Store) -> tuple[str, int, int]:
    with store.engine.connect() as conn:
        schema = migrate.current_revision(conn) or "none"
    with store.read() as session:
        claims = session.scalar(sa.select(sa.func.count()).select_from(Claim)) or 0
        enrolments = session.scalar(sa.select(sa.func.count()).select_from(Enrolment)) or 0
    return schema, int(claims), int(enrolments)


def _settle(app: QApplication, tasks: TaskManager, timeout_ms: int = PAGE_SETTLE_MS) -> None:
    """Run the event loop until every background job has reported on the GUI thread."""
    deadline = QDeadlineTimer(timeout_ms)
    app.processEvents()
    while tasks.pending and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)
    app.processEvents()
    if tasks.pending:
        raise SmokeTestFailed(
            f"{tasks.pending} background job(s) still running after {timeout_ms} ms"
        )


def _close_dialogs(problems: Problems) -> Callable[[], None]:
    """A watch for modal dialogs: nobody is there to answer one, so it is a failure."""

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QDialog) and widget.isVisible():
            texts = [getattr(widget, "text", lambda: "")(), widget.windowTitle()]
            problems.add("a dialog opened: " + " / ".join(t for t in texts if t))
            widget.reject()

    return look


def run_smoke_test(app: QApplication, data_dir: Path, lang: Lang) -> SmokeReport:
    """Everything the smoke test checks; raises on the first failure."""
    from agent_app.ui.app import build_main_window, read_identity, ui_settings

    started = time.perf_counter()
    check_resources()
    store, created = open_or_create(data_dir)
    configure_logging(data_dir)
    problems = Problems()
    handler = _ErrorRecords(problems)
    logging.getLogger().addHandler(handler)
    previous_hook = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("uncaught exception", exc_info=(kind, error, tb))
        problems.found.append(f"{kind.__name__}: {error}")

    sys.excepthook = hook
    tasks = TaskManager()
    watch = QTimer()
    try:
        report = verify(store)
        if not report.ok:
            raise SmokeTestFailed(f"store check failed: {report}")
        schema, claims, enrolments = _counts(store)
        ctx = UiContext(store=store, tasks=tasks, data_dir=data_dir, lang=lang, actor=SMOKE_ACTOR)
        read_identity(ctx)
        watch.setInterval(50)
        watch.timeout.connect(_close_dialogs(problems))
        watch.start()
        window, _printer = build_main_window(ctx, ui_settings(data_dir))
        if window.sync_runner is not None:
            window.sync_runner.shutdown()  # before the event loop runs: no pass ever starts
        window.resize(1280, 800)
        window.show()
        titles: list[str] = []
        for index, entry in enumerate(window.entries):
            window.show_page(index)
            _settle(app, tasks)
            if window.stack.currentWidget() is not entry.page:
                raise SmokeTestFailed(f"page {entry.page.title()} could not be shown")
            if entry.page.grab().isNull():
                raise SmokeTestFailed(f"page {entry.page.title()} did not render")
            titles.append(entry.page.title())
        window.close()
        _settle(app, tasks)
        if problems.found:
            raise SmokeTestFailed("; ".join(problems.found[:3]))
        if not titles:
            raise SmokeTestFailed("the main window has no page")
        return SmokeReport(
            schema=schema,
            pages=titles,
            claims=claims,
            enrolments=enrolments,
            audit_entries=report.audit_entries,
            created=created,
            seconds=time.perf_counter() - started,
        )
    finally:
        watch.stop()
        sys.excepthook = previous_hook
        logging.getLogger().removeHandler(handler)
        tasks.shutdown()
        store.close()


def _say(line: str, *, error: bool = False) -> None:
    # A windowed Windows build has no console: the log file keeps the line there.
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(line, file=stream, flush=True)


def main_smoke_test(app: QApplication, data_dir: Path, lang: Lang) -> int:
    """The ``--smoke-test`` flag: 0 and one line when everything works, else 1 and one line."""
    try:
        report = run_smoke_test(app, data_dir, lang)
    except AppError as exc:
        log.info("smoke test failed: %s", exc.code)
        _say(f"smoke-test failed: {exc.message(lang)}", error=True)
        return 1
    except Exception as exc:
        log.exception("smoke test failed")
        _say(f"smoke-test failed: {type(exc).__name__}: {exc}", error=True)
        return 1
    log.info("%s", report.line())
    _say(report.line())
    return 0
