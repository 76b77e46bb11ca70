"""The Word report's difficulties and proposals (sections III and IV) are the notes units
wrote for the period: not the note ``split --ledger`` filled in from the unit's last
report and the unit sent back unchanged, nor the note of an earlier period's answer
counted now; a note the unit edited, or wrote on a row given none, is read
(docs/counting.md).

Users' probe: "Chờ hướng dẫn của Sở Nội vụ", written in the first quarter, came back
in the six-month report's difficulties although the unit had only updated its
percentage. Here the small plan of test_figures runs split -> fill -> merge for the
first quarter, then split --ledger -> fill -> merge -> report for six months.
"""

from __future__ import annotations

from datetime import date, datetime

from test_figures import EVIDENCE, done, figures_master, word_text

from cchc_xl import assignment as A
from cchc_xl.ledger import LEDGER_NAME
from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.merge import merge_returns
from cchc_xl.report import write_report
from cchc_xl.report.docx import digest
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.split import split_master
from cchc_xl.vocab import IN_PROGRESS
from make_sample_returns import fill_return


def _doing(percent: int, note: str = "", evidence: str = "") -> dict:
    typed = {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: percent, A.COL_NOTE: note}
    return {**typed, A.COL_EVIDENCE: evidence} if evidence else typed


# The first quarter (data to 14/03/2023), issued blank.
Q1 = {
    "NV": {"TTHC-03": _doing(30, "Chờ hướng dẫn của Sở Nội vụ"),      # given back as it was
           "TC-04": _doing(20, "Thiếu kinh phí thực hiện"),            # edited
           "TC-01": {**done(date(2023, 3, 10)),                        # done: carried
                     A.COL_NOTE: "Còn chậm do chờ ý kiến thẩm định"},
           # Recurring work: issued blank each period, so a note on it is written anew.
           "TC-03": _doing(50, "Thiếu cán bộ theo dõi", EVIDENCE)},
    "TP": {"TC-02": {**done(date(2023, 3, 2)), A.COL_NOTE: "Chờ phần mềm mới"},  # edited
           "TTHC-02": _doing(50, "Vướng quy trình số hóa")},           # given back as it was
}
# Six months, issued with split --ledger: only what is typed here changes.
SIX = {
    "NV": {"TTHC-03": {A.COL_PERCENT: 60},
           "TC-04": {A.COL_PERCENT: 50,
                     A.COL_NOTE: "Còn thiếu kinh phí, đề nghị bổ sung dự toán"},
           # TC-01 left as it was given: Q1's "done" is sent back.
           "TC-03": _doing(70, "Thiếu cán bộ theo dõi", EVIDENCE)},
    "TP": {"TC-02": {A.COL_NOTE: "Khó khăn về đường truyền"},  # the same "done"
           "TTHC-02": {A.COL_PERCENT: 70}},
}
WRITTEN = ["Còn thiếu kinh phí", "Khó khăn về đường truyền", "Thiếu cán bộ theo dõi"]
GIVEN_BACK = ["Chờ hướng dẫn của Sở Nội vụ", "Còn chậm do chờ ý kiến thẩm định",
              "Chờ phần mềm mới", "Vướng quy trình số hóa"]


def _six_months(tmp, *, prefill: bool, six: dict[str, dict]):
    """Q1 merged from Q1's answers, then six months split (with --ledger when
    ``prefill``), filled with ``six`` and merged: the ledger."""
    master = load_master(write_master(figures_master(), tmp / "ke-hoach.xlsx"))
    out = tmp / "tong-hop"
    db = out / LEDGER_NAME
    for code, answers, issued, received in (
            ("Q1", Q1, datetime(2023, 3, 1), date(2023, 3, 18)),
            ("6T", six, datetime(2023, 6, 1), date(2023, 6, 18))):
        ledger = db if code == "6T" and prefill else None
        split = {f.unit_code: f.path for f in split_master(
            master, code, tmp / f"giao-{code}", ledger=ledger, issued_at=issued).files}
        for unit, typed in answers.items():
            fill_return(split[unit], tmp / code / f"{unit}.xlsx", typed)
        result = merge_returns(master, [tmp / code], code, out / f"tong-hop-{code}.xlsx",
                               received=received)
        assert {f.unit: f.outcome for f in result.run_files} == dict.fromkeys(answers,
                                                                              "accepted")
    return db


def _section(paragraphs: list[str], first: str, last: str) -> list[str]:
    start = next(i for i, p in enumerate(paragraphs) if p.startswith(first))
    end = next(i for i, p in enumerate(paragraphs) if p.startswith(last))
    return paragraphs[start + 1:end]


