"""The whole app in Arabic: right to left, every visible word translated, money in dirhams.

Built from the compiled translations (``make translations``), on a real store, the way a
clerk who chose العربية at login sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QWidget,
)

from agent_app.ui.app import build_main_window
from agent_app.ui.i18n import apply_language, translations_dir
from tests.ui.conftest import wait_for_tasks

ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
# Codes and names that stay Latin in Arabic too: identifiers, keys, the point and the user.
KEPT = re.compile(
    r"\b(?:INPE|CIN|FSE|ALD|AMO|CNSS|TNS|CSV|PDF|QR|Ctrl|Alt|Shift|Enter|Return|Tab|Esc|"
    r"F\d+|CASA01|Casa Anfa|agent1|chef|DH|MAD|Français|English|OK)\b"
)


@pytest.fixture
def arabic(qapp) -> Iterator[None]:
    if not (translations_dir() / "guichet_ar.qm").exists():
        pytest.fail("compile the translations first: make translations")
    apply_language(qapp, "ar")
    yield
    apply_language(qapp, "fr")


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.objectName() in BILINGUAL:
            continue
        name = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            yield name, widget.text()
        if isinstance(widget, QGroupBox):
            yield name, widget.title()
        if isinstance(widget, QLineEdit):
            yield name, widget.placeholderText()
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield name, widget.itemText(i)
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield name, widget.item(i).text()
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    yield name, header
        if widget.toolTip():
            yield name, widget.toolTip()


# The law 09-08 notice is shown in French beside the Arabic whatever the language, by law.
BILINGUAL = frozenset({"law_notice_fr"})


def untranslated(root: QWidget) -> list[str]:
    found = []
    for kind, text in visible_texts(root):
        bare = KEPT.sub("", text.replace("&", ""))
        if LATIN_WORD.search(bare) and not ARABIC.search(text):
            found.append(f"{kind}: {text!r}")
    return found


def test_every_page_is_right_to_left_and_fully_translated(qtbot, arabic, ctx, supervisor, tmp_path):
    ctx.lang = "ar"
    ctx.actor = supervisor
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window, _ = build_main_window(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    problems = []
    texts: list[str] = []
    for index, entry in enumerate(window.entries):
        window.show_page(index)
        wait_for_tasks(qtbot, ctx)
        qtbot.wait(50)
        assert entry.page.layoutDirection() == Qt.LayoutDirection.RightToLeft
        problems += untranslated(entry.page)
        texts += [text for _, text in visible_texts(entry.page)]
    problems += untranslated(window.statusBar())
    problems += [f"nav: {t}" for t in untranslated(window.nav)]
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert not problems, "\n".join(sorted(set(problems)))
    # Amounts in dirhams the Moroccan way, dates day first, Western digits.
    assert any(re.search(r"\d+,\d\d درهم", text) for text in texts), texts
    assert any(re.search(r"\b\d\d/\d\d/20\d\d\b", text) for text in texts)
    wait_for_tasks(qtbot, ctx)
