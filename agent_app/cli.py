"""The operator CLI: the same services as the desktop app, for scripts and support staff.

Every failure a person can cause or meet prints one line in the user's language (French by
default; ``AGENT_APP_LANG=ar|en``) on standard error and exits non-zero; our own bugs print
one line too, with the traceback kept in the log file, never on the terminal.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import platformdirs

from agent_app import __version__
from agent_app.domain.dates import format_date
from agent_app.domain.labels import label, status_label
from agent_app.domain.model import CareType, Role
from agent_app.domain.money import format_amount
from agent_app.errors import ERRORS, AppError
from agent_app.i18n import Catalog, Lang, Text, pick_lang
from agent_app.logs import configure_logging
from agent_app.security.keystore import PassphraseSource
from agent_app.store.engine import Store, translate_db_error

if TYPE_CHECKING:
    from agent_app.services.context import Actor

log = logging.getLogger("agent_app.cli")

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_VERIFY_FAILED = 3
EXIT_INTERNAL = 70

TEXTS = Catalog(
    {
        "init.done": Text(
            fr="Magasin créé pour le point {code} dans {path} (clé gardée par : {method}).",
            ar="أُنشئت قاعدة البيانات للنقطة {code} في {path} (المفتاح محفوظ عبر: {method}).",
            en="Store created for point {code} in {path} (key kept by: {method}).",
        ),
        "user.added": Text(
            fr="Utilisateur {username} ajouté ({role}).",
            ar="أُضيف المستخدم {username} ({role}).",
            en="User {username} added ({role}).",
        ),
        "demo.progress": Text(
            fr="Démo : {claims}/{claims_total} dépôts, {enrolments}/{enrolments_total} "
            "immatriculations enregistrés",
            ar="عرض: {claims}/{claims_total} إيداع، {enrolments}/{enrolments_total} تسجيل محفوظ",
            en="Demo: {claims}/{claims_total} deposits, {enrolments}/{enrolments_total} "
            "enrolments committed",
        ),
        "verify.ok": Text(
            fr="Vérification réussie : fichier intact, {entries} entrées d'audit chaînées.",
            ar="نجح التحقق: الملف سليم، {entries} مدخلات تدقيق متسلسلة.",
            en="Verification passed: file intact, {entries} chained audit entries.",
        ),
        "verify.cipher": Text(
            fr="Vérification échouée : pages du fichier altérées ({detail}).",
            ar="فشل التحقق: صفحات الملف معدّلة ({detail}).",
            en="Verification failed: file pages altered ({detail}).",
        ),
        "verify.integrity": Text(
            fr="Vérification échouée : structure de la base abîmée ({detail}).",
            ar="فشل التحقق: بنية قاعدة البيانات تالفة ({detail}).",
            en="Verification failed: database structure damaged ({detail}).",
        ),
        "verify.audit": Text(
            fr="Vérification échouée : l'entrée d'audit n° {seq} a été {how}.",
            ar="فشل التحقق: مُدخل التدقيق رقم {seq} {how}.",
            en="Verification failed: audit entry #{seq} has been {how}.",
        ),
        "verify.refused": Text(
            fr="Vérification échouée : {reason}",
            ar="فشل التحقق: {reason}",
            en="Verification failed: {reason}",
        ),
        "verify.unopenable": Text(
            fr="Vérification échouée : le fichier ne s'ouvre pas avec la clé de ce point (début "
            "du fichier manquant ou abîmé, ou fichier d'un autre point).",
            ar="فشل التحقق: لا يُفتح الملف بمفتاح هذه النقطة (بداية الملف مفقودة أو تالفة، أو ملف "
            "نقطة أخرى).",
            en="Verification failed: the file does not open with this point's key (its start is "
            "missing or damaged, or it is another point's file).",
        ),
        "how.hash_mismatch": Text(fr="modifiée", ar="عُدِّل", en="altered"),
        "how.prev_mismatch": Text(
            fr="déplacée ou sa précédente modifiée",
            ar="نُقل أو عُدِّل المُدخل السابق له",
            en="moved, or the one before it altered",
        ),
        "how.gap": Text(fr="supprimée", ar="حُذف", en="deleted"),
        "how.head_mismatch": Text(
            fr="supprimée ou remplacée (fin du journal)",
            ar="حُذف أو استُبدل (نهاية السجل)",
            en="deleted or replaced (end of the log)",
        ),
        "backup.done": Text(
            fr="Sauvegarde chiffrée écrite dans {path}.",
            ar="كُتبت النسخة الاحتياطية المشفّرة في {path}.",
            en="Encrypted backup written to {path}.",
        ),
        "void.done": Text(
            fr="Dépôt {receipt_no} annulé.",
            ar="أُلغي الإيداع {receipt_no}.",
            en="Deposit {receipt_no} voided.",
        ),
        "none": Text(fr="Aucun résultat.", ar="لا توجد نتائج.", en="No results."),
        "summary.day": Text(fr="Journée", ar="اليوم", en="Day"),
        "summary.claims": Text(fr="Dépôts", ar="الإيداعات", en="Deposits"),
        "summary.voided": Text(fr="Annulés", ar="الملغاة", en="Voided"),
        "summary.total": Text(fr="Total déclaré", ar="المجموع المصرح به", en="Declared total"),
        "summary.documents": Text(fr="Pièces jointes", ar="الوثائق المرفقة", en="Documents"),
        "summary.enrolments": Text(fr="Immatriculations", ar="التسجيلات", en="Enrolments"),
        "summary.by_care_type": Text(
            fr="Par type de soins", ar="حسب نوع العلاج", en="By type of care"
        ),
        "summary.by_status": Text(fr="Par statut", ar="حسب الوضعية", en="By status"),
        "print.receipt_done": Text(
            fr="Reçu {receipt_no} écrit dans {path}.",
            ar="كُتب الوصل {receipt_no} في {path}.",
            en="Receipt {receipt_no} written to {path}.",
        ),
        "print.shipment_done": Text(
            fr="Bordereau {number} écrit dans {path}.",
            ar="كُتب جدول الإرسال {number} في {path}.",
            en="Shipment slip {number} written to {path}.",
        ),
        "shipment.closed": Text(
            fr="Enveloppe {number} fermée : {count} dossier(s), {total}.",
            ar="أُغلق الظرف {number}: {count} ملف(ات)، {total}.",
            en="Envelope {number} closed: {count} file(s), {total}.",
        ),
        "scan.attached": Text(
            fr="Scan joint à l'immatriculation {receipt_no} (n° {scan_id}, {size} octets "
            "chiffrés) : il part à la prochaine synchronisation.",
            ar="أُرفقت الصورة الممسوحة بالتسجيل {receipt_no} (رقم {scan_id}، {size} بايت "
            "مشفّرة): تُرسل في المزامنة القادمة.",
            en="Scan attached to enrolment {receipt_no} (#{scan_id}, {size} encrypted bytes): "
            "it leaves with the next sync.",
        ),
        "activate.done": Text(
            fr="Point {code} activé auprès du centre {server} : poste {device_id}.",
            ar="فُعّلت النقطة {code} لدى المركز {server}: الجهاز {device_id}.",
            en="Point {code} activated with the centre {server}: device {device_id}.",
        ),
        "sync.done": Text(
            fr="Synchronisation réussie : {sealed} lot(s) scellé(s), {sent} envoyé(s) ; "
            "{accepted} accepté(s), {rejected} rejeté(s), {duplicates} doublon(s) ; "
            "{updates} mise(s) à jour de la CNSS ; {pending} élément(s) en attente.",
            ar="نجحت المزامنة: {sealed} دفعة مختومة، {sent} مرسلة؛ {accepted} مقبول، "
            "{rejected} مرفوض، {duplicates} مكرر؛ {updates} تحديث من الصندوق؛ {pending} عنصر "
            "في الانتظار.",
            en="Sync done: {sealed} batch(es) sealed, {sent} sent; {accepted} accepted, "
            "{rejected} rejected, {duplicates} duplicate(s); {updates} CNSS update(s); "
            "{pending} item(s) waiting.",
        ),
        "sync.failed": Text(
            fr="Synchronisation interrompue : {reason} ({pending} élément(s) en attente, rien "
            "n'est perdu).",
            ar="توقفت المزامنة: {reason} ({pending} عنصر في الانتظار، لم يضِع أي شيء).",
            en="Sync stopped: {reason} ({pending} item(s) waiting, nothing is lost).",
        ),
        "sync.refused_batch": Text(
            fr="Lot {batch_id} refusé par le centre ({code}) : ses dossiers repartiront dans un "
            "nouveau lot.",
            ar="رفض المركز الدفعة {batch_id} ({code}): ستُرسل ملفاتها في دفعة جديدة.",
            en="Batch {batch_id} refused by the centre ({code}): its files will travel in a new "
            "batch.",
        ),
        "sync.clock_offset": Text(
            fr="Attention : l'horloge de ce poste diffère de celle du centre de {minutes} "
            "minute(s). Corrigez l'heure du poste.",
            ar="تنبيه: تختلف ساعة هذا الجهاز عن ساعة المركز بـ {minutes} دقيقة. صحّح ساعة الجهاز.",
            en="Warning: this device's clock differs from the centre's by {minutes} minute(s). "
            "Set the device's time right.",
        ),
        "export.done": Text(
            fr="{count} lot(s) scellé(s) écrit(s) dans {path}.",
            ar="كُتبت {count} دفعة مختومة في {path}.",
            en="{count} sealed batch(es) written to {path}.",
        ),
        "internal": Text(
            fr="Erreur interne ({kind}) : détails dans {log}.",
            ar="خطأ داخلي ({kind}): التفاصيل في {log}.",
            en="Internal error ({kind}): details in {log}.",
        ),
        "prompt.passphrase": Text(
            fr="Phrase de passe du magasin : ",
            ar="عبارة مرور قاعدة البيانات: ",
            en="Store passphrase: ",
        ),
        "prompt.passphrase_again": Text(
            fr="La même phrase de passe, encore : ",
            ar="عبارة المرور نفسها مرة أخرى: ",
            en="The same passphrase again: ",
        ),
        "prompt.password": Text(
            fr="Mot de passe de {username} : ",
            ar="كلمة مرور {username}: ",
            en="Password for {username}: ",
        ),
        "prompt.password_again": Text(
            fr="Le même mot de passe, encore : ",
            ar="كلمة المرور نفسها مرة أخرى: ",
            en="The same password again: ",
        ),
    }
)


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("guichet-amo", appauthor=False))


class Cli:
    """One run of the CLI: the parsed arguments, the user's language, an opened store."""

    def __init__(self, args: argparse.Namespace, lang: Lang) -> None:
        self.args = args
        self.lang = lang
        self.data_dir: Path = args.data_dir

    def say(self, key: str, /, **params: object) -> None:
        print(TEXTS.render(key, self.lang, **params), flush=True)

    def passphrase_source(self, *, confirm: bool = False) -> PassphraseSource:
        def source() -> str | None:
            from_env = os.environ.get("AGENT_APP_PASSPHRASE")
            if from_env:
                return from_env
            if not sys.stdin.isatty():
                return None
            first = getpass.getpass(TEXTS.render("prompt.passphrase", self.lang))
            if confirm:
                again = getpass.getpass(TEXTS.render("prompt.passphrase_again", self.lang))
                if again != first:
                    raise AppError("user.password_mismatch")
            return first

        return source

    def open(self) -> Store:
        from agent_app.services.point import open_store

        return open_store(self.data_dir, self.passphrase_source())


