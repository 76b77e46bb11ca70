"""A plan amended mid-year by a document of its own number and date ("Kế hoạch sửa đổi,
bổ sung Kế hoạch số 12/KH-UBND …", số 85/KH-UBND ngày 10/7/2026), imported with --units
the plan in use. Its title and number became the plan's: the Word report opened "Thực
hiện Kế hoạch sửa đổi, bổ sung Kế hoạch số 12/KH-UBND … (số 85/KH-UBND ngày 10/07/2026)"
as if the amendment were the plan (a QA pass). The plan keeps its title, number and
date; the report and letters cite it, and that it was amended. A plan issued anew in
its place ("thay thế") is the plan, and the note says so."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from test_docx import texts
from test_import_amendment import FIRST, HEADER
from test_plan_amended import _done, _fill, _run

from support.clock import set_clock
from support.plans import plan_document

AMENDED = [FIRST[0], ("2", *FIRST[2][1:])]
TITLE = ("Sửa đổi, bổ sung Kế hoạch số 12/KH-UBND ngày 15/01/2026 của UBND phường Hạc "
         "Thành về cải cách hành chính năm 2026")


def _document(path: Path, title: str, rows: list[tuple], number: str, dated: str) -> Path:
    return plan_document(path, "PHƯỜNG HẠC THÀNH", title,
                         [HEADER, ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""), *rows],
                         number=number, dated=f"Hạc Thành, ngày {dated}")


def _plan_sheet(path: Path) -> dict[str, object]:
    ws = load_workbook(path)["Kế hoạch"]
    return {row[0]: row[1] for row in ws.iter_rows(min_row=2, max_col=2, values_only=True)}


def _plan_in_use(folder: Path, monkeypatch) -> Path:
    set_clock(monkeypatch, date(2026, 1, 15))
    plan = folder / "ke-hoach.xlsx"
    _run("import", _document(folder / "kh.docx", "Cải cách hành chính năm 2026", FIRST,
                             "12/KH-UBND", "15 tháng 01 năm 2026"), "--out", plan)
    return plan


def test_an_amendment_keeps_the_plan_cited_and_records_itself(tmp_path: Path,
                                                              monkeypatch) -> None:
    plan = _plan_in_use(tmp_path, monkeypatch)
    set_clock(monkeypatch, date(2026, 7, 10))
    amended = tmp_path / "ke-hoach-sua.xlsx"
    said = _run("import", _document(tmp_path / "kh-sua.docx", TITLE, AMENDED, "85/KH-UBND",
                                    "10 tháng 7 năm 2026"), "--out", amended, "--units", plan)
    said = " ".join(said.split())
    assert ("tên, số, ngày ban hành giữ theo Kế hoạch số 12/KH-UBND ngày 15/01/2026, ghi 'Kế "
            "hoạch số 85/KH-UBND ngày 10/07/2026' ở ô 'Sửa đổi, bổ sung tại'") in said
    sheet = _plan_sheet(amended)
    assert (sheet["Tên kế hoạch"], sheet["Số, ký hiệu"], sheet["Ngày ban hành"]) == (
        "Kế hoạch cải cách hành chính năm 2026", "12/KH-UBND", datetime(2026, 1, 15))
    assert sheet["Sửa đổi, bổ sung tại"] == "Kế hoạch số 85/KH-UBND ngày 10/07/2026"

    set_clock(monkeypatch, date(2026, 9, 1))
    _run("split", amended, "--period", "9T", "--out", tmp_path / "giao-9t")
    (given,) = (tmp_path / "giao-9t").glob("CA-*.xlsx")
    guide = [v.replace("\n", " ")  # the plan's line is written in two lines
             for row in load_workbook(given)["Hướng dẫn"].iter_rows(values_only=True)
             for v in row if isinstance(v, str)]
    assert ("Kế hoạch cải cách hành chính năm 2026 (số 12/KH-UBND ngày 15/01/2026; sửa đổi, bổ "
            "sung tại Kế hoạch số 85/KH-UBND ngày 10/07/2026) của Ủy ban nhân dân phường Hạc "
            "Thành") in guide
    _fill(tmp_path / "giao-9t", tmp_path / "nhan-9t", {("CA", "TC-03"): _done(date(2026, 8, 4))},
          datetime(2026, 9, 16, 9))
    set_clock(monkeypatch, date(2026, 9, 25))
    merged = tmp_path / "th-9t.xlsx"
    _run("merge", amended, tmp_path / "nhan-9t", "--period", "9T", "--out", merged)
    _run("report", merged, "--out", tmp_path / "bc.xlsx", "--docx", tmp_path / "bc.docx")
    cited = ("Thực hiện Kế hoạch cải cách hành chính năm 2026 (số 12/KH-UBND ngày 15/01/2026; "
             "sửa đổi, bổ sung tại Kế hoạch số 85/KH-UBND ngày 10/07/2026), Ủy ban nhân dân "
             "phường Hạc Thành báo cáo kết quả thực hiện")
    assert any(t.startswith(cited) for t in texts(Document(tmp_path / "bc.docx")))
    _run("remind", merged, "--out", tmp_path / "cv.docx")
    assert any(t.startswith("Thực hiện Kế hoạch cải cách hành chính năm 2026 (sửa đổi, bổ sung "
                            "tại Kế hoạch số 85/KH-UBND ngày 10/07/2026), Ủy ban nhân dân")
               for t in texts(Document(tmp_path / "cv.docx")))

    set_clock(monkeypatch, date(2026, 10, 2))  # amended again: both cited, oldest first
    again = tmp_path / "ke-hoach-sua-2.xlsx"
    _run("import", _document(tmp_path / "kh-sua-2.docx", TITLE, AMENDED[:1], "120/KH-UBND",
                             "01 tháng 10 năm 2026"), "--out", again, "--units", amended)
    assert _plan_sheet(again)["Sửa đổi, bổ sung tại"] == (
        "Kế hoạch số 85/KH-UBND ngày 10/07/2026\nKế hoạch số 120/KH-UBND ngày 01/10/2026")


def test_a_plan_issued_in_the_place_of_the_plan_in_use_is_the_plan(tmp_path: Path,
                                                                   monkeypatch) -> None:
    plan = _plan_in_use(tmp_path, monkeypatch)
    set_clock(monkeypatch, date(2026, 7, 10))
    anew = tmp_path / "ke-hoach-moi.xlsx"
    said = _run("import", _document(
        tmp_path / "kh-moi.docx", "Cải cách hành chính năm 2026 (thay thế Kế hoạch số "
        "12/KH-UBND ngày 15/01/2026)", AMENDED, "90/KH-UBND", "10 tháng 7 năm 2026"),
        "--out", anew, "--units", plan)
    assert ("văn bản số 90/KH-UBND ghi thay thế kế hoạch đang dùng (Kế hoạch số 12/KH-UBND "
            "ngày 15/01/2026) nên được nhập là kế hoạch thay thế: báo cáo, công văn trích dẫn "
            "Kế hoạch số 90/KH-UBND ngày 10/07/2026") in " ".join(said.split())
    sheet = _plan_sheet(anew)
    assert (sheet["Số, ký hiệu"], sheet["Ngày ban hành"]) == ("90/KH-UBND",
                                                              datetime(2026, 7, 10))
    assert sheet["Sửa đổi, bổ sung tại"] is None


def test_an_amendment_of_another_plan_is_warned(tmp_path: Path, monkeypatch) -> None:
    """The unit list given is another plan's (the office's plan on digital transformation,
    amended; the CCHC plan given by mistake): said, as its tasks would keep that one's ids."""
    plan = _plan_in_use(tmp_path, monkeypatch)
    said = _run("import", _document(tmp_path / "kh-sua.docx", TITLE.replace("12/KH", "30/KH"),
                                    AMENDED, "85/KH-UBND", "10 tháng 7 năm 2026"),
                "--out", tmp_path / "ke-hoach-sua.xlsx", "--units", plan)
    assert ("văn bản sửa đổi, bổ sung Kế hoạch số 30/KH-UBND, không phải kế hoạch đang dùng "
            "(số 12/KH-UBND)") in " ".join(said.split())


