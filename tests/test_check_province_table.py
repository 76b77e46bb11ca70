"""cchc-xl check of a province's 2026 plan table typed by hand: made by ``cchc-xl init
--province``, a task for each lead cell written in its area's sheet, checked as the office
checks it (the messages the command prints)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cchc_xl.cli import main
from cchc_xl.master import load_master
from cchc_xl.merged_bodies import merged_body
from support.plans import typed_plan

# What check says of a lead it does not know, before its guess ("Có phải: …?").
_UNKNOWN = ("không tìm thấy đơn vị hay nhóm '{}' trong trang 'Đơn vị'/'Nhóm': đơn vị chưa "
            "có thì thêm một dòng vào trang 'Đơn vị' (mã, tên, loại đơn vị); đã có nhưng viết "
            "khác thì sửa tên cho đúng, hoặc ghi cách viết này vào cột 'Tên gọi khác' của đơn "
            "vị đó.")


def _typed_plan(tmp_path: Path, leads: list[str], year: int = 2026) -> Path:
    """Thanh Hóa's plan table from ``init``, its area sheet filled by hand: one task for
    each lead."""
    return typed_plan(tmp_path / "ke-hoach.xlsx", ["--year", str(year), "--level", "tinh",
                                                   "--province", "Thanh Hóa"], leads)


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


def _with_units(path: Path, rows: list[tuple[str, str]]) -> Path:
    """``path`` with units added at the end of its 'Đơn vị' sheet: (code, name), each a
    public service unit."""
    wb = load_workbook(path)
    ws = wb["Đơn vị"]
    for code, name in rows:
        ws.append([code, name, "Đơn vị sự nghiệp"])
    wb.save(path)
    return path


_RADIO = "Đài Phát thanh và Truyền hình tỉnh"


def test_a_body_merged_in_2025_is_noted_in_a_later_plan(tmp_path):
    """A 2026 plan that still names the province's radio and television station (merged
    in 2025 with its newspaper) or Sở Kế hoạch và Đầu tư (merged into Sở Tài chính) gave
    each a unit and a file, with no word: the office sent work to a body gone. Check
    notes each, naming the body doing its work now, without refusing the plan (a
    province may have kept one); the council's Ban Dân tộc, still there, is no Ban Dân
    tộc of the committee."""
    planning = "Sở Kế hoạch và Đầu tư tỉnh Thanh Hóa"
    plan = _with_units(_typed_plan(tmp_path, [_RADIO, planning, "Sở Tài chính"]),
                       [("PTTH", _RADIO), ("KHDT", planning), ("BDT", "Ban Dân tộc HĐND tỉnh")])
    done = CliRunner().invoke(main, ["check", str(plan)])
    assert done.exit_code == 0, done.output
    notes = [line for line in done.output.splitlines()
             if line.startswith("[Ghi nhận] cơ quan đã hợp nhất năm 2025 — ")]
    assert [line.split(", ô ")[1].split(":")[0] for line in notes] == ["B183", "B184"]
    assert notes[0].endswith(
        f"'{_RADIO}' (mã PTTH): kế hoạch năm 2026, nhưng Đài Phát thanh và Truyền hình đã "
        "hợp nhất với báo của tỉnh thành Báo và Phát thanh, Truyền hình tỉnh từ năm 2025: "
        "nếu việc này nay do Báo và Phát thanh, Truyền hình tỉnh làm, xóa dòng này và ghi "
        f"'{_RADIO}' vào cột 'Tên gọi khác' của đơn vị Báo và Phát thanh, Truyền hình tỉnh "
        "(thêm dòng cho đơn vị ấy nếu chưa có); tỉnh vẫn giữ cơ quan này thì để nguyên")
    assert "đã hợp nhất vào Sở Tài chính từ năm 2025: nếu việc này nay do Sở Tài chính " \
           "làm" in notes[1]
    assert done.output.splitlines()[-1] == "0 lỗi, 0 cảnh báo, 2 ghi nhận."

    # Done as the note says: the old name another spelling of Sở Tài chính, its task
    # that department's, no note left.
    wb = load_workbook(plan)
    units = wb["Đơn vị"]
    (row,) = [r for r in units.iter_rows(min_row=2) if r[0].value == "TC"]
    row[3].value = planning
    units.delete_rows(184)
    wb.save(plan)
    done = CliRunner().invoke(main, ["check", str(plan)])
    assert done.exit_code == 0 and "Sở Kế hoạch" not in done.output, done.output
    assert [d.lead for d in load_master(plan).deliverables()][1:] == [["TC"], ["TC"]]


def test_a_plan_of_2025_or_before_names_the_bodies_as_they_were(tmp_path):
    """The 2025 plans (issued before the mergers) and the seed plans of 2023 name the
    bodies of their time: no note."""
    plan = _with_units(_typed_plan(tmp_path, [_RADIO], year=2025), [("PTTH", _RADIO)])
    done = CliRunner().invoke(main, ["check", str(plan)])
    assert done.exit_code == 0 and "hợp nhất" not in done.output, done.output


@pytest.mark.parametrize("name, now", [
    ("Đài PT-TH tỉnh", "Báo và Phát thanh, Truyền hình tỉnh"),
    ("Đài Phát thanh - Truyền hình Thanh Hóa", "Báo và Phát thanh, Truyền hình tỉnh"),
    ("Sở LĐ-TB&XH", "Sở Nội vụ"),
    ("Sở Lao động, Thương binh và Xã hội tỉnh", "Sở Nội vụ"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Môi trường"),
    ("Sở TN&MT thành phố Hà Nội", "Sở Nông nghiệp và Môi trường"),
    ("Sở TT&TT", "Sở Khoa học và Công nghệ"),
    ("Sở Giao thông vận tải", "Sở Xây dựng"),
    ("Ban Dân tộc tỉnh", "Sở Dân tộc và Tôn giáo"),
    ("Ban Dân tộc HĐND tỉnh", None),  # the council's committee, still there
    ("Sở Tài chính", None),
    ("Sở Ngoại vụ", None),
    ("Trung tâm Công nghệ thông tin thuộc Sở Thông tin và Truyền thông", None)])
def test_the_names_of_a_body_merged_in_2025(name, now):
    """Every spelling of a merged body a plan writes (abbreviations, connectors, the
    province after it) is that body; another body beginning or ending so is not."""
    body = merged_body(name)
    assert (body.now if body else None) == now
