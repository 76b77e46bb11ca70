"""The words of a deadline's text: the patterns :mod:`cchc_xl.deadlines` reads days,
periods, years, ranges, lists, starts and recurrences with, each with the examples it
is written for. The grammar: docs/deadlines.md."""

from __future__ import annotations

import re

from ..vocab import ANNUAL, CONTINUOUS, MONTHLY, QUARTERLY, SEMIANNUAL, WEEKLY

# A part of a month written before "tháng" ("tuần đầu tiên của", "giữa", "cuối"), maybe
# none: what a start, a range's end or a year before a month may hold between.
PART_OF_MONTH = (r"(?:(?:tuần\s+(?:đầu(?:\s+tiên)?|thứ\s+\S+|cuối)|nửa\s+đầu|giữa|đầu|cuối)\s+"
                 r"(?:của\s+)?)?")
# A start and nothing else: "Từ 01/3/2026", "Từ ngày 15 tháng 11", "Bắt đầu từ tháng
# 3/2026", "Từ quý II/2026 trở đi", "Từ đầu quý II", "Từ đầu năm" (a range has its end:
# "từ tháng 3 đến tháng 6", "Từ 01/3 ~ 30/6/2026"; so has a start its end follows after a
# sign, START_THEN_END: "Từ tháng 3/2026, hoàn thành quý III/2026" is one part, due at
# its end, 30/9; "Từ ngày ký" is an event).
FROM_ONLY = re.compile(
    r"^\s*(?:bắt\s+đầu\s+|triển\s+khai\s+|thực\s+hiện\s+)?từ\s+"
    r"(?:ngày\s+)?(?:\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4}|\d{1,2}\s*/\s*\d{4}"
    r"|\d{1,2}\s+tháng\s*\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"  # "Từ 15 tháng 11/2026"
    rf"|{PART_OF_MONTH}tháng\s*\d{{1,2}}(?:\s*/\s*\d{{4}}|\s+năm\s+\d{{4}})?"
    # "Từ đầu quý II", "Từ đầu năm 2026": a start too (a QA pass: due at their end).
    r"|(?:(?:đầu|giữa|cuối)\s+(?:của\s+)?)?quý\s*(?:[ivx]+|\d)(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"
    r"|năm\s+\d{4}|đầu\s+năm(?:\s+\d{4})?|\d{4})"
    r"(?:\s*(?:trở\s+đi|trở\s+về\s+sau))?\s*\.?$")

# A start's date, written after "từ" ("Từ tháng 3/2026", "Bắt đầu từ ngày 01/3", "Từ đầu
# quý II", "Triển khai từ tuần đầu tháng 3"), and what joins it to its end, written after
# it: a sign, or a word of completion, and words with no number, before the sign or after
# it ("Từ tháng 3/2026, hoàn thành quý III/2026", "Từ đầu quý II/2026 - xong trong quý
# III", "Từ 01/3/2026 ~ 30/6/2026", "Từ quý II trở đi, hoàn thành năm 2026", "Từ quý
# II/2026 triển khai, hoàn thành năm 2026"; not a list, "và", "hoặc", nor another start):
# the start and its end are one part, due at the end (deadlines.remarks.ends_start), as a
# range is. A start nothing dated follows is carried on, in the middle of a text too
# ("Quý I/2026: khảo sát, từ quý II/2026, triển khai": deadlines.remarks.carried_on).
START_BEFORE = re.compile(rf"\btừ\s+(?:ngày\s*)?{PART_OF_MONTH}$")
COUNTED_FROM = re.compile(r"\bkể\s*$")  # "Trong 30 ngày kể từ 01/3/2026": no start
# A time counted from the day written after it: "Trong 30 ngày kể từ 01/3/2026", "trong
# thời hạn 15 ngày làm việc kể từ ngày 02/3/2026", "Trong 3 tháng kể từ 01/3/2026": due
# when it ends (deadlines.counts.counted_from). From no day ("kể từ ngày văn bản có hiệu
# lực") it is an event (EVENT_RE).
COUNTED_SPAN = re.compile(r"(?<![\d/])(?P<n>\d{1,3})\s*(?P<unit>ngày|tháng)\s*"
                          r"(?P<working>làm\s*việc\s*)?,?\s*kể\s*từ\s*(?:ngày\s*)?$")
