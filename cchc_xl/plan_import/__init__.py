"""Importing a plan as issued — a Word document, its PDF, or a workbook whose tables list
the tasks — into a master workbook (``cchc-xl import``).

:func:`import_plan` reads the source (:mod:`.docx_source`, :mod:`.pdf_source`,
:mod:`.xlsx_source`),
finds areas, tasks and products in its tables (:mod:`.recognize`, into :mod:`.raw`),
builds the plan model (:mod:`.build`) and the unit registry (:mod:`.registry`), writes
the master through :func:`cchc_xl.master.write_master` and checks it. Findings name the place
in the source ("bảng 2, dòng 5") as well as the cell of the master.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import UsageError, WorkbookError
from ..findings import SOURCE_PLACE, Finding
from ..intake.convert import convert_with_office, office_available
from ..issuer import (
    COMMUNE_LEVEL,
    LAST_DISTRICT_YEAR,
    PROVINCE,
    Level,
    authority_level,
    authority_name,
    authority_place,
    issued_by_department,
    issuer_of,
    plan_code,
)
from ..master import name_offices_for, read_master, write_master
from ..master.layout import template_name
from ..model import Master, Plan, task_id_of
from ..office_ui import LO_DOCX_TYPE, LO_SAVE_AS, MS_SAVE_AS, WORD_PASSWORD
from ..overwrite import (
    CONSOLIDATED,
    PLAN_TABLE,
    UNIT_FILE,
    WORD_DOCUMENT,
    kind_of,
    refuse_overwrite,
)
from ..periods import default_periods
from ..provinces import Province, find_province
from ..sniff import EMPTY_HINT, FORMAT_MESSAGES, sniff_format
from ..templates import template_path
from ..text import match_key, short_list, slug
from ..units import GROUP, UNIT, Registry
from ..vocab import COMMUNE, ERROR, KIND_LABELS, NOTE, WARNING
from ..xlio import output_path
from .amended import amended_plan, amendment_alone
from .build import Built, build_areas, build_plan, plan_year
from .communes import (
    district_level_named,
    province_communes_note,
    province_registry,
    thin_commune_groups,
)
from .docx_source import read_docx, tracked_changes_found
from .headers import no_table_message
from .kept_ids import keep_ids, plan_in_use
from .paired import pair_leads
from .pdf_source import read_pdf
from .plan_names import named_as_the_plan_writes, named_for_the_place, place_names
from .preamble import NEVER_A_PLAN, OTHER_KINDS, document_kind
from .raw import RawPlan
from .recognize import recognize
from .registry import complete_registry, load_units
from .report_days import report_days_found
from .source import Block, legacy_places
from .unled import groups_leading_as_units
from .unnamed import only_through_groups
from .xlsx_source import hidden_rows_found, read_xlsx

__all__ = ["ImportResult", "import_plan", "read_blocks"]

# What import reads, as the refusals of anything else say it (the plan page's file box
# says the same: templates/web/plan.html).
DOCUMENT_KINDS = ("văn bản Word (.docx, .doc), OpenDocument (.odt), PDF (.pdf) hay bảng tính "
                  "Excel (.xlsx)")
_WORD_HINT = (f"mở văn bản trong Word, chọn {MS_SAVE_AS} kiểu .docx, hoặc trong LibreOffice "
              f"Writer, chọn {LO_SAVE_AS} kiểu '{LO_DOCX_TYPE}'")

_LEGACY_HINT = ("chuyển văn bản sang Unicode bằng Unikey: chép toàn bộ văn bản, mở Công cụ "
                "chuyển mã, chọn bảng mã nguồn TCVN3 (ABC) hoặc VNI Windows, bảng mã đích "
                "Unicode, bấm Chuyển mã rồi dán lại; lưu lại rồi nhập lại")

# A document typed mostly in Unicode, a few paragraphs or cells pasted from an old one:
# those alone are converted (Unikey's converter takes Unicode text for the old code's
# bytes and garbles it).
_PARTLY_LEGACY_HINT = ("chuyển riêng các đoạn, ô đó sang Unicode bằng Unikey: chọn và chép "
                       "từng đoạn, ô, không chép cả văn bản vì phần đã gõ Unicode sẽ bị hỏng; "
                       "mở Công cụ chuyển mã, chọn bảng mã nguồn TCVN3 (ABC) hoặc VNI Windows, "
                       "bảng mã đích Unicode, bấm Chuyển mã rồi dán lại vào chỗ cũ; lưu lại rồi "
                       "nhập lại")


@dataclass
class ImportResult:
    path: Path
    master: Master
    findings: list[Finding] = field(default_factory=list)

    @property
    def problems(self) -> bool:
        """True when something needs the user's attention (an error or a warning)."""
        return any(f.severity in (ERROR, WARNING) for f in self.findings)


