"""Hostile and damaged PDFs (made by tests/support/hostile_pdfs.py) given to `cchc-xl import`
as the plan, each in a process of its own limited to 1 GB of address space: refused in
seconds with one Vietnamese line naming the file, what is wrong and what to do (ask for
the Word file), exit 1, no traceback, nothing written. A tagged PDF's hostile structure
tree is ignored instead, the file read as untagged, and a hostile /Info left unread (its
one line no plan: said so). What
no check foresees (hostile_pdfs.BUDGETED) ends within the time budget the PDF is read in
(its worker process's), made 3 s here.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cchc_xl.errors import WorkbookError
from cchc_xl.plan_import import import_plan
from cchc_xl.plan_import.pdf_source import SECONDS_VARIABLE, read_pdf_here
from cchc_xl.xlio import file_sha256
from support import hostile_pdfs as hp

ADDRESS_SPACE = 1 << 30
WORD_FILE = "xin cơ quan ban hành bản Word (.docx) của văn bản"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return hp.make_corpus(tmp_path_factory.mktemp("pdfs"))


@pytest.mark.parametrize("case", list(hp.CASES))
def test_a_hostile_pdf_is_refused_within_bounds(case, corpus, cli_processes, tmp_path):
    source = corpus[case]
    before = file_sha256(source)
    out = tmp_path / "ke-hoach.xlsx"
    start = time.monotonic()
    budget = {SECONDS_VARIABLE: str(hp.BUDGET_SECONDS)} if case in hp.BUDGETED else None
    proc = cli_processes.run(["import", source, "--out", out], tmp_path / "cli",
                             limits={"RLIMIT_AS": ADDRESS_SPACE}, timeout=120, env=budget)
    seconds = time.monotonic() - start
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr  # pdfplumber's own, beside our line
    assert proc.returncode == 1, proc.stderr
    (said,) = [line for line in proc.stderr.splitlines() if line.startswith("Lỗi: ")]
    assert f"tệp {source}: {hp.EXPECTED[case]}" in said, said
    assert (WORD_FILE in said) == (case not in hp.READ), said
    assert seconds < 30, seconds  # a page of 200,000 cells took 3.5 s
    assert not out.exists() and file_sha256(source) == before


def test_the_page_limit_is_met_without_making_every_page(corpus, monkeypatch):
    """10,000 pages: counted up to the 201st, not each made into a page to be counted (in
    this process: read_pdf's worker would count the pages it makes in its own)."""
    from pdfminer.pdfpage import PDFPage

    made = []
    init = PDFPage.__init__

    def counted(self, *args, **kwargs):
        made.append(1)
        init(self, *args, **kwargs)

    monkeypatch.setattr(PDFPage, "__init__", counted)
    with pytest.raises(WorkbookError) as refused:
        read_pdf_here(corpus["many-pages"])
    assert refused.value.message == hp.EXPECTED["many-pages"]
    assert len(made) == 201


def test_a_ring_of_cross_reference_sections_is_refused_before_pdfminer_reads_it(corpus):
    """A cross-reference stream naming itself as the one before (/Prev): pdfminer read it
    a thousand times, each reading of its 1 MB kept, until Python's recursion limit (1 GB
    of them). Refused as damaged before pdfminer opens the file (read in this process)."""
    from pdfminer.pdfdocument import PDFXRefStream

    loaded = []
    load = PDFXRefStream.load

    def counted(self, parser):
        loaded.append(1)
        load(self, parser)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PDFXRefStream, "load", counted)
        with pytest.raises(WorkbookError) as refused:
            read_pdf_here(corpus["xref-ring"])
    assert refused.value.message == hp.EXPECTED["xref-ring"]
    assert len(loaded) <= 1


@pytest.mark.parametrize("case", hp.TREES)
def test_a_hostile_structure_tree_is_ignored_not_walked(case, corpus, tmp_path):
    """A tagged PDF's structure tree nested 100,000 deep (pdfplumber's walk recurses), in
    a ring, of 2^40 elements shared in 40 objects, or of a million references: left
    after at most bounds.MAX_PDF_TAGS of them (or bounds.MAX_PDF_TAG_DEPTH deep, or an
    element met twice), and the page read as untagged. The same page with a tree of one
    paragraph is read by its tags."""
    import pdfplumber

    from cchc_xl.plan_import.pdf_tags import read_tags

    sane = tmp_path / "sane.pdf"
    hp._tagged_page(sane, [b"<</Type /StructTreeRoot /K 6 0 R>>", b"<</S/P/Pg 3 0 R/K 0>>"])
    for source, told in ((corpus[case], False), (sane, True)):
        with open(source, "rb") as stream:
            pdf = pdfplumber.open(stream)
            (page,) = pdf.pages
            tags = read_tags(pdf.doc)  # a walk past the bounds would recurse, loop or crawl
            assert (tags is not None) == told
            words = page.extract_words(return_chars=True)
            assert (tags is not None and tags.mark(words, page.page_obj.pageid)) == told


def test_a_pdf_over_the_memory_budget_is_said_so(tmp_path, monkeypatch):
    """The worker reading a plan's PDF runs out of its address space (its reading made
    here to take twice the budget: forked, the worker runs it): one line saying so,
    asking for the Word file, not a traceback."""
    import multiprocessing

    from cchc_xl import bounds, isolate
    from cchc_xl.plan_import import pdf_source

    monkeypatch.setattr(pdf_source, "read_pdf_here",
                        lambda path: bytearray(2 * bounds.READ_MEMORY_BYTES))
    # Forked, whatever threads the test process has left running (a fork server's
    # workers would read the PDF with the real function: "bản quét", in a full run).
    monkeypatch.setattr(isolate, "worker_context",
                        lambda fn: multiprocessing.get_context("fork"))
    source = tmp_path / "ke-hoach.pdf"
    hp.write_pdf(source, [b"<</Type /Catalog>>"])
    with pytest.raises(WorkbookError) as refused:
        import_plan(source, tmp_path / "m.xlsx")
    assert refused.value.render() == (
        f"tệp {source}: không đọc được tệp PDF trong giới hạn bộ nhớ 1 GB: tệp bị hỏng hoặc "
        "có cấu trúc bất thường (xin cơ quan ban hành bản Word (.docx) của văn bản, hoặc bản "
        "PDF xuất từ Word (Lưu thành PDF), rồi nhập lại)")
