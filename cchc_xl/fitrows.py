"""Rows whose height follows what is typed in them.

xlsxwriter writes every row given a height as ``<row ... ht="X" customHeight="1">``:
a height set by hand, which neither Excel nor LibreOffice Calc ever fits again to the
row's cells. A unit's task rows get a height worked out from the plan's texts
(styles.fitted_height), and the unit then types its evidence and notes in them, often
on several lines (Alt+Enter): with customHeight the row kept its height and cut the
note off, on screen and on the printed page the unit signs.

A row with ``ht`` and without customHeight opens at the same height (neither program
measures it again on opening), but counts as fitted to its cells: Excel fits it again
when one of its cells is edited, and LibreOffice marks it "optimal height" and does the
same (docs/unit-file.md). :class:`FittedRows` writes the rows listed in
``fitted_rows`` that way, on any xlsxwriter worksheet; :class:`FittedWorksheet` is
xlsxwriter's own Worksheet with it (the split's quicker worksheet,
:class:`~cchc_xl.fast.sheet.FastWorksheet`, has it too and writes the same bytes).
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

CUSTOM_HEIGHT = "customHeight"


class FittedRows:
    """A worksheet mixin: the rows in ``fitted_rows`` (0-based numbers) are written
    with their height but not marked as a height set by hand."""

    fitted_rows: frozenset[int] = frozenset()
    _fitting = False  # a fitted row's tag is being written

    def _write_row(self, row, spans, row_info=None, empty_row=False):
        if row not in self.fitted_rows:
            return super()._write_row(row, spans, row_info, empty_row)
        self._fitting = True
        try:
            return super()._write_row(row, spans, row_info, empty_row)
        finally:
            self._fitting = False

    def _xml_start_tag_unencoded(self, tag, attributes=None):
        if self._fitting:
            attributes = [a for a in attributes if a[0] != CUSTOM_HEIGHT]
        return super()._xml_start_tag_unencoded(tag, attributes)

    def _xml_empty_tag_unencoded(self, tag, attributes=None):
        if self._fitting:
            attributes = [a for a in attributes if a[0] != CUSTOM_HEIGHT]
        return super()._xml_empty_tag_unencoded(tag, attributes)


class FittedWorksheet(FittedRows, Worksheet):
    """xlsxwriter's Worksheet with :class:`FittedRows`."""
