"""One plan code, one year: next year's plan must not take this year's place in the ledger.

The ledger keeps each plan's periods, files and answers under the plan's code
(``Plan.key``), and the periods' codes (Q1, 6T, NAM) carry no year. An office that
makes next year's plan table by copying this year's and changing its year, dates and
tasks keeps the code ("hac-thanh-2026" in the 2027 table): merged into the same ledger,
its quý I took the place of the year before's (every unit's 2026 file "superseded" by
its 2027 one, the 2026 report made again from 2027's answers), the ledger's periods
became 2027's, and split --ledger filled the 2027 files in with 2026's answers (a QA
pass at the year's turn). A plan whose code the ledger holds for another year is
refused, with what to do, before anything is written.

Next year's plan merged and reported in this year's folder under the names the guide
gives every period (tong-hop-Q1.xlsx, bao-cao-Q1.xlsx) wrote its outputs over this
year's, exit 0, and what the office had typed into the consolidated workbook ("Đạt /
Chưa đạt", not yet recorded) went with it: an output of another plan is not written
over (:func:`refuse_another_plans`).
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import AnotherPlanOutput, UsageError
from .findings import Finding
from .model import Master
from .periods import default_name
from .text import mid_sentence
from .vocab import ERROR

# A letter's Word document and its mail-merge list say the plan and period they were
# made for in their keywords (core properties), after this: remind's refusal reads it.
PLAN_MARK = "cchc-xl:ke-hoach:"
_KEYWORDS = re.compile(rb"<cp:keywords>([^<]*)</cp:keywords>")
# What a step is doing, as a refusal to write over another plan's outputs names it ("…
# không phải kế hoạch 'x' đang gộp"): web/wording.py says, after each, the step to do
# again on the page.
MERGING = "gộp"
SPLITTING = "tách"
REPORTING = "lập báo cáo"
WRITING_LETTERS = "lập công văn"
WITHDRAWING = "rút tệp khỏi số liệu"
RECOUNTING = "tính lại số liệu"
ASSESSING = "ghi đánh giá"  # the office's verdicts read back (the web app's upload)
_YEAR_AT_END = re.compile(r"(?<!\d)(\d{4})$")
# A code naming the years of a longer plan ("cchc-2021-2030"): any year inside them is its.
_YEARS_AT_END = re.compile(r"(?<!\d)(\d{4})\D{1,3}(\d{4})$")


def other_year(ledger, master: Master) -> int | None:
    """The year the ledger (an open :class:`cchc_xl.ledger.Ledger`) holds the plan of
    ``master``'s code for, when it is not ``master``'s year; None otherwise."""
    if not master.plan.year:
        return None
    held = ledger.plan_year(master.plan.key)
    return held if held and held != master.plan.year else None


def refuse_other_year(ledger, master: Master, db: Path) -> None:
    """A UsageError when the ledger at ``db`` holds ``master``'s code for another year."""
    held = other_year(ledger, master)
    if held is None:
        return
    key, year = master.plan.key, master.plan.year
    raise UsageError(
        f"sổ cái đã có kế hoạch mã '{key}' của năm {held}, còn bảng kế hoạch này cùng mã mà là "
        f"của năm {year}: số liệu hai năm sẽ lẫn vào nhau ở các kỳ cùng mã (Q1, 6T, NAM...); "
        "lệnh không ghi gì", file=str(db),
        hint=f"bảng kế hoạch năm {year} chép từ bảng năm {held} thì sửa ô 'Mã kế hoạch' ở "
             f"trang 'Kế hoạch' thành mã mới (ví dụ '{new_code(key, year)}') rồi tạo lại "
             "tệp giao; mỗi năm nên làm ở một thư mục làm việc riêng")


