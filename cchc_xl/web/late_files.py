"""A unit's file of an earlier period dropped on a later period's Thu nhận (the 6-month
report sent at last while the office is on Quý III): merged into its own period with one
click, as a late file, never uploaded again.

The merge refuses such files for the period chosen (other_period.py): one unit's file is
recorded there as refused ("gộp tệp này vào kỳ 6 tháng…"), several units' stop the merge
with nothing recorded and the upload not kept. Either way the office was told to choose
the file's period and upload it again: a specialist who had dropped the file did not
know where it had gone, and a unit's late report stayed out of its period. The line of
the refused file (and the unit's row on the board) now carries "Gộp vào kỳ 6 tháng…",
which merges the file kept in the data folder into that period, with the day the office
received it: the period's board shows it late ("Muộn N ngày"). The refused upload of
several units' files is held (pending.py, a day, as an upload whose day was refused)
for the same button. Nothing is merged into another period unless the office clicks the
button naming it; a file of a later period is never offered (it cannot be late:
:func:`cchc_xl.other_period.later`). docs/huong-dan.md, "Trang Thu nhận".
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import date
from pathlib import Path

from ..archive import kept_copy
from ..assignment import HEADING_ROW
from ..errors import InItsOwnPeriod
from ..intake.identify import no_file_of_period
from ..ledger import Ledger
from ..model import Master, Period
from ..other_period import AS_OTHER_PERIOD, later
from ..submission import Submission
from ..vocab import REJECTED, WITHDRAWN
from ..xlio import atomic_write, file_sha256, vn_date
from . import pending
from .upload_names import upload_key
from .workspace import StoredFile, Workspace

MOVE_BUTTON = "Gộp vào kỳ {given}"  # the button, naming the period mid-sentence
# A refused file's line when the button is beside it: what the button does, not "choose
# the period and upload again" (the merge's words, kept in the ledger).
# Its end ({ask}): the unit asked for the chosen period's file, when the plan still has
# the unit (intake.identify.no_file_of_period when not).
MOVE_REASON = ("tệp được giao cho kỳ {given}, không phải kỳ {chosen} đang gộp: nếu đơn vị "
               "gửi muộn tệp của kỳ {given}, bấm “Gộp vào kỳ {given}” để gộp tệp này vào kỳ "
               "đó (không cần tải lên lại); {ask}")
ASK_THIS_PERIOD = "nếu đơn vị gửi nhầm, đề nghị đơn vị điền tệp của kỳ {chosen}"
# Its end for a file without identity (Google Sheets' copy), whose period its line 2 names.
BY_HEADING = (f"; kỳ của tệp đọc ở dòng {HEADING_ROW} các trang nhiệm vụ, vì tệp không còn "
              "thông tin nhận dạng ẩn")
# Several units' files of an earlier period (the merge stopped): held for the button.
HELD_THEN = ("Nếu đó là tệp các đơn vị gửi muộn của kỳ {given}, bấm “Gộp vào kỳ {given}” "
             "dưới đây: các tệp vừa tải lên được giữ (đến hết 24 giờ) để gộp vào kỳ đó, không "
             "cần tải lên lại; nếu đơn vị gửi nhầm tệp của kỳ khác, đề nghị đơn vị gửi tệp "
             "của kỳ {chosen}.")
# Said on the page of the period the files went to, once they are merged there.
MERGED_THERE = ("Các tệp trên tải lên ở trang Thu nhận kỳ {chosen}, đã gộp vào kỳ {given} "
                "(kỳ của tệp) theo ngày nhận đã ghi: số liệu kỳ {given} đã thay đổi.")
REPORT_AGAIN = (" Báo cáo kỳ {given} đã lập trước khi có các tệp này: bấm “Lập lại báo cáo” "
                "ở trang Báo cáo của kỳ này trước khi in, ký hoặc gửi.")
BACK_TO = (" Ô “Kỳ báo cáo” đang ở kỳ {given}: để tiếp tục nhận tệp kỳ {chosen}, chọn lại "
           "kỳ đó.")
# Said after the error of an upload whose files the button merged.
HELD_MERGED = "Đã bấm “Gộp vào kỳ {given}”: các tệp này đã được gộp vào kỳ đó."
# A withdrawal asked of such a file from a page opened before the click.
NOT_HERE = ("Tệp {name} {went}, không còn là tệp của kỳ {chosen}: không rút gì ở kỳ này. "
            "Nếu cần rút tệp này khỏi số liệu, rút ở trang Thu nhận của kỳ {given}.")
# A refused file's line whose button went though the file is in no period: withdrawn
# here ("Rút khỏi số liệu"). It said "đã gộp vào kỳ 6 tháng…", merged nowhere (a QA pass).
NOT_THERE = ("tệp được giao cho kỳ {given}, không phải kỳ {chosen}: đã rút khỏi số liệu kỳ "
             "này, chưa gộp vào kỳ {given}; nếu đơn vị gửi muộn tệp của kỳ {given}, tải tệp "
             "lên ở trang Thu nhận của kỳ {given}")
GONE = ("Không còn tệp này để gộp vào kỳ {given} (đã gộp rồi, hoặc đã quá 24 giờ): tải tệp "
        "lên ở trang Thu nhận của kỳ {given}.")
# The button clicked on a page opened before its file was withdrawn here ("Rút khỏi số
# liệu"): GONE's "merged already, or a day old" was neither (a QA pass).
WITHDRAWN_HERE = ("Tệp {name} đã được rút khỏi số liệu kỳ {chosen} nên không gộp vào kỳ "
                  "{given} từ trang này: nếu đơn vị gửi muộn tệp của kỳ {given}, tải tệp lên ở "
                  "trang Thu nhận của kỳ {given} để tính vào kỳ đó.")


def goes_back(master: Master, code: str, chosen: Period) -> Period | None:
    """The period ``code`` of ``master`` when its files, dropped on ``chosen``'s page,
    may be merged into it: another period, not a later one; None otherwise."""
    given = master.period(code) if code else None
    if given is None or given.code == chosen.code or later(given, chosen):
        return None
    return given


def offer(given: Period, chosen: Period, **fields: str) -> dict:
    """The button a refusal carries: the form's fields (``to``, the period; ``sha``, a
    refused file, or ``token``, a held upload) and its words."""
    return {"from": chosen.code, "to": given.code,
            "button": MOVE_BUTTON.format(given=given.in_sentence), **fields}


def file_offer(ws: Workspace, chosen: Period, sub: Submission | None) -> dict | None:
    """The button for one file refused in ``chosen`` as an earlier period's (recorded,
    refused, not yet in its own period); None for any other file."""
    if sub is None or sub.outcome != REJECTED or not _refused_as_other(ws, chosen, sub):
        return None
    given = goes_back(ws.master(), sub.period_named, chosen)
    if given is None or kept_file(ws, chosen, sub) is None:
        return None
    there = ws.recorded(sub.key, given.code)
    if there is not None and there.outcome != WITHDRAWN:
        return None  # merged there already: the board says so
    # Its unit, for the reason beside the button (move_reason): one the plan no longer
    # has is not asked for this period's file.
    return offer(given, chosen, sha=sub.sha256, unit=sub.identity.get("unit", sub.unit or ""),
                 unit_name=sub.identity.get("unit_name", ""),
                 **({} if sub.identity else {"headed": "1"}))


def _refused_as_other(ws: Workspace, chosen: Period, sub: Submission) -> bool:
    """Whether ``sub`` was refused as another period's file (its problems are not
    always read with it: Ledger.find)."""
    if any(p.code in AS_OTHER_PERIOD for p in sub.problems):
        return True
    with Ledger(ws.ledger_path, create=False) as ledger:
        return sub.id in ledger.flagged(ws.master().plan.key, chosen.code, AS_OTHER_PERIOD)


def not_withdrawn_here(ws: Workspace, chosen: Period, refused: InItsOwnPeriod) -> str:
    """What "Rút khỏi số liệu" says when ``chosen``'s file was merged into its own period
    since (the withdrawal refused: ``refused``, counted.withdraw_file): a page opened
    before "Gộp vào kỳ…" was clicked still has the form, and withdrawn here the file went
    back to being this period's, its unit "Tệp đã rút khỏi số liệu" in a period the file
    is not of (a QA pass)."""
    given = ws.master().period(refused.given)
    return NOT_HERE.format(name=ws.shown_name(chosen.code)(refused.moved.path),
                           went=refused.moved.reason, chosen=chosen.in_sentence,
                           given=given.in_sentence if given else refused.given)


def kept_file(ws: Workspace, chosen: Period, sub: Submission) -> Path | None:
    """The refused file as kept in the data folder, the very content recorded: the
    archive's copy (a file inside a zip has no other in the period's folder; the path
    recorded is relative to where the app ran then), else where the ledger says, or in
    the period's folder as uploaded (the archive's copy gone)."""
    places = (kept_copy(ws.ledger_path, sub.archived), Path(sub.path),
              ws.intake_dir(chosen) / upload_key(sub.path))
    for path in filter(None, places):
        with contextlib.suppress(OSError):
            if path.is_file() and file_sha256(path) == sub.sha256:
                return path
    return None


def move_reason(move: dict, master: Master) -> str:
    """A refused file's reason when its line carries the button."""
    given, chosen = master.period(move["to"]), master.period(move["from"])
    unit = move.get("unit", "")
    if not unit or master.has_unit(unit):
        ask = ASK_THIS_PERIOD.format(chosen=chosen.in_sentence)
    else:
        ask = no_file_of_period(f"'{unit}'" + (f" ({move['unit_name']})"
                                               if move.get("unit_name") else ""), chosen)
    return MOVE_REASON.format(given=given.in_sentence, chosen=chosen.in_sentence, ask=ask) + (
        BY_HEADING if move.get("headed") else "")


