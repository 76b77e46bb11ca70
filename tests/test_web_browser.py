"""The web app end to end in a real browser (Playwright driving the system Chromium):
the year's cycle on the bundled Hoằng Hóa plan, as the specialist clicks through it.

One server and one browser for the module (tests/conftest.py: server, page); the steps
run in order on the same data folder, which the other test_web_browser_*.py modules
read after them (web_data; each makes it with _ready when run alone). With
CCHC_XL_SHOTS set, screenshots of each page go to out/screenshots/ for a person to look at.

The pages' Content-Security-Policy refuses eval (web/security.py): a condition waited
for (page.wait_for_function) is written as a function, "() => ...", which Playwright
evaluates once; an expression it would evaluate again in the page at each poll, refused.
"""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import threading
import zipfile
from pathlib import Path

import docx
import openpyxl

from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.web.jobs import Job
from cchc_xl.web.pages.upload_lines import KNOWN
from support.paths import HH_MASTER, SHOTS
from support.tools import needs_chromium

RETURNS = HH_MASTER.parent / "returns-9T"
# A file dropped on the drop zone, as the browser hands it to the page.
DROP = """async ([name, b64]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const data = new DataTransfer();
  data.items.add(new File([bytes], name));
  document.querySelector("[data-drop]").dispatchEvent(
    new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
}"""
def _hold_merge_after(monkeypatch, kind: str) -> threading.Event:
    """Hold a running job (the server's job thread, in this process) at its next step
    after an outcome of `kind` is listed, until the event returned is set (at most 60 s).
    """
    shown = threading.Event()
    step = Job.progress

    def held(job, done, total, item):
        if any(e["kind"] == kind for e in job.events):
            shown.wait(60)
        step(job, done, total, item)

    monkeypatch.setattr(Job, "progress", held)
    return shown


# Screenshots for a person to look at (out/screenshots), taken when CCHC_XL_SHOTS is set:
# the tests assert on the pages themselves, and a full-page shot costs a second or more.
SHOOT = bool(os.environ.get("CCHC_XL_SHOTS"))


def _shot(page, name: str) -> None:
    if SHOOT:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _download(page, link, target: Path) -> Path:
    with page.expect_download() as info:
        link.click()
    info.value.save_as(target)
    return target


