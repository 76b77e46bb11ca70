"""The web app's own folder in the data folder, and what in it a backup leaves out.

The app keeps its state in :data:`APP_DIR`: what lasts (the record of what the outputs
were made from, what an import found, the bug log) and scratch places. A backup
(:mod:`cchc_xl.backup`) leaves out the scratch places, whose files are the app's for a
moment (an upload being checked, a file made to be downloaded once, a backup being
made), and the key that signs the sessions (a secret: a copy restored makes its own, and
people log in again) with the pages' messages waiting for those sessions (flashes.py).
The notes of the uploads not merged yet (:data:`PENDING_DIR`) are not copied as files
are: the backup copies those to merge itself, each with the files it holds of them, and
leaves out the held ones with their files (:func:`cchc_xl.backup._add_notes`)."""

from __future__ import annotations

from .flashes import FLASHES
from .held import HELD_DIR
from .pending import PENDING_DIR

APP_DIR = ".cchc-web"  # in the data folder
SESSION_KEY = "session-key"
UPLOADS = "tai-len"  # a plan uploaded, until it is checked
IMPORTS = "nhap"  # a plan imported from a document, until it is checked
ONE_DOWNLOAD = "trong"  # a file made to be downloaded once (a blank plan, an appendix)
BACKUPS = "sao-luu"  # the last backup made on the plan page, to be downloaded
BEFORE_RESTORE = "truoc-khoi-phuc"  # the folder backed up before each restore (restored.py)
SWAP_NOTE = "doi-cho.json"  # the data folder being swapped with one restored (swapped.py)

LEFT_OUT = frozenset({SESSION_KEY, UPLOADS, IMPORTS, ONE_DOWNLOAD, BACKUPS, BEFORE_RESTORE,
                      SWAP_NOTE, HELD_DIR, PENDING_DIR, FLASHES})
