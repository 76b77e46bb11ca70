"""Every deadline text of both seed plans, and the forms docs/deadlines.md lists."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest

from cchc_xl.deadlines import (
    BEFORE_STRICT,
    DATE,
    EVENT,
    HALF,
    MONTH,
    PHASE,
    QUARTER,
    RECURRING,
    UNKNOWN,
    YEAR,
    impossible_dates,
    parse_deadline,
)
from cchc_xl.vocab import DONE, IN_PROGRESS, LATE, NOT_STARTED, ON_TIME, WITHIN
from support.paths import ROOT

D = date
# text -> (due, recurrence, kinds of the parts in order)
SEED_DEADLINES = {
    "- Báo cáo kết quả thực hiện: tháng 11/2023": (D(2023, 11, 30), None, [MONTH]),
    "- Báo cáo kết quả thực hiện: tháng 11/2023.": (D(2023, 11, 30), None, [MONTH]),
    "- Báo cáo kết quả thực hiện: định kỳ hàng quý, 6 tháng, 9 tháng, năm hoặc đột xuất theo "
    "quy định.": (None, "quarterly", [RECURRING]),
    "- Báo cáo kết quả: ngay sau khi kết thúc kỳ thi theo quy định.": (None, "event", [EVENT]),
    "- Báo cáo tự chấm điểm cùng tài liệu kiểm chứng của các cơ quan, đơn vị: Trước 10/12/2023;\n"
    "- Báo cáo tổng hợp chỉ số CCHC toàn huyện: trước 25/12/2023.":
        (D(2023, 12, 25), None, [DATE, DATE]),
    "- Kế hoạch CCHC 2023 của các cơ quan, đơn vị: trước 06/01/2023;\n- Báo cáo kết quả thực "
    "hiện: định kỳ hàng quý, 6 tháng, 9 tháng, năm hoặc đột xuất theo quy định.":
        (None, "quarterly", [DATE, RECURRING]),
    "- Kế hoạch thanh tra, kiểm tra: Quý I/2023.\n- Báo cáo kết quả thực hiện: Quý IV/2023.":
        (D(2023, 12, 31), None, [QUARTER, QUARTER]),
    "- Kế hoạch: hàng năm.\n- Báo cáo kết quả: ngay sau khi kết thúc kỳ thi theo quy định.":
        (None, "annual", [RECURRING, EVENT]),
    "- Tổ chức thực hiện: thường xuyên.\n- Báo cáo kết quả thực hiện: định kỳ hàng quý":
        (None, "continuous", [RECURRING, RECURRING]),
    "- Văn bản triển khai thực hiện: tháng 11/2023;\n- Báo cáo kết quả thực hiện: trước "
    "15/12/2023.": (D(2023, 12, 15), None, [MONTH, DATE]),
    "- Xây dựng Kế hoạch: tháng 11/2022;\n- Báo cáo kết quả thực hiện: tháng 11/2023.":
        (D(2023, 11, 30), None, [MONTH, MONTH]),
    "- Xây dựng kế hoạch: tháng 1/2023;\n- Báo cáo: tháng 11/2023.":
        (D(2023, 11, 30), None, [MONTH, MONTH]),
    "31/10/2023": (D(2023, 10, 31), None, [DATE]),
    "Báo cáo kết quả khảo sát: tháng 11/2023": (D(2023, 11, 30), None, [MONTH]),
    "Báo cáo định kỳ 6 tháng, năm": (None, "semiannual", [RECURRING]),
    "Năm 2023": (D(2023, 12, 31), None, [YEAR]),
    "Quý 1/2023": (D(2023, 3, 31), None, [QUARTER]),
    "Quý I/2023": (D(2023, 3, 31), None, [QUARTER]),
    "Quý II/2023": (D(2023, 6, 30), None, [QUARTER]),
    "Quý III năm 2023": (D(2023, 9, 30), None, [QUARTER]),
    "Quý IV/ 2023": (D(2023, 12, 31), None, [QUARTER]),
    "Quý IV/2022": (D(2022, 12, 31), None, [QUARTER]),
    "Quý IV/2023": (D(2023, 12, 31), None, [QUARTER]),
    "Quý IV/năm 2023": (D(2023, 12, 31), None, [QUARTER]),
    "Theo hướng dẫn của Văn phòng Chính phủ và UBND tỉnh": (None, "event", [EVENT]),
    "Theo thời hạn quy định của Văn bản quy định pháp luật": (None, "event", [EVENT]),
    "Theo định kỳ": (None, "periodic", [RECURRING]),
    "Tháng 01/2023": (D(2023, 1, 31), None, [MONTH]),
    "Tháng 1/2023": (D(2023, 1, 31), None, [MONTH]),
    "Tháng 10/2023": (D(2023, 10, 31), None, [MONTH]),
    "Tháng 11/2022": (D(2022, 11, 30), None, [MONTH]),
    "Tháng 11/2023": (D(2023, 11, 30), None, [MONTH]),
    "Tháng 12/2022": (D(2022, 12, 31), None, [MONTH]),
    "Thường xuyên": (None, "continuous", [RECURRING]),
    "Thường xuyên trong năm": (None, "continuous", [RECURRING]),
    "Thường xuyên trong năm.": (None, "continuous", [RECURRING]),
    "Trong năm 2023": (D(2023, 12, 31), None, [YEAR]),
    "Trước 15/ 11/2023.": (D(2023, 11, 15), None, [DATE]),
    "Trước 31/10/2023": (D(2023, 10, 31), None, [DATE]),
    "Trước ngày 31/10 /2023": (D(2023, 10, 31), None, [DATE]),
    "Xây dựng kế hoạch: quý I/2023.": (D(2023, 3, 31), None, [QUARTER]),
    "Định kỳ năm 2023": (D(2023, 12, 31), None, [YEAR]),
}

# Forms docs/deadlines.md lists that the seeds do not all use.
OTHER_FORMS = {
    "Trước ngày 31/10/2023": (D(2023, 10, 31), None, [DATE]),
    "trước 06/01/2023": (D(2023, 1, 6), None, [DATE]),
    "Tháng 10 /2023": (D(2023, 10, 31), None, [MONTH]),
    "tháng 1/2023": (D(2023, 1, 31), None, [MONTH]),
    "Quý 4/2023": (D(2023, 12, 31), None, [QUARTER]),
    "Định kỳ hàng quý": (None, "quarterly", [RECURRING]),
    "định kỳ hàng quý, 6 tháng, 9 tháng, năm": (None, "quarterly", [RECURRING]),
    "hàng năm": (None, "annual", [RECURRING]),
    "ngay sau khi kết thúc kỳ thi": (None, "event", [EVENT]),
    "- Kế hoạch: tháng 1/2023; - Báo cáo: tháng 11/2023": (D(2023, 11, 30), None, [MONTH, MONTH]),
    "Văn bản triển khai: tháng 11/2023; Báo cáo: trước 15/12/2023":
        (D(2023, 12, 15), None, [MONTH, DATE]),
    "6 tháng đầu năm 2023": (D(2023, 6, 30), None, ["half"]),
    "ngày 05 tháng 01 năm 2023": (D(2023, 1, 5), None, [DATE]),
    "Trước ngày 15 tháng 11/2023": (D(2023, 11, 15), None, [DATE]),
    "2023-11-15": (D(2023, 11, 15), None, [DATE]),
    # A list gives a part per month or quarter; a range falls due at its last period.
    "Quý I, II/2023": (D(2023, 6, 30), None, [QUARTER, QUARTER]),
    "Quý III-IV/2023": (D(2023, 12, 31), None, [QUARTER]),
    "Quý 3,4/2023": (D(2023, 12, 31), None, [QUARTER, QUARTER]),
    "Từ quý I đến quý III/2023": (D(2023, 9, 30), None, [QUARTER]),
    "Tháng 6, 12/2023": (D(2023, 12, 31), None, [MONTH, MONTH]),
    "Tháng 1 - 2/2023": (D(2023, 2, 28), None, [MONTH]),
    "Từ tháng 3 đến tháng 6/2023": (D(2023, 6, 30), None, [MONTH]),
    "Tháng 11-2023": (D(2023, 11, 30), None, [MONTH]),
    "Năm 2023 - 2024": (D(2024, 12, 31), None, [YEAR]),
    # A cell holding the year alone reads as "Năm 2023" (it was unread: a QA probe).
    "2023": (D(2023, 12, 31), None, [YEAR]),
    " 2023.": (D(2023, 12, 31), None, [YEAR]),
    "Cuối năm 2023": (D(2023, 12, 31), None, [YEAR]),
    # A date beside a recurrence in one part keeps both and is judged per period.
    "Trước 15/12/2023 và định kỳ hàng quý": (None, "quarterly", [RECURRING]),
    "Hằng quý": (None, "quarterly", [RECURRING]),
    "đột xuất": (None, "event", [EVENT]),
    # One date that comes back each year: this year's is the plan's date, as two dates'
    # are ("Trước 20/6 và 20/12 hằng năm"); it was judged per period, never overdue.
    "Trước 20/6 hằng năm": (D(2023, 6, 20), None, [DATE]),
    "Báo cáo 6 tháng, năm": (None, "semiannual", [RECURRING]),
    # A recurrence "as regulated" is still a recurrence, not an event.
    "Định kỳ theo quy định": (None, "periodic", [RECURRING]),
    # "1 - 2/2023" after "Quý" is two quarters, not the 1st of February.
    "Quý 1 - 2/2023": (D(2023, 6, 30), None, [QUARTER]),
    "Từ tháng 3 tới tháng 6/2023": (D(2023, 6, 30), None, [MONTH]),
    # The bullets Word's lists leave when pasted.
    "• Kế hoạch: tháng 1/2023\n• Báo cáo: tháng 11/2023": (D(2023, 11, 30), None, [MONTH, MONTH]),
    "+ Kế hoạch: tháng 1/2023\n* Báo cáo: quý IV/2023": (D(2023, 12, 31), None, [MONTH, QUARTER]),
}

# Texts of 2026 province plans (issue #8): text -> [(part text, kind, due or None)].
PLAN_2026 = {
    # undatable: kept, judged by hand
    "Trong thời hạn 05 ngày làm việc kể từ ngày văn bản QPPL có hiệu lực": [
        ("Trong thời hạn 05 ngày làm việc kể từ ngày văn bản QPPL có hiệu lực", EVENT, None)],
    "Theo Chương trình xây dựng văn bản QPPL năm 2026": [
        ("Theo Chương trình xây dựng văn bản QPPL năm 2026", EVENT, None)],
    "Giai đoạn 2026-2030": [("Giai đoạn 2026-2030", PHASE, None)],
    # words offices write (a QA pass found each "deadline-unparsed")
    "Hằng ngày": [("Hằng ngày", RECURRING, None)],
    "Theo đợt": [("Theo đợt", EVENT, None)],
    "Khi phát sinh": [("Khi phát sinh", EVENT, None)],
    "Khi cần thiết": [("Khi cần thiết", EVENT, None)],
    # a commune's plan waits on the province ("deadline-unparsed" in a commune QA pass)
    "Theo chỉ đạo của UBND tỉnh": [("Theo chỉ đạo của UBND tỉnh", EVENT, None)],
    "Theo sự chỉ đạo của cấp trên": [("Theo sự chỉ đạo của cấp trên", EVENT, None)],
    "Theo văn bản chỉ đạo của tỉnh": [("Theo văn bản chỉ đạo của tỉnh", EVENT, None)],
    "Theo đề nghị của Sở Nội vụ": [("Theo đề nghị của Sở Nội vụ", EVENT, None)],
    "Trước ngày 20 của tháng cuối kỳ báo cáo": [
        ("Trước ngày 20 của tháng cuối kỳ báo cáo", RECURRING, None)],
    "Theo kỳ báo cáo": [("Theo kỳ báo cáo", RECURRING, None)],
    "Kỳ họp giữa năm 2026 của HĐND tỉnh": [("Kỳ họp giữa năm 2026 của HĐND tỉnh", EVENT, None)],
    "Cả năm": [("Cả năm", YEAR, D(2026, 12, 31))],
    "Trong năm": [("Trong năm", YEAR, D(2026, 12, 31))],
    "Trước ngày 25 của tháng cuối quý": [("Trước ngày 25 của tháng cuối quý", RECURRING, None)],
    # several dates: a part each
    "Quý II, III/2026": [("Quý II/2026", QUARTER, D(2026, 6, 30)),
                         ("Quý III/2026", QUARTER, D(2026, 9, 30))],
    "Tháng 6 và tháng 12/2026": [("Tháng 06/2026", MONTH, D(2026, 6, 30)),
                                 ("Tháng 12/2026", MONTH, D(2026, 12, 31))],
    "- Kế hoạch: Tháng 01/2026; - Báo cáo: Tháng 12/2026": [
        ("Tháng 01/2026", MONTH, D(2026, 1, 31)), ("Tháng 12/2026", MONTH, D(2026, 12, 31))],
    "Trước 20/6 và 20/12 hằng năm": [("Trước 20/06/2026", DATE, D(2026, 6, 20)),
                                     ("Trước 20/12/2026", DATE, D(2026, 12, 20))],
    # no year: the plan's
    "Trước 15/11": [("Trước 15/11", DATE, D(2026, 11, 15))],
    "Trước ngày 31/3": [("Trước ngày 31/3", DATE, D(2026, 3, 31))],
    # numbers that are not dates
    "Theo Nghị định 30/2020": [("Theo Nghị định 30/2020", UNKNOWN, None)],
    "Theo Nghị định 10/2020": [("Theo Nghị định 10/2020", UNKNOWN, None)],
    "13/2026": [("13/2026", UNKNOWN, None)],
    # no day, month or year is read from inside a longer number: not the "26" of "2026"
    "3/2026 - 6/2026": [("3/2026 - 6/2026", MONTH, D(2026, 6, 30))],
    "Tháng 01/2026 - 12/2026": [("Tháng 01/2026 - 12/2026", MONTH, D(2026, 12, 31))],
    "Trước 15/11/20266": [("Trước 15/11/20266", UNKNOWN, None)],
    "16 tháng đầu năm 2026": [("16 tháng đầu năm 2026", UNKNOWN, None)],
    # a range, with or without "Từ", is one deadline due at its end
    "Tháng 1/2026 - tháng 6/2026": [("Tháng 1/2026 - tháng 6/2026", MONTH, D(2026, 6, 30))],
    "Tháng 2 đến tháng 4/2026": [("Tháng 2 đến tháng 4/2026", MONTH, D(2026, 4, 30))],
    "Tháng 12/2025 – tháng 2/2026": [("Tháng 12/2025 – tháng 2/2026", MONTH, D(2026, 2, 28))],
    "Quý I/2026 - Quý II/2026": [("Quý I/2026 - Quý II/2026", QUARTER, D(2026, 6, 30))],
    "Quý I/2026 – Quý II/2026": [("Quý I/2026 – Quý II/2026", QUARTER, D(2026, 6, 30))],
    "01/3/2026 - 30/6/2026": [("01/3/2026 - 30/6/2026", DATE, D(2026, 6, 30))],
    "Năm 2025/2026": [("Năm 2025/2026", YEAR, D(2026, 12, 31))],
    "15/11 - 20/12/2026": [("15/11 - 20/12/2026", DATE, D(2026, 12, 20))],
    "15/11/2026 đến 20/12/2026": [("15/11/2026 đến 20/12/2026", DATE, D(2026, 12, 20))],
    "Ngày 01/3/2026 - ngày 30/6/2026": [("Ngày 01/3/2026 - ngày 30/6/2026", DATE,
                                         D(2026, 6, 30))],
    # typed backwards: due at its later day, not late at the first quarter
    "30/6/2026 - 01/3/2026": [("30/6/2026 - 01/3/2026", DATE, D(2026, 6, 30))],
    # ... but a list is not a range, nor two days of each year
    "Trước 20/6/2026, 20/12/2026": [("Trước 20/06/2026", DATE, D(2026, 6, 20)),
                                    ("Trước 20/12/2026", DATE, D(2026, 12, 20))],
    "Trước 20/6 - 20/12 hằng năm": [("Trước 20/06/2026", DATE, D(2026, 6, 20)),
                                    ("Trước 20/12/2026", DATE, D(2026, 12, 20))],
    "Tháng 6 và tháng 12": [("Tháng 06/2026", MONTH, D(2026, 6, 30)),
                            ("Tháng 12/2026", MONTH, D(2026, 12, 31))],
    "Quý II, Quý IV": [("Quý II/2026", QUARTER, D(2026, 6, 30)),
                       ("Quý IV/2026", QUARTER, D(2026, 12, 31))],
    # days and periods mixed: a part each (a day was read alone, the period lost)
    "Trước 30/6/2026 và tháng 12/2026": [("Trước 30/06/2026", DATE, D(2026, 6, 30)),
                                         ("Tháng 12/2026", MONTH, D(2026, 12, 31))],
    "Tháng 6/2026 và trước 15/12/2026": [("Tháng 06/2026", MONTH, D(2026, 6, 30)),
                                         ("Trước 15/12/2026", DATE, D(2026, 12, 15))],
    "Quý II và trước 15/12/2026": [("Quý II/2026", QUARTER, D(2026, 6, 30)),
                                   ("Trước 15/12/2026", DATE, D(2026, 12, 15))],
    "6 tháng đầu năm và cả năm": [("6 tháng đầu năm 2026", HALF, D(2026, 6, 30)),
                                  ("Năm 2026", YEAR, D(2026, 12, 31))],
    "Trước 30/6 và cả năm": [("Trước 30/06/2026", DATE, D(2026, 6, 30)),
                             ("Năm 2026", YEAR, D(2026, 12, 31))],
    # "cuối năm" as a period of a list, as a ward's plan writes it (a QA pass: the year's
    # part was lost, the product due 30/6 alone); "03 tháng cuối năm" stays a quarter.
    "6 tháng đầu năm và cuối năm 2026": [("6 tháng đầu năm 2026", HALF, D(2026, 6, 30)),
                                         ("Năm 2026", YEAR, D(2026, 12, 31))],
    "Quý II và cuối năm 2026": [("Quý II/2026", QUARTER, D(2026, 6, 30)),
                                ("Năm 2026", YEAR, D(2026, 12, 31))],
    "Trước 30/6 và cuối năm": [("Trước 30/06/2026", DATE, D(2026, 6, 30)),
                               ("Năm 2026", YEAR, D(2026, 12, 31))],
    # ... a day that says when within its period: the day alone
    "Quý IV/2026 (trước 15/12/2026)": [("Quý IV/2026 (trước 15/12/2026)", DATE,
                                        D(2026, 12, 15))],
    "Tháng 12/2026, trước ngày 15/12": [("Tháng 12/2026, trước ngày 15/12", DATE,
                                         D(2026, 12, 15))],
    "Trước 30/6 (6 tháng đầu năm)": [("Trước 30/6 (6 tháng đầu năm)", DATE, D(2026, 6, 30))],
    # ... in brackets beside its period even after it: the period's report (a QA pass:
    # 30/09 and 10/10, the product done in September in progress until October)
    "Quý III/2026 (trước ngày 10/10/2026)": [("Quý III/2026 (trước ngày 10/10/2026)", DATE,
                                              D(2026, 10, 10))],
    "Trước 10/10/2026 (Quý III)": [("Trước 10/10/2026 (Quý III)", DATE, D(2026, 10, 10))],
    # ... or after it with a deadline's word; and a day says so of one period, the one
    # before it (a second QA pass: two parts each, or the fourth quarter lost)
    "Quý III/2026, trước ngày 10/10/2026": [("Quý III/2026, trước ngày 10/10/2026", DATE,
                                             D(2026, 10, 10))],
    "Quý III/2026 (dự kiến) (trước ngày 10/10/2026)": [
        ("Quý III/2026 (dự kiến) (trước ngày 10/10/2026)", DATE, D(2026, 10, 10))],
    "Quý III/2026 (báo cáo trước 10/10/2026), Quý IV/2026": [
        ("Trước 10/10/2026", DATE, D(2026, 10, 10)), ("Quý IV/2026", QUARTER, D(2026, 12, 31))],
    "Trước 15/12/2026, Quý IV/2026": [("Trước 15/12/2026, Quý IV/2026", DATE, D(2026, 12, 15))],
    # ... a day before a period not in its last month: a list (comma or "và")
    "Trước 30/6, cả năm": [("Trước 30/06/2026", DATE, D(2026, 6, 30)),
                           ("Năm 2026", YEAR, D(2026, 12, 31))],
    "Hết năm": [("Hết năm", YEAR, D(2026, 12, 31))],
    "Từ nay đến hết năm": [("Từ nay đến hết năm", YEAR, D(2026, 12, 31))],
    # ... and a range from a day to a period, or back, is due at its end
    "01/10/2026 - tháng 12/2026": [("01/10/2026 - tháng 12/2026", MONTH, D(2026, 12, 31))],
    "Từ 01/3/2026 đến tháng 6/2026": [("Từ 01/3/2026 đến tháng 6/2026", MONTH,
                                       D(2026, 6, 30))],
    "Tháng 10 - 15/12/2026": [("Tháng 10 - 15/12/2026", DATE, D(2026, 12, 15))],
    # "đến hết": a range too (a QA pass: two parts, 01/10 and 31/12; or 01/10 alone)
    "Ngày 01/10/2026 đến hết tháng 12/2026": [("Ngày 01/10/2026 đến hết tháng 12/2026",
                                               MONTH, D(2026, 12, 31))],
    "Từ 01/10/2026 đến hết năm 2026": [("Từ 01/10/2026 đến hết năm 2026", YEAR,
                                        D(2026, 12, 31))],
    "Từ ngày 01/7/2026 đến hết năm": [("Từ ngày 01/7/2026 đến hết năm", YEAR, D(2026, 12, 31))],
    # a year in words, of a list only: alone, or with a recurrence, as before
    "Định kỳ 6 tháng, cả năm": [("Định kỳ 6 tháng, cả năm", RECURRING, None)],
    "Trong năm 2023 - 2024": [("Trong năm 2023 - 2024", YEAR, D(2024, 12, 31))],
    # a month and year without "Tháng"
    "06/2026": [("06/2026", MONTH, D(2026, 6, 30))],
    "6/2026": [("6/2026", MONTH, D(2026, 6, 30))],
    "Từ 3/2026 đến 6/2026": [("Từ 3/2026 đến 6/2026", MONTH, D(2026, 6, 30))],
    "- Kế hoạch: 01/2026; - Báo cáo: 12/2026": [("01/2026", MONTH, D(2026, 1, 31)),
                                                ("12/2026", MONTH, D(2026, 12, 31))],
}


@pytest.mark.parametrize("text", sorted(PLAN_2026))
def test_2026_plan_texts(text: str) -> None:
    deadline = parse_deadline(text, 2026)
    assert deadline.raw == text
    assert [(p.text, p.kind, p.due) for p in deadline.parts] == PLAN_2026[text]
    undated = any(due is None for _, _, due in PLAN_2026[text])
    assert deadline.needs_judgment == undated


@pytest.mark.parametrize(("text", "cutoffs"), [
    # cut-off -> the date the period judges against
    ("Quý II, III/2026", {D(2026, 3, 14): D(2026, 6, 30), D(2026, 6, 14): D(2026, 6, 30),
                          D(2026, 9, 14): D(2026, 6, 30), D(2026, 12, 14): D(2026, 9, 30)}),
    ("- Kế hoạch: Tháng 01/2026; - Báo cáo: Tháng 12/2026",
     {D(2026, 3, 14): D(2026, 1, 31), D(2026, 12, 14): D(2026, 1, 31),
      D(2026, 12, 31): D(2026, 12, 31)}),
    ("Trước 20/6 và 20/12 hằng năm", {D(2026, 6, 14): D(2026, 6, 20),
                                      D(2026, 9, 14): D(2026, 6, 20)}),
    ("Quý IV/2026", {D(2026, 3, 14): D(2026, 12, 31)}),
    # a range is not late at Q1 because its first month has passed
    ("Tháng 1/2026 - tháng 6/2026", {D(2026, 3, 14): D(2026, 6, 30)}),
    ("Quý I/2026 - Quý II/2026", {D(2026, 3, 14): D(2026, 6, 30)}),
    ("01/3/2026 - 30/6/2026", {D(2026, 3, 14): D(2026, 6, 30)}),
])
def test_each_period_judges_against_the_dates_due_by_its_cutoff(text: str, cutoffs) -> None:
    deadline = parse_deadline(text, 2026)
    assert {cutoff: deadline.due_at(cutoff) for cutoff in cutoffs} == cutoffs


def test_timeliness_of_a_deliverable_with_several_dates() -> None:
    from cchc_xl.timeliness import timeliness

    d = parse_deadline("Tháng 6 và tháng 12/2026", 2026)

    def judge(status, done_on, cutoff):
        return timeliness(d.due_at(cutoff), status, done_on, cutoff, final=d.due)

    q1, q3, year = D(2026, 3, 14), D(2026, 9, 14), D(2026, 12, 14)
    assert judge(NOT_STARTED, None, q1) == WITHIN
    # June's date has passed at the Q3 cut-off: unfinished is late, not "within" December
    assert judge(IN_PROGRESS, None, q3) == LATE
    assert judge(NOT_STARTED, None, year) == LATE
    # finished by the last date: on time
    assert judge(DONE, D(2026, 9, 1), q3) == ON_TIME


def _check(text: str, expected) -> None:
    due, recurrence, kinds = expected
    deadline = parse_deadline(text, 2023)
    assert deadline.raw == unicodedata.normalize("NFC", text).strip()
    assert [p.kind for p in deadline.parts] == kinds
    assert deadline.due == due
    assert deadline.recurrence == recurrence


@pytest.mark.parametrize("text", sorted(SEED_DEADLINES))
def test_every_seed_deadline(text: str) -> None:
    _check(text, SEED_DEADLINES[text])


@pytest.mark.parametrize("text", sorted(OTHER_FORMS))
def test_other_documented_forms(text: str) -> None:
    _check(text, OTHER_FORMS[text])


def test_the_table_covers_every_deadline_of_both_seeds() -> None:
    seen = set()
    for plan in ("hoang-hoa-2023", "nghia-hung-2023"):
        source = json.loads((ROOT / "workbooks" / plan / "source" / "plan.json").read_text("utf-8"))
        for area in source["areas"]:
            for task in area["tasks"]:
                seen |= {d["deadline"] for d in task["deliverables"]}
    assert seen == set(SEED_DEADLINES)


def test_a_dated_part_beside_a_recurring_one_keeps_its_date() -> None:
    d = parse_deadline("- Kế hoạch: trước 06/01/2023;\n- Báo cáo: định kỳ hàng quý", 2023)
    assert d.due is None and d.needs_judgment
    assert [p.due for p in d.parts] == [D(2023, 1, 6), None]


def test_recurring_part_keeps_its_date() -> None:
    part = parse_deadline("Trước 15/12/2023 và định kỳ hàng quý", 2023).parts[0]
    assert (part.due, part.recurrence) == (D(2023, 12, 15), "quarterly")


def test_a_year_written_after_a_list_is_the_whole_lists() -> None:
    """Not the plan's year: "tháng 6 và tháng 12/2026" in a plan of 2025 is June 2026."""
    d = parse_deadline("Tháng 6 và tháng 12/2026", 2025)
    assert [p.due for p in d.parts] == [D(2026, 6, 30), D(2026, 12, 31)]


