"""The office's verdicts ("Đạt" / "Chưa đạt: lý do", typed in the consolidated workbook
and read back by ``cchc-xl assess``) said where the report counts or lists what they
settle (docs/counting.md): the Word report's sentence on recurring work counted done and
the note under Biểu 2 account for every task and share, a Đạt among them; Biểu 3's
"Lý do" (Phụ lục III of the Word report) quotes a Chưa đạt with its reason, in the Word
report, the report workbook and the page alike. On the small plan of test_figures."""

from __future__ import annotations

from datetime import date

from test_figures import (
    EVIDENCE,
    _assess,
    done,
    figures_master,
    figures_plan,
    run,
    word_text,
)

from cchc_xl import assignment as A
from cchc_xl.appendix import plan_numbers
from cchc_xl.merge import merge_returns
from cchc_xl.report import write_report
from cchc_xl.vocab import DONE, IN_PROGRESS
from make_sample_returns import fill_return
from support.report import html_tables, xlsx_texts

# Recurring work reported "Đang thực hiện" with evidence: done in the period (rule 4).
UNDER_WAY = {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 50, A.COL_EVIDENCE: EVIDENCE}


def _merged(tmp_path, answers: dict[str, dict]):
    """The small plan's 9-month returns (``answers`` by unit) merged: the master and the
    consolidated workbook."""
    master, split = figures_plan(tmp_path)
    for unit, typed in answers.items():
        fill_return(split[unit], tmp_path / "nhan" / split[unit].name, typed)
    out = tmp_path / "tong-hop" / "9T.xlsx"
    merge_returns(master, [tmp_path / "nhan"], "9T", out, received=date(2023, 9, 19))
    return out


def _judged(out, unit: str, did: str, verdict: str) -> None:
    """``verdict`` typed in the consolidated workbook, read back by ``cchc-xl assess``."""
    _assess(out, unit, did, verdict, out)
    code, output = run("assess", out)
    assert code == 0, output


def _report(tmp_path, out):
    """The report's workbook, page and Word draft."""
    result = write_report(out, "9T", tmp_path / "bc.xlsx", html=tmp_path / "bc.html",
                          docx=tmp_path / "bc.docx")
    xlsx, = [p for p in result.paths if p.suffix == ".xlsx"]
    page, = [p for p in result.paths if p.suffix == ".html"]
    word, = [p for p in result.paths if p.suffix == ".docx"]
    return xlsx, page, word


def _tp_judged_dat(tmp_path, answers: dict[str, dict]):
    """The period merged from ``answers``, the office judging TP's TTHC-04 "Đạt", then
    reported: the Word report's headline paragraph, its paragraphs, the report workbook
    and the page."""
    out = _merged(tmp_path, answers)
    _judged(out, "TP", "TTHC-04", "Đạt")
    xlsx, page, word = _report(tmp_path, out)
    paragraphs, _ = word_text(word)
    (headline,) = [p for p in paragraphs if p.startswith("Đến ngày 14/09/2023")]
    return headline, paragraphs, xlsx, page


