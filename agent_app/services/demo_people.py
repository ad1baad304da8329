"""Seeded, realistic Moroccan demo people: care-sheet deposits and AMO-TNS enrolments.

Owns the demo tables (first and family names as printed on a CIN, with Arabic script for
many of them; cities with their 5-digit postal codes, districts, communes and streets; CIN
letter prefixes by issuing region; mobile prefixes; the demo AMO-TNS categories) and
:class:`DemoPeople`, which turns a seed and a "today" into *valid* :class:`ClaimDraft` and
:class:`EnrolmentDraft` instances for demo stores, training sessions and benchmarks.

Pure: no SQL, no Qt, no clock, no I/O. The same seed and the same ``today`` give the same
sequence of drafts. Everything here is invented: names are drawn independently, identifiers
are random, e-mail addresses use the reserved ``example.*`` domains. It must never be used
for anything that could reach CNSS as a real file.

Speed matters (a demo store holds up to a million claims), so the claim path draws only
floats from the ``random.Random`` and looks things up in precomputed tables. Insured
households are virtual: household ``i`` is a pure function of a 64-bit key and ``i``
(splitmix64), so the household pool costs no memory however large it grows, and the same
insured, spouse and children come back across claims.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import NamedTuple

from agent_app.domain.model import (
    Address,
    CareCategory,
    CareType,
    ChecklistItem,
    ClaimDraft,
    DependentDraft,
    DependentRelationship,
    EnrolmentDraft,
    FormType,
    Relationship,
    RequestKind,
    Sex,
)

# --- Names ---------------------------------------------------------------------------------


class Name(NamedTuple):
    """A name as printed on a CIN (Latin capitals), its Arabic script if known, a weight."""

    latin: str
    arabic: str | None
    weight: int = 1


# The weight is how common the name is, roughly: MOHAMED is far ahead of everything else.
FIRST_NAMES_MALE: tuple[Name, ...] = (
    Name("MOHAMED", "محمد", 12),
    Name("MOHAMMED", "محمد", 4),
    Name("AHMED", "أحمد", 6),
    Name("YOUSSEF", "يوسف", 5),
    Name("HAMZA", "حمزة", 4),
    Name("OMAR", "عمر", 4),
    Name("ABDELLAH", "عبد الله", 4),
    Name("HASSAN", "حسن", 4),
    Name("HOUSSINE", "حسين", 2),
    Name("SAID", "سعيد", 4),
    Name("RACHID", "رشيد", 4),
    Name("KHALID", "خالد", 4),
    Name("MUSTAPHA", "مصطفى", 4),
    Name("ABDELKADER", "عبد القادر", 2),
    Name("ABDERRAHIM", "عبد الرحيم", 3),
    Name("ABDELAZIZ", "عبد العزيز", 3),
    Name("ABDELLATIF", "عبد اللطيف", 2),
    Name("ABDELHAK", "عبد الحق", 2),
    Name("ABDELILAH", "عبد الإله", 2),
    Name("DRISS", "إدريس", 3),
    Name("BRAHIM", "إبراهيم", 3),
    Name("ISMAIL", "إسماعيل", 2),
    Name("AYOUB", "أيوب", 3),
    Name("ANAS", "أنس", 2),
    Name("AMINE", "أمين", 3),
    Name("MEHDI", "مهدي", 3),
    Name("KARIM", "كريم", 3),
    Name("NABIL", "نبيل", 2),
    Name("HICHAM", "هشام", 3),
    Name("JAMAL", "جمال", 2),
    Name("NOUREDDINE", "نور الدين", 2),
    Name("AZIZ", "عزيز", 2),
    Name("LAHCEN", "لحسن", 3),
    Name("MBAREK", "مبارك", 2),
    Name("ALI", "علي", 3),
    Name("OTHMANE", "عثمان", 2),
    Name("BILAL", "بلال", 2),
    Name("ZAKARIA", "زكرياء", 2),
    Name("IMAD", "عماد", 2),
    Name("TARIK", "طارق", 2),
    Name("SOUFIANE", "سفيان", 2),
    Name("ADIL", "عادل", 3),
    Name("REDOUANE", "رضوان", 2),
    Name("MOURAD", "مراد", 2),
    Name("FOUAD", "فؤاد", 2),
    Name("HAMID", "حميد", 3),
    Name("YASSINE", "ياسين", 3),
    Name("ILYAS", "إلياس", 2),
    Name("ADAM", "آدم", 2),
    Name("RAYAN", "ريان", 2),
    Name("SAAD", "سعد", 2),
    Name("ABDESSAMAD", "عبد الصمد", 2),
    Name("ABDELGHANI", "عبد الغني", 1),
    Name("JAOUAD", "جواد", 2),
    Name("TAOUFIK", "توفيق", 2),
    Name("SAMIR", "سمير", 2),
    Name("YOUNES", "يونس", 2),
    Name("AISSA", "عيسى", 1),
    Name("MOHCINE", "محسن", 2),
    Name("HAKIM", "حكيم", 1),
    Name("ABDELMAJID", "عبد المجيد", 1),
    Name("ABDELWAHED", "عبد الواحد", 1),
    Name("WALID", "وليد", 2),
    Name("OUSSAMA", "أسامة", 2),
    Name("ACHRAF", "أشرف", 2),
    Name("BADR", "بدر", 2),
    Name("SOULAIMANE", "سليمان", 2),
    Name("MOHAMED AMINE", "محمد أمين", 2),
    Name("MOHAMED ALI", "محمد علي", 1),
    Name("LARBI", "العربي", 2),
    Name("BOUCHAIB", "بوشعيب", 2),
    Name("MILOUD", "ميلود", 1),
    Name("ALLAL", "علال", 1),
    Name("JILALI", None, 1),
    Name("KACEM", "قاسم", 1),
    Name("EL MAHJOUB", None, 1),
)

FIRST_NAMES_FEMALE: tuple[Name, ...] = (
    Name("FATIMA", "فاطمة", 8),
    Name("FATIMA ZAHRA", "فاطمة الزهراء", 5),
    Name("KHADIJA", "خديجة", 6),
    Name("AICHA", "عائشة", 4),
    Name("MARIAM", "مريم", 3),
    Name("MERYEM", "مريم", 3),
    Name("SALMA", "سلمى", 3),
    Name("NAIMA", "نعيمة", 4),
    Name("ZINEB", "زينب", 3),
    Name("HAFSA", "حفصة", 2),
    Name("HANANE", "حنان", 3),
    Name("LATIFA", "لطيفة", 3),
    Name("MALIKA", "مليكة", 4),
    Name("RACHIDA", "رشيدة", 3),
    Name("SAIDA", "سعيدة", 3),
    Name("NADIA", "نادية", 3),
    Name("SOUAD", "سعاد", 3),
    Name("KARIMA", "كريمة", 3),
    Name("HAYAT", "حياة", 2),
    Name("ASMAE", "أسماء", 3),
    Name("IMANE", "إيمان", 3),
    Name("SANAA", "سناء", 2),
    Name("WAFAE", "وفاء", 2),
    Name("HIND", "هند", 2),
    Name("LAILA", "ليلى", 2),
    Name("SAMIRA", "سميرة", 3),
    Name("HALIMA", "حليمة", 3),
    Name("ZAHRA", "زهرة", 2),
    Name("RKIA", "رقية", 2),
    Name("MINA", "مينة", 2),
    Name("YAMNA", "يامنة", 1),
    Name("HOUDA", "هدى", 2),
    Name("OUMAIMA", "أميمة", 2),
    Name("CHAIMAE", "شيماء", 2),
    Name("KAWTAR", "كوثر", 2),
    Name("IKRAM", "إكرام", 2),
    Name("SOUKAINA", "سكينة", 2),
    Name("NOUHAILA", "نهيلة", 2),
    Name("HAJAR", "هاجر", 2),
    Name("SARA", "سارة", 2),
    Name("YASMINE", "ياسمين", 2),
    Name("GHIZLANE", "غزلان", 2),
    Name("BOUCHRA", "بشرى", 2),
    Name("LOUBNA", "لبنى", 2),
    Name("NAJAT", "نجاة", 2),
    Name("FADWA", "فدوى", 1),
    Name("JAMILA", "جميلة", 2),
    Name("KHAOULA", "خولة", 2),
    Name("DOUNIA", "دنيا", 2),
    Name("NISRINE", "نسرين", 1),
    Name("IBTISSAM", "ابتسام", 1),
    Name("SIHAM", "سهام", 2),
    Name("MOUNIA", "منية", 2),
    Name("AMAL", "أمل", 2),
    Name("RAJAE", "رجاء", 2),
    Name("ILHAM", "إلهام", 2),
    Name("HAKIMA", "حكيمة", 1),
    Name("TOURIA", "ثريا", 2),
    Name("FATIHA", "فتيحة", 2),
    Name("ZAKIA", "زكية", 1),
    Name("AHLAM", "أحلام", 1),
    Name("WIDAD", "وداد", 1),
    Name("RIM", "ريم", 1),
    Name("INES", "إيناس", 1),
    Name("LINA", "لينا", 1),
    Name("AYA", "آية", 2),
    Name("MALAK", "ملاك", 1),
    Name("DOHA", "ضحى", 1),
    Name("ZOHRA", None, 1),
    Name("HABIBA", "حبيبة", 1),
)

FAMILY_NAMES: tuple[Name, ...] = (
    Name("EL AMRANI", "العمراني", 3),
    Name("BENNANI", "بناني", 3),
    Name("ALAOUI", "العلوي", 4),
    Name("IDRISSI", "الإدريسي", 3),
    Name("EL IDRISSI", "الإدريسي", 3),
    Name("TAZI", "التازي", 2),
    Name("EL FASSI", "الفاسي", 2),
    Name("BERRADA", "برادة", 2),
    Name("OUAZZANI", "الوزاني", 2),
    Name("CHRAIBI", "الشرايبي", 2),
    Name("AIT BENHADDOU", "آيت بنحدو"),
    Name("OUMOUSS", None),
    Name("SEBTI", "السبتي"),
    Name("LAHLOU", "لحلو"),
    Name("BENJELLOUN", "بنجلون", 2),
    Name("KETTANI", "الكتاني"),
    Name("SQALLI", "الصقلي"),
    Name("GUESSOUS", "كسوس"),
    Name("BENKIRANE", "بنكيران"),
    Name("TAHIRI", "الطاهري", 2),
    Name("EL KHATIB", "الخطيب"),
    Name("ZIANI", "الزياني"),
    Name("BOUZIDI", "البوزيدي"),
    Name("EL OUARDI", "الوردي"),
    Name("HAJJI", "الحجي"),
    Name("EL MANSOURI", "المنصوري", 2),
    Name("BENSAID", "بنسعيد"),
    Name("NACIRI", "الناصري"),
    Name("SLAOUI", "السلاوي"),
    Name("MERNISSI", "المرنيسي"),
    Name("FILALI", "الفيلالي", 2),
    Name("SOUSSI", "السوسي", 2),
    Name("RIFI", "الريفي"),
    Name("DOUKKALI", "الدكالي"),
    Name("ZEMMOURI", "الزموري"),
    Name("CHAOUI", "الشاوي"),
    Name("GHARBI", "الغربي"),
    Name("CHERKAOUI", "الشرقاوي", 2),
    Name("AMMARI", "العماري"),
    Name("EL GHAZI", "الغازي"),
    Name("BOUHADDOU", "بوحدو"),
    Name("AIT OUAKRIM", None),
    Name("AIT TALEB", "آيت الطالب"),
    Name("AIT LHAJ", None),
    Name("AIT SAID", "آيت سعيد"),
    Name("AIT ALI", "آيت علي"),
    Name("OUBRAHIM", "أوبراهيم"),
    Name("AMZIL", "أمزيل"),
    Name("OUHADDOU", "أوحدو"),
    Name("EL HAMDAOUI", "الحمداوي"),
    Name("BELHAJ", "بلحاج"),
    Name("BENABDELLAH", "بنعبد الله"),
    Name("BENMOUSSA", "بنموسى"),
    Name("BENCHEKROUN", "بنشقرون"),
    Name("BENSOUDA", "بنسودة"),
    Name("BENZAKOUR", None),
    Name("BOUAYAD", None),
    Name("CHAMI", "الشامي"),
    Name("DAOUDI", "الداودي"),
    Name("EL ALAMI", "العلمي", 2),
    Name("EL HASSANI", "الحسني"),
    Name("EL KADIRI", "القادري"),
    Name("EL MALKI", "المالكي"),
    Name("EL MOUSSAOUI", "الموساوي"),
    Name("EL YOUSSOUFI", "اليوسفي"),
    Name("ESSAFI", None),
    Name("FASSI FIHRI", "الفاسي الفهري"),
    Name("GHALLAB", "غلاب"),
    Name("HAMMOUCHI", None),
    Name("HARTI", None),
    Name("HILALI", "الهلالي"),
    Name("JABRI", "الجابري"),
    Name("JAMAI", "الجامعي"),
    Name("KABBAJ", "القباج"),
    Name("KHALIL", None),
    Name("LAMRANI", None, 2),
    Name("LAZRAK", "الأزرق"),
    Name("MAAROUFI", "المعروفي"),
    Name("MEKOUAR", "مكوار"),
    Name("NAJI", "الناجي"),
    Name("NEJJAR", "النجار"),
    Name("OUALI", None),
    Name("OUADGHIRI", "الودغيري"),
    Name("RAMI", None),
    Name("SAADI", "السعدي"),
    Name("SABRI", "صبري"),
    Name("SAHRAOUI", "الصحراوي"),
    Name("SEKKAT", "السقاط"),
    Name("SENHAJI", "الصنهاجي"),
    Name("SKALLI", None),
    Name("TALBI", "الطالبي"),
    Name("TOUIMI", None),
    Name("TOUZANI", "التوزاني"),
    Name("WAHBI", "الوهبي"),
    Name("YACOUBI", "اليعقوبي"),
    Name("ZAHIR", None),
    Name("ZOUITEN", "زويتن"),
    Name("EL BAKKALI", "البقالي"),
    Name("EL AZZOUZI", "العزوزي"),
    Name("EL HADDAD", "الحداد"),
    Name("EL BOUKILI", None),
    Name("EL MOURABIT", "المرابط"),
    Name("EL KHALFI", None),
    Name("EL ANDALOUSSI", "الأندلسي"),
    Name("BOUJIDA", None),
    Name("AZZOUZI", None),
    Name("BENALI", "بنعلي"),
    Name("BENAISSA", "بنعيسى"),
    Name("BENOMAR", "بنعمر"),
    Name("BOUKHARI", "البخاري"),
    Name("CHAHID", None),
    Name("DAHBI", "الذهبي"),
    Name("EL ARABI", None),
    Name("EL FILALI", None),
    Name("ERRAJI", None),
    Name("ESSAADI", None),
    Name("FAKIR", None),
    Name("GHAZALI", "الغزالي"),
    Name("HADDADI", None),
    Name("HAMDI", None),
    Name("HARRAK", None),
    Name("KARIMI", None),
    Name("LAKHDAR", None),
    Name("MOUSSAOUI", None),
    Name("NAJIB", None),
    Name("OUAHBI", None),
    Name("RAHMOUNI", None),
    Name("RAMDANI", None),
    Name("SADIKI", "الصديقي"),
    Name("SALHI", None),
    Name("TAOUIL", None),
    Name("TOUIL", None),
    Name("ZERHOUNI", "الزرهوني"),
    Name("ZNIBER", None),
    Name("EL KARKOURI", None),
    Name("BOUSSETTA", None),
    Name("BOUTALEB", None),
    Name("CHAFIK", None),
    Name("DRISSI", "الدريسي"),
    Name("ENNAJI", None),
    Name("ERRAHMANI", None),
    Name("FARAJ", None),
    Name("GUENNOUN", "كنون"),
    Name("HAJOUI", None),
    Name("JABRANE", None),
    Name("KHATTABI", "الخطابي"),
    Name("LAMGHARI", None),
    Name("MABROUK", None),
    Name("MESBAHI", None),
    Name("MOKHTARI", "المختاري"),
    Name("NAFII", None),
    Name("OUARRAK", None),
    Name("RAISSOUNI", "الريسوني"),
    Name("SAMRI", None),
    Name("TIJANI", "التجاني"),
    Name("YAHYAOUI", None),
    Name("ZAKI", None),
    Name("ZAOUI", None),
    Name("AKESBI", None),
    Name("BELGHITI", None),
    Name("BOUAZZA", None),
    Name("EL AOUNI", None),
    Name("EL GUERRAB", None),
)

# --- Places --------------------------------------------------------------------------------


class City(NamedTuple):
    """A city: its 5-digit postal code, the CIN letter prefixes issued there, a weight
    (roughly its population in tens of thousands) and, for the big ones, (district,
    commune or arrondissement) pairs; elsewhere the commune is the city itself."""

    name: str
    postal_code: str
    cin_prefixes: tuple[str, ...]
    weight: int
    quarters: tuple[tuple[str, str], ...] = ()


# CIN prefixes follow the issuing office. Public sources list a few (BE/BK/BH… Casablanca,
# A/AB Rabat, J/JB Agadir…); the rest of this table is a plausible demo assignment only.
CITIES: tuple[City, ...] = (
    City(
        "Casablanca",
        "20000",
        ("BE", "BH", "BJ", "BK", "BL", "BM", "BB"),
        330,
        (
            ("Gauthier", "Sidi Belyout"),
            ("Centre-ville", "Sidi Belyout"),
            ("Racine", "Anfa"),
            ("Bourgogne", "Anfa"),
            ("Aïn Diab", "Anfa"),
            ("Maârif", "Maârif"),
            ("Derb Ghallef", "Maârif"),
            ("Palmier", "Maârif"),
            ("Oasis", "Maârif"),
            ("Californie", "Aïn Chock"),
            ("Sidi Maârouf", "Aïn Chock"),
            ("Derb Sultan", "Al Fida"),
            ("Mers Sultan", "Mers Sultan"),
            ("Hay Mohammadi", "Hay Mohammadi"),
            ("Aïn Sebaâ", "Aïn Sebaâ"),
            ("Belvédère", "Roches Noires"),
            ("Sidi Bernoussi", "Sidi Bernoussi"),
            ("Sidi Moumen", "Sidi Moumen"),
            ("Hay Hassani", "Hay Hassani"),
            ("Oulfa", "Hay Hassani"),
            ("Lissasfa", "Hay Hassani"),
            ("Sbata", "Ben M'Sick"),
            ("Hay Moulay Rachid", "Moulay Rachid"),
            ("Sidi Othmane", "Sidi Othmane"),
        ),
    ),
    City(
        "Rabat",
        "10000",
        ("A", "AB"),
        58,
        (
            ("Agdal", "Agdal-Riyad"),
            ("Hay Riad", "Agdal-Riyad"),
            ("Océan", "Hassan"),
            ("Médina", "Hassan"),
            ("Hassan", "Hassan"),
            ("Akkari", "Yacoub El Mansour"),
            ("Massira", "Yacoub El Mansour"),
            ("Takaddoum", "Youssoufia"),
            ("Hay Nahda", "Youssoufia"),
            ("Souissi", "Souissi"),
        ),
    ),
    City(
        "Salé",
        "11000",
        ("AE", "AA"),
        98,
        (
            ("Médina", "Bab Lamrissa"),
            ("Tabriquet", "Tabriquet"),
            ("Hay Karima", "Tabriquet"),
            ("Bettana", "Bettana"),
            ("Hay Salam", "Bettana"),
            ("Sala Al Jadida", "Layayda"),
            ("Hssaine", "Hssaine"),
        ),
    ),
    City("Témara", "12000", ("AD",), 35),
    City(
        "Fès",
        "30000",
        ("C", "CD", "CB"),
        115,
        (
            ("Ville Nouvelle", "Agdal"),
            ("Atlas", "Agdal"),
            ("Fès El Bali", "Fès-Médina"),
            ("Fès Jdid", "Méchouar Fès Jdid"),
            ("Narjiss", "Saïss"),
            ("Bensouda", "Zouagha"),
            ("Aïn Kadous", "Marinides"),
            ("Hay Saada", "Jnan El Ouard"),
        ),
    ),
    City(
        "Marrakech",
        "40000",
        ("E", "EE", "EA"),
        93,
        (
            ("Guéliz", "Guéliz"),
            ("Daoudiate", "Guéliz"),
            ("Bab Doukkala", "Médina"),
            ("Riad Zitoun", "Médina"),
            ("M'Hamid", "Ménara"),
            ("Massira", "Ménara"),
            ("Sidi Youssef Ben Ali", "Sidi Youssef Ben Ali"),
            ("Hay Mohammadi", "Annakhil"),
        ),
    ),
    City(
        "Tanger",
        "90000",
        ("K", "KB", "KA"),
        95,
        (
            ("Marshan", "Tanger-Médina"),
            ("Dradeb", "Tanger-Médina"),
            ("Malabata", "Charf-Mghogha"),
            ("Mesnana", "Charf-Souani"),
            ("Branes", "Charf-Souani"),
            ("Beni Makada", "Beni Makada"),
            ("Bir Chifa", "Beni Makada"),
        ),
    ),
    City("Meknès", "50000", ("D", "DA"), 63),
    City("Agadir", "80000", ("J", "JB", "JC"), 42),
    City("Oujda", "60000", ("F", "FA", "FB"), 50),
    City("Kénitra", "14000", ("G", "GA", "GB"), 43),
    City("Tétouan", "93000", ("L", "LB"), 38),
    City("Safi", "46000", ("H", "HA"), 31),
    City("El Jadida", "24000", ("M", "MC"), 20),
    City("Béni Mellal", "23000", ("I", "IA"), 19),
    City("Nador", "62000", ("S", "SH"), 16),
    City("Taza", "35000", ("Z", "ZG"), 15),
    City("Settat", "26000", ("W", "WA"), 14),
    City("Khouribga", "25000", ("Q", "QA"), 20),
    City("Ouarzazate", "45000", ("PA",), 7),
    City("Errachidia", "52000", ("U", "UA"), 9),
    City("Laâyoune", "70000", ("SJ",), 22),
    City("Dakhla", "73000", ("SL",), 11),
    City("Essaouira", "44000", ("N",), 8),
    City("Larache", "92000", ("LC",), 13),
    City("Khémisset", "15000", ("X", "XA"), 13),
    City("Guelmim", "81000", ("JY",), 12),
    City("Taroudant", "83000", ("JE",), 8),
    City("Tiznit", "85000", ("JF",), 7),
    City("Al Hoceima", "32000", ("R",), 6),
    City("Berrechid", "26100", ("WB",), 14),
    City("Mohammédia", "28800", ("T",), 22),
    City("Inezgane", "86350", ("JH",), 13),
    City("Ksar El Kebir", "92150", ("LG",), 13),
    City("Berkane", "63300", ("FE",), 11),
    City("Khénifra", "54000", ("V",), 12),
    City("Ifrane", "53000", ("DN",), 2),
    City("Sidi Kacem", "16000", ("GK",), 7),
    City("Sidi Slimane", "14200", ("GN",), 9),
    City("Taourirt", "65800", ("FL",), 10),
    City("Guercif", "35100", ("ZT",), 9),
    City("Youssoufia", "46300", ("HH",), 7),
    City("Chefchaouen", "91000", ("LE",), 4),
    City("Ouazzane", "16200", ("GM",), 6),
    City("Fquih Ben Salah", "23200", ("IB",), 10),
    City("El Kelaa des Sraghna", "43000", ("EB",), 9),
    City("Benguerir", "43150", ("EC",), 9),
    City("Sefrou", "31000", ("CN",), 8),
    City("Tan-Tan", "82000", ("JT",), 7),
    City("Zagora", "47900", ("PB",), 4),
    City("Tinghir", "45800", ("PC",), 4),
    City("Midelt", "54350", ("UB",), 5),
)

# Districts for the cities that have no list of their own.
DISTRICTS: tuple[str, ...] = (
    "Hay Mohammadi",
    "Hay Salam",
    "Hay Al Qods",
    "Hay Nahda",
    "Hay El Fath",
    "Hay Hassani",
    "Centre-ville",
    "Médina",
    "Hay Riad",
    "Hay Al Massira",
    "Hay Al Amal",
    "Hay Errahma",
    "Hay Al Wifaq",
    "Hay Al Andalous",
    "Hay Saâda",
    "Hay Al Houda",
    "Hay Al Matar",
    "Hay Al Bouchra",
    "Hay Al Farah",
    "Hay Lalla Meryem",
    "Quartier Administratif",
    "Quartier Industriel",
    "Hay Al Fadl",
    "Hay Ennakhil",
)

STREETS: tuple[str, ...] = (
    "Bd Mohammed V",
    "Bd Hassan II",
    "Av. Mohammed VI",
    "Bd Zerktouni",
    "Bd Abdelmoumen",
    "Bd Moulay Youssef",
    "Bd Al Massira",
    "Av. des FAR",
    "Av. Allal El Fassi",
    "Av. Moulay Ismail",
    "Av. Ibn Sina",
    "Rue Ibn Batouta",
    "Rue Ibn Khaldoun",
    "Rue Allal Ben Abdellah",
    "Rue Oued Sebou",
    "Rue Oued Ziz",
    "Rue Al Mouahidine",
    "Rue Abou Bakr Seddik",
    "Rue Imam Malik",
    "Rue Tarik Ibn Ziad",
    "Rue Al Mansour Eddahbi",
    "Rue Moulay Abdelkader",
    "Rue Patrice Lumumba",
    "Rue de Fès",
    "Rue de Marrakech",
    "Rue Al Quds",
    "Rue Al Wahda",
    "Av. Annakhil",
    "Av. Al Joulane",
    "Rue Ennasr",
)

_RESIDENCES: tuple[str, ...] = (
    "Résidence Al Manar",
    "Résidence Yasmine",
    "Résidence Al Amal",
    "Résidence Nassim",
    "Résidence Riad Salam",
    "Résidence Les Jardins",
)
_LOTISSEMENTS: tuple[str, ...] = (
    "Lotissement Al Wifaq",
    "Lotissement Annasr",
    "Lotissement Al Majd",
    "Lotissement Essalam",
    "Lotissement Al Firdaous",
)
_DERBS: tuple[str, ...] = ("Derb Sidi Bouloukat", "Derb El Kebir", "Derb Jdid", "Derb Omar")

# --- Phones --------------------------------------------------------------------------------

# Three-digit mobile prefixes after +212 that the ``phonenumbers`` metadata accepts as
# mobile numbers (checked by the tests); 06 numbers are far more common than 07 ones.
MOBILE_PREFIXES_6: tuple[int, ...] = (
    *range(600, 683),
    684,
    *range(687, 700),
)
MOBILE_PREFIXES_7: tuple[int, ...] = (*range(700, 729), *range(760, 790))
_SHARE_OF_06 = 0.75

# --- AMO-TNS categories --------------------------------------------------------------------


class TnsSubcategory(NamedTuple):
    code: str
    label_fr: str
    label_ar: str


class TnsCategory(NamedTuple):
    code: str
    label_fr: str
    label_ar: str
    liaison_body_fr: str
    flat_income_centimes: int  # monthly flat income the 6.37% contribution is computed on
    subcategories: tuple[TnsSubcategory, ...]


# DEMO REFERENCE DATA, NOT THE OFFICIAL LIST. The real categories, sub-categories, liaison
# bodies and flat incomes come from the centre (reference data, versioned); these only seed
# a store that has never synced, and feed the demo enrolments. The incomes are invented.
TNS_CATEGORIES: tuple[TnsCategory, ...] = (
    TnsCategory(
        "COM",
        "Commerçants",
        "التجار",
        "Chambre de commerce, d'industrie et de services",
        300_000,
        (
            TnsSubcategory("COM01", "Commerce de détail alimentaire", "تجارة التقسيط الغذائية"),
            TnsSubcategory("COM02", "Commerce de gros", "تجارة الجملة"),
            TnsSubcategory("COM03", "Épicerie", "البقالة"),
            TnsSubcategory("COM04", "Café et restauration", "المقاهي والمطاعم"),
            TnsSubcategory("COM05", "Commerce ambulant", "التجارة المتجولة"),
        ),
    ),
    TnsCategory(
        "ART",
        "Artisans",
        "الصناع التقليديون",
        "Chambre d'artisanat",
        250_000,
        (
            TnsSubcategory("ART01", "Artisanat de production", "الصناعة التقليدية الإنتاجية"),
            TnsSubcategory("ART02", "Artisanat d'art", "الصناعة التقليدية الفنية"),
            TnsSubcategory("ART03", "Artisanat de services", "الصناعة التقليدية الخدماتية"),
            TnsSubcategory("ART04", "Couture et broderie", "الخياطة والطرز"),
        ),
    ),
    TnsCategory(
        "AGR",
        "Agriculteurs",
        "الفلاحون",
        "Chambre d'agriculture",
        200_000,
        (
            TnsSubcategory("AGR01", "Exploitant agricole", "مستغل فلاحي"),
            TnsSubcategory("AGR02", "Éleveur", "مربي الماشية"),
            TnsSubcategory("AGR03", "Apiculteur", "مربي النحل"),
        ),
    ),
    TnsCategory(
        "PEC",
        "Pêcheurs artisans",
        "الصيادون التقليديون",
        "Chambre des pêches maritimes",
        200_000,
        (
            TnsSubcategory("PEC01", "Patron de barque", "ربان قارب"),
            TnsSubcategory("PEC02", "Marin-pêcheur artisan", "بحار صياد تقليدي"),
        ),
    ),
    TnsCategory(
        "PLI",
        "Professions libérales",
        "المهن الحرة",
        "Ordres et associations professionnels",
        600_000,
        (
            TnsSubcategory("PLI01", "Architecte", "مهندس معماري"),
            TnsSubcategory("PLI02", "Expert-comptable", "خبير محاسب"),
            TnsSubcategory("PLI03", "Avocat", "محام"),
            TnsSubcategory("PLI04", "Ingénieur-conseil", "مهندس مستشار"),
            TnsSubcategory("PLI05", "Ingénieur géomètre-topographe", "مهندس مساح طبوغرافي"),
        ),
    ),
    TnsCategory(
        "TAX",
        "Chauffeurs de taxi",
        "سائقو سيارات الأجرة",
        "Ministère de l'Intérieur",
        280_000,
        (
            TnsSubcategory("TAX01", "Petit taxi", "سيارة أجرة صغيرة"),
            TnsSubcategory("TAX02", "Grand taxi", "سيارة أجرة كبيرة"),
            TnsSubcategory("TAX03", "Transport mixte", "النقل المزدوج"),
        ),
    ),
    TnsCategory(
        "ADL",
        "Adoul",
        "العدول",
        "Ministère de la Justice",
        300_000,
        (
            TnsSubcategory("ADL01", "Adel", "عدل"),
            TnsSubcategory("ADL02", "Nassikh", "ناسخ"),
        ),
    ),
    TnsCategory(
        "PHA",
        "Pharmaciens",
        "الصيادلة",
        "Conseil de l'Ordre des pharmaciens",
        800_000,
        (
            TnsSubcategory("PHA01", "Pharmacien d'officine", "صيدلي صاحب صيدلية"),
            TnsSubcategory("PHA02", "Pharmacien biologiste", "صيدلي بيولوجي"),
        ),
    ),
    TnsCategory(
        "MED",
        "Médecins",
        "الأطباء",
        "Conseil national de l'Ordre des médecins",
        1_000_000,
        (
            TnsSubcategory("MED01", "Médecin généraliste", "طبيب عام"),
            TnsSubcategory("MED02", "Médecin spécialiste", "طبيب اختصاصي"),
            TnsSubcategory("MED03", "Médecin radiologue", "طبيب أخصائي في الأشعة"),
        ),
    ),
    TnsCategory(
        "DEN",
        "Médecins dentistes",
        "أطباء الأسنان",
        "Conseil national de l'Ordre des médecins dentistes",
        800_000,
        (
            TnsSubcategory("DEN01", "Chirurgien-dentiste", "جراح أسنان"),
            TnsSubcategory("DEN02", "Orthodontiste", "أخصائي تقويم الأسنان"),
        ),
    ),
    TnsCategory(
        "PAR",
        "Professions paramédicales",
        "المهن شبه الطبية",
        "Ministère de la Santé",
        400_000,
        (
            TnsSubcategory("PAR01", "Kinésithérapeute", "مروض طبي"),
            TnsSubcategory("PAR02", "Infirmier libéral", "ممرض حر"),
            TnsSubcategory("PAR03", "Orthophoniste", "مقوم النطق"),
            TnsSubcategory("PAR04", "Sage-femme libérale", "قابلة حرة"),
        ),
    ),
    TnsCategory(
        "AEN",
        "Auto-entrepreneurs",
        "المقاولون الذاتيون",
        "Registre national de l'auto-entrepreneur",
        200_000,
        (
            TnsSubcategory("AEN01", "Activité commerciale", "نشاط تجاري"),
            TnsSubcategory("AEN02", "Activité industrielle ou artisanale", "نشاط صناعي أو حرفي"),
            TnsSubcategory("AEN03", "Prestation de services", "تقديم الخدمات"),
        ),
    ),
    TnsCategory(
        "GUI",
        "Guides touristiques",
        "المرشدون السياحيون",
        "Ministère du Tourisme",
        300_000,
        (
            TnsSubcategory("GUI01", "Guide de ville", "مرشد المدن"),
            TnsSubcategory("GUI02", "Guide de montagne", "مرشد الجبال"),
        ),
    ),
)

# Category code -> sub-category codes: what ``validate_enrolment`` takes as ``categories``.
TNS_CATEGORY_CODES: Mapping[str, frozenset[str]] = MappingProxyType(
    {c.code: frozenset(s.code for s in c.subcategories) for c in TNS_CATEGORIES}
)

# How often each category shows up at a counter, and the youngest age it is plausible at.
_CATEGORY_WEIGHTS: Mapping[str, int] = MappingProxyType(
    {
        "COM": 25,
        "ART": 18,
        "AGR": 15,
        "PEC": 4,
        "PLI": 5,
        "TAX": 10,
        "ADL": 2,
        "PHA": 2,
        "MED": 3,
        "DEN": 1,
        "PAR": 3,
        "AEN": 10,
        "GUI": 2,
    }
)
_CATEGORY_MIN_AGE: Mapping[str, int] = MappingProxyType(
    {"PLI": 24, "PHA": 25, "MED": 27, "DEN": 26, "ADL": 25, "TAX": 21}
)

# --- Care: what a sheet typically holds, and what it costs ---------------------------------

_C = CareCategory
# (weight out of 100, categories ticked, median declared amount in MAD)
_Template = tuple[int, frozenset[CareCategory], int]
_GENERAL_ILLNESS: tuple[_Template, ...] = (
    (34, frozenset({_C.CONSULTATION, _C.PHARMACY}), 230),
    (18, frozenset({_C.PHARMACY}), 160),
    (10, frozenset({_C.CONSULTATION}), 140),
    (12, frozenset({_C.CONSULTATION, _C.PHARMACY, _C.BIOLOGY}), 430),
    (5, frozenset({_C.CONSULTATION, _C.PHARMACY, _C.IMAGING}), 530),
    (6, frozenset({_C.BIOLOGY}), 210),
    (3, frozenset({_C.IMAGING}), 320),
    (3, frozenset({_C.CONSULTATION, _C.PHARMACY, _C.BIOLOGY, _C.IMAGING}), 780),
    (3, frozenset({_C.OPTICS}), 780),
    (2, frozenset({_C.CONSULTATION, _C.OPTICS}), 920),
    (2, frozenset({_C.PARAMEDICAL}), 430),
    (2, frozenset({_C.CONSULTATION, _C.PARAMEDICAL}), 570),
)
_GENERAL_MATERNITY: tuple[_Template, ...] = (
    (30, frozenset({_C.CONSULTATION, _C.IMAGING}), 360),
    (25, frozenset({_C.CONSULTATION, _C.BIOLOGY, _C.IMAGING}), 600),
    (20, frozenset({_C.HOSPITALISATION, _C.PHARMACY}), 5700),
    (15, frozenset({_C.HOSPITALISATION}), 4300),
    (10, frozenset({_C.CONSULTATION, _C.PHARMACY}), 250),
)
_HOSPITALISATION: tuple[_Template, ...] = (
    (35, frozenset({_C.HOSPITALISATION}), 3500),
    (30, frozenset({_C.HOSPITALISATION, _C.PHARMACY}), 4600),
    (20, frozenset({_C.HOSPITALISATION, _C.BIOLOGY, _C.IMAGING, _C.PHARMACY}), 6400),
    (15, frozenset({_C.HOSPITALISATION, _C.IMAGING}), 4300),
)
_GENERAL_ACCIDENT: tuple[_Template, ...] = (
    (35, frozenset({_C.CONSULTATION, _C.IMAGING}), 430),
    (30, frozenset({_C.CONSULTATION, _C.IMAGING, _C.PHARMACY}), 570),
    (15, frozenset({_C.PARAMEDICAL}), 500),
    (10, frozenset({_C.HOSPITALISATION, _C.IMAGING}), 5000),
    (10, frozenset({_C.CONSULTATION, _C.PHARMACY}), 250),
)
_ALD_ILLNESS: tuple[_Template, ...] = (
    (35, frozenset({_C.PHARMACY}), 780),
    (25, frozenset({_C.CONSULTATION, _C.PHARMACY}), 710),
    (20, frozenset({_C.CONSULTATION, _C.PHARMACY, _C.BIOLOGY}), 1060),
    (10, frozenset({_C.BIOLOGY}), 430),
    (5, frozenset({_C.IMAGING}), 640),
    (5, frozenset({_C.CONSULTATION, _C.PHARMACY, _C.BIOLOGY, _C.IMAGING}), 1800),
)
_DENTAL_ILLNESS: tuple[_Template, ...] = (
    (60, frozenset({_C.DENTAL}), 570),
    (20, frozenset({_C.DENTAL, _C.IMAGING}), 710),
    (15, frozenset({_C.DENTAL, _C.PHARMACY}), 640),
    (5, frozenset({_C.DENTAL, _C.IMAGING, _C.PHARMACY}), 850),
)
_DENTAL_ACCIDENT: tuple[_Template, ...] = (
    (50, frozenset({_C.DENTAL}), 850),
    (50, frozenset({_C.DENTAL, _C.IMAGING}), 1060),
)

_AMOUNT_SIGMA = 0.75  # log-normal spread around each template's median
_AMOUNT_MIN_CENTIMES = 5_000  # 50 MAD
_AMOUNT_MAX_CENTIMES = 2_000_000  # 20,000 MAD
_EXTRA_DOCUMENTS = (0, 0, 0, 1, 1, 1, 2, 2, 3, 4)  # besides one original per category
_MAX_DOCUMENTS = 8
_ALL_CHECKED: frozenset[ChecklistItem] = frozenset(ChecklistItem)

# Claim mix (shares of all claims).
_SHARE_GENERAL = 0.85
_SHARE_ALD = 0.10  # the rest, 5%, dental sheets
_SHARE_ALD_CONTINUOUS = 0.30  # of ALD sheets: 3% of claims carry an end of treatment
_SHARE_SELF = 0.55
_SHARE_SPOUSE = 0.20  # the rest, 25%, children
_SHARE_FSE = 0.10
_SHARE_PRIOR_APPROVAL = 0.10  # of hospitalisation and dental sheets only
_MAX_DAYS_BEFORE_DEPOSIT = 50

# Practitioner pools: one neighbourhood's worth, about 300 INPE numbers in all.
_N_DOCTORS = 150
_N_DENTISTS = 30
_N_PHARMACIES = 60
_N_LABS = 20
_N_IMAGING = 15
_N_CLINICS = 15
_N_OPTICS = 10  # opticians and physiotherapists
_INPE_RANGE = range(100_000_000, 1_000_000_000)
_SHARE_FAMILY_DOCTOR = 0.60
_SHARE_FAMILY_PHARMACY = 0.70
_SHARE_HOME_CITY = 0.70

_FORMS = (FormType.GENERAL, FormType.ALD, FormType.DENTAL)


def _weighted_indices(names: Sequence[Name]) -> tuple[int, ...]:
    return tuple(i for i, name in enumerate(names) for _ in range(name.weight))


_MALE_TABLE = _weighted_indices(FIRST_NAMES_MALE)
_FEMALE_TABLE = _weighted_indices(FIRST_NAMES_FEMALE)
_FAMILY_TABLE = _weighted_indices(FAMILY_NAMES)
_CITY_TABLE = tuple(i for i, city in enumerate(CITIES) for _ in range(city.weight))
_CATEGORY_TABLE = tuple(
    i for i, cat in enumerate(TNS_CATEGORIES) for _ in range(_CATEGORY_WEIGHTS[cat.code])
)
_FAMILY_LATIN = tuple(name.latin for name in FAMILY_NAMES)
_MALE_LATIN = tuple(name.latin for name in FIRST_NAMES_MALE)
_FEMALE_LATIN = tuple(name.latin for name in FIRST_NAMES_FEMALE)

_Slot = tuple[frozenset[CareCategory], float, int, int]  # categories, mu, count, facility


def _care_slots(templates: Sequence[_Template]) -> tuple[_Slot, ...]:
    """Each template repeated by its weight: a weighted draw is then one table look-up.

    A slot holds the categories, the log of the median amount in centimes (the log-normal's
    mu), the number of categories and the kind of facility that sent the insured there.
    """
    return tuple(
        (categories, math.log(median_mad * 100), len(categories), _facility_kind(categories))
        for weight, categories, median_mad in templates
        for _ in range(weight)
    )


# Facility kinds, by the category that sends the insured there (first match wins).
_FAC_NONE, _FAC_CLINIC, _FAC_IMAGING, _FAC_LAB, _FAC_PHARMACY, _FAC_OPTICS = range(6)


def _facility_kind(categories: frozenset[CareCategory]) -> int:
    if _C.HOSPITALISATION in categories:
        return _FAC_CLINIC
    if _C.IMAGING in categories:
        return _FAC_IMAGING
    if _C.BIOLOGY in categories:
        return _FAC_LAB
    if _C.PHARMACY in categories:
        return _FAC_PHARMACY
    if _C.OPTICS in categories or _C.PARAMEDICAL in categories:
        return _FAC_OPTICS
    return _FAC_NONE


# Indexed by form (0 general, 1 ALD, 2 dental) * 4 + care type (order of _CARE_TYPES).
_CARE_TYPES = (CareType.ILLNESS, CareType.MATERNITY, CareType.HOSPITALISATION, CareType.ACCIDENT)
_ILLNESS, _MATERNITY, _HOSPITAL, _ACCIDENT = range(4)
_CARE_SLOTS: tuple[tuple[_Slot, ...], ...] = (
    _care_slots(_GENERAL_ILLNESS),
    _care_slots(_GENERAL_MATERNITY),
    _care_slots(_HOSPITALISATION),
    _care_slots(_GENERAL_ACCIDENT),
    _care_slots(_ALD_ILLNESS),
    (),  # no maternity on an ALD sheet
    _care_slots(_HOSPITALISATION),
    (),  # nor accidents
    _care_slots(_DENTAL_ILLNESS),
    (),
    (),
    _care_slots(_DENTAL_ACCIDENT),
)

# --- Virtual households ---------------------------------------------------------------------

_M64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_SPOUSE_SALT = 0x5851F42D4C957F2D
_CHILD_SALT = 0x14057B7EF767814F
_NAME_SALT = 0x2545F4914F6CDD1D
_Y = 365  # days in a year, for household ages (approximate on purpose: they are anchors)
_MIN_HOUSEHOLDS = 50
_HOUSEHOLDS_PER_CLAIM = 3  # the pool grows to a third of the claims drawn so far
_KIDS = (0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5)

# Permutations that make identifiers unique per household without storing anything:
# x -> (x * A + B) mod M is a bijection when gcd(A, M) = 1.
_IMMAT_SPAN = 900_000_000
_IMMAT_MULT = 734_567_891
_CIN_SPAN = 900_000
_CIN_MULT = 714_283
_PERSONS_PER_HOUSEHOLD = 8  # CIN slots: insured, spouse, up to 5 children (one spare)


def _mix64(x: int) -> int:
    """splitmix64's finaliser: 64 well-mixed bits from any 64-bit key."""
    x = (x + _GOLDEN) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


