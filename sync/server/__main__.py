"""The centre operator's command line: ``python -m sync.server COMMAND``.

serve, issue-activation, stats, import-batches, simulate-processing, revoke-device,
set-parameter, add-insured, openapi.
Every failure is one line on stderr and a non-zero exit, never a traceback. This module owns
argument parsing and printing; the work is done by the modules it calls.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy.exc import SQLAlchemyError

from sync.protocol.errors import ERROR_CODES, ProtocolError
from sync.protocol.queries import REGIMES
from sync.protocol.schema import BatchAcknowledgement
from sync.server import devices, insured, processing, reference, store
from sync.server.config import MAX_BODY_BYTES, RateLimit, ServerConfig, default_database_url
from sync.server.ingest import ingest_batch
from sync.server.keys import CENTRE_KEMS, CentreKeyError, load_or_create_keys
from sync.server.stats import centre_stats

log = logging.getLogger("sync.server")
POINT_CODE_RE = re.compile(r"[0-9A-HJ-NP-Z]{2,8}", re.ASCII)
MAX_WORKERS = 64


class CommandError(Exception):
    """A failure the operator can act on: printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m sync.server", description="Guichet AMO reference centre")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def with_data(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--data-dir", type=Path, required=True)
        command.add_argument("--db", help="SQLAlchemy URL; default: a SQLite file in --data-dir")
        return command

    serve = with_data("serve", "run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert", type=Path)
    serve.add_argument("--tls-key", type=Path)
    serve.add_argument("--port-file", type=Path, help="write the bound port here once serving")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="centre processes on the one port (limits are shared through the database)",
    )
    serve.add_argument(
        "--centre-kem",
        choices=CENTRE_KEMS,
        default=CENTRE_KEMS[0],
        help="the HPKE key activation hands out (MLKEM768_X25519: the post-quantum hybrid)",
    )
    serve.add_argument("--device-rate", type=float, default=50.0, help="requests/s per device")
    serve.add_argument("--device-burst", type=int, default=300)
    serve.add_argument("--address-rate", type=float, default=500.0, help="requests/s per address")
    serve.add_argument("--address-burst", type=int, default=5000)
    serve.add_argument(
        "--check-per-minute", type=float, default=30.0, help="insured checks a minute per device"
    )
    serve.add_argument("--check-burst", type=int, default=30)

    issue = with_data("issue-activation", "print a one-time activation code for a point")
    issue.add_argument("--point-code", required=True)
    issue.add_argument("--valid-hours", type=int, default=72)

    stats = with_data("stats", "print what the centre holds and refused")
    stats.add_argument("--json", action="store_true")

    imports = with_data("import-batches", "ingest sealed batch files exactly as PUT would")
    imports.add_argument("files", nargs="+", type=Path)

    simulate = with_data("simulate-processing", "move received items through CNSS processing")
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--steps", type=int, default=1)

    revoke = with_data("revoke-device", "refuse everything from a device from now on")
    revoke.add_argument("--device-id", required=True)

    parameter = with_data("set-parameter", "publish a new value of a rule parameter")
    parameter.add_argument("--code", required=True, choices=sorted(reference.PARAMETERS))
    parameter.add_argument("--value", required=True, type=int)

    insured_cmd = with_data("add-insured", "record a person insured (e.g. under another regime)")
    insured_cmd.add_argument("--cin", required=True)
    insured_cmd.add_argument("--regime", required=True, choices=REGIMES)
    insured_cmd.add_argument("--immatriculation", help="the person's 9-digit number, if known")

    openapi = commands.add_parser("openapi", help="write the OpenAPI description")
    openapi.add_argument("--out", type=Path, required=True)
    return parser


def _url(args: argparse.Namespace) -> str:
    url: str = args.db or default_database_url(args.data_dir)
    if not args.db:
        args.data_dir.mkdir(parents=True, exist_ok=True)
    return url


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _serve(args: argparse.Namespace) -> int:
    from sync.server.serving import Listen, serve  # only this command needs uvicorn

    if (args.tls_cert is None) != (args.tls_key is None):
        raise CommandError("give both --tls-cert and --tls-key, or neither")
    if args.tls_cert is None and not _is_loopback(args.host):
        raise CommandError("plain HTTP only on loopback: give --tls-cert and --tls-key")
    if not 1 <= args.workers <= MAX_WORKERS:
        raise CommandError(f"--workers must be between 1 and {MAX_WORKERS}")
    config = ServerConfig(
        data_dir=args.data_dir,
        db_url=args.db,
        device_limit=RateLimit(args.device_rate, args.device_burst),
        address_limit=RateLimit(args.address_rate, args.address_burst),
        check_limit=RateLimit(args.check_per_minute / 60.0, args.check_burst),
        centre_kem=args.centre_kem,
    )
    args.data_dir.mkdir(parents=True, exist_ok=True)
    return serve(
        config,
        Listen(
            host=args.host,
            port=args.port,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
            port_file=args.port_file,
            workers=args.workers,
        ),
    )


