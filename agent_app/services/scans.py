"""ID-card scans of AMO-TNS enrolments: import, re-encode, seal, keep, show again.

A scan is a JPEG, PNG or PDF (recognised by its first bytes, never its name, then parsed as
that format: a PDF must parse with ``pypdf`` and have pages, so an executable behind a
``%PDF-`` prefix is refused). Images are re-encoded in memory as JPEG (EXIF and every other
metadata dropped, orientation applied, long side at most 2,000 px, greyscale kept); PDFs are
kept as they are.

Memory is bounded by the pixels decoded, not the file's size (a 30 KB PNG can declare 89
megapixels): JPEGs are decoded reduced (``draft``), and an image that would still decode to
more than ``max_decoded_pixels`` is refused from its header, before any pixel is decoded.
The limit, 16 megapixels, holds an A4 page scanned at 300 dpi (8.7 Mpx) or even 400 dpi
(15.5 Mpx), and a 12- or 16-megapixel phone photo; an A4 page at 600 dpi (34.8 Mpx) is
refused with the advice to scan at 300 dpi, already far more than an ID card needs (85.6 x
54 mm at 300 dpi is 0.65 Mpx). Pillow keeps 4 bytes a pixel for RGB and RGBA, and resizing
RGBA makes a premultiplied copy: a 16-Mpx PNG costs about 170 MB on top of the process,
which keeps an attach under the 300 MB budget (``bench/scan_attach.py`` measures it).

The result is sealed at once (``agent_app.security.scan_sealing``) to the centre's key and to
this store's scan key, and only the sealed bytes are kept: in the attachment row when small,
else in a file of ``<data_dir>/scans/`` named by a random id. The sync engine uploads those
bytes as they are.

A point not activated yet has no centre key: importing a scan is refused until activation,
because sealing later would mean keeping a counter-only copy that must then be converted
(a second format and a migration for one setup step that comes first anyway).

Two steps, usable apart: :func:`prepare_scan` judges and re-encodes a file into a
:class:`PreparedScan` held in memory (the enrolment page does this as soon as the clerk chooses
a file, before the enrolment exists), and :func:`attach_prepared` seals it and attaches it to
a saved enrolment. :func:`import_scan` is the two in a row.

This module must never write a scan's plaintext to disk, never log or audit a file name (it
may hold a person's name) or any field of the enrolment, and never import Qt.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import io
import logging
import secrets
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import sqlalchemy as sa
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from sqlalchemy.orm import Session

from agent_app.errors import AppError
from agent_app.fsutil import write_atomically
from agent_app.security import scan_sealing
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.sync_outbox import CENTRE_KEM, CENTRE_PUBLIC_KEY
from agent_app.store.engine import Store
from agent_app.store.models import Attachment, Enrolment
from agent_app.store.repo import audit, get_setting, set_setting, utc_naive
from sync.client.transport import decode_centre_public_key
from sync.protocol.envelope import CentrePublicKey

log = logging.getLogger(__name__)

SCANS_DIR: Final = "scans"
COUNTER_KEY_SETTING: Final = "scans.counter_key"  # base64, inside the encrypted store only
SUBJECT_KIND: Final = "enrolment"
INLINE_LIMIT: Final = 64 * 1024  # sealed scans up to this size stay in their row
_HEAD_BYTES: Final = 8
_QUALITY_STEPS: Final = (0, 10, 20, 30)  # quality lowered by these when over the stored limit
_MB: Final = 1_000_000
_SEALING_ROOM: Final = 4096  # what sealing adds at most (header, wraps, nonces, tags)


@dataclass(frozen=True, slots=True)
class ScanLimits:
    """What the counter accepts and keeps (decimal megabytes, as a person reads them)."""

    max_source_bytes: int = 10 * _MB
    max_stored_bytes: int = 2 * _MB
    max_side_px: int = 2000
    jpeg_quality: int = 80
    max_decoded_pixels: int = 16_000_000
    max_pdf_pages: int = 20


DEFAULT_LIMITS: Final = ScanLimits()


@dataclass(frozen=True, slots=True)
class ScanRef:
    id: int
    enrolment_id: int
    sha256: str  # of the sealed bytes: the attachment's address at the centre
    size: int  # sealed bytes
    media_type: str  # of the scan itself: image/jpeg or application/pdf
    created_at: dt.datetime  # UTC
    uploaded_at: dt.datetime | None  # UTC, once the centre holds every chunk


def sniff_media_type(head: bytes) -> str | None:
    """The media type that the first bytes announce, or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


