"""Library messages said the browser's way: where the library sends the user to a
terminal command ('cchc-xl init', 'cchc-xl withdraw', "merge --received"), the page
names its own step or button instead.

The library speaks to both the CLI and the browser; its words for the terminal are
swapped here, at the web layer, never in the library."""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import CchcError
from ..folder_names import INTAKE_DIR, PERIOD_FILES, SPLIT_DIR, period_name
from ..issuer import names_authority, running_plan
from ..model import Period, Plan
from ..text import mid_sentence
from ..year_turn import (
    ASSESSING,
    MERGING,
    RECOUNTING,
    REPORTING,
    SPLITTING,
    WITHDRAWING,
    WRITING_LETTERS,
)
from .plan_periods import RECOUNT, RECOUNTING_WITH_PLAN, TICKED

# How the pages name the stored master (folder_names.MASTER_NAME is no name the office gave it).
PLAN_IN_USE = "bảng kế hoạch đang dùng"
# The pages quote a box, a button, a phrase with curly quotes (“Hạn gửi lại”); the
# library's words for the terminal keep straight ones.
PAGE_QUOTES = "“”"
# The button that makes a backup, where it is (the frame's footer links to its card).
_BACKUP_BUTTON = "“Sao lưu và tải về” ở mục “Sao lưu dữ liệu” của trang Kế hoạch"
# The import form's box that does what --province does, as hints name it.
_PROVINCE_BOX = "Thêm các xã, phường của tỉnh…"

# Where the app writes a step's files is no choice of the office's: an output of another
# plan found there (year_turn.refuse_another_plans, refuse_another_plans_files,
# refuse_another_plans_letters: last year's folder copied, the new plan table put in it by
# hand) is moved out of the working folder, then the step done again. The step the
# library names, as the page's button; none for a merge (its page says the files uploaded
# are kept) nor a recount (a plan put in place, a file gone to its own period: the next
# merge writes the workbook), and the period's workbook written again after a file
# withdrawn, the office's verdicts read back (merge.refresh_outputs) is its button again;
# a recount with the plan in use (Workspace.recount: a plan put in place, the Báo cáo
# page's button) is that button, which Báo cáo offers while the period is not recounted.
_AGAIN = {SPLITTING: ", rồi tạo tệp giao lại", REPORTING: ", rồi lập lại báo cáo",
          WRITING_LETTERS: ", rồi lập lại công văn", MERGING: "", RECOUNTING: "",
          RECOUNTING_WITH_PLAN: f", rồi bấm “{RECOUNT}” ở trang Báo cáo",
          WITHDRAWING: ", rồi rút tệp lại",
          ASSESSING: ", rồi tải bảng tổng hợp đã đánh giá lên lại"}
# Where another plan's files go, as every page says it (the refusals above, the notice of
# Báo cáo and Phản hồi naming another plan's outputs left in the folder: other_plans.py).
MOVED_OUT = "ra khỏi thư mục làm việc của ứng dụng, ví dụ sang thư mục làm việc của kế hoạch kia"
_ANOTHER_PLANS = (
    r"(tệp|thư mục) ((?:(?!: ).)+?): (đã có tệp này và đó là|thư mục có tệp (?:giao|phản "
    r"hồi)) (.*?) đang (" + "|".join(_AGAIN) + r"): (?:--force chỉ để tạo lại tệp giao của "
    r"chính kế hoạch này, )?((?:tệp phản hồi [^:;]*?nên )?ghi (?:ra đó|vào đây) sẽ xóa [^;]*); "
    r"lệnh không ghi gì \(chọn (?:tên tệp|thư mục) khác cho --\w+(?: \([^)]*\))?, ví dụ "
    r"[^,)]+(?:, để giữ cả hai)?\)")


def _another_plans(found: re.Match) -> str:
    """The refusal to write over another plan's output, said for the page: the folder
    or the files of the app's to move out of the working folder (a report's or a
    letter's every file: the workbook alone is read for its plan, its page, Word draft,
    CSV list would be written over), and the step to do again."""
    kind, name, opening, what, doing, loss = found.groups()
    moved = f"thư mục {Path(name).name}" if kind == "thư mục" else _files_of(Path(name).name)
    kept = "tệp" if moved.startswith("tệp") else "các tệp"
    step = "tạo tệp giao" if doing == SPLITTING else doing  # the page's button
    return (f"{kind} {name}: {opening} {what} đang {step}: {loss}; chưa ghi gì (để giữ "
            f"{kept} của kế hoạch kia, chuyển {moved} {MOVED_OUT}{_AGAIN[doing]})")


