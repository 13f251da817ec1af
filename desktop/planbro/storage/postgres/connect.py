"""The team store's address: a libpq connection string, with TLS unless over a local socket.

Anything libpq takes is taken ("postgresql://planbro.kommune.dk/planbro", "service=planbro"
naming a pg_service.conf entry, "host=/run/postgresql dbname=planbro"); without a user
libpq logs in as the OS user (peer on a socket, GSSAPI/Kerberos with a Windows login).
Over the network the connection must be encrypted: without an sslmode, "verify-full" is
added; one that allows plaintext (disable, allow, prefer) is refused for a network host.
libpq ignores sslmode on a unix socket, so adding it there is harmless.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why verify-full unless the address says otherwise                        │
│                                                                          │
│ "require" encrypts, but takes any certificate: a laptop on the           │
│ værested's network would send CPR numbers and health data to whoever     │
│ answers in the server's name. verify-full checks that the certificate is │
│ signed by an authority the computer trusts and names the server. The     │
│ municipality's IT department places its root certificate where libpq     │
│ looks (root.crt in ~/.postgresql; on Windows in the postgresql folder of │
│ %APPDATA%), names it with sslrootcert=… in the address or                │
│ pg_service.conf, or uses sslrootcert=system for the operating system's   │
│ authorities. An IT department that chooses less writes sslmode=require   │
│ (or verify-ca) itself; that is its documented decision, not Planbro's    │
│ default.                                                                 │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import unquote

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg_pool import ConnectionPool, PoolTimeout

from planbro.translation import _

from planbro.storage.postgres.errors import (
    StoreAccessRefused,
    StoreAddressRefused,
    StoreUnreachable,
)

# What a transaction's work gives back.
T = TypeVar("T")

# psycopg warns in English on the terminal: psycopg_pool at each failed try while the server
# is away ("error connecting in 'planbro' …"), psycopg itself when a pipeline or copy the
# server refused is ended ("error ignored terminating <psycopg.Pipeline … user=… database=…>"),
# naming the role and the database. The store says what went wrong once, in the user's
# words (unreachable(), StoreAccessRefused). With a handler of their own ("psycopg" is the
# parent of "psycopg.pool" and every other of psycopg's loggers), Python's last-resort
# printing stays silent; the records still propagate, so a log IT sets up receives them.
logging.getLogger("psycopg").addHandler(logging.NullHandler())

# The schemes of a URL that names a team store (--store, PLANBRO_STORE).
SCHEMES = ("postgresql://", "postgres://")
# A key=value connection string begins with one of libpq's keywords.
KEYWORD_FORM = re.compile(r"^(host|hostaddr|service|dbname|port|user|sslmode)\s*=")
# sslmodes that may send plan data unencrypted.
PLAINTEXT_MODES = ("disable", "allow", "prefer")
# The sslmode added when the address names none (why: the box above).
DEFAULT_SSLMODE = "verify-full"
# Words of libpq's messages when the server's certificate is not trusted or names
# another server, or the root certificate to check it by is missing.
CERTIFICATE_TROUBLE = ("certificate", "root.crt", "sslrootcert")
# Seconds to wait for the server before it counts as unreachable.
CONNECT_TIMEOUT_S = 10
# libpq's TCP settings for a network that goes away under an open connection (a laptop
# leaving the værested's wifi): probes after 10 s idle, every 5 s, 3 unanswered end it,
# and data unacknowledged for 10 s (tcp_user_timeout, ms) ends it too, so the offline
# queue takes the save within seconds instead of the OS's minutes.
NETWORK_TIMEOUTS = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
                    "keepalives_count": 3, "tcp_user_timeout": 10_000}
# What the server is told this client is (pg_stat_activity).
APPLICATION_NAME = "planbro"
# A password in an address: password=… (quoted or not, also as a URL's query), and a URL's
# user:password@; group 2 is the password. Never shown: masked() puts MASK in its place.
PASSWORD_PATTERNS = (
    re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)", re.IGNORECASE),
    re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)([^@]+)(?=@)", re.IGNORECASE),
)
# What a password is shown as.
MASK = "***"


def is_team_address(text: str | None) -> bool:
    """True when `text` names a team store rather than a local data folder."""
    stripped = (text or "").strip()
    return stripped.startswith(SCHEMES) or KEYWORD_FORM.match(stripped) is not None


def masked(text: str, address: str = "") -> str:
    """`text` (an address, or a message that may quote parts of `address`) with every
    password in it shown as ***: those written in `address`, also where a message
    quotes them alone, and any password=… or user:password@ in `text` itself."""
    secrets = {match[2] for pattern in PASSWORD_PATTERNS for match in pattern.finditer(address)}
    for secret in sorted(secrets, key=len, reverse=True):
        for form in {secret, secret.strip("'"), unquote(secret)}:
            if len(form) > 1:
                text = text.replace(form, MASK)
    for pattern in PASSWORD_PATTERNS:
        text = pattern.sub(lambda match: match[1] + MASK, text)
    return text


def _over_socket(params: Mapping[str, object]) -> bool:
    hosts = str(params.get("host") or "")
    if not hosts and not params.get("hostaddr"):
        # No host: libpq's default socket, unless a service file names a host.
        return "service" not in params
    return all(host.startswith("/") or host.startswith("@") for host in hosts.split(","))


def checked_conninfo(address: str) -> str:
    """`address` as the connection string to use; StoreAddressRefused when it may not be."""
    try:
        params = conninfo_to_dict(address.strip())
    except psycopg.ProgrammingError as error:
        raise StoreAddressRefused(_("The team store's address cannot be read: {reason}").format(
            reason=masked(str(error).strip(), address))) from None
    mode = str(params.get("sslmode") or "")
    if mode in PLAINTEXT_MODES and not _over_socket(params):
        raise StoreAddressRefused(_("The team store's address allows an unencrypted connection "
                                    "(sslmode={mode}). Over the network Planbro connects with "
                                    "TLS only: use sslmode=require, verify-ca or "
                                    "verify-full.").format(mode=mode))
    if not mode:
        params["sslmode"] = DEFAULT_SSLMODE
    params.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    if not _over_socket(params):
        for key, value in NETWORK_TIMEOUTS.items():
            params.setdefault(key, value)
    params.setdefault("application_name", APPLICATION_NAME)
    return make_conninfo(**params)  # type: ignore[arg-type]


def unreachable(error: Exception, address: str = "") -> StoreUnreachable:
    """A failed connection (OperationalError) or a pool that gave none in time as the
    user's message, without a password of `address`."""
    # PoolTimeout is an OperationalError too, but its words are the pool's English
    # ("couldn't get a connection after 10.00 sec"), not libpq's.
    if isinstance(error, PoolTimeout) or not isinstance(error, psycopg.OperationalError):
        return StoreUnreachable.of(_("no connection came within {seconds} seconds.").format(
            seconds=CONNECT_TIMEOUT_S))
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    reason = masked(lines[-1], address) if lines else type(error).__name__
    whole = masked(" ".join(lines), address)
    told = _explained(whole)
    if told:
        # libpq's own words stay, marked, for the IT department.
        return StoreUnreachable.of(told + " " + _("(Technical detail: {detail})").format(
            detail=whole))
    if any(word in reason for word in CERTIFICATE_TROUBLE):
        return StoreUnreachable(_(
            "The team database's certificate could not be trusted ({reason}). Planbro connects "
            "over the network only to a server whose certificate is signed by an authority "
            "this computer trusts and names the server as written in the address. Ask the IT "
            "department to install the municipality's root certificate (root.crt, or "
            "sslrootcert=… in the address or the service file).").format(reason=reason))
    return StoreUnreachable.of(reason)


