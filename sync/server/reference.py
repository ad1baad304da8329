"""The centre's reference data as first published: what a fresh reference server serves.

Care categories, TNS categories and liaison bodies, rejection codes (with their French and
English messages: the ingest rules and the processing simulation take their wording from
here), and the parameters the rules use. The payload of each kind has the shape
``docs/protocol.md`` documents; TNS categories carry what form 328-1-01 needs (labels,
liaison body, flat income, sub-categories) under the codes the counters' bundled seed uses.
This module owns the seed only; it never reads or writes the database (``store`` seeds it,
``ingest`` reads it back) and never imports the counter's code: the centre keeps its own table.
"""

from __future__ import annotations

from typing import Final

# Every rejection code the centre can answer, at ingest or when CNSS returns a file.
# stage "ingest": answered in an acknowledgement; stage "processing": a returned file's reason.
REJECTION_CODES: Final[dict[str, dict[str, str]]] = {
    "invalid_item": {
        "stage": "ingest",
        "fr": "Dossier incomplet ou mal saisi : corrigez les champs indiqués.",
        "en": "Incomplete or mistyped record: correct the fields named.",
    },
    "wrong_point": {
        "stage": "ingest",
        "fr": "Ce dossier appartient à un autre point de service que ce poste.",
        "en": "This record belongs to another service point than this device.",
    },
    "late_deposit": {
        "stage": "ingest",
        "fr": "Dépôt hors délai sans motif saisi : indiquez le motif du retard.",
        "en": "Late deposit with no reason given: enter the reason for the delay.",
    },
    "unknown_predecessor": {
        "stage": "ingest",
        "fr": "La version corrigée remplace un dossier que la CNSS ne connaît pas.",
        "en": "The corrected version replaces a record CNSS does not hold.",
    },
    "already_superseded": {
        "stage": "ingest",
        "fr": "Ce dossier a déjà été remplacé par une autre version corrigée.",
        "en": "This record was already replaced by another corrected version.",
    },
    "dependent_not_covered": {
        "stage": "ingest",
        "fr": (
            "Un enfant déclaré dépasse l'âge de couverture (21 ans, 26 ans s'il est étudiant "
            "et non marié, sans limite s'il est handicapé)."
        ),
        "en": (
            "A declared child is past the coverage age (21, 26 if a student and unmarried, "
            "no limit if disabled)."
        ),
    },
    "manifest_mismatch": {
        "stage": "ingest",
        "fr": (
            "Le contenu de l'enveloppe ne correspond pas à son bordereau : vérifiez les "
            "dossiers qu'elle contient."
        ),
        "en": "The envelope's content does not match its slip: check the files it holds.",
    },
    "originals_missing": {
        "stage": "processing",
        "fr": "Originaux des pièces justificatives manquants.",
        "en": "Original supporting documents missing.",
    },
    "inpe_stamp_missing": {
        "stage": "processing",
        "fr": "Cachet ou vignette INPE du prestataire absent.",
        "en": "The provider's INPE stamp or label is missing.",
    },
    "care_sheet_unsigned": {
        "stage": "processing",
        "fr": "Feuille de soins non signée par l'assuré ou le médecin.",
        "en": "Care sheet not signed by the insured or the doctor.",
    },
    "late_deposit_refused": {
        "stage": "processing",
        "fr": "Dépôt hors délai : le motif donné n'a pas été retenu.",
        "en": "Late deposit: the reason given was not accepted.",
    },
}

CARE_CATEGORIES: Final[dict[str, dict[str, str]]] = {
    "consultation": {"fr": "Consultation", "en": "Consultation"},
    "pharmacy": {"fr": "Pharmacie", "en": "Pharmacy"},
    "biology": {"fr": "Biologie", "en": "Laboratory tests"},
    "imaging": {"fr": "Imagerie", "en": "Imaging"},
    "dental": {"fr": "Soins dentaires", "en": "Dental care"},
    "optics": {"fr": "Optique", "en": "Optics"},
    "paramedical": {"fr": "Paramédical", "en": "Paramedical"},
    "hospitalisation": {"fr": "Hospitalisation", "en": "Hospitalisation"},
}

