<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="fr">
<context>
    <name>AddressesStep</name>
    <message>
        <source>&amp;Identique à l&apos;adresse personnelle</source>
        <translation>&amp;مطابق للعنوان الشخصي</translation>
    </message>
    <message>
        <source>Adresse professionnelle identique à l&apos;adresse personnelle</source>
        <translation>العنوان المهني مطابق للعنوان الشخصي</translation>
    </message>
    <message>
        <source>Adresse personnelle</source>
        <translation>العنوان الشخصي</translation>
    </message>
    <message>
        <source>&amp;Adresse :</source>
        <translation>ال&amp;عنوان:</translation>
    </message>
    <message>
        <source>&amp;Quartier :</source>
        <translation>ال&amp;حي:</translation>
    </message>
    <message>
        <source>C&amp;ommune :</source>
        <translation>ال&amp;جماعة:</translation>
    </message>
    <message>
        <source>&amp;Ville :</source>
        <translation>ال&amp;مدينة:</translation>
    </message>
    <message>
        <source>Code &amp;postal :</source>
        <translation>ال&amp;رمز البريدي:</translation>
    </message>
    <message>
        <source>Adresse professionnelle</source>
        <translation>العنوان المهني</translation>
    </message>
    <message>
        <source>Adr&amp;esse :</source>
        <translation>ع&amp;نوان:</translation>
    </message>
    <message>
        <source>Q&amp;uartier :</source>
        <translation>ح&amp;ي:</translation>
    </message>
    <message>
        <source>Co&amp;mmune :</source>
        <translation>ج&amp;ماعة:</translation>
    </message>
    <message>
        <source>Vi&amp;lle :</source>
        <translation>م&amp;دينة:</translation>
    </message>
    <message>
        <source>Code pos&amp;tal :</source>
        <translation>ر&amp;مز بريدي:</translation>
    </message>
    <message>
        <source>{field} (personnelle)</source>
        <translation>{field} (الشخصي)</translation>
    </message>
    <message>
        <source>{field} (professionnelle)</source>
        <translation>{field} (المهني)</translation>
    </message>
    <message>
        <source>5 chiffres</source>
        <translation>5 أرقام</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>اختياري</translation>
    </message>
</context>
<context>
    <name>ApplicantStep</name>
    <message>
        <source>en capitales, comme sur la CIN</source>
        <translation>بالحروف اللاتينية الكبيرة، كما في البطاقة الوطنية</translation>
    </message>
    <message>
        <source>facultatif, en caractères arabes</source>
        <translation>اختياري، بالحروف العربية</translation>
    </message>
    <message>
        <source>ex. BK654321</source>
        <translation>مثال: BK654321</translation>
    </message>
    <message>
        <source>&amp;Vérifier auprès de la CNSS</source>
        <translation>ال&amp;تحقق لدى الصندوق CNSS</translation>
    </message>
    <message>
        <source>Vérifier ce CIN auprès de la CNSS</source>
        <translation>التحقق من هذه البطاقة الوطنية لدى الصندوق CNSS</translation>
    </message>
    <message>
        <source>Réponse de la CNSS</source>
        <translation>جواب الصندوق CNSS</translation>
    </message>
    <message>
        <source>Inscription déjà enregistrée</source>
        <translation>تسجيل مسجل من قبل</translation>
    </message>
    <message>
        <source>facultatif, 9 chiffres</source>
        <translation>اختياري، 9 أرقام</translation>
    </message>
    <message>
        <source>MA pour le Maroc</source>
        <translation>MA للمغرب</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>M ou F</source>
        <translation>ذ أو أ (M أو F)</translation>
    </message>
    <message>
        <source>06 12 34 56 78</source>
        <translation>06 12 34 56 78</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source>choisir</source>
        <translation>اختر</translation>
    </message>
    <message>
        <source>Organisme de liaison</source>
        <translation>هيئة الربط</translation>
    </message>
    <message>
        <source>Identité (formulaire 328-1-01)</source>
        <translation>الهوية (الاستمارة 328-1-01)</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>الاسم ال&amp;عائلي:</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>الاسم ال&amp;شخصي:</translation>
    </message>
    <message>
        <source>Nom en &amp;arabe :</source>
        <translation>الاسم العائلي بال&amp;عربية:</translation>
    </message>
    <message>
        <source>Prénom en ara&amp;be :</source>
        <translation>الاسم الشخصي بالعر&amp;بية:</translation>
    </message>
    <message>
        <source>&amp;CIN :</source>
        <translation>رقم البطاقة الوطنية &amp;CIN:</translation>
    </message>
    <message>
        <source>N° d&apos;&amp;immatriculation :</source>
        <translation>رقم ال&amp;تسجيل:</translation>
    </message>
    <message>
        <source>Na&amp;tionalité :</source>
        <translation>ال&amp;جنسية:</translation>
    </message>
    <message>
        <source>Se&amp;xe :</source>
        <translation>ال&amp;جنس:</translation>
    </message>
    <message>
        <source>&amp;Date de naissance :</source>
        <translation>تاريخ ال&amp;ازدياد:</translation>
    </message>
    <message>
        <source>Contact et activité</source>
        <translation>الاتصال والنشاط</translation>
    </message>
    <message>
        <source>Téléphone &amp;mobile :</source>
        <translation>الهاتف ال&amp;محمول:</translation>
    </message>
    <message>
        <source>&amp;E-mail :</source>
        <translation>ال&amp;بريد الإلكتروني:</translation>
    </message>
    <message>
        <source>Caté&amp;gorie :</source>
        <translation>ال&amp;فئة:</translation>
    </message>
    <message>
        <source>&amp;Sous-catégorie :</source>
        <translation>الفئة ال&amp;فرعية:</translation>
    </message>
</context>
<context>
    <name>CinChecks</name>
    <message>
        <source>Possible une fois le poste activé auprès de la CNSS.</source>
        <translation>ممكن بعد تفعيل الجهاز لدى الصندوق CNSS.</translation>
    </message>
    <message>
        <source>Ce CIN a déjà une inscription à ce point : reçu {receipt_no}, {name}, du {day}, statut « {status} ». Vérifiez avec l&apos;assuré avant de continuer ; s&apos;il s&apos;agit bien d&apos;une nouvelle demande, un motif sera demandé à l&apos;enregistrement.</source>
        <translation>لهذه البطاقة الوطنية تسجيل سابق في هذه النقطة: الوصل {receipt_no}، {name}، بتاريخ {day}، الوضعية « {status} ». تحققوا مع المؤمن له قبل المتابعة؛ وإن كان الأمر يتعلق فعلاً بطلب جديد، سيُطلب منكم ذكر السبب عند التسجيل.</translation>
    </message>
    <message>
        <source>Saisissez d&apos;abord le CIN du demandeur.</source>
        <translation>أدخلوا أولاً رقم البطاقة الوطنية لصاحب الطلب.</translation>
    </message>
    <message>
        <source>Interrogation de la CNSS…</source>
        <translation>جارٍ الاستعلام لدى الصندوق…</translation>
    </message>
</context>
<context>
    <name>ClaimsTableModel</name>
    <message>
        <source>N° de reçu</source>
        <extracomment>``data(index, CLAIM_ROLE)``: the row&apos;s :class:`ClaimRow`, or None while it is being read. A search has replaced the rows; the argument is how many there are. A search or a page read failed; the argument is the exception. How many page reads were asked of the worker since the model was made.</extracomment>
        <translation>رقم الوصل</translation>
    </message>
    <message>
        <source>Déposé le</source>
        <translation>تاريخ الإيداع</translation>
    </message>
    <message>
        <source>Immatriculation</source>
        <translation>رقم التسجيل</translation>
    </message>
    <message>
        <source>Assuré</source>
        <translation>المؤمن له</translation>
    </message>
    <message>
        <source>Bénéficiaire</source>
        <translation>المستفيد</translation>
    </message>
    <message>
        <source>Type de soins</source>
        <translation>نوع العلاجات</translation>
    </message>
    <message>
        <source>Montant déclaré</source>
        <translation>المبلغ المصرح به</translation>
    </message>
    <message>
        <source>Pièces</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Nombre de pièces jointes au dossier</source>
        <translation>عدد الوثائق المرفقة بالملف</translation>
    </message>
</context>
<context>
    <name>ConfirmWarningsDialog</name>
    <message>
        <source>Confirmer les avertissements</source>
        <translation>تأكيد التنبيهات</translation>
    </message>
    <message>
        <source>Le dépôt peut être enregistré, mais chaque point ci-dessous demande une confirmation. Indiquez le motif : il est conservé avec le dépôt et transmis à la CNSS.</source>
        <translation>يمكن تسجيل الإيداع، غير أن كل نقطة أدناه تتطلب تأكيدا. المرجو بيان السبب: يُحفظ مع الإيداع ويُرسل إلى الصندوق الوطني للضمان الاجتماعي.</translation>
    </message>
    <message>
        <source>Motif :</source>
        <translation>السبب:</translation>
    </message>
    <message>
        <source>Pourquoi le dépôt est accepté malgré ce point</source>
        <translation>لماذا يُقبل الإيداع رغم هذه النقطة</translation>
    </message>
    <message>
        <source>Motif : {warning}</source>
        <translation>السبب: {warning}</translation>
    </message>
    <message>
        <source>Enregistrer avec ces motifs</source>
        <translation>التسجيل مع هذه الأسباب</translation>
    </message>
    <message>
        <source>Revenir au formulaire</source>
        <translation>الرجوع إلى الاستمارة</translation>
    </message>
    <message>
        <source>Déjà déposé sous le reçu {receipt_no}</source>
        <translation>سبق إيداعه بالوصل {receipt_no}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>JJ/MM/AAAA</source>
        <translation>يوم/شهر/سنة</translation>
    </message>
