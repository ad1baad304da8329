"""ID-card scans of enrolments: judged by their bytes, re-encoded, sealed, never plaintext on
disk, shown again at the counter, uploaded to the real centre and opened there."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

from agent_app.errors import AppError
from agent_app.security.scan_sealing import ScanSealError, open_scan_at_centre, peek_scan_header
from agent_app.services.enrolments import RecordedEnrolment, enrol
from agent_app.services.scans import (
    ScanLimits,
    import_scan,
    prepare_scan,
    read_scan,
    scans_of,
)
from agent_app.services.sync import activate, run_sync
from agent_app.store.engine import Store
from agent_app.store.models import Attachment, AuditEntry
from sync.server.keys import load_or_create_keys
from sync.server.store import attachment_chunks
from tests.builders import enrolment_draft
from tests.integration.test_cli import run_cli
from tests.sync.conftest import TEST_PASSPHRASE, Central
from tests.sync.conftest import central_module as central_module  # one real centre per module

EXIF_MARKER = "EXIF-MARQUEUR-GPS-33.5731N-7.5898W"
PDF_MARKER = b"PDF-MARQUEUR-CIN-BK654321"
QUADRANTS = ((200, 30, 30), (30, 160, 40), (30, 40, 200), (240, 240, 240))


def photo_of_id_card(path: Path, width: int = 4000, height: int = 3000) -> Path:
    """A large phone photo: four coloured quadrants under noise, a marker in its EXIF."""
    image = Image.new("RGB", (width, height))
    for index, colour in enumerate(QUADRANTS):
        left, top = (index % 2) * width // 2, (index // 2) * height // 2
        image.paste(colour, (left, top, left + width // 2, top + height // 2))
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    image = Image.blend(image, noise, 0.2)
    exif = Image.Exif()
    exif[0x010E] = EXIF_MARKER  # ImageDescription
    exif[0x0131] = EXIF_MARKER  # Software
    image.save(path, format="JPEG", quality=92, exif=exif.tobytes())
    return path


def greyscale_png(path: Path) -> Path:
    image = Image.linear_gradient("L").resize((600, 400))
    image.save(path, format="PNG")
    return path


def pdf_of_id_card(path: Path) -> Path:
    """A PDF with a marker in its text and enough content to be kept in a file."""
    filler = os.urandom(120_000).hex().encode("ascii")
    stream = b"BT /F1 12 Tf 72 712 Td (" + PDF_MARKER + b") Tj ET\n% " + filler + b"\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >> stream\n" + stream + b"endstream",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += str(number).encode() + b" 0 obj " + content + b" endobj\n"
    xref = len(body)
    body += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer << /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\n"
    body += b"startxref\n" + str(xref).encode() + b"\n%%EOF\n"
    path.write_bytes(body)
    return path


def every_byte_on_disk(data_dir: Path) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in sorted(data_dir.rglob("*")) if path.is_file()]


def assert_nowhere_on_disk(
    data_dir: Path, needles: dict[str, bytes], *, store_open: bool = True
) -> None:
    files = every_byte_on_disk(data_dir)
    if store_open:
        assert any(path.name.endswith("-wal") for path, _ in files), "the WAL is checked too"
    for path, content in files:
        for what, needle in needles.items():
            assert needle not in content, f"{what} in plaintext in {path.name}"


def activate_point(store: Store, supervisor, central: Central, clock) -> None:
    activate(store, supervisor, central.url, central.issue_activation("CASA01"), clock=clock)


def an_enrolment(store: Store, clerk, clock) -> RecordedEnrolment:
    return enrol(store, clerk, enrolment_draft(), clock=clock)


def test_scans_are_sealed_shown_again_uploaded_and_opened_by_the_centre(
    tmp_path, store, clerk, supervisor, clock, central_module, monkeypatch
):
    enrolment = an_enrolment(store, clerk, clock)
    activate_point(store, supervisor, central_module, clock)
    # A file name may carry the applicant's name: it must reach neither the audit nor the log.
    photo = photo_of_id_card(tmp_path / "cin_el_amrani_khadija.jpg")
    pdf = pdf_of_id_card(tmp_path / "cin_el_amrani_verso.pdf")
    photo_bytes, pdf_bytes = photo.read_bytes(), pdf.read_bytes()
    assert EXIF_MARKER.encode() in photo_bytes and b"Exif\x00\x00" in photo_bytes

    photo_scan = import_scan(store, clerk, enrolment.receipt_no.lower(), photo, clock=clock)
    pdf_scan = import_scan(store, clerk, enrolment.id, pdf, clock=clock)

    assert [s.id for s in scans_of(store, enrolment.id)] == [photo_scan.id, pdf_scan.id]
    assert (photo_scan.media_type, pdf_scan.media_type) == ("image/jpeg", "application/pdf")
    assert photo_scan.size < len(photo_bytes) / 4  # a large photo is stored much smaller
    assert photo_scan.size <= 2_000_000 and photo_scan.uploaded_at is None

    shown = read_scan(store, photo_scan.id)
    with Image.open(io.BytesIO(shown)) as image:
        assert image.format == "JPEG" and max(image.size) == 2000
        assert image.size == (2000, 1500) and image.mode == "RGB"
        assert not image.getexif() and "exif" not in image.info
        for index, colour in enumerate(QUADRANTS):
            x, y = (index % 2) * 1000 + 500, (index // 2) * 750 + 375
            centre = image.crop((x - 20, y - 20, x + 20, y + 20)).resize((1, 1), Image.BOX)
            pixel = centre.getpixel((0, 0))
            assert isinstance(pixel, tuple)
            expected = [0.8 * c + 0.2 * 128 for c in colour]  # the blend with grey noise
            assert all(abs(p - e) < 12 for p, e in zip(pixel, expected, strict=True))
    assert EXIF_MARKER.encode() not in shown
    assert read_scan(store, pdf_scan.id) == pdf_bytes

    with store.read() as session:
        rows = {row.id: row for row in session.scalars(sa.select(Attachment))}
        details = [entry.details for entry in session.scalars(sa.select(AuditEntry))]
    assert rows[pdf_scan.id].file_ref is not None and rows[pdf_scan.id].sealed_bytes is None
    assert (store.data_dir / rows[pdf_scan.id].file_ref).parent.name == "scans"
    assert not any("amrani" in text.lower() or "cin_" in text for text in details)
    scan_audits = [text for text in details if photo_scan.sha256 in text]
    assert len(scan_audits) == 1

    plaintext_pieces = {
        "the EXIF marker": EXIF_MARKER.encode(),
        "the source's JPEG start and EXIF header": photo_bytes[:12],
        "an EXIF block": b"Exif\x00\x00",
        "a slice of the source": photo_bytes[len(photo_bytes) // 2 : len(photo_bytes) // 2 + 32],
        "the re-encoded JPEG's start": shown[:16],
        "a slice of the re-encoded JPEG": shown[len(shown) // 2 : len(shown) // 2 + 32],
        "the PDF header": b"%PDF-1.",
        "the PDF marker": PDF_MARKER,
        "the PDF trailer": b"trailer << /Root",
    }
    assert_nowhere_on_disk(store.data_dir, plaintext_pieces)

    report = run_sync(store, force_seal=True, clock=clock)

    assert report.ok, report
    assert report.attachments_uploaded == 2
    assert all(scan.uploaded_at is not None for scan in scans_of(store, enrolment.id))
    assert read_scan(store, photo_scan.id) == shown  # still shown at the counter once sent
    assert_nowhere_on_disk(store.data_dir, plaintext_pieces)

    held = centre_attachment(central_module, photo_scan.sha256)
    assert hashlib.sha256(held).hexdigest() == photo_scan.sha256
    assert len(held) == photo_scan.size
    monkeypatch.setenv("GAMO_CENTRE_PASSPHRASE", TEST_PASSPHRASE)
    centre_keys = load_or_create_keys(central_module.data_dir)
    opened = open_scan_at_centre(held, centre_keys.kem_private)
    assert opened.content == shown
    assert (opened.header.subject_kind, opened.header.subject_uuid) == ("enrolment", enrolment.uuid)
    pdf_held = centre_attachment(central_module, pdf_scan.sha256)
    assert open_scan_at_centre(pdf_held, centre_keys.kem_private).content == pdf_bytes

    # The header is bound to the wraps: a scan moved to another subject opens nowhere.
    moved = held.replace(enrolment.uuid.encode(), enrolment.uuid[::-1].encode(), 1)
    assert peek_scan_header(moved).subject_uuid == enrolment.uuid[::-1]
    with pytest.raises(ScanSealError):
        open_scan_at_centre(moved, centre_keys.kem_private)


def centre_attachment(central: Central, sha256: str) -> bytes:
    engine = sa.create_engine(central.db_url)
    try:
        with engine.connect() as connection:
            chunks = connection.execute(
                sa.select(attachment_chunks.c.data)
                .where(attachment_chunks.c.sha256 == sha256)
                .order_by(attachment_chunks.c.chunk_index)
            ).scalars()
            return b"".join(chunks)
    finally:
        engine.dispose()


def test_a_greyscale_scan_stays_greyscale_and_small_scans_stay_in_their_row(
    tmp_path, store, clerk, supervisor, clock, central_module
):
    enrolment = an_enrolment(store, clerk, clock)
    activate_point(store, supervisor, central_module, clock)

    scan = import_scan(store, clerk, enrolment.receipt_no, greyscale_png(tmp_path / "scan.png"))

    with Image.open(io.BytesIO(read_scan(store, scan.id))) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "L", (600, 400))
        assert image.getpixel((300, 3)) < 20 and image.getpixel((300, 396)) > 235  # top to bottom
    with store.read() as session:
        row = session.get(Attachment, scan.id)
    assert row is not None and row.file_ref is None and row.sealed_bytes is not None
    assert not (store.data_dir / "scans").exists()


def test_a_scan_is_refused_before_the_point_is_activated(tmp_path, store, clerk, clock):
    enrolment = an_enrolment(store, clerk, clock)

    with pytest.raises(AppError) as refused:
        import_scan(store, clerk, enrolment.receipt_no, greyscale_png(tmp_path / "scan.png"))

    assert refused.value.code == "scan.point_not_activated"
    assert "activez d'abord le point" in refused.value.message("fr")
    assert scans_of(store, enrolment.id) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("carte.jpg", b"GIF89a" + bytes(200)),
        ("carte.pdf", b"Nom: El Amrani\nCIN: BK654321\n"),
        ("carte.png", b""),
        ("carte.jpeg", b"\x00\xff\xd8\xff" + bytes(200)),  # the magic must be at the start
    ],
)
def test_a_file_that_is_not_jpeg_png_or_pdf_is_refused_whatever_its_name(
    tmp_path, store, clerk, clock, name, content
):
    enrolment = an_enrolment(store, clerk, clock)
    source = tmp_path / name
    source.write_bytes(content)

    with pytest.raises(AppError) as refused:
        import_scan(store, clerk, enrolment.receipt_no, source, clock=clock)

    assert refused.value.code == "scan.unsupported_type"
    assert "ni une image JPEG ou PNG ni un PDF" in refused.value.message("fr")
    assert "JPEG" in refused.value.message("ar") and "PDF" in refused.value.message("en")


def test_a_damaged_image_is_refused_with_a_message(tmp_path, store, clerk, clock):
    enrolment = an_enrolment(store, clerk, clock)
    whole = photo_of_id_card(tmp_path / "whole.jpg", 400, 300).read_bytes()
    source = tmp_path / "cut.jpg"
    source.write_bytes(whole[:600])

    with pytest.raises(AppError) as refused:
        import_scan(store, clerk, enrolment.receipt_no, source, clock=clock)

    assert refused.value.code == "scan.damaged_image"
    assert "numérisez la pièce à nouveau" in refused.value.message("fr")


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, store, clerk, clock):
    enrolment = an_enrolment(store, clerk, clock)
    just_over = tmp_path / "gros.jpg"
    just_over.write_bytes(b"\xff\xd8\xff\xe0" + bytes(10_000_000 - 3))
    # Sparse: 6 GB on paper, nothing on disk; reading it whole would exhaust the memory.
    huge = tmp_path / "enorme.pdf"
    with huge.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(6_000_000_000)

    with pytest.raises(AppError) as refused:
        import_scan(store, clerk, enrolment.receipt_no, just_over, clock=clock)
    with pytest.raises(AppError) as refused_huge:
        import_scan(store, clerk, enrolment.receipt_no, huge, clock=clock)

    assert refused.value.code == refused_huge.value.code == "scan.too_large"
    assert "plus que les 10 Mo permis" in refused.value.message("fr")
    assert "6000 Mo" in refused_huge.value.message("fr")
    assert "10 MB allowed" in refused.value.message("en")


def test_a_pdf_over_the_stored_limit_is_refused(tmp_path, store, clerk, clock):
    enrolment = an_enrolment(store, clerk, clock)
    source = pdf_of_id_card(tmp_path / "scan.pdf")
    limits = ScanLimits(max_stored_bytes=100_000)

    with pytest.raises(AppError) as refused:
        import_scan(store, clerk, enrolment.receipt_no, source, clock=clock, limits=limits)

    assert refused.value.code == "scan.too_large_stored"
    assert "dépasse 0.1 Mo" in refused.value.message("fr")


def test_a_scan_for_an_unknown_receipt_is_refused(tmp_path, store, clerk, clock):
    with pytest.raises(AppError) as refused:
        import_scan(store, clerk, "CASA01-261120-9999", greyscale_png(tmp_path / "s.png"))

    assert refused.value.code == "scan.enrolment_not_found"
    assert "CASA01-261120-9999" in refused.value.message("fr")


def test_the_cli_attaches_a_scan_to_a_registration(tmp_path, central_module):
    data = tmp_path / "point"
    done = run_cli(
        data, "init", "--point-code", "CASA01", "--point-name", "Anfa", "--key-store", "passphrase"
    )
    assert done.returncode == 0, done.stderr
    assert run_cli(data, "demo-data", "--registrations", "1", "--seed", "3").returncode == 0
    listed = run_cli(data, "registrations", "list", "--json")
    (registration,) = json.loads(listed.stdout)
    receipt_no = registration["receipt_no"]
    photo = photo_of_id_card(tmp_path / "recto.jpg", 800, 600)
    wrong = tmp_path / "recto.png"
    wrong.write_bytes(b"BM" + bytes(100))  # a BMP, whatever its name says

    before = run_cli(data, "registrations", "attach", receipt_no, str(photo))
    code = central_module.issue_activation("CASA01")
    assert run_cli(data, "activate", "--server", central_module.url, "--code", code).returncode == 0
    attached = run_cli(data, "registrations", "attach", receipt_no, str(photo))
    refused = run_cli(data, "registrations", "attach", receipt_no, str(wrong))

    assert before.returncode == 1 and "activez d'abord le point" in before.stderr
    assert attached.returncode == 0, attached.stderr
    assert f"Scan joint à l'immatriculation {receipt_no}" in attached.stdout
    assert refused.returncode == 1
    assert "ni une image JPEG ou PNG ni un PDF" in refused.stderr
    assert_nowhere_on_disk(data, {"the EXIF marker": EXIF_MARKER.encode()}, store_open=False)


def test_an_executable_behind_a_pdf_prefix_is_refused(tmp_path, store, clerk, clock):
    enrolment = an_enrolment(store, clerk, clock)
    source = tmp_path / "cin.pdf"
    source.write_bytes(b"%PDF-1.7\n" + Path(sys.executable).read_bytes()[:300_000])

    with pytest.raises(AppError) as refused:
        import_scan(store, clerk, enrolment.receipt_no, source, clock=clock)

    assert refused.value.code == "scan.pdf_unreadable"
    assert "n'en est pas un lisible" in refused.value.message("fr")
    assert "PDF" in refused.value.message("ar") and "not a readable" in refused.value.message("en")
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 0


def test_a_password_protected_pdf_is_refused(tmp_path, store, clerk, clock):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.encrypt("secret", algorithm="RC4-128")
    source = tmp_path / "cin.pdf"
    with source.open("wb") as handle:
        writer.write(handle)

    with pytest.raises(AppError) as refused:
        prepare_scan(source)

    assert refused.value.code == "scan.pdf_protected"


def test_an_image_declaring_more_pixels_than_a_300_dpi_page_is_refused_from_its_header(tmp_path):
    # 48 megapixels of one grey: a tiny file that would take hundreds of MB to decode.
    source = tmp_path / "cin.png"
    Image.new("L", (8000, 6000), 210).save(source, format="PNG")
    assert source.stat().st_size < 200_000

    with pytest.raises(AppError) as refused:
        prepare_scan(source)

    assert refused.value.code == "scan.too_many_pixels"
    assert "48 mégapixels" in refused.value.message("fr")
    assert "300 dpi" in refused.value.message("en")
    assert refused.value.message("ar")


def test_an_a4_page_scanned_at_300_dpi_is_accepted_and_made_small(tmp_path):
    source = tmp_path / "page.png"
    Image.linear_gradient("L").resize((2480, 3508)).save(source, format="PNG")

    prepared = prepare_scan(source)

    assert prepared.media_type == "image/jpeg"
    assert max(Image.open(io.BytesIO(prepared.content)).size) == 2000
