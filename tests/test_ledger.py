"""The ledger: archive by SHA-256, submissions, supersession, reading back."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from cchc_xl.answer import Answer
from cchc_xl.assessment import Assessment
from cchc_xl.carried import previous_reports
from cchc_xl.errors import InputChangedError, UsageError
from cchc_xl.findings import Finding
from cchc_xl.ledger import Ledger
from cchc_xl.ledger.assessments import save_assessments
from cchc_xl.ledger.schema import SCHEMA_VERSION
from cchc_xl.plan_codec import plan_digest, plan_to_dict
from cchc_xl.snapshot import load_snapshot
from cchc_xl.vocab import ACCEPTED, DONE, ERROR, IN_PROGRESS, REJECTED, SUPERSEDED, WARNING

NOW = datetime(2023, 9, 20, 9, 0)


def _row(did: str, status: str | None, percent: float | None = None,
         done_on: date | None = None, evidence: str = "", note: str = "",
         findings: list[Finding] | None = None) -> Answer:
    return Answer(deliverable=did, role="lead", sheet="Thể chế", row=5, status=status,
                  percent=percent, completed_on=done_on, evidence=evidence, note=note,
                  findings=findings or [])


def _add(ledger: Ledger, tmp: Path, name: str, unit: str | None, *, period: str = "9T",
         saved: datetime | None = None, accepted: bool = True, rows: list[Answer] = (),
         plan: str = "hoang-hoa-2023", findings: list[Finding] = (),
         identity: dict[str, str] | None = None, named_period: str = "") -> int:
    path = tmp / name
    path.write_bytes(name.encode())
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    ledger.archive(path, sha, path.stat().st_size, NOW)
    return ledger.add(sha256=sha, plan_key=plan, period=period, unit=unit, path=str(path),
                      kind="xlsx", saved_at=saved, modified_at=NOW, merged_at=NOW,
                      accepted=accepted, identity=identity, findings=list(findings),
                      rows=list(rows), named_period=named_period)


@pytest.fixture
def ledger(tmp_path: Path, hh_master):
    with Ledger(tmp_path / "out" / "cchc-ledger.sqlite") as lg:
        lg.save_plan(hh_master, NOW)
        yield lg


def _outcomes(ledger: Ledger, period: str = "9T") -> dict[str, str]:
    return {Path(s.path).name: s.outcome for s in ledger.submissions("hoang-hoa-2023", period)}


def test_newest_saved_file_wins_whatever_the_merge_order(ledger: Ledger, tmp_path: Path) -> None:
    _add(ledger, tmp_path, "late-saved.xlsx", "X01", saved=datetime(2023, 9, 14, 17))
    _add(ledger, tmp_path, "early-saved.xlsx", "X01", saved=datetime(2023, 9, 10, 8))
    _add(ledger, tmp_path, "other-unit.xlsx", "X02", saved=datetime(2023, 9, 1))
    ledger.settle("hoang-hoa-2023", "9T")
    assert _outcomes(ledger) == {"late-saved.xlsx": ACCEPTED, "early-saved.xlsx": SUPERSEDED,
                                 "other-unit.xlsx": ACCEPTED}


def test_same_saved_time_goes_to_the_later_merge(ledger: Ledger, tmp_path: Path) -> None:
    same = datetime(2023, 9, 14, 17)
    _add(ledger, tmp_path, "first.xlsx", "X01", saved=same)
    _add(ledger, tmp_path, "second.xlsx", "X01", saved=same)
    ledger.settle("hoang-hoa-2023", "9T")
    assert _outcomes(ledger) == {"first.xlsx": SUPERSEDED, "second.xlsx": ACCEPTED}


def test_rejected_files_never_supersede(ledger: Ledger, tmp_path: Path) -> None:
    _add(ledger, tmp_path, "good.xlsx", "X01", saved=datetime(2023, 9, 1))
    bad = Finding(ERROR, "identity-other-period", "kỳ khác", unit="X01")
    _add(ledger, tmp_path, "wrong-period.xlsx", "X01", saved=datetime(2023, 9, 12),
         accepted=False, findings=[bad])
    ledger.settle("hoang-hoa-2023", "9T")
    assert _outcomes(ledger) == {"good.xlsx": ACCEPTED, "wrong-period.xlsx": REJECTED}
    rejected = ledger.find(hashlib.sha256(b"wrong-period.xlsx").hexdigest(), "hoang-hoa-2023",
                           "9T")
    assert rejected.reason == "kỳ khác" and rejected.errors == 1


@pytest.mark.parametrize("identity, other_plan", [
    ({"plan": "nghia-hung-2023", "year": "2023", "unit": "NV"}, True),
    ({"plan": "hoang-hoa-2023", "year": "2022", "unit": "NV"}, True),  # the same plan, 2022
    ({"plan": "hoang-hoa-2023", "year": "2023", "unit": "NV"}, False),
])
def test_a_file_of_no_unit_of_the_plan_keeps_what_its_identity_says(
        ledger: Ledger, tmp_path: Path, identity: dict, other_plan: bool) -> None:
    path = tmp_path / "nv.xlsx"
    path.write_bytes(b"nv")
    sha = hashlib.sha256(b"nv").hexdigest()
    ledger.archive(path, sha, 2, NOW)
    ledger.add(sha256=sha, plan_key="hoang-hoa-2023", period="9T", unit=None, path=str(path),
               kind="xlsx", saved_at=None, modified_at=NOW, merged_at=NOW, accepted=False,
               identity=identity, findings=[], rows=[])
    _add(ledger, tmp_path, "no-identity.xlsx", None, accepted=False)
    ledger.settle("hoang-hoa-2023", "9T")
    sub, plain = ledger.submissions("hoang-hoa-2023", "9T")
    assert (sub.unit, sub.outcome, sub.identity_unit, sub.other_plan) == (
        None, REJECTED, "NV", other_plan)
    assert sub.identity_plan == f"{identity['plan']} ({identity['year']})"
    assert (plain.unit, plain.identity, plain.other_plan) == (None, {}, False)
    snapshot = load_snapshot(ledger.path, "9T")
    assert "NV" in snapshot.missing_units


def test_a_new_ledger_is_made_whole_or_not_at_all(tmp_path: Path, monkeypatch) -> None:
    """Its tables and its schema version are written in one transaction: a failure on
    the way (here, as the version is recorded) leaves no half-made ledger."""
    from cchc_xl.ledger import schema

    db = sqlite3.connect(tmp_path / "moi.sqlite")

    def fail(*_):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "columns", fail)
    with pytest.raises(sqlite3.OperationalError):
        schema.prepare(db)
    assert db.execute("SELECT name FROM sqlite_master").fetchall() == []
    monkeypatch.undo()
    schema.prepare(db)
    assert schema._version(db) == schema.SCHEMA_VERSION
    assert {"submissions", "rows", "problems", "files"} <= {
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_archive_refuses_bytes_other_than_those_hashed(ledger: Ledger, tmp_path: Path) -> None:
    """The archive holds exactly what a verdict was made from: a file whose bytes are no
    longer those hashed (saved again, still downloading) is not copied, nothing is left
    behind, and the ledger does not know it."""
    path = tmp_path / "nv.xlsx"
    path.write_bytes(b"as read")
    sha = hashlib.sha256(b"as read").hexdigest()
    path.write_bytes(b"saved again")
    with pytest.raises(InputChangedError, match="thay đổi trong lúc gộp") as caught:
        ledger.archive(path, sha, 7, NOW)
    assert caught.value.file == str(path)
    path.unlink()
    with pytest.raises(InputChangedError, match="không còn ở đó"):
        ledger.archive(path, sha, 7, NOW)
    assert [p for p in (ledger.path.parent / "cchc-archive").rglob("*") if p.is_file()] == []
    assert ledger.db.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 0


def test_archive_keeps_one_copy_per_content(ledger: Ledger, tmp_path: Path) -> None:
    a = tmp_path / "a.XLSX"
    a.write_bytes(b"same bytes")
    b = tmp_path / "b.xlsx"
    b.write_bytes(b"same bytes")
    sha = hashlib.sha256(b"same bytes").hexdigest()
    first = ledger.archive(a, sha, 10, NOW)
    assert ledger.archive(b, sha, 10, NOW) == first == f"cchc-archive/{sha[:2]}/{sha}.xlsx"
    assert (ledger.path.parent / first).read_bytes() == b"same bytes"
    assert len(list((ledger.path.parent / "cchc-archive").rglob("*.xlsx"))) == 1


def test_snapshot_reads_back_without_the_master(ledger: Ledger, tmp_path: Path) -> None:
    problem = Finding(ERROR, "percent-out-of-range", "tỷ lệ 120%", sheet="Thể chế", cell="I5",
                      unit="TP", task="TC-02")
    _add(ledger, tmp_path, "tp.xlsx", "TP", saved=datetime(2023, 9, 1), rows=[
        _row("TC-02", IN_PROGRESS, None, findings=[problem]),
        _row("TC-03", DONE, 100.0, date(2023, 5, 4), "Kế hoạch số 12/KH-PTP ngày 02/05/2023"),
    ])
    ledger.settle("hoang-hoa-2023", "9T")
    snap = load_snapshot(ledger.path, "9t")
    assert snap.plan_key == "hoang-hoa-2023" and snap.period.cutoff == date(2023, 9, 14)
    assert next(d for d in snap.master.deliverables() if d.id == "TC-02").lead == ["TP"]
    assert [(r.unit, r.deliverable, r.status) for r in snap.rows] == [
        ("TP", "TC-02", IN_PROGRESS), ("TP", "TC-03", DONE)]
    assert snap.rows[0].findings == [problem] and snap.rows[1].findings == []
    assert snap.rows[1].completed_on == date(2023, 5, 4)
    assert snap.problems == [problem]
    assert "TP" not in snap.missing_units and "NV" in snap.missing_units
    assert len(snap.missing_units) == 46


def test_snapshot_errors_are_usage_errors(ledger: Ledger, tmp_path: Path, hh_master) -> None:
    with pytest.raises(UsageError, match="không tìm thấy sổ cái"):
        load_snapshot(tmp_path / "none.sqlite", "9T")
    with pytest.raises(UsageError, match="Q1, 6T, Q3, 9T, NAM"):
        load_snapshot(ledger.path, "Q5")
    other = copy.deepcopy(hh_master)
    other.plan.code = "hoang-hoa-2024"
    ledger.save_plan(other, NOW)
    with pytest.raises(UsageError, match="nhiều kế hoạch"):
        load_snapshot(ledger.path, "9T")
    assert load_snapshot(ledger.path, "9T", "hoang-hoa-2024").plan_key == "hoang-hoa-2024"


def test_previous_reports_take_the_latest_period(ledger: Ledger, tmp_path: Path,
                                                 hh_master) -> None:
    _add(ledger, tmp_path, "q1.xlsx", "TP", period="Q1", rows=[
        _row("TC-02", IN_PROGRESS, 30.0, note="đang soạn"),
        _row("TC-03", IN_PROGRESS, 50.0)])
    _add(ledger, tmp_path, "6t.xlsx", "TP", period="6T", rows=[
        _row("TC-02", DONE, 100.0, date(2023, 5, 4), "Kế hoạch số 12/KH-PTP ngày 02/05/2023"),
        _row("TC-03", None)])  # left blank: the earlier answer stands
    _add(ledger, tmp_path, "6t-rejected.xlsx", "TP", period="6T", accepted=False,
         rows=[_row("TC-03", DONE, 100.0)])
    for period in ("Q1", "6T"):
        ledger.settle("hoang-hoa-2023", period)
    latest = previous_reports(ledger.path, "hoang-hoa-2023", "TP")
    assert {did: (a.status, a.percent, a.completed_on, a.evidence, a.note)
            for did, a in latest.items()} == {
        "TC-02": (DONE, 100.0, date(2023, 5, 4), "Kế hoạch số 12/KH-PTP ngày 02/05/2023", ""),
        "TC-03": (IN_PROGRESS, 50.0, None, "", ""),
    }
    assert previous_reports(ledger.path, "hoang-hoa-2023", "NV") == {}
    # For a period issued after a later one was reported: only earlier periods' answers
    # (the six months' were filled into its files, dated after its cut-off).
    earlier = previous_reports(ledger.path, "hoang-hoa-2023", "TP",
                               before=hh_master.period("6T").cutoff)
    assert {did: (a.status, a.percent) for did, a in earlier.items()} == {
        "TC-02": (IN_PROGRESS, 30.0), "TC-03": (IN_PROGRESS, 50.0)}


def _versions(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, plan_key FROM plan_versions ORDER BY id").fetchall()


def test_the_plan_is_stored_once_per_version(ledger: Ledger, hh_master) -> None:
    first = ledger.save_plan(hh_master, NOW)
    assert ledger.save_plan(hh_master, datetime(2023, 10, 1)) == first  # unchanged: nothing new
    changed = copy.deepcopy(hh_master)
    changed.areas[0].tasks[0].content = "Nội dung đã sửa"
    second = ledger.save_plan(changed, datetime(2023, 11, 1))
    assert second != first
    assert ledger.plan("hoang-hoa-2023").areas[0].tasks[0].content == "Nội dung đã sửa"
    # Back to the first master: its version is reused, the edited one is kept.
    assert ledger.save_plan(hh_master, datetime(2023, 12, 1)) == first
    assert _versions(ledger.path) == [(first, "hoang-hoa-2023"), (second, "hoang-hoa-2023")]
    assert plan_to_dict(ledger.plan("hoang-hoa-2023")) == plan_to_dict(hh_master)


def test_a_plan_version_is_read_by_its_digest_in_one_query(ledger: Ledger, hh_master) -> None:
    """split --ledger asks which version a unit's files were made from (its manifest's
    plan_digest): found by the digest the ledger stored with it, any version of the plan,
    the current one or not; not found: None. One query, no version read back to be
    digested again (period_plan.version_with read each period's plan)."""
    changed = copy.deepcopy(hh_master)
    changed.areas[0].tasks[0].content = "Nội dung đã sửa"
    ledger.save_plan(changed, datetime(2023, 11, 1))  # now current: hh_master's is not
    asked: list[str] = []
    ledger.db.set_trace_callback(asked.append)
    found = ledger.plan_version("hoang-hoa-2023", plan_digest(hh_master))
    ledger.db.set_trace_callback(None)
    assert found is not None and plan_to_dict(found) == plan_to_dict(hh_master)
    assert len(asked) == 1 and asked[0].startswith("SELECT"), asked
    assert ledger.plan_version("hoang-hoa-2023", plan_digest(changed)).areas[0].tasks[0] \
        .content == "Nội dung đã sửa"
    assert ledger.plan_version("hoang-hoa-2023", "0" * 64) is None
    assert ledger.plan_version("another-plan", plan_digest(hh_master)) is None


_SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE plans (plan_key TEXT PRIMARY KEY, year INTEGER, title TEXT, snapshot TEXT NOT NULL,
                    updated_at TEXT NOT NULL);
CREATE TABLE merges (id INTEGER PRIMARY KEY, plan_key TEXT NOT NULL, period TEXT NOT NULL,
                     started_at TEXT NOT NULL, finished_at TEXT);
INSERT INTO meta VALUES ('schema', '1');
INSERT INTO merges VALUES (1, 'hoang-hoa-2023', '9T', '2023-09-20T09:00:00', NULL);
"""


def test_a_schema_1_ledger_is_read_as_it_is_and_migrated_when_written(tmp_path: Path,
                                                                      hh_master) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(_SCHEMA_1)
        db.execute("INSERT INTO plans VALUES (?, 2023, 'KH', ?, '2023-09-20T09:00:00')",
                   ("hoang-hoa-2023", json.dumps(plan_to_dict(hh_master), ensure_ascii=False,
                                                 sort_keys=True)))
    before = path.read_bytes()
    with Ledger(path, create=False) as reading:  # report on an old ledger: nothing written
        assert plan_to_dict(reading.plan("hoang-hoa-2023")) == plan_to_dict(hh_master)
        assert reading.interrupted_merge("hoang-hoa-2023", "9T") == "2023-09-20T09:00:00"
        assert reading.plan_version("hoang-hoa-2023", plan_digest(hh_master)) is None
    assert path.read_bytes() == before
    with Ledger(path) as ledger:
        assert plan_to_dict(ledger.plan("hoang-hoa-2023")) == plan_to_dict(hh_master)
        (version, _), = _versions(path)
        assert ledger.save_plan(hh_master, NOW) == version  # the migrated snapshot is the same
        assert ledger.interrupted_merge("hoang-hoa-2023", "9T") == "2023-09-20T09:00:00"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            SCHEMA_VERSION,)
        assert "snapshot" not in {r[1] for r in db.execute("PRAGMA table_info(plans)")}
        assert db.execute("SELECT version FROM plans").fetchall() == [(version,)]


def test_a_schema_2_ledger_gets_the_consolidated_table_when_written(tmp_path: Path,
                                                                   hh_master) -> None:
    path = tmp_path / "v2.sqlite"
    with Ledger(path) as ledger:
        ledger.save_plan(hh_master, NOW)
    with sqlite3.connect(path) as db:  # as schema 2 left it
        db.execute("DROP TABLE consolidated")
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    before = path.read_bytes()
    out = tmp_path / "OUT.xlsx"
    with Ledger(path, create=False) as reading:  # read as it is, nothing written
        assert reading.consolidated("hoang-hoa-2023", "9T", out) is None
        digest = reading.period_digest("hoang-hoa-2023", "9T")
    assert path.read_bytes() == before
    with Ledger(path) as ledger:
        assert ledger.consolidated("hoang-hoa-2023", "9T", out) is None
        assert ledger.period_digest("hoang-hoa-2023", "9T") == digest
        ledger.record_consolidated("hoang-hoa-2023", "9T", out, "ab" * 32, digest, NOW)
        assert ledger.consolidated("hoang-hoa-2023", "9T", tmp_path / "." / "OUT.xlsx") == (
            "ab" * 32, digest)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            SCHEMA_VERSION,)


def test_a_schema_4_ledger_gets_the_feedback_folders_table_when_written(tmp_path: Path,
                                                                      hh_master) -> None:
    """A ledger from before the feedback folders were recorded: read as it is (no folder
    known: the next merge looks at its letters once), then the table added on writing."""
    path = tmp_path / "v4.sqlite"
    with Ledger(path) as ledger:
        ledger.save_plan(hh_master, NOW)
    with sqlite3.connect(path) as db:  # as schema 4 left it
        db.execute("DROP TABLE feedback_folders")
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
    before = path.read_bytes()
    letters = tmp_path / "phan-hoi-9T"
    with Ledger(path, create=False) as reading:
        assert not reading.wrote_feedback_into("hoang-hoa-2023", "9T", letters)
    assert path.read_bytes() == before
    with Ledger(path) as ledger:
        ledger.record_feedback_folder("hoang-hoa-2023", "9T", letters, NOW)
        assert ledger.wrote_feedback_into("hoang-hoa-2023", "9T", tmp_path / "." / letters.name)
        assert not ledger.wrote_feedback_into("hoang-hoa-2023", "6T", letters)
        assert not ledger.wrote_feedback_into("hoang-hoa-2023", "9T", tmp_path / "khac")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            SCHEMA_VERSION,)


_SUBMISSIONS_5 = """
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL REFERENCES files(sha256),
    plan_key TEXT NOT NULL, period TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL, kind TEXT, saved_at TEXT, modified_at TEXT, merged_at TEXT NOT NULL,
    outcome TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,
    notes INTEGER NOT NULL DEFAULT 0, identity TEXT, received TEXT,
    UNIQUE (sha256, plan_key, period));