@pytest.mark.parametrize("text, dues", [
    # A list of years: a part each, as a list of quarters (2027 was lost).
    ("Năm 2026 và năm 2027", [D(2026, 12, 31), D(2027, 12, 31)]),
    ("Năm 2026, 2027", [D(2026, 12, 31), D(2027, 12, 31)]),
    ("Năm 2026 và 2027", [D(2026, 12, 31), D(2027, 12, 31)]),
    ("Năm 2025 - 2026 và năm 2027", [D(2026, 12, 31), D(2027, 12, 31)]),
    # A range is its last year; a number that is no year is no year of the list.
    ("Năm 2026 - 2027", [D(2027, 12, 31)]),
    ("Năm 2026, 1500 hồ sơ", [D(2026, 12, 31)]),
    ("Năm 2026 và các năm tiếp theo", [D(2026, 12, 31)]),
    # A number a word follows counts something; a year listed is later, not far (a QA
    # pass: 2030, 2000 and 1990 were made years of the list).
    ("Năm 2026, 2030 hồ sơ", [D(2026, 12, 31)]),
    ("Năm 2026, 2000 hồ sơ", [D(2026, 12, 31)]),
    ("Năm 2026, 1990", [D(2026, 12, 31)]),
    ("Năm 2026, 2027 hoàn thành", [D(2026, 12, 31)]),
    ("Năm 2026, 2027 và 2028", [D(2026, 12, 31), D(2027, 12, 31), D(2028, 12, 31)]),
    ("Năm 2026 và 2027.", [D(2026, 12, 31), D(2027, 12, 31)]),
    # A year written twice is one part (a QA pass: "Năm 2026, 2026" made two).
    ("Năm 2026, 2026", [D(2026, 12, 31)]),
    ("Năm 2026 và năm 2026, 2027", [D(2026, 12, 31), D(2027, 12, 31)]),
])
def test_a_list_of_years_is_a_part_per_year(text: str, dues: list[date]) -> None:
    d = parse_deadline(text, 2026)
    assert [p.due for p in d.parts] == dues and {p.kind for p in d.parts} == {"year"}
    # This year's report judges its first part (a list's: this year's, as before).
    assert d.due_at(D(2026, 12, 31)) == dues[0]



