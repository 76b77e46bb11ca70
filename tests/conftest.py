"""Fixtures shared by the whole suite, built once per session; the seed plans' splits
and merges once per run (support/shared.py: the xdist processes share them).

Tests read what these fixtures made and never write into it; a test that needs to
change a file copies it first.
"""

from __future__ import annotations

import gc
from datetime import date, datetime
from pathlib import Path

import pytest

from make_sample_returns import ISSUED_AT
from support.paths import HH_MASTER, HH_SAMPLES, NH_MASTER
from support.shared import built_once


@pytest.fixture(scope="session")
def hh_master():
    from cchc_xl.master import load_master

    return load_master(HH_MASTER)


@pytest.fixture(scope="session")
def nh_master():
    from cchc_xl.master import load_master

    return load_master(NH_MASTER)


@pytest.fixture(scope="session")
def hh_split_9t(hh_master, tmp_path_factory):
    """The Hoằng Hóa plan split for 9T, issued at a fixed time (the same bytes each run)."""
    from cchc_xl.split import split_master

    return built_once(tmp_path_factory, "hh-9T", lambda folder: split_master(
        hh_master, "9T", folder / "out", issued_at=ISSUED_AT))


@pytest.fixture(scope="session")
def hh_split(hh_split_9t) -> dict[str, Path]:
    """The files of hh_split_9t by unit code (tests/test_split.py has its own hh_split: the
    split itself)."""
    return {f.unit_code: f.path for f in hh_split_9t.files}


@pytest.fixture(scope="session")
def hh_split_of(hh_master, tmp_path_factory):
    """The Hoằng Hóa plan split for another period, issued at a given time: a function
    ``(period, issued_at) -> {unit code: file}``, each split made once for the run (tests
    that only fill its files in, as units do, made the same 47 files each: 0.5 s of CPU a
    split, most in split's workers). Fill copies; never write into these files."""
    from cchc_xl.split import split_master

    made: dict[tuple[str, datetime], dict[str, Path]] = {}

    def split_of(period: str, issued_at: datetime) -> dict[str, Path]:
        if (period, issued_at) not in made:
            name = f"hh-{period}-{issued_at:%Y%m%d%H%M%S}"
            result = built_once(tmp_path_factory, name, lambda folder: split_master(
                hh_master, period, folder / "out", issued_at=issued_at))
            made[period, issued_at] = {f.unit_code: f.path for f in result.files}
        return made[period, issued_at]

    return split_of


@pytest.fixture(scope="session")
def hh_samples_merged(hh_master, tmp_path_factory):
    """The bundled sample returns of the Hoằng Hóa plan merged for 9T, received by the
    office on 19/09/2023 (before the period's due date): (result, workbook)."""
    from cchc_xl.merge import merge_returns

    def merge(folder):
        out = folder / "tong-hop.xlsx"
        return merge_returns(hh_master, [HH_SAMPLES], "9T", out, received=date(2023, 9, 19)), out

    return built_once(tmp_path_factory, "hh-samples", merge)



@pytest.fixture(scope="session")
def nv_merged(tmp_path_factory) -> Path:
    """Phòng Nội vụ's sample return of the Hoằng Hóa plan merged for 9T by `cchc-xl merge`:
    its folder (tong-hop-9T.xlsx, the ledger and its archive). Tests copy it before
    writing beside it (tests/test_kept_edits.py, test_safety_output_kinds.py)."""
    from click.testing import CliRunner

    from cchc_xl.cli import main

    def merge(folder: Path) -> Path:
        done = CliRunner().invoke(main, [
            "merge", str(HH_MASTER), str(HH_MASTER.parent / "returns-9T" / "NV-phong-noi-vu.xlsx"),
            "--period", "9T", "--out", str(folder / "tong-hop-9T.xlsx"), "--silent"])
        assert done.exit_code in (0, 1), done.output
        return folder

    return built_once(tmp_path_factory, "nv-merged", merge)


@pytest.fixture(scope="session")
def ledger_db(tmp_path_factory) -> Path:
    """The ledger of the small plan (tests/support/report.py) with its returns for 6T, Q3
    and 9T, as merge leaves it."""
    from cchc_xl import ledger as L
    from support.report import build_ledger, tiny_master

    folder = tmp_path_factory.mktemp("ledger")
    return build_ledger(folder / L.LEDGER_NAME, tiny_master())


