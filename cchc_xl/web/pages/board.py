"""The status board of Thu nhận: every unit assigned for the period with its return
status (the report's figures) and the files it sent, and the files that could not be put
down to a unit, each with why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ...answered import answered_refusals
from ...archive import kept_copy
from ...findings import Finding
from ...intake.identify import refused_as_another_plans, refused_as_not_in_plan
from ...other_period import AS_OTHER_PERIOD
from ...snapshot import LedgerSnapshot
from ...submission import Submission
from ...text import capitalized
from ...vocab import (
    ACCEPTED,
    MOVED,
    OUTCOME_LABELS,
    REJECTED,
    RETURN_LATE,
    RETURN_MISSING,
    RETURN_ON_TIME,
    RETURN_REJECTED,
    RETURN_WITHDRAWN,
    SEVERITY_RANK,
    WITHDRAWN,
)
from ...xlio import vn_date, vn_time
from ..late_files import file_offer, move_reason
from ..office_files import (
    CONSOLIDATED,
    PLAN_DOCUMENT_REASON,
    PLAN_TABLE,
    PLAN_TABLE_REASON,
    plan_document,
)
from ..workspace import Workspace

# Filter keys of the board (data-state in the page) for each return status.
STATE_KEYS = {RETURN_ON_TIME: "dung-han", RETURN_LATE: "muon", RETURN_MISSING: "chua-gui",
              RETURN_REJECTED: "tu-choi"}


@dataclass
class BoardRow:
    """One unit on the status board."""

    code: str
    name: str
    status: str
    state: str
    submitted_on: str
    errors: int = 0
    warnings: int = 0
    files: list[str] = field(default_factory=list)
    # Every file of the unit: each (name, outcome label, saved, SHA-256, counted,
    # withdrawable), so the office can take any of them out; one gone to its own period
    # (vocab.MOVED) says where and when in place of its label.
    sent: list[tuple[str, str, str, str, bool, bool]] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    # Its files refused as an earlier period's, each with "Gộp vào kỳ 6 tháng…"
    # (late_files.file_offer): the board outlives the upload's list.
    moves: list[dict] = field(default_factory=list)

    @property
    def to_fix(self) -> bool:
        """Under the board's "Có lỗi": a file taken with errors, as the upload's message
        counts "tệp có lỗi". A unit whose files were all refused is under "Tệp bị từ
        chối", as the message counts it "không được nhận" (both counted it, and "1 tệp
        không được nhận, 1 tệp có lỗi" stood beside "Có lỗi (2)": a QA pass)."""
        return self.errors > 0 and self.state != STATE_KEYS[RETURN_REJECTED]


