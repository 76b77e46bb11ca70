"""One file's line in the list of an upload's outcomes on Thu nhận (intake.py): its kind
and label, the order the lines are listed in (what to look at first), and the sentences
over the list (how many read, passed over, to look at)."""

from __future__ import annotations

from pathlib import Path

from ...intake.collect import skip_reason
from ...vocab import (
    ACCEPTED,
    ERROR,
    NOT_READ,
    NOT_READ_LABEL,
    OUTCOME_LABELS,
    REJECTED,
    SUPERSEDED,
)
from ..office_files import PLAN_DOCUMENT_REASON, PLAN_REASONS, PLAN_TABLE_REASON
from ..uploads import office_files_only

SKIPPED = "skipped"
UNPACKED = "unpacked"  # a zip of returns: its files are listed after it
DUPLICATE = "duplicate"  # the same content as a file sent with it: one submission
KNOWN = "known"  # the same content as a file an earlier upload sent: its verdict stands
ASSESSED = "assessed"  # the office's consolidated workbook: its assessments read
_KNOWN_REASON = "tệp này (cùng nội dung) đã nhận ở lần gửi trước, không tính thêm"
_KNOWN_REFUSED = "tệp này (cùng nội dung) đã bị từ chối ở lần gửi trước, không đọc lại"
# ...and what to do when its reason is not at hand: the reason, when it is, says what to
# do ("sửa tệp" was wrong advice for a file of another year's plan or another period,
# which no edit makes right: a QA pass at the year's turn).
_KNOWN_REFUSED_TODO = "sửa tệp theo lý do đã báo rồi gửi lại"


def to_look_at(files: list[dict], copies: int) -> list[str]:
    """The upload's files the office must look at, counted in the message above their
    list: among 40 or more lines, a refused file or one with errors (or warnings) was
    easily missed.
    ``copies``: files the same as another unit's, sent under a unit's name."""
    counts = (("tệp không được nhận", refused_count(files)),
              ("tệp có lỗi", sum(e["kind"] in (ACCEPTED, SUPERSEDED) and e["errors"] > 0
                                 for e in files)),
              # Warnings alone: the unit has a feedback file to look at too, and a green
              # "Đã đọc 2 tệp." stood over a red line of which file counts (a QA pass).
              ("tệp có cảnh báo", sum(e["kind"] in (ACCEPTED, SUPERSEDED) and e["errors"] == 0
                                      and e["warnings"] > 0 for e in files)),
              ("tệp là bản sao tệp của đơn vị khác", copies))
    said = [f"{n} {what}" for what, n in counts if n]
    return [f"Cần xem trong danh sách dưới: {', '.join(said)}."] if said else []


def _look_first(event: dict) -> int:
    """Where a file's line goes in the final list (a stable sort): the files the message
    counts to look at first, refused, then with errors, then with warnings (a copy of
    another unit's file among them); the rest as read. Among a province's 100 lines in
    the order read, a refused file could stand anywhere, and a phone shows every line in
    full (a QA pass)."""
    if event["kind"] in (REJECTED, NOT_READ):
        return 0
    taken = event["kind"] in (ACCEPTED, SUPERSEDED, DUPLICATE)
    return 1 if taken and event["errors"] else 2 if taken and event["warnings"] else 3


def in_look_order(files: list[dict]) -> list[dict]:
    """``files`` sorted by :func:`_look_first` (stable), a zip's own line ("Đã giải nén",
    listed just before its files) going with the first of its files: sorted as the
    others, a refused file of a zip came before the line saying the zip was opened (a
    QA pass)."""
    keys = [_look_first(e) for e in files]
    for i, line in enumerate(files):
        if line["kind"] != UNPACKED:
            continue
        inside = f"{line['name']}/"
        mine = [keys[j] for j in range(i + 1, len(files))
                if files[j]["name"].startswith(inside)]
        keys[i] = min(mine, default=keys[i])
    return [files[i] for i in sorted(range(len(files)), key=keys.__getitem__)]


def refused_count(files: list[dict]) -> int:
    """How many of the upload's files were not taken: refused, or not read."""
    return sum(e["kind"] in (REJECTED, NOT_READ) for e in files)


