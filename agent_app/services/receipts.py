"""Receipts handed to the insured: what is printed on them, their QR code, their reprints.

Owns the content of a receipt, not its layout: ``receipt_for`` gathers a recorded deposit (or
enrolment) into a :class:`ReceiptData` whose every word is already in the reader's language
and every value already formatted (dates DD/MM/YYYY, amounts "450,00 DH", the immatriculation
masked), so the printing code (``agent_app/ui/printing.py``) only lays it out. Never imports
Qt, never writes except ``record_print``'s audit entry.

The QR code
-----------
Its payload is exactly the bytes the device signed when the record was saved
(``agent_app.services.recording.receipt_payload``), then ``|`` and that signature::

    GAMO1|<receipt_no>|<uuid>|<point>|<UTC time, ISO seconds>Z|<amount centimes>|<signature>

for example ``GAMO1|CASA01-261120-0001K|0f8e…|CASA01|2026-11-20T09:30:00Z|45000|Q2x…``.
The signature is Ed25519, base64url without padding. The centre splits off the text after
the last ``|``, and checks it over everything before it with the device's registered public
key (:func:`verify_qr_payload` does the same). Nothing personal is in it: a lost receipt
shows a number, not a patient. Enrolment receipts use the same format with amount 0.

Privacy on paper: the immatriculation is printed masked (``12****789``) and the CIN likewise;
names are printed because the insured must recognise their own file.

Enrolment receipts list the declared dependents (relationship, name, birth date, and why an
adult child is covered), never their CIN. Once CNSS has registered the applicant (a
``registered`` update brought the number), a reprint shows the assigned immatriculation in
full: that receipt is how the insured learns the number they must write on every care sheet,
so a masked one would be useless to them; before registration no number is printed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.domain.dates import format_date
from agent_app.domain.labels import label, status_label
from agent_app.domain.model import (
    CareCategory,
    CareType,
    FormType,
    Relationship,
)
from agent_app.domain.money import format_amount
from agent_app.domain.receipt_numbers import parse_receipt_number
from agent_app.errors import AppError
from agent_app.i18n import DEFAULT_LANG, Catalog, Lang, Text
from agent_app.security.device import verify_signature
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.recording import receipt_payload
from agent_app.store.engine import Store
from agent_app.store.models import (
    AuditEntry,
    Claim,
    Dependent,
    Enrolment,
    ReferenceItem,
    User,
)
from agent_app.store.repo import audit, get_setting

QR_PREFIX = "GAMO1"
QR_FIELDS = 7  # prefix, receipt no, uuid, point, time, amount, signature

# Always printed in both languages, whatever the reader's: the insured may read either.
NOTICE_FR = (
    "Conservez ce reçu : il prouve le dépôt de votre dossier. Suivez votre dossier avec son "
    "numéro auprès de ce guichet ou de la CNSS."
)
NOTICE_AR = (
    "احتفظوا بهذا الوصل: فهو يثبت إيداع ملفكم. تابعوا ملفكم برقمه لدى هذا الشباك أو لدى "
    "الصندوق الوطني للضمان الاجتماعي."
)

TEXTS = Catalog(
    {
        "title.claim": Text(
            fr="Reçu de dépôt — dossier AMO",
            ar="وصل إيداع — ملف التأمين الإجباري عن المرض",
            en="Deposit receipt — AMO claim",
        ),
        "title.enrolment": Text(
            fr="Reçu de demande d'immatriculation AMO-TNS",
            ar="وصل طلب التسجيل في التأمين الإجباري عن المرض للعمال غير الأجراء",
            en="AMO-TNS enrolment receipt",
        ),
        "receipt_no": Text(fr="N° de reçu", ar="رقم الوصل", en="Receipt no."),
        "issued_at": Text(fr="Date et heure", ar="التاريخ والساعة", en="Date and time"),
        "point": Text(fr="Point de dépôt", ar="نقطة الإيداع", en="Service point"),
        "clerk": Text(fr="Agent", ar="الموظف", en="Clerk"),
        "insured": Text(fr="Immatriculation", ar="رقم التسجيل", en="Immatriculation"),
        "insured_name": Text(fr="Assuré", ar="المؤمن له", en="Insured"),
        "beneficiary": Text(fr="Bénéficiaire", ar="المستفيد", en="Beneficiary"),
        "form": Text(fr="Formulaire", ar="الاستمارة", en="Form"),
        "care_type": Text(fr="Type de soins", ar="نوع العلاجات", en="Type of care"),
        "care_categories": Text(fr="Prestations", ar="الخدمات", en="Care categories"),
        "amount": Text(fr="Montant déclaré", ar="المبلغ المصرح به", en="Declared amount"),
        "documents": Text(fr="Pièces jointes", ar="الوثائق المرفقة", en="Attached documents"),
        "applicant": Text(fr="Demandeur", ar="صاحب الطلب", en="Applicant"),
        "cin": Text(fr="CIN", ar="رقم البطاقة الوطنية", en="National ID (CIN)"),
        "category": Text(fr="Catégorie", ar="الفئة", en="Category"),
        "dependents": Text(fr="Ayants droit déclarés", ar="ذوو الحقوق المصرح بهم", en="Dependents"),
        "assigned_immatriculation": Text(
            fr="N° d'immatriculation CNSS",
            ar="رقم التسجيل في الصندوق",
            en="CNSS immatriculation no.",
        ),
        "dependent.student.M": Text(fr="étudiant", ar="طالب", en="student"),
        "dependent.student.F": Text(fr="étudiante", ar="طالبة", en="student"),
        "dependent.disabled": Text(
            fr="en situation de handicap", ar="في وضعية إعاقة", en="disabled"
        ),
        "dependent.kafala": Text(fr="kafala", ar="كفالة", en="kafala"),
        "status": Text(fr="Statut", ar="الوضعية", en="Status"),
        "copy": Text(fr="DUPLICATA", ar="نسخة مطابقة", en="COPY"),
        "voided": Text(fr="DÉPÔT ANNULÉ", ar="إيداع ملغى", en="DEPOSIT VOIDED"),
        "qr_caption": Text(
            fr="Code de vérification CNSS",
            ar="رمز التحقق الخاص بالصندوق",
            en="CNSS verification code",
        ),
        "nobody": Text(fr="—", ar="—", en="—"),
    }
)


@dataclass(frozen=True, slots=True)
class ReceiptField:
    """One printed line of a receipt's body: its label and its value, both ready to print."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything a receipt shows, in ``lang`` (the notices are always French and Arabic).

    ``fields`` is the body in print order; the header facts are also fields of their own
    (``receipt_no``, ``issued_at``…) for the screens and the tests that want one of them.
    ``banner`` is empty, or a word the layout prints large ("DUPLICATA", "DÉPÔT ANNULÉ").
    """

    kind: str  # "claim" or "enrolment": the subject kind of its audit entries
    lang: Lang
    title: str
    receipt_no_label: str
    receipt_no: str
    issued_at: str  # local, DD/MM/YYYY HH:MM
    point_code: str
    point_name: str
    clerk_name: str
    fields: tuple[ReceiptField, ...]
    banner: str
    qr_payload: str
    qr_caption: str
    notice_fr: str
    notice_ar: str
    copy: bool = False  # printed as a DUPLICATA (the original was printed before)


def mask_identifier(text: str, keep_start: int, keep_end: int) -> str:
    """``"123456789"`` → ``"12****789"``: enough for the insured to recognise it, no more.

    The middle is always four stars whatever its real length, so the printed form does not
    even tell how long the hidden part is. Too short a text is masked whole.
    """
    text = text.strip()
    if len(text) <= keep_start + keep_end:
        return "*" * 4
    return f"{text[:keep_start]}****{text[len(text) - keep_end :]}"


def mask_immatriculation(immatriculation: str) -> str:
    return mask_identifier(immatriculation, 2, 3)


def mask_cin(cin: str) -> str:
    return mask_identifier(cin, 2, 2)


def local_time(stored_utc: dt.datetime, offset_min: int) -> dt.datetime:
    """A stored naive-UTC time in the zone it was recorded in."""
    zone = dt.timezone(dt.timedelta(minutes=offset_min))
    return stored_utc.replace(tzinfo=dt.UTC).astimezone(zone)


def format_local(moment: dt.datetime) -> str:
    """DD/MM/YYYY HH:MM, as on every printed paper."""
    return f"{format_date(moment.date())} {moment:%H:%M}"


def qr_payload(
    receipt_no: str,
    record_uuid: str,
    point_code: str,
    created_at_utc: dt.datetime,
    amount_centimes: int,
    signature: str,
) -> str:
    """The signed receipt payload followed by ``|`` and its signature (see the docstring)."""
    aware = created_at_utc.replace(tzinfo=dt.UTC)
    signed = receipt_payload(receipt_no, record_uuid, point_code, aware, amount_centimes)
    return f"{signed.decode()}|{signature}"


def verify_qr_payload(payload: str, public_key_b64: str) -> bool:
    """Whether a scanned receipt QR code was signed by the device with that public key."""
    signed, separator, signature = payload.strip().rpartition("|")
    parts = payload.strip().split("|")
    if not separator or len(parts) != QR_FIELDS or parts[0] != QR_PREFIX:
        return False
    try:
        return verify_signature(public_key_b64, signed.encode(), signature)
    except ValueError:  # a public key that is not base64 of 32 bytes
        return False


def receipt_for(
    store: Store, receipt_no: str, lang: Lang = DEFAULT_LANG, *, copy: bool | None = None
) -> ReceiptData:
    """The receipt of a recorded claim or enrolment, to print or reprint.

    Whether it is the original or a DUPLICATA is the store's to say (``copy=None``): the
    original until a print of it has been recorded (``record_print``), whatever screen or
    command prints it. ``copy=True`` forces a DUPLICATA, ``copy=False`` the original.

    Raises ``AppError("receipt.not_found")`` when no record has that number.
    """
    parsed = parse_receipt_number(receipt_no)
    number = str(parsed) if parsed is not None else receipt_no.strip().upper()
    with store.read() as session:
        claim = session.scalar(sa.select(Claim).where(Claim.receipt_no == number))
        if claim is not None:
            printed = copy if copy is not None else _printed(session, "claim", claim.receipt_no)
            return _claim_receipt(session, claim, lang, printed)
        enrolment = session.scalar(sa.select(Enrolment).where(Enrolment.receipt_no == number))
        if enrolment is not None:
            printed = (
                copy if copy is not None else _printed(session, "enrolment", enrolment.receipt_no)
            )
            return _enrolment_receipt(session, enrolment, lang, printed)
    raise AppError("receipt.not_found", receipt_no=receipt_no)


def _printed(session: Session, subject_kind: str, ref: str) -> bool:
    """Whether a print of this receipt is recorded: any further print is a DUPLICATA."""
    return (
        session.scalar(
            sa.select(AuditEntry.seq)
            .where(
                AuditEntry.action == "receipt.print",
                AuditEntry.subject_kind == subject_kind,
                AuditEntry.subject_ref == ref,
            )
            .limit(1)
        )
        is not None
    )


def record_print(
    store: Store,
    actor: Actor,
    subject_kind: str,
    ref: str,
    copy: bool,
    clock: Clock = system_clock,
) -> None:
    """Append the ``receipt.print`` audit entry once a receipt has gone to paper or PDF.

    ``copy`` is what was printed (``ReceiptData.copy``). The details say which kind of record
    and whether it was a reprint; never who it is for. The entry is also how the store knows
    that the original was printed (``receipt_for``).
    """
    with store.write() as session:
        audit(
            session,
            clock(),
            actor.username,
            "receipt.print",
            subject_kind,
            ref,
            {"kind": subject_kind, "reprint": copy},
        )


# --- building the data --------------------------------------------------------------------


def _clerk_name(session: Session, clerk_id: int | None, lang: Lang) -> str:
    user = session.get(User, clerk_id) if clerk_id is not None else None
    return user.display_name if user is not None else TEXTS.render("nobody", lang)


def _receipt(
    session: Session,
    record: Claim | Enrolment,
    kind: str,
    lang: Lang,
    copy: bool,
    amount_centimes: int,
    body: list[ReceiptField],
) -> ReceiptData:
    point_code = get_setting(session, "point.code") or record.point_code
    point_name = get_setting(session, "point.name") or point_code
    issued_at = format_local(local_time(record.created_at, record.utc_offset_min))
    clerk_name = _clerk_name(session, record.clerk_id, lang)
    banner = ""
    if record.voided_at is not None:
        banner = TEXTS.render("voided", lang)
    elif copy:
        banner = TEXTS.render("copy", lang)
    head = [
        ReceiptField(TEXTS.render("issued_at", lang), issued_at),
        ReceiptField(TEXTS.render("point", lang), f"{point_code} — {point_name}"),
        ReceiptField(TEXTS.render("clerk", lang), clerk_name),
    ]
    if record.voided_at is not None:
        body = [
            *body,
            ReceiptField(TEXTS.render("status", lang), status_label(record.status, lang)),
        ]
    return ReceiptData(
        kind=kind,
        copy=copy,
        lang=lang,
        title=TEXTS.render(f"title.{kind}", lang),
        receipt_no_label=TEXTS.render("receipt_no", lang),
        receipt_no=record.receipt_no,
        issued_at=issued_at,
        point_code=point_code,
        point_name=point_name,
        clerk_name=clerk_name,
        fields=(*head, *body),
        banner=banner,
        qr_payload=qr_payload(
            record.receipt_no,
            record.uuid,
            record.point_code,
            record.created_at,
            amount_centimes,
            record.signature,
        ),
        qr_caption=TEXTS.render("qr_caption", lang),
        notice_fr=NOTICE_FR,
        notice_ar=NOTICE_AR,
    )


def _claim_receipt(session: Session, claim: Claim, lang: Lang, copy: bool) -> ReceiptData:
    categories = [CareCategory(code) for code in claim.care_categories.split(",") if code]
    relationship = label(Relationship(claim.beneficiary_relationship), lang)
    amount = claim.declared_amount_centimes
    body = [
        ReceiptField(TEXTS.render("insured_name", lang), claim.insured_name),
        ReceiptField(
            TEXTS.render("insured", lang), mask_immatriculation(claim.insured_immatriculation)
        ),
        ReceiptField(
            TEXTS.render("beneficiary", lang), f"{claim.beneficiary_name} ({relationship})"
        ),
        ReceiptField(TEXTS.render("form", lang), label(FormType(claim.form_type), lang)),
        ReceiptField(TEXTS.render("care_type", lang), label(CareType(claim.care_type), lang)),
        ReceiptField(
            TEXTS.render("care_categories", lang),
            ("، " if lang == "ar" else ", ").join(label(c, lang) for c in categories),
        ),
        ReceiptField(TEXTS.render("amount", lang), format_amount(amount, lang)),
        ReceiptField(TEXTS.render("documents", lang), str(claim.document_count)),
    ]
    return _receipt(session, claim, "claim", lang, copy, amount, body)


def _category_label(session: Session, code: str, lang: Lang) -> str:
    payload = session.scalar(
        sa.select(ReferenceItem.payload).where(
            ReferenceItem.kind == "tns_category", ReferenceItem.code == code
        )
    )
    if payload is None:
        return code
    labels = json.loads(payload)
    text = labels.get("label_ar") if lang == "ar" else labels.get("label_fr")
    return f"{code} — {text}" if text else code


def _enrolment_receipt(
    session: Session, enrolment: Enrolment, lang: Lang, copy: bool
) -> ReceiptData:
    body = [
        ReceiptField(
            TEXTS.render("applicant", lang), f"{enrolment.last_name} {enrolment.first_name}"
        ),
        ReceiptField(TEXTS.render("cin", lang), mask_cin(enrolment.cin)),
    ]
    if enrolment.assigned_immatriculation:
        body.append(
            ReceiptField(
                TEXTS.render("assigned_immatriculation", lang), enrolment.assigned_immatriculation
            )
        )
    body += [
        ReceiptField(
            TEXTS.render("category", lang),
            _category_label(session, enrolment.category_code, lang),
        ),
        ReceiptField(TEXTS.render("dependents", lang), str(len(enrolment.dependents))),
        *(_dependent_field(dependent, lang) for dependent in enrolment.dependents),
    ]
    # Enrolment receipts sign amount 0: there is no money in an enrolment.
    return _receipt(session, enrolment, "enrolment", lang, copy, 0, body)


def _dependent_field(dependent: Dependent, lang: Lang) -> ReceiptField:
    """One declared dependent: "Enfant: EL AMRANI OMAR, 12/03/2002 — étudiant".

    What makes an adult child covered follows the date, after a dash: parentheses would be
    mirrored about by the bidirectional layout of an Arabic line that mixes in Latin names.
    """
    reasons = [
        TEXTS.render(key, lang)
        for key, set_ in (
            (f"dependent.student.{'F' if dependent.sex == 'F' else 'M'}", dependent.is_student),
            ("dependent.disabled", dependent.is_disabled),
            ("dependent.kafala", dependent.is_kafala),
        )
        if set_
    ]
    value = f"{dependent.last_name} {dependent.first_name}, {format_date(dependent.birth_date)}"
    if reasons:
        value += " — " + ("، " if lang == "ar" else ", ").join(reasons)
    relationship = label(Relationship(dependent.relationship), lang)
    return ReceiptField(relationship[:1].upper() + relationship[1:], value)