@dataclass(frozen=True, slots=True)
class PreparedScan:
    """A scan checked and re-encoded, in memory only, ready to be sealed and attached.

    ``content`` is what will be sealed (the re-encoded JPEG, or the PDF as it was); it never
    touches the disk in this form. ``source_bytes`` is the chosen file's size, for the screen.
    """

    content: bytes
    media_type: str  # of ``content``: image/jpeg or application/pdf
    source_bytes: int

    def __repr__(self) -> str:  # the bytes are a person's ID card: never in a log line
        return f"PreparedScan({self.media_type}, {len(self.content)} bytes)"


def prepare_scan(source: Path, limits: ScanLimits = DEFAULT_LIMITS) -> PreparedScan:
    """Judge the file in ``source`` and re-encode it in memory; raises :class:`AppError`.

    Touches no store: a counter may prepare scans while the enrolment is still being typed,
    and attach them once it is saved (:func:`attach_prepared`).
    """
    raw, media_type = _read_source(source, limits)
    content, stored_type = _prepared(raw, media_type, limits)
    return PreparedScan(content, stored_type, len(raw))


def scans_can_be_sealed(store: Store) -> bool:
    """Whether this point holds the centre's key, without which no scan can be attached."""
    with store.read() as session:
        return bool(get_setting(session, CENTRE_PUBLIC_KEY))


def import_scan(
    store: Store,
    actor: Actor,
    enrolment: str | int,
    source: Path,
    *,
    clock: Clock = system_clock,
    limits: ScanLimits = DEFAULT_LIMITS,
) -> ScanRef:
    """Attach the scan in ``source`` to an enrolment (by receipt number or row id)."""
    # The file is judged first, so a wrong or oversized file is refused wherever it comes from;
    # the store is read after the slow decoding, never held open across it.
    prepared = prepare_scan(source, limits)
    return attach_prepared(store, actor, enrolment, prepared, clock=clock, limits=limits)


def attach_prepared(
    store: Store,
    actor: Actor,
    enrolment: str | int,
    prepared: PreparedScan,
    *,
    clock: Clock = system_clock,
    limits: ScanLimits = DEFAULT_LIMITS,
) -> ScanRef:
    """Seal a prepared scan and attach it to an enrolment (by receipt number or row id)."""
    content, stored_type = prepared.content, prepared.media_type
    with store.read() as session:
        subject = _enrolment(session, enrolment)
        centre_key = _centre_key(session)
    with store.write() as session:
        counter_key = _counter_key(session)
    sealed = scan_sealing.seal_scan(
        content,
        media_type=stored_type,
        subject_kind=SUBJECT_KIND,
        subject_uuid=subject.uuid,
        centre_public_key=centre_key,
        counter_key=counter_key,
    )
    if len(sealed) > limits.max_stored_bytes:
        raise AppError("scan.too_large_stored", max_mb=_mb(limits.max_stored_bytes))
    sha256 = hashlib.sha256(sealed).hexdigest()
    file_ref: str | None = None
    if len(sealed) > INLINE_LIMIT:
        # The file first, durably: a crash before the row commits leaves an orphan of sealed
        # bytes, never a row whose bytes are missing.
        file_ref = f"{SCANS_DIR}/{secrets.token_hex(16)}"
        write_atomically(store.data_dir / file_ref, sealed)
    try:
        with store.write() as session:
            now = clock()
            row = Attachment(
                sha256=sha256,
                size=len(sealed),
                subject_kind=SUBJECT_KIND,
                subject_id=subject.id,
                sealed_bytes=None if file_ref else sealed,
                file_ref=file_ref,
                created_at=utc_naive(now),
            )
            session.add(row)
            session.flush()
            audit(
                session,
                now,
                actor.username,
                "scan.import",
                SUBJECT_KIND,
                subject.receipt_no,
                {
                    "scan_id": row.id,
                    "sha256": sha256,
                    "media_type": stored_type,
                    "sealed_size": len(sealed),
                    "stored_in": "file" if file_ref else "row",
                },
            )
    except BaseException:
        if file_ref is not None:
            with contextlib.suppress(OSError):
                (store.data_dir / file_ref).unlink()
        raise
    log.info("scan %d attached (%s, %d sealed bytes)", row.id, stored_type, len(sealed))
    return _ref(row, stored_type)


