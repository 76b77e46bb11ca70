"""The plan page (/ke-hoach): the plan table uploaded and checked, a blank plan table,
the plan's title and year, its appendix, and pages before any plan."""

from __future__ import annotations

import html
import io
import re
from datetime import date

import openpyxl

from cchc_xl.web import plan_periods
from support.paths import HH_MASTER
from support.web import (
    RETURNS,
    _client,
    _import_posted,
    _imported,
    _put_plan,
    _sent,
    _token,
    _upload,
    _wait,
    _with_master,
)


def test_pages_before_a_master_say_what_to_do(tmp_path):
    client = _client(tmp_path)
    for path in ("/giao-viec", "/thu-nhan", "/phan-hoi", "/bao-cao"):
        page = client.get(path)
        assert page.status_code == 200
        assert "Tải bảng kế hoạch lên ở trang" in page.text
    assert client.get("/ke-hoach/tai-ve").status_code == 404
    assert "Chưa có tệp này" in client.get("/ke-hoach/tai-ve").text


def test_a_file_not_made_yet_says_where_to_make_it(tmp_path):
    """A QA pass: the report of a period not made yet (a link kept, a bookmark) opened a
    page saying only "Chưa có tệp này."; it now says where to make it."""
    client = _client(_with_master(tmp_path))
    client.get("/bao-cao?ky=NAM")  # the period last chosen
    for path in ("/tai-ve/bao-cao/Q1", "/tai-ve/bao-cao-docx/Q1", "/tai-ve/tong-hop/Q1"):
        page = client.get(path)
        assert page.status_code == 404
        assert ("Chưa có tệp này: tệp chưa được lập (hoặc đã bị xóa khỏi thư mục làm việc). "
                "Lập tệp ở trang của bước đó (Kế hoạch, Giao việc, Phản hồi hoặc Báo cáo), "
                "đúng kỳ báo cáo, rồi tải về từ trang đó.") in html.unescape(page.text), path
        # The page is of the period its address names, not of the one chosen last (NAM).
        assert re.search(r'<option value="Q1"\s+selected>', page.text), path


def test_unreadable_master_keeps_the_current_one(tmp_path):
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    page = _put_plan(client, data={"csrf": token},
                       files={"master": ("ke-hoach.pdf", b"%PDF-1.4 not a workbook")})
    text = html.unescape(page.text)
    assert "Không dùng được tệp 'ke-hoach.pdf': đây là tệp PDF" in text
    assert "giữ nguyên" in text
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    assert not list((data / ".cchc-web" / "tai-len").iterdir())  # the upload, gone whole


def test_a_plan_upload_refused_before_any_plan_keeps_no_plan(tmp_path):
    """Before the first plan, a refused upload said "Bảng kế hoạch đang dùng được giữ
    nguyên": there was none (a QA probe)."""
    client = _client(tmp_path)
    token = _token(client)
    for name, body, said in (
            ("ke-hoach.pdf", b"%PDF-1.4 not a workbook",
             "Không dùng được tệp 'ke-hoach.pdf': đây là tệp PDF"),
            ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes(),
             "Tệp 'NV.xlsx' là tệp giao cho một đơn vị")):
        text = html.unescape(_put_plan(client, data={"csrf": token},
                                          files={"master": (name, body)}).text)
        assert said in text and "giữ nguyên" not in text
    assert not (tmp_path / "ke-hoach.xlsx").exists()