# --- commands -----------------------------------------------------------------------------


def cmd_init(cli: Cli) -> int:
    from agent_app.security.keystore import read_key_info
    from agent_app.services.point import initialise

    store = initialise(
        cli.data_dir,
        cli.args.point_code,
        cli.args.point_name or "",
        cli.passphrase_source(confirm=True),
        key_method=cli.args.key_store,
    )
    store.close()
    method = read_key_info(cli.data_dir).method
    cli.say("init.done", code=cli.args.point_code.upper(), path=cli.data_dir, method=method)
    return 0


def _password_for(cli: Cli, username: str, *, confirm: bool) -> str:
    from_env = os.environ.get("AGENT_APP_USER_PASSWORD")
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise AppError("user.weak_password", min=8)
    first = getpass.getpass(TEXTS.render("prompt.password", cli.lang, username=username))
    if confirm:
        again = getpass.getpass(TEXTS.render("prompt.password_again", cli.lang))
        if again != first:
            raise AppError("user.password_mismatch")
    return first


def cmd_user_add(cli: Cli) -> int:
    from agent_app.services.context import OPERATOR
    from agent_app.services.users import add_user

    password = _password_for(cli, cli.args.username, confirm=True)
    store = cli.open()
    try:
        info = add_user(
            store,
            OPERATOR,
            cli.args.username,
            password,
            Role(cli.args.role),
            cli.args.name or "",
        )
    finally:
        store.close()
    cli.say("user.added", username=info.username, role=info.role.value)
    return 0


