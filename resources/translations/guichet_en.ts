<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr">
<context>
    <name>AddressesStep</name>
    <message>
        <source>&amp;Identique à l&apos;adresse personnelle</source>
        <translation>&amp;Same as the personal address</translation>
    </message>
    <message>
        <source>Adresse professionnelle identique à l&apos;adresse personnelle</source>
        <translation>Professional address same as the personal address</translation>
    </message>
    <message>
        <source>Adresse personnelle</source>
        <translation>Personal address</translation>
    </message>
    <message>
        <source>&amp;Adresse :</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;Quartier :</source>
        <translation>&amp;District:</translation>
    </message>
    <message>
        <source>C&amp;ommune :</source>
        <translation>C&amp;ommune:</translation>
    </message>
    <message>
        <source>&amp;Ville :</source>
        <translation>&amp;City:</translation>
    </message>
    <message>
        <source>Code &amp;postal :</source>
        <translation>&amp;Postal code:</translation>
    </message>
    <message>
        <source>Adresse professionnelle</source>
        <translation>Professional address</translation>
    </message>
    <message>
        <source>Adr&amp;esse :</source>
        <translation>Addr&amp;ess:</translation>
    </message>
    <message>
        <source>Q&amp;uartier :</source>
        <translation>Dist&amp;rict:</translation>
    </message>
    <message>
        <source>Co&amp;mmune :</source>
        <translation>Co&amp;mmune:</translation>
    </message>
    <message>
        <source>Vi&amp;lle :</source>
        <translation>Ci&amp;ty:</translation>
    </message>
    <message>
        <source>Code pos&amp;tal :</source>
        <translation>Posta&amp;l code:</translation>
    </message>
    <message>
        <source>{field} (personnelle)</source>
        <translation>{field} (personal)</translation>
    </message>
    <message>
        <source>{field} (professionnelle)</source>
        <translation>{field} (professional)</translation>
    </message>
    <message>
        <source>5 chiffres</source>
        <translation>5 digits</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>optional</translation>
    </message>
</context>
<context>
    <name>ApplicantStep</name>
    <message>
        <source>en capitales, comme sur la CIN</source>
        <translation>in capitals, as on the ID card</translation>
    </message>
    <message>
        <source>facultatif, en caractères arabes</source>
        <translation>optional, in Arabic script</translation>
    </message>
    <message>
        <source>ex. BK654321</source>
        <translation>e.g. BK654321</translation>
    </message>
    <message>
        <source>&amp;Vérifier auprès de la CNSS</source>
        <translation>&amp;Verify with the CNSS</translation>
    </message>
    <message>
        <source>Vérifier ce CIN auprès de la CNSS</source>
        <translation>Verify this CIN with the CNSS</translation>
    </message>
    <message>
        <source>Réponse de la CNSS</source>
        <translation>CNSS answer</translation>
    </message>
    <message>
        <source>Inscription déjà enregistrée</source>
        <translation>Enrolment already recorded</translation>
    </message>
    <message>
        <source>facultatif, 9 chiffres</source>
        <translation>optional, 9 digits</translation>
    </message>
    <message>
        <source>MA pour le Maroc</source>
        <translation>MA for Morocco</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>M ou F</source>
        <translation>M or F</translation>
    </message>
    <message>
        <source>06 12 34 56 78</source>
        <translation>06 12 34 56 78</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>choisir</source>
        <translation>choose</translation>
    </message>
    <message>
        <source>Organisme de liaison</source>
        <translation>Liaison body</translation>
    </message>
    <message>
        <source>Identité (formulaire 328-1-01)</source>
        <translation>Identity (form 328-1-01)</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Last name:</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>&amp;First name:</translation>
    </message>
    <message>
        <source>Nom en &amp;arabe :</source>
        <translation>Last name in &amp;Arabic:</translation>
    </message>
    <message>
        <source>Prénom en ara&amp;be :</source>
        <translation>First name in Ara&amp;bic:</translation>
    </message>
    <message>
        <source>&amp;CIN :</source>
        <translation>&amp;CIN:</translation>
    </message>
    <message>
        <source>N° d&apos;&amp;immatriculation :</source>
        <translation>&amp;Immatriculation no.:</translation>
    </message>
    <message>
        <source>Na&amp;tionalité :</source>
        <translation>Na&amp;tionality:</translation>
    </message>
    <message>
        <source>Se&amp;xe :</source>
        <translation>Se&amp;x:</translation>
    </message>
    <message>
        <source>&amp;Date de naissance :</source>
        <translation>&amp;Date of birth:</translation>
    </message>
    <message>
        <source>Contact et activité</source>
        <translation>Contact and activity</translation>
    </message>
    <message>
        <source>Téléphone &amp;mobile :</source>
        <translation>&amp;Mobile phone:</translation>
    </message>
    <message>
        <source>&amp;E-mail :</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>Caté&amp;gorie :</source>
        <translation>Cate&amp;gory:</translation>
    </message>
    <message>
        <source>&amp;Sous-catégorie :</source>
        <translation>&amp;Sub-category:</translation>
    </message>
</context>
<context>
    <name>CinChecks</name>
    <message>
        <source>Possible une fois le poste activé auprès de la CNSS.</source>
        <translation>Possible once the workstation is activated with the CNSS.</translation>
    </message>
    <message>
        <source>Ce CIN a déjà une inscription à ce point : reçu {receipt_no}, {name}, du {day}, statut « {status} ». Vérifiez avec l&apos;assuré avant de continuer ; s&apos;il s&apos;agit bien d&apos;une nouvelle demande, un motif sera demandé à l&apos;enregistrement.</source>
        <translation>This CIN already has an enrolment at this point: receipt {receipt_no}, {name}, of {day}, status “{status}”. Check with the insured before going on; if it really is a new request, a reason will be asked when saving.</translation>
    </message>
    <message>
        <source>Saisissez d&apos;abord le CIN du demandeur.</source>
        <translation>Type the applicant&apos;s CIN first.</translation>
    </message>
    <message>
        <source>Interrogation de la CNSS…</source>
        <translation>Asking the CNSS…</translation>
    </message>
</context>
<context>
    <name>ClaimsTableModel</name>
    <message>
        <source>N° de reçu</source>
        <extracomment>``data(index, CLAIM_ROLE)``: the row&apos;s :class:`ClaimRow`, or None while it is being read. A search has replaced the rows; the argument is how many there are. A search or a page read failed; the argument is the exception. How many page reads were asked of the worker since the model was made.</extracomment>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>Déposé le</source>
        <translation>Deposited on</translation>
    </message>
    <message>
        <source>Immatriculation</source>
        <translation>Immatriculation no.</translation>
    </message>
    <message>
        <source>Assuré</source>
        <translation>Insured</translation>
    </message>
    <message>
        <source>Bénéficiaire</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <source>Type de soins</source>
        <translation>Type of care</translation>
    </message>
    <message>
        <source>Montant déclaré</source>
        <translation>Declared amount</translation>
    </message>
    <message>
        <source>Pièces</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nombre de pièces jointes au dossier</source>
        <translation>Number of documents attached to the file</translation>
    </message>
</context>
<context>
    <name>ConfirmWarningsDialog</name>
    <message>
        <source>Confirmer les avertissements</source>
        <translation>Confirm the warnings</translation>
    </message>
    <message>
        <source>Le dépôt peut être enregistré, mais chaque point ci-dessous demande une confirmation. Indiquez le motif : il est conservé avec le dépôt et transmis à la CNSS.</source>
        <translation>The deposit can be recorded, but each point below needs a confirmation. Give the reason: it is kept with the deposit and sent to CNSS.</translation>
    </message>
    <message>
        <source>Motif :</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Pourquoi le dépôt est accepté malgré ce point</source>
        <translation>Why the deposit is accepted despite this point</translation>
    </message>
    <message>
        <source>Motif : {warning}</source>
        <translation>Reason: {warning}</translation>
    </message>
    <message>
        <source>Enregistrer avec ces motifs</source>
        <translation>Save with these reasons</translation>
    </message>
    <message>
        <source>Revenir au formulaire</source>
        <translation>Back to the form</translation>
    </message>
    <message>
        <source>Déjà déposé sous le reçu {receipt_no}</source>
        <translation>Already deposited under receipt {receipt_no}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>JJ/MM/AAAA</source>
        <translation>DD/MM/YYYY</translation>
    </message>
