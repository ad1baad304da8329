"""The dependents step of the enrolment page: the list of declared people and their editor.

Owns the keyboard of the list (Insert or Alt+A adds a person, Delete removes the selected one,
Enter moves into the editor), the editor of one dependent (relationship, names, birth date,
sex, CIN, and the four situations as one tab stop ticked with digit keys), and what each
dependent typed so far (:class:`DependentEntry`, text as typed, so an unreadable date is kept
for the clerk to correct). Judges nothing: the page runs the rules and hands back each
dependent's notes (:meth:`DependentsStep.show_notes`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_app.domain.dates import format_date
from agent_app.domain.model import DependentDraft, DependentRelationship, Sex
from agent_app.domain.problems import Severity
from agent_app.ui.edits import left_by_clerk
from agent_app.ui.widgets import (
    CheckGroup,
    ChoiceBox,
    CinField,
    DateField,
    Note,
    ProblemLabel,
    plain_label,
)

# The editor's fields, by the name a problem of ``dependents[i].<name>`` carries.
RELATIONSHIP = "relationship"
LAST_NAME = "last_name"
FIRST_NAME = "first_name"
BIRTH_DATE = "birth_date"
SEX = "sex"
CIN = "cin"
SITUATION = "situation"  # is_student, is_married, is_disabled, is_kafala
SITUATION_FLAGS = ("is_student", "is_married", "is_disabled", "is_kafala")


def editor_field(problem_field: str) -> str:
    """The editor's field for the tail of ``dependents[i].<tail>``."""
    return SITUATION if problem_field in SITUATION_FLAGS else problem_field


@dataclass(slots=True)
class DependentEntry:
    """One dependent as typed: text fields as they are, so nothing typed is ever lost."""

    relationship: DependentRelationship = DependentRelationship.CHILD
    last_name: str = ""
    first_name: str = ""
    birth_text: str = ""
    sex: Sex | None = None
    cin: str = ""
    is_student: bool = False
    is_married: bool = False
    is_disabled: bool = False
    is_kafala: bool = False

    @classmethod
    def of(cls, draft: DependentDraft) -> DependentEntry:
        return cls(
            relationship=draft.relationship,
            last_name=draft.last_name,
            first_name=draft.first_name,
            birth_text=format_date(draft.birth_date),
            sex=draft.sex,
            cin=draft.cin or "",
            is_student=draft.is_student,
            is_married=draft.is_married,
            is_disabled=draft.is_disabled,
            is_kafala=draft.is_kafala,
        )


class _DependentList(QListWidget):
    """The list of dependents; Delete asks to remove the selected one, Enter to edit it."""

    remove_requested = Signal()
    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() == Qt.Key.Key_Delete:
            self.remove_requested.emit()
            return
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit()
            return
        super().keyPressEvent(event)


