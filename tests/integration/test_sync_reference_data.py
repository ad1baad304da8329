"""The centre is the source of reference data, and the counter never breaks on what it sends:
after a sync, an applicant enrols in a TNS category and sub-category the centre published; a
malformed category from the centre leaves the previous ones in place; a store that synced with
an older centre (categories without sub-categories) heals at its next sync."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from agent_app.services.demo_people import TNS_CATEGORIES as SEED_CATEGORIES
from agent_app.services.demo_people import TNS_CATEGORY_CODES
from agent_app.services.enrolments import enrol
from agent_app.services.recording import ProblemsError
from agent_app.services.reference import centre_parameters, reference_problems, tns_categories
from agent_app.services.sync import activate, run_sync
from agent_app.services.sync_outbox import REFERENCE_VERSION, StoreOutbox
from agent_app.store.models import ReferenceItem
from agent_app.store.repo import set_setting
from sync.protocol.canonical import canonical_bytes
from sync.protocol.schema import ReferenceDataItem
from sync.server import reference
from sync.server import store as centre_store
from tests.builders import enrolment_draft
from tests.sync.conftest import Central
from tests.sync.conftest import central as central  # the real centre, as a fixture here

CENTRE_CATEGORIES = {
    code: frozenset(sub[0] for sub in subs) for code, *_, subs in reference.TNS_CATEGORIES
}


@pytest.fixture
def centre_db(central: Central) -> Iterator[sa.Engine]:
    """The centre's own database, for publishing what its command line cannot."""
    engine = sa.create_engine(central.db_url)
    yield engine
    engine.dispose()


def publish_tns_category(engine: sa.Engine, code: str, payload: dict[str, object]) -> int:
    """Publish ``payload`` for category ``code`` as a new reference data version."""
    items = centre_store.reference_items
    with engine.begin() as connection:
        latest = connection.execute(
            sa.select(sa.func.max(centre_store.reference_versions.c.version))
        )
        version = int(latest.scalar() or 0) + 1
        connection.execute(
            centre_store.reference_versions.insert().values(
                version=version, published_at=centre_store.utc_now()
            )
        )
        connection.execute(
            sa.update(items)
            .where(items.c.kind == "tns_category", items.c.code == code)
            .values(payload=canonical_bytes(payload).decode("utf-8"), version=version)
        )
    return version


def stored_payload(store, code: str) -> dict[str, object]:
    with store.read() as session:
        payload = session.scalar(
            sa.select(ReferenceItem.payload).where(
                ReferenceItem.kind == "tns_category", ReferenceItem.code == code
            )
        )
    assert payload is not None
    loaded: dict[str, object] = json.loads(payload)
    return loaded


def test_the_centre_publishes_the_counters_category_codes_with_their_liaison_bodies():
    assert dict(TNS_CATEGORY_CODES) == CENTRE_CATEGORIES
    published = {
        code: payload for kind, code, payload in reference.seed_items() if kind == "tns_category"
    }
    bodies = {
        code: payload for kind, code, payload in reference.seed_items() if kind == "liaison_body"
    }
    for seed in SEED_CATEGORIES:
        payload = published[seed.code]
        assert (payload["label_fr"], payload["label_ar"]) == (seed.label_fr, seed.label_ar)
        assert payload["flat_income_centimes"] == seed.flat_income_centimes
        body = bodies[str(payload["liaison_body"])]
        assert payload["liaison_body_fr"] == body["fr"] == seed.liaison_body_fr
        assert (payload["liaison_body_ar"], payload["liaison_body_en"]) == (body["ar"], body["en"])
    # Every liaison body published is one a category answers to.
    assert set(bodies) == {payload["liaison_body"] for payload in published.values()}


def test_after_a_sync_an_applicant_enrols_in_a_category_the_centre_published(
    store, supervisor, clerk, clock, central
):
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)

    report = run_sync(store, clock=clock)

    assert report.ok and report.reference_version == "1", report
    with store.read() as session:
        assert tns_categories(session) == CENTRE_CATEGORIES
    fishers = stored_payload(store, "PEC")
    assert fishers["label_en"] == "Small-scale fishers"  # only the centre has English labels
    assert fishers["liaison_body"] == "CHAMBRE-PECHES"
    draft = enrolment_draft(category_code="PEC", subcategory_code="PEC02")
    recorded = enrol(store, clerk, draft, clock=clock)
    assert recorded.receipt_no.startswith("CASA01-")
    # It travels and the centre, which published the category, accepts it.
    second = run_sync(store, force_seal=True, clock=clock)
    assert second.ok and second.accepted >= 1 and second.rejected == 0, second


