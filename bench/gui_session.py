"""Run in a fresh interpreter by the GUI benchmark: one clerk's session on the bench store.

``python -m bench.gui_session DATA_DIR [--searches N] [--deposits N] [--seed N]``, with the
store's passphrase in ``AGENT_APP_PASSPHRASE``. Everything is the app's own: a real
``QApplication`` (offscreen), the store opened with ``open_store``, a real ``TaskManager``
and ``UiContext``, and the main window of ``agent_app.ui.app.build_main_window``. Two things
only are the bench's: the receipt printer writes PDF files (the hardware is the one fake),
and the deposit page's scanner filter reads a clock that makes each scan burst 1 ms per key,
so that a scan stays a scan however loaded the machine is (``tests/ui/test_deposit.py``
does the same).

In order:

1. memory: VmRSS once the window is up, then after browsing every claim in the lookup
   (empty search, then jumps across the whole range);
2. searches on the lookup page, from the Enter key to the results painted, each followed
   by scrolls to random rows, from the scroll to the rows painted with their data;
3. deposits typed on the keyboard like a clerk (``Clerk``) and saved with Ctrl+Return,
   from the Ctrl+Return to the form ready for the next one (``claim_recorded``) and the
   receipt printed (``ReceiptPrinter.printed``).

A heartbeat timer fires every few milliseconds on the GUI thread; the gap between two of its
ticks, less its interval, is how long the thread could not answer (a stall). Stalls are kept
only inside the windows above, so the synthetic typing of ``QTest`` (synchronous, and no work
of the app's) is left out. Prints one JSON object on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import resource
import sys
import tempfile
import threading
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from agent_app.domain.model import Relationship, Sex
from agent_app.services.point import open_store
from agent_app.ui import app as gui
from agent_app.ui.context import UiContext
from agent_app.ui.i18n import apply_language, apply_style
from agent_app.ui.main_window import PageFactory
from agent_app.ui.pages.deposit import DepositPage
from agent_app.ui.pages.lookup import LookupPage
from agent_app.ui.receipt_printer import ReceiptPrinter
from agent_app.ui.scanner import ScannerFilter
from agent_app.ui.tasks import TaskManager
from bench.common import Latency, log_stderr
from bench.store_bench import Sample, bench_clerk, pick_samples

HEARTBEAT_MS = 2
SETTLE_MS = 40  # the event loop runs this long before each timed step: typing's paints done
SEARCH_KINDS = ("receipt", "immatriculation", "cin", "name", "all")
SCROLLS_PER_SEARCH = 3
BROWSE_JUMPS = 10  # the whole range in this many jumps, first row to last
WAIT_S = 120.0  # a step that takes longer than this is reported as failed
APP_PAGE_FACTORIES = gui.page_factories


# --- measuring the GUI thread ---------------------------------------------------------------

NOTABLE_NS = 16_000_000  # a stall longer than a frame at 60 Hz is looked at more closely


class GcWatch:
    """Garbage collections: the recent ones in detail, counts and the longest for all.

    A full (generation 2) collection walks every tracked object of the process while holding
    the GIL, whichever thread set it off: a suspect for any stall of the GUI thread. The GIL
    may pass to the GUI thread before the "stop" callback runs, so a collection still under
    way counts too. Only the last few collections are kept, so the watch itself does not
    grow the memory it helps to measure.
    """

    def __init__(self) -> None:
        self.recent: deque[tuple[int, int, int]] = deque(maxlen=64)  # start, end, generation
        self._running: tuple[int, int] | None = None  # start, generation
        self._gui = threading.get_ident()
        self.collections = 0
        self.full = 0
        self.full_on_gui = 0
        self.full_max_ns = 0
        self.full_total_ns = 0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter_ns()
        generation = info["generation"]
        if phase == "start":
            self._running = (now, generation)
            return
        started = self._running[0] if self._running is not None else now
        self._running = None
        self.recent.append((started, now, generation))
        self.collections += 1
        if generation == 2:
            self.full += 1
            self.full_on_gui += threading.get_ident() == self._gui
            self.full_max_ns = max(self.full_max_ns, now - started)
            self.full_total_ns += now - started

    def within(self, start: int, end: int) -> tuple[int, int]:
        """Time spent collecting between ``start`` and ``end``, and the highest generation."""
        spans = list(self.recent)
        if self._running is not None:
            spans.append((self._running[0], end, self._running[1]))
        spent, generation = 0, -1
        for begun, ended, gen in spans:
            overlap = min(end, ended) - max(start, begun)
            if overlap > 0:
                spent += overlap
                generation = max(generation, gen)
        return spent, generation

    def summary(self) -> dict[str, Any]:
        return {
            "collections": self.collections,
            "full": self.full,
            "full_on_gui": self.full_on_gui,
            "full_max_ns": self.full_max_ns,
            "full_total_ns": self.full_total_ns,
        }


GC_WATCH = GcWatch()


class Heartbeat(QObject):
    """A timer on the GUI thread: a tick late by more than its interval is a stall.

    Between :meth:`open` and :meth:`close` every gap between ticks is kept; the first gap
    starts at :meth:`open` (the key press) and the last ends at :meth:`close`, so work done
    synchronously by the key press counts as well.
    """

    def __init__(self, interval_ms: int = HEARTBEAT_MS) -> None:
        super().__init__()
        self.interval_ns = interval_ms * 1_000_000
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = time.perf_counter_ns()
        self._last_cpu = time.thread_time_ns()  # the GUI thread's own CPU time
        self._gaps: array[int] | None = None
        self._notable: list[Stall] = []
        self._check: Callable[[], None] | None = None
        self.busy: Callable[[], bool] = lambda: False
        self._timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter_ns(), time.thread_time_ns()
        if self._gaps is not None:
            self._note(now, cpu)
        self._last, self._last_cpu = now, cpu
        if self._check is not None:
            self._check()

    def _note(self, now: int, cpu: int) -> None:
        assert self._gaps is not None
        gap = now - self._last
        self._gaps.append(gap)
        if gap - self.interval_ns > NOTABLE_NS:
            gc_ns, gc_gen = GC_WATCH.within(self._last, now)
            self._notable.append(
                Stall(gap - self.interval_ns, cpu - self._last_cpu, self.busy(), gc_ns, gc_gen)
            )

    def open(self) -> int:
        now = time.perf_counter_ns()
        self._last, self._last_cpu = now, time.thread_time_ns()
        self._gaps = array("q")
        self._notable = []
        return now

    def close(self, kind: str, started: int, rows: int = -1, ok: bool = True) -> Window:
        """The step that began at ``started`` is over: its latency and stalls."""
        now, cpu = time.perf_counter_ns(), time.thread_time_ns()
        self._note(now, cpu)
        gaps, self._gaps = self._gaps or array("q"), None
        self._last, self._last_cpu = now, cpu
        stalls = array("q", (max(0, gap - self.interval_ns) for gap in gaps))
        return Window(kind, now - started, stalls, rows, ok, self._notable)

    def wait_until(self, done: Callable[[], bool], timeout_s: float = WAIT_S) -> bool:
        """Run the event loop until ``done()`` holds at a tick (checked every interval)."""
        if done():
            return True
        loop = QEventLoop()

        def check() -> None:
            if done():
                loop.quit()

        limit = QTimer()
        limit.setSingleShot(True)
        limit.timeout.connect(loop.quit)
        limit.start(int(timeout_s * 1000))
        self._check = check
        try:
            loop.exec()
        finally:
            self._check = None
            limit.stop()
        return done()

    def settle(self, ms: int = SETTLE_MS) -> None:
        deadline = time.perf_counter_ns() + ms * 1_000_000
        self.wait_until(lambda: time.perf_counter_ns() >= deadline)


@dataclass(frozen=True, slots=True)
class Stall:
    """A long stall, and what went on meanwhile.

    ``gui_cpu_ns`` close to the stall: the GUI thread was working (the app's own code on it,
    painting). Far below: it was waiting, for the GIL held by another thread (a worker's
    C-level loop, a garbage collection run there) or for a CPU.
    """

    stall_ns: int
    gui_cpu_ns: int  # CPU time the GUI thread itself used during the stall
    worker_busy: bool  # a job was running on a worker thread, or its result not yet handled
    gc_ns: int  # garbage collection during the stall (any thread: it holds the GIL)
    gc_generation: int  # the highest generation collected then; -1 for none


@dataclass(slots=True)
class Window:
    """One timed step: its latency and the stalls of the GUI thread during it."""

    kind: str
    latency_ns: int
    stalls_ns: array[int]  # packed: thousands of ticks per step must not weigh on memory
    rows: int = -1
    ok: bool = True
    notable: list[Stall] = field(default_factory=list)

    @property
    def worst_ns(self) -> int:
        return max(self.stalls_ns, default=0)


def stall_summary(windows: list[Window]) -> dict[str, Any]:
    """What the results table shows of a kind of step."""
    ticks = [stall for window in windows for stall in window.stalls_ns]
    latency = Latency.of([w.latency_ns for w in windows]) if windows else None
    worst = Latency.of([w.worst_ns for w in windows]) if windows else None
    per_tick = Latency.of(ticks) if ticks else None
    return {
        "windows": len(windows),
        "failed": sum(not w.ok for w in windows),
        "ticks": len(ticks),
        "latency": None if latency is None else latency_dict(latency),
        "worst_per_window": None if worst is None else latency_dict(worst),
        "per_tick": None if per_tick is None else latency_dict(per_tick),
        "over_50ms": sum(w.worst_ns > 50_000_000 for w in windows),
        "over_16ms": sum(w.worst_ns > 16_000_000 for w in windows),
        "max_rows": max((w.rows for w in windows), default=-1),
        "slowest": [
            {"kind": w.kind, "rows": w.rows, "worst_ns": w.worst_ns, "index": index}
            for index, w in sorted(enumerate(windows), key=lambda item: -item[1].worst_ns)[:5]
        ],
        "notable": [asdict(stall) for w in windows for stall in w.notable],
    }


def latency_dict(latency: Latency) -> dict[str, float]:
    return {
        "count": latency.count,
        "p50": latency.p50,
        "p95": latency.p95,
        "p99": latency.p99,
        "max": latency.max,
        "mean": latency.mean,
    }


def memory() -> dict[str, int]:
    """VmRSS and VmHWM of this process (bytes), and ``ru_maxrss``."""
    found: dict[str, int] = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) * 1024
    found["ru_maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return found


# --- the clerk ------------------------------------------------------------------------------


class ScannerClock:
    """The scanner filter's clock: real time, except 1 ms per key while a scan is fired."""

    def __init__(self) -> None:
        self.bursting = False
        self._last = 0.0

    def __call__(self) -> float:
        self._last = self._last + 0.001 if self.bursting else time.monotonic()
        return self._last


