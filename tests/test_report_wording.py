"""How the report says what it counts, as the Sở Nội vụ reads it before signing.

A province's first-quarter probe (151 units) found figures that were right but said so
that they misled: tasks nobody reported on were "chưa thực hiện", recurring work a unit
wrote "Đang thực hiện" on counted done with nothing said, groups of communes named by a
"trừ" list nearly as long as the group, and notes naming terminal commands in the Excel
the web app hands out. Each test reads the produced files (openpyxl, python-docx, the
HTML text) for the words a reader sees.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from test_docx import texts

from cchc_xl import ledger as L
from cchc_xl.model import Unit
from cchc_xl.report import summarize, write_report
from cchc_xl.report.docx import write_docx
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import COMMUNE, OTHER, RETURN_LATE
from cchc_xl.web.wording import for_browser
from support import report as small_plan
from support.report import build_ledger, doing, done, leading_too, sent_too, tiny_master
from support.workbooks import load_workbook


def _report(tmp_path_factory, name: str, returns: dict, *, extra: list[Unit] = (),
            say=None, communes: bool = True, quiet: frozenset[str] = frozenset()):
    """The small plan's 6T report (Excel, HTML, Word) from ``returns`` (support/report.py's
    form); ``extra`` communes join the group of TTHC-01, those in ``quiet`` sending no
    file; without ``communes``, its communes are offices of another kind (a commune's
    own plan)."""
    master = leading_too(tiny_master(), list(extra))
    if not communes:
        master.units = [replace(u, kind=OTHER) if u.kind == COMMUNE else u
                        for u in master.units]
    folder = tmp_path_factory.mktemp(name)
    db = build_ledger(folder / L.LEDGER_NAME, master, returns=returns,
                      saved=sent_too(u.code for u in extra if u.code not in quiet))
    return write_report(db, "6T", folder / "bao-cao.xlsx", html=folder / "bao-cao.html",
                        docx=folder / "bao-cao.docx", **({"say": say} if say else {}))


def _cells(path, sheet: str) -> list[str]:
    ws = load_workbook(path)[sheet]
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


# --- tasks nobody reported on --------------------------------------------------------

@pytest.fixture(scope="module")
def silent(tmp_path_factory):
    """Phòng Tư pháp leaves TC-02 (due in December: in time) blank: nobody reported on it,
    as on TC-04 (Xã Hai sent nothing; overdue)."""
    returns = {**small_plan.RETURNS,
               "TP": {k: v for k, v in small_plan.RETURNS["TP"].items() if k != "TC-02"}}
    return _report(tmp_path_factory, "silent", returns)


# Both tasks not started had no report: "đều", not "(trong đó 2 nhiệm vụ ...)" after 2.
SENTENCE = ("Hoàn thành 1/7 nhiệm vụ, đạt 14,29%; đang thực hiện 4, chưa thực hiện 2 nhiệm vụ "
            "(đều chưa có báo cáo).")


def test_the_headline_says_tasks_without_a_report_apart_in_every_output(silent):
    xlsx, page, word = silent.paths
    assert SENTENCE in _cells(xlsx, "Theo lĩnh vực")
    assert SENTENCE in html.unescape(page.read_text(encoding="utf-8"))
    body = texts(Document(word))
    assert SENTENCE in body  # under Phụ lục I
    assert any("chưa thực hiện 2 nhiệm vụ (đều chưa có báo cáo)" in p
               for p in body if p.startswith("Đến ngày"))
    # An area's paragraph says it the same way (one home: said.silent_part).
    assert any("chưa thực hiện 2 nhiệm vụ (đều chưa có báo cáo)" in p
               for p in body if p.startswith("Được giao"))


@pytest.mark.parametrize("not_started, not_reported, said", [
    (2, 2, " (đều chưa có báo cáo)"), (3, 2, " (trong đó 2 nhiệm vụ chưa có báo cáo)"),
    # "đều" ("all of them") is not said of one (a probe: "chưa thực hiện 1 nhiệm vụ (đều
    # chưa có báo cáo)" in four of a commune's five reports).
    (1, 1, " (chưa có báo cáo)"), (2, 0, "")])
def test_tasks_without_a_report_are_said_apart_in_words_that_fit_their_number(
        not_started, not_reported, said):
    from cchc_xl.report.said import silent_part
    from cchc_xl.report.summary import Counts

    assert silent_part(Counts(not_started=not_started, not_reported=not_reported)) == said


def test_table_by_area_says_which_columns_are_already_counted(silent):
    """"Chưa báo cáo" stood beside "Chưa thực hiện" as if the two added up."""
    ws = load_workbook(silent.paths[0])["Theo lĩnh vực"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "TT")
    top = [ws.cell(header, c).value for c in range(1, 14)]
    below = [ws.cell(header + 1, c).value for c in range(1, 14)]
    assert top[9] == "Trong đó (đã tính ở các cột trước)"
    assert below[9:12] == ["Chưa có báo cáo", "Cần đánh giá", "Cần xác minh"]
    assert ("Cột “Chưa có báo cáo” là các nhiệm vụ không đơn vị chủ trì nào báo cáo, đã tính "
            "trong cột “Chưa thực hiện”; cột “Cần đánh giá” đã tính trong “Đã hoàn thành” hoặc "
            "“Đang thực hiện”; cột “Cần xác minh” đã tính trong “Đang thực hiện” hoặc “Chưa "
            "thực hiện” (chưa tính là hoàn thành).") in _cells(silent.paths[0], "Theo lĩnh vực")
    # What the note says holds of every row: a task "cần xác minh" is never done.
    summary = silent.summary
    for counts in [*summary.areas, summary.total]:
        assert counts.needs_verification <= counts.in_progress + counts.not_started
        assert counts.needs_assessment <= counts.done + counts.in_progress


def test_the_word_report_lists_unreported_tasks_apart(silent):
    body = texts(Document(silent.paths[2]))
    assert ("Chưa có báo cáo (tính là chưa thực hiện): Kiểm tra văn bản (chủ trì: "
            "Phòng Tư pháp).") in body
    assert not any(p.startswith("Chưa thực hiện: Kiểm tra văn bản") for p in body)
    assert ("Quá hạn, chưa hoàn thành: Phổ biến pháp luật ở xã (chưa có báo cáo: Xã "
            "Hai).") in body
    # Phụ lục III, and Biểu 3 of the workbook: the same words.
    state = "Chưa có báo cáo (tính là chưa thực hiện)"
    assert state in body
    assert state in _cells(silent.paths[0], "Chưa hoàn thành")


def test_a_task_nobody_reported_on_shows_no_progress_in_every_output(silent):
    """Biểu 3 read "Chưa có báo cáo (tính là chưa thực hiện)" beside "0,00%" (a QA pass):
    the task counts at 0% in the means, but nothing was reported to show. Its "Tiến độ"
    is blank in the workbook, the page and the Word report's Phụ lục III, as for another
    task with no percentage; a task reported on keeps its figure."""
    state = "Chưa có báo cáo (tính là chưa thực hiện)"
    ws = load_workbook(silent.paths[0])["Chưa hoàn thành"]
    rows = {r[1]: (r[5], r[6]) for r in ws.iter_rows(values_only=True) if r[1]}
    assert rows["TC-02"] == rows["TC-04"] == (state, None)
    assert rows["TC-03"] == ("Đang thực hiện", "50,00%")
    page = html.unescape(silent.paths[1].read_text(encoding="utf-8"))
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page, flags=re.S)
    after = [cells[i + 1] for i, c in enumerate(cells) if c == state]
    assert after == ["", ""]
    said = [[c.text for c in r.cells] for t in Document(silent.paths[2]).tables
            for r in t.rows if any(c.text == state for c in r.cells)]
    assert [r[r.index(state) + 1] for r in said] == ["", ""]


# --- the notes of the web app's workbook ---------------------------------------------

def test_notes_said_the_browser_s_way_name_no_command_nor_ledger_file(tmp_path_factory):
    result = _report(tmp_path_factory, "say", small_plan.RETURNS, say=for_browser)
    notes = " ".join(_cells(result.paths[0], "Ghi chú"))
    assert "lệnh" not in notes and "cchc-xl" not in notes
    assert "cchc-ledger.sqlite" not in notes


def test_notes_name_no_tool_a_report_goes_to_the_office_above(silent, tmp_path_factory):
    """The notes of a commune's report named the commands "withdraw" and "assess", and
    gave "UBND các xã, phường" as the example of a group (a QA pass of a commune's
    documents): a report goes to the office above; the example is a group of the plan."""
    notes = " ".join(_cells(silent.paths[0], "Ghi chú"))
    assert "withdraw" not in notes and "assess" not in notes and "lệnh" not in notes
    assert "trang Báo cáo" not in notes and "trang Thu nhận" not in notes
    assert '(ví dụ "UBND các xã, phường")' in notes  # this plan gives work to communes
    offices = _report(tmp_path_factory, "offices", {"NV": small_plan.RETURNS["NV"]},
                      communes=False)
    assert '(ví dụ "Các phòng chuyên môn")' in " ".join(_cells(offices.paths[0], "Ghi chú"))


def test_notes_do_not_name_the_ledger_file(silent):
    notes = _cells(silent.paths[0], "Ghi chú")
    assert any(n.startswith("Nguồn số liệu: các tệp báo cáo của đơn vị đã gộp vào sổ cái của "
                            "cơ quan tổng hợp, kỳ 6 tháng đầu năm 2023") for n in notes)
    assert "cchc-ledger.sqlite" not in " ".join(notes)


# --- groups of communes in sentences -------------------------------------------------

EXTRA = [Unit(f"T{i}", f"Xã Thử Nghiệm Số {i}", COMMUNE, groups=["XA"]) for i in range(3, 63)]


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    """62 communes: 40 write "Thiếu nhân lực, đề nghị tập huấn", 15 more "Thiếu nhân lực,
    đề nghị hỗ trợ kinh phí"."""
    notes = {u.code: ("Thiếu nhân lực, đề nghị tập huấn" if n < 40 else
                      "Thiếu nhân lực, đề nghị hỗ trợ kinh phí")
             for n, u in enumerate(EXTRA[:55])}
    returns = {**small_plan.RETURNS, **{
        code: {"TTHC-01": done(date(2023, 5, 10), "Báo cáo số 1/BC-UBND", note)}
        for code, note in notes.items()}}
    return _report(tmp_path_factory, "crowd", returns, extra=EXTRA)


