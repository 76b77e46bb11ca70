"""The backups the app makes of the data folder before each restore (web/restored.py,
pages/restore.py): one was written at every restore, the whole folder each time, and
none was ever removed; undoing a restore meant downloading one and uploading it again
(which a folder over the upload's limit could not). The newest KEPT_BEFORE are kept, the
question before a restore naming the one it will remove; each is restored from the card
("Khôi phục bản này") or removed there ("Xóa", asked first), their total size said."""

from __future__ import annotations

import os
import re
import shutil

import test_web_restore
from test_web_restore import _asked, _files, _restore, _tables, _text

from cchc_xl.data_folder import APP_DIR, BEFORE_RESTORE
from cchc_xl.web.restored import KEPT_BEFORE
from support.web import _job

year = test_web_restore.year  # the folder merged, its backup b1, then more merged
_year_made = test_web_restore._year_made  # made once for the module, copied by year


def _kept(data) -> list[str]:
    return sorted(p.name for p in (data / APP_DIR / BEFORE_RESTORE).glob("*.zip"))


def test_a_restore_is_undone_from_the_card_without_downloading_its_backup(year):
    """"Khôi phục bản này" beside the backup made before a restore asks about it as an
    upload is asked about, and restores it: the board and the report as before."""
    client, token, data, b1, _ = year
    board_now = _tables(client.get("/thu-nhan?ky=9T").text)
    report_now = client.get("/bao-cao/9T/trang").text
    _restore(client, token, b1)
    assert _tables(client.get("/thu-nhan?ky=9T").text) != board_now
    (before,) = _kept(data)
    card = _text(client.get("/"))
    assert "Bản sao lưu trước khi khôi phục" in card
    assert re.search(r"Đang giữ 1 bản, tổng [\d,]+ MB; ứng dụng giữ 5 bản mới nhất", card)
    assert 'data-confirm="Xóa bản sao lưu ' + before in card

    page = client.post("/sao-luu/truoc-khoi-phuc/khoi-phuc", data={"csrf": token,
                                                                  "name": before})
    said = _text(page)
    assert f"Khôi phục từ tệp “{before}”?" in said and "nguyên vẹn" in said
    done = _job(client, token, "/sao-luu/khoi-phuc/xac-nhan", data={"token": _asked(page)})
    assert f"từ tệp “{before}”" in done["result"]["message"]
    assert "bấm “Khôi phục bản này” bên tệp đó là trở lại như trước" in \
        done["result"]["message"]
    assert _tables(client.get("/thu-nhan?ky=9T").text) == board_now
    assert client.get("/bao-cao/9T/trang").text == report_now
    # The backup restored is kept as it was, beside the one made before this restore.
    assert before in _kept(data) and len(_kept(data)) == 2


def test_the_newest_backups_made_before_a_restore_are_kept_the_oldest_named_first(year):
    """With KEPT_BEFORE kept already, the question names the oldest, which the restore
    then removes (saying so); none is removed by a restore refused or not answered."""
    client, token, data, b1, _ = year
    folder = data / APP_DIR / BEFORE_RESTORE
    folder.mkdir(parents=True)
    olds = [f"cchc-truoc-khoi-phuc-hoang-hoa-2023-2026120{n}-090000.zip"
            for n in range(1, KEPT_BEFORE + 1)]
    for n, name in enumerate(olds):  # the oldest first
        shutil.copyfile(b1, folder / name)
        os.utime(folder / name, (1_700_000_000 + n * 86400,) * 2)
    page = client.post("/sao-luu/khoi-phuc", data={"csrf": token},
                       files={"backup": ("b1.zip", b1.read_bytes(), "application/zip")})
    said = _text(page)
    assert (f"Ứng dụng giữ {KEPT_BEFORE} bản sao lưu trước khôi phục mới nhất: sau lần khôi "
            f"phục này, bản cũ nhất ({olds[0]}, lúc ") in said
    assert _kept(data) == sorted(olds)  # asked only: nothing removed yet
    done = _job(client, token, "/sao-luu/khoi-phuc/xac-nhan", data={"token": _asked(page)})
    assert f"đã xóa bản cũ hơn ({olds[0]})" in done["result"]["message"]
    kept = _kept(data)
    assert len(kept) == KEPT_BEFORE and olds[0] not in kept and set(olds[1:]) <= set(kept)


def test_a_backup_made_before_a_restore_is_removed_from_the_card(year):
    """"Xóa" removes the one named (the page asks first), says so at the page's top;
    a name the card does not list removes nothing."""
    client, token, data, b1, _ = year
    _restore(client, token, b1)
    (before,) = _kept(data)
    files = _files(data)
    for name in ("../../cchc-ledger.sqlite", "khong-co.zip", ""):
        page = client.post("/sao-luu/truoc-khoi-phuc/xoa", data={"csrf": token, "name": name})
        assert "Không còn bản sao lưu này" in _text(page)
    assert client.post("/sao-luu/truoc-khoi-phuc/xoa", data={"name": before}
                       ).status_code == 403  # not from the page
    assert _kept(data) == [before] and _files(data) == files
    page = client.post("/sao-luu/truoc-khoi-phuc/xoa", data={"csrf": token, "name": before})
    assert page.url.fragment == ""
    assert f"Đã xóa bản sao lưu trước khôi phục {before} (" in _text(page)
    assert _kept(data) == [] and _files(data) == files
    assert "Bản sao lưu trước khi khôi phục" not in _text(client.get("/"))
