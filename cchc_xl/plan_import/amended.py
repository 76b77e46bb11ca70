"""An amending document imported over the plan in use keeps the plan's identity.

A plan is amended mid-year by a document of its own ("Kế hoạch sửa đổi, bổ sung Kế hoạch
số 12/KH-UBND …", with its own number and date). Imported with ``--units`` the plan in
use (the same issuer and year: :func:`.kept_ids.plan_in_use`), its title, number and
date became the plan's, and the Word report and letters opened "Thực hiện Kế hoạch sửa
đổi, bổ sung Kế hoạch … (số 85/KH-UBND …)" as if the amendment were the plan (a QA
pass). What the office signs cites the plan, and that it was amended: the plan in use's
title, number, date and authority are kept, and the amending document is added to the
plan's amendments (the "Sửa đổi, bổ sung tại" field of the Kế hoạch sheet).

A document whose title reads as no amendment (a plan issued anew, "thay thế" the plan
in use, or the same plan imported again) takes the place of the plan, as any import;
the note says which reading was taken, so that the office can tell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..findings import Finding
from ..master.layout import BLANK_ATTACHMENT
from ..model import Plan
from ..vocab import NOTE, WARNING
from ..xlio import vn_date

# "Sửa đổi, bổ sung Kế hoạch số 12/KH-UBND", "Điều chỉnh, bổ sung một số nội dung của Kế
# hoạch …": words of amending, then the plan amended.
_AMENDING = re.compile(r"\b(?:sửa đổi|bổ sung|điều chỉnh)\b[^.;]{0,80}?\bkế hoạch\b")
# "… (thay thế Kế hoạch số 12/KH-UBND …)": a plan issued anew in the place of the other.
_REPLACING = re.compile(r"\bthay thế\b")
# The plan an amendment names in its title: "… Kế hoạch số 12/KH-UBND ngày …".
_AMENDED_NUMBER = re.compile(r"\bkế\s+hoạch\s+số\s*:?\s*(?P<number>[^\s,;()]+/[^\s,;()]+)",
                             re.IGNORECASE)


def _words(title: str) -> str:
    return unicodedata.normalize("NFC", title).casefold()


def amends(title: str) -> bool:
    """True when a plan's ``title`` reads as an amendment of another plan (and not as a
    plan replacing it)."""
    words = _words(title)
    return bool(_AMENDING.search(words)) and not _REPLACING.search(words)


def cited(plan: Plan) -> str:
    """A document as the report cites it: "Kế hoạch số 85/KH-UBND ngày 10/07/2026"
    ("" when it has neither number nor date)."""
    if not plan.number and not plan.issued:
        return ""
    return "Kế hoạch" + (f" số {plan.number}" if plan.number else "") + (
        f" ngày {vn_date(plan.issued)}" if plan.issued else "")


def _attachment(document: Plan, in_use: Plan) -> str:
    """The "Kèm theo" line the appendix is printed under: the amending document's own
    (its appendix lists the tasks as amended), else the plan in use's."""
    if document.attachment and not BLANK_ATTACHMENT.match(document.attachment):
        return document.attachment
    return in_use.attachment