def cmd_user_list(cli: Cli) -> int:
    from agent_app.services.users import list_users

    store = cli.open()
    try:
        users = list_users(store)
    finally:
        store.close()
    if cli.args.json:
        _print_json([dataclasses.asdict(u) for u in users])
    else:
        for u in users:
            print(f"{u.username:<20} {u.role.value:<11} {u.display_name}")
    return 0


def cmd_demo_data(cli: Cli) -> int:
    from agent_app.services.demo_data import generate

    claims_total, enrolments_total = cli.args.claims, cli.args.registrations

    def progress(claims: int, enrolments: int) -> None:
        cli.say(
            "demo.progress",
            claims=claims,
            claims_total=claims_total,
            enrolments=enrolments,
            enrolments_total=enrolments_total,
        )

    store = cli.open()
    try:
        generate(store, claims_total, enrolments_total, seed=cli.args.seed, progress=progress)
    finally:
        store.close()
    return 0


def _local(created_at: dt.datetime, offset_min: int) -> dt.datetime:
    zone = dt.timezone(dt.timedelta(minutes=offset_min))
    return created_at.replace(tzinfo=dt.UTC).astimezone(zone)


def _claim_row_json(row: Any) -> dict[str, Any]:
    doc = dataclasses.asdict(row)
    doc.pop("id", None)
    doc["created_at"] = _local(doc.pop("created_at"), doc.pop("utc_offset_min")).isoformat()
    return doc


def _print_claim_rows(cli: Cli, rows: Sequence[Any]) -> None:
    if cli.args.json:
        _print_json([_claim_row_json(r) for r in rows])
        return
    if not rows:
        cli.say("none")
        return
    for r in rows:
        when = _local(r.created_at, r.utc_offset_min)
        amount = format_amount(r.declared_amount_centimes, cli.lang)
        print(
            f"{r.receipt_no:<20} {format_date(when.date())} {when:%H:%M}  "
            f"{r.insured_immatriculation}  {r.insured_name[:28]:<28} "
            f"{r.beneficiary_name[:24]:<24} {amount:>16}  {status_label(r.status, cli.lang)}"
        )


def cmd_claims_list(cli: Cli) -> int:
    from agent_app.services.lookup import list_claims

    day = cli.args.day
    store = cli.open()
    try:
        rows = list_claims(store, status=cli.args.status, day=day, limit=cli.args.limit or None)
    finally:
        store.close()
    _print_claim_rows(cli, rows)
    return 0


def cmd_claims_find(cli: Cli) -> int:
    from agent_app.services.lookup import find_claims

    store = cli.open()
    try:
        rows = find_claims(store, cli.args.query, limit=cli.args.limit)
    finally:
        store.close()
    _print_claim_rows(cli, rows)
    return 0


