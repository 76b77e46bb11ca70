"""What the reminder letter and its CSV tell a unit after the office's verdicts: a row's
problem taken off only by "Đạt", late units, refused rows, leads that sent nothing."""

from __future__ import annotations

from datetime import date

import pytest
from test_figures import done, word_text

from cchc_xl import assignment as A
from cchc_xl.merge import merge_returns
from cchc_xl.report.docx import write_docx
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import DONE, NOT_STARTED
from make_sample_returns import fill_return
from support.counting import _Office


def _reminded(office: _Office, code: str, unit: str):
    """The reminder letter's entry for ``unit`` in the period, or None."""
    from cchc_xl.letters.remind import reminders

    snapshot = load_snapshot(office.db, code)
    return next((r for r in reminders(summarize(snapshot), snapshot) if r.unit.code == unit),
                None)


@pytest.mark.parametrize("verdict, asked", [("Đạt", False), ("Chưa đạt", True)])
def test_only_the_offices_dat_takes_a_rows_problem_off_the_letter(tmp_path, verdict,
                                                                 asked) -> None:
    """Done without evidence (an error): judged "Đạt", the unit is not asked to fix it;
    judged "Chưa đạt", it still is."""
    office = _Office(tmp_path)
    office.send("Q1", {"TP": {"TC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
                                        A.COL_DONE_ON: date(2023, 3, 2)}}})
    assert "TC-02" in [f.task for f in _reminded(office, "Q1", "TP").items]
    office.judge("Q1", "TP", "TC-02", verdict)
    reminded = _reminded(office, "Q1", "TP")
    assert ("TC-02" in [f.task for f in reminded.items] if reminded else False) == asked


def test_a_late_unit_is_also_told_what_to_fix(tmp_path) -> None:
    from cchc_xl.vocab import RETURN_LATE

    office = _Office(tmp_path)
    split = office.split("Q1")
    fill_return(split["TP"], tmp_path / "Q1" / "TP.xlsx", {"TC-02": {
        A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: date(2023, 3, 2)}})
    merge_returns(office.master, [tmp_path / "Q1"], "Q1", office.out / "Q1.xlsx",
                  received=date(2023, 3, 25))  # due 20/03
    reminded = _reminded(office, "Q1", "TP")
    assert (reminded.status, reminded.days_late) == (RETURN_LATE, 5)
    assert "TC-02" in [f.task for f in reminded.items]
    assert reminded.status_text == f"Gửi muộn 5 ngày; {len(reminded.items)} nội dung cần sửa"
    assert reminded.todo().startswith("Sửa các nội dung sau rồi gửi lại: ")


def test_the_reminder_csv_names_a_refused_row_without_a_cell_by_its_task(tmp_path) -> None:
    """The plan made NV a lead of TC-02 after NV's file was issued: the file has no row
    for it, and the office judged NV's row "Chưa đạt" in the consolidated workbook. The
    mail-merge CSV's "Việc cần làm" named it "nhiệm vụ TC-02", a code the unit sees
    nowhere (a QA pass); it names the task as the unit knows it, with its sheet, as the
    other items name their sheet and cell."""
    import csv

    from test_figures import figures_master

    from cchc_xl.letters.remind import write_reminders
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    office = _Office(tmp_path)
    split = office.split("Q1")
    fill_return(split["NV"], tmp_path / "Q1" / "NV.xlsx", {"TC-01": done(date(2023, 3, 10))})
    changed = figures_master()
    tc02 = changed.areas[0].tasks[1].deliverables[0]
    tc02.lead.append("NV")
    tc02.lead_text = "Phòng Tư pháp, Phòng Nội vụ"
    office.master = load_master(write_master(changed, tmp_path / "ke-hoach-moi.xlsx"))
    merge_returns(office.master, [tmp_path / "Q1"], "Q1", office.out / "Q1.xlsx")
    office.judge("Q1", "NV", "TC-02", "Chưa đạt: thiếu văn bản")
    listing = tmp_path / "nhac.csv"
    write_reminders(office.db, "Q1", tmp_path / "nhac.docx", list_out=listing)
    (todo,) = [r["Việc cần làm"] for r in csv.DictReader(
        listing.read_text(encoding="utf-8-sig").splitlines()) if r["Mã đơn vị"] == "NV"]
    # An error: named first, before the unit's warnings (rows left blank).
    assert todo.startswith(
        "Sửa các nội dung sau rồi gửi lại: trang 'Thể chế', nhiệm vụ 'Kiểm tra văn bản': cơ "
        "quan tổng hợp đánh giá Chưa đạt (thiếu văn bản): bổ sung, hoàn thiện kết quả rồi báo "
        "cáo lại; "), todo
    assert "TC-02" not in todo


