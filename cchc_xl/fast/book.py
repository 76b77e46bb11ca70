"""A quicker xlsxwriter workbook for the many small workbooks of a split, and for the
consolidated workbook (its styles, its parts made in memory: the last point below).

A split writes one workbook per unit (150 for a province, 2,000 at national size),
each a few dozen rows, so what costs is not the cells but what every workbook
repeats: the shared-strings part written string by string through a regular
expression and an escape each, and the same styles part built from the same
formats again and again. :class:`FastWorkbook` is xlsxwriter's ``Workbook`` with
its packager's share of that shortened:

- shared strings are written in one pass, escaped only when a string holds a
  character that needs it (as :class:`cchc_xl.fast.sheet.FastWorksheet` does for
  cells);
- the styles part is built once per distinct set of formats (everything
  xlsxwriter's ``Styles`` reads, frozen into a key) and its text reused;
- a part stored before with the same bytes (the theme, styles, content types and
  relationships every unit's workbook repeats) is stored with the bytes deflated
  then, not deflated again (:class:`_SameDeflate`);
- a streamed workbook (``constant_memory``, the consolidated workbook) is made in
  memory but for the sheets whose rows went to a temporary file
  (:class:`~cchc_xl.fast.parts.RowsSpool`), not in a named temporary file per part
  (:class:`_DiskPart`).

Its sheets are :class:`~cchc_xl.fast.sheetmemo.MemoWorksheet` (a
:class:`~cchc_xl.fast.sheet.FastWorksheet` writing the elements around the cells once
per distinct settings). It writes the same file,
byte for byte, and leaves anything it does not recognise to xlsxwriter's own code.
Like the worksheet, it leans on xlsxwriter internals, so :func:`workbook_class`
gives it only with the versions it was checked against; ``tests/test_fast_sheet.py``
splits real plans both ways and compares every part of every file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import compress
from operator import is_not

import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.format import Format
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings

from .frozen import Cache, Recent, Unfrozen, freeze, frozen_items
from .sheet import _SPECIAL, CHECKED_VERSIONS, preserves_space
from .sheetmemo import MemoWorksheet

_STYLES = Cache(16)  # styles.xml text by the frozen formats and counts it is built from
_FORMATS = Cache(64)  # a new format's attributes by the properties it is made from

# The zlib level of the workbooks stored in this thread (compression; None: zipfile's).
_COMPRESSLEVEL: ContextVar[int | None] = ContextVar("compresslevel", default=None)

# Format attributes that only help number the formats, never shown in styles.xml
# (the workbook's dict of every format's index).
_INDEX_ONLY = frozenset({"xf_format_indices", "dxf_format_indices"})


class FastSharedStrings(SharedStrings):
    """xlsxwriter's shared-strings part, the plain strings written in one pass."""

    def _write_sst_strings(self) -> None:
        out = []
        fh = self.fh
        for string in self.string_table.string_array:
            if _SPECIAL.search(string):  # control characters, escapes, rich text
                fh.write("".join(out))
                out.clear()
                self._write_si(string)
            elif preserves_space(string):
                out.append(f'<si><t xml:space="preserve">{string}</t></si>')
            else:
                out.append(f"<si><t>{string}</t></si>")
        fh.write("".join(out))


class _DiskPart(str):
    """A part of a workbook packaged in memory that is in a temporary file (this path)
    instead: a streamed sheet whose rows spilled to disk. ``getvalue`` gives the path
    back, and :class:`_LeveledZipFile` stores the file's bytes, streamed, and removes it."""

    def getvalue(self) -> _DiskPart:
        return self


