"""An amended plan naming a unit otherwise ("Bộ phận tiếp nhận và trả kết quả hiện đại
huyện" for "Bộ phận tiếp nhận và trả kết quả huyện"): the question before replacing the
plan in use said only "thêm 1 đơn vị …; không còn giao nhiệm vụ cho 1 đơn vị …", and the
unit got a new code, no pre-filled answers, its history cut. The question says they may
be one unit and how to keep its code, by how the plan came (a table uploaded, a
document imported); doing what it says keeps the code."""

from __future__ import annotations

import copy
import html
import io
import re
from pathlib import Path

import openpyxl
from starlette.testclient import TestClient

from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.model import Unit
from plan_documents import write_plan_document
from support.paths import HH_MASTER
from support.web import _client, _import_posted, _imported, _put_plan, _token, _with_master

OLD = "Bộ phận tiếp nhận và trả kết quả huyện"  # BPMC
NEW = "Bộ phận tiếp nhận và trả kết quả hiện đại huyện"
MAYBE = f"“{OLD}” (mã BPMC) và “{NEW}” (mã BPMCHD) có thể là một đơn vị đổi tên"


def _renamed() -> object:
    """The Hoằng Hóa plan naming BPMC's tasks' lead ``NEW``, a unit added (BPMCHD)."""
    master = load_master(HH_MASTER)
    now = copy.deepcopy(master)
    now.units.append(Unit("BPMCHD", NEW, "other"))
    for d in now.deliverables():
        d.lead = ["BPMCHD" if c == "BPMC" else c for c in d.lead]
        d.lead_text = d.lead_text.replace(OLD, NEW)
    return now


def _asked(client: TestClient, place: str = "/") -> str:
    """The question's sentence on what the version asked about changes."""
    page = html.unescape(client.get(place).text)
    card = page[page.index('id="thay-bang"'):]
    found = re.search(r'<p class="changes">([^<]+)</p>', card)
    return found[1] if found else ""


def _answer(client: TestClient, token: str, answer: str) -> None:
    page = html.unescape(client.get("/").text)
    held = re.search(r'name="token" value="([^"]+)"', page)[1]
    client.post("/ke-hoach/thay", data={"csrf": token, "token": held, "answer": answer})


def _units_sheet(book: bytes) -> tuple[openpyxl.Workbook, object, dict[str, int]]:
    wb = openpyxl.load_workbook(io.BytesIO(book))
    ws = wb["Đơn vị"]
    header = [c.value for c in ws[1]]
    return wb, ws, {name: header.index(name) + 1 for name in header if name}


def _row(ws, code: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)


def _leads(data: Path) -> set[str]:
    master = load_master(data / "ke-hoach.xlsx")
    return {c for d in master.deliverables() if d.id.startswith("TTHC-0") for c in d.lead}


