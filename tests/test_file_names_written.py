"""The names of the files cchc-xl writes, as Windows, macOS and a ZIP take them.

The office keeps its files deep in its own folders ("C:\\Users\\Nguyễn Thị Hương\\
Documents\\CCHC 2026\\Giao việc Quý I\\"), on Windows (which refuses some characters
and device names; Excel there opens no file whose path and name pass 218 characters,
Windows none past 260) or a Mac (which may hand a name back decomposed, NFD); units'
names hold "/", ":", quotes, or are typed without spaces.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from pathlib import Path

from cchc_xl.split import split_master
from make_sample_returns import ISSUED_AT

# What Windows refuses in a file name, or takes for a device whatever the suffix.
_WINDOWS_REFUSES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_DEVICES = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\.|$)", re.IGNORECASE)
# The office's folder, as deep as a QA probe made it, and split's folder in it.
OFFICE_FOLDER = "C:\\Users\\Nguyễn Thị Hương\\Documents\\CCHC 2026\\Giao việc Quý I\\giao-9T\\"
# Excel for Windows: "the total length of the path and file name, including file name
# extension, exceeds 218 characters" (it says the file cannot be found).
EXCEL_PATH = 218


def windows_trouble(name: str) -> list[str]:
    """What Windows would make of ``name`` in the office's folder: nothing when it is fine."""
    trouble = []
    if _WINDOWS_REFUSES.search(name):
        trouble.append("a character Windows refuses")
    if name.endswith((".", " ")):
        trouble.append("a trailing dot or space")
    if _DEVICES.match(name):
        trouble.append("a device name")
    if len(OFFICE_FOLDER + name) > EXCEL_PATH:
        trouble.append(f"a path of {len(OFFICE_FOLDER + name)} characters")
    if not unicodedata.is_normalized("NFC", name):
        trouble.append("not NFC")
    return trouble


HOSTILE_NAMES = [
    "Phòng Kinh tế/Hạ tầng",
    'Phòng "Nội vụ": Tổ chức <cán bộ>?',
    "Ủy" + "BanNhânDân" * 15,  # 152 characters, no space: typed so in the registry
    "Trung tâm Phục vụ hành chính công và Bộ phận tiếp nhận và trả kết quả giải quyết "
    "thủ tục hành chính cấp xã của Ủy ban nhân dân xã Hoằng Đồng, huyện Hoằng Hóa.",
    "CON",
    "Xã Hoằng Hà.",
    unicodedata.normalize("NFD", "Xã Hoằng Hải "),
]


def test_split_names_every_file_as_windows_and_a_mac_take_it(hh_master, tmp_path) -> None:
    master = copy.deepcopy(hh_master)
    units = {u.code: u for u in master.units}
    renamed = dict(zip(("X02", "X03", "X04", "X05", "X06", "X07", "X08"), HOSTILE_NAMES,
                       strict=True))
    for code, name in renamed.items():
        units[code].name = name
    result = split_master(master, "9T", tmp_path / "giao-9T", issued_at=ISSUED_AT)
    names = {f.unit_code: Path(f.path).name for f in result.files}
    assert {code: windows_trouble(names[code]) for code in renamed} == \
        {code: [] for code in renamed}
    assert len({n.casefold() for n in names.values()}) == len(names)
    assert names["X02"] == "X02-Phòng-Kinh-tế-Hạ-tầng.xlsx"
    assert names["X04"].startswith("X04-ỦyBanNhânDânBanNhânDân")
    assert names["X07"] == "X07-Xã-Hoằng-Hà.xlsx"
    assert names["X08"] == "X08-Xã-Hoằng-Hải.xlsx"
    # The files are there, under those names, and the manifest lists them so (beside
    # them, the list itself as a workbook).
    assert sorted(p.name for p in (tmp_path / "giao-9T").glob("*.xlsx")) == sorted(
        [*names.values(), "danh-sach-tep-giao.xlsx"])


