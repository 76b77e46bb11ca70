"""The year's turn in one data folder, as an office lives it: next year's plan put in
place of this year's in December, this year's put back in January for the reports sent
late and the year's report, then next year's again."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path

from test_year_turn import _quarter_merged, copied_for_next_year

from cchc_xl.master import load_master
from cchc_xl.split import split_master
from make_sample_returns import fill_return
from support.clock import set_clock
from support.plans import typed_plan
from support.web import _client, _job, _put_plan, _sent, _token, _wait, notices

WARD = ["--commune", "phường Hạc Thành"]
OFFICE = ["Văn phòng HĐND và UBND phường"]


def _chosen(page: str) -> str:
    """The period the page's "Kỳ báo cáo" box shows chosen."""
    return re.search(r'<option value="([^"]+)"\s+selected>', page)[1]


def _plans(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A ward's data folder with its 2026 plan in use and its 2027 plan table beside the
    folder: the folder, the 2026 plan, the 2027 table."""
    data = tmp_path / "data"
    data.mkdir()
    this_year = typed_plan(data / "ke-hoach.xlsx", [*WARD, "--year", "2026"], OFFICE)
    next_year = typed_plan(tmp_path / "ke-hoach-2027.xlsx", [*WARD, "--year", "2027"], OFFICE)
    return data, this_year, next_year


def _both_years(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """A ward's data folder with its 2026 plan in use, its 2027 plan table beside it, and
    the office's year report of 2026 filled in (90% of TC-01): the folder, the 2027 table,
    the office's file as given and as filled."""
    data, this_year, next_year = _plans(tmp_path)
    (given,) = split_master(load_master(this_year), "NAM", tmp_path / "giao-NAM").files
    return data, next_year, given.path, fill_return(
        given.path, tmp_path / "VP.xlsx",
        {"TC-01": {"Trạng thái": "Đang thực hiện", "Tỷ lệ hoàn thành (%)": 90}})


def test_another_year_s_plan_put_in_place_opens_on_its_own_period(tmp_path, monkeypatch):
    """The plan page's forms carry the period of the page they were sent from (?ky=NAM).
    The 2027 plan put in place from the page of Năm 2026 opened on Năm 2027, which every
    page then kept: Giao việc offered, in December, to make the units' files of the year
    2027 instead of quý I. And 2026's plan put back in January from a page of quý I/2027
    opened on quý I/2026, where the units' late reports of the year were refused as
    another period's. Another plan opens on its own period reported now."""
    data, _, next_year = _plans(tmp_path)
    (data / "giao-NAM").mkdir()  # the year's files were issued
    set_clock(monkeypatch, date(2026, 12, 22))
    client = _client(data)
    token = _token(client, "/?ky=NAM")
    sent = client.post("/ke-hoach?ky=NAM", data={"csrf": token}, follow_redirects=False,
                       files={"master": (next_year.name, next_year.read_bytes())})
    held = re.search(r"thay=([0-9a-f]+)", sent.headers["location"])[1]
    page = client.post("/ke-hoach/thay?ky=NAM", data={"csrf": token, "token": held,
                                                      "answer": "thay"}).text
    assert "Kế hoạch cải cách hành chính năm 2027" in page
    assert _chosen(page) == "Q1"
    assert _chosen(client.get("/giao-viec").text) == "Q1"  # and every page after it
    assert "Tạo tệp giao kỳ quý I năm 2027" in client.get("/giao-viec").text

    set_clock(monkeypatch, date(2027, 1, 8))
    client.get("/thu-nhan?ky=Q1")  # quý I/2027 chosen, the page the office is on
    plan_page = client.get("/?ky=Q1").text
    name = re.search(r'name="name" value="([^"]+)"', plan_page)[1]
    page = client.post("/ke-hoach/dung-lai?ky=Q1", data={"csrf": token, "name": name}).text
    assert "Kế hoạch cải cách hành chính năm 2026" in page
    # The year's report, late reports merged, is the work of January.
    assert _chosen(page) == "NAM"
    assert _chosen(client.get("/thu-nhan").text) == "NAM"


def test_a_late_report_of_last_year_says_where_it_is_merged_here(tmp_path, monkeypatch):
    """A unit's 2026 year report arriving in January, dropped on Thu nhận with the 2027
    plan in use: it was refused, rightly, but sent the office to "bảng kế hoạch và sổ
    cái của năm 2026 (thư mục làm việc của năm 2026)", a folder it never had: its 2026
    plan was set aside in this folder when 2027's was put in place. The page says to
    put that plan back (“Dùng lại”), or else to open the 2026 folder."""
    data, next_year, _, late = _both_years(tmp_path)
    set_clock(monkeypatch, date(2027, 1, 8))
    client = _client(data)
    token = _token(client)
    _put_plan(client, data={"csrf": token},
              files={"master": (next_year.name, next_year.read_bytes())})
    assert _sent(client, token, [(late.name, late.read_bytes())], "Q1")["state"] == "done"
    page = html.unescape(client.get("/thu-nhan?ky=Q1").text)
    assert ("không phải kế hoạch năm 2027 đang gộp: nếu là báo cáo năm 2026 gửi muộn, tải "
            "tệp lên ở trang Thu nhận khi bảng kế hoạch năm 2026 là bảng đang dùng: bảng đó "
            "có ở mục 'Bảng kế hoạch dùng trước đây' của trang Kế hoạch thì bấm 'Dùng lại' "
            "bảng đó, không thì mở ứng dụng với thư mục làm việc của năm 2026; nếu đơn vị gửi "
            "nhầm tệp năm trước") in page, page
    assert "sổ cái của năm 2026" not in page


def test_next_year_s_plan_asked_in_december_says_one_folder_a_year(tmp_path, monkeypatch):
    """The 2027 plan is issued in December, and the office imports it where it works:
    the question said only "Đây là một kế hoạch khác", and the guide's "mỗi năm một thư
    mục làm việc" was said on the plan page from January on, after the choice was made.
    The question says it, and what putting it in place here means for the late reports
    and the year's report of 2026."""
    data, _, next_year = _plans(tmp_path)
    set_clock(monkeypatch, date(2026, 12, 22))
    client = _client(data)
    token = _token(client)

    def asked() -> str:
        return re.sub(r"</?code>", "", html.unescape(client.post(
            "/ke-hoach", data={"csrf": token},
            files={"master": (next_year.name, next_year.read_bytes())}).text))

    # 2026's table put in a new folder only to carry its units: nothing to say.
    assert "mỗi năm một thư mục làm việc" not in asked()
    (data / "giao-Q1").mkdir()  # the year's work is here
    assert ("Bảng này là kế hoạch năm 2027, bảng đang dùng là của năm 2026: mỗi năm một thư "
            "mục làm việc. Nên bấm “Không thay, giữ bảng đang dùng”, giữ thư mục này cho năm "
            "2026 (tệp các đơn vị gửi muộn, báo cáo năm), rồi mở ứng dụng với thư mục mới (ví "
            "dụ cchc-xl serve --data cchc-2027/): tải lên ở đó bảng kế hoạch năm 2026 (nút "
            "“Tải bảng kế hoạch về” bên dưới) rồi nhập văn bản năm 2027, chọn “Lấy danh sách "
            "đơn vị, nhóm, tên gọi khác từ bảng kế hoạch đang dùng”, để giữ danh sách đơn vị. "
            "Thay ở đây thì tệp gửi muộn của năm 2026 chỉ gộp được, báo cáo năm 2026 chỉ lập "
            "được sau khi bấm “Dùng lại” bảng năm 2026.") in asked()


def test_next_year_s_table_under_this_year_s_code_is_not_put_in_place(tmp_path, monkeypatch):
    """The 2027 table copied from 2026's, its code kept, uploaded in the 2026 folder: it
    was taken for a version of the plan in use and put in place, then the recount of the
    periods still reported (their files now 2027's) failed on a page of its own, the
    2027 table left in use under the 2026 code. It is refused as a table with an error,
    said in the page's words, and the plan in use stays."""
    data = tmp_path / "data"
    data.mkdir()
    this_year = typed_plan(data / "ke-hoach.xlsx", [*WARD, "--year", "2026"], OFFICE)
    set_clock(monkeypatch, date(2026, 3, 20))
    assert _quarter_merged(data, this_year, "tong-hop-Q1.xlsx",
                           "2026-03-18T08:00").exit_code == 0
    next_year = copied_for_next_year(this_year, tmp_path / "ke-hoach-2027.xlsx")
    set_clock(monkeypatch, date(2026, 12, 22))
    client = _client(data)
    token = _token(client)
    page = html.unescape(_put_plan(client, data={"csrf": token}, files={
        "master": (next_year.name, next_year.read_bytes())}).text)
    assert ("Chưa dùng 'ke-hoach-2027.xlsx': bảng kế hoạch này còn 1 lỗi, nên bảng kế hoạch "
            "đang dùng được giữ nguyên (các trang Giao việc, Thu nhận, Báo cáo vẫn dùng bảng "
            "đó). Sửa các lỗi rồi tải lên lại: trang 'Kế hoạch', mã kế hoạch 'hac-thanh-2026' "
            "là mã của kế hoạch năm 2026 trong số liệu đã gộp ở thư mục làm việc này, còn bảng "
            "này là của năm 2027 (bảng chép từ bảng năm trước?): dùng bảng này thì số liệu hai "
            "năm lẫn vào nhau ở các kỳ cùng mã (Q1, 6T, NAM...). Sửa ô 'Mã kế hoạch' thành mã "
            "mới, ví dụ 'hac-thanh-2027'; mỗi năm nên làm ở một thư mục làm việc riêng.") in page
    assert "Kế hoạch cải cách hành chính năm 2026</strong>" in page
    assert not (data / "ke-hoach-cu").exists()


def test_the_plan_page_says_a_code_of_last_year_on_next_year_s_table(tmp_path, monkeypatch):
    """The 2027 table copied from 2026's, put in a new folder for 2027: the plan page's
    check said nothing of its code 'hac-thanh-2026', carried into every file issued. It
    warns, names the code to write, and the table is in use (a folder of its own)."""
    this_year = typed_plan(tmp_path / "ke-hoach.xlsx", [*WARD, "--year", "2026"], OFFICE)
    next_year = copied_for_next_year(this_year, tmp_path / "ke-hoach-2027.xlsx")
    data = tmp_path / "cchc-2027"
    data.mkdir()
    set_clock(monkeypatch, date(2026, 12, 22))
    client = _client(data)
    token = _token(client)
    _put_plan(client, data={"csrf": token},
              files={"master": (next_year.name, next_year.read_bytes())})
    page = html.unescape(client.get("/").text)
    assert "Kế hoạch cải cách hành chính năm 2027</strong>" in page
    assert ("mã kế hoạch 'hac-thanh-2026' mang năm 2026, còn kế hoạch là của năm 2027 (bảng "
            "chép từ bảng năm trước?)") in page, page
    assert "Nên sửa ô 'Mã kế hoạch' thành 'hac-thanh-2027' trước khi tạo tệp giao" in page


def _put_back(client, token: str, period: str) -> str:
    """The plan kept in the folder put back ("Dùng lại") from the plan page of
    ``period``: the page it comes back to."""
    name = re.search(r'name="name" value="([^"]+)"', client.get(f"/?ky={period}").text)[1]
    return client.post(f"/ke-hoach/dung-lai?ky={period}",
                       data={"csrf": token, "name": name}).text


def _year_turned(tmp_path, monkeypatch):
    """A ward's 2026 plan with a unit's year report merged in December, the 2027 plan
    put in its place on 22/12; in January the unit sends its year report again (a
    correction), dropped on Thu nhận of quý I/2027 and refused there: the client, the
    form token, and the unit's file."""
    data, next_year, given, first = _both_years(tmp_path)
    set_clock(monkeypatch, date(2026, 12, 20))
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [(first.name, first.read_bytes())], "NAM")["state"] == "done"
    set_clock(monkeypatch, date(2026, 12, 22))
    _put_plan(client, data={"csrf": token},
              files={"master": (next_year.name, next_year.read_bytes())})
    set_clock(monkeypatch, date(2027, 1, 8))
    late = fill_return(given, tmp_path / "VP-nam-2026.xlsx",
                       {"TC-01": {"Trạng thái": "Hoàn thành", "Tỷ lệ hoàn thành (%)": 100}})
    assert _sent(client, token, [(late.name, late.read_bytes())], "Q1")["state"] == "done"
    assert "VP-nam-2026.xlsx" in client.get("/thu-nhan?ky=Q1").text  # refused, listed
    return client, token, late


