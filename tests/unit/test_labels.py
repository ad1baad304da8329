"""Every enumeration value a person can see has words in the three languages."""

from __future__ import annotations

import pytest

from agent_app.domain.labels import LABELS, label, status_label
from agent_app.domain.model import (
    CareCategory,
    CareType,
    ClaimStatus,
    EnrolmentStatus,
    FormType,
    Relationship,
    Role,
)
from agent_app.i18n import LANGS

ENUMS = (ClaimStatus, EnrolmentStatus, CareType, CareCategory, Relationship, FormType, Role)


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
@pytest.mark.parametrize("lang", LANGS)
def test_every_value_has_a_label(enum, lang):
    for value in enum:
        text = label(value, lang)
        assert text.strip()
        if lang == "ar":
            assert any("\u0600" <= ch <= "\u06ff" for ch in text), text


def test_labels_hold_no_placeholder():
    for _, text in LABELS.items():
        assert all(not text.placeholders(lang) for lang in LANGS)


def test_status_label_falls_back_to_the_code():
    assert status_label("recorded", "fr") == "enregistré"
    assert status_label("something_new", "fr") == "something_new"
