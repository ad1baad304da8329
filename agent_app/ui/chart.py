"""A small horizontal bar chart drawn with QPainter (QtCharts is not in pyside6-essentials).

One bar per labelled count, longest count the full width, the count written after its bar.
Drawn for left-to-right and mirrored for right-to-left (Arabic): the labels sit on the
leading side and the bars grow towards the trailing side. Colours come from the palette, so
the chart follows the application's style. The numbers are also in the accessible
description and the tooltip, for a screen reader and for whoever cannot read a bar.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget

_MARGIN = 8
_GAP = 8  # between a label, its bar and its count
_BAR_SPACING = 6
_MAX_BAR_HEIGHT = 28
_MIN_BAR_HEIGHT = 14
_MAX_LABEL_SHARE = 0.4  # of the width, for the labels' column


class BarChart(QWidget):
    """Labelled counts as horizontal bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, int]] = []
        self._empty_text = ""
        self._count_text: dict[int, str] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    @property
    def bars(self) -> list[tuple[str, int]]:
        return list(self._bars)

    def set_bars(
        self,
        bars: Sequence[tuple[str, int]],
        *,
        empty_text: str = "",
        count_text: dict[int, str] | None = None,
    ) -> None:
        """Show ``bars`` (label, count); ``empty_text`` when there is none.

        ``count_text`` gives the written form of a count (the locale's digit grouping).
        """
        self._bars = [(text, max(0, count)) for text, count in bars]
        self._empty_text = empty_text
        self._count_text = dict(count_text or {})
        summary = "; ".join(f"{text}: {self._count(count)}" for text, count in self._bars)
        self.setAccessibleDescription(summary or empty_text)
        self.setToolTip(summary or empty_text)
        self.updateGeometry()
        self.update()

    def _count(self, count: int) -> str:
        return self._count_text.get(count, str(count))

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._bars))
        return QSize(360, 2 * _MARGIN + rows * (_MAX_BAR_HEIGHT + _BAR_SPACING))

    def minimumSizeHint(self) -> QSize:
        rows = max(1, len(self._bars))
        return QSize(200, 2 * _MARGIN + rows * (_MIN_BAR_HEIGHT + _BAR_SPACING))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        area = self.rect().adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        if not self._bars:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            return
        metrics = self.fontMetrics()
        label_width = min(
            max(metrics.horizontalAdvance(text) for text, _ in self._bars) + 2,
            int(area.width() * _MAX_LABEL_SHARE),
        )
        count_width = max(metrics.horizontalAdvance(self._count(c)) for _, c in self._bars)
        bar_room = max(1, area.width() - label_width - count_width - 2 * _GAP)
        highest = max(count for _, count in self._bars) or 1
        step = min(
            _MAX_BAR_HEIGHT + _BAR_SPACING,
            max(_MIN_BAR_HEIGHT + _BAR_SPACING, area.height() // len(self._bars)),
        )
        bar_height = step - _BAR_SPACING
        direction = self.layoutDirection()
        whole = self.rect()
        label_align = QStyle.visualAlignment(
            direction, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        count_align = QStyle.visualAlignment(
            direction, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        for position, (text, count) in enumerate(self._bars):
            top = area.top() + position * step
            # Laid out left to right, then mirrored by visualRect for a right-to-left reader.
            label_rect = QRect(area.left(), top, label_width, bar_height)
            bar_left = area.left() + label_width + _GAP
            length = max(2 if count else 0, round(bar_room * count / highest))
            bar_rect = QRect(bar_left, top, length, bar_height)
            count_rect = QRect(bar_left + length + _GAP, top, count_width, bar_height)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(QStyle.visualRect(direction, whole, label_rect), label_align, shown)
            if length:
                painter.fillRect(QStyle.visualRect(direction, whole, bar_rect), bar_colour)
            painter.drawText(
                QStyle.visualRect(direction, whole, count_rect), count_align, self._count(count)
            )