"""


def test_a_schema_5_ledger_knows_empty_files_by_name_once_written(tmp_path: Path,
                                                                   hh_master) -> None:
    """Schema 6 knows an empty file by its name too (ledger.keys): a ledger from before is
    read as it is, then its submissions table made again when written, every file kept
    with its id, rows and problems; two units' empty files are then two submissions."""
    from cchc_xl.ledger.keys import EMPTY_SHA256, file_key

    path = tmp_path / "v5.sqlite"
    with Ledger(path) as ledger:
        ledger.save_plan(hh_master, NOW)
        sid = _add(ledger, tmp_path, "NV.xlsx", "NV", rows=[_row("TC-01", DONE, 100.0)],
                   findings=[Finding(WARNING, "row-unfilled", "m")])
    with sqlite3.connect(path) as db:  # as schema 5 left it: no name_key
        db.execute("PRAGMA legacy_alter_table = ON")  # rows, problems still name it
        db.execute("ALTER TABLE submissions RENAME TO s6")
        db.execute(_SUBMISSIONS_5)
        db.execute("INSERT INTO submissions SELECT id, sha256, plan_key, period, unit, path,"
                   " kind, saved_at, modified_at, merged_at, outcome, reason, errors, warnings,"
                   " notes, identity, received FROM s6")
        db.execute("DROP TABLE s6")
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema'")
    before = path.read_bytes()
    sha = hashlib.sha256(b"NV.xlsx").hexdigest()
    with Ledger(path, create=False) as reading:  # read as it is, nothing written
        assert reading.find(sha, "hoang-hoa-2023", "9T").id == sid
    assert path.read_bytes() == before
    empty = {}
    for name, unit in (("NV-Phòng-Nội-vụ.xlsx", "NV"), ("TP-Phòng-Tư-pháp.xlsx", "TP")):
        (tmp_path / name).write_bytes(b"")
        empty[unit] = file_key(EMPTY_SHA256, tmp_path / name)
    with Ledger(path) as ledger:
        kept = ledger.find(sha, "hoang-hoa-2023", "9T")
        assert (kept.id, kept.name_key, kept.key) == (sid, "", sha)
        assert ledger.row_answers(sid)[0][0] == "TC-01"
        assert [p.code for p in ledger.submissions("hoang-hoa-2023", "9T")[0].problems] == [
            "row-unfilled"]
        for unit, key in empty.items():
            ledger.archive(tmp_path / "NV-Phòng-Nội-vụ.xlsx", key, 0, NOW)
            ledger.add(sha256=key, plan_key="hoang-hoa-2023", period="9T", unit=unit,
                       path=str(tmp_path / f"{unit}.xlsx"), kind="empty", saved_at=None,
                       modified_at=NOW, merged_at=NOW, accepted=False, identity=None,
                       findings=[], rows=[])
        assert ledger.recorded_hashes("hoang-hoa-2023", "9T") == {sha, *empty.values()}
        assert ledger.find(empty["TP"], "hoang-hoa-2023", "9T").unit == "TP"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            SCHEMA_VERSION,)
        # The SHA-256 column is each content's own digest; the name beside it.
        assert db.execute("SELECT sha256, name_key FROM submissions ORDER BY id").fetchall(
            ) == [(sha, ""), (EMPTY_SHA256, "nv-phòng-nội-vụ.xlsx"),
                  (EMPTY_SHA256, "tp-phòng-tư-pháp.xlsx")]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT count(*) FROM files WHERE sha256 = ?",
                          (EMPTY_SHA256,)).fetchone() == (1,)  # one copy of no bytes


