"""The reminder letter's "Đơn vị chưa gửi báo cáo" for a province (15 sở, 166 xã,
phường): more than ten communes are counted in the body and listed in an annex of their
own, "Danh sách đơn vị chưa gửi báo cáo", which the body points to; ten or fewer are
named in the body, with no such annex.

A QA pass: with 100 communes not sent, the body named all 100 (fourteen lines), and the
annex, which lists only the items to fix, named none of them.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from cchc_xl import ledger as L
from cchc_xl.answer import Answer
from cchc_xl.cli import main
from cchc_xl.deadlines import parse_deadline
from cchc_xl.findings import Finding
from cchc_xl.letters.remind import write_reminders
from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.model import Area, Deliverable, Task
from cchc_xl.unit_names import COMMUNE_PREFIX
from cchc_xl.vocab import COMMUNE, ERROR, RETURN_MISSING

AT = datetime(2026, 12, 10, 8)


def _record(ledger, master, files: Path, code: str, accepted: bool,
            why: str = "ô trạng thái để trống", received: date = date(2026, 12, 10)) -> None:
    """``code``'s file of the year as merge records it: every row done, or refused
    (``why``), received on ``received``."""
    path = files / f"{code}.xlsx"
    path.write_bytes(code.encode())
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    ledger.archive(path, sha, path.stat().st_size, AT)
    rows = [Answer(d.id, d.role_of(code), "Thể chế", 5, "Đã hoàn thành", 100,
                   date(2026, 6, 10), "Báo cáo số 1", "")
            for d in master.deliverables() if d.role_of(code)] if accepted else []
    refused = [] if accepted else [Finding(ERROR, "status-invalid", why,
                                           unit=code, sheet="Thể chế", cell="K5")]
    ledger.add(sha256=sha, plan_key=master.plan.key, period="NAM", unit=code,
               path=str(path), kind="xlsx", saved_at=AT, modified_at=None, merged_at=AT,
               accepted=accepted, identity=None, findings=refused, rows=rows,
               received=received)


def _letter(tmp_path: Path, missing: int, refused: int = 0, why: str | None = None,
            late: int = 0):
    """The reminder for the year of Thanh Hóa's plan (every department leads a task, every
    commune another): all but two departments and all but the last ``missing`` communes
    sent (the first ``refused`` of those ``missing`` sent a file that was refused, ``why``;
    the last ``late`` of those that sent, a day after the due day, 20/12/2026).
    The body, the annex tables' cells, the units the CSV says have not sent, and the names
    of the communes not sent."""
    made = tmp_path / "init.xlsx"
    result = CliRunner().invoke(main, ["init", str(made), "--level", "tinh", "--province",
                                       "Thanh Hóa", "--year", "2026"])
    assert result.exit_code == 0, result.output
    master = load_master(made)
    communes = [u for u in master.units if u.kind == COMMUNE]
    others = [u for u in master.units if u.kind != COMMUNE]

    def product(did: str, lead: list) -> Deliverable:
        return Deliverable(id=did, product="Báo cáo", deadline=parse_deadline(
            "Tháng 6/2026", 2026), lead_text=", ".join(u.name for u in lead),
            lead=[u.code for u in lead])

    area = Area("TC", "Cải cách thể chế", "Thể chế", "", tasks=[
        Task("TC-01", "1", "Rà soát văn bản", [product("TC-01", others)]),
        Task("TC-02", "2", "Tuyên truyền", [product("TC-02", communes)])])
    master = load_master(write_master(replace(master, areas=[area]), tmp_path / "kh.xlsx"))
    db = tmp_path / L.LEDGER_NAME
    (tmp_path / "files").mkdir()
    behind = communes[len(communes) - missing:]
    with L.Ledger(db) as ledger:
        ledger.save_plan(master, AT)
        sent = others[2:] + communes[:len(communes) - missing]
        for n, u in enumerate(sent):
            _record(ledger, master, tmp_path / "files", u.code, True, received=date(
                2026, 12, 21) if n >= len(sent) - late else AT.date())
        for u in behind[:refused]:
            _record(ledger, master, tmp_path / "files", u.code, False,
                    *([why] if why else []))
        ledger.settle(master.plan.key, "NAM")
    letter, listed = tmp_path / "don-doc.docx", tmp_path / "ds.csv"
    write_reminders(db, "NAM", letter, list_out=listed, deadline=date(2026, 12, 28),
                    today=date(2026, 12, 22))
    doc = Document(str(letter))
    body = "\n".join(p.text for p in doc.paragraphs).replace("\xa0", " ")
    cells = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    with open(listed, encoding="utf-8-sig", newline="") as fh:
        unsent = [r["Đơn vị"] for r in csv.DictReader(fh) if r["Tình trạng"] == RETURN_MISSING]
    return body, cells, unsent, [COMMUNE_PREFIX.sub("", u.name) for u in behind], [
        u.name for u in sent[len(sent) - late:]] if late else []


def _annexed_lists(tables: list[list[list[str]]]) -> list[list[str]]:
    """Each annexed list of units, its names in order: the rows of a table whose header
    is "TT | Đơn vị | TT | Đơn vị …", a number then a name."""
    return [[name for row in rows[1:] for n, name in zip(row[::2], row[1::2], strict=True)
             if n] for rows in tables if rows and rows[0][:2] == ["TT", "Đơn vị"]]


def _annexed(tables: list[list[list[str]]]) -> list[str]:
    """The units the letter's annexed lists name, in order (the units not sent, when the
    letter lists no others)."""
    return [name for names in _annexed_lists(tables) for name in names]


def test_many_communes_not_sent_are_counted_and_listed_in_an_annex(tmp_path) -> None:
    body, cells, unsent, names, _ = _letter(tmp_path, 100, refused=1)
    # 99 not sent, the 100th's file refused (named in its own section).
    assert ("1. Đơn vị chưa gửi báo cáo (101)\nVăn phòng UBND tỉnh; Sở Nội vụ; 99 xã, "
            "phường (có tên tại Phụ lục I kèm theo).") in body, body
    assert not any(name in body for name in names[1:4] + names[-3:]), body
    assert f"2. Đơn vị gửi tệp không đúng, bị từ chối (1)\n- Xã {names[0]}:" in body
    # The items to fix are the second annex, and said to be.
    assert "(trang, ô, nhiệm vụ và cách sửa) tại Phụ lục II kèm theo" in body
    assert "PHỤ LỤC I\nDANH SÁCH ĐƠN VỊ CHƯA GỬI BÁO CÁO" in body.replace("Phụ lục", "PHỤ LỤC")
    # The annex lists every unit not sent, as the mail-merge list does, in its order.
    assert len(unsent) == 101
    assert _annexed(cells) == unsent


def test_a_few_communes_not_sent_are_named_in_the_body(tmp_path) -> None:
    """Ten communes (and two departments): named in the body, about two lines; no annex
    lists them, and the items to fix, the only annex, are where they always were."""
    body, cells, unsent, names, _ = _letter(tmp_path, 10)
    assert ("Văn phòng UBND tỉnh; Sở Nội vụ; 10 xã, phường (" + ", ".join(names) + ").") \
        in body, body
    assert "có tên tại Phụ lục" not in body
    assert "DANH SÁCH ĐƠN VỊ CHƯA GỬI" not in body.upper()
    assert _annexed(cells) == []
    assert len(unsent) == 12


# How merge refuses a file sent back untouched (judged.py): why, then what to do.
UNTOUCHED = ("tệp chưa được điền (không ô nhập liệu nào thay đổi so với tệp được giao), nên "
             "không được tính là đã gửi báo cáo: đơn vị cập nhật kết quả của kỳ này vào tệp "
             "rồi gửi lại")


def test_refused_units_are_named_with_why_once_and_the_annex_says_what_to_do(tmp_path):
    """A province's letter quoted each refused commune's reason whole in the body ("- Xã A:
    tệp chưa được điền (…), nên không được tính là đã gửi báo cáo: đơn vị cập nhật …", two
    colons, the same sentence for each) and again in Phụ lục II ("Tệp bị từ chối: …", two
    colons again; a QA pass). The body names them together with why, once; what to do is
    the annex's, labelled as its other rows are ("[Lỗi] …")."""
    body, cells, _, names, _ = _letter(tmp_path, 14, refused=2, why=UNTOUCHED)
    why, todo = UNTOUCHED.split(": ")
    lines = body.split("\n")
    at = lines.index("2. Đơn vị gửi tệp không đúng, bị từ chối (2)")
    said = lines[at + 1]
    assert said.startswith("- ") and said.endswith(f"{names[1]}: {why}."), said
    assert f"{names[0]}; " in said and said.count(": ") == 1, said
    assert not lines[at + 2].startswith("- "), lines[at + 2]  # one line for both
    assert body.count(why) == 1 and todo not in body, body
    assert "(trang, ô, nhiệm vụ và cách sửa) tại Phụ lục II kèm theo" in body
    annexed = [row[-1] for table in cells for row in table if row and why in row[-1]]
    assert annexed == [f"[Tệp bị từ chối] {UNTOUCHED}"] * 2, annexed


