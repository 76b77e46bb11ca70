"""The feedback page (/phan-hoi): reminder letters and each unit's feedback."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from pathlib import Path

import openpyxl

from cchc_xl.vocab import COMMUNE
from support.clock import set_clock
from support.web import (
    RETURNS,
    _client,
    _job,
    _nv_and_tp_merged,
    _sent,
    _token,
    _wait,
    _with_master,
)
from support.workbooks import type_assessments


def _send_nv(client, token: str) -> None:
    """Phòng Nội vụ's bundled return uploaded and merged."""
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx")
                                  .read_bytes())])["state"] == "done"


def _nv_sent(tmp_path):
    """A data folder with the plan in place and Phòng Nội vụ's return merged: the folder,
    a client and its form token."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _send_nv(client, token)
    return data, client, token


def test_reminder_deadline_must_be_a_date(tmp_path, monkeypatch):
    """30/02/2023 was said to be "không phải ngày dạng ngày/tháng/năm", which it is: it is
    a day the calendar does not have (a QA probe). A day and month is read as "Ngày nhận"
    reads it (a QA pass: "25/3" was refused here, "18/3" taken there); the example is the
    command line's (resend.example_deadline): on 18/09/2023, a week on, after the period's
    due day (20/09/2023)."""
    set_clock(monkeypatch, date(2023, 9, 18))
    data = _with_master(tmp_path)
    client = _client(data)
    example = "25/09/2023"
    for given, said in (
            ("30/02/2023", f"Ngày 30/02/2023 không có trên lịch: ghi hạn gửi lại là một ngày "
                           f"có thật, dạng ngày/tháng/năm, ví dụ {example}."),
            ("31/31/2023", f"Ngày 31/31/2023 không có trên lịch: ghi hạn gửi lại là một ngày "
                           f"có thật, dạng ngày/tháng/năm, ví dụ {example}."),
            ("31/9", f"Ngày 31/9 không có trên lịch: ghi hạn gửi lại là một ngày có thật, "
                     f"dạng ngày/tháng/năm, ví dụ {example}."),
            ("cuối tháng", "Hạn gửi lại 'cuối tháng' không phải ngày: ghi dạng ngày/tháng/năm, "
                           f"ví dụ {example} (ghi ngày/tháng cũng được: năm được hiểu theo hạn "
                           "nộp báo cáo của kỳ).")):
        response = client.post("/phan-hoi/9T", data={"deadline": given},
                               headers={"X-CSRF-Token": _token(client),
                                        "Accept": "application/json"})
        assert response.status_code == 400
        assert response.json()["error"] == said
    # "25/9": 25/09/2023, the plan's year; the letter says it.
    _send_nv(client, _token(client))
    job = client.post("/phan-hoi/9T", data={"deadline": "25/9"},
                      headers={"X-CSRF-Token": _token(client), "Accept": "application/json"})
    assert _wait(client, job.json())["state"] == "done"
    from test_figures import word_text

    from cchc_xl.web.workspace import Workspace

    paragraphs, _ = word_text(Workspace(data).reminder_docx("9T"))
    assert "25/09/2023" in " ".join(paragraphs)


def test_a_reminder_letter_older_than_the_last_merge_says_so(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    send = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", send)])["state"] == "done"
    stale = "Số liệu của kỳ đã thay đổi sau lần lập công văn trước"

    def remind() -> None:
        job = client.post("/phan-hoi/9T", headers={"X-CSRF-Token": token,
                                                   "Accept": "application/json"}).json()
        assert _wait(client, job)["state"] == "done"

    remind()
    assert stale not in html.unescape(client.get("/phan-hoi").text)
    send = (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes()
    assert _sent(client, token, [("TP.xlsx", send)])["state"] == "done"
    assert stale in html.unescape(client.get("/phan-hoi").text)  # TP still listed in it
    remind()
    assert stale not in html.unescape(client.get("/phan-hoi").text)


def test_letters_made_before_an_assessment_say_the_figures_changed_and_how(tmp_path):
    """The office's Chưa đạt, recorded after both letters were made, changes who is asked
    to fix what: the page said "Có tệp mới gộp hoặc rút" though no file was merged or
    withdrawn (a QA pass), and "đơn vị chưa gửi" though the list that changed was
    of the reports to fix."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    for action in ("/phan-hoi/9T", "/phan-hoi/9T/qua-han"):
        job = client.post(action, headers={"X-CSRF-Token": token,
                                           "Accept": "application/json"}).json()
        assert _wait(client, job)["state"] == "done"
    said = ("Số liệu của kỳ đã thay đổi sau lần lập công văn trước (tệp mới gộp, tệp rút, "
            "đánh giá Đạt / Chưa đạt của cơ quan tổng hợp, hoặc bảng kế hoạch đã sửa: người "
            "ký, cơ quan gửi…): lập lại công văn để ")
    assert said not in html.unescape(client.get("/phan-hoi?ky=9T").text)
    downloaded = tmp_path / "tong-hop-9T.xlsx"
    downloaded.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    edited = tmp_path / "danh-gia.xlsx"
    assert type_assessments(downloaded, edited, "Chưa đạt: thiếu văn bản",
                            lambda unit, _: unit == "NV") > 0
    _job(client, token, "/bao-cao/9T/danh-gia",
         files={"workbook": ("th.xlsx", edited.read_bytes())})
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert said + "danh sách đơn vị cần đôn đốc đúng với hiện tại." in page
    assert said + "danh sách nhiệm vụ quá hạn đúng với hiện tại." in page
    assert "Có tệp mới gộp hoặc rút" not in page


