"""The web app makes the report and the letters again (the "Lập lại báo cáo" and "Lập công
văn" buttons, and by itself after the office's assessments are recorded): the Word draft,
the report workbook, the letter and its lists the office edited in the data folder since
are kept beside the new ones (cchc_xl.edited), and the page names both files."""

from __future__ import annotations

import html

from cchc_xl.web.workspace import Workspace
from support.saved import kept_copies, saved_by_excel, saved_by_word
from support.web import _nv_and_tp_merged, _wait
from support.workbooks import type_assessments


def _done(client, token, action: str) -> str:
    job = client.post(action, headers={"X-CSRF-Token": token, "Accept": "application/json"}
                      ).json()
    state = _wait(client, job)
    assert state["state"] == "done", state
    return state["result"]["message"]


def test_the_report_made_again_keeps_the_draft_the_office_edited(tmp_path):
    data, client, token = _nv_and_tp_merged(tmp_path)
    ws = Workspace(data)
    docx, xlsx = ws.report_docx("9T"), ws.report_xlsx("9T")
    _done(client, token, "/bao-cao/9T")
    said = _done(client, token, "/bao-cao/9T")  # nobody edited it: replaced, no clutter
    assert "bản đã sửa" not in said and kept_copies(docx) == kept_copies(xlsx) == []
    edited = saved_by_word(docx)
    said = _done(client, token, "/bao-cao/9T")
    (kept,) = kept_copies(docx)
    assert kept.read_bytes() == edited and docx.read_bytes() != edited
    assert (f"Lưu ý: tệp bao-cao-9T.docx đã được sửa sau khi cchc-xl lập: bản đã sửa được "
            f"giữ lại thành \"{kept.name}\"") in said
    assert "Lưu ý: tệp bao-cao-9T.docx đã được sửa" in html.unescape(
        client.get("/bao-cao?ky=9T").text)
    # Edited again (the draft and the workbook), the report made again by itself after
    # the office's assessments are recorded: every edited copy kept, the first untouched.
    again, workbook = saved_by_word(docx, "Đoạn thứ hai."), saved_by_excel(xlsx)
    downloaded = tmp_path / "tong-hop-9T.xlsx"
    downloaded.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    typed = tmp_path / "th-sua.xlsx"
    assert type_assessments(downloaded, typed, "Đạt", lambda unit, _: unit == "NV") > 0
    job = client.post("/bao-cao/9T/danh-gia",
                      files={"workbook": ("tổng hợp đã đánh giá.xlsx", typed.read_bytes())},
                      headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    state = _wait(client, job)
    assert state["state"] == "done", state
    said = state["result"]["message"]
    assert "bảng tổng hợp và báo cáo đã được lập lại" in said
    assert {k.read_bytes() for k in kept_copies(docx)} == {edited, again}
    assert [k.read_bytes() for k in kept_copies(xlsx)] == [workbook]
    (second,) = [k for k in kept_copies(docx) if k != kept]
    for path in (second, *kept_copies(xlsx)):  # each copy kept now named on the page
        assert f"\"{path.name}\"" in said
    assert f"\"{kept.name}\"" not in said
    assert state["result"]["tone"] == "warn"


def test_a_letter_made_again_keeps_the_letter_and_lists_the_office_edited(tmp_path):
    data, client, token = _nv_and_tp_merged(tmp_path)
    ws = Workspace(data)
    for action, files in (("/phan-hoi/9T", (ws.reminder_docx, ws.reminder_xlsx,
                                            ws.reminder_csv)),
                          ("/phan-hoi/9T/qua-han", (ws.overdue_docx, ws.overdue_xlsx,
                                                    ws.overdue_csv))):
        letter, listed, csv = (f("9T") for f in files)
        _done(client, token, action)
        said = _done(client, token, action)
        assert "bản đã sửa" not in said
        assert [kept_copies(p) for p in (letter, listed, csv)] == [[], [], []]
        csv.write_bytes(csv.read_bytes() + "X,Đơn vị thêm tay,,,\r\n".encode())
        edited = {letter: saved_by_word(letter), listed: saved_by_excel(listed),
                  csv: csv.read_bytes()}
        said = _done(client, token, action)
        for path, content in edited.items():
            (kept,) = kept_copies(path)
            assert kept.read_bytes() == content and path.read_bytes() != content
            assert f"tệp {path.name} đã được sửa sau khi cchc-xl lập" in said
            assert f"\"{kept.name}\"" in said