def cmd_claims_show(cli: Cli) -> int:
    from agent_app.services.claims import claim_timeline, get_claim

    store = cli.open()
    try:
        claim = get_claim(store, cli.args.receipt_no)
        timeline = claim_timeline(store, claim.id)
    finally:
        store.close()
    doc: dict[str, Any] = {
        column.key: getattr(claim, column.key)
        for column in claim.__table__.columns
        if column.key
        not in {
            "id",
            "clerk_id",
            "voided_by_id",
            "supersedes_id",
            "batch_id",
            "shipment_id",
            "insured_name_key",
            "beneficiary_name_key",
        }
    }
    doc["created_at"] = _local(claim.created_at, claim.utc_offset_min).isoformat()
    doc.pop("utc_offset_min")
    doc["confirmations"] = json.loads(claim.confirmations)
    doc["care_categories"] = [c for c in claim.care_categories.split(",") if c]
    doc["checklist"] = [c for c in claim.checklist.split(",") if c]
    doc["timeline"] = [
        {
            "status": e.status,
            "at": e.at.replace(tzinfo=dt.UTC).isoformat(),
            "source": e.source,
            "code": e.code,
            "detail": e.detail,
            "amount_centimes": e.amount_centimes,
            "effective_date": e.effective_date.isoformat() if e.effective_date else None,
        }
        for e in timeline
    ]
    if cli.args.json:
        _print_json(doc)
    else:
        for key, value in doc.items():
            if key == "timeline":
                continue
            print(f"{key:<26} {_plain(value)}")
        for event in doc["timeline"]:
            print(f"  {event['at']}  {event['status']:<16} {event['detail'] or ''}")
    return 0


def cmd_claims_void(cli: Cli) -> int:
    from agent_app.services.claims import void_claim
    from agent_app.services.users import authenticate

    password = _password_for(cli, cli.args.as_user, confirm=False)
    store = cli.open()
    try:
        actor = authenticate(store, cli.args.as_user, password)
        void_claim(store, actor, cli.args.receipt_no, cli.args.reason)
    finally:
        store.close()
    cli.say("void.done", receipt_no=cli.args.receipt_no)
    return 0


def cmd_registrations_list(cli: Cli) -> int:
    from agent_app.services.lookup import find_enrolments
    from agent_app.services.sync import assigned_immatriculations

    store = cli.open()
    try:
        rows = find_enrolments(store, cli.args.query or "", limit=cli.args.limit or None)
        assigned = assigned_immatriculations(store, [row.id for row in rows])
    finally:
        store.close()
    if cli.args.json:
        docs = []
        for row in rows:
            doc = dataclasses.asdict(row)
            doc.pop("id")
            doc["created_at"] = row.created_at.replace(tzinfo=dt.UTC).isoformat()
            # ``immatriculation``: the number CNSS assigned once registered, else the one the
            # applicant declared; both stay readable on their own.
            doc["declared_immatriculation"] = row.immatriculation
            doc["assigned_immatriculation"] = assigned.get(row.id)
            doc["immatriculation"] = assigned.get(row.id) or row.immatriculation
            docs.append(doc)
        _print_json(docs)
    elif not rows:
        cli.say("none")
    else:
        for r in rows:
            print(
                f"{r.receipt_no:<20} {r.last_name[:20]:<20} {r.first_name[:18]:<18} {r.cin:<10} "
                f"{assigned.get(r.id) or r.immatriculation or '-':<9}  {r.category_code:<5} "
                f"{r.dependents:>2}  "
                f"{status_label(r.status, cli.lang)}"
            )
    return 0


def cmd_registrations_show(cli: Cli) -> int:
    from agent_app.services.enrolments import enrolment_timeline, get_enrolment

    store = cli.open()
    try:
        enrolment = get_enrolment(store, cli.args.receipt_no)
        timeline = enrolment_timeline(store, enrolment.id)
    finally:
        store.close()
    hidden = {"id", "clerk_id", "voided_by_id", "supersedes_id", "batch_id", "name_key"}
    doc: dict[str, Any] = {
        column.key: getattr(enrolment, column.key)
        for column in enrolment.__table__.columns
        if column.key not in hidden
    }
    doc["created_at"] = _local(enrolment.created_at, enrolment.utc_offset_min).isoformat()
    doc.pop("utc_offset_min")
    doc["notice_acknowledged_at"] = enrolment.notice_acknowledged_at.replace(
        tzinfo=dt.UTC
    ).isoformat()
    doc["confirmations"] = json.loads(enrolment.confirmations)
    # As in ``registrations list``: the assigned number once CNSS registered the applicant.
    doc["declared_immatriculation"] = enrolment.immatriculation
    doc["immatriculation"] = enrolment.assigned_immatriculation or enrolment.immatriculation
    doc["dependents"] = [
        {
            "relationship": d.relationship,
            "last_name": d.last_name,
            "first_name": d.first_name,
            "birth_date": d.birth_date,
            "sex": d.sex,
            "cin": d.cin,
            "is_student": d.is_student,
            "is_married": d.is_married,
            "is_disabled": d.is_disabled,
            "is_kafala": d.is_kafala,
        }
        for d in enrolment.dependents
    ]
    doc["timeline"] = [
        {
            "status": e.status,
            "at": e.at.replace(tzinfo=dt.UTC).isoformat(),
            "source": e.source,
            "code": e.code,
            "detail": e.detail,
        }
        for e in timeline
    ]
    if cli.args.json:
        _print_json(doc)
        return 0
    for key, value in doc.items():
        if key not in {"dependents", "timeline"}:
            print(f"{key:<26} {_plain(value)}")
    for d in doc["dependents"]:
        print(
            f"  {d['relationship']:<7} {d['last_name']} {d['first_name']}  "
            f"{format_date(d['birth_date'])}"
        )
    for event in doc["timeline"]:
        print(
            f"  {event['at']}  {event['status']:<16} {event['code'] or ''} {event['detail'] or ''}"
        )
    return 0