def test_the_reminder_letter_asks_every_unit_before_any_file(tmp_path, monkeypatch):
    """The due day passed and no file came: the card said the letter could be made once
    a file was merged (a QA pass). It lists every unit and makes the letter to all."""
    set_clock(monkeypatch, date(2027, 1, 5))  # the letter's year: the clock's, not the plan's
    data = _with_master(tmp_path)
    client = _client(data)
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    card = page[page.index("<h2>Công văn đôn đốc</h2>"):]
    card = card[:card.index("</section>")]
    assert "Chưa gửi: 47 đơn vị chưa gửi tệp nào kỳ này (hạn 20/09/2023):" in card
    assert "Phòng Nội vụ; Phòng Tư pháp;" in card and "Lập công văn đôn đốc</button>" in card
    job = client.post("/phan-hoi/9T", headers={"X-CSRF-Token": _token(client),
                                               "Accept": "application/json"}).json()
    done = _wait(client, job)
    assert done["state"] == "done", done
    # No "Hạn gửi lại" typed: the letter leaves it blank, and the page says so (as the
    # CLI does), with how to give one, in the pages' curly quotes (the CLI's straight
    # ones were said on the page).
    assert done["result"]["message"] == (
        "Đã lập công văn đôn đốc 47 đơn vị. Lưu ý: hạn gửi lại để trống trong công văn "
        "(“chậm nhất ngày … tháng … năm 2027”) và ở cột “Hạn gửi” của danh "
        "sách trộn thư, để cơ quan ghi tay vào dự thảo; để điền sẵn hạn, ghi ô “Hạn gửi "
        "lại” rồi lập lại công văn.")
    from test_figures import word_text

    from cchc_xl.web.workspace import Workspace

    paragraphs, _ = word_text(Workspace(data).reminder_docx("9T"))
    said = " ".join(paragraphs)
    assert "chưa nhận được báo cáo của cơ quan, đơn vị nào:" in said
    assert "Đơn vị chưa gửi báo cáo (47)" in said
    assert not (data / "cchc-ledger.sqlite").exists()  # no ledger made for it


