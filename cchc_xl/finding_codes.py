"""The finding codes: every problem a check may report, each with what it means
(:data:`FINDING_CODES`) and what people read it as (:data:`FINDING_LABELS`), and the
codes a merge treats apart. The rest of the vocabulary users see is in
:mod:`cchc_xl.vocab`; ``tests/test_vocab.py`` checks both."""

from __future__ import annotations

# --- finding codes -------------------------------------------------------------------
# Every code a check may report, with what it means. A code names one problem
# wherever it is found (a missing column is "missing-column" in a master and in a
# return). tests/test_vocab.py fails when the code uses a code not listed here.

# Warnings that the file a unit has counted may not be the one it meant (merge/counted.py):
# told first wherever a merge's outcome is; dropped when the counted file changes.
DOUBT_CODES = ("sent-later-saved-before", "saved-same-time", "answers-left-blank", "done-undone",
               "answers-all-changed")

# A file refused for a unit the plan did not have, read again now that it has
# (merge/judged_again.py).
JUDGED_AGAIN = "file-judged-again"

FINDING_CODES: dict[str, str] = {
    # any workbook
    "missing-sheet": "a required sheet is absent",
    "missing-column": "a table lacks a required column (or its header row)",
    "legacy-encoding": "text in a legacy Vietnamese encoding (TCVN3/VNI)",
    "formula-no-value": "a formula cell without a computed value",
    "cell-text-too-long": "a cell longer than an Excel cell holds (units' files keep its start)",
    "merged-cells": "a table cell inside a merged range, read as empty",
    "formula-in-cell": "a formula typed into an input cell",
    "sheet-name-too-long": "a sheet name longer than Excel allows",
    "file-unreadable": "the file cannot be read as a workbook",
    "converted": "the file was converted (.ods/.xls, Strict Open XML) before reading",
    "duplicate-file": "the same file (by content) given twice",
    "copy-of-another-unit": "a file the same as one already taken, named for another unit: "
                            "counted once, for the first file's unit",
    "saved-time-missing":
        "a file that does not hold the time it was saved, or not readably (its file time is used)",
    "saved-time-future": "a file that says it was saved after the merge (a wrong clock)",
    "file-name-other-unit": "a file named for one unit (as split names them) holding another's: "
                            "taken as neither",
    "saved-same-time":
        "saved at the same moment as another of the unit's files with other content",
    "sent-later-saved-before":
        "a file merged after the unit's counted one but saved before it: not counted",
    "plan-changed-since-issued":
        "the plan was edited after the file was issued: its plan cells or tasks differ",
    "answers-left-blank":
        "the unit's counted file leaves blank tasks the file it replaced had answered",
    "done-undone":
        "the unit's counted file reports not done tasks the file of the period it replaced "
        "reported done",
    "answers-all-changed":
        "the unit's counted file answers otherwise every task the file it replaced answered "
        "(another unit's answers?)",
    "file-not-read":
        "the file could not be read this time (memory, time, no converter, changed meanwhile)",
    "rows-past-limit": "content far below the task rows (a column dragged down): not read",
    "cell-text-cut": "a cell longer than Excel holds (32,767 characters), cut",
    "column-added": "a column the unit added beside the task rows: its content not read",
    "sheet-other-unit": "a task sheet whose heading names another unit (copied from its file?)",
    "rows-reordered": "rows sorted without column A: answers counted for the task each row shows",
    "row-shifted": "a row showing another task's product (not a sort): its answer not counted",
    "merged-input-cells": "input cells merged into one: all but the first read as blank",
    # the master
    "task-text-too-long": "a task's text taller than a row of a unit's workbook can be",
    "period-due-passed": "a split made after the period's day to send the reports back",
    "master-unreadable": "the master workbook cannot be read",
    "plan-field-missing": "a required plan field is empty",
    "plan-year-invalid": "the plan year is not a 4-digit year",
    "plan-code-other-year": "the plan's code is one the data folder's ledger holds for "
                            "another year (year_turn)",
    "plan-code-names-other-year": "the plan's code ends in a year other than the plan's "
                                  "(last year's table copied; year_turn)",
    "plan-authority-gone": "a plan of 2026 on issued by a body gone on 1 July 2025 "
                           "(issuer.gone_authority)",
    "plan-sender-ignored": "the plan sheet's sender of letters and reports cannot send them "
                           "(a commune's plan, not a department): the authority sends them "
                           "(sender.sender_problem)",
    "date-invalid": "a date cell cannot be read",
    "unit-code-missing": "a unit without a code",
    "unit-duplicate": "two units with one code",
    "unit-kind-unknown": "a unit kind that is none of the known kinds",
    "group-code-missing": "a group without a code",
    "group-unknown": "a unit names a group that does not exist",
    "group-member-unknown": "a group names a unit that does not exist",
    "group-empty": "a group without members",
    "group-open": "an open group (names nobody in particular)",
    "area-blank": "a blank area sheet (a new master's), not read",
    "no-tasks": "a master with no task yet",
    "group-subset": "part of a group ('các xã được chọn'): nobody assigned, list asked for",
    "group-exclusion": "a group minus some units ('(trừ …)'): assigned without them, to confirm",
    "unit-bracket": "'A (B)': which of the two names was assigned",
    "unit-roles-read": "a unit cell whose roles were read from its words ('A phối hợp B': "
                       "A leads), not said",
    "name-conflict": "one name or alias used by several units/groups",
    "period-duplicate": "two periods with one code",
    "period-code-invalid": "a period code that cannot name a folder or file (spaces, accents)",
    "period-invalid": "a period's dates are unreadable or out of order",
    "periods-default": "no period in the plan: the default periods of the plan's year are used",
    "periods-missing": "no period in the plan and no plan year to take the default ones from",
    "area-code-missing": "an area sheet without its code",
    "area-duplicate": "two area sheets with one code",
    "area-code-invalid": "an area code ids cannot begin with (diacritics, spaces, signs)",
    "area-title-missing": "an area sheet without its title (B2): the sheet's name is used",
    "id-missing": "a task row without an id",
    "id-invalid": "an id not of the form AREA-NN or AREA-NN.N",
    "id-duplicate": "an id used twice",
    "id-not-contiguous": "the rows of one task are not next to each other",
    "content-missing": "a task without content",
    "product-missing": "a product row without a product",
    "lead-missing": "a product without a lead unit",
    "unit-unresolved": "a unit name that matches no unit or group",
    "unit-merged": "a plan of 2026 on names a unit as a body merged in 2025 "
                   "(merged_bodies)",
    "unit-ambiguous": "a unit name that matches several units or groups",
    "deadline-missing": "a product without a deadline",
    "deadline-unparsed": "a deadline text no date can be read from (kept, judged by hand)",
    "deadline-undated": "a deadline by event, programme or phase: kept, judged by hand",
    "deadline-before-issue": "a due date of a year before the plan's, before the plan was issued",
    "deadline-before-plan-year": "a due date of a year before the plan's (the plan issued "
                                 "before it, or its issue unknown): a typo or last year's task",
    "deadline-after-plan-year": "a due date after the plan's year (a range's end): not due in "
                                "that year's reports",
    "deadline-typed-date": "a deadline typed as a date (day and month may be swapped)",
    "heading-assigned": "a heading row (over sub-tasks) that assigns work itself",
    "subtask-unplaced": "a sub-task away from its heading or without one",
    "row-unplaced": "a row the table cannot place (a product row with its own TT/content, "
                    "a product of a heading, text outside the table's columns)",
    "number-looks-subtask": "a sub-task number (6.1) on a plain task",
    # a plan imported from a Word or Excel document (cchc-xl import)
    "import-no-area": "tasks before any area heading, put in a default area",
    "import-hidden-rows": "a workbook's table with rows hidden: imported as the others, said",
    "import-tracked-changes": "a Word table with tracked changes left in: read as accepted, said",
    "import-row-skipped": "a row with neither number nor content, under no task",
    "import-row-joined": "a row without number whose content goes on in lower case: joined "
                         "to the task above",
    "import-note-skipped": "a note merged across a task table (no area, no task): not read",
    "import-note-joined": "a table row holding a note alone: the note of the product above",
    "import-units-joined": "a table row holding units alone: the product above's units",
    "import-total-skipped": "a totals row (\"Tổng cộng\") of a task table: not a task",
    "import-budget-skipped": "a row of the plan's funding as a whole in a task table: not a task",
    "import-signer": "the plan's signer and title, taken as the report's",
    "import-return-to": "where the plan's body has units report, taken as where their "
                        "files go back",
    "import-report-days": "the plan's body gives its units a day to report by other than "
                          "the default periods' due day: the periods sheet to set by it",
    "import-units-other-level": "the unit list given is of a plan of another level (a "
                                "ward's for a province's document, or the reverse)",
    "import-units-other-place": "the unit list given is of a plan of another place of the "
                                "same level (a commune's for a ward's document)",
    "import-units-unnamed": "units of last year's master (--units) its plan named that the new "
                            "plan names only through a group: renamed or merged away?",
    "assessed-not-passed": "a lead's row the office judged Chưa đạt (reminder letter)",
    "import-heading-with-data": "a row with sub-tasks that also has products, deadlines or "
                                "funding (its units go to the sub-tasks)",
    "import-subtask-orphan": "a sub-task number with no parent row above it",
    "import-subtask-nested": "a third-level number placed under the top heading, its group's "
                             "content prefixed",
    "import-table-unread": "a table whose rows look like tasks, without a header row and "
                           "continuing no table (or whose title row names a content "
                           "and no unit, product, deadline): not read",
    "import-table-other": "a table with its own title row naming no content, unit, product "
                          "or deadline (a list of documents): no task table, passed over",
    "import-column-unread": "a column of a task table whose title nothing recognises holds "
                            "text: not read",
    "import-products-split": "products listed one a line in one cell, one deadline line "
                             "each, made products",
    "import-leads-paired": "products split from one cell, each given the lead written on "
                           "its line of the lead cell",
    "import-kept-ids": "an amendment of the plan in use: its tasks numbered again keep "
                       "their ids, tasks added get ids never given",
    "import-amendment": "an amending document imported over the plan in use: the plan's "
                        "title, number and date kept, the amendment recorded and cited",
    "import-amendment-other": "an amending document whose title names another plan number "
                              "than the plan in use's",
    "import-amendment-alone": "an amending document imported with no plan in use to amend: "
                              "it became the plan (its title, ids, default periods)",
    "import-replaces": "a document with another number that does not amend the plan in use "
                       "(a replacing plan): it becomes the plan",
    "import-coordinators-paired": "products split from one cell, each given the "
                                  "coordinators written on its line of the coordinators' "
                                  "cell",
    "import-leads-by-line": "a lead cell with a line for each line of a product cell read as "
                            "one product: every lead leads it, to check",
    "import-task-incomplete": "a task without product, lead or deadline",
    "import-roles-read": "a unit cell whose roles were read from its words (\"A phối hợp "
                         "B\": A leads), not said: each part moved to that role",
    "import-unit-added": "a name not in the registry, added as a unit with a guessed kind",
    "import-unit-job-title": "a person's title (Giám đốc Sở, Chủ tịch UBND xã) named as a "
                             "lead or coordinator: added as a unit of kind Khác, said so",
    "import-own-committee": "a commune's or province's plan naming its People's Committee "
                            "(\"UBND xã, phường\", \"UBND tỉnh\"): one unit, kind Khác",
    "import-unit-spelling": "a name not in the registry, taken as another spelling of a unit",
    "import-unit-named-as-plan": "a template's unit the plan writes by a longer name of its "
                                 "own: named so",
    "import-group-added": "a group name not in the registry, added as a group",
    "import-group-as-unit": "a group the plan's names added, holding no unit, that a "
                            "product's lead cell names alone: made a unit of its name",
    "import-province-communes": "a province's plan imported without --units or --province: "
                                "its communes taken from the official list",
    "import-group-thin": "a group of all communes whose members are only the communes the "
                         "plan names",
    "import-province-other": "--province names another province than the one that issued "
                             "the plan",
    "import-district-level": "a plan of 2026 on names a body of the district level (huyện, "
                             "quận, thị xã, thị trấn), ended on 1 July 2025",
    # a returned workbook: identity and rows
    "identity-missing": "no identity carrier survived",
    "return-unchanged": "a returned file whose input cells are as issued (nothing filled)",
    "file-restored": "a withdrawn file given again, put back among the acceptable ones",
    "done-part": "a lead's done on a date of an earlier part of a product with several "
                 "dates: counted in progress until the last part",
    "date-after-saved": "a completion date after the day the file was saved (a planned day?)",
    "file-judged-again": "a file refused for a unit the plan did not have, read again now that "
                         "the plan has it",
    "received-corrected": "a file given again with an earlier day received: the day corrected",
    "received-before-saved": "a day received before the file was saved (a date typed wrong?)",
    "return-all-done-before": "a file returned as issued whose led rows were all done before",
    "identity-conflict": "identity carriers disagree",
    "identity-checksum": "the identity checksum does not match its rows",
    "identity-guide-mismatch": "the guide sheet names another unit than the identity",
    "identity-format": "the file was made by another version of the workbook format",
    "identity-other-year": "the file belongs to the plan of another year",
    "identity-other-plan": "the file belongs to another plan",
    "identity-other-period": "the file was issued for another period",
    "heading-other-period": "a file without its identity whose task sheets name another "
                            "period of the plan (line 2)",
    "heading-other-year": "a file without its identity whose task sheets give a day of "
                          "another year than the plan's periods' (line 2)",
    "identity-unknown-unit": "the file's unit is not in the master's unit sheet",
    "identity-unit-removed": "a file issued to a unit since taken off the master's unit "
                             "sheet: counted for nobody, kept; nothing asked of the unit",
    "row-missing": "an issued row is gone",
    "row-added": "a row was added",
    "row-foreign": "a row belongs to another unit",
    "row-unknown-id": "a row id the plan does not have",
    "text-outside-table": "words alone in the id column outside the task rows (a note "
                          "typed under the table): not read, the unit told where notes go",
    "row-duplicate": "one id on several rows",
    "row-not-filled": ("an issued row left blank (a note for a coordinating row: never counted,"
                       " or for a lead's row an earlier period's done still counts)"),
    "readonly-edited": "a read-only cell was changed",
    "id-normalized": "an id read after tidying its spelling",
    # a returned workbook: values
    "status-missing": "a row with values but no status",
    "status-invalid": "a status that is none of the three",
    "assessment-outdated": "the office's assessment of a row, removed: the file now counted "
                           "answers the row otherwise than the answer assessed",
    "status-with-percent": "a status with a percentage typed after it that contradicts it "
                           "(\"Hoàn thành 80%\")",
    "status-normalized": "a status read after tidying its spelling",
    "status-went-back": "a lead's answer not done on a product with one due date that an "
                        "earlier period counted done (the figures count the answer now)",
    "done-before-earlier-report": "a lead's answer done on a product with one due date, dated "
                                  "on or before the cut-off of an earlier period in which the "
                                  "unit reported it not done",
    "percent-missing": "in progress without a percentage",
    "recurring-without-evidence": "recurring work in progress without evidence (judged by hand)",
    "percent-invalid": "a percentage that is not a number",
    "percent-out-of-range": "a percentage outside 0-100",
    "percent-text": "a percentage typed as text",
    "percent-fraction": "a percentage that may have been meant as a fraction",
    "percent-assumed-100": "done without a percentage: 100 assumed",
    "not-started-percent": "not started with a percentage above 0",
    "in-progress-percent": "in progress with 0 or 100 %",
    "done-percent-not-100": "done below 100 %",
    "done-without-date": "done without a completion date",
    "done-without-evidence": "done without evidence",
    "date-without-done": "a completion date on an unfinished task",
    "date-of-part-done": "the date a part due earlier was done, kept on a row at work on the "
                         "next part (split --ledger filled it in)",
    "date-text": "a date typed as text",
    "date-serial": "a date typed as a serial number",
    "date-swapped": "day and month read the other way round",
    "date-ambiguous": "a date whose day and month could be swapped",
    "date-before-plan-year": "a completion date before the plan year",
    "date-after-cutoff": "a completion date after the period's cut-off",
    "evidence-no-document": "evidence that cites no document, link or file",
}

