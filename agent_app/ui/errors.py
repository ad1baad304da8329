"""Showing failures: a clear message for what a person can act on, a logged report for bugs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from agent_app.errors import AppError
from agent_app.i18n import Lang
from agent_app.store.engine import translate_db_error

log = logging.getLogger(__name__)


def describe(error: BaseException, lang: Lang) -> tuple[str, bool]:
    """The message for ``error`` in ``lang``, and whether it is our bug."""
    if isinstance(error, AppError):
        return error.message(lang), False
    environmental = translate_db_error(error)
    if environmental is not None:
        return environmental.message(lang), False
    return "", True


def failure_text(error: BaseException, lang: Lang) -> str:
    """What to tell the user about a failed operation; our own bugs are logged."""
    text, is_bug = describe(error, lang)
    if is_bug:
        log.error("unexpected error", exc_info=error)
        text = QCoreApplication.translate(
            "errors",
            "Une erreur inattendue s'est produite. Rien de ce qui était enregistré n'est "
            "perdu. Le détail est dans le journal de l'application ({kind}).",
        ).format(kind=type(error).__name__)
    return text


def show_error(parent: QWidget | None, error: BaseException, lang: Lang) -> None:
    """A dialog in the user's language; our own bugs are logged with their traceback."""
    QMessageBox.warning(
        parent, QCoreApplication.translate("errors", "Guichet AMO"), failure_text(error, lang)
    )
