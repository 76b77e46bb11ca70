"""A task given another lead unit after the files were issued: a coordinating unit's file
still says "Phối hợp với" the lead as it was, and the merge's warning "bảng kế hoạch đã
sửa sau khi giao tệp này" said nothing of it, or nothing at all when that was the only
change (a QA pass of a plan amended mid-year: the office could not tell whether the
coordinator had to be sent its file again). It names the row and its lead now, and says
the unit's answers there count as they are."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from test_plan_amended import KT, VHXH, _doing, _fill, _run, write_plan

from cchc_xl.cli import main

_SAID = ("1 dòng đơn vị phối hợp ghi đơn vị chủ trì trước khi sửa (TC-01: nay 'Phối hợp với "
         "Phòng Văn hóa - Xã hội'): kết quả đơn vị báo cáo ở đó vẫn được tính đúng, không cần "
         "gửi lại tệp vì việc này")


def _merged_after_lead_changed(tmp_path: Path, deadline_too: bool) -> str:
    """KT's Quý I file (KT coordinates TC-01, led by the Văn phòng) merged after TC-01
    was given to Phòng Văn hóa - Xã hội (and TC-02's deadline moved)."""
    plan = write_plan(tmp_path / "kh.xlsx")
    _run("split", plan, "--period", "Q1", "--out", tmp_path / "giao")
    _fill(tmp_path / "giao", tmp_path / "nhan", {("KT", "TC-01"): _doing(30),
                                                 ("KT", "TC-02"): _doing(40)},
          datetime(2026, 3, 12, 9))
    for f in (tmp_path / "nhan").glob("*.xlsx"):
        if not f.name.startswith("KT-"):
            f.unlink()
    wb = load_workbook(plan)
    ws = wb["Lĩnh vực 1"]
    row = {ws.cell(r, 1).value: r for r in range(6, 12)}
    assert ws.cell(row["TC-01"], 6).value == KT
    ws.cell(row["TC-01"], 5).value = VHXH
    if deadline_too:
        ws.cell(row["TC-02"], 7).value = "Tháng 9/2026"
    wb.save(plan)
    result = CliRunner().invoke(main, [
        "merge", str(plan), str(tmp_path / "nhan"), "--period", "Q1", "--out",
        str(tmp_path / "th.xlsx"), "--received", "13/03/2026"])
    assert result.exit_code == 0, result.output
    return result.output


def test_only_the_lead_changed_the_coordinator_is_told_its_answers_count(tmp_path):
    out = _merged_after_lead_changed(tmp_path, deadline_too=False)
    assert "[Cảnh báo] kế hoạch đã sửa sau khi giao" in out
    assert (_SAID + "; nếu cần, báo đơn vị biết đơn vị chủ trì mới để phối hợp") in out
    assert "tách lại và gửi đơn vị tệp mới" not in out


def test_among_other_changes_the_lead_s_row_is_named(tmp_path):
    out = _merged_after_lead_changed(tmp_path, deadline_too=True)
    assert ("1 dòng của tệp ghi theo kế hoạch trước khi sửa (TC-02: 'Thời gian hoàn thành', "
            "'Hạn (ngày)'), đơn vị không sửa các ô đó; " + _SAID + ". Kết quả được tính theo "
            "kế hoạch hiện hành") in out