def test_recurring_work_counted_done_says_why_each_task_counts_incl_the_offices_dat(
        tmp_path) -> None:
    """Four tasks done, three of them recurring: TC-03 reported "Đã hoàn thành" with
    evidence, TTHC-01 "Đang thực hiện" with evidence by both its communes, TTHC-04
    "Đang thực hiện" without evidence and judged Đạt by the office. The sentence said
    "trong đó 1 nhiệm vụ … “Đang thực hiện” …" and left the office's Đạt unexplained (a
    QA pass of a ward's 9-month report); the note under Biểu 2 too, in lead shares."""
    headline, paragraphs, xlsx, page = _tp_judged_dat(tmp_path, {
        "NV": {"TC-01": done(date(2023, 3, 20)), "TC-03": done(date(2023, 9, 1))},
        "X1": {"TTHC-01": UNDER_WAY}, "X2": {"TTHC-01": UNDER_WAY},
        "TP": {"TTHC-04": {A.COL_STATUS: IN_PROGRESS}}})
    assert ("Trong 4 nhiệm vụ đã hoàn thành có 3 nhiệm vụ thường xuyên, định kỳ hoặc theo sự "
            "kiện (không có thời hạn cụ thể), được tính là hoàn thành vì đã thực hiện trong kỳ, "
            "trong đó 1 nhiệm vụ đơn vị chủ trì báo cáo “Đã hoàn thành” có tài liệu kiểm "
            "chứng, 1 nhiệm vụ đơn vị chủ trì báo cáo “Đang thực hiện” có tài liệu kiểm chứng, "
            "1 nhiệm vụ được cơ quan tổng hợp đánh giá Đạt; các nhiệm vụ này vẫn tiếp tục thực "
            "hiện ở các kỳ sau.") in headline
    under_units = ("Cột “Đã hoàn thành” gồm 4 lượt đơn vị chủ trì của nhiệm vụ thường xuyên, "
                   "định kỳ hoặc theo sự kiện (không có thời hạn cụ thể), được tính là hoàn thành "
                   "vì đã thực hiện trong kỳ, trong đó 1 lượt đơn vị báo cáo “Đã hoàn thành” có "
                   "tài liệu kiểm chứng, 2 lượt đơn vị báo cáo “Đang thực hiện” có tài liệu kiểm "
                   "chứng, 1 lượt được cơ quan tổng hợp đánh giá Đạt: các nhiệm vụ này vẫn tiếp "
                   "tục thực hiện ở các kỳ sau.")
    assert under_units in paragraphs  # under Phụ lục II
    assert under_units in [str(v) for r in xlsx_texts(xlsx, "Theo đơn vị") for v in r]
    assert under_units in page.read_text(encoding="utf-8")


def test_recurring_work_all_judged_dat_says_so(tmp_path) -> None:
    """The only recurring task done is done by the office's Đạt alone: said in a word,
    not "trong đó 1 nhiệm vụ …" of one."""
    headline, *_ = _tp_judged_dat(tmp_path, {"TP": {"TTHC-04": {A.COL_STATUS: IN_PROGRESS},
                                                    "TC-02": done(date(2023, 5, 10))}})
    assert ("Trong 2 nhiệm vụ đã hoàn thành có 1 nhiệm vụ thường xuyên, định kỳ hoặc theo sự "
            "kiện (không có thời hạn cụ thể), được tính là hoàn thành vì đã thực hiện trong kỳ "
            "(được cơ quan tổng hợp đánh giá Đạt); các nhiệm vụ này") in headline


def _reasons_column(rows: list[list[str]], task: str) -> str:
    """Biểu 3's "Lý do" of ``task`` (its rows: TT, Mã or the plan's number, …, Lý do; the
    Word report's Biểu 4 lists a row with problems in seven columns)."""
    (row,) = [r for r in rows if len(r) > 8 and r[1] == task]
    return row[-1]


def _reasons_shown(xlsx, page, word, task: str) -> list[str]:
    """Biểu 3's "Lý do" of ``task`` as the Word report (its Phụ lục III naming the task
    by the plan's number: "2 (Phụ lục 01)"), the workbook and the page show it."""
    _, word_rows = word_text(word)
    html_rows = html_tables(page.read_text(encoding="utf-8"))["chua-hoan-thanh"]
    return [_reasons_column(rows, key).replace("\r", "") for rows, key in (
        (word_rows, plan_numbers(figures_master())[task]),
        (xlsx_texts(xlsx, "Chưa hoàn thành"), task), (html_rows, task))]


