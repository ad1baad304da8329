"""The enrolment page with the real reference centre: the online check, and the correction of
an enrolment the centre rejected, from the sync page.

Real widgets offscreen, a real encrypted store, the real task manager and the real centre
(``python -m sync.server serve`` on 127.0.0.1, the ``central`` fixture). The clerk uses the
keyboard only: Alt+letters, Tab, Space, Enter and the page's shortcuts.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from agent_app.domain.model import EnrolmentStatus
from agent_app.services.context import Actor
from agent_app.services.enrolments import enrol, get_enrolment
from agent_app.services.sync import activate
from agent_app.store.engine import Store
from agent_app.store.models import AuditEntry, Enrolment
from agent_app.ui.pages.enrolment import EnrolmentPage
from agent_app.ui.pages.enrolment.steps import STEP_DEPENDENTS, STEP_REVIEW
from agent_app.ui.pages.sync import SyncPage
from agent_app.ui.receipt_printer import ReceiptPrinter
from tests.builders import child, enrolment_draft
from tests.conftest import CASABLANCA, FixedClock
from tests.integration.test_insured_check import ELSEWHERE, ELSEWHERE_NUMBER, _add_insured
from tests.sync.conftest import Central
from tests.sync.conftest import central as central  # the real centre, as a fixture here
from tests.ui.conftest import wait_for_tasks
from tests.ui.test_enrolment_page import Clerk, open_page
from tests.ui.test_sync_page import open_window, press_sync_now, rejected_rows, sync_page_of

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CHECK_TIMEOUT_MS = 30_000  # a real centre on a loaded two-core machine


@pytest.fixture
def clock() -> FixedClock:
    # The centre runs on the real clock: the counter's must agree with it.
    return FixedClock(dt.datetime.now(CASABLANCA).replace(microsecond=0))


@pytest.fixture
def activated(store: Store, supervisor: Actor, central: Central, clock: FixedClock) -> Central:
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    return central


def checks_audited(store: Store) -> list[tuple[str, str, dict[str, object]]]:
    with store.read() as session:
        entries = session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.action == "insured.check")
            .order_by(AuditEntry.seq)
        ).all()
        return [(e.actor, e.subject_ref or "", json.loads(e.details)) for e in entries]


def typed_applicant(clerk: Clerk, cin: str) -> None:
    """Names, Arabic names left empty, then the CIN: the cursor stays in the CIN."""
    clerk.fill("Zerhouni", "Amal", "", "", cin)


# --- the online check -------------------------------------------------------------------------


def test_the_clerk_asks_the_centre_by_keyboard_and_reads_the_answer_masked(
    qtbot, ctx, activated, tmp_path
):
    _add_insured(activated, ELSEWHERE, "salarie", ELSEWHERE_NUMBER)
    page = open_page(qtbot, ctx, tmp_path)
    clerk = Clerk(qtbot, page)
    qtbot.waitUntil(page.check_button.isEnabled)
    typed_applicant(clerk, "zt552211")
    assert clerk.focus is page.cin and not page.online_result.isVisible()

    clerk.key(Qt.Key.Key_V, ALT)  # "&Vérifier auprès de la CNSS"

    qtbot.waitUntil(lambda: "déjà assuré" in page.online_result.text(), timeout=CHECK_TIMEOUT_MS)
    answer = page.online_result.text()
    assert page.online_result.isVisible()
    assert "ZT****11" in answer and "70*****00" in answer and "salariés" in answer
    assert ELSEWHERE not in answer and ELSEWHERE_NUMBER not in answer  # masked on screen
    assert answer.startswith("⚠")  # already insured: worth a second look
    assert activated.stats()["insured_checks"] == 1
    wait_for_tasks(qtbot, ctx)
    # The audit names the clerk at the counter, never the whole CIN.
    assert checks_audited(ctx.store) == [
        ("agent1", "ZT****11", {"regime": "salarie", "state": "insured"})
    ]

    # The link goes down; another CIN is checked with Tab then Space from the CIN field.
    activated.stop()
    page.cin.setFocus(Qt.FocusReason.ShortcutFocusReason)
    page.cin.selectAll()
    clerk.type("BE998877")
    assert not page.online_result.isVisible()  # the old answer was about another CIN
    clerk.tab()
    assert clerk.focus is page.check_button
    clerk.key(Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: "injoignable" in page.online_result.text(), timeout=CHECK_TIMEOUT_MS)
    down = page.online_result.text()
    assert down.startswith("⚠ Vérification impossible : le centre est injoignable")
    assert "enregistrée sans vérification" in down
    qtbot.waitUntil(page.check_button.isEnabled)  # ready for another try
    # Everything typed is still there, nothing was saved and no check was audited.
    assert (page.last_name.text(), page.first_name.text(), page.cin.text()) == (
        "Zerhouni",
        "Amal",
        "BE998877",
    )
    wait_for_tasks(qtbot, ctx)
    assert len(checks_audited(ctx.store)) == 1
    with ctx.store.read() as session:
        assert session.scalar(sa.select(sa.func.count(Enrolment.id))) == 0


def test_before_activation_the_check_cannot_be_pressed(qtbot, ctx, tmp_path):
    page = open_page(qtbot, ctx, tmp_path)
    clerk = Clerk(qtbot, page)
    typed_applicant(clerk, "BE998877")
    assert not page.check_button.isEnabled()
    assert "activé" in page.check_button.toolTip()

    clerk.key(Qt.Key.Key_V, ALT)
    clerk.tab()  # a disabled button is no stop: Tab goes on to the immatriculation

    assert clerk.focus is page.immatriculation
    qtbot.wait(50)
    wait_for_tasks(qtbot, ctx)
    assert not page.online_result.isVisible() and page.online_result.text() == ""
    assert checks_audited(ctx.store) == []


# --- correcting an enrolment the centre rejected ------------------------------------------------


def years_ago(today: dt.date, years: int, days: int = 0) -> dt.date:
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def set_parameter(centre: Central, code: str, value: int) -> None:
    centre.cli(
        "set-parameter",
        *("--data-dir", str(centre.data_dir), "--db", centre.db_url),
        *("--code", code, "--value", str(value)),
    )


def test_a_rejected_enrolment_is_corrected_from_the_sync_page_and_accepted(
    qtbot, ctx, activated, tmp_path
):
    today = ctx.clock().date()
    # A son of 21 who is not a student: covered under the counter's rules (up to 21 years)…
    son = child(years_ago(today, 21, days=10))
    rejected = enrol(
        ctx.store, ctx.require_actor(), enrolment_draft(today, (son,)), clock=ctx.clock
    )
    # …no longer under the ones CNSS publishes before the file reaches it.
    set_parameter(activated, "child_age_limit_years", 20)
    window, printed_files = open_window(qtbot, ctx, tmp_path)
    runner = window.sync_runner
    assert runner is not None
    sync_page = sync_page_of(window)
    window.show_page(window.page_index(SyncPage))
    wait_for_tasks(qtbot, ctx)

    report = press_sync_now(qtbot, sync_page, runner)

    assert report.ok and report.rejected == 1, report
    wait_for_tasks(qtbot, ctx)
    [(receipt, reason, message)] = rejected_rows(sync_page)
    assert receipt == rejected.receipt_no
    assert reason == "Enfant au-delà de l'âge de couverture"
    assert "dépasse l'âge de couverture" in message
    [button] = sync_page.correction_buttons()
    assert button.text() == "Corriger et renvoyer"
    assert button.accessibleName() == f"Corriger et renvoyer l'inscription {receipt}"

    # Tab from the sync button to "Corriger et renvoyer", then Space.
    sync_page.sync_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
    for _ in range(20):
        if QApplication.focusWidget() is button:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button, "Tab never reached the correction button"
    QTest.keyClick(button, Qt.Key.Key_Space)

    enrolment = window.page(EnrolmentPage)
    assert isinstance(enrolment, EnrolmentPage)
    assert window.stack.currentWidget() is enrolment
    qtbot.waitUntil(lambda: enrolment.correction is not None)
    wait_for_tasks(qtbot, ctx)
    assert enrolment.correction_row.isVisible()
    banner = enrolment.correction_banner.text()
    assert rejected.receipt_no in banner and message in banner
    assert "Motif : Enfant au-delà de l'âge de couverture" in banner
    # Pre-filled from the stored version, on the review step, the rule named.
    assert (enrolment.last_name.text(), enrolment.cin.text()) == ("EL AMRANI", "BK654321")
    assert enrolment.dependents.list.count() == 1
    assert enrolment.current_step() == STEP_REVIEW
    assert enrolment.save_button.text().startswith("Enregistrer la correction")
    problems = [
        enrolment.problem_list.item(i).text() for i in range(enrolment.problem_list.count())
    ]
    assert any("Ayant droit 1" in text and "21 ans" in text for text in problems), problems

    # The son is a student: Alt+3, Enter on him, Tab to his situation, 1 ticks "student".
    clerk = Clerk(qtbot, enrolment)
    clerk.key(Qt.Key.Key_3, ALT)
    assert enrolment.current_step() == STEP_DEPENDENTS
    assert clerk.focus is enrolment.dependents.list
    clerk.key(Qt.Key.Key_Return)
    assert clerk.focus is enrolment.dependents.relationship
    clerk.tab(6)
    assert clerk.focus is enrolment.dependents.situation.boxes[0]
    clerk.type("1")
    assert enrolment.dependents.entries[0].is_student
    printed: list[str] = []
    printer = window.findChild(ReceiptPrinter)
    assert printer is not None
    printer.printed.connect(printed.append)
    corrected: list[tuple[str, str]] = []
    enrolment.enrolment_corrected.connect(lambda old, new: corrected.append((old, new)))
    clerk.ctrl_enter()  # to the review step
    assert enrolment.current_step() == STEP_REVIEW
    qtbot.waitUntil(enrolment.no_problem.isVisible)
    clerk.ctrl_enter()  # saves

    qtbot.waitUntil(lambda: corrected != [], timeout=10_000)
    [(old_receipt, new_receipt)] = corrected
    assert old_receipt == rejected.receipt_no and new_receipt != old_receipt
    qtbot.waitUntil(lambda: printed == [new_receipt], timeout=10_000)
    assert printed_files[-1].read_bytes().startswith(b"%PDF")
    assert new_receipt in enrolment.status_line.text()
    assert enrolment.correction is None and not enrolment.correction_row.isVisible()
    old, new = get_enrolment(ctx.store, old_receipt), get_enrolment(ctx.store, new_receipt)
    assert (old.status, new.status) == (EnrolmentStatus.SUPERSEDED, EnrolmentStatus.RECORDED)
    assert (old.version, new.version, new.supersedes_id) == (1, 2, old.id)
    assert [(d.first_name, d.is_student) for d in new.dependents] == [("OMAR", True)]
    assert [d.is_student for d in old.dependents] == [False]  # kept as it was

    # The sync page no longer lists it; the next pass sends the new version, accepted.
    wait_for_tasks(qtbot, ctx)
    assert sync_page.rejected.rowCount() == 0
    window.show_page(window.page_index(SyncPage))
    wait_for_tasks(qtbot, ctx)
    again = press_sync_now(qtbot, sync_page, runner)
    assert again.ok and again.rejected == 0, again
    wait_for_tasks(qtbot, ctx)
    assert get_enrolment(ctx.store, new_receipt).status == EnrolmentStatus.ACCEPTED
    stats = activated.stats()
    # Both versions are kept at the centre; the rejected one is now superseded by the new.
    assert (stats["enrolments"], stats["enrolments_rejected"]) == (2, 0)
