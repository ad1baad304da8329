"""The enrolment page as a clerk uses it: six steps, keyboard only, problems as they type.

Real widgets offscreen, a real encrypted store, the real task manager: a save goes through
the database worker exactly as at the counter. The clerk of these tests types into whatever
has the keyboard focus and moves with Tab and the page's shortcuts, never with the mouse.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from agent_app.domain.model import DependentRelationship, EnrolmentStatus
from agent_app.services.enrolments import enrol
from agent_app.services.scans import read_scan, scans_of
from agent_app.store.models import Dependent, Enrolment
from agent_app.store.repo import add_status, set_setting
from agent_app.ui.context import UiContext
from agent_app.ui.i18n import apply_language, translations_dir
from agent_app.ui.pages.enrolment import EnrolmentPage
from agent_app.ui.pages.enrolment.documents import SCANNER_FOLDER_SETTING
from agent_app.ui.pages.enrolment.steps import (
    STEP_ADDRESSES,
    STEP_APPLICANT,
    STEP_DEPENDENTS,
    STEP_DOCUMENTS,
    STEP_NOTICE,
    STEP_REVIEW,
)
from tests.builders import child, enrolment_draft
from tests.integration.test_scans import greyscale_png
from tests.sync.conftest import central_module as central_module  # one real centre per module
from tests.ui.conftest import wait_for_tasks

CTRL = Qt.KeyboardModifier.ControlModifier


def open_page(qtbot, ctx: UiContext, tmp_path: Path) -> EnrolmentPage:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    page = EnrolmentPage(ctx, settings=settings)
    qtbot.addWidget(page)
    page.resize(1070, 750)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.activated()
    wait_for_tasks(qtbot, ctx)
    return page


class Clerk:
    """Types into whatever has the keyboard focus, like a person."""

    def __init__(self, qtbot, page: EnrolmentPage) -> None:
        self.qtbot = qtbot
        self.page = page

    @property
    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        QTest.keyClicks(self.focus, text)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(self.focus, key, modifier)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key.Key_Tab)

    def fill(self, *texts: str) -> None:
        """Type each text in turn, Tab between them ("" leaves a field as it is)."""
        for index, text in enumerate(texts):
            if index:
                self.tab()
            if text:
                self.type(text)

    def next_step(self) -> None:
        self.key(Qt.Key.Key_PageDown, CTRL)

    def ctrl_enter(self) -> None:
        self.key(Qt.Key.Key_Return, CTRL)

    def insert(self) -> None:
        self.key(Qt.Key.Key_Insert)

    def applicant(self, cin: str = "BE123456") -> None:
        assert self.focus is self.page.last_name
        # Names, Arabic names left empty, CIN, immatriculation empty, nationality kept (MA),
        # sex, birth date, mobile, e-mail, category "Commerçants", its first sub-category.
        self.fill("Bennani", "Youssef", "", "", cin, "", "", "m", "12031984")
        self.fill("", "0612345678", "", "c", "1")

    def addresses(self) -> None:
        assert self.focus is self.page.personal["line"]
        self.fill("12 Rue Ibn Batouta", "Maarif", "Casablanca", "Casablanca", "20250")
        self.tab()
        assert self.focus is self.page.same_address
        self.key(Qt.Key.Key_Space)

    def dependent(
        self, relationship: str, first_name: str, birth: str, sex: str, *flags: str, cin: str = ""
    ) -> None:
        self.insert()
        assert self.focus is self.page.dependents.relationship
        self.type(relationship)
        self.fill("", "Bennani", first_name, birth, sex, cin)
        self.tab()
        for flag in flags:
            self.type(flag)

    def notice_and_review(self) -> None:
        self.next_step()
        assert self.page.current_step() == STEP_NOTICE and self.focus is self.page.notice_ack
        self.key(Qt.Key.Key_Space)
        self.next_step()
        assert self.page.current_step() == STEP_REVIEW
        assert self.focus is self.page.signature_place
        self.type("Casablanca")


def stored_enrolments(ctx: UiContext) -> list[Enrolment]:
    with ctx.store.read() as session:
        rows = list(session.scalars(sa.select(Enrolment).order_by(Enrolment.seq)))
        for row in rows:
            _ = row.dependents  # loaded before the session closes
        return rows


def test_an_applicant_with_three_dependents_is_enrolled_with_the_keyboard_only(
    qtbot, ctx, tmp_path
):
    page = open_page(qtbot, ctx, tmp_path)
    clerk = Clerk(qtbot, page)
    recorded: list[str] = []
    page.enrolment_recorded.connect(recorded.append)

    clerk.applicant()
    assert page.category.value() == "COM" and page.subcategory.value() == "COM01"
    assert "Chambre de commerce" in page.liaison.text()
    clerk.next_step()
    assert page.current_step() == STEP_ADDRESSES
    clerk.addresses()
    clerk.next_step()
    assert page.current_step() == STEP_DEPENDENTS
    clerk.dependent("c", "Salma", "12031986", "f", cin="BE765432")  # the spouse
    clerk.dependent("e", "Omar", "10052002", "m", "1")  # 24, a student
    clerk.dependent("e", "Amine", "01011990", "m", "3")  # 36, disabled
    assert page.dependents.list.count() == 3
    page.revalidate()
    assert not [p for p in page.problems if p.field.startswith("dependents")], page.problems
    clerk.next_step()
    assert page.current_step() == STEP_DOCUMENTS
    assert page.documents.activation_note.isVisible()  # not activated: no scans yet
    clerk.notice_and_review()
    assert "Ayants droit : 3" in page.summary.text()
    qtbot.waitUntil(page.no_problem.isVisible)  # the signature place typed, nothing left

    clerk.ctrl_enter()
    wait_for_tasks(qtbot, ctx)
    qtbot.waitUntil(lambda: recorded != [])

    [enrolment] = stored_enrolments(ctx)
    assert recorded == [enrolment.receipt_no]
    assert (enrolment.last_name, enrolment.first_name, enrolment.cin) == (
        "BENNANI",
        "YOUSSEF",
        "BE123456",
    )
    assert enrolment.notice_acknowledged_at is not None
    assert enrolment.work_city == enrolment.home_city == "Casablanca"
    people = sorted(enrolment.dependents, key=lambda d: d.position)
    assert [(d.relationship, d.first_name) for d in people] == [
        (DependentRelationship.SPOUSE.value, "SALMA"),
        (DependentRelationship.CHILD.value, "OMAR"),
        (DependentRelationship.CHILD.value, "AMINE"),
    ]
    assert people[1].is_student and not people[1].is_disabled
    assert people[2].is_disabled and not people[2].is_student
    assert enrolment.receipt_no in page.status_line.text()
    # Ready for the next applicant, on the first step.
    assert page.current_step() == STEP_APPLICANT and page.last_name.text() == ""
    assert page.dependents.entries == [] and page.focusWidget() is page.last_name


def test_a_23_year_old_child_not_a_student_is_refused_and_the_rule_is_named(qtbot, ctx, tmp_path):
    page = open_page(qtbot, ctx, tmp_path)
    clerk = Clerk(qtbot, page)
    clerk.applicant()
    clerk.next_step()
    clerk.addresses()
    clerk.next_step()
    clerk.dependent("e", "Karim", "01062003", "m")  # 23 on 20/11/2026
    qtbot.waitUntil(lambda: page.dependents.problem_labels["birth_date"].isVisible())
    message = page.dependents.problem_labels["birth_date"].text()
    assert "Enfant de 23 ans" in message
    assert "jusqu'à 21 ans" in message and "26 ans s'il poursuit des études" in message
    assert page.dependents.list.item(0).text().endswith("✖")
    clerk.next_step()
    clerk.notice_and_review()
    assert "✖" in page.step_buttons[STEP_DEPENDENTS].text()
    problems = [page.problem_list.item(i).text() for i in range(page.problem_list.count())]
    assert any("Ayant droit 1" in text and "23 ans" in text for text in problems), problems

    clerk.ctrl_enter()
    wait_for_tasks(qtbot, ctx)
    assert "non enregistrée" in page.status_line.text()
    assert stored_enrolments(ctx) == []
    # Enter on the problem opens the dependent's birth date, everything still typed.
    assert page.focusWidget() is page.problem_list
    clerk.key(Qt.Key.Key_Return)
    assert page.current_step() == STEP_DEPENDENTS
    assert page.focusWidget() is page.dependents.birth_date
    assert page.dependents.birth_date.text() == "01/06/2003"
    assert page.last_name.text() == "Bennani"


def test_an_earlier_enrolment_of_the_cin_is_shown_before_the_clerk_goes_on(qtbot, ctx, tmp_path):
    earlier = enrol(ctx.store, ctx.require_actor(), enrolment_draft(), clock=ctx.clock)
    page = open_page(qtbot, ctx, tmp_path)
    clerk = Clerk(qtbot, page)
    clerk.fill("El Amrani", "Khadija", "", "", "BK654321")
    qtbot.waitUntil(page.duplicate_banner.isVisible, timeout=3000)
    banner = page.duplicate_banner.text()
    assert earlier.receipt_no in banner and "EL AMRANI KHADIJA" in banner
    assert "20/11/2026" in banner and "« enregistré »" in banner
    # Another CIN: the banner goes.
    page.cin.selectAll()
    clerk.type("BK111111")
    assert not page.duplicate_banner.isVisible()


def test_saving_a_duplicate_asks_for_a_reason_then_records_it(qtbot, ctx, tmp_path):
    enrol(ctx.store, ctx.require_actor(), enrolment_draft(), clock=ctx.clock)
    page = open_page(qtbot, ctx, tmp_path)
    page.fill_form(enrolment_draft(mobile_phone="0698765432"))
    page.go_to_step(STEP_REVIEW)
    clerk = Clerk(qtbot, page)
    clerk.ctrl_enter()
    qtbot.waitUntil(lambda: page.confirm_dialog is not None)
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.duplicate_label is not None
    [edit] = dialog.reason_edits.values()
    QTest.keyClicks(edit, "Nouvelle demande apres perte du recu")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    wait_for_tasks(qtbot, ctx)
    qtbot.waitUntil(lambda: len(stored_enrolments(ctx)) == 2)


def test_an_unticked_notice_blocks_saving(qtbot, ctx, tmp_path):
    page = open_page(qtbot, ctx, tmp_path)
    page.fill_form(enrolment_draft(notice_acknowledged=False))
    clerk = Clerk(qtbot, page)
    page.go_to_step(STEP_REVIEW)
    clerk.ctrl_enter()
    wait_for_tasks(qtbot, ctx)
    assert stored_enrolments(ctx) == []
    assert page.problem_labels["notice_acknowledged"].isVisible() is False  # on its own step
    assert "✖" in page.step_buttons[STEP_NOTICE].text()
    clerk.key(Qt.Key.Key_Return)  # the first problem: the notice
    assert page.current_step() == STEP_NOTICE and page.focusWidget() is page.notice_ack
    assert "loi 09-08" in page.problem_labels["notice_acknowledged"].text()
    clerk.key(Qt.Key.Key_Space)
    page.go_to_step(STEP_REVIEW)
    clerk.ctrl_enter()
    wait_for_tasks(qtbot, ctx)
    assert len(stored_enrolments(ctx)) == 1


def test_the_notice_is_shown_in_french_and_arabic_whatever_the_language(qtbot, ctx, tmp_path):
    page = open_page(qtbot, ctx, tmp_path)
    page.go_to_step(STEP_NOTICE)
    french, arabic = page.notice.notice_fr.text(), page.notice.notice_ar.text()
    assert page.notice.notice_fr.isVisible() and page.notice.notice_ar.isVisible()
    for words in ("CNSS", "Finalité", "Destinataires", "rectifier", "vous opposer", "CNDP"):
        assert words in french
    assert "الصندوق الوطني للضمان الاجتماعي" in arabic and "تصحيحها" in arabic
    assert page.notice.notice_ar.layoutDirection() == Qt.LayoutDirection.RightToLeft


def reject(ctx: UiContext, receipt_no: str) -> None:
    """What the centre's acknowledgement does to an enrolment it rejects."""
    with ctx.store.write() as session:
        row = session.scalar(sa.select(Enrolment).where(Enrolment.receipt_no == receipt_no))
        assert row is not None
        row.status = EnrolmentStatus.REJECTED
        add_status(
            session,
            subject_kind="enrolment",
            subject_id=row.id,
            status=EnrolmentStatus.REJECTED,
            at=ctx.clock(),
            actor_id=None,
        )


