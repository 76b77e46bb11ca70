"""Split's list of the files given out as a workbook (danh-sach-tep-giao.xlsx): the
comma-separated manifest.csv opens in one column in Excel on a Windows set to
Vietnamese (its list separator is ";"), so the specialist could not read whose file was
which. The workbook opens in columns anywhere; merge passes it over among the returns
(by its property, whatever its name), split's checks on its folder and backup treat it
as they treat the manifests, and the CSV and JSON are as they were."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xl.backup import write_backup
from cchc_xl.cli import main
from cchc_xl.consolidated.link import ISSUED_LIST_PROPERTY, workbook_properties
from cchc_xl.errors import NothingToMerge, UsageError
from cchc_xl.manifest import CSV_HEADER, MANIFEST_XLSX, issued_list, write_issued_list
from cchc_xl.merge import merge_returns
from cchc_xl.overwrite import ISSUED_LIST, kind_of, refuse_overwrite
from cchc_xl.restore import restore_backup
from cchc_xl.snapshot import load_snapshot
from cchc_xl.split import split_master
from cchc_xl.xlio import CELL_TEXT_MAX
from cchc_xl.year_turn import plan_written_for
from make_sample_returns import ISSUED_AT
from support.paths import HH_MASTER, HH_SAMPLES

NV = HH_SAMPLES / "NV-phong-noi-vu.xlsx"
SKIPPED = "danh sách các tệp giao do cchc-xl tạo"  # as manifest.csv and .json are


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cells(path: Path) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    (sheet,) = book.worksheets
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_list_opens_in_columns_one_unit_a_row(hh_split_9t):
    listed = hh_split_9t.manifest_xlsx
    assert listed == hh_split_9t.manifest_csv.parent / "danh-sach-tep-giao.xlsx"
    book = openpyxl.load_workbook(listed)
    assert book.sheetnames == ["Danh sách tệp giao"]
    sheet = book.active
    assert sheet["A1"].value == ("Danh sách tệp giao kỳ 9 tháng năm 2023 — Kế hoạch cải cách "
                                 "hành chính năm 2023 — tạo lúc 08:00 ngày 01/09/2023")
    header = [c.value for c in sheet[2]]
    assert header == ["Mã đơn vị", "Tên đơn vị", "Tệp", "Chủ trì", "Phối hợp", "Tổng số dòng",
                      "SHA-256"]
    data = json.loads(hh_split_9t.manifest_json.read_text(encoding="utf-8"))
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows == [[f["unit"], f["unit_name"], f["file"], f["lead"], f["support"], f["rows"],
                     f["sha256"]] for f in data["files"]]
    assert rows[0][:4] == ["NV", "Phòng Nội vụ", "NV-Phòng-Nội-vụ.xlsx", 21]
    # The header stays in view and filters; each column as wide as its texts, the
    # SHA-256 on one line.
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:G{len(rows) + 2}"
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDEFG"}
    assert widths["G"] >= 70 and widths["B"] > widths["A"] >= 8, widths
    assert sheet.print_title_rows == "$2:$2"
    # The same rows as the CSV, which is as it was (its header, a row a unit).
    with open(hh_split_9t.manifest_csv, encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.reader(fh))
    assert lines[0] == list(CSV_HEADER) == header
    assert [[str(v) for v in r] for r in rows] == lines[1:]
    assert set(data) == {"format", "plan", "plan_title", "plan_sha256", "plan_digest",
                         "period", "issued_at", "files"}
    # cchc-xl's own list, of this plan's period.
    assert workbook_properties(listed)[ISSUED_LIST_PROPERTY] == "hoang-hoa-2023 9T"
    assert plan_written_for(listed) == ("hoang-hoa-2023", "9T")
    assert kind_of(listed) == ISSUED_LIST


def test_the_same_split_writes_the_same_list(hh_master, hh_split_9t, tmp_path):
    again = split_master(hh_master, "9T", tmp_path / "again", issued_at=ISSUED_AT)
    assert sha(again.manifest_xlsx) == sha(hh_split_9t.manifest_xlsx)


def test_a_cell_is_never_a_formula_nor_more_than_a_cell_holds(hh_master, tmp_path):
    """OWASP's CSV injection: a unit's name typed as a formula stays text in the
    workbook (the CSV quotes it: test_safety_outputs); a text longer than a cell holds
    is cut visibly."""
    hostile = '=HYPERLINK("http://example.com/x","Bấm vào đây")'
    rows = [("NV", hostile, "NV.xlsx", 1, 0, 1, "@SUM(1+1)"),
            ("TP", "x" * (CELL_TEXT_MAX + 10), "-2+3", 0, 2, 2, "+1")]
    path = write_issued_list(tmp_path / MANIFEST_XLSX, hh_master, hh_master.period("9T"),
                             ISSUED_AT, rows)
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    cells = _cells(path)
    assert cells[2][1] == hostile and cells[2][6] == "@SUM(1+1)" and cells[3][2] == "-2+3"
    assert len(cells[3][1]) == CELL_TEXT_MAX and cells[3][1].endswith("32.767 ký tự]")


@pytest.mark.parametrize(("code", "said"), [("NAM", "năm 2023"), ("Q1", "quý I năm 2023")])
def test_the_title_names_the_period_as_a_sentence_does(hh_master, tmp_path, code, said):
    """Row 1 says 'kỳ năm 2023', as Giao việc does, not 'kỳ Năm 2023' (a QA pass read
    the capital letter mid-sentence in the list of the year's files)."""
    path = write_issued_list(tmp_path / MANIFEST_XLSX, hh_master, hh_master.period(code),
                             ISSUED_AT, [])
    assert _cells(path)[0][0].startswith(f"Danh sách tệp giao kỳ {said} — ")


# --- merge passes it over -----------------------------------------------------------

@pytest.mark.parametrize("given", ["folder", "zip"])
def test_merge_passes_the_list_over_whatever_its_name(hh_master, hh_split_9t, tmp_path, given):
    """Dropped among the returns (renamed as a browser saves a second download), or in
    the ZIP downloaded at Giao việc: passed over as cchc-xl's list, as manifest.csv and
    .json are, never recorded as a unit's file; again the next time."""
    folder = tmp_path / "nhan-ve"
    folder.mkdir()
    shutil.copyfile(NV, folder / NV.name)
    renamed = "danh-sach-tep-giao (1).xlsx"
    if given == "zip":
        with zipfile.ZipFile(folder / "giao-9T.zip", "w") as zf:
            zf.write(hh_split_9t.manifest_xlsx, f"giao-9T/{renamed}")
    else:
        shutil.copyfile(hh_split_9t.manifest_xlsx, folder / renamed)
    out = tmp_path / "out" / "tong-hop.xlsx"
    for _ in range(2):
        result = merge_returns(hh_master, [folder], "9T", out)
        assert {s.path.name: s.reason for s in result.skipped} == {renamed: SKIPPED}
    assert [s.unit for s in load_snapshot(out.parent / "cchc-ledger.sqlite", "9T").submissions
            ] == ["NV"]


def test_the_split_folder_merged_is_all_passed_over(hh_master, hh_split_9t, tmp_path):
    with pytest.raises(NothingToMerge) as err:
        merge_returns(hh_master, [hh_split_9t.manifest_csv.parent], "9T",
                      tmp_path / "out" / "tong-hop.xlsx")
    reasons = {s.path.name: s.reason for s in err.value.skipped}
    assert reasons["danh-sach-tep-giao.xlsx"] == reasons["manifest.csv"] == SKIPPED
    assert len(reasons) == 47 + 3


# --- split's checks on its folder -----------------------------------------------------

def _small(master):
    from dataclasses import replace
    return replace(master, units=master.units[:2])


def test_force_writes_the_list_again_but_never_over_the_office_s_file(hh_master, tmp_path):
    out = tmp_path / "giao"
    first = split_master(_small(hh_master), "9T", out, issued_at=ISSUED_AT)
    # Opened and saved again in Excel (the property kept): the split's own, made again.
    book = openpyxl.load_workbook(first.manifest_xlsx)
    book.active["H3"] = "đã gửi"
    book.save(first.manifest_xlsx)
    again = split_master(_small(hh_master), "9T", out, force=True, issued_at=ISSUED_AT)
    assert _cells(again.manifest_xlsx)[2][7:] == []  # as written, the office's note gone
    # A return (a unit's answered file) or the plan table saved under its name: kept.
    for kept, said in ((NV, "tệp của một đơn vị"), (HH_MASTER, "bảng kế hoạch")):
        shutil.copyfile(kept, out / MANIFEST_XLSX)
        with pytest.raises(UsageError) as err:
            split_master(_small(hh_master), "9T", out, force=True)
        assert f"đó là {said}" in err.value.message
        assert err.value.hint.startswith("chuyển tệp đó ra khỏi thư mục tệp giao")
        assert sha(out / MANIFEST_XLSX) == sha(kept)


def test_another_plan_s_list_is_not_written_over(hh_master, nh_master, tmp_path):
    """Last year's (another plan's) list left in the folder with --force: refused as its
    files are, naming it."""
    out = tmp_path / "giao"
    split_master(_small(nh_master), "9T", out, issued_at=ISSUED_AT)
    for other in out.iterdir():
        if other.name != MANIFEST_XLSX:
            other.unlink()
    before = sha(out / MANIFEST_XLSX)
    with pytest.raises(UsageError) as err:
        split_master(_small(hh_master), "9T", out, force=True)
    assert MANIFEST_XLSX in err.value.message and "kế hoạch khác" in err.value.message
    assert sha(out / MANIFEST_XLSX) == before and sorted(p.name for p in out.iterdir()) == [
        MANIFEST_XLSX]


def test_another_command_never_writes_over_it(hh_split_9t):
    with pytest.raises(UsageError) as err:
        refuse_overwrite(hh_split_9t.manifest_xlsx, "tệp báo cáo")
    assert "danh sách tệp giao do cchc-xl lập" in err.value.message


def test_the_command_names_the_workbook(tmp_path):
    out = tmp_path / "giao"
    said = CliRunner().invoke(main, ["split", str(HH_MASTER), "--period", "9T", "--out",
                                     str(out), "--silent"])
    assert said.exit_code == 0, said.output
    assert (f"Danh sách tệp đã tạo: {out / MANIFEST_XLSX} (dạng CSV, JSON cho chương trình "
            "khác: manifest.csv, manifest.json)") in said.output


# --- a period split before splits wrote it ------------------------------------------

def _split_then_lost(master, out):
    """A split of ``master`` into ``out`` as a split before the workbook left it: its
    list's cells as the split wrote them (the workbook then deleted)."""
    split = split_master(_small(master), "9T", out, issued_at=ISSUED_AT)
    fresh = _cells(split.manifest_xlsx)
    split.manifest_xlsx.unlink()
    return fresh


def test_an_older_split_s_list_is_made_from_its_json(hh_master, tmp_path):
    """A folder split before split wrote the workbook (manifest.json, no .xlsx): the list
    made from the JSON is the one the split writes now, cell for cell, marked as its
    plan's period's (merge passes it over, the year's turn knows whose it is)."""
    out = tmp_path / "giao"
    fresh = _split_then_lost(hh_master, out)
    made = issued_list(out)
    assert made == out / MANIFEST_XLSX
    assert _cells(made) == fresh and fresh[2][:3] == ["NV", "Phòng Nội vụ", "NV-Phòng-Nội-vụ.xlsx"]
    assert workbook_properties(made)[ISSUED_LIST_PROPERTY] == "hoang-hoa-2023 9T"
    assert plan_written_for(made) == ("hoang-hoa-2023", "9T") and kind_of(made) == ISSUED_LIST
    assert issued_list(out) == made  # there now: not made again
    # Nothing to make it from: none.
    (out / "manifest.json").write_text("{}", encoding="utf-8")
    made.unlink()
    assert issued_list(out) is None and not made.exists()
    assert issued_list(tmp_path / "none") is None


def test_the_command_names_an_older_split_s_list(tmp_path):
    """split into a folder split before says the folder has a split's files and names
    their list (the command's summary named it only as it wrote it); refused, it writes
    nothing, not even the list a split before the workbook lacks."""
    out = tmp_path / "giao"
    args = ["split", str(HH_MASTER), "--period", "9T", "--out", str(out), "--silent"]
    assert CliRunner().invoke(main, args).exit_code == 0
    said = CliRunner().invoke(main, args)
    assert said.exit_code == 2
    assert (f"thư mục đã có tệp giao của một lần tách trước (danh sách các tệp: "
            f"{out / MANIFEST_XLSX})") in said.output, said.output
    (out / MANIFEST_XLSX).unlink()
    before = sorted(p.name for p in out.iterdir())
    said = CliRunner().invoke(main, args)
    assert said.exit_code == 2
    assert "thư mục đã có tệp giao của một lần tách trước" in said.output, said.output
    assert "danh sách các tệp:" not in said.output
    assert sorted(p.name for p in out.iterdir()) == before


# --- backup ------------------------------------------------------------------------

def test_a_backup_keeps_and_restores_it_as_the_manifests(nh_master, tmp_path):
    folder = tmp_path / "cchc-2023"
    split = split_master(_small(nh_master), "9T", folder / "giao-9T", issued_at=ISSUED_AT)
    write_backup(folder, tmp_path / "sao-luu.zip")
    restored = tmp_path / "khoi-phuc"
    restore_backup(tmp_path / "sao-luu.zip", restored)
    for listed in (split.manifest_xlsx, split.manifest_csv, split.manifest_json):
        assert sha(restored / "giao-9T" / listed.name) == sha(listed)


# --- the web app --------------------------------------------------------------------

def test_the_zip_given_out_holds_it_and_thu_nhan_passes_it_over(tmp_path):
    from support.web import _client, _job, _sent, _token, _with_master

    client = _client(_with_master(tmp_path))
    token = _token(client)
    _job(client, token, "/giao-viec/9T")
    issued = client.get("/giao-viec/9T/zip")
    names = zipfile.ZipFile(io.BytesIO(issued.content)).namelist()
    assert {MANIFEST_XLSX, "manifest.csv", "manifest.json"} <= set(names), names
    listed = zipfile.ZipFile(io.BytesIO(issued.content)).read(MANIFEST_XLSX)
    # Giao việc offers it beside the ZIP.
    page = html.unescape(client.get("/giao-viec?ky=9T").text)
    link = "/giao-viec/9T/tep/danh-sach-tep-giao.xlsx"
    assert f'{link}" download>Danh sách tệp (Excel)</a>' in page
    assert client.get(link).content == listed
    # The whole ZIP sent back is still said to be the files given out.
    state = _sent(client, token, [("giao-hoang-hoa-2023-9T.zip", issued.content)])
    assert state["result"]["message"].startswith(
        "Không có tệp nào của đơn vị để gộp: các tệp vừa tải lên là tệp giao do ứng dụng")
    # The list alone, dropped beside a return: passed over, the return taken.
    state = _sent(client, token, [("danh-sach.xlsx", listed), ("NV.xlsx", NV.read_bytes())])
    lines = {f["name"]: f for f in state["result"]["files"]}
    assert lines["NV.xlsx"]["outcome"] == "Được nhận", lines
    assert SKIPPED in json.dumps(lines["danh-sach.xlsx"], ensure_ascii=False), lines


def test_giao_viec_offers_an_older_split_s_list_and_makes_it_when_clicked(tmp_path):
    """The period split before the workbook was written (manifest.json, no .xlsx): the
    page offered no "Danh sách tệp (Excel)", the ZIP had no workbook. The button is there;
    the click makes it from the JSON, as the split writes it; the ZIP holds it."""
    from support.web import _client, _job, _token, _with_master

    data = _with_master(tmp_path)
    client = _client(data)
    _job(client, _token(client), "/giao-viec/9T")
    listed = data / "giao-9T" / MANIFEST_XLSX
    fresh = _cells(listed)
    listed.unlink()
    page = html.unescape(client.get("/giao-viec?ky=9T").text)
    link = "/giao-viec/9T/tep/danh-sach-tep-giao.xlsx"
    assert f'{link}" download>Danh sách tệp (Excel)</a>' in page
    got = client.get(link)
    assert got.status_code == 200 and got.content == listed.read_bytes()
    assert _cells(listed) == fresh
    listed.unlink()
    names = zipfile.ZipFile(io.BytesIO(client.get("/giao-viec/9T/zip").content)).namelist()
    assert MANIFEST_XLSX in names and _cells(listed) == fresh


def test_a_folder_that_cannot_be_written_is_given_out_without_the_list(tmp_path, monkeypatch):
    """The list made for an older split cannot be written (a read-only folder): the ZIP
    of the units' files is given all the same, without it (a first version failed the
    whole download)."""
    from cchc_xl.errors import OutputError
    from cchc_xl.web import workspace
    from support.web import _client, _job, _token, _with_master

    data = _with_master(tmp_path)
    client = _client(data)
    _job(client, _token(client), "/giao-viec/9T")
    (data / "giao-9T" / MANIFEST_XLSX).unlink()

    def refused(folder, data=None):
        raise OutputError("không ghi được tệp", file=str(folder))

    monkeypatch.setattr(workspace, "issued_list", refused)
    got = client.get("/giao-viec/9T/zip")
    assert got.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(got.content)).namelist()
    assert MANIFEST_XLSX not in names and "manifest.json" in names
    assert any(n.startswith("NV-") for n in names), names
