"""The period's report as a Word draft (``cchc-xl report ... --docx``).

A "Báo cáo kết quả thực hiện kế hoạch cải cách hành chính [kỳ]" in the form of
Nghị định 30/2020 (:mod:`cchc_xl.official`), written from the report's
:class:`~.summary.Summary` (no figure of its own): the body says in sentences what
the tables count (a section per reform area naming late and overdue tasks and their
lead units), digests the units' notes into difficulties and proposals, and appends
the summary tables (the same :class:`~.grid.Grid` objects as the workbook and the
page, a task named by its number in the plan, not by the tool's code) as landscape
appendices "Kèm theo Báo cáo số …". Wording lives in
``templates/bao-cao.docx.j2``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import official
from ..answer import Answer
from ..assignment import input_digest, issued_inputs, roles_of, rows_by_unit
from ..carried import carries, every_units_previous_reports
from ..issuer import (
    PROVINCE,
    BodyWords,
    authority_name,
    body_names,
    issuer_of,
    running_plan,
    signer_title,
)
from ..made_from import identifier
from ..model import Master
from ..sender import committee_name, plan_of, sender_level, sender_name, sender_of, signature
from ..snapshot import LedgerSnapshot
from ..submission import Submission
from ..text import LIST_MARKS, capitalized, first_line_cut
from ..unit_names import commune_kinds
from ..vocab import (
    DONE,
    FAIL,
    LATE,
    NOT_STARTED,
    PEOPLES_COMMITTEE_RE,
    RETURN_LATE,
    WITHIN,
)
from ..xlio import vn_date
from .names import name_units
from .ranking import own_leading
from .said import NO_TASK_COUNTED, carried_out_part, silent_part
from .summary import AreaStat, Summary, TaskResult, is_overdue
from .tables import PENDING_KEY, UNIT_KEY, UNVERIFIED_KEY, early_words, summary_grids

TEMPLATE = "bao-cao.docx.j2"

# How a unit's note is read for the digest: a proposal, from a clause that begins with
# "đề nghị", "đề xuất" or "kiến nghị" (the note's start, after a line break or
# punctuation, or capitalised: "Thiếu cán bộ, đề nghị hỗ trợ tập huấn"; not "theo đề
# nghị của ...", which says who asked, nor "đã đề nghị nhưng chưa được cấp", a
# difficulty told whole), or a difficulty (_proposal_at).
_PROPOSAL = re.compile(r"\b(đề nghị|đề xuất|kiến nghị)\b", re.IGNORECASE)
_CLAUSE_END = ".;,:!?()-–—\n"
_STATEMENT_END = (".", ";", "!", "?")  # a line so ended ends its statement
_DIFFICULTY = re.compile(r"\b(khó khăn|khó|vướng|chưa|thiếu|chờ|chậm|không|còn|tồn đọng|"
                         r"hạn chế|bất cập|sai lệch|quá tải)\b", re.IGNORECASE)
# A note saying only that the work is not due yet, or that nothing arose ("Chưa đến hạn",
# "Chưa đến kỳ báo cáo", "Chưa phát sinh hồ sơ"): no difficulty, though it says "chưa" (a
# QA pass: a Word report's "Khó khăn" quoted a coordinating row's "Chưa đến hạn"; another,
# a first quarter's quoted "Chưa đến kỳ báo cáo" on a task reported "6 tháng, năm").
_NOTHING_WRONG = re.compile(r"(chưa|không)\s+((đến|tới)\s+((thời\s+)?hạn|kỳ)|phát\s+sinh)\b",
                            re.IGNORECASE)
_CONTENT_MAX = 160  # characters of a task's content quoted in a sentence


@dataclass
class TaskLine:
    """A task named in a sentence: its id, its content (shortened) and units."""

    id: str
    content: str
    units: str  # the leads named: those that did not finish it, of a task not done
    silent: bool = False  # no lead reported on it
    unreported: str = ""  # of a task some leads reported on, those that did not
    refused: str = ""  # of a task not done, the leads whose answer the office judged Chưa đạt
    not_due: bool = False  # not yet due at the cut-off ("Trong hạn")
    some_late: bool = False  # done late: some of its leads named, those late


@dataclass
class AreaFacts:
    number: int
    title: str
    stat: AreaStat  # the summary's figures (tasks, done, done_on_time, ... overdue)
    late: list[TaskLine] = field(default_factory=list)  # done after the deadline
    overdue: list[TaskLine] = field(default_factory=list)  # unfinished, past the deadline
    waiting: list[TaskLine] = field(default_factory=list)  # reported not started
    silent: list[TaskLine] = field(default_factory=list)  # nobody reported: not started
    carried_out: int = 0  # done tasks of recurring work carried out in the period


@dataclass
class DigestItem:
    """One difficulty or proposal, the units that gave it and the tasks it was given on."""

    text: str
    names: str  # the units, as a sentence names them
    task_ids: list[str]
    codes: frozenset[str]  # the units
    # The tasks as a reader knows them, in the plan's order: their content, shortened
    # (first_line_cut). Not their ids: "TC-03" is the tool's, printed nowhere in the signed
    # report nor in the plan (a QA pass).
    task_names: list[str] = field(default_factory=list)

    @property
    def units(self) -> int:
        return len(self.codes)

    @property
    def tasks(self) -> int:
        return len(self.task_ids)

    @property
    def where(self) -> str:
        """"nhiệm vụ “Rà soát văn bản”; 2 đơn vị: Xã A; Xã B" (a few tasks named, more
        counted)."""
        if len(self.task_names) == 1:
            tasks = f"nhiệm vụ “{self.task_names[0]}”"
        elif self.task_names and len(self.task_names) <= _TASKS_NAMED:
            tasks = "các nhiệm vụ " + ", ".join(f"“{n}”" for n in self.task_names)
        else:
            tasks = f"{self.tasks} nhiệm vụ"
        return f"{tasks}; {self.units} đơn vị: {self.names}"


@dataclass
class DigestRest:
    """The difficulties or proposals past those a report lists: how many, of how many
    units."""

    items: int
    units: int


# A report lists this many difficulties (and as many proposals), those most units gave
# first; the rest are counted. 124 communes wording their notes each their own way made
# section III of a province's report 44 bullets, 4 pages, of one commune each.
DIGEST_LISTED = 10
_TASKS_NAMED = 3  # tasks of a difficulty named; more are counted


# A sentence names at most this many communes one by one; more are counted. The report
# goes to bodies that do not have the office's consolidated workbook: it never sends its
# reader there.
CROWD = 20


def _line(master: Master, t: TaskResult, behind: bool) -> TaskLine:
    # A task done late names the leads that finished after their deadline, not those on
    # time beside them (a figures audit); all its leads when none stands out.
    leads = [r for p in t.products for r in p.leads]
    late = [] if behind else [r for r in leads if r.timeliness == LATE]
    reports = t.leads_not_done() if behind else (late or leads)
    if behind and t.timeliness == LATE:
        # An overdue task names the leads behind on what is overdue, not those behind on
        # its products not due yet (a QA pass: a province's 105 communes, their product
        # due in October, named under "Quá hạn" in September beside the Sở whose was).
        overdue = {r.unit for r in leads if is_overdue(r)}
        reports = [r for r in reports if r.unit in overdue] or reports
    # Of a task some leads reported on, those that sent nothing are said apart from
    # those that reported it unfinished (both were "chưa hoàn thành").
    unreported = [r.unit for r in reports if not r.reported] if behind and t.reported else []
    # Those the office judged Chưa đạt are said so: a unit that reported the task done
    # reads "chưa hoàn thành: <its name>" in the signed report as the office's word
    # against its own, with no word of whose (a QA pass of a province's quarter).
    refused = [r.unit for r in reports if r.reported and r.unit not in unreported
               and _judged_not_passed(t, r.unit)] if behind else []
    silent = {*unreported, *refused}
    named = [r.unit for r in reports if r.unit not in silent]
    # Each list said once: communes one leaves out are not named there when they are
    # the other's ("144 xã; chưa có báo cáo: 6 xã (A, …)", not "144 xã (trừ A, …)" too).
    return TaskLine(t.id, first_line_cut(t.content, _CONTENT_MAX),
                    name_units(master, named, crowd=CROWD, apart=unreported),
                    silent=not t.reported,
                    unreported=name_units(master, unreported, crowd=CROWD, apart=named),
                    refused=name_units(master, refused, crowd=CROWD, apart=named),
                    not_due=t.timeliness == WITHIN,
                    some_late=0 < len({r.unit for r in late}) < len({r.unit for r in leads}))


def _judged_not_passed(t: TaskResult, unit: str) -> bool:
    """Whether the office judged Chưa đạt a row of ``unit`` on ``t`` not counted done."""
    return any(r.unit == unit and r.counted_status != DONE and r.verdict == FAIL
               and r.assessment for p in t.products for r in p.leads)


def area_facts(summary: Summary) -> list[AreaFacts]:
    """Each area's figures with the tasks a reader must see named."""
    out = []
    for n, stat in enumerate((a for a in summary.areas if a.assigned), 1):
        tasks = [t for t in summary.tasks if t.area == stat.code]
        not_started = [t for t in tasks if t.status == NOT_STARTED and t.timeliness != LATE]
        out.append(AreaFacts(
            number=n, title=stat.title, stat=stat,
            late=[_line(summary.master, t, False) for t in tasks
                  if t.status == DONE and t.timeliness == LATE],
            overdue=[_line(summary.master, t, True) for t in tasks
                     if t.status != DONE and t.timeliness == LATE],
            waiting=[_line(summary.master, t, True) for t in not_started if t.reported],
            silent=[_line(summary.master, t, True) for t in not_started if not t.reported],
            carried_out=sum(t.carried_out for t in tasks)))
    return out


