"""The lookup page: every kind of query finds the deposit, a million rows stay lazy, the
selected deposit shows its history, a reprint is asked for, a supervisor voids."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from agent_app.domain.model import ClaimStatus
from agent_app.services import demo_data
from agent_app.services.claims import record_claim, void_claim
from agent_app.services.lookup import claim_ids
from agent_app.ui.models.claims_table import CLAIM_ROLE, LOADING, ClaimsTableModel, Column
from agent_app.ui.pages.lookup import LookupPage
from tests.builders import claim_draft
from tests.ui.conftest import wait_for_tasks


@pytest.fixture
def two_claims(store, clerk, clock):
    """Two deposits of different people; returns the first one's receipt number."""
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
            declared_amount_centimes=12_000,
        ),
        clock=clock,
    )
    return first.receipt_no


def open_page(qtbot, ctx) -> LookupPage:
    page = LookupPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def search(qtbot, ctx, page: LookupPage, text: str) -> None:
    page.search_box.setText(text)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    wait_for_tasks(qtbot, ctx)


def shown(qtbot, ctx, page: LookupPage, row: int, column: Column) -> str:
    """The cell's text once its page has been read."""
    index = page.model.index(row, column)
    page.model.data(index)
    wait_for_tasks(qtbot, ctx)
    return str(page.model.data(index))


@pytest.mark.parametrize(
    "query",
    ["receipt", "123456789", "BE123456", "bennani", "Bennani You", "be 123456"],
)
def test_each_kind_of_query_finds_the_deposit(qtbot, ctx, two_claims, query):
    page = open_page(qtbot, ctx)
    search(qtbot, ctx, page, two_claims if query == "receipt" else query)
    assert page.model.rowCount() == 1
    assert shown(qtbot, ctx, page, 0, Column.RECEIPT) == two_claims
    assert shown(qtbot, ctx, page, 0, Column.INSURED) == "BENNANI Youssef"
    assert shown(qtbot, ctx, page, 0, Column.AMOUNT) == "450,00 DH"
    assert shown(qtbot, ctx, page, 0, Column.STATUS) == "enregistré"
    assert shown(qtbot, ctx, page, 0, Column.DEPOSITED) == "20/11/2026 10:30"
    # A single result is selected at once, with its history.
    wait_for_tasks(qtbot, ctx)
    assert page.selected is not None and page.selected.receipt_no == two_claims


def test_an_empty_search_lists_every_deposit_newest_first(qtbot, ctx, two_claims):
    page = open_page(qtbot, ctx)
    page.activated()
    wait_for_tasks(qtbot, ctx)
    assert page.model.rowCount() == 2
    assert shown(qtbot, ctx, page, 1, Column.RECEIPT) == two_claims
    assert "Tous les dépôts : 2" in page.count_label.text()


def test_a_search_that_finds_nothing_says_so(qtbot, ctx, two_claims):
    page = open_page(qtbot, ctx)
    search(qtbot, ctx, page, "111222333")
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "Aucun dépôt ne correspond à « 111222333 »."
    assert page.selected is None
    assert not page.reprint_button.isEnabled()


def test_browsing_3000_deposits_reads_only_the_pages_on_screen(qtbot, ctx, store, clock):
    demo_data.generate(store, 3000, 0, seed=1, clock=clock)
    page = open_page(qtbot, ctx)
    page.activated()
    wait_for_tasks(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.cached_pages >= 1)
    wait_for_tasks(qtbot, ctx)
    assert page.model.rowCount() == 3000
    assert page.model.pages_requested == 1  # 200 rows per page: the screen shows fewer
    newest = claim_ids(store, None, limit=1)[0]
    assert page.model.data(page.model.index(0, 0), CLAIM_ROLE).id == newest

    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.cached_claim(2999) is not None)
    wait_for_tasks(qtbot, ctx)
    assert page.model.pages_requested == 2
    assert page.model.cached_pages == 2


def test_a_row_not_read_yet_shows_a_placeholder_and_is_read_once(qtbot, ctx, store, clock):
    demo_data.generate(store, 450, 0, seed=2, clock=clock)
    model = ClaimsTableModel(ctx, page_size=100, max_pages=2)
    model.search("")
    wait_for_tasks(qtbot, ctx)
    assert model.rowCount() == 450
    index = model.index(120, Column.RECEIPT)
    assert model.data(index) == LOADING
    assert model.data(model.index(150, Column.INSURED)) == ""  # same page: not asked again
    assert model.pages_requested == 1
    with qtbot.waitSignal(model.dataChanged):
        wait_for_tasks(qtbot, ctx)
    assert model.data(index).startswith("CASA01-")
    # The cache keeps two pages: the third read evicts the least recently used one.
    for row in (0, 440):
        model.data(model.index(row, 0))
        wait_for_tasks(qtbot, ctx)
    assert model.cached_pages == 2
    assert model.cached_claim(120) is None
    assert model.cached_claim(0) is not None