def _said(body: list[str], start: str) -> str:
    (line,) = [p for p in body if p.startswith(start)]
    return line


def test_a_group_is_named_by_exclusion_only_when_that_is_clearly_shorter(crowd):
    body = texts(Document(crowd.paths[2]))
    # 55 of the 62 communes: the 7 left out are shorter to name.
    shortage = _said(body, "- Thiếu nhân lực")
    assert "55 xã (trừ xã Một, xã Hai, xã Thử Nghiệm Số 58, xã Thử Nghiệm Số 59" in shortage
    # 40 of 62: 22 left out is no shorter; a crowd is counted. The report goes to bodies
    # without the office's consolidated workbook: it never sends its reader there.
    training = _said(body, "- Đề nghị tập huấn")
    assert "(nhiệm vụ “Công khai thủ tục tại xã”; 40 đơn vị: 40 xã)." in training
    assert not [t for t in body if "tệp tổng hợp" in t or "Tất cả dòng" in t]
    assert "trừ" not in training
    # 15: named.
    funds = _said(body, "- Đề nghị hỗ trợ kinh phí")
    assert "15 xã (Thử Nghiệm Số 43, Thử Nghiệm Số 44," in funds and "trừ" not in funds


def test_a_province_s_crowd_is_not_named_by_a_long_exclusion():
    """150 communes, 127 of which gave a difficulty: the sentence read "127 xã (trừ …)"
    naming the 23 others, more than a crowd is ever named; a province's Word report had
    three such lists in sections III and IV. Left out up to a crowd (20): named."""
    from cchc_xl.report.docx import CROWD
    from cchc_xl.report.names import name_units

    master = tiny_master()
    master.units = [u for u in master.units if u.kind != COMMUNE] + [
        Unit(f"P{i}", f"Xã Tỉnh Thử {i}", COMMUNE) for i in range(150)]
    communes = [u.code for u in master.units if u.kind == COMMUNE]
    assert name_units(master, communes[:127], crowd=CROWD) == "127 xã"
    few_left = name_units(master, communes[:130], crowd=CROWD)
    assert few_left.startswith("130 xã (trừ xã Tỉnh Thử 130, ") and few_left.count(",") == 19


def _behind(tmp_path_factory, name: str, quiet: int):
    """The 62 communes of TTHC-01 (due 15/5) behind at 6T: Xã Một and the extra communes
    report it in progress, but the last ``quiet`` of them send nothing (Xã Hai's file is
    refused)."""
    silent = frozenset(u.code for u in EXTRA[len(EXTRA) - quiet:])
    returns = {**small_plan.RETURNS,
               "X1": {**small_plan.RETURNS["X1"], "TTHC-01": doing(60)},
               **{u.code: {"TTHC-01": doing(50)} for u in EXTRA if u.code not in silent}}
    return _report(tmp_path_factory, name, returns, extra=EXTRA, quiet=silent)


