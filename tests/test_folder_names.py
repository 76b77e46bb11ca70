"""The office's files have one set of names: what the command line tells the office to
run next names the files the web app writes for the same period, and ``make demo``
writes them too (its out/ is a folder the web app opens)."""

from __future__ import annotations

import re
import shutil

from click.testing import CliRunner

from cchc_xl.cli import main
from cchc_xl.folder_names import INTAKE_DIR, MASTER_NAME, PERIOD_FILES, period_name
from cchc_xl.web.workspace import Workspace
from support.paths import HH_MASTER, ROOT


def _run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _named(line: str, code: str) -> set[str]:
    """The period's file names a "Tiếp theo" line gives ("nhan-ve-9T", "tong-hop-9T.xlsx")."""
    return set(re.findall(rf"[\w-]+-{code}(?:\.\w+)?(?=[\s),;.]|$)", line))


def test_what_the_commands_say_to_run_next_names_the_web_app_s_files(tmp_path,
                                                                        monkeypatch) -> None:
    """Split's and merge's "Tiếp theo" lines, run in the web app's data folder on its own
    paths, name exactly the folders and files Workspace reads and writes for the period:
    the office following them in a folder it also opens in the browser ends with one set
    of files, not two."""
    ws = Workspace(tmp_path)
    monkeypatch.chdir(tmp_path)

    def name(path) -> str:
        return path.relative_to(tmp_path).as_posix()

    split = _run("split", HH_MASTER, "--period", "9T", "--out", name(ws.split_dir("9T")),
                 "--silent")
    assert split.exit_code == 0, split.output
    said = split.output.strip().splitlines()[-1]
    assert said.startswith("Tiếp theo: "), said
    assert _named(said, "9T") == {name(ws.intake_dir("9T")), name(ws.consolidated("9T")),
                                  name(ws.feedback_dir("9T"))}, said

    returns = ws.intake_dir("9T")
    returns.mkdir()
    shutil.copyfile(HH_MASTER.parent / "returns-9T" / "X02-xa-hoang-cat.xlsx",
                    returns / "X02.xlsx")
    merged = _run("merge", HH_MASTER, name(returns), "--period", "9T", "--out",
                  name(ws.consolidated("9T")), "--feedback", name(ws.feedback_dir("9T")),
                  "--received", "19/09/2023", "--silent")
    assert merged.exit_code == 1, merged.output  # the sample's 120%
    said = merged.output.strip().splitlines()[-1]
    assert said.startswith("Tiếp theo: "), said
    # The report and its Word draft, and the reminder letter, as Báo cáo and Phản hồi
    # write them; besides the files the merge was given and wrote.
    assert _named(said, "9T") == {
        name(ws.feedback_dir("9T")), name(returns), name(ws.consolidated("9T")),
        name(ws.report_xlsx("9T")), name(ws.report_docx("9T")),
        name(ws.reminder_docx("9T"))}, said
    assert "bao-cao-9T.xlsx" in said and "don-doc-9T.docx" in said  # as the user reads it


def test_make_demo_writes_the_web_app_s_names() -> None:
    """``make demo`` ends telling the office to open out/ in the browser: its plan table
    and the period's outputs are named as the web app names them (every one of a
    period's files but the returns, which the demo merges from the samples' folder)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"MASTER := $(OUT)/{MASTER_NAME}\n" in makefile
    demo = makefile[makefile.index("\ndemo:"):]
    demo = demo[:demo.index("\n\n")]
    written = set(re.findall(r"\$\(OUT\)/([\w.-]+-9T(?:\.\w+)?)", demo))
    ours = {period_name(pattern, "9T") for pattern in PERIOD_FILES}
    assert written == ours - {period_name(INTAKE_DIR, "9T")}, written ^ ours