# What each finding code is called where people read it (the command line's lines and
# counts, the web app's pages): a few Vietnamese words; the code stays where programs read
# it (--json, the ledger) and in the last column of the consolidated workbook's "Vấn đề"
# sheet, which office staff quote to whoever supports them. One label for each code of
# FINDING_CODES (tests/test_vocab.py).
FINDING_LABELS: dict[str, str] = {
    # any workbook
    "missing-sheet": "thiếu trang",
    "missing-column": "thiếu cột",
    "legacy-encoding": "chữ theo bảng mã cũ TCVN3/VNI",
    "formula-no-value": "công thức chưa có giá trị",
    "cell-text-too-long": "ô quá dài",
    "merged-cells": "ô bị gộp",
    "formula-in-cell": "công thức trong ô nhập",
    "sheet-name-too-long": "tên trang quá dài",
    "file-unreadable": "tệp không đọc được",
    "converted": "tệp đã chuyển định dạng",
    "duplicate-file": "tệp trùng",
    "copy-of-another-unit": "bản sao tệp đơn vị khác",
    "saved-time-missing": "không rõ giờ lưu tệp",
    "saved-time-future": "giờ lưu tệp sau lần gộp",
    "file-name-other-unit": "tên tệp của đơn vị khác",
    "saved-same-time": "lưu cùng lúc với tệp khác",
    "sent-later-saved-before": "gửi sau nhưng lưu trước",
    "plan-changed-since-issued": "kế hoạch đã sửa sau khi giao",
    "answers-left-blank": "tệp mới bỏ trống dòng đã báo cáo",
    "done-undone": "tệp mới bỏ 'Đã hoàn thành' đã báo cáo",
    "answers-all-changed": "tệp mới khác hẳn tệp trước",
    "file-not-read": "tệp chưa đọc được lần này",
    "rows-past-limit": "nội dung ngoài vùng nhiệm vụ",
    "cell-text-cut": "ô quá dài bị cắt",
    "column-added": "cột thêm vào",
    "sheet-other-unit": "trang của đơn vị khác",
    "rows-reordered": "dòng bị sắp xếp lại",
    "row-shifted": "dòng lệch nhiệm vụ",
    "merged-input-cells": "ô nhập bị gộp",
    # the master
    "task-text-too-long": "nội dung nhiệm vụ quá dài",
    "period-due-passed": "đã qua hạn gửi báo cáo",
    "master-unreadable": "bảng kế hoạch không đọc được",
    "plan-field-missing": "thiếu thông tin kế hoạch",
    "plan-year-invalid": "năm kế hoạch sai",
    "plan-code-other-year": "mã kế hoạch của năm khác",
    "plan-code-names-other-year": "mã kế hoạch mang năm khác",
    "plan-authority-gone": "cơ quan ban hành không còn từ 01/7/2025",
    "plan-sender-ignored": "cơ quan gửi văn bản không dùng được",
    "date-invalid": "ngày không đọc được",
    "unit-code-missing": "đơn vị thiếu mã",
    "unit-duplicate": "trùng mã đơn vị",
    "unit-kind-unknown": "loại đơn vị không rõ",
    "group-code-missing": "nhóm thiếu mã",
    "group-unknown": "nhóm không có trong danh sách",
    "group-member-unknown": "đơn vị của nhóm không có trong danh sách",
    "group-empty": "nhóm không có đơn vị",
    "group-open": "nhóm mở",
    "area-blank": "trang lĩnh vực trống",
    "no-tasks": "chưa có nhiệm vụ",
    "group-subset": "một phần của nhóm",
    "group-exclusion": "nhóm trừ một số đơn vị",
    "unit-bracket": "tên đơn vị có ngoặc",
    "unit-roles-read": "vai trò đọc từ lời văn",
    "name-conflict": "trùng tên",
    "period-duplicate": "trùng mã kỳ",
    "period-code-invalid": "mã kỳ không dùng được",
    "period-invalid": "ngày của kỳ sai",
    "periods-default": "dùng kỳ mặc định",
    "periods-missing": "không có kỳ báo cáo",
    "area-code-missing": "lĩnh vực thiếu mã",
    "area-duplicate": "trùng mã lĩnh vực",
    "area-code-invalid": "mã lĩnh vực không dùng được",
    "area-title-missing": "lĩnh vực thiếu tên",
    "id-missing": "thiếu mã nhiệm vụ",
    "id-invalid": "mã nhiệm vụ sai dạng",
    "id-duplicate": "trùng mã nhiệm vụ",
    "id-not-contiguous": "dòng nhiệm vụ không liền nhau",
    "content-missing": "thiếu nội dung",
    "product-missing": "thiếu sản phẩm",
    "lead-missing": "thiếu đơn vị chủ trì",
    "unit-unresolved": "tên đơn vị không nhận ra",
    "unit-merged": "cơ quan đã hợp nhất năm 2025",
    "unit-ambiguous": "tên đơn vị chưa rõ là ai",
    "deadline-missing": "thiếu thời hạn",
    "deadline-unparsed": "thời hạn không đọc được ngày",
    "deadline-undated": "thời hạn theo sự kiện",
    "deadline-before-issue": "hạn trước ngày ban hành",
    "deadline-before-plan-year": "hạn trước năm kế hoạch",
    "deadline-after-plan-year": "hạn sau năm kế hoạch",
    "deadline-typed-date": "thời hạn gõ dạng ngày",
    "heading-assigned": "dòng tiêu đề có giao việc",
    "subtask-unplaced": "nhiệm vụ con lạc chỗ",
    "row-unplaced": "dòng không xếp được",
    "number-looks-subtask": "số thứ tự như nhiệm vụ con",
    # a plan imported from a Word or Excel document (cchc-xl import)
    "import-no-area": "nhiệm vụ chưa có lĩnh vực",
    "import-hidden-rows": "bảng có dòng ẩn",
    "import-tracked-changes": "bảng còn thay đổi chưa chấp nhận",
    "import-row-skipped": "bỏ qua dòng trống",
    "import-row-joined": "dòng được nối lên trên",
    "import-note-skipped": "bỏ qua dòng ghi chú",
    "import-note-joined": "ghi chú của sản phẩm",
    "import-units-joined": "đơn vị của sản phẩm ở dòng trên",
    "import-total-skipped": "bỏ qua dòng tổng cộng",
    "import-budget-skipped": "bỏ qua dòng kinh phí chung",
    "import-signer": "người ký kế hoạch",
    "import-return-to": "nơi nhận báo cáo",
    "import-report-days": "hạn báo cáo ghi trong kế hoạch",
    "import-units-other-level": "danh sách đơn vị của cấp khác",
    "import-units-other-place": "danh sách đơn vị của địa phương khác",
    "import-units-unnamed": "đơn vị năm trước chỉ nhận việc qua nhóm",
    "assessed-not-passed": "cơ quan tổng hợp đánh giá chưa đạt",
    "import-heading-with-data": "dòng tiêu đề có sản phẩm",
    "import-subtask-orphan": "nhiệm vụ con không có nhiệm vụ cha",
    "import-subtask-nested": "nhiệm vụ con cấp ba",
    "import-table-unread": "bảng không đọc",
    "import-table-other": "bảng không phải nhiệm vụ",
    "import-column-unread": "cột không đọc",
    "import-products-split": "tách sản phẩm theo dòng",
    "import-leads-paired": "ghép đơn vị chủ trì theo dòng",
    "import-kept-ids": "giữ mã nhiệm vụ của kế hoạch đang dùng",
    "import-amendment": "giữ tên và số hiệu của kế hoạch đang dùng",
    "import-replaces": "kế hoạch thay thế kế hoạch đang dùng",
    "import-amendment-other": "văn bản sửa đổi kế hoạch khác",
    "import-amendment-alone": "văn bản sửa đổi nhập không kèm kế hoạch đang dùng",
    "import-coordinators-paired": "ghép đơn vị phối hợp theo dòng",
    "import-leads-by-line": "nhiều đơn vị chủ trì một sản phẩm",
    "import-task-incomplete": "nhiệm vụ thiếu thông tin",
    "import-roles-read": "vai trò tách theo lời văn",
    "import-unit-added": "thêm đơn vị mới",
    "import-unit-job-title": "chức danh ghi như đơn vị",
    "import-own-committee": "UBND của chính địa phương",
    "import-unit-spelling": "tên đơn vị viết khác",
    "import-unit-named-as-plan": "đơn vị ghi tên dài hơn trong kế hoạch",
    "import-group-added": "thêm nhóm mới",
    "import-group-as-unit": "nhóm được làm đơn vị",
    "import-province-communes": "xã/phường lấy theo danh mục chính thức",
    "import-group-thin": "nhóm chỉ gồm xã được nêu",
    "import-province-other": "tỉnh khác với nơi ban hành",
    "import-district-level": "cơ quan cấp huyện",
    # a returned workbook: identity and rows
    "identity-missing": "không xác định được tệp",
    "return-unchanged": "tệp chưa điền",
    "file-restored": "tệp đã rút được gửi lại",
    "file-judged-again": "tệp bị từ chối nay được nhận",
    "done-part": "mới xong một phần",
    "date-after-saved": "ngày hoàn thành sau ngày lưu tệp",
    "received-corrected": "sửa ngày nhận",
    "received-before-saved": "ngày nhận trước ngày lưu tệp",
    "return-all-done-before": "tệp chưa điền mà việc đã xong trước",
    "identity-conflict": "thông tin nhận dạng mâu thuẫn",
    "identity-checksum": "thông tin nhận dạng không khớp",
    "identity-guide-mismatch": "trang hướng dẫn ghi đơn vị khác",
    "identity-format": "tệp theo mẫu cũ",
    "identity-other-year": "tệp của năm khác",
    "identity-other-plan": "tệp của kế hoạch khác",
    "identity-other-period": "tệp của kỳ khác",
    "heading-other-period": "tệp ghi kỳ khác",
    "heading-other-year": "tệp ghi năm khác",
    "identity-unknown-unit": "đơn vị không có trong kế hoạch",
    "identity-unit-removed": "đơn vị đã bỏ khỏi kế hoạch",
    "row-missing": "thiếu dòng",
    "row-added": "dòng thêm vào",
    "row-foreign": "dòng của đơn vị khác",
    "row-unknown-id": "mã nhiệm vụ không có trong kế hoạch",
    "text-outside-table": "nội dung ngoài các dòng nhiệm vụ",
    "row-duplicate": "dòng trùng mã",
    "row-not-filled": "dòng chưa điền",
    "readonly-edited": "sửa ô khóa",
    "id-normalized": "mã nhiệm vụ đã chuẩn hóa",
    # a returned workbook: values
    "status-missing": "thiếu trạng thái",
    "status-invalid": "trạng thái sai",
    "assessment-outdated": "đánh giá cũ đã bỏ",
    "status-with-percent": "tỷ lệ ghi kèm trái với trạng thái",
    "status-normalized": "trạng thái đã chuẩn hóa",
    "status-went-back": "kỳ trước đã báo hoàn thành",
    "done-before-earlier-report": "ngày hoàn thành trái báo cáo kỳ trước",
    "percent-missing": "thiếu tỷ lệ",
    "recurring-without-evidence": "việc thường xuyên thiếu kiểm chứng",
    "percent-invalid": "tỷ lệ không phải số",
    "percent-out-of-range": "tỷ lệ ngoài 0–100",
    "percent-text": "tỷ lệ gõ dạng chữ",
    "percent-fraction": "tỷ lệ có thể gõ nhầm dạng thập phân",
    "percent-assumed-100": "coi tỷ lệ là 100%",
    "not-started-percent": "chưa thực hiện mà có tỷ lệ",
    "in-progress-percent": "đang thực hiện với 0 hoặc 100%",
    "done-percent-not-100": "hoàn thành dưới 100%",
    "done-without-date": "hoàn thành thiếu ngày",
    "done-without-evidence": "hoàn thành thiếu kiểm chứng",
    "date-without-done": "có ngày mà chưa hoàn thành",
    "date-of-part-done": "ngày hoàn thành phần việc trước",
    "date-text": "ngày gõ dạng chữ",
    "date-serial": "ngày gõ dạng số",
    "date-swapped": "ngày và tháng đảo chỗ",
    "date-ambiguous": "ngày và tháng có thể đảo",
    "date-before-plan-year": "ngày trước năm kế hoạch",
    "date-after-cutoff": "ngày sau ngày chốt số liệu",
    "evidence-no-document": "kiểm chứng không nêu văn bản",
}