def test_the_claims_model_passes_qtmodeltester(qtbot, qtmodeltester, ctx, store, clock):
    demo_data.generate(store, 300, 0, seed=3, clock=clock)
    model = ClaimsTableModel(ctx, page_size=50)
    qtmodeltester.check(model)
    model.search("")
    wait_for_tasks(qtbot, ctx)
    for row in range(0, 300, 40):
        model.data(model.index(row, 0))
    wait_for_tasks(qtbot, ctx)
    qtmodeltester.check(model)
    model.invalidate()
    model.search("zzz")
    wait_for_tasks(qtbot, ctx)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_selecting_a_deposit_shows_its_timeline(qtbot, ctx, store, supervisor, clock, two_claims):
    clock.advance(minutes=20)
    void_claim(store, supervisor, two_claims, "feuille de soins d'un autre assuré", clock=clock)
    page = open_page(qtbot, ctx)
    search(qtbot, ctx, page, "")
    page.table.selectRow(1)
    wait_for_tasks(qtbot, ctx)
    assert page.selected is not None and page.selected.receipt_no == two_claims
    timeline = page.timeline
    assert timeline.topLevelItemCount() == 2
    first, second = timeline.topLevelItem(0), timeline.topLevelItem(1)
    assert [first.text(0), first.text(1), first.text(4)] == [
        "20/11/2026 10:30",
        "enregistré",
        "guichet (agent1)",
    ]
    assert [second.text(0), second.text(1), second.text(2), second.text(4)] == [
        "20/11/2026 10:50",
        "annulé",
        "feuille de soins d'un autre assuré",
        "guichet (chef)",
    ]
    assert page.detail_status.text() == "annulé"
    assert page.detail_amount.text() == "450,00 DH"


def test_ctrl_p_asks_for_a_reprint_of_the_selected_receipt(qtbot, ctx, two_claims):
    page = open_page(qtbot, ctx)
    search(qtbot, ctx, page, two_claims)
    assert page.reprint_button.isEnabled()
    assert "Ctrl+P" in page.reprint_button.text()
    page.activateWindow()
    page.table.setFocus()
    with qtbot.waitSignal(page.reprint_requested, timeout=2000) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [two_claims]


def test_a_clerk_cannot_void(qtbot, ctx, two_claims):
    page = open_page(qtbot, ctx)
    search(qtbot, ctx, page, two_claims)
    assert page.void_button.isHidden()


def test_a_supervisor_voids_the_selected_deposit_with_a_reason(qtbot, ctx, supervisor, two_claims):
    ctx.actor = supervisor
    page = open_page(qtbot, ctx)
    search(qtbot, ctx, page, two_claims)
    assert page.void_button.isVisible() and page.void_button.isEnabled()
    page.void_selected("dépôt en double")
    wait_for_tasks(qtbot, ctx)
    assert page.message.text() == f"Dépôt {two_claims} annulé."
    assert page.selected is not None and page.selected.status == ClaimStatus.VOIDED
    assert page.timeline.topLevelItem(1).text(2) == "dépôt en double"
    assert shown(qtbot, ctx, page, 0, Column.STATUS) == "annulé"
    assert not page.void_button.isEnabled()


def test_voiding_without_a_reason_is_refused_with_a_message(qtbot, ctx, supervisor, two_claims):
    ctx.actor = supervisor
    page = open_page(qtbot, ctx)
    search(qtbot, ctx, page, two_claims)
    page.void_selected("   ")
    wait_for_tasks(qtbot, ctx)
    assert page.message.text() == "Indiquez le motif de l'annulation."
    assert page.selected is not None and page.selected.status == ClaimStatus.RECORDED


def test_a_new_search_clears_the_deposit_shown_below(qtbot, ctx, two_claims):
    page = open_page(qtbot, ctx)
    search(qtbot, ctx, page, two_claims)
    assert page.selected is not None
    page.activated()  # coming back to the page refreshes the same search: kept
    wait_for_tasks(qtbot, ctx)
    assert page.selected is not None and page.selected.receipt_no == two_claims
    search(qtbot, ctx, page, "")
    assert page.selected is None
    assert page.timeline.topLevelItemCount() == 0
    assert not page.reprint_button.isEnabled()
