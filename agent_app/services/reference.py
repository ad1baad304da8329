"""Reference data the rules need: TNS categories and sub-categories, care categories, and the
rule parameters CNSS publishes.

The centre is the source of reference data (pulled by version with sync). Until a point has
synced once, its store is seeded at ``init`` with version 0: the bundled demo tables, which
a first sync replaces. The payload shape of each kind is in ``docs/protocol.md``; a TNS
category's is ``{label_fr, label_ar, label_en, liaison_body, liaison_body_fr,
liaison_body_ar, liaison_body_en, flat_income_centimes, subcategories: [{code, label_fr,
label_ar, label_en}]}`` (the seed writes the same keys, without the English labels and the
liaison body's code and other labels, which the demo tables do not have).
:func:`reference_problems` says whether the centre's items of a kind are usable before they
replace anything (``agent_app.services.sync_outbox``); the readers here still skip a row
they cannot use, so reference data never makes enrolment raise.

Rule parameters (kind ``parameter``, payload ``{"value": integer}``) are CNSS's rules: once
the centre has published one, its value is the one in force at the counter, over the built-in
default and over a supervisor's local setting of the same rule (see
``agent_app.services.settings``). :data:`CLAIM_PARAMETERS` and :data:`ENROLMENT_PARAMETERS`
say which centre parameter sets which field of the counter's rules.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.domain.model import CareCategory
from agent_app.services.demo_people import TNS_CATEGORIES
from agent_app.store.models import ReferenceItem
from agent_app.store.repo import set_setting
from sync.protocol.schema import ReferenceDataItem

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


def subcategory_codes(payload: str) -> frozenset[str] | None:
    """The sub-category codes of a stored TNS category, ``None`` if it has none usable.

    Reads the seed's rows and the centre's alike (both carry ``subcategories`` as a list of
    ``{"code": ...}``); anything else, such as the labels-only rows an older centre sent, is
    ``None`` rather than an exception.
    """
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    subcategories = data.get("subcategories") if isinstance(data, dict) else None
    if not isinstance(subcategories, list) or not subcategories:
        return None
    codes = [sub.get("code") if isinstance(sub, dict) else None for sub in subcategories]
    if not all(isinstance(code, str) and code for code in codes):
        return None
    return frozenset(str(code) for code in codes)


def _stored_tns_categories(session: Session) -> tuple[dict[str, frozenset[str]], list[str]]:
    """(usable categories by code, codes of the stored categories that are not usable)."""
    usable: dict[str, frozenset[str]] = {}
    unusable: list[str] = []
    rows = session.execute(
        sa.select(ReferenceItem.code, ReferenceItem.payload)
        .where(ReferenceItem.kind == "tns_category")
        .order_by(ReferenceItem.code)
    )
    for code, payload in rows:
        codes = subcategory_codes(payload)
        if codes is None:
            unusable.append(code)
        else:
            usable[code] = codes
    return usable, unusable


def tns_categories(session: Session) -> dict[str, frozenset[str]]:
    """Category code → its sub-category codes, as the enrolment rules want them.

    A stored category without usable sub-categories is left out (logged by code): the
    enrolment rules then refuse it as an unknown category instead of failing.
    """
    usable, unusable = _stored_tns_categories(session)
    if unusable:
        log.warning("TNS categories without usable sub-categories left out: %s", unusable)
    return usable


def holds_unusable_tns_categories(session: Session) -> bool:
    """Whether some stored TNS category cannot be used (written by an older centre)."""
    return bool(_stored_tns_categories(session)[1])


# --- the centre's payloads, checked before they replace anything --------------------------

_TNS_TEXTS: Final = (
    "label_fr",
    "label_ar",
    "label_en",
    "liaison_body",
    "liaison_body_fr",
    "liaison_body_ar",
    "liaison_body_en",
)
_SUBCATEGORY_TEXTS: Final = ("code", "label_fr", "label_ar", "label_en")


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _tns_category_problems(payload: Mapping[str, object]) -> list[str]:
    problems = [name for name in _TNS_TEXTS if not _is_text(payload.get(name))]
    income = payload.get("flat_income_centimes")
    if not (isinstance(income, int) and not isinstance(income, bool) and income > 0):
        problems.append("flat_income_centimes")
    subcategories = payload.get("subcategories")
    if not isinstance(subcategories, list) or not subcategories:
        return [*problems, "subcategories"]
    seen: set[str] = set()
    for index, sub in enumerate(subcategories):
        if not isinstance(sub, dict):
            problems.append(f"subcategories[{index}]")
            continue
        problems += [
            f"subcategories[{index}].{name}"
            for name in _SUBCATEGORY_TEXTS
            if not _is_text(sub.get(name))
        ]
        code = sub.get("code")
        if isinstance(code, str):
            if code in seen:
                problems.append(f"subcategories[{index}].code")
            seen.add(code)
    return problems


def _parameter_problems(payload: Mapping[str, object]) -> list[str]:
    # Positive or not is the rule's business (``centre_parameters``); the shape is checked here.
    value = payload.get("value")
    return [] if isinstance(value, int) and not isinstance(value, bool) else ["value"]


# The kinds a counter rule or document reads, and what their payloads must hold. The other
# kinds (rejection and care category wordings, liaison bodies) are stored as the centre sent
# them: nothing at the counter reads their payloads (the GUI words rejection codes itself).
_PAYLOAD_CHECKS: Final[dict[str, Callable[[Mapping[str, object]], list[str]]]] = {
    "tns_category": _tns_category_problems,
    "parameter": _parameter_problems,
}
# Kinds the counter cannot work without: the centre sending none active is not usable either.
_NEEDED_KINDS: Final = frozenset({"tns_category"})


def reference_problems(kind: str, items: Sequence[ReferenceDataItem]) -> list[str]:
    """Why the centre's ``items`` of ``kind`` cannot replace the stored ones (none: they can).

    Each problem names an item's code and a field, never a value. Inactive items are not
    stored, so only active ones are checked; a code twice in a kind is a problem too.
    """
    check = _PAYLOAD_CHECKS.get(kind)
    problems: list[str] = []
    seen: set[str] = set()
    active = [item for item in items if item.kind == kind and item.active]
    for item in active:
        if item.code in seen:
            problems.append(f"{item.code}: duplicate code")
        seen.add(item.code)
        if check is not None:
            problems += [f"{item.code}: {field}" for field in check(item.payload)]
    if not active and kind in _NEEDED_KINDS:
        problems.append("no active item")
    return problems


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


# --- the categories as a form shows them -------------------------------------------------


@dataclass(frozen=True, slots=True)
class TnsChoice:
    """A category or sub-category with its wording in each language (empty when unknown)."""

    code: str
    label_fr: str
    label_ar: str
    label_en: str

    def label(self, lang: str) -> str:
        """The label in ``lang``, else the French one, else the code itself."""
        chosen = {"fr": self.label_fr, "ar": self.label_ar, "en": self.label_en}.get(lang, "")
        return chosen or self.label_fr or self.code


@dataclass(frozen=True, slots=True)
class TnsCategoryChoice:
    """A usable TNS category for the enrolment form: labels, liaison body, sub-categories."""

    category: TnsChoice
    liaison_body: TnsChoice  # its code is the centre's liaison-body code, or empty
    subcategories: tuple[TnsChoice, ...]


def _texts(data: Mapping[str, object], prefix: str) -> tuple[str, str, str]:
    def text(key: str) -> str:
        value = data.get(key)
        return value.strip() if isinstance(value, str) else ""

    return text(f"{prefix}_fr"), text(f"{prefix}_ar"), text(f"{prefix}_en")


def tns_category_choices(session: Session) -> list[TnsCategoryChoice]:
    """The usable TNS categories in code order, with their wordings, for the enrolment form.

    The same categories as :func:`tns_categories` (a row without usable sub-categories is
    left out), so that the form offers nothing the rules would refuse.
    """
    found: list[TnsCategoryChoice] = []
    rows = session.execute(
        sa.select(ReferenceItem.code, ReferenceItem.payload)
        .where(ReferenceItem.kind == "tns_category")
        .order_by(ReferenceItem.code)
    )
    for code, payload in rows:
        if subcategory_codes(payload) is None:
            continue
        data = json.loads(payload)
        liaison_code = data.get("liaison_body")
        subcategories = tuple(
            TnsChoice(str(sub["code"]), *_texts(sub, "label")) for sub in data["subcategories"]
        )
        found.append(
            TnsCategoryChoice(
                category=TnsChoice(code, *_texts(data, "label")),
                liaison_body=TnsChoice(
                    liaison_code if isinstance(liaison_code, str) else "",
                    *_texts(data, "liaison_body"),
                ),
                subcategories=subcategories,
            )
        )
    return found
