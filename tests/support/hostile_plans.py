"""A corpus of careless and hostile plan tables (master workbooks), generated from a
valid one: the Hoằng Hóa 2023 plan, or a 2026 ward plan made by ``cchc-xl init`` with
one task filled in (:func:`plan_2026`).

    python tests/support/hostile_plans.py OUT_DIR   # every case into OUT_DIR

Each case is a function ``(base, target) -> None`` in CASES (made by openpyxl or by
editing the zip's parts; nothing large is committed), with what ``check`` must say
of it in EXPECTED. Cases needing LibreOffice (.xls, .ods) are in OFFICE_CASES.
"""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from support.hostile import MAX_ROW, dragged_plan_column, package_parts, set_cell, write_package

UNITS = "Đơn vị"
PERIODS = "Kỳ báo cáo"
AREA_2023 = "Thể chế"  # the Hoằng Hóa plan's first area sheet (header on row 5)


def plan_2026(blank: Path, target: Path) -> None:
    """The blank 2026 ward table of ``cchc-xl init`` with one area and one task."""
    wb = load_workbook(blank)
    ws = wb["Lĩnh vực 1"]
    ws["B1"], ws["B2"] = "TC", "Cải cách thể chế"
    ws["B3"] = "Phụ lục số 01: Các nhiệm vụ cải cách thể chế"
    for col, value in zip("ABCDEFG", ("TC-01", "1", "Rà soát văn bản quy phạm pháp luật",
                                      "Báo cáo kết quả rà soát", "Phòng Kinh tế",
                                      "Phòng Văn hóa - Xã hội", "15/11/2026"),
                          strict=True):
        ws[f"{col}6"] = value
    wb.save(target)


def _edit(base: Path, target: Path, edit) -> None:
    wb = load_workbook(base)
    edit(wb)
    wb.save(target)


# --- sheets and headers -----------------------------------------------------------------

def sheet_renamed(base: Path, target: Path) -> None:
    """The unit sheet renamed ("Danh sách đơn vị")."""
    _edit(base, target, lambda wb: setattr(wb[UNITS], "title", "Danh sách đơn vị"))


def sheet_deleted(base: Path, target: Path) -> None:
    """The periods sheet deleted."""
    _edit(base, target, lambda wb: wb.remove(wb[PERIODS]))


def plan_sheet_deleted(base: Path, target: Path) -> None:
    """The plan sheet ("Kế hoạch") deleted."""
    _edit(base, target, lambda wb: wb.remove(wb["Kế hoạch"]))


def header_moved_down(base: Path, target: Path) -> None:
    """Twenty rows inserted above the unit table (a title block pasted on top)."""
    _edit(base, target, lambda wb: wb[UNITS].insert_rows(1, 20))


def header_no_diacritics(base: Path, target: Path) -> None:
    """The task table's headers typed without diacritics ("Ma nhiem vu")."""
    def edit(wb):
        ws = wb[AREA_2023]
        ws["A5"], ws["E5"] = "Ma nhiem vu", "Co quan chu tri"
    _edit(base, target, edit)


def header_misspelled(base: Path, target: Path) -> None:
    """The unit table's code header shortened ("Mã ĐV")."""
    _edit(base, target, lambda wb: wb[UNITS].cell(1, 1, "Mã ĐV"))


def merged_task_rows(base: Path, target: Path) -> None:
    """The lead cells of two task rows merged (Excel keeps the first value only)."""
    _edit(base, target, lambda wb: wb[AREA_2023].merge_cells("E6:E7"))


def formula_no_value(base: Path, target: Path) -> None:
    """A unit's code made a formula with no value computed (as openpyxl writes it)."""
    _edit(base, target, lambda wb: wb[UNITS].cell(2, 1, '=UPPER("nv")'))


