"""The deposit page as a clerk uses it: keyboard only, scanner bursts, problems beside fields.

Real widgets offscreen, a real encrypted store, the real task manager: a save goes through the
database worker exactly as at the counter. ``Clerk`` types into whatever has the keyboard
focus and counts the keystrokes; ``typical_claim_keystrokes`` is what docs/benchmarks.md
reports as the cost of one deposit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QWidget

from agent_app.domain.model import CareCategory, CareType, ChecklistItem, Relationship, Sex
from agent_app.domain.problems import Problem, Severity
from agent_app.services.claims import get_claim, record_claim
from agent_app.services.lookup import list_claims
from agent_app.ui.context import UiContext
from agent_app.ui.pages.deposit import DepositPage
from agent_app.ui.receipt_printer import ReceiptPrinter
from agent_app.ui.scanner import ScannerFilter
from tests.builders import claim_draft
from tests.printed import pdf_codes
from tests.ui.conftest import wait_for_tasks

TODAY = dt.date(2026, 11, 20)  # the ``clock`` fixture's day
ARABIC = re.compile(r"[\u0600-\u06FF]")


class ScannerClock:
    """The scanner filter's clock: real time, except while the test's scanner fires a burst.

    A real scanner's keys come milliseconds apart; ``QTest`` sends them faster still, but a
    loaded test machine may pause the process for longer than the 30 ms a burst allows.
    During :meth:`Clerk.scan` every reading is 1 ms after the last one, so a burst is a burst
    whatever the load; everywhere else the filter sees the real time, timer and all.
    """

    def __init__(self) -> None:
        self.bursting = False
        self._last = 0.0

    def __call__(self) -> float:
        self._last = self._last + 0.001 if self.bursting else time.monotonic()
        return self._last


SCANNER_CLOCK = ScannerClock()


@pytest.fixture
def page(qtbot, ctx: UiContext) -> DepositPage:
    return open_page(qtbot, ctx)


def open_page(qtbot, ctx: UiContext) -> DepositPage:
    deposit = DepositPage(ctx, scanner=ScannerFilter(max_gap_ms=30, clock=SCANNER_CLOCK))
    qtbot.addWidget(deposit)
    deposit.resize(1070, 750)  # what the main window leaves it at 1280×800
    deposit.show()
    qtbot.waitExposed(deposit)
    deposit.activateWindow()
    qtbot.waitUntil(deposit.isActiveWindow)
    deposit.activated()
    wait_for_tasks(qtbot, ctx)
    return deposit


class Clerk:
    """Types into whatever has the keyboard focus, like a person; counts every keystroke.

    A scanner burst (``scan``) is not counted as keystrokes: the clerk pulls a trigger.
    Texts are ASCII: ``QTest`` aborts the process on a character with no key of its own.
    """

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.keystrokes = 0
        self.scans = 0

    @property
    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
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
        """What a barcode scanner does: the whole code at once, then Enter."""
        SCANNER_CLOCK.bursting = True
        try:
            QTest.keyClicks(self.focus, payload)
            QTest.keyClick(self.focus, Qt.Key.Key_Return)
        finally:
            SCANNER_CLOCK.bursting = False
        self.scans += 1


@dataclass(frozen=True)
class Sheet:
    """What is written on one paper care sheet, as the test's clerk reads it."""

    immatriculation: str
    insured_name: str
    insured_cin: str
    amount: str  # as typed
    amount_centimes: int
    documents: int
    relationship: Relationship
    beneficiary_name: str  # ignored for "self": the form copies the insured's
    birth_date: str  # DDMMYYYY, typed without separators
    sex: Sex
    categories: tuple[int, ...]  # the digit keys of the care categories
    first_act: str  # DDMMYYYY
    prescriber_inpe: str
    fse: str | None = None


NAMES = ("BENNANI Youssef", "ALAOUI Khadija", "EL AMRANI Omar", "TAZI Salma", "IDRISSI Karim")
CHILDREN = ("BENNANI Yasmine", "ALAOUI Adam", "EL AMRANI Lina", "TAZI Rayan", "IDRISSI Nour")


