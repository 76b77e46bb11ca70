"""No library message reaches a page of the web app naming the terminal's options or
commands: there the office has no command line (web/wording.py says the page's steps
instead). Every text of the library that names one is either said otherwise by
wording.for_browser, or listed below with why no page shows it: a message added with
"--out" in it fails here until it is one or the other."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import cchc_xl
from cchc_xl.overwrite import refusal
from cchc_xl.web.wording import for_browser

LIBRARY = Path(cchc_xl.__file__).parent
# An option, or a command of cchc-xl's: its name alone ("do cchc-xl tạo") is the app's.
COMMAND = re.compile(r"--[a-z]|cchc-xl (?:init|import|check|show|appendix|split|merge|assess|"
                     r"withdraw|report|remind|backup|restore|serve)\b")

# (module, the text's opening): why no page shows it as it is.
NOT_ON_A_PAGE = {
    # Options passed to a message built elsewhere, said whole for the page by wording:
    # another plan's output (year_turn; test_web_year_turn.py), a document of another
    # kind (overwrite.refusal; test_a_document_of_another_kind_is_moved_not_renamed).
    ("appendix.py", "--out"): "overwrite.refusal's option",
    ("letters/mergelist.py", "--csv"): "overwrite.refusal's option",
    ("letters/remind.py", "--out"): "overwrite.refusal's, year_turn.refuse_another_plans' option",
    ("letters/remind.py", "--csv"): "year_turn.refuse_another_plans' option",
    ("merge/__init__.py", "--out"): "year_turn.refuse_another_plans' option",
    ("report/__init__.py", "--out"): "overwrite.refusal's, refuse_another_plans' option",
    ("report/__init__.py", "--out (và --docx, --html)"): "refuse_another_plans' option",
    ("report/__init__.py", "--docx"): "overwrite.refusal's option",
    # year_turn._holds_another's parts: the message is said whole by wording.
    ("year_turn.py", "--force chỉ để tạo lại tệp giao"): "said whole by wording",
    ("year_turn.py", "--out"): "year_turn._holds_another's option, said whole by wording",
    ("year_turn.py", "--feedback"): "year_turn._holds_another's option, said whole by wording",
    # Options the web app always gives (its own folder's paths, the period, the plan).
    ("letters/remind.py", "chọn kỳ bằng --period"): "the web gives the period",
    ("report/__init__.py", "chọn kỳ bằng --period"): "the web gives the period",
    ("snapshot.py", "sổ cái có nhiều kế hoạch ({}): chỉ rõ"): "the web gives the plan",
    ("report/__init__.py", "chép sổ cái {} (và thư mục {})"): "the web reports from its ledger",
    ("report/__init__.py", "--plan-out"): "the web writes no period's plan",
    ("split.py", "dùng --force để tách lại"): "the web splits with force",
    ("split.py", "chọn thư mục khác, hoặc dùng --force"): "the web splits with force",
    ("plan_import/__init__.py", "tệp đã có; dùng --force"): "the web imports with force",
    ("plan_import/__init__.py", "tệp ra trùng tệp danh sách đơn vị"):
        "the web imports into its own folder, never over the plan in use",
    ("plan_import/amended.py", " (bảng kế hoạch đang dùng đã bị ghi đè"):
        "the web imports into its own folder, never over the plan in use",
    ("master/write.py", "--commune chỉ dùng với --level xa"): "the blank plan's form",
    ("master/write.py", "--province chỉ dùng với --level tinh"): "the blank plan's form",
    ("merge/__init__.py", "--feedback cần một thư mục"): "the web's feedback folder is its own",
    ("merge/__init__.py", "chọn thư mục khác cho --feedback"): "the web's feedback folder",
    ("merge/__init__.py", "thư mục tệp phản hồi (--feedback) {}"): "the web's feedback folder",
    ("merge/__init__.py", "nằm trong thư mục tệp phản hồi {}"):
        "uploads are kept in nhan-ve-KỲ, never in the feedback folder",
    ("merge/__init__.py", "chọn tên khác cho --out, ngoài thư mục"):
        "uploads are kept in nhan-ve-KỲ, never the consolidated workbook's place",
    ("merge/__init__.py", "tệp tổng hợp do cchc-xl tạo (--out)"):
        "uploads are kept in nhan-ve-KỲ, never the consolidated workbook's place",
    ("merge/result.py", "chạy 'cchc-xl assess {}'"): "the web gives shown: its page is named",
    ("merge/counted.py", "nếu cần rút tệp này khỏi số liệu, rút ở kỳ"):
        "InItsOwnPeriod is said by late_files.not_withdrawn_here, not its hint",
    ("merge/counted.py", ", hoặc thêm --period"): "the web withdraws one file by its key",
    ("other_period.py", "gộp lại với --period {}"):
        "OtherPeriodFiles is said by pages/intake.py (NOT_KEPT), not its hint",
    ("master/check.py", "bảng kế hoạch ({}) đứng đầu lệnh"):
        "load_master's, the CLI's: the web examines a plan (examine_master) and stops on errors",
    ("intake/convert.py", "--"): "LibreOffice's own options, no message",
    # Restoring into a new folder is the command's alone: the web restores over its own
    # folder (web/restored.py), checking the backup with restore.check_whole only.
    ("restore.py", "chạy lại với một thư mục mới, chưa có, ví dụ --to"):
        "restore_backup's target, the command's: the web restores over its own folder",
    # The registry of finding codes' English descriptions (docs), never a page's words.
    ("finding_codes.py", ""): "English descriptions of finding codes",
}


def _texts() -> list[tuple[str, int, str]]:
    """Each string of the library outside cli/ and web/ naming an option or a command
    (an f-string's values as "{}"), docstrings left out: (module, line, text)."""
    found = []
    for path in sorted(LIBRARY.rglob("*.py")):
        module = path.relative_to(LIBRARY).as_posix()
        if module.startswith(("cli/", "web/")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped: set[int] = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and body and \
                    isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skipped.add(id(body[0].value))
            if isinstance(node, ast.JoinedStr):
                skipped.update(id(v) for v in node.values)
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "{}"
                               for v in node.values)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    id(node) not in skipped:
                text = node.value
            else:
                continue
            if COMMAND.search(text):
                found.append((module, node.lineno, text))
    return found


def _judged(module: str, text: str) -> str | None:
    return next((why for (where, opening), why in NOT_ON_A_PAGE.items()
                 if where == module and text.startswith(opening)), None)


def test_no_library_message_reaching_a_page_names_an_option_or_a_command():
    texts = _texts()
    assert len(texts) > 40  # the scan reads the library
    left = [f"{module}:{line}: {for_browser(text.replace('{}', 'X'))}"
            for module, line, text in texts
            if COMMAND.search(for_browser(text.replace("{}", "X")))
            and _judged(module, text) is None]
    assert not left, "\n".join(left)
    # Each judgement still stands for a text of the library.
    stale = [key for key in NOT_ON_A_PAGE
             if not any(m == key[0] and t.startswith(key[1]) for m, _, t in texts)]
    assert not stale, stale


def test_hints_of_the_library_said_as_the_page_s_steps():
    """Warnings of the import form and refusals a step meets in the working folder,
    whole as the library builds them."""
    for said in (
            # plan_import._other_province: the province box naming another province.
            "kế hoạch do UBND tỉnh Thanh Hóa ban hành nhưng --province là tỉnh Nghệ An: đã "
            "thêm các xã, phường của tỉnh Nghệ An; nếu nhầm, nhập lại với --province "
            "\"Thanh Hóa\"",
            # plan_import.amended: an amendment of another plan than the one in use.
            "văn bản sửa đổi, bổ sung Kế hoạch số 12/KH-UBND, không phải kế hoạch đang dùng "
            "(số 30/KH-UBND): kiểm tra lại tệp ghi ở --units (trên trình duyệt: bảng kế "
            "hoạch đang dùng)"):
        assert "--" not in for_browser(said), for_browser(said)
    # overwrite.refuse_answered: a unit's return saved among the files given.
    assert for_browser(
        "thư mục có 1 tệp đơn vị đã điền và gửi lại (VP.xlsx), trùng tên với tệp giao sẽ ghi: "
        "lệnh không ghi đè, không ghi gì (tệp đơn vị gửi lại để ở thư mục tệp nhận về (ví dụ "
        "nhan-ve-Q1), tệp giao ghi vào thư mục khác (ví dụ giao-Q1))") == (
        "thư mục có 1 tệp đơn vị đã điền và gửi lại (VP.xlsx), trùng tên với tệp giao sẽ ghi: "
        "không ghi đè, chưa ghi gì (chuyển các tệp đó ra khỏi thư mục này, tải chúng lên ở "
        "trang Thu nhận, rồi bấm tạo lại tệp giao)")
    assert for_browser("nếu nhầm, nhập lại với --province \"Thanh Hóa\"") == (
        "nếu nhầm, nhập lại, ghi \"Thanh Hóa\" ở ô 'Thêm các xã, phường của tỉnh…' ở trang Kế "
        "hoạch")


def test_a_document_of_another_kind_is_moved_not_renamed(tmp_path):
    """A Word document of the office's own at the name the app writes the report's draft
    to: "chọn tên tệp khác cho --docx", a name the page never asks for."""
    refused = refusal(tmp_path / "bao-cao-Q1.docx", "văn bản Word không do cchc-xl tạo",
                      "dự thảo báo cáo", "--docx")
    assert for_browser(refused.render(), tmp_path) == (
        "tệp bao-cao-Q1.docx: đã có tệp này và đó là văn bản Word không do cchc-xl tạo, không "
        "phải dự thảo báo cáo: không ghi đè lên (nếu đúng là muốn thay nó, chuyển tệp đó ra "
        "khỏi thư mục làm việc của ứng dụng rồi làm lại bước này)")
