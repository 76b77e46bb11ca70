"""cchc-xl import of a commune's 2026 plan: what importing found that the check of the
master it writes says again of the same row (a task without a product, lead or deadline;
a sub-task's number with no task above it) is said once, by the check, at the cell to
fill and with the row of the document it came from.

Each document is built here with python-docx: the commune's heading table, title and
appendix, its task table's areas merged across.
"""

from __future__ import annotations

import re

from click.testing import CliRunner
from test_import_responsibility import commune_plan

from cchc_xl.cli import main

# A commune's task table as many are typed: no "Sản phẩm" column.
HEAD = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
        "Thời gian hoàn thành"]
VP, PVHCC = "Văn phòng HĐND và UBND xã", "Trung tâm Phục vụ hành chính công xã"


def _area(title: str) -> list[str | None]:
    return [title.split(". ", 1)[0], title.split(". ", 1)[1], None, None, None]


ROWS = [HEAD,
        _area("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        ["1", "Xây dựng, ban hành Kế hoạch CCHC năm 2026", VP, "Các phòng chuyên môn",
         "Quý I/2026"],
        ["2", "Kiểm tra công tác CCHC tại các thôn", VP, "Phòng Văn hóa - Xã hội",
         "Quý III/2026"],
        _area("II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        ["1", "Rà soát, đơn giản hóa thủ tục hành chính", PVHCC, "Các phòng chuyên môn",
         "Trước 30/6/2026"],
        ["2", "Niêm yết công khai thủ tục hành chính", PVHCC, "", "Thường xuyên"],
        _area("III. CẢI CÁCH TÀI CHÍNH CÔNG"),
        ["1", "Giải ngân vốn đầu tư công", "Phòng Kinh tế", VP, "Quý IV/2026"],
        ["2", "Công khai ngân sách xã", "Phòng Kinh tế", "", "Trước ngày 31/12/2026"]]
MERGES = [(1, 1, 1, 4), (4, 1, 4, 4), (7, 1, 7, 4)]
FILL = ("chưa ghi sản phẩm/kết quả: ghi sản phẩm của nhiệm vụ vào ô (văn bản, báo cáo… "
        "đơn vị phải hoàn thành)")


def _said(output: str) -> list[str]:
    """The findings' lines a command prints, each from its label on (no file's path)."""
    return [re.sub(r" — .*?\.(?:docx|xlsx), ", " | ", line.split("] ", 1)[1], count=1)
            for line in output.splitlines() if line.startswith("[")]


def test_a_plan_without_a_product_column_is_warned_once_a_task(tmp_path):
    """Six tasks and no "Sản phẩm" column: twelve warnings, each task's twice ("nhiệm vụ 1
    thiếu sản phẩm: đã giữ nội dung…" from the document, "thiếu sản phẩm … chưa ghi sản
    phẩm/kết quả" from the check of the table written), and the web app's plan page
    listed both. Now once a task: the check's, at the cell to fill, with its row of the
    document; `check` then says the same six."""
    source = commune_plan(tmp_path / "kh.docx", ROWS, MERGES)
    out = tmp_path / "ke-hoach.xlsx"
    done = CliRunner().invoke(main, ["import", str(source), "--out", str(out)])
    said = _said(done.output)
    missing = [(f"thiếu sản phẩm | trang '{sheet}', ô D{row}, nguồn: bảng 1, dòng {line}: "
                f"{FILL}") for sheet, row, line in (
                    ("Chỉ đạo, điều hành", 6, 3), ("Chỉ đạo, điều hành", 7, 4),
                    ("Thủ tục hành chính", 6, 6), ("Thủ tục hành chính", 7, 7),
                    ("Tài chính công", 6, 9), ("Tài chính công", 7, 10))]
    assert [s for s in said if "sản phẩm" in s] == missing, done.output
    assert "nhiệm vụ thiếu thông tin" not in done.output
    assert "0 lỗi, 6 cảnh báo, 2 ghi nhận." in done.output, done.output
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert _said(checked.output) == [re.sub(r", nguồn: bảng 1, dòng \d+", "", s)
                                     for s in missing]


