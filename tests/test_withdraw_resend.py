"""A unit whose file the office withdrew, and that sends again, is judged by the day it
first reported (docs/counting.md, "Units"): on time if its first valid file came in by
the due date, whenever the correction came; late by the days of its first valid file
otherwise. A refused file (of another period, say) was never a report: withdrawn, it
makes nobody on time, and named again to a merge it stays withdrawn.

Real merges of the small plan of test_figures; period 9T: data to 14/09/2023, returns
due 20/09/2023. What is checked is what the office reads: the report's table by unit
(JSON, workbook), the Word report's sentence on the deadline, the reminder list, and the
consolidated workbook's list of files.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_figures import EVIDENCE, done, figures_plan, word_text

from cchc_xl import assignment as A
from cchc_xl.cli import main
from cchc_xl.letters.remind import reminders
from cchc_xl.merge import merge_returns, refresh_outputs
from cchc_xl.merge.counted import report_day_kept
from cchc_xl.report.docx import write_docx
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.split import split_master
from cchc_xl.vocab import IN_PROGRESS, RETURN_LATE
from make_sample_returns import fill_return
from support.mistakes import locate
from support.workbooks import load_workbook

FIRST = {"TC-01": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60, A.COL_EVIDENCE: EVIDENCE}}
CORRECTED = {"TC-01": done(date(2023, 3, 20))}
# What NV types into its Q3 file (recurring TC-03 is in every period's file; TC-01 is not).
Q3_ANSWERS = {"TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: EVIDENCE}}


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    """The small plan, its 9T split and its Q3 split (for files of another period)."""
    tmp = tmp_path_factory.mktemp("withdraw-resend")
    master, split = figures_plan(tmp)
    q3 = {f.unit_code: f.path for f in
          split_master(master, "Q3", tmp / "giao-Q3", issued_at=datetime(2023, 9, 1)).files}
    return master, split, q3


class Office:
    """One office's ledger and consolidated workbook for 9T, in its own folder."""

    def __init__(self, plan, tmp: Path) -> None:
        self.master, self.split, self.q3 = plan
        self.tmp = tmp
        self.out = tmp / "tong-hop" / "tong-hop-9T.xlsx"
        self.db = self.out.parent / "cchc-ledger.sqlite"

    def send(self, unit: str, name: str, typed: dict, received: date, *, period: str = "9T",
             merged_into: str = "9T", folder: str = "nhan") -> Path:
        """The unit's file (of ``period``'s split) in ``folder``, saved the day before it
        is received, merged into ``merged_into`` as received on ``received``."""
        source = self.split if period == "9T" else self.q3
        sent = fill_return(source[unit], self.tmp / folder / name, typed,
                           saved_at=datetime.combine(received - timedelta(days=1), time(8)))
        out = self.out.with_name(f"tong-hop-{merged_into}.xlsx")
        merge_returns(self.master, [sent], merged_into, out, received=received)
        return sent

    def withdraw_in_browser(self, sent: Path, why: str = "đơn vị đề nghị rút để sửa"):
        """The web app's "Rút khỏi số liệu": withdrawn, outputs written again."""
        result = refresh_outputs(self.master, "9T", self.out, withdraw=sent.name, why=why)
        assert Path(result.withdrawn.path).name == sent.name
        return result.withdrawn

    def units(self) -> dict[str, tuple[str, date | None]]:
        """Each unit's return as the report's table by unit shows it, and its day."""
        summary = summarize(load_snapshot(self.db, "9T"))
        return {u.code: (u.return_text, u.received_on) for u in summary.units}

    def report_json(self) -> dict[str, dict]:
        xlsx = self.tmp / "bao-cao.xlsx"
        result = CliRunner().invoke(main, ["report", str(self.db), "--period", "9T", "--out",
                                           str(xlsx), "--json"])
        assert result.exit_code == 0, result.output
        return {u["code"]: u for u in json.loads(result.output)["units"]}

    def files_sheet(self) -> list[tuple]:
        """(file, outcome, day received) of each file in the consolidated workbook."""
        rows = load_workbook(self.out)["Tệp đã nhận"].iter_rows(min_row=5, values_only=True)
        return [(Path(r[2]).name, r[6], f"{r[5]:%d/%m/%Y}") for r in rows
                if r[0] and isinstance(r[5], datetime)]


