"""`cchc-xl split --force` over a period's files made before the plan was amended: the
Giao việc page names the units whose files changed (send again), those given work since
(send a file) and those left with none (their file no longer counts); the command said
only how many files it made (a QA pass of a plan amended mid-year). It says the same
words (plan_amended.files_changed), the plan the files were made from read from the ledger
(--ledger) by the digest their list records."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from click.testing import CliRunner
from test_plan_amended import _amend, _doing, _fill, amended, write_plan  # noqa: F401
from test_web_resend import CHANGED

from cchc_xl.cli import main


def _run(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result.output


def _made_before_the_amendment(tmp_path: Path) -> Path:
    """Quý I merged and 6 tháng's files made with the plan as issued, then the plan
    amended (a deadline moved, a lead changed, a task deleted, one added…)."""
    plan = write_plan(tmp_path / "kh.xlsx")
    _run("split", plan, "--period", "Q1", "--out", tmp_path / "giao-q1")
    _fill(tmp_path / "giao-q1", tmp_path / "nhan-q1", {("VP", "TC-01"): _doing(20)},
          datetime(2026, 3, 12, 9))
    _run("merge", plan, tmp_path / "nhan-q1", "--period", "Q1", "--out",
         tmp_path / "th-q1.xlsx", "--received", "13/03/2026")
    _run("split", plan, "--period", "6T", "--out", tmp_path / "giao-6t")
    _amend(plan)
    return plan


def test_split_again_names_the_units_whose_files_the_amendment_changed(tmp_path):
    plan = _made_before_the_amendment(tmp_path)
    out = _run("split", plan, "--period", "6T", "--out", tmp_path / "giao-6t", "--force",
               "--ledger", tmp_path / "cchc-ledger.sqlite")
    assert (f"Theo bảng kế hoạch {plan}, tệp của 5 đơn vị khác với tệp tạo lần trước "
            f"({CHANGED}): gửi lại tệp mới cho các đơn vị này; 1 đơn vị nay mới được giao "
            "nhiệm vụ (Trạm Y tế phường): gửi tệp cho đơn vị này; 1 đơn vị không còn được "
            "giao nhiệm vụ (Ban Chỉ huy quân sự phường): tệp đã gửi cho đơn vị này không còn "
            "được tính, báo để đơn vị không phải gửi lại.") in out
    # Made from the plan given: nothing more to say.
    again = _run("split", plan, "--period", "6T", "--out", tmp_path / "giao-6t", "--force")
    assert "Theo bảng kế hoạch" not in again and "tạo lần trước" not in again


def test_without_the_ledger_the_files_are_said_to_need_sending_again(tmp_path):
    plan = _made_before_the_amendment(tmp_path)
    out = _run("split", plan, "--period", "6T", "--out", tmp_path / "giao-6t", "--force")
    assert (f"Các tệp tạo lần trước trong {tmp_path / 'giao-6t'} theo bảng kế hoạch khác "
            "(trước khi sửa) đã được thay: gửi lại tệp mới cho các đơn vị; muốn biết đơn vị "
            "nào có tệp khác, tạo lại với --ledger SỔ_CÁI.") in out


def test_the_next_period_s_split_says_what_the_amendment_changed(amended):  # noqa: F811
    """`split --ledger` of 6 tháng after the plan was amended (the fixture's split):
    what changed since Quý I was counted, the units left without work named."""
    out = _run("split", amended / "kh.xlsx", "--period", "6T", "--out",
               amended / "giao-6t-lai", "--ledger", amended / "cchc-ledger.sqlite")
    assert ("Lưu ý: bảng kế hoạch đã sửa sau khi gộp kỳ quý I năm 2026 (thêm 1 nhiệm vụ "
            "(TC-06); bỏ 1 nhiệm vụ (TC-05);") in out
    assert ("không còn giao nhiệm vụ cho 1 đơn vị (Ban Chỉ huy quân sự phường); đổi tên 1 "
            "đơn vị (Công an phường thành Công an phường Hạc Thành)): tệp kỳ 6 tháng đầu "
            "năm 2026 giao theo bảng đã sửa.") in out
    # The period before counted with the plan given: nothing to say.
    q1 = _run("split", amended / "kh.xlsx", "--period", "Q3", "--out",
              amended / "giao-q3", "--ledger", amended / "cchc-ledger.sqlite")
    assert "bảng kế hoạch đã sửa" not in q1