@pytest.mark.parametrize("text, parts", [
    # A year written before a quarter that names none is its year (it was the plan's).
    ("Năm 2026; 2027 Quý IV", [("year", D(2026, 12, 31)), ("quarter", D(2027, 12, 31))]),
    ("Năm 2027, quý II", [("quarter", D(2027, 6, 30))]),
    ("2027 - 6 tháng đầu năm", [("half", D(2027, 6, 30))]),
    # Not a document's number, nor where the period names its own year.
    ("Nghị định 10/2020 quý IV", [("quarter", D(2026, 12, 31))]),
    ("Năm 2026; Quý IV/2027", [("year", D(2026, 12, 31)), ("quarter", D(2027, 12, 31))]),
    # A year listed beside a period of another year is a part of its own (a QA pass: the
    # year was lost); of the same year, it is that period's.
    ("Năm 2026, Quý II/2027", [("year", D(2026, 12, 31)), ("quarter", D(2027, 6, 30))]),
    ("Năm 2026 và Quý II/2027", [("year", D(2026, 12, 31)), ("quarter", D(2027, 6, 30))]),
    ("Quý IV/2026, năm 2027", [("quarter", D(2026, 12, 31)), ("year", D(2027, 12, 31))]),
    ("Năm 2026, Quý II/2026", [("quarter", D(2026, 6, 30))]),
    ("Nghị quyết 10/NQ-HĐND năm 2025, Quý II/2026", [("quarter", D(2026, 6, 30))]),
    # A day written with a comma before its year is that day, not its month.
    ("Ngày 5 tháng 8, năm 2027", [("date", D(2027, 8, 5))]),
    # A year after a period or a day that has none is theirs (the QA pass of the fix:
    # "Quý II, năm 2027" was the quarter of 2026 and a year 2027 besides).
    ("Quý II, năm 2027", [("quarter", D(2027, 6, 30))]),
    ("Tháng 8, năm 2027", [("month", D(2027, 8, 31))]),
    ("Ngày 05/8, năm 2027", [("date", D(2027, 8, 5))]),
    ("Trước ngày 15 tháng 11", [("date", D(2026, 11, 15))]),
    # A year before the plan's is a document's, not a deadline.
    ("Năm 2025, Quý II/2026", [("quarter", D(2026, 6, 30))]),
    ("Quý II/2026, năm 2025", [("quarter", D(2026, 6, 30))]),
    # Every year of a list; a year after a period of its year is a part of its own.
    ("Quý IV/2026, năm 2027, 2028", [("quarter", D(2026, 12, 31)), ("year", D(2027, 12, 31)),
                                     ("year", D(2028, 12, 31))]),
    ("Quý I/2026 và năm 2026", [("quarter", D(2026, 3, 31)), ("year", D(2026, 12, 31))]),
    ("6 tháng đầu năm và năm 2026", [("half", D(2026, 6, 30)), ("year", D(2026, 12, 31))]),
    # "năm sau" is the year after the plan's; "các năm sau" is no year.
    ("Quý IV/2026 và quý I năm sau", [("quarter", D(2026, 12, 31)),
                                      ("quarter", D(2027, 3, 31))]),
    ("Năm 2026 và các năm sau", [("year", D(2026, 12, 31))]),
    # A quarter as people type it.
    ("Q4/2026", [("quarter", D(2026, 12, 31))]),
    ("Quí IV/2026", [("quarter", D(2026, 12, 31))]),
    ("QIV/2026", [("quarter", D(2026, 12, 31))]),
    # The second QA pass of the fixes.
    # The first day of a range is no day of its own, its month whole ("tháng 11", not 1).
    ("Ngày 15 tháng 11 - 30/11/2026", [("date", D(2026, 11, 30))]),
    ("Từ ngày 01 tháng 10 - 31/12/2026", [("date", D(2026, 12, 31))]),
    # A report's year before the plan's, before a part of a month: the plan's year.
    ("Tổng kết năm 2025, tuần đầu tháng 1", [("month", D(2026, 1, 7))]),
    # "năm sau" of a period or a day only.
    ("Trước 15/01 năm sau", [("date", D(2027, 1, 15))]),
    ("Trong vòng 02 năm sau khi Luật có hiệu lực", [("event", None)]),
    ("Kế hoạch năm sau", [("unknown", None)]),
    # Quận 1 is no quarter.
    ("UBND Q1, tháng 12/2026", [("month", D(2026, 12, 31))]),
    # A year after a list of days is every day's, as for periods.
    ("Trước 20/6 và 20/12, năm 2027", [("date", D(2027, 6, 20)), ("date", D(2027, 12, 20))]),
    # A document's day and its month are no deadline.
    ("Theo Quyết định số 12/QĐ-UBND ngày 15 tháng 11 của UBND tỉnh, Quý I/2026",
     [("quarter", D(2026, 3, 31))]),
    ("Theo Kế hoạch số 20/KH-UBND ngày 10/01/2026, Quý II/2026", [("quarter", D(2026, 6, 30))]),
    # The third QA pass: "năm nay" beside "năm sau" is the plan's year; a document's
    # day written in words gives no year part either.
    ("Quý IV năm nay, quý I năm sau", [("quarter", D(2026, 12, 31)),
                                       ("quarter", D(2027, 3, 31))]),
    ("Theo Công văn số 88/SNV-CCHC ngày 10 tháng 3 năm 2026", [("unknown", None)]),
    ("Theo Kế hoạch ngày 20 tháng 01, hoàn thành Quý II", [("quarter", D(2026, 6, 30))]),
    ("Căn cứ Quyết định số 1234/QĐ-UBND năm 2025, hoàn thành trong năm 2026",
     [("year", D(2026, 12, 31))]),
    ("Năm 2027: Quý I, Quý II", [("quarter", D(2027, 3, 31)), ("quarter", D(2027, 6, 30))]),
    ("Cuối quý III/2026", [("quarter", D(2026, 9, 30))]),  # that quarter, not each
    ("2026-2027", [("year", D(2027, 12, 31))]),  # as "Năm 2026 - 2027"
])
def test_years_periods_and_days_as_written(text: str, parts: list) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2026).parts] == parts


