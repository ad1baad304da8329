"""Operational errors a person can meet, each with a message in their language.

``AppError`` is what the store, the security layer and the services raise when the cause is
outside our code (wrong passphrase, store from a newer version, locked account, disk full…).
The CLI prints its message on one line and exits non-zero; the UI shows it in a dialog. Any
other exception is our bug and is logged with its traceback.
"""

from __future__ import annotations

from agent_app.i18n import DEFAULT_LANG, Catalog, Lang, Text


class AppError(Exception):
    """A failure with a catalogue code, its parameters and an exit status for scripts."""

    exit_code = 1

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return ERRORS.render(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


ERRORS = Catalog(
    {
        "store.not_initialised": Text(
            fr="Aucun magasin de données dans {path} : lancez d'abord « agent-app init ».",
            ar="لا توجد قاعدة بيانات في {path}: نفّذ أولاً « agent-app init ».",
            en="No data store in {path}: run 'agent-app init' first.",
        ),
        "store.already_initialised": Text(
            fr="Un magasin de données existe déjà dans {path} : rien n'a été modifié.",
            ar="توجد قاعدة بيانات مسبقاً في {path}: لم يتم تغيير أي شيء.",
            en="A data store already exists in {path}: nothing was changed.",
        ),
        "store.wrong_key": Text(
            fr="Impossible de déchiffrer le magasin de données avec cette clé : "
            "vérifiez la phrase de passe ou le trousseau du système. Rien n'a été modifié.",
            ar="تعذّر فك تشفير قاعدة البيانات بهذا المفتاح: تحقّق من عبارة المرور أو من "
            "حافظة مفاتيح النظام. لم يتم تغيير أي شيء.",
            en="The data store cannot be decrypted with this key: check the passphrase or the "
            "system keyring. Nothing was changed.",
        ),
        "store.plaintext": Text(
            fr="Le fichier {path} est une base SQLite non chiffrée : il est refusé.",
            ar="الملف {path} قاعدة SQLite غير مشفّرة: تم رفضه.",
            en="The file {path} is an unencrypted SQLite database: it is refused.",
        ),
        "store.too_new": Text(
            fr="Ce magasin de données a été écrit par une version plus récente de Guichet AMO "
            "(schéma {revision}) : installez cette version, rien n'a été modifié.",
            ar="كُتبت قاعدة البيانات هذه بإصدار أحدث من Guichet AMO (المخطط {revision}): "
            "ثبّت ذلك الإصدار، لم يتم تغيير أي شيء.",
            en="This data store was written by a newer version of Guichet AMO (schema "
            "{revision}): install that version; nothing was changed.",
        ),
        "store.corrupt": Text(
            fr="Le contrôle d'intégrité du magasin de données a échoué ({detail}) : "
            "restaurez la dernière sauvegarde (voir docs/operations.md).",
            ar="فشل فحص سلامة قاعدة البيانات ({detail}): استرجع آخر نسخة احتياطية "
            "(انظر docs/operations.md).",
            en="The data store failed its integrity check ({detail}): restore the latest "
            "backup (see docs/operations.md).",
        ),
        "store.busy": Text(
            fr="Le magasin de données est occupé par un autre programme : réessayez dans un "
            "instant.",
            ar="قاعدة البيانات مشغولة ببرنامج آخر: أعد المحاولة بعد لحظة.",
            en="The data store is busy with another program: try again in a moment.",
        ),
        "store.disk_full": Text(
            fr="Le disque est plein : libérez de la place ; ce qui était déjà enregistré est "
            "intact.",
            ar="القرص ممتلئ: حرّر مساحة؛ ما سُجّل سابقاً سليم.",
            en="The disk is full: free some space; what was already saved is intact.",
        ),
        "key.no_backend_no_passphrase": Text(
            fr="Aucun trousseau sécurisé n'est disponible et aucune phrase de passe n'a été "
            "donnée : définissez AGENT_APP_PASSPHRASE ou lancez la commande dans un terminal.",
            ar="لا توجد حافظة مفاتيح آمنة ولم تُقدَّم عبارة مرور: عرّف AGENT_APP_PASSPHRASE "
            "أو نفّذ الأمر في طرفية.",
            en="No secure keyring is available and no passphrase was given: set "
            "AGENT_APP_PASSPHRASE or run the command in a terminal.",
        ),
        "key.missing_in_keyring": Text(
            fr="La clé du magasin de données est introuvable dans le trousseau du système "
            "({backend}) : utilisez la procédure de récupération de clé (docs/operations.md).",
            ar="مفتاح قاعدة البيانات غير موجود في حافظة مفاتيح النظام ({backend}): اتبع "
            "إجراء استرجاع المفتاح (docs/operations.md).",
            en="The data store key is not in the system keyring ({backend}): follow the key "
            "recovery procedure (docs/operations.md).",
        ),
        "key.keyring_unavailable": Text(
            fr="Ce magasin de données garde sa clé dans le trousseau du système, mais aucun "
            "trousseau sécurisé n'est disponible ici : ouvrez une session de bureau.",
            ar="تحفظ قاعدة البيانات هذه مفتاحها في حافظة مفاتيح النظام، لكن لا توجد حافظة "
            "آمنة هنا: افتح جلسة سطح المكتب.",
            en="This data store keeps its key in the system keyring, but no secure keyring is "
            "available here: open a desktop session.",
        ),
        "key.wrong_passphrase": Text(
            fr="Phrase de passe incorrecte : le magasin de données n'a pas été ouvert ni modifié.",
            ar="عبارة المرور غير صحيحة: لم تُفتح قاعدة البيانات ولم تُعدَّل.",
            en="Wrong passphrase: the data store was neither opened nor changed.",
        ),
        "key.passphrase_too_short": Text(
            fr="La phrase de passe doit compter au moins {min} caractères.",
            ar="يجب أن تتكون عبارة المرور من {min} أحرف على الأقل.",
            en="The passphrase must be at least {min} characters long.",
        ),
        "key.info_unreadable": Text(
            fr="Le fichier de clé {path} est illisible ou abîmé : restaurez-le depuis la "
            "sauvegarde.",
            ar="ملف المفتاح {path} غير مقروء أو تالف: استرجعه من النسخة الاحتياطية.",
            en="The key file {path} is unreadable or damaged: restore it from the backup.",
        ),
        "point.invalid_code": Text(
            fr="Code de point invalide « {code} » : 2 à 8 lettres majuscules ou chiffres, "
            "sans I ni O (lus comme 1 et 0).",
            ar="رمز نقطة غير صالح « {code} »: من 2 إلى 8 حروف لاتينية كبيرة أو أرقام، دون "
            "الحرفين I و O (يُقرآن 1 و 0).",
            en="Invalid point code '{code}': 2 to 8 upper-case letters or digits, without I or O "
            "(read as 1 and 0).",
        ),
        "user.exists": Text(
            fr="L'utilisateur « {username} » existe déjà.",
            ar="المستخدم « {username} » موجود مسبقاً.",
            en="User '{username}' already exists.",
        ),
        "user.invalid_name": Text(
            fr="Nom d'utilisateur invalide « {username} » : 3 à 32 lettres, chiffres, points "
            "ou tirets.",
            ar="اسم مستخدم غير صالح « {username} »: من 3 إلى 32 حرفاً أو رقماً أو نقطة أو شرطة.",
            en="Invalid user name '{username}': 3 to 32 letters, digits, dots or dashes.",
        ),
        "user.weak_password": Text(
            fr="Le mot de passe doit compter au moins {min} caractères.",
            ar="يجب أن تتكون كلمة المرور من {min} أحرف على الأقل.",
            en="The password must be at least {min} characters long.",
        ),
        "user.password_mismatch": Text(
            fr="Les deux mots de passe saisis diffèrent.",
            ar="كلمتا المرور المُدخلتان مختلفتان.",
            en="The two passwords typed differ.",
        ),
        "auth.failed": Text(
            fr="Nom d'utilisateur ou mot de passe incorrect.",
            ar="اسم المستخدم أو كلمة المرور غير صحيحة.",
            en="Wrong user name or password.",
        ),
        "auth.locked": Text(
            fr="Compte verrouillé après trop d'échecs : réessayez après {until} ou demandez "
            "au superviseur.",
            ar="الحساب مقفل بعد محاولات فاشلة كثيرة: أعد المحاولة بعد {until} أو اطلب المشرف.",
            en="Account locked after too many failures: try again after {until} or ask the "
            "supervisor.",
        ),
        "auth.forbidden": Text(
            fr="Cette action est réservée au superviseur.",
            ar="هذا الإجراء مخصّص للمشرف.",
            en="This action is for the supervisor only.",
        ),
        "claim.invalid": Text(
            fr="Le dépôt n'a pas été enregistré : {count} problème(s) à corriger.",
            ar="لم يُسجَّل الإيداع: {count} مشكلة يجب تصحيحها.",
            en="The deposit was not recorded: {count} problem(s) to correct.",
        ),
        "claim.needs_confirmation": Text(
            fr="Le dépôt demande une confirmation motivée : {codes}.",
            ar="يتطلب الإيداع تأكيداً معلّلاً: {codes}.",
            en="The deposit needs a confirmation with a reason: {codes}.",
        ),
        "claim.not_found": Text(
            fr="Aucun dépôt ne porte le numéro « {receipt_no} ».",
            ar="لا يوجد إيداع بالرقم « {receipt_no} ».",
            en="No deposit has the number '{receipt_no}'.",
        ),
        "claim.already_voided": Text(
            fr="Le dépôt {receipt_no} est déjà annulé.",
            ar="الإيداع {receipt_no} ملغى مسبقاً.",
            en="Deposit {receipt_no} is already voided.",
        ),
        "claim.not_voidable": Text(
            fr="Le dépôt {receipt_no} est déjà parti vers la CNSS ({status}) : il ne peut "
            "plus être annulé ici.",
            ar="غادر الإيداع {receipt_no} نحو الصندوق ({status}): لم يعد ممكناً إلغاؤه هنا.",
            en="Deposit {receipt_no} has already gone to CNSS ({status}): it can no longer be "
            "voided here.",
        ),
        "void.reason_required": Text(
            fr="Indiquez le motif de l'annulation.",
            ar="اذكر سبب الإلغاء.",
            en="Give the reason for voiding.",
        ),
        "enrolment.invalid": Text(
            fr="L'immatriculation n'a pas été enregistrée : {count} problème(s) à corriger.",
            ar="لم يُسجَّل التسجيل: {count} مشكلة يجب تصحيحها.",
            en="The enrolment was not recorded: {count} problem(s) to correct.",
        ),
        "enrolment.needs_confirmation": Text(
            fr="L'immatriculation demande une confirmation motivée : {codes}.",
            ar="يتطلب التسجيل تأكيداً معلّلاً: {codes}.",
            en="The enrolment needs a confirmation with a reason: {codes}.",
        ),
        "demo.real_store": Text(
            fr="Ce magasin contient déjà de vrais dépôts : les données de démonstration n'y "
            "sont pas ajoutées. Utilisez un autre dossier de données (--data-dir).",
            ar="تحتوي قاعدة البيانات هذه على إيداعات حقيقية: لن تُضاف إليها بيانات العرض. "
            "استعمل مجلد بيانات آخر (--data-dir).",
            en="This store already holds real deposits: demo data is not added to it. Use "
            "another data directory (--data-dir).",
        ),
        "backup.exists": Text(
            fr="Le fichier {path} existe déjà : choisissez un autre nom.",
            ar="الملف {path} موجود مسبقاً: اختر اسماً آخر.",
            en="The file {path} already exists: choose another name.",
        ),
        "io.error": Text(
            fr="Erreur d'accès au fichier {path} : {detail}.",
            ar="خطأ في الوصول إلى الملف {path}: {detail}.",
            en="File access error on {path}: {detail}.",
        ),
        "receipt.not_found": Text(
            fr="Aucun dépôt ni aucune immatriculation ne porte le numéro « {receipt_no} ».",
            ar="لا يوجد إيداع ولا تسجيل بالرقم « {receipt_no} ».",
            en="No deposit or enrolment has the number '{receipt_no}'.",
        ),
        "shipment.empty": Text(
            fr="Aucun dépôt à mettre sous enveloppe : tous les dossiers concernés sont déjà "
            "dans une enveloppe fermée ou annulés.",
            ar="لا يوجد إيداع لوضعه في الظرف: كل الملفات المعنية موجودة في ظرف مغلق أو ملغاة.",
            en="No deposit to put in an envelope: every deposit concerned is already in a "
            "closed envelope or voided.",
        ),
        "shipment.not_found": Text(
            fr="Aucune enveloppe ne porte le numéro « {number} ».",
            ar="لا يوجد ظرف بالرقم « {number} ».",
            en="No envelope has the number '{number}'.",
        ),
        "print.failed": Text(
            fr="L'impression a échoué ({detail}) : vérifiez l'imprimante ou le fichier, puis "
            "réimprimez depuis la recherche ; le dépôt reste enregistré.",
            ar="فشلت الطباعة ({detail}): تحقّق من الطابعة أو الملف ثم أعد الطباعة من البحث؛ "
            "يبقى الإيداع مسجلاً.",
            en="Printing failed ({detail}): check the printer or the file, then reprint from "
            "the lookup; the deposit stays recorded.",
        ),
        "day.already_closed": Text(
            fr="La journée du {day} est déjà clôturée (le {at} par {by}) : rien n'a été modifié.",
            ar="يوم {day} مُغلق مسبقاً (في {at} من طرف {by}): لم يتم تغيير أي شيء.",
            en="The day {day} is already closed (on {at} by {by}): nothing was changed.",
        ),
        "day.in_future": Text(
            fr="La journée du {day} n'a pas encore eu lieu : elle ne peut pas être clôturée.",
            ar="يوم {day} لم يحلّ بعد: لا يمكن إغلاقه.",
            en="The day {day} has not happened yet: it cannot be closed.",
        ),
        "setting.unknown": Text(
            fr="Le réglage « {key} » n'existe pas ou ne se modifie pas ici.",
            ar="الإعداد « {key} » غير موجود أو لا يُعدَّل هنا.",
            en="The setting '{key}' does not exist or cannot be changed here.",
        ),
        "setting.out_of_range": Text(
            fr="La valeur {value} ne convient pas au réglage « {key} » : elle doit être "
            "comprise entre {min} et {max}.",
            ar="القيمة {value} لا تصلح للإعداد « {key} »: يجب أن تكون بين {min} و{max}.",
            en="The value {value} does not suit the setting '{key}': it must be between {min} "
            "and {max}.",
        ),
    }
)
