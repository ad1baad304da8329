"""The applicant's CIN against what is already known: at this point, and at the CNSS.

Owns the likely-duplicate banner (an earlier enrolment of the same CIN at this point, looked
up on the database worker once the clerk stops typing) and the optional online check with
the CNSS ("Vérifier auprès de la CNSS": the network worker, its store calls handed to the
database worker). Both answers are about one CIN: typing another hides them, and an answer
that arrives for a CIN no longer in the field is dropped. Neither blocks saving; the
duplicate's reason is asked for when the enrolment is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Final

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from agent_app.domain import identifiers as ids
from agent_app.domain.dates import format_date
from agent_app.domain.labels import status_label
from agent_app.services.insured_check import InsuredCheck, check_insured_online, describe_check
from agent_app.services.lookup import EnrolmentRow, find_enrolments
from agent_app.ui.context import UiContext
from agent_app.ui.errors import failure_text
from agent_app.ui.pages.enrolment.steps import ApplicantStep
from agent_app.ui.widgets import WARNING_COLOUR, say

LOOKUP_DELAY_MS: Final = 300  # the CIN lookup waits for the clerk to stop typing
_MIN_CIN_FOR_LOOKUP: Final = 5  # "BK654321": shorter is still being typed
_LRI, _PDI = "\u2066", "\u2069"  # left-to-right isolate, pop directional isolate


class CinChecks(QObject):
    """The duplicate banner and the online check of the applicant step's CIN.

    ``page`` is the enrolment page (no lookup runs once it is closed); ``status_line`` shows
    a lookup that failed; ``skip_receipt`` gives the receipt of the enrolment being corrected,
    which is not a duplicate of itself.
    """

    def __init__(
        self,
        ctx: UiContext,
        page: QWidget,
        applicant: ApplicantStep,
        status_line: QLabel,
        skip_receipt: Callable[[], str | None],
    ) -> None:
        super().__init__(page)
        self.ctx = ctx
        self._page = page
        self.cin = applicant.cin
        self.check_button = applicant.check_button
        self.online_result = applicant.online_result
        self.duplicate_banner = applicant.duplicate_banner
        self._status_line = status_line
        self._skip_receipt = skip_receipt
        self.duplicate: EnrolmentRow | None = None
        self.activated_point = False
        self._checking_online = False
        self._generation = 0
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self._look_up)
        self.cin.textChanged.connect(self._cin_changed)
        self.check_button.clicked.connect(self.check_online)

    def set_activated(self, activated: bool) -> None:
        """The online check needs the point activated with the CNSS."""
        self.activated_point = activated
        self.check_button.setEnabled(activated)
        self.check_button.setToolTip(
            "" if activated else self.tr("Possible une fois le poste activé auprès de la CNSS.")
        )

    def reset(self) -> None:
        """Forget both answers (the next applicant); a lookup or check on its way is dropped."""
        self.duplicate = None
        self.duplicate_banner.hide()
        self.online_result.hide()
        self._lookup_timer.stop()
        self._generation += 1

    # --- the likely duplicate -------------------------------------------------------------

    def _cin_changed(self, _text: str) -> None:
        self.reset()
        cin = ids.normalise_cin(self.cin.text())
        if len(cin) >= _MIN_CIN_FOR_LOOKUP and not ids.check_cin(cin, "cin", required=True):
            self._lookup_timer.start()

    def _look_up(self) -> None:
        if not self._page.isVisible():
            return  # the page was closed meanwhile
        cin = ids.normalise_cin(self.cin.text())
        generation = self._generation
        store = self.ctx.store
        skip = self._skip_receipt()

        def look_up() -> list[EnrolmentRow]:
            return [
                row
                for row in find_enrolments(store, cin, limit=10)
                if row.cin == cin and row.receipt_no != skip
            ]

        self.ctx.op(look_up).success(lambda rows: self._show_duplicate(generation, rows)).failure(
            lambda error: self._lookup_failed(generation, error)
        ).run()

    def _show_duplicate(self, generation: int, rows: Sequence[EnrolmentRow]) -> None:
        if generation != self._generation or not rows:
            return
        row = rows[0]
        self.duplicate = row
        moment = row.created_at
        aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
        day = aware.astimezone(self.ctx.clock().tzinfo).date()
        # In Arabic, the receipt and the Latin name are each one left-to-right unit: without
        # isolates, the comma between them joins them into a single run, read in wrong order.
        rtl = self.ctx.lang == "ar"

        def isolated(text: str) -> str:
            return f"{_LRI}{text}{_PDI}" if rtl else text

        self.duplicate_banner.setText(
            "⚠ "
            + self.tr(
                "Ce CIN a déjà une inscription à ce point : reçu {receipt_no}, {name}, du {day}, "
                "statut « {status} ». Vérifiez avec l'assuré avant de continuer ; s'il s'agit "
                "bien d'une nouvelle demande, un motif sera demandé à l'enregistrement."
            ).format(
                receipt_no=isolated(row.receipt_no),
                name=isolated(f"{row.last_name} {row.first_name}"),
                day=isolated(format_date(day)),
                status=status_label(row.status, self.ctx.lang),
            )
        )
        self.duplicate_banner.show()

    def _lookup_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            say(self._status_line, failure_text(error, self.ctx.lang), problem=True)

    # --- the online check -----------------------------------------------------------------

    def check_online(self) -> None:
        """Ask the CNSS whether this CIN is already insured (network worker)."""
        cin = ids.normalise_cin(self.cin.text())
        if self._checking_online or not self.activated_point:
            return
        if not cin:
            self.online_result.setText(self.tr("Saisissez d'abord le CIN du demandeur."))
            self.online_result.show()
            self.cin.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._checking_online = True
        self.check_button.setEnabled(False)
        self.online_result.setText(self.tr("Interrogation de la CNSS…"))
        self.online_result.setStyleSheet("")
        self.online_result.show()
        store, clock, tasks, actor = self.ctx.store, self.ctx.clock, self.ctx.tasks, self.ctx.actor
        generation = self._generation

        def ask() -> InsuredCheck:
            return check_insured_online(
                store, cin, clock=clock, call_store=tasks.submit_db_blocking, actor=actor
            )

        def done(future: Future[InsuredCheck]) -> None:
            self._checking_online = False
            self.check_button.setEnabled(self.activated_point)
            if generation != self._generation:
                return  # the CIN changed meanwhile: the answer is not about it
            error = future.exception()
            if error is not None:
                self.online_result.setStyleSheet(f"color: {WARNING_COLOUR};")
                self.online_result.setText("⚠ " + failure_text(error, self.ctx.lang))
                return
            self._show_answer(future.result())

        tasks.run_net(ask, done)

    def _show_answer(self, answer: InsuredCheck) -> None:
        known = answer.state in ("insured", "enrolment_in_progress")
        self.online_result.setStyleSheet(f"color: {WARNING_COLOUR};" if known else "")
        self.online_result.setText(("⚠ " if known else "") + describe_check(answer, self.ctx.lang))
        self.online_result.show()
