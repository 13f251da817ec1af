"""The audit log: who viewed, changed, printed or exported which plan, and when.

Writing is in log.py (the record's format and the failure policy), reading
in reading.py. No Qt here.
"""

from planbro.audit.log import (
    ACTIONS,
    CHANGE_INTERVAL_S,
    DETAILS,
    FOLDER,
    LOCK_NAME,
    UNKNOWN,
    VIAS,
    AuditLog,
    Pending,
    failure_message,
)
from planbro.audit.reading import FILE_PATTERN, Reading

__all__ = ["ACTIONS", "CHANGE_INTERVAL_S", "DETAILS", "FILE_PATTERN", "FOLDER", "LOCK_NAME",
           "UNKNOWN", "VIAS", "AuditLog", "Pending", "Reading", "failure_message"]