def _difficulty(text: str) -> bool:
    """Whether a note's first part tells a difficulty: words of one, past a start saying
    only that the work is not due or nothing arose (:data:`_NOTHING_WRONG`)."""
    quiet = _NOTHING_WRONG.match(text)
    return bool(_DIFFICULTY.search(text[quiet.end():] if quiet else text))


def _sentence(text: str) -> str:
    return capitalized(text.strip(" ,;."))


# --- the notes units wrote for the period ----------------------------------------------
#
# split --ledger fills each unit's workbook in with what the unit last reported on each
# product with a single due date (carried.carries), its note included, so that the unit
# only updates it. A note sent back as it was given is not one the unit wrote for this
# period: last period's "chờ hướng dẫn của tỉnh" would come back, period after period, as
# a difficulty. Nor is the note of an answer an earlier period counted now (carried.py):
# that is the earlier period's. What a file was given is worked out again from the
# ledger, as split works it out, and trusted only when it is what the file's identity
# recorded at issue (the digest of its input cells as issued, "inputs"): first as the
# ledger holds it now, else as it stood when the file was issued (a correction of an
# earlier period merged since); a file issued blank (split without --ledger) was given
# no note; a file whose gift cannot be told has every note read (docs/counting.md).


def given_answers(snapshot: LedgerSnapshot, merged_by: str | None = None
                  ) -> dict[tuple[str, str], Answer]:
    """(unit, product) -> the answer ``split --ledger`` gives the unit for the period:
    its last before the period's cut-off, in its role there, on a product with a single
    due date (:func:`cchc_xl.carried.previous_reports`, what split fills in);
    ``merged_by``: as the ledger stood at that time."""
    dated = {d.id for d in snapshot.master.deliverables() if carries(d)}
    roles = roles_of(r for rows in rows_by_unit(snapshot.master).values() for r in rows)
    return {key: a for key, a in every_units_previous_reports(
        snapshot.db_path, snapshot.plan_key, before=snapshot.period.cutoff,
        merged_by=merged_by, roles=roles).items() if key[1] in dated}


