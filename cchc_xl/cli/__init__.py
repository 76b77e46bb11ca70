"""The ``cchc-xl`` command: parses options, calls one library function per command,
prints results and Vietnamese error messages. No business logic lives here.

The group is here; its commands are in a module for each part of the work: the plan
(:mod:`.plan`), the period's work (:mod:`.period`), what the figures are written into
(:mod:`.outputs`) and the office's folder (:mod:`.folder`); what they share is in
:mod:`.common`, click said in Vietnamese in :mod:`.vietnamese`.
"""

from __future__ import annotations

import click

from .. import __version__
from . import folder, outputs, period, plan
from .vietnamese import VietnameseGroup


@click.group(cls=VietnameseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cchc-xl",
                      message="%(prog)s, phiên bản %(version)s", help="Hiện phiên bản rồi thoát.")
def main() -> None:
    """cchc-xl: giao, thu thập và tổng hợp kế hoạch cải cách hành chính bằng Excel.

    Quy trình: import (nhập kế hoạch từ Word) hoặc init (tạo bảng kế hoạch) → check
    → split (tách tệp cho từng đơn vị) → merge (gộp tệp các đơn vị gửi lại)
    → report (bảng tổng hợp, báo cáo).
    """


for _command in (plan.init, plan.import_, plan.check, plan.show, period.split, period.merge,
                 period.assess, period.withdraw, plan.appendix, outputs.report, folder.backup,
                 folder.restore, folder.serve, outputs.remind):
    main.add_command(_command)
