"""A split's worksheets write their settings once per distinct settings.

Every sheet of a split's workbooks carries the same elements around its cells: the
sheet's properties, dimension and view (frozen panes, selections), protection, merged
titles, print setup, margins, header and footer. xlsxwriter builds each of them from
the worksheet's attributes, element by element, for every sheet: for a split's small
sheets that costs about as much as their cells.

:class:`MemoWorksheet` writes them in groups (:data:`GROUPS`, in xlsxwriter's order)
and keeps each group's XML by exactly what it was built from. Which attributes that
is, is not listed by hand: the first time, the worksheet is watched (its class is
swapped for one that records every attribute read and set) while xlsxwriter's own
methods write the group, and the attributes read, in the order read, with the values
they had, are the key. The methods read the same attributes again only when the
earlier ones had the same values, so a sheet whose attributes have those values gets
the same XML. Attributes the methods change (xlsxwriter rebuilds the selections of
frozen panes as it writes them) are set again, to what they were after the recorded
run. A group that reads anything but plain data (str, int, float, bool, None, and
lists, tuples and dicts of them) is written by xlsxwriter every time.

The values are compared by their ``repr``, which for plain data is exact (1, 1.0,
True and "1" differ, and so do 0.0 and -0.0) and is made at C speed: building a
key costs a small part of writing the elements, which is the point.

The same file comes out, byte for byte: ``tests/test_fast_sheet.py`` writes sheets
with many kinds of settings, each twice, both ways, and splits real plans both ways.
Like the other quicker paths it is only used with the xlsxwriter versions it was
checked against (:func:`cchc_xl.fast.book.workbook_class`).
"""

from __future__ import annotations

from collections import defaultdict
from io import StringIO

from .frozen import Cache
from .sheet import FastWorksheet

# The elements around a sheet's cells in the order xlsxwriter 3.3 writes them, in
# groups; between the groups, what is written every time (the columns and the data
# validations are cached by fast.sheet, the cells are a sheet's own).
HEAD = ("_write_worksheet", "_write_sheet_pr", "_write_dimension", "_write_sheet_views",
        "_write_sheet_format_pr")
PROTECTION = ("_write_sheet_protection", "_write_protected_ranges", "_write_phonetic",
              "_write_auto_filter", "_write_merge_cells", "_write_conditional_formats")
PAGE = ("_write_hyperlinks", "_write_print_options", "_write_page_margins",
        "_write_page_setup")
HEADER_FOOTER = ("_write_header_footer",)  # a unit's name: its own group
REST = ("_write_row_breaks", "_write_col_breaks", "_write_ignored_errors", "_write_drawings",
        "_write_legacy_drawing", "_write_legacy_drawing_hf", "_write_picture",
        "_write_table_parts", "_write_ext_list")
GROUPS = (HEAD, PROTECTION, PAGE, HEADER_FOOTER, REST)

_SINK = "fh"  # where the XML goes: a buffer while a group is recorded


class _Absent:
    """The value of an attribute a group looked for and the sheet does not have."""

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()
_ATOMS = frozenset({str, int, float, bool, type(None)})
_PLAIN = _ATOMS | {list, tuple, dict, defaultdict, _Absent}  # checked at once: see _plain


class _Record:
    """What a group's methods read (a copy of each value as first read) and set."""

    __slots__ = ("reads", "set", "opaque")

    def __init__(self) -> None:
        self.reads: dict[str, object] = {}
        self.set: set[str] = set()
        self.opaque = False  # read something that is not plain data


_RECORDS: dict[int, _Record] = {}  # by id of the sheet being recorded


def _plain(value: object) -> bool:
    """Plain data all the way down: what ``repr`` says all of."""
    cls = value.__class__
    if cls in _ATOMS:
        return True
    if cls is list or cls is tuple:
        return all(map(_plain, value))
    if cls is dict or (cls is defaultdict and value.default_factory in (dict, list)):
        return all(k.__class__ in _ATOMS and _plain(v) for k, v in value.items())
    return value is _ABSENT


def _copy(value: object) -> object:
    """A copy of plain data (quicker than copy.deepcopy)."""
    cls = value.__class__
    if cls is list:
        return list(map(_copy, value))
    if cls is tuple:
        return tuple(map(_copy, value))
    if cls is dict:
        return {k: _copy(v) for k, v in value.items()}
    if cls is defaultdict:
        return defaultdict(value.default_factory, {k: _copy(v) for k, v in value.items()})
    return value  # an atom


def _watching_getattribute(self, name):
    attributes = object.__getattribute__(self, "__dict__")
    record = _RECORDS[id(self)]
    if name in attributes or not hasattr(type(self), name):
        if name not in record.reads and name != _SINK:
            value = attributes.get(name, _ABSENT)
            if _plain(value):
                record.reads[name] = _copy(value)
            else:
                record.opaque = True
    elif name == "__dict__":
        record.opaque = True
    return object.__getattribute__(self, name)


