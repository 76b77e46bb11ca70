"""cchc-xl as pip installs it, not this checkout: the package built by setuptools (as a
wheel is, without the network: setup.py's build step alone) carries its templates, and
its commands run from an office's folder with no ``templates/`` beside the package.
Before setup.py copied them in, a wheel held the code alone and every command that
writes a workbook or a document stopped with "không tìm thấy mẫu …"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from support.paths import HH_MASTER, HH_SAMPLES, ROOT
from support.workbooks import load_workbook


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The package as setuptools builds it for a wheel."""
    lib = tmp_path_factory.mktemp("built")
    done = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib",
                           str(lib)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return lib


def _cli(built: Path, cwd: Path, *args: object) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(built)}
    env.pop("CCHC_XL_TEMPLATES", None)
    return subprocess.run([sys.executable, "-m", "cchc_xl", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True)


def test_the_built_package_has_every_template(built):
    copied = built / "cchc_xl" / "_templates"
    want = {p.relative_to(ROOT / "templates") for p in (ROOT / "templates").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}
    assert want and {p.relative_to(copied) for p in copied.rglob("*") if p.is_file()} == want
    assert not (built / "templates").exists()  # nothing beside the package to fall back on


def test_the_installed_commands_use_their_own_templates(built, tmp_path):
    where = subprocess.run(
        [sys.executable, "-c", "import cchc_xl.templates as t; print(t.templates_dir())"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(built)}, capture_output=True,
        text=True)
    assert Path(where.stdout.strip()) == built / "cchc_xl" / "_templates", where.stderr
    # A blank commune plan (the master template), split (the guide's text), merged and
    # reported in Word (the documents' styles and wording).
    made = _cli(built, tmp_path, "init", "--level", "xa", "--commune", "Hoằng Hóa, Thanh Hóa",
                "--year", "2027", "--out", "trong.xlsx")
    assert made.returncode == 0, made.stderr
    assert load_workbook(tmp_path / "trong.xlsx")["Kế hoạch"]["B3"].value == \
        "Ủy ban nhân dân xã Hoằng Hóa"
    plan = tmp_path / "ke-hoach.xlsx"
    plan.write_bytes(HH_MASTER.read_bytes())
    split = _cli(built, tmp_path, "split", plan, "--period", "9T", "--out", "giao", "--silent")
    assert split.returncode == 0, split.stderr
    assert load_workbook(tmp_path / "giao" / "NV-Phòng-Nội-vụ.xlsx")["Hướng dẫn"]["A1"].value
    merged = _cli(built, tmp_path, "merge", plan, HH_SAMPLES / "NV-phong-noi-vu.xlsx",
                  "--period", "9T", "--out", "tong-hop.xlsx", "--received", "18/9/2023")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    report = _cli(built, tmp_path, "report", "tong-hop.xlsx", "--out", "bao-cao.xlsx",
                  "--docx", "bao-cao.docx", "--html", "bao-cao.html")
    assert report.returncode == 0, report.stdout + report.stderr
    text = "\n".join(p.text for p in Document(tmp_path / "bao-cao.docx").paragraphs)
    assert "BÁO CÁO" in text and "Kết quả thực hiện kế hoạch cải cách hành chính" in text
    assert "<table" in (tmp_path / "bao-cao.html").read_text(encoding="utf-8")


# The web app of the built package, in a process of its own: its "Hướng dẫn" page.
_GUIDE_PAGE = """
import sys, tempfile
from pathlib import Path
from starlette.testclient import TestClient
from cchc_xl.web import create_app, guide
print(guide.guide_path())
page = TestClient(create_app(Path(tempfile.mkdtemp())), base_url="http://127.0.0.1:8765",
                  client=("127.0.0.1", 50000)).get("/huong-dan")
print(page.status_code, page.text.count('<h3 id="'), 'id="trang-thu-nhận"' in page.text)
"""


def test_the_installed_app_shows_its_own_guide(built, tmp_path):
    """The app's "Hướng dẫn" page is docs/huong-dan.md, which a wheel held nothing of:
    setup.py copies it, and its pictures, into the package."""
    copied = built / "cchc_xl" / "_docs"
    assert (copied / "huong-dan.md").read_bytes() == (ROOT / "docs" / "huong-dan.md").read_bytes()
    assert (copied / "img" / "thu-nhan.png").is_file()
    shown = subprocess.run([sys.executable, "-c", _GUIDE_PAGE], cwd=tmp_path,
                           env={**os.environ, "PYTHONPATH": str(built)}, capture_output=True,
                           text=True)
    assert shown.returncode == 0, shown.stderr
    where, said = shown.stdout.strip().splitlines()
    assert Path(where) == copied / "huong-dan.md"
    status, sections, thu_nhan = said.split()
    assert status == "200" and int(sections) > 20 and thu_nhan == "True", said
