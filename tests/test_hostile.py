"""Hostile and careless returned files (made by tests/support/hostile.py), each merged with
two good files in a merge process of its own (support/cli_process.py) limited to 1 GB of
address space: the file is rejected with a reason or read right, the good files are
merged, the ledger holds exactly the run's files, and the master is untouched.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from cchc_xl.merge import merge_returns
from cchc_xl.xlio import CELL_TEXT_MAX, file_sha256
from support import hostile
from support.cli_process import CliProcesses, Done
from support.paths import HH_MASTER, ROOT

# Every case merges generated files in a process of its own: the slow tier.
pytestmark = pytest.mark.slow

SAMPLES = ROOT / "workbooks" / "hoang-hoa-2023" / "returns-9T"
BASE = SAMPLES / "NV-phong-noi-vu.xlsx"  # a clean return, 0 findings
GOOD = {"BPMC": SAMPLES / "BPMC-bo-phan-tiep-nhan-va-tra-ket-qua-huyen.xlsx",
        "X13": SAMPLES / "X13-xa-hoang-kim.xlsx"}
ADDRESS_SPACE = 1 << 30




def merge_limited(cli_processes: CliProcesses, folder: Path, files: list[Path]
                  ) -> tuple[Done, dict]:
    """`cchc-xl merge --json --feedback` of ``files`` in a process of its own (and its
    workers) under 1 GB: feedback opens a file whole, which must not be done for a
    huge one."""
    returns = folder / "nhan-ve"
    returns.mkdir(parents=True)
    for f in files:
        shutil.copyfile(f, returns / f.name)
    proc = cli_processes.run(["merge", HH_MASTER, returns, "--period", "9T",
                             "--out", folder / "out" / "tong-hop.xlsx", "--json",
                             "--feedback", folder / "phan-hoi"],
                             folder / "cli", limits={"RLIMIT_AS": ADDRESS_SPACE})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc, json.loads(proc.stdout)


def unit_rows(rows: list[dict], unit: str) -> dict[str, tuple]:
    return {r["task"]: (r["status"], r["percent"], r["completed_on"], r["evidence"], r["note"])
            for r in rows if r["unit"] == unit}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return hostile.make_corpus(BASE, tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory, hh_master) -> dict[str, dict[str, tuple]]:
    """What merge reads from the untouched files."""
    folder = tmp_path_factory.mktemp("reference")
    result = merge_returns(hh_master, [BASE, *GOOD.values()], "9T", folder / "t.xlsx")
    rows = [{"task": r.deliverable, "unit": r.unit, "status": r.status, "percent": r.percent,
             "completed_on": r.completed_on.isoformat() if r.completed_on else None,
             "evidence": r.evidence, "note": r.note} for r in result.rows]
    return {unit: unit_rows(rows, unit) for unit in ("NV", *GOOD)}


@pytest.mark.parametrize("case", list(hostile.CASES))
def test_hostile_file(case, corpus, reference, cli_processes, tmp_path):
    master_before = file_sha256(HH_MASTER)
    proc, data = merge_limited(cli_processes, tmp_path, [*GOOD.values(), corpus[case]])
    assert file_sha256(HH_MASTER) == master_before
    files = {Path(f["path"]).name: f for f in data["files"] if f["in_run"]}
    assert len(files) == 3
    # The good files of the same run are merged, read as when alone.
    for unit, path in GOOD.items():
        assert files[path.name]["outcome"] == "accepted"
        assert unit_rows(data["rows"], unit) == reference[unit]
    got = files[corpus[case].name]
    outcome, code = hostile.EXPECTED[case]
    assert got["outcome"] == outcome, got["problems"]
    codes = {p["code"] for p in got["problems"]}
    if outcome == "rejected":
        assert proc.returncode == 1
        reason = next(p["message"] for p in got["problems"] if p["code"] == code)
        assert "tệp" in reason and "gửi lại" in reason  # what is wrong, what to do
        if case == "ods-bomb":  # refused by its limits, never handed to LibreOffice
            assert "giới hạn" in reason and "LibreOffice" not in reason, reason
    else:
        assert proc.returncode == 0
        assert code is None or code in codes
        assert not codes & {"row-missing", "identity-checksum", "file-unreadable"}
        rows = unit_rows(data["rows"], "NV")
        expected = dict(reference["NV"])
        if case == "over-long-note":  # one note, cut to what a cell holds
            (changed,) = [did for did in rows if rows[did] != expected[did]]
            note = rows[changed][4]
            assert CELL_TEXT_MAX - 2 <= len(note) <= CELL_TEXT_MAX  # cut, then trimmed
            assert note.startswith("Khó khăn: chưa bố trí")
            expected[changed] = (*expected[changed][:4], note)
        assert rows == expected
    # The ledger holds this run's three files, each once, and nothing half-written.
    with sqlite3.connect(tmp_path / "out" / "cchc-ledger.sqlite") as db:
        recorded = dict(db.execute("SELECT path, outcome FROM submissions").fetchall())
        unfinished = db.execute("SELECT count(*) FROM merges WHERE finished_at IS NULL")
        assert unfinished.fetchone()[0] == 0
        kept = {sha for sha, in db.execute("SELECT sha256 FROM submissions")}
    assert {Path(p).name: o for p, o in recorded.items()} == {
        name: f["outcome"] for name, f in files.items()}
    # The archive holds the files recorded, each under its SHA-256, and nothing else (no
    # copy a worker made to read a file that was then not recorded).
    archived = [p for p in (tmp_path / "out" / "cchc-archive").rglob("*") if p.is_file()]
    assert {p.name.split(".")[0] for p in archived} == kept
    assert all(file_sha256(p) == p.name.split(".")[0] for p in archived)


def test_dragged_column_is_read_up_to_the_tasks(corpus, cli_processes, tmp_path):
    """The careless file: rows below the tasks are read up to a margin, then reading
    stops with one warning naming the row; the unit is told to delete the extra rows."""
    _, data = merge_limited(cli_processes, tmp_path, [corpus["dragged-status"]])
    problems = data["files"][0]["problems"]
    stop = [p for p in problems if p["code"] == "rows-past-limit"]
    assert len(stop) == 1 and "xóa các dòng thừa" in stop[0]["message"]
    assert sum(p["code"] == "row-added" for p in problems) <= 60


def test_hostile_zips_of_returns(cli_processes, tmp_path):
    """A zip holding a 2 GB file is refused whole (nothing of it written); a zip whose
    member lies about its size gives its good return, the liar is skipped as damaged;
    the good files given beside them are merged; all under 1 GB."""
    made = {}
    for name, make in hostile.BUNDLES.items():
        made[name] = tmp_path / "made" / f"{name}.zip"
        made[name].parent.mkdir(exist_ok=True)
        make(BASE, made[name])
    proc, data = merge_limited(cli_processes, tmp_path / "run", [*GOOD.values(), *made.values()])
    assert proc.returncode == 0, proc.stderr
    outcomes = {Path(f["path"]).name: f["outcome"] for f in data["files"] if f["in_run"]}
    assert outcomes == {**{p.name: "accepted" for p in GOOD.values()}, BASE.name: "accepted"}
    skipped = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert "dem.xlsx" in skipped["bundle-bomb.zip"] and "giới hạn" in skipped["bundle-bomb.zip"]
    assert "bị hỏng" in skipped["noi-doi.xlsx"]
    (unpacked,) = data["bundles"]
    assert Path(unpacked["path"]).name == "bundle-liar.zip"
    written = [p for p in (tmp_path / "run" / "out" / "cchc-archive").rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in written) < 1 << 20  # the returns, nothing of 2 GB


@pytest.fixture
def crowded(tmp_path, monkeypatch):
    """A zip with one entry more than any workbook has, and the list of the zip files
    whose directory was read (zipfile lists a directory when it opens one)."""
    import zipfile

    from cchc_xl import bounds

    path = tmp_path / "NV.xlsx"
    hostile.crowded_directory(BASE, path, entries=bounds.MAX_ZIP_ENTRIES + 1)
    listed: list[str] = []
    real = zipfile.ZipFile._RealGetContents
    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents",
                        lambda zf: (listed.append(zf.filename), real(zf))[1])
    return path, listed


def test_a_crowded_zip_is_refused_without_listing_its_directory(crowded):
    """Reading the saved time of a file the sniff had called crowded listed its 1.2
    million entries anyway (6 s of CPU and a gigabyte's worth of objects), before the
    refusal the end record alone had given."""
    from cchc_xl.intake import read_return

    path, listed = crowded
    rf = read_return(path)
    assert rf.error is not None and "tệp nén có hơn 20.000 phần" in rf.error.message
    assert listed == []


def test_a_crowded_zip_given_as_the_plan_is_refused_without_listing_its_directory(crowded):
    """The plan's formula cells were looked for (listing the zip) before the file was
    known to be a workbook: 7 s of CPU to say it is not one."""
    from cchc_xl.errors import WorkbookError
    from cchc_xl.master import load_master

    path, listed = crowded
    with pytest.raises(WorkbookError, match="tệp nén có hơn 20.000 phần"):
        load_master(path)
    assert listed == []


def test_a_plan_dragged_to_the_last_row_is_refused_within_bounds(cli_processes, tmp_path):
    """A column of the plan's groups sheet dragged to Excel's last row: the plan was read
    whole by openpyxl (300,000 rows took 580 MB and 23 s, the whole sheet about 2 GB)
    and gave a finding per row ("nhóm chưa có mã", 300,000 lines)."""
    master = tmp_path / "ke-hoach.xlsx"
    hostile.dragged_plan_column(HH_MASTER, master, stray=True)  # the scan: test_fast_reader
    before = file_sha256(master)
    proc = cli_processes.run(["check", master], tmp_path / "cli",
                             limits={"RLIMIT_AS": ADDRESS_SPACE})
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert (f"{master}, trang 'Nhóm': trang tính có dòng đến số 1.048.576 (giới hạn 20.000 "
            "dòng): thường do kéo giá trị, công thức hoặc định dạng xuống quá xa: xóa các "
            "dòng thừa ở cuối trang tính") in proc.stdout
    assert len(proc.stdout.splitlines()) == 2  # the refusal and the count
    assert file_sha256(master) == before
    # Merging with it: refused the same way, before any return is read.
    returns = tmp_path / "nhan-ve"
    returns.mkdir()
    shutil.copyfile(BASE, returns / BASE.name)
    proc = cli_processes.run(["merge", master, returns, "--period", "9T", "--out",
                             tmp_path / "out" / "tong-hop.xlsx"], tmp_path / "cli2",
                             limits={"RLIMIT_AS": ADDRESS_SPACE})
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1  # a data error (README: exit codes)
    assert "trang 'Nhóm': trang tính có dòng đến số 1.048.576" in proc.stderr
    assert not (tmp_path / "out" / "tong-hop.xlsx").exists()


def test_an_office_plan_too_large_to_read_whole_is_refused_by_import(cli_processes, tmp_path):
    """import read an office's own plan table, and a Word plan, whole (openpyxl,
    python-docx) whatever they held: a table dragged to Excel's last row, or a Word file
    unzipping to 2 GB, ran out of memory with a traceback."""
    table = tmp_path / "ke-hoach-cua-so.xlsx"
    hostile.dragged_plan_column(HH_MASTER, table, stray=True)
    word = tmp_path / "ke-hoach.docx"
    hostile.word_bomb(word)
    # The table is cchc-xl's own: refused before it is read (told what it is, exit 2);
    # the Word plan, by its limits.
    for source, said, code in ((table, ": đây đã là bảng kế hoạch (theo mẫu của cchc-xl), "
                                       "không cần nhập", 2),
                               (word, ": phần 'word/document.xml' khi giải nén lớn 2 GB (giới "
                                      "hạn 32 MB): nội dung lớn bất thường", 1)):
        before = file_sha256(source)
        out = tmp_path / f"bang-{source.stem}.xlsx"
        proc = cli_processes.run(["import", source, "--out", out], tmp_path / f"cli-{source.stem}",
                                 limits={"RLIMIT_AS": ADDRESS_SPACE})
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode == code, proc.stderr
        assert f"tệp {source}{said}" in proc.stderr, proc.stderr
        assert not out.exists() and file_sha256(source) == before