@pytest.mark.parametrize("text, due", [
    # A part of a month is due when that part ends, not at the month's end (a QA pass).
    ("Tuần đầu tiên của tháng 1/2026", D(2026, 1, 7)),
    ("Tuần thứ hai tháng 3/2026", D(2026, 3, 14)),
    ("tuần thứ 3 của tháng 5/2026", D(2026, 5, 21)),
    ("Nửa đầu tháng 9/2026", D(2026, 9, 15)),
    ("Giữa tháng 10", D(2026, 10, 15)),
    ("Tuần cuối tháng 6/2026", D(2026, 6, 30)),
    ("Tháng 6/2026", D(2026, 6, 30)),
    ("Năm 2027, tuần đầu tháng 1", D(2027, 1, 7)),  # the year before the part of the month
    ("Tuần đầu tháng 2, năm 2027", D(2027, 2, 7)),  # ... or after the month
    # Not the end of a range, nor "giữa" as "between", nor a date another covers (the
    # QA pass of the fix): the month's end.
    ("Tuần đầu tháng 1 - 3/2026", D(2026, 3, 31)),
    ("Nửa đầu tháng 9 đến 10/2026", D(2026, 10, 31)),
    ("Giữa tháng 10 hoặc cuối tháng 10/2026", D(2026, 10, 31)),
    # The third QA pass: the other ways of writing the start of a month, and a range
    # that ends in a part of a month.
    ("Đầu tháng 5/2026", D(2026, 5, 10)),
    ("Thượng tuần tháng 1/2026", D(2026, 1, 10)),
    ("Trung tuần tháng 10/2026", D(2026, 10, 20)),
    ("15 ngày đầu tháng 3/2026", D(2026, 3, 15)),
    ("nửa tháng đầu tháng 9", D(2026, 9, 15)),
    ("Tuần lễ đầu tháng 3/2026", D(2026, 3, 7)),
    ("Tháng 3 - giữa tháng 4/2026", D(2026, 4, 15)),
    ("Năm 2027: tuần đầu tháng 1", D(2027, 1, 7)),  # a year is no label
])
def test_a_part_of_a_month_is_due_when_it_ends(text: str, due: date) -> None:
    d = parse_deadline(text, 2026)
    assert [(p.kind, p.due) for p in d.parts] == [("month", due)]


