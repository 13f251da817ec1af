"""Storage of plans on disk; plain Python, no Qt.

The contract other code relies on is what __all__ names: Store (interface.py),
which PlanStore implements (its methods' docstrings), and the errors below. One data folder holds one TinyDB file per plan (every version
of it), a small summary index, rotating backups and a schema version.
"""

from planbro.storage.casefile import same_content
from planbro.storage.codec import StoreKeyNeeded
from planbro.storage.errors import (
    PlanConflict,
    PlanFrozen,
    PlanNotFound,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreWriteFailed,
)
from planbro.storage.interface import Store
from planbro.storage.paths import DATA_DIR_ENV, default_data_dir
from planbro.storage.rebuild import needs_rebuild, repair
from planbro.storage.restore import Loss, RestoreWouldLose, restore_backup, restore_loss
from planbro.storage.store import PlanStore
from planbro.storage.summary import PlanSummary

# What this package offers to the layers above it.
__all__ = [
    "DATA_DIR_ENV",
    "default_data_dir",
    "Loss",
    "needs_rebuild",
    "PlanConflict",
    "PlanFrozen",
    "PlanNotFound",
    "PlanStore",
    "PlanSummary",
    "repair",
    "restore_backup",
    "restore_loss",
    "RestoreWouldLose",
    "same_content",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreKeyNeeded",
    "StoreLocked",
    "StoreWriteFailed",
]