@pytest.fixture
def office(plan, tmp_path) -> Office:
    return Office(plan, tmp_path)


def test_a_unit_sent_on_time_withdrawn_and_sent_again_late_is_on_time(office, tmp_path):
    """The user's probe: sent on 19/09, withdrawn at the unit's request (the command), the
    correction received on 25/09: the unit reported on time, on 19/09; the figures are
    the correction's."""
    first = office.send("NV", "NV-lan-1.xlsx", FIRST, date(2023, 9, 19))
    result = CliRunner().invoke(main, ["withdraw", str(office.db), "--file", first.name,
                                       "--reason", "đơn vị đề nghị rút để sửa"])
    assert result.exit_code == 0, result.output
    # The office is told that the unit keeps the day of its first report.
    assert ("Ngày đơn vị gửi báo cáo vẫn tính theo tệp hợp lệ đầu tiên của đơn vị, kể cả tệp "
            "đã rút (tệp vừa rút, nhận ngày 19/09/2023): tệp gửi lại để sửa không làm đơn vị "
            "bị tính là gửi muộn.") in result.output
    # Withdrawn, nothing of NV counts: it has not reported (yet), and is not on time.
    assert office.units()["NV"] == ("Chưa gửi", None)
    office.send("NV", "NV-lan-2.xlsx", CORRECTED, date(2023, 9, 25))

    assert office.units()["NV"] == ("Đúng hạn", date(2023, 9, 19))
    nv = office.report_json()["NV"]
    assert (nv["return"], nv["days_late"], nv["received_on"]) == ("Đúng hạn", 0, "2023-09-19")
    assert (nv["done"], nv["led"]) == (1, 4)  # TC-01 done: the correction counts
    summary = summarize(load_snapshot(office.db, "9T"))
    paragraphs, _ = word_text(write_docx(summary, tmp_path / "bao-cao.docx"))
    (told,) = [p for p in paragraphs if "Đến hạn gửi báo cáo" in p]
    assert "Đến hạn gửi báo cáo (20/09/2023) đã nhận báo cáo của 1/4 đơn vị." in told
    assert "Sau hạn" not in told and "Phòng Nội vụ" not in told
    assert not [r for r in reminders(summary, load_snapshot(office.db, "9T"))
                if r.unit.code == "NV" and r.status == RETURN_LATE]
    # Each file keeps the day it was received; the withdrawn one stays listed.
    files = office.files_sheet()
    assert ("NV-lan-1.xlsx", "Đã rút", "19/09/2023") in files
    assert ("NV-lan-2.xlsx", "Được nhận", "25/09/2023") in files


def test_a_unit_late_the_first_time_is_late_by_its_first_file(office):
    """Withdrawn in the browser, a file received after the due date does not make the
    unit on time, and the correction does not make it later: late by the first file's
    2 days, not the correction's 5."""
    first = office.send("NV", "NV-lan-1.xlsx", FIRST, date(2023, 9, 22))
    office.withdraw_in_browser(first)
    office.send("NV", "NV-lan-2.xlsx", CORRECTED, date(2023, 9, 25))
    assert office.units()["NV"] == ("Muộn 2 ngày", date(2023, 9, 22))
    assert office.report_json()["NV"]["days_late"] == 2


def test_a_refused_file_withdrawn_is_no_report(office):
    """A file of another period, refused, received on time and withdrawn: the unit's
    first report is its valid file, 5 days late. Named again to a merge, the refused
    file stays withdrawn (it was put back among the unit's acceptable files, and made
    the unit on time)."""
    other = office.send("NV", "NV-quy-3.xlsx", FIRST, date(2023, 9, 19), period="Q3")
    assert [f[1] for f in office.files_sheet()] == ["Bị từ chối"]
    gone = office.withdraw_in_browser(other, why="gửi nhầm tệp quý III")
    assert report_day_kept(gone, office.db) == ""  # nothing said of a day that does not count
    office.send("NV", "NV-9-thang.xlsx", CORRECTED, date(2023, 9, 25))
    assert office.units()["NV"] == ("Muộn 5 ngày", date(2023, 9, 25))
    merge_returns(office.master, [other], "9T", office.out, received=date(2023, 9, 26))
    assert office.units()["NV"] == ("Muộn 5 ngày", date(2023, 9, 25))
    assert ("NV-quy-3.xlsx", "Đã rút", "19/09/2023") in office.files_sheet()


