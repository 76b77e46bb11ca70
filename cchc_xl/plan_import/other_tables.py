"""Tables of a plan that hold no tasks though their rows are numbered: the documents
the plan cites ("STT | Văn bản | Ngày ban hành | Cơ quan ban hành"), before or after
the task table, told apart by a title row of their own that names no unit, product
or deadline; and a list under titles that name a unit or a time but no task's content
("TT | Cơ quan, đơn vị | Thời gian kiểm tra": whom the plan inspects, and when)."""

from __future__ import annotations

from ..text import one_line
from ..vocab import NOTE, WARNING
from .headers import column_title, header_field, header_row, near_header
from .source import SourceTable

# The titles that make a table one of tasks: who does the work, what it gives, by when.
_TASK_FIELDS = {"lead", "agency", "support", "product", "deadline"}


def _title_row(table: SourceTable) -> tuple[int, list[str]] | None:
    """The first row with text, and its texts."""
    for r, cells in enumerate(table.rows):
        own = [one_line(cell.text) for c, cell in enumerate(cells)
               if cell.text and table.own(r, c)]
        if own:
            return r, own
    return None


def _other_titles(table: SourceTable) -> tuple[int, list[str]] | None:
    """The table's title row and its texts when it opens with one of its own ("STT | Số,
    ký hiệu | Trích yếu | …") that is no task header; else None."""
    first = _title_row(table)
    if first is not None and len(first[1]) >= 2 and header_field(first[1][0]) == "number" \
            and header_row(table, first[0], None) is None:
        return first
    return None


def titled_otherwise(table: SourceTable) -> bool:
    """A table opening with a title row of its own that is no task header: another
    table, as wide as the task table by chance, not its rows going on after a page break
    (they were read as tasks, the titles as one)."""
    return _other_titles(table) is not None


def other_table(table: SourceTable, numbered: list[int]
                ) -> tuple[str, str, str, str] | None:
    """(severity, code, message, place) for a table whose title row ("STT", "TT" first),
    above its numbered rows, names no unit, product or deadline: no task table (it was warned as one
    without a header, told to add one). A note, unless a title reads as a task's content
    ("Công việc", "Trích yếu nội dung"): then a warning, as a task table's titles may be
    what was not understood. None when the table has no such title row."""
    first = _other_titles(table)
    if first is None or first[0] >= numbered[0]:
        return None
    r, texts = first
    fields = {header_field(t) for t in texts}
    if fields & _TASK_FIELDS:
        return _titled_short(table, r, texts, numbered)
    needed = [column_title(f) for f in ("lead", "product", "deadline")]
    message = (f"{table.label} (tiêu đề cột: {', '.join(repr(t) for t in texts)}) "
               f"không phải bảng nhiệm vụ: không có cột {', '.join(needed)}; đã bỏ qua "
               f"{len(numbered)} dòng của bảng này. Nếu đây là bảng nhiệm vụ, đặt tiêu "
               f"đề cột ({column_title('number')}, {column_title('content')}, "
               f"{', '.join(needed)}) rồi nhập lại")
    if "content" in fields:
        return (WARNING, "import-table-unread", message, table.place(r))
    return (NOTE, "import-table-other", message, table.place(r))


def _titled_short(table: SourceTable, r: int, texts: list[str], numbered: list[int]
                  ) -> tuple[str, str, str, str]:
    """A warning for a table whose title row names a unit, product or deadline but lacks
    a column a task table needs (the list of units a plan inspects, "TT | Cơ quan, đơn
    vị | Thời gian kiểm tra"): it was said to have no title row at all, and to be given
    one. Its titles and the columns it lacks are named."""
    near = near_header(table, r)
    missing = list(near.missing) if near is not None and near.missing else [
        column_title("content")]
    message = (f"{table.label} có dòng tiêu đề cột ({', '.join(repr(t) for t in texts)}) "
               f"nhưng không có cột {', '.join(missing)}: không đọc là bảng nhiệm vụ, đã "
               f"bỏ qua {len(numbered)} dòng của bảng này. Bảng liệt kê khác của kế hoạch "
               f"(đơn vị được kiểm tra, văn bản…) thì không cần làm gì; nếu đây là bảng "
               f"nhiệm vụ, đặt tiêu đề {', '.join(missing)} cho các cột đó (thêm cột nếu "
               f"chưa có) rồi nhập lại")
    return (WARNING, "import-table-unread", message, table.place(r))