# (month, day) to (month, day): where a public holiday, or a day off for one, can fall in
# any year (Bộ luật Lao động 2019, Điều 112: 1/1; Tết, by the lunar calendar, between
# late January and late February; Giỗ Tổ Hùng Vương, 10/3 lunar, between the end of March
# and the end of April; 30/4 and 1/5; 2/9 and a day beside it; a holiday on a weekend is
# given back after it, and the Government moves days each year). Working days counted
# over one of these are the office's to judge.
HOLIDAY_WINDOWS = (((1, 1), (1, 3)), ((1, 19), (2, 25)), ((3, 29), (5, 4)), ((8, 29), (9, 4)))
# (month, day) of the public holidays of a fixed solar day (Bộ luật Lao động 2019, Điều 112:
# Tết Dương lịch, Ngày Chiến thắng, Quốc tế Lao động, Quốc khánh): a calendar count's last
# day on one of them moves to the next working day, as on a weekend.
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))
# A start's year: "từ năm 2027" ("Quý III/2026 thí điểm, từ năm 2027 nhân rộng": work
# carried on from 2027), and the years named beside it ("Năm 2026 xây dựng, từ năm 2027
# áp dụng"; deadlines._start_years).
START_YEAR = re.compile(r"\btừ\s+năm\s+(?P<year>\d{4})(?!\d)")
NAMED_YEAR = re.compile(r"\bnăm\s+(?P<year>\d{4})(?!\d)")
END_WORDS = r"(?:hoàn\s+thành|xong|kết\s+thúc)\b"
WORDS_NO_NUMBER = r"(?:(?!\b(?:và|hoặc|từ)\b)[^\d()\[\];,{signs}])*"
START_THEN = (r"\s*(?:trở\s+(?:đi|về\s+sau)\s*)?"
              + WORDS_NO_NUMBER.format(signs=r":~\-–")
              + rf"(?:[,:~\-–]|(?={END_WORDS}))" + WORDS_NO_NUMBER.format(signs=""))
START_THEN_END = re.compile(START_THEN)
# A start's end in brackets: "Từ tháng 3/2026 (hoàn thành quý III/2026)" is read as "Từ
# tháng 3/2026, hoàn thành quý III/2026" (deadlines.remarks.end_out_of_brackets), not as a
# remark (a QA pass: the end was blanked, the work read as carried on, with no due date).
END_IN_BRACKETS = re.compile(rf"\s*[(\[]\s*(?P<end>{END_WORDS}[^()\[\]]*)[)\]]")
# Between a start and the next date, a comma alone: a list of the months (quarters, days)
# the work or its report is done in, a part each, not a start and its end: "Từ tháng
# 3/2026, tháng 6/2026, tháng 9/2026" is March, June and September.
LIST_COMMA = re.compile(r"\s*,\s*")
START_THEN_YEAR = re.compile(START_THEN + r"(?<!\S)năm\s*(?P<year>\d{4})(?!\d)\s*\.?$")

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
ROMAN_OF = {1: "I", 2: "II", 3: "III", 4: "IV"}


def year_after(group: str = "") -> str:
    """A year written after a day or a month, if any ("/2026", "-2026", " năm 2026",
    ", năm 2026"), captured as ``group`` when it is named. A number is never read from
    inside a longer one: "3/2026 - 6/2026" has no day 26."""
    year = rf"(?P<{group}>\d{{4}})" if group else r"\d{4}"
    return rf"(?:\s*(?:/|-|,?\s*năm)\s*(?:năm\s*)?{year}(?!\d))?"


YEAR_AFTER = year_after("year")
# Lists and ranges of months or quarters: "Quý I, II/2023", "Tháng 1 - 2/2023", and
# alternatives: "Quý II, III hoặc IV/2026" (deadlines.lists.listed: one, the latest).
SEP = r"\s*(?:,|-|–|và|hoặc|đến|tới)\s*"
RANGE_SEP = re.compile(r"-|–|đến|tới")
OR_SEP = re.compile(r"\bhoặc\b")
COMMA_SEP = re.compile(r"^\s*,\s*$")
# Between two periods, a range: "tháng 1/2026 - tháng 6/2026", "quý I/2026 đến quý II/2026".
RANGE_BETWEEN = re.compile(r"\s*(?:-|–|đến|tới)(?:\s+hết)?\s*"
                           + PART_OF_MONTH)  # "Tháng 3 - giữa tháng 4/2026": to a part of it
