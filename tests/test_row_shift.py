"""Rows whose read-only cells show another task (cchc_xl.intake.row_shift): sorted without
column A, each answer counts for the task typed beside it; a row pasted over, not at
all."""

from __future__ import annotations

import pytest

from cchc_xl import assignment as A
from cchc_xl.intake.row_shift import reordered, shown_tasks
from cchc_xl.merge import merge_returns
from make_sample_returns import fill_return
from support.mistakes import SAVED, doing, done, ids, locate


def _columns(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[A.HEADER_ROW] if c.value}


def _rows_moved(ws, rows: list[int], sources: list[int]) -> dict[str, str]:
    """Columns B:L of each of ``rows`` made those of its source, column A left (a sort
    without it): each id in column A and the id whose row it now shows."""
    cols = _columns(ws)
    values = {r: [ws.cell(r, c).value for c in range(2, 13)] for r in rows}
    moved = {}
    for r, source in zip(rows, sources, strict=True):
        for c, value in enumerate(values[source], start=2):
            ws.cell(r, c).value = value
        moved[ws.cell(r, cols[A.COL_ID]).value] = ws.cell(source, cols[A.COL_ID]).value
    return moved


def _answers(result, unit: str) -> dict[str, tuple]:
    return {r.deliverable: (r.status, r.percent) for r in result.rows if r.unit == unit}


@pytest.mark.parametrize("role_alone", [False, True], ids=["as-issued", "role-alone"])
def test_rows_sorted_without_column_a_count_for_the_task_beside_them(
        hh_master, hh_split, tmp_path, role_alone):  # noqa: F811
    """Rows 5 to 12 of X01's first task sheet reversed in B:L, the ids in A left: each
    answer is counted for the product shown beside it, with one warning. So too in a
    file issued before "Vai trò" named the other units ("Phối hợp", "Chủ trì" alone):
    not taken for 34 edited cells with each answer counted for the wrong task."""
    unit_ids = ids(hh_master, "X01")
    sheet, first = locate(hh_split["X01"], unit_ids[0], A.COL_ID)
    start = int(first[1:])
    typed = {did: doing(10 * (n + 1)) for n, did in enumerate(unit_ids[:8])}
    moved: dict[str, str] = {}

    def sort_without_a(wb) -> None:
        ws = wb[sheet]
        cols = _columns(ws)
        for r in range(start, ws.max_row + 1) if role_alone else ():
            role = ws.cell(r, cols[A.COL_ROLE]).value
            if isinstance(role, str) and " " in role.removeprefix("Phối hợp"):
                ws.cell(r, cols[A.COL_ROLE]).value = role.split(" với ")[0].split(" cùng ")[0]
        rows = [r for r in range(start, start + 8) if ws.cell(r, cols[A.COL_ID]).value]
        moved.update(_rows_moved(ws, rows, list(reversed(rows))))

    sent = fill_return(hh_split["X01"], tmp_path / "in" / "X01.xlsx", typed, saved_at=SAVED,
                       tweak=sort_without_a)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (f,) = result.files
    codes = [p.code for p in f.problems]
    assert f.outcome == "accepted" and codes.count("rows-reordered") == 1, codes
    assert "readonly-edited" not in codes and "row-shifted" not in codes
    got = _answers(result, "X01")
    # The answer typed for a task moved with it: the task shown keeps its answer.
    for did in moved:
        assert got[did] == (typed[did]["Trạng thái"], typed[did]["Tỷ lệ hoàn thành (%)"]), did