def sheets(count: int) -> Iterator[Sheet]:
    for i in range(count):
        child = i % 3 == 2
        dirhams = 120 + 37 * i
        yield Sheet(
            immatriculation=f"{100_000_000 + 7919 * i:09d}",
            insured_name=NAMES[i % len(NAMES)],
            insured_cin=f"BE{200_000 + i}",
            amount=f"{dirhams},50" if i % 2 else str(dirhams),
            amount_centimes=dirhams * 100 + (50 if i % 2 else 0),
            documents=1 + i % 5,
            relationship=Relationship.CHILD if child else Relationship.SELF,
            beneficiary_name=CHILDREN[i % len(CHILDREN)],
            birth_date="14022012" if child else "12031984",
            sex=Sex.FEMALE if i % 2 else Sex.MALE,
            categories=(1, 2) if i % 4 else (1, 3, 4),
            first_act=f"{1 + i % 19:02d}112026",
            prescriber_inpe=f"{300_000_000 + 13 * i:09d}",
            fse=f"FSE:MA-2026-{i:06d}" if i % 10 == 0 else None,
        )


def record_by_keyboard(clerk: Clerk, sheet: Sheet) -> None:
    """One deposit the way the tab order leads a clerk through the form."""
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
    # The cursor is on the prescriber's INPE: the label is scanned, and the cursor jumps
    # to the first field still empty after it (the care categories).
    clerk.scan(f"INPE:{sheet.prescriber_inpe}")
    if sheet.fse is not None:
        clerk.scan(sheet.fse)
    clerk.type("".join(str(key) for key in sheet.categories))
    clerk.tab()
    clerk.type(sheet.first_act)
    clerk.tab(2)  # past the optional end of treatment, into the checklist
    clerk.space()  # the first box has the focus
    clerk.type("234")
    clerk.save()


# The commonest deposit: the insured's own care, consultation and pharmacy, no FSE.
TYPICAL = Sheet(
    immatriculation="123456789",
    insured_name="BENNANI Youssef",
    insured_cin="BE123456",
    amount="450,00",
    amount_centimes=45_000,
    documents=3,
    relationship=Relationship.SELF,
    beneficiary_name="BENNANI Youssef",
    birth_date="12031984",
    sex=Sex.MALE,
    categories=(1, 2),
    first_act="10112026",
    prescriber_inpe="112233445",
)


def typical_claim_keystrokes(qtbot, page: DepositPage) -> int:
    """Keystrokes for :data:`TYPICAL`, its INPE label scanned (the number docs report)."""
    receipts: list[str] = []
    page.claim_recorded.connect(receipts.append)
    clerk = Clerk(qtbot)
    record_by_keyboard(clerk, TYPICAL)
    qtbot.waitUntil(lambda: len(receipts) == 1, timeout=5000)
    return clerk.keystrokes


