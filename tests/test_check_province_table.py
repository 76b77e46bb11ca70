"""cchc-xl check of a province's 2026 plan table typed by hand: made by ``cchc-xl init
--province``, a task for each lead cell written in its area's sheet, checked as the office
checks it (the messages the command prints)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl.cli import main

# What check says of a lead it does not know, before its guess ("Có phải: …?").
_UNKNOWN = ("không tìm thấy đơn vị hay nhóm '{}' trong trang 'Đơn vị'/'Nhóm': đơn vị chưa "
            "có thì thêm một dòng vào trang 'Đơn vị' (mã, tên, loại đơn vị); đã có nhưng viết "
            "khác thì sửa tên cho đúng, hoặc ghi cách viết này vào cột 'Tên gọi khác' của đơn "
            "vị đó.")


def _typed_plan(tmp_path: Path, leads: list[str], year: int = 2026) -> Path:
    """Thanh Hóa's plan table from ``init``, its area sheet filled by hand: one task for
    each lead."""
    path = tmp_path / "ke-hoach.xlsx"
    made = CliRunner().invoke(main, ["init", str(path), "--year", str(year), "--level",
                                     "tinh", "--province", "Thanh Hóa"])
    assert made.exit_code == 0, made.output
    wb = load_workbook(path)
    ws = wb["Lĩnh vực 1"]
    ws["B1"], ws["B2"] = "TC", "Cải cách thể chế"
    for n, lead in enumerate(leads, start=1):
        for column, value in enumerate((f"TC-{n:02d}", n, f"Nhiệm vụ {n}", "Báo cáo", lead,
                                        None, "Quý IV"), start=1):
            ws.cell(5 + n, column, value)
    wb.save(path)
    return path


def _said(path: Path) -> dict[str, str]:
    """What ``cchc-xl check`` prints of each cell, by cell ("E6"); its exit code checked
    to be that of a plan with errors or without."""
    done = CliRunner().invoke(main, ["check", str(path)])
    assert done.exit_code in (0, 1), done.output
    return {line.split(", ô ")[1].split(":")[0]: line.split(": ", 1)[1]
            for line in done.output.splitlines() if ", ô " in line}


def test_a_real_department_is_never_guessed_a_typo_of_another(tmp_path):
    """Check asked "Có phải: Sở Nội vụ?" of "Sở Ngoại vụ" (a department some provinces
    kept in 2025) and "Có phải: Thanh tra tỉnh?" of "Đài Phát thanh và Truyền hình tỉnh"
    after the import stopped asking: a user acting on it merges two bodies. Its guess now
    follows the import's rule (units._mistyped): a word in place of another is no typo,
    diacritics left out or a letter off still are."""
    said = _said(_typed_plan(tmp_path, ["Sở Ngoại vụ", "Sở Noi vu", "Sở Tư phpá",
                                        "Đài Phát thanh và Truyền hình tỉnh"]))
    assert said["E6"] == _UNKNOWN.format("Sở Ngoại vụ")
    assert said["E7"] == _UNKNOWN.format("Sở Noi vu") + " Có phải: Sở Nội vụ?"
    assert said["E8"] == _UNKNOWN.format("Sở Tư phpá") + " Có phải: Sở Tư pháp?"
    assert said["E9"].startswith(_UNKNOWN.format("Đài Phát thanh và Truyền hình tỉnh"))
    assert "Có phải" not in said["E9"]