def _explained(message: str) -> str:
    """libpq's English `message` said in the user's language, for the failures a
    caseworker or IT meets ("" for others, which are shown as libpq gives them)."""
    def named(word: str) -> str:
        found = re.search(word + r' "([^"]*)"', message)
        return found[1] if found else ""

    lowered = message.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return _("the server refused the login of the database role {role}: the password is "
                 "wrong or missing (pg_service.conf, .pgpass).").format(role=named("user"))
    if re.search(r'role "[^"]*" does not exist', message):
        return _("the server knows no database role {role}: ask the IT department to create "
                 "it (README, The team store).").format(role=named("role"))
    if re.search(r'database "[^"]*" does not exist', message):
        return _("the server has no database {name}: check the address.").format(
            name=named("database"))
    if "no pg_hba.conf entry" in lowered:
        return _("the server does not let this computer or this database role in "
                 "(pg_hba.conf): ask the IT department.")
    if "does not support ssl" in lowered:
        return _("the server offers no encrypted connection (TLS), and over the network "
                 "Planbro connects encrypted only: ask the IT department to turn TLS on.")
    if ("resolve host" in lowered or "translate host name" in lowered
            or "name or service not known" in lowered):
        return _("the server's name could not be found on the network: check the address, "
                 "and that this computer is on the municipality's network.")
    if "connection refused" in lowered or "is the server running" in lowered:
        return _("the server does not answer: it is not running, or the address's port is "
                 "wrong.")
    if ("terminating connection" in lowered or "server closed the connection" in lowered
            or "connection is closed" in lowered or "connection is lost" in lowered):
        # The server was stopped or restarted, or IT ended the session (pg_terminate_backend).
        return _("the server closed the connection: it was stopped or restarted, or the IT "
                 "department ended the session. Try again in a moment.")
    if "timeout expired" in lowered or "timed out" in lowered:
        return _("the server did not answer within {seconds} seconds: check the network "
                 "connection.").format(seconds=CONNECT_TIMEOUT_S)
    return ""


def transact(pool: ConnectionPool[psycopg.Connection[tuple[Any, ...]]], conninfo: str, role: str,
             work: Callable[[psycopg.Connection[tuple[Any, ...]]], T]) -> T:
    """`work(connection)` in a transaction of its own; StoreUnreachable when the server is
    away, StoreAccessRefused when the role's rights or row-level security refuse it."""
    try:
        with pool.connection() as connection, connection.transaction():
            return work(connection)
    except (psycopg.OperationalError, PoolTimeout) as error:
        raise unreachable(error, conninfo) from None
    except psycopg.errors.InsufficientPrivilege:
        raise StoreAccessRefused.change(role) from None