def _as_issued(sub: Submission, given: dict[tuple[str, str], Answer]) -> bool:
    """Whether ``given`` is what split gave ``sub``'s file: the digest of its input cells
    issued with it is the one its identity recorded."""
    rows = [r for r in sub.identity.get("rows", "").split(",") if r]
    digest = sub.identity.get("inputs", "")
    return bool(rows and digest) and digest == input_digest(
        (did, issued_inputs(given.get((sub.unit or "", did)))) for did in rows)


def written_notes(summary: Summary) -> dict[tuple[str, str], str]:
    """(unit, product) -> the note the unit wrote on that row for this period; rows with
    none (no note, no row sent this period, or the note given by ``split --ledger``
    sent back unchanged, spaces aside) are left out."""
    snapshot = summary.snapshot
    if snapshot is None:  # not made by summarize: every note on the answers counted
        return {(r.unit, p.id): r.note for t in summary.tasks for p in t.products
                for r in p.leads + p.supports if r.note and not r.carried_from}
    sent = [r for r in snapshot.rows if r.note]
    with_notes = {r.submission_id for r in sent}
    files = {s.id: s for s in snapshot.submissions if s.id in with_notes}
    now = given_answers(snapshot) if files else {}
    gift: dict[int, dict[tuple[str, str], Answer]] = {}  # what each file was given
    then: dict[str, dict[tuple[str, str], Answer]] = {}  # by time of issue: one split's
    for sid, sub in files.items():
        issued_at = sub.identity.get("issued_at", "")
        for given in ({}, now, None):  # issued blank, as the ledger is, as it was
            if given is None and issued_at:
                if issued_at not in then:
                    then[issued_at] = given_answers(snapshot, merged_by=issued_at)
                given = then[issued_at]
            if given is not None and _as_issued(sub, given):
                gift[sid] = given
                break

    def given_note(r) -> str:
        answer = gift.get(r.submission_id, {}).get((r.unit, r.deliverable))
        return " ".join(answer.note.split()) if answer is not None else ""

    return {(r.unit, r.deliverable): r.note for r in sent
            if " ".join(r.note.split()) != given_note(r)}


