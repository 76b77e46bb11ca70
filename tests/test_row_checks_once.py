"""What checking a returned file's rows asks of the plan is worked out once per merge,
not once per file (issue #11: the row checks were a fifth of a worker's time on each
file): the texts split wrote in a row's read-only cells, and, only for a file whose plan
cells differ from the plan now, the digest of those cells as issued. The files' findings
are those the checks always gave (tests/test_plan_edits.py says what they are)."""

from __future__ import annotations

from cchc_xl import assignment as A
from cchc_xl.intake import read_return
from cchc_xl.intake.plan_index import PlanIndex
from cchc_xl.intake.validate import check_return
from make_sample_returns import fill_return
from support.mistakes import SAVED, doing, done, ids, locate


def _checked(master, path, index):
    """(the rows' answers, the file's findings) as a merge's worker makes them."""
    rf = read_return(path)
    unit = rf.identity.identity.unit
    return check_return(rf, unit, ids(master, unit), master, master.period("9T"), index)


def _said(checked) -> list[tuple[str, str, str, str]]:
    reports, found = checked
    return [(f.code, f.cell, f.task, f.message)
            for f in [*found, *(f for r in reports for f in r.findings)]]


def test_the_read_only_texts_of_a_unit_s_rows_are_worked_out_once_per_merge(
        hh_master, hh_split_9t, tmp_path, monkeypatch):
    split = {f.unit_code: f.path for f in hh_split_9t.files}
    tasks = ids(hh_master, "NV")
    paths = [fill_return(split["NV"], tmp_path / f"NV-{n}.xlsx",
                         {did: (done() if n else doing()) for did in tasks}, saved_at=SAVED)
             for n in range(3)]
    asked = []
    role_text = A.role_text
    monkeypatch.setattr(A, "role_text", lambda *a, **k: asked.append(a[1].id) or role_text(
        *a, **k))
    index = PlanIndex(hh_master)
    said = [_said(_checked(hh_master, path, index)) for path in paths]
    assert sorted(asked) == sorted(tasks)  # each row's once: three files, one each
    assert said[1] == said[2] and said[0] != said[1]  # each file's own findings


def test_a_file_showing_the_plan_as_it_is_is_not_digested(hh_master, hh_split_9t, tmp_path,
                                                          monkeypatch):
    """The digest of the plan cells as issued tells a plan edited since from a unit's edit:
    a file whose cells all read as the plan now gives them needs none; one with a cell
    typed over still has its digest worked out, and the unit is told of its edit."""
    src = {f.unit_code: f.path for f in hh_split_9t.files}["NV"]
    tasks = ids(hh_master, "NV")
    as_issued = fill_return(src, tmp_path / "NV.xlsx", {did: done() for did in tasks},
                            saved_at=SAVED)

    def retype(wb) -> None:
        sheet, cell = locate(src, tasks[0], A.COL_PRODUCT)
        wb[sheet][cell] = "Sản phẩm đơn vị tự ghi"

    typed_over = fill_return(src, tmp_path / "NV-sua.xlsx", {tasks[0]: doing()},
                             saved_at=SAVED, tweak=retype)
    digested = []
    lines_digest = A.lines_digest
    monkeypatch.setattr(A, "lines_digest", lambda lines: digested.append(1) or lines_digest(
        lines))
    index = PlanIndex(hh_master)
    codes = [c for c, *_ in _said(_checked(hh_master, as_issued, index))]
    assert digested == [] and "readonly-edited" not in codes
    edited = [s for s in _said(_checked(hh_master, typed_over, index))
              if s[0] == "readonly-edited"]
    assert digested == [1]
    assert [(task, "Sản phẩm đơn vị tự ghi" in message) for _, _, task, message in edited] == [
        (tasks[0], True)]
