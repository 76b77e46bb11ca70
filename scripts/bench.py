"""Benchmark merge and split against the bare cost of the same work.

    python scripts/bench.py [--sizes 50,150,500,2000] [--reps 5] [--fresh]
    python scripts/bench.py --split-only [--reps 5]

Corpora (generated once, cached in .bench-cache/, rebuilt with --fresh): a province
plan (the Hoằng Hóa plan with 150 units: its departments and generated communes)
and a national one (2,000 units), split for 9T, every unit's workbook filled
realistically and saved by openpyxl as a person's office suite would. Sizes up to
150 files take the province's returns, larger sizes the national plan's.

For each size, paired runs (floor then merge, each in a fresh process so peak RSS
is the run's own, importing cchc-xl compiled to bytecode as an installed copy is),
medians over the repetitions. Each job's clock starts once its modules are imported
(the start-up, paid once whatever the number of files, is printed beside it) and
stops before its files are removed:

- floor: zipfile + lxml iterparse touching every cell (and shared string) of every
  sheet of the same files, the least any reader must do; and the same on both cores
  (half the files each), as merge reads them: where two busy cores slow each other
  down, both take more CPU time for the same work;
- merge: the whole command (hashing, archive, reading on both cores, validation,
  ledger, consolidated workbook); CPU of the process and its workers;
- calamine: pandas.read_excel(engine="calamine") of every sheet, for reference;
- peak RSS of the merge process (ru_maxrss, workers listed apart);
- one late file: the merge of the same files when all but the last were merged
  before (that first merge not timed), against the full merge.

Then split of the province against a bare xlsxwriter workbook with the same cell
values per unit. Timings are CPU seconds (the machine is shared; wall time is
printed beside). Each ratio is the median of the pairs' ratios (the issue's measure),
with the lowest and highest pair beside it and the ratio of each side's quickest run
(load only ever adds CPU time, so the quickest runs are the least disturbed). No
assertion: the numbers are for people.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import importlib
import json
import os
import pickle
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if "--job" in sys.argv and "calamine" not in sys.argv:
    # A measured job runs as on a plain install of cchc-xl, which has no numpy (only
    # pandas, for the calamine column, brings it here). openpyxl imports numpy when it
    # can, and numpy's OpenBLAS then starts a thread that spins for about 0.1 s of CPU:
    # counted in the job's process time, it inflated the floor by half at 50 files.
    sys.modules["numpy"] = None

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# cchc-xl is imported where it is used, not here: a measured job imports its own
# modules and times that apart (STARTUP).
if TYPE_CHECKING:
    from cchc_xl.model import Master, Unit

MASTER = ROOT / "workbooks" / "hoang-hoa-2023" / "master.xlsx"
CACHE = ROOT / ".bench-cache"
PERIOD = "9T"
PLANS = {"province": 150, "national": 2000}  # units in the plan
CORPUS_VERSION = "3"  # raise when the generated files should change (3: identity "shown")


# --- corpora --------------------------------------------------------------------------

def _commune(n: int) -> Unit:
    from cchc_xl.model import Unit
    from cchc_xl.vocab import COMMUNE

    # Same length for every n: a cloned file differs from its template only in these.
    return Unit(code=f"X{n:04d}", name=f"Xã Thử Nghiệm {n:04d}", kind=COMMUNE, row=n)


def scaled_master(base: Master, units: int) -> Master:
    """The plan with ``units`` units: its own non-commune units, then generated communes
    taking every assignment the plan gives its communes."""
    from cchc_xl.vocab import COMMUNE

    master = copy.deepcopy(base)
    old = {u.code for u in master.units if u.kind == COMMUNE}
    kept = [u for u in master.units if u.kind != COMMUNE]
    new = [_commune(n) for n in range(1, units - len(kept) + 1)]
    master.units = kept + new
    codes = [u.code for u in new]
    for d in master.deliverables():
        for attr in ("lead", "support"):
            given = getattr(d, attr)
            if any(c in old for c in given):
                setattr(d, attr, [c for c in given if c not in old] + codes)
    for g in master.groups:
        g.members = [c for c in g.members if c not in old]
    return master


def _fill(job: tuple) -> str:
    from make_sample_returns import fill_return, realistic_answers

    master_file, src, dst, unit, saved = job
    master = _load_pickle(master_file)
    period = master.period(PERIOD)
    fill_return(Path(src), Path(dst), realistic_answers(master, period, unit), saved_at=saved)
    return dst


_PICKLED: dict[str, Master] = {}


def _load_pickle(path: str) -> Master:
    if path not in _PICKLED:
        _PICKLED[path] = pickle.loads(Path(path).read_bytes())
    return _PICKLED[path]


def corpus(name: str, fresh: bool) -> tuple[Path, list[Path]]:
    """(pickled master, filled returns in unit order) for one generated plan, cached.

    Each non-commune unit's workbook is split and filled with openpyxl (realistic
    answers, saved as an office suite saves); commune 1's too, and every other
    commune's file is that one with the code, name, identity checksum and saved time
    changed (communes get the same rows: filling thousands with openpyxl takes an hour).
    """
    from cchc_xl import assignment as A
    from cchc_xl import model as plan_model
    from cchc_xl.master import load_master
    from cchc_xl.split import split_master
    from cchc_xl.vocab import COMMUNE
    from make_sample_returns import ISSUED_AT

    # The plan's model in the key: a corpus cached by code whose dataclasses had other
    # fields unpickles into objects without the new ones (Plan.amendments: the bench
    # failed on a cache made that morning).
    model = hashlib.sha256(Path(plan_model.__file__).read_bytes())
    digest = hashlib.sha256(f"{CORPUS_VERSION}/{PLANS[name]}/{PERIOD}/{model.hexdigest()}"
                            .encode()).hexdigest()
    folder = CACHE / f"{name}-{digest[:12]}"
    done = folder / "done.json"
    if done.is_file() and not fresh:
        return folder / "master.pickle", [folder / p for p in json.loads(done.read_text())]
    shutil.rmtree(folder, ignore_errors=True)
    print(f"tạo bộ tệp {name} ({PLANS[name]} đơn vị) trong {folder}...", file=sys.stderr)
    base = load_master(MASTER)
    master = scaled_master(base, PLANS[name])
    kept = sum(1 for u in master.units if u.kind != COMMUNE)
    small = scaled_master(base, kept + 1)
    folder.mkdir(parents=True)
    (folder / "master.pickle").write_bytes(pickle.dumps(master))
    small_file = folder / "small.pickle"
    small_file.write_bytes(pickle.dumps(small))
    split = split_master(small, PERIOD, folder / "split", issued_at=ISSUED_AT)
    saved = datetime(2023, 9, 14, 8)
    jobs = [(str(small_file), str(f.path), str(folder / "returns" / f.path.name), f.unit_code,
             saved + timedelta(minutes=n)) for n, f in enumerate(split.files)]
    (folder / "returns").mkdir()
    with ProcessPoolExecutor(2) as pool:
        paths = [Path(p) for p in pool.map(_fill, jobs)]
    template = next(p for p in paths if p.name.startswith("X0001-"))
    rows = [ar.deliverable.id for ar in A.assigned_rows(small, "X0001")]
    old = {b"X0001": None, _commune(1).name.encode(): None,
           A.checksum(small.plan.key, "X0001", PERIOD, rows).encode(): None}
    for unit in master.units[kept + 1:]:
        new = [unit.code.encode(), unit.name.encode(),
               A.checksum(master.plan.key, unit.code, PERIOD, rows).encode()]
        target = folder / "returns" / template.name.replace("X0001", unit.code).replace(
            "0001", f"{unit.row:04d}")
        _clone(template, target, dict(zip(old, new, strict=True)),
               saved + timedelta(minutes=len(paths)))
        paths.append(target)
    done.write_text(json.dumps([str(p.relative_to(folder)) for p in paths]))
    return folder / "master.pickle", paths


def _clone(source: Path, target: Path, replace: dict[bytes, bytes], when: datetime) -> None:
    """A copy of a filled return with some strings replaced and another saved time."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            for old, new in replace.items():
                data = data.replace(old, new)
            if info.filename == "docProps/core.xml":
                start = data.index(b">", data.index(b"<dcterms:modified")) + 1
                data = data[:start] + stamp + data[data.index(b"<", start):]
            dst.writestr(info, data)