def test_the_plan_page_reads_the_master_once_and_shows_its_error(tmp_path, monkeypatch):
    from cchc_xl.master import check

    data = _with_master(tmp_path)
    wb = openpyxl.load_workbook(data / "ke-hoach.xlsx")
    wb["Thể chế"]["E6"] = "Phßng T\xad ph¸p"  # a unit's name in a legacy encoding
    wb.save(data / "ke-hoach.xlsx")
    reads: list[object] = []
    real = check.read_master
    monkeypatch.setattr(check, "read_master", lambda path: reads.append(path) or real(path))
    client = _client(data)
    text = html.unescape(client.get("/").text)
    assert ("trang 'Thể chế', ô E6: bảng kế hoạch có 2 lỗi, lỗi đầu tiên: văn bản dùng bảng"
            " mã cũ") in text
    assert "(xem đủ danh sách ở mục 'Kết quả kiểm tra' bên dưới)" in text
    assert "cchc-xl check" not in text  # a command on a web page helps nobody
    assert "Kết quả kiểm tra" in text and "unit-unresolved" in text
    assert "Chưa có bảng kế hoạch dùng được" in html.unescape(client.get("/giao-viec").text)
    assert len(reads) == 1  # findings and the master from one reading, then cached


def test_a_plan_in_use_with_errors_is_said_so_in_the_header_and_named_as_in_use(tmp_path):
    """While the plan in use had errors, the header said "Chưa có bảng kế hoạch" above a
    card "Bảng kế hoạch đang dùng" listing them, and named it "tệp ke-hoach.xlsx" (the
    stored copy's name, not the one uploaded, which the app does not keep: a QA pass)."""
    data = _with_master(tmp_path)
    wb = openpyxl.load_workbook(data / "ke-hoach.xlsx")
    wb["Thể chế"]["E6"] = "Phßng T\xad ph¸p"  # a unit's name in a legacy encoding
    wb.save(data / "ke-hoach.xlsx")
    client = _client(data)
    for path in ("/", "/giao-viec", "/thu-nhan"):
        text = html.unescape(client.get(path).text)
        assert '<span class="plan">Bảng kế hoạch còn lỗi</span>' in text, path
        assert "Chưa có bảng kế hoạch<" not in text, path
    text = html.unescape(client.get("/").text)
    assert "<h2>Bảng kế hoạch đang dùng</h2>" in text
    assert ("bảng kế hoạch đang dùng, trang 'Thể chế', ô E6: bảng kế hoạch có 2 lỗi") in text
    assert "tệp ke-hoach.xlsx" not in text
    # With none at all, it still says so.
    (data / "ke-hoach.xlsx").unlink()
    text = html.unescape(client.get("/").text)
    assert '<span class="plan">Chưa có bảng kế hoạch</span>' in text


def test_a_period_code_with_a_space_leaves_the_plan_page_working(tmp_path):
    """Every page answered a bare 400 (the code names folders), so the office could not
    reach the form to upload a corrected plan."""
    data = _with_master(tmp_path)
    wb = openpyxl.load_workbook(data / "ke-hoach.xlsx")
    wb["Kỳ báo cáo"]["A3"] = "6 tháng"
    wb.save(data / "ke-hoach.xlsx")
    client = _client(data)
    page = client.get("/")
    text = html.unescape(page.text)
    assert page.status_code == 200 and 'name="master"' in text
    assert "mã kỳ '6 tháng' có ký tự không dùng được" in text and "period-code-invalid" in text
    for path in ("/giao-viec", "/thu-nhan", "/bao-cao"):
        assert client.get(path).status_code == 200, path


def test_a_plan_import_error_names_the_file_as_the_office_chose_it(tmp_path):
    """It named the upload's place on the server: "tệp /tmp/…/.cchc-web/tai-len/5f4567/
    báo cáo giả.xlsx: tệp PDF bị hỏng…"."""
    data = _with_master(tmp_path)
    client = _client(data)
    job = client.post("/ke-hoach/nhap", files={"document": ("báo cáo giả.xlsx", b"%PDF-1.4")},
                      headers={"X-CSRF-Token": _token(client),
                               "Accept": "application/json"}).json()
    failed = _wait(client, job)
    assert failed["state"] == "failed"
    assert failed["error"].startswith("Không nhập được tệp 'báo cáo giả.xlsx': tệp PDF bị hỏng, "
                                      "không đọc được nội dung (xin cơ quan ban hành bản Word")
    assert failed["error"].endswith(". Bảng kế hoạch đang dùng được giữ nguyên.")
    assert "tai-len" not in failed["error"] and str(tmp_path) not in failed["error"]
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()


