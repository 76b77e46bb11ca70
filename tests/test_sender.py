"""A People's Committee's province plan whose letters and report the Sở Nội vụ, its
standing body for CCHC, sends ("Cơ quan gửi công văn, báo cáo" on the plan sheet): the
reminder, the overdue letter and the Word report carry the department's letterhead,
number, sentences and signature block, the plan cited as the committee's; the report
goes to the committee. Blank, they are the committee's, as before (a QA pass read the
committee's letterhead and "TM. ỦY BAN NHÂN DÂN" on what the Sở Nội vụ signs)."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from test_figures import done, figures_master

from cchc_xl.letters.overdue import write_overdue
from cchc_xl.letters.remind import write_reminders
from cchc_xl.master import load_master, read_master
from cchc_xl.master.write import write_master
from cchc_xl.model import Plan
from cchc_xl.plan_codec import plan_from_dict, plan_to_dict
from cchc_xl.report.docx import write_docx
from cchc_xl.report.summary import summarize
from cchc_xl.sender import sender_of
from cchc_xl.snapshot import load_snapshot
from support.counting import _Office

PROVINCE = "Ủy ban nhân dân tỉnh Thử"


def _province(master, sender: str = "Sở Nội vụ"):
    """The counting plan as a province's: the committee's, its units two sở and two
    communes, the Sở Nội vụ (NV) among them."""
    master.plan.authority, master.plan.sender = PROVINCE, sender
    for code, name in (("NV", "Sở Nội vụ"), ("TP", "Sở Tư pháp")):
        (unit,) = [u for u in master.units if u.code == code]
        unit.aliases = [*unit.aliases, unit.name]  # as the task cells name them
        unit.name = name
    return master


def _lines(path) -> list[str]:
    """The document's paragraphs, then its tables' cells, a line each."""
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells).splitlines()


def _head(path) -> list[str]:
    """The letterhead's left column: the body over the number."""
    table = Document(str(path)).tables[0]
    return [table.rows[0].cells[0].text, table.rows[1].cells[0].text]


def _signature(path) -> str:
    """The signature block's right cell (the last table of the body, before annexes)."""
    doc = Document(str(path))
    block = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    return block.rows[0].cells[1].text


SNV_HEAD = "UBND TỈNH THỬ\nSỞ NỘI VỤ\n"


def test_the_reminder_is_the_sở_nội_vụs(tmp_path):
    source = write_master(_province(figures_master()), tmp_path / "ke-hoach.xlsx")
    result = write_reminders(source, "Q1", tmp_path / "dd.docx", today=date(2023, 3, 25))
    head = _head(tmp_path / "dd.docx")
    assert head[0] == SNV_HEAD, head
    assert head[1].startswith("Số:") and "/SNV-…" in head[1], head
    lines = _lines(tmp_path / "dd.docx")
    text = "\n".join(lines)
    assert "Thực hiện Kế hoạch CCHC năm 2023 của Ủy ban nhân dân tỉnh, Sở Nội vụ đã đề " \
        "nghị các cơ quan, đơn vị báo cáo" in text, text
    assert "Sở Nội vụ đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên" in text, text
    assert "Ủy ban nhân dân tỉnh Thử đề nghị" not in text
    assert _signature(tmp_path / "dd.docx").startswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert "- UBND tỉnh (để b/c);" in lines and "- Lưu: VT, CCHC." in lines, lines
    # The Sở Nội vụ's own rows are its own to chase: no letter from it to itself.
    assert "NV" not in [r.unit.code for r in result.reminders]
    assert "- Sở Nội vụ;" not in lines
    assert Document(str(tmp_path / "dd.docx")).core_properties.author == \
        "Sở Nội vụ tỉnh Thử"


