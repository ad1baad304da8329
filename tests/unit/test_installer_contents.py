"""What the frozen folder may hold: the Qt plugin list and the system-library allowlist.

The checks of ``build_installer.py`` run on what PyInstaller reports it bundled; here they are fed
manifests and folders made for the purpose, so that a newcomer library or a stray plugin is seen
to fail the build by name without building anything.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import PySide6
import pytest

import build_installer
from build_installer import BuildFailed, contents

PYSIDE_PLUGINS = Path(PySide6.__file__).resolve().parent / "Qt" / "plugins"
SYSTEM_DIR = "/usr/lib/x86_64-linux-gnu"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux builds only")


def _manifest(tmp_path: Path, extra: list[tuple[str, str]] = ()) -> Path:
    """What PyInstaller would report: every allowlisted library, one wheel library, extras."""
    site = build_installer.python_library_dirs()[-1]
    entries = [[name, f"{SYSTEM_DIR}/{name}"] for name in contents.system_libraries()]
    entries.append(["pillow.libs/libjpeg-6dc8d115.so.62", f"{site}/pillow.libs/libjpeg.so.62"])
    entries.append(["libpython3.11.so.1.0", "/opt/python/lib/libpython3.11.so.1.0"])
    entries += [list(pair) for pair in extra]
    path = tmp_path / "bundled-binaries.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def _check(manifest: Path) -> list[str]:
    return build_installer.check_system_libraries(
        manifest, contents.system_libraries(), build_installer.python_library_dirs()
    )


@linux_only
def test_the_allowlisted_libraries_pass_and_wheel_libraries_are_not_counted(tmp_path):
    bundled = _check(_manifest(tmp_path))
    assert bundled == sorted(contents.system_libraries())
    assert not any(name.startswith(("libjpeg", "libpython")) for name in bundled)


def test_a_system_library_not_on_the_allowlist_fails_the_build_by_name(tmp_path):
    fake = tmp_path / "usr-lib" / "libfakegtk-3.so.0"
    fake.parent.mkdir()
    fake.write_bytes(b"\x7fELF not really")
    manifest = _manifest(tmp_path, [("libfakegtk-3.so.0", str(fake))])
    with pytest.raises(BuildFailed) as failed:
        _check(manifest)
    assert "libfakegtk-3.so.0" in str(failed.value)
    assert str(fake) in str(failed.value)
    assert "libcups.so.2" not in str(failed.value)


@linux_only
def test_a_listed_library_the_build_machine_lacks_fails_and_names_the_package(tmp_path):
    manifest = _manifest(tmp_path)
    entries = [e for e in json.loads(manifest.read_text()) if e[0] != "libxcb-icccm.so.4"]
    manifest.write_text(json.dumps(entries), encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"libxcb-icccm\.so\.4.*apt-get install libxcb-icccm4"):
        _check(manifest)


def test_every_allowlist_line_names_a_package_and_what_needs_it():
    listed = contents.system_libraries()
    assert len(listed) > 20
    for library in listed.values():
        assert ".so" in library.soname
        assert library.package and library.needed_by


def test_a_malformed_allowlist_line_is_refused_with_its_line_number(tmp_path):
    bad = tmp_path / "system-libraries.txt"
    bad.write_text("# header\nlibfoo.so.1 libfoo1 libbar.so\nlibonly.so.2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"system-libraries\.txt:3"):
        contents.system_libraries(bad)


@pytest.mark.skipif(not PYSIDE_PLUGINS.is_dir(), reason="this PySide6 wheel has no plugins dir")
def test_every_plugin_of_the_qt_wheel_is_kept_with_why_or_left_out_with_what_is_lost():
    """A new PySide6 release that ships a new plugin makes this fail until someone decides."""
    undecided = []
    for path in sorted(PYSIDE_PLUGINS.glob("*/*")):
        key = f"{path.parent.name}/{contents.plugin_name(path.name)}"
        if not contents.plugin_kept(path.parent.name, path.name) and key not in contents.LEFT_OUT:
            undecided.append(key)
    assert undecided == []
    kept = {f"{kind}/{name}" for kind, names in contents.QT_PLUGINS.items() for name in names}
    assert kept.isdisjoint(contents.LEFT_OUT)
    assert all("Lost:" in why for why in contents.LEFT_OUT.values())
    assert "platformthemes/qgtk3" in contents.LEFT_OUT


@linux_only
def test_a_stray_or_a_missing_plugin_in_the_folder_fails_the_build(tmp_path):
    plugins = tmp_path / "PySide6" / "Qt" / "plugins"
    for key in contents.linux_plugins():
        kind, name = key.split("/")
        (plugins / kind).mkdir(parents=True, exist_ok=True)
        (plugins / kind / f"lib{name}.so").write_bytes(b"")
    build_installer.check_qt_plugins(tmp_path)

    (plugins / "platformthemes").mkdir()
    (plugins / "platformthemes" / "libqgtk3.so").write_bytes(b"")
    with pytest.raises(BuildFailed, match=r"platformthemes/libqgtk3\.so"):
        build_installer.check_qt_plugins(tmp_path)
    (plugins / "platformthemes" / "libqgtk3.so").unlink()

    (plugins / "printsupport" / "libcupsprintersupport.so").unlink()
    with pytest.raises(BuildFailed, match="printsupport/cupsprintersupport"):
        build_installer.check_qt_plugins(tmp_path)


def test_gtk_files_anywhere_in_the_folder_fail_the_build(tmp_path):
    (tmp_path / "_internal").mkdir()
    build_installer.check_never_bundled(tmp_path)
    (tmp_path / "_internal" / "libgdk-3.so.0").write_bytes(b"")
    with pytest.raises(BuildFailed, match=r"libgdk-3\.so\.0"):
        build_installer.check_never_bundled(tmp_path)