# Between two days, the same, each maybe after "ngày": "ngày 01/3 - ngày 30/6/2026".
DAY_RANGE_BETWEEN = re.compile(r"\s*(?:-|–|đến|tới)(?:\s+hết)?\s*(?:ngày\s*)?")
AND = re.compile(r"\bvà\b")
# Words that make a day the deadline of the period written before it.
DEADLINE_WORDS = r"trước|chậm\s+nhất|hạn(?:\s+chót)?|không\s+quá"
DEADLINE_WORD = re.compile(rf"\b(?:{DEADLINE_WORDS})\b")
# A remark in brackets after a deadline ("Tháng 12/2026 (báo cáo Quý IV)", "Hằng quý
# (báo cáo Quý III)", "Quý IV/2026 (báo cáo năm)"): which report or period the work goes
# with, no part of its own (deadlines.remarks.without_remarks). Not one that joins another
# date to it ("(và tháng 12)", "(đến quý III)").
REMARK = re.compile(r"(?<=\S)\s*[(\[](?!\s*(?:và|hoặc|đến|tới|[-–,]))[^()\[\]]*[)\]]")
# After a day with a word of a deadline, the report that day is for, written after a
# sign: "Trước 15/11/2026, báo cáo Quý III", "Trước 15/11/2026 - báo cáo Quý III"
# (deadlines.remarks.says_when: a period that ended before the day is the report's).
DEADLINE_DAY_BEFORE = re.compile(rf"\b(?:{DEADLINE_WORDS})\s*(?:ngày\s*)?:?\s*$")
REPORT_BETWEEN = re.compile(r"\s*[,:\-–]\s*(?:kèm\s+(?:theo\s+)?)?báo\s+cáo\b[^\d,;()\[\]]*")
# Between two days or periods, an alternative: "Quý II/2026 (hoặc Quý III/2026)", "Tháng
# 6 hoặc tháng 7/2026": one part, due at the later (deadlines.remarks.alternatives).
OR_BETWEEN = re.compile(r"\s*[(\[]?\s*hoặc\s+(?:là\s+|trước\s+|(?:ngày|hết|năm)\s*)?")
BRACKET_BETWEEN = re.compile(r"\s*[(\[][^()\[\]\d]*")  # "Quý III (trước ngày 10/10)"
FROM_TO = re.compile(r"\btừ\b.+\b(?:đến|tới)\b")
QUARTER_NUMERAL = r"(?:iv|iii|ii|i|[1-4])(?![\w])"
# Not a number "tháng" follows ("tháng 11 - 20 tháng 12" is November to the 20th), nor
# one "lần" does ("3 tháng 1 lần" is once every three months, not January).
MONTH_NUMBER = r"\d{1,2}(?!\d)(?!\s*(?:tháng|lần))"
# A day 1 to 31 and a month 1 to 12 in words: "20 tháng 12".
DAY_MONTH_WORDS = r"(?:0?[1-9]|[12]\d|3[01])\s*tháng\s*(?:0?[1-9]|1[0-2])(?!\d)"
DAY_WORDS_BEFORE = ("trước", "từ", "đến", "tới", "hết", "và", "hoặc", "hạn", "nhất", "quá",
                    "vào", "thành", "kiến", "là", "khoảng")
# After "báo cáo", a number that names no report's months: "Báo cáo 20 tháng 12/2026" is
# the 20th (a QA pass: the month's end), "Báo cáo 6 tháng 7/2026" the 6-month report in
# July (HALF_RE's counts, and the year's 12 months).
REPORT_COUNT = r"(?:0?[369]|12)(?!\d)"
# Where a day is written in words without "ngày" ("20 tháng 12/2026", "Từ 15 tháng 11
# đến 20 tháng 12"): a day 1 to 31 and a month 1 to 12 ("N tháng M"), first in the text
# or after a word of a deadline, a range, a list, "khoảng" or "báo cáo", or a sign; not
# a count of months ("6 tháng đầu năm", "9 tháng năm 2026", "3 tháng 1 lần", "Báo cáo 6
# tháng 7/2026", "tuần thứ 2 tháng 3", "Đợt 2 tháng 6").
DAY_WITHOUT_NGAY = (
    "(?:^|" + "|".join(f"(?<={word} )" for word in DAY_WORDS_BEFORE)
    + rf"|(?<=báo cáo )(?!{REPORT_COUNT})"
    + r"|(?<=[(\[,;:\-–~])|(?<=[(\[,;:\-–~] ))"
    rf"(?={DAY_MONTH_WORDS}(?!\s*lần))")
