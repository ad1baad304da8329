"""The steps of the enrolment page that are plain forms: applicant, addresses, notice, review.

Each step lays out its fields and registers each one in the page's :class:`FieldRegistry`
(its problem line, its step, its accessible name); the behaviour (reading, checking, saving)
is the page's. The dependents and documents steps have behaviour of their own and live in
their own modules.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
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

from agent_app.domain.model import Sex
from agent_app.ui.pages.enrolment.notice import (
    NOTICE_AR,
    NOTICE_FR,
    NOTICE_TITLE_AR,
    NOTICE_TITLE_FR,
)
from agent_app.ui.widgets import (
    ChoiceBox,
    CinField,
    DateField,
    IdentifierField,
    ProblemLabel,
    plain_label,
)

STEP_APPLICANT, STEP_ADDRESSES, STEP_DEPENDENTS, STEP_DOCUMENTS, STEP_NOTICE, STEP_REVIEW = range(6)
ADDRESS_PARTS = ("line", "district", "commune", "city", "postal_code")


class FieldRegistry:
    """Which widget is which field of the draft, on which step, with which problem line."""

    def __init__(self) -> None:
        self.problem_labels: dict[str, ProblemLabel] = {}
        self.field_of: dict[QObject, str] = {}
        self.widget_of: dict[str, QWidget] = {}
        self.step_of: dict[str, int] = {}

    def add(self, field: str, widget: QWidget, problem: ProblemLabel, step: int) -> None:
        self.problem_labels[field] = problem
        self.field_of[widget] = field
        self.widget_of[field] = widget
        self.step_of[field] = step

    @staticmethod
    def form(title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        form.setContentsMargins(8, 6, 8, 6)
        return group, form

    def row(
        self,
        form: QFormLayout,
        text: str,
        widget: QWidget,
        field: str,
        step: int,
        *,
        shown: QWidget | None = None,
    ) -> None:
        """A labelled field with its Alt+letter, accessible name and problem line.

        ``shown`` is what the row displays when it is more than the field (a field and a
        button side by side).
        """
        caption = QLabel(text)
        caption.setBuddy(widget)
        widget.setAccessibleName(plain_label(text).rstrip(" :"))
        form.addRow(caption, shown or widget)
        problem = ProblemLabel()
        form.addRow(problem)
        self.add(field, widget, problem, step)


def _side_by_side(step: QWidget, *groups: QGroupBox) -> None:
    """Lay ``groups`` out in columns of equal width, each at the top of its column."""
    columns = QHBoxLayout(step)
    columns.setContentsMargins(0, 0, 0, 0)
    for group in groups:
        column = QVBoxLayout()
        column.addWidget(group)
        column.addStretch(1)
        columns.addLayout(column, 1)


class ApplicantStep(QWidget):
    """Step 1: the applicant, every field of form 328-1-01 but the addresses."""

    def __init__(self, fields: FieldRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        step = STEP_APPLICANT
        self.last_name = QLineEdit()
        self.last_name.setMaxLength(100)
        self.last_name.setPlaceholderText(self.tr("en capitales, comme sur la CIN"))
        self.first_name = QLineEdit()
        self.first_name.setMaxLength(100)
        self.last_name_ar = QLineEdit()
        self.first_name_ar = QLineEdit()
        for arabic in (self.last_name_ar, self.first_name_ar):
            arabic.setMaxLength(100)
            arabic.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            arabic.setPlaceholderText(self.tr("facultatif, en caractères arabes"))
        self.cin = CinField()
        self.cin.setPlaceholderText(self.tr("ex. BK654321"))
        self.check_button = QPushButton(self.tr("&Vérifier auprès de la CNSS"))
        self.check_button.setAccessibleName(self.tr("Vérifier ce CIN auprès de la CNSS"))
        self.check_button.setEnabled(False)
        self.online_result = QLabel()
        self.online_result.setWordWrap(True)
        self.online_result.setAccessibleName(self.tr("Réponse de la CNSS"))
        self.online_result.hide()
        self.duplicate_banner = QLabel()
        self.duplicate_banner.setObjectName("duplicate")
        self.duplicate_banner.setWordWrap(True)
        self.duplicate_banner.setAccessibleName(self.tr("Inscription déjà enregistrée"))
        self.duplicate_banner.hide()
        self.immatriculation = IdentifierField()
        self.immatriculation.setPlaceholderText(self.tr("facultatif, 9 chiffres"))
        self.nationality = CinField()
        self.nationality.setMaxLength(2)
        self.nationality.setPlaceholderText(self.tr("MA pour le Maroc"))
        self.sex: ChoiceBox[Sex] = ChoiceBox(
            [(Sex.MALE, self.tr("Masculin")), (Sex.FEMALE, self.tr("Féminin"))],
            placeholder=self.tr("M ou F"),
        )
        self.birth_date = DateField()
        self.mobile_phone = QLineEdit()
        self.mobile_phone.setMaxLength(20)
        self.mobile_phone.setPlaceholderText(self.tr("06 12 34 56 78"))
        self.email = QLineEdit()
        self.email.setMaxLength(120)
        self.email.setPlaceholderText(self.tr("facultatif"))
        self.category: ChoiceBox[str] = ChoiceBox([], placeholder=self.tr("choisir"))
        self.category.setMinimumContentsLength(24)
        self.subcategory: ChoiceBox[str] = ChoiceBox([], placeholder=self.tr("choisir"))
        self.subcategory.setMinimumContentsLength(24)
        self.liaison = QLabel()
        self.liaison.setWordWrap(True)
        self.liaison.setObjectName("hint")
        self.liaison.setAccessibleName(self.tr("Organisme de liaison"))

        identity, form = fields.form(self.tr("Identité (formulaire 328-1-01)"))
        fields.row(form, self.tr("&Nom :"), self.last_name, "last_name", step)
        fields.row(form, self.tr("&Prénom :"), self.first_name, "first_name", step)
        fields.row(form, self.tr("Nom en &arabe :"), self.last_name_ar, "last_name_ar", step)
        fields.row(form, self.tr("Prénom en ara&be :"), self.first_name_ar, "first_name_ar", step)
        cin_row = QWidget()
        cin_layout = QHBoxLayout(cin_row)
        cin_layout.setContentsMargins(0, 0, 0, 0)
        cin_layout.addWidget(self.cin, 1)
        cin_layout.addWidget(self.check_button)
        fields.row(form, self.tr("&CIN :"), self.cin, "cin", step, shown=cin_row)
        form.addRow(self.online_result)
        form.addRow(self.duplicate_banner)
        fields.row(
            form,
            self.tr("N° d'&immatriculation :"),
            self.immatriculation,
            "immatriculation",
            step,
        )
        fields.row(form, self.tr("Na&tionalité :"), self.nationality, "nationality", step)
        fields.row(form, self.tr("Se&xe :"), self.sex, "sex", step)
        fields.row(form, self.tr("&Date de naissance :"), self.birth_date, "birth_date", step)

        activity, form = fields.form(self.tr("Contact et activité"))
        fields.row(form, self.tr("Téléphone &mobile :"), self.mobile_phone, "mobile_phone", step)
        fields.row(form, self.tr("&E-mail :"), self.email, "email", step)
        fields.row(form, self.tr("Caté&gorie :"), self.category, "category_code", step)
        fields.row(form, self.tr("&Sous-catégorie :"), self.subcategory, "subcategory_code", step)
        form.addRow(self.liaison)

        _side_by_side(self, identity, activity)


class AddressesStep(QWidget):
    """Step 2: the personal and the professional address."""

    def __init__(self, fields: FieldRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        step = STEP_ADDRESSES
        self.personal = self._address_fields()
        self.professional = self._address_fields()
        self.same_address = QCheckBox(self.tr("&Identique à l'adresse personnelle"))
        self.same_address.setAccessibleName(
            self.tr("Adresse professionnelle identique à l'adresse personnelle")
        )
        personal, form = fields.form(self.tr("Adresse personnelle"))
        captions = {
            "line": self.tr("&Adresse :"),
            "district": self.tr("&Quartier :"),
            "commune": self.tr("C&ommune :"),
            "city": self.tr("&Ville :"),
            "postal_code": self.tr("Code &postal :"),
        }
        for part, caption in captions.items():
            fields.row(form, caption, self.personal[part], f"personal_address.{part}", step)
        professional, form = fields.form(self.tr("Adresse professionnelle"))
        form.addRow(self.same_address)
        captions = {
            "line": self.tr("Adr&esse :"),
            "district": self.tr("Q&uartier :"),
            "commune": self.tr("Co&mmune :"),
            "city": self.tr("Vi&lle :"),
            "postal_code": self.tr("Code pos&tal :"),
        }
        for part, caption in captions.items():
            fields.row(form, caption, self.professional[part], f"professional_address.{part}", step)
        for part in ADDRESS_PARTS:
            # The accessible names say which address: both columns have a "Ville".
            self.personal[part].setAccessibleName(
                self.tr("{field} (personnelle)").format(field=self.personal[part].accessibleName())
            )
            self.professional[part].setAccessibleName(
                self.tr("{field} (professionnelle)").format(
                    field=self.professional[part].accessibleName()
                )
            )
        _side_by_side(self, personal, professional)

    def _address_fields(self) -> dict[str, QLineEdit]:
        fields: dict[str, QLineEdit] = {}
        for part in ADDRESS_PARTS:
            edit = QLineEdit()
            edit.setMaxLength(5 if part == "postal_code" else 200)
            fields[part] = edit
        fields["postal_code"].setPlaceholderText(self.tr("5 chiffres"))
        for part in ("line", "district", "commune"):
            fields[part].setPlaceholderText(self.tr("facultatif"))
        return fields


class NoticeStep(QWidget):
    """Step 5: the law 09-08 notice in French and Arabic, and its acknowledgement."""

    def __init__(self, fields: FieldRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        french = QGroupBox(NOTICE_TITLE_FR)
        french.setObjectName("law_notice_fr")
        french.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        arabic = QGroupBox(NOTICE_TITLE_AR)
        arabic.setObjectName("law_notice_ar")
        arabic.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.notice_fr = QLabel(NOTICE_FR)
        self.notice_fr.setObjectName("law_notice_fr")
        self.notice_ar = QLabel(NOTICE_AR)
        self.notice_ar.setObjectName("law_notice_ar")
        for group, text, alignment in (
            (french, self.notice_fr, Qt.AlignmentFlag.AlignLeft),
            (arabic, self.notice_ar, Qt.AlignmentFlag.AlignRight),
        ):
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setAlignment(
                alignment | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop
            )
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box = QVBoxLayout(group)
            box.addWidget(text)
            box.addStretch(1)
        self.notice_fr.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.notice_ar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.notice_ack = QCheckBox(self.tr("L'assuré a pris &connaissance de la notice"))
        self.notice_ack.setAccessibleName(
            self.tr("L'assuré a pris connaissance de la notice d'information")
        )
        hint = QLabel(
            self.tr(
                "Remettez ou lisez la notice à l'assuré, dans la langue de son choix, avant de "
                "cocher la case : sans elle, l'inscription ne peut pas être enregistrée."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        problem = ProblemLabel()
        fields.add("notice_acknowledged", self.notice_ack, problem, STEP_NOTICE)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        # French on the left and Arabic on the right whatever the screen's direction, as on
        # the bilingual paper form: the holder is left to right, each text in its own.
        holder = QWidget()
        holder.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        texts = QHBoxLayout(holder)
        texts.setContentsMargins(0, 0, 0, 0)
        texts.addWidget(french, 1)
        texts.addWidget(arabic, 1)
        layout.addWidget(holder)
        layout.addWidget(hint)
        layout.addWidget(self.notice_ack)
        layout.addWidget(problem)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(content)


class ReviewStep(QWidget):
    """Step 6: the summary, the problems to correct, the signature."""

    def __init__(self, fields: FieldRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        step = STEP_REVIEW
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(self.tr("Résumé de l'inscription"))
        self.problem_list = QListWidget()
        # A problem reads whole, on as many lines as it takes: never cut at the list's edge.
        self.problem_list.setWordWrap(True)
        self.problem_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_list.setSpacing(2)
        self.problem_list.setAccessibleName(self.tr("Points à corriger"))
        self.no_problem = QLabel(self.tr("Aucun point à corriger."))
        self.signature_place = QLineEdit()
        self.signature_place.setMaxLength(100)
        self.signature_date = DateField()

        summary_box = QGroupBox(self.tr("Résumé"))
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.addWidget(self.summary)
        summary_layout.addStretch(1)
        problems_box = QGroupBox(self.tr("Points à corriger"))
        problems_layout = QVBoxLayout(problems_box)
        problems_caption = QLabel(self.tr("Entrée sur un &point l'ouvre à sa place :"))
        problems_caption.setBuddy(self.problem_list)
        problems_layout.addWidget(problems_caption)
        problems_layout.addWidget(self.problem_list, 1)
        problems_layout.addWidget(self.no_problem)
        signature, form = fields.form(self.tr("Signature du demandeur"))
        fields.row(form, self.tr("&Lieu :"), self.signature_place, "signature_place", step)
        fields.row(form, self.tr("Da&te :"), self.signature_date, "signature_date", step)

        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(summary_box, 1)
        right = QVBoxLayout()
        right.addWidget(signature)
        right.addWidget(problems_box, 1)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(content)