def test_an_up_to_date_ledger_opened_for_writing_is_not_written(tmp_path: Path,
                                                                 hh_master) -> None:
    """Only a new or an earlier ledger is prepared; one of this schema is left alone
    (no transaction, no write) until something is recorded."""
    path = tmp_path / "l.sqlite"
    with Ledger(path) as ledger:
        ledger.save_plan(hh_master, NOW)
        assert ledger.db.total_changes > 0  # created
    before = path.read_bytes()
    with Ledger(path) as ledger:
        assert ledger.db.total_changes == 0
    assert path.read_bytes() == before
    with sqlite3.connect(path) as db:  # a ledger claiming a later schema: prepared again
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'",
                   (str(int(SCHEMA_VERSION) + 1),))
    with Ledger(path) as ledger:
        assert ledger.db.total_changes > 0


def test_the_period_digest_follows_what_a_snapshot_reads(ledger: Ledger, tmp_path: Path
                                                         ) -> None:
    def digest() -> str:
        return ledger.period_digest("hoang-hoa-2023", "9T")

    empty = digest()
    _add(ledger, tmp_path, "a.xlsx", "TP", rows=[_row("TC-01", "Đang thực hiện")])
    ledger.settle("hoang-hoa-2023", "9T")
    one = digest()
    assert one != empty
    _add(ledger, tmp_path, "b.xlsx", "TP", period="NAM")  # a later period: not this one's
    ledger.settle("hoang-hoa-2023", "NAM")
    assert digest() == one
    # An earlier one is: what was done then counts now (cchc_xl.carried).
    _add(ledger, tmp_path, "c.xlsx", "TP", period="6T")
    ledger.settle("hoang-hoa-2023", "6T")
    assert digest() != one
    one = digest()
    ledger.withdraw(ledger.submissions("hoang-hoa-2023", "9T")[0], NOW)
    withdrawn = digest()
    assert withdrawn != one
    save_assessments(ledger, "hoang-hoa-2023", "9T", {("TP", "TC-01"): Assessment("pass")},
                     NOW, "OUT.xlsx")
    assert digest() != withdrawn


