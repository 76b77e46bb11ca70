"""Background jobs: long library calls (split, merge, report) run off the request, one at
a time, and the page polls their progress.

One worker thread runs every job in turn. That serialises everything that writes the
ledger or a period's folders: two uploads at the same moment become two merges, one
after the other, never two writers at once. The pages stay responsive because the
requests only queue work and read progress. The thread is started by the first job
queued and ends once the queue is empty: an app left idle, or dropped without its
shutdown (the tests' clients), keeps no thread running (a thread left running made every
later merge of the process go through a fork server: cchc_xl.pool).
"""

from __future__ import annotations

import threading
import traceback
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import clock
from ..errors import CchcError
from ..text import capitalized
from .wording import all_for_browser, error_for_browser

QUEUED = "queued"
RUNNING = "running"
DONE = "done"
FAILED = "failed"
STATE_LABELS = {QUEUED: "Đang chờ", RUNNING: "Đang chạy", DONE: "Xong", FAILED: "Lỗi"}

_KEEP = 50  # finished jobs remembered for the pages to read back


@dataclass
class Job:
    """One piece of background work and what the page shows of it."""

    id: str
    kind: str
    title: str
    key: str = ""  # what the job is about (a period code): pages show their own jobs
    state: str = QUEUED
    done: int = 0
    total: int = 0
    current: str = ""
    error: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)  # per-item outcomes
    result: dict[str, Any] = field(default_factory=dict)
    # A button drawn with the job's error (late_files.offer: an upload of an earlier
    # period's files, held to be merged into it); the page is drawn again to show it.
    offer: dict[str, Any] = field(default_factory=dict)
    # When it was asked for and when it ended (said on the pages: "Xong · lúc 09:00 ngày
    # 05/01/2027"), on cchc-xl's clock (cchc_xl.clock), the one the pages' day, the
    # ledger's merges and the marks of figures changed since (common.mark_changed) are
    # on: an upload was said made "ngày 06/12/2026", the machine's day, on a page whose
    # day was another, and its results were set aside as changed since by the merge it
    # had itself recorded on the ledger.
    created: datetime = field(default_factory=lambda: clock.now())  # the clock set now
    ended: datetime | None = None
    # When it ended on the file system's clock, weighed against the times of the files
    # it wrote (a report, a plan saved since by another hand).
    finished_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)

    @property
    def succeeded(self) -> bool:
        return self.state == DONE

    def progress(self, done: int, total: int, item: str) -> None:
        """The library's progress callback (done, total, item)."""
        self.done, self.total, self.current = done, total, item

    def as_dict(self, since: int = 0) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "state": self.state,
                "state_label": STATE_LABELS[self.state], "done": self.done,
                "total": self.total, "current": self.current, "error": self.error,
                "events": all_for_browser(self.events[since:]),
                "event_count": len(self.events),
                "result": self.result if self.state == DONE else {},
                "offer": self.offer if self.state == FAILED else {}}


class Unexpected(Exception):
    """A bug met by a job's work, raised from it with what the office must know besides
    (``then``: "the files just uploaded are kept...")."""

    def __init__(self, then: str) -> None:
        super().__init__(then)
        self.then = then


BUG = "lỗi không lường trước trong cchc-xl"
BUG_LOG = "loi.log"  # in the app's own folder: what a bug was, for whoever supports it