def test_a_units_feedback_names_the_file_as_it_sent_it(tmp_path):
    """The letter said 'Tệp đã nhận: x02-bao-cao-c23089.xlsx', a name the unit never gave."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    body = (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()  # a percent of 120: feedback
    assert _sent(client, token, [("X02 Hoằng Cát báo cáo.xlsx", body)])["state"] == "done"
    (letter,) = (data / "phan-hoi-9T").glob("X02-*.xlsx")
    lines = [r[0] for r in openpyxl.load_workbook(letter)["Phản hồi"].iter_rows(
        max_row=8, max_col=1, values_only=True)]
    assert any(str(t).startswith("Tệp đã nhận: X02 Hoằng Cát báo cáo.xlsx") for t in lines)


def test_the_reminder_lists_units_in_the_board_s_categories(tmp_path):
    """Phản hồi said "2 đơn vị chưa gửi báo cáo" while the board said "Chưa gửi (0)" and
    "Tệp bị từ chối (2)"."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    # NV's file of another period: refused, so NV has a refused file and nothing counted.
    from cchc_xl.web.workspace import Workspace

    ws = Workspace(data)
    split = ws.split("6T", prefill=False)
    six = next(f.path for f in split.files if f.unit_code == "NV")
    assert _sent(client, token, [("NV-6T.xlsx", Path(six).read_bytes()),
                                 ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())]
                 )["state"] == "done"
    board = html.unescape(client.get("/thu-nhan?ky=9T").text)
    refused = int(re.search(r"Tệp bị từ chối \((\d+)\)", board)[1])
    missing = int(re.search(r"Chưa gửi \((\d+)\)", board)[1])
    assert refused == 1
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert f"Chưa gửi: {missing} đơn vị chưa gửi tệp nào kỳ này" in page
    assert re.search(r"Tệp bị từ chối: 1 đơn vị đã gửi nhưng mọi tệp đều bị từ chối \(chưa có "
                     r"báo cáo được tính\):</p>\s*<p class=\"names\">Phòng Nội vụ</p>", page)
    assert nv  # the unit's own file for 9T would have counted


def test_the_feedback_page_does_not_call_refused_files_faultless(tmp_path):
    """Only an empty and a damaged file received: the page said "các tệp đã nhận không có
    lỗi hay cảnh báo", and below it "Tệp bị từ chối: 2 đơn vị" (a probe)."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    _sent(client, token, [("X02-Xã-Hoằng-Cát.xlsx", b""), ("TP-Phòng-Tư-pháp.xlsx", bytes(99))])
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert "không có lỗi hay cảnh báo" not in page
    assert "Không có tệp phản hồi: tệp hỏng, rỗng hoặc không phải bảng tính" in page


def test_the_feedback_page_says_which_refused_unit_has_no_feedback_file(tmp_path):
    """A unit's file with a mistake and another unit's file cut in half: the page listed
    the first one's feedback workbook and said nothing of the second unit, which has
    none (a QA pass: where was Phòng Kinh tế's?). It names it now, and why."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    _sent(client, token, [("X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()),
                          ("TP-Phòng-Tư-pháp.xlsx", bytes(99))])
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert "X02-Xã-Hoằng-Cát-phản-hồi.xlsx" in page
    assert ("Không có tệp phản hồi cho Phòng Tư pháp: tệp hỏng, rỗng hoặc không phải bảng "
            "tính thì không ghi được phản hồi vào tệp") in page
    assert "Không có tệp phản hồi cho Xã Hoằng Cát" not in page