def test_a_rejected_enrolment_is_corrected_into_a_new_version(qtbot, ctx, tmp_path):
    draft = enrolment_draft(dependents=(child(dt.date(2010, 1, 1)),))
    rejected = enrol(ctx.store, ctx.require_actor(), draft, clock=ctx.clock)
    reject(ctx, rejected.receipt_no)
    page = open_page(qtbot, ctx, tmp_path)
    corrected: list[tuple[str, str]] = []
    page.enrolment_corrected.connect(lambda old, new: corrected.append((old, new)))
    page.start_correction(rejected.receipt_no, "invalid_item", "Numéro de téléphone injoignable")
    wait_for_tasks(qtbot, ctx)
    qtbot.waitUntil(lambda: page.correction is not None)
    assert page.correction_row.isVisible()
    banner = page.correction_banner.text()
    assert rejected.receipt_no in banner and "Numéro de téléphone injoignable" in banner
    assert page.last_name.text() == "EL AMRANI" and page.dependents.list.count() == 1  # stored form
    assert page.current_step() == STEP_REVIEW
    page.go_to_step(STEP_APPLICANT)
    page.mobile_phone.selectAll()
    QTest.keyClicks(page.mobile_phone, "0661234567")
    page.go_to_step(STEP_REVIEW)
    Clerk(qtbot, page).ctrl_enter()
    wait_for_tasks(qtbot, ctx)
    qtbot.waitUntil(lambda: corrected != [])
    rows = stored_enrolments(ctx)
    assert len(rows) == 2
    old, new = rows
    assert corrected == [(old.receipt_no, new.receipt_no)]
    assert new.version == 2 and new.supersedes_id == old.id
    assert new.mobile_phone.endswith("661234567")
    assert len(new.dependents) == 1
    assert page.correction is None and not page.correction_row.isVisible()