def test_last_year_s_plan_put_back_is_said_put_back_not_new(tmp_path, monkeypatch):
    """2026's plan put back in January ("Dùng lại"), its year report recounted with it:
    the notice said "đã được tính lại theo bảng kế hoạch mới", of the plan the office
    had used all year. It says the periods were counted with the plan put back."""
    client, token, _ = _year_turned(tmp_path, monkeypatch)
    [(_, said, points)] = notices(_put_back(client, token, "Q1"))
    assert said.startswith("Đã dùng lại bảng kế hoạch 'Kế hoạch cải cách hành chính năm "
                           "2026'"), said
    assert "Số liệu kỳ năm 2026 đã được tính lại theo bảng kế hoạch vừa dùng lại." in points
    assert not [p for p in points if "bảng kế hoạch mới" in p], points


def test_last_year_s_file_merged_into_its_year_is_not_left_unread_here(tmp_path, monkeypatch):
    """The unit's 2026 year report, refused on quý I/2027's Thu nhận, then merged into
    2026's year after that plan was put back: with 2027's plan in use again, quý
    I/2027's board still listed it under "Tệp không nhận ra của đơn vị nào", to be
    looked into, and the quarter's report made before it went still showed as current.
    It is said to have gone to its own plan's period, nothing left to do here."""
    client, token, late = _year_turned(tmp_path, monkeypatch)
    assert _job(client, token, "/bao-cao/Q1")["state"] == "done"
    _put_back(client, token, "Q1")  # 2026's plan
    assert _sent(client, token, [(late.name, late.read_bytes())], "NAM")["state"] == "done"
    _put_back(client, token, "NAM")  # 2027's plan again
    page = html.unescape(client.get("/thu-nhan?ky=Q1").text)
    assert "Kế hoạch cải cách hành chính năm 2027" in page
    assert "Tệp không nhận ra của đơn vị nào" not in page, page
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert ("Tệp của kế hoạch khác, nay đã gộp vào kế hoạch của tệp (1) VP-nam-2026.xlsx : đã gộp "
            "vào kỳ năm 2026 của kế hoạch năm 2026 (mã 'hac-thanh-2026', kế hoạch của tệp) "
            "ngày 08/01/2027: không cần xử lý ở kỳ này") in text, text[-1500:]
    # The quarter's feedback has no letter for it; its report is to be made again.
    assert "VP-nam-2026" not in client.get("/phan-hoi?ky=Q1").text
    assert "stale-report" in client.get("/bao-cao?ky=Q1").text