def test_the_overdue_letter_is_the_sở_nội_vụs(tmp_path):
    source = write_master(_province(figures_master()), tmp_path / "ke-hoach.xlsx")
    write_overdue(source, "6T", tmp_path / "qh.docx", today=date(2023, 6, 25))
    head = _head(tmp_path / "qh.docx")
    assert head[0] == SNV_HEAD and "/SNV-…" in head[1], head
    text = "\n".join(_lines(tmp_path / "qh.docx"))
    assert "Kế hoạch CCHC năm 2023 của Ủy ban nhân dân tỉnh, Sở Nội vụ đã tổng hợp" in text
    assert "Sở Nội vụ đề nghị" in text and "Ủy ban nhân dân tỉnh Thử đề nghị" not in text
    assert "(Kèm theo Công văn số" in text and "của Sở Nội vụ tỉnh Thử)" in text, text
    assert _signature(tmp_path / "qh.docx").startswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")


def _report(tmp_path, sender: str = "Sở Nội vụ", **plan) -> list[str]:
    office = _Office(tmp_path)
    _province(office.master, sender)
    for name, value in plan.items():
        setattr(office.master.plan, name, value)
    day = date(2023, 3, 2)
    office.send("Q1", {"TP": {"TC-02": done(day), "TTHC-02": done(day), "TTHC-04": done(day)},
                       "X1": {"TTHC-01": done(day)}})
    out = write_docx(summarize(load_snapshot(office.db, "Q1")), tmp_path / "bc.docx")
    return out


def test_the_report_goes_from_the_sở_nội_vụ_to_the_committee(tmp_path):
    out = _report(tmp_path, number="12/KH-UBND", issued=date(2023, 1, 10))
    head = _head(out)
    assert head[0] == SNV_HEAD and "/BC-SNV" in head[1], head
    lines = _lines(out)
    assert "Kính gửi: Ủy ban nhân dân tỉnh." in lines, lines
    text = "\n".join(lines)
    assert "Thực hiện Kế hoạch CCHC năm 2023 (số 12/KH-UBND ngày 10/01/2023) của Ủy ban " \
        "nhân dân tỉnh, Sở Nội vụ báo cáo kết quả thực hiện" in text, text
    assert "Sở Nội vụ kính báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo./." in text
    assert "tham mưu Ủy ban nhân dân tỉnh chỉ đạo, hướng dẫn, đôn đốc" in text
    assert _signature(out).startswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert "- Như trên;" in lines and "- Giám đốc, các Phó Giám đốc Sở;" in lines
    assert "- Lưu: VT, CCHC." in lines and "- Bộ Nội vụ (để b/c);" not in lines
    assert Document(str(out)).core_properties.author == "Sở Nội vụ tỉnh Thử"


def test_a_committees_signature_is_not_the_departments(tmp_path):
    """The plan's signer imported from its signature block (the committee's
    vice-chairman) signs nothing the Sở Nội vụ sends; a director's title given is used."""
    out = _report(tmp_path, signer="Nguyễn Văn A",
                  signer_title="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert _signature(out).startswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert "Nguyễn Văn A" not in _signature(out) and "TM. ỦY BAN" not in _signature(out)
    out = _report(tmp_path / "gd", signer="Trần Thị B", signer_title="GIÁM ĐỐC")
    assert _signature(out).startswith("GIÁM ĐỐC\n") and "Trần Thị B" in _signature(out)


def test_without_a_sender_the_committee_reports(tmp_path):
    out = _report(tmp_path, sender="")
    head = _head(out)
    assert head[0] == "ỦY BAN NHÂN DÂN\nTỈNH THỬ\n" and "/BC-UBND" in head[1], head
    lines = _lines(out)
    assert not [line for line in lines if line.startswith("Kính gửi")]
    assert _signature(out).startswith("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert any(line.startswith("Thực hiện Kế hoạch CCHC năm 2023, Ủy ban nhân dân tỉnh Thử "
                               "báo cáo") for line in lines), lines