def test_records_fifty_claims_typed_on_the_keyboard_with_scanned_inpe_labels(
    qtbot, ctx, page, record_property, tmp_path
):
    receipts: list[str] = []
    page.claim_recorded.connect(receipts.append)
    # Each receipt goes to "paper" (a PDF: the printer is the only fake), as in the app.
    printed: list[str] = []
    pdfs: list[Path] = []

    def pdf_printer() -> QPrinter:
        target = QPrinter(QPrinter.PrinterMode.HighResolution)
        target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        pdfs.append(tmp_path / f"receipt-{len(pdfs):02d}.pdf")
        target.setOutputFileName(str(pdfs[-1]))
        return target

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    printer = ReceiptPrinter(ctx, settings, printer_factory=pdf_printer)
    printer.printed.connect(printed.append)
    page.claim_recorded.connect(printer.print_receipt)
    counts: list[int] = []
    expected = list(sheets(50))
    for number, sheet in enumerate(expected, start=1):
        assert QApplication.focusWidget() is page.insured_immatriculation
        clerk = Clerk(qtbot)
        record_by_keyboard(clerk, sheet)
        qtbot.waitUntil(lambda n=number: len(receipts) == n, timeout=5000)
        counts.append(clerk.keystrokes)

    wait_for_tasks(qtbot, ctx)
    assert len(set(receipts)) == 50
    assert page.status_line.text() == f"Reçu {receipts[-1]} enregistré."
    rows = {row.receipt_no: row for row in list_claims(ctx.store, limit=None)}
    assert set(rows) == set(receipts)
    for receipt, sheet in zip(receipts, expected, strict=True):
        row = rows[receipt]
        assert row.insured_immatriculation == sheet.immatriculation
        assert row.insured_name == sheet.insured_name
        assert row.declared_amount_centimes == sheet.amount_centimes
        assert row.document_count == sheet.documents
        assert row.care_type == CareType.ILLNESS
        claim = get_claim(ctx.store, receipt)
        assert claim.prescriber_inpe == sheet.prescriber_inpe
        assert claim.fse_number == (sheet.fse.removeprefix("FSE:") if sheet.fse else None)
        assert claim.beneficiary_relationship == sheet.relationship
        assert claim.beneficiary_sex == sheet.sex
        assert claim.insured_cin == sheet.insured_cin
        if sheet.relationship is Relationship.SELF:
            assert claim.beneficiary_name == sheet.insured_name
            assert claim.beneficiary_cin == sheet.insured_cin
            assert claim.beneficiary_birth_date == dt.date(1984, 3, 12)
        else:
            assert claim.beneficiary_name == sheet.beneficiary_name
            assert claim.beneficiary_cin is None
        assert claim.first_act_date == dt.datetime.strptime(sheet.first_act, "%d%m%Y").date()
        categories = {list(CareCategory)[key - 1].value for key in sheet.categories}
        assert set(claim.care_categories.split(",")) == categories
        assert set(claim.checklist.split(",")) == {item.value for item in ChecklistItem}
        assert json.loads(claim.confirmations) == {}

    # Every receipt came out, and its QR code, read by zbar, holds its receipt number.
    qtbot.waitUntil(lambda: len(printed) == 50, timeout=20000)
    assert sorted(printed) == sorted(receipts)
    scanned = {}
    for pdf in pdfs:
        (payload,) = pdf_codes(pdf, tmp_path / pdf.stem)
        scanned[payload.split("|")[1]] = payload
    assert set(scanned) == set(receipts)

    mean = sum(counts) / len(counts)
    record_property("keystrokes_per_claim_mean", mean)
    print(
        f"\nkeystrokes per claim over 50 deposits: min {min(counts)}, max {max(counts)}, "
        f"mean {mean:.1f} (plus one or two scans each)"
    )
    # A regression guard: adding a tab stop to the main path must be a decision.
    assert max(counts) <= 95


def test_typical_claim_keystroke_count_is_reported(qtbot, page, record_property):
    keystrokes = typical_claim_keystrokes(qtbot, page)
    record_property("keystrokes_typical_claim", keystrokes)
    # 56 characters read off the sheet (number, name, CIN, amount, count, two dates, sex),
    # 13 Tabs, 2 category keys, 4 for the checklist, Ctrl+Enter; the INPE label is scanned.
    assert keystrokes == 76


def test_wrong_immatriculation_is_shown_beside_it_and_ctrl_enter_saves_nothing(qtbot, ctx, page):
    clerk = Clerk(qtbot)
    clerk.type("1234567")
    clerk.tab()
    problem = page.problem_labels["insured_immatriculation"]
    qtbot.waitUntil(problem.isVisible)
    assert "7 chiffres" in problem.text()
    assert "affiliation" in problem.text()
    assert problem.severity is Severity.ERROR
    # Fields the clerk has not reached stay quiet.
    assert not page.problem_labels["beneficiary_birth_date"].isVisible()

    clerk.save()
    wait_for_tasks(qtbot, ctx)
    assert list_claims(ctx.store) == []
    assert page.status_line.text().startswith("Dépôt non enregistré")
    assert QApplication.focusWidget() is page.insured_immatriculation
    # After a save attempt every field says what is missing.
    assert page.problem_labels["beneficiary_birth_date"].isVisible()
    assert page.problem_labels["checklist"].isVisible()