def test_a_table_renaming_a_unit_is_asked_about_with_how_to_keep_its_code(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    table = write_master(_renamed(), tmp_path / "sửa.xlsx")
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": (table.name, table.read_bytes())}).headers["location"]
    said = _asked(client, place)
    assert MAYBE in said
    assert ("Nếu đúng là một đơn vị, để đơn vị giữ mã BPMC: bấm “Không thay, giữ bảng đang "
            f"dùng”; trong trang “Đơn vị” của tệp này, ở dòng mã BPMC ghi “{NEW}” vào cột "
            f"“Tên đơn vị”, chuyển “{OLD}” sang cột “Tên gọi khác”, xóa dòng mã BPMCHD") in said
    # As it says.
    _answer(client, token, "giu")
    wb, ws, col = _units_sheet(table.read_bytes())
    row = _row(ws, "BPMC")
    ws.cell(row, col["Tên đơn vị"]).value = NEW
    aliases = ws.cell(row, col["Tên gọi khác"])
    aliases.value = "\n".join(filter(None, [aliases.value, OLD]))
    ws.delete_rows(_row(ws, "BPMCHD"))
    wb.save(table)
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": (table.name, table.read_bytes())}).headers["location"]
    assert "có thể là một đơn vị đổi tên" not in _asked(client, place)
    _answer(client, token, "thay")
    assert "BPMC" in _leads(data) and "BPMCHD" not in _leads(data)
    assert load_master(data / "ke-hoach.xlsx").unit("BPMC").name == NEW


def test_a_document_renaming_a_unit_is_asked_about_with_how_to_keep_its_code(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    document = write_plan_document(_renamed(), tmp_path / "Kế hoạch sửa đổi.docx")
    state = _import_posted(client, token, document, {"units": "1"})
    assert state["state"] == "done", state
    said = _asked(client)
    assert re.search(f"“{OLD}” \\(mã BPMC\\) và “{NEW}” \\(mã [^)]+\\) có thể là một đơn vị "
                     "đổi tên", said), said
    assert ("Nếu đúng là một đơn vị, để đơn vị giữ mã BPMC: bấm “Không thay, giữ bảng đang "
            f"dùng”; tải bảng kế hoạch đang dùng về, ở trang “Đơn vị” ghi “{NEW}” vào cột "
            "“Tên gọi khác” của dòng mã BPMC, tải bảng lên và thay bảng đang dùng bằng bảng "
            "đó; rồi nhập lại văn bản, chọn “Lấy danh sách đơn vị, nhóm, tên gọi khác từ bảng "
            "kế hoạch đang dùng”.") in said
    # As it says.
    _answer(client, token, "giu")
    wb, ws, col = _units_sheet(client.get("/ke-hoach/tai-ve").content)
    aliases = ws.cell(_row(ws, "BPMC"), col["Tên gọi khác"])
    aliases.value = "\n".join(filter(None, [aliases.value, NEW]))
    in_use = tmp_path / "ke-hoach-dang-dung.xlsx"
    wb.save(in_use)
    _put_plan(client, data={"csrf": token},
              files={"master": (in_use.name, in_use.read_bytes())})
    assert NEW in load_master(data / "ke-hoach.xlsx").unit("BPMC").aliases
    _imported(client, token, document)
    assert "BPMC" in _leads(data)
    assert NEW not in {u.name for u in load_master(data / "ke-hoach.xlsx").units}


def test_a_table_renaming_a_unit_taken_off_its_sheet_is_told_to_give_it_the_old_code(
        tmp_path):
    """The amended table has no row of the old code left: the new row takes the old code."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    amended = _renamed()
    amended.units = [u for u in amended.units if u.code != "BPMC"]
    table = write_master(amended, tmp_path / "sửa.xlsx")
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": (table.name, table.read_bytes())}).headers["location"]
    said = _asked(client, place)
    assert MAYBE in said and (f"trong trang “Đơn vị” của tệp này, ở dòng mã BPMCHD sửa mã "
                              f"thành BPMC, ghi “{OLD}” vào cột “Tên gọi khác”") in said
    _answer(client, token, "giu")
    wb, ws, col = _units_sheet(table.read_bytes())
    row = _row(ws, "BPMCHD")
    ws.cell(row, col["Mã đơn vị"]).value = "BPMC"
    ws.cell(row, col["Tên gọi khác"]).value = OLD
    wb.save(table)
    _put_plan(client, data={"csrf": token}, files={"master": (table.name, table.read_bytes())})
    assert "BPMC" in _leads(data) and "BPMCHD" not in _leads(data)


def test_a_table_merging_two_units_into_one_is_asked_about(tmp_path):
    """Two offices merged into one of a new code (a mid-year amendment: "Phòng Nội vụ và
    Tư pháp" for the Phòng Nội vụ and the Phòng Tư pháp): the question said only "thêm 1
    đơn vị …; bỏ 2 đơn vị …", not that the new unit's file has none of their answers
    pre-filled (a QA pass)."""
    merged = "Phòng Nội vụ và Tư pháp"
    # In Excel: the two rows of the 'Đơn vị' sheet deleted, the new office added, their
    # names as its other names (the tasks' cells name it so).
    table = tmp_path / "sửa.xlsx"
    wb, ws, col = _units_sheet(HH_MASTER.read_bytes())
    for code in ("NV", "TP"):
        ws.delete_rows(_row(ws, code))
    row = ws.max_row + 1
    for name, value in (("Mã đơn vị", "NVTP"), ("Tên đơn vị", merged),
                        ("Loại", "Phòng, ban, sở, ngành"),
                        ("Tên gọi khác", "Phòng Nội vụ\nPhòng Tư pháp")):
        ws.cell(row, col[name]).value = value
    wb.save(table)
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": (table.name, table.read_bytes())}).headers["location"]
    said = _asked(client, place)
    assert (f"“Phòng Nội vụ” (mã NV) và “Phòng Tư pháp” (mã TP) có thể đã hợp nhất thành "
            f"“{merged}” (mã NVTP), mã mới là một đơn vị khác: tệp giao cho nó không điền "
            "sẵn số liệu các đơn vị cũ đã báo cáo") in said, said
    assert "có thể là một đơn vị đổi tên" not in said
