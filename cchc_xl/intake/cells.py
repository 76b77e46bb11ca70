"""Reading the input cells a unit typed: status, percent, evidence and completion date.

Each cell is read leniently (what people really type: "80 %", "da hoan thanh", a date
typed as text) into a clean value; what was not exactly right is said as (severity,
code, message) for :mod:`cchc_xl.intake.validate` to place on the row. The rules:
docs/validation.md.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date, datetime, time

from openpyxl.utils.datetime import WINDOWS_EPOCH

from ..deadlines import month_first
from ..periods import example_day
from ..styles import DATE_FORMAT
from ..text import clean, fold_ascii, one_line, without_invisible
from ..vocab import (
    DONE,
    ERROR,
    IN_PROGRESS,
    NOT_STARTED,
    NOTE,
    STATUSES,
    VERDICT_LABELS,
    WARNING,
)
from ..xlio import DMY_TEXT, YMD_TEXT, shown_value, to_date, vn_date
from . import Cell

# --- status -----------------------------------------------------------------------

# Shorthand people write instead of the three statuses, as folded keys.
_STATUS_SHORTHAND = {
    "hoan thanh": DONE, "da xong": DONE, "xong": DONE, "da ht": DONE,
    "hoan thanh 100%": DONE, "da hoan thanh 100%": DONE,
    "dang trien khai": IN_PROGRESS, "dang lam": IN_PROGRESS, "dang th": IN_PROGRESS,
    "dang tien hanh": IN_PROGRESS,
    "chua trien khai": NOT_STARTED, "chua lam": NOT_STARTED, "chua th": NOT_STARTED,
    "chua tien hanh": NOT_STARTED,
    # "Not (yet) able to": a task not started, as staff explain it.
    "chua thuc hien duoc": NOT_STARTED, "chua trien khai duoc": NOT_STARTED,
    "chua lam duoc": NOT_STARTED,
    # The long forms of reports' prose, and a coordinator's own word for its part.
    "dang trien khai thuc hien": IN_PROGRESS, "dang tien hanh thuc hien": IN_PROGRESS,
    "dang phoi hop": IN_PROGRESS, "dang phoi hop thuc hien": IN_PROGRESS,
    "chua trien khai thuc hien": NOT_STARTED, "chua tien hanh thuc hien": NOT_STARTED,
    # Finished ("xong"), not begun ("bắt đầu"), being finished or drafted: one status each.
    "da thuc hien xong": DONE, "thuc hien xong": DONE, "da hoan thanh xong": DONE,
    "hoan thanh xong": DONE, "da lam xong": DONE, "lam xong": DONE,
    "da trien khai xong": DONE, "trien khai xong": DONE,
    "chua bat dau": NOT_STARTED, "chua bat dau thuc hien": NOT_STARTED,
    "dang hoan thien": IN_PROGRESS, "dang xay dung": IN_PROGRESS,
}

# Words that say no one status, with those they may mean, as folded keys: never read
# as either (a task counted done that is not), the unit asked which, in these words.
# "Đã thực hiện": done, or carried out so far; "Chưa": not started, or not finished;
# "Đạt", "Chưa đạt": the office's verdicts (vocab.VERDICT_LABELS), not a status.
_STATUS_OPEN: dict[str, tuple[str, ...]] = {
    "da thuc hien": (DONE, IN_PROGRESS), "da trien khai": (DONE, IN_PROGRESS),
    "da trien khai thuc hien": (DONE, IN_PROGRESS), "da tien hanh": (DONE, IN_PROGRESS),
    "da lam": (DONE, IN_PROGRESS), "da phoi hop": (DONE, IN_PROGRESS),
    "da phoi hop thuc hien": (DONE, IN_PROGRESS), "dat": (DONE,),
    "chua": (NOT_STARTED, IN_PROGRESS), "chua hoan thanh": (NOT_STARTED, IN_PROGRESS),
    "chua xong": (NOT_STARTED, IN_PROGRESS), "chua dat": (NOT_STARTED, IN_PROGRESS),
}


def _fold_key(text: str) -> str:
    """A status as compared: no marks, case or extra spaces, nor a full stop or other
    punctuation typed after it ("Đã hoàn thành.")."""
    return " ".join(fold_ascii(text).casefold().split()).rstrip(" .,;:!")


_STATUS_KEYS = {_fold_key(s): s for s in STATUSES} | _STATUS_SHORTHAND
_VERDICT_KEYS = frozenset(_fold_key(v) for v in VERDICT_LABELS.values())
# A status with its percentage typed after it, as folded: "hoan thanh 80%", "dang thuc
# hien (60 %)", "dang thuc hien - 50".
_STATUS_AND_PERCENT = re.compile(r"^(?P<status>\D+?)\s*[-–:,(]?\s*(?P<percent>\d{1,3}(?:[.,]\d+)?)"
                                 r"\s*%?\s*\)?$")


# A status with its timeliness typed after it, as folded: "hoan thanh dung han", "da hoan
# thanh (qua han)", "chua thuc hien - chua den han". Timeliness is derived from the date
# and the deadline (docs/counting.md), never read from the status.
_STATUS_AND_TIMELINESS = re.compile(
    r"^(?P<status>.+?)\s*[-–:,(]?\s*(?:dung han|qua han|tre han|cham tien do|dung tien do"
    r"|trong han|chua den han|cham)\s*\)?$")


def read_status(text: str) -> tuple[str | None, bool]:
    """(status, normalized?) for a status text; (None, False) when not recognised.

    Tolerates case, spacing, NFD text, missing diacritics, common shorthand
    ("Hoàn thành") and a timeliness typed after it ("Hoàn thành đúng hạn"); the flag
    says the text was not exactly one of the three.
    """
    if text in STATUSES:
        return text, False
    key = _fold_key(text)
    status = _STATUS_KEYS.get(key)
    if status is None and (m := _STATUS_AND_TIMELINESS.match(key)):
        status = _STATUS_KEYS.get(_fold_key(m.group("status")))
    return status, status is not None


def _status_meanings(text: str) -> tuple[tuple[str, ...], bool]:
    """The statuses a word that says none of them may mean ("Đã thực hiện": done, or in
    progress), with a timeliness or a percentage typed after it, and whether the word is
    the office's verdict ("Đạt"); ((), False) for any other text. For the unit to be
    asked which, never to be read as one."""
    key = _fold_key(text)
    for m in (_STATUS_AND_TIMELINESS.match(key), _STATUS_AND_PERCENT.match(key)):
        if key not in _STATUS_OPEN and m is not None:
            key = _fold_key(m.group("status"))
    return _STATUS_OPEN.get(key, ()), key in _VERDICT_KEYS


# What a unit that meant each status does, where it wrote a word that may mean several.
_MEANT = {
    DONE: f"việc đã xong thì chọn '{DONE}' và ghi ngày hoàn thành",
    IN_PROGRESS: f"đã làm nhưng chưa xong thì chọn '{IN_PROGRESS}' và ghi tỷ lệ",
    NOT_STARTED: f"chưa triển khai thì chọn '{NOT_STARTED}'",
}
# ... and on recurring or event work, reported as carried out in the period (the guide).
_MEANT_UNDATED = (f"với việc thường xuyên, định kỳ hoặc theo sự kiện như nhiệm vụ này, đã làm "
                  f"trong kỳ thì chọn '{IN_PROGRESS}' và ghi tài liệu kiểm chứng; trong kỳ chưa "
                  f"làm thì chọn '{NOT_STARTED}'")


def status_refused(text: str, shown: str, dated: bool = True) -> str:
    """Why a status is refused and what to choose: for a word that may mean several
    statuses ("Đã thực hiện", "Chưa") or is the office's verdict ("Đạt"), which of them
    for what, then the three accepted (a QA pass: "'Chưa' không hợp lệ" left the unit
    to guess whether it was asked 'Chưa thực hiện' or 'Đang thực hiện'). Never read as
    one of them: a task counted done that is not."""
    listed = ", ".join(f"'{s}'" for s in STATUSES)
    meanings, verdict = _status_meanings(text)
    if not meanings:
        return f"trạng thái '{shown}' không hợp lệ: chọn một trong {listed}"
    why = ("là từ cơ quan tổng hợp dùng để đánh giá, không phải trạng thái đơn vị báo cáo"
           if verdict else "chưa rõ là " + " hay ".join(f"'{s}'" for s in meanings))
    meant = "; ".join(_MEANT[s] for s in meanings) if dated else _MEANT_UNDATED
    return (f"trạng thái '{shown}' {why}: {meant}; ô trạng thái chỉ nhận một trong {listed} "
            "(chọn trong danh sách thả xuống)")


def timeliness_typed(text: str) -> bool:
    """Whether a status text read by :func:`read_status` had a timeliness after it."""
    key = _fold_key(text)
    return key not in _STATUS_KEYS and _STATUS_AND_TIMELINESS.match(key) is not None


def read_status_and_percent(text: str) -> tuple[str, float] | None:
    """(status, percentage) of a status cell holding both ("Hoàn thành 80%", "Đang thực
    hiện (60%)"); None for any other text. What the percentage says of the status is
    the caller's to judge."""
    m = _STATUS_AND_PERCENT.match(_fold_key(text))
    if m is None:
        return None
    status = _STATUS_KEYS.get(_fold_key(m.group("status")))
    percent = float(m.group("percent").replace(",", "."))
    return (status, percent) if status is not None and percent <= 100 else None


def _typed(value: object) -> str:
    """A percentage or a date typed as text, as read: clean, and without the characters
    that show nothing (a soft hyphen, a zero-width space or byte-order mark pasted with
    it from the web or a chat), as a status is read: "'15/11/2026' không phải ngày" was
    said of a date that showed as one."""
    return without_invisible(clean(value))


# --- percent ----------------------------------------------------------------------

# A full stop typed after it is no decimal ("80%.", "80.": a sentence's end, as a status
# may have one). The sign may be written in words: "70 phần trăm".
_PERCENT_SIGN = r"(?:%|ph[aầ]n\s*tr[aă]m)"
_PERCENT_TEXT = re.compile(rf"^\s*(\d{{1,3}}(?:[.,]\d+)?)\s*(?P<sign>{_PERCENT_SIGN})?\s*\.?\s*$",
                           re.IGNORECASE)


# What a number format shows as is, not as an operator: quoted text, an escaped
# character, a [colour] or [condition].
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def percent_format(number_format: str | None) -> bool:
    """Whether Excel shows a number in this format multiplied by 100: a "%" in it that is
    not quoted text or escaped ("0%", "0.0%;[Red]-0%"; not '0"%"' or "0\\%", which
    show 70 as "70%")."""
    if not number_format or "%" not in number_format:  # "General", "0": no "%" at all
        return False
    return "%" in _FORMAT_LITERALS.sub("", number_format)


def read_percent(value: object, number_format: str = "General") -> float | None:
    """A percentage 0-100 from 80, "80", "80%", "80 %", "80,5" or 0.8 in a %-formatted cell.

    Returns None when the value is not a number at all (range is checked apart).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value) * (100 if percent_format(number_format) else 1)
        return round(number, 4) if math.isfinite(number) else None
    m = _PERCENT_TEXT.match(_typed(value))
    if not m:
        return None
    return float(m.group(1).replace(",", "."))


# A number in a percentage typed with words around it ("khoảng 70", "70,5 % (ước)").
_NUMBER_IN_TEXT = re.compile(r"\d+(?:[.,]\d+)?")


def percent_in_text(value: object) -> float | None:
    """The percentage a text :func:`read_percent` refuses holds, when it holds exactly one
    number, from 0 to 100 ("khoảng 70", "70,5 % (ước)"): the unit's own figure, for the
    message's example (a QA pass: "'khoảng 70' không phải số ..., ví dụ 80" read as if
    the unit were asked to type 80). None for a text with no such number or several
    ("từ 60 đến 70"), and for a value that is not text."""
    if not isinstance(value, str):
        return None
    numbers = _NUMBER_IN_TEXT.findall(_typed(value))
    if len(numbers) != 1:
        return None
    number = float(numbers[0].replace(",", "."))
    return number if 0 <= number <= 100 else None


def percent_sign_typed(text: str) -> bool:
    """Whether a percentage typed as text says it is one: "80%", "80 phần trăm"."""
    m = _PERCENT_TEXT.match(_typed(text))
    return m is not None and m.group("sign") is not None


# --- evidence ---------------------------------------------------------------------

# Number and symbol of a document (Nghị định 30/2020): "125/KH-UBND", "108/2014/NĐ-CP",
# "12/UBND-VX", "3740/QĐ-UBND", "45/BC-UBND"; Party documents "22-KH/TU".
_SYMBOL_PART = r"[A-ZĐ][A-Za-zĐđ]*"
_DOC_NUMBER = re.compile(
    rf"(?<![\w/-])\d{{1,5}}[a-z]?(?:/\d{{4}})?/{_SYMBOL_PART}(?:[-–]{_SYMBOL_PART})*(?![\w/])"
    rf"|(?<![\w/-])\d{{1,5}}-{_SYMBOL_PART}/{_SYMBOL_PART}(?:[-–]{_SYMBOL_PART})*(?![\w/])"
)
_LINK = re.compile(r"https?://\S+|www\.\S+\.\S+", re.IGNORECASE)
_FILE_NAME = re.compile(r"\S+\.(?:pdf|docx?|xlsx?|odt|ods|jpe?g|png|zip|rar)\b", re.IGNORECASE)
_EVIDENCE_DATE = re.compile(
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
    r"|ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Evidence:
    """What an evidence text cites: document numbers, links, file names, dates."""

    documents: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()

    @property
    def cites_something(self) -> bool:
        return bool(self.documents or self.links or self.files)


_NO_EVIDENCE = Evidence()


def read_evidence(text: str) -> Evidence:
    """Document references (number/symbol, docs/validation.md), links, file names and the
    dates written with them (dd/mm/yyyy or "ngày 05 tháng 01 năm 2023")."""
    if not text:  # no evidence written: nothing cited
        return _NO_EVIDENCE
    # Each pattern run only on a text that may hold it: the words of a row are read in
    # every file a merge reads (a link has "://" or "www.", a file's name a ".").
    if "://" in text or "www." in text.lower():
        links = tuple(_LINK.findall(text))
        rest = _LINK.sub(" ", text)
    else:
        links, rest = (), text
    dates = []
    for m in _EVIDENCE_DATE.finditer(rest):
        d, mo, y = (int(x) for x in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
        try:
            dates.append(date(y, mo, d))
        except ValueError:
            continue
    return Evidence(documents=tuple(_DOC_NUMBER.findall(rest)), links=links,
                    files=tuple(_FILE_NAME.findall(rest)) if "." in rest else (),
                    dates=tuple(dates))


# --- completion date --------------------------------------------------------------

# Punctuation that ends a sentence, typed after a date.
_SENTENCE_END = re.compile(r"\s*[.,;]+\s*$")


def _swapped(day: date) -> date | None:
    """The other reading of a date whose day could be a month (05/07 vs 07/05)."""
    if day.day > 12 or day.day == day.month:
        return None
    try:
        return date(day.year, day.day, day.month)
    except ValueError:
        return None


def _no_such_day(text: str) -> tuple[str, str]:
    """Why text written as a day/month/year is no day ("tháng 9 chỉ có 30 ngày") and what
    to write, or ("", "") when it is not written so: the usual hint, to write
    day/month/year, is what the unit did. A month past 12 whose day could be one was
    written month first ("12/13/2026"): the day meant is asked, as check asks of the
    plan's deadlines (master/areas.py)."""
    m = DMY_TEXT.match(text)
    if not m:
        return "", ""
    d, mo, y = (int(x) for x in m.groups())
    fix = "ghi lại đúng ngày hoàn thành (ngày/tháng/năm)"
    if not 1 <= mo <= 12:
        if (meant := month_first(d, mo, y)) is None:
            return f"không có tháng {mo}", fix
        return (f"không có tháng {mo}", "ghi lại theo thứ tự ngày/tháng/năm (có phải "
                f"'{vn_date(meant)}'?)")
    if d < 1:
        return "không có ngày 0", fix
    if not MINYEAR <= y <= MAXYEAR:  # year 0000: the usual hint
        return "", ""
    last = calendar.monthrange(y, mo)[1]
    return (f"tháng {mo} năm {y} chỉ có {last} ngày", fix) if d > last else ("", "")


