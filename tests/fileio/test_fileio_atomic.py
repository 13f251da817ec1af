"""write_atomic: a file is either the old or the new content, never half, never a stray temp file."""

from __future__ import annotations

import os

import pytest

from planbro.fileio import atomic
from planbro.fileio.atomic import replace_with_retry, write_atomic


def test_writes_text_as_utf8_and_bytes_as_given(tmp_path):
    target = tmp_path / "a.json"
    write_atomic(target, "Østergaard æøå ĸ 🙂")
    assert target.read_bytes() == "Østergaard æøå ĸ 🙂".encode()
    write_atomic(target, b"\x00\x01raw")
    assert target.read_bytes() == b"\x00\x01raw"
    assert os.listdir(tmp_path) == ["a.json"]


def test_failed_replace_keeps_old_file_and_removes_temporary(tmp_path, monkeypatch):
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def refuse(source, dest):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["a.json"]


def test_fsyncs_file_and_folder(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    write_atomic(tmp_path / "a", "x")
    expected = 1 if os.name == "nt" else 2
    assert len(synced) == expected
    synced.clear()
    write_atomic(tmp_path / "b", "x", fsync=False)
    assert synced == []


def _sharing_violation() -> PermissionError:
    error = PermissionError(13, "The process cannot access the file")
    error.winerror = 32
    return error


def test_replace_retries_windows_sharing_violation(tmp_path, monkeypatch):
    source, target = tmp_path / "s", tmp_path / "t"
    source.write_text("new")
    calls = []
    real = os.replace

    def busy_twice(a, b):
        calls.append(1)
        if len(calls) <= 2:
            raise _sharing_violation()
        real(a, b)

    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic.os, "replace", busy_twice)
    monkeypatch.setattr(atomic, "REPLACE_RETRY_PAUSE", 0)
    replace_with_retry(source, target)
    assert len(calls) == 3
    assert target.read_text() == "new"


def test_replace_gives_up_after_the_deadline(tmp_path, monkeypatch):
    def always_busy(a, b):
        raise _sharing_violation()

    monkeypatch.setattr(atomic.sys, "platform", "win32")
    monkeypatch.setattr(atomic.os, "replace", always_busy)
    monkeypatch.setattr(atomic, "REPLACE_RETRY_SECONDS", 0.05)
    monkeypatch.setattr(atomic, "REPLACE_RETRY_PAUSE", 0.01)
    with pytest.raises(PermissionError):
        replace_with_retry(tmp_path / "s", tmp_path / "t")


def test_permission_error_is_not_retried_outside_windows(tmp_path, monkeypatch):
    calls = []

    def refuse(a, b):
        calls.append(1)
        raise _sharing_violation()

    monkeypatch.setattr(atomic.sys, "platform", "linux")
    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(PermissionError):
        replace_with_retry(tmp_path / "s", tmp_path / "t")
    assert calls == [1]
