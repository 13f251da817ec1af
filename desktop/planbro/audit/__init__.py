"""The audit log: who viewed, changed, printed or exported which plan, and when.

Writing is in log.py (the record's format and the failure policy) and
appending.py (one append under the lock), records that wait for the log in
waiting.py, reading in reading.py, the purposes a record may carry in
purposes.py. No Qt here.
"""

from planbro.audit.appending import LOCK_NAME
from planbro.audit.log import (
    ACTIONS,
    CHANGE_INTERVAL_S,
    DETAILS,
    FOLDER,
    UNKNOWN,
    VIAS,
    AuditLog,
    Pending,
    failure_message,
    waiting_message,
)
from planbro.audit.purposes import (
    DEFAULT_PURPOSE,
    PURPOSE_ACTIONS,
    PURPOSES,
    all_purposes,
    purpose_problem,
)
from planbro.audit.reading import FILE_PATTERN, Reading

__all__ = ["ACTIONS", "CHANGE_INTERVAL_S", "DEFAULT_PURPOSE", "DETAILS", "FILE_PATTERN", "FOLDER",
           "LOCK_NAME", "PURPOSES", "PURPOSE_ACTIONS", "UNKNOWN", "VIAS", "AuditLog", "Pending",
           "Reading", "all_purposes", "failure_message", "purpose_problem", "waiting_message"]
