"""Finding the plan in a document's tables: area rows, tasks, sub-tasks and
products, whatever the layout (header rows: :mod:`.headers`; the plan's own lines:
:mod:`.preamble`), read into the plan as the document writes it (:mod:`.raw`).

Handled layouts: one table per appendix (a "Phụ lục số 01: ..." line before each)
or one table for all areas with area rows inside it ("I. CẢI CÁCH THỂ CHẾ",
"Nội dung 1: ...", "A. ...", merged across the row or after a numeral cell); a
header one or two rows deep, followed or not by a row of column numbers, repeated
at the top of each page; several products of a task as rows under merged (or
blank) TT, content and unit cells; sub-tasks "6.1", "6.2" or "a)", "b)" under a
heading row "6" that has no lead, product or deadline, or under a group row ("1. Xây
dựng văn bản" merged across, or "1" | "Xây dựng văn bản" merged over the other cells);
a third level under them (:mod:`.subtasks`).
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..master.areas import numbered_in_area
from ..roles import split_roles
from ..text import one_line
from ..unit_names import opens_unit_name
from ..vocab import NOTE, WARNING
from .area_titles import AREA_TEXT, arabic_numbered, area_title, is_arabic_area, names_an_area
from .areas import is_area_name, opens_like_area
from .headers import (
    Columns,
    column_title,
    header_row,
    near_header,
    read_header,
    scheduled,
)
from .other_tables import other_table, titled_otherwise
from .preamble import ATTACHMENT, Preamble
from .raw import RawArea, RawPlan, RawProduct, RawTask, has_amount
from .source import Block, SourceTable, TextLine
from .subtasks import SUB_LETTER, SUB_NUMBER, Nesting, named, parent_of

_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")
_ROMAN = re.compile(r"^[IVXL]+\s*[./:)]?$")
# An area's numeral written as a task's ("1", "2."), in its own TT cell.
_ARABIC_NUMBER = re.compile(r"^\d{1,2}\s*[./:)]?$")
# Lettered areas in the Vietnamese order: A, B, C, D, Đ, E, G...
_LETTER_AREA = re.compile(r"^[A-ZĐ]\s*[./:)]?$")
# What a TT cell holds: "1", "12.", "6.1", "a)", "II" (_NUMBERISH), or any short token
# tables number rows with ("01", "I.1", "1a", "-", "+", "(7)", "8*": _TT_LIKE); not
# "Nơi nhận: ..." below the table.
_NUMBERISH = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zđ]|[IVXL]{1,5})\s*[.):]?$")
_TT_LIKE = re.compile(r"^\S{1,8}$")
# "PHỤ LỤC II", "Phụ lục số 02", "PHỤ LỤC" alone: the line an appendix's heading opens with.
_APPENDIX_HEADING = re.compile(r"^phụ\s*lục(?:\s*(?:số\s*)?[0-9IVXL]+)?\s*[.:]?$", re.IGNORECASE)
# "Nội dung 1" in the TT cell, the area's title in the next one.
_AREA_NUMBER = re.compile(r"^(?:nội\s*dung|phần|phụ\s*lục)\s*(?:số\s*)?[0-9IVXL]+\s*[.:]?$",
                          re.IGNORECASE)
# The signature block under a table kept in a workbook: the table ends there.
_SIGNATURE = re.compile(r"^(?:nơi\s+nhận\s*:?|(?:tm|kt|q|tl|tuq)\s*\.\s*\S.*|t/m\s.*"
                        r"|(?:phó\s+)?chủ\s+tịch|giám\s+đốc|người\s+lập(?:\s+biểu)?"
                        r"|\(?\s*đã\s+ký\s*\)?)$", re.IGNORECASE)
# The totals row under a table ("Tổng cộng", "TỔNG", "Cộng:", "Tổng kinh phí"): no task.
_TOTAL = re.compile(r"^(?:tổng\s+cộng|tổng\s+số|tổng|cộng)(?:\s+kinh\s+phí)?\s*(?:[:(].*)?$",
                    re.IGNORECASE)
# A row of the plan's funding as a whole, no number, no unit, no deadline ("" | "Ngân
# sách phường bảo đảm" | … | "50 triệu đồng"; "Kinh phí thực hiện: ngân sách xã"): no task.
_BUDGET = re.compile(r"^(?:nguồn\s+)?(?:kinh\s+phí|ngân\s+sách)\b", re.IGNORECASE)
# A row across the table that notes something ("(Các đơn vị chủ động bố trí kinh phí…)",
# "Ghi chú: …", "* …"): no area heading.
_NOTE_TEXT = re.compile(r"^(?:[(*\[]|ghi\s+chú\b|lưu\s+ý\b)", re.IGNORECASE)
# A heading of tasks not named as a reform area ("Nhiệm vụ chung", "Các nhiệm vụ khác").
_TASKS_HEADING = re.compile(r"^(?:các\s+)?(?:nhiệm\s+vụ|nội\s+dung|lĩnh\s+vực)\b", re.IGNORECASE)
_HEADING_WORDS = 16
# A row merged across the table numbered as a task, in running text ("1. Xây dựng văn
# bản" under "I. CẢI CÁCH THỂ CHẾ"): a group of the tasks under it, up to the next.
_GROUP_ACROSS = re.compile(r"^(?P<number>\d{1,2})\s*[.)]\s+(?P<rest>\S.*?)\s*:?$")
# A sentence going on: a first word in lower case ("của UBND…", "theo Nghị định…"); not a
# sub-item "a) …", nor a name like "eMagazine", "iPAS".
_GOES_ON = re.compile(r"^[a-zđà-ỹ]+(?:\s|,|$)(?<![a-zđ]\))")
# A column naming who directs or follows the work ("Lãnh đạo UBND tỉnh phụ trách", "Đồng
# chí theo dõi"): nothing of the plan table, and no title to give it.
_OVERSEER = re.compile(r"lãnh\s+đạo|phụ\s+trách|theo\s+dõi|chỉ\s+đạo", re.IGNORECASE)
# Text lines after an area heading before its table: more, and it was a heading of
# the plan's body ("IV. TỔ CHỨC THỰC HIỆN"), not of the table.
_PENDING_LINES = 2
# A funding cell of a number alone ("1.500"), the money its column's title counts in.
_BARE_AMOUNT = re.compile(r"^\s*\d[\d.,\s]*$")


def _is_column_numbers(texts: list[str]) -> bool:
    return len(texts) >= 3 and all(_COLUMN_NUMBER.match(t) for t in texts)


def _ends_table(texts: list[str]) -> bool:
    """A row of the signature block ("Nơi nhận:", "KT. CHỦ TỊCH")."""
    return any(_SIGNATURE.match(one_line(t.split("\n")[0])) for t in texts)


def _opens_appendix(texts: list[str]) -> bool:
    """A row that is an appendix's heading line alone: "PHỤ LỤC II", "(Kèm theo …)"."""
    first = one_line(texts[0])
    return len(set(texts)) == 1 and bool(_APPENDIX_HEADING.match(first) or ATTACHMENT.match(first))


