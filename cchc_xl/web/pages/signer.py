"""The plan page's "Người ký và cơ quan gửi": who signs the Word report and the letters,
the title printed over the signature, who sends them (a People's Committee's province
plan: the committee or its Sở Nội vụ) and where units send their files back, typed on
the page instead of in the plan table in Excel.

The values go into the plan table in use as an uploaded table goes
(``Workspace.install_master``): a copy of it with only those cells of the "Kế hoạch"
sheet changed (``master.write.edit_plan_fields``: read back, nothing else may differ),
the table before kept in ke-hoach-cu/ ("Dùng lại" puts it back), the periods still
reported recounted with it. A period whose report is due keeps the plan it was counted
with (plan_periods); counted with the very table before the edit, it is recounted too:
the figures are the same, the report and letters made from now on say the new signer.
Those made before are then out of date (their period's digest changed: made_from), as
the Báo cáo and Phản hồi pages say.
"""

from __future__ import annotations

from dataclasses import replace

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ...data_folder import UPLOADS
from ...errors import AnotherPlanOutput, CchcError
from ...issuer import COMMUNE_LEVEL, PROVINCE, authority_name, plan_level
from ...ledger import Ledger
from ...ledger.schema import period_version
from ...master.layout import PLAN_FIELDS
from ...master.read import title_lines
from ...master.write import edit_plan_fields
from ...model import Master
from ...plan_codec import plan_digest
from ...sender import (
    SENDER_EXAMPLE,
    SIGNING_FIELDS,
    default_title,
    sender_of,
    sender_problem,
    title_problem,
)
from ...text import match_key
from .. import common
from ..plan_periods import Followed
from ..workspace import Installed, Workspace
from . import plan as plan_page

HEADING = "Người ký và cơ quan gửi"  # the card's heading (plan.html), named by sent_by
ANCHOR = "nguoi-ky"
SESSION = "sign-form"  # the form refused: what it held, and why
FIELDS = SIGNING_FIELDS  # the form's, in its order
# The longest each field is taken (a name, a title's lines, "Nơi nhận" as Giao việc's box).
LONGEST = {"signer": 80, "signer_title": 60, "return_to": 300}
TITLE_LINES = 4
# A title typed in the name's box: "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC".
_TITLE_WORDS = ("kt.", "tm.", "q.", "tl.", "tuq.", "chủ tịch", "phó chủ tịch", "giám đốc",
                "phó giám đốc", "chánh văn phòng")


def offered(master: Master) -> list[tuple[str, str]]:
    """The senders the form offers, (value written in the plan sheet, name shown): none
    for a plan whose letters only its authority sends (a commune's); for a People's
    Committee's province plan, the committee ("": the cell left blank) and its Sở Nội
    vụ; a sender the sheet names already, kept among them."""
    plan = master.plan
    level = plan_level(plan, master.units)
    choices: list[tuple[str, str]] = []
    if level.code == PROVINCE and level.committee:
        choices = [("", authority_name(plan.authority)),
                   (SENDER_EXAMPLE, authority_name(sender_of(replace(plan,
                                                                     sender=SENDER_EXAMPLE))))]
    if _chosen(master, choices) is None and plan.sender and not sender_problem(plan):
        choices = [*(choices or [("", authority_name(plan.authority))]),
                   (plan.sender, authority_name(sender_of(plan)))]
    return choices


def _chosen(master: Master, choices: list[tuple[str, str]]) -> str | None:
    """The value among ``choices`` the plan sheet's sender is (None: none of them)."""
    return next((value for value, _ in choices if _same_sender(master, value)), None)


def _same_sender(master: Master, value: str) -> bool:
    """Whether the sender ``value`` is the one the plan sheet names already, however
    written (the plan's province said or not)."""
    return match_key(sender_of(replace(master.plan, sender=value))) == \
        match_key(sender_of(master.plan))


def form(master: Master | None, session: dict) -> dict:
    """What the card shows: the plan's values (or those refused, with why), the senders
    offered, each sender's title when the title is left blank."""
    if master is None:
        return {}
    plan = master.plan
    choices = offered(master)
    shown = {"signer": plan.signer, "signer_title": plan.signer_title,
             "sender": _chosen(master, choices) or "", "return_to": plan.return_to}
    refused = session.pop(SESSION, None)
    if refused and refused.get("plan") == master.sha256:
        shown.update({f: refused.get(f, shown[f]) for f in FIELDS})
    # The title printed when none is typed, for each sender offered (name, title).
    titles = [(name, default_title(replace(plan, sender=value))) for value, name in choices] \
        or [("", default_title(plan))]
    return {**shown, "choices": choices, "titles": titles, "plan": master.sha256,
            "heading": HEADING, "sender_label": PLAN_FIELDS["sender"][0],
            "commune": plan_level(plan, master.units).code == COMMUNE_LEVEL,
            "error": refused.get("error", "") if refused else "",
            "field": refused.get("field", "") if refused else ""}


