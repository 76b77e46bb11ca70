"""Putting another plan in place of the one in use: the question asked first, its
answers, the files and periods of the plan replaced, and the plans used before."""

from __future__ import annotations

import html
import re
import shutil
import threading
import time
from datetime import datetime
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from starlette.testclient import TestClient

from cchc_xl import data_folder
from cchc_xl.cli import main
from cchc_xl.snapshot import load_snapshot
from support.paths import HH_MASTER
from support.web import (
    RETURNS,
    _but_restoring,
    _client,
    _imported,
    _outdated,
    _put_plan,
    _reworded_plan,
    _sent,
    _token,
    _with_master,
    notices,
)


def test_a_new_version_of_the_plan_in_use_keeps_its_code(tmp_path):
    """A plan imported before 3 December 2026 has its file's name as code ("kh-cchc-cu"):
    the same plan imported again under its new rule ("hoang-hoa-2023") was another plan,
    its files sent out put aside and their returns refused. It keeps its code; another
    issuer's plan does not."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master
    from plan_documents import write_plan_document

    data = tmp_path / "data"
    data.mkdir()
    master = load_master(HH_MASTER)
    master.plan.code = "kh-cchc-cu"
    write_master(master, data / "ke-hoach.xlsx")
    client = _client(data)
    _, answer = _imported(client, _token(client),
                          write_plan_document(HH_MASTER, tmp_path / "Kế hoạch sửa đổi.docx"))
    assert load_master(data / "ke-hoach.xlsx").plan.code == "kh-cchc-cu"
    assert "Đã nhập 'Kế hoạch sửa đổi.docx'" in answer and "kế hoạch khác" not in answer


def test_replacing_the_plan_in_use_asks_first_and_says_where_it_was_kept(tmp_path):
    """Importing a plan document replaced the plan in use at once, without a word on
    the one it replaced."""
    empty = _client(tmp_path / "empty")
    page = empty.get("/").text
    assert "data-confirm" not in page  # nothing to replace yet
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    answer = _put_plan(client, data={"csrf": token},
                       files={"master": ("bảng mới.xlsx", HH_MASTER.read_bytes())})
    assert len(list((data / "ke-hoach-cu").glob("*.xlsx"))) == 1
    # The plan's warnings (dates to check) said, in the warning colour (a QA pass: green),
    # and the plan replaced said kept as the question said it, with the button that brings
    # it back: not the data folder's "tệp ke-hoach-cu/ke-hoach-….xlsx" (a QA pass).
    assert ("warn", "Đã nhận bảng kế hoạch 'bảng mới.xlsx'.", [
        "Có 7 cảnh báo cần xem lại (danh sách ở mục 'Kết quả kiểm tra' bên dưới).",
        "Bảng kế hoạch dùng trước đó không mất: nó được giữ lại và dùng lại được bất cứ lúc "
        "nào, bằng nút “Dùng lại” bên cạnh bảng đó ở mục “Bảng kế hoạch dùng trước đây” bên "
        "dưới trang này."]) in notices(answer.text)
    # Nowhere on the page is the folder named to the office, the card of the plan in
    # use neither (it said "giữ lại trong thư mục ke-hoach-cu của thư mục làm việc").
    assert "ke-hoach-cu" not in _shown(answer.text)
    card = html.unescape(answer.text.split("<h2>Bảng kế hoạch đang dùng</h2>")[1])
    card = card[:card.index("</section>")]
    assert ("Khi thay bằng bảng mới (tải lên hoặc nhập từ văn bản), bảng đang dùng không mất: "
            "nó được giữ lại và dùng lại được bất cứ lúc nào, bằng nút “Dùng lại” bên cạnh "
            "bảng đó ở mục “Bảng kế hoạch dùng trước đây” bên dưới trang này.") in card


def _shown(page: str) -> str:
    """The page's text as the office reads it: no tags, attributes or comments."""
    return html.unescape(re.sub(r"<!--.*?-->|<[^>]*>", " ", page, flags=re.S))


