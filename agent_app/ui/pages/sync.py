"""The sync page: where the counter's deposits stand with the centre ("where is my money?").

Shows the link, what waits to be sent, the last successful sync, a clock far from the
centre's, the latest sealed batches and the items CNSS rejected, each with "Corriger et
renvoyer" (the deposit page, or the enrolment page for an enrolment, takes over in correction
mode). "Synchroniser maintenant" asks
the :class:`SyncRunner` for one forced pass and follows it with a progress bar; the result
is told in plain words, or the failure in the clerk's language. Visible to clerks too.

Never runs SQL or HTTP on the GUI thread: the overview is read on the database worker, the
pass runs on the network worker (see :mod:`agent_app.ui.sync_runner`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app.errors import ERRORS
from agent_app.i18n import Lang
from agent_app.services.status import StatusSnapshot, read_status
from agent_app.services.sync import SyncOverview, sync_overview
from agent_app.ui.context import UiContext
from agent_app.ui.errors import failure_text
from agent_app.ui.i18n import LOCALES
from agent_app.ui.models.claims_table import format_moment
from agent_app.ui.pages.base import Page
from agent_app.ui.rejections import reason_words
from agent_app.ui.sync_runner import SyncRunner
from agent_app.ui.widgets import heading_label, say
from sync.client.engine import SyncProgress, SyncReport

CLOCK_WARNING_SECONDS = 300  # the same threshold as the status bar's warning

# The engine's phases, declared for lupdate: they reach tr() through a variable.
_PHASES: dict[str, str] = {
    "sealing": str(QT_TRANSLATE_NOOP("SyncPage", "Scellement des lots")),
    "uploading": str(QT_TRANSLATE_NOOP("SyncPage", "Envoi des lots")),
    "attachments": str(QT_TRANSLATE_NOOP("SyncPage", "Envoi des pièces scannées")),
    "updates": str(QT_TRANSLATE_NOOP("SyncPage", "Réception des mises à jour de la CNSS")),
    "reference": str(QT_TRANSLATE_NOOP("SyncPage", "Réception des données de référence")),
}
# The share of the bar each phase fills, in the order a pass runs them: uploading is what
# takes the time on a slow link. The bar reaches 100 % only when the last phase is done.
_PHASE_SPANS = {
    "sealing": (0, 10),
    "uploading": (10, 70),
    "attachments": (70, 80),
    "updates": (80, 90),
    "reference": (90, 100),
}


def sync_error_text(code: str, lang: Lang) -> str:
    """The clerk's words for a sync error code (the same catalogue as the CLI's)."""
    key = f"sync.{code}"
    if key in ERRORS:
        try:
            return ERRORS.render(key, lang)
        except KeyError:
            pass  # a message that needs details the code alone does not give
    return QCoreApplication.translate(
        "SyncPage", "La synchronisation a échoué (code {code}) : elle reprendra plus tard."
    ).format(code=code)


def overall_percent(progress: SyncProgress) -> int:
    """Where the whole pass is, from one phase's progress (a phase of unknown size: its start)."""
    start, end = _PHASE_SPANS.get(progress.phase, (0, 0))
    if progress.total <= 0:
        return start
    share = min(progress.done, progress.total) / progress.total
    return start + round((end - start) * share)


