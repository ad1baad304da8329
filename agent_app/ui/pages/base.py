"""What the main window expects of a page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from agent_app.ui.context import UiContext


class Page(QWidget):
    """A page of the main window: a title for the navigation, hooks when shown or refreshed."""

    #: Only supervisors see the page in the navigation.
    supervisor_only = False

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def title(self) -> str:
        raise NotImplementedError

    def activated(self) -> None:
        """Called each time the page is shown: focus the first field, refresh data."""
