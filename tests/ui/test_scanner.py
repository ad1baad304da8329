"""A barcode scanner is a fast keyboard: its bursts are taken, a person's typing never is.

Bursts are real ``QKeyEvent``s sent with ``QTest``; the filter's clock is a hand-moved fake
where the test is about timing, so "fast" and "slow" never depend on the machine's load.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QVBoxLayout, QWidget

from agent_app.domain.model import CareCategory
from agent_app.ui.scanner import Scan, ScanKind, ScannerFilter, classify_scan
from tests.ui.test_deposit import SCANNER_CLOCK, Clerk, open_page


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("INPE:112233445", Scan(ScanKind.INPE, "112233445", "INPE:112233445")),
        ("]C1112233445", Scan(ScanKind.INPE, "112233445", "]C1112233445", bare_number=True)),
        ("112233445", Scan(ScanKind.INPE, "112233445", "112233445", bare_number=True)),
        ("CNSS:123456789", Scan(ScanKind.INSURED, "123456789", "CNSS:123456789")),
        ("cnss-123 456 789", Scan(ScanKind.INSURED, "123456789", "cnss-123 456 789")),
        ("FSE:MA-2026-000123", Scan(ScanKind.FSE, "MA-2026-000123", "FSE:MA-2026-000123")),
        ("FSE2026000123", Scan(ScanKind.FSE, "FSE2026000123", "FSE2026000123")),
        ("CNSS:1234567", None),  # an employer's affiliation number is no insured
        ("hello world", None),
        ("112233445 998877665", None),  # two INPEs: not guessed at
        ("FSE: has spaces", None),
    ],
)
def test_what_the_deposit_form_reads_in_a_scan(payload, expected):
    assert classify_scan(payload) == expected


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Form:
    """A field and a check box in a form, the filter attached with a hand-moved clock."""

    widget: QWidget
    field: QLineEdit
    box: QCheckBox
    scanner: ScannerFilter
    clock: FakeClock
    scans: list[tuple[Scan, object]]
    entered: list[str]  # the field's text each time it saw Enter


@pytest.fixture
def form(qtbot) -> Form:
    widget = QWidget()
    layout = QVBoxLayout(widget)
    field = QLineEdit()
    box = QCheckBox("1 consultation")
    layout.addWidget(field)
    layout.addWidget(box)
    qtbot.addWidget(widget)
    clock = FakeClock()
    scanner = ScannerFilter(widget, max_gap_ms=30, clock=clock)
    scanner.attach(widget)
    made = Form(widget, field, box, scanner, clock, [], [])
    scanner.scanned.connect(lambda scan, origin: made.scans.append((scan, origin)))
    field.returnPressed.connect(lambda: made.entered.append(field.text()))
    return made


def press(widget: QWidget, clock: FakeClock, text: str, gap_ms: float) -> None:
    for char in text:
        clock.now += gap_ms / 1000
        QTest.keyClick(widget, char)


def enter(widget: QWidget, clock: FakeClock, gap_ms: float) -> None:
    clock.now += gap_ms / 1000
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_a_fast_burst_ended_by_enter_is_a_scan_and_never_reaches_the_field(form):
    press(form.field, form.clock, "INPE:112233445", gap_ms=4)
    enter(form.field, form.clock, gap_ms=4)
    assert form.scans == [(Scan(ScanKind.INPE, "112233445", "INPE:112233445"), form.field)]
    assert form.field.text() == ""
    assert form.entered == []  # the scan's Enter is the scanner's, not the form's
    assert not form.scanner.holding


def test_typing_by_hand_is_never_taken(form):
    press(form.field, form.clock, "112233445", gap_ms=120)
    enter(form.field, form.clock, gap_ms=120)
    assert form.scans == []
    assert form.field.text() == "112233445"
    assert form.entered == ["112233445"]


def test_a_fast_burst_ended_by_tab_is_typing(form):
    press(form.field, form.clock, "BENNANI", gap_ms=2)
    QTest.keyClick(form.field, Qt.Key.Key_Tab)
    assert form.field.text() == "BENNANI"
    assert form.scans == []


def test_an_unknown_code_is_handed_back_with_its_enter(form):
    press(form.field, form.clock, "hello-world", gap_ms=3)
    enter(form.field, form.clock, gap_ms=3)
    assert form.scans == []
    assert form.field.text() == "hello-world"
    assert form.entered == ["hello-world"]


def test_a_short_fast_burst_is_typing(form):
    press(form.field, form.clock, "12345", gap_ms=3)
    enter(form.field, form.clock, gap_ms=3)
    assert form.scans == []
    assert form.entered == ["12345"]


def test_a_pause_before_enter_makes_it_typing(form):
    press(form.field, form.clock, "112233445", gap_ms=3)
    enter(form.field, form.clock, gap_ms=400)
    assert form.scans == []
    assert form.entered == ["112233445"]


def test_held_keys_reach_their_widget_after_the_gap_in_order(qtbot, form):
    press(form.field, form.clock, "abc", gap_ms=1)
    assert form.field.text() == ""  # held for at most max_gap_ms
    qtbot.waitUntil(lambda: form.field.text() == "abc", timeout=1000)
    QTest.keyClick(form.box, Qt.Key.Key_Space)  # press and release are held together
    assert not form.box.isChecked()
    qtbot.waitUntil(form.box.isChecked, timeout=1000)


def test_real_keystrokes_at_a_typists_pace_are_typing(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    scanner = ScannerFilter(field, max_gap_ms=30, clock=SCANNER_CLOCK)
    scanner.attach(field)
    scans: list[Scan] = []
    scanner.scanned.connect(lambda scan, _origin: scans.append(scan))
    QTest.keyClicks(field, "112233445", delay=60)
    QTest.keyClick(field, Qt.Key.Key_Return, delay=60)
    assert scans == []
    assert field.text() == "112233445"

    field.clear()
    SCANNER_CLOCK.bursting = True  # no delay: the burst of a scanner
    try:
        QTest.keyClicks(field, "INPE:112233445")
        QTest.keyClick(field, Qt.Key.Key_Return)
    finally:
        SCANNER_CLOCK.bursting = False
    assert [scan.value for scan in scans] == ["112233445"]
    assert field.text() == ""


# --- on the deposit page ------------------------------------------------------------------


@pytest.fixture
def page(qtbot, ctx):
    return open_page(qtbot, ctx)


def test_a_scanned_inpe_fills_the_prescriber_wherever_the_cursor_is_then_the_facility(qtbot, page):
    page.beneficiary_name.setFocus()
    clerk = Clerk(qtbot)
    clerk.scan("INPE:112233445")
    assert page.prescriber_inpe.text() == "112233445"
    assert page.beneficiary_name.text() == ""
    # The cursor moves on to the first field after the INPE still waiting for input.
    assert QApplication.focusWidget() is page.care_categories.boxes[0]

    clerk.scan("]C1998877665")  # with the AIM symbology identifier some scanners send
    assert page.facility_inpe.text() == "998877665"
    assert page.prescriber_inpe.text() == "112233445"

    clerk.scan("INPE:555555555")
    assert page.prescriber_inpe.text() == "112233445"
    assert page.facility_inpe.text() == "998877665"
    assert "déjà remplis" in page.status_line.text()


def test_a_scanned_fse_code_and_cnss_barcode_find_their_fields(qtbot, page):
    clerk = Clerk(qtbot)
    page.first_act_date.setFocus()
    clerk.scan("FSE:MA-2026-000123")
    assert page.fse_number.text() == "MA-2026-000123"
    assert page.first_act_date.text() == ""
    clerk.scan("CNSS:123456789")
    assert page.insured_immatriculation.text() == "123456789"
    assert QApplication.focusWidget() is page.insured_name


def test_nine_bare_digits_scanned_into_the_immatriculation_are_the_immatriculation(qtbot, page):
    assert QApplication.focusWidget() is page.insured_immatriculation
    Clerk(qtbot).scan("123456789")
    assert page.insured_immatriculation.text() == "123456789"
    assert page.prescriber_inpe.text() == ""
    assert QApplication.focusWidget() is page.insured_name


def test_scanned_digits_never_tick_care_categories(qtbot, page):
    page.care_categories.boxes[0].setFocus()
    Clerk(qtbot).scan("INPE:112233445")
    assert page.care_categories.selected() == frozenset()
    assert page.prescriber_inpe.text() == "112233445"
    clerk = Clerk(qtbot)
    clerk.type("12")
    clerk.tab()  # digits typed by the clerk do tick them
    assert page.care_categories.selected() == {CareCategory.CONSULTATION, CareCategory.PHARMACY}


def test_a_clerk_typing_slowly_into_the_immatriculation_is_not_hijacked(qtbot, page):
    QTest.keyClicks(page.insured_immatriculation, "123456789", delay=50)
    QTest.keyClick(page.insured_immatriculation, Qt.Key.Key_Return, delay=50)
    assert page.insured_immatriculation.text() == "123456789"
    assert page.prescriber_inpe.text() == ""