def test_a_blank_plan_table_from_the_browser(tmp_path):
    """An empty data folder offered only an import or an upload, and messages pointed to
    'cchc-xl init'."""
    client = _client(tmp_path / "empty")
    page = html.unescape(client.get("/").text)
    assert "Tạo bảng kế hoạch trống</button>" in page
    assert '<option value="xa">' in page and '<option value="tinh">' in page
    token = _token(client)
    answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "xa", "year": "2026"})
    assert answer.status_code == 200
    assert 'filename="ke-hoach-trong-xa-2026.xlsx"' in answer.headers["content-disposition"] \
        or "ke-hoach-trong-xa-2026.xlsx" in answer.headers["content-disposition"]
    path = tmp_path / "trong.xlsx"
    path.write_bytes(answer.content)
    wb = openpyxl.load_workbook(path)
    assert {"Kế hoạch", "Đơn vị", "Kỳ báo cáo"} <= set(wb.sheetnames)
    from cchc_xl.master.read import read_master

    master, _ = read_master(path)
    assert master.plan.year == 2026 and len(master.units) > 5 and not master.tasks()
    assert not list((tmp_path / "empty" / ".cchc-web" / "trong").rglob("*.xlsx"))  # cleaned
    refused = client.post("/ke-hoach/trong", data={"csrf": token, "level": "huyen-x"})
    assert refused.status_code == 400 and "chọn cấp của kế hoạch" in html.unescape(refused.text)
    # A plan table without its "Kế hoạch" sheet: the page's button, not 'cchc-xl init'.
    del wb["Kế hoạch"]
    wb.save(path)
    page = html.unescape(_put_plan(client, data={"csrf": token},
                                     files={"master": ("thiếu.xlsx", path.read_bytes())}).text)
    assert "Không dùng được tệp 'thiếu.xlsx': thiếu trang 'Kế hoạch'" in page
    assert "'cchc-xl" not in page
    assert "bấm 'Tạo bảng kế hoạch trống' ở trang Kế hoạch để xem mẫu" in page


def test_the_blank_plan_s_year_is_this_year_until_june_then_the_next(tmp_path, monkeypatch):
    """A plan is issued in December or January: in March the office writes this year's
    plan late, not next year's (the form said 2027 all through 2026, a QA pass)."""
    client = _client(tmp_path)
    token = _token(client)
    for day, year in ((date(2026, 1, 5), 2026), (date(2026, 6, 30), 2026),
                      (date(2026, 7, 1), 2027), (date(2026, 12, 5), 2027)):
        monkeypatch.setattr(plan_periods, "today", lambda day=day: day)
        page = client.get("/").text
        assert f'name="year" value="{year}"' in page, day
        # The year left empty: the same year.
        answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "xa"})
        assert f"ke-hoach-trong-xa-{year}.xlsx" in answer.headers["content-disposition"], day


def test_a_blank_plan_year_out_of_range_is_said_on_the_form(tmp_path, monkeypatch):
    """Year 1999 was refused as "năm kế hoạch '1999' không đúng (ghi bốn chữ số…)" on a
    page of its own, though it has four digits (a QA probe): the range is said, beside
    the form, which keeps what was typed."""
    monkeypatch.setattr(plan_periods, "today", lambda: date(2026, 3, 1))
    client = _client(tmp_path)
    token = _token(client)
    answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "tinh",
                                                  "year": "1999"})
    assert answer.status_code == 200 and answer.url.path == "/"
    page = html.unescape(answer.text)
    section = page[page.index('id="bang-trong"'):]
    section = section[:section.index("</section>")]
    assert ("Năm kế hoạch '1999' không dùng được: ghi năm từ 2000 đến 2100 (bốn chữ số), ví "
            "dụ 2026.") in section
    assert 'name="year" value="1999"' in section and '<option value="tinh" selected>' in section
    # Shown once: the page opened again has the form as new.
    again = html.unescape(client.get("/").text)
    assert "1999" not in again


