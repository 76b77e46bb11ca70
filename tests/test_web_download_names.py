"""The names a period's downloads get in the browser: the plan's key before the period,
as the plan's own downloads carry it ("phu-luc-hoang-hoa-2023.xlsx")."""

from __future__ import annotations

from urllib.parse import unquote

from support.web import RETURNS, _job, _nv_and_tp_merged, _sent


def _named(answer) -> str:
    assert answer.status_code == 200, answer.text[:300]
    return unquote(answer.headers["content-disposition"])


def test_a_periods_downloads_name_the_plan_not_only_the_period(tmp_path):
    """A commune's annual report downloaded as "bao-cao-NAM.docx": the same name every
    year, for every commune of the province that receives it, and "(1)" added by the
    browser to next year's (a QA pass). Each names the plan too."""
    data, client, token = _nv_and_tp_merged(tmp_path)
    # Hoằng Cát's file, with its 120%: a feedback file to download.
    assert _sent(client, token, [("X02.xlsx", (RETURNS / "X02-xa-hoang-cat.xlsx").read_bytes())]
                 )["state"] == "done"
    for action in ("/bao-cao/9T", "/phan-hoi/9T", "/giao-viec/9T"):
        _job(client, token, action)
    for kind, name in (("bao-cao", "bao-cao-hoang-hoa-2023-9T.xlsx"),
                       ("bao-cao-docx", "bao-cao-hoang-hoa-2023-9T.docx"),
                       ("bao-cao-html", "bao-cao-hoang-hoa-2023-9T.html"),
                       ("tong-hop", "tong-hop-hoang-hoa-2023-9T.xlsx"),
                       ("don-doc", "don-doc-hoang-hoa-2023-9T.docx")):
        assert f'filename="{name}"' in _named(client.get(f"/tai-ve/{kind}/9T")), kind
    assert 'filename="giao-hoang-hoa-2023-9T.zip"' in _named(client.get("/giao-viec/9T/zip"))
    assert 'filename="phan-hoi-hoang-hoa-2023-9T.zip"' in _named(
        client.get("/phan-hoi/9T/zip"))
    # The files in the data folder keep their names (the CLI's, the docs').
    assert (data / "bao-cao-9T.docx").is_file() and (data / "tong-hop-9T.xlsx").is_file()