# Liaison bodies: the ministry, chamber or association each TNS category answers to.
LIAISON_BODIES: Final[dict[str, dict[str, str]]] = {
    "CCIS": {
        "fr": "Chambre de commerce, d'industrie et de services",
        "ar": "غرفة التجارة والصناعة والخدمات",
        "en": "Chamber of commerce, industry and services",
    },
    "CHAMBRE-ARTISANAT": {
        "fr": "Chambre d'artisanat",
        "ar": "غرفة الصناعة التقليدية",
        "en": "Chamber of crafts",
    },
    "CHAMBRE-AGRICULTURE": {
        "fr": "Chambre d'agriculture",
        "ar": "الغرفة الفلاحية",
        "en": "Chamber of agriculture",
    },
    "CHAMBRE-PECHES": {
        "fr": "Chambre des pêches maritimes",
        "ar": "غرفة الصيد البحري",
        "en": "Chamber of maritime fisheries",
    },
    "ORDRES-PROFESSIONNELS": {
        "fr": "Ordres et associations professionnels",
        "ar": "الهيئات والجمعيات المهنية",
        "en": "Professional orders and associations",
    },
    "MIN-INTERIEUR": {
        "fr": "Ministère de l'Intérieur",
        "ar": "وزارة الداخلية",
        "en": "Ministry of the Interior",
    },
    "MIN-JUSTICE": {
        "fr": "Ministère de la Justice",
        "ar": "وزارة العدل",
        "en": "Ministry of Justice",
    },
    "ORDRE-PHARMACIENS": {
        "fr": "Conseil de l'Ordre des pharmaciens",
        "ar": "مجلس هيئة الصيادلة",
        "en": "Council of the Order of Pharmacists",
    },
    "ORDRE-MEDECINS": {
        "fr": "Conseil national de l'Ordre des médecins",
        "ar": "المجلس الوطني لهيئة الأطباء",
        "en": "National Council of the Order of Physicians",
    },
    "ORDRE-DENTISTES": {
        "fr": "Conseil national de l'Ordre des médecins dentistes",
        "ar": "المجلس الوطني لهيئة أطباء الأسنان",
        "en": "National Council of the Order of Dentists",
    },
    "MIN-SANTE": {
        "fr": "Ministère de la Santé",
        "ar": "وزارة الصحة",
        "en": "Ministry of Health",
    },
    "RNAE": {
        "fr": "Registre national de l'auto-entrepreneur",
        "ar": "السجل الوطني للمقاول الذاتي",
        "en": "National register of self-entrepreneurs",
    },
    "MIN-TOURISME": {
        "fr": "Ministère du Tourisme",
        "ar": "وزارة السياحة",
        "en": "Ministry of Tourism",
    },
}

# (code, label_fr, label_ar, label_en)
Subcategory = tuple[str, str, str, str]
# (code, label_fr, label_ar, label_en, liaison body code, monthly flat income in centimes on
# which the 6.37% contribution is computed, sub-categories). The codes are the ones the
# counters' bundled seed uses, so files recorded before a point's first sync stay valid.
TnsCategory = tuple[str, str, str, str, str, int, tuple[Subcategory, ...]]

