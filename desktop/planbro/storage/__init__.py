"""Storage of plans on disk; plain Python, no Qt.

The contract other code relies on is notes/STORE_API.md: PlanStore and the
errors below. One data folder holds one TinyDB file per plan (every version
of it), a small summary index, rotating backups and a schema version.
"""

from planbro.storage.errors import (  # noqa: F401
    PlanFrozen,
    PlanNotFound,
    StoreCorrupt,
    StoreError,
    StoreLocked,
)
from planbro.storage.paths import DATA_DIR_ENV, default_data_dir  # noqa: F401
from planbro.storage.store import PlanStore, restore_backup  # noqa: F401
from planbro.storage.summary import PlanSummary  # noqa: F401
