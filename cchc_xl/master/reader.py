"""Reading one sheet table of the master while collecting findings."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from .. import fastxlsx
from ..findings import Finding
from ..sniff import MASTER_FORMAT_HINT
from ..text import clean, legacy_font, looks_legacy, one_line, vn_number
from ..vocab import ERROR, WARNING
from ..xlio import find_header, open_workbook

# Findings of one code on one sheet listed one by one; the rest are counted in one more
# (a column dragged down the sheet gave a finding per row: 300,000 lines).
MAX_ALIKE = 20


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
        return clean(value)

    def check_formula(self, ws: Worksheet, cell) -> None:
        """A formula whose result was never computed reads as empty: say so."""
        if cell.value is None and cell.coordinate in self.formulas.get(ws.title, ()):
            self.add(ERROR, "formula-no-value",
                     "ô có công thức nhưng chưa có giá trị đã tính: ghi thẳng nội dung, hoặc "
                     "mở tệp trong Excel/LibreOffice, lưu lại rồi chạy lại",
                     ws.title, cell.coordinate)



def find_table(reader: Reader, ws: Worksheet, columns, key_field: str,
           required: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(max_row=min(ws.max_row, 15))]
    found = find_header(rows, columns, key_field)
    if not found:
        reader.add(ERROR, "missing-column",
                   f"không thấy dòng tiêu đề có cột '{columns[key_field][0]}'", ws.title)
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
        values = {f: reader.text(ws, c) if isinstance(c.value, str) else c.value
                  for f, c in cells.items()}
        yield row[0].row, values, cells




def formula_cells(path: Path) -> dict[str, set[str]]:
    """Coordinates of formula cells per sheet (their cached values are read elsewhere):
    by the fast reader (a tenth of the time), or openpyxl when the file is not one it
    understands."""
    try:
        return fastxlsx.formula_cells(path)
    except fastxlsx.Unrecognised:
        pass
    with closing(open_workbook(path, read_only=True, data_only=False,
                               hint=MASTER_FORMAT_HINT)) as wb:
        return {ws.title: {c.coordinate for row in ws.iter_rows() for c in row
                           if getattr(c, "data_type", None) == "f"}
                for ws in wb.worksheets}