def other_year_finding(ledger_path: Path, master: Master) -> Finding | None:
    """The error a plan table put in place in the web app's data folder gets when that
    folder's ledger holds its code for another year: refused before it takes the place
    of the plan in use (put in place, every period still reported was counted again
    with it, into the other year's figures). None when the ledger holds no such plan or
    cannot be read (the merge refuses it then)."""
    # master.layout here, not at the top: reading a master (master.read) asks this
    # module of its code, and the master package imports that on its way.
    import sqlite3

    from .ledger import Ledger
    from .master.layout import PLAN_SHEET

    if not ledger_path.is_file():
        return None
    try:
        with Ledger(ledger_path, create=False) as ledger:
            held = other_year(ledger, master)
    except (UsageError, sqlite3.Error):
        return None
    if held is None:
        return None
    key, year = master.plan.key, master.plan.year
    return Finding(ERROR, "plan-code-other-year", (
        f"mã kế hoạch '{key}' là mã của kế hoạch năm {held} trong số liệu đã gộp ở thư mục làm "
        f"việc này, còn bảng này là của năm {year} (bảng chép từ bảng năm trước?): dùng bảng "
        "này thì số liệu hai năm lẫn vào nhau ở các kỳ cùng mã (Q1, 6T, NAM...). Sửa ô 'Mã kế "
        f"hoạch' thành mã mới, ví dụ '{new_code(key, year)}'; mỗi năm nên làm ở một thư mục "
        "làm việc riêng"), sheet=PLAN_SHEET)


def code_of_another_year(code: str, year: int) -> str | None:
    """What the check says of a plan ``code`` that ends in a year other than the plan's
    ``year`` ("hac-thanh-2026" on the 2027 table: last year's table copied, its code
    kept); None when it ends in no year, in ``year``, or names a span holding it. A
    warning only: in a folder of its own the code harms nothing, but merged where last
    year's plan was, the table is refused (:func:`other_year_finding`), and its files
    and reports carry last year's code."""
    if not year or not (found := _YEAR_AT_END.search(code)) or int(found[1]) == year:
        return None
    span = _YEARS_AT_END.search(code)
    if span and int(span[1]) <= year <= int(span[2]):
        return None
    return (f"mã kế hoạch '{code}' mang năm {found[1]}, còn kế hoạch là của năm {year} (bảng "
            "chép từ bảng năm trước?): mã được ghi vào mọi tệp giao và sổ cái; ở thư mục làm "
            f"việc đã gộp kế hoạch năm {found[1]} mã này, bảng sẽ bị từ chối. Nên sửa ô 'Mã kế "
            f"hoạch' thành '{new_code(code, year)}' trước khi tạo tệp giao")


def new_code(key: str, year: int) -> str:
    """A code for ``year``'s plan from one of another year's: its year at the end
    replaced ("hac-thanh-2026" -> "hac-thanh-2027"), else the year added."""
    return _YEAR_AT_END.sub(str(year), key) if _YEAR_AT_END.search(key) else f"{key}-{year}"


def plan_mark(key: str, period: str) -> str:
    """The keywords of a letter's document, or its list, made for plan ``key``'s
    ``period``."""
    return f"{PLAN_MARK}{key} {period}"


def plan_written_for(path: Path) -> tuple[str, str] | None:
    """(code, period) of the plan the workbook or document at ``path`` was written for,
    as its properties say: a consolidated workbook, a report's workbook, a unit's file
    (split's identity), a letter or its list (:func:`plan_mark`); None when it says none
    (written before they did), or is no readable package."""
    from .assignment import property_name
    from .consolidated.link import (
        LEDGER_PERIOD_PROPERTY,
        LEDGER_PLAN_PROPERTY,
        REPORT_PROPERTY,
        workbook_properties,
    )

    said = workbook_properties(path) if path.is_file() else {}
    if said.get(LEDGER_PLAN_PROPERTY):
        return said[LEDGER_PLAN_PROPERTY], said.get(LEDGER_PERIOD_PROPERTY, "")
    if said.get(REPORT_PROPERTY):  # "hac-thanh-2026 Q1"
        plan, _, period = said[REPORT_PROPERTY].rpartition(" ")
        return plan, period
    if said.get(property_name("plan")):
        return said[property_name("plan")], said.get(property_name("period"), "")
    return _marked(path)


