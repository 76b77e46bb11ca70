"""The plan's own lines around its tables: who issues it, its number and date, its
title, the "Kèm theo" line, the appendix title, and who signed it.

The heading of an issued plan is a borderless table: "ỦY BAN NHÂN DÂN / TỈNH THANH
HÓA" over "Số: 275/KH-UBND" on the left, the national motto over "Thanh Hóa, ngày
25 tháng 12 năm 2025" on the right; then "KẾ HOẠCH" and, often as its own paragraph,
"Cải cách hành chính năm 2026".
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import pairwise

from ..issuer import PEOPLES_COMMITTEE, authority_place
from ..text import capitalized, one_line
from ..vocab import COMMUNE_KINDS, DISTRICT_KINDS, PEOPLES_COMMITTEE_RE, SIGNING_TITLE_RE
from .report_days import said_days

ATTACHMENT = re.compile(r"^\(?\s*(?:ban\s+hành\s+)?kèm\s+theo", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:ủy|uỷ)\s+ban\s+nhân\s+dân|^ubnd\b|^sở\s|^hội\s+đồng",
                        re.IGNORECASE)
_DEPARTMENT = re.compile(r"^sở\s", re.IGNORECASE)
# "VĂN PHÒNG" alone under a People's Committee's name: the letterhead of its office.
_OFFICE_OF_COMMITTEE = re.compile(r"^văn\s+phòng\s*$", re.IGNORECASE)
# "ỦY BAN NHÂN DÂN" (or "UBND") alone on its line: its place is the next line.
_BARE_COMMITTEE = re.compile(rf"^{PEOPLES_COMMITTEE_RE}\s*$", re.IGNORECASE)
# "TỈNH THANH HÓA", "XÃ HOẰNG HÓA": the second line of the authority's name.
_LOCALITY = re.compile(r"^(?:tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn"
                       r"|đặc\s+khu)\s+\S", re.IGNORECASE)
_PLAN_TITLE = re.compile(r"^kế\s+hoạch\b", re.IGNORECASE)
_REFORM = re.compile(r"cải\s+cách\s+hành\s+chính|cchc", re.IGNORECASE)
_APPENDIX = re.compile(r"^phụ\s*lục\s*$", re.IGNORECASE)
# "PHỤ LỤC: DANH MỤC NHIỆM VỤ …" on one line: the appendix and its title (a numbered one,
# "PHỤ LỤC I: …", is an area's: area_titles).
_APPENDIX_TITLED = re.compile(r"^phụ\s*lục\s*[:.–—-]\s*(?P<title>\S.*)$", re.IGNORECASE)
# A title, not a paragraph of the body ("Căn cứ ... như sau:").
_TITLE_LIKE = re.compile(r"^(?!căn\s+cứ\b)[^:]{1,200}$", re.IGNORECASE)
# A section of the body ("II. NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "2. Cải cách..."), not a title.
_NUMBERED = re.compile(r"^(?:[IVXLC]+|\d+)[.)]\s", re.IGNORECASE)
# A space either side of its "/" ("Số: 12 /KH-UBND", a scan read back) is no part of it.
_NUMBER = re.compile(r"^số\s*:\s*(?P<number>[^\s/]+ ?/ ?\S+)", re.IGNORECASE)
# The same after the number, on the number's line.
_ISSUED_IN = re.compile(r",\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
                        re.IGNORECASE)
_ISSUED = re.compile(r"^[^,\d]{2,40},\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+"
                     r"năm\s+(?P<y>\d{4})", re.IGNORECASE)
# The place and date line cut before its year ("Thanh Hóa, ngày 08 tháng 01 năm" over
# "2026": the letterhead's column wrapped it): the next line completes it.
_ISSUED_CUT = re.compile(r"^[^,\d]{2,40},\s*ngày\s+\d{1,2}(?:\s+tháng(?:\s+\d{1,2}(?:\s+năm)?)?)?$",
                         re.IGNORECASE)
# The plan's number and date as its appendix cites them: "(Kèm theo Kế hoạch số
# 15/KH-UBND ngày 10/01/2026 của …)", "… ngày 10 tháng 01 năm 2026 …".
_CITED_NUMBER = re.compile(r"\bkế\s+hoạch\s+số\s*:?\s*(?P<number>[^\s,;()]+/[^\s,;()]+)",
                           re.IGNORECASE)
# … and who issued it, ending the line: "… của UBND tỉnh Thanh Hóa)", "… của Sở Nội vụ tỉnh
# Nghệ An)"; an authority with its place only (a person's title, "của Chủ tịch UBND tỉnh",
# is not the issuer).
_CITED_AUTHORITY = re.compile(
    r"\bcủa\s+(?P<who>(?:(?:ủy|uỷ)\s+ban\s+nhân\s+dân|ubnd)\s+(?:tỉnh|thành\s+phố"
    r"|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn|đặc\s+khu)\s+[^,;()]+?"
    r"|sở\s+[^,;()]+?\s+(?:tỉnh|thành\s+phố)\s+[^,;()]+?)(?:\s+về\s+[^()]*)?\s*\.?\s*\)?\s*$",
    re.IGNORECASE)
# Where the plan's body has units report: "… báo cáo Chủ tịch UBND huyện (qua Phòng Nội
# vụ)", "… gửi báo cáo về Sở Nội vụ trước ngày …": the body named, up to the bracket, a
# comma or the words that end its name.
_VIA = re.compile(r"\(\s*qua\s+(?P<who>[^()]{3,80}?)\s*\)", re.IGNORECASE)
# "… báo cáo kết quả về Văn phòng HĐND và UBND xã" says it without "gửi" (a commune's plan,
# a QA pass: its offices were told to send their files to the Sở Nội vụ it reports to);
# then the body's name is capitalised, not "báo cáo về phòng, chống tham nhũng". What is
# reported may be said at length: "báo cáo (tình hình,) kết quả thực hiện về …".
_WHAT = r"(?:(?:tình\s+hình\s*,?\s+)?kết\s+quả\s+(?:thực\s+hiện\s+)?)"
_SENT_TO = re.compile(
    rf"\b(?:gửi\s+(?:báo\s+cáo\s+)?{_WHAT}?|báo\s+cáo\s+{_WHAT}?(?=về\s+(?-i:[A-ZĐ])))"
    r"về\s+(?P<who>(?:sở|phòng|văn\s+phòng|ủy\s+ban|uỷ\s+ban|ubnd|bộ\s+phận|trung\s+tâm)"
    r"\s[^,.;:()]{2,80}?)"
    r"(?=\s+(?:để|trước|chậm|theo|định|hằng|hàng|trong)\b|\s*[,.;:(]|\s*$)", re.IGNORECASE)
_REPORT = re.compile(r"\bbáo\s+cáo\b", re.IGNORECASE)
_CITED_DATE = re.compile(r"\bngày\s+(?P<d>\d{1,2})(?:\s*[/.-]\s*|\s+tháng\s+)(?P<m>\d{1,2})"
                         r"(?:\s*[/.-]\s*|\s+năm\s+)(?P<y>\d{4})", re.IGNORECASE)


# The national motto typed after the authority on its line, with tabs or spaces between
# ("UBND XÃ HOẰNG HÓA<tab><tab>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), instead of in a
# table's other column: not part of the name.
_MOTTO_WORDS = (r"(?:cộng\s+h(?:òa|oà)\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam"
                r"|độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc)\b")
_MOTTO_AFTER = re.compile(rf"\s+{_MOTTO_WORDS}.*$", re.IGNORECASE)
_MOTTO = re.compile(rf"^{_MOTTO_WORDS}", re.IGNORECASE)  # the motto's own cell
# The motto's words, for a line of it wrapped in its column ("CỘNG HÒA XÃ HỘI CHỦ" over
# "NGHĨA VIỆT NAM", a PDF's letterhead at 12-14 points): :func:`_motto_piece`.
_MOTTO_LINES = ("cộng hòa xã hội chủ nghĩa việt nam", "độc lập - tự do - hạnh phúc")
_RECIPIENTS = re.compile(r"^n[ơo]i\s+nhận\b", re.IGNORECASE)  # "Nơi nhận:" by the signature
# A table of the form at most this tall: the letterhead's two or three rows, the
# signature's one or two; a task table is taller.
_FORM_ROWS = 4


# Kinds of document by the symbol in their number (Nghị định 30/2020/NĐ-CP, Phụ lục III:
# "45/BC-UBND" a report). Those never a plan, whatever table they hold: a report's table
# of results read as tasks ("Kết quả thực hiện" its products), and the import asked only
# for the plan's year. A decision or directive can issue the tasks itself (a decision
# "giao nhiệm vụ CCHC" with its appendix): named only when it holds no task table.
NEVER_A_PLAN = {"BC": "báo cáo", "TB": "thông báo", "TTr": "tờ trình", "BB": "biên bản",
                "GM": "giấy mời"}
OTHER_KINDS = {"QĐ": "quyết định", "CT": "chỉ thị", "HD": "hướng dẫn", "CV": "công văn"}


def document_kind(number: str, kinds: dict[str, str]) -> str | None:
    """The kind ``kinds`` gives the symbol of a document's number ("45/BC-UBND" ->
    "báo cáo"), None for another or none."""
    if "/" not in number:
        return None
    symbol = number.rsplit("/", 1)[1].split("-")[0].strip()
    return next((kind for code, kind in kinds.items() if code.casefold() == symbol.casefold()),
                None)


# A heading typed (or scanned and read back) a letter at a time: "K Ế  H O Ạ C H".
_LETTER_SPACED = re.compile(r"^\s*(?:\w\s+){2,}\w\s*$")
_RUN_TOGETHER_TITLE = re.compile(r"^(kế)(hoạch)", re.IGNORECASE)


def unspaced(line: str) -> str:
    """A letter-spaced heading as its words: "K Ế  H O Ạ C H" -> "KẾ HOẠCH" (a wider
    gap parts the words; with none, "KẾHOẠCH" is parted where a plan's title is). Read
    as it stood, the plan's title was not found, nor its year."""
    if not _LETTER_SPACED.match(line):
        return line
    words = " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", line.strip()))
    return _RUN_TOGETHER_TITLE.sub(r"\1 \2", words)


