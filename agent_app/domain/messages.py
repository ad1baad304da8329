"""The texts of every problem code the domain rules raise, in French, Arabic and English.

Owns the wording the clerk reads beside a field: what is wrong and what to do about it.
French is the source of truth; Arabic is written as a Moroccan administration writes it
(Modern Standard Arabic, Western digits); English follows. Each text of one code uses the
same ``{placeholders}``. Dates arrive already as DD/MM/YYYY; a placeholder whose name ends
in ``_centimes`` holds integer centimes and is written as money in the reader's language.

Must never hold a text that no rule raises, nor miss one that a rule does: a test reads the
rules' source to hold both ends.
"""

from __future__ import annotations

from agent_app.domain.money import format_amount
from agent_app.i18n import DEFAULT_LANG, Catalog, Lang, Text

MONEY_SUFFIX = "_centimes"


class MessageCatalog(Catalog):
    """A :class:`Catalog` that writes ``*_centimes`` placeholders as money in ``lang``.

    Problems carry language-neutral parameters (they are stored and sent to the centre); only
    here, at rendering, does "10000000" become "100.000,00 DH" or "MAD 100,000.00".
    """

    def render(self, code: str, lang: Lang = DEFAULT_LANG, /, **params: object) -> str:
        localised = {
            name: format_amount(int(str(value)), lang) if name.endswith(MONEY_SUFFIX) else value
            for name, value in params.items()
        }
        return super().render(code, lang, **localised)