def test_many_communes_sent_late_are_counted_and_listed_with_how_late(tmp_path) -> None:
    """120 communes sent a day late: the body counted them in a line, and the annex after
    the units not in lists each with how late (a QA pass: the body named 127 units, each
    "(muộn 78 ngày)", over two pages); what the refused file must fix is the third."""
    body, cells, unsent, _, late = _letter(tmp_path, 20, refused=1, late=120)
    assert len(late) == 120 and all(name.startswith(("Xã", "Phường")) for name in late)
    assert ("Đơn vị gửi báo cáo muộn (120)\n120 xã, phường (có tên tại Phụ lục II kèm "
            "theo); số ngày muộn của từng đơn vị ghi tại Phụ lục II.") in body, body
    assert not any(name in body for name in late[:3] + late[-3:])
    unsent_listed, late_listed = _annexed_lists(cells)
    assert unsent_listed == unsent
    assert late_listed == [f"{name} (muộn 1 ngày)" for name in late]
    upper = body.upper()
    assert upper.index("PHỤ LỤC I\nDANH SÁCH ĐƠN VỊ CHƯA GỬI BÁO CÁO") < upper.index(
        "PHỤ LỤC II\nDANH SÁCH ĐƠN VỊ GỬI BÁO CÁO MUỘN")
    assert "(trang, ô, nhiệm vụ và cách sửa) tại Phụ lục III kèm theo" in body


def test_a_few_units_sent_late_are_named_with_how_late_in_the_body(tmp_path) -> None:
    body, cells, _, _, late = _letter(tmp_path, 20, late=3)
    assert ("Đơn vị gửi báo cáo muộn (3)\n" + "; ".join(
        f"{name} (muộn 1 ngày)" for name in late) + ".") in body, body
    assert len(_annexed_lists(cells)) == 1  # the units not in, alone