def _statements(note: str) -> list[str]:
    """A note's statements: its lines, a line ended by a full stop (or ";", "!", "?")
    or followed by one that begins a sentence (a capital, a bullet) standing alone; a
    line that runs on into the next, the same statement ("Thiếu cán bộ do" over "mới
    sắp xếp"). A province's QA pass: "Thiếu máy quét, đề nghị hỗ trợ kinh phí số hóa."
    over "Đã số hóa được khoảng 60% hồ sơ tồn." put the progress in the proposal."""
    out: list[str] = []
    for line in (part.strip() for part in note.splitlines()):
        if not line:
            continue
        if out and not out[-1].endswith(_STATEMENT_END) and not (
                line[0].isupper() or line[0] in LIST_MARKS):
            out[-1] += " " + line
        else:
            out.append(line.lstrip(LIST_MARKS + " \t"))
    return [s for s in out if s]


def _proposal_at(note: str) -> int:
    """Where a note's proposal begins (its length when it has none): the first
    "đề nghị", "đề xuất" or "kiến nghị" that begins a clause (_PROPOSAL)."""
    for m in _PROPOSAL.finditer(note):
        before = note[:m.start()].rstrip(" \t")
        if not before or before[-1] in _CLAUSE_END or note[m.start()].isupper():
            return m.start()
    return len(note)


def digest(summary: Summary) -> tuple[list[DigestItem], list[DigestItem]]:
    """The units' notes read as (difficulties, proposals), grouped by wording.

    A note "Thiếu cán bộ chuyên môn, đề nghị hỗ trợ tập huấn" gives a difficulty
    ("Thiếu cán bộ chuyên môn") and a proposal ("Đề nghị hỗ trợ tập huấn"); a note
    that reports progress only ("Đã cử cán bộ tham gia") is in neither. Only notes the
    units wrote for the period are read (:func:`written_notes`): not one
    ``split --ledger`` gave a unit and it sent back unchanged.
    """
    found: dict[str, dict[str, tuple[str, set[str], set[str]]]] = {"d": {}, "p": {}}
    written = written_notes(summary)
    for t in summary.tasks:
        for p in t.products:
            for r in p.leads + p.supports:
                note = written.get((r.unit, p.id), "").strip()
                if not note:
                    continue
                for statement in _statements(note):
                    at = _proposal_at(statement)
                    pieces = {"d": statement[:at], "p": statement[at:]}
                    for kind, piece in pieces.items():
                        text = _sentence(" ".join(piece.split()))
                        if not text or (kind == "d" and not _difficulty(text)):
                            continue
                        entry = found[kind].setdefault(text.casefold(), (text, set(), set()))
                        entry[1].add(r.unit)
                        entry[2].add(t.id)

    order = {t.id: n for n, t in enumerate(summary.tasks)}
    content = {t.id: first_line_cut(t.content) for t in summary.tasks}

    def items(kind: str) -> list[DigestItem]:
        out = []
        for text, units, tasks in found[kind].values():
            ids = sorted(tasks, key=lambda i: order.get(i, 0))
            out.append(DigestItem(text, name_units(summary.master, list(units), crowd=CROWD),
                                  ids, frozenset(units), [content[i] for i in ids]))
        return sorted(out, key=lambda i: (-i.units, i.text))

    return items("d"), items("p")


# A proposal's first words, before whom it asks: "Đề nghị", "Kiến nghị với", "Đề xuất:".
_ASKING = r"^(?:đề\s+nghị|kiến\s+nghị|đề\s+xuất)\s*:?\s+(?:với\s+)?"
_ASKING_RE = re.compile(_ASKING, re.IGNORECASE)
# Between two bodies a proposal asks at once: "UBND xã và Sở Nội vụ", "Sở Nội vụ, UBND xã".
_JOINED = r"\s*(?:,|;|&|\bvà\b|\bcùng\b|\bhoặc\b)\s*"
_JOINED_RE = re.compile(_JOINED, re.IGNORECASE)
# A body above named in lower case, as no name is: "cấp trên", "cơ quan cấp trên", "cấp
# có thẩm quyền", "các cơ quan có thẩm quyền", "các cấp" ("Đề nghị UBND xã và cấp trên
# quan tâm" asks both; a name joined after the issuer is otherwise in capitals, lower
# case being what it is asked to do: "Đề nghị UBND xã và tạo điều kiện").
_ABOVE_RE = re.compile(r"(?:(?:(?:các\s+)?cơ\s+quan\s+)?cấp\s+(?:trên|có\s+thẩm\s+quyền)"
                       r"|(?:các\s+)?cơ\s+quan\s+có\s+thẩm\s+quyền"
                       r"|các\s+cấp(?:\s+có\s+thẩm\s+quyền)?)(?!\w)", re.IGNORECASE)