def test_a_row_pasted_over_is_not_counted(hh_master, hh_split, tmp_path):  # noqa: F811
    """One row shows another task's product, deadline and role: neither task gets its
    answer, and the error says which task the row shows."""
    unit_ids = ids(hh_master, "X01")
    a, b = unit_ids[0], unit_ids[1]
    sheet, cell_a = locate(hh_split["X01"], a, A.COL_ID)
    _, cell_b = locate(hh_split["X01"], b, A.COL_ID)

    def paste(wb) -> None:
        ws = wb[sheet]
        cols = _columns(ws)
        for name in (A.COL_PRODUCT, A.COL_DEADLINE, A.COL_ROLE):
            ws.cell(int(cell_a[1:]), cols[name]).value = ws.cell(int(cell_b[1:]), cols[name]).value

    sent = fill_return(hh_split["X01"], tmp_path / "in" / "X01.xlsx",
                       {a: done(), b: doing(30)}, saved_at=SAVED, tweak=paste)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (shifted,) = [p for p in result.files[0].problems if p.code == "row-shifted"]
    assert shifted.severity == "error" and shifted.cell == cell_a and shifted.task == a
    assert f"là của nhiệm vụ '{b}'" in shifted.message
    got = _answers(result, "X01")
    assert a not in got and got[b] == ("Đang thực hiện", 30.0)


def test_only_a_closed_set_of_swaps_is_a_sort() -> None:
    assert reordered({"A": "B", "B": "A"})
    assert reordered({"A": "B", "B": "C", "C": "A"})
    assert not reordered({"A": "B"})  # one row: a paste
    assert not reordered({"A": "B", "B": "C"})  # C's row still shows C: not a sort
    assert not reordered({"A": "C", "B": "C"})


def test_a_row_shows_the_tasks_issued_with_what_it_shows() -> None:
    from cchc_xl.intake import Cell, ReturnedRow

    def row(product: str) -> ReturnedRow:
        return ReturnedRow("S", 5, {A.COL_PRODUCT: Cell(product), A.COL_DEADLINE: Cell("Quý I"),
                                    A.COL_ROLE: Cell("Chủ trì")})

    issued = {"A": ("Báo cáo", "Quý I", "Chủ trì"), "B": ("Kế hoạch", "Quý I", "Chủ trì"),
              "C": ("Kế hoạch", "Quý I", "Chủ trì"), "D": ("Quyết định", "Quý I", "Chủ trì")}
    text = lambda cell: cell.value or ""  # noqa: E731
    rows = {"A": row("Quyết định"), "B": row("Báo cáo"), "D": row("Kế hoạch")}
    # A shows D's; B shows A's; D shows a product two rows have: not told apart (both
    # named, and rows_sorted_apart counts it for neither).
    assert shown_tasks(rows, (issued,), text) == {"A": {"D"}, "B": {"A"}, "D": {"B", "C"}}


def test_a_column_the_unit_added_is_named_not_read(hh_master, hh_split, tmp_path):  # noqa: F811
    did = ids(hh_master, "X01")[0]
    sheet, cell = locate(hh_split["X01"], did, A.COL_ID)
    row = int(cell[1:])

    def add_column(wb) -> None:
        ws = wb[sheet]
        ws.protection.sheet = False
        ws.insert_cols(12)  # before "Ghi chú"
        ws.cell(A.HEADER_ROW, 12).value = "Kết quả cụ thể"
        ws.cell(row, 12).value = "Đã tiếp nhận 1.245 hồ sơ, 98,6% đúng hạn"

    sent = fill_return(hh_split["X01"], tmp_path / "in" / "X01.xlsx", {did: doing(40)},
                       saved_at=SAVED, tweak=add_column)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (added,) = [p for p in result.files[0].problems if p.code == "column-added"]
    assert (added.severity, added.sheet, added.cell) == ("warning", sheet, f"L{row}")
    assert added.message.startswith("cột L (Kết quả cụ thể) không có trong biểu: nội dung "
                                    f"trong đó (1 ô, từ ô L{row}) không được tổng hợp")
    assert _answers(result, "X01")[did] == ("Đang thực hiện", 40.0)