def board(ws: Workspace, snapshot: LedgerSnapshot) -> tuple[list[BoardRow], list[dict]]:
    """Every assigned unit with its return status (the report's figures), and the files
    that could not be put down to a unit (one refused as another plan's or year's:
    ``other``, what it is and what to do; one refused for a unit the plan has not:
    ``absent``, the same)."""
    summary = ws.summary(snapshot)  # counted once per state of the ledger (figures.py)
    shown = ws.shown_name(snapshot.period.code)

    by_unit: dict[str, list] = {}
    orphans = []
    imported_from = ws.import_findings()[0] if any(
        not s.unit for s in snapshot.submissions) else ""
    # A refused file a later one of its unit answered (the corrected file, taken after).
    answered = answered_refusals(snapshot.submissions, snapshot.master, shown)
    for s in snapshot.submissions:
        if s.unit:
            by_unit.setdefault(s.unit, []).append(s)
        else:
            reason = _orphan_reason(ws, s, imported_from)
            # The office's own workbooks are said to be so, whatever their names say.
            kept = answered.get(s.id) if reason == s.reason else None
            # One of another plan merged into its own since (other_period): said apart;
            # so is one refused as another plan's, with whose it says it is.
            # So is one refused for a unit the plan has not (taken off, or never on it).
            refused = s.outcome == REJECTED and reason == s.reason
            other = refused_as_another_plans(s, snapshot.master, snapshot.period) \
                if refused else None
            absent = refused_as_not_in_plan(s, snapshot.master, snapshot.period,
                                            lambda: snapshot.plan_versions) \
                if refused else None
            orphans.append({"name": shown(s.path), "reason": reason,
                            "outcome": OUTCOME_LABELS.get(s.outcome, s.outcome),
                            "later": _answered_text(snapshot, kept, shown) if kept else "",
                            "gone": f"{s.reason}: không cần xử lý ở kỳ này"
                                    if s.outcome == MOVED else "",
                            "other": ": ".join(other) if other else "",
                            "absent": ": ".join(absent) if absent else ""})
    order = {u.code: n for n, u in enumerate(snapshot.master.units)}
    rows = []
    for stat in sorted(summary.units, key=lambda u: order.get(u.code, len(order))):
        subs = by_unit.get(stat.code, [])
        current = [s for s in subs if s.outcome == ACCEPTED] or [
            s for s in subs if s.outcome == REJECTED]
        moves = {s.id: move for s in current if s.outcome == REJECTED and (
            move := file_offer(ws, snapshot.period, s)) is not None}
        problems = sorted((_where_now(snapshot, p, moves.get(s.id)) for s in current
                           for p in s.problems),
                          key=lambda p: SEVERITY_RANK.get(p.severity, 3))
        # Every file of the unit with its button (the only one, one rejected, can be taken
        # out too); a withdrawn one stays listed, the unit's status says it (it did send),
        # and one gone to its own period says where, with no button: not this period's.
        # When saved: as the file says it. Its time on disk is when it was uploaded here
        # (a browser sends none): a broken file received on 18/09 read "lưu lúc 06/12
        # 12:47", saved after it was received (a QA pass); none is said for it.
        sent = [(shown(s.path), capitalized(s.reason) if s.outcome == MOVED else
                 OUTCOME_LABELS[s.outcome], vn_time(s.saved_at) if s.saved_at else "", s.key,
                 s.outcome == ACCEPTED, s.outcome not in (WITHDRAWN, MOVED)) for s in subs]
        rows.append(BoardRow(
            code=stat.code, name=stat.name,
            status=RETURN_WITHDRAWN if stat.withdrawn is not None else stat.return_text,
            state=STATE_KEYS.get(stat.return_status, ""),
            # A unit whose files were all refused did send: the day its last one came.
            submitted_on=vn_date(day) if (day := stat.submitted_on or max(
                (s.received_day for s in current if s.received_day), default=None)) else "",
            errors=sum(s.errors for s in current), warnings=sum(s.warnings for s in current),
            files=[shown(s.path) for s in current], problems=problems, sent=sent,
            moves=list(moves.values())))
    return rows, orphans


def _where_now(snapshot: LedgerSnapshot, problem: Finding, move: dict | None) -> Finding:
    """``problem`` as the board says it now: a file refused as another period's, not yet
    merged there, beside its button (``move``), says what the button does. Once merged
    there, the file is no longer among the unit's refused ones (vocab.MOVED: the ledger
    kept the merge's "gộp tệp này vào kỳ quý I…", and a QA pass saw the 6 tháng board
    still ask for a Quý I file merged into Quý I)."""
    if problem.code in AS_OTHER_PERIOD and move is not None:
        return replace(problem, message=move_reason(move, snapshot.master))
    return problem


def _answered_text(snapshot: LedgerSnapshot, kept: Submission,
                  shown: Callable[[str], str]) -> str:
    """What Thu nhận says of a refused file of no unit that ``kept`` answered."""
    unit = kept.unit or ""
    name = snapshot.unit_names.get(unit, "")
    day = f", ngày {vn_date(kept.received_day)}" if kept.received_day else ""
    return (f"đã có tệp sau của {name} ({unit}) được nhận ({shown(kept.path)}{day}), "
            "tệp này không cần xử lý thêm")


CONSOLIDATED_REASON = ("đây là bảng tổng hợp của cơ quan, không phải tệp đơn vị gửi: muốn ghi "
                       "đánh giá “Đạt / Chưa đạt” trong đó thì tải lại tệp này lên (ở trang "
                       "này hoặc mục “Đánh giá của cơ quan tổng hợp” ở trang Báo cáo)")


def _orphan_reason(ws: Workspace, sub, imported_from: str) -> str:
    """Why a file of no unit was not taken: the office's own plan or consolidated
    workbook, merged before the app knew them, is said to be so (the merge told the
    office to have a unit fill in its file). What each file is was remembered from the
    views before (and from its upload) unless the file changed since. The document the
    plan in use was imported from (``imported_from``), merged before the app passed it
    over, is said to be that document. A file whose path recorded opens no more is
    looked at in the archive: the path is relative to the folder the app was started
    from then, or the data folder was moved since (archive.kept_copy)."""
    if plan_document(str(sub.path), imported_from):
        return PLAN_DOCUMENT_REASON
    path = Path(sub.path)
    if not path.is_file():
        path = kept_copy(ws.ledger_path, sub.archived) or path
    kind = ws.office_workbook(path)[0]
    return {PLAN_TABLE: PLAN_TABLE_REASON, CONSOLIDATED: CONSOLIDATED_REASON}.get(
        kind, sub.reason)
