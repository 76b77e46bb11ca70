"""Nothing a command is given is ever overwritten: outputs against inputs (the plan, the
returns, the ledger, documents of another kind), CSV injection, and paths as given."""

from __future__ import annotations

import copy
import csv
import os
import shutil
import stat
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from cchc_xl.assignment import workbook_filename
from cchc_xl.split import split_master
from cchc_xl.templates import template_path
from support.paths import HH_MASTER
from support.safety import ONE, TWO, cli, returns_folder, sha, submissions


def test_merge_out_naming_a_return_is_refused(tmp_path):
    folder = returns_folder(tmp_path, ONE, TWO)
    before = sha(folder / ONE.name)
    result = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", folder / ONE.name)
    assert result.exit_code == 2
    assert "là một tệp đơn vị gửi" in result.output and "lệnh không ghi gì" in result.output
    assert sha(folder / ONE.name) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted([ONE.name, TWO.name])
    # The same file under another name (a hard link) is the same file.
    link = tmp_path / "tong-hop.xlsx"
    os.link(folder / TWO.name, link)
    result = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", link)
    assert result.exit_code == 2 and sha(folder / TWO.name) == sha(TWO)


@pytest.mark.slow
def test_consolidated_output_inside_the_returns_folder_is_skipped_next_time(tmp_path):
    folder = returns_folder(tmp_path, ONE)
    out = folder / "tong-hop.xlsx"
    args = ("merge", HH_MASTER, folder, "--period", "9T", "--out", out,
            "--db", tmp_path / "so-cai.sqlite")
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 0, again.output
    assert "tệp tổng hợp do cchc-xl tạo" in again.output
    assert set(submissions(tmp_path / "so-cai.sqlite")) == {ONE.name}
    # The office types an assessment into it (so its content is new to the ledger): it is
    # still the consolidated workbook, read back and written again, not a unit's file.
    wb = load_workbook(out)
    ws = next(ws for ws in wb.worksheets if "Đánh giá của cơ quan tổng hợp" in [
        c.value for c in ws[4]])
    header = [c.value for c in ws[4]]
    row = next(r for r in ws.iter_rows(min_row=5) if r[header.index("Khóa dòng (không sửa)")]
               .value and r[header.index("Khóa dòng (không sửa)")].value.startswith("NV|"))
    row[header.index("Đánh giá của cơ quan tổng hợp")].value = "Đạt"
    wb.save(out)
    third = cli(*args)
    assert third.exit_code == 0, third.output
    assert ("Đã ghi 1 đánh giá thay đổi (Đạt / Chưa đạt) vào sổ cái (đọc từ bảng tổng hợp "
            "tong-hop.xlsx).") in third.output
    assert set(submissions(tmp_path / "so-cai.sqlite")) == {ONE.name}


def test_merge_db_naming_a_return_or_the_master_is_refused(tmp_path):
    folder = returns_folder(tmp_path, ONE)
    for db in (folder / ONE.name, HH_MASTER):
        before = sha(db)
        result = cli("merge", HH_MASTER, folder / ONE.name, "--period", "9T",
                     "--out", tmp_path / "t.xlsx", "--db", db)
        assert result.exit_code == 2, result.output
        assert "sổ cái trùng với" in result.output
        assert sha(db) == before


def test_appendix_over_the_master_is_refused(tmp_path):
    master = tmp_path / "ke-hoach.xlsx"
    shutil.copyfile(HH_MASTER, master)
    result = cli("appendix", master, "--out", master)
    assert result.exit_code == 2
    assert "tệp phụ lục trùng với bảng kế hoạch" in result.output
    assert sha(master) == sha(HH_MASTER)


def test_split_never_writes_over_the_master(tmp_path, hh_master):
    out = tmp_path / "giao"
    out.mkdir()
    master = out / workbook_filename(hh_master.unit("NV"))  # named as the unit's workbook will be
    shutil.copyfile(HH_MASTER, master)
    result = cli("split", master, "--period", "9T", "--out", out, "--force")
    assert result.exit_code == 2
    assert "bảng kế hoạch" in result.output
    assert sha(master) == sha(HH_MASTER) and [p.name for p in out.iterdir()] == [master.name]


