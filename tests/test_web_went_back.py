"""The web app's merge warns a lead's answer that goes back across periods, as the
command line's does (``status-went-back``, docs/validation.md): on the upload's list,
the Thu nhận board and the unit's feedback file."""

from __future__ import annotations

import html
import shutil
from datetime import date

from openpyxl import load_workbook
from starlette.testclient import TestClient
from test_figures import EVIDENCE, done

from cchc_xl import assignment as A
from cchc_xl.vocab import IN_PROGRESS
from cchc_xl.web import create_app
from make_sample_returns import fill_return
from support.paths import HH_MASTER
from support.web import LOCAL, _job, _token

WENT_BACK = ("báo cáo quý I năm 2023 của đơn vị đã ghi 'Đã hoàn thành' (ngày 10/03/2023), "
             "nay ghi 'Đang thực hiện'")



def test_an_upload_going_back_is_warned_on_the_page_and_in_the_feedback(tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(HH_MASTER, data / "ke-hoach.xlsx")
    client = TestClient(create_app(data, limits=None), **LOCAL)
    token = _token(client)

    def send(code: str, answers: dict) -> dict:
        _job(client, token, f"/giao-viec/{code}")
        issued = next((data / f"giao-{code}").glob("NV-*.xlsx"))
        sent = fill_return(issued, tmp_path / code / "NV.xlsx", answers)
        return _job(client, token, f"/thu-nhan/{code}",
                    files=[("files", (sent.name, sent.read_bytes()))])

    # CV-04, NV's plan due in Quý I/2023: done in March, in progress at six months.
    first = send("Q1", {"CV-04": done(date(2023, 3, 10))})
    (told,) = first["result"]["files"]
    six = send("6T", {"CV-04": {A.COL_STATUS: IN_PROGRESS, A.COL_PERCENT: 60,
                                A.COL_EVIDENCE: EVIDENCE}})
    (told_six,) = six["result"]["files"]
    assert told_six["warnings"] == told["warnings"] + 1, (told, told_six)
    page = html.unescape(client.get("/thu-nhan?ky=6T").text)
    assert WENT_BACK in page
    assert WENT_BACK not in html.unescape(client.get("/thu-nhan?ky=Q1").text)
    (feedback,) = (data / "phan-hoi-6T").glob("NV-*.xlsx")
    comments = [c.comment.text for ws in load_workbook(feedback).worksheets
                for row in ws.iter_rows() for c in row if c.comment]
    assert any(WENT_BACK in text for text in comments)