def _started(client, token: str, action: str) -> dict:
    """A step's button pressed (``action``), its job waited for: the job's state."""
    sent = client.post(action, headers={"X-CSRF-Token": token, "Accept": "application/json"})
    assert sent.status_code == 200, sent.text
    return _wait(client, sent.json())


def _q1_answered(data: Path, folder: Path, monkeypatch, year: int, answers: dict):
    """Quý I of the plan in use in ``data``, on 20 March ``year``: the units' files made on
    Giao việc, the office's own (VP) answered with ``answers`` as VP-``year``.xlsx in
    ``folder``: the app's client, its form token and that file."""
    set_clock(monkeypatch, date(year, 3, 20))
    client = _client(data)
    token = _token(client)
    assert _started(client, token, "/giao-viec/Q1")["state"] == "done"
    (given,) = (data / "giao-Q1").glob("VP-*.xlsx")
    return client, token, fill_return(given, folder / f"VP-{year}.xlsx", answers)


def _refused_on(client, page: str, form: str) -> str:
    """The error the page ``page`` shows under the form ``form`` (its last job's)."""
    shown = html.unescape(client.get(page).text)
    said = re.search(rf'<p class="msg error job-error" role="alert" id="{form}-error">(.*?)</p>',
                     shown, re.S)
    assert said, shown
    assert "--" not in said[1] and "lệnh" not in said[1], said[1]
    return said[1]