def test_a_sheet_headed_for_another_unit_is_told(hh_master, hh_split, tmp_path):  # noqa: F811
    """X02's sheet pasted over X01's: its line under the title names Xã Hoằng Cát."""
    did = ids(hh_master, "X01")[0]
    sheet, _ = locate(hh_split["X01"], did, A.COL_ID)

    def copy_heading(wb) -> None:
        line = wb[sheet].cell(A.HEADER_ROW - 2, 1)
        line.value = line.value.replace("Thị trấn Bút Sơn", hh_master.names["X02"])

    sent = fill_return(hh_split["X01"], tmp_path / "in" / "X01.xlsx", {did: doing(40)},
                       saved_at=SAVED, tweak=copy_heading)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (told,) = [p for p in result.files[0].problems if p.code == "sheet-other-unit"]
    assert told.sheet == sheet and f"'{hh_master.names['X02']}'" in told.message
    untouched = fill_return(hh_split["X01"], tmp_path / "in2" / "X01.xlsx", {did: doing(40)},
                            saved_at=SAVED)
    again = merge_returns(hh_master, [untouched], "9T", tmp_path / "out2" / "th.xlsx")
    assert not [p for p in again.files[0].problems if p.code == "sheet-other-unit"]


def test_a_coordinating_row_names_its_leads_and_files_issued_before_still_read(
        hh_master, hh_split, tmp_path):  # noqa: F811
    """A coordinating unit's "Vai trò" cell says whom it works with. A file issued
    before, which said "Phối hợp" alone, reads as it did; any other text in that cell is
    an edit of a read-only cell."""
    from cchc_xl.model import Deliverable

    support = [ar for ar in A.assigned_rows(hh_master, "NV") if ar.role == "support"]
    ar = support[0]
    sheet, cell = locate(hh_split["NV"], ar.deliverable.id, A.COL_ROLE)
    lead = hh_master.names[ar.deliverable.lead[0]]
    from openpyxl import load_workbook

    assert load_workbook(hh_split["NV"])[sheet][cell].value == f"Phối hợp với {lead}"

    def role_cell(text):
        def tweak(wb) -> None:
            wb[sheet][cell].value = text
        return tweak

    for n, (text, edited) in enumerate((("Phối hợp", False), ("Phối hợp với ai?", False),
                                        ("Chủ trì cùng Phòng Tư pháp", True),
                                        ("Không rõ", True))):
        sent = fill_return(hh_split["NV"], tmp_path / f"in{n}" / "NV.xlsx",
                           {ar.deliverable.id: doing(40)}, saved_at=SAVED, tweak=role_cell(text))
        result = merge_returns(hh_master, [sent], "9T", tmp_path / f"out{n}" / "th.xlsx")
        (f,) = result.files
        found = [p for p in f.problems if p.code == "readonly-edited"]
        assert f.outcome == "accepted" and bool(found) == edited, (text, found)
        assert _answers(result, "NV")[ar.deliverable.id] == ("Đang thực hiện", 40)

    # Up to five leads are named, more by the plan's words or their number.
    names = hh_master.names
    codes = [u.code for u in hh_master.units][:5]

    def made(lead, lead_text=""):
        d = Deliverable(id="Z-01", product="", deadline=ar.deliverable.deadline, lead=lead,
                        lead_text=lead_text)
        return A.role_text(hh_master, d, "support")

    assert made(codes[:2]) == f"Phối hợp với {names[codes[0]]} và {names[codes[1]]}"
    assert made(codes[:3]) == (f"Phối hợp với {names[codes[0]]}, {names[codes[1]]} và "
                               f"{names[codes[2]]}")
    assert made(codes) == ("Phối hợp với " + ", ".join(names[c] for c in codes[:4])
                           + f" và {names[codes[4]]}")
    more = [u.code for u in hh_master.units][:6]
    assert made(more, "- Các phòng, ban, ngành cấp huyện;") == (
        "Phối hợp với các phòng, ban, ngành cấp huyện")
    assert made(more, "- Phòng Nội vụ;\n- UBND cấp xã.") == "Phối hợp với 6 đơn vị chủ trì"
    assert made([]) == "Phối hợp" and A.role_text(hh_master, ar.deliverable, "lead") == "Chủ trì"