@pytest.mark.parametrize("text, dues", [
    # The start of a quarter is its first month, not the quarter's end: "Đầu Quý II/2027"
    # of a province's 2027 plan was due 30/6, a task done in June on time (a QA pass).
    ("Đầu Quý II/2027", [D(2027, 4, 30)]),
    ("Tháng đầu quý III năm 2027", [D(2027, 7, 31)]),
    ("Đầu quý I/2027 và đầu quý III/2027", [D(2027, 1, 31), D(2027, 7, 31)]),
    ("Quý I - đầu quý II/2027", [D(2027, 4, 30)]),
    # Its end, its middle, and "before" or "from" its start: as before.
    ("Cuối quý II/2027", [D(2027, 6, 30)]),
    ("Giữa quý II/2027", [D(2027, 6, 30)]),
    ("Trước đầu quý II/2027", [D(2027, 6, 30)]),
])
def test_the_start_of_a_quarter_is_its_first_month(text: str, dues: list) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2027).parts] == [
        ("quarter", due) for due in dues]


@pytest.mark.parametrize("text", ["Từ tuần đầu tháng 3/2026", "Bắt đầu từ giữa tháng 3/2026",
                                  "Triển khai từ tuần đầu tháng 3/2026 trở đi"])
def test_a_start_within_a_month_is_no_deadline(text: str) -> None:
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.recurrence) == ("recurring", None, "continuous")


def test_a_part_of_a_month_in_a_list_is_that_month_s_alone() -> None:
    parts = parse_deadline("Tuần đầu tháng 4 và tháng 6/2026", 2026).parts
    assert [(p.due, p.text) for p in parts] == [(D(2026, 4, 7), "Tuần đầu tháng 04/2026"),
                                                (D(2026, 6, 30), "Tháng 06/2026")]


def test_a_date_typed_into_the_cell_is_a_day() -> None:
    """openpyxl gives a date cell as a datetime, which cannot be compared with a date."""
    from datetime import datetime

    d = parse_deadline(datetime(2026, 5, 3), 2026)
    assert type(d.due) is date and d.due == D(2026, 5, 3) and d.raw == "03/05/2026"
    assert d.due_at(D(2026, 6, 14)) == D(2026, 5, 3)


@pytest.mark.parametrize("bullet", ["- ", "– ", "+ ", "• ", "* ", ""])
def test_labels_are_kept(bullet: str) -> None:
    d = parse_deadline(f"{bullet}Kế hoạch: tháng 1/2023;\n{bullet}Báo cáo: tháng 11/2023", 2023)
    assert [p.label for p in d.parts] == ["Kế hoạch", "Báo cáo"]
    assert [p.due for p in d.parts] == [D(2023, 1, 31), D(2023, 11, 30)]


def test_before_is_one_setting() -> None:
    assert parse_deadline("Trước 15/11/2023").due == D(2023, 11, 15)
    assert parse_deadline("Trước 15/11/2023", before=BEFORE_STRICT).due == D(2023, 11, 14)
    assert parse_deadline("Trước tháng 11/2023", before=BEFORE_STRICT).due == D(2023, 10, 31)
    # A range is due before its last month, as "Trước tháng 3-6/2026" is.
    assert parse_deadline("Trước tháng 3 - tháng 6/2026", before=BEFORE_STRICT).due == D(
        2026, 5, 31)
    # Without "Trước" the setting changes nothing, for a day or a period: a month or
    # quarter is due on its last day, as by default (docs/deadlines.md, "Trước <ngày>").
    assert parse_deadline("15/11/2023", before=BEFORE_STRICT).due == D(2023, 11, 15)
    assert parse_deadline("Tháng 11/2023", before=BEFORE_STRICT).due == D(2023, 11, 30)
    assert parse_deadline("Quý IV/2023", before=BEFORE_STRICT).due == D(2023, 12, 31)
    # With it, a quarter as a month: the day before it starts; by default, its last day.
    assert parse_deadline("Trước quý IV/2026", before=BEFORE_STRICT).due == D(2026, 9, 30)
    assert parse_deadline("Trước quý IV/2026").due == D(2026, 12, 31)
    assert parse_deadline("Trước tháng 11/2023").due == D(2023, 11, 30)
    # "Trước ngày: 15/11/2023" is no label "Trước ngày" over 15/11 (a probe: 15/11 read
    # where the plan says the day before, docs/deadlines.md).
    (part,) = parse_deadline("Trước ngày: 15/11/2023", before=BEFORE_STRICT).parts
    assert (part.label, part.due) == ("", D(2023, 11, 14))


@pytest.mark.parametrize("text, dues", [
    # "Trước" before a list is said of each day (only the first was moved back).
    ("Trước 20/3, 20/6, 20/9, 20/12/2026",
     [D(2026, 3, 19), D(2026, 6, 19), D(2026, 9, 19), D(2026, 12, 19)]),
    ("Trước ngày 15/6 và ngày 15/12/2026", [D(2026, 6, 14), D(2026, 12, 14)]),
    ("Trước 20/3 (quý I), 20/6 (quý II)", [D(2026, 3, 19), D(2026, 6, 19)]),
    # Not of a day written before it, nor of one in another piece of the cell.
    ("20/3, trước 20/6/2026", [D(2026, 3, 20), D(2026, 6, 19)]),
    ("Trước 15/6/2026; 20/12/2026", [D(2026, 6, 14), D(2026, 12, 20)]),
])
def test_before_a_list_of_days_is_before_each(text: str, dues: list[date]) -> None:
    assert [p.due for p in parse_deadline(text, 2026, before=BEFORE_STRICT).parts] == dues


def test_plan_year_completes_a_missing_year() -> None:
    assert parse_deadline("Quý IV", 2024).due == D(2024, 12, 31)
    assert parse_deadline("Tháng 3", 2024).due == D(2024, 3, 31)
    assert parse_deadline("Quý IV").parts[0].kind == UNKNOWN


def test_nfd_and_case() -> None:
    text = unicodedata.normalize("NFD", "QUÝ IV/2023")
    assert parse_deadline(text).due == D(2023, 12, 31)


@pytest.mark.parametrize("text", ["xyz", "Khi nào xong", "31/02/2023", "Tháng 13/2023",
                                  "Đầu năm 2023", "Giữa năm 2023"])
def test_unknown_text_is_reported_not_guessed(text: str) -> None:
    deadline = parse_deadline(text, 2023)
    assert deadline.due is None
    assert deadline.unknown_parts


@pytest.mark.parametrize("text, year, found", [
    ("Trước 31/2/2026", None, [(31, 2, 2026)]),
    ("ngày 30 tháng 2 năm 2026", None, [(30, 2, 2026)]),
    ("Trước 31/4", 2026, [(31, 4, 2026)]),
    ("12/31/2026", None, [(12, 31, 2026)]),
    ("29/2/2028", None, []),  # a leap year
    ("Trước 29/2", None, []),  # no year: it may be a leap year's
    ("Tháng 13/2023", None, []),  # no date written: not said to be one
    ("Trước 15/11/2026", None, []),
])
def test_a_date_no_calendar_has_is_found(text: str, year, found) -> None:
    assert impossible_dates(text, year) == found


def test_empty_deadline() -> None:
    d = parse_deadline(None)
    assert d.is_empty and d.parts == () and d.due is None