def read_blocks(source: Path) -> list[Block]:
    """The lines and tables of a plan document, whatever its format."""
    if not source.exists():
        raise UsageError("không tìm thấy tệp kế hoạch", file=str(source))
    if source.is_dir():
        raise UsageError(f"đây là thư mục, cần một tệp: {DOCUMENT_KINDS}", file=str(source))
    kind = sniff_format(source)
    if kind == "corrupt":  # a zip cut short: damaged, by what its name says it is
        kind = "docx" if source.suffix.lower() in (".docx", ".docm", ".dotx") else "xlsx"
    if kind == "docx":
        return read_docx(source)
    if kind == "xlsx":
        return read_xlsx(source)
    if kind == "pdf":  # the PDF the document system published, with its text
        return read_pdf(source)
    if kind in ("ole2", "ods", "odt", "strict"):  # strict: Excel's "Strict Open XML"
        return _converted(source, kind)
    if kind == "empty":  # not "not a Word document": a copy or download that failed
        raise UsageError(FORMAT_MESSAGES["empty"], file=str(source), hint=EMPTY_HINT)
    raise UsageError(f"không phải {DOCUMENT_KINDS}", file=str(source), hint=_WORD_HINT)


def _ole_streams(source: Path) -> set[str]:
    """Names of the streams an OLE2 file holds that tell what it is: "WordDocument" (a
    Word 97-2003 document, whatever its name ends with), "EncryptedPackage" (an Office
    file with a password to open)."""
    data = source.read_bytes()
    return {name for name in ("WordDocument", "EncryptedPackage")
            if name.encode("utf-16-le") in data}


def _converted(source: Path, kind: str) -> list[Block]:
    """A .doc or .odt (or .xls, .ods, a Strict Open XML .xlsx) read through LibreOffice's
    conversion: a text document to .docx, a spreadsheet to .xlsx (an .odt converted as
    a spreadsheet failed: "LibreOffice không chuyển đổi được tệp này")."""
    streams = _ole_streams(source) if kind == "ole2" else set()
    if "EncryptedPackage" in streams:
        raise WorkbookError(
            "tệp có đặt mật khẩu mở, không đọc được", file=str(source),
            hint=f"mở tệp trong Word bằng mật khẩu, xóa mật khẩu ở {WORD_PASSWORD}, lưu lại "
                 "rồi nhập lại")
    word = kind == "odt" or (kind == "ole2" and (source.suffix.lower() in (".doc", ".dot", ".rtf")
                                                or "WordDocument" in streams))
    target = "docx" if word else "xlsx"
    if not office_available():
        raise UsageError(f"tệp {source.suffix or kind} cần LibreOffice để chuyển đổi, máy này "
                         "chưa cài", file=str(source), hint=_WORD_HINT)
    with tempfile.TemporaryDirectory(prefix="cchc-import-") as work:
        converted = convert_with_office([source], Path(work), target)[0].get(source)
        if converted is None:
            raise WorkbookError("LibreOffice không chuyển đổi được tệp này", file=str(source),
                                hint=_WORD_HINT)
        return read_docx(converted) if target == "docx" else read_xlsx(converted)


