"""Run in a fresh interpreter by the store benchmark: how long ``open_store`` takes.

``python -m bench.open_child DATA_DIR open`` times the import of the services and then
``point.open_store``; ``... DATA_DIR steps`` times open_store's steps one by one (key unwrap,
first connection and key check, migrations check), then ``point.check_integrity`` (``PRAGMA
quick_check``), which the desktop app runs in the background after start-up. The passphrase
comes from ``AGENT_APP_PASSPHRASE``. Prints one JSON object of nanosecond durations.

Only the standard library is imported before the clock starts, so the import figure is the
services' own.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def passphrase() -> str | None:
    return os.environ.get("AGENT_APP_PASSPHRASE")


def time_open(data_dir: Path) -> dict[str, int]:
    started = time.perf_counter_ns()
    from agent_app.services.point import open_store

    imported = time.perf_counter_ns()
    store = open_store(data_dir, passphrase)
    opened = time.perf_counter_ns()
    store.close()
    return {"import_ns": imported - started, "open_ns": opened - imported}


def time_steps(data_dir: Path) -> dict[str, int]:
    """The steps of ``open_store``, in its order (a keyring-held key skips scrypt), then the
    full structural check the app runs in the background once the window is up."""
    from agent_app.security.keystore import load_store_key
    from agent_app.services.point import check_integrity, check_key
    from agent_app.store import migrate
    from agent_app.store.engine import DB_FILE, Store, make_engine

    t0 = time.perf_counter_ns()
    key = load_store_key(data_dir, passphrase)
    t1 = time.perf_counter_ns()
    store = Store(data_dir, make_engine(data_dir / DB_FILE, key))
    check_key(store)
    t2 = time.perf_counter_ns()
    if migrate.needs_upgrade(store):
        raise RuntimeError("the bench store should be at this version's schema")
    t3 = time.perf_counter_ns()
    check_integrity(store)
    t4 = time.perf_counter_ns()
    store.close()
    return {"key": t1 - t0, "connect": t2 - t1, "migrations": t3 - t2, "quick_check": t4 - t3}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in ("open", "steps"):
        print("usage: python -m bench.open_child DATA_DIR open|steps", file=sys.stderr)
        return 2
    data_dir = Path(argv[0])
    result = time_open(data_dir) if argv[1] == "open" else time_steps(data_dir)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
