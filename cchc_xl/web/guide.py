"""The user guide (docs/huong-dan.md) as the app's "Hướng dẫn" page: where the file is,
its HTML, and the section of it each step's page links to.

The file is read where it is in a checkout (``docs/`` beside the package); an installed
cchc-xl (a wheel) has its copy in ``cchc_xl/_docs``, which setup.py copies there with
the guide's pictures (``img/``). Rendered by markdown-it-py (CommonMark and its tables;
raw HTML in the text escaped, never passed on), once per content of the file: the
~1,300 lines take a fifth of a second, not paid at every request.

In the HTML:
- each heading carries the id GitHub gives it ("### Trang Thu nhận": ``trang-thu-nhận``),
  which the guide's own "Mục lục" and the README link to, so the same links work here;
- a link out of the guide (``../README.md#…``, another doc) is its text alone: none of
  those files is served by the app; a link to the web (``https:``) stays;
- a picture of the guide's ``img/`` is served at :data:`IMAGES` + its name; any other
  is its description (its alt text);
- a table scrolls sideways in a box of its own, not the page (a phone); a column's
  alignment is a class (``align-right``), not an inline style the pages' policy refuses.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

GUIDE = "huong-dan.md"
PICTURES = "img"  # the guide's pictures, beside it: (img/thu-nhan.png)
IMAGES = "/huong-dan/anh/"  # where the page serves them (app.py's route "guide_image")
# An installed copy's (setup.py's DOCS_PACKAGED); never in a checkout (.gitignore).
INSTALLED = Path(__file__).resolve().parent.parent / "_docs"
_IN_CHECKOUT = Path(__file__).resolve().parent.parent.parent / "docs"
# A step's page and its section: "### Trang " + the step's name (common.PAGES).
SECTION_OF_PAGE = "Trang {label}"
_PICTURE_NAME = re.compile(r"[\w.-]+\.(?:png|jpe?g|gif|svg|webp)")
_TO_THE_WEB = re.compile(r"(?:https?|mailto):", re.IGNORECASE)


def guide_dir() -> Path:
    """The folder of the guide: the installed package's copy, else the checkout's docs/."""
    return INSTALLED if (INSTALLED / GUIDE).is_file() else _IN_CHECKOUT


def guide_path() -> Path:
    return guide_dir() / GUIDE


def picture_path(name: str) -> Path | None:
    """A picture of the guide by its file name (``thu-nhan.png``), None if there is none:
    a name only, never a path elsewhere."""
    if not _PICTURE_NAME.fullmatch(name):
        return None
    path = guide_dir() / PICTURES / name
    return path if path.is_file() else None


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, each space a -
    ("Nhập kế hoạch đã ban hành (import)" → ``nhập-kế-hoạch-đã-ban-hành-import``)."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def page_section(label: str) -> str:
    """The id of the guide's section about the step's page named ``label`` ("Kế hoạch":
    ``trang-kế-hoạch``)."""
    return slug(SECTION_OF_PAGE.format(label=label))


# --- the HTML ------------------------------------------------------------------------

def _parser():
    from markdown_it import MarkdownIt  # imported on the first page shown

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.core.ruler.push("cchc_guide", _in_the_app)

    def table_open(self, tokens, idx, options, env):
        return '<div class="table-scroll">' + self.renderToken(tokens, idx, options, env)

    def table_close(self, tokens, idx, options, env):
        return self.renderToken(tokens, idx, options, env) + "</div>\n"

    md.add_render_rule("table_open", table_open)
    md.add_render_rule("table_close", table_close)
    return md


def _text_of(inline) -> str:
    """A heading's text as read: its code spans' content too, no markup."""
    return "".join(c.content for c in inline.children or ()
                   if c.type in ("text", "code_inline", "softbreak"))


def _in_the_app(state) -> None:
    """markdown-it's last core step: headings' ids, links and pictures as the app serves
    them (module docstring)."""
    from markdown_it.token import Token

    seen: dict[str, int] = {}
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            base = slug(_text_of(tokens[i + 1]))
            count = seen.get(base, 0)
            seen[base] = count + 1
            token.attrSet("id", base if not count else f"{base}-{count}")  # as GitHub's
        if token.type in ("th_open", "td_open") and token.attrGet("style"):
            # A column aligned (|--:|) as a class: the pages' policy runs no inline style.
            align = str(token.attrGet("style")).removeprefix("text-align:")
            token.attrs.pop("style")
            token.attrSet("class", f"align-{align}")
        if token.type != "inline" or not token.children:
            continue
        kept, dropping = [], False
        for child in token.children:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                dropping = not (href.startswith("#") or _TO_THE_WEB.match(href))
                if dropping:
                    continue
            elif child.type == "link_close" and dropping:
                dropping = False
                continue
            elif child.type == "image":
                src = str(child.attrGet("src") or "")
                folder, _, name = src.partition("/")
                if folder == PICTURES and picture_path(name) is not None:
                    child.attrSet("src", IMAGES + name)
                elif not _TO_THE_WEB.match(src):
                    text = Token("text", "", 0)
                    text.content = child.content  # its description
                    child = text
            kept.append(child)
        token.children = kept


_PARSER = None
_LOCK = threading.Lock()
_RENDERED: dict[tuple, str] = {}  # the last file rendered, by its path, time and size


def render_markdown(text: str) -> str:
    """The guide's Markdown as the page's HTML."""
    global _PARSER
    if _PARSER is None:
        _PARSER = _parser()
    return _PARSER.render(text)


def guide_html() -> str | None:
    """The guide as HTML, rendered again only when the file changed (its modification
    time or size); None when there is no guide."""
    path = guide_path()
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _LOCK:
        if key in _RENDERED:
            return _RENDERED[key]
    html = render_markdown(path.read_text(encoding="utf-8"))
    with _LOCK:
        _RENDERED.clear()
        _RENDERED[key] = html
    return html