KEEP = ", ví dụ sang thư mục làm việc của kế hoạch kia"


def test_last_year_s_files_left_in_the_folder_say_what_to_move(tmp_path, monkeypatch):
    """Last year's working folder copied for the new year and the 2027 plan table put in
    it by hand (not on the Kế hoạch page, which sets the other plan's files aside): each
    step refused to write over the 2026 files (year_turn), rightly, but told the office
    of the terminal's options: "--force chỉ để tạo lại tệp giao…; lệnh không ghi gì
    (chọn thư mục khác cho --out, ví dụ giao-Q1-2027…)", "chọn tên tệp khác cho --csv".
    On the pages: the folder or files to move out of the working folder, and the step
    to do again."""
    data, _, next_year = _plans(tmp_path)
    answered = {"TC-01": {"Trạng thái": "Đang thực hiện", "Tỷ lệ hoàn thành (%)": 40}}
    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2026, answered)
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"
    for action in ("/bao-cao/Q1", "/phan-hoi/Q1", "/phan-hoi/Q1/qua-han"):
        assert _started(client, token, action)["state"] == "done", action
    client.close()
    shutil.copyfile(next_year, data / "ke-hoach.xlsx")  # by hand, in the file manager

    set_clock(monkeypatch, date(2027, 3, 20))
    client = _client(data)
    token = _token(client)
    page = html.unescape(client.get("/giao-viec?ky=Q1").text)
    assert ("Các tệp giao dưới đây là của kế hoạch khác (mã “hac-thanh-2026”, “Kế hoạch cải "
            "cách hành chính năm 2026”), không phải bảng kế hoạch đang dùng: tạo tệp giao kỳ "
            "quý I năm 2027 sẽ xóa chúng, nên ứng dụng không tạo. Để giữ các tệp đó, chuyển "
            "thư mục giao-Q1 ra khỏi thư mục làm việc của ứng dụng (ví dụ sang thư mục làm "
            "việc của kế hoạch kia), rồi mở lại trang này để tạo tệp giao kỳ quý I năm 2027."
            ) in page, page
    (given,) = (data / "giao-Q1").glob("VP-*.xlsx")  # last year's, left in the folder
    assert _started(client, token, "/giao-viec/Q1")["state"] == "failed"
    assert _refused_on(client, "/giao-viec?ky=Q1", "split-form") == (
        f"Thư mục giao-Q1: thư mục có tệp giao kỳ quý I năm 2026 "
        f"của kế hoạch khác (mã 'hac-thanh-2026', "
        f"ví dụ tệp {given.name}), không phải kế hoạch 'hac-thanh-2027' đang tạo tệp giao: "
        "ghi vào đây sẽ xóa tệp của kế hoạch kia; chưa ghi gì (để giữ các tệp của kế hoạch "
        f"kia, chuyển thư mục giao-Q1 ra khỏi thư mục làm việc của ứng dụng{KEEP}, rồi tạo "
        "tệp giao lại)")
    elsewhere = tmp_path / "cchc-2026"  # what the office does, told so
    elsewhere.mkdir()
    shutil.move(data / "giao-Q1", elsewhere)
    assert "other-plan" not in client.get("/giao-viec?ky=Q1").text
    assert _started(client, token, "/giao-viec/Q1")["state"] == "done"

    (given,) = (data / "giao-Q1").glob("VP-*.xlsx")
    back = fill_return(given, tmp_path / "VP-2027.xlsx", answered)
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "failed"
    assert _refused_on(client, "/thu-nhan?ky=Q1", "intake-form").startswith(
        "Tệp tong-hop-Q1.xlsx: đã có tệp này và đó là bảng tổng hợp kỳ quý I năm 2026 "
        "của kế hoạch khác "
        "(mã 'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' đang gộp: ghi ra đó sẽ "
        "xóa bảng tổng hợp của kế hoạch kia, cả đánh giá đã ghi vào bảng đó; chưa ghi gì (để "
        "giữ tệp của kế hoạch kia, chuyển tệp tong-hop-Q1.xlsx ra khỏi thư mục làm việc của "
        f"ứng dụng{KEEP}). Các tệp vừa tải lên vẫn được giữ")
    shutil.move(data / "tong-hop-Q1.xlsx", elsewhere)
    # 2026's letters next (test_last_year_s_letters_and_workbook_left_in_the_folder_…).
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "failed"
    assert _refused_on(client, "/thu-nhan?ky=Q1", "intake-form").startswith(
        "Thư mục phan-hoi-Q1: thư mục có tệp phản hồi kỳ quý I năm 2026 của kế hoạch khác")
    shutil.move(data / "phan-hoi-Q1", elsewhere)
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"

    assert _started(client, token, "/bao-cao/Q1")["state"] == "failed"
    assert _refused_on(client, "/bao-cao?ky=Q1", "report-form") == (
        "Tệp bao-cao-Q1.xlsx: đã có tệp này và đó là bảng báo cáo kỳ quý I năm 2026 "
        "của kế hoạch khác (mã "
        "'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' đang lập báo cáo: ghi ra đó "
        "sẽ xóa bảng báo cáo của kế hoạch kia; chưa ghi gì (để giữ các tệp của kế hoạch kia, "
        "chuyển các tệp bao-cao-Q1.xlsx, bao-cao-Q1.html, bao-cao-Q1.docx ra khỏi thư mục làm "
        f"việc của ứng dụng{KEEP}, rồi lập lại báo cáo)")
    assert _started(client, token, "/phan-hoi/Q1")["state"] == "failed"
    letters = ("của kế hoạch kia; chưa ghi gì (để giữ các tệp của kế hoạch kia, chuyển các tệp "
               "{0}-Q1.docx, {0}-Q1.xlsx, {0}-Q1.csv ra khỏi thư mục làm việc của ứng dụng"
               f"{KEEP}, rồi lập lại công văn)")
    assert _refused_on(client, "/phan-hoi?ky=Q1", "remind-form").startswith(
        "Tệp don-doc-Q1.docx: đã có tệp này và đó là công văn đôn đốc gửi báo cáo kỳ "
        "quý I năm 2026 của kế "
        "hoạch khác (mã 'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' đang lập công "
        "văn: ghi ra đó sẽ xóa công văn đôn đốc gửi báo cáo " + letters.format("don-doc"))
    # No unit has a task overdue yet: the page offers no such letter, its job says alike.
    overdue = _started(client, token, "/phan-hoi/Q1/qua-han")
    assert overdue["state"] == "failed" and overdue["error"].endswith(letters.format("qua-han"))
    # The files moved as told, each step is done.
    for name in ("bao-cao-Q1.xlsx", "bao-cao-Q1.html", "bao-cao-Q1.docx", "don-doc-Q1.docx",
                 "don-doc-Q1.xlsx", "don-doc-Q1.csv", "qua-han-Q1.docx", "qua-han-Q1.xlsx",
                 "qua-han-Q1.csv"):
        shutil.move(data / name, elsewhere)
    for action in ("/bao-cao/Q1", "/phan-hoi/Q1", "/phan-hoi/Q1/qua-han"):
        assert _started(client, token, action)["state"] == "done", action