def test_init_over_the_template_is_refused():
    template = template_path("master.xlsx")
    before = sha(template)
    result = cli("init", template, "--force")
    assert result.exit_code == 2 and "mẫu bảng kế hoạch" in result.output
    assert sha(template) == before


def test_manifest_cells_cannot_become_formulas(hh_master, tmp_path):
    master = copy.deepcopy(hh_master)
    hostile = '=HYPERLINK("http://example.com/x","Bấm vào đây")'
    nv = next(i for i, u in enumerate(master.units) if u.code == "NV")
    master.units[nv] = replace(master.units[nv], name=hostile)
    result = split_master(master, "9T", tmp_path / "giao")
    with open(result.manifest_csv, encoding="utf-8-sig", newline="") as fh:
        rows = {r[0]: r for r in csv.reader(fh)}
    assert rows["NV"][1] == "'" + hostile
    assert rows["TP"][1] == "Phòng Tư pháp"  # ordinary text untouched


def test_a_ledger_option_naming_a_workbook_is_said_in_vietnamese(tmp_path):
    """'merge --db' given a return said "(file is not a database)", SQLite's English (a
    probe); the workbook is left as it was."""
    folder = returns_folder(tmp_path, ONE)
    before = sha(folder / ONE.name)
    wrong = tmp_path / "so-cai.sqlite"
    shutil.copyfile(ONE, wrong)
    result = cli("merge", HH_MASTER, folder, "--period", "9T", "--out", tmp_path / "o" / "t.xlsx",
                 "--db", wrong)
    assert result.exit_code == 1, result.output
    assert "không mở được sổ cái (tệp không phải sổ cái của cchc-xl)" in result.output
    assert "not a database" not in result.output
    assert sha(wrong) == sha(ONE) and sha(folder / ONE.name) == before


def test_no_command_writes_over_another_kind_of_document(tmp_path):
    """report, merge, appendix and remind wrote their output over whatever file --out
    named: a copy of the plan, a Word plan, the consolidated workbook with the office's
    assessments typed in (a probe). Each still writes over its own earlier output."""
    from docx import Document

    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out" / "t.xlsx"
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out).exit_code == 0
    db = out.parent / "cchc-ledger.sqlite"
    plan_copy = shutil.copyfile(HH_MASTER, tmp_path / "kh-copy.xlsx")
    word_plan = tmp_path / "ke-hoach.docx"
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH Cải cách hành chính năm 2026")
    doc.core_properties.comments = ""  # as Word writes it: no python-docx mark
    doc.save(word_plan)
    unit_file = shutil.copyfile(TWO, tmp_path / "mot-don-vi.xlsx")
    cases = [
        (("report", db, "--period", "9T", "--out", plan_copy), plan_copy, "bảng kế hoạch"),
        (("report", db, "--period", "9T", "--out", out), out, "tệp tổng hợp"),
        (("merge", HH_MASTER, folder, "--period", "9T", "--out", plan_copy), plan_copy,
         "bảng kế hoạch"),
        (("appendix", HH_MASTER, "--out", unit_file), unit_file, "tệp của một đơn vị"),
        (("remind", db, "--period", "9T", "--out", word_plan), word_plan,
         "văn bản Word không do cchc-xl tạo"),
        # --force replaces a plan table only: a unit's file and the consolidated workbook
        # were replaced by a plan table (a probe).
        (("import", word_plan, "--out", unit_file, "--force"), unit_file,
         "tệp của một đơn vị"),
        (("init", out, "--force"), out, "tệp tổng hợp"),
    ]
    for args, target, kind in cases:
        before = sha(target)
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert f"đã có tệp này và đó là {kind}" in result.output, result.output
        assert sha(target) == before, args
    # Their own earlier outputs they write again.
    for args in (("report", db, "--period", "9T", "--out", tmp_path / "r.xlsx", "--docx",
                  tmp_path / "r.docx"),
                 ("remind", db, "--period", "9T", "--out", tmp_path / "d.docx"),
                 ("appendix", HH_MASTER, "--out", tmp_path / "p.xlsx")):
        for _ in range(2):
            assert cli(*args).exit_code in (0, 1), args
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out).exit_code == 0