def _watching_setattr(self, name, value) -> None:
    _RECORDS[id(self)].set.add(name)
    object.__setattr__(self, name, value)


def _watching_delattr(self, name) -> None:
    _RECORDS[id(self)].set.add(name)
    object.__delattr__(self, name)


_WATCHING: dict[type, type] = {}


def _watching(cls: type) -> type:
    """``cls`` with every attribute read and set recorded (see :class:`_Record`)."""
    watching = _WATCHING.get(cls)
    if watching is None:
        watching = _WATCHING[cls] = type(f"Watching{cls.__name__}", (cls,), {
            "__getattribute__": _watching_getattribute, "__setattr__": _watching_setattr,
            "__delattr__": _watching_delattr})
    return watching


# The attributes each group was seen to read (and as many _ABSENT, for dict.get), by group.
_NAMES: dict[tuple[str, ...], list[tuple[tuple[str, ...], tuple[_Absent, ...]]]] = {}
_XML = {group: Cache(64) for group in GROUPS}  # (names, repr of values) -> XML, changes


class MemoWorksheet(FastWorksheet):
    """:class:`~cchc_xl.fast.sheet.FastWorksheet` writing its settings' elements from
    :mod:`cchc_xl.fast.sheetmemo`'s record, and its rows from :mod:`cchc_xl.fast.rowmemo`'s when
    given them (same output)."""

    given_rows: str | None = None  # the rows' XML, given instead of cells (rowmemo)
    rows_kept = None  # rowmemo's record of this sheet's rows, to keep their XML in

    def _write_rows(self) -> None:
        if self.given_rows is not None:
            if self.table or self.row_info or self.comments:
                raise RuntimeError(f"sheet {self.name!r}: cells or rows set after its rows "
                                   "were given (rowmemo)")
            self.fh.write(self.given_rows)
        elif self.rows_kept is not None:
            text = self._captured(super()._write_rows)
            self.fh.write(text)
            self.rows_kept.take(self, text)
        else:
            super()._write_rows()

    def _assemble_xml_file(self) -> None:
        # xlsxwriter 3.3's order, each group from the record.
        if self.constant_memory:
            return super()._assemble_xml_file()
        self._xml_declaration()
        self._write_group(HEAD)
        self._write_cols()
        self._write_sheet_data()
        self._write_group(PROTECTION)
        self._write_data_validations()
        self._write_group(PAGE)
        self._write_group(HEADER_FOOTER)
        self._write_group(REST)
        self._xml_end_tag("worksheet")
        self._xml_close()
        return None

    def _write_phonetic(self) -> None:
        if self.excel2003_style:
            self._write_phonetic_pr()

    def _write_group(self, group: tuple[str, ...]) -> None:
        get = self.__dict__.get
        known = _XML[group]
        for names, absent in _NAMES.get(group, ()):
            values = tuple(map(get, names, absent))
            if not _PLAIN.issuperset(map(type, values)):
                for method in group:  # not plain data: xlsxwriter writes it
                    getattr(self, method)()
                return
            written = known.get((names, repr(values)))
            if written is not None:
                text, changed = written
                self.fh.write(text)
                for name, value in changed:
                    setattr(self, name, _copy(value))
                return
        self._record_group(group)

    def _record_group(self, group: tuple[str, ...]) -> None:
        """Write the group with xlsxwriter's methods, watched; keep what they wrote by
        what they read, unless they read or set anything but plain data."""
        sink = self.fh
        self.fh = StringIO()
        record = _RECORDS[id(self)] = _Record()
        cls = self.__class__
        self.__class__ = _watching(cls)
        try:
            for method in group:
                getattr(self, method)()
        finally:
            object.__setattr__(self, "__class__", cls)  # not recorded
            del _RECORDS[id(self)]
            text = self.fh.getvalue()
            self.fh = sink
        sink.write(text)
        if record.opaque or _SINK in record.set:
            return
        attributes = self.__dict__
        changed = []
        for name in sorted(record.set | record.reads.keys()):
            value = attributes.get(name, _ABSENT)
            if name in record.reads and repr(value) == repr(record.reads[name]) and (
                    name not in record.set):
                continue
            if value is _ABSENT or not _plain(value):
                return  # deleted, or not plain data: not kept
            changed.append((name, _copy(value)))
        names = tuple(record.reads)
        known = _NAMES.setdefault(group, [])
        if not any(names == seen for seen, _ in known):
            known.append((names, (_ABSENT,) * len(names)))
        _XML[group].put((names, repr(tuple(record.reads.values()))), (text, tuple(changed)))
