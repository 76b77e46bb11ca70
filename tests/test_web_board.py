"""The intake page's board of units (/thu-nhan): what each unit's row shows."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from openpyxl import load_workbook
from test_web_intake import _workbook_of_no_unit

from cchc_xl.consolidated.write import FILES_SHEET
from support.web import RETURNS, _client, _sent, _token, _with_master


def _figures_issued(tmp_path):
    """A data folder holding the figures' plan, and its units' 9T files made beside it
    (the data folder, the files by unit)."""
    from test_figures import figures_master

    from cchc_xl.master.write import write_master
    from cchc_xl.split import split_master

    data = tmp_path / "data"
    data.mkdir()
    master = figures_master()
    write_master(master, data / "ke-hoach.xlsx")
    return data, {f.unit_code: f.path for f in split_master(
        master, "9T", tmp_path / "giao", issued_at=datetime(2023, 9, 1)).files}


def test_a_file_with_no_problem_is_named_once_on_the_board(tmp_path):
    """A QA pass (a ward's six months): a unit whose file had no problem showed its name
    a second time, bare, under "1 tệp đã gửi" (which lists it, with its button)."""
    from test_figures import EVIDENCE, done

    from cchc_xl import assignment as A
    from make_sample_returns import fill_return

    data, issued = _figures_issued(tmp_path)
    sent = fill_return(issued["TP"], tmp_path / "TP-gui.xlsx", {
        "TC-02": done(date(2023, 5, 10)), "TTHC-02": done(date(2023, 8, 1)),
        "TTHC-04": {A.COL_STATUS: "Đang thực hiện", A.COL_EVIDENCE: EVIDENCE}},
        saved_at=datetime(2023, 9, 15))
    client = _client(data)
    assert _sent(client, _token(client), [("TP-gui.xlsx", sent.read_bytes())]
                 )["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    (row,) = [tr for tr in page.split("</tr>") if '"unit-code">TP<' in tr]
    assert "Xem " not in row  # no problem: nothing else names the file
    assert '<span class="fname">TP-gui.xlsx</span>' in row
    assert re.findall(r">\s*TP-gui\.xlsx\s*<", row) == [">TP-gui.xlsx<"]


def _identity_changed(name: str, key: str, value: str, tmp_path) -> bytes:
    """A sample return with its hidden identity sheet's ``key`` set to ``value`` (the
    other carriers keep theirs: refused as identity-conflict), saved before the sample."""
    from make_sample_returns import fill_return
    from support.mistakes import _identity_cell

    out = fill_return(RETURNS / name, tmp_path / f"doi-{key}-{name}", {},
                      saved_at=datetime(2023, 9, 12, 8),
                      tweak=lambda wb: setattr(_identity_cell(wb, key), "value", value))
    return out.read_bytes()


def _no_unit_lists(page: str) -> tuple[str, str]:
    """The text of the two lists of files taken as no unit's: still to look at, and
    refused copies a later file of their unit answered ("" when not shown)."""
    def section(title: str) -> str:
        if title not in page:
            return ""
        part = page[page.index(title):]
        return part[:part.index("</ul>")]
    return (section("Tệp không nhận ra của đơn vị nào"),
            section("Tệp bị từ chối, nay đã có tệp sau của đơn vị được nhận"))


def test_a_refused_copy_answered_by_the_unit_s_accepted_file_is_not_left_to_look_at(tmp_path):
    """A QA pass: Phòng Nội vụ's first file was refused (its identity's carriers named two
    periods), then its corrected file, of the same name, accepted; the refused copy stayed
    under "Tệp không nhận ra của đơn vị nào", as if something were still wrong. It is
    now listed apart, saying the unit's later file was taken; a refused file whose unit
    is unknown, or whose unit has sent nothing taken since, stays to look at."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = "NV-phong-noi-vu.xlsx"
    first = _sent(client, token, [
        (nv, _identity_changed(nv, "period", "Q3", tmp_path)),
        ("TP-phong-tu-phap.xlsx", _identity_changed("TP-phong-tu-phap.xlsx", "period", "Q3",
                                                    tmp_path)),
        # Its identity says Phòng Tư pháp's, its name Phòng Nội vụ's: whose is not known.
        ("NV bản 2.xlsx", _identity_changed(nv, "unit", "TP", tmp_path)),
        ("Dự toán.xlsx", _workbook_of_no_unit())])
    assert first["state"] == "done"
    look_at, answered = _no_unit_lists(html.unescape(client.get("/thu-nhan?ky=9T").text))
    assert nv in look_at and "TP-phong-tu-phap.xlsx" in look_at and not answered
    assert _sent(client, token, [(nv, (RETURNS / nv).read_bytes())])["state"] == "done"
    look_at, answered = _no_unit_lists(html.unescape(client.get("/thu-nhan?ky=9T").text))
    assert nv not in look_at
    for name in ("TP-phong-tu-phap.xlsx", "NV bản 2.xlsx", "Dự toán.xlsx"):
        assert name in look_at and name not in answered
    assert (f'<span class="fname">{nv}</span>: đã có tệp sau của Phòng Nội vụ (NV) được nhận '
            f"({nv}, ngày ") in answered
    assert ("), tệp này không cần xử lý thêm. Lý do đã từ chối tệp này: thông tin nhận dạng "
            "ở các nơi trong tệp không khớp nhau") in answered



