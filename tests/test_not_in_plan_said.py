"""A refused file of a unit the plan has not is said as such, not as nobody's (as a file
of another plan is: test_other_plan_said.py): a file issued to a unit the office took off
the 'Đơn vị' sheet since (identity-unit-removed), or naming a unit the sheet never had
(identity-unknown-unit), is counted as nobody's report, yet its refusal names the unit;
the merge's line said "Tệp bị từ chối không rõ của đơn vị nào (…) — tìm đơn vị đã gửi …"
and Thu nhận listed it under "Tệp không nhận ra của đơn vị nào". Now both say what it is
and what to do: ask the unit it was merged into, when the plan's versions the ledger
holds tell; else check the unit sheet, or find who sent it."""

from __future__ import annotations

import copy
import html
import re
from dataclasses import replace

from click.testing import CliRunner
from test_plan_edits import _without_tp

from cchc_xl.cli import main
from cchc_xl.findings import Finding
from cchc_xl.intake.identify import FIND_THE_SENDER, refused_as_not_in_plan
from cchc_xl.master.write import write_master
from cchc_xl.submission import Submission
from make_sample_returns import fill_return
from support.mistakes import SAVED, done, ids
from support.web import _client, _sent, _token

TP_FILE = "TP-Phòng-Tư-pháp.xlsx"
WHAT = ("tệp của đơn vị 'TP' (Phòng Tư pháp) mà bảng kế hoạch nay không còn (đã bỏ khỏi "
        "trang 'Đơn vị' sau khi giao tệp)")
MERGED = "Phòng Nội vụ và Tư pháp"
BECAME = (f"đơn vị có thể đã hợp nhất thành “{MERGED}” (mã NVTP) theo bảng kế hoạch đã sửa: "
          f"đề nghị {MERGED} (NVTP) gửi tệp được giao cho kỳ 9 tháng năm 2023")
CHECK = ("kiểm tra trang 'Đơn vị' của bảng kế hoạch: nếu bỏ đơn vị nhầm, thêm lại mã 'TP' "
         "rồi gộp lại (tệp được đọc lại, đơn vị không cần gửi lại); nếu nhiệm vụ của đơn vị "
         "nay giao cho đơn vị khác thì đơn vị đó báo cáo, không cần xử lý tệp này")
HEADING = ("Tệp bị từ chối của đơn vị không có trong bảng kế hoạch, không tính cho đơn vị "
           "nào (1; lý do ở trang 'Vấn đề'):")
NOBODY = ("Tệp bị từ chối không rõ của đơn vị nào (1): Bao-cao.xlsx — " + FIND_THE_SENDER
          + " (lý do của từng tệp ở trang 'Vấn đề').")


def _merged_nv_tp(hh_master):
    """The plan amended mid-year: Phòng Nội vụ and Phòng Tư pháp merged into one office
    of a new code, given the tasks of both."""
    master = copy.deepcopy(hh_master)
    new = replace(master.unit("NV"), code="NVTP", name=MERGED, aliases=[])
    for d in master.deliverables():
        d.lead = list(dict.fromkeys("NVTP" if c in ("NV", "TP") else c for c in d.lead))
        d.support = [c for c in dict.fromkeys("NVTP" if c in ("NV", "TP") else c
                                              for c in d.support) if c not in d.lead]
        names = {**{u.code: u.name for u in master.units}, "NVTP": MERGED}
        d.lead_text, d.support_text = ("; ".join(names[c] for c in codes)
                                       for codes in (d.lead, d.support))
    at = [u.code for u in master.units].index("NV")
    master.units = [u for u in master.units if u.code not in ("NV", "TP")]
    master.units.insert(at, new)
    for g in master.groups:
        g.members = [("NVTP" if c == "NV" else c) for c in g.members if c != "TP"]
    return master


def _tp_and_empty(hh_master, hh_split, folder):
    """TP's file, filled in as issued before the amendment, and an empty file whose name
    says no unit."""
    folder.mkdir()
    fill_return(hh_split["TP"], folder / TP_FILE,
                {did: done() for did in ids(hh_master, "TP")}, saved_at=SAVED)
    (folder / "Bao-cao.xlsx").write_bytes(b"")
    return folder


def _merge(plan, folder, out, *more):
    return CliRunner().invoke(main, ["merge", str(plan), str(folder), "--period", "9T",
                                     "--out", str(out), *more])


def _words(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(page)).split())


