"""Regenerate the golden reference workbooks in tests/golden/ after a reviewed change.

Runs the golden tests with CCHC_REGENERATE_GOLDEN=1, which makes
tests/golden.py write each produced workbook as the new reference. Review the
changed files (git diff --stat tests/golden; open them) before committing.
"""

from __future__ import annotations

import os
import subprocess
import sys

env = dict(os.environ, CCHC_REGENERATE_GOLDEN="1")
sys.exit(subprocess.call([sys.executable, "-m", "pytest", "-q", "-k", "golden"], env=env))
