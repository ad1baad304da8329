"""The main window: navigation between pages, the status bar, the idle lock.

Pages are given as factories so the window does not care which exist; each navigation entry
has a function-key shortcut shown in its label. The status bar tells the clerk whether the
link is up, how many items wait to be sent, when the last sync was, and warns when the
computer's clock is far from the centre's. The window owns the background sync
(:class:`SyncRunner`): automatic passes while it is open, none left running once it closes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from agent_app.domain.model import Role
from agent_app.services.status import StatusSnapshot, read_status
from agent_app.ui.context import UiContext
from agent_app.ui.pages.base import Page
from agent_app.ui.sync_runner import SyncRunner

log = logging.getLogger(__name__)

PageFactory = Callable[[UiContext], Page]
SHORTCUTS = ("F2", "F3", "F4", "F5", "F6", "F7", "F8")
STATUS_REFRESH_MS = 15_000
CLOCK_WARNING_SECONDS = 300


@dataclass(frozen=True, slots=True)
class NavEntry:
    page: Page
    shortcut: str


class IdleWatcher(QObject):
    """Emits ``idle`` after a stretch without keyboard or mouse input anywhere in the app."""

    idle = Signal()
    _INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
        }
    )

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self._timer.setInterval(max(1, int(minutes * 60_000)))
        self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._INPUT and self._timer.isActive():
            self._timer.start()
        return False


class MainWindow(QMainWindow):
    """Navigation on the side, pages in the middle, status at the bottom."""

    lock_requested = Signal()

    def __init__(self, ctx: UiContext, factories: Sequence[PageFactory]) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(
            self.tr("Guichet AMO — {point}").format(point=ctx.point_name or ctx.point_code)
        )
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget()
        self.entries: list[NavEntry] = []
        is_supervisor = ctx.actor is not None and ctx.actor.role is Role.SUPERVISOR
        for factory in factories:
            page = factory(ctx)
            if page.supervisor_only and not is_supervisor:
                page.deleteLater()
                continue
            shortcut = SHORTCUTS[len(self.entries)]
            self.entries.append(NavEntry(page, shortcut))
            self.stack.addWidget(page)
            item = QListWidgetItem(f"{page.title()}   ({shortcut})")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page.title())
            self.nav.addItem(item)
            action = QAction(self)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            index = len(self.entries) - 1
            action.triggered.connect(lambda _=False, i=index: self.show_page(i))
            self.addAction(action)
        self.nav.currentRowChanged.connect(self._on_nav)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.content = central  # hidden while the screen is locked

        lock = QAction(self.tr("Verrouiller la session"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock_requested)
        self.addAction(lock)
        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        session_menu.addAction(lock)
        quit_action = QAction(self.tr("&Quitter"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        session_menu.addAction(quit_action)

        self.link_label = QLabel()
        self.pending_label = QLabel()
        self.sync_label = QLabel()
        self.clock_label = QLabel()
        self.clock_label.setObjectName("problem")
        self.user_label = QLabel()
        for label in (self.link_label, self.pending_label, self.sync_label, self.clock_label):
            self.statusBar().addWidget(label)
        self.statusBar().addPermanentWidget(self.user_label)
        if ctx.actor is not None:
            self.user_label.setText(
                self.tr("{user} · point {point}").format(
                    user=ctx.actor.username, point=ctx.point_code
                )
            )
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start(STATUS_REFRESH_MS)
        self.sync_runner: SyncRunner | None = None
        self.refresh_status()
        if self.entries:
            self.show_page(0)

    def page(self, kind: type[Page]) -> Page | None:
        for entry in self.entries:
            if isinstance(entry.page, kind):
                return entry.page
        return None

    def page_index(self, kind: type[Page]) -> int:
        """The navigation index of the page of ``kind``; -1 when this user does not see it."""
        for index, entry in enumerate(self.entries):
            if isinstance(entry.page, kind):
                return index
        return -1

    def attach_sync(self, runner: SyncRunner) -> None:
        """Run automatic sync passes while the window is open; the status bar follows them."""
        self.sync_runner = runner
        runner.setParent(self)
        runner.finished.connect(lambda _report: self.refresh_status())
        runner.failed.connect(lambda _error: self.refresh_status())
        runner.start_automatic()
        runner.soon()  # a first pass shortly after the window opens: the link's state, news

    def closeEvent(self, event: QCloseEvent) -> None:
        # No new pass once closing; the one in flight stops at its next store call.
        if self.sync_runner is not None:
            self.sync_runner.shutdown()
        self._status_timer.stop()
        super().closeEvent(event)

    def show_page(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        if self.nav.currentRow() == index:
            self._on_nav(index)  # already there: refresh it and focus its first field
        else:
            self.nav.setCurrentRow(index)

    def _on_nav(self, index: int) -> None:
        if 0 <= index < len(self.entries):
            self.stack.setCurrentIndex(index)
            self.entries[index].page.activated()

    def refresh_status(self) -> None:
        store = self.ctx.store
        self.ctx.op(lambda: read_status(store)).success(self._show_status).run()

    def _show_status(self, status: StatusSnapshot) -> None:
        if status.server_url is None:
            self.link_label.setText(self.tr("Liaison : non configurée"))
        elif status.link_up:
            self.link_label.setText(self.tr("Liaison : active"))
        else:
            self.link_label.setText(self.tr("Liaison : coupée"))
        self.pending_label.setText(
            self.tr("En attente d'envoi : {count}").format(count=status.pending)
        )
        if status.last_sync is None:
            self.sync_label.setText(self.tr("Dernière synchronisation : jamais"))
        else:
            local = status.last_sync.astimezone()
            self.sync_label.setText(
                self.tr("Dernière synchronisation : {when}").format(
                    when=local.strftime("%d/%m/%Y %H:%M")
                )
            )
        offset = status.clock_offset
        if offset is not None and abs(offset) > dt.timedelta(seconds=CLOCK_WARNING_SECONDS):
            minutes = round(offset.total_seconds() / 60)
            self.clock_label.setText(
                self.tr("Horloge décalée de {minutes} min : corrigez l'heure du poste").format(
                    minutes=minutes
                )
            )
        else:
            self.clock_label.clear()


def install_idle_lock(app: QApplication, window: MainWindow, minutes: float) -> IdleWatcher:
    watcher = IdleWatcher(minutes, window)
    app.installEventFilter(watcher)
    watcher.idle.connect(window.lock_requested)
    return watcher
