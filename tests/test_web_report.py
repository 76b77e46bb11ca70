"""The report page (/bao-cao): the office's assessments uploaded, the report out of date
or a draft."""

from __future__ import annotations

import html
import re
import time
from datetime import date
from pathlib import Path

import openpyxl

from cchc_xl.snapshot import load_snapshot
from support.paths import HH_MASTER
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


def _typed(path: Path, text: str, dst: Path, units: tuple[str, ...]) -> tuple[Path, int]:
    """The consolidated workbook with ``text`` typed as the office's assessment of every
    lead row of ``units``; how many rows were typed."""
    return dst, type_assessments(path, dst, text, lambda unit, _: unit in units)


def test_the_office_s_assessments_are_recorded_from_the_browser(tmp_path):
    """"Đạt / Chưa đạt" typed into the downloaded consolidated workbook could not be
    recorded: uploaded on Thu nhận it was refused as a unit's unknown file."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    job = client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    page = html.unescape(client.get("/bao-cao?ky=9T").text)
    assert "Đánh giá của cơ quan tổng hợp (Đạt / Chưa đạt)" in page
    assert "Ghi đánh giá</button>" in page
    downloaded = tmp_path / "tong-hop-9T.xlsx"
    downloaded.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    edited, typed = _typed(downloaded, "Chưa đạt: thiếu văn bản", tmp_path / "th-sua.xlsx",
                           ("NV",))
    assert typed > 0
    before = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    answer = client.post("/bao-cao/9T/danh-gia",
                         files={"workbook": ("tổng hợp đã đánh giá.xlsx", edited.read_bytes())},
                         headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert answer["page"] == f"/bao-cao?ky=9T&viec={answer['job']}"  # its own outcome
    state = _wait(client, answer)
    assert state["state"] == "done", state
    assert state["result"]["message"].startswith(
        f"Đã ghi {typed} đánh giá thay đổi (Đạt / Chưa đạt) vào số liệu kỳ 9 tháng năm 2023; "
        "bảng tổng hợp và báo cáo đã được lập lại: ")
    assert "Lưu ý" not in state["result"]["message"]
    assert re.search(r'<p class="msg ok">Đã ghi \d+ đánh giá',
                     html.unescape(client.get("/bao-cao?ky=9T").text))
    after = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    assert len(after.submissions) == len(before.submissions)  # not taken for a unit's file
    # The report job's message, with the figures before the assessments, is no longer
    # shown above the report made again (two sets of figures on one page).
    shown = html.unescape(client.get("/bao-cao?ky=9T").text)
    assert "Đã lập báo cáo" not in shown and "Đã ghi" in shown
    # The report made again later: the assessments' message, with the figures of then,
    # is no longer shown above it either (the page showed 8/11 and 9/11 at once).
    job = client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    shown = html.unescape(client.get("/bao-cao?ky=9T").text)
    assert "Đã lập báo cáo" in shown and "Đã ghi" not in shown
    # Written again: the workbook to download holds the assessments, the report counts them.
    again = tmp_path / "lai.xlsx"
    again.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    from cchc_xl.assessment import read_assessments

    assert sum(1 for a in read_assessments(again).values() if a is not None) == typed
    report = html.unescape(client.get("/bao-cao/9T/trang").text)
    assert f"Kỳ này có {typed} dòng (sản phẩm × đơn vị chủ trì) do cơ quan tổng hợp" in report
    # The report's notes name neither the terminal's commands nor the app's pages: a
    # report goes to the office above (a QA pass of a commune's documents).
    saved = html.unescape(client.get("/tai-ve/bao-cao-html/9T").text)  # downloaded: the same
    for text in (report, saved):
        assert "assess" not in text and "withdraw" not in text and "trang Báo cáo" not in text
        assert ('Đánh giá của cơ quan tổng hợp (cột "Đánh giá của cơ quan tổng hợp" trong '
                'tệp tổng hợp): "Đạt" tính là hoàn thành') in text
    # The Excel report downloaded too: its notes name no command, nor the ledger's file.
    book = tmp_path / "bao-cao.xlsx"
    book.write_bytes(client.get("/tai-ve/bao-cao/9T").content)
    notes = [c for row in openpyxl.load_workbook(book, read_only=True)["Ghi chú"].iter_rows(
        values_only=True) for c in row if isinstance(c, str)]
    assert notes and not [n for n in notes if "lệnh" in n or "cchc-ledger" in n]
    assert not [n for n in notes if "assess" in n or "withdraw" in n]

    # The same workbook, "Đạt" now, dropped on Thu nhận: read as assessments too.
    edited, _ = _typed(again, "Đạt", tmp_path / "th-dat.xlsx", ("NV",))
    state = _sent(client, token, [("tổng hợp Đạt.xlsx", edited.read_bytes())])
    (told,) = state["result"]["files"]
    assert (told["outcome"], told["kind"]) == ("Đã đọc đánh giá", "assessed")
    assert told["reason"].startswith(f"Đã ghi {typed} đánh giá thay đổi")
    # NV's rows it did not report done, now Đạt: said with "Lưu ý", in the warning colour.
    assert "Lưu ý" in told["reason"] and state["result"]["tone"] == "warn"
    assert len(load_snapshot(data / "cchc-ledger.sqlite", "9T").submissions) == len(
        before.submissions)
    # With a unit's file in the same upload: the report is not said made again before
    # that file is merged (a probe: "đã được lập lại", then "số liệu cũ" on Báo cáo).
    edited, _ = _typed(again, "Chưa đạt", tmp_path / "th-chua-dat.xlsx", ("NV",))
    made = (data / "bao-cao-9T.html").stat().st_mtime_ns
    state = _sent(client, token, [("tổng hợp.xlsx", edited.read_bytes()),
                                  ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())])
    told = {f["name"]: f for f in state["result"]["files"]}
    assert ("bảng tổng hợp được ghi lại cùng các tệp khác của lần tải lên này (báo cáo, nếu "
            "đã lập, cần lập lại ở trang Báo cáo).") in told["tổng hợp.xlsx"]["reason"]
    assert "đã được lập lại" not in told["tổng hợp.xlsx"]["reason"]
    assert (data / "bao-cao-9T.html").stat().st_mtime_ns == made  # not made again
    # Another period's workbook: said where it belongs, nothing recorded.
    wrong = client.post("/bao-cao/6T/danh-gia",
                        files={"workbook": ("th.xlsx", edited.read_bytes())},
                        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    failed = _wait(client, wrong)
    assert failed["state"] == "failed"
    assert ("Bảng tổng hợp 'th.xlsx' là của kỳ 9 tháng năm 2023, không phải kỳ 6 tháng đầu "
            "năm 2023") in failed["error"]  # named as the period box shows them
    # A unit's file given as the assessed workbook: refused, and shown on the page later
    # with when it was (an old error read as the last action's: a QA pass).
    wrong = client.post("/bao-cao/9T/danh-gia",
                        files={"workbook": ("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx"
                                                         ).read_bytes())},
                        headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert _wait(client, wrong)["state"] == "failed"
    page = html.unescape(client.get("/bao-cao?ky=9T").text)
    box = page.split('data-form="assess-form">', 1)[1].split("</div>", 1)[0]
    assert re.search(r">Lỗi</span><span class=\"job-when\"> · lúc \d\d:\d\d ngày "
                     r"\d\d/\d\d/\d{4}</span>", box), box



def _said(path: Path) -> tuple[dict, list[str], list[str]]:
    """The consolidated workbook's first sheet (label: value), every text of its cells,
    and what its verdict cells say when selected."""
    wb = openpyxl.load_workbook(path)
    first = {label: value for label, value in wb["Tổng hợp"].iter_rows(
        min_row=5, max_col=2, values_only=True) if label}
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    prompts = [v.prompt for ws in wb for v in ws.data_validations.dataValidation if v.prompt]
    return first, texts, prompts


def test_the_app_s_consolidated_workbook_names_its_page_not_a_command(tmp_path):
    """The workbook the web app hands out said "được đọc lại khi gộp lần sau, bằng lệnh
    assess" and named the server's ledger file ("Sổ cái: cchc-ledger.sqlite"): its user
    has no terminal (a QA pass). It sends the office to the Báo cáo page; the CLI's
    workbook of the same ledger keeps its words, written again for them (built_from)."""
    from cchc_xl.merge import refresh_outputs

    data, client, _ = _nv_and_tp_merged(tmp_path)
    downloaded = tmp_path / "tong-hop-9T.xlsx"
    downloaded.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    first, texts, prompts = _said(downloaded)
    assert "Sổ cái" not in first
    assert first["Nơi ghi đánh giá Đạt / Chưa đạt"] == (
        "Cột 'Đánh giá của cơ quan tổng hợp' ở các trang lĩnh vực: chọn Đạt hoặc Chưa đạt "
        "cho các dòng có tiến độ 'Cần đánh giá' (lọc ở ô tiêu đề cột 'Tiến độ'); lưu tệp "
        "rồi tải lên ở trang Báo cáo của ứng dụng để ghi vào số liệu.")
    assert prompts and all(p.endswith("văn bản'). Lưu tệp rồi tải lên ở trang Báo cáo của "
                                      "ứng dụng.") for p in prompts)
    assert not [t for t in texts + prompts
                if re.search(r"bằng lệnh|\bassess\b|cchc-xl|\.sqlite|(?<!\w)--\w", t)]
    # The CLI writing the same period again: its own words, the ledger named.
    from cchc_xl.master import load_master

    out = next(data.rglob("tong-hop-9T.xlsx"))
    refresh_outputs(load_master(HH_MASTER), "9T", out, db=data / "cchc-ledger.sqlite")
    first, _, prompts = _said(out)
    assert first["Sổ cái"].endswith("cchc-ledger.sqlite")
    assert first["Nơi ghi đánh giá Đạt / Chưa đạt"].endswith(
        "; được đọc lại khi gộp lần sau, bằng lệnh assess hoặc ở trang Báo cáo của ứng dụng.")
    assert prompts and all(p.endswith("văn bản'). Đọc lại khi gộp, bằng lệnh assess hoặc ở "
                                      "trang Báo cáo của ứng dụng.") for p in prompts)

def test_assessment_text_that_is_no_verdict_is_told_where_it_is(tmp_path):
    """One cell read "OK luôn": the page said "Đã ghi 7 đánh giá thay đổi (Đạt / Chưa
    đạt)" though 6 were verdicts, and nothing said "OK luôn" was not understood (a QA
    probe). Verdicts are counted apart from remarks, and the cell is named."""
    from cchc_xl.master import load_master

    data, client, token = _nv_and_tp_merged(tmp_path)
    downloaded = tmp_path / "tong-hop-9T.xlsx"
    downloaded.write_bytes(client.get("/tai-ve/tong-hop/9T").content)
    passed, verdicts = _typed(downloaded, "Đạt", tmp_path / "dat.xlsx", ("NV",))
    unclear: list[str] = []

    def first_of_tp(unit: str, did: str) -> bool:
        if unit == "TP" and not unclear:
            unclear.append(did)
        return unit == "TP" and did == unclear[0]

    edited = tmp_path / "ok.xlsx"
    assert type_assessments(passed, edited, "OK luôn", first_of_tp) == 1
    state = _job(client, token, "/bao-cao/9T/danh-gia",
                 files={"workbook": ("đã đánh giá.xlsx", edited.read_bytes())})
    message = state["result"]["message"]
    assert message.startswith(
        f"Đã ghi {verdicts} đánh giá thay đổi (Đạt / Chưa đạt) và 1 nhận xét không kèm Đạt / "
        "Chưa đạt vào số liệu kỳ 9 tháng năm 2023; ")
    (sheet,) = [a.sheet for a in load_master(HH_MASTER).areas
                if any(d.id == unclear[0] for d in a.deliverables())]
    assert (f"Lưu ý: 1 ô đánh giá không ghi Đạt hay Chưa đạt nên chỉ được ghi như nhận xét, "
            f"dòng đó chưa được đánh giá (trang '{sheet}', nhiệm vụ {unclear[0]}, Phòng Tư "
            "pháp: 'OK luôn'). Muốn đánh giá, ghi 'Đạt' hoặc 'Chưa đạt' vào ô, có thể thêm "
            "nhận xét sau dấu hai chấm (ví dụ 'Chưa đạt: thiếu văn bản'), rồi tải bảng tổng "
            "hợp lên lại.") in message
    # NV's rows it left "Chưa thực hiện" or blank, now Đạt, are pointed out (a QA pass).
    rows = {(r.unit, r.deliverable): r
            for r in load_snapshot(data / "cchc-ledger.sqlite", "9T").rows}
    odd = [d.id for d in load_master(HH_MASTER).deliverables() if "NV" in d.lead
           and (("NV", d.id) not in rows or rows[("NV", d.id)].status in (None, "Chưa thực hiện"))]
    assert odd  # what is tested
    assert (f" Lưu ý: {len(odd)} dòng được ghi Đạt dù đơn vị chưa báo cáo hoặc báo 'Chưa thực "
            "hiện' (") in message
    # Cautions are shown in the warning colour, not the success one (a QA pass).
    assert state["result"]["tone"] == "warn"
    page = html.unescape(client.get("/bao-cao?ky=9T").text)
    assert re.search(r'<p class="msg warn">Đã ghi \d+ đánh giá[^<]*Lưu ý', page)


def test_the_report_is_out_of_date_only_when_the_figures_changed(tmp_path):
    """A file sent again (nothing new: "Đã nhận trước đó") made the Báo cáo page say the
    figures had changed since the report: it compared file times, and every upload writes
    the ledger."""
    stale = "Số liệu đã thay đổi sau lần lập báo cáo trước"
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    job = client.post("/bao-cao/9T", headers={"X-CSRF-Token": token,
                                               "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    assert stale not in client.get("/bao-cao?ky=9T").text
    time.sleep(0.05)
    (again,) = _sent(client, token, [("NV lần 2.xlsx", nv)])["result"]["files"]
    assert again["outcome"] == "Đã nhận trước đó"
    assert stale not in client.get("/bao-cao?ky=9T").text
    assert "số liệu cũ" not in client.get("/bao-cao?ky=9T").text
    assert _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())]
                 )["state"] == "done"
    page = client.get("/bao-cao?ky=9T").text
    assert stale in page
    # Said as a warning, and on every download of it: a probe printed the old Word draft
    # after a withdrawal, the page's pale note unread.
    assert '<p class="msg warn stale-report">' in page
    assert "Bấm “Lập lại báo cáo” trước khi in, ký hoặc gửi" in page
    for label in ("Báo cáo (Excel)", "Báo cáo (trang HTML)", "Báo cáo (dự thảo Word)"):
        assert f"{label} — số liệu cũ</a>" in page, label
    assert "Bảng tổng hợp (Excel) — số liệu cũ" not in page  # that one is always current


def test_an_assessment_upload_refused_changes_nothing_the_pages_say(tmp_path):
    """A unit's file sent on Báo cáo's assessment form was refused, yet Thu nhận then said
    the figures had changed and put the last upload's result among the earlier ones (a
    probe): only assessments read mark the figures changed."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    answer = client.post("/bao-cao/9T/danh-gia", files={"workbook": ("NV.xlsx", nv)},
                         headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    assert _wait(client, answer)["state"] == "failed"
    assert "Số liệu đã thay đổi lúc" not in client.get("/thu-nhan?ky=9T").text


