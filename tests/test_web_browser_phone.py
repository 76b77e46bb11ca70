"""The pages on a phone's width (390 px), in a real browser: the tables of the pages
become one card per row (app.css, "stack"), each cell named by its label."""

from __future__ import annotations

from support.tools import needs_chromium
from support.web import blank_plan_uploaded


@needs_chromium
def test_a_finding_of_no_sheet_or_cell_shows_no_empty_labels_on_a_phone(server, page,
                                                                       tmp_path):
    """A QA pass: a blank plan uploaded unfilled, the check's warning "bảng kế hoạch chưa
    có nhiệm vụ nào" (of the whole table: no sheet, no cell) showed on a phone as
    "Trang:  Ô:" with nothing after either, labels left dangling over the message."""
    base, _ = server
    client, _, drawn = blank_plan_uploaded(tmp_path)
    # The page as the app drew it, styled by the app's own sheet (the server's: the same
    # file), at a phone's width.
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.set_content(drawn.replace(str(client.base_url), base))
        page.wait_for_function("() => getComputedStyle(document.body).margin === '0px'")
        # Each row: its text, and the labels drawn before its cells ("Trang: ", "Ô: "),
        # which the cards show and its text does not hold.
        rows = page.evaluate("""() => [...document.querySelectorAll(
            "table.findings tbody tr")].map((row) => [row.innerText,
            [...row.querySelectorAll("td[data-label]")].filter(
              (td) => getComputedStyle(td).display !== "none"
                      && getComputedStyle(td, "::before").content !== "none")
            .map((td) => td.dataset.label)])""")
        assert page.evaluate("""() => getComputedStyle(
            document.querySelector("table.findings thead")).position""") == "absolute"
        (whole,) = [labels for text, labels in rows if "chưa có nhiệm vụ nào" in text]
        assert whole == [], whole
        (sheet,) = [labels for text, labels in rows if "còn trống" in text]
        assert sheet == ["Trang", "Ô"], sheet  # a finding with its place: named
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