def test_a_blank_plan_table_for_a_place_names_it(tmp_path):
    """The blank plan form made a ward's plan with "Công an xã" and no authority, and a
    province's without its communes (the command line had --province): the place typed
    is looked up in the official list; a name it does not settle is said on the form."""
    from cchc_xl.master.read import read_master

    client = _client(tmp_path / "empty")
    token = _token(client)
    page = html.unescape(client.get("/").text)
    assert '<label for="blank-place">Địa phương</label>' in page

    def made(level: str, place: str, named: str):
        answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": level,
                                                      "year": "2026", "place": place})
        assert answer.status_code == 200
        # Named for the place as the official list gives it (a QA pass: a name typed
        # loosely was taken without a word of which place it was).
        assert named in answer.headers["content-disposition"]
        path = tmp_path / f"{level}.xlsx"
        path.write_bytes(answer.content)
        return read_master(path)[0]

    ward = made("xa", "  phường   Tân Tiến , Bắc Ninh ", "ke-hoach-trong-phuong-tan-tien-2026")
    assert ward.plan.authority == "Ủy ban nhân dân phường Tân Tiến"
    assert "Công an phường" in {u.name for u in ward.units}
    province = made("tinh", "Thanh Hóa", "ke-hoach-trong-thanh-hoa-2026")
    assert province.plan.authority == "Ủy ban nhân dân tỉnh Thanh Hóa"
    assert len([u for u in province.units if u.kind == "commune"]) == 166
    # Several provinces have a Tân Tiến: back on the form, what was typed kept.
    answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "xa",
                                                  "year": "2026", "place": "Tân Tiến"})
    assert answer.status_code == 200 and answer.url.path == "/"
    section = html.unescape(answer.text)
    section = section[section.index('id="bang-trong"'):]
    section = section[:section.index("</section>")]
    assert ("Có 8 xã, phường tên 'Tân Tiến': Xã Tân Tiến (Tuyên Quang)") in section
    assert ("ghi thêm tên tỉnh, thành phố sau dấu phẩy ở ô 'Địa phương', ví dụ \"Xã Tân "
            "Tiến, Tuyên Quang\".") in section
    # No option of the command line in what is said (the section's form has a CSRF token,
    # random, which may hold "--").
    (said,) = re.findall(r'id="blank-error"[^>]*>(.*?)</p>', section, re.S)
    assert "--" not in said and 'name="place" value="Tân Tiến"' in section
    assert '<option value="xa" selected>' in section
    # The field the message is about is marked, not the year's.
    assert re.search(r'id="blank-place"[^>]*aria-invalid="true"', section)
    assert not re.search(r'id="blank-year"[^>]*aria-invalid', section)
    # A province's name for a commune's plan: which choice to make, in the page's words.
    answer = client.post("/ke-hoach/trong", data={"csrf": token, "level": "xa",
                                                  "year": "2026", "place": "Thanh Hóa"})
    said = html.unescape(answer.text)
    assert ("'Thanh Hóa' là tên tỉnh: kế hoạch của tỉnh Thanh Hóa thì chọn cấp tỉnh (ở ô "
            "'Cấp', tên tỉnh ở ô 'Địa phương').") in said


def test_the_plan_s_year_is_said_once(tmp_path):
    """"Kế hoạch cải cách hành chính năm 2026 — Ủy ban nhân dân phường Hạc Thành, năm
    2026." (a QA pass): the year only where the title does not say it."""
    client = _client(_with_master(tmp_path))
    page = html.unescape(client.get("/").text)
    assert ("<p><strong>Kế hoạch cải cách hành chính năm 2023</strong> — Ủy ban nhân dân "
            "huyện Hoằng Hóa.</p>") in page