def _given(posted, master: Master) -> dict[str, str]:
    """The form's values as the plan sheet would hold them (spaces made single, the
    title a line each, " / " read as a line break as the sheet reads it)."""
    given = {f: " ".join(str(posted.get(f) or "").split()) for f in FIELDS if f in posted}
    if "signer_title" in given:
        given["signer_title"] = title_lines(str(posted.get("signer_title") or ""))
    return given


def refusal(master: Master, given: dict[str, str]) -> tuple[str, str] | None:
    """Why the form's values cannot go into the plan (the message, the field it is
    about); None when they can."""
    plan = master.plan
    choices = offered(master)
    for field, longest in LONGEST.items():
        for line in given.get(field, "").split("\n"):
            if len(line) > longest:
                return (f"“{_label(field)}” dài quá {longest} ký tự"
                        + (" một dòng" if field == "signer_title" else "")
                        + ": ghi ngắn lại.", field)
    title = given.get("signer_title", plan.signer_title)
    if len(title.split("\n")) > TITLE_LINES:
        return (f"“{_label('signer_title')}” có quá {TITLE_LINES} dòng: mỗi dòng một dòng "
                "in trên chữ ký, ví dụ KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.", "signer_title")
    signer = given.get("signer", "")
    if signer.casefold().startswith(_TITLE_WORDS):
        return (f"“{signer}” là chức vụ: ô “{_label('signer')}” ghi họ và tên người ký "
                f"(ví dụ Nguyễn Văn A), chức vụ ghi ở ô “{_label('signer_title')}”.",
                "signer")
    if "sender" in given:
        if not choices:
            level = plan_level(plan, master.units)
            kind = f"UBND {level.kind}" if level.code == COMMUNE_LEVEL else \
                authority_name(plan.authority)
            return (f"Không dùng “{_label('sender')}” với kế hoạch này: công văn, báo cáo do "
                    f"{kind} ban hành, không chọn cơ quan khác gửi.", "sender")
        if given["sender"] not in [value for value, _ in choices]:
            return ("Chọn cơ quan gửi công văn, báo cáo trong các lựa chọn của mục này.",
                    "sender")
    edited = replace(plan, **{f: given[f] for f in ("sender", "signer_title") if f in given})
    if problem := title_problem(edited):
        return (f"{problem[0].upper()}{problem[1:]}: ghi chức vụ ở cơ quan gửi, ví dụ "
                f"{default_title(edited)}, hoặc để trống.", "signer_title")
    return None


def _label(field: str) -> str:
    return PLAN_FIELDS[field][0]


async def save(request: Request) -> Response:
    """The form sent: its values written into the plan table in use, put in place."""
    posted = await common.posted(request)
    ws = common.workspace(request)
    state = await run_in_threadpool(ws.master_state)
    master = state.master if state else None
    # A notice goes at the page's top, seen there; a refusal beside the form (its anchor).
    back = plan_page._plan_page(request)
    if master is None:
        common.flash(request, "error", "Chưa có bảng kế hoạch dùng được: tải lên hoặc nhập "
                     "bảng kế hoạch trước, rồi ghi người ký.")
        return RedirectResponse(back, status_code=303)
    given = _given(posted, master)

    def refused(error: str, field: str) -> Response:
        request.session[SESSION] = {**{f: posted.get(f) or "" for f in FIELDS},
                                    "plan": master.sha256, "error": error, "field": field}
        return RedirectResponse(f"{back}#{ANCHOR}", status_code=303)

    if posted.get("plan") != master.sha256:
        return refused("Bảng kế hoạch đang dùng đã được thay sau khi mở trang này (ở thẻ "
                       "khác, hoặc tải lên trong lúc đó): chưa ghi gì. Xem lại các ô bên "
                       "dưới (đã ghi theo bảng đang dùng) rồi bấm lưu lại.", "")
    if problem := refusal(master, given):
        return refused(*problem)
    changed = {f: v for f, v in given.items() if v != getattr(master.plan, f)}
    if "sender" in changed and _same_sender(master, changed["sender"]):
        del changed["sender"]  # "Sở Nội vụ" chosen, "Sở Nội vụ tỉnh Thử" written: kept
    if not changed:
        common.flash(request, "info", "Không có gì thay đổi: người ký, chức vụ, cơ quan gửi "
                     "và nơi nhận báo cáo giữ như bảng kế hoạch đang dùng.")
        return RedirectResponse(back, status_code=303)
    try:
        installed, recounted = await run_in_threadpool(
            plan_page._between_jobs, request, _put_in_place, ws, master, changed)
    except CchcError as exc:
        common.flash(request, "error", "Chưa ghi được vào bảng kế hoạch, bảng đang dùng giữ "
                     f"nguyên: {ws.said(exc).rstrip('.')}.")
        return RedirectResponse(back, status_code=303)
    common.flash(request, "ok", _done(master, changed) + ".",
                 _points(ws, master, changed, installed, recounted))
    return RedirectResponse(back, status_code=303)