DATE_RE = re.compile(
    # "ngày 15 tháng 11", "20 tháng 12": the plan's year completes it.
    # Not the first day of a range ("ngày 15 tháng 11 - 30/11/2026", "- 20 tháng 12").
    rf"(?:ngày\s*|{DAY_WITHOUT_NGAY})(?P<d2>\d{{1,2}})\s*tháng\s*(?P<m2>\d{{1,2}})(?!\d)"
    r"(?!\s*(?:[/.\-]\s*\d{1,2}\s*[/.\-]|[-–]\s*\d{1,2}(?!\d)))"
    + year_after("y2") +
    r"|(?<!\d)(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})(?!\d)"
    # "Trước 15/11", "20/6 và 20/12 hằng năm": the plan year completes it.
    r"|(?<![\d/])(?P<d4>\d{1,2})\s*/\s*(?P<m4>\d{1,2})(?![\d/])"
    # "Ngày 05/8, năm 2027": the year written after it.
    r"(?:\s*,?\s*năm\s*(?P<y4>\d{4})(?!\d))?"
)
MONTH_RE = re.compile(rf"tháng\s*(?P<m>{MONTH_NUMBER}(?:{SEP}{MONTH_NUMBER})*)"
                      r"(?!\s*[/.\-]\s*\d{1,2}\s*[/.\-])" + YEAR_AFTER)
# "6/2026" without "tháng": a month too. Not "15/11/2026" nor "Nghị định 10/2020".
BARE_MONTH_RE = re.compile(r"(?<![\d/.])(?P<m>\d{1,2})\s*/\s*(?P<year>\d{4})(?![\d/])")
DOC_NUMBER_BEFORE = re.compile(
    r"(?:\bsố|nghị\s*định|thông\s*tư|quyết\s*định|chỉ\s*thị|nghị\s*quyết|công\s*văn"
    r"|kế\s*hoạch|\bluật)\s*(?:số\s*)?$")
# "Quí IV", "Qúy IV", "Q4/2026", "QIV/2026": a quarter as people type it (a QA pass:
# "Q4/2026" was April, "4/2026").
QUARTER_SPELLINGS = re.compile(r"\bqu[íý]|\bqúy|(?<![\w])(?<!ubnd )(?<!ủy ban nhân dân )"
                                r"q(?=\s*(?:iv|iii|ii|i|[1-4])(?![\w]))")
# "quý I năm sau", "tháng 1 năm sau", "15/01 năm sau": not "các năm sau", "02 năm sau
# khi Luật có hiệu lực", "kế hoạch năm sau" (a QA pass).
# "quý IV năm nay" too, of the plan's year (beside "quý I năm sau" it was taken to the
# next year, the one written after it).
NEXT_YEAR = re.compile(r"(?P<when>(?:quý|tháng)\s*(?:iv|iii|ii|i|\d{1,2})|\d{1,2}\s*/\s*\d{1,2})"
                       r"\s+(?:của\s+)?năm\s+(?:(?P<next>sau|tới|kế\s+tiếp)|nay)\b")
QUARTER_RE = re.compile(rf"quý\s*(?P<q>{QUARTER_NUMERAL}(?:{SEP}(?:quý\s*)?{QUARTER_NUMERAL})*)"
                        + YEAR_AFTER)
# "6 tháng đầu năm và cả năm", "6 tháng đầu năm và cuối năm 2026": the plan's year (or
# the one written), as a period of a list (not the "cuối năm" of "03 tháng cuối năm", a
# quarter); not "trong năm 2025 - 2026", read as a year of its own (YEAR_RE).
IN_YEAR_RE = re.compile(r"\b(?:cả|suốt|trong|hết|(?<!tháng )cuối)\s*năm(?:\s*(?P<year>\d{4}))?"
                        r"(?!\s*[-–/]?\s*\d)")
