"""Files as reviewers returned them: copied sheets, charts, the guide edited, headers
retyped, columns taken out, and rows judged as the plan says (coordinators, recurring work)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from cchc_xl import assignment as A
from cchc_xl.consolidated.write import ROWS_SHEET
from cchc_xl.feedback import (
    FEEDBACK_SHEET,
    REFILL_STEPS,
    STEPS,
)
from cchc_xl.merge import merge_returns
from cchc_xl.vocab import DONE, IN_PROGRESS
from make_sample_returns import fill_return
from support.merge import _file, _row, _rows_of, codes_of
from support.mistakes import SAVED, doing, done, ids, locate
from support.workbooks import load_workbook  # merged ranges' borders not drawn


def _copy_sheet_before(wb, title: str, copy_title: str):
    """What Excel's "Move or Copy..., Create a copy" does: the copy goes before."""
    original = wb[title]
    copy_ = wb.copy_worksheet(original)
    copy_.title = copy_title
    wb.move_sheet(copy_, offset=wb.index(original) - wb.index(copy_))
    return copy_


@pytest.fixture(scope="module")
def review_returns(tmp_path_factory, hh_master, hh_split):
    tmp = tmp_path_factory.mktemp("review")
    folder = tmp / "returns"
    x06 = ids(hh_master, "X06")

    def guide_says_x07(wb) -> None:
        wb[A.GUIDE_SHEET][A.GUIDE_UNIT_CELL] = "X07"
        wb[A.GUIDE_SHEET]["B5"] = hh_master.unit("X07").name

    fill_return(hh_split["X06"], folder / "X06.xlsx", {x06[0]: doing(30)},
                saved_at=datetime(2023, 9, 10, 9))
    fill_return(hh_split["X06"], folder / "X07-tu-tep-X06.xlsx", {x06[0]: doing(90)},
                saved_at=datetime(2023, 9, 12, 9), tweak=guide_says_x07)

    def chart_sheet(wb) -> None:
        from openpyxl.chart import BarChart, Reference

        chart = BarChart()
        chart.add_data(Reference(wb["Thể chế"], min_col=9, min_row=4, max_row=7))
        wb.create_chartsheet("Biểu đồ").add_chart(chart)

    fill_return(hh_split["VP"], folder / "VP-bieu-do.xlsx",
                {"TC-01": doing(120), "TC-02": done(date(2023, 9, 20))},
                saved_at=SAVED, tweak=chart_sheet)

    def copied_sheet(wb) -> None:
        ws = _copy_sheet_before(wb, "Thể chế", "Thể chế (2)")
        _, status = locate(hh_split["TP"], "TC-01", A.COL_STATUS)
        _, percent = locate(hh_split["TP"], "TC-01", A.COL_PERCENT)
        ws[status], ws[percent] = None, None  # the copy left blank
        ws[locate(hh_split["TP"], "TC-02", A.COL_PERCENT)[1]] = 70  # the copy says otherwise

    fill_return(hh_split["TP"], folder / "TP-sao-trang.xlsx",
                {d: doing(50) for d in ("TC-01", "TC-02", "TC-03")}, saved_at=SAVED,
                tweak=copied_sheet)

    def lower_case_id(wb) -> None:
        sheet, cell = locate(hh_split["X01"], "TC-01", A.COL_ID)
        wb[sheet][cell] = "tc-01 "

    fill_return(hh_split["X01"], folder / "X01-ma.xlsx", {"TC-01": doing(40)}, saved_at=SAVED,
                tweak=lower_case_id)

    def header_renamed(wb) -> None:
        ws = wb["Thủ tục hành chính"]
        next(c for c in ws[A.HEADER_ROW] if c.value == A.COL_STATUS).value = "Tình trạng"

    fill_return(hh_split["BPMC"], folder / "BPMC-tieu-de.xlsx",
                {d: doing(50) for d in ids(hh_master, "BPMC")}, saved_at=SAVED,
                tweak=header_renamed)
    result = merge_returns(hh_master, [folder], "9T", tmp / "out" / "o.xlsx",
                           feedback_dir=tmp / "feedback")
    return result, tmp


def test_another_units_guide_on_a_copied_file_is_rejected(review_returns, hh_master) -> None:
    result, _ = review_returns
    fake, real = _file(result, "X07-tu-tep-X06.xlsx"), _file(result, "X06.xlsx")
    assert (real["unit"], real["outcome"]) == ("X06", "accepted")
    assert (fake["unit"], fake["outcome"]) == (None, "rejected")
    [problem] = fake["problems"]
    assert (problem["severity"], problem["code"]) == ("error", "identity-guide-mismatch")
    assert "'X06'" in problem["message"] and "'X07'" in problem["message"]
    assert "gửi lại" in problem["message"]
    # The newer but rejected file replaces nothing: X06's own report stands.
    assert _rows_of(result, "X06")[ids(hh_master, "X06")[0]]["percent"] == 30
    assert "X07" in result.missing_units and "X06" not in result.missing_units
    assert result.exit_code == 1