def test_the_plans_title_reads_as_running_text(tmp_path):
    """A plan imported from a heading in capitals showed "KẾ HOẠCH Cải cách hành chính..."
    in the bar of every page."""
    from dataclasses import replace

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    master = load_master(HH_MASTER)
    master.plan = replace(master.plan, title="KẾ HOẠCH Cải cách hành chính năm 2023",
                          authority="ỦY BAN NHÂN DÂN HUYỆN HOẰNG HÓA")
    data = tmp_path / "data"
    data.mkdir()
    write_master(master, data / "ke-hoach.xlsx")
    page = html.unescape(_client(data).get("/").text)
    assert "Kế hoạch cải cách hành chính năm 2023" in page and "KẾ HOẠCH Cải" not in page
    assert "Ủy ban nhân dân huyện Hoằng Hóa" in page


def test_a_units_file_or_the_consolidated_workbook_given_as_the_plan_is_sent_where_it_goes(
        tmp_path):
    """Either was told "thiếu trang 'Kế hoạch': bấm 'Tạo bảng kế hoạch trống'…"."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    before = (data / "ke-hoach.xlsx").read_bytes()
    page = html.unescape(_put_plan(client,
         data={"csrf": token},
        files={"master": ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())}).text)
    assert ("Tệp 'NV.xlsx' là tệp giao cho một đơn vị (hoặc đơn vị gửi về), không phải bảng "
            "kế hoạch: tệp đơn vị gửi về thì tải lên ở trang Thu nhận. Bảng kế hoạch đang dùng "
            "được giữ nguyên.") in page
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    page = html.unescape(_put_plan(client,
         data={"csrf": token},
        files={"master": ("th.xlsx", (data / "tong-hop-9T.xlsx").read_bytes())}).text)
    assert "Tệp 'th.xlsx' là bảng tổng hợp, không phải bảng kế hoạch" in page
    assert (data / "ke-hoach.xlsx").read_bytes() == before and not (data / "ke-hoach-cu").exists()


def test_an_upload_before_any_plan_says_to_upload_the_plan_first(tmp_path):
    """It answered "Không có kỳ báo cáo '9T' trong bảng kế hoạch" (from a tab opened
    before the data folder was emptied, or a bookmark)."""
    client = _client(tmp_path / "trong")
    token = _token(client)
    answer = _upload(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())])
    assert answer.status_code == 409
    assert "Chưa có bảng kế hoạch. Tải bảng kế hoạch lên ở trang Kế hoạch trước." in \
        html.unescape(answer.text)


def test_the_plan_s_appendix_can_be_downloaded(tmp_path):
    """'cchc-xl appendix' had no place in the app: a commune's office printing its plan's
    task tables had to go back to the terminal (a probe)."""
    data = _with_master(tmp_path)
    client = _client(data)
    page = client.get("/").text
    assert "Phụ lục nhiệm vụ của kế hoạch (Excel, để in)" in page
    got = client.get("/ke-hoach/phu-luc")
    assert got.status_code == 200
    assert "phu-luc-" in got.headers["content-disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(got.content))
    cells = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
    from cchc_xl.master import load_master

    master = load_master(data / "ke-hoach.xlsx")
    assert {t.content for t in master.tasks()} <= cells
    # Nothing of it is left behind on the server.
    assert not [p for p in (data / ".cchc-web" / "trong").rglob("*.xlsx")]


def test_the_box_of_a_province_s_communes_is_offered_on_a_commune_s_plan_for_a_province_s(
        tmp_path):
    """The import form left "Thêm các xã, phường của tỉnh" off the page of a ward's plan
    (an import with a province is refused for a commune's plan): an office with a
    commune's plan in use that had a province's plan to import could not say which
    province. The box is there, said to be for a province's plan, whose units it takes
    instead of the plan in use's; with no plan yet, said so too (a commune's office typed
its province: tests/test_web_import.py); on a province's page, as before."""
    from cchc_xl.master.write import init_master

    box = "Thêm các xã, phường của tỉnh (danh mục sau 01/7/2025), nếu "
    for name, level, place, said in (
            ("phuong", "xa", {"commune": "phường Hạc Thành"}, "văn bản là kế hoạch của tỉnh:"),
            ("tinh", "tinh", {"province": "Thanh Hóa"}, "cần:"),
            ("chua-co", "", {}, "văn bản là kế hoạch của tỉnh:")):
        data = tmp_path / name
        data.mkdir()
        if level:
            init_master(data / "ke-hoach.xlsx", 2026, level, **place)
        page = html.unescape(_client(data).get("/").text)
        assert "Nhập từ văn bản kế hoạch đã ban hành" in page
        assert 'name="province"' in page, name
        assert box + said in page, name
        assert ("danh sách đơn vị lấy theo tỉnh (các sở, ban, ngành và các xã, phường), "
                "không lấy từ bảng kế hoạch đang dùng" in page) == (level == "xa"), name