def test_a_note_given_back_unchanged_is_not_a_difficulty_of_the_period(tmp_path) -> None:
    db = _six_months(tmp_path, prefill=True, six=SIX)
    snapshot = load_snapshot(db, "6T")
    # What the units sent for six months: the notes given, as they were, and their own.
    sent = {(r.unit, r.deliverable): r.note for r in snapshot.rows}
    assert (sent["NV", "TTHC-03"], sent["NV", "TC-01"], sent["TP", "TTHC-02"]) == (
        "Chờ hướng dẫn của Sở Nội vụ", "Còn chậm do chờ ý kiến thẩm định",
        "Vướng quy trình số hóa")
    assert sent["TP", "TC-02"] == "Khó khăn về đường truyền"
    summary = summarize(snapshot)
    tasks = {t.id: t for t in summary.tasks}
    # The prefilled "done" sent back counts as Q1's (carried), the edited note aside.
    assert tasks["TC-01"].products[0].leads[0].carried_from == "Quý I năm 2023"
    assert tasks["TC-02"].products[0].leads[0].carried_from == "Quý I năm 2023"
    difficulties, proposals = digest(summary)
    assert sorted(d.text for d in difficulties) == WRITTEN
    assert [p.text for p in proposals] == ["Đề nghị bổ sung dự toán"]
    by_text = {d.text: (d.units, d.tasks) for d in difficulties}
    assert by_text["Khó khăn về đường truyền"] == (1, 1)
    # The Word report, as the office gets it.
    result = write_report(db, "6T", tmp_path / "bao-cao.xlsx", docx=tmp_path / "bao-cao.docx")
    paragraphs, _ = word_text(result.paths[-1])
    told = _section(paragraphs, "III. KHÓ KHĂN", "IV. ĐỀ XUẤT")
    text = "\n".join(told)
    assert [w for w in WRITTEN if w in text] == WRITTEN
    assert [g for g in GIVEN_BACK if g in text] == []
    proposed = "\n".join(_section(paragraphs, "IV. ĐỀ XUẤT", "V. NHIỆM VỤ"))
    assert "Đề nghị bổ sung dự toán" in proposed


def test_a_note_typed_again_in_a_file_issued_blank_is_read(tmp_path) -> None:
    """Without --ledger the unit was given no note: the same words typed again are its
    own, this period's. The rows done in Q1 that the units left blank count as Q1's
    answers (carried), whose notes are Q1's: not read."""
    six = {"NV": {"TTHC-03": _doing(60, "Chờ hướng dẫn của Sở Nội vụ")},
           "TP": {"TTHC-02": _doing(70, "Vướng quy trình số hóa")}}
    db = _six_months(tmp_path, prefill=False, six=six)
    difficulties, _ = digest(summarize(load_snapshot(db, "6T")))
    assert sorted(d.text for d in difficulties) == ["Chờ hướng dẫn của Sở Nội vụ",
                                                   "Vướng quy trình số hóa"]


def test_the_notes_given_are_the_ones_split_fills_in(tmp_path) -> None:
    """The report finds, in one query, the notes split --ledger gives each unit
    (carried.previous_reports, a query a unit): the same, unit by unit."""
    from cchc_xl.carried import carries, previous_reports
    from cchc_xl.report.docx import given_answers

    db = _six_months(tmp_path, prefill=True, six=SIX)
    # The year's report: both Q1 and six months are before its cut-off.
    snapshot = load_snapshot(db, "NAM")
    dated = {d.id for d in snapshot.master.deliverables() if carries(d)}
    split_gives = {(unit, did): a.note for unit in ("NV", "TP", "X1", "X2")
                   for did, a in previous_reports(db, snapshot.plan_key, unit,
                                                  before=snapshot.period.cutoff).items()
                   if did in dated and a.note}
    assert {k: a.note for k, a in given_answers(snapshot).items() if a.note} == split_gives
    assert split_gives[("NV", "TC-04")] == "Còn thiếu kinh phí, đề nghị bổ sung dự toán"
    assert split_gives[("NV", "TTHC-03")] == "Chờ hướng dẫn của Sở Nội vụ"


def test_a_note_given_back_unchanged_stays_out_after_a_late_correction(tmp_path) -> None:
    """Users' probe: after six months was issued with split --ledger, NV sent a
    corrected first-quarter file with its note reworded; what split had given its
    six-month file (the note before) no longer was the ledger's last answer, and the note
    sent back unchanged came back among the difficulties. What a file was given is
    worked out as the ledger stood when it was issued, checked by its identity."""
    master = load_master(write_master(figures_master(), tmp_path / "ke-hoach.xlsx"))
    out = tmp_path / "tong-hop"
    db = out / LEDGER_NAME

    def merged(code: str, folder, when: datetime) -> None:
        result = merge_returns(master, [folder], code, out / f"tong-hop-{code}.xlsx",
                               now=when, received=when.date())
        assert {f.outcome for f in result.run_files} == {"accepted"}

    q1 = {f.unit_code: f.path for f in split_master(
        master, "Q1", tmp_path / "giao-Q1", issued_at=datetime(2023, 3, 1)).files}
    for unit, typed in Q1.items():
        fill_return(q1[unit], tmp_path / "Q1" / f"{unit}.xlsx", typed,
                    saved_at=datetime(2023, 3, 15, 9))
    merged("Q1", tmp_path / "Q1", datetime(2023, 3, 18, 10))
    six = {f.unit_code: f.path for f in split_master(
        master, "6T", tmp_path / "giao-6T", ledger=db, issued_at=datetime(2023, 6, 1, 8)).files}
    # After the six months' files went out: NV's first quarter again, its note reworded.
    fixed = {**Q1["NV"], "TTHC-03": _doing(30, "Chờ văn bản hướng dẫn của Sở Nội vụ")}
    fill_return(q1["NV"], tmp_path / "Q1-sua" / "NV.xlsx", fixed,
                saved_at=datetime(2023, 6, 3, 9))
    merged("Q1", tmp_path / "Q1-sua", datetime(2023, 6, 5, 10))
    for unit, typed in SIX.items():
        fill_return(six[unit], tmp_path / "6T" / f"{unit}.xlsx", typed,
                    saved_at=datetime(2023, 6, 15, 9))
    merged("6T", tmp_path / "6T", datetime(2023, 6, 18, 10))
    snapshot = load_snapshot(db, "6T")
    sent = {(r.unit, r.deliverable): r.note for r in snapshot.rows}
    assert sent["NV", "TTHC-03"] == "Chờ hướng dẫn của Sở Nội vụ"  # as it was given
    difficulties, _ = digest(summarize(snapshot))
    assert sorted(d.text for d in difficulties) == WRITTEN


