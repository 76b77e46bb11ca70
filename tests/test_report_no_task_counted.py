"""A quarter that counts no task of the plan (none due in it, finished in it or left over
from before: docs/counting.md, "Which tasks a period counts"). A QA pass of a year's
periods through the web app: the Word report said "Kế hoạch có 0 nhiệm vụ được tính trong
kỳ thuộc 0 lĩnh vực", "đã hoàn thành 0/0 nhiệm vụ, đạt —" and, under "Nhiệm vụ trọng tâm",
"Các nhiệm vụ của kỳ đã hoàn thành"; the tables' line read "Hoàn thành 0/0 nhiệm vụ"."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from docx import Document
from test_figures import figures_master

from cchc_xl import assignment as A
from cchc_xl.deadlines import parse_deadline
from cchc_xl.master import load_master
from cchc_xl.master.write import write_master
from cchc_xl.merge import merge_returns
from cchc_xl.report import write_docx
from cchc_xl.report.said import NO_TASK_COUNTED
from cchc_xl.report.summary import summarize
from cchc_xl.snapshot import load_snapshot
from cchc_xl.split import split_master
from cchc_xl.vocab import NOT_STARTED
from make_sample_returns import fill_return


def _all_in_the_fourth_quarter():
    """The figures' small plan, every product due "Quý IV/2023"."""
    master = figures_master()
    for area in master.areas:
        for task in area.tasks:
            task.deliverables = [dataclasses.replace(d, deadline=parse_deadline(
                "Quý IV/2023", 2023)) for d in task.deliverables]
    return master


def test_a_quarter_counting_no_task_says_so(tmp_path) -> None:
    master = load_master(write_master(_all_in_the_fourth_quarter(), tmp_path / "ke-hoach.xlsx"))
    split = {f.unit_code: f.path for f in split_master(
        master, "Q3", tmp_path / "giao", issued_at=datetime(2023, 9, 1)).files}
    unit = next(iter(split))
    fill_return(split[unit], tmp_path / "nhan" / f"{unit}.xlsx",
                {r.deliverable.id: {A.COL_STATUS: NOT_STARTED}
                 for r in A.assigned_rows(master, unit)})
    merge_returns(master, [tmp_path / "nhan"], "Q3", tmp_path / "tong-hop" / "Q3.xlsx",
                  received=datetime(2023, 9, 18).date())
    summary = summarize(load_snapshot(tmp_path / "tong-hop" / "cchc-ledger.sqlite", "Q3"))
    assert summary.total.tasks == 0
    assert summary.sentence == NO_TASK_COUNTED

    body = "\n".join(p.text for p in Document(write_docx(summary, tmp_path / "bc.docx")).paragraphs)
    assert "hoàn thành 0/0" not in body and "0 nhiệm vụ được tính" not in body
    assert "Trong quý III năm 2023, kế hoạch không có nhiệm vụ nào được tính: không nhiệm " \
           "vụ nào đến hạn trong kỳ, hoàn thành trong kỳ hoặc còn chưa hoàn thành từ kỳ " \
           "trước; kế hoạch giao nhiệm vụ cho" in body
    assert "KẾT QUẢ THEO TỪNG LĨNH VỰC\n" + NO_TASK_COUNTED in body
    assert "Các nhiệm vụ của kỳ đã hoàn thành" not in body
    assert "Tiếp tục thực hiện các nhiệm vụ thường xuyên và các nhiệm vụ của kỳ sau." in body