def test_an_answer_taken_with_changes_is_what_replace_makes():
    """Answer.taken (the summary's quicker copy) makes what dataclasses.replace makes,
    and refuses a name that is not a field, as replace does."""
    from dataclasses import replace

    from cchc_xl.answer import Answer

    row = Answer("TC-01", "lead", sheet="Thể chế", row=5, status="Đang thực hiện",
                 percent=50.0, evidence="Kế hoạch số 1/KH-UBND", unit="X01")
    changes = {"role": "support", "status": "Đã hoàn thành", "judged": "Đã hoàn thành",
               "timeliness": "on_time"}
    assert row.taken(**changes) == replace(row, **changes)
    assert row.status == "Đang thực hiện"  # the original unchanged
    with pytest.raises(TypeError):
        row.taken(stauts="x")


def test_a_read_sees_one_state_of_the_ledger_while_a_merge_commits(ledger: Ledger,
                                                                    tmp_path: Path,
                                                                    monkeypatch) -> None:
    """A large upload commits every 100 files: a page read between two of the ledger's
    queries saw a file's problems but not the file (HTTP 500, KeyError). Reads now see one
    state: the merge's commit waits for them to end."""
    warned = [Finding(WARNING, "x", "cảnh báo")]
    _add(ledger, tmp_path, "NV.xlsx", "NV", findings=warned)
    db = ledger.path
    reader = Ledger(db, create=False)
    writer = Ledger(db)
    writer.db.execute("PRAGMA busy_timeout = 200")
    committed = []
    read = Ledger._submissions

    def read_then_a_merge_commits(self, where, args):
        found = read(self, where, args)
        try:  # another process records a file with a problem, between the two queries
            _add(writer, tmp_path, "TP.xlsx", "TP", findings=warned)
            committed.append(True)
        except sqlite3.OperationalError:  # waits for the read: "database is locked"
            writer.db.rollback()
        return found

    monkeypatch.setattr(Ledger, "_submissions", read_then_a_merge_commits)
    subs = reader.submissions("hoang-hoa-2023", "9T")
    monkeypatch.setattr(Ledger, "_submissions", read)
    assert [(Path(s.path).name, len(s.problems)) for s in subs] == [("NV.xlsx", 1)]
    assert not committed
    # Once the read is over, the merge goes on.
    _add(writer, tmp_path, "TP.xlsx", "TP", findings=warned)
    assert [Path(s.path).name for s in reader.submissions("hoang-hoa-2023", "9T")] == [
        "NV.xlsx", "TP.xlsx"]
    reader.db.close()
    writer.db.close()


