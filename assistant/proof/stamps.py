"""Trusted time-stamps (RFC 3161) for the ledger head.

The hash chain shows that nothing changed *after* an entry was written, but
whoever holds the folder could rebuild the whole chain with other times. A
time-stamp token from an independent time-stamping authority (TSA) says that
the ledger head existed at the TSA's time; because every entry is chained into
the head, that bounds the time of every entry before it.

What is stamped: the message imprint is the SHA-256 of the ledger head, i.e. of
the last entry's ``hash`` written as its 64 lowercase hex characters (ASCII).
The token and the certificates the TSA sent (plus the trust anchor they chain
to) are kept in ``HOME/stamps/`` and the stamp is chained into the ledger as an
entry of kind ``stamp``. Stamping never blocks proof: when no TSA answers (no
internet) the stamp is *pending* and the next run or ``objector stamp`` takes
it for the then-current head, which still covers every earlier entry.

``check_stamps`` re-checks every token offline for ``objector verify``.

A stamp's ledger entry (besides ``seq``, ``at``, ``prev``, ``hash``)::

    kind "stamp" · head (the stamped entry's hash) · head_seq · imprint (hex SHA-256 of head)
    tsa (the address asked) · tsa_name (its certificate's common name) · time (the TSA's, UTC)
    serial · policy · token "stamps/<n>-<time>.tsr" · token_sha256
    chain "stamps/<n>-<time>.chain.pem" · chain_sha256
"""

from __future__ import annotations

import hashlib
import json
import os
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config.home import LEDGER_NAME, STAMPS_DIR, Home
from ..config.settings import Settings
from ..config.timestamps import DEFAULT_TSA_URLS, parse_tsa_urls  # noqa: F401 - re-exported
from ..errors import UserError, shown
from ..i18n import _, ngettext
from ..storage import MAX_CONFIG_BYTES, MAX_LEDGER_BYTES, atomic_write, inside_home, read_bounded
from .ledger import Ledger, iso

#: A TSA answers in well under a second; waiting longer only delays the end of a run.
TIMEOUT_SECONDS = 6.0
MAX_TOKEN_BYTES = 256 * 1024  # tokens are a few kilobytes; anything near this is not one
KIND = "stamp"
HOW_TO_NAME = "HOW-TO-CHECK-TIMESTAMPS.txt"


class StampError(UserError):
    """A time-stamp setting that cannot be used (exit 2, one line)."""


# --------------------------------------------------------------------------- settings


def trust_anchors(cafile: Path | None) -> list[Any]:
    """The root certificates a token must chain to: the system's trust store plus ``cafile``.

    The system store is what the operating system trusts for the web; a TSA whose root is
    not in it (FreeTSA, a company TSA, the tests' own) is trusted only when named in
    OBJECTOR_TSA_CAFILE, so the person decides, not the token.
    """
    from cryptography import x509

    found: dict[bytes, Any] = {}
    for cert in _system_roots():
        found.setdefault(cert.fingerprint(_sha256()), cert)
    if cafile is not None:
        try:
            data = read_bounded(cafile, MAX_CONFIG_BYTES)
        except FileNotFoundError:
            raise StampError(
                _(
                    "OBJECTOR_TSA_CAFILE={path}: no such file; give the PEM file with the "
                    "TSA's root certificate."
                ).format(path=shown(cafile))
            ) from None
        except UserError as exc:
            raise StampError(_("OBJECTOR_TSA_CAFILE: {problem}").format(problem=exc)) from None
        try:
            certs = x509.load_pem_x509_certificates(data)
        except ValueError:
            raise StampError(
                _(
                    "OBJECTOR_TSA_CAFILE={path}: holds no PEM certificate; give the PEM file "
                    "with the TSA's root certificate."
                ).format(path=shown(cafile))
            ) from None
        for cert in certs:
            found.setdefault(cert.fingerprint(_sha256()), cert)
    return list(found.values())