def test_an_excel_workbook_the_office_keeps_is_not_written_over(tmp_path):
    """`remind --csv danh-ba.xlsx`, naming the office's own list of the units' contacts,
    replaced it with the letter's list without a word (a QA pass): only Word documents
    were told apart. A workbook cchc-xl did not write (or that was saved again by an
    office suite) is kept by every command; its own (marked, or written by xlsxwriter
    before the marks) each writes again."""
    import openpyxl
    import xlsxwriter

    from cchc_xl.overwrite import APPENDIX, MERGE_LIST, OTHER_WORKBOOK, REMINDER, kind_of

    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out" / "t.xlsx"
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out).exit_code == 0
    db = out.parent / "cchc-ledger.sqlite"
    contacts = tmp_path / "danh-ba.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Danh sách"
    book.active.append(["Mã đơn vị", "Email"])
    book.active.append(["NV", "noivu@hoanghoa.gov.vn"])
    book.save(contacts)
    assert kind_of(contacts) == OTHER_WORKBOOK
    letter = tmp_path / "don-doc.docx"
    for args in (("remind", db, "--period", "9T", "--out", letter, "--csv", contacts),
                 ("appendix", HH_MASTER, "--out", contacts),
                 ("report", db, "--period", "9T", "--out", contacts),
                 ("merge", HH_MASTER, folder, "--period", "9T", "--out", contacts)):
        before = sha(contacts)
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert f"đã có tệp này và đó là {OTHER_WORKBOOK}" in result.output, result.output
        assert sha(contacts) == before, args
        assert not letter.exists()  # nothing written: the letter neither
    # Its own: a list and an appendix (each carries its mark), written again.
    listed, appendix = tmp_path / "ds.xlsx", tmp_path / "pl.xlsx"
    for _ in range(2):
        assert cli("remind", db, "--period", "9T", "--out", letter, "--csv",
                   listed).exit_code in (0, 1)
        assert cli("appendix", HH_MASTER, "--out", appendix).exit_code in (0, 1)
    assert (kind_of(listed), kind_of(appendix)) == (REMINDER.listing, APPENDIX)
    # Written before the marks: a list (xlsxwriter's, its one sheet) and an appendix (its
    # title) are its own; another program's xlsxwriter workbook is not (a review: the
    # version alone let a PhpSpreadsheet contact list be replaced).
    older, old_appendix, php = (tmp_path / n for n in ("ds-cu.xlsx", "pl-cu.xlsx", "db.xlsx"))
    for path, sheet, title in ((older, "Danh sách", ""),
                               (old_appendix, "Thể chế", "Phụ lục Kế hoạch CCHC năm 2023"),
                               (php, "Danh bạ", "")):
        book = xlsxwriter.Workbook(path)
        book.add_worksheet(sheet)
        book.set_properties({"title": title})
        book.close()
    assert (kind_of(older), kind_of(old_appendix), kind_of(php)) == (MERGE_LIST, APPENDIX,
                                                                      OTHER_WORKBOOK)
    assert cli("remind", db, "--period", "9T", "--out", letter, "--csv",
               older).exit_code in (0, 1)
    assert kind_of(older) == REMINDER.listing  # the list, marked
    before = sha(php)
    assert cli("remind", db, "--period", "9T", "--out", letter, "--csv", php).exit_code == 2
    assert sha(php) == before


