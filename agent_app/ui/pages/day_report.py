"""The day report: a day's deposits counted, deposits waiting too long for CNSS, closing.

For the chosen day (today by default): deposits by type of care (a bar chart) and by status,
the declared total, the documents, the AMO-TNS enrolments, and whether the day is closed and
by whom. Whatever the day, deposits made more than 24 hours ago that CNSS has not yet
acknowledged are listed as alerts. A supervisor exports the day's deposits to a CSV file and
closes the day. Every read and write runs on the database worker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app.domain.dates import format_date
from agent_app.domain.labels import label, status_label
from agent_app.domain.model import CareType, ClaimStatus, Role
from agent_app.domain.money import format_amount
from agent_app.services.days import DayClosure, close_day, day_closure
from agent_app.services.reports import (
    ACKNOWLEDGEMENT_DELAY,
    DaySummary,
    UnacknowledgedDeposit,
    UnacknowledgedDeposits,
    day_summary,
    export_day_csv,
    unacknowledged_deposits,
)
from agent_app.ui.chart import BarChart
from agent_app.ui.context import UiContext
from agent_app.ui.errors import failure_text
from agent_app.ui.i18n import LOCALES
from agent_app.ui.models.claims_table import format_moment, local_time
from agent_app.ui.pages.base import Page
from agent_app.ui.widgets import heading_label, say

#: The order statuses are listed in: the path of a deposit, then its endings.
STATUS_ORDER = [status.value for status in ClaimStatus]


class DayReportPage(Page):
    """Totals of a day, alerts, CSV export and the supervisor's closing of the day."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.summary: DaySummary | None = None
        self.closure: DayClosure | None = None
        self.alerts: UnacknowledgedDeposits | None = None

        heading = heading_label(self.tr("Journée"))

        today = ctx.clock().date()
        self.day_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.day_edit.setCalendarPopup(True)
        # A date reads DD/MM/YYYY in Arabic too: Qt would mirror its sections right to left.
        self.day_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day_edit.setAccessibleName(self.tr("Jour du rapport"))
        self.day_edit.dateChanged.connect(self._day_changed)
        day_label = QLabel(self.tr("&Jour :"))
        day_label.setBuddy(self.day_edit)
        self.today_button = QPushButton(self.tr("&Aujourd'hui"))
        self.today_button.setAccessibleName(self.tr("Revenir à aujourd'hui"))
        self.today_button.clicked.connect(self.show_today)

        self.export_action = QAction(self.tr("Exporter en CSV… (Ctrl+E)"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_action.triggered.connect(self._choose_export_file)
        self.addAction(self.export_action)
        self.export_button = QPushButton(self.export_action.text())
        self.export_button.setAccessibleName(self.tr("Exporter les dépôts du jour en CSV"))
        self.export_button.clicked.connect(self._choose_export_file)
        self.close_button = QPushButton(self.tr("&Clôturer la journée…"))
        self.close_button.setAccessibleName(self.tr("Clôturer la journée (superviseur)"))
        self.close_button.clicked.connect(self._confirm_close)

        top = QHBoxLayout()
        top.addWidget(day_label)
        top.addWidget(self.day_edit)
        top.addWidget(self.today_button)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.close_button)

        self.closure_label = QLabel()
        self.closure_label.setWordWrap(True)
        self.closure_label.setAccessibleName(self.tr("État de la journée"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("notice")
        self.message.setAccessibleName(self.tr("Message"))

        self.claims_value = QLabel()
        self.total_value = QLabel()
        self.documents_value = QLabel()
        self.voided_value = QLabel()
        self.enrolments_value = QLabel()
        totals = QGroupBox(self.tr("Synthèse"))
        form = QFormLayout(totals)
        form.addRow(self.tr("Dépôts :"), self.claims_value)
        form.addRow(self.tr("Montant déclaré :"), self.total_value)
        form.addRow(self.tr("Documents joints :"), self.documents_value)
        form.addRow(self.tr("Dépôts annulés :"), self.voided_value)
        form.addRow(self.tr("Immatriculations AMO-TNS :"), self.enrolments_value)

        self.chart = BarChart()
        self.chart.setAccessibleName(self.tr("Dépôts par type de soins"))
        care_box = QGroupBox(self.tr("Dépôts par type de soins"))
        QVBoxLayout(care_box).addWidget(self.chart)

        self.status_list = QTreeWidget()
        self.status_list.setAccessibleName(self.tr("Dépôts par statut"))
        self.status_list.setRootIsDecorated(False)
        self.status_list.setHeaderLabels([self.tr("Statut"), self.tr("Dépôts")])
        self.status_list.setColumnWidth(0, 170)
        status_box = QGroupBox(self.tr("Par statut"))
        QVBoxLayout(status_box).addWidget(self.status_list)

        middle = QHBoxLayout()
        middle.addWidget(totals, 3)
        middle.addWidget(care_box, 4)
        middle.addWidget(status_box, 3)

        alerts_box = QGroupBox(
            self.tr("Alertes : dépôts sans accusé de réception de la CNSS après {hours} h").format(
                hours=self._delay_hours()
            )
        )
        self.alerts_label = QLabel()
        self.alerts_label.setWordWrap(True)
        self.alerts_list = QTreeWidget()
        self.alerts_list.setAccessibleName(self.tr("Dépôts en attente d'accusé de réception"))
        self.alerts_list.setRootIsDecorated(False)
        self.alerts_list.setAlternatingRowColors(True)
        self.alerts_list.setHeaderLabels(
            [self.tr("N° de reçu"), self.tr("Déposé le"), self.tr("Attente"), self.tr("Statut")]
        )
        for column, width in enumerate((190, 140, 110)):
            self.alerts_list.setColumnWidth(column, width)
        alerts_layout = QVBoxLayout(alerts_box)
        alerts_layout.addWidget(self.alerts_label)
        alerts_layout.addWidget(self.alerts_list, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(self.closure_label)
        layout.addWidget(self.message)
        layout.addLayout(middle)
        layout.addWidget(alerts_box, 1)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Journée")

    def activated(self) -> None:
        today = self.ctx.clock().date()  # the app may have stayed open past midnight
        self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self._update_actions()
        self.day_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    @property
    def is_supervisor(self) -> bool:
        return self.ctx.actor is not None and self.ctx.actor.role is Role.SUPERVISOR

    @property
    def day(self) -> dt.date:
        chosen: dt.date = self.day_edit.date().toPython()  # type: ignore[assignment]
        return chosen

    def show_today(self) -> None:
        today = self.ctx.clock().date()
        self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day_edit.setDate(QDate(today.year, today.month, today.day))
        self.refresh()

    def _day_changed(self, _date: QDate) -> None:
        self.message.clear()
        self.refresh_day()

    # --- reading -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the chosen day's totals and the alerts again."""
        self.refresh_day()
        self.refresh_alerts()

    def refresh_day(self) -> None:
        store, day = self.ctx.store, self.day
        self.ctx.op(lambda: (day_summary(store, day), day_closure(store, day))).success(
            lambda found: self._day_loaded(day, *found)
        ).failure(self._show_failure).run()

    def refresh_alerts(self) -> None:
        store, now = self.ctx.store, self.ctx.clock()
        self.ctx.op(lambda: unacknowledged_deposits(store, now)).success(
            self._alerts_loaded
        ).failure(self._show_failure).run()

    def _count(self, count: int) -> str:
        return LOCALES[self.ctx.lang].toString(count)

    def _day_loaded(self, day: dt.date, summary: DaySummary, closure: DayClosure | None) -> None:
        if day != self.day:
            return  # the clerk has chosen another day since
        lang = self.ctx.lang
        self.summary, self.closure = summary, closure
        self.claims_value.setText(self._count(summary.claims))
        self.total_value.setText(format_amount(summary.declared_total_centimes, lang))
        self.documents_value.setText(self._count(summary.documents))
        self.voided_value.setText(self._count(summary.voided))
        self.enrolments_value.setText(self._count(summary.enrolments))
        bars = [(label(care, lang), summary.by_care_type.get(care.value, 0)) for care in CareType]
        self.chart.set_bars(
            bars,
            empty_text=self.tr("Aucun dépôt ce jour."),
            count_text={count: self._count(count) for _, count in bars},
        )
        self.status_list.clear()
        ordered = sorted(
            summary.by_status.items(),
            key=lambda item: STATUS_ORDER.index(item[0]) if item[0] in STATUS_ORDER else 99,
        )
        for status, count in ordered:
            item = QTreeWidgetItem([status_label(status, lang), self._count(count)])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.status_list.addTopLevelItem(item)
        self._show_closure()
        self._update_actions()

    def _show_closure(self) -> None:
        day = format_date(self.day)
        closure = self.closure
        if closure is None:
            self.closure_label.setText(
                self.tr("Journée du {day} ouverte : pas encore clôturée.").format(day=day)
            )
            return
        self.closure_label.setText(
            self.tr("Journée du {day} clôturée le {date} à {time} par {user}.").format(
                day=day,
                date=format_date(closure.closed_at.date()),
                time=closure.closed_at.strftime("%H:%M"),
                user=closure.closed_by,
            )
        )

    @staticmethod
    def _delay_hours() -> int:
        return int(ACKNOWLEDGEMENT_DELAY.total_seconds() // 3600)

    def _alerts_loaded(self, alerts: UnacknowledgedDeposits) -> None:
        self.alerts = alerts
        self.alerts_list.clear()
        if alerts.total == 0:
            say(
                self.alerts_label,
                self.tr(
                    "Aucun dépôt n'attend l'accusé de réception de la CNSS depuis plus de "
                    "{hours} h."
                ).format(hours=self._delay_hours()),
            )
            return
        text = self.tr(
            "{count} dépôt(s) de plus de {hours} h sans accusé de réception de la CNSS : "
            "vérifiez la liaison et l'envoi des lots."
        ).format(count=self._count(alerts.total), hours=self._delay_hours())
        if alerts.total > len(alerts.oldest):
            text += " " + self.tr("Les {shown} plus anciens sont listés.").format(
                shown=self._count(len(alerts.oldest))
            )
        say(self.alerts_label, text, problem=True)
        for deposit in alerts.oldest:
            self.alerts_list.addTopLevelItem(self._alert_item(deposit))

    def _alert_item(self, deposit: UnacknowledgedDeposit) -> QTreeWidgetItem:
        return QTreeWidgetItem(
            [
                deposit.receipt_no,
                format_moment(local_time(deposit.created_at, deposit.utc_offset_min)),
                self._age(deposit.age),
                status_label(deposit.status, self.ctx.lang),
            ]
        )

    def _age(self, age: dt.timedelta) -> str:
        hours = int(age.total_seconds() // 3600)
        days, hours = divmod(hours, 24)
        if days:
            return self.tr("{days} j {hours} h").format(days=days, hours=hours)
        minutes = int(age.total_seconds() // 60) % 60
        return self.tr("{hours} h {minutes} min").format(hours=hours, minutes=minutes)

    def _show_failure(self, error: BaseException) -> None:
        say(self.message, failure_text(error, self.ctx.lang), problem=True)

    def _update_actions(self) -> None:
        supervisor = self.is_supervisor
        self.export_button.setVisible(supervisor)
        self.export_action.setEnabled(supervisor)
        self.close_button.setVisible(supervisor)
        self.close_button.setEnabled(supervisor and self.closure is None)

    # --- exporting ---------------------------------------------------------------------

    def _choose_export_file(self) -> None:
        if not self.is_supervisor:
            return
        suggested = Path.home() / f"depots-{self.ctx.point_code or 'guichet'}-{self.day}.csv"
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Exporter les dépôts du {day}").format(day=format_date(self.day)),
            str(suggested),
            self.tr("Fichier CSV (*.csv)"),
        )
        if name:
            path = Path(name)
            self.export_csv(path if path.suffix else path.with_suffix(".csv"))

    def export_csv(self, path: Path) -> None:
        """Write the chosen day's deposits to ``path`` (on the worker), then say so."""
        store, actor, clock, day = (
            self.ctx.store,
            self.ctx.require_actor(),
            self.ctx.clock,
            self.day,
        )
        self.ctx.op(lambda: export_day_csv(store, actor, day, path, clock=clock)).success(
            lambda count: say(
                self.message,
                self.tr("{count} dépôt(s) du {day} exporté(s) dans {path}.").format(
                    count=self._count(count), day=format_date(day), path=str(path)
                ),
            )
        ).failure(self._show_failure).run()

    # --- closing -----------------------------------------------------------------------

    def _confirm_close(self) -> None:
        if not self.is_supervisor or self.summary is None:
            return
        summary = self.summary
        answer = QMessageBox.question(
            self,
            self.tr("Clôturer la journée"),
            self.tr(
                "Clôturer la journée du {day} ? {claims} dépôt(s) pour {total}. "
                "La clôture est définitive."
            ).format(
                day=format_date(summary.day),
                claims=self._count(summary.claims),
                total=format_amount(summary.declared_total_centimes, self.ctx.lang),
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.close_selected_day()

    def close_selected_day(self) -> None:
        """Close the chosen day (supervisor); the service refuses anyone else."""
        store, actor, clock, day = (
            self.ctx.store,
            self.ctx.require_actor(),
            self.ctx.clock,
            self.day,
        )
        self.close_button.setEnabled(False)

        def closed(closure: DayClosure) -> None:
            say(self.message, self.tr("Journée du {day} clôturée.").format(day=format_date(day)))
            if day == self.day:
                self.closure = closure
                self._show_closure()
            self.refresh_day()

        def refused(error: BaseException) -> None:
            self._update_actions()
            self._show_failure(error)

        self.ctx.op(lambda: close_day(store, actor, day, clock)).success(closed).failure(
            refused
        ).run()