def test_flagged_submissions_are_the_periods_with_those_codes(ledger: Ledger,
                                                               tmp_path: Path) -> None:
    """Ledger.flagged: the ids of the period's submissions with a problem of one of the
    codes given, never another period's or another code's."""
    def flag(code: str) -> list[Finding]:
        return [Finding(WARNING, code, "cảnh báo", unit="X01")]

    first = _add(ledger, tmp_path, "a.xlsx", "X01", findings=flag("doubt-a"))
    second = _add(ledger, tmp_path, "b.xlsx", "X02", findings=flag("doubt-b") + flag("other"))
    _add(ledger, tmp_path, "c.xlsx", "X03", findings=flag("other"))
    _add(ledger, tmp_path, "d.xlsx", "X04", period="6T", findings=flag("doubt-a"))
    _add(ledger, tmp_path, "e.xlsx", "X05")
    assert ledger.flagged("hoang-hoa-2023", "9T", ("doubt-a", "doubt-b")) == {first, second}
    assert ledger.flagged("hoang-hoa-2023", "9T", ["doubt-b"]) == {second}
    assert ledger.flagged("hoang-hoa-2023", "9T", ("none-such",)) == set()
    assert ledger.flagged("another-plan", "9T", ("doubt-a",)) == set()


def test_a_findings_places_are_kept_and_a_schema_6_ledger_gets_their_column(
        tmp_path: Path, hh_master) -> None:
    """A finding's places (the tasks it names, each with its sheet and cell) read back as
    recorded; a ledger of schema 6 (no column) gives none, read as it is, then gets the
    column when written, every problem keeping its id."""
    placed = Finding(WARNING, "answers-left-blank", "m", places=(
        ("TC-03", "Thể chế", "H7"), ("TC-09", "", "")))
    path = tmp_path / "v6.sqlite"
    with Ledger(path) as ledger:
        ledger.save_plan(hh_master, NOW)
        other = Finding(WARNING, "row-unfilled", "n")
        sid = _add(ledger, tmp_path, "NV.xlsx", "NV", findings=[placed, other])
        assert [p for _, p in ledger.problems_where("submission_id = ?", (sid,))] == [
            placed, other]
    with sqlite3.connect(path) as db:  # as schema 6 left it
        db.execute("ALTER TABLE problems DROP COLUMN places")
        db.execute("UPDATE meta SET value = '6' WHERE key = 'schema'")
        ids = db.execute("SELECT id FROM problems ORDER BY id").fetchall()
    before = path.read_bytes()
    with Ledger(path, create=False) as reading:
        assert [p.places for _, p in reading.problems_where("1", ())] == [(), ()]
    assert path.read_bytes() == before
    with Ledger(path) as ledger:
        ledger.add_finding(sid, placed)
        assert [p.places for _, p in ledger.problems_where("1", ())] == [
            (), (), placed.places]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT id FROM problems ORDER BY id").fetchall()[:2] == ids
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            SCHEMA_VERSION,)