def test_a_refused_file_named_again_does_not_count(office):
    """The unit's only file, refused and withdrawn, then given again: still no report."""
    other = office.send("X1", "X1-quy-3.xlsx", {}, date(2023, 9, 19), period="Q3")
    office.withdraw_in_browser(other, why="gửi nhầm tệp quý III")
    again = merge_returns(office.master, [other], "9T", office.out)
    assert [f.outcome for f in again.files] == ["withdrawn"]
    assert office.units()["X1"] == ("Chưa gửi", None)


def test_a_file_of_another_period_withdrawn_there_does_not_count_here(office):
    """A valid Q3 file received on 15/09, withdrawn from Q3: the 9T report is judged by
    the 9T files alone."""
    q3 = office.send("NV", "NV-quy-3.xlsx", Q3_ANSWERS, date(2023, 9, 15), period="Q3",
                     merged_into="Q3")
    refresh_outputs(office.master, "Q3", office.tmp / "tong-hop" / "tong-hop-Q3.xlsx",
                    db=office.db, withdraw=q3.name)
    office.send("NV", "NV-9-thang.xlsx", CORRECTED, date(2023, 9, 25))
    assert office.units()["NV"] == ("Muộn 5 ngày", date(2023, 9, 25))


def test_a_file_given_again_with_an_earlier_day_received_takes_that_day(office):
    """The web app's "Ngày nhận" left at today's date for a zip of returns received long
    before: the units read late, and uploading them again with the right day changed
    nothing ("đã nhận trước đó"). An earlier day given again is the file's day; a later
    one changes nothing; one before the file was saved is a warning, never taken."""
    sent = office.send("NV", "NV-9T.xlsx", FIRST, date(2023, 9, 28))  # saved 27/09
    assert office.units()["NV"] == ("Muộn 8 ngày", date(2023, 9, 28))

    def again(day: date):
        result = merge_returns(office.master, [sent], "9T", office.out, received=day)
        (told,) = [f for f in result.run_files if f.path == str(sent)]
        return [(p.code, p.message) for p in told.problems if p.code.startswith("received")]

    assert again(date(2023, 9, 30)) == []  # later: the office had it already
    assert again(date(2023, 9, 28)) == []  # the same day: nothing to correct
    assert office.units()["NV"] == ("Muộn 8 ngày", date(2023, 9, 28))
    ((code, message),) = again(date(2023, 9, 20))  # before the file was saved: a typo
    assert code == "received-before-saved"
    assert "sớm hơn ngày tệp được lưu (27/09/2023)" in message
    assert "ngày nhận không sửa (vẫn là 28/09/2023)" in message
    assert office.units()["NV"] == ("Muộn 8 ngày", date(2023, 9, 28))
    ((code, message),) = again(date(2023, 9, 27))
    assert code == "received-corrected"
    assert "sửa thành 27/09/2023 (trước ghi 28/09/2023)" in message
    assert office.units()["NV"] == ("Muộn 7 ngày", date(2023, 9, 27))
    assert office.files_sheet() == [("NV-9T.xlsx", "Được nhận", "27/09/2023")]


def test_a_new_file_received_before_it_was_saved_is_a_warning(office):
    """A day received typed wrong (before the file was even saved) would make a late
    unit on time without a word: the office is warned on the file; the unit is not."""
    saved_late = fill_return(office.split["NV"], office.tmp / "nhan" / "NV.xlsx", FIRST,
                             saved_at=datetime(2023, 9, 25, 8))
    result = merge_returns(office.master, [saved_late], "9T", office.out,
                           received=date(2023, 9, 15))
    (told,) = result.run_files
    assert [p.code for p in told.problems if p.code == "received-before-saved"] == [
        "received-before-saved"]
    snapshot = load_snapshot(office.db, "9T")
    asked = [f.code for r in reminders(summarize(snapshot), snapshot) for f in r.items]
    assert "received-before-saved" not in asked  # the office's date: nothing for the unit


