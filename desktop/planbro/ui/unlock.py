"""Opening an encrypted data folder in the app: without asking when the login can, else by
the recovery key or passphrase typed in a dialog; no Qt here (the Dialogs ask)."""

from __future__ import annotations

from pathlib import Path

from planbro.translation import _

from planbro.crypto import keyfile
from planbro.crypto.keyfile import KeyFileDamaged, KeyProblem
from planbro.crypto.keys import KeyChain, NoWayIn, unlock


class StaysLocked(Exception):
    """The folder was not unlocked; the user has been told why, and the app closes."""


def folder_keys(data_dir: Path, dialogs, parent=None) -> KeyChain | None:
    """The keys of the data folder `data_dir`, None when it is not encrypted.

    This login's credential store or PLANBRO_PASSPHRASE first; else the
    recovery key or passphrase is asked for until it fits (a wrong one is
    told and asked again). StaysLocked when the user cancels or the key
    file cannot be read, after a message saying so.
    """
    if not keyfile.exists(data_dir):
        return None
    title = _("Encrypted data folder")
    ask = _("The data folder {folder} is encrypted. Type the recovery key (or the passphrase) "
            "to open it.").format(folder=data_dir)
    text = ask
    secret: str | None = None
    while True:
        try:
            if secret is None:
                return unlock(data_dir)
            return unlock(data_dir, secret, use_credential_store=False, environ={})
        except NoWayIn:
            text = ask
        except KeyFileDamaged as error:
            dialogs.warn(parent, title, str(error))
            raise StaysLocked from None
        except KeyProblem as error:
            # A wrong key typed (or in PLANBRO_PASSPHRASE), a typo in one group.
            text = str(error) + "\n\n" + ask
        secret = dialogs.ask_secret(parent, title, text)
        if not (secret or "").strip():
            dialogs.warn(parent, title, _(
                "Planbro closes: the data folder {folder} cannot be opened without its recovery "
                "key or passphrase. Nothing was changed. The municipality's IT support keeps "
                "the recovery key.").format(folder=data_dir))
            raise StaysLocked
