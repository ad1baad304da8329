"""The centre's reference data as first published: what a fresh reference server serves.

Care categories, TNS categories and liaison bodies, rejection codes (with their French and
English messages: the ingest rules and the processing simulation take their wording from
here), and the parameters the rules use. This module owns the seed only; it never reads or
writes the database (``store`` seeds it, ``ingest`` reads it back).
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

TNS_CATEGORIES: Final[dict[str, dict[str, str]]] = {
    "ART": {"fr": "Artisans", "en": "Craftspeople"},
    "COM": {"fr": "Commerçants", "en": "Traders"},
    "PL": {"fr": "Professions libérales", "en": "Liberal professions"},
    "AGR": {"fr": "Agriculteurs", "en": "Farmers"},
    "AE": {"fr": "Auto-entrepreneurs", "en": "Self-entrepreneurs"},
}

LIAISON_BODIES: Final[dict[str, dict[str, str]]] = {
    "CHAMBRE-ARTISANAT": {"fr": "Chambre d'artisanat", "en": "Chamber of crafts"},
    "CCIS": {
        "fr": "Chambre de commerce, d'industrie et de services",
        "en": "Chamber of commerce, industry and services",
    },
    "ORDRE-MEDECINS": {"fr": "Ordre national des médecins", "en": "National medical council"},
    "DGI": {"fr": "Direction générale des impôts", "en": "Tax administration"},
}

# Integers only: the rules read them back from the database, never from this module.
PARAMETERS: Final[dict[str, int]] = {
    "deposit_deadline_days": 60,
    "deposit_deadline_months": 2,
    "child_age_limit_years": 21,
    "student_age_limit_years": 26,
    "retention_days": 3650,
}


def seed_items() -> list[tuple[str, str, dict[str, object]]]:
    """(kind, code, payload) of every item of reference data version 1."""
    items: list[tuple[str, str, dict[str, object]]] = []
    items += [("rejection_code", code, dict(text)) for code, text in REJECTION_CODES.items()]
    items += [("care_category", code, dict(text)) for code, text in CARE_CATEGORIES.items()]
    items += [("tns_category", code, dict(text)) for code, text in TNS_CATEGORIES.items()]
    items += [("liaison_body", code, dict(text)) for code, text in LIAISON_BODIES.items()]
    items += [("parameter", code, {"value": value}) for code, value in PARAMETERS.items()]
    return items
