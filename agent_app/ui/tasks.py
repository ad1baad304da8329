"""Background work for the GUI: one database writer thread, one network pool, results on main.

Modelled on Anki's task manager: the store is used from exactly one worker thread (SQLite
likes a single writer, and the GUI thread must never wait on a lock or an fsync); network
calls run on their own small pool. A job's result or exception is handed back to the GUI
thread through a queued Qt signal, where the ``success``/``failure`` callbacks run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)
T = TypeVar("T")


class TaskManager(QObject):
    """Runs callables off the GUI thread and calls back on it."""

    _deliver = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        self._net = ThreadPoolExecutor(max_workers=2, thread_name_prefix="network")
        # Long read-only jobs (the full integrity check reads the whole file) get their own
        # thread and connection, so they never hold up the counter's writes.
        self._slow = ThreadPoolExecutor(max_workers=1, thread_name_prefix="maintenance")
        # Decoding and re-encoding a chosen scan takes a second of CPU and touches no store.
        self._files = ThreadPoolExecutor(max_workers=1, thread_name_prefix="files")
        self._deliver.connect(self._on_main, Qt.ConnectionType.QueuedConnection)
        self._pending = 0
        self._lock = threading.Lock()

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending

    def run_on_main(self, closure: Callable[[], None]) -> None:
        """Call ``closure`` on the GUI thread (safe from any thread)."""
        self._deliver.emit(closure)

    def _on_main(self, closure: Callable[[], None]) -> None:
        closure()

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        fn: Callable[[], T],
        on_done: Callable[[Future[T]], None],
    ) -> None:
        with self._lock:
            self._pending += 1

        def finished(future: Future[T]) -> None:
            def on_main() -> None:
                with self._lock:
                    self._pending -= 1
                on_done(future)

            self.run_on_main(on_main)

        pool.submit(fn).add_done_callback(finished)

    def run_db(self, fn: Callable[[], T], on_done: Callable[[Future[T]], None]) -> None:
        self._submit(self._db, fn, on_done)

    def run_net(self, fn: Callable[[], T], on_done: Callable[[Future[T]], None]) -> None:
        self._submit(self._net, fn, on_done)

    def run_maintenance(self, fn: Callable[[], T], on_done: Callable[[Future[T]], None]) -> None:
        """A long read-only store job, beside the database worker (WAL lets both read)."""
        self._submit(self._slow, fn, on_done)

    def run_files(self, fn: Callable[[], T], on_done: Callable[[Future[T]], None]) -> None:
        """Work on local files (a scan to check and re-encode), beside the other workers."""
        self._submit(self._files, fn, on_done)

    def submit_db_blocking(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the database worker and wait: for start-up, before any window."""
        return self._db.submit(fn).result()

    def shutdown(self) -> None:
        self._db.shutdown(wait=True)
        self._net.shutdown(wait=True, cancel_futures=True)
        self._slow.shutdown(wait=True, cancel_futures=True)
        self._files.shutdown(wait=True, cancel_futures=True)


class StoreOp(Generic[T]):
    """One UI action on the store, in one line: ``StoreOp(tm, fn).success(cb).run()``."""

    def __init__(self, tasks: TaskManager, fn: Callable[[], T]) -> None:
        self._tasks = tasks
        self._fn = fn
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[BaseException], Any] | None = None

    def success(self, callback: Callable[[T], Any]) -> StoreOp[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> StoreOp[T]:
        self._failure = callback
        return self

    def run(self) -> None:
        self._tasks.run_db(self._fn, self._done)

    def _done(self, future: Future[T]) -> None:
        error = future.exception()
        if error is None:
            if self._success is not None:
                self._success(future.result())
            return
        if self._failure is not None:
            self._failure(error)
        else:
            log.error("unhandled store operation failure", exc_info=error)