def test_chart_sheet_does_not_make_a_file_unreadable(review_returns) -> None:
    result, tmp = review_returns
    vp = _file(result, "VP-bieu-do.xlsx")
    assert vp["outcome"] == "accepted"
    assert {p["code"] for p in vp["problems"]} == {"percent-out-of-range", "date-after-cutoff",
                                                   "row-not-filled",
                                                   "recurring-without-evidence"}
    assert _rows_of(result, "VP")["TC-02"]["status"] == DONE
    feedback = load_workbook(tmp / "feedback" / "VP-Văn-phòng-HĐND-UBND-huyện-phản-hồi.xlsx")
    assert feedback.sheetnames[0] == FEEDBACK_SHEET and "Biểu đồ" in feedback.sheetnames


def test_done_after_the_cutoff_was_not_done_at_the_cutoff(review_returns) -> None:
    result, _ = review_returns
    tc02 = _rows_of(result, "VP")["TC-02"]  # due 31/12/2023, done 20/09/2023, cut-off 14/09
    assert tc02["completed_on"] == "2023-09-20"
    assert "date-after-cutoff" in codes_of(tc02["problems"])
    assert (tc02["timeliness"], tc02["timeliness_label"]) == ("within", "Trong hạn")


def test_copied_sheet_keeps_the_filled_row(review_returns) -> None:
    result, _ = review_returns
    tp = _file(result, "TP-sao-trang.xlsx")
    duplicates = [(p["severity"], p["task"], p["sheet"]) for p in tp["problems"]
                  if p["code"] == "row-duplicate"]
    assert sorted(duplicates) == [
        ("error", "TC-02", "Thể chế"), ("error", "TC-02", "Thể chế (2)"),
        ("warning", "TC-01", "Thể chế (2)"), ("warning", "TC-03", "Thể chế")]
    for p in tp["problems"]:
        if p["code"] == "row-duplicate":
            assert "'Thể chế' dòng" in p["message"] and "'Thể chế (2)' dòng" in p["message"]
    rows = _rows_of(result, "TP")
    # Only the original has TC-01 filled; TC-03 is the same in both; TC-02 differs: none.
    assert (rows["TC-01"]["status"], rows["TC-01"]["percent"]) == (IN_PROGRESS, 50)
    assert rows["TC-03"]["percent"] == 50
    assert "TC-02" not in rows
    [error] = [p for p in tp["problems"] if p["severity"] == "error" and p["sheet"] == "Thể chế"]
    assert "không dòng nào được tổng hợp" in error["message"]


def test_ids_match_whatever_their_case_and_spaces(review_returns) -> None:
    result, _ = review_returns
    x01 = _file(result, "X01-ma.xlsx")
    codes = codes_of(x01["problems"])
    assert codes["id-normalized"] == 1
    assert not {"row-unknown-id", "row-missing"} & set(codes)
    [note] = [p for p in x01["problems"] if p["code"] == "id-normalized"]
    assert (note["severity"], note["task"]) == ("note", "TC-01") and "tc-01" in note["message"]
    assert _rows_of(result, "X01")["TC-01"]["percent"] == 40


def test_missing_header_is_reported_once_per_sheet(review_returns) -> None:
    result, _ = review_returns
    bpmc = _file(result, "BPMC-tieu-de.xlsx")
    assert [(p["code"], p["sheet"], p["cell"]) for p in bpmc["problems"]] == [
        ("missing-column", "Thủ tục hành chính", f"A{A.HEADER_ROW}")]
    assert "'Trạng thái'" in bpmc["problems"][0]["message"]
    # What to do: type the header back where it stood (not "fill the whole file again").
    assert ("nếu đã đổi tên, ghi lại đúng tiêu đề 'Trạng thái' (cột H của tệp được giao) ở "
            f"hàng {A.HEADER_ROW} rồi gửi lại") in bpmc["problems"][0]["message"]


@pytest.mark.parametrize("typed", ["Tỷ lệ (%)", "Tỷ lệ %", "tỷ lệ", "Tỷ lệ HT (%)",
                                   "Mức độ hoàn thành (%)"])
def test_a_header_retyped_the_obvious_way_still_names_its_column(hh_master, hh_split,
                                                                tmp_path, typed):
    """ "Tỷ lệ hoàn thành (%)" retyped "Tỷ lệ (%)": the column was dropped (missing-column)
    and every percentage of the sheet read as blank (a QA pass)."""
    did = ids(hh_master, "X01")[0]

    def retyped(wb) -> None:
        for ws in wb.worksheets:
            for cell in ws[A.HEADER_ROW]:
                if cell.value == A.COL_PERCENT:
                    cell.value = typed

    sent = fill_return(hh_split["X01"], tmp_path / "in" / "X01.xlsx", {did: doing(70)},
                       tweak=retyped)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (f,) = result.run_files
    assert f.outcome == "accepted"
    assert not [p for p in f.problems if p.code == "missing-column"]
    assert _row(result, "X01", did)["percent"] == 70