def _partly_legacy(places: list[str], source: Path) -> WorkbookError:
    """The refusal of a plan whose tasks were read but some of whose paragraphs or cells
    are typed in TCVN3/VNI: imported, the garbled names in its unit columns became new
    units ("'Phßng V¨n hãa - X· héi' chưa có trong danh sách: đã thêm mã PVNHXH"), said
    before the errors of the encoding that explained them. Nothing is written."""
    return WorkbookError(
        f"văn bản có {len(places)} đoạn, ô gõ bằng bảng mã cũ TCVN3/VNI (phông .VnTime, "
        f"VNI-Times), chữ tiếng Việt không đọc được: "
        f"{short_list(places, limit=5, separator='; ', noun='chỗ')}; chưa tạo bảng kế hoạch "
        "vì tên đơn vị gõ bằng bảng mã cũ sẽ thành đơn vị mới mang tên sai",
        file=str(source), hint=_PARTLY_LEGACY_HINT)


def _not_a_plan(raw: RawPlan, source: Path) -> None:
    """A report, a notice, a submission is no plan, whatever table it holds: refused by
    the kind its number gives, when it has no plan title ("KẾ HOẠCH")."""
    kind = document_kind(raw.number, NEVER_A_PLAN)
    if kind is not None and not raw.title:
        raise UsageError(
            f"văn bản số {raw.number} là {kind}, không phải kế hoạch", file=str(source),
            hint="nhập văn bản kế hoạch CCHC đã ban hành: tiêu đề 'KẾ HOẠCH', số …/KH-…; "
                 "hoặc phụ lục nhiệm vụ kèm theo kế hoạch")


def _not_ours(source: Path) -> None:
    """A workbook cchc-xl made is no plan document to import: a plan table imported as
    if written by hand came out wrong ("40 nhiệm vụ, 14 đơn vị" of 34 and 47: a probe)."""
    kind = kind_of(source) if source.is_file() else None
    if kind == PLAN_TABLE:
        raise UsageError("đây đã là bảng kế hoạch (theo mẫu của cchc-xl), không cần nhập",
                         file=str(source),
                         hint="dùng thẳng tệp này làm bảng kế hoạch, không qua bước nhập")
    if kind in (UNIT_FILE, CONSOLIDATED):
        raise UsageError(f"đây là {kind} do cchc-xl tạo, không phải văn bản kế hoạch",
                         file=str(source), hint="nhập văn bản kế hoạch đã ban hành: bản "
                                                "Word, hoặc bảng Excel có các bảng nhiệm vụ")