def test_a_task_the_office_judged_chua_dat_shows_the_verdict_and_its_reason(
        tmp_path) -> None:
    """TP reported TC-02 (due May) done with evidence and no note; the office judged it
    "Chưa đạt: chưa có văn bản ban hành": it counts not done, overdue, and Biểu 3 (Phụ lục
    III) showed an empty "Lý do" (a QA pass). Of TTHC-01, led by both communes, Xã Một's
    answer is refused and it left a note: each said, with whose it is. The Word report,
    the report workbook and the page show the same cells."""
    refused = "Chưa đạt: chưa có văn bản ban hành"
    out = _merged(tmp_path, {
        "TP": {"TC-02": done(date(2023, 5, 10))},
        "X1": {"TTHC-01": {**UNDER_WAY, A.COL_NOTE: "Đang cập nhật sổ theo dõi."}},
        "X2": {"TTHC-01": UNDER_WAY}})
    _judged(out, "TP", "TC-02", refused)
    _judged(out, "X1", "TTHC-01", "Chưa đạt: sổ theo dõi không ghi ngày tiếp nhận")
    xlsx, page, word = _report(tmp_path, out)
    alone = f"Cơ quan tổng hợp đánh giá {refused}"
    several = ("Cơ quan tổng hợp đánh giá Chưa đạt: sổ theo dõi không ghi ngày tiếp nhận "
               "(Xã Một)\nXã Một: Đang cập nhật sổ theo dõi.")
    assert _reasons_shown(xlsx, page, word, "TC-02") == [alone] * 3
    assert _reasons_shown(xlsx, page, word, "TTHC-01") == [several] * 3
    # Counted as the workbook says: TC-02 not done, so listed at all.
    _, word_rows = word_text(word)
    (tc02,) = [r for r in word_rows if len(r) > 1 and r[1] == "2 (Phụ lục 01)"]  # TC-02
    assert DONE not in tc02[5]


def _result_cell(rows: list[list[str]], product: str) -> str:
    """The plan appendix's "Kết quả thực hiện" of the row of ``product``."""
    column = rows[0].index("Kết quả thực hiện")
    (row,) = [r for r in rows if product in r]
    return row[column].replace("\r", "")


def test_the_plan_appendix_quotes_the_offices_chua_dat(tmp_path) -> None:
    """The report workbook's plan appendix said "Đang thực hiện (quá hạn)." beside the
    unit's evidence of a product the unit reported done and the office judged Chưa đạt,
    never why (an audit of a 2026 plan), while Biểu 3 quoted the verdict: the result cell
    quotes it too, naming the unit when the product has several leads."""
    out = _merged(tmp_path, {
        "TP": {"TC-02": done(date(2023, 5, 10))},
        "X1": {"TTHC-01": UNDER_WAY}, "X2": {"TTHC-01": UNDER_WAY}})
    _judged(out, "TP", "TC-02", "Chưa đạt: chưa có văn bản ban hành")
    _judged(out, "X1", "TTHC-01", "Chưa đạt: sổ theo dõi không ghi ngày tiếp nhận")
    xlsx, page, _ = _report(tmp_path, out)
    assert _result_cell(xlsx_texts(xlsx, "Thể chế"), "Sản phẩm TC-02") == (
        "Đang thực hiện (quá hạn).\n"
        "Cơ quan tổng hợp đánh giá Chưa đạt: chưa có văn bản ban hành.")
    assert _result_cell(xlsx_texts(xlsx, "Thủ tục"), "Sản phẩm TTHC-01").splitlines()[1] == (
        "Xã Một: Cơ quan tổng hợp đánh giá Chưa đạt: sổ theo dõi không ghi ngày tiếp nhận.")
    assert ("Cơ quan tổng hợp đánh giá Chưa đạt: chưa có văn bản ban hành."
            in page.read_text(encoding="utf-8"))