def test_a_row_done_in_a_file_without_its_evidence_column_is_not_counted_done(
        tmp_path, hh_master, hh_split) -> None:
    """A unit that deleted the "Tài liệu kiểm chứng" column had its rows "Đã hoàn thành"
    counted done, while the same rows with the cells left blank are "Cần xác minh" (a
    probe): deleting a column got a better result than leaving it empty."""
    x06 = ids(hh_master, "X06")

    def evidence_deleted(wb) -> None:
        for ws in wb.worksheets:
            header = [c.value for c in ws[A.HEADER_ROW]] if ws.max_row >= A.HEADER_ROW else []
            if A.COL_EVIDENCE in header:
                ws.delete_cols(header.index(A.COL_EVIDENCE) + 1)

    fill_return(hh_split["X06"], tmp_path / "in" / "X06.xlsx",
                {d: done(date(2023, 9, 5)) for d in x06}, saved_at=SAVED,
                tweak=evidence_deleted)
    result = merge_returns(hh_master, [tmp_path / "in"], "9T", tmp_path / "o.xlsx",
                           feedback_dir=tmp_path / "feedback")
    rows = _rows_of(result, "X06")
    assert set(rows) == set(x06)
    for did, row in rows.items():
        assert row["progress"] == "Cần xác minh", (did, row["progress"])
        (problem,) = [p for p in row["problems"] if p["code"] == "done-without-evidence"]
        sheet, id_cell = locate(hh_split["X06"], did, A.COL_ID)
        assert (problem["severity"], problem["sheet"], problem["cell"]) == ("error", sheet,
                                                                              id_cell)
        assert problem["message"].endswith("(tệp thiếu cột 'Tài liệu kiểm chứng')")
    assert result.figures.leads.done == 0
    # Its letter says to fill the original file again: the column cannot be put back in
    # the file sent (its steps said to fix it and send it back as it is).
    (letter,) = (tmp_path / "feedback").glob("X06-*.xlsx")
    texts = [c for row in load_workbook(letter)[FEEDBACK_SHEET].iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert REFILL_STEPS in texts and STEPS not in texts


def test_recurring_work_in_progress_without_a_percentage_is_no_problem(hh_master, hh_split,
                                                                      tmp_path):
    """Every recurring row ("Thường xuyên") in progress without a percentage was a
    warning; a dated one still is."""
    assigned = {ar.deliverable.id: ar.deliverable for ar in A.assigned_rows(hh_master, "X01")}
    recurring = next(did for did, d in assigned.items() if d.deadline.due is None)
    dated = next(did for did, d in assigned.items()
                 if d.deadline.due_at(date(2023, 9, 14)) is not None)
    sent = fill_return(hh_split["X01"], tmp_path / "in" / "X01.xlsx", {
        recurring: {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: "Báo cáo số 5/BC-UBND"},
        dated: {A.COL_STATUS: IN_PROGRESS}})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    missing = [p.task for f in result.run_files for p in f.problems
               if p.code == "percent-missing"]
    assert missing == [dated]


def test_a_coordinator_s_row_is_judged_as_a_lead_s(hh_master, hh_split, tmp_path):
    """'Tất cả dòng' said "Thực hiện đúng tiến độ" of a lead's recurring work done with
    evidence and "Cần đánh giá" of a coordinator's same answer: both are judged alike."""
    d = next(d for d in hh_master.deliverables()
             if d.deadline.due is None and d.lead and d.support
             and d.lead[0] in hh_split and d.support[0] in hh_split
             and d.lead[0] != d.support[0])
    lead, support = d.lead[0], d.support[0]
    answer = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 6, 1),
              A.COL_EVIDENCE: "Báo cáo số 12/BC-UBND ngày 01/06/2023"}
    sent = [fill_return(hh_split[u], tmp_path / "in" / f"{u}.xlsx", {d.id: answer})
            for u in (lead, support)]
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, sent, "9T", out)
    ws = load_workbook(out, read_only=True)[ROWS_SHEET]
    header = [c.value for c in next(ws.iter_rows(min_row=4, max_row=4))]
    judged = {(r[0], r[2]): r[header.index("Tiến độ")]
              for r in ws.iter_rows(min_row=5, values_only=True) if r[3] == d.id}
    assert judged == {(lead, "Chủ trì"): "Thực hiện đúng tiến độ",
                      (support, "Phối hợp"): "Thực hiện đúng tiến độ"}