def _files_of(name: str) -> str:
    """A period's output ``name`` with the app's other files of the same output
    ("bao-cao-Q1.xlsx": its .html and .docx too), said as a list to move."""
    for pattern in PERIOD_FILES:
        start, _, end = pattern.partition("{}")
        if end and name.startswith(start) and name.endswith(end):
            code = name[len(start):-len(end)]
            names = [period_name(other, code) for other in PERIOD_FILES
                     if other.partition("{}")[0] == start and other.partition("{}")[2]]
            if len(names) > 1:
                return f"các tệp {', '.join(names)}"
    return f"tệp {name}"


def _any_period(pattern: str) -> str:
    """A pattern matching one of PERIOD_FILES for any period, within parentheses."""
    return "[^)]*".join(re.escape(part) for part in pattern.split("{}"))


# Longest, most specific phrases first: a whole hint before the bare command in it.
_SAYINGS: list[tuple[str, str | Callable[[re.Match], str]]] = [
    (_ANOTHER_PLANS, _another_plans),
    (r"\(nút 'Rút khỏi số liệu' ở trang Thu nhận, hoặc lệnh 'cchc-xl withdraw'\)",
     # The unit's "2 tệp đã gửi" on the board: said without a count it cannot know here
     # (a QA pass: "mục 'N tệp đã gửi'" read as a placeholder left in).
     "(nút 'Rút khỏi số liệu' của tệp đó, trong mục tệp đã gửi của đơn vị, bảng 'Tình "
     "hình các đơn vị' ở trang Thu nhận)"),
    (r"tạo bảng kế hoạch mới bằng 'cchc-xl init' để xem mẫu",
     "bấm 'Tạo bảng kế hoạch trống' ở trang Kế hoạch để xem mẫu"),
    (r"(?:bằng )?(?:lệnh )?'cchc-xl import'",
     "ở mục 'Nhập từ văn bản kế hoạch đã ban hành' của trang Kế hoạch"),
    (r"chạy lại 'cchc-xl merge' để ghi tệp tổng hợp có cột đánh giá",
     "tải bảng tổng hợp mới ở trang Báo cáo rồi điền đánh giá vào đó"),
    (r"chạy (?:lại )?'cchc-xl merge[^']*'(?: trước)?(?: để tạo sổ cái)?",
     "tải tệp các đơn vị gửi về lên ở trang Thu nhận trước"),
    (r"của 'cchc-xl merge'|do 'cchc-xl merge' ghi", "do ứng dụng ghi (trang Báo cáo)"),
    (r"chạy lại 'cchc-xl report'|chạy 'cchc-xl report'", "bấm 'Lập lại báo cáo' ở trang Báo cáo"),
    (r"lệnh 'cchc-xl assess'|'cchc-xl assess'",
     "tải bảng tổng hợp đã đánh giá lên ở trang Báo cáo"),
    # The boxes of the import form that do what these options do (plan_import).
    (r"nhập lại với --units TỆP, TỆP là bảng kế hoạch đang dùng, ghi ra tệp khác",
     f"nhập lại và chọn '{TICKED}'"),
    (r"nhập lại với --units TỆP", f"nhập lại và chọn '{TICKED}'"),
    (r"nhập lại với --province TỈNH",
     f"nhập lại, ghi tên tỉnh ở ô '{_PROVINCE_BOX}' ở trang Kế hoạch"),
    # A commune's name found in several provinces, or in none (a blank plan table's place).
    (r'ghi thêm tỉnh, thành phố bằng --province, ví dụ --commune "([^"]*)" --province '
     r'"([^"]*)"', "ghi thêm tên tỉnh, thành phố sau dấu phẩy ở ô 'Địa phương', ví dụ "
                   "\"\\1, \\2\""),
    (r", và tỉnh, thành phố bằng --province", " (thêm tên tỉnh sau dấu phẩy nếu cần)"),
    (r' \(--level tinh --province "[^"]*"\)', " (ở ô 'Cấp', tên tỉnh ở ô 'Địa phương')"),
    (r' \(--commune "[^"]*"\)', " (ở ô 'Cấp')"),
    (r" \(như --province\)", " (như khi ghi tên tỉnh ở ô 'Thêm các xã, phường của tỉnh' "
                              "trang Kế hoạch)"),
    # The same note when the box asked for them (plan_import.communes, ``asked``).
    (r" \(--province\)", " (tên tỉnh ghi ở ô 'Thêm các xã, phường của tỉnh' trang Kế hoạch)"),
    # A document of another level than the plan in use (plan_import._other_level).
    (r"danh sách đơn vị \(--units\) lấy từ", "danh sách đơn vị lấy từ bảng kế hoạch đang dùng, "
     "là"),
    (r"nhập lại không kèm --units", "nhập lại, bỏ chọn 'Lấy danh sách đơn vị, nhóm, tên gọi "
     "khác từ bảng kế hoạch đang dùng'"),
    (r"(?:nhập lại )?với --units (?:bảng kế hoạch năm trước|danh sách đơn vị)|"
     r"--units bảng kế hoạch năm trước",
     "dùng bảng kế hoạch năm trước làm bảng đang dùng rồi nhập lại, chọn 'Lấy danh sách "
     "đơn vị, nhóm, tên gọi khác từ bảng kế hoạch đang dùng'"),
    (r"\(?merge --received\)?|--received", "ô 'Ngày nhận' ở trang Thu nhận"),
    # The report made after a merge cut short (report's warning): its files sent again.
    (r"chạy lại lệnh merge với cùng các tệp",
     "tải lại các tệp của lần gộp đó lên ở trang Thu nhận"),
    (r"'cchc-xl init'", "nút 'Tạo bảng kế hoạch trống' ở trang Kế hoạch"),
    (r"'cchc-xl withdraw'", "nút 'Rút khỏi số liệu' ở trang Thu nhận"),
    (r"'cchc-xl check[^']*'", "trang Kế hoạch"),
    # Prefill asked with a ledger of other plans only (the box of an open tab, say).
    (r"(?:tệp \S*cchc-ledger\.sqlite: )?sổ cái không có số liệu của kế hoạch \S+ \(trong sổ "
     r"cái: [^)]*\): không có gì để điền sẵn \(chỉ ra sổ cái[^)]*\)",
     "Sổ cái chưa có số liệu các kỳ trước của kế hoạch này: không có gì để điền sẵn (bỏ chọn "
     "'Điền sẵn số liệu các đơn vị đã báo cáo ở kỳ trước' rồi bấm tạo tệp giao lại)"),
    # A period whose report was due merged again with an amended plan (plan_amended.
    # amended_since): its figures as reported came from the plan before the amendment.
    (r"muốn giữ số liệu kỳ này như đã báo cáo, gộp lại kỳ này \(--period \S+\) với bảng kế "
     r"hoạch trước khi sửa", "muốn trở lại số liệu như đã báo cáo: ở trang Kế hoạch bấm 'Dùng "
     "lại' bảng kế hoạch trước khi sửa, bấm 'Tính lại theo bảng kế hoạch đang dùng' của kỳ "
     "này ở trang Báo cáo, rồi dùng lại bảng đã sửa"),
    (r"\(chọn kỳ đó khi gộp\)", "(chọn kỳ đó ở ô 'Kỳ báo cáo' trên cùng rồi tải tệp lên lại)"),
    # A plan document whose title names no year (plan_import.import_plan): the form asks
    # for none, so the title is what the office can change (a QA pass: "--year 2026").
    (r"ghi năm bằng --year, ví dụ --year (\d{4})",
     r"sửa tiêu đề văn bản cho có năm kế hoạch, ví dụ “Kế hoạch cải cách hành chính năm "
     r"\1”, lưu rồi nhập lại; hoặc tạo bảng kế hoạch trống ở mục “Bảng kế hoạch trống” "
     r"rồi điền trong Excel"),
    # A commune's plan imported with the province box filled (plan_import.import_plan).
    (r"--province dùng cho kế hoạch của tỉnh",
     "ô 'Thêm các xã, phường của tỉnh' chỉ dùng cho kế hoạch của tỉnh"),
    (r"bỏ --province rồi nhập lại",
     "xóa tên tỉnh ở ô 'Thêm các xã, phường của tỉnh' rồi nhập lại"),
    # A unit's file of another year's plan (intake.identify._other_year): in the web app
    # that plan is often the one set aside in this very folder when next year's was put
    # in place, not a folder of its own (a QA pass at the year's turn: the office was sent
    # to look for a "thư mục làm việc của năm 2026" it never had).
    (r"gộp tệp này với bảng kế hoạch và sổ cái của năm (\d{4}) \(thư mục làm việc của năm "
     r"\1\)", r"tải tệp lên ở trang Thu nhận khi bảng kế hoạch năm \1 là bảng đang dùng: "
     r"bảng đó có ở mục 'Bảng kế hoạch dùng trước đây' của trang Kế hoạch thì bấm 'Dùng lại' "
     r"bảng đó, không thì mở ứng dụng với thư mục làm việc của năm \1"),
    # A plan table given to import (plan_import._not_ours).
    (r"dùng thẳng tệp này làm bảng kế hoạch, không qua bước nhập",
     "tải tệp này lên ở ô 'Tệp bảng kế hoạch' của trang Kế hoạch"),
    # The province box naming another province than the plan's (plan_import._other_province).
    (r"nhưng --province là", f"nhưng ô '{_PROVINCE_BOX}' ghi"),
    (r'nhập lại với --province "([^"]*)"',
     f"nhập lại, ghi \"\\1\" ở ô '{_PROVINCE_BOX}' ở trang Kế hoạch"),
    # An amendment of another plan than the one in use (plan_import.amended).
    (r"tệp ghi ở --units \(trên trình duyệt: bảng kế hoạch đang dùng\)", PLAN_IN_USE),
    # A document of another kind where a step writes (overwrite.refusal): the app's
    # names are fixed, the file is what moves.
    (r"chọn tên tệp khác cho (?:--[\w-]+|kết quả), hoặc chuyển tệp đó đi chỗ khác nếu đúng là "
     r"muốn thay nó", "nếu đúng là muốn thay nó, chuyển tệp đó ra khỏi thư mục làm việc của "
     "ứng dụng rồi làm lại bước này"),
    # A unit's returned file saved among the files given (overwrite.refuse_answered).
    (rf"tệp đơn vị gửi lại để ở thư mục tệp nhận về \(ví dụ {_any_period(INTAKE_DIR)}\), tệp "
     rf"giao ghi vào thư mục khác \(ví dụ {_any_period(SPLIT_DIR)}\)",
     "chuyển các tệp đó ra khỏi thư mục này, tải chúng lên ở trang Thu nhận, rồi bấm tạo lại "
     "tệp giao"),
    # What the terminal's words said of "the command" (year_turn, overwrite, xlio, the
    # ledger's damage), said of the step.
    (r"lệnh không ghi đè, không ghi gì", "không ghi đè, chưa ghi gì"),
    (r"lệnh không ghi gì", "chưa ghi gì"),
    (r"lệnh không ghi đè lên", "không ghi đè lên"),
    (r"lệnh dừng, không ghi gì thêm", "đã dừng, không ghi gì thêm"),
    (r"lệnh không dùng và không thay tệp này", "ứng dụng không dùng và không thay tệp này"),
    # A backup uploaded to restore on the plan page (pages/restore.py), refused as the
    # command refuses it (backup_check.WHICH_FILE, backup_check.UNSAFE_HINT): the page's button.
    (r"chọn tệp \.zip do lệnh 'cchc-xl backup' hoặc nút \"Sao lưu dữ liệu\" của ứng dụng ghi",
     f"chọn tệp .zip do nút {_BACKUP_BUTTON} tạo"),
    (r"dùng bản sao lưu do chính cơ quan ghi bằng lệnh 'cchc-xl backup' hoặc nút \"Sao lưu dữ "
     r"liệu\"", f"dùng bản sao lưu do chính cơ quan tạo bằng nút {_BACKUP_BUTTON}"),
]
_PATTERNS = [(re.compile(p), said) for p, said in _SAYINGS]
# Said first on the page of a commune's plan (pages/plan.py), where the box of a
# province's communes is for a province's plan taken instead of the commune's: a hint
# sending the office there says why the document was read against the wrong units.
_OVER_A_COMMUNE_S_PLAN = [(re.compile(p), said) for p, said in [
    # plan_import._communes_hint: a province's plan with too few communes
    (r"nhập lại với --province TỈNH, hoặc --units bảng kế hoạch năm trước",
     r"văn bản này có vẻ là kế hoạch của tỉnh, còn bảng kế hoạch đang dùng là của xã, phường, "
     r"giao việc cho các cơ quan, đơn vị của mình: chọn nhầm văn bản thì nhập văn bản kế "
     r"hoạch của xã, phường; cần dùng kế hoạch của tỉnh này thì nhập lại, ghi tên tỉnh ở ô "
     f"'{_PROVINCE_BOX}' ở trang Kế hoạch (danh sách đơn vị khi đó lấy theo tỉnh: các sở, "
     r"ban, ngành và các xã, phường theo danh mục sau 01/7/2025, không lấy từ bảng kế hoạch "
     r"đang dùng)"),
]]
# One of them in each saying above.
_WORDS = ("cchc-xl", "lệnh", "--", "khi gộp", "chỉ ra sổ cái", "không qua bước nhập",
          "muốn giữ số liệu", "thư mục làm việc của năm")