@pytest.fixture
def activated_store(store, supervisor, clock, central_module):
    from tests.integration.test_scans import activate_point

    activate_point(store, supervisor, central_module, clock)
    return store


def test_scans_chosen_in_the_documents_step_are_attached_after_saving(
    qtbot, ctx, activated_store, tmp_path
):
    folder = tmp_path / "scanner"
    folder.mkdir()
    greyscale_png(folder / "recto.png")
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue(SCANNER_FOLDER_SETTING, str(folder))
    page = open_page(qtbot, ctx, tmp_path)
    page.fill_form(enrolment_draft())
    page.go_to_step(STEP_DOCUMENTS)
    assert not page.documents.activation_note.isVisible()
    assert page.check_button.isEnabled()
    assert page.documents.folder_files.count() == 1
    assert page.focusWidget() is page.documents.folder_files
    Clerk(qtbot, page).key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.documents.chosen) == 1, timeout=5000)
    assert "recto.png" in page.documents.chosen_list.item(0).text()
    assert not list(tmp_path.rglob("*.jpg"))  # re-encoded in memory only
    page.go_to_step(STEP_REVIEW)
    assert "Pièces jointes : 1" in page.summary.text()
    Clerk(qtbot, page).ctrl_enter()
    wait_for_tasks(qtbot, ctx)
    qtbot.waitUntil(lambda: len(stored_enrolments(ctx)) == 1)
    [enrolment] = stored_enrolments(ctx)
    [scan] = scans_of(ctx.store, enrolment.id)
    assert scan.media_type == "image/jpeg"
    assert read_scan(ctx.store, scan.id).startswith(b"\xff\xd8\xff")
    assert "1 scan(s) joint(s)" in page.status_line.text()
    assert page.documents.chosen == []