@pytest.fixture(scope="session")
def report_6t(ledger_db, tmp_path_factory):
    """The small plan's 6-month report, workbook and page (tests/test_report_*.py)."""
    from cchc_xl.report import write_report

    out = tmp_path_factory.mktemp("report-6t")
    return write_report(ledger_db, "6T", out / "bao-cao-6T.xlsx", html=out / "bao-cao-6T.html")


@pytest.fixture(scope="session")
def hh_report(hh_samples_merged, tmp_path_factory):
    """The seed plan's 9-month report made by `cchc-xl report` from hh_samples_merged:
    (workbook, page, what the command printed)."""
    from click.testing import CliRunner

    from cchc_xl.cli import main

    _, merged = hh_samples_merged
    out = tmp_path_factory.mktemp("hh")
    result = CliRunner().invoke(main, ["report", str(merged), "--period", "9T",
                                       "--out", str(out / "bao-cao.xlsx"), "--html",
                                       str(out / "bao-cao.html")])
    assert result.exit_code == 0, result.output
    return out / "bao-cao.xlsx", out / "bao-cao.html", result.output


@pytest.fixture(scope="session")
def hh_mistakes(hh_master, hh_split_9t, nh_master, tmp_path_factory):
    """One returned file per kind of mistake (tests/support/mistakes.py), made once:
    (work folder, returns folder, {kind: path}). Merge into folders of your own."""
    from support.mistakes import mistake_files

    split = {f.unit_code: f.path for f in hh_split_9t.files}
    return mistake_files(tmp_path_factory, "mistakes", hh_master, split, nh_master)


@pytest.fixture(scope="session")
def hh_mistakes_by_calc(hh_mistakes, tmp_path_factory):
    """Mistake files opened and saved by LibreOffice Calc (three conversions by the
    process's running office, support/tools.py): most as xlsx, one as .ods, one as
    .xls, in one folder: ({kind: saved xlsx}, folder)."""
    from support.tools import convert_all

    _, _, originals = hh_mistakes
    calc = tmp_path_factory.mktemp("calc") / "calc"
    kinds = ["clean", "status", "percent", "consistency", "dates", "evidence", "rows",
             "identity-checksum", "merged"]
    saved = convert_all([originals[k] for k in kinds], calc, "xlsx:Calc MS Excel 2007 XML")
    convert_all([originals["legacy"]], calc, "ods")
    convert_all([originals["twice-a-newer"]], calc, "xls:MS Excel 97")
    return dict(zip(kinds, saved, strict=True)), calc


@pytest.fixture(scope="session")
def hh_mistakes_merged(hh_master, hh_mistakes, tmp_path_factory):
    """The mistake files merged for 9T with feedback, once a run: test_merge_mistakes.py
    and test_period_labels.py (which imports its fixture) each merged them again, as a
    module fixture. (result, {kind: file}, workbook, folder holding "out" and
    "feedback"); merge into a copy of the workbook's folder, never into it."""
    import hashlib

    from cchc_xl.merge import merge_returns

    _, folder, files = hh_mistakes

    def merge(tmp):
        before = hashlib.sha256(HH_MASTER.read_bytes()).hexdigest()
        out = tmp / "out" / "tong-hop.xlsx"
        result = merge_returns(hh_master, [folder], "9T", out, feedback_dir=tmp / "feedback")
        assert hashlib.sha256(HH_MASTER.read_bytes()).hexdigest() == before, \
            "the master must never be written"
        return result, files, out, tmp

    return built_once(tmp_path_factory, "mistakes-merged", merge)


# Tests built on these fixtures run a whole seed plan (47 unit files split, dozens of
# returns merged): they are in the slow tier, left out by `make test`.
SLOW_FIXTURES = {"hh_split_9t", "nh_split", "hh_samples_merged", "hh_mistakes", "mistakes",
                 "review_returns"}