@needs_chromium
def test_year_cycle_in_the_browser(server, page, tmp_path, monkeypatch):
    base, data = server
    # 1. Kế hoạch: upload the master, see the check's findings.
    page.goto(base + "/")
    page.locator("input[name=master]").set_input_files(HH_MASTER)
    page.get_by_role("button", name="Tải lên").click()
    page.wait_for_selector("text=Đã nhận bảng kế hoạch 'master.xlsx'")
    assert "Kế hoạch cải cách hành chính năm 2023" in page.inner_text("header")
    assert "0 lỗi" in page.inner_text("main")
    assert page.locator("table.findings tbody tr").count() > 0
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    _shot(page, "1-ke-hoach")

    # 2. Giao việc: split for 9 tháng, download the ZIP and one unit's file.
    page.goto(base + "/giao-viec?ky=9T")
    page.get_by_role("button", name="Tạo tệp giao kỳ 9 tháng năm 2023").click()
    page.wait_for_selector("text=Tệp đã tạo (47 đơn vị)")
    zipped = _download(page, page.get_by_role("link", name="Tải tất cả (ZIP, kèm danh sách)"),
                       tmp_path / "giao.zip")
    with zipfile.ZipFile(zipped) as zf:
        names = zf.namelist()
    # The 47 units' files and their list as a workbook (danh-sach-tep-giao.xlsx).
    assert len([n for n in names if n.endswith(".xlsx")]) == 47 + 1
    assert {"danh-sach-tep-giao.xlsx", "manifest.csv", "manifest.json"} <= set(names)
    listed = _download(page, page.get_by_role("link", name="Danh sách tệp (Excel)"),
                       tmp_path / "danh-sach.xlsx")
    assert openpyxl.load_workbook(listed, read_only=True).sheetnames == ["Danh sách tệp giao"]
    one = _download(page, page.locator("tr", has_text="Thanh tra huyện").get_by_role("link"),
                    tmp_path / "one.xlsx")
    assert "Hướng dẫn" in openpyxl.load_workbook(one, read_only=True).sheetnames
    _shot(page, "2-giao-viec")

    # 3. Thu nhận: one file dropped on the page, then the whole folder of returns
    # through the folder picker.
    page.goto(base + "/thu-nhan")
    first = RETURNS / "X02-xa-hoang-cat.xlsx"
    page.evaluate(DROP, [first.name, base64.b64encode(first.read_bytes()).decode()])
    page.wait_for_selector("table.board")
    assert "Chưa gửi (46)" in page.inner_text(".filters")
    # Drawn by app.js as the job runs: the counts that are not nought (not "0 cảnh báo"),
    # after the board's tag of a late unit (the 2023 plan's files are received today).
    assert re.search(r"Được nhận X02-xa-hoang-cat\.xlsx → Xã Hoằng Cát Muộn \d+ ngày "
                     r"\(1 lỗi\)", page.inner_text("ol.events"))
    # A zip of two returns (a mail's "download all"): unpacked, each file told.
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ("X03-xa-hoang-chau.xlsx", "X04-xa-hoang-dao.xlsx"):
            zf.write(RETURNS / name, f"Tệp đính kèm/{name}")
    page.evaluate(DROP, ["Tệp đính kèm.zip", base64.b64encode(bundle.getvalue()).decode()])
    page.wait_for_function("() => document.querySelectorAll('ol.events li.ev-unpacked').length == 1"
                           " && document.querySelectorAll('ol.events li.ev-accepted').length == 2")
    events = page.inner_text("ol.events")
    assert "Đã giải nén Tệp đính kèm.zip: 2 tệp bên trong được gộp riêng" in events
    assert "Được nhận Tệp đính kèm.zip/Tệp đính kèm/X04-xa-hoang-dao.xlsx → Xã Hoằng Đạo" in events
    _shot(page, "3-thu-nhan-tep-nen")
    # Each file's outcome shows while the merge is still reading the others: here the
    # three sent before (X02, X03, X04), told so in a neutral tag, not "Được nhận". The
    # merge is held at its first such outcome until the page has shown it: a quick merge
    # could end between two of the page's polls (it did, on a CI machine).
    shown = _hold_merge_after(monkeypatch, KNOWN)
    page.locator("input[webkitdirectory]").set_input_files(RETURNS)
    try:
        page.wait_for_function("() => document.querySelectorAll('ol.events li.ev-known').length > 0"
                               " && document.querySelector('.job-state').textContent"
                               " === 'Đang chạy'", timeout=60_000)
    finally:
        shown.set()
    assert "Đã nhận trước đó" in page.inner_text("ol.events li.ev-known >> nth=0")
    # Where the job is: reading the 43 files, or already writing what follows them.
    assert re.match(r"\d+/43 |\d+/\d+ Ghi (bảng tổng hợp|tệp phản hồi): ",
                    page.inner_text(".job-current"))
    _shot(page, "3-thu-nhan-dang-doc")
    page.get_by_role("button", name="Chưa gửi (5)").wait_for(timeout=60_000)
    # The filters work once the page's deferred script has run: the button shows before
    # (a click then did nothing, on a loaded machine).
    page.wait_for_load_state()
    events = page.locator("ol.events li")
    assert events.count() == len(list(RETURNS.glob("*.xlsx")))
    assert page.locator("ol.events li.ev-superseded").count() == 1
    board = page.locator("table.board tbody tr")
    assert board.count() == 47
    page.get_by_role("button", name="Chưa gửi (5)").click()
    missing = [r.inner_text() for r in board.all() if r.is_visible()]
    assert len(missing) == 5
    assert any("Thanh tra huyện" in r for r in missing)
    page.get_by_role("button", name="Có lỗi").click()
    cat = page.locator("table.board tbody tr", has_text="Xã Hoằng Cát")
    assert cat.is_visible()
    cat.locator("summary", has_text="vấn đề").click()
    assert "120%" in cat.inner_text()
    page.get_by_role("button", name="Tất cả").click()
    page.get_by_role("columnheader", name="Lỗi").click()
    page.get_by_role("columnheader", name="Lỗi").click()  # descending: errors first
    assert int(board.first.locator("td.n").first.inner_text()) > 0
    _shot(page, "3-thu-nhan")
    # NV's file again, saved before the one counted (a wrong clock): told why it does
    # not count.
    page.evaluate(DROP, ["NV sửa.xlsx", base64.b64encode(_saved_in_2019(
        RETURNS / "NV-phong-noi-vu.xlsx")).decode()])
    # The list shown until then has one superseded file too (X05's): waited for this
    # upload's (a race seen in CI: the last upload's list was read as this one's).
    page.wait_for_function("() => document.querySelectorAll('ol.events li.ev-superseded').length"
                           " == 1 && document.querySelector('ol.events li.ev-superseded')"
                           ".textContent.includes('NV sửa.xlsx') && document.querySelector("
                           "'.job-state').textContent !== 'Đang chạy'", timeout=60_000)
    told = page.locator("ol.events li.ev-superseded").inner_text()
    assert "NV sửa.xlsx" in told and "lưu lúc 01/01/2019" in told, told
    _shot(page, "3-thu-nhan-tep-cu-hon")
    # The office makes it count: the counted file out of the figures, from NV's row.
    page.goto(base + "/thu-nhan")
    nv = page.locator("table.board tbody tr", has_text="Phòng Nội vụ")
    nv.get_by_text("2 tệp đã gửi").click()
    nv.screenshot(path=str(SHOTS / "3-thu-nhan-hai-tep.png"))
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    nv.locator("li", has_text="Được nhận").get_by_role("button",
                                                     name="Rút khỏi số liệu").click()
    page.wait_for_load_state()
    assert "Tệp được tính của đơn vị bây giờ: NV sửa.xlsx." in page.inner_text("main")
    assert asked and asked[0].startswith("Rút tệp returns-9T/NV-phong-noi-vu.xlsx khỏi số liệu?")
    _shot(page, "3-thu-nhan-rut-tep")

    # 4. Phản hồi: feedback files for units with problems.
    page.goto(base + "/phan-hoi")
    fb = _download(page, page.get_by_role("link", name="Tải tất cả (ZIP)"), tmp_path / "ph.zip")
    with zipfile.ZipFile(fb) as zf:
        assert any(n.startswith("X02-") for n in zf.namelist())
    assert "Thanh tra huyện" in page.inner_text("main")
    # The page's other letter (nhiệm vụ quá hạn) has its own form and button.
    page.locator("#remind-form input[name=deadline]").fill("05/10/2023")
    page.get_by_role("button", name="Lập công văn đôn đốc", exact=True).click()
    letter = _download(page, page.get_by_role("link", name="Công văn đôn đốc (Word)"),
                       tmp_path / "don-doc.docx")
    text = "\n".join(p.text for p in docx.Document(letter).paragraphs)
    assert "Thanh tra huyện" in text and "05/10/2023" in text
    # The letter chasing overdue tasks, from its own form.
    page.locator("#overdue-form input[name=deadline]").fill("15/10/2023")
    page.get_by_role("button", name="Lập công văn đôn đốc nhiệm vụ quá hạn").click()
    letter = _download(page, page.get_by_role(
        "link", name="Công văn đôn đốc nhiệm vụ quá hạn (Word)"), tmp_path / "qua-han.docx")
    text = "\n".join(p.text for p in docx.Document(letter).paragraphs)
    assert "chưa hoàn thành, đã quá thời hạn" in text and "chậm nhất ngày 15/10/2023" in text
    _shot(page, "4-phan-hoi")

    # 5. Báo cáo: the report in the page, its workbook and the consolidated workbook.
    page.goto(base + "/bao-cao")
    page.get_by_role("button", name="Lập báo cáo").click()
    frame = page.frame_locator("iframe.report")
    frame.locator("h1, p").first.wait_for()
    assert "BÁO CÁO KẾT QUẢ" in frame.locator("body").inner_text()
    report = _download(page, page.get_by_role("link", name="Báo cáo (Excel)"),
                       tmp_path / "bc.xlsx")
    assert len(openpyxl.load_workbook(report, read_only=True).sheetnames) > 3
    word = _download(page, page.get_by_role("link", name="Báo cáo (dự thảo Word)"),
                     tmp_path / "bc.docx")
    # 6: BM-03's "done" of 31/03 is its implementing document's (due in November); its
    # report part, due 15/12, is still to come; CQS-01's of 09/05 is its plan's, late (due
    # 11/2022), its report being due in November 2023 (docs/counting.md, several dates).
    # Phụ lục I's note, the last row of its table (the notes under a table are in it).
    doc = docx.Document(word)
    notes = [p for t in doc.tables for c in t.rows[-1].cells for p in c.paragraphs]
    assert any("Hoàn thành 6/34 nhiệm vụ" in p.text for p in notes)
    merged = _download(page, page.get_by_role("link", name="Bảng tổng hợp (Excel)"),
                       tmp_path / "th.xlsx")
    assert merged.stat().st_size > 10_000
    _shot(page, "5-bao-cao")


