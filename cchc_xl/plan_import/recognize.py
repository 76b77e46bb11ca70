"""Finding the plan in a document's tables: header rows by meaning, area rows,
tasks, sub-tasks and products, whatever the layout.

Handled layouts: one table per appendix (a "Phụ lục số 01: ..." line before each)
or one table for all areas with area rows inside it ("I. CẢI CÁCH THỂ CHẾ",
"Nội dung 1: ...", "A. ...", merged across the row or after a numeral cell); a
header one or two rows deep, followed or not by a row of column numbers, repeated
at the top of each page; several products of a task as rows under merged (or
blank) TT, content and unit cells; sub-tasks "6.1", "6.2" or "a)", "b)" under a
heading row "6" that has no lead, product or deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..findings import Finding
from ..text import match_key, one_line
from ..vocab import WARNING
from .source import Block, SourceTable, TextLine

# Header texts by meaning, tried in order on the text's match key.
_HEADER_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("number", re.compile(r"^(?:s[ốô]\s*)?(?:s?tt|thứ tự|số thứ tự)$")),
    ("lead", re.compile(r"chủ\s*trì")),
    ("support", re.compile(r"phối\s*hợp")),
    ("funding", re.compile(r"kinh\s*phí")),
    ("note", re.compile(r"^ghi\s*chú")),
    ("deadline", re.compile(r"thời\s*gian|thời\s*hạn|tiến\s*độ")),
    ("product", re.compile(r"sản\s*phẩm|kết\s*quả")),
    ("content", re.compile(r"nội\s*dung|nhiệm\s*vụ|công\s*việc")),
    # "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"; alone it names the lead.
    ("agency", re.compile(r"^(?:cơ quan|đơn vị)(?:\s*(?:thực hiện|/\s*đơn vị))*$")),
]
_HEADER_MAX_LEN = 60
_QUOTES = "\"'“”‘’«»"
_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")
_ROMAN = re.compile(r"^[IVXL]+\s*[./:)]?$")
_LETTER_AREA = re.compile(r"^[A-Z]\s*[./:)]?$")
_AREA_TEXT = re.compile(
    r"^(?:phụ\s*lục\s*(?:số\s*)?[0-9IVXL]+|nội\s*dung\s*(?:số\s*)?\d+\s*[:.\-–]"
    r"|[IVXL]+\s*[./:)\-–]\s|[A-Z]\s*[./:)]\s|phần\s+[0-9IVXL]+\s*[:.\-–])",
    re.IGNORECASE)
_AREA_PREFIX = re.compile(
    r"^(?:phụ\s*lục\s*(?:số\s*)?[0-9IVXL]+|nội\s*dung\s*(?:số\s*)?\d+|phần\s+[0-9IVXL]+"
    r"|[IVXL]+|[A-Z])\s*[:.\-–)/]?\s*", re.IGNORECASE)
_AREA_FILLER = re.compile(r"^(?:các\s+)?(?:nhiệm\s+vụ|nội\s+dung)(?:\s+trọng\s+tâm)?\s+(?:về\s+)?",
                          re.IGNORECASE)
_YEAR_SUFFIX = re.compile(r"\s+năm\s+\d{4}\.?$", re.IGNORECASE)
# What a TT cell holds: "1", "12.", "6.1", "a)", "II"; not "Nơi nhận: ..." below the table.
_NUMBERISH = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zđ]|[IVXL]{1,5})\s*[.):]?$")
_SUB_NUMBER = re.compile(r"^(?P<parent>\d+)\.(?P<sub>\d+)\.?$")
_SUB_LETTER = re.compile(r"^(?P<sub>[a-zđ])\s*[).]$")
_ATTACHMENT = re.compile(r"^\(?\s*(?:ban\s+hành\s+)?kèm\s+theo", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:ủy|uỷ)\s+ban\s+nhân\s+dân|^ubnd\b|^sở\s|^hội\s+đồng", re.IGNORECASE)
_PLAN_TITLE = re.compile(r"^kế\s+hoạch\b", re.IGNORECASE)
_REFORM = re.compile(r"cải\s+cách\s+hành\s+chính|cchc", re.IGNORECASE)


@dataclass
class RawProduct:
    product: str
    deadline: str
    funding: str
    lead: str
    support: str
    place: str


@dataclass
class RawTask:
    number: str
    content: str
    note: str
    place: str
    products: list[RawProduct] = field(default_factory=list)
    subtasks: list[RawTask] = field(default_factory=list)
    is_heading: bool = False


@dataclass
class RawArea:
    heading: str
    place: str
    tasks: list[RawTask] = field(default_factory=list)

    @property
    def title(self) -> str:
        return area_title(self.heading)


@dataclass
class RawPlan:
    authority: str = ""
    title: str = ""
    attachment: str = ""
    appendix_title: str = ""
    areas: list[RawArea] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def area_title(heading: str) -> str:
    """"Phụ lục số 01: Các nhiệm vụ trọng tâm về Cải cách thể chế năm 2023" ->
    "Cải cách thể chế"; "I. CẢI CÁCH THỂ CHẾ" -> "Cải cách thể chế"."""
    lines = [x for x in heading.split("\n") if x.strip()]
    if len(lines) > 1 and not _AREA_PREFIX.sub("", lines[0]).strip():
        lines = lines[1:]  # "PHỤ LỤC SỐ 01" on a line of its own
    text = one_line(" ".join(lines))
    while _AREA_TEXT.match(text + " "):  # "I. Nội dung 1: ..." has two
        shorter = _AREA_PREFIX.sub("", text, count=1)
        if shorter == text:
            break
        text = shorter
    text = _AREA_FILLER.sub("", text)
    text = _YEAR_SUFFIX.sub("", text).strip(" .:;")
    if text and text == text.upper():
        text = text[0] + text[1:].lower()
    return text[:1].upper() + text[1:]


def header_field(text: str) -> str | None:
    if not text or len(text) > _HEADER_MAX_LEN:
        return None
    key = match_key(text.strip(_QUOTES))
    for name, pattern in _HEADER_RULES:
        if pattern.search(key):
            return name
    return None


def _header(table: SourceTable, r: int) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for c, cell in enumerate(table.rows[r]):
        if cell.origin[1] != c or not cell.text:
            continue
        name = header_field(cell.text)
        if name and name not in found:
            found[name] = c
    meaningful = {"lead", "deadline", "product", "agency"} & found.keys()
    if "content" in found and len(found) >= 3 and meaningful:
        return found
    return None


def _second_header_row(table: SourceTable, r: int) -> dict[str, int] | None:
    """Fields of row r when it is the lower half of a two-row header."""
    if r >= len(table.rows):
        return None
    found: dict[str, int] = {}
    for c, cell in enumerate(table.rows[r]):
        if not table.own(r, c) or not cell.text:
            continue
        name = header_field(cell.text)
        if name is None:
            return None
        found.setdefault(name, c)
    return found or None


def _is_column_numbers(texts: list[str]) -> bool:
    return len(texts) >= 3 and all(_COLUMN_NUMBER.match(t) for t in texts)


class _Recognizer:
    def __init__(self, file: str) -> None:
        self.file = file
        self.plan = RawPlan()
        self.columns: dict[str, int] | None = None
        self.width = 0  # of the table the current header row came from
        self.pending: tuple[str, str] | None = None
        self.area: RawArea | None = None
        self.task: RawTask | None = None

    # --- findings ---------------------------------------------------------------
    def find(self, severity: str, code: str, message: str, place: str) -> None:
        self.plan.findings.append(Finding(severity, code, message, file=self.file, place=place))

    # --- text outside the task rows ----------------------------------------------
    def line(self, text: str, place: str) -> None:
        first = one_line(text.split("\n")[0])
        plan = self.plan
        if _AREA_TEXT.match(one_line(text) + " "):
            self.pending = (text, place)
            self.task = None
        elif _ATTACHMENT.match(first):
            plan.attachment = plan.attachment or one_line(text)
        elif self.pending is not None and not area_title(self.pending[0]):
            # "PHỤ LỤC I" then, as its own paragraph, "CÁC NHIỆM VỤ ... THỂ CHẾ"
            self.pending = (f"{self.pending[0]}\n{text}", self.pending[1])
        elif _AUTHORITY.match(first) and not plan.authority:
            plan.authority = first
        elif _PLAN_TITLE.match(first) and not plan.title:
            plan.title = one_line(text)
        elif _REFORM.search(text) and not plan.appendix_title:
            plan.appendix_title = one_line(text)

    # --- tables ------------------------------------------------------------------
    def table(self, table: SourceTable) -> None:
        # A table shaped differently from the last task table (the signature block,
        # "Nơi nhận") continues nothing: it needs its own header row to hold tasks.
        width = len(table.rows[0]) if table.rows else 0
        if width != self.width:
            self.columns = None
        r = 0
        while r < len(table.rows):
            r = self.row(table, r)

    def row(self, table: SourceTable, r: int) -> int:
        """Handle row r; returns the next row to look at."""
        cells = table.rows[r]
        texts = [cell.text for c, cell in enumerate(cells)
                 if cell.text and table.own(r, c)]
        if not texts:
            return r + 1
        header = _header(table, r)
        if header is not None:
            return self.header(table, r, header)
        if self.columns is None:
            for text in dict.fromkeys(texts):
                self.line(text, table.place(r))
            return r + 1
        if _is_column_numbers(texts):
            return r + 1
        area_heading = self.area_row(table, r, texts)
        if area_heading is not None:
            self.pending = (area_heading, table.place(r))
            self.task = None
            return r + 1
        self.data_row(table, r)
        return r + 1

    def header(self, table: SourceTable, r: int, found: dict[str, int]) -> int:
        nxt = r + 1
        lower = _second_header_row(table, nxt)
        if lower and ("lead" in lower or "support" in lower):
            found = {**found, **lower}
            nxt += 1
        if "agency" in found:
            found.setdefault("lead", found["agency"])
            del found["agency"]
        self.columns = found
        self.width = len(table.rows[r])
        return nxt

    def value(self, table: SourceTable, r: int, name: str) -> tuple[str, bool]:
        """The text under column ``name`` on row r, and whether the cell starts on row r.

        A cell merged down from above carries its text; a cell covered by a
        neighbour's horizontal merge on the same row is empty.
        """
        c = self.columns.get(name) if self.columns else None
        if c is None or c >= len(table.rows[r]):
            return "", False
        cell = table.rows[r][c]
        if cell.origin[0] == r and cell.origin[1] != c:
            return "", True
        return cell.text, cell.origin[0] == r

    def area_row(self, table: SourceTable, r: int, texts: list[str]) -> str | None:
        cells = table.rows[r]
        origins = {cell.origin for cell in cells}
        if len(origins) == 1:
            return cells[0].text
        number, _ = self.value(table, r, "number")
        busy = any(self.value(table, r, f)[0] and self.value(table, r, f)[1]
                   for f in ("lead", "product", "deadline"))
        if busy:
            return None
        if number and (_ROMAN.match(number) or _LETTER_AREA.match(number)):
            rest = [t for t in dict.fromkeys(texts) if t != number]
            return f"{number.rstrip('./:)')}. {rest[0]}" if rest else number
        if len(set(texts)) == 1 and _AREA_TEXT.match(one_line(texts[0]) + " "):
            return texts[0]
        return None

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

    def data_row(self, table: SourceTable, r: int) -> None:
        place = table.place(r)
        number, number_here = self.value(table, r, "number")
        content, content_here = self.value(table, r, "content")
        values = {f: self.value(table, r, f) for f in
                  ("product", "deadline", "funding", "lead", "support", "note")}
        number = one_line(number)
        if number and number_here and not _NUMBERISH.match(number):
            for text in dict.fromkeys(cell.text for cell in table.rows[r] if cell.text):
                self.line(text, place)  # the signature block under a sheet's table
            return
        task = self.task
        same_task = task is not None and (
            (not number_here or not number or number == task.number)
            and (not content_here or not content or content == task.content))
        if not same_task:
            if not content and not number:
                self.find(WARNING, "import-row-skipped",
                          "dòng không có số thứ tự và nội dung, không thuộc nhiệm vụ nào: "
                          "đã bỏ qua; nếu là sản phẩm của nhiệm vụ trên, gộp ô với dòng trên",
                          place)
                return
            task = self.new_task(number, content, values["note"][0], place)
        self.add_product(task, values, place)

    def new_task(self, number: str, content: str, note: str, place: str) -> RawTask:
        area = self.current_area(place)
        task = RawTask(number=number, content=content, note=note, place=place)
        parent = self.parent_of(area, number)
        if parent is not None:
            if not parent.is_heading:
                parent.is_heading = True
                if any(p.product or p.deadline or p.lead for p in parent.products):
                    self.find(WARNING, "import-heading-with-data",
                              f"dòng {parent.number} có nhiệm vụ con nhưng cũng có sản phẩm, "
                              "đơn vị hoặc thời hạn: chỉ giữ làm tiêu đề nhóm; chuyển các ô "
                              "đó xuống nhiệm vụ con", parent.place)
                parent.products.clear()
            parent.subtasks.append(task)
        else:
            if _SUB_NUMBER.match(number) or _SUB_LETTER.match(number):
                self.find(WARNING, "import-subtask-orphan",
                          f"nhiệm vụ số {number} không có dòng nhiệm vụ mẹ ngay trên: "
                          "đã giữ là nhiệm vụ riêng", place)
            area.tasks.append(task)
        self.task = task
        return task

    @staticmethod
    def parent_of(area: RawArea, number: str) -> RawTask | None:
        if not area.tasks:
            return None
        last = area.tasks[-1]
        m = _SUB_NUMBER.match(number)
        if m:
            return last if last.number.rstrip(".") == m["parent"] else None
        if _SUB_LETTER.match(number):
            return last if last.is_heading or not last.products else None
        return None

    def add_product(self, task: RawTask, values: dict[str, tuple[str, bool]], place: str) -> None:
        product, deadline, funding = (values[f][0] for f in ("product", "deadline", "funding"))
        lead, support = values["lead"][0], values["support"][0]
        if task.products:
            lead = lead or task.products[-1].lead
            support = support or task.products[-1].support
        if not task.products and not (product or deadline or lead or support or funding):
            return  # a heading row, or a task whose cells come on the next rows
        if task.products and not (product or deadline) and not values["lead"][1]:
            return  # nothing new: merged cells running on
        task.products.append(RawProduct(product, deadline, funding, lead, support, place))


def recognize(blocks: list[Block], file: str) -> RawPlan:
    """The plan a document's lines and tables hold, with findings for what was unclear."""
    rec = _Recognizer(file)
    for block in blocks:
        if isinstance(block, TextLine):
            rec.line(block.text, block.place)
        else:
            rec.table(block)
    return rec.plan
