"""The office's verdicts are read from a consolidated workbook through the fast reader
(cchc_xl.fast.reader), openpyxl reading any file it does not recognise (docs/fast-paths.md):
both give the same verdicts, the same rows marked shown again, the same rows' cells and
the same sentences on what is not read, for the workbook as written, as typed into and
re-saved, sorted without its keys, with verdicts typed astray, renamed sheets and a
LibreOffice round trip."""

from __future__ import annotations

import shutil
from contextlib import closing

import pytest
from test_assessment_answers import Office, two_returns_merged
from test_assessment_sorted import _sort, _typed

from cchc_xl import assessment as A
from cchc_xl.fast import reader as fast_reader
from cchc_xl.vocab import PASS
from cchc_xl.xlio import open_workbook
from support.tools import convert, needs_libreoffice


@pytest.fixture
def office(tmp_path) -> Office:
    return two_returns_merged(tmp_path)


def _both(path, names):
    """What openpyxl alone reads, and what read_assessments reads (the fast reader)."""
    results = []
    for read in ("openpyxl", "fast"):
        marked, doubts, rows = set(), [], {}
        if read == "openpyxl":
            with closing(open_workbook(path, read_only=True)) as wb:
                found = A.assessments_in(wb, path, marked, doubts, names, rows)
        else:
            found = A.read_assessments(path, marked, doubts, names, rows)
        results.append((found, marked, doubts, rows))
    return results


def _fast_reads(path) -> None:
    """The fast reader takes the whole file (else the comparison proves nothing)."""
    with closing(fast_reader.FastWorkbook(path)) as wb:
        for ws in wb.worksheets:
            list(ws.iter_rows(values_only=True))


def _variants(office: Office, tmp_path):
    yield "as written", office.out
    verdicts = {"NV|TC-01": "Đạt", "NV|TC-03": "Chưa đạt: thiếu văn bản", "TP|TC-02": "xem lại"}
    wb, columns = _typed(office, verdicts)
    title = next(iter(columns))
    ws = wb[title]
    header, key, col = columns[title]
    ws.cell(6, 2).value = "Đạt"  # a verdict typed in another column
    ws.cell(ws.max_row + 2, col).value = "Chưa đạt"  # on a row of no unit
    ws.title = "Đã đổi tên"
    typed = tmp_path / "typed.xlsx"
    wb.save(typed)
    yield "typed", typed
    wb, columns = _typed(office, verdicts)
    _sort(wb, columns, whole_rows=False)
    sorted_ = tmp_path / "sorted.xlsx"
    wb.save(sorted_)
    yield "sorted without keys", sorted_


def test_fast_reader_reads_the_verdicts_as_openpyxl(office, tmp_path):
    names = office.master.names
    for what, path in _variants(office, tmp_path):
        _fast_reads(path)
        openpyxl_read, fast_read = _both(path, names)
        assert fast_read == openpyxl_read, what
    _, typed = list(_variants(office, tmp_path))[1]
    found, _, doubts, _ = _both(typed, names)[1]
    assert found[("NV", "TC-01")].verdict == PASS
    assert any("ô B6" in d for d in doubts)


@needs_libreoffice
def test_fast_reader_reads_a_libreoffice_copy_as_openpyxl(office, tmp_path):
    _, typed = list(_variants(office, tmp_path))[1]
    out = tmp_path / "lo"
    out.mkdir()
    saved = convert(typed, out)
    _fast_reads(saved)
    openpyxl_read, fast_read = _both(saved, office.master.names)
    assert fast_read == openpyxl_read
    assert fast_read[0][("NV", "TC-01")].verdict == PASS


def test_a_file_the_fast_reader_gives_up_on_is_read_by_openpyxl_alone(office, tmp_path,
                                                                      monkeypatch):
    """Given up on at a later sheet: nothing the fast reader read first is kept twice."""
    _, typed = list(_variants(office, tmp_path))[1]
    expected = _both(typed, office.master.names)[0]
    rows = fast_reader.FastSheet.iter_rows
    seen = []

    def late(self, *args, **kwargs):
        seen.append(self.title)
        if len(seen) > 1:
            raise fast_reader.Unrecognised("test")
        return rows(self, *args, **kwargs)

    monkeypatch.setattr(fast_reader.FastSheet, "iter_rows", late)
    copy = tmp_path / "copy.xlsx"
    shutil.copy(typed, copy)
    marked, doubts, cells = set(), [], {}
    found = A.read_assessments(copy, marked, doubts, office.master.names, cells)
    assert len(seen) > 1
    assert (found, marked, doubts, {k: (w.replace("copy", "typed"), c)
                                     for k, (w, c) in cells.items()}) == expected


def _as_formulas(path, cells: dict[tuple[str, str], tuple[str, str]], dst) -> None:
    """``path`` saved to ``dst`` with each of ``cells`` ((sheet, cell) -> (formula, value
    shown)) a formula giving text, as Excel saves one: ``<c t="str"><f>…</f><v>…</v>``."""
    import re
    import zipfile
    from xml.sax.saxutils import escape

    wb = open_workbook(path, read_only=True)
    with closing(wb):
        parts = {ws.title: ws._worksheet_path for ws in wb.worksheets}
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            for (sheet, ref), (formula, shown) in cells.items():
                if info.filename == parts[sheet].lstrip("/"):
                    data, n = re.subn(
                        rf'<c r="{ref}"( s="\d+")?( t="\w+")?(/>|>.*?</c>)'.encode(),
                        lambda m, r=ref, f=formula, v=shown: (
                            f'<c r="{r}"{(m.group(1) or b"").decode()} t="str"><f>'
                            f'{escape(f)}</f><v>{escape(v)}</v></c>').encode(), data)
                    assert n == 1, (sheet, ref)
            zout.writestr(info, data)


def test_a_verdict_given_by_a_formula_is_read_as_it_shows(office, tmp_path):
    """A verdict copied as a formula ("=O5", an IF) showing "Đạt" or "Chưa đạt: …" was
    recorded as the remark "=O5" by the fast reader, which read the formula, not what the
    cell shows (openpyxl, reading a file the fast reader gives up on, read the value):
    the row was left not judged, and `assess` told the office to type "Đạt" into a cell
    that showed it (a QA pass)."""
    from openpyxl import load_workbook
    from test_figures import run

    from cchc_xl.vocab import FAIL
    from support.workbooks import assessment_place

    wb = load_workbook(office.out)
    nv, tp = (assessment_place(wb, key) for key in ("NV|TC-01", "TP|TC-02"))
    nv_cell, tp_cell = (wb[s].cell(r, c).coordinate for s, r, c in (nv, tp))
    wb[nv[0]][nv_cell].value = "Đạt"
    wb.save(office.out)
    cells = {(tp[0], tp_cell): (f'IF({nv_cell}="Đạt","Chưa đạt: thiếu văn bản","")',
                                "Chưa đạt: thiếu văn bản")}
    typed = tmp_path / "tong-hop-9T.xlsx"
    _as_formulas(office.out, cells, typed)
    shutil.copy(typed, office.out)
    openpyxl_read, fast_read = _both(office.out, office.master.names)
    assert fast_read == openpyxl_read
    code, said = run("assess", office.out)
    assert code == 0, said
    assert "không ghi Đạt hay Chưa đạt" not in said, said
    assert office.verdicts() == [("NV", "TC-01", PASS), ("TP", "TC-02", FAIL)]
