"""A unit's file filled in from the ledger (split --ledger) says what the earlier
period's feedback file said of the answer it fills in: an error the unit left in it
(docs/unit-file.md), on the cell it is about, and a line in the guide."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from test_figures import EVIDENCE, done

from cchc_xl import assignment as A
from cchc_xl.assignment import GUIDE_SHEET
from cchc_xl.vocab import DONE, IN_PROGRESS
from support.counting import _Office

NO_DATE = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_EVIDENCE: EVIDENCE}
# As the 6-month feedback file said it (the evidence names a day: shown, to copy).
DATE_ERROR = ("[Lỗi] Kỳ trước, trạng thái 'Đã hoàn thành' cần ngày hoàn thành: ghi ngày "
              "dạng ngày/tháng/năm (tài liệu kiểm chứng ghi ngày 05/01/2023: nếu là ngày "
              "hoàn thành thì ghi vào cột 'Ngày hoàn thành')")
GUIDE_LINE = ("1 dòng trong số đó có lỗi ở báo cáo kỳ trước mà đơn vị chưa sửa: lỗi và "
              "cách sửa ghi ở chú thích của ô có lỗi")


def _nine_months(office: _Office) -> tuple[dict, dict, str]:
    """NV's 9-month file split --ledger: its comments by (sheet, cell), each with the
    cell's value; its task sheet's values by cell; its guide's text."""
    wb = load_workbook(office.split("9T", ledger=True)["NV"])
    comments = {(ws.title, c.coordinate): (c.value, c.comment.text) for ws in wb.worksheets
                for row in ws.iter_rows() for c in row if c.comment}
    cells = {c.coordinate: c.value for row in wb["Thể chế"].iter_rows() for c in row}
    guide = " ".join(str(v) for row in wb[GUIDE_SHEET].iter_rows(values_only=True)
                     for v in row if v)
    return comments, cells, guide


@pytest.mark.parametrize("then", ["no date", "dated", "judged Đạt"])
def test_a_file_filled_in_from_the_ledger_points_to_the_error_it_still_has(tmp_path,
                                                                          then) -> None:
    """At six months NV reported TC-01 "Đã hoàn thành" without a completion date: an
    error its feedback file marked. The 9-month file split --ledger filled the row in as
    it was, saying nothing of it, and the same error came back (a QA pass). The row is
    filled in, its empty date cell says the error as the feedback file worded it, and
    the guide counts it; a row answered without error (TTHC-03, TC-01 dated) says
    nothing, nor one the office judged Đạt since (it settled the row)."""
    office = _Office(tmp_path)
    answer = done(date(2023, 3, 10)) if then == "dated" else NO_DATE
    office.send("6T", {"NV": {"TC-01": answer,
                              "TTHC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 30,
                                          A.COL_EVIDENCE: EVIDENCE}}})
    if then == "judged Đạt":
        office.judge("6T", "NV", "TC-01", "Đạt")
    comments, cells, guide = _nine_months(office)
    # Row 5: TC-01, filled in as NV sent it (H: status, J: completion date).
    assert cells["H5"] == DONE and cells["I5"] == 100
    assert "dòng đã được điền sẵn theo báo cáo các kỳ trước" in guide
    if then != "no date":
        assert comments == {}
        assert "có lỗi ở báo cáo kỳ trước" not in guide
        return
    assert cells["J5"] is None
    assert comments == {("Thể chế", "J5"): (None, DATE_ERROR)}
    assert GUIDE_LINE in guide
    assert '"[Lỗi] Kỳ trước"' in guide


def test_an_error_and_a_chua_dat_on_one_row_are_both_said(tmp_path) -> None:
    """NV's "done" of TC-01 without a date, judged Chưa đạt too: the status cell says
    the verdict, the date cell the error; the guide counts the row under both."""
    office = _Office(tmp_path)
    office.send("6T", {"NV": {"TC-01": {**NO_DATE, A.COL_PERCENT: 90}}})
    office.judge("6T", "NV", "TC-01", "Chưa đạt: chưa có sản phẩm")
    comments, _, guide = _nine_months(office)
    assert comments == {
        ("Thể chế", "H5"): (DONE, "[Đánh giá] Kỳ trước, cơ quan tổng hợp đánh giá Chưa đạt "
                                  "(chưa có sản phẩm): bổ sung, hoàn thiện kết quả rồi báo "
                                  "cáo lại"),
        ("Thể chế", "I5"): (90, "[Lỗi] Kỳ trước, trạng thái 'Đã hoàn thành' nhưng tỷ lệ là "
                                "90%: ghi 100, hoặc đổi trạng thái thành 'Đang thực hiện'"),
        ("Thể chế", "J5"): (None, DATE_ERROR)}
    assert GUIDE_LINE in guide
    assert '1 dòng trong số đó có kết quả cơ quan tổng hợp đã đánh giá "Chưa đạt"' in guide
