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
    if not isinstance(error, psycopg.OperationalError):
        return StoreUnreachable.of(_("no connection came within {seconds} seconds.").format(
            seconds=CONNECT_TIMEOUT_S))
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    reason = masked(lines[-1], address) if lines else type(error).__name__
    if any(word in reason for word in CERTIFICATE_TROUBLE):
        return StoreUnreachable(_(
            "The team database's certificate could not be trusted ({reason}). Planbro connects "
            "over the network only to a server whose certificate is signed by an authority "
            "this computer trusts and names the server as written in the address. Ask the IT "
            "department to install the municipality's root certificate (root.crt, or "
            "sslrootcert=… in the address or the service file).").format(reason=reason))
    return StoreUnreachable.of(reason)


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
