"""Who sends the letters and reports made from a plan, when it is not the body that
issued it.

A province's plan is the People's Committee's ("Ủy ban nhân dân tỉnh Thanh Hóa"), but
the quarterly letters to its units, and often the report to the committee, are issued
by the Sở Nội vụ, its standing body for CCHC: its letterhead ("UBND TỈNH THANH HÓA" over
"SỞ NỘI VỤ"), its number ("/SNV-…"), "Sở Nội vụ đề nghị …", signed "KT. GIÁM ĐỐC / PHÓ
GIÁM ĐỐC" (Nghị định 30/2020/NĐ-CP), its report addressed to the committee. The plan is
still cited as the committee's. The plan sheet's "Cơ quan gửi công văn, báo cáo"
(:attr:`cchc_xl.model.Plan.sender`) names it; blank, the plan's authority sends them,
as before. A commune has no such department: its documents stay its committee's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .issuer import (
    COMMUNE_LEVEL,
    PROVINCE,
    Level,
    authority_level,
    authority_name,
    authority_place,
    body_names,
    is_the_issuer,
    issued_by_department,
    issuer_of,
    names_authority,
    plan_level,
    province_body,
    signer_title,
)
from .model import Plan, Unit
from .text import match_key
from .vocab import PEOPLES_COMMITTEE_RE

# The committee's office named without its province ("Văn phòng UBND tỉnh"), as a
# department may be ("Sở Nội vụ": issuer.issued_by_department, the one reading of a
# department's name): the plan's province completes it.
_OFFICE = re.compile(rf"^văn\s+phòng\s+{PEOPLES_COMMITTEE_RE}(?:\s+(?:tỉnh|thành\s+phố))?$",
                     re.IGNORECASE)
_COMMITTEE = re.compile(rf"^{PEOPLES_COMMITTEE_RE}(?:\s|$)", re.IGNORECASE)
# A signature block of a People's Committee (a collective body): not a department's.
_COMMITTEE_SIGNS = re.compile(r"^TM\.?\s+ỦY\s+BAN\s+NHÂN\s+DÂN", re.IGNORECASE)

SENDER_EXAMPLE = "Sở Nội vụ"


def sender_of(plan: Plan) -> str:
    """The body in whose name the letters and reports go, as an authority is written
    (:func:`cchc_xl.issuer.issuer_of` reads its letterhead): the plan sheet's "Cơ quan
    gửi công văn, báo cáo" with the plan's province when it names none ("Sở Nội vụ" of
    UBND tỉnh Thanh Hóa's plan: "Sở Nội vụ tỉnh Thanh Hóa"); the plan's authority when
    it is blank, names the authority itself, or cannot send them (:func:`sender_problem`)."""
    return _sender(plan) or plan.authority


def sent_by_another(plan: Plan) -> bool:
    """Whether a body other than the plan's authority sends its letters and reports."""
    return bool(_sender(plan))


def _given(plan: Plan) -> str:
    """The plan sheet's sender as typed, its spaces and Unicode form made plain."""
    return unicodedata.normalize("NFC", " ".join(plan.sender.split()))


def _sender(plan: Plan) -> str:
    """The sender as :func:`sender_of` gives it when it is not the authority, else ""."""
    given = _given(plan)
    if not given or sender_problem(plan):
        return ""
    if match_key(given) == match_key(plan.authority) or _COMMITTEE.match(given):
        return ""
    given = authority_name(given)  # "SỞ NỘI VỤ": "Sở Nội vụ"
    place = authority_place(plan.authority)
    if place and (issued_by_department(given) or _OFFICE.match(given)) and \
            issuer_of(given).place == "…":
        kind, name = place
        given = re.sub(r"\s+(?:tỉnh|thành\s+phố)$", "", given, flags=re.IGNORECASE)
        given = f"{given} {kind} {name}"
    return "" if match_key(given) == match_key(plan.authority) else given


def sender_problem(plan: Plan) -> str:
    """Why the plan sheet's sender cannot send the plan's letters and reports ("" when
    it can, or is blank): a commune has no department (its Văn phòng HĐND và UBND
    drafts for the committee to issue); a sender must be a department ("Sở …") or the
    committee's office, of a plan naming its province."""
    given = _given(plan)
    if not given or match_key(given) == match_key(plan.authority) or _COMMITTEE.match(given):
        return ""
    level = authority_level(plan)
    if level is not None and level.code == COMMUNE_LEVEL:
        return (f"kế hoạch của UBND {level.kind}: công văn, báo cáo do UBND {level.kind} "
                "ban hành (Văn phòng HĐND và UBND tham mưu), để trống ô này")
    if not (issued_by_department(given) or _OFFICE.match(given)
            or issuer_of(given).place != "…"):
        return f"ghi tên một sở, ví dụ '{SENDER_EXAMPLE}', hoặc để trống"
    if authority_place(plan.authority) is None and issuer_of(given).place == "…":
        return ("cơ quan ban hành không ghi tỉnh: ghi tên sở kèm tỉnh, ví dụ 'Sở Nội vụ "
                "tỉnh Thanh Hóa'")
    return ""


def sender_level(plan: Plan, units: list[Unit]) -> Level:
    """The level the letters' and report's wording follows (their "Nơi nhận", whom they
    ask): the plan's (:func:`cchc_xl.issuer.plan_level`), or, sent by a department or
    the office for the committee, that body's, for the province's units
    (``for_committee``: its report goes to the committee)."""
    level = plan_level(plan, units)
    sender = _sender(plan)
    if not sender:
        return level
    body = province_body(replace(plan, authority=sender), [])
    if body is None:
        return level
    return replace(body, for_committee=True)