def test_last_year_s_plan_says_the_new_year_s_plan_goes_in_a_folder_of_its_own(
        tmp_path, monkeypatch):
    """In January the office opening last year's folder was told nothing of the new year
    (a QA pass at the year's turn): the plan page says the year is over, that this folder
    still takes late returns and remakes the report, and how to start the new year's
    plan in a folder of its own, with this year's units (a new folder's import without a
    plan in use took the level's template units: the office's own list, its spellings and
    e-mails, left behind). Not said while the plan's year runs."""
    client = _client(_with_master(tmp_path))  # the Hoằng Hóa plan of 2023
    said = ("Năm kế hoạch 2023 đã qua. Thư mục làm việc này vẫn nhận tệp các đơn vị gửi muộn "
            "và lập lại báo cáo của năm 2023; giữ nguyên thư mục để tra cứu. Kế hoạch năm "
            "2024: mỗi năm một thư mục làm việc — mở ứng dụng với thư mục mới (ví dụ "
            "<code>cchc-xl serve --data cchc-2024/</code>), ở trang này của thư mục đó tải lên "
            "bảng kế hoạch năm 2023 (nút “Tải bảng kế hoạch về” bên dưới) rồi nhập văn bản kế "
            "hoạch năm 2024, chọn “Lấy danh sách đơn vị, nhóm, tên gọi khác từ bảng kế hoạch "
            "đang dùng”, để giữ danh sách đơn vị.")
    monkeypatch.setattr(plan_periods, "today", lambda: date(2024, 1, 8))
    assert said in html.unescape(client.get("/").text)
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 12, 28))
    page = html.unescape(client.get("/").text)
    assert "Năm kế hoạch 2023 đã qua" not in page and "year-over" not in page


def test_the_plan_page_lists_its_units_and_names_those_given_no_task(tmp_path):
    """A commune's plan imported said "6 đơn vị" where the plan names 5: the sixth, the
    template's Ban Chỉ huy quân sự xã, is given no task, and the page named none of them
    (a QA pass: the list was only in the workbook, or on Giao việc after the split).
    The page lists every unit with its rows led and supported, and says who has none."""
    from dataclasses import replace

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.model import Unit

    data = tmp_path / "data"
    data.mkdir()
    master = load_master(HH_MASTER)
    idle = Unit("QS", "Ban Chỉ huy quân sự huyện")
    write_master(replace(master, units=[*master.units, idle]), data / "ke-hoach.xlsx")
    page = html.unescape(_client(data).get("/").text)
    units = page[page.index('<details class="units">'):]
    units = units[:units.index("</details>")]
    shown = len(master.units) + 1
    assert f"Xem {shown} đơn vị ({shown - 1} đơn vị được giao nhiệm vụ)" in units
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", units))
    assert "QS Ban Chỉ huy quân sự huyện 0 0" in text, text
    assert "Không được giao nhiệm vụ nào (không có tệp giao): Ban Chỉ huy quân sự huyện." \
        in text
    # Each unit's rows, as its file on Giao việc counts them (47 units given tasks).
    assert shown == 48 and "NV Phòng Nội vụ 21 7 TP Phòng Tư pháp 13 15" in text, text


def _task_rows(page: str) -> tuple[str, list[list[str]]]:
    """The plan page's "Xem N nhiệm vụ": its summary, and each row of its table as the
    text of its cells (an area's heading row one cell)."""
    start = page.index('<details class="tasks">')
    section = page[start:page.index("</details>", start)]
    summary = re.search(r"<summary>(.*?)</summary>", section)[1]
    rows = [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
             for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section[section.index("<tbody>"):],
                                  re.S)]
    return html.unescape(summary), [[html.unescape(c) for c in row] for row in rows]


