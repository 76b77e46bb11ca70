"""The consolidated workbook's area sheets: their columns, in order and by position, and
the office's verdict column: where the first sheet says verdicts are typed, how they are
read back, and what a verdict cell says when selected (the CLI's workbook and the web
app's, ``app``, each in its reader's words). :mod:`cchc_xl.consolidated.write` writes
the sheets from these."""

from __future__ import annotations

from .. import assessment as A
from ..vocab import JUDGE, TIMELINESS_LABELS, VERDICT_LABELS

# An area sheet's columns, in order. Its cells are written by position, so a column added
# renumbers what follows it here (PROGRESS_COL, ANSWER_COLUMNS, PRODUCT_COLS, DUE_COL)
# and in write.py's _lead_cells, _lead_values (6: the lead unit ... 13: its problems)
# and _task_rows (0: TT, 2: the task); the office's verdict and the hidden row key stay
# the last two. What reads a workbook back finds its columns by header
# (assessment.assessments_in: A.COLUMN, A.KEY_COLUMN, A.LEAD_COLUMN, A.PRODUCT_COLUMN;
# answer_shown: ANSWER_COLUMNS' headers), so workbooks written before the change are
# still read. "Tất cả dòng" is _all_rows' own list. Then the golden workbook
# (tests/test_merge_seed_plans.py) lists what moved, cell by cell: reviewed, `make golden`.
AREA_COLUMNS = (
    ("TT", 5), (A.PRODUCT_COLUMN, 11), ("Nội dung nhiệm vụ", 34), ("Sản phẩm/Kết quả", 26),
    ("Thời gian hoàn thành", 18), ("Hạn", 11), (A.LEAD_COLUMN, 22), ("Trạng thái", 14),
    ("Tỷ lệ (%)", 8), ("Ngày hoàn thành", 12), ("Tài liệu kiểm chứng", 28), ("Tiến độ", 13),
    ("Báo cáo của đơn vị phối hợp", 34), ("Số vấn đề", 8), (A.COLUMN, 24), (A.KEY_COLUMN, 14),
)
VERDICT_COL = len(AREA_COLUMNS) - 2
PROGRESS_COL = 11
ANSWER_COLUMNS = (7, 8, 9, 10)  # a lead row's answer: status, %, date, evidence
# Where the office types its verdicts, said on the first sheet it reads, and how they
# are read back: by a merge or `cchc-xl assess`, or, in the workbook the web app writes
# (``app``), by uploading it on the app's page: its user has no terminal (a QA pass found
# the command and the server's ledger file named there).
REPORT_PAGE = "trang Báo cáo của ứng dụng"
_WHERE_TO_ASSESS = (
    f"Cột '{A.COLUMN}' ở các trang lĩnh vực: chọn Đạt hoặc Chưa đạt cho các dòng có "
    f"tiến độ '{TIMELINESS_LABELS[JUDGE]}' (lọc ở ô tiêu đề cột "
    f"'{AREA_COLUMNS[PROGRESS_COL][0]}'); ")
_READ_BACK = {False: f"được đọc lại khi gộp lần sau, bằng lệnh assess hoặc ở {REPORT_PAGE}.",
              True: f"lưu tệp rồi tải lên ở {REPORT_PAGE} để ghi vào số liệu."}
# The same, as the verdict cells say it when selected (verdict_rule).
_READ_BACK_SHORT = {False: f"Đọc lại khi gộp, bằng lệnh assess hoặc ở {REPORT_PAGE}.",
                    True: f"Lưu tệp rồi tải lên ở {REPORT_PAGE}."}
PRINTED_WIDTHS = [w for _, w in AREA_COLUMNS[:-1]]  # the key column is hidden
PRODUCT_COLS = (1, 3, 4, 5, 12)  # a product's own cells, merged down its lead rows
DUE_COL = 5  # "Hạn": A.due_value at the period's cut-off
KEY_COL = len(AREA_COLUMNS) - 1



def verdict_rule(app: bool) -> dict:
    """The verdict column's list, and what its cells say when selected: what a verdict
    counts for, and for how long (docs/counting.md: carried.py carries a Đạt on while
    nothing new is sent, for a product of one due date), then how it is read back
    (``app``: in the web app's workbook). At most 255 characters, Excel's limit."""
    return {
        "validate": "list", "source": list(VERDICT_LABELS.values()),
        "error_type": "information", "input_title": "Đánh giá của cơ quan",
        "input_message":
            "Đạt: tính là hoàn thành ở kỳ này và các kỳ sau khi đơn vị không báo cáo khác "
            "(trừ việc thường xuyên, việc nhiều hạn). Chưa đạt: ghi lý do sau dấu hai chấm "
            "('Chưa đạt: thiếu văn bản'). " + _READ_BACK_SHORT[app],
        "error_title": "Đánh giá", "error_message":
            "Giá trị không có trong danh sách: được ghi như một nhận xét, không tính "
            "Đạt/Chưa đạt.",
    }


def where_to_assess(app: bool) -> str:
    """Where the office types its verdicts and how they are read back, as the first
    sheet says it (``app``: the web app's workbook)."""
    return _WHERE_TO_ASSESS + _READ_BACK[app]
