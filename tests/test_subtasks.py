"""Sub-tasks under a heading row: ids, reading, writing, check, show, split, appendix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl.appendix import write_appendix
from cchc_xl.cli import main
from cchc_xl.deadlines import parse_deadline
from cchc_xl.master import check_master, load_master, read_master, write_master
from cchc_xl.model import Deliverable, Heading, Task, parent_id_of, task_id_of
from cchc_xl.split import split_master
from support.paths import HH_MASTER


@pytest.mark.parametrize(("did", "task", "parent"), [
    ("TC-06", "TC-06", ""),
    ("TC-06.2", "TC-06", ""),
    ("TC-06-1", "TC-06-1", "TC-06"),
    ("TC-06-1.2", "TC-06-1", "TC-06"),
    ("TTHC-09-b", "TTHC-09-b", "TTHC-09"),
])
def test_ids_of_subtasks_and_products_never_mix(did: str, task: str, parent: str) -> None:
    assert task_id_of(did) == task
    assert parent_id_of(task_id_of(did)) == parent


@pytest.fixture(scope="module")
def sub_master(tmp_path_factory) -> Path:
    """The Hoằng Hóa master with a heading TC-06 over sub-tasks 6.1 and 6.2 (two products)."""
    master = load_master(HH_MASTER)
    area = master.areas[0]
    area.headings.append(Heading("TC-06", "6", "Nâng cao chất lượng xây dựng văn bản"))
    for i, (lead, deadline) in enumerate([("Phòng Tư pháp", "Quý II/2023"),
                                          ("Phòng Nội vụ", "Tháng 6 và tháng 12/2023")], 1):
        task = Task(f"TC-06-{i}", f"6.{i}", f"Nội dung nhiệm vụ con 6.{i}", parent="TC-06")
        task.deliverables.append(Deliverable(f"TC-06-{i}", f"Sản phẩm 6.{i}",
                                             parse_deadline(deadline, 2023), lead_text=lead))
        area.tasks.append(task)
    task.deliverables.append(Deliverable("TC-06-2.2", "Báo cáo 6.2",
                                         parse_deadline("Quý IV/2023", 2023),
                                         lead_text="Phòng Nội vụ"))
    return write_master(master, tmp_path_factory.mktemp("sub") / "master.xlsx")


def test_heading_and_subtasks_round_trip(sub_master: Path) -> None:
    master, found = read_master(sub_master)
    assert not [f for f in found if f.severity == "error"]
    area = master.areas[0]
    assert [(h.id, h.number, h.content) for h in area.headings] == [
        ("TC-06", "6", "Nâng cao chất lượng xây dựng văn bản")]
    subs = [t for t in area.tasks if t.parent]
    assert [(t.id, t.number, t.content, [d.id for d in t.deliverables]) for t in subs] == [
        ("TC-06-1", "6.1", "Nội dung nhiệm vụ con 6.1", ["TC-06-1"]),
        ("TC-06-2", "6.2", "Nội dung nhiệm vụ con 6.2", ["TC-06-2", "TC-06-2.2"])]
    ws = load_workbook(sub_master)["Thể chế"]
    heading = next(r for r in ws.iter_rows(min_row=6) if r[0].value == "TC-06")
    assert [c.value for c in heading[:6]] == ["TC-06", "6", "Nâng cao chất lượng xây dựng văn bản",
                                              None, None, None]
    assert heading[2].font.b


def test_show_json_lists_headings_and_parents(sub_master: Path) -> None:
    result = CliRunner().invoke(main, ["show", str(sub_master), "--json"])
    assert result.exit_code == 0, result.output
    area = json.loads(result.output)["areas"][0]
    assert area["headings"] == [{"id": "TC-06", "number": "6",
                                 "content": "Nâng cao chất lượng xây dựng văn bản"}]
    assert [(t["id"], t["parent"]) for t in area["tasks"]][-2:] == [
        ("TC-06-1", "TC-06"), ("TC-06-2", "TC-06")]
    text = CliRunner().invoke(main, ["show", str(sub_master)]).output
    assert text.index("Nâng cao chất lượng xây dựng") < text.index("TC-06-1")


def _edited(src: Path, tmp_path: Path, edit) -> Path:
    path = tmp_path / "edited.xlsx"
    shutil.copyfile(src, path)
    wb = load_workbook(path)
    edit(wb["Thể chế"])
    wb.save(path)
    return path


def _row(ws, did: str) -> int:
    return next(r for r in range(6, ws.max_row + 1) if ws.cell(r, 1).value == did)


def test_rows_6_1_and_6_2_as_products_of_one_task_are_refused(tmp_path: Path) -> None:
    """The old failure: 6.2's content silently dropped as a second product of task 6."""
    def edit(ws):
        r = ws.max_row + 1
        ws.append(["TC-06", "6.1", "Rà soát văn bản", "Báo cáo", "Phòng Tư pháp", None,
                   "Quý II/2023"])
        ws.append(["TC-06.2", "6.2", "Kiểm tra văn bản", "Báo cáo", "Phòng Nội vụ", None,
                   "Quý III/2023"])
        assert ws.cell(r + 1, 1).value == "TC-06.2"

    path = _edited(HH_MASTER, tmp_path, edit)
    found = [f for f in check_master(path) if f.code == "row-unplaced"]
    ws = load_workbook(path)["Thể chế"]
    assert [(f.severity, f.sheet, f.cell, f.task) for f in found] == [
        ("error", "Thể chế", f"B{_row(ws, 'TC-06.2')}", "TC-06.2")]
    assert "TC-06-2" in found[0].message and "Kiểm tra" not in found[0].message
    result = CliRunner().invoke(main, ["split", str(path), "--period", "9T", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1 and not (tmp_path / "out").exists()


def test_same_content_repeated_on_a_product_row_is_fine(tmp_path: Path) -> None:
    def edit(ws):
        ws.append(["TC-06", "6", "Rà soát văn bản", "Kế hoạch", "Phòng Tư pháp", None,
                   "Quý II/2023"])
        ws.append(["TC-06.2", "6", "Rà soát văn bản", "Báo cáo", None, None, "Quý IV/2023"])

    master, found = read_master(_edited(HH_MASTER, tmp_path, edit))
    assert not [f for f in found if f.severity == "error"]
    assert [d.id for d in master.areas[0].tasks[-1].deliverables] == ["TC-06", "TC-06.2"]


@pytest.mark.parametrize(("edit", "code", "column"), [
    # a heading row that also gives work to someone
    (lambda ws: ws.cell(_row(ws, "TC-06"), 5, "Phòng Tư pháp"), "heading-assigned", "E"),
    # a sub-task whose heading row is missing
    (lambda ws: [ws.cell(_row(ws, f"TC-06-2{p}"), 1, f"TC-05-2{p}") for p in ("", ".2")],
     "subtask-unplaced", "A"),
    # a product of a heading
    (lambda ws: ws.append(["TC-06.2", None, None, "Báo cáo", "Phòng Tư pháp", None, "Năm 2023"]),
     "row-unplaced", "A"),
])
def test_rows_that_cannot_be_placed_are_errors(sub_master: Path, tmp_path: Path, edit, code: str,
                                               column: str) -> None:
    found = [f for f in check_master(_edited(sub_master, tmp_path, edit))
             if f.severity == "error"]
    assert [f.code for f in found] == [code]
    assert found[0].sheet == "Thể chế" and found[0].cell.startswith(column)


def test_a_subtask_number_on_a_plain_task_and_stray_text_are_warnings(tmp_path: Path) -> None:
    def edit(ws):
        ws.cell(_row(ws, "TC-03"), 2, "2.1")
        ws.cell(ws.max_row + 2, 12, "Ghi chú ngoài bảng")

    found = [f for f in check_master(_edited(HH_MASTER, tmp_path, edit))
             if f.code in ("row-unplaced", "number-looks-subtask")]
    assert [(f.severity, f.code, f.cell[0]) for f in found] == [
        ("warning", "row-unplaced", "L"), ("warning", "number-looks-subtask", "B")]


@pytest.mark.slow
def test_split_and_appendix_show_the_heading(sub_master: Path, tmp_path: Path) -> None:
    master = load_master(sub_master)
    result = split_master(master, "9T", tmp_path / "giao")
    nv = next(f for f in result.files if f.unit_code == "NV")
    ws = load_workbook(nv.path)["Thể chế"]
    rows = [[c.value for c in r[:3]] for r in ws.iter_rows(min_row=5)]
    at = rows.index([None, "6", "Nâng cao chất lượng xây dựng văn bản"])
    assert rows[at + 1] == ["TC-06-2", "6.2", "Nội dung nhiệm vụ con 6.2"]
    assert rows[at + 2][0] == "TC-06-2.2"
    tp = next(f for f in result.files if f.unit_code == "TP")
    assert ["TC-06-1", "6.1", "Nội dung nhiệm vụ con 6.1"] in [
        [c.value for c in r[:3]] for r in load_workbook(tp.path)["Thể chế"].iter_rows()]

    ws = load_workbook(write_appendix(master, tmp_path / "pl.xlsx"))["Thể chế"]
    cells = [[c.value for c in r[:4]] for r in ws.iter_rows()]
    at = cells.index(["6", "Nâng cao chất lượng xây dựng văn bản", None, None])
    assert cells[at + 1][:3] == ["6.1", "Nội dung nhiệm vụ con 6.1", "Sản phẩm 6.1"]
    assert ws.cell(at + 1, 2).font.b


def test_a_sub_task_number_with_no_task_above_is_told_in_the_plans_own_codes(
        tmp_path: Path) -> None:
    """A ward's plan numbering "2.1", "2.2" with no task "2", and "a)" under a task with
    work of its own: the check said "đặt mã dạng TTHC-06-1 và thêm dòng tiêu đề TTHC-06"
    for each, a task 6 the plan does not have (a QA pass). Now each row is told its own
    code, under the heading its number names."""
    from test_import_tables import HEAD, plan_docx

    from cchc_xl.plan_import import import_plan

    rows = [HEAD, ["I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", None, None, None, None, None],
            ["1", "Rà soát TTHC", "Báo cáo", "Văn phòng HĐND và UBND", "", "Quý II/2026"],
            ["2.1", "Công khai TTHC", "Báo cáo", "Phòng Văn hóa - Xã hội", "", "Quý III/2026"],
            ["2.2", "Số hóa hồ sơ", "Báo cáo", "Phòng Kinh tế", "", "Quý III/2026"],
            ["3", "Tiếp nhận hồ sơ", "Báo cáo", "Phòng Kinh tế", "", "Quý III/2026"],
            ["a)", "Trả kết quả", "Báo cáo", "Phòng Kinh tế", "", "Quý IV/2026"]]
    docx = plan_docx(tmp_path / "kh.docx", (rows, [(1, 0, 1, 5)]),
                     lines=("ỦY BAN NHÂN DÂN PHƯỜNG HẠC THÀNH",
                            "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"))
    written = import_plan(docx, tmp_path / "master.xlsx").path
    said = [(f.cell, f.message) for f in check_master(written)
            if f.code == "number-looks-subtask"]
    assert said == [
        ("B7", "TT '2.1' là số của nhiệm vụ con nhưng mã 'TTHC-02' là nhiệm vụ độc lập: đặt mã "
               "TTHC-02-1 và thêm dòng tiêu đề mã TTHC-02 (chỉ có TT '2' và nội dung) phía trên"),
        ("B8", "TT '2.2' là số của nhiệm vụ con nhưng mã 'TTHC-03' là nhiệm vụ độc lập: đặt mã "
               "TTHC-02-2 (nhiệm vụ con tiếp theo dưới dòng tiêu đề TTHC-02)"),
        ("B10", "TT 'a)' là số của nhiệm vụ con nhưng mã 'TTHC-05' là nhiệm vụ độc lập: đặt mã "
                "TTHC-04-1 và để dòng TTHC-04 (TT '3') làm dòng tiêu đề: chỉ giữ TT và nội "
                "dung, chuyển sản phẩm, đơn vị, thời hạn xuống một nhiệm vụ con")]
