"""The day report: counts and total, the chart (both directions), CSV export, closing the
day (supervisor only) and the alerts for deposits CNSS has not acknowledged in 24 hours."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPalette

from agent_app.domain.model import CareType, Sex
from agent_app.services.claims import record_claim, void_claim
from agent_app.services.days import is_day_closed
from agent_app.ui.chart import BarChart
from agent_app.ui.pages.day_report import DayReportPage
from tests.builders import claim_draft
from tests.ui.conftest import wait_for_tasks


@pytest.fixture
def deposits(store, clerk, supervisor, clock):
    """Three deposits today: an illness, a maternity, and a voided one."""
    first = record_claim(store, clerk, claim_draft(), clock=clock)
    record_claim(
        store,
        clerk,
        claim_draft(
            insured_immatriculation="987654321",
            insured_name="ALAOUI Fatima",
            insured_cin="AB998877",
            beneficiary_name="ALAOUI Fatima",
            beneficiary_cin="AB998877",
            beneficiary_sex=Sex.FEMALE,
            care_type=CareType.MATERNITY,
            declared_amount_centimes=123_456,
            document_count=5,
        ),
        clock=clock,
    )
    third = record_claim(
        store, clerk, claim_draft(insured_immatriculation="555666777"), clock=clock
    )
    void_claim(store, supervisor, third.receipt_no, "erreur de saisie", clock=clock)
    return first.receipt_no


def open_page(qtbot, ctx) -> DayReportPage:
    page = DayReportPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activated()
    wait_for_tasks(qtbot, ctx)
    return page


def test_the_day_shows_its_counts_and_declared_total(qtbot, ctx, deposits):
    page = open_page(qtbot, ctx)
    assert page.claims_value.text() == "2"
    assert page.total_value.text() == "1.684,56 DH"
    assert page.documents_value.text() == "8"
    assert page.voided_value.text() == "1"
    assert page.enrolments_value.text() == "0"
    assert page.chart.bars == [
        ("maladie", 1),
        ("maternité", 1),
        ("hospitalisation", 0),
        ("accident", 0),
    ]
    statuses = [
        (page.status_list.topLevelItem(i).text(0), page.status_list.topLevelItem(i).text(1))
        for i in range(page.status_list.topLevelItemCount())
    ]
    assert statuses == [("enregistré", "2"), ("annulé", "1")]
    assert page.closure_label.text() == "Journée du 20/11/2026 ouverte : pas encore clôturée."


def test_another_day_shows_its_own_totals(qtbot, ctx, deposits):
    page = open_page(qtbot, ctx)
    page.day_edit.setDate(QDate(2026, 11, 19))
    wait_for_tasks(qtbot, ctx)
    assert page.claims_value.text() == "0"
    assert page.total_value.text() == "0,00 DH"
    assert page.status_list.topLevelItemCount() == 0
    page.show_today()
    wait_for_tasks(qtbot, ctx)
    assert page.claims_value.text() == "2"


def test_the_chart_renders(qtbot, ctx, deposits):
    page = open_page(qtbot, ctx)
    image = page.chart.grab()
    assert not image.isNull()
    assert image.width() > 100 and image.height() > 50
    assert "maladie: 1" in page.chart.accessibleDescription()


def highlighted_columns(chart: BarChart, y: int) -> set[int]:
    image = chart.grab().toImage()
    colour = chart.palette().color(QPalette.ColorRole.Highlight).rgb()
    return {x for x in range(image.width()) if image.pixel(x, y) == colour}


def test_the_chart_mirrors_for_right_to_left(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(400, 120)
    chart.set_bars([("maladie", 4), ("maternité", 2)])
    left_to_right = highlighted_columns(chart, 20)
    chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    right_to_left = highlighted_columns(chart, 20)
    assert left_to_right and min(left_to_right) > 40  # the label comes first
    assert right_to_left == {chart.width() - 1 - x for x in left_to_right}


def test_an_empty_chart_says_so(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars([], empty_text="Aucun dépôt ce jour.")
    assert not chart.grab().isNull()
    assert chart.accessibleDescription() == "Aucun dépôt ce jour."


def test_the_export_writes_the_days_deposits(qtbot, ctx, supervisor, deposits, tmp_path):
    ctx.actor = supervisor
    page = open_page(qtbot, ctx)
    assert page.export_button.isVisible()
    target = tmp_path / "depots.csv"
    page.export_csv(target)
    wait_for_tasks(qtbot, ctx)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows) == 4
    assert rows[1][0] == deposits
    assert [row[10] for row in rows[1:]] == ["enregistré", "enregistré", "annulé"]
    assert page.message.text() == f"3 dépôt(s) du 20/11/2026 exporté(s) dans {target}."


def test_a_supervisor_closes_the_day(qtbot, ctx, store, supervisor, deposits, clock):
    ctx.actor = supervisor
    clock.advance(hours=8)
    page = open_page(qtbot, ctx)
    assert page.close_button.isVisible() and page.close_button.isEnabled()
    page.close_selected_day()
    wait_for_tasks(qtbot, ctx)
    assert is_day_closed(store, clock.now.date())
    assert page.closure_label.text() == (
        "Journée du 20/11/2026 clôturée le 20/11/2026 à 18:30 par chef."
    )
    assert not page.close_button.isEnabled()
    # Coming back to the page later still says so.
    again = open_page(qtbot, ctx)
    assert again.closure_label.text() == page.closure_label.text()
    assert not again.close_button.isEnabled()


def test_a_clerk_does_not_close_the_day(qtbot, ctx, store, deposits, clock):
    page = open_page(qtbot, ctx)
    assert page.close_button.isHidden()
    assert page.export_button.isHidden()
    page.close_selected_day()
    wait_for_tasks(qtbot, ctx)
    assert page.message.text() == "Cette action est réservée au superviseur."
    assert not is_day_closed(store, clock.now.date())


def test_a_deposit_without_acknowledgement_after_24_hours_is_an_alert(
    qtbot, ctx, store, clerk, clock
):
    old = record_claim(store, clerk, claim_draft(), clock=clock)
    clock.advance(hours=22)
    record_claim(store, clerk, claim_draft(insured_immatriculation="987654321"), clock=clock)
    page = open_page(qtbot, ctx)
    assert page.alerts_list.topLevelItemCount() == 0
    assert page.alerts_label.objectName() == "notice"

    clock.advance(hours=3)
    page.refresh()
    wait_for_tasks(qtbot, ctx)

    assert page.alerts is not None and page.alerts.total == 1
    item = page.alerts_list.topLevelItem(0)
    assert [item.text(i) for i in range(4)] == [
        old.receipt_no,
        "20/11/2026 10:30",
        "1 j 1 h",
        "enregistré",
    ]
    assert page.alerts_label.text().startswith("1 dépôt(s) de plus de 24 h sans accusé")
    assert page.alerts_label.objectName() == "problem"
