"""The specialist opens last week's consolidated workbook by mistake and runs `assess`.
Its cells show the verdicts of when it was written; verdicts changed or removed since
(in the newest workbook) must stay. A cell left as written is no verdict of the office:
`assess` warned of each verdict changed since ("sổ cái đã có … từ một bản khác", exit 1)
and brought back one removed since, from a file nobody typed into (a QA pass). A cell
typed otherwise is told, with its cell and the newest workbook to type in instead."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta

import pytest
from test_assessment_answers import DOING, FINISHED, Office, two_returns_merged
from test_assessment_stale import _cell
from test_figures import EVIDENCE, done, run

from cchc_xl import assignment as A
from cchc_xl.consolidated.link import record_assessments
from cchc_xl.merge import merge_returns
from cchc_xl.vocab import FAIL, IN_PROGRESS, PASS
from make_sample_returns import fill_return
from support.counting import _ISSUED, _assess, _Office
from support.workbooks import type_assessments


@pytest.fixture
def office(tmp_path) -> Office:
    return two_returns_merged(tmp_path)


def _older_copy(office: Office, source: str | None = None):
    """NV's TC-01 judged Đạt and TP's TC-02 Chưa đạt, shown by the next merge's workbook,
    copied (last week's file); then, in the newest workbook, TC-01 made Chưa đạt and
    TP's verdict emptied, read ten minutes later (uploaded as ``source``), and merged
    again (now). The copy's path."""
    key = office.master.plan.key
    now = datetime.now().replace(microsecond=0) - timedelta(minutes=20)
    office.type("NV", "TC-01", "Đạt")
    office.type("TP", "TC-02", "Chưa đạt: thiếu văn bản")
    record_assessments(office.db, key, "9T", office.out, now=now)
    office.merge(office.tmp / "nhan")
    old = office.out.with_name("tong-hop-tuan-truoc.xlsx")
    shutil.copy(office.out, old)
    office.type("NV", "TC-01", "Chưa đạt: chưa đủ")
    office.type("TP", "TC-02", None)
    record_assessments(office.db, key, "9T", office.out, now=now + timedelta(minutes=10),
                       source=source)
    office.merge(office.tmp / "nhan")
    assert office.verdicts() == [("NV", "TC-01", FAIL)]
    return old


def test_an_older_copy_left_as_it_was_changes_nothing_and_warns_of_nothing(office):
    old = _older_copy(office)
    done = office.done()
    code, output = run("assess", old)
    assert code == 0, output
    assert "Không có đánh giá nào thay đổi" in output, output
    assert "Cảnh báo" not in output and "bản khác" not in output, output
    assert office.verdicts() == [("NV", "TC-01", FAIL)]  # TP's, emptied since, not back
    assert office.done() == done


def test_the_web_upload_of_it_is_told_nothing_either(office):
    """Uploaded under the name the newest was uploaded with: every download of the
    workbook has it."""
    old = _older_copy(office, source="tong-hop-9T.xlsx")
    kept: list[str] = []
    record_assessments(office.db, office.master.plan.key, "9T", old,
                       source="tong-hop-9T.xlsx", kept=kept)
    assert kept == []
    assert office.verdicts() == [("NV", "TC-01", FAIL)]


def test_an_older_copy_typed_into_keeps_what_was_decided_since_and_names_the_rows(office):
    old = _older_copy(office)
    # The copy typed: the two rows decided since, and one nobody touched since.
    for (unit, did), text in {("TP", "TC-02"): "Đạt", ("NV", "TC-01"): "Chưa đạt: khác",
                              ("NV", "TC-03"): "Đạt"}.items():
        type_assessments(old, old, text, lambda u, d, key=(unit, did): (u, d) == key)
    code, output = run("assess", old)
    assert code == 1, output
    newest = f"mở bảng tổng hợp mới nhất ({office.out.resolve()}), sửa dòng này ở đó rồi ghi lại"
    assert (f"Cảnh báo: tệp {old}: không ghi đánh giá 'Đạt' của đơn vị TP, nhiệm vụ TC-02 ("
            f"{_cell(old, 'TP|TC-02')}): đánh giá của dòng này đã được xóa lúc ") in output, output
    assert (f"không ghi đánh giá 'Chưa đạt: khác' của đơn vị NV, nhiệm vụ TC-01 ("
            f"{_cell(old, 'NV|TC-01')}): sổ cái đã có đánh giá 'Chưa đạt: chưa đủ' ghi lúc "
            in output), output
    assert output.count(f"tệp này là bản cũ, đánh giá ghi sau đó được giữ nguyên; {newest}"
                        ) == 2, output
    assert office.verdicts() == [("NV", "TC-01", FAIL), ("NV", "TC-03", PASS)]


def test_the_same_file_emptied_then_typed_again_is_read(office):
    """What this file itself recorded since is no other copy's: its cell typed back as
    it was written is the office's word."""
    key, now = office.master.plan.key, datetime.now().replace(microsecond=0)
    office.type("NV", "TC-01", "Đạt")
    record_assessments(office.db, key, "9T", office.out, now=now)
    office.merge(office.tmp / "nhan")  # shows Đạt
    office.type("NV", "TC-01", None)
    record_assessments(office.db, key, "9T", office.out, now=now + timedelta(minutes=1))
    assert office.verdicts() == []
    office.type("NV", "TC-01", "Đạt")
    record_assessments(office.db, key, "9T", office.out, now=now + timedelta(minutes=2))
    assert office.verdicts() == [("NV", "TC-01", PASS)]


def test_an_older_copy_showing_a_verdict_removed_by_a_newer_answer_says_nothing(office):
    """NV's TC-01 judged Đạt, then NV sent a newer answer: the verdict was removed (it
    judged the old one). Last week's workbook, which shows Đạt beside the old answer,
    assessed unchanged: it was refused as "typed beside an answer that no longer
    counts", though nothing was typed."""
    office.type("NV", "TC-01", "Đạt")  # read ten minutes before the newer answer's merge
    record_assessments(office.db, office.master.plan.key, "9T", office.out,
                       now=datetime.now().replace(microsecond=0) - timedelta(minutes=10))
    office.merge(office.tmp / "nhan")
    old = office.out.with_name("tong-hop-tuan-truoc.xlsx")
    shutil.copy(office.out, old)
    office.merge(office.send("NV", "NV-moi.xlsx", {"TC-01": FINISHED, "TC-03": DOING}, 17))
    assert office.verdicts() == []
    code, output = run("assess", old)
    assert code == 0, output
    assert "không ghi đánh giá" not in output and "Cảnh báo" not in output, output
    assert office.verdicts() == []


@pytest.mark.parametrize("typed", [False, True], ids=["left", "typed"])
def test_an_older_copy_showing_an_earlier_period_s_verdict_taken_back_since(tmp_path, typed):
    """Q1's Chưa đạt shown again on NV's answer sent back at six months ("|kỳ trước"), then
    taken back in the newest workbook (its cell emptied). Last week's 6-month workbook,
    left as it was, warned that the verdict "đã được bỏ … vì kết quả được tính của đơn
    vị đã khác" (exit 1), neither true nor typed; typed otherwise, it is told so."""
    office = _Office(tmp_path)
    answer = {**done(date(2023, 3, 10)), A.COL_EVIDENCE: "Báo cáo số 1/BC-NV ngày 10/3/2023"}
    office.send("Q1", {"NV": {"TC-01": answer}})
    office.judge("Q1", "NV", "TC-01", "Chưa đạt: chưa đăng")
    fill_return(office.split("6T", ledger=True)["NV"], tmp_path / "6T" / "NV.xlsx",
                {"TC-03": {A.COL_STATUS: IN_PROGRESS, A.COL_EVIDENCE: EVIDENCE}})
    six = office.out / "6T.xlsx"
    merge_returns(office.master, [tmp_path / "6T"], "6T", six,
                  received=_ISSUED["6T"].date().replace(day=18))
    old = shutil.copy(six, office.out / "6T-tuan-truoc.xlsx")
    office.judge("6T", "NV", "TC-01", None)  # taken back, read back by the next merge
    if typed:
        _assess(old, "NV", "TC-01", "Đạt", old)
    code, output = run("assess", old)
    assert code == int(typed), output
    assert ("đánh giá kỳ trước hiển thị lại ở dòng này đã được bỏ lúc" in output) == typed
    assert "vì kết quả được tính" not in output, output
    assert office.lead("6T", "TC-01").verdict is None  # still taken back


@pytest.mark.parametrize("typed", [False, True], ids=["left", "typed"])
def test_an_older_copy_put_back_in_the_workbook_s_place_undoes_nothing(office, typed):
    """Last week's workbook copied over the newest one (same path): the verdict given
    since by `assess` of that path was taken as this file's own, and the copy, left as
    it was, silently put the old verdict back (a QA pass). What was typed at a path
    before a merge last wrote a workbook there was typed into another file."""
    old = _older_copy(office)
    shutil.copy(old, office.out)
    if typed:
        office.type("NV", "TC-03", "Đạt")
        office.type("NV", "TC-01", "Đạt: đã bổ sung")
    code, output = run("assess", office.out)
    assert code == int(typed), output
    assert office.verdicts() == [("NV", "TC-01", FAIL)] + [("NV", "TC-03", PASS)] * typed
    assert ("sổ cái đã có đánh giá 'Chưa đạt: chưa đủ' ghi lúc" in output) == typed, output
    assert ("mở bảng tổng hợp mới nhất (chạy lại 'cchc-xl merge' để ghi lại tệp này theo sổ "
            "cái), sửa dòng này ở đó rồi ghi lại" in output) == typed, output


def test_nor_the_verdicts_a_merge_read_back_from_the_workbook_it_wrote_over(office):
    """The office typed its change of mind into the newest workbook and merged (the
    merge reads the workbook back, then writes it again in the same second); last
    week's copy then put back in its place, left as it was, brought the old verdict back:
    what the merge read counted as typed into the copy."""
    office.type("NV", "TC-01", "Đạt")
    record_assessments(office.db, office.master.plan.key, "9T", office.out,
                       now=datetime.now().replace(microsecond=0) - timedelta(minutes=10))
    office.merge(office.tmp / "nhan")
    old = shutil.copy(office.out, office.tmp / "tuan-truoc.xlsx")
    office.type("NV", "TC-01", "Chưa đạt: chưa đủ")
    office.merge(office.tmp / "nhan")
    assert office.verdicts() == [("NV", "TC-01", FAIL)]
    shutil.copy(old, office.out)
    code, output = run("assess", office.out)
    assert code == 0, output
    assert office.verdicts() == [("NV", "TC-01", FAIL)]


def test_a_verdict_emptied_before_the_workbook_was_written_can_be_given_again(office):
    """Emptied in the workbook and read back by a merge, the verdict was gone from the
    workbook the merge wrote; typed again there and uploaded, it was taken for the old
    one shown as written, and dropped: the workbook's time was its latest verdict's,
    not the removal's."""
    office.type("NV", "TC-01", "Đạt")
    record_assessments(office.db, office.master.plan.key, "9T", office.out,
                       now=datetime.now().replace(microsecond=0) - timedelta(minutes=10))
    office.merge(office.tmp / "nhan")
    office.type("NV", "TC-01", None)
    office.merge(office.tmp / "nhan")
    assert office.verdicts() == []
    office.type("NV", "TC-01", "Đạt")
    kept: list[str] = []
    record_assessments(office.db, office.master.plan.key, "9T", office.out,
                       source="tong-hop-9T.xlsx", kept=kept)
    assert kept == []
    assert office.verdicts() == [("NV", "TC-01", PASS)]
