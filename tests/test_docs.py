"""docs/ says what the code does: the ledger's tables and columns, its schema version
and the codes a ledger stores are the ones docs/ledger.md lists; code comments cite
docs/, never a file outside the repository; the files and module names README.md and
docs/ point to are there."""

from __future__ import annotations

import re
import sqlite3

from cchc_xl import vocab
from cchc_xl.ledger.schema import SCHEMA_VERSION, columns, prepare
from support.paths import ROOT

LEDGER_DOC = (ROOT / "docs" / "ledger.md").read_text(encoding="utf-8")


def _documented_tables() -> dict[str, str]:
    """Table name -> the text of its row in the schema table of docs/ledger.md."""
    rows = re.findall(r"^\| `(\w+)` \|(.*)\|$", LEDGER_DOC, re.MULTILINE)
    return dict(rows)


def test_ledger_doc_lists_every_table_and_column() -> None:
    db = sqlite3.connect(":memory:")
    prepare(db)  # a new ledger, as merge creates it
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    documented = _documented_tables()
    assert set(documented) == set(tables)
    missing = [f"{t}.{c}" for t in tables for c in sorted(columns(db, t))
               if f"`{c}`" not in documented[t]
               and not (t == "assessments" and c in ("plan_key", "period", "unit", "deliverable"))]
    assert not missing, f"docs/ledger.md does not describe: {missing}"


def test_ledger_doc_states_the_schema_version() -> None:
    assert f"## Schema (version {SCHEMA_VERSION}," in LEDGER_DOC
    assert f"(`schema` = `{SCHEMA_VERSION}`)" in LEDGER_DOC


def test_ledger_doc_lists_the_stored_codes() -> None:
    rows = _documented_tables()
    for code in (vocab.ACCEPTED, vocab.REJECTED, vocab.SUPERSEDED, vocab.WITHDRAWN):
        assert code in rows["submissions"], code
    for code in (vocab.LEAD, vocab.SUPPORT):
        assert code in rows["rows"], code
    for code in vocab.TIMELINESS_LABELS:
        assert code in rows["rows"], code
    for code in vocab.SEVERITY_LABEL:
        assert code in rows["problems"], code
    for code in vocab.VERDICT_LABELS:
        assert code in rows["assessments"], code


