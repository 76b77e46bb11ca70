"""A job failing on the plan names it as the office knows it, "bảng kế hoạch đang dùng",
never by the data folder's stored copy ("tệp ke-hoach.xlsx": the office uploaded
"ke-hoach-2023.xlsx"), through Starlette's test client as tests/test_web_*.py do."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
from starlette.testclient import TestClient

from cchc_xl.errors import UsageError
from cchc_xl.web import create_app
from cchc_xl.web.jobs import JobRunner
from support.paths import HH_MASTER
from support.web import _wait

LOCAL = {"base_url": "http://127.0.0.1:8765", "client": ("127.0.0.1", 50000)}


def _without_period(master: Path, code: str) -> None:
    """The plan at ``master`` with the period ``code`` taken off its 'Kỳ báo cáo' sheet."""
    wb = openpyxl.load_workbook(master)
    sheet = wb["Kỳ báo cáo"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)
    sheet.delete_rows(row)
    wb.save(master)


def test_a_split_job_failing_on_the_plan_names_the_plan_in_use(tmp_path):
    """The plan replaced while a split of its 9-month period waited behind another job:
    the split failed with "tệp ke-hoach.xlsx: không có kỳ báo cáo '9T'…", a file the
    office never named (a QA pass)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(HH_MASTER, data / "ke-hoach.xlsx")
    app = create_app(data, limits=None)
    client = TestClient(app, **LOCAL)
    page = client.get("/giao-viec?ky=9T")
    token = re.search(r'data-csrf="([^"]+)"', page.text)[1]
    with app.state.runner.exclusive():  # another job running: the split waits
        sent = client.post("/giao-viec/9T", headers={"X-CSRF-Token": token,
                                                     "Accept": "application/json"})
        assert sent.status_code == 200, sent.text
        _without_period(data / "ke-hoach.xlsx", "9T")  # the plan changed meanwhile
    job = _wait(client, sent.json())
    assert job["state"] == "failed"
    assert job["error"].startswith("Bảng kế hoạch đang dùng: không có kỳ báo cáo '9T'")
    assert "ke-hoach.xlsx" not in job["error"] and str(data) not in job["error"]
    # the page that shows the job says it so too
    shown = client.get("/giao-viec?ky=9T").text
    assert "ke-hoach.xlsx" not in shown


def test_a_job_names_other_files_of_the_data_folder_from_there(tmp_path):
    """Another file of the data folder keeps its name, from the folder (not the server's
    path); only the stored plan is said as the plan in use."""
    plan = tmp_path / "ke-hoach.xlsx"

    def fail_on(path: Path):
        def fail(job):
            raise UsageError("bảng kế hoạch chưa có kỳ báo cáo nào", file=str(path),
                             hint="điền trang 'Kỳ báo cáo'")
        return fail

    runner = JobRunner(tmp_path, plan=plan)
    on_plan = runner.submit("split", "Giao việc", fail_on(plan))
    on_other = runner.submit("split", "Giao việc", fail_on(tmp_path / "tong-hop-9T.xlsx"))
    runner.shutdown()
    assert on_plan.error == ("Bảng kế hoạch đang dùng: bảng kế hoạch chưa có kỳ báo cáo nào "
                             "(điền trang 'Kỳ báo cáo')")
    assert on_other.error == ("Tệp tong-hop-9T.xlsx: bảng kế hoạch chưa có kỳ báo cáo nào "
                              "(điền trang 'Kỳ báo cáo')")