def test_rows_sorted_where_two_tasks_look_alike_are_never_counted_for_another(
        hh_master, hh_split, tmp_path):  # noqa: F811
    """X02's TTHC-02 and TTHC-04 are both "Báo cáo kết quả thực hiện." with one deadline
    and role. Its sheet sorted by percent without column A: a row showing that product
    was counted for the id in its column A (TTHC-01 took TTHC-04's "done"), with no error
    (a probe). Now no answer counts for a task it was not typed beside: a row that can
    be told apart counts for the task it shows; the look-alikes are errors."""
    sheet, first = locate(hh_split["X02"], "TTHC-02", A.COL_ID)
    unit_ids = [d for d in ids(hh_master, "X02") if locate(hh_split["X02"], d, A.COL_ID)[0]
                == sheet]
    assert {"TTHC-02", "TTHC-04"} <= set(unit_ids) and len(unit_ids) >= 4
    typed = {did: doing(10 * (n + 1)) for n, did in enumerate(unit_ids)}

    def sort_without_a(wb) -> None:
        ws = wb[sheet]
        cols = _columns(ws)
        rows = [r for r in range(A.HEADER_ROW + 1, ws.max_row + 1)
                if ws.cell(r, cols[A.COL_ID]).value in typed]
        _rows_moved(ws, rows, sorted(rows, key=lambda r: -ws.cell(r, cols[A.COL_PERCENT]).value))

    sent = fill_return(hh_split["X02"], tmp_path / "in" / "X02.xlsx", typed, saved_at=SAVED,
                       tweak=sort_without_a)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    got = _answers(result, "X02")
    answer = {did: (t["Trạng thái"], t["Tỷ lệ hoàn thành (%)"]) for did, t in typed.items()}
    wrong = {did: got[did] for did in unit_ids if did in got and got[did] != answer[did]}
    assert not wrong, wrong  # every answer counted is the one typed for that task
    problems = [p for p in result.files[0].problems if p.code == "row-shifted"]
    told = {p.task for p in problems}
    # The two look-alikes are counted for neither; each row not counted is said.
    assert "TTHC-02" not in got and "TTHC-04" not in got
    assert {did for did in unit_ids if did not in got} <= told
    alike = [p.message for p in problems if "'TTHC-02' hoặc 'TTHC-04'" in p.message
             or "giống hệt nhiệm vụ 'TTHC-0" in p.message]
    assert alike, [p.message for p in problems]


def test_in_a_sorted_sheet_two_tasks_issued_alike_are_not_trusted(
        hh_master, hh_split, tmp_path):  # noqa: F811
    """Two rows swapped without column A (TTHC-01 and TTHC-03): a sort, each counted for
    the task it shows. TTHC-02 and TTHC-04 look the same: had they swapped too, nothing
    would show it, so on that sheet neither is counted, and each error names the other."""
    sheet, _ = locate(hh_split["X02"], "TTHC-02", A.COL_ID)
    typed = {did: doing(10 * (n + 1)) for n, did in enumerate(
        ["TTHC-01", "TTHC-02", "TTHC-03", "TTHC-04", "TTHC-05"])}

    def swap(wb) -> None:
        ws = wb[sheet]
        cols = _columns(ws)
        row_of = {ws.cell(r, cols[A.COL_ID]).value: r for r in range(5, ws.max_row + 1)}
        one, three = row_of["TTHC-01"], row_of["TTHC-03"]
        _rows_moved(ws, [one, three], [three, one])

    sent = fill_return(hh_split["X02"], tmp_path / "in" / "X02.xlsx", typed, saved_at=SAVED,
                       tweak=swap)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    got = _answers(result, "X02")
    codes = [p.code for p in result.files[0].problems]
    assert codes.count("rows-reordered") == 1
    assert got["TTHC-01"] == ("Đang thực hiện", 10.0) and got["TTHC-03"] == (
        "Đang thực hiện", 30.0) and got["TTHC-05"] == ("Đang thực hiện", 50.0)
    assert "TTHC-02" not in got and "TTHC-04" not in got
    told = {p.task: p.message for p in result.files[0].problems if p.code == "row-shifted"}
    assert set(told) == {"TTHC-02", "TTHC-04"}
    assert "giống hệt nhiệm vụ 'TTHC-04'" in told["TTHC-02"]
    assert "không biết kết quả trên dòng là của nhiệm vụ nào" in told["TTHC-02"]