def import_plan(source: str | Path, out: str | Path, *, units: str | Path | None = None,
                province: str | None = None, year: int | None = None,
                force: bool = False, replacing: Plan | None = None) -> ImportResult:
    """Read a plan document and write its master workbook to ``out``. ``replacing``: the
    plan in use, whose code a new version of the same plan (its issuer and year) keeps,
    however that code was made (before 3 December 2026: from the file's name)."""
    source, out = Path(source), output_path(out, (".xlsx",), "bảng kế hoạch")
    if out.exists() and not force:
        raise UsageError("tệp đã có; dùng --force để ghi đè", file=str(out))
    # --force replaces a plan table, never a unit's file or a consolidated workbook.
    refuse_overwrite(out, "bảng kế hoạch", (UNIT_FILE, CONSOLIDATED, WORD_DOCUMENT))
    if out.resolve() == source.resolve():
        raise UsageError("tệp ra trùng tệp kế hoạch gốc; chọn tên khác", file=str(out))
    if units and out.resolve() == Path(units).resolve():
        raise UsageError("tệp ra trùng tệp danh sách đơn vị (--units): tệp đọc vào không bao "
                         "giờ bị ghi đè; chọn tên khác cho --out", file=str(out))
    _not_ours(source)
    blocks = read_blocks(source)
    raw = recognize(blocks, str(source))
    _not_a_plan(raw, source)
    legacy = legacy_places(blocks)
    if not any(a.tasks for a in raw.areas):
        if legacy:
            raise WorkbookError(
                f"văn bản gõ bằng bảng mã cũ TCVN3/VNI (phông .VnTime, VNI-Times), chữ tiếng "
                f"Việt không đọc được ({legacy[0]}), nên không tìm thấy bảng nhiệm vụ",
                file=str(source), hint=_LEGACY_HINT)
        message, hint = no_table_message(raw.closest)
        kind = document_kind(raw.number, OTHER_KINDS)
        if kind is not None and not raw.title:
            message = f"văn bản số {raw.number} là {kind}, {message}"
        raise WorkbookError(message, file=str(source), hint=hint)
    if legacy:
        raise _partly_legacy(legacy, source)
    the_year = plan_year(raw, year)
    if the_year is None:
        raise UsageError("không đọc được năm kế hoạch từ tiêu đề văn bản", file=str(source),
                         hint="ghi năm bằng --year, ví dụ --year 2026")
    plan = build_plan(raw, the_year, _plan_code(raw.authority, the_year, source))
    if replacing is None:
        replacing = plan_replaced(out)  # --force over the master in use
    if replacing is not None and replacing.year == plan.year and replacing.code and (
            match_key(replacing.authority) == match_key(plan.authority)):
        plan.code = replacing.code  # its files sent out still count
    level = authority_level(plan)
    commune = level is not None and level.code == COMMUNE_LEVEL
    if province and commune:
        raise UsageError(f"--province dùng cho kế hoạch của tỉnh (giao việc cho các xã, phường "
                         f"của tỉnh); kế hoạch này do {authority_name(plan.authority)} ban hành, "
                         "giao việc cho các cơ quan, đơn vị của mình", file=str(source),
                         hint="bỏ --province rồi nhập lại")
    # A province's plan imported with no unit list gets the province's communes, as
    # --province would give them: without them "UBND các xã, phường" would be only the
    # few communes the plan names, and the others' work lost without a word. A
    # department's plan for its own phòng gets neither the province's sở nor its communes.
    built = build_areas(raw, the_year, str(source))
    cells = [(text, built.places.get(d.id, ""))
             for a in built.areas for d in a.deliverables()
             for text in (d.lead_text, d.support_text) if text]
    own = issued_by_department(plan.authority) and not _beyond_the_department(cells)
    issuing = None if units or province or commune or own else _issuing_province(plan, level)
    if issuing is not None:
        province = issuing
    read: Master | None = None  # the master the units come from
    if units:
        unit_list, groups, read = load_units(Path(units))
    elif province or commune:
        # The level template's units (their usual names and abbreviations): a province's
        # sở, ban, ngành, then its communes and wards; a commune's offices.
        unit_list, groups, read = load_units(
            template_path(template_name("xa" if commune else "tinh")))
        if commune:
            name_offices_for(unit_list, "xã", level.kind, groups)
        elif level is not None and level.kind == "thành phố":
            # "Công an Thành phố" (Hà Nội)
            name_offices_for(unit_list, "tỉnh", "Thành phố", groups)
    else:
        unit_list, groups = [], []
    last = read.plan if read is not None else None
    in_use = plan_in_use(units, read, plan)  # the document amends it: its ids kept
    kept = keep_ids(built, in_use, str(source)) if in_use is not None else []
    if in_use is not None:  # the plan's title, number and date, its amendments recorded
        plan, said = amended_plan(plan, in_use.plan, str(source))
        kept += said
    else:
        kept += amendment_alone(plan, out.exists(), str(source))
    issuer = authority_place(plan.authority)
    # A commune's, ward's or special zone's offices as `init --commune` names them ("Ban
    # Chỉ huy quân sự xã", "Ban Chỉ huy quân sự phường"), given at the end to those the
    # plan names in no words of its own.
    placed = place_names(unit_list, issuer) if commune and not units and issuer else {}
    found = [*raw.findings, *hidden_rows_found(blocks, str(source)),
             *tracked_changes_found(blocks, str(source)), *kept]
    if units:  # the office's own list, not the level's template
        found += _other_level(plan, level, last, str(source))
        found += _other_place(plan, level, last, str(source))
    if plan.signer:
        # The report's signature block is the plan's until the office says otherwise.
        found.append(Finding(
            NOTE, "import-signer",
            f"người ký báo cáo lấy theo người ký kế hoạch: {plan.signer} ("
            + ", ".join(plan.signer_title.split("\n")) + "); báo cáo, công văn do người khác "
            "ký thì sửa ở ô 'Người ký báo cáo' và 'Chức vụ người ký' của trang 'Kế hoạch'",
            file=str(source)))
    if plan.return_to:
        # Each unit's guide says where its file goes back: the plan's own words.
        found.append(Finding(
            NOTE, "import-return-to",
            f"nơi nhận báo cáo lấy theo kế hoạch: {plan.return_to} (ghi ở trang Hướng dẫn "
            "của tệp mỗi đơn vị); nhận ở nơi khác, hoặc muốn ghi thêm người nhận, số điện "
            "thoại, thư điện tử thì sửa ở ô 'Nơi nhận báo cáo' của trang 'Kế hoạch'",
            file=str(source)))
    if province:
        if issuing is None:
            found += _other_province(plan, province, str(source))
        before = {u.code for u in unit_list}
        unit_list, groups = province_registry(unit_list, groups, province)
        added = [u for u in unit_list if u.code not in before]
        asked = issuing is None
        named = issuing if not asked else _province_named(province)
        if named is not None and added:
            found.append(province_communes_note(added, named, authority_name(plan.authority),
                                                str(source), asked=asked))
    listed = {u.code for u in unit_list if u.kind == COMMUNE}
    known = {(UNIT, u.code) for u in unit_list} | {(GROUP, g.code) for g in groups}
    found += [*built.findings, *complete_registry(unit_list, groups, cells, str(source), issuer),
              *thin_commune_groups(unit_list, groups, listed, cells, str(source),
                                   _communes_hint(level, the_year))]
    registry = Registry(unit_list, groups)
    found += [*district_level_named(registry, cells, the_year, str(source)),
              *pair_leads(built.areas, built, registry, known, str(source))]
    # Never an empty group as a product's only lead: the table would not load.
    found = groups_leading_as_units(built.areas, unit_list, groups, known, built.places, found,
                                    str(source), (last or plan).named_support)
    if units:  # last year's units the plan no longer names, but a group still gives work
        found += only_through_groups(read, plan.year, Registry(unit_list, groups), cells,
                                     str(source))
    if not units and (province or commune):  # the template's names, not the office's own
        found += named_as_the_plan_writes(unit_list, cells, str(source))
        named_for_the_place(unit_list, placed, cells)
    # An amendment keeps the plan in use's periods: the office's own (a "T10", a due date
    # moved) were put back to the defaults, a period's files then of no period.
    periods = in_use.periods if in_use is not None else default_periods(the_year)
    if in_use is None:  # the defaults: a day the plan gives its units is not theirs
        found += report_days_found(raw.report_days, periods, str(source))
    master = Master(plan=plan, units=unit_list, groups=groups, areas=built.areas,
                    periods=periods)
    if last is not None:
        master.plan.before, master.plan.named_support = last.before, last.named_support
    written = write_master(master, out)
    result_master, checked = read_master(written)
    checked = _with_source_places(checked, result_master, built.places)
    found = [*_not_said_by_check(found, checked, result_master, built), *checked]
    return ImportResult(path=written, master=result_master, findings=found)