def test_last_year_s_letters_and_workbook_left_in_the_folder_are_not_written_over(
        tmp_path, monkeypatch):
    """Last year's folder copied, the 2027 plan table put in it by hand: the merge wrote
    2027's feedback letters into phan-hoi-Q1 over 2026's of the same unit (named after
    the unit, not the plan). And with 2026's tong-hop-Q1.xlsx back in the folder after
    2027's quý I was merged (the office had moved it out as told, then copied it back to
    compare), "Rút khỏi số liệu" and the verdicts uploaded on Báo cáo wrote 2027's
    workbook over it, where a merge refuses to. Each is refused now, nothing done, the
    page saying what to move out of the working folder and the step to do again."""
    from test_year_turn import TO_CORRECT

    data, _, next_year = _plans(tmp_path)
    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2026, {"TC-01": TO_CORRECT})
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"
    (letter,) = (data / "phan-hoi-Q1").glob("VP-*.xlsx")
    kept = letter.read_bytes()
    client.close()
    shutil.copyfile(next_year, data / "ke-hoach.xlsx")  # by hand, in the file manager
    elsewhere = tmp_path / "cchc-2026"
    elsewhere.mkdir()
    for name in ("giao-Q1", "tong-hop-Q1.xlsx"):  # moved out as the pages said
        shutil.move(data / name, elsewhere)

    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2027, {"TC-01": TO_CORRECT})
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "failed"
    assert _refused_on(client, "/thu-nhan?ky=Q1", "intake-form").startswith(
        "Thư mục phan-hoi-Q1: thư mục có tệp phản hồi kỳ quý I năm 2026 của kế hoạch khác (mã "
        f"'hac-thanh-2026', ví dụ tệp {letter.name}), không phải kế hoạch 'hac-thanh-2027' "
        "đang gộp: tệp phản hồi mang tên đơn vị, không mang tên kế hoạch, nên ghi vào đây sẽ "
        "xóa hoặc ghi đè tệp phản hồi của kế hoạch kia; chưa ghi gì (để giữ các tệp của kế "
        "hoạch kia, chuyển thư mục phan-hoi-Q1 ra khỏi thư mục làm việc của ứng dụng"
        f"{KEEP}). Các tệp vừa tải lên vẫn được giữ")
    assert [p.name for p in (data / "phan-hoi-Q1").iterdir()] == [letter.name]
    assert letter.read_bytes() == kept
    assert not (data / "tong-hop-Q1.xlsx").exists()
    shutil.move(data / "phan-hoi-Q1", elsewhere)
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"
    assert (data / "phan-hoi-Q1" / letter.name).is_file()  # 2027's, in a folder of its own

    # 2026's workbook copied back beside 2027's merged quý I.
    assessed = tmp_path / "tong-hop-Q1-2027.xlsx"
    shutil.copyfile(data / "tong-hop-Q1.xlsx", assessed)
    shutil.copyfile(elsewhere / "tong-hop-Q1.xlsx", data / "tong-hop-Q1.xlsx")
    last_year = (data / "tong-hop-Q1.xlsx").read_bytes()
    sha = re.search(r'name="sha" value="([0-9a-f]{64})"', client.get("/thu-nhan?ky=Q1").text)[1]
    page = client.post("/thu-nhan/Q1/rut", data={"sha": sha}, headers={"X-CSRF-Token": token})
    assert ("error", "Tệp tong-hop-Q1.xlsx: đã có tệp này và đó là bảng tổng hợp kỳ quý I năm 2026 "
                     "của kế "
            "hoạch khác (mã 'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' đang rút "
            "tệp khỏi số liệu: ghi ra đó sẽ xóa bảng tổng hợp của kế hoạch kia, cả đánh giá đã "
            "ghi vào bảng đó; chưa ghi gì (để giữ tệp của kế hoạch kia, chuyển tệp "
            f"tong-hop-Q1.xlsx ra khỏi thư mục làm việc của ứng dụng{KEEP}, rồi rút tệp lại)",
            []) in notices(html.unescape(page.text))
    assert (data / "tong-hop-Q1.xlsx").read_bytes() == last_year
    assert "Đã rút" not in client.get("/thu-nhan?ky=Q1").text  # still counted
    sent = client.post("/bao-cao/Q1/danh-gia", headers={"X-CSRF-Token": token,
                                                         "Accept": "application/json"},
                       files={"workbook": (assessed.name, assessed.read_bytes())})
    assert _wait(client, sent.json())["state"] == "failed"
    assert _refused_on(client, "/bao-cao?ky=Q1", "assess-form").endswith(
        "không phải kế hoạch 'hac-thanh-2027' đang ghi đánh giá: ghi ra đó sẽ xóa bảng tổng "
        "hợp của kế hoạch kia, cả đánh giá đã ghi vào bảng đó; chưa ghi gì (để giữ tệp của "
        "kế hoạch kia, chuyển tệp tong-hop-Q1.xlsx ra khỏi thư mục làm việc của ứng dụng"
        f"{KEEP}, rồi tải bảng tổng hợp đã đánh giá lên lại)")
    assert (data / "tong-hop-Q1.xlsx").read_bytes() == last_year
    shutil.move(data / "tong-hop-Q1.xlsx", elsewhere / "tong-hop-Q1-copy.xlsx")
    page = client.post("/thu-nhan/Q1/rut", data={"sha": sha}, headers={"X-CSRF-Token": token})
    assert any(said.startswith("Đã rút tệp") for _, said, _ in notices(page.text)), page.text
    client.close()


