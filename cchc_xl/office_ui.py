"""Names of Excel's, Word's and LibreOffice's commands, as messages and the guide tell
users what to click.

One home for each: a name is written the way the program's Vietnamese interface shows
it, with the English one beside where offices may run the program in English. Where
each was checked (Microsoft's Vietnamese support pages, LibreOffice 7.4's Vietnamese
language pack) is in docs/unit-file.md, "Excel's, Word's and LibreOffice's own words".
"""

from __future__ import annotations

# --- Microsoft Excel and Word ---

# File > Save As ("Tệp > Lưu Như"; "Lưu thành" is no program's word).
MS_SAVE_AS = "Tệp > Lưu Như (File > Save As)"
# Save As's file type for a plain workbook. Its English name is Microsoft's; the
# Vietnamese one could not be checked, and the "(*.xlsx)" is there in every language.
EXCEL_XLSX_TYPE = "'Sổ làm việc Excel (*.xlsx)' (Excel Workbook)"
# The file type not to pick: its name says "Strict Open XML" in both languages.
EXCEL_STRICT_TYPE = "Strict Open XML"
# Where a password to open is set and removed.
EXCEL_PASSWORD = ("Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu "
                  "(File > Info > Protect Workbook > Encrypt with Password)")
WORD_PASSWORD = ("Tệp > Thông tin > Bảo vệ Tài liệu > Mã hóa bằng Mật khẩu "
                 "(File > Info > Protect Document > Encrypt with Password)")
# Where tracked changes are accepted or rejected, one by one or all at once: the
# Review tab ("Xem lại" in Vietnamese Word) and its two buttons.
WORD_REVIEW = "Xem lại > Chấp nhận hoặc Từ chối (Review > Accept or Reject)"

# --- LibreOffice ---

LO_SAVE_AS = "Tập tin > Lưu mới (File > Save As)"
LO_XLSX_TYPE = "Excel 2007–365"
LO_DOCX_TYPE = "Word 2007–365"
# The Save As dialog's box; untranslated, so shown in English in a Vietnamese LibreOffice.
LO_PASSWORD_BOX = "Save with password"
# Saving as .xlsx, LibreOffice asks ("Confirm File Format") whether to keep the format;
# its buttons are untranslated too.
LO_KEEP_XLSX = ("khi được hỏi giữ định dạng tệp, chọn nút \"Use Excel 2007–365 Format\", "
                "không chọn \"Use ODF Format\"")