def plan_replaced(out: Path) -> Plan | None:
    """The plan of the master an import writes over (``--force``), whose code a new
    version of it keeps: re-imported under a new code it no longer matched its ledger
    and the files returned (a QA pass). None when ``out`` is no master of cchc-xl, or one
    that cannot be read: the import then makes its code as for a new plan."""
    if not out.is_file() or kind_of(out) != PLAN_TABLE:
        return None
    try:
        master, _ = read_master(out)
    except (WorkbookError, UsageError, ValueError):
        return None
    return master.plan


def _plan_code(authority: str, year: int, source: Path) -> str:
    """The plan's code, from who issued it and its year ("hoang-hoa-2023", a department's
    "snv-thanh-hoa-2026"): the same document imported again, under any file name, is the
    same plan (its files sent out still count). The file's name only when the heading
    names no place."""
    return plan_code(authority, year) or slug(source.stem)


def _issuing_province(plan: Plan, level: Level | None) -> Province | None:
    """The province of the official list (after the 1 July 2025 reorganisation) whose
    people's committee issued the plan, if the plan is a province's of a later year."""
    if level is None or level.code != PROVINCE or plan.year <= LAST_DISTRICT_YEAR:
        return None
    try:
        return find_province(issuer_of(plan.authority).place)
    except UsageError:
        return None