def _saved_in_2019(path: Path) -> bytes:
    """The workbook as if saved on 1 January 2019 (the time inside it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zi, zipfile.ZipFile(out, "w") as zo:
        for info in zi.infolist():
            part = zi.read(info)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2019-01-01T00:00:00Z",
                              part)
            zo.writestr(info, part)
    return out.getvalue()


@needs_chromium
def test_opening_the_app_from_a_link_elsewhere_keeps_the_open_tabs_working(server, page):
    """The office opens the app from a link in a mail or Zalo web while a tab of it is
    open: the link's page must join the same session, or the open tab's form token is
    replaced and its next upload is refused as expired."""
    base, data = server
    if not (data / "ke-hoach.xlsx").exists():  # run alone: the plan the cycle uploads
        shutil.copyfile(HH_MASTER, data / "ke-hoach.xlsx")
    page.goto(base + "/thu-nhan")
    token = page.evaluate("document.body.dataset.csrf")
    elsewhere = page.context.new_page()  # a page of another site (localhost is not 127.0.0.1)
    elsewhere.route("http://localhost:9/thu", lambda route: route.fulfill(
        content_type="text/html", body=f'<a id="link" href="{base}/giao-viec">CCHC</a>'))
    elsewhere.goto("http://localhost:9/thu")
    with elsewhere.expect_navigation():
        elsewhere.click("#link")
    assert elsewhere.url == base + "/giao-viec"
    assert elsewhere.evaluate("document.body.dataset.csrf") == token
    # The open tab's next form is accepted (403: "Biểu mẫu đã hết hạn...").
    answer = page.evaluate("""() => fetch("/thu-nhan/9T", {method: "POST", body: new FormData(),
        headers: {"X-CSRF-Token": document.body.dataset.csrf, "Accept": "application/json"}})
        .then(async (r) => [r.status, await r.text()])""")
    assert answer[0] != 403 and "Biểu mẫu đã hết hạn" not in answer[1], answer
    assert "Chưa chọn tệp nào" in answer[1]  # the form itself was taken and read
    elsewhere.close()


def _ready(data: Path) -> None:
    """The data folder with what the cycle leaves in it (for a test run alone): the
    plan, the files for 9T, every return merged (Hoằng Đạt sent two), the report."""
    from cchc_xl.web.workspace import Workspace

    ws = Workspace(data)
    if not ws.master_path.exists():
        shutil.copyfile(HH_MASTER, ws.master_path)
    if not ws.split_dir("9T").is_dir():
        ws.split("9T", prefill=False)
    if not ws.consolidated("9T").is_file():
        ws.merge("9T", [RETURNS])
    if not ws.report_html("9T").is_file():
        ws.report("9T")


@needs_chromium
def test_replacing_the_plan_in_use_asks_first(server, page, tmp_path):
    """"Nhập văn bản" replaced the plan in use at once, without a question; then asked
    before the document was read. Now the plan imported is checked, and the page asks
    with what the check found."""
    from test_figures import figures_master

    from plan_documents import write_plan_document

    base, data = server
    _ready(data)
    before = (data / "ke-hoach.xlsx").read_bytes()
    # A small plan (8 tasks): what is tested is the question, not the import.
    document = write_plan_document(figures_master(), tmp_path / "Kế hoạch năm.docx")
    asked: list[str] = []

    def dismissed(dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    for answer in ("Không thay, giữ bảng đang dùng", "Thay bằng bảng này"):
        page.goto(base + "/")
        page.locator("input[name=document]").set_input_files(document)
        page.get_by_role("button", name="Nhập văn bản").click()
        card = page.locator("#thay-bang")
        card.wait_for()
        assert re.search(r"Đã nhập văn bản “Kế hoạch năm\.docx” và kiểm tra bảng kế hoạch "
                         r"lập từ văn bản lúc \d\d:\d\d \d\d/\d\d/\d{4}: đọc được",
                         card.inner_text())
        assert (data / "ke-hoach.xlsx").read_bytes() == before  # nothing done yet
        if answer.startswith("Thay"):
            _shot(page, "1-ke-hoach-nhap-van-ban-hoi")
            # A double click answers once (a QA pass: the second answer's "answered
            # already" hid the first one's message).
            card.get_by_role("button", name=answer).evaluate(
                "b => { b.click(); setTimeout(() => b.click(), 20); }")
        else:
            card.get_by_role("button", name=answer).click()
        page.wait_for_load_state()
    assert not asked  # no dialog: the question is the page's
    page.wait_for_selector("text=Bảng kế hoạch dùng trước đó không mất: nó được giữ lại và "
                           "dùng lại được bất cứ lúc nào")
    assert "ke-hoach-cu" not in page.inner_text("body")
    assert not page.locator("#thay-bang").count()
    assert (data / "ke-hoach.xlsx").read_bytes() != before
    _shot(page, "1-ke-hoach-nhap-van-ban")
    page.remove_listener("dialog", dismissed)
    # Back to the plan the other tests use: its "Dùng lại" in the list of plans used
    # before, asked first too.
    row = page.locator("#ke-hoach-cu tbody tr").first
    assert "Kế hoạch cải cách hành chính năm 2023" in row.inner_text()
    asked.clear()
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    row.get_by_role("button", name="Dùng lại").click()
    page.wait_for_selector("text=Đã dùng lại bảng kế hoạch 'Kế hoạch cải cách hành chính "
                           "năm 2023'")
    assert asked and asked[0].startswith("Dùng lại bảng kế hoạch “Kế hoạch cải cách")
    assert (data / "ke-hoach.xlsx").read_bytes() == before
    # The keyboard's place is what the action did (it was the page's start); app.js moves
    # it once the page has loaded, which under load may come after the text shows.
    said = "Đã dùng lại bảng kế hoạch 'Kế hoạch cải cách hành chính"
    page.wait_for_function("t => (document.activeElement.textContent || '').startsWith(t)",
                           arg=said, timeout=10000)  # a Playwright timeout if it never does
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.startswith(said), focused
    _shot(page, "1-ke-hoach-dung-lai")


@needs_chromium
def test_a_replacing_plan_is_checked_before_anything_is_asked(server, page, tmp_path):
    """The plan page's upload asked "Thay bảng kế hoạch…?" before reading the file: the
    office said yes, then learnt the file was no plan. Now a file that fails the check is
    refused at once, no question; one that passes is asked about with the check's result."""
    base, data = server
    _ready(data)
    before = (data / "ke-hoach.xlsx").read_bytes()
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.goto(base + "/?ky=9T")
    pdf = tmp_path / "kế hoạch.pdf"
    pdf.write_bytes(b"%PDF-1.4 not a workbook")
    page.locator("input[name=master]").set_input_files(pdf)
    page.get_by_role("button", name="Tải lên bảng kế hoạch mới").click()
    page.wait_for_selector("text=Không dùng được tệp 'kế hoạch.pdf': đây là tệp PDF")
    assert not asked and not page.locator("#thay-bang").count()
    assert page.url == base + "/?ky=9T"
    # An amended plan (the plan in use itself is nothing to replace: no question): a
    # unit's other name added, its figures the same (the later tests' periods unchanged).
    master = load_master(HH_MASTER)
    master.units[0].aliases.append("Phòng Nội vụ huyện")
    again = write_master(master, tmp_path / "kế hoạch sửa.xlsx")
    page.locator("input[name=master]").set_input_files(again)
    page.get_by_role("button", name="Tải lên bảng kế hoạch mới").click()
    card = page.locator("#thay-bang")
    card.wait_for()
    assert not asked  # the question is on the page, with the check's result
    said = card.inner_text()
    assert re.search(r"Đã kiểm tra tệp “kế hoạch sửa\.xlsx” lúc [\d:/ ]+: đọc được, 0 lỗi",
                     said)
    assert "Kế hoạch cải cách hành chính năm 2023" in said
    assert "Thay bảng kế hoạch đang dùng bằng bảng mới?" in said
    assert (data / "ke-hoach.xlsx").read_bytes() == before
    _shot(page, "1-ke-hoach-thay-bang")
    card.get_by_role("button", name="Thay bằng bảng này").click()
    page.wait_for_selector("text=Đã nhận bảng kế hoạch 'kế hoạch sửa.xlsx'")
    assert not page.locator("#thay-bang").count() and not asked
    assert page.url == base + "/?ky=9T"


