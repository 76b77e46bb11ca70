"""Every letter cchc-xl drafts, laid out (:func:`draft_letter`): the reminder letter
(:mod:`.remind`) and the letter chasing overdue tasks (:mod:`.overdue`), each from its
template's parts and its annexed tables, in the form of Nghị định 30/2020
(:mod:`cchc_xl.official`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .. import official
from ..issuer import authority_name, issuer_of, running_plan, signer_title
from ..made_from import identifier
from ..model import Unit
from ..overwrite import Letter
from ..report import Summary
from ..report.grid import Grid
from ..sender import plan_of, sender_level, sender_name, sender_of, signature
from ..unit_names import addressee
from ..xlio import vn_date
from ..year_turn import plan_mark


def draft_letter(summary: Summary, letter: Letter, template: str, grids: Sequence[Grid],
                 out: Path, today: date, annex_subtitle: str, units: Sequence[Unit] = (),
                 **context: object) -> Path:
    """A công văn of the office about a period, as every letter cchc-xl drafts is laid
    out (Nghị định 30/2020, :mod:`cchc_xl.official`): the letterhead (the issuer, số/ký
    hiệu, place and date), the subject, "Kính gửi" (a line each: a list's "- " lines
    under it: ``units``, the letter's, each named, when they are few; ``one_addressee``
    the one, "" for several), the body, Nơi nhận
    and the signer, from the parts of ``template`` (``templates/*.docx.j2``); each of
    ``grids`` with rows annexed in order (one table per group), named as
    :func:`.named.annex_names` says. The template is given the plan, period, issuer,
    dates and level, ``annexed`` (any annex), and ``context``. Its category is the
    ``letter``'s mark: no other command writes over it (cchc_xl.overwrite)."""
    plan = running_plan(summary.plan)
    # Who sends it: the plan's authority, or the body the plan sheet names (the Sở Nội
    # vụ for the People's Committee: cchc_xl.sender), its letterhead, number and words.
    sender = authority_name(sender_of(plan))
    issuer = issuer_of(sender)
    level = sender_level(summary.plan, summary.master.units)
    signs, signer = signature(plan)
    number = f"Số:{official.BLANK}/{issuer.symbol}-…"
    annex = official.annex_note("Công văn", f"/{issuer.symbol}-…", today.year, sender)
    # In registry order: the letter's units come in the order of its sections.
    addressees = [addressee(u) for u in summary.master.in_registry_order(units, lambda u: u.code)]
    text = official.parts(
        template, summary=summary, plan=plan, period=summary.period, issuer=issuer,
        period_name=summary.period.in_sentence, annexed=any(g.rows for g in grids),
        due=vn_date(summary.period.due), cutoff=vn_date(summary.period.cutoff),
        today=vn_date(today), level=level, by=sender_name(plan), of_plan=plan_of(plan, level),
        signer_title=signer_title(issuer, signs), signer=signer,
        addressees=addressees, addressees_max=official.ADDRESSEES_MAX,
        # A letter to one unit asks it by name, not "Thủ trưởng các cơ quan, đơn vị".
        one_addressee=addressees[0] if len(addressees) == 1 else "", **context)
    doc = official.new_document()
    official.letterhead(doc, issuer=issuer, number=number, year=today.year,
                        parent=text.get("co-quan-chu-quan", ""), subject=text["trich-yeu"])
    for line in text["kinh-gui"].splitlines():
        if line.strip():
            official.addressee(doc, line.strip())
    official.body(doc, text["noi-dung"])
    official.closing(doc, recipients=text["noi-nhan"], title=text["chuc-vu"],
                     signer=text.get("nguoi-ky", ""))
    annexed = [g for g in grids if g.rows]
    for n, grid in enumerate(annexed, 1):  # numbered as annex_names names them
        official.appendix(doc, n if len(annexed) > 1 else None, annex, grid.title,
                          annex_subtitle)
        official.grid_table(doc, grid, table_per_group=True)
    doc.core_properties.title = text["trich-yeu"]
    doc.core_properties.category = letter.mark  # which letter it is (overwrite.kind_of)
    doc.core_properties.author = sender
    # Whose letter it is: another plan's is not written over (year_turn).
    doc.core_properties.keywords = plan_mark(summary.plan.key, summary.period.code)
    # What its figures were read from (cchc_xl.made_from): the web app tells by it
    # whether the document is out of date.
    doc.core_properties.identifier = identifier(
        summary.snapshot.digest if summary.snapshot else "")
    return official.save(doc, out)