def _issue(args: argparse.Namespace) -> int:
    from datetime import timedelta

    if not POINT_CODE_RE.fullmatch(args.point_code):
        raise CommandError(f"not a point code: {args.point_code!r}")
    if args.valid_hours < 1:
        raise CommandError("--valid-hours must be at least 1")
    engine = store.open_engine(_url(args))
    try:
        code = devices.issue_activation_code(
            engine, args.point_code, timedelta(hours=args.valid_hours)
        )
    finally:
        engine.dispose()
    print(f"One-time activation code for point {args.point_code}, {args.valid_hours} h: {code}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    engine = store.open_engine(_url(args))
    try:
        stats = centre_stats(engine)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(stats, sort_keys=True))
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def _ack_counts(raw: bytes) -> dict[str, int]:
    ack = BatchAcknowledgement.from_wire(json.loads(raw))
    counts = {"accepted": 0, "rejected": 0, "duplicate": 0}
    for item in ack.items:
        counts[item.outcome] = counts.get(item.outcome, 0) + 1
    return counts


def _read_frame(path: Path) -> bytes:
    """A batch file's bytes; one larger than a frame may be is refused from its size, unread."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size > MAX_BODY_BYTES:
            raise ProtocolError("too_large", "file larger than a sealed batch may be")
        frame = handle.read(MAX_BODY_BYTES + 1)  # the file may have grown since
    if len(frame) > MAX_BODY_BYTES:
        raise ProtocolError("too_large", "file larger than a sealed batch may be")
    return frame


def _import(args: argparse.Namespace) -> int:
    keys = load_or_create_keys(args.data_dir)
    engine = store.open_engine(_url(args))
    failures = 0
    try:
        for path in args.files:
            try:
                frame = _read_frame(path)
                result = ingest_batch(engine, keys, frame, source="import")
            except OSError as error:
                failures += 1
                print(f"{path.name}: cannot read: {error.strerror}", file=sys.stderr)
                continue
            except ProtocolError as error:
                failures += 1
                store.record_refusal(engine, error.code, 400, "import-batches", None, "local")
                print(
                    f"{path.name}: refused: {error.code}: {ERROR_CODES[error.code]}",
                    file=sys.stderr,
                )
                continue
            counts = _ack_counts(result.acknowledgement)
            again = " (already received: its stored acknowledgement)" if result.replayed else ""
            print(
                f"{path.name}: batch {result.batch_id}: {counts['accepted']} accepted, "
                f"{counts['rejected']} rejected, {counts['duplicate']} duplicate{again}"
            )
    finally:
        engine.dispose()
    return 1 if failures else 0


def _simulate(args: argparse.Namespace) -> int:
    if args.steps < 1:
        raise CommandError("--steps must be at least 1")
    engine = store.open_engine(_url(args))
    try:
        summary = processing.simulate_processing(engine, seed=args.seed, steps=args.steps)
    finally:
        engine.dispose()
    print(
        f"{summary.moves} moves: {summary.reimbursed} reimbursed, {summary.returned} returned, "
        f"{summary.registered} registered"
    )
    return 0


def _revoke(args: argparse.Namespace) -> int:
    engine = store.open_engine(_url(args))
    try:
        found = devices.revoke_device(engine, args.device_id)
    finally:
        engine.dispose()
    if not found:
        raise CommandError(f"no device {args.device_id!r} is registered")
    print(f"device {args.device_id} revoked")
    return 0


def _set_parameter(args: argparse.Namespace) -> int:
    if not 1 <= args.value <= 100_000:
        raise CommandError("--value must be between 1 and 100000")
    engine = store.open_engine(_url(args))
    try:
        version = store.publish_parameter(engine, args.code, args.value)
    finally:
        engine.dispose()
    print(f"parameter {args.code} = {args.value}: reference data version {version}")
    return 0


def _add_insured(args: argparse.Namespace) -> int:
    cin = "".join(args.cin.split()).replace("-", "").upper()
    number = "".join(args.immatriculation.split()) if args.immatriculation else None
    engine = store.open_engine(_url(args))
    try:
        insured.add_insured(engine, cin, args.regime, number)
    except insured.InsuredError as error:
        raise CommandError(str(error)) from error
    finally:
        engine.dispose()
    print(f"insured person added: regime {args.regime}")  # the CIN is not echoed
    return 0


def _openapi(args: argparse.Namespace) -> int:
    schema = openapi_document()
    args.out.write_text(
        json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return 0


def openapi_document() -> dict[str, Any]:
    """The OpenAPI description of the app; opens no database and makes no key."""
    from sync.server.app import create_app  # FastAPI is slow to import: only when needed

    schema: dict[str, Any] = create_app(ServerConfig(data_dir=Path("unused"))).openapi()
    # FastAPI documents its own 422 for parameters; this API answers 400 bad_request instead.
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            answer = responses.get("422", {})
            if "HTTPValidationError" in json.dumps(answer):
                answer.pop("content", None)
                if answer.get("description") == "Validation Error":
                    del responses["422"]
    schemas = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    if not schemas:
        schema.pop("components", None)
    return schema


COMMANDS = {
    "serve": _serve,
    "issue-activation": _issue,
    "stats": _stats,
    "import-batches": _import,
    "simulate-processing": _simulate,
    "revoke-device": _revoke,
    "set-parameter": _set_parameter,
    "add-insured": _add_insured,
    "openapi": _openapi,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return COMMANDS[args.command](args)
    except (CommandError, CentreKeyError) as error:
        message = str(error)
    except ProtocolError as error:
        message = f"{error.code}: {ERROR_CODES[error.code]}"
    except SQLAlchemyError as error:
        message = "database: " + (str(error.orig) if hasattr(error, "orig") else str(error))
    except OSError as error:
        message = f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")
    except KeyboardInterrupt:
        return 130
    print(f"python -m sync.server {args.command}: {message.splitlines()[0]}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