# Every cell of the report's tables wide enough for its longest word: with words let
# overflow instead of broken, none sticks out of its cell.
WORDS_FIT = """() => {
  const style = document.createElement("style");
  style.textContent = "table.grid th, table.grid td { overflow-wrap: normal !important;"
    + " word-break: normal !important; }";
  document.head.append(style);
  const cut = [...document.querySelectorAll("table.grid th, table.grid td")]
    .filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent.trim());
  style.remove();
  return cut;
}"""
# Where the pieces a person needs on a phone are: each one's left and right edge.
EDGES = """(els) => els.filter((e) => e.getClientRects().length).map((e) => {
  const r = e.getBoundingClientRect();
  return [e.textContent.trim().slice(0, 40), r.left, r.right, r.width];
})"""


@needs_chromium
def test_every_page_reads_on_a_phone(server, page):
    """At 390 px the steps bar showed "1 Kế hoạch, 2 Giao việc, 3 Thu nh…", and tables
    were cut (the board's status and "Rút khỏi số liệu", Giao việc's download links) or
    came down to a letter per line (the report's Biểu 1)."""
    base, data = server
    _ready(data)
    width = 390
    phone = page.context.browser.new_context(
        locale="vi-VN", viewport={"width": width, "height": 844}, is_mobile=True,
        has_touch=True)
    tab = phone.new_page()
    try:
        for path, name in (("/", "1-ke-hoach"), ("/giao-viec?ky=9T", "2-giao-viec"),
                           ("/thu-nhan?ky=9T", "3-thu-nhan"), ("/phan-hoi?ky=9T", "4-phan-hoi"),
                           ("/bao-cao?ky=9T", "5-bao-cao")):
            tab.goto(base + path)
            for details in tab.locator("table details").all():
                details.evaluate("(d) => d.open = true")
            assert tab.evaluate("document.documentElement.scrollWidth") <= width, path
            steps = tab.locator("nav.steps a").evaluate_all(EDGES)
            assert [s[0] for s in steps] == ["1Kế hoạch", "2Giao việc", "3Thu nhận",
                                             "4Phản hồi", "5Báo cáo", "?Hướng dẫn"]
            needed = tab.locator("nav.steps a, table.list td, table.list td .tag, "
                                 "table.list td a, table.list td button").evaluate_all(EDGES)
            off = [n for n in needed if n[1] < 0 or n[2] > width + 0.5]
            assert not off, (path, off[:5])
            narrow = [n for n in needed if len(n[0]) > 3 and n[3] < 40]
            assert not narrow, (path, narrow[:5])
            if name == "3-thu-nhan":  # among them, on screen
                assert any(n[0] == "Rút khỏi số liệu" for n in needed)
                # An upload's files scroll with the page, not in a box of their own,
                # where a phone's user did not see the refused ones at its end.
                assert tab.locator("ol.events").evaluate(
                    "(ol) => [getComputedStyle(ol).overflowY, getComputedStyle(ol).maxHeight]"
                ) == ["visible", "none"]
            _shot(tab, f"{name}-390")
        frame = tab.frame_locator("iframe.report")
        frame.locator("table.grid").first.wait_for()
        report = next(f for f in tab.frames if "/bao-cao/9T/trang" in f.url)
        assert report.evaluate(WORDS_FIT) == []
    finally:
        phone.close()