def test_a_word_document_another_program_made_with_python_docx_is_not_written_over(tmp_path):
    """cchc-xl told its own Word documents by python-docx's mark, so --out wrote over any
    document another program made with python-docx (a QA pass). It marks its own now; one
    written before the mark (the plan's authority as its author) is still its own."""
    from docx import Document

    from cchc_xl.overwrite import REMINDER, WORD_DOCUMENT, kind_of

    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out" / "t.xlsx"
    assert cli("merge", HH_MASTER, folder, "--period", "9T", "--out", out).exit_code == 0
    db = out.parent / "cchc-ledger.sqlite"
    other = tmp_path / "cong-van.docx"
    doc = Document()  # python-docx's template: its description and author left as they are
    doc.add_paragraph("Công văn của một chương trình khác")
    doc.save(other)
    before = sha(other)
    result = cli("remind", db, "--period", "9T", "--out", other)
    assert result.exit_code == 2, result.output
    assert f"đã có tệp này và đó là {WORD_DOCUMENT}" in result.output
    assert sha(other) == before
    # Written before the mark: python-docx's description, the plan's authority as author.
    older = tmp_path / "don-doc-cu.docx"
    doc = Document()
    doc.core_properties.author = "Ủy ban nhân dân huyện Hoằng Hóa"
    doc.save(older)
    assert kind_of(older) is None  # no title either: any of cchc-xl's to write again
    assert cli("remind", db, "--period", "9T", "--out", older).exit_code in (0, 1)
    assert kind_of(older) == REMINDER.letter  # and marked now


def test_paths_resolved_by_their_folder_are_those_path_resolve_gives(tmp_path):
    """collect.resolved_paths resolves each folder once for its files (a merge given
    2,000 files by name resolved every folder above each): the same paths as
    Path.resolve, through linked folders, linked files and '..' too."""
    import os

    from cchc_xl.intake.collect import resolved_paths

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.xlsx").write_bytes(b"x")
    os.symlink(tmp_path / "a", tmp_path / "link")
    os.symlink(tmp_path / "a" / "b" / "f.xlsx", tmp_path / "a" / "g.xlsx")
    os.symlink(tmp_path / "nowhere.xlsx", tmp_path / "a" / "dangling.xlsx")
    paths = [tmp_path / "a" / "b" / "f.xlsx", tmp_path / "link" / "b" / "f.xlsx",
             tmp_path / "a" / "g.xlsx", tmp_path / "a" / ".." / "a" / "b" / "f.xlsx",
             tmp_path / "link" / ".." / "a" / "g.xlsx", tmp_path / "a" / "dangling.xlsx",
             tmp_path / "a" / "b" / "..", tmp_path / "a" / "b" / "."]
    assert resolved_paths(paths) == [p.resolve() for p in paths]


@pytest.mark.parametrize("read_only", [True, False])
def test_an_output_marked_read_only_is_told_from_one_open_in_excel(tmp_path, monkeypatch,
                                                                   read_only):
    """Windows replaces no file marked Read-only, with the PermissionError of a file open
    in Excel: the consolidated workbook the office had marked so was said to be open in
    Excel ("đóng tệp trong Excel"), which it was not. Marked Read-only, it is said so,
    with what to untick; else (open in Excel) the hint stays."""
    folder = returns_folder(tmp_path, ONE)
    out = tmp_path / "out" / "tong-hop.xlsx"
    args = ("merge", HH_MASTER, folder, "--period", "9T", "--out", out)
    assert cli(*args).exit_code == 0
    before = sha(out)
    if read_only:
        out.chmod(0o444)
    real = os.replace

    def replace_as_windows(src, dst, **kwargs):
        # Over a Read-only file, or the workbook open in Excel: "Access is denied".
        if os.path.exists(dst) and (not os.stat(dst).st_mode & stat.S_IWRITE
                                    or os.path.samefile(dst, out)):
            raise PermissionError(13, "Access is denied", str(src), None, str(dst))
        real(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace_as_windows)
    shutil.copyfile(TWO, folder / TWO.name)
    result = cli(*args)
    assert result.exit_code == 3, result.output
    said = result.output.strip().splitlines()[-1]
    if read_only:
        assert said == (f"Lỗi: tệp {out}: đang đặt chỉ đọc (Read-only), không ghi đè được (bấm "
                        "chuột phải vào tệp, chọn Thuộc tính (Properties), bỏ chọn Chỉ đọc "
                        "(Read-only) rồi chạy lại)"), said
    else:
        assert said == (f"Lỗi: tệp {out}: không ghi được tệp (đóng tệp trong Excel hoặc "
                        "LibreOffice rồi chạy lại)"), said
    assert sha(out) == before
