"""Make the bundled sample returns: the Hoằng Hóa plan split for a period, then filled
in the way units really fill it in.

    python scripts/make_sample_returns.py [MASTER] [--period 9T] [--out DIR]

Most units return; a few do not. Fills are realistic: completed rows cite their
evidence ("Kế hoạch số 125/KH-UBND ngày 05/01/2023"), others are in progress or
not started, some are overdue, and a few units make the mistakes people make
(percent 120, completed without evidence, a date typed as text, a status without
diacritics, a date past the cut-off, evidence that cites nothing). One unit sends
twice. Everything is seeded, and files are saved with fixed times, so running it
again gives the same bytes.

``fill_return`` is also what the tests and ``scripts/bench.py`` use to type values
into a split workbook, as a person does in Excel.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.writer.excel import ExcelWriter

try:
    from lxml import etree as lxml_etree
except ImportError:  # openpyxl then writes with the standard library too
    lxml_etree = None

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cchc_xl import assignment as A  # noqa: E402
from cchc_xl.master import load_master  # noqa: E402
from cchc_xl.model import Master, Period  # noqa: E402
from cchc_xl.split import SplitResult, split_master  # noqa: E402
from cchc_xl.vocab import DONE, IN_PROGRESS, LEAD, NOT_STARTED  # noqa: E402

ISSUED_AT = datetime(2023, 9, 1, 8, 0)
MISSING = ("TTR", "X07", "X15", "X23", "X31")  # units that send nothing
TWICE = "X05"  # sends a first version, then a corrected one


@dataclass(frozen=True)
class Typed:
    """A value typed with a cell format, as Excel stores "80%" (0.8 formatted 0%)."""

    value: object
    number_format: str


Answers = dict[str, dict[str, object]]  # deliverable id -> column header -> value


def fill_return(src: Path, dst: Path, answers: Answers, *, saved_at: datetime | None = None,
                tweak: Callable[[object], None] | None = None) -> Path:
    """Type ``answers`` into the input cells of a split workbook and save it as ``dst``.

    ``tweak(wb)`` may then change anything else (delete a row, edit a locked cell).
    With ``saved_at`` the file is saved with that time inside and on disk, byte for
    byte reproducibly; without it, as openpyxl saves (now).
    """
    wb = load_workbook(src)
    for ws in wb.worksheets:
        header = [c.value for c in ws[A.HEADER_ROW]] if ws.max_row >= A.HEADER_ROW else []
        if A.COL_ID not in header:
            continue
        col = {name: i + 1 for i, name in enumerate(header) if name}
        for r in range(A.HEADER_ROW + 1, ws.max_row + 1):
            did = ws.cell(r, col[A.COL_ID]).value
            for column, value in answers.get(did, {}).items():
                cell = ws.cell(r, col[column])
                if isinstance(value, Typed):
                    cell.value, cell.number_format = value.value, value.number_format
                else:
                    cell.value = value
    if tweak:
        tweak(wb)
    dst.parent.mkdir(parents=True, exist_ok=True)
    if saved_at is None:
        wb.save(dst)
    else:
        save_fixed(wb, dst, saved_at)
    return dst


XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _canonical(name: str, data: bytes) -> bytes:
    """An XML part in canonical form (C14N 2.0), other parts as they are.

    openpyxl serializes through lxml when lxml is installed and through the standard
    library otherwise; the two differ in spacing and namespace placement, so without
    this the same workbook has different bytes (and archive SHAs) on different machines.
    """
    if not name.endswith((".xml", ".rels")):
        return data
    if lxml_etree is not None:
        # libxml2's C14N 1.0: for these parts the same bytes as C14N 2.0, ten times
        # quicker than the standard library's pure-Python canonicalize.
        return XML_DECLARATION + lxml_etree.tostring(lxml_etree.fromstring(data), method="c14n")
    return XML_DECLARATION + ET.canonicalize(data.decode("utf-8")).encode("utf-8")


def save_fixed(wb, path: Path, when: datetime) -> None:
    """Save with ``when`` as the saved time and as every zip entry's time, the XML in
    canonical form: the same bytes whatever serializer openpyxl uses."""
    wb.properties.modified = when
    buf = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, _canonical(info.filename, src.read(info.filename)))
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))


# --- realistic answers --------------------------------------------------------------

_DOC_TYPES = [("Kế hoạch", "KH"), ("Báo cáo", "BC"), ("Quyết định", "QĐ"),
              ("Thông báo", "TB"), ("Công văn", "")]
_WAITING = [
    "Đang chờ hướng dẫn của UBND tỉnh.",
    "Chưa bố trí được kinh phí thực hiện.",
    "Đã xây dựng dự thảo, đang lấy ý kiến các cơ quan liên quan.",
    "Đang triển khai theo kế hoạch, dự kiến hoàn thành trong quý IV.",
    "Thiếu cán bộ chuyên môn, đề nghị hỗ trợ tập huấn.",
]
_SUPPORT_NOTES = ["Phối hợp thực hiện theo đề nghị của cơ quan chủ trì.",
                  "Đã cử cán bộ tham gia.", ""]


def _issuer(master: Master, unit_code: str) -> str:
    unit = master.unit(unit_code)
    return "UBND" if unit.kind == "commune" else f"P{unit_code}" if unit_code != "VP" else "VP"


def evidence_text(rng: random.Random, issuer: str, day: date) -> str:
    name, kind = rng.choice(_DOC_TYPES)
    number = rng.randint(5, 480)
    symbol = f"{kind}-{issuer}" if kind else f"{issuer}-VP"
    return f"{name} số {number}/{symbol} ngày {day:%d/%m/%Y}"


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    day = first + timedelta(days=rng.randint(0, (last - first).days))
    return day if day.weekday() < 5 else day - timedelta(days=day.weekday() - 4)


def realistic_answers(master: Master, period: Period, unit_code: str, progress: float = 1.0
                      ) -> Answers:
    """What a diligent unit reports for the period; ``progress`` < 1 makes it lag."""
    year_start = date(master.plan.year, 1, 2)
    answers: Answers = {}
    for ar in A.assigned_rows(master, unit_code):
        d = ar.deliverable
        rng = random.Random(f"{unit_code}/{d.id}/{period.code}")
        due = d.deadline.due
        roll = rng.random() / max(progress, 0.01)
        if ar.role != LEAD:
            if roll < 0.1:
                continue  # left blank, as coordinators often do
            done_share = 0.3
        elif due is None:
            done_share = 0.3
        elif due <= period.cutoff:
            done_share = 0.75
        else:
            done_share = 0.3
        if roll < done_share:
            last = min(due or period.cutoff, period.cutoff)
            if due and due <= period.cutoff and rng.random() < 0.15:
                last = period.cutoff  # done, but after the deadline
            done_on = _day_between(rng, year_start, last)
            issued = done_on - timedelta(days=rng.randint(0, 3))
            answers[d.id] = {A.COL_STATUS: DONE, A.COL_PERCENT: 100, A.COL_DONE_ON: done_on,
                             A.COL_EVIDENCE: evidence_text(rng, _issuer(master, unit_code),
                                                           max(issued, year_start))}
        elif roll < done_share + 0.17 or ar.role != LEAD:
            answers[d.id] = {A.COL_STATUS: IN_PROGRESS,
                             A.COL_PERCENT: rng.choice((20, 30, 50, 60, 70, 80, 90)),
                             A.COL_NOTE: rng.choice(_SUPPORT_NOTES if ar.role != LEAD
                                                    else _WAITING)}
        else:
            answers[d.id] = {A.COL_STATUS: NOT_STARTED, A.COL_PERCENT: 0,
                             A.COL_NOTE: rng.choice(_WAITING)}
    return answers


def _first(answers: Answers, status: str) -> str:
    return next(did for did, a in answers.items() if a.get(A.COL_STATUS) == status)


def _mistakes(unit_code: str, answers: Answers) -> None:
    """The mistakes a few units make, each in one row."""
    if unit_code == "X02":  # a typo: 120 instead of 20
        answers[_first(answers, IN_PROGRESS)][A.COL_PERCENT] = 120
    elif unit_code == "X03":  # completed, no evidence
        answers[_first(answers, DONE)][A.COL_EVIDENCE] = None
    elif unit_code == "TCKH":  # a date typed as text (cell formatted as text)
        answers[_first(answers, DONE)][A.COL_DONE_ON] = Typed("15/08/2023", "@")
    elif unit_code == "X04":  # typed as text, day and month both possible
        answers[_first(answers, DONE)][A.COL_DONE_ON] = Typed("05/07/2023", "@")
    elif unit_code == "X06":  # Unikey off: no diacritics
        answers[_first(answers, DONE)][A.COL_STATUS] = "da hoan thanh"
    elif unit_code == "X08":  # shorthand
        answers[_first(answers, DONE)][A.COL_STATUS] = "Hoàn thành"
    elif unit_code == "X09":  # done after the cut-off, reported anyway
        answers[_first(answers, DONE)][A.COL_DONE_ON] = date(2023, 9, 18)
    elif unit_code == "X10":  # evidence that cites no document
        answers[_first(answers, DONE)][A.COL_EVIDENCE] = "Đã thực hiện xong"
    elif unit_code == "GDDT":  # "80%" typed into the percent cell
        answers[_first(answers, IN_PROGRESS)][A.COL_PERCENT] = Typed(0.8, "0%")


def make_sample_returns(master_path: Path, period_code: str, out: Path, *,
                        split: SplitResult | None = None) -> list[Path]:
    """Write the sample returns into ``out``; ``split``: the plan already split for the
    period, issued at ISSUED_AT (the tests have one), instead of splitting it again."""
    master = load_master(master_path)
    period = master.period(period_code)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.xlsx"):
        old.unlink()
    written = []
    with tempfile.TemporaryDirectory(prefix="cchc-sample-") as tmp:
        if split is None:
            split = split_master(master, period_code, Path(tmp) / "split", issued_at=ISSUED_AT)
        for n, f in enumerate(split.files):
            if f.unit_code in MISSING:
                continue
            saved = datetime.combine(period.cutoff, datetime.min.time()) + timedelta(
                hours=8 + n % 9, minutes=7 * n % 60)
            answers = realistic_answers(master, period, f.unit_code)
            _mistakes(f.unit_code, answers)
            if f.unit_code == TWICE:
                early = realistic_answers(master, period, f.unit_code, progress=0.6)
                first = out / f"{f.path.stem} (gui lan 1).xlsx"
                written.append(fill_return(f.path, first, early,
                                           saved_at=saved - timedelta(days=3)))
            written.append(fill_return(f.path, out / f.path.name, answers, saved_at=saved))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("master", nargs="?", type=Path,
                        default=ROOT / "workbooks" / "hoang-hoa-2023" / "master.xlsx")
    parser.add_argument("--period", default="9T")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "workbooks" / "hoang-hoa-2023" / "returns-9T")
    args = parser.parse_args()
    written = make_sample_returns(args.master, args.period, args.out)
    print(f"Đã ghi {len(written)} tệp vào {args.out}")


if __name__ == "__main__":
    main()