</context>
<context>
    <name>DayReportPage</name>
    <message>
        <source>Journée</source>
        <extracomment>The order statuses are listed in: the path of a deposit, then its endings.</extracomment>
        <translation>Day report</translation>
    </message>
    <message>
        <source>Jour du rapport</source>
        <translation>Report day</translation>
    </message>
    <message>
        <source>&amp;Jour :</source>
        <translation>&amp;Day:</translation>
    </message>
    <message>
        <source>&amp;Aujourd&apos;hui</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <source>Revenir à aujourd&apos;hui</source>
        <translation>Back to today</translation>
    </message>
    <message>
        <source>Exporter en CSV… (Ctrl+E)</source>
        <translation>Export to CSV… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Exporter les dépôts du jour en CSV</source>
        <translation>Export the day&apos;s deposits to CSV</translation>
    </message>
    <message>
        <source>&amp;Clôturer la journée…</source>
        <translation>&amp;Close the day…</translation>
    </message>
    <message>
        <source>Clôturer la journée (superviseur)</source>
        <translation>Close the day (supervisor)</translation>
    </message>
    <message>
        <source>État de la journée</source>
        <translation>Day status</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Synthèse</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Dépôts :</source>
        <translation>Deposits:</translation>
    </message>
    <message>
        <source>Montant déclaré :</source>
        <translation>Declared amount:</translation>
    </message>
    <message>
        <source>Documents joints :</source>
        <translation>Attached documents:</translation>
    </message>
    <message>
        <source>Dépôts annulés :</source>
        <translation>Voided deposits:</translation>
    </message>
    <message>
        <source>Immatriculations AMO-TNS :</source>
        <translation>AMO-TNS enrolments:</translation>
    </message>
    <message>
        <source>Dépôts par type de soins</source>
        <translation>Deposits by type of care</translation>
    </message>
    <message>
        <source>Dépôts par statut</source>
        <translation>Deposits by status</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Dépôts</source>
        <translation>Deposits</translation>
    </message>
    <message>
        <source>Par statut</source>
        <translation>By status</translation>
    </message>
    <message>
        <source>Alertes : dépôts sans accusé de réception de la CNSS après {hours} h</source>
        <translation>Alerts: deposits without a CNSS acknowledgement after {hours} h</translation>
    </message>
    <message>
        <source>Dépôts en attente d&apos;accusé de réception</source>
        <translation>Deposits awaiting acknowledgement</translation>
    </message>
    <message>
        <source>N° de reçu</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>Déposé le</source>
        <translation>Deposited on</translation>
    </message>
    <message>
        <source>Attente</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Aucun dépôt ce jour.</source>
        <translation>No deposits on this day.</translation>
    </message>
    <message>
        <source>Journée du {day} ouverte : pas encore clôturée.</source>
        <translation>Day {day} open: not closed yet.</translation>
    </message>
    <message>
        <source>Journée du {day} clôturée le {date} à {time} par {user}.</source>
        <translation>Day {day} closed on {date} at {time} by {user}.</translation>
    </message>
    <message>
        <source>Aucun dépôt n&apos;attend l&apos;accusé de réception de la CNSS depuis plus de {hours} h.</source>
        <translation>No deposit has been waiting more than {hours} h for a CNSS acknowledgement.</translation>
    </message>
    <message>
        <source>{count} dépôt(s) de plus de {hours} h sans accusé de réception de la CNSS : vérifiez la liaison et l&apos;envoi des lots.</source>
        <translation>{count} deposit(s) over {hours} h old without a CNSS acknowledgement: check the link and that batches are being sent.</translation>
    </message>
    <message>
        <source>Les {shown} plus anciens sont listés.</source>
        <translation>The {shown} oldest are listed.</translation>
    </message>
    <message>
        <source>{days} j {hours} h</source>
        <translation>{days} d {hours} h</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>Exporter les dépôts du {day}</source>
        <translation>Export the deposits of {day}</translation>
    </message>
    <message>
        <source>Fichier CSV (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <source>{count} dépôt(s) du {day} exporté(s) dans {path}.</source>
        <translation>{count} deposit(s) of {day} exported to {path}.</translation>
    </message>
    <message>
        <source>Clôturer la journée</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <source>Clôturer la journée du {day} ? {claims} dépôt(s) pour {total}. La clôture est définitive.</source>
        <translation>Close the day {day}? {claims} deposit(s) for {total}. Closing is final.</translation>
    </message>
    <message>
        <source>Journée du {day} clôturée.</source>
        <translation>Day {day} closed.</translation>
    </message>
</context>
<context>
    <name>DependentsStep</name>
    <message>
        <source>Ayants droit déclarés</source>
        <translation>Declared dependents</translation>
    </message>
    <message>
        <source>Aucun ayant droit déclaré. Inser ou Alt+A ajoute une personne ; Entrée modifie la personne choisie, Suppr la retire.</source>
        <translation>No dependent declared. Insert or Alt+A adds a person; Enter edits the selected person, Delete removes them.</translation>
    </message>
    <message>
        <source>&amp;Ajouter (Inser)</source>
        <translation>&amp;Add (Insert)</translation>
    </message>
    <message>
        <source>Ajouter un ayant droit</source>
        <translation>Add a dependent</translation>
    </message>
    <message>
        <source>Retirer (Suppr)</source>
        <translation>Remove (Delete)</translation>
    </message>
    <message>
        <source>Retirer l&apos;ayant droit choisi</source>
        <translation>Remove the selected dependent</translation>
    </message>
    <message>
        <source>Conjoint(e)</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <source>Enfant</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>M ou F</source>
        <translation>M or F</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>1  Étudiant(e) dans l&apos;enseignement supérieur</source>
        <translation>1  Student in higher education</translation>
    </message>
    <message>
        <source>2  Marié(e)</source>
        <translation>2  Married</translation>
    </message>
    <message>
        <source>3  En situation de handicap</source>
        <translation>3  Disabled</translation>
    </message>
    <message>
        <source>4  Recueilli(e) en kafala</source>
        <translation>4  In kafala (legal custody)</translation>
    </message>
    <message>
        <source>Enfants couverts : jusqu&apos;à 21 ans ; jusqu&apos;à 26 ans s&apos;ils sont étudiants et non mariés ; sans limite d&apos;âge s&apos;ils sont en situation de handicap. Les enfants recueillis en kafala comptent comme enfants.</source>
        <translation>Children covered: up to 21; up to 26 if students and unmarried; at any age if disabled. Children in kafala count as children.</translation>
    </message>
    <message>
        <source>Personne choisie</source>
        <translation>Selected person</translation>
    </message>
    <message>
        <source>&amp;Lien :</source>
        <translation>&amp;Relationship:</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Last name:</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>&amp;First name:</translation>
    </message>
    <message>
        <source>&amp;Date de naissance :</source>
        <translation>&amp;Date of birth:</translation>
    </message>
    <message>
        <source>Se&amp;xe :</source>
        <translation>Se&amp;x:</translation>
    </message>
    <message>
        <source>&amp;CIN :</source>
        <translation>&amp;CIN:</translation>
    </message>
    <message>
        <source>Si&amp;tuation :</source>
        <translation>Si&amp;tuation:</translation>
    </message>
    <message>
        <source>Ayants droit décla&amp;rés :</source>
        <translation>Decla&amp;red dependents:</translation>
    </message>
</context>
<context>
    <name>DepositPage</name>
    <message>
        <source>Enregistrer le dépôt</source>
        <extracomment>A rejected claim was corrected: (the rejected receipt, the new version&apos;s receipt).</extracomment>
        <translation>Save the deposit</translation>
    </message>
    <message>
        <source>Imprimer le dernier reçu (Ctrl+P)</source>
        <translation>Print the last receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>Dépôt</source>
        <translation>Deposit</translation>
    </message>
    <message>
        <source>Générale (610-1-02)</source>
        <translation>General (610-1-02)</translation>
    </message>
    <message>
        <source>ALD (610-1-03)</source>
        <translation>ALD (610-1-03)</translation>
    </message>
    <message>
        <source>Dentaire (610-1-04)</source>
        <translation>Dental (610-1-04)</translation>
    </message>
    <message>
        <source>Exécution</source>
        <translation>Care done</translation>
    </message>
    <message>
        <source>Entente préalable</source>
        <translation>Prior approval</translation>
    </message>
    <message>
        <source>9 chiffres</source>
        <translation>9 digits</translation>
    </message>
    <message>
        <source>NOM Prénom</source>
        <translation>SURNAME Given name</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>M ou F</source>
        <translation>M or F</translation>
    </message>
    <message>
        <source>9 chiffres (scanner l&apos;étiquette)</source>
        <translation>9 digits (scan the label)</translation>
    </message>
    <message>
        <source>facultatif (code QR)</source>
        <translation>optional (QR code)</translation>
    </message>
    <message>
        <source>&amp;{number} {category}</source>
        <translation>&amp;{number} {category}</translation>
    </message>
    <message>
        <source>Feuille signée par l&apos;assuré</source>
        <translation>Sheet signed by the insured</translation>
    </message>
    <message>
        <source>Originaux joints</source>
        <translation>Originals attached</translation>
    </message>
    <message>
        <source>Étiquette INPE ou cachet du praticien</source>
        <translation>INPE label or practitioner&apos;s stamp</translation>
    </message>
    <message>
        <source>Un seul malade, un seul événement</source>
        <translation>One patient, one event</translation>
    </message>
    <message>
        <source>Ordonnances, factures, résultats d&apos;analyses ou d&apos;imagerie, vignettes des médicaments : des originaux, pas des copies.</source>
        <translation>Prescriptions, invoices, laboratory or imaging results, medicine labels: originals, not copies.</translation>
    </message>
    <message>
        <source>Une feuille de soins par personne et par maladie.</source>
        <translation>One care sheet per person and per illness.</translation>
    </message>
    <message>
        <source>{number}  {check}</source>
        <translation>{number}  {check}</translation>
    </message>
    <message>
        <source>Enregistrer (Ctrl+Entrée)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>État du dépôt</source>
        <translation>Deposit status</translation>
    </message>
    <message>
        <source>Correction d&apos;un dépôt rejeté</source>
        <translation>Correcting a rejected deposit</translation>
    </message>
    <message>
        <source>Abandonner la correction</source>
        <translation>Abandon the correction</translation>
    </message>
    <message>
        <source>Abandonner la correction et vider le formulaire</source>
        <translation>Abandon the correction and clear the form</translation>
    </message>
    <message>
        <source>Feuille de soins</source>
        <translation>Care sheet</translation>
    </message>
    <message>
        <source>M&amp;odèle :</source>
        <translation>&amp;Form:</translation>
    </message>
    <message>
        <source>&amp;Nature :</source>
        <translation>Request &amp;kind:</translation>
    </message>
    <message>
        <source>Assuré</source>
        <translation>Insured</translation>
    </message>
    <message>
        <source>&amp;Immatriculation :</source>
        <translation>&amp;Immatriculation:</translation>
    </message>
    <message>
        <source>Nom de l&apos;&amp;assuré :</source>
        <translation>Insured&apos;s &amp;name:</translation>
    </message>
    <message>
        <source>&amp;CIN de l&apos;assuré :</source>
        <translation>Insured&apos;s &amp;CIN:</translation>
    </message>
    <message>
        <source>&amp;Montant total (DH) :</source>
        <translation>Total &amp;amount (DH):</translation>
    </message>
    <message>
        <source>Pièces &amp;jointes :</source>
        <translation>Attached &amp;documents:</translation>
    </message>
    <message>
        <source>Bénéficiaire (le malade)</source>
        <translation>Beneficiary (the patient)</translation>
    </message>
    <message>
        <source>&amp;Lien de parenté :</source>
        <translation>&amp;Relationship:</translation>
    </message>
    <message>
        <source>Nom du &amp;bénéficiaire :</source>
        <translation>&amp;Beneficiary&apos;s name:</translation>
    </message>
    <message>
        <source>&amp;Date de naissance :</source>
        <translation>Date of birt&amp;h:</translation>
    </message>
    <message>
        <source>Se&amp;xe :</source>
        <translation>Se&amp;x:</translation>
    </message>
    <message>
        <source>CIN du bénéficiai&amp;re :</source>
        <translation>Beneficiar&amp;y&apos;s CIN:</translation>
    </message>
    <message>
        <source>Praticien</source>
        <translation>Practitioner</translation>
    </message>
    <message>
        <source>INPE &amp;prescripteur :</source>
        <translation>&amp;Prescriber INPE:</translation>
    </message>
    <message>
        <source>INPE é&amp;tablissement :</source>
        <translation>Faci&amp;lity INPE:</translation>
    </message>
    <message>
        <source>N&amp;uméro FSE :</source>
        <translation>FSE n&amp;umber:</translation>
    </message>
    <message>
        <source>Soins</source>
        <translation>Care</translation>
    </message>
    <message>
        <source>T&amp;ype de soins :</source>
        <translation>&amp;Type of care:</translation>
    </message>
    <message>
        <source>Caté&amp;gories de soins :</source>
        <translation>Care cate&amp;gories:</translation>
    </message>
    <message>
        <source>Date du pr&amp;emier acte :</source>
        <translation>First act dat&amp;e:</translation>
    </message>
    <message>
        <source>&amp;Fin de traitement :</source>
        <translation>End of treat&amp;ment:</translation>
    </message>
    <message>
        <source>&amp;Vérification du dossier</source>
        <translation>File &amp;verification</translation>
    </message>
    <message>
        <source>Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 05/11/2026 ou 05112026.</source>
        <translation>Unreadable date: enter it as DD/MM/YYYY, e.g. 05/11/2026 or 05112026.</translation>
    </message>
    <message>
        <source>Date du premier acte manquante : recopiez la date des soins inscrite par le praticien (JJ/MM/AAAA).</source>
        <translation>First act date missing: copy the date of care written by the practitioner (DD/MM/YYYY).</translation>
    </message>
    <message>
        <source>à déposer au plus tard le {deadline}</source>
        <translation>to be deposited by {deadline} at the latest</translation>
    </message>
    <message>
        <source>Dépôt non enregistré : corrigez les champs signalés en rouge.</source>
        <translation>Deposit not recorded: correct the fields marked in red.</translation>
    </message>
    <message>
        <source>Enregistrement…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Reçu {receipt_no} enregistré.</source>
        <translation>Receipt {receipt_no} recorded.</translation>
    </message>
    <message>
        <source>Reçu {receipt_no} enregistré : cette nouvelle version remplace le dépôt rejeté {rejected} et partira au prochain envoi.</source>
        <translation>Receipt {receipt_no} saved: this new version replaces the rejected deposit {rejected} and will travel in the next sending.</translation>
    </message>
    <message>
        <source>Dépôt non enregistré.</source>
        <translation>Deposit not recorded.</translation>
    </message>
    <message>
        <source>Confirmez les avertissements pour enregistrer.</source>
        <translation>Confirm the warnings to save.</translation>
    </message>
    <message>
        <source>Dépôt non enregistré : les avertissements n&apos;ont pas été confirmés.</source>
        <translation>Deposit not recorded: the warnings were not confirmed.</translation>
    </message>
    <message>
        <source>Lecture du dépôt rejeté {receipt_no}…</source>
        <translation>Reading the rejected deposit {receipt_no}…</translation>
    </message>
    <message>
        <source>Correction du dépôt {receipt_no}, rejeté par la CNSS. Motif : {reason}. Corrigez ce qu&apos;il faut puis enregistrez : une nouvelle version remplacera ce dépôt (rien n&apos;est effacé) et un nouveau reçu sera imprimé.</source>
        <translation>Correcting deposit {receipt_no}, rejected by CNSS. Reason: {reason}. Correct what is needed, then save: a new version will replace this deposit (nothing is deleted) and a new receipt will be printed.</translation>
    </message>
    <message>
        <source>Enregistrer la correction (Ctrl+Entrée)</source>
        <translation>Save the correction (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Dépôt rejeté {receipt_no} chargé pour correction.</source>
        <translation>Rejected deposit {receipt_no} loaded for correction.</translation>
    </message>
    <message>
        <source>Le dépôt rejeté n&apos;a pas pu être chargé.</source>
        <translation>The rejected deposit could not be loaded.</translation>
    </message>
    <message>
        <source>Correction abandonnée : rien n&apos;a été enregistré.</source>
        <translation>Correction abandoned: nothing was saved.</translation>
    </message>
    <message>
        <source>INPE {inpe} lu, mais les deux champs INPE sont déjà remplis : videz celui à remplacer puis scannez de nouveau.</source>
        <translation>INPE {inpe} read, but both INPE fields are already filled: clear the one to replace, then scan again.</translation>
    </message>
    <message>
        <source>Code scanné : {value} ({field}).</source>
        <translation>Scanned code: {value} ({field}).</translation>
    </message>
</context>
<context>
    <name>DocumentsStep</name>
    <message>
        <source>Ce poste n&apos;est pas encore activé auprès de la CNSS : les scans ne peuvent pas encore être scellés, donc pas joints. Enregistrez l&apos;inscription sans eux ; les pièces pourront être jointes une fois le poste activé.</source>
        <translation>This workstation is not activated with the CNSS yet: scans cannot be sealed yet, so not attached. Save the enrolment without them; the documents can be attached once the workstation is activated.</translation>
    </message>
    <message>
        <source>Scannez le recto et le verso de la carte nationale. Chaque fichier est vérifié dès qu&apos;il est choisi (JPEG, PNG ou PDF, 10 Mo au plus) et n&apos;est jamais enregistré en clair sur ce poste.</source>
        <translation>Scan the front and back of the national ID card. Each file is checked as soon as it is chosen (JPEG, PNG or PDF, 10 MB at most) and is never stored unencrypted on this workstation.</translation>
    </message>
    <message>
        <source>&amp;Importer un fichier…</source>
        <translation>&amp;Import a file…</translation>
    </message>
    <message>
        <source>Choisir le d&amp;ossier du scanner…</source>
        <translation>Choose the scanner&apos;s f&amp;older…</translation>
    </message>
    <message>
        <source>Fichiers du dossier du scanner</source>
        <translation>Files in the scanner&apos;s folder</translation>
    </message>
    <message>
        <source>Actualiser la liste</source>
        <translation>Refresh the list</translation>
    </message>
    <message>
        <source>Pièces jointes à l&apos;inscription</source>
        <translation>Documents attached to the enrolment</translation>
    </message>
    <message>
        <source>Retirer (Suppr)</source>
        <translation>Remove (Delete)</translation>
    </message>
    <message>
        <source>Dossier du scanner</source>
        <translation>Scanner folder</translation>
    </message>
    <message>
        <source>Fichiers les plus récents (Entrée pour &amp;joindre) :</source>
        <translation>Newest files (Enter to &amp;attach):</translation>
    </message>
    <message>
        <source>Pièces jointes</source>
        <translation>Attached documents</translation>
    </message>
    <message>
        <source>Scans &amp;vérifiés, joints après l&apos;enregistrement :</source>
        <translation>&amp;Checked scans, attached after saving:</translation>
    </message>
    <message>
        <source>Aucun dossier choisi : indiquez où le scanner dépose ses fichiers.</source>
        <translation>No folder chosen: say where the scanner puts its files.</translation>
    </message>
    <message>
        <source>Dossier : {folder}</source>
        <translation>Folder: {folder}</translation>
    </message>
    <message>
        <source>Dossier où le scanner dépose ses fichiers</source>
        <translation>Folder where the scanner puts its files</translation>
    </message>
    <message>
        <source>Scans de la carte nationale</source>
        <translation>National ID card scans</translation>
    </message>
    <message>
        <source>Images et PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Images and PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <source>{count} scans au plus par inscription.</source>
        <translation>{count} scans at most per enrolment.</translation>
    </message>
    <message>
        <source>Vérification de {name}…</source>
        <translation>Checking {name}…</translation>
    </message>
    <message>
        <source>{name} refusé : {reason}</source>
        <translation>{name} refused: {reason}</translation>
    </message>
    <message>
        <source>{name} vérifié : il sera joint à l&apos;enregistrement.</source>
        <translation>{name} checked: it will be attached when saving.</translation>
    </message>
    <message>
        <source>{name} ({kind}, {size} ko)</source>
        <translation>{name} ({kind}, {size} kB)</translation>
    </message>
</context>
<context>
    <name>EnrolmentPage</name>
    <message>
        <source>Demandeur</source>
        <extracomment>A rejected enrolment was corrected: (the rejected receipt, the new version&apos;s receipt).</extracomment>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Adresses</source>
        <translation>Addresses</translation>
    </message>
    <message>
        <source>Ayants droit</source>
        <translation>Dependents</translation>
    </message>
    <message>
        <source>Pièces</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Notice 09-08</source>
        <translation>Notice 09-08</translation>
    </message>
    <message>
        <source>Vérification</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Immatriculation</source>
        <translation>Enrolment</translation>
    </message>
    <message>
        <source>État de l&apos;inscription</source>
        <translation>Enrolment status</translation>
    </message>
    <message>
        <source>Précédent (Ctrl+PgPréc)</source>
        <translation>Previous (Ctrl+PgUp)</translation>
    </message>
    <message>
        <source>Suivant (Ctrl+PgSuiv)</source>
        <translation>Next (Ctrl+PgDown)</translation>
    </message>
    <message>
        <source>Enregistrer (Ctrl+Entrée)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Enregistrer l&apos;inscription</source>
        <translation>Save the enrolment</translation>
    </message>
    <message>
        <source>Correction d&apos;une inscription rejetée</source>
        <translation>Correcting a rejected enrolment</translation>
    </message>
    <message>
        <source>Abandonner la correction</source>
        <translation>Abandon the correction</translation>
    </message>
    <message>
        <source>Étape suivante</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>Étape précédente</source>
        <translation>Previous step</translation>
    </message>
    <message>
        <source>Imprimer le reçu (Ctrl+P)</source>
        <translation>Print the receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>Imprimer le reçu</source>
        <translation>Print the receipt</translation>
    </message>
    <message>
        <source>Étape {number} : {title}</source>
        <translation>Step {number}: {title}</translation>
    </message>
    <message>
        <source>à corriger</source>
        <translation>to correct</translation>
    </message>
    <message>
        <source>Organisme de liaison : {body}</source>
        <translation>Liaison body: {body}</translation>
    </message>
    <message>
        <source>Organisme de liaison : non communiqué par la CNSS</source>
        <translation>Liaison body: not given by the CNSS</translation>
    </message>
    <message>
        <source>Conjoint(e)</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <source>Enfant</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>(nom à saisir)</source>
        <translation>(name to type)</translation>
    </message>
    <message>
        <source>Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 04/05/1980 ou 04051980.</source>
        <translation>Unreadable date: type it as DD/MM/YYYY, for example 04/05/1980 or 04051980.</translation>
    </message>
    <message>
        <source>Choisissez le sexe : M ou F.</source>
        <translation>Choose the sex: M or F.</translation>
    </message>
    <message>
        <source>Date de naissance manquante : recopiez-la de la CIN (JJ/MM/AAAA).</source>
        <translation>Date of birth missing: copy it from the ID card (DD/MM/YYYY).</translation>
    </message>
    <message>
        <source>Date de signature manquante (JJ/MM/AAAA).</source>
        <translation>Signature date missing (DD/MM/YYYY).</translation>
    </message>
    <message>
        <source>Date illisible : saisissez-la en JJ/MM/AAAA, par exemple 15092003.</source>
        <translation>Unreadable date: type it as DD/MM/YYYY, for example 15092003.</translation>
    </message>
    <message>
        <source>Date de naissance manquante (JJ/MM/AAAA).</source>
        <translation>Date of birth missing (DD/MM/YYYY).</translation>
    </message>
    <message>
        <source>Ayant droit {number}, {field}</source>
        <translation>Dependent {number}, {field}</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Demandeur : {name}</source>
        <translation>Applicant: {name}</translation>
    </message>
    <message>
        <source>Nom en arabe : {name}</source>
        <translation>Name in Arabic: {name}</translation>
    </message>
    <message>
        <source>CIN : {cin} — nationalité : {nationality}</source>
        <translation>CIN: {cin} — nationality: {nationality}</translation>
    </message>
    <message>
        <source>Immatriculation : {number}</source>
        <translation>Immatriculation: {number}</translation>
    </message>
    <message>
        <source>pas encore attribuée</source>
        <translation>not assigned yet</translation>
    </message>
    <message>
        <source>Sexe : {sex} — né(e) le {birth}</source>
        <translation>Sex: {sex} — born {birth}</translation>
    </message>
    <message>
        <source>Mobile : {phone} — e-mail : {email}</source>
        <translation>Mobile: {phone} — e-mail: {email}</translation>
    </message>
    <message>
        <source>Catégorie : {category} / {subcategory}</source>
        <translation>Category: {category} / {subcategory}</translation>
    </message>
    <message>
        <source>Adresse personnelle : {address}</source>
        <translation>Personal address: {address}</translation>
    </message>
    <message>
        <source>Adresse professionnelle : {address}</source>
        <translation>Professional address: {address}</translation>
    </message>
    <message>
        <source>Ayants droit : {count}</source>
        <translation>Dependents: {count}</translation>
    </message>
    <message>
        <source>Pièces jointes : {count}</source>
        <translation>Attached documents: {count}</translation>
    </message>
    <message>
        <source>Notice 09-08 : {state}</source>
        <translation>Notice 09-08: {state}</translation>
    </message>
    <message>
        <source>lue par l&apos;assuré</source>
        <translation>read by the insured</translation>
    </message>
    <message>
        <source>pas encore confirmée</source>
        <translation>not confirmed yet</translation>
    </message>
    <message>
        <source>Inscription non enregistrée : corrigez les points signalés.</source>
        <translation>Enrolment not saved: correct the points shown.</translation>
    </message>
    <message>
        <source>Enregistrement…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Inscription {receipt_no} enregistrée.</source>
        <translation>Enrolment {receipt_no} saved.</translation>
    </message>
    <message>
        <source>Inscription {receipt_no} enregistrée : cette nouvelle version remplace l&apos;inscription rejetée {rejected} et partira au prochain envoi.</source>
        <translation>Enrolment {receipt_no} saved: this new version replaces the rejected enrolment {rejected} and leaves with the next sending.</translation>
    </message>
    <message>
        <source>{count} scan(s) joint(s).</source>
        <translation>{count} scan(s) attached.</translation>
    </message>
    <message>
        <source>Scans non joints : {reasons}</source>
        <translation>Scans not attached: {reasons}</translation>
    </message>
    <message>
        <source>Inscription non enregistrée.</source>
        <translation>Enrolment not saved.</translation>
    </message>
    <message>
        <source>Confirmez les avertissements pour enregistrer.</source>
        <translation>Confirm the warnings to save.</translation>
    </message>
    <message>
        <source>Inscription non enregistrée : les avertissements n&apos;ont pas été confirmés.</source>
        <translation>Enrolment not saved: the warnings were not confirmed.</translation>
    </message>
    <message>
        <source>Lecture de l&apos;inscription rejetée {receipt_no}…</source>
        <translation>Reading the rejected enrolment {receipt_no}…</translation>
    </message>
    <message>
        <source>Correction de l&apos;inscription {receipt_no}, rejetée par la CNSS. Motif : {reason}. Corrigez ce qu&apos;il faut puis enregistrez : une nouvelle version remplacera cette inscription (rien n&apos;est effacé) et un nouveau reçu sera imprimé.</source>
        <translation>Correcting enrolment {receipt_no}, rejected by the CNSS. Reason: {reason}. Correct what is needed then save: a new version will replace this enrolment (nothing is deleted) and a new receipt will be printed.</translation>
    </message>
    <message>
        <source>Enregistrer la correction (Ctrl+Entrée)</source>
        <translation>Save the correction (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Inscription rejetée {receipt_no} chargée pour correction.</source>
        <translation>Rejected enrolment {receipt_no} loaded for correction.</translation>
    </message>
    <message>
        <source>L&apos;inscription rejetée n&apos;a pas pu être chargée.</source>
        <translation>The rejected enrolment could not be loaded.</translation>
    </message>
    <message>
        <source>Correction abandonnée : rien n&apos;a été enregistré.</source>
        <translation>Correction abandoned: nothing was saved.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Guichet AMO — connexion</source>
        <translation>Guichet AMO — sign in</translation>
    </message>
    <message>
        <source>Session verrouillée</source>
        <translation>Session locked</translation>
    </message>
    <message>
        <source>Connexion au guichet</source>
        <translation>Sign in to the counter</translation>
    </message>
    <message>
        <source>Point {code} — {name}</source>
        <translation>Point {code} — {name}</translation>
    </message>
    <message>
        <source>Nom d&apos;utilisateur</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Langue</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&amp;Utilisateur :</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>Mot de &amp;passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Langue :</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Se connecter</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Déverrouiller</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Quitter</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Saisissez votre nom d&apos;utilisateur et votre mot de passe.</source>
        <translation>Enter your user name and password.</translation>
    </message>
    <message>
        <source>Seul {username} peut déverrouiller. Un autre utilisateur quitte et se connecte avec sa propre session.</source>
        <translation>Only {username} can unlock. Anyone else quits and logs in with their own session.</translation>
    </message>
    <message>
        <source>Connexion impossible : voir le journal de l&apos;application.</source>
        <translation>Cannot sign in: see the application log.</translation>
    </message>
</context>
<context>
    <name>LookupPage</name>
    <message>
        <source>Recherche</source>
        <extracomment>The clerk asks for a copy of this receipt (the receipt number).</extracomment>
        <translation>Lookup</translation>
    </message>
    <message>
        <source>N° de reçu, immatriculation, CIN ou nom — vide : tous les dépôts</source>
        <translation>Receipt no., immatriculation, CIN or name — empty: all deposits</translation>
    </message>
    <message>
        <source>Recherche d&apos;un dépôt</source>
        <translation>Deposit search</translation>
    </message>
    <message>
        <source>&amp;Rechercher (Ctrl+F) :</source>
        <translation>&amp;Find (Ctrl+F):</translation>
    </message>
    <message>
        <source>Chercher (Entrée)</source>
        <translation>Search (Enter)</translation>
    </message>
    <message>
        <source>Lancer la recherche</source>
        <translation>Run the search</translation>
    </message>
    <message>
        <source>Nombre de dépôts trouvés</source>
        <translation>Number of deposits found</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Dépôts trouvés</source>
        <translation>Deposits found</translation>
    </message>
    <message>
        <source>Dépôt sélectionné</source>
        <translation>Selected deposit</translation>
    </message>
    <message>
        <source>Déposé le :</source>
        <translation>Deposited on:</translation>
    </message>
    <message>
        <source>Assuré :</source>
        <translation>Insured:</translation>
    </message>
    <message>
        <source>Bénéficiaire :</source>
        <translation>Beneficiary:</translation>
    </message>
    <message>
        <source>Soins :</source>
        <translation>Care:</translation>
    </message>
    <message>
        <source>Montant déclaré :</source>
        <translation>Declared amount:</translation>
    </message>
    <message>
        <source>Statut :</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Historique des statuts du dépôt</source>
        <translation>Deposit status history</translation>
    </message>
    <message>
        <source>Date et heure</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Détail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Montant</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Réimprimer le reçu (Ctrl+P)</source>
        <translation>Reprint the receipt (Ctrl+P)</translation>
    </message>
    <message>
        <source>Réimprimer le reçu du dépôt sélectionné</source>
        <translation>Reprint the selected deposit&apos;s receipt</translation>
    </message>
    <message>
        <source>&amp;Annuler le dépôt…</source>
        <translation>&amp;Void the deposit…</translation>
    </message>
    <message>
        <source>Annuler le dépôt sélectionné (superviseur)</source>
        <translation>Void the selected deposit (supervisor)</translation>
    </message>
    <message>
        <source>&amp;Historique :</source>
        <translation>&amp;History:</translation>
    </message>
    <message>
        <source>Recherche en cours…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Aucun dépôt ne correspond à « {query} ».</source>
        <translation>No deposit matches &apos;{query}&apos;.</translation>
    </message>
    <message>
        <source>Aucun dépôt enregistré pour l&apos;instant.</source>
        <translation>No deposit recorded yet.</translation>
    </message>
    <message>
        <source>{count} dépôt(s) pour « {query} », du plus récent au plus ancien.</source>
        <translation>{count} deposit(s) for &apos;{query}&apos;, newest first.</translation>
    </message>
    <message>
        <source>Tous les dépôts : {count}, du plus récent au plus ancien.</source>
        <translation>All deposits: {count}, newest first.</translation>
    </message>
    <message>
        <source>Choisissez un dépôt dans la liste.</source>
        <translation>Choose a deposit from the list.</translation>
    </message>
    <message>
        <source>Reçu {receipt_no}</source>
        <translation>Receipt {receipt_no}</translation>
    </message>
    <message>
        <source>{name} — immatriculation {immatriculation}</source>
        <translation>{name} — immatriculation no. {immatriculation}</translation>
    </message>
    <message>
        <source>{care_type}, {documents} document(s)</source>
        <translation>{care_type}, {documents} document(s)</translation>
    </message>
    <message>
        <source>{status} : {amount}, payé le {date}</source>
        <translation>{status}: {amount}, paid on {date}</translation>
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
        <translation>paid on {date}</translation>
    </message>
    <message>
        <source>le {date}</source>
        <translation>on {date}</translation>
    </message>
    <message>
        <source>CNSS</source>
        <translation>CNSS</translation>
    </message>
    <message>
        <source>guichet ({user})</source>
        <translation>counter ({user})</translation>
    </message>
    <message>
        <source>guichet</source>
        <translation>counter</translation>
    </message>
    <message>
        <source>Seul un dépôt pas encore envoyé à la CNSS peut être annulé ici.</source>
        <translation>Only a deposit not yet sent to CNSS can be voided here.</translation>
    </message>
    <message>
        <source>Annuler le dépôt</source>
        <translation>Void the deposit</translation>
    </message>
    <message>
        <source>Motif de l&apos;annulation du dépôt {receipt_no} (le dépôt et son historique restent enregistrés) :</source>
        <translation>Reason for voiding deposit {receipt_no} (the deposit and its history stay recorded):</translation>
    </message>
    <message>
        <source>Dépôt {receipt_no} annulé.</source>
        <translation>Deposit {receipt_no} voided.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Guichet AMO — {point}</source>
        <translation>Guichet AMO — {point}</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Verrouiller la session</source>
        <translation>Lock the session</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>{user} · point {point}</source>
        <translation>{user} · point {point}</translation>
    </message>
    <message>
        <source>Liaison : non configurée</source>
        <translation>Link: not configured</translation>
    </message>
    <message>
        <source>Liaison : active</source>
        <translation>Link: up</translation>
    </message>
    <message>
        <source>Liaison : coupée</source>
        <translation>Link: down</translation>
    </message>
    <message>
        <source>En attente d&apos;envoi : {count}</source>
        <translation>Waiting to be sent: {count}</translation>
    </message>
    <message>
        <source>Dernière synchronisation : jamais</source>
        <translation>Last sync: never</translation>
    </message>
    <message>
        <source>Dernière synchronisation : {when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <source>Horloge décalée de {minutes} min : corrigez l&apos;heure du poste</source>
        <translation>Clock off by {minutes} min: correct the workstation&apos;s time</translation>
    </message>
</context>
<context>
    <name>NoticeStep</name>
    <message>
        <source>L&apos;assuré a pris &amp;connaissance de la notice</source>
        <translation>The insured has read the &amp;notice</translation>
    </message>
    <message>
        <source>L&apos;assuré a pris connaissance de la notice d&apos;information</source>
        <translation>The insured has read the information notice</translation>
    </message>
    <message>
        <source>Remettez ou lisez la notice à l&apos;assuré, dans la langue de son choix, avant de cocher la case : sans elle, l&apos;inscription ne peut pas être enregistrée.</source>
        <translation>Hand or read the notice to the insured, in the language of their choice, before ticking the box: without it the enrolment cannot be saved.</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>aucune imprimante installée : aperçu avec Ctrl+P</source>
        <translation>no printer installed: preview with Ctrl+P</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <source>Résumé de l&apos;inscription</source>
        <translation>Enrolment summary</translation>
    </message>
    <message>
        <source>Points à corriger</source>
        <translation>Points to correct</translation>
    </message>
    <message>
        <source>Aucun point à corriger.</source>
        <translation>Nothing to correct.</translation>
    </message>
    <message>
        <source>Résumé</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Entrée sur un &amp;point l&apos;ouvre à sa place :</source>
        <translation>Enter on a &amp;point opens it in place:</translation>
    </message>
    <message>
        <source>Signature du demandeur</source>
        <translation>Applicant&apos;s signature</translation>
    </message>
    <message>
        <source>&amp;Lieu :</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <source>Da&amp;te :</source>
        <translation>Da&amp;te:</translation>
    </message>
</context>
<context>
    <name>ShipmentsPage</name>
    <message>
        <source>Inclure les dépôts des jours précédents restés au guichet</source>
        <translation>Include deposits from previous days still at the counter</translation>
    </message>
    <message>
        <source>Fermer l&apos;enveloppe et imprimer le bordereau (Ctrl+B)</source>
        <translation>Close the envelope and print the shipment slip (Ctrl+B)</translation>
    </message>
    <message>
        <source>Réimprimer le bordereau (Ctrl+P)</source>
        <translation>Reprint the shipment slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>Enveloppes fermées</source>
        <translation>Closed envelopes</translation>
    </message>
    <message>
        <source>N° d&apos;enveloppe</source>
        <translation>Envelope no.</translation>
    </message>
    <message>
        <source>Fermée le</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>Par</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Dossiers</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Total déclaré</source>
        <translation>Declared total</translation>
    </message>
    <message>
        <source>Enveloppes fermées :</source>
        <translation>Closed envelopes:</translation>
    </message>
    <message>
        <source>Enveloppes</source>
        <translation>Envelopes</translation>
    </message>
    <message>
        <source>Dépôts du jour pas encore en enveloppe : {count} ({total})</source>
        <translation>Today&apos;s deposits not yet in an envelope: {count} ({total})</translation>
    </message>
    <message>
        <source>Inclure {count} dépôt(s) des jours précédents restés au guichet</source>
        <translation>Include {count} deposit(s) from previous days still at the counter</translation>
    </message>
    <message>
        <source>Fermer l&apos;enveloppe</source>
        <translation>Close the envelope</translation>
    </message>
    <message>
        <source>Fermer l&apos;enveloppe du jour ({count} dossier(s), {total}) et imprimer son bordereau ? Une enveloppe fermée ne peut plus être rouverte.</source>
        <translation>Close today's envelope ({count} file(s), {total}) and print its shipment slip? A closed envelope cannot be reopened.</translation>
    </message>
    <message>
        <source>Pas encore</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>Enveloppe {number} fermée : {count} dossier(s), {total}.</source>
        <translation>Envelope {number} closed: {count} file(s), {total}.</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>Supervision</source>
        <extracomment>Parameters were saved; the argument maps every editable key to its value in force (the main window applies ``ui.idle_lock_minutes`` to its idle lock at once).</extracomment>
        <translation>Supervision</translation>
    </message>
    <message>
        <source>Utilisateurs</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Utilisateurs du point</source>
        <translation>Users of this point</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Identifiant du nouvel utilisateur</source>
        <translation>New user&apos;s user name</translation>
    </message>
    <message>
        <source>ex. : fatima.alaoui</source>
        <translation>e.g. fatima.alaoui</translation>
    </message>
    <message>
        <source>Nom affiché du nouvel utilisateur</source>
        <translation>New user&apos;s display name</translation>
    </message>
    <message>
        <source>Rôle du nouvel utilisateur</source>
        <translation>New user&apos;s role</translation>
    </message>
    <message>
        <source>Mot de passe du nouvel utilisateur</source>
        <translation>New user&apos;s password</translation>
    </message>
    <message>
        <source>{count} caractères au moins</source>
        <translation>at least {count} characters</translation>
    </message>
    <message>
        <source>Mot de passe, une seconde fois</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>A&amp;jouter l&apos;utilisateur</source>
        <translation>&amp;Add the user</translation>
    </message>
    <message>
        <source>Message sur les utilisateurs</source>
        <translation>Message about users</translation>
    </message>
    <message>
        <source>&amp;Identifiant :</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Nom affiché :</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <source>&amp;Rôle :</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>Mot de &amp;passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Con&amp;firmation :</source>
        <translation>&amp;Confirm password:</translation>
    </message>
    <message>
        <source>Nouvel utilisateur</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>désactivé</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>verrouillé jusqu&apos;à {time}</source>
        <translation>locked until {time}</translation>
    </message>
    <message>
        <source>actif</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Utilisateur {username} ajouté ({role}).</source>
        <translation>User {username} added ({role}).</translation>
    </message>
    <message>
        <source>Réglages du point</source>
        <translation>Point settings</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Échecs de connexion avant verrouillage du compte</source>
        <translation>Failed sign-ins before the account is locked</translation>
    </message>
    <message>
        <source>Durée du verrouillage du compte, en minutes</source>
        <translation>Account lockout duration, in minutes</translation>
    </message>
    <message>
        <source>Verrouillage de l&apos;écran après inactivité</source>
        <translation>Screen lock after inactivity</translation>
    </message>
    <message>
        <source> mois</source>
        <translation> months</translation>
    </message>
    <message>
        <source>Délai de dépôt après le premier acte, en mois</source>
        <translation>Deposit deadline after the first act, in months</translation>
    </message>
    <message>
        <source> jours</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Délai de dépôt après la fin d&apos;un traitement continu, en jours</source>
        <translation>Deposit deadline after the end of a continuous treatment, in days</translation>
    </message>
    <message>
        <source>Montant maximal d&apos;un dépôt, en dirhams</source>
        <translation>Maximum amount of a deposit, in dirhams</translation>
    </message>
    <message>
        <source>Échecs de connexion avant &amp;verrouillage :</source>
        <translation>Failed sign-ins before &amp;lockout:</translation>
    </message>
    <message>
        <source>Durée du verrouillage du &amp;compte :</source>
        <translation>Account l&amp;ockout duration:</translation>
    </message>
    <message>
        <source>Verrouil&amp;lage de l&apos;écran après inactivité :</source>
        <translation>Screen lock after &amp;inactivity:</translation>
    </message>
    <message>
        <source>Connexion et session</source>
        <translation>Sign-in and session</translation>
    </message>
    <message>
        <source>Délai de dépôt après le premier &amp;acte :</source>
        <translation>Deposit deadline after the &amp;first act:</translation>
    </message>
    <message>
        <source>Délai après la fin d&apos;un &amp;traitement continu :</source>
        <translation>Deadline after the end of a continuous &amp;treatment:</translation>
    </message>
    <message>
        <source>Montant &amp;maximal d&apos;un dépôt :</source>
        <translation>&amp;Maximum deposit amount:</translation>
    </message>
    <message>
        <source>Règles des dépôts</source>
        <translation>Deposit rules</translation>
    </message>
    <message>
        <source>Ces règles remplacent les valeurs par défaut jusqu&apos;à ce que la CNSS en publie d&apos;autres.</source>
        <translation>These rules replace the default values until CNSS publishes others.</translation>
    </message>
    <message>
        <source>Enregistrer les réglages (Ctrl+S)</source>
        <translation>Save the settings (Ctrl+S)</translation>
    </message>
    <message>
        <source>Enregistrer les réglages</source>
        <translation>Save the settings</translation>
    </message>
    <message>
        <source>Message sur les réglages</source>
        <translation>Message about settings</translation>
    </message>
    <message>
        <source>Le montant maximal doit être compris entre {min} et {max}.</source>
        <translation>The maximum amount must be between {min} and {max}.</translation>
    </message>
    <message>
        <source>Aucun réglage n&apos;a changé.</source>
        <translation>No setting has changed.</translation>
    </message>
    <message>
        <source>Réglages enregistrés : {count} modification(s).</source>
        <translation>Settings saved: {count} change(s).</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Scellement des lots</source>
        <translation>Sealing the batches</translation>
    </message>
    <message>
        <source>Envoi des lots</source>
        <translation>Sending the batches</translation>
    </message>
    <message>
        <source>Envoi des pièces scannées</source>
        <translation>Sending the scanned documents</translation>
    </message>
    <message>
        <source>Réception des mises à jour de la CNSS</source>
        <translation>Receiving the CNSS updates</translation>
    </message>
    <message>
        <source>Réception des données de référence</source>
        <translation>Receiving the reference data</translation>
    </message>
    <message>
        <source>La synchronisation a échoué (code {code}) : elle reprendra plus tard.</source>
        <translation>Sync failed (code {code}): it will resume later.</translation>
    </message>
    <message>
        <source>Synchronisation avec la CNSS</source>
        <extracomment>The clerk wants to correct this rejected claim (its receipt number, code, message). The same for a rejected enrolment (the enrolment page takes over).</extracomment>
        <translation>Sync with CNSS</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Liaison :</source>
        <translation>Link:</translation>
    </message>
    <message>
        <source>En attente d&apos;envoi :</source>
        <translation>Waiting to be sent:</translation>
    </message>
    <message>
        <source>Dernière synchronisation réussie :</source>
        <translation>Last successful sync:</translation>
    </message>
    <message>
        <source>Prochaine tentative automatique :</source>
        <translation>Next automatic attempt:</translation>
    </message>
    <message>
        <source>État de la liaison</source>
        <translation>Link status</translation>
    </message>
    <message>
        <source>Éléments en attente d&apos;envoi</source>
        <translation>Items waiting to be sent</translation>
    </message>
    <message>
        <source>Avertissement</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Synchroniser &amp;maintenant</source>
        <translation>Sync &amp;now</translation>
    </message>
    <message>
        <source>Synchroniser maintenant avec la CNSS</source>
        <translation>Sync with CNSS now</translation>
    </message>
    <message>
        <source>Scelle tout ce qui attend et l&apos;envoie à la CNSS, puis reçoit ses réponses.</source>
        <translation>Seals everything waiting, sends it to CNSS, then receives its answers.</translation>
    </message>
    <message>
        <source>Avancement de la synchronisation</source>
        <translation>Sync progress</translation>
    </message>
    <message>
        <source>Résultat de la dernière synchronisation</source>
        <translation>Result of the last sync</translation>
    </message>
    <message>
        <source>Scellé le</source>
        <translation>Sealed on</translation>
    </message>
    <message>
        <source>Éléments</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Acceptés</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Rejetés</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Derniers lots</source>
        <translation>Latest batches</translation>
    </message>
    <message>
        <source>N° de reçu</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Message de la CNSS</source>
        <translation>CNSS message</translation>
    </message>
    <message>
        <source>Rejeté le</source>
        <translation>Rejected on</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Dépôts rejetés à corriger</source>
        <translation>Rejected deposits to correct</translation>
    </message>
    <message>
        <source>Rejetés par la CNSS, à corriger</source>
        <translation>Rejected by CNSS, to correct</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>non activée</source>
        <translation>not activated</translation>
    </message>
    <message>
        <source>coupée ({server}) : {reason}</source>
        <translation>down ({server}): {reason}</translation>
    </message>
    <message>
        <source>active ({server})</source>
        <translation>up ({server})</translation>
    </message>
    <message>
        <source>{records} dépôt(s) ou inscription(s) ({items} élément(s) avec le journal)</source>
        <translation>{records} deposit(s) or enrolment(s) ({items} item(s) with the log)</translation>
    </message>
    <message>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <source>dès que possible</source>
        <translation>as soon as possible</translation>
    </message>
    <message>
        <source>Ce poste n&apos;est pas encore activé auprès de la CNSS : les dépôts restent enregistrés ici et partiront dès l&apos;activation. Un superviseur l&apos;active une fois avec le code remis par la CNSS : « agent-app activate --server ADRESSE --code CODE ».</source>
        <translation>This workstation is not yet activated with CNSS: deposits stay saved here and will travel once it is. A supervisor activates it once with the code CNSS hands over: &apos;agent-app activate --server ADDRESS --code CODE&apos;.</translation>
    </message>
    <message>
        <source>L&apos;horloge de ce poste est décalée de {minutes} min par rapport à celle de la CNSS : faites corriger l&apos;heure du poste.</source>
        <translation>This workstation&apos;s clock is {minutes} min away from CNSS&apos;s: have the workstation&apos;s time corrected.</translation>
    </message>
    <message>
        <source>scellé, pas encore envoyé</source>
        <translation>sealed, not sent yet</translation>
    </message>
    <message>
        <source>envoyé, réponse attendue</source>
        <translation>sent, answer awaited</translation>
    </message>
    <message>
        <source>reçu par la CNSS</source>
        <translation>received by CNSS</translation>
    </message>
    <message>
        <source>refusé ({code})</source>
        <translation>refused ({code})</translation>
    </message>
    <message>
        <source>{count} élément(s) rejeté(s) : corrigez chaque dépôt d&apos;après le motif, la nouvelle version remplace l&apos;ancienne et part au prochain envoi.</source>
        <translation>{count} rejected item(s): correct each deposit according to the reason; the new version replaces the old one and travels in the next sending.</translation>
    </message>
    <message>
        <source>Aucun élément rejeté à corriger.</source>
        <translation>No rejected item to correct.</translation>
    </message>
    <message>
        <source>Corriger et renvoyer</source>
        <translation>Correct and resend</translation>
    </message>
    <message>
        <source>Corriger et renvoyer le dépôt {receipt_no}</source>
        <translation>Correct and resend deposit {receipt_no}</translation>
    </message>
    <message>
        <source>Corriger et renvoyer l&apos;inscription {receipt_no}</source>
        <translation>Correct and resend enrolment {receipt_no}</translation>
    </message>
    <message>
        <source>Une synchronisation est déjà en cours.</source>
        <translation>A sync is already running.</translation>
    </message>
    <message>
        <source>Connexion à la CNSS…</source>
        <translation>Connecting to CNSS…</translation>
    </message>
    <message>
        <source>Synchronisation en cours…</source>
        <translation>Sync in progress…</translation>
    </message>
    <message>
        <source>Rien n&apos;a été envoyé : ce poste n&apos;est pas encore activé.</source>
        <translation>Nothing was sent: this workstation is not activated yet.</translation>
    </message>
    <message>
        <source>Une autre synchronisation est en cours sur ce poste : réessayez dans un instant.</source>
        <translation>Another sync is running on this workstation: try again in a moment.</translation>
    </message>
    <message>
        <source>Prochaine tentative automatique le {when} ; « Synchroniser maintenant » essaie tout de suite.</source>
        <translation>Next automatic attempt on {when}; &apos;Sync now&apos; tries at once.</translation>
    </message>
    <message>
        <source>{sent} lot(s) envoyé(s) : {accepted} élément(s) accepté(s), {rejected} rejeté(s), {duplicates} déjà reçu(s) ; {pending} encore en attente.</source>
        <translation>{sent} batch(es) sent: {accepted} item(s) accepted, {rejected} rejected, {duplicates} already received; {pending} still waiting.</translation>
    </message>
    <message>
        <source>{updates} mise(s) à jour reçue(s) de la CNSS.</source>
        <translation>{updates} update(s) received from CNSS.</translation>
    </message>
    <message>
        <source>Synchronisation terminée. {counts}</source>
        <translation>Sync finished. {counts}</translation>
    </message>
    <message>
        <source>Nouvel essai automatique le {when}.</source>
        <translation>Next automatic try on {when}.</translation>
    </message>
    <message>
        <source>Synchronisation interrompue : {reason} {counts}{retry}</source>
        <translation>Sync interrupted: {reason} {counts}{retry}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Imprimé : {number}</source>
        <translation>Printed: {number}</translation>
    </message>
    <message>
        <source>Non imprimé : {number} ({reason})</source>
        <translation>Not printed: {number} ({reason})</translation>
    </message>
    <message>
        <source>Non imprimé : {number}</source>
        <translation>Not printed: {number}</translation>
    </message>
    <message>
        <source>Guichet AMO</source>
        <translation>Guichet AMO</translation>
    </message>
    <message>
        <source>Phrase de passe du magasin de données :</source>
        <translation>Data store passphrase:</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Une erreur inattendue s&apos;est produite. Rien de ce qui était enregistré n&apos;est perdu. Le détail est dans le journal de l&apos;application ({kind}).</source>
        <translation>An unexpected error occurred. Nothing that was saved is lost. The details are in the application log ({kind}).</translation>
    </message>
    <message>
        <source>Guichet AMO</source>
        <translation>Guichet AMO</translation>
    </message>
</context>
<context>
    <name>rejections</name>
    <message>
        <source>Dossier incomplet ou mal saisi</source>
        <translation>Incomplete or mistyped record</translation>
    </message>
    <message>
        <source>Dossier d&apos;un autre point de service</source>
        <translation>Record of another service point</translation>
    </message>
    <message>
        <source>Dépôt hors délai sans motif</source>
        <translation>Late deposit with no reason</translation>
    </message>
    <message>
        <source>Correction d&apos;un dossier inconnu de la CNSS</source>
        <translation>Correction of a record CNSS does not hold</translation>
    </message>
    <message>
        <source>Dossier déjà remplacé</source>
        <translation>Record already replaced</translation>
    </message>
    <message>
        <source>Enfant au-delà de l&apos;âge de couverture</source>
        <translation>Child past the coverage age</translation>
    </message>
    <message>
        <source>Contenu de l&apos;enveloppe différent de son bordereau</source>
        <translation>Envelope content does not match its shipment slip</translation>
    </message>
    <message>
        <source>Originaux manquants</source>
        <translation>Originals missing</translation>
    </message>
    <message>
        <source>Cachet ou vignette INPE absent</source>
        <translation>INPE stamp or label missing</translation>
    </message>
    <message>
        <source>Feuille de soins non signée</source>
        <translation>Care sheet not signed</translation>
    </message>
    <message>
        <source>Motif du retard non retenu par la CNSS</source>
        <translation>Reason for the delay not accepted by CNSS</translation>
    </message>
</context>
</TS>
