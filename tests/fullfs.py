"""A real, small filesystem for disk-full tests: a tmpfs mounted in the test's directory.

Mounting needs root; where the environment cannot mount, the test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_filesystem(where: Path, size: str = "4m") -> Iterator[Path]:
    """A fresh tmpfs of ``size`` mounted on ``where`` for the block's duration."""
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("a real full disk needs a tmpfs mount, which needs root here")
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(directory: Path, leave: int = 0) -> Path:
    """Fill the filesystem holding ``directory`` until at most ``leave`` bytes are free."""
    ballast = directory / "ballast.bin"
    chunk = b"\0" * 65536
    with ballast.open("wb") as handle:
        while True:
            free = shutil.disk_usage(directory).free
            if free <= leave:
                break
            try:
                handle.write(chunk[: max(1, min(len(chunk), free - leave))])
                handle.flush()
            except OSError:
                break
    return ballast
