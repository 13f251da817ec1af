"""TLS to the team store over the network (issue 14): without an sslmode in the address
Planbro asks libpq for verify-full, so a server is used only when its certificate is
signed by a trusted authority and names it; tested against a real server with a
certificate of a test authority, made here with cryptography."""

from __future__ import annotations

import datetime
import ipaddress
import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from planbro.storage.postgres import TeamStore
from planbro.storage.postgres.connect import checked_conninfo
from planbro.storage.postgres.errors import StoreUnreachable

from pg_server import SERVER_USER, PgServer

# How long the test certificates hold.
VALID = datetime.timedelta(days=2)


def _authority(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - VALID).not_valid_after(now + VALID)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False,
                                         encipher_only=False, decipher_only=False),
                           critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def _server_certificate(ca_key, ca_cert) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - VALID).not_valid_after(now + VALID)
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory) -> Iterator[tuple[PgServer, Path]]:
    """A server of its own with ssl = on and a certificate for localhost and 127.0.0.1,
    signed by a test authority; the server and the authority's certificate."""
    folder = tmp_path_factory.mktemp("tls")
    ca_key, ca_cert = _authority("Planbro test-myndighed")
    key, cert = _server_certificate(ca_key, ca_cert)
    (folder / "root.crt").write_bytes(_pem(ca_cert))
    server = PgServer()
    try:
        (server.data / "server.crt").write_bytes(_pem(cert))
        (server.data / "server.key").write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        (server.data / "server.key").chmod(0o600)
        with (server.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
        if server.as_root:
            for name in ("server.crt", "server.key"):
                shutil.chown(server.data / name, SERVER_USER, SERVER_USER)
        server.start()
        yield server, folder / "root.crt"
    finally:
        server.remove()


def _address(server: PgServer, **extra: str) -> str:
    words = {"host": "localhost", "port": str(server.port), "dbname": "postgres",
             "user": "postgres"} | extra
    return " ".join(f"{key}={value}" for key, value in words.items())


def test_a_trusted_certificate_naming_the_server_connects_with_tls(tls_server, tmp_path):
    server, root = tls_server
    address = _address(server, sslrootcert=str(root))
    with psycopg.connect(checked_conninfo(address)) as connection:
        assert connection.info.pgconn.ssl_in_use
        assert connection.execute("SHOW ssl").fetchone() == ("on",)
        assert connection.info.get_parameters()["sslmode"] == "verify-full"
    with TeamStore(address, data_dir=tmp_path / "local") as store:
        assert store.summaries() == []


@pytest.mark.parametrize("case", ["other name", "other authority", "no root certificate"])
def test_a_certificate_not_to_trust_is_refused_with_a_danish_message(tls_server, tmp_path, case):
    server, root = tls_server
    if case == "other name":
        # The right server, reached under a name its certificate does not give.
        address = _address(server, host="db.kommune.dk", hostaddr="127.0.0.1",
                           sslrootcert=str(root))
    elif case == "other authority":
        _key, stranger = _authority("En anden myndighed")
        (tmp_path / "other.crt").write_bytes(_pem(stranger))
        address = _address(server, sslrootcert=str(tmp_path / "other.crt"))
    else:
        address = _address(server, sslrootcert=str(tmp_path / "missing" / "root.crt"))
    with pytest.raises(StoreUnreachable) as refused:
        TeamStore(address, data_dir=tmp_path / "local")
    message = str(refused.value)
    assert "certifikat kunne ikke godkendes" in message and "IT-afdelingen" in message
    assert not (tmp_path / "local" / "cases").exists()


def test_an_address_saying_require_takes_any_certificate_as_it_chose(tls_server, tmp_path):
    server, _root = tls_server
    address = _address(server, sslmode="require",
                       sslrootcert=str(tmp_path / "missing" / "root.crt"))
    with TeamStore(address, data_dir=tmp_path / "local") as store:
        assert store.summaries() == []
