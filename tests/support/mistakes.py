"""Returned files with every kind of mistake, as the merge tests and the fast-reader
tests use them: built once per session (``hh_mistakes`` in conftest) and shared.

Also the small helpers that fill answers into a unit's workbook: ``ids`` (a unit's
deliverables), ``done``/``doing`` (answers), ``locate`` (a deliverable's cell).
"""

from __future__ import annotations

import copy
import unicodedata
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

from cchc_xl import assignment as A
from cchc_xl.split import split_master
from cchc_xl.vocab import DONE, IN_PROGRESS, NOT_STARTED
from make_sample_returns import ISSUED_AT, Typed, fill_return, realistic_answers

ISSUED = ISSUED_AT
SAVED = datetime(2023, 9, 14, 10, 0)
EVIDENCE = "Kế hoạch số 125/KH-UBND ngày 05/01/2023"


def ids(master, unit: str) -> list[str]:
    return [ar.deliverable.id for ar in A.assigned_rows(master, unit)]


def done(day: date = date(2023, 3, 10), evidence: str = EVIDENCE) -> dict[str, object]:
    return {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: day,
            A.COL_EVIDENCE: evidence}


def doing(percent: object = 50) -> dict[str, object]:
    return {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: percent}


def task_rows(path: Path):
    """Each row of the task sheets of a unit's workbook, read independently: (sheet,
    row number, the sheet's column headers, the row's values)."""
    wb = load_workbook(path, read_only=True)
    try:
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            if len(rows) < A.HEADER_ROW or A.COL_ID not in rows[A.HEADER_ROW - 1]:
                continue
            header = list(rows[A.HEADER_ROW - 1])
            for r, values in enumerate(rows, start=1):
                if values:
                    yield ws.title, r, header, values
    finally:
        wb.close()


def locate(path: Path, did: str, column: str) -> tuple[str, str]:
    """(sheet, cell) of a deliverable's column in a workbook, read independently."""
    for sheet, r, header, values in task_rows(path):
        if values[header.index(A.COL_ID)] == did:
            return sheet, f"{'ABCDEFGHIJKL'[header.index(column)]}{r}"
    raise KeyError(did)


def split_dir(master, period: str, folder: Path, units: tuple[str, ...] = ()
              ) -> dict[str, Path]:
    """The plan split for ``period``: every unit's file, or only those of ``units``
    (each the same bytes as in the whole split)."""
    if units:
        master = replace(master, units=[u for u in master.units if u.code in units])
    result = split_master(master, period, folder, issued_at=ISSUED)
    return {f.unit_code: f.path for f in result.files}


# --- every kind of mistake, filled by openpyxl --------------------------------------

def _strip_identity(wb) -> None:
    del wb[A.IDENTITY_SHEET]
    for key in A.SHORT_FIELDS:
        del wb.defined_names[A.defined_name(key)]
    wb.custom_doc_props.props.clear()


def _identity_cell(wb, key: str):
    ws = wb[A.IDENTITY_SHEET]
    return next(row[1] for row in ws.iter_rows() if row[0].value == key)