def cmd_registrations_attach(cli: Cli) -> int:
    from agent_app.services.scans import import_scan

    store = cli.open()
    try:
        actor = _actor(cli, store)
        scan = import_scan(store, actor, cli.args.receipt_no, Path(cli.args.file))
    finally:
        store.close()
    if cli.args.json:
        _print_json(
            {
                "scan_id": scan.id,
                "sha256": scan.sha256,
                "size": scan.size,
                "media_type": scan.media_type,
            }
        )
    else:
        cli.say(
            "scan.attached", receipt_no=cli.args.receipt_no.upper(), scan_id=scan.id, size=scan.size
        )
    return 0


def cmd_registrations_check_cin(cli: Cli) -> int:
    from agent_app.services.insured_check import check_insured_online, describe_check

    store = cli.open()
    try:
        check = check_insured_online(store, cli.args.cin)
    finally:
        store.close()
    if cli.args.json:
        _print_json({**dataclasses.asdict(check), "checked_at": check.checked_at.isoformat()})
    else:
        print(describe_check(check, cli.lang), flush=True)
    return 0


def cmd_day_summary(cli: Cli) -> int:
    from agent_app.services.reports import day_summary

    day = cli.args.day or dt.date.today()
    store = cli.open()
    try:
        summary = day_summary(store, day)
    finally:
        store.close()
    if cli.args.json:
        doc = dataclasses.asdict(summary)
        doc["day"] = summary.day.isoformat()
        _print_json(doc)
        return 0
    care = ", ".join(
        f"{label(CareType(k), cli.lang)} {v}" for k, v in sorted(summary.by_care_type.items())
    )
    statuses = ", ".join(
        f"{status_label(k, cli.lang)} {v}" for k, v in sorted(summary.by_status.items())
    )
    lines = [
        ("summary.day", format_date(summary.day)),
        ("summary.claims", str(summary.claims)),
        ("summary.voided", str(summary.voided)),
        ("summary.total", format_amount(summary.declared_total_centimes, cli.lang)),
        ("summary.documents", str(summary.documents)),
        ("summary.enrolments", str(summary.enrolments)),
        ("summary.by_care_type", care or "-"),
        ("summary.by_status", statuses or "-"),
    ]
    for key, value in lines:
        print(f"{TEXTS.render(key, cli.lang):<22} {value}")
    return 0


# What ``verify`` reports as a failed verification (exit 3), not as a store it cannot open.
_VERIFY_REFUSALS = frozenset(
    {"store.empty_file", "store.truncated", "store.no_schema", "store.corrupt", "store.wrong_key"}
)


def cmd_verify(cli: Cli) -> int:
    import sqlalchemy as sa

    from agent_app.services.integrity import verify

    try:
        store = cli.open()
    except AppError as error:
        if error.code not in _VERIFY_REFUSALS:
            raise
        log.warning("verify refused the store file: %s", error.code)
        if error.code == "store.wrong_key":
            # The key file's passphrase was right: it is the store file that does not open.
            _fail(cli, "verify.unopenable")
        else:
            _fail(cli, "verify.refused", reason=error.message(cli.lang))
        return EXIT_VERIFY_FAILED
    except sa.exc.DatabaseError as error:
        log.warning("verify could not read the store file: %s", type(error.orig).__name__)
        _fail(cli, "verify.integrity", detail=str(error.orig))
        return EXIT_VERIFY_FAILED
    try:
        report = verify(store, full=cli.args.full)
    finally:
        store.close()
    if report.cipher_problems:
        _fail(cli, "verify.cipher", detail="; ".join(report.cipher_problems[:3]))
    if report.integrity_problems:
        _fail(cli, "verify.integrity", detail="; ".join(report.integrity_problems[:3]))
    if report.audit_break is not None:
        how = TEXTS.render(f"how.{report.audit_break.reason}", cli.lang)
        _fail(cli, "verify.audit", seq=report.audit_break.seq, how=how)
    if not report.ok:
        log.warning("verify failed: %s", report)
        return EXIT_VERIFY_FAILED
    cli.say("verify.ok", entries=report.audit_entries)
    return 0


def cmd_backup(cli: Cli) -> int:
    from agent_app.services.backup import backup

    target = Path(cli.args.out)
    store = cli.open()
    try:
        backup(store, target)
    finally:
        store.close()
    cli.say("backup.done", path=target)
    return 0


def _actor(cli: Cli, store: Store) -> Actor:
    """Who acts: the user named by ``--as`` (password checked), else the operator."""
    from agent_app.services.context import OPERATOR
    from agent_app.services.users import authenticate

    username = getattr(cli.args, "as_user", None)
    if not username:
        return OPERATOR
    return authenticate(store, username, _password_for(cli, username, confirm=False))


