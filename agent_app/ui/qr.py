"""QR codes for paper and screen: the symbol from ``segno``, drawn by Qt.

Owns turning a payload into QR modules (error correction M, the standard four-module quiet
zone) and drawing them: as a ``QImage`` for the screen, or as sharp vector squares on any
paint device (a PDF writer, a thermal printer) so a scanner reads the printed code at every
resolution. Knows nothing about what the payload means: receipts and shipment slips build it.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 requires


def qr_modules(payload: str) -> list[list[bool]]:
    """The symbol's modules, quiet zone included; ``True`` is a dark module.

    Error correction M and no boosting: the level printed is the level chosen, whatever the
    payload's length, so the symbol's size can be predicted from the payload alone.
    """
    code = segno.make(payload, error="m", micro=False, boost_error=False)
    return [[bool(dark) for dark in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def qr_image(payload: str, module_px: int = 4) -> QImage:
    """The code as a black-on-white image, ``module_px`` pixels per module."""
    if module_px < 1:
        raise ValueError("a module is at least one pixel")
    modules = qr_modules(payload)
    side = len(modules) * module_px
    image = QImage(side, side, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        _fill_modules(painter, modules, QRectF(0, 0, side, side))
    finally:
        painter.end()
    return image


def paint_qr(painter: QPainter, payload: str, target: QRectF) -> None:
    """Draw the code as vector squares filling the square ``target`` (quiet zone inside it)."""
    modules = qr_modules(payload)
    painter.save()
    try:
        painter.fillRect(target, QColor("white"))
        _fill_modules(painter, modules, target)
    finally:
        painter.restore()


def _fill_modules(painter: QPainter, modules: list[list[bool]], target: QRectF) -> None:
    # One path of horizontal runs, filled once without antialiasing: neighbouring modules
    # merge into solid areas instead of showing hairline seams that confuse scanners.
    step = min(target.width(), target.height()) / len(modules)
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for y, row in enumerate(modules):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            path.addRect(
                QRectF(target.x() + start * step, target.y() + y * step, (x - start) * step, step)
            )
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillPath(path, QColor("black"))