def test_the_reminder_section_names_every_unit_the_letter_asks(tmp_path):
    """The page named the units that sent nothing or only refused files, while the letter
    it made ("Đã lập công văn đôn đốc 6 đơn vị") also asked the late units and those whose
    reports must be fixed (a QA pass on a commune's plan). Each group now on the page, as in
    the letter's mail-merge list; names joined by "; " (a unit's name has commas)."""
    client = _client(_with_master(tmp_path))
    token = _token(client)
    files = sorted(RETURNS.glob("*.xlsx"))

    def upload(chosen: list[Path], received: str) -> None:
        job = client.post("/thu-nhan/9T", data={"received": received},
                          files=[("files", (f.name, f.read_bytes())) for f in chosen],
                          headers={"X-CSRF-Token": token, "Accept": "application/json"})
        assert _wait(client, job.json())["state"] == "done"

    upload([f for f in files if not f.name.startswith("NV-")], "18/09/2023")
    upload([RETURNS / "NV-phong-noi-vu.xlsx"], "25/09/2023")  # due 20/09/2023
    job = client.post("/phan-hoi/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    rows = list(csv.DictReader(io.StringIO(
        client.get("/tai-ve/don-doc-csv/9T").content.decode("utf-8-sig"))))
    late = [r for r in rows if r["Tình trạng"].startswith("Gửi muộn")]
    to_fix = [r for r in rows if r["Tình trạng"].startswith("Báo cáo cần sửa")]
    assert [r["Đơn vị"] for r in late] == ["Phòng Nội vụ"] and to_fix
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert re.search(r'Gửi muộn: 1 đơn vị gửi báo cáo sau hạn:</p>\s*<p class="names">Phòng '
                     r"Nội vụ \(muộn 5 ngày\)</p>", page)
    listed = re.search(r"Báo cáo cần sửa: (\d+) đơn vị có báo cáo phải sửa, bổ sung \(số nội "
                       r'dung ghi trong ngoặc\):</p>\s*<p class="names">([^<]*)</p>', page)
    assert int(listed[1]) == len(to_fix)
    assert listed[2] == "; ".join(f"{r['Đơn vị']} ({r['Số nội dung cần sửa']})"
                                  for r in to_fix)


def test_the_reminder_deadline_given_stays_for_the_letter_made_again(tmp_path, monkeypatch):
    """A QA pass: "Hạn gửi lại" typed (18/9) went into the letter, but the page came back
    with the field empty and the message did not say the deadline; after new files the
    page asks to make the letter again, and "Lập lại công văn" then left the deadline
    blank. The message names it, and the field keeps it for the next letter."""
    set_clock(monkeypatch, date(2027, 1, 5))
    data, client, token = _nv_sent(tmp_path)
    job = client.post("/phan-hoi/9T", data={"deadline": "28/9"},
                      headers={"X-CSRF-Token": token, "Accept": "application/json"})
    done = _wait(client, job.json())
    # A day already past (the plan is of 2023) is said so, as the command line says it.
    assert done["result"]["message"] == (
        "Đã lập công văn đôn đốc 47 đơn vị, hạn gửi lại ngày 28/09/2023. Lưu ý: hạn gửi lại "
        "28/09/2023 trong công văn đã qua (hôm nay 05/01/2027): sửa hạn trong "
        "dự thảo, hoặc ghi ô “Hạn gửi lại” ngày khác rồi lập lại công văn.")
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    field = re.search(r'<input type="text" name="deadline"[^>]*>', page)[0]
    assert 'value="28/09/2023"' in field


def test_the_overdue_letter_is_made_on_the_feedback_page(tmp_path):
    """The second letter of the page: to the units leading tasks the figures count
    unfinished and past due at the cut-off (14/09/2023), those that sent nothing too; its
    count on the page, its deadline typed kept for the letter made again, its files
    served."""
    data, client, token = _nv_sent(tmp_path)
    from cchc_xl.letters.overdue import overdue_units
    from cchc_xl.report import summarize
    from cchc_xl.web.workspace import Workspace

    ws = Workspace(data)
    expected = overdue_units(summarize(ws.snapshot("9T")))
    assert expected and any(o.sent_nothing for o in expected)
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    card = page[page.index("<h2>Công văn đôn đốc nhiệm vụ quá hạn</h2>"):]
    card = card[:card.index("</section>")]
    assert f"{len(expected)} đơn vị có nhiệm vụ quá hạn" in card
    assert f"{expected[0].unit.name} ({len(expected[0].tasks)})" in card
    assert "Lập công văn đôn đốc nhiệm vụ quá hạn</button>" in card
    refused = client.post("/phan-hoi/9T/qua-han", data={"deadline": "cuối tháng"},
                          headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert refused.status_code == 400
    assert refused.json()["error"].startswith("Hạn báo cáo kết quả 'cuối tháng' không phải ngày")
    job = client.post("/phan-hoi/9T/qua-han", data={"deadline": "15/10"},
                      headers={"X-CSRF-Token": token, "Accept": "application/json"})
    done = _wait(client, job.json())
    assert done["state"] == "done", done
    assert done["result"]["message"].startswith(
        f"Đã lập công văn đôn đốc {len(expected)} đơn vị có nhiệm vụ quá hạn, hạn báo cáo kết "
        "quả ngày 15/10/2023. Lưu ý: hạn báo cáo kết quả 15/10/2023 trong công văn đã qua")
    rows = list(csv.DictReader(io.StringIO(
        client.get("/tai-ve/don-doc-qua-han-csv/9T").content.decode("utf-8-sig"))))
    assert [r["Mã đơn vị"] for r in rows] == [o.unit.code for o in expected]
    assert {r["Hạn báo cáo kết quả"] for r in rows} == {"15/10/2023"}
    letter = client.get("/tai-ve/don-doc-qua-han/9T")
    assert letter.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(letter.content)).paragraphs)
    assert "V/v đôn đốc thực hiện các nhiệm vụ cải cách hành chính chậm tiến độ" in "\n".join(
        c.text for t in Document(io.BytesIO(letter.content)).tables for r in t.rows
        for c in r.cells).replace("\u00a0", " ")  # the subject's last words kept together
    assert "chậm nhất ngày 15/10/2023" in text
    # The reminder letter is another file: not made by this one.
    assert not ws.reminder_docx("9T").exists()
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    card = page[page.index("<h2>Công văn đôn đốc nhiệm vụ quá hạn</h2>"):]
    assert re.search(r'name="deadline" value="15/10/2023"', card)
    assert "Công văn đôn đốc nhiệm vụ quá hạn (Word)" in card


