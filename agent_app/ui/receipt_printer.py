"""Getting receipts and shipment slips onto paper from the desktop app.

The data is read on the database worker (``receipt_for``), painted on the GUI thread (Qt
painting on a printer belongs there; a receipt takes a few milliseconds), and the print is
recorded in the audit log on the worker again; that record is how the store knows the original
was printed, so the first print is the original and any later one a DUPLICATA, whichever page
asks. The printer and the layout are workstation preferences (``ui.ini``); with no printer
installed, a save says so and Ctrl+P opens the print preview, which prints or writes a PDF.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from agent_app.services.receipts import ReceiptData, receipt_for, record_print
from agent_app.services.shipments import ShipmentSlip, record_slip_print, shipment_slip
from agent_app.ui.context import UiContext
from agent_app.ui.errors import show_error
from agent_app.ui.printing import Layout, print_receipt, print_shipment_slip

log = logging.getLogger(__name__)

PrinterFactory = Callable[[], QPrinter | None]


class ReceiptPrinter(QObject):
    """Prints receipts after a save and on demand; emits what happened for the status line."""

    printed = Signal(str)  # receipt or shipment number
    not_printed = Signal(str, str)  # number, reason for the clerk

    def __init__(
        self,
        ctx: UiContext,
        settings: QSettings,
        parent: QObject | None = None,
        *,
        printer_factory: PrinterFactory | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        # Tests hand in a PDF-writing printer: the hardware is the only thing faked.
        self._printer_factory = printer_factory or self._configured_printer
        self._previews: set[QPrintPreviewDialog] = set()

    def layout(self) -> Layout:
        name = str(self.settings.value("printer/layout", Layout.THERMAL_80MM.name))
        return Layout[name] if name in Layout.__members__ else Layout.THERMAL_80MM

    def _configured_printer(self) -> QPrinter | None:
        wanted = str(self.settings.value("printer/name", ""))
        infos = QPrinterInfo.availablePrinters()
        if not infos:
            return None
        info = next((i for i in infos if i.printerName() == wanted), None)
        info = info or QPrinterInfo.defaultPrinter()
        if info.isNull():
            info = infos[0]
        return QPrinter(info, QPrinter.PrinterMode.HighResolution)

    def print_receipt(
        self, receipt_no: str, parent: QWidget | None = None, *, on_demand: bool = False
    ) -> None:
        """The one route a receipt takes to paper, after a save and on demand (Ctrl+P).

        The store says whether it is the original or a DUPLICATA: the first print recorded is
        the original, whichever screen asked for it. With no printer installed, a save only
        says so; asked for (``on_demand``), the receipt opens in the print preview, from which
        it prints or goes to PDF, and is recorded once printed.
        """
        store, lang = self.ctx.store, self.ctx.lang
        self.ctx.op(lambda: receipt_for(store, receipt_no, lang)).success(
            lambda data: self._print_receipt(data, parent, on_demand)
        ).failure(lambda error: self._failed(receipt_no, error)).run()

    def _print_receipt(self, data: ReceiptData, parent: QWidget | None, on_demand: bool) -> None:
        printer = self._printer_factory()
        if printer is None and on_demand:
            self._preview(
                parent,
                lambda target: print_receipt(data, target, self.layout()),
                lambda: self._record(data.kind, data.receipt_no, data.copy),
            )
            return
        if printer is None:
            self.not_printed.emit(
                data.receipt_no, self.tr("aucune imprimante installée : aperçu avec Ctrl+P")
            )
            return
        print_receipt(data, printer, self.layout())
        self._record(data.kind, data.receipt_no, data.copy)

    def print_on_demand(self, receipt_no: str, parent: QWidget | None) -> None:
        """Ctrl+P: straight to the printer when there is one, else through the preview."""
        self.print_receipt(receipt_no, parent, on_demand=True)

    def print_shipment(self, number: str, parent: QWidget | None) -> None:
        store, lang = self.ctx.store, self.ctx.lang
        self.ctx.op(lambda: shipment_slip(store, number, lang)).success(
            lambda slip: self._print_slip(slip, parent)
        ).failure(lambda error: self._failed(number, error)).run()

    def _print_slip(self, slip: ShipmentSlip, parent: QWidget | None) -> None:
        printer = self._printer_factory()
        if printer is None:
            self._preview(
                parent,
                lambda target: print_shipment_slip(slip, target),
                lambda: self._record_slip(slip.number),
            )
            return
        print_shipment_slip(slip, printer)
        self._record_slip(slip.number)

    def _preview(
        self,
        parent: QWidget | None,
        paint: Callable[[QPrinter], None],
        after: Callable[[], None],
    ) -> None:
        # Opened, not exec()'d: no nested event loop while the worker delivers other results.
        dialog = QPrintPreviewDialog(parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paintRequested.connect(paint)
        dialog.accepted.connect(after)
        self._previews.add(dialog)
        dialog.finished.connect(lambda _result: self._previews.discard(dialog))
        dialog.open()

    def _record(self, kind: str, number: str, copy: bool) -> None:
        store, actor, clock = self.ctx.store, self.ctx.require_actor(), self.ctx.clock
        self.ctx.op(lambda: record_print(store, actor, kind, number, copy, clock)).success(
            lambda _: self.printed.emit(number)
        ).failure(lambda error: self._failed(number, error)).run()

    def _record_slip(self, number: str) -> None:
        store, actor, clock = self.ctx.store, self.ctx.require_actor(), self.ctx.clock
        self.ctx.op(lambda: record_slip_print(store, actor, number, clock=clock)).success(
            lambda _: self.printed.emit(number)
        ).failure(lambda error: self._failed(number, error)).run()

    def _failed(self, number: str, error: BaseException) -> None:
        parent = self.parent()
        show_error(parent if isinstance(parent, QWidget) else None, error, self.ctx.lang)
        self.not_printed.emit(number, "")