def _offscreen_when_headless() -> None:
    """Qt's offscreen platform when there is no display: the CLI only writes PDF files.

    Must run before the printing module (and so Qt's GUI application) is imported.
    """
    unix_desktop = sys.platform.startswith("linux") or "bsd" in sys.platform
    if unix_desktop and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def cmd_print_receipt(cli: Cli) -> int:
    from agent_app.services.receipts import receipt_for, record_print

    _offscreen_when_headless()
    from agent_app.ui.printing import Layout, receipt_pdf

    target = Path(cli.args.pdf)
    store = cli.open()
    try:
        actor = _actor(cli, store)
        # Without --copy the store says whether this is the original or a DUPLICATA.
        data = receipt_for(store, cli.args.receipt_no, cli.lang, copy=cli.args.copy or None)
        receipt_pdf(data, target, Layout(cli.args.layout))
        record_print(store, actor, data.kind, data.receipt_no, data.copy)
    finally:
        store.close()
    cli.say("print.receipt_done", receipt_no=data.receipt_no, path=target)
    return 0


def cmd_print_shipment(cli: Cli) -> int:
    from agent_app.services.shipments import record_slip_print, shipment_slip

    _offscreen_when_headless()
    from agent_app.ui.printing import Layout, shipment_pdf

    target = Path(cli.args.pdf)
    store = cli.open()
    try:
        actor = _actor(cli, store)
        slip = shipment_slip(store, cli.args.number, cli.lang)
        shipment_pdf(slip, target, Layout(cli.args.layout))
        record_slip_print(store, actor, slip.number, copy=cli.args.copy)
    finally:
        store.close()
    cli.say("print.shipment_done", number=slip.number, path=target)
    return 0


def cmd_shipments_close(cli: Cli) -> int:
    from agent_app.services.shipments import close_shipment

    store = cli.open()
    try:
        actor = _actor(cli, store)
        slip = close_shipment(
            store,
            actor,
            day=cli.args.day,
            all_unshipped=cli.args.all_unshipped,
            lang=cli.lang,
        )
    finally:
        store.close()
    if cli.args.json:
        _print_json(
            {
                "number": slip.number,
                "item_count": slip.item_count,
                "total_centimes": slip.total_centimes,
                "manifest_hash": slip.manifest_hash,
                "receipts": [line.receipt_no for line in slip.lines],
            }
        )
    else:
        cli.say("shipment.closed", number=slip.number, count=slip.item_count, total=slip.total)
    return 0


def cmd_shipments_list(cli: Cli) -> int:
    from agent_app.services.shipments import list_shipments

    store = cli.open()
    try:
        rows = list_shipments(store)
    finally:
        store.close()
    if cli.args.json:
        _print_json([dataclasses.asdict(row) for row in rows])
    elif not rows:
        cli.say("none")
    else:
        for r in rows:
            when = r.closed_at.astimezone()
            print(
                f"{r.number:<24} {format_date(when.date())} {when:%H:%M}  {r.item_count:>5}  "
                f"{format_amount(r.total_centimes, cli.lang):>18}  {r.closed_by or '-'}"
            )
    return 0


def cmd_activate(cli: Cli) -> int:
    from agent_app.services.point import point_identity
    from agent_app.services.sync import activate

    store = cli.open()
    try:
        actor = _actor(cli, store)
        device_id = activate(store, actor, cli.args.server, cli.args.code, ca_file=cli.args.ca_file)
        code, _ = point_identity(store)
    finally:
        store.close()
    cli.say("activate.done", code=code, server=cli.args.server, device_id=device_id)
    return 0


CLOCK_OFFSET_WARNING_SECONDS = 300


def cmd_sync(cli: Cli) -> int:
    from agent_app.services.sync import run_sync

    store = cli.open()
    try:
        report = run_sync(store, force_seal=True)
    finally:
        store.close()
    if cli.args.json:
        _print_json(report.to_json())
    reason_code = report.error or report.skipped_reason
    if not cli.args.json:
        for batch_id, code in report.refused_batches:
            cli.say("sync.refused_batch", batch_id=batch_id, code=code)
        offset = report.clock_offset_seconds
        if offset is not None and abs(offset) >= CLOCK_OFFSET_WARNING_SECONDS:
            cli.say("sync.clock_offset", minutes=round(abs(offset) / 60))
        if report.ok:
            cli.say(
                "sync.done",
                sealed=report.batches_sealed,
                sent=report.batches_sent,
                accepted=report.accepted,
                rejected=report.rejected,
                duplicates=report.duplicates,
                updates=report.updates_applied,
                pending=report.pending,
            )
    if report.ok:
        return 0
    key = f"sync.{reason_code}"
    reason = AppError(key).message(cli.lang) if key in ERRORS else str(reason_code)
    _fail(cli, "sync.failed", reason=reason, pending=report.pending)
    return EXIT_FAILURE


def cmd_export_batches(cli: Cli) -> int:
    from agent_app.services.sync import export_batches

    out = Path(cli.args.out)
    store = cli.open()
    try:
        written = export_batches(store, out)
    finally:
        store.close()
    cli.say("export.done", count=len(written), path=out)
    return 0


# --- plumbing -----------------------------------------------------------------------------


def _fail(cli: Cli, key: str, /, **params: object) -> None:
    print(TEXTS.render(key, cli.lang, **params), file=sys.stderr, flush=True)


def _plain(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, dt.date):
        return format_date(value) if not isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _json_default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value)
    raise TypeError(type(value).__name__)


