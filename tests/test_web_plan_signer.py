"""The plan page's "Người ký và cơ quan gửi": the signer's name and title, who sends the
letters and the Word report (a People's Committee's province plan: the committee or the
Sở Nội vụ) and "Nơi nhận báo cáo", typed on the page and written into the plan table in
use (only those cells), the table before kept as an upload keeps it; the letters and the
report made after say them. Before, the office downloaded the table, edited the sheet in
Excel and uploaded it again (web/pages/signer.py)."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from datetime import date

import openpyxl
from test_figures import figures_master
from test_sender import SNV_HEAD, _head, _province, _signature, commune_folder

from cchc_xl.master import read_master
from cchc_xl.master.write import write_master
from cchc_xl.web import plan_periods
from support.paths import HH_MASTER
from support.web import _client, _job, _nv_and_tp_merged, _put_plan, _token

SIGNER = "Lê Văn Bình"


def _province_folder(tmp_path, sender: str = ""):
    """A data folder with a province committee's plan, its plan sheet dressed by the
    office (a note beside a row, a fill) to be kept."""
    data = tmp_path / "data"
    data.mkdir()
    path = write_master(_province(figures_master(), sender), data / "ke-hoach.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Kế hoạch"]
    ws["D2"] = "Ghi chú của phòng: kiểm tra lại số ký hiệu"
    ws["A2"].fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    wb.save(path)
    return data


def _plan_cells(path) -> dict[str, object]:
    """The plan sheet's rows as read in Excel: label in A, value in B."""
    ws = openpyxl.load_workbook(path)["Kế hoạch"]
    return {row[0].value: row[1].value for row in ws.iter_rows(max_col=2) if row[0].value}


def _form(client, **fields) -> str:
    """The form sent with the page's token and plan, ``fields`` over the values shown:
    the page it comes back to, as text."""
    page = client.get("/").text
    sent = {"csrf": re.search(r'data-csrf="([^"]+)"', page)[1],
            "plan": re.search(r'name="plan" value="([0-9a-f]+)"', page)[1], **fields}
    return html.unescape(client.post("/ke-hoach/nguoi-ky", data=sent).text)


def _card(page: str) -> str:
    start = page.index('id="nguoi-ky"')
    return page[start:page.index("</section>", start)]


def test_the_signer_and_the_sender_typed_go_into_the_plan_table_and_the_letters(
        tmp_path, monkeypatch):
    data = _province_folder(tmp_path)
    before = (data / "ke-hoach.xlsx").read_bytes()
    tasks_before = read_master(data / "ke-hoach.xlsx")[0].areas
    client = _client(data)
    card = html.unescape(_card(client.get("/").text))
    # The sender a choice of the committee and its Sở Nội vụ, the committee's now.
    assert re.search(r'value="" checked> Ủy ban nhân dân tỉnh Thử \(cơ quan ban hành', card)
    assert 'value="Sở Nội vụ"> Sở Nội vụ tỉnh Thử' in card
    assert "khi Sở Nội vụ tỉnh Thử gửi, in KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" in card

    page = _form(client, signer="  Lê  Văn Bình ", signer_title="KT. GIÁM ĐỐC\r\nPHÓ GIÁM ĐỐC",
                 sender="Sở Nội vụ", return_to="Phòng CCHC, Sở Nội vụ, cchc@thu.gov.vn")
    assert ("Đã ghi vào bảng kế hoạch đang dùng — Người ký báo cáo: Lê Văn Bình; Chức vụ "
            "người ký: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC; Cơ quan gửi công văn, báo cáo: Sở Nội "
            "vụ tỉnh Thử; Nơi nhận báo cáo: Phòng CCHC, Sở Nội vụ, cchc@thu.gov.vn.") in page
    assert "Bảng kế hoạch trước khi sửa không mất" in page
    # The table in use, as Excel reads it: those cells, the office's own kept.
    cells = _plan_cells(data / "ke-hoach.xlsx")
    assert cells["Người ký báo cáo"] == SIGNER
    assert cells["Chức vụ người ký"] == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert cells["Cơ quan gửi công văn, báo cáo"] == "Sở Nội vụ"
    assert cells["Nơi nhận báo cáo"] == "Phòng CCHC, Sở Nội vụ, cchc@thu.gov.vn"
    ws = openpyxl.load_workbook(data / "ke-hoach.xlsx")["Kế hoạch"]
    assert ws["D2"].value == "Ghi chú của phòng: kiểm tra lại số ký hiệu"
    assert ws["A2"].fill.fgColor.rgb.endswith("FFFF00")
    master, found = read_master(data / "ke-hoach.xlsx")
    assert (master.plan.signer, master.plan.sender) == (SIGNER, "Sở Nội vụ")
    assert master.areas == tasks_before
    assert not [f for f in found if f.code == "plan-sender-ignored"]
    # The table before kept, as an upload keeps it ("Dùng lại" lists it).
    (kept,) = (data / "ke-hoach-cu").iterdir()
    assert kept.read_bytes() == before
    assert "Dùng lại" in client.get("/").text
    # The form shows the values now in use; the plan card says who sends.
    card = html.unescape(_card(client.get("/").text))
    assert f'value="{SIGNER}"' in card and 'value="Sở Nội vụ" checked' in card
    assert ">KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC</textarea>" in card

    # The reminder made after: the Sở Nội vụ's, signed by the name typed.
    monkeypatch.setattr(plan_periods, "today", lambda: date(2023, 3, 25))
    token = _token(client)
    _job(client, token, "/phan-hoi/Q1")
    letter = data / "don-doc-Q1.docx"
    assert _head(letter)[0] == SNV_HEAD
    assert _signature(letter).startswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    assert _signature(letter).rstrip().endswith(SIGNER), _signature(letter)


