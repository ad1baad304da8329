"""Take the README's screenshots: every page in French and Arabic, on a demo point.

Run under a real X server (``make screenshots`` wraps this in ``xvfb-run``): a fresh demo
store is made in a temporary directory, filled with demo data, and each page of the main
window is shown at 1280×800 and grabbed, then a claim receipt, an enrolment receipt and the
shipment slip are printed to PDF and turned into PNG with ``pdftoppm``. For the sync page,
the point is activated with a throwaway reference centre (``python -m sync.server serve`` on
127.0.0.1) and synced once, so the page shows real batches, a rejected deposit to correct and
CNSS's first updates; the centre is stopped before any window is shot.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from agent_app.domain.model import (
    Address,
    CareCategory,
    CareType,
    ChecklistItem,
    ClaimDraft,
    DependentDraft,
    DependentRelationship,
    EnrolmentDraft,
    FormType,
    Relationship,
    RequestKind,
    Role,
    Sex,
)
from agent_app.i18n import Lang
from agent_app.services.claims import record_claim
from agent_app.services.context import OPERATOR, Actor
from agent_app.services.demo_data import generate
from agent_app.services.lookup import list_claims
from agent_app.services.point import initialise, point_identity
from agent_app.services.receipts import receipt_for
from agent_app.services.shipments import close_shipment, shipment_slip
from agent_app.services.sync import activate, run_sync
from agent_app.services.users import add_user, authenticate
from agent_app.store.engine import Store
from agent_app.store.models import Claim, Enrolment
from agent_app.ui.app import build_main_window
from agent_app.ui.context import UiContext
from agent_app.ui.i18n import apply_language, apply_style
from agent_app.ui.pages.enrolment import EnrolmentPage
from agent_app.ui.pages.enrolment.documents import SCANNER_FOLDER_SETTING
from agent_app.ui.pages.lookup import LookupPage
from agent_app.ui.printing import Layout, receipt_pdf, shipment_pdf
from agent_app.ui.tasks import TaskManager

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
# A store that lives for the length of this script, in a temporary directory.
THROWAWAY_PASSPHRASE = "screenshots-passphrase"  # noqa: S105
CENTRE_PASSPHRASE = "screenshots-centre-passphrase"  # noqa: S105
PAGES = ("deposit", "enrolment", "lookup", "shipments", "day-report", "sync", "supervision")
ENROLMENT_STEPS = ("applicant", "addresses", "dependents", "documents", "notice", "review")
ROOT = Path(__file__).resolve().parents[1]


def settle(app: QApplication, tasks: TaskManager, rounds: int = 40) -> None:
    """Let background jobs finish and their callbacks repaint the window."""
    for _ in range(rounds):
        app.processEvents()
        if tasks.pending == 0:
            break
        tasks.submit_db_blocking(lambda: None)
    for _ in range(10):
        app.processEvents()


def pdf_to_png(pdf: Path, png: Path) -> None:
    stem = png.with_suffix("")
    subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(stem)],  # noqa: S607
        check=True,
    )


def centre_env() -> dict[str, str]:
    # The throwaway centre's keys are encrypted on disk like a real one's.
    return {**os.environ, "GAMO_CENTRE_PASSPHRASE": CENTRE_PASSPHRASE}


def centre_cli(centre_dir: Path, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own server's CLI, fixed arguments
        [sys.executable, "-m", "sync.server", *args, "--data-dir", str(centre_dir)],
        cwd=ROOT,
        env=centre_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@contextmanager
def reference_centre(centre_dir: Path) -> Iterator[str]:
    """A reference centre on a free loopback port, for as long as the block runs: its URL."""
    centre_dir.mkdir(parents=True)
    port_file = centre_dir / "port"
    with (centre_dir / "server.log").open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
            [
                *(sys.executable, "-m", "sync.server", "serve", "--data-dir", str(centre_dir)),
                *("--port", "0", "--port-file", str(port_file)),
            ],
            cwd=ROOT,
            env=centre_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(600):
                if port_file.exists() or server.poll() is not None:
                    break
                time.sleep(0.1)
            if not port_file.exists():
                raise RuntimeError("the reference centre did not start")
            yield f"http://127.0.0.1:{int(port_file.read_text(encoding='ascii'))}"
        finally:
            server.terminate()
            server.wait(timeout=30)


def sheet(immatriculation: str, name: str, cin: str, first_act: dt.date) -> ClaimDraft:
    """A complete care sheet of the insured's own care."""
    return ClaimDraft(
        form_type=FormType.GENERAL,
        request_kind=RequestKind.EXECUTION,
        insured_immatriculation=immatriculation,
        insured_name=name,
        insured_cin=cin,
        beneficiary_relationship=Relationship.SELF,
        beneficiary_name=name,
        beneficiary_birth_date=dt.date(1979, 6, 2),
        beneficiary_sex=Sex.FEMALE,
        beneficiary_cin=cin,
        care_type=CareType.ILLNESS,
        care_categories=frozenset({CareCategory.CONSULTATION, CareCategory.PHARMACY}),
        first_act_date=first_act,
        end_of_treatment_date=None,
        declared_amount_centimes=61_250,
        document_count=4,
        prescriber_inpe="112233445",
        facility_inpe=None,
        fse_number=None,
        checklist=frozenset(ChecklistItem),
    )