def fill(page: DepositPage, **changes: object) -> None:
    """Put a valid claim (``claim_draft``'s) in the form, as if the clerk had typed it."""
    draft = claim_draft(TODAY, **changes)
    page.form_type.set_value(draft.form_type)
    page.request_kind.set_value(draft.request_kind)
    page.insured_immatriculation.setText(draft.insured_immatriculation)
    page.insured_name.setText(draft.insured_name)
    page.insured_cin.setText(draft.insured_cin or "")
    page.declared_amount.set_centimes(draft.declared_amount_centimes)
    page.document_count.setValue(draft.document_count)
    page.relationship.set_value(draft.beneficiary_relationship)
    page.beneficiary_name.setText(draft.beneficiary_name)
    page.birth_date.set_value(draft.beneficiary_birth_date)
    page.sex.set_value(draft.beneficiary_sex)
    page.beneficiary_cin.setText(draft.beneficiary_cin or "")
    page.prescriber_inpe.setText(draft.prescriber_inpe)
    page.care_type.set_value(draft.care_type)
    page.care_categories.set_selected(draft.care_categories)
    page.first_act_date.set_value(draft.first_act_date)
    page.end_of_treatment_date.set_value(draft.end_of_treatment_date)
    page.checklist.set_selected(draft.checklist)
    page.insured_immatriculation.setFocus()


def test_late_deposit_asks_for_a_reason_before_saving(qtbot, ctx, page):
    fill(page, first_act_date=dt.date(2026, 8, 3))
    receipts: list[str] = []
    page.claim_recorded.connect(receipts.append)
    Clerk(qtbot).save()
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible())
    dialog = page.confirm_dialog
    assert dialog is not None
    assert list(dialog.reason_edits) == ["claim.late_deposit"]
    assert any("hors délai" in label.text() for label in dialog.findChildren(QLabel))
    assert not dialog.ok_button.isEnabled()
    assert not page.save_button.isEnabled()  # no second save behind the dialog

    reason = dialog.reason_edits["claim.late_deposit"]
    QTest.keyClicks(reason, "   ")
    assert not dialog.ok_button.isEnabled()  # spaces are no reason
    reason.clear()
    QTest.keyClicks(reason, "Hospitalisation longue, certificat joint")
    assert dialog.ok_button.isEnabled()
    QTest.keyClick(reason, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: len(receipts) == 1, timeout=5000)
    wait_for_tasks(qtbot, ctx)
    claim = get_claim(ctx.store, receipts[0])
    assert json.loads(claim.confirmations) == {
        "claim.late_deposit": "Hospitalisation longue, certificat joint"
    }
    assert page.confirm_dialog is None
    assert page.insured_immatriculation.text() == ""
    assert page.save_button.isEnabled()


def test_likely_duplicate_shows_the_earlier_receipt_and_cancel_saves_nothing(
    qtbot, ctx, page, clerk
):
    first = record_claim(ctx.store, clerk, claim_draft(TODAY), clock=ctx.clock)
    receipts: list[str] = []
    page.claim_recorded.connect(receipts.append)

    fill(page)
    Clerk(qtbot).save()
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible())
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.duplicate_label is not None
    assert first.receipt_no in dialog.duplicate_label.text()
    assert dialog.duplicate_label.font().bold()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.confirm_dialog is None)
    wait_for_tasks(qtbot, ctx)
    assert len(list_claims(ctx.store)) == 1
    assert receipts == []
    assert page.status_line.text().startswith("Dépôt non enregistré")
    assert page.insured_immatriculation.text() == "123456789"  # nothing typed is lost
    assert page.save_button.isEnabled()
    # A window manager gives the keyboard back to the page; the offscreen platform does not.
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    assert "CASA01-" in page.problem_labels["insured_immatriculation"].text()

    Clerk(qtbot).save()
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible())
    dialog = page.confirm_dialog
    assert dialog is not None
    QTest.keyClicks(
        dialog.reason_edits["claim.likely_duplicate"], "Second exemplaire pour la mutuelle"
    )
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: len(receipts) == 1, timeout=5000)
    wait_for_tasks(qtbot, ctx)
    assert len(list_claims(ctx.store)) == 2
    confirmations = json.loads(get_claim(ctx.store, receipts[0]).confirmations)
    assert confirmations == {"claim.likely_duplicate": "Second exemplaire pour la mutuelle"}


