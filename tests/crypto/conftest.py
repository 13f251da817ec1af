"""Crypto tests never touch a real credential store: keyring is the fail backend unless a
test asks for `memory_keyring` or `broken_keyring`; key files use cheap scrypt parameters,
passed explicitly."""

from __future__ import annotations

import keyring
import pytest

from keyring_support import BrokenKeyring, MemoryKeyring


@pytest.fixture
def memory_keyring():
    store = MemoryKeyring()
    keyring.set_keyring(store)
    return store


@pytest.fixture
def broken_keyring():
    store = BrokenKeyring()
    keyring.set_keyring(store)
    return store
