"""Printing receipts and shipment slips: layout on a thermal roll, A5 or A4, and PDF files.

Owns how paper looks, never what it says: every word and value comes ready from
``agent_app.services.receipts.ReceiptData`` and ``agent_app.services.shipments.ShipmentSlip``
in the reader's language (the receipt's notice always in French and Arabic). This module
only places them, with Qt's own text layout so Arabic is shaped and runs right to left, and
draws the QR code as vector squares so it scans at any printer resolution.

Paint devices: a ``QPrinter`` from the print dialog, or a ``QPdfWriter`` for files. Both get
the layout's page size and no margins of their own; the layout keeps its own margins. The
80 mm receipt is one page as long as its content (a thermal roll has no page length), so
nothing is ever cut off and no paper is wasted. Shipment slips paginate, with the column
heads and the envelope number repeated on each page and the signature boxes at the end.

PDF output needs a Qt GUI application; ``ensure_gui_app`` makes one when the caller has
none (the CLI, with ``QT_QPA_PLATFORM=offscreen`` set when there is no display).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from agent_app.errors import AppError
from agent_app.services.receipts import ReceiptData
from agent_app.services.shipments import ShipmentSlip
from agent_app.ui.qr import paint_qr

PDF_RESOLUTION = 300  # dots per inch of PDF coordinates; the output stays vector
MM_PER_INCH = 25.4
THERMAL_WIDTH_MM = 80.0
THERMAL_MIN_HEIGHT_MM = 100.0
GREY = QColor(90, 90, 90)
LIGHT = QColor(235, 235, 235)

_app: QGuiApplication | None = None

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# A run of Latin letters or digits and what sits between them, with no Arabic letter and no
# bracket (brackets stay with the Arabic text around them, so they mirror as they should).
_LTR_RUN = re.compile(
    r"[0-9A-Za-z\u00c0-\u024f](?:[^\u0600-\u06ff()\[\]]*[0-9A-Za-z\u00c0-\u024f])?"
)
_LRI, _PDI = "\u2066", "\u2069"


def has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def isolate_ltr_runs(text: str) -> str:
    """Wrap the Latin and digit runs of a right-to-left text in bidi isolates.

    Inside Arabic, the bidi algorithm lays "12****789" (and, in Qt, "610-1-02") out as
    several numbers in right-to-left order: "789****12". An isolated run is laid out as one
    left-to-right unit, which is what the Arabic reader expects.
    """
    return _LTR_RUN.sub(lambda match: f"{_LRI}{match.group(0)}{_PDI}", text)


class Layout(Enum):
    """The paper a receipt or slip is laid out for; the value is the CLI's name for it."""

    THERMAL_80MM = "80mm"
    A5 = "a5"
    A4 = "a4"


def ensure_gui_app() -> QGuiApplication:
    """The running Qt GUI application, or a new one (kept alive for the process).

    A ``QApplication`` rather than a bare ``QGuiApplication``: it is one too, and a process
    that shows widgets later (the tests, the desktop app) could not create its own.
    """
    global _app
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    _app = QApplication([])
    return _app


# --- measuring and drawing text -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    page: QPageSize | None  # None: thermal, as long as the content
    width_mm: float
    margin_mm: float
    body_pt: float
    small_pt: float
    title_pt: float
    number_pt: float
    qr_mm: float
    two_columns: bool


_RECEIPT_STYLES = {
    Layout.THERMAL_80MM: _Style(None, THERMAL_WIDTH_MM, 4, 8.5, 7.5, 10.5, 12.5, 40, False),
    Layout.A5: _Style(QPageSize(QPageSize.PageSizeId.A5), 148, 12, 10, 8.5, 14, 15, 44, True),
    Layout.A4: _Style(QPageSize(QPageSize.PageSizeId.A4), 210, 16, 11.5, 9.5, 17, 18, 56, True),
}


def _font(size_pt: float, *, bold: bool = False, fixed: bool = False) -> QFont:
    font = (
        QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if fixed
        else QFont(QGuiApplication.font())
    )
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


