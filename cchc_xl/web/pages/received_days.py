"""The "Ngày nhận" typed on the intake form: read and checked as merge --received reads
it, and kept, per plan and period, for the period's next upload once a merge took files."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request

from ...merge.counted import received_day, received_refused
from ...model import Period
from ...xlio import vn_date
from .. import common, pending
from ..jobs import Job

# The "Ngày nhận" typed last, kept for the next upload of the plan and period once one with
# it had files taken: {"<plan>/<period>": {"kept": day, "asked": day still to tell, "job"}}.
SESSION_RECEIVED = "received-by-period"


def typed(text: str, today: date, period: Period, plan_year: int
          ) -> tuple[date | None, str]:
    """The "Ngày nhận" of the upload form (20/09/2023 as people write it, or 20/9 in the
    plan's year: :func:`cchc_xl.merge.counted.received_day`, as merge --received reads it):
    the day, or None for none given (the merge takes today, as merge does without
    --received), and the message refusing it ("" when it is taken): a day not readable,
    or one still to come."""
    text = text.strip()
    if not text:
        return None, ""
    day = received_day(text, period, plan_year)
    if day is None:
        return None, (f"Ngày nhận '{text[:40]}' không phải ngày (ghi dạng ngày/tháng/năm, "
                      f"ví dụ {vn_date(today)}; ghi ngày/tháng cũng được, ví dụ "
                      f"{period.due:%d/%m}: năm được hiểu theo hạn nộp báo cáo của kỳ).")
    refused = received_refused(day, today, period)
    return (None, refused) if refused else (day, "")


def _key(request: Request, period: Period) -> str:
    """Whose "Ngày nhận" it is: a day of one plan's period is no day of another's."""
    return f"{common.plan_key(request)}/{period.code}"


def remember(request: Request, period: Period, received: date | None, job: Job) -> None:
    """The day of an upload, kept for the period's next one once its merge took files
    (:func:`kept`): a day typed for an upload refused is no day to go on with."""
    days = request.session.get(SESSION_RECEIVED)
    days = dict(days) if isinstance(days, dict) else {}
    entry = days.get(key := _key(request, period))
    entry = dict(entry) if isinstance(entry, dict) else {}
    entry.update(asked=vn_date(received) if received else "", job=job.id)
    days[key] = entry
    request.session[SESSION_RECEIVED] = days


def kept(request: Request, period: Period) -> str:
    """The "Ngày nhận" kept for the plan's period ("" for none: today): the day of the
    last upload whose merge took files."""
    days = request.session.get(SESSION_RECEIVED)
    entry = days.get(key := _key(request, period)) if isinstance(days, dict) else None
    if not isinstance(entry, dict):
        return ""
    job = common.runner(request).get(str(entry.get("job") or ""))
    if entry.get("job") and (job is None or job.finished):
        # Its upload told: the day kept if files were taken (an app restarted since
        # forgot the job: the day stays untold, the one kept before stands).
        if job is not None and job.succeeded and job.result.get("taken"):
            entry["kept"] = entry.get("asked", "")
        entry = {"kept": entry.get("kept", "")}
        request.session[SESSION_RECEIVED] = {**days, key: entry}
    day = entry.get("kept")
    return day if isinstance(day, str) else ""


# An upload sent without the page's script whose day was refused: its files held
# (pending.hold) for the form sent again with the day corrected, by this session only,
# and the day as typed (drawn again in the field, to correct rather than type again):
# {"<plan>/<period>": {"token": ..., "typed": ...}}. The token is checked
# (pending.held), never taken as a path.
SESSION_HELD = "held-by-period"


def hold(request: Request, period: Period, token: str | None, typed: str = "") -> None:
    """Keep the token of the period's held upload in the session (None: none now)."""
    tokens = request.session.get(SESSION_HELD)
    tokens = dict(tokens) if isinstance(tokens, dict) else {}
    tokens.pop(key := _key(request, period), None)
    if token:
        tokens[key] = {"token": token, "typed": typed[:40]}
    request.session[SESSION_HELD] = tokens


def _entry(request: Request, period: Period) -> dict:
    tokens = request.session.get(SESSION_HELD)
    entry = tokens.get(_key(request, period)) if isinstance(tokens, dict) else None
    return entry if isinstance(entry, dict) else {}


def held(request: Request, period: Period) -> pending.Pending | None:
    """The period's upload held for its day to be corrected by this session, if any."""
    return pending.held(common.workspace(request).app_dir, _entry(request, period).get("token"),
                        period.code)


def held_typed(request: Request, period: Period) -> str:
    """The day typed (and refused) with the period's held upload."""
    typed = _entry(request, period).get("typed")
    return typed if isinstance(typed, str) else ""
