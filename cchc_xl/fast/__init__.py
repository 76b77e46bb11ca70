"""The quicker paths (docs/fast-paths.md): the narrow lxml reader of returned workbooks
(:mod:`.reader`), and xlsxwriter's worksheet and workbook with their work per cell,
row and part shortened (:mod:`.sheet`, :mod:`.parts`, :mod:`.book`, :mod:`.sheetmemo`,
:mod:`.rowmemo`), their caches keyed by :mod:`.frozen`. Each keeps the library as its
fallback, gives the library's result (proven by a differential test, byte for byte for
the writers) and is used only with the library versions it was checked against.

Nothing is imported here: import the module you need (``from cchc_xl.fast.reader
import FastWorkbook``).
"""
