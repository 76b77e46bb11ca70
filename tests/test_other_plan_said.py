"""A refused file of another plan is said as such, not as nobody's (a QA pass): a unit's
file of another plan (last year's, another office's) is refused and counted as nobody's
report (docs/validation.md), but the merge's line said "Tệp bị từ chối không rõ của đơn
vị nào (1): … — tìm đơn vị đã gửi …" and Thu nhận listed it under "Tệp không nhận ra của
đơn vị nào", beside its refusal naming the unit. Now both say what it is (whose it says
it is, and its plan's code) and what to do (ask this plan's unit of that name for the
file given for this period); a file that truly gives no unit stays on the "không rõ"
line."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl.assignment import Identity
from cchc_xl.cli import main
from cchc_xl.intake.identify import FIND_THE_SENDER
from cchc_xl.master import load_master
from cchc_xl.vocab import RETURN_MISSING
from make_sample_returns import fill_return
from support.mistakes import split_dir
from support.paths import HH_MASTER
from support.web import _client, _sent, _token, _with_master

OTHER = "X07-Xã-Hoằng-Đồng.xlsx"
WHAT = "tệp của đơn vị 'X07' (Xã Hoằng Đồng) thuộc một kế hoạch khác (mã 'hoang-hoa-2023-cu')"
TODO = ("đề nghị Xã Hoằng Đồng (X07), đơn vị của kế hoạch này, gửi tệp được giao cho kỳ 9 "
        "tháng năm 2023")
NOBODY = ("Tệp bị từ chối không rõ của đơn vị nào (1): Bao-cao.xlsx — " + FIND_THE_SENDER
          + " (lý do của từng tệp ở trang 'Vấn đề').")


def _two_refused(tmp_path):
    """X07's file of another plan (the same units, another code: the plan as first
    issued, since imported again) and an empty file whose name says no unit."""
    master = load_master(HH_MASTER)
    older = replace(master, plan=replace(master.plan, code="hoang-hoa-2023-cu"))
    issued = split_dir(older, "9T", tmp_path / "cu", ("X07",))
    sent = tmp_path / "nhan-ve"
    fill_return(issued["X07"], sent / OTHER, {})
    (sent / "Bao-cao.xlsx").write_bytes(b"")
    return sent


def _words(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(page)).split())


def test_merge_says_a_file_of_another_plan_apart_from_files_of_no_unit(tmp_path):
    sent = _two_refused(tmp_path)
    done = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), "--period", "9T",
                                     "--out", str(tmp_path / "tong-hop.xlsx")])
    assert done.exit_code == 1, done.output
    lines = done.output.splitlines()
    at = lines.index("Tệp bị từ chối của kế hoạch khác, không tính cho đơn vị nào (1; lý do "
                     "ở trang 'Vấn đề'):")
    assert lines[at + 1] == f"  {OTHER}: {WHAT}: {TODO}.", lines[at:at + 3]
    assert lines[at + 2] == NOBODY, done.output  # the empty file alone is nobody's
    # Its refusal says the same, between what it is and what to do: why it is not counted;
    # on the "Vấn đề" sheet, not again among the first problems under the block naming it
    # (a QA pass: 40 files of last year's plan, said twice), where the empty file's is.
    refusal = (f"{WHAT}, không phải kế hoạch cải cách hành chính năm 2023 đang gộp (mã "
               f"'hoang-hoa-2023'): {TODO}")
    first = lines[next(i for i, line in enumerate(lines)
                       if line.startswith("Các vấn đề đầu tiên")) + 1:]
    assert refusal not in done.output
    assert any("Bao-cao.xlsx" in line for line in first if line.startswith("  ")), first
    sheet = load_workbook(tmp_path / "tong-hop.xlsx")["Vấn đề"]
    assert any(refusal in str(c.value) for row in sheet.iter_rows() for c in row)
    # Counted as before: no unit sent a report of this plan, X07 among them.
    assert any(line.startswith("Đơn vị đã gửi: 0/47; chưa gửi: ") for line in lines), lines


def test_thu_nhan_lists_a_file_of_another_plan_apart(tmp_path):
    sent = _two_refused(tmp_path)
    client = _client(_with_master(tmp_path))
    state = _sent(client, _token(client), [(p.name, p.read_bytes())
                                          for p in sorted(sent.iterdir())])
    assert f"  {OTHER}: {WHAT}: {TODO}." in state["result"]["summary"].splitlines()
    assert NOBODY in state["result"]["summary"].splitlines()
    page = _words(client.get("/thu-nhan?ky=9T").text)
    assert (f"Tệp của kế hoạch khác, không tính cho đơn vị nào (1) {OTHER} : {WHAT}: {TODO} "
            "Tệp không nhận ra của đơn vị nào (1) Bao-cao.xlsx :") in page, page
    nobodys = page[page.index("Tệp không nhận ra của đơn vị nào"):]
    assert OTHER not in nobodys


def test_a_unit_this_plan_does_not_have_is_found_by_whoever_sent_it():
    """A file of another office's plan, of a unit whose name this plan has not: nobody
    of this plan is named; the office finds who sent it. A name this plan has is its unit,
    whatever its code in the other plan ("NV" of one plan may be another unit here)."""
    from cchc_xl.intake.identify import another_plans_file

    master = load_master(HH_MASTER)
    period = master.period("9T")
    theirs = Identity(plan="nga-son-2023", year=2023, unit="X07", unit_name="Xã Nga Bạch",
                      period="9T")
    assert another_plans_file(theirs, master, period) == (
        "tệp của đơn vị 'X07' (Xã Nga Bạch) thuộc một kế hoạch khác (mã 'nga-son-2023')",
        "tên đơn vị trong tệp không có trong trang 'Đơn vị' của bảng kế hoạch này, nên cần "
        + FIND_THE_SENDER)
    renamed = replace(theirs, unit="X99", unit_name="Xã Hoằng Đồng")
    assert another_plans_file(renamed, master, period)[1] == TODO
    assert another_plans_file(replace(theirs, plan=master.plan.key), master, period) is None


def test_many_files_of_another_plan_are_bounded(tmp_path):
    """In January a province's communes send last year's file by the dozen (a QA pass at
    150 units, 40 of them: Thu nhận listed 40 four-line sentences, a wall of text before
    the lists below it, 160 lines at a phone's width). The merge's summary names the first
    few and counts the rest; Thu nhận names as many, counts them in the heading, and keeps
    the rest behind "Xem thêm … tệp khác"."""
    from cchc_xl.merge.result import SAID_APART_NAMED

    master = load_master(HH_MASTER)
    older = replace(master, plan=replace(master.plan, code="hoang-hoa-2023-cu"))
    codes = tuple(u.code for u in master.units if u.code.startswith("X"))[:8]
    issued = split_dir(older, "9T", tmp_path / "cu", codes)
    sent = tmp_path / "nhan-ve"
    for path in issued.values():
        fill_return(path, sent / path.name, {})
    names = sorted(p.name for p in sent.iterdir())
    more = len(names) - SAID_APART_NAMED
    assert more > 0
    client = _client(_with_master(tmp_path))
    state = _sent(client, _token(client), [(n, (sent / n).read_bytes()) for n in names])
    lines = state["result"]["summary"].splitlines()
    at = lines.index(f"Tệp bị từ chối của kế hoạch khác, không tính cho đơn vị nào "
                     f"({len(names)}; lý do ở trang 'Vấn đề'):")
    assert [line.split(":")[0].strip() for line in lines[at + 1:at + 1 + SAID_APART_NAMED]
            ] == names[:SAID_APART_NAMED]
    assert lines[at + 1 + SAID_APART_NAMED] == f"  ... và {more} tệp khác."
    page = client.get("/thu-nhan?ky=9T").text
    block = page[page.index("<h3>Tệp của kế hoạch khác, không tính cho đơn vị nào"):]
    block = block[:block.index("</details>")]
    assert block.startswith(
        f"<h3>Tệp của kế hoạch khác, không tính cho đơn vị nào ({len(names)})</h3>")
    shown, rest = block.split(f'<details class="more-files"><summary>Xem thêm {more} tệp '
                              "khác</summary>")
    assert shown.count("<li>") == SAID_APART_NAMED and rest.count("<li>") == more
    assert all(html.escape(n) in shown for n in names[:SAID_APART_NAMED])
    assert all(html.escape(n) in rest for n in names[SAID_APART_NAMED:])


def _last_years(tmp_path, count: int):
    """The merge of ``count`` communes' files of last year's plan (the same units, the
    year before): refused, counted for no unit; the plan's units and the folder merged."""
    master = load_master(HH_MASTER)
    older = replace(master, plan=replace(master.plan, year=master.plan.year - 1,
                                         code="hoang-hoa-2022"))
    communes = [u for u in master.units if u.code.startswith("X")][:count]
    issued = split_dir(older, "9T", tmp_path / "cu", tuple(u.code for u in communes))
    sent = tmp_path / "nhan-ve"
    for path in issued.values():
        fill_return(path, sent / path.name, {})
    merged = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(sent), "--period", "9T",
                                       "--out", str(tmp_path / "tong-hop.xlsx")])
    assert merged.exit_code == 1, merged.output
    return master, communes, merged.output


