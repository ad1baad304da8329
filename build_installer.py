"""Build the frozen app for counter PCs, check it, and wrap it for installation.

``python build_installer.py [--smoke-test] [--no-build]`` (``make installer``,
``make installer-check``):

1. compiles the translations (``.ts`` → ``.qm``) when they are missing or older;
2. runs PyInstaller on ``resources/installer/guichet-amo.spec``: one folder
   ``dist/guichet-amo/`` with two executables, ``guichet-amo`` (desktop app) and
   ``agent-app`` (operator CLI), the migrations, translations and SQLCipher module inside;
3. checks the folder: both executables, the data files, none of the reference server's or the
   tests' packages, only the Qt plugins listed in ``resources/installer/contents.py``, only the
   build machine's libraries listed in ``resources/installer/system-libraries.txt`` (a newcomer
   fails the build by name, and so does a listed one the build machine lacks: the folder must
   hold the same files whatever else is installed), at most 200 MB;
4. wraps it: a ``.tar.gz`` on Linux and macOS; on Windows an installer made by Inno Setup
   (``iscc``) or NSIS (``makensis``) when one is on the PATH, said plainly when neither is;
5. with ``--smoke-test``, runs the built executables: ``guichet-amo --smoke-test`` on a new
   store and on the schema-0001 fixture restored (an upgrade), then ``agent-app verify``.

Needs the ``build`` extra (``pip install -e '.[build]'``). Exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = ROOT / "resources" / "installer" / "guichet-amo.spec"
ISS = ROOT / "resources" / "installer" / "guichet-amo.iss"
NSI = ROOT / "resources" / "installer" / "guichet-amo.nsi"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_DIR = DIST / "guichet-amo"
TRANSLATIONS = ROOT / "resources" / "translations"
FIXTURE_SCRIPT = ROOT / "tests" / "fixtures" / "make_fixture.py"
MAX_MB = 200
BINARIES_MANIFEST = WORK / "guichet-amo" / "bundled-binaries.json"
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""
# Packages that must never reach a counter PC (the centre's stack, tests, build tools).
FORBIDDEN = (
    "sync.server",
    "fastapi",
    "starlette",
    "uvicorn",
    "pydantic",
    "psycopg",
    "pytest",
    "hypothesis",
    "mypy",
    "ruff",
    "PyInstaller",
)
REQUIRED_DATA = (
    "resources/style.qss",
    "resources/translations/guichet_ar.qm",
    "resources/translations/guichet_en.qm",
    "agent_app/store/migrations/env.py",
    "agent_app/store/migrations/versions/0001_initial_schema.py",
)


# Files a counter's folder must never hold, whatever the lists say (the GTK 3 theme and its
# toolkit: see contents.LEFT_OUT).
NEVER_BUNDLED = ("libgtk", "libgdk", "libqgtk3")

sys.path.insert(0, str(ROOT / "resources" / "installer"))
import contents  # noqa: E402  (resources/installer/contents.py)


class BuildFailed(Exception):
    pass


def say(message: str) -> None:
    print(f"build_installer: {message}", flush=True)


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from agent_app import __version__

    return __version__


def tool(name: str) -> str | None:
    """A console script of this interpreter's environment, else one on the PATH."""
    scripts = Path(sys.executable).parent
    for candidate in (scripts / f"{name}{EXE_SUFFIX}", scripts / name):
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def compile_translations() -> None:
    lrelease = tool("pyside6-lrelease")
    for source in sorted(TRANSLATIONS.glob("*.ts")):
        target = source.with_suffix(".qm")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        if lrelease is None:
            raise BuildFailed("pyside6-lrelease not found: install the app's dependencies")
        subprocess.run([lrelease, "-silent", str(source), "-qm", str(target)], check=True)
        say(f"compiled {target.relative_to(ROOT)}")


def run_pyinstaller() -> float:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildFailed(
            "PyInstaller is missing: run `make installer` (a .venv with the build extra) "
            "or pip install -e '.[build]'"
        ) from None
    started = time.monotonic()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    return time.monotonic() - started


