"""The clerk login dialog, also used as the idle lock screen.

The password check (scrypt, lockout, audit) runs on the database worker; the dialog stays
responsive and shows the service's message in the user's language.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from agent_app.i18n import Lang
from agent_app.services.context import Actor
from agent_app.services.users import authenticate
from agent_app.ui.context import UiContext
from agent_app.ui.errors import describe

log = logging.getLogger(__name__)

LANGUAGE_NAMES: dict[Lang, str] = {"fr": "Français", "ar": "العربية", "en": "English"}


class LoginDialog(QDialog):
    """Asks a user name and password; ``actor`` is set when the login succeeded.

    With ``locked_for`` set it is the lock screen (Ctrl+L or idle): only the locked clerk
    unlocks it, by typing their own password again, and the language cannot change. Nobody
    else, not even a supervisor, unlocks it, and another name is refused before any password
    check (no login, no failed try counted on anyone's account). The session on screen (status
    bar, pages allowed by role, the half-typed form) belongs to the locked clerk, so every
    record made after the unlock is recorded and audited under the name the screen shows.
    Someone else quits and logs in with their own session.
    """

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        locked_for: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.chosen_lang: Lang = ctx.lang
        self._locked_for = locked_for
        self.setWindowTitle(self.tr("Guichet AMO — connexion"))
        self.setModal(True)

        heading = QLabel(
            self.tr("Session verrouillée") if locked_for else self.tr("Connexion au guichet")
        )
        heading.setObjectName("heading")
        point = QLabel(
            self.tr("Point {code} — {name}").format(code=ctx.point_code, name=ctx.point_name)
        )
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Nom d'utilisateur"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Mot de passe"))
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Langue"))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGE_NAMES).index(ctx.lang))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("problem")
        self.message.setAccessibleName(self.tr("Message"))

        form = QFormLayout()
        user_label = QLabel(self.tr("&Utilisateur :"))
        user_label.setBuddy(self.username)
        password_label = QLabel(self.tr("Mot de &passe :"))
        password_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(password_label, self.password)
        if locked_for is None:
            language_label = QLabel(self.tr("&Langue :"))
            language_label.setBuddy(self.language)
            form.addRow(language_label, self.language)
        else:
            self.username.setText(locked_for.username)
            self.language.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Se connecter") if locked_for is None else self.tr("Déverrouiller"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Quitter"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(point)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password if locked_for else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        username = self.username.text()
        password = self.password.text()
        if not username.strip() or not password:
            self.message.setText(
                self.tr("Saisissez votre nom d'utilisateur et votre mot de passe.")
            )
            return
        locked = self._locked_for
        if locked is not None and username.strip() != locked.username:
            # Refused before any password check: no login, no failed try on anyone's account.
            self._refuse_other_user(locked)
            return
        self.buttons.setEnabled(False)
        self.chosen_lang = self.language.currentData() or self.ctx.lang
        store, clock = self.ctx.store, self.ctx.clock
        self.ctx.op(lambda: authenticate(store, username, password, clock=clock)).success(
            self._accepted
        ).failure(self._refused).run()

    def _accepted(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        locked = self._locked_for
        if locked is not None and actor.username != locked.username:
            self._refuse_other_user(locked)
            return
        self.actor = actor
        self.accept()

    def _refuse_other_user(self, locked: Actor) -> None:
        self.password.clear()
        self.username.setText(locked.username)
        self.password.setFocus()
        self.message.setText(
            self.tr(
                "Seul {username} peut déverrouiller. Un autre utilisateur quitte "
                "et se connecte avec sa propre session."
            ).format(username=locked.username)
        )

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        lang = self.language.currentData() or self.ctx.lang
        text, is_bug = describe(error, lang)
        if is_bug:
            log.error("login failed unexpectedly", exc_info=error)
            text = self.tr("Connexion impossible : voir le journal de l'application.")
        self.message.setText(text)
