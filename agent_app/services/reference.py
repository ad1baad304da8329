"""Reference data the rules need: TNS categories and sub-categories, care categories, and the
rule parameters CNSS publishes.

The centre is the source of reference data (pulled by version with sync). Until a point has
synced once, its store is seeded at ``init`` with version 0: the bundled demo tables, which
a first sync replaces.

Rule parameters (kind ``parameter``, payload ``{"value": integer}``) are CNSS's rules: once
the centre has published one, its value is the one in force at the counter, over the built-in
default and over a supervisor's local setting of the same rule (see
``agent_app.services.settings``). :data:`CLAIM_PARAMETERS` and :data:`ENROLMENT_PARAMETERS`
say which centre parameter sets which field of the counter's rules.
"""

from __future__ import annotations

import json
import logging
from typing import Final

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.domain.model import CareCategory
from agent_app.services.demo_people import TNS_CATEGORIES
from agent_app.store.models import ReferenceItem
from agent_app.store.repo import set_setting

log = logging.getLogger(__name__)

SEED_VERSION = 0

# Centre parameter code → the field of ``agent_app.domain.claims.ClaimRules`` it sets. The
# regulation's "60 days" is the deadline after the end of a continuous treatment at the counter
# (the general deadline is the months); the counter's child age limit on a care sheet is the
# student extension (26), past which a child is covered only when disabled.
CLAIM_PARAMETERS: Final[dict[str, str]] = {
    "deposit_deadline_months": "deposit_deadline_months",
    "deposit_deadline_days": "continuous_treatment_deadline_days",
    "student_age_limit_years": "child_age_limit_years",
}
# Centre parameter code → the field of ``agent_app.domain.enrolment.EnrolmentRules`` it sets.
ENROLMENT_PARAMETERS: Final[dict[str, str]] = {
    "child_age_limit_years": "child_age_limit",
    "student_age_limit_years": "student_age_limit",
}


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


def centre_parameters(session: Session) -> dict[str, int]:
    """The rule parameters the centre published, by code (none before a first sync).

    A payload that is not ``{"value": positive integer}`` is left out (and logged by code):
    the rule then keeps its local value rather than taking a nonsense one.
    """
    found: dict[str, int] = {}
    rows = session.execute(
        sa.select(ReferenceItem.code, ReferenceItem.payload).where(
            ReferenceItem.kind == "parameter"
        )
    )
    for code, payload in rows:
        try:
            value = json.loads(payload).get("value")
        except (ValueError, AttributeError):
            value = None
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            found[code] = value
        else:
            log.warning("reference parameter %s has no usable value: ignored", code)
    return found


def centre_rule_values(session: Session, fields: dict[str, str]) -> dict[str, int]:
    """The fields of a rule set the centre's parameters set, by field name."""
    published = centre_parameters(session)
    return {field: published[code] for code, field in fields.items() if code in published}
