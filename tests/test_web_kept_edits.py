"""The web app makes the report and the letters again (the "Lập lại báo cáo" and "Lập công
văn" buttons, and by itself after the office's assessments are recorded): the Word draft,
the report workbook, the letter and its lists the office edited in the data folder since
are kept beside the new ones (cchc_xl.edited), and the page names both files."""

from __future__ import annotations

import html

from cchc_xl.web.workspace import Workspace
from support.saved import kept_copies, saved_by_excel, saved_by_word
from support.web import _job, _nv_and_tp_merged, _wait
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
    state = _job(client, token, "/bao-cao/9T/danh-gia",
                 files={"workbook": ("tổng hợp đã đánh giá.xlsx", typed.read_bytes())})
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


def test_the_copies_kept_are_listed_on_their_page_and_downloaded_from_it(tmp_path):
    """Someone using the app from another computer reaches the office's edited copies:
    the page each belongs to lists them, newest first, each with a download link; only a
    kept copy of the period's outputs is served, never another file of the folder."""
    import os
    from urllib.parse import quote

    data, client, token = _nv_and_tp_merged(tmp_path)
    ws = Workspace(data)
    docx, letter = ws.report_docx("9T"), ws.reminder_docx("9T")
    _done(client, token, "/bao-cao/9T")
    assert "Bản đã sửa được giữ lại" not in client.get("/bao-cao?ky=9T").text
    first = saved_by_word(docx)
    os.utime(docx, (1_700_000_000, 1_700_000_000))  # saved first, long ago
    _done(client, token, "/bao-cao/9T")
    second = saved_by_word(docx, "Đoạn sửa lần hai.")
    _done(client, token, "/bao-cao/9T")
    older, newer = sorted(kept_copies(docx), key=lambda p: p.read_bytes() != first)
    page = html.unescape(client.get("/bao-cao?ky=9T").text)
    assert "Bản đã sửa được giữ lại" in page
    assert page.index(newer.name) < page.index(older.name)  # newest first
    for kept, content in ((older, first), (newer, second)):
        link = f"/ban-da-sua/9T/{quote(kept.name)}"
        assert f'{link}" download>{kept.name}</a>' in page
        got = client.get(link)
        assert got.status_code == 200 and got.content == content
    # The letters' copies are on Phản hồi, not on Báo cáo.
    _done(client, token, "/phan-hoi/9T")
    edited_letter = saved_by_word(letter)
    _done(client, token, "/phan-hoi/9T")
    (kept_letter,) = kept_copies(letter)
    feedback = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert kept_letter.name in feedback and older.name not in feedback
    assert kept_letter.name not in html.unescape(client.get("/bao-cao?ky=9T").text)
    assert client.get(f"/ban-da-sua/9T/{quote(kept_letter.name)}").content == edited_letter
    # Nothing else: the output itself, the ledger, a path out of the folder, another period.
    for name in (docx.name, ws.ledger_path.name, "..%2F..%2Fetc%2Fpasswd",
                 quote(f"../{kept_letter.name}")):
        assert client.get(f"/ban-da-sua/9T/{name}").status_code == 404, name
    assert client.get(f"/ban-da-sua/Q1/{quote(older.name)}").status_code == 404