def executable(name: str) -> Path:
    return APP_DIR / f"{name}{EXE_SUFFIX}"


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def remove_dangling_links(folder: Path) -> None:
    """Links PyInstaller left to libraries the spec dropped (nothing loads them)."""
    for path in folder.rglob("*"):
        if path.is_symlink() and not path.exists():
            path.unlink()


def bundled_modules() -> set[str]:
    """Top-level names of the Python modules inside the build (``sync.server`` kept whole)."""
    from PyInstaller.archive.readers import ZlibArchiveReader

    names: set[str] = set()
    for archive in sorted(WORK.glob("*/PYZ-*.pyz")):
        for name in ZlibArchiveReader(str(archive)).toc:
            names.add("sync.server" if name.startswith("sync.server") else name.split(".")[0])
    return names


def python_library_dirs() -> list[Path]:
    """Where the interpreter and the installed packages live (what is not the system's)."""
    dirs: set[Path] = set()
    for scheme_vars in ({}, {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}):
        paths = sysconfig.get_paths(vars=scheme_vars)
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            dirs.add(Path(paths[key]).resolve())
    return sorted(dirs)


def is_system_library(source: str, python_dirs: list[Path]) -> bool:
    """A shared library PyInstaller took from the build machine, not from Python or a wheel."""
    path = Path(source).resolve()
    if path.name.startswith("libpython"):
        return False
    return not any(path.is_relative_to(folder) for folder in python_dirs)


def check_system_libraries(
    manifest: Path,
    allowed: dict[str, contents.SystemLibrary],
    python_dirs: list[Path],
) -> list[str]:
    """The build machine's libraries in the build, each on the allowlist, none of it missing."""
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    system = {
        Path(dest).name: source
        for dest, source in entries
        if is_system_library(source, python_dirs)
    }
    newcomers = sorted(set(system) - set(allowed))
    if newcomers:
        named = ", ".join(f"{name} ({system[name]})" for name in newcomers)
        raise BuildFailed(
            f"system libraries not on the allowlist {contents.SYSTEM_LIBRARIES_FILE.name}: {named}."
            " A Qt plugin or package that links them entered the build: leave it out in"
            " contents.py, or list each library with why the app needs it"
        )
    missing = sorted(set(allowed) - set(system))
    if missing and sys.platform.startswith("linux"):
        packages = " ".join(sorted({allowed[name].package for name in missing}))
        raise BuildFailed(
            f"listed system libraries this machine lacks: {', '.join(missing)}; the folder would"
            f" differ from other builds. Install them: apt-get install {packages}"
        )
    return sorted(system)


def check_qt_plugins(internal: Path) -> None:
    plugins = internal / "PySide6" / "Qt" / "plugins"
    strays = sorted(
        f"{path.parent.name}/{path.name}"
        for path in plugins.glob("*/*")
        if path.is_file() and not contents.plugin_kept(path.parent.name, path.name)
    )
    if strays:
        raise BuildFailed(f"Qt plugins not listed in contents.py were bundled: {strays}")
    if sys.platform.startswith("linux"):
        present = {
            f"{path.parent.name}/{contents.plugin_name(path.name)}" for path in plugins.glob("*/*")
        }
        absent = sorted(contents.linux_plugins() - present)
        if absent:
            raise BuildFailed(f"Qt plugins a counter PC needs are missing from the build: {absent}")


def check_never_bundled(folder: Path) -> None:
    found = sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.name.startswith(NEVER_BUNDLED)
    )
    if found:
        raise BuildFailed(f"the GTK toolkit or its Qt theme entered the build: {found}")


def check_folder() -> int:
    remove_dangling_links(APP_DIR)
    for name in ("guichet-amo", "agent-app"):
        if not executable(name).is_file():
            raise BuildFailed(f"missing executable: {executable(name)}")
    internal = APP_DIR / "_internal"
    for relative in REQUIRED_DATA:
        if not (internal / relative).is_file():
            raise BuildFailed(f"missing data file in the build: {relative}")
    present = {p.name.split(".")[0].split("-")[0] for p in internal.iterdir()}
    present |= bundled_modules()
    leaked = sorted(name for name in FORBIDDEN if name in present)
    if leaked:
        raise BuildFailed(f"packages that do not belong in the app were bundled: {leaked}")
    check_qt_plugins(internal)
    check_never_bundled(APP_DIR)
    if sys.platform.startswith("linux"):
        libraries = check_system_libraries(
            BINARIES_MANIFEST, contents.system_libraries(), python_library_dirs()
        )
        say(f"{len(libraries)} system libraries, all on the allowlist")
    size = folder_bytes(APP_DIR)
    if size > MAX_MB * 10**6:
        raise BuildFailed(f"{APP_DIR.name}/ is {size / 1e6:.1f} MB, over {MAX_MB} MB")
    return size


