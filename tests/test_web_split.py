"""The split page (/giao-viec): the period chosen, its files made again or prefilled, and
the files of a plan replaced or copied in."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date

from click.testing import CliRunner
from starlette.testclient import TestClient

from cchc_xl.cli import main
from support.paths import HH_MASTER
from support.web import (
    RETURNS,
    _client,
    _outdated,
    _put_plan,
    _reworded_plan,
    _sent,
    _token,
    _wait,
    _with_master,
    blank_plan_put,
    blank_plan_uploaded,
)


def test_the_app_opens_on_the_period_being_reported(tmp_path):
    """Users' probe: on 2 December 2026 a new data folder with the province's 2026 plan
    opened on "Quý I năm 2026" (the first period), and "Giao việc" offered to split it.
    With no files yet, the period whose report is due next is chosen; a plan of a year
    gone by opens on its last period; once files exist, the latest period with files."""
    from cchc_xl.periods import default_periods
    from cchc_xl.web.common import period_due_next

    periods = default_periods(2026)
    due_next = {day: period_due_next(periods, day).code for day in (
        date(2026, 1, 5), date(2026, 3, 20), date(2026, 3, 21), date(2026, 7, 1),
        date(2026, 12, 2), date(2027, 1, 10))}
    assert due_next == {date(2026, 1, 5): "Q1", date(2026, 3, 20): "Q1",
                        date(2026, 3, 21): "6T", date(2026, 7, 1): "Q3",
                        date(2026, 12, 2): "NAM", date(2027, 1, 10): "NAM"}
    assert period_due_next([], date(2026, 12, 2)) is None
    data = _with_master(tmp_path)  # the Hoằng Hóa 2023 plan: every period gone by
    client = _client(data)
    page = html.unescape(client.get("/giao-viec").text)
    assert "Tạo tệp giao kỳ năm 2023" in page and "Tạo tệp giao kỳ quý I" not in page
    # The period's name inside a sentence: not "kỳ Năm 2023" (a QA probe).
    assert "kỳ Năm" not in page
    token = _token(client)
    job = _wait(client, client.post("/giao-viec/NAM", headers={
        "X-CSRF-Token": token, "Accept": "application/json"}).json())
    assert job["title"] == "Tạo tệp giao kỳ năm 2023"
    assert job["result"]["message"].startswith("Đã tạo 47 tệp cho kỳ năm 2023.")
    assert "kỳ Năm" not in html.unescape(client.get("/giao-viec").text)
    # The files say a due date gone by: said as a caution, in the warning colour.
    assert " Lưu ý: hạn đơn vị gửi báo cáo kỳ năm 2023 là ngày " in job["result"]["message"]
    assert job["result"]["tone"] == "warn"
    assert re.search(r'<p class="msg warn">Đã tạo 47 tệp[^<]*Lưu ý',
                     html.unescape(client.get("/giao-viec?ky=NAM").text))


def test_two_tabs_a_page_s_links_keep_its_period(tmp_path):
    """Tab A showed 9T; tab B chose 6T: tab A's links (the steps, "Thu nhận" in a
    sentence, the plan page's forms) then opened 6T, the period was the session's."""
    data = _with_master(tmp_path)
    client = _client(data)

    def shown(text: str) -> str:
        return re.search(r'<option value="(\w+)" selected>', text)[1]

    tab_a = {path: html.unescape(client.get(f"{path}?ky=9T").text)
             for path in ("/", "/giao-viec", "/phan-hoi", "/bao-cao")}
    client.get("/bao-cao?ky=6T")  # tab B
    for path, page in tab_a.items():
        steps = re.findall(r'<nav class="steps">(.*?)</nav>', page, re.S)[0]
        links = re.findall(r'href="([^"]+)"', steps)
        # The guide's, which shows no period, with the page's for its own steps bar.
        assert links.pop() == "/huong-dan?ky=9T" and len(links) == 5, links
        guide = html.unescape(client.get("/huong-dan?ky=9T").text)
        assert re.findall(r'<nav class="steps">(.*?)</nav>', guide, re.S)[0] == steps \
            .replace(' class="active" aria-current="page"', "") \
            .replace('guide-link"', 'guide-link active" aria-current="page"'), path
        for link in links:
            assert shown(client.get(link).text) == "9T", (path, link)
    for path in ("/phan-hoi", "/bao-cao"):  # "Tải tệp ... ở trang Thu nhận"
        links = re.findall(r'<a href="([^"]+)">Thu nhận</a>', tab_a[path])
        assert links and all(shown(client.get(link).text) == "9T" for link in links), path
    # The plan page's forms come back to its period.
    action = re.search(r'<form method="post" action="([^"]+)"[^>]* enctype', tab_a["/"])[1]
    back = client.post(action, data={"csrf": _token(client)}, follow_redirects=False)
    assert back.headers["location"] == "/?ky=9T"
    # A page opened without a period: the one last chosen (tab B's).
    client.get("/giao-viec?ky=6T")
    assert shown(client.get("/thu-nhan").text) == "6T"


def test_the_period_chosen_belongs_to_its_plan(tmp_path):
    """After another plan was uploaded, the pages opened on the period chosen under the
    plan before (its code being the new plan's too), not where a new browser opens (a QA
    probe)."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)

    def heading(c: TestClient) -> str:
        return re.search(r"<h1>([^<]*)</h1>", html.unescape(c.get("/giao-viec").text))[1]

    client.get("/giao-viec?ky=6T")
    assert heading(client) == "2. Giao việc — 6 tháng đầu năm 2023"  # remembered
    _put_plan(client, data={"csrf": token},
                files={"master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())})
    fresh = heading(_client(data))
    assert "6 tháng" not in fresh and heading(client) == fresh
    client.get("/giao-viec?ky=6T")
    assert heading(client) == "2. Giao việc — 6 tháng đầu năm 2023"


def test_files_of_a_replaced_plan_are_said_so_on_giao_viec(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    job = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    assert "theo bảng kế hoạch trước" not in client.get("/giao-viec?ky=9T").text
    # The same plan uploaded again: the files are still its own.
    _put_plan(client, data={"csrf": token},
                files={"master": ("bảng cũ.xlsx", HH_MASTER.read_bytes())})
    assert "theo bảng kế hoạch trước" not in client.get("/giao-viec?ky=9T").text
    # The same plan written again (its workbook's saved time differs: a document imported
    # again) is the same plan too (a QA pass: the files were said to be out of date).
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    again = write_master(load_master(HH_MASTER), tmp_path / "nhập lại.xlsx").read_bytes()
    assert again != HH_MASTER.read_bytes()
    _put_plan(client, data={"csrf": token}, files={"master": ("nhập lại.xlsx", again)})
    assert "theo bảng kế hoạch trước" not in client.get("/giao-viec?ky=9T").text
    changed = _reworded_plan(tmp_path / "bảng mới.xlsx").read_bytes()
    _put_plan(client, data={"csrf": token}, files={"master": ("bảng mới.xlsx", changed)})
    page = html.unescape(client.get("/giao-viec?ky=9T").text)
    assert "Tệp đã tạo (47 đơn vị) — theo bảng kế hoạch trước" in page
    assert ("Các tệp giao dưới đây được tạo từ bảng kế hoạch trước, trước khi bảng kế hoạch "
            "đang dùng được tải lên") in page
    assert "Bấm “Tạo lại tệp giao kỳ 9 tháng năm 2023”" in page
    job = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"
    assert "theo bảng kế hoạch trước" not in client.get("/giao-viec?ky=9T").text


def _split_on_the_page(client: TestClient, token: str) -> None:
    job = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                 "Accept": "application/json"}).json()
    assert _wait(client, job)["state"] == "done"


def test_a_plan_copied_into_the_data_folder_is_said_so_on_giao_viec(tmp_path):
    """A plan put in place from outside the app (copied into the data folder, written
    by a command) left the files issued from the one before it shown as current: only
    a plan uploaded on the Kế hoạch page was told."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _split_on_the_page(client, token)
    assert not _outdated(client)
    # A copy of the data folder (its files' times all new) says the same.
    copied = shutil.copytree(data, tmp_path / "ban-sao", copy_function=shutil.copyfile)
    assert not _outdated(_client(copied))
    shutil.copyfile(_reworded_plan(tmp_path / "kế hoạch sửa.xlsx"), data / "ke-hoach.xlsx")
    assert _outdated(client)
    assert _outdated(_client(data))  # after a restart too
    copied = shutil.copytree(data, tmp_path / "ban-sao-2", copy_function=shutil.copyfile)
    assert _outdated(_client(copied))
    _split_on_the_page(client, token)
    assert not _outdated(client)


def test_a_period_after_one_merged_offers_its_files_prefilled_by_default(tmp_path):
    """A first-time office made its 6-month files without last period's answers: the box
    was unticked (a probe). With answers of an earlier period of the plan in the ledger,
    it is ticked; the office may untick it."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert 'name="prefill"' not in client.get("/giao-viec?ky=NAM").text  # no ledger
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    page = client.get("/giao-viec?ky=NAM").text
    assert re.search(r'<input type="checkbox" name="prefill" value="1" checked>', page)
    # 9T itself: nothing of a period before it to fill in.
    assert 'name="prefill"' not in client.get("/giao-viec?ky=9T").text


def test_prefill_is_offered_only_with_answers_of_the_plan_in_use(tmp_path):
    """Next year's plan in the same folder: the box was shown and ticked because the
    ledger file was there, and making the files failed with the command line's "chỉ ra
    sổ cái ..." (a QA probe). Offered only when the ledger holds this plan's answers;
    asked anyway (an open tab), the failure says what to do on the page."""
    from cchc_xl.ledger import Ledger
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    Ledger(data / "cchc-ledger.sqlite").close()  # a ledger with nothing in it
    assert 'name="prefill"' not in _client(data).get("/giao-viec?ky=NAM").text
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    _put_plan(client, data={"csrf": token},
                files={"master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())})
    page = html.unescape(client.get("/giao-viec").text)
    assert "Tạo tệp giao" in page and 'name="prefill"' not in page
    code = re.search(r'action="[^"]*/giao-viec/([^"]+)"', page)[1]
    failed = _wait(client, client.post(f"/giao-viec/{code}", data={"prefill": "1"},
                                       headers={"X-CSRF-Token": token,
                                                "Accept": "application/json"}).json())
    assert failed["state"] == "failed"
    assert failed["error"] == (
        "Sổ cái chưa có số liệu các kỳ trước của kế hoạch này: không có gì để điền sẵn (bỏ "
        "chọn 'Điền sẵn số liệu các đơn vị đã báo cáo ở kỳ trước' rồi bấm tạo tệp giao lại)")


def test_making_a_periods_files_again_asks_first(tmp_path):
    """"Tạo lại tệp giao" replaced the files units may already have without a word (a
    probe): the page asks first, once the period's files exist."""
    data = _with_master(tmp_path)
    assert "data-confirm" not in _client(data).get("/giao-viec?ky=9T").text
    done = CliRunner().invoke(main, ["split", str(data / "ke-hoach.xlsx"), "--period", "9T",
                                     "--out", str(data / "giao-9T"), "--silent"])
    assert done.exit_code == 0, done.output
    page = html.unescape(_client(data).get("/giao-viec?ky=9T").text)
    asked = re.search(r'id="split-form"[^>]*data-confirm="([^"]+)"', page)
    assert asked and asked[1].startswith("Tạo lại tệp giao kỳ 9 tháng năm 2023?")


def test_a_blank_plan_uploaded_as_made_is_not_said_ready_to_assign(tmp_path):
    """A QA pass: "Tạo bảng kế hoạch trống", downloaded and uploaded back unfilled, was
    said "dùng được để giao việc"; on Giao việc the files were refused with "bảng kế
    hoạch chưa giao nhiệm vụ nào cho đơn vị cụ thể", lower case, and a hint about units
    for a plan with no task at all. The plan page now says why not and what to do, and
    Giao việc says the plan has no task, how to add them, as a sentence."""
    client, token, drawn = blank_plan_uploaded(tmp_path)
    page = html.unescape(drawn)
    assert "0 lỗi, 1 cảnh báo" in page
    assert "dùng được để giao việc" not in page
    assert ("Chưa giao việc được: bảng kế hoạch chưa có nhiệm vụ nào. Tải bảng kế hoạch về, "
            "điền các trang lĩnh vực trong Excel rồi tải lên lại") in page

    sent = client.post("/giao-viec/NAM", data={"csrf": token},
                       headers={"X-CSRF-Token": token, "Accept": "application/json"})
    failed = _wait(client, sent.json())
    assert failed["state"] == "failed"
    assert failed["error"] == (
        "Bảng kế hoạch đang dùng: bảng kế hoạch chưa có nhiệm vụ nào (điền các trang lĩnh vực, "
        "hoặc tạo bảng kế hoạch từ văn bản kế hoạch ở mục 'Nhập từ văn bản kế hoạch đã ban "
        "hành' của trang Kế hoạch)")
    assert "Nhập từ văn bản kế hoạch đã ban hành" in failed["error"]
    assert "đơn vị cụ thể" not in failed["error"] and "cchc-xl" not in failed["error"]


def test_a_plan_whose_tasks_name_no_unit_of_its_list_is_said_so_on_the_plan_page():
    """The plan page's other reason Giao việc cannot make any file: tasks there are, but
    none is given to a unit of the "Đơn vị" sheet (every unit taken off the list)."""
    from dataclasses import replace

    from cchc_xl.master import load_master
    from cchc_xl.web.pages.plan import NO_UNITS_YET, unassignable

    master = load_master(HH_MASTER)
    assert unassignable(master) == ""
    assert unassignable(replace(master, units=[])) == NO_UNITS_YET
    assert "chưa có nhiệm vụ nào được giao cho đơn vị" in NO_UNITS_YET


def test_the_split_page_asks_to_whom_units_send_their_files_back(tmp_path):
    """The guide of every file says where it goes back ("Gửi lại cho"): the Giao việc
    page offers the plan's "Nơi nhận báo cáo" (none in the seed plan: empty), the office
    types it once, and the next period's page offers what was typed last."""
    from openpyxl import load_workbook

    data = _with_master(tmp_path)
    client = _client(data)
    page = client.get("/giao-viec?ky=9T").text
    assert 'name="return_to"' in page and 'value=""' in page.split('name="return_to"')[1][:80]
    typed = "Phòng Nội vụ huyện, đồng chí Lê Thị Hoa, ĐT 0237 3865 123"
    job = _wait(client, client.post("/giao-viec/9T", data={"return_to": typed}, headers={
        "X-CSRF-Token": _token(client), "Accept": "application/json"}).json())
    assert job["result"]["message"].startswith("Đã tạo 47 tệp")
    from cchc_xl.web.workspace import Workspace

    first = sorted(Workspace(data).split_dir("9T").glob("*.xlsx"))[0]
    guide = {a: b for a, b in load_workbook(first)["Hướng dẫn"].iter_rows(
        max_col=2, values_only=True) if a}
    assert guide["Gửi lại cho"] == typed
    for code in ("9T", "NAM"):
        page = html.unescape(client.get(f"/giao-viec?ky={code}").text)
        assert f'value="{typed}"' in page, code


def test_a_return_address_cleared_on_the_split_page_stays_cleared(tmp_path):
    """The plan's "Nơi nhận báo cáo" is offered; the office empties the field and makes
    the files (their guides name no one): the page then offers the field empty, not the
    plan's again, for that period and the next."""
    from dataclasses import replace

    from cchc_xl.master import load_master, write_master
    from cchc_xl.web.workspace import Workspace

    data = _with_master(tmp_path)
    ws = Workspace(data)
    master = load_master(ws.master_path)
    said = "Phòng Nội vụ huyện"
    write_master(replace(master, plan=replace(master.plan, return_to=said)), ws.master_path)
    client = _client(data)
    assert f'value="{said}"' in html.unescape(client.get("/giao-viec?ky=9T").text)
    _wait(client, client.post("/giao-viec/9T", data={"return_to": ""}, headers={
        "X-CSRF-Token": _token(client), "Accept": "application/json"}).json())
    assert ws.split_manifest("9T")["return_to"] == ""
    for code in ("9T", "NAM"):
        page = html.unescape(client.get(f"/giao-viec?ky={code}").text)
        assert 'value=""' in page.split('name="return_to"')[1][:80], code


def _return_example(page: str) -> str:
    """The "Gửi lại cho" box's example, under the box (its placeholder until a QA pass)."""
    return html.unescape(re.search(r'<span class="hint" id="return-to-example">([^<]*)</span>',
                                   page)[1])


def test_the_return_address_example_names_the_office_of_the_plan_s_level(tmp_path):
    """The "Gửi lại cho" box's example was "Phòng Nội vụ, … noivu@thanhhoa.gov.vn" for
    every plan: a district's office, gone since July 2025, read by a commune's clerk (a
    QA pass of a commune's year in the app) and by a province's. It names the office that
    collects the reports at the plan's level; a district plan of 2023 keeps its own."""
    client, _token_, _ = blank_plan_uploaded(tmp_path)  # phường Hạc Thành, 2026
    ward = _return_example(client.get("/giao-viec?ky=Q1").text)
    assert ward.startswith("Ví dụ: Văn phòng HĐND và UBND phường, đồng chí Nguyễn Văn A")
    assert "Nội vụ" not in ward and "noivu" not in ward
    province = tmp_path / "tinh"
    province.mkdir()
    client, _token_, _ = blank_plan_put(province, "tinh", "Thanh Hóa")
    assert _return_example(client.get("/giao-viec?ky=Q1").text).startswith(
        "Ví dụ: Sở Nội vụ, đồng chí Nguyễn Văn A")
    (tmp_path / "huyen").mkdir()
    district = _client(_with_master(tmp_path / "huyen"))  # Hoằng Hóa, 2023
    assert _return_example(district.get("/giao-viec?ky=9T").text).startswith(
        "Ví dụ: Phòng Nội vụ, đồng chí Nguyễn Văn A")


def test_a_unit_with_no_task_is_named_beside_the_files_made(tmp_path):
    """A QA pass of a province (181 units, Công an tỉnh given no task): once the split's
    own message was gone (the app started again), Giao việc said "Tệp đã tạo (180 đơn
    vị)" with no word of which unit had no file. The unit is named under the files."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.model import Unit
    from cchc_xl.vocab import OTHER

    data = tmp_path / "data"
    data.mkdir()
    master = load_master(HH_MASTER)
    master.units.append(Unit(code="CA", name="Công an huyện", kind=OTHER,
                             row=len(master.units) + 2))
    write_master(master, data / "ke-hoach.xlsx")
    client = _client(data)
    _split_on_the_page(client, _token(client))
    said = "Không tạo tệp cho 1 đơn vị không được giao nhiệm vụ nào: Công an huyện."
    again = html.unescape(_client(data).get("/giao-viec?ky=9T").text)  # started again
    assert "Tệp đã tạo (47 đơn vị)" in again
    assert said in again
    # Every unit given a file: nothing said.
    (tmp_path / "all").mkdir()
    every = _client(_with_master(tmp_path / "all"))
    _split_on_the_page(every, _token(every))
    assert "Không tạo tệp cho" not in html.unescape(every.get("/giao-viec?ky=9T").text)


def test_the_page_says_when_the_files_would_ask_for_a_day_gone_by(tmp_path, monkeypatch):
    """Quý III made on 6 December: the page said "hạn gửi báo cáo 20/09/2023" and, once the
    files were made, "gửi lại ... chậm nhất ngày 20/09/2023" with no word that the day was
    gone (the split's own warning went with its message, a QA pass). It says so now, with
    how to give the units another day, before and after the files are made."""
    from cchc_xl.web import plan_periods

    client = _client(_with_master(tmp_path))
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 9, 20))
    assert "due-passed" not in client.get("/giao-viec?ky=9T").text  # the day itself
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 12, 6))
    said = ("Hạn đơn vị gửi báo cáo kỳ 9 tháng năm 2023 là ngày 20/09/2023, đã qua: các tệp "
            "giao ghi hạn đó. Muốn cho đơn vị hạn mới, sửa cột 'Hạn nộp báo cáo' của kỳ 9T ở "
            "trang 'Kỳ báo cáo' trong bảng kế hoạch rồi tạo lại tệp (bảng kế hoạch: tải về ở "
            "trang Kế hoạch, sửa trong Excel rồi tải lên lại).")
    assert said in html.unescape(client.get("/giao-viec?ky=9T").text)
    token = _token(client, "/giao-viec?ky=9T")
    made = client.post("/giao-viec/9T", data={"csrf": token},
                       headers={"Accept": "application/json"})
    assert _wait(client, made.json())["state"] == "done"
    assert said in html.unescape(client.get("/giao-viec?ky=9T").text)


def test_giao_viec_says_how_to_add_a_period_the_plan_has_not(tmp_path):
    """A commune's clerk asked for a Quý II report found Quý I, 6 tháng, Quý III, 9 tháng
    and Năm in the "Kỳ báo cáo" box, and no word on any page of how to have another (a QA
    pass; only the command line's guide said it). Giao việc names the plan's periods and
    how to add one; a plan with a quarter II already gets another example."""
    from dataclasses import replace

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.model import Period

    data = _with_master(tmp_path)
    page = html.unescape(_client(data).get("/giao-viec?ky=9T").text)
    hint = re.sub(r"<[^>]+>", "", page[page.index('<p class="hint other-periods">'):])
    hint = hint[:hint.index("\n")]
    assert hint == ("Các kỳ báo cáo của bảng kế hoạch (chọn ở ô “Kỳ báo cáo” trên cùng): "
                    "Quý I năm 2023; 6 tháng đầu năm 2023; Quý III năm 2023; 9 tháng năm "
                    "2023; Năm 2023. Cần kỳ khác, ví dụ quý II hay 10 tháng: tải bảng kế "
                    "hoạch về ở trang Kế hoạch, thêm một dòng ở trang “Kỳ báo cáo” trong "
                    "Excel (mã kỳ, tên kỳ, từ ngày, đến ngày chốt số liệu, hạn nộp báo cáo), "
                    "rồi tải lên lại ở trang đó."), hint
    master = load_master(HH_MASTER)
    q2 = Period("Q2", "Quý II năm 2023", date(2023, 3, 15), date(2023, 6, 14),
                date(2023, 6, 20))
    write_master(replace(master, periods=[*master.periods, q2]), data / "ke-hoach.xlsx")
    page = html.unescape(_client(data).get("/giao-viec?ky=9T").text)
    assert "Quý II năm 2023. Cần kỳ khác, ví dụ 10 tháng:" in page