def test_an_upload_s_name_is_shown_without_direction_marks(tmp_path):
    """A name "X\u202egpj.xlsx" shows as "Xxlsx.jpg" where the mark is kept: a file made
    to look like another on Thu nhận (a security probe). Stored and shown without it."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("Dự toán\u202exslx.xlsx", _workbook_of_no_unit())]
                 )["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "Dự toánxslx.xlsx" in page and "\u202e" not in page


def test_a_file_of_another_period_merged_into_it_says_so_on_the_board(tmp_path, monkeypatch):
    """A QA pass (a year's round): NV's Quý I file dropped on 6 tháng was refused there,
    its row saying "gộp tệp này vào kỳ quý I…"; once the office merged it into Quý I,
    the 6 tháng board still asked for it. It now says where the file went."""
    from test_figures import done

    from make_sample_returns import fill_return
    from support.clock import set_clock
    from support.web import _job

    set_clock(monkeypatch, date(2027, 1, 5))  # the day it is merged into Quý I
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _job(client, token, "/giao-viec/Q1")
    issued = next((data / "giao-Q1").glob("NV-*.xlsx"))
    sent = fill_return(issued, tmp_path / "NV.xlsx", {"CV-04": done(date(2023, 3, 10))},
                       saved_at=datetime(2027, 1, 5, 8))
    files = [("files", (sent.name, sent.read_bytes()))]

    def nv_row(code: str) -> str:
        page = html.unescape(client.get(f"/thu-nhan?ky={code}").text)
        return next(tr for tr in page.split("</tr>") if '"unit-code">NV<' in tr)

    _job(client, token, "/thu-nhan/6T", files=files)
    assert "bấm “Gộp vào kỳ quý I năm 2023” để gộp tệp này vào kỳ đó" in nv_row("6T")
    _job(client, token, "/thu-nhan/Q1", files=files)
    row = nv_row("6T")
    assert "Gộp vào kỳ" not in row
    # Not 6 tháng's refused report: NV has not sent that one (other_period.gone_to_own_period).
    assert '<span class="tag st-chua-gui">Chưa gửi</span>' in row
    assert (f'{sent.name}</span> <span class="tag">Đã gộp vào kỳ quý I năm 2023 (kỳ của tệp) '
            "ngày 05/01/2027</span>") in row, row


def test_a_broken_file_s_line_claims_no_saved_time(tmp_path):
    """A file cut in half holds no saved time: its line said "lưu lúc" the moment it was
    uploaded (its time on this disk), a file received on 18/09 "saved" on 06/12 (a QA
    pass). A file that says when it was saved shows that time; a broken one shows none,
    on the board and in the consolidated workbook's "Lưu lúc" alike (it showed the
    upload's moment there, after the day the file was received)."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    whole = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()),
                                 ("TP.xlsx", whole[:len(whole) // 2])])["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    lines = {m[1]: m[2] for m in re.finditer(
        r'<span class="fname">([^<]+)</span> <span class="tag">[^<]+</span>([^\n]*)', page)}
    assert "lưu lúc" not in lines["TP.xlsx"], lines
    assert re.search(r"lưu lúc \d\d/\d\d/2023", lines["NV.xlsx"]), lines
    ws = load_workbook(data / "tong-hop-9T.xlsx")[FILES_SHEET]
    header = [c.value for c in ws[4]]
    saved = {r[header.index("Tệp")]: r[header.index("Lưu lúc")]
             for r in ws.iter_rows(min_row=5, values_only=True)}
    assert saved["TP.xlsx"] is None, saved
    assert saved["NV.xlsx"].year == 2023, saved


def test_a_file_that_drops_answers_names_their_cells_on_the_board(tmp_path):
    """A unit's second file leaving blank tasks its first answered (answers-left-blank,
    merge/replaced.py): the board's line names each task with its sheet and status cell
    in the second file, where the unit answers it again."""
    from test_figures import done

    from cchc_xl import assignment as A
    from make_sample_returns import fill_return
    from support.mistakes import locate

    data, issued = _figures_issued(tmp_path)
    tasks = ["TC-02", "TTHC-02", "TTHC-04"]
    first = fill_return(issued["TP"], tmp_path / "TP-1.xlsx",
                        {did: done(date(2023, 5, 10)) for did in tasks},
                        saved_at=datetime(2023, 9, 14))
    second = fill_return(issued["TP"], tmp_path / "TP-2.xlsx",
                         {tasks[0]: done(date(2023, 5, 10))}, saved_at=datetime(2023, 9, 15))
    client = _client(data)
    for sent in (first, second):
        assert _sent(client, _token(client), [(sent.name, sent.read_bytes())]
                     )["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    (row,) = [tr for tr in page.split("</tr>") if '"unit-code">TP<' in tr]
    places = {did: locate(second, did, A.COL_STATUS) for did in tasks[1:]}
    assert {sheet for sheet, _ in places.values()} == {"Thủ tục"}
    listed = ", ".join(f"{did} ô {cell}" for did, (_, cell) in places.items())
    assert (f"để trống 2 nhiệm vụ tệp đó đã báo cáo (trang 'Thủ tục': {listed})"
            in row), row