def hold_upload(ws: Workspace, chosen: Period, given: Period, stored: list[StoredFile],
                received: date | None) -> dict:
    """Hold the files of an upload refused as ``given``'s (the merge stopped, nothing
    recorded) for the button: its offer."""
    token = pending.remember(ws.app_dir, given.code, [s.path for s in stored], received,
                             held=True).stem
    return offer(given, chosen, token=token)


def held_files(ws: Workspace, chosen: Period, given: Period, token: object
               ) -> tuple[list[StoredFile], date | None, Path] | None:
    """The files held under ``token`` for ``given``, moved from ``chosen``'s folder into
    ``given``'s (their names with them), the day they were received and the note to merge
    them by (pending.py); None when there are none (merged already: the same button
    clicked twice, or a day old). The note is written before a file moves, and says from
    where: a server that dies on the way merges them into ``given`` when it starts again
    (pending.left finishes the moves), with their day; one that dies before the note
    leaves the held note taken, which it held meanwhile (pending.taking): that server
    starting again merges the files from where they are."""
    with pending.taking(ws.app_dir, token) as held:
        return _held_files(ws, chosen, given, token) if held else None


def _held_files(ws: Workspace, chosen: Period, given: Period, token: object
                ) -> tuple[list[StoredFile], date | None, Path] | None:
    """:func:`held_files`, the upload held meanwhile."""
    upload = pending.take(ws.app_dir, token, given.code)
    if upload is None:
        return None
    shown = ws.shown_name(chosen)
    folder = ws.intake_dir(chosen)  # the note has them resolved, the folder may not be
    was = [StoredFile(folder / p.relative_to(folder.resolve()), shown(str(p)))
           for p in upload.paths if p.is_relative_to(folder.resolve())]
    moved = [StoredFile(ws.new_upload_path(ws.intake_dir(given), s.original), s.original)
             for s in was]
    note = pending.remember(ws.app_dir, given.code, [m.path for m in moved], upload.received,
                            moved_from=[s.path for s in was])
    ws.remember_names(given, moved)
    for s, m in zip(was, moved, strict=True):
        os.replace(s.path, m.path)
    ws.forget_uploads(chosen, was)
    pending.forget(upload.note)
    return moved, upload.received, note