def scans_of(store: Store, enrolment_id: int) -> list[ScanRef]:
    """The enrolment's scans, oldest first."""
    with store.read() as session:
        rows = session.scalars(
            sa.select(Attachment)
            .where(Attachment.subject_kind == SUBJECT_KIND, Attachment.subject_id == enrolment_id)
            .order_by(Attachment.id)
        ).all()
    return [_ref(row, _media_type(store, row)) for row in rows]


def read_scan(store: Store, scan_id: int) -> bytes:
    """The scan's bytes as stored before sealing (the re-encoded JPEG, or the PDF), for the
    screen; they stay in memory."""
    with store.read() as session:
        row = session.get(Attachment, scan_id)
        key_text = get_setting(session, COUNTER_KEY_SETTING)
    if row is None or key_text is None:
        raise AppError("scan.not_found", scan_id=scan_id)
    sealed = _sealed_bytes(store, row)
    if hashlib.sha256(sealed).hexdigest() != row.sha256:
        raise AppError("sync.attachment_damaged", sha256=row.sha256[:12])
    try:
        return scan_sealing.open_scan_at_counter(sealed, base64.b64decode(key_text)).content
    except scan_sealing.ScanSealError as error:
        raise AppError("sync.attachment_damaged", sha256=row.sha256[:12]) from error


# --- the source file ------------------------------------------------------------------------


def _read_source(source: Path, limits: ScanLimits) -> tuple[bytes, str]:
    """The file's bytes, refused by size before it is read whole, and by its first bytes."""
    try:
        with source.open("rb") as handle:
            size = _file_size(handle)
            if size > limits.max_source_bytes:
                raise AppError(
                    "scan.too_large", size_mb=_mb(size), max_mb=_mb(limits.max_source_bytes)
                )
            media_type = sniff_media_type(handle.read(_HEAD_BYTES))
            if media_type is None:
                raise AppError("scan.unsupported_type")
            handle.seek(0)
            # Read one byte more than allowed: a file that grew since the size check is
            # refused too.
            raw = handle.read(limits.max_source_bytes + 1)
    except OSError as error:
        raise AppError("scan.unreadable", detail=error.strerror or type(error).__name__) from error
    if len(raw) > limits.max_source_bytes:
        raise AppError("scan.too_large", size_mb=_mb(len(raw)), max_mb=_mb(limits.max_source_bytes))
    return raw, media_type


def _file_size(handle: io.BufferedReader) -> int:
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    handle.seek(0)
    return size


def _mb(size: int) -> str:
    return f"{size / _MB:.1f}".removesuffix(".0")


# --- re-encoding ----------------------------------------------------------------------------


def _prepared(raw: bytes, media_type: str, limits: ScanLimits) -> tuple[bytes, str]:
    """What is sealed: a PDF as it is; an image re-encoded small, without its metadata."""
    if media_type == "application/pdf":
        if len(raw) + _SEALING_ROOM > limits.max_stored_bytes:
            raise AppError("scan.too_large_stored", max_mb=_mb(limits.max_stored_bytes))
        _check_pdf(raw, limits)
        return raw, media_type
    image = _decoded(raw, media_type, limits)
    for step in _QUALITY_STEPS:
        encoded = _jpeg(image, max(limits.jpeg_quality - step, 30))
        if len(encoded) + _SEALING_ROOM <= limits.max_stored_bytes:
            return encoded, "image/jpeg"
    raise AppError("scan.too_large_stored", max_mb=_mb(limits.max_stored_bytes))


# What pypdf raises on a file it cannot make sense of, beyond its own errors.
_PDF_FAILURES = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    RecursionError,
    OSError,
    AssertionError,
    zlib.error,
)