def test_a_run_reading_no_file_neither_ends_nor_hides_a_merge_cut_short(
        tmp_path: Path, hh_master) -> None:
    """A merge cut short after recording a file, then runs that read none (a refresh of
    the outputs; a merge ended with nothing to merge): the merge cut short is still the
    one to tell, its file still unseen, until a merge of files finishes. A ledger of
    schema 8 (no ``read_files``) is read as it is, every merge a merge of files, and gets
    the column when written, NULL for the merges recorded before."""
    path = tmp_path / "v8.sqlite"
    key = "hoang-hoa-2023"
    later = datetime(2023, 9, 21, 10, 0)
    with Ledger(path) as ledger:
        ledger.save_plan(hh_master, NOW)
        ledger.finish_merge(ledger.begin_merge(key, "9T", NOW), NOW)
        ledger.begin_merge(key, "9T", later)  # cut short once it recorded a file
        sid = _add(ledger, tmp_path, "X03.xlsx", "X03")
        refresh = ledger.begin_merge(key, "9T", later.replace(hour=11), reads_files=False)
        ledger.finish_merge(refresh, later.replace(hour=11))
        nothing = ledger.begin_merge(key, "9T", later.replace(hour=12))
        ledger.finish_merge(nothing, later.replace(hour=12), read_files=False)
        assert ledger.interrupted_merge(key, "9T") == later.isoformat()
        assert ledger.recorded_unseen(key, "9T") == {sid}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT read_files FROM merges ORDER BY id").fetchall() == [
            (1,), (1,), (0,), (0,)]
        # As schema 8 left it: no column, the runs that read no file not told apart.
        db.execute("ALTER TABLE merges DROP COLUMN read_files")
        db.execute("UPDATE meta SET value = '8' WHERE key = 'schema'")
    before = path.read_bytes()
    with Ledger(path, create=False) as reading:
        assert reading.interrupted_merge(key, "9T") is None
        assert reading.recorded_unseen(key, "9T") == set()
    assert path.read_bytes() == before
    with Ledger(path) as ledger:
        ledger.begin_merge(key, "9T", later.replace(hour=13))  # cut short
        assert ledger.interrupted_merge(key, "9T") == later.replace(hour=13).isoformat()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT read_files FROM merges ORDER BY id").fetchall() == [
            (None,), (None,), (None,), (None,), (1,)]
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            SCHEMA_VERSION,)