def test_the_same_table_uploaded_twice_is_asked_once(tmp_path, monkeypatch):
    """The office uploaded its fixed table twice (two tabs, or once more to be sure)
    before answering: two identical "Thay bảng kế hoạch đang dùng?" cards (a QA pass).
    The second upload is said waiting and its page asks the first's question; a
    different table is asked about besides; "Thay" answered, nothing is asked of the
    table now in use."""
    from support.clock import set_clock
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    set_clock(monkeypatch, datetime(2023, 9, 20, 14, 25))
    client = _client(data)
    token = _token(client)
    places = [client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                          files={"master": (name, NH_MASTER.read_bytes())}
                          ).headers["location"] for name in ("ke-hoach-sua.xlsx",) * 2]
    assert places[0] == places[1]  # the second upload's page asks the first's question
    page = html.unescape(client.get(places[1]).text)
    assert _cards(page) == 1
    assert ("info", "Tệp “ke-hoach-sua.xlsx” đã tải lên lúc 14:25 20/09/2023, đang chờ trả "
            "lời: trả lời câu hỏi “Thay bảng kế hoạch đang dùng?” ở đầu trang.", []
            ) in notices(page)
    # Under another name, the same content: said so.
    again = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("ban sao.xlsx", NH_MASTER.read_bytes())})
    assert again.headers["location"] == places[0]
    page = html.unescape(client.get(places[0]).text)
    assert "Tệp “ban sao.xlsx” (giống hệt tệp “ke-hoach-sua.xlsx”) đã tải lên lúc" in page
    assert _cards(page) == 1
    assert len(list((data / ".cchc-web" / "cho-thay").iterdir())) == 1
    # A different table held meanwhile is asked about too, each with its own card.
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("cu.xlsx", HH_MASTER.read_bytes())}).headers["location"]
    assert "thay=" in place and place != places[0]
    assert _cards(client.get("/").text) == 2
    client.post("/ke-hoach/thay", data={"csrf": token, "answer": "thay",
                                        "token": re.search(r"thay=([0-9a-f]+)", places[0])[1]})
    assert (data / "ke-hoach.xlsx").read_bytes() == NH_MASTER.read_bytes()
    page = html.unescape(client.get("/").text)
    assert _cards(page) == 1 and "“cu.xlsx”" in page


def _cards(page: str) -> int:
    """How many "Thay bảng kế hoạch đang dùng?" questions the page asks."""
    return page.count('<section class="card held"')