class _Canvas:
    """Millimetres to device pixels, and text blocks measured on the device itself."""

    def __init__(self, device: QPagedPaintDevice) -> None:
        self.device = device
        self.dpi = device.logicalDpiY()
        # Every text block made for this device lives as long as the canvas. A block deleted
        # early takes the Python wrapper of a printer handed in by Qt (the print preview's)
        # with it: the next block for that printer failed with "QPrinter already deleted".
        self._docs: list[QTextDocument] = []

    def px(self, mm: float) -> float:
        return mm * self.dpi / MM_PER_INCH

    def text(
        self,
        text: str,
        font: QFont,
        width_mm: float,
        *,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        rtl: bool = False,
        color: QColor | None = None,
        fit: bool = False,
    ) -> QTextDocument:
        """A text block laid out for this device, ``width_mm`` wide.

        Wrapped at word boundaries; with ``fit``, kept on one line and its font made smaller
        until it fits (a receipt number must never break in two).
        """
        # A text without Arabic letters reads left to right even on an Arabic receipt (a
        # name, a date, a number); inside Arabic, its Latin runs are isolated.
        rtl = rtl and has_arabic(text)
        if rtl:
            text = isolate_ltr_runs(text)
        if fit:
            font = QFont(font)
            limit = self.px(width_mm)
            while (
                QFontMetricsF(font, self.device).horizontalAdvance(text) > limit
                and font.pointSizeF() > 5
            ):
                font.setPointSizeF(font.pointSizeF() - 0.25)
        doc = QTextDocument()
        # Font metrics of the printer, not of the screen: otherwise sizes and wrapping differ.
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(font)
        option = QTextOption()
        option.setWrapMode(
            QTextOption.WrapMode.NoWrap
            if fit
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        )
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        doc.setDefaultTextOption(option)
        doc.setPlainText(text)
        block = QTextBlockFormat()
        block.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        # Absolute: "right" means the right edge in both directions, as the layout intends.
        block.setAlignment(align | Qt.AlignmentFlag.AlignAbsolute)
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)
        if color is not None:
            char = cursor.charFormat()
            char.setForeground(color)
            cursor.mergeCharFormat(char)
        doc.setTextWidth(self.px(width_mm))
        self._docs.append(doc)
        return doc

    def height_mm(self, doc: QTextDocument) -> float:
        return doc.size().height() * MM_PER_INCH / self.dpi


@dataclass(frozen=True, slots=True)
class _Text:
    doc: QTextDocument
    x_mm: float
    y_mm: float


@dataclass(frozen=True, slots=True)
class _Qr:
    payload: str
    x_mm: float
    y_mm: float
    side_mm: float


@dataclass(frozen=True, slots=True)
class _Rule:
    x1_mm: float
    y_mm: float
    x2_mm: float


@dataclass(frozen=True, slots=True)
class _Box:
    x_mm: float
    y_mm: float
    w_mm: float
    h_mm: float
    fill: QColor | None = None


_Item = _Text | _Qr | _Rule | _Box