def test_the_plan_page_lists_the_tasks_imported_to_check_them_against_the_document(tmp_path):
    """After importing its Word plan the office had only counts to check the import by
    before splitting ("34 nhiệm vụ"): which tasks were read, under which area, who leads
    and coordinates, and how each deadline was read were in the Excel plan table alone.
    The page lists them by area, each task numbered as the plan prints it; a group as
    the plan writes it, with how many units it stands for."""
    from plan_documents import write_plan_document

    client = _client(tmp_path)
    document = write_plan_document(HH_MASTER, tmp_path / "Kế hoạch 2023.docx")
    assert _import_posted(client, _token(client), document)["state"] == "done"
    summary, rows = _task_rows(client.get("/").text)
    assert summary == "Xem 34 nhiệm vụ"
    assert rows[0][0].startswith("Cải cách thể chế (3 nhiệm vụ)")
    (second,) = [r for r in rows
                 if len(r) > 1 and r[1].startswith("Triển khai thực hiện Đề án nâng cao")]
    assert second == [
        "2", "Triển khai thực hiện Đề án nâng cao hiệu quả công tác phổ biến, giáo dục pháp "
        "luật trên địa bàn huyện, giai đoạn 2022 - 2026.", "- Báo cáo kết quả thực hiện.",
        "Phòng Tư pháp", "Các phòng, ban, ngành cấp huyện (10 đơn vị); UBND các xã, thị trấn "
        "(chưa có đơn vị nào) — giao phối hợp cho 9 đơn vị", "Quý IV/2023", "31/12/2023"]
    assert not any("Chưa đọc được thời hạn" in cell for row in rows for cell in row)


def test_a_deadline_not_read_is_flagged_on_its_task_as_the_check_says(tmp_path):
    """A deadline the import could not read ("Sớm nhất có thể") was said among the
    check's warnings by the plan table's cell only: on the list of tasks its row says
    so, and the rows flagged are those the check reports."""
    from dataclasses import replace

    from cchc_xl.deadlines import parse_deadline
    from cchc_xl.master import check_master, load_master
    from plan_documents import write_plan_document

    master = load_master(HH_MASTER)
    third = master.areas[0].tasks[2].deliverables[0]
    master.areas[0].tasks[2].deliverables[0] = replace(
        third, deadline=parse_deadline("Sớm nhất có thể", 2023))
    data = _with_master(tmp_path)
    client = _client(data)
    document = write_plan_document(master, tmp_path / "Kế hoạch 2023 (sửa).docx")
    _imported(client, _token(client), document)
    summary, rows = _task_rows(client.get("/").text)
    assert summary == "Xem 34 nhiệm vụ (1 sản phẩm chưa đọc được thời hạn)"
    flagged = [r for r in rows if len(r) > 1 and "Chưa đọc được thời hạn" in r[-1]]
    assert [(r[0], r[-2], r[-1]) for r in flagged] == [
        ("3", "Sớm nhất có thể", "Chưa đọc được thời hạn")]
    # The plan in use's units: a group with its members counted.
    assert flagged[0][4] == ("Các phòng, ban, ngành cấp huyện (8 đơn vị); UBND cấp xã "
                             "(37 đơn vị) — giao phối hợp cho 44 đơn vị")
    unread = [f for f in check_master(data / "ke-hoach.xlsx") if f.code == "deadline-unparsed"]
    assert [f.task for f in unread] == [third.id]


