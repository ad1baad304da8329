"""Shipments: closing the paper envelope of the day's deposits and its slip (bordereau d'envoi).

Owns which deposits go into an envelope, the envelope's number, its manifest hash and the
content of its printed slip. Never imports Qt: ``agent_app/ui/printing.py`` lays the slip out.

Closing an envelope (``close_shipment``) is one transaction: every live (not voided)
deposit of the chosen day not yet in an envelope is linked to a new :class:`Shipment`, which
gets the number ``ENV-<point>-<YYMMDD>-<NN><check>`` (the local day it was closed and that
day's envelope sequence, kept in the ``counters`` table as ``shipment:<YYYY-MM-DD>``), the
item count, the declared total, and the manifest hash; an audit entry ``shipment.close``
lands with it. No claim status changes: the envelope is its own record, and a claim's
``shipment_id`` says which envelope holds its paper. An empty envelope is refused
(``shipment.empty``), so a second close in a row changes nothing.

The manifest is one line per deposit, sorted by receipt number, each ending with a newline::

    <receipt_no>|<uuid>|<declared amount in centimes>\\n

and the manifest hash is the SHA-256 of those lines' UTF-8 bytes, in lower-case hex. The
envelope travels with its claims' uuids (``sync_outbox.shipment_item``) and the centre
recomputes the hash from the claims it holds (``docs/protocol.md``); the slip's QR code
carries it::

    GAMO-ENV1|<shipment number>|<item count>|<manifest hash>
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from agent_app.domain.money import format_amount
from agent_app.domain.receipt_numbers import format_shipment_number, parse_shipment_number
from agent_app.errors import AppError
from agent_app.i18n import DEFAULT_LANG, Catalog, Lang, Text
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.receipts import format_local, mask_immatriculation
from agent_app.store.engine import Store
from agent_app.store.models import Claim, Shipment, User
from agent_app.store.repo import audit, get_setting, next_seq, utc_naive

QR_PREFIX = "GAMO-ENV1"

TEXTS = Catalog(
    {
        "title": Text(
            fr="Bordereau d'envoi — dossiers AMO",
            ar="جدول الإرسال — ملفات التأمين الإجباري عن المرض",
            en="Shipment slip — AMO claims",
        ),
        "number": Text(fr="N° d'enveloppe", ar="رقم الظرف", en="Envelope no."),
        "point": Text(fr="Point de dépôt", ar="نقطة الإيداع", en="Service point"),
        "closed_at": Text(fr="Fermée le", ar="أُغلق في", en="Closed on"),
        "closed_by": Text(fr="Fermée par", ar="أغلقه", en="Closed by"),
        "count": Text(fr="Nombre de dossiers", ar="عدد الملفات", en="Number of files"),
        "documents": Text(fr="Pièces", ar="الوثائق", en="Documents"),
        "total": Text(fr="Total déclaré", ar="المجموع المصرح به", en="Declared total"),
        "manifest": Text(fr="Empreinte du contenu", ar="بصمة المحتوى", en="Manifest hash"),
        "col.position": Text(fr="N°", ar="رقم", en="No."),
        "col.receipt_no": Text(fr="Reçu", ar="الوصل", en="Receipt"),
        "col.immatriculation": Text(fr="Immatriculation", ar="رقم التسجيل", en="Immatriculation"),
        "col.beneficiary": Text(fr="Bénéficiaire", ar="المستفيد", en="Beneficiary"),
        "col.documents": Text(fr="Pièces", ar="الوثائق", en="Docs"),
        "col.amount": Text(fr="Montant déclaré", ar="المبلغ المصرح به", en="Declared amount"),
        "totals": Text(fr="Total", ar="المجموع", en="Total"),
        "handed_by": Text(fr="Remis par", ar="سلّمه", en="Handed over by"),
        "received_by": Text(fr="Reçu par", ar="تسلّمه", en="Received by"),
        "sign_name": Text(fr="Nom", ar="الاسم", en="Name"),
        "sign_date": Text(fr="Date", ar="التاريخ", en="Date"),
        "sign_signature": Text(fr="Signature", ar="التوقيع", en="Signature"),
        "page": Text(
            fr="Page {page}/{pages}", ar="الصفحة {page}/{pages}", en="Page {page}/{pages}"
        ),
        "nobody": Text(fr="—", ar="—", en="—"),
    }
)


@dataclass(frozen=True, slots=True)
class ManifestItem:
    receipt_no: str
    uuid: str
    amount_centimes: int


def manifest_text(items: Iterable[ManifestItem]) -> str:
    """The canonical listing the manifest hash is taken over (see the module docstring)."""
    ordered = sorted(items, key=lambda item: item.receipt_no)
    return "".join(f"{i.receipt_no}|{i.uuid}|{i.amount_centimes}\n" for i in ordered)


def manifest_hash(items: Iterable[ManifestItem]) -> str:
    return hashlib.sha256(manifest_text(items).encode()).hexdigest()


def shipment_qr_payload(number: str, item_count: int, digest: str) -> str:
    return f"{QR_PREFIX}|{number}|{item_count}|{digest}"


@dataclass(frozen=True, slots=True)
class ShipmentLine:
    """One deposit on the slip; the immatriculation masked, the amount formatted."""

    position: int
    receipt_no: str
    immatriculation: str
    beneficiary_name: str
    documents: int
    amount: str
    amount_centimes: int


@dataclass(frozen=True, slots=True)
class ShipmentSlip:
    """Everything the slip shows, in ``lang``; ``labels`` holds its printed words by key.

    Label keys: title, number, point, closed_at, closed_by, count, documents, total,
    manifest, col.position, col.receipt_no, col.immatriculation, col.beneficiary,
    col.documents, col.amount, totals, handed_by, received_by, sign_name, sign_date,
    sign_signature, page (with ``{page}`` and ``{pages}``).
    """

    lang: Lang
    number: str
    point_code: str
    point_name: str
    closed_at: str  # local, DD/MM/YYYY HH:MM
    closed_by: str
    lines: tuple[ShipmentLine, ...]
    item_count: int
    documents_total: int
    total_centimes: int
    total: str
    manifest_hash: str
    qr_payload: str
    labels: dict[str, str]


@dataclass(frozen=True, slots=True)
class ShipmentRow:
    """What ``shipments list`` and the screens show of an envelope."""

    number: str
    closed_at: dt.datetime  # aware, UTC
    closed_by: str | None
    item_count: int
    total_centimes: int
    manifest_hash: str


def _unshipped(chosen: dt.date, all_unshipped: bool) -> sa.ColumnElement[bool]:
    return sa.and_(
        Claim.shipment_id.is_(None),
        Claim.voided_at.is_(None),
        Claim.deposit_day <= chosen if all_unshipped else Claim.deposit_day == chosen,
    )


@dataclass(frozen=True, slots=True)
class Unshipped:
    """Paper waiting for an envelope: today's deposits, and older ones left behind."""

    today_count: int
    today_total_centimes: int
    older_count: int


