"""The office's letters to units, drafted from a period's figures: the reminder letter
(:mod:`.remind`, ``cchc-xl remind``), the letter chasing overdue tasks (:mod:`.overdue`,
``cchc-xl remind --overdue``), both laid out by :func:`~.draft.draft_letter`, the units
their bodies name or count (:mod:`.named`), and their mail-merge
list as a workbook or a CSV (:mod:`.mergelist`). Both
letters are Word drafts in the form of Nghị định 30/2020 (:mod:`cchc_xl.official`) and
take their figures from the report's :class:`~cchc_xl.report.Summary`.

Nothing is imported here: import the module you need (``from cchc_xl.letters.remind
import write_reminders``).
"""