def for_browser(text: str, folder: Path | None = None, *, commune_plan: bool = False) -> str:
    """``text`` with every terminal command the library names replaced by the page's
    own step or button; a file in the app's data ``folder`` named from there
    ("tệp ke-hoach.xlsx", not "tệp /srv/cchc/ke-hoach.xlsx": the server's folders are
    nothing the specialist chose or can open). With ``commune_plan`` (the plan page of a
    commune's plan), a hint naming the box of a province's communes says why first."""
    if text and folder is not None:
        for place in {str(folder), str(Path(folder).resolve())}:
            text = text.replace(place.rstrip(os.sep) + os.sep, "")
    if not text or not any(word in text for word in _WORDS):
        return text
    for pattern, said in (_OVER_A_COMMUNE_S_PLAN if commune_plan else []) + _PATTERNS:
        text = pattern.sub(said, text)
    return text


def error_for_browser(exc: CchcError, folder: Path | None, plan: Path | None) -> str:
    """A library error said for the browser (:func:`for_browser`), the data folder's
    stored copy of the plan (``plan``: "tệp ke-hoach.xlsx", a name the office never gave
    it; it uploaded "ke-hoach-thanh-hoa-2026.xlsx") named as the plan in use: "bảng kế
    hoạch đang dùng, trang 'Kỳ báo cáo', ô A3: …", "bảng kế hoạch đang dùng: không có kỳ
    báo cáo '9T'…" (a QA pass: a job that failed on the plan named the stored copy)."""
    text = exc.render()
    if plan is not None:
        if exc.file and _same(exc.file, plan):
            exc = copy.copy(exc)
            exc.file = None
            text = f"{PLAN_IN_USE}{', ' if exc.where() else ': '}{exc.render()}"
        for place in {str(plan), str(Path(plan).resolve())}:
            text = text.replace(f"tệp {place}", PLAN_IN_USE).replace(place, PLAN_IN_USE)
    return for_browser(text, folder)


def _same(file: str, plan: Path) -> bool:
    try:
        return Path(file).resolve() == Path(plan).resolve()
    except (OSError, ValueError):
        return False


def all_for_browser(value: Any) -> Any:
    """Every string inside ``value`` (a job's result: dicts, lists, strings) said so."""
    if isinstance(value, str):
        return for_browser(value)
    if isinstance(value, dict):
        return {k: all_for_browser(v) for k, v in value.items()}
    if isinstance(value, list):
        return [all_for_browser(v) for v in value]
    return value


def merge_heading(period: Period, plan: Plan) -> str:
    """The first line of "Chi tiết lần gộp" on the page: the period's name and the
    plan's title, as the office knows them ("Gộp kỳ năm 2026, kế hoạch cải cách hành
    chính năm 2026 của …"), not the codes the terminal's summary names."""
    running = running_plan(plan)
    title = running.title.strip()
    if title[:8].lower() == "kế hoạch":
        named = mid_sentence(title)
    else:
        named = f"kế hoạch “{title}”" if title else "kế hoạch đang dùng"
    if running.authority and not names_authority(title, running.authority):
        named += f" của {running.authority}"  # the title does not say whose it is
    return f"Gộp kỳ {period.in_sentence}, {named}."