def unshipped(store: Store, today: dt.date) -> Unshipped:
    with store.read() as session:
        count, total = session.execute(
            sa.select(
                sa.func.count(Claim.id),
                sa.func.coalesce(sa.func.sum(Claim.declared_amount_centimes), 0),
            ).where(_unshipped(today, all_unshipped=False))
        ).one()
        older = session.scalar(
            sa.select(sa.func.count(Claim.id)).where(
                _unshipped(today - dt.timedelta(days=1), all_unshipped=True)
            )
        )
    return Unshipped(int(count), int(total), int(older or 0))


def close_shipment(
    store: Store,
    actor: Actor,
    *,
    day: dt.date | None = None,
    all_unshipped: bool = False,
    clock: Clock = system_clock,
    lang: Lang = DEFAULT_LANG,
) -> ShipmentSlip:
    """Close an envelope of the live deposits of ``day`` (default: today) not yet shipped.

    ``all_unshipped`` also takes the leftovers of earlier days (every unshipped live deposit
    up to ``day``). The envelope is numbered by the day it is closed. Raises
    ``AppError("shipment.empty")`` when there is nothing to put in it.
    """
    with store.write() as session:
        now = clock()
        today = now.date()
        chosen = day or today
        condition = _unshipped(chosen, all_unshipped)
        items = [
            ManifestItem(receipt_no, uuid, amount)
            for receipt_no, uuid, amount in session.execute(
                sa.select(Claim.receipt_no, Claim.uuid, Claim.declared_amount_centimes).where(
                    condition
                )
            )
        ]
        if not items:
            raise AppError("shipment.empty")
        point_code = get_setting(session, "point.code") or ""
        day_seq = next_seq(session, name=f"shipment:{today.isoformat()}")
        number = format_shipment_number(point_code, today, day_seq)
        digest = manifest_hash(items)
        shipment = Shipment(
            uuid=str(uuidlib.uuid4()),
            number=number,
            point_code=point_code,
            seq=next_seq(session),
            created_at=utc_naive(now),
            closed_at=utc_naive(now),
            closed_by_id=actor.user_id,
            item_count=len(items),
            total_centimes=sum(item.amount_centimes for item in items),
            manifest_hash=digest,
        )
        session.add(shipment)
        session.flush()
        result = session.execute(
            sa.update(Claim)
            .where(condition)
            .values(shipment_id=shipment.id)
            .execution_options(synchronize_session=False)
        )
        linked = result.rowcount if isinstance(result, sa.CursorResult) else -1
        if linked != len(items):  # the write lock makes this impossible; say so if not
            raise RuntimeError(f"linked {linked} deposits to {number}, listed {len(items)}")
        audit(
            session,
            now,
            actor.username,
            "shipment.close",
            "shipment",
            number,
            {"number": number, "count": len(items), "manifest_hash": digest},
        )
        return _slip(session, shipment, lang, now.tzinfo)


