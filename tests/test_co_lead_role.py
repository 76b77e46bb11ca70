"""A product several units lead: each lead's "Vai trò" cell says whom it leads with
("Chủ trì cùng Phòng Tư pháp và Văn phòng HĐND-UBND huyện"), its own name left out,
more than three others by their number. Files issued before, which said "Chủ trì"
alone, read as issued; any other text is an edit of a read-only cell, as it was; the
role merged is the plan's, never read from the text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from test_import_tables import add_table

from cchc_xl import assignment as A
from cchc_xl import styles
from cchc_xl.merge import merge_returns
from cchc_xl.model import Deliverable, Master, Unit
from cchc_xl.plan_import import import_plan
from cchc_xl.split import split_master
from cchc_xl.vocab import COMMUNE, LEAD, SUPPORT
from make_sample_returns import fill_return
from support.mistakes import SAVED, doing, locate
from support.paths import HH_SAMPLES

SHARED = "BM-02"  # led by VP, TTR, NNPTNT and VHTT in the Hoằng Hóa plan
SHARED_BY_MANY = "TC-01"  # led by the eight district departments
ALONE = "TC-02"  # led by TP alone


def _made(master, lead: list[str], unit: str, role: str = LEAD, lead_text: str = "") -> str:
    d = Deliverable(id="Z-01", product="", deadline=master.deliverables()[0].deadline,
                    lead=lead, lead_text=lead_text)
    return A.role_text(master, d, role, unit)


def test_a_co_lead_is_told_whom_it_leads_with(hh_master) -> None:
    assert _made(hh_master, ["NV", "TP", "VP"], "NV") == (
        "Chủ trì cùng Phòng Tư pháp và Văn phòng HĐND-UBND huyện")
    # Its own name is left out wherever it stands in the plan's list.
    assert _made(hh_master, ["TP", "NV", "VP"], "NV") == (
        "Chủ trì cùng Phòng Tư pháp và Văn phòng HĐND-UBND huyện")
    assert _made(hh_master, ["NV", "TP"], "TP") == "Chủ trì cùng Phòng Nội vụ"
    assert _made(hh_master, ["NV", "TP", "VP", "TTR"], "VP") == (
        "Chủ trì cùng Phòng Nội vụ, Phòng Tư pháp và Thanh tra huyện")
    # Up to five others by name, while the names are short enough to read in the cell.
    assert _made(hh_master, ["NV", "TP", "VP", "TTR", "TCKH", "VHTT"], "VP") == (
        "Chủ trì cùng Phòng Nội vụ, Phòng Tư pháp, Thanh tra huyện, Phòng Tài chính - Kế "
        "hoạch và Phòng Văn hóa - Thông tin")
    # A name with "và" of its own: the names apart by semicolons, read without doubt.
    assert _made(hh_master, ["NV", "NNPTNT", "VHTT"], "NV") == (
        "Chủ trì cùng Phòng Nông nghiệp và Phát triển nông thôn; Phòng Văn hóa - Thông tin")
    assert _made(hh_master, ["NV", "VP"], "NNPTNT", SUPPORT) == (
        "Phối hợp với Phòng Nội vụ và Văn phòng HĐND-UBND huyện")
    # Beyond five others, or names too long together, their number.
    assert _made(hh_master, ["NV", "TP", "VP", "TTR", "TCKH", "VHTT", "GDDT"], "VP",
                 lead_text="Các phòng, ban") == "Chủ trì cùng 6 đơn vị khác"
    assert _made(hh_master, ["NV", "TTVH", "BPMC", "NNPTNT", "GDDT"], "NV") == (
        "Chủ trì cùng 4 đơn vị khác")
    # Codes the plan has no unit for are not counted, nor is a code twice.
    assert _made(hh_master, ["NV", "ZZ", "TP", "NV"], "NV") == "Chủ trì cùng Phòng Tư pháp"
    # One lead: "Chủ trì" alone, as before; so is a lead whose unit is not known.
    assert _made(hh_master, ["NV"], "NV") == "Chủ trì"
    assert _made(hh_master, ["NV", "ZZ"], "NV") == "Chủ trì"
    assert _made(hh_master, ["NV", "TP"], "") == "Chủ trì"
    # A coordinating unit's text does not change: all the leads, by name.
    assert _made(hh_master, ["NV", "TP"], "VP", SUPPORT) == (
        "Phối hợp với Phòng Nội vụ và Phòng Tư pháp")


def test_the_text_follows_a_changed_lead_list(hh_master) -> None:
    """role_text keeps what it worked out for a product: a new or longer lead list, or
    a plan with more units, is worked out again."""
    d = Deliverable(id="Z-02", product="", deadline=hh_master.deliverables()[0].deadline,
                    lead=["NV", "TP"])
    assert A.role_text(hh_master, d, LEAD, "NV") == "Chủ trì cùng Phòng Tư pháp"
    d.lead.append("VP")
    assert A.role_text(hh_master, d, LEAD, "NV") == (
        "Chủ trì cùng Phòng Tư pháp và Văn phòng HĐND-UBND huyện")
    d.lead = ["NV", "ZNEW"]
    assert A.role_text(hh_master, d, LEAD, "NV") == "Chủ trì"
    grown = replace(hh_master, units=[*hh_master.units, Unit(code="ZNEW", name="Phòng Mới")])
    assert A.role_text(grown, d, LEAD, "NV") == "Chủ trì cùng Phòng Mới"


def test_every_lead_of_a_product_is_worked_out_once(hh_master, monkeypatch) -> None:
    """2,000 communes may lead one product and each gets a row: the plan's units are
    looked up once for the product, not once per lead."""
    units = [Unit(code=f"Q{n:04d}", name=f"Xã Thử {n:04d}") for n in range(300)]
    master = Master(plan=hh_master.plan, units=units, groups=[], periods=hh_master.periods,
                    areas=[])
    asked: list[int] = []
    looked_up = master.units_by_code

    def units_by_code() -> dict:
        asked.append(1)
        return looked_up()

    monkeypatch.setattr(master, "units_by_code", units_by_code)
    monkeypatch.setattr(master, "has_unit", lambda code: asked.append(1))  # not per lead
    d = Deliverable(id="Z-03", product="", deadline=hh_master.deliverables()[0].deadline,
                    lead=[u.code for u in units])
    texts = {A.role_text(master, d, LEAD, u.code) for u in units}
    assert texts == {"Chủ trì cùng 299 đơn vị khác"}
    assert len(asked) == 1


def test_many_communes_leading_with_a_department_are_counted_as_communes(tmp_path) -> None:
    """A province's task led by "Sở Nội vụ; UBND các xã, phường": the Sở's file said
    "Chủ trì cùng 166 đơn vị khác", and so did every commune's, none told that it shared
    the task with the Sở and the other communes (a QA pass on a Thanh Hóa plan)."""
    doc = Document()
    doc.add_paragraph("UBND TỈNH THANH HÓA")
    doc.add_paragraph("Số: 12/KH-UBND")
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Cải cách hành chính tỉnh Thanh Hóa năm 2026")
    add_table(doc, [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm",
         "Thời gian hoàn thành"],
        ["I", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "", "", "", ""],
        ["1", "Kiện toàn tổ chức bộ máy cấp xã", "Sở Nội vụ; UBND các xã, phường", "",
         "Quyết định kiện toàn", "Trước 30/6/2026"],
        ["2", "Bồi dưỡng công chức cấp xã", "UBND các xã, phường", "Sở Nội vụ",
         "Báo cáo", "Tháng 11/2026"],
        ["3", "Xây dựng kế hoạch CCHC", "Sở Nội vụ; Sở Tư pháp", "", "Kế hoạch",
         "Quý I/2026"]])
    doc.save(tmp_path / "kh.docx")
    master = import_plan(tmp_path / "kh.docx", tmp_path / "ke-hoach.xlsx",
                         province="Thanh Hóa").master
    communes = [u for u in master.units if u.kind == COMMUNE]
    assert len(communes) == 166
    files = {f.unit_code: f.path for f in split_master(master, "Q1", tmp_path / "giao").files}
    first = communes[0].code  # Phường Hạc Thành
    assert _role_cell(files["NV"], "BM-01")[2] == "Chủ trì cùng 166 xã, phường"
    assert _role_cell(files[first], "BM-01")[2] == (
        "Chủ trì cùng Sở Nội vụ và 165 xã, phường khác")
    assert _role_cell(files[first], "BM-02")[2] == "Chủ trì cùng 165 xã, phường khác"
    assert _role_cell(files["NV"], "BM-02")[2] == "Phối hợp với UBND các xã, phường"
    # A few leads, none a commune: named as before.
    assert _role_cell(files["NV"], "BM-03")[2] == "Chủ trì cùng Sở Tư pháp"


def _role_cell(path: Path, did: str) -> tuple[str, str, object, float | None]:
    """(sheet, cell, text, row height) of a product's "Vai trò" cell in a unit's file."""
    sheet, cell = locate(path, did, A.COL_ROLE)
    ws = load_workbook(path)[sheet]
    return sheet, cell, ws[cell].value, ws.row_dimensions[int(cell[1:])].height


def test_the_unit_workbook_names_the_other_leads(hh_master, hh_split) -> None:  # noqa: F811
    names = hh_master.names
    _, _, text, height = _role_cell(hh_split["VP"], SHARED)
    assert text == ("Chủ trì cùng Thanh tra huyện; Phòng Nông nghiệp và Phát triển nông thôn; "
                    "Phòng Văn hóa - Thông tin")
    # The row is tall enough for the longer text, wrapped in its column.
    lines = styles.text_lines(text, A.COLUMN_WIDTHS[A.COL_ROLE])
    assert lines > 2 and height >= styles.row_height(lines)
    # Each lead of the product sees the others, not itself.
    for code in ("TTR", "NNPTNT", "VHTT"):
        others = [c for c in ("VP", "TTR", "NNPTNT", "VHTT") if c != code]
        # NNPTNT's name has a "và" of its own: the names apart by semicolons.
        named = [names[c] for c in others]
        want = "Chủ trì cùng " + ("; ".join(named) if "NNPTNT" in others
                                  else f"{', '.join(named[:-1])} và {named[-1]}")
        assert _role_cell(hh_split[code], SHARED)[2] == want, code
    assert _role_cell(hh_split["TP"], SHARED_BY_MANY)[2] == "Chủ trì cùng 7 đơn vị khác"
    # Many communes among the leads: counted as communes, the other lead named.
    assert _role_cell(hh_split["X06"], "TTHC-01")[2] == (
        "Chủ trì cùng Văn phòng HĐND-UBND huyện và 36 xã, thị trấn khác")
    assert _role_cell(hh_split["TP"], ALONE)[2] == "Chủ trì"
    # A coordinating unit's cell is as it was.
    assert _role_cell(hh_split["X01"], ALONE)[2] == "Phối hợp với Phòng Tư pháp"


def _merged(master, source: Path, folder: Path, typed: dict, tweak=None):
    sent = fill_return(source, folder / "in" / source.name, typed, saved_at=SAVED, tweak=tweak)
    return merge_returns(master, [sent], "9T", folder / "out" / "th.xlsx")


def test_returns_with_the_old_or_the_new_role_text_read_alike(
        hh_master, hh_split, tmp_path) -> None:  # noqa: F811
    """VP's file returned as issued, with "Chủ trì" alone on every product it shares
    (as files issued before said), and with the cell edited: the first two have the
    same findings and none on the cell; an edit is told, as before; the role merged is
    the plan's in every case."""
    source = hh_split["VP"]
    shared = [ar.deliverable.id for ar in A.assigned_rows(hh_master, "VP")
              if ar.role == LEAD and len(ar.deliverable.lead) > 1]
    assert SHARED in shared and len(shared) > 5
    cells = {did: locate(source, did, A.COL_ROLE) for did in shared}
    typed = {did: doing(40) for did in shared}
    sheet, cell = cells[SHARED]

    def written(texts: dict[str, str]):
        def tweak(wb) -> None:
            for did, text in texts.items():
                wb[cells[did][0]][cells[did][1]].value = text
        return tweak

    ttr_text = _role_cell(hh_split["TTR"], SHARED)[2]
    cases = {
        "new": ({}, False),
        "old": ({did: "Chủ trì" for did in shared}, False),
        # The units named are the plan's as it stood at issue (a lead added since, a unit
        # renamed, and the text differs): whatever it names after "Chủ trì cùng" is
        # taken as issued; it is never read (the plan says the role).
        "naming others": ({SHARED: "Chủ trì cùng ai?"}, False),
        "another lead's": ({SHARED: ttr_text}, False),
        "coordinating": ({SHARED: "Phối hợp"}, True),
        "coordinating with": ({SHARED: "Phối hợp với Phòng Nội vụ"}, True),
        "other text": ({SHARED: "Không rõ"}, True),
    }
    seen = {}
    for n, (case, (texts, edited)) in enumerate(cases.items()):
        result = _merged(hh_master, source, tmp_path / str(n), typed, written(texts))
        (f,) = result.files
        assert f.outcome == "accepted", case
        on_role = [p for p in f.problems if p.code == "readonly-edited"
                   and f"'{A.COL_ROLE}'" in p.message]
        if edited:
            assert [(p.sheet, p.cell, p.task) for p in on_role] == [(sheet, cell, SHARED)], case
        else:
            assert on_role == [], case
        seen[case] = sorted((p.code, p.sheet, p.cell) for p in f.problems)
        rows = {r.deliverable: r for r in result.rows if r.unit == "VP"}
        assert all(rows[did].role == LEAD for did in shared), case
        assert all((rows[did].status, rows[did].percent) == ("Đang thực hiện", 40)
                   for did in shared), case
    assert seen["old"] == seen["new"]


