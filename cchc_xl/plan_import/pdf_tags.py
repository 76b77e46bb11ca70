"""A tagged PDF's paragraphs (Word's "Save as PDF" tags by default; LibreOffice's export
when asked): which paragraph of the document each word on a page belongs to, from the
structure tree (<P>, <H1>, <LI>, <TD>... elements whose marked-content ids, MCID, tie each
to the characters it holds). pdf_source then parts lines where the tags part paragraphs,
instead of guessing from where a line ends (:func:`same_paragraph`).

The tree is walked here, not by pdfplumber's ``structure_tree``, which recurses (a tree
nested 100,000 deep), walks an element shared by two parents once for each (a chain of
30 elements each naming the next twice is 2^30 of them) and asserts what it expects. The
walk is iterative and bounded: at most :data:`bounds.MAX_PDF_TAGS` elements and
marked-content references, :data:`bounds.MAX_PDF_TAG_DEPTH` deep, each element once (one
met again: a ring of /K references, or no tree). A tree past a bound, damaged or
otherwise not a tree is ignored, and so are a page's tags that do not agree with its
words (:meth:`Tags.mark`): the lines are then joined as an untagged PDF's are.
"""

from __future__ import annotations

from .. import bounds

# Elements inside a paragraph (ISO 32000-1, 14.8.4.4, inline-level), and a list item's
# label: the paragraph of the characters they hold is the element above them.
_INLINE = frozenset({
    "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB",
    "RT", "RP", "Warichu", "WT", "WP", "Lbl", "Em", "Strong", "Sub", "Form"})
_HOPS = 8  # a reference to a reference to ... followed this far
PARAGRAPH = "paragraph"  # the key a word's paragraph is kept under (pdf_source's words)


class _NotATree(Exception):
    """The structure tree is past a bound, damaged, or not a tree: ignored."""


class Tags:
    """Each marked-content section's paragraph: (the page's object id, MCID) -> the
    paragraph's number in the tree's order."""

    def __init__(self, paragraphs: dict[tuple[int, int], int]) -> None:
        self.paragraphs = paragraphs

    def mark(self, words: list[dict], page_id: int) -> bool:
        """Give each of the page's words (extracted with their ``chars``) its paragraph
        under :data:`PARAGRAPH`, if the page's tags agree with its words: some word is
        tagged, every tagged character's section is in the tree, and each word's
        characters are of one paragraph. A word outside any section (a page's number,
        its running head: artifacts) has none. Otherwise (False) none is given one."""
        found: list[int | None] = []
        for word in words:
            marks = {c.get("mcid") for c in word.get("chars", ()) if not c["text"].isspace()}
            marks.discard(None)
            if not marks:
                found.append(None)
                continue
            paragraphs = {self.paragraphs.get((page_id, m)) for m in marks}
            if len(paragraphs) != 1 or None in paragraphs:
                return False
            found.append(paragraphs.pop())
        if all(p is None for p in found):
            return False
        for word, paragraph in zip(words, found, strict=True):
            word[PARAGRAPH] = paragraph
        return True


def same_paragraph(last: dict, first: dict) -> bool | None:
    """Whether two words (a line's last, the next line's first) are of one paragraph, by
    the tags; None when either has none (an untagged PDF, a page whose tags were
    ignored, an artifact)."""
    a, b = last.get(PARAGRAPH), first.get(PARAGRAPH)
    return None if a is None or b is None else a == b


def read_tags(doc) -> Tags | None:
    """The tagged PDF's paragraphs, or None: untagged, or its tree ignored (see the
    module's words)."""
    from pdfminer.psparser import PSException

    try:
        catalog = doc.catalog
        if not isinstance(catalog, dict) or "StructTreeRoot" not in catalog:
            return None
        return _walk(doc)
    except (_NotATree, PSException, ValueError, KeyError, TypeError, AttributeError,
            EOFError, RecursionError):
        return None


def _walk(doc) -> Tags:
    from pdfminer.pdftypes import PDFObjRef
    from pdfminer.psparser import PSLiteral

    root = _resolve(doc, doc.catalog["StructTreeRoot"])
    if not isinstance(root, dict):
        raise _NotATree
    roles = _resolve(doc, root.get("RoleMap")) or {}
    if not isinstance(roles, dict):
        roles = {}

    def role(obj: dict) -> str:
        name = _resolve(doc, obj.get("S"))
        for _ in range(_HOPS):  # a custom type mapped to a custom type ... to a standard one
            if not isinstance(name, PSLiteral):
                return ""
            mapped = _resolve(doc, roles.get(name.name))
            if not isinstance(mapped, PSLiteral) or mapped.name == name.name:
                break
            name = mapped
        return name.name if isinstance(name, PSLiteral) else ""

    paragraphs: dict[tuple[int, int], int] = {}
    seen: set[int] = set()
    count = 0
    # (a kid, its paragraph (None above any), the page it is on, its depth), depth first.
    todo: list[tuple[object, int | None, int | None, int]] = [(root.get("K"), None, None, 0)]
    while todo:
        kid, paragraph, page, depth = todo.pop()
        count += 1
        if count > bounds.MAX_PDF_TAGS or depth > bounds.MAX_PDF_TAG_DEPTH:
            raise _NotATree
        if isinstance(kid, PDFObjRef):
            if kid.objid in seen:
                raise _NotATree  # a ring, or an element under two parents
            seen.add(kid.objid)
        obj = _resolve(doc, kid)
        if isinstance(obj, list):
            todo += [(k, paragraph, page, depth + 1) for k in reversed(obj)]
            continue
        if isinstance(obj, int) and not isinstance(obj, bool):  # an MCID on the page
            if paragraph is not None and page is not None:
                paragraphs[(page, obj)] = paragraph
            continue
        if not isinstance(obj, dict):
            continue
        pg = obj.get("Pg")  # the page of its marked content (else its parent's)
        if isinstance(pg, PDFObjRef):
            page = pg.objid
        if "MCID" in obj:  # a marked-content reference (perhaps on another page)
            mcid = _resolve(doc, obj["MCID"])
            if isinstance(mcid, int) and paragraph is not None and page is not None:
                paragraphs[(page, mcid)] = paragraph
            continue
        if "Obj" in obj or "K" not in obj:
            continue  # an object reference (an annotation, a form): no text of its own
        if role(obj) not in _INLINE:
            paragraph = count  # (numbers grow in the tree's order)
        todo.append((obj["K"], paragraph, page, depth + 1))
    return Tags(paragraphs)


def _resolve(doc, obj: object) -> object:
    """``obj``, a reference followed to its object (not pdfminer's ``resolve1``, which
    follows a ring of references for ever)."""
    from pdfminer.pdftypes import PDFObjRef

    for _ in range(_HOPS):
        if not isinstance(obj, PDFObjRef):
            return obj
        obj = doc.getobj(obj.objid)
    raise _NotATree
