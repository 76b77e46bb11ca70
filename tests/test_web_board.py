"""The intake page's board of units (/thu-nhan): what each unit's row shows."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from support.web import _client, _sent, _token


def test_a_file_with_no_problem_is_named_once_on_the_board(tmp_path):
    """A QA pass (a ward's six months): a unit whose file had no problem showed its name
    a second time, bare, under "1 tệp đã gửi" (which lists it, with its button)."""
    from test_figures import EVIDENCE, done, figures_master

    from cchc_xl import assignment as A
    from cchc_xl.master.write import write_master
    from cchc_xl.split import split_master
    from make_sample_returns import fill_return

    data = tmp_path / "data"
    data.mkdir()
    master = figures_master()
    write_master(master, data / "ke-hoach.xlsx")
    issued = {f.unit_code: f.path for f in split_master(
        master, "9T", tmp_path / "giao", issued_at=datetime(2023, 9, 1)).files}
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