_IDENTIFIERS = {
    "immatriculation.required": Text(
        fr="Numéro d'immatriculation manquant : recopiez les 9 chiffres de la carte CNSS de "
        "l'assuré.",
        ar="رقم التسجيل غير مدخل: المرجو نقل الأرقام التسعة المدونة في بطاقة الضمان الاجتماعي "
        "للمؤمن له.",
        en="Immatriculation number missing: copy the 9 digits from the insured person's CNSS card.",
    ),
    "immatriculation.looks_like_affiliation": Text(
        fr="Ce numéro a 7 chiffres : c'est sans doute le numéro d'affiliation de l'employeur. "
        "Saisissez l'immatriculation de l'assuré (9 chiffres, sur sa carte CNSS).",
        ar="هذا الرقم مكون من 7 أرقام، وهو على الأرجح رقم انخراط المشغل. المرجو إدخال رقم "
        "تسجيل المؤمن له (9 أرقام، مدون في بطاقة الضمان الاجتماعي).",
        en="This number has 7 digits: it is probably the employer's affiliation number. Enter "
        "the insured person's immatriculation (9 digits, on their CNSS card).",
    ),
    "immatriculation.not_9_digits": Text(
        fr="Le numéro d'immatriculation compte exactement 9 chiffres, sans lettre ({length} "
        "caractères saisis) : vérifiez le numéro sur la carte CNSS.",
        ar="يتكون رقم التسجيل من 9 أرقام بالضبط دون أي حرف (عدد الرموز المدخلة: {length}): "
        "المرجو التحقق من الرقم في بطاقة الضمان الاجتماعي.",
        en="An immatriculation number has exactly 9 digits and no letter ({length} characters "
        "entered): check the number on the CNSS card.",
    ),
    "cin.required": Text(
        fr="Numéro de CIN manquant : recopiez-le depuis la carte nationale d'identité.",
        ar="رقم البطاقة الوطنية للتعريف غير مدخل: المرجو نقله من البطاقة الوطنية.",
        en="National ID (CIN) number missing: copy it from the national identity card.",
    ),
    "cin.invalid_characters": Text(
        fr="Un numéro de CIN ne contient que des lettres et des chiffres : corrigez la saisie "
        "d'après la carte.",
        ar="لا يتضمن رقم البطاقة الوطنية إلا حروفا لاتينية وأرقاما: المرجو تصحيح الإدخال وفق "
        "البطاقة.",
        en="A CIN number contains only letters and digits: correct the entry from the card.",
    ),
    "cin.too_long": Text(
        fr="Numéro de CIN trop long ({length} caractères ; 8 au plus d'ordinaire) : "
        "vérifiez-le sur la carte.",
        ar="رقم البطاقة الوطنية طويل جدا (عدد الرموز: {length}، والمعتاد 8 على الأكثر): المرجو "
        "التحقق منه في البطاقة.",
        en="CIN number too long ({length} characters; usually 8 at most): check it on the card.",
    ),
    "cin.odd_shape": Text(
        fr="Forme inhabituelle pour un numéro de CIN (attendu : 1 ou 2 lettres puis des "
        "chiffres, 8 caractères au plus, par ex. BK123456). Vérifiez-le sur la carte ; s'il est "
        "exact, confirmez.",
        ar="شكل غير معتاد لرقم البطاقة الوطنية (المنتظر: حرف أو حرفان ثم أرقام، 8 رموز على "
        "الأكثر، مثال: BK123456). المرجو التحقق منه في البطاقة، وتأكيده إن كان صحيحا.",
        en="Unusual shape for a CIN number (expected: 1 or 2 letters then digits, 8 characters "
        "at most, e.g. BK123456). Check it on the card; if it is right, confirm.",
    ),
    "inpe.required": Text(
        fr="INPE manquant : scannez l'étiquette code-barres du praticien ou recopiez ses "
        "9 chiffres.",
        ar="رقم INPE غير مدخل: المرجو مسح ملصق الرمز الشريطي للممارس أو نقل أرقامه التسعة.",
        en="INPE missing: scan the practitioner's barcode label or copy its 9 digits.",
    ),
    "inpe.not_9_digits": Text(
        fr="Un INPE compte exactement 9 chiffres ({length} caractères saisis) : scannez de "
        "nouveau l'étiquette ou recopiez les chiffres imprimés sous le code-barres.",
        ar="يتكون رقم INPE من 9 أرقام بالضبط (عدد الرموز المدخلة: {length}): المرجو إعادة مسح "
        "الملصق أو نقل الأرقام المطبوعة تحت الرمز الشريطي.",
        en="An INPE has exactly 9 digits ({length} characters entered): scan the label again or "
        "copy the digits printed under the barcode.",
    ),
    "phone.required": Text(
        fr="Numéro de mobile manquant : demandez un numéro de téléphone portable (06… ou 07…).",
        ar="رقم الهاتف المحمول غير مدخل: المرجو طلب رقم هاتف محمول (06… أو 07…).",
        en="Mobile number missing: ask for a mobile phone number (06… or 07…).",
    ),
    "phone.invalid": Text(
        fr="Numéro de téléphone invalide : saisissez 10 chiffres (06 12 34 56 78) ou le format "
        "international (+212 6 12 34 56 78).",
        ar="رقم الهاتف غير صحيح: المرجو إدخال 10 أرقام (06 12 34 56 78) أو الصيغة الدولية "
        "(+212 6 12 34 56 78).",
        en="Invalid phone number: enter 10 digits (06 12 34 56 78) or the international form "
        "(+212 6 12 34 56 78).",
    ),
    "phone.not_mobile": Text(
        fr="Ce numéro n'est pas un mobile (un fixe en 05…, par exemple) : le formulaire demande "
        "un numéro de portable.",
        ar="هذا الرقم ليس رقم هاتف محمول (رقم ثابت يبدأ بـ 05 مثلا): المرجو طلب رقم هاتف محمول "
        "كما تشترط الاستمارة.",
        en="This is not a mobile number (a landline starting 05, for example): the form asks for "
        "a mobile number.",
    ),
    "phone.foreign": Text(
        fr="Numéro de mobile étranger : les messages de la CNSS pourraient ne pas arriver. "
        "Demandez un numéro marocain si possible, sinon confirmez.",
        ar="رقم هاتف محمول أجنبي: قد لا تصل إليه رسائل الصندوق الوطني للضمان الاجتماعي. المرجو "
        "طلب رقم مغربي إن أمكن، وإلا فالمرجو التأكيد.",
        en="Foreign mobile number: CNSS messages may not reach it. Ask for a Moroccan number if "
        "possible, otherwise confirm.",
    ),
    "nationality.required": Text(
        fr="Nationalité manquante : choisissez le pays (MA pour la nationalité marocaine).",
        ar="الجنسية غير محددة: المرجو اختيار البلد (MA للجنسية المغربية).",
        en="Nationality missing: choose the country (MA for Moroccan).",
    ),
    "nationality.invalid": Text(
        fr="Nationalité invalide : choisissez un code pays de 2 lettres dans la liste (MA pour "
        "le Maroc).",
        ar="الجنسية غير صحيحة: المرجو اختيار رمز بلد من حرفين من القائمة (MA للمغرب).",
        en="Invalid nationality: choose a 2-letter country code from the list (MA for Morocco).",
    ),
    "nationality.unknown": Text(
        fr="Code pays inconnu : vérifiez la nationalité sur la pièce d'identité ; si le code est "
        "exact, confirmez.",
        ar="رمز بلد غير معروف: المرجو التحقق من الجنسية في وثيقة الهوية، وتأكيد الرمز إن كان "
        "صحيحا.",
        en="Unknown country code: check the nationality on the identity document; if the code is "
        "right, confirm.",
    ),
    "postal_code.required": Text(
        fr="Code postal manquant : saisissez les 5 chiffres du code postal.",
        ar="الرمز البريدي غير مدخل: المرجو إدخال الأرقام الخمسة للرمز البريدي.",
        en="Postal code missing: enter the 5-digit postal code.",
    ),
    "postal_code.not_5_digits": Text(
        fr="Un code postal compte exactement 5 chiffres (par ex. 20250) : corrigez la saisie.",
        ar="يتكون الرمز البريدي من 5 أرقام بالضبط (مثال: 20250): المرجو تصحيح الإدخال.",
        en="A postal code has exactly 5 digits (e.g. 20250): correct the entry.",
    ),
    "email.invalid": Text(
        fr="Adresse e-mail mal formée (attendu : nom@domaine.ma) : corrigez-la ou laissez le "
        "champ vide.",
        ar="عنوان البريد الإلكتروني غير سليم (الصيغة المنتظرة: nom@domaine.ma): المرجو تصحيحه "
        "أو ترك الخانة فارغة.",
        en="Malformed e-mail address (expected: name@domain.ma): correct it or leave the field "
        "empty.",
    ),
    "name.required": Text(
        fr="Nom manquant : recopiez-le tel qu'il figure sur la pièce d'identité.",
        ar="الاسم غير مدخل: المرجو نقله كما هو مدون في وثيقة الهوية.",
        en="Name missing: copy it as written on the identity document.",
    ),
    "name.too_long": Text(
        fr="Nom trop long ({max_length} caractères au plus) : vérifiez qu'un autre champ n'y a "
        "pas été collé.",
        ar="الاسم طويل جدا (الحد الأقصى لعدد الرموز: {max_length}): المرجو التأكد من عدم لصق "
        "محتوى خانة أخرى فيه.",
        en="Name too long ({max_length} characters at most): check that another field was not "
        "pasted into it.",
    ),
    "name.invalid_characters": Text(
        fr="Un nom ne contient que des lettres, des espaces, des traits d'union et des "
        "apostrophes : retirez les chiffres et les symboles.",
        ar="لا يتضمن الاسم إلا حروفا ومسافات وشرطات وفواصل عليا: المرجو حذف الأرقام والرموز.",
        en="A name contains only letters, spaces, hyphens and apostrophes: remove digits and "
        "symbols.",
    ),
    "name.too_short": Text(
        fr="Nom trop court : saisissez le nom en entier, pas une initiale.",
        ar="الاسم قصير جدا: المرجو إدخال الاسم كاملا وليس الحرف الأول منه فقط.",
        en="Name too short: enter the whole name, not an initial.",
    ),
    "name.not_latin_script": Text(
        fr="Ce champ s'écrit en caractères latins (en capitales) : saisissez l'écriture arabe "
        "dans le champ prévu à cet effet.",
        ar="تكتب هذه الخانة بالحروف اللاتينية (بالأحرف الكبيرة): المرجو إدخال الكتابة العربية "
        "في الخانة المخصصة لها.",
        en="This field is written in Latin letters (capitals): enter the Arabic spelling in its "
        "own field.",
    ),
    "name.single_word": Text(
        fr="Un seul mot : le nom complet (nom et prénom) est attendu. Complétez-le, ou confirmez "
        "si c'est bien le nom entier.",
        ar="كلمة واحدة فقط: المنتظر هو الاسم الكامل (الاسم العائلي والشخصي). المرجو إتمامه، أو "
        "التأكيد إن كان هذا هو الاسم الكامل.",
        en="A single word: the full name (surname and given name) is expected. Complete it, or "
        "confirm if this is the whole name.",
    ),
    "name.not_arabic_script": Text(
        fr="Ce champ s'écrit en caractères arabes : saisissez le nom en arabe ou laissez le "
        "champ vide.",
        ar="تكتب هذه الخانة بالحروف العربية: المرجو إدخال الاسم بالعربية أو ترك الخانة فارغة.",
        en="This field is written in Arabic script: enter the name in Arabic or leave the field "
        "empty.",
    ),
}

