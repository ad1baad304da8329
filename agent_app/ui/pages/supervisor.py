"""The supervisor's page: the point's users and the parameters a supervisor may change.

Users: the list (role, locked or not) and a form to add one, the password typed twice.
Parameters: login lockout, idle lock of the window, and the claim rules' overrides (deposit
deadline, continuous-treatment deadline, amount ceiling shown in dirhams). Every change goes
through :mod:`agent_app.services.settings`, which keeps the bounds, refuses a clerk and
writes one ``settings.change`` audit entry per changed value. Voiding a deposit is on the
lookup page, where the deposit is found and its history seen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app.domain.labels import label
from agent_app.domain.messages import MESSAGES
from agent_app.domain.model import Role
from agent_app.domain.money import AmountError, format_amount, parse_amount
from agent_app.errors import AppError
from agent_app.security.passwords import MIN_PASSWORD
from agent_app.services.settings import (
    AMOUNT_CEILING_CENTIMES,
    CONTINUOUS_TREATMENT_DEADLINE_DAYS,
    DEPOSIT_DEADLINE_MONTHS,
    IDLE_LOCK_MINUTES,
    LOCKOUT_MINUTES,
    MAX_FAILURES,
    SettingChange,
    SettingSpec,
    change_settings,
    read_settings,
)
from agent_app.services.users import UserInfo, add_user, list_users
from agent_app.ui.context import UiContext
from agent_app.ui.errors import failure_text
from agent_app.ui.pages.base import Page
from agent_app.ui.widgets import heading_label, say


class SupervisorPage(Page):
    """Users and parameters of the point (supervisors only)."""

    supervisor_only = True

    #: Parameters were saved; the argument maps every editable key to its value in force
    #: (the main window applies ``ui.idle_lock_minutes`` to its idle lock at once).
    settings_changed = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.users: list[UserInfo] = []
        self.values: dict[str, int] = {}

        heading = heading_label(self.tr("Supervision"))
        body = QHBoxLayout()
        body.addWidget(self._build_users(), 1)
        body.addWidget(self._build_settings(), 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(body, 1)

    def title(self) -> str:
        return self.tr("Supervision")

    def activated(self) -> None:
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    def refresh(self) -> None:
        """Read the users and the parameters again (on the worker)."""
        store = self.ctx.store
        self.ctx.op(lambda: (list_users(store), read_settings(store))).success(
            lambda found: self._loaded(*found)
        ).failure(lambda error: say(self.user_message, self._failure(error), problem=True)).run()

    def _loaded(self, users: list[UserInfo], values: dict[str, int]) -> None:
        self._show_users(users)
        self._show_settings(values)

    def _failure(self, error: BaseException) -> str:
        return failure_text(error, self.ctx.lang)

    # --- users -------------------------------------------------------------------------

    def _build_users(self) -> QGroupBox:
        box = QGroupBox(self.tr("Utilisateurs"))
        self.users_list = QTreeWidget()
        self.users_list.setAccessibleName(self.tr("Utilisateurs du point"))
        self.users_list.setRootIsDecorated(False)
        self.users_list.setAlternatingRowColors(True)
        self.users_list.setHeaderLabels(
            [self.tr("Identifiant"), self.tr("Nom"), self.tr("Rôle"), self.tr("État")]
        )
        for column, width in enumerate((110, 150, 95)):
            self.users_list.setColumnWidth(column, width)

        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Identifiant du nouvel utilisateur"))
        self.username.setPlaceholderText(self.tr("ex. : fatima.alaoui"))
        self.username.setMaxLength(32)
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName(self.tr("Nom affiché du nouvel utilisateur"))
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Rôle du nouvel utilisateur"))
        for role in (Role.CLERK, Role.SUPERVISOR):
            self.role.addItem(label(role, self.ctx.lang), role.value)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Mot de passe du nouvel utilisateur"))
        self.password.setPlaceholderText(
            self.tr("{count} caractères au moins").format(count=MIN_PASSWORD)
        )
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again.setAccessibleName(self.tr("Mot de passe, une seconde fois"))
        self.password_again.returnPressed.connect(self.add_user)
        self.add_button = QPushButton(self.tr("A&jouter l'utilisateur"))
        self.add_button.clicked.connect(self.add_user)
        self.user_message = QLabel()
        self.user_message.setWordWrap(True)
        self.user_message.setAccessibleName(self.tr("Message sur les utilisateurs"))

        form = QFormLayout()
        self._add_row(form, self.tr("&Identifiant :"), self.username)
        self._add_row(form, self.tr("&Nom affiché :"), self.display_name)
        self._add_row(form, self.tr("&Rôle :"), self.role)
        self._add_row(form, self.tr("Mot de &passe :"), self.password)
        self._add_row(form, self.tr("Con&firmation :"), self.password_again)

        add_box = QGroupBox(self.tr("Nouvel utilisateur"))
        add_layout = QVBoxLayout(add_box)
        add_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        add_layout.addLayout(buttons)

        layout = QVBoxLayout(box)
        layout.addWidget(self.users_list, 1)
        layout.addWidget(add_box)
        layout.addWidget(self.user_message)
        return box

    @staticmethod
    def _add_row(form: QFormLayout, text: str, field: QWidget) -> None:
        caption = QLabel(text)
        caption.setBuddy(field)
        form.addRow(caption, field)

    def _show_users(self, users: list[UserInfo]) -> None:
        self.users = users
        self.users_list.clear()
        now = self.ctx.clock()
        stored_now = now.astimezone(dt.UTC).replace(tzinfo=None)
        for user in users:
            if not user.active:
                state = self.tr("désactivé")
            elif user.locked_until is not None and user.locked_until > stored_now:
                until = user.locked_until.replace(tzinfo=dt.UTC).astimezone(now.tzinfo)
                state = self.tr("verrouillé jusqu'à {time}").format(time=until.strftime("%H:%M"))
            else:
                state = self.tr("actif")
            self.users_list.addTopLevelItem(
                QTreeWidgetItem(
                    [user.username, user.display_name, label(user.role, self.ctx.lang), state]
                )
            )

    def add_user(self) -> None:
        """Create the user of the form (on the worker); problems are said under the form."""
        username = self.username.text().strip()
        display_name = self.display_name.text()
        password = self.password.text()
        if password != self.password_again.text():
            say(
                self.user_message,
                AppError("user.password_mismatch").message(self.ctx.lang),
                problem=True,
            )
            self.password_again.clear()
            self.password_again.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        role = Role(self.role.currentData())
        store, actor, clock = self.ctx.store, self.ctx.require_actor(), self.ctx.clock
        self.add_button.setEnabled(False)

        def added(user: UserInfo) -> None:
            self.add_button.setEnabled(True)
            for field in (self.username, self.display_name, self.password, self.password_again):
                field.clear()
            say(
                self.user_message,
                self.tr("Utilisateur {username} ajouté ({role}).").format(
                    username=user.username, role=label(user.role, self.ctx.lang)
                ),
            )
            self.username.setFocus(Qt.FocusReason.OtherFocusReason)
            self.refresh()

        def refused(error: BaseException) -> None:
            self.add_button.setEnabled(True)
            self.password.clear()
            self.password_again.clear()
            say(self.user_message, self._failure(error), problem=True)

        self.ctx.op(
            lambda: add_user(store, actor, username, password, role, display_name, clock=clock)
        ).success(added).failure(refused).run()

    # --- parameters --------------------------------------------------------------------

    def _spin(self, spec: SettingSpec, suffix: str, accessible: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(spec.minimum, spec.maximum)
        spin.setSuffix(suffix)
        spin.setAccessibleName(accessible)
        return spin

    def _build_settings(self) -> QGroupBox:
        box = QGroupBox(self.tr("Réglages du point"))
        minutes = self.tr(" min")
        self.max_failures = self._spin(
            MAX_FAILURES, "", self.tr("Échecs de connexion avant verrouillage du compte")
        )
        self.lockout_minutes = self._spin(
            LOCKOUT_MINUTES, minutes, self.tr("Durée du verrouillage du compte, en minutes")
        )
        self.idle_lock_minutes = self._spin(
            IDLE_LOCK_MINUTES, minutes, self.tr("Verrouillage de l'écran après inactivité")
        )
        self.deposit_deadline_months = self._spin(
            DEPOSIT_DEADLINE_MONTHS,
            self.tr(" mois"),
            self.tr("Délai de dépôt après le premier acte, en mois"),
        )
        self.continuous_deadline_days = self._spin(
            CONTINUOUS_TREATMENT_DEADLINE_DAYS,
            self.tr(" jours"),
            self.tr("Délai de dépôt après la fin d'un traitement continu, en jours"),
        )
        self.amount_ceiling = QLineEdit()
        self.amount_ceiling.setAccessibleName(self.tr("Montant maximal d'un dépôt, en dirhams"))
        self._spins = {
            MAX_FAILURES.key: self.max_failures,
            LOCKOUT_MINUTES.key: self.lockout_minutes,
            IDLE_LOCK_MINUTES.key: self.idle_lock_minutes,
            DEPOSIT_DEADLINE_MONTHS.key: self.deposit_deadline_months,
            CONTINUOUS_TREATMENT_DEADLINE_DAYS.key: self.continuous_deadline_days,
        }

        login = QFormLayout()
        self._add_row(
            login, self.tr("Échecs de connexion avant &verrouillage :"), self.max_failures
        )
        self._add_row(login, self.tr("Durée du verrouillage du &compte :"), self.lockout_minutes)
        self._add_row(
            login, self.tr("Verrouil&lage de l'écran après inactivité :"), self.idle_lock_minutes
        )
        login_box = QGroupBox(self.tr("Connexion et session"))
        login_box.setLayout(login)

        rules = QFormLayout()
        self._add_row(
            rules, self.tr("Délai de dépôt après le premier &acte :"), self.deposit_deadline_months
        )
        self._add_row(
            rules,
            self.tr("Délai après la fin d'un &traitement continu :"),
            self.continuous_deadline_days,
        )
        self._add_row(rules, self.tr("Montant &maximal d'un dépôt :"), self.amount_ceiling)
        rules_box = QGroupBox(self.tr("Règles des dépôts"))
        rules_note = QLabel(
            self.tr(
                "Ces règles remplacent les valeurs par défaut jusqu'à ce que la CNSS en "
                "publie d'autres."
            )
        )
        rules_note.setWordWrap(True)
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.addLayout(rules)
        rules_layout.addWidget(rules_note)

        self.save_action = QAction(self.tr("Enregistrer les réglages (Ctrl+S)"), self)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save_settings)
        self.addAction(self.save_action)
        self.save_button = QPushButton(self.save_action.text())
        self.save_button.setAccessibleName(self.tr("Enregistrer les réglages"))
        self.save_button.clicked.connect(self.save_settings)
        self.settings_message = QLabel()
        self.settings_message.setWordWrap(True)
        self.settings_message.setAccessibleName(self.tr("Message sur les réglages"))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(box)
        layout.addWidget(login_box)
        layout.addWidget(rules_box)
        layout.addLayout(buttons)
        layout.addWidget(self.settings_message)
        layout.addStretch(1)
        return box

    def _show_settings(self, values: dict[str, int]) -> None:
        self.values = dict(values)
        for key, spin in self._spins.items():
            spin.setValue(values[key])
        self.amount_ceiling.setText(
            format_amount(values[AMOUNT_CEILING_CENTIMES.key], self.ctx.lang)
        )

    def _entered_values(self) -> dict[str, int] | None:
        """The values of the form, or None after saying why the ceiling cannot be read."""
        entered = {key: spin.value() for key, spin in self._spins.items()}
        lang = self.ctx.lang
        try:
            ceiling = parse_amount(self.amount_ceiling.text())
        except AmountError as exc:
            say(self.settings_message, MESSAGES.render(exc.code, lang), problem=True)
            return None
        spec = AMOUNT_CEILING_CENTIMES
        if not spec.minimum <= ceiling <= spec.maximum:
            say(
                self.settings_message,
                self.tr("Le montant maximal doit être compris entre {min} et {max}.").format(
                    min=format_amount(spec.minimum, lang), max=format_amount(spec.maximum, lang)
                ),
                problem=True,
            )
            return None
        entered[spec.key] = ceiling
        return entered

    def save_settings(self) -> None:
        """Write the parameters that changed (on the worker) and say how many."""
        entered = self._entered_values()
        if entered is None:
            return
        changes = {key: value for key, value in entered.items() if value != self.values.get(key)}
        if not changes:
            say(self.settings_message, self.tr("Aucun réglage n'a changé."))
            return
        store, actor, clock = self.ctx.store, self.ctx.require_actor(), self.ctx.clock
        self.save_button.setEnabled(False)

        def saved(done: list[SettingChange]) -> None:
            self.save_button.setEnabled(True)
            for change in done:
                self.values[change.key] = change.new
            self._show_settings(self.values)
            say(
                self.settings_message,
                self.tr("Réglages enregistrés : {count} modification(s).").format(count=len(done)),
            )
            self.settings_changed.emit(dict(self.values))

        def refused(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            say(self.settings_message, self._failure(error), problem=True)

        self.ctx.op(lambda: change_settings(store, actor, changes, clock=clock)).success(
            saved
        ).failure(refused).run()