def test_a_row_without_lead_or_deadline_and_an_orphan_number_are_said_once(tmp_path):
    """A task with neither lead nor deadline was told by the import ("thiếu sản phẩm,
    chủ trì, thời hạn") and again by the check (the product, the lead: an error, the
    deadline); a sub-task's number "2.1" with no task "2" above it, by the import
    ("không có dòng nhiệm vụ mẹ ngay trên") and by the check ("là số của nhiệm vụ con").
    Each fact once, by the check."""
    rows = [HEAD, _area("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
            ["1", "Xây dựng Kế hoạch CCHC năm 2026", VP, "", "Tháng 01/2026"],
            ["2.1", "Kiểm tra công tác CCHC", "", "", ""]]
    source = commune_plan(tmp_path / "kh.docx", rows, [(1, 1, 1, 4)])
    done = CliRunner().invoke(main, ["import", str(source), "--out",
                                     str(tmp_path / "m.xlsx")])
    said = [s.split(":", 1)[0] for s in _said(done.output)]
    assert said == [
        "đơn vị ghi tên dài hơn trong kế hoạch | bảng 1, dòng 3",
        "thiếu sản phẩm | trang 'Chỉ đạo, điều hành', ô D6, nguồn",
        "số thứ tự như nhiệm vụ con | trang 'Chỉ đạo, điều hành', ô B7, nguồn",
        "thiếu đơn vị chủ trì | trang 'Chỉ đạo, điều hành', ô E7, nguồn",
        "thiếu thời hạn | trang 'Chỉ đạo, điều hành', ô G7, nguồn",
        "thiếu sản phẩm | trang 'Chỉ đạo, điều hành', ô D7, nguồn"], done.output
    assert "1 lỗi, 4 cảnh báo, 1 ghi nhận." in done.output, done.output


def test_an_orphan_number_over_products_on_the_rows_below_is_said_once(tmp_path):
    """ "2.1" on a row of its own, its products on the rows below under its merged TT and
    content: the import spoke of the task's row, the check of its first product's; still
    one warning, the check's, with the product's row of the document."""
    head = ["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian hoàn thành"]
    rows = [head, ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", None, None, None, None],
            ["2.1", "Kiểm tra công tác CCHC", None, None, None, None],
            [None, None, "Báo cáo", VP, "", "Quý II/2026"],
            [None, None, "Kế hoạch", "", "", "Quý III/2026"]]
    source = commune_plan(tmp_path / "kh.docx", rows,
                          [(1, 1, 1, 5), (2, 0, 4, 0), (2, 1, 4, 1)])
    done = CliRunner().invoke(main, ["import", str(source), "--out",
                                     str(tmp_path / "m.xlsx")])
    assert [s.split(":", 1)[0] for s in _said(done.output) if "nhiệm vụ con" in s] == [
        "số thứ tự như nhiệm vụ con | trang 'Chỉ đạo, điều hành', ô B6, nguồn"], done.output


def test_an_open_group_added_is_said_open_once_a_cell(tmp_path):
    """A group the plan names that is open (the villages, "các hội, đoàn thể có liên
    quan"): the import's warning on adding it said "(nhóm mở: mọi thôn, tổ dân phố)" or
    "(nhóm mở: nếu nhóm gồm…)", a line above the check's note on the same row, "là nhóm
    mở, không giao cho đơn vị cụ thể nào". The import says what it added and what to do;
    that the group is open, the check's note, once a row."""
    head = ["TT", "Nội dung nhiệm vụ", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp",
            "Thời gian hoàn thành"]
    rows = [head, ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", None, None, None, None],
            ["1", "Tuyên truyền cải cách hành chính", "Tin bài", VP, "Các thôn",
             "Quý II/2026"],
            ["2", "Kiểm tra công tác CCHC", "Báo cáo", VP, "Các hội, đoàn thể có liên quan",
             "Quý III/2026"]]
    source = commune_plan(tmp_path / "kh.docx", rows, [(1, 1, 1, 5)])
    done = CliRunner().invoke(main, ["import", str(source), "--out",
                                     str(tmp_path / "m.xlsx")])
    said = _said(done.output)
    assert [s for s in said if s.startswith("thêm nhóm mới")] == [
        "thêm nhóm mới | bảng 1, dòng 3: 'Các thôn' chưa có trong danh sách: đã thêm nhóm "
        "mã N04; kiểm tra trang 'Nhóm'",
        "thêm nhóm mới | bảng 1, dòng 4: 'Các hội, đoàn thể có liên quan' chưa có trong "
        "danh sách: đã thêm nhóm mã N05; nếu nhóm gồm những đơn vị cụ thể, ghi mã của họ ở "
        "cột 'Gồm các đơn vị' của nhóm đó ở trang 'Nhóm'"], done.output
    for line in (3, 4):
        told = [s for s in said if f"bảng 1, dòng {line}" in s and "nhóm mở" in s]
        assert len(told) == 1 and told[0].startswith("nhóm mở | "), done.output
