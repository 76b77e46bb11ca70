"""The consolidated workbook of a period (merge's OUT.xlsx), rebuilt from the ledger: its
sheets laid out and written (:mod:`.write`, :func:`~.write.write_consolidated`), the rows
of its sheets of files (:mod:`.files`), the lines of its first sheet, "Tổng hợp"
(:mod:`.summary_sheet`), and its link to its ledger, with the office's verdicts typed
into it read back (:mod:`.link`).

Nothing is imported here: the link is read where the writer is not wanted (a returned
file's way in, the report, the web app's uploads), and a package's ``__init__`` runs on
every import of one of its modules. Import the module you need (``from
cchc_xl.consolidated.write import write_consolidated``).
"""
