"""Use cases: what a caseworker does to a plan, written once, without Qt.

    trail.Trail                  where a use case writes its audit record
    documents.save_document      a Word or PDF document of the plan, on disk
    documents.print_plan         the plan's PDF, handed to a printer
    lifecycle.sign / revise / close_case / delete_draft
    followup.record_follow_up    a follow-up (§ 148 stk. 2) and what comes of it
    transfer.import_plans / export_plan

Each function does the work, writes the audit record and returns a plain
result (or raises an error with a message for the user); the desktop app
(planbro.ui) and the command (planbro.cli) only ask and present. Nothing
here imports planbro.ui, planbro.cli or Qt.
"""
