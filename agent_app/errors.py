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
        "auth.failed_tries": Text(
            fr="Mot de passe incorrect. Essais restants avant verrouillage du compte : {left}.",
            ar="كلمة المرور غير صحيحة. المحاولات المتبقية قبل قفل الحساب: {left}.",
            en="Wrong password. Tries left before the account is locked: {left}.",
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
        "backup.check_failed": Text(
            fr="La sauvegarde n'a pas passé son contrôle ({detail}) : aucun fichier n'a été "
            "écrit sous ce nom ; vérifiez le support et recommencez.",
            ar="لم تجتز النسخة الاحتياطية فحصها ({detail}): لم يُكتب أي ملف بهذا الاسم؛ تحقّق "
            "من الوسيط وأعد المحاولة.",
            en="The backup failed its check ({detail}): no file was written under that name; "
            "check the medium and try again.",
        ),
        "store.empty_file": Text(
            fr="Le fichier {path} est vide : ce n'est pas un magasin de données (sauvegarde "
            "interrompue ?). Il est refusé ; restaurez une sauvegarde que « agent-app verify » "
            "accepte.",
            ar="الملف {path} فارغ: ليس قاعدة بيانات (نسخة احتياطية منقطعة؟). تم رفضه؛ استرجع "
            "نسخة احتياطية يقبلها « agent-app verify ».",
            en="The file {path} is empty: it is not a data store (an interrupted backup?). It is "
            "refused; restore a backup that 'agent-app verify' accepts.",
        ),
        "store.truncated": Text(
            fr="Le fichier {path} est tronqué ({size} octets, pas un nombre entier de pages) : "
            "il est refusé ; restaurez une sauvegarde que « agent-app verify » accepte.",
            ar="الملف {path} مبتور ({size} بايت، ليس عدداً صحيحاً من الصفحات): تم رفضه؛ استرجع "
            "نسخة احتياطية يقبلها « agent-app verify ».",
            en="The file {path} is truncated ({size} bytes, not a whole number of pages): it is "
            "refused; restore a backup that 'agent-app verify' accepts.",
        ),
        "store.no_schema": Text(
            fr="Le fichier {path} s'ouvre mais ne contient aucune donnée du guichet : il est "
            "refusé ; restaurez une sauvegarde que « agent-app verify » accepte.",
            ar="الملف {path} يُفتح لكنه لا يحتوي أي بيانات للشباك: تم رفضه؛ استرجع نسخة "
            "احتياطية يقبلها « agent-app verify ».",
            en="The file {path} opens but holds no counter data: it is refused; restore a "
            "backup that 'agent-app verify' accepts.",
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
        # --- sync: one message per code of sync.client.transport.SYNC_ERROR_CODES, and the
        # app's own sync failures. Nothing recorded is ever lost by these: it waits and travels.
        "sync.bad_magic": Text(
            fr="Le centre a refusé un lot illisible : il sera refait avec les mêmes dossiers.",
            ar="رفض المركز دفعة غير مقروءة: ستُعاد بالملفات نفسها.",
            en="The centre refused an unreadable batch: it will be rebuilt with the same files.",
        ),
        "sync.truncated": Text(
            fr="Un lot est arrivé incomplet au centre : il sera renvoyé.",
            ar="وصلت دفعة ناقصة إلى المركز: ستُرسل من جديد.",
            en="A batch reached the centre incomplete: it will be sent again.",
        ),
        "sync.bad_frame": Text(
            fr="Le centre a refusé un lot mal formé : il sera refait avec les mêmes dossiers.",
            ar="رفض المركز دفعة غير سليمة البنية: ستُعاد بالملفات نفسها.",
            en="The centre refused a malformed batch: it will be rebuilt with the same files.",
        ),
        "sync.too_large": Text(
            fr="Un lot dépasse la taille que le centre accepte : il sera refait en plus petit.",
            ar="تتجاوز دفعة الحجم الذي يقبله المركز: ستُعاد بحجم أصغر.",
            en="A batch is larger than the centre accepts: it will be rebuilt smaller.",
        ),
        "sync.bad_header": Text(
            fr="Le centre n'a pas pu lire l'en-tête d'un lot : il sera refait.",
            ar="تعذّر على المركز قراءة رأس دفعة: ستُعاد.",
            en="The centre could not read a batch header: it will be rebuilt.",
        ),
        "sync.unknown_device": Text(
            fr="Le centre ne connaît pas ce poste : demandez un nouveau code d'activation et "
            "relancez « agent-app activate ».",
            ar="لا يعرف المركز هذا الجهاز: اطلب رمز تفعيل جديداً ثم أعد تنفيذ "
            "« agent-app activate ».",
            en="The centre does not know this device: ask for a new activation code and run "
            "'agent-app activate' again.",
        ),
        "sync.bad_signature": Text(
            fr="Le centre n'a pas reconnu la signature de ce poste : le lot sera refait ; si "
            "cela se répète, réactivez le poste.",
            ar="لم يتعرف المركز على توقيع هذا الجهاز: ستُعاد الدفعة؛ وإن تكرر ذلك فأعد "
            "تفعيل الجهاز.",
            en="The centre did not recognise this device's signature: the batch will be rebuilt; "
            "if it happens again, activate the device again.",
        ),
        "sync.unsupported": Text(
            fr="Le centre utilise un chiffrement que cette version ne connaît pas : installez la "
            "dernière version de Guichet AMO.",
            ar="يستعمل المركز تشفيراً لا يعرفه هذا الإصدار: ثبّت آخر إصدار من Guichet AMO.",
            en="The centre uses an encryption this version does not know: install the latest "
            "version of Guichet AMO.",
        ),
        "sync.decrypt_failed": Text(
            fr="Le centre n'a pas pu ouvrir un lot (clé du centre changée ?) : réactivez le "
            "poste ; les dossiers repartiront.",
            ar="تعذّر على المركز فتح دفعة (هل تغيّر مفتاح المركز؟): أعد تفعيل الجهاز؛ ستُرسل الملفات "
            "من جديد.",
            en="The centre could not open a batch (has the centre's key changed?): activate the "
            "device again; the files will travel again.",
        ),
        "sync.bad_payload": Text(
            fr="Le centre a refusé le contenu d'un lot : il sera refait ; si cela se répète, "
            "appelez l'assistance.",
            ar="رفض المركز محتوى دفعة: ستُعاد؛ وإن تكرر ذلك فاتصل بالدعم.",
            en="The centre refused a batch's content: it will be rebuilt; if it happens again, "
            "call support.",
        ),
        "sync.schema_mismatch": Text(
            fr="Le centre attend une autre version du format des lots : installez la dernière "
            "version de Guichet AMO.",
            ar="ينتظر المركز إصداراً آخر من صيغة الدفعات: ثبّت آخر إصدار من Guichet AMO.",
            en="The centre expects another version of the batch format: install the latest "
            "version of Guichet AMO.",
        ),
        "sync.bad_request": Text(
            fr="Le centre a refusé une demande mal formée : réessayez plus tard ou appelez "
            "l'assistance.",
            ar="رفض المركز طلباً غير سليم: أعد المحاولة لاحقاً أو اتصل بالدعم.",
            en="The centre refused a malformed request: try again later or call support.",
        ),
        "sync.bad_activation_code": Text(
            fr="Code d'activation refusé (inconnu, déjà utilisé, expiré ou d'un autre point) : "
            "demandez-en un nouveau au centre.",
            ar="رُفض رمز التفعيل (غير معروف أو مستعمل أو منتهي الصلاحية أو لنقطة أخرى): اطلب رمزاً "
            "جديداً من المركز.",
            en="Activation code refused (unknown, already used, expired or for another point): "
            "ask the centre for a new one.",
        ),
        "sync.bad_token": Text(
            fr="Le centre n'a pas reconnu la session de ce poste : la synchronisation "
            "recommencera d'elle-même.",
            ar="لم يتعرف المركز على جلسة هذا الجهاز: ستُستأنف المزامنة تلقائياً.",
            en="The centre did not recognise this device's session: sync will start again by "
            "itself.",
        ),
        "sync.token_expired": Text(
            fr="La session avec le centre a expiré : la synchronisation recommencera d'elle-même.",
            ar="انتهت صلاحية الجلسة مع المركز: ستُستأنف المزامنة تلقائياً.",
            en="The session with the centre expired: sync will start again by itself.",
        ),
        "sync.replayed": Text(
            fr="Le centre a refusé une demande déjà utilisée : la synchronisation recommencera "
            "d'elle-même.",
            ar="رفض المركز طلباً سبق استعماله: ستُستأنف المزامنة تلقائياً.",
            en="The centre refused a request already used: sync will start again by itself.",
        ),
        "sync.device_revoked": Text(
            fr="Le centre a révoqué ce poste : plus rien ne sera envoyé. Appelez le centre ; "
            "les dossiers restent enregistrés ici.",
            ar="ألغى المركز ترخيص هذا الجهاز: لن يُرسل أي شيء بعد الآن. اتصل بالمركز؛ تبقى الملفات "
            "مسجلة هنا.",
            en="The centre revoked this device: nothing more will be sent. Call the centre; the "
            "files stay recorded here.",
        ),
        "sync.forbidden": Text(
            fr="Un lot a été signé par un autre poste : il sera refait avec l'identité actuelle.",
            ar="وُقّعت دفعة من جهاز آخر: ستُعاد بالهوية الحالية.",
            en="A batch was signed by another device: it will be rebuilt with the current "
            "identity.",
        ),
        "sync.batch_id_mismatch": Text(
            fr="Le centre a refusé un lot dont le numéro ne correspond pas : il sera refait.",
            ar="رفض المركز دفعة لا يطابق رقمها: ستُعاد.",
            en="The centre refused a batch whose number does not match: it will be rebuilt.",
        ),
        "sync.conflict": Text(
            fr="Le centre détient déjà un autre lot sous ce numéro : les dossiers repartiront "
            "dans un nouveau lot.",
            ar="يحتفظ المركز مسبقاً بدفعة أخرى بهذا الرقم: ستُرسل الملفات في دفعة جديدة.",
            en="The centre already holds another batch under this number: the files will travel "
            "in a new batch.",
        ),
        "sync.unsupported_media_type": Text(
            fr="Le centre n'a pas reconnu le type d'une demande : installez la dernière version "
            "de Guichet AMO ou appelez l'assistance.",
            ar="لم يتعرف المركز على نوع طلب: ثبّت آخر إصدار من Guichet AMO أو اتصل بالدعم.",
            en="The centre did not recognise the type of a request: install the latest version "
            "of Guichet AMO or call support.",
        ),
        "sync.rate_limited": Text(
            fr="Le centre demande de patienter : la synchronisation reprendra d'elle-même "
            "dans quelques minutes.",
            ar="يطلب المركز الانتظار: ستُستأنف المزامنة تلقائياً بعد دقائق.",
            en="The centre asks to wait: sync will resume by itself in a few minutes.",
        ),
        "sync.bad_attachment": Text(
            fr="Un scan est arrivé abîmé au centre : il sera renvoyé.",
            ar="وصلت صورة ممسوحة تالفة إلى المركز: ستُرسل من جديد.",
            en="A scan reached the centre damaged: it will be sent again.",
        ),
        "sync.not_found": Text(
            fr="Le centre ne trouve pas la ressource demandée : vérifiez l'adresse du serveur.",
            ar="لا يجد المركز المورد المطلوب: تحقّق من عنوان الخادم.",
            en="The centre cannot find what was asked: check the server address.",
        ),
        "sync.server_error": Text(
            fr="Le centre a rencontré une erreur : rien n'a été perdu, la synchronisation "
            "reprendra plus tard.",
            ar="واجه المركز خطأ: لم يضِع أي شيء، وستُستأنف المزامنة لاحقاً.",
            en="The centre met an error: nothing was lost; sync will resume later.",
        ),
        "sync.network": Text(
            fr="Le centre est injoignable (pas de réseau ?) : les dossiers attendent ici et "
            "partiront au retour de la liaison.",
            ar="تعذّر الوصول إلى المركز (لا شبكة؟): تنتظر الملفات هنا وستُرسل عند عودة الاتصال.",
            en="The centre cannot be reached (no network?): the files wait here and will travel "
            "when the link is back.",
        ),
        "sync.timeout": Text(
            fr="Le centre ne répond pas à temps : la synchronisation reprendra plus tard.",
            ar="لا يجيب المركز في الوقت المحدد: ستُستأنف المزامنة لاحقاً.",
            en="The centre does not answer in time: sync will resume later.",
        ),
        "sync.tls": Text(
            fr="Le certificat du centre n'a pas pu être vérifié : rien n'a été envoyé. Vérifiez "
            "l'adresse et le fichier d'autorité (--ca-file).",
            ar="تعذّر التحقق من شهادة المركز: لم يُرسل أي شيء. تحقّق من العنوان ومن ملف سلطة "
            "الشهادات (--ca-file).",
            en="The centre's certificate could not be verified: nothing was sent. Check the "
            "address and the CA file (--ca-file).",
        ),
        "sync.not_ours": Text(
            fr="La réponse ne vient pas du centre (portail Wi-Fi, proxy ?) : rien n'a été "
            "compté comme reçu. Connectez-vous au réseau puis réessayez.",
            ar="الجواب ليس من المركز (بوابة Wi-Fi أو وسيط؟): لم يُعتبر أي شيء متوصلاً به. اتصل "
            "بالشبكة ثم أعد المحاولة.",
            en="The answer is not the centre's (a Wi-Fi portal, a proxy?): nothing was counted as "
            "received. Log in to the network, then try again.",
        ),
        "sync.server_unavailable": Text(
            fr="Le centre est momentanément indisponible : la synchronisation reprendra plus tard.",
            ar="المركز غير متاح مؤقتاً: ستُستأنف المزامنة لاحقاً.",
            en="The centre is unavailable for now: sync will resume later.",
        ),
        "sync.insecure_url": Text(
            fr="Adresse du centre refusée : elle doit commencer par https:// (http:// seulement "
            "vers cette machine).",
            ar="رُفض عنوان المركز: يجب أن يبدأ بـ https:// (http:// فقط نحو هذا الجهاز).",
            en="Centre address refused: it must start with https:// (http:// only to this "
            "machine).",
        ),
        "sync.not_activated": Text(
            fr="Ce point n'est pas encore activé auprès du centre : lancez « agent-app activate "
            "--server URL --code CODE » (superviseur).",
            ar="لم تُفعَّل هذه النقطة بعد لدى المركز: نفّذ « agent-app activate --server URL "
            "--code CODE » (المشرف).",
            en="This point is not yet activated with the centre: run 'agent-app activate "
            "--server URL --code CODE' (supervisor).",
        ),
        "sync.another_sender": Text(
            fr="Une synchronisation est déjà en cours : attendez qu'elle se termine.",
            ar="توجد مزامنة جارية: انتظر انتهاءها.",
            en="A sync is already running: wait for it to finish.",
        ),
        "sync.backoff": Text(
            fr="La dernière tentative a échoué : la prochaine synchronisation automatique "
            "attend encore un peu (une synchronisation demandée part tout de suite).",
            ar="فشلت المحاولة الأخيرة: تنتظر المزامنة التلقائية التالية قليلاً (المزامنة المطلوبة "
            "يدوياً تنطلق فوراً).",
            en="The last attempt failed: the next automatic sync waits a little longer (a sync "
            "asked for by hand starts at once).",
        ),
        "sync.ca_file_missing": Text(
            fr="Le fichier d'autorité de certification {path} est introuvable.",
            ar="ملف سلطة الشهادات {path} غير موجود.",
            en="The certificate authority file {path} cannot be found.",
        ),
        "sync.attachment_missing": Text(
            fr="Le scan {sha256} est introuvable sur ce poste : il ne peut pas être envoyé.",
            ar="الصورة الممسوحة {sha256} غير موجودة على هذا الجهاز: لا يمكن إرسالها.",
            en="The scan {sha256} cannot be found on this device: it cannot be sent.",
        ),
        "sync.attachment_damaged": Text(
            fr="Le scan {sha256} est abîmé sur ce poste : restaurez la dernière sauvegarde.",
            ar="الصورة الممسوحة {sha256} تالفة على هذا الجهاز: استرجع آخر نسخة احتياطية.",
            en="The scan {sha256} is damaged on this device: restore the latest backup.",
        ),
        "scan.unsupported_type": Text(
            fr="Ce fichier n'est ni une image JPEG ou PNG ni un PDF : choisissez le scan de la "
            "pièce d'identité.",
            ar="هذا الملف ليس صورة JPEG أو PNG ولا ملف PDF: اختر صورة بطاقة التعريف الممسوحة.",
            en="This file is neither a JPEG or PNG image nor a PDF: choose the ID card scan.",
        ),
        "scan.too_large": Text(
            fr="Ce fichier fait {size_mb} Mo, plus que les {max_mb} Mo permis : numérisez la "
            "pièce en plus basse résolution.",
            ar="حجم هذا الملف {size_mb} ميغابايت، أكثر من {max_mb} ميغابايت المسموح بها: امسح "
            "الوثيقة بدقة أقل.",
            en="This file is {size_mb} MB, more than the {max_mb} MB allowed: scan the document "
            "at a lower resolution.",
        ),
        "scan.too_large_stored": Text(
            fr="Même compressé, ce scan dépasse {max_mb} Mo : numérisez la pièce en plus basse "
            "résolution ou en niveaux de gris.",
            ar="حتى بعد الضغط يتجاوز هذا المسح {max_mb} ميغابايت: امسح الوثيقة بدقة أقل أو "
            "بتدرج الرمادي.",
            en="Even compressed, this scan is over {max_mb} MB: scan the document at a lower "
            "resolution or in greyscale.",
        ),
        "scan.damaged_image": Text(
            fr="Cette image est illisible ou incomplète : numérisez la pièce à nouveau.",
            ar="هذه الصورة غير مقروءة أو ناقصة: امسح الوثيقة من جديد.",
            en="This image is unreadable or incomplete: scan the document again.",
        ),
        "scan.too_many_pixels": Text(
            fr="Cette image compte {mpx} mégapixels, plus que les {max_mpx} permis : numérisez "
            "la pièce à 300 ppp (dpi) au plus.",
            ar="تحتوي هذه الصورة على {mpx} ميغابكسل، أكثر من {max_mpx} المسموح بها: امسح "
            "الوثيقة بدقة 300 نقطة في البوصة على الأكثر.",
            en="This image has {mpx} megapixels, more than the {max_mpx} allowed: scan the "
            "document at 300 dpi at most.",
        ),
        "scan.pdf_unreadable": Text(
            fr="Ce fichier commence comme un PDF mais n'en est pas un lisible : il est refusé. "
            "Numérisez la pièce à nouveau, en PDF, JPEG ou PNG.",
            ar="يبدأ هذا الملف كملف PDF لكنه ليس ملف PDF مقروءاً: تم رفضه. امسح الوثيقة من جديد "
            "بصيغة PDF أو JPEG أو PNG.",
            en="This file starts like a PDF but is not a readable one: it is refused. Scan the "
            "document again, as PDF, JPEG or PNG.",
        ),
        "scan.pdf_protected": Text(
            fr="Ce PDF est protégé par un mot de passe : la CNSS ne pourrait pas le lire. "
            "Numérisez la pièce sans protection.",
            ar="ملف PDF هذا محمي بكلمة مرور: لن يتمكن الصندوق من قراءته. امسح الوثيقة دون حماية.",
            en="This PDF is password-protected: CNSS could not read it. Scan the document "
            "without protection.",
        ),
        "scan.pdf_too_many_pages": Text(
            fr="Ce PDF compte {pages} pages, plus que les {max} permises pour une pièce "
            "d'identité : gardez seulement les pages de la pièce.",
            ar="يحتوي ملف PDF هذا على {pages} صفحة، أكثر من {max} المسموح بها لوثيقة تعريف: "
            "احتفظ بصفحات الوثيقة فقط.",
            en="This PDF has {pages} pages, more than the {max} allowed for an ID document: "
            "keep only the document's pages.",
        ),
        "scan.unreadable": Text(
            fr="Le fichier ne peut pas être lu ({detail}) : vérifiez qu'il existe et qu'il est "
            "accessible.",
            ar="تعذّرت قراءة الملف ({detail}): تحقّق من وجوده ومن إمكانية الوصول إليه.",
            en="The file cannot be read ({detail}): check that it exists and can be opened.",
        ),
        "scan.enrolment_not_found": Text(
            fr="Aucune immatriculation {ref} sur ce poste : vérifiez le numéro du reçu.",
            ar="لا يوجد تسجيل {ref} على هذا الجهاز: تحقّق من رقم الوصل.",
            en="No enrolment {ref} on this device: check the receipt number.",
        ),
        "scan.point_not_activated": Text(
            fr="Le point n'est pas encore activé auprès du centre CNSS : un scan n'est gardé que "
            "chiffré pour la CNSS, activez d'abord le point (superviseur).",
            ar="النقطة غير مفعّلة بعد لدى مركز الصندوق: لا تُحفظ الصورة الممسوحة إلا مشفّرة "
            "للصندوق، فعّل النقطة أولاً (المشرف).",
            en="The point is not activated with the CNSS centre yet: a scan is only kept "
            "encrypted for CNSS, so activate the point first (supervisor).",
        ),
        "scan.not_found": Text(
            fr="Le scan n° {scan_id} n'existe pas sur ce poste.",
            ar="الصورة الممسوحة رقم {scan_id} غير موجودة على هذا الجهاز.",
            en="Scan #{scan_id} does not exist on this device.",
        ),
        "claim.not_rejected": Text(
            fr="Le dépôt {receipt_no} n'est pas rejeté par la CNSS ({status}) : il n'y a rien "
            "à corriger.",
            ar="الإيداع {receipt_no} غير مرفوض من طرف الصندوق ({status}): لا شيء للتصحيح.",
            en="Deposit {receipt_no} was not rejected by CNSS ({status}): there is nothing to "
            "correct.",
        ),
        "setting.set_by_centre": Text(
            fr="Le réglage « {key} » est fixé par la CNSS ({value}) : il ne se modifie pas au "
            "guichet.",
            ar="الإعداد « {key} » تحدده الصندوق ({value}): لا يُعدَّل في الشباك.",
            en="The setting '{key}' is set by CNSS ({value}): it cannot be changed at the counter.",
        ),
        "setting.out_of_range": Text(
            fr="La valeur {value} ne convient pas au réglage « {key} » : elle doit être "
            "comprise entre {min} et {max}.",
            ar="القيمة {value} لا تصلح للإعداد « {key} »: يجب أن تكون بين {min} و{max}.",
            en="The value {value} does not suit the setting '{key}': it must be between {min} "
            "and {max}.",
        ),
        # Correcting an enrolment the centre rejected.
        "enrolment.not_found": Text(
            fr="Aucune immatriculation ne porte le numéro de reçu « {receipt_no} ».",
            ar="لا يوجد تسجيل برقم الوصل « {receipt_no} ».",
            en="No enrolment has the receipt number '{receipt_no}'.",
        ),
        "enrolment.not_rejected": Text(
            fr="L'immatriculation {receipt_no} n'est pas rejetée par la CNSS ({status}) : il "
            "n'y a rien à corriger.",
            ar="التسجيل {receipt_no} غير مرفوض من طرف الصندوق ({status}): لا شيء للتصحيح.",
            en="Enrolment {receipt_no} was not rejected by CNSS ({status}): there is nothing to "
            "correct.",
        ),
        # --- the online check "is this CIN already insured?" (services/insured_check.py).
        # Saving the enrolment never depends on it: each message says the clerk may go on.
        "insured_check.invalid_cin": Text(
            fr="Ce CIN ne peut pas être vérifié : lettres et chiffres seulement, 10 caractères "
            "au plus. Corrigez-le puis vérifiez à nouveau.",
            ar="لا يمكن التحقق من رقم البطاقة الوطنية هذا: حروف وأرقام فقط، 10 رموز على الأكثر. "
            "صحّحه ثم أعد التحقق.",
            en="This CIN cannot be checked: letters and digits only, 10 characters at most. "
            "Correct it, then check again.",
        ),
        "insured_check.not_activated": Text(
            fr="Vérification impossible : ce point n'est pas encore activé auprès du centre "
            "(superviseur : « agent-app activate »). L'immatriculation peut être enregistrée "
            "sans vérification.",
            ar="تعذّر التحقق: لم تُفعَّل هذه النقطة بعد لدى المركز (المشرف: « agent-app "
            "activate »). يمكن حفظ التسجيل دون تحقق.",
            en="Cannot check: this point is not yet activated with the centre (supervisor: "
            "'agent-app activate'). The enrolment can be saved without the check.",
        ),
        "insured_check.link_down": Text(
            fr="Vérification impossible : le centre est injoignable pour le moment. "
            "L'immatriculation peut être enregistrée sans vérification ; réessayez plus tard.",
            ar="تعذّر التحقق: لا يمكن الوصول إلى المركز حالياً. يمكن حفظ التسجيل دون تحقق؛ أعد "
            "المحاولة لاحقاً.",
            en="Cannot check: the centre cannot be reached right now. The enrolment can be saved "
            "without the check; try again later.",
        ),
        "insured_check.rate_limited": Text(
            fr="Trop de vérifications depuis ce poste : réessayez dans {seconds} seconde(s). "
            "L'immatriculation peut être enregistrée sans attendre.",
            ar="عدد كبير من عمليات التحقق من هذا الجهاز: أعد المحاولة بعد {seconds} ثانية. يمكن "
            "حفظ التسجيل دون انتظار.",
            en="Too many checks from this device: try again in {seconds} second(s). The "
            "enrolment can be saved without waiting.",
        ),
        "insured_check.failed": Text(
            fr="Le centre n'a pas pu répondre à la vérification ({code}) : réessayez ; si cela "
            "se répète, appelez l'assistance. L'immatriculation peut être enregistrée sans "
            "vérification.",
            ar="تعذّر على المركز الإجابة عن التحقق ({code}): أعد المحاولة؛ وإن تكرر ذلك فاتصل "
            "بالدعم. يمكن حفظ التسجيل دون تحقق.",
            en="The centre could not answer the check ({code}): try again; if it happens again, "
            "call support. The enrolment can be saved without the check.",
        ),
    }
)