def test_the_tasks_are_listed_once_per_version_of_the_plan(tmp_path, monkeypatch):
    """A national plan's hundreds of tasks are not listed again at each visit: once per
    version of the plan table, again once it changes."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from cchc_xl.web import plan_tasks

    data = tmp_path / "data"
    data.mkdir()
    master = load_master(HH_MASTER)
    task = master.areas[0].tasks[0]
    task.content = f"Nhiệm vụ thử {tmp_path.name}"  # a plan table of this test's own
    write_master(master, data / "ke-hoach.xlsx")
    built = []
    real = plan_tasks.build
    monkeypatch.setattr(plan_tasks, "build", lambda *a: built.append(a) or real(*a))
    client = _client(data)
    for _ in range(2):
        assert f"Nhiệm vụ thử {tmp_path.name}" in _task_rows(client.get("/").text)[1][1][1]
    assert len(built) == 1
    task.content = f"Nhiệm vụ đã sửa {tmp_path.name}"
    write_master(master, data / "ke-hoach.xlsx")
    assert f"Nhiệm vụ đã sửa {tmp_path.name}" in _task_rows(client.get("/").text)[1][1][1]
    assert len(built) == 2


def test_the_blank_plan_form_offers_the_level_and_province_of_the_plan_in_use(tmp_path):
    """A province's plan in use: the blank plan form offered "Cấp xã" and no place, the
    Sở Nội vụ to choose "Cấp tỉnh" and type its province again for next year's table (a
    QA pass on a Thanh Hóa plan). A district's plan (2023) suggests nothing."""
    from docx import Document
    from test_import_tables import add_table

    from cchc_xl.plan_import import import_plan

    doc = Document()
    for line in ("UBND TỈNH THANH HÓA", "Số: 12/KH-UBND", "KẾ HOẠCH",
                 "Cải cách hành chính tỉnh Thanh Hóa năm 2026"):
        doc.add_paragraph(line)
    add_table(doc, [["STT", "Nội dung", "Cơ quan chủ trì", "Sản phẩm", "Thời gian hoàn thành"],
                    ["1", "Rà soát văn bản", "Sở Tư pháp", "Báo cáo", "Quý I/2026"]])
    doc.save(tmp_path / "kh.docx")
    data = tmp_path / "data"
    data.mkdir()
    import_plan(tmp_path / "kh.docx", data / "ke-hoach.xlsx", province="Thanh Hóa")

    def blank_form(folder) -> str:
        page = html.unescape(_client(folder).get("/").text)
        section = page[page.index('id="bang-trong"'):]
        return section[:section.index("</section>")]

    form = blank_form(data)
    assert '<option value="tinh" selected>Cấp tỉnh (Ủy ban nhân dân tỉnh)</option>' in form
    assert 'name="place" value="Thanh Hóa"' in form
    (tmp_path / "district").mkdir()
    form = blank_form(_with_master(tmp_path / "district"))
    assert " selected>" not in form and 'name="place" value=""' in form


def test_a_pdf_plan_no_check_foresees_fails_within_the_time_budget(tmp_path, monkeypatch):
    """The web app imports in a thread of its server (its workers come from a fork
    server, not forked from the threaded process): a plan's PDF that pdfminer reads for
    ever (its catalog in an object referring round a ring) fails within the time budget,
    said in one line asking for the Word file, the plan in use kept. The import's job
    hung for ever."""
    import time

    from cchc_xl.plan_import.pdf_source import SECONDS_VARIABLE
    from support import hostile_pdfs as hp

    monkeypatch.setenv(SECONDS_VARIABLE, "2")
    document = tmp_path / "Kế hoạch 2026.pdf"
    hp.packed_root_ring(document)
    client = _client(_with_master(tmp_path))
    start = time.monotonic()
    failed = _import_posted(client, _token(client), document)
    assert failed["state"] == "failed", failed
    assert html.unescape(failed["error"]) == (
        "Không nhập được tệp 'Kế hoạch 2026.pdf': không đọc xong tệp PDF trong giới hạn 2 "
        "giây: tệp bị hỏng hoặc có cấu trúc bất thường (xin cơ quan ban hành bản Word (.docx) "
        "của văn bản, hoặc bản PDF xuất từ Word (Lưu thành PDF), rồi nhập lại). Bảng kế hoạch "
        "đang dùng được giữ nguyên.")
    assert time.monotonic() - start < 20