def test_the_plan_appendix_counts_a_dat_on_a_row_the_unit_left_unreported(tmp_path) -> None:
    """TP sent nothing; the office judged its TC-02 "Đạt" (docs/counting.md, rule 1: it
    counts done all the same), and Xã Một's share of TTHC-01. Biểu 1 counted TC-02 done
    on time while the plan appendix's "Kết quả thực hiện" read "Chưa có báo cáo (đúng
    hạn)." and counted Xã Một among the leads that reported nothing (an audit of a
    province's 9-month report): the result says what the figures count, and on whose
    word: "Đã hoàn thành (đúng hạn)." alone read as the unit's (a year's QA pass)."""
    out = _merged(tmp_path, {"NV": {"TC-01": done(date(2023, 3, 20))}})
    _judged(out, "TP", "TC-02", "Đạt")
    _judged(out, "X1", "TTHC-01", "Đạt")
    xlsx, page, _ = _report(tmp_path, out)
    assert _result_cell(xlsx_texts(xlsx, "Thể chế"), "Sản phẩm TC-02") == (
        "Đã hoàn thành (đúng hạn).\nCơ quan tổng hợp đánh giá Đạt.")
    assert _result_cell(xlsx_texts(xlsx, "Thủ tục"), "Sản phẩm TTHC-01").splitlines()[1:] == [
        "Xã Một: Cơ quan tổng hợp đánh giá Đạt.",
        "Chủ trì: 1/2 đơn vị thực hiện đúng tiến độ; 1 đơn vị chưa báo cáo."]
    page_rows = [r for rows in html_tables(page.read_text(encoding="utf-8")).values()
                 for r in rows if "Sản phẩm TC-02" in r]
    assert page_rows and all("Chưa có báo cáo" not in " ".join(r) for r in page_rows)
    assert any("Đã hoàn thành (đúng hạn).\nCơ quan tổng hợp đánh giá Đạt." in cell
               for r in page_rows for cell in r)
    # Judged Đạt on a "done" the unit showed with its evidence: its own word, nothing said.
    out = _merged(tmp_path / "own", {"TP": {"TC-02": done(date(2023, 5, 10))}})
    _judged(out, "TP", "TC-02", "Đạt")
    xlsx, *_ = _report(tmp_path / "own", out)
    assert _result_cell(xlsx_texts(xlsx, "Thể chế"), "Sản phẩm TC-02") == (
        "Đã hoàn thành ngày 10/05/2023 (đúng hạn).")


def test_a_task_done_late_on_the_offices_dat_alone_says_so_in_bieu_3(tmp_path) -> None:
    """TP reported TC-02 (due May) done on 10/06 without evidence (an error: not done on
    its word) and the office judged it Đạt: done late, listed in Biểu 3 (Phụ lục III of
    the Word report) with an empty "Lý do"; the office's verdict is the reason it counts
    done, said in the Word report, the report workbook and the page."""
    out = _merged(tmp_path, {"TP": {"TC-02": {A.COL_STATUS: DONE, A.COL_PERCENT: 100,
                                              A.COL_DONE_ON: date(2023, 6, 10)}}})
    _judged(out, "TP", "TC-02", "Đạt")
    xlsx, page, word = _report(tmp_path, out)
    assert _reasons_shown(xlsx, page, word, "TC-02") == ["Cơ quan tổng hợp đánh giá Đạt"] * 3
    assert _result_cell(xlsx_texts(xlsx, "Thể chế"), "Sản phẩm TC-02") == (
        "Đã hoàn thành ngày 10/06/2023 (quá hạn).\nCơ quan tổng hợp đánh giá Đạt.")


def test_a_done_of_an_earlier_part_says_why_it_counts_in_progress(tmp_path) -> None:
    """NV reported TC-04 ("- Kế hoạch: Tháng 2/2023; - Báo cáo: Tháng 12/2023") done on
    20/02, its evidence beside it: the plan part (docs/counting.md, ``done-part``). It
    counts in progress, within time by December's part; Biểu 3 (Phụ lục III) read
    "Đang thực hiện", no progress, an empty "Lý do", and the plan appendix "Đang thực hiện
    (trong hạn)." beside the unit's evidence, never why (an audit of a commune's year:
    "Tháng 6 và tháng 12/2026" done in June, so at six and nine months). Each says it."""
    out = _merged(tmp_path, {"NV": {"TC-04": done(date(2023, 2, 20))}})
    xlsx, page, word = _report(tmp_path, out)
    why = ("Đã hoàn thành phần việc đến hạn trước (ngày 20/02/2023); phần đến hạn "
           "31/12/2023 còn phải thực hiện.")
    assert _reasons_shown(xlsx, page, word, "TC-04") == [why] * 3
    assert _result_cell(xlsx_texts(xlsx, "Thể chế"), "Sản phẩm TC-04") == (
        f"Đang thực hiện (trong hạn).\n{why}")
    # The notes say the rule, beside those of a "done" the cut-off or the office took back.
    notes = " ".join(" ".join(r) for r in xlsx_texts(xlsx, "Ghi chú"))
    assert ("hoặc hoàn thành phần việc đến hạn trước của sản phẩm có nhiều thời hạn, không "
            "đưa vào trung bình") in notes
    assert ("báo cáo đã hoàn thành với ngày hoàn thành của phần đến hạn trước được tính là "
            "đang thực hiện, xét hạn theo phần đến hạn sau") in notes