def build_mistakes(master, split: dict[str, Path], folder: Path, tmp: Path,
                   other_plan) -> dict[str, Path]:
    """One file per kind of mistake (each from its own unit), plus unusable files."""
    f: dict[str, Path] = {}

    def fill(name: str, unit: str, answers: dict, **kw) -> None:
        f[name] = fill_return(split[unit], folder / f"{name}.xlsx", answers,
                              saved_at=kw.pop("saved_at", SAVED), **kw)

    period = master.period("9T")
    clean = realistic_answers(master, period, "NV")
    for did in ids(master, "NV"):
        clean.setdefault(did, doing(40))
    fill("clean", "NV", clean)

    i = ids(master, "X01")
    fill("status", "X01", {
        i[0]: {**done(), A.COL_STATUS: "da hoan thanh"},
        i[1]: {**doing(), A.COL_STATUS: unicodedata.normalize("NFD", IN_PROGRESS)},
        i[2]: {**done(), A.COL_STATUS: "Hoàn thành"},
        i[3]: {**doing(), A.COL_STATUS: "xong rồi"},
    })
    i = ids(master, "X02")
    fill("percent", "X02", {
        i[0]: doing("80%"),
        i[1]: doing(Typed(0.8, "0%")),
        i[2]: doing(120),
        i[3]: doing("80 %"),
    })
    i = ids(master, "X03")
    fill("consistency", "X03", {
        i[0]: {**done(), A.COL_EVIDENCE: None},
        i[1]: {**done(), A.COL_PERCENT: 80},
        i[2]: {A.COL_STATUS: NOT_STARTED, A.COL_PERCENT: 30},
        i[3]: {**done(), A.COL_PERCENT: None},
    })
    i = ids(master, "X04")
    fill("dates", "X04", {
        i[0]: {**done(), A.COL_DONE_ON: Typed("15/08/2023", "@")},
        i[1]: done(date(2023, 9, 20)),
        i[2]: {**done(), A.COL_DONE_ON: Typed(45153, "General")},
        i[3]: {**done(evidence="Báo cáo số 45/BC-UBND ngày 07/05/2023"),
               A.COL_DONE_ON: Typed("05/07/2023", "@")},
        i[4]: done(date(2022, 11, 20)),
        # Preparatory work due in November 2022 ("Xây dựng Kế hoạch: tháng 11/2022").
        "CQS-01": done(date(2022, 11, 20)),
    })

    def inert_text(wb) -> None:
        sheet, cell = locate(split["X06"], ids(master, "X06")[2], A.COL_EVIDENCE)
        wb[sheet][cell].value = "=không phải công thức"
        wb[sheet][cell].data_type = "s"

    i = ids(master, "X06")
    fill("evidence", "X06", {
        i[0]: done(evidence="Đã báo cáo UBND huyện"),
        i[1]: {**doing(), A.COL_EVIDENCE: "=SUM(1,2)"},
        i[2]: doing(),
        i[3]: done(evidence="https://hoanghoa.thanhhoa.gov.vn/cchc/bao-cao-9-thang"),
    }, tweak=inert_text)

    def legacy(wb) -> None:
        from openpyxl.styles import Font

        sheet, cell = locate(split["X08"], ids(master, "X08")[0], A.COL_STATUS)
        wb[sheet][cell].value = "§· hoµn thµnh"
        wb[sheet][cell].font = Font(name=".VnTime")

    fill("legacy", "X08", {ids(master, "X08")[0]: done()}, tweak=legacy)

    i = ids(master, "X09")
    foreign = next(d.id for d in master.deliverables() if d.id not in i)

    def rows(wb) -> None:
        s1, c1 = locate(split["X09"], i[1], A.COL_ID)
        s2, c2 = locate(split["X09"], i[2], A.COL_ID)
        s3, c3 = locate(split["X09"], i[3], A.COL_PRODUCT)
        s4, c4 = locate(split["X09"], i[4], A.COL_ID)
        wb[s1][c1].value = foreign
        wb[s2][c2].value = "ZZ-99"
        wb[s3][c3].value = "Sản phẩm đã sửa"
        wb[s4][c4].value = i[3]
        s0, c0 = locate(split["X09"], i[0], A.COL_ID)
        ws = wb[s0]
        ws.delete_rows(int(c0[1:]))
        ws.cell(ws.max_row + 1, 8, IN_PROGRESS)  # an added row without an id
    fill("rows", "X09", {d: doing() for d in i[:5]}, tweak=rows)

    def merged(wb) -> None:
        # Unprotected and merged: a status over three rows (only its first cell holds
        # it); the second product's percent and date side by side.
        first, second = ids(master, "X07")[:2]
        sheet, cell = locate(split["X07"], first, A.COL_STATUS)
        row = int(cell[1:])
        wb[sheet].protection.sheet = False
        wb[sheet].merge_cells(f"{cell}:{cell[0]}{row + 2}")
        sheet, percent = locate(split["X07"], second, A.COL_PERCENT)
        wb[sheet].protection.sheet = False
        wb[sheet].merge_cells(f"{percent}:{locate(split['X07'], second, A.COL_DONE_ON)[1]}")

    fill("merged", "X07", {ids(master, "X07")[0]: doing(50)}, tweak=merged)

    fill("identity-stripped", "X12", {ids(master, "X12")[0]: doing()}, tweak=_strip_identity)
    fill("identity-conflict", "X13", {ids(master, "X13")[0]: doing()},
         tweak=lambda wb: setattr(_identity_cell(wb, "unit"), "value", "X14"))
    fill("identity-checksum", "X14", {ids(master, "X14")[0]: doing()},
         tweak=lambda wb: setattr(_identity_cell(wb, "rows"), "value",
                                  ",".join(ids(master, "X14")[1:])))

    # Files of another period, plan and year: only the unit each one needs is split.
    q3 = split_dir(master, "Q3", tmp / "q3", ("X10",))
    f["other-period"] = fill_return(q3["X10"], folder / "other-period.xlsx",
                                    {ids(master, "X10")[0]: doing()})
    nh = split_dir(other_plan, "9T", tmp / "other-plan", ("NV",))
    f["other-plan"] = fill_return(nh["NV"], folder / "other-plan.xlsx", {})
    older = copy.deepcopy(master)
    older.plan.year = 2022
    y22 = split_dir(older, "9T", tmp / "y2022", ("X11",))
    f["other-year"] = fill_return(y22["X11"], folder / "other-year.xlsx", {})

    plain = Workbook()
    plain.active.append(["Mã nhiệm vụ", "Trạng thái"])
    plain.active.append(["TC-01", DONE])
    plain.save(folder / "no-identity.xlsx")
    f["no-identity"] = folder / "no-identity.xlsx"

    i = ids(master, "X16")
    fill("twice-b-older", "X16", {i[0]: doing(30)}, saved_at=datetime(2023, 9, 10, 9))
    fill("twice-a-newer", "X16", {i[0]: doing(60)}, saved_at=datetime(2023, 9, 13, 15))

    good = f["clean"].read_bytes()
    bad = {
        "corrupt.xlsx": good[: len(good) // 2],
        "empty.xlsx": b"",
        "encrypted.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
        + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100,
        "csv-renamed.xlsx": "Mã nhiệm vụ;Trạng thái\nTC-01;Đã hoàn thành\n".encode(),
        "pdf-renamed.xlsx": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "ghi-chu.txt": "Đơn vị xin gửi muộn".encode(),
        "~$clean.xlsx": b"lock", ".~lock.clean.xlsx#": b"lock",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return f


# Strict Open XML (Excel's Save As offers "Strict Open XML Spreadsheet (*.xlsx)"): the
# same parts, the same content types, other namespaces and relationship types.
_STRICT = [
    (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
     b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/main",
     b"http://purl.oclc.org/ooxml/drawingml/main"),
]


def save_as_strict(source: Path, target: Path) -> Path:
    """``source`` as Excel saves it in the Strict Open XML format."""
    with zipfile.ZipFile(source) as zi, zipfile.ZipFile(target, "w",
                                                        zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            if info.filename.endswith((".xml", ".rels")) and not info.filename.startswith(
                    ("[Content_Types]", "docProps/")):
                for transitional, strict in _STRICT:
                    data = data.replace(transitional, strict)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
            zo.writestr(info, data)
    return target


def mistake_files(tmp_path_factory, name: str, master, split, other_plan
                  ) -> tuple[Path, Path, dict]:
    """A fresh folder of mistake files: (work folder, returns folder, files)."""
    tmp = tmp_path_factory.mktemp(name)
    folder = tmp / "returns"
    folder.mkdir()
    return tmp, folder, build_mistakes(master, split, folder, tmp, other_plan)