def form_part(rows: list[list[str]]) -> str | None:
    """What part of the official form a small table lays out, as a reader names it: the
    letterhead (a cell opening with the national motto) or the recipients and signature
    ("Nơi nhận:"); None for any other table. Borderless, they are no tables to the reader,
    and counting them made the task table "bảng 3" in a document showing one (a QA
    pass)."""
    if len(rows) > _FORM_ROWS:
        return None
    firsts = [one_line(text.split("\n")[0]) for row in rows for text in row if text.strip()]
    if any(_MOTTO.match(first) for first in firsts):
        return "phần đầu văn bản (quốc hiệu, số, ngày)"
    if any(_RECIPIENTS.match(first) for first in firsts):
        return "phần nơi nhận, chữ ký"
    return None


# The signature block: "TM. ỦY BAN NHÂN DÂN" (or KT., Q., TL., TUQ.), or the title alone
# ("CHỦ TỊCH", "GIÁM ĐỐC", the committee's office's "CHÁNH VĂN PHÒNG"); then the other
# title lines in capitals, then the name.
_SIGN_START = re.compile(rf"^(?:TM|KT|Q|TL|TUQ)\.\s*\S|^{SIGNING_TITLE_RE}$")
_SIGN_LINES = 6  # a block's lines at most: more is the body's text
_SIGNED = re.compile(r"^\(.*\)$|^đã\s+ký$", re.IGNORECASE)  # "(Đã ký)", "(Ký, đóng dấu)"