def amended_plan(document: Plan, in_use: Plan, file: str) -> tuple[Plan, list[Finding]]:
    """The plan a document imported over the plan in use gives (see the module's
    docstring), and the notes saying how it was read."""
    if not amends(document.title):
        return document, _replacing(document, in_use, file)
    amendment = cited(document)
    known = [a for a in in_use.amendments if _words(a) != _words(amendment)]
    plan = replace(document, authority=in_use.authority, title=in_use.title,
                   number=in_use.number, issued=in_use.issued,
                   code=in_use.code or document.code, attachment=_attachment(document, in_use),
                   appendix_title=in_use.appendix_title or document.appendix_title,
                   amendments=[*known, amendment] if amendment else known)
    if amendment:
        said = (f"ghi '{amendment}' ở ô 'Sửa đổi, bổ sung tại' của trang 'Kế hoạch'; báo "
                f"cáo, công văn trích dẫn kế hoạch kèm '({plan.amended_in})'")
    else:
        said = ("văn bản chưa ghi số, ngày: ghi số, ngày của văn bản ở ô 'Sửa đổi, bổ sung "
                "tại' của trang 'Kế hoạch' để báo cáo, công văn trích dẫn")
    found = [Finding(
        NOTE, "import-amendment",
        f"văn bản sửa đổi, bổ sung kế hoạch đang dùng: tên, số, ngày ban hành giữ theo "
        f"{cited(in_use) or in_use.title}, {said}. Văn bản là kế hoạch mới thay thế kế hoạch "
        "đang dùng thì ghi tên, số, ngày của văn bản ở trang 'Kế hoạch' và xóa ô 'Sửa đổi, bổ "
        "sung tại'", file=file)]
    named = _AMENDED_NUMBER.search(document.title)
    if named and in_use.number and _number(named["number"]) != _number(in_use.number):
        found.append(Finding(
            WARNING, "import-amendment-other",
            f"văn bản sửa đổi, bổ sung Kế hoạch số {named['number']}, không phải kế hoạch "
            f"đang dùng (số {in_use.number}): kiểm tra lại tệp ghi ở --units (trên trình "
            "duyệt: bảng kế hoạch đang dùng)", file=file))
    return plan, found


def amendment_alone(document: Plan, over: bool, file: str) -> list[Finding]:
    """A warning when an amending document is imported with no plan in use to amend (no
    ``--units``; ``over``: written over a master, ``--force``): it became the plan
    without a word, its title and number the plan's, its tasks' ids made from its own
    numbers (units' answers then went to other tasks) and the periods the defaults."""
    if not amends(document.title):
        return []
    lost = (" (bảng kế hoạch đang dùng đã bị ghi đè: lấy lại từ bản sao lưu, hoặc bằng "
            "cchc-xl report --plan-out từ sổ cái)") if over else ""
    return [Finding(
        WARNING, "import-amendment-alone",
        f"văn bản sửa đổi, bổ sung kế hoạch ('{document.title}') được nhập như một kế hoạch "
        "riêng vì không kèm bảng kế hoạch đang dùng: tên, số, ngày của văn bản thành của kế "
        "hoạch, mã nhiệm vụ theo số thứ tự của văn bản (số liệu các đơn vị đã báo cáo có thể "
        "đi với nhiệm vụ khác), kỳ báo cáo là kỳ mặc định; nhập lại với --units TỆP, TỆP là "
        f"bảng kế hoạch đang dùng, ghi ra tệp khác{lost}", file=file)]


def _replacing(document: Plan, in_use: Plan, file: str) -> list[Finding]:
    """The note of a document of another number taken as the plan (a plan issued anew in
    the place of the plan in use): what the report cites, and what to do if it only
    amends it."""
    if not (document.number and in_use.number
            and _number(document.number) != _number(in_use.number)):
        return []  # the plan in use imported again
    says = ("ghi thay thế" if _REPLACING.search(_words(document.title))
            else "không ghi là sửa đổi, bổ sung")
    return [Finding(
        NOTE, "import-replaces",
        f"văn bản số {document.number} {says} kế hoạch đang dùng ({cited(in_use)}) nên được "
        f"nhập là kế hoạch thay thế: báo cáo, công văn trích dẫn {cited(document)}. Văn bản "
        f"chỉ sửa đổi, bổ sung kế hoạch đang dùng thì ghi lại tên, số, ngày của kế hoạch đó ở "
        f"trang 'Kế hoạch' và ghi '{cited(document)}' ở ô 'Sửa đổi, bổ sung tại'", file=file)]


def _number(number: str) -> str:
    return re.sub(r"\s+", "", number).casefold()
