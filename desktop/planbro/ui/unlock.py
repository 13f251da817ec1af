"""Opening an encrypted data folder in the app: without asking when the login can, else by
the recovery key or passphrase typed in a dialog, which this login's credential store may
then remember (planbro.actions.unlocking); no Qt here (the Dialogs ask)."""

from __future__ import annotations

from pathlib import Path

from planbro.translation import _

from planbro.crypto import keyfile
from planbro.crypto.keyfile import KeyFileDamaged, KeyProblem
from planbro.crypto.keys import KeyChain, NoWayIn, unlock

from planbro.actions.unlocking import Remembered, can_remember, unlock_typed

from planbro.ui.common.dialogs import SecretAnswer


class StaysLocked(Exception):
    """The folder was not unlocked; the user has been told why, and the app closes."""


def folder_keys(data_dir: Path, dialogs, parent=None,
                notes: list[str] | None = None) -> KeyChain | None:
    """The keys of the data folder `data_dir`, None when it is not encrypted.

    This login's credential store or PLANBRO_PASSPHRASE first; else the
    recovery key or passphrase is asked for until it fits (a wrong one is
    told and asked again), with the box to remember it for this user where
    the computer has a credential store. That it was remembered is added to
    `notes` (for the status bar; a message when None); why it could not be
    is told in a message, and the folder opens all the same. StaysLocked
    when the user cancels or the key file cannot be read, after a message
    saying so.
    """
    if not keyfile.exists(data_dir):
        return None
    title = _("Encrypted data folder")
    ask = _("The data folder {folder} is encrypted. Type the recovery key (or the passphrase) "
            "to open it.").format(folder=data_dir)
    text = ask
    typed: SecretAnswer | None = None
    offer: bool | None = None
    while True:
        try:
            if typed is None:
                return unlock(data_dir)
            opened = unlock_typed(data_dir, typed.secret, remember_key=typed.remember)
        except NoWayIn:
            text = ask
        except KeyFileDamaged as error:
            dialogs.warn(parent, title, str(error))
            raise StaysLocked from None
        except KeyProblem as error:
            # A wrong key typed (or in PLANBRO_PASSPHRASE), a typo in one group.
            text = str(error) + "\n\n" + ask
        else:
            _tell(opened.remembered, dialogs, parent, title, notes)
            return opened.chain
        if offer is None:
            # Asked once: finding the credential store costs some 100 ms.
            offer = can_remember()
        typed = dialogs.ask_secret(parent, title, text, offer_remember=offer)
        if typed is None or not typed.secret.strip():
            dialogs.warn(parent, title, _(
                "Planbro closes: the data folder {folder} cannot be opened without its recovery "
                "key or passphrase. Nothing was changed. The municipality's IT support keeps "
                "the recovery key.").format(folder=data_dir))
            raise StaysLocked


def _tell(remembered: Remembered | None, dialogs, parent, title: str,
          notes: list[str] | None) -> None:
    """That the key was remembered (a note), or why not (a message)."""
    if remembered is None:
        return
    if not remembered.done:
        dialogs.warn(parent, title, remembered.message)
    elif notes is not None:
        notes.append(remembered.message)
    else:
        dialogs.info(parent, title, remembered.message)