class _Household:
    """An insured person's family as the claims see it; rebuilt on demand from its index.

    Each 64-bit word is spent like a mixed-radix number (``divmod`` by each range in turn);
    the product of the ranges drawn from one word stays well below 2**64.
    """

    __slots__ = (
        "cin",
        "city",
        "doctor",
        "father_family",
        "immatriculation",
        "index",
        "insured_birth",
        "insured_male",
        "key",
        "kids",
        "mother_age",
        "name",
        "pharmacy",
        "spouse_age",
    )

    def __init__(self, people: DemoPeople, index: int) -> None:
        key = (people._household_key + index * _GOLDEN) & _M64
        self.index = index
        self.key = key
        # Word 1: the household's shape and habits.
        g = _mix64(key)
        g, sex_draw = divmod(g, 100)
        g, pension_draw = divmod(g, 100)
        g, age_draw = divmod(g, 43 * _Y)
        pensioner = pension_draw < 8
        age = 60 * _Y + age_draw % (20 * _Y) if pensioner else 21 * _Y + age_draw
        g, married_draw = divmod(g, 100)
        g, kids_draw = divmod(g, len(_KIDS))
        g, self.doctor = divmod(g, _N_DOCTORS)
        g, self.pharmacy = divmod(g, _N_PHARMACIES)
        male = sex_draw < 62
        married = married_draw < (30 if age < 25 * _Y else 70 if age < 35 * _Y else 82)
        # Word 2: where they are from and what they are called.
        n = _mix64(key ^ _NAME_SALT)
        n, home_draw = divmod(n, 100)
        n, city_draw = divmod(n, len(_CITY_TABLE))
        n, family_draw = divmod(n, len(_FAMILY_TABLE))
        firsts = _MALE_TABLE if male else _FEMALE_TABLE
        n, first_draw = divmod(n, len(firsts))
        n, father_draw = divmod(n, len(_FAMILY_TABLE))
        city = people._home_city_index if home_draw < 70 else _CITY_TABLE[city_draw]
        prefixes = CITIES[city].cin_prefixes
        family = _FAMILY_TABLE[family_draw]
        self.city = city
        self.insured_male = male
        self.insured_birth = people._today_ordinal - age
        first = (_MALE_LATIN if male else _FEMALE_LATIN)[firsts[first_draw]]
        self.name = f"{_FAMILY_LATIN[family]} {first}"
        slot = index * _PERSONS_PER_HOUSEHOLD
        self.cin = f"{prefixes[n % len(prefixes)]}{people._cin_digits(slot)}"
        self.immatriculation = str(
            100_000_000 + (index * _IMMAT_MULT + people._immat_offset) % _IMMAT_SPAN
        )
        # Children carry the father's family name: the insured's, the husband's, or (for a
        # woman on her own) that of a father who is not on the file.
        self.father_family = family if male else _FAMILY_TABLE[father_draw]
        self.spouse_age = 0
        if married:
            gap = _mix64(key ^ _SPOUSE_SALT) % (10 * _Y)
            self.spouse_age = max(19 * _Y, age - gap) if male else min(85 * _Y, age + gap)
            if not male:
                self.father_family = self._spouse_family()
        # Children need a mother who was at least 19 at each birth.
        if not male:
            mother_age = age
        elif married:
            mother_age = self.spouse_age
        else:
            mother_age = age - 5 * _Y
        kids = _KIDS[kids_draw]
        if (not married and age < 35 * _Y) or mother_age <= 20 * _Y:
            kids = 0
        self.mother_age = mother_age
        self.kids = kids

    def _spouse_family(self) -> int:
        s = _mix64(self.key ^ _SPOUSE_SALT) // (10 * _Y)
        return _FAMILY_TABLE[s % len(_FAMILY_TABLE)]

    def spouse(self, people: DemoPeople) -> tuple[str, int, Sex, str | None]:
        """The spouse's name, birth ordinal, sex and CIN (only for a married household)."""
        s = _mix64(self.key ^ _SPOUSE_SALT) // (10 * _Y)  # the gap was drawn first
        s, family_draw = divmod(s, len(_FAMILY_TABLE))
        male = not self.insured_male
        firsts, latin = (_MALE_TABLE, _MALE_LATIN) if male else (_FEMALE_TABLE, _FEMALE_LATIN)
        s, first_draw = divmod(s, len(firsts))
        prefixes = CITIES[self.city].cin_prefixes
        slot = self.index * _PERSONS_PER_HOUSEHOLD + 1
        cin = f"{prefixes[s % len(prefixes)]}{people._cin_digits(slot)}"
        name = f"{_FAMILY_LATIN[_FAMILY_TABLE[family_draw]]} {latin[firsts[first_draw]]}"
        birth = people._today_ordinal - self.spouse_age
        return name, birth, Sex.MALE if male else Sex.FEMALE, cin

    def child(self, people: DemoPeople, k: int) -> tuple[str, int, Sex, str | None]:
        """Child ``k`` (0-based, below ``kids``): name, birth ordinal, sex, CIN if adult."""
        c = _mix64(self.key ^ (_CHILD_SALT + k))
        c, older_draw = divmod(c, 100)
        # Mostly minors; a few young adults up to 25 (students, whom the sheet cannot show).
        cap = 26 * _Y - 10 if older_draw < 6 else 22 * _Y - 1
        c, age_draw = divmod(c, 26 * _Y)
        age = age_draw % min(self.mother_age - 19 * _Y, cap)
        c, sex_draw = divmod(c, 2)
        male = sex_draw == 0
        firsts, latin = (_MALE_TABLE, _MALE_LATIN) if male else (_FEMALE_TABLE, _FEMALE_LATIN)
        c, first_draw = divmod(c, len(firsts))
        cin: str | None = None
        if age >= 18 * _Y + 10:
            prefixes = CITIES[self.city].cin_prefixes
            slot = self.index * _PERSONS_PER_HOUSEHOLD + 2 + k
            cin = f"{prefixes[c % len(prefixes)]}{people._cin_digits(slot)}"
        name = f"{_FAMILY_LATIN[self.father_family]} {latin[firsts[first_draw]]}"
        return name, people._today_ordinal - age, Sex.MALE if male else Sex.FEMALE, cin