LAST_YEARS = "đã gửi tệp của kế hoạch năm 2022, không phải tệp được giao kỳ này"


def _remind(tmp_path):
    """The reminder letter's body and tables, and the mail-merge list's rows by unit."""
    import csv

    from docx import Document

    from cchc_xl.ledger import LEDGER_NAME

    letter, listed = tmp_path / "don-doc.docx", tmp_path / "ds.csv"
    done = CliRunner().invoke(main, ["remind", str(tmp_path / LEDGER_NAME), "--period", "9T",
                                     "--out", str(letter), "--csv", str(listed)])
    assert done.exit_code == 0, done.output
    doc = Document(str(letter))
    body = "\n".join(p.text for p in doc.paragraphs).replace("\xa0", " ")
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    with open(listed, encoding="utf-8-sig", newline="") as fh:
        rows = {r["Đơn vị"]: r for r in csv.DictReader(fh)}
    return body, cells, rows


def test_reminder_says_which_units_sent_last_years_file(tmp_path):
    """A commune that sent last year's file is among "Đơn vị chưa gửi báo cáo" (the file
    counts for no unit), but will say it did send (a QA pass at a province's scale: 40
    communes named with nothing more). Where the letter names it, and in its row of the
    mail-merge list, what it sent is said; the count stays."""
    master, communes, _ = _last_years(tmp_path, 12)
    body, cells, rows = _remind(tmp_path)
    # More than ten communes: counted in the body, named in the annex, each with its note.
    assert "Trong đó, 12 đơn vị (ghi chú tại Phụ lục) " + LAST_YEARS + ", nên chưa được " \
        "tính là đã gửi báo cáo." in body, body
    for u in communes:
        assert f"{u.name} ({LAST_YEARS})" in cells
        assert rows[u.name]["Tình trạng"] == RETURN_MISSING
        assert rows[u.name]["Việc cần làm"] == ("Gửi tệp báo cáo của kỳ (tệp đã được giao); "
                                                f"đơn vị {LAST_YEARS}.")
    others = [u for u in master.units if u not in communes and u.name in rows]
    assert others and all(rows[u.name]["Việc cần làm"] == "Gửi tệp báo cáo của kỳ (tệp đã "
                          "được giao)." for u in others)
    assert all(u.name in cells for u in others if u.code.startswith("X"))


def test_reminder_names_a_few_that_sent_last_years_file_in_its_body(tmp_path):
    _, communes, _ = _last_years(tmp_path, 2)
    body, _, rows = _remind(tmp_path)
    assert (f"Trong đó, {communes[0].name}; {communes[1].name} {LAST_YEARS}, nên chưa được "
            "tính là đã gửi báo cáo.") in body, body
    assert rows[communes[1].name]["Việc cần làm"].endswith(f"; đơn vị {LAST_YEARS}.")