def sync_with_a_centre(store: Store, data: Path, actor: Actor) -> None:
    """Activate, send everything, have CNSS process part of it, fetch its news."""
    centre_dir = data.parent / "centre"
    today = dt.date.today()
    with reference_centre(centre_dir) as url:
        code = centre_cli(centre_dir, "issue-activation", "--point-code", "CASA1").split()[-1]
        activate(store, actor, url, code)
        # One deposit the centre rejects: late, its reason lost (as an older version could).
        late_sheet = sheet("187654321", "EL FASSI Amina", "BK765432", today - dt.timedelta(95))
        late = record_claim(store, actor, late_sheet, {"claim.late_deposit": "Hospitalisation"})
        with store.write() as session:
            session.execute(sa.update(Claim).where(Claim.id == late.id).values(confirmations="{}"))
        run_sync(store, force_seal=True)
        centre_cli(centre_dir, "simulate-processing", "--seed", "7", "--steps", "3")
        run_sync(store)
    # Recorded after the centre went away: the page also shows what waits for the link.
    fresh = sheet("176543219", "SQALLI Hind", "BE246813", today - dt.timedelta(days=3))
    record_claim(store, actor, fresh)


def enrolment_with_family(store: Store) -> tuple[str, str]:
    """The receipt number and CIN of a demo enrolment with the most dependents."""
    with store.read() as session:
        enrolments = session.scalars(sa.select(Enrolment).order_by(Enrolment.seq)).all()
        chosen = max(enrolments, key=lambda enrolment: len(enrolment.dependents))
        return chosen.receipt_no, chosen.cin


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # noqa: S101
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "point"
        store = initialise(
            data,
            "CASA1",
            "Casablanca Maârif",
            lambda: THROWAWAY_PASSPHRASE,
            key_method="passphrase",
            scrypt_log2_n=14,
        )
        add_user(store, OPERATOR, "chef", "superviseur-demo", Role.SUPERVISOR, "Nadia Berrada")
        generate(store, 1500, 12, seed=7)
        actor = authenticate(store, "chef", "superviseur-demo")
        shipment = close_shipment(store, actor, all_unshipped=True)
        sync_with_a_centre(store, data, actor)
        newest = list_claims(store, limit=1)[0].receipt_no
        enrolment_receipt, enrolled_cin = enrolment_with_family(store)
        code, name = point_identity(store)
        for lang in ("fr", "ar"):
            shoot(app, store, data, lang, actor, code, name, enrolled_cin)
            with tempfile.TemporaryDirectory() as pdfs:
                pdf = Path(pdfs) / "receipt.pdf"
                receipt_pdf(receipt_for(store, newest, lang), pdf, Layout.THERMAL_80MM)
                pdf_to_png(pdf, OUT / f"receipt-80mm-{lang}.png")
                enrolment_pdf = Path(pdfs) / "enrolment.pdf"
                receipt_pdf(
                    receipt_for(store, enrolment_receipt, lang), enrolment_pdf, Layout.THERMAL_80MM
                )
                pdf_to_png(enrolment_pdf, OUT / f"receipt-enrolment-{lang}.png")
                slip_pdf = Path(pdfs) / "slip.pdf"
                shipment_pdf(shipment_slip(store, shipment.number, lang), slip_pdf)
                pdf_to_png(slip_pdf, OUT / f"shipment-slip-{lang}.png")
        store.close()
    print(f"screenshots written to {OUT}")
    return 0