def test_each_letter_offers_its_mail_merge_list_as_a_workbook(tmp_path):
    """A CSV opens with each row in one column in Excel on a Windows set to Vietnamese
    (list separator ";"): each letter's list is offered as a workbook, which opens in
    columns and which Word merges from, the CSV kept as a secondary link; both the same
    rows."""
    from test_mergelist import read_list

    data, client, token = _nv_sent(tmp_path)
    for action in ("/phan-hoi/9T", "/phan-hoi/9T/qua-han"):
        job = client.post(action, data={"deadline": "15/10"},
                          headers={"X-CSRF-Token": token, "Accept": "application/json"})
        assert _wait(client, job.json())["state"] == "done"
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    for kind in ("don-doc", "don-doc-qua-han"):
        assert re.search(rf'<a class="button" href="[^"]*/tai-ve/{kind}-xlsx/9T" download>'
                         r"Danh sách trộn thư \(Excel\)</a>", page)
        assert re.search(rf'<a href="[^"]*/tai-ve/{kind}-csv/9T" download>bản CSV</a>', page)
        got = client.get(f"/tai-ve/{kind}-xlsx/9T")
        assert got.status_code == 200 and got.headers["content-type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        name = {"don-doc": "don-doc-hoang-hoa-2023-9T.xlsx",
                "don-doc-qua-han": "qua-han-hoang-hoa-2023-9T.xlsx"}[kind]
        assert name in got.headers["content-disposition"]
        (tmp_path / "got.xlsx").write_bytes(got.content)
        _, header, rows = read_list(tmp_path / "got.xlsx")
        listed = list(csv.reader(io.StringIO(
            client.get(f"/tai-ve/{kind}-csv/9T").content.decode("utf-8-sig"))))
        assert header == listed[0] and len(rows) == len(listed) - 1 > 0
        assert [[str(v) if v is not None else "" for v in r] for r in rows] == listed[1:]
    assert "Mailings (Gửi thư) › Select Recipients › Use an Existing List" in page
    # Many communes have only LibreOffice: its menu as its Vietnamese interface names it.
    assert "trong LibreOffice Writer, ở Công cụ › Trợ lý trộn thư (Tools › Mail Merge Wizard)" \
        in page
    # A letter made before the lists were workbooks: its CSV, and how to get the workbook.
    from cchc_xl.web.workspace import Workspace

    Workspace(data).reminder_xlsx("9T").unlink()
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert re.search(r'<a class="button" href="[^"]*/tai-ve/don-doc-csv/9T" download>Danh sách '
                     r"trộn thư \(CSV\)</a>", page)
    assert "Lập lại công văn để có danh sách trộn thư dạng Excel" in page
    assert "/tai-ve/don-doc-xlsx/9T" not in page


