"""Benchmark merge against the bare cost of unzipping and parsing the same files.

    python scripts/bench.py [--sizes 50,150,300]

For each size N: N filled returns (the Hoằng Hóa plan split for 9T, each unit's
workbook filled realistically, copied with distinct contents until there are N),
then

- bare: unzip each file and parse every sheet and the shared strings with
  ElementTree (the least any reader must do);
- intake: read each file as merge does (openpyxl read-only, identity, rows);
- merge: the whole command (hashing, archive, validation, ledger, OUT.xlsx);
- peak memory of merge (tracemalloc, a separate run: it slows Python down).

Prints one table. No assertion: the numbers are for people.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import tracemalloc
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_sample_returns import ISSUED_AT, fill_return, realistic_answers  # noqa: E402

from cchc_xl.intake import read_return  # noqa: E402
from cchc_xl.master import load_master  # noqa: E402
from cchc_xl.merge import merge_returns  # noqa: E402
from cchc_xl.split import split_master  # noqa: E402

MASTER = ROOT / "workbooks" / "hoang-hoa-2023" / "master.xlsx"
PERIOD = "9T"


def make_returns(master, folder: Path, count: int) -> list[Path]:
    """``count`` distinct filled returns: each unit's file once, then re-saved copies."""
    period = master.period(PERIOD)
    split = split_master(master, PERIOD, folder / "split", issued_at=ISSUED_AT)
    saved = datetime(2023, 9, 14, 8)
    base = [fill_return(f.path, folder / "filled" / f.path.name,
                        realistic_answers(master, period, f.unit_code), saved_at=saved)
            for f in split.files]
    out = []
    for n in range(count):
        source = base[n % len(base)]
        target = folder / "returns" / f"{n:04d}-{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        _resave(source, target, saved + timedelta(minutes=n))
        out.append(target)
    return out


def _resave(source: Path, target: Path, when: datetime) -> None:
    """A copy whose saved time differs (as a unit saving again): new bytes, new SHA-256."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                start = data.index(b"<dcterms:modified")
                start = data.index(b">", start) + 1
                end = data.index(b"<", start)
                data = data[:start] + stamp + data[end:]
            dst.writestr(info, data)
    target.write_bytes(buf.getvalue())


def bare_parse(paths: list[Path]) -> int:
    """Unzip and parse every worksheet and the shared strings; returns elements seen."""
    seen = 0
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.startswith("xl/worksheets/sheet") or name == "xl/sharedStrings.xml":
                    seen += len(ElementTree.fromstring(zf.read(name)))
    return seen


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def run(master, size: int, tmp: Path) -> dict[str, float]:
    paths = make_returns(master, tmp / f"n{size}", size)
    bare, _ = timed(lambda: bare_parse(paths))
    intake, read = timed(lambda: sum(len(read_return(p).rows) for p in paths))
    merge, _ = timed(lambda: merge_returns(master, [tmp / f"n{size}" / "returns"], PERIOD,
                                                tmp / f"n{size}" / "out" / "OUT.xlsx"))
    tracemalloc.start()
    merge_returns(master, [tmp / f"n{size}" / "returns"], PERIOD,
                  tmp / f"n{size}" / "out2" / "OUT.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"files": size, "rows": read, "bare": bare, "intake": intake, "merge": merge,
            "peak": peak / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,150,300",
                        help="numbers of returned files, comma-separated")
    args = parser.parse_args()
    master = load_master(MASTER)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'tệp':>6} {'dòng':>7} {'giải nén+XML':>13} {'đọc (intake)':>13} {'merge':>8} "
          f"{'merge/giải nén':>15} {'ms/tệp':>7} {'bộ nhớ đỉnh':>12}")
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        for size in sizes:
            r = run(master, size, Path(tmp))
            print(f"{r['files']:>6} {r['rows']:>7} {r['bare']:>12.2f}s {r['intake']:>12.2f}s "
                  f"{r['merge']:>7.2f}s {r['merge'] / r['bare']:>14.1f}x "
                  f"{1000 * r['merge'] / r['files']:>7.1f} {r['peak']:>9.1f} MB")


if __name__ == "__main__":
    main()