def test_an_overdue_task_names_the_units_behind_on_what_is_overdue(tmp_path):
    """A task of two products, the first (Phòng Nội vụ's, due in February) overdue at the
    6-month cut-off, the second (the communes', due in August) not due: "Quá hạn, chưa
    hoàn thành" named the communes too, behind on nothing due yet (a QA pass: "Kiểm tra
    quy chế làm việc (chưa hoàn thành: 105 xã, phường; chưa có báo cáo: Sở Nội vụ; …)"
    in a province's report, while its overdue letter named the Sở alone)."""
    master = tiny_master()
    second = master.areas[1].tasks[1].deliverables[1]
    second.lead, second.lead_text = ["X1", "X2"], "UBND các xã"
    returns = {**small_plan.RETURNS,
               "NV": {**small_plan.RETURNS["NV"], "TTHC-02": doing(30)},
               "X1": {**small_plan.RETURNS["X1"], "TTHC-02.2": doing(20)}}
    db = build_ledger(tmp_path / L.LEDGER_NAME, master, returns=returns)
    report = write_report(db, "6T", tmp_path / "bao-cao.xlsx", docx=tmp_path / "bao-cao.docx")
    overdue = [p for p in _running_text(report.paths[-1])
               if p.startswith("Quá hạn, chưa hoàn thành:") and "Số hóa hồ sơ" in p]
    assert len(overdue) == 1, overdue
    said = re.search(r"Số hóa hồ sơ \([^)]*\)", overdue[0])[0]
    assert said == "Số hóa hồ sơ (chưa hoàn thành: Phòng Nội vụ)", overdue


def test_communes_left_out_are_not_named_again_when_listed_next(tmp_path_factory):
    """An overdue task of a province's report read "chưa hoàn thành: Phòng Nội vụ; 144
    xã (trừ <6 names>); chưa có báo cáo: 6 xã (<the same 6 names>)" (a QA pass): the 6
    are named once, every figure kept."""
    body = _running_text(_behind(tmp_path_factory, "behind", 5).paths[2])
    (overdue,) = [p for p in body if p.startswith("Quá hạn, chưa hoàn thành: Công khai")]
    assert ("Công khai thủ tục tại xã (chưa hoàn thành: 56 xã; chưa có báo cáo: 6 xã (Hai, "
            "Thử Nghiệm Số 58, Thử Nghiệm Số 59, Thử Nghiệm Số 60, Thử Nghiệm Số 61, "
            "Thử Nghiệm Số 62))") in overdue
    assert "trừ" not in overdue
    # And the other way round: those not finished named, the crowd silent counted.
    from cchc_xl.report.docx import CROWD
    from cchc_xl.report.names import name_units

    master = tiny_master()
    master.units += EXTRA
    communes = [u.code for u in master.units if u.kind == COMMUNE]
    assert name_units(master, communes[6:], crowd=CROWD, apart=communes[:6]) == "56 xã"
    assert name_units(master, communes[6:], crowd=CROWD) == (
        "56 xã (trừ xã Một, xã Hai, xã Thử Nghiệm Số 3, xã Thử Nghiệm Số 4, "
        "xã Thử Nghiệm Số 5, xã Thử Nghiệm Số 6)")


def test_units_that_sent_nothing_are_counted_in_the_running_text_when_a_crowd(
        tmp_path_factory):
    """"Chưa gửi hoặc chưa có báo cáo hợp lệ:" named every unit that sent nothing (a
    province's 6T: 102 communes, a QA pass): a crowd is counted as the report counts one
    elsewhere; a few are named. The reminder letter still names each (in its annex)."""
    from test_figures import word_text

    from cchc_xl.letters.remind import write_reminders

    many = _behind(tmp_path_factory, "many-quiet", 40)
    body = _running_text(many.paths[2])
    (general,) = [p for p in body if "Chưa gửi hoặc chưa có báo cáo hợp lệ:" in p]
    # Counted, they are named in Phụ lục II, which the sentence points to.
    assert general.endswith("Chưa gửi hoặc chưa có báo cáo hợp lệ: 41 xã (danh sách tại "
                            "Phụ lục II).")
    assert not [p for p in body if "Thử Nghiệm Số 62" in p]
    assert any(p.endswith("Đôn đốc 40 đơn vị chưa gửi báo cáo kỳ này và 1 đơn vị có tệp bị "
                          "từ chối gửi lại báo cáo hợp lệ.") for p in body)
    letter = write_reminders(many.paths[0].parent / L.LEDGER_NAME, "6T",
                             many.paths[0].parent / "don-doc.docx", today=date(2023, 6, 20))
    # Named in its annex of the units not sent (more than ten communes: counted in its
    # body, letters/named.py).
    paragraphs, rows = word_text(letter.paths[0])
    assert any("Thử Nghiệm Số 62" in cell for row in rows for cell in row)
    assert any("(có tên tại Phụ lục" in p for p in paragraphs)
    # Those that sent late the same way: 21 communes counted.
    summary = many.summary
    late = {u.code for u in EXTRA[:21]}
    summary.units = [replace(u, return_status=RETURN_LATE, days_late=3) if u.code in late
                     else u for u in summary.units]
    text = _running_text(write_docx(summary, many.paths[0].parent / "muon.docx"))
    (general,) = [p for p in text if "Sau hạn, nhận thêm" in p]
    assert "Sau hạn, nhận thêm báo cáo của 22 đơn vị: Phòng Tư pháp; 21 xã." in general
    few = _running_text(_behind(tmp_path_factory, "few-quiet", 5).paths[2])
    (general,) = [p for p in few if "Chưa gửi hoặc chưa có báo cáo hợp lệ:" in p]
    assert general.endswith("Chưa gửi hoặc chưa có báo cáo hợp lệ: 6 xã (Hai, Thử Nghiệm "
                            "Số 58, Thử Nghiệm Số 59, Thử Nghiệm Số 60, Thử Nghiệm Số 61, "
                            "Thử Nghiệm Số 62).")


def test_the_closing_reminder_counts_units_that_sent_nothing_apart_from_refused_ones(
        tmp_path_factory):
    """"Đôn đốc 157 đơn vị chưa gửi báo cáo" counted the 2 units whose every file was
    refused, while the web app's Phản hồi page said "Chưa gửi: 155 đơn vị chưa gửi tệp
    nào" and listed the 2 apart (a QA pass): the sentence counts them as that page does."""
    body = _running_text(_behind(tmp_path_factory, "split-quiet", 3).paths[2])
    assert [p for p in body if "Đôn đốc" in p][0].endswith(
        "Đôn đốc 3 đơn vị chưa gửi báo cáo kỳ này và 1 đơn vị có tệp bị từ chối gửi lại "
        "báo cáo hợp lệ.")
    # Xã Hai alone, its file refused: it did send.
    only = _running_text(_report(tmp_path_factory, "only-refused", small_plan.RETURNS,
                                 communes=True).paths[2])
    (closing,) = [p for p in only if "Đôn đốc" in p]
    assert closing.endswith(" Đôn đốc 1 đơn vị có tệp bị từ chối gửi lại báo cáo hợp lệ.")
    assert "chưa gửi báo cáo kỳ này" not in closing


