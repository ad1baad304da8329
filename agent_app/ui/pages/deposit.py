"""The deposit page: the clerk's main screen, where a paper care sheet becomes a recorded claim.

Owns the form of every :class:`ClaimDraft` field, laid out in three columns that follow page 1
of the care sheet (the sheet and the insured; the patient and the practitioner; the care and
the clerk's checks), the keyboard path through it, the problems shown beside each field as
the clerk types, the scanner bursts routed to their field, and saving. Must never run SQL on
the GUI thread: the claim rules are read once and each save runs on the database worker.
Validation while typing is the pure :func:`validate_claim`, fast enough for every keystroke.

Keyboard design, because a clerk records hundreds of these a day:

- Tab follows the paper; each field has an Alt+letter; Ctrl+Enter saves from anywhere.
- Drop-down lists take one key (first letter or number); the care categories and the
  checklist are one tab stop each, ticked with their number keys (or the arrows and Space).
- The beneficiary's relationship comes first in its group: "the insured" (the default) fills
  the beneficiary's name and CIN from the insured's, which saves retyping them.
- A scanned INPE label, FSE QR code or CNSS barcode lands in its field wherever the cursor
  is, and the cursor moves on to the next field that still needs input.
- Problems show only for fields the clerk has edited or left, or after a save attempt: an
  empty form is not a page of red.

Correction mode: a claim CNSS rejected comes back pre-filled from its stored version under a
banner naming its receipt and the centre's reason; saving goes through :func:`correct_claim`
(the same checks and warnings as a new deposit) and makes a new version that supersedes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from agent_app.domain.claims import ClaimRules, deposit_deadline, validate_claim
from agent_app.domain.dates import format_date
from agent_app.domain.labels import label
from agent_app.domain.model import (
    CareCategory,
    CareType,
    ChecklistItem,
    ClaimDraft,
    FormType,
    Relationship,
    RequestKind,
    Sex,
)
from agent_app.domain.money import AmountError
from agent_app.domain.problems import Problem, Severity
from agent_app.services.claims import ProblemsError, RecordedClaim, claim_rules, record_claim
from agent_app.services.sync import claim_draft_for_correction, correct_claim
from agent_app.store.engine import Store
from agent_app.ui.context import UiContext
from agent_app.ui.dialogs.confirm_warnings import ConfirmWarningsDialog
from agent_app.ui.edits import EditTracker
from agent_app.ui.errors import show_error
from agent_app.ui.pages.base import Page
from agent_app.ui.rejections import reason_words
from agent_app.ui.scanner import Scan, ScanKind, ScannerFilter
from agent_app.ui.widgets import (
    AmountField,
    CheckGroup,
    ChoiceBox,
    CinField,
    DateField,
    IdentifierField,
    Note,
    ProblemLabel,
    plain_label,
)

VALIDATION_DELAY_MS = 150  # long enough to skip the keystrokes of a word, short enough to feel live
MAX_DOCUMENTS_FIELD = 999  # the spin box's own limit; the rules' maximum is checked as a problem
CHECKLIST_FIELD = "checklist"


def rules_in_force(store: Store) -> ClaimRules:
    """The claim rules of this point; runs on the database worker."""
    with store.read() as session:
        return claim_rules(session)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class FormReading:
    """The form read as a draft, with the fields that could not be read at all.

    A field that cannot be read (a date like "31/02/2026", an amount like "12,5,0") gets a
    neutral stand-in in ``draft`` so that the other fields can still be checked; its note
    replaces whatever the rules would say about the stand-in.
    """

    draft: ClaimDraft
    unreadable: Mapping[str, Note]


@dataclass(frozen=True, slots=True)
class Correction:
    """The rejected claim the form is correcting, and why CNSS rejected it."""

    receipt_no: str
    code: str
    message: str


class DepositPage(Page):
    """Records one care-sheet deposit after another; ``claim_recorded`` gives each receipt.

    ``scanner`` may be given (tests pass one with a chosen timing); otherwise the page makes
    its own and installs it on all of its widgets.
    """

    claim_recorded = Signal(str)  # the receipt number, once the claim is committed
    print_requested = Signal(str)  # Ctrl+P: print (or preview) the receipt just saved
    #: A rejected claim was corrected: (the rejected receipt, the new version's receipt).
    claim_corrected = Signal(str, str)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        scanner: ScannerFilter | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.rules = ClaimRules()
        self._rules_requested = False
        self._save_attempted = False
        self._saving = False
        self._synced_name = ""
        self._synced_cin = ""
        self.confirm_dialog: ConfirmWarningsDialog | None = None
        self.problems: list[Problem] = []  # the latest rules' verdict, for tests and the status
        self.correction: Correction | None = None
        self.problem_labels: dict[str, ProblemLabel] = {}

        self._validation_timer = QTimer(self)
        self._validation_timer.setSingleShot(True)
        self._validation_timer.setInterval(VALIDATION_DELAY_MS)
        self._validation_timer.timeout.connect(self.revalidate)
        self.edits = EditTracker(self._validation_timer.start, self)

        self._make_fields()
        self._lay_out()
        self._set_tab_order()
        self._connect_edits()

        self.save_action = QAction(self.tr("Enregistrer le dépôt"), self)
        self.save_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        self.last_receipt: str | None = None
        self.print_action = QAction(self.tr("Imprimer le dernier reçu (Ctrl+P)"), self)
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_action.triggered.connect(self.print_last_receipt)
        self.addAction(self.print_action)

        # Installed last, so that it sees each key before the check-box groups' own filters.
        self.scanner = scanner if scanner is not None else ScannerFilter(self)
        if self.scanner.parent() is None:
            self.scanner.setParent(self)
        self.scanner.attach(self)
        self.scanner.scanned.connect(self._on_scan)

    def title(self) -> str:
        return self.tr("Dépôt")

    # --- building the form ---------------------------------------------------------------

    def _make_fields(self) -> None:
        lang = self.ctx.lang
        # Short names that start with different letters (g, a, d): one key chooses.
        self.form_type: ChoiceBox[FormType] = ChoiceBox(
            [
                (FormType.GENERAL, self.tr("Générale (610-1-02)")),
                (FormType.ALD, self.tr("ALD (610-1-03)")),
                (FormType.DENTAL, self.tr("Dentaire (610-1-04)")),
            ]
        )
        self.request_kind: ChoiceBox[RequestKind] = ChoiceBox(
            [
                (RequestKind.EXECUTION, self.tr("Exécution")),
                (RequestKind.PRIOR_APPROVAL, self.tr("Entente préalable")),
            ]
        )
        self.insured_immatriculation = IdentifierField()
        self.insured_immatriculation.setPlaceholderText(self.tr("9 chiffres"))
        self.insured_name = QLineEdit()
        self.insured_name.setMaxLength(100)
        self.insured_name.setPlaceholderText(self.tr("NOM Prénom"))
        self.insured_cin = CinField()
        self.insured_cin.setPlaceholderText(self.tr("facultatif"))
        self.declared_amount = AmountField(lang)
        self.document_count = QSpinBox()
        self.document_count.setRange(0, MAX_DOCUMENTS_FIELD)
        self.document_count.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.document_count.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000") + 24)

        self.relationship: ChoiceBox[Relationship] = ChoiceBox(
            [(kind, _capitalised(label(kind, lang))) for kind in Relationship]
        )
        self.beneficiary_name = QLineEdit()
        self.beneficiary_name.setMaxLength(100)
        self.beneficiary_name.setPlaceholderText(self.tr("NOM Prénom"))
        self.birth_date = DateField()
        self.sex: ChoiceBox[Sex] = ChoiceBox(
            [(Sex.MALE, self.tr("Masculin")), (Sex.FEMALE, self.tr("Féminin"))],
            placeholder=self.tr("M ou F"),
        )
        self.beneficiary_cin = CinField()
        self.beneficiary_cin.setPlaceholderText(self.tr("facultatif"))

        self.prescriber_inpe = IdentifierField()
        self.prescriber_inpe.setPlaceholderText(self.tr("9 chiffres (scanner l'étiquette)"))
        self.facility_inpe = IdentifierField()
        self.facility_inpe.setPlaceholderText(self.tr("facultatif"))
        self.fse_number = QLineEdit()
        self.fse_number.setMaxLength(64)
        self.fse_number.setPlaceholderText(self.tr("facultatif (code QR)"))

        self.care_type: ChoiceBox[CareType] = ChoiceBox(
            [(kind, _capitalised(label(kind, lang))) for kind in CareType]
        )
        self.care_categories: CheckGroup[CareCategory] = CheckGroup(
            [
                (
                    category,
                    self.tr("&{number} {category}").format(
                        number=index, category=_capitalised(label(category, lang))
                    ),
                )
                for index, category in enumerate(CareCategory, start=1)
            ],
            columns=2,
        )
        self.first_act_date = DateField()
        self.deadline_hint = QLabel()
        self.deadline_hint.setObjectName("hint")
        self.deadline_hint.setWordWrap(True)
        self.end_of_treatment_date = DateField()
        self.end_of_treatment_date.setPlaceholderText(self.tr("facultatif"))

        checklist_texts = {
            ChecklistItem.CARE_SHEET_SIGNED: self.tr("Feuille signée par l'assuré"),
            ChecklistItem.ORIGINALS_ATTACHED: self.tr("Originaux joints"),
            ChecklistItem.INPE_STAMP_PRESENT: self.tr("Étiquette INPE ou cachet du praticien"),
            ChecklistItem.ONE_PATIENT_ONE_EVENT: self.tr("Un seul malade, un seul événement"),
        }
        checklist_tips = {
            ChecklistItem.ORIGINALS_ATTACHED: self.tr(
                "Ordonnances, factures, résultats d'analyses ou d'imagerie, vignettes des "
                "médicaments : des originaux, pas des copies."
            ),
            ChecklistItem.ONE_PATIENT_ONE_EVENT: self.tr(
                "Une feuille de soins par personne et par maladie."
            ),
        }
        self.checklist: CheckGroup[ChecklistItem] = CheckGroup(
            [
                (item, self.tr("{number}  {check}").format(number=index, check=text))
                for index, (item, text) in enumerate(checklist_texts.items(), start=1)
            ]
        )
        for item, tip in checklist_tips.items():
            self.checklist.box_for(item).setToolTip(tip)

        self.save_button = QPushButton(self.tr("Enregistrer (Ctrl+Entrée)"))
        self.save_button.setAccessibleName(self.tr("Enregistrer le dépôt"))
        self.save_button.clicked.connect(self.save)
        self.status_line = QLabel()
        self.status_line.setObjectName("status")
        self.status_line.setWordWrap(True)
        self.status_line.setAccessibleName(self.tr("État du dépôt"))
        font = QFont(self.status_line.font())
        font.setBold(True)
        self.status_line.setFont(font)
        self.other_problems = ProblemLabel()  # problems of no field on this form

        self.correction_banner = QLabel()
        self.correction_banner.setObjectName("correction")
        self.correction_banner.setWordWrap(True)
        self.correction_banner.setAccessibleName(self.tr("Correction d'un dépôt rejeté"))
        self.cancel_correction_button = QPushButton(self.tr("Abandonner la correction"))
        self.cancel_correction_button.setAccessibleName(
            self.tr("Abandonner la correction et vider le formulaire")
        )
        self.cancel_correction_button.clicked.connect(self.cancel_correction)

    def _lay_out(self) -> None:
        sheet = self._group(self.tr("Feuille de soins"))
        self._add_row(sheet, self.tr("M&odèle :"), self.form_type, "form_type")
        self._add_row(sheet, self.tr("&Nature :"), self.request_kind, "request_kind")

        insured = self._group(self.tr("Assuré"))
        self._add_row(
            insured,
            self.tr("&Immatriculation :"),
            self.insured_immatriculation,
            "insured_immatriculation",
        )
        self._add_row(insured, self.tr("Nom de l'&assuré :"), self.insured_name, "insured_name")
        self._add_row(insured, self.tr("&CIN de l'assuré :"), self.insured_cin, "insured_cin")
        self._add_row(
            insured,
            self.tr("&Montant total (DH) :"),
            self.declared_amount,
            "declared_amount_centimes",
        )
        self._add_row(insured, self.tr("Pièces &jointes :"), self.document_count, "document_count")

        beneficiary = self._group(self.tr("Bénéficiaire (le malade)"))
        self._add_row(
            beneficiary,
            self.tr("&Lien de parenté :"),
            self.relationship,
            "beneficiary_relationship",
        )
        self._add_row(
            beneficiary,
            self.tr("Nom du &bénéficiaire :"),
            self.beneficiary_name,
            "beneficiary_name",
        )
        self._add_row(
            beneficiary,
            self.tr("&Date de naissance :"),
            self.birth_date,
            "beneficiary_birth_date",
        )
        self._add_row(beneficiary, self.tr("Se&xe :"), self.sex, "beneficiary_sex")
        self._add_row(
            beneficiary, self.tr("CIN du bénéficiai&re :"), self.beneficiary_cin, "beneficiary_cin"
        )

        practitioner = self._group(self.tr("Praticien"))
        self._add_row(
            practitioner, self.tr("INPE &prescripteur :"), self.prescriber_inpe, "prescriber_inpe"
        )
        self._add_row(
            practitioner, self.tr("INPE é&tablissement :"), self.facility_inpe, "facility_inpe"
        )
        self._add_row(practitioner, self.tr("N&uméro FSE :"), self.fse_number, "fse_number")

        care = self._group(self.tr("Soins"))
        self._add_row(care, self.tr("T&ype de soins :"), self.care_type, "care_type")
        self._add_wide_row(
            care, self.tr("Caté&gories de soins :"), self.care_categories, "care_categories"
        )
        self._add_row(
            care,
            self.tr("Date du pr&emier acte :"),
            self.first_act_date,
            "first_act_date",
            hint=self.deadline_hint,
        )
        self._add_row(
            care,
            self.tr("&Fin de traitement :"),
            self.end_of_treatment_date,
            "end_of_treatment_date",
        )

        checks = self._group(self.tr("&Vérification du dossier"))
        checks_form = self._form_of(checks)
        checks_form.addRow(self.checklist)
        self._register(CHECKLIST_FIELD, checks_form, *self.checklist.boxes)

        columns = QHBoxLayout()
        columns.setSpacing(10)
        for groups in ((sheet, insured), (beneficiary, practitioner), (care, checks)):
            column = QVBoxLayout()
            column.setSpacing(8)
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
            columns.addLayout(column, 1)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(columns)
        content_layout.addWidget(self.other_problems)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Only a crowd of problems after a failed save should ever need the scroll bar.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        bottom = QHBoxLayout()
        bottom.addWidget(self.status_line, 1)
        bottom.addWidget(self.save_button)

        self.correction_row = QWidget()
        correction_layout = QHBoxLayout(self.correction_row)
        correction_layout.setContentsMargins(0, 0, 0, 4)
        correction_layout.addWidget(self.correction_banner, 1)
        correction_layout.addWidget(self.cancel_correction_button)
        self.correction_row.hide()

        # Bold group titles only: style-sheet fonts do not pass on to the widgets inside.
        self.setStyleSheet(
            "QGroupBox { font-weight: bold; }"
            " QLabel#correction { background: #fff4ce; border: 1px solid #d8a500;"
            " padding: 6px; font-weight: bold; }"
        )
        page = QVBoxLayout(self)
        page.setContentsMargins(10, 8, 10, 8)
        page.addWidget(self.correction_row)
        page.addWidget(scroll, 1)
        page.addLayout(bottom)

    def _group(self, title: str) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        form.setContentsMargins(8, 6, 8, 6)
        return group

    @staticmethod
    def _form_of(group: QGroupBox) -> QFormLayout:
        form = group.layout()
        if not isinstance(form, QFormLayout):
            raise TypeError("every group of this page is made by _group, with a form layout")
        return form

    def _add_row(
        self,
        group: QGroupBox,
        text: str,
        widget: QWidget,
        field: str,
        *,
        hint: QLabel | None = None,
    ) -> None:
        """A labelled field with its Alt+letter, its accessible name and its problem line."""
        form = self._form_of(group)
        caption = QLabel(text)
        caption.setBuddy(widget)
        widget.setAccessibleName(plain_label(text).rstrip(" :"))
        form.addRow(caption, widget)
        if hint is not None:
            form.addRow("", hint)
        self._register(field, form, widget)

    def _add_wide_row(
        self, group: QGroupBox, text: str, widget: CheckGroup[CareCategory], field: str
    ) -> None:
        """A label on its own line, then a widget as wide as the group (the categories)."""
        form = self._form_of(group)
        caption = QLabel(text)
        caption.setBuddy(widget.boxes[0])
        widget.setAccessibleName(plain_label(text).rstrip(" :"))
        form.addRow(caption)
        form.addRow(widget)
        self._register(field, form, *widget.boxes)

    def _register(self, field: str, form: QFormLayout, *focusable: QWidget) -> None:
        """The field's problem line, and which widgets belong to the field."""
        problem = ProblemLabel()
        form.addRow(problem)
        self.problem_labels[field] = problem
        for widget in focusable:
            self.edits.watch(widget, field)

    def _fields_in_order(self) -> list[QWidget]:
        """Every field in the order of the paper sheet, which is the tab order."""
        return [
            self.form_type,
            self.request_kind,
            self.insured_immatriculation,
            self.insured_name,
            self.insured_cin,
            self.declared_amount,
            self.document_count,
            self.relationship,
            self.beneficiary_name,
            self.birth_date,
            self.sex,
            self.beneficiary_cin,
            self.prescriber_inpe,
            self.facility_inpe,
            self.fse_number,
            self.care_type,
            self.care_categories,
            self.first_act_date,
            self.end_of_treatment_date,
            self.checklist,
        ]

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = []
        for field in self._fields_in_order():
            chain.extend(field.boxes if isinstance(field, CheckGroup) else [field])
        chain.append(self.save_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect_edits(self) -> None:
        line_edits: dict[str, QLineEdit] = {
            "insured_immatriculation": self.insured_immatriculation,
            "insured_name": self.insured_name,
            "insured_cin": self.insured_cin,
            "declared_amount_centimes": self.declared_amount,
            "beneficiary_name": self.beneficiary_name,
            "beneficiary_birth_date": self.birth_date,
            "beneficiary_cin": self.beneficiary_cin,
            "prescriber_inpe": self.prescriber_inpe,
            "facility_inpe": self.facility_inpe,
            "fse_number": self.fse_number,
            "first_act_date": self.first_act_date,
            "end_of_treatment_date": self.end_of_treatment_date,
        }
        for field, edit in line_edits.items():
            edit.textChanged.connect(self.edits.edited_handler(field))
        combos: dict[str, QComboBox] = {
            "form_type": self.form_type,
            "request_kind": self.request_kind,
            "beneficiary_relationship": self.relationship,
            "beneficiary_sex": self.sex,
            "care_type": self.care_type,
        }
        for field, combo in combos.items():
            combo.currentIndexChanged.connect(self.edits.edited_handler(field))
        self.document_count.valueChanged.connect(self.edits.edited_handler("document_count"))
        self.care_categories.edited.connect(self.edits.edited_handler("care_categories"))
        self.checklist.edited.connect(self.edits.edited_handler(CHECKLIST_FIELD))
        self.insured_name.textChanged.connect(self._follow_insured_name)
        self.insured_cin.textChanged.connect(self._follow_insured_cin)
        self.relationship.currentIndexChanged.connect(self._relationship_chosen)

    # --- "the insured" as beneficiary -------------------------------------------------------

    def _follow_insured_name(self, text: str) -> None:
        if self.relationship.value() is Relationship.SELF and (
            self.beneficiary_name.text() == self._synced_name
        ):
            with self.edits.quietly():
                self.beneficiary_name.setText(text)
        self._synced_name = text

    def _follow_insured_cin(self, text: str) -> None:
        if self.relationship.value() is Relationship.SELF and (
            self.beneficiary_cin.text() == self._synced_cin
        ):
            with self.edits.quietly():
                self.beneficiary_cin.setText(text)
        self._synced_cin = text

    def _relationship_chosen(self, _index: int) -> None:
        if self.edits.quiet:
            return
        insured_name, insured_cin = self.insured_name.text(), self.insured_cin.text()
        with self.edits.quietly():
            if self.relationship.value() is Relationship.SELF:
                self.beneficiary_name.setText(insured_name)
                self.beneficiary_cin.setText(insured_cin)
            else:
                # The insured's own name and CIN are not the spouse's or the child's.
                if self.beneficiary_name.text() == insured_name:
                    self.beneficiary_name.clear()
                if self.beneficiary_cin.text() == insured_cin:
                    self.beneficiary_cin.clear()
        self._synced_name, self._synced_cin = insured_name, insured_cin

    # --- page hooks ----------------------------------------------------------------------

    def activated(self) -> None:
        # Read again each time the page is shown: a sync may have brought new centre rules.
        if not self._rules_requested:
            self._rules_requested = True
            store = self.ctx.store
            self.ctx.op(lambda: rules_in_force(store)).success(self._rules_loaded).failure(
                self._rules_failed
            ).run()
        self.focus_next_needed(after=None)

    def _rules_loaded(self, rules: ClaimRules) -> None:
        self._rules_requested = False
        self.rules = rules
        self.revalidate()

    def _rules_failed(self, error: BaseException) -> None:
        self._rules_requested = False
        show_error(self, error, self.ctx.lang)

    # --- reading and checking --------------------------------------------------------------

    def read_form(self) -> FormReading:
        """The form as a draft; fields that cannot be read are set aside with their note."""
        unreadable: dict[str, Note] = {}
        today = self.ctx.clock().date()

        def read_date(field_name: str, widget: DateField) -> date | None:
            try:
                return widget.value()
            except ValueError:
                unreadable[field_name] = Note(
                    Severity.ERROR,
                    self.tr(
                        "Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 05/11/2026 "
                        "ou 05112026."
                    ),
                )
                return None

        first_act = read_date("first_act_date", self.first_act_date)
        if first_act is None and "first_act_date" not in unreadable:
            unreadable["first_act_date"] = Note(
                Severity.ERROR,
                self.tr(
                    "Date du premier acte manquante : recopiez la date des soins inscrite par le "
                    "praticien (JJ/MM/AAAA)."
                ),
            )
        end = read_date("end_of_treatment_date", self.end_of_treatment_date)
        birth = read_date("beneficiary_birth_date", self.birth_date)
        try:
            amount = self.declared_amount.centimes()
        except AmountError as error:
            amount = 1  # a stand-in: its own note replaces what the rules would say
            unreadable["declared_amount_centimes"] = Note(
                Severity.ERROR,
                Problem(error.code, "declared_amount_centimes", Severity.ERROR).message(
                    self.ctx.lang
                ),
            )
        draft = ClaimDraft(
            form_type=self.form_type.value() or FormType.GENERAL,
            request_kind=self.request_kind.value() or RequestKind.EXECUTION,
            insured_immatriculation=self.insured_immatriculation.text(),
            insured_name=self.insured_name.text(),
            insured_cin=self.insured_cin.text() or None,
            beneficiary_relationship=self.relationship.value() or Relationship.SELF,
            beneficiary_name=self.beneficiary_name.text(),
            beneficiary_birth_date=birth,
            beneficiary_sex=self.sex.value(),
            beneficiary_cin=self.beneficiary_cin.text() or None,
            care_type=self.care_type.value() or CareType.ILLNESS,
            care_categories=self.care_categories.selected(),
            first_act_date=first_act or today,
            end_of_treatment_date=end,
            declared_amount_centimes=amount,
            document_count=self.document_count.value(),
            prescriber_inpe=self.prescriber_inpe.text(),
            facility_inpe=self.facility_inpe.text() or None,
            fse_number=self.fse_number.text() or None,
            checklist=self.checklist.selected(),
        )
        return FormReading(draft, unreadable)

    def revalidate(self) -> FormReading:
        """Run the rules on the form now and show what the clerk should see."""
        self._validation_timer.stop()
        reading = self.read_form()
        unreadable = reading.unreadable
        # A stand-in first-act date would make the end date and the deadline look wrong too.
        hidden = set(unreadable)
        if "first_act_date" in hidden:
            hidden.add("end_of_treatment_date")
        today = self.ctx.clock().date()
        self.problems = [
            problem
            for problem in validate_claim(reading.draft, self.rules, today)
            if problem.field not in hidden
        ]
        self._show(self.problems, unreadable)
        self._show_deadline(reading)
        return reading

    def has_blocking(self, reading: FormReading) -> bool:
        return bool(reading.unreadable) or any(p.blocking for p in self.problems)

    def _field_key(self, problem_field: str) -> str:
        return CHECKLIST_FIELD if problem_field.startswith(CHECKLIST_FIELD + ".") else problem_field

    def _show(self, problems: Sequence[Problem], unreadable: Mapping[str, Note]) -> None:
        notes: dict[str, list[Note]] = {field: [] for field in self.problem_labels}
        others: list[Note] = []
        for field, note in unreadable.items():
            notes[field].append(note)
        for problem in problems:
            note = Note(problem.severity, problem.message(self.ctx.lang))
            key = self._field_key(problem.field)
            if key in notes:
                notes[key].append(note)
            else:
                others.append(note)
        for field, problem_label in self.problem_labels.items():
            visible = self._save_attempted or field in self.edits.touched
            problem_label.show_notes(notes[field] if visible else [])
        self.other_problems.show_notes(others if self._save_attempted else [])
        for widget, field in self.edits.field_of.items():
            if isinstance(widget, QWidget):
                shown = self.problem_labels[field].notes
                widget.setAccessibleDescription("\n".join(note.text for note in shown))

    def _show_deadline(self, reading: FormReading) -> None:
        draft = reading.draft
        known = "first_act_date" not in reading.unreadable and (
            "end_of_treatment_date" not in reading.unreadable
        )
        if not known or draft.request_kind is RequestKind.PRIOR_APPROVAL:
            self.deadline_hint.clear()
            return
        deadline = deposit_deadline(draft.first_act_date, draft.end_of_treatment_date, self.rules)
        self.deadline_hint.setText(
            self.tr("à déposer au plus tard le {deadline}").format(deadline=format_date(deadline))
        )

    def _show_store_problems(self, problems: Sequence[Problem]) -> None:
        """Problems the service found (its rules may be newer than the page's)."""
        self.problems = list(problems)
        self._show(self.problems, {})

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Check the form and record it on the database worker (Ctrl+Enter)."""
        if self._saving:
            return  # one deposit, one save: a second Ctrl+Enter while saving does nothing
        self.scanner.release()  # keys typed just before Ctrl+Enter belong to the form
        self._save_attempted = True
        reading = self.revalidate()
        if self.has_blocking(reading):
            self.status_line.setText(
                self.tr("Dépôt non enregistré : corrigez les champs signalés en rouge.")
            )
            self._focus_first_problem(Severity.ERROR)
            return
        self._submit(reading.draft, {})

    def _submit(self, draft: ClaimDraft, confirmations: Mapping[str, str]) -> None:
        self._set_saving(True)
        self.status_line.setText(self.tr("Enregistrement…"))
        store, actor, clock = self.ctx.store, self.ctx.require_actor(), self.ctx.clock
        reasons = dict(confirmations)
        correction = self.correction

        def save() -> RecordedClaim:
            if correction is not None:
                return correct_claim(
                    store, actor, correction.receipt_no, draft, reasons, clock=clock
                )
            return record_claim(store, actor, draft, reasons, clock=clock)

        self.ctx.op(save).success(self._recorded).failure(
            lambda error: self._not_recorded(error, draft, reasons)
        ).run()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setEnabled(not saving)

    def _recorded(self, recorded: RecordedClaim) -> None:
        self._set_saving(False)
        corrected = self.correction
        self.clear_form()
        if corrected is None:
            self.status_line.setText(
                self.tr("Reçu {receipt_no} enregistré.").format(receipt_no=recorded.receipt_no)
            )
        else:
            self.status_line.setText(
                self.tr(
                    "Reçu {receipt_no} enregistré : cette nouvelle version remplace le dépôt "
                    "rejeté {rejected} et partira au prochain envoi."
                ).format(receipt_no=recorded.receipt_no, rejected=corrected.receipt_no)
            )
        self.last_receipt = recorded.receipt_no
        self.claim_recorded.emit(recorded.receipt_no)
        if corrected is not None:
            self.claim_corrected.emit(corrected.receipt_no, recorded.receipt_no)

    def print_last_receipt(self) -> None:
        """Ctrl+P: the receipt of the deposit just saved (the original if never printed)."""
        if self.last_receipt is not None:
            self.print_requested.emit(self.last_receipt)

    def _not_recorded(
        self, error: BaseException, draft: ClaimDraft, confirmations: Mapping[str, str]
    ) -> None:
        if isinstance(error, ProblemsError) and error.code == "claim.needs_confirmation":
            self._ask_confirmations(draft, error.problems, confirmations)
            return
        self._set_saving(False)
        if isinstance(error, ProblemsError):
            self._show_store_problems(error.problems)
            self.status_line.setText(
                self.tr("Dépôt non enregistré : corrigez les champs signalés en rouge.")
            )
            self._focus_first_problem(Severity.ERROR)
            return
        self.status_line.setText(self.tr("Dépôt non enregistré."))
        show_error(self, error, self.ctx.lang)

    def _ask_confirmations(
        self, draft: ClaimDraft, warnings: Sequence[Problem], earlier: Mapping[str, str]
    ) -> None:
        self.status_line.setText(self.tr("Confirmez les avertissements pour enregistrer."))
        dialog = ConfirmWarningsDialog(warnings, self.ctx.lang, self, reasons=earlier)
        self.confirm_dialog = dialog

        def finished(result: int) -> None:
            self.confirm_dialog = None
            dialog.deleteLater()
            if result == ConfirmWarningsDialog.DialogCode.Accepted.value:
                self._submit(draft, {**earlier, **dialog.confirmations()})
                return
            self._set_saving(False)
            self.status_line.setText(
                self.tr("Dépôt non enregistré : les avertissements n'ont pas été confirmés.")
            )
            # Keep the store's warnings (a duplicate's receipt number) beside their fields.
            shown = {(p.code, p.field) for p in self.problems}
            extra = [w for w in warnings if (w.code, w.field) not in shown]
            self._show_store_problems([*self.problems, *extra])
            self._focus_first_problem(Severity.WARNING)

        dialog.finished.connect(finished)
        dialog.open()  # window-modal without a nested event loop inside a task callback

    # --- clearing and focus ----------------------------------------------------------------

    def clear_form(self) -> None:
        """Ready for the next insured person: empty fields, defaults, cursor on the number."""
        self._end_correction()
        with self.edits.quietly():
            for edit in (
                self.insured_immatriculation,
                self.insured_name,
                self.insured_cin,
                self.declared_amount,
                self.beneficiary_name,
                self.birth_date,
                self.beneficiary_cin,
                self.prescriber_inpe,
                self.facility_inpe,
                self.fse_number,
                self.first_act_date,
                self.end_of_treatment_date,
            ):
                edit.clear()
            # Defaults, never the previous sheet's choices: a "maternity" or "prior approval"
            # carried over unnoticed would be recorded wrongly without any rule catching it.
            self.form_type.set_value(FormType.GENERAL)
            self.request_kind.set_value(RequestKind.EXECUTION)
            self.relationship.set_value(Relationship.SELF)
            self.sex.set_value(None)
            self.care_type.set_value(CareType.ILLNESS)
            self.document_count.setValue(0)
            self.care_categories.set_selected(frozenset())
            self.checklist.set_selected(frozenset())
            self._synced_name = self._synced_cin = ""
            self.insured_immatriculation.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edits.touched.clear()
        self._save_attempted = False
        self._validation_timer.stop()
        self.problems = []
        self._show([], {})
        self.deadline_hint.clear()
        self.other_problems.show_notes([])

    # --- correcting a rejected claim ---------------------------------------------------------

    def start_correction(self, receipt_no: str, code: str, message: str) -> None:
        """Fill the form from the rejected claim ``receipt_no`` and save as its new version."""
        if self._saving:
            return
        store = self.ctx.store
        self.status_line.setText(
            self.tr("Lecture du dépôt rejeté {receipt_no}…").format(receipt_no=receipt_no)
        )
        self.ctx.op(lambda: claim_draft_for_correction(store, receipt_no)).success(
            lambda draft: self._correction_loaded(Correction(receipt_no, code, message), draft)
        ).failure(self._correction_failed).run()

    def _correction_loaded(self, correction: Correction, draft: ClaimDraft) -> None:
        self.clear_form()
        self.fill_form(draft)
        self.correction = correction
        words = reason_words(correction.code)
        reason = f"{words} — {correction.message}" if correction.message else words
        self.correction_banner.setText(
            self.tr(
                "Correction du dépôt {receipt_no}, rejeté par la CNSS. Motif : {reason}. "
                "Corrigez ce qu'il faut puis enregistrez : une nouvelle version remplacera ce "
                "dépôt (rien n'est effacé) et un nouveau reçu sera imprimé."
            ).format(receipt_no=correction.receipt_no, reason=reason)
        )
        self.correction_row.show()
        self.save_button.setText(self.tr("Enregistrer la correction (Ctrl+Entrée)"))
        self.status_line.setText(
            self.tr("Dépôt rejeté {receipt_no} chargé pour correction.").format(
                receipt_no=correction.receipt_no
            )
        )
        self.edits.touched.update(self.problem_labels)  # show at once what the rules say of it
        self.revalidate()
        self.focus_next_needed(after=None)
        if self.focusWidget() is self.save_button:
            self.insured_immatriculation.setFocus(Qt.FocusReason.OtherFocusReason)

    def _correction_failed(self, error: BaseException) -> None:
        self.status_line.setText(self.tr("Le dépôt rejeté n'a pas pu être chargé."))
        show_error(self, error, self.ctx.lang)

    def cancel_correction(self) -> None:
        """Leave correction mode: the rejected claim stays as it is, the form is emptied."""
        self.clear_form()
        self.status_line.setText(self.tr("Correction abandonnée : rien n'a été enregistré."))

    def _end_correction(self) -> None:
        self.correction = None
        self.correction_banner.clear()
        self.correction_row.hide()
        self.save_button.setText(self.tr("Enregistrer (Ctrl+Entrée)"))

    def fill_form(self, draft: ClaimDraft) -> None:
        """Show ``draft`` in the fields, as the program's change (no field counts as edited)."""
        with self.edits.quietly():
            self.form_type.set_value(draft.form_type)
            self.request_kind.set_value(draft.request_kind)
            self.insured_immatriculation.setText(draft.insured_immatriculation)
            self.insured_name.setText(draft.insured_name)
            self.insured_cin.setText(draft.insured_cin or "")
            self.declared_amount.set_centimes(draft.declared_amount_centimes)
            self.document_count.setValue(draft.document_count)
            self.relationship.set_value(draft.beneficiary_relationship)
            self.beneficiary_name.setText(draft.beneficiary_name)
            self.birth_date.set_value(draft.beneficiary_birth_date)
            self.sex.set_value(draft.beneficiary_sex)
            self.beneficiary_cin.setText(draft.beneficiary_cin or "")
            self.prescriber_inpe.setText(draft.prescriber_inpe)
            self.facility_inpe.setText(draft.facility_inpe or "")
            self.fse_number.setText(draft.fse_number or "")
            self.care_type.set_value(draft.care_type)
            self.care_categories.set_selected(frozenset(draft.care_categories))
            self.first_act_date.set_value(draft.first_act_date)
            self.end_of_treatment_date.set_value(draft.end_of_treatment_date)
            self.checklist.set_selected(frozenset(draft.checklist))
        self._synced_name, self._synced_cin = draft.insured_name, draft.insured_cin or ""

    def _focus_first_problem(self, severity: Severity) -> None:
        for widget in self._focus_chain():
            problem_label = self.problem_labels.get(self.edits.field_of.get(widget, ""))
            if problem_label is not None and problem_label.severity is severity:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _focus_chain(self) -> list[QWidget]:
        """The fields in tab order, a check-box group by its first box."""
        return [
            field.boxes[0] if isinstance(field, CheckGroup) else field
            for field in self._fields_in_order()
        ]

    def _needs_input(self, widget: QWidget) -> bool:
        """Is this a required field the clerk has not filled yet?"""
        required_texts = (
            self.insured_immatriculation,
            self.insured_name,
            self.declared_amount,
            self.beneficiary_name,
            self.birth_date,
            self.prescriber_inpe,
            self.first_act_date,
        )
        if isinstance(widget, QLineEdit) and widget in required_texts:
            return not widget.text().strip()
        if widget is self.document_count:
            return self.document_count.value() == 0
        if widget is self.sex:
            return self.sex.value() is None
        if widget is self.care_categories.boxes[0]:
            return not self.care_categories.selected()
        if widget is self.checklist.boxes[0]:
            return len(self.checklist.selected()) < len(ChecklistItem)
        return False

    def focus_next_needed(self, after: QWidget | None) -> None:
        """Put the cursor on the next field that still needs input (after ``after``)."""
        chain = self._focus_chain()
        start = chain.index(after) + 1 if after in chain else 0
        for widget in chain[start:] + chain[:start]:
            if self._needs_input(widget):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- scanner -----------------------------------------------------------------------------

    def _on_scan(self, scan: Scan, origin: QObject) -> None:
        target: QLineEdit
        if scan.kind is ScanKind.INSURED or (
            scan.kind is ScanKind.INPE
            and scan.bare_number
            and origin is self.insured_immatriculation
        ):
            # Nine bare digits typed into the immatriculation are the insured's number: the
            # scanner was used as the keyboard it is, where the cursor was.
            target = self.insured_immatriculation
        elif scan.kind is ScanKind.FSE:
            target = self.fse_number
        elif origin is self.facility_inpe:
            target = self.facility_inpe  # the clerk put the cursor there for this label
        elif origin is self.prescriber_inpe or not self.prescriber_inpe.text().strip():
            target = self.prescriber_inpe
        elif not self.facility_inpe.text().strip():
            target = self.facility_inpe
        else:
            self.status_line.setText(
                self.tr(
                    "INPE {inpe} lu, mais les deux champs INPE sont déjà remplis : videz celui à "
                    "remplacer puis scannez de nouveau."
                ).format(inpe=scan.value)
            )
            return
        with self.edits.quietly():
            target.setText(scan.value)
        field = self.edits.field_of[target]
        self.edits.touched.add(field)
        self._validation_timer.start()
        self.status_line.setText(
            self.tr("Code scanné : {value} ({field}).").format(
                value=scan.value, field=target.accessibleName()
            )
        )
        self.focus_next_needed(after=target)
