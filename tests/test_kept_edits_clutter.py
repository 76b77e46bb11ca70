"""A copy of an output is kept as "bản đã sửa" only when the office edited it
(cchc_xl.edited), never as clutter: the data folder copied elsewhere (`cp -r`, the
record's paths moved and the files' times lost), the outputs of an older cchc-xl made
again after an upgrade, a CSV the record lost whose content is made again, a command
that failed half-way. A QA pass found each of these kept copies nobody had edited."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx as python_docx
from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.edited import RECORD
from cchc_xl.errors import OutputError
from support.paths import HH_MASTER
from support.saved import kept_copies, rewritten, saved_by_word

RETURNS = HH_MASTER.parent / "returns-9T"


def _run(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def _merged(folder: Path) -> Path:
    folder.mkdir()
    out = folder / "tong-hop-9T.xlsx"
    done = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(
        RETURNS / "NV-phong-noi-vu.xlsx"), "--period", "9T", "--out", str(out), "--silent"])
    assert done.exit_code in (0, 1), done.output
    return out


def _commands(folder: Path) -> tuple[list[str], list[str]]:
    merged = str(folder / "tong-hop-9T.xlsx")
    return (["report", merged, "--period", "9T", "--out", str(folder / "bao-cao-9T.xlsx"),
             "--docx", str(folder / "bao-cao-9T.docx")],
            ["remind", merged, "--period", "9T", "--out", str(folder / "cv.docx"),
             "--csv", str(folder / "ds.xlsx"), "--csv", str(folder / "ds.csv")])


def _made(folder: Path, *which: str) -> tuple[list[str], list[str]]:
    """NV's return merged into ``folder``, then the outputs of the commands named in
    ``which`` ("report", "remind") made once: the two commands."""
    _merged(folder)
    report, remind = _commands(folder)
    for command in (report, remind):
        if command[0] in which:
            _run(command)
    return report, remind


def _kept(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*bản đã sửa*"))


def test_a_data_folder_copied_elsewhere_keeps_nothing_nobody_edited(tmp_path):
    first = tmp_path / "may-cu"
    _made(first, "report", "remind")
    copy = tmp_path / "may-moi"
    shutil.copytree(first, copy, copy_function=shutil.copy)  # as `cp -r`: times lost
    report, remind = _commands(copy)
    said = _run(report) + _run(remind)
    assert "bản đã sửa" not in said and _kept(copy) == []
    # In the copy, the record still tells an edit a script made (python-docx keeps
    # every mark of the document: only the record knows).
    draft = copy / "bao-cao-9T.docx"
    doc = python_docx.Document(str(draft))
    doc.add_paragraph("Đoạn một chương trình khác thêm vào.")
    doc.save(str(draft))
    edited = draft.read_bytes()
    _run(report)
    assert [k.read_bytes() for k in kept_copies(draft)] == [edited]


def _as_older_cchc_xl_wrote(path: Path) -> None:
    """A Word document as cchc-xl wrote it before it stamped its own: no one as its
    last modifier (python-docx's default), the rest the same."""
    def change(name: str, data: bytes) -> bytes:
        if name == "docProps/core.xml":
            data = re.sub(rb"<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>",
                          b"<cp:lastModifiedBy/>", data)
        return data

    rewritten(path, change)


def test_an_older_cchc_xl_s_outputs_made_again_after_an_upgrade_keep_nothing(tmp_path):
    folder = tmp_path / "du-lieu"
    report, remind = _made(folder, "report", "remind")
    for name in ("bao-cao-9T.docx", "cv.docx"):
        _as_older_cchc_xl_wrote(folder / name)
    for record in tmp_path.rglob(RECORD):  # the older version kept no record
        record.unlink()
    said = _run(report) + _run(remind)
    assert "bản đã sửa" not in said and _kept(folder) == []
    # One of them the office had saved in Word: still kept.
    for record in tmp_path.rglob(RECORD):
        record.unlink()
    letter = folder / "cv.docx"
    _as_older_cchc_xl_wrote(letter)
    edited = saved_by_word(letter)
    said = _run(remind)
    assert [k.read_bytes() for k in kept_copies(letter)] == [edited]
    assert "tệp cv.docx đã được sửa sau khi cchc-xl lập" in said


def test_a_csv_without_a_record_is_kept_only_if_it_differs_from_the_new_one(tmp_path):
    folder = tmp_path / "du-lieu"
    _, remind = _made(folder, "remind")
    csv = folder / "ds.csv"
    for record in tmp_path.rglob(RECORD):
        record.unlink()
    assert "bản đã sửa" not in _run(remind) and kept_copies(csv) == []
    for record in tmp_path.rglob(RECORD):
        record.unlink()
    csv.write_bytes(csv.read_bytes() + "X,Đơn vị thêm tay,,,\r\n".encode())
    edited = csv.read_bytes()
    said = _run(remind)
    assert [k.read_bytes() for k in kept_copies(csv)] == [edited]
    assert f"\"{kept_copies(csv)[0].name}\"" in said


def test_a_report_that_failed_half_way_records_what_it_wrote(tmp_path, monkeypatch):
    folder = tmp_path / "du-lieu"
    report, _ = _made(folder, "report")
    late = CliRunner().invoke(main, ["merge", str(HH_MASTER), str(RETURNS / "NV-phong-noi-vu.xlsx"),
                                     str(RETURNS / "TP-phong-tu-phap.xlsx"), "--period", "9T",
                                     "--out", str(folder / "tong-hop-9T.xlsx"), "--silent"])
    assert late.exit_code in (0, 1), late.output  # a late file: other figures

    def failed(summary, path):
        raise OutputError("ổ đĩa đầy", file=str(path))

    with monkeypatch.context() as patch:
        patch.setattr("cchc_xl.report.write_docx", failed)
        assert CliRunner().invoke(main, report).exit_code != 0  # the workbook written
    said = _run(report)
    assert "bản đã sửa" not in said and _kept(folder) == []



def test_a_draft_kept_by_a_run_that_could_not_write_is_not_kept_twice(tmp_path, monkeypatch):
    """The draft the office edited is still open in Word: cchc-xl keeps her copy, then
    cannot write the new one. Made again once she closed it, her copy (the same) is
    named again, not kept a second time."""
    folder = tmp_path / "du-lieu"
    report, _ = _made(folder, "report")
    draft = folder / "bao-cao-9T.docx"
    edited = saved_by_word(draft)

    def failed(summary, path):
        raise OutputError("không ghi được tệp", file=str(path))

    with monkeypatch.context() as patch:
        patch.setattr("cchc_xl.report.write_docx", failed)
        assert CliRunner().invoke(main, report).exit_code != 0
    said = _run(report)
    (kept,) = kept_copies(draft)
    assert kept.read_bytes() == edited and f"\"{kept.name}\"" in said
    _run(report)
    assert kept_copies(draft) == [kept]


def test_the_note_names_her_copy_once_and_the_folder_it_is_in(tmp_path, monkeypatch):
    folder = tmp_path / "du-lieu"
    _merged(folder)
    monkeypatch.chdir(folder)  # the paths given relative, as typed in the folder
    remind = ["remind", "tong-hop-9T.xlsx", "--period", "9T", "--out", "cv.docx"]
    _run(remind)
    edited = saved_by_word(folder / "cv.docx")
    said = _run(remind)
    (kept,) = kept_copies(folder / "cv.docx")
    assert kept.read_bytes() == edited
    (note,) = [line for line in said.splitlines() if "bản đã sửa" in line]
    assert note.count(kept.name) == 1
    assert note.endswith(f"chép phần đã sửa sang bản mới nếu cần (thư mục {folder.resolve()}).")


def _record_many(job: tuple[Path, Path, int]) -> None:
    from cchc_xl.edited import remember_written

    folder, record, first = job
    for n in range(first, first + 60):
        written = folder / f"danh-sach-{n}.csv"
        written.write_text(f"dòng {n}\n", encoding="utf-8")
        remember_written([written], record)


def test_two_programs_recording_at_once_lose_no_entry(tmp_path):
    """The command line run beside the web app, both writing their outputs in one data
    folder: each reads the record and writes it back whole. Without one at a time, one
    process's entries were lost (172 of 300 kept), and the outputs it wrote would later
    be kept as "bản đã sửa" copies nobody edited."""
    import json
    import multiprocessing

    record = tmp_path / RECORD
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_record_many, [(tmp_path, record, 0), (tmp_path, record, 1000)])
    kept = json.loads(record.read_text(encoding="utf-8"))
    assert len(kept) == 120
    assert not list(tmp_path.glob("*.lock"))  # no lock file left beside the record