# Whether the focused element, or the label around it, shows a focus ring.
RING = """() => {
  const e = document.activeElement;
  const shown = (el) => el && getComputedStyle(el).outlineStyle !== "none"
    && parseFloat(getComputedStyle(el).outlineWidth) >= 2;
  const label = e.closest("label");
  const button = label && label.querySelector(".button");
  return [e.tagName + (e.name ? "[" + e.name + "]" : ""), shown(e) || shown(label)
    || shown(button)];
}"""


@needs_chromium
def test_a_lost_connection_is_said_in_vietnamese(server, page):
    """The page following a job told "Mất kết nối với ứng dụng: Failed to fetch", the
    browser's own English (a probe read it in app.js)."""
    base, data = server
    _ready(data)
    window = page.context.browser.new_context(locale="vi-VN")
    page = window.new_page()
    page.goto(base + "/giao-viec?ky=9T")
    page.route("**/viec/**", lambda route: route.abort())  # the app gone as it polls
    page.once("dialog", lambda d: d.accept())  # "Tạo lại tệp giao...?"
    page.locator("#split-form button[type=submit]").click()
    told = page.locator(".job-error")
    told.wait_for(state="visible")
    assert told.inner_text().startswith("Mất kết nối với ứng dụng (ứng dụng đã dừng")
    assert "Failed" not in told.inner_text()
    window.close()