def test_the_report_made_before_is_out_of_date_and_the_one_made_after_is_signed(tmp_path):
    """A period whose report is due keeps the plan it was counted with; counted with the
    table before the edit, it is counted with the table edited (the same figures): its
    report made before is out of date, the one made again signed by the name typed."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    _job(client, token, "/bao-cao/9T")
    assert "stale-report" not in client.get("/bao-cao?ky=9T").text
    figures = openpyxl.load_workbook(data / "bao-cao-9T.xlsx").active
    before = [[c.value for c in row] for row in figures.iter_rows()]
    page = _form(client, signer=SIGNER, signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert "Số liệu kỳ 9 tháng năm 2023 không đổi, nay theo bảng kế hoạch đã sửa." in page
    assert ("Báo cáo Word, công văn đã lập trước đó (kỳ 9 tháng năm 2023) vẫn in người ký, "
            "cơ quan gửi cũ: lập lại ở trang Báo cáo, Phản hồi") in page
    # No sender to choose on a district's plan.
    assert 'name="sender"' not in _card(client.get("/").text)
    assert "stale-report" in client.get("/bao-cao?ky=9T").text
    _job(client, token, "/bao-cao/9T")
    signature = _signature(data / "bao-cao-9T.docx")
    assert signature.startswith("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH") and SIGNER in signature
    figures = openpyxl.load_workbook(data / "bao-cao-9T.xlsx").active
    after = [[c.value for c in row] for row in figures.iter_rows()]
    assert [r for r in after if "lập lúc" not in str(r)] == \
        [r for r in before if "lập lúc" not in str(r)]


def test_a_commune_plan_has_no_sender_to_choose_and_refuses_one(tmp_path):
    data = commune_folder(tmp_path)
    before = (data / "ke-hoach.xlsx").read_bytes()
    client = _client(data)
    card = _card(client.get("/").text)
    assert 'name="sender"' not in card and 'name="signer"' in card
    assert "khi " not in html.unescape(card).split("Để trống: ")[-1].split("</span>")[0]
    page = _form(client, signer=SIGNER, sender="Sở Nội vụ")
    assert ("Không dùng “Cơ quan gửi công văn, báo cáo” với kế hoạch này: công văn, báo cáo "
            "do UBND xã ban hành, không chọn cơ quan khác gửi.") in page
    assert (data / "ke-hoach.xlsx").read_bytes() == before
    # Without it, the signer is written; the sender cell left as it was.
    page = _form(client, signer=SIGNER)
    assert "Đã ghi vào bảng kế hoạch đang dùng — Người ký báo cáo: Lê Văn Bình." in page
    assert _plan_cells(data / "ke-hoach.xlsx")["Cơ quan gửi công văn, báo cáo"] is None


def test_what_cannot_be_printed_is_refused_with_why_and_the_table_kept(tmp_path):
    data = _province_folder(tmp_path)
    before = (data / "ke-hoach.xlsx").read_bytes()
    client = _client(data)
    for fields, said in (
            ({"sender": "Sở Nội vụ", "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"},
             "Chức vụ “TM. ỦY BAN NHÂN DÂN …” là của Ủy ban nhân dân, không dùng khi Sở Nội "
             "vụ gửi: ghi chức vụ ở cơ quan gửi, ví dụ KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC, hoặc để "
             "trống."),
            ({"signer": "PHÓ CHỦ TỊCH"},
             "“PHÓ CHỦ TỊCH” là chức vụ: ô “Người ký báo cáo” ghi họ và tên người ký"),
            ({"signer_title": "A\nB\nC\nD\nE"}, "“Chức vụ người ký” có quá 4 dòng"),
            ({"signer": "x" * 81}, "“Người ký báo cáo” dài quá 80 ký tự: ghi ngắn lại."),
            ({"sender": "Văn phòng Chính phủ"}, "Chọn cơ quan gửi công văn, báo cáo trong "
                                                "các lựa chọn của mục này.")):
        page = _form(client, **fields)
        assert said in page, (fields, _card(page))
        assert 'aria-invalid="true"' in _card(page)
        assert (data / "ke-hoach.xlsx").read_bytes() == before
    # What was typed is shown again with the refusal, to correct.
    page = _form(client, signer="Trần Thị C", signer_title="TM. ỦY BAN NHÂN DÂN",
                 sender="Sở Nội vụ")
    assert 'value="Trần Thị C"' in _card(page) and 'value="Sở Nội vụ" checked' in _card(page)
    assert not (data / "ke-hoach-cu").exists()
    # The same values: nothing written, nothing kept.
    assert "Không có gì thay đổi" in _form(client, signer="", signer_title="")
    assert not (data / "ke-hoach-cu").exists()


def test_the_form_needs_its_token_and_the_plan_it_was_shown_with(tmp_path):
    data = _province_folder(tmp_path)
    before = (data / "ke-hoach.xlsx").read_bytes()
    client = _client(data)
    page = client.get("/").text
    plan = re.search(r'name="plan" value="([0-9a-f]+)"', page)[1]
    refused = client.post("/ke-hoach/nguoi-ky", data={"csrf": "x", "plan": plan,
                                                      "signer": SIGNER})
    assert refused.status_code == 403
    # Another plan put in place since the page was shown (another tab): nothing written.
    said = _form(client, plan="0" * 64, signer=SIGNER)
    assert "Bảng kế hoạch đang dùng đã được thay sau khi mở trang này" in said
    assert (data / "ke-hoach.xlsx").read_bytes() == before


def _with_a_formula(path, sheet: str, text: str) -> None:
    """``path`` as Excel saves a cell computed by a formula: the cell holding ``text``
    on ``sheet`` made ="text", its value cached beside the formula (openpyxl writes
    none; Excel and LibreOffice do, and the tool reads the cached value)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    (cell,) = [c for row in ws.iter_rows() for c in row if c.value == text]
    cell.value = f'="{text}"'
    part = f"xl/worksheets/sheet{wb.sheetnames.index(sheet) + 1}.xml"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts[part].decode()
    xml, n = re.subn(rf'<c r="{cell.coordinate}"( s="\d+")?>(<f>.*?</f>)<v\s*(?:/>|></v>)',
                     lambda m: f'<c r="{cell.coordinate}"{m[1] or ""} t="str">{m[2]}'
                               f"<v>{html.escape(text)}</v>", xml)
    assert n == 1
    parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)