@pytest.fixture
def arabic(qapp):
    if not (translations_dir() / "guichet_ar.qm").exists():
        pytest.fail("compile the translations first: make translations")
    apply_language(qapp, "ar")
    yield
    apply_language(qapp, "fr")


def test_the_arabic_page_is_right_to_left_with_the_categories_in_arabic(
    qtbot, arabic, ctx, tmp_path
):
    ctx.lang = "ar"
    page = open_page(qtbot, ctx, tmp_path)
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert page.title() == "التسجيل"
    categories = [page.category.itemText(i) for i in range(page.category.count())]
    assert "التجار" in categories and "Commerçants" not in categories
    assert page.notice.notice_fr.layoutDirection() == Qt.LayoutDirection.LeftToRight
    for step in range(STEP_REVIEW + 1):
        page.go_to_step(step)
        assert page.stack.currentWidget().layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_no_dependent_row_is_left_in_the_store_when_saving_is_refused(qtbot, ctx, tmp_path):
    page = open_page(qtbot, ctx, tmp_path)
    page.fill_form(enrolment_draft(cin=""))
    page.go_to_step(STEP_REVIEW)
    Clerk(qtbot, page).ctrl_enter()
    wait_for_tasks(qtbot, ctx)
    with ctx.store.read() as session:
        assert session.scalar(sa.select(sa.func.count(Dependent.id))) == 0
    assert page.last_name.text() == "El Amrani"  # nothing typed is lost


def test_rules_changed_while_the_page_was_away_apply_when_it_is_shown_again(
    qtbot, ctx: UiContext, tmp_path: Path
) -> None:
    page = open_page(qtbot, ctx, tmp_path)
    assert page.rules.child_age_limit == 21
    with ctx.store.write() as session:  # as a sync bringing new limits would
        set_setting(session, "rules.enrolment.child_age_limit", "20")
    page.activated()
    wait_for_tasks(qtbot, ctx)
    assert page.rules.child_age_limit == 20
