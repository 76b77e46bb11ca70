"""A commune's plan amended mid-year by a document (văn bản sửa đổi, bổ sung) imported
with --units the plan in use, as the guide says: task 5 dropped, the tasks after it
numbered again, a task added at the end. Ids were made from the new numbers, so task 6
took id TC-05 and the added task TC-06: the Công an's "done" on "Công khai thủ tục hành
chính" was filled into its next file on the added task, and its own task came blank (a
QA pass). Each task now keeps its id; the added one gets an id never given."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from test_plan_amended import CA, KT, QS, VP, _done, _fill, _run

from cchc_xl import assignment as A
from support.clock import set_clock
from support.plans import plan_document

HEADER = ("TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
          "Thời gian hoàn thành")
FIRST = [("1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo rà soát", VP, KT, "Quý IV/2026"),
         ("2", "Diễn tập phòng thủ", "Báo cáo diễn tập", QS, "", "Quý III/2026"),
         ("3", "Công khai thủ tục hành chính", "Danh mục công khai", CA, "", "Quý IV/2026")]
AMENDED = [FIRST[0], ("2", *FIRST[2][1:]),
           ("3", "Triển khai Chỉ thị số 05/CT-UBND về chuyển đổi số", "Báo cáo triển khai",
            CA, "", "Quý IV/2026")]


def _document(path: Path, title: str, rows: list[tuple]) -> Path:
    return plan_document(path, "PHƯỜNG HẠC THÀNH", title,
                         [HEADER, ("I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""), *rows])


def _rows(folder: Path, unit: str) -> dict[str, tuple]:
    """The unit's file: each task's content -> (id, status, evidence) as given."""
    (path,) = folder.glob(f"{unit}-*.xlsx")
    (ws,) = [ws for ws in load_workbook(path).worksheets
             if A.COL_ID in [c.value for c in ws[A.HEADER_ROW]]]
    header = [c.value for c in ws[A.HEADER_ROW]]
    col = {name: i for i, name in enumerate(header) if name}
    return {row[col["Nội dung nhiệm vụ"]]: (row[col[A.COL_ID]], row[col[A.COL_STATUS]],
                                            row[col[A.COL_EVIDENCE]])
            for row in ws.iter_rows(min_row=A.HEADER_ROW + 1, values_only=True)
            if row[col[A.COL_ID]]}


def test_an_amendment_imported_keeps_each_task_s_id(tmp_path: Path, monkeypatch) -> None:
    set_clock(monkeypatch, date(2026, 1, 12))
    plan = tmp_path / "ke-hoach.xlsx"
    _run("import", _document(tmp_path / "kh.docx", "Cải cách hành chính năm 2026", FIRST),
         "--out", plan)
    set_clock(monkeypatch, date(2026, 6, 1))
    _run("split", plan, "--period", "6T", "--out", tmp_path / "giao-6t")
    _fill(tmp_path / "giao-6t", tmp_path / "nhan-6t", {("CA", "TC-03"): _done(date(2026, 5, 4))},
          datetime(2026, 6, 16, 9))
    set_clock(monkeypatch, date(2026, 6, 18))
    _run("merge", plan, tmp_path / "nhan-6t", "--period", "6T", "--out",
         tmp_path / "th-6t.xlsx", "--received", "18/06/2026")
    set_clock(monkeypatch, date(2026, 7, 10))
    amendment = _document(tmp_path / "kh-sua.docx", "Sửa đổi, bổ sung Kế hoạch cải cách hành "
                          "chính năm 2026", AMENDED)
    said = _run("import", amendment, "--out", tmp_path / "ke-hoach-sua.xlsx", "--units", plan)
    assert ("1 nhiệm vụ đổi số thứ tự giữ mã của bảng kế hoạch đang dùng (số 2: TC-03); 1 "
            "nhiệm vụ thêm vào có mã mới, không trùng mã nhiệm vụ nào đã có (số 3: TC-04)"
            ) in said
    set_clock(monkeypatch, date(2026, 9, 1))
    _run("split", tmp_path / "ke-hoach-sua.xlsx", "--period", "9T", "--out",
         tmp_path / "giao-9t", "--ledger", tmp_path / "cchc-ledger.sqlite")
    ca = _rows(tmp_path / "giao-9t", "CA")
    assert ca["Công khai thủ tục hành chính"] == ("TC-03", "Đã hoàn thành",
                                                  "Báo cáo số 1/BC-UBND")
    assert ca["Triển khai Chỉ thị số 05/CT-UBND về chuyển đổi số"] == ("TC-04", None, None)


def test_an_amendment_imported_keeps_the_plan_s_periods(tmp_path: Path, monkeypatch) -> None:
    """The office's periods ("Kỳ báo cáo": a 10-month period added, 9 tháng due on 25/09)
    were put back to the defaults by the amendment imported: the 10-month files merged
    into no period, and units sending their 9-month file on 23/09 were late."""
    set_clock(monkeypatch, date(2026, 1, 12))
    plan = tmp_path / "ke-hoach.xlsx"
    _run("import", _document(tmp_path / "kh.docx", "Cải cách hành chính năm 2026", FIRST),
         "--out", plan)
    wb = load_workbook(plan)
    ws = wb["Kỳ báo cáo"]
    row = next(r for r in range(2, 7) if ws.cell(r, 1).value == "9T")
    ws.cell(row, 5).value = datetime(2026, 9, 25)
    for col, value in enumerate(["T10", "10 tháng năm 2026", datetime(2025, 12, 15),
                                 datetime(2026, 10, 14), datetime(2026, 10, 20)], start=1):
        ws.cell(7, col).value = value
    wb.save(plan)
    set_clock(monkeypatch, date(2026, 7, 10))
    amended = tmp_path / "ke-hoach-sua.xlsx"
    _run("import", _document(tmp_path / "kh-sua.docx", "Sửa đổi, bổ sung Kế hoạch cải cách "
                             "hành chính năm 2026", AMENDED), "--out", amended, "--units", plan)
    set_clock(monkeypatch, date(2026, 9, 1))
    assert "chậm nhất ngày 25/09/2026" in _run("split", amended, "--period", "9T", "--out",
                                               tmp_path / "giao-9t")
    assert "chậm nhất ngày 20/10/2026" in _run("split", amended, "--period", "T10", "--out",
                                               tmp_path / "giao-t10")


def test_an_amendment_s_note_counts_the_tasks_it_does_not_name_as_tasks(tmp_path: Path
                                                                         ) -> None:
    """Eight tasks numbered again keep their ids: the note named five and counted the rest
    "và 3 đơn vị khác" (a QA pass of amendments made at random). They are tasks."""
    from cchc_xl.plan_import import import_plan

    rows = [(str(k), f"Rà soát thủ tục hành chính lĩnh vực số {k}", "Báo cáo", VP, "",
             "Quý IV/2026") for k in range(1, 10)]
    plan = tmp_path / "ke-hoach.xlsx"
    import_plan(_document(tmp_path / "kh.docx", "Cải cách hành chính năm 2026", rows), plan)
    amended = [(str(k), *row[1:]) for k, row in enumerate(rows[1:], start=1)]
    result = import_plan(_document(tmp_path / "kh-sua.docx", "Sửa đổi, bổ sung Kế hoạch cải "
                                   "cách hành chính năm 2026", amended),
                         tmp_path / "ke-hoach-sua.xlsx", units=plan)
    (note,) = [f for f in result.findings if f.code == "import-kept-ids"]
    assert ("8 nhiệm vụ đổi số thứ tự giữ mã của bảng kế hoạch đang dùng (số 1: TC-02; số 2: "
            "TC-03; số 3: TC-04; số 4: TC-05; số 5: TC-06 và 3 nhiệm vụ khác)") in note.message


def test_a_task_corrected_and_numbered_again_keeps_its_id(tmp_path: Path) -> None:
    """Task 2 dropped, task 3's content corrected ("… năm 2026") and numbered 2: it kept
    its id only where its number stayed, so it was given a new one, said to be added, and
    the units' answers to it went nowhere (a QA pass of amendments made at random). A task
    keeps the id of the one it nearly is, wherever it stands; the note names it, for the
    office to check it is no other task put in its place."""
    from cchc_xl.plan_import import import_plan

    plan = tmp_path / "ke-hoach.xlsx"
    import_plan(_document(tmp_path / "kh.docx", "Cải cách hành chính năm 2026", FIRST), plan)
    amended = [FIRST[0], ("2", "Công khai thủ tục hành chính năm 2026", *FIRST[2][2:]),
               AMENDED[2]]
    result = import_plan(_document(tmp_path / "kh-sua.docx", "Sửa đổi, bổ sung Kế hoạch cải "
                                   "cách hành chính năm 2026", amended),
                         tmp_path / "ke-hoach-sua.xlsx", units=plan)
    assert [(t.id, t.content) for t in result.master.tasks()] == [
        ("TC-01", FIRST[0][1]), ("TC-03", "Công khai thủ tục hành chính năm 2026"),
        ("TC-04", AMENDED[2][1])]
    (note,) = [f for f in result.findings if f.code == "import-kept-ids"]
    assert ("1 nhiệm vụ sửa vài chữ của nội dung, giữ mã (xem lại: nếu là nhiệm vụ khác thay "
            "nhiệm vụ cũ, đổi mã): TC-03: 'Công khai thủ tục hành chính' thành 'Công khai thủ "
            "tục hành chính năm 2026'") in note.message
    assert "1 nhiệm vụ thêm vào có mã mới, không trùng mã nhiệm vụ nào đã có (số 3: TC-04)" \
        in note.message