def test_a_proposal_begins_a_clause_not_a_word_inside_a_difficulty(tmp_path) -> None:
    """Users' probe: "…, đã đề nghị nhưng chưa được cấp kinh phí" was cut at "đề nghị":
    "Vướng mắc: máy quét hỏng, đã" a difficulty and "Đề nghị nhưng chưa được cấp…" a
    proposal, both garbled in the signed report. A proposal begins a clause: the note's
    start, after punctuation or a line break, or capitalised."""
    six = {"NV": {"TTHC-03": _doing(60, "Vướng mắc: máy quét hỏng, đã đề nghị nhưng chưa "
                                        "được cấp kinh phí thay thế"),
                  "TC-04": _doing(50, "Thực hiện theo đề nghị của Sở Nội vụ")},
           "TP": {"TTHC-02": _doing(70, "Khó khăn: thiếu máy\nĐề nghị: cấp máy mới"),
                  "TC-02": _doing(40, "Chưa có kinh phí, kiến nghị bổ sung")}}
    assert _digested(tmp_path, six) == ([
        "Chưa có kinh phí", "Khó khăn: thiếu máy",
        "Vướng mắc: máy quét hỏng, đã đề nghị nhưng chưa được cấp kinh phí thay thế"],
        ["Kiến nghị bổ sung", "Đề nghị: cấp máy mới"])


def test_a_note_saying_only_not_due_or_nothing_arose_is_no_difficulty(tmp_path) -> None:
    """A QA pass: the Word report's "Khó khăn" quoted a coordinating row's "Chưa đến hạn"
    (it says "chưa", the mark of a difficulty). A note saying only that the work is not due
    yet, or that nothing arose, is none; one going on to a difficulty still is."""
    six = {"NV": {"TTHC-03": _doing(10, "Chưa đến hạn thực hiện"),
                  "TC-04": _doing(20, "Chưa phát sinh hồ sơ")},
           "TP": {"TTHC-02": _doing(30, "Chưa đến hạn nhưng thiếu kinh phí"),
                  "TC-02": _doing(40, "Chưa có kinh phí")}}
    assert _digested(tmp_path, six)[0] == ["Chưa có kinh phí",
                                           "Chưa đến hạn nhưng thiếu kinh phí"]


def test_a_note_saying_the_reporting_time_has_not_come_is_no_difficulty(tmp_path) -> None:
    """A QA pass over a year's periods: the first quarter's Word report listed under "III.
    KHÓ KHĂN, VƯỚNG MẮC" a note "Chưa đến kỳ báo cáo", written on work reported "6 tháng,
    năm" that had nothing due yet. It says the work is not due, as "Chưa đến hạn" does."""
    six = {"NV": {"TC-03": _doing(0, "Chưa đến kỳ báo cáo"),
                  "TC-04": _doing(20, "Chưa đến kỳ nhưng còn thiếu kinh phí")},
           "TP": {"TTHC-02": _doing(30, "Chưa có kinh phí")}}
    db = _six_months(tmp_path, prefill=False, six=six)
    result = write_report(db, "6T", tmp_path / "bao-cao.xlsx", docx=tmp_path / "bao-cao.docx")
    paragraphs, _ = word_text(result.paths[-1])
    told = "\n".join(_section(paragraphs, "III. KHÓ KHĂN", "IV. ĐỀ XUẤT"))
    assert "Chưa có kinh phí" in told
    assert "Chưa đến kỳ nhưng còn thiếu kinh phí" in told
    assert "Chưa đến kỳ báo cáo" not in told


def _digested(tmp_path, six: dict[str, dict]) -> tuple[list[str], list[str]]:
    """The six months' notes ``six`` merged: the report's difficulties and proposals, in
    alphabetical order."""
    db = _six_months(tmp_path, prefill=False, six=six)
    difficulties, proposals = digest(summarize(load_snapshot(db, "6T")))
    return sorted(d.text for d in difficulties), sorted(p.text for p in proposals)