def test_several_errors_of_a_row_to_verify_are_told_apart():
    """Two errors of one row ran together in Phụ lục IV's cell ("…ngày/tháng/năm trạng
    thái 'Đã hoàn thành'…"): each is marked when there are several."""
    from cchc_xl.report.tables import _each

    assert _each(["tỷ lệ 120% ngoài khoảng 0–100", "ngày hoàn thành sau ngày chốt"]) == (
        "– tỷ lệ 120% ngoài khoảng 0–100\n– ngày hoàn thành sau ngày chốt")
    assert _each(["tỷ lệ 120% ngoài khoảng 0–100"]) == "tỷ lệ 120% ngoài khoảng 0–100"


def test_a_row_to_verify_says_what_is_wrong_not_what_the_unit_must_do():
    """Phụ lục IV, sent to the office above, quoted the instructions of the units'
    feedback ("ghi số từ 0 đến 100"): it says what is wrong."""
    from cchc_xl.report.tables import _what_is_wrong

    assert _what_is_wrong("tỷ lệ 120% ngoài khoảng 0–100: ghi số từ 0 đến 100") == (
        "tỷ lệ 120% ngoài khoảng 0–100")
    assert _what_is_wrong("ngày hoàn thành 18/09/2023 sau ngày chốt số liệu 14/09/2023 của "
                          "kỳ: kiểm tra lại ngày, hoặc báo cáo ở kỳ sau") == (
        "ngày hoàn thành 18/09/2023 sau ngày chốt số liệu 14/09/2023 của kỳ")


def test_a_task_led_by_one_unit_names_it_as_the_units_sheet_does(hh_samples_merged):
    """The Hoằng Hóa plan writes some leads its own way ("- Phòng Nội vụ.", "Phòng Tài
    chính - KH."): "Chưa hoàn thành" printed them so, while every other table of the
    same report names the unit from the units sheet. A group keeps the plan's words."""
    from cchc_xl.report.summary import summarize
    from cchc_xl.report.tables import summary_grids

    result, _ = hh_samples_merged
    summary = summarize(load_snapshot(result.db, "9T"))
    grid = next(g for g in summary_grids(summary) if g.key == "chua-hoan-thanh")
    names = summary.master.names
    by_id = {t.id: t for t in summary.pending}
    leads = {}
    for row in grid.rows:
        if row.cells:
            leads[row.cells[1].value] = row.cells[3].value
    single = {tid: by_id[tid].lead_units() for tid in leads if len(by_id[tid].lead_units()) == 1}
    written_otherwise = [tid for tid in single if by_id[tid].lead_text != names[single[tid][0]]]
    assert written_otherwise  # the plan writes some of them otherwise
    assert all(leads[tid] == names[codes[0]] for tid, codes in single.items())
    groups = [tid for tid in leads if len(by_id[tid].lead_units()) > 1]
    assert groups and all(leads[tid].startswith(by_id[tid].lead_text) for tid in groups)


def test_the_word_report_never_says_no_difficulty_was_told_when_units_gave_reasons(
        tmp_path_factory):
    """A unit's note "Còn hồ sơ đất đai tồn đọng" on unfinished work was quoted in
    Phụ lục III, while section III said no unit told of any difficulty: a note whose words
    read as none is pointed to where the reasons are, and "còn", "tồn đọng" read as one."""
    from support.report import doing, done

    def body(note: str) -> list[str]:
        returns = {**small_plan.RETURNS,
                   "NV": {**small_plan.RETURNS["NV"], "TC-03": doing(50, note),
                          "TTHC-02": done(date(2023, 3, 5), "Kế hoạch 30/KH-UBND")},
                   "TP": {"TC-01": small_plan.RETURNS["TP"]["TC-01"]}}
        report = _report(tmp_path_factory, "reasons", returns)
        return texts(Document(report.paths[2]))

    told = body("Còn hồ sơ đất đai tồn đọng")
    assert any(p.startswith("- Còn hồ sơ đất đai tồn đọng (nhiệm vụ “Theo dõi thi hành pháp "
                            "luật”; 1 đơn vị") for p in told)
    assert "Các đơn vị không nêu khó khăn, vướng mắc trong báo cáo." not in told
    # A note read as no difficulty: the reader is sent to the units' reasons.
    quiet = body("Đang phối hợp với các xã triển khai")
    assert ("Các đơn vị không nêu cụ thể khó khăn, vướng mắc; lý do các nhiệm vụ chưa hoàn "
            "thành theo ghi chú của đơn vị tại Phụ lục III kèm theo Báo cáo này.") in quiet
    assert "Các đơn vị không nêu khó khăn, vướng mắc trong báo cáo." not in quiet


def test_the_work_ahead_counts_the_unfinished_tasks_only(crowd):
    """Section V asked to "go on carrying out" the unfinished tasks and those finished
    late, these done already (the probe's 9-month report: 13, of which 4 done)."""
    body = texts(Document(crowd.paths[2]))
    total = crowd.summary.total
    (ahead,) = [t for t in body if t.startswith("Tiếp tục chỉ đạo thực hiện")]
    assert ahead.startswith(f"Tiếp tục chỉ đạo thực hiện {total.tasks - total.done} nhiệm vụ "
                            "chưa hoàn thành")
    assert "hoàn thành quá hạn" not in ahead


