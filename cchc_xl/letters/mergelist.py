"""A letter's mail-merge list: one row per unit, written as an Excel workbook or a CSV
file, by the name the office gives it.

The workbook is the list the office opens: a double-clicked CSV opens in Excel split at
the computer's list separator, ";" on a Windows set to Vietnamese, so a comma-separated
list came up with each row in one column; a "sep=," first line fixes Excel but Word's
mail merge then takes it for the field names. Word reads a workbook natively (its first
sheet, the first row the field names), so the workbook serves both. The CSV stays for a
mail client or a program that wants one (:func:`cchc_xl.xlio.write_csv`).

Both are written from the same header and rows (the letter's ``list_rows``): they
cannot differ.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..consolidated.link import MERGE_LIST_PROPERTY
from ..list_book import write_list_book
from ..model import Unit
from ..overwrite import OTHER_CSV, OTHER_LIST, Letter, refusal, refuse_overwrite
from ..unit_names import addressee
from ..xlio import output_path, write_csv

SUFFIXES = (".xlsx", ".csv")  # the workbook first: the list the office opens
SHEET = "Danh sách"
WHAT = "danh sách trộn thư"
# Each letter's list begins with the unit and how to reach it (remind and overdue); a CSV
# already at a list's path is the office's own, not to be written over, unless its first
# row begins so (a CSV carries no mark of who wrote it).
UNIT_COLUMNS = ("Mã đơn vị", "Đơn vị", "Người liên hệ", "Email", "Điện thoại")
# Then the unit as a letter's "Kính gửi" names it (unit_names.addressee): after the columns
# above, so a list written before it was added is still known as a list.
ADDRESSEE = "Kính gửi"
UNIT_FIELDS = (*UNIT_COLUMNS, ADDRESSEE)


def unit_fields(unit: Unit) -> tuple[str, ...]:
    """A unit's cells under :data:`UNIT_FIELDS`, as each letter's list begins."""
    return (unit.code, unit.name, unit.contact, unit.email, unit.phone, addressee(unit))


def list_path(path: str | Path, letter: Letter, columns: Sequence[str]) -> Path:
    """A mail-merge list's path as the user gave it: .xlsx or .csv (a UsageError
    otherwise, saying both), never a workbook or document of another kind the office
    keeps, nor another of cchc-xl's outputs (:func:`cchc_xl.overwrite.refuse_overwrite`: a
    list named as the consolidated workbook, or the appendix, would have replaced it), nor
    the list of another ``letter`` than this one (whose list has the ``columns``)."""
    path = output_path(path, SUFFIXES, WHAT)
    refuse_overwrite(path, letter.listing, own=letter.own_lists, option="--csv")
    if path.suffix.lower() == ".csv" and path.is_file():
        kind = _csv_kind(path, columns)
        if kind is not None:
            raise refusal(path, kind, letter.listing, "--csv")
    return path


def _csv_kind(path: Path, columns: Sequence[str]) -> str | None:
    """What the CSV at ``path`` is, when it is not the list with these ``columns``
    (None): another letter's list (its first row begins with :data:`UNIT_COLUMNS`, then
    another column of its letter's own: OTHER_LIST), or a CSV of the office's (OTHER_CSV).
    An empty one holds nothing of the office's: None."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
        if not head:
            return None
        line = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
        # Saved again by an office suite, at the separator the computer lists with (";"
        # on a Windows set to Vietnamese), or as text with tabs: still a list.
        rows = [next(csv.reader(line, delimiter=sep), []) for sep in ",;\t"]
    except (OSError, csv.Error):  # unreadable, or bytes that are no CSV (a NUL)
        return OTHER_CSV
    lists = [row for row in rows if tuple(row[:len(UNIT_COLUMNS)]) == UNIT_COLUMNS]
    if not lists:
        return OTHER_CSV
    # Its letter's columns follow the unit's (and "Kính gửi", since lists name it).
    own = columns[len(UNIT_FIELDS)]
    rest = [c for c in lists[0][len(UNIT_COLUMNS):] if c != ADDRESSEE]
    return None if not rest or rest[0] == own else OTHER_LIST


def write_list(path: str | Path, letter: Letter, header: Sequence[str],
               rows: Iterable[Sequence[object]], mark: str = "") -> Path:
    """Write the ``letter``'s list at ``path``: a workbook for a name ending .xlsx, else a
    CSV (its columns say whose it is; a workbook's keywords say its plan too: ``mark``,
    :func:`cchc_xl.year_turn.plan_mark`)."""
    if Path(path).suffix.lower() == ".xlsx":
        return write_xlsx_list(path, letter, header, rows, mark)
    return write_csv(path, header, rows)


def write_xlsx_list(path: str | Path, letter: Letter, header: Sequence[str],
                    rows: Iterable[Sequence[object]], mark: str = "") -> Path:
    """The list as a workbook of one sheet (:data:`SHEET`,
    :func:`cchc_xl.list_book.write_list_book`): cchc-xl's own, and whose list it is
    (overwrite.kind_of), by the letter's mark; whose plan by its keywords (``mark``: another
    plan's list is not written over, year_turn). No autofilter: its hidden name is one more
    "table" in Word's Select Table."""
    return write_list_book(path, SHEET, header, rows,
                           marked=(MERGE_LIST_PROPERTY, letter.mark), keywords=mark)