def platform_tag() -> str:
    import platform

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def make_archive(app_version: str) -> Path | None:
    if WINDOWS:
        return make_windows_installer(app_version)
    target = DIST / f"guichet-amo-{app_version}-{platform_tag()}.tar.gz"
    with tarfile.open(target, "w:gz") as archive:
        archive.add(APP_DIR, arcname=f"guichet-amo-{app_version}")
    return target


def make_windows_installer(app_version: str) -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc:
        subprocess.run(
            [
                iscc,
                f"/DAppVersion={app_version}",
                f"/DSourceDir={APP_DIR}",
                f"/O{DIST}",
                str(ISS),
            ],
            check=True,
        )
        return DIST / f"guichet-amo-{app_version}-setup.exe"
    makensis = shutil.which("makensis")
    if makensis:
        subprocess.run(
            [
                makensis,
                f"/DAPP_VERSION={app_version}",
                f"/DSOURCE_DIR={APP_DIR}",
                f"/DOUT_DIR={DIST}",
                str(NSI),
            ],
            check=True,
        )
        return DIST / f"guichet-amo-{app_version}-setup.exe"
    say(
        "installer skipped: neither Inno Setup (iscc) nor NSIS (makensis) is on the PATH;"
        f" {APP_DIR} is complete and can be copied as it is"
    )
    return None


def run_checked(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(nothing on stderr)"])[-1]
        raise BuildFailed(f"{Path(command[0]).name} exited {done.returncode}: {last}")
    return done.stdout.strip()


def smoke_test() -> None:
    """The built executables, as an installed PC runs them (no source tree on sys.path)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A passphrase made for this run only: the stores are thrown away afterwards.
    env["AGENT_APP_PASSPHRASE"] = secrets.token_urlsafe(24)
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory(prefix="guichet-smoke-") as work:
        fresh = Path(work) / "new-point"
        gui = str(executable("guichet-amo"))
        say(run_checked([gui, "--smoke-test", "--data-dir", str(fresh)], env))
        say(run_checked([str(executable("agent-app")), "--data-dir", str(fresh), "verify"], env))
        upgraded = Path(work) / "point-from-0001"
        subprocess.run(
            [sys.executable, str(FIXTURE_SCRIPT), "restore", str(upgraded)],
            env=env,
            check=True,
            capture_output=True,
        )
        line = run_checked([gui, "--smoke-test", "--data-dir", str(upgraded)], env)
        say(f"schema-0001 fixture: {line}")
        if " 0 claims" in line:
            raise BuildFailed("the restored fixture came up empty")
        say(run_checked([str(executable("agent-app")), "--data-dir", str(upgraded), "verify"], env))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--smoke-test", action="store_true", help="run the built executables' smoke test"
    )
    parser.add_argument(
        "--no-build", action="store_true", help="check and smoke-test the existing dist/ only"
    )
    args = parser.parse_args(argv)
    try:
        app_version = version()
        if not args.no_build:
            compile_translations()
            seconds = run_pyinstaller()
            say(f"PyInstaller built {APP_DIR.relative_to(ROOT)}/ in {seconds:.0f} s")
        size = check_folder()
        say(f"{APP_DIR.relative_to(ROOT)}/ is {size / 1e6:.1f} MB (limit {MAX_MB} MB)")
        if not args.no_build:
            archive = make_archive(app_version)
            if archive is not None:
                mb = archive.stat().st_size / 1e6
                say(f"wrote {archive.relative_to(ROOT)} ({mb:.1f} MB)")
        if args.smoke_test:
            smoke_test()
            say("smoke test passed")
    except BuildFailed as exc:
        print(f"build_installer: failed: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"build_installer: failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
