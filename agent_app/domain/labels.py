"""How the counter's enumerations read to people, in French, Arabic and English.

Statuses, care types, relationships, form types and roles are stored as stable codes; this
catalogue is the one place that turns a code into words for the CLI, receipts and screens.
"""

from __future__ import annotations

from enum import StrEnum

from agent_app.domain.model import (
    CareCategory,
    CareType,
    ClaimStatus,
    EnrolmentStatus,
    FormType,
    Relationship,
    Role,
)
from agent_app.i18n import DEFAULT_LANG, Catalog, Lang, Text

LABELS = Catalog(
    {
        # Statuses shared by claims and enrolments.
        "status.recorded": Text(fr="enregistré", ar="مسجل", en="recorded"),
        "status.batched": Text(fr="en lot", ar="ضمن دفعة", en="batched"),
        "status.sent": Text(fr="envoyé", ar="مرسل", en="sent"),
        "status.accepted": Text(fr="accepté", ar="مقبول", en="accepted"),
        "status.rejected": Text(fr="rejeté", ar="مرفوض", en="rejected"),
        "status.duplicate": Text(fr="doublon", ar="مكرر", en="duplicate"),
        "status.paper_received": Text(
            fr="papier reçu", ar="الملف الورقي متوصل به", en="paper received"
        ),
        "status.in_review": Text(fr="en examen", ar="قيد الدراسة", en="in review"),
        "status.reimbursed": Text(fr="remboursé", ar="تم التعويض", en="reimbursed"),
        "status.returned": Text(fr="retourné", ar="مُرجع", en="returned"),
        "status.voided": Text(fr="annulé", ar="ملغى", en="voided"),
        "status.superseded": Text(fr="remplacé", ar="مستبدل", en="superseded"),
        "status.registered": Text(fr="immatriculé", ar="مسجل في الصندوق", en="registered"),
        "care_type.illness": Text(fr="maladie", ar="مرض", en="illness"),
        "care_type.maternity": Text(fr="maternité", ar="أمومة", en="maternity"),
        "care_type.hospitalisation": Text(fr="hospitalisation", ar="استشفاء", en="hospitalisation"),
        "care_type.accident": Text(fr="accident", ar="حادثة", en="accident"),
        "care_category.consultation": Text(fr="consultation", ar="استشارة طبية", en="consultation"),
        "care_category.pharmacy": Text(fr="pharmacie", ar="صيدلة", en="pharmacy"),
        "care_category.biology": Text(fr="biologie", ar="تحاليل بيولوجية", en="biology"),
        "care_category.imaging": Text(fr="imagerie", ar="تصوير طبي", en="imaging"),
        "care_category.dental": Text(fr="soins dentaires", ar="علاجات الأسنان", en="dental"),
        "care_category.optics": Text(fr="optique", ar="بصريات", en="optics"),
        "care_category.paramedical": Text(fr="paramédical", ar="شبه طبي", en="paramedical"),
        "care_category.hospitalisation": Text(
            fr="hospitalisation", ar="استشفاء", en="hospitalisation"
        ),
        "relationship.self": Text(fr="l'assuré", ar="المؤمن له", en="the insured"),
        "relationship.spouse": Text(fr="conjoint", ar="الزوج(ة)", en="spouse"),
        "relationship.child": Text(fr="enfant", ar="ابن(ة)", en="child"),
        "form_type.610-1-02": Text(
            fr="feuille de soins (610-1-02)",
            ar="ورقة العلاجات (\u200e610-1-02\u200e)",
            en="care sheet (610-1-02)",
        ),
        "form_type.610-1-03": Text(
            fr="feuille de soins ALD (610-1-03)",
            ar="ورقة علاجات الأمراض المزمنة (\u200e610-1-03\u200e)",
            en="long-term illness care sheet (610-1-03)",
        ),
        "form_type.610-1-04": Text(
            fr="feuille de soins dentaires (610-1-04)",
            ar="ورقة علاجات الأسنان (\u200e610-1-04\u200e)",
            en="dental care sheet (610-1-04)",
        ),
        "role.clerk": Text(fr="agent", ar="موظف الشباك", en="clerk"),
        "role.supervisor": Text(fr="superviseur", ar="مشرف", en="supervisor"),
    }
)

# In Arabic text a hyphenated code would be shown reversed ("02-1-610"): the left-to-right
# marks (U+200E) around it keep it as printed on the form.
_PREFIX: dict[type[StrEnum], str] = {
    ClaimStatus: "status",
    EnrolmentStatus: "status",
    CareType: "care_type",
    CareCategory: "care_category",
    Relationship: "relationship",
    FormType: "form_type",
    Role: "role",
}


def label(value: StrEnum, lang: Lang = DEFAULT_LANG) -> str:
    """The words for an enumeration value, e.g. ``ClaimStatus.RECORDED`` → "enregistré"."""
    return LABELS.render(f"{_PREFIX[type(value)]}.{value.value}", lang)


def status_label(code: str, lang: Lang = DEFAULT_LANG) -> str:
    """The words for a stored status code; an unknown code is shown as it is."""
    key = f"status.{code}"
    return LABELS.render(key, lang) if key in LABELS else code