# Words of a title line, never of a name: an upper-case line with none of them, under the
# title, is the name typed in capitals ("LÊ THỊ HOA").
_TITLE_WORDS = re.compile(r"\b(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG|PHÓ|CHÁNH|TM|KT|TL|TUQ|Q)\b")
_HONORIFIC = re.compile(r"^(?:ông|bà)\s+", re.IGNORECASE)  # "Ông Đỗ Văn Cường"
# What follows a signature left without a name, in capitals like a name: the appendix's
# heading on the next page ("PHỤ LỤC"), another document's title, the addressees.
_NO_NAME = re.compile(r"^(?:phụ\s*lục|kế\s+hoạch|danh\s+mục|biểu|nơi\s+nhận)\b", re.IGNORECASE)


def _person(line: str) -> str:
    """The name a signature line gives ("Nguyễn Văn An"; "LÊ THỊ HOA" as "Lê Thị Hoa";
    "Ông Đỗ Văn Cường" without "Ông"), or "": two to six words, each capitalised."""
    line = _HONORIFIC.sub("", line)
    if _NO_NAME.match(line) or _AUTHORITY.match(line) or _MOTTO.match(line):
        return ""  # the next page's heading, or the letterhead of the plan a decision issues
    if line.isupper() and not _TITLE_WORDS.search(line):
        line = " ".join(w.capitalize() for w in line.split())
    words = line.split()
    if 2 <= len(words) <= 6 and all(
            w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words):
        return line
    return ""