class SyncPage(Page):
    """Link state, one button, the latest batches and the rejected items to correct."""

    #: The clerk wants to correct this rejected claim (its receipt number, code, message).
    correction_requested = Signal(str, str, str)
    #: The same for a rejected enrolment (the enrolment page takes over).
    enrolment_correction_requested = Signal(str, str, str)

    def __init__(self, ctx: UiContext, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.runner = runner
        self.overview: SyncOverview | None = None
        self._generation = 0

        heading = heading_label(self.tr("Synchronisation avec la CNSS"))

        self.link_value = QLabel()
        self.pending_value = QLabel()
        self.last_success_value = QLabel()
        self.next_attempt_value = QLabel()
        self.link_value.setWordWrap(True)
        self.link_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pending_value.setWordWrap(True)
        if self.isRightToLeft():
            # A label aligns by its text's own direction: a bare date would sit on the far
            # side of an Arabic form, away from its caption.
            for value in (self.last_success_value, self.next_attempt_value):
                value.setAlignment(
                    Qt.AlignmentFlag.AlignRight
                    | Qt.AlignmentFlag.AlignAbsolute
                    | Qt.AlignmentFlag.AlignVCenter
                )
        state = QGroupBox(self.tr("État"))
        form = QFormLayout(state)
        form.addRow(self.tr("Liaison :"), self.link_value)
        form.addRow(self.tr("En attente d'envoi :"), self.pending_value)
        form.addRow(self.tr("Dernière synchronisation réussie :"), self.last_success_value)
        form.addRow(self.tr("Prochaine tentative automatique :"), self.next_attempt_value)
        self.link_value.setAccessibleName(self.tr("État de la liaison"))
        self.pending_value.setAccessibleName(self.tr("Éléments en attente d'envoi"))

        self.notice = QLabel()  # not activated, or the clock warning
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setAccessibleName(self.tr("Avertissement"))
        self.notice.hide()

        self.sync_button = QPushButton(self.tr("Synchroniser &maintenant"))
        self.sync_button.setAccessibleName(self.tr("Synchroniser maintenant avec la CNSS"))
        self.sync_button.setToolTip(
            self.tr("Scelle tout ce qui attend et l'envoie à la CNSS, puis reçoit ses réponses.")
        )
        self.sync_button.clicked.connect(self.synchronise_now)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Avancement de la synchronisation"))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p %")
        self.progress.hide()
        self.phase_label = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("notice")
        self.result_label.setAccessibleName(self.tr("Résultat de la dernière synchronisation"))
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.batches = self._table(
            [
                self.tr("Scellé le"),
                self.tr("Éléments"),
                self.tr("État"),
                self.tr("Acceptés"),
                self.tr("Rejetés"),
            ]
        )
        self.batches.setAccessibleName(self.tr("Derniers lots"))
        self.batches.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rejected = self._table(
            [
                self.tr("N° de reçu"),
                self.tr("Motif"),
                self.tr("Message de la CNSS"),
                self.tr("Rejeté le"),
                self.tr("Action"),
            ]
        )
        self.rejected.setAccessibleName(self.tr("Dépôts rejetés à corriger"))
        self.rejected.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.rejected.cellActivated.connect(self._rejected_row_activated)
        self.rejected_empty = QLabel()
        self.rejected_empty.setWordWrap(True)

        batches_box = QGroupBox(self.tr("Derniers lots"))
        batches_layout = QVBoxLayout(batches_box)
        batches_layout.addWidget(self.batches)
        rejected_box = QGroupBox(self.tr("Rejetés par la CNSS, à corriger"))
        rejected_layout = QVBoxLayout(rejected_box)
        rejected_layout.addWidget(self.rejected_empty)
        rejected_layout.addWidget(self.rejected, 1)
        lists = QSplitter(Qt.Orientation.Vertical)
        lists.setChildrenCollapsible(False)
        lists.addWidget(rejected_box)
        lists.addWidget(batches_box)
        lists.setStretchFactor(0, 1)
        lists.setStretchFactor(1, 1)

        action_row = QHBoxLayout()
        action_row.addWidget(self.sync_button)
        action_row.addWidget(self.progress, 1)
        action_row.addWidget(self.phase_label)
        action_row.addStretch(0)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(state)
        layout.addWidget(self.notice)
        layout.addLayout(action_row)
        layout.addWidget(self.result_label)
        layout.addWidget(lists, 1)

        runner.started.connect(self._pass_started)
        runner.progressed.connect(self._pass_progressed)
        runner.finished.connect(self._pass_finished)
        runner.failed.connect(self._pass_failed)

    def title(self) -> str:
        return self.tr("Synchronisation")

    def activated(self) -> None:
        self.refresh()
        self.sync_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(False)
        return table

    # --- reading the overview ---------------------------------------------------------------

    def refresh(self) -> None:
        """Read the overview on the database worker, then show it."""
        self._generation += 1
        generation = self._generation
        store = self.ctx.store
        self.ctx.op(lambda: (sync_overview(store), read_status(store))).success(
            lambda found: self._show_overview(generation, *found)
        ).failure(self._show_failure).run()

    def _show_failure(self, error: BaseException) -> None:
        say(self.result_label, failure_text(error, self.ctx.lang), problem=True)

    def _moment(self, moment: dt.datetime | None) -> str:
        if moment is None:
            return ""
        aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
        return format_moment(aware.astimezone(self.ctx.clock().tzinfo))

    def _number(self, count: int) -> str:
        return LOCALES[self.ctx.lang].toString(count)

    def _show_overview(
        self, generation: int, overview: SyncOverview, status: StatusSnapshot
    ) -> None:
        if generation != self._generation:
            return
        self.overview = overview
        if not overview.activated:
            self.link_value.setText(self.tr("non activée"))
        elif overview.last_error and not overview.last_attempt_ok:
            self.link_value.setText(
                self.tr("coupée ({server}) : {reason}").format(
                    server=overview.server_url or "",
                    reason=sync_error_text(overview.last_error, self.ctx.lang),
                )
            )
        else:
            self.link_value.setText(
                self.tr("active ({server})").format(server=overview.server_url or "")
            )
        # Deposits and enrolments, as in the status bar; the audit entries travel with them.
        self.pending_value.setText(
            self.tr(
                "{records} dépôt(s) ou inscription(s) ({items} élément(s) avec le journal)"
            ).format(records=self._number(status.pending), items=self._number(overview.pending))
            if overview.pending
            else self._number(0)
        )
        self.last_success_value.setText(self._moment(overview.last_success_at) or self.tr("jamais"))
        self.next_attempt_value.setText(
            self._moment(overview.next_attempt_at) or self.tr("dès que possible")
        )
        self._show_notice(overview)
        self.sync_button.setEnabled(overview.activated and not self.runner.running)
        self._show_batches(overview)
        self._show_rejected(overview)

    def _show_notice(self, overview: SyncOverview) -> None:
        lines: list[str] = []
        if not overview.activated:
            lines.append(
                self.tr(
                    "Ce poste n'est pas encore activé auprès de la CNSS : les dépôts restent "
                    "enregistrés ici et partiront dès l'activation. Un superviseur l'active une "
                    "fois avec le code remis par la CNSS : « agent-app activate --server "
                    "ADRESSE --code CODE »."
                )
            )
        offset = overview.clock_offset_seconds
        if offset is not None and abs(offset) > CLOCK_WARNING_SECONDS:
            lines.append(
                self.tr(
                    "L'horloge de ce poste est décalée de {minutes} min par rapport à celle "
                    "de la CNSS : faites corriger l'heure du poste."
                ).format(minutes=self._number(round(offset / 60)))
            )
        if lines:
            say(self.notice, "\n".join(lines), problem=True)
            self.notice.show()
        else:
            self.notice.clear()
            self.notice.hide()

    def _batch_state(self, state: str, refused_code: str | None) -> str:
        if state == "sealed":
            return self.tr("scellé, pas encore envoyé")
        if state == "sent":
            return self.tr("envoyé, réponse attendue")
        if state == "acknowledged":
            return self.tr("reçu par la CNSS")
        if state == "refused":
            return self.tr("refusé ({code})").format(code=refused_code or "")
        return state

    def _show_batches(self, overview: SyncOverview) -> None:
        table = self.batches
        table.setRowCount(0)
        for batch in overview.batches:
            row = table.rowCount()
            table.insertRow(row)
            cells = (
                self._moment(batch.sealed_at),
                self._number(batch.item_count),
                self._batch_state(batch.state, batch.refused_code),
                self._number(batch.accepted) if batch.state == "acknowledged" else "",
                self._number(batch.rejected) if batch.state == "acknowledged" else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)

    def _show_rejected(self, overview: SyncOverview) -> None:
        table = self.rejected
        table.setRowCount(0)
        items = list(overview.rejected)
        if items:
            self.rejected_empty.setText(
                self.tr(
                    "{count} élément(s) rejeté(s) : corrigez chaque dépôt d'après le motif, "
                    "la nouvelle version remplace l'ancienne et part au prochain envoi."
                ).format(count=self._number(len(items)))
            )
        else:
            self.rejected_empty.setText(self.tr("Aucun élément rejeté à corriger."))
        for item in items:
            row = table.rowCount()
            table.insertRow(row)
            receipt = QTableWidgetItem(item.receipt_no)
            receipt.setData(Qt.ItemDataRole.UserRole, item.kind)
            table.setItem(row, 0, receipt)
            code, text = item.code or "", item.message or ""
            reason = QTableWidgetItem(reason_words(code))
            reason.setToolTip(code)  # the centre's own code, for a call to its help desk
            table.setItem(row, 1, reason)
            message = QTableWidgetItem(text)
            message.setToolTip(text)
            table.setItem(row, 2, message)
            table.setItem(row, 3, QTableWidgetItem(self._moment(item.at)))
            if item.kind in ("claim", "enrolment"):
                button = QPushButton(self.tr("Corriger et renvoyer"))
                wanted = (
                    self.correction_requested
                    if item.kind == "claim"
                    else self.enrolment_correction_requested
                )
                button.setAccessibleName(
                    (
                        self.tr("Corriger et renvoyer le dépôt {receipt_no}")
                        if item.kind == "claim"
                        else self.tr("Corriger et renvoyer l'inscription {receipt_no}")
                    ).format(receipt_no=item.receipt_no)
                )
                button.clicked.connect(
                    lambda _=False, signal=wanted, r=item.receipt_no, c=code, m=text: signal.emit(
                        r, c, m
                    )
                )
                table.setCellWidget(row, 4, button)
            else:
                table.setItem(row, 4, QTableWidgetItem(item.kind))
        table.resizeRowsToContents()  # a long message of the centre wraps, never clipped

    def correction_buttons(self) -> list[QPushButton]:
        """The "Corriger et renvoyer" buttons, one per rejected item, in table order."""
        found = []
        for row in range(self.rejected.rowCount()):
            widget = self.rejected.cellWidget(row, 4)
            if isinstance(widget, QPushButton):
                found.append(widget)
        return found

    def _rejected_row_activated(self, row: int, _column: int) -> None:
        widget = self.rejected.cellWidget(row, 4)
        if isinstance(widget, QPushButton):
            widget.click()

    # --- a pass ------------------------------------------------------------------------------

    def synchronise_now(self) -> None:
        """One forced pass in the background (Alt+M: Alt+S is the window's Session menu)."""
        if not self.runner.run_now():
            say(self.result_label, self.tr("Une synchronisation est déjà en cours."))

    def _pass_started(self, forced: bool) -> None:
        self.sync_button.setEnabled(False)
        if forced or self.isVisible():
            self.progress.setValue(0)
            self.progress.show()
            self.phase_label.setText(self.tr("Connexion à la CNSS…"))
            say(self.result_label, self.tr("Synchronisation en cours…"))

    def _pass_progressed(self, progress: SyncProgress) -> None:
        self.progress.show()
        # Never backwards: a phase of unknown size reports its start again and again.
        self.progress.setValue(max(self.progress.value(), overall_percent(progress)))
        phase = _PHASES.get(progress.phase)
        self.phase_label.setText(
            QCoreApplication.translate("SyncPage", phase) if phase else progress.phase
        )

    def _pass_finished(self, report: SyncReport) -> None:
        self.phase_label.clear()
        self.sync_button.setEnabled(True)
        say(self.result_label, self.report_text(report), problem=not report.ok)
        self.refresh()

    def _pass_failed(self, error: BaseException) -> None:
        self.phase_label.clear()
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self._show_failure(error)
        self.refresh()

    def report_text(self, report: SyncReport) -> str:
        """The pass's result in plain words, in the clerk's language."""
        n = self._number
        if report.skipped_reason == "not_activated":
            return self.tr("Rien n'a été envoyé : ce poste n'est pas encore activé.")
        if report.skipped_reason == "another_sender":
            return self.tr(
                "Une autre synchronisation est en cours sur ce poste : réessayez dans un instant."
            )
        if report.skipped_reason == "backoff":
            return self.tr(
                "Prochaine tentative automatique le {when} ; « Synchroniser maintenant » "
                "essaie tout de suite."
            ).format(when=self._moment(report.retry_at))
        counts = self.tr(
            "{sent} lot(s) envoyé(s) : {accepted} élément(s) accepté(s), {rejected} rejeté(s), "
            "{duplicates} déjà reçu(s) ; {pending} encore en attente."
        ).format(
            sent=n(report.batches_sent),
            accepted=n(report.accepted),
            rejected=n(report.rejected),
            duplicates=n(report.duplicates),
            pending=n(report.pending),
        )
        if report.ok:
            if report.updates_applied:
                counts += " " + self.tr("{updates} mise(s) à jour reçue(s) de la CNSS.").format(
                    updates=n(report.updates_applied)
                )
            return self.tr("Synchronisation terminée. {counts}").format(counts=counts)
        reason = sync_error_text(report.error or "network", self.ctx.lang)
        retry = (
            " "
            + self.tr("Nouvel essai automatique le {when}.").format(
                when=self._moment(report.retry_at)
            )
            if report.retry_at is not None
            else ""
        )
        return self.tr("Synchronisation interrompue : {reason} {counts}{retry}").format(
            reason=reason, counts=counts, retry=retry
        )