@dataclass
class DateReading:
    value: date | None
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # severity, code, msg


# A completion date after the cut-off, right as typed: what the unit writes instead.
DONE_LATER = ("việc xong sau ngày chốt số liệu thì kỳ này chọn 'Đang thực hiện', ghi tỷ lệ "
              "đã đạt đến ngày chốt, để trống ngày hoàn thành, rồi báo cáo hoàn thành ở kỳ sau")


def read_completion_date(cell: Cell, *, first_day: date, cutoff: date,
                         evidence_dates: Iterable[date] = (),
                         epoch: datetime = WINDOWS_EPOCH) -> DateReading:
    """A completion date from a real date, an Excel serial (counted from ``epoch``, the
    workbook's day 0) or text dd/mm/yyyy.

    A date whose day is 12 or less may have had day and month swapped by a machine
    with an English locale (docs/validation.md): the other reading is taken instead only
    when the evidence's date or the period says so, and either way it is reported.
    """
    out = DateReading(None)
    value = cell.value
    if cell.blank:
        return out
    if cell.formula:
        out.problems.append((ERROR, "formula-in-cell",
                             f"ô ngày hoàn thành chứa công thức '{value}': gõ ngày, không dùng "
                             "công thức"))
        return out
    typed_as_text = isinstance(value, str)
    # What is read of text: without the full stop or comma typed after it, as after a
    # status or a percentage ("10/6/2026.", "ngày 5 tháng 3 năm 2026."); the messages
    # quote the cell as typed.
    text = _SENTENCE_END.sub("", _typed(value)) if typed_as_text else ""
    iso = typed_as_text and bool(YMD_TEXT.match(text))  # year first: one reading
    day = to_date(text.strip() if typed_as_text else value, epoch=epoch)
    worded = False  # "5 tháng 3 năm 2026": its day and month cannot be swapped
    if day is None and typed_as_text:
        day, worded = _written_date(text)
    if day is None and typed_as_text:
        why, fix = _no_such_day(text)
        if why:
            out.problems.append((ERROR, "date-invalid",
                                 f"'{one_line(value)}' không có thật: {why}; {fix}"))
            return out
    if day is None and typed_as_text and (partly := _part_of_a_date(text, first_day, cutoff)):
        out.problems.append((ERROR, "date-invalid", f"'{one_line(value)}' {partly}"))
        return out
    if day is None:
        out.problems.append((ERROR, "date-invalid",
                             f"'{shown_value(value)}' không phải ngày: ghi dạng ngày/tháng/năm, "
                             f"ví dụ {vn_date(example_day(first_day, cutoff))}" + (
                                 " (ô đang chứa giờ, không có ngày: thường do gõ số 0 hoặc "
                                 "giờ vào ô ngày)" if isinstance(value, time) else "")))
        return out
    if isinstance(value, int | float) and not isinstance(value, bool):
        out.problems.append((NOTE, "date-serial",
                             f"số {value} được hiểu là ngày {vn_date(day)} (số ngày kiểu Excel); "
                             "nên định dạng ô là ngày"))
    evidence = set(evidence_dates)
    # Year first (ISO, "2023-08-01") has one reading: no locale swaps it.
    other = None if iso or worded else _swapped(day)
    if other is not None:
        in_range = first_day <= day <= cutoff
        other_in_range = first_day <= other <= cutoff
        if other in evidence and day not in evidence or other_in_range and not in_range:
            why = ("trùng ngày của tài liệu kiểm chứng" if other in evidence
                   else "nằm trong kỳ báo cáo")
            out.problems.append((WARNING, "date-swapped",
                                 f"ngày '{_shown(value, day)}' có thể bị đảo ngày và tháng (máy "
                                 f"đặt kiểu ngày tiếng Anh); đã hiểu là {vn_date(other)} vì {why}:"
                                 " kiểm tra lại; gõ lại ô dạng năm-tháng-ngày, ví dụ "
                                 f"{other.isoformat()} (máy nào cũng hiểu đúng"
                                 # What the cell then shows, when its format is the unit
                                 # file's, as vn_date writes a day (a text cell keeps the
                                 # text; a General one, or Excel's short date, the
                                 # machine's own way of dates).
                                 + (f", ô hiện {vn_date(other)}" if (
                                     cell.number_format or "").replace("\\", "").lower()
                                    == DATE_FORMAT else "")
                                 + ")"))
            day = other
        elif typed_as_text and in_range:
            # Outside the period neither reading was confirmed by it: the period's error
            # below names the day as read; a note "checked against the period" beside
            # it contradicted it (a QA pass: "05/03/2027" in a 2026 Q1 file).
            out.problems.append((NOTE, "date-ambiguous",
                                 f"ngày gõ dạng chữ '{one_line(value)}' được hiểu là ngày "
                                 f"{day.day} tháng {day.month} năm {day.year} (ngày/tháng/năm), "
                                 "đã đối chiếu với kỳ báo cáo" + (
                                     " và ngày ghi trong tài liệu kiểm chứng" if evidence
                                     else "")))
    elif typed_as_text:
        form = " (năm-tháng-ngày)" if iso else ""
        out.problems.append((NOTE, "date-text",
                             f"ngày gõ dạng chữ '{one_line(value)}'{form} được hiểu là "
                             f"{vn_date(day)}; nên nhập ô ở dạng ngày"))
    if day > cutoff:
        # What to do in this file: "hoặc báo cáo ở kỳ sau" alone left a commune's clerk,
        # her work done on the 15th of a period cut on the 14th, with nothing to change
        # here (a QA pass); the row is counted in progress at the cut-off either way. A day
        # in a later year that one year would put in the period: that year is asked.
        meant = _year_meant(day, first_day, cutoff)
        fix = (f"kiểm tra lại năm (có phải '{vn_date(meant)}'?)" if meant
               else f"kiểm tra lại ngày; {DONE_LATER}")
        out.problems.append((ERROR, "date-after-cutoff",
                             f"ngày hoàn thành {vn_date(day)} sau ngày chốt số liệu "
                             f"{vn_date(cutoff)} của kỳ: {fix}"))
    elif day < first_day:
        since = (f"đầu năm {first_day.year}" if (first_day.day, first_day.month) == (1, 1)
                 else "ngày sớm nhất kế hoạch tính số liệu")
        out.problems.append((ERROR, "date-before-plan-year",
                             f"ngày hoàn thành {vn_date(day)} sớm hơn ngày {vn_date(first_day)} "
                             f"({since}): kiểm tra lại năm"))
    out.value = day
    return out