# A year written just before a period that names none: "2027 Quý IV" (not the "2020" of
# "Nghị định 10/2020 quý IV").
YEAR_BEFORE = re.compile(r"(?<![\d/.\-])(?:năm\s*)?(?P<year>20\d{2})\s*[,:\-–]?\s*"
                         # "Năm 2027, tuần đầu tháng 1": a part of the month between.
                         + PART_OF_MONTH + "$", re.IGNORECASE)
# A count of months from the year's start or to its end, as reports are named: "6 tháng
# đầu năm 2026" (the half, 30/6), "9 tháng đầu năm", "Trong 3 tháng đầu năm 2026" (30/9,
# 31/3), "03 tháng cuối năm" (the last quarter, 31/12); "9 tháng năm 2026", and "Báo cáo
# 9 tháng" as the whole text, the first nine months (the 9-month report, 30/9). Not "12
# tháng", "Trong 6 tháng" (a duration), "3 tháng 1 lần" (a recurrence), "Báo cáo 6 tháng
# 7/2026" (July), "Tháng 6/2026, báo cáo 6 tháng" (June alone).
HALF_RE = re.compile(
    r"(?<![\d/])0?(?P<n>[369])\s*tháng\s*(?:(?P<h>đầu|cuối)\s*năm|năm(?=\s*\d{4}(?!\d))"
    r"|(?:(?<=^báo cáo \d tháng)|(?<=^báo cáo 0\d tháng))(?=\s*$))"
    r"(?:\s*(?P<year>\d{4})(?!\d))?")
# "Năm 2026", "năm 2025 - 2026" or "năm 2025/2026" (its last year), and a cell holding
# the year alone ("2026").
YEAR_RE = re.compile(
    r"(?:^|\b)năm\s*(?P<year>\d{4})(?!\d)(?:\s*[-–/]\s*(?P<year2>\d{4})(?!\d))?"
    # ... or a range of years alone ("2026-2027", as "Năm 2026 - 2027": a QA pass).
    r"|^\s*(?:(?:19|20)\d{2}\s*[-–/]\s*)?(?P<alone>(?:19|20)\d{2})\s*\.?\s*$")
# Another year of a list after "năm 2026": "năm 2026 và năm 2027", "năm 2026, 2027" (a
# range, "2027 - 2028", counts as its last year).
# A number a word follows counts something ("năm 2026, 2030 hồ sơ"): no year of the list.
MORE_YEARS_RE = re.compile(r"\s*(?:,|;|và|&)\s*(?:năm\s*)?(?P<year>(?:19|20)\d{2})(?!\d)"
                            r"(?:\s*[-–/]\s*(?P<year2>(?:19|20)\d{2})(?!\d))?"
                            r"(?!\s*(?!và\b)[^\W\d_])")
YEARS_LISTED = 10  # a year listed after another is later, by at most this many years
# "Đầu năm", "giữa năm": no date can be read from them; they are reported.
VAGUE_RE = re.compile(r"(?:đầu|giữa)\s*năm")
PERIOD_WORD_BEFORE = re.compile(r"(?:tháng|quý)\s*$")
BEFORE_RE = re.compile(r"\btrước\s*(?:ngày\s*)?:?\s*$")  # "Trước ngày: 15/11" too
# Between two days of one list: "Trước 20/3, 20/6 và 20/9" is before each of them, and
# so is "Trước 20/3 (quý I), 20/6 (quý II)".
# A document's number before a day ("số 12/QĐ-UBND ngày 15 tháng 11"): the day it was
# signed, not a deadline.
# So is one after "Theo Kế hoạch", "Căn cứ Quyết định" and the document's words.
# So is one after "ban hành" said of a document ("Quyết định số 12/QĐ-UBND ban hành
# ngày 15/11/2025", "Kế hoạch số 45 ban hành 20 tháng 01"; not "Ban hành trước 20/12"),
# after "Kế hoạch số 45", and a day in words without "ngày" ("số 12/QĐ-UBND 15 tháng 11
# năm 2025": DOC_DAY_IN_WORDS).
DOCUMENT = (r"(?:nghị\s+định|thông\s+tư|quyết\s+định|chỉ\s+thị|nghị\s+quyết|công\s+văn"
            r"|kế\s+hoạch|văn\s+bản|thông\s+báo)\b")