def test_the_plan_downloaded_from_the_web_app_is_named_as_windows_takes_it(tmp_path) -> None:
    """A plan code typed with "/" and ":" ("KH 12/2026: CCHC") named the download
    "KH 12/2026: CCHC.xlsx" (a QA probe)."""
    from support.web import _client, _with_master

    data = _with_master(tmp_path)
    _coded(data / "ke-hoach.xlsx", "KH 12/2026: CCHC")
    got = _client(data).get("/ke-hoach/tai-ve")
    assert got.status_code == 200
    said = got.headers["content-disposition"]
    assert said == "attachment; filename*=utf-8''KH-12-2026-CCHC.xlsx" or \
        said == 'attachment; filename="KH-12-2026-CCHC.xlsx"'


def _coded(master: Path, code: str) -> Path:
    """``master`` with its plan's code (Mã kế hoạch) typed as ``code``."""
    import openpyxl

    wb = openpyxl.load_workbook(master)
    ws = wb["Kế hoạch"]
    assert ws["A2"].value == "Mã kế hoạch"
    ws["B2"] = code
    wb.save(master)
    return master


def test_another_plan_whose_code_ends_alike_does_not_get_the_first_one_s_files(tmp_path):
    """Plans coded "KH 12/2026" and "KH 30/2026" were put aside as one ("2026"): the
    second, put in place, was given back the first one's feedback files at once."""
    import shutil

    from support.paths import NH_MASTER
    from support.web import _client, _put_plan, _token, _with_master

    data = _with_master(tmp_path)
    _coded(data / "ke-hoach.xlsx", "KH 12/2026")
    feedback = data / "phan-hoi-9T" / "X02-Xã-Hoằng-Cát-phản-hồi.xlsx"
    feedback.parent.mkdir()
    feedback.write_bytes(b"X02's feedback")
    other = _coded(Path(shutil.copyfile(NH_MASTER, tmp_path / "nghia-hung.xlsx")), "KH 30/2026")
    client = _client(data)
    _put_plan(client, data={"csrf": _token(client)},
              files={"master": ("nghia-hung.xlsx", other.read_bytes())})
    from cchc_xl.master import load_master

    assert load_master(data / "ke-hoach.xlsx").plan.code == "KH 30/2026"
    assert not (data / "phan-hoi-9T").exists()
    (aside,) = (data / "ke-hoach-cu").glob("*@*")
    assert aside.name.startswith("KH 12_2026@")
    assert (aside / "phan-hoi-9T" / feedback.name).read_bytes() == b"X02's feedback"


def test_kept_copies_and_feedback_files_are_named_as_windows_takes_them(tmp_path):
    """The names cchc-xl makes for the office's edited copies it keeps ("bao-cao-9T (bản
    đã sửa 05-12-2026 10h30).docx": a time, with no ":") and for feedback files, from
    units' names and from the names of files sent by no known unit (a Mac or Linux
    machine takes a ":" or "?" in a name; the feedback folder is opened on Windows)."""
    from types import SimpleNamespace

    from cchc_xl.edited import kept_name
    from cchc_xl.feedback import feedback_name

    edited = tmp_path / "bao-cao-9T.docx"
    edited.write_bytes(b"edited")
    first = kept_name(edited)
    first.write_bytes(b"kept")
    second = kept_name(edited)  # another kept copy of the same minute: numbered
    assert first != second and second.name.endswith(", 2).docx")
    names = [first.name, second.name]
    for name in HOSTILE_NAMES:
        names.append(feedback_name(SimpleNamespace(unit="X02", path="X02.xlsx"), {"X02": name}))
        names.append(feedback_name(SimpleNamespace(
            unit="", path=f"/nhan-ve/{name.replace('/', ':')}.xlsx", other_plan=False,
            identity_unit=""), {}))
        names.append(feedback_name(SimpleNamespace(
            unit="", path="/nhan-ve/bao-cao?.xlsx", other_plan=True, identity_unit=name), {}))
    assert {n: windows_trouble(n) for n in names} == {n: [] for n in names}
