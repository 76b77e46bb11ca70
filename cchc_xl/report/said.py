"""The figures of a period said in words: the units of counting, the sentence reports
quote, the tasks nobody reported on, why recurring work counts done, and the rows the
office assessed. One home for these words, which the console, the consolidated workbook,
the report's tables and its Word body all quote; the figures themselves are
:mod:`.summary`'s (it computes, this module says).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import assessment as A
from ..vocab import DONE, IN_PROGRESS, PASS, VERDICT_LABELS

if TYPE_CHECKING:
    from .summary import Counts, Summary

# Units of counting, named on every label (console, consolidated workbook, report).
TASK_UNIT = "nhiệm vụ"
LEAD_UNIT = "lượt đơn vị chủ trì"

# How tasks nobody reported on are said wherever tasks are counted not started: they
# count as not started (docs/counting.md), and are said apart, in these words.
NO_REPORT = "chưa có báo cáo"
# A period that counts no task (a quarter with none due, finished or left over in it).
NO_TASK_COUNTED = "Không có nhiệm vụ được tính trong kỳ."


def figures_sentence(summary: Summary) -> str:
    """The sentence reports quote: "hoàn thành 31/75 nhiệm vụ, đạt 41,33%; đang thực
    hiện 30, chưa thực hiện 14 nhiệm vụ (trong đó 9 nhiệm vụ chưa có báo cáo)"; no
    count of nothing, as the Word body ("…, chưa thực hiện 0 nhiệm vụ": a QA pass).
    A quarter counting no task (none due, finished or left over in it) says so, not
    "Hoàn thành 0/0 nhiệm vụ, đạt —" (a QA pass of a year's periods)."""
    t = summary.total
    if not t.tasks:
        return NO_TASK_COUNTED
    rest = [f"{words} {n}" for words, n in (("đang thực hiện", t.in_progress),
                                            ("chưa thực hiện", t.not_started)) if n]
    unfinished = f"; {', '.join(rest)} {TASK_UNIT}{silent_part(t)}" if rest else ""
    return f"Hoàn thành {t.done}/{t.tasks} {TASK_UNIT}, đạt {t.rate_text}{unfinished}."


def silent_part(counts: Counts) -> str:
    """" (trong đó 13 nhiệm vụ chưa có báo cáo)" after a count of tasks not started,
    " (đều chưa có báo cáo)" when none of them was reported (" (chưa có báo cáo)" for
    one: "đều" is said of several), or "" when every one was."""
    n = counts.not_reported
    if n and n == counts.not_started:
        return f" ({'' if n == 1 else 'đều '}{NO_REPORT})"
    return f" (trong đó {n} {TASK_UNIT} {NO_REPORT})" if n else ""


def carried_out_part(count: int, in_progress: int, judged: int, noun: str = TASK_UNIT,
                     who: str = "đơn vị chủ trì") -> str:
    """Why ``count`` tasks (``noun``: or lead shares) of recurring work count done, after
    "được tính là hoàn thành vì đã thực hiện trong kỳ", each one said: ", trong đó 3
    nhiệm vụ đơn vị chủ trì báo cáo “Đang thực hiện” có tài liệu kiểm chứng, 1 nhiệm vụ
    được cơ quan tổng hợp đánh giá Đạt" (a QA pass found the Đạt left unexplained);
    " (…)" when one reason holds for all; "" when they were all reported done (the
    sentence says it). ``in_progress`` and ``judged`` are apart: a lead reported
    "Đang thực hiện" with evidence comes first."""
    if not in_progress and not judged:
        return ""
    reasons = [(count - in_progress - judged, f"{who} báo cáo “{DONE}” có tài liệu kiểm chứng"),
               (in_progress, f"{who} báo cáo “{IN_PROGRESS}” có tài liệu kiểm chứng"),
               (judged, f"được cơ quan tổng hợp đánh giá {VERDICT_LABELS[PASS]}")]
    given = [(n, words) for n, words in reasons if n]
    if len(given) == 1:
        return f" ({given[0][1]})"
    return ", trong đó " + ", ".join(f"{n} {noun} {words}" for n, words in given)


def assessed_rows_words(summary: Summary) -> str:
    """The rows the office assessed, as `cchc-xl assess` and the report's notes say them
    (the consolidated workbook's "Tổng hợp" sheet by the same parts): rows (product ×
    unit) the figures count, with the tasks and lead shares they make when those differ
    ("Do cơ quan tổng hợp đánh giá" of the figures: a task of two leads is one task, two
    rows), and apart those of products the period does not count. "9 dòng" beside the
    figures' 8, unexplained, read as two numbers for one thing (a QA pass)."""
    said = f"{summary.assessed_rows} {ASSESSED_ROWS}"
    if counted := assessed_counted_as(summary):
        said += f", tính thành {counted} trong số liệu"
    if summary.assessed_outside:
        said += f"; {summary.assessed_outside} {ASSESSED_OUTSIDE}"
    return said


def assessed_counted_as(summary: Summary) -> str:
    """The tasks and lead shares the assessed rows make in the figures ("8 nhiệm vụ và 9
    lượt đơn vị chủ trì"), "" when each is one row."""
    n = summary.assessed_rows
    tasks, shares = summary.total.judged_by_office, summary.leads.judged_by_office
    return f"{tasks} {TASK_UNIT} và {shares} {LEAD_UNIT}" if (tasks, shares) != (n, n) else ""


ASSESSED_ROWS = f"dòng (sản phẩm × đơn vị chủ trì) do {A.JUDGED_BY}"
# Verdicts on products a single quarter does not count (_in_scope): recorded, not counted.
ASSESSED_OUTSIDE = ("dòng khác được đánh giá thuộc sản phẩm không tính trong kỳ này (đến hạn "
                    "sau quý, hoặc đã hoàn thành trước kỳ), không tính vào số liệu")