class DependentsStep(QWidget):
    """The declared dependents: a list on one side, the selected person's editor on the other.

    ``changed`` is emitted for every edit, addition or removal; ``touched`` gives the problem
    field (``dependents[i].<name>``) of an editor field the clerk has edited or left.
    """

    changed = Signal()
    touched = Signal(str)

    def __init__(self, describe: Callable[[DependentEntry], str], parent: QWidget | None = None):
        super().__init__(parent)
        self._describe = describe
        self.entries: list[DependentEntry] = []
        self._loading = False
        self._marks: dict[int, Severity] = {}

        self.list = _DependentList()
        self.list.setAccessibleName(self.tr("Ayants droit déclarés"))
        self.list.setMinimumWidth(320)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.remove_requested.connect(self.remove_current)
        self.list.edit_requested.connect(self.edit_current)
        self.empty_hint = QLabel(
            self.tr(
                "Aucun ayant droit déclaré. Inser ou Alt+A ajoute une personne ; Entrée modifie "
                "la personne choisie, Suppr la retire."
            )
        )
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setObjectName("hint")
        self.add_button = QPushButton(self.tr("&Ajouter (Inser)"))
        self.add_button.setAccessibleName(self.tr("Ajouter un ayant droit"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Retirer (Suppr)"))
        self.remove_button.setAccessibleName(self.tr("Retirer l'ayant droit choisi"))
        self.remove_button.clicked.connect(self.remove_current)

        self.relationship: ChoiceBox[DependentRelationship] = ChoiceBox(
            [
                (DependentRelationship.SPOUSE, self.tr("Conjoint(e)")),
                (DependentRelationship.CHILD, self.tr("Enfant")),
            ]
        )
        self.last_name = QLineEdit()
        self.last_name.setMaxLength(100)
        self.first_name = QLineEdit()
        self.first_name.setMaxLength(100)
        self.birth_date = DateField()
        self.sex: ChoiceBox[Sex] = ChoiceBox(
            [(Sex.MALE, self.tr("Masculin")), (Sex.FEMALE, self.tr("Féminin"))],
            placeholder=self.tr("M ou F"),
        )
        self.cin = CinField()
        self.cin.setPlaceholderText(self.tr("facultatif"))
        self.situation: CheckGroup[str] = CheckGroup(
            [
                ("is_student", self.tr("1  Étudiant(e) dans l'enseignement supérieur")),
                ("is_married", self.tr("2  Marié(e)")),
                ("is_disabled", self.tr("3  En situation de handicap")),
                ("is_kafala", self.tr("4  Recueilli(e) en kafala")),
            ]
        )
        self.rule_hint = QLabel(
            self.tr(
                "Enfants couverts : jusqu'à 21 ans ; jusqu'à 26 ans s'ils sont étudiants et non "
                "mariés ; sans limite d'âge s'ils sont en situation de handicap. Les enfants "
                "recueillis en kafala comptent comme enfants."
            )
        )
        self.rule_hint.setWordWrap(True)
        self.rule_hint.setObjectName("hint")

        self.problem_labels: dict[str, ProblemLabel] = {}
        self._field_of: dict[QObject, str] = {}
        self.editor = QGroupBox(self.tr("Personne choisie"))
        form = QFormLayout(self.editor)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        self._row(form, self.tr("&Lien :"), self.relationship, RELATIONSHIP)
        self._row(form, self.tr("&Nom :"), self.last_name, LAST_NAME)
        self._row(form, self.tr("&Prénom :"), self.first_name, FIRST_NAME)
        self._row(form, self.tr("&Date de naissance :"), self.birth_date, BIRTH_DATE)
        self._row(form, self.tr("Se&xe :"), self.sex, SEX)
        self._row(form, self.tr("&CIN :"), self.cin, CIN)
        self._row(form, self.tr("Si&tuation :"), self.situation, SITUATION, *self.situation.boxes)
        form.addRow(self.rule_hint)

        list_caption = QLabel(self.tr("Ayants droit décla&rés :"))
        list_caption.setBuddy(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(list_caption)
        left.addWidget(self.list, 1)
        left.addWidget(self.empty_hint)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addWidget(self.editor, 3)

        self.add_action = QAction(self.tr("Ajouter un ayant droit"), self)
        self.add_action.setShortcuts([QKeySequence("Insert"), QKeySequence("Alt+A")])
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_action.triggered.connect(self.add)
        self.addAction(self.add_action)

        self._connect_editor()
        self._refresh()

    def _row(
        self, form: QFormLayout, text: str, widget: QWidget, name: str, *focusable: QWidget
    ) -> None:
        caption = QLabel(text)
        caption.setBuddy(focusable[0] if focusable else widget)
        widget.setAccessibleName(plain_label(text).rstrip(" :"))
        form.addRow(caption, widget)
        problem = ProblemLabel()
        form.addRow(problem)
        self.problem_labels[name] = problem
        for each in focusable or (widget,):
            self._field_of[each] = name
            each.installEventFilter(self)

    def tab_chain(self) -> list[QWidget]:
        """The step's widgets in tab order: the list, the editor, then the buttons."""
        return [
            self.list,
            self.relationship,
            self.last_name,
            self.first_name,
            self.birth_date,
            self.sex,
            self.cin,
            *self.situation.boxes,
            self.add_button,
            self.remove_button,
        ]

    def set_tab_order(self) -> None:
        for first, second in pairwise(self.tab_chain()):
            QWidget.setTabOrder(first, second)

    def _connect_editor(self) -> None:
        edits: Mapping[str, QLineEdit] = {
            LAST_NAME: self.last_name,
            FIRST_NAME: self.first_name,
            BIRTH_DATE: self.birth_date,
            CIN: self.cin,
        }
        for name, edit in edits.items():
            edit.textChanged.connect(self._edited(name))
        self.relationship.currentIndexChanged.connect(self._edited(RELATIONSHIP))
        self.sex.currentIndexChanged.connect(self._edited(SEX))
        self.situation.edited.connect(self._edited(SITUATION))

    def _edited(self, name: str) -> Callable[..., None]:
        def edited(*_: object) -> None:
            if self._loading:
                return
            index = self.current_index()
            if index is None:
                return
            self._store_editor(self.entries[index])
            self._update_item(index)
            self.touched.emit(f"dependents[{index}].{name}")
            self.changed.emit()

        return edited

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if left_by_clerk(event):
            name, index = self._field_of.get(watched), self.current_index()
            if name is not None and index is not None:
                self.touched.emit(f"dependents[{index}].{name}")
        return False

    # --- the list ---------------------------------------------------------------------------

    def current_index(self) -> int | None:
        row = self.list.currentRow()
        return row if 0 <= row < len(self.entries) else None

    def add(self) -> None:
        """A new dependent at the end of the list; the cursor goes to its relationship."""
        self.entries.append(DependentEntry())
        self.list.addItem("")
        index = len(self.entries) - 1
        self._update_item(index)
        self.list.setCurrentRow(index)
        self._refresh()
        self.changed.emit()
        self.relationship.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_current(self) -> None:
        index = self.current_index()
        if index is None:
            return
        del self.entries[index]
        self._loading = True
        try:
            self.list.takeItem(index)
        finally:
            self._loading = False
        for row in range(index, len(self.entries)):
            self._update_item(row)
        self._marks.clear()
        self._row_changed(self.list.currentRow())
        self._refresh()
        self.changed.emit()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit_current(self) -> None:
        if self.current_index() is not None:
            self.relationship.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_entries(self, entries: Sequence[DependentEntry]) -> None:
        """Show these dependents (a correction, or an empty list for the next applicant)."""
        self.entries = list(entries)
        self._marks.clear()
        self._loading = True
        try:
            self.list.clear()
            for _ in self.entries:
                self.list.addItem("")
        finally:
            self._loading = False
        for index in range(len(self.entries)):
            self._update_item(index)
        self.list.setCurrentRow(0 if self.entries else -1)
        self._row_changed(self.list.currentRow())
        self._refresh()

    def select(self, index: int) -> None:
        if 0 <= index < len(self.entries):
            self.list.setCurrentRow(index)

    def focus_field(self, name: str) -> None:
        widget: QWidget = {
            RELATIONSHIP: self.relationship,
            LAST_NAME: self.last_name,
            FIRST_NAME: self.first_name,
            BIRTH_DATE: self.birth_date,
            SEX: self.sex,
            CIN: self.cin,
            SITUATION: self.situation.boxes[0],
        }.get(name, self.list)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_focus(self) -> QWidget:
        return self.list if self.entries else self.add_button

    def _row_changed(self, row: int) -> None:
        if self._loading:
            return
        self._load_editor(self.entries[row] if 0 <= row < len(self.entries) else None)

    def _refresh(self) -> None:
        has_one = bool(self.entries)
        self.editor.setEnabled(self.current_index() is not None)
        self.remove_button.setEnabled(has_one)
        self.empty_hint.setVisible(not has_one)

    def _update_item(self, index: int) -> None:
        item = self.list.item(index)
        if item is None:
            return
        mark = self._marks.get(index)
        sign = {Severity.ERROR: "  ✖", Severity.WARNING: "  ⚠"}.get(mark, "") if mark else ""
        text = f"{index + 1}. {self._describe(self.entries[index])}{sign}"
        item.setText(text)
        item.setToolTip(text)

    # --- the editor -------------------------------------------------------------------------

    def _load_editor(self, entry: DependentEntry | None) -> None:
        self._loading = True
        try:
            shown = entry or DependentEntry()
            self.relationship.set_value(shown.relationship)
            self.last_name.setText(shown.last_name)
            self.first_name.setText(shown.first_name)
            self.birth_date.setText(shown.birth_text)
            self.sex.set_value(shown.sex)
            self.cin.setText(shown.cin)
            self.situation.set_selected(
                frozenset(flag for flag in SITUATION_FLAGS if getattr(shown, flag))
            )
        finally:
            self._loading = False
        self._refresh()

    def _store_editor(self, entry: DependentEntry) -> None:
        entry.relationship = self.relationship.value() or DependentRelationship.CHILD
        entry.last_name = self.last_name.text()
        entry.first_name = self.first_name.text()
        entry.birth_text = self.birth_date.text()
        entry.sex = self.sex.value()
        entry.cin = self.cin.text()
        chosen = self.situation.selected()
        entry.is_student = "is_student" in chosen
        entry.is_married = "is_married" in chosen
        entry.is_disabled = "is_disabled" in chosen
        entry.is_kafala = "is_kafala" in chosen

    # --- problems ---------------------------------------------------------------------------

    def show_notes(self, notes: Mapping[int, Mapping[str, Sequence[Note]]]) -> None:
        """Each dependent's notes by editor field; the selected one's show in the editor."""
        self._marks = {}
        for index, by_field in notes.items():
            severities = {note.severity for shown in by_field.values() for note in shown}
            if Severity.ERROR in severities:
                self._marks[index] = Severity.ERROR
            elif severities:
                self._marks[index] = Severity.WARNING
        for index in range(len(self.entries)):
            self._update_item(index)
        selected = self.current_index()
        current = notes.get(selected, {}) if selected is not None else {}
        for name, problem_label in self.problem_labels.items():
            problem_label.show_notes(current.get(name, ()))