_AMOUNTS = {
    "amount.empty": Text(
        fr="Montant manquant : saisissez le total des frais en dirhams (par ex. 1.234,56).",
        ar="المبلغ غير مدخل: المرجو إدخال مجموع المصاريف بالدرهم (مثال: 1.234,56).",
        en="Amount missing: enter the total expenses in dirhams (e.g. 1,234.56).",
    ),
    "amount.negative": Text(
        fr="Un montant ne peut pas être négatif : saisissez le total des frais sans signe moins.",
        ar="لا يمكن أن يكون المبلغ سالبا: المرجو إدخال مجموع المصاريف دون علامة الناقص.",
        en="An amount cannot be negative: enter the total expenses without a minus sign.",
    ),
    "amount.too_many_decimals": Text(
        fr="Deux décimales au plus (les centimes) : saisissez par ex. 1234,50 ou 1.234,50.",
        ar="رقمان عشريان على الأكثر (السنتيمات): المرجو الإدخال على شكل 1234,50 أو 1.234,50 مثلا.",
        en="Two decimals at most (the centimes): enter, e.g., 1234.50 or 1,234.50.",
    ),
    "amount.not_a_number": Text(
        fr="Montant illisible : saisissez des chiffres, avec une virgule avant les centimes "
        "(par ex. 1234,56).",
        ar="المبلغ غير مقروء: المرجو إدخال أرقام مع فاصلة قبل السنتيمات (مثال: 1234,56).",
        en="Unreadable amount: enter digits, with a decimal point before the centimes "
        "(e.g. 1234.56).",
    ),
}