def test_a_table_that_would_read_otherwise_once_rewritten_is_left_as_it_is(tmp_path):
    """A value computed by a formula in the office's table: rewritten by the tool, it
    would lose the value Excel cached (openpyxl keeps the formula only), and the task
    read empty. The table read back is compared with the one in use: refused, said, the
    table in use kept."""
    data = tmp_path / "data"
    data.mkdir()
    path = data / "ke-hoach.xlsx"
    shutil.copyfile(HH_MASTER, path)
    master = read_master(path)[0]
    product = master.areas[0].tasks[0].deliverables[0].product
    _with_a_formula(path, master.areas[0].sheet, product)
    assert read_master(path)[0].areas == master.areas  # the cached value read
    before = path.read_bytes()
    page = _form(_client(data), signer=SIGNER)
    assert ("Chưa ghi được vào bảng kế hoạch, bảng đang dùng giữ nguyên: ghi lại bảng thì cả "
            "phần khác ngoài các ô này cũng đổi (có thể vì có ô tính bằng công thức); tải bảng "
            "kế hoạch về, sửa các ô đó trong Excel rồi tải lên lại.") in page, page
    assert path.read_bytes() == before
    assert not (data / "ke-hoach-cu").exists()
    assert not list((data / ".cchc-web" / "tai-len").rglob("*.xlsx"))


