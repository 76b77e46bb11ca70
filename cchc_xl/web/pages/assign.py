"""Page 2, Giao việc: split the master for the chosen period, download the files."""

from __future__ import annotations

import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ...issuer import plan_level
from ...manifest import MANIFEST_XLSX, can_list
from ...periods import due_gone_by
from ...split import SplitResult
from ...text import capitalized
from .. import common, other_plans, plan_periods
from ..issued_from import files_outdated, files_to_send_again
from ..jobs import Job
from ..plan_periods import kept_changes
from ..workspace import Workspace


def return_to_example(master) -> str:
    """The "Gửi lại cho" box's example, naming the room that collects the reports at
    the plan's level: it was a district's "Phòng Nội vụ" for every plan, read by a
    commune's clerk in 2026 (a QA pass), when districts had been gone a year."""
    collector = plan_level(master.plan, master.units).collector if master else "Phòng Nội vụ"
    return (f"Ví dụ: {collector}, đồng chí Nguyễn Văn A, ĐT 0912 345 678, thư điện tử "
            "cchc@thanhhoa.gov.vn")


# A second quarter named among a plan's periods ("Quý II năm 2026", "Quý 2/2026").
_SECOND_QUARTER = re.compile(r"\bquý\s+(?:ii|2)\b", re.IGNORECASE)


def period_to_add_example(master) -> str:
    """What the hint under "Tạo tệp cho từng đơn vị" gives as a period to add: the
    defaults have no quarter II (the 6 months' report is its), which a commune's clerk
    asked for Quý II looked for in the "Kỳ báo cáo" box and found no way to add (a QA
    pass); "10 tháng" when the plan has one already."""
    periods = master.periods if master else []
    if any(_SECOND_QUARTER.search(p.name) for p in periods):
        return "10 tháng"
    return "quý II hay 10 tháng"


def unassigned_note(master, manifest: dict | None) -> str:
    """Who of the plan's units got no file, as the split's message said it ("Không tạo
    tệp cho 1 đơn vị không được giao nhiệm vụ nào: Công an tỉnh"): said only by that
    message, gone once the app was started again, a province's 181 units left beside
    "Tệp đã tạo (180 đơn vị)" with no word of which one had none (a QA pass)."""
    if master is None or not manifest:
        return ""
    given = {f.get("unit") for f in manifest.get("files", [])}
    return SplitResult(period=None, files=[], manifest_csv=None, manifest_json=None,
                       unassigned=[u for u in master.units if u.code not in given]
                       ).unassigned_note


async def page(request: Request) -> Response:
    ws = common.workspace(request)
    period = common.current_period(request)
    state = await run_in_threadpool(ws.master_state)
    master = state.master if state else None  # read once: the example and the box's text
    manifest = await run_in_threadpool(ws.split_manifest, period.code) if period else None
    outdated = bool(period and manifest and await run_in_threadpool(
        files_outdated, ws, manifest))
    other = await run_in_threadpool(other_plans.split_plan, ws, period) if period else None
    # The list of the files as a workbook (split writes it since it opened in one column
    # as a CSV in Excel on a Vietnamese Windows); for files split before, made from the
    # folder's manifest.json when clicked (Workspace.split_files).
    listed = bool(period and manifest and (can_list(manifest) or await run_in_threadpool(
        (ws.split_dir(period.code) / MANIFEST_XLSX).is_file)))
    return await common.render(
        request, "assign.html", "assign", manifest=manifest, outdated=outdated,
        period_to_add=period_to_add_example(master),
        # Of the plan in use: a list made from the plan before is said outdated instead.
        unassigned="" if outdated else unassigned_note(master, manifest),
        can_prefill=bool(period and await run_in_threadpool(ws.can_prefill, period)),
        # A period whose report was due when the plan was replaced keeps the plan it was
        # counted with (plan_periods): its files were right for it.
        kept=bool(period and await run_in_threadpool(kept_changes, ws, period.code)
                  is not None),
        # Another plan's files (the folder copied, the plan table put in it by hand): not
        # made again over them (year_turn.refuse_another_plans_files), said before asked.
        # Not offered for download either (other_plans: a download refuses them).
        other_plan=other[0] if other else "",
        # Whose files the plan in use changed, to send again (files made before it).
        resend=await run_in_threadpool(files_to_send_again, ws, manifest)
        if outdated and not other else "",
        split_folder=ws.split_dir(period.code).name if period else "",
        list_book=MANIFEST_XLSX if listed else "",
        job=common.runner(request).latest("split", period.code if period else ""),
        # Said by the split's message alone, gone with it: the page went on saying
        # "chậm nhất ngày 20/09/2026" on 6 December, before and after (a QA pass).
        due_passed=_due_passed(period),
        return_example=return_to_example(master),
        return_to=await run_in_threadpool(ws.return_to, master, period.code)
        if period and master else "")


async def start(request: Request) -> Response:
    form = await common.posted(request)
    period = common.period_or_404(request)
    ws = common.workspace(request)
    ws.master()  # says what to do first when there is no usable master
    prefill = form.get("prefill") == "1"
    return_to = str(form.get("return_to") or "")

    def work(job: Job) -> dict:
        # The files made before from a plan replaced since: whose to send again, said
        # once made (the page's list of them goes with the files it was of).
        manifest = ws.split_manifest(period.code)
        resend = files_to_send_again(ws, manifest, made=True) if manifest and \
            files_outdated(ws, manifest) and kept_changes(ws, period.code) is None else ""
        result = ws.split(period.code, prefill=prefill, return_to=return_to,
                          progress=job.progress)
        return {"message": f"Đã tạo {len(result.files)} tệp cho kỳ {period.in_sentence}."
                + (f" {resend}" if resend else "")
                + (f" {result.unassigned_note}." if result.unassigned else "")
                + "".join(f" Lưu ý: {f.message}." for f in result.findings),
                # What the office should fix (a due date gone by): the warning colour.
                "tone": common.tone(bool(result.findings))}

    job = common.runner(request).submit("split", f"Tạo tệp giao kỳ {period.in_sentence}", work,
                                        key=period.code)
    return common.job_response(request, job, common.page_of(request, "assign", period))


# Only a file the manifest lists is served; none when the list is another plan's
# (other_plans.split_plan: last year's giao-Q1 left in the folder).
zip_all, one_file = common.listed_file_handlers(
    Workspace.split_files, "giao", "Không có tệp này trong danh sách tệp giao.")


def _due_passed(period) -> str:
    """The page's warning when the period's files would ask for a day gone by ("")."""
    said = due_gone_by(period, plan_periods.today(), "các tệp giao") if period else ""
    return (f"{capitalized(said)} (bảng kế hoạch: tải về ở trang Kế hoạch, sửa trong Excel "
            "rồi tải lên lại).") if said else ""