def _put_in_place(ws: Workspace, master: Master, changed: dict[str, str]
                  ) -> tuple[Installed, list]:
    """A copy of the plan table in use with the cells ``changed``, put in its place (the
    table before kept); the periods counted with the table before whose report is due
    recounted with it too: only who signs and sends changed, not the figures."""
    state = ws.master_state()
    if state is None or state.master is None or state.master.sha256 != master.sha256:
        raise CchcError("bảng kế hoạch đang dùng vừa được thay; chưa ghi gì, tải lại trang "
                        "rồi ghi lại")
    copy = ws.new_upload_path(ws.app_dir / UPLOADS, ws.master_path.name)
    try:
        edit_plan_fields(ws.master_path, copy, changed)
        installed = ws.install_master(copy)
    finally:
        ws.discard_upload(copy)
    if installed.refused or installed.unreadable:  # the same table: cannot be, said if so
        raise CchcError(installed.unreadable_reason or "bảng kế hoạch sau khi ghi còn lỗi")
    before = plan_digest(master)
    recounted = []
    for period in list(installed.periods.kept):
        with Ledger(ws.ledger_path, create=False) as ledger:
            counted = period_version(ledger.db, master.plan.key, period.code)
        if counted is None or counted[1] != before:
            continue
        try:
            ws.recount(period.code)
        except AnotherPlanOutput:
            continue  # the period keeps the table before, as the notice says
        installed.periods.kept.remove(period)
        recounted.append(period)
    return installed, [*installed.periods.recounted, *recounted]


def _done(master: Master, changed: dict[str, str]) -> str:
    """The notice's first sentence: what was written, field by field."""
    plan = replace(master.plan, **changed)
    said = []
    for field, value in changed.items():
        if field == "sender":
            value = authority_name(sender_of(plan))
        elif field == "signer_title":
            value = " / ".join(value.split("\n")) if value else \
                f"để trống (in {default_title(plan)})"
        said.append(f"{_label(field)}: {value or 'để trống'}")
    return "Đã ghi vào bảng kế hoạch đang dùng — " + "; ".join(said)


def _points(ws: Workspace, master: Master, changed: dict[str, str], installed: Installed,
            recounted: list) -> list[str]:
    """What the office must know after: the table before kept, the periods now counted
    with the table as edited, and the report and letters made before to make again."""
    points = [plan_page.kept_wording("Bảng kế hoạch trước khi sửa")]
    if recounted:
        points.append("Số liệu " + ", ".join(f"kỳ {p.in_sentence}" for p in recounted)
                      + " không đổi, nay theo bảng kế hoạch đã sửa.")
    # The periods left as counted (another version of the plan, another plan's outputs).
    points.extend(Followed(kept=installed.periods.kept,
                           refused=installed.periods.refused).items())
    signs = {"signer", "signer_title", "sender"} & changed.keys()
    made = [p for p in master.periods
            if any(path(p.code).is_file() for path in (ws.report_docx, ws.reminder_docx,
                                                       ws.overdue_docx))]
    if signs and made:
        points.append("Báo cáo Word, công văn đã lập trước đó ("
                      + ", ".join(f"kỳ {p.in_sentence}" for p in made)
                      + ") vẫn in người ký, cơ quan gửi cũ: lập lại ở trang Báo cáo, Phản "
                      "hồi trước khi in, ký hoặc gửi.")
    plan = replace(master.plan, **changed)
    if "sender" in changed and "signer" not in changed and plan.signer:
        # The name typed for one body's signature, kept under the other's (a QA pass: a
        # Sở's deputy director under the committee's TM. ỦY BAN NHÂN DÂN, unsaid).
        title = " / ".join(plan.signer_title.split("\n")) if plan.signer_title else \
            default_title(plan)
        points.append(f"Người ký báo cáo vẫn là {plan.signer}, nay in dưới chức vụ {title}: "
                      "người ký khác thì sửa ô “Người ký báo cáo”.")
    if "return_to" in changed:
        points.append("Nơi nhận báo cáo in ở trang Hướng dẫn của các tệp giao tạo từ nay; "
                      "tệp đã giao giữ nơi nhận cũ. Trang Giao việc đề sẵn nơi nhận đã ghi "
                      "ở lần tạo tệp trước, nếu có: sửa ở ô của trang đó khi tạo lại tệp.")
    return points


def signing_wording(before: str) -> str:
    """Who sent and signed by the table replaced (sender.signing_left), that the table
    put in place says otherwise: said, with where to set it again (the year's turn:
    next year's table has these rows blank; a QA pass found the Sở Nội vụ's letters gone
    back to the committee's, said nowhere)."""
    return (f"Bảng mới không ghi như bảng trước về người ký và cơ quan gửi (bảng trước: "
            f"{before}): công văn, báo cáo lập từ nay theo bảng mới; nếu vẫn như trước, ghi "
            f"lại ở mục “{HEADING}” trên trang này.")
