"""The Word documents: the report (``report --docx``) and the reminder letter (``remind``).

Both are checked as a user would: opened with python-docx (letterhead texts, the
figures in sentences and tables, page setup per Nghị định 30/2020) and printed by
LibreOffice Writer (A4, page count). The small plan and its returns are those of
support/report.py, whose figures were counted by hand; one unit re-sends a file with
problems and one unit's file is rejected, as merge would record them.
"""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from cchc_xl import ledger as L
from cchc_xl.answer import Answer
from cchc_xl.cli import main
from cchc_xl.findings import Finding
from cchc_xl.letters.remind import write_list
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import ERROR, WARNING
from support.clock import set_clock
from support.report import (
    AREA_SHEET,
    AREAS_6T,
    MERGED_AT,
    PENDING_SHEET,
    RETURNS,
    UNIT_SHEET,
    UNITS_6T,
    build_ledger,
    table,
    tiny_master,
)
from support.tools import convert_all, needs_libreoffice, needs_poppler

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PERCENT_ERROR = Finding(ERROR, "percent-out-of-range", "tỷ lệ 120% ngoài khoảng 0–100: ghi số "
                        "từ 0 đến 100", "NV.xlsx", "Thể chế", "I6", "NV", "TC-03")
NO_EVIDENCE = Finding(WARNING, "done-without-evidence", "đã hoàn thành nhưng chưa ghi tài liệu "
                      "kiểm chứng", "NV.xlsx", "Thủ tục", "K7", "NV", "TTHC-02")


def _resend_with_problems(db: Path, problems: tuple[Finding, ...] = (PERCENT_ERROR, NO_EVIDENCE)
                          ) -> None:
    """NV sends its 6T file again (still on time) with ``problems`` on its rows."""
    master = tiny_master()
    path = db.parent / "files" / "NV-6T-b.xlsx"
    path.write_bytes(b"NV 6T again")
    rows = []
    for d in master.deliverables():
        role = d.role_of("NV")
        if role is None:
            continue
        status, percent, day, evidence, note = RETURNS["NV"].get(d.id, (None,) * 3 + ("", ""))
        found = [f for f in problems if f.task == d.id]
        rows.append(Answer(d.id, role, "Trang", 5, status, percent, day, evidence, note, None,
                           {}, found))
    with L.Ledger(db) as ledger:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        ledger.archive(path, sha, path.stat().st_size, MERGED_AT)
        ledger.add(sha256=sha, plan_key=master.plan.key, period="6T", unit="NV", path=str(path),
                   kind="xlsx", saved_at=datetime(2023, 6, 19, 17), modified_at=None,
                   merged_at=datetime(2023, 6, 19, 17, 30), accepted=True, identity=None,
                   findings=[], rows=rows)
        ledger.settle(master.plan.key, "6T")


# The day the documents are made (cchc_xl.clock): years after the plan's 2023, so that
# the year a document is dated is told from the plan's.
MADE = datetime(2027, 1, 5, 9)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        set_clock(mp, MADE)
        return _documents(tmp_path_factory)