def test_code_cites_only_files_in_the_repository() -> None:
    outside = re.compile(r"DOMAIN\.md|STYLE\.md|\.\./shared|/work/|shared/reference")
    found = [f"{p.relative_to(ROOT)}:{n}" for folder in ("cchc_xl", "tests", "scripts")
             for p in sorted((ROOT / folder).rglob("*.py")) if p.name != "test_docs.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if outside.search(line)]
    assert not found, f"cite docs/… instead: {found}"
    cited = {m for p in (ROOT / "cchc_xl").rglob("*.py")
             for m in re.findall(r"docs/[\w./-]+\.md", p.read_text(encoding="utf-8"))}
    assert cited, "the code cites docs/ (the scan would pass vacuously otherwise)"
    assert all((ROOT / c).is_file() for c in cited), sorted(c for c in cited
                                                           if not (ROOT / c).is_file())


def test_deadline_doc_examples_read_as_their_kind() -> None:
    """Every example in docs/deadlines.md's table of kinds is read as that kind."""
    from cchc_xl.deadlines import parse_deadline

    doc = (ROOT / "docs" / "deadlines.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (.*?) \|", doc, re.MULTILINE)
    assert len(rows) == 9
    wrong = [(kind, example, [p.kind for p in parse_deadline(example, 2023).parts])
             for kind, forms in rows for example in re.findall(r"`([^`]+)`", forms)
             if kind not in {p.kind for p in parse_deadline(example, 2023).parts}]
    assert not wrong, f"docs/deadlines.md and the reader disagree: {wrong}"


def test_readme_module_map_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Module map"):readme.index("### Tests")]
    package = ROOT / "cchc_xl"
    missing = [p.name for p in sorted(package.glob("*.py"))
               if p.name != "__init__.py" and f"`{p.name}`" not in table]
    for sub in sorted(d for d in package.iterdir() if (d / "__init__.py").is_file()):
        if f"`{sub.name}/`" not in table:
            missing.append(f"{sub.name}/")
        missing += [f"{sub.name}/{p.stem}" for p in sorted(sub.glob("*.py"))
                    if p.name != "__init__.py" and f"`{p.stem}`" not in table]
    assert not missing, f"add to README's module map: {missing}"
    gone = [name for name in re.findall(r"`([\w/]+\.py)`", table)
            if not name.startswith("tests/") and not (package / name).is_file()]
    assert not gone, f"README's module map names modules that are gone: {gone}"


def test_documented_severities_are_the_reported_ones() -> None:
    """docs/validation.md and docs/master-format.md give each code the severities the
    code reports it with (a finding is made as ERROR, "code", ... or rejected("code"))."""
    made = re.compile(r"\b(ERROR|WARNING|NOTE),\s*\"([a-z0-9-]+)\""
                      r"|\brejected\(\s*\"([a-z0-9-]+)\"")
    reported: dict[str, set[str]] = {}
    for path in (ROOT / "cchc_xl").rglob("*.py"):
        for severity, code, rejected in made.findall(path.read_text(encoding="utf-8")):
            reported.setdefault(code or rejected, set()).add(severity.lower() or vocab.ERROR)
    documented: dict[str, set[str]] = {}
    for name in ("validation.md", "master-format.md"):
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        for code, severities in re.findall(r"^\| `([a-z0-9-]+)` \| ([a-z/]+) \|", text,
                                           re.MULTILINE):
            documented.setdefault(code, set()).update(severities.split("/"))
    assert len(reported) > 60
    differ = {code: (sorted(reported.get(code, ())), sorted(documented.get(code, ())))
              for code in set(reported) | set(documented)
              if reported.get(code) != documented.get(code)}
    assert not differ, f"code: (reported, documented): {differ}"


def test_only_the_ledgers_modules_speak_sql() -> None:
    """docs/ledger.md: SQL is put to the ledger by its own modules alone; the rules
    built on what they read (carried.py, merge/counted.py) call them."""
    ledger_modules = {"ledger/__init__.py", "ledger/history.py", "ledger/schema.py",
                      "ledger/lock.py", "ledger/rejudge.py", "ledger/copy.py",
                      "ledger/digest.py", "ledger/assessments.py", "ledger/outputs.py"}
    sql = re.compile(r"\.(?:execute|executemany|executescript)\(|\bSELECT\s|\bUPDATE\s"
                     r"|\bDELETE\s+FROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b")
    package = ROOT / "cchc_xl"
    speaking = {p.relative_to(package).as_posix() for p in sorted(package.rglob("*.py"))
                if sql.search(p.read_text(encoding="utf-8"))}
    assert {"ledger/__init__.py", "ledger/history.py", "ledger/schema.py"} <= speaking  # SQL seen
    assert not speaking - ledger_modules, f"SQL outside the ledger's modules: {speaking}"
    for name in sorted(ledger_modules):
        assert f"`cchc_xl/{name}`" in LEDGER_DOC, name


# README.md and docs/*.md but the performance log, which names code as it was at each pass.
_GUIDES = [ROOT / "README.md"] + [p for p in sorted((ROOT / "docs").glob("*.md"))
                                  if p.name != "performance.md"]
_FILE_TYPES = (".csv", ".json", ".xlsx", ".xls", ".ods", ".docx", ".doc", ".py", ".md",
               ".j2", ".txt", ".sqlite", ".zip", ".html", ".pdf", ".png")


def _named_in_guides(pattern: str) -> set[tuple[str, str]]:
    """(document, text) of every `backticked` text in the guides that matches pattern."""
    return {(p.name, m) for p in _GUIDES
            for m in re.findall(r"`([^`\n]+)`", p.read_text(encoding="utf-8"))
            if re.fullmatch(pattern, m)}


def test_files_the_docs_name_exist() -> None:
    """A path into the repository named in README.md or docs/ (`cchc_xl/…`, `tests/…`,
    `scripts/…`, `templates/…`) is there: a module split or a test file renamed leaves
    no pointer to nowhere."""
    named = _named_in_guides(r"(?:cchc_xl|tests|scripts|templates|docs)/[\w./*-]+")
    assert len(named) > 50  # the scan sees the docs' paths
    gone = sorted((doc, path) for doc, path in named
                  if not (any(ROOT.glob(path)) if "*" in path else (ROOT / path).exists()))
    assert not gone, f"the docs name files that are not there: {gone}"


# The checkout's own Python files at its top, which the docs may name by their file.
_TOP_LEVEL = {p.name for p in ROOT.glob("*.py")}


def test_modules_the_docs_name_by_their_file_exist() -> None:
    """A module named by its file alone in README.md or docs/ (`official/__init__.py`,
    `fast/reader.py`, `ledger/__init__.py`) is one of cchc_xl's, and a test module
    (`test_web_plan.py`) one of tests/': the paths above are only those that begin with
    their folder, and the names below only those without ".py", so `fastxlsx.py` left in
    a doc after it became `fast/reader.py` was seen by neither."""
    named = {(doc, name) for doc, name in _named_in_guides(r"[\w/]+\.py")
             if not name.startswith(("cchc_xl/", "tests/", "scripts/"))}
    assert len(named) > 50  # the scan sees the docs' module names
    gone = sorted((doc, name) for doc, name in named
                  if not (ROOT / "cchc_xl" / name).is_file()
                  and not (name.startswith("test_") and (ROOT / "tests" / name).is_file())
                  and name not in _TOP_LEVEL)
    assert not gone, f"the docs name modules that are not there: {gone}"


_PACKAGES = ("cchc_xl.", "cchc_xl.master.", "cchc_xl.plan_import.", "cchc_xl.report.",
             "cchc_xl.web.", "cchc_xl.web.pages.", "cchc_xl.deadlines.",
             "cchc_xl.ledger.", "cchc_xl.fast.", "cchc_xl.intake.", "cchc_xl.official.",
             "cchc_xl.letters.", "cchc_xl.merge.", "cchc_xl.consolidated.")


def test_module_attributes_the_docs_name_exist() -> None:
    """`module.name` in README.md or docs/ (`official.measure.FIT_SHARE`,
    `report/tables.progress_text`, `assignment.Identity.fields`), where the module is one
    of cchc_xl's, names something the module has."""
    import importlib

    named = _named_in_guides(r"(?:cchc_xl[./])?[a-z_]+(?:[./][A-Za-z_]\w*)+(?:\(\))?")
    checked, missing = 0, []
    for doc, text in sorted(named):
        if text.endswith(_FILE_TYPES):
            continue
        parts = text.removesuffix("()").removeprefix("cchc_xl/").removeprefix(
            "cchc_xl.").replace("/", ".").split(".")
        module, rest = None, parts
        # The longest prefix that is a module of cchc_xl, or of one of its packages
        # (`layout.PLAN_FIELDS` in docs/master-format.md is master/layout's).
        for package in _PACKAGES:
            for i in range(len(parts), 0, -1):
                try:
                    module = importlib.import_module(package + ".".join(parts[:i]))
                except ModuleNotFoundError:
                    continue
                rest = parts[i:]
                break
            if module is not None:
                break
        if module is None:
            continue  # not one of cchc_xl's modules: `str.isspace`, `plans.version`
        checked += 1
        obj = module
        for name in rest:
            if not hasattr(obj, name) and name not in getattr(obj, "__dataclass_fields__", ()):
                missing.append((doc, text))
                break
            obj = getattr(obj, name, None)
    assert checked > 50  # the scan sees the docs' references
    assert not missing, f"the docs name what the code does not have: {missing}"


# Backticked like `Class.name` but no code: a file Windows leaves in a folder.
_NOT_CLASSES = {"Thumbs.db"}


def test_class_attributes_the_docs_name_exist() -> None:
    """`Class.name` in README.md or docs/ (`Ledger.settle`, `Reminder.support`,
    `Workspace.plan_of`) names a class of cchc_xl that has it: the test above reads
    `module.name` alone, so a method renamed or a class moved left such a pointer."""
    import importlib
    import inspect
    import pkgutil

    import cchc_xl

    classes: dict[str, list[type]] = {}
    for info in pkgutil.walk_packages(cchc_xl.__path__, "cchc_xl."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and obj.__module__ == module.__name__:
                classes.setdefault(name, []).append(obj)
    named = {(doc, text) for doc, text in _named_in_guides(r"[A-Z][a-z]\w*\.[A-Za-z_]\w*(?:\(\))?")
             if text not in _NOT_CLASSES}
    assert len(named) > 10  # the scan sees the docs' class references
    missing = []
    for doc, text in sorted(named):
        cls, attr = text.removesuffix("()").split(".")
        if not any(hasattr(c, attr) or attr in getattr(c, "__dataclass_fields__", ())
                   for c in classes.get(cls, ())):
            missing.append((doc, text))
    assert not missing, f"the docs name what no class of cchc_xl has: {missing}"


def _sections(doc: str) -> list[str]:
    """A doc's headings and bold terms (`**"Cần xác minh"**`), lower-cased: what a
    pointer `docs/X.md, "Title"` may name."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    found = re.findall(r"^#+\s+(.*)$", text, re.MULTILINE) + re.findall(r"\*\*(.+?)\*\*", text)
    return [re.sub(r"\s+", " ", s).strip('" ').lower() for s in found]


def _github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_sections_the_docs_name_exist() -> None:
    """A section named beside its doc, in the docs or in a code comment ("docs/
    performance.md, "Why a late file still costs a fifth of a merge""; several:
    `, "A", "B" and "C"`), is a heading (or a bold term) of that doc, and a link to
    a heading (`(#dùng-trên-trình-duyệt)`, `(docs/x.md#…)`) finds it: a section renamed
    leaves no pointer to nowhere."""
    pointer = re.compile(r'(docs/[\w-]+\.md)\)?,\s*((?:(?:,\s*|\s+and\s+)?"[^"]+")+)')
    link = re.compile(r"\]\(((?:docs/)?[\w-]*(?:\.md)?)#([^)\s]+)\)")
    sources = ([ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
               + [p for folder in ("cchc_xl", "tests", "scripts")
                  for p in sorted((ROOT / folder).rglob("*.py"))])
    named, wrong = 0, []
    for path in sources:
        # Lines joined, a comment's "#" and a docstring's indent dropped.
        text = re.sub(r"\s*\n\s*(?:#\s*)?", " ", path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for doc, titles in pointer.findall(text):
            if not (ROOT / doc).is_file():
                continue  # a missing doc is test_files_the_docs_name_exist's
            sections = _sections(doc)
            for title in re.findall(r'"([^"]+)"', titles):
                named += 1
                wanted = title.rstrip(",.; ").lower()
                if not any(wanted in s for s in sections):
                    wrong.append(f'{where}: {doc}, "{title}"')
        if path.suffix == ".md":
            for target, anchor in link.findall(text):
                doc = (f"docs/{target}" if path.parent.name == "docs" and target
                       else target or str(where))
                heads = re.findall(r"^#+\s+(.*)$", (ROOT / doc).read_text(encoding="utf-8"),
                                   re.MULTILINE)
                named += 1
                if anchor not in {_github_slug(h) for h in heads}:
                    wrong.append(f"{where}: ({target}#{anchor})")
    assert named > 10  # the scan sees the pointers
    assert not wrong, f"no such section: {wrong}"


def test_relative_links_resolve() -> None:
    """Every relative link or image in README.md and docs/*.md, read from the folder of the
    doc it is in, reaches a file, and its anchor a heading of that file: the test above
    reads only `(#x)` and `(docs/x.md#x)`, so docs/huong-dan.md's way back to the README
    (`(../README.md#bắt-đầu-nhanh)`), its picture (`(img/thu-nhan.png)`) and a link with no
    anchor to a doc renamed were read by nothing."""
    link = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
    named, wrong = 0, []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"),
                      flags=re.MULTILINE | re.DOTALL)
        for target in link.findall(re.sub(r"`[^`\n]*`", "", text)):
            if re.match(r"[a-z]+:", target):
                continue  # http:, mailto:
            named += 1
            file, _, anchor = target.partition("#")
            dest = (path.parent / file).resolve() if file else path
            if not dest.is_file():
                wrong.append(f"{path.relative_to(ROOT)}: ({target}) no such file")
            elif anchor:
                heads = re.findall(r"^#+\s+(.*)$", re.sub(
                    r"^```.*?^```", "", dest.read_text(encoding="utf-8"),
                    flags=re.MULTILINE | re.DOTALL), re.MULTILINE)
                if anchor not in {_github_slug(h) for h in heads}:
                    wrong.append(f"{path.relative_to(ROOT)}: ({target}) no such heading")
    assert named > 100  # the scan sees the links (README's and the guide's)
    assert not wrong, wrong


def test_module_map_names_what_its_modules_have() -> None:
    """A function or name the README's module map gives in a module's row (`check_master`,
    `load_snapshot`, `withdraw_file`) is one of that row's modules' (or, for a package,
    one of its modules'): a function moved or renamed leaves no stale row."""
    import importlib
    import pkgutil

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Module map"):readme.index("### Tests")]
    checked, missing = 0, []
    for row in re.findall(r"^\| (`.+?) \| (.+) \|$", table, re.MULTILINE):
        modules = [importlib.import_module("cchc_xl." + m.replace("/", "."))
                   for m in re.findall(r"`([\w/]+?)(?:\.py|/)`", row[0])]
        modules += [importlib.import_module(f"{m.__name__}.{sub.name}") for m in modules
                    if hasattr(m, "__path__") for sub in pkgutil.iter_modules(m.__path__)]
        stems = {m.__name__.rsplit(".", 1)[-1] for m in modules}
        for name in re.findall(r"`([a-z]\w*_\w*)(?:\(\))?`", row[1]):
            if name in stems:
                continue  # a package's module named in its row: test_readme_module_map…
            checked += 1
            if not any(hasattr(m, name) for m in modules):
                missing.append(f"{row[0]}: {name}")
    assert checked > 5  # the scan sees the map's names
    assert not missing, f"README's module map names what its modules lack: {missing}"


def test_master_doc_names_every_header_spelling() -> None:
    """docs/master-format.md names every header and label spelling the master's reader
    accepts (`master/layout.py`: the "Kế hoạch" labels, the "Đơn vị", "Nhóm", "Kỳ báo
    cáo" and area sheets' headers): a spelling added to the reader is added to the doc."""
    from cchc_xl.master import layout

    doc = re.sub(r"\s+", " ", (ROOT / "docs" / "master-format.md").read_text(encoding="utf-8"))
    tables = (layout.PLAN_FIELDS, layout.UNIT_COLUMNS, layout.GROUP_COLUMNS,
              layout.PERIOD_COLUMNS, layout.AREA_COLUMNS)
    spellings = [s for table in tables for names in table.values() for s in names]
    assert len(spellings) > 40
    missing = [s for s in spellings if s not in doc]
    assert not missing, f"docs/master-format.md does not name these spellings: {missing}"


def test_ledger_doc_names_every_key_of_the_plan_snapshot() -> None:
    """docs/ledger.md's "The plan snapshot" names every key `plan_codec.plan_to_dict`
    writes, those written only when set too (a plan's signer, a unit's contacts)."""
    from dataclasses import replace

    from cchc_xl.plan_codec import plan_to_dict
    from support.report import tiny_master

    master = tiny_master()
    master.plan = replace(master.plan, signer="Lê Văn Bình", signer_title="PHÓ CHỦ TỊCH")
    master.units[0] = replace(master.units[0], email="a@b.vn", phone="0237", contact="An")

    def keys(value: object) -> set[str]:
        """The keys of a snapshot's dicts at every depth; the assignments' keys are
        deliverable ids, their values' keys are named."""
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        if not isinstance(value, dict):
            return set()
        found = set(value) | {k for name, v in value.items() if name != "assignments"
                              for k in keys(v)}
        return found | {k for v in value.get("assignments", {}).values() for k in keys(v)}

    section = LEDGER_DOC[LEDGER_DOC.index("## The plan snapshot"):]
    written = keys(plan_to_dict(master))
    assert {"signer", "email", "deliverables", "assignments"} <= written
    missing = sorted(k for k in written if not re.search(rf"\b{k}\b", section))
    assert not missing, f"docs/ledger.md's plan snapshot does not name: {missing}"


def test_readme_says_what_each_doc_is_for() -> None:
    """README's "The docs" gives every docs/*.md a row saying what it is for: a newcomer
    finds docs/printing.md (named nowhere in README before) or learns that
    docs/performance.md is a log, not a reference, without opening each."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### The docs"):readme.index("### Module map")]
    rows = dict(re.findall(r"^\| \[(docs/[\w-]+\.md)\]\(\1\) \| (.+) \|$", table, re.MULTILINE))
    docs = {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")}
    assert not docs - set(rows), f"add to README's \"The docs\": {sorted(docs - set(rows))}"
    assert not set(rows) - docs, f"README's \"The docs\" names docs that are gone: {rows}"
    assert all(len(purpose.split()) >= 8 for purpose in rows.values()), rows


def test_each_doc_opens_with_one_title_and_what_it_is_for() -> None:
    """A doc has one title and a paragraph under it before its first section: docs/
    printing.md opened on the title of its first topic, "Printing: a task on one page",
    with nine more titles of the same level below, and read as a note on that one topic."""
    wrong = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"),
                      flags=re.MULTILINE | re.DOTALL)  # a shell comment is no heading
        titles = re.findall(r"^# .*$", text, re.MULTILINE)
        opening = text.split("\n## ", 1)[0]
        paragraph = re.sub(r"^# .*$", "", opening, flags=re.MULTILINE).strip()
        if len(titles) != 1 or not text.startswith("# ") or len(paragraph.split()) < 15:
            wrong.append(f"{path.name}: {len(titles)} titles, {len(paragraph.split())} words")
    assert not wrong, wrong


def _shown_calls(text: str, commands: set[str]) -> list[tuple[str, str]]:
    """(command, the rest of its line) of each call of cchc-xl the text shows: a code
    block's line (`$ ` and a line continued by `\\` taken in, the comment after `#` left
    out) and inline code (`cchc-xl split … --out giao/`, or a command's name first:
    `merge --db SỔ_CÁI`, not `soffice --convert-to`)."""
    calls = []
    for block in re.findall(r"^```.*?\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        for line in re.sub(r"\\\n\s*", " ", block).splitlines():
            line = line.split(" #", 1)[0].removeprefix("$ ").strip()
            if m := re.match(r"\S*cchc-xl (\S+)(.*)", line):
                calls.append((m[1], m[2]))
    for code in re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text,
                                                   flags=re.MULTILINE | re.DOTALL)):
        if m := re.match(r"\S*cchc-xl (\S+)(.*)", code):
            calls.append((m[1], m[2]))
        elif (m := re.match(r"([a-z]+)( --[a-z].*)", code)) and m[1] in commands:
            calls.append((m[1], m[2]))
    return calls


def test_the_calls_the_guides_show_are_the_commands_options() -> None:
    """A call of cchc-xl that README.md or docs/huong-dan.md shows names one of its
    commands, with options that command has, and every option of every command is named
    in the guide: an option renamed left the guide showing a call that fails (exit 2),
    one added and not written in "Các tùy chọn khác" was the --help's alone. The checks
    above read files, modules and anchors, none of them the commands."""
    from cchc_xl.cli import main

    options = {name: {o for p in cmd.params for o in getattr(p, "opts", ()) if o[:2] == "--"}
               for name, cmd in main.commands.items()}
    shown, wrong = 0, []
    for path in (ROOT / "README.md", ROOT / "docs" / "huong-dan.md"):
        for command, rest in _shown_calls(path.read_text(encoding="utf-8"), set(options)):
            if command not in options:
                if re.match(r"--|LỆNH$|…$", command) is None:  # `cchc-xl --version`, `cchc-xl …`
                    wrong.append(f"{path.name}: cchc-xl {command}{rest}")
                continue
            shown += 1
            wrong += [f"{path.name}: cchc-xl {command} {o}"
                      for o in re.findall(r"(?<![\w-])--[a-z][\w-]*", rest)
                      if o not in options[command] | {"--help"}]
    assert shown > 40  # the scan sees the calls
    assert not wrong, f"the guides show options the commands do not have: {wrong}"
    guide = (ROOT / "docs" / "huong-dan.md").read_text(encoding="utf-8")
    named = set(re.findall(r"--[a-z][\w-]*", " ".join(re.findall(r"`[^`]+`|^```.*?^```", guide,
                                                                  re.MULTILINE | re.DOTALL))))
    unnamed = sorted(f"{c} {o}" for c, opts in options.items() for o in opts - named - {"--help"})
    assert not unnamed, f"docs/huong-dan.md does not name these options: {unnamed}"


def test_the_guides_commands_of_a_shared_option_are_those_having_it() -> None:
    """docs/huong-dan.md's "Các tùy chọn khác" says which commands take a shared option
    (`--json` … (`import`, `check`, `show`, `merge`, `report`)): each that has it and no
    other. The check above holds every option named somewhere in the guide; a command
    given `--json` or `--silent` later, and left out of its list, was not caught."""
    from cchc_xl.cli import main

    options = {name: {o for p in cmd.params for o in getattr(p, "opts", ())}
               for name, cmd in main.commands.items()}
    guide = (ROOT / "docs" / "huong-dan.md").read_text(encoding="utf-8")
    section = guide[guide.index("### Các tùy chọn khác"):guide.index("### Mã thoát")]
    checked, wrong = 0, []
    for bullet in re.split(r"\n- ", section)[1:]:
        option = re.match(r"`(--[a-z][\w-]*)[^`]*`", bullet)
        named = set(re.findall(r"`([a-z]+)`", bullet)) & set(options)
        if option is None or not named:
            continue
        checked += 1
        having = {name for name, opts in options.items() if option[1] in opts}
        if named != having:
            wrong.append(f"{option[1]}: the guide names {sorted(named)}, "
                         f"the commands having it are {sorted(having)}")
    assert checked >= 3  # --json, --force, --silent
    assert not wrong, wrong


def test_the_buttons_the_guides_say_to_press_are_the_apps() -> None:
    """Each label README.md and docs/huong-dan.md say to press (bấm "…", nút "…") is one
    the app shows: its pages (templates/web/), their scripts and the web package's
    messages. The guide is what a newcomer follows, page by page (a QA pass from a Word
    plan to the signed report); a button renamed left it naming one no page has, and the
    checks above read the commands, never the pages. A label's "…", its "N" (a count) and
    a period's name closing it ("Gộp vào kỳ 6 tháng đầu năm 2023") stand for what the
    page fills in: the parts around them are looked for."""
    import html as html_text

    sources = [*(ROOT / "templates" / "web").rglob("*.html"),
               *(ROOT / "templates" / "web" / "static").glob("*.js"),
               *(ROOT / "cchc_xl" / "web").rglob("*.py")]
    shown = html_text.unescape("\n".join(p.read_text(encoding="utf-8") for p in sources))
    period = re.compile(r"\s(?:quý [IV]+ năm|6 tháng đầu năm|9 tháng năm|năm) \d{4}$")
    pressed = re.compile(r'(?:[Bb]ấm|[Nn]út)\s+((?:"[^"\n]+"(?:,?\s*(?:hoặc|hay|và|rồi)?\s*))+)')
    checked, missing = 0, []
    for path in (ROOT / "README.md", ROOT / "docs" / "huong-dan.md"):
        text = re.sub(r"\s*\n\s*", " ", path.read_text(encoding="utf-8"))
        for said in pressed.finditer(text):
            for label in re.findall(r'"([^"]+)"', said[1]):
                checked += 1
                parts = re.split(r"…|\bN\b", period.sub("", label))
                if not all(part.strip() in shown for part in parts):
                    missing.append(f"{path.name}: {label}")
    assert checked > 45  # the scan sees the guide's buttons
    assert not missing, f"the guides say to press buttons the app does not have: {missing}"
