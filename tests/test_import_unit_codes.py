"""The code `cchc-xl import` gives a unit it adds, as a clerk reads it in the unit's
file name ("NGV-Sở-Ngoại-vụ.xlsx"), its sheets and the ledger: a QA pass of a 2026
province plan found "Sở Ngoại vụ" coded NV2 (a second Sở Nội vụ, whose code is NV),
"Thuế tỉnh" coded T, and the office of the delegation and the council VPDDBQ (ĐBQH cut).

Each document is built here with python-docx, small.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from test_import_tables import HEAD, plan_docx

from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan
from cchc_xl.plan_import.unit_codes import unit_code
from cchc_xl.split import split_master
from cchc_xl.vocab import DEPARTMENT, OTHER

LETTERHEAD = ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ", "KẾ HOẠCH", "Cải cách hành chính năm 2026")
_ADDED = ["Sở Ngoại vụ", "Thuế tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
          "KBNN khu vực VIII", "Phòng Tư pháp", "Ban Kinh tế - Ngân sách HĐND tỉnh"]


def _import(tmp_path, leads: list[str], out: str = "ke-hoach.xlsx"):
    """Phú Thọ's plan, a task for each lead cell, imported as the CLI does with
    ``--province "Phú Thọ"``: the master as written."""
    rows = [HEAD, *[[str(k), f"Việc {k}", "Báo cáo", lead, "", "Quý II/2026"]
                    for k, lead in enumerate(leads, 1)]]
    result = import_plan(plan_docx(tmp_path / "kh.docx", rows, lines=LETTERHEAD),
                         tmp_path / out, province="Phú Thọ")
    return load_master(result.path)


def _codes(master) -> dict[str, str]:
    """Each unit's code by its name."""
    return {u.name: u.code for u in master.units}


def test_an_added_unit_has_a_code_a_clerk_tells_from_the_others(tmp_path):
    master = _import(tmp_path, _ADDED)
    codes = _codes(master)
    assert codes["Sở Nội vụ"] == "NV"  # the template's, kept
    assert codes["Sở Tư pháp"] == "TP"
    assert codes["Sở Ngoại vụ"] == "NGV"  # was NV2: "a second Nội vụ"
    assert codes["Thuế tỉnh"] == "THUE"  # was T
    # was VPDDBQ: ĐBQH cut to "DBQ"; at most 8 letters, acronyms whole
    assert codes["Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"] == "VPDBQH"
    assert codes["Kho bạc Nhà nước khu vực VIII"] == "KBNNVIII"  # was KBNNKV
    assert codes["Phòng Tư pháp"] == "PTP"  # was TP2, beside Sở Tư pháp (TP)
    assert codes["Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh"] == "KTNSHDND"  # KTNSHD


def test_the_unit_files_are_named_by_those_codes(tmp_path):
    master = _import(tmp_path, _ADDED[:3])
    period = master.periods[0].code
    files = split_master(master, period, tmp_path / "giao",
                         issued_at=datetime(2026, 12, 1)).files
    names = sorted(f.path.name for f in files)
    assert "NGV-Sở-Ngoại-vụ.xlsx" in names
    assert "THUE-Thuế-tỉnh.xlsx" in names
    assert not [n for n in names if n.startswith(("NV2", "T-"))]


def test_the_codes_stay_unique_ascii_and_the_same_when_imported_again(tmp_path):
    leads = [*_ADDED, "Sở Noi vu", "Sở Ngoại giao", "Thuế tỉnh Phú Thọ", "Hải quan tỉnh",
             "Trường THCS Bút Sơn", "Trường THCS Bắc Sơn", "Trường THCS Bình Sơn"]
    first = _codes(_import(tmp_path, leads))
    again = _codes(_import(tmp_path, leads, out="lan-2.xlsx"))
    assert first == again
    codes = list(first.values())
    assert len({c.upper() for c in codes}) == len(codes)
    assert all(c.isascii() and c.isalnum() and len(c) <= 9 for c in codes), codes
    assert first["Trường THCS Bút Sơn"] == "THCSBS"
    assert first["Trường THCS Bắc Sơn"] == "THCSBAS"  # was THCSBS2
    assert first["Trường THCS Bình Sơn"] == "THCSBIS"


@pytest.mark.parametrize("name, taken, code", [
    # the distinguishing word gets more letters; the kind's initial when words match
    ("Sở Ngoại vụ", {"NV": "Sở Nội vụ"}, "NGV"),
    ("Phòng Nội vụ", {"NV": "Sở Nội vụ"}, "PNV"),
    ("Sở Ngoại vụ", {"NV": "Sở Nội vụ", "NGV": "Sở Ngoại giao"}, "NGOV"),
    # codes alone: more letters of a word, the first first, then a number
    ("Sở Ngoại vụ", {"NV"}, "NGV"),
    ("Sở Ngoại vụ", {"NV", "NGV"}, "NVU"),
    ("Thuế tỉnh", set(), "THUE"),
    ("Thuế tỉnh", {"THUE"}, "THUE2"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", set(), "VPDBQH"),
    ("Văn phòng HĐND và UBND phường", set(), "VPHDND"),  # as before
    ("Tổ công tác triển khai Đề án 06", set(), "TCTTKD06"),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh", set(), "QLDADT"),  # initials: 6, as before
    ("Trường THCS Nguyễn Văn Trỗi", set(), "THCSNV"),
    ("Ủy ban Mặt trận Tổ quốc tỉnh", set(), "UBMTTQ"),
    ("Công an tỉnh", {"ca"}, "COA"),  # codes are told apart in any case
])
def test_an_added_units_code(name, taken, code):
    assert unit_code(name, OTHER if "Sở" not in name else DEPARTMENT, taken) == code
