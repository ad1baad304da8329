"""The online check at the counter: "is this CIN already insured?", asked of the centre.

While a clerk enrols an AMO-TNS applicant, the counter may ask the centre whether the CIN is
already insured (an earlier TNS enrolment, another regime) before saving. It is optional: it
needs the point activated and the link up, and it changes nothing recorded.

The CIN is checked and normalised first (``agent_app.domain.identifiers``), then sealed to the
centre's key and signed by the device key (``sync.protocol.queries``); the answer is the
centre's signed JSON, bound to the query by its nonce. The store is read (device identity,
centre keys, server URL) and the audit entry written through ``call_store`` when given (the
GUI's database worker), while the network work runs on the caller's thread, as ``run_sync``
does. Bearer tokens are kept in this process's memory only, until shortly before they expire.

The audit entry (``insured.check``) names who asked (the clerk, or the operator for the
command line) and holds the CIN masked, the state and the regime answered: never the whole
CIN, never the immatriculation. Failures become :class:`AppError` with a message in the
clerk's language. This module never imports Qt and never logs a CIN.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Final, TypeVar

from agent_app.domain.identifiers import check_cin, normalise_cin
from agent_app.domain.problems import Severity
from agent_app.errors import AppError
from agent_app.i18n import DEFAULT_LANG, Catalog, Lang, Text
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.services.receipts import mask_cin
from agent_app.services.sync import StoreCaller, sync_error
from agent_app.services.sync_outbox import StoreOutbox
from agent_app.store.engine import Store
from agent_app.store.repo import audit
from sync.client.outbox import DeviceIdentity
from sync.client.transport import SyncError, Timeouts, Transport
from sync.protocol.auth import sign_token_request
from sync.protocol.queries import InsuredAnswer, seal_query

log = logging.getLogger(__name__)

AUDIT_ACTION: Final = "insured.check"
AUDIT_ACTOR: Final = "operator"
# A clerk waits for this answer with the applicant at the counter: fail fast, save anyway.
CHECK_TIMEOUTS: Final = Timeouts(connect=5.0, read=15.0)
# A token is dropped this long before the centre's expiry, so it never dies mid-check.
TOKEN_MARGIN_SECONDS: Final = 60.0
_TOKEN_RENEWAL: Final = frozenset({"token_expired", "bad_token"})
_LINK_DOWN: Final = frozenset({"network", "timeout", "server_unavailable", "server_error"})
# Codes whose sync wording says what the clerk needs to know for a check too.
_SYNC_WORDING: Final = frozenset(
    {"tls", "not_ours", "insecure_url", "device_revoked", "unknown_device", "unsupported"}
)

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class InsuredCheck:
    cin: str
    state: str  # "insured" | "enrolment_in_progress" | "not_found"
    regime: str | None
    immatriculation_masked: str | None
    checked_at: dt.datetime


# --- tokens in memory ---------------------------------------------------------------------

_TOKENS: dict[tuple[str, str], tuple[str, float]] = {}  # (store, device) -> (token, until)
_TOKENS_LOCK = threading.Lock()


def _token(transport: Transport, identity: DeviceIdentity, key: tuple[str, str]) -> str:
    with _TOKENS_LOCK:
        held = _TOKENS.get(key)
    if held is not None and time.monotonic() < held[1]:
        return held[0]
    challenge = transport.challenge(identity.device_id)
    signature = sign_token_request(identity.signing_key, identity.device_id, challenge.nonce)
    started = time.monotonic()
    token = transport.token(identity.device_id, challenge.nonce, signature)
    # The lifetime in centre time, counted on this machine's monotonic clock: skew-proof.
    lifetime = (token.expires_at - token.server_time).total_seconds()
    with _TOKENS_LOCK:
        _TOKENS[key] = (token.token, started + lifetime - TOKEN_MARGIN_SECONDS)
    return token.token


def _forget_token(key: tuple[str, str]) -> None:
    with _TOKENS_LOCK:
        _TOKENS.pop(key, None)


def _ask(identity: DeviceIdentity, cin: str, key: tuple[str, str]) -> InsuredAnswer:
    with Transport(
        identity.server_url,
        identity.ca_file,
        CHECK_TIMEOUTS,
        answer_key=identity.centre_verify_key,
    ) as transport:
        for attempt in range(2):
            token = _token(transport, identity, key)
            # A fresh query (a fresh nonce) for every try: the centre answers a nonce once.
            query = seal_query(
                cin, identity.device_id, identity.centre_public_key, identity.signing_key
            )
            try:
                return transport.check_insured(token, query)
            except SyncError as error:
                if error.code not in _TOKEN_RENEWAL or attempt:
                    raise
                _forget_token(key)
    raise AssertionError("unreachable: the second try returns or raises")


# --- the use case -------------------------------------------------------------------------


def _app_error(error: SyncError) -> AppError:
    if error.code == "not_activated":
        return AppError("insured_check.not_activated")
    if error.code in _LINK_DOWN:
        return AppError("insured_check.link_down")
    if error.code == "rate_limited":
        wait = error.retry_after if error.retry_after is not None else 60
        return AppError("insured_check.rate_limited", seconds=max(1, round(wait)))
    if error.code in _SYNC_WORDING:
        return sync_error(error)
    return AppError("insured_check.failed", code=error.code)


def _write_audit(store: Store, clock: Clock, actor: str, check: InsuredCheck) -> None:
    with store.write() as session:
        audit(
            session,
            clock(),
            actor,
            AUDIT_ACTION,
            "cin",
            mask_cin(check.cin),
            {"state": check.state, "regime": check.regime},
        )


def _direct(work: Callable[[], _T]) -> _T:
    return work()


def check_insured_online(
    store: Store,
    cin: str,
    *,
    clock: Clock = system_clock,
    call_store: StoreCaller | None = None,
    actor: Actor | None = None,
) -> InsuredCheck:
    """Ask the centre whether ``cin`` is already insured; raises :class:`AppError`.

    ``actor`` is who asked (the clerk at the counter), named in the audit entry; without one
    the entry names the operator, as for the command line.
    """
    problems = [p for p in check_cin(cin, "cin", required=True) if p.severity is Severity.ERROR]
    if problems:
        raise AppError("insured_check.invalid_cin")
    normalised = normalise_cin(cin)
    run: StoreCaller = call_store or _direct
    try:
        identity = run(StoreOutbox(store, clock).identity)
    except (KeyError, ValueError) as error:  # an activation left half-written
        raise AppError("insured_check.not_activated") from error
    if identity is None:
        raise AppError("insured_check.not_activated")
    try:
        answer = _ask(identity, normalised, (str(store.data_dir), identity.device_id))
    except SyncError as error:
        log.info("insured check failed: %s", error.code)
        raise _app_error(error) from error
    check = InsuredCheck(
        cin=normalised,
        state=answer.state,
        regime=answer.regime,
        immatriculation_masked=answer.immatriculation_masked,
        checked_at=answer.checked_at,
    )
    asked_by = actor.username if actor is not None else AUDIT_ACTOR
    run(partial(_write_audit, store, clock, asked_by, check))
    log.info("insured check answered: %s", check.state)
    return check


# --- how a check reads --------------------------------------------------------------------

TEXTS: Final = Catalog(
    {
        "insured": Text(
            fr="CIN {cin} : déjà assuré(e) AMO, régime {regime}, immatriculation {number} "
            "(vérifié auprès du centre le {at}).",
            ar="البطاقة الوطنية {cin}: مؤمَّن(ة) مسبقاً في التأمين الإجباري عن المرض، النظام "
            "{regime}، رقم التسجيل {number} (تم التحقق لدى المركز في {at}).",
            en="CIN {cin}: already insured (AMO), regime {regime}, immatriculation {number} "
            "(checked with the centre on {at}).",
        ),
        "enrolment_in_progress": Text(
            fr="CIN {cin} : une immatriculation AMO-TNS est déjà en cours de traitement à la "
            "CNSS (vérifié auprès du centre le {at}) : ne l'enregistrez pas une seconde fois.",
            ar="البطاقة الوطنية {cin}: يوجد طلب تسجيل AMO-TNS قيد المعالجة لدى الصندوق (تم "
            "التحقق لدى المركز في {at}): لا تسجّله مرة ثانية.",
            en="CIN {cin}: an AMO-TNS enrolment is already being processed by CNSS (checked with "
            "the centre on {at}): do not record it a second time.",
        ),
        "not_found": Text(
            fr="CIN {cin} : la CNSS ne connaît aucun assuré ni aucune immatriculation en cours "
            "pour ce numéro (vérifié auprès du centre le {at}).",
            ar="البطاقة الوطنية {cin}: لا يعرف الصندوق أي مؤمَّن ولا أي تسجيل جارٍ بهذا الرقم "
            "(تم التحقق لدى المركز في {at}).",
            en="CIN {cin}: CNSS knows no insured person and no enrolment in progress for this "
            "number (checked with the centre on {at}).",
        ),
        "regime.tns": Text(fr="TNS (non-salariés)", ar="غير الأجراء", en="TNS (self-employed)"),
        "regime.salarie": Text(fr="salariés", ar="الأجراء", en="employees"),
        "regime.amo_tadamon": Text(fr="AMO Tadamon", ar="أمو تضامن", en="AMO Tadamon"),
        "regime.amo_achamil": Text(fr="AMO Achamil", ar="أمو الشامل", en="AMO Achamil"),
        "unknown": Text(fr="non communiqué", ar="غير مُبلَّغ", en="not given"),
    }
)


def describe_check(check: InsuredCheck, lang: Lang = DEFAULT_LANG) -> str:
    """One line for the clerk: the answer, the CIN masked, the centre's time (local, DD/MM)."""
    regime_key = f"regime.{check.regime}"
    regime = TEXTS.render(regime_key if regime_key in TEXTS else "unknown", lang)
    at = check.checked_at.astimezone().strftime("%d/%m/%Y %H:%M")
    return TEXTS.render(
        check.state,
        lang,
        cin=mask_cin(check.cin),
        regime=regime,
        number=check.immatriculation_masked or TEXTS.render("unknown", lang),
        at=at,
    )
