"""A page's one-time message survives the app stopping between the step and the page
after it, and is shown to the session it was for only (cchc_xl/web/flashes.py)."""

from __future__ import annotations

import json

from cchc_xl import data_folder
from cchc_xl.data_folder import APP_DIR
from cchc_xl.web import flashes
from support.paths import HH_MASTER
from support.web import _client, _token, notices


def test_a_message_survives_the_app_restarting_before_the_next_page(tmp_path):
    """The office uploads its plan; the app stops (the computer restarted) before the
    browser opens the page the upload answered with: that page, from the app started
    again, still says the plan was taken, once."""
    data = tmp_path / "data"
    data.mkdir()
    with _client(data) as first:
        token = _token(first)
        sent = first.post("/ke-hoach", data={"csrf": token}, follow_redirects=False,
                          files={"master": ("kế hoạch.xlsx", HH_MASTER.read_bytes())})
        assert sent.status_code == 303, sent.text
        place, cookies = sent.headers["location"], dict(first.cookies)
    with _client(data, cookies=cookies) as again:  # the same browser, the app started anew
        [(colour, said, _)] = notices(again.get(place).text)
        assert colour in ("ok", "warn") and said.startswith("Đã nhận bảng kế hoạch"), said
        assert notices(again.get(place).text) == []  # shown once
    with _client(data, cookies=cookies) as third:
        assert notices(third.get(place).text) == []  # and not again after another restart


def test_a_message_is_shown_to_its_session_only(tmp_path):
    """A key another session names (never one its cookie could hold: keys are random)
    shows nothing there, and the message still waits for its own session."""
    kept = flashes.Flashes(tmp_path)
    key = kept.put(["ok", "Đã nhận.", [], None], "token of the office's browser")
    assert flashes.Flashes(tmp_path).take(key, "another browser's token") is None
    again = flashes.Flashes(tmp_path)
    assert again.take(key, "token of the office's browser") == ["ok", "Đã nhận.", [], None]
    assert flashes.Flashes(tmp_path).take(key, "token of the office's browser") is None


def test_messages_never_shown_are_dropped_by_age_count_and_size(tmp_path, monkeypatch):
    """Pages never opened after their step leave no file growing without end."""
    now = [1_000_000.0]
    monkeypatch.setattr(flashes.time, "time", lambda: now[0])
    kept = flashes.Flashes(tmp_path)
    old = kept.put(["ok", "cũ", [], None], "t")
    now[0] += flashes.KEPT_SECONDS + 1
    fresh = kept.put(["ok", "mới", [], None], "t")
    assert flashes.Flashes(tmp_path).take(old, "t") is None
    assert flashes.Flashes(tmp_path).take(fresh, "t") == ["ok", "mới", [], None]
    monkeypatch.setattr(flashes, "KEPT", 3)
    keys = [kept.put(["ok", f"thứ {i}", [], None], "t") for i in range(5)]
    stored = json.loads((tmp_path / data_folder.FLASHES).read_text(encoding="utf-8"))
    assert [k for k, _ in stored] == keys[2:]
    monkeypatch.setattr(flashes, "KEPT_BYTES", 3000)
    for i in range(20):
        kept.put(["warn", "Tệp đã nhận " * 20 + str(i), [], None], "t")
    assert (tmp_path / data_folder.FLASHES).stat().st_size <= 3000


def test_the_waiting_messages_are_not_backed_up():
    """They are for sessions a copy restored does not know (its key is not copied)."""
    from pathlib import PurePosixPath

    from cchc_xl.backup import _left_out_place
    assert _left_out_place(PurePosixPath(APP_DIR, data_folder.FLASHES))


def test_a_message_kept_is_encoded_once_and_the_file_is_what_json_writes(tmp_path,
                                                                          monkeypatch):
    """With many messages waiting (pages never opened), keeping one more encodes that
    one alone: each was encoded again to bound the file's size, then all of them again
    to write it. The file is still the JSON list of (key, message) a reader takes back,
    and never over KEPT_BYTES, separators and brackets counted."""
    kept = flashes.Flashes(tmp_path)
    keys = [kept.put(["warn", f"Tệp thứ {i} chưa đọc được đánh giá", [], None], "t")
            for i in range(50)]
    encoded = []
    dumps = flashes.json.dumps
    monkeypatch.setattr(flashes.json, "dumps", lambda *a, **k: encoded.append(a) or dumps(*a, **k))
    last = kept.put(["ok", "Đã nhận.", [], None], "t")
    assert len(encoded) == 1
    monkeypatch.undo()
    text = (tmp_path / data_folder.FLASHES).read_text(encoding="utf-8")
    stored = json.loads(text)
    assert [k for k, _ in stored] == [*keys, last]
    assert text == json.dumps(stored, ensure_ascii=False)  # as written before, byte for byte
    assert flashes.Flashes(tmp_path).take(keys[7], "t") == [
        "warn", "Tệp thứ 7 chưa đọc được đánh giá", [], None]
    monkeypatch.setattr(flashes, "KEPT_BYTES", 1000)
    for size in range(40):  # messages of every length near the bound
        kept.put(["ok", "đ" * size, [], None], "t")
        assert (tmp_path / data_folder.FLASHES).stat().st_size <= 1000
