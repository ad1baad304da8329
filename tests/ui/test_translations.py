"""Every string of the desktop app is translated into Arabic and English, placeholders intact.

The ``.ts`` files are checked against the code itself (``pyside6-lupdate`` into a temporary
file), so a new ``tr()`` string without its translations fails here, not at the counter.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
PLACEHOLDER = re.compile(r"\{(\w*)\}")
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(path)  # noqa: S314 - our own file
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message))
    return found


def lupdate_sources(tmp_path: Path) -> set[tuple[str, str]]:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    lupdate = str(tool) if tool.exists() else shutil.which("pyside6-lupdate")
    assert lupdate, "pyside6-lupdate is part of pyside6-essentials"
    out = tmp_path / "current.ts"
    sources = sorted(str(p) for p in (ROOT / "agent_app" / "ui").rglob("*.py"))
    subprocess.run(
        [lupdate, "-silent", "-locations", "none", *sources, "-ts", str(out)],
        check=True,
        capture_output=True,
    )
    return {(context, source) for context, source, _ in messages(out)}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_string_is_translated_with_the_same_placeholders(lang):
    path = TS_DIR / f"guichet_{lang}.ts"
    problems = []
    for context, source, message in messages(path):
        translation = message.find("translation")
        assert translation is not None
        kind = translation.get("type")
        if kind in ("vanished", "obsolete"):
            continue
        text = translation.text or ""
        where = f"{context}: {source!r}"
        if kind == "unfinished" or not text.strip():
            problems.append(f"unfinished {where}")
            continue
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
            problems.append(f"placeholders changed {where} -> {text!r}")
        if source.replace("&&", "").count("&") != text.replace("&&", "").count("&"):
            problems.append(f"mnemonic lost or added {where} -> {text!r}")
        if (
            lang == "ar"
            and LATIN_WORD.search(PLACEHOLDER.sub("", source))
            and not ARABIC.search(text)
        ):
            problems.append(f"not Arabic {where} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_translation_files_cover_every_string_in_the_code(tmp_path):
    in_code = lupdate_sources(tmp_path)
    for lang in ("ar", "en"):
        in_file = {
            (context, source)
            for context, source, message in messages(TS_DIR / f"guichet_{lang}.ts")
            if (
                message.find("translation") is None
                or message.find("translation").get("type") not in ("vanished", "obsolete")
            )
        }
        missing = sorted(in_code - in_file)
        assert not missing, f"run `make lupdate` and translate ({lang}): {missing[:10]}"