def list_shipments(store: Store) -> list[ShipmentRow]:
    """Every closed envelope, newest first."""
    with store.read() as session:
        rows = session.execute(
            sa.select(
                Shipment.number,
                Shipment.closed_at,
                Shipment.created_at,
                User.display_name,
                Shipment.item_count,
                Shipment.total_centimes,
                Shipment.manifest_hash,
            )
            .outerjoin(User, User.id == Shipment.closed_by_id)
            .where(Shipment.closed_at.is_not(None))
            .order_by(Shipment.seq.desc())
        )
        return [
            ShipmentRow(
                number=number,
                closed_at=(closed_at or created_at).replace(tzinfo=dt.UTC),
                closed_by=closed_by,
                item_count=count,
                total_centimes=total,
                manifest_hash=digest or "",
            )
            for number, closed_at, created_at, closed_by, count, total, digest in rows
        ]


def shipment_slip(
    store: Store, number: str, lang: Lang = DEFAULT_LANG, *, zone: dt.tzinfo | None = None
) -> ShipmentSlip:
    """The slip of a closed envelope, to print or reprint.

    Times show in ``zone``, by default this machine's: the envelope keeps no offset of its
    own, and the machine is at the point that closed it.
    """
    parsed = parse_shipment_number(number)
    text = str(parsed) if parsed is not None else number.strip().upper()
    with store.read() as session:
        shipment = session.scalar(sa.select(Shipment).where(Shipment.number == text))
        if shipment is None or shipment.closed_at is None:
            raise AppError("shipment.not_found", number=number)
        return _slip(session, shipment, lang, zone)


def record_slip_print(
    store: Store, actor: Actor, number: str, *, copy: bool = False, clock: Clock = system_clock
) -> None:
    """Append the ``shipment.print`` audit entry once a slip has gone to paper or PDF."""
    with store.write() as session:
        audit(
            session,
            clock(),
            actor.username,
            "shipment.print",
            "shipment",
            number,
            {"reprint": copy},
        )


def _slip(session: Session, shipment: Shipment, lang: Lang, zone: dt.tzinfo | None) -> ShipmentSlip:
    rows = session.execute(
        sa.select(
            Claim.receipt_no,
            Claim.insured_immatriculation,
            Claim.beneficiary_name,
            Claim.document_count,
            Claim.declared_amount_centimes,
        )
        .where(Claim.shipment_id == shipment.id)
        .order_by(Claim.receipt_no)
    )
    lines = tuple(
        ShipmentLine(
            position=position,
            receipt_no=receipt_no,
            immatriculation=mask_immatriculation(immatriculation),
            beneficiary_name=beneficiary,
            documents=documents,
            amount=format_amount(amount, lang),
            amount_centimes=amount,
        )
        for position, (receipt_no, immatriculation, beneficiary, documents, amount) in enumerate(
            rows, start=1
        )
    )
    closed_at = (shipment.closed_at or shipment.created_at).replace(tzinfo=dt.UTC)
    closer = session.get(User, shipment.closed_by_id) if shipment.closed_by_id else None
    point_code = shipment.point_code
    digest = shipment.manifest_hash or ""
    return ShipmentSlip(
        lang=lang,
        number=shipment.number,
        point_code=point_code,
        point_name=get_setting(session, "point.name") or point_code,
        closed_at=format_local(closed_at.astimezone(zone)),
        closed_by=closer.display_name if closer is not None else TEXTS.render("nobody", lang),
        lines=lines,
        item_count=shipment.item_count,
        documents_total=sum(line.documents for line in lines),
        total_centimes=shipment.total_centimes,
        total=format_amount(shipment.total_centimes, lang),
        manifest_hash=digest,
        qr_payload=shipment_qr_payload(shipment.number, shipment.item_count, digest),
        labels={key: TEXTS.render(key, lang) for key in TEXTS if key != "page"}
        | {"page": TEXTS.render("page", lang, page="{page}", pages="{pages}")},
    )
