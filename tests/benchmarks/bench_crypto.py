"""Sealing and opening a plan with AES-256-GCM, next to a plain copy of the same bytes; and
the scrypt unlock of the key file.

    .venv/bin/python tests/benchmarks/bench_crypto.py            # 200 rounds, 5 unlocks
    .venv/bin/python tests/benchmarks/bench_crypto.py --rounds 50 --unlocks 3

Seal + open of a 13 KB plan (the example padded as bench_storage.py pads
it) and of 1 MB, each next to bytes(data) copied twice (the least a write
and a read do to the bytes); one journal line (a summary row); and
unlock(), which runs scrypt with the default parameters once (the key file
is made with them here, in a scratch folder, without a credential store).
Rounds alternate between the cipher and the copy; medians are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import keyring
import keyring.backends.fail

from planbro.crypto.kdf import DEFAULT
from planbro.crypto.keys import create, unlock
from planbro.crypto.lines import open_lines, seal_line
from planbro.crypto.sealing import DataKey, open_sealed, seal

# The plan id the sealed data is bound to.
PLAN = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"
# The brief's window for one scrypt unlock on this machine (s).
UNLOCK_WINDOW = (0.2, 0.5)


def plan_bytes(kb: float) -> bytes:
    doc = json.loads((resources.files("planbro.forms") / "example-plan.json").read_text("utf-8"))
    filler = " Supplerende oplysninger fra netværksmødet."
    while len(json.dumps(doc, ensure_ascii=False).encode("utf-8")) < kb * 1000:
        doc["circumstances"]["other"] = doc["circumstances"].get("other", "") + filler
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def seal_and_open(key: DataKey, data: bytes, rounds: int) -> tuple[float, float]:
    sealed, copied = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        blob = seal(key, "case", PLAN, data)
        assert open_sealed(key, "case", PLAN, blob) == data
        sealed.append(time.perf_counter() - start)
        start = time.perf_counter()
        copy = bytes(bytearray(data))
        assert bytes(bytearray(copy)) == data
        copied.append(time.perf_counter() - start)
    return median_ms(sealed), median_ms(copied)


def journal_line(key: DataKey, rounds: int) -> float:
    row = json.dumps([PLAN, "Borger 00001", "010190-****", "kladde", 3, "2026-12-02"]).encode()
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        line = seal_line(key, "journal", "", row)
        assert open_lines(key, "journal", "", line).records == [row]
        samples.append(time.perf_counter() - start)
    return median_ms(samples)


def unlock_seconds(unlocks: int) -> list[float]:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    passphrase = "Fire heste på Amager Fælled"
    with tempfile.TemporaryDirectory() as scratch:
        create(Path(scratch), passphrase=passphrase, use_credential_store=False)
        samples = []
        for _ in range(unlocks):
            start = time.perf_counter()
            unlock(Path(scratch), passphrase, environ={}, use_credential_store=False)
            samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--unlocks", type=int, default=5)
    args = parser.parse_args()
    key = DataKey.new()
    print(f"cores: {os.cpu_count()}, Python {sys.version.split()[0]}")
    for label, data in (("13 KB plan", plan_bytes(13)), ("1 MB", os.urandom(1_000_000))):
        sealed, copied = seal_and_open(key, data, args.rounds)
        print(f"seal + open, {label} ({len(data) / 1000:.1f} KB): {sealed:.3f} ms"
              f"   plain copy: {copied:.3f} ms")
    print(f"seal + open one journal line: {journal_line(key, args.rounds):.3f} ms")
    samples = unlock_seconds(args.unlocks)
    low, high = UNLOCK_WINDOW
    print(f"unlock by passphrase, scrypt n=2^{DEFAULT.n.bit_length() - 1} r={DEFAULT.r} "
          f"p={DEFAULT.p}: median {statistics.median(samples):.3f} s "
          f"(min {min(samples):.3f}, max {max(samples):.3f}; aim {low}-{high} s)")


if __name__ == "__main__":
    main()
