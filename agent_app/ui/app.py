"""Starting the desktop app: language, the encrypted store, login, the main window.

``guichet-amo [--data-dir D] [--lang fr|ar|en]`` (or ``python -m agent_app.ui``). The store is
opened before the window exists (checked and migrated); the database key comes from the OS
keyring, or from ``AGENT_APP_PASSPHRASE``, or from a passphrase dialog.

Two flags serve installation checks and benchmarks: ``--smoke-test`` (see
:mod:`agent_app.ui.smoke`) and ``--exit-at-login``, which quits as soon as the login window
has painted and prints how long the process took to get there.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from agent_app.errors import AppError
from agent_app.i18n import LANGS, Lang, pick_lang
from agent_app.logs import configure_logging
from agent_app.services.point import (
    check_integrity_daily,
    idle_lock_minutes,
    open_store,
    point_identity,
)
from agent_app.store.engine import Store
from agent_app.ui.context import UiContext
from agent_app.ui.errors import show_error
from agent_app.ui.i18n import apply_language, apply_style
from agent_app.ui.login import LoginDialog
from agent_app.ui.main_window import (
    IdleWatcher,
    MainWindow,
    PageFactory,
    install_idle_lock,
)
from agent_app.ui.pages.day_report import DayReportPage
from agent_app.ui.pages.deposit import DepositPage
from agent_app.ui.pages.enrolment import EnrolmentPage
from agent_app.ui.pages.lookup import LookupPage
from agent_app.ui.pages.shipments import ShipmentsPage
from agent_app.ui.pages.supervisor import SupervisorPage
from agent_app.ui.pages.sync import SyncPage
from agent_app.ui.receipt_printer import ReceiptPrinter
from agent_app.ui.sync_runner import SyncRunner
from agent_app.ui.tasks import TaskManager

log = logging.getLogger(__name__)


def page_factories(printer: ReceiptPrinter, runner: SyncRunner | None = None) -> list[PageFactory]:
    """The pages of the main window, in navigation order (F2, F3, …).

    The sync page comes before the supervisor's, so its key (F7) is the same for everyone;
    without a runner (a window that never syncs) there is no sync page.
    """
    sync_pages: list[PageFactory] = [] if runner is None else [lambda ctx: SyncPage(ctx, runner)]
    return [
        DepositPage,
        lambda ctx: EnrolmentPage(ctx, printer),
        LookupPage,
        lambda ctx: ShipmentsPage(ctx, printer),
        DayReportPage,
        *sync_pages,
        SupervisorPage,
    ]


def build_main_window(
    ctx: UiContext, settings: QSettings, printer: ReceiptPrinter | None = None
) -> tuple[MainWindow, ReceiptPrinter]:
    """The main window with its pages wired to printing and to each other."""
    printer = printer or ReceiptPrinter(ctx, settings)
    runner = SyncRunner(ctx)
    window = MainWindow(ctx, page_factories(printer, runner))
    printer.setParent(window)
    window.attach_sync(runner)
    deposit = window.page(DepositPage)
    if isinstance(deposit, DepositPage):
        deposit.claim_recorded.connect(printer.print_receipt)
        deposit.print_requested.connect(lambda number: printer.print_on_demand(number, window))
        deposit.claim_recorded.connect(lambda _number: runner.soon())
    sync_page = window.page(SyncPage)
    if isinstance(deposit, DepositPage) and isinstance(sync_page, SyncPage):
        deposit_index = window.page_index(DepositPage)

        def correct(receipt_no: str, code: str, message: str) -> None:
            window.show_page(deposit_index)
            deposit.start_correction(receipt_no, code, message)

        sync_page.correction_requested.connect(correct)
        deposit.claim_corrected.connect(lambda _old, _new: sync_page.refresh())
    enrolment = window.page(EnrolmentPage)
    if isinstance(enrolment, EnrolmentPage):
        enrolment.enrolment_recorded.connect(lambda _number: runner.soon())
    if isinstance(enrolment, EnrolmentPage) and isinstance(sync_page, SyncPage):
        enrolment_index = window.page_index(EnrolmentPage)

        def correct_enrolment(receipt_no: str, code: str, message: str) -> None:
            window.show_page(enrolment_index)
            enrolment.start_correction(receipt_no, code, message)

        sync_page.enrolment_correction_requested.connect(correct_enrolment)
        enrolment.enrolment_corrected.connect(lambda _old, _new: sync_page.refresh())
    lookup = window.page(LookupPage)
    if isinstance(lookup, LookupPage):
        lookup.reprint_requested.connect(lambda number: printer.print_on_demand(number, window))
    printer.printed.connect(
        lambda number: window.statusBar().showMessage(
            QCoreApplication.translate("app", "Imprimé : {number}").format(number=number), 8000
        )
    )
    printer.not_printed.connect(
        lambda number, reason: window.statusBar().showMessage(
            QCoreApplication.translate("app", "Non imprimé : {number} ({reason})").format(
                number=number, reason=reason
            )
            if reason
            else QCoreApplication.translate("app", "Non imprimé : {number}").format(number=number),
            15000,
        )
    )
    return window, printer


def settle_garbage_collector() -> None:
    """Keep Python's full collections short once the window is up.

    A full collection holds the GIL whichever thread sets it off: while the store worker reads
    a large result, collections over every object of Qt, SQLAlchemy and the pages stalled
    the GUI thread up to 78 ms (``make bench``). What exists once the window is built lives
    for the whole session: frozen, the collector skips it; a larger first threshold makes
    collections rarer while the worker allocates row after row.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def ui_settings(data_dir: Path) -> QSettings:
    """Non-secret preferences of this workstation (language, printer, window geometry)."""
    return QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)