@pytest.mark.parametrize("text, done_on, pending", [
    ("Tháng 6 và tháng 12/2026", D(2026, 6, 20), D(2026, 12, 31)),  # June's part
    ("Tháng 6 và tháng 12/2026", D(2026, 3, 1), D(2026, 12, 31)),  # early: still June's
    # a day and a period of one cell: the day's part done, the period's still to come
    ("Trước 30/6/2026 và tháng 12/2026", D(2026, 6, 20), D(2026, 12, 31)),
    ("6 tháng đầu năm và cả năm", D(2026, 6, 20), D(2026, 12, 31)),
    # a day listed with "và" is a part of its own, not the year's day said twice (a QA
    # pass: done on 10/06, counted the whole year done)
    ("Trước 30/6 và cả năm", D(2026, 6, 10), D(2026, 12, 31)),
    ("Trước ngày 30/6/2026 và trong năm 2026", D(2026, 6, 10), D(2026, 12, 31)),
    # After June, before December: June's, late; December's work is still to come (a QA
    # pass: done on 05/07 counted the whole done on time, while one done on 30/06 counted
    # in progress). In December, or after it: December's, the whole.
    ("Tháng 6 và tháng 12/2026", D(2026, 7, 5), D(2026, 12, 31)),
    ("Tháng 6 và tháng 12/2026", D(2026, 12, 5), None),
    ("Tháng 6 và tháng 12/2026", D(2027, 1, 10), None),
    ("Tháng 3, 6, 9, 12/2026", D(2026, 3, 20), D(2026, 6, 30)),
    ("Tháng 3, 6, 9, 12/2026", D(2026, 4, 5), D(2026, 6, 30)),  # March's, late
    ("Tháng 3, 6, 9, 12/2026", D(2026, 6, 5), D(2026, 9, 30)),
    ("Tháng 3, 6, 9, 12/2026", D(2026, 9, 10), D(2026, 12, 31)),
    ("Tháng 3, 6, 9, 12/2026", D(2026, 10, 1), D(2026, 12, 31)),  # September's, late
    ("Tháng 3, 6, 9, 12/2026", D(2026, 12, 1), None),
    # Days, not spans: any day after the part before is the next part's; so with "Trước"
    # a month or quarter (any day before it), and a range (its span is not its last
    # month's): a QA pass found these done on time counted in progress, or overdue.
    ("Trước 30/6/2026 và trước 31/12/2026", D(2026, 7, 5), None),
    ("Trước Quý II và trước Quý IV/2023", D(2023, 9, 10), None),
    ("Trước tháng 6 và trước tháng 12/2023", D(2023, 11, 20), None),
    ("- Kế hoạch: tháng 1; - Báo cáo: tháng 3 - tháng 6/2026", D(2026, 4, 15), None),
    ("Quý IV/2026", D(2026, 3, 1), None),  # one date
    ("Tháng 1/2026 - tháng 6/2026", D(2026, 2, 1), None),  # a range is one part
    ("Trước 20/6 và 20/12 hằng năm", D(2026, 6, 1), D(2026, 12, 20)),
    ("- Kế hoạch: Tháng 01/2026; - Báo cáo: định kỳ hàng quý", D(2026, 1, 10), None),
    ("Tháng 6 và tháng 12/2026", None, None),  # no date given
    # A date within another part's span refines it: one date said twice (a QA pass).
    ("Quý IV/2026\n(Trước 15/12/2026)", D(2026, 12, 10), None),
    ("Cả năm; báo cáo trước 15/12/2026", D(2026, 12, 12), None),
    ("- Văn bản: tháng 11/2026;\n- Báo cáo: trước 15/12/2026", D(2026, 3, 31), D(2026, 12, 15)),
])
def test_a_done_date_of_an_earlier_part_leaves_the_next_one_pending(text, done_on, pending):
    assert parse_deadline(text, 2026).pending_after(done_on) == pending


@pytest.mark.parametrize("text", ["Từ 01/3/2026", "Từ tháng 3/2026", "Bắt đầu từ quý II/2026",
                                  "Từ quý II/2026 trở đi"])
def test_a_start_with_no_end_is_work_carried_on_from_then(text: str) -> None:
    """ "Từ 01/3/2026" was due 01/03/2026: overdue the day the work began (a QA pass)."""
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.recurrence) == ("recurring", None, "continuous")


@pytest.mark.parametrize("text, due", [("Từ 01/3/2026 đến 30/6/2026", D(2026, 6, 30)),
                                       ("Từ tháng 3 - tháng 6/2026", D(2026, 6, 30)),
                                       ("Từ nay đến hết năm 2026", D(2026, 12, 31)),
                                       # its end in other words (a QA pass of the fix)
                                       ("Từ tháng 3/2026, hoàn thành trong quý III/2026",
                                        D(2026, 9, 30)),
                                       ("Từ quý II/2026, hoàn thành quý III/2026",
                                        D(2026, 9, 30)),
                                       ("Từ 01/3/2026 ~ 30/6/2026", D(2026, 6, 30))])
def test_a_start_with_its_end_is_due_at_its_end(text: str, due: date) -> None:
    deadline = parse_deadline(text, 2026)
    assert deadline.due == due and "continuous" not in {p.recurrence for p in deadline.parts}


HALF_YEAR = D(2026, 6, 30)  # the 6-month report's cut-off


@pytest.mark.parametrize("text, parts", [
    # A start, then a sign or a word of completion, then its end: one part, due at the end
    # (a QA pass: the start was a part of its own, due 31/3 or 30/6, and the work, only
    # begun, was late at the 6-month report).
    ("Từ tháng 3/2026, hoàn thành quý III/2026", [(QUARTER, D(2026, 9, 30))]),
    ("Từ đầu quý II/2026, hoàn thành quý III/2026", [(QUARTER, D(2026, 9, 30))]),
    ("Triển khai từ quý II, hoàn thành trong quý IV/2026", [(QUARTER, D(2026, 12, 31))]),
    ("Từ quý II/2026 trở đi, hoàn thành quý IV/2026", [(QUARTER, D(2026, 12, 31))]),
    ("Thực hiện từ tháng 3/2026, báo cáo kết quả quý III/2026", [(QUARTER, D(2026, 9, 30))]),
    ("Từ tháng 3/2026 - hoàn thành tháng 9/2026", [(MONTH, D(2026, 9, 30))]),
    ("Từ tháng 3/2026 hoàn thành quý III/2026", [(QUARTER, D(2026, 9, 30))]),
    ("Từ giữa tháng 3/2026, hoàn thành quý III/2026", [(QUARTER, D(2026, 9, 30))]),
    ("Từ 01/3/2026, hoàn thành trước 30/9/2026", [(DATE, D(2026, 9, 30))]),
    ("Từ ngày 15 tháng 3, hoàn thành trước 30/9/2026", [(DATE, D(2026, 9, 30))]),
    ("Từ 01/3/2026 ~ 30/6/2026", [(DATE, D(2026, 6, 30))]),
    # its end a year: it was due at the start alone, 31/3
    ("Từ tháng 3/2026, hoàn thành năm 2026", [(YEAR, D(2026, 12, 31))]),
    ("Từ tháng 3/2026, hoàn thành trong năm 2026", [(YEAR, D(2026, 12, 31))]),
    # as before: a start its end follows with a word of a deadline, and a range
    ("Bắt đầu từ tháng 4/2026, xong trước 30/9/2026", [(DATE, D(2026, 9, 30))]),
    ("Từ tháng 3 đến tháng 9/2026", [(MONTH, D(2026, 9, 30))]),
    # not a start: a list of real deadlines, a part each, as before
    ("Quý II và Quý IV/2026", [(QUARTER, D(2026, 6, 30)), (QUARTER, D(2026, 12, 31))]),
    ("Tháng 6/2026, tháng 12/2026", [(MONTH, D(2026, 6, 30)), (MONTH, D(2026, 12, 31))]),
    ("Quý II/2026, hoàn thành quý IV/2026", [(QUARTER, D(2026, 6, 30)),
                                            (QUARTER, D(2026, 12, 31))]),
])
def test_a_start_and_its_end_are_one_part_due_at_the_end(text: str, parts: list) -> None:
    deadline = parse_deadline(text, 2026)
    assert [(p.kind, p.due) for p in deadline.parts] == parts
    # the 6-month report judges the work against the first date due by 30/6, or else the
    # first ahead: the end's, never the start's
    assert deadline.due_at(HALF_YEAR) == min(parts, key=lambda p: p[1])[1]
    assert deadline.due == parts[-1][1]


def test_work_only_begun_is_within_time_at_the_6_month_report() -> None:
    from cchc_xl.timeliness import timeliness

    d = parse_deadline("Từ tháng 3/2026, hoàn thành quý III/2026", 2026)
    assert timeliness(d.due_at(HALF_YEAR), IN_PROGRESS, None, HALF_YEAR, final=d.due) == WITHIN


@pytest.mark.parametrize("text", ["Từ tháng 3/2026, hoàn thành quý III/2026",
                                  "Từ 01/3/2026, hoàn thành trước 30/9/2026"])
def test_a_start_alone_in_its_piece_is_still_carried_on(text: str) -> None:
    """Cut at ";", the start is a piece of its own: a start alone, continuous, as before."""
    start, end = parse_deadline(text.replace(",", ";"), 2026).parts
    assert (start.kind, start.recurrence, end.due) == (RECURRING, "continuous", D(2026, 9, 30))