def _paint(canvas: _Canvas, painter: QPainter, items: Sequence[_Item]) -> None:
    px = canvas.px
    for item in items:
        if isinstance(item, _Text):
            painter.save()
            painter.translate(QPointF(px(item.x_mm), px(item.y_mm)))
            item.doc.drawContents(painter)
            painter.restore()
        elif isinstance(item, _Qr):
            side = px(item.side_mm)
            paint_qr(painter, item.payload, QRectF(px(item.x_mm), px(item.y_mm), side, side))
        elif isinstance(item, _Rule):
            painter.setPen(QPen(GREY, px(0.2)))
            painter.drawLine(
                QPointF(px(item.x1_mm), px(item.y_mm)), QPointF(px(item.x2_mm), px(item.y_mm))
            )
        else:
            rect = QRectF(px(item.x_mm), px(item.y_mm), px(item.w_mm), px(item.h_mm))
            if item.fill is not None:
                painter.fillRect(rect, item.fill)
            painter.setPen(QPen(GREY, px(0.3)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)


def _prepare(
    device: QPagedPaintDevice,
    page: QPageSize,
    orientation: QPageLayout.Orientation = QPageLayout.Orientation.Portrait,
) -> None:
    """The layout's page, no margins of the device's own (the layout keeps its margins)."""
    if isinstance(device, QPrinter):
        device.setFullPage(True)
    device.setPageSize(page)
    device.setPageOrientation(orientation)
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


@contextlib.contextmanager
def _painting(device: QPagedPaintDevice) -> Iterator[QPainter]:
    painter = QPainter()
    if not painter.begin(device):
        raise AppError("print.failed", detail="QPainter")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        yield painter
    finally:
        painter.end()


# --- receipts ---------------------------------------------------------------------------------


def _receipt_items(canvas: _Canvas, data: ReceiptData, style: _Style) -> tuple[list[_Item], float]:
    """Every item of the receipt placed in millimetres, and the height they take."""
    rtl = data.lang == "ar"
    center = Qt.AlignmentFlag.AlignHCenter
    margin = style.margin_mm
    width = style.width_mm - 2 * margin
    items: list[_Item] = []
    y = margin

    def put(doc: QTextDocument, x: float, gap: float = 0.0) -> float:
        nonlocal y
        items.append(_Text(doc, x, y))
        height = canvas.height_mm(doc)
        y += height + gap
        return height

    put(canvas.text(data.title, _font(style.title_pt, bold=True), width, align=center), margin, 1)
    put(
        canvas.text(
            f"{data.point_name} ({data.point_code})",
            _font(style.small_pt),
            width,
            align=center,
            rtl=rtl,
        ),
        margin,
        2,
    )
    if data.banner:
        banner = canvas.text(data.banner, _font(style.number_pt, bold=True), width, align=center)
        items.append(_Box(margin, y - 0.5, width, canvas.height_mm(banner) + 1.5))
        put(banner, margin, 2.5)

    if style.two_columns:
        gap = 6.0
        right_w = max(style.qr_mm, 0.36 * width)
        left_w = width - right_w - gap
        fields_x, side_x = (
            (margin + right_w + gap, margin) if rtl else (margin, margin + left_w + gap)
        )
        top = y
        items.append(_Rule(margin, y, margin + width))
        y += 2
        y_fields = _field_rows(canvas, data, style, items, fields_x, y, left_w, rtl)
        y = top + 2
        put(
            canvas.text(
                data.receipt_no_label, _font(style.small_pt), right_w, align=center, rtl=rtl
            ),
            side_x,
            0.5,
        )
        put(
            canvas.text(
                data.receipt_no,
                _font(style.number_pt, bold=True),
                right_w,
                align=center,
                fit=True,
            ),
            side_x,
            3,
        )
        qr_x = side_x + (right_w - style.qr_mm) / 2
        items.append(_Qr(data.qr_payload, qr_x, y, style.qr_mm))
        y += style.qr_mm + 1
        put(
            canvas.text(data.qr_caption, _font(style.small_pt), right_w, align=center, rtl=rtl),
            side_x,
        )
        y = max(y, y_fields) + 3
        items.append(_Rule(margin, y, margin + width))
        y += 3
        half = (width - gap) / 2
        fr_x, ar_x = margin, margin + half + gap
        notice_fr = canvas.text(
            data.notice_fr, _font(style.small_pt), half, align=Qt.AlignmentFlag.AlignJustify
        )
        notice_ar = canvas.text(
            data.notice_ar, _font(style.body_pt), half, align=Qt.AlignmentFlag.AlignRight, rtl=True
        )
        items += [_Text(notice_fr, fr_x, y), _Text(notice_ar, ar_x, y)]
        y += max(canvas.height_mm(notice_fr), canvas.height_mm(notice_ar))
        return items, y + margin

    put(
        canvas.text(data.receipt_no_label, _font(style.small_pt), width, align=center, rtl=rtl),
        margin,
        0.5,
    )
    put(
        canvas.text(
            data.receipt_no, _font(style.number_pt, bold=True), width, align=center, fit=True
        ),
        margin,
        2,
    )
    items.append(_Rule(margin, y, margin + width))
    y += 2
    y = _field_rows(canvas, data, style, items, margin, y, width, rtl) + 1
    items.append(_Rule(margin, y, margin + width))
    y += 3
    items.append(_Qr(data.qr_payload, margin + (width - style.qr_mm) / 2, y, style.qr_mm))
    y += style.qr_mm + 0.5
    put(
        canvas.text(data.qr_caption, _font(style.small_pt), width, align=center, rtl=rtl), margin, 2
    )
    items.append(_Rule(margin, y, margin + width))
    y += 2
    put(
        canvas.text(
            data.notice_fr, _font(style.small_pt), width, align=Qt.AlignmentFlag.AlignJustify
        ),
        margin,
        2,
    )
    put(
        canvas.text(
            data.notice_ar, _font(style.body_pt), width, align=Qt.AlignmentFlag.AlignRight, rtl=True
        ),
        margin,
    )
    return items, y + margin


def _field_rows(
    canvas: _Canvas,
    data: ReceiptData,
    style: _Style,
    items: list[_Item],
    x: float,
    y: float,
    width: float,
    rtl: bool,
) -> float:
    """The label/value rows of the body; returns the y below the last one."""
    gap = 2.0
    label_w = width * (0.38 if style.two_columns else 0.36)
    value_w = width - label_w - gap
    label_x, value_x = (x + value_w + gap, x) if rtl else (x, x + label_w + gap)
    align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    for field in data.fields:
        label = canvas.text(
            field.label, _font(style.small_pt), label_w, align=align, rtl=rtl, color=GREY
        )
        value = canvas.text(
            field.value, _font(style.body_pt, bold=True), value_w, align=align, rtl=rtl
        )
        items += [_Text(label, label_x, y + 0.3), _Text(value, value_x, y)]
        y += max(canvas.height_mm(label), canvas.height_mm(value)) + 1.2
    return y


def render_receipt(device: QPagedPaintDevice, data: ReceiptData, layout: Layout) -> None:
    """Lay the receipt out on ``device`` (a ``QPrinter`` or a ``QPdfWriter``) and paint it."""
    style = _RECEIPT_STYLES[layout]
    canvas = _Canvas(device)
    items, height_mm = _receipt_items(canvas, data, style)
    page = style.page or QPageSize(
        QSizeF(THERMAL_WIDTH_MM, max(height_mm, THERMAL_MIN_HEIGHT_MM)),
        QPageSize.Unit.Millimeter,
        "Ticket 80 mm",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    _prepare(device, page)
    with _painting(device) as painter:
        _paint(canvas, painter, items)


def print_receipt(
    data: ReceiptData, printer: QPrinter, layout: Layout = Layout.THERMAL_80MM
) -> None:
    """Send the receipt to a printer the user chose (``QPrintDialog``)."""
    printer.setDocName(data.receipt_no)
    render_receipt(printer, data, layout)


def receipt_pdf(data: ReceiptData, path: Path, layout: Layout = Layout.THERMAL_80MM) -> Path:
    """Write the receipt as a PDF file at ``path``; returns the path."""
    return _write_pdf(path, data.receipt_no, lambda writer: render_receipt(writer, data, layout))


# --- shipment slips -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Column:
    key: str
    width_mm: float
    align: Qt.AlignmentFlag
    elide: bool = False  # cut a long value with "…"; otherwise shrink it to fit, whole


def _slip_columns(width: float) -> list[_Column]:
    left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
    center = Qt.AlignmentFlag.AlignHCenter
    fixed = [
        _Column("col.position", 10, right),
        _Column("col.receipt_no", 44, left),
        _Column("col.immatriculation", 28, center),
        _Column("col.documents", 14, center),
        _Column("col.amount", 30, right),
    ]
    flexible = width - sum(column.width_mm for column in fixed)
    return [*fixed[:3], _Column("col.beneficiary", flexible, left, elide=True), *fixed[3:]]


def _shrunk(font: QFont, device: QPagedPaintDevice, words: Sequence[str], width: float) -> QFont:
    """``font``, made smaller until the widest of ``words`` fits in ``width`` pixels."""
    fitted = QFont(font)
    while fitted.pointSizeF() > 5:
        metrics = QFontMetricsF(fitted, device)
        if max((metrics.horizontalAdvance(word) for word in words), default=0) <= width:
            break
        fitted.setPointSizeF(fitted.pointSizeF() - 0.25)
    return fitted


@dataclass(frozen=True, slots=True)
class _SlipPage:
    rows: range
    totals: bool
    signatures: bool


@dataclass(frozen=True, slots=True)
class _SlipStyle:
    page: QPageSize
    orientation: QPageLayout.Orientation
    margin_mm: float
    body_pt: float


_SLIP_STYLES = {
    Layout.A4: _SlipStyle(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, 14, 9
    ),
    # A5 turned sideways: the same columns as A4, fewer rows to a page.
    Layout.A5: _SlipStyle(
        QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Landscape, 10, 8.5
    ),
}


def render_shipment_slip(
    device: QPagedPaintDevice, slip: ShipmentSlip, layout: Layout = Layout.A4
) -> None:
    """Lay the slip out on ``device``: pages of A4, or of A5 in landscape."""
    style = _SLIP_STYLES.get(layout)
    if style is None:
        raise ValueError("a shipment slip needs A4 or A5 paper")
    _prepare(device, style.page, style.orientation)
    _SlipPainter(_Canvas(device), slip, style).run()


class _SlipPainter:
    """Plans the slip's pages (rows per page, where totals and signatures fall), then paints."""

    ROW_MM = 6.0
    HEAD_MM = 9.0  # column heads may take two lines
    SIGNATURES_MM = 48.0

    def __init__(self, canvas: _Canvas, slip: ShipmentSlip, style: _SlipStyle) -> None:
        self.canvas = canvas
        self.slip = slip
        self.rtl = slip.lang == "ar"
        self.colon = " : " if slip.lang == "fr" else ": "
        self.margin = style.margin_mm
        size = style.page.size(QPageSize.Unit.Millimeter)
        if style.orientation is QPageLayout.Orientation.Landscape:
            size = size.transposed()
        self.page_w, self.page_h = size.width(), size.height()
        self.width = self.page_w - 2 * self.margin
        self.bottom = self.page_h - self.margin - 8  # the footer line lives below
        self.body_pt = style.body_pt
        self.columns = _slip_columns(self.width)
        self.label = slip.labels

    # Where things go ---------------------------------------------------------------------------

    def _x(self, x: float, w: float) -> float:
        """Mirror a box across the page for Arabic slips."""
        return self.page_w - x - w if self.rtl else x

    def _header_items(self, first: bool) -> tuple[list[_Item], float]:
        c, s, m, w = self.canvas, self.slip, self.margin, self.width
        rtl = self.rtl
        align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        items: list[_Item] = []
        if not first:
            doc = c.text(
                f"{self.label['title']} — {s.number}",
                _font(self.body_pt, bold=True),
                w,
                align=align,
                rtl=rtl,
            )
            items.append(_Text(doc, m, m))
            y = m + c.height_mm(doc) + 3
            return items, y
        qr = 38.0
        text_w = w - qr - 6
        y = m
        for text, font in (
            (self.label["title"], _font(15, bold=True)),
            (
                f"{self.label['number']}{self.colon}{s.number}",
                _font(13, bold=True),
            ),
        ):
            doc = c.text(text, font, text_w, align=align, rtl=rtl)
            items.append(_Text(doc, self._x(m, text_w), y))
            y += c.height_mm(doc) + 1.5
        y += 1
        facts = [
            ("point", f"{s.point_code} — {s.point_name}"),
            ("closed_at", s.closed_at),
            ("closed_by", s.closed_by),
            ("count", str(s.item_count)),
            ("documents", str(s.documents_total)),
            ("total", s.total),
        ]
        label_w = 40.0
        for key, value in facts:
            label = c.text(
                self.label[key], _font(self.body_pt), label_w, align=align, rtl=rtl, color=GREY
            )
            val = c.text(
                value, _font(self.body_pt, bold=True), text_w - label_w - 2, align=align, rtl=rtl
            )
            items.append(_Text(label, self._x(m, label_w), y))
            items.append(_Text(val, self._x(m + label_w + 2, text_w - label_w - 2), y))
            y += max(c.height_mm(label), c.height_mm(val)) + 0.8
        items.append(_Qr(s.qr_payload, self._x(m + w - qr, qr), m, qr))
        y = max(y, m + qr) + 4
        return items, y

    def _plan(self) -> list[_SlipPage]:
        pages: list[_SlipPage] = []
        count = len(self.slip.lines)
        first_top = self._header_items(True)[1] + self.HEAD_MM  # below the column heads
        other_top = self._header_items(False)[1] + self.HEAD_MM
        index = 0
        top = first_top
        while True:
            fit = max(0, int((self.bottom - top) // self.ROW_MM))
            end = min(count, index + fit)
            rows = range(index, end)
            index = end
            if index < count:
                pages.append(_SlipPage(rows, totals=False, signatures=False))
                top = other_top
                continue
            # All rows placed: the totals row, the manifest line and the signature boxes
            # follow on this page if they fit, otherwise on the next.
            y = top + len(rows) * self.ROW_MM
            room_for_totals = y + self.ROW_MM + 10 <= self.bottom
            room_for_all = y + self.ROW_MM + 10 + self.SIGNATURES_MM <= self.bottom
            if room_for_all:
                pages.append(_SlipPage(rows, totals=True, signatures=True))
            elif room_for_totals:
                pages.append(_SlipPage(rows, totals=True, signatures=False))
                pages.append(_SlipPage(range(0), totals=False, signatures=True))
            else:
                pages.append(_SlipPage(rows, totals=False, signatures=False))
                pages.append(_SlipPage(range(0), totals=True, signatures=True))
            return pages

    # Painting ----------------------------------------------------------------------------------

    def run(self) -> None:
        pages = self._plan()
        device = self.canvas.device
        with _painting(device) as painter:
            for number, page in enumerate(pages, start=1):
                if number > 1:
                    device.newPage()
                self._paint_page(painter, page, number, len(pages))

    def _paint_page(self, painter: QPainter, page: _SlipPage, number: int, total: int) -> None:
        c = self.canvas
        items, y = self._header_items(number == 1)
        _paint(c, painter, items)
        if page.rows or page.totals:
            y = self._table_head(painter, y)
            for index in page.rows:
                line = self.slip.lines[index]
                values = {
                    "col.position": str(line.position),
                    "col.receipt_no": line.receipt_no,
                    "col.immatriculation": line.immatriculation,
                    "col.beneficiary": line.beneficiary_name,
                    "col.documents": str(line.documents),
                    "col.amount": line.amount,
                }
                self._row(painter, y, values, bold=False)
                y += self.ROW_MM
        if page.totals:
            values = {
                "col.position": "",
                "col.receipt_no": self.label["totals"],
                "col.immatriculation": "",
                "col.beneficiary": f"{self.label['count']}{self.colon}{self.slip.item_count}",
                "col.documents": str(self.slip.documents_total),
                "col.amount": self.slip.total,
            }
            self._row(painter, y, values, bold=True, fill=LIGHT)
            y += self.ROW_MM + 2
            manifest = c.text(
                f"{self.label['manifest']} (SHA-256){self.colon}{self.slip.manifest_hash}",
                _font(7, fixed=True),
                self.width,
                align=Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft,
            )
            _paint(c, painter, [_Text(manifest, self.margin, y)])
            y += c.height_mm(manifest) + 6
        if page.signatures:
            self._signatures(painter, y)
        self._footer(painter, number, total)

    def _cell_rects(self, y: float, height: float) -> list[tuple[_Column, QRectF]]:
        px = self.canvas.px
        x = self.margin
        cells = []
        for column in self.columns:
            left = self._x(x, column.width_mm)
            cells.append((column, QRectF(px(left), px(y), px(column.width_mm), px(height))))
            x += column.width_mm
        return cells

    def _table_head(self, painter: QPainter, y: float) -> float:
        heads = {column.key: self.label[column.key] for column in self.columns}
        self._row(painter, y, heads, bold=True, fill=LIGHT, height=self.HEAD_MM, wrap=True)
        return y + self.HEAD_MM

    def _row(
        self,
        painter: QPainter,
        y: float,
        values: dict[str, str],
        *,
        bold: bool,
        fill: QColor | None = None,
        height: float | None = None,
        wrap: bool = False,
    ) -> None:
        px = self.canvas.px
        device = self.canvas.device
        font = _font(self.body_pt, bold=bold)
        pad = px(1.2)
        for column, rect in self._cell_rects(y, height or self.ROW_MM):
            if fill is not None:
                painter.fillRect(rect, fill)
            painter.setPen(QPen(GREY, px(0.2)))
            painter.drawRect(rect)
            inner = rect.adjusted(pad, 0, -pad, 0)
            text = values[column.key]
            # Each cell in its own script's direction: a Latin name elides at its end and a
            # masked number keeps its digits in order, on an Arabic slip too.
            direction = (
                Qt.LayoutDirection.RightToLeft
                if has_arabic(text)
                else Qt.LayoutDirection.LeftToRight
            )
            painter.setLayoutDirection(direction)
            if column.elide and not wrap:
                painter.setFont(font)
                metrics = QFontMetricsF(font, device)
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
            else:
                # Numbers are never cut: a receipt number with "…" would be useless.
                words = text.split() if wrap else [text]
                painter.setFont(_shrunk(font, device, words, inner.width()))
            align = column.align
            if self.rtl and align != Qt.AlignmentFlag.AlignHCenter:
                align = (
                    Qt.AlignmentFlag.AlignLeft
                    if align == Qt.AlignmentFlag.AlignRight
                    else Qt.AlignmentFlag.AlignRight
                )
            flags = int(align | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute)
            if wrap:
                flags |= int(Qt.TextFlag.TextWordWrap)
            painter.setPen(QColor("black"))
            painter.drawText(inner, flags, text)

    def _signatures(self, painter: QPainter, y: float) -> None:
        c = self.canvas
        gap = 10.0
        box_w = (self.width - gap) / 2
        box_h = self.SIGNATURES_MM - 4
        align = Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft
        items: list[_Item] = []
        for position, key in enumerate(("handed_by", "received_by")):
            x = self._x(self.margin + position * (box_w + gap), box_w)
            items.append(_Box(x, y, box_w, box_h))
            title = c.text(
                self.label[key],
                _font(self.body_pt + 1, bold=True),
                box_w - 6,
                align=align,
                rtl=self.rtl,
            )
            items.append(_Text(title, x + 3, y + 2.5))
            line_y = y + 2.5 + c.height_mm(title) + 5
            # A signature needs more room above its line than a name or a date.
            for word, room_after in (("sign_name", 9), ("sign_date", 16), ("sign_signature", 0)):
                doc = c.text(
                    f"{self.label[word]}{self.colon.rstrip()}",
                    _font(self.body_pt),
                    box_w - 6,
                    align=align,
                    rtl=self.rtl,
                    color=GREY,
                )
                items.append(_Text(doc, x + 3, line_y - c.height_mm(doc)))
                items.append(_Rule(x + 3, line_y + 0.5, x + box_w - 3))
                line_y += room_after
        _paint(c, painter, items)

    def _footer(self, painter: QPainter, number: int, total: int) -> None:
        c = self.canvas
        y = self.page_h - self.margin - 5
        text = self.label["page"].format(page=number, pages=total)
        doc = c.text(
            f"{self.slip.number} — {text}",
            _font(7.5),
            self.width,
            align=Qt.AlignmentFlag.AlignHCenter,
            color=GREY,
        )
        _paint(
            c,
            painter,
            [_Rule(self.margin, y - 1.5, self.margin + self.width), _Text(doc, self.margin, y)],
        )


def print_shipment_slip(slip: ShipmentSlip, printer: QPrinter, layout: Layout = Layout.A4) -> None:
    """Send the slip to a printer the user chose (``QPrintDialog``)."""
    printer.setDocName(slip.number)
    render_shipment_slip(printer, slip, layout)


def shipment_pdf(slip: ShipmentSlip, path: Path, layout: Layout = Layout.A4) -> Path:
    """Write the slip as a PDF file at ``path``; returns the path."""
    return _write_pdf(path, slip.number, lambda writer: render_shipment_slip(writer, slip, layout))


# --- files ----------------------------------------------------------------------------------------


def _write_pdf(path: Path, title: str, paint: Callable[[QPdfWriter], None]) -> Path:
    """Paint into a PDF file beside ``path``, then rename it over ``path`` once complete.

    A crash or a full disk half-way leaves the previous file (or none), never a truncated
    PDF that a printer would choke on.
    """
    ensure_gui_app()
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(b"")  # a clear message for a missing folder or a read-only disk
    except OSError as exc:
        raise AppError("io.error", path=path, detail=exc.strerror or type(exc).__name__) from exc
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(PDF_RESOLUTION)
        writer.setTitle(title)
        writer.setCreator("Guichet AMO")
        paint(writer)
        # The last reference: the writer is destroyed and its file closed (Windows cannot
        # rename a file that is still open).
        del writer
        os.replace(partial, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return path
