"""The documents step of the enrolment page: the applicant's ID card scans, chosen and checked.

A scan comes from a file the clerk picks (a file dialog) or from the scanner's folder (the
newest images and PDFs there, listed for one key press). Each file is checked and re-encoded
as soon as it is chosen (:func:`agent_app.services.scans.prepare_scan`, on the files worker,
never the GUI thread), so a wrong file is refused while the applicant is still at the
counter; the prepared scans stay in memory and are attached by the page once the enrolment
is saved. Nothing here writes a scan to disk, caches a thumbnail or keeps a file name beyond
the screen. Before the point is activated scans cannot be sealed: the step says so and the
enrolment is saved without them.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_app.services.scans import PreparedScan, prepare_scan
from agent_app.ui.context import UiContext
from agent_app.ui.errors import failure_text
from agent_app.ui.widgets import say

SCANNER_FOLDER_SETTING: Final = "scans/folder"
SCAN_SUFFIXES: Final = frozenset({".jpg", ".jpeg", ".png", ".pdf"})
FOLDER_LISTED: Final = 15  # the newest files of the scanner's folder
MAX_SCANS: Final = 6  # recto and verso of a card or two, and a spare


@dataclass(frozen=True, slots=True)
class ChosenScan:
    """A checked scan waiting for the enrolment to be saved."""

    name: str  # the file's name, for the clerk's screen only
    prepared: PreparedScan


def newest_scans(folder: Path, limit: int = FOLDER_LISTED) -> list[Path]:
    """The newest image and PDF files of ``folder`` (newest first); none if unreadable."""
    try:
        files = [
            path
            for path in folder.iterdir()
            if path.suffix.lower() in SCAN_SUFFIXES and path.is_file()
        ]
        files.sort(key=lambda path: path.stat().st_mtime, reverse=True)
    except OSError:
        return []
    return files[:limit]


class _KeyList(QListWidget):
    """A list where Enter chooses the current row and Delete removes it."""

    chosen = Signal(int)
    removed = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.currentRow() >= 0:
                self.chosen.emit(self.currentRow())
            return
        if plain and event.key() == Qt.Key.Key_Delete:
            if self.currentRow() >= 0:
                self.removed.emit(self.currentRow())
            return
        super().keyPressEvent(event)


class DocumentsStep(QWidget):
    """Scans chosen for this enrolment; ``changed`` when one is added or removed."""

    changed = Signal()

    def __init__(self, ctx: UiContext, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self.chosen: list[ChosenScan] = []
        self.can_seal = False
        self.preparing = 0
        self._generation = 0  # a scan judged after the form was reset belongs to nobody

        self.activation_note = QLabel(
            self.tr(
                "Ce poste n'est pas encore activé auprès de la CNSS : les scans ne peuvent pas "
                "encore être scellés, donc pas joints. Enregistrez l'inscription sans eux ; "
                "les pièces pourront être jointes une fois le poste activé."
            )
        )
        self.activation_note.setWordWrap(True)
        self.activation_note.setObjectName("correction")
        self.intro = QLabel(
            self.tr(
                "Scannez le recto et le verso de la carte nationale. Chaque fichier est "
                "vérifié dès qu'il est choisi (JPEG, PNG ou PDF, 10 Mo au plus) et n'est "
                "jamais enregistré en clair sur ce poste."
            )
        )
        self.intro.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Importer un fichier…"))
        self.import_button.clicked.connect(self.import_files)
        self.folder_button = QPushButton(self.tr("Choisir le d&ossier du scanner…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_files = _KeyList()
        self.folder_files.setAccessibleName(self.tr("Fichiers du dossier du scanner"))
        self.folder_files.chosen.connect(self._folder_file_chosen)
        self.folder_files.itemDoubleClicked.connect(
            lambda item: self._folder_file_chosen(self.folder_files.row(item))
        )
        self.refresh_button = QPushButton(self.tr("Actualiser la liste"))
        self.refresh_button.clicked.connect(self.refresh_folder)
        self.chosen_list = _KeyList()
        self.chosen_list.setAccessibleName(self.tr("Pièces jointes à l'inscription"))
        self.chosen_list.removed.connect(self.remove)
        self.remove_button = QPushButton(self.tr("Retirer (Suppr)"))
        self.remove_button.clicked.connect(lambda: self.remove(self.chosen_list.currentRow()))
        self.message = QLabel()
        self.message.setWordWrap(True)

        folder_box = QGroupBox(self.tr("Dossier du scanner"))
        folder_caption = QLabel(self.tr("Fichiers les plus récents (Entrée pour &joindre) :"))
        folder_caption.setBuddy(self.folder_files)
        folder_layout = QVBoxLayout(folder_box)
        folder_layout.addWidget(self.folder_label)
        folder_layout.addWidget(folder_caption)
        folder_layout.addWidget(self.folder_files, 1)
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(self.folder_button)
        folder_buttons.addWidget(self.refresh_button)
        folder_buttons.addStretch(1)
        folder_layout.addLayout(folder_buttons)

        chosen_box = QGroupBox(self.tr("Pièces jointes"))
        chosen_caption = QLabel(self.tr("Scans &vérifiés, joints après l'enregistrement :"))
        chosen_caption.setBuddy(self.chosen_list)
        chosen_layout = QVBoxLayout(chosen_box)
        chosen_layout.addWidget(chosen_caption)
        chosen_layout.addWidget(self.chosen_list, 1)
        chosen_buttons = QHBoxLayout()
        chosen_buttons.addWidget(self.import_button)
        chosen_buttons.addWidget(self.remove_button)
        chosen_buttons.addStretch(1)
        chosen_layout.addLayout(chosen_buttons)

        boxes = QHBoxLayout()
        boxes.addWidget(folder_box, 1)
        boxes.addWidget(chosen_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.activation_note)
        layout.addWidget(self.intro)
        layout.addLayout(boxes, 1)
        layout.addWidget(self.message)
        self.set_can_seal(False)

    def tab_chain(self) -> list[QWidget]:
        return [
            self.folder_files,
            self.folder_button,
            self.refresh_button,
            self.chosen_list,
            self.import_button,
            self.remove_button,
        ]

    def first_focus(self) -> QWidget:
        if not self.can_seal:
            return self.folder_button
        return self.folder_files if self.folder_files.count() else self.import_button

    def set_can_seal(self, can_seal: bool) -> None:
        """Whether the point is activated: scans can be sealed, so chosen."""
        self.can_seal = can_seal
        self.activation_note.setVisible(not can_seal)
        for widget in (self.import_button, self.folder_files, self.chosen_list):
            widget.setEnabled(can_seal)
        self.remove_button.setEnabled(can_seal and bool(self.chosen))
        self.refresh_folder()

    # --- choosing ---------------------------------------------------------------------------

    def folder(self) -> Path | None:
        text = str(self.settings.value(SCANNER_FOLDER_SETTING, "") or "")
        return Path(text) if text else None

    def refresh_folder(self) -> None:
        folder = self.folder()
        self.folder_files.clear()
        if folder is None:
            self.folder_label.setText(
                self.tr("Aucun dossier choisi : indiquez où le scanner dépose ses fichiers.")
            )
            return
        self.folder_label.setText(self.tr("Dossier : {folder}").format(folder=str(folder)))
        for path in newest_scans(folder):
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.folder_files.addItem(item)
        if self.folder_files.count():
            self.folder_files.setCurrentRow(0)

    def choose_folder(self) -> None:
        start = str(self.folder() or Path.home())
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Dossier où le scanner dépose ses fichiers"), start
        )
        if chosen:
            self.settings.setValue(SCANNER_FOLDER_SETTING, chosen)
            self.refresh_folder()

    def import_files(self) -> None:
        if not self.can_seal:
            return
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Scans de la carte nationale"),
            str(self.folder() or Path.home()),
            self.tr("Images et PDF (*.jpg *.jpeg *.png *.pdf)"),
        )
        for name in names:
            self.add_file(Path(name))

    def _folder_file_chosen(self, row: int) -> None:
        item = self.folder_files.item(row)
        if item is not None:
            self.add_file(Path(str(item.data(Qt.ItemDataRole.UserRole))))

    def add_file(self, path: Path) -> None:
        """Check and re-encode ``path`` in the background; add it once it is judged good."""
        if not self.can_seal:
            return
        if len(self.chosen) + self.preparing >= MAX_SCANS:
            say(
                self.message,
                self.tr("{count} scans au plus par inscription.").format(count=MAX_SCANS),
                problem=True,
            )
            return
        self.preparing += 1
        generation = self._generation
        say(self.message, self.tr("Vérification de {name}…").format(name=path.name))

        def done(future: Future[PreparedScan]) -> None:
            self.preparing -= 1
            if generation != self._generation:
                return
            error = future.exception()
            if error is not None:
                say(
                    self.message,
                    self.tr("{name} refusé : {reason}").format(
                        name=path.name, reason=failure_text(error, self.ctx.lang)
                    ),
                    problem=True,
                )
                return
            self._add(ChosenScan(path.name, future.result()))

        self.ctx.tasks.run_files(lambda: prepare_scan(path), done)

    def _add(self, scan: ChosenScan) -> None:
        self.chosen.append(scan)
        self.chosen_list.addItem(self._describe(scan))
        self.remove_button.setEnabled(True)
        say(
            self.message,
            self.tr("{name} vérifié : il sera joint à l'enregistrement.").format(name=scan.name),
        )
        self.changed.emit()

    def _describe(self, scan: ChosenScan) -> str:
        kind = "PDF" if scan.prepared.media_type == "application/pdf" else "JPEG"
        size = f"{len(scan.prepared.content) / 1000:.0f}"
        return self.tr("{name} ({kind}, {size} ko)").format(name=scan.name, kind=kind, size=size)

    def remove(self, row: int) -> None:
        if not 0 <= row < len(self.chosen):
            return
        del self.chosen[row]
        self.chosen_list.takeItem(row)
        self.remove_button.setEnabled(bool(self.chosen))
        self.message.clear()
        self.changed.emit()

    def clear(self) -> None:
        """Forget every chosen scan (the enrolment was saved, or the form is reset)."""
        self._generation += 1
        self.chosen.clear()
        self.chosen_list.clear()
        self.message.clear()
        self.remove_button.setEnabled(False)
        self.changed.emit()