def test_a_plan_amended_while_last_year_s_workbook_is_in_the_folder_is_put_in_place(
        tmp_path, monkeypatch):
    """2027's quý I merged, 2026's tong-hop-Q1.xlsx copied back into the folder to
    compare, then an amended 2027 plan put in place on the Kế hoạch page: the recount of
    quý I (reported now) was refused, rightly, not to write over 2026's workbook, but the
    refusal went out of the page's answer after the plan was put in place: "Không làm
    được… chưa ghi gì", the plan replaced. The plan stays in place, quý I keeps its
    figures, and the notice says why it was not recounted and what to do: move the
    workbook out, then recount it on its Báo cáo page."""
    from test_year_turn import TO_CORRECT

    from cchc_xl.master.write import write_master

    data, _, next_year = _plans(tmp_path)
    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2026, {"TC-01": TO_CORRECT})
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"
    client.close()
    shutil.copyfile(next_year, data / "ke-hoach.xlsx")  # by hand, in the file manager
    elsewhere = tmp_path / "cchc-2026"
    elsewhere.mkdir()
    for name in ("giao-Q1", "tong-hop-Q1.xlsx", "phan-hoi-Q1"):  # moved out as the pages said
        shutil.move(data / name, elsewhere)
    client, token, back = _q1_answered(data, tmp_path, monkeypatch, 2027, {"TC-01": TO_CORRECT})
    assert _sent(client, token, [(back.name, back.read_bytes())], "Q1")["state"] == "done"
    shutil.move(data / "tong-hop-Q1.xlsx", elsewhere / "tong-hop-Q1-2027.xlsx")
    shutil.copyfile(elsewhere / "tong-hop-Q1.xlsx", data / "tong-hop-Q1.xlsx")  # to compare
    last_year = (data / "tong-hop-Q1.xlsx").read_bytes()

    amended = load_master(next_year)
    first = amended.areas[0].tasks[0].deliverables[0]
    first.product = f"{first.product} (sửa lại)"
    write_master(amended, tmp_path / "ke-hoach-2027-sua.xlsx")
    page = _put_plan(client, data={"csrf": token}, files={"master": (
        "ke-hoach-2027-sua.xlsx", (tmp_path / "ke-hoach-2027-sua.xlsx").read_bytes())})
    assert page.status_code == 200, page.text
    assert "Không làm được" not in page.text
    said = notices(html.unescape(page.text))
    assert said[0][:2] == ("warn", "Đã nhận bảng kế hoạch 'ke-hoach-2027-sua.xlsx'."), said
    assert said[0][2][-1] == (
        "Kỳ quý I năm 2027 chưa được tính lại theo bảng kế hoạch mới, số liệu giữ như đã gộp: "
        "tệp tong-hop-Q1.xlsx: đã có tệp này và đó là bảng tổng hợp kỳ quý I năm 2026 của kế "
        "hoạch khác (mã 'hac-thanh-2026'), không phải kế hoạch 'hac-thanh-2027' đang tính lại "
        "số liệu theo bảng kế hoạch đang dùng: ghi ra đó sẽ xóa bảng tổng hợp của kế hoạch "
        "kia, cả đánh giá đã ghi vào bảng đó; chưa ghi gì (để giữ tệp của kế hoạch kia, "
        f"chuyển tệp tong-hop-Q1.xlsx ra khỏi thư mục làm việc của ứng dụng{KEEP}, rồi bấm "
        "“Tính lại theo bảng kế hoạch đang dùng” ở trang Báo cáo)."), said
    assert not any("đã được tính lại" in point for point in said[0][2]), said
    in_use = load_master(data / "ke-hoach.xlsx")  # in place
    assert in_use.areas[0].tasks[0].deliverables[0].product == first.product
    assert (data / "tong-hop-Q1.xlsx").read_bytes() == last_year

    report = html.unescape(client.get("/bao-cao?ky=Q1").text)
    assert "Số liệu kỳ quý I năm 2027 chưa được tính lại theo bảng kế hoạch đang dùng" in report
    assert _started(client, token, "/bao-cao/Q1/tinh-lai?ve=report")["state"] == "failed"
    assert _refused_on(client, "/bao-cao?ky=Q1", "recount-form").endswith(
        "ra khỏi thư mục làm việc của ứng dụng, ví dụ sang thư mục làm việc của kế hoạch kia, "
        "rồi bấm “Tính lại theo bảng kế hoạch đang dùng” ở trang Báo cáo)")
    assert (data / "tong-hop-Q1.xlsx").read_bytes() == last_year
    shutil.move(data / "tong-hop-Q1.xlsx", elsewhere / "tong-hop-Q1-copy.xlsx")
    assert _started(client, token, "/bao-cao/Q1/tinh-lai?ve=report")["state"] == "done"
    assert "(sửa lại)" in _sheet_text(data / "tong-hop-Q1.xlsx")
    assert "chưa được tính lại" not in html.unescape(client.get("/bao-cao?ky=Q1").text)
    client.close()


def _sheet_text(path: Path) -> str:
    """Every cell's text of the workbook at ``path``, joined."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                        for v in row if v is not None)
    finally:
        book.close()