class _Signature:
    """The signature block's lines, read as they come (a table's cell, or a paragraph
    each): its title lines and the name under them."""

    def __init__(self) -> None:
        self.title: list[str] = []
        self.name = ""
        self._open = False

    def line(self, line: str) -> bool:
        """Whether ``line`` belongs to the block (taken)."""
        if self.name:
            return False  # the first block signed: the plan's
        if _SIGN_START.match(line):
            if not self._open:
                self.title = []
            self._open = True
        if not self._open:
            return False
        if line.isupper() and len(self.title) < _SIGN_LINES and (
                not self.title or _TITLE_WORDS.search(line)):
            self.title.append(line)
            return True
        if _SIGNED.match(line):
            return True  # where the signature goes: the name comes under it
        self._open = False
        if name := _person(line):
            self.name = name
            return True
        self.title = []  # a title with no name under it: nothing to go by
        return False


def _motto_piece(line: str) -> bool:
    """A run of the motto's words on a line of its own, as its column wrapped it: read
    between the authority's lines, as the whole motto is (a PDF's letterhead gives the
    page's lines a column each in turn: "VIỆT NAM" came between "ỦY BAN NHÂN DÂN" and the
    ward's name, which was lost, the plan read as the province's)."""
    words = " ".join(re.sub(r"\s*[-–—]\s*", " - ", line.casefold().replace("oà", "òa")).split())
    return bool(words) and any(f" {words} " in f" {motto} " for motto in _MOTTO_LINES)


