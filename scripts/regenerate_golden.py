"""Write new golden reference workbooks in tests/golden/, then fail: review the diff.

Runs the golden tests with CCHC_REGENERATE_GOLDEN=1, which makes
tests/support/golden.py write each produced workbook as the new reference. The
command then exits with status 1 and lists what changed, because a golden file is
a reviewed deliverable: look at the changes (``git diff --stat tests/golden``,
open the files, render them) before committing them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

env = dict(os.environ, CCHC_REGENERATE_GOLDEN="1")
status = subprocess.call([sys.executable, "-m", "pytest", "-q", "-k", "golden"], env=env,
                         cwd=ROOT)
if status != 0:
    sys.exit(status)
changed = subprocess.run(["git", "status", "--porcelain", "--", "tests/golden"], cwd=ROOT,
                         capture_output=True, text=True).stdout.strip()
print(changed or "no golden file changed")
sys.exit("review the diff: the golden files above were rewritten; compare them with the "
         "committed ones (git diff --stat tests/golden, open or render them) and commit "
         "only what you checked")