@needs_chromium
def test_keyboard_only(server, page):
    """"Chọn tệp"/"Chọn thư mục" never got focus; Enter or Space opened no picker (then
    on the drop zone, a button holding the pickers; now on "Chọn tệp" itself, the zone
    no control: test_web_browser_a11y); Enter on a column header did not sort; the plan
    page's focused file input showed no focus ring."""
    base, data = server
    _ready(data)
    # A browser window of its own: a file chooser other tests left pending takes no other.
    window = page.context.browser.new_context(locale="vi-VN",
                                              viewport={"width": 1280, "height": 900})
    page = window.new_page()
    choosers: list = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))  # caught from the start
    page.goto(base + "/thu-nhan?ky=9T")
    page.locator("#received").focus()
    focused = []
    for _ in range(6):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(RING))
    names = [f[0] for f in focused]
    assert "INPUT[files]" in names and "INPUT[folder]" in names, names
    assert all(ring for _, ring in focused[:names.index("INPUT[folder]") + 1]), focused
    _shot(page, "3-thu-nhan-ban-phim")
    for key in ("Enter", " "):
        page.goto(base + "/thu-nhan?ky=9T")
        page.evaluate("document.querySelector('input[name=files]').addEventListener("
                      "'click', () => { window.picked = true; })")
        page.get_by_role("button", name="Chọn tệp", exact=True).focus()
        page.keyboard.press(key)
        assert page.evaluate("window.picked === true"), key  # the picker opened
    page.wait_for_timeout(300)
    assert choosers and choosers[0].is_multiple()
    header = page.get_by_role("columnheader", name="Đơn vị")
    header.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    page.keyboard.press(" ")
    assert header.get_attribute("aria-sort") == "descending"
    page.goto(base + "/")
    page.locator("input[name=master]").focus()
    assert page.evaluate(RING) == ["INPUT[master]", True]
    _shot(page, "1-ke-hoach-ban-phim")
    window.close()


