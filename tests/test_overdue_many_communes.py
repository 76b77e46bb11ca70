"""The overdue letter's body for a province (15 sở, 166 xã, phường): many communes are
counted and pointed to the annex, whose tables name them; a few are named.

A QA pass: with 112 communes behind, the body named all 112 (about twelve lines), in its
first sentence and again in "Trong đó", because a commune list was shortened only when
at most a third of the communes were left out. Then, with every unit behind having sent
nothing, "Trong đó" still repeated the first sentence's list word for word.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from cchc_xl.cli import main
from cchc_xl.deadlines import parse_deadline
from cchc_xl.letters.overdue import write_overdue
from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.model import Area, Deliverable, Task
from cchc_xl.unit_names import COMMUNE_PREFIX
from cchc_xl.vocab import COMMUNE


def _plan(tmp_path: Path, communes: int) -> tuple[Path, list[str]]:
    """The province's plan table: Sở Nội vụ and the first ``communes`` communes each
    lead a product due in June; nothing merged, so every one is behind in December."""
    made = tmp_path / "init.xlsx"
    result = CliRunner().invoke(main, ["init", str(made), "--province", "thanh hoá",
                                       "--year", "2026"])
    assert result.exit_code == 0, result.output
    master = load_master(made)
    leads = [u for u in master.units if u.kind == COMMUNE][:communes]
    nv = next(u for u in master.units if u.name == "Sở Nội vụ")

    def product(did: str, lead: list) -> Deliverable:
        return Deliverable(id=did, product="Báo cáo", deadline=parse_deadline(
            "Tháng 6/2026", 2026), lead_text=", ".join(u.name for u in lead),
            lead=[u.code for u in lead])

    area = Area("TC", "Cải cách thể chế", "Thể chế", "", tasks=[
        Task("TC-01", "1", "Rà soát văn bản", [product("TC-01", [nv])]),
        Task("TC-02", "2", "Tuyên truyền cải cách hành chính", [product("TC-02", leads)])])
    path = write_master(replace(master, areas=[area]), tmp_path / "ke-hoach.xlsx")
    return path, [COMMUNE_PREFIX.sub("", u.name) for u in leads]


def _body(tmp_path: Path, communes: int) -> tuple[str, list[str], list[str]]:
    plan, names = _plan(tmp_path, communes)
    letter = tmp_path / "qua-han.docx"
    write_overdue(plan, "NAM", letter, deadline=date(2026, 12, 28), today=date(2026, 12, 22))
    doc = Document(str(letter))
    # Read as seen: a line's last two words are held together by a no-break space.
    headings = [t.rows[0].cells[0].text.replace("\xa0", " ") for t in doc.tables]
    body = "\n".join(p.text for p in doc.paragraphs).replace("\xa0", " ")
    return body, [h for h in headings if "nhiệm vụ, sản phẩm" in h], names


def test_a_letter_to_112_communes_counts_them_and_points_to_the_annex(tmp_path) -> None:
    body, headings, names = _body(tmp_path, 112)
    said = "Sở Nội vụ; 112 xã, phường (có tên tại Phụ lục kèm theo)."
    assert ("do 113 cơ quan, đơn vị chủ trì (113 lượt đơn vị chủ trì): " + said) in body, body
    # Every one of them sent nothing: said of them all, not named a second time.
    assert ("Cả 113 cơ quan, đơn vị nêu trên đều chưa gửi báo cáo năm 2026 nên được tính là "
            "chưa thực hiện các nhiệm vụ đã đến hạn (ghi “Chưa báo cáo” tại Phụ lục).") in body
    assert body.count(said) == 1, body
    assert not any(name in body for name in names[:3] + names[-3:])
    # The annex names every one of them, as the body says.
    assert len(headings) == 2, headings
    assert headings[1].startswith("2. 112 xã, phường (" + ", ".join(names[:3]))
    assert all(name in headings[1] for name in names)


def test_a_letter_to_a_few_communes_names_them(tmp_path) -> None:
    """Ten communes and Sở Nội vụ: past the ten units named with their counts, the
    communes by name (two lines), not sent to the annex."""
    body, _, names = _body(tmp_path, 10)
    said = "Sở Nội vụ; 10 xã, phường (" + ", ".join(names) + ")."
    assert said in body, body
    assert body.count(said) == 1 and "Trong đó" not in body, body
    assert "có tên tại Phụ lục" not in body


def test_a_group_of_one_row_is_printed_whole(tmp_path) -> None:
    """The annex's group of communes late on one task is one row under its label and
    header: kept whole on a page ("Allow row to break across pages" off). Free to break,
    it was cut at a page's foot, two of its lines there and the rest on the next page
    under the label and header again (a province's overdue letter, a QA pass)."""
    from docx.oxml.ns import qn

    plan, _ = _plan(tmp_path, 112)
    letter = tmp_path / "qua-han.docx"
    write_overdue(plan, "NAM", letter, deadline=date(2026, 12, 28), today=date(2026, 12, 22))
    groups = [t for t in Document(str(letter)).tables
              if "nhiệm vụ, sản phẩm" in t.rows[0].cells[0].text.replace("\xa0", " ")]
    assert len(groups) == 2
    for table in groups:
        body = [r for r in table.rows
                if r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None]
        assert len(body) == 1
        assert body[0]._tr.trPr.find(qn("w:cantSplit")) is not None