def _marked(path: Path) -> tuple[str, str] | None:
    """(code, period) a document's keywords say by :func:`plan_mark`; None otherwise."""
    import zipfile
    from html import unescape

    from .edited import zip_part
    from .sniff import sniff_open

    try:
        _, opened = sniff_open(path)
        if opened is None:
            return None
        with opened as zf:
            found = _KEYWORDS.search(zip_part(zf, "docProps/core.xml"))
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    said = unescape(found[1].decode("utf-8", "replace")) if found else ""
    if not said.startswith(PLAN_MARK):
        return None
    plan, _, period = said[len(PLAN_MARK):].rpartition(" ")
    return (plan, period) if plan else None


def code_year(code: str) -> int | None:
    """The year a plan's ``code`` ends in ("hac-thanh-2026": 2026); None when none."""
    found = _YEAR_AT_END.search(code)
    return int(found[1]) if found else None


def period_of(code: str, period: str) -> str:
    """The period an output of plan ``code`` was made for, as the refusal names it: "kỳ
    quý I năm 2026 " by the period's default name and the year ending the plan's code,
    else by the period's code ("kỳ Q1 "), or nothing when it says none (the Giao việc
    page said "tệp giao kỳ Q1", a code the office sees nowhere else)."""
    if not period:
        return ""
    year = code_year(code)
    named = default_name(period, year) if year else None
    return f"kỳ {mid_sentence(named) if named else period} "


def refuse_another_plans(out: Path, master: Master, what: str, option: str, doing: str,
                         typed: bool = False) -> None:
    """A UsageError (nothing written) when ``out`` is ``what`` (a consolidated workbook,
    a report's workbook) of another plan than ``master``'s (the plan the command is
    ``doing`` its work for: "gộp"), as its properties say; ``typed``: the office types
    into it, and that is lost with it (said). Another period of the same plan is the
    command's to write over, as before."""
    other, period = plan_written_for(out) or ("", "")
    if not other or other == master.plan.key:
        return
    instead = f"{_beside(out.stem, master)}{out.suffix}"
    raise AnotherPlanOutput(
        f"đã có tệp này và đó là {what} {period_of(other, period)}của kế hoạch khác "
        f"(mã '{other}'), không phải kế hoạch '{master.plan.key}' đang {doing}: ghi ra đó sẽ "
        f"xóa {what} của kế hoạch kia{', cả đánh giá đã ghi vào bảng đó' if typed else ''}; lệnh "
        "không ghi gì", file=str(out), hint=f"chọn tên tệp khác cho {option}, ví dụ {instead}")


def refuse_another_plans_files(folder: Path, paths: list[Path], master: Master) -> None:
    """A UsageError (nothing written) when split's ``--force`` into ``folder`` would
    replace a file of another plan than ``master``'s: a unit's file at one of ``paths``
    (:func:`plan_written_for`), or the folder's list of files (manifest.json) naming
    another plan. Last year's giao-Q1 made again with next year's plan lost the files
    sent out a year before (those it did not replace were left mixed with the new ones,
    under next year's list). --force makes this plan's files again, as before. A file the
    folder's split wrote (its SHA-256 in the list) is the list's plan's, and is hashed,
    not opened: the web app makes a period's files again with --force, over the files it
    made before (0.37 ms a file opened, 0.04 hashed)."""
    from .manifest import MANIFEST_JSON, issued_hashes, read_manifest
    from .xlio import file_sha256

    key = master.plan.key
    listed = read_manifest(folder / MANIFEST_JSON) or {}
    made_for = listed["plan"] if isinstance(listed.get("plan"), str) else ""
    period = listed.get("period")
    listed_as = (made_for, period.get("code", "") if isinstance(period, dict) else "")
    issued = issued_hashes(folder / MANIFEST_JSON) if made_for else set()

    def plan_of(path: Path) -> tuple[str, str] | None:
        if issued and path.is_file() and file_sha256(path) in issued:
            return listed_as
        return plan_written_for(path)

    other = next(((p.name, found) for p in paths
                  if (found := plan_of(p)) and found[0] != key), None)
    if other is None and made_for and made_for != key:
        other = (MANIFEST_JSON, listed_as)
    if other is not None:
        raise _holds_another(folder, master, "tệp giao", other, SPLITTING, "--force chỉ để tạo "
                             "lại tệp giao của chính kế hoạch này, ghi vào đây sẽ xóa tệp của "
                             "kế hoạch kia", "--out")


