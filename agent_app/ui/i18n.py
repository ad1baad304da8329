"""The desktop app's language: Qt translators, right-to-left layout, locale formats.

French is the source language of every ``tr()`` string; Arabic and English come from
``resources/translations/guichet_<lang>.qm`` (built from the ``.ts`` files by the Makefile).
Qt's own ``qtbase_<lang>`` catalogue translates standard buttons and dialogs, and choosing
Arabic flips the whole layout right to left.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from agent_app.i18n import LANGS, Lang

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
LOCALES: dict[Lang, QLocale] = {
    "fr": QLocale(QLocale.Language.French, QLocale.Country.Morocco),
    "ar": QLocale(QLocale.Language.Arabic, QLocale.Country.Morocco),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """Where the ``.qm`` files are: beside the sources, or inside a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources" / "translations"
    return TRANSLATIONS_DIR


def resources_dir() -> Path:
    return translations_dir().parent


def apply_style(app: QApplication) -> None:
    """Qt's own Fusion style on Linux, and the app's style sheet (``resources/style.qss``).

    Fusion, not the desktop's theme: every counter PC looks the same, whatever desktop it runs,
    and the frozen app ships no platform theme (the GTK one pulls in the whole toolkit).
    The plain Qt look stays if the style sheet is missing.
    """
    if sys.platform.startswith("linux"):
        app.setStyle("Fusion")
    path = resources_dir() / "style.qss"
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError:
        log.error("style sheet missing: %s", path.name)


def apply_language(app: QApplication, lang: Lang) -> None:
    """Install the translators for ``lang`` and set the layout direction."""
    if lang not in LANGS:
        raise ValueError(lang)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "fr":
        ours = QTranslator(app)
        path = translations_dir() / f"guichet_{lang}.qm"
        if ours.load(str(path)):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.error("translation file missing: %s", path.name)
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    locale = LOCALES[lang]
    QLocale.setDefault(locale)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight
    )
