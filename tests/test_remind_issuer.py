"""The letters to units (remind, remind --overdue) are signed by the body that issued the
plan; when that body is also one of the plan's units (a department's plan naming "Sở Nội
vụ" as a lead, a ward's plan naming "UBND phường"), its own rows are chased inside the
office: the letter and its mail-merge list do not name it."""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest
from docx import Document
from test_figures import figures_master

from cchc_xl.letters.overdue import write_overdue
from cchc_xl.letters.remind import write_reminders
from cchc_xl.master.write import write_master


def _plan(tmp_path, authority: str, own_name: str):
    master = figures_master()
    master.plan.authority = authority
    (own,) = [u for u in master.units if u.code == "NV"]
    own.name, own.aliases = own_name, [*own.aliases, "Phòng Nội vụ"]  # as the cells write it
    return write_master(master, tmp_path / "ke-hoach.xlsx")


def _letter(path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.parametrize("authority, own_name", [
    ("SỞ NỘI VỤ TỈNH THỬ", "Sở Nội vụ"),
    ("Ủy ban nhân dân phường Thử", "UBND phường")])
def test_the_issuers_own_unit_is_not_reminded_by_its_own_letter(tmp_path, authority, own_name):
    source = _plan(tmp_path, authority, own_name)
    result = write_reminders(source, "Q1", tmp_path / "dd.docx", list_out=tmp_path / "dd.csv",
                             today=date(2023, 3, 25))
    lines = _letter(tmp_path / "dd.docx").splitlines()
    assert "Phòng Tư pháp; Xã Một; Xã Hai." in lines  # the units that have not sent
    assert "- Phòng Tư pháp;" in lines and f"- {own_name};" not in lines  # Kính gửi
    assert [r.unit.code for r in result.reminders] == ["TP", "X1", "X2"]
    with open(tmp_path / "dd.csv", encoding="utf-8-sig", newline="") as f:
        assert [row[0] for row in csv.reader(f)][1:] == ["TP", "X1", "X2"]


def test_a_unit_named_like_the_issuer_but_another_is_reminded(tmp_path):
    """A district's "Phòng Nội vụ" under "Ủy ban nhân dân huyện Thử" is not the issuer."""
    source = _plan(tmp_path, "Ủy ban nhân dân huyện Thử", "Phòng Nội vụ")
    result = write_reminders(source, "Q1", tmp_path / "dd.docx", today=date(2023, 3, 25))
    assert "NV" in [r.unit.code for r in result.reminders]


def test_the_overdue_letter_leaves_out_the_issuer_too(tmp_path):
    source = _plan(tmp_path, "SỞ NỘI VỤ TỈNH THỬ", "Sở Nội vụ")
    write_overdue(source, "6T", tmp_path / "qh.docx", list_out=tmp_path / "qh.csv",
                  today=date(2023, 6, 25))
    with open(tmp_path / "qh.csv", encoding="utf-8-sig", newline="") as f:
        codes = [row[0] for row in csv.reader(f)][1:]
    assert codes == ["TP"]  # TC-02, due in May; Sở Nội vụ's TC-01 (March) is its own
    lines = _letter(tmp_path / "qh.docx").splitlines()
    assert not [line for line in lines if line.startswith("- Sở Nội vụ")], lines


def test_a_letter_when_only_the_issuer_has_not_sent_counts_the_others(tmp_path):
    """Every unit but the issuer's own sent on time and clean: the letter says all its
    units' reports are in (3/3), not "đã nhận đủ … 3/4"."""
    from test_figures import done

    from support.counting import _Office

    office = _Office(tmp_path)
    office.master.plan.authority = "SỞ NỘI VỤ TỈNH THỬ"
    (own,) = [u for u in office.master.units if u.code == "NV"]
    own.name, own.aliases = "Sở Nội vụ", [*own.aliases, "Phòng Nội vụ"]
    day = date(2023, 3, 2)
    office.send("Q1", {"TP": {"TC-02": done(day), "TTHC-02": done(day), "TTHC-04": done(day)},
                       "X1": {"TTHC-01": done(day)}, "X2": {"TTHC-01": done(day)}})
    result = write_reminders(office.db, "Q1", tmp_path / "dd.docx", today=date(2023, 3, 21))
    assert result.reminders == []
    text = _letter(tmp_path / "dd.docx")
    assert "đã nhận đủ báo cáo của 3/3 đơn vị, đúng hạn" in text, text


def test_the_committees_offices_letter_has_the_committee_over_its_name(tmp_path):
    """The office's own plan ("UBND TỈNH LAI CHÂU" over "VĂN PHÒNG", no signature read):
    its letter printed "VĂN PHÒNG UBND TỈNH LAI CHÂU" on one bold line over "Số: /…-…",
    "…, ngày", to be signed "KT. CHỦ TỊCH". As a department's (Nghị định 30/2020): the
    committee over it, not bold, "VĂN PHÒNG" bold under it, its symbol in the number, its
    province's name as the place, its deputy head signing."""
    from test_import_published_plans import _office_plan

    from cchc_xl.plan_import import import_plan

    _office_plan(tmp_path / "kh.docx")
    import_plan(tmp_path / "kh.docx", tmp_path / "ke-hoach.xlsx")
    write_reminders(tmp_path / "ke-hoach.xlsx", "Q1", tmp_path / "dd.docx",
                    today=date(2026, 3, 25))
    doc = Document(str(tmp_path / "dd.docx"))
    head = doc.tables[0]
    left = [p for p in head.rows[0].cells[0].paragraphs if p.text.strip()]
    assert [(p.text, any(r.bold for r in p.runs) or bool(p.style.font.bold))
            for p in left] == [("UBND TỈNH LAI CHÂU", False), ("VĂN PHÒNG", True)]
    assert re.fullmatch(r"Số:\s+/VPUBND-…", head.rows[1].cells[0].paragraphs[0].text)
    assert head.rows[1].cells[1].text.strip().startswith("Lai Châu, ngày")
    assert "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG" in _letter(tmp_path / "dd.docx")


@pytest.mark.parametrize("left, leaders, drafter", [
    ("UBND TỈNH LAI CHÂU\nVĂN PHÒNG", "Chánh Văn phòng, các Phó Chánh Văn phòng", "HCTC"),
    ("UBND TỈNH LAI CHÂU\nSỞ TƯ PHÁP", "Giám đốc, các Phó Giám đốc Sở", "VP")],
    ids=["van-phong", "so"])
def test_an_imported_plan_for_its_own_rooms_is_chased_inside_the_body(tmp_path, left, leaders,
                                                                       drafter):
    """The office's own plan, imported from Word, chased its rooms with a letter to
    "Chủ tịch, các PCT UBND xã" (taken for a commune's), a department's with "UBND tỉnh
    (để b/c)" and "Kết quả … là một tiêu chí chấm điểm Chỉ số cải cách hành chính" (its
    rooms are not scored): a QA pass. Its head and deputies follow the letter."""
    from test_import_published_plans import _office_plan

    from cchc_xl.plan_import import import_plan

    _office_plan(tmp_path / "kh.docx", left=left)
    import_plan(tmp_path / "kh.docx", tmp_path / "ke-hoach.xlsx")
    write_reminders(tmp_path / "ke-hoach.xlsx", "Q1", tmp_path / "dd.docx",
                    today=date(2026, 4, 25))
    lines = [line.replace("\u00a0", " ") for line in _letter(tmp_path / "dd.docx").splitlines()]
    recipients = lines[lines.index("Nơi nhận:") + 1:]
    assert recipients[:3] == ["- Như trên;", f"- {leaders};", f"- Lưu: VT, {drafter}."]
    assert not [line for line in lines if "UBND xã" in line or "UBND tỉnh (để b/c)" in line
                or "Chỉ số cải cách hành chính" in line]