@needs_chromium
def test_an_upload_shows_its_result_for_its_period_and_skipped_files_are_no_error(server,
                                                                                   page):
    """Tab A on Thu nhận for 9T, tab B switched to 6T: tab A's upload reloaded as 6T with
    its result nowhere. Files left aside on purpose (Thumbs.db) were listed in red."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    page.goto(base + "/thu-nhan")  # tab A opened without a period: 9T, the last chosen
    assert "9 tháng năm 2023" in page.inner_text("h1")
    other = page.context.new_page()
    other.goto(base + "/thu-nhan?ky=6T")  # tab B
    other.close()
    sent = RETURNS / "TP-phong-tu-phap.xlsx"
    body = base64.b64encode(sent.read_bytes()).decode()
    page.evaluate("""async ([body]) => {
      const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "TP gửi lại.xlsx"));
      data.items.add(new File([new Uint8Array([1, 2, 3])], "Thumbs.db"));
      document.querySelector("[data-drop]").dispatchEvent(
        new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
    }""", [body])
    page.wait_for_url("**/thu-nhan?ky=9T&viec=*", timeout=60_000)  # the upload followed
    page.wait_for_selector("ol.events li.ev-skipped")
    assert "9 tháng năm 2023" in page.inner_text("h1")
    assert "TP gửi lại.xlsx" in page.inner_text("ol.events")
    skipped = page.locator("ol.events li.ev-skipped")
    assert "Thumbs.db" in skipped.inner_text()
    colours = skipped.evaluate("""(li) => [...li.querySelectorAll(".tag, .reason")]
      .map((e) => getComputedStyle(e).color)""")
    assert colours and "rgb(179, 38, 30)" not in colours, colours  # --bad
    _shot(page, "3-thu-nhan-bo-qua")


@needs_chromium
def test_back_shows_the_pages_own_period(server, page):
    """Back from the page of another period showed that period in "Kỳ báo cáo" over the
    page of the one before: an upload then went to the period the page named."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=NAM")
    with page.expect_navigation():
        page.select_option("#ky", "Q1")
    assert "Quý I" in page.inner_text("main h2, main h1")
    page.go_back()
    page.wait_for_load_state()
    assert "Năm 2023" in page.inner_text("main h2, main h1")
    assert page.eval_on_selector("#ky", "s => s.value") == "NAM"


@needs_chromium
def test_an_upload_of_a_later_periods_files_is_refused_without_a_bar_half_full(server, page):
    """The 9-month files dropped on Quý I's page: refused, said on the page, and the job's
    bar no longer stays half full beside "Lỗi" (a probe read it as work still to come),
    as the job is followed and on the page drawn again."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=Q1")
    sent = RETURNS / "TP-phong-tu-phap.xlsx"
    page.evaluate(DROP, ["TP.xlsx", base64.b64encode(sent.read_bytes()).decode()])
    error = page.locator(".job .job-error")
    error.wait_for(timeout=60_000)
    assert error.inner_text().startswith("Không gộp: 1 tệp được giao cho kỳ 9 tháng năm 2023")
    assert page.locator(".job progress").is_hidden()
    page.reload()
    assert page.locator(".job .job-error").is_visible()
    assert page.locator(".job progress").is_hidden()


def _one_upload_shown(server, page) -> Path:
    """Thu nhận with one unit's file uploaded and its result shown; the file sent."""
    base, data = server
    _ready(data)
    page.goto(base + "/thu-nhan?ky=9T")
    sent = RETURNS / "TP-phong-tu-phap.xlsx"
    page.evaluate(DROP, ["TP.xlsx", base64.b64encode(sent.read_bytes()).decode()])
    page.wait_for_url("**/thu-nhan?ky=9T&viec=*", timeout=60_000)  # the upload followed
    page.wait_for_selector(".job .msg:not(.job-error)")
    return sent