SCANNER_CLOCK = ScannerClock()


class Clerk:
    """Types into whatever has the keyboard focus, like a person, and counts the keystrokes.

    A scan is not a keystroke (the clerk pulls a trigger). ASCII only: ``QTest`` has no key
    for other characters.
    """

    def __init__(self) -> None:
        self.keystrokes = 0
        self.scans = 0

    @property
    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        if widget is None:
            raise RuntimeError("nothing has the keyboard focus")
        return widget

    def type(self, text: str) -> None:
        QTest.keyClicks(self.focus, text)
        self.keystrokes += len(text)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            QTest.keyClick(self.focus, Qt.Key.Key_Tab)
        self.keystrokes += times

    def space(self) -> None:
        QTest.keyClick(self.focus, Qt.Key.Key_Space)
        self.keystrokes += 1

    def save(self) -> None:
        QTest.keyClick(self.focus, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        self.keystrokes += 1

    def scan(self, payload: str) -> None:
        SCANNER_CLOCK.bursting = True
        try:
            QTest.keyClicks(self.focus, payload)
            QTest.keyClick(self.focus, Qt.Key.Key_Return)
        finally:
            SCANNER_CLOCK.bursting = False
        self.scans += 1


@dataclass(frozen=True, slots=True)
class Sheet:
    """One paper care sheet, as the clerk reads it (dates typed DDMMYYYY)."""

    immatriculation: str
    insured_name: str
    insured_cin: str
    amount: str
    documents: int
    relationship: Relationship
    beneficiary_name: str
    birth_date: str
    sex: Sex
    categories: tuple[int, ...]
    first_act: str
    prescriber_inpe: str
    fse: str | None = None


NAMES = ("BENNANI Youssef", "ALAOUI Khadija", "EL AMRANI Omar", "TAZI Salma", "IDRISSI Karim")
CHILDREN = ("BENNANI Yasmine", "ALAOUI Adam", "EL AMRANI Lina", "TAZI Rayan", "IDRISSI Nour")


def sheets(count: int, today: dt.date) -> Iterator[Sheet]:
    """The typical sheet first, then a mix like the fifty of ``tests/ui/test_deposit.py``.

    Numbers are drawn afresh for each run (not from the bench's seed), so that a rerun on the
    same store never meets its own earlier deposits as likely duplicates, which would ask
    for a confirmation.
    """
    rng = random.Random()
    base = rng.randrange(100_000_000, 900_000_000)
    run = rng.randrange(10**6)
    for i in range(count):
        first_act = (today - dt.timedelta(days=1 + i % 19)).strftime("%d%m%Y")
        if i == 0:  # the commonest deposit: the insured's own consultation and pharmacy
            yield Sheet(
                immatriculation=f"{base:09d}",
                insured_name="BENNANI Youssef",
                insured_cin="BE123456",
                amount=f"{rng.randrange(100, 1000)},{rng.randrange(100):02d}",
                documents=3,
                relationship=Relationship.SELF,
                beneficiary_name="BENNANI Youssef",
                birth_date="12031984",
                sex=Sex.MALE,
                categories=(1, 2),
                first_act=first_act,
                prescriber_inpe=f"{rng.randrange(10**9):09d}",
            )
            continue
        child = i % 3 == 2
        dirhams = 120 + 37 * i
        yield Sheet(
            immatriculation=f"{(base + 7919 * i) % 10**9:09d}",
            insured_name=NAMES[i % len(NAMES)],
            insured_cin=f"BE{200_000 + i}",
            amount=f"{dirhams},50" if i % 2 else str(dirhams),
            documents=1 + i % 5,
            relationship=Relationship.CHILD if child else Relationship.SELF,
            beneficiary_name=CHILDREN[i % len(CHILDREN)],
            birth_date="14022012" if child else "12031984",
            sex=Sex.FEMALE if i % 2 else Sex.MALE,
            categories=(1, 2) if i % 4 else (1, 3, 4),
            first_act=first_act,
            prescriber_inpe=f"{rng.randrange(10**9):09d}",
            fse=f"FSE:MA-{run:06d}-{i:06d}" if i % 10 == 0 else None,
        )


def type_sheet(clerk: Clerk, sheet: Sheet) -> None:
    """One deposit the way the tab order leads through the form, all but the save."""
    clerk.type(sheet.immatriculation)
    clerk.tab()
    clerk.type(sheet.insured_name)
    clerk.tab()
    clerk.type(sheet.insured_cin)
    clerk.tab()
    clerk.type(sheet.amount)
    clerk.tab()
    clerk.type(str(sheet.documents))
    clerk.tab()
    if sheet.relationship is Relationship.SELF:
        clerk.tab(2)  # "the insured" is the default; the name was copied
    else:
        clerk.type("e")  # Enfant
        clerk.tab()
        clerk.type(sheet.beneficiary_name)
        clerk.tab()
    clerk.type(sheet.birth_date)
    clerk.tab()
    clerk.type("m" if sheet.sex is Sex.MALE else "f")
    clerk.tab(2)  # the beneficiary's CIN: copied for "the insured", none for a child
    clerk.scan(f"INPE:{sheet.prescriber_inpe}")  # the cursor jumps to the care categories
    if sheet.fse is not None:
        clerk.scan(sheet.fse)
    clerk.type("".join(str(key) for key in sheet.categories))
    clerk.tab()
    clerk.type(sheet.first_act)
    clerk.tab(2)  # past the optional end of treatment, into the checklist
    clerk.space()
    clerk.type("234")


# --- the session ----------------------------------------------------------------------------


class PaintWatch(QObject):
    """When the lookup table last painted, and when its rows last changed."""

    def __init__(self, page: LookupPage) -> None:
        super().__init__(page)
        self.page = page
        self.last_paint = 0
        self.last_data = 0
        self.searches = 0
        self.found = -1
        page.table.viewport().installEventFilter(self)
        page.model.dataChanged.connect(self._data_changed)
        page.model.modelReset.connect(self._data_changed)
        page.model.search_finished.connect(self._search_finished)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.last_paint = time.perf_counter_ns()
        return False

    def _data_changed(self, *_: object) -> None:
        self.last_data = time.perf_counter_ns()

    def _search_finished(self, count: int) -> None:
        self.searches += 1
        self.found = count

    def visible_rows_read(self) -> bool:
        model, view = self.page.model, self.page.table
        count = model.rowCount()
        if count == 0:
            return True
        first = view.rowAt(0)
        last = view.rowAt(view.viewport().height() - 1)
        first = max(first, 0)
        last = count - 1 if last < 0 else last
        return all(model.cached_claim(row) is not None for row in range(first, last + 1))

    def shown_since(self, moment: int) -> bool:
        """The rows in view are read and painted after ``moment`` and after their arrival."""
        return self.visible_rows_read() and self.last_paint > max(moment, self.last_data)


class Session:
    """The app's window on the store, and the bench's instruments around it."""

    def __init__(self, data_dir: Path, scratch: Path, rng: random.Random) -> None:
        self.rng = rng
        self.scratch = scratch
        self.problems: list[str] = []
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(self.app, QApplication)
        self.app.setApplicationName("Guichet AMO")
        apply_style(self.app)
        apply_language(self.app, "fr")
        self.store = open_store(data_dir, lambda: os.environ.get("AGENT_APP_PASSPHRASE"))
        self.tasks = TaskManager()
        self.ctx = UiContext(store=self.store, tasks=self.tasks, data_dir=data_dir, lang="fr")
        gui.read_identity(self.ctx)
        self.ctx.actor = self.tasks.submit_db_blocking(lambda: bench_clerk(self.store))
        self.heartbeat = Heartbeat()
        self.heartbeat.busy = lambda: self.tasks.pending > 0
        self.receipts: list[Path] = []
        self.search_rss: list[tuple[int, int]] = []  # (searches done, VmRSS)
        settings = QSettings(str(scratch / "ui.ini"), QSettings.Format.IniFormat)
        self.printer = ReceiptPrinter(self.ctx, settings, printer_factory=self._pdf_printer)
        with mock.patch.object(gui, "page_factories", bench_page_factories):
            self.window, _ = gui.build_main_window(self.ctx, settings, self.printer)
        gui.settle_garbage_collector()  # as run_session does
        self.window.resize(1280, 800)
        self.window.show()
        self.window.activateWindow()
        self.window.show_page(self.window.stack.currentIndex())  # as run_session does
        if not self.heartbeat.wait_until(
            lambda: self.window.isActiveWindow() and self.tasks.pending == 0
        ):
            raise RuntimeError("the main window never became active and idle")
        self.heartbeat.settle(300)
        deposit, lookup = self.window.page(DepositPage), self.window.page(LookupPage)
        if not isinstance(deposit, DepositPage) or not isinstance(lookup, LookupPage):
            raise RuntimeError("the main window has no deposit or no lookup page")
        self.deposit, self.lookup = deposit, lookup
        self.paints = PaintWatch(lookup)

    def _pdf_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.receipts.append(self.scratch / f"receipt-{len(self.receipts):03d}.pdf")
        printer.setOutputFileName(str(self.receipts[-1]))
        return printer

    def show(self, page: QWidget) -> None:
        index = next(i for i, entry in enumerate(self.window.entries) if entry.page is page)
        self.window.show_page(index)

    def idle(self) -> bool:
        return self.tasks.pending == 0

    # --- the lookup ---------------------------------------------------------------------

    def search(self, query: str, kind: str) -> Window:
        """Type the query, then time Enter to the results painted."""
        page = self.lookup
        page.search_box.setText(query)
        self.heartbeat.settle()
        expected = self.paints.searches + 1

        def shown() -> bool:
            if self.paints.searches < expected or not self.paints.shown_since(started):
                return False
            if self.paints.found == 1:  # one deposit: its details and history are shown
                selected = page.selected
                return selected is not None and selected.id == page.model.claim_id(0)
            return True

        started = self.heartbeat.open()
        QTest.keyClick(page.search_box, Qt.Key.Key_Return)
        ok = self.heartbeat.wait_until(shown)
        window = self.heartbeat.close(kind, started, page.model.rowCount(), ok)
        if not ok:
            self.problems.append(f"search {kind} {query!r} not shown within {WAIT_S:g} s")
        return window

    def scroll_to(self, row: int, kind: str = "scroll") -> Window:
        """Time a jump of the table to ``row`` until the rows in view are painted."""
        self.heartbeat.settle()
        view, model = self.lookup.table, self.lookup.model
        started = self.heartbeat.open()
        view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        ok = self.heartbeat.wait_until(lambda: self.paints.shown_since(started))
        window = self.heartbeat.close(kind, started, model.rowCount(), ok)
        if not ok:
            self.problems.append(f"scroll to row {row:,} not painted within {WAIT_S:g} s")
        return window

    def visible_rows(self) -> int:
        view = self.lookup.table
        return max(
            1, view.viewport().height() // max(1, view.verticalHeader().defaultSectionSize())
        )

    def browse_all(self) -> tuple[Window, list[Window]]:
        """The lookup page opened on every claim, then the whole range in a few jumps."""
        self.show(self.lookup)
        self.heartbeat.wait_until(self.idle)
        self.heartbeat.settle()
        first = self.search("", "all")
        rows = self.lookup.model.rowCount()
        last_top = max(0, rows - self.visible_rows())
        jumps = [
            self.scroll_to(round(last_top * step / BROWSE_JUMPS), "browse")
            for step in range(1, BROWSE_JUMPS + 1)
        ]
        jumps.append(self.scroll_to(0, "browse"))
        return first, jumps

    def searches(self, count: int) -> tuple[list[Window], list[Window]]:
        per_kind = -(-count // len(SEARCH_KINDS))
        samples = self.tasks.submit_db_blocking(
            lambda: pick_samples(self.store, per_kind, self.rng)
        )
        getters: dict[str, Callable[[Sample], str]] = {
            "receipt": lambda s: s.receipt_no,
            "immatriculation": lambda s: s.immatriculation,
            "cin": lambda s: s.cin,
            "name": lambda s: s.name_prefix,
            "all": lambda s: "",
        }
        queries = [(kind, getters[kind](s)) for kind in SEARCH_KINDS for s in samples]
        self.rng.shuffle(queries)
        found: list[Window] = []
        scrolled: list[Window] = []
        for number, (kind, query) in enumerate(queries[:count], start=1):
            found.append(self.search(query, kind))
            rows = self.lookup.model.rowCount()
            if rows > self.visible_rows():
                for _ in range(SCROLLS_PER_SEARCH):
                    scrolled.append(self.scroll_to(self.rng.randrange(rows)))
            if number % 10 == 0:
                self.search_rss.append((number, memory()["VmRSS"]))
            if number % 50 == 0:
                log_stderr(f"  {number} searches done")
        return found, scrolled

    # --- the deposit --------------------------------------------------------------------

    def deposits(self, count: int) -> dict[str, Any]:
        page = self.deposit
        self.show(page)
        self.heartbeat.wait_until(self.idle)
        recorded: list[tuple[int, str]] = []
        printed: list[tuple[int, str]] = []
        page.claim_recorded.connect(
            lambda number: recorded.append((time.perf_counter_ns(), number))
        )
        self.printer.printed.connect(
            lambda number: printed.append((time.perf_counter_ns(), number))
        )
        windows: list[Window] = []
        ready_ns: list[int] = []
        printed_ns: list[int] = []
        keystrokes: list[int] = []
        scans: list[int] = []
        typing_ns = 0
        rss: list[tuple[int, int]] = []
        today = self.ctx.clock().date()
        for number, sheet in enumerate(sheets(count, today), start=1):
            if QApplication.focusWidget() is not page.insured_immatriculation:
                self.problems.append(f"deposit {number}: the cursor was not on the first field")
                page.insured_immatriculation.setFocus(Qt.FocusReason.OtherFocusReason)
            clerk = Clerk()
            t0 = time.perf_counter_ns()
            type_sheet(clerk, sheet)
            typing_ns += time.perf_counter_ns() - t0
            self.heartbeat.settle()
            done_before = len(recorded)

            def finished(before: int = done_before) -> bool:
                if len(recorded) <= before:
                    return False
                receipt = recorded[before][1]
                return any(name == receipt for _, name in printed)

            started = self.heartbeat.open()
            clerk.save()
            ok = self.heartbeat.wait_until(finished)
            windows.append(self.heartbeat.close("save", started, -1, ok))
            keystrokes.append(clerk.keystrokes)
            scans.append(clerk.scans)
            if not ok:
                self.problems.append(
                    f"deposit {number} not recorded and printed: {page.status_line.text()!r}"
                )
                if page.confirm_dialog is not None:
                    page.confirm_dialog.reject()
                    self.heartbeat.wait_until(self.idle)
                page.clear_form()
                # The offscreen platform gives the keyboard back to no one after a dialog.
                self.window.activateWindow()
                self.heartbeat.wait_until(self.window.isActiveWindow, 5)
                continue
            at, receipt = recorded[done_before]
            ready_ns.append(at - started)
            printed_ns.append(next(t for t, name in printed if name == receipt) - started)
            if number % 10 == 0:
                rss.append((number, memory()["VmRSS"]))
            if number % 50 == 0:
                log_stderr(f"  {number} deposits recorded and printed")
        return {
            "save": stall_summary(windows),
            "ready": latency_dict(Latency.of(ready_ns)) if ready_ns else None,
            "printed": latency_dict(Latency.of(printed_ns)) if printed_ns else None,
            "keystrokes": keystrokes,
            "scans": scans,
            "typing_ns_per_key": typing_ns / max(1, sum(keystrokes) - len(keystrokes)),
            "rss_every_10": rss,
            "receipts_printed": len(printed),
            "pdf_bytes": sum(path.stat().st_size for path in self.receipts if path.exists()),
        }

    def close(self) -> None:
        self.window.close()
        self.heartbeat.wait_until(self.idle)
        self.tasks.shutdown()
        self.store.close()


def bench_page_factories(printer: ReceiptPrinter) -> list[PageFactory]:
    """The app's pages, the deposit page's scanner filter reading the bench's clock."""
    pages = APP_PAGE_FACTORIES(printer)
    return [deposit_page if page is DepositPage else page for page in pages]


def deposit_page(ctx: UiContext) -> DepositPage:
    return DepositPage(ctx, scanner=ScannerFilter(clock=SCANNER_CLOCK))


def run(data_dir: Path, searches: int, deposits: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    result: dict[str, Any] = {"heartbeat_ms": HEARTBEAT_MS, "settle_ms": SETTLE_MS}
    with tempfile.TemporaryDirectory(prefix="gui-bench-") as scratch:
        t0 = time.perf_counter_ns()
        session = Session(data_dir, Path(scratch), rng)
        result["window_ready_ns"] = time.perf_counter_ns() - t0
        result["rss_window"] = memory()
        log_stderr(f"  main window up: VmRSS {result['rss_window']['VmRSS'] / 2**20:.1f} MiB")

        first, jumps = session.browse_all()
        result["browse"] = {
            "rows": first.rows,
            "search": stall_summary([first]),
            "jumps": stall_summary(jumps),
        }
        result["rss_browsed"] = memory()
        log_stderr(
            f"  browsed {first.rows:,} claims: VmRSS"
            f" {result['rss_browsed']['VmRSS'] / 2**20:.1f} MiB"
        )

        found, scrolled = session.searches(searches)
        result["search"] = stall_summary(found)
        result["search_by_kind"] = {
            kind: stall_summary([w for w in found if w.kind == kind]) for kind in SEARCH_KINDS
        }
        result["scroll"] = stall_summary(scrolled)
        result["rss_searched"] = memory()
        result["rss_every_10_searches"] = session.search_rss

        result["deposit"] = session.deposits(deposits)
        result["rss_deposited"] = memory()
        session.close()
    result["problems"] = session.problems
    result["gc"] = GC_WATCH.summary()
    result["rss_end"] = memory()
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.gui_session")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--deposits", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20_261_122)
    args = parser.parse_args(argv)
    result = run(args.data_dir, args.searches, args.deposits, args.seed)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