def _sha256() -> Any:
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def _system_roots() -> Iterable[Any]:
    """The certificates of the system's trust store that OpenSSL's default paths name (the first found)."""
    from cryptography import x509

    blobs: list[bytes] = []
    paths = ssl.get_default_verify_paths()
    for name in (paths.cafile, paths.openssl_cafile, _certifi()):
        if name and os.path.isfile(name):
            try:
                blobs.append(read_bounded(Path(name), 16 << 20))
                break
            except (OSError, UserError):
                continue
    certs: list[Any] = []
    for blob in blobs:
        certs.extend(_pem_certificates(blob))
    if os.name == "nt":  # pragma: no cover - Windows keeps its roots in the registry
        for der, encoding, _trust in ssl.enum_certificates("ROOT"):  # type: ignore[attr-defined]
            if encoding == "x509_asn":
                try:
                    certs.append(x509.load_der_x509_certificate(der))
                except ValueError:
                    continue
    return certs


def _certifi() -> str | None:
    """Mozilla's roots from ``certifi`` where it is installed (macOS Pythons often have no other)."""
    try:
        import certifi  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return str(certifi.where())


def _pem_certificates(blob: bytes) -> list[Any]:
    """Every certificate of a PEM bundle that loads; one odd certificate does not lose the rest.

    System stores hold a few old roots that ``cryptography`` warns about (a serial number that
    is not positive); they are of no use to a TSA of today, and the warning is not the
    person's to act on.
    """
    import warnings

    from cryptography import x509

    end = b"-----END CERTIFICATE-----"
    certs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for part in blob.split(end)[:-1]:
            try:
                certs.append(x509.load_pem_x509_certificate(part + end))
            except ValueError:
                continue
    return certs


# --------------------------------------------------------------------------- the ledger's view


def imprint_of(head: str) -> bytes:
    """The message imprint of a stamp: SHA-256 of the head hash written as ASCII hex."""
    return hashlib.sha256(head.encode("ascii")).digest()


def unstamped(entries: list[dict[str, Any]]) -> int:
    """How many entries came after the last stamp (all of them when there is none)."""
    for back, entry in enumerate(reversed(entries)):
        if entry.get("kind") == KIND:
            return back
    return len(entries)