def _looks_like_task(texts: list[str]) -> bool:
    return len(texts) >= 3 and bool(_NUMBERISH.match(one_line(texts[0])))


def _is_heading_across(text: str) -> bool:
    """A row merged across the table is an area heading when it reads as one: numbered
    ("I. …", "Nội dung 1: …", "1. CẢI CÁCH …"), a reform area's name, or a title in
    capitals, of tasks ("Nhiệm vụ chung") or begun as an area's ("Cải cách …"); not a note
    in brackets nor a sentence."""
    line = one_line(text)
    if AREA_TEXT.match(line + " ") or is_arabic_area(line) or is_area_name(line):
        return True
    if not line or _NOTE_TEXT.match(line) or len(line.split()) > _HEADING_WORDS:
        return False
    if line == line.upper() and any(ch.isalpha() for ch in line):
        return True
    return (bool(_TASKS_HEADING.match(line)) or opens_like_area(line)) and line[-1] not in ".;:!?"


class _Recognizer:
    def __init__(self, file: str) -> None:
        self.file = file
        self.plan = RawPlan()
        self.preamble = Preamble()
        self.columns: Columns | None = None
        self.pending: tuple[str, str] | None = None
        self.pending_lines = 0
        self.area: RawArea | None = None
        self.task: RawTask | None = None
        self.task_rows = 0  # task rows read in the current table
        self.unread_warned: set[int] = set()
        self.nesting = Nesting()  # "1.1" while its "1.1.1" or "a)" come

    # --- findings ---------------------------------------------------------------
    def find(self, severity: str, code: str, message: str, place: str) -> None:
        self.plan.findings.append(Finding(severity, code, message, file=self.file, place=place))

    # --- text outside the task rows ----------------------------------------------
    def line(self, text: str, place: str) -> None:
        first = one_line(text.split("\n")[0])
        # "1. Cải cách thể chế", "3. Nhiệm vụ khác" over a table of the area's own: a
        # heading as "I. …" is ("1. Mục đích", "1. Sở Nội vụ" of the plan's body are not)
        rest = arabic_numbered(one_line(text))
        if AREA_TEXT.match(one_line(text) + " ") or (rest and _is_heading_across(rest)):
            self.pending = (text, place)
            self.pending_lines = 0
            self.task = None
        elif ATTACHMENT.match(first):
            self.preamble.line(text)
        elif self.pending is not None and not area_title(self.pending[0]):
            # "PHỤ LỤC I" then, as its own paragraph, "CÁC NHIỆM VỤ ... THỂ CHẾ"
            self.pending = (f"{self.pending[0]}\n{text}", self.pending[1])
        else:
            if self.pending is not None:
                self.pending_lines += 1
                if self.pending_lines > _PENDING_LINES:
                    self.pending = None
            self.preamble.line(text)

    # --- tables ------------------------------------------------------------------
    def table(self, table: SourceTable) -> None:
        # A table shaped differently from the last task table (the signature block,
        # "Nơi nhận") continues nothing: it needs its own header row to hold tasks. One
        # with extra empty columns at the right continues it (the table went on after
        # a page break).
        width = len(table.rows[0]) if table.rows else 0
        if self.columns is not None and width != self.columns.width and not (
                width > self.columns.width and not any(
                    table.rows[r][c].text and table.own(r, c)
                    for r in range(len(table.rows)) for c in range(self.columns.width, width))):
            self.columns = None
        if self.columns is not None and titled_otherwise(table):
            self.columns = None
        self.task_rows = 0
        self.unread_warned = set()
        unread_tasks: list[int] = []
        r = 0
        while r < len(table.rows):
            if self.columns is None:
                texts = [cell.text for c, cell in enumerate(table.rows[r])
                         if cell.text and table.own(r, c)]
                if _looks_like_task(texts):
                    unread_tasks.append(r)
            r = self.row(table, r)
        other = other_table(table, unread_tasks) if unread_tasks and not self.task_rows else None
        if other is not None:
            self.find(*other)
        elif unread_tasks and self.task_rows == 0:
            self.find(WARNING, "import-table-unread",
                      f"{table.label} có {len(unread_tasks)} dòng giống nhiệm vụ nhưng không có "
                      "dòng tiêu đề cột (TT, Nội dung, Sản phẩm, Cơ quan chủ trì, Thời hạn) và "
                      "không nối tiếp được bảng trên: chưa nhập; thêm dòng tiêu đề cho bảng này "
                      "rồi nhập lại", table.place(unread_tasks[0]))

    def row(self, table: SourceTable, r: int) -> int:
        """Handle row r; returns the next row to look at."""
        cells = table.rows[r]
        texts = [cell.text for c, cell in enumerate(cells)
                 if cell.text and table.own(r, c)]
        if not texts:
            return r + 1
        found = header_row(table, r, self.columns if self.task_rows else None)
        if found is not None:
            self.columns, nxt = read_header(table, r, found)
            self.unread_warned = set()
            return nxt
        if self.columns is not None and _ends_table(texts):
            self.columns = None  # the signature block: nothing below is a task
        if self.columns is not None and not self.task_rows and _opens_appendix(texts):
            # A table that opens with its own appendix's heading ("PHỤ LỤC II", its
            # title, "(Kèm theo …)": the next sheet of a workbook) goes on from nothing:
            # its lines are read as the heading, up to its own header row.
            self.columns = None
        if self.columns is None:
            near = near_header(table, r)
            if near is not None and (self.plan.closest is None
                                     or near.score > self.plan.closest.score):
                self.plan.closest = near
            for text in dict.fromkeys(texts):
                self.line(text, table.place(r))
            return r + 1
        if _is_column_numbers(texts):
            return r + 1
        if self.total_row(table, r) or self.group_row(table, r) or self.note_row(table, r):
            return r + 1
        area_heading = self.area_row(table, r, texts)
        if area_heading is not None:
            self.pending = (area_heading, table.place(r))
            self.pending_lines = 0
            self.task = None
            return r + 1
        self.data_row(table, r)
        return r + 1

    def value(self, table: SourceTable, r: int, name: str) -> tuple[str, bool]:
        """The text under column ``name`` on row r, and whether the cell starts on row r.

        A cell merged down from above carries its text; a cell covered by a
        neighbour's horizontal merge on the same row is empty.
        """
        c = self.columns.get(name) if self.columns else None
        if c is None:
            return "", False
        return self._cell(table, r, c)

    @staticmethod
    def _cell(table: SourceTable, r: int, c: int) -> tuple[str, bool]:
        if c >= len(table.rows[r]):
            return "", False
        cell = table.rows[r][c]
        if cell.origin[0] == r and cell.origin[1] != c:
            return "", True
        return cell.text, cell.origin[0] == r

    def funding(self, table: SourceTable, r: int) -> tuple[str, bool]:
        """The funding of row r; several funding columns ("Ngân sách tỉnh", "Nguồn
        khác") are joined with their titles."""
        if not self.columns or not self.columns.funding:
            text, here = self.value(table, r, "funding")
            return self._in_unit(text), here
        parts, here = [], False
        for c, label in self.columns.funding:
            text, starts = self._cell(table, r, c)
            here = here or starts
            if text:
                parts.append(f"{label}: {self._in_unit(text)}")
        return "; ".join(parts), here

    def _in_unit(self, text: str) -> str:
        """A bare amount with the money its column's title counts in ("1.500" under
        "Kinh phí (triệu đồng)": "1.500 triệu đồng")."""
        unit = self.columns.funding_unit if self.columns else ""
        return f"{text} {unit}" if unit and _BARE_AMOUNT.match(text) else text

    def total_row(self, table: SourceTable, r: int) -> bool:
        """A totals row ("" | "Tổng cộng" | … | "45"), or one of the plan's funding as a
        whole ("" | "Ngân sách xã bảo đảm" | … | "50 triệu đồng"): left out, its amount
        being the tasks' already or no task's; said in a note."""
        own = [(c, cell.text) for c, cell in enumerate(table.rows[r])
               if cell.text and table.own(r, c)]
        first, text = own[0]
        budget = _BUDGET.match(one_line(text)) and first == self.columns.get("content")
        if not (_TOTAL.match(one_line(text)) or budget):
            return False
        units = {self.columns.get(f) for f in ("lead", "support", "product", "deadline")}
        if any(k in units for k, _ in own[1:]):
            return False  # a task that begins with the word ("Cộng: …" and its units)
        amounts = [t for k, t in own[1:] if has_amount(t)]
        total = f" (kinh phí {one_line(amounts[0])})" if len(amounts) == 1 else ""
        if budget:
            self.find(NOTE, "import-budget-skipped",
                      f"dòng '{one_line(text)}'{total} ghi kinh phí chung của kế hoạch, không "
                      "phải nhiệm vụ: đã bỏ qua; kinh phí của một nhiệm vụ ghi ở cột Kinh phí "
                      "của nhiệm vụ đó", table.place(r))
        else:
            self.find(NOTE, "import-total-skipped",
                      f"dòng '{one_line(text)}'{total} là dòng tổng cộng, không phải nhiệm vụ: "
                      "đã bỏ qua, để kinh phí không bị tính hai lần", table.place(r))
        self.task = None
        return True

    def group_row(self, table: SourceTable, r: int) -> bool:
        """A row merged across the table, numbered, in running text, under an area
        ("1. Xây dựng văn bản" under "I. CẢI CÁCH THỂ CHẾ"): a group of the tasks below
        it, read as the heading row "1" whose sub-tasks they are (it was a note left
        out, its tasks each an orphan). A reform area's name stays an area's heading."""
        cells = table.rows[r]
        m = _GROUP_ACROSS.match(one_line(cells[0].text))
        if (len({cell.origin for cell in cells}) != 1 or not m
                or (self.area is None and self.pending is None)
                or _is_heading_across(cells[0].text) or is_area_name(m["rest"])
                or len(m["rest"].split()) > _HEADING_WORDS or m["rest"][-1] in ".;!?"):
            return False
        self.nesting.reset()
        self.task = RawTask(number=m["number"], content=m["rest"], note="",
                            place=table.place(r), is_heading=True, is_group=True)
        self.current_area(table.place(r)).tasks.append(self.task)
        return True

    def drop_empty_groups(self) -> None:
        """A group row with no task under it heads nothing: left out, as a note is."""
        for area in self.plan.areas:
            for group in [t for t in area.tasks if t.is_group and not t.subtasks]:
                area.tasks.remove(group)
                self.find(WARNING, "import-note-skipped",
                          f"dòng \"{group.number}. {group.content}\" gộp ngang cả bảng, không "
                          "có nhiệm vụ nào dưới nó: chưa được nhập; nếu là một nhiệm vụ, ghi sản "
                          "phẩm, cơ quan chủ trì, thời hạn vào các cột của dòng (bỏ gộp ô) rồi "
                          "nhập lại", group.place)

    def note_row(self, table: SourceTable, r: int) -> bool:
        """A row merged across the table that is no area heading: a note of the plan's
        ("(Các đơn vị chủ động bố trí kinh phí…)"). It neither starts an area nor is a
        task; its text is given in a warning, not to be lost."""
        cells = table.rows[r]
        if len({cell.origin for cell in cells}) != 1 or _is_heading_across(cells[0].text):
            return False
        self.find(WARNING, "import-note-skipped",
                  f"dòng ghi chú gộp ngang cả bảng \"{one_line(cells[0].text)}\" không phải tiêu "
                  "đề lĩnh vực hay nhiệm vụ: chưa được nhập; nếu cần giữ, chép vào cột Ghi chú "
                  "của nhiệm vụ liên quan trong bảng kế hoạch", table.place(r))
        return True

    def area_row(self, table: SourceTable, r: int, texts: list[str]) -> str | None:
        cells = table.rows[r]
        origins = {cell.origin for cell in cells}
        if len(origins) == 1:
            return cells[0].text
        number, _ = self.value(table, r, "number")
        rest = [t for t in dict.fromkeys(texts) if t != number]
        busy = any(self.value(table, r, f)[0] and self.value(table, r, f)[1]
                   for f in ("lead", "product", "deadline"))
        # A table whose lead (or product, deadline) column comes before its content
        # column holds an area's title in that column: "I" | "CẢI CÁCH THỂ CHẾ" | "" …
        titled_aside = (len(rest) == 1 and not self.value(table, r, "content")[0]
                        and _is_heading_across(rest[0]))
        if busy and not titled_aside:
            return None
        if number and (_ROMAN.match(number) or _LETTER_AREA.match(number)):
            return f"{number.rstrip('./:)')}. {rest[0]}" if rest else number
        if (number and _ARABIC_NUMBER.match(number) and len(rest) == 1
                and is_arabic_area(f"{number.rstrip('./:)')}. {one_line(rest[0])}")
                and not self.inside_named_area(rest[0])):
            # "1" | "CẢI CÁCH THỂ CHẾ": the area "1. CẢI CÁCH THỂ CHẾ" with its numeral
            # in the TT cell, read as when both share one cell merged across the table
            return f"{number.rstrip('./:)')}. {rest[0]}"
        if number and _AREA_NUMBER.match(one_line(number)):
            return f"{one_line(number).rstrip('.: ')}: {rest[0]}" if rest else number
        if len(set(texts)) == 1 and (AREA_TEXT.match(one_line(texts[0]) + " ")
                                     or is_arabic_area(one_line(texts[0]))):
            return texts[0]
        if not number and len(set(texts)) == 1 and is_area_name(texts[0]):
            return texts[0]  # "" | "CẢI CÁCH TỔ CHỨC BỘ MÁY": an area without its numeral
        return None

    def inside_named_area(self, text: str) -> bool:
        """True when ``text``, in running text beside a numeral written as a task's, is
        under an area whose heading names a reform area ("I. CẢI CÁCH TÀI CHÍNH CÔNG" over
        "4 | Xây dựng cơ sở dữ liệu cán bộ, công chức", its sub-tasks "4.1", "4.2" below):
        a task heading of that area, not an area of its own (it was, with its sub-tasks:
        a QA pass of plans made at random). Under a part of the plan ("I. NHIỆM VỤ TRỌNG
        TÂM"), "1 | Cải cách thể chế" is an area still."""
        heading = (self.pending[0] if self.pending is not None
                   else self.area.heading if self.area is not None else "")
        return text != text.upper() and names_an_area(heading)

    def current_area(self, place: str) -> RawArea:
        if self.pending is not None:
            heading, where = self.pending
            self.pending = None
            self.area = RawArea(heading=heading, place=where)
            self.plan.areas.append(self.area)
        elif self.area is None:
            self.area = RawArea(heading="Nhiệm vụ", place=place)
            self.plan.areas.append(self.area)
            self.find(WARNING, "import-no-area",
                      "nhiệm vụ đứng trước mọi tiêu đề lĩnh vực (\"Phụ lục số 01: ...\", "
                      "\"I. ...\"): đã xếp vào lĩnh vực \"Nhiệm vụ\"; đổi tên lĩnh vực trong "
                      "bảng kế hoạch", place)
        return self.area

    def warn_unread(self, table: SourceTable, r: int) -> None:
        """A column whose title nothing recognises holds text: say so, once a table."""
        for c, title in self.columns.unread.items():
            text, here = self._cell(table, r, c)
            if text and here and c not in self.unread_warned:
                self.unread_warned.add(c)
                hint = self.columns.hints.get(c)
                role = "chủ trì" if hint == column_title("lead") else "phối hợp"
                fix = (f"cột này có vẻ ghi đơn vị {role}: đổi tiêu đề cột thành '{hint}' rồi "
                       "nhập lại" if hint else
                       "cột ghi người chỉ đạo, theo dõi không cần cho bảng kế hoạch: bỏ qua "
                       "được; muốn giữ thì chép vào cột Ghi chú" if _OVERSEER.search(title) else
                       "đổi tiêu đề cột cho đúng rồi nhập lại")
                self.find(WARNING, "import-column-unread",
                          f"cột '{title}' không ứng với cột nào của bảng kế hoạch (TT, Nội "
                          "dung, Sản phẩm, Cơ quan chủ trì, Cơ quan phối hợp, Thời hạn, Kinh "
                          "phí, Ghi chú; mỗi loại một cột): chữ trong cột này chưa được nhập; "
                          f"{fix}, hoặc chép tay vào bảng kế hoạch",
                          table.place(r))

    def data_row(self, table: SourceTable, r: int) -> None:
        place = table.place(r)
        number, number_here = self.value(table, r, "number")
        content, content_here = self.value(table, r, "content")
        values = {f: self.value(table, r, f) for f in
                  ("product", "deadline", "lead", "support", "note")}
        if self.columns.schedule and not values["deadline"][0]:
            values["deadline"] = scheduled(table, r, self.columns)
        values["funding"] = self.funding(table, r)
        self.roles(values, place)
        number = one_line(number)
        if number and number_here and not (_NUMBERISH.match(number)
                                           or _TT_LIKE.match(number)):
            for text in dict.fromkeys(cell.text for cell in table.rows[r] if cell.text):
                self.line(text, place)  # text under a sheet's table
            return
        self.task_rows += 1
        self.preamble.tasks_read = True
        self.warn_unread(table, r)
        task = self.task
        same_task = task is not None and (
            (not number_here or not number or number == task.number)
            and (not content_here or not content or content == task.content))
        if (not same_task and task is not None and number_here and not number
                and content_here and _GOES_ON.match(content)
                and (not task.products or not any(text for text, _ in values.values()))):
            self.join_row(task, content, values, place)
            return
        if not same_task:
            if not content and not number:
                self.find(WARNING, "import-row-skipped",
                          "dòng không có số thứ tự và nội dung, không thuộc nhiệm vụ nào: "
                          "đã bỏ qua; nếu là sản phẩm của nhiệm vụ trên, gộp ô với dòng trên",
                          place)
                return
            task = self.new_task(number, content, values["note"][0], place)
            task.across = self.merged_across(table, r)
        self.add_product(task, values, place)

    def merged_across(self, table: SourceTable, r: int) -> bool:
        """Row r's content cell is merged over every column right of it ("1 | Xây dựng
        văn bản")."""
        c = self.columns.get("content") if self.columns else None
        row = table.rows[r]
        return c is not None and len(row) - c > 2 and all(
            row[k].origin == (r, c) for k in range(c, len(row)))

    def roles(self, values: dict[str, tuple[str, bool]], place: str) -> None:
        """Lead and coordinators written with their roles in words ("Chủ trì: A / Phối
        hợp: B", "A chủ trì; B phối hợp", "A (chủ trì), B"): each moved to its column."""
        (lead, lead_here), (support, support_here) = values["lead"], values["support"]
        if not (lead_here or support_here):
            return
        new_lead, new_support, readings = split_roles(lead, support)
        if (new_lead, new_support) == (lead, support):
            self.co_leads(lead if lead_here else "", place)
            return
        values["lead"] = (new_lead, lead_here or bool(new_lead))
        values["support"] = (new_support, support_here or bool(new_support))
        for text in readings:  # "A phối hợp B": read, not said
            self.find(NOTE, "import-roles-read",
                      f"'{one_line(text)}' được hiểu là đơn vị đầu chủ trì, đơn vị sau phối "
                      f"hợp: chủ trì '{one_line(new_lead)}', phối hợp '{one_line(new_support)}'"
                      "; nếu không đúng, sửa ở cột chủ trì, phối hợp của bảng kế hoạch", place)

    def co_leads(self, lead: str, place: str) -> None:
        """Several units in the table's one column of units ("Trách nhiệm thực hiện"),
        no word saying who leads: every one leads, as the master reads such a cell; a
        note says so and how to write a lead and its coordinators (it was said nowhere,
        and the plan may mean the first to lead)."""
        title = self.columns.sole_units if self.columns else ""
        names = _unit_names(lead)
        if not title or len(names) < 2:
            return
        self.find(NOTE, "import-leads-by-line",
                  f"cột '{title}' là cột đơn vị duy nhất của bảng, ô ghi {len(names)} đơn vị "
                  f"mà không ghi đơn vị nào chủ trì: đã giao cả {' và '.join(names)} cùng chủ "
                  f"trì; nếu {names[0]} chủ trì, các đơn vị kia phối hợp, ghi "
                  f"'{names[0]} chủ trì, phối hợp với …' (hoặc '{names[0]} (chủ trì); …') "
                  "trong ô rồi nhập lại, hoặc chuyển các đơn vị phối hợp sang cột Cơ quan phối "
                  "hợp của bảng kế hoạch", place)

    def join_row(self, task: RawTask, content: str, values: dict[str, tuple[str, bool]],
                 place: str) -> None:
        """A row without a number whose content goes on in lower case: the author pressed
        Enter into a new row in the middle of the task's sentence. Its text ends the
        task's content; its other cells, if any, are the task's (its first product's
        when the task had none)."""
        task.content = f"{task.content} {content}".strip()
        self.find(NOTE, "import-row-joined",
                  f"dòng không có số thứ tự, nội dung viết tiếp câu của dòng trên: đã ghép "
                  f"vào nội dung nhiệm vụ {task.number or '(không số)'} "
                  f"('… {one_line(content)[:60]}')", place)
        if any(text for text, _ in values.values()):
            self.add_product(task, values, place)

    def new_task(self, number: str, content: str, note: str, place: str) -> RawTask:
        area = self.current_area(place)
        task = RawTask(number=number, content=content, note=note, place=place)
        mid = self.nesting.mid_of(area, number)
        if mid is not None:
            # "1.1.1", or "a)" or "-", under "1.1" under "1": a master has one level of
            # sub-tasks, so it is a sub-task of "1" and says what "1.1" said.
            task.content = f"{mid.content} - {content}" if mid.content else content
            task.lead = task.lead or mid.lead
            task.support = task.support or mid.support
            area.tasks[-1].subtasks.append(task)
            self.find(NOTE, "import-subtask-nested",
                      f"nhiệm vụ {named(number, content)} là nhiệm vụ con của dòng "
                      f"{mid.number}: bảng kế hoạch chỉ có một cấp nhiệm vụ con, nên đã xếp "
                      f"dưới dòng {area.tasks[-1].number}, nội dung ghi kèm nội dung dòng "
                      f"{mid.number}", place)
            self.task = task
            return task
        self.nesting.reset()
        parent = parent_of(area, number)
        if parent is not None:
            if not parent.is_heading:
                parent.is_heading = True
                self.to_heading(parent)
            task.lead, task.support = parent.lead, parent.support
            parent.subtasks.append(task)
        else:
            if (SUB_NUMBER.match(number) or SUB_LETTER.match(number)) and not \
                    numbered_in_area(number, area.heading):
                self.find(WARNING, "import-subtask-orphan",
                          f"nhiệm vụ số {number} không có dòng nhiệm vụ mẹ ngay trên: "
                          "đã giữ là nhiệm vụ riêng", place)
            area.tasks.append(task)
        self.task = task
        return task

    def to_heading(self, parent: RawTask) -> None:
        """A row that turns out to head sub-tasks: units it names go to them; a
        product or deadline of its own has no place."""
        own = [p for p in parent.products if p.product or p.deadline or p.funding]
        if own:
            self.find(WARNING, "import-heading-with-data",
                      f"dòng {parent.number} có nhiệm vụ con nhưng cũng có sản phẩm hoặc thời "
                      "hạn: chỉ giữ làm tiêu đề nhóm; chuyển các ô đó xuống nhiệm vụ con",
                      parent.place)
        elif parent.products:
            parent.lead, parent.support = parent.products[0].lead, parent.products[0].support
        parent.products.clear()

    def add_product(self, task: RawTask, values: dict[str, tuple[str, bool]], place: str) -> None:
        product, deadline = values["product"][0], values["deadline"][0]
        # Funding and a note belong to the row they start on: an amount merged over
        # several product rows is counted once, on the first; a source without an amount
        # ("Kinh phí theo dự toán ngân sách") is every product's.
        funding, funding_here = values["funding"]
        if not funding_here and has_amount(funding):
            funding = ""
        note = values["note"][0] if values["note"][1] else ""
        lead, support = values["lead"][0], values["support"][0]
        if task.products:
            lead = lead or task.products[-1].lead
            support = support or task.products[-1].support
        else:
            lead, support = lead or task.lead, support or task.support
        if not task.products and not (product or deadline or values["lead"][0]
                                      or values["support"][0] or funding):
            return  # a heading row, or a task whose cells come on the next rows
        if task.products and not (product or deadline or note or values["funding"][0]) and any(
                values[name][1] and values[name][0] for name in ("lead", "support")):
            self.join_units(task.products[-1], values, place)
            return
        if task.products and not (product or deadline or note) and not values["lead"][1]:
            return  # nothing new: merged cells running on
        if task.products and note and not (product or deadline or funding) and not (
                (values["lead"][1] and values["lead"][0])
                or (values["support"][1] and values["support"][0])):
            # A row of a note alone ("Nhiệm vụ chuyển tiếp từ năm 2025"): the note of the
            # product above, not a product without a name assigned to its units (a QA
            # pass).
            last = task.products[-1]
            last.note = f"{last.note}; {note}" if last.note else note
            self.find(NOTE, "import-note-joined",
                      f"dòng chỉ có ghi chú ('{one_line(note)[:60]}'): đã ghi vào ghi chú của "
                      f"nhiệm vụ {task.number or '(không số)'} ở dòng trên; nếu là nhiệm vụ "
                      "riêng, ghi thêm nội dung, sản phẩm, thời hạn của dòng", place)
            return
        if not task.products:
            note = note or task.note
        task.products.append(RawProduct(product, deadline, funding, lead, support, place, note))

    def join_units(self, last: RawProduct, values: dict[str, tuple[str, bool]], place: str
                   ) -> None:
        """A row of units alone (no product, deadline, note nor amount) under a task's
        product: more of that product's units, not a product without a name or a
        deadline. A PDF prints so a product's row whose coordinators run over a page
        break, the page's first row holding the rest of them ("Sở Xây dựng", "Sở Nội vụ"
        under "Sở Dân tộc và Tôn giáo": they were a product of their own, a QA pass of
        plans made at random); a Word table, names put on a row of their own."""
        joined = []
        for name in ("lead", "support"):
            text, here = values[name]
            if here and text:
                before = getattr(last, name)
                setattr(last, name, f"{before}\n{text}" if before else text)
                joined += [one_line(line) for line in text.splitlines() if line.strip()]
        self.find(NOTE, "import-units-joined",
                  f"dòng chỉ có tên đơn vị ('{'; '.join(joined)[:80]}'): đã ghi vào đơn vị của "
                  "sản phẩm ở dòng trên; nếu là sản phẩm riêng, ghi thêm sản phẩm, thời hạn "
                  "của dòng", place)