@needs_chromium
def test_a_refused_upload_is_not_shown_as_the_last_one_s_failure(server, page):
    """A file refused before any merge (too large, a day received that is no day) showed
    under the last upload's title and its result ("Gộp 11 tệp … · Lỗi", "Đã đọc 11 tệp
    …"): it read as if that merge had failed (a probe)."""
    sent = _one_upload_shown(server, page)
    page.fill("#received", "32/13/2023")
    page.evaluate(DROP, ["TP.xlsx", base64.b64encode(sent.read_bytes()).decode()])
    error = page.locator(".job .job-error")
    error.wait_for()
    assert "Ngày nhận '32/13/2023' không phải ngày" in error.inner_text()
    assert page.locator(".job .job-title").inner_text() == "Tải lên"
    assert not page.locator(".job .msg:not(.job-error):visible").count()
    # The last upload's files stay listed with their merge's details: the refused one
    # never started (its list was emptied as it was sent, and the last upload showed
    # nowhere until the page was opened again: a QA pass).
    assert "TP.xlsx" in page.inner_text("ol.events")
    assert page.locator("details.summary").is_visible()
    # ... said to be the last one's: under "Tải lên · Lỗi", unsaid, they read as this
    # upload's files (a QA pass).
    assert page.locator(".events-last").inner_text() == (
        "Lần này chưa nhận tệp nào. Kết quả lần tải lên trước:")


@needs_chromium
def test_an_empty_selection_is_not_shown_under_the_last_upload_s_result(server, page):
    """A folder with no file in it, chosen after an upload: the last upload's green "Xong"
    and its result stayed above the new error (a QA pass)."""
    _one_upload_shown(server, page)
    page.evaluate("""() => document.querySelector("[data-drop]").dispatchEvent(
        new DragEvent("drop", {dataTransfer: new DataTransfer(), bubbles: true,
                               cancelable: true}))""")
    error = page.locator(".job .job-error")
    error.wait_for()
    assert error.inner_text() == "Không có tệp nào trong những gì vừa chọn."
    assert not page.locator(".job .msg:not(.job-error):visible").count()
    assert page.locator(".job .job-title").inner_text() == "Tải lên"
    assert page.locator(".job .job-state").inner_text() == "Lỗi"


@needs_chromium
def test_a_required_field_left_empty_is_said_in_vietnamese(server, page):
    """"Tải lên" with no file chosen: the browser said "Please select a file." (a QA
    pass). The app says it in Vietnamese, and takes the file once one is chosen."""
    base, data = server
    _ready(data)
    page.goto(base + "/")
    field = page.locator("input[name=master]")
    field.evaluate("(f) => f.form.requestSubmit()")
    assert field.evaluate("(f) => f.validationMessage") == (
        "Chưa chọn tệp: bấm vào ô này để chọn tệp.")
    field.set_input_files(str(RETURNS / "TP-phong-tu-phap.xlsx"))
    assert field.evaluate("(f) => f.validity.valid && f.validationMessage === ''")


@needs_chromium
def test_a_request_refused_is_not_shown_as_an_upload(server, page):
    """"Lập công văn đôn đốc" with a day the calendar does not have (30/02/2023): the box
    said "Tải lên · Lỗi" beside a full bar, though nothing was uploaded (a QA probe)."""
    base, data = server
    _ready(data)
    page.goto(base + "/phan-hoi?ky=9T")
    page.fill("#remind-form input[name=deadline]", "30/02/2023")
    button = page.locator("#remind-form button[type=submit]")
    label = button.inner_text().strip()
    box = page.locator(".job[data-form=remind-form]")  # the page's other letter has its own
    button.click()
    error = box.locator(".job-error")
    error.wait_for()
    assert error.inner_text().startswith("Ngày 30/02/2023 không có trên lịch")
    assert box.locator(".job-title").inner_text() == label
    assert box.locator(".job-state").inner_text() == "Lỗi"
    assert box.locator("progress").is_hidden()
    # A double click is one request (it queued the job twice: a QA probe); once the
    # request has failed, the button takes a click again. The request is held until both
    # clicks are in: a refused one can come back between them on a busy machine.
    held = []
    page.route("**/phan-hoi/9T", lambda route: held.append(route))
    button.dblclick()
    page.wait_for_timeout(300)
    assert len(held) == 1, held
    assert button.is_disabled()
    held[0].continue_()
    page.unroute("**/phan-hoi/9T")
    page.wait_for_function("() => !document.querySelector('#remind-form').dataset.busy")
    assert button.is_enabled()
