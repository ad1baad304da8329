"""What the frozen folder may hold: the Qt plugins a counter PC uses, and the system libraries.

Owns the two lists that make the build the same on any machine: ``QT_PLUGINS`` (kept, each with
why) and ``LEFT_OUT`` (every other plugin the PySide6 wheel ships, each with what a counter loses
without it), and the reading of ``system-libraries.txt`` (the shared libraries from the build
machine that may enter ``dist/``). Read by the PyInstaller spec (which collects only the listed
plugins, so the libraries an unlisted plugin links to are never looked for) and by
``build_installer.py`` (which checks the built folder against both lists).

Must never import anything beyond the standard library: the spec runs inside PyInstaller.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, NamedTuple

HERE: Final = Path(__file__).resolve().parent
SYSTEM_LIBRARIES_FILE: Final = HERE / "system-libraries.txt"

# Plugin type → plugin name → why a counter PC needs it. A plugin's name is its file name
# without the "lib" prefix and the suffix (libqxcb.so, qxcb.dll and libqxcb.dylib are "qxcb").
# Windows and macOS names are listed for those builds; only the Linux build is made and checked
# here.
QT_PLUGINS: Final[dict[str, dict[str, str]]] = {
    "platforms": {
        "qxcb": "X11 desktops (and Xvfb): most Linux counter PCs",
        "qwayland": "Wayland sessions, the default of current GNOME and KDE desktops",
        "qoffscreen": "the installed app's own --smoke-test and headless checks",
        "qminimal": "scripted runs with no display at all",
        "qwindows": "Windows counter PCs",
        "qcocoa": "macOS",
    },
    "wayland-shell-integration": {
        "xdg-shell": "the window protocol every current Wayland compositor speaks",
    },
    "wayland-decoration-client": {
        "bradient": "a title bar where the compositor draws none (GNOME on Wayland)",
    },
    "platforminputcontexts": {
        "composeplatforminputcontextplugin": (
            "dead keys and Compose sequences under X11 and Wayland: ê, ë, ï on a French keyboard"
        ),
    },
    "imageformats": {
        "qjpeg": (
            "JPEG for Qt's PDF writer and for any JPEG scan shown on screen"
            " (PNG is built into QtGui)"
        ),
    },
    "printsupport": {
        "cupsprintersupport": "printing to CUPS queues: the receipt printer and the A4 printer",
    },
    "styles": {
        "qmodernwindowsstyle": "the Windows 10/11 look on Windows (Fusion is built in)",
    },
}

# Kept plugins that exist only in the Windows or macOS wheels.
OTHER_PLATFORMS: Final = frozenset({"qwindows", "qcocoa", "qmodernwindowsstyle"})

# Every other plugin the PySide6 wheel ships, and what a counter loses by its absence.
LEFT_OUT: Final[dict[str, str]] = {
    "platformthemes/qgtk3": (
        "the GTK desktop's colours, fonts and file dialogs; it links GTK 3 and ~25 MB of its"
        " libraries. Lost: nothing the app relies on (Fusion is the look, Qt's own dialogs open)"
    ),
    "platformthemes/qxdgdesktopportal": (
        "file dialogs through the desktop portal (Flatpak, Snap). Lost: nothing; Qt's own"
        " file dialog opens"
    ),
    "platforms/qeglfs": "full screen on a bare KMS/EGL device with no desktop. Lost: nothing",
    "platforms/qminimalegl": "EGL test platform. Lost: nothing",
    "platforms/qlinuxfb": "the Linux framebuffer without a desktop. Lost: nothing",
    "platforms/qvkkhrdisplay": "Vulkan on a bare display. Lost: nothing",
    "platforms/qvnc": "showing the app over VNC (needs QtNetwork). Lost: nothing",
    "platforminputcontexts/ibusplatforminputcontextplugin": (
        "IBus input methods (Chinese, Japanese…). Lost: nothing; French and Arabic are plain"
        " keyboard layouts"
    ),
    "platforminputcontexts/qtvirtualkeyboardplugin": (
        "Qt's on-screen keyboard (QtQuick). Lost: nothing; counters have keyboards"
    ),
    "generic/qevdevkeyboardplugin": "raw evdev input for eglfs/linuxfb. Lost: nothing",
    "generic/qevdevmouseplugin": "raw evdev input for eglfs/linuxfb. Lost: nothing",
    "generic/qevdevtabletplugin": "raw evdev input for eglfs/linuxfb. Lost: nothing",
    "generic/qevdevtouchplugin": "raw evdev input for eglfs/linuxfb. Lost: nothing",
    "generic/qtuiotouchplugin": "TUIO multi-touch over the network. Lost: nothing",
    "egldeviceintegrations/qeglfs-emu-integration": "eglfs only. Lost: nothing",
    "egldeviceintegrations/qeglfs-kms-egldevice-integration": "eglfs only. Lost: nothing",
    "egldeviceintegrations/qeglfs-kms-integration": "eglfs only. Lost: nothing",
    "egldeviceintegrations/qeglfs-x11-integration": "eglfs only. Lost: nothing",
    "xcbglintegrations/qxcb-egl-integration": (
        "OpenGL under X11. Lost: nothing; the widgets paint in software"
    ),
    "xcbglintegrations/qxcb-glx-integration": (
        "OpenGL under X11. Lost: nothing; the widgets paint in software"
    ),
    "wayland-decoration-client/adwaita": (
        "a GNOME-looking title bar on Wayland. Lost: that look; bradient draws a plain one"
    ),
    "wayland-graphics-integration-client/dmabuf-server": "GPU buffers on Wayland. Lost: nothing",
    "wayland-graphics-integration-client/drm-egl-server": "GPU buffers on Wayland. Lost: nothing",
    "wayland-graphics-integration-client/qt-plugin-wayland-egl": (
        "OpenGL surfaces on Wayland. Lost: nothing; widgets use shared memory"
    ),
    "wayland-graphics-integration-client/shm-emulation-server": "compositor side. Lost: nothing",
    "wayland-graphics-integration-client/vulkan-server": "Vulkan on Wayland. Lost: nothing",
    "wayland-graphics-integration-server/qt-wayland-compositor-dmabuf-server-buffer": (
        "for writing a compositor. Lost: nothing"
    ),
    "wayland-graphics-integration-server/qt-wayland-compositor-drm-egl-server-buffer": (
        "for writing a compositor. Lost: nothing"
    ),
    "wayland-graphics-integration-server/qt-wayland-compositor-shm-emulation-server": (
        "for writing a compositor. Lost: nothing"
    ),
    "wayland-graphics-integration-server/qt-wayland-compositor-vulkan-server": (
        "for writing a compositor. Lost: nothing"
    ),
    "wayland-graphics-integration-server/qt-wayland-compositor-wayland-egl": (
        "for writing a compositor. Lost: nothing"
    ),
    "wayland-graphics-integration-server/qt-wayland-compositor-wayland-eglstream-controller": (
        "for writing a compositor. Lost: nothing"
    ),
    "wayland-shell-integration/fullscreen-shell-v1": "kiosk compositors. Lost: nothing",
    "wayland-shell-integration/ivi-shell": "in-vehicle compositors. Lost: nothing",
    "wayland-shell-integration/qt-shell": "Qt's own compositors. Lost: nothing",
    "wayland-shell-integration/wl-shell-plugin": "the obsolete wl_shell. Lost: nothing",
    "imageformats/qgif": "GIF. Lost: nothing (scans are JPEG, PNG or PDF, read by Pillow)",
    "imageformats/qicns": "macOS icons. Lost: nothing",
    "imageformats/qico": "Windows icons. Lost: nothing",
    "imageformats/qpdf": "PDF pages as images (QtPdf, not shipped). Lost: nothing",
    "imageformats/qsvg": "SVG images (QtSvg). Lost: nothing; the app draws no SVG",
    "imageformats/qtga": "TGA. Lost: nothing",
    "imageformats/qtiff": "TIFF. Lost: nothing",
    "imageformats/qwbmp": "WBMP. Lost: nothing",
    "imageformats/qwebp": "WebP. Lost: nothing",
    "iconengines/qsvgicon": "SVG icons (QtSvg). Lost: nothing; the app has no SVG icon",
    "vectorimageformats/qlottievectorimage": "Lottie animations. Lost: nothing",
    "networkinformation/qconnman": "QtNetwork (not shipped: requests does HTTP). Lost: nothing",
    "networkinformation/qglib": "QtNetwork (not shipped). Lost: nothing",
    "networkinformation/qnetworkmanager": "QtNetwork (not shipped). Lost: nothing",
    "tls/qcertonlybackend": "QtNetwork TLS (not shipped). Lost: nothing",
    "tls/qopensslbackend": "QtNetwork TLS (not shipped). Lost: nothing",
    "sqldrivers/qsqlibase": "QtSql (not shipped: SQLAlchemy owns the store). Lost: nothing",
    "sqldrivers/qsqlite": "QtSql (not shipped). Lost: nothing",
    "sqldrivers/qsqlmimer": "QtSql (not shipped). Lost: nothing",
    "sqldrivers/qsqlmysql": "QtSql (not shipped). Lost: nothing",
    "sqldrivers/qsqloci": "QtSql (not shipped). Lost: nothing",
    "sqldrivers/qsqlodbc": "QtSql (not shipped). Lost: nothing",
    "sqldrivers/qsqlpsql": "QtSql (not shipped). Lost: nothing",
    "designer/PySidePlugin": "Qt Designer. Lost: nothing",
    "designer/qquickwidget": "Qt Designer. Lost: nothing",
    "designer/qwebengineview": "Qt Designer. Lost: nothing",
    "qmllint/qdslintplugin": "QML tooling. Lost: nothing",
    "qmllint/quicklintplugin": "QML tooling. Lost: nothing",
    **{
        f"qmltooling/qmldbg_{name}": "the QML debugger (the app has no QML). Lost: nothing"
        for name in (
            "debugger",
            "inspector",
            "local",
            "messages",
            "native",
            "nativedebugger",
            "preview",
            "profiler",
            "quick3dprofiler",
            "quickeventreplay",
            "quickprofiler",
            "server",
            "tcp",
        )
    },
}


def plugin_name(file_name: str) -> str:
    """``libqxcb.so`` → ``qxcb``; ``qwindows.dll`` → ``qwindows``."""
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def plugin_kept(plugin_type: str, file_name: str) -> bool:
    return plugin_name(file_name) in QT_PLUGINS.get(plugin_type, {})


def linux_plugins() -> set[str]:
    """``type/name`` of every kept plugin a Linux build must hold."""
    return {
        f"{plugin_type}/{name}"
        for plugin_type, names in QT_PLUGINS.items()
        for name in names
        if name not in OTHER_PLATFORMS
    }


class SystemLibrary(NamedTuple):
    soname: str
    package: str
    needed_by: str


def system_libraries(path: Path = SYSTEM_LIBRARIES_FILE) -> dict[str, SystemLibrary]:
    """The allowlist: soname → (Debian package, what needs it). ``#`` starts a comment."""
    listed: dict[str, SystemLibrary] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split(None, 2)
        if len(parts) != 3:
            raise ValueError(f"{path.name}:{number}: expected 'soname package needed-by'")
        listed[parts[0]] = SystemLibrary(*parts)
    return listed
