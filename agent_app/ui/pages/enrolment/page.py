"""The enrolment page: an AMO-TNS applicant (form 328-1-01) and their dependents, step by step.

Owns the guided flow of six steps (applicant, addresses, dependents, documents, the law 09-08
notice, review), the keyboard path through it, the problems shown beside each field as the
clerk types, the step bar's marks, saving with the scans attached after it, printing the
receipt, and the correction of an enrolment CNSS rejected; the likely-duplicate banner and
the optional online check with the CNSS are :mod:`.cin_checks`'. Must never run SQL on the
GUI thread (each read and the save run on the database worker through ``ctx.op``) nor HTTP.

Keyboard design, as on the deposit page:

- Tab follows the paper form; each field has an Alt+letter within its step; Alt+1 to Alt+6
  open a step; Ctrl+PgDown / Ctrl+PgUp (or Alt+Right / Alt+Left) go to the next or previous
  step; Ctrl+Enter opens the review step, and on the review step saves.
- Drop-down lists take one key (first letter or number); the dependents' situations are one
  tab stop ticked with digit keys.
- Dependents: Insert or Alt+A adds one, Delete removes the selected one, Enter edits it.
- Problems show for fields the clerk has edited or left, for every field once the review step
  was opened or a save attempted; a step with an error is marked in the step bar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Final

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from agent_app.domain import identifiers as ids
from agent_app.domain.enrolment import EnrolmentRules, validate_enrolment
from agent_app.domain.model import (
    Address,
    DependentDraft,
    DependentRelationship,
    EnrolmentDraft,
    Sex,
)
from agent_app.domain.problems import Problem, Severity
from agent_app.errors import AppError
from agent_app.services.enrolments import (
    RecordedEnrolment,
    correct_enrolment,
    enrol,
    enrolment_draft_for_correction,
    enrolment_rules,
)
from agent_app.services.recording import ProblemsError
from agent_app.services.reference import TnsCategoryChoice, tns_category_choices
from agent_app.services.scans import attach_prepared, scans_can_be_sealed
from agent_app.store.engine import Store
from agent_app.ui.context import UiContext
from agent_app.ui.dialogs.confirm_warnings import ConfirmWarningsDialog
from agent_app.ui.edits import EditTracker
from agent_app.ui.errors import show_error
from agent_app.ui.pages.base import Page
from agent_app.ui.pages.enrolment.cin_checks import CinChecks
from agent_app.ui.pages.enrolment.dependents import (
    DependentEntry,
    DependentsStep,
    editor_field,
)
from agent_app.ui.pages.enrolment.documents import ChosenScan, DocumentsStep
from agent_app.ui.pages.enrolment.steps import (
    ADDRESS_PARTS,
    STEP_ADDRESSES,
    STEP_APPLICANT,
    STEP_DEPENDENTS,
    STEP_DOCUMENTS,
    STEP_NOTICE,
    STEP_REVIEW,
    AddressesStep,
    ApplicantStep,
    FieldRegistry,
    NoticeStep,
    ReviewStep,
)
from agent_app.ui.receipt_printer import ReceiptPrinter
from agent_app.ui.rejections import reason_words
from agent_app.ui.widgets import (
    WARNING_COLOUR,
    DateField,
    Note,
    ProblemLabel,
    parse_date_text,
    say,
)

VALIDATION_DELAY_MS: Final = 150


@dataclass(frozen=True, slots=True)
class ReferenceForForm:
    """What the page reads from the store each time it is shown: the rules and the categories."""

    rules: EnrolmentRules
    categories: tuple[TnsCategoryChoice, ...]
    can_seal: bool


def reference_for_form(store: Store) -> ReferenceForForm:
    """Runs on the database worker."""
    with store.read() as session:
        rules = enrolment_rules(session)
        categories = tuple(tns_category_choices(session))
    return ReferenceForForm(rules, categories, scans_can_be_sealed(store))


@dataclass(frozen=True, slots=True)
class FormReading:
    """The form as a draft, with the notes of fields that could not be read at all."""

    draft: EnrolmentDraft
    unreadable: Mapping[str, Note]


@dataclass(frozen=True, slots=True)
class Correction:
    receipt_no: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    recorded: RecordedEnrolment
    attached: int
    not_attached: tuple[str, ...]  # why each refused scan was refused, in the clerk's language


def _dependent_index(field: str) -> tuple[int, str] | None:
    """``dependents[2].birth_date`` → (2, "birth_date")."""
    if not field.startswith("dependents["):
        return None
    head, _, tail = field.partition("].")
    try:
        return int(head.removeprefix("dependents[")), tail
    except ValueError:
        return None


class EnrolmentPage(Page):
    """Enrols one applicant after another; ``enrolment_recorded`` gives each receipt."""

    enrolment_recorded = Signal(str)
    #: A rejected enrolment was corrected: (the rejected receipt, the new version's receipt).
    enrolment_corrected = Signal(str, str)

    def __init__(
        self,
        ctx: UiContext,
        printer: ReceiptPrinter | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.printer = printer
        if settings is None:
            settings = (
                printer.settings
                if printer is not None
                else QSettings(str(ctx.data_dir / "ui.ini"), QSettings.Format.IniFormat)
            )
        self.settings = settings
        self.rules = EnrolmentRules()
        self.categories: tuple[TnsCategoryChoice, ...] = ()
        self._reference_requested = False
        self._visited: set[int] = set()
        self._reviewed = False
        self._save_attempted = False
        self._saving = False
        self.problems: list[Problem] = []
        self.correction: Correction | None = None
        self.confirm_dialog: ConfirmWarningsDialog | None = None
        self.last_receipt: str | None = None

        self._validation_timer = QTimer(self)
        self._validation_timer.setSingleShot(True)
        self._validation_timer.setInterval(VALIDATION_DELAY_MS)
        self._validation_timer.timeout.connect(self.revalidate)
        self.edits = EditTracker(self._validation_timer.start, self)

        self.stack = QStackedWidget()
        self.step_buttons: list[QPushButton] = []
        self._step_titles = [
            self.tr("Demandeur"),
            self.tr("Adresses"),
            self.tr("Ayants droit"),
            self.tr("Pièces"),
            self.tr("Notice 09-08"),
            self.tr("Vérification"),
        ]
        self._build_steps()
        self._lay_out()
        self._set_tab_order()
        self._connect_edits()
        self.cin_checks = CinChecks(
            ctx,
            self,
            self.applicant,
            self.status_line,
            lambda: self.correction.receipt_no if self.correction is not None else None,
        )
        self._make_actions()
        with self.edits.quietly():
            self.nationality.setText("MA")
            self.signature_date.set_value(ctx.clock().date())
        self.go_to_step(STEP_APPLICANT, focus=False)

    def title(self) -> str:
        return self.tr("Immatriculation")

    # --- building the steps ----------------------------------------------------------------

    def _step_page(self, content: QWidget) -> None:
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the frame
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack.addWidget(scroll)

    def _build_steps(self) -> None:
        fields = FieldRegistry()
        self.fields = fields
        self.applicant = ApplicantStep(fields)
        self.addresses = AddressesStep(fields)
        self.notice = NoticeStep(fields)
        self.review = ReviewStep(fields)
        self.problem_labels = fields.problem_labels
        self._widget_of = fields.widget_of
        self._step_of = fields.step_of
        applicant, addresses, notice, review = (
            self.applicant,
            self.addresses,
            self.notice,
            self.review,
        )
        # The page works on the fields themselves; the steps only lay them out.
        self.last_name, self.first_name = applicant.last_name, applicant.first_name
        self.last_name_ar, self.first_name_ar = applicant.last_name_ar, applicant.first_name_ar
        self.cin, self.check_button = applicant.cin, applicant.check_button
        self.online_result, self.duplicate_banner = (
            applicant.online_result,
            applicant.duplicate_banner,
        )
        self.immatriculation, self.nationality = applicant.immatriculation, applicant.nationality
        self.sex, self.birth_date = applicant.sex, applicant.birth_date
        self.mobile_phone, self.email = applicant.mobile_phone, applicant.email
        self.category, self.subcategory = applicant.category, applicant.subcategory
        self.liaison = applicant.liaison
        self.personal, self.professional = addresses.personal, addresses.professional
        self.same_address = addresses.same_address
        self.notice_ack = notice.notice_ack
        self.summary, self.problem_list = review.summary, review.problem_list
        self.no_problem = review.no_problem
        self.signature_place, self.signature_date = review.signature_place, review.signature_date
        self.problem_list.itemActivated.connect(self._problem_activated)
        self.problem_list.itemClicked.connect(self._problem_activated)
        self._step_page(applicant)
        self._step_page(addresses)
        self._build_dependents()
        self._build_documents()
        self._step_page(notice)
        self._step_page(review)
        for widget, field in fields.field_of.items():
            self.edits.watch(widget, field)

    def _build_dependents(self) -> None:
        self.dependents = DependentsStep(self._describe_dependent)
        self.dependents_problem = ProblemLabel()  # the list's own problems (too many…)
        self.problem_labels["dependents"] = self.dependents_problem
        self._step_of["dependents"] = STEP_DEPENDENTS
        self._widget_of["dependents"] = self.dependents.list
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.dependents, 1)
        layout.addWidget(self.dependents_problem)
        self._step_page(content)

    def _build_documents(self) -> None:
        self.documents = DocumentsStep(self.ctx, self.settings)
        self._step_page(self.documents)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(4)
        for index in range(len(self._step_titles)):
            button = QPushButton()
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+digit, not Tab, opens a step
            button.setToolTip(f"Alt+{index + 1}")
            button.setObjectName("step")
            button.clicked.connect(lambda _=False, i=index: self.go_to_step(i))
            self.step_buttons.append(button)
            bar.addWidget(button, 1)
        self._update_step_bar()

        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.status_line.setObjectName("status")
        self.status_line.setAccessibleName(self.tr("État de l'inscription"))
        font = QFont(self.status_line.font())
        font.setBold(True)
        self.status_line.setFont(font)
        self.previous_button = QPushButton(self.tr("Précédent (Ctrl+PgPréc)"))
        self.previous_button.clicked.connect(self.previous_step)
        self.next_button = QPushButton(self.tr("Suivant (Ctrl+PgSuiv)"))
        self.next_button.clicked.connect(self.next_step)
        self.save_button = QPushButton(self.tr("Enregistrer (Ctrl+Entrée)"))
        self.save_button.setAccessibleName(self.tr("Enregistrer l'inscription"))
        self.save_button.clicked.connect(self.save)
        self.reprint_button = QPushButton(self.tr("Imprimer le reçu (Ctrl+P)"))
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.reprint)

        self.correction_banner = QLabel()
        self.correction_banner.setObjectName("correction")
        self.correction_banner.setWordWrap(True)
        self.correction_banner.setAccessibleName(self.tr("Correction d'une inscription rejetée"))
        self.cancel_correction_button = QPushButton(self.tr("Abandonner la correction"))
        self.cancel_correction_button.clicked.connect(self.cancel_correction)
        self.correction_row = QWidget()
        correction_layout = QHBoxLayout(self.correction_row)
        correction_layout.setContentsMargins(0, 0, 0, 4)
        correction_layout.addWidget(self.correction_banner, 1)
        correction_layout.addWidget(self.cancel_correction_button)
        self.correction_row.hide()

        bottom = QHBoxLayout()
        bottom.addWidget(self.status_line, 1)
        bottom.addWidget(self.reprint_button)
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.next_button)
        bottom.addWidget(self.save_button)

        self.setStyleSheet(
            "QGroupBox { font-weight: bold; }"
            " QLabel#correction { background: #fff4ce; border: 1px solid #d8a500;"
            " padding: 6px; font-weight: bold; }"
            f" QLabel#duplicate {{ background: #fff4ce; border: 1px solid #d8a500;"
            f" padding: 6px; color: {WARNING_COLOUR}; font-weight: bold; }}"
            " QPushButton#step { padding: 6px 8px; text-align: center; }"
            " QPushButton#step:checked { background: #1f5f99; color: white; font-weight: bold; }"
        )
        page = QVBoxLayout(self)
        page.setContentsMargins(10, 8, 10, 8)
        page.addWidget(self.correction_row)
        page.addLayout(bar)
        page.addWidget(self.stack, 1)
        page.addLayout(bottom)

    def _fields_in_order(self) -> list[QWidget]:
        return [
            self.last_name,
            self.first_name,
            self.last_name_ar,
            self.first_name_ar,
            self.cin,
            self.check_button,
            self.immatriculation,
            self.nationality,
            self.sex,
            self.birth_date,
            self.mobile_phone,
            self.email,
            self.category,
            self.subcategory,
            *(self.personal[part] for part in ADDRESS_PARTS),
            self.same_address,
            *(self.professional[part] for part in ADDRESS_PARTS),
            *self.dependents.tab_chain(),
            *self.documents.tab_chain(),
            self.notice_ack,
            self.signature_place,
            self.signature_date,
            self.problem_list,
        ]

    def _set_tab_order(self) -> None:
        chain = [
            *self._fields_in_order(),
            self.reprint_button,
            self.previous_button,
            self.next_button,
            self.save_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_edits(self) -> None:
        edits: dict[str, QLineEdit] = {
            "last_name": self.last_name,
            "first_name": self.first_name,
            "last_name_ar": self.last_name_ar,
            "first_name_ar": self.first_name_ar,
            "cin": self.cin,
            "immatriculation": self.immatriculation,
            "nationality": self.nationality,
            "birth_date": self.birth_date,
            "mobile_phone": self.mobile_phone,
            "email": self.email,
            "signature_place": self.signature_place,
            "signature_date": self.signature_date,
        }
        for part in ADDRESS_PARTS:
            edits[f"personal_address.{part}"] = self.personal[part]
            edits[f"professional_address.{part}"] = self.professional[part]
        for field, edit in edits.items():
            edit.textChanged.connect(self.edits.edited_handler(field))
        self.sex.currentIndexChanged.connect(self.edits.edited_handler("sex"))
        self.category.currentIndexChanged.connect(self.edits.edited_handler("category_code"))
        self.subcategory.currentIndexChanged.connect(self.edits.edited_handler("subcategory_code"))
        self.category.currentIndexChanged.connect(self._category_chosen)
        self.subcategory.currentIndexChanged.connect(lambda _i: self._show_liaison())
        self.notice_ack.toggled.connect(self.edits.edited_handler("notice_acknowledged"))
        self.same_address.toggled.connect(self._same_address_toggled)
        for part in ADDRESS_PARTS:
            self.personal[part].textChanged.connect(self._follow_personal_address)
        self.dependents.changed.connect(self._validation_timer.start)
        self.dependents.touched.connect(self.edits.edited)
        self.documents.changed.connect(self._validation_timer.start)

    def _make_actions(self) -> None:
        def action(text: str, keys: Sequence[str], slot: Callable[[], None]) -> QAction:
            made = QAction(text, self)
            made.setShortcuts([QKeySequence(key) for key in keys])
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.next_action = action(
            self.tr("Étape suivante"), ["Ctrl+PgDown", "Alt+Right"], self.next_step
        )
        self.previous_action = action(
            self.tr("Étape précédente"), ["Ctrl+PgUp", "Alt+Left"], self.previous_step
        )
        self.save_action = action(
            self.tr("Enregistrer l'inscription"), ["Ctrl+Return", "Ctrl+Enter"], self._ctrl_enter
        )
        self.reprint_action = action(self.tr("Imprimer le reçu"), ["Ctrl+P"], self.reprint)
        for index in range(len(self._step_titles)):
            action(self._step_titles[index], [f"Alt+{index + 1}"], self._step_opener(index))

    def _step_opener(self, index: int) -> Callable[[], None]:
        return lambda: self.go_to_step(index)

    # --- steps ----------------------------------------------------------------------------

    def current_step(self) -> int:
        return self.stack.currentIndex()

    def go_to_step(self, index: int, *, focus: bool = True) -> None:
        if not 0 <= index < self.stack.count():
            return
        previous = self.stack.currentIndex()
        if previous != index and previous >= 0:
            self._visited.add(previous)
        self.stack.setCurrentIndex(index)
        if index == STEP_REVIEW:
            self._reviewed = True
        last = index == STEP_REVIEW
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(not last)
        self.save_button.setVisible(last)
        self.revalidate()
        if focus:
            self._first_focus(index).setFocus(Qt.FocusReason.OtherFocusReason)

    def next_step(self) -> None:
        self.go_to_step(min(self.current_step() + 1, STEP_REVIEW))

    def previous_step(self) -> None:
        self.go_to_step(max(self.current_step() - 1, 0))

    def _first_focus(self, index: int) -> QWidget:
        if index == STEP_APPLICANT:
            return self.last_name
        if index == STEP_ADDRESSES:
            return self.personal["line"]
        if index == STEP_DEPENDENTS:
            return self.dependents.first_focus()
        if index == STEP_DOCUMENTS:
            return self.documents.first_focus()
        if index == STEP_NOTICE:
            return self.notice_ack
        return self.signature_place if not self.signature_place.text() else self.save_button

    def _ctrl_enter(self) -> None:
        if self.current_step() == STEP_REVIEW:
            self.save()
        else:
            self.go_to_step(STEP_REVIEW)

    def _update_step_bar(self, errors: set[int] | None = None) -> None:
        errors = errors or set()
        for index, button in enumerate(self.step_buttons):
            mark = "  ✖" if index in errors else ""
            button.setText(f"{index + 1}  {self._step_titles[index]}{mark}")
            button.setAccessibleName(
                self.tr("Étape {number} : {title}").format(
                    number=index + 1, title=self._step_titles[index]
                )
                + (" — " + self.tr("à corriger") if index in errors else "")
            )
            button.setChecked(index == self.stack.currentIndex())
            button.setProperty("has_errors", index in errors)

    # --- applicant helpers ----------------------------------------------------------------

    def _category_chosen(self, _index: int) -> None:
        code = self.category.value()
        chosen = next((c for c in self.categories if c.category.code == code), None)
        lang = self.ctx.lang
        self.subcategory.set_items(
            [(sub.code, sub.label(lang)) for sub in chosen.subcategories] if chosen else []
        )
        self._show_liaison()

    def _show_liaison(self) -> None:
        code = self.category.value()
        chosen = next((c for c in self.categories if c.category.code == code), None)
        if chosen is None:
            self.liaison.clear()
            return
        body = chosen.liaison_body
        text = body.label(self.ctx.lang) if (body.label_fr or body.label_ar) else ""
        self.liaison.setText(
            self.tr("Organisme de liaison : {body}").format(body=text)
            if text
            else self.tr("Organisme de liaison : non communiqué par la CNSS")
        )

    def _same_address_toggled(self, same: bool) -> None:
        for edit in self.professional.values():
            edit.setEnabled(not same)
        self._follow_personal_address()
        self._validation_timer.start()

    def _follow_personal_address(self) -> None:
        if not self.same_address.isChecked():
            return
        with self.edits.quietly():
            for part in ADDRESS_PARTS:
                self.professional[part].setText(self.personal[part].text())

    def _describe_dependent(self, entry: DependentEntry) -> str:
        kind = (
            self.tr("Conjoint(e)")
            if entry.relationship is DependentRelationship.SPOUSE
            else self.tr("Enfant")
        )
        name = " ".join(part for part in (entry.last_name.upper(), entry.first_name) if part)
        parts = [kind, name or self.tr("(nom à saisir)")]
        if entry.birth_text:
            parts.append(entry.birth_text)
        return " — ".join(parts)

    # --- page hooks -------------------------------------------------------------------------

    def activated(self) -> None:
        # Read again each time the page is shown: a sync may have brought new centre limits
        # or categories since (one small read on the database worker).
        if not self._reference_requested:
            self._reference_requested = True
            store = self.ctx.store
            self.ctx.op(lambda: reference_for_form(store)).success(self._reference_loaded).failure(
                self._reference_failed
            ).run()
        self._first_focus(self.current_step()).setFocus(Qt.FocusReason.OtherFocusReason)

    def _reference_loaded(self, reference: ReferenceForForm) -> None:
        self._reference_requested = False
        self.rules = reference.rules
        same_categories = reference.categories == self.categories
        self.categories = reference.categories
        self.cin_checks.set_activated(reference.can_seal)
        self.documents.set_can_seal(reference.can_seal)
        if not same_categories:  # rebuilt only when they changed: the clerk's choice stays
            chosen = self.category.value()
            with self.edits.quietly():
                self.category.set_items(
                    [(c.category.code, c.category.label(self.ctx.lang)) for c in self.categories]
                )
                if chosen is not None:
                    self.category.set_value(chosen)
        if not self.signature_date.text():
            with self.edits.quietly():
                self.signature_date.set_value(self.ctx.clock().date())
        self.revalidate()

    def _reference_failed(self, error: BaseException) -> None:
        self._reference_requested = False
        show_error(self, error, self.ctx.lang)

    # --- reading and checking -------------------------------------------------------------

    def _read_date(
        self,
        widget: DateField,
        field: str,
        unreadable: dict[str, Note],
        missing: str | None,
    ) -> date | None:
        try:
            value = widget.value()
        except ValueError:
            unreadable[field] = Note(
                Severity.ERROR,
                self.tr(
                    "Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 04/05/1980 ou "
                    "04051980."
                ),
            )
            return None
        if value is None and missing is not None:
            unreadable[field] = Note(Severity.ERROR, missing)
        return value

    def _address(self, fields: Mapping[str, QLineEdit]) -> Address:
        return Address(**{part: fields[part].text() for part in ADDRESS_PARTS})

    def read_form(self) -> FormReading:
        unreadable: dict[str, Note] = {}
        today = self.ctx.clock().date()
        sex_missing = self.tr("Choisissez le sexe : M ou F.")
        birth = self._read_date(
            self.birth_date,
            "birth_date",
            unreadable,
            self.tr("Date de naissance manquante : recopiez-la de la CIN (JJ/MM/AAAA)."),
        )
        signed = self._read_date(
            self.signature_date,
            "signature_date",
            unreadable,
            self.tr("Date de signature manquante (JJ/MM/AAAA)."),
        )
        sex = self.sex.value()
        if sex is None:
            unreadable["sex"] = Note(Severity.ERROR, sex_missing)
        dependents: list[DependentDraft] = []
        for index, entry in enumerate(self.dependents.entries):
            prefix = f"dependents[{index}]"
            try:
                born = parse_date_text(entry.birth_text)
            except ValueError:
                born = None
                unreadable[f"{prefix}.birth_date"] = Note(
                    Severity.ERROR,
                    self.tr("Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 15092003."),
                )
            if born is None and f"{prefix}.birth_date" not in unreadable:
                unreadable[f"{prefix}.birth_date"] = Note(
                    Severity.ERROR, self.tr("Date de naissance manquante (JJ/MM/AAAA).")
                )
            if entry.sex is None:
                unreadable[f"{prefix}.sex"] = Note(Severity.ERROR, sex_missing)
            dependents.append(
                DependentDraft(
                    relationship=entry.relationship,
                    last_name=entry.last_name,
                    first_name=entry.first_name,
                    birth_date=born or today,
                    sex=entry.sex or Sex.MALE,
                    cin=entry.cin or None,
                    is_student=entry.is_student,
                    is_married=entry.is_married,
                    is_disabled=entry.is_disabled,
                    is_kafala=entry.is_kafala,
                )
            )
        personal = self._address(self.personal)
        draft = EnrolmentDraft(
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            last_name_ar=self.last_name_ar.text() or None,
            first_name_ar=self.first_name_ar.text() or None,
            cin=self.cin.text(),
            immatriculation=self.immatriculation.text() or None,
            nationality=self.nationality.text(),
            mobile_phone=self.mobile_phone.text(),
            email=self.email.text() or None,
            category_code=self.category.value() or "",
            subcategory_code=self.subcategory.value() or "",
            sex=sex or Sex.MALE,
            # Stand-ins for unreadable dates: their own notes replace what the rules say.
            birth_date=birth or date(today.year - 40, 1, 1),
            personal_address=personal,
            professional_address=(
                personal if self.same_address.isChecked() else self._address(self.professional)
            ),
            signature_place=self.signature_place.text(),
            signature_date=signed or today,
            notice_acknowledged=self.notice_ack.isChecked(),
            dependents=tuple(dependents),
        )
        return FormReading(draft, unreadable)

    def revalidate(self) -> FormReading:
        self._validation_timer.stop()
        reading = self.read_form()
        hidden = set(reading.unreadable)
        applicant_birth_unknown = "birth_date" in hidden
        today = self.ctx.clock().date()
        category_codes = {
            c.category.code: frozenset(s.code for s in c.subcategories) for c in self.categories
        }
        found = validate_enrolment(reading.draft, self.rules, today, category_codes)
        self.problems = [
            problem
            for problem in found
            if problem.field not in hidden
            and not (
                applicant_birth_unknown and problem.code == "dependent.child_older_than_applicant"
            )
            and not (
                self.same_address.isChecked() and problem.field.startswith("professional_address.")
            )
        ]
        self._show(self.problems, reading.unreadable)
        if self.current_step() == STEP_REVIEW:
            self._show_review(reading)
        return reading

    def has_blocking(self, reading: FormReading) -> bool:
        return bool(reading.unreadable) or any(p.blocking for p in self.problems)

    def _visible(self, field: str) -> bool:
        return self._save_attempted or self._reviewed or field in self.edits.touched

    def _step_of_field(self, field: str) -> int:
        if _dependent_index(field) is not None:
            return STEP_DEPENDENTS
        return self._step_of.get(field, STEP_REVIEW)

    def _all_notes(
        self, problems: Sequence[Problem], unreadable: Mapping[str, Note]
    ) -> list[tuple[str, Note]]:
        notes = list(unreadable.items())
        notes += [(p.field, Note(p.severity, p.message(self.ctx.lang))) for p in problems]
        return notes

    def _show(self, problems: Sequence[Problem], unreadable: Mapping[str, Note]) -> None:
        by_field: dict[str, list[Note]] = {field: [] for field in self.problem_labels}
        by_dependent: dict[int, dict[str, list[Note]]] = {}
        error_steps: set[int] = set()
        for field, note in self._all_notes(problems, unreadable):
            step = self._step_of_field(field)
            if note.severity is Severity.ERROR and (
                step in self._visited or self._save_attempted or self._reviewed
            ):
                error_steps.add(step)
            if not self._visible(field):
                continue
            dependent = _dependent_index(field)
            if dependent is not None:
                index, tail = dependent
                by_dependent.setdefault(index, {}).setdefault(editor_field(tail), []).append(note)
            elif field in by_field:
                by_field[field].append(note)
            else:
                by_field["dependents" if field.startswith("dependents") else "cin"].append(note)
        for field, problem_label in self.problem_labels.items():
            problem_label.show_notes(by_field[field])
            widget = self._widget_of.get(field)
            if widget is not None:
                widget.setAccessibleDescription("\n".join(n.text for n in problem_label.notes))
        self.dependents.show_notes(by_dependent)
        self._update_step_bar(error_steps)

    # --- the review step ------------------------------------------------------------------

    def _field_words(self, field: str) -> str:
        dependent = _dependent_index(field)
        if dependent is not None:
            index, tail = dependent
            editor: QWidget = {
                "relationship": self.dependents.relationship,
                "last_name": self.dependents.last_name,
                "first_name": self.dependents.first_name,
                "birth_date": self.dependents.birth_date,
                "sex": self.dependents.sex,
                "cin": self.dependents.cin,
            }.get(tail, self.dependents.situation)
            return self.tr("Ayant droit {number}, {field}").format(
                number=index + 1, field=editor.accessibleName()
            )
        widget = self._widget_of.get(field)
        return widget.accessibleName() if widget is not None else field

    def _show_review(self, reading: FormReading) -> None:
        self.summary.setText(self._summary_text(reading.draft))
        self.problem_list.clear()
        for field, note in self._all_notes(self.problems, reading.unreadable):
            sign = "✖" if note.severity is Severity.ERROR else "⚠"
            step = self._step_titles[self._step_of_field(field)]
            item = QListWidgetItem(f"{sign} {step} — {self._field_words(field)} : {note.text}")
            item.setData(Qt.ItemDataRole.UserRole, field)
            item.setToolTip(note.text)
            self.problem_list.addItem(item)
        has_problems = self.problem_list.count() > 0
        self.problem_list.setVisible(has_problems)
        self.no_problem.setVisible(not has_problems)
        if has_problems and self.problem_list.currentRow() < 0:
            self.problem_list.setCurrentRow(0)

    def _summary_text(self, draft: EnrolmentDraft) -> str:
        lang = self.ctx.lang
        unknown = self.tr("—")

        def address(value: Address) -> str:
            parts = [value.line, value.district, value.commune, value.city, value.postal_code]
            return ", ".join(part.strip() for part in parts if part.strip()) or unknown

        category = next(
            (c for c in self.categories if c.category.code == draft.category_code), None
        )
        subcategory = (
            next((s for s in category.subcategories if s.code == draft.subcategory_code), None)
            if category is not None
            else None
        )
        sex_words = {Sex.MALE: self.tr("Masculin"), Sex.FEMALE: self.tr("Féminin")}
        lines = [
            self.tr("Demandeur : {name}").format(
                name=f"{draft.last_name.upper()} {draft.first_name}".strip() or unknown
            ),
            self.tr("Nom en arabe : {name}").format(
                name=" ".join(p for p in (draft.last_name_ar, draft.first_name_ar) if p) or unknown
            ),
            self.tr("CIN : {cin} — nationalité : {nationality}").format(
                cin=ids.normalise_cin(draft.cin) or unknown,
                nationality=draft.nationality or unknown,
            ),
            self.tr("Immatriculation : {number}").format(
                number=draft.immatriculation or self.tr("pas encore attribuée")
            ),
            self.tr("Sexe : {sex} — né(e) le {birth}").format(
                sex=sex_words[draft.sex] if self.sex.value() else unknown,
                birth=self.birth_date.text() or unknown,
            ),
            self.tr("Mobile : {phone} — e-mail : {email}").format(
                phone=draft.mobile_phone or unknown, email=draft.email or unknown
            ),
            self.tr("Catégorie : {category} / {subcategory}").format(
                category=category.category.label(lang) if category else unknown,
                subcategory=subcategory.label(lang) if subcategory else unknown,
            ),
            self.tr("Adresse personnelle : {address}").format(
                address=address(draft.personal_address)
            ),
            self.tr("Adresse professionnelle : {address}").format(
                address=address(draft.professional_address)
            ),
            "",
            self.tr("Ayants droit : {count}").format(count=len(draft.dependents)),
        ]
        lines += [
            f"   {index}. {self._describe_dependent(entry)}"
            for index, entry in enumerate(self.dependents.entries, start=1)
        ]
        lines += [
            "",
            self.tr("Pièces jointes : {count}").format(count=len(self.documents.chosen)),
            self.tr("Notice 09-08 : {state}").format(
                state=self.tr("lue par l'assuré")
                if draft.notice_acknowledged
                else self.tr("pas encore confirmée")
            ),
        ]
        return "\n".join(lines)

    def _problem_activated(self, item: QListWidgetItem) -> None:
        self.focus_field(str(item.data(Qt.ItemDataRole.UserRole)))

    def focus_field(self, field: str) -> None:
        """Open the step of ``field`` and put the cursor in it."""
        step = self._step_of_field(field)
        self.go_to_step(step, focus=False)
        dependent = _dependent_index(field)
        if dependent is not None:
            index, tail = dependent
            self.dependents.select(index)
            self.dependents.focus_field(editor_field(tail))
            return
        widget = self._widget_of.get(field)
        if widget is None:
            self._first_focus(step).setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        if self._saving:
            return
        self._save_attempted = True
        reading = self.revalidate()
        if self.has_blocking(reading):
            say(
                self.status_line,
                self.tr("Inscription non enregistrée : corrigez les points signalés."),
                problem=True,
            )
            if self.current_step() == STEP_REVIEW:
                self._show_review(reading)
                self.problem_list.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.go_to_step(STEP_REVIEW)
            return
        self._submit(reading.draft, {})

    def _submit(self, draft: EnrolmentDraft, confirmations: Mapping[str, str]) -> None:
        self._set_saving(True)
        say(self.status_line, self.tr("Enregistrement…"))
        store, actor, clock = self.ctx.store, self.ctx.require_actor(), self.ctx.clock
        reasons = dict(confirmations)
        correction = self.correction
        scans: list[ChosenScan] = list(self.documents.chosen)
        lang = self.ctx.lang

        def save() -> SaveOutcome:
            if correction is not None:
                recorded = correct_enrolment(
                    store, actor, correction.receipt_no, draft, reasons, clock=clock
                )
            else:
                recorded = enrol(store, actor, draft, reasons, clock=clock)
            attached, refused = 0, []
            for scan in scans:
                try:
                    attach_prepared(store, actor, recorded.id, scan.prepared, clock=clock)
                    attached += 1
                except AppError as error:
                    refused.append(f"{scan.name} : {error.message(lang)}")
            return SaveOutcome(recorded, attached, tuple(refused))

        self.ctx.op(save).success(self._recorded).failure(
            lambda error: self._not_recorded(error, draft, reasons)
        ).run()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)

    def _recorded(self, outcome: SaveOutcome) -> None:
        self._set_saving(False)
        receipt_no = outcome.recorded.receipt_no
        corrected = self.correction
        self.clear_form()
        self.last_receipt = receipt_no
        self.reprint_button.setEnabled(self.printer is not None)
        if corrected is None:
            text = self.tr("Inscription {receipt_no} enregistrée.").format(receipt_no=receipt_no)
        else:
            text = self.tr(
                "Inscription {receipt_no} enregistrée : cette nouvelle version remplace "
                "l'inscription rejetée {rejected} et partira au prochain envoi."
            ).format(receipt_no=receipt_no, rejected=corrected.receipt_no)
        if outcome.attached:
            text += " " + self.tr("{count} scan(s) joint(s).").format(count=outcome.attached)
        if outcome.not_attached:
            text += " " + self.tr("Scans non joints : {reasons}").format(
                reasons=" ; ".join(outcome.not_attached)
            )
        say(self.status_line, text, problem=bool(outcome.not_attached))
        if self.printer is not None:
            self.printer.print_receipt(receipt_no)
        self.enrolment_recorded.emit(receipt_no)
        if corrected is not None:
            self.enrolment_corrected.emit(corrected.receipt_no, receipt_no)

    def _not_recorded(
        self, error: BaseException, draft: EnrolmentDraft, confirmations: Mapping[str, str]
    ) -> None:
        if isinstance(error, ProblemsError) and error.code == "enrolment.needs_confirmation":
            self._ask_confirmations(draft, error.problems, confirmations)
            return
        self._set_saving(False)
        if isinstance(error, ProblemsError):
            self.problems = list(error.problems)
            self._show(self.problems, {})
            if self.current_step() == STEP_REVIEW:
                self._show_review(self.read_form())
            say(
                self.status_line,
                self.tr("Inscription non enregistrée : corrigez les points signalés."),
                problem=True,
            )
            return
        say(self.status_line, self.tr("Inscription non enregistrée."), problem=True)
        show_error(self, error, self.ctx.lang)

    def _ask_confirmations(
        self, draft: EnrolmentDraft, warnings: Sequence[Problem], earlier: Mapping[str, str]
    ) -> None:
        say(self.status_line, self.tr("Confirmez les avertissements pour enregistrer."))
        dialog = ConfirmWarningsDialog(warnings, self.ctx.lang, self, reasons=earlier)
        self.confirm_dialog = dialog

        def finished(result: int) -> None:
            self.confirm_dialog = None
            dialog.deleteLater()
            if result == ConfirmWarningsDialog.DialogCode.Accepted.value:
                self._submit(draft, {**earlier, **dialog.confirmations()})
                return
            self._set_saving(False)
            say(
                self.status_line,
                self.tr(
                    "Inscription non enregistrée : les avertissements n'ont pas été confirmés."
                ),
                problem=True,
            )

        dialog.finished.connect(finished)
        dialog.open()

    def reprint(self) -> None:
        if self.printer is not None and self.last_receipt is not None:
            self.printer.print_on_demand(self.last_receipt, self)

    # --- clearing, filling, correcting ----------------------------------------------------

    def clear_form(self) -> None:
        """Ready for the next applicant: empty fields, first step, cursor on the name."""
        self._end_correction()
        with self.edits.quietly():
            for edit in (
                self.last_name,
                self.first_name,
                self.last_name_ar,
                self.first_name_ar,
                self.cin,
                self.immatriculation,
                self.birth_date,
                self.mobile_phone,
                self.email,
                self.signature_place,
                *self.personal.values(),
                *self.professional.values(),
            ):
                edit.clear()
            self.nationality.setText("MA")
            self.sex.set_value(None)
            self.category.set_value(None)
            self.same_address.setChecked(False)
            self.notice_ack.setChecked(False)
            self.signature_date.set_value(self.ctx.clock().date())
            self.dependents.set_entries([])
            self.documents.clear()
        self.cin_checks.reset()
        self.edits.touched.clear()
        self._visited.clear()
        self._reviewed = False
        self._save_attempted = False
        self.problems = []
        self.go_to_step(STEP_APPLICANT)

    def fill_form(self, draft: EnrolmentDraft) -> None:
        """Show ``draft`` in the fields, as the program's change (no field counts as edited)."""
        with self.edits.quietly():
            self.last_name.setText(draft.last_name)
            self.first_name.setText(draft.first_name)
            self.last_name_ar.setText(draft.last_name_ar or "")
            self.first_name_ar.setText(draft.first_name_ar or "")
            self.cin.setText(draft.cin)
            self.immatriculation.setText(draft.immatriculation or "")
            self.nationality.setText(draft.nationality)
            self.sex.set_value(draft.sex)
            self.birth_date.set_value(draft.birth_date)
            self.mobile_phone.setText(draft.mobile_phone)
            self.email.setText(draft.email or "")
            self.category.set_value(draft.category_code)
            self.subcategory.set_value(draft.subcategory_code)
            for part in ADDRESS_PARTS:
                self.personal[part].setText(getattr(draft.personal_address, part))
                self.professional[part].setText(getattr(draft.professional_address, part))
            self.same_address.setChecked(draft.personal_address == draft.professional_address)
            self.signature_place.setText(draft.signature_place)
            self.signature_date.set_value(draft.signature_date)
            self.notice_ack.setChecked(draft.notice_acknowledged)
            self.dependents.set_entries([DependentEntry.of(d) for d in draft.dependents])

    def start_correction(self, receipt_no: str, code: str, message: str) -> None:
        """Fill the form from the rejected enrolment ``receipt_no``; save as its new version."""
        if self._saving:
            return
        store = self.ctx.store
        say(
            self.status_line,
            self.tr("Lecture de l'inscription rejetée {receipt_no}…").format(receipt_no=receipt_no),
        )
        self.ctx.op(lambda: enrolment_draft_for_correction(store, receipt_no)).success(
            lambda draft: self._correction_loaded(Correction(receipt_no, code, message), draft)
        ).failure(self._correction_failed).run()

    def _correction_loaded(self, correction: Correction, draft: EnrolmentDraft) -> None:
        self.clear_form()
        self.correction = correction
        self.fill_form(draft)
        words = reason_words(correction.code)
        reason = f"{words} — {correction.message}" if correction.message else words
        self.correction_banner.setText(
            self.tr(
                "Correction de l'inscription {receipt_no}, rejetée par la CNSS. Motif : "
                "{reason}. Corrigez ce qu'il faut puis enregistrez : une nouvelle version "
                "remplacera cette inscription (rien n'est effacé) et un nouveau reçu sera imprimé."
            ).format(receipt_no=correction.receipt_no, reason=reason)
        )
        self.correction_row.show()
        self.save_button.setText(self.tr("Enregistrer la correction (Ctrl+Entrée)"))
        say(
            self.status_line,
            self.tr("Inscription rejetée {receipt_no} chargée pour correction.").format(
                receipt_no=correction.receipt_no
            ),
        )
        self._reviewed = True  # show at once what the rules say of it
        self.go_to_step(STEP_REVIEW)

    def _correction_failed(self, error: BaseException) -> None:
        say(
            self.status_line,
            self.tr("L'inscription rejetée n'a pas pu être chargée."),
            problem=True,
        )
        show_error(self, error, self.ctx.lang)

    def cancel_correction(self) -> None:
        self.clear_form()
        say(self.status_line, self.tr("Correction abandonnée : rien n'a été enregistré."))

    def _end_correction(self) -> None:
        self.correction = None
        self.correction_banner.clear()
        self.correction_row.hide()
        self.save_button.setText(self.tr("Enregistrer (Ctrl+Entrée)"))