# What the body asked first is asked to do may come before the second ("Đề nghị Sở Tư
# pháp hướng dẫn và UBND xã bố trí …"): a few words, not "cho", "của", "tại", "với"
# ("Đề nghị Sở Nội vụ tập huấn cho cán bộ và UBND xã" asks the Sở alone).
_BEFORE_SECOND = r"(?:(?!\b(?:cho|của|tại|với)\b)[^,;.:!?()])+?"


def _council(kind: str) -> str:
    """The People's Council of the level ``kind``: asked with its committee, it is no
    other body ("Đề nghị HĐND, UBND xã", "… UBND xã và HĐND xã …")."""
    return (rf"(?:hđnd|hội\s+đồng\s+nhân\s+dân)(?:\s+{re.escape(kind)}\b)?" if kind
            else r"(?:hđnd|hội\s+đồng\s+nhân\s+dân)\b")


def _asks(whom: re.Pattern[str], after_ok, ours: re.Pattern[str]):
    """What a proposal asks, as a function of its text: (whether it asks the report's
    issuer, whether it asks another body). ``whom`` matches the issuer's names as asked
    (at a proposal's first words or after another body joined to it: "Đề nghị Sở Nội vụ,
    UBND xã …"); ``after_ok`` tells from the text after such a match whether it is the
    issuer's name (not "Sở" of "Sở Nội vụ"); ``ours`` matches a body that is no body
    above (the issuer's council, one of the plan's units). A proposal asking the issuer
    and a body above asks both (a QA pass: "Đề nghị UBND xã, UBND tỉnh quan tâm" was
    listed as asking the commune only, "Đề nghị UBND tỉnh và UBND xã …" as asking the
    province only, each by the first body it names), the body above also when named
    in lower case ("Đề nghị UBND xã và cấp trên …": :data:`_ABOVE_RE`)."""

    def issuer_at(rest: str) -> int | None:
        m = whom.match(rest)
        return m.end() if m is not None and after_ok(rest[m.end():]) else None

    def asks(text: str) -> tuple[bool, bool]:
        m = _ASKING_RE.match(text)
        if m is None:
            return False, True
        rest = text[m.end():]
        end = issuer_at(rest)
        if end is not None:  # the issuer first: and a body above joined to it?
            after = rest[end:]
            j = _JOINED_RE.match(after)
            other = after[j.end():] if j else ""
            named = other[:1].isupper() or _ABOVE_RE.match(other) is not None
            return True, named and ours.match(other) is None and issuer_at(other) is None
        if ours.match(rest) is not None and not rest[:1].isupper():
            return False, True
        for j in re.finditer(rf"^{_BEFORE_SECOND}{_JOINED}", rest, re.IGNORECASE):
            if issuer_at(rest[j.end():]) is not None:  # the issuer second
                return True, ours.match(rest) is None
        return False, True

    return asks


def _ours(names: list[str], kind: str = "") -> re.Pattern[str]:
    """A body a proposal may name that is no body above the report's issuer: its
    council (of ``kind``), one of ``names`` (the plan's units)."""
    spelled = [r"\s+".join(re.escape(w) for w in n.split()) for n in names if n.strip()]
    return re.compile(rf"(?:{'|'.join([_council(kind), *spelled])})(?!\w)", re.IGNORECASE)


def addressed_to(items: list[DigestItem], kind: str, units: list[str] | None = None
                 ) -> tuple[list[DigestItem], list[DigestItem]]:
    """``items`` apart: those not addressed to the People's Committee of ``kind`` ("xã",
    "tỉnh": the one that issues the report), then those that are ("Đề nghị UBND xã bổ
    sung dự toán"): the report is that committee's, to the level above, so what its own
    offices ask of it is not its proposal (a QA pass: a commune's chairman signed a
    proposal to himself). One asking it and a body above ("Đề nghị UBND xã và Sở Nội
    vụ …") is in both lists; one asking it and one of ``units`` (the plan's units'
    names) only in the second."""
    return _apart(items, _asks(_committee(kind), lambda after: True,
                               _ours(units or [], kind)))


def _committee(kind: str) -> re.Pattern[str]:
    """The People's Committee of ``kind`` as a proposal's first words ask it ("Đề nghị
    UBND xã …", "Kiến nghị Chủ tịch UBND xã …"), not one it names further on ("…
    hướng dẫn UBND huyện")."""
    return re.compile(r"(?:(?:lãnh\s+đạo|"
                      r"(?:phó\s+)?chủ\s+tịch|thường\s+trực)\s+)?(?:(?:hđnd|hội\s+đồng\s+nhân"
                      rf"\s+dân)\s*(?:,|và|&|-)\s*)?{PEOPLES_COMMITTEE_RE}\s+"
                      rf"{re.escape(kind)}\b", re.IGNORECASE)