def test_the_report_page_says_a_report_made_before_the_cut_off_is_a_draft(tmp_path,
                                                                           monkeypatch):
    """A year's report made on 03/12 (cut-off 14/12) was offered as any other (a probe):
    the page says it is a draft to make again after the cut-off."""
    from cchc_xl.web import plan_periods

    client = _client(_with_master(tmp_path))
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())
                                 ])["state"] == "done"
    warning = "Chưa đến ngày chốt số liệu của kỳ (14/09/2023): báo cáo lập bây giờ là bản nháp"
    assert warning not in html.unescape(client.get("/bao-cao?ky=9T").text)

    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 1))
    assert warning in html.unescape(client.get("/bao-cao?ky=9T").text)


def test_an_assessed_workbook_saved_as_ods_is_told_to_be_saved_as_xlsx(tmp_path):
    """The downloaded workbook typed into in LibreOffice and saved as .ods: the page said
    "tệp 'x.ods' không phải bảng tổng hợp do ứng dụng ghi" and to download the workbook
    again and type into it, as if the verdicts typed were of no use (a QA pass). It says
    what the file is and how to save it as .xlsx, whose verdicts are then read."""
    import zipfile

    _, client, token = _nv_and_tp_merged(tmp_path)
    ods = tmp_path / "đã đánh giá.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    sent = client.post("/bao-cao/9T/danh-gia", files={"workbook": (ods.name, ods.read_bytes())},
                       headers={"X-CSRF-Token": token, "Accept": "application/json"}).json()
    failed = _wait(client, sent)
    assert failed["state"] == "failed"
    error = failed["error"]
    assert ("Tệp 'đã đánh giá.ods' là tệp LibreOffice (.ods), không phải bảng tổng hợp dạng "
            "Excel (.xlsx)") in error, error
    assert "'Excel 2007–365', rồi tải tệp .xlsx đó lên" in error, error
    assert "không phải bảng tổng hợp do ứng dụng ghi" not in error, error