# A name of the province's world outside a department: another sở, the sở as a group,
# a people's committee, a commune or ward.
_PROVINCE_NAMES = re.compile(r"(?:^|[,;:\n]|\bvà)\s*(?:các\s+)?sở\s|\b(?:ubnd|ủy ban nhân dân"
                             r"|uỷ ban nhân dân|xã|phường|đặc khu)\b", re.IGNORECASE)


def _beyond_the_department(cells: list[tuple[str, str]]) -> bool:
    """True when a department's plan gives work beyond its own phòng ("Sở Tư pháp",
    "UBND các xã, phường"): a plan for the province, which takes the province's units;
    "Văn phòng Sở", "Các phòng thuộc Sở" are the department's own."""
    return any(_PROVINCE_NAMES.search(text) for text, _ in cells)


def _province_named(province: str) -> Province | None:
    """The province of the official list ``--province`` names (None: none)."""
    try:
        return find_province(province)
    except UsageError:
        return None


def _other_province(plan: Plan, province: str, file: str) -> list[Finding]:
    """A warning when ``--province`` names another province than the one whose body
    issued the plan: its communes would take the plan's work for the province's own."""
    try:
        given = find_province(province)
        named = find_province(issuer_of(plan.authority).place)
    except UsageError:  # the plan names no province of the official list: nothing to say
        return []
    if named.code == given.code:
        return []
    return [Finding(WARNING, "import-province-other",
                    f"kế hoạch do {authority_name(plan.authority)} ban hành nhưng --province "
                    f"là {given.in_sentence}: đã thêm các xã, phường của {given.in_sentence}; "
                    f"nếu nhầm, nhập lại với --province \"{named.short_name}\"", file=file)]


def _other_level(plan: Plan, level: Level | None, last: Plan | None,
                 file: str) -> list[Finding]:
    """A warning when the unit list (``--units``: the plan in use, on the web) is of a plan
    of another level than the document's: a province's plan read against a ward's units
    took its sở for new units and its group of communes for the ward's own offices, with a
    warning for each and nothing saying why (a QA pass)."""
    if last is None or level is None:
        return []
    theirs = authority_level(last)
    if theirs is None or (level.code == COMMUNE_LEVEL) == (theirs.code == COMMUNE_LEVEL):
        return []
    return [Finding(WARNING, "import-units-other-level",
                    f"văn bản là kế hoạch của {level.kind} (do {authority_name(plan.authority)} "
                    f"ban hành), còn danh sách đơn vị (--units) lấy từ kế hoạch của "
                    f"{theirs.kind} ({authority_name(last.authority)}): đơn vị, nhóm và tên "
                    "gọi trong văn bản được đối chiếu với danh sách của cấp khác, nên có thể bị "
                    f"thêm mới hoặc nhận nhầm; chọn nhầm văn bản thì nhập văn bản kế hoạch của "
                    f"{theirs.kind}, dùng văn bản này thì nhập lại không kèm --units",
                    file=file)]