</context>
<context>
    <name>DayReportPage</name>
    <message>
        <source>Journée</source>
        <extracomment>The order statuses are listed in: the path of a deposit, then its endings.</extracomment>
        <translation>تقرير اليوم</translation>
    </message>
    <message>
        <source>Jour du rapport</source>
        <translation>يوم التقرير</translation>
    </message>
    <message>
        <source>&amp;Jour :</source>
        <translation>&amp;التاريخ:</translation>
    </message>
    <message>
        <source>&amp;Aujourd&apos;hui</source>
        <translation>ال&amp;يوم</translation>
    </message>
    <message>
        <source>Revenir à aujourd&apos;hui</source>
        <translation>الرجوع إلى اليوم</translation>
    </message>
    <message>
        <source>Exporter en CSV… (Ctrl+E)</source>
        <translation>تصدير بصيغة CSV… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Exporter les dépôts du jour en CSV</source>
        <translation>تصدير إيداعات اليوم بصيغة CSV</translation>
    </message>
    <message>
        <source>&amp;Clôturer la journée…</source>
        <translation>&amp;إغلاق اليوم…</translation>
    </message>
    <message>
        <source>Clôturer la journée (superviseur)</source>
        <translation>إغلاق اليوم (المشرف)</translation>
    </message>
    <message>
        <source>État de la journée</source>
        <translation>وضعية اليوم</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <source>Synthèse</source>
        <translation>الحصيلة</translation>
    </message>
    <message>
        <source>Dépôts :</source>
        <translation>الإيداعات:</translation>
    </message>
    <message>
        <source>Montant déclaré :</source>
        <translation>المبلغ المصرح به:</translation>
    </message>
    <message>
        <source>Documents joints :</source>
        <translation>الوثائق المرفقة:</translation>
    </message>
    <message>
        <source>Dépôts annulés :</source>
        <translation>الإيداعات الملغاة:</translation>
    </message>
    <message>
        <source>Immatriculations AMO-TNS :</source>
        <translation>عمليات التسجيل AMO-TNS:</translation>
    </message>
    <message>
        <source>Dépôts par type de soins</source>
        <translation>الإيداعات حسب نوع العلاجات</translation>
    </message>
    <message>
        <source>Dépôts par statut</source>
        <translation>الإيداعات حسب الحالة</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Dépôts</source>
        <translation>الإيداعات</translation>
    </message>
    <message>
        <source>Par statut</source>
        <translation>حسب الحالة</translation>
    </message>
    <message>
        <source>Alertes : dépôts sans accusé de réception de la CNSS après {hours} h</source>
        <translation>تنبيهات: إيداعات دون إشعار بالتوصل من الصندوق بعد {hours} ساعة</translation>
    </message>
    <message>
        <source>Dépôts en attente d&apos;accusé de réception</source>
        <translation>إيداعات في انتظار الإشعار بالتوصل</translation>
    </message>
    <message>
        <source>N° de reçu</source>
        <translation>رقم الوصل</translation>
    </message>
    <message>
        <source>Déposé le</source>
        <translation>تاريخ الإيداع</translation>
    </message>
    <message>
        <source>Attente</source>
        <translation>مدة الانتظار</translation>
    </message>
    <message>
        <source>Aucun dépôt ce jour.</source>
        <translation>لا يوجد أي إيداع في هذا اليوم.</translation>
    </message>
    <message>
        <source>Journée du {day} ouverte : pas encore clôturée.</source>
        <translation>يوم {day} مفتوح: لم يُغلق بعد.</translation>
    </message>
    <message>
        <source>Journée du {day} clôturée le {date} à {time} par {user}.</source>
        <translation>أُغلق يوم {day} بتاريخ {date} على الساعة {time} من طرف {user}.</translation>
    </message>
    <message>
        <source>Aucun dépôt n&apos;attend l&apos;accusé de réception de la CNSS depuis plus de {hours} h.</source>
        <translation>لا يوجد أي إيداع ينتظر الإشعار بالتوصل من الصندوق منذ أكثر من {hours} ساعة.</translation>
    </message>
    <message>
        <source>{count} dépôt(s) de plus de {hours} h sans accusé de réception de la CNSS : vérifiez la liaison et l&apos;envoi des lots.</source>
        <translation>إيداعات مضت عليها أكثر من {hours} ساعة دون إشعار بالتوصل من الصندوق (العدد: {count}): المرجو التحقق من الاتصال ومن إرسال الدفعات.</translation>
    </message>
    <message>
        <source>Les {shown} plus anciens sont listés.</source>
        <translation>تُعرض الإيداعات الأقدم فقط (العدد: {shown}).</translation>
    </message>
    <message>
        <source>{days} j {hours} h</source>
        <translation>{days} يوم {hours} ساعة</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} ساعة {minutes} دقيقة</translation>
    </message>
    <message>
        <source>Exporter les dépôts du {day}</source>
        <translation>تصدير إيداعات يوم {day}</translation>
    </message>
    <message>
        <source>Fichier CSV (*.csv)</source>
        <translation>ملف CSV (*.csv)</translation>
    </message>
    <message>
        <source>{count} dépôt(s) du {day} exporté(s) dans {path}.</source>
        <translation>تم تصدير إيداعات يوم {day} (العدد: {count}) إلى {path}.</translation>
    </message>
    <message>
        <source>Clôturer la journée</source>
        <translation>إغلاق اليوم</translation>
    </message>
    <message>
        <source>Clôturer la journée du {day} ? {claims} dépôt(s) pour {total}. La clôture est définitive.</source>
        <translation>إغلاق يوم {day}؟ عدد الإيداعات: {claims}، بمبلغ إجمالي قدره {total}. الإغلاق نهائي.</translation>
    </message>
    <message>
        <source>Journée du {day} clôturée.</source>
        <translation>تم إغلاق يوم {day}.</translation>
    </message>
</context>
<context>
    <name>DependentsStep</name>
    <message>
        <source>Ayants droit déclarés</source>
        <translation>ذوو الحقوق المصرح بهم</translation>
    </message>
    <message>
        <source>Aucun ayant droit déclaré. Inser ou Alt+A ajoute une personne ; Entrée modifie la personne choisie, Suppr la retire.</source>
        <translation>لا يوجد أي ذي حق مصرح به. Insert أو Alt+A لإضافة شخص؛ Enter لتعديل الشخص المختار، Delete لحذفه.</translation>
    </message>
    <message>
        <source>&amp;Ajouter (Inser)</source>
        <translation>إ&amp;ضافة (Insert)</translation>
    </message>
    <message>
        <source>Ajouter un ayant droit</source>
        <translation>إضافة ذي حق</translation>
    </message>
    <message>
        <source>Retirer (Suppr)</source>
        <translation>حذف (Delete)</translation>
    </message>
    <message>
        <source>Retirer l&apos;ayant droit choisi</source>
        <translation>حذف ذي الحق المختار</translation>
    </message>
    <message>
        <source>Conjoint(e)</source>
        <translation>الزوج(ة)</translation>
    </message>
    <message>
        <source>Enfant</source>
        <translation>ابن(ة)</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>M ou F</source>
        <translation>ذ أو أ (M أو F)</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source>1  Étudiant(e) dans l&apos;enseignement supérieur</source>
        <translation>1  طالب(ة) في التعليم العالي</translation>
    </message>
    <message>
        <source>2  Marié(e)</source>
        <translation>2  متزوج(ة)</translation>
    </message>
    <message>
        <source>3  En situation de handicap</source>
        <translation>3  في وضعية إعاقة</translation>
    </message>
    <message>
        <source>4  Recueilli(e) en kafala</source>
        <translation>4  مكفول(ة)</translation>
    </message>
    <message>
        <source>Enfants couverts : jusqu&apos;à 21 ans ; jusqu&apos;à 26 ans s&apos;ils sont étudiants et non mariés ; sans limite d&apos;âge s&apos;ils sont en situation de handicap. Les enfants recueillis en kafala comptent comme enfants.</source>
        <translation>الأطفال المشمولون بالتغطية: إلى غاية 21 سنة؛ وإلى غاية 26 سنة إذا كانوا طلبة وغير متزوجين؛ ودون حد للسن إذا كانوا في وضعية إعاقة. يُعتبر الأطفال المكفولون أطفالاً.</translation>
    </message>
    <message>
        <source>Personne choisie</source>
        <translation>الشخص المختار</translation>
    </message>
    <message>
        <source>&amp;Lien :</source>
        <translation>ال&amp;قرابة:</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>الاسم ال&amp;عائلي:</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>الاسم ال&amp;شخصي:</translation>
    </message>
    <message>
        <source>&amp;Date de naissance :</source>
        <translation>تاريخ ال&amp;ازدياد:</translation>
    </message>
    <message>
        <source>Se&amp;xe :</source>
        <translation>ال&amp;جنس:</translation>
    </message>
    <message>
        <source>&amp;CIN :</source>
        <translation>رقم البطاقة الوطنية &amp;CIN:</translation>
    </message>
    <message>
        <source>Si&amp;tuation :</source>
        <translation>ال&amp;وضعية:</translation>
    </message>
    <message>
        <source>Ayants droit décla&amp;rés :</source>
        <translation>ذوو الحقوق المص&amp;رح بهم:</translation>
    </message>
