"""The information notice of law 09-08, shown at every enrolment in French and Arabic together.

The notice is the same text whatever the clerk's language (the insured reads one or the
other), so it is not a ``tr()`` string: both versions are shown side by side, each in its own
direction. Its content follows what law 09-08 requires the person to be told: who processes
the data, why, who receives it, the rights of access, rectification and opposition and how to
use them, and the declaration to the CNDP.
"""

from __future__ import annotations

from typing import Final

NOTICE_TITLE_FR: Final = "Notice d'information — protection des données personnelles (loi 09-08)"
NOTICE_TITLE_AR: Final = "إشعار إخبار — حماية المعطيات ذات الطابع الشخصي (القانون 09-08)"

NOTICE_FR: Final = (
    "Responsable du traitement : la Caisse nationale de sécurité sociale (CNSS), dont le "
    "siège est à Casablanca.\n\n"
    "Finalité : les informations de ce formulaire (328-1-01) et les copies de votre carte "
    "nationale servent à votre immatriculation à l'assurance maladie obligatoire des "
    "travailleurs non salariés (AMO-TNS), à celle de vos ayants droit et à la gestion de vos "
    "droits. Seules les informations nécessaires sont demandées.\n\n"
    "Destinataires : les services habilités de la CNSS, l'Agence nationale de l'assurance "
    "maladie (ANAM) et l'organisme de liaison de votre catégorie professionnelle, dans la "
    "limite de leurs missions. Ce point de service ne les utilise à aucune autre fin et les "
    "efface une fois leur réception confirmée par la CNSS et la durée de conservation écoulée.\n\n"
    "Vos droits : vous pouvez accéder aux informations qui vous concernent, les faire "
    "rectifier et, pour des motifs légitimes, vous opposer à leur traitement, en vous adressant "
    "à une agence de la CNSS ou par écrit au siège.\n\n"
    "Ce traitement est déclaré à la Commission nationale de contrôle de la protection des "
    "données à caractère personnel (CNDP), conformément à la loi 09-08."
)

NOTICE_AR: Final = (
    "المسؤول عن المعالجة: الصندوق الوطني للضمان الاجتماعي، الذي يوجد مقره بالدار "
    "البيضاء.\n\n"
    "الغاية: تُستعمل معلومات هذه الاستمارة (328-1-01) ونسخ بطاقتكم الوطنية لتسجيلكم في "
    "التأمين الإجباري الأساسي عن المرض الخاص بالعمال غير الأجراء، وتسجيل ذوي حقوقكم، وتدبير "
    "حقوقكم. لا تُطلب إلا المعلومات الضرورية.\n\n"
    "المرسل إليهم: المصالح المؤهلة بالصندوق، والوكالة الوطنية للتأمين الصحي، وهيئة الربط "
    "الخاصة بفئتكم المهنية، في حدود مهامها. لا تستعمل نقطة الخدمة هذه المعلومات لأي غرض آخر، "
    "وتمحوها بعد أن يؤكد الصندوق توصله بها وانقضاء مدة الحفظ.\n\n"
    "حقوقكم: يمكنكم الولوج إلى المعلومات المتعلقة بكم وطلب تصحيحها، والتعرض على معالجتها "
    "لأسباب مشروعة، بالتوجه إلى إحدى وكالات الصندوق أو كتابةً إلى مقره.\n\n"
    "تم التصريح بهذه المعالجة لدى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي، "
    "طبقاً للقانون 09-08."
)
