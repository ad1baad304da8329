"""Every rejection and return code the centre can send is worded for the clerk in French, Arabic
and English: a code the server gains without a wording in the GUI fails here, not at the
counter (where it would show as a bare code on an Arabic screen)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from agent_app.i18n import Lang
from agent_app.ui.i18n import apply_language, translations_dir
from agent_app.ui.rejections import reason_words
from sync.server.reference import REJECTION_CODES

ARABIC = re.compile(r"[\u0600-\u06FF]")
# Kept Latin in an Arabic wording: the names of CNSS and of the provider's code.
KEPT = re.compile(r"\b(?:CNSS|INPE)\b")


@pytest.fixture
def in_language(qapp) -> Iterator[object]:
    def install(lang: Lang) -> None:
        if lang != "fr" and not (translations_dir() / f"guichet_{lang}.qm").exists():
            pytest.fail("compile the translations first: make translations")
        apply_language(qapp, lang)

    yield install
    apply_language(qapp, "fr")


def words_in(install, lang: Lang) -> dict[str, str]:
    install(lang)
    return {code: reason_words(code) for code in REJECTION_CODES}


def test_the_centre_sends_codes_of_both_stages_including_the_manifest_check():
    stages = {text["stage"] for text in REJECTION_CODES.values()}
    assert stages == {"ingest", "processing"}
    assert "manifest_mismatch" in REJECTION_CODES


def test_every_code_the_centre_can_send_is_worded_in_french_arabic_and_english(in_language):
    french = words_in(in_language, "fr")
    arabic = words_in(in_language, "ar")
    english = words_in(in_language, "en")

    unworded = sorted(code for code, words in french.items() if words == code)
    assert unworded == [], f"no French wording in agent_app/ui/rejections.py for {unworded}"
    not_arabic = sorted(
        code
        for code, words in arabic.items()
        if not ARABIC.search(words) or re.search(r"[A-Za-zÀ-ÿ]{2,}", KEPT.sub("", words))
    )
    assert not_arabic == [], f"no Arabic translation in guichet_ar.ts for {not_arabic}"
    not_english = sorted(
        code for code, words in english.items() if words == french[code] or ARABIC.search(words)
    )
    assert not_english == [], f"no English translation in guichet_en.ts for {not_english}"
    # One wording per code: two codes worded alike would hide which rule refused a file.
    for words in (french, arabic, english):
        assert len(set(words.values())) == len(words)