def _dates_joined(lines: list[str]) -> list[str]:
    """A place and date line cut before its year joined to the line completing it, in one
    paragraph (a tagged PDF's cell: "Thanh Hóa, ngày 08 tháng 01 năm" / "2026")."""
    out: list[str] = []
    for line in lines:
        if out and _ISSUED_CUT.match(out[-1]) and _ISSUED.match(f"{out[-1]} {line}"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _authority(lines: list[str]) -> str:
    """"ỦY BAN NHÂN DÂN" / "TỈNH THANH HÓA" is one name; "UBND TỈNH THANH HÓA" /
    "SỞ NỘI VỤ" names the body under the first."""
    lines = [_MOTTO_AFTER.sub("", line) for line in lines[:3]]
    first = lines[0]
    second = lines[1] if len(lines) > 1 else ""
    if _BARE_COMMITTEE.match(second) and len(lines) > 2 and _LOCALITY.match(lines[2]):
        # "UBND TỈNH THANH HÓA" over "ỦY BAN NHÂN DÂN" / "PHƯỜNG HẠC THÀNH": the ward's.
        return f"{second} {lines[2]}"
    if second and _AUTHORITY.match(second):
        # A department named with the province over it ("SỞ NỘI VỤ TỈNH NGHỆ AN"): its
        # letterhead, the province's plan and its place come from it (issuer.py).
        over = PEOPLES_COMMITTEE.sub("", first)
        return f"{second} {over}" if _DEPARTMENT.match(second) and over != first \
            and _LOCALITY.match(over) else second
    if second and _LOCALITY.match(second):
        return f"{first} {second}"
    if _OFFICE_OF_COMMITTEE.match(second) and PEOPLES_COMMITTEE.match(f"{first} "):
        # "UBND TỈNH LAI CHÂU" over "VĂN PHÒNG": the committee's office issues it, for
        # its own rooms; taken for the province, the plan got the province's departments
        # and communes, and "các phòng, đơn vị thuộc Văn phòng" stood for the departments.
        return f"{second} {first}"
    return first


class Preamble:
    """Reads the plan's fields from the lines before (and around) its tables."""

    def __init__(self) -> None:
        self.authority = ""
        self.title = ""
        self.number = ""
        self.issued: date | None = None
        self.attachment = ""
        self.appendix_title = ""
        self._title_open = False  # "KẾ HOẠCH" alone: the next line completes it
        self._appendix_open = False  # "PHỤ LỤC" alone: the next line is its title
        # The authority's first line alone ("UBND TỈNH THANH HÓA" in a workbook's A1): the
        # next line may name the body under it ("SỞ NỘI VỤ", A2) or its place.
        self._authority_line = ""
        # Once the task tables have begun, a paragraph is the plan's body or its closing
        # ("III. TỔ CHỨC THỰC HIỆN"...), never the appendix's title.
        self.tasks_read = False
        self._signature = _Signature()
        self._date_cut = ""  # the place and date line cut before its year (_ISSUED_CUT)
        self._report_to: Counter[str] = Counter()  # the bodies reports go through
        self._report_days: list[tuple[str, str]] = []  # (body, paragraph) giving a day

    @property
    def return_to(self) -> str:
        """Where the plan's body has units send their reports ("(qua Phòng Nội vụ)",
        "gửi báo cáo về Sở Nội vụ"): the body named most often ("" for none). A
        commune's plan (or a former district's) also says how the commune reports up,
        "báo cáo UBND tỉnh (qua Sở Nội vụ)": a province's department is never where
        its own offices send their files."""
        place = authority_place(self.authority)
        below_province = place is not None and place[0] in (*COMMUNE_KINDS, *DISTRICT_KINDS)
        bodies = [(who, n) for who, n in self._report_to.most_common()
                  if not (below_province and _DEPARTMENT.match(who))]
        return capitalized(bodies[0][0]) if bodies else ""

    @property
    def report_days(self) -> list[str]:
        """The paragraphs that tell the units where to report (``return_to``) and give
        them a day to report by ("… trước ngày 10 của tháng cuối quý"), each once."""
        to = self.return_to
        return list(dict.fromkeys(text for who, text in self._report_days
                                  if to and capitalized(who) == to))

    def _reports(self, text: str) -> None:
        if _REPORT.search(text):
            for pattern in (_VIA, _SENT_TO):
                for m in pattern.finditer(text):
                    self._report_to[one_line(m["who"])] += 1
                    if said_days(text):
                        self._report_days.append((one_line(m["who"]), text))

    @property
    def signer(self) -> str:
        """The name the plan was signed with ("" when none could be read)."""
        return self._signature.name

    @property
    def signer_title(self) -> str:
        """Its title lines, a line each ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")."""
        return "\n".join(self._signature.title) if self._signature.name else ""

    def _issued_from(self, m: re.Match | None) -> None:
        if m is None or self.issued is not None:
            return
        try:
            self.issued = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            pass

    def _number_or_date(self, line: str) -> bool:
        """Take the plan's number ("Số: 05/KH-UBND", and the date after it on the same
        line: "<tab> Hoằng Hóa, ngày 12 tháng 01 năm 2026") or its date of issue from
        ``line`` when not known yet: whether the line gave one."""
        if not self.number and (m := _NUMBER.match(line)):
            self.number = m["number"].replace(" ", "").rstrip(".,;")
            self._issued_from(_ISSUED_IN.search(line))
            return True
        if self.issued is None and (m := _ISSUED.match(line)):
            self._issued_from(m)
            return True
        if self.issued is None and _ISSUED_CUT.match(line):
            self._date_cut = line
            return True
        return False

    def _cited(self, attachment: str) -> None:
        """The plan's number, date and issuer from the line its appendix is attached
        by, when the document has no letterhead to read them from (a copy of the
        appendix alone, a province's appendix issued as a workbook, or a letterhead in a
        text box): the report's opening sentence cites them. The issuer is written as
        its letterhead would be ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA"), so that the plan's
        code and level are those of the same plan imported from its Word document."""
        if not self.authority and (m := _CITED_AUTHORITY.search(attachment)):
            self.authority = PEOPLES_COMMITTEE.sub("ỦY BAN NHÂN DÂN ", m["who"]).upper()
        if not self.number and (m := _CITED_NUMBER.search(attachment)):
            self.number = m["number"].rstrip(".")
        if self.issued is None:
            self._issued_from(_CITED_DATE.search(attachment))

    def line(self, text: str) -> None:
        text = "\n".join(unspaced(x) for x in text.split("\n"))
        lines = _dates_joined([one_line(x) for x in text.split("\n") if x.strip()])
        if not lines:
            return
        self._reports(one_line(text))
        if any([self._signature.line(x) for x in lines]):
            return  # the signature block (a cell of its lines, or a paragraph each)
        parts = _heading_parts(lines)
        if len(parts) > 1:
            # "PHỤ LỤC" / its title / "(Kèm theo …)" typed as one paragraph, the lines
            # broken by Shift+Enter: each part read as the paragraph it stands for.
            for part in parts:
                self.line("\n".join(part))
            return
        first = lines[0]
        if self._date_cut:
            cut, self._date_cut = self._date_cut, ""
            if self.issued is None and (m := _ISSUED.match(f"{cut} {first}")):
                self._issued_from(m)
                return
        if self._authority_line and (_MOTTO.match(first) or _motto_piece(first)):
            pass  # the motto's cell, read between the authority's two rows
        elif self._authority_line:
            over, self._authority_line = self._authority_line, ""
            joined = _authority([over, first])
            if joined != _authority([over]):  # the second line of the same letterhead
                self.authority = joined
                # "ỦY BAN NHÂN DÂN" under its province's: the ward's place comes next.
                self._authority_line = first if _BARE_COMMITTEE.match(first) else ""
                return
        # A letterhead cell holds the authority then its number, or the motto then the
        # place and date, a line each.
        for later in lines[1:]:
            self._number_or_date(later)
        if self._title_open:
            self._title_open = False
            if not ATTACHMENT.match(first) and not _NUMBER.match(first):
                rest = one_line(text)
                if " ".join(rest.split()).casefold().startswith(
                        " ".join(self.title.split()).casefold() + " "):
                    # "KẾ HOẠCH" over "Kế hoạch cải cách hành chính năm 2026": the line
                    # says the kind again, and is the title ("Kế hoạch kế hoạch…" was).
                    self.title = rest[:1].upper() + rest[1:]
                elif self.title.isupper() and not rest.isupper():
                    # "KẾ HOẠCH" over "Cải cách hành chính năm 2026": one sentence.
                    self.title = f"{self.title.capitalize()} {rest[:1].lower()}{rest[1:]}"
                else:
                    self.title = f"{self.title} {rest}"
                return
        if _APPENDIX.match(first):
            pass  # "PHỤ LỤC": its title is the next line
        elif ATTACHMENT.match(first):
            self.attachment = self.attachment or one_line(text)
            self._cited(one_line(text))
        elif self._number_or_date(first):
            pass
        elif _AUTHORITY.match(first) and not self.authority:
            self.authority = _authority(lines)
            self._authority_line = first if len(lines) == 1 else ""
        elif _PLAN_TITLE.match(first) and not self.title:
            self.title = one_line(text)
            self._title_open = len(self.title.split()) <= 2  # "KẾ HOẠCH"
        elif not self.tasks_read and (self._appendix_open or _untitled_appendix(
                one_line(text), self.appendix_title)):
            self.appendix_title = one_line(text)
        elif (not self.tasks_read and (m := _APPENDIX_TITLED.match(one_line(text)))
              and _untitled_appendix(m["title"], self.appendix_title)):
            self.appendix_title = m["title"]
        self._appendix_open = bool(_APPENDIX.match(first))


def _untitled_appendix(line: str, found: str) -> bool:
    """Whether a line no "PHỤ LỤC" heads is the appendix's title: the first of reform
    in capitals, as a title is set ("NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"), not a
    numbered section of the body, nor a sentence of it ("Đẩy mạnh cải cách hành chính,
    nâng cao chất lượng…": a commune's plan with no "PHỤ LỤC" line printed it as its
    appendix's title)."""
    return (not found and bool(_REFORM.search(line)) and bool(_TITLE_LIKE.match(line))
            and line.isupper() and not _NUMBERED.match(line))


def _heading_parts(lines: list[str]) -> list[list[str]]:
    """A paragraph's lines cut where the appendix's heading goes on to its next part:
    after "PHỤ LỤC" alone, before a "(Kèm theo …)" line."""
    parts = [[lines[0]]]
    for prev, line in pairwise(lines):
        if _APPENDIX.match(prev) or ATTACHMENT.match(line):
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts
