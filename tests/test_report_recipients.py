"""The Word report and the reminder letter of a province's, a commune's and a district's
plan: who receives them ("Nơi nhận"), how they list units, and what the letter asks of
a unit.

Since 1 July 2025 plans are issued by a province (UBND tỉnh, for its sở and communes)
or by a commune (for its own offices); a district's plan (the seeds, 2023) is history.
The small plan of support/report.py is reissued by each; its units are renamed for the
level, one with a comma in its name ("Sở Văn hóa, Thể thao và Du lịch").
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from test_docx import texts

from cchc_xl import issuer
from cchc_xl import ledger as L
from cchc_xl.assignment import Identity
from cchc_xl.findings import Finding
from cchc_xl.letters.for_unit import for_unit
from cchc_xl.letters.overdue import write_overdue
from cchc_xl.letters.remind import write_reminders
from cchc_xl.master.layout import LEVELS
from cchc_xl.model import Master, Plan, Unit
from cchc_xl.report import write_report
from cchc_xl.vocab import COMMUNE, DEPARTMENT, ERROR, PUBLIC_SERVICE, WARNING
from support import report as small_plan
from support.report import MERGED_AT, build_ledger, tiny_master

VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
# The office's own steps, which a letter to a unit must never print.
OFFICE_WORDS = ("gộp tệp này", "chọn kỳ đó khi gộp", "rút tệp", "tách lại tệp",
                "cchc-xl", "đã đối chiếu", "đề nghị đơn vị điền")
# In the words a ledger written before December 2026 stored (periods by their codes).
WRONG_PERIOD = Finding(
    ERROR, "identity-other-period",
    "tệp được giao cho kỳ 'Q1', không phải kỳ '6T' đang gộp: gộp tệp này vào kỳ Q1 (chọn kỳ "
    "đó khi gộp), hoặc đề nghị đơn vị điền tệp của kỳ 6T", "X2-Q1.xlsx", unit="X2")


def _identity(master: Master, period: str) -> dict[str, str]:
    """X2's file's identity as merge stores it (the fields its carriers hold)."""
    return Identity(master.plan.key, master.plan.year, "X2", "", period).fields()


def _reissued(authority: str, names: dict[str, str], **plan) -> Master:
    master = tiny_master()
    master.plan = replace(master.plan, authority=authority, **plan)
    for u in master.units:
        u.name = names.get(u.code, u.name)
    return master


PROVINCE = ("Ủy ban nhân dân tỉnh Thanh Hóa",
            {"NV": "Sở Nội vụ", "TP": VHTTDL, "X1": "Xã Hoằng Hóa", "X2": "Phường Hạc Thành"})
COMMUNE_PLAN = ("Ủy ban nhân dân xã Hoằng Hóa",
                {"NV": "Văn phòng HĐND và UBND", "TP": "Phòng Văn hóa - Xã hội",
                 "X1": "Phòng Kinh tế", "X2": "Công an xã"})


def _wrong_period_upload(db: Path, master: Master) -> None:
    """X2 uploads its Q1 file as its 6T report: rejected, as merge records it (the
    finding in the words of an earlier version, which named the periods by code)."""
    path = db.parent / "files" / "X2-Q1-as-6T.xlsx"
    path.write_bytes(b"X2 Q1 file")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    with L.Ledger(db) as ledger:
        ledger.archive(path, sha, path.stat().st_size, MERGED_AT)
        ledger.add(sha256=sha, plan_key=master.plan.key, period="6T", unit="X2", path=str(path),
                   kind="xlsx", saved_at=datetime(2023, 6, 18, 9), modified_at=None,
                   merged_at=MERGED_AT, accepted=False, identity=_identity(master, "Q1"),
                   findings=[replace(WRONG_PERIOD, file=str(path))], rows=[])
        ledger.settle(master.plan.key, "6T")


def _documents(folder: Path, master: Master, monkeypatch) -> tuple[list[str], list[str], Path]:
    """The report's and the letter's paragraphs (tables included) and the letter's CSV.

    X1 sends its 6T file late too (TP already does): both are listed as the registry
    lists them, TP before X1."""
    saved = {**small_plan.SAVED, "6T": {**small_plan.SAVED["6T"],
                                         "X1": datetime(2023, 6, 22, 8)}}
    monkeypatch.setattr(small_plan, "SAVED", saved)
    db = build_ledger(folder / L.LEDGER_NAME, master)
    _wrong_period_upload(db, master)
    report = write_report(db, "6T", folder / "bc.xlsx", docx=folder / "bc.docx")
    # (summary.units are ranked: units of one kind by their results, not registry order)
    assert sorted(u.code for u in report.summary.units if u.return_status == "Muộn") == [
        "TP", "X1"]
    letter = write_reminders(db, "6T", folder / "dd.docx", list_out=folder / "dd.csv",
                             today=date(2023, 6, 28))
    return (texts(Document(report.paths[-1])), texts(Document(letter.paths[0])),
            letter.paths[1])


def _recipients(doc_texts: list[str]) -> list[str]:
    start = doc_texts.index("Nơi nhận:") + 1
    # A line's last two words are kept together by a no-break space (official.closing).
    return [t.replace("\u00a0", " ") for t in doc_texts[start:] if t.startswith("- ")]


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        # Its heading as import reads a Word plan: "KẾ HOẠCH" over the subject, in
        # capitals; the number and day of issue.
        return _documents(tmp_path_factory.mktemp("tinh"), _reissued(
            "ỦY BAN NHÂN DÂN TỈNH THANH HÓA", PROVINCE[1],
            title="KẾ HOẠCH Cải cách hành chính tỉnh Thanh Hóa năm 2023",
            number="275/KH-UBND", issued=date(2022, 12, 25)), mp)


@pytest.fixture(scope="module")
def department(tmp_path_factory):
    """The province's plan as its Sở Nội vụ issues it (its letterhead read by import)."""
    with pytest.MonkeyPatch.context() as mp:
        return _documents(tmp_path_factory.mktemp("snv"), _reissued(
            "SỞ NỘI VỤ TỈNH THANH HÓA", PROVINCE[1]), mp)


# What the sở and communes of the Sở Nội vụ's plan for the province ask in their notes
# (NV on TC-03, TP and X1 on TTHC-03; a line a statement), and whether the Sở Nội vụ, the
# report's issuer, is the one asked: by its name, with or without its province, or its
# symbol. A bare "Sở" may be any sở (the writer's own, for a sở): asked upward.
PROVINCE_NOTES = (
    "Đề nghị UBND tỉnh chỉ đạo các xã.\nĐề nghị Bộ Nội vụ ban hành hướng dẫn.",
    "Đề nghị SNV hướng dẫn mẫu báo cáo.\nĐề nghị Sở Tài chính bố trí kinh phí.\n"
    "Đề nghị Giám đốc Sở Nội vụ tỉnh Thanh Hóa cho ý kiến.",
    "Thiếu cán bộ, đề nghị Sở Nội vụ tập huấn nghiệp vụ.\nĐề nghị Sở bố trí kinh phí số hóa.")
ASKED_OF_IT = ["- Đề nghị Giám đốc Sở Nội vụ tỉnh Thanh Hóa cho ý kiến",
               "- Đề nghị SNV hướng dẫn mẫu báo cáo", "- Đề nghị Sở Nội vụ tập huấn nghiệp vụ"]
ASKED_UPWARD = ["- Đề nghị Bộ Nội vụ ban hành hướng dẫn", "- Đề nghị Sở Tài chính bố trí kinh phí",
                "- Đề nghị Sở bố trí kinh phí số hóa", "- Đề nghị UBND tỉnh chỉ đạo các xã"]


@pytest.fixture(scope="module")
def department_asked(tmp_path_factory):
    """The Sở Nội vụ's plan for the province, its units' notes asking it and others."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(small_plan, "RETURNS", _asking([(note, None) for note in PROVINCE_NOTES]))
        return _documents(tmp_path_factory.mktemp("snv-asked"), _reissued(
            "SỞ NỘI VỤ TỈNH THANH HÓA", PROVINCE[1]), mp)


def _own(authority: str, names: dict[str, str], rooms: str) -> Master:
    """A plan a department or the committee's office issues for its own rooms and units,
    as import leaves it: X1 a phòng, X2 a centre (kind Đơn vị sự nghiệp), in the group
    ``rooms`` ("Các phòng, đơn vị thuộc Sở"); no commune, no other sở."""
    master = _reissued(authority, names)
    kinds = {"X1": DEPARTMENT, "X2": PUBLIC_SERVICE}
    for u in master.units:
        u.kind = kinds.get(u.code, u.kind)
    master.groups = [replace(g, name=rooms, kinds=[DEPARTMENT, PUBLIC_SERVICE])
                     for g in master.groups]
    return master


DEPARTMENTS_OWN = ("SỞ TƯ PHÁP TỈNH THANH HÓA",
                   {"NV": "Văn phòng Sở", "TP": "Phòng Hành chính tư pháp",
                    "X1": "Thanh tra Sở", "X2": "Trung tâm Trợ giúp pháp lý nhà nước"},
                   "Các phòng, đơn vị thuộc Sở")
HOME_AFFAIRS_OWN = ("SỞ NỘI VỤ TỈNH THANH HÓA",
                    {"NV": "Văn phòng Sở", "TP": "Phòng Cải cách hành chính",
                     "X1": "Phòng Tổ chức, biên chế", "X2": "Trung tâm Lưu trữ lịch sử"},
                    "Các phòng, đơn vị thuộc Sở")
OFFICES_OWN = ("VĂN PHÒNG UBND TỈNH LAI CHÂU",
               {"NV": "Phòng Hành chính - Tổ chức", "TP": "Phòng Tổng hợp",
                "X1": "Phòng Kinh tế", "X2": "Trung tâm Thông tin - Công báo"},
               "Các phòng, đơn vị thuộc Văn phòng")


# What its rooms ask in their notes (NV on TC-03, TP and X1 on TTHC-03), and whether it is
# asked of the body's own leaders (its report's issuer) or of the level above or another
# body. For the Sở Nội vụ, the Sở Nội vụ is itself.
OWN_ASKS = {
    "so": [("Thiếu nhân lực, đề nghị Giám đốc Sở bổ sung biên chế", True),
           ("Chờ hướng dẫn, đề nghị Giám đốc Sở Nội vụ hướng dẫn mẫu báo cáo", False),
           ("Đề nghị Lãnh đạo Sở bố trí kinh phí số hóa", True)],
    "snv": [("Thiếu nhân lực, đề nghị Phó Giám đốc Sở phụ trách chỉ đạo", True),
            ("Chờ hướng dẫn, đề nghị UBND tỉnh bố trí kinh phí số hóa", False),
            ("Đề nghị Sở Nội vụ tổ chức tập huấn", True)],
    "van-phong": [("Thiếu nhân lực, đề nghị Chánh Văn phòng bổ sung biên chế", True),
                  ("Chờ hướng dẫn, đề nghị Sở Nội vụ hướng dẫn mẫu báo cáo", False),
                  ("Kiến nghị Lãnh đạo Văn phòng UBND tỉnh bố trí kinh phí", True)]}


def _asking(asks: list[tuple[str, bool | None]]) -> dict:
    """The small plan's returns with ``asks`` as the notes of NV, TP and X1."""
    where = (("NV", "TC-03"), ("TP", "TTHC-03"), ("X1", "TTHC-03"))
    returns = {unit: dict(rows) for unit, rows in small_plan.RETURNS.items()}
    for (unit, did), (note, _) in zip(where, asks, strict=True):
        status, percent, day, evidence, _ = returns[unit][did]
        returns[unit][did] = (status, percent, day, evidence, note)
    return returns


@pytest.fixture(scope="module", params=["so", "snv", "van-phong"])
def own_offices(request, tmp_path_factory):
    """A department's, the Sở Nội vụ's and the committee office's own plans, with the
    report's summary (for its notes)."""
    authority, names, rooms = {"so": DEPARTMENTS_OWN, "snv": HOME_AFFAIRS_OWN,
                               "van-phong": OFFICES_OWN}[request.param]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(small_plan, "RETURNS", _asking(OWN_ASKS[request.param]))
        folder = tmp_path_factory.mktemp(request.param)
        report, letter, _ = _documents(folder, _own(authority, names, rooms), mp)
        overdue = write_overdue(folder / L.LEDGER_NAME, "6T", folder / "qh.docx",
                                today=date(2023, 6, 28))
        notes = [c.value for c in load_workbook(folder / "bc.xlsx")["Ghi chú"]["B"]
                 if isinstance(c.value, str)]
        return request.param, report, letter, texts(Document(overdue.paths[0])), notes


@pytest.fixture(scope="module")
def commune(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        return _documents(tmp_path_factory.mktemp("xa"), _reissued(*COMMUNE_PLAN), mp)


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        return _documents(tmp_path_factory.mktemp("huyen"), tiny_master(), mp)


# --- who receives the documents ------------------------------------------------------------

def test_a_province_reports_to_the_ministry_and_its_party_committee(province):
    report, letter, _ = province
    assert _recipients(report) == [
        "- Bộ Nội vụ (để b/c);", "- Thường trực Tỉnh ủy (để b/c);",
        "- Thường trực HĐND tỉnh (để b/c);", "- Chủ tịch, các PCT UBND tỉnh;",
        "- Các sở, ban, ngành (để t/h);", "- UBND các xã, phường (để t/h);",
        "- Lưu: VT, SNV."]
    assert _recipients(letter) == ["- Như trên;", "- Chủ tịch, các PCT UBND tỉnh (để b/c);",
                                   "- Lưu: VT, SNV."]
    assert not any("Huyện ủy" in t for t in report + letter)


def test_the_sở_nội_vụ_reports_to_the_ministry_and_the_province(department):
    """Its own documents: the People's Committee it belongs to is told, its director's
    office follows them, its division keeps a copy (not "SNV", which it is)."""
    report, letter, _ = department
    assert _recipients(report) == [
        "- Bộ Nội vụ (để b/c);", "- UBND tỉnh (để b/c);", "- Giám đốc, các Phó Giám đốc Sở;",
        "- Các sở, ban, ngành (để t/h);", "- UBND các xã, phường (để t/h);",
        "- Lưu: VT, CCHC."]
    assert _recipients(letter) == ["- Như trên;", "- UBND tỉnh (để b/c);",
                                   "- Giám đốc, các Phó Giám đốc Sở;", "- Lưu: VT, CCHC."]
    assert not any("PCT UBND" in t or "Tỉnh ủy" in t for t in report + letter)


def test_a_body_reports_on_its_own_plan_to_the_province_and_its_own_rooms(own_offices):
    """A department's (or the committee office's) plan for its own rooms and units: its
    report went to "Bộ Nội vụ", "Các sở, ban, ngành", "UBND các xã" as the province's
    does (the office's to "Thường trực Đảng ủy, HĐND xã", "Chủ tịch, các PCT UBND xã", a
    commune's), and its letters to its rooms "UBND tỉnh (để b/c)" or "Chủ tịch, các PCT
    UBND xã" (a QA pass). It reports up to UBND tỉnh and to the Sở Nội vụ, in charge of
    CCHC (the Sở Nội vụ's own, to UBND tỉnh alone: not to itself), and to its own head,
    deputies, rooms and units; its letters to its rooms go to its head and deputies."""
    body, report, letter, overdue, notes = own_offices
    above = "- UBND tỉnh (để b/c);" if body == "snv" else "- UBND tỉnh, Sở Nội vụ (để b/c);"
    leaders, rooms, drafter = {
        "so": ("Giám đốc, các Phó Giám đốc Sở", "Các phòng, đơn vị thuộc Sở", "VP"),
        "snv": ("Giám đốc, các Phó Giám đốc Sở", "Các phòng, đơn vị thuộc Sở", "VP"),
        "van-phong": ("Chánh Văn phòng, các Phó Chánh Văn phòng",
                      "Các phòng, đơn vị thuộc Văn phòng", "HCTC")}[body]
    assert _recipients(report) == [above, f"- {leaders};", f"- {rooms} (để t/h);",
                                   f"- Lưu: VT, {drafter}."]
    for sent in (letter, overdue):
        assert _recipients(sent) == ["- Như trên;", f"- {leaders};", f"- Lưu: VT, {drafter}."]
        # Its rooms are not scored by the PAR index: the letters do not say they are.
        assert not any("Chỉ số cải cách hành chính" in t for t in sent)
    for words in ("Bộ Nội vụ", "sở, ban, ngành", "UBND xã", "HĐND",
                  "Chủ tịch, các PCT"):
        assert not any(words in t for t in report + letter + overdue + notes), words
    # The workbook's notes give a group of its rooms as the example, not "Các sở, ban,
    # ngành" (a department's) nor a commune's "Các phòng chuyên môn".
    assert any(f'(ví dụ "{rooms}")' in t for t in notes), notes


def test_what_its_rooms_ask_of_its_own_leaders_is_not_its_proposal(own_offices):
    """A department's (or the office's) report on its own plan listed under "IV. ĐỀ XUẤT,
    KIẾN NGHỊ", its proposals to the province, a room's "Đề nghị Giám đốc Sở bổ sung biên
    chế": the Sở signing a proposal to itself. As a People's Committee's report does with
    what its offices ask of it, what the rooms ask of the body's leaders is said apart, as
    what they decide; what they ask of the province or another body stays its proposal."""
    body, report, *_ = own_offices
    section = report[report.index("IV. ĐỀ XUẤT, KIẾN NGHỊ") + 1:
                     report.index("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI")]
    name = "Văn phòng" if body == "van-phong" else "Sở"
    apart = section.index(f"Các đơn vị đề nghị Lãnh đạo {name} (xem xét, giải quyết theo "
                          "thẩm quyền):")
    asked = [(note[note.index("đề nghị") if "đề nghị" in note else 0:], own)
             for note, own in OWN_ASKS[body]]
    said = [(line.split(" (")[0], n > apart) for n, line in enumerate(section)
            if line.startswith("- ")]
    assert sorted(said) == sorted((f"- {note[:1].upper()}{note[1:]}", own)
                                  for note, own in asked)


def test_what_the_province_s_units_ask_of_the_sở_nội_vụ_is_not_its_proposal(department_asked):
    """The Sở Nội vụ's report on its plan for the province listed a commune's "Đề nghị Sở
    Nội vụ tập huấn nghiệp vụ" under "IV. ĐỀ XUẤT, KIẾN NGHỊ", its proposals upward: the
    Sở Nội vụ proposing to itself. What is asked of it by name is said apart, as a People's
    Committee's report says what its units ask of it; what is asked of the province, the
    ministry, another sở or a bare "Sở" stays its proposal."""
    report, *_ = department_asked
    section = report[report.index("IV. ĐỀ XUẤT, KIẾN NGHỊ") + 1:
                     report.index("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI")]
    apart = section.index("Các đơn vị đề nghị Sở Nội vụ (xem xét, giải quyết theo thẩm "
                          "quyền):")
    assert sorted(line.split(" (")[0] for line in section[:apart]) == ASKED_UPWARD
    assert sorted(line.split(" (")[0] for line in section[apart + 1:]) == ASKED_OF_IT


@pytest.fixture(scope="module")
def province_asked(tmp_path_factory):
    """The province's plan as its People's Committee issues it, its units' notes asking
    it, its sở and the ministry."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(small_plan, "RETURNS", _asking([(note, None) for note in PROVINCE_NOTES]))
        return _documents(tmp_path_factory.mktemp("tinh-asked"), _reissued(*PROVINCE), mp)


def test_what_the_province_s_units_ask_of_its_sở_is_not_the_province_s_proposal(
        province_asked):
    """The People's Committee's report on the province's plan listed a sở's "Đề nghị Sở
    Nội vụ hỗ trợ tập huấn" under "IV. ĐỀ XUẤT, KIẾN NGHỊ" as its proposals upward (a QA
    pass of the year's report): the province proposing to its own department, which
    drafts the report. What its units ask of a sở (by name, symbol or a bare "Sở") is said
    apart, for those asked to settle; what they ask of the committee apart too; what they
    ask of the ministry stays its proposal."""
    report, *_ = province_asked
    section = report[report.index("IV. ĐỀ XUẤT, KIẾN NGHỊ") + 1:
                     report.index("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI")]
    of_it = section.index("Các đơn vị đề nghị UBND tỉnh (xem xét, giải quyết theo thẩm "
                          "quyền):")
    below = section.index("Các đơn vị đề nghị các cơ quan, đơn vị của tỉnh (xem xét, giải "
                          "quyết theo thẩm quyền):")
    said = [line.split(" (")[0] for line in section]
    assert said[:of_it] == ["- Đề nghị Bộ Nội vụ ban hành hướng dẫn"]
    assert said[of_it + 1:below] == ["- Đề nghị UBND tỉnh chỉ đạo các xã"]
    assert sorted(said[below + 1:]) == [
        "- Đề nghị Giám đốc Sở Nội vụ tỉnh Thanh Hóa cho ý kiến",
        "- Đề nghị SNV hướng dẫn mẫu báo cáo", "- Đề nghị Sở Nội vụ tập huấn nghiệp vụ",
        "- Đề nghị Sở Tài chính bố trí kinh phí", "- Đề nghị Sở bố trí kinh phí số hóa"]


@pytest.mark.parametrize("issued_by, then", [
    ("province", "Tiếp tục chỉ đạo thực hiện "),
    ("department", "Tiếp tục hướng dẫn, đôn đốc các cơ quan, đơn vị thực hiện ")])
def test_the_sở_nội_vụ_urges_the_province_s_units_it_does_not_direct_them(issued_by, then,
                                                                          request):
    """The Sở Nội vụ's report on its plan for the province said, as the People's Committee's
    does, "V. … Tiếp tục chỉ đạo thực hiện 5 nhiệm vụ chưa hoàn thành": the other sở are its
    peers and the communes' committees are not under it; it guides and urges them."""
    report, *_ = request.getfixturevalue(issued_by)
    next_steps = report[report.index("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI") + 1]
    assert next_steps.startswith(then), next_steps


def test_its_letters_ask_the_heads_of_its_rooms(own_offices):
    """The letters to a department's (or the office's) own rooms asked "Thủ trưởng các cơ
    quan, đơn vị nêu trên", the heads of the province's bodies: its rooms have heads
    ("Trưởng phòng"), as "Trưởng các phòng, đơn vị nêu trên" asks them (a QA pass)."""
    _, _, letter, overdue, _ = own_offices
    for sent, then in ((letter, " khẩn trương hoàn thành, gửi lại báo cáo"), (overdue, ":")):
        assert any(f" đề nghị Trưởng các phòng, đơn vị nêu trên{then}" in t for t in sent), sent
        assert not any("Thủ trưởng" in t for t in sent)


def test_its_documents_name_its_rooms_as_its_rooms(own_offices):
    """A department's (or the office's) report and letters on its own plan named its rooms
    and units as a People's Committee names the bodies under it: "Sở Tư pháp … đã đề nghị
    các cơ quan, đơn vị báo cáo", "giao cho 4 cơ quan, đơn vị", "do 2 cơ quan, đơn vị chủ
    trì": they are "phòng, đơn vị" (a QA pass)."""
    _, report, letter, overdue, _ = own_offices
    assert any(" đã đề nghị các phòng, đơn vị báo cáo kết quả" in t for t in letter)
    assert any(", giao cho 4 phòng, đơn vị chủ trì hoặc phối hợp." in t for t in report)
    assert any(re.search(r" do \d phòng, đơn vị chủ trì", t) for t in overdue), overdue
    assert not [t for t in report + letter + overdue if "cơ quan, đơn vị" in t]


@pytest.mark.parametrize("body, asked", [
    ("so", "Trưởng các phòng, đơn vị gửi muộn"), ("van-phong", "Trưởng các phòng, đơn vị gửi muộn"),
    ("ubnd", "Thủ trưởng các đơn vị gửi muộn")])
def test_a_letter_to_its_late_rooms_asks_their_heads(body, asked):
    """Every report in, two late: the letter asks the heads of the late units to mend.
    Sent to more units than "Kính gửi" lists, it is to "Các phòng, đơn vị có tên tại công
    văn này" (a People's Committee's, "Các cơ quan, đơn vị …")."""
    from types import SimpleNamespace

    from cchc_xl import official
    from cchc_xl.letters.remind import TEMPLATE

    plan = SimpleNamespace(title="Kế hoạch cải cách hành chính năm 2026",
                           authority="Sở Tư pháp tỉnh Thanh Hóa", signer="", signer_title="",
                           amended_in="")
    late = [SimpleNamespace(unit=SimpleNamespace(name=name), days_late=3, items=[],
                            support=[], late_said="muộn 3 ngày")
            for name in ("Thanh tra Sở", "Văn phòng Sở")]
    level = issuer.Level("tinh", "tỉnh", body, own=body != "ubnd")
    parts = official.parts(
        TEMPLATE, plan=plan, period_name="6 tháng đầu năm 2026", missing=[], rejected=[],
        late=late, to_fix=[], annexed=False, due="20/06/2026", cutoff="14/06/2026",
        today="25/06/2026", before_due=False, deadline="30/06/2026", returned=4, assigned=4,
        level=level, signer_title="", addressees=["Phòng"] * 5, addressees_max=4)
    assert f"Sở Tư pháp tỉnh Thanh Hóa đề nghị {asked} chấn chỉnh" in parts["noi-dung"]
    units = "phòng, đơn vị" if level.own else "cơ quan, đơn vị"
    assert parts["kinh-gui"].strip() == f"Kính gửi: Các {units} có tên tại công văn này."


def test_the_report_names_the_plan_as_a_sentence_writes_it(province):
    """"Thực hiện KẾ HOẠCH Cải cách hành chính... (số 275/KH-UBND)": the heading's capitals
    mid-sentence, and no day of issue though the plan has one."""
    report, _, _ = province
    assert any(t.startswith(
        "Thực hiện Kế hoạch cải cách hành chính tỉnh Thanh Hóa năm 2023 (số 275/KH-UBND "
        "ngày 25/12/2022), Ủy ban nhân dân tỉnh Thanh Hóa báo cáo kết quả") for t in report)


def test_a_commune_reports_to_the_province(commune):
    report, letter, _ = commune
    assert _recipients(report) == [
        "- UBND tỉnh, Sở Nội vụ (để b/c);", "- Thường trực Đảng ủy, HĐND xã (để b/c);",
        "- Chủ tịch, các PCT UBND xã;", "- Các cơ quan, đơn vị (để t/h);", "- Lưu: VT."]
    assert _recipients(letter) == ["- Như trên;", "- Chủ tịch, các PCT UBND xã;", "- Lưu: VT."]
    # A commune's offices are not scored by the PAR index: the letter does not say so.
    assert not any("Chỉ số cải cách hành chính" in t for t in letter)


def test_a_district_plan_of_2023_keeps_its_recipients(district):
    report, letter, _ = district
    assert _recipients(report) == [
        "- Sở Nội vụ (để b/c);", "- Thường trực Huyện ủy, HĐND (để b/c);",
        "- Chủ tịch, các Phó Chủ tịch UBND;", "- Các cơ quan, đơn vị (để t/h);", "- Lưu: VT."]
    assert _recipients(letter) == ["- Như trên;", "- Chủ tịch, các Phó Chủ tịch UBND;",
                                   "- Lưu: VT."]


@pytest.mark.parametrize(("authority", "year", "units", "level"), [
    ("Ủy ban nhân dân tỉnh Thanh Hóa", 2026, [], ("tinh", "tỉnh")),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", 2023, [], ("tinh", "thành phố")),
    ("UBND thành phố Huế", 2026, [], ("tinh", "thành phố")),
    ("Ủy ban nhân dân thành phố Thanh Hóa", 2023, [], ("huyen", "thành phố")),
    ("Ủy ban nhân dân huyện Hoằng Hóa", 2023, [], ("huyen", "huyện")),
    ("Ủy ban nhân dân thị xã Nghi Sơn", 2023, [], ("huyen", "thị xã")),
    ("Ủy ban nhân dân phường Hạc Thành", 2026, [], ("xa", "phường")),
    ("Ủy ban nhân dân đặc khu Phú Quốc", 2026, [], ("xa", "đặc khu")),
    # An authority naming no place: its units tell.
    ("ỦY BAN NHÂN DÂN", 2026, [Unit("SNV", "Sở Nội vụ")], ("tinh", "tỉnh")),
    ("ỦY BAN NHÂN DÂN", 2023, [Unit("X1", "Xã Một", COMMUNE)], ("huyen", "huyện")),
    ("ỦY BAN NHÂN DÂN", 2026, [Unit("VP", "Văn phòng HĐND và UBND phường"),
                               Unit("CA", "Công an phường")], ("xa", "phường")),
])
def test_the_level_of_the_plan(authority, year, units, level):
    got = issuer.plan_level(Plan(authority, "Kế hoạch", year), units)
    assert (got.code, got.kind) == level and got.code in LEVELS


@pytest.mark.parametrize(("authority", "units", "level"), [
    # A department's plan for its own rooms and centres; for the province's sở and
    # communes (itself among its units: not another body).
    ("SỞ TƯ PHÁP TỈNH THANH HÓA", [Unit("VP", "Văn phòng Sở"),
                                   Unit("TT", "Trung tâm Trợ giúp pháp lý", PUBLIC_SERVICE)],
     ("tinh", "tỉnh", "so", True, False)),
    ("Sở Nội vụ thành phố Hà Nội", [Unit("VP", "Văn phòng Sở")],
     ("tinh", "thành phố", "so", True, True)),
    ("SỞ NỘI VỤ TỈNH THANH HÓA", [Unit("NV", "Sở Nội vụ"), Unit("TP", "Sở Tư pháp")],
     ("tinh", "tỉnh", "so", False, True)),
    ("SỞ NỘI VỤ TỈNH THANH HÓA", [Unit("NV", "Sở Nội vụ"), Unit("X1", "Xã Một", COMMUNE)],
     ("tinh", "tỉnh", "so", False, True)),
    # A department naming no province, in 2023 with communes: still the province's.
    ("Sở Nội vụ", [Unit("X1", "Xã Một", COMMUNE)], ("tinh", "tỉnh", "so", False, True)),
    ("VĂN PHÒNG UBND TỈNH LAI CHÂU", [Unit("HC", "Phòng Hành chính - Tổ chức")],
     ("tinh", "tỉnh", "van-phong", True, False)),
    ("Ủy ban nhân dân xã Hoằng Hóa", [Unit("VP", "Văn phòng HĐND và UBND")],
     ("xa", "xã", "ubnd", False, False)),
])
def test_who_of_its_level_issued_the_plan(authority, units, level):
    """The office's own plan was a commune's (no place of a People's Committee in its
    name, no sở among its units), a department's own the province's."""
    got = issuer.plan_level(Plan(authority, "Kế hoạch", 2023), units)
    assert (got.code, got.kind, got.body, got.own, got.home_affairs) == level


# --- lists of units ------------------------------------------------------------------------

def test_units_are_listed_in_registry_order_separated_by_semicolons(province):
    report, letter, _ = province
    # A sentence of its own for each list: "; " parts the names, not the clauses.
    sentence = next(t for t in report if "Sau hạn, nhận thêm báo cáo" in t)
    assert (f". Sau hạn, nhận thêm báo cáo của 2 đơn vị: {VHTTDL}; Xã Hoằng Hóa. Chưa "
            "gửi hoặc chưa có báo cáo hợp lệ: Phường Hạc Thành.") in sentence
    assert f"{VHTTDL} (muộn 5 ngày); Xã Hoằng Hóa (muộn 2 ngày)." in letter


def test_a_letter_to_a_few_units_names_each_as_letters_address_it(province, commune):
    """A province writes to a ward's People's Committee, not to "Phường Hạc Thành"; a
    commune to its own offices by their names."""
    for (_, letter, listing), named in (
            (province, [f"- {VHTTDL};", "- Ủy ban nhân dân xã Hoằng Hóa;",
                        "- Ủy ban nhân dân phường Hạc Thành."]),
            (commune, ["- Phòng Văn hóa - Xã hội;", "- Phòng Kinh tế;", "- Công an xã."])):
        start = letter.index("Kính gửi:")
        assert letter[start + 1:start + 4] == named
        # The mail-merge list (in the letter's order: refused, then late) says them so.
        rows = list(csv.DictReader(listing.read_text(encoding="utf-8-sig").splitlines()))
        assert sorted(f"- {r['Kính gửi']}" for r in rows) == sorted(n[:-1] for n in named)


# --- what the letter asks of a unit --------------------------------------------------------

def test_the_letter_asks_the_unit_for_its_file_not_the_office_to_merge(province, commune):
    for _, letter, listing in (province, commune):
        rejected = next(t for t in letter if t.startswith("- Phường Hạc Thành:")
                        or t.startswith("- Công an xã:"))
        why = ("tệp đã gửi là tệp được giao cho kỳ quý I năm 2023, không phải tệp báo cáo 6 "
               "tháng đầu năm 2023")
        # Why in the body; what to do in its row of the annex (a QA pass: both, twice).
        assert rejected.endswith(f": {why}."), rejected
        assert f"[Tệp bị từ chối] {why}: điền kết quả 6 tháng đầu năm 2023 vào tệp được giao " \
            "cho kỳ này rồi gửi" in letter
        rows = list(csv.DictReader(listing.read_text(encoding="utf-8-sig").splitlines()))
        printed = letter + [r["Việc cần làm"] for r in rows]
        for words in OFFICE_WORDS:
            assert not any(words in t for t in printed), words


def test_findings_for_the_office_are_reworded_or_left_out():
    master = tiny_master()
    period = "6 tháng đầu năm 2023"
    same_time = Finding(WARNING, "saved-same-time", (
        "tệp lưu cùng lúc (18/06/2023 09:00) với tệp X2-b.xlsx của cùng đơn vị nhưng nội dung "
        "khác, nên không biết tệp nào mới hơn: tệp này đang được tính (gộp sau); nếu không "
        "đúng, rút tệp kia khỏi số liệu (nút 'Rút khỏi số liệu' ở trang Thu nhận, hoặc lệnh "
        "'cchc-xl withdraw')"), unit="X2")
    checked = Finding(WARNING, "identity-checksum", "mã kiểm tra của thông tin nhận dạng không "
                      "khớp: đã đối chiếu từng dòng với kế hoạch", unit="X2")
    percent = Finding(ERROR, "percent-out-of-range", "tỷ lệ 120% ngoài khoảng 0–100: ghi số từ "
                      "0 đến 100", sheet="Thể chế", cell="I6", unit="X2", task="TC-04")
    assert for_unit(checked, master, period) is None
    assert for_unit(percent, master, period) == percent
    reworded = for_unit(same_time, master, period)
    assert reworded.message == ("đơn vị gửi nhiều tệp lưu cùng một lúc với nội dung khác nhau: "
                                "gửi lại một tệp là bản báo cáo cuối cùng")


def test_a_file_refused_as_not_the_one_issued_asks_for_it_now_not_next_time():
    """A commune's sheet copied into a new workbook is refused (identity-missing, an
    error); its feedback said "Tệp bị từ chối: … lần sau điền thẳng vào tệp được giao"
    under "Hạn gửi lại: trong 03 ngày" (a QA pass as a commune clerk): "next time" told
    the clerk there was nothing to send now. A file taken by its guide's code (a
    warning) is still told for next time."""
    master = tiny_master()
    period = "6 tháng đầu năm 2023"
    refused = Finding(ERROR, "identity-missing", "không nhận ra tệp: …")
    taken = Finding(WARNING, "identity-missing", "tệp không còn thông tin nhận dạng ẩn …",
                    unit="X2")
    assert for_unit(refused, master, period).message == (
        "tệp không phải tệp được giao (đã chép sang tệp khác) nên chưa được tính: chép kết "
        "quả vào tệp được giao cho đơn vị rồi gửi lại")
    assert for_unit(taken, master, period).message.endswith(
        "lần sau điền thẳng vào tệp được giao")


def test_a_letter_to_one_unit_asks_it_by_name(tmp_path):
    """A letter whose "Kính gửi" names one unit asked "Thủ trưởng các cơ quan, đơn vị nêu
    trên" or "Thủ trưởng các đơn vị gửi muộn", a crowd of one (a QA pass): it asks the
    unit by name, as an office writes to one addressee."""
    master = tiny_master()
    overdue = tmp_path / "qua-han.docx"
    write_overdue(build_ledger(tmp_path / "a" / L.LEDGER_NAME, master), "Q1", overdue,
                  today=date(2023, 10, 5))
    text = "\n".join(p.text for p in Document(str(overdue)).paragraphs)
    assert "Kính gửi: Phòng Nội vụ." in text
    assert "Ủy ban nhân dân huyện Thử đề nghị Phòng Nội vụ:\n" in text
    # Only Phòng Tư pháp to chase, for its late file.
    master = tiny_master()
    master.units = [u for u in master.units if u.code != "X2"]
    for d in master.deliverables():
        d.lead = [c for c in d.lead if c != "X2"]
    late = tmp_path / "don-doc.docx"
    db = build_ledger(tmp_path / "b" / L.LEDGER_NAME, master, periods=("6T",))
    write_reminders(db, "6T", late, today=date(2023, 7, 20))
    text = "\n".join(p.text for p in Document(str(late)).paragraphs)
    assert "Kính gửi: Phòng Tư pháp." in text
    assert "đã nhận báo cáo của 3/3 đơn vị; còn 1 đơn vị gửi muộn, cụ thể:" in text
    assert ("Ủy ban nhân dân huyện Thử đề nghị Phòng Tư pháp chấn chỉnh, bảo đảm thời hạn "
            "báo cáo ở các kỳ sau.") in text
    assert "Thủ trưởng" not in text

