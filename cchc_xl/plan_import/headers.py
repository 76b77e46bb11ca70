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

from ..text import match_key, one_line
from .source import SourceTable

# Header texts by meaning, tried in order on the text's match key.
_HEADER_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("number", re.compile(r"^(?:s[ốô]\s*)?(?:s?tt|thứ tự|số thứ tự)$")),
    ("lead", re.compile(r"chủ\s*trì")),
    ("support", re.compile(r"phối\s*hợp")),
    ("funding", re.compile(r"kinh\s*phí|ngân\s*sách|nguồn\s*vốn")),
    ("note", re.compile(r"^ghi\s*chú")),
    ("deadline", re.compile(r"thời\s*gian|thời\s*hạn|tiến\s*độ|thời\s*điểm|\bhạn\s+hoàn\s+thành"
                            r"|mốc\s+thời")),
    ("product", re.compile(r"sản\s*phẩm|kết\s*quả")),
    ("content", re.compile(r"nội\s*dung|nhiệm\s*vụ|công\s*việc")),
    # "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"; alone it names the lead.
    ("agency", re.compile(r"^(?:cơ quan|đơn vị)(?:\s*[,/]?\s*(?:cơ quan|đơn vị))*"
                          r"(?:\s+thực hiện)?$")),
]
# Titles under a two-level "Thời gian thực hiện": the deadline is when it ends.
_ENDS = re.compile(r"^(?:hoàn\s*thành|kết\s*thúc|đến(?:\s+ngày)?|ngày\s+hoàn\s+thành)$")
_STARTS = re.compile(r"^(?:bắt\s*đầu|khởi\s*công|từ(?:\s+ngày)?|ngày\s+bắt\s+đầu)$")
_ENDS_IN = re.compile(r"hoàn\s*thành|kết\s*thúc")
_STARTS_IN = re.compile(r"bắt\s*đầu|khởi\s*công")
_HEADER_MAX_LEN = 60
_QUOTES = "\"'“”‘’«»"
_TASK_NUMBER = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3})*\s*[.):]?$")
_MEANINGFUL = {"lead", "deadline", "product", "agency"}


def header_field(text: str) -> str | None:
    if not text or len(text) > _HEADER_MAX_LEN:
        return None
    key = match_key(text.strip(_QUOTES))
    for name, pattern in _HEADER_RULES:
        if pattern.search(key):
            return name
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

    def get(self, name: str) -> int | None:
        return self.fields.get(name)


def _own_texts(table: SourceTable, r: int) -> list[tuple[int, str]]:
    return [(c, cell.text) for c, cell in enumerate(table.rows[r])
            if cell.text and table.own(r, c)]


def header_row(table: SourceTable, r: int, current: Columns | None) -> dict[str, int] | None:
    """The fields of row r when it is a header row, else None.

    Inside a task table (``current``) a header is only taken when it repeats the
    table's header, or when every cell of it is a column title.
    """
    found: dict[str, int] = {}
    unknown = 0
    for c, text in _own_texts(table, r):
        if _TASK_NUMBER.match(one_line(text)):
            return None  # "2": a task row whose words look like titles
        name = header_field(text)
        if name is None:
            unknown += 1
        elif name not in found or (name == "deadline" and _ENDS_IN.search(match_key(text))
                                   and not _ENDS_IN.search(match_key(table.rows[r][found[name]]
                                                                     .text))):
            found[name] = c  # "Thời gian bắt đầu" | "Thời gian hoàn thành": the end
    if "content" not in found or len(found) < 3 or not _MEANINGFUL & found.keys():
        return None
    if unknown > max(1, len(found) // 3):
        return None
    if current is not None and titles_of(table, r) != current.titles and (
            unknown or len(found) < 4):
        return None
    return found


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


def read_header(table: SourceTable, r: int, found: dict[str, int]) -> tuple[Columns, int]:
    """The columns a header starting at row r gives, and the first row after it."""
    width = len(table.rows[r])
    titles = titles_of(table, r)
    if not _lower_row(table, r + 1):
        fields = dict(found)
        if "agency" in fields:
            fields.setdefault("lead", fields.pop("agency"))
        columns = Columns(fields=fields, width=width, titles=titles)
        _mark_unread(table, [r], columns)
        return columns, r + 1
    upper, lower = table.rows[r], table.rows[r + 1]
    fields: dict[str, int] = {}
    funding: list[tuple[int, str]] = []
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
    columns = Columns(fields=fields, width=width, titles=titles, funding=funding)
    _mark_unread(table, [r, r + 1], columns)
    return columns, r + 2


def _mark_unread(table: SourceTable, rows: list[int], columns: Columns) -> None:
    """Columns whose title no rule recognises, to warn when they hold text."""
    used = set(columns.fields.values()) | {c for c, _ in columns.funding}
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