def refused_file(ws: Workspace, chosen: Period, given: Period, sha: object
                 ) -> tuple[list[StoredFile], date | None, Path] | None:
    """The file refused in ``chosen`` whose content is ``sha``, copied into ``given``'s
    folder (the refused one stays, as the ledger records it), the day it was received
    and the note to merge it by (pending.py); None when it is not such a file, or is in
    ``given`` already."""
    if not isinstance(sha, str) or len(sha) != 64:
        return None
    sub = ws.recorded(sha.lower(), chosen.code)
    move = file_offer(ws, chosen, sub)
    if move is None or move["to"] != given.code:
        return None
    original = ws.shown_name(chosen)(sub.path)
    copy = ws.new_upload_path(ws.intake_dir(given), original)
    kept = kept_file(ws, chosen, sub)
    atomic_write(copy, lambda tmp: shutil.copyfile(kept, tmp))  # whole, or not there
    stored = StoredFile(copy, original)
    ws.remember_names(given, [stored])
    # Written down until merged, as an upload is: a server that dies first merges it
    # into that period when it starts.
    note = pending.remember(ws.app_dir, given.code, [copy], sub.received_day)
    return [stored], sub.received_day, note


def not_found(ws: Workspace, chosen: Period, given: Period, sha: object) -> str:
    """Why "Gộp vào kỳ…" found nothing to merge: the refused file ``sha`` withdrawn from
    ``chosen``'s figures since the page was opened (WITHDRAWN_HERE), else GONE."""
    sub = ws.recorded(sha.lower(), chosen.code) if isinstance(sha, str) and len(sha) == 64 \
        else None
    if sub is not None and sub.outcome == WITHDRAWN:
        return WITHDRAWN_HERE.format(name=ws.shown_name(chosen)(sub.path),
                                     chosen=chosen.in_sentence, given=given.in_sentence)
    return GONE.format(given=given.in_sentence)