def test_a_short_file_is_compared_with_the_newest_it_replaced(office):
    """Three files of one unit: the last leaves blank what the second answered (the
    first had not): the office is told of the second's answers, lost."""
    office.send("NV", "NV-1.xlsx", FIRST, date(2023, 9, 15))
    office.send("NV", "NV-2.xlsx", {**FIRST, **Q3_ANSWERS}, date(2023, 9, 16))
    office.send("NV", "NV-3.xlsx", FIRST, date(2023, 9, 17))
    snapshot = load_snapshot(office.db, "9T")
    (third,) = [s for s in snapshot.submissions if Path(s.path).name == "NV-3.xlsx"]
    (told,) = [p for p in third.problems if p.code == "answers-left-blank"]
    assert "thay cho tệp NV-2.xlsx" in told.message
    # Where NV answers it again: its row's status cell in the third file.
    assert locate(Path(third.path), "TC-03", A.COL_STATUS) == ("Thể chế", "H6")
    assert "để trống 1 nhiệm vụ tệp đó đã báo cáo (trang 'Thể chế': TC-03 ô H6)" in told.message


def test_a_copy_of_a_units_replaced_file_named_for_another_is_told(office):
    """A file the same as one a unit sent before (since replaced by its newer one), under
    another unit's name, was never that unit's report: the office is told."""
    first = office.send("NV", "NV-1.xlsx", FIRST, date(2023, 9, 15))
    office.send("NV", "NV-2.xlsx", CORRECTED, date(2023, 9, 16))
    copy = office.tmp / "nhan-tp" / "TP.xlsx"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    result = merge_returns(office.master, [copy], "9T", office.out, received=date(2023, 9, 17))
    (told,) = result.run_files
    assert "copy-of-another-unit" in [p.code for p in told.problems]


def test_withdrawing_by_a_name_two_files_share_is_refused(office):
    """Two files named alike in two folders: which one to take out is asked, never
    guessed (the other would leave the figures)."""
    from cchc_xl.errors import UsageError
    from cchc_xl.merge.counted import withdraw_file

    office.send("NV", "NV.xlsx", FIRST, date(2023, 9, 15))
    again = office.send("NV", "NV.xlsx", CORRECTED, date(2023, 9, 17), folder="nhan-2")
    with pytest.raises(UsageError, match="có 2 tệp khớp với 'NV.xlsx'"):
        withdraw_file(office.db, "NV.xlsx")
    assert withdraw_file(office.db, str(again)).path == str(again)


def test_the_exit_code_is_the_runs_own_files(office):
    """1 says this merge's files need attention; a file an earlier merge found wrong does
    not make every later merge exit 1 (a script reading the code would stop for ever)."""
    wrong = office.send("NV", "NV.xlsx", {"TC-01": {A.COL_STATUS: "xong rồi"}},
                        date(2023, 9, 15))
    sent = fill_return(office.split["TP"], office.tmp / "nhan-tp" / "TP.xlsx",
                       {"TC-02": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 40,
                                  A.COL_EVIDENCE: EVIDENCE}},
                       saved_at=datetime(2023, 9, 15, 8))
    result = merge_returns(office.master, [sent], "9T", office.out, received=date(2023, 9, 16))
    assert [f.outcome for f in result.files if Path(f.path).name == "NV.xlsx"] == ["accepted"]
    assert any(p.code == "status-invalid" for f in result.files for p in f.problems)
    assert result.exit_code == 0
    # The same file given again (the folder merged again, as the office is told to after
    # withdraw or assess): recorded before, not read; its error is no new one.
    again = merge_returns(office.master, [wrong], "9T", office.out)
    assert [f.known for f in again.files if f.in_run] == [True]
    assert again.exit_code == 0


