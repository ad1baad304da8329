"""Sync from the desktop app: the sync page, background passes, correct-and-resubmit, CNSS news.

Real widgets offscreen, a real encrypted store, the real task manager, and the real reference
centre (``python -m sync.server serve`` on 127.0.0.1, the ``central`` fixture): a pass runs on
the network worker with every store call on the database worker, exactly as at the counter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt, QThread, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from agent_app.domain.model import ClaimStatus
from agent_app.services.claims import RecordedClaim, get_claim, record_claim
from agent_app.services.context import Actor
from agent_app.services.lookup import list_claims
from agent_app.services.sync import activate, run_sync
from agent_app.store.engine import Store
from agent_app.store.models import Claim
from agent_app.ui.app import build_main_window
from agent_app.ui.context import UiContext
from agent_app.ui.main_window import MainWindow
from agent_app.ui.pages.deposit import DepositPage
from agent_app.ui.pages.lookup import LookupPage
from agent_app.ui.pages.sync import SyncPage, overall_percent
from agent_app.ui.receipt_printer import ReceiptPrinter
from agent_app.ui.sync_runner import SyncRunner
from sync.client.engine import SyncProgress, SyncReport
from tests.builders import claim_draft
from tests.conftest import CASABLANCA, FixedClock
from tests.sync.conftest import Central, central  # noqa: F401 - the real centre, as a fixture
from tests.ui.conftest import wait_for_tasks
from tests.ui.test_arabic import arabic, untranslated, visible_texts  # noqa: F401 - fixture

PASS_TIMEOUT_MS = 60_000  # a pass talks to a real server on a loaded two-core machine
LATE_REASON = "Hospitalisation longue, certificat joint"


@pytest.fixture
def clock() -> FixedClock:
    # The centre runs on the real clock: the counter's must agree, or every page warns.
    return FixedClock(dt.datetime.now(CASABLANCA).replace(microsecond=0))


@pytest.fixture
def activated(store: Store, supervisor: Actor, central: Central, clock: FixedClock) -> Central:  # noqa: F811
    """The point registered with the real centre."""
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    return central


def record(ctx: UiContext, number: int, **changes: object) -> RecordedClaim:
    today = ctx.clock().date()
    draft = claim_draft(today, insured_immatriculation=f"{100_000_000 + 7919 * number:09d}")
    draft = dataclasses.replace(draft, **changes)  # type: ignore[arg-type]
    return record_claim(ctx.store, ctx.require_actor(), draft, clock=ctx.clock)


def record_late_without_confirmation(ctx: UiContext) -> RecordedClaim:
    """A deposit the centre rejects: late, with its confirmation lost on the way.

    The counter's rules ask for a reason before saving a late deposit, so the claim is saved
    with one and the reason removed in the store, as a bug or an older version could leave it.
    """
    first_act = ctx.clock().date() - dt.timedelta(days=100)
    recorded = record_claim(
        ctx.store,
        ctx.require_actor(),
        claim_draft(ctx.clock().date(), first_act_date=first_act),
        {"claim.late_deposit": LATE_REASON},
        clock=ctx.clock,
    )
    with ctx.store.write() as session:
        session.execute(sa.update(Claim).where(Claim.id == recorded.id).values(confirmations="{}"))
    return recorded


def open_sync_page(qtbot, ctx: UiContext) -> tuple[SyncPage, SyncRunner]:
    runner = SyncRunner(ctx)
    page = SyncPage(ctx, runner)
    runner.setParent(page)
    qtbot.addWidget(page)
    page.resize(1070, 750)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.activated()
    wait_for_tasks(qtbot, ctx)
    return page, runner


def open_window(qtbot, ctx: UiContext, tmp_path: Path) -> tuple[MainWindow, list[Path]]:
    made: list[Path] = []

    def factory() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        path = tmp_path / f"printed-{len(made)}.pdf"
        printer.setOutputFileName(str(path))
        made.append(path)
        return printer

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    printer = ReceiptPrinter(ctx, settings, printer_factory=factory)
    window, _ = build_main_window(ctx, settings, printer)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.sync_runner is not None
    # Passes only when a test asks: a timer's pass must not race the one a test waits on.
    window.sync_runner.pause()
    wait_for_tasks(qtbot, ctx)
    return window, made


def sync_page_of(window: MainWindow) -> SyncPage:
    page = window.page(SyncPage)
    assert isinstance(page, SyncPage)
    return page


def press_sync_now(
    qtbot, page: SyncPage, runner: SyncRunner, *, keyboard: bool = True
) -> SyncReport:
    """Alt+M as a French clerk would (or a click), then wait for the pass to report."""
    assert page.sync_button.isEnabled()
    page.window().activateWindow()  # a mnemonic reaches the active window only
    qtbot.waitUntil(page.window().isActiveWindow)
    with qtbot.waitSignal(runner.finished, timeout=PASS_TIMEOUT_MS) as finished:
        if keyboard:
            QTest.keyClick(page, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        else:
            qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    report = finished.args[0]
    assert isinstance(report, SyncReport)
    return report


def rejected_rows(page: SyncPage) -> list[tuple[str, str, str]]:
    table = page.rejected
    return [
        tuple(table.item(row, column).text() for column in range(3))  # type: ignore[misc]
        for row in range(table.rowCount())
    ]


# --- the page ---------------------------------------------------------------------------------


def test_a_point_not_activated_says_how_to_activate_and_offers_no_sync(qtbot, ctx):
    record(ctx, 1)
    page, _runner = open_sync_page(qtbot, ctx)
    assert page.link_value.text() == "non activée"
    assert page.pending_value.text().startswith("1 dépôt(s) ou inscription(s) (")
    assert page.notice.isVisible()
    assert "agent-app activate" in page.notice.text()
    assert "superviseur" in page.notice.text()
    assert not page.sync_button.isEnabled()
    assert page.last_success_value.text() == "jamais"


def test_the_button_sends_pending_deposits_and_shows_what_cnss_accepted(
    qtbot, ctx, activated, tmp_path
):
    for number in range(3):
        record(ctx, number)
    page, runner = open_sync_page(qtbot, ctx)
    assert page.pending_value.text().startswith("3 dépôt(s) ou inscription(s) (")
    assert page.link_value.text().startswith("active")
    assert page.batches.rowCount() == 0
    seen: list[SyncProgress] = []
    threads: set[bool] = set()

    def progressed(progress: SyncProgress) -> None:
        seen.append(progress)
        threads.add(QThread.currentThread() is QApplication.instance().thread())

    runner.progressed.connect(progressed)
    report = press_sync_now(qtbot, page, runner)

    assert report.ok, report
    assert report.batches_sent == 1 and report.rejected == 0 and report.pending == 0
    assert activated.stats()["claims"] == 3
    assert threads == {True}  # progress reached the widgets on the GUI thread only
    assert seen[-1] == SyncProgress("reference", 1, 1)
    assert page.progress.value() == page.progress.maximum() == 100
    text = page.result_label.text()
    assert text.startswith("Synchronisation terminée.")
    assert f"{report.accepted} élément(s) accepté(s)" in text
    assert "1 lot(s) envoyé(s)" in text and "0 rejeté(s)" in text
    assert "0 encore en attente" in text
    wait_for_tasks(qtbot, ctx)
    assert page.pending_value.text() == "0"
    assert page.batches.rowCount() == 1
    assert page.batches.item(0, 2).text() == "reçu par la CNSS"
    assert page.batches.item(0, 3).text() == str(report.accepted)
    assert re.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d", page.last_success_value.text())
    assert page.rejected.rowCount() == 0
    assert page.rejected_empty.text() == "Aucun élément rejeté à corriger."
    assert all(c.status == ClaimStatus.ACCEPTED for c in list_claims(ctx.store))


def test_the_progress_bar_moves_forward_through_the_phases_and_ends_full():
    phases = [
        SyncProgress("sealing", 1, 0),
        SyncProgress("uploading", 0, 2),
        SyncProgress("uploading", 1, 2),
        SyncProgress("uploading", 2, 2),
        SyncProgress("attachments", 0, 0),
        SyncProgress("updates", 40, 0),
        SyncProgress("reference", 0, 1),
        SyncProgress("reference", 1, 1),
    ]
    values = [overall_percent(progress) for progress in phases]
    assert values == sorted(values)
    assert values[0] < 100 and values[-2] < 100
    assert values[-1] == 100


def test_a_failed_pass_says_why_in_the_clerks_words(qtbot, ctx, store, supervisor, central):  # noqa: F811
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=ctx.clock)
    record(ctx, 1)
    central.stop()  # the link is down
    page, runner = open_sync_page(qtbot, ctx)
    report = press_sync_now(qtbot, page, runner)
    assert not report.ok and report.error
    text = page.result_label.text()
    assert text.startswith("Synchronisation interrompue :")
    assert "injoignable" in text or "ne répond pas" in text or "indisponible" in text
    assert f"{report.pending} encore en attente" in text and report.pending > 0
    assert page.result_label.objectName() == "problem"
    wait_for_tasks(qtbot, ctx)
    assert page.link_value.text().startswith("coupée")
    assert page.batches.item(0, 2).text() == "scellé, pas encore envoyé"


# --- correct and resubmit ---------------------------------------------------------------------


def test_a_rejected_deposit_is_corrected_from_the_sync_page_and_the_new_version_is_accepted(
    qtbot, ctx, activated, tmp_path
):
    rejected = record_late_without_confirmation(ctx)
    window, printed_files = open_window(qtbot, ctx, tmp_path)
    runner = window.sync_runner
    assert runner is not None
    page = sync_page_of(window)
    window.show_page(window.page_index(SyncPage))
    wait_for_tasks(qtbot, ctx)

    report = press_sync_now(qtbot, page, runner)
    assert report.ok and report.rejected == 1, report
    wait_for_tasks(qtbot, ctx)
    rows = rejected_rows(page)
    assert len(rows) == 1
    receipt, code, message = rows[0]
    assert receipt == rejected.receipt_no and code == "Dépôt hors délai sans motif" and message
    assert page.rejected.item(0, 1).toolTip() == "late_deposit"
    assert "1 rejeté(s)" in page.result_label.text()

    buttons = page.correction_buttons()
    assert [b.text() for b in buttons] == ["Corriger et renvoyer"]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    deposit = window.page(DepositPage)
    assert isinstance(deposit, DepositPage)
    assert window.stack.currentWidget() is deposit
    qtbot.waitUntil(lambda: deposit.correction is not None)
    wait_for_tasks(qtbot, ctx)
    assert deposit.correction_row.isVisible()
    banner = deposit.correction_banner.text()
    assert rejected.receipt_no in banner and message in banner
    assert "Motif : Dépôt hors délai sans motif" in banner
    original = get_claim(ctx.store, rejected.receipt_no)
    assert deposit.insured_immatriculation.text() == original.insured_immatriculation
    assert deposit.insured_name.text() == original.insured_name
    assert deposit.first_act_date.value() == original.first_act_date
    assert deposit.declared_amount.centimes() == original.declared_amount_centimes
    assert deposit.save_button.text().startswith("Enregistrer la correction")

    # The same checks as a new deposit: the late deposit needs its reason again.
    printed: list[str] = []
    assert window.findChild(ReceiptPrinter) is not None
    window.findChild(ReceiptPrinter).printed.connect(printed.append)
    corrected: list[tuple[str, str]] = []
    deposit.claim_corrected.connect(lambda old, new: corrected.append((old, new)))
    QTest.keyClick(deposit.save_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: deposit.confirm_dialog is not None and deposit.confirm_dialog.isVisible()
    )
    dialog = deposit.confirm_dialog
    assert dialog is not None and list(dialog.reason_edits) == ["claim.late_deposit"]
    QTest.keyClicks(dialog.reason_edits["claim.late_deposit"], LATE_REASON)
    QTest.keyClick(dialog.reason_edits["claim.late_deposit"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(corrected) == 1, timeout=10_000)
    old_receipt, new_receipt = corrected[0]
    assert old_receipt == rejected.receipt_no and new_receipt != rejected.receipt_no
    qtbot.waitUntil(lambda: printed == [new_receipt], timeout=10_000)  # the new version's receipt
    assert printed_files[-1].read_bytes().startswith(b"%PDF")
    assert new_receipt in deposit.status_line.text()
    assert not deposit.correction_row.isVisible() and deposit.correction is None

    new = get_claim(ctx.store, new_receipt)
    assert new.version == original.version + 1 and new.supersedes_id == original.id
    assert get_claim(ctx.store, rejected.receipt_no).status == ClaimStatus.SUPERSEDED

    window.show_page(window.page_index(SyncPage))
    wait_for_tasks(qtbot, ctx)
    report = press_sync_now(qtbot, page, runner)
    assert report.ok and report.rejected == 0, report
    wait_for_tasks(qtbot, ctx)
    assert get_claim(ctx.store, new_receipt).status == ClaimStatus.ACCEPTED
    assert page.rejected.rowCount() == 0
    stats = activated.stats()
    assert stats["claims"] == 2  # both versions are kept at the centre; nothing is deleted


def test_abandoning_a_correction_saves_nothing_and_empties_the_form(
    qtbot, ctx, activated, tmp_path
):
    rejected = record_late_without_confirmation(ctx)
    run_sync(ctx.store, force_seal=True, clock=ctx.clock)
    window, _ = open_window(qtbot, ctx, tmp_path)
    page = sync_page_of(window)
    window.show_page(window.page_index(SyncPage))
    wait_for_tasks(qtbot, ctx)
    qtbot.mouseClick(page.correction_buttons()[0], Qt.MouseButton.LeftButton)
    deposit = window.page(DepositPage)
    assert isinstance(deposit, DepositPage)
    qtbot.waitUntil(lambda: deposit.correction is not None)
    qtbot.mouseClick(deposit.cancel_correction_button, Qt.MouseButton.LeftButton)
    assert deposit.correction is None and not deposit.correction_row.isVisible()
    assert deposit.insured_immatriculation.text() == ""
    assert "rien n'a été enregistré" in deposit.status_line.text()
    wait_for_tasks(qtbot, ctx)
    assert get_claim(ctx.store, rejected.receipt_no).status == ClaimStatus.REJECTED
    assert len(list_claims(ctx.store)) == 1


# --- background sync --------------------------------------------------------------------------


def test_the_timer_runs_a_pass_in_the_background_while_the_gui_keeps_working(
    qtbot, ctx, activated, tmp_path
):
    record(ctx, 1)
    record(ctx, 2)
    ctx.clock.advance(minutes=11)  # old enough for the engine to seal them without being asked
    window, _ = open_window(qtbot, ctx, tmp_path)
    runner = window.sync_runner
    assert runner is not None
    gui_thread = threading.current_thread()
    sql_threads: set[str] = set()

    def statement(*_args: object) -> None:
        sql_threads.add(threading.current_thread().name)

    sa.event.listen(ctx.store.engine, "before_cursor_execute", statement)
    ticks: list[bool] = []  # one per turn of the GUI's event loop while a pass runs
    heartbeat = QTimer()
    heartbeat.setInterval(1)
    heartbeat.timeout.connect(lambda: ticks.append(runner.running))
    heartbeat.start()
    try:
        with qtbot.waitSignal(runner.finished, timeout=PASS_TIMEOUT_MS) as finished:
            runner.start_automatic(interval_ms=10)
        # The window answered while the pass ran: its event loop kept turning.
        assert any(ticks), "the GUI thread was blocked during the whole pass"
    finally:
        heartbeat.stop()
        sa.event.remove(ctx.store.engine, "before_cursor_execute", statement)
    report = finished.args[0]
    assert report.ok and report.pending == 0, report
    assert gui_thread.name not in sql_threads
    assert sql_threads and all(name.startswith("store") for name in sql_threads), sql_threads
    runner.pause()
    qtbot.waitUntil(lambda: not runner.running, timeout=PASS_TIMEOUT_MS)
    wait_for_tasks(qtbot, ctx)
    assert window.link_label.text() == "Liaison : active"
    assert window.pending_label.text() == "En attente d'envoi : 0"
    assert activated.stats()["claims"] == 2


def test_a_deposit_saved_while_the_link_is_up_is_sent_shortly_after_without_anyone_asking(
    qtbot, ctx, activated
):
    runner = SyncRunner(ctx, interval_ms=3_600_000, after_save_ms=10)
    qtbot.addWidget(page := SyncPage(ctx, runner))
    runner.setParent(page)
    runner.start_automatic()
    record(ctx, 1)
    # Link state not known yet: the pass follows the engine's policy and seals nothing young.
    with qtbot.waitSignal(runner.finished, timeout=PASS_TIMEOUT_MS) as first:
        runner.soon()  # what the main window does after each saved deposit
    assert first.args[0].ok and first.args[0].batches_sealed == 0 and first.args[0].pending > 0
    # The link is up: the next saved deposit goes at once, with the one before.
    record(ctx, 2)
    with qtbot.waitSignal(runner.finished, timeout=PASS_TIMEOUT_MS) as second:
        runner.soon()
    assert second.args[0].ok and second.args[0].batches_sealed == 1
    assert second.args[0].pending == 0
    wait_for_tasks(qtbot, ctx)
    assert activated.stats()["claims"] == 2


def test_no_pass_starts_while_one_is_running_nor_after_the_window_closes(qtbot, ctx, activated):
    record(ctx, 1)
    runner = SyncRunner(ctx)
    qtbot.addWidget(page := SyncPage(ctx, runner))
    runner.setParent(page)
    started: list[bool] = []
    runner.started.connect(started.append)
    with qtbot.waitSignal(runner.finished, timeout=PASS_TIMEOUT_MS):
        assert runner.run_now()
        assert not runner.run_now()  # never two at once
        assert not runner.run_automatic()
    assert started == [True]
    wait_for_tasks(qtbot, ctx)
    runner.shutdown()
    assert not runner.run_automatic()
    runner.soon()
    qtbot.wait(50)
    wait_for_tasks(qtbot, ctx)
    assert started == [True]


# --- what CNSS says, in the lookup's timeline ----------------------------------------------------


def test_the_timeline_shows_the_amount_cnss_reimbursed_and_when(qtbot, ctx, activated):
    for number in range(8):
        record(ctx, number, declared_amount_centimes=40_000 + 1_000 * number)
    assert run_sync(ctx.store, force_seal=True, clock=ctx.clock).ok
    activated.simulate_processing(seed=11, steps=4)
    report = run_sync(ctx.store, clock=ctx.clock)
    assert report.ok and report.updates_applied > 0, report
    reimbursed = list_claims(ctx.store, status=ClaimStatus.REIMBURSED)
    assert reimbursed, "the simulation reimbursed none of eight claims"
    claim = reimbursed[0]

    page = LookupPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.search_box.setText(claim.receipt_no)
    page.search()
    qtbot.waitUntil(lambda: page.selected is not None and page.timeline.topLevelItemCount() > 0)
    wait_for_tasks(qtbot, ctx)
    rows = [
        [page.timeline.topLevelItem(i).text(c) for c in range(5)]
        for i in range(page.timeline.topLevelItemCount())
    ]
    cnss = [row for row in rows if row[4] == "CNSS"]
    assert [row[1] for row in cnss][:1] == ["accepté"]
    paid = [row for row in cnss if row[1] == "remboursé"]
    assert len(paid) == 1
    when, _status, detail, amount, _source = paid[0]
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d\d DH", amount)
    assert re.search(r"payé le \d\d/\d\d/20\d\d", detail)
    assert re.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d", when)
    assert page.detail_status.text() == f"remboursé : {amount}, {detail.split(' — ')[-1]}"


# --- Arabic -------------------------------------------------------------------------------------


def test_the_sync_page_in_arabic_is_right_to_left_and_fully_translated(
    qtbot,
    arabic,  # noqa: F811
    ctx,
    activated,
    tmp_path,
):
    ctx.lang = "ar"
    record(ctx, 1)
    record_late_without_confirmation(ctx)
    window, _ = open_window(qtbot, ctx, tmp_path)
    runner = window.sync_runner
    assert runner is not None
    page = sync_page_of(window)
    window.show_page(window.page_index(SyncPage))
    wait_for_tasks(qtbot, ctx)
    report = press_sync_now(qtbot, page, runner, keyboard=False)  # an Arabic letter
    assert report.ok and report.rejected == 1
    wait_for_tasks(qtbot, ctx)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.rejected.rowCount() == 1 and page.batches.rowCount() == 1
    problems = untranslated(page) + untranslated(window.statusBar())
    headers = [
        table.horizontalHeaderItem(column).text()
        for table in (page.batches, page.rejected)
        for column in range(table.columnCount())
    ]
    problems += [h for h in headers if not re.search(r"[\u0600-\u06FF]", h)]
    assert not problems, "\n".join(problems)
    texts = [text for _, text in visible_texts(page)]
    assert any("زامن الآن" in text for text in texts)
    assert page.result_label.text().startswith("انتهت المزامنة")
    assert page.correction_buttons()[0].text() == "صحّح وأعد الإرسال"
    assert re.search(r"[\u0600-\u06FF]", page.rejected.item(0, 1).text())  # the reason too
    title = window.nav.item(window.page_index(SyncPage)).text()
    assert "المزامنة" in title and title.endswith("(F7)")


def test_closing_the_window_mid_pass_abandons_it_safely_and_the_next_pass_sends_all_once(
    qtbot, ctx, activated, tmp_path
):
    for number in range(3):
        record(ctx, number)
    window, _ = open_window(qtbot, ctx, tmp_path)
    runner = window.sync_runner
    assert runner is not None
    reports: list[object] = []
    runner.finished.connect(reports.append)
    runner.failed.connect(reports.append)
    # Hold the database worker, so the pass is surely in flight when the window closes.
    release = threading.Event()
    ctx.tasks.run_db(lambda: release.wait(30), lambda _done: None)
    assert runner.run_now()
    window.close()
    release.set()
    wait_for_tasks(qtbot, ctx, timeout=PASS_TIMEOUT_MS)
    assert not runner.running
    assert reports == []  # abandoned quietly: no result, no error dialog
    assert not runner.run_now()  # nothing starts once the window is closed

    report = run_sync(ctx.store, force_seal=True, clock=ctx.clock)
    assert report.ok and report.pending == 0, report
    assert activated.stats()["claims"] == 3
    assert all(c.status == ClaimStatus.ACCEPTED for c in list_claims(ctx.store))