# Whole modules in the slow tier: those whose tests take 0.3 s or more each on average
# (measured on 6 December 2026, `--durations=0` of the quick tier on the two-core
# machine: 35 modules, 204 tests, 115 of the quick tier's 275 test-seconds). Most walk
# the web app through several periods' merges, run in its background jobs (Thu nhận's
# late files, the report and letters made again, the plan replaced), or run the product
# in processes of its own (fresh imports, the installed package, spawned workers, files
# in folders moved, hostile PDFs read under an address-space limit: 0.8 s a test, added
# the same evening). `make test` leaves the slow tier out and stays under two minutes;
# `make test-all` (what CI runs) runs everything. A module whose tests grow slow joins.
SLOW_MODULES = {
    "test_backup.py", "test_consolidated_use.py", "test_figures_agree.py",
    "test_hostile_pdfs.py", "test_imports.py",
    "test_installed.py", "test_kept_edits.py", "test_kept_edits_clutter.py",
    "test_merge_mac_names.py",
    "test_merge_moved_folder.py", "test_merge_seed_plans.py",
    "test_merge_unread_verdicts.py", "test_plan_amended_roles.py", "test_readback_fast.py",
    "test_remind_many_communes.py", "test_report_verdicts.py", "test_safety_inputs.py",
    "test_safety_output_kinds.py", "test_spawn_start.py", "test_web_copied.py",
    "test_web_download_names.py", "test_web_feedback.py", "test_web_feedback_day.py",
    "test_web_import.py", "test_web_issuer_intake.py", "test_web_kept_edits.py",
    "test_web_late_period.py", "test_web_one_today.py", "test_web_plan_amended.py",
    "test_web_plan_kept.py", "test_web_plan_renamed.py", "test_web_report.py",
    "test_web_split.py", "test_web_started_elsewhere.py", "test_web_unread_verdicts.py",
    "test_web_upload_summary.py", "test_web_went_back.py",
    # Measured again at the evening's end (0.50 and 0.39 s a test): the board's files of
    # several periods, and both years walked through the app at the year's turn.
    "test_web_board.py", "test_web_year_turn.py",
    # Added on 6 December (night): a copied folder's pages after both years' merges (1.4 s
    # a test), and the pages' work counted over several views and a withdrawal (0.6 s).
    "test_web_last_year_files.py", "test_web_scale.py",
    # Restore in the browser (a year's folder merged, backed up and restored in each
    # test: 1-2 s a test), and its backups made before each restore.
    "test_web_restore.py", "test_web_restore_kept.py",
    # Added on 6 December (late night), measured alone: every download of last year's
    # files refused (1.45 s a test), a province's quarter checked by hand against the
    # report (0.48 s), the return deadline made by the command and by the app (0.37 s).
    "test_web_other_plans_downloads.py", "test_report_signed.py", "test_resend.py",
    # A restore cut off mid-swap put back at start, and by the commands (a year's folder
    # built per module: 0.5 s a test).
    "test_web_restore_cut.py", "test_restore_cut_cli.py",
    # Added on 7 December: the plan page's signer form (a plan installed per test: 0.45 s
    # a test).
    "test_web_plan_signer.py",
    # Measured on 7 December (later session; the quick tier at 123 s): two people's
    # uploads (0.84 s a test), uploads cut off (0.44), empty files merged and withdrawn
    # (0.51), a unit merged away by an amendment (0.40), both years at the year's turn
    # (0.32, 6.4 s in all).
    "test_web_two_at_once.py", "test_web_cut_off.py", "test_empty_files.py",
    "test_web_plan_kept_unit.py", "test_year_turn.py",
    # Measured again at the night's end (the quick tier had reached 117-118 s on a quiet
    # machine): those over 0.38 s a test.
    "test_report_recipients.py", "test_report_crowds.py", "test_assessment_older_copy.py",
    "test_counting_verdicts.py", "test_counting_twin_periods.py",
    # A merge killed at a dozen moments, each run again and compared with a clean run
    # (14 s on a quiet machine).
    "test_merge_killed_anywhere.py",
    # Measured at the session's end on 7 December (07:05 UTC; the quick tier at 155-157 s,
    # the machine a fifth slower than the night before by the bench's floor): those over
    # 0.2 s a test that are not the importer's or the plan's core (per test: the command
    # run in its own process under three code pages 1.0, refusals of other plans' files
    # 0.46, the list workbook 0.39, the web app's jobs 0.31, hostile plans 0.31, carried
    # periods 0.29, a kept period after an amendment 0.29, the plan replaced 0.26, the
    # server 0.26, Thu nhận's uploads 0.26, figures 0.25, the ledger's safety 0.24, a
    # status gone back 0.21).
    "test_cli_encoding.py", "test_other_plan_said.py", "test_manifest_xlsx.py",
    "test_web_jobs.py", "test_hostile_plans.py", "test_counting_carry.py",
    "test_plan_amended_kept.py", "test_web_plan_replace.py", "test_web_serve.py",
    "test_web_intake.py", "test_figures.py", "test_safety_ledger.py", "test_went_back.py",
    # Added on 7 December (08:00 UTC): runs that read no file after a merge cut short, on
    # the command line and the web app (0.7 s a test), and a server killed mid-merge (a
    # server started twice: 4.5 s).
    "test_merge_cut_short_left.py", "test_serve_killed.py",
    # Measured on 7 December (14:40 UTC) on a machine about twice as slow as the one the
    # rules above were measured on (the bench's floor 6.9 ms a file against 2.8-3.1):
    # the quick tier took 164-181 s. Those of 0.33 s a test or more here (about 0.17 s
    # on the quicker machine), but for the counting rules' modules (test_counting_*),
    # which the quick tier keeps: what a change to the figures breaks.
    "test_web_wording.py", "test_merge_interrupted.py", "test_feedback_marks.py",
    "test_signer_said.py", "test_split_amended.py", "test_merge_feedback.py",
    "test_assessment_stale_merge.py", "test_vocab.py", "test_part_date_prefilled.py",
    "test_assessment_fast.py", "test_web_resend.py", "test_assessed_rows_said.py",
    "test_web_first_use.py", "test_amendment_cited.py", "test_assessment_stale.py",
    "test_web_stale_period.py", "test_sender_count.py", "test_folder_names.py",
    "test_import_amendment.py", "test_roles.py", "test_file_names_written.py",
    "test_report_old_notes.py", "test_appendix_layout.py", "test_split_tabs.py",
    "test_plan_edits_lead.py", "test_web_received.py", "test_co_lead_role.py",
    "test_web_logins.py", "test_assessment_sorted.py", "test_merge_mistakes.py",
    "test_withdraw_resend.py", "test_report_issuer.py", "test_web_plan_counts.py",
    "test_overdue_many_communes.py", "test_assessment_answers.py", "test_period_labels.py",
    "test_due_column_parts.py", "test_plan_authority.py", "test_remind_unmerged.py",
    "test_report_lunar_deadline.py", "test_web_plan.py", "test_split_id_width.py",
    "test_remind_nobody.py", "test_other_period.py", "test_web_due_now.py",
    "test_safety_outputs.py", "test_report_printed_lists.py", "test_report_wording.py",
    "test_square_of_units.py",
    # Measured on 8 December (01:10 UTC, an idle machine as slow as on 7 December: the
    # quick tier 118-119 s): those of 0.33 s a test or more, but for the split's core
    # (test_split.py) and the counting rules' modules: the command line's messages run
    # through the commands (0.37 s a test), the office's verdicts typed in cells (0.44),
    # files received held for a day (0.48), the sender's name in the letters (0.33).
    "test_cli_messages.py", "test_assessment_cells.py", "test_web_received_held.py",
    "test_sender.py",
}


