"""Reading one sheet table of the master while collecting findings."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl.utils.datetime import WINDOWS_EPOCH
from openpyxl.worksheet.worksheet import Worksheet

from ..fast import reader as fast_reader
from ..fast import scans
from ..findings import Finding
from ..sniff import MASTER_FORMAT_HINTS
from ..text import clean, fold_ascii, legacy_font, looks_legacy, one_line, vn_number
from ..vocab import ERROR, WARNING
from ..xlio import CELL_TEXT_MAX, find_header, open_workbook

# Findings of one code on one sheet listed one by one; the rest are counted in one more
# (a column dragged down the sheet gave a finding per row: 300,000 lines).
MAX_ALIKE = 20
# The rows a table's header is looked for in; and further down, only to say where it is.
HEADER_ROWS = 15
HEADER_FAR_ROWS = 200


@dataclass
class Reader:
    """Collects findings while reading one master workbook."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    # Findings by (code, sheet), and the last cell of those not listed (MAX_ALIKE).
    _alike: dict[tuple[str, str], int] = field(default_factory=dict)
    _last_unlisted: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def add(self, severity: str, code: str, message: str, sheet: str = "", cell: str = "",
            task: str = "", unit: str = "") -> None:
        key = (code, sheet)
        self._alike[key] = self._alike.get(key, 0) + 1
        if self._alike[key] > MAX_ALIKE:
            self._last_unlisted[key] = (severity, cell)
            return
        self.findings.append(Finding(severity, code, message, file=self.path, sheet=sheet,
                                     cell=cell, task=task, unit=unit))

    def count(self, *codes: str) -> int:
        """How many findings of these codes were added (listed or counted)."""
        return sum(n for (code, _), n in self._alike.items() if code in codes)

    def all_findings(self) -> list[Finding]:
        """The findings, and for each code listed :data:`MAX_ALIKE` times on a sheet, one
        counting the others."""
        more = []
        for (code, sheet), (severity, cell) in self._last_unlisted.items():
            left = self._alike[(code, sheet)] - MAX_ALIKE
            more.append(Finding(severity, code,
                                f"và {vn_number(left)} chỗ khác trên trang này có cùng vấn đề "
                                f"(chỗ cuối: {cell or 'không rõ ô'}): sửa như các chỗ trên",
                                file=self.path, sheet=sheet))
        return self.findings + more

    formulas: dict[str, set[str]] = field(default_factory=dict)
    # The workbook's day 0 for dates typed as plain numbers: a workbook saved in the 1904
    # date system (Excel on a Mac) counts them 1462 days later than one from Windows.
    epoch: datetime = WINDOWS_EPOCH

    def text(self, ws: Worksheet, cell) -> str:
        """A cell's text, cleaned; flags legacy-encoded (TCVN3/VNI) text."""
        value = cell.value
        font = cell.font.name if cell.font else None
        if isinstance(value, str) and value.strip() and (legacy_font(font)
                                                         or looks_legacy(value)):
            cause = f"phông {font}" if legacy_font(font) else f"'{one_line(value)[:40]}'"
            self.add(ERROR, "legacy-encoding",
                     f"văn bản dùng bảng mã cũ TCVN3/VNI ({cause}): chuyển sang Unicode "
                     "(ví dụ bằng Unikey, chức năng chuyển mã) rồi lưu lại",
                     ws.title, cell.coordinate)
        if isinstance(value, str) and len(value) > CELL_TEXT_MAX:
            self.add(WARNING, "cell-text-too-long",
                     f"ô dài {vn_number(len(value))} ký tự, một ô Excel chứa tối đa "
                     f"{vn_number(CELL_TEXT_MAX)}: tệp giao cho đơn vị chỉ giữ phần đầu (ghi "
                     "'cắt bớt'); rút gọn nội dung, hoặc tách thành nhiều nhiệm vụ",
                     ws.title, cell.coordinate)
        return clean(value)

    def check_merged(self, ws: Worksheet, cell) -> None:
        """A cell inside a merged range (not its first cell) reads as empty, though the
        sheet shows the range's value on its row: say which range, and what to do."""
        if type(cell).__name__ != "MergedCell":
            return
        area = next((str(r) for r in ws.merged_cells.ranges if cell.coordinate in r), "")
        first = area.split(":")[0]
        self.add(WARNING, "merged-cells",
                 f"ô nằm trong vùng gộp ô {area}: chỉ ô đầu ({first}) có nội dung, ô này được "
                 "đọc là trống; bỏ gộp ô (Merge & Center > Unmerge Cells) và ghi đủ nội dung "
                 "cho từng dòng", ws.title, cell.coordinate)

    def check_formula(self, ws: Worksheet, cell) -> None:
        """A formula whose result was never computed reads as empty: say so."""
        if cell.value is None and cell.coordinate in self.formulas.get(ws.title, ()):
            self.add(ERROR, "formula-no-value",
                     "ô có công thức nhưng chưa có giá trị đã tính: ghi thẳng nội dung, hoặc "
                     "mở tệp trong Excel/LibreOffice, lưu lại rồi chạy lại",
                     ws.title, cell.coordinate)



