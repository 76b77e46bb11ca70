"""What an existing file at a command's output path is, so that no command writes over
another kind of document the office keeps.

A command writes its output over its own earlier one (a merge rewrites the
consolidated workbook, a report its report), but ``report --out kh.xlsx`` naming the
plan, or ``remind --out`` naming the plan as a Word document, replaced it without a word
(a probe), and so did one output over another (a QA pass: ``remind --out bao-cao.docx``
replaced the Word report, ``remind --csv phu-luc.xlsx`` the appendix, ``appendix --out``
a letter's mail-merge list, each signed off perhaps, exit 0). Told by what is inside,
never by the name: a plan table (its "Kế hoạch" and "Đơn vị" sheets), a unit's workbook
(its identity sheet), a consolidated workbook (the ledger it names), a Word document
cchc-xl did not write (cchc-xl marks those it writes: official.MADE_BY), an Excel
workbook cchc-xl did not write (its own carry one of consolidated.link.OFFICE_WORKBOOKS'
properties; one written before they did is told by xlsxwriter's application version,
which no office suite writes, with an appendix's title or a list's one sheet).

cchc-xl's own outputs are each of one kind (:data:`OUTPUTS`), which a command writes over
only if it is its own (``own``): a workbook by the property it carries (a letter's list:
its value, the letter's :attr:`Letter.mark`), a letter by its category (Word's document
properties keep it, LibreOffice too), and a Word document of cchc-xl with none by its
title: a letter's ("V/v …", written before the mark) or else the report's, the one
Word document cchc-xl writes with no category. Anything else, or a file that cannot be
read, is the command's to replace; one of its own outputs the office edited since is
kept beside it first (cchc_xl.edited).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .assignment import IDENTITY_SHEET
from .consolidated.link import (
    APPENDIX_PROPERTY,
    ISSUED_LIST_PROPERTY,
    LEDGER_PROPERTY,
    MERGE_LIST_PROPERTY,
    OFFICE_WORKBOOKS,
    REPORT_PROPERTY,
)
from .edited import XLSXWRITER_APP, zip_part
from .errors import UsageError
from .folder_names import INTAKE_DIR, SPLIT_DIR, period_name
from .master.layout import PLAN_SHEET, UNITS_SHEET
from .official import MADE_BY
from .sniff import sniff_open

PLAN_TABLE = "bảng kế hoạch"
UNIT_FILE = "tệp của một đơn vị"
CONSOLIDATED = "tệp tổng hợp"
WORD_DOCUMENT = "văn bản Word không do cchc-xl tạo"
# A workbook the office keeps (saved by Excel, LibreOffice or another program): a mail-
# merge list named as the office's own list of contacts replaced it (a QA pass).
OTHER_WORKBOOK = "bảng tính Excel không do cchc-xl tạo"
OTHER_CSV = "tệp CSV không do cchc-xl tạo"  # told by the command that writes a CSV there
OURS = "do cchc-xl lập"

# cchc-xl's own outputs, one kind each, as the office is told what a file is.
REPORT_WORKBOOK = f"bảng báo cáo kết quả của kỳ {OURS}"
REPORT_WORD = f"dự thảo báo cáo kết quả (Word) {OURS}"
APPENDIX = f"phụ lục kế hoạch {OURS}"
# Written before letters and lists said which letter they are: either letter's own.
LETTER = f"công văn {OURS}"
MERGE_LIST = f"danh sách trộn thư {OURS}"
OTHER_LIST = f"danh sách trộn thư của một công văn khác {OURS}"  # a CSV: told by its columns
ISSUED_LIST = f"danh sách tệp giao {OURS}"  # split's (manifest.MANIFEST_XLSX)


@dataclass(frozen=True)
class Letter:
    """A letter cchc-xl drafts, and its mail-merge list: what each is, and its mark."""

    name: str  # "công văn đôn đốc gửi báo cáo": what the letter is
    mark: str  # its Word document's category; its workbook list's MERGE_LIST_PROPERTY

    @property
    def letter(self) -> str:
        """The kind of its Word document."""
        return f"{self.name} {OURS}"

    @property
    def listing(self) -> str:
        """The kind of its mail-merge list."""
        return f"danh sách trộn thư của {self.name}"

    @property
    def own_letters(self) -> tuple[str, ...]:
        """The kinds its letter writes over: its own, and a letter of before the mark."""
        return (self.letter, LETTER)

    @property
    def own_lists(self) -> tuple[str, ...]:
        """The kinds its list writes over: its own, and a list of before the mark."""
        return (self.listing, MERGE_LIST)


REMINDER = Letter("công văn đôn đốc gửi báo cáo", "cchc-xl/cong-van-don-doc")
OVERDUE = Letter("công văn đôn đốc thực hiện nhiệm vụ chậm tiến độ", "cchc-xl/cong-van-qua-han")
LETTERS = (REMINDER, OVERDUE)
OUTPUTS = (REPORT_WORKBOOK, REPORT_WORD, APPENDIX, LETTER, MERGE_LIST, OTHER_LIST, ISSUED_LIST,
           *(k for t in LETTERS for k in (t.letter, t.listing)))
# The kinds every output refuses (the office's own documents), besides OUTPUTS not its own.
KEPT = (PLAN_TABLE, UNIT_FILE, CONSOLIDATED, WORD_DOCUMENT, OTHER_WORKBOOK)

_SHEET_NAME = re.compile(rb'<sheet\b[^>]*\bname="([^"]*)"')
_OURS = f"<dc:description>{MADE_BY}</dc:description>".encode()
# Before that mark, a document cchc-xl wrote was told by the description python-docx's
# template carries and the author cchc-xl gives it (the plan's authority): another
# program's python-docx document keeps the template's author, "python-docx".
_PYTHON_DOCX = b"<dc:description>generated by python-docx</dc:description>"
_PYTHON_DOCX_AUTHOR = b"<dc:creator>python-docx</dc:creator>"
# With the shape of an appendix or a list, xlsxwriter's application version
# (edited.XLSXWRITER_APP) tells a workbook cchc-xl wrote before its own carried a property.
_TITLE = re.compile(rb"<dc:title>([^<]*)</dc:title>")
_CATEGORY = re.compile(rb"<cp:category>([^<]*)</cp:category>")
_LETTER_TITLE = "V/v "  # a letter's subject ("trích yếu" of a công văn: Nghị định 30/2020)
_LIST_MARK = re.compile(rb'name="' + MERGE_LIST_PROPERTY.encode()
                        + rb'"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>')
_WORKBOOK_KINDS = {REPORT_PROPERTY: REPORT_WORKBOOK, APPENDIX_PROPERTY: APPENDIX,
                   ISSUED_LIST_PROPERTY: ISSUED_LIST}


def kind_of(path: Path) -> str | None:
    """Which of the kinds above the file at ``path`` is (None: none, or no file). Its zip
    directory is listed only when its end record says it is of a usual size
    (sniff.sniff_open): a crowded zip is nothing of these, and never listed."""
    try:
        _, opened = sniff_open(path)
    except OSError:
        return None
    if opened is None:
        return None
    try:
        with opened as zf:
            if "word/document.xml" in zf.NameToInfo:
                return _word_kind(zip_part(zf, "docProps/core.xml"))
            custom = zip_part(zf, "docProps/custom.xml")
            if LEDGER_PROPERTY.encode() in custom:
                return CONSOLIDATED
            names = {n.decode("utf-8", "replace")
                     for n in _SHEET_NAME.findall(zip_part(zf, "xl/workbook.xml"))}
            ours_app = XLSXWRITER_APP in zip_part(zf, "docProps/app.xml")
            # One saved again by an office suite keeps the property: still cchc-xl's
            # output, with the office's edits, which are kept beside it before it is
            # written again (cchc_xl.edited), never refused nor lost.
            marked = next((p for p in OFFICE_WORKBOOKS if f'name="{p}"'.encode() in custom),
                          None)
            older = None if marked or not ours_app else _written_before_the_marks(
                names, zip_part(zf, "docProps/core.xml"))
            workbook = "xl/workbook.xml" in zf.NameToInfo
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    if IDENTITY_SHEET in names:
        return UNIT_FILE
    if {PLAN_SHEET, UNITS_SHEET} <= names:
        return PLAN_TABLE
    if marked == MERGE_LIST_PROPERTY:
        return _list_kind(custom)
    if marked:
        return _WORKBOOK_KINDS.get(marked)
    return older or (OTHER_WORKBOOK if workbook else None)


def _word_kind(core: bytes) -> str | None:
    """The kind of a Word document, by its core properties: cchc-xl's own (its mark, or
    python-docx's template's description with another author than python-docx's:
    written before the mark) by its category, else its title (each has one); another's
    WORD_DOCUMENT."""
    if _OURS not in core and (_PYTHON_DOCX not in core or _PYTHON_DOCX_AUTHOR in core):
        return WORD_DOCUMENT
    category = _CATEGORY.search(core)
    mark = category[1].decode("utf-8", "replace") if category else ""
    letter = next((t.letter for t in LETTERS if t.mark == mark), None)
    if letter:
        return letter
    title = _TITLE.search(core)
    said = title[1].decode("utf-8", "replace") if title else ""
    if not said:
        return None  # cchc-xl's, of no kind it can tell: any of its commands' to replace
    return LETTER if said.startswith(_LETTER_TITLE) else REPORT_WORD


def _list_kind(custom: bytes) -> str:
    """The kind of a mail-merge list by its property's value: its letter's mark (a list
    written before, its file's name: either letter's list)."""
    value = _LIST_MARK.search(custom)
    mark = value[1].decode("utf-8", "replace") if value else ""
    return next((t.listing for t in LETTERS if t.mark == mark), MERGE_LIST)


def _written_before_the_marks(names: set[str], core: bytes) -> str | None:
    """The kind of an xlsxwriter workbook with no mark that cchc-xl wrote before its
    workbooks carried one: a mail-merge list (its one sheet) or an appendix (its title);
    None for another's. Others write xlsxwriter's version too (PhpSpreadsheet, any
    xlsxwriter program: a review), so the version alone is not enough."""
    from .appendix import HEADING  # imported here: both import this module
    from .letters.mergelist import SHEET

    title = _TITLE.search(core)
    if names == {SHEET}:
        return MERGE_LIST
    if title and title[1].decode("utf-8", "replace").casefold().startswith(HEADING.casefold()):
        return APPENDIX
    return None


def refuse_overwrite(path: Path, what: str, kept: tuple[str, ...] = KEPT, *,
                     own: tuple[str, ...] = (), option: str | None = None) -> None:
    """A UsageError (nothing written) when ``path`` holds one of the ``kept`` kinds, or
    one of cchc-xl's outputs (:data:`OUTPUTS`) not of the command's ``own`` kinds: the
    command's output ``what`` ("tệp báo cáo") would replace it. ``option``: the option
    naming the path ("--docx"), for the hint."""
    kind = kind_of(Path(path)) if Path(path).is_file() else None
    if kind in kept or kind in OUTPUTS and kind not in own:
        raise refusal(path, kind, what, option)


def refusal(path: Path, kind: str, what: str, option: str | None = None) -> UsageError:
    """Why the command's output ``what`` is not written over the file at ``path``, a
    ``kind`` of document the office keeps; what to do, naming the ``option`` that named
    the path when there is one."""
    instead = (f"chọn tên tệp khác cho {option}" if option else
               "chọn tên tệp khác cho kết quả")
    return UsageError(f"đã có tệp này và đó là {kind}, không phải {what}: lệnh không ghi "
                      "đè lên", file=str(path),
                      hint=f"{instead}, hoặc chuyển tệp đó đi chỗ khác nếu đúng là muốn "
                           "thay nó")


def refuse_answered(folder: Path, paths: list[Path], period_code: str) -> None:
    """A UsageError (nothing written) when a file split would write over or remove in
    ``folder`` is a unit's workbook with its answers typed in: units send back the very
    file they were given, under its name, so a return saved into the folder of the files
    given (or the folder of returns given as ``--out``) was replaced by a blank workbook
    with ``--force``. Files as the folder's split wrote them (their SHA-256 in its
    manifest) are not read; the others are, and compared with the input cells as issued
    (blank, or carried forward): a split that stopped half-way is made again."""
    from .manifest import MANIFEST_JSON, issued_hashes
    from .text import short_list
    from .xlio import file_sha256

    issued = issued_hashes(folder / MANIFEST_JSON)
    found = [p.name for p in paths if p.is_file() and file_sha256(p) not in issued
             and answered(p)]
    if found:
        raise UsageError(f"thư mục có {len(found)} tệp đơn vị đã điền và gửi lại "
                         f"({short_list(found, 3, ', ', 'tệp')}), trùng tên với tệp giao sẽ "
                         "ghi: lệnh không ghi đè, không ghi gì", file=str(folder),
                         hint=f"tệp đơn vị gửi lại để ở thư mục tệp nhận về (ví dụ "
                              f"{period_name(INTAKE_DIR, period_code)}), tệp giao ghi vào "
                              f"thư mục khác (ví dụ {period_name(SPLIT_DIR, period_code)})")


def answered(path: Path) -> bool:
    """Whether the file at ``path`` is a unit's workbook whose input cells differ from
    those split issued (:func:`cchc_xl.assignment.input_digest` in its identity; a file
    older than that digest: any input typed)."""
    if kind_of(path) != UNIT_FILE:
        return False
    from .intake import read_return

    rf = read_return(path)
    identity = rf.identity.identity if rf.identity else None
    if rf.error is not None or identity is None:
        return False  # not read as a unit's workbook: split's to replace, as before
    # As a merge tells a file sent back unfilled (judged: "return-unchanged").
    return not rf.inputs_as_issued(identity.rows)