@pytest.mark.parametrize("text, kind", [("Từ 01/3/2026 và hằng quý", "recurring"),
                                        ("Từ ngày ký ban hành", "unknown")])
def test_a_start_with_more_words_is_not_a_start_alone(text: str, kind: str) -> None:
    """Read as before the rule for a start alone: "hằng quý" stays quarterly; "ngày ký"
    names no day."""
    (part,) = parse_deadline(text, 2026).parts
    assert part.kind == kind and part.recurrence != "continuous"


@pytest.mark.parametrize("text, due", [
    # A day written in words without "ngày" is that day, not its month's end (a QA pass:
    # each was due 31/12), alone, with "năm", "/" or in a range with "-", "–", "đến".
    ("20 tháng 12/2026", D(2026, 12, 20)),
    ("20 tháng 12 năm 2026", D(2026, 12, 20)),
    ("Trước 20 tháng 12", D(2026, 12, 20)),
    ("Chậm nhất 20 tháng 12, năm 2026", D(2026, 12, 20)),
    ("Trước 05 tháng 01 năm 2027", D(2027, 1, 5)),
    ("Từ 15 tháng 11 đến 20 tháng 12 năm 2026", D(2026, 12, 20)),
    ("Ngày 15 tháng 11 - 20 tháng 12/2026", D(2026, 12, 20)),
    ("Ngày 15 tháng 11 đến 20 tháng 12/2026", D(2026, 12, 20)),  # it was two parts
    ("15 tháng 11 – 20 tháng 12/2026", D(2026, 12, 20)),
    ("tháng 11 - 20 tháng 12/2026", D(2026, 12, 20)),
    ("Tháng 10/2026 - 20 tháng 12/2026", D(2026, 12, 20)),
    ("01/10/2026 - 20 tháng 12/2026", D(2026, 12, 20)),
    ("Quý IV/2026 (trước 15 tháng 12)", D(2026, 12, 15)),
    ("ngày 20 tháng 12/2026", D(2026, 12, 20)),  # as before
])
def test_a_day_in_words_without_ngay_is_that_day(text: str, due: date) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2026).parts] == [("date", due)]


@pytest.mark.parametrize("text, parts", [
    ("Trước 20 tháng 6 và 20 tháng 12 hằng năm", [("date", D(2026, 6, 20)),
                                                  ("date", D(2026, 12, 20))]),
    # A number before "tháng" that counts months is no day.
    ("6 tháng đầu năm 2026", [("half", D(2026, 6, 30))]),
    ("06 tháng cuối năm", [("half", D(2026, 12, 31))]),  # it was unknown
    ("06 tháng đầu năm", [("half", D(2026, 6, 30))]),
    ("9 tháng năm 2026", [("half", D(2026, 9, 30))]),  # the 9-month report (it was the year)
    ("12 tháng", [("unknown", None)]),
    ("Tuần thứ 2 tháng 3/2026", [("month", D(2026, 3, 14))]),
    ("Đợt 1 tháng 6/2026, đợt 2 tháng 12/2026", [("month", D(2026, 6, 30)),
                                                 ("month", D(2026, 12, 31))]),
    ("Báo cáo 6 tháng 7/2026", [("month", D(2026, 7, 31))]),
    # Once every three (six) months recurs: "3 tháng 1 lần" was January.
    ("3 tháng 1 lần", [("recurring", None)]),
    ("3 tháng một lần", [("recurring", None)]),
    ("6 tháng 1 lần", [("recurring", None)]),
    # A start alone, its day in words, is work carried on from then (it was due then).
    ("Từ 15 tháng 11/2026", [("recurring", None)]),
    ("Từ ngày 15 tháng 11", [("recurring", None)]),
])
def test_a_number_before_thang_is_a_day_only_as_n_thang_m(text: str, parts: list) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2026).parts] == parts


@pytest.mark.parametrize("text, parts", [
    # A remark in brackets naming the report or period the work goes with is no part of
    # its own: the deadline is what precedes it (a QA pass: "(báo cáo Quý IV)" was a
    # quarter of its own, and "Hằng quý (báo cáo Quý III)" was due 30/9).
    ("Trước 15/11/2026 (báo cáo Quý III)", [("date", D(2026, 11, 15), None)]),
    ("Hằng quý (báo cáo Quý III)", [("recurring", None, "quarterly")]),
    ("Hàng quý (báo cáo Quý I, II, III, IV)", [("recurring", None, "quarterly")]),
    ("Quý IV/2026 (báo cáo năm)", [("quarter", D(2026, 12, 31), None)]),
    ("Tháng 6/2026 (kèm báo cáo 6 tháng)", [("month", D(2026, 6, 30), None)]),
    ("Tháng 6/2026 (kèm báo cáo 6 tháng đầu năm)", [("month", D(2026, 6, 30), None)]),
    ("Tháng 12/2026 (báo cáo Quý IV)", [("month", D(2026, 12, 31), None)]),
    ("Tháng 12/2026 [báo cáo Quý IV]", [("month", D(2026, 12, 31), None)]),
    ("Năm 2026 (báo cáo Quý IV)", [("year", D(2026, 12, 31), None)]),
    ("Quý III/2026 (tháng 8, 9)", [("quarter", D(2026, 9, 30), None)]),
    ("Tháng 12/2026 (dự kiến tháng 11)", [("month", D(2026, 12, 31), None)]),
    ("Tháng 6 (báo cáo 6 tháng) và tháng 12/2026 (báo cáo năm)",
     [("month", D(2026, 6, 30), None), ("month", D(2026, 12, 31), None)]),
    # Not a bracket that says when (a day), that joins another date, nor one that alone
    # is the deadline.
    ("Quý III/2026 (báo cáo trước 10/10/2026), Quý IV/2026",
     [("date", D(2026, 10, 10), None), ("quarter", D(2026, 12, 31), None)]),
    ("Tháng 6/2026 (và tháng 12/2026)", [("month", D(2026, 6, 30), None),
                                        ("month", D(2026, 12, 31), None)]),
    ("Báo cáo (Quý III/2026)", [("quarter", D(2026, 9, 30), None)]),
])
def test_a_remark_in_brackets_is_no_part_of_its_own(text: str, parts: list) -> None:
    assert [(p.kind, p.due, p.recurrence) for p in parse_deadline(text, 2026).parts] == parts


@pytest.mark.parametrize("text, parts", [
    # A count of months from the year's start or to its end is that span, as "6 tháng đầu
    # năm" is the half (a QA pass: the first two were unknown, the third the year).
    ("9 tháng đầu năm 2026", [("half", D(2026, 9, 30))]),
    ("Trong 3 tháng đầu năm 2026", [("quarter", D(2026, 3, 31))]),
    ("03 tháng cuối năm 2026", [("quarter", D(2026, 12, 31))]),
    ("09 tháng đầu năm", [("half", D(2026, 9, 30))]),
    ("Báo cáo 9 tháng năm 2026", [("half", D(2026, 9, 30))]),  # it was the year
    ("Báo cáo 9 tháng", [("half", D(2026, 9, 30))]),
    ("6 tháng đầu năm và 9 tháng đầu năm 2026", [("half", D(2026, 6, 30)),
                                                ("half", D(2026, 9, 30))]),
    # as before
    ("6 tháng cuối năm 2026", [("half", D(2026, 12, 31))]),
    ("12 tháng năm 2026", [("year", D(2026, 12, 31))]),
    ("Trong 6 tháng", [("unknown", None)]),
    ("Tháng 6/2026, báo cáo 6 tháng", [("month", D(2026, 6, 30))]),
    ("Trước 15/9/2026 (báo cáo 9 tháng)", [("date", D(2026, 9, 15))]),
])
def test_months_counted_from_the_years_start_or_to_its_end(text: str, parts: list) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2026).parts] == parts


def test_nine_months_span_from_january() -> None:
    """The nine months' span starts in January: done in February, "Tháng 1 và 9 tháng đầu
    năm" can be the nine months' work (a half's span, from April, made it January's, late,
    the nine months' still to do)."""
    deadline = parse_deadline("Tháng 1 và 9 tháng đầu năm 2026", 2026)
    assert deadline.pending_after(D(2026, 2, 15)) is None
    assert parse_deadline("Tháng 1 và 6 tháng cuối năm 2026", 2026).pending_after(
        D(2026, 2, 15)) == D(2026, 12, 31)