def test_files_issued_before_read_as_issued(hh_master, tmp_path) -> None:
    """The bundled returns were issued with "Chủ trì" alone on the products their
    units share: none of their role cells reads as edited."""
    files = [p for p in sorted(HH_SAMPLES.glob("*.xlsx"))
             if p.name.split("-")[0] in ("VP", "TP", "X06")]
    assert len(files) == 3
    result = merge_returns(hh_master, files, "9T", tmp_path / "th.xlsx")
    assert [f.outcome for f in result.files] == ["accepted"] * 3
    assert not [p for f in result.files for p in f.problems
                if p.code == "readonly-edited" and f"'{A.COL_ROLE}'" in p.message]
    assert {r.role for r in result.rows if r.unit == "VP" and r.deliverable == SHARED} == {LEAD}


def test_a_plan_corrected_after_issue_leaves_the_role_cell_as_issued(
        hh_split, tmp_path) -> None:  # noqa: F811
    """Users' probe: a lead added to a product after the files went out changed the text
    split would write now, so VP's untouched "Chủ trì cùng …" read as edited, and its
    reminder asked it to fix a locked cell. The units named are the plan's of the day
    the file was issued; the role itself is still checked."""
    from cchc_xl.master import load_master
    from support.paths import HH_MASTER

    master = load_master(HH_MASTER)
    shared = next(d for d in master.deliverables() if d.id == SHARED)
    shared.lead.append("NV")  # a lead added since
    assert A.role_text(master, shared, LEAD, "VP") != _role_cell(hh_split["VP"], SHARED)[2]
    result = _merged(master, hh_split["VP"], tmp_path, {SHARED: doing(40)})
    (f,) = result.files
    assert f.outcome == "accepted"
    assert not [p for p in f.problems if p.code == "readonly-edited"]
    (row,) = [r for r in result.rows if r.unit == "VP" and r.deliverable == SHARED]
    assert (row.role, row.status, row.percent) == (LEAD, "Đang thực hiện", 40)