# `make test` runs on a process per core (two here) with --dist loadgroup: tests in one
# xdist_group run on one process, so what they share is built once (a session fixture is
# built in each process that uses it); the largest groups are handed out first.
GROUP_BY_FIXTURE = {
    "hh_mistakes": "mistakes",
    # Module fixtures that take seconds (a LibreOffice run, a merge, documents written):
    # their tests on one process, so that each is built once.
    "round_trip": "split-round-trip",  # test_split.py
    "review_returns": "review-returns",  # test_merge_edited_files.py
    "documents": "docx-documents",  # test_docx.py
    "merged": "figures-merged",  # test_figures.py; test_kept_edits.py (its own "merged")
    # Module fixtures that its tests on every process each built (a LibreOffice print).
    "hh_report_pdf": "report-pdf",  # test_report_seed.py
    "printed": "docx-printed",  # test_docx_layout.py
    "forked_split": "spawn-forked-split",  # test_spawn_start.py: the seed plan split
}
GROUP_BY_MODULE = {
    "test_hostile.py": "hostile",  # its corpus and reference merge
    # The data folder the year cycle leaves (the session fixture web_data, below):
    # apart, each process (and each module) made the cycle's split, merge and report
    # again in a folder of its own.
    "test_web_browser.py": "browser",
    "test_web_browser_csp.py": "browser",
    "test_web_browser_many.py": "browser",
    "test_web_browser_phone.py": "browser",
    "test_web_browser_keys.py": "browser",
    "test_web_browser_held.py": "browser",
    "test_web_browser_fit.py": "browser",
    "test_web_browser_intake.py": "browser",
    "test_web_browser_no_script.py": "browser",
    "test_web_browser_backup.py": "browser",
    "test_web_browser_a11y.py": "browser",
    # A Chromium (test_report_print.py) and the plans written and split (test_hostile_plans.py)
    # for the module: started on each process that ran one of its tests.
    "test_report_print.py": "report-print",
    "test_hostile_plans.py": "hostile-plans",
    # Module fixtures of a fraction of a second that each process built (the reports
    # and ledgers the module's tests read; 5 December: 3.5 s of CPU in all, twice).
    "test_docx_layout.py": "docx-printed",  # its other reports, with the printed ones
    "test_feedback_marks.py": "feedback-marks",
    "test_plan_amended.py": "plan-amended",
    "test_counting_rows.py": "counting-rows",
    "test_report_wording.py": "report-wording",
    "test_report_progress.py": "report-progress",
    "test_report_recipients.py": "report-recipients",
    "test_remind_overdue.py": "remind-overdue",
}
# A long test that cannot be divided starts early, so that no process is left running
# it alone at the end.
FIRST = ("test_web_browser.py",)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if SLOW_FIXTURES & names or item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        group = next((g for f, g in GROUP_BY_FIXTURE.items() if f in names),
                     GROUP_BY_MODULE.get(item.path.name))
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: item.path.name not in FIRST)