def test_the_offices_chua_dat_reaches_the_unit_in_the_reminder_letter(tmp_path) -> None:
    """The office judged NV's "done" of TC-01 "Chưa đạt: chưa đăng trên cổng thông tin":
    the remark reached the unit nowhere, neither feedback nor reminder (a probe). The
    letter lists it among the unit's items, with the note, to complete."""
    office = _Office(tmp_path)
    office.send("Q1", {"NV": {"TC-01": done(date(2023, 3, 10))}})
    before = _reminded(office, "Q1", "NV")  # its rows left blank: asked to fill them
    assert "TC-01" not in [f.task for f in before.items]
    office.judge("Q1", "NV", "TC-01", "Chưa đạt: chưa đăng trên cổng thông tin")
    reminded = _reminded(office, "Q1", "NV")
    # An error, listed before the unit's warnings (its rows left blank), as its feedback
    # file lists them.
    assert reminded.items[1:] == before.items
    item = reminded.items[0]
    assert (item.code, item.task) == ("assessed-not-passed", "TC-01")
    assert item.message == ("cơ quan tổng hợp đánh giá Chưa đạt (chưa đăng trên cổng thông "
                            "tin): bổ sung, hoàn thiện kết quả rồi báo cáo lại")
    from cchc_xl.letters.remind import _where  # how the letter's CSV names where to act

    assert _where(item) == "trang 'Thể chế', ô H5: "  # the row's status
    # The unit's feedback file says it too, on that cell, as the letter says it does (a
    # QA pass: a unit with only the office's Chưa đạt to act on got no feedback file).
    from openpyxl import load_workbook

    folder = tmp_path / "phan-hoi"
    merge_returns(office.master, [tmp_path / "Q1"], "Q1", office.out / "Q1.xlsx",
                  feedback_dir=folder)
    (fed_back,) = [p for p in folder.iterdir() if p.name.startswith("NV")]
    wb = load_workbook(fed_back)
    listed = [(r[4].value, r[5].value, r[1].value) for r in wb["Phản hồi"].iter_rows()
              if r[4].value == "TC-01"]
    assert listed == [("TC-01", "Đánh giá", "Cơ quan tổng hợp đánh giá Chưa đạt (chưa đăng "
                       "trên cổng thông tin): bổ sung, hoàn thiện kết quả rồi báo cáo lại")]
    # Its heading counts the office's Chưa đạt as what it is, no error in the unit's file
    # (it said "còn 1 lỗi phải sửa" over a list whose one item is marked "Đánh giá": a
    # commune's QA pass).
    said = [c.value for row in wb["Phản hồi"].iter_rows(max_row=8) for c in row
            if isinstance(c.value, str) and c.value.startswith("Tệp được nhận")]
    assert said == ["Tệp được nhận; còn 1 nội dung cơ quan tổng hợp đánh giá chưa đạt cần bổ "
                    "sung và 3 cảnh báo cần xem lại."], said
    marked = wb["Thể chế"]["H5"]
    assert marked.value == DONE and "[Đánh giá] cơ quan tổng hợp đánh giá Chưa đạt" in (
        marked.comment.text)
    office.judge("Q1", "NV", "TC-01", "Đạt")  # judged again: no longer asked
    assert "TC-01" not in [f.task for f in _reminded(office, "Q1", "NV").items]


def test_a_task_not_started_names_the_leads_that_sent_nothing_too(tmp_path) -> None:
    """TTHC-01 is led by Xã Một and Xã Hai. Xã Một reported it "Chưa thực hiện" and Xã
    Hai sent nothing: the Word report's "Chưa thực hiện" line named Xã Một alone, while
    its Phụ lục listed both (a QA pass). Both are named, each for what it did, as the
    line of tasks past their deadline names them."""
    office = _Office(tmp_path)
    office.send("Q1", {"X1": {"TTHC-01": {A.COL_STATUS: NOT_STARTED, A.COL_PERCENT: 0}}})
    assert office.task("Q1", "TTHC-01").status == NOT_STARTED
    paragraphs, _ = word_text(write_docx(summarize(load_snapshot(office.db, "Q1")),
                                         tmp_path / "bao-cao.docx"))
    (line,) = [p for p in paragraphs if p.startswith("Chưa thực hiện:")
               and "Một cửa ở xã" in p]
    assert "Một cửa ở xã (chủ trì: Xã Một; chưa có báo cáo: Xã Hai)" in line, line