def shoot(  # type: ignore[no-untyped-def]
    app: QApplication, store, data: Path, lang: Lang, actor, code: str, name: str, cin: str
) -> None:
    apply_language(app, lang)
    tasks = TaskManager()
    ctx = UiContext(
        store=store,
        tasks=tasks,
        data_dir=data,
        lang=lang,
        actor=actor,
        point_code=code,
        point_name=name,
    )
    settings = QSettings(str(data / "ui.ini"), QSettings.Format.IniFormat)
    window, _ = build_main_window(ctx, settings)
    window.resize(1280, 800)
    window.show()
    settle(app, tasks)
    for index, page_name in enumerate(PAGES):
        window.show_page(index)
        settle(app, tasks)
        page = window.stack.currentWidget()
        if isinstance(page, EnrolmentPage):
            shoot_enrolment_steps(app, tasks, window, page, data, lang)
            shoot_duplicate_banner(app, tasks, window, page, lang, cin)
            continue
        if isinstance(page, LookupPage):
            page.search_box.setText("BENNANI")
            page.search()
            settle(app, tasks)
            page.table.selectRow(0)
            settle(app, tasks)
        window.grab().save(str(OUT / f"{page_name}-{lang}.png"))
    window.close()
    tasks.shutdown()


def applicant_draft(today: dt.date) -> EnrolmentDraft:
    """A shopkeeper with a spouse, a student son and a son of 23 who is not a student (the
    review step then shows the age rule's problem, as a clerk would meet it)."""
    home = Address("27 Rue Moulay Youssef", "Maârif", "Casablanca", "Casablanca", "20330")

    def born(years: int, month: int = 3) -> dt.date:
        return dt.date(today.year - years, month, 15)

    return EnrolmentDraft(
        last_name="TAZI",
        first_name="Rachid",
        last_name_ar=None,
        first_name_ar=None,
        cin="BE482913",
        immatriculation=None,
        nationality="MA",
        mobile_phone="0661472583",
        email=None,
        category_code="COM",
        subcategory_code="COM03",
        sex=Sex.MALE,
        birth_date=born(52, 6),
        personal_address=home,
        professional_address=home,
        signature_place="Casablanca",
        signature_date=today,
        notice_acknowledged=False,
        dependents=(
            DependentDraft(
                DependentRelationship.SPOUSE, "TAZI", "Naima", born(47), Sex.FEMALE, "BE519377"
            ),
            DependentDraft(
                DependentRelationship.CHILD,
                "TAZI",
                "Mehdi",
                born(24, 1),
                Sex.MALE,
                is_student=True,
            ),
            DependentDraft(DependentRelationship.CHILD, "TAZI", "Ilyas", born(23, 1), Sex.MALE),
        ),
    )


def shoot_enrolment_steps(  # type: ignore[no-untyped-def]
    app: QApplication, tasks: TaskManager, window, page: EnrolmentPage, data: Path, lang: Lang
) -> None:
    """Each step of the enrolment page with an applicant typed in, and one scan chosen."""
    folder = data.parent / "scanner"
    folder.mkdir(exist_ok=True)
    recto = folder / "cin-recto.png"
    if not recto.exists():
        card = Image.new("RGB", (1200, 760), (236, 240, 245))
        card.paste((31, 95, 153), (0, 0, 1200, 140))
        card.save(recto, format="PNG")
    page.settings.setValue(SCANNER_FOLDER_SETTING, str(folder))
    page.clear_form()
    page.fill_form(applicant_draft(dt.date.today()))
    page.documents.refresh_folder()
    page.documents.add_file(recto)
    settle(app, tasks)
    for index, step in enumerate(ENROLMENT_STEPS):
        page.go_to_step(index)
        settle(app, tasks)
        window.grab().save(str(OUT / f"enrolment-{step}-{lang}.png"))


def shoot_duplicate_banner(  # type: ignore[no-untyped-def]
    app: QApplication, tasks: TaskManager, window, page: EnrolmentPage, lang: Lang, cin: str
) -> None:
    """The applicant step when the CIN typed was already enrolled at this point."""
    page.clear_form()
    page.fill_form(dataclasses.replace(applicant_draft(dt.date.today()), cin=cin))
    page.go_to_step(0)
    deadline = time.monotonic() + 10
    while not page.duplicate_banner.isVisible() and time.monotonic() < deadline:
        settle(app, tasks)  # the lookup waits for the clerk to stop typing, then reads
        time.sleep(0.05)
    if not page.duplicate_banner.isVisible():
        raise RuntimeError("the duplicate banner did not show")
    settle(app, tasks)
    window.grab().save(str(OUT / f"enrolment-duplicate-{lang}.png"))
    page.clear_form()


if __name__ == "__main__":
    raise SystemExit(main())
