"""Versioned wire schemas: what a batch, an acknowledgement and a status update hold.

Plain frozen dataclasses with ``to_wire()`` (a JSON tree for :mod:`sync.protocol.canonical`),
``from_wire()`` (refuses wrong JSON types with ``ProtocolError("bad_payload")``) and
``validate()`` (returns ``[(field, code)]`` for values of the right type that break a rule).
The reference server validates with these on its own; the client's domain rules live in
``agent_app`` and are never imported here, so a client bug cannot hide behind shared code.

Enumerated values are plain strings checked against this module's own sets: the wire
vocabulary is the protocol's, not the app's ``StrEnum`` classes.

Personal data (names, CIN, immatriculation, birth dates, addresses, confirmation reasons) lives
only in items inside the sealed payload, never in a header. Confirmation reasons are free text a
clerk typed to override a warning (late deposit, possible duplicate…); they travel, sealed,
because the CNSS reviewer needs them to judge the override.

A batch payload is columnar: each kind is ``{"fields": [...], "rows": [[...], ...]}`` so field
names are not repeated per item, which roughly halves the compressed size. A change to any field
list is a new ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Final, Protocol, Self

from sync.protocol import _wire as w
from sync.protocol.errors import ProtocolError

SCHEMA_VERSION: Final = 1

FORM_TYPES: Final = frozenset({"610-1-02", "610-1-03", "610-1-04"})
REQUEST_KINDS: Final = frozenset({"execution", "prior_approval"})
RELATIONSHIPS: Final = frozenset({"self", "spouse", "child"})
DEPENDENT_RELATIONSHIPS: Final = frozenset({"spouse", "child"})
SEXES: Final = frozenset({"M", "F"})
CARE_TYPES: Final = frozenset({"illness", "maternity", "hospitalisation", "accident"})
CARE_CATEGORIES: Final = frozenset(
    {
        "consultation",
        "pharmacy",
        "biology",
        "imaging",
        "dental",
        "optics",
        "paramedical",
        "hospitalisation",
    }
)
CHECKLIST_ITEMS: Final = frozenset(
    {"care_sheet_signed", "originals_attached", "inpe_stamp_present", "one_patient_one_event"}
)
# The statuses an item can carry when it leaves the counter.
OUTGOING_STATUSES: Final = frozenset({"recorded", "batched", "sent", "voided", "superseded"})
SUBJECT_KINDS: Final = frozenset({"claim", "enrolment"})
CLAIM_UPDATE_STATUSES: Final = frozenset({"paper_received", "in_review", "reimbursed", "returned"})
ENROLMENT_UPDATE_STATUSES: Final = frozenset(
    {"paper_received", "in_review", "registered", "returned"}
)
ACK_OUTCOMES: Final = frozenset({"accepted", "rejected", "duplicate"})
ITEM_KINDS: Final = frozenset({"claim", "enrolment", "shipment", "audit"})
REFERENCE_KINDS: Final = frozenset(
    {
        "care_category",
        "tns_category",
        "liaison_body",
        "rejection_code",
        "parameter",
        "inpe",
    }
)
# Validation codes returned by ``validate()``: stable, mapped to messages by each end.
VALIDATION_CODES: Final = frozenset(
    {
        "required",
        "bad_format",
        "unknown_value",
        "too_long",
        "negative",
        "out_of_range",
        "inconsistent",
        "not_utc",
        "duplicate_uuid",
        "wrong_point",
    }
)
MAX_NAME = 120
MAX_TEXT = 2000


def _check_utc(problems: w.Problems, name: str, moment: dt.datetime | None) -> None:
    if moment is not None and moment.utcoffset() != dt.timedelta(0):
        problems.append((name, "not_utc"))


def _check_common(problems: w.Problems, item: _Recorded) -> None:
    w.check_pattern(problems, "uuid", item.uuid, w.UUID_RE)
    w.check_pattern(problems, "supersedes_uuid", item.supersedes_uuid, w.UUID_RE)
    w.check(problems, "version", item.version >= 1, "out_of_range")
    w.check(
        problems,
        "supersedes_uuid",
        (item.version == 1) == (item.supersedes_uuid is None),
        "inconsistent",
    )
    w.check_pattern(problems, "receipt_no", item.receipt_no, w.RECEIPT_RE)
    w.check_pattern(problems, "point_code", item.point_code, w.POINT_CODE_RE)
    w.check(
        problems, "receipt_no", item.receipt_no.startswith(item.point_code + "-"), "inconsistent"
    )
    w.check_text(problems, "clerk", item.clerk, 32)
    _check_utc(problems, "created_at", item.created_at)
    w.check(problems, "utc_offset_min", -14 * 60 <= item.utc_offset_min <= 14 * 60, "out_of_range")
    w.check_choice(problems, "status", item.status, OUTGOING_STATUSES)
    w.check_pattern(problems, "signature", item.signature, w.SIGNATURE_RE)
    for code, reason in item.confirmations:
        w.check_text(problems, f"confirmations.{code}", code, 32)
        w.check_text(problems, f"confirmations.{code}", reason, MAX_TEXT)


class _Recorded(Protocol):
    """What claims and enrolments share: identity, version chain and counter metadata."""

    @property
    def uuid(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def supersedes_uuid(self) -> str | None: ...
    @property
    def receipt_no(self) -> str: ...
    @property
    def point_code(self) -> str: ...
    @property
    def clerk(self) -> str | None: ...
    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def utc_offset_min(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def signature(self) -> str: ...
    @property
    def confirmations(self) -> tuple[tuple[str, str], ...]: ...


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A care-sheet deposit as it travels: every field the counter recorded."""

    uuid: str
    version: int
    supersedes_uuid: str | None
    receipt_no: str
    point_code: str
    clerk: str | None  # the clerk's login, not their name
    created_at: dt.datetime  # aware, UTC
    utc_offset_min: int  # the counter's offset then, for display
    deposit_day: dt.date
    status: str
    form_type: str
    request_kind: str
    insured_immatriculation: str
    insured_name: str
    insured_cin: str | None
    beneficiary_relationship: str
    beneficiary_name: str
    beneficiary_birth_date: dt.date | None
    beneficiary_sex: str | None
    beneficiary_cin: str | None
    care_type: str
    care_categories: tuple[str, ...]  # sorted
    first_act_date: dt.date
    end_of_treatment_date: dt.date | None
    declared_amount_centimes: int
    document_count: int
    prescriber_inpe: str
    facility_inpe: str | None
    fse_number: str | None
    checklist: tuple[str, ...]  # sorted, the items checked
    confirmations: tuple[tuple[str, str], ...]  # (code, reason), sorted by code
    shipment_uuid: str | None  # the envelope the paper travels in, once known
    signature: str  # the device's Ed25519 signature of the printed receipt, base64url

    FIELDS: ClassVar[tuple[str, ...]] = (
        "uuid",
        "version",
        "supersedes_uuid",
        "receipt_no",
        "point_code",
        "clerk",
        "created_at",
        "utc_offset_min",
        "deposit_day",
        "status",
        "form_type",
        "request_kind",
        "insured_immatriculation",
        "insured_name",
        "insured_cin",
        "beneficiary_relationship",
        "beneficiary_name",
        "beneficiary_birth_date",
        "beneficiary_sex",
        "beneficiary_cin",
        "care_type",
        "care_categories",
        "first_act_date",
        "end_of_treatment_date",
        "declared_amount_centimes",
        "document_count",
        "prescriber_inpe",
        "facility_inpe",
        "fse_number",
        "checklist",
        "confirmations",
        "shipment_uuid",
        "signature",
    )

    def to_wire(self) -> dict[str, object]:
        return {
            "uuid": self.uuid,
            "version": self.version,
            "supersedes_uuid": self.supersedes_uuid,
            "receipt_no": self.receipt_no,
            "point_code": self.point_code,
            "clerk": self.clerk,
            "created_at": w.iso_utc(self.created_at),
            "utc_offset_min": self.utc_offset_min,
            "deposit_day": self.deposit_day.isoformat(),
            "status": self.status,
            "form_type": self.form_type,
            "request_kind": self.request_kind,
            "insured_immatriculation": self.insured_immatriculation,
            "insured_name": self.insured_name,
            "insured_cin": self.insured_cin,
            "beneficiary_relationship": self.beneficiary_relationship,
            "beneficiary_name": self.beneficiary_name,
            "beneficiary_birth_date": _opt_iso(self.beneficiary_birth_date),
            "beneficiary_sex": self.beneficiary_sex,
            "beneficiary_cin": self.beneficiary_cin,
            "care_type": self.care_type,
            "care_categories": list(self.care_categories),
            "first_act_date": self.first_act_date.isoformat(),
            "end_of_treatment_date": _opt_iso(self.end_of_treatment_date),
            "declared_amount_centimes": self.declared_amount_centimes,
            "document_count": self.document_count,
            "prescriber_inpe": self.prescriber_inpe,
            "facility_inpe": self.facility_inpe,
            "fse_number": self.fse_number,
            "checklist": list(self.checklist),
            "confirmations": dict(self.confirmations),
            "shipment_uuid": self.shipment_uuid,
            "signature": self.signature,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "claim")
        return cls(
            uuid=r.text("uuid"),
            version=r.integer("version"),
            supersedes_uuid=r.opt_text("supersedes_uuid"),
            receipt_no=r.text("receipt_no"),
            point_code=r.text("point_code"),
            clerk=r.opt_text("clerk"),
            created_at=r.moment("created_at"),
            utc_offset_min=r.integer("utc_offset_min"),
            deposit_day=r.day("deposit_day"),
            status=r.text("status"),
            form_type=r.text("form_type"),
            request_kind=r.text("request_kind"),
            insured_immatriculation=r.text("insured_immatriculation"),
            insured_name=r.text("insured_name"),
            insured_cin=r.opt_text("insured_cin"),
            beneficiary_relationship=r.text("beneficiary_relationship"),
            beneficiary_name=r.text("beneficiary_name"),
            beneficiary_birth_date=r.opt_day("beneficiary_birth_date"),
            beneficiary_sex=r.opt_text("beneficiary_sex"),
            beneficiary_cin=r.opt_text("beneficiary_cin"),
            care_type=r.text("care_type"),
            care_categories=r.text_tuple("care_categories"),
            first_act_date=r.day("first_act_date"),
            end_of_treatment_date=r.opt_day("end_of_treatment_date"),
            declared_amount_centimes=r.integer("declared_amount_centimes"),
            document_count=r.integer("document_count"),
            prescriber_inpe=r.text("prescriber_inpe"),
            facility_inpe=r.opt_text("facility_inpe"),
            fse_number=r.opt_text("fse_number"),
            checklist=r.text_tuple("checklist"),
            confirmations=r.text_map("confirmations"),
            shipment_uuid=r.opt_text("shipment_uuid"),
            signature=r.text("signature"),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        _check_common(p, self)
        w.check_choice(p, "form_type", self.form_type, FORM_TYPES)
        w.check_choice(p, "request_kind", self.request_kind, REQUEST_KINDS)
        w.check_pattern(
            p, "insured_immatriculation", self.insured_immatriculation, w.IMMATRICULATION_RE
        )
        w.check_text(p, "insured_name", self.insured_name, MAX_NAME)
        w.check_pattern(p, "insured_cin", self.insured_cin, w.CIN_RE)
        w.check_choice(p, "beneficiary_relationship", self.beneficiary_relationship, RELATIONSHIPS)
        w.check_text(p, "beneficiary_name", self.beneficiary_name, MAX_NAME)
        w.check_choice(p, "beneficiary_sex", self.beneficiary_sex, SEXES)
        w.check_pattern(p, "beneficiary_cin", self.beneficiary_cin, w.CIN_RE)
        w.check_choice(p, "care_type", self.care_type, CARE_TYPES)
        w.check(p, "care_categories", bool(self.care_categories), "required")
        for category in self.care_categories:
            w.check_choice(p, "care_categories", category, CARE_CATEGORIES)
        w.check(p, "care_categories", _sorted_unique(self.care_categories), "bad_format")
        for item in self.checklist:
            w.check_choice(p, "checklist", item, CHECKLIST_ITEMS)
        w.check(p, "checklist", _sorted_unique(self.checklist), "bad_format")
        if self.beneficiary_birth_date is not None:
            w.check(
                p,
                "beneficiary_birth_date",
                self.beneficiary_birth_date <= self.first_act_date,
                "inconsistent",
            )
        w.check(p, "first_act_date", self.first_act_date <= self.deposit_day, "inconsistent")
        if self.end_of_treatment_date is not None:
            w.check(
                p,
                "end_of_treatment_date",
                self.first_act_date <= self.end_of_treatment_date,
                "inconsistent",
            )
        w.check(p, "declared_amount_centimes", self.declared_amount_centimes >= 0, "negative")
        w.check(p, "document_count", self.document_count >= 0, "negative")
        w.check_pattern(p, "prescriber_inpe", self.prescriber_inpe, w.INPE_RE)
        w.check_pattern(p, "facility_inpe", self.facility_inpe, w.INPE_RE)
        w.check_text(p, "fse_number", self.fse_number, 64)
        w.check_pattern(p, "shipment_uuid", self.shipment_uuid, w.UUID_RE)
        return p


@dataclass(frozen=True, slots=True)
class DependentItem:
    """A spouse or child declared on an enrolment; travels inside its enrolment's row."""

    relationship: str
    last_name: str
    first_name: str
    birth_date: dt.date
    sex: str
    cin: str | None
    is_student: bool
    is_married: bool
    is_disabled: bool
    is_kafala: bool

    FIELDS: ClassVar[tuple[str, ...]] = (
        "relationship",
        "last_name",
        "first_name",
        "birth_date",
        "sex",
        "cin",
        "is_student",
        "is_married",
        "is_disabled",
        "is_kafala",
    )

    def to_wire(self) -> dict[str, object]:
        return {
            "relationship": self.relationship,
            "last_name": self.last_name,
            "first_name": self.first_name,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "cin": self.cin,
            "is_student": self.is_student,
            "is_married": self.is_married,
            "is_disabled": self.is_disabled,
            "is_kafala": self.is_kafala,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "dependent")
        return cls(
            relationship=r.text("relationship"),
            last_name=r.text("last_name"),
            first_name=r.text("first_name"),
            birth_date=r.day("birth_date"),
            sex=r.text("sex"),
            cin=r.opt_text("cin"),
            is_student=r.flag("is_student"),
            is_married=r.flag("is_married"),
            is_disabled=r.flag("is_disabled"),
            is_kafala=r.flag("is_kafala"),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check_choice(p, "relationship", self.relationship, DEPENDENT_RELATIONSHIPS)
        w.check_text(p, "last_name", self.last_name, 80)
        w.check_text(p, "first_name", self.first_name, 80)
        w.check_choice(p, "sex", self.sex, SEXES)
        w.check_pattern(p, "cin", self.cin, w.CIN_RE)
        return p


_ADDRESS_PARTS: Final = ("line", "district", "commune", "city", "postal_code")


@dataclass(frozen=True, slots=True)
class EnrolmentItem:
    """An AMO-TNS enrolment (form 328-1-01) with its dependents, as it travels."""

    uuid: str
    version: int
    supersedes_uuid: str | None
    receipt_no: str
    point_code: str
    clerk: str | None
    created_at: dt.datetime
    utc_offset_min: int
    deposit_day: dt.date
    status: str
    last_name: str
    first_name: str
    last_name_ar: str | None
    first_name_ar: str | None
    cin: str
    immatriculation: str | None
    nationality: str
    mobile_phone: str
    email: str | None
    category_code: str
    subcategory_code: str
    sex: str
    birth_date: dt.date
    home_line: str
    home_district: str
    home_commune: str
    home_city: str
    home_postal_code: str
    work_line: str
    work_district: str
    work_commune: str
    work_city: str
    work_postal_code: str
    signature_place: str
    signature_date: dt.date
    notice_acknowledged_at: dt.datetime
    confirmations: tuple[tuple[str, str], ...]
    signature: str
    dependents: tuple[DependentItem, ...] = field(default=())

    FIELDS: ClassVar[tuple[str, ...]] = (
        "uuid",
        "version",
        "supersedes_uuid",
        "receipt_no",
        "point_code",
        "clerk",
        "created_at",
        "utc_offset_min",
        "deposit_day",
        "status",
        "last_name",
        "first_name",
        "last_name_ar",
        "first_name_ar",
        "cin",
        "immatriculation",
        "nationality",
        "mobile_phone",
        "email",
        "category_code",
        "subcategory_code",
        "sex",
        "birth_date",
        *(f"home_{part}" for part in _ADDRESS_PARTS),
        *(f"work_{part}" for part in _ADDRESS_PARTS),
        "signature_place",
        "signature_date",
        "notice_acknowledged_at",
        "confirmations",
        "signature",
        "dependents",
    )

    def to_wire(self) -> dict[str, object]:
        wire: dict[str, object] = {}
        for name in self.FIELDS:
            value = getattr(self, name)
            if name == "created_at" or name == "notice_acknowledged_at":
                value = w.iso_utc(value)
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif name == "confirmations":
                value = dict(value)
            elif name == "dependents":
                # Nested columnar: each dependent is a row in DependentItem.FIELDS order.
                value = [_row(d.to_wire(), DependentItem.FIELDS) for d in value]
            wire[name] = value
        return wire

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "enrolment")
        dependents = tuple(
            DependentItem.from_wire(_unrow(row, DependentItem.FIELDS, "dependent"))
            for row in r.array("dependents")
        )
        return cls(
            uuid=r.text("uuid"),
            version=r.integer("version"),
            supersedes_uuid=r.opt_text("supersedes_uuid"),
            receipt_no=r.text("receipt_no"),
            point_code=r.text("point_code"),
            clerk=r.opt_text("clerk"),
            created_at=r.moment("created_at"),
            utc_offset_min=r.integer("utc_offset_min"),
            deposit_day=r.day("deposit_day"),
            status=r.text("status"),
            last_name=r.text("last_name"),
            first_name=r.text("first_name"),
            last_name_ar=r.opt_text("last_name_ar"),
            first_name_ar=r.opt_text("first_name_ar"),
            cin=r.text("cin"),
            immatriculation=r.opt_text("immatriculation"),
            nationality=r.text("nationality"),
            mobile_phone=r.text("mobile_phone"),
            email=r.opt_text("email"),
            category_code=r.text("category_code"),
            subcategory_code=r.text("subcategory_code"),
            sex=r.text("sex"),
            birth_date=r.day("birth_date"),
            home_line=r.text("home_line"),
            home_district=r.text("home_district"),
            home_commune=r.text("home_commune"),
            home_city=r.text("home_city"),
            home_postal_code=r.text("home_postal_code"),
            work_line=r.text("work_line"),
            work_district=r.text("work_district"),
            work_commune=r.text("work_commune"),
            work_city=r.text("work_city"),
            work_postal_code=r.text("work_postal_code"),
            signature_place=r.text("signature_place"),
            signature_date=r.day("signature_date"),
            notice_acknowledged_at=r.moment("notice_acknowledged_at"),
            confirmations=r.text_map("confirmations"),
            signature=r.text("signature"),
            dependents=dependents,
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        _check_common(p, self)
        w.check_text(p, "last_name", self.last_name, 80)
        w.check_text(p, "first_name", self.first_name, 80)
        w.check_text(p, "last_name_ar", self.last_name_ar, 80)
        w.check_text(p, "first_name_ar", self.first_name_ar, 80)
        w.check_pattern(p, "cin", self.cin, w.CIN_RE)
        w.check_pattern(p, "immatriculation", self.immatriculation, w.IMMATRICULATION_RE)
        w.check_pattern(p, "nationality", self.nationality, w.COUNTRY_RE)
        w.check_text(p, "mobile_phone", self.mobile_phone, 20)
        w.check_text(p, "email", self.email, 254)
        w.check_text(p, "category_code", self.category_code, 16)
        w.check_text(p, "subcategory_code", self.subcategory_code, 16)
        w.check_choice(p, "sex", self.sex, SEXES)
        w.check(p, "birth_date", self.birth_date <= self.deposit_day, "inconsistent")
        for prefix in ("home", "work"):
            for part in _ADDRESS_PARTS:
                name = f"{prefix}_{part}"
                w.check_text(p, name, getattr(self, name), 200)
        w.check_text(p, "signature_place", self.signature_place, 80)
        _check_utc(p, "notice_acknowledged_at", self.notice_acknowledged_at)
        for index, dependent in enumerate(self.dependents):
            p.extend((f"dependents[{index}].{name}", code) for name, code in dependent.validate())
        return p


@dataclass(frozen=True, slots=True)
class ShipmentItem:
    """A paper envelope and its slip, with the uuids of the claims whose paper it holds.

    ``claim_uuids`` is sorted and unique, one per deposit on the slip (``item_count`` of
    them): the envelope carries its own content, so a claim that travelled before its
    envelope was closed (and so with no ``shipment_uuid``) is still linked to it. The
    ``manifest_hash`` is the SHA-256 (lower-case hex) of one line per claim, sorted by receipt
    number, ``<receipt_no>|<uuid>|<declared_amount_centimes>\\n``: a centre holding those
    claims can recompute it.
    """

    uuid: str
    number: str
    point_code: str
    created_at: dt.datetime
    closed_at: dt.datetime | None
    item_count: int
    total_centimes: int
    manifest_hash: str | None  # SHA-256 hex of the slip's canonical list, once closed
    claim_uuids: tuple[str, ...] = ()  # sorted, unique: the claims inside, item_count of them

    FIELDS: ClassVar[tuple[str, ...]] = (
        "uuid",
        "number",
        "point_code",
        "created_at",
        "closed_at",
        "item_count",
        "total_centimes",
        "manifest_hash",
        "claim_uuids",
    )

    def to_wire(self) -> dict[str, object]:
        return {
            "uuid": self.uuid,
            "number": self.number,
            "point_code": self.point_code,
            "created_at": w.iso_utc(self.created_at),
            "closed_at": None if self.closed_at is None else w.iso_utc(self.closed_at),
            "item_count": self.item_count,
            "total_centimes": self.total_centimes,
            "manifest_hash": self.manifest_hash,
            "claim_uuids": list(self.claim_uuids),
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "shipment")
        return cls(
            uuid=r.text("uuid"),
            number=r.text("number"),
            point_code=r.text("point_code"),
            created_at=r.moment("created_at"),
            closed_at=r.opt_moment("closed_at"),
            item_count=r.integer("item_count"),
            total_centimes=r.integer("total_centimes"),
            manifest_hash=r.opt_text("manifest_hash"),
            claim_uuids=r.text_tuple("claim_uuids"),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check_pattern(p, "uuid", self.uuid, w.UUID_RE)
        w.check_pattern(p, "number", self.number, w.SHIPMENT_NO_RE)
        w.check_pattern(p, "point_code", self.point_code, w.POINT_CODE_RE)
        _check_utc(p, "created_at", self.created_at)
        _check_utc(p, "closed_at", self.closed_at)
        w.check(p, "item_count", self.item_count >= 0, "negative")
        w.check(p, "total_centimes", self.total_centimes >= 0, "negative")
        w.check_pattern(p, "manifest_hash", self.manifest_hash, w.SHA256_HEX_RE)
        w.check(
            p,
            "manifest_hash",
            (self.closed_at is None) == (self.manifest_hash is None),
            "inconsistent",
        )
        for claim_uuid in self.claim_uuids:
            w.check_pattern(p, "claim_uuids", claim_uuid, w.UUID_RE)
        w.check(
            p,
            "claim_uuids",
            len(set(self.claim_uuids)) == len(self.claim_uuids),
            "duplicate_uuid",
        )
        w.check(p, "claim_uuids", list(self.claim_uuids) == sorted(self.claim_uuids), "bad_format")
        w.check(p, "item_count", len(self.claim_uuids) == self.item_count, "inconsistent")
        return p


def shipment_manifest_hash(lines: Iterable[tuple[str, str, int]]) -> str:
    """The manifest hash of an envelope from its claims' (receipt_no, uuid, declared amount).

    One line per claim, sorted by receipt number, ``<receipt_no>|<uuid>|<amount>\\n``, hashed
    with SHA-256 as UTF-8; the printed slip's QR code carries the same value.
    """
    ordered = sorted(lines)
    text = "".join(f"{receipt_no}|{uuid}|{amount}\n" for receipt_no, uuid, amount in ordered)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditItem:
    """One link of the device's hash-chained audit log; ``details`` is canonical JSON text
    kept verbatim so the centre can recompute the chain."""

    seq: int
    at: dt.datetime
    actor: str
    action: str
    subject_kind: str | None
    subject_ref: str | None
    details: str
    prev_hash: str
    hash: str

    FIELDS: ClassVar[tuple[str, ...]] = (
        "seq",
        "at",
        "actor",
        "action",
        "subject_kind",
        "subject_ref",
        "details",
        "prev_hash",
        "hash",
    )

    def to_wire(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "at": w.iso_utc(self.at),
            "actor": self.actor,
            "action": self.action,
            "subject_kind": self.subject_kind,
            "subject_ref": self.subject_ref,
            "details": self.details,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "audit")
        return cls(
            seq=r.integer("seq"),
            at=r.moment("at"),
            actor=r.text("actor"),
            action=r.text("action"),
            subject_kind=r.opt_text("subject_kind"),
            subject_ref=r.opt_text("subject_ref"),
            details=r.text("details"),
            prev_hash=r.text("prev_hash"),
            hash=r.text("hash"),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check(p, "seq", self.seq >= 1, "out_of_range")
        _check_utc(p, "at", self.at)
        w.check_text(p, "actor", self.actor, 32)
        w.check_text(p, "action", self.action, 32)
        w.check_text(p, "subject_kind", self.subject_kind, 16)
        w.check_text(p, "subject_ref", self.subject_ref, 40)
        w.check_pattern(p, "prev_hash", self.prev_hash, w.SHA256_HEX_RE)
        w.check_pattern(p, "hash", self.hash, w.SHA256_HEX_RE)
        return p


@dataclass(frozen=True, slots=True)
class ItemAck:
    """The centre's verdict on one item of a batch (like SESAM-Vitale's ARL line)."""

    kind: str  # claim, enrolment, shipment, audit
    uuid: str  # for audit entries: the seq as text
    outcome: str  # accepted, rejected, duplicate
    code: str | None = None  # rejected only: a rejection code from the reference data
    message: str | None = None  # rejected only: what a person must correct

    FIELDS: ClassVar[tuple[str, ...]] = ("kind", "uuid", "outcome", "code", "message")

    def to_wire(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "uuid": self.uuid,
            "outcome": self.outcome,
            "code": self.code,
            "message": self.message,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "ack")
        return cls(
            kind=r.text("kind"),
            uuid=r.text("uuid"),
            outcome=r.text("outcome"),
            code=r.opt_text("code"),
            message=r.opt_text("message"),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check_choice(p, "kind", self.kind, ITEM_KINDS)
        w.check_choice(p, "outcome", self.outcome, ACK_OUTCOMES)
        rejected = self.outcome == "rejected"
        w.check(p, "code", rejected == (self.code is not None), "inconsistent")
        w.check(p, "message", rejected == (self.message is not None), "inconsistent")
        w.check_text(p, "code", self.code, 32)
        w.check_text(p, "message", self.message, MAX_TEXT)
        return p


@dataclass(frozen=True, slots=True)
class BatchAcknowledgement:
    """The centre's answer to one batch: a verdict for every item it read."""

    batch_id: str
    received_at: dt.datetime  # server time: drives the client's watermarks
    items: tuple[ItemAck, ...]

    def to_wire(self) -> dict[str, object]:
        return {
            "schema": SCHEMA_VERSION,
            "batch_id": self.batch_id,
            "received_at": w.iso_utc(self.received_at),
            "items": _columns(ItemAck.FIELDS, [item.to_wire() for item in self.items]),
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "acknowledgement")
        _check_schema(r.raw("schema"))
        return cls(
            batch_id=r.text("batch_id"),
            received_at=r.moment("received_at"),
            items=tuple(
                ItemAck.from_wire(row)
                for row in _read_columns(r.raw("items"), ItemAck.FIELDS, "items")
            ),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check_pattern(p, "batch_id", self.batch_id, w.UUID_RE)
        _check_utc(p, "received_at", self.received_at)
        for index, item in enumerate(self.items):
            p.extend((f"items[{index}].{name}", code) for name, code in item.validate())
        return p


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """A processing update from CNSS for one claim or enrolment, with its server cursor."""

    cursor: int  # server-issued, strictly increasing: the client asks for updates after it
    subject_kind: str  # claim, enrolment
    subject_uuid: str
    status: str  # paper_received, in_review, reimbursed, returned; registered for enrolments
    at: dt.datetime  # server time
    amount_centimes: int | None = None  # reimbursed only
    effective_date: dt.date | None = None  # reimbursed only: the payment date
    reason: str | None = None  # returned only
    immatriculation: str | None = None  # registered only

    FIELDS: ClassVar[tuple[str, ...]] = (
        "cursor",
        "subject_kind",
        "subject_uuid",
        "status",
        "at",
        "amount_centimes",
        "effective_date",
        "reason",
        "immatriculation",
    )

    def to_wire(self) -> dict[str, object]:
        return {
            "cursor": self.cursor,
            "subject_kind": self.subject_kind,
            "subject_uuid": self.subject_uuid,
            "status": self.status,
            "at": w.iso_utc(self.at),
            "amount_centimes": self.amount_centimes,
            "effective_date": _opt_iso(self.effective_date),
            "reason": self.reason,
            "immatriculation": self.immatriculation,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "status_update")
        return cls(
            cursor=r.integer("cursor"),
            subject_kind=r.text("subject_kind"),
            subject_uuid=r.text("subject_uuid"),
            status=r.text("status"),
            at=r.moment("at"),
            amount_centimes=r.opt_integer("amount_centimes"),
            effective_date=r.opt_day("effective_date"),
            reason=r.opt_text("reason"),
            immatriculation=r.opt_text("immatriculation"),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check(p, "cursor", self.cursor >= 1, "out_of_range")
        w.check_choice(p, "subject_kind", self.subject_kind, SUBJECT_KINDS)
        w.check_pattern(p, "subject_uuid", self.subject_uuid, w.UUID_RE)
        allowed = (
            CLAIM_UPDATE_STATUSES if self.subject_kind == "claim" else ENROLMENT_UPDATE_STATUSES
        )
        w.check_choice(p, "status", self.status, allowed)
        _check_utc(p, "at", self.at)
        reimbursed = self.status == "reimbursed"
        w.check(
            p, "amount_centimes", reimbursed == (self.amount_centimes is not None), "inconsistent"
        )
        w.check(
            p, "effective_date", reimbursed == (self.effective_date is not None), "inconsistent"
        )
        if self.amount_centimes is not None:
            w.check(p, "amount_centimes", self.amount_centimes >= 0, "negative")
        w.check(
            p, "reason", (self.status == "returned") == (self.reason is not None), "inconsistent"
        )
        w.check_text(p, "reason", self.reason, MAX_TEXT)
        registered = self.status == "registered"
        w.check(
            p, "immatriculation", registered == (self.immatriculation is not None), "inconsistent"
        )
        w.check_pattern(p, "immatriculation", self.immatriculation, w.IMMATRICULATION_RE)
        return p


@dataclass(frozen=True, slots=True)
class ReferenceDataItem:
    """One versioned entry of reference data pulled from the centre."""

    kind: str
    code: str
    version: int
    payload: dict[str, object]  # canonical-JSON-able; its shape belongs to the kind
    active: bool = True

    FIELDS: ClassVar[tuple[str, ...]] = ("kind", "code", "version", "payload", "active")

    def to_wire(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "code": self.code,
            "version": self.version,
            "payload": self.payload,
            "active": self.active,
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "reference")
        payload = r.raw("payload")
        if not isinstance(payload, dict):
            raise w.bad("reference.payload")
        return cls(
            kind=r.text("kind"),
            code=r.text("code"),
            version=r.integer("version"),
            payload=payload,
            active=r.flag("active"),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check_choice(p, "kind", self.kind, REFERENCE_KINDS)
        w.check_text(p, "code", self.code, 32)
        w.check(p, "version", self.version >= 1, "out_of_range")
        return p


@dataclass(frozen=True, slots=True)
class BatchPayload:
    """What a sealed batch holds; immutable once sealed. Every item names its own point."""

    batch_id: str
    device_id: str
    point_code: str
    created_at: dt.datetime
    claims: tuple[ClaimItem, ...] = ()
    enrolments: tuple[EnrolmentItem, ...] = ()
    shipments: tuple[ShipmentItem, ...] = ()
    audit: tuple[AuditItem, ...] = ()

    def counts(self) -> dict[str, int]:
        return {
            "claims": len(self.claims),
            "enrolments": len(self.enrolments),
            "shipments": len(self.shipments),
            "audit": len(self.audit),
        }

    def to_wire(self) -> dict[str, object]:
        return {
            "schema": SCHEMA_VERSION,
            "batch_id": self.batch_id,
            "device_id": self.device_id,
            "point_code": self.point_code,
            "created_at": w.iso_utc(self.created_at),
            "claims": _columns(ClaimItem.FIELDS, [c.to_wire() for c in self.claims]),
            "enrolments": {
                **_columns(EnrolmentItem.FIELDS, [e.to_wire() for e in self.enrolments]),
                "dependent_fields": list(DependentItem.FIELDS),
            },
            "shipments": _columns(ShipmentItem.FIELDS, [s.to_wire() for s in self.shipments]),
            "audit": _columns(AuditItem.FIELDS, [a.to_wire() for a in self.audit]),
        }

    @classmethod
    def from_wire(cls, data: object) -> Self:
        r = w.Reader(data, "batch")
        _check_schema(r.raw("schema"))
        enrolments = w.Reader(r.raw("enrolments"), "enrolments")
        if enrolments.raw("dependent_fields") != list(DependentItem.FIELDS):
            raise ProtocolError("schema_mismatch", "enrolments.dependent_fields")
        return cls(
            batch_id=r.text("batch_id"),
            device_id=r.text("device_id"),
            point_code=r.text("point_code"),
            created_at=r.moment("created_at"),
            claims=tuple(
                ClaimItem.from_wire(row)
                for row in _read_columns(r.raw("claims"), ClaimItem.FIELDS, "claims")
            ),
            enrolments=tuple(
                EnrolmentItem.from_wire(row)
                for row in _read_columns(r.raw("enrolments"), EnrolmentItem.FIELDS, "enrolments")
            ),
            shipments=tuple(
                ShipmentItem.from_wire(row)
                for row in _read_columns(r.raw("shipments"), ShipmentItem.FIELDS, "shipments")
            ),
            audit=tuple(
                AuditItem.from_wire(row)
                for row in _read_columns(r.raw("audit"), AuditItem.FIELDS, "audit")
            ),
        )

    def validate(self) -> list[tuple[str, str]]:
        p: w.Problems = []
        w.check_pattern(p, "batch_id", self.batch_id, w.UUID_RE)
        w.check_text(p, "device_id", self.device_id, 64)
        w.check_pattern(p, "point_code", self.point_code, w.POINT_CODE_RE)
        _check_utc(p, "created_at", self.created_at)
        seen: set[str] = set()
        kinds: tuple[tuple[str, Sequence[ClaimItem | EnrolmentItem | ShipmentItem]], ...] = (
            ("claims", self.claims),
            ("enrolments", self.enrolments),
            ("shipments", self.shipments),
        )
        for kind, items in kinds:
            for index, item in enumerate(items):
                where = f"{kind}[{index}]"
                p.extend((f"{where}.{name}", code) for name, code in item.validate())
                w.check(p, f"{where}.uuid", item.uuid not in seen, "duplicate_uuid")
                w.check(p, f"{where}.point_code", item.point_code == self.point_code, "wrong_point")
                seen.add(item.uuid)
        for index, entry in enumerate(self.audit):
            p.extend((f"audit[{index}].{name}", code) for name, code in entry.validate())
        return p


def _sorted_unique(values: tuple[str, ...]) -> bool:
    return list(values) == sorted(set(values))


def _opt_iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _check_schema(version: object) -> None:
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise ProtocolError("schema_mismatch", f"schema version, expected {SCHEMA_VERSION}")


def _row(wire: dict[str, object], fields: tuple[str, ...]) -> list[object]:
    return [wire[name] for name in fields]


def _unrow(row: object, fields: tuple[str, ...], where: str) -> dict[str, object]:
    if not isinstance(row, list) or len(row) != len(fields):
        raise w.bad(f"{where} row")
    return dict(zip(fields, row, strict=True))


def _columns(fields: tuple[str, ...], items: list[dict[str, object]]) -> dict[str, object]:
    return {"fields": list(fields), "rows": [_row(item, fields) for item in items]}


def _read_columns(block: object, fields: tuple[str, ...], where: str) -> list[dict[str, object]]:
    r = w.Reader(block, where)
    if r.raw("fields") != list(fields):
        raise ProtocolError("schema_mismatch", f"{where}.fields")
    return [_unrow(row, fields, where) for row in r.array("rows")]
