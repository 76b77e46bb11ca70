"""The Word report is signed by the body that issued the plan; when that body is also
one of the plan's units (a commune's plan naming "UBND xã" among the coordinators), the
report counts and chases the other units' reports, as the reminder letter does
(test_remind_issuer.py): it does not say that the committee has not sent its own."""

from __future__ import annotations

from datetime import date

from docx import Document
from test_figures import done

from cchc_xl.report.docx import write_docx
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from support.counting import _Office
from support.report import table_notes


def _committees_office(tmp_path) -> _Office:
    """The small counting plan issued by a commune's committee, which is also its unit NV
    ("Ủy ban nhân dân xã", leading tasks)."""
    office = _Office(tmp_path)
    office.master.plan.authority = "Ủy ban nhân dân xã Thử"
    (own,) = [u for u in office.master.units if u.code == "NV"]
    own.name, own.aliases = "Ủy ban nhân dân xã", [*own.aliases, "UBND xã"]
    return office


def test_the_committees_report_does_not_chase_the_committee(tmp_path):
    office, day = _committees_office(tmp_path), date(2023, 3, 2)
    office.send("Q1", {"TP": {"TC-02": done(day), "TTHC-02": done(day), "TTHC-04": done(day)},
                       "X1": {"TTHC-01": done(day)}})
    out = write_docx(summarize(load_snapshot(office.db, "Q1")), tmp_path / "bc.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    # Three units report to the committee: two sent on time, Xã Hai has not.
    assert "đã nhận báo cáo của 2/3 đơn vị. Chưa gửi hoặc chưa có báo cáo hợp lệ: Xã Hai." \
        in text, text
    assert "Đôn đốc 1 đơn vị chưa gửi báo cáo kỳ này." in text
    assert "Ủy ban nhân dân xã;" not in text and "Ủy ban nhân dân xã." not in text
    # Nor does the committee give work to itself: 3 units (its 2 lead rows said apart),
    # not "giao cho 4 ... đơn vị" above "2/3 đơn vị".
    assert "giao cho 3 cơ quan, đơn vị chủ trì hoặc phối hợp (Ủy ban nhân dân xã trực tiếp " \
        "chủ trì " in text, text


def test_the_committees_row_in_the_units_table_reports_to_no_one(tmp_path):
    """Phụ lục II (the Word report) and Biểu 2 (its workbook) counted the committee's
    own report: "Đã gửi 3/4" under a body that said "2/3", and its row "Chưa gửi" in
    the report it signs (a commune's year report, a QA pass). Its tasks still count."""
    from openpyxl import load_workbook

    from cchc_xl.report.xlsx import write_workbook

    office, day = _committees_office(tmp_path), date(2023, 3, 2)
    office.send("Q1", {"TP": {"TC-02": done(day), "TTHC-02": done(day), "TTHC-04": done(day)},
                       "X1": {"TTHC-01": done(day)}})
    summary = summarize(load_snapshot(office.db, "Q1"))
    doc = Document(str(write_docx(summary, tmp_path / "bc.docx")))
    (table,) = [t for t in doc.tables if "Xếp hạng" in t.rows[0].cells[0].text]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows}
    assert rows["Cộng (lượt đơn vị chủ trì)"][-1] == "Đã gửi 2/3"
    assert rows["Ủy ban nhân dân xã"][-2:] == ["", ""]
    assert rows["Ủy ban nhân dân xã"][2] != "0"  # its tasks are in the table
    book = load_workbook(write_workbook(summary, office.master, tmp_path / "bc.xlsx"))
    values = [v for ws in book.worksheets for row in ws.iter_rows(values_only=True)
              for v in row]
    assert "Đã gửi 2/3" in values and "Đã gửi 3/4" not in values


def test_the_committee_is_not_ranked_among_its_offices(tmp_path):
    """A commune's committee that leads tasks and sends its own file was "Xếp hạng 1" in
    Phụ lục II of the report it signs, tied with its offices (a QA pass); its row keeps
    its figures, unranked, and a note says why."""
    office, day = _committees_office(tmp_path), date(2023, 3, 2)
    office.send("Q1", {"TP": {"TC-02": done(day), "TTHC-02": done(day), "TTHC-04": done(day)},
                       "NV": {"TC-01": done(day), "TC-03": done(day), "TC-04": done(day),
                              "TTHC-03": done(day)}})
    doc = Document(str(write_docx(summarize(load_snapshot(office.db, "Q1")),
                                  tmp_path / "bc.docx")))
    (table,) = [t for t in doc.tables if "Xếp hạng" in t.rows[0].cells[0].text]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows}
    assert rows["Ủy ban nhân dân xã"][0] == "" and rows["Ủy ban nhân dân xã"][6] == "75,00%"
    assert rows["Phòng Tư pháp"][0] == "1"
    notes = " ".join(table_notes(table))  # in its last row and after it
    assert "Ủy ban nhân dân xã (trực tiếp chủ trì nhiệm vụ) không xếp hạng cùng các cơ quan, " \
        "đơn vị." in notes


def test_the_consolidated_workbook_counts_the_reports_as_the_report_does(tmp_path):
    """The consolidated workbook's "Tổng hợp" counted the committee's own file among the
    reports: "Đơn vị được giao nhiệm vụ 4, Đơn vị đã gửi 3" beside a report saying 2/3
    (a QA pass at the year's turn). It counts the units asked, and says the committee's
    own file on a line of its own."""
    from openpyxl import load_workbook

    office, day = _committees_office(tmp_path), date(2023, 3, 2)
    merged = office.send("Q1", {
        "TP": {"TC-02": done(day), "TTHC-02": done(day), "TTHC-04": done(day)},
        "X1": {"TTHC-01": done(day)},
        "NV": {"TC-01": done(day), "TC-03": done(day), "TC-04": done(day),
               "TTHC-03": done(day)}})
    ws = load_workbook(merged)["Tổng hợp"]
    lines = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert lines["Đơn vị được giao nhiệm vụ"] == 3, lines
    assert lines["Đơn vị đã gửi (tệp được nhận)"] == 2, lines
    assert lines["Đơn vị chưa gửi (xem trang 'Chưa gửi')"] == 1, lines
    assert lines["Ủy ban nhân dân xã (cơ quan ban hành kế hoạch, không tính ở các dòng "
                 "trên)"] == "đã gửi", lines