def test_a_replacing_plan_is_checked_before_the_question(tmp_path, monkeypatch):
    """"Thay bảng kế hoạch…?" was asked before the file was read: the office said yes,
    then learnt the file was a PDF. A file that fails the check is refused with its
    reason and no question; one that passes is asked about with what the check found,
    and only the answer puts it in place. The check's time is cchc-xl's clock (it read
    the machine's own, another time where the clock is set for a QA run)."""
    from support.clock import set_clock
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    set_clock(monkeypatch, datetime(2023, 9, 20, 14, 25))
    client = _client(data)
    page = html.unescape(client.get("/?ky=9T").text)
    (form,) = [f for f in re.findall(r"<form [^>]*>", page) if 'action="/ke-hoach?' in f]
    assert "data-confirm" not in form  # no question before the file is checked
    token = _token(client)
    question = "Thay bảng kế hoạch đang dùng bằng bảng mới?"
    for name, body, said in (
            ("ke-hoach.pdf", b"%PDF-1.4", "Không dùng được tệp 'ke-hoach.pdf': đây là tệp PDF"),
            ("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes(),
             "Tệp 'NV.xlsx' là tệp giao cho một đơn vị")):
        sent = client.post("/ke-hoach?ky=9T", data={"csrf": token},
                           files={"master": (name, body)}, follow_redirects=False)
        assert sent.headers["location"] == "/?ky=9T"
        text = html.unescape(client.get(sent.headers["location"]).text)
        assert said in text and "Bảng kế hoạch đang dùng được giữ nguyên" in text
        assert 'id="thay-bang"' not in text  # asked nothing
    # A plan that passes: held, nothing replaced yet, the question with the check's result.
    sent = client.post("/ke-hoach?ky=9T", data={"csrf": token},
                       files={"master": ("nghĩa hưng.xlsx", NH_MASTER.read_bytes())},
                       follow_redirects=False)
    place = sent.headers["location"]
    assert re.fullmatch(r"/\?ky=9T&thay=[0-9a-f]{16}#thay-bang", place), place
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    text = html.unescape(client.get(place).text)
    start = text.index('id="thay-bang"')
    asked = text[start:text.index("</section>", start)]
    assert "Đã kiểm tra tệp “nghĩa hưng.xlsx” lúc 14:25 20/09/2023: đọc được, 0 lỗi," in asked
    assert re.search(r"<b>\d+</b> nhiệm vụ", asked) and "Đây là một kế hoạch khác" in asked
    assert question in asked
    held = re.search(r'name="token" value="([0-9a-f]+)"', asked)[1]
    # "Không thay": the plan in use stays, the file held goes; answered twice: said so.
    for _ in range(2):
        kept = html.unescape(client.post("/ke-hoach/thay?ky=9T", data={
            "csrf": token, "token": held, "answer": "giu"}).text)
    assert "Không còn bảng kế hoạch chờ thay này" in kept
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    assert not list((data / ".cchc-web" / "cho-thay").iterdir())
    # Asked again and "Thay bằng bảng này": in place.
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("nghĩa hưng.xlsx", NH_MASTER.read_bytes())}
                        ).headers["location"]
    held = re.search(r"thay=([0-9a-f]+)", place)[1]
    done = html.unescape(client.post("/ke-hoach/thay", data={
        "csrf": token, "token": held, "answer": "thay"}).text)
    assert "Đã nhận bảng kế hoạch 'nghĩa hưng.xlsx'." in done
    assert (data / "ke-hoach.xlsx").read_bytes() == NH_MASTER.read_bytes()
    assert not list((data / ".cchc-web" / "cho-thay").iterdir())
    assert client.post("/ke-hoach/thay", data={"token": held}).status_code == 403  # token


def _held_plan(tmp_path: Path) -> tuple[Path, TestClient, str, str]:
    """Hoằng Hóa's plan in use, and its table uploaded again, held for the question:
    the data folder, the client, its form token and the page asking."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("hh.xlsx", HH_MASTER.read_bytes())}
                        ).headers["location"]
    return data, client, token, place


def test_the_same_answer_sent_twice_at_once_is_said_answered(tmp_path):
    """"Thay bằng bảng này" sent twice at once (a second click while the first waits): the
    second found the held file gone while the first put it in place, an error page (a
    QA pass). An answer takes the held file at once; the other is told it was answered."""
    from cchc_xl.web import held

    data, client, token, place = _held_plan(tmp_path)
    waiting = re.search(r"thay=([0-9a-f]+)", place)[1]
    app_dir = data / ".cchc-web"
    first = held.take(app_dir, waiting)  # the first answer, still putting it in place
    assert first is not None and first.path.is_file()
    assert held.take(app_dir, waiting) is None
    second = client.post("/ke-hoach/thay", data={"csrf": token, "token": waiting,
                                                 "answer": "thay"})
    assert second.status_code == 200
    assert "Không còn bảng kế hoạch chờ thay này" in html.unescape(second.text)
    held.drop(app_dir, first.token)
    assert not list((app_dir / "cho-thay").iterdir())


def test_the_question_says_another_plan_against_the_plan_in_use_now(tmp_path):
    """A plan held in one tab, another plan put in place from a second tab: the first
    tab's question, shown again, says the held file is another plan than the one now in
    use (it said what it found when the file was held: a QA pass)."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)  # Hoằng Hóa's plan in use
    client = _client(data)
    token = _token(client)
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("hh.xlsx", HH_MASTER.read_bytes())}
                        ).headers["location"]
    other = "Đây là một kế hoạch khác, không phải bản sửa của kế hoạch đang dùng"
    assert other not in html.unescape(client.get(place).text)  # the same plan
    _put_plan(client, data={"csrf": token},  # the other tab: Nghĩa Hưng's plan in place
              files={"master": ("nh.xlsx", NH_MASTER.read_bytes())})
    assert other in html.unescape(client.get(place).text)