# A body a province's committee directs, as its units' notes ask it: a sở, by its name,
# its leaders' or its symbol ("Sở Tài chính", "Giám đốc Sở Nội vụ", "SNV"; a bare "Sở" is
# one of the province's too), a commune's committee ("UBND xã Hoằng Hóa", "UBND các xã").
_PROVINCE_SỞ_RE = re.compile(r"(?:(?:ban\s+)?(?:phó\s+)?giám\s+đốc\s+|lãnh\s+đạo\s+)?sở(?!\w)"
                             rf"|{PEOPLES_COMMITTEE_RE}\s+(?:các\s+)?(?:xã|phường|đặc\s+khu)(?!\w)",
                             re.IGNORECASE)
_SỞ_SYMBOL_RE = re.compile(r"S[A-ZĐ]{1,7}(?!\w)")


def asked_below(items: list[DigestItem], kind: str, units: list[str], province: bool
                ) -> tuple[list[DigestItem], list[DigestItem]]:
    """``items`` (a People's Committee's proposals upward, :func:`addressed_to`) apart:
    those still asked upward, then those asking first a body under the committee: one of
    ``units`` (the plan's) or, in a ``province``'s report, a sở or a commune's committee
    (a QA pass: the province's report proposed "Đề nghị Sở Nội vụ hỗ trợ tập huấn" to
    the ministry, a sở's request to the department drafting the report). One asking
    such a body and a body above ("Đề nghị Sở Tài chính và Bộ Tài chính …") is in both."""
    spelled = [r"\s+".join(re.escape(w) for w in n.split()) for n in units if n.strip()]
    named = re.compile(rf"(?:{'|'.join(spelled)})(?!\w)", re.IGNORECASE) if spelled else None
    committee = _committee(kind)

    def under(rest: str) -> bool:
        return bool((named is not None and named.match(rest))
                    or committee.match(rest)  # the committee joined: no body above
                    or (province and (_PROVINCE_SỞ_RE.match(rest) or _SỞ_SYMBOL_RE.match(rest))))

    def asks(text: str) -> tuple[bool, bool]:
        m = _ASKING_RE.match(text)
        rest = text[m.end():] if m else ""
        if not rest or not under(rest) or committee.match(rest):
            return False, True
        for j in re.finditer(rf"^{_BEFORE_SECOND}{_JOINED}", rest, re.IGNORECASE):
            other = rest[j.end():]
            if (other[:1].isupper() and not under(other)) or _ABOVE_RE.match(other):
                return True, True
        return True, False

    return _apart(items, asks)


def addressed_to_body(items: list[DigestItem], words: BodyWords, authority: str,
                      own: bool = True, units: list[str] | None = None
                      ) -> tuple[list[DigestItem], list[DigestItem]]:
    """``items`` apart as :func:`addressed_to` parts a committee's, for a department or
    the committee's office reporting on its plan for its own rooms (``words``: its
    BODY_WORDS; ``authority``: the plan's): a room's "Đề nghị Giám đốc Sở bổ sung biên
    chế", "Đề nghị Lãnh đạo Sở …", "Đề nghị Sở Tư pháp …" (its own name), "Kiến nghị Chánh
    Văn phòng …" asks the body that signs the report, not the level above (a QA pass:
    a Sở's report proposed to its own director). "Đề nghị Sở Nội vụ …", "… Giám đốc Sở
    Nội vụ" in another Sở's plan ask another body: the name asked is the body's own only
    when what follows it starts in lower case ("… Sở bố trí").

    ``own`` False: the body's plan for the province (a Sở Nội vụ's, for the sở and
    communes), whose units ask it by its name: "Đề nghị Sở Nội vụ tập huấn", "… Sở Nội vụ
    tỉnh Thanh Hóa …", "… SNV …", "… Giám đốc Sở Nội vụ …" (a QA pass: the Sở Nội vụ's
    report proposed to itself what a commune asked of it). A bare "Sở" or "Giám đốc Sở"
    is not read as asking it: in a commune's or another sở's note it may be any sở, or
    the writer's own, so it stays a proposal upward for the office to reword. As there,
    one asking it and another body is in both lists, unless the other is one of
    ``units``.
    """
    names = body_names(authority)
    titles = words.titles
    if not own:
        names, titles = (*names[:-1], issuer_of(authority).symbol), ()
    asked = sorted({*(f"{t} {n}" for t in words.titles for n in names), *titles, *names},
                   key=len, reverse=True)
    whom = "|".join(r"\s+".join(PEOPLES_COMMITTEE_RE if w == "UBND" else re.escape(w)
                                for w in name.split()) for name in asked)
    asking = re.compile(rf"(?:{whom})(?!\w)", re.IGNORECASE)
    return _apart(items, _asks(asking, lambda after: not after.lstrip()[:1].isupper(),
                               _ours(units or [])))