# --- measured jobs (each runs in its own process) ---------------------------------------

def floor(paths: list[Path]) -> int:
    """Unzip and iterparse every worksheet and the shared strings, touching each cell."""
    from lxml import etree

    seen = 0
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not (name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"):
                    continue
                if not name.endswith(".xml"):
                    continue
                with zf.open(name) as fh:
                    for _, el in etree.iterparse(fh, events=("end",)):
                        if el.tag.endswith("}c") or el.tag.endswith("}si"):
                            el.get("r"), el.get("t"), el.get("s")
                            seen += len(el.findtext("*") or "")
                            el.clear()
    return seen


def floor_on_both_cores(paths: list[Path]) -> int:
    """The floor with the files read on both cores, half each, as merge reads them: on a
    machine whose two cores slow each other down when both are busy (shared with other
    machines, or two threads of one core), each busy process takes more CPU time for the
    same work, the merge's workers and this alike."""
    import multiprocessing

    halves = [paths[0::2], paths[1::2]]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return sum(pool.map(floor, halves))


def calamine(paths: list[Path]) -> int:
    import pandas

    return sum(frame.size for p in paths
               for frame in pandas.read_excel(p, sheet_name=None, engine="calamine",
                                              header=None).values())


def merge(paths: list[Path], master_file: Path, folder: Path) -> int:
    from cchc_xl.merge import merge_returns

    master = _load_pickle(str(master_file))
    result = merge_returns(master, list(paths), PERIOD, folder / "OUT.xlsx")
    return len(result.rows)


def merged_but_the_last(paths: list[Path], master_file: Path, folder: Path):
    """Every file but the last merged into a ledger in ``folder`` (not timed); the
    merge of all of them, which reads only the late one, to time."""
    from cchc_xl.merge import merge_returns

    master = _load_pickle(str(master_file))
    merge_returns(master, list(paths[:-1]), PERIOD, folder / "OUT.xlsx")
    return lambda: merge_returns(master, list(paths), PERIOD, folder / "OUT.xlsx")


def split(master_file: Path, folder: Path) -> int:
    from cchc_xl.split import split_master
    from make_sample_returns import ISSUED_AT

    master = _load_pickle(str(master_file))
    return len(split_master(master, PERIOD, folder / "s", issued_at=ISSUED_AT).files)


def bare_split(contents_file: Path, folder: Path) -> int:
    """The same cell values per unit as split writes, with a bare xlsxwriter workbook."""
    import xlsxwriter

    contents = pickle.loads(contents_file.read_bytes())
    for n, sheets in enumerate(contents):
        wb = xlsxwriter.Workbook(str(folder / f"{n}.xlsx"), {"in_memory": True})
        for title, rows in sheets:
            ws = wb.add_worksheet(title)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is not None:
                        ws.write(r, c, value)
        wb.close()
    return len(contents)


def _half(contents_file: Path, half: int) -> Path:
    """The file of every second unit's contents (0: the first, 1: the second): written
    once before the runs, as the whole is."""
    return contents_file.with_name(f"{contents_file.stem}-{half}.pickle")


def _bare_half(job: tuple[str, str, int]) -> int:
    contents_file, folder, half = job
    out = Path(folder) / f"half-{half}"
    out.mkdir()
    return bare_split(_half(Path(contents_file), half), out)


def bare_split_on_both_cores(contents_file: Path, folder: Path) -> int:
    """The bare workbooks written on both cores, half each, as split writes its units'
    (pool.ordered_map): on this machine two busy cores slow each other down, which split
    pays and the bare workbook in one process does not (as floor_on_both_cores)."""
    import multiprocessing

    jobs = [(str(contents_file), str(folder), half) for half in (0, 1)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return sum(pool.map(_bare_half, jobs))


# What each job imports before its clock starts. Importing a program is its start-up, paid
# once whatever the number of files (cchc-xl's 0.2-0.3 s of CPU was 1.5-2 ms a file of a
# 150-file merge, 5 ms of a 50-file one; lxml's 0.01 s): measured apart and printed beside
# the work, not spread over the files as if each cost it.
STARTUP = {
    "floor": ("lxml.etree",), "floor-both": ("lxml.etree", "multiprocessing"),
    "calamine": ("pandas", "python_calamine"), "merge": ("cchc_xl.merge",),
    "late": ("cchc_xl.merge",), "split": ("cchc_xl.split", "make_sample_returns"),
    "bare-split": ("xlsxwriter",), "bare-both": ("xlsxwriter", "multiprocessing"),
}


def _job(args: argparse.Namespace) -> None:
    """Run one measured job in this process and print its figures as JSON."""
    paths = [Path(p) for p in json.loads(Path(args.paths).read_text())] if args.paths else []
    started = time.process_time()
    for module in STARTUP[args.job]:
        importlib.import_module(module)
    startup = time.process_time() - started
    # What a job writes goes in a folder removed after its clock stops: tidying up is
    # the bench's work, not the job's.
    with tempfile.TemporaryDirectory(prefix="cchc-bench-job-") as tmp:
        late = (merged_but_the_last(paths, Path(args.master), Path(tmp))
                if args.job == "late" else None)
        # Workers of the untimed part (the late job's first merge) are not counted.
        done_before = _children_cpu()
        before = time.process_time(), time.perf_counter()
        if args.job == "floor":
            floor(paths)
        elif args.job == "floor-both":
            floor_on_both_cores(paths)
        elif args.job == "calamine":
            calamine(paths)
        elif args.job == "merge":
            merge(paths, Path(args.master), Path(tmp))
        elif args.job == "late":
            late()
        elif args.job == "split":
            split(Path(args.master), Path(tmp))
        elif args.job == "bare-split":
            bare_split(Path(args.master), Path(tmp))
        elif args.job == "bare-both":
            bare_split_on_both_cores(Path(args.master), Path(tmp))
        cpu, wall = time.process_time() - before[0], time.perf_counter() - before[1]
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"cpu": cpu + _children_cpu() - done_before, "wall": wall,
                      "startup": startup,
                      "rss": own.ru_maxrss / 1024, "worker_rss": children.ru_maxrss / 1024}))


