"""The command's output where the system's code page has no Vietnamese letters.

Redirected on Windows (``cchc-xl merge ... > nhat-ky.txt``, a scheduled task's log),
Python writes standard output and error in the code page: cp1258 on a Vietnamese
Windows, cp1252 on an English one. Neither has "ệ" or "Ọ", and every command died with
a UnicodeEncodeError traceback at its first line (its help included). PYTHONIOENCODING
gives the same streams here."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from support.paths import ROOT


def _run(encoding: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "cchc_xl", *args], capture_output=True,
                          env=env, cwd=ROOT, timeout=60)


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252", "ascii"])
def test_output_to_a_file_is_utf8_in_any_code_page(encoding, tmp_path):
    shown = _run(encoding, "--help")
    assert shown.returncode == 0, shown.stderr.decode("utf-8", "replace")
    assert "Cách dùng: python -m cchc_xl [TÙY CHỌN] LỆNH" in shown.stdout.decode("utf-8")
    missing = tmp_path / "kế-hoạch.xlsx"
    refused = _run(encoding, "check", str(missing))
    said = refused.stderr.decode("utf-8")
    assert refused.returncode == 2, said
    assert f"Lỗi: tệp {missing}: không tìm thấy tệp" in said
    assert "Traceback" not in said


def test_a_terminal_without_the_letters_shows_a_question_mark_not_a_traceback():
    """A terminal keeps its encoding (what it shows is its own); a letter it has none for
    is a "?", and the command goes on."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}  # (click writes UTF-8 for ascii)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its output the terminal's
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "cchc_xl", "--help"], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    text = out.decode("cp1252")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "Cách dùng: python -m cchc_xl [TÙY CH?N] L?NH" in text
    assert "Traceback" not in text