def letter_plan(path: Path) -> tuple[str, str] | None:
    """(code, period) of the plan the feedback workbook at ``path`` was written for: its
    keywords (:func:`plan_mark`, written since); before those, the unit's file it copies
    (split's identity) for a letter named after a unit of the plan, whose file was the
    plan's. None for a letter on a file of another plan, or of nobody, that says none
    (its identity is the file's, not the letter's)."""
    from .feedback import OTHER_PLAN_PREFIX, UNKNOWN_PREFIX

    if (marked := _marked(path)) is not None:
        return marked
    if path.name.startswith((OTHER_PLAN_PREFIX, UNKNOWN_PREFIX)):
        return None
    return plan_written_for(path)


def refuse_another_plans_letters(folder: Path, master: Master, doing: str) -> None:
    """A UsageError (nothing written) when the feedback ``folder`` holds a letter of
    another plan than ``master``'s (:func:`letter_plan`), for the step ``doing`` its
    work ("gộp"). Letters are named after their unit, not their plan: last year's
    phan-hoi-Q1 given to next year's merge (a folder copied for the new year) had its
    letters written over by next year's of the same unit, or removed as this plan's
    earlier feedback that no longer held. Letters of this plan are handled as before."""
    from .feedback import FEEDBACK_SUFFIX

    key = master.plan.key
    if not folder.is_dir():
        return
    other = next(((p.name, found) for p in sorted(folder.glob(f"*{FEEDBACK_SUFFIX}"))
                  if p.is_file() and (found := letter_plan(p)) and found[0] != key), None)
    if other is not None:
        raise _holds_another(folder, master, "tệp phản hồi", other, doing, "tệp phản hồi mang "
                             "tên đơn vị, không mang tên kế hoạch, nên ghi vào đây sẽ xóa hoặc "
                             "ghi đè tệp phản hồi của kế hoạch kia", "--feedback")


def _holds_another(folder: Path, master: Master, what: str, other: tuple[str, tuple[str, str]],
                   doing: str, why: str, option: str) -> AnotherPlanOutput:
    """The refusal of a step ``doing`` its work for ``master`` in ``folder``, which holds
    ``what`` (unit files, letters) of another plan: ``other``, (a file's name, (the plan's
    code, its period)); ``why`` writing there loses them; a folder keeping both offered
    for ``option``."""
    name, (code, period) = other
    return AnotherPlanOutput(
        f"thư mục có {what} {period_of(code, period)}của kế hoạch khác (mã '{code}', ví dụ "
        f"tệp {name}), không phải kế hoạch '{master.plan.key}' đang {doing}: {why}; lệnh không "
        "ghi gì", file=str(folder), hint=f"chọn thư mục khác cho {option}, ví dụ "
        f"{_beside(folder.resolve().name, master)}, để giữ cả hai")


def _beside(stem: str, master: Master) -> str:
    """A name to write ``master``'s output under beside another plan's named ``stem``:
    its year added ("tong-hop-Q1-2027"), or "-moi" when the name has it or there is none."""
    year = str(master.plan.year or "")
    return f"{stem}-{year if year and year not in stem else 'moi'}"
