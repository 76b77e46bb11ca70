"""Helpers the tests share: paths of the seed plans, golden-file comparison, LibreOffice,
finding codes.

Importable as ``support`` because pytest puts ``tests/`` on the path
(``pythonpath`` in pyproject.toml).
"""
