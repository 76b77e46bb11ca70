"""Comparing plans as a user would."""

from __future__ import annotations

import re

from cchc_xl.plan_codec import plan_to_dict

_BULLET = re.compile(r"^[-•]\s*")


def meaningful(master) -> list[dict]:
    """What a user checks in ``show --json``: areas, tasks, contents, units, products,
    deadlines and due dates (a product's leading "- " aside: in one cell of bullets
    it is the list's, not the product's)."""
    areas = plan_to_dict(master, assignments=False)["areas"]
    return [{
        "code": a["code"], "title": a["title"].casefold(), "headings": a["headings"],
        "tasks": [{
            "id": t["id"], "number": t["number"], "content": t["content"], "parent": t["parent"],
            "lead": sorted(t["lead"]), "support": sorted(t["support"]),
            "deliverables": [{
                "id": d["id"], "product": _BULLET.sub("", d["product"]),
                "deadline": _BULLET.sub("", d["deadline"]), "due": d["due"],
                "parts": [(p["due"], p["recurrence"]) for p in d["parts"]],
                "funding": d["funding"], "lead": sorted(d["lead"]),
                "support": sorted(d["support"]),
            } for d in t["deliverables"]],
        } for t in a["tasks"]],
    } for a in areas]


def plan_document(path, place: str, title: str, rows: list[tuple], number: str = "",
                  dated: str = ""):
    """A plan as a Word document: its authority ("ỦY BAN NHÂN DÂN" over ``place``), its
    number ("Số: 12/KH-UBND") and date line ("Hạc Thành, ngày 15 tháng 01 năm 2026") when
    given, its title, and one table of ``rows`` (the first the header)."""
    from docx import Document

    doc = Document()
    doc.add_paragraph(f"ỦY BAN NHÂN DÂN\n{place}")
    for line in (f"Số: {number}" if number else "", dated):
        if line:
            doc.add_paragraph(line)
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph(title)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(path)
    return path


def typed_plan(path, init: list[str], leads: list[str], deadline: str = "Quý IV"):
    """A plan table made by ``cchc-xl init`` (``init``: its options) at ``path``, with a
    task for each lead typed by hand in its first area sheet (its lead cell E6, E7…), due
    by ``deadline``: what an office types into the table ``init`` gives it."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from cchc_xl.cli import main

    made = CliRunner().invoke(main, ["init", str(path), *init])
    assert made.exit_code == 0, made.output
    wb = load_workbook(path)
    ws = wb["Lĩnh vực 1"]
    ws["B1"], ws["B2"] = "TC", "Cải cách thể chế"
    for n, lead in enumerate(leads, start=1):
        for column, value in enumerate((f"TC-{n:02d}", n, f"Nhiệm vụ {n}", "Báo cáo", lead,
                                        None, deadline), start=1):
            ws.cell(5 + n, column, value)
    wb.save(path)
    return path
