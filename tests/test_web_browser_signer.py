"""The plan page's "Người ký và cơ quan gửi" in a real browser, on a laptop and a phone:
the card fits the width (nothing scrolls sideways), each box has its label and hint, the
sender is a choice, and the form sent writes the plan table and says so. The server as
in test_web_browser; the data folder the module's own: a province committee's plan."""

from __future__ import annotations

import openpyxl
import pytest
from test_figures import figures_master
from test_sender import _province
from test_web_browser import _shot

from cchc_xl.master.write import write_master
from support.tools import needs_chromium
from support.web import opened_at_widths

SIGNER = "Nguyễn Thị Thanh Hương"


@pytest.fixture(scope="module")
def web_data(tmp_path_factory):
    """The module's own data folder, a province committee's plan in use."""
    data = tmp_path_factory.mktemp("web-data-signer")
    write_master(_province(figures_master(), ""), data / "ke-hoach.xlsx")
    return data


@needs_chromium
def test_the_signer_form_on_a_laptop_and_a_phone(server, page):
    base, data = server
    for width in opened_at_widths(page, base + "/#nguoi-ky", (1366, 390)):
        card = page.locator("#nguoi-ky")
        assert card.get_by_role("heading", name="Người ký và cơ quan gửi").is_visible()
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width, width
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        for label in ("Người ký báo cáo", "Chức vụ người ký", "Nơi nhận báo cáo"):
            field = card.get_by_label(label, exact=True)
            assert field.is_visible(), label
            field_box = field.bounding_box()
            assert field_box["x"] + field_box["width"] <= box["x"] + box["width"], label
        assert card.get_by_role("radio", name="Sở Nội vụ tỉnh Thử").is_visible()
        card.scroll_into_view_if_needed()
        _shot(page, f"plan-signer-{width}")
        if width == 390:
            card.get_by_role("radio", name="Sở Nội vụ tỉnh Thử").check()
            card.get_by_label("Người ký báo cáo", exact=True).fill(SIGNER)
            card.get_by_label("Chức vụ người ký", exact=True).fill("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
            with page.expect_navigation():
                card.get_by_role("button", name="Lưu vào bảng kế hoạch").click()
            notice = page.locator(".msg.ok").first
            assert notice.inner_text().startswith(
                f"Đã ghi vào bảng kế hoạch đang dùng — Người ký báo cáo: {SIGNER};")
            # Said at the page's top, where the page opens: not scrolled to the form.
            assert 0 <= notice.bounding_box()["y"] < 844
            assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width
            _shot(page, "plan-signer-saved-390")
            # Refused: the reason at the card's top, in sight, the box marked.
            page.goto(base + "/")
            card.get_by_label("Người ký báo cáo", exact=True).fill("PHÓ GIÁM ĐỐC")
            with page.expect_navigation():
                card.get_by_role("button", name="Lưu vào bảng kế hoạch").click()
            error = card.locator("#signing-error")
            assert error.inner_text().startswith("“PHÓ GIÁM ĐỐC” là chức vụ")
            assert 0 <= error.bounding_box()["y"] < 844
            signer = card.get_by_label("Người ký báo cáo", exact=True)
            assert signer.get_attribute("aria-invalid") == "true"
            _shot(page, "plan-signer-refused-390")
    ws = openpyxl.load_workbook(data / "ke-hoach.xlsx")["Kế hoạch"]
    cells = {row[0].value: row[1].value for row in ws.iter_rows(max_col=2)}
    assert cells["Người ký báo cáo"] == SIGNER
    assert cells["Cơ quan gửi công văn, báo cáo"] == "Sở Nội vụ"