def test_notes_worded_each_their_own_way_are_listed_then_counted(tmp_path_factory):
    """53 communes each wrote their own note on one unfinished task: section III listed
    44 bullets of one commune each over 4 pages, and the task's "Lý do" cell in Phụ lục
    III ran over nine (a row is never split): a probe. The most given are listed, the
    rest counted."""
    from cchc_xl.report.docx import DIGEST_LISTED
    from cchc_xl.report.tables import REASONS_LISTED
    from support.report import doing

    own = {u.code: f"Thiếu kinh phí số hóa hồ sơ năm {n}" for n, u in enumerate(EXTRA[:30])}
    returns = {**small_plan.RETURNS, **{
        code: {"TTHC-01": doing(40, note)} for code, note in own.items()}}
    report = _report(tmp_path_factory, "own-notes", returns, extra=EXTRA)
    body = texts(Document(report.paths[2]))
    start = body.index("III. KHÓ KHĂN, VƯỚNG MẮC")
    section = body[start + 1:body.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")]
    bullets = [p for p in section if p.startswith("- ")]
    assert len(bullets) == DIGEST_LISTED + 1
    assert "- Thiếu kinh phí số hóa hồ sơ năm 0 (nhiệm vụ “Công khai thủ tục tại xã”; 1 đơn " \
           "vị: Xã Thử Nghiệm " \
           "Số 3)." in bullets
    # The small plan's own two notes, of one unit each, and the 30: all but 10 counted.
    assert bullets[-1] == f"- Ngoài ra, {32 - DIGEST_LISTED} ý kiến khác của " \
                          f"{32 - DIGEST_LISTED} đơn vị."
    # Phụ lục III: TTHC-01's "Lý do" lists the first notes, then counts the rest.
    (cell,) = [c for c in _cells(report.paths[0], "Chưa hoàn thành")
               if "Thiếu kinh phí số hóa hồ sơ" in c]
    lines = cell.split("\n")
    assert len(lines) == REASONS_LISTED + 1
    assert lines[-1] == f"Và {30 - REASONS_LISTED} ghi chú khác của {30 - REASONS_LISTED} " \
                        "đơn vị."


@pytest.mark.parametrize("made_on, early, before_due", [
    (date(2023, 9, 1), True, True),       # before the cut-off (14/09)
    (date(2023, 9, 16), False, True),     # after it, before returns are due (20/09)
    (date(2023, 10, 2), False, False)])
def test_a_report_made_before_its_dates_does_not_state_them_as_past(tmp_path, made_on, early,
                                                                    before_due):
    """Made on 03/12/2026 for the year (cut-off 14/12, returns due 20/12), the Word report
    said "Đến hạn gửi báo cáo (20/12/2026) đã nhận báo cáo của 120/147 đơn vị" and "Đến
    ngày 14/12/2026, đã hoàn thành 6/13 nhiệm vụ": facts of days still to come (a probe).
    It says what it knows by the day it is made, and a draft made before the cut-off
    says it is one, in every output."""
    from dataclasses import replace

    from cchc_xl.report import summarize
    from cchc_xl.report.html import write_html
    from cchc_xl.report.tables import heading

    db = build_ledger(tmp_path / L.LEDGER_NAME, tiny_master())
    summary = replace(summarize(load_snapshot(db, "9T")), made_on=made_on)
    body = texts(Document(write_docx(summary, tmp_path / "bao-cao.docx")))
    draft = ("Báo cáo lập ngày {}, trước ngày chốt số liệu 14/09/2023: số liệu chưa đủ kỳ (các "
             "đơn vị còn gửi báo cáo), nhiệm vụ chưa hoàn thành được xét hạn tại ngày chốt; "
             "lập lại báo cáo sau ngày chốt.").format(made_on.strftime("%d/%m/%Y"))
    made = made_on.strftime("%d/%m/%Y")
    said = "\n".join(body)
    assert (draft in said) == early
    assert "I. KẾT QUẢ THỰC HIỆN CHUNG" in body  # a heading of its own, after it
    assert (f"(số liệu đến ngày {made}) như sau:" in said) == early
    # The draft's note before the sentence introducing the report, which ends with its
    # "như sau:" (the note ran on after it, as if what followed: a QA pass).
    (intro,) = [p for p in body if p.startswith("Thực hiện ")]
    assert intro.endswith(" như sau:")
    assert (body.index(intro) > 0 and body[body.index(intro) - 1] == draft) == early
    assert any(p.startswith(f"Đến ngày {made if early else '14/09/2023'}, đã hoàn thành ")
               for p in body)
    assert (f"Đến ngày {made} (hạn gửi báo cáo là ngày 20/09/2023), đã nhận báo cáo của"
            in said) == before_due
    assert ("Đến hạn gửi báo cáo (20/09/2023) đã nhận báo cáo của" in said) == (not before_due)
    # The workbook's and the page's heading (one home: tables.heading).
    assert ((draft, "italic") in heading(summary, "BÁO CÁO")) == early
    page = write_html(summary, summary.master, tmp_path / "bao-cao.html").read_text("utf-8")
    assert (draft in html.unescape(page)) == early
    # The plan appendix's pages with results say the day the figures are to as the first
    # page does: a draft's pages said the cut-off still to come (a QA pass).
    assert ("kết quả thực hiện 9 tháng năm 2023, số liệu đến ngày "
            f"{made if early else '14/09/2023'})" in html.unescape(page))
    assert ("số liệu đến ngày 14/09/2023)" in html.unescape(page)) == (not early)


# --- what the report's issuer is asked by its own offices -----------------------------

def test_what_the_offices_ask_of_the_committee_is_not_its_own_proposal(tmp_path_factory):
    """A commune's report, which its chairman signs to the level above, listed under
    "IV. ĐỀ XUẤT, KIẾN NGHỊ" an office's "Đề nghị UBND xã bổ sung dự toán": the committee
    proposing to itself (a QA pass). What the offices ask of the committee is said apart,
    as what it decides; what they ask of others stays its proposal."""
    returns = {**small_plan.RETURNS,
               "NV": {**small_plan.RETURNS["NV"],
                      "TC-03": doing(50, "Thiếu kinh phí, đề nghị UBND huyện bổ sung dự toán")},
               "TP": {**small_plan.RETURNS["TP"],
                      "TTHC-03": doing(70, "Chờ hướng dẫn, đề nghị Sở Tư pháp hướng dẫn")},
               # Naming the committee further on: asked of the department, not of it.
               "X1": {**small_plan.RETURNS["X1"],
                      "TTHC-03": doing(50, "Chậm, đề nghị Sở Nội vụ tập huấn cho UBND huyện")}}
    body = texts(Document(_report(tmp_path_factory, "own", returns).paths[2]))
    section = body[body.index("IV. ĐỀ XUẤT, KIẾN NGHỊ") + 1:]
    apart = section.index("Các đơn vị đề nghị UBND huyện (xem xét, giải quyết theo thẩm "
                          "quyền):")
    upward = sorted(line.split(" (")[0] for line in section[:apart])
    assert upward == ["- Đề nghị Sở Nội vụ tập huấn cho UBND huyện",
                      "- Đề nghị Sở Tư pháp hướng dẫn"]
    assert section[apart + 1].startswith("- Đề nghị UBND huyện bổ sung dự toán (")


def test_a_proposal_asking_the_committee_and_a_body_above_is_listed_under_both(
        tmp_path_factory):
    """A note asking the committee and a body above at once was listed by the first
    body it names: "Đề nghị UBND huyện và Sở Tài chính …" only as what the offices ask
    of the committee (the level above never read it), "Đề nghị Sở Tư pháp và UBND
    huyện …" only as the committee's proposal upward (it was not told it is asked too).
    Each is now listed under both; one asking the committee and one of its own offices
    asks no body above."""
    returns = {**small_plan.RETURNS,
               "NV": {**small_plan.RETURNS["NV"], "TC-03": doing(
                   50, "Thiếu kinh phí, đề nghị UBND huyện và Sở Tài chính bổ sung dự toán")},
               "TP": {**small_plan.RETURNS["TP"], "TTHC-03": doing(
                   70, "Chờ hướng dẫn, đề nghị Sở Tư pháp, UBND huyện hướng dẫn")},
               "X1": {**small_plan.RETURNS["X1"], "TTHC-03": doing(
                   50, "Chậm, đề nghị UBND huyện và Phòng Nội vụ tập huấn")}}
    body = texts(Document(_report(tmp_path_factory, "both", returns).paths[2]))
    section = body[body.index("IV. ĐỀ XUẤT, KIẾN NGHỊ") + 1:
                   body.index("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI")]
    apart = section.index("Các đơn vị đề nghị UBND huyện (xem xét, giải quyết theo thẩm "
                          "quyền):")
    upward = sorted(line.split(" (")[0] for line in section[:apart])
    own = sorted(line.split(" (")[0] for line in section[apart + 1:])
    assert upward == ["- Đề nghị Sở Tư pháp, UBND huyện hướng dẫn",
                      "- Đề nghị UBND huyện và Sở Tài chính bổ sung dự toán"]
    assert own == ["- Đề nghị Sở Tư pháp, UBND huyện hướng dẫn",
                   "- Đề nghị UBND huyện và Phòng Nội vụ tập huấn",
                   "- Đề nghị UBND huyện và Sở Tài chính bổ sung dự toán"]


@pytest.mark.parametrize("text, upward, own", [
    ("Đề nghị UBND xã, UBND tỉnh quan tâm bố trí kinh phí", True, True),
    ("Đề nghị Sở Nội vụ và UBND xã tập huấn", True, True),
    ("Đề nghị Sở Tư pháp hướng dẫn và UBND xã bố trí kinh phí", True, True),
    ("Đề nghị UBND xã và HĐND xã bố trí kinh phí", False, True),
    ("Đề nghị UBND xã và Văn phòng HĐND và UBND xã bố trí", False, True),
    ("Đề nghị Sở Nội vụ tập huấn cho cán bộ và UBND xã", True, False),
    ("Đề nghị UBND tỉnh hỗ trợ kinh phí, hướng dẫn UBND xã", True, False),
    # The level above named in lower case is a body above all the same (a QA pass: "Đề
    # nghị UBND xã và cấp trên" was listed as asking the commune alone).
    ("Đề nghị UBND xã và cấp trên quan tâm hỗ trợ kinh phí", True, True),
    ("Đề nghị UBND xã, cơ quan cấp trên bố trí kinh phí", True, True),
    ("Đề nghị UBND xã và các cơ quan có thẩm quyền xem xét", True, True),
    ("Kiến nghị UBND xã và cấp có thẩm quyền bổ sung biên chế", True, True),
    ("Đề nghị UBND xã và các cấp quan tâm", True, True),
    ("Đề nghị cấp trên và UBND xã hỗ trợ", True, True),
    ("Đề nghị UBND xã và tạo điều kiện cho cán bộ", False, True),
    ("Đề nghị UBND xã và cấp kinh phí cho thôn", False, True),
])
def test_a_proposal_asking_two_bodies_asks_each(text, upward, own):
    from cchc_xl.report.docx import DigestItem, addressed_to

    item = DigestItem(text, "Văn phòng", ["TC-01"], frozenset({"VP"}))
    assert addressed_to([item], "xã", ["Văn phòng HĐND và UBND xã"]) == (
        [item] if upward else [], [item] if own else [])


def test_a_province_bodys_proposal_asked_with_another_sở_is_listed_under_both():
    """The Sở Nội vụ's plan for the province: a commune asking it and the Sở Tài chính
    (a peer, not under it) asks both."""
    from cchc_xl.issuer import plan_level
    from cchc_xl.model import Plan
    from cchc_xl.report.docx import DigestItem, addressed_to_body

    words = plan_level(Plan("Sở Nội vụ", "Kế hoạch", 2026), [Unit("X", "Xã A")]).words
    item = DigestItem("Đề nghị Sở Tài chính và Sở Nội vụ bố trí kinh phí", "Xã A", ["T"],
                      frozenset({"X"}))
    assert addressed_to_body([item], words, "Sở Nội vụ", own=False) == ([item], [item])


@pytest.mark.parametrize("province, text, upward, below", [
    (True, "Đề nghị Sở Nội vụ hỗ trợ tập huấn", False, True),
    (True, "Đề nghị Giám đốc Sở Tài chính bố trí kinh phí", False, True),
    (True, "Đề nghị STC bố trí kinh phí", False, True),
    (True, "Đề nghị UBND các xã bố trí cán bộ", False, True),
    (True, "Đề nghị Sở Tài chính và Bộ Tài chính hướng dẫn", True, True),
    (True, "Đề nghị Sở Tài chính và UBND tỉnh bố trí kinh phí", False, True),
    (True, "Đề nghị Bộ Nội vụ tập huấn cho Sở Nội vụ", True, False),
    # A commune's report: a sở is above it; its own offices are under it.
    (False, "Đề nghị Sở Nội vụ hỗ trợ tập huấn", True, False),
    (False, "Đề nghị Phòng Văn hóa - Xã hội hướng dẫn", False, True),
])
def test_a_proposal_asking_a_body_under_the_committee_is_not_asked_upward(
        province, text, upward, below):
    """A People's Committee's report: what its units ask first of a body it directs (a
    unit of the plan; in a province's, a sở or a commune's committee) is not its proposal
    to the level above."""
    from cchc_xl.report.docx import DigestItem, asked_below

    item = DigestItem(text, "Văn phòng", ["TC-01"], frozenset({"VP"}))
    kind = "tỉnh" if province else "xã"
    units = ["Sở Nội vụ", "Xã A"] if province else ["Phòng Văn hóa - Xã hội"]
    assert asked_below([item], kind, units, province) == (
        [item] if upward else [], [item] if below else [])


@pytest.mark.parametrize("text, own", [
    ("Đề nghị UBND huyện bổ sung dự toán", True),
    ("Đề nghị Phó Chủ tịch UBND huyện chỉ đạo", True),
    ("Đề nghị: UBND huyện bổ sung kinh phí", True),
    ("Đề nghị HĐND, UBND huyện bố trí kinh phí", True),
    ("Kiến nghị với UBND huyện sớm phê duyệt", True),
    ("Đề nghị Sở Nội vụ tập huấn cho UBND huyện", False),
    ("Đề nghị UBND tỉnh hỗ trợ kinh phí cho UBND huyện", False),
])
def test_a_proposal_is_the_committee_s_own_when_it_is_the_one_asked(text, own):
    from cchc_xl.report.docx import DigestItem, addressed_to

    item = DigestItem(text, "Phòng Nội vụ", ["TC-01"], frozenset({"NV"}))
    assert addressed_to([item], "huyện") == (([], [item]) if own else ([item], []))


@pytest.mark.parametrize("authority, text, own", [
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Đề nghị Giám đốc Sở bổ sung biên chế", True),
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Đề nghị Ban Giám đốc quan tâm chỉ đạo", True),
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Đề nghị: Sở bố trí kinh phí", True),
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Kiến nghị với Lãnh đạo Sở Tư pháp sớm phê duyệt", True),
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Đề nghị Sở Tư pháp tỉnh Thanh Hóa bổ sung máy", True),
    # Another body, though a word of the body's own is in its name.
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Đề nghị Giám đốc Sở Nội vụ hướng dẫn", False),
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Đề nghị Sở Nội vụ tập huấn cho Sở", False),
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Đề nghị Giám đốc Trung tâm Phục vụ hành chính công", False),
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", "Đề nghị UBND tỉnh chỉ đạo Sở", False),
    ("Sở Nội vụ", "Đề nghị Sở Nội vụ tổ chức tập huấn", True),
    ("VĂN PHÒNG UBND TỈNH LAI CHÂU", "Đề nghị Phó Chánh Văn phòng phụ trách chỉ đạo", True),
    ("VĂN PHÒNG UBND TỈNH LAI CHÂU", "Đề nghị Văn phòng Ủy ban nhân dân tỉnh bố trí xe", True),
    ("VĂN PHÒNG UBND TỈNH LAI CHÂU", "Đề nghị Văn phòng Tỉnh ủy cung cấp tài liệu", False),
    ("VĂN PHÒNG UBND TỈNH LAI CHÂU", "Đề nghị Lãnh đạo UBND tỉnh cho ý kiến", False),
])
def test_a_proposal_is_its_own_when_the_body_or_its_leaders_are_asked(authority, text, own):
    """A department's or the committee office's plan for its own rooms: what a room asks
    of the body or of its leaders is not the body's proposal to the level above."""
    from cchc_xl.issuer import plan_level
    from cchc_xl.model import Plan
    from cchc_xl.report.docx import DigestItem, addressed_to_body

    words = plan_level(Plan(authority, "Kế hoạch", 2026), [Unit("VP", "Văn phòng")]).words
    item = DigestItem(text, "Văn phòng", ["TC-01"], frozenset({"VP"}))
    assert addressed_to_body([item], words, authority) == (([], [item]) if own else ([item], []))


def _running_text(path) -> list[str]:
    """The Word report's paragraphs outside its tables: what a reader reads as sentences."""
    return [p.text for p in Document(path).paragraphs if p.text.strip()]


def test_the_word_report_names_tasks_by_what_they_are_not_by_their_codes(hh_samples_merged,
                                                                         hh_master, tmp_path):
    """The Word report's sentences said "(TCC-02; chưa hoàn thành: …)" and a difficulty's
    "(nhiệm vụ TC-03; 1 đơn vị …)": the tool's codes, printed neither in the plan (its
    tasks are numbered 1, 2… in each appendix) nor anywhere else in a signed report (a QA
    pass). The task's content says which it is; the plan's Hoằng Hóa tasks, in full."""
    _, merged = hh_samples_merged
    out = write_report(merged, "9T", tmp_path / "bc.xlsx", docx=tmp_path / "bc.docx").paths
    body = _running_text(out[-1])
    ids = {t.id for a in hh_master.areas for t in a.tasks}
    assert not [p for p in body if ids & set(re.findall(r"[A-ZĐ]+-[0-9]+(?:-[0-9]+)*", p))]
    assert ("Quá hạn, chưa hoàn thành: Ban hành Chương trình thực hành tiết kiệm, chống lãng "
            "phí huyện Hoằng Hóa năm 2023 (chưa hoàn thành: Phòng Tài chính - Kế hoạch); Ban "
            "hành Kế hoạch về kiểm tra tình hình quản lý sử dụng tài sản công trên địa bàn "
            "huyện năm 2023 để triển khai thực hiện (chưa hoàn thành: Phòng Tài chính - Kế "
            "hoạch).") in body
    assert ("Hoàn thành sau thời hạn: Xây dựng và ban hành Kế hoạch đầu tư công năm 2023 (chủ "
            "trì: Phòng Tài chính - Kế hoạch).") in body


def test_a_difficulty_on_a_few_tasks_names_them_shortened(tmp_path):
    """A difficulty given on up to three tasks names them: each by its content, cut at a
    word when long, in the plan's order; not by the tool's codes."""
    long = ("Triển khai thực hiện phần mềm đánh giá, chấm điểm chỉ số cải cách hành chính; "
            "chấm điểm mức độ hoàn thành nhiệm vụ")
    master = tiny_master()
    master.areas[0].tasks[2].content = long  # TC-03
    note = "Thiếu kinh phí thực hiện"
    returns = {**small_plan.RETURNS,
               "NV": {**small_plan.RETURNS["NV"], "TC-01": doing(40, note),
                      "TC-03": doing(50, note)}}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(small_plan, "RETURNS", returns)
        db = build_ledger(tmp_path / L.LEDGER_NAME, master)
    out = write_report(db, "6T", tmp_path / "bc.xlsx", docx=tmp_path / "bc.docx").paths
    (said,) = [p for p in _running_text(out[-1]) if p.startswith(f"- {note} (")]
    assert said == (f"- {note} (các nhiệm vụ “Rà soát văn bản”, “Triển khai thực hiện phần "
                    "mềm đánh giá, chấm điểm chỉ số cải cách…”; 1 đơn vị: Phòng Nội vụ).")


def test_the_word_report_s_appendices_and_the_workbook_s_plan_sheets_are_told_apart(tmp_path):
    """The Word report's appendices are "Phụ lục I" to "III" (Nghị định 30/2020); the
    workbook it goes with has Biểu 1 to 3 for them, and the plan's appendices with their
    results, headed as the plan prints them: "Phụ lục I", "II"… when the master gives no
    heading. Those said "(Kèm theo báo cáo kết quả thực hiện …)": two tables each "Phụ
    lục II" of the same report, and "xem Phụ lục II" pointed at either (a QA pass). The
    report's text says its own; the workbook's plan sheets say they are the plan's."""
    master = tiny_master()
    for area in master.areas:
        area.heading = ""
    db = build_ledger(tmp_path / L.LEDGER_NAME, master)
    out = write_report(db, "6T", tmp_path / "bc.xlsx", docx=tmp_path / "bc.docx").paths
    body = _running_text(out[-1])
    assert any(p.endswith(" Số liệu chi tiết tại Phụ lục I đến Phụ lục III kèm theo Báo cáo "
                          "này.") for p in body)
    assert [p for p in body if p.startswith("Phụ lục")] == ["Phụ lục I", "Phụ lục II",
                                                            "Phụ lục III"]
    wb = load_workbook(out[0])
    heads = {ws.title: [ws.cell(r, 1).value for r in (1, 2, 3, 4)] for ws in wb.worksheets}
    assert heads["Thể chế"] == [
        "KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2023", "Phụ lục I", "CẢI CÁCH THỂ CHẾ",
        "(Phụ lục I của Kế hoạch cải cách hành chính năm 2023; kết quả thực hiện 6 tháng đầu "
        "năm 2023, số liệu đến ngày 14/06/2023)"]
    assert heads["Thủ tục"][3].startswith("(Phụ lục II của Kế hoạch cải cách hành chính")
    texts_ = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
              if c.value is not None]
    assert not [t for t in texts_ if "kèm theo báo cáo" in t.casefold()]