DOC_DAY_BEFORE = re.compile(
    rf"(?:\d+\s*/\s*[a-zđ][\w\-]*\s*,?\s+|(?:theo|căn\s+cứ)\s+{DOCUMENT}[^,;:()]*?\s"
    rf"|(?:\d+\s*/\s*[a-zđ][\w\-]*|{DOCUMENT}\s+số\s*\d+)[^,;:()]*?\sban\s+hành\s+"
    rf"|{DOCUMENT}\s+số\s*\d+\s*,?\s+)(?:ngày\s*)?$")
DOC_DAY_IN_WORDS = re.compile(r"(?<![\d/])" + DAY_MONTH_WORDS + year_after())
DAY_LIST_BETWEEN = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,|và|&)\s*(?:ngày\s*)?")
BEFORE_WORD = re.compile(r"\btrước\b")
DAY_OF_PERIOD = re.compile(r"\bngày\s*\d{1,2}\b")
# "Giai đoạn 2026-2030": a programme's span, not a due date.
PHASE_RE = re.compile(r"giai\s*đoạn\s*\d{4}\s*[-–]\s*\d{4}")
YEAR_LABEL = re.compile(r"^(?:năm\s*)?\d{4}$")  # "Năm 2027: Quý II" names no label
# Before a month or quarter, a part of it, or "trong": "Đầu quý II", "Trong tháng 1"
# (deadlines.remarks.a_period).
PART_OF_PERIOD = re.compile(rf"^(?:trong\s+)?{PART_OF_MONTH}")
LABEL_RE = re.compile(r"^(?P<label>[^:\d][^:]{1,80}?)\s*:\s*(?P<rest>.+)$")

# Recurrence words, most frequent first: "định kỳ hàng quý, 6 tháng, năm" is quarterly;
# "3 tháng 1 lần" (once every three months) too, not January.
RECURRENCES = [
    (CONTINUOUS, re.compile(r"thường\s*xuyên|liên\s*tục|h[àằ]ng\s*ngày")),
    (WEEKLY, re.compile(r"h[àằ]ng\s*tuần")),
    (MONTHLY, re.compile(r"h[àằ]ng\s*tháng")),
    # Not "cuối quý II/2026": that quarter's end.
    (QUARTERLY, re.compile(r"h[àằ]ng\s*quý|định\s*kỳ\s*quý|theo\s*quý"
                           r"|cuối\s*(?:mỗi\s*)?quý(?!\s*(?:iv|iii|ii|i|[1-4])(?![\w]))"
                           r"|mỗi\s*quý|(?<!\d)0?3\s*tháng\s*(?:1|một)\s*lần"
                           # "Trước ngày 20 của tháng cuối kỳ báo cáo": the CCHC reports
                           # are quarterly (quý I, 6 tháng, 9 tháng, năm).
                           r"|(?:cuối|mỗi|theo)\s*kỳ\s*báo\s*cáo")),
    (SEMIANNUAL, re.compile(r"định\s*kỳ\s*6\s*tháng|h[àằ]ng\s*6\s*tháng|(?<!\d)6\s*tháng\s*,"
                            r"|(?<!\d)0?6\s*tháng\s*(?:1|một)\s*lần")),
    (ANNUAL, re.compile(r"h[àằ]ng\s*năm|định\s*kỳ\s*năm\b(?!\s*\d)|h[àằ]ng\s*năm")),
]


def recurrence(text: str) -> str | None:
    """The recurrence code the first of RECURRENCES written in text names, if any."""
    for code, regex in RECURRENCES:
        if regex.search(text):
            return code
    return None


