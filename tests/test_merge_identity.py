"""Whose file is it: a unit's file known by its name and identity, another unit's file under
a unit's name, names that name two units, and copies of one file."""

from __future__ import annotations

import hashlib
import shutil
import unicodedata
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from cchc_xl.feedback import (
    FEEDBACK_SHEET,
    REJECTED_STEPS,
    STEPS,
)
from cchc_xl.merge import merge_returns
from cchc_xl.snapshot import load_snapshot
from make_sample_returns import ISSUED_AT, fill_return
from support.merge import SAMPLES, _row
from support.mistakes import doing, ids
from support.paths import HH_SAMPLES
from support.workbooks import load_workbook  # merged ranges' borders not drawn


def test_a_unit_sending_another_units_file_under_its_own_name_is_taken_as_neither(
        hh_master, hh_split, tmp_path):
    """X02 filled in X01's file (forwarded by mistake) and sent it named as its own. It
    was counted for X01, replacing X01's own report (even one saved before it and sent
    after), and the feedback went to X01: it is now taken as neither unit's, X01's own
    report stays, and X02, whose name it bears, is told."""
    x01, x02 = hh_split["X01"].name, hh_split["X02"].name
    assert x01.startswith("X01-") and x02.startswith("X02-")
    did = ids(hh_master, "X01")[0]
    own = fill_return(hh_split["X01"], tmp_path / "in" / x01, {did: doing(30)},
                      saved_at=datetime(2023, 9, 10, 8))
    wrong = fill_return(hh_split["X01"], tmp_path / "in2" / x02, {did: doing(77)},
                        saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    first = merge_returns(hh_master, [own], "9T", out)
    assert not [p for f in first.files for p in f.problems if p.code == "file-name-other-unit"]
    result = merge_returns(hh_master, [wrong], "9T", out, feedback_dir=tmp_path / "fb")
    (sent,) = result.run_files
    assert (sent.outcome, sent.unit) == ("rejected", "X02")
    (told,) = [p for p in sent.problems if p.code == "file-name-other-unit"]
    assert told.severity == "error" and told.unit == "X02"
    assert told.message.startswith(
        "tên tệp bắt đầu bằng mã đơn vị 'X02' (Xã Hoằng Cát) nhưng tệp là bảng được giao "
        "cho đơn vị 'X01' (Thị trấn Bút Sơn): có thể đơn vị X02 đã điền nhầm vào tệp của "
        "đơn vị X01, nên tệp không được tính cho đơn vị nào (số liệu của X01 giữ nguyên)")
    assert _row(result, "X01", did)["percent"] == 30  # X01's own report stands
    assert not [r for r in result.as_dict()["rows"] if r["unit"] == "X02"]
    assert "] tên tệp của đơn vị khác — " in result.summary()
    # The feedback goes to X02, whose name the file bears, none to X01.
    letters = {f.name.split("-")[0]: f for f in result.feedback}
    told_x02 = [c.value for row in load_workbook(letters["X02"])[FEEDBACK_SHEET].iter_rows()
                for c in row if isinstance(c.value, str)]
    assert any("là tệp được giao cho Thị trấn Bút Sơn (X01), không phải tệp của Xã Hoằng Cát "
               "(X02), nên chưa được tính" in v for v in told_x02)
    # A file not taken: no cell to go to, not "send this very file back".
    assert REJECTED_STEPS in told_x02 and STEPS not in told_x02
    told_x01 = [c.value for row in load_workbook(letters["X01"])[FEEDBACK_SHEET].iter_rows()
                for c in row if isinstance(c.value, str)]
    assert not any("đơn vị khác" in v for v in told_x01) and STEPS in told_x01

    # Sent the other way round (the mistaken file first, X01's own after it though saved
    # before): X01's own report counts, not superseded by the other unit's figures.
    out2 = tmp_path / "out2" / "th.xlsx"
    merge_returns(hh_master, [wrong], "9T", out2)
    later = merge_returns(hh_master, [own], "9T", out2)
    assert [f.outcome for f in later.run_files] == ["accepted"]
    assert _row(later, "X01", did)["percent"] == 30


def test_a_file_refused_for_its_name_is_taken_once_saved_again_under_its_own(
        hh_master, hh_split, tmp_path):
    """A probe followed the advice "đổi tên tệp (bỏ mã X02) rồi gộp lại": the file, known
    by its content, stayed refused, and a new warning said it had been counted once, for
    X02, which it never was. The advice says to save it as a new file; done so, it is
    taken for its unit."""
    import openpyxl

    did = ids(hh_master, "X01")[0]
    x02 = hh_split["X02"].name
    wrong = fill_return(hh_split["X01"], tmp_path / "in" / x02, {did: doing(77)},
                        saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    (sent,) = merge_returns(hh_master, [wrong], "9T", out).run_files
    (told,) = [p for p in sent.problems if p.code == "file-name-other-unit"]
    assert ("nếu đúng là báo cáo của X01, mở tệp rồi lưu thành tệp mới có tên bỏ mã X02 và "
            "gộp tệp mới (chỉ đổi tên tệp này thì nội dung vẫn như cũ và tệp vẫn bị từ chối)"
            ) in told.message
    renamed = tmp_path / "in2" / "bao-cao-but-son.xlsx"
    renamed.parent.mkdir()
    shutil.copyfile(wrong, renamed)
    (again,) = merge_returns(hh_master, [renamed], "9T", out).run_files
    assert again.known and again.outcome == "rejected"
    assert "copy-of-another-unit" not in [p.code for p in again.problems]
    book = openpyxl.load_workbook(wrong)  # opened and saved as a new file
    book.save(tmp_path / "in2" / "X01-bao-cao.xlsx")
    taken = merge_returns(hh_master, [tmp_path / "in2" / "X01-bao-cao.xlsx"], "9T", out)
    assert [(f.outcome, f.unit) for f in taken.run_files] == [("accepted", "X01")]
    assert _row(taken, "X01", did)["percent"] == 77


@pytest.mark.parametrize("named, code, says", [
    ("Hoằng Cát - báo cáo CCHC.xlsx", "X02", "ghi tên đơn vị"),
    ("Xã-Hoằng-Cát.xlsx", "X02", "ghi tên đơn vị"),
    ("Báo cáo CCHC quý III - xã Hoằng Cát.xlsx", "X02", "ghi tên đơn vị"),
    ("BaoCao_CCHC_9T_X02.xlsx", "X02", "có mã đơn vị"),
    ("bao cao CCHC - xa Hoang Cat.xlsx", "X02", "ghi tên đơn vị"),
    ("Báo cáo CCHC 9 tháng - Phòng Tư pháp.xlsx", "TP", "ghi tên đơn vị"),
    ("bao cao bo phan tiep nhan va tra ket qua huyen.xlsx", "BPMC", "ghi tên đơn vị"),
    ("Bao cao BPMC 9 thang.xlsx", "BPMC", "có mã đơn vị")])
def test_another_unit_s_name_anywhere_in_the_file_name_is_caught(hh_master, hh_split, tmp_path,
                                                                  named, code, says):
    """Only a name starting with the code was caught: X02's file named after it any other
    way, holding X01's workbook, replaced X01's own report without a word. A name
    written without tones that no other commune's name reads as is caught too, and an
    office's full name, or a code of four letters or more anywhere (a commune's plan has
    only offices: the Trung tâm Phục vụ hành chính công filled in Công an xã's file and
    named it after itself)."""
    did = ids(hh_master, "X01")[0]
    own = fill_return(hh_split["X01"], tmp_path / "in" / hh_split["X01"].name, {did: doing(30)},
                      saved_at=datetime(2023, 9, 10, 8))
    wrong = fill_return(hh_split["X01"], tmp_path / "in2" / named, {did: doing(77)},
                        saved_at=datetime(2023, 9, 12, 8))
    out = tmp_path / "out" / "th.xlsx"
    merge_returns(hh_master, [own], "9T", out)
    result = merge_returns(hh_master, [wrong], "9T", out)
    assert [(f.outcome, f.unit) for f in result.run_files] == [("rejected", code)]
    assert _row(result, "X01", did)["percent"] == 30
    # The message says how the name names the unit (it said "bắt đầu bằng mã" of every name).
    (told,) = [p.message for p in result.run_files[0].problems
               if p.code == "file-name-other-unit"]
    assert told.startswith(f"tên tệp {says} '{code}' ({hh_master.names[code]}) nhưng tệp là bảng")


@pytest.mark.parametrize("named", [
    "bao cao xa hoang cat.xlsx", "Báo cáo gửi Phòng Nội vụ.xlsx", "Hoằng Cát gửi Hoằng Châu.xlsx",
    "hoang dong.xlsx", "Kính gửi Phòng Tư pháp - báo cáo CCHC.xlsx", "BC CCHC UBND 9T.xlsx"])
def test_a_file_name_naming_its_own_unit_or_no_other_is_taken(hh_master, hh_split, tmp_path,
                                                               named):
    """X02's own file: named without diacritics, after the office it is sent to, after
    itself and another commune, without tones after a name two communes share (Hoằng
    Đông, Hoằng Đồng: which one cannot be told), or with words of any report: taken as
    X02's."""
    did = ids(hh_master, "X02")[0]
    sent = fill_return(hh_split["X02"], tmp_path / "in" / named, {did: doing(40)})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    assert [(f.outcome, f.unit) for f in result.run_files] == [("accepted", "X02")]


@pytest.mark.parametrize("unit, named", [
    ("TP", "Báo cáo CCHC 9 tháng năm 2023 huyện Nghĩa Hưng.xlsx"),  # not Xã Nghĩa Hùng
    ("X01", "bao cao CCHC huyen nghia hung.xlsx"),  # the district's place, without tones
    ("DTT", "Bao cao Dai truyen thanh - phong VHTT.xlsx"),  # its name without "huyện"
    ("VHTT", "Bao cao phoi hop voi phong Noi vu.xlsx"),  # the office it works with
    ("TP", "Báo cáo phối hợp với Phòng Nội vụ.xlsx")])
def test_a_unit_s_own_file_is_not_taken_for_another_s_by_its_name(nh_master, tmp_path, unit,
                                                                   named):
    """Phòng Tư pháp's own file, named after the district ("huyện Nghĩa Hưng"), was taken
    as Xã Nghĩa Hùng's (the name was read without its tones) and rejected: the unit was
    reminded as not sending, the commune told its file was refused."""
    from cchc_xl.split import split_master

    issued = split_master(replace(nh_master, units=[nh_master.unit(unit)]), "9T",
                          tmp_path / "giao", issued_at=ISSUED_AT)
    (given,) = [f.path for f in issued.files]
    did = ids(nh_master, unit)[0]
    sent = fill_return(given, tmp_path / "in" / named, {did: doing(40)})
    result = merge_returns(nh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    assert [(f.outcome, f.unit) for f in result.run_files] == [("accepted", unit)]


@pytest.mark.parametrize("unit, named, taken", [
    # Another unit's code inside a longer abbreviation (Trung tâm VHTT&DL is not Phòng
    # VHTT), the office a report is compiled from or worked with: the unit's own file
    # (a QA pass: each was refused as another unit's, and that unit told).
    ("TTVH", "BC CCHC 9T - Trung tam VHTT&DL.xlsx", True),
    ("TTVH", "Báo cáo CCHC 9 tháng TT VHTT-TT-DL.xlsx", True),
    ("NV", "BC CCHC 9T tong hop tu Phong Tu phap.xlsx", True),
    ("X09", "BC CCHC 9T (phoi hop Phong Tu phap).xlsx", True),
    # ... in lower case, and a code after the words too (a QA pass of the fix).
    ("TTVH", "bc cchc 9t tt vhtt-tt-dl.xlsx", True),
    ("X09", "BC 9T phoi hop TTVH.xlsx", True),
    # The code standing alone still names that unit: refused, as before.
    ("TTVH", "BC CCHC 9T - VHTT.xlsx", False),
    ("TTVH", "BC-VHTT-9T.xlsx", False)])
def test_a_unit_s_name_inside_another_s_abbreviation_is_not_that_unit(hh_master, hh_split,
                                                                      tmp_path, unit, named,
                                                                      taken):
    did = ids(hh_master, unit)[0]
    sent = fill_return(hh_split[unit], tmp_path / "in" / named, {did: doing(40)})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    (f,) = result.run_files
    refused = [p.code for p in f.problems if p.code == "file-name-other-unit"]
    assert ((f.outcome, f.unit) == ("accepted", unit) and not refused) if taken else (
        f.outcome == "rejected" and refused)


def test_a_file_name_that_also_names_its_unit_is_that_unit_s(hh_master, hh_split, tmp_path):
    """A name starting with another unit's code by chance ("VP" for văn phòng, "KH" for
    kế hoạch) that also names the file's own unit is that unit's file."""
    unit = hh_master.units[0]
    other = next(u for u in hh_master.units if u.code != unit.code)
    did = ids(hh_master, unit.code)[0]
    named = f"{other.code} báo cáo CCHC - {unit.name}.xlsx"
    sent = fill_return(hh_split[unit.code], tmp_path / "in" / named, {did: doing(40)})
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "th.xlsx")
    assert [(f.outcome, f.unit) for f in result.run_files] == [("accepted", unit.code)]
    assert not [p for f in result.files for p in f.problems if p.code == "file-name-other-unit"]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_of_two_copies_of_a_file_the_one_named_as_split_names_it_is_recorded(hh_master,
                                                                          tmp_path, form):
    """A unit sent its file twice ("X02 - gui lai.xlsx", then as split named it): the
    copy with the odd name was recorded, and the file the office and the unit know
    appeared nowhere (a probe). The split's name is recorded; the copy is a note. A name
    from a folder a Mac copied (NFD) is still the split's (a QA probe)."""
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    body = (SAMPLES / "X02-xa-hoang-cat.xlsx").read_bytes()
    (sent / "X02 - gui lai.xlsx").write_bytes(body)  # sorts first
    (sent / unicodedata.normalize(form, "X02-Xã-Hoằng-Cát.xlsx")).write_bytes(body)
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx")
    (sub,) = load_snapshot(result.db, "9T", hh_master.plan.key).submissions
    assert unicodedata.normalize("NFC", Path(sub.path).name) == "X02-Xã-Hoằng-Cát.xlsx"
    assert sub.unit == "X02"
    copy = next(f for f in result.run_files if Path(f.path).name == "X02 - gui lai.xlsx")
    (said,) = [p for p in copy.problems if p.code == "duplicate-file"]
    message = unicodedata.normalize("NFC", said.message)  # the path as the folder holds it
    assert "cùng nội dung với tệp" in message and "X02-Xã-Hoằng-Cát.xlsx" in message


def test_a_copy_preferred_to_one_given_before_it_takes_no_other_files_result(hh_master,
                                                                            tmp_path):
    """Two broken files of one content: "TTR-Thanh-tra-huyện-1.xlsx" and, named as split
    names X07's, "X07-Xã-Hoằng-Đồng.xlsx". Preferring the second shifted every result
    read after the first: ten files were recorded with another file's unit, an empty
    file accepted for X06, and a withdrawal took out another unit's file (a probe). (The
    probe's files were empty; empty files are each known by their name since:
    tests/test_empty_files.py.)"""
    sent = tmp_path / "nhan-ve"
    sent.mkdir()
    for name in ("NV-phong-noi-vu.xlsx", "TP-phong-tu-phap.xlsx", "X02-xa-hoang-cat.xlsx",
                 "X06-xa-hoang-dong.xlsx", "X09-xa-hoang-giang.xlsx"):
        shutil.copyfile(SAMPLES / name, sent / name)
    (sent / "TTR-Thanh-tra-huyện-1.xlsx").write_bytes(bytes(200))
    (sent / "X07-Xã-Hoằng-Đồng.xlsx").write_bytes(bytes(200))
    result = merge_returns(hh_master, [sent], "9T", tmp_path / "out" / "t.xlsx")
    subs = load_snapshot(result.db, "9T", hh_master.plan.key).submissions
    whose = {Path(s.path).name: (s.unit, s.outcome) for s in subs}
    assert whose == {
        "NV-phong-noi-vu.xlsx": ("NV", "accepted"), "TP-phong-tu-phap.xlsx": ("TP", "accepted"),
        "X02-xa-hoang-cat.xlsx": ("X02", "accepted"),
        "X06-xa-hoang-dong.xlsx": ("X06", "accepted"),
        "X09-xa-hoang-giang.xlsx": ("X09", "accepted"),
        "X07-Xã-Hoằng-Đồng.xlsx": ("X07", "rejected")}
    assert {s.sha256 for s in subs if s.outcome == "accepted"} == {
        hashlib.sha256((sent / n).read_bytes()).hexdigest() for n, (_, o) in whose.items()
        if o == "accepted"}


def test_a_copy_of_another_units_file_under_a_units_name_is_warned(hh_master, tmp_path):
    """Users' probe: "X066-Xã-Mậu-Duệ.xlsx", byte for byte Xã Yên Minh's file, was told
    only as the same file sent twice: Mậu Duệ stayed "Chưa gửi" with nothing said, and
    the office would chase a unit that did send. The copy counts once, for its unit, and
    the office is warned that the unit its name names sent another's file; so too when
    the copy comes in a later merge."""
    sample = HH_SAMPLES / "X02-xa-hoang-cat.xlsx"
    first = tmp_path / "dot-1"
    first.mkdir()
    shutil.copyfile(sample, first / sample.name)
    copy_name = "X07-xa-hoang-dong.xlsx"  # X07 (Xã Hoằng Đồng) sends nothing in the samples
    shutil.copyfile(sample, first / copy_name)
    out = tmp_path / "out" / "th.xlsx"
    result = merge_returns(hh_master, [first], "9T", out)
    by_name = {Path(f.path).name: f for f in result.run_files}
    (warned,) = [p for p in by_name[copy_name].problems if p.code == "copy-of-another-unit"]
    assert warned.severity == "warning" and warned.unit == "X07"
    assert hh_master.unit("X07").name == "Xã Hoằng Đồng"
    assert ("tên tệp bắt đầu bằng mã đơn vị Xã Hoằng Đồng nhưng tệp giống hệt tệp đã nhận "
            "của Xã Hoằng Cát") in warned.message
    assert "đề nghị Xã Hoằng Đồng gửi đúng tệp được giao cho mình" in warned.message
    assert not [p for p in by_name[sample.name].problems if p.code == "copy-of-another-unit"]
    assert [r for r in result.rows if r.unit == "X02"]
    assert not [r for r in result.rows if r.unit == "X07"]  # counted once, for X02
    # The same copy in a later merge: warned again, nothing recorded twice.
    later = tmp_path / "dot-2"
    later.mkdir()
    shutil.copyfile(sample, later / "X07 bao cao.xlsx")
    again = merge_returns(hh_master, [later], "9T", out)
    (f,) = again.run_files
    assert [p.code for p in f.problems if p.code == "copy-of-another-unit"] == [
        "copy-of-another-unit"]