def last_stamp(entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((e for e in reversed(entries) if e.get("kind") == KIND), None)


def status_line(home: Path, urls: tuple[str, ...]) -> str | None:
    """One line for ``objector status``: the last stamp and whether one is pending."""
    try:
        entries = Ledger(home).entries()
    except UserError:
        return None
    if not entries:
        return None
    last = last_stamp(entries)
    waiting = unstamped(entries)
    if not waiting and last is not None:
        # TRANSLATORS: {stamp} is e.g. "DigiCert Timestamp 2023 at 2026-05-20T10:15:02Z"
        return _("Time-stamps: the ledger head is time-stamped ({stamp}).").format(stamp=_by_at(last))
    if last is None and not urls:
        return ngettext(
            "Time-stamps: off (OBJECTOR_TSA_URL=off); {count} ledger entry not time-stamped (none yet).",
            "Time-stamps: off (OBJECTOR_TSA_URL=off); {count} ledger entries not time-stamped (none yet).",
            waiting,
        ).format(count=waiting)
    if last is not None and not urls:
        return ngettext(
            "Time-stamps: off (OBJECTOR_TSA_URL=off); {count} ledger entry not time-stamped (last: {stamp}).",
            "Time-stamps: off (OBJECTOR_TSA_URL=off); "
            "{count} ledger entries not time-stamped (last: {stamp}).",
            waiting,
        ).format(count=waiting, stamp=_by_at(last))
    if last is None:
        return ngettext(
            "Time-stamps: pending for {count} ledger entry (none yet); "
            "the next run or 'objector stamp' takes it.",
            "Time-stamps: pending for {count} ledger entries (none yet); "
            "the next run or 'objector stamp' takes it.",
            waiting,
        ).format(count=waiting)
    return ngettext(
        "Time-stamps: pending for {count} ledger entry (last: {stamp}); "
        "the next run or 'objector stamp' takes it.",
        "Time-stamps: pending for {count} ledger entries (last: {stamp}); "
        "the next run or 'objector stamp' takes it.",
        waiting,
    ).format(count=waiting, stamp=_by_at(last))


def _by_at(entry: dict[str, Any]) -> str:
    # TRANSLATORS: {authority} is a time-stamping authority's name, {time} an ISO time
    return _("{authority} at {time}").format(
        authority=entry.get("tsa_name") or entry.get("tsa"), time=entry.get("time")
    )


# --------------------------------------------------------------------------- taking a stamp


@dataclass
class StampResult:
    """What ``stamp`` did: ``entry`` when a stamp was taken, else why not (``pending``/``nothing``)."""

    entry: dict[str, Any] | None = None
    state: str = "nothing"  # stamped, pending, nothing (head already stamped or empty ledger), off
    reasons: list[str] = field(default_factory=list)  # per TSA tried, why it gave no token

    def line(self) -> str:
        if self.entry is not None:
            # TRANSLATORS: {stamp} is e.g. "DigiCert Timestamp 2023 at 2026-05-20T10:15:02Z", {token} a file
            return _("time-stamped the ledger head by {stamp} ({token})").format(
                stamp=_by_at(self.entry), token=self.entry["token"]
            )
        if self.state == "off":
            return _("time-stamps are off (OBJECTOR_TSA_URL=off)")
        if self.state == "pending":
            # TRANSLATORS: {reasons} lists, per authority asked, why it gave no token
            return _(
                "time-stamp pending: no time-stamping authority gave a token ({reasons}); "
                "the next run or 'objector stamp' tries again"
            ).format(reasons="; ".join(self.reasons))
        return _("the ledger head is already time-stamped; nothing new to stamp")


Post = Callable[[str, bytes], bytes]


def stamp(home: Path, urls: tuple[str, ...], cafile: Path | None, *, post: Post | None = None) -> StampResult:
    """Stamp the ledger head if anything came after the last stamp; the caller holds the home lock.

    Each TSA is tried in order; a token is kept only if it verifies here and now (the imprint,
    our nonce, the signature and the chain to the trust anchors), so a stored token is one that
    ``verify`` will accept.
    """
    if not urls:
        return StampResult(state="off")
    ledger = Ledger(home)
    entries = ledger.entries()
    if not entries or not unstamped(entries):
        return StampResult()
    anchors = trust_anchors(cafile)
    head = entries[-1]
    from rfc3161_client import HashAlgorithm, TimestampRequestBuilder

    request = (
        TimestampRequestBuilder().data(head["hash"].encode("ascii")).hash_algorithm(HashAlgorithm.SHA256)
    )
    query = request.build()
    result = StampResult(state="pending")
    for url in urls:
        try:
            raw = (post or _post)(url, query.as_bytes())
            token = _accept(raw, head["hash"], query.nonce, anchors)
        except _Refused as exc:
            # TRANSLATORS: {host} is a time-stamping authority's host, {reason} why it gave no token
            result.reasons.append(_("{host}: {reason}").format(host=urlsplit(url).hostname, reason=exc))
            continue
        result.entry = _keep(home, ledger, entries, url, raw, token, anchors)
        result.state = "stamped"
        return result
    return result


class _Refused(Exception):
    """A TSA gave no usable token (unreachable, an error answer, a token that does not verify)."""


def _post(url: str, query: bytes) -> bytes:
    """POST the query as RFC 3161 over HTTP says; a short timeout, no retries, no redirects to worry."""
    request = urllib.request.Request(
        url, data=query, headers={"Content-Type": "application/timestamp-query"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # http(s) only
            return bytes(answer.read(MAX_TOKEN_BYTES + 1))
    except urllib.error.HTTPError as exc:
        raise _Refused(f"HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        raise _Refused(_network_words(reason)) from None
    except (OSError, ValueError) as exc:
        raise _Refused(_network_words(exc)) from None


def _network_words(reason: object) -> str:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return _("no answer within {seconds} s").format(seconds=f"{TIMEOUT_SECONDS:g}")
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[0].lower() + reason.strerror[1:]
    return str(reason) or type(reason).__name__


def _accept(raw: bytes, head: str, nonce: int | None, anchors: list[Any]) -> Any:
    if len(raw) > MAX_TOKEN_BYTES:
        raise _Refused(_("the answer is too large to be a time-stamp token"))
    problem, token = token_problem(raw, head, anchors, nonce=nonce)
    if problem:
        raise _Refused(_("its token does not verify ({problem})").format(problem=problem))
    return token


def _keep(
    home: Path,
    ledger: Ledger,
    entries: list[dict[str, Any]],
    url: str,
    raw: bytes,
    token: Any,
    anchors: list[Any],
) -> dict[str, Any]:
    """Write the token and its certificate chain, then chain the stamp into the ledger."""
    head = entries[-1]
    number = sum(1 for e in entries if e.get("kind") == KIND) + 1
    moment: datetime = token.tst_info.gen_time
    base = f"{STAMPS_DIR}/{number:04d}-{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    chain = _chain_pem(token, anchors)
    atomic_write(home / f"{base}.tsr", raw)
    atomic_write(home / f"{base}.chain.pem", chain)
    leaf = _leaf(token)
    return ledger.append(
        kind=KIND,
        head=head["hash"],
        head_seq=head["seq"],
        imprint=imprint_of(head["hash"]).hex(),
        tsa=url,
        tsa_name=_common_name(leaf) if leaf is not None else urlsplit(url).hostname,
        time=iso(moment),
        serial=str(token.tst_info.serial_number),
        policy=token.tst_info.policy.dotted_string,
        token=f"{base}.tsr",
        token_sha256=hashlib.sha256(raw).hexdigest(),
        chain=f"{base}.chain.pem",
        chain_sha256=hashlib.sha256(chain).hexdigest(),
    )


def after_run(settings: Settings, say: Callable[[str], None], warn: Callable[[str], None]) -> None:
    """The stamp at the end of a run: taken when entries wait for one; never fails the run.

    A run against a practice replica (OBJECTOR_SITE_MAP) asks the public TSAs nothing unless
    OBJECTOR_TSA_URL was set on purpose: its entries are practice, not objections.
    """
    if settings.site_map and settings.tsa_url is None:
        return
    try:
        result = stamp(settings.home, settings.tsa_urls, settings.tsa_cafile)
    except UserError as exc:
        warn(_("time-stamp not taken: {problem}").format(problem=exc))
        return
    if result.state == "stamped":
        say(result.line())
    elif result.state == "pending":
        warn(result.line())


# --------------------------------------------------------------------------- checking a token


def token_problem(
    raw: bytes, head: str, anchors: list[Any], *, nonce: int | None = None
) -> tuple[str | None, Any]:
    """(what is wrong with this token for this head, or None; the parsed token).

    Checks offline what RFC 3161 asks: the answer granted a token, its imprint is this head's,
    the TSA's signature is good and its certificate chains to a trust anchor, is a time-stamping
    certificate, and was valid at the TSA's time.
    """
    from rfc3161_client import VerificationError, VerifierBuilder, decode_timestamp_response

    try:
        token = decode_timestamp_response(raw)
    except ValueError:
        return _("it is not a readable time-stamp token"), None
    if token.status not in (0, 1):
        return _("the TSA refused the request (status {status})").format(status=token.status), token
    if not anchors:
        return _("there is no trust anchor to check it against; set OBJECTOR_TSA_CAFILE"), token
    builder = VerifierBuilder(roots=list(anchors), nonce=nonce)
    try:
        builder.build().verify(token, imprint_of(head))
    except VerificationError as exc:
        return _verification_words(str(exc)), token
    except ValueError as exc:
        return str(exc), token
    leaf = _leaf(token)
    moment = token.tst_info.gen_time
    if leaf is not None and not (leaf.not_valid_before_utc <= moment <= leaf.not_valid_after_utc):
        return _("the TSA's time is outside its certificate's validity"), token
    return None, token


def _verification_words(message: str) -> str:
    """The library's message in a few words a person can act on."""
    if "Mismatch between messages" in message:
        return _("it was issued for another ledger head")
    if "Nonce mismatch" in message:
        return _("it does not answer this request (another nonce)")
    if "signature failure" in message:
        return _("the TSA's signature does not match the token's content")
    if "Verify error:" in message:
        reason = message.split("Verify error:", 1)[1].split('"', 1)[0].strip()
        # TRANSLATORS: {reason} is OpenSSL's own (English) words
        return _(
            "its certificate does not chain to a trusted root ({reason}); if the TSA's root is not "
            "in the system's trust store, name it in OBJECTOR_TSA_CAFILE"
        ).format(reason=reason)
    return message.split("ErrorStack", 1)[0].rstrip(": ") or message


def _leaf(token: Any) -> Any:
    """The TSA's own certificate inside the token (the one its signature names)."""
    from cryptography import x509

    try:
        signer = next(iter(token.signed_data.signer_infos))
        for der in token.signed_data.certificates:
            cert = x509.load_der_x509_certificate(der)
            if cert.issuer == signer.issuer and cert.serial_number == signer.serial_number:
                return cert
    except (StopIteration, ValueError):
        return None
    return None


def _common_name(cert: Any) -> str:
    from cryptography.x509.oid import NameOID

    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def _chain_pem(token: Any, anchors: list[Any]) -> bytes:
    """The certificates the TSA sent, then the trust anchors they lead to (PEM)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    chain = [x509.load_der_x509_certificate(der) for der in token.signed_data.certificates]
    issuers = {c.issuer for c in chain}
    for _step in range(4):  # climb from the token's certificates to the anchor(s) they name
        extra = [a for a in anchors if a.subject in issuers and a not in chain]
        if not extra:
            break
        chain.extend(extra)
        issuers = {c.issuer for c in extra if c.issuer != c.subject}
    return b"".join(c.public_bytes(Encoding.PEM) for c in chain)


# --------------------------------------------------------------------------- verify


@dataclass
class StampCheck:
    """One stamp entry as ``verify`` found it: ``problem`` None means it holds."""

    where: str  # the token's path in the home (or the ledger line when it names none)
    line: str
    problem: str | None = None


def check_stamps(home: Path, cafile: Path | None) -> tuple[list[StampCheck], int]:
    """Every stamp entry of the ledger checked offline, and how many entries follow the last one.

    Reads the ledger leniently (the chain's own problems are ``verify``'s other business): a
    stamp must name a head that is an earlier entry, and its token must verify for that head.
    """
    entries = _lenient_entries(home)
    stamps = [e for e in entries if e.get("kind") == KIND]
    if not stamps:  # no trust anchors needed (a home without stamps never reads OBJECTOR_TSA_CAFILE)
        return _unlisted_tokens(home, entries, stamps), unstamped(entries)
    anchors = trust_anchors(cafile)  # a CA file that cannot be used is the person's to fix (exit 2)
    hashes = {e.get("hash"): e for e in entries}
    checks = [_check_one(home, e, hashes, anchors) for e in stamps]
    return checks + _unlisted_tokens(home, entries, stamps), unstamped(entries)


def _unlisted_tokens(
    home: Path, entries: list[dict[str, Any]], stamps: list[dict[str, Any]]
) -> list[StampCheck]:
    """Tokens in ``stamps/`` that no stamp entry names.

    A token for a head this ledger does not hold is the TSA's word that a longer (or another)
    ledger existed: entries were removed or the ledger replaced. A token for a head it does hold
    was taken by a stamp cut short before its entry was written: said, not a failure.
    """
    listed = {e.get("token") for e in stamps}
    heads = {imprint_of(e["hash"]).hex(): e for e in entries if isinstance(e.get("hash"), str)}
    found = []
    for name, path in stamp_files(home):
        if not name.endswith(".tsr") or name in listed:
            continue
        from rfc3161_client import decode_timestamp_response

        try:
            token = decode_timestamp_response(read_bounded(path, MAX_TOKEN_BYTES))
            imprint, moment = token.tst_info.message_imprint.message.hex(), iso(token.tst_info.gen_time)
        except (ValueError, UserError):
            found.append(
                StampCheck(name, "", _("a file in stamps/ that is not a time-stamp token of this ledger"))
            )
            continue
        if imprint in heads:
            found.append(
                StampCheck(
                    name,
                    _(
                        "{name}: a token for ledger entry {seq} taken at "
                        "{time} but not recorded (a stamp was cut short); not counted"
                    ).format(name=name, seq=heads[imprint].get("seq"), time=moment),
                )
            )
        else:
            found.append(
                StampCheck(
                    name,
                    "",
                    _(
                        "a time-stamp token of {time} for a ledger head that is not in this ledger: "
                        "entries were removed or the ledger was replaced"
                    ).format(time=moment),
                )
            )
    return found


def _lenient_entries(home: Path) -> list[dict[str, Any]]:
    path = Home(home).ledger_file
    if os.path.islink(path):
        return []
    try:
        text = read_bounded(path, MAX_LEDGER_BYTES).decode("utf-8", errors="replace")
    except (OSError, UserError):
        return []
    entries = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _check_one(home: Path, entry: dict[str, Any], hashes: dict[Any, dict], anchors: list[Any]) -> StampCheck:
    token_path = entry.get("token")
    if isinstance(token_path, str):
        where = token_path
    else:
        # TRANSLATORS: {ledger} is the file name ledger.jsonl, {seq} an entry's number
        where = _("{ledger} entry {seq}").format(ledger=LEDGER_NAME, seq=entry.get("seq"))
    head = entry.get("head")
    if not isinstance(head, str) or not isinstance(token_path, str):
        return StampCheck(where, "", _("the stamp entry names no head or no token"))
    stamped = hashes.get(head)
    if stamped is None or not isinstance(stamped.get("seq"), int) or stamped["seq"] >= entry.get("seq", 0):
        return StampCheck(where, "", _("it stamps a ledger head that is not an earlier entry of this ledger"))
    path = inside_home(home, token_path)
    if path is None or not token_path.startswith(f"{STAMPS_DIR}/"):
        return StampCheck(where, "", _("the token is not a file under stamps/ inside the home"))
    try:
        raw = read_bounded(path, MAX_TOKEN_BYTES)
    except FileNotFoundError:
        return StampCheck(where, "", _("the token file is missing"))
    except UserError as exc:
        return StampCheck(where, "", str(exc))
    problem, token = token_problem(raw, head, anchors)
    if problem:
        return StampCheck(
            where, "", _("the time-stamp token does not verify: {problem}").format(problem=problem)
        )
    if hashlib.sha256(raw).hexdigest() != entry.get("token_sha256"):
        return StampCheck(where, "", _("the token file changed after the stamp was recorded"))
    chain = inside_home(home, str(entry.get("chain")))
    try:
        chain_ok = chain is not None and hashlib.sha256(read_bounded(chain)).hexdigest() == entry.get(
            "chain_sha256"
        )
    except (FileNotFoundError, UserError):
        chain_ok = False
    if not chain_ok:
        return StampCheck(
            where,
            "",
            _("its certificate chain {chain} is missing or changed").format(chain=entry.get("chain")),
        )
    moment = iso(token.tst_info.gen_time)
    if moment != entry.get("time"):
        return StampCheck(
            where,
            "",
            _("the ledger says {ledger_time} but the token says {token_time}").format(
                ledger_time=entry.get("time"), token_time=moment
            ),
        )
    leaf = _leaf(token)
    name = _common_name(leaf) if leaf is not None else str(entry.get("tsa"))
    return StampCheck(
        where,
        # TRANSLATORS: {authority} is a time-stamping authority, {time} an ISO time, {token} a file
        _("time-stamped by {authority} at {time}: ledger entry {seq} ({token})").format(
            authority=name, time=moment, seq=stamped["seq"], token=token_path
        ),
    )


# --------------------------------------------------------------------------- export


def how_to_check(home: Path) -> str | None:
    """The text that goes into an export beside the tokens: how to check each with openssl."""
    stamps = [e for e in _lenient_entries(home) if e.get("kind") == KIND]
    if not stamps:
        return None
    lines = [
        "How to check the time-stamps of this ledger yourself (RFC 3161)",
        "=================================================================",
        "",
        "Each time-stamp token in stamps/ was issued by an independent time-stamping authority",
        "(TSA) for the ledger head at that moment: the SHA-256 of the 'hash' of that ledger entry,",
        "written as its 64 hex characters without a newline. Every ledger entry holds the hash of",
        "the one before it, so a token for an entry also shows that every earlier entry existed at",
        "the TSA's time.",
        "",
        "1. Check that the imprint is the ledger head (replace HASH with the entry's 'hash'",
        "   from ledger.jsonl, the 'head' of the stamp entry):",
        "",
        "     printf %s HASH | openssl dgst -sha256",
        "",
        "2. Check the token with OpenSSL, from the folder this zip was unpacked into. The file",
        "   stamps/<n>.chain.pem holds the certificates the TSA sent and the root they chain to;",
        "   compare that root's fingerprint with the one the TSA publishes (or pass your own copy of",
        "   the TSA's root certificate as -CAfile) - a chain file alone proves nothing about who",
        "   made it. 'Verification: OK' means the token is genuine and names this imprint.",
        "",
    ]
    for entry in stamps:
        token, chain = entry.get("token"), entry.get("chain")
        lines += [
            f"   Ledger entry {entry.get('head_seq')} ({entry.get('head')}),",
            f"   time-stamped by {entry.get('tsa_name')} ({entry.get('tsa')}) at {entry.get('time')}:",
            "",
            f"     openssl ts -verify -digest {entry.get('imprint')} -in {token} -CAfile {chain}",
            "",
            "   and to read the token (time, serial number, policy, TSA name):",
            "",
            f"     openssl ts -reply -in {token} -text",
            "",
        ]
    lines += [
        "3. 'objector verify' does all of this offline for every stamp and says",
        "   'time-stamped by <TSA> at <time>' for each.",
        "",
    ]
    return "\n".join(lines)


def stamp_files(home: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for the tokens and chains in ``stamps/``: ordinary files only."""
    folder = Home(home).stamps
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [
        (f"{STAMPS_DIR}/{path.name}", path)
        for path in sorted(folder.iterdir())
        if not path.name.startswith(".") and not path.is_symlink() and path.is_file()
    ]


# --------------------------------------------------------------------------- report


def stamps_html(entries: list[dict[str, Any]], problems: dict[str, str]) -> str:
    """The report's section on time-stamps: one row per token with its details (HTML).

    ``problems``: token path -> what ``verify`` found wrong with it.
    """
    from .report_page import esc

    stamps = [e for e in entries if e.get("kind") == KIND]
    if not stamps:
        return ""
    rows = []
    for entry in stamps:
        token = str(entry.get("token"))
        problem = problems.get(token)
        state = (
            f'<b class="warn">does not verify</b>: {esc(problem)}'
            if problem
            else "<b>verified</b> against the trust anchors (signature, certificate chain, imprint)"
        )
        rows.append(
            f"<tr><td>{esc(entry.get('head_seq'))}</td>"
            f'<td class="nowrap">{esc(entry.get("time"))}</td>'
            f'<td><b>{esc(entry.get("tsa_name"))}</b><span class="sub">{esc(entry.get("tsa"))}</span></td>'
            f'<td>serial {esc(entry.get("serial"))}<span class="sub">policy {esc(entry.get("policy"))}</span>'
            f'<span class="sub">{esc(token)}</span></td>'
            f'<td class="hash">{esc(entry.get("imprint"))}</td><td>{state}</td></tr>'
        )
    waiting = unstamped(entries)
    after = (
        f"<p>The last {waiting} ledger entr{'y is' if waiting == 1 else 'ies are'} not time-stamped yet.</p>"
        if waiting
        else ""
    )
    return (
        '<section class="ledger-part" id="stamps"><h2>Trusted time-stamps (RFC 3161)</h2>'
        '<p class="part-intro">An independent time-stamping authority (TSA) signed that the ledger, up '
        "to the entry named, existed at its time. Each entry holds the hash of the one before it, so "
        "the time-stamp also bounds the time of every earlier entry. The imprint is the SHA-256 of the "
        "stamped entry's hash (written as hex); the token and its certificates are in the folder "
        "<code>stamps/</code>, and an export explains how to check them with "
        "<code>openssl ts -verify</code>.</p>"
        '<table class="ledger"><thead><tr><th>Up to entry</th><th>Time (TSA)</th><th>Authority</th>'
        "<th>Token</th><th>Imprint (SHA-256)</th><th>Check</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{after}</section>"
    )