def test_a_long_list_of_units_is_said_short_with_each_name_folded_under_it(tmp_path):
    """A province's 160 communes named one by one on the page were a wall of names (a QA
    pass): past a dozen, the page says them as the letters do, every name under a fold;
    a short list stays name by name."""
    from cchc_xl.web.pages.feedback import FOLD
    from cchc_xl.web.workspace import Workspace

    data, client, _ = _nv_sent(tmp_path)
    units = Workspace(data).master().units
    silent = [u for u in units if u.code != "NV"]
    assert len(silent) > FOLD
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    card = page[page.index("<h2>Công văn đôn đốc</h2>"):]
    card = card[:card.index("</section>")]
    said = re.search(r'<p class="names">([^<]*)</p>\s*<details class="names"><summary>'
                     r'Xem tên từng đơn vị \((\d+)\)</summary><p class="names">([^<]*)</p>', card)
    assert said, card
    short, count, full = said[1], int(said[2]), said[3]
    assert count == len(silent) and full.split("; ") == [u.name for u in silent]
    # The offices by name, the 37 communes (all silent) counted, not named.
    communes = [u for u in silent if u.kind == COMMUNE]
    assert len(communes) == 37 and short.endswith("; tất cả 37 xã, thị trấn."), short
    assert not any(u.name in short for u in communes)
    assert all(u.name in short for u in silent if u.kind != COMMUNE)


def test_a_letter_s_deadline_to_correct_is_told_as_a_warning(tmp_path):
    """A QA pass (a ward's six months): "hạn gửi lại … trong công văn đã qua: sửa hạn"
    was told in green, as all well; it is told in the warning's colour. A deadline not
    given, a hint only, stays as it was."""
    data, client, token = _nv_sent(tmp_path)
    for action, deadline, tone in (("/phan-hoi/9T", "28/9", "warn"),
                                   ("/phan-hoi/9T/qua-han", "15/10", "warn"),
                                   ("/phan-hoi/9T", "", "ok")):
        job = client.post(action, data={"deadline": deadline},
                          headers={"X-CSRF-Token": token, "Accept": "application/json"})
        assert _wait(client, job.json())["state"] == "done"
        page = html.unescape(client.get("/phan-hoi?ky=9T").text)
        form = "overdue-form" if action.endswith("qua-han") else "remind-form"
        box = page[page.index(f'data-form="{form}"'):]
        told = re.search(r'<p class="msg (\w+)">Đã lập công văn đôn đốc[^<]*Lưu ý', box)
        assert told and told[1] == tone, (action, deadline, told)


def test_a_long_list_of_units_sent_late_is_said_short_with_each_name_folded_under_it(
        tmp_path):
    """A province's returns all received after the deadline (a QA pass at a province's
    scale: 150 units) were one paragraph of 150 "Xã … (muộn 76 ngày)": past a dozen, the
    late are said as the letters say them, each name and its days late under a fold, as
    the units that sent nothing are."""
    from cchc_xl.web.pages.feedback import FOLD

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    files = [(p.name, p.read_bytes()) for p in sorted(RETURNS.glob("*.xlsx"))]
    assert _sent(client, token, files)["state"] == "done"
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    card = page[page.index("<h2>Công văn đôn đốc</h2>"):]
    card = card[:card.index("</section>")]
    said = re.search(r"<p>Gửi muộn: (\d+) đơn vị gửi báo cáo sau hạn:</p>\s*"
                     r'<p class="names">([^<]*)</p>\s*<details class="names"><summary>'
                     r'Xem tên từng đơn vị \((\d+)\)</summary><p class="names">([^<]*)</p>',
                     card)
    assert said, card
    count, short, full = int(said[1]), said[2], said[4].split("; ")
    assert count == int(said[3]) == len(full) > FOLD
    assert all(re.fullmatch(r".+ \(muộn \d+ ngày\)", name) for name in full)
    assert "muộn" not in short and re.search(r"\d+ xã, thị trấn", short), short