def _folded(value: object) -> object:
    return fold_ascii(value) if isinstance(value, str) else value


def find_header_row(rows: list[tuple], columns, key_field: str
                    ) -> tuple[int, dict[str, int]] | None:
    """:func:`~cchc_xl.xlio.find_header`, and failing that the same with diacritics
    left out on both sides: headers typed without them ("Ma nhiem vu") name their
    columns (no two headers of a table differ by diacritics alone)."""
    found = find_header(rows, columns, key_field)
    if found:
        return found
    folded = {f: tuple(fold_ascii(s) for s in spellings) for f, spellings in columns.items()}
    return find_header([tuple(_folded(v) for v in row) for row in rows], folded, key_field)


def find_table(reader: Reader, ws: Worksheet, columns, key_field: str,
           required: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
    rows = [tuple(c.value for c in row)
            for row in ws.iter_rows(max_row=min(ws.max_row, HEADER_ROWS))]
    found = find_header_row(rows, columns, key_field)
    if not found:
        key = columns[key_field][0]
        far = [tuple(c.value for c in row) for row in
               ws.iter_rows(min_row=HEADER_ROWS + 1, max_row=min(ws.max_row, HEADER_FAR_ROWS))]
        lower = find_header_row(far, columns, key_field)
        if lower:
            at = HEADER_ROWS + 1 + lower[0]
            reader.add(ERROR, "missing-column",
                       f"dòng tiêu đề (cột '{key}') ở dòng {at}, phải nằm trong "
                       f"{HEADER_ROWS} dòng đầu của trang: xóa các dòng thừa phía trên nó",
                       ws.title, f"A{at}")
        else:
            headers = ", ".join(f"'{s[0]}'" for s in columns.values())
            reader.add(ERROR, "missing-column",
                       f"không thấy dòng tiêu đề có cột '{key}' trong {HEADER_ROWS} dòng đầu "
                       f"của trang: ghi lại dòng tiêu đề đúng như mẫu ({headers}; xem bảng "
                       "mẫu của 'cchc-xl init')", ws.title, "A1")
        return None
    r, cols = found
    missing = [columns[f][0] for f in required if f not in cols]
    if missing:
        reader.add(ERROR, "missing-column",
                   "thiếu cột " + ", ".join(f"'{m}'" for m in missing)
                   + ": thêm lại cột với đúng tiêu đề như mẫu", ws.title, f"A{r + 1}")
        return None
    return r + 1, cols


def table_rows(reader: Reader, ws: Worksheet, header_row: int, cols: dict[str, int],
               strays: bool = False):
    """(row number, {field: text}, {field: cell}) for each non-empty row under the header.

    With ``strays``, a row whose only values sit in columns without a known header is
    reported (its text would otherwise be lost without a word).
    """
    for row in ws.iter_rows(min_row=header_row + 1):
        cells = {f: row[i] for f, i in cols.items() if i < len(row)}
        if all(c.value in (None, "") for c in cells.values()):
            other = [c for c in row if clean(c.value)]
            if strays and other:
                reader.add(WARNING, "row-unplaced",
                           f"dòng {row[0].row} có nội dung '{one_line(other[0].value)[:60]}' "
                           "nằm ngoài các cột của bảng (Mã nhiệm vụ, TT, Nội dung, Sản phẩm...): "
                           "nội dung này không được đọc; chuyển vào đúng cột hoặc xóa",
                           ws.title, other[0].coordinate)
            continue
        for c in cells.values():
            reader.check_formula(ws, c)
            reader.check_merged(ws, c)
        values = {f: reader.text(ws, c) if isinstance(c.value, str) else c.value
                  for f, c in cells.items()}
        yield row[0].row, values, cells




def formula_cells(path: Path) -> dict[str, set[str]]:
    """Coordinates of formula cells per sheet (their cached values are read elsewhere):
    by the fast reader (a tenth of the time), or openpyxl when the file is not one it
    understands."""
    try:
        return scans.formula_cells(path)
    except fast_reader.Unrecognised:
        pass
    with closing(open_workbook(path, read_only=True, data_only=False,
                               hint=MASTER_FORMAT_HINTS)) as wb:
        return {ws.title: {c.coordinate for row in ws.iter_rows() for c in row
                           if getattr(c, "data_type", None) == "f"}
                for ws in wb.worksheets}