def test_a_done_dated_after_the_cut_off_says_why_it_counts_in_progress(tmp_path) -> None:
    """NV reported TC-04 done on 18/09/2023, its evidence beside it: after the 9-month
    cut-off (14/09), so it counts in progress this period (docs/counting.md). Biểu 3's
    "Lý do" was empty and the plan appendix read "Đang thực hiện (trong hạn)." beside
    the unit's "done" (a year's QA pass: only Biểu 4 said why). Each says it."""
    out = _merged(tmp_path, {"NV": {"TC-04": done(date(2023, 9, 18))}})
    xlsx, page, word = _report(tmp_path, out)
    why = ("Báo cáo đã hoàn thành ngày 18/09/2023, sau ngày chốt số liệu của kỳ: tính là "
           "đang thực hiện trong kỳ này.")
    assert _reasons_shown(xlsx, page, word, "TC-04") == [why] * 3
    assert _result_cell(xlsx_texts(xlsx, "Thể chế"), "Sản phẩm TC-04").splitlines()[1:] == [
        why]


def test_leads_done_after_the_cut_off_are_said_together() -> None:
    """Several leads whose "done" the cut-off took back are said in one line, a few named;
    a "done" the office judged Đạt, or an earlier part's, is not among them."""
    from cchc_xl.answer import Answer
    from cchc_xl.report.tables import part_done_lines

    def lead(unit: str, **kw) -> Answer:
        return Answer("CD-02", "Chủ trì", unit=unit, status=IN_PROGRESS,
                      completed_on=date(2023, 9, 20), sent_status=DONE, **kw)

    names = {"X1": "Xã Một", "X2": "Xã Hai", "X3": "Xã Ba"}
    rows = [lead("X1"), lead("X2"), lead("X3", judged=DONE)]
    assert part_done_lines(rows, names, several=True) == [
        "2 đơn vị báo cáo đã hoàn thành sau ngày chốt số liệu của kỳ: tính là đang thực "
        "hiện trong kỳ này (Xã Một; Xã Hai)."]
    assert part_done_lines(rows[:1], names, several=True) == [
        "Xã Một: Báo cáo đã hoàn thành ngày 20/09/2023, sau ngày chốt số liệu của kỳ: tính "
        "là đang thực hiện trong kỳ này."]


def test_leads_done_for_an_earlier_part_are_said_together() -> None:
    """A district's task led by 45 units, 13 of which reported done for the self-scoring
    part due 10/12 (the whole is due 25/12): each on its own line made Biểu 3's "Lý do"
    and the appendix's result rows taller than a page, and pushed the units' own notes
    out of the five listed. Leads with the same part still to come are said together, a
    few named; one alone keeps its date."""
    from cchc_xl.answer import Answer
    from cchc_xl.report.tables import part_done_lines

    def lead(unit: str, day: int, pending: date | None) -> Answer:
        return Answer("CD-02", "Chủ trì", unit=unit, status=DONE,
                      completed_on=date(2023, 5, day), part_pending=pending)

    names = {"NV": "Phòng Nội vụ", "TP": "Phòng Tư pháp", "X1": "Xã Một", "X2": "Xã Hai",
             "X3": "Xã Ba"}
    rows = [lead("NV", 19, date(2023, 12, 25)), lead("TP", 2, None),
            *(lead(u, 10 + i, date(2023, 12, 25)) for i, u in enumerate(("X1", "X2", "X3"))),
            lead("X3", 20, date(2023, 12, 31))]
    assert part_done_lines(rows, names, several=True) == [
        "4 đơn vị đã hoàn thành phần việc đến hạn trước; phần đến hạn 25/12/2023 còn phải "
        "thực hiện (Phòng Nội vụ; Xã Một; Xã Hai; Xã Ba).",
        "Xã Ba: Đã hoàn thành phần việc đến hạn trước (ngày 20/05/2023); phần đến hạn "
        "31/12/2023 còn phải thực hiện."]