def _apart(items: list[DigestItem], asks) -> tuple[list[DigestItem], list[DigestItem]]:
    """``items`` that ask a body other than the report's issuer (what ``asks`` says of
    an item's text: :func:`_asks`), then those that ask the issuer: one asking both is
    in both."""
    said = [(i, *asks(i.text)) for i in items]
    return [i for i, it, other in said if other], [i for i, it, other in said if it]


def listed(items: list[DigestItem]) -> tuple[list[DigestItem], DigestRest | None]:
    """The first :data:`DIGEST_LISTED` items, and the rest counted (None: none left)."""
    rest = items[DIGEST_LISTED:]
    if not rest:
        return items, None
    return items[:DIGEST_LISTED], DigestRest(len(rest), len(frozenset().union(
        *(i.codes for i in rest))))


@dataclass(frozen=True)
class OwnLed:
    names: str  # "Ủy ban nhân dân xã"
    tasks: int  # its lead rows, as Phụ lục II counts a unit's


def own_led(summary: Summary) -> OwnLed | None:
    """What the plan's issuer leads itself, when one of its units is the issuer ("UBND
    xã" in a commune's plan): said apart from the units it gives work to."""
    own = own_leading(summary.units, summary.own_units)
    if not own:
        return None
    return OwnLed(name_units(summary.master, [u.code for u in own]),
                  sum(u.led for u in own))


def title(summary: Summary) -> str:
    """"Kết quả thực hiện Kế hoạch cải cách hành chính 9 tháng năm 2023"."""
    name = summary.period.in_sentence
    if str(summary.plan.year) not in name:
        name += f" năm {summary.plan.year}"
    return f"Kết quả thực hiện kế hoạch cải cách hành chính {name}"


