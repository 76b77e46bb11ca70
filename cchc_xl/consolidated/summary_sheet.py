"""The lines of the consolidated workbook's first sheet ("Tổng hợp"): what the workbook
is (plan, period, when merged), who sent what and when, the period's figures, and where
the office types its verdicts. Written by :mod:`cchc_xl.consolidated.write`; the console
summary of a merge prints the same figures (:func:`figure_items`)."""

from __future__ import annotations

from collections.abc import Collection

from .. import findings as F
from ..answered import stands
from ..model import Plan
from ..report.ranking import own_leading
from ..report.said import (
    ASSESSED_OUTSIDE,
    ASSESSED_ROWS,
    LEAD_UNIT,
    TASK_UNIT,
    assessed_counted_as,
)
from ..report.summary import FIGURES, Counts, Summary
from ..snapshot import LedgerSnapshot
from ..text import capitalized
from ..vocab import (
    ACCEPTED,
    ERROR,
    MOVED,
    NOTE,
    OUTCOME_LABELS,
    REJECTED,
    SEVERITY_LABEL,
    SUPERSEDED,
    WARNING,
    WITHDRAWN,
)
from ..xlio import parse_time, vn_date, vn_time

# The office's verdicts recorded after the last file merged (assess, an upload on
# Báo cáo): the workbook written again said the merge's time alone, as if nothing had
# changed since.
ASSESSED_LATER = "{assessed} (ghi đánh giá Đạt / Chưa đạt); lần gộp tệp gần nhất: {merged}"


def last_updated(s: LedgerSnapshot) -> str:
    """When the period's figures last changed: the last file merged, or the office's
    verdicts recorded after it, said with the merge's time."""
    merged, assessed = parse_time(s.updated_at), parse_time(s.assessed_until)
    if merged is None or assessed is None or assessed <= merged:
        return vn_time(s.updated_at)
    return ASSESSED_LATER.format(assessed=vn_time(s.assessed_until),
                                 merged=vn_time(s.updated_at))


def summary_items(s: LedgerSnapshot, summary: Summary, plan: Plan, ledger_path: str | None,
                  where_to_assess: str, problems_sheet: str, missing_sheet: str,
                  answered: Collection[int] = ()) -> list[tuple[str, object]]:
    """The sheet's lines as (label, value); a label opening with spaces is a line of the
    one above it. The sheets named are the workbook's (``problems_sheet``,
    ``missing_sheet``); ``ledger_path`` None: no line names the ledger (the web app's
    workbook); ``answered``: the ids of the refused files a later file of their unit
    answered (cchc_xl.answered), whose problems are not the period's."""
    subs = s.submissions
    problems = [p for sub in subs if stands(sub.outcome, sub.id in answered)
                for p in sub.problems]
    period = s.period
    # The reports the office asks for, as the Word report counts them (Summary.reports_in):
    # a commune's committee filling its own file was one of "4 given, 2 sent" here under
    # a report saying 1/3 (a QA pass); it has a line of its own.
    counted = summary.reports_in
    assigned, returned = counted.asked, counted.returned
    items: list[tuple[str, object]] = [
        ("Kế hoạch", f"{plan.title} — {plan.authority}"),
        ("Kỳ báo cáo", f"{period.name}: số liệu từ "
                       f"{vn_date(period.start)} đến {vn_date(period.cutoff)}"),
        *([("Sổ cái", ledger_path)] if ledger_path is not None else []),
        ("Cập nhật lần cuối", last_updated(s)),
        ("Đơn vị được giao nhiệm vụ", assigned),
        ("Đơn vị đã gửi (tệp được nhận)", returned),
        # As the Word report says it: received by the due date, and after it.
        (f"  Nhận đến hạn gửi báo cáo ({vn_date(period.due)})",
         counted.on_time),
        ("  Nhận sau hạn", counted.late),
        (f"Đơn vị chưa gửi (xem trang '{missing_sheet}')", assigned - returned),
    ]
    items += [(f"{u.name} (cơ quan ban hành kế hoạch, không tính ở các dòng trên)",
               "đã gửi" if u.returned else u.return_status.lower())
              for u in own_leading(summary.units, summary.own_units)]
    # Files gone to their own period (MOVED) are a line only when there are some.
    items += [(f"Tệp {OUTCOME_LABELS[o].lower()}", n)
              for o in (ACCEPTED, SUPERSEDED, REJECTED, WITHDRAWN, MOVED)
              if (n := sum(1 for sub in subs if sub.outcome == o)) or o != MOVED]
    if answered:  # said under the refused ones: not files still to deal with
        at = next(n for n, (label, _) in enumerate(items) if label.endswith(
            OUTCOME_LABELS[REJECTED].lower())) + 1
        items.insert(at, ("  trong đó đã có tệp sau được nhận", len(answered)))
    items += figure_items(summary.total, TASK_UNIT)
    # Rates as Vietnamese text ("42,86%"), as the report writes them: a number would
    # show the decimal point of the reader's locale.
    items.append((f"Tỷ lệ hoàn thành (tính trên {TASK_UNIT})", summary.total.rate_text))
    items += figure_items(summary.leads, LEAD_UNIT)
    items.append((f"Tỷ lệ hoàn thành (tính trên {LEAD_UNIT})", summary.leads.rate_text))
    # The rows assessed said as `cchc-xl assess` says them (report.said.assessed_rows_words).
    items.append((capitalized(ASSESSED_ROWS), summary.assessed_rows))
    if counted := assessed_counted_as(summary):
        items.append(("  tính thành trong số liệu", counted))
    if summary.assessed_outside:
        items.append((capitalized(ASSESSED_OUTSIDE), summary.assessed_outside))
    items += [
        ("Nơi ghi đánh giá Đạt / Chưa đạt", where_to_assess),
        (f"{SEVERITY_LABEL[ERROR]} (xem trang '{problems_sheet}')", F.count(problems, ERROR)),
        (SEVERITY_LABEL[WARNING], F.count(problems, WARNING)),
        (SEVERITY_LABEL[NOTE], F.count(problems, NOTE)),
    ]
    return items


def figure_items(counts: Counts, unit: str) -> list[tuple[str, int]]:
    """The figures of one unit of counting as labelled lines: a heading naming the unit,
    then each figure indented (the console summary prints the same lines)."""
    head, *rest = FIGURES
    return [(f"Số {unit} ({head[1].lower()})", counts.tasks)] + [
        (f"  {label}", getattr(counts, key)) for key, label in rest]
