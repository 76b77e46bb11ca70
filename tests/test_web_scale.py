"""The pages' work at a province's and a nation's size: what each view does again, and
how much it writes, bounded by counts (never a timing). docs/performance.md, "The web
app's pages at province and national size"."""

from __future__ import annotations

import html
import re

from support.web import _nv_and_tp_merged


def _counting(monkeypatch, module, name: str) -> list:
    """Each call of ``module.name`` (looked up in its module by its callers) noted."""
    calls: list = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_the_period_is_read_and_counted_once_while_the_ledger_stays_the_same(
        tmp_path, monkeypatch):
    """Thu nhận, Phản hồi and Báo cáo read the period from the ledger (load_snapshot) and
    Thu nhận and Phản hồi counted it (summarize) on every view: at a national plan's size,
    0.5-0.65 s of each view. Read and counted once now, until the ledger changes: a file
    withdrawn is on the next view."""
    from cchc_xl import snapshot as snapshot_module
    from cchc_xl.report import summary as summary_module
    from cchc_xl.vocab import RETURN_WITHDRAWN

    _, client, token = _nv_and_tp_merged(tmp_path)
    reads = _counting(monkeypatch, snapshot_module, "_judged")  # once per load_snapshot
    counts = _counting(monkeypatch, summary_module, "_unit_stats")  # once per summarize
    for path in ("/thu-nhan?ky=9T", "/phan-hoi?ky=9T", "/bao-cao?ky=9T") * 2:
        assert client.get(path).status_code == 200
    assert (len(reads), len(counts)) == (1, 1)

    page = client.get("/thu-nhan?ky=9T").text
    sha = re.search(r'name="sha" value="([0-9a-f]{64})"', page)[1]
    assert client.post("/thu-nhan/9T/rut", data={"sha": sha, "csrf": token},
                       follow_redirects=False).status_code == 303
    before = len(reads), len(counts)  # the withdrawal's own (the outputs written again)
    page = html.unescape(client.get("/thu-nhan?ky=9T").text)
    row = page[page.index('<td class="unit-code">NV</td>'):]
    assert RETURN_WITHDRAWN in row[:row.index("</tr>")]
    client.get("/phan-hoi?ky=9T")
    client.get("/bao-cao?ky=9T")
    assert (len(reads), len(counts)) == (before[0] + 1, before[1] + 1)


def test_a_national_board_lists_each_units_files_and_problems_on_its_own_view(
        tmp_path, monkeypatch):
    """Thu nhận listed every unit's files (each with its "Rút khỏi số liệu" form) and
    problems on the board: at a national plan's 2,000 units, 6.4 MB of page. Past
    BOARD_IN_FULL units, a row says how many and links to the unit's own view, where they
    are listed in full (open); the board keeps its filters and search."""
    from cchc_xl.web.pages import intake

    _, client, _ = _nv_and_tp_merged(tmp_path)
    full = client.get("/thu-nhan?ky=9T").text
    assert full.count('name="sha"') == 2 and full.count('<ul class="problems">') == 2

    monkeypatch.setattr(intake, "BOARD_IN_FULL", 10, raising=False)  # 47 units here
    board = html.unescape(client.get("/thu-nhan?ky=9T").text)
    assert board.count('name="sha"') == 0 and board.count('<ul class="problems">') == 0
    assert board.count("<tr data-state=") == full.count("<tr data-state=")  # every unit
    assert 'data-find="board"' in board and 'data-filter="chua-gui"' in board
    row = board[board.index('<td class="unit-code">NV</td>'):]
    row = row[:row.index("</tr>")]
    link = re.search(r'<a href="([^"]+)">Xem 1 tệp đã gửi, (\d+) ghi nhận</a>', row)
    assert link and link[1].endswith("/thu-nhan?ky=9T&don-vi=NV")

    one = html.unescape(client.get("/thu-nhan?ky=9T&don-vi=NV").text)
    assert one.count("<tr data-state=") == 1 and one.count('name="sha"') == 1
    assert one.count('<li><span class="tag note">') == int(link[2])
    assert '<details class="sent" open>' in one and "Xem cả bảng (47 đơn vị)" in one
    assert 'data-filter="chua-gui"' not in one


def test_the_plans_units_are_counted_and_listed_once_per_plan_version_with_a_search(
        tmp_path, monkeypatch):
    """Kế hoạch counted every unit's rows (assignment.rows_by_unit) twice on each view,
    for "Xem N đơn vị" and for whether any unit gets a file: 0.2-0.3 s a view at a
    national plan's 2,000 units, listed with no way to find one. Counted and listed once
    per version of the plan table now (plan_units), with a search box."""
    from cchc_xl import assignment
    from cchc_xl.web import plan_units
    from support.web import _client, _with_master

    monkeypatch.setattr(plan_units, "_KEPT", type(plan_units._KEPT)(), raising=False)
    counted = _counting(monkeypatch, assignment, "rows_by_unit")
    client = _client(_with_master(tmp_path))
    pages = [client.get("/").text for _ in range(3)]
    assert len(counted) == 1
    page = html.unescape(pages[2])
    section = page[page.index("Xem 47 đơn vị"):]
    section = section[:section.index("</details>")]
    assert 'data-find="plan-units"' in section and 'id="plan-units"' in section
    assert section.count("<tr><td class=\"unit-code\">") == 47
