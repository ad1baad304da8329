"""Reference data the rules need: TNS categories and sub-categories, care categories.

The centre is the source of reference data (pulled by version with sync). Until a point has
synced once, its store is seeded at ``init`` with version 0: the bundled demo tables, which
a first sync replaces.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.domain.model import CareCategory
from agent_app.services.demo_people import TNS_CATEGORIES
from agent_app.store.models import ReferenceItem
from agent_app.store.repo import set_setting

SEED_VERSION = 0


def seed_reference_data(session: Session) -> None:
    for category in TNS_CATEGORIES:
        code, label_fr, label_ar, liaison_fr, flat_income, subcategories = category
        payload = {
            "label_fr": label_fr,
            "label_ar": label_ar,
            "liaison_body_fr": liaison_fr,
            "flat_income_centimes": flat_income,
            "subcategories": [
                {"code": sub_code, "label_fr": sub_fr, "label_ar": sub_ar}
                for sub_code, sub_fr, sub_ar in subcategories
            ],
        }
        session.add(
            ReferenceItem(
                kind="tns_category",
                code=code,
                version=SEED_VERSION,
                payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
            )
        )
    for care in CareCategory:
        session.add(
            ReferenceItem(kind="care_category", code=care.value, version=SEED_VERSION, payload="{}")
        )
    set_setting(session, "reference.version", str(SEED_VERSION))


def tns_categories(session: Session) -> dict[str, frozenset[str]]:
    """Category code → its sub-category codes, as the enrolment rules want them."""
    rows = session.execute(
        sa.select(ReferenceItem.code, ReferenceItem.payload).where(
            ReferenceItem.kind == "tns_category"
        )
    )
    return {
        code: frozenset(sub["code"] for sub in json.loads(payload)["subcategories"])
        for code, payload in rows
    }
