"""Sync passes for the desktop app: one at a time, on the network worker, reported on the GUI.

Owns when a pass runs (a person asks, the automatic timer, a short delay after a saved
deposit) and that there is never more than one at once from this window (the engine's lock
file also guards against another process). The timer's passes follow the engine's policy
(batches sealed when full or old enough, backoff after failures). The pass after a saved
deposit seals what is pending at once when the link was up at the last pass, so the claim
reaches the centre while the insured is still at the counter; when the link is down or not
known yet, it follows the policy like the timer, so an outage is not hammered at each save.

The pass runs on the network worker; every store call it makes is handed to the single
database worker through ``call_store``, so the GUI thread runs neither SQL nor HTTP. Must
never touch a widget: it only emits signals, always on the GUI thread.

Stopping (quit, lock): the timers stop and the pass in flight is abandoned at its next store
call. Abandoning is safe because each outbox step is one transaction: a batch is sealed or
not, an acknowledgement applied whole or not, and the next pass resends what is left.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from agent_app.services.sync import run_sync
from agent_app.ui.context import UiContext
from sync.client.engine import SyncProgress, SyncReport

log = logging.getLogger(__name__)
T = TypeVar("T")

AUTOMATIC_INTERVAL_MS = 60_000
# After a saved deposit (restarted by each save): long enough to gather a burst of deposits
# into one batch, short enough that the claim is at the centre before the insured leaves.
AFTER_SAVE_DELAY_MS = 30_000


class SyncAbandoned(Exception):
    """The window is closing or locked: the pass stops at its next store call."""


class SyncRunner(QObject):
    """Runs :func:`run_sync` in the background and reports on the GUI thread."""

    #: A pass began; True when a person asked for it (everything pending is sealed).
    started = Signal(bool)
    #: A :class:`SyncProgress` of the pass in flight.
    progressed = Signal(object)
    #: The :class:`SyncReport` of a pass that ran to its end (ok or not).
    finished = Signal(object)
    #: The exception of a pass that could not report (store unusable, our own bug).
    failed = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        parent: QObject | None = None,
        *,
        interval_ms: int = AUTOMATIC_INTERVAL_MS,
        after_save_ms: int = AFTER_SAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.last_report: SyncReport | None = None
        self._running = False
        self._again = False
        self._stopped = False
        self._closed = False
        self._abandon = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_automatic)
        self._after_save = QTimer(self)
        self._after_save.setSingleShot(True)
        self._after_save.setInterval(after_save_ms)
        self._after_save.timeout.connect(self._run_after_save)

    @property
    def running(self) -> bool:
        return self._running

    # --- when -------------------------------------------------------------------------------

    def start_automatic(self, interval_ms: int | None = None) -> None:
        """Passes every interval from now on (and after each saved deposit)."""
        if self._closed:
            return
        self._stopped = False
        if interval_ms is not None:
            self._timer.setInterval(interval_ms)
        self._timer.start()

    def pause(self) -> None:
        """No new pass (the session is locked); the one in flight is abandoned."""
        self._timer.stop()
        self._after_save.stop()
        self._stopped = True
        self._again = False
        if self._running:
            self._abandon.set()

    def resume(self) -> None:
        """After an unlock: automatic passes again, one soon."""
        self.start_automatic()
        self.soon()

    def shutdown(self) -> None:
        """The window closes: stop the timers, abandon the pass in flight, start no other."""
        self._closed = True
        self.pause()

    def soon(self) -> None:
        """A pass a few seconds from now (restarted by each call: one pass for a burst)."""
        if not self._stopped:
            self._after_save.start()

    # --- running ----------------------------------------------------------------------------

    def run_now(self) -> bool:
        """A person asked: seal everything pending and send it. False if a pass is running."""
        return self._start(force=True)

    def run_automatic(self) -> bool:
        """The timer's pass: seals by the engine's policy, honours its backoff."""
        if self._stopped:
            return False
        if self._running:
            self._again = True  # a deposit saved during the pass travels in the next one
            return False
        return self._start(force=False)

    def _run_after_save(self) -> None:
        link_up = self.last_report is not None and self.last_report.ok
        if self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._start(force=link_up)

    def _start(self, *, force: bool) -> bool:
        if self._running or self._closed:
            return False
        self._running = True
        self._again = False
        self._abandon.clear()
        store, clock, tasks = self.ctx.store, self.ctx.clock, self.ctx.tasks

        def report_progress(progress: SyncProgress) -> None:
            # Called on the network thread: hand it to the GUI thread.
            tasks.run_on_main(lambda: self._progress(progress))

        def one_pass() -> SyncReport:
            return run_sync(
                store,
                force_seal=force,
                progress=report_progress,
                clock=clock,
                call_store=self._call_store,
            )

        self.started.emit(force)
        tasks.run_net(one_pass, self._done)
        return True

    def _call_store(self, fn: Callable[[], T]) -> T:
        if self._abandon.is_set():
            raise SyncAbandoned
        return self.ctx.tasks.submit_db_blocking(fn)

    def _progress(self, progress: SyncProgress) -> None:
        if self._running and not self._abandon.is_set():
            self.progressed.emit(progress)

    def _done(self, future: Future[SyncReport]) -> None:
        self._running = False
        abandoned = self._abandon.is_set()
        error = future.exception()
        if error is not None:
            if isinstance(error, SyncAbandoned) or abandoned:
                log.info("sync pass abandoned")
                return
            log.error("sync pass failed", exc_info=error)
            self.failed.emit(error)
            return
        report = future.result()
        self.last_report = report
        self.finished.emit(report)
        if self._again and not self._stopped:
            self.soon()