@pytest.mark.parametrize("text, parts", [
    # After a day with a word of a deadline, the report of a period ended before it is
    # which report the day is for, no part of its own (a QA pass: Q3 and 15/11).
    ("Trước 15/11/2026, báo cáo Quý III", [("date", D(2026, 11, 15))]),
    ("Trước 15/11/2026 - báo cáo Quý III", [("date", D(2026, 11, 15))]),
    ("Trước ngày 10/10/2026, báo cáo kết quả quý III/2026", [("date", D(2026, 10, 10))]),
    ("Trước 15/11/2026: báo cáo Quý III", [("date", D(2026, 11, 15))]),  # it was Q3 alone
    # Two deadlines still: a list, a period after the day, no word of a deadline.
    ("Quý II/2026 và Quý IV/2026", [("quarter", D(2026, 6, 30)), ("quarter", D(2026, 12, 31))]),
    ("Tháng 6/2026, tháng 12/2026", [("month", D(2026, 6, 30)), ("month", D(2026, 12, 31))]),
    ("Trước 15/11/2026, báo cáo tháng 12/2026", [("date", D(2026, 11, 15)),
                                                 ("month", D(2026, 12, 31))]),
    ("Trước 10/10/2026, Quý III", [("quarter", D(2026, 9, 30)), ("date", D(2026, 10, 10))]),
    ("Báo cáo Quý III trước 15/9", [("date", D(2026, 9, 15))]),
    ("Kế hoạch: tháng 1/2026", [("month", D(2026, 1, 31))]),
])
def test_a_report_named_after_its_day_is_no_part_of_its_own(text: str, parts: list) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2026).parts] == parts


@pytest.mark.parametrize("text, due", [
    # "hoặc" offers an alternative: one part, due when the later has passed (a QA pass:
    # two parts, late at the first).
    ("Quý II/2026 (hoặc Quý III/2026)", D(2026, 9, 30)),
    ("Quý II hoặc Quý III/2026", D(2026, 9, 30)),
    ("Quý III/2026 (hoặc Quý II/2026)", D(2026, 9, 30)),
    ("Tháng 6 hoặc tháng 7/2026", D(2026, 7, 31)),
    ("Trước 15/11/2026 (hoặc 30/11/2026)", D(2026, 11, 30)),
    ("Quý IV/2026 hoặc năm 2027", D(2027, 12, 31)),  # the year was lost
    ("Năm 2026 hoặc năm 2027", D(2027, 12, 31)),
    ("Giữa tháng 10 hoặc cuối tháng 10/2026", D(2026, 10, 31)),  # as before
    ("Tháng 12/2026 (hoặc theo hướng dẫn)", D(2026, 12, 31)),  # as before
])
def test_an_alternative_is_due_at_the_later(text: str, due: date) -> None:
    (part,) = parse_deadline(text, 2026).parts
    assert part.due == due


@pytest.mark.parametrize("text, parts", [
    # A document's day written without "ngày", or after "ban hành", is no deadline (a QA
    # pass: a part of November 2025, or 15/11/2025).
    ("Quyết định số 12/QĐ-UBND 15 tháng 11 năm 2025, hoàn thành Quý II/2026",
     [("quarter", D(2026, 6, 30))]),
    ("Quyết định số 12/QĐ-UBND, 15 tháng 11 năm 2025, hoàn thành Quý II/2026",
     [("quarter", D(2026, 6, 30))]),
    ("Quyết định số 12/QĐ-UBND ban hành ngày 15/11/2025, hoàn thành Quý II/2026",
     [("quarter", D(2026, 6, 30))]),
    ("Kế hoạch số 45 ban hành 20 tháng 01 năm 2026, tháng 6/2026", [("month", D(2026, 6, 30))]),
    ("Theo Kế hoạch số 45 20 tháng 01 năm 2026, tháng 6/2026", [("month", D(2026, 6, 30))]),
    ("Quyết định số 12/QĐ-UBND 15 tháng 11 năm 2025", [("unknown", None)]),
    # A deadline's day is not a document's.
    ("Công văn số 100/UBND-NV ngày 05/3/2026, trước 20 tháng 12/2026", [("date", D(2026, 12, 20))]),
    ("Ban hành trước 20 tháng 12/2026", [("date", D(2026, 12, 20))]),
    ("Văn bản ban hành 20/01/2026", [("date", D(2026, 1, 20))]),
])
def test_a_documents_day_without_ngay_is_no_deadline(text: str, parts: list) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2026).parts] == parts


@pytest.mark.parametrize("text, parts", [
    # A list ending in "hoặc" offers each of its items: one part, due at the latest (a QA
    # pass: "hoặc IV" was lost, due at Q2 and Q3; "Quý II hoặc III/2026" was Q2 of the
    # plan's year).
    ("Quý II, III hoặc IV/2026", [("quarter", D(2026, 12, 31))]),
    ("Quý I, II hoặc III/2026", [("quarter", D(2026, 9, 30))]),
    ("Quý II hoặc III/2026", [("quarter", D(2026, 9, 30))]),
    ("Quý IV hoặc III/2026", [("quarter", D(2026, 12, 31))]),
    ("Tháng 6, 7 hoặc 8/2026", [("month", D(2026, 8, 31))]),
    # A list without "hoặc" is a part per item, as before; "và" ends the alternatives.
    ("Quý I, II/2026", [("quarter", D(2026, 3, 31)), ("quarter", D(2026, 6, 30))]),
    ("Quý I, II và III/2026", [("quarter", D(2026, 3, 31)), ("quarter", D(2026, 6, 30)),
                               ("quarter", D(2026, 9, 30))]),
    ("Quý I và II hoặc III/2026", [("quarter", D(2026, 3, 31)), ("quarter", D(2026, 9, 30))]),
    ("Quý III-IV/2026", [("quarter", D(2026, 12, 31))]),
])
def test_a_list_of_alternatives_is_due_at_the_latest(text: str, parts: list) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2023).parts] == parts


def test_alternatives_are_not_late_at_the_first() -> None:
    """Unfinished at the 6-month cut-off, "Quý II, III hoặc IV/2026" is not yet due."""
    deadline = parse_deadline("Quý II, III hoặc IV/2026", 2026)
    assert deadline.due == deadline.due_at(D(2026, 6, 30)) == D(2026, 12, 31)


@pytest.mark.parametrize("text, parts", [
    # After a period, the report of a period ended by its end, named after a sign and
    # "báo cáo", is a remark, as in brackets (a QA pass: December and the fourth quarter,
    # two due dates; with a 2023 plan, Q4 of 2023).
    ("Tháng 12/2026, báo cáo Quý IV", [("month", D(2026, 12, 31))]),
    ("Tháng 12/2026 - báo cáo Quý IV", [("month", D(2026, 12, 31))]),
    ("Tháng 12/2026, kèm báo cáo kết quả quý IV/2026", [("month", D(2026, 12, 31))]),
    ("Quý IV/2026, báo cáo Quý III", [("quarter", D(2026, 12, 31))]),
    ("Tháng 6/2026, báo cáo Quý II, tháng 12/2026, báo cáo Quý IV",
     [("month", D(2026, 6, 30)), ("month", D(2026, 12, 31))]),
    # Still two deadlines: lists, and a report of a period ending after the first.
    ("Quý II và Quý IV/2026", [("quarter", D(2026, 6, 30)), ("quarter", D(2026, 12, 31))]),
    ("Tháng 6 và tháng 12/2026", [("month", D(2026, 6, 30)), ("month", D(2026, 12, 31))]),
    ("Tháng 6/2026, tháng 12/2026", [("month", D(2026, 6, 30)), ("month", D(2026, 12, 31))]),
    ("Tháng 6/2026, báo cáo tháng 12/2026", [("month", D(2026, 6, 30)),
                                             ("month", D(2026, 12, 31))]),
])
def test_a_report_named_after_its_period_is_no_part_of_its_own(text: str, parts: list) -> None:
    for year in (2023, 2026):
        assert [(p.kind, p.due) for p in parse_deadline(text, year).parts] == parts


@pytest.mark.parametrize("text", ["Từ đầu quý II", "Từ đầu quý II/2026", "Từ quý II/2026",
                                  "Bắt đầu từ đầu quý II/2026", "Từ đầu quý II/2026 trở đi",
                                  "Từ giữa quý III", "Từ đầu năm 2026", "Từ đầu năm"])
def test_the_start_of_a_quarter_or_year_alone_is_work_carried_on(text: str) -> None:
    """ "Từ đầu quý II" was due 30/6 (a QA pass): it says when the work starts, as "Từ
    tháng 3/2026" does, not when it is due."""
    (part,) = parse_deadline(text, 2026).parts
    assert (part.kind, part.due, part.recurrence) == ("recurring", None, "continuous")


@pytest.mark.parametrize("text, parts", [
    # A day in words after "báo cáo" or "khoảng" is that day (a QA pass: the month's end).
    ("Báo cáo 20 tháng 12/2026", [("date", D(2026, 12, 20))]),
    ("Khoảng 20 tháng 12", [("date", D(2026, 12, 20))]),
    ("Báo cáo 15 tháng 1 năm 2027", [("date", D(2027, 1, 15))]),
    # Not a report's count of months: the month, as before.
    ("Báo cáo 6 tháng 7/2026", [("month", D(2026, 7, 31))]),
    ("Báo cáo 06 tháng 7/2026", [("month", D(2026, 7, 31))]),
    ("Báo cáo 9 tháng 10/2026", [("month", D(2026, 10, 31))]),
    ("Báo cáo 12 tháng 1/2027", [("month", D(2027, 1, 31))]),
    ("Khoảng 3 tháng 1 lần", [("recurring", None)]),
])
def test_a_day_in_words_after_bao_cao_or_khoang_is_that_day(text: str, parts: list) -> None:
    assert [(p.kind, p.due) for p in parse_deadline(text, 2026).parts] == parts