_PEOPLE = {
    "beneficiary.sex_required": Text(
        fr="Sexe du bénéficiaire manquant : cochez « masculin » ou « féminin » comme sur la "
        "feuille de soins.",
        ar="جنس المستفيد غير محدد: المرجو اختيار « ذكر » أو « أنثى » كما في ورقة العلاجات.",
        en="Beneficiary's sex missing: tick “male” or “female” as on the care sheet.",
    ),
    "birth_date.required": Text(
        fr="Date de naissance manquante : recopiez-la depuis la feuille de soins (JJ/MM/AAAA).",
        ar="تاريخ الازدياد غير مدخل: المرجو نقله من ورقة العلاجات (يوم/شهر/سنة).",
        en="Birth date missing: copy it from the care sheet (DD/MM/YYYY).",
    ),
    "birth_date.in_future": Text(
        fr="Date de naissance dans le futur : vérifiez le jour, le mois et l'année.",
        ar="تاريخ الازدياد لاحق لتاريخ اليوم: المرجو التحقق من اليوم والشهر والسنة.",
        en="Birth date in the future: check the day, month and year.",
    ),
    "birth_date.too_old": Text(
        fr="Cette date de naissance donne plus de {max_age} ans : vérifiez l'année.",
        ar="يفيد هذا التاريخ أن السن يتجاوز {max_age} سنة: المرجو التحقق من السنة.",
        en="This birth date means an age over {max_age}: check the year.",
    ),
}