def _year_meant(day: date, first_day: date, cutoff: date) -> date | None:
    """The day in the one year that puts it in the period, for a day in a year after
    the cut-off's: a year mistyped, or given by Excel, which completes "15/3" with the
    current year (the annual report filled in the January after). "Báo cáo ở kỳ sau"
    told of 15/03/2026 in a 2023 plan's 9-month file sent the unit to a period no
    later report of the plan is (a QA pass as a commune's officer). None: no year, or
    more than one, does."""
    if day.year <= cutoff.year:
        return None
    within = [date(y, day.month, day.day) for y in range(first_day.year, cutoff.year + 1)
              if day.day <= calendar.monthrange(y, day.month)[1]
              and first_day <= date(y, day.month, day.day) <= cutoff]
    return within[0] if len(within) == 1 else None


# Dates as people write them in words or short: "ngày 05/3/2026", "5 tháng 3 năm 2026",
# "10/3/26", "05-03-26" (a year of two digits: this century's).
_DAY_WORD = re.compile(r"^\s*ngày\s+", re.IGNORECASE)
_IN_WORDS = re.compile(r"^\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*)?năm\s+"
                       r"(\d{4})\s*$", re.IGNORECASE)
_SHORT_YEAR = re.compile(r"^\s*(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2})\s*$")