@pytest.mark.parametrize("second_day, said", [
    (date(2023, 9, 22), "nhận ngày 18/09/2023, không phải tệp vừa rút"),
    (date(2023, 9, 18), "nhận ngày 18/09/2023, như tệp vừa rút"),
], ids=["later-day", "same-day"])
def test_withdrawing_a_later_file_says_the_first_file_s_day(office, second_day, said):
    """The unit's second file withdrawn, its first (18/09) still counted: the office was
    told the unit is judged by its first valid file "kể cả tệp vừa rút, nhận ngày
    22/09/2023", the withdrawn file's day, while the table showed 18/09 (a QA pass). Both
    received the same day, it named the withdrawn file as if it alone dated the unit (a
    later QA pass): the day is said as both files'."""
    office.send("NV", "NV-lan-1.xlsx", FIRST, date(2023, 9, 18))
    second = office.send("NV", "NV-lan-2.xlsx", CORRECTED, second_day)
    result = CliRunner().invoke(main, ["withdraw", str(office.db), "--file", second.name])
    assert result.exit_code == 0, result.output
    assert (f"vẫn tính theo tệp hợp lệ đầu tiên của đơn vị, kể cả tệp đã rút ({said})"
            in result.output)
    assert "22/09/2023" not in result.output
    assert office.units()["NV"] == ("Đúng hạn", date(2023, 9, 18))


def test_the_letter_s_annex_says_a_withdrawn_file_was_withdrawn_in_the_body_s_order(office):
    """A QA pass (a province's letter): the annex listed a unit whose file the office
    withdrew under "Tệp bị từ chối: rút khỏi số liệu ngày …: lý do", the ledger's record,
    though the body said the file was withdrawn, not refused; and it listed the units with
    a withdrawn file and those with a refused one mixed in registry order, not in the
    body's sections (withdrawn, then refused, then reports to fix)."""
    from docx import Document

    from cchc_xl.letters.remind import write_reminders

    office.send("TP", "TP-quy-3.xlsx", {}, date(2023, 9, 19), period="Q3")
    sent = office.send("X1", "X1.xlsx", {}, date(2023, 9, 19))
    office.withdraw_in_browser(sent, why="số liệu nhầm năm trước")
    office.send("X2", "X2.xlsx", {"TTHC-01": {**FIRST["TC-01"], A.COL_PERCENT: 120}},
                date(2023, 9, 19))
    letter = write_reminders(office.db, "9T", office.tmp / "dd.docx",
                             deadline=date(2023, 10, 5), today=date(2023, 9, 28)).paths[0]
    doc = Document(str(letter))
    body = [p.text for p in doc.paragraphs]
    sections = [t for t in body if t[:2] in ("1.", "2.", "3.", "4.")]
    assert [s.split(" (")[0] for s in sections] == [
        "1. Đơn vị chưa gửi báo cáo",  # NV: nothing to annex
        "2. Đơn vị có tệp báo cáo đã gửi được rút khỏi số liệu, cần gửi lại tệp đã sửa",
        "3. Đơn vị gửi tệp không đúng, bị từ chối",
        "4. Đơn vị có báo cáo phải sửa, bổ sung"]
    annex = {t.rows[0].cells[0].text: t.rows[2].cells[-1].text for t in doc.tables
             if len(t.rows) > 2}
    assert list(annex) == ["1. Xã Một", "2. Phòng Tư pháp", "3. Xã Hai"]
    withdrawn = annex["1. Xã Một"]
    assert withdrawn.startswith("Tệp đã gửi được rút khỏi số liệu ngày ")
    assert withdrawn.endswith(", lý do: số liệu nhầm năm trước; gửi lại tệp báo cáo đã sửa")
    assert "từ chối" not in withdrawn
    # Labelled as the annex's other rows are ("[Lỗi] …"), one colon (the letter's QA).
    assert annex["2. Phòng Tư pháp"].startswith("[Tệp bị từ chối] tệp đã gửi là tệp được giao cho ")
    assert annex["3. Xã Hai"].startswith("[Lỗi] tỷ lệ 120%")