_CLAIMS = {
    "claim.self_cin_mismatch": Text(
        fr="Le bénéficiaire est l'assuré lui-même, mais les deux CIN diffèrent : corrigez le CIN "
        "ou le lien de parenté, ou confirmez.",
        ar="المستفيد هو المؤمن له نفسه، غير أن رقمي البطاقة الوطنية مختلفان: المرجو تصحيح رقم "
        "البطاقة أو صلة القرابة، أو التأكيد.",
        en="The beneficiary is the insured person, yet the two CIN numbers differ: correct the "
        "CIN or the relationship, or confirm.",
    ),
    "claim.self_name_mismatch": Text(
        fr="Le bénéficiaire est l'assuré lui-même, mais les noms diffèrent : corrigez le nom ou "
        "le lien de parenté (conjoint, enfant), ou confirmez.",
        ar="المستفيد هو المؤمن له نفسه، غير أن الاسمين مختلفان: المرجو تصحيح الاسم أو صلة "
        "القرابة (زوج، ابن)، أو التأكيد.",
        en="The beneficiary is the insured person, yet the names differ: correct the name or the "
        "relationship (spouse, child), or confirm.",
    ),
    "claim.beneficiary_cin_is_insured": Text(
        fr="Le CIN du bénéficiaire est celui de l'assuré : si les soins concernent l'assuré, "
        "choisissez « l'assuré lui-même » ; sinon, corrigez le CIN.",
        ar="رقم البطاقة الوطنية للمستفيد هو نفسه رقم المؤمن له: إذا كانت العلاجات تخص المؤمن "
        "له فالمرجو اختيار « المؤمن له نفسه »، وإلا فالمرجو تصحيح الرقم.",
        en="The beneficiary's CIN is the insured person's: if the care was for the insured, "
        "choose “the insured”; otherwise correct the CIN.",
    ),
    "claim.child_over_age_limit": Text(
        fr="Enfant de {age} ans : au-delà de {age_limit} ans, un enfant n'est couvert que s'il "
        "est handicapé. Vérifiez la date de naissance ; si elle est exacte, confirmez (la CNSS "
        "vérifiera les droits).",
        ar="يبلغ الطفل {age} سنة: بعد سن {age_limit} سنة لا يستفيد الطفل من التغطية إلا إذا كان "
        "في وضعية إعاقة. المرجو التحقق من تاريخ الازدياد، وتأكيده إن كان صحيحا (سيتحقق الصندوق "
        "من الحقوق).",
        en="Child aged {age}: past {age_limit}, a child is covered only if disabled. Check the "
        "birth date; if it is right, confirm (CNSS will check entitlement).",
    ),
    "claim.no_care_category": Text(
        fr="Aucune catégorie de soins cochée : cochez ce que contient le dossier (consultation, "
        "pharmacie, analyses…).",
        ar="لم يتم اختيار أي صنف من العلاجات: المرجو تحديد ما يتضمنه الملف (فحص طبي، أدوية، "
        "تحاليل…).",
        en="No care category ticked: tick what the file contains (consultation, pharmacy, "
        "laboratory tests…).",
    ),
    "claim.dental_form_without_dental_care": Text(
        fr="Feuille de soins dentaires (610-1-04) sans soins dentaires : cochez « dentaire » ou "
        "choisissez le bon modèle de feuille.",
        ar="ورقة علاجات الأسنان (610-1-04) دون علاجات للأسنان: المرجو اختيار « علاجات الأسنان » "
        "أو اختيار نموذج الورقة الصحيح.",
        en="Dental care sheet (610-1-04) without dental care: tick “dental” or choose the right "
        "sheet.",
    ),
    "claim.dental_care_on_general_form": Text(
        fr="Soins dentaires sur la feuille générale : la CNSS attend la feuille de soins "
        "dentaires (610-1-04). Demandez-la à l'assuré, ou confirmez.",
        ar="علاجات الأسنان مدرجة في الورقة العامة: ينتظر الصندوق ورقة علاجات الأسنان "
        "(610-1-04). المرجو طلبها من المؤمن له، أو التأكيد.",
        en="Dental care on the general sheet: CNSS expects the dental care sheet (610-1-04). Ask "
        "the insured for it, or confirm.",
    ),
    "claim.maternity_male_beneficiary": Text(
        fr="Soins de maternité pour un bénéficiaire de sexe masculin : corrigez le type de soins "
        "ou le sexe du bénéficiaire.",
        ar="علاجات الأمومة لمستفيد من جنس ذكر: المرجو تصحيح نوع العلاجات أو جنس المستفيد.",
        en="Maternity care for a male beneficiary: correct the type of care or the beneficiary's "
        "sex.",
    ),
    "claim.first_act_in_future": Text(
        fr="Date du premier acte dans le futur : recopiez la date des soins inscrite par le "
        "praticien.",
        ar="تاريخ أول عمل طبي لاحق لتاريخ اليوم: المرجو نقل تاريخ العلاجات الذي دونه الممارس.",
        en="First act date in the future: copy the date of care written by the practitioner.",
    ),
    "claim.first_act_before_birth": Text(
        fr="Date du premier acte antérieure à la naissance du bénéficiaire : vérifiez les deux "
        "dates (les soins prénatals se déclarent au nom de la mère).",
        ar="تاريخ أول عمل طبي سابق لتاريخ ازدياد المستفيد: المرجو التحقق من التاريخين (يصرح "
        "بالعلاجات السابقة للولادة باسم الأم).",
        en="First act date before the beneficiary's birth: check both dates (prenatal care is "
        "claimed in the mother's name).",
    ),
    "claim.end_before_first_act": Text(
        fr="Fin du traitement antérieure au premier acte : vérifiez les deux dates.",
        ar="تاريخ نهاية العلاج سابق لتاريخ أول عمل طبي: المرجو التحقق من التاريخين.",
        en="End of treatment before the first act: check both dates.",
    ),
    "claim.end_in_future": Text(
        fr="Fin du traitement dans le futur : saisissez la date du dernier acte effectué, ou "
        "laissez le champ vide.",
        ar="تاريخ نهاية العلاج لاحق لتاريخ اليوم: المرجو إدخال تاريخ آخر عمل طبي تم إنجازه، أو "
        "ترك الخانة فارغة.",
        en="End of treatment in the future: enter the date of the last act performed, or leave "
        "the field empty.",
    ),
    "claim.likely_duplicate": Text(
        fr="Doublon probable : le dépôt {receipt_no} porte déjà le même assuré, le même "
        "bénéficiaire, la même date de premier acte et le même montant (ou le même numéro "
        "FSE). Vérifiez avec l'assuré ; ne l'enregistrez qu'en indiquant pourquoi.",
        ar="احتمال تكرار: الإيداع {receipt_no} يحمل نفس المؤمن له ونفس المستفيد ونفس تاريخ "
        "أول عمل ونفس المبلغ (أو نفس رقم ورقة العلاج الإلكترونية). تحقق مع المؤمن له؛ ولا "
        "تسجله إلا مع بيان السبب.",
        en="Likely duplicate: deposit {receipt_no} already has the same insured person, "
        "beneficiary, first-act date and amount (or the same FSE number). Check with the "
        "insured; record it only with a reason.",
    ),
    "claim.late_deposit": Text(
        fr="Dépôt hors délai : la date limite était le {deadline} (retard : {days_late} "
        "jour(s)). Le dossier risque d'être rejeté ; acceptez-le seulement en indiquant le "
        "motif du retard.",
        ar="إيداع خارج الأجل: كان آخر أجل للإيداع هو {deadline} (عدد أيام التأخير: "
        "{days_late}). قد يرفض الملف؛ المرجو عدم قبوله إلا مع بيان سبب التأخير.",
        en="Late deposit: the deadline was {deadline} ({days_late} day(s) late). The file may be "
        "rejected; accept it only with the reason for the delay.",
    ),
    "claim.amount_not_positive": Text(
        fr="Le montant total des frais doit être supérieur à zéro : recopiez le total inscrit "
        "sur la feuille de soins.",
        ar="يجب أن يكون المبلغ الإجمالي للمصاريف أكبر من صفر: المرجو نقل المجموع المدون في "
        "ورقة العلاجات.",
        en="The total expenses must be above zero: copy the total written on the care sheet.",
    ),
    "claim.amount_over_ceiling": Text(
        fr="Montant supérieur au plafond de saisie ({ceiling_centimes}) : vérifiez la virgule "
        "des centimes ; si le montant est exact, contactez votre superviseur.",
        ar="المبلغ يتجاوز الحد الأقصى المسموح بإدخاله ({ceiling_centimes}): المرجو التحقق من "
        "فاصلة السنتيمات؛ وإذا كان المبلغ صحيحا فالمرجو الاتصال بالمشرف.",
        en="Amount above the entry ceiling ({ceiling_centimes}): check the decimal separator; if "
        "the amount is right, contact your supervisor.",
    ),
    "claim.no_documents": Text(
        fr="Aucune pièce jointe déclarée : comptez les originaux agrafés (ordonnances, factures, "
        "résultats, vignettes) et saisissez leur nombre.",
        ar="لم يصرح بأي وثيقة مرفقة: المرجو عد الوثائق الأصلية المرفقة (الوصفات، الفواتير، "
        "النتائج، ملصقات الأدوية) وإدخال عددها.",
        en="No attached documents declared: count the stapled originals (prescriptions, "
        "invoices, results, medicine labels) and enter their number.",
    ),
    "claim.too_many_documents": Text(
        fr="Plus de {maximum} pièces jointes : vérifiez le nombre saisi.",
        ar="عدد الوثائق المرفقة يتجاوز {maximum}: المرجو التحقق من العدد المدخل.",
        en="More than {maximum} attached documents: check the number entered.",
    ),
    "claim.fse_invalid": Text(
        fr="Numéro de FSE illisible ({max_length} caractères imprimables au plus) : scannez de "
        "nouveau le code QR ou recopiez le numéro.",
        ar="رقم ورقة العلاجات الإلكترونية غير مقروء (الحد الأقصى لعدد الرموز: {max_length}): "
        "المرجو إعادة مسح رمز QR أو نقل الرقم.",
        en="Unreadable FSE number ({max_length} printable characters at most): scan the QR code "
        "again or copy the number.",
    ),
    "claim.care_sheet_unsigned": Text(
        fr="Feuille de soins non signée : faites-la signer par l'assuré avant de l'accepter.",
        ar="ورقة العلاجات غير موقعة: المرجو توقيعها من طرف المؤمن له قبل قبولها.",
        en="Care sheet not signed: have the insured person sign it before accepting it.",
    ),
    "claim.originals_missing": Text(
        fr="Originaux manquants : joignez les ordonnances, factures, résultats et vignettes "
        "originaux ; la CNSS renvoie les dossiers sans originaux.",
        ar="الوثائق الأصلية غير مرفقة: المرجو إرفاق أصول الوصفات والفواتير والنتائج وملصقات "
        "الأدوية؛ إذ يرجع الصندوق الملفات التي لا تتضمن الأصول.",
        en="Originals missing: attach the original prescriptions, invoices, results and "
        "medicine labels; CNSS returns files without originals.",
    ),
    "claim.inpe_stamp_missing": Text(
        fr="Étiquette INPE ou cachet du praticien absent : l'assuré doit le faire apposer par "
        "le praticien ; sans lui, le dossier est renvoyé.",
        ar="ملصق INPE أو خاتم الممارس غير موجود: على المؤمن له أن يطلب من الممارس وضعه؛ "
        "وبدونه يرجع الملف.",
        en="INPE label or practitioner's stamp missing: the insured must have the practitioner "
        "add it; without it the file is returned.",
    ),
    "claim.several_patients_or_events": Text(
        fr="Une feuille de soins ne concerne qu'un seul malade et un seul événement : faites "
        "remplir une feuille par personne et par maladie.",
        ar="تخص ورقة العلاجات مريضا واحدا وحدثا مرضيا واحدا: المرجو ملء ورقة لكل شخص ولكل مرض.",
        en="A care sheet covers one patient and one event only: have one sheet filled in per "
        "person and per illness.",
    ),
}