class _GroupSuffix:
    """Makes ``--dist loadgroup`` group again on pytest 9.2.

    xdist tells its scheduler a test's group by appending "@group" to the test's id
    (``item._nodeid``), which pytest 9.2 no longer reads (it keeps a structured id):
    the groups were silently ignored and what they share was built on both processes
    (pytest-xdist issue #1386, fix pending in #1388). This appends the suffix where
    xdist's own hook left it out, and does nothing once xdist does it itself.
    """

    @pytest.hookimpl(trylast=True)  # after xdist's hook
    def pytest_collection_modifyitems(self, config, items):
        if not getattr(config.option, "loadgroup", False):
            return
        from _pytest.nodeid import NodeId

        for item in items:
            names = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                            for m in item.iter_markers("xdist_group")})
            suffix = "@" + "_".join(names)
            if names and not item.nodeid.endswith(suffix):
                item._id = NodeId.parse(item.nodeid + suffix)


def pytest_configure(config):
    from support.plans_kept import keep_bundled_plans

    config.pluginmanager.register(_GroupSuffix(), "cchc-xdist-group-suffix")
    keep_bundled_plans()  # the seed plans and templates read once a process


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """What earlier tests left alive (the session's masters, splits and merges) is moved
    out of the cyclic collector's sight before each test: every full collection walked
    it again, about a tenth of the suite's CPU (21 s of 230; 9 s with this, the
    collections before each test included). What a test leaves in cycles is collected
    first, so nothing is kept that would not have been."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _no_thread_left():
    """A test that leaves a thread running fails (support/threads.py: every later test
    in its process would have merged through a fork server), but for the threads a
    module's server or browser keeps between its tests, checked at the module's end."""
    import threading

    from support.threads import described, started_since

    before = set(threading.enumerate())
    yield
    if left := started_since(before):
        pytest.fail(f"the test left threads running: {described(left)}", pytrace=False)


@pytest.fixture(scope="module", autouse=True)
def _no_thread_left_by_module():
    """What a module's fixtures started (a server, a browser) has ended with them."""
    import threading

    from support.threads import described, started_since

    before = set(threading.enumerate())
    yield
    if left := started_since(before, module_lived=True):
        pytest.fail(f"the module left threads running: {described(left)}", pytrace=False)


def pytest_sessionfinish(session):
    from support.tools import OFFICE

    OFFICE.stop()  # this process's LibreOffice, if a test started it


@pytest.fixture(scope="module")
def cli_processes():
    """`cchc-xl` commands run each in a process of its own, forked from one that has
    imported the CLI (support.cli_process), for a test module; stopped after it."""
    from support.cli_process import CliProcesses

    processes = CliProcesses()
    yield processes
    processes.close()


# The browser tests (test_web_browser.py and its siblings; the "browser" group above):
# one data folder for the process. The year cycle (test_web_browser.py, run first)
# leaves in it what the other modules read (or their _ready makes it, for a module run
# alone); before, each module made the cycle's split, merge and report again in a data
# folder of its own. The server and the browser are each module's, as before: the app
# (its fork server for merges) and Playwright's loop are gone when the module's tests
# are, so no later test in the process runs beside them.
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def web_data(tmp_path_factory) -> Path:
    """The browser tests' data folder, shared by their modules in a process."""
    return tmp_path_factory.mktemp("web-data")


@pytest.fixture(scope="module")
def server(web_data):
    import threading
    import time

    import uvicorn

    from cchc_xl.web import create_app
    from cchc_xl.web.server import open_socket

    sock = open_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(web_data), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", web_data
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    from support.paths import SHOTS
    from support.tools import CHROMIUM

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        context = browser.new_context(accept_downloads=True, locale="vi-VN",
                                      viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page
        browser.close()