def _check_pdf(raw: bytes, limits: ScanLimits) -> None:
    """A PDF that parses, is not password-protected, and has 1 to ``max_pdf_pages`` pages."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf's notes on a sloppy file are not a refusal
            reader = PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted:
                raise AppError("scan.pdf_protected")
            pages = len(reader.pages)
            if pages == 0:
                raise AppError("scan.pdf_unreadable")
            if pages > limits.max_pdf_pages:
                raise AppError("scan.pdf_too_many_pages", pages=pages, max=limits.max_pdf_pages)
            for page in reader.pages:
                if float(page.mediabox.width) <= 0 or float(page.mediabox.height) <= 0:
                    raise AppError("scan.pdf_unreadable")
    except _PDF_FAILURES as error:
        raise AppError("scan.pdf_unreadable") from error


def _decoded(raw: bytes, media_type: str, limits: ScanLimits) -> Image.Image:
    fmt = "PNG" if media_type == "image/png" else "JPEG"
    try:
        with warnings.catch_warnings():
            # A decompression bomb is a refused file, not a warning in a log.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw), formats=[fmt]) as opened:
                opened.draft(opened.mode, _box(limits))  # JPEG: decode at a reduced scale
                width, height = opened.size  # after draft: what will really be decoded
                if width * height > limits.max_decoded_pixels:
                    raise _too_many_pixels(width, height, limits)
                opened.load()
                # Reduced first, while the full image is the only big one in memory.
                opened.thumbnail(_box(limits), Image.Resampling.LANCZOS, reducing_gap=2.0)
                image = ImageOps.exif_transpose(opened)
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise AppError("scan.too_many_pixels", mpx="?", max_mpx=_mpx(limits)) from error
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise AppError("scan.damaged_image") from error
    return _plain_mode(image)


def _too_many_pixels(width: int, height: int, limits: ScanLimits) -> AppError:
    return AppError("scan.too_many_pixels", mpx=f"{width * height / 1e6:.0f}", max_mpx=_mpx(limits))


def _mpx(limits: ScanLimits) -> str:
    return f"{limits.max_decoded_pixels / 1e6:.0f}"


def _box(limits: ScanLimits) -> tuple[int, int]:
    return (limits.max_side_px, limits.max_side_px)


def _plain_mode(image: Image.Image) -> Image.Image:
    """Greyscale stays greyscale; colour becomes RGB; transparency is laid on white paper."""
    if image.mode in ("L", "RGB"):
        return image
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("1", "I", "I;16", "F"):
        return image.convert("L")
    if image.mode in ("LA", "RGBA", "PA"):
        grey = image.mode == "LA"
        paper = Image.new("L" if grey else "RGB", image.size, 255 if grey else (255, 255, 255))
        paper.paste(image, mask=image.getchannel("A"))
        return paper
    return image.convert("RGB")


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # No exif=, icc_profile= or comment=: nothing of the source's metadata is written.
    image.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()


# --- the store ------------------------------------------------------------------------------


def _enrolment(session: Session, enrolment: str | int) -> Enrolment:
    if isinstance(enrolment, int):
        row = session.get(Enrolment, enrolment)
    else:
        receipt_no = enrolment.strip().upper()
        row = session.scalar(sa.select(Enrolment).where(Enrolment.receipt_no == receipt_no))
    if row is None:
        raise AppError("scan.enrolment_not_found", ref=str(enrolment).strip())
    return row


def _centre_key(session: Session) -> CentrePublicKey:
    text = get_setting(session, CENTRE_PUBLIC_KEY)
    if not text:
        raise AppError("scan.point_not_activated")
    return decode_centre_public_key(get_setting(session, CENTRE_KEM) or "X25519", text)


def _counter_key(session: Session) -> bytes:
    """This store's scan key, made on first use in the caller's transaction."""
    text = get_setting(session, COUNTER_KEY_SETTING)
    if text:
        return base64.b64decode(text)
    key = scan_sealing.new_counter_key()
    set_setting(session, COUNTER_KEY_SETTING, base64.b64encode(key).decode("ascii"))
    return key


def _sealed_bytes(store: Store, row: Attachment) -> bytes:
    if row.sealed_bytes is not None:
        return row.sealed_bytes
    if row.file_ref is None:
        raise AppError("sync.attachment_missing", sha256=row.sha256[:12])
    try:
        return (store.data_dir / row.file_ref).read_bytes()
    except OSError as error:
        raise AppError("sync.attachment_missing", sha256=row.sha256[:12]) from error


def _media_type(store: Store, row: Attachment) -> str:
    try:
        return scan_sealing.peek_scan_header(_sealed_bytes(store, row)).media_type
    except scan_sealing.ScanSealError as error:
        raise AppError("sync.attachment_damaged", sha256=row.sha256[:12]) from error


def _ref(row: Attachment, media_type: str) -> ScanRef:
    return ScanRef(
        id=row.id,
        enrolment_id=row.subject_id,
        sha256=row.sha256,
        size=row.size,
        media_type=media_type,
        created_at=row.created_at.replace(tzinfo=dt.UTC),
        uploaded_at=None if row.uploaded_at is None else row.uploaded_at.replace(tzinfo=dt.UTC),
    )
