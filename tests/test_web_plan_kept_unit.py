"""A unit taken off the plan mid-year (merged into another: the 2026 amendment's
"hợp nhất"), whose Quý I file comes again after the amendment, on the Thu nhận page of
Quý I, which keeps the plan it was counted with. The file is counted there, for the unit
as that plan names it; its line said "→ QS: đơn vị QS không còn trong bảng kế hoạch đang
dùng: tệp không được tính vào số liệu", by the plan in use (a QA pass)."""

from __future__ import annotations

import html
from datetime import date, datetime

from click.testing import CliRunner
from openpyxl import load_workbook
from test_plan_amended import QS, VP, _doing, plan_folder_on, write_plan

from cchc_xl.cli import main
from cchc_xl.snapshot import load_snapshot
from make_sample_returns import fill_return
from support.web import _client, _job, _put_plan, _token


def _merged_away(path) -> None:
    """The amendment: the Ban Chỉ huy quân sự taken off the unit sheet, its task (TC-05)
    given to the Văn phòng."""
    wb = load_workbook(path)
    ws = wb["Lĩnh vực 1"]
    row = next(r for r in range(6, 12) if ws.cell(r, 1).value == "TC-05")
    ws.cell(row, 5).value = VP
    units = wb["Đơn vị"]
    units.delete_rows(next(c[0].row for c in units.iter_rows(min_row=2)
                           if c[0].value == "QS"))
    wb.save(path)


def _sent(client, token, issued, tmp_path, percent: int, saved: datetime, received: str):
    sent = fill_return(issued, tmp_path / f"QS-{percent}" / issued.name,
                       {"TC-05": _doing(percent)}, saved_at=saved)
    return _job(client, token, "/thu-nhan/Q1", data={"received": received},
                files=[("files", (sent.name, sent.read_bytes()))])


def test_a_late_file_of_a_unit_merged_away_is_counted_in_the_period_that_keeps_it(
        tmp_path, monkeypatch):
    data = plan_folder_on(tmp_path, monkeypatch, date(2026, 5, 15))
    client = _client(data)
    token = _token(client)
    _job(client, token, "/giao-viec/Q1")
    issued = next((data / "giao-Q1").glob("QS-*.xlsx"))
    _sent(client, token, issued, tmp_path, 20, datetime(2026, 3, 16, 9), "18/03/2026")
    amended = write_plan(tmp_path / "kế hoạch sửa.xlsx")
    _merged_away(amended)
    _put_plan(client, data={"csrf": token},
              files={"master": (amended.name, amended.read_bytes())})

    # Its corrected Quý I file, sent in May: Quý I keeps the plan where QS is a unit.
    state = _sent(client, token, issued, tmp_path, 40, datetime(2026, 5, 14, 9),
                  "15/05/2026")
    [line] = state["result"]["files"]
    assert (line["outcome"], line["unit"]) == ("Được nhận", QS)
    assert "không còn trong bảng kế hoạch" not in line["reason"]
    qs = [s for s in load_snapshot(data / "cchc-ledger.sqlite", "Q1").submissions
          if s.unit == "QS" and s.outcome == "accepted"]
    assert [s.received_day for s in qs] == [date(2026, 5, 15)]


def test_its_earlier_file_sent_for_a_later_period_does_not_ask_it_for_that_periods(
        tmp_path, monkeypatch):
    """Its Quý I file sent for 6 tháng: merged there by the button if late, but the unit
    has no 6 tháng file to fill in (it was asked for one: a QA pass), on the page, on
    the board, and in the command line's merge."""
    data = plan_folder_on(tmp_path, monkeypatch, date(2026, 6, 18))
    client = _client(data)
    token = _token(client)
    _job(client, token, "/giao-viec/Q1")
    quarter = next((data / "giao-Q1").glob("QS-*.xlsx"))
    amended = write_plan(tmp_path / "kế hoạch sửa.xlsx")
    _merged_away(amended)
    _put_plan(client, data={"csrf": token},
              files={"master": (amended.name, amended.read_bytes())})
    _job(client, token, "/giao-viec/6T")
    half = next((data / "giao-6T").glob("VP-*.xlsx"))
    sent = [fill_return(quarter, tmp_path / "sent" / quarter.name, {"TC-05": _doing(40)},
                        saved_at=datetime(2026, 6, 16, 9)),
            fill_return(half, tmp_path / "sent" / half.name, {"TC-05": _doing(50)},
                        saved_at=datetime(2026, 6, 16, 9))]
    state = _job(client, token, "/thu-nhan/6T", data={"received": "18/06/2026"},
                 files=[("files", (f.name, f.read_bytes())) for f in sent])
    line = next(f for f in state["result"]["files"] if f["name"] == quarter.name)
    said = (f"đơn vị 'QS' ({QS}) không còn trong trang 'Đơn vị' của bảng kế hoạch (bảng kế "
            "hoạch đã sửa sau khi giao tệp) nên không có tệp kỳ 6 tháng đầu năm 2026: nhiệm "
            "vụ của đơn vị nay giao cho đơn vị khác thì đơn vị đó báo cáo")
    assert line["reason"] == (
        "tệp được giao cho kỳ quý I năm 2026, không phải kỳ 6 tháng đầu năm 2026 đang gộp: "
        "nếu đơn vị gửi muộn tệp của kỳ quý I năm 2026, bấm “Gộp vào kỳ quý I năm 2026” để "
        "gộp tệp này vào kỳ đó (không cần tải lên lại); " + said)
    page = html.unescape(client.get("/thu-nhan?ky=6T").text)
    assert said in page
    assert "đề nghị đơn vị điền tệp của kỳ 6 tháng đầu năm 2026" not in page

    out = CliRunner().invoke(main, ["merge", str(data / "ke-hoach.xlsx"),
                                    str(tmp_path / "sent"), "--period", "6T", "--out",
                                    str(tmp_path / "cli" / "tong-hop.xlsx")])
    assert out.exit_code == 1, out.output
    told = " ".join(out.output.split())
    assert ("tệp được giao cho kỳ quý I năm 2026, không phải kỳ 6 tháng đầu năm 2026 đang "
            "gộp: gộp tệp này vào kỳ quý I năm 2026 (chọn kỳ đó khi gộp); " + said) in told