def _children_cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def measure(job: str, paths_file: Path | None, master_file: Path | None) -> dict:
    command = [sys.executable, __file__, "--job", job]
    if paths_file:
        command += ["--paths", str(paths_file)]
    if master_file:
        command += ["--master", str(master_file)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the table ------------------------------------------------------------------------

def bench_merge(sizes: list[int], reps: int, fresh: bool, tmp: Path) -> list[dict]:
    results = []
    for size in sizes:
        name = "province" if size <= PLANS["province"] else "national"
        master_file, returns = corpus(name, fresh)
        paths = returns[:size]
        paths_file = tmp / f"paths-{size}.json"
        paths_file.write_text(json.dumps([str(p) for p in paths]))
        runs = max(1, reps if size <= 500 else reps // 3)
        floors, boths, merges = [], [], []
        for _ in range(runs):
            floors.append(measure("floor", paths_file, None))
            boths.append(measure("floor-both", paths_file, None))
            merges.append(measure("merge", paths_file, master_file))
        cal = measure("calamine", paths_file, None)
        lates = [measure("late", paths_file, master_file) for _ in range(max(1, runs // 2))]
        ratios = [m["cpu"] / f["cpu"] for f, m in zip(floors, merges, strict=True)]
        ratios_both = [m["cpu"] / f["cpu"] for f, m in zip(boths, merges, strict=True)]
        full = statistics.median(m["cpu"] for m in merges)
        late = statistics.median(m["cpu"] for m in lates)
        results.append({
            "plan": name, "files": size, "runs": runs,
            "merge_ms": 1000 * statistics.median(m["cpu"] for m in merges) / size,
            "merge_wall_ms": 1000 * statistics.median(m["wall"] for m in merges) / size,
            "startup_ms": 1000 * statistics.median(m["startup"] for m in merges),
            "floor_ms": 1000 * statistics.median(f["cpu"] for f in floors) / size,
            # Two decimals: the target is 3×, and 3.0× alone may be either side of it.
            "ratio": statistics.median(ratios), "spread": _spread(ratios, 2),
            "both_ms": 1000 * statistics.median(f["cpu"] for f in boths) / size,
            "ratio_both": statistics.median(ratios_both),
            "quickest": min(m["cpu"] for m in merges) / min(f["cpu"] for f in floors),
            "calamine_ms": 1000 * cal["cpu"] / size,
            "rss": statistics.median(m["rss"] for m in merges),
            "worker_rss": statistics.median(m["worker_rss"] for m in merges),
            "late_runs": len(lates), "late_ms": 1000 * late, "full_ms": 1000 * full,
            "late_share": late / full, "late_files": late / (full / size),
        })
        print_merge_row(results[-1])
    return results


def print_late_table(results: list[dict]) -> None:
    """What one late file costs: a merge of every file where all but it were merged
    before (only it is read; the ledger, figures and consolidated workbook are done
    again), against the full merge of the same files."""
    print()
    print("| one late file | files | runs | late merge ms (CPU) | full merge ms (CPU) | "
          "late/full | as many files' share of the full merge |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['plan']} | {r['files']} | {r['late_runs']} | {r['late_ms']:.0f} | "
              f"{r['full_ms']:.0f} | {100 * r['late_share']:.0f}% | {r['late_files']:.0f} |")


def print_merge_header() -> None:
    print("| plan | files | runs | merge ms/file (CPU) | start-up ms (once) | wall ms/file | "
          "floor ms/file | "
          "merge/floor | pairs' range | quickest/quickest | floor on both cores ms/file | "
          "merge/that floor | calamine ms/file | peak RSS MB | worker RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def print_merge_row(r: dict) -> None:
    print(f"| {r['plan']} | {r['files']} | {r['runs']} | {r['merge_ms']:.1f} | "
          f"{r['startup_ms']:.0f} | {r['merge_wall_ms']:.1f} | {r['floor_ms']:.1f} | "
          f"{r['ratio']:.2f}× | {r['spread']} | "
          f"{r['quickest']:.1f}× | {r['both_ms']:.1f} | {r['ratio_both']:.1f}× | "
          f"{r['calamine_ms']:.1f} | {r['rss']:.0f} | {r['worker_rss']:.0f} |", flush=True)


def split_contents(returns: list[Path]) -> list:
    """Every sheet's cell values of each unit's split workbook (read once, not timed)."""
    from openpyxl import load_workbook

    contents = []
    for path in returns:
        wb = load_workbook(path, read_only=True)
        contents.append([(ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
                         for ws in wb.worksheets])
        wb.close()
    return contents


def bench_split(reps: int, fresh: bool, tmp: Path) -> dict:
    from cchc_xl.split import split_master
    from make_sample_returns import ISSUED_AT

    master_file, _ = corpus("province", fresh)
    written = split_master(_load_pickle(str(master_file)), PERIOD, tmp / "split",
                           issued_at=ISSUED_AT).files
    contents_file = tmp / "contents.pickle"
    contents = split_contents([f.path for f in written])
    contents_file.write_bytes(pickle.dumps(contents))
    for half in (0, 1):
        _half(contents_file, half).write_bytes(pickle.dumps(contents[half::2]))
    splits, bares, boths = [], [], []
    for _ in range(reps):
        splits.append(measure("split", None, master_file))
        bares.append(measure("bare-split", None, contents_file))
        boths.append(measure("bare-both", None, contents_file))
    files = len(written)
    ratios = [s["cpu"] / b["cpu"] for s, b in zip(splits, bares, strict=True)]
    ratios_both = [s["cpu"] / b["cpu"] for s, b in zip(splits, boths, strict=True)]
    return {"files": files,
            "split_ms": 1000 * statistics.median(s["cpu"] for s in splits) / files,
            "bare_ms": 1000 * statistics.median(b["cpu"] for b in bares) / files,
            "ratio": statistics.median(ratios), "spread": _spread(ratios, 2),
            "quickest": min(s["cpu"] for s in splits) / min(b["cpu"] for b in bares),
            "both_ms": 1000 * statistics.median(b["cpu"] for b in boths) / files,
            "ratio_both": statistics.median(ratios_both),
            "startup_ms": 1000 * statistics.median(s["startup"] for s in splits)}


def _spread(ratios: list[float], digits: int = 1) -> str:
    """The lowest and highest ratio of the pairs (the noise the median hides)."""
    return f"{min(ratios):.{digits}f}-{max(ratios):.{digits}f}×"


def compile_package() -> None:
    """Compile the package's modules to bytecode (``__pycache__``), as installing it
    does: each measured job is a fresh process that imports cchc-xl, and would
    otherwise compile its source again wherever PYTHONDONTWRITEBYTECODE is set (this
    machine: 0.05 s a merge, a fifth of the floor at 50 files)."""
    import compileall

    compileall.compile_dir(ROOT / "cchc_xl", quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,150,500,2000",
                        help="numbers of returned files, comma-separated")
    parser.add_argument("--reps", type=int, default=5, help="paired runs per size (2,000: a third)")
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached corpora")
    parser.add_argument("--no-split", action="store_true", help="skip the split benchmark")
    parser.add_argument("--split-only", action="store_true", help="only the split benchmark")
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("--paths", help=argparse.SUPPRESS)
    parser.add_argument("--master", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.job:
        _job(args)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    compile_package()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        if not args.split_only:
            print_merge_header()
            print_late_table(bench_merge(sizes, args.reps, args.fresh, Path(tmp)))
        if not args.no_split:
            r = bench_split(args.reps, args.fresh, Path(tmp))
            print()
            print("| split | units | split ms/unit (CPU) | start-up ms (once) | "
                  "bare xlsxwriter ms/unit | ratio | pairs' range | quickest/quickest | "
                  "bare on both cores ms/unit | split/that bare |")
            print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            print(f"| province | {r['files']} | {r['split_ms']:.1f} | {r['startup_ms']:.0f} | "
                  f"{r['bare_ms']:.1f} | {r['ratio']:.2f}× | {r['spread']} | "
                  f"{r['quickest']:.2f}× | {r['both_ms']:.1f} | {r['ratio_both']:.2f}× |")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