def _documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    master = tiny_master()
    nv = master.unit("NV")
    nv.email, nv.phone, nv.contact = "noivu@example.vn", "0237 3865 001", "Lê Thị Hoa"
    db = build_ledger(folder / L.LEDGER_NAME, master)
    _resend_with_problems(db)
    report, letter, listing = folder / "bao-cao.docx", folder / "don-doc.docx", folder / "ds.csv"
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(db), "--period", "6T", "--out",
                                  str(folder / "bao-cao.xlsx"), "--docx", str(report)])
    assert result.exit_code == 0, result.output
    assert f"Đã ghi {report}" in result.output
    result = runner.invoke(main, ["remind", str(db), "--period", "6T", "--out", str(letter),
                                  "--csv", str(listing), "--deadline", "30/06/2023"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["Đơn vị cần đôn đốc: 3", f"Đã ghi {letter}",
                                          f"Đã ghi {listing}"]
    # A deadline already past (the seed's period is of 2023) is worth a word.
    assert "Lưu ý: hạn gửi 30/06/2023 trong công văn đã qua" in result.stderr
    return report, letter, listing


def texts(doc) -> list[str]:
    """Every paragraph's text, tables included, in document order."""
    out = []
    for block in doc.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in block.iter(qn("w:t")))
        if text.strip():
            out.append(text)
    return out


def rows_of(table) -> list[tuple[str, ...]]:
    """A table's rows as texts, a merged cell once."""
    out = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        out.append(tuple(cells))
    return out


def _as_text(row: tuple) -> tuple[str, ...]:
    """A workbook row as the Word table's texts: a group's row (its label alone, merged
    across) as one cell."""
    if row[0] is not None and all(v is None for v in row[1:]):
        return (str(row[0]),)
    return tuple("" if v is None else str(v) for v in row)


# --- the report ----------------------------------------------------------------------------

def test_report_letterhead_and_form(documents):
    doc = Document(documents[0])
    head = rows_of(doc.tables[0])
    assert head[0] == ("ỦY BAN NHÂN DÂN\nHUYỆN THỬ\n", f"{NATION}\n{MOTTO}\n")
    assert re.fullmatch(r"Số:\s+/BC-UBND", head[1][0])
    # Dated the year it is signed, the year it was made (today), not the plan's 2023.
    assert re.fullmatch(r"Thử, ngày\s+tháng\s+năm 2027", head[1][1])
    body = texts(doc)
    assert body[body.index("BÁO CÁO") + 1] == (
        "Kết quả thực hiện kế hoạch cải cách hành chính 6 tháng đầu năm 2023")
    assert "Nơi nhận:" in body
    # A People's Committee signs as a collective body (Nghị định 30/2020, Phụ lục I): a
    # probe found "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" without the line above them.
    title = body.index("TM. ỦY BAN NHÂN DÂN")
    assert body[title:title + 3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 14)
    first = doc.sections[0]
    assert (first.page_width.mm, first.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    margins = [round(m.mm) for m in (first.top_margin, first.bottom_margin, first.left_margin,
                                     first.right_margin)]
    assert 20 <= margins[0] <= 25 and 20 <= margins[1] <= 25
    assert 30 <= margins[2] <= 35 and 15 <= margins[3] <= 20


def _rule(p) -> bool:
    """``p`` draws a rule: an empty paragraph 2 pt high at most (exactly), its bottom
    edge bordered; the words above it end where it begins."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    ppr = p._p.pPr
    edge = None if ppr is None else ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    fmt = p.paragraph_format
    return (p.text == "" and edge is not None and edge.get(qn("w:val")) == "single"
            and fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
            and fmt.line_spacing <= Pt(2) and (fmt.space_before or 0) <= Pt(3))


def test_rules_sit_right_under_the_words_they_underline(documents):
    """The rules under the issuer's name, the motto and the report's trích yếu: each
    drawn as the bottom border of an empty paragraph of the text's height, they were
    printed a whole line lower, the trích yếu's over the report's first line."""
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph

    report, letter = (Document(path) for path in documents[:2])
    for doc, above in ((report, "HUYỆN THỬ"), (letter, "HUYỆN THỬ")):
        name, nation = doc.tables[0].rows[0].cells
        assert [p.text for p in name.paragraphs[-2:]] == [above, ""]
        assert [p.text for p in nation.paragraphs[-2:]] == [MOTTO, ""]
        assert _rule(name.paragraphs[-1]) and _rule(nation.paragraphs[-1])
    body = [Paragraph(p, report._body) for p in report.element.body.iterchildren(qn("w:p"))]
    title = next(i for i, p in enumerate(body) if p.text.startswith("Kết quả thực hiện"))
    rule, first = body[title + 1:title + 3]
    assert _rule(rule)
    # then the space of a paragraph at least before the body's first line
    assert (rule.paragraph_format.space_after or 0) + (first.paragraph_format.space_before
                                                       or 0) >= Pt(6)
    assert first.text.startswith("Thực hiện")


def test_a_departments_letterhead_has_its_province_over_it(tmp_path):
    """A plan the Sở Nội vụ issued printed "SỞ NỘI VỤ" alone over "Số: /BC-…" and
    "…, ngày" (a probe): Nghị định 30/2020 puts the body it belongs to over its name, not
    bold, its name bold under it, its symbol in the number, its province's name as the
    place."""
    from cchc_xl.issuer import issuer_of
    from cchc_xl.official import letterhead, new_document

    doc = new_document()
    issuer = issuer_of("SỞ NỘI VỤ TỈNH NGHỆ AN")
    letterhead(doc, issuer=issuer, number=f"Số:      /BC-{issuer.symbol}", year=2026)
    path = tmp_path / "bc.docx"
    doc.save(path)
    head = Document(path).tables[0]
    left = head.rows[0].cells[0].paragraphs
    assert [(p.text, bool(any(r.bold for r in p.runs) or p.style.font.bold)) for p in left[:2]] == [
        ("UBND TỈNH NGHỆ AN", False), ("SỞ NỘI VỤ", True)]
    assert re.fullmatch(r"Số:\s+/BC-SNV", head.rows[1].cells[0].text.strip())
    assert re.fullmatch(r"Nghệ An, ngày\s+tháng\s+năm 2026", head.rows[1].cells[1].text.strip())


def test_documents_are_dated_when_they_are_made(documents):
    """Every Word document said it was created on 23/12/2013, python-docx's template's
    day (a QA pass)."""
    for path in documents[:2]:  # the report and the letter (the third is a .csv)
        props = Document(path).core_properties
        assert props.created.replace(tzinfo=None) == MADE, path


def test_report_says_the_figures_in_sentences(documents):
    body = texts(Document(documents[0]))
    assert any("đã hoàn thành 1/7 nhiệm vụ, đạt 14,29%" in p for p in body)
    assert ("Được giao 4 nhiệm vụ: đã hoàn thành 1 nhiệm vụ (đúng hạn 1), đạt 25,00%; đang "
            "thực hiện 1 nhiệm vụ; chưa thực hiện 2 nhiệm vụ (trong đó 1 nhiệm vụ chưa có báo "
            "cáo); 1 nhiệm vụ chưa hoàn thành đã quá hạn.") in body
    # Xã Hai sent nothing: TC-04 is not said to be unfinished by it, but unreported.
    assert ("Quá hạn, chưa hoàn thành: Phổ biến pháp luật ở xã (chưa có báo cáo: Xã "
            "Hai).") in body
    # Not yet due, said so: "Chưa thực hiện" alone read as a failure (a QA pass).
    assert ("Chưa thực hiện: Kiểm tra văn bản (chưa đến hạn; chủ trì: Phòng Tư pháp)."
            in body)
    assert ("Được giao 3 nhiệm vụ: chưa có nhiệm vụ nào hoàn thành; đang thực hiện 3 nhiệm vụ; 2 "
            "nhiệm vụ chưa hoàn thành đã quá hạn.") in body
    # TTHC-01's other lead, Xã Một, reported: Xã Hai is said to have sent nothing, not
    # to have left it unfinished (a probe found the two mixed in one list).
    assert ("Quá hạn, chưa hoàn thành: Công khai thủ tục tại xã (chưa có báo cáo: Xã "
            "Hai); Rà soát thủ tục (chưa hoàn thành: Phòng Tư pháp).") in body


def test_report_digests_the_units_notes(documents):
    body = texts(Document(documents[0]))
    start = body.index("III. KHÓ KHĂN, VƯỚNG MẮC")
    end = body.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")
    assert body[start + 1:end] == [
        "Tổng hợp từ ghi chú của các đơn vị:",
        "- Chậm do chờ kinh phí (nhiệm vụ “Số hóa hồ sơ”; 1 đơn vị: Phòng Nội vụ).",
        "- Chờ hướng dẫn của tỉnh (nhiệm vụ “Rà soát thủ tục”; 1 đơn vị: Phòng Tư pháp).",
    ]
    assert body[end + 1] == "Các đơn vị không có đề xuất, kiến nghị trong báo cáo."


def test_an_appendix_of_reports_to_verify_is_left_out_when_there_is_none(tmp_path):
    """The Word report goes to the office above: a "Phụ lục IV" saying only "no report
    to verify" was an empty appendix (the workbook keeps its sheet, saying so)."""
    from cchc_xl.report.docx import write_docx
    from cchc_xl.report.summary import summarize

    db = build_ledger(tmp_path / L.LEDGER_NAME, tiny_master())
    summary = summarize(load_snapshot(db, "6T"))
    assert not summary.unverified()
    body = texts(Document(write_docx(summary, tmp_path / "bao-cao.docx")))
    assert [p for p in body if p.startswith("Phụ lục ")] == ["Phụ lục I", "Phụ lục II",
                                                             "Phụ lục III"]
    assert "Không có báo cáo nào cần xác minh." not in body


def test_report_appendix_tables_repeat_their_headers_in_landscape(documents):
    doc = Document(documents[0])
    appendices = len(doc.sections) - 1  # one landscape section per summary table
    assert appendices >= 3
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT] + [
        WD_ORIENT.LANDSCAPE] * appendices
    body = texts(doc)
    assert [p for p in body if p.startswith("Phụ lục ")] == [
        "Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV"][:appendices]
    assert sum(bool(re.fullmatch(r"\(Kèm theo Báo cáo số\s+/BC-UBND ngày\s+tháng\s+năm "
                                 r"2027 của Ủy ban nhân dân huyện Thử\)", p))
               for p in body) == appendices
    areas, units, pending = doc.tables[2:5]
    # The same figures as the workbook written in the same run (one computation); the
    # notes under a table are its last row, one cell across the columns.
    workbook = documents[0].parent / "bao-cao.xlsx"
    assert [len(rows_of(t)[-1]) for t in (areas, units)] == [1, 1]
    assert rows_of(areas)[2:-1] == [_as_text(r) for r in table(workbook, AREA_SHEET)]
    assert rows_of(units)[2:-1] == [_as_text(r) for r in table(workbook, UNIT_SHEET)]
    assert [r[1] for r in rows_of(areas)[2:-1]] == [r[1] for r in AREAS_6T]
    assert [r[1] if len(r) > 1 else r[0] for r in rows_of(units)[2:-1]] == [
        r[1] or r[0] for r in UNITS_6T]  # a group's row: its label
    assert [r[1] for r in rows_of(pending)[1:] if len(r) > 2] == [
        "2 (Phụ lục số 01)", "3 (Phụ lục số 01)", "4 (Phụ lục số 01)", "1 (Phụ lục số 02)",
        "2 (Phụ lục số 02)", "3 (Phụ lục số 02)"]
    for grid, header_rows in ((areas, 2), (units, 2), (pending, 1)):
        flags = [r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
                 for r in grid.rows]
        assert flags[:header_rows] == [True] * header_rows and not any(flags[header_rows:])


# A code of the tool's ("TC-02", "TTHC-02.2"), printed nowhere in the plan.
TOOL_CODE = re.compile(r"\b[A-ZĐ]+-\d+")


def test_report_appendices_number_tasks_as_the_plan_prints_them(documents):
    """The report is signed and sent to bodies that know the plan, not the tool: Phụ lục
    III and IV name a task by its number in the plan's appendix (the plan numbers each
    anew: "2 (Phụ lục số 01)"), beside the table's own counter, not by the tool's code
    ("TC-02", printed nowhere in the plan). The workbook keeps the codes, read beside the
    consolidated workbook and the units' files, which print them."""
    doc = Document(documents[0])
    pending, unverified = doc.tables[4:6]
    assert [r[:3] for r in rows_of(pending)[:3]] == [
        ("TT", "TT trong kế hoạch", "Nội dung nhiệm vụ"), ("Cải cách thể chế",),
        ("1", "2 (Phụ lục số 01)", "Kiểm tra văn bản")]
    assert [r[:4] for r in rows_of(unverified)] == [
        ("TT", "TT trong kế hoạch", "Nội dung nhiệm vụ", "Đơn vị chủ trì"),
        ("1", "3 (Phụ lục số 01)", "Theo dõi thi hành pháp luật", "Phòng Nội vụ")]
    cells = [c for t in doc.tables[2:] for r in rows_of(t) for c in r]
    assert [c for c in cells if TOOL_CODE.search(c)] == []
    workbook = documents[0].parent / "bao-cao.xlsx"
    assert [r[1] for r in table(workbook, PENDING_SHEET) if r[1]][:2] == ["TC-02", "TC-03"]


def test_a_task_of_two_products_says_which_in_the_reports_to_verify(tmp_path):
    """Phụ lục IV lists a lead's row of one product: the code said which ("TTHC-02.2");
    the plan's number is the task's, so a task of several products names the product."""
    from cchc_xl.report.docx import write_docx
    from cchc_xl.report.summary import summarize

    db = build_ledger(tmp_path / L.LEDGER_NAME, tiny_master())
    _resend_with_problems(db, (replace(PERCENT_ERROR, task="TTHC-02"),))
    summary = summarize(load_snapshot(db, "6T"))
    unverified = Document(write_docx(summary, tmp_path / "bao-cao.docx")).tables[5]
    assert [r[:4] for r in rows_of(unverified)[1:]] == [
        ("1", "2 (Phụ lục số 02)", "Số hóa hồ sơ\nSản phẩm: Kế hoạch số hóa", "Phòng Nội vụ")]


# --- the reminder letter -------------------------------------------------------------------

def test_letter_names_who_is_missing_late_or_must_fix(documents):
    doc = Document(documents[1])
    head = rows_of(doc.tables[0])
    assert head[0][1] == f"{NATION}\n{MOTTO}\n"
    assert head[1][0].startswith("Số:") and "V/v đôn đốc báo cáo kết quả thực hiện kế hoạch " \
        "cải cách hành chính 6 tháng đầu năm 2023" in head[1][0].replace("\u00a0", " ")
    body = texts(doc)
    # Few units: each named in "Kính gửi", in registry order, a commune by its People's
    # Committee (a QA pass: a ward's letter to 4 of its offices named none of them, while
    # its letter chasing overdue tasks did).
    start = body.index("Kính gửi:")
    assert body[start:start + 4] == ["Kính gửi:", "- Phòng Nội vụ;", "- Phòng Tư pháp;",
                                     "- Ủy ban nhân dân xã Hai."]
    sections = [p for p in body if re.match(r"^\d\. Đơn vị", p)]
    assert sections == ["1. Đơn vị gửi tệp không đúng, bị từ chối (1)",
                        "2. Đơn vị có báo cáo phải sửa, bổ sung (1)",
                        "3. Đơn vị gửi báo cáo muộn (1)"]
    assert "Số nội dung phải sửa, bổ sung ghi trong ngoặc: Phòng Nội vụ (2)." in body
    # "Báo cáo hợp lệ" said of reports with errors: the reports received are counted.
    assert any("đã nhận báo cáo của " in p for p in body)
    assert any("các đơn vị gửi muộn chấn chỉnh" in p for p in body)  # one was late
    assert "Phòng Tư pháp (muộn 5 ngày)." in body
    # "chậm nhất ngày", as the unit's file says its due day (a QA pass: "trước 30/06",
    # then "trước ngày 20/03" for a day counted on time).
    assert any("báo cáo chậm nhất ngày 30/06/2023" in p for p in body)
    assert any("gửi về chậm nhất ngày " in p for p in body)
    # One table per unit: its name, then the header, both repeated on each page.
    items = rows_of(doc.tables[-1])
    assert items[0] == ("1. Phòng Nội vụ",)
    assert items[1] == ("TT", "Trang", "Ô", "Nhiệm vụ", "Nội dung cần sửa")
    assert items[2][:4] == ("1", "Thể chế", "I6", "TC-03")
    assert items[2][4] == f"[Lỗi] {PERCENT_ERROR.message}"
    assert items[3] == ("2", "Thủ tục", "K7", "TTHC-02", f"[Cảnh báo] {NO_EVIDENCE.message}")
    assert len(items) == 4
    # X2's rejection recorded no reason: nothing to list for it, no table
    assert sum("Nội dung cần sửa" in [c.text for c in t.rows[1].cells] for t in doc.tables
               if len(t.rows) > 1) == 1
    # Its only appendix: "Phụ lục", unnumbered (Nghị định 30 numbers two or more).
    assert [p for p in body if p.startswith("Phụ lục")] == ["Phụ lục"]


def test_a_letter_without_a_deadline_leaves_its_day_to_write_in_its_year(tmp_path,
                                                                          monkeypatch):
    """"… chậm nhất ngày      tháng      năm." had no year (a QA pass): the year it is
    made, not the plan's."""
    from cchc_xl.official import BLANK

    set_clock(monkeypatch, MADE)

    db = build_ledger(tmp_path / L.LEDGER_NAME, tiny_master())
    letter = tmp_path / "don-doc.docx"
    result = CliRunner().invoke(main, ["remind", str(db), "--period", "6T", "--out",
                                       str(letter)])
    assert result.exit_code == 0, result.output
    body = texts(Document(letter))
    assert any(f"báo cáo chậm nhất ngày {BLANK}tháng{BLANK}năm 2027;" in p for p in body)


def test_mail_merge_list(documents):
    raw = documents[2].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its BOM
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [(r["Mã đơn vị"], r["Tình trạng"], r["Số nội dung cần sửa"]) for r in rows] == [
        ("X2", "Tệp bị từ chối", "0"), ("NV", "Báo cáo cần sửa (2 nội dung)", "2"),
        ("TP", "Gửi muộn 5 ngày", "0")]
    # TP's report is in and clean: told to be on time next period, no day to send again
    assert [r["Hạn gửi"] for r in rows] == ["30/06/2023", "30/06/2023", ""]
    assert (rows[1]["Email"], rows[1]["Điện thoại"], rows[1]["Người liên hệ"]) == (
        "noivu@example.vn", "0237 3865 001", "Lê Thị Hoa")  # from the registry, via the ledger
    assert rows[0]["Email"] == ""
    assert "ô I6: tỷ lệ 120%" in rows[1]["Việc cần làm"]
    # Said without sending the unit to a feedback file the office may not have sent (a
    # probe's reminder named one that was never written).
    assert rows[1]["Việc cần làm"].startswith("Sửa các nội dung sau rồi gửi lại: ")
    # A rejected file: what was wrong says what to do, not "send the file you were given"
    # (a unit that sent its own file, blank, was told so).
    assert rows[0]["Việc cần làm"].startswith("Gửi lại tệp báo cáo")


def test_registry_contact_columns_are_optional(hh_master, tmp_path):
    from openpyxl import load_workbook

    from cchc_xl.master import load_master
    from support.paths import ROOT

    assert all(not (u.email or u.phone or u.contact) for u in hh_master.units)
    wb = load_workbook(ROOT / "workbooks" / "hoang-hoa-2023" / "master.xlsx")
    ws = wb["Đơn vị"]
    headers = [c.value for c in ws[1]]
    assert headers[-3:] == ["Email", "Điện thoại", "Người liên hệ"]  # written empty
    ws.delete_cols(len(headers) - 2, 3)  # an older master without them reads too
    wb.save(tmp_path / "old.xlsx")
    assert load_master(tmp_path / "old.xlsx").unit("NV").email == ""
    last = ws.max_column
    for offset, header in enumerate(("Email", "Điện thoại", "Người liên hệ"), 1):
        ws.cell(1, last + offset, header)
    ws.cell(2, last + 1, "noivu@hoanghoa.gov.vn")
    ws.cell(2, last + 2, 2373865001)  # typed as a number
    ws.cell(2, last + 3, "Lê Thị Hoa")
    wb.save(tmp_path / "master.xlsx")
    nv = load_master(tmp_path / "master.xlsx").unit("NV")
    assert (nv.email, nv.phone, nv.contact) == ("noivu@hoanghoa.gov.vn", "2373865001",
                                                "Lê Thị Hoa")


def test_mail_merge_cells_never_become_formulas(tmp_path):
    from cchc_xl.letters.remind import Reminder
    from cchc_xl.model import Unit

    unit = Unit("=X1", "+Xã Một", email="@x", phone="-1", contact="=HYPERLINK(\"a\")")
    out = write_list([Reminder(unit, "Chưa gửi")], tmp_path / "a.csv", "")
    row = next(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [row[k] for k in ("Mã đơn vị", "Đơn vị", "Email", "Điện thoại", "Người liên hệ")] == [
        "'=X1", "'+Xã Một", "'@x", "'-1", "'=HYPERLINK(\"a\")"]


def test_remind_usage_errors(documents, tmp_path, monkeypatch):
    set_clock(monkeypatch, MADE)
    db = documents[0].parent / L.LEDGER_NAME
    result = CliRunner().invoke(main, ["remind", str(db), "--period", "6T", "--out",
                                       str(tmp_path / "a.docx"), "--deadline", "mai"])
    assert result.exit_code == 2 and "--deadline: 'mai' không phải ngày" in result.output
    # The example is a date to use now, not one of 2023 (a QA pass: a 2026 office was
    # shown "ví dụ 20/09/2023").
    assert "ví dụ 12/01/2027" in result.output
    # A day and month is of the year the period's returns are due in, as the web app's
    # "Hạn gửi lại" reads it (a QA pass: there "25/3" was refused).
    result = CliRunner().invoke(main, ["remind", str(db), "--period", "6T", "--out",
                                       str(tmp_path / "b.docx"), "--deadline", "25/7"])
    assert result.exit_code == 0, result.output
    from test_figures import word_text

    assert "25/07/2023" in " ".join(word_text(tmp_path / "b.docx")[0])
    (tmp_path / "b.docx").unlink()
    result = CliRunner().invoke(main, ["remind", str(db), "--period", "6T", "--out",
                                       str(tmp_path / "a.pdf")])
    assert result.exit_code == 2 and "phải có đuôi .docx" in result.output
    assert not list(tmp_path.iterdir())


# --- printed by LibreOffice Writer ---------------------------------------------------------

def test_a_plan_imported_in_capitals_reads_in_sentence_case(tmp_path):
    """A plan whose title and authority came from a heading in capitals: the body names
    them in sentence case, the place name and the acronyms with their capitals."""
    master = tiny_master()
    master.plan = replace(master.plan, authority="ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA",
                          title="KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA UBND HUYỆN HOẰNG HÓA")
    db = build_ledger(tmp_path / L.LEDGER_NAME, master)
    report, letter = tmp_path / "bao-cao.docx", tmp_path / "don-doc.docx"
    runner = CliRunner()
    for args in (["report", str(db), "--period", "6T", "--out", str(tmp_path / "r.xlsx"),
                  "--docx", str(report)],
                 ["remind", str(db), "--period", "6T", "--out", str(letter)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    for path in (report, letter):
        doc = Document(path)
        head = rows_of(doc.tables[0])
        assert head[0][0] == "ỦY BAN NHÂN DÂN\nHUYỆN HOẰNG HÓA\n"  # the letterhead: capitals
        assert re.fullmatch(r"Hoằng Hóa, ngày\s+tháng\s+năm \d{4}", head[1][1])
        first = next(p for p in texts(doc) if p.startswith("Thực hiện "))
        assert first.startswith("Thực hiện Kế hoạch cải cách hành chính năm 2023 của UBND "
                                "huyện Hoằng Hóa, Ủy ban nhân dân huyện Hoằng Hóa "), first


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    return [line.split("size:")[1].split("pts")[0].strip() for line in info.splitlines()
            if re.match(r"Page\s+\d+ size", line)]


@needs_libreoffice
@needs_poppler
def test_documents_print_on_a4(documents, tmp_path):
    report, letter = convert_all([documents[0], documents[1]], tmp_path, "pdf")
    portrait, landscape = "595.304 x 841.89", "841.89 x 595.304"
    pages = _pages(report)
    assert 4 <= len(pages) <= 7, pages  # 2-3 pages of text, one page per appendix table
    assert pages[0] == portrait and pages[-3:] == [landscape] * 3
    pages = _pages(letter)
    assert 2 <= len(pages) <= 3, pages
    assert pages[0] == portrait and pages[-1] == landscape
    text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert NATION in text and MOTTO in text and "Phụ lục III" in text
    text = subprocess.run(["pdftotext", str(letter), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert NATION in text and MOTTO in text and "Kính gửi" in text


def test_today_is_the_default_date_of_the_letter(documents, tmp_path):
    from cchc_xl.letters.remind import write_reminders

    db = documents[0].parent / L.LEDGER_NAME
    result = write_reminders(db, "6T", tmp_path / "a.docx", today=date(2024, 1, 5))
    body = texts(Document(result.paths[0]))
    assert any("Đến ngày 05/01/2024" in p for p in body)


def test_the_letter_asks_late_units_to_mend_only_when_one_was_late() -> None:
    """"các đơn vị gửi muộn chấn chỉnh" closed every letter, when no unit was late too."""
    from types import SimpleNamespace

    from cchc_xl import official
    from cchc_xl.issuer import Level
    from cchc_xl.letters.remind import TEMPLATE

    plan = SimpleNamespace(title="Kế hoạch cải cách hành chính năm 2026",
                           authority="Ủy ban nhân dân xã Hoằng Tiến", signer="",
                           signer_title="", amended_in="")
    late_one = SimpleNamespace(unit=SimpleNamespace(name="Công an xã"), days_late=3, items=[],
                               support=[], late_said="muộn 3 ngày")

    def said(late: list) -> str:
        return official.parts(
            TEMPLATE, plan=plan, period_name="6 tháng đầu năm 2026", missing=[], rejected=[],
            late=late, to_fix=[], annexed=False, due="20/06/2026", cutoff="14/06/2026",
            today="25/06/2026", before_due=False, deadline="30/06/2026", returned=6, assigned=6,
            level=Level("xa", "xã"), signer_title="")["noi-dung"]

    assert "chấn chỉnh" not in said([])
    assert "các đơn vị gửi muộn chấn chỉnh" in said([late_one])


def test_a_long_list_to_fix_names_five_and_counts_the_rest():
    from cchc_xl.letters.remind import NEEDS_FIX, Reminder
    from cchc_xl.model import Unit

    items = [Finding(ERROR, "percent-out-of-range", f"tỷ lệ {100 + n}% ngoài khoảng 0–100",
                     "NV.xlsx", "Thể chế", f"I{n}", "NV", f"TC-{n:02d}") for n in range(5, 12)]
    todo = Reminder(Unit("NV", "Phòng Nội vụ"), NEEDS_FIX, items=items).todo()
    assert todo.count("ngoài khoảng") == 5 and "ô I9:" in todo and "ô I10:" not in todo
    assert todo.endswith("; và 2 nội dung khác")


def test_documents_are_marked_as_vietnamese_text(documents):
    """Word and LibreOffice check spelling in the language the text is marked with: marked
    English (python-docx's en-US default), every Vietnamese word of the report and the
    letter was underlined as misspelt (a QA pass). The default for every run is vi-VN,
    and no style or run marks text as another language."""
    for path in documents[:2]:
        with zipfile.ZipFile(path) as package:
            styles = package.read("word/styles.xml").decode()
            body = package.read("word/document.xml").decode()
            settings = package.read("word/settings.xml").decode()
        default = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)
        assert re.search(r'<w:lang w:val="vi-VN"', default), default
        marked = set(re.findall(r'<w:lang w:val="([^"]+)"', styles + body))
        assert marked == {"vi-VN"}, (path.name, marked)
        assert 'w:themeFontLang w:val="vi-VN"' in settings
