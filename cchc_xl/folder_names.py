"""The names of the office's files in its working folder: the plan table, and each
period's files ("{}" standing for the period's code). The one home of these names: the
web app lays out its data folder by them (web/workspace.py), and the command line names
them when it says what to run next (cli/period.py, cli/plan.py), so that the CLI and the
browser take turns on one folder (``make demo``'s out/ opened in ``cchc-xl serve``).

Plain strings and the one function that makes a period's name: every command imports
this at start, and nothing here may pull in the web app.
"""

from __future__ import annotations

MASTER_NAME = "ke-hoach.xlsx"  # the plan table in use: the web app's pages say
                               # PLAN_IN_USE (web/wording.py), no name the office gave it
OLD_MASTERS = "ke-hoach-cu"  # the plan tables it replaced, kept (web/earlier.py)

# Each period's files.
SPLIT_DIR = "giao-{}"  # split: one workbook per unit + manifest.csv/.json
INTAKE_DIR = "nhan-ve-{}"  # the units' returned files
CONSOLIDATED = "tong-hop-{}.xlsx"  # merge: the consolidated workbook
FEEDBACK_DIR = "phan-hoi-{}"  # merge: the feedback workbooks for units
REPORT_XLSX = "bao-cao-{}.xlsx"
REPORT_HTML = "bao-cao-{}.html"
REPORT_DOCX = "bao-cao-{}.docx"
REMINDER_DOCX = "don-doc-{}.docx"
REMINDER_XLSX = "don-doc-{}.xlsx"  # its mail-merge list; the same rows as CSV
                                   # (letters/mergelist.py)
REMINDER_CSV = "don-doc-{}.csv"
OVERDUE_DOCX = "qua-han-{}.docx"  # the letter chasing overdue tasks (letters/overdue.py)
OVERDUE_XLSX = "qua-han-{}.xlsx"
OVERDUE_CSV = "qua-han-{}.csv"
PERIOD_FILES = (SPLIT_DIR, INTAKE_DIR, CONSOLIDATED, FEEDBACK_DIR, REPORT_XLSX, REPORT_HTML,
                REPORT_DOCX, REMINDER_DOCX, REMINDER_XLSX, REMINDER_CSV, OVERDUE_DOCX,
                OVERDUE_XLSX, OVERDUE_CSV)


def period_name(pattern: str, code: str) -> str:
    """One of :data:`PERIOD_FILES` for the period ``code`` (checked by the caller: a
    period code names folders, master.layout.PERIOD_CODE): ``period_name(CONSOLIDATED,
    "9T")`` is "tong-hop-9T.xlsx"; "KỲ" for any period, as a hint says it."""
    return pattern.format(code)