def test_the_plan_sheet_reads_and_writes_the_sender(tmp_path):
    master = _province(figures_master())
    path = write_master(master, tmp_path / "ke-hoach.xlsx")
    ws = load_workbook(path)["Kế hoạch"]
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    row = labels.index("Cơ quan gửi công văn, báo cáo") + 1
    assert ws.cell(row, 2).value == "Sở Nội vụ"
    assert labels[row] == "Người ký báo cáo"  # beside the signer
    assert load_master(path).plan.sender == "Sở Nội vụ"
    # The ledger's copy keeps it; a plan without it is encoded as before.
    assert plan_from_dict(plan_to_dict(master)).plan.sender == "Sở Nội vụ"
    master.plan.sender = ""
    assert "sender" not in plan_to_dict(master)["plan"]
    # A table made before the row existed reads as the authority sending.
    ws.delete_rows(row)
    ws.parent.save(tmp_path / "old.xlsx")
    assert load_master(tmp_path / "old.xlsx").plan.sender == ""


@pytest.mark.parametrize("given, sender", [
    ("Sở Nội vụ", "Sở Nội vụ tỉnh Thanh Hóa"),
    ("SỞ NỘI VỤ", "Sở Nội vụ tỉnh Thanh Hóa"),
    ("Sở Nội vụ tỉnh Thanh Hóa", "Sở Nội vụ tỉnh Thanh Hóa"),
    ("", "Ủy ban nhân dân tỉnh Thanh Hóa"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh Thanh Hóa"),
])
def test_the_sender_named(given, sender):
    plan = Plan(authority="Ủy ban nhân dân tỉnh Thanh Hóa", title="Kế hoạch", year=2026,
                sender=given)
    assert sender_of(plan) == sender


def test_a_communes_documents_stay_its_committees(tmp_path):
    """A commune has no Sở Nội vụ of its own: the sender is not used, and the check says so."""
    master = figures_master()
    master.plan.authority, master.plan.sender = "Ủy ban nhân dân xã Thử", "Sở Nội vụ"
    path = write_master(master, tmp_path / "ke-hoach.xlsx")
    _, found = read_master(path)
    (warned,) = [f for f in found if f.code == "plan-sender-ignored"]
    assert "công văn, báo cáo vẫn do 'Ủy ban nhân dân xã Thử' gửi" in warned.message
    write_reminders(path, "Q1", tmp_path / "dd.docx", today=date(2023, 3, 25))
    assert _head(tmp_path / "dd.docx")[0] == "ỦY BAN NHÂN DÂN\nXÃ THỬ\n"
    assert _signature(tmp_path / "dd.docx").startswith("TM. ỦY BAN NHÂN DÂN")


@pytest.mark.parametrize("sender, said", [
    ("Sở Nội vụ", "Công văn đôn đốc và báo cáo Word do Sở Nội vụ tỉnh Thử gửi (dòng “Cơ "
                  "quan gửi công văn, báo cáo” của trang Kế hoạch; đổi ở mục “Người ký và cơ "
                  "quan gửi” bên dưới)."),
    ("", "Công văn đôn đốc và báo cáo Word do Ủy ban nhân dân tỉnh Thử gửi. Sở Nội vụ gửi "
         "thay: chọn “Sở Nội vụ” ở mục “Người ký và cơ quan gửi” bên dưới.")])
def test_the_plan_page_says_who_sends_the_letters(tmp_path, sender, said):
    """The web app's plan page says who sends them, and where to have the Sở Nội vụ."""
    import html

    from support.web import _client

    data = tmp_path / "data"
    data.mkdir()
    write_master(_province(figures_master(), sender), data / "ke-hoach.xlsx")
    page = html.unescape(_client(data).get("/").text)
    assert said in page, page[:3000]


def commune_folder(tmp_path):
    """A data folder with :func:`figures_master` issued by a commune's committee."""
    data = tmp_path / "data"
    data.mkdir()
    master = figures_master()
    master.plan.authority = "Ủy ban nhân dân xã Thử"
    write_master(master, data / "ke-hoach.xlsx")
    return data


def test_the_plan_page_of_a_commune_says_nothing_of_it(tmp_path):
    from support.web import _client

    data = commune_folder(tmp_path)
    assert "Công văn đôn đốc và báo cáo Word do" not in _client(data).get("/").text