def test_merge_names_the_unit_a_removed_unit_was_merged_into(hh_master, hh_split, tmp_path):
    """9T merged once with the plan as issued (X07's file), then again with the amended
    plan (--recount: the period's report is due) and TP's file: refused, said apart from
    the empty file of no unit, with the unit TP was merged into, to ask."""
    first = tmp_path / "dot-1"
    first.mkdir()
    fill_return(hh_split["X07"], first / "X07.xlsx", {}, saved_at=SAVED)
    out = tmp_path / "tong-hop.xlsx"
    assert _merge(write_master(hh_master, tmp_path / "ke-hoach.xlsx"), first,
                  out).exit_code in (0, 1)
    sent = _tp_and_empty(hh_master, hh_split, tmp_path / "dot-2")
    amended = write_master(_merged_nv_tp(hh_master), tmp_path / "ke-hoach-sua.xlsx")
    done_ = _merge(amended, sent, out, "--recount")
    assert done_.exit_code == 1, done_.output
    lines = done_.output.splitlines()
    at = lines.index(HEADING)
    assert lines[at + 1] == f"  {TP_FILE}: {WHAT}: {BECAME}.", lines[at:at + 3]
    assert lines[at + 2] == NOBODY, done_.output  # the empty file alone is nobody's
    # Counted as before: TP's file for no unit, NVTP not sent (X07's, unfilled, refused).
    assert any(line.startswith("Đơn vị đã gửi: 0/46; tệp bị từ chối: Xã Hoằng Đồng; chưa "
                               f"gửi: {MERGED};") for line in lines), lines
    # Its refusal is not said again among the first problems (the empty file's is).
    first = [line for line in lines[next(i for i, line in enumerate(lines) if line.startswith(
        "Các vấn đề đầu tiên")) + 1:] if line.startswith("  ")]
    assert any("Bao-cao.xlsx" in line for line in first), first
    assert not any(TP_FILE in line for line in first), first
    # "Tệp đã nhận" says what the refusal knows of TP, not "TP (không xác định được)".
    from openpyxl import load_workbook

    from cchc_xl.consolidated.write import FILES_SHEET

    rows = [[c for c in row if c] for row in load_workbook(out)[FILES_SHEET].iter_rows(
        values_only=True)]
    tp = next(r for r in rows if any(str(c).endswith(TP_FILE) for c in r))
    assert "TP (đơn vị nay không còn trong bảng kế hoạch)" in tp, tp


def test_thu_nhan_lists_a_file_of_a_unit_taken_off_apart(hh_master, hh_split, tmp_path):
    """The web app's plan has TP off its unit sheet from the start (the ledger holds no
    version with TP): its file is listed apart, the office told to check the sheet."""
    sent = _tp_and_empty(hh_master, hh_split, tmp_path / "nhan-ve")
    data = tmp_path / "data"
    data.mkdir()
    write_master(_without_tp(hh_master), data / "ke-hoach.xlsx")
    client = _client(data)
    state = _sent(client, _token(client), [(p.name, p.read_bytes())
                                          for p in sorted(sent.iterdir())])
    summary = state["result"]["summary"].splitlines()
    assert HEADING in summary and f"  {TP_FILE}: {WHAT}: {CHECK}." in summary, summary
    assert NOBODY in summary
    page = _words(client.get("/thu-nhan?ky=9T").text)
    assert ("Tệp của đơn vị không có trong bảng kế hoạch, không tính cho đơn vị nào (1) "
            f"{TP_FILE} : {WHAT}: {CHECK} Tệp không nhận ra của đơn vị nào (1) Bao-cao.xlsx :"
            ) in page, page
    nobodys = page[page.index("Tệp không nhận ra của đơn vị nào"):]
    assert TP_FILE not in nobodys


def test_a_unit_code_the_plan_never_had(hh_master):
    """A file naming a unit code the sheet never had (identity-unknown-unit): the office
    checks the sheet, or finds who sent it. A unit the plan has again: its file is read
    again by the next merge, nothing said apart."""
    period = hh_master.period("9T")
    refusal = Finding("error", "identity-unknown-unit", "…", file="X99.xlsx")
    sub = Submission(1, "0" * 64, hh_master.plan.key, "9T", None, "X99.xlsx", "xlsx", None,
                     None, "2023-09-20T08:00:00", "rejected", "…", 1, 0, 0,
                     problems=[refusal],
                     identity={"plan": hh_master.plan.key, "year": "2023", "unit": "X99",
                               "unit_name": "Xã Hoằng Mới", "period": "9T"})
    assert refused_as_not_in_plan(sub, hh_master, period, list) == (
        "tệp của đơn vị 'X99' (Xã Hoằng Mới) mà bảng kế hoạch này không có (mã 'X99' không "
        "có trong trang 'Đơn vị')",
        "kiểm tra trang 'Đơn vị' của bảng kế hoạch: thiếu đơn vị thì thêm mã 'X99' rồi gộp "
        "lại (tệp được đọc lại, đơn vị không cần gửi lại); nếu không, " + FIND_THE_SENDER)
    back = replace(sub, identity={**sub.identity, "unit": "X07"})
    assert refused_as_not_in_plan(back, hh_master, period, list) is None
    # Where "Tệp đã nhận" lists it: what the refusal knows of the unit.
    from cchc_xl.consolidated.files import file_unit

    assert file_unit(sub, {}) == ("", "X99 (đơn vị không có trong bảng kế hoạch)")
    assert file_unit(replace(sub, problems=[]), {}) == ("", "X99 (không xác định được)")