def _written_date(text: str) -> tuple[date | None, bool]:
    """A date ``to_date`` does not read, written as people do (above); and whether it
    was in words (its day and month named, so never swapped)."""
    text = unicodedata.normalize("NFC", text)
    if (m := _IN_WORDS.match(text)) is not None:
        d, mo, y, worded = int(m[1]), int(m[2]), int(m[3]), True
    elif (m := _SHORT_YEAR.match(_DAY_WORD.sub("", text))) is not None:
        d, mo, y, worded = int(m[1]), int(m[3]), 2000 + int(m[4]), False
    else:
        return to_date(_DAY_WORD.sub("", text)), False
    try:
        return date(y, mo, d), worded
    except ValueError:
        return None, False


# A day and month without the year ("15/3", "ngày 15 tháng 3"); a month and year without
# the day ("T3/2023", "tháng 3/2023", "Tháng 3 năm 2023", "03/2023").
_NO_YEAR = re.compile(r"^(?:ngày\s*)?(\d{1,2})\s*(?:[/.\-]|\s+tháng\s+)\s*(\d{1,2})$")
_NO_DAY = re.compile(r"^(?:(?:tháng|th|t)\s*\.?\s*)?(\d{1,2})\s*(?:[/.\-]|\s+năm\s+|\s+)\s*"
                     r"(\d{4})$")