def ask_passphrase() -> str | None:
    from_env = os.environ.get("AGENT_APP_PASSPHRASE")
    if from_env:
        return from_env
    text, ok = QInputDialog.getText(
        None,
        QApplication.translate("app", "Guichet AMO"),
        QApplication.translate("app", "Phrase de passe du magasin de données :"),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    from agent_app.cli import default_data_dir

    parser = argparse.ArgumentParser(prog="guichet-amo")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("AGENT_APP_DATA_DIR") or default_data_dir()),
    )
    parser.add_argument("--lang", choices=list(LANGS))
    checks = parser.add_mutually_exclusive_group()
    checks.add_argument(
        "--smoke-test",
        action="store_true",
        help="open (or create) the store, build and render every page, print one line, exit",
    )
    checks.add_argument(
        "--exit-at-login",
        action="store_true",
        help="quit once the login window has painted, printing the time since process start",
    )
    return parser.parse_args(list(argv))


def process_age_ns() -> int | None:
    """Nanoseconds since the OS started this process (before Python itself), where known.

    Linux only (``/proc/self/stat``, in clock ticks: 10 ms steps); ``None`` elsewhere.
    """
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rpartition(")")[2].split()
        start_ticks = int(fields[19])  # field 22 of stat(5), counted after the command name
        boot_ns = time.clock_gettime_ns(time.CLOCK_BOOTTIME)
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return boot_ns - start_ticks * 1_000_000_000 // os.sysconf("SC_CLK_TCK")


class _ExitAtFirstPaint(QObject):
    """Closes the login dialog once its first paint is done and says when that was."""

    def __init__(self, dialog: LoginDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.seen = False
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.report)  # once this paint has finished
        return False

    def report(self) -> None:
        shown_ns = time.monotonic_ns()
        age = process_age_ns()
        since = "unknown" if age is None else f"{age / 1e9:.3f} s"
        line = f"login window shown: {since} after process start (monotonic_ns {shown_ns})"
        log.info("%s", line)
        if sys.stdout is not None:  # a windowed Windows build has no console
            print(line, flush=True)
        self.dialog.reject()