def formula_cached(base: Path, target: Path) -> None:
    """A unit's code a formula whose value Excel computed and saved ("NV")."""
    parts = package_parts(base)
    name = _sheet_part(parts, UNITS)
    sheet = parts[name]
    cell = re.search(rb'<c r="A2"[^>]*?(?:/>|>.*?</c>)', sheet, re.S)
    assert cell, "A2"
    parts[name] = sheet.replace(cell.group(0), b'<c r="A2" t="str"><f>UPPER("nv")</f>'
                                               b"<v>NV</v></c>")
    write_package(target, parts)


def _sheet_part(parts: dict[str, bytes], title: str) -> str:
    """The part name of the sheet called ``title``."""
    workbook = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', workbook)
    assert rid, title
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    ref = re.escape(rid.group(1))
    target = re.search(rf'<Relationship [^>]*Id="{ref}"[^>]*Target="([^"]+)"', rels) \
        or re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{ref}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


# --- cell values ------------------------------------------------------------------------

def date_as_number(base: Path, target: Path) -> None:
    """A period's start as a bare number (the date's serial, formatted General)."""
    def edit(wb):
        cell = wb[PERIODS]["C2"]
        cell.value, cell.number_format = 46006, "General"  # 15/12/2025
    _edit(base, target, edit)


def date_as_text(base: Path, target: Path) -> None:
    """A period's start typed as text "15/12/2025"."""
    _edit(base, target, lambda wb: wb[PERIODS].cell(2, 3, "15/12/2025"))


def date_unreadable(base: Path, target: Path) -> None:
    """A period's cut-off typed as words ("giữa tháng 3")."""
    _edit(base, target, lambda wb: wb[PERIODS].cell(2, 4, "giữa tháng 3"))


def unit_code_number(base: Path, target: Path) -> None:
    """A unit's code typed as a number (123)."""
    _edit(base, target, lambda wb: wb[UNITS].cell(2, 1, 123))


def unit_code_spaces(base: Path, target: Path) -> None:
    """Units' codes with trailing spaces and a non-breaking space (pasted from the web)."""
    def edit(wb):
        ws = wb[UNITS]
        ws["A2"], ws["A3"] = ws["A2"].value + "  ", "\u00a0" + ws["A3"].value + "\u00a0"
    _edit(base, target, edit)


def column_hidden(base: Path, target: Path) -> None:
    """The lead column of an area sheet hidden."""
    _edit(base, target, lambda wb: setattr(wb[AREA_2023].column_dimensions["E"], "hidden",
                                           True))


def formatted_rows(base: Path, target: Path) -> None:
    """Twenty thousand empty rows formatted below the units (a border dragged down)."""
    parts = package_parts(base)
    name = _sheet_part(parts, UNITS)
    last = max(int(r) for r in re.findall(rb'<row r="(\d+)"', parts[name]))
    rows = b"".join(b'<row r="%d"><c r="A%d" s="1"/><c r="B%d" s="1"/></row>' % (r, r, r)
                    for r in range(last + 1, last + 20_001))
    parts[name] = parts[name].replace(b"</sheetData>", rows + b"</sheetData>")
    write_package(target, parts)


def long_cell(base: Path, target: Path) -> None:
    """A task's content of 102,000 characters (more than an Excel cell holds; written
    into the sheet's part: openpyxl cuts what it writes to 32,767)."""
    parts = package_parts(base)
    name = _sheet_part(parts, AREA_2023)
    text = ("Rà soát văn bản. " * 6000).encode()
    parts[name] = set_cell(parts[name], "C6", b'<c r="C6" t="inlineStr"><is><t>' + text
                            + b"</t></is></c>")
    write_package(target, parts)


def dragged_rows(base: Path, target: Path) -> None:
    """The groups sheet dragged to Excel's last row (1,048,576)."""
    dragged_plan_column(base, target, MAX_ROW, stray=True)


# --- files that are not a plan table ---------------------------------------------------

def strict_xml(base: Path, target: Path) -> None:
    """Saved as "Strict Open XML" (its parts' namespaces are Strict ones)."""
    parts = package_parts(base)
    for name, data in parts.items():
        if name.endswith(".xml"):
            parts[name] = data.replace(
                b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                b"http://purl.oclc.org/ooxml/spreadsheetml/main")
    write_package(target, parts)