# --- The generator --------------------------------------------------------------------------


class DemoPeople:
    """Demo claims and enrolments for one counter's neighbourhood, reproducible from a seed.

    ``today`` anchors everyone's age: call :meth:`claim` with deposit days up to a year or
    two before it (or a little after). ``home_city`` is the counter's city (drawn from the
    seed when not given): most households, practitioners and enrolments live there.
    ``household_pool_size`` fixes the number of insured households; by default the pool
    grows with the claims drawn, to max(50, claims / 3), so insured people come back.
    """

    def __init__(
        self,
        rng: random.Random | int,
        today: date,
        *,
        home_city: str | None = None,
        household_pool_size: int | None = None,
    ) -> None:
        self._rng = rng if isinstance(rng, random.Random) else random.Random(rng)  # noqa: S311
        self._today = today
        self._today_ordinal = today.toordinal()
        if home_city is None:
            self._home_city_index = _CITY_TABLE[self._rng.randrange(len(_CITY_TABLE))]
        else:
            names = [city.name for city in CITIES]
            if home_city not in names:
                raise ValueError(f"unknown demo city: {home_city!r}")
            self._home_city_index = names.index(home_city)
        if household_pool_size is not None and household_pool_size < 1:
            raise ValueError("household_pool_size must be at least 1")
        self._pool_size = household_pool_size
        self._claims_drawn = 0
        self._household_key = self._rng.getrandbits(64)
        self._immat_offset = self._rng.randrange(_IMMAT_SPAN)
        self._cin_offset = self._rng.randrange(_CIN_SPAN)
        # One neighbourhood's practitioners and facilities: distinct INPE numbers, reused.
        sizes = (_N_DOCTORS, _N_DENTISTS, _N_PHARMACIES, _N_CLINICS, _N_IMAGING, _N_LABS)
        inpes = [str(n) for n in self._rng.sample(_INPE_RANGE, sum(sizes) + _N_OPTICS)]
        pools: list[tuple[str, ...]] = []
        for size in (*sizes, _N_OPTICS):
            pools.append(tuple(inpes[:size]))
            del inpes[:size]
        self._doctors, self._dentists, self._pharmacies, clinics, imaging, labs, optics = pools
        # Facilities by kind, in the order of the _FAC_* constants (a consultation alone
        # is now and then done in a clinic).
        self._facilities = (clinics, clinics, imaging, labs, self._pharmacies, optics)

    # --- public read-only state ---

    @property
    def today(self) -> date:
        return self._today

    @property
    def home_city(self) -> City:
        return CITIES[self._home_city_index]

    @property
    def prescriber_inpes(self) -> tuple[str, ...]:
        """The neighbourhood's doctors and dentists (the INPE directory a demo can load)."""
        return self._doctors + self._dentists

    @property
    def facility_inpes(self) -> tuple[str, ...]:
        """Pharmacies, laboratories, imaging centres, clinics, opticians and physios."""
        seen: dict[str, None] = {}
        for pool in self._facilities:
            seen.update(dict.fromkeys(pool))
        return tuple(seen)

    # --- identifiers and contact details ---

    def _cin_digits(self, slot: int) -> int:
        return 100_000 + (slot * _CIN_MULT + self._cin_offset) % _CIN_SPAN

    def immatriculation(self) -> str:
        """A random CNSS immatriculation: 9 digits, no check digit (there is none)."""
        return str(self._rng.randrange(100_000_000, 1_000_000_000))

    def cin(self, city: City | None = None) -> str:
        """A CIN as issued in ``city`` (the home city by default): 1-2 letters, 5-6 digits."""
        rng = self._rng
        prefixes = (city or self.home_city).cin_prefixes
        prefix = prefixes[int(rng.random() * len(prefixes))]
        if rng.random() < 0.08:  # older cards: five digits
            return f"{prefix}{rng.randrange(10_000, 100_000)}"
        return f"{prefix}{rng.randrange(100_000, 1_000_000)}"

    def mobile_phone(self) -> str:
        """A Moroccan mobile number in E.164: +2126XXXXXXXX or +2127XXXXXXXX."""
        rnd = self._rng.random
        prefixes = MOBILE_PREFIXES_6 if rnd() < _SHARE_OF_06 else MOBILE_PREFIXES_7
        return f"+212{prefixes[int(rnd() * len(prefixes))]}{int(rnd() * 1_000_000):06d}"

    def fse_number(self) -> str:
        """An electronic care-sheet number; the real format is not public, so it is opaque."""
        return f"FSE{int(self._rng.random() * 1_000_000_000_000):012d}"

    def address(self, city: City | None = None) -> Address:
        """A street address in ``city`` (weighted by population when not given)."""
        rng = self._rng
        rnd = rng.random
        if city is None:
            city = self._random_city()
        if city.quarters:
            district, commune = city.quarters[int(rnd() * len(city.quarters))]
        else:
            district, commune = DISTRICTS[int(rnd() * len(DISTRICTS))], city.name
        kind = rnd()
        if kind < 0.55:
            line = f"{rng.randint(1, 250)} {STREETS[int(rnd() * len(STREETS))]}"
        elif kind < 0.75:
            residence = _RESIDENCES[int(rnd() * len(_RESIDENCES))]
            line = f"Imm {rng.randint(1, 40)} Appt {rng.randint(1, 24)} {residence}"
        elif kind < 0.92:
            line = f"Lot {rng.randint(1, 999)} {_LOTISSEMENTS[int(rnd() * len(_LOTISSEMENTS))]}"
        else:
            line = f"{_DERBS[int(rnd() * len(_DERBS))]} {rng.randint(1, 120)}"
        return Address(line, district, commune, city.name, city.postal_code)

    def _random_city(self) -> City:
        """A city drawn by population."""
        return CITIES[_CITY_TABLE[int(self._rng.random() * len(_CITY_TABLE))]]

    # --- claims ---

    def _household_index(self) -> int:
        rnd = self._rng.random
        if self._pool_size is not None:
            return int(rnd() * self._pool_size)
        size = max(_MIN_HOUSEHOLDS, self._claims_drawn // _HOUSEHOLDS_PER_CLAIM)
        return int(rnd() * size)

    def claim(self, deposit_day: date) -> ClaimDraft:
        """A valid care-sheet deposit made on ``deposit_day``, by a returning household."""
        rnd = self._rng.random
        self._claims_drawn += 1
        deposit = deposit_day.toordinal()

        r = rnd()
        form = 0 if r < _SHARE_GENERAL else 1 if r < _SHARE_GENERAL + _SHARE_ALD else 2
        end: int | None = None
        if form == 1 and rnd() < _SHARE_ALD_CONTINUOUS:
            end = deposit - 1 - int(rnd() * _MAX_DAYS_BEFORE_DEPOSIT)
            first = end - 14 - int(rnd() * 150)
        else:
            # Most files come in within a couple of weeks; a few near the 50-day mark.
            u = rnd()
            first = deposit - 1 - int(u * u * _MAX_DAYS_BEFORE_DEPOSIT)

        # Who was treated: pick another household when this one has no such member.
        r = rnd()
        wanted = (
            Relationship.SELF
            if r < _SHARE_SELF
            else Relationship.SPOUSE
            if r < _SHARE_SELF + _SHARE_SPOUSE
            else Relationship.CHILD
        )
        household = _Household(self, self._household_index())
        for _ in range(3):
            if (
                wanted is Relationship.SELF
                or (wanted is Relationship.SPOUSE and household.spouse_age)
                or (wanted is Relationship.CHILD and household.kids)
            ):
                break
            household = _Household(self, self._household_index())
        relationship = Relationship.SELF
        beneficiary: tuple[str, int, Sex, str | None] = (
            household.name,
            household.insured_birth,
            Sex.MALE if household.insured_male else Sex.FEMALE,
            household.cin,
        )
        if wanted is Relationship.SPOUSE and household.spouse_age:
            relationship, beneficiary = wanted, household.spouse(self)
        elif wanted is Relationship.CHILD and household.kids:
            child = household.child(self, int(rnd() * household.kids))
            if child[1] <= first:  # else a sheet older than the baby: the insured's own
                relationship, beneficiary = wanted, child
        name, birth, sex, cin = beneficiary

        # The kind of care, then what the sheet holds.
        r = rnd()
        if form == 0:
            if r < 0.80:
                care = _ILLNESS
            elif r < 0.87:
                age = first - birth
                fertile = (
                    relationship is not Relationship.CHILD
                    and sex is Sex.FEMALE
                    and 18 * _Y <= age <= 45 * _Y
                )
                care = _MATERNITY if fertile else _ILLNESS
            elif r < 0.95:
                care = _HOSPITAL
            else:
                care = _ACCIDENT
        elif form == 1:
            care = _HOSPITAL if r < 0.15 else _ILLNESS
        else:
            care = _ACCIDENT if r < 0.05 else _ILLNESS
        slots = _CARE_SLOTS[form * 4 + care]
        categories, mu, count, facility_kind = slots[int(rnd() * len(slots))]

        amount = int(self._rng.lognormvariate(mu, _AMOUNT_SIGMA))
        amount = min(_AMOUNT_MAX_CENTIMES, max(_AMOUNT_MIN_CENTIMES, amount - amount % 10))
        documents = min(_MAX_DOCUMENTS, count + _EXTRA_DOCUMENTS[int(rnd() * 10)])

        if form == 2:
            prescriber = self._dentists[int(rnd() * _N_DENTISTS)]
        elif rnd() < _SHARE_FAMILY_DOCTOR:
            prescriber = self._doctors[household.doctor]
        else:
            prescriber = self._doctors[int(rnd() * _N_DOCTORS)]
        facility: str | None = None
        if facility_kind == _FAC_PHARMACY and rnd() < _SHARE_FAMILY_PHARMACY:
            facility = self._pharmacies[household.pharmacy]
        elif facility_kind != _FAC_NONE or rnd() < 0.3:
            pool = self._facilities[facility_kind]
            facility = pool[int(rnd() * len(pool))]

        planned = (care == _HOSPITAL or form == 2) and rnd() < _SHARE_PRIOR_APPROVAL
        fse = self.fse_number() if rnd() < _SHARE_FSE else None
        return ClaimDraft(
            form_type=_FORMS[form],
            request_kind=RequestKind.PRIOR_APPROVAL if planned else RequestKind.EXECUTION,
            insured_immatriculation=household.immatriculation,
            insured_name=household.name,
            insured_cin=household.cin,
            beneficiary_relationship=relationship,
            beneficiary_name=name,
            beneficiary_birth_date=date.fromordinal(birth),
            beneficiary_sex=sex,
            beneficiary_cin=cin,
            care_type=_CARE_TYPES[care],
            care_categories=categories,
            first_act_date=date.fromordinal(first),
            end_of_treatment_date=None if end is None else date.fromordinal(end),
            declared_amount_centimes=amount,
            document_count=documents,
            prescriber_inpe=prescriber,
            facility_inpe=facility,
            fse_number=fse,
            checklist=_ALL_CHECKED,
        )

    # --- enrolments ---

    def enrolment(self, signature_day: date) -> EnrolmentDraft:
        """A valid AMO-TNS enrolment (form 328-1-01) signed on ``signature_day``."""
        rng = self._rng
        rnd = rng.random
        category = TNS_CATEGORIES[_CATEGORY_TABLE[int(rnd() * len(_CATEGORY_TABLE))]]
        subcategory = category.subcategories[int(rnd() * len(category.subcategories))]
        sex = Sex.MALE if rnd() < 0.68 else Sex.FEMALE
        age = rng.randint(max(20, _CATEGORY_MIN_AGE.get(category.code, 20)), 65)
        birth = _birth_date(rng, signature_day, age)
        family = FAMILY_NAMES[_FAMILY_TABLE[int(rnd() * len(_FAMILY_TABLE))]]
        first = self._first_name(sex)
        with_arabic = rnd() < 0.7 and family.arabic is not None and first.arabic is not None
        home = self.home_city
        city = home if rnd() < 0.8 else self._random_city()
        personal = self.address(city)
        professional = self.address(city if rnd() < 0.85 else None)
        cins: set[str] = set()  # one CIN per person on the form
        applicant_cin = self._unique_cin(city, cins)
        nationality = "MA" if rnd() < 0.99 else ("FR", "ES", "SN", "DZ", "TN")[int(rnd() * 5)]
        email = self._email(first.latin, family.latin) if rnd() < 0.45 else None
        immatriculation = self.immatriculation() if rnd() < 0.3 else None
        dependents = self._dependents(signature_day, sex, age, family.latin, city, cins)
        return EnrolmentDraft(
            last_name=family.latin,
            first_name=first.latin,
            last_name_ar=family.arabic if with_arabic else None,
            first_name_ar=first.arabic if with_arabic else None,
            cin=applicant_cin,
            immatriculation=immatriculation,
            nationality=nationality,
            mobile_phone=self.mobile_phone(),
            email=email,
            category_code=category.code,
            subcategory_code=subcategory.code,
            sex=sex,
            birth_date=birth,
            personal_address=personal,
            professional_address=professional,
            signature_place=home.name,
            signature_date=signature_day,
            notice_acknowledged=True,
            dependents=dependents,
        )

    def _first_name(self, sex: Sex) -> Name:
        if sex is Sex.MALE:
            return FIRST_NAMES_MALE[_MALE_TABLE[int(self._rng.random() * len(_MALE_TABLE))]]
        return FIRST_NAMES_FEMALE[_FEMALE_TABLE[int(self._rng.random() * len(_FEMALE_TABLE))]]

    def _family_name(self) -> str:
        return _FAMILY_LATIN[_FAMILY_TABLE[int(self._rng.random() * len(_FAMILY_TABLE))]]

    def _unique_cin(self, city: City, taken: set[str]) -> str:
        while True:
            cin = self.cin(city)
            if cin not in taken:
                taken.add(cin)
                return cin

    def _email(self, first: str, last: str) -> str:
        rng = self._rng
        local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        if rng.random() < 0.6:
            local += str(rng.randint(1, 99))
        return f"{local}@example.{('com', 'net', 'org')[rng.randrange(3)]}"

    def _dependents(
        self,
        day: date,
        sex: Sex,
        age: int,
        family: str,
        city: City,
        cins: set[str],
    ) -> tuple[DependentDraft, ...]:
        rng = self._rng
        rnd = rng.random
        dependents: list[DependentDraft] = []
        mother_age = age if sex is Sex.FEMALE else max(18, age - rng.randint(0, 10))
        father_family = family
        spouses = 0
        if rnd() < 0.70:
            spouses = 2 if sex is Sex.MALE and rnd() < 0.003 else 1
        for _ in range(spouses):
            spouse_sex = Sex.FEMALE if sex is Sex.MALE else Sex.MALE
            spouse_family = self._family_name()  # Moroccan wives keep their own name
            if spouse_sex is Sex.FEMALE:
                spouse_age = max(18, age - rng.randint(-2, 10))
                mother_age = spouse_age
            else:
                spouse_age = min(90, age + rng.randint(-2, 10))
                father_family = spouse_family
            dependents.append(
                DependentDraft(
                    relationship=DependentRelationship.SPOUSE,
                    last_name=spouse_family,
                    first_name=self._first_name(spouse_sex).latin,
                    birth_date=_birth_date(rng, day, spouse_age),
                    sex=spouse_sex,
                    cin=self._unique_cin(city, cins),
                )
            )
        if sex is Sex.FEMALE and not spouses:
            father_family = self._family_name()  # a widow or divorcee: the father's name
        # Children: born when their mother was 19 or older, and after the applicant.
        oldest = min(mother_age - 19, age - 19)
        if oldest >= 0:
            count = _KIDS[int(rnd() * len(_KIDS))]
            if not spouses and rnd() < 0.5:
                count = 0
            if rnd() < 0.02 and oldest >= 22:  # a disabled adult child: no age limit
                age_years = rng.randint(22, min(oldest, 50))
                dependents.append(
                    self._child(day, age_years, father_family, city, cins, disabled=True)
                )
            for _ in range(count):
                if oldest >= 19 and rnd() < 0.15:  # in higher education, unmarried
                    age_years = rng.randint(19, min(oldest, 25))
                    dependents.append(
                        self._child(day, age_years, father_family, city, cins, student=True)
                    )
                elif rnd() < 0.03:  # in legal custody: another family's name
                    age_years = rng.randint(0, min(oldest, 20))
                    last = self._family_name()
                    dependents.append(self._child(day, age_years, last, city, cins, kafala=True))
                else:
                    age_years = rng.randint(0, min(oldest, 20))
                    dependents.append(self._child(day, age_years, father_family, city, cins))
        return tuple(dependents)

    def _child(
        self,
        day: date,
        age: int,
        last: str,
        city: City,
        cins: set[str],
        *,
        student: bool = False,
        disabled: bool = False,
        kafala: bool = False,
    ) -> DependentDraft:
        sex = Sex.MALE if self._rng.random() < 0.5 else Sex.FEMALE
        return DependentDraft(
            relationship=DependentRelationship.CHILD,
            last_name=last,
            first_name=self._first_name(sex).latin,
            birth_date=_birth_date(self._rng, day, age),
            sex=sex,
            cin=self._unique_cin(city, cins) if age >= 18 else None,
            is_student=student,
            is_disabled=disabled,
            is_kafala=kafala,
        )


def _years_before(day: date, years: int) -> date:
    """``day`` moved back by whole years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _birth_date(rng: random.Random, on: date, age: int) -> date:
    """A birth date that makes someone exactly ``age`` whole years old on ``on``."""
    latest = _years_before(on, age)
    earliest = _years_before(on, age + 1) + timedelta(days=1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))
