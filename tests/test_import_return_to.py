"""Where units send their files back ("Nơi nhận báo cáo"), read from an imported plan's
body (plan_import/preamble.py)."""

from __future__ import annotations

import pytest
from test_import import _doc

from cchc_xl.master import load_master
from cchc_xl.plan_import import import_plan
from plan_documents import Doc, write_docx


@pytest.mark.parametrize("body, said", [
    # Hoằng Hóa 2023's wording: most reports go "(qua Phòng Nội vụ)", one to the province.
    (["Định kỳ hàng quý, 6 tháng, 9 tháng, cả năm báo cáo Chủ tịch UBND xã tình hình, kết "
      "quả thực hiện (qua Phòng Văn hóa - Xã hội).",
      "Tổng hợp, báo cáo Chủ tịch UBND xã và UBND tỉnh (qua Sở Nội vụ) định kỳ hằng năm.",
      "Văn phòng HĐND và UBND tổng hợp kết quả, báo cáo Chủ tịch UBND xã (qua phòng Văn hóa "
      "- Xã hội) định kỳ quý."], "Phòng Văn hóa - Xã hội"),
    (["Các cơ quan, đơn vị gửi báo cáo về Văn phòng HĐND và UBND xã trước ngày 15 của tháng "
      "cuối quý."], "Văn phòng HĐND và UBND xã"),
    (["Các cơ quan, đơn vị triển khai thực hiện nghiêm túc kế hoạch."], ""),  # nothing said
    # A commune's plan says how the commune reports up, then where its offices report:
    # they were told to send their files to the Sở Nội vụ (a QA pass, December 2026).
    (["Văn phòng HĐND và UBND xã theo dõi, tổng hợp, báo cáo UBND tỉnh (qua Sở Nội vụ) "
      "định kỳ quý, 6 tháng, 9 tháng và năm.",
      "Các cơ quan, đơn vị thuộc UBND xã báo cáo kết quả về Văn phòng HĐND và UBND xã "
      "trước ngày 10 của tháng cuối kỳ báo cáo."], "Văn phòng HĐND và UBND xã"),
    (["Định kỳ báo cáo UBND tỉnh (qua Sở Nội vụ) theo quy định."], ""),  # the commune's own
    # What is reported said at length (a commune's QA pass, December 2026: no unit's guide
    # said where its file goes back, Giao việc's "Gửi lại cho" was left empty).
    (["Văn phòng HĐND và UBND xã tổng hợp, báo cáo UBND tỉnh (qua Sở Nội vụ) theo quy định.",
      "Các phòng chuyên môn, đơn vị thuộc UBND xã báo cáo kết quả thực hiện về Văn phòng "
      "HĐND và UBND xã trước ngày 10 của tháng cuối quý."], "Văn phòng HĐND và UBND xã"),
    (["Các cơ quan, đơn vị báo cáo tình hình, kết quả thực hiện về Văn phòng HĐND và UBND "
      "xã định kỳ quý, 6 tháng, năm."], "Văn phòng HĐND và UBND xã"),
    (["Các cơ quan, đơn vị gửi báo cáo kết quả thực hiện về Văn phòng HĐND và UBND xã "
      "trước ngày 10/6/2026."], "Văn phòng HĐND và UBND xã"),
    # "báo cáo về" a subject, no body: nothing said.
    (["Văn phòng HĐND và UBND xã xây dựng báo cáo về phòng chống tham nhũng theo quy định."], ""),
])
def test_where_the_plan_has_units_report_is_where_their_files_go_back(tmp_path, body, said):
    """Each unit's guide says to whom its file goes back ("Nơi nhận báo cáo"); an
    imported plan's body usually says it already ("… báo cáo Chủ tịch UBND (qua Phòng
    Nội vụ)"): taken, with a note saying where to change it."""
    table = _doc([["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "",
                   "Quý IV/2026"]]).blocks[-1]
    doc = Doc(["ỦY BAN NHÂN DÂN XÃ HOẰNG TIẾN", "Kế hoạch cải cách hành chính năm 2026",
               table, "III. TỔ CHỨC THỰC HIỆN", *body])
    result = import_plan(write_docx(doc, tmp_path / "ke-hoach.docx"), tmp_path / "master.xlsx")
    assert load_master(result.path).plan.return_to == said
    told = [f.message for f in result.findings if f.code == "import-return-to"]
    assert told == ([f"nơi nhận báo cáo lấy theo kế hoạch: {said} (ghi ở trang Hướng dẫn "
                     "của tệp mỗi đơn vị); nhận ở nơi khác, hoặc muốn ghi thêm người nhận, số "
                     "điện thoại, thư điện tử thì sửa ở ô 'Nơi nhận báo cáo' của trang "
                     "'Kế hoạch'"] if said else [])


