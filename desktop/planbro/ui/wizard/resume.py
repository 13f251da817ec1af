"""Where each draft was left in the wizard, so reopening continues there; no Qt.

The plan format has no place for it, so it lives in a small JSON file next
to the settings: {plan id: {"step": step id, "at": timestamp}}.
"""

from __future__ import annotations

import json
from pathlib import Path

from planbro.fileio.atomic import write_atomic

from planbro.model.dates import now_timestamp

from planbro.settings import config_dir

# The file's name in the config folder.
RESUME_FILE = "wizard-resume.json"
# Entries kept; the oldest are dropped so the file never grows without end.
MAX_ENTRIES = 500


class ResumeFile:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else config_dir() / RESUME_FILE

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # Missing or damaged: the wizard simply starts at step 1.
            return {}
        return data if isinstance(data, dict) else {}

    def step_of(self, plan_id: str) -> str | None:
        entry = self._read().get(plan_id)
        step = entry.get("step") if isinstance(entry, dict) else None
        return step if isinstance(step, str) else None

    def remember(self, plan_id: str, step_id: str) -> None:
        data = self._read()
        if data.get(plan_id, {}).get("step") == step_id:
            return
        data.pop(plan_id, None)
        data[plan_id] = {"step": step_id, "at": now_timestamp()}
        for old in list(data)[:-MAX_ENTRIES]:
            del data[old]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(data, indent=1) + "\n")

    def forget(self, plan_id: str) -> None:
        data = self._read()
        if data.pop(plan_id, None) is not None:
            write_atomic(self.path, json.dumps(data, indent=1) + "\n")
