"""Nothing that grows with the square of the files a merge takes (issue #11): feedback
workbooks checked against every return and named from a dict of every unit, once per
workbook; each new file's unit's files found by scanning every file of the period
(docs/performance.md, "Nothing that grows with the square of units"). Each test counts
the work a merge does and checks what it writes."""

from __future__ import annotations

import os
from pathlib import Path

from cchc_xl.ledger import Ledger
from cchc_xl.merge import merge_returns
from cchc_xl.model import Master
from cchc_xl.xlio import check_not_input, file_sha256, input_check
from make_sample_returns import fill_return
from support.mistakes import SAVED, doing, ids

MANY = 300  # returns: enough that work per pair of them outnumbers work per return


def test_many_files_checked_against_many_inputs_state_each_input_once(tmp_path,
                                                                      monkeypatch):
    inputs = []
    for n in range(MANY):
        path = tmp_path / "in" / f"X{n:04d}.xlsx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x")
        inputs.append((path, "tệp đơn vị gửi"))
    (tmp_path / "ledger").mkdir()
    inputs.append((tmp_path / "ledger", "thư mục sổ cái"))
    stated: list[str] = []
    for name in ("stat", "lstat"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, lambda p, *a, real=real, **k: stated.append(str(p))
                            or real(p, *a, **k))
    check = input_check(inputs)
    for n in range(MANY):
        check(tmp_path / "fb" / f"X{n:04d}-phản-hồi.xlsx", "tệp phản hồi")
    assert sum(1 for s in stated if s.endswith(".xlsx") and "/in/" in s) <= 2 * MANY
    monkeypatch.undo()
    # The same clashes as check_not_input: a file that is an input, one inside a folder.
    for target in (inputs[7][0], tmp_path / "ledger" / "a.xlsx"):
        said = []
        for checked in (check, lambda t, w: check_not_input(t, w, inputs)):
            try:
                checked(target, "tệp phản hồi")
            except Exception as exc:  # noqa: BLE001 - the error's words compared
                said.append(str(exc))
        assert len(said) == 2 and said[0] == said[1]


def _stats_counted(monkeypatch) -> tuple[list[str], list[bool]]:
    """The paths os.stat and os.lstat are asked about while the flag returned is on."""
    stated: list[str] = []
    on = [False]
    for name in ("stat", "lstat"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, lambda p, *a, real=real, **k: (
            on[0] and stated.append(os.fspath(p))) or real(p, *a, **k))
    return stated, on


def test_a_merge_writing_feedback_builds_unit_names_and_states_returns_once(
        hh_master, hh_split, tmp_path, monkeypatch):
    import cchc_xl.feedback as feedback

    units = ["X04", "X06", "X08", "X10"]
    files = [fill_return(hh_split[u], tmp_path / "in" / f"{u}.xlsx",
                         {ids(hh_master, u)[0]: doing(150)}, saved_at=SAVED) for u in units]
    asked = []
    real_names = Master.names.fget
    monkeypatch.setattr(Master, "names", property(lambda m: asked.append(1) or real_names(m)))
    stated, on = _stats_counted(monkeypatch)
    real_write = feedback.write_feedback

    def write(*args, **kwargs):
        on[0] = True
        try:
            return real_write(*args, **kwargs)
        finally:
            on[0] = False

    monkeypatch.setattr(feedback, "write_feedback", write)
    result = merge_returns(hh_master, files, "9T", tmp_path / "out" / "th.xlsx",
                           feedback_dir=tmp_path / "fb")
    assert sorted(p.name.split("-")[0] for p in result.feedback) == units
    assert len(asked) <= 3  # was several per file
    assert max(stated.count(str(f)) for f in files) <= 2  # was two per feedback workbook


def test_doubtful_choices_look_at_the_period_s_files_a_few_times(hh_master, hh_split, tmp_path,
                                                                  monkeypatch):
    import cchc_xl.merge as merge

    units = ["X04", "X06", "X08", "X10", "X12", "X14"]
    files = [fill_return(hh_split[u], tmp_path / "in" / f"{u}.xlsx",
                         {ids(hh_master, u)[0]: doing(50)}, saved_at=SAVED) for u in units]
    walked = []

    class _Walked(list):
        def __iter__(self):
            walked.append(1)
            return super().__iter__()

    real = Ledger.acceptable
    monkeypatch.setattr(Ledger, "acceptable", lambda *a: _Walked(real(*a)))
    real_flag = merge.flag_doubtful_choices
    counts: list[int] = []

    def counting(*a):
        before = len(walked)
        warned = real_flag(*a)
        counts.append(len(walked) - before)
        return warned

    monkeypatch.setattr(merge, "flag_doubtful_choices", counting)
    result = merge_returns(hh_master, files, "9T", tmp_path / "out" / "th.xlsx")
    assert result.returned == len(units)
    assert counts == [counts[0]] and counts[0] <= 4  # was 2 more per file merged


def test_a_batch_of_uploads_looks_only_at_its_own_units_files(hh_master, hh_split, tmp_path,
                                                             monkeypatch):
    """Returns uploaded in batches (the web app's Thu nhận, 30 files at a time): each
    batch wrote the feedback of its own units only, but opened again every earlier
    file of the period to check it could be edited, work growing with the period
    (docs/performance.md, "Batches of uploads"). The earlier units' feedback is left as
    it was, unread and unwritten; the batch's units get theirs."""
    import cchc_xl.feedback as feedback

    first, second = ["X04", "X06", "X08"], ["X10", "X12"]
    files = {u: fill_return(hh_split[u], tmp_path / "in" / f"{u}.xlsx",
                            {ids(hh_master, u)[0]: doing(150)}, saved_at=SAVED)
             for u in first + second}
    out, fb = tmp_path / "out" / "th.xlsx", tmp_path / "fb"
    merge_returns(hh_master, [files[u] for u in first], "9T", out, feedback_dir=fb)
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in fb.glob("*.xlsx")}
    assert sorted(n.split("-")[0] for n in before) == first
    looked_at: list[str] = []
    real_sniff = feedback.sniff_format
    monkeypatch.setattr(feedback, "sniff_format",
                        lambda p, *a, **k: looked_at.append(str(p)) or real_sniff(p, *a, **k))
    result = merge_returns(hh_master, [files[u] for u in second], "9T", out, feedback_dir=fb)
    assert sorted(p.name.split("-")[0] for p in result.feedback) == sorted(first + second)
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in fb.glob("*.xlsx")}
    assert {n: after[n] for n in before} == before  # the first batch's, as they were
    # Returns are kept in the archive under their SHA-256: those opened are the batch's.
    opened = {Path(p).stem for p in looked_at if "cchc-archive" in Path(p).parts}
    assert opened == {file_sha256(files[u]) for u in second}, looked_at
