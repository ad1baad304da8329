"""``make bench``: run the benchmarks and write their sections of ``docs/benchmarks.md``.

Usage: ``python -m bench.run_all [--claims N | --quick] [--samples N] [--only store|gui|sync]
[--reuse-store] [--nice N] [--write | --no-write]`` (``--only frozen``: the built app;
``--only scan``: peak memory of attaching scans).

The store benchmark runs first and leaves its store in ``bench/.work/point``; the GUI
benchmark then drives the desktop app on it (and makes one itself when it is missing).
``--reuse-store`` lets the store benchmark measure a store an earlier run left, without
refilling it. A full-size run (1,000,000 claims) rewrites its section of the results file; a
smaller one only prints its section (the budgets are set at full size), unless ``--write``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench import frozen_bench, gui_bench, scan_attach, store_bench, sync_bench
from bench.common import RESULTS_FILE, log_stderr, replace_section, seconds

BENCHMARKS = ("store", "gui", "sync", "frozen", "scan")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run_all", description="Guichet AMO benchmarks (DESIGN.md §6)."
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--claims",
        type=int,
        default=store_bench.FULL_SIZE,
        help=f"claims in the store (default {store_bench.FULL_SIZE:,})",
    )
    size.add_argument(
        "--quick",
        action="store_const",
        dest="claims",
        const=store_bench.QUICK_SIZE,
        help=f"a quick trial with {store_bench.QUICK_SIZE:,} claims",
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=store_bench.SAMPLES,
        help=f"timed calls per measured operation (default {store_bench.SAMPLES:,})",
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=store_bench.WORK_DIR,
        help="where the bench store is made (wiped first, unless it is reused)",
    )
    parser.add_argument(
        "--only", choices=BENCHMARKS, action="append", help="run only this benchmark"
    )
    parser.add_argument(
        "--reuse-store",
        action="store_true",
        help="store benchmark: measure the store an earlier run left in WORK_DIR/point when it"
        " holds at least --claims claims, instead of making and filling a new one",
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="change this process's niceness first (negative needs the right to: shields"
        " the figures from other busy processes)",
    )
    write = parser.add_mutually_exclusive_group()
    write.add_argument("--write", action="store_true", default=None, help="write the results")
    write.add_argument("--no-write", dest="write", action="store_false", help="print only")
    args = parser.parse_args(argv)
    if args.claims < args.samples + store_bench.WARMUP:
        parser.error("--claims must be at least --samples plus the warm-up calls")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.nice:
        try:
            os.nice(args.nice)
        except OSError as exc:
            log_stderr(f"cannot change niceness by {args.nice}: {exc}; running as is")
    wanted = args.only or list(BENCHMARKS)
    write = args.write if args.write is not None else args.claims == store_bench.FULL_SIZE
    if "store" in wanted:
        results = store_bench.run(
            args.claims,
            samples=args.samples,
            work_dir=args.work_dir,
            reuse_store=args.reuse_store,
        )
        keep(store_bench.NAME, store_bench.render(results), write)
        log_stderr(f"store benchmark done in {seconds(results.total_ns)}")
    if "gui" in wanted:
        gui = gui_bench.run(args.claims, work_dir=args.work_dir)
        keep(gui_bench.NAME, gui_bench.render(gui), write)
        log_stderr(f"GUI benchmark done in {seconds(gui.total_ns)}")
    if "sync" in wanted:
        # Its sizes are its own (10,000 claims over the slow link, 200 points): --quick
        # shrinks them; --claims does not apply.
        quick = args.claims == store_bench.QUICK_SIZE
        synced = sync_bench.run(sync_bench.QUICK if quick else sync_bench.FULL)
        keep(sync_bench.NAME, sync_bench.render(synced), write)
        log_stderr(f"sync benchmark done in {seconds(synced.total_ns)}")
    if "frozen" in wanted:
        # The frozen app's size and start-up do not depend on --claims: a full run's figures.
        frozen = frozen_bench.run()
        keep(frozen_bench.NAME, frozen_bench.render(frozen), write or args.only == ["frozen"])
        log_stderr(f"frozen-app benchmark done in {seconds(frozen.total_ns)}")
    if "scan" in wanted:
        # Its files are its own (the worst accepted and refused scans): --claims does not apply.
        scans = scan_attach.run()
        keep(scan_attach.NAME, scan_attach.render(scans), write or args.only == ["scan"])
        log_stderr(f"scan benchmark done in {seconds(scans.total_ns)}")
    return 0


def keep(name: str, section: str, write: bool) -> None:
    """Print a benchmark's section, and write it to the results file on a full-size run."""
    print(section)
    if write:
        replace_section(name, section)
        log_stderr(f"{name} results written to {RESULTS_FILE}")
    else:
        log_stderr("not a full-size run: results printed only (--write to keep them)")


if __name__ == "__main__":
    sys.exit(main())