def test_notes_say_a_done_without_its_date_is_to_verify_as_bieu_4_shows(silent):
    """A unit's "Đã hoàn thành" without a completion date is an error (docs/validation.md,
    `done-without-date`): Biểu 4 lists it and the figures count it in progress. The notes
    told the signing official it counted "đúng hạn" while the cut-off was before the
    due date (an audit of a province's 9-month report: Biểu 3 showed it "Đang thực
    hiện")."""
    notes = " ".join(_cells(silent.paths[0], "Ghi chú"))
    assert "không ghi ngày hoàn thành được tính đúng hạn" not in notes
    assert ("Nhiệm vụ báo cáo đã hoàn thành mà không ghi ngày hoàn thành là báo cáo cần xác "
            "minh: được tính là đang thực hiện") in notes


def test_a_task_done_late_names_the_leads_that_were_late(tmp_path):
    """"Hoàn thành sau thời hạn: … (chủ trì: Sở Nội vụ; Sở Tài chính)" named both leads of
    a task only one of them finished late (a figures audit). Phòng Nội vụ done on 20/03,
    Phòng Tư pháp on 01/03, due before 15/03: Phòng Nội vụ alone is named."""
    from cchc_xl.deadlines import parse_deadline

    master = tiny_master()
    (tc01,) = [d for d in master.deliverables() if d.id == "TC-01"]
    tc01.lead, tc01.lead_text, tc01.support, tc01.support_text = (
        ["NV", "TP"], "Phòng Nội vụ, Phòng Tư pháp", [], "")
    tc01.deadline = parse_deadline("Trước 15/3/2023", 2023)
    db = build_ledger(tmp_path / L.LEDGER_NAME, master)
    body = texts(Document(write_docx(summarize(load_snapshot(db, "6T")),
                                     tmp_path / "bao-cao.docx")))
    (late,) = [p for p in body if p.startswith("Hoàn thành sau thời hạn:")]
    assert "Rà soát văn bản (đơn vị hoàn thành sau hạn: Phòng Nội vụ)" in late, late


