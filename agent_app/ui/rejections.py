"""The clerk's words for CNSS's rejection and return codes, in the session's language.

The centre answers a stable code and a message of its own (French or English); the code's
short meaning is translated here so that an Arabic screen says why too. A code this version
does not know yet is shown as it is, next to the centre's message; every code the reference
centre can send, at ingest or in a returned file, is worded here (a test holds the two lists
together). Never used for decisions: only for display.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "rejections"
# Declared for lupdate: the code reaches tr() through a variable.
_REASONS: dict[str, str] = {
    "invalid_item": str(QT_TRANSLATE_NOOP("rejections", "Dossier incomplet ou mal saisi")),
    "wrong_point": str(QT_TRANSLATE_NOOP("rejections", "Dossier d'un autre point de service")),
    "late_deposit": str(QT_TRANSLATE_NOOP("rejections", "Dépôt hors délai sans motif")),
    "unknown_predecessor": str(
        QT_TRANSLATE_NOOP("rejections", "Correction d'un dossier inconnu de la CNSS")
    ),
    "already_superseded": str(QT_TRANSLATE_NOOP("rejections", "Dossier déjà remplacé")),
    "dependent_not_covered": str(
        QT_TRANSLATE_NOOP("rejections", "Enfant au-delà de l'âge de couverture")
    ),
    "manifest_mismatch": str(
        QT_TRANSLATE_NOOP("rejections", "Contenu de l'enveloppe différent de son bordereau")
    ),
    "originals_missing": str(QT_TRANSLATE_NOOP("rejections", "Originaux manquants")),
    "inpe_stamp_missing": str(QT_TRANSLATE_NOOP("rejections", "Cachet ou vignette INPE absent")),
    "care_sheet_unsigned": str(QT_TRANSLATE_NOOP("rejections", "Feuille de soins non signée")),
    "late_deposit_refused": str(
        QT_TRANSLATE_NOOP("rejections", "Motif du retard non retenu par la CNSS")
    ),
}


def reason_words(code: str | None) -> str:
    """The short meaning of ``code`` in the installed language; the code itself if unknown."""
    if not code:
        return ""
    source = _REASONS.get(code)
    return QCoreApplication.translate(_CONTEXT, source) if source is not None else code
