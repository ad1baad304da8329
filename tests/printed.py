"""Reading printed output as people and scanners do: poppler for text, zbar for QR codes.

Both tools are required: a machine without them fails the tests that use these helpers
(CI installs poppler-utils and zbar-tools).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

# Bidi controls Qt writes around runs of text; a reader never sees them.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: apt-get install poppler-utils zbar-tools")
    return path


def pdf_text(pdf: Path) -> str:
    """The PDF's text as a reader sees it: one line of words, Arabic in plain letters.

    Arabic comes out of a PDF as the shaped presentation forms; NFKC gives the letters back.
    """
    result = subprocess.run(
        [tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    )
    text = _BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", result.stdout))
    return " ".join(text.split())


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def has_arabic_words(text: str, expected: str) -> bool:
    """Whether every Arabic word of ``expected`` is in ``text``, as often as there.

    Words, not the sentence: poppler rebuilds the reading order of the punctuation between
    right-to-left words its own way, so the text it extracts has "." and ":" moved about.
    """
    words = re.compile("[\u0600-\u06ff]+")
    return Counter(words.findall(plain(expected))) <= Counter(words.findall(text))


def pdf_pages(pdf: Path, out: Path) -> list[Path]:
    """Every page as a 200 dpi PNG, as a flatbed scanner would see the paper."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("pdftoppm"), "-r", "200", "-png", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page*.png"))


def scan_codes(image: Path) -> list[str]:
    result = subprocess.run(
        [tool("zbarimg"), "--raw", "-q", str(image)], capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 4), result.stderr  # 4: no symbol on that image
    return [line for line in result.stdout.splitlines() if line]


def pdf_codes(pdf: Path, out: Path) -> list[str]:
    """Every QR code printed in the PDF, decoded by zbar."""
    return [code for page in pdf_pages(pdf, out) for code in scan_codes(page)]
