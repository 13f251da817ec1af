"""The § 141 wizard: pages built from the definitions in forms/.

PlanWizard is imported lazily so the Qt-free helpers beside it (resume,
values, missing, reading, mnemonics) can be used without loading Qt.
"""

from __future__ import annotations

__all__ = ["PlanWizard"]


def __getattr__(name: str):
    if name == "PlanWizard":
        from planbro.ui.wizard.wizard import PlanWizard
        return PlanWizard
    raise AttributeError(name)
