"""The lookup's table of claims: every matching id in memory, rows read when they are shown.

The idea is Anki's browser table: a search returns only ids (a million of them take 8 MB in
an ``array``), and a row's words are read when the view paints it. Unlike Anki, the read
never runs on the GUI thread. ``data()`` for a row not read yet answers with a placeholder
and asks the database worker for that row's whole page of ids; when the page arrives it is
cached and ``dataChanged`` repaints it. A page is never asked for twice at once, the cache
keeps the most recently used pages only, and a page or a search result that arrives after a
newer search is dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from agent_app.domain.dates import format_date
from agent_app.domain.labels import label, status_label
from agent_app.domain.model import CareType
from agent_app.domain.money import format_amount
from agent_app.i18n import Lang
from agent_app.services.lookup import ClaimRow, claim_ids, claim_rows_by_ids
from agent_app.ui.context import UiContext

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_CACHED_PAGES = 50
#: ``data(index, CLAIM_ROLE)``: the row's :class:`ClaimRow`, or None while it is being read.
CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1
LOADING = "…"  # what a row shows for the few milliseconds before its page arrives
MISSING = "—"  # a claim that is no longer stored (purged after the retention period)


class Column(IntEnum):
    RECEIPT = 0
    DEPOSITED = 1
    IMMATRICULATION = 2
    INSURED = 3
    BENEFICIARY = 4
    CARE_TYPE = 5
    AMOUNT = 6
    DOCUMENTS = 7
    STATUS = 8


_NUMERIC = frozenset({Column.AMOUNT, Column.DOCUMENTS})


def local_time(stored_utc: dt.datetime, utc_offset_min: int) -> dt.datetime:
    """The wall-clock time of the counter when the claim was recorded."""
    return stored_utc + dt.timedelta(minutes=utc_offset_min)


def format_moment(moment: dt.datetime) -> str:
    """DD/MM/YYYY HH:MM."""
    return f"{format_date(moment.date())} {moment:%H:%M}"


def care_type_words(code: str, lang: Lang) -> str:
    try:
        return label(CareType(code), lang)
    except ValueError:
        return code


class ClaimsTableModel(QAbstractTableModel):
    """Claims matching a search, newest first, read page by page off the GUI thread."""

    #: A search has replaced the rows; the argument is how many there are.
    search_finished = Signal(int)
    #: A search or a page read failed; the argument is the exception.
    load_failed = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_CACHED_PAGES,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size
        self.max_pages = max_pages
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, ClaimRow]] = OrderedDict()
        self._in_flight: set[int] = set()
        self._search_generation = 0  # the latest search asked for
        self._rows_generation = 0  # the ids on show; a page of older ids is dropped
        self._query = ""
        #: How many page reads were asked of the worker since the model was made.
        self.pages_requested = 0
        self._headers = {
            Column.RECEIPT: self.tr("N° de reçu"),
            Column.DEPOSITED: self.tr("Déposé le"),
            Column.IMMATRICULATION: self.tr("Immatriculation"),
            Column.INSURED: self.tr("Assuré"),
            Column.BENEFICIARY: self.tr("Bénéficiaire"),
            Column.CARE_TYPE: self.tr("Type de soins"),
            Column.AMOUNT: self.tr("Montant déclaré"),
            Column.DOCUMENTS: self.tr("Pièces"),
            Column.STATUS: self.tr("Statut"),
        }

    # --- searching ---------------------------------------------------------------------

    @property
    def query(self) -> str:
        """The query of the rows on show ("" lists every claim)."""
        return self._query

    def search(self, query: str) -> None:
        """Find the claims matching ``query`` (all of them when empty) on the worker.

        The rows on show stay until the ids arrive; ``search_finished`` then tells how many.
        """
        self._search_generation += 1
        generation = self._search_generation
        store = self.ctx.store
        self.ctx.op(lambda: claim_ids(store, query)).success(
            lambda ids: self._ids_arrived(generation, query, ids)
        ).failure(lambda error: self._search_failed(generation, error)).run()

    def set_ids(self, ids: Sequence[int], query: str = "") -> None:
        """Show these claim ids (already found), newest first."""
        self.beginResetModel()
        self._ids = ids if isinstance(ids, array) else array("q", ids)
        self._query = query
        self._forget_rows()
        self.endResetModel()

    def _ids_arrived(self, generation: int, query: str, ids: array[int]) -> None:
        if generation != self._search_generation:
            return  # a newer search is on its way
        self.set_ids(ids, query)
        self.search_finished.emit(len(self._ids))

    def _search_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._search_generation:
            self.load_failed.emit(error)

    def invalidate(self) -> None:
        """Read the rows again as they are shown (a claim changed), keeping the ids."""
        self._forget_rows()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Column) - 1))

    def _forget_rows(self) -> None:
        self._pages.clear()
        self._in_flight.clear()
        self._rows_generation += 1

    # --- rows --------------------------------------------------------------------------

    def claim_id(self, row: int) -> int:
        return int(self._ids[row])

    def cached_claim(self, row: int) -> ClaimRow | None:
        """The row if its page is in the cache; never asks the worker."""
        page = self._pages.get(row // self.page_size)
        return None if page is None else page.get(self._ids[row])

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    def _claim_or_request(self, row: int) -> tuple[bool, ClaimRow | None]:
        """(whether the row's page is here, the row); asks for the page when it is not."""
        number = row // self.page_size
        page = self._pages.get(number)
        if page is None:
            self._request_page(number)
            return False, None
        self._pages.move_to_end(number)
        return True, page.get(self._ids[row])

    def _request_page(self, number: int) -> None:
        if number in self._in_flight:
            return
        self._in_flight.add(number)
        self.pages_requested += 1
        generation = self._rows_generation
        start = number * self.page_size
        ids = self._ids[start : start + self.page_size].tolist()
        store = self.ctx.store

        def read() -> list[ClaimRow]:
            # A page asked for before a newer search is not worth the worker's time.
            if generation != self._rows_generation:
                return []
            return claim_rows_by_ids(store, ids)

        self.ctx.op(read).success(
            lambda rows: self._page_arrived(generation, number, rows)
        ).failure(lambda error: self._page_failed(generation, number, error)).run()

    def _page_arrived(self, generation: int, number: int, rows: list[ClaimRow]) -> None:
        if generation != self._rows_generation:
            return
        self._in_flight.discard(number)
        self._pages[number] = {row.id: row for row in rows}
        self._pages.move_to_end(number)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        first = number * self.page_size
        last = min(first + self.page_size, len(self._ids)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))

    def _page_failed(self, generation: int, number: int, error: BaseException) -> None:
        if generation != self._rows_generation:
            return
        self._in_flight.discard(number)
        log.warning("reading page %d of the lookup failed: %s", number, type(error).__name__)
        self.load_failed.emit(error)

    # --- the model interface -----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.DOCUMENTS:
            return self.tr("Nombre de pièces jointes au dossier")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # No row read here: selecting thousands of rows must not read thousands of pages.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in _NUMERIC:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, CLAIM_ROLE):
            return None
        loaded, claim = self._claim_or_request(index.row())
        if role == CLAIM_ROLE:
            return claim
        if claim is None:
            if column is not Column.RECEIPT:
                return ""
            return MISSING if loaded else LOADING
        return self._cell(claim, column)

    def _cell(self, claim: ClaimRow, column: Column) -> str:
        lang = self.ctx.lang
        if column is Column.RECEIPT:
            return claim.receipt_no
        if column is Column.DEPOSITED:
            return format_moment(local_time(claim.created_at, claim.utc_offset_min))
        if column is Column.IMMATRICULATION:
            return claim.insured_immatriculation
        if column is Column.INSURED:
            return claim.insured_name
        if column is Column.BENEFICIARY:
            return claim.beneficiary_name
        if column is Column.CARE_TYPE:
            return care_type_words(claim.care_type, lang)
        if column is Column.AMOUNT:
            return format_amount(claim.declared_amount_centimes, lang)
        if column is Column.DOCUMENTS:
            return str(claim.document_count)
        return status_label(claim.status, lang)