TNS_CATEGORIES: Final[tuple[TnsCategory, ...]] = (
    (
        "COM",
        "Commerçants",
        "التجار",
        "Traders",
        "CCIS",
        300_000,
        (
            ("COM01", "Commerce de détail alimentaire", "تجارة التقسيط الغذائية", "Food retail"),
            ("COM02", "Commerce de gros", "تجارة الجملة", "Wholesale trade"),
            ("COM03", "Épicerie", "البقالة", "Grocery"),
            ("COM04", "Café et restauration", "المقاهي والمطاعم", "Cafés and restaurants"),
            ("COM05", "Commerce ambulant", "التجارة المتجولة", "Street vending"),
        ),
    ),
    (
        "ART",
        "Artisans",
        "الصناع التقليديون",
        "Craftspeople",
        "CHAMBRE-ARTISANAT",
        250_000,
        (
            (
                "ART01",
                "Artisanat de production",
                "الصناعة التقليدية الإنتاجية",
                "Production crafts",
            ),
            ("ART02", "Artisanat d'art", "الصناعة التقليدية الفنية", "Art crafts"),
            ("ART03", "Artisanat de services", "الصناعة التقليدية الخدماتية", "Service crafts"),
            ("ART04", "Couture et broderie", "الخياطة والطرز", "Tailoring and embroidery"),
        ),
    ),
    (
        "AGR",
        "Agriculteurs",
        "الفلاحون",
        "Farmers",
        "CHAMBRE-AGRICULTURE",
        200_000,
        (
            ("AGR01", "Exploitant agricole", "مستغل فلاحي", "Farm operator"),
            ("AGR02", "Éleveur", "مربي الماشية", "Livestock breeder"),
            ("AGR03", "Apiculteur", "مربي النحل", "Beekeeper"),
        ),
    ),
    (
        "PEC",
        "Pêcheurs artisans",
        "الصيادون التقليديون",
        "Small-scale fishers",
        "CHAMBRE-PECHES",
        200_000,
        (
            ("PEC01", "Patron de barque", "ربان قارب", "Boat skipper"),
            ("PEC02", "Marin-pêcheur artisan", "بحار صياد تقليدي", "Small-scale sea fisher"),
        ),
    ),
    (
        "PLI",
        "Professions libérales",
        "المهن الحرة",
        "Liberal professions",
        "ORDRES-PROFESSIONNELS",
        600_000,
        (
            ("PLI01", "Architecte", "مهندس معماري", "Architect"),
            ("PLI02", "Expert-comptable", "خبير محاسب", "Chartered accountant"),
            ("PLI03", "Avocat", "محام", "Lawyer"),
            ("PLI04", "Ingénieur-conseil", "مهندس مستشار", "Consulting engineer"),
            ("PLI05", "Ingénieur géomètre-topographe", "مهندس مساح طبوغرافي", "Surveying engineer"),
        ),
    ),
    (
        "TAX",
        "Chauffeurs de taxi",
        "سائقو سيارات الأجرة",
        "Taxi drivers",
        "MIN-INTERIEUR",
        280_000,
        (
            ("TAX01", "Petit taxi", "سيارة أجرة صغيرة", "Small taxi"),
            ("TAX02", "Grand taxi", "سيارة أجرة كبيرة", "Large taxi"),
            ("TAX03", "Transport mixte", "النقل المزدوج", "Mixed transport"),
        ),
    ),
    (
        "ADL",
        "Adoul",
        "العدول",
        "Adouls",
        "MIN-JUSTICE",
        300_000,
        (
            ("ADL01", "Adel", "عدل", "Adel"),
            ("ADL02", "Nassikh", "ناسخ", "Nassikh"),
        ),
    ),
    (
        "PHA",
        "Pharmaciens",
        "الصيادلة",
        "Pharmacists",
        "ORDRE-PHARMACIENS",
        800_000,
        (
            ("PHA01", "Pharmacien d'officine", "صيدلي صاحب صيدلية", "Retail pharmacist"),
            ("PHA02", "Pharmacien biologiste", "صيدلي بيولوجي", "Clinical laboratory pharmacist"),
        ),
    ),
    (
        "MED",
        "Médecins",
        "الأطباء",
        "Physicians",
        "ORDRE-MEDECINS",
        1_000_000,
        (
            ("MED01", "Médecin généraliste", "طبيب عام", "General practitioner"),
            ("MED02", "Médecin spécialiste", "طبيب اختصاصي", "Specialist physician"),
            ("MED03", "Médecin radiologue", "طبيب أخصائي في الأشعة", "Radiologist"),
        ),
    ),
    (
        "DEN",
        "Médecins dentistes",
        "أطباء الأسنان",
        "Dentists",
        "ORDRE-DENTISTES",
        800_000,
        (
            ("DEN01", "Chirurgien-dentiste", "جراح أسنان", "Dental surgeon"),
            ("DEN02", "Orthodontiste", "أخصائي تقويم الأسنان", "Orthodontist"),
        ),
    ),
    (
        "PAR",
        "Professions paramédicales",
        "المهن شبه الطبية",
        "Paramedical professions",
        "MIN-SANTE",
        400_000,
        (
            ("PAR01", "Kinésithérapeute", "مروض طبي", "Physiotherapist"),
            ("PAR02", "Infirmier libéral", "ممرض حر", "Self-employed nurse"),
            ("PAR03", "Orthophoniste", "مقوم النطق", "Speech therapist"),
            ("PAR04", "Sage-femme libérale", "قابلة حرة", "Self-employed midwife"),
        ),
    ),
    (
        "AEN",
        "Auto-entrepreneurs",
        "المقاولون الذاتيون",
        "Self-entrepreneurs",
        "RNAE",
        200_000,
        (
            ("AEN01", "Activité commerciale", "نشاط تجاري", "Commercial activity"),
            (
                "AEN02",
                "Activité industrielle ou artisanale",
                "نشاط صناعي أو حرفي",
                "Industrial or craft activity",
            ),
            ("AEN03", "Prestation de services", "تقديم الخدمات", "Service provision"),
        ),
    ),
    (
        "GUI",
        "Guides touristiques",
        "المرشدون السياحيون",
        "Tourist guides",
        "MIN-TOURISME",
        300_000,
        (
            ("GUI01", "Guide de ville", "مرشد المدن", "City guide"),
            ("GUI02", "Guide de montagne", "مرشد الجبال", "Mountain guide"),
        ),
    ),
)

