"""Peak memory of attaching an ID-card scan at the counter: the worst accepted file and the
worst refused ones, each in a fresh process (budget: 300 MB RSS for any file).

``python -m bench.scan_attach [--write]`` (or ``python -m bench.run_all --only scan``). A
point store is made once (passphrase-held key, a few demo enrolments, a centre public key set
as activation would), then each file is attached by a new process that reports its resident
set before the attach (interpreter, libraries and the opened store) and its peak after
(``VmHWM``): the difference is what judging, decoding, re-encoding and sealing the file cost.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import log_stderr, machine_lines, mebibytes, replace_section, utc_now_text

NAME = "scan"
BUDGET_BYTES = 300 * 1_000_000
PASSPHRASE = "phrase de passe du banc d'essai des scans"  # noqa: S105 (a throwaway store)


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    description: str
    file_name: str


@dataclass(slots=True)
class Measured:
    case: Case
    source_bytes: int
    outcome: str
    rss_before: int
    peak: int
    seconds: float


@dataclass(slots=True)
class ScanResults:
    measured: list[Measured] = field(default_factory=list)
    total_ns: int = 0


def _status_bytes(field_name: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) * 1024
    return 0


def make_files(folder: Path) -> list[Case]:
    """The files: each the worst of its kind that the counter accepts or refuses."""
    from PIL import Image

    from agent_app.services.scans import DEFAULT_LIMITS

    limit = DEFAULT_LIMITS.max_decoded_pixels
    side = int(limit**0.5)
    cases: list[Case] = []

    # Accepted: RGBA (4 bytes a pixel, the most a decoded PNG holds) just under the limit.
    width, height = side, limit // side
    rgba = Image.merge(
        "RGBA",
        [Image.linear_gradient("L").resize((width, height))] * 3
        + [Image.new("L", (width, height), 255)],
    )
    rgba.save(folder / "rgba-limit.png", format="PNG")
    cases.append(
        Case(
            "png_at_limit",
            f"PNG RGBA {width}×{height} ({width * height / 1e6:.1f} Mpx), accepted",
            "rgba-limit.png",
        )
    )
    # Accepted: a large phone-style JPEG decoded reduced (draft) whatever its size.
    grey = Image.linear_gradient("L").resize((8000, 6000))
    photo = Image.merge("RGB", [grey, grey.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grey])
    photo.save(folder / "photo-48mpx.jpg", format="JPEG", quality=90)
    cases.append(
        Case("jpeg_48mpx", "JPEG 8000×6000 (48 Mpx), accepted (decoded at 1/4)", "photo-48mpx.jpg")
    )
    # Accepted: a PDF just under the stored limit, parsed with pypdf.
    _pdf(folder / "just-under-limit.pdf", DEFAULT_LIMITS.max_stored_bytes - 10_000)
    cases.append(
        Case("pdf_at_limit", "PDF of 1.99 MB, parsed and accepted", "just-under-limit.pdf")
    )
    # Refused: a PNG just under Pillow's own limit (89 Mpx), a 23-363 KB file before the fix.
    big = Image.new("RGBA", (9440, 9440), (200, 200, 200, 255))
    big.save(folder / "rgba-89mpx.png", format="PNG")
    cases.append(
        Case("png_89mpx", "PNG RGBA 9440×9440 (89 Mpx), refused from its header", "rgba-89mpx.png")
    )
    # Refused: an executable behind a PDF prefix.
    (folder / "exe.pdf").write_bytes(b"%PDF-1.7\n" + Path(sys.executable).read_bytes()[:1_900_000])
    cases.append(Case("exe_as_pdf", "an executable behind `%PDF-1.7`, refused", "exe.pdf"))
    return cases


def _pdf(path: Path, size: int) -> None:
    filler = b"% " + b"0" * (size - 600) + b"\n"
    stream = b"BT /F1 12 Tf 72 712 Td (CIN) Tj ET\n" + filler
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
    body += b"xref\n0 5\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer << /Size 5 /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    path.write_bytes(body)


def make_point(data_dir: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from agent_app.services.sync_outbox import CENTRE_KEM, CENTRE_PUBLIC_KEY
    from agent_app.store.repo import set_setting

    env = {**os.environ, "AGENT_APP_PASSPHRASE": PASSPHRASE}
    run = [sys.executable, "-m", "agent_app", "--data-dir", str(data_dir)]
    subprocess.run(
        [*run, "init", "--point-code", "BENCH", "--key-store", "passphrase"],
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*run, "demo-data", "--claims", "1", "--registrations", "3"],
        env=env,
        check=True,
        capture_output=True,
    )
    store = _open(data_dir)
    public = X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    with store.write() as session:
        set_setting(session, CENTRE_KEM, "X25519")
        set_setting(
            session,
            CENTRE_PUBLIC_KEY,
            base64.urlsafe_b64encode(public).rstrip(b"=").decode("ascii"),
        )
    store.close()


def _open(data_dir: Path):  # type: ignore[no-untyped-def]
    from agent_app.services.point import open_store

    return open_store(data_dir, lambda: PASSPHRASE)


def child(data_dir: Path, source: Path) -> None:
    """One attach, in this fresh process; prints its figures as JSON."""
    import sqlalchemy as sa

    from agent_app.errors import AppError
    from agent_app.services.context import OPERATOR
    from agent_app.services.scans import import_scan
    from agent_app.store.models import Enrolment

    store = _open(data_dir)
    with store.read() as session:
        enrolment_id = session.scalar(sa.select(sa.func.min(Enrolment.id)))
    import PIL.Image  # noqa: F401 (loaded before the baseline, as in the app)
    import pypdf  # noqa: F401

    # Opening the store derives the key with scrypt (128 MiB): reset the peak after it, so
    # that the figure is the attach's (Linux: writing 5 to clear_refs resets VmHWM).
    with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
        handle.write("5")
    before = _status_bytes("VmRSS")
    started = time.perf_counter()
    try:
        ref = import_scan(store, OPERATOR, int(enrolment_id), source)
        outcome = f"accepted ({ref.media_type}, {ref.size:,} sealed bytes)"
    except AppError as error:
        outcome = f"refused: `{error.code}`"
    elapsed = time.perf_counter() - started
    store.close()
    print(
        json.dumps(
            {
                "outcome": outcome,
                "before": before,
                "peak": _status_bytes("VmHWM"),
                "seconds": elapsed,
            }
        )
    )


def run() -> ScanResults:
    results = ScanResults()
    started = time.perf_counter_ns()
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp:
        folder = Path(tmp)
        log_stderr("scan benchmark: making the files and the point store")
        cases = make_files(folder)
        make_point(folder / "point")
        for case in cases:
            source = folder / case.file_name
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.scan_attach",
                    "--child",
                    str(folder / "point"),
                    str(source),
                ],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "AGENT_APP_PASSPHRASE": PASSPHRASE},
            )
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            results.measured.append(
                Measured(
                    case,
                    source.stat().st_size,
                    figures["outcome"],
                    figures["before"],
                    figures["peak"],
                    figures["seconds"],
                )
            )
            log_stderr(f"{case.name}: {figures['outcome']}, peak {mebibytes(figures['peak'])}")
    results.total_ns = time.perf_counter_ns() - started
    return results


def render(results: ScanResults) -> str:
    rows = [
        f"| {m.case.description} | {m.source_bytes / 1000:,.0f} KB | {m.outcome} |"
        f" {m.rss_before / 1e6:,.0f} MB | **{m.peak / 1e6:,.0f} MB** | {m.seconds:.2f} s |"
        f" {'✅' if m.peak <= BUDGET_BYTES else '❌'} |"
        for m in results.measured
    ]
    worst = max(m.peak for m in results.measured)
    return "\n".join(
        [
            "## Attaching a scan: peak memory (`bench/scan_attach.py`, `--only scan`)",
            "",
            f"Measured {utc_now_text()}. Each file attached by a fresh counter process (store",
            "opened, Pillow and pypdf loaded, then `import_scan`); RSS before the attach and",
            "the process's peak (`VmHWM`) after. Budget: **≤ 300 MB** peak for any file. Worst",
            f"peak: **{worst / 1e6:,.0f} MB** {'✅' if worst <= BUDGET_BYTES else '❌'}.",
            "",
            "| file | size | outcome | RSS before | peak RSS | attach time | ≤ 300 MB |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            "The pixel limit is 16 Mpx decoded (an A4 page at 300 dpi is 8.7 Mpx); JPEGs are",
            "decoded reduced (`draft`), so only PNGs reach it; larger images are refused from",
            "their header, before any pixel is decoded. Machine:",
            "",
            *machine_lines(),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scan_attach")
    parser.add_argument("--child", nargs=2, metavar=("DATA_DIR", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return 0
    results = run()
    section = render(results)
    print(section)
    if args.write:
        replace_section(NAME, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