def sender_name(plan: Plan) -> str:
    """The sender as a sentence names it, under its own letterhead: "Sở Nội vụ"
    ("Sở Nội vụ đề nghị …"); the plan's authority in running text when it sends them
    (:func:`cchc_xl.issuer.running_plan`)."""
    sender = _sender(plan)
    if not sender:
        return authority_name(plan.authority)
    names = body_names(sender)
    return names[1] if names else authority_name(sender)


def committee_name(level: Level) -> str:
    """The People's Committee whose plan a department reports on, as its sentences and
    its report's "Kính gửi" name it: "Ủy ban nhân dân tỉnh"."""
    return f"Ủy ban nhân dân {level.kind}"


def plan_of(plan: Plan, level: Level) -> str:
    """What follows the plan's citation when another body sends the document: " của Ủy
    ban nhân dân tỉnh" (the plan is still the committee's); "" when the plan's authority
    sends it, or the title names the authority already."""
    if not sent_by_another(plan) or names_authority(plan.title, plan.authority):
        return ""
    return f" của {committee_name(level)}"


def signature(plan: Plan) -> tuple[str, str]:
    """The title lines and the name the plan sheet gives for the signature ("" each for
    the sender's default): a People's Committee's ("TM. ỦY BAN NHÂN DÂN …", its
    vice-chairman's, as an import takes it from the plan) is not the department's that
    sends the documents, and is left out then."""
    if _committee_title_dropped(plan):
        return "", ""
    return plan.signer_title, plan.signer


def title_problem(plan: Plan) -> str:
    """Why the plan's "Chức vụ người ký" is not printed ("" when it is, or is blank): a
    People's Committee's ("TM. ỦY BAN NHÂN DÂN …") over what a department sends
    (:func:`signature` leaves it out)."""
    if _committee_title_dropped(plan):
        return (f"chức vụ “{plan.signer_title.splitlines()[0]} …” là của Ủy ban nhân dân, "
                f"không dùng khi {sender_name(plan)} gửi")
    return ""


def _committee_title_dropped(plan: Plan) -> bool:
    """Whether the plan sheet's title is a People's Committee's while another body sends
    the documents: left out of the signature (:func:`signature`), said why
    (:func:`title_problem`)."""
    return sent_by_another(plan) and bool(_COMMITTEE_SIGNS.match(plan.signer_title.strip()))


def default_title(plan: Plan) -> str:
    """The lines over the signature when the plan sheet gives none: the sender's
    (:func:`cchc_xl.issuer.signer_title`), " / " between them."""
    return " / ".join(signer_title(issuer_of(authority_name(sender_of(plan)))).split("\n"))


def sent_by(master, form: str = "") -> str:
    """Who sends the plan's letters and Word report, as the web app's plan page says it
    (set on the plan sheet, or with the page's form ``form``, named by its heading): the
    body the sheet names, or, for a People's Committee's province plan sent in its own
    name, how to have the Sở Nội vụ send them; "" for another plan (a commune's stays
    its committee's)."""
    from .master.layout import PLAN_FIELDS  # the master package reads the sender with this

    label = PLAN_FIELDS["sender"][0]  # "Cơ quan gửi công văn, báo cáo"
    plan = master.plan
    there = f"mục “{form}” bên dưới"
    if sent_by_another(plan):
        return (f"Công văn đôn đốc và báo cáo Word do {authority_name(sender_of(plan))} gửi "
                f"(dòng “{label}” của trang Kế hoạch" + (f"; đổi ở {there}" if form else "")
                + ").")
    level = plan_level(plan, master.units)
    if level.code != PROVINCE or not level.committee:
        return ""
    how = (f"chọn “{SENDER_EXAMPLE}” ở {there}" if form else
           f"ghi “{SENDER_EXAMPLE}” ở dòng “{label}” của trang Kế hoạch trong bảng kế hoạch "
           "rồi tải lên lại")
    return (f"Công văn đôn đốc và báo cáo Word do {authority_name(plan.authority)} gửi. Sở "
            f"Nội vụ gửi thay: {how}.")


def is_the_sender(name: str, plan: Plan) -> bool:
    """Whether a unit of the plan is the body sending its letters (the Sở Nội vụ, a unit
    of the province's plan too): its own rows are chased inside it, not by a letter to
    itself."""
    sender = _sender(plan)
    return bool(sender) and is_the_issuer(name, sender)


# What the plan sheet says of who sends, signs and takes the units' files back, read for
# the table put in place of another (the year's turn: next year's table has these rows
# blank, and the letters went out as the committee's, said nowhere: a QA pass).
SIGNING_FIELDS = ("signer", "signer_title", "sender", "return_to")  # as the plan page's form


def signing_left(before: Plan, after: Plan) -> str:
    """The fields of :data:`SIGNING_FIELDS` the plan sheet ``before`` set that ``after``,
    the table put in its place, says otherwise, with what they said: "Người ký báo cáo:
    Nguyễn Văn An; Cơ quan gửi công văn, báo cáo: Sở Nội vụ tỉnh Thanh Hóa" ("" when
    every field set before says the same now)."""
    from .master.layout import PLAN_FIELDS  # the master package reads these with this

    said = []
    for field in SIGNING_FIELDS:
        was, now = _signing_value(before, field), _signing_value(after, field)
        if was and was != now:
            said.append(f"{PLAN_FIELDS[field][0]}: {was}")
    return "; ".join(said)


def _signing_value(plan: Plan, field: str) -> str:
    """A signing field as the letters take it: the sender named in full when another body
    than the authority sends ("" when the authority does), a title's lines with " / "."""
    if field == "sender":
        return authority_name(sender_of(plan)) if sent_by_another(plan) else ""
    value = unicodedata.normalize("NFC", getattr(plan, field) or "")
    return " / ".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