def encrypted(base: Path, target: Path) -> None:
    """A workbook with a password to open: Excel wraps it in an OLE2 container whose
    streams are EncryptionInfo and EncryptedPackage (a sketch of one: header, and
    directory entries named so)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff"
    header += b"\x09\x00\x06\x00" + bytes(10) + b"\x01\x00\x00\x00" + bytes(8)
    header = header.ljust(512, b"\xff")

    def entry(name: str, kind: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return (raw.ljust(64, b"\0") + len(raw).to_bytes(2, "little") + bytes([kind, 1])
                ).ljust(128, b"\0")

    directory = b"".join(entry(n, k) for n, k in (("Root Entry", 5), ("EncryptionInfo", 2),
                                                  ("EncryptedPackage", 2)))
    target.write_bytes(header + directory.ljust(512, b"\0") + base.read_bytes()[:4096])


def word_renamed(base: Path, target: Path) -> None:
    """A Word document renamed .xlsx."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("Kế hoạch cải cách hành chính năm 2026")
    doc.save(target)


def empty_file(base: Path, target: Path) -> None:
    """A file of 0 bytes."""
    target.write_bytes(b"")


def locked_by_excel(base: Path, target: Path) -> None:
    """The plan open in Excel on another computer: Excel's lock file "~$NAME" beside it
    (owner name in its first bytes). Reading is allowed: the plan is read as it is."""
    shutil.copyfile(base, target)
    owner = "Nguyễn Văn A".encode("utf-16-le")
    (target.parent / f"~${target.name}").write_bytes(
        bytes([len("Nguyễn Văn A")]) + b"\0" + owner.ljust(108, b" ").ljust(162, b"\0"))


# --- LibreOffice conversions (grouped: one run of LibreOffice for all) -------------------

def office_conversions(base: Path, folder: Path) -> dict[str, Path]:
    """The plan saved as .xls and as .ods by LibreOffice, then given the name .xlsx as
    users do when a form asks for one ("as-xls", "as-ods"); and the .ods kept as is."""
    from support.tools import convert

    made = {}
    for case, fmt in (("as-xls", "xls:MS Excel 97"), ("as-ods", "ods")):
        out = convert(base, folder / case, fmt)
        made[case] = out.with_name(f"{case}-{base.stem}.xlsx")
        shutil.copyfile(out, made[case])
        made[f"{case}-own-name"] = out
    return made


@dataclass(frozen=True)
class Expected:
    """What ``check`` must do with a case: refuse it (exit 1 or 2, ``said`` in its
    output, on ``sheet``/``cell`` when given) or read it as usable (exit 0)."""

    usable: bool
    said: str = ""
    sheet: str = ""
    cell: str = ""


HH, P26 = "hh", "2026"  # which base a case starts from