def write_docx(summary: Summary, out: Path) -> Path:
    """The Word draft of the period's report."""
    plan = running_plan(summary.plan)
    # Who reports: the plan's authority, or the body the plan sheet names (the Sở Nội vụ,
    # reporting to the People's Committee whose plan it is: cchc_xl.sender).
    sender = authority_name(sender_of(plan))
    issuer = issuer_of(sender)
    difficulties, proposals = digest(summary)
    difficulties, difficulties_more = listed(difficulties)
    level = sender_level(summary.plan, summary.master.units)
    signs, signer = signature(plan)
    own: list[DigestItem] = []
    below: list[DigestItem] = []  # what they ask of a body under it
    # A proposal asking the issuer and one of the units under it asks no body above.
    units = [u.name for u in summary.master.units]
    asked = ""  # whom the units' proposals said apart ask: the report's issuer
    if issuer.symbol == "UBND":  # a People's Committee's report: its offices ask it
        proposals, own = addressed_to(proposals, level.kind, units)
        proposals, below = asked_below(proposals, level.kind, units, level.code == PROVINCE)
        asked = f"UBND {level.kind}"
    elif level.own:  # a department's or the office's, on its own plan: its rooms ask it
        proposals, own = addressed_to_body(proposals, level.words, plan.authority,
                                           units=units)
        asked = level.words.leadership
    elif level.words is not None:  # its plan for the province: the units ask it by name
        # Its units are the province's, none under it: one asked with it is asked too.
        proposals, own = addressed_to_body(proposals, level.words, sender, own=False)
        asked = body_names(sender)[1]  # "Sở Nội vụ", "Văn phòng UBND tỉnh"
    proposals, proposals_more = listed(proposals)
    own, own_more = listed(own)
    below, below_more = listed(below)
    # The reports it counts and chases are its units', not its own: a commune's plan
    # naming "UBND xã" (its committee, a unit) had the committee's report say "Chưa gửi
    # ...: Ủy ban nhân dân xã" and "Đôn đốc 2 đơn vị", its letter the other units alone.
    reporting = summary.reporting
    chased = {u.code for u in reporting}
    not_in = [c for c in summary.missing_units if c in chased]
    late = [u.code for u in reporting if u.return_status == RETURN_LATE]
    # The notes stay in the workbook; a table of reports to verify, when there is none,
    # is no appendix of a report sent on (the workbook says "none").
    # Phụ lục II gives a group's crowd of units not in, with nothing done, one row: the
    # body names them, and the workbook's Biểu 2 keeps a row for each. Phụ lục III and IV
    # name a task by the plan's number, as its readers find it, not by the tool's code.
    grids = [g for g in summary_grids(summary, fold=CROWD, plan_numbered=True)[:-1]
             if g.rows or g.key != UNVERIFIED_KEY]
    # The year the report is signed in, as the letters' (made today): a year's report
    # made in January after its due day read "ngày … tháng … năm 2026" on a report signed
    # in 2027 (a QA pass at the year's turn).
    year = summary.made_on.year
    number = f"Số:{official.BLANK}/BC-{issuer.symbol}"
    text = official.parts(
        TEMPLATE, summary=summary, plan=plan, period=summary.period, issuer=issuer,
        title=title(summary), areas=area_facts(summary), total=summary.total,
        difficulties=difficulties, proposals=proposals, difficulties_more=difficulties_more,
        proposals_more=proposals_more, own_proposals=own, own_more=own_more, asked=asked,
        below_proposals=below, below_more=below_more,
        cutoff=vn_date(summary.period.cutoff),
        due=vn_date(summary.period.due), issued=vn_date(plan.issued),
        # Made before the day returns are due (a draft): what was received by now.
        made=vn_date(summary.made_on), before_due=summary.made_on < summary.period.due,
        counted_to=vn_date(summary.counted_to),
        # A crowd counted as the body counts one elsewhere ("Thanh tra huyện; 102 xã":
        # a province's 6T named the 102, a QA pass); the reminder letter names each.
        missing=name_units(summary.master, not_in, crowd=CROWD),
        # Those it counts are named in Phụ lục II (its row of a group's crowd too): said
        # there, the signer's first question being which they are (a QA pass).
        missing_annex=next((official.roman(n) for n, g in enumerate(grids, 1)
                            if g.key == UNIT_KEY), "") if name_units(
            summary.master, not_in, crowd=CROWD) != name_units(summary.master, not_in) else "",
        # Asked apart, as the web app's Phản hồi page counts them: those that sent no
        # file, and those whose every file was refused (a QA pass found 157 here, 155
        # and 2 there).
        none_sent=sum(c not in summary.rejected_units for c in not_in),
        refused=sum(c in summary.rejected_units for c in not_in),
        # Counted as the letters and Thu nhận count them (Summary.reports_in).
        on_time=summary.reports_in.on_time, reporting=summary.reports_in.asked,
        # The committee's own (summary.own_units) is not one of the units it gives work
        # to: "giao cho 8 cơ quan, đơn vị" then "6/7 đơn vị" (a commune's, a QA pass).
        own_led=own_led(summary),
        late=name_units(summary.master, late, crowd=CROWD), late_count=len(late),
        level=level,
        communes=commune_kinds(summary.master.units),
        units=summary.units, carried_out=len(summary.carried_out()),
        # Why each of those counts done (reported done, in progress with evidence, Đạt).
        carried_why=carried_out_part(len(summary.carried_out()),
                                     sum(t.carried_out_in_progress for t in summary.tasks),
                                     sum(t.carried_out_judged for t in summary.tasks)),
        pending=summary.pending, tables=grids, number=number,
        # Where the units' notes on unfinished tasks are, when none reads as a difficulty.
        reasons_annex=next((official.roman(n) for n, g in enumerate(grids, 1)
                            if g.key == PENDING_KEY), "") if any(
            r.note for t in summary.pending for p in t.products for r in p.leads) else "",
        appendix_note=official.annex_note("Báo cáo", f"/BC-{issuer.symbol}", year, sender),
        by=sender_name(plan), of_plan=plan_of(plan, level), committee=committee_name(level),
        signer_title=signer_title(issuer, signs), signer=signer, roman=official.roman,
        silent=silent_part, early_words=early_words(summary), no_task_counted=NO_TASK_COUNTED)
    doc = official.new_document()
    official.letterhead(doc, issuer=issuer, number=number, year=year,
                        parent=text.get("co-quan-chu-quan", ""))
    official.heading(doc, text.get("loai", "BÁO CÁO"), text["trich-yeu"])
    for line in text.get("kinh-gui", "").splitlines():  # a report to the committee
        if line.strip():
            official.addressee(doc, line.strip())
    official.body(doc, text["noi-dung"])
    official.closing(doc, recipients=text["noi-nhan"], title=text["chuc-vu"],
                     signer=text.get("nguoi-ky", ""))
    note = text["phu-luc"]
    for n, grid in enumerate(grids, 1):
        official.appendix(doc, n, note, grid.title.split(". ", 1)[-1],
                          f"{summary.period.name}, số liệu đến ngày "
                          f"{vn_date(summary.counted_to)}", grid.measure)
        official.grid_table(doc, grid)
    doc.core_properties.title = title(summary)
    doc.core_properties.author = sender
    # What its figures were read from (cchc_xl.made_from): the web app tells by it
    # whether the document is out of date.
    doc.core_properties.identifier = identifier(
        summary.snapshot.digest if summary.snapshot else "")
    return official.save(doc, out)