def test_a_sender_written_in_full_is_the_choice_and_stays_as_written(tmp_path):
    """The sheet's "Sở Nội vụ tỉnh Thử" is the choice "Sở Nội vụ": the signer saved, the
    cell the office wrote is left as it was."""
    data = _province_folder(tmp_path, sender="Sở Nội vụ tỉnh Thử")
    client = _client(data)
    assert 'value="Sở Nội vụ" checked' in html.unescape(_card(client.get("/").text))
    page = _form(client, signer=SIGNER, sender="Sở Nội vụ")
    assert "Đã ghi vào bảng kế hoạch đang dùng — Người ký báo cáo: Lê Văn Bình." in page
    assert _plan_cells(data / "ke-hoach.xlsx")["Cơ quan gửi công văn, báo cáo"] == \
        "Sở Nội vụ tỉnh Thử"


def test_the_sender_changed_alone_says_whose_signature_the_name_is_under_now(tmp_path):
    """The Sở Nội vụ's deputy director typed as the signer, then the sender set back to
    the committee: the name stays and was printed under 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ
    TỊCH / PHÓ CHỦ TỊCH', the notice saying only the sender (a QA pass). The notice says
    the name kept, under whose title now, and where to change it."""
    client = _client(_province_folder(tmp_path))
    _form(client, signer=SIGNER, sender="Sở Nội vụ")
    page = _form(client, signer=SIGNER, sender="")
    assert ("Đã ghi vào bảng kế hoạch đang dùng — Cơ quan gửi công văn, báo cáo: Ủy ban "
            "nhân dân tỉnh Thử.") in page
    assert (f"Người ký báo cáo vẫn là {SIGNER}, nay in dưới chức vụ TM. ỦY BAN NHÂN DÂN / "
            "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH: người ký khác thì sửa ô “Người ký báo cáo”.") \
        in page, page
    page = _form(client, signer="", sender="Sở Nội vụ")
    assert "Người ký báo cáo vẫn là" not in page


def test_a_table_put_in_place_without_the_signer_says_what_the_one_before_set(tmp_path):
    """The year's turn: the Sở Nội vụ set as sender and a signer typed on this year's
    table, next year's table uploaded in its place has those rows blank. The letters go
    back to the committee's; the notice said nothing of it (a QA pass). It now says what
    the table before set, and where to set it again."""
    data = _province_folder(tmp_path, sender="Sở Nội vụ")
    client = _client(data)
    _form(client, signer=SIGNER, signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
          sender="Sở Nội vụ", return_to="")
    blank = write_master(_province(figures_master(), ""), tmp_path / "ke-hoach-moi.xlsx")
    page = html.unescape(_put_plan(client, data={"csrf": _token(client)}, files={
        "master": ("ke-hoach-moi.xlsx", blank.read_bytes())}).text)
    assert ("Bảng mới không ghi như bảng trước về người ký và cơ quan gửi (bảng trước: "
            "Người ký báo cáo: Lê Văn Bình; Chức vụ người ký: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC; "
            "Cơ quan gửi công văn, báo cáo: Sở Nội vụ tỉnh Thử): công văn, báo cáo lập từ nay "
            "theo bảng mới; nếu vẫn như trước, ghi lại ở mục “Người ký và cơ quan gửi” trên "
            "trang này.") in page, page[page.find("Bảng kế hoạch dùng"):][:1500]
    # The same table again says nothing of it.
    again = html.unescape(_put_plan(client, data={"csrf": _token(client)}, files={
        "master": ("ke-hoach-moi.xlsx", blank.read_bytes())}).text)
    assert "Bảng mới không ghi như bảng trước" not in again
