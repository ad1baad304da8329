"""The dialog that asks a reason for each warning before a deposit is saved anyway.

A warning (late deposit, odd CIN shape, likely duplicate…) does not block a deposit, but the
clerk must say why it is accepted: the reason is stored with the record and travels to the
centre. This dialog lists each warning's message in the clerk's language with a reason field
beside it; its OK button stays disabled until every reason is filled in. A likely duplicate
shows the earlier receipt number large, so the clerk can compare it with the insured's copy.
Owns no saving: the caller saves again with :meth:`ConfirmWarningsDialog.confirmations`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_app.domain.problems import Problem
from agent_app.i18n import Lang
from agent_app.ui.widgets import WARNING_COLOUR

DUPLICATE_CODES = frozenset({"claim.likely_duplicate", "enrolment.likely_duplicate"})


class ConfirmWarningsDialog(QDialog):
    """One reason per warning; ``confirmations()`` maps each warning's code to its reason."""

    def __init__(
        self,
        warnings: Sequence[Problem],
        lang: Lang,
        parent: QWidget | None = None,
        *,
        reasons: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirmer les avertissements"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.reason_edits: dict[str, QLineEdit] = {}
        self.duplicate_label: QLabel | None = None
        earlier = reasons or {}

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Le dépôt peut être enregistré, mais chaque point ci-dessous demande une "
                "confirmation. Indiquez le motif : il est conservé avec le dépôt et transmis "
                "à la CNSS."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        # One reason per code: the service confirms warnings by code.
        seen: set[str] = set()
        for problem in warnings:
            if problem.code in seen:
                continue
            seen.add(problem.code)
            layout.addWidget(self._separator())
            if problem.code in DUPLICATE_CODES:
                layout.addWidget(self._duplicate_banner(problem))
            message = QLabel("⚠ " + problem.message(lang))
            message.setWordWrap(True)
            message.setStyleSheet(f"color: {WARNING_COLOUR};")
            layout.addWidget(message)
            reason_label = QLabel(self.tr("Motif :"))
            edit = QLineEdit(earlier.get(problem.code, ""))
            edit.setMaxLength(200)
            edit.setPlaceholderText(self.tr("Pourquoi le dépôt est accepté malgré ce point"))
            edit.setAccessibleName(
                self.tr("Motif : {warning}").format(warning=problem.message(lang))
            )
            edit.textChanged.connect(self._update_ok)
            reason_label.setBuddy(edit)
            layout.addWidget(reason_label)
            layout.addWidget(edit)
            self.reason_edits[problem.code] = edit

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button.setText(self.tr("Enregistrer avec ces motifs"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Revenir au formulaire"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_ok()
        first = next(iter(self.reason_edits.values()), None)
        if first is not None:
            first.setFocus()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def confirmations(self) -> dict[str, str]:
        return {code: edit.text().strip() for code, edit in self.reason_edits.items()}

    def accept(self) -> None:
        if self.ok_button.isEnabled():  # Enter in a field must not bypass a missing reason
            super().accept()

    def _update_ok(self) -> None:
        complete = all(edit.text().strip() for edit in self.reason_edits.values())
        self.ok_button.setEnabled(complete)

    def _duplicate_banner(self, problem: Problem) -> QLabel:
        receipt_no = problem.params.get("receipt_no", "")
        banner = QLabel(
            self.tr("Déjà déposé sous le reçu {receipt_no}").format(receipt_no=receipt_no)
        )
        font = QFont(banner.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        banner.setFont(font)
        banner.setWordWrap(True)
        banner.setObjectName("duplicate_receipt")
        banner.setAccessibleName(banner.text())
        self.duplicate_label = banner
        return banner

    def _separator(self) -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line