_ENROLMENT = {
    "enrolment.likely_duplicate": Text(
        fr="Cette CIN est déjà inscrite ici (reçu {receipt_no}) : vérifiez qu'il ne s'agit "
        "pas de la même personne ; ne l'enregistrez qu'en indiquant pourquoi.",
        ar="رقم البطاقة الوطنية هذا مسجل هنا مسبقاً (الوصل {receipt_no}): تحقق من أنه ليس "
        "الشخص نفسه؛ ولا تسجله إلا مع بيان السبب.",
        en="This CIN is already enrolled here (receipt {receipt_no}): check it is not the same "
        "person; record it only with a reason.",
    ),
    "enrolment.applicant_too_young": Text(
        fr="Le demandeur n'a pas {min_age} ans (âge calculé : {age}) : vérifiez la date de "
        "naissance sur la CIN.",
        ar="لم يبلغ مقدم الطلب {min_age} سنة (السن المحتسب: {age}): المرجو التحقق من تاريخ "
        "الازدياد في البطاقة الوطنية.",
        en="The applicant is under {min_age} (computed age: {age}): check the birth date on the "
        "CIN.",
    ),
    "enrolment.categories_not_loaded": Text(
        fr="La liste des catégories professionnelles n'est pas encore chargée : connectez le "
        "poste pour la recevoir, puis reprenez l'inscription.",
        ar="لم يتم بعد تحميل لائحة الفئات المهنية: المرجو ربط الحاسوب بالشبكة لتلقيها، ثم "
        "استئناف التسجيل.",
        en="The list of professional categories has not been loaded yet: connect the "
        "workstation to receive it, then resume the enrolment.",
    ),
    "enrolment.category_required": Text(
        fr="Catégorie professionnelle manquante : choisissez-la dans la liste.",
        ar="الفئة المهنية غير محددة: المرجو اختيارها من اللائحة.",
        en="Professional category missing: choose it from the list.",
    ),
    "enrolment.unknown_category": Text(
        fr="Catégorie professionnelle inconnue : choisissez-la dans la liste à jour.",
        ar="فئة مهنية غير معروفة: المرجو اختيارها من اللائحة المحينة.",
        en="Unknown professional category: choose one from the current list.",
    ),
    "enrolment.subcategory_required": Text(
        fr="Sous-catégorie manquante : choisissez-la dans la liste de la catégorie.",
        ar="الفئة الفرعية غير محددة: المرجو اختيارها من لائحة الفئة المهنية.",
        en="Sub-category missing: choose it from the category's list.",
    ),
    "enrolment.unknown_subcategory": Text(
        fr="Cette sous-catégorie n'appartient pas à la catégorie choisie : choisissez-en une "
        "dans sa liste.",
        ar="هذه الفئة الفرعية لا تنتمي إلى الفئة المهنية المختارة: المرجو اختيار فئة فرعية من "
        "لائحتها.",
        en="This sub-category does not belong to the chosen category: choose one from its list.",
    ),
    "address.text_invalid": Text(
        fr="Texte invalide ({max_length} caractères au plus, sans caractère de contrôle) : "
        "corrigez la saisie.",
        ar="نص غير صالح (الحد الأقصى لعدد الرموز: {max_length}، دون رموز تحكم): المرجو تصحيح "
        "الإدخال.",
        en="Invalid text ({max_length} characters at most, no control characters): correct the "
        "entry.",
    ),
    "address.city_required": Text(
        fr="Ville manquante : saisissez la ville de l'adresse.",
        ar="المدينة غير مدخلة: المرجو إدخال مدينة العنوان.",
        en="City missing: enter the city of the address.",
    ),
    "enrolment.signature_place_required": Text(
        fr="Lieu de signature manquant : recopiez le lieu (« Fait à … ») inscrit sur le "
        "formulaire.",
        ar="مكان التوقيع غير مدخل: المرجو نقل المكان (« حرر بـ … ») المدون في الاستمارة.",
        en="Place of signature missing: copy the place (“Done at …”) written on the form.",
    ),
    "enrolment.signature_in_future": Text(
        fr="Date de signature dans le futur : recopiez la date inscrite à côté de la signature.",
        ar="تاريخ التوقيع لاحق لتاريخ اليوم: المرجو نقل التاريخ المدون بجانب التوقيع.",
        en="Signature date in the future: copy the date written next to the signature.",
    ),
    "enrolment.notice_not_acknowledged": Text(
        fr="La notice d'information sur les données personnelles (loi 09-08) n'a pas été "
        "remise : présentez-la au demandeur et cochez la case une fois qu'il en a pris "
        "connaissance.",
        ar="لم يتم تسليم إشعار الإخبار المتعلق بالمعطيات ذات الطابع الشخصي (القانون 09-08): "
        "المرجو تقديمه لمقدم الطلب ووضع علامة في الخانة بعد اطلاعه عليه.",
        en="The personal data information notice (law 09-08) has not been given: show it to the "
        "applicant and tick the box once they have read it.",
    ),
    "enrolment.too_many_dependents": Text(
        fr="Plus de {maximum} personnes à charge : vérifiez la liste (doublons ?) ; au-delà, "
        "contactez votre superviseur.",
        ar="عدد ذوي الحقوق يتجاوز {maximum}: المرجو التحقق من اللائحة (هل توجد أسماء مكررة؟)؛ "
        "وإن كان العدد صحيحا فالمرجو الاتصال بالمشرف.",
        en="More than {maximum} dependents: check the list (duplicates?); if the number is "
        "right, contact your supervisor.",
    ),
    "enrolment.too_many_spouses": Text(
        fr="Plus de {maximum} conjoints déclarés : vérifiez le lien de parenté de chaque "
        "personne à charge.",
        ar="عدد الأزواج المصرح بهم يتجاوز {maximum}: المرجو التحقق من صلة القرابة لكل شخص من "
        "ذوي الحقوق.",
        en="More than {maximum} spouses declared: check each dependent's relationship.",
    ),
    "dependent.kafala_not_child": Text(
        fr="La kafala concerne un enfant recueilli, pas un conjoint : choisissez « enfant » ou "
        "décochez « kafala ».",
        ar="تخص الكفالة طفلا مكفولا لا زوجا: المرجو اختيار « ابن » أو إلغاء علامة « كفالة ».",
        en="Kafala concerns a child in legal custody, not a spouse: choose “child” or untick "
        "“kafala”.",
    ),
    "dependent.spouse_cin_missing": Text(
        fr="CIN du conjoint manquant : recopiez-le depuis sa carte ; s'il n'en a pas (conjoint "
        "étranger, par ex.), confirmez.",
        ar="رقم البطاقة الوطنية للزوج(ة) غير مدخل: المرجو نقله من البطاقة؛ وإن لم تكن له بطاقة "
        "(زوج أجنبي مثلا) فالمرجو التأكيد.",
        en="Spouse's CIN missing: copy it from their card; if they have none (a foreign spouse, "
        "for example), confirm.",
    ),
    "dependent.spouse_minor": Text(
        fr="Conjoint de moins de {min_age} ans : vérifiez la date de naissance ; si elle est "
        "exacte, confirmez (mariage autorisé par le juge).",
        ar="سن الزوج(ة) أقل من {min_age} سنة: المرجو التحقق من تاريخ الازدياد، وتأكيده إن كان "
        "صحيحا (زواج بإذن من القاضي).",
        en="Spouse under {min_age}: check the birth date; if it is right, confirm (marriage "
        "authorised by a judge).",
    ),
    "dependent.child_older_than_applicant": Text(
        fr="L'enfant serait né avant le demandeur : vérifiez les deux dates de naissance.",
        ar="تاريخ ازدياد الطفل سابق لتاريخ ازدياد مقدم الطلب: المرجو التحقق من التاريخين.",
        en="The child would be born before the applicant: check both birth dates.",
    ),
    "dependent.child_too_old": Text(
        fr="Enfant de {age} ans : pris en charge jusqu'à {child_age_limit} ans, "
        "{student_age_limit} ans s'il poursuit des études et n'est pas marié, sans limite s'il "
        "est handicapé. Cochez « étudiant » ou « handicapé » si c'est le cas, sinon retirez cet "
        "enfant.",
        ar="يبلغ الطفل {age} سنة: يستفيد الأطفال من التغطية إلى غاية {child_age_limit} سنة، "
        "وإلى غاية {student_age_limit} سنة إذا كانوا يتابعون دراستهم وغير متزوجين، ودون حد "
        "للسن في حالة الإعاقة. المرجو اختيار « طالب » أو « في وضعية إعاقة » إن كان الأمر كذلك، "
        "وإلا فالمرجو حذف هذا الطفل.",
        en="Child aged {age}: covered up to {child_age_limit}, up to {student_age_limit} if in "
        "education and unmarried, at any age if disabled. Tick “student” or “disabled” if so; "
        "otherwise remove this child.",
    ),
    "dependent.cin_same_as_applicant": Text(
        fr="Ce CIN est celui du demandeur : corrigez le CIN de la personne à charge.",
        ar="هذا الرقم هو رقم البطاقة الوطنية لمقدم الطلب: المرجو تصحيح رقم البطاقة الخاص بذي الحق.",
        en="This CIN is the applicant's: correct the dependent's CIN.",
    ),
    "dependent.cin_duplicate": Text(
        fr="Ce CIN est déjà celui de la personne à charge n° {other} : corrigez l'un des deux.",
        ar="هذا الرقم هو نفسه رقم البطاقة الوطنية لذي الحق رقم {other}: المرجو تصحيح أحدهما.",
        en="This CIN is already that of dependent no. {other}: correct one of the two.",
    ),
}

MESSAGES: Catalog = MessageCatalog({**_IDENTIFIERS, **_AMOUNTS, **_PEOPLE, **_CLAIMS, **_ENROLMENT})