def read_and_passed(files: list[dict]) -> str:
    """How many of the upload's files were read, and how many passed over ("Bỏ qua": a
    plan table dropped by mistake, a lock file, a file too big), so that every line of
    the list below is accounted for: "Đã đọc 2 tệp" above three lines read as a file
    lost (a QA pass). A zip's own line ("Đã giải nén") is not a file read, nor is a
    consolidated workbook's (the sentence of its assessments says it)."""
    read = sum(e["kind"] not in (SKIPPED, UNPACKED, ASSESSED) for e in files)
    passed = [e for e in files if e["kind"] == SKIPPED]
    if not read and (said := office_files_only([e["reason"] for e in passed])):
        return said  # the list of the files given out dropped alone: what it is
    if not passed:
        return f"Đã đọc {read} tệp."
    plans = {e["reason"] for e in passed if e["reason"] in PLAN_REASONS.values()}
    count = sum(e["reason"] in plans for e in passed)
    what = ("bảng kế hoạch" if plans == {PLAN_TABLE_REASON} else "văn bản kế hoạch"
            if plans == {PLAN_DOCUMENT_REASON} else "bảng, văn bản kế hoạch")
    why = (what if count == len(passed) else
           f"trong đó {count} {what}" if count else "lý do ghi ở từng tệp")
    return f"Đã đọc {read} tệp, bỏ qua {len(passed)} tệp ({why})."


def known_reason(outcome: str, why: str) -> str:
    """Why a file sent before changes nothing: counted then, or refused then, and why
    (``why``: its first error, or what to look at)."""
    if outcome == REJECTED:
        return f"{_KNOWN_REFUSED}; lý do: {why}" if why else \
            f"{_KNOWN_REFUSED}: {_KNOWN_REFUSED_TODO}"
    return _KNOWN_REASON + (f"; {why}" if why else "")


def first_error(problems: list) -> str:
    """A file taken with errors: its first, where it is, and how many more the board
    lists. The line said "(1 lỗi)" alone under "Cần xem trong danh sách dưới: 2 tệp có
    lỗi", what to fix told only on the unit's row of the board, among a province's 180 (a
    QA pass at a province's size). Warnings stay counted only: most files of a quarter
    have one, and a phone shows every line in full."""
    errors = [p for p in problems if p.severity == ERROR]
    if not errors:
        return ""
    first = errors[0]
    where = ", ".join(filter(None, [f"trang '{first.sheet}'" if first.sheet else "",
                                    f"ô {first.cell}" if first.cell else ""]))
    more = (f"; {len(errors) - 1} lỗi khác ở dòng của đơn vị trong bảng “Tình hình các "
            "đơn vị”") if len(errors) > 1 else ""
    return f"{where}: {first.message}{more}" if where else f"{first.message}{more}"


def outcome_line(name: str, kind: str = SKIPPED, unit: str = "", errors: int = 0,
                 warnings: int = 0, reason: str = "", late: str = "",
                 replaces: str = "") -> dict:
    """One file's line in the list of outcomes (the page's script draws the same).
    ``late``: "Muộn 5 ngày", a fact drawn as the board's tag, not in the red of a
    ``reason`` (a QA pass: it read as the file's problem). ``replaces``: "thay tệp gửi
    trước 'KT.xlsx'", the unit's file merged before that this one now counts in place
    of, a fact too (:func:`replaced_said`)."""
    labels = {**OUTCOME_LABELS, NOT_READ: NOT_READ_LABEL, UNPACKED: "Đã giải nén",
              DUPLICATE: "Trùng tệp", KNOWN: "Đã nhận trước đó",
              ASSESSED: "Đã đọc đánh giá"}
    return {"name": name, "kind": kind, "outcome": labels.get(kind, "Bỏ qua"),
            "unit": unit, "errors": errors, "warnings": warnings, "reason": reason,
            "late": late, "replaces": replaces}


def replaced_said(names: list[str]) -> str:
    """What a unit's file just taken replaces, from the names of the unit's files merged
    before that no longer count (the last saved first): "thay tệp gửi trước 'KT.xlsx'".
    The corrected file's line said "Được nhận … → Phòng Kinh tế" alone, as a first file's
    does: nothing told the office that the unit's earlier file was set aside (a QA pass)."""
    if not names:
        return ""
    if len(names) == 1:
        return f"thay tệp gửi trước '{names[0]}'"
    return f"thay {len(names)} tệp gửi trước (tệp được tính trước đây: '{names[0]}')"


def _base_name(name: str) -> Path:
    """The file's own name, out of the folder path a browser sends with it."""
    return Path(name.replace("\\", "/").rsplit("/", 1)[-1])


def passed_over(name: str) -> dict | None:
    """The "Bỏ qua" line of a file an upload passes over (a lock file...), with the
    reason; None for a file to read."""
    reason = skip_reason(_base_name(name))
    return outcome_line(name, reason=reason) if reason else None