def test_a_malformed_category_from_the_centre_leaves_the_previous_ones_and_enrolment_works(
    store, supervisor, clerk, clock, central, centre_db, caplog
):
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    assert run_sync(store, clock=clock).ok
    before = stored_payload(store, "COM")
    # Labels only, as an older centre published them: no sub-categories, no flat income.
    publish_tns_category(centre_db, "COM", {"fr": "Commerçants", "en": "Traders"})
    central.cli(
        "set-parameter",
        "--data-dir",
        str(central.data_dir),
        "--db",
        central.db_url,
        "--code",
        "deposit_deadline_months",
        "--value",
        "3",
    )

    with caplog.at_level(logging.WARNING, logger="agent_app.services.sync_outbox"):
        report = run_sync(store, clock=clock)

    assert report.ok and report.reference_version == "3", report
    assert stored_payload(store, "COM") == before
    with store.read() as session:
        assert tns_categories(session) == CENTRE_CATEGORIES
        assert centre_parameters(session)["deposit_deadline_months"] == 3  # the rest applied
    # Not recorded: the store still holds version 1's categories, and asks again next pass.
    assert StoreOutbox(store, clock).reference_version() == "1"
    warning = " ".join(r.getMessage() for r in caplog.records if "tns_category" in r.getMessage())
    assert "COM: subcategories" in warning and "Commerçants" not in warning
    enrol(store, clerk, enrolment_draft(category_code="COM", subcategory_code="COM03"), clock=clock)
    # Every later pass gets the whole set again rather than a 304 for the version it holds.
    assert run_sync(store, clock=clock).reference_version == "3"


def test_a_store_that_synced_with_an_older_centre_heals_at_its_next_sync(
    store, supervisor, clerk, clock, central
):
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)
    assert run_sync(store, clock=clock).ok
    with store.write() as session:  # what an older centre's version 1 left in the store
        session.execute(
            sa.update(ReferenceItem)
            .where(ReferenceItem.kind == "tns_category")
            .values(payload=json.dumps({"fr": "Catégorie", "en": "Category"}))
        )
        set_setting(session, REFERENCE_VERSION, "1")

    with pytest.raises(ProblemsError) as refused:  # refused as a problem, not a KeyError
        enrol(store, clerk, enrolment_draft(), clock=clock)
    assert "enrolment.categories_not_loaded" in [p.code for p in refused.value.problems]
    assert StoreOutbox(store, clock).reference_version() is None

    assert run_sync(store, clock=clock).ok

    enrol(store, clerk, enrolment_draft(), clock=clock)
    assert StoreOutbox(store, clock).reference_version() == "1"


def _category(**changes: object) -> ReferenceDataItem:
    payload = reference.tns_category_payload(reference.TNS_CATEGORIES[0]) | changes
    return ReferenceDataItem("tns_category", reference.TNS_CATEGORIES[0][0], 2, payload)


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"subcategories": []}, "subcategories"),
        (
            {"subcategories": [{"code": "COM01", "label_fr": "Épicerie"}]},
            "subcategories[0].label_ar",
        ),
        ({"flat_income_centimes": "3000"}, "flat_income_centimes"),
        ({"label_ar": ""}, "label_ar"),
    ],
)
def test_a_category_payload_the_counter_cannot_use_is_not_applied(store, clock, changes, named):
    outbox = StoreOutbox(store, clock)
    with store.read() as session:
        seeded = tns_categories(session)
    rejection = ReferenceDataItem("rejection_code", "late_deposit", 2, {"stage": "ingest"})

    outbox.apply_reference_data("2", [_category(**changes), rejection])

    with store.read() as session:
        assert tns_categories(session) == seeded
        kinds = dict(
            session.execute(
                sa.select(ReferenceItem.kind, sa.func.count()).group_by(ReferenceItem.kind)
            ).all()
        )
    assert kinds["rejection_code"] == 1  # the usable kind was applied
    assert outbox.reference_version() is None
    assert f"COM: {named}" in reference_problems("tns_category", [_category(**changes)])


def test_a_category_twice_in_the_centres_answer_is_not_applied(store, clock):
    outbox = StoreOutbox(store, clock)
    with store.read() as session:
        seeded = tns_categories(session)

    outbox.apply_reference_data("2", [_category(), _category()])

    with store.read() as session:
        assert tns_categories(session) == seeded
    outbox.apply_reference_data("3", [_category()])
    with store.read() as session:
        assert tns_categories(session) == {"COM": CENTRE_CATEGORIES["COM"]}
    assert outbox.reference_version() == "3"