# Integers only: the rules read them back from the database, never from this module.
PARAMETERS: Final[dict[str, int]] = {
    "deposit_deadline_days": 60,
    "deposit_deadline_months": 2,
    "child_age_limit_years": 21,
    "student_age_limit_years": 26,
    "retention_days": 3650,
}


def tns_category_payload(category: TnsCategory) -> dict[str, object]:
    """The published payload of a TNS category: its row, its liaison body's labels joined in."""
    _code, label_fr, label_ar, label_en, body, flat_income, subcategories = category
    liaison = LIAISON_BODIES[body]
    return {
        "label_fr": label_fr,
        "label_ar": label_ar,
        "label_en": label_en,
        "liaison_body": body,
        "liaison_body_fr": liaison["fr"],
        "liaison_body_ar": liaison["ar"],
        "liaison_body_en": liaison["en"],
        "flat_income_centimes": flat_income,
        "subcategories": [
            {"code": sub, "label_fr": sub_fr, "label_ar": sub_ar, "label_en": sub_en}
            for sub, sub_fr, sub_ar, sub_en in subcategories
        ],
    }


def seed_items() -> list[tuple[str, str, dict[str, object]]]:
    """(kind, code, payload) of every item of reference data version 1."""
    items: list[tuple[str, str, dict[str, object]]] = []
    items += [("rejection_code", code, dict(text)) for code, text in REJECTION_CODES.items()]
    items += [("care_category", code, dict(text)) for code, text in CARE_CATEGORIES.items()]
    items += [("tns_category", row[0], tns_category_payload(row)) for row in TNS_CATEGORIES]
    items += [("liaison_body", code, dict(text)) for code, text in LIAISON_BODIES.items()]
    items += [("parameter", code, {"value": value}) for code, value in PARAMETERS.items()]
    return items