class JobRunner:
    """Queue of jobs run by one worker thread."""

    # Why no job may be asked for now ("" when one may): the data folder being replaced
    # by a backup (restored.py); the forms that start one are refused (common.posted),
    # and a job asked for all the same fails at once, saying so.
    closed: str = ""

    def __init__(self, folder: Path | None = None, app_dir: Path | None = None,
                 plan: Path | None = None) -> None:
        self._folder = folder  # the data folder: its files named from there in errors
        self._plan = plan  # its stored plan, named as the plan in use (error_for_browser)
        self._log = app_dir / BUG_LOG if app_dir is not None else None
        # Held while a job runs, and by what must not run beside one (another plan put in
        # place: a merge running would write the first plan's files under the second).
        self._busy = threading.Lock()
        self._queue: deque[Callable[[], None]] = deque()  # under _lock
        self._worker: threading.Thread | None = None  # running the queue, under _lock
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self.closed = ""

    def submit(self, kind: str, title: str, work: Callable[[Job], dict[str, Any] | None], *,
               key: str = "", closing: str = "") -> Job:
        """Queue ``work(job)``; what it returns becomes the job's result. A CchcError is
        shown as the job's Vietnamese error; anything else is a bug, shown as such.
        ``closing``: no other job may be asked for until ``work`` sets :attr:`closed`
        back (why, said to them)."""
        job = Job(uuid.uuid4().hex, kind, title, key)
        with self._lock:
            closed = self.closed
            if not closed and closing:
                self.closed = closing
            self._jobs[job.id] = job
            finished = [j for j in self._jobs.values() if j.state in (DONE, FAILED)]
            for old in finished[:-_KEEP]:
                del self._jobs[old.id]
        if closed:
            job.error = capitalized(closed)
            _ended(job, FAILED)
            return job

        def run() -> None:
            with self._busy:
                run_now()

        def run_now() -> None:
            job.state = RUNNING
            try:
                # Said the browser's way (wording): the library's words name commands.
                job.result = all_for_browser(work(job) or {})
                _ended(job, DONE)
            except CchcError as exc:
                # Said alone in the page's box: a sentence, its first letter a capital.
                job.error = capitalized(error_for_browser(exc, self._folder, self._plan))
                _ended(job, FAILED)
            except Exception as exc:  # noqa: BLE001 - a bug must still end the job visibly
                job.error = f"{capitalized(BUG)} ({self._bug_told(job)})." + (
                    f" {exc.then}" if isinstance(exc, Unexpected) else "")
                _ended(job, FAILED)

        with self._lock:
            self._queue.append(run)
            if self._worker is None:
                # Not a daemon: a process ending (the app stopped) finishes the queue,
                # never leaves a merge half-written.
                self._worker = threading.Thread(target=self._work, name="cchc-job",
                                                daemon=False)
                self._worker.start()
        return job

    def _work(self) -> None:
        """The worker thread: the queued jobs in turn, until none is left."""
        while True:
            with self._lock:
                if not self._queue:
                    self._worker = None
                    return
                run = self._queue.popleft()
            try:
                run()  # ends the job however its work ends (run_now)
            except BaseException:  # noqa: BLE001 - the queue goes on (a SystemExit in a job)
                traceback.print_exc()

    def _bug_told(self, job: Job) -> str:
        return self.bug_told(job.title)

    def bug_told(self, what: str) -> str:
        """Where the bug being handled (met by ``what``: a job's title, a page's address)
        is written down: the console always, and the app's log file, which the office
        can send to whoever supports it (a specialist who never saw a console was told
        to look there)."""
        traceback.print_exc()
        if self._log is not None:
            try:
                with self._log.open("a", encoding="utf-8") as log:
                    log.write(f"--- {datetime.now():%Y-%m-%d %H:%M:%S} {what}\n"
                              + traceback.format_exc())
            except OSError:
                pass
            else:
                return (f"chi tiết được ghi vào tệp {self._log.parent.name}/{self._log.name} "
                        "trong thư mục làm việc, gửi tệp này cho người hỗ trợ")
        return "chi tiết ở cửa sổ dòng lệnh"

    def exclusive(self):
        """A context in which no job runs: entered once the running one has ended (the
        queued ones wait until it is left)."""
        return self._busy

    def forget_finished(self) -> None:
        """Drop the finished jobs (another plan in place: their results are another
        plan's); a running or queued one stays."""
        with self._lock:
            for job in [j for j in self._jobs.values() if j.state in (DONE, FAILED)]:
                del self._jobs[job.id]

    def unfinished(self) -> list[Job]:
        """The jobs running or waiting to run."""
        with self._lock:
            return [j for j in self._jobs.values() if not j.finished]

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def latest(self, kind: str, key: str = "") -> Job | None:
        recent = self.recent(kind, key, 1)
        return recent[0] if recent else None

    def recent(self, kind: str, key: str = "", count: int = 5) -> list[Job]:
        """The last ``count`` jobs of this kind and key still kept, newest first."""
        with self._lock:
            jobs = [j for j in self._jobs.values() if j.kind == kind and j.key == key]
        return jobs[::-1][:count]

    def shutdown(self) -> None:
        """Wait for the queued jobs to end (the app stopping: Ctrl+C)."""
        while True:
            with self._lock:
                worker = self._worker
            if worker is None:
                return
            worker.join()


def _ended(job: Job, state: str) -> None:
    """The job ended in ``state``, its moment on both clocks (:class:`Job`), set before
    its state: a page that sees it finished finds both."""
    job.ended, job.finished_at = clock.now(), datetime.now()
    if state == DONE:
        # Its work all done: its bar full, whatever the work counted (an upload of the
        # office's verdicts alone counted no file, and its finished box showed an empty
        # bar where a unit's upload showed a full one).
        job.total = max(job.total, job.done, 1)
        job.done = job.total
    job.state = state
