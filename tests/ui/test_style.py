"""The look of the app: Qt's own Fusion style on Linux under the app's style sheet."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication

from agent_app.ui.i18n import apply_style


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Fusion is the Linux look")
def test_the_app_looks_fusion_on_linux_whatever_style_the_desktop_chose(qapp: QApplication):
    before_sheet, before_style = qapp.styleSheet(), qapp.style().name()
    try:
        qapp.setStyleSheet("")
        qapp.setStyle("Windows")  # what a desktop theme might have picked
        apply_style(qapp)
        assert qapp.styleSheet()  # the app's own sheet is on
        qapp.setStyleSheet("")  # what remains under the sheet is the base style
        assert qapp.style().name() == "fusion"
    finally:
        qapp.setStyle(before_style)
        qapp.setStyleSheet(before_sheet)