def test_a_second_ctrl_enter_while_saving_does_not_save_twice(qtbot, ctx, page):
    fill(page)
    receipts: list[str] = []
    page.claim_recorded.connect(receipts.append)
    page.save()
    assert not page.save_button.isEnabled()
    page.save()
    page.save_button.click()
    assert ctx.tasks.pending == 1
    qtbot.waitUntil(lambda: len(receipts) == 1, timeout=5000)
    wait_for_tasks(qtbot, ctx)
    assert len(list_claims(ctx.store)) == 1


def test_choosing_the_insured_copies_name_and_cin_and_another_relation_clears_them(qtbot, page):
    clerk = Clerk(qtbot)
    clerk.type("123456789")
    clerk.tab()
    clerk.type("BENNANI Youssef")
    clerk.tab()
    clerk.type("be123456")
    # Keys reach the field once the scanner filter knows they are typing (30 ms).
    qtbot.waitUntil(lambda: page.insured_cin.text() == "BE123456")
    assert page.beneficiary_name.text() == "BENNANI Youssef"
    assert page.beneficiary_cin.text() == "BE123456"

    page.relationship.setFocus()
    clerk.type("c")  # Conjoint
    qtbot.waitUntil(lambda: page.relationship.value() is Relationship.SPOUSE)
    assert page.beneficiary_name.text() == ""
    assert page.beneficiary_cin.text() == ""
    clerk.type("l")  # L'assuré
    qtbot.waitUntil(lambda: page.relationship.value() is Relationship.SELF)
    assert page.beneficiary_name.text() == "BENNANI Youssef"


def test_dates_typed_without_separators_and_the_deposit_deadline(qtbot, page):
    page.first_act_date.setFocus()
    clerk = Clerk(qtbot)
    clerk.type("05112026")
    clerk.tab()
    assert page.first_act_date.text() == "05/11/2026"
    qtbot.waitUntil(lambda: page.deadline_hint.text() != "")
    assert "05/01/2027" in page.deadline_hint.text()
    page.end_of_treatment_date.setFocus()
    clerk.type("31/02/2026")
    clerk.tab()
    problem = page.problem_labels["end_of_treatment_date"]
    qtbot.waitUntil(problem.isVisible)
    assert "illisible" in problem.text()


def test_every_field_has_its_own_alt_letter_and_an_accessible_name(page):
    letters: dict[str, str] = {}
    for caption in page.findChildren(QLabel):
        buddy = caption.buddy()
        if buddy is None:
            continue
        match = re.search(r"&(\w)", caption.text())
        assert match, caption.text()
        letter = match.group(1).lower()
        assert letter not in letters, f"{caption.text()} and {letters[letter]}"
        letters[letter] = caption.text()
        # A check box is announced by its own text; other fields need their label's.
        assert buddy.accessibleName() or isinstance(buddy, QCheckBox)
    assert "s" not in letters  # Alt+S opens the main window's "Session" menu
    assert len(letters) >= 19


def test_alt_letter_reaches_its_field(qtbot, page):
    QTest.keyClick(page.insured_immatriculation, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.sex


def test_arabic_page_runs_right_to_left_with_arabic_problems(qtbot, ctx):
    ctx.lang = "ar"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        page = open_page(qtbot, ctx)
        assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert page.insured_immatriculation.layoutDirection() == Qt.LayoutDirection.RightToLeft
        clerk = Clerk(qtbot)
        clerk.type("12345")
        clerk.save()
        problem = page.problem_labels["insured_immatriculation"]
        assert problem.isVisible()
        expected = Problem(
            "immatriculation.not_9_digits",
            "insured_immatriculation",
            Severity.ERROR,
            {"length": "5"},
        ).message("ar")
        assert problem.text().endswith(expected)
        assert ARABIC.search(problem.text())
        assert ARABIC.search(page.relationship.currentText())  # the domain's own labels
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