def test_the_question_lists_the_held_file_s_own_warnings(tmp_path):
    """The question said "0 lỗi, 7 cảnh báo" of the held file while the check's list
    below was the plan in use's: the held file's errors and warnings are listed with it
    (a QA pass); a question left unanswered a day is gone when the page is next shown."""
    import os

    from cchc_xl.web import held

    data, client, token, place = _held_plan(tmp_path)
    page = html.unescape(client.get(place).text)
    card = page[page.index('id="thay-bang"'):page.index("Bảng kế hoạch đang dùng</h2>")]
    warnings = re.search(r"(\d+) cảnh báo\.", card)[1]
    # Warnings only: named so ("1 lỗi, cảnh báo" read as an error: a QA pass).
    assert f"Xem {warnings} cảnh báo của tệp này" in card
    assert "thời hạn 'Tháng 11/2022' (30/11/2022) trước khi kế hoạch được ban hành" in card
    waiting = data / ".cchc-web" / data_folder.HELD_DIR / re.search(r"thay=([0-9a-f]+)", place)[1]
    old = waiting.stat().st_mtime - held.KEPT_SECONDS - 60
    os.utime(waiting, (old, old))
    assert 'id="thay-bang"' not in client.get(place).text
    assert not waiting.exists()


def test_files_split_by_the_command_line_and_a_plan_put_in_their_place(tmp_path):
    """Files issued with ``cchc-xl split`` into the data folder: a plan that replaced
    the one they were made from is told, whether the app saw them before or not."""
    data = _with_master(tmp_path)

    def split_by_command(folder: Path) -> None:
        done = CliRunner().invoke(main, ["split", str(folder / "ke-hoach.xlsx"), "--period",
                                         "9T", "--out", str(folder / "giao-9T"), "--silent"])
        assert done.exit_code == 0, done.output

    split_by_command(data)
    client = _client(data)
    assert not _outdated(client)
    shutil.copyfile(_reworded_plan(tmp_path / "sửa.xlsx"), data / "ke-hoach.xlsx")
    assert _outdated(client)
    shutil.copyfile(HH_MASTER, data / "ke-hoach.xlsx")  # the one they were made from, back
    assert not _outdated(client)
    # Replaced before the app was ever shown the files: told too (their manifest names the
    # plan file they were made from).
    other = tmp_path / "khac"
    other.mkdir()
    shutil.copyfile(HH_MASTER, other / "ke-hoach.xlsx")
    split_by_command(other)
    shutil.copyfile(_reworded_plan(tmp_path / "sửa lần 2.xlsx"), other / "ke-hoach.xlsx")
    assert _outdated(_client(other))


def test_a_plan_with_errors_does_not_take_the_place_of_the_one_in_use(tmp_path):
    """An edited plan with check errors replaced the usable one: every other page said
    there was no usable plan (the ledger still held the period's files), and an upload
    from an open tab answered that the period did not exist."""
    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes())]
                 )["state"] == "done"
    wb = openpyxl.load_workbook(HH_MASTER)
    wb["Đơn vị"]["B3"] = wb["Đơn vị"]["B2"].value  # two units of one name: an error
    broken = tmp_path / "sửa.xlsx"
    wb.save(broken)
    before = (data / "ke-hoach.xlsx").read_bytes()
    page = html.unescape(_put_plan(client,
         data={"csrf": token},
        files={"master": ("kế hoạch sửa.xlsx", broken.read_bytes())}).text)  # the plan page
    from cchc_xl.master import check_master

    errors = sum(f.severity == "error" for f in check_master(broken))
    assert (f"Chưa dùng 'kế hoạch sửa.xlsx': bảng kế hoạch này còn {errors} lỗi, nên bảng kế "
            "hoạch đang dùng được giữ nguyên") in page
    assert "trang 'Đơn vị', tên 'Phòng Nội vụ' dùng cho nhiều đơn vị/nhóm" in page
    assert str(tmp_path) not in _but_restoring(page)  # the card names the folder to restore
    assert (data / "ke-hoach.xlsx").read_bytes() == before
    assert not (data / "ke-hoach-cu").exists()
    board = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert "Chưa có bảng kế hoạch dùng được" not in board and 'unit-code">NV<' in board
    assert _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())]
                 )["state"] == "done"