CASES = {
    # name: (base, maker, expected)
    "sheet-renamed": (HH, sheet_renamed,
                      Expected(False, "đặt lại đúng tên 'Đơn vị' (các trang đang có: "
                               "'Kế hoạch', 'Danh sách đơn vị'")),
    "sheet-deleted": (HH, sheet_deleted, Expected(False, "thiếu trang 'Kỳ báo cáo'")),
    "plan-sheet-deleted": (P26, plan_sheet_deleted, Expected(False, "thiếu trang 'Kế hoạch'")),
    "header-moved-down": (HH, header_moved_down,
                          Expected(False, "dòng tiêu đề (cột 'Mã đơn vị') ở dòng 21, phải "
                                   "nằm trong 15 dòng đầu", UNITS, "A21")),
    "header-no-diacritics": (HH, header_no_diacritics, Expected(True)),  # read as typed
    "header-misspelled": (P26, header_misspelled,
                          Expected(False, "không thấy dòng tiêu đề có cột 'Mã đơn vị' trong "
                                   "15 dòng đầu", UNITS, "A1")),
    "merged-task-rows": (HH, merged_task_rows,
                         Expected(False, "nằm trong vùng gộp ô E6:E7", AREA_2023, "E7")),
    "formula-no-value": (P26, formula_no_value,
                         Expected(False, "công thức nhưng chưa có giá trị", UNITS, "A2")),
    "formula-cached": (HH, formula_cached, Expected(True)),
    "date-as-number": (P26, date_as_number, Expected(True)),
    "date-as-text": (P26, date_as_text, Expected(True)),
    "date-unreadable": (P26, date_unreadable,
                        Expected(False, "'giữa tháng 3' không hợp lệ", PERIODS, "D2")),
    "unit-code-number": (P26, unit_code_number, Expected(True)),
    "unit-code-spaces": (HH, unit_code_spaces, Expected(True)),
    "column-hidden": (HH, column_hidden, Expected(True)),
    # Refused by the rows a sheet may reach (bounds.MAX_WHOLE_ROWS), saying which to delete.
    "formatted-rows": (HH, formatted_rows,
                       Expected(False, "trang tính có dòng đến số 20.048 (giới hạn 20.000 "
                                "dòng)", UNITS)),
    "long-cell": (HH, long_cell, Expected(True, "ô dài 102.000 ký tự", AREA_2023, "C6")),
    "dragged-rows": (HH, dragged_rows,
                     Expected(False, "trang tính có dòng đến số 1.048.576", "Nhóm")),
    "strict-xml": (HH, strict_xml, Expected(False, "Tệp > Lưu Như (File > Save As), kiểu tệp "
                                               "'Sổ làm việc Excel (*.xlsx)' (Excel Workbook), "
                                               "không chọn 'Strict Open XML'")),
    "encrypted": (P26, encrypted, Expected(False, "tệp có đặt mật khẩu mở, không đọc được: "
                                               "gỡ mật khẩu")),
    "word-renamed": (P26, word_renamed, Expected(False, "tệp Word")),
    "empty-file": (P26, empty_file, Expected(False, "tệp rỗng (0 byte): tệp có thể bị hỏng khi "
                                                 "chép")),
    "locked-by-excel": (HH, locked_by_excel, Expected(True)),
}
_RESAVE = ("mở tệp trong Excel, chọn Tệp > Lưu Như (File > Save As), kiểu tệp 'Sổ làm việc "
           "Excel (*.xlsx)' (Excel Workbook), hoặc trong LibreOffice, chọn Tập tin > Lưu mới "
           "(File > Save As), kiểu tệp 'Excel 2007–365'")
OFFICE_CASES = {
    "as-xls": Expected(False, f"tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu mở: {_RESAVE}"),
    "as-xls-own-name": Expected(False, f"tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu mở: "
                                       f"{_RESAVE}"),
    "as-ods": Expected(False, f"tệp LibreOffice (.ods): {_RESAVE}"),
    "as-ods-own-name": Expected(False, f"tệp LibreOffice (.ods): {_RESAVE}"),
}


def make_corpus(bases: dict[str, Path], folder: Path, names: list[str] | None = None
                ) -> dict[str, Path]:
    """Each case (of ``names``, or all) made from its base into ``folder``, a folder of
    its own each (the lock-file case puts a file beside its plan)."""
    made = {}
    for name in names or list(CASES):
        base, make, _ = CASES[name]
        target = folder / name / f"{name}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        make(bases[base], target)
        made[name] = target
    return made


if __name__ == "__main__":
    import subprocess
    import tempfile

    from support.paths import HH_MASTER, ROOT

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        blank = Path(tmp) / "trong.xlsx"
        subprocess.run([sys.executable, "-m", "cchc_xl", "init", "--out", blank, "--year",
                        "2026", "--commune", "phường Hạc Thành"], check=True, cwd=ROOT)
        plan_2026(blank, out / "ke-hoach-2026.xlsx")
    for name, path in make_corpus({HH: HH_MASTER, P26: out / "ke-hoach-2026.xlsx"},
                                  out).items():
        print(name, path)
