"""The header rows of a plan's task tables: which column holds what, by the meaning
of its title.

A header is one row ("TT | Nội dung | Sản phẩm | Cơ quan chủ trì | ...") or two,
the upper row grouping the lower ("Cơ quan thực hiện" over "Chủ trì | Phối hợp",
"Thời gian thực hiện" over "Bắt đầu | Hoàn thành", "Kinh phí" over "Ngân sách
tỉnh | Nguồn khác"). A task row may read like a header ("Thực hiện nhiệm vụ pháp
chế | Báo cáo kết quả | ... | Theo thời gian quy định"): a row is a header only when
nearly all its cells are column titles and none is a task number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..master.layout import AREA_COLUMNS
from ..text import match_key, one_line
from .source import SourceTable

# Header texts by meaning, tried in order on the text's match key.
_HEADER_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("number", re.compile(r"^(?:s[ốô]\s*)?(?:s?tt|thứ tự|số thứ tự)$")),
    # "Bộ phận tham mưu", "Cơ quan tham mưu": in a commune's plan the office that
    # advises (drafts, prepares) is the one that leads the task.
    ("lead", re.compile(r"chủ\s*trì|^(?:(?:bộ phận|cơ quan|đơn vị|phòng|công chức)"
                        r"(?:\s*[,/]?\s*(?:bộ phận|cơ quan|đơn vị))*\s+)?(?:chuyên môn\s+)?"
                        r"tham\s*mưu(?:\s+(?:thực hiện|giúp việc))?$")),
    ("support", re.compile(r"phối\s*hợp")),
    ("funding", re.compile(r"kinh\s*phí|ngân\s*sách|nguồn\s*vốn")),
    ("note", re.compile(r"^ghi\s*chú")),
    ("deadline", re.compile(r"thời\s*gian|thời\s*hạn|tiến\s*độ|thời\s*điểm|\bhạn\s+hoàn\s+thành"
                            r"|mốc\s+thời|lộ\s*trình")),
    # "Hình thức văn bản": plans listing the documents to issue name the product so.
    ("product", re.compile(r"sản\s*phẩm|kết\s*quả|^hình\s*thức(?:\s+(?:văn\s*bản|thể\s*hiện))?"
                           r"(?:\s+ban\s*hành)?$")),
    # "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"; alone it names the lead, as
    # "Đơn vị thực hiện nhiệm vụ" does (before "content": its "nhiệm vụ" is no content).
    # So do "Trách nhiệm thực hiện", "Phân công thực hiện", "Đơn vị chịu trách nhiệm",
    # the words many commune plans use (a QA pass: the column went unread and every
    # task had no lead).
    ("agency", re.compile(r"^(?:(?:cơ quan|đơn vị|bộ phận)"
                          r"(?:\s*[,/]?\s*(?:cơ quan|đơn vị|bộ phận))*"
                          r"(?:\s+(?:chịu\s+)?(?:thực hiện|trách nhiệm(?:\s+thực hiện)?)"
                          r"(?:\s+(?:nhiệm vụ|công việc))?)?"
                          r"|(?:trách nhiệm|phân công)(?:\s+(?:thực hiện|cụ thể|trách nhiệm))?)$")),
    ("content", re.compile(r"nội\s*dung|nhiệm\s*vụ|công\s*việc")),
]
# Titles under a two-level "Thời gian thực hiện": the deadline is when it ends.
_ENDS = re.compile(r"^(?:hoàn\s*thành|kết\s*thúc|đến(?:\s+ngày)?|ngày\s+hoàn\s+thành)$")
_STARTS = re.compile(r"^(?:bắt\s*đầu|khởi\s*công|từ(?:\s+ngày)?|ngày\s+bắt\s+đầu)$")
_ENDS_IN = re.compile(r"hoàn\s*thành|kết\s*thúc")
# Periods under a two-level "Thời gian thực hiện" laid out as a timetable ("Quý I" …
# "Quý IV", "Tháng 1" … "Tháng 12"), each task's periods marked "x".
# (Their match keys: "Quý" is keyed "qúy".)
_PERIOD_TITLE = re.compile(r"^(?:q(?:uý|úy)\s*(?:i{1,3}|iv|[1-4])|tháng\s*(?:[1-9]|1[0-2]))$")
_MARK = re.compile(r"^[xX×✓✔✗•●+*-]$")
_STARTS_IN = re.compile(r"bắt\s*đầu|khởi\s*công")
_HEADER_MAX_LEN = 60
_QUOTES = "\"'“”‘’«»"
_TASK_NUMBER = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3})*\s*[.):]?$")
_MEANINGFUL = {"lead", "deadline", "product", "agency"}
# A column of units by its title ("Bộ phận phụ trách", "Đơn vị được giao"), not of
# people ("Lãnh đạo phụ trách", "Người thực hiện"); of coordinators ("Đơn vị tham gia").
_UNITS_TITLE = re.compile(r"cơ\s*quan|đơn\s*vị|bộ\s*phận|tham\s*mưu|đầu\s*mối|được\s*giao"
                          r"|phụ\s*trách")
_PEOPLE_TITLE = re.compile(r"lãnh\s*đạo|người|cán\s*bộ|chủ\s*tịch|cá\s*nhân|họ\s*(?:và\s*)?tên")
_SUPPORT_TITLE = re.compile(r"tham\s*gia|cùng\s*thực\s*hiện|phối")


def header_field(text: str) -> str | None:
    if not text or len(text) > _HEADER_MAX_LEN:
        return None
    key = match_key(text.strip(_QUOTES))
    for name, pattern in _HEADER_RULES:
        if pattern.search(key):
            return name
    if key.count(" ") and all(len(part) == 1 for part in key.split()):
        return header_field(key.replace(" ", ""))  # "T T", "S T T": letter-spaced
    return None


@dataclass
class Columns:
    """Where a task table's fields are: ``fields`` maps a field to its column;
    ``funding`` lists (column, label) when funding spans several columns ("Ngân sách
    tỉnh", "Nguồn khác"); ``unread`` are columns no field reads: a title nothing
    recognises, or a second column of one meaning ("Nhiệm vụ" | "Nội dung cụ thể")."""

    fields: dict[str, int]
    width: int
    titles: tuple[str, ...]  # the header row's texts, to know a repeated header
    funding: list[tuple[int, str]] = field(default_factory=list)
    unread: dict[int, str] = field(default_factory=dict)
    # The title to give an unread column that seems to list units ("Cơ quan chủ trì").
    hints: dict[int, str] = field(default_factory=dict)
    # The money the funding column's title counts in ("Kinh phí (triệu đồng)"): a bare
    # amount under it is written with it, or "1.500" would read as đồng in the master.
    funding_unit: str = ""
    # The title of the one column of units when it names no role ("Trách nhiệm thực
    # hiện", "Cơ quan thực hiện" with no "Phối hợp" column): its cells say who leads.
    sole_units: str = ""
    # (column, period) of a timetable under the deadline's title: "Quý I" … "Quý IV".
    schedule: list[tuple[int, str]] = field(default_factory=list)

    def get(self, name: str) -> int | None:
        return self.fields.get(name)


def _own_texts(table: SourceTable, r: int) -> list[tuple[int, str]]:
    return [(c, cell.text) for c, cell in enumerate(table.rows[r])
            if cell.text and table.own(r, c)]


def _title_fields(table: SourceTable, r: int) -> tuple[dict[str, int], list[str]] | None:
    """The fields row r's titles name and the titles nothing recognises; None when a
    cell is a task number."""
    found: dict[str, int] = {}
    unknown: list[str] = []
    for c, text in _own_texts(table, r):
        if _TASK_NUMBER.match(one_line(text)):
            return None  # "2": a task row whose words look like titles
        name = header_field(text)
        if name is None:
            unknown.append(one_line(text))
        elif name not in found or (name == "deadline" and _ENDS_IN.search(match_key(text))
                                   and not _ENDS_IN.search(match_key(table.rows[r][found[name]]
                                                                     .text))):
            found[name] = c  # "Thời gian bắt đầu" | "Thời gian hoàn thành": the end
    return found, unknown


def _essential(found: dict[str, int]) -> bool:
    """A header names the content, the lead (or the TT column: no task row holds "TT")
    and a product or deadline: then it is read whatever its other titles say, each
    column of them reported when it holds text."""
    return ("content" in found and bool({"lead", "agency", "number"} & found.keys())
            and bool({"product", "deadline"} & found.keys()))


def header_row(table: SourceTable, r: int, current: Columns | None) -> dict[str, int] | None:
    """The fields of row r when it is a header row, else None.

    Inside a task table (``current``) a header is only taken when it repeats the
    table's header, or when every cell of it is a column title.
    """
    read = _title_fields(table, r)
    if read is None:
        return None
    found, unknown = read
    if "content" not in found or len(found) < 3 or not _MEANINGFUL & found.keys():
        return None
    if len(unknown) > max(1, len(found) // 3) and not _essential(found):
        return None
    if current is not None and titles_of(table, r) != current.titles and (
            unknown or len(found) < 4):
        return None
    return found


@dataclass(frozen=True)
class NearHeader:
    """A row that reads partly like a header: to say, when no task table is found,
    which table came closest and which of its titles were not understood."""

    place: str
    understood: tuple[tuple[str, str], ...]  # (title, the master's column it means)
    not_understood: tuple[str, ...]
    missing: tuple[str, ...]  # the master's columns the header lacks

    @property
    def score(self) -> tuple[int, int]:
        return len(self.understood), -len(self.not_understood)


def near_header(table: SourceTable, r: int) -> NearHeader | None:
    """Row r as a header that was not taken, when at least two of its titles are
    understood."""
    read = _title_fields(table, r)
    if read is None or len(read[0]) < 2:
        return None
    found, unknown = read
    understood = tuple((one_line(table.rows[r][c].text), column_title(name))
                       for name, c in sorted(found.items(), key=lambda item: item[1]))
    missing = [column_title(name) for name in ("content", "lead") if name not in found
               and not (name == "lead" and "agency" in found)]
    if not {"product", "deadline"} & found.keys():
        missing.append(f"{column_title('product')} hoặc {column_title('deadline')}")
    return NearHeader(table.place(r), understood, tuple(unknown), tuple(missing))


def no_table_message(near: NearHeader | None) -> tuple[str, str]:
    """The error when no task table is found, and its hint: which row came closest to
    a header, its titles not understood and the columns it lacks, and what to do."""
    needed = (f"cần một bảng có dòng tiêu đề gồm các cột {column_title('content')}, "
              f"{column_title('lead')}, {column_title('product')} hoặc "
              f"{column_title('deadline')}")
    if near is None:
        return f"không tìm thấy bảng nhiệm vụ: {needed}", "kiểm tra tệp có đúng kế hoạch CCHC không"
    parts = ["đã hiểu " + ", ".join(f"'{title}'" if title == meaning else f"'{title}' ({meaning})"
                                    for title, meaning in near.understood)]
    if near.not_understood:
        parts.append("chưa hiểu " + ", ".join(f"'{t}'" for t in near.not_understood))
    if near.missing:
        parts.append("thiếu cột " + ", ".join(near.missing))
    return (f"không tìm thấy bảng nhiệm vụ: dòng gần giống dòng tiêu đề nhất là {near.place} "
            f"nhưng chưa đọc được ({'; '.join(parts)})",
            f"{needed}: đổi tiêu đề các cột chưa hiểu hoặc còn thiếu cho đúng (ví dụ cột đơn "
            f"vị chủ trì ghi '{column_title('lead')}') rồi nhập lại")


def column_title(name: str) -> str:
    """The master's title of a field's column ("lead" -> "Cơ quan chủ trì")."""
    return AREA_COLUMNS["lead" if name == "agency" else name][0]


def _unit_title(columns: Columns, title: str) -> str:
    """The title an unread column should have when it seems to list units: the lead's
    when the table has no lead column, the coordinators' when it has none; else ""."""
    key = match_key(title)
    name = header_field(title)
    if name == "support" or _SUPPORT_TITLE.search(key):
        want = "support"
    elif name in ("lead", "agency"):
        want = "lead"
    elif _UNITS_TITLE.search(key) and not _PEOPLE_TITLE.search(key):
        want = "lead" if "lead" not in columns.fields else "support"
    else:
        return ""
    return "" if want in columns.fields else column_title(want)


def titles_of(table: SourceTable, r: int) -> tuple[str, ...]:
    return tuple(match_key(t) for _, t in _own_texts(table, r))


def _lower_row(table: SourceTable, r: int) -> bool:
    """True when row r is the lower half of a two-row header starting at r - 1:
    its cells sit under the upper row's cells that span several columns, or are
    all column titles ("Chủ trì", "Phối hợp")."""
    if r >= len(table.rows):
        return False
    upper = table.rows[r - 1]
    texts = _own_texts(table, r)
    if not texts:
        return False
    spans: dict[tuple[int, int], int] = {}
    for cell in upper:
        spans[cell.origin] = spans.get(cell.origin, 0) + 1
    if all(spans.get(upper[c].origin, 1) > 1 for c, _ in texts):
        return True
    names = [header_field(t) for _, t in texts]
    return all(names) and bool({"lead", "support"} & set(names))


# "(triệu đồng)", "(Đơn vị tính: triệu đồng)", "(ĐVT: đồng)".
_MONEY_UNIT = re.compile(r"\(\s*(?:(?:đvt|đơn\s*vị\s*tính)\s*:?\s*)?"
                         r"((?:triệu|nghìn|ngàn|tỷ)?\s*đồng)\s*\)", re.IGNORECASE)


def _money_unit(title: str) -> str:
    m = _MONEY_UNIT.search(one_line(title))
    return " ".join(m[1].lower().split()) if m else ""


def read_header(table: SourceTable, r: int, found: dict[str, int]) -> tuple[Columns, int]:
    """The columns a header starting at row r gives, and the first row after it."""
    width = len(table.rows[r])
    titles = titles_of(table, r)
    if not _lower_row(table, r + 1):
        fields = dict(found)
        if "agency" in fields:
            fields.setdefault("lead", fields.pop("agency"))
        columns = Columns(fields=fields, width=width, titles=titles)
        columns.sole_units = _sole_units(table, [r], columns)
        _funding_side_by_side(table, [r], columns)
        columns.funding_unit = _funding_unit(table, [r], columns)
        _mark_unread(table, [r], columns)
        return columns, r + 1
    upper, lower = table.rows[r], table.rows[r + 1]
    fields: dict[str, int] = {}
    funding: list[tuple[int, str]] = []
    schedule: list[tuple[int, str]] = []
    for c in range(width):
        top = header_field(upper[c].text) if upper[c].text else None
        below = lower[c]
        sub = below.text if below.origin == (r + 1, c) else ""
        sub_name = header_field(sub) if sub else None
        sub_key = match_key(sub)
        if top == "funding" and sub:
            funding.append((c, one_line(sub)))
            continue
        if top == "deadline" and sub:
            if _PERIOD_TITLE.match(sub_key):
                schedule.append((c, one_line(sub)))
                continue
            if _ENDS.match(sub_key):
                fields["deadline"] = c
            elif not _STARTS.match(sub_key) and "deadline" not in fields:
                fields["deadline"] = c
            continue
        if top == "agency" and sub_name is None and sub:
            continue  # an unrecognised part of "Cơ quan thực hiện": reported below
        name = sub_name or (top if upper[c].origin[1] == c or not sub else None)
        if name == "agency":
            name = "lead"
        if name and name not in fields:
            fields[name] = c
    if len(funding) == 1:
        fields.setdefault("funding", funding[0][0])
        funding = []
    elif funding:
        fields.pop("funding", None)
    columns = Columns(fields=fields, width=width, titles=titles, funding=funding,
                      schedule=schedule)
    columns.sole_units = _sole_units(table, [r, r + 1], columns)
    _funding_side_by_side(table, [r, r + 1], columns)
    columns.funding_unit = _funding_unit(table, [r + 1, r], columns)
    _mark_unread(table, [r, r + 1], columns)
    return columns, r + 2


def _sole_units(table: SourceTable, rows: list[int], columns: Columns) -> str:
    """The title of the lead's column when it is the table's only column of units and its
    title names no role ("Trách nhiệm thực hiện"), else ""."""
    c = columns.fields.get("lead")
    if c is None or "support" in columns.fields:
        return ""
    titles = [table.rows[r][c].text for r in rows if table.rows[r][c].text]
    return one_line(titles[-1]) if titles and header_field(titles[-1]) == "agency" else ""


def _funding_side_by_side(table: SourceTable, rows: list[int], columns: Columns) -> None:
    """Funding told in two columns of one header ("Kinh phí" | "Nguồn kinh phí"): both
    are read, each under its title as the parts of a two-level "Kinh phí" are (the
    second column was left out, its source of funds lost)."""
    if columns.funding or "funding" not in columns.fields:
        return
    titled = []
    for c in range(columns.width):
        title = next((table.rows[r][c].text for r in reversed(rows)
                      if table.rows[r][c].text and table.rows[r][c].origin[1] == c), "")
        if c == columns.fields["funding"] or (
                header_field(title) == "funding" and c not in columns.fields.values()):
            titled.append((c, _MONEY_UNIT.sub("", one_line(title)).strip() or "Kinh phí"))
    if len(titled) > 1:
        columns.funding = titled
        del columns.fields["funding"]


def _funding_unit(table: SourceTable, rows: list[int], columns: Columns) -> str:
    """The money the funding columns' titles count in, the first one naming it."""
    money = [c for c, _ in columns.funding] + (
        [columns.fields["funding"]] if "funding" in columns.fields else [])
    return next((u for c in money for r in rows
                 if (u := _money_unit(table.rows[r][c].text))), "")


def _mark_unread(table: SourceTable, rows: list[int], columns: Columns) -> None:
    """Columns whose title no rule recognises, to warn when they hold text."""
    used = set(columns.fields.values()) | {c for c, _ in columns.funding + columns.schedule}
    for c in range(columns.width):
        if c in used:
            continue
        titles = [table.rows[r][c].text for r in rows if table.rows[r][c].text]
        if not titles:
            continue
        title = one_line(titles[-1])
        key = match_key(title)
        if _STARTS.match(key) or _STARTS_IN.search(key) or _TASK_NUMBER.match(title):
            continue  # a start date: the plan keeps when work ends
        columns.unread[c] = title
        hint = _unit_title(columns, title)
        if hint:
            columns.hints[c] = hint


def scheduled(table: SourceTable, r: int, columns: Columns) -> tuple[str, bool]:
    """Row r's deadline read from a timetable under "Thời gian thực hiện": the periods
    its cells mark ("Quý II, Quý IV"; a date written in one instead of "x" as written),
    and whether a marked cell starts on row r. The first period's column was read as
    the deadline (blank, or "x") and the others' marks warned as columns unread."""
    marked = [(label if _MARK.match(cell.text.strip()) else one_line(cell.text),
               cell.origin[0] == r)
              for c, label in columns.schedule if (cell := table.rows[r][c]).text.strip()]
    return ", ".join(dict.fromkeys(text for text, _ in marked)), any(here for _, here in marked)