PERIODIC_RE = re.compile(r"định\s*kỳ")
EVENT_RE = re.compile(
    r"sau\s*khi|theo\s*hướng\s*dẫn|theo\s*thời\s*hạn|theo\s*quy\s*định|theo\s*yêu\s*cầu"
    r"|theo\s*kế\s*hoạch|khi\s*có|ngay\s*khi|kịp\s*thời|theo\s*lộ\s*trình|theo\s*tiến\s*độ"
    r"|đột\s*xuất|kể\s*từ|trong\s*thời\s*hạn|theo\s*chương\s*trình|theo\s*đợt|kỳ\s*họp"
    # "Khi phát sinh", "Khi cần thiết": when a case comes (a letter of apology for a late
    # file), read "undated, no such form" until a QA pass.
    r"|phát\s*sinh|khi\s*cần\s*thiết"
    # "Theo chỉ đạo của UBND tỉnh", "Theo văn bản chỉ đạo của tỉnh", "Theo đề nghị của Sở
    # Nội vụ": a commune's task waiting on the province, read "no date" until a QA pass.
    r"|theo\s*(?:sự\s*|văn\s*bản\s*)?chỉ\s*đạo|theo\s*đề\s*nghị"
    # "Dịp Tết Nguyên đán 2026", "Trong dịp lễ, Tết": the holiday's time, whose days off
    # the Government sets each year (deadlines.holidays).
    r"|dịp\s*(?:lễ\W+)?(?:tết|giỗ\s*tổ|rằm)"
    # "Chậm nhất 05 ngày làm việc trước ngày văn bản QPPL có hiệu lực", "03 ngày sau ngày
    # nhận được văn bản", "02 ngày trước khi tổ chức hội nghị": days counted to or from an
    # event's day, read "không đọc được ngày hạn" until a QA pass. A date written after it
    # ("05 ngày trước ngày 15/11/2026") is read before this is looked for.
    r"|\d{1,3}\s*ngày\s*(?:làm\s*việc\s*)?(?:trước|sau)\s*(?:ngày|khi)\b"
)
# "Cả năm", "Trong năm", "Suốt năm": the plan's year, due at its end.
WHOLE_YEAR_RE = re.compile(r"^(?:(?:từ\s*nay\s*)?đến\s*)?(?:cả|trong|suốt|hết)\s*năm\s*\.?$")

# Years that are an element of a list of their own: "Năm 2026, Quý II/2027", "Quý IV/2026
# và năm 2027, 2028" (not "tháng 1 năm 2023", "Nghị quyết … năm 2025", "Trước năm 2027").
LISTED_YEAR = re.compile(r"(?:^|[,;]|\bvà|\bhoặc)\s*năm\s+(?P<years>\d{4}(?:\s*(?:,|và)\s*\d{4})*)"
                          r"\s*(?=[,;:]|\bvà\b|$)")

# A part of a month written before it ("tuần đầu tiên của tháng 1/2026", "nửa đầu tháng
# 9"): due by the day that part ends. "Tuần cuối tháng 6" is the month's end, as before.
WITHIN_MONTH = re.compile(
    r"(?P<part>tuần\s+(?:lễ\s+)?(?P<which>đầu(?:\s+tiên)?|thứ\s+(?:nhất|hai|ba|tư|[1-4])|cuối)"
    r"|(?P<days>\d{1,2})\s+ngày\s+đầu(?:\s+tiên)?"
    r"|(?P<half>nửa\s+(?:tháng\s+)?đầu|giữa|đầu|thượng\s+tuần|trung\s+tuần))\s+(?:của\s+)?$")
# "Đầu quý II", "tháng đầu (của) quý II": its first month (not "cuối", "giữa").
EARLY_IN_QUARTER = re.compile(r"(?:^|[^\w])(?:tháng\s+)?đầu\s+(?:của\s+)?$")
# After "giữa tháng 5": "và tháng 6", "đến tháng 6" make it "between" two months.
BETWEEN_AFTER = re.compile(r"\s*(?:và|với|đến|tới|-|–)\s*(?:tháng\s*)?\d")
# The day a week of the month ends, and a part of it named otherwise: "đầu tháng",
# "thượng tuần" its first ten days; "trung tuần" its second ten.
WEEK_DAY = {"đầu": 7, "đầu tiên": 7, "thứ nhất": 7, "thứ 1": 7, "thứ hai": 14, "thứ 2": 14,
            "thứ ba": 21, "thứ 3": 21, "thứ tư": 28, "thứ 4": 28}
PART_DAY = {"nửa đầu": 15, "nửa tháng đầu": 15, "giữa": 15, "đầu": 10, "thượng tuần": 10,
            "trung tuần": 20}
