"""The lookup page: find a deposit by receipt, immatriculation, CIN or name; follow it.

One search box (its shape says what it is, see :mod:`agent_app.services.lookup`); an empty
search lists every deposit, newest first, through the lazy :class:`ClaimsTableModel`, so a
clerk can scroll a million of them. Selecting a deposit shows its status timeline. From
here the clerk asks for a reprint of the receipt (the main window does the printing) and a
supervisor voids a deposit with a reason. CNSS's updates (accepted, rejected with its reason,
paper received, in review, reimbursed with the amount and payment date, returned with the
reason) are in the timeline and summed up beside the status, so the clerk can answer "where is
my money?". No SQL runs on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agent_app.domain.dates import format_date
from agent_app.domain.labels import status_label
from agent_app.domain.model import ClaimStatus, Role
from agent_app.domain.money import format_amount
from agent_app.services.claims import LEFT_THE_COUNTER, void_claim
from agent_app.services.lookup import ClaimEvent, ClaimRow, claim_events, claim_rows_by_ids
from agent_app.ui.context import UiContext
from agent_app.ui.errors import failure_text
from agent_app.ui.i18n import LOCALES
from agent_app.ui.models.claims_table import (
    ClaimsTableModel,
    Column,
    care_type_words,
    format_moment,
    local_time,
)
from agent_app.ui.pages.base import Page
from agent_app.ui.rejections import reason_words
from agent_app.ui.widgets import heading_label, say

log = logging.getLogger(__name__)

_COLUMN_WIDTHS = {
    Column.RECEIPT: 160,
    Column.DEPOSITED: 115,
    Column.IMMATRICULATION: 115,
    Column.CARE_TYPE: 105,
    Column.AMOUNT: 118,
    Column.DOCUMENTS: 55,
    Column.STATUS: 100,
}
# The names take what is left, so every column shows without scrolling sideways.
_STRETCHED = (Column.INSURED, Column.BENEFICIARY)


class LookupPage(Page):
    """Search box, results table, the selected deposit's timeline and actions."""

    #: The clerk asks for a copy of this receipt (the receipt number).
    reprint_requested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.selected: ClaimRow | None = None
        self.events: list[ClaimEvent] = []
        self._detail_generation = 0
        self._searched_once = False
        self._shown_query: str | None = None

        heading = heading_label(self.tr("Recherche"))

        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(
            self.tr("N° de reçu, immatriculation, CIN ou nom — vide : tous les dépôts")
        )
        self.search_box.setAccessibleName(self.tr("Recherche d'un dépôt"))
        self.search_box.returnPressed.connect(self.search)
        search_label = QLabel(self.tr("&Rechercher (Ctrl+F) :"))
        search_label.setBuddy(self.search_box)
        self.search_button = QPushButton(self.tr("Chercher (Entrée)"))
        self.search_button.setAccessibleName(self.tr("Lancer la recherche"))
        self.search_button.clicked.connect(self.search)
        focus_search = QAction(self)
        focus_search.setShortcut(QKeySequence("Ctrl+F"))
        focus_search.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus_search.triggered.connect(self._focus_search)
        self.addAction(focus_search)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Nombre de dépôts trouvés"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("notice")
        self.message.setAccessibleName(self.tr("Message"))

        self.model = ClaimsTableModel(ctx, self)
        self.model.search_finished.connect(self._search_finished)
        self.model.load_failed.connect(self._show_failure)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Dépôts trouvés"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # No row numbers, and fixed heights: a million rows must never be measured.
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        for column, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        for column in _STRETCHED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._row_activated)

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.search_button)

        self.detail = self._build_detail()
        # Table above, the selected deposit below: every column stays visible at 1024 px.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(search_row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.search_box, self.search_button)
        self.setTabOrder(self.search_button, self.table)
        self.setTabOrder(self.table, self.timeline)
        self.setTabOrder(self.timeline, self.reprint_button)
        self.setTabOrder(self.reprint_button, self.void_button)
        self._show_claim(None)

    def _build_detail(self) -> QGroupBox:
        box = QGroupBox(self.tr("Dépôt sélectionné"))
        self.detail_receipt = QLabel()
        bold = self.detail_receipt.font()
        bold.setBold(True)
        self.detail_receipt.setFont(bold)
        self.detail_receipt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_deposited = QLabel()
        self.detail_insured = QLabel()
        self.detail_beneficiary = QLabel()
        self.detail_care = QLabel()
        self.detail_amount = QLabel()
        self.detail_status = QLabel()
        for value in (
            self.detail_deposited,
            self.detail_insured,
            self.detail_beneficiary,
            self.detail_care,
            self.detail_amount,
            self.detail_status,
        ):
            value.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Déposé le :"), self.detail_deposited)
        form.addRow(self.tr("Assuré :"), self.detail_insured)
        form.addRow(self.tr("Bénéficiaire :"), self.detail_beneficiary)
        form.addRow(self.tr("Soins :"), self.detail_care)
        form.addRow(self.tr("Montant déclaré :"), self.detail_amount)
        form.addRow(self.tr("Statut :"), self.detail_status)

        self.timeline = QTreeWidget()
        self.timeline.setAccessibleName(self.tr("Historique des statuts du dépôt"))
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setHeaderLabels(
            [
                self.tr("Date et heure"),
                self.tr("Statut"),
                self.tr("Détail"),
                self.tr("Montant"),
                self.tr("Source"),
            ]
        )
        for column, width in enumerate((120, 100, 190, 100)):
            self.timeline.setColumnWidth(column, width)

        self.reprint_action = QAction(self.tr("Réimprimer le reçu (Ctrl+P)"), self)
        self.reprint_action.setShortcut(QKeySequence("Ctrl+P"))
        self.reprint_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reprint_action.triggered.connect(self.request_reprint)
        self.addAction(self.reprint_action)
        self.reprint_button = QPushButton(self.reprint_action.text())
        self.reprint_button.setAccessibleName(self.tr("Réimprimer le reçu du dépôt sélectionné"))
        self.reprint_button.clicked.connect(self.request_reprint)

        self.void_button = QPushButton(self.tr("&Annuler le dépôt…"))
        self.void_button.setAccessibleName(self.tr("Annuler le dépôt sélectionné (superviseur)"))
        self.void_button.clicked.connect(self._ask_void_reason)

        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)

        summary = QVBoxLayout()
        summary.addWidget(self.detail_receipt)
        summary.addLayout(form)
        summary.addStretch(1)
        summary.addLayout(buttons)
        history = QLabel(self.tr("&Historique :"))
        history.setBuddy(self.timeline)
        timeline = QVBoxLayout()
        timeline.addWidget(history)
        timeline.addWidget(self.timeline, 1)
        layout = QHBoxLayout(box)
        layout.addLayout(summary, 2)
        layout.addLayout(timeline, 3)
        return box

    def title(self) -> str:
        return self.tr("Recherche")

    def activated(self) -> None:
        """Refresh the results (a deposit may have been recorded since) and focus the box."""
        self._update_actions()
        self._focus_search()
        if self._searched_once:
            self.model.search(self.model.query)
        else:
            self.search()

    def _focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    @property
    def is_supervisor(self) -> bool:
        return self.ctx.actor is not None and self.ctx.actor.role is Role.SUPERVISOR

    # --- searching ---------------------------------------------------------------------

    def search(self) -> None:
        """Search what is in the box (every deposit when it is empty)."""
        self._searched_once = True
        self.message.clear()
        self.count_label.setText(self.tr("Recherche en cours…"))
        self.model.search(self.search_box.text().strip())

    def _search_finished(self, count: int) -> None:
        query = self.model.query
        number = LOCALES[self.ctx.lang].toString(count)
        if count == 0 and query:
            text = self.tr("Aucun dépôt ne correspond à « {query} ».").format(query=query)
        elif count == 0:
            text = self.tr("Aucun dépôt enregistré pour l'instant.")
        elif query:
            text = self.tr("{count} dépôt(s) pour « {query} », du plus récent au plus ancien.")
            text = text.format(count=number, query=query)
        else:
            text = self.tr("Tous les dépôts : {count}, du plus récent au plus ancien.").format(
                count=number
            )
        self.count_label.setText(text)
        if query != self._shown_query:
            # A new search: what was shown below belongs to the old one. A refresh of the
            # same search keeps it.
            self._shown_query = query
            self._detail_generation += 1
            self.events = []
            self._show_claim(None)
        if count == 1:
            self.table.selectRow(0)

    def _show_failure(self, error: BaseException) -> None:
        self.count_label.clear()
        say(self.message, failure_text(error, self.ctx.lang), problem=True)

    # --- the selected deposit ----------------------------------------------------------

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        if not rows:
            return
        self.load_claim(self.model.claim_id(min(rows)))

    def _row_activated(self, index: QModelIndex) -> None:
        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)

    def load_claim(self, claim_id: int) -> None:
        """Read the deposit and its history on the worker, then show them."""
        self._detail_generation += 1
        generation = self._detail_generation
        store = self.ctx.store

        def read() -> tuple[ClaimRow | None, list[ClaimEvent]]:
            rows = claim_rows_by_ids(store, [claim_id])
            return (rows[0] if rows else None), claim_events(store, claim_id)

        self.ctx.op(read).success(lambda found: self._claim_loaded(generation, *found)).failure(
            self._show_failure
        ).run()

    def _claim_loaded(
        self, generation: int, claim: ClaimRow | None, events: list[ClaimEvent]
    ) -> None:
        if generation != self._detail_generation:
            return
        self.events = events if claim is not None else []
        self._show_claim(claim)

    def _show_claim(self, claim: ClaimRow | None) -> None:
        self.selected = claim
        self.timeline.clear()
        values = (
            self.detail_deposited,
            self.detail_insured,
            self.detail_beneficiary,
            self.detail_care,
            self.detail_amount,
            self.detail_status,
        )
        if claim is None:
            self.detail_receipt.setText(self.tr("Choisissez un dépôt dans la liste."))
            for value in values:
                value.clear()
            self._update_actions()
            return
        lang = self.ctx.lang
        self.detail_receipt.setText(
            self.tr("Reçu {receipt_no}").format(receipt_no=claim.receipt_no)
        )
        self.detail_deposited.setText(
            format_moment(local_time(claim.created_at, claim.utc_offset_min))
        )
        self.detail_insured.setText(
            self.tr("{name} — immatriculation {immatriculation}").format(
                name=claim.insured_name, immatriculation=claim.insured_immatriculation
            )
        )
        self.detail_beneficiary.setText(claim.beneficiary_name)
        self.detail_care.setText(
            self.tr("{care_type}, {documents} document(s)").format(
                care_type=care_type_words(claim.care_type, lang), documents=claim.document_count
            )
        )
        self.detail_amount.setText(format_amount(claim.declared_amount_centimes, lang))
        self.detail_status.setText(self._status_words(claim, self.events))
        for event in self.events:
            self.timeline.addTopLevelItem(self._event_item(event))
        self._update_actions()

    def _status_words(self, claim: ClaimRow, events: list[ClaimEvent]) -> str:
        """The status, and for a reimbursement how much and when: "where is my money?"."""
        words = status_label(claim.status, self.ctx.lang)
        latest = next((e for e in reversed(events) if e.status == claim.status), None)
        if latest is None or latest.source != "cnss":
            return words
        if claim.status == ClaimStatus.REIMBURSED and latest.amount_centimes is not None:
            amount = format_amount(latest.amount_centimes, self.ctx.lang)
            if latest.effective_date is not None:
                return self.tr("{status} : {amount}, payé le {date}").format(
                    status=words, amount=amount, date=format_date(latest.effective_date)
                )
            return self.tr("{status} : {amount}").format(status=words, amount=amount)
        reason = " — ".join(part for part in (reason_words(latest.code), latest.detail) if part)
        if reason:
            return self.tr("{status} : {reason}").format(status=words, reason=reason)
        return words

    def _event_item(self, event: ClaimEvent) -> QTreeWidgetItem:
        zone = self.ctx.clock().tzinfo
        when = event.at.replace(tzinfo=dt.UTC).astimezone(zone)
        # CNSS's codes in the clerk's words; the counter's own events carry no code.
        code = reason_words(event.code) if event.source == "cnss" else event.code
        details = [part for part in (code, event.detail) if part]
        if event.effective_date is not None and event.status == ClaimStatus.REIMBURSED:
            details.append(self.tr("payé le {date}").format(date=format_date(event.effective_date)))
        elif event.effective_date is not None:
            details.append(self.tr("le {date}").format(date=format_date(event.effective_date)))
        if event.source == "cnss":
            source = self.tr("CNSS")
        elif event.actor:
            source = self.tr("guichet ({user})").format(user=event.actor)
        else:
            source = self.tr("guichet")
        amount = (
            format_amount(event.amount_centimes, self.ctx.lang)
            if event.amount_centimes is not None
            else ""
        )
        item = QTreeWidgetItem(
            [
                format_moment(when),
                status_label(event.status, self.ctx.lang),
                " — ".join(details),
                amount,
                source,
            ]
        )
        item.setToolTip(2, " — ".join(details))
        item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _update_actions(self) -> None:
        claim = self.selected
        self.reprint_action.setEnabled(claim is not None)
        self.reprint_button.setEnabled(claim is not None)
        self.void_button.setVisible(self.is_supervisor)
        voidable = (
            claim is not None
            and claim.status not in LEFT_THE_COUNTER
            and claim.status not in (ClaimStatus.VOIDED, ClaimStatus.SUPERSEDED)
        )
        self.void_button.setEnabled(self.is_supervisor and voidable)
        self.void_button.setToolTip(
            ""
            if voidable or claim is None
            else self.tr("Seul un dépôt pas encore envoyé à la CNSS peut être annulé ici.")
        )

    # --- actions -----------------------------------------------------------------------

    def request_reprint(self) -> None:
        """Ask the main window for a copy of the selected deposit's receipt."""
        if self.selected is not None:
            self.reprint_requested.emit(self.selected.receipt_no)

    def _ask_void_reason(self) -> None:
        claim = self.selected
        if claim is None or not self.is_supervisor:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Annuler le dépôt"),
            self.tr(
                "Motif de l'annulation du dépôt {receipt_no} (le dépôt et son historique "
                "restent enregistrés) :"
            ).format(receipt_no=claim.receipt_no),
        )
        if ok:
            self.void_selected(reason)

    def void_selected(self, reason: str) -> None:
        """Void the selected deposit with ``reason`` (supervisor), then show it again."""
        claim = self.selected
        if claim is None:
            return
        store, actor, clock = self.ctx.store, self.ctx.require_actor(), self.ctx.clock
        receipt_no, claim_id = claim.receipt_no, claim.id
        self.void_button.setEnabled(False)

        def voided(_: None) -> None:
            say(self.message, self.tr("Dépôt {receipt_no} annulé.").format(receipt_no=receipt_no))
            self.model.invalidate()
            self.load_claim(claim_id)

        def refused(error: BaseException) -> None:
            self._update_actions()
            self._show_failure(error)

        self.ctx.op(lambda: void_claim(store, actor, receipt_no, reason, clock=clock)).success(
            voided
        ).failure(refused).run()