def read_identity(ctx: UiContext) -> None:
    # Start-up only, before any window: wait for the worker rather than reading on this thread.
    ctx.point_code, ctx.point_name = ctx.tasks.submit_db_blocking(lambda: point_identity(ctx.store))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # noqa: S101 - a widget app is required here
    app.setApplicationName("Guichet AMO")
    apply_style(app)
    data_dir: Path = args.data_dir
    settings = ui_settings(data_dir) if data_dir.is_dir() else None
    stored_lang = str(settings.value("lang", "")) if settings is not None else ""
    lang: Lang = args.lang or next((code for code in LANGS if code == stored_lang), pick_lang())
    apply_language(app, lang)
    if data_dir.is_dir():
        configure_logging(data_dir)
    if args.smoke_test:
        from agent_app.ui.smoke import main_smoke_test

        return main_smoke_test(app, data_dir, lang)
    try:
        store = open_store(data_dir, ask_passphrase)
    except AppError as exc:
        QMessageBox.critical(None, QApplication.translate("app", "Guichet AMO"), exc.message(lang))
        return 1
    return run_session(
        app,
        store,
        data_dir,
        lang,
        settings or ui_settings(data_dir),
        exit_at_login=args.exit_at_login,
    )


def run_session(
    app: QApplication,
    store: Store,
    data_dir: Path,
    lang: Lang,
    settings: QSettings,
    *,
    exit_at_login: bool = False,
) -> int:
    tasks = TaskManager()
    ctx = UiContext(store=store, tasks=tasks, data_dir=data_dir, lang=lang)
    try:
        read_identity(ctx)
        login = LoginDialog(ctx)
        if exit_at_login:
            _ExitAtFirstPaint(login)
        if not login.exec() or login.actor is None:
            return 0
        ctx.actor = login.actor
        if login.chosen_lang != ctx.lang:
            ctx.lang = login.chosen_lang
            apply_language(app, ctx.lang)
        settings.setValue("lang", ctx.lang)
        window, _printer = build_main_window(ctx, settings)
        settle_garbage_collector()
        idle_minutes = tasks.submit_db_blocking(lambda: idle_lock_minutes(store))
        watcher = install_idle_lock(app, window, idle_minutes)
        supervision = window.page(SupervisorPage)
        if isinstance(supervision, SupervisorPage):
            supervision.settings_changed.connect(
                lambda values: watcher.set_minutes(
                    float(values.get("ui.idle_lock_minutes", idle_minutes))
                )
            )

        connect_lock(ctx, window, watcher)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        window.show_page(window.stack.currentIndex())  # focus the page's first field again
        # The full page check reads the whole file: once a day, on its own thread.
        now = ctx.clock()
        tasks.run_maintenance(
            lambda: check_integrity_daily(store, now),
            lambda done: (
                show_error(window, error, ctx.lang)
                if (error := done.exception()) is not None
                else None
            ),
        )
        return app.exec()
    finally:
        tasks.shutdown()
        store.close()


def connect_lock(ctx: UiContext, window: MainWindow, watcher: IdleWatcher) -> None:
    """Ctrl+L and the idle lock open the lock dialog over ``window``.

    Only the locked clerk unlocks (see ``LoginDialog``): the session and ``ctx.actor`` never
    change behind the screen, so the person shown, recorded and audited stay the same one.
    While locked the window's content is hidden, so the half-typed form and the lists cannot
    be read behind the dialog. Quitting from the lock dialog closes the window.
    """

    def lock() -> None:
        watcher.pause()
        runner = window.sync_runner
        if runner is not None:
            runner.pause()  # no pass runs behind a locked screen
        content = window.content
        content.hide()  # the form and lists stay unreadable behind the lock dialog
        dialog = LoginDialog(ctx, window, locked_for=ctx.actor)
        if dialog.exec() and dialog.actor is not None:
            content.show()
            window.show_page(window.stack.currentIndex())  # focus back in the form
            watcher.resume()
            if runner is not None:
                runner.resume()
        else:
            window.close()

    window.lock_requested.connect(lock)