def _part_of_a_date(text: str, first_day: date, cutoff: date) -> str:
    """What is missing from a date written without its year or its day, and what to
    write; "" for any other text. Neither is guessed (the year could be either of a
    period spanning two, the day any of the month): the unit is asked, with the day it
    probably meant when only one year puts it in the period."""
    text = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    if (m := _NO_YEAR.match(text)) is not None:
        d, mo = int(m[1]), int(m[2])
        years = [y for y in range(first_day.year, cutoff.year + 1)
                 if 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]]
        if not years:
            return ""
        within = [y for y in years if first_day <= date(y, mo, d) <= cutoff]
        meant = (f" (có phải '{vn_date(date(within[0], mo, d))}'?)" if len(within) == 1
                 else "")
        # No year puts it in the period: said now, or the unit adds the year and is
        # told next time that the day is past the cut-off (a QA pass: "15/3" in a
        # Q1 file whose data end on 14/03).
        outside = ("" if within else
                   f"; ngày {d:02d}/{mo:02d} nằm ngoài kỳ báo cáo (số liệu từ "
                   f"{vn_date(first_day)} đến {vn_date(cutoff)}): kiểm tra lại ngày, việc "
                   "xong sau ngày chốt số liệu thì báo cáo ở kỳ sau")
        return f"thiếu năm: ghi đủ ngày/tháng/năm{meant}{outside}"
    if (m := _NO_DAY.match(text)) is not None and 1 <= int(m[1]) <= 12:
        month = f"{int(m[1]):02d}/{m[2]}"
        return (f"chỉ có tháng và năm, chưa có ngày: ghi ngày hoàn thành cụ thể, dạng "
                f"ngày/tháng/năm (…/{month})")
    return ""


def _shown(value: object, day: date) -> str:
    return one_line(value) if isinstance(value, str) else vn_date(day)