def test_communes_said_short_are_counted_not_named_before_the_fold(hh_master):
    """Past a dozen, the communes of a list are counted, not named in brackets before the
    fold names each again (a QA pass: a province's 121 late communes in brackets over
    eleven lines, then the fold); a few left out are still named after "trừ"."""
    from cchc_xl.web.pages.feedback import FOLD, _short

    communes = [u for u in hh_master.units if u.kind == COMMUNE]
    offices = [u for u in hh_master.units if u.kind != COMMUNE]
    some = communes[:FOLD + 5]
    assert _short(hh_master, [u.code for u in offices[:2] + some]) == (
        f"{offices[0].name}; {offices[1].name}; {len(some)} xã, thị trấn")
    most = communes[2:]
    assert _short(hh_master, [u.code for u in most]) == (
        f"{len(most)} xã, thị trấn (trừ thị trấn Bút Sơn, xã Hoằng Cát)")


def test_a_unit_whose_file_was_withdrawn_is_not_said_to_have_sent_nothing(tmp_path,
                                                                           monkeypatch):
    """A QA pass: after "Rút khỏi số liệu", the unit showed as "Chưa gửi", the page said it
    "chưa gửi tệp nào kỳ này" and the letter asked it to send its report, though it had
    sent one. The figures leave it out; the words say its file was withdrawn, when, and
    that it should send a corrected file: on Thu nhận, on Phản hồi, in the letter and its
    mail-merge list."""
    import hashlib

    import docx

    from cchc_xl.web.workspace import Workspace

    set_clock(monkeypatch, date(2027, 1, 5))  # the day the file is withdrawn
    data, client, token = _nv_and_tp_merged(tmp_path)
    ws = Workspace(data)
    nv = ws.master().names["NV"]
    sha = hashlib.sha256((RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()).hexdigest()
    client.post("/thu-nhan/9T/rut", data={"sha": sha, "csrf": token})
    today = "05/01/2027"
    board = html.unescape(client.get("/thu-nhan?ky=9T").text)
    row = board[board.index(f">{nv}<"):][:2000]
    assert "Tệp đã rút khỏi số liệu" in row and ">Chưa gửi<" not in row
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    said = ("Tệp đã rút khỏi số liệu: 1 đơn vị đã gửi tệp nhưng tệp đã được rút khỏi số "
            "liệu (chưa có báo cáo được tính), cần gửi lại tệp đã sửa:")
    assert said in page
    assert f"{nv} (tệp đã gửi được rút khỏi số liệu ngày {today}" in page
    none_sent = page.split("đơn vị chưa gửi tệp nào kỳ này")[1].split("</p>", 2)[1]
    assert nv not in none_sent
    job = client.post("/phan-hoi/9T", data={"deadline": ""},
                      headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    text = "\n".join(p.text for p in docx.Document(ws.reminder_docx("9T")).paragraphs)
    assert ("Đơn vị có tệp báo cáo đã gửi được rút khỏi số liệu, cần gửi lại tệp đã sửa (1)"
            in text)
    assert f"- {nv}: tệp đã gửi được rút khỏi số liệu ngày {today}" in text
    # No reason was typed: the letter said "lý do: rút trên trang Thu nhận", a page of the
    # office's app the unit has never seen (a QA pass at province scale).
    assert re.search(rf"- {nv}: tệp đã gửi được rút khỏi số liệu ngày {today} \d\d:\d\d\.\n",
                     text), text
    missing = text.split("Đơn vị chưa gửi báo cáo")[1].split("\n")[1] \
        if "Đơn vị chưa gửi báo cáo" in text else ""
    assert nv not in missing
    with ws.reminder_csv("9T").open(encoding="utf-8-sig", newline="") as f:
        (listed,) = [r for r in csv.DictReader(f) if r["Mã đơn vị"] == "NV"]
    assert listed["Tình trạng"].startswith(f"Tệp đã gửi được rút khỏi số liệu ngày {today}")
    assert "trang Thu nhận" not in listed["Tình trạng"] + listed["Việc cần làm"]
    assert listed["Việc cần làm"].startswith("Gửi lại tệp báo cáo đã sửa (tệp đã gửi")
    # The letter chasing overdue tasks: the unit counted as not done, said withdrawn.
    job = client.post("/phan-hoi/9T/qua-han", data={"deadline": ""},
                      headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    text = "\n".join(p.text for p in docx.Document(ws.overdue_docx("9T")).paragraphs)
    opening = text[text.index("Trong đó, "):].split("\n")[0]
    assert "đơn vị có tệp báo cáo đã gửi được rút khỏi số liệu (cần gửi lại tệp đã sửa)" \
        in opening and nv in opening
    assert f"Đơn vị có tệp báo cáo đã gửi được rút khỏi số liệu: {nv}." in opening


def test_the_card_leaves_out_the_issuers_own_unit_as_its_letter_does(tmp_path):
    """A commune's plan naming "UBND xã" (the committee, one of its units): the card
    said "Chưa gửi: 2 đơn vị …: Ủy ban nhân dân xã; Đoàn Thanh niên xã" over a letter,
    signed by the committee, that asked 1 of them (a QA pass of a commune's year). The
    card names the units the letter writes to."""
    from test_figures import committees_master

    from cchc_xl.master.write import write_master

    master = committees_master()
    data = tmp_path / "data"
    data.mkdir()
    write_master(master, data / "ke-hoach.xlsx")
    client = _client(data)
    page = html.unescape(client.get("/phan-hoi?ky=Q1").text)
    cards = page[page.index("Công văn đôn đốc</h2>"):]
    assert "Chưa gửi: 3 đơn vị chưa gửi tệp nào kỳ này" in cards, cards
    # Nor on the card of the letter chasing overdue tasks (the committee's TC-01).
    assert "Ủy ban nhân dân xã" not in cards
    job = client.post("/phan-hoi/Q1", headers={"X-CSRF-Token": _token(client),
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["result"]["message"].startswith("Đã lập công văn đôn đốc 3 đơn vị")


def test_another_plan_s_file_s_feedback_is_named_for_no_unit_of_this_plan(tmp_path):
    """Nghĩa Hưng's plan's Phòng Nội vụ file uploaded into Hoằng Hóa's intake: its
    feedback was "NV-kế-hoạch-khác-…-phản-hồi.xlsx", named as this plan's NV's files
    begin, so a specialist sending files by their unit's code mailed it to this plan's
    Phòng Nội vụ (a QA pass). It begins with "kế-hoạch-khác-", in the folder, the page
    and the ZIP."""
    import zipfile

    from cchc_xl.master import load_master
    from make_sample_returns import fill_return
    from support.mistakes import split_dir
    from support.paths import NH_MASTER

    data, client, token = _nv_sent(tmp_path)
    issued = split_dir(load_master(NH_MASTER), "9T", tmp_path / "nh", ("NV",))["NV"]
    other = fill_return(issued, tmp_path / "Nội vụ.xlsx", {})
    assert _sent(client, token, [("Nội vụ.xlsx", other.read_bytes())])["state"] == "done"
    codes = {u.code for u in load_master(data / "ke-hoach.xlsx").units}
    names = sorted(p.name for p in (data / "phan-hoi-9T").glob("*.xlsx"))
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    with zipfile.ZipFile(io.BytesIO(client.get("/phan-hoi/9T/zip").content)) as zf:
        zipped = sorted(Path(n).name for n in zf.namelist() if n.endswith(".xlsx"))
    assert names == zipped == ["kế-hoạch-khác-NV-Nội-vụ-phản-hồi.xlsx"]
    assert "kế-hoạch-khác-NV-Nội-vụ-phản-hồi.xlsx" in page
    assert not any(n.split("-")[0] in codes for n in names)
    # One written so before (as the app wrote it): the next merge removes it, as it
    # removes any feedback of its own that no longer holds.
    folder = data / "phan-hoi-9T"
    before = folder / "NV-kế-hoạch-khác-Nội-vụ-phản-hồi.xlsx"
    (folder / names[0]).rename(before)
    assert _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx")
                                  .read_bytes())])["state"] == "done"
    assert not before.exists() and (folder / names[0]).is_file()
