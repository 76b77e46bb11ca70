"""The user guide one click away in the web app ("Hướng dẫn", web/guide.py): before, it
was only docs/huong-dan.md in the source tree, which the office (in the browser, not a
terminal) never saw, and which a pip-installed cchc-xl did not have at all
(test_installed.py reads it there)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from cchc_xl.web import guide
from cchc_xl.web.common import PAGES
from cchc_xl.web.security import PAGE_POLICY
from support.paths import ROOT
from support.web import _client, _with_master

STEPS = {"plan": "/", "assign": "/giao-viec?ky=9T", "intake": "/thu-nhan?ky=9T",
         "feedback": "/phan-hoi?ky=9T", "report": "/bao-cao?ky=9T"}
# A source with what the guide may hold: raw HTML (never passed on), a table, links out
# of the guide and to the web, pictures (the guide's own, and one it does not have).
SOURCE = """# Hướng dẫn thử

<script>alert("x")</script>

Chữ <b onclick="alert(1)">đậm</b> và `mã <i>`. Xem [README](../README.md#bắt-đầu-nhanh),
[sổ cái](ledger.md), [trang web](https://example.org/a), [mục dưới](#trang-kế-hoạch).

![Trang Thu nhận](img/thu-nhan.png) ![Hình không có](img/khong-co.png)

## Trang Kế hoạch

| Cột | Số |
| --- | --: |
| Một | 1 |

## Trang Kế hoạch
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return _client(_with_master(tmp_path_factory.mktemp("guide")))


@pytest.fixture(scope="module")
def shown(client) -> str:
    page = client.get("/huong-dan")
    assert page.status_code == 200, page.text[:500]
    assert page.headers["content-security-policy"] == PAGE_POLICY
    return page.text


def _ids(page: str) -> list[str]:
    return [html.unescape(i) for i in re.findall(r'\sid="([^"]+)"', page)]


def _in_page_links(fragment: str) -> list[str]:
    return [unquote(html.unescape(h)) for h in re.findall(r'href="#([^"]+)"', fragment)]


def test_the_guide_page_shows_the_guide_in_the_apps_frame(shown):
    text = html.unescape(shown)
    assert "<title>Hướng dẫn · cchc-xl</title>" in text
    assert '<h1 id="hướng-dẫn-sử-dụng">Hướng dẫn sử dụng</h1>' in text
    for heading in ("Dùng trên trình duyệt", "Trang Thu nhận", "Sao lưu và khôi phục",
                    "Quy tắc cần biết", "Công văn đôn đốc thực hiện nhiệm vụ chậm tiến độ"):
        assert f'id="{guide.slug(heading)}">{heading}</h' in text, heading
    assert '<pre><code class="language-sh">cchc-xl serve --data cchc-2026/' in text
    assert "<code>ke-hoach-cu/</code>" in text  # its code spans
    assert text.count("<li>") > 100  # its lists
    assert '<nav class="steps">' in text and 'class="card guide"' in text
    # Nothing a page's policy refuses: no inline style or script.
    assert " style=" not in shown and "<style" not in shown
    assert re.findall(r"<script(?![^>]*\ssrc=)", shown) == []


def test_every_link_of_its_contents_finds_its_section(shown):
    contents = shown[shown.index("Mục lục"):shown.index('<h2 id="')]
    links = _in_page_links(contents)
    ids = _ids(shown)
    assert len(links) > 30 and "trang-thu-nhận" in links
    assert [link for link in links if link not in ids] == []
    assert len(ids) == len(set(ids))  # one element to each
    # The rest of the guide's own links too; none of it leads to a file the app lacks.
    assert [link for link in _in_page_links(shown) if link not in ids] == []
    assert "README.md" not in shown and ".md#" not in shown
    assert "ở README.</p>" in shown  # the link out of the guide: its text alone


def test_every_page_links_to_the_guide_and_each_step_to_its_section(client, shown):
    ids = _ids(shown)
    labels = dict(PAGES)
    for page, path in STEPS.items():
        text = html.unescape(client.get(path).text)
        nav = text[text.index('<nav class="steps">'):text.index("</nav>")]
        period = re.search(r"\?ky=\w+", path)
        guide_link = "/huong-dan" + (period[0] if period else "?ky=NAM")  # the page's period
        assert f'<a href="{guide_link}" class="guide-link">' in nav and "Hướng dẫn</a>" in nav
        section = f"trang-{labels[page].lower().replace(' ', '-')}"
        help_link = re.search(r'<a class="page-help" href="([^"#]+)#([^"]+)"([^>]*)>'
                              r"Hướng dẫn trang này", text)
        assert help_link and help_link[1] == guide_link, (page, help_link)
        assert help_link[2] == section and section in ids, (page, help_link)
        # A new tab: each step's page has boxes being filled in that the same tab loses.
        assert 'target="_blank" rel="noopener"' in help_link[3]
    nav = shown[shown.index('<nav class="steps">'):shown.index("</nav>")]
    assert 'class="guide-link active" aria-current="page"' in nav
    assert 'class="page-help"' not in shown
    # An error page has the frame too.
    missing = client.get("/tai-ve/bao-cao/9T")
    assert missing.status_code == 404 and 'class="guide-link"' in missing.text


def test_raw_html_is_escaped_and_links_out_are_their_text(client, tmp_path, monkeypatch):
    source = tmp_path / "huong-dan.md"
    source.write_text(SOURCE, encoding="utf-8")
    monkeypatch.setattr(guide, "guide_path", lambda: source)
    page = client.get("/huong-dan")
    assert page.status_code == 200
    shown = page.text
    article = shown[shown.index('<article class="card guide">'):shown.index("</article>")]
    assert "<script>alert" not in shown and "<b onclick" not in shown
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in article
    assert "&lt;b onclick=&quot;alert(1)&quot;&gt;đậm&lt;/b&gt;" in article
    assert "<code>mã &lt;i&gt;</code>" in article
    # A table, scrolling sideways in its own box; its column aligned by a class.
    assert ('<div class="table-scroll"><table>\n<thead>\n<tr>\n<th>Cột</th>\n'
            '<th class="align-right">Số</th>') in article
    assert '<td class="align-right">1</td>' in article
    # Links: out of the guide, its text; the web's and the guide's own, links.
    assert "Xem README,\nsổ cái, " in article
    assert '<a href="https://example.org/a">trang web</a>' in article
    assert f'href="#{guide.slug("Trang Kế hoạch")}"' in unquote(article)
    # Two headings alike: the second's id as GitHub gives it.
    assert 'id="trang-kế-hoạch"' in article and 'id="trang-kế-hoạch-1"' in article
    # The guide's picture served by the app; one it does not have, its description.
    assert '<img src="/huong-dan/anh/thu-nhan.png" alt="Trang Thu nhận" />' in article
    assert "Hình không có" in article and "khong-co.png" not in article
    picture = client.get("/huong-dan/anh/thu-nhan.png")
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
    assert picture.content == (ROOT / "docs" / "img" / "thu-nhan.png").read_bytes()
    for name in ("khong-co.png", "..%2Fhuong-dan.md", "huong-dan.md"):
        assert client.get(f"/huong-dan/anh/{name}").status_code == 404, name


def test_the_guide_is_rendered_once_per_content_of_its_file(client, tmp_path, monkeypatch):
    source = tmp_path / "huong-dan.md"
    source.write_text("# Một\n", encoding="utf-8")
    monkeypatch.setattr(guide, "guide_path", lambda: source)
    rendered = []
    render = guide.render_markdown
    monkeypatch.setattr(guide, "render_markdown", lambda text: rendered.append(text)
                        or render(text))
    for _ in range(3):
        assert '<h1 id="một">Một</h1>' in client.get("/huong-dan").text
    assert rendered == ["# Một\n"]
    source.write_text("# Hai, đã sửa\n", encoding="utf-8")  # another size
    assert '<h1 id="hai-đã-sửa">Hai, đã sửa</h1>' in client.get("/huong-dan").text
    assert rendered == ["# Một\n", "# Hai, đã sửa\n"]


def test_the_guide_is_read_from_the_checkout_here():
    assert guide.guide_path() == ROOT / "docs" / "huong-dan.md"
    assert not guide.INSTALLED.exists()  # setup.py's copy is for a built package only
    assert isinstance(guide.guide_dir(), Path)


def test_a_guide_missing_is_said_on_its_page(client, tmp_path, monkeypatch):
    """An install without the guide (setup.py copies it: test_installed.py) says so in the
    app's frame, where to find it, rather than failing."""
    monkeypatch.setattr(guide, "guide_path", lambda: tmp_path / "huong-dan.md")
    page = client.get("/huong-dan")
    assert page.status_code == 200 and 'class="guide-link active"' in page.text
    assert "Không tìm thấy tệp hướng dẫn (" in html.unescape(page.text)