class FastPackager(Packager):
    """xlsxwriter's packager with the shared strings and styles parts quicker, and a
    streamed workbook's sheets in memory or in files as their rows are."""

    def _write_worksheet_files(self) -> None:
        # xlsxwriter 3.3's, but for a streamed sheet whose rows are in a file in a
        # workbook packaged in memory (FastWorkbook._store_workbook): made in a file too.
        index = 1
        for worksheet in self.workbook.worksheets():
            if worksheet.is_chartsheet:
                continue
            if worksheet.constant_memory:
                worksheet._opt_reopen()
                worksheet._write_single_row()
            name = f"xl/worksheets/sheet{index}.xml"
            if self.in_memory and getattr(worksheet.row_data_fh, "spilled", False):
                handle, path = tempfile.mkstemp(dir=self.tmpdir)
                os.close(handle)
                part = _DiskPart(path)
                self.workbook.disk_parts.append(part)  # removed if never stored
                self.filenames.append((part, name, True))
            else:
                part = self._filename(name)
            worksheet._set_xml_writer(part)
            worksheet._assemble_xml_file()
            index += 1

    def _write_shared_strings_file(self) -> None:
        sst = FastSharedStrings()
        sst.string_table = self.workbook.str_table
        if not self.workbook.str_table.count:
            return
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()

    def _write_styles_file(self) -> None:
        if not self.in_memory:
            return super()._write_styles_file()
        wb = self.workbook
        part = wb._format_key if isinstance(wb, FastWorkbook) else _frozen_format
        try:
            key = (tuple([part(f) for f in wb.xf_formats]),
                   tuple([part(f) for f in wb.dxf_formats]),
                   freeze(wb.palette), wb.font_count, freeze(wb.num_formats),
                   wb.border_count, wb.fill_count, freeze(wb.custom_colors),
                   freeze(wb.has_comments))
        except Unfrozen:
            return super()._write_styles_file()
        text = _STYLES.get(key)
        if text is None:
            super()._write_styles_file()
            text = _STYLES.put(key, self.filenames[-1][0].getvalue())
        else:
            self._filename("xl/styles.xml").write(text)
        return None


def _frozen_format(fmt: Format) -> tuple:
    """Everything styles.xml is built from in a format (frozen_items)."""
    return frozen_items(vars(fmt), _INDEX_ONLY)


class FastWorkbook(xlsxwriter.Workbook):
    """xlsxwriter's Workbook with :class:`FastPackager`, quicker worksheets, and the
    same formats on many workbooks made once (:meth:`add_format`)."""

    worksheet_class = MemoWorksheet

    def __init__(self, *args, **kwargs) -> None:
        # Each format add_format made, by id: (what it was made from, the attributes it
        # was given). Set first: xlsxwriter's __init__ adds the default format.
        self.made_formats: dict[int, tuple[object, dict]] = {}
        # The temporary files of the sheets FastPackager made in files (rows spilled):
        # each is removed once stored, and those left when storing failed, after.
        self.disk_parts: list[_DiskPart] = []
        super().__init__(*args, **kwargs)

    def _get_packager(self):
        return FastPackager()

    def _store_workbook(self) -> None:
        # Inside, zipfile's compressors are _SameDeflate: a part stored before (the
        # same bytes) is not deflated again. A streamed workbook is packaged as
        # xlsxwriter packages one in memory, but for the sheets whose rows are in a file
        # (FastPackager): its parts are not each made in a named temporary file, then
        # stored and removed (8-10 ms of a 50-unit consolidated workbook's 100 on this
        # machine's disk). Not where text files end lines otherwise (Windows):
        # xlsxwriter's parts made in files end their lines so, parts in memory do not.
        token = _REUSE.set(True)
        streamed = self.constant_memory and not self.in_memory and os.linesep == "\n"
        if streamed:
            self.in_memory = True
        as_files = _AS_FILES.set(streamed)
        try:
            super()._store_workbook()
        finally:
            _REUSE.reset(token)
            _AS_FILES.reset(as_files)
            if streamed:
                self.in_memory = False
            self._remove_disk_parts()

    def _remove_disk_parts(self) -> None:
        # A failure (a full disk, Ctrl-C) between a spilled sheet's file being made and
        # its being stored (which removes it) left it in the temporary folder: the
        # largest parts of the workbook, again at each merge tried. The sheet being
        # made when it failed still has its file open (closed first: Windows removes no
        # open file).
        parts, self.disk_parts = set(self.disk_parts), []
        if not parts:
            return
        for worksheet in self.worksheets():
            fh = getattr(worksheet, "fh", None)
            if getattr(fh, "name", None) in parts:
                with contextlib.suppress(Exception):
                    fh.close()
        for part in parts:
            with contextlib.suppress(OSError):
                os.remove(part)

    def add_format(self, properties=None):
        # The same properties on many workbooks: the format made once (per process)
        # and its attributes given to each new one, this workbook's index dicts put in
        # (xlsxwriter's Format keeps nothing else of its workbook).
        try:
            key = (freeze(properties), freeze(self.default_format_properties))
        except Unfrozen:
            return super().add_format(properties)
        attributes = _FORMATS.get(key)
        if attributes is None:
            fmt = super().add_format(properties)
            attributes = _FORMATS.put(key, dict(vars(fmt)))
        else:
            fmt = Format.__new__(Format)
            fmt.__dict__.update(attributes)
            fmt.xf_format_indices = self.xf_format_indices
            fmt.dxf_format_indices = self.dxf_format_indices
            self.formats.append(fmt)
        self.made_formats[id(fmt)] = (key, attributes)
        return fmt

    def _format_key(self, fmt: Format) -> tuple:
        """What styles.xml is built from in a format, exactly, more quickly than
        _frozen_format: a format add_format made is what it was made from but for the
        attributes that are no longer the very objects it was given (its indices,
        anything set since)."""
        made = self.made_formats.get(id(fmt))
        attributes = vars(fmt)
        if made is None or tuple(made[1]) != tuple(attributes):
            return _frozen_format(fmt)
        key, given = made
        changed = compress(attributes, map(is_not, attributes.values(), given.values()))
        return key, tuple([(name, freeze(attributes[name])) for name in changed
                           if name not in _INDEX_ONLY])


