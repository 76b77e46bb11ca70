"""The plan amended mid-year on the Kế hoạch page: the periods still reported are counted
with the amended plan at once, those already reported keep their figures as merged (as
the command line keeps them: tests/test_plan_amended.py), until the office recounts one
with the button "Tính lại theo bảng kế hoạch đang dùng". Through Starlette's test client
as tests/test_web*.py do."""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_figures import done

from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.web import create_app, plan_periods
from make_sample_returns import fill_return
from support.paths import HH_MASTER
from support.web import _job, notices

LOCAL = {"base_url": "http://127.0.0.1:8765", "client": ("127.0.0.1", 50000)}
IN_MAY = date(2023, 5, 15)  # Quý I reported (due 20/03), 6 tháng still to come (20/06)



def _token(client: TestClient, path: str = "/") -> str:
    return re.search(r'data-csrf="([^"]+)"', client.get(path).text)[1]


def _page(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    return html.unescape(page.text)


class Office:
    """A data folder of the Hoằng Hóa plan in May 2023: Quý I and 6 tháng issued, NV's
    files of both merged, Quý I's report made."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(plan_periods, "today", lambda: IN_MAY)
        self.tmp = tmp_path
        self.data = tmp_path / "data"
        self.data.mkdir()
        shutil.copyfile(HH_MASTER, self.data / "ke-hoach.xlsx")
        self.client = TestClient(create_app(self.data, limits=None),
                                 **LOCAL)
        self.token = _token(self.client)
        master = load_master(HH_MASTER)
        # A task NV leads alone, done in February: moved to TP by the amendment.
        self.moved = next(d for d in master.deliverables() if d.lead == ["NV"])
        for code in ("Q1", "6T"):
            _job(self.client, self.token, f"/giao-viec/{code}")
            self.send(code, "NV", {self.moved.id: done(date(2023, 2, 10))})
        _job(self.client, self.token, "/bao-cao/Q1")

    def send(self, code: str, unit: str, answers: dict) -> dict:
        issued = next((self.data / f"giao-{code}").glob(f"{unit}-*.xlsx"))
        sent = fill_return(issued, self.tmp / code / f"{unit}.xlsx", answers)
        return _job(self.client, self.token, f"/thu-nhan/{code}",
                    files=[("files", (sent.name, sent.read_bytes()))])

    def amended(self) -> Path:
        """The plan with the task moved from NV to TP."""
        master = load_master(HH_MASTER)
        d = next(d for d in master.deliverables() if d.id == self.moved.id)
        task = next(t for t in master.tasks() if d in t.deliverables)
        task.deliverables[task.deliverables.index(d)] = replace(
            d, lead=["TP"], lead_text=master.unit("TP").name)
        return write_master(master, self.tmp / "kế hoạch sửa.xlsx")

    def lead(self, code: str) -> list[str]:
        """The moved task's lead as the period is counted."""
        snapshot = load_snapshot(self.data / "cchc-ledger.sqlite", code)
        return next(d.lead for d in snapshot.master.deliverables() if d.id == self.moved.id)

    def done(self, code: str) -> int:
        """The period's tasks done, as its report counts them."""
        return summarize(load_snapshot(self.data / "cchc-ledger.sqlite", code)).total.done


def test_replacing_the_plan_keeps_a_reported_period_and_recounts_the_one_reported_now(
        tmp_path, monkeypatch):
    """The plan amended in May (a task moved from one unit to another): replacing it
    recounted every period with files, so Quý I, reported and sent in April, lost the
    moved task's answer. Quý I now keeps its figures; 6 tháng follows the new plan; the
    question and the notice say which is which."""
    office = Office(tmp_path, monkeypatch)
    client, data = office.client, office.data
    assert office.done("Q1") == office.done("6T") == 1  # the moved task, done by NV
    q1_book = (data / "tong-hop-Q1.xlsx").read_bytes()
    six_book = (data / "tong-hop-6T.xlsx").read_bytes()
    sent = client.post("/ke-hoach", data={"csrf": office.token}, follow_redirects=False,
                       files={"master": ("kế hoạch sửa.xlsx", office.amended().read_bytes())})
    asked = re.search(r"thay=([0-9a-f]+)", sent.headers["location"])[1]
    question = _page(client, sent.headers["location"])
    assert ("Khi thay: số liệu kỳ 6 tháng đầu năm 2023 (đang báo cáo) được tính lại ngay theo "
            "bảng mới; kỳ quý I năm 2023 đã qua hạn gửi báo cáo nên giữ nguyên số liệu như đã "
            "gộp (báo cáo đã lập không đổi); nếu bảng mới sửa một chỗ nhầm, tính lại từng kỳ "
            "đó ở trang Báo cáo bằng nút “Tính lại theo bảng kế hoạch đang dùng”.") in question
    answer = client.post("/ke-hoach/thay", data={
        "csrf": office.token, "token": asked, "answer": "thay"}).text
    # Said as a short sentence of what was done, then a list of what to know (a QA pass:
    # one paragraph of 900 characters), every point kept.
    [(colour, said, points)] = notices(answer)
    (kept,) = (data / "ke-hoach-cu").glob("*.xlsx")
    assert (colour, said) == ("warn", "Đã nhận bảng kế hoạch 'kế hoạch sửa.xlsx'.")
    assert points == [
        "Có 7 cảnh báo cần xem lại (danh sách ở mục 'Kết quả kiểm tra' bên dưới).",
        "Bảng kế hoạch dùng trước đó không mất: nó được giữ lại và dùng lại được bất cứ lúc "
        "nào, bằng nút “Dùng lại” bên cạnh bảng đó ở mục “Bảng kế hoạch dùng trước đây” bên "
        "dưới trang này.",
        "Số liệu kỳ 6 tháng đầu năm 2023 đã được tính lại theo bảng kế hoạch mới.",
        "Kỳ quý I năm 2023 đã qua hạn gửi báo cáo nên giữ nguyên số liệu như đã gộp, theo "
        "bảng kế hoạch lúc gộp (báo cáo đã lập không đổi; tệp nộp thêm cũng tính theo bảng "
        "đó). Nếu bảng mới sửa một chỗ nhầm và cần tính lại kỳ đó theo bảng mới, mở trang "
        "Báo cáo của kỳ đó và bấm “Tính lại theo bảng kế hoạch đang dùng”."]
    assert '<ul><li>Có 7 cảnh báo' in answer  # a list the browser shows as one
    # Quý I as reported: its consolidated workbook untouched, the task still NV's, the
    # report not made stale; 6 tháng counted with the amended plan.
    assert (data / "tong-hop-Q1.xlsx").read_bytes() == q1_book
    assert (data / "tong-hop-6T.xlsx").read_bytes() != six_book
    assert office.lead("Q1") == ["NV"] and office.lead("6T") == ["TP"]
    assert office.done("Q1") == 1 and office.done("6T") == 0  # TP has not reported it
    report = _page(client, "/bao-cao?ky=Q1")
    assert "stale-report" not in report
    assert "Kỳ quý I năm 2023 đã qua hạn gửi báo cáo nên giữ số liệu như đã gộp" in report
    assert f"đổi đơn vị chủ trì 1 nhiệm vụ ({office.moved.id})" in report
    assert "Tính lại theo bảng kế hoạch đang dùng" in report
    assert "kept-period" not in _page(client, "/bao-cao?ky=6T")
    assert "giu-so-lieu" in _page(client, "/thu-nhan?ky=Q1")
    # Giao việc: Quý I's files were right for it, not to be made again.
    assign = _page(client, "/giao-viec?ky=Q1")
    assert "các tệp này đúng với số liệu của kỳ, không cần tạo lại" in assign
    assert "để tạo lại theo bảng kế hoạch đang dùng trước khi gửi" not in assign
    assert "để tạo lại theo bảng kế hoạch đang dùng trước khi gửi" in _page(
        client, "/giao-viec?ky=6T")


def test_the_plan_in_use_given_again_is_said_to_change_nothing(tmp_path, monkeypatch):
    """Its table uploaded again, or the document it came from imported again: the page
    asked "Thay bảng kế hoạch đang dùng?", said 6 tháng would be recounted and offered
    "Thay bằng bảng này", a replacement that changed nothing, without a word that
    nothing changed (a QA pass). It says so and offers only to set the file aside; a
    plan that changes something is still asked about."""
    from plan_documents import write_plan_document

    office = Office(tmp_path, monkeypatch)
    client, data = office.client, office.data
    said = ("giống hệt bảng kế hoạch đang dùng (cùng lĩnh vực, nhiệm vụ, đơn vị, thời hạn "
            "và kỳ báo cáo): không có gì để thay, bảng kế hoạch đang dùng và số liệu các kỳ "
            "giữ nguyên.")

    def card(place: str) -> str:
        page = _page(client, place)
        start = page.index('id="thay-bang"')
        return page[start:page.index("</section>", start)]

    sent = client.post("/ke-hoach", data={"csrf": office.token}, follow_redirects=False,
                       files={"master": ("ke-hoach.xlsx", HH_MASTER.read_bytes())})
    same = card(sent.headers["location"])
    assert "<h2>Không có gì để thay</h2>" in same
    assert f"Tệp “ke-hoach.xlsx” {said}" in same
    for offered in ("Thay bảng kế hoạch đang dùng", "Thay bằng bảng này", "Khi thay",
                    "tính lại"):
        assert offered not in same
    assert "Bỏ qua tệp này" in same
    asked = re.search(r'name="token" value="([0-9a-f]+)"', same)[1]
    client.post("/ke-hoach/thay", data={"csrf": office.token, "token": asked, "answer": "giu"})
    assert 'id="thay-bang"' not in _page(client, "/")
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    assert not (data / "ke-hoach-cu").exists()  # nothing replaced, nothing kept aside
    # The plan in use made from a document, the document imported again.
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch 2023.docx")
    first = _job(client, office.token, "/ke-hoach/nhap", data={"units": "1"},
                 files={"document": (document.name, document.read_bytes())})["result"]
    client.post("/ke-hoach/thay", data={"csrf": office.token, "token": first["held"],
                                        "answer": "thay"})
    again = _job(client, office.token, "/ke-hoach/nhap", data={"units": "1"},
                 files={"document": (document.name, document.read_bytes())})["result"]
    assert again["message"] == ("Đã đọc văn bản 'Kế hoạch 2023.docx': bảng kế hoạch lập từ "
                                f"văn bản {said}")
    same = card(again["page"])
    assert f"Bảng kế hoạch lập từ văn bản “Kế hoạch 2023.docx” {said}" in same
    assert "Thay bằng bảng này" not in same and "Khi thay" not in same
    client.post("/ke-hoach/thay", data={"csrf": office.token, "token": again["held"],
                                        "answer": "giu"})
    # A plan that changes something: asked, with what it changes and what it recounts.
    sent = client.post("/ke-hoach", data={"csrf": office.token}, follow_redirects=False,
                       files={"master": ("kế hoạch sửa.xlsx", office.amended().read_bytes())})
    changed = card(sent.headers["location"])
    assert "<h2>Thay bảng kế hoạch đang dùng?</h2>" in changed and said not in changed
    assert "Thay bằng bảng này" in changed and "Khi thay: số liệu kỳ 6 tháng" in changed


def test_a_reported_periods_late_file_counts_with_its_plan_until_it_is_recounted(
        tmp_path, monkeypatch):
    """A late file of Quý I after the amendment is counted with the plan Quý I keeps; the
    button recounts Quý I with the plan in use and says what changed, as merge does."""
    office = Office(tmp_path, monkeypatch)
    client = office.client
    sent = client.post("/ke-hoach", data={"csrf": office.token}, follow_redirects=False,
                       files={"master": ("kế hoạch sửa.xlsx", office.amended().read_bytes())})
    asked = re.search(r"thay=([0-9a-f]+)", sent.headers["location"])[1]
    client.post("/ke-hoach/thay", data={"csrf": office.token, "token": asked, "answer": "thay"})
    tp_task = next(d for d in load_master(HH_MASTER).deliverables() if d.lead == ["TP"])
    late = office.send("Q1", "TP", {tp_task.id: done(date(2023, 3, 1))})
    assert "bảng kế hoạch đã sửa" not in late["result"]["message"]
    assert office.lead("Q1") == ["NV"] and office.done("Q1") == 2
    recounted = _job(client, office.token, "/bao-cao/Q1/tinh-lai")
    message = recounted["result"]["message"]
    assert message.startswith("Đã tính lại kỳ quý I năm 2023 theo bảng kế hoạch đang dùng, "
                              "đơn vị đã gửi 2/")
    assert (f"Lưu ý: bảng kế hoạch đã sửa sau lần gộp trước của kỳ quý I năm 2023 (đổi đơn "
            f"vị chủ trì 1 nhiệm vụ ({office.moved.id})") in message
    assert ("số liệu kỳ này nay tính theo bảng kế hoạch đã sửa, khác lần gộp trước; muốn trở "
            "lại số liệu như đã báo cáo: ở trang Kế hoạch bấm 'Dùng lại' bảng kế hoạch trước "
            "khi sửa, bấm 'Tính lại theo bảng kế hoạch đang dùng' của kỳ này ở trang Báo cáo, "
            "rồi dùng lại bảng đã sửa.") in message
    assert "Q1" not in message.replace(office.moved.id, "")  # the period by its name only
    assert recounted["result"]["tone"] == "warn"  # a caution, not the success colour
    assert "Bấm “Lập lại báo cáo” ở trang Báo cáo" in message
    assert office.lead("Q1") == ["TP"] and office.done("Q1") == 1  # NV's answer not TP's
    report = _page(client, "/bao-cao?ky=Q1")
    assert "kept-period" not in report and "stale-report" in report
    assert message in report  # the job's box says it on the page it returns to


def test_an_amended_plan_s_past_deadlines_of_its_year_are_no_warning(tmp_path):
    """A commune's plan amended in June ("sửa đổi, bổ sung", issued 15/06/2026) keeps its
    tasks due in January-March: the Kế hoạch page's check gave each a warning "trước
    khi kế hoạch được ban hành (ngày 15/06/2026): kiểm tra lại năm" (five for a QA
    pass's amended plan), though their year is the plan's own. A date of a year before
    the plan's ("Tháng 12/2025" in a plan of 2026) is still one to check."""
    from docx import Document

    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN", "XÃ HOẰNG TIẾN", "Số: 86/KH-UBND",
                 "Hoằng Tiến, ngày 15 tháng 6 năm 2026", "KẾ HOẠCH",
                 "Cải cách hành chính năm 2026 (sửa đổi, bổ sung)"):
        doc.add_paragraph(line)
    rows = [["TT", "Nội dung", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"],
            ["I", "CẢI CÁCH THỂ CHẾ", "", "", "", ""],
            ["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "", "Tháng 3/2026"],
            ["2", "Ban hành kế hoạch", "Kế hoạch", "Văn phòng HĐND và UBND", "",
             "Tháng 12/2025"],
            ["3", "Khảo sát sự hài lòng", "Báo cáo", "Phòng Văn hóa - Xã hội", "",
             "Tháng 11/2026"]]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(tmp_path / "kh-sua-doi.docx")
    data = tmp_path / "data"
    data.mkdir()
    client = TestClient(create_app(data, limits=None), **LOCAL)
    token = _token(client)
    job = client.post("/ke-hoach/nhap", files={"document": (
        "kh-sua-doi.docx", (tmp_path / "kh-sua-doi.docx").read_bytes())}, headers={
        "X-CSRF-Token": token, "Accept": "application/json"}).json()
    from support.web import _wait

    assert _wait(client, job)["state"] == "done"
    page = _page(client, "/")
    assert "thời hạn 'Tháng 3/2026' (31/03/2026) trước khi kế hoạch" not in page
    assert ("thời hạn 'Tháng 12/2025' (31/12/2025) trước khi kế hoạch được ban hành "
            "(ngày 15/06/2026): kiểm tra lại năm") in page
    assert "0 lỗi, 1 cảnh báo" in page