def test_a_provinces_units_report_through_its_department(tmp_path):
    """In a province's plan "(qua Sở Nội vụ)" is where its units' files go: kept."""
    table = _doc([["1", "Rà soát văn bản", "Báo cáo", "Sở Tư pháp", "", "Quý IV/2026"]]
                 ).blocks[-1]
    doc = Doc(["ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Kế hoạch cải cách hành chính năm 2026",
               table, "III. TỔ CHỨC THỰC HIỆN",
               "Các sở, ban, ngành báo cáo UBND tỉnh (qua Sở Nội vụ) trước ngày 10 của tháng "
               "cuối quý."])
    result = import_plan(write_docx(doc, tmp_path / "ke-hoach.docx"), tmp_path / "master.xlsx")
    assert load_master(result.path).plan.return_to == "Sở Nội vụ"


REPORT_BY_THE_10TH = ("Các phòng chuyên môn, đơn vị thuộc UBND xã báo cáo kết quả thực hiện về "
                      "Văn phòng HĐND và UBND xã trước ngày 10 của tháng cuối quý (báo cáo "
                      "quý), trước ngày 10/6/2026 (báo cáo 6 tháng).")


@pytest.mark.parametrize("body, told", [
    ([REPORT_BY_THE_10TH], True),
    # The default periods' own day (reports due on the 20th): nothing to set.
    (["Các cơ quan, đơn vị gửi báo cáo về Văn phòng HĐND và UBND xã trước ngày 20 của "
      "tháng cuối quý."], False),
    # The commune's own day to report to the province is not its offices'.
    (["Văn phòng HĐND và UBND xã tổng hợp, báo cáo UBND tỉnh (qua Sở Nội vụ) trước ngày "
      "12 của tháng cuối quý."], False),
])
def test_a_day_the_plan_gives_its_units_to_report_by_is_told(tmp_path, body, told):
    """A commune's plan has its offices report "trước ngày 10 của tháng cuối quý"; the
    imported table took the default periods (reports due on the 20th) and said nothing:
    an office sending its 6 tháng file on 19/06 was counted on time in the report the
    chairman signs (a QA pass, December 2026). The import now warns, quoting the plan,
    with what to set on the periods sheet."""
    table = _doc([["1", "Rà soát văn bản", "Báo cáo", "Văn phòng HĐND và UBND", "",
                   "Quý IV/2026"]]).blocks[-1]
    doc = Doc(["ỦY BAN NHÂN DÂN XÃ HOẰNG TIẾN", "Kế hoạch cải cách hành chính năm 2026",
               table, "III. TỔ CHỨC THỰC HIỆN", "2. " + body[0]])
    result = import_plan(write_docx(doc, tmp_path / "ke-hoach.docx"), tmp_path / "master.xlsx")
    said = [f for f in result.findings if f.code == "import-report-days"]
    if not told:
        assert said == []
        return
    (warning,) = said
    assert warning.severity == "warning"
    assert warning.message == (
        f"kế hoạch ghi hạn các đơn vị gửi báo cáo: “{REPORT_BY_THE_10TH}”; các kỳ báo cáo "
        "của bảng kế hoạch lấy theo mặc định (số liệu chốt ngày 14, hạn nộp báo cáo ngày 20 "
        "của tháng cuối kỳ, ví dụ quý I năm 2026: hạn 20/03/2026): sửa cột 'Đến ngày (chốt "
        "số liệu)' và 'Hạn nộp báo cáo' ở trang 'Kỳ báo cáo' theo kế hoạch trước khi tạo "
        "tệp giao, kẻo đơn vị gửi báo cáo sau hạn của kế hoạch vẫn được tính là đúng hạn")
    # The periods themselves are the defaults, as the warning says.
    assert [p.due.day for p in load_master(result.path).periods] == [20] * 5