@contextmanager
def compression(level: int) -> Iterator[None]:
    """Inside, a workbook this thread closes into a file is stored at zlib ``level``
    (1-9) instead of zipfile's default (6): the same parts, compressed otherwise.
    xlsxwriter has no setting for it: its ZipFile is replaced by one that reads the
    level, where this xlsxwriter was checked (elsewhere the default stays). An
    ``in_memory`` workbook keeps the default: xlsxwriter stores each of its parts with
    a ZipInfo of its own, which zipfile gives no level."""
    token = _COMPRESSLEVEL.set(level)
    try:
        yield
    finally:
        _COMPRESSLEVEL.reset(token)


class _LeveledZipFile(zipfile.ZipFile):
    """The ZipFile xlsxwriter stores a workbook in: at :func:`compression`'s level, and
    a :class:`_DiskPart` stored from its file."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._level = _COMPRESSLEVEL.get()
        if self._level is not None:
            self.compresslevel = self._level

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs) -> None:
        if isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            if self._level is not None:
                zinfo_or_arcname._compresslevel = self._level  # zipfile gives it none
            if _AS_FILES.get():  # what xlsxwriter gives a part stored from its file
                zinfo_or_arcname.date_time = _FILE_TIME
                zinfo_or_arcname.external_attr = _FILE_MODE << 16
        if not isinstance(data, _DiskPart):
            return super().writestr(zinfo_or_arcname, data, *args, **kwargs)
        try:  # as ZipFile.write stores a file, under the ZipInfo given
            zinfo_or_arcname.file_size = os.path.getsize(data)
            with open(data, "rb") as source, self.open(zinfo_or_arcname, "w") as target:
                shutil.copyfileobj(source, target, 1 << 20)
        finally:
            os.remove(data)
        return None


class _SameDeflate:
    """A part's deflate compressor that gives the bytes it gave before for the same
    part at the same level, without deflating it again (nor making zlib's compressor,
    some 40 µs each): a split's workbooks repeat the theme, styles, content types and
    relationships parts, 8 of a unit's 18 parts and a quarter of its bytes.

    zipfile calls ``compress`` once per write and ``flush`` at the end. A part written
    in one piece (xlsxwriter's ``writestr``, or a file copied in one chunk) is held
    until ``flush``, then looked up; a part written in more pieces goes to the real
    compressor piece by piece, as zipfile would have given it: the bytes are the same
    either way. A part is kept once it was seen twice, and only a small one
    (``_SAME_LIMIT``), so what is kept stays small whatever a process writes."""

    __slots__ = ("_level", "_real", "_held")

    def __init__(self, level: int | None) -> None:
        self._level = level
        self._real = None  # zlib's compressor, made when a part has to be deflated
        self._held: object = None  # the one piece so far (bytes); _STREAMED once more came

    def _deflate(self):
        if self._real is None:
            self._real = _ZIP_COMPRESSOR(zipfile.ZIP_DEFLATED, self._level)
        return self._real

    def compress(self, data) -> bytes:
        held = self._held
        if held is None and len(data) <= _SAME_LIMIT:
            self._held = bytes(data)
            return b""
        deflate = self._deflate()
        out = b"" if held is None or held is _STREAMED else deflate.compress(held)
        self._held = _STREAMED
        return out + deflate.compress(data)

    def flush(self) -> bytes:
        held = self._held
        if held is None or held is _STREAMED:
            return self._deflate().flush()
        key = (self._level, held)
        known = _DEFLATED.get(key) or _DEFLATED.recall(key)
        if known is not None:
            return known
        deflate = self._deflate()
        out = deflate.compress(held) + deflate.flush()
        seen = hash(key)
        if seen in _SEEN:
            _DEFLATED.put(key, out)
        else:
            _SEEN.put(seen, True)
        return out


def _compressor(compress_type: int, compresslevel: int | None = None):
    """zipfile's compressor for a part, a :class:`_SameDeflate` while a
    :class:`FastWorkbook` is stored."""
    if compress_type == zipfile.ZIP_DEFLATED and _REUSE.get():
        return _SameDeflate(compresslevel)
    return _ZIP_COMPRESSOR(compress_type, compresslevel)


_REUSE: ContextVar[bool] = ContextVar("reuse_deflated", default=False)
# A streamed FastWorkbook's parts, made in memory, stored as xlsxwriter stores them from
# temporary files: the date it gives those files (31 January 1980) and mkstemp's mode,
# so that the file is the same, byte for byte.
_AS_FILES: ContextVar[bool] = ContextVar("stored_as_files", default=False)
_FILE_TIME = (1980, 1, 31, 0, 0, 0)
_FILE_MODE = 0o100600
_STREAMED = object()  # _SameDeflate._held once a part came in more than one piece
_SAME_LIMIT = 1 << 15  # larger parts (most units' sheets) are always deflated
_DEFLATED = Recent(64)  # a part's deflated bytes (never empty) by its level and bytes
_SEEN = Cache(1024)  # the hashes of the parts seen once (kept when seen again)
# zipfile makes each part's compressor with this function (its private name, as in
# Python 3.11); without it every part is deflated (tests/test_fast_sheet.py compares the bytes and
# counts what is deflated).
_ZIP_COMPRESSOR = getattr(zipfile, "_get_compressor", None)


if xlsxwriter.__version__ in CHECKED_VERSIONS:
    xlsxwriter.workbook.ZipFile = _LeveledZipFile  # the same as zipfile's but when set
if _ZIP_COMPRESSOR is not None:
    zipfile._get_compressor = _compressor  # the same as zipfile's but inside FastWorkbook


def release(wb: xlsxwriter.Workbook) -> None:
    """Let a closed workbook be freed as soon as it is dropped. Each xlsxwriter
    worksheet holds its workbook's ``add_format``, a cycle that leaves the whole
    workbook (its sheets, their rows and caches) to the cyclic collector: 107,000
    objects and 78 ms for the consolidated workbook at national size."""
    for ws in wb.worksheets_objs:
        ws.workbook_add_format = None


def workbook_class(fast: bool = True) -> type[xlsxwriter.Workbook]:
    """:class:`FastWorkbook` where it was checked against this xlsxwriter, else (or
    with ``fast`` False) xlsxwriter's own Workbook."""
    if fast and xlsxwriter.__version__ in CHECKED_VERSIONS:
        return FastWorkbook
    return xlsxwriter.Workbook