def test_the_periods_follow_a_plan_put_in_place_of_another(tmp_path, monkeypatch):
    """After the plan was replaced (a unit and a task taken out), the board and the
    report kept the plan of the last upload (47 units, 34 tasks) while Giao việc made 46
    files; the next upload's summary and the board then disagreed. (On 1 September 2023,
    9T still being reported: a period whose report is due keeps its plan,
    test_web_plan_amended.py.)"""
    from datetime import date

    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    monkeypatch.setattr("cchc_xl.web.plan_periods.today", lambda: date(2023, 9, 1))

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _sent(client, token, [("NV.xlsx", (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()),
                                 ("X37.xlsx", (RETURNS / "X37-xa-hoang-yen.xlsx").read_bytes())]
                 )["state"] == "done"
    assert "Tất cả (47)" in html.unescape(client.get("/thu-nhan?ky=9T").text)
    master = load_master(HH_MASTER)
    master.units = [u for u in master.units if u.code != "X37"]
    for d in master.deliverables():
        d.lead = [c for c in d.lead if c != "X37"]
        d.support = [c for c in d.support if c != "X37"]
    for g in master.groups:
        g.members = [c for c in g.members if c != "X37"]
    smaller = write_master(master, tmp_path / "bớt.xlsx")
    _put_plan(client, data={"csrf": token},
                files={"master": ("bớt một xã.xlsx", smaller.read_bytes())})
    snapshot = load_snapshot(data / "cchc-ledger.sqlite", "9T")
    assert len(snapshot.master.units) == 46 and "X37" not in snapshot.missing_units
    assert "Tất cả (46)" in html.unescape(client.get("/thu-nhan?ky=9T").text)
    # The next upload's summary counts by it too (it said 3/47, the board 2/46).
    state = _sent(client, token, [("TP.xlsx", (RETURNS / "TP-phong-tu-phap.xlsx").read_bytes())])
    assert "Đơn vị đã gửi: 2/46." in state["result"]["message"]
    # X37's file sent again: told whose it is, and why it does not count.
    state = _sent(client, token, [("X37.xlsx", (RETURNS / "X37-xa-hoang-yen.xlsx").read_bytes())])
    (told,) = state["result"]["files"]
    assert told["unit"] == "X37" and told["reason"].endswith(
        "đơn vị X37 không còn trong bảng kế hoạch đang dùng: tệp không được tính vào số liệu")
    assert "Đơn vị đã gửi: 2/46;" in state["result"]["summary"]


def test_another_plan_put_in_place_sets_the_first_one_s_files_aside(tmp_path):
    """Nghĩa Hưng's plan uploaded over Hoằng Hóa's (9T merged): Phản hồi still offered 42
    Hoằng Hóa feedback files in its ZIP and Thu nhận listed the old uploads, under the
    new plan (a probe). Another plan's periods start clean; the first one's files are
    kept in ke-hoach-cu and come back when it is put back."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    x02 = (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv), ("X02.xlsx", x02)])["state"] == "done"
    feedback = sorted(p.name for p in (data / "phan-hoi-9T").iterdir())
    assert feedback  # X02's 120%
    assert "NV.xlsx" in client.get("/thu-nhan?ky=9T").text
    said = _put_plan(client, data={"csrf": token},
                       files={"master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())})
    # The page it goes back to says where the first plan's files went as the question
    # said it, not "cất trong thư mục ke-hoach-cu" (a QA pass).
    [(_, _, points)] = notices(said.text)
    assert ("Đây là kế hoạch khác: các tệp giao, tệp nhận về, phản hồi và báo cáo của kế "
            "hoạch trước (nếu có) được cất riêng cùng bảng kế hoạch trước, và trở lại khi bấm "
            "“Dùng lại” bảng đó.") in points
    assert "ke-hoach-cu" not in _shown(said.text)
    assert not list(data.glob("phan-hoi-*")) and not list(data.glob("nhan-ve-*"))
    assert not list(data.glob("tong-hop-*.xlsx"))
    (aside,) = (data / "ke-hoach-cu").glob("hoang-hoa-2023@*")
    assert sorted(p.name for p in (aside / "phan-hoi-9T").iterdir()) == feedback
    # Hoằng Hóa's plan back: its files back, as they were.
    _put_plan(client, data={"csrf": token},
                files={"master": ("hoang-hoa.xlsx", HH_MASTER.read_bytes())})
    assert sorted(p.name for p in (data / "phan-hoi-9T").iterdir()) == feedback
    assert not aside.exists() and list((data / "ke-hoach-cu").glob("nghia-hung-2023@*")) == []
    assert (data / "tong-hop-9T.xlsx").is_file()
    page = html.unescape(client.get("/phan-hoi?ky=9T").text)
    assert feedback[0] in page


def _earlier(page: str) -> list[tuple[str, str]]:
    """The list of plans used before on the Kế hoạch page: each row's plan, its row's
    header (a screen reader tabbing to "Tải về" and "Dùng lại" named no plan, a pass of
    6 December), and the kept file its "Dùng lại" button names."""
    section = re.search(r'<section class="card" id="ke-hoach-cu">(.*?)</section>', page, re.S)
    if section is None:
        return []
    return [(re.sub(r"<[^>]+>", "", re.search(r'<th scope="row" class="wide">(.*?)</th>', row,
                                              re.S)[1]),
             (re.search(r'name="name" value="([^"]+)"', row) or [None, ""])[1])
            for row in re.findall(r"<tr>(.*?)</tr>", section[1], re.S) if "<td" in row]


def test_a_plan_used_before_is_listed_and_put_back_with_one_click(tmp_path):
    """Going back to the plan in use before a mistaken upload meant finding its file in
    the data folder and uploading it (a probe). It is listed, downloadable and put back
    with one click, its periods' files with it; the plan it replaces is listed in turn."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    assert _earlier(html.unescape(client.get("/").text)) == []  # nothing replaced yet
    nv = (RETURNS / "NV-phong-noi-vu.xlsx").read_bytes()
    assert _sent(client, token, [("NV.xlsx", nv)])["state"] == "done"
    consolidated = (data / "tong-hop-9T.xlsx").read_bytes()
    page = html.unescape(_put_plan(client, data={"csrf": token}, files={
        "master": ("nghia-hung.xlsx", NH_MASTER.read_bytes())}).text)
    ((shown, name),) = _earlier(page)
    assert shown == "Kế hoạch cải cách hành chính năm 2023 — Ủy ban nhân dân huyện Hoằng Hóa"
    assert "Dùng lại bảng kế hoạch “Kế hoạch cải cách hành chính năm 2023” (thôi dùng lúc" in page
    assert ("dùng lại được bất cứ lúc nào, bằng nút “Dùng lại” bên cạnh bảng đó ở mục “Bảng kế "
            "hoạch dùng trước đây” bên dưới trang này.") in page
    download = client.get(f"/ke-hoach/cu/{name}")
    assert download.status_code == 200 and download.content == HH_MASTER.read_bytes()
    assert "hoang-hoa-2023-" in download.headers["content-disposition"]
    assert not (data / "tong-hop-9T.xlsx").exists()  # Hoằng Hóa's files put aside

    said = client.post("/ke-hoach/dung-lai", data={"csrf": token, "name": name})
    page = html.unescape(said.text)
    assert ("Đã dùng lại bảng kế hoạch 'Kế hoạch cải cách hành chính năm 2023' (thôi dùng "
            "lúc") in page
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()
    assert (data / "tong-hop-9T.xlsx").read_bytes() == consolidated  # its files back
    assert "NV.xlsx" in client.get("/thu-nhan?ky=9T").text
    ((shown, _),) = _earlier(page)  # Nghĩa Hưng's now, Hoằng Hóa's (in use) no more
    assert shown.startswith("Kế hoạch cải cách hành chính huyện Nghĩa Hưng năm 2023 — ")


def test_the_plans_used_before_are_listed_once_each_and_only_as_kept(tmp_path):
    """A plan put back and replaced again is listed once (its latest); the one in use is
    not listed; a kept file that is no plan is said so, with no "Dùng lại"; a name the
    list does not show is neither downloaded nor put in use."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    for name, body in (("nh.xlsx", NH_MASTER), ("hh.xlsx", HH_MASTER), ("nh.xlsx", NH_MASTER)):
        _put_plan(client, data={"csrf": token}, files={"master": (name, body.read_bytes())})
    assert len(list((data / "ke-hoach-cu").glob("ke-hoach-*.xlsx"))) == 3
    listed = _earlier(html.unescape(client.get("/").text))
    assert [shown.split(" — ")[1] for shown, _ in listed] == ["Ủy ban nhân dân huyện Hoằng Hóa"]
    (data / "ke-hoach-cu" / "ke-hoach-20260101-080000-000000.xlsx").write_bytes(b"not a zip")
    listed = _earlier(html.unescape(client.get("/").text))
    assert len(listed) == 2 and listed[1][0].startswith(
        "Không đọc được ke-hoach-20260101-080000-000000.xlsx: ") and listed[1][1] == ""
    # Versions told apart: what each holds, and errors; one with errors is not offered
    # in place of the usable plan in use (its "Dùng lại" always failed: a probe).
    wrong = openpyxl.load_workbook(HH_MASTER)
    next(c for row in wrong["Kế hoạch"].iter_rows() for c in row
         if c.value == "Năm kế hoạch").offset(0, 1).value = "hai nghìn"
    wrong.save(data / "ke-hoach-cu" / "ke-hoach-20260101-090000-000000.xlsx")
    page = html.unescape(client.get("/").text)
    rows = re.findall(r"<tr>(.*?)</tr>", page[page.index('id="ke-hoach-cu"'):], re.S)[1:4]
    assert "34 nhiệm vụ, 47 đơn vị" in rows[0] and "còn" not in rows[0] and "Dùng lại" in rows[0]
    assert "còn 1 lỗi" in rows[1] and "Dùng lại" not in rows[1]
    before = (data / "ke-hoach.xlsx").read_bytes()
    for name in ("ke-hoach.xlsx", "../ke-hoach.xlsx", "ke-hoach-20260101-080000-000001.xlsx"):
        assert client.get(f"/ke-hoach/cu/{name.replace('/', '%2F')}").status_code == 404
        said = html.unescape(client.post("/ke-hoach/dung-lai",
                                         data={"csrf": token, "name": name}).text)
        assert f"Không có bảng kế hoạch '{name}' trong mục 'Bảng kế hoạch dùng trước đây'" in said
    # The unreadable one asked for (a page shown before it was damaged): refused, said of
    # the plan listed, not of the data folder ("tệp ke-hoach-cu/…", a QA pass).
    name = "ke-hoach-20260101-080000-000000.xlsx"
    said = client.post("/ke-hoach/dung-lai", data={"csrf": token, "name": name}).text
    assert ("error", f"Không dùng lại được '{name}': tệp của bảng đó không đọc được (có thể "
            "đã bị sửa hoặc hỏng sau khi tải trang). Bảng kế hoạch đang dùng được giữ "
            "nguyên.", []) in notices(said)
    assert (data / "ke-hoach.xlsx").read_bytes() == before


def test_the_plans_used_before_read_no_more_than_they_list(tmp_path, monkeypatch):
    """Each kept plan is a whole master to read: past the ten listed, the older files are
    counted, not read (years of replacements were all read at the page's first showing)."""
    from datetime import datetime, timedelta

    from cchc_xl.web import earlier as E

    folder = tmp_path / "ke-hoach-cu"
    folder.mkdir()
    start = datetime(2026, 1, 1, 8)
    for n in range(E.LISTED_MAX + 5):
        (folder / E.kept_name(start + timedelta(hours=n))).write_bytes(b"%d" % n)
    read: list[str] = []

    def plan(self, path, when):
        read.append(path.name)
        return E.EarlierPlan(path.name, when, path.name, None, "x")

    monkeypatch.setattr(E.EarlierPlans, "_plan", plan)
    listed = E.EarlierPlans(folder).listed(None)
    assert len(listed.plans) == len(read) == E.LISTED_MAX and listed.older == 5
    assert read[0] == E.kept_name(start + timedelta(hours=E.LISTED_MAX + 4))  # newest first


def test_a_plan_is_put_in_place_only_once_the_running_job_has_ended(tmp_path):
    """"Dùng lại" clicked while a merge ran: the merge then wrote Hoằng Hóa's
    consolidated workbook and feedback under Nghĩa Hưng's plan (a probe). Putting a
    plan in place waits for the job running, and the next job for it."""
    from support.paths import NH_MASTER

    data = _with_master(tmp_path)
    client = _client(data)
    token = _token(client)
    _put_plan(client, data={"csrf": token},
                files={"master": ("nh.xlsx", NH_MASTER.read_bytes())})
    ((_, name),) = _earlier(html.unescape(client.get("/").text))
    running, release = threading.Event(), threading.Event()

    def merging(job):  # stands for a merge of the plan in use
        running.set()
        release.wait(30)
        return {}

    client.app.state.runner.submit("merge", "Gộp", merging, key="9T")
    assert running.wait(10)
    done = threading.Thread(target=lambda: client.post(
        "/ke-hoach/dung-lai", data={"csrf": token, "name": name}))
    done.start()
    time.sleep(0.5)
    assert (data / "ke-hoach.xlsx").read_bytes() == NH_MASTER.read_bytes()  # still waiting
    release.set()
    done.join(30)
    assert not done.is_alive()
    assert (data / "ke-hoach.xlsx").read_bytes() == HH_MASTER.read_bytes()


def test_the_question_says_what_the_new_version_changes_from_the_plan_in_use(tmp_path):
    """An amended plan imported in December was asked about with "20 nhiệm vụ" beside
    the 19 in use and nothing more: which task was added, which deadline moved, the office
    could not tell before answering (a QA pass). The question names them; the same table
    again names nothing."""
    from cchc_xl.master import load_master
    from cchc_xl.master.write import write_master

    master = load_master(HH_MASTER)
    rows = list(master.deliverables())
    moved = next(d for d in rows if d.deadline.raw != rows[0].deadline.raw)
    rows[0].deadline, moved.deadline = moved.deadline, rows[0].deadline
    other = next(d for d in rows if d.lead and d.lead != rows[1].lead)
    rows[1].lead, rows[1].lead_text = list(other.lead), other.lead_text
    write_master(master, tmp_path / "sua.xlsx")
    data, client, token, _ = _held_plan(tmp_path)  # the same table: no change to name
    page = html.unescape(client.get("/").text)
    assert 'id="thay-bang"' in page and "So với bảng đang dùng" not in page
    place = client.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                        files={"master": ("sua.xlsx", (tmp_path / "sua.xlsx").read_bytes())}
                        ).headers["location"]
    page = html.unescape(client.get(place).text)
    card = page[page.index('id="thay-bang"'):]
    said = re.search(r'<p class="changes">([^<]+)</p>', card)[1]
    assert said.startswith("So với bảng đang dùng: ") and said.endswith(".")
    assert f"đổi đơn vị chủ trì 1 nhiệm vụ ({rows[1].id})" in said
    assert f"đổi thời hạn 2 nhiệm vụ ({', '.join(sorted([rows[0].id, moved.id]))})" in said