</context>
<context>
    <name>DepositPage</name>
    <message>
        <source>Enregistrer le dépôt</source>
        <extracomment>A rejected claim was corrected: (the rejected receipt, the new version&apos;s receipt).</extracomment>
        <translation>تسجيل الإيداع</translation>
    </message>
    <message>
        <source>Imprimer le dernier reçu (Ctrl+P)</source>
        <translation>طباعة آخر وصل (Ctrl+P)</translation>
    </message>
    <message>
        <source>Dépôt</source>
        <translation>إيداع</translation>
    </message>
    <message>
        <source>Générale (610-1-02)</source>
        <translation>عامة (‎610-1-02‎)</translation>
    </message>
    <message>
        <source>ALD (610-1-03)</source>
        <translation>مرض مزمن ALD (‎610-1-03‎)</translation>
    </message>
    <message>
        <source>Dentaire (610-1-04)</source>
        <translation>أسنان (‎610-1-04‎)</translation>
    </message>
    <message>
        <source>Exécution</source>
        <translation>تنفيذ العلاجات</translation>
    </message>
    <message>
        <source>Entente préalable</source>
        <translation>الموافقة المسبقة</translation>
    </message>
    <message>
        <source>9 chiffres</source>
        <translation>9 أرقام</translation>
    </message>
    <message>
        <source>NOM Prénom</source>
        <translation>الاسم العائلي ثم الشخصي</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>اختياري</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>M ou F</source>
        <translation>ذ أو أ</translation>
    </message>
    <message>
        <source>9 chiffres (scanner l&apos;étiquette)</source>
        <translation>9 أرقام (امسح الملصق)</translation>
    </message>
    <message>
        <source>facultatif (code QR)</source>
        <translation>اختياري (رمز QR)</translation>
    </message>
    <message>
        <source>&amp;{number} {category}</source>
        <translation>&amp;{number} {category}</translation>
    </message>
    <message>
        <source>Feuille signée par l&apos;assuré</source>
        <translation>الورقة موقعة من طرف المؤمن له</translation>
    </message>
    <message>
        <source>Originaux joints</source>
        <translation>الوثائق الأصلية مرفقة</translation>
    </message>
    <message>
        <source>Étiquette INPE ou cachet du praticien</source>
        <translation>ملصق INPE أو خاتم الممارس</translation>
    </message>
    <message>
        <source>Un seul malade, un seul événement</source>
        <translation>مريض واحد وحدث مرضي واحد</translation>
    </message>
    <message>
        <source>Ordonnances, factures, résultats d&apos;analyses ou d&apos;imagerie, vignettes des médicaments : des originaux, pas des copies.</source>
        <translation>الوصفات، الفواتير، نتائج التحاليل أو التصوير الطبي، ملصقات الأدوية: وثائق أصلية وليست نسخا.</translation>
    </message>
    <message>
        <source>Une feuille de soins par personne et par maladie.</source>
        <translation>ورقة علاجات واحدة لكل شخص ولكل مرض.</translation>
    </message>
    <message>
        <source>{number}  {check}</source>
        <translation>{number}  {check}</translation>
    </message>
    <message>
        <source>Enregistrer (Ctrl+Entrée)</source>
        <translation>تسجيل (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>État du dépôt</source>
        <translation>وضعية الإيداع</translation>
    </message>
    <message>
        <source>Correction d&apos;un dépôt rejeté</source>
        <translation>تصحيح ملف مرفوض</translation>
    </message>
    <message>
        <source>Abandonner la correction</source>
        <translation>التخلي عن التصحيح</translation>
    </message>
    <message>
        <source>Abandonner la correction et vider le formulaire</source>
        <translation>التخلي عن التصحيح وإفراغ الاستمارة</translation>
    </message>
    <message>
        <source>Feuille de soins</source>
        <translation>ورقة العلاجات</translation>
    </message>
    <message>
        <source>M&amp;odèle :</source>
        <translation>النمو&amp;ذج:</translation>
    </message>
    <message>
        <source>&amp;Nature :</source>
        <translation>&amp;نوع الطلب:</translation>
    </message>
    <message>
        <source>Assuré</source>
        <translation>المؤمن له</translation>
    </message>
    <message>
        <source>&amp;Immatriculation :</source>
        <translation>&amp;رقم التسجيل:</translation>
    </message>
    <message>
        <source>Nom de l&apos;&amp;assuré :</source>
        <translation>ا&amp;سم المؤمن له:</translation>
    </message>
    <message>
        <source>&amp;CIN de l&apos;assuré :</source>
        <translation>ال&amp;بطاقة الوطنية للمؤمن له:</translation>
    </message>
    <message>
        <source>&amp;Montant total (DH) :</source>
        <translation>ال&amp;مبلغ الإجمالي (درهم):</translation>
    </message>
    <message>
        <source>Pièces &amp;jointes :</source>
        <translation>ال&amp;وثائق المرفقة:</translation>
    </message>
    <message>
        <source>Bénéficiaire (le malade)</source>
        <translation>المستفيد (المريض)</translation>
    </message>
    <message>
        <source>&amp;Lien de parenté :</source>
        <translation>&amp;صلة القرابة:</translation>
    </message>
    <message>
        <source>Nom du &amp;bénéficiaire :</source>
        <translation>&amp;اسم المستفيد:</translation>
    </message>
    <message>
        <source>&amp;Date de naissance :</source>
        <translation>&amp;تاريخ الازدياد:</translation>
    </message>
    <message>
        <source>Se&amp;xe :</source>
        <translation>ال&amp;جنس:</translation>
    </message>
    <message>
        <source>CIN du bénéficiai&amp;re :</source>
        <translation>البطاقة الوطنية للمست&amp;فيد:</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>الممارس</translation>
    </message>
    <message>
        <source>INPE &amp;prescripteur :</source>
        <translation>INPE ال&amp;طبيب الواصف:</translation>
    </message>
    <message>
        <source>INPE é&amp;tablissement :</source>
        <translation>INPE الم&amp;ؤسسة:</translation>
    </message>
    <message>
        <source>N&amp;uméro FSE :</source>
        <translation>ر&amp;قم FSE:</translation>
    </message>
    <message>
        <source>Soins</source>
        <translation>العلاجات</translation>
    </message>
    <message>
        <source>T&amp;ype de soins :</source>
        <translation>نوع ال&amp;علاجات:</translation>
    </message>
    <message>
        <source>Caté&amp;gories de soins :</source>
        <translation>&amp;أصناف العلاجات:</translation>
    </message>
    <message>
        <source>Date du pr&amp;emier acte :</source>
        <translation>تاري&amp;خ أول عمل طبي:</translation>
    </message>
    <message>
        <source>&amp;Fin de traitement :</source>
        <translation>ن&amp;هاية العلاج:</translation>
    </message>
    <message>
        <source>&amp;Vérification du dossier</source>
        <translation>الت&amp;حقق من الملف</translation>
    </message>
    <message>
        <source>Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 05/11/2026 ou 05112026.</source>
        <translation>تاريخ غير مقروء: المرجو إدخاله على شكل يوم/شهر/سنة، مثال: 05/11/2026 أو 05112026.</translation>
    </message>
    <message>
        <source>Date du premier acte manquante : recopiez la date des soins inscrite par le praticien (JJ/MM/AAAA).</source>
        <translation>تاريخ أول عمل طبي غير مدخل: المرجو نقل تاريخ العلاجات الذي دونه الممارس (يوم/شهر/سنة).</translation>
    </message>
    <message>
        <source>à déposer au plus tard le {deadline}</source>
        <translation>يجب الإيداع في أجل أقصاه {deadline}</translation>
    </message>
    <message>
        <source>Dépôt non enregistré : corrigez les champs signalés en rouge.</source>
        <translation>لم يُسجَّل الإيداع: المرجو تصحيح الخانات المشار إليها باللون الأحمر.</translation>
    </message>
    <message>
        <source>Enregistrement…</source>
        <translation>جارٍ التسجيل…</translation>
    </message>
    <message>
        <source>Reçu {receipt_no} enregistré.</source>
        <translation>تم تسجيل الوصل {receipt_no}.</translation>
    </message>
    <message>
        <source>Reçu {receipt_no} enregistré : cette nouvelle version remplace le dépôt rejeté {rejected} et partira au prochain envoi.</source>
        <translation>سُجّل الوصل {receipt_no}: تحلّ هذه النسخة الجديدة محلّ الملف المرفوض {rejected} وستُرسل في الإرسال القادم.</translation>
    </message>
    <message>
        <source>Dépôt non enregistré.</source>
        <translation>لم يُسجَّل الإيداع.</translation>
    </message>
    <message>
        <source>Confirmez les avertissements pour enregistrer.</source>
        <translation>المرجو تأكيد التنبيهات من أجل التسجيل.</translation>
    </message>
    <message>
        <source>Dépôt non enregistré : les avertissements n&apos;ont pas été confirmés.</source>
        <translation>لم يُسجَّل الإيداع: لم يتم تأكيد التنبيهات.</translation>
    </message>
    <message>
        <source>Lecture du dépôt rejeté {receipt_no}…</source>
        <translation>قراءة الملف المرفوض {receipt_no}…</translation>
    </message>
    <message>
        <source>Correction du dépôt {receipt_no}, rejeté par la CNSS. Motif : {reason}. Corrigez ce qu&apos;il faut puis enregistrez : une nouvelle version remplacera ce dépôt (rien n&apos;est effacé) et un nouveau reçu sera imprimé.</source>
        <translation>تصحيح الملف {receipt_no} الذي رفضه الصندوق الوطني للضمان الاجتماعي CNSS. السبب: {reason}. صحّح ما يلزم ثم سجّل: ستحلّ نسخة جديدة محلّ هذا الملف (لا يُحذف أي شيء) وسيُطبع وصل جديد.</translation>
    </message>
    <message>
        <source>Enregistrer la correction (Ctrl+Entrée)</source>
        <translation>تسجيل التصحيح (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Dépôt rejeté {receipt_no} chargé pour correction.</source>
        <translation>حُمّل الملف المرفوض {receipt_no} للتصحيح.</translation>
    </message>
    <message>
        <source>Le dépôt rejeté n&apos;a pas pu être chargé.</source>
        <translation>تعذّر تحميل الملف المرفوض.</translation>
    </message>
    <message>
        <source>Correction abandonnée : rien n&apos;a été enregistré.</source>
        <translation>تم التخلي عن التصحيح: لم يُسجَّل أي شيء.</translation>
    </message>
    <message>
        <source>INPE {inpe} lu, mais les deux champs INPE sont déjà remplis : videz celui à remplacer puis scannez de nouveau.</source>
        <translation>تمت قراءة رقم INPE {inpe}، لكن خانتي INPE مملوءتان: المرجو إفراغ الخانة المراد تعويضها ثم إعادة المسح.</translation>
    </message>
    <message>
        <source>Code scanné : {value} ({field}).</source>
        <translation>الرمز الممسوح: {value} ({field}).</translation>
    </message>
</context>
<context>
    <name>DocumentsStep</name>
    <message>
        <source>Ce poste n&apos;est pas encore activé auprès de la CNSS : les scans ne peuvent pas encore être scellés, donc pas joints. Enregistrez l&apos;inscription sans eux ; les pièces pourront être jointes une fois le poste activé.</source>
        <translation>هذا الجهاز غير مفعّل بعد لدى الصندوق CNSS: لا يمكن بعد ختم الوثائق الممسوحة، وبالتالي لا يمكن إرفاقها. سجّلوا الطلب بدونها؛ ويمكن إرفاق الوثائق بعد تفعيل الجهاز.</translation>
    </message>
    <message>
        <source>Scannez le recto et le verso de la carte nationale. Chaque fichier est vérifié dès qu&apos;il est choisi (JPEG, PNG ou PDF, 10 Mo au plus) et n&apos;est jamais enregistré en clair sur ce poste.</source>
        <translation>امسحوا وجه وظهر البطاقة الوطنية. يُفحص كل ملف بمجرد اختياره (JPEG أو PNG أو PDF، 10 ميغابايت على الأكثر) ولا يُحفظ أبداً بشكل غير مشفر على هذا الجهاز.</translation>
    </message>
    <message>
        <source>&amp;Importer un fichier…</source>
        <translation>ا&amp;ستيراد ملف…</translation>
    </message>
    <message>
        <source>Choisir le d&amp;ossier du scanner…</source>
        <translation>اختيار م&amp;جلد الماسح الضوئي…</translation>
    </message>
    <message>
        <source>Fichiers du dossier du scanner</source>
        <translation>ملفات مجلد الماسح الضوئي</translation>
    </message>
    <message>
        <source>Actualiser la liste</source>
        <translation>تحديث القائمة</translation>
    </message>
    <message>
        <source>Pièces jointes à l&apos;inscription</source>
        <translation>الوثائق المرفقة بالتسجيل</translation>
    </message>
    <message>
        <source>Retirer (Suppr)</source>
        <translation>حذف (Delete)</translation>
    </message>
    <message>
        <source>Dossier du scanner</source>
        <translation>مجلد الماسح الضوئي</translation>
    </message>
    <message>
        <source>Fichiers les plus récents (Entrée pour &amp;joindre) :</source>
        <translation>أحدث الملفات (Enter لل&amp;إرفاق):</translation>
    </message>
    <message>
        <source>Pièces jointes</source>
        <translation>الوثائق المرفقة</translation>
    </message>
    <message>
        <source>Scans &amp;vérifiés, joints après l&apos;enregistrement :</source>
        <translation>وثائق ممسوحة &amp;مفحوصة، تُرفق بعد التسجيل:</translation>
    </message>
    <message>
        <source>Aucun dossier choisi : indiquez où le scanner dépose ses fichiers.</source>
        <translation>لم يتم اختيار أي مجلد: حددوا المكان الذي يضع فيه الماسح الضوئي ملفاته.</translation>
    </message>
    <message>
        <source>Dossier : {folder}</source>
        <translation>المجلد: {folder}</translation>
    </message>
    <message>
        <source>Dossier où le scanner dépose ses fichiers</source>
        <translation>المجلد الذي يضع فيه الماسح الضوئي ملفاته</translation>
    </message>
    <message>
        <source>Scans de la carte nationale</source>
        <translation>نسخ ممسوحة من البطاقة الوطنية</translation>
    </message>
    <message>
        <source>Images et PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>صور وملفات PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>{count} scans au plus par inscription.</source>
        <translation>{count} وثائق ممسوحة على الأكثر لكل تسجيل.</translation>
    </message>
    <message>
        <source>Vérification de {name}…</source>
        <translation>جارٍ فحص {name}…</translation>
    </message>
    <message>
        <source>{name} refusé : {reason}</source>
        <translation>تم رفض {name}: {reason}</translation>
    </message>
    <message>
        <source>{name} vérifié : il sera joint à l&apos;enregistrement.</source>
        <translation>تم فحص {name}: سيُرفق عند التسجيل.</translation>
    </message>
    <message>
        <source>{name} ({kind}, {size} ko)</source>
        <translation>{name} ({kind}، {size} كيلوبايت)</translation>
    </message>
</context>
<context>
    <name>EnrolmentPage</name>
    <message>
        <source>Demandeur</source>
        <extracomment>A rejected enrolment was corrected: (the rejected receipt, the new version&apos;s receipt).</extracomment>
        <translation>صاحب الطلب</translation>
    </message>
    <message>
        <source>Adresses</source>
        <translation>العناوين</translation>
    </message>
    <message>
        <source>Ayants droit</source>
        <translation>ذوو الحقوق</translation>
    </message>
    <message>
        <source>Pièces</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Notice 09-08</source>
        <translation>إشعار 09-08</translation>
    </message>
    <message>
        <source>Vérification</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>Immatriculation</source>
        <translation>التسجيل</translation>
    </message>
    <message>
        <source>État de l&apos;inscription</source>
        <translation>حالة التسجيل</translation>
    </message>
    <message>
        <source>Précédent (Ctrl+PgPréc)</source>
        <translation>السابق (Ctrl+PgUp)</translation>
    </message>
    <message>
        <source>Suivant (Ctrl+PgSuiv)</source>
        <translation>التالي (Ctrl+PgDown)</translation>
    </message>
    <message>
        <source>Enregistrer (Ctrl+Entrée)</source>
        <translation>تسجيل (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Enregistrer l&apos;inscription</source>
        <translation>حفظ التسجيل</translation>
    </message>
    <message>
        <source>Correction d&apos;une inscription rejetée</source>
        <translation>تصحيح تسجيل مرفوض</translation>
    </message>
    <message>
        <source>Abandonner la correction</source>
        <translation>التخلي عن التصحيح</translation>
    </message>
    <message>
        <source>Étape suivante</source>
        <translation>المرحلة التالية</translation>
    </message>
    <message>
        <source>Étape précédente</source>
        <translation>المرحلة السابقة</translation>
    </message>
    <message>
        <source>Imprimer le reçu (Ctrl+P)</source>
        <translation>طباعة الوصل (Ctrl+P)</translation>
    </message>
    <message>
        <source>Imprimer le reçu</source>
        <translation>طباعة الوصل</translation>
    </message>
    <message>
        <source>Étape {number} : {title}</source>
        <translation>المرحلة {number}: {title}</translation>
    </message>
    <message>
        <source>à corriger</source>
        <translation>للتصحيح</translation>
    </message>
    <message>
        <source>Organisme de liaison : {body}</source>
        <translation>هيئة الربط: {body}</translation>
    </message>
    <message>
        <source>Organisme de liaison : non communiqué par la CNSS</source>
        <translation>هيئة الربط: لم يبلغها الصندوق</translation>
    </message>
    <message>
        <source>Conjoint(e)</source>
        <translation>الزوج(ة)</translation>
    </message>
    <message>
        <source>Enfant</source>
        <translation>ابن(ة)</translation>
    </message>
    <message>
        <source>(nom à saisir)</source>
        <translation>(الاسم لم يُدخل بعد)</translation>
    </message>
    <message>
        <source>Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 04/05/1980 ou 04051980.</source>
        <translation>تاريخ غير مقروء: أدخلوه بصيغة يوم/شهر/سنة، مثلاً 04/05/1980 أو 04051980.</translation>
    </message>
    <message>
        <source>Choisissez le sexe : M ou F.</source>
        <translation>اختاروا الجنس: M أو F.</translation>
    </message>
    <message>
        <source>Date de naissance manquante : recopiez-la de la CIN (JJ/MM/AAAA).</source>
        <translation>تاريخ الازدياد ناقص: انقلوه من البطاقة الوطنية (يوم/شهر/سنة).</translation>
    </message>
    <message>
        <source>Date de signature manquante (JJ/MM/AAAA).</source>
        <translation>تاريخ التوقيع ناقص (يوم/شهر/سنة).</translation>
    </message>
    <message>
        <source>Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 15092003.</source>
        <translation>تاريخ غير مقروء: أدخلوه بصيغة يوم/شهر/سنة، مثلاً 15092003.</translation>
    </message>
    <message>
        <source>Date de naissance manquante (JJ/MM/AAAA).</source>
        <translation>تاريخ الازدياد ناقص (يوم/شهر/سنة).</translation>
    </message>
    <message>
        <source>Ayant droit {number}, {field}</source>
        <translation>ذو الحق {number}، {field}</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>Demandeur : {name}</source>
        <translation>صاحب الطلب: {name}</translation>
    </message>
    <message>
        <source>Nom en arabe : {name}</source>
        <translation>الاسم بالعربية: {name}</translation>
    </message>
    <message>
        <source>CIN : {cin} — nationalité : {nationality}</source>
        <translation>البطاقة الوطنية: {cin} — الجنسية: {nationality}</translation>
    </message>
    <message>
        <source>Immatriculation : {number}</source>
        <translation>رقم التسجيل: {number}</translation>
    </message>
    <message>
        <source>pas encore attribuée</source>
        <translation>لم يُمنح بعد</translation>
    </message>
    <message>
        <source>Sexe : {sex} — né(e) le {birth}</source>
        <translation>الجنس: {sex} — تاريخ الازدياد {birth}</translation>
    </message>
    <message>
        <source>Mobile : {phone} — e-mail : {email}</source>
        <translation>المحمول: {phone} — البريد الإلكتروني: {email}</translation>
    </message>
    <message>
        <source>Catégorie : {category} / {subcategory}</source>
        <translation>الفئة: {category} / {subcategory}</translation>
    </message>
    <message>
        <source>Adresse personnelle : {address}</source>
        <translation>العنوان الشخصي: {address}</translation>
    </message>
    <message>
        <source>Adresse professionnelle : {address}</source>
        <translation>العنوان المهني: {address}</translation>
    </message>
    <message>
        <source>Ayants droit : {count}</source>
        <translation>ذوو الحقوق: {count}</translation>
    </message>
    <message>
        <source>Pièces jointes : {count}</source>
        <translation>الوثائق المرفقة: {count}</translation>
    </message>
    <message>
        <source>Notice 09-08 : {state}</source>
        <translation>إشعار 09-08: {state}</translation>
    </message>
    <message>
        <source>lue par l&apos;assuré</source>
        <translation>اطلع عليه المؤمن له</translation>
    </message>
    <message>
        <source>pas encore confirmée</source>
        <translation>لم يُؤكد بعد</translation>
    </message>
    <message>
        <source>Inscription non enregistrée : corrigez les points signalés.</source>
        <translation>لم يُحفظ التسجيل: صححوا النقاط المشار إليها.</translation>
    </message>
    <message>
        <source>Enregistrement…</source>
        <translation>جارٍ الحفظ…</translation>
    </message>
    <message>
        <source>Inscription {receipt_no} enregistrée.</source>
        <translation>تم حفظ التسجيل {receipt_no}.</translation>
    </message>
    <message>
        <source>Inscription {receipt_no} enregistrée : cette nouvelle version remplace l&apos;inscription rejetée {rejected} et partira au prochain envoi.</source>
        <translation>تم حفظ التسجيل {receipt_no}: هذه النسخة الجديدة تعوض التسجيل المرفوض {rejected} وسترسل في الإرسال المقبل.</translation>
    </message>
    <message>
        <source>{count} scan(s) joint(s).</source>
        <translation>تم إرفاق {count} وثيقة ممسوحة.</translation>
    </message>
    <message>
        <source>Scans non joints : {reasons}</source>
        <translation>وثائق ممسوحة لم تُرفق: {reasons}</translation>
    </message>
    <message>
        <source>Inscription non enregistrée.</source>
        <translation>لم يُحفظ التسجيل.</translation>
    </message>
    <message>
        <source>Confirmez les avertissements pour enregistrer.</source>
        <translation>أكدوا التنبيهات من أجل الحفظ.</translation>
    </message>
    <message>
        <source>Inscription non enregistrée : les avertissements n&apos;ont pas été confirmés.</source>
        <translation>لم يُحفظ التسجيل: لم يتم تأكيد التنبيهات.</translation>
    </message>
    <message>
        <source>Lecture de l&apos;inscription rejetée {receipt_no}…</source>
        <translation>جارٍ قراءة التسجيل المرفوض {receipt_no}…</translation>
    </message>
    <message>
        <source>Correction de l&apos;inscription {receipt_no}, rejetée par la CNSS. Motif : {reason}. Corrigez ce qu&apos;il faut puis enregistrez : une nouvelle version remplacera cette inscription (rien n&apos;est effacé) et un nouveau reçu sera imprimé.</source>
        <translation>تصحيح التسجيل {receipt_no} الذي رفضه الصندوق. السبب: {reason}. صححوا ما يلزم ثم احفظوا: ستعوض نسخة جديدة هذا التسجيل (لا يُحذف أي شيء) وسيُطبع وصل جديد.</translation>
    </message>
    <message>
        <source>Enregistrer la correction (Ctrl+Entrée)</source>
        <translation>حفظ التصحيح (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Inscription rejetée {receipt_no} chargée pour correction.</source>
        <translation>تم تحميل التسجيل المرفوض {receipt_no} للتصحيح.</translation>
    </message>
    <message>
        <source>L&apos;inscription rejetée n&apos;a pas pu être chargée.</source>
        <translation>تعذر تحميل التسجيل المرفوض.</translation>
    </message>
    <message>
        <source>Correction abandonnée : rien n&apos;a été enregistré.</source>
        <translation>تم التخلي عن التصحيح: لم يُحفظ أي شيء.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Guichet AMO — connexion</source>
        <translation>شباك AMO — تسجيل الدخول</translation>
    </message>
    <message>
        <source>Session verrouillée</source>
        <translation>الجلسة مقفلة</translation>
    </message>
    <message>
        <source>Connexion au guichet</source>
        <translation>الدخول إلى الشباك</translation>
    </message>
    <message>
        <source>Point {code} — {name}</source>
        <translation>النقطة {code} — {name}</translation>
    </message>
    <message>
        <source>Nom d&apos;utilisateur</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Mot de passe</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Langue</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <source>&amp;Utilisateur :</source>
        <translation>ال&amp;مستخدم:</translation>
    </message>
    <message>
        <source>Mot de &amp;passe :</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>&amp;Langue :</source>
        <translation>ال&amp;لغة:</translation>
    </message>
    <message>
        <source>Se connecter</source>
        <translation>دخول</translation>
    </message>
    <message>
        <source>Déverrouiller</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>Quitter</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Saisissez votre nom d&apos;utilisateur et votre mot de passe.</source>
        <translation>المرجو إدخال اسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <source>Seul {username} peut déverrouiller. Un autre utilisateur quitte et se connecte avec sa propre session.</source>
        <translation>لا يمكن فتح القفل إلا لـ {username}. على أي مستخدم آخر الخروج ثم الدخول بجلسته الخاصة.</translation>
    </message>
    <message>
        <source>Connexion impossible : voir le journal de l&apos;application.</source>
        <translation>تعذر تسجيل الدخول: انظر سجل التطبيق.</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Recherche</source>
        <extracomment>The clerk asks for a copy of this receipt (the receipt number).</extracomment>
        <translation>البحث</translation>
    </message>
    <message>
        <source>N° de reçu, immatriculation, CIN ou nom — vide : tous les dépôts</source>
        <translation>رقم الوصل أو رقم التسجيل أو رقم البطاقة الوطنية أو الاسم — فارغ: كل الإيداعات</translation>
    </message>
    <message>
        <source>Recherche d&apos;un dépôt</source>
        <translation>البحث عن إيداع</translation>
    </message>
    <message>
        <source>&amp;Rechercher (Ctrl+F) :</source>
        <translation>&amp;بحث (Ctrl+F):</translation>
    </message>
    <message>
        <source>Chercher (Entrée)</source>
        <translation>ابحث (Enter)</translation>
    </message>
    <message>
        <source>Lancer la recherche</source>
        <translation>إطلاق البحث</translation>
    </message>
    <message>
        <source>Nombre de dépôts trouvés</source>
        <translation>عدد الإيداعات المعثور عليها</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <source>Dépôts trouvés</source>
        <translation>الإيداعات المعثور عليها</translation>
    </message>
    <message>
        <source>Dépôt sélectionné</source>
        <translation>الإيداع المختار</translation>
    </message>
    <message>
        <source>Déposé le :</source>
        <translation>تاريخ الإيداع:</translation>
    </message>
    <message>
        <source>Assuré :</source>
        <translation>المؤمن له:</translation>
    </message>
    <message>
        <source>Bénéficiaire :</source>
        <translation>المستفيد:</translation>
    </message>
    <message>
        <source>Soins :</source>
        <translation>العلاجات:</translation>
    </message>
    <message>
        <source>Montant déclaré :</source>
        <translation>المبلغ المصرح به:</translation>
    </message>
    <message>
        <source>Statut :</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>Historique des statuts du dépôt</source>
        <translation>سجل حالات الإيداع</translation>
    </message>
    <message>
        <source>Date et heure</source>
        <translation>التاريخ والساعة</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Détail</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>Montant</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Réimprimer le reçu (Ctrl+P)</source>
        <translation>إعادة طباعة الوصل (Ctrl+P)</translation>
    </message>
    <message>
        <source>Réimprimer le reçu du dépôt sélectionné</source>
        <translation>إعادة طباعة وصل الإيداع المختار</translation>
    </message>
    <message>
        <source>&amp;Annuler le dépôt…</source>
        <translation>&amp;إلغاء الإيداع…</translation>
    </message>
    <message>
        <source>Annuler le dépôt sélectionné (superviseur)</source>
        <translation>إلغاء الإيداع المختار (المشرف)</translation>
    </message>
    <message>
        <source>&amp;Historique :</source>
        <translation>ال&amp;سجل:</translation>
    </message>
    <message>
        <source>Recherche en cours…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>Aucun dépôt ne correspond à « {query} ».</source>
        <translation>لا يوجد أي إيداع يطابق « {query} ».</translation>
    </message>
    <message>
        <source>Aucun dépôt enregistré pour l&apos;instant.</source>
        <translation>لا يوجد أي إيداع مسجل إلى حد الآن.</translation>
    </message>
    <message>
        <source>{count} dépôt(s) pour « {query} », du plus récent au plus ancien.</source>
        <translation>الإيداعات المطابقة لـ « {query} »: {count}، من الأحدث إلى الأقدم.</translation>
    </message>
    <message>
        <source>Tous les dépôts : {count}, du plus récent au plus ancien.</source>
        <translation>كل الإيداعات: {count}، من الأحدث إلى الأقدم.</translation>
    </message>
    <message>
        <source>Choisissez un dépôt dans la liste.</source>
        <translation>المرجو اختيار إيداع من القائمة.</translation>
    </message>
    <message>
        <source>Reçu {receipt_no}</source>
        <translation>الوصل {receipt_no}</translation>
    </message>
    <message>
        <source>{name} — immatriculation {immatriculation}</source>
        <translation>{name} — رقم التسجيل {immatriculation}</translation>
    </message>
    <message>
        <source>{care_type}, {documents} document(s)</source>
        <translation>{care_type}، عدد الوثائق: {documents}</translation>
    </message>
    <message>
        <source>{status} : {amount}, payé le {date}</source>
        <translation>{status}: {amount}، أُدّي بتاريخ {date}</translation>
    </message>
    <message>
        <source>{status} : {amount}</source>
        <translation>{status}: {amount}</translation>
    </message>
    <message>
        <source>{status} : {reason}</source>
        <translation>{status}: {reason}</translation>
    </message>
    <message>
        <source>payé le {date}</source>
        <translation>أُدّي بتاريخ {date}</translation>
    </message>
    <message>
        <source>le {date}</source>
        <translation>بتاريخ {date}</translation>
    </message>
    <message>
        <source>CNSS</source>
        <translation>الصندوق</translation>
    </message>
    <message>
        <source>guichet ({user})</source>
        <translation>الشباك ({user})</translation>
    </message>
    <message>
        <source>guichet</source>
        <translation>الشباك</translation>
    </message>
    <message>
        <source>Seul un dépôt pas encore envoyé à la CNSS peut être annulé ici.</source>
        <translation>لا يمكن هنا إلا إلغاء إيداع لم يُرسل بعد إلى الصندوق.</translation>
    </message>
    <message>
        <source>Annuler le dépôt</source>
        <translation>إلغاء الإيداع</translation>
    </message>
    <message>
        <source>Motif de l&apos;annulation du dépôt {receipt_no} (le dépôt et son historique restent enregistrés) :</source>
        <translation>سبب إلغاء الإيداع {receipt_no} (يبقى الإيداع وسجله محفوظين):</translation>
    </message>
    <message>
        <source>Dépôt {receipt_no} annulé.</source>
        <translation>تم إلغاء الإيداع {receipt_no}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Guichet AMO — {point}</source>
        <translation>شباك AMO — {point}</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>التنقل</translation>
    </message>
    <message>
        <source>Verrouiller la session</source>
        <translation>قفل الجلسة</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>ا&amp;لجلسة</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>{user} · point {point}</source>
        <translation>{user} · النقطة {point}</translation>
    </message>
    <message>
        <source>Liaison : non configurée</source>
        <translation>الاتصال: غير مُعَدّ</translation>
    </message>
    <message>
        <source>Liaison : active</source>
        <translation>الاتصال: نشط</translation>
    </message>
    <message>
        <source>Liaison : coupée</source>
        <translation>الاتصال: منقطع</translation>
    </message>
    <message>
        <source>En attente d&apos;envoi : {count}</source>
        <translation>في انتظار الإرسال: {count}</translation>
    </message>
    <message>
        <source>Dernière synchronisation : jamais</source>
        <translation>آخر مزامنة: لم تتم بعد</translation>
    </message>
    <message>
        <source>Dernière synchronisation : {when}</source>
        <translation>آخر مزامنة: {when}</translation>
    </message>
    <message>
        <source>Horloge décalée de {minutes} min : corrigez l&apos;heure du poste</source>
        <translation>فارق في الساعة قدره {minutes} دقيقة: المرجو ضبط ساعة الحاسوب</translation>
    </message>
</context>
<context>
    <name>NoticeStep</name>
    <message>
        <source>L&apos;assuré a pris &amp;connaissance de la notice</source>
        <translation>اطلع المؤمن له على ال&amp;إشعار</translation>
    </message>
    <message>
        <source>L&apos;assuré a pris connaissance de la notice d&apos;information</source>
        <translation>اطلع المؤمن له على إشعار الإخبار</translation>
    </message>
    <message>
        <source>Remettez ou lisez la notice à l&apos;assuré, dans la langue de son choix, avant de cocher la case : sans elle, l&apos;inscription ne peut pas être enregistrée.</source>
        <translation>سلّموا الإشعار للمؤمن له أو اقرؤوه عليه، باللغة التي يختارها، قبل وضع العلامة: بدونه لا يمكن حفظ التسجيل.</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>aucune imprimante installée : aperçu avec Ctrl+P</source>
        <translation>لا توجد أي طابعة مثبتة: المعاينة بـ Ctrl+P</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <source>Résumé de l&apos;inscription</source>
        <translation>ملخص التسجيل</translation>
    </message>
    <message>
        <source>Points à corriger</source>
        <translation>نقاط للتصحيح</translation>
    </message>
    <message>
        <source>Aucun point à corriger.</source>
        <translation>لا توجد أي نقطة للتصحيح.</translation>
    </message>
    <message>
        <source>Résumé</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>Entrée sur un &amp;point l&apos;ouvre à sa place :</source>
        <translation>Enter على &amp;نقطة يفتحها في مكانها:</translation>
    </message>
    <message>
        <source>Signature du demandeur</source>
        <translation>توقيع صاحب الطلب</translation>
    </message>
    <message>
        <source>&amp;Lieu :</source>
        <translation>ال&amp;مكان:</translation>
    </message>
    <message>
        <source>Da&amp;te :</source>
        <translation>ال&amp;تاريخ:</translation>
    </message>
</context>
<context>
    <name>ShipmentsPage</name>
    <message>
        <source>Inclure les dépôts des jours précédents restés au guichet</source>
        <translation>إدراج إيداعات الأيام السابقة المتبقية في الشباك</translation>
    </message>
    <message>
        <source>Fermer l&apos;enveloppe et imprimer le bordereau (Ctrl+B)</source>
        <translation>إغلاق الظرف وطباعة جدول الإرسال (Ctrl+B)</translation>
    </message>
    <message>
        <source>Réimprimer le bordereau (Ctrl+P)</source>
        <translation>إعادة طباعة جدول الإرسال (Ctrl+P)</translation>
    </message>
    <message>
        <source>Enveloppes fermées</source>
        <translation>الأظرفة المغلقة</translation>
    </message>
    <message>
        <source>N° d&apos;enveloppe</source>
        <translation>رقم الظرف</translation>
    </message>
    <message>
        <source>Fermée le</source>
        <translation>تاريخ الإغلاق</translation>
    </message>
    <message>
        <source>Par</source>
        <translation>من طرف</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>الملفات</translation>
    </message>
    <message>
        <source>Total déclaré</source>
        <translation>المجموع المصرح به</translation>
    </message>
    <message>
        <source>Enveloppes fermées :</source>
        <translation>الأظرفة المغلقة:</translation>
    </message>
    <message>
        <source>Enveloppes</source>
        <translation>الأظرفة</translation>
    </message>
    <message>
        <source>Dépôts du jour pas encore en enveloppe : {count} ({total})</source>
        <translation>إيداعات اليوم التي لم توضع بعد في ظرف: {count} ({total})</translation>
    </message>
    <message>
        <source>Inclure {count} dépôt(s) des jours précédents restés au guichet</source>
        <translation>إدراج إيداعات الأيام السابقة المتبقية في الشباك (العدد: {count})</translation>
    </message>
    <message>
        <source>Fermer l&apos;enveloppe</source>
        <translation>إغلاق الظرف</translation>
    </message>
    <message>
        <source>Fermer l&apos;enveloppe du jour ({count} dossier(s), {total}) et imprimer son bordereau ? Une enveloppe fermée ne peut plus être rouverte.</source>
        <translation>إغلاق ظرف اليوم ({count} ملف(ات)، {total}) وطباعة جدول الإرسال الخاص به؟ لا يمكن إعادة فتح ظرف مغلق.</translation>
    </message>
    <message>
        <source>Pas encore</source>
        <translation>ليس بعد</translation>
    </message>
    <message>
        <source>Enveloppe {number} fermée : {count} dossier(s), {total}.</source>
        <translation>تم إغلاق الظرف {number}: عدد الملفات {count}، المجموع {total}.</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>Supervision</source>
        <extracomment>Parameters were saved; the argument maps every editable key to its value in force (the main window applies ``ui.idle_lock_minutes`` to its idle lock at once).</extracomment>
        <translation>الإشراف</translation>
    </message>
    <message>
        <source>Utilisateurs</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>Utilisateurs du point</source>
        <translation>مستخدمو النقطة</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Rôle</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>État</source>
        <translation>الوضعية</translation>
    </message>
    <message>
        <source>Identifiant du nouvel utilisateur</source>
        <translation>اسم المستخدم الجديد</translation>
    </message>
    <message>
        <source>ex. : fatima.alaoui</source>
        <translation>مثال: fatima.alaoui</translation>
    </message>
    <message>
        <source>Nom affiché du nouvel utilisateur</source>
        <translation>الاسم المعروض للمستخدم الجديد</translation>
    </message>
    <message>
        <source>Rôle du nouvel utilisateur</source>
        <translation>دور المستخدم الجديد</translation>
    </message>
    <message>
        <source>Mot de passe du nouvel utilisateur</source>
        <translation>كلمة مرور المستخدم الجديد</translation>
    </message>
    <message>
        <source>{count} caractères au moins</source>
        <translation>{count} أحرف على الأقل</translation>
    </message>
    <message>
        <source>Mot de passe, une seconde fois</source>
        <translation>كلمة المرور مرة ثانية</translation>
    </message>
    <message>
        <source>A&amp;jouter l&apos;utilisateur</source>
        <translation>إ&amp;ضافة المستخدم</translation>
    </message>
    <message>
        <source>Message sur les utilisateurs</source>
        <translation>رسالة حول المستخدمين</translation>
    </message>
    <message>
        <source>&amp;Identifiant :</source>
        <translation>&amp;اسم المستخدم:</translation>
    </message>
    <message>
        <source>&amp;Nom affiché :</source>
        <translation>الاسم ال&amp;معروض:</translation>
    </message>
    <message>
        <source>&amp;Rôle :</source>
        <translation>ال&amp;دور:</translation>
    </message>
    <message>
        <source>Mot de &amp;passe :</source>
        <translation>&amp;كلمة المرور:</translation>
    </message>
    <message>
        <source>Con&amp;firmation :</source>
        <translation>&amp;تأكيد كلمة المرور:</translation>
    </message>
    <message>
        <source>Nouvel utilisateur</source>
        <translation>مستخدم جديد</translation>
    </message>
    <message>
        <source>désactivé</source>
        <translation>معطل</translation>
    </message>
    <message>
        <source>verrouillé jusqu&apos;à {time}</source>
        <translation>مقفل إلى غاية {time}</translation>
    </message>
    <message>
        <source>actif</source>
        <translation>نشط</translation>
    </message>
    <message>
        <source>Utilisateur {username} ajouté ({role}).</source>
        <translation>تمت إضافة المستخدم {username} ({role}).</translation>
    </message>
    <message>
        <source>Réglages du point</source>
        <translation>إعدادات النقطة</translation>
    </message>
    <message>
        <source> min</source>
        <translation> دقيقة</translation>
    </message>
    <message>
        <source>Échecs de connexion avant verrouillage du compte</source>
        <translation>عدد محاولات الدخول الفاشلة قبل قفل الحساب</translation>
    </message>
    <message>
        <source>Durée du verrouillage du compte, en minutes</source>
        <translation>مدة قفل الحساب بالدقائق</translation>
    </message>
    <message>
        <source>Verrouillage de l&apos;écran après inactivité</source>
        <translation>قفل الشاشة بعد مدة دون نشاط</translation>
    </message>
    <message>
        <source> mois</source>
        <translation> شهر</translation>
    </message>
    <message>
        <source>Délai de dépôt après le premier acte, en mois</source>
        <translation>أجل الإيداع بعد أول عمل طبي، بالأشهر</translation>
    </message>
    <message>
        <source> jours</source>
        <translation> يوم</translation>
    </message>
    <message>
        <source>Délai de dépôt après la fin d&apos;un traitement continu, en jours</source>
        <translation>أجل الإيداع بعد نهاية علاج مستمر، بالأيام</translation>
    </message>
    <message>
        <source>Montant maximal d&apos;un dépôt, en dirhams</source>
        <translation>المبلغ الأقصى للإيداع، بالدرهم</translation>
    </message>
    <message>
        <source>Échecs de connexion avant &amp;verrouillage :</source>
        <translation>المحاولات الفاشلة قبل ال&amp;قفل:</translation>
    </message>
    <message>
        <source>Durée du verrouillage du &amp;compte :</source>
        <translation>مدة قفل ال&amp;حساب:</translation>
    </message>
    <message>
        <source>Verrouil&amp;lage de l&apos;écran après inactivité :</source>
        <translation>قفل ال&amp;شاشة بعد مدة دون نشاط:</translation>
    </message>
    <message>
        <source>Connexion et session</source>
        <translation>الدخول والجلسة</translation>
    </message>
    <message>
        <source>Délai de dépôt après le premier &amp;acte :</source>
        <translation>أجل الإيداع بعد &amp;أول عمل طبي:</translation>
    </message>
    <message>
        <source>Délai après la fin d&apos;un &amp;traitement continu :</source>
        <translation>الأجل بعد نهاية &amp;علاج مستمر:</translation>
    </message>
    <message>
        <source>Montant &amp;maximal d&apos;un dépôt :</source>
        <translation>&amp;سقف مبلغ الإيداع:</translation>
    </message>
    <message>
        <source>Règles des dépôts</source>
        <translation>قواعد الإيداع</translation>
    </message>
    <message>
        <source>Ces règles remplacent les valeurs par défaut jusqu&apos;à ce que la CNSS en publie d&apos;autres.</source>
        <translation>تحل هذه القواعد محل القيم الافتراضية إلى أن ينشر الصندوق الوطني للضمان الاجتماعي قيما أخرى.</translation>
    </message>
    <message>
        <source>Enregistrer les réglages (Ctrl+S)</source>
        <translation>حفظ الإعدادات (Ctrl+S)</translation>
    </message>
    <message>
        <source>Enregistrer les réglages</source>
        <translation>حفظ الإعدادات</translation>
    </message>
    <message>
        <source>Message sur les réglages</source>
        <translation>رسالة حول الإعدادات</translation>
    </message>
    <message>
        <source>Le montant maximal doit être compris entre {min} et {max}.</source>
        <translation>يجب أن يكون المبلغ الأقصى بين {min} و{max}.</translation>
    </message>
    <message>
        <source>Aucun réglage n&apos;a changé.</source>
        <translation>لم يتغير أي إعداد.</translation>
    </message>
    <message>
        <source>Réglages enregistrés : {count} modification(s).</source>
        <translation>تم حفظ الإعدادات (عدد التعديلات: {count}).</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Scellement des lots</source>
        <translation>ختم الدفعات</translation>
    </message>
    <message>
        <source>Envoi des lots</source>
        <translation>إرسال الدفعات</translation>
    </message>
    <message>
        <source>Envoi des pièces scannées</source>
        <translation>إرسال الوثائق الممسوحة</translation>
    </message>
    <message>
        <source>Réception des mises à jour de la CNSS</source>
        <translation>استلام تحديثات CNSS</translation>
    </message>
    <message>
        <source>Réception des données de référence</source>
        <translation>استلام البيانات المرجعية</translation>
    </message>
    <message>
        <source>La synchronisation a échoué (code {code}) : elle reprendra plus tard.</source>
        <translation>فشلت المزامنة (الرمز {code}): ستُستأنف لاحقاً.</translation>
    </message>
    <message>
        <source>Synchronisation avec la CNSS</source>
        <extracomment>The clerk wants to correct this rejected claim (its receipt number, code, message). The same for a rejected enrolment (the enrolment page takes over).</extracomment>
        <translation>المزامنة مع CNSS</translation>
    </message>
    <message>
        <source>État</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Liaison :</source>
        <translation>الاتصال:</translation>
    </message>
    <message>
        <source>En attente d&apos;envoi :</source>
        <translation>في انتظار الإرسال:</translation>
    </message>
    <message>
        <source>Dernière synchronisation réussie :</source>
        <translation>آخر مزامنة ناجحة:</translation>
    </message>
    <message>
        <source>Prochaine tentative automatique :</source>
        <translation>المحاولة التلقائية القادمة:</translation>
    </message>
    <message>
        <source>État de la liaison</source>
        <translation>حالة الاتصال</translation>
    </message>
    <message>
        <source>Éléments en attente d&apos;envoi</source>
        <translation>العناصر في انتظار الإرسال</translation>
    </message>
    <message>
        <source>Avertissement</source>
        <translation>تنبيه</translation>
    </message>
    <message>
        <source>Synchroniser &amp;maintenant</source>
        <translation>&amp;زامن الآن</translation>
    </message>
    <message>
        <source>Synchroniser maintenant avec la CNSS</source>
        <translation>المزامنة الآن مع CNSS</translation>
    </message>
    <message>
        <source>Scelle tout ce qui attend et l&apos;envoie à la CNSS, puis reçoit ses réponses.</source>
        <translation>يختم كل ما ينتظر ويرسله إلى CNSS، ثم يستلم أجوبتها.</translation>
    </message>
    <message>
        <source>Avancement de la synchronisation</source>
        <translation>تقدّم المزامنة</translation>
    </message>
    <message>
        <source>Résultat de la dernière synchronisation</source>
        <translation>نتيجة آخر مزامنة</translation>
    </message>
    <message>
        <source>Scellé le</source>
        <translation>تاريخ الختم</translation>
    </message>
    <message>
        <source>Éléments</source>
        <translation>العناصر</translation>
    </message>
    <message>
        <source>Acceptés</source>
        <translation>المقبولة</translation>
    </message>
    <message>
        <source>Rejetés</source>
        <translation>المرفوضة</translation>
    </message>
    <message>
        <source>Derniers lots</source>
        <translation>آخر الدفعات</translation>
    </message>
    <message>
        <source>N° de reçu</source>
        <translation>رقم الوصل</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Message de la CNSS</source>
        <translation>رسالة CNSS</translation>
    </message>
    <message>
        <source>Rejeté le</source>
        <translation>تاريخ الرفض</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Dépôts rejetés à corriger</source>
        <translation>ملفات مرفوضة يجب تصحيحها</translation>
    </message>
    <message>
        <source>Rejetés par la CNSS, à corriger</source>
        <translation>رفضتها CNSS، يجب تصحيحها</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>المزامنة</translation>
    </message>
    <message>
        <source>non activée</source>
        <translation>غير مفعّل</translation>
    </message>
    <message>
        <source>coupée ({server}) : {reason}</source>
        <translation>مقطوع ({server}): {reason}</translation>
    </message>
    <message>
        <source>active ({server})</source>
        <translation>نشط ({server})</translation>
    </message>
    <message>
        <source>{records} dépôt(s) ou inscription(s) ({items} élément(s) avec le journal)</source>
        <translation>{records} ملف(ات) أو تسجيل(ات) ({items} عنصر(عناصر) مع السجل)</translation>
    </message>
    <message>
        <source>jamais</source>
        <translation>أبداً</translation>
    </message>
    <message>
        <source>dès que possible</source>
        <translation>في أقرب وقت</translation>
    </message>
    <message>
        <source>Ce poste n&apos;est pas encore activé auprès de la CNSS : les dépôts restent enregistrés ici et partiront dès l&apos;activation. Un superviseur l&apos;active une fois avec le code remis par la CNSS : « agent-app activate --server ADRESSE --code CODE ».</source>
        <translation>لم يُفعَّل هذا الحاسوب بعد لدى CNSS: تبقى الملفات مسجّلة هنا وستُرسل فور التفعيل. يفعّله المشرف مرة واحدة بالرمز الذي تسلّمه CNSS: « agent-app activate --server العنوان --code الرمز ».</translation>
    </message>
    <message>
        <source>L&apos;horloge de ce poste est décalée de {minutes} min par rapport à celle de la CNSS : faites corriger l&apos;heure du poste.</source>
        <translation>ساعة هذا الحاسوب متأخرة أو متقدمة بـ {minutes} دقيقة عن ساعة CNSS: اطلب تصحيح توقيت الحاسوب.</translation>
    </message>
    <message>
        <source>scellé, pas encore envoyé</source>
        <translation>مختوم، لم يُرسل بعد</translation>
    </message>
    <message>
        <source>envoyé, réponse attendue</source>
        <translation>أُرسل، في انتظار الجواب</translation>
    </message>
    <message>
        <source>reçu par la CNSS</source>
        <translation>توصّلت به CNSS</translation>
    </message>
    <message>
        <source>refusé ({code})</source>
        <translation>مرفوض ({code})</translation>
    </message>
    <message>
        <source>{count} élément(s) rejeté(s) : corrigez chaque dépôt d&apos;après le motif, la nouvelle version remplace l&apos;ancienne et part au prochain envoi.</source>
        <translation>{count} عنصر(عناصر) مرفوض(ة): صحّح كل ملف حسب السبب، تحلّ النسخة الجديدة محلّ القديمة وتُرسل في الإرسال القادم.</translation>
    </message>
    <message>
        <source>Aucun élément rejeté à corriger.</source>
        <translation>لا يوجد أي عنصر مرفوض للتصحيح.</translation>
    </message>
    <message>
        <source>Corriger et renvoyer</source>
        <translation>صحّح وأعد الإرسال</translation>
    </message>
    <message>
        <source>Corriger et renvoyer le dépôt {receipt_no}</source>
        <translation>صحّح الملف {receipt_no} وأعد إرساله</translation>
    </message>
    <message>
        <source>Corriger et renvoyer l&apos;inscription {receipt_no}</source>
        <translation>صحّح وأعد إرسال التسجيل {receipt_no}</translation>
    </message>
    <message>
        <source>Une synchronisation est déjà en cours.</source>
        <translation>توجد مزامنة جارية.</translation>
    </message>
    <message>
        <source>Connexion à la CNSS…</source>
        <translation>الاتصال بـ CNSS…</translation>
    </message>
    <message>
        <source>Synchronisation en cours…</source>
        <translation>المزامنة جارية…</translation>
    </message>
    <message>
        <source>Rien n&apos;a été envoyé : ce poste n&apos;est pas encore activé.</source>
        <translation>لم يُرسل أي شيء: هذا الحاسوب غير مفعّل بعد.</translation>
    </message>
    <message>
        <source>Une autre synchronisation est en cours sur ce poste : réessayez dans un instant.</source>
        <translation>توجد مزامنة أخرى جارية على هذا الحاسوب: أعد المحاولة بعد لحظة.</translation>
    </message>
    <message>
        <source>Prochaine tentative automatique le {when} ; « Synchroniser maintenant » essaie tout de suite.</source>
        <translation>المحاولة التلقائية القادمة في {when}؛ « زامن الآن » يحاول فوراً.</translation>
    </message>
    <message>
        <source>{sent} lot(s) envoyé(s) : {accepted} élément(s) accepté(s), {rejected} rejeté(s), {duplicates} déjà reçu(s) ; {pending} encore en attente.</source>
        <translation>{sent} دفعة(دفعات) مرسلة: {accepted} عنصر مقبول، {rejected} مرفوض، {duplicates} متوصَّل به سابقاً؛ {pending} ما زال في الانتظار.</translation>
    </message>
    <message>
        <source>{updates} mise(s) à jour reçue(s) de la CNSS.</source>
        <translation>{updates} تحديث(ات) مستلم(ة) من CNSS.</translation>
    </message>
    <message>
        <source>Synchronisation terminée. {counts}</source>
        <translation>انتهت المزامنة. {counts}</translation>
    </message>
    <message>
        <source>Nouvel essai automatique le {when}.</source>
        <translation>محاولة تلقائية جديدة في {when}.</translation>
    </message>
    <message>
        <source>Synchronisation interrompue : {reason} {counts}{retry}</source>
        <translation>توقفت المزامنة: {reason} {counts}{retry}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Imprimé : {number}</source>
        <translation>تمت الطباعة: {number}</translation>
    </message>
    <message>
        <source>Non imprimé : {number} ({reason})</source>
        <translation>لم تتم الطباعة: {number} ({reason})</translation>
    </message>
    <message>
        <source>Non imprimé : {number}</source>
        <translation>لم تتم الطباعة: {number}</translation>
    </message>
    <message>
        <source>Guichet AMO</source>
        <translation>شباك AMO</translation>
    </message>
    <message>
        <source>Phrase de passe du magasin de données :</source>
        <translation>عبارة مرور قاعدة البيانات:</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Une erreur inattendue s&apos;est produite. Rien de ce qui était enregistré n&apos;est perdu. Le détail est dans le journal de l&apos;application ({kind}).</source>
        <translation>حدث خطأ غير متوقع. لم يضع أي شيء مما سُجّل. التفاصيل موجودة في سجل التطبيق ({kind}).</translation>
    </message>
    <message>
        <source>Guichet AMO</source>
        <translation>شباك AMO</translation>
    </message>
</context>
<context>
    <name>rejections</name>
    <message>
        <source>Dossier incomplet ou mal saisi</source>
        <translation>ملف ناقص أو به خطأ في الإدخال</translation>
    </message>
    <message>
        <source>Dossier d&apos;un autre point de service</source>
        <translation>ملف تابع لنقطة خدمة أخرى</translation>
    </message>
    <message>
        <source>Dépôt hors délai sans motif</source>
        <translation>إيداع خارج الأجل دون سبب</translation>
    </message>
    <message>
        <source>Correction d&apos;un dossier inconnu de la CNSS</source>
        <translation>تصحيح لملف لا تعرفه CNSS</translation>
    </message>
    <message>
        <source>Dossier déjà remplacé</source>
        <translation>ملف سبق استبداله</translation>
    </message>
    <message>
        <source>Enfant au-delà de l&apos;âge de couverture</source>
        <translation>طفل تجاوز سن التغطية</translation>
    </message>
    <message>
        <source>Contenu de l&apos;enveloppe différent de son bordereau</source>
        <translation>محتوى الظرف لا يطابق جدول الإرسال</translation>
    </message>
    <message>
        <source>Originaux manquants</source>
        <translation>الأصول ناقصة</translation>
    </message>
    <message>
        <source>Cachet ou vignette INPE absent</source>
        <translation>ختم أو ملصق INPE غائب</translation>
    </message>
    <message>
        <source>Feuille de soins non signée</source>
        <translation>ورقة العلاج غير موقعة</translation>
    </message>
    <message>
        <source>Motif du retard non retenu par la CNSS</source>
        <translation>لم تقبل CNSS سبب التأخير</translation>
    </message>
</context>
</TS>
