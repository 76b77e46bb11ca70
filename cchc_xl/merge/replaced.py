"""What a unit's new counted file drops of the file of the period it replaced.

Only one file of a unit counts in a period (``Ledger.settle``: the one saved last), and
answers are never merged across files. A new file that answers less than the one it
replaced loses the unit's answers from every figure, with no word, though the earlier
file stays in the archive and withdrawing the new one ("Rút khỏi số liệu", ``cchc-xl
withdraw``) counts it again. The careless cases: the blank file issued sent again, an old
draft saved later, a short "bổ sung" file of the one task forgotten, another unit's
answers typed into this unit's file. The office is warned on the new file, which counts
(the figures are not changed), comparing it with the newest file it replaced:

- ``answers-left-blank``: tasks the earlier file answered left blank now. Any one: a unit
  never means to take an answer back by leaving its row blank (it reports "Chưa thực
  hiện"), and the row's answer has left the figures.
- ``done-undone``: tasks the earlier file reported "Đã hoàn thành" that the new one
  reports not done. Any one: within one period a task done days ago is not undone; either
  the new file is older than it looks, or the earlier "done" was wrong and the unit
  should say so (a correction of the percentage alone is not warned).
- ``answers-all-changed``: every task both files answer (at least
  :data:`ALL_CHANGED_AT`) answered otherwise, by status, completion date or evidence (the
  percentage left out: a unit updating each row's progress is no other unit): whose
  answers are they? Said alone, the other two with it.

Neither of the last two looks at a row the earlier file was told of (a finding on it,
``Ledger.rows_found``): its feedback file asked the unit to change that row ("'Đã hoàn
thành' nhưng tỷ lệ là 50%: … hoặc đổi trạng thái thành 'Đang thực hiện'"), and a unit
that corrected every row it was told of was warned, it and the office, that its file
might hold another unit's answers (a QA pass: the careless unit's file sent again from
its feedback file). The rows it was not told of still tell another unit's answers.

Each names the tasks, each with the sheet and the status cell of its row in the new file,
where the unit answers it again (a row recorded with no place, or gone from the file: the
task alone), the first ``findings.TASKS_LISTED`` named, the rest counted; the tasks and
places are the finding's data too (``Finding.places``, all of them), which the unit's
letter quotes. Each is a doubt on the unit's choice of file (``finding_codes.DOUBT_CODES``):
dropped when another file of the unit comes to count (``counted.forget_doubts``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..assignment import STATUS_LETTER
from ..findings import TASKS_LISTED, Finding, TaskPlace, tasks_at
from ..ledger import Ledger, Submission
from ..vocab import DONE, SUPERSEDED, WARNING
from ..xlio import vn_time

# Tasks both files answer, all otherwise, before the new file is taken for another's
# answers: a unit of one or two tasks correcting them all is no other unit.
ALL_CHANGED_AT = 3

# What each warning says after "… nhưng " (str.format): {count} tasks, {listed} them with
# their cells (findings.tasks_at), {also} what else the new file drops. The office's
# words, reworded at will: the tasks are the finding's places too (Finding.places), which
# the unit's letter quotes (letters/for_unit.py), never these words.
LEFT_BLANK = ("để trống {count} nhiệm vụ tệp đó đã báo cáo ({listed}): mỗi đơn vị chỉ một "
              "tệp được tính, nên kết quả các nhiệm vụ đó ra khỏi số liệu; nếu tệp này chỉ bổ "
              "sung một phần, đề nghị đơn vị gửi lại một tệp đầy đủ")
UNDONE = ("{count} nhiệm vụ tệp đó báo cáo '" + DONE + "' nay ghi chưa hoàn thành ({listed}): "
          "có thể tệp này là bản cũ lưu lại, hoặc báo cáo trước ghi nhầm")
ALL_CHANGED = ("cả {count} nhiệm vụ hai tệp cùng báo cáo đều ghi khác về trạng thái, ngày "
               "hoàn thành hoặc tài liệu kiểm chứng ({listed}){also}: có thể là kết quả của "
               "đơn vị khác điền vào tệp của đơn vị")


def answers(ledger: Ledger, sid: int) -> dict[str, tuple]:
    """Each row's answer in a submission (status, percentage, date, evidence), a blank
    row left out: no answer, as no file is."""
    return {d: answer for d, answer in ledger.row_answers(sid) if any(answer)}


def _other(then: tuple, now: tuple) -> bool:
    """Whether a row is answered otherwise: its status, date or evidence differ (not its
    percentage alone)."""
    return (then[0], then[2], then[3]) != (now[0], now[2], now[3])


def dropped(ledger: Ledger, counted: Submission, subs: list[Submission],
            withdraw: Callable[[Submission], str]) -> list[Finding]:
    """The warnings on ``counted`` (a unit's file that counts now, new in this merge) of
    what it drops of the newest of the unit's files (``subs``) it replaced; ``withdraw``:
    how the office takes ``counted`` out of the figures, in words. None when it replaced
    none (a unit's first file: no query) or drops nothing."""
    replaced = [o for o in subs if o.unit == counted.unit and o.outcome == SUPERSEDED]
    if not replaced:
        return []
    before = max(replaced, key=lambda o: o.newer_key)
    then, now = answers(ledger, before.id), answers(ledger, counted.id)
    told_of = ledger.rows_found(before.id)  # the rows its feedback asked to change
    both = [did for did in then if did in now and did not in told_of]
    blank = [did for did in then if did not in now]
    undone = [did for did in both if then[did][0] == DONE and now[did][0] != DONE]
    earlier = (f"tệp {Path(before.path).name} (lưu lúc {vn_time(before.saved_time) or '?'})"
               " của đơn vị")
    places: dict[str, tuple[str, int]] = {}

    def placed(tasks: list[str]) -> tuple[TaskPlace, ...]:
        """The tasks, each with its sheet and status cell in the new file (its rows' places
        read once, when a warning is told: most new files drop nothing)."""
        if not places:
            places.update(ledger.row_places(counted.id))
        return tuple((did, *_at(places.get(did))) for did in tasks)

    def listed(tasks: list[str]) -> str:
        return tasks_at(placed(tasks), TASKS_LISTED)

    kept = (f"tệp trước vẫn được lưu: kiểm tra lại với đơn vị; nếu tệp này sai, "
            f"{withdraw(counted)}, tệp trước được tính lại")

    def told(severity: str, code: str, what: str, tasks: list[str]) -> Finding:
        """The warning, its places the ``tasks`` it is about."""
        return Finding(severity, code, f"tệp này được tính thay cho {earlier} nhưng {what}; "
                       f"{kept}", file=counted.path, unit=counted.unit or "",
                       places=placed(tasks))

    if len(both) >= ALL_CHANGED_AT and all(_other(then[d], now[d]) for d in both):
        also = _also(blank, "để trống", listed) + _also(undone, f"không còn '{DONE}'", listed)
        return [told(WARNING, "answers-all-changed", ALL_CHANGED.format(
            count=len(both), listed=listed(both), also=also), both)]
    found = []
    if blank:
        found.append(told(WARNING, "answers-left-blank", LEFT_BLANK.format(
            count=len(blank), listed=listed(blank)), blank))
    if undone:
        found.append(told(WARNING, "done-undone", UNDONE.format(
            count=len(undone), listed=listed(undone)), undone))
    return found


def _at(place: tuple[str, int] | None) -> tuple[str, str]:
    """A row's place in its file as (sheet, its status cell): ("", "") if not known."""
    sheet, row = place or ("", 0)
    return (sheet, f"{STATUS_LETTER}{row}") if sheet and row else ("", "")


def _also(tasks: list[str], what: str, listed: Callable[[list[str]], str]) -> str:
    return f"; {len(tasks)} nhiệm vụ {what} ({listed(tasks)})" if tasks else ""