def merged_said(ws: Workspace, given: Period, chosen: Period, done: dict) -> dict:
    """The merge's result on ``given``'s page, saying where the files came from, that
    the period's figures changed and its report (when made) must be made again."""
    if not done.get("taken"):
        return done
    names = {"given": given.in_sentence, "chosen": chosen.in_sentence}
    said = MERGED_THERE.format(**names) + (
        REPORT_AGAIN.format(**names) if ws.report_html(given).is_file() else "") + \
        BACK_TO.format(**names)
    return {**done, "message": f"{done['message']} {said}", "tone": "warn"}


def drop_answered(ws: Workspace, chosen: Period, jobs: list) -> None:
    """Take the buttons off ``jobs`` (uploads on ``chosen``'s page) whose files went to
    their period since (clicked here, in another tab, or uploaded there): clicked again,
    they only said so."""
    master = ws.master()
    for job in jobs:
        if job.offer.get("token") and pending.held(ws.app_dir, job.offer["token"],
                                                   job.offer["to"]) is None:
            answered(job, GONE.format(given=master.period(job.offer["to"]).in_sentence))
        for line in job.result.get("files", []) if job.succeeded else []:
            if move := line.get("move") or line.get(_OFFERED):
                _said_now(ws, master, chosen, line, move)


_OFFERED = "offered"  # a line's button taken off: kept, to say what became of the file


def _said_now(ws: Workspace, master: Master, chosen: Period, line: dict, move: dict) -> None:
    """A refused file's line of an upload (``move``: the button it had) as it stands
    now: the button while it is offered; else merged into its period, with the day, or
    withdrawn here and merged nowhere (it said "đã gộp vào kỳ…" then too: a QA pass).
    Said again on each view: merged there after the withdrawal, it says so."""
    offered = file_offer(ws, chosen, ws.recorded(move["sha"], chosen.code))
    if offered is not None:
        line.pop(_OFFERED, None)
        line.update(move=offered, reason=move_reason(offered, master))
        return
    line.pop("move", None)
    line[_OFFERED] = move
    line["reason"] = in_own_period(ws, chosen, move["sha"]) or NOT_THERE.format(
        given=master.period(move["to"]).in_sentence, chosen=chosen.in_sentence)


def answered(job, said: str) -> None:
    """The button taken off a refused upload's job, and ``said`` after its error."""
    job.offer = {}
    job.error = f"{job.error} {said}"


def merged_there(given: Period, chosen: Period, on: date | None = None) -> str:
    """What ``chosen``'s page says of a file refused there as ``given``'s once it is
    merged into ``given`` (its line in an upload's list, its unit's row on the board),
    ``on`` that day when given."""
    when = f" ngày {vn_date(on)}" if on is not None else ""
    return (f"tệp được giao cho kỳ {given.in_sentence}, không phải kỳ {chosen.in_sentence}: "
            f"đã gộp vào kỳ {given.in_sentence}{when} (xem ở trang Thu nhận của kỳ đó), "
            "không cần xử lý thêm ở kỳ này")


def in_own_period(ws: Workspace, chosen: Period, sha: str) -> str | None:
    """The line of ``sha``, a file just sent to ``chosen`` that is another period's,
    when that period holds it already, not withdrawn there (merged with the button
    before, or uploaded on that period's page: other_period.gone_to_own_period). Its
    line told the office to merge it there, choosing that period and uploading it again
    (the merge's words), or said it was received before (a QA pass). None for any other
    file."""
    sub = ws.recorded(sha, chosen.code)
    given = ws.master().period(sub.period_named) if sub else None
    if given is None or given.code == chosen.code:
        return None
    there = ws.recorded(sha, given.code)
    if there is None or there.outcome == WITHDRAWN:
        return None
    return merged_there(given, chosen, date.fromisoformat(there.merged_at[:10]))
