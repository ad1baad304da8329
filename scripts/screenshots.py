"""Take the README's screenshots: every page in French and Arabic, on a demo point.

Run under a real X server (``make screenshots`` wraps this in ``xvfb-run``): a fresh demo
store is made in a temporary directory, filled with demo data, and each page of the main
window is shown at 1280×800 and grabbed, then the receipt and the shipment slip are printed
to PDF and turned into PNG with ``pdftoppm``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from agent_app.domain.model import Role
from agent_app.i18n import Lang
from agent_app.services.context import OPERATOR
from agent_app.services.demo_data import generate
from agent_app.services.lookup import list_claims
from agent_app.services.point import initialise, point_identity
from agent_app.services.receipts import receipt_for
from agent_app.services.shipments import close_shipment, shipment_slip
from agent_app.services.users import add_user, authenticate
from agent_app.ui.app import build_main_window
from agent_app.ui.context import UiContext
from agent_app.ui.i18n import apply_language, apply_style
from agent_app.ui.pages.lookup import LookupPage
from agent_app.ui.printing import Layout, receipt_pdf, shipment_pdf
from agent_app.ui.tasks import TaskManager

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
# A store that lives for the length of this script, in a temporary directory.
THROWAWAY_PASSPHRASE = "screenshots-passphrase"  # noqa: S105
PAGES = ("deposit", "lookup", "shipments", "day-report", "supervision")


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
        newest = list_claims(store, limit=1)[0].receipt_no
        code, name = point_identity(store)
        for lang in ("fr", "ar"):
            shoot(app, store, data, lang, actor, code, name)
            receipt = receipt_for(store, newest, lang)
            with tempfile.TemporaryDirectory() as pdfs:
                pdf = Path(pdfs) / "receipt.pdf"
                receipt_pdf(receipt, pdf, Layout.THERMAL_80MM)
                pdf_to_png(pdf, OUT / f"receipt-80mm-{lang}.png")
                slip_pdf = Path(pdfs) / "slip.pdf"
                shipment_pdf(shipment_slip(store, shipment.number, lang), slip_pdf)
                pdf_to_png(slip_pdf, OUT / f"shipment-slip-{lang}.png")
        store.close()
    print(f"screenshots written to {OUT}")
    return 0


def shoot(app: QApplication, store, data: Path, lang: Lang, actor, code: str, name: str) -> None:  # type: ignore[no-untyped-def]
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
        if isinstance(page, LookupPage):
            page.search_box.setText("BENNANI")
            page.search()
            settle(app, tasks)
            page.table.selectRow(0)
            settle(app, tasks)
        window.grab().save(str(OUT / f"{page_name}-{lang}.png"))
    window.close()
    tasks.shutdown()


if __name__ == "__main__":
    raise SystemExit(main())