def _other_place(plan: Plan, level: Level | None, last: Plan | None,
                 file: str) -> list[Finding]:
    """A warning when the unit list (``--units``) is of a plan of another place of the same
    level: a ward's plan read against a commune's units ("phường Hạc Thành" with "xã Hoằng
    Hà"'s) took that commune's offices, their names in the files issued, with no word (a QA
    pass). Silent for the same place under another kind or body (last year's "xã" now a
    "phường"; a department's plan with its province's list, or the reverse); a province's
    plan against another province's list is warned too: its communes are that province's.
    Another level is :func:`_other_level`'s to say."""
    if last is None or level is None:
        return []
    theirs = authority_level(last)
    if theirs is None or (level.code == COMMUNE_LEVEL) != (theirs.code == COMMUNE_LEVEL):
        return []
    ours, given = _place_of(plan.authority), _place_of(last.authority)
    if ours is None or given is None or ours[0] == given[0]:
        return []
    what = "cơ quan, đơn vị" if level.code == COMMUNE_LEVEL else "sở, ban, ngành, xã, phường"
    return [Finding(WARNING, "import-units-other-place",
                    f"văn bản là kế hoạch của {ours[1]} (do {authority_name(plan.authority)} "
                    f"ban hành), còn danh sách đơn vị (--units) lấy từ kế hoạch của {given[1]} "
                    f"({authority_name(last.authority)}): các {what} được đặt theo danh sách "
                    f"của {given[1]}, tệp giao việc sẽ mang tên đó; dùng danh sách đơn vị của "
                    f"{ours[1]} (bảng kế hoạch năm trước của {level.kind}) rồi nhập lại, hoặc nhập "
                    f"lại không kèm --units để lấy tên các {what} theo mẫu của {level.kind} "
                    "(như bảng kế hoạch trống)", file=file)]


def _place_of(authority: str) -> tuple[str, str] | None:
    """(key, words) of the place an authority is of: ("hac thanh", "phường Hạc Thành"),
    the committee's office's ("lai chau", "Văn phòng UBND tỉnh Lai Châu"); None when it
    names none. The key is the name alone: "xã" and "phường" of one name are one place."""
    found = authority_place(authority)
    if found is not None:
        kind, name = found
        return match_key(name), f"{kind} {name}"
    place = issuer_of(authority).place
    return None if place == "…" else (match_key(place), authority_name(authority))


def _communes_hint(level: Level | None, year: int) -> str:
    """How to give a plan the communes its group of all communes means."""
    if level is not None and level.code == COMMUNE_LEVEL:
        return (f"ghi các xã, phường vào trang 'Đơn vị' (loại '{KIND_LABELS[COMMUNE]}'), hoặc nhập "
                "lại với --units danh sách đơn vị")
    if year > LAST_DISTRICT_YEAR:
        return ("cần danh sách các xã, phường của tỉnh: nhập lại với --province TỈNH, hoặc "
                "--units bảng kế hoạch năm trước")
    return ("cần danh sách các xã, phường: nhập lại với --units bảng kế hoạch năm trước, hoặc ghi "
            "các xã, phường vào trang 'Đơn vị'")


_ROW = re.compile(r"(\d+)$")


def _with_source_places(found: list[Finding], master: Master, places: dict[str, str]
                        ) -> list[Finding]:
    """The master's findings, each with the source row its master row came from."""
    by_row = {(d.sheet, d.row): places.get(d.id, "") for d in master.deliverables()}
    out = []
    for f in found:
        m = _ROW.search(f.cell)
        place = by_row.get((f.sheet, int(m[1])), "") if m else ""
        out.append(replace(f, place=f"{SOURCE_PLACE}{place}") if place else f)
    return out


# The import's findings on a task's rows that the check of the master it wrote says again,
# by the codes the check says them with: a task with no product (no product column), lead
# or deadline; a sub-task's number with no task above it. Said once, by the check, at the
# cell to fill: the web app's plan page lists the check's findings of the plan in use
# whatever the import said, and a plan of six tasks without a product column read twelve
# warnings (a QA pass).
_SAID_BY_CHECK = {
    "import-task-incomplete": {"product-missing", "lead-missing", "deadline-missing"},
    "import-subtask-orphan": {"number-looks-subtask"},
}


def _not_said_by_check(found: list[Finding], checked: list[Finding], master: Master,
                       built: Built) -> list[Finding]:
    """``found`` without what ``checked`` says again of the same task's rows."""
    rows: dict[str, set[str]] = {}  # task id -> the source places of its rows
    for d in master.deliverables():
        tid = task_id_of(d.id)
        rows.setdefault(tid, {built.task_places.get(tid, "")}).add(built.places.get(d.id, ""))
    said = {(f.code, place) for f in checked if f.task
            for place in rows.get(task_id_of(f.task), ()) if place}
    return [f for f in found
            if not any((code, f.place) in said for code in _SAID_BY_CHECK.get(f.code, ()))]