def _print_json(doc: object) -> None:
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write("\n")
    sys.stdout.flush()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="agent-app",
        description="Guichet AMO : dépôts de dossiers AMO et immatriculations AMO-TNS au guichet.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("AGENT_APP_DATA_DIR") or default_data_dir()),
        help="dossier des données du point (défaut : %(default)s)",
    )
    parser.add_argument("--lang", choices=["fr", "ar", "en"], help="langue des messages")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMANDE", parser_class=_Parser
    )

    init = commands.add_parser("init", help="créer le magasin chiffré du point")
    init.add_argument("--point-code", required=True)
    init.add_argument("--point-name")
    init.add_argument(
        "--key-store",
        choices=["auto", "keyring", "passphrase"],
        default="auto",
        help="où garder la clé : trousseau du système, phrase de passe, ou auto",
    )
    init.set_defaults(handler=cmd_init)

    user = commands.add_parser("user", help="comptes des agents").add_subparsers(
        dest="user_command", required=True, metavar="ACTION"
    )
    user_add = user.add_parser("add", help="ajouter un agent ou un superviseur")
    user_add.add_argument("username")
    user_add.add_argument("--role", choices=[r.value for r in Role], required=True)
    user_add.add_argument("--name", help="nom affiché")
    user_add.set_defaults(handler=cmd_user_add)
    user_list = user.add_parser("list", help="lister les comptes")
    user_list.add_argument("--json", action="store_true")
    user_list.set_defaults(handler=cmd_user_list)

    demo = commands.add_parser("demo-data", help="remplir un magasin de démonstration")
    demo.add_argument("--claims", type=_non_negative, default=0)
    demo.add_argument("--registrations", type=_non_negative, default=0)
    demo.add_argument("--seed", type=int, default=None)
    demo.set_defaults(handler=cmd_demo_data)

    claims = commands.add_parser("claims", help="dépôts de dossiers").add_subparsers(
        dest="claims_command", required=True, metavar="ACTION"
    )
    claims_list = claims.add_parser("list", help="lister les dépôts, du plus récent")
    claims_list.add_argument("--json", action="store_true")
    claims_list.add_argument("--status")
    claims_list.add_argument("--day", type=_day, help="jour de dépôt AAAA-MM-JJ")
    claims_list.add_argument("--limit", type=_non_negative, default=100, help="0 pour tout lister")
    claims_list.set_defaults(handler=cmd_claims_list)
    claims_find = claims.add_parser("find", help="chercher par reçu, immatriculation, CIN, nom")
    claims_find.add_argument("query")
    claims_find.add_argument("--json", action="store_true")
    claims_find.add_argument("--limit", type=_non_negative, default=100)
    claims_find.set_defaults(handler=cmd_claims_find)
    claims_show = claims.add_parser("show", help="un dépôt et son historique")
    claims_show.add_argument("receipt_no", metavar="RECEIPT_NO")
    claims_show.add_argument("--json", action="store_true")
    claims_show.set_defaults(handler=cmd_claims_show)
    claims_void = claims.add_parser("void", help="annuler un dépôt (superviseur)")
    claims_void.add_argument("receipt_no", metavar="RECEIPT_NO")
    claims_void.add_argument("--reason", required=True)
    claims_void.add_argument("--as", dest="as_user", required=True, metavar="SUPERVISEUR")
    claims_void.set_defaults(handler=cmd_claims_void)

    registrations = commands.add_parser("registrations", help="immatriculations AMO-TNS")
    reg = registrations.add_subparsers(
        dest="registrations_command", required=True, metavar="ACTION"
    )
    reg_list = reg.add_parser("list", help="lister les immatriculations")
    reg_list.add_argument("--json", action="store_true")
    reg_list.add_argument("--query", help="reçu, CIN, immatriculation ou nom")
    reg_list.add_argument("--limit", type=_non_negative, default=100)
    reg_list.set_defaults(handler=cmd_registrations_list)
    reg_show = reg.add_parser(
        "show", help="une immatriculation, ses ayants droit et son historique"
    )
    reg_show.add_argument("receipt_no", metavar="RECEIPT_NO")
    reg_show.add_argument("--json", action="store_true")
    reg_show.set_defaults(handler=cmd_registrations_show)
    reg_attach = reg.add_parser(
        "attach", help="joindre le scan d'une pièce d'identité (JPEG, PNG ou PDF)"
    )
    reg_attach.add_argument("receipt_no", metavar="RECEIPT_NO")
    reg_attach.add_argument("file", metavar="FILE")
    reg_attach.add_argument("--json", action="store_true")
    reg_attach.add_argument("--as", dest="as_user", metavar="AGENT")
    reg_attach.set_defaults(handler=cmd_registrations_attach)
    reg_check = reg.add_parser(
        "check-cin", help="demander au centre si ce CIN est déjà assuré (point activé, en ligne)"
    )
    reg_check.add_argument("cin", metavar="CIN")
    reg_check.add_argument("--json", action="store_true")
    reg_check.set_defaults(handler=cmd_registrations_check_cin)

    summary = commands.add_parser("day-summary", help="le résumé d'une journée")
    summary.add_argument("--day", type=_day, help="AAAA-MM-JJ (défaut : aujourd'hui)")
    summary.add_argument("--json", action="store_true")
    summary.set_defaults(handler=cmd_day_summary)

    verify = commands.add_parser("verify", help="contrôler le fichier et la chaîne d'audit")
    verify.add_argument("--full", action="store_true", help="contrôle d'intégrité complet")
    verify.set_defaults(handler=cmd_verify)

    printing = commands.add_parser("print", help="reçus et bordereaux en PDF").add_subparsers(
        dest="print_command", required=True, metavar="DOCUMENT"
    )
    print_receipt = printing.add_parser(
        "receipt", help="le reçu d'un dépôt ou d'une immatriculation"
    )
    print_receipt.add_argument("receipt_no", metavar="RECEIPT_NO")
    print_receipt.add_argument("--pdf", required=True, metavar="FICHIER")
    print_receipt.add_argument(
        "--layout", choices=["80mm", "a5", "a4"], default="80mm", help="papier (défaut : 80mm)"
    )
    print_receipt.add_argument("--copy", action="store_true", help="réimpression (DUPLICATA)")
    print_receipt.add_argument("--as", dest="as_user", metavar="AGENT")
    print_receipt.set_defaults(handler=cmd_print_receipt)
    print_shipment = printing.add_parser("shipment", help="le bordereau d'une enveloppe")
    print_shipment.add_argument("number", metavar="SHIPMENT_NO")
    print_shipment.add_argument("--pdf", required=True, metavar="FICHIER")
    print_shipment.add_argument("--layout", choices=["a4", "a5"], default="a4")
    print_shipment.add_argument("--copy", action="store_true", help="réimpression")
    print_shipment.add_argument("--as", dest="as_user", metavar="AGENT")
    print_shipment.set_defaults(handler=cmd_print_shipment)

    shipments = commands.add_parser("shipments", help="enveloppes de dossiers papier")
    ship = shipments.add_subparsers(dest="shipments_command", required=True, metavar="ACTION")
    ship_close = ship.add_parser(
        "close",
        help="fermer l'enveloppe : les dépôts du jour non annulés et pas encore envoyés",
    )
    ship_close.add_argument(
        "--all-today",
        action="store_true",
        help="tous les dépôts du jour pas encore mis sous enveloppe (le comportement par défaut)",
    )
    ship_close.add_argument(
        "--all-unshipped",
        action="store_true",
        help="aussi les dépôts des jours précédents restés hors enveloppe",
    )
    ship_close.add_argument(
        "--day", type=_day, help="jour de dépôt AAAA-MM-JJ (défaut : aujourd'hui)"
    )
    ship_close.add_argument("--json", action="store_true")
    ship_close.add_argument("--as", dest="as_user", metavar="AGENT")
    ship_close.set_defaults(handler=cmd_shipments_close)
    ship_list = ship.add_parser("list", help="les enveloppes fermées, de la plus récente")
    ship_list.add_argument("--json", action="store_true")
    ship_list.set_defaults(handler=cmd_shipments_list)

    activate_cmd = commands.add_parser(
        "activate", help="activer le point auprès du centre CNSS (superviseur)"
    )
    activate_cmd.add_argument("--server", required=True, metavar="URL")
    activate_cmd.add_argument("--code", required=True, help="code d'activation à usage unique")
    activate_cmd.add_argument("--ca-file", help="autorité de certification du centre (PEM)")
    activate_cmd.add_argument("--as", dest="as_user", metavar="SUPERVISEUR")
    activate_cmd.set_defaults(handler=cmd_activate)

    sync_cmd = commands.add_parser(
        "sync", help="une synchronisation avec le centre (scelle tout ce qui attend)"
    )
    sync_cmd.add_argument("--json", action="store_true")
    sync_cmd.set_defaults(handler=cmd_sync)

    export = commands.add_parser(
        "export-batches", help="écrire les lots scellés pour un support amovible"
    )
    export.add_argument("--out", required=True, metavar="DOSSIER")
    export.set_defaults(handler=cmd_export_batches)

    backup = commands.add_parser("backup", help="sauvegarde chiffrée cohérente")
    backup.add_argument("--out", required=True)
    backup.set_defaults(handler=cmd_backup)
    return parser


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error on one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (--help)\n")


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("≥ 0")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang: Lang = args.lang or pick_lang()
    cli = Cli(args, lang)
    handler: Callable[[Cli], int] = args.handler
    # Nothing is ever logged to the terminal: the log file, or nowhere before ``init``.
    logging.getLogger().addHandler(logging.NullHandler())
    log_path: Path | None = None
    try:
        if args.command == "init":
            cli.data_dir.mkdir(parents=True, exist_ok=True)
        if cli.data_dir.is_dir():
            log_path = configure_logging(cli.data_dir)
        return handler(cli)
    except AppError as exc:
        log.info("%s failed: %s", args.command, exc.code)
        print(exc.message(lang), file=sys.stderr, flush=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        environmental = translate_db_error(exc, cli.data_dir if cli.data_dir.is_dir() else None)
        if environmental is not None:
            # The environment's fault (a full disk, a failing medium): one line, as above.
            log.warning("%s failed: %s (%s)", args.command, environmental.code, type(exc).__name__)
            print(environmental.message(lang), file=sys.stderr, flush=True)
            return environmental.exit_code
        log.exception("internal error in %s", args.command)
        where = log_path or "logs/agent-app.log"
        print(
            TEXTS.render("internal", lang, kind=type(exc).__name__, log=where),
            file=sys.stderr,
            flush=True,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
