"""Run by test_storage_encrypt_kill.py: `planbro key create` or `planbro key rotate`, killed
by SIGKILL just before its N-th change of the folder.

    python encrypt_child.py DATA_DIR create|rotate N

Every change a migration or rotation makes to the data folder is an os.replace (write_atomic's
last step) or an os.unlink; the N-th of them kills the process instead, as a power cut or the
task manager would. With N larger than the command's changes it runs to its end (exit 0).
PLANBRO_PASSPHRASE comes from the parent; scrypt is made cheap for speed.
"""

from __future__ import annotations

import functools
import os
import signal
import sys

from planbro.crypto import keys
from planbro.crypto.kdf import CHEAP_FOR_TESTS

from planbro.cli import main as planbro


def _killing(real, counter: list[int], limit: int):
    def call(*args, **kwargs):
        counter[0] += 1
        if counter[0] >= limit:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return call


def main() -> int:
    folder, command, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
    keys.create = functools.partial(keys.create, kdf=CHEAP_FOR_TESTS)
    counter = [0]
    os.replace = _killing(os.replace, counter, limit)
    os.unlink = _killing(os.unlink, counter, limit)
    extra = ["--no-credential-store"] if command == "create" else []
    return planbro(["--data-dir", folder, "key", command, *extra])


if __name__ == "__main__":
    sys.exit(main())