def test_a_note_of_several_lines_is_read_line_by_line(tmp_path):
    """A province's 9-month QA pass: a commune's note of two lines, "Thiếu máy quét, đề
    nghị hỗ trợ kinh phí số hóa." over "Đã số hóa được khoảng 60% hồ sơ tồn.", put the
    progress of the second line under "IV. ĐỀ XUẤT, KIẾN NGHỊ" as part of the proposal;
    a note of three lines, only the second a difficulty, was quoted whole under "III.
    KHÓ KHĂN". A line of its own is a statement of its own."""
    returns = {**small_plan.RETURNS,
               "NV": {**small_plan.RETURNS["NV"], "TC-03": doing(50, (
                   "Thiếu máy quét, đề nghị hỗ trợ kinh phí số hóa.\n"
                   "Đã số hóa được khoảng 60% hồ sơ tồn."))},
               "TP": {**small_plan.RETURNS["TP"], "TTHC-03": doing(70, (
                   "Đã ban hành kế hoạch, đang triển khai.\n"
                   "Đang chờ hướng dẫn của Sở Nội vụ về biểu mẫu.\n"
                   "Dự kiến hoàn thành trong quý IV."))},
               # a line that runs on is one statement; bulleted lines are each one
               "X1": {**small_plan.RETURNS["X1"], "TTHC-03": doing(50, (
                   "- Thiếu cán bộ do\nmới sắp xếp;\n- Chưa có kinh phí"))}}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(small_plan, "RETURNS", returns)
        db = build_ledger(tmp_path / L.LEDGER_NAME, tiny_master())
    out = write_report(db, "6T", tmp_path / "bc.xlsx", docx=tmp_path / "bc.docx").paths
    body = _running_text(out[-1])
    hard = body[body.index("III. KHÓ KHĂN, VƯỚNG MẮC") + 1:body.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")]
    asked = body[body.index("IV. ĐỀ XUẤT, KIẾN NGHỊ") + 1:body.index("V. NHIỆM VỤ TRỌNG TÂM "
                                                                      "THỜI GIAN TỚI")]
    said = [p.split(" (")[0] for p in hard + asked if p.startswith("- ")]
    assert "- Thiếu máy quét" in said
    assert "- Đề nghị hỗ trợ kinh phí số hóa" in said
    assert "- Đang chờ hướng dẫn của Sở Nội vụ về biểu mẫu" in said
    assert {"- Thiếu cán bộ do mới sắp xếp", "- Chưa có kinh phí"} <= set(said)
    assert not [p for p in hard + asked if "Đã số hóa" in p or "Đã ban hành kế hoạch" in p
                or "Dự kiến hoàn thành" in p]


@pytest.mark.parametrize(("made_on", "year"), [
    (date(2023, 9, 22), 2023),  # made after the 9-month returns were due, that year
    (date(2024, 1, 8), 2024),  # made again in January: signed in the new year
])
def test_the_report_is_dated_the_year_it_is_made(tmp_path, made_on, year):
    """A year's report made again in January, after late returns came in, read "…, ngày …
    tháng … năm 2026" and "(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm 2026 …)" on
    a report signed in 2027 (a QA pass at the year's turn): the date line and the
    appendices' note say the year the report is made, as the letters do."""
    db = build_ledger(tmp_path / L.LEDGER_NAME, tiny_master())
    summary = replace(summarize(load_snapshot(db, "9T")), made_on=made_on)
    doc = Document(write_docx(summary, tmp_path / "bao-cao.docx"))
    dated = [c.text for c in doc.tables[0].rows[1].cells]
    assert re.fullmatch(rf"Thử, ngày\s+tháng\s+năm {year}", dated[1]), dated
    notes = [p for p in texts(doc) if p.startswith("(Kèm theo Báo cáo số")]
    assert notes and all(re.search(rf"tháng\s+năm {year} của ", p) for p in notes), notes
    # The period stays the plan's: the title names 9 tháng năm 2023.
    assert "Kết quả thực hiện kế hoạch cải cách hành chính 9 tháng năm 2023" in texts(doc)