def _unit_names(cell: str) -> list[str]:
    """The names of units a cell lists: one a line, or between ";", or after a comma when
    a capital opens a name ("Phòng Kinh tế, Phòng Văn hóa - Xã hội"; not "Phòng Kinh tế,
    Hạ tầng và Đô thị", nor "Các phòng chuyên môn, đơn vị trực thuộc")."""
    names: list[str] = []
    for piece in re.split(r"[\n;]", cell):
        for k, part in enumerate(piece.split(",")):
            part = part.strip(" -+•.")
            if k and names and not (part[:1].isupper() and opens_unit_name(part)):
                names[-1] = f"{names[-1]}, {part}"
            elif part:
                names.append(part)
    return [n for n in names if opens_unit_name(n) or n.lower().startswith("các ")]


def recognize(blocks: list[Block], file: str) -> RawPlan:
    """The plan a document's lines and tables hold, with findings for what was unclear."""
    rec = _Recognizer(file)
    for block in blocks:
        if isinstance(block, TextLine):
            rec.line(block.text, block.place)
        else:
            rec.table(block)
    rec.drop_empty_groups()
    pre, plan = rec.preamble, rec.plan
    plan.authority, plan.title, plan.number, plan.issued = (
        pre.authority, pre.title, pre.number, pre.issued)
    plan.attachment, plan.appendix_title = pre.attachment, pre.appendix_title
    plan.signer, plan.signer_title = pre.signer, pre.signer_title
    plan.return_to, plan.report_days = pre.return_to, pre.report_days
    return plan