def test_the_period_a_file_names_is_kept_and_a_schema_9_ledger_gets_its_column(
        tmp_path: Path, hh_master) -> None:
    """A file without identity refused as the period its line 2 names keeps that period
    (``named_period``), which "Gộp vào kỳ…" merges it into; a file with an identity names
    its identity's. A ledger of schema 9 is read as it is (no period named) and gets the
    column when written, NULL for the files recorded before."""
    path = tmp_path / "v9.sqlite"
    key = "hoang-hoa-2023"
    refused = Finding(ERROR, "heading-other-period", "dòng 2 ghi kỳ 6 tháng", unit="NV")
    with Ledger(path) as ledger:
        ledger.save_plan(hh_master, NOW)
        before = _add(ledger, tmp_path, "NV.xlsx", "NV", accepted=False, findings=[refused],
                      named_period="6T")
        (sub,) = ledger.submissions(key, "9T")
        assert (sub.named_period, sub.period_named, sub.identity) == ("6T", "6T", {})
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE submissions DROP COLUMN named_period")
        db.execute("UPDATE meta SET value = '9' WHERE key = 'schema'")
    kept = path.read_bytes()
    with Ledger(path, create=False) as reading:
        (sub,) = reading.submissions(key, "9T")
        assert (sub.id, sub.named_period, sub.period_named) == (before, "", "")
    assert path.read_bytes() == kept
    with Ledger(path) as ledger:
        added = _add(ledger, tmp_path, "TP.xlsx", "TP", accepted=False,
                     identity={"unit": "TP", "period": "Q3"})
        named = {s.id: (s.named_period, s.period_named) for s in ledger.submissions(key, "9T")}
        assert named == {before: ("", ""), added: ("", "Q3")}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT id, named_period FROM submissions ORDER BY id").fetchall() \
            == [(before, None), (added, None)]
        assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (
            SCHEMA_VERSION,)