def test_an_amendment_imported_alone_is_warned(tmp_path: Path, monkeypatch) -> None:
    """Imported over the plan in use (--force) with no --units, an amendment became the
    plan without a word: its title and number the plan's, its tasks' ids made from its
    own numbers (task 2 took TC-02, "Diễn tập phòng thủ"'s), the periods the defaults."""
    from cchc_xl.web.wording import for_browser

    plan = _plan_in_use(tmp_path, monkeypatch)
    said = " ".join(_run("import", _document(tmp_path / "kh-sua.docx", TITLE, AMENDED,
                                             "85/KH-UBND", "10 tháng 7 năm 2026"),
                         "--out", plan, "--force").split())
    warned = next(line for line in said.split("[") if "nhập như một kế hoạch riêng" in line)
    assert ("được nhập như một kế hoạch riêng vì không kèm bảng kế hoạch đang dùng: tên, số, "
            "ngày của văn bản thành của kế hoạch, mã nhiệm vụ theo số thứ tự của văn bản") in warned
    assert "(bảng kế hoạch đang dùng đã bị ghi đè: lấy lại từ bản sao lưu" in warned
    assert warned.startswith("Cảnh báo]")
    assert ("nhập lại và chọn 'Lấy danh sách đơn vị, nhóm, tên gọi khác từ bảng kế hoạch đang "
            "dùng'") in for_browser(warned) and "--units" not in for_browser(warned)
