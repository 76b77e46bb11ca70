"""Vietnamese text handling: cleaning on read, matching keys, legacy encodings.

Every string that comes out of a workbook goes through :func:`clean` before the
rest of the library sees it. Matching uses :func:`match_key`, which evens out
Unicode normalization, tone-mark placement ("hoá"/"hóa"), case, spacing and
connector punctuation, but never drops diacritics: "Hoằng Đông" and
"Hoằng Đồng" stay different.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal

from openpyxl.utils.escape import unescape

# Control characters that Word pastes carry and that openpyxl refuses to write.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# Characters that show nothing (soft hyphen, zero-width (non-)joiners, word joiner,
# byte-order mark), pasted from the web or Word: a vocabulary word carrying one looks
# right and matches nothing.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# A list pasted from Word as text: its bullets, drawn in the Symbol or Wingdings font,
# come as private-use characters (U+F0B7, U+F0A7, U+F0D8, U+F076, U+F0FC; U+F02D a
# dash) that every other font shows as a box; and a line break as a line or paragraph
# separator (U+2028, U+2029), which Excel shows as none.
_WORD_BULLET = re.compile("^[\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf0e0]")
# What opens a line of a list typed in a cell or a note ("- Kế hoạch;", "• Báo cáo"): a
# hyphen, en or em dash, plus, bullet or star (report.docx, plan_text).
LIST_MARKS = "-\u2013\u2014+\u2022*"
_WORD_DASH = re.compile("^\uf02d")
_SYMBOL_FONT = re.compile("[\uf000-\uf0ff]")
_SEPARATORS = re.compile("[\u2028\u2029]")


def for_people(text: str) -> str:
    """A file's name or path as people read it (a message, a sheet, a page, a letter):
    NFC. A Mac hands names back decomposed (NFD): they look the same, but Excel's search
    and filter do not find "Hoằng" in them and they sort apart. Only for showing: the
    path that opens a file stays as the OS gave it."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def without_invisible(text: str) -> str:
    """``text`` without the characters that show nothing (for matching a vocabulary)."""
    return _INVISIBLE.sub("", text)


# Marks that turn the direction of the text after them: in a file's name, "X\u202egpj.xlsx"
# shows as "Xxlsx.jpg" (a name made to look like another file).
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_bidi(name: str) -> str:
    """A name from outside (an upload's, a zip member's) without direction marks: shown
    as its characters are, never reversed."""
    return _BIDI.sub("", name)

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old-style placement puts the tone on the second vowel of an open "oa", "oe", "uy"
# syllable (hoá, khoẻ, thuỷ); the new style puts it on the first (hóa, khỏe, thủy).
# Matching keys use the new style. Works on NFD text, where the tone is a combining mark.
_OLD_STYLE_TONE = re.compile(
    rf"([oOuU])([aAeEyY])([{_TONES}])(?![^\W\d_]|[\u0300-\u036f])"
)
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}

# Connectors that vary between spellings of one name: "HĐND&UBND", "HĐND - UBND",
# "Văn hóa – Thông tin", "Văn hóa và Thông tin".
_CONNECTORS = re.compile(r"\s*(?:&|\+|[-\u2010-\u2015]|\bvà\b)\s*", re.IGNORECASE)
# Quotes too: a name pasted as “Sở Nội vụ” is the unit Sở Nội vụ.
_EDGE_PUNCT = " .;,:-\u2013\u2014•·*+\"'\u201c\u201d\u2018\u2019"


def clean(value: object) -> str:
    """A cell value as clean NFC text: no control characters, single spaces, stripped.

    Line breaks inside a cell are kept (as ``\\n``) because they carry meaning in
    bulleted lists and labelled deadlines.
    """
    if value is None:
        return ""
    if value.__class__ is str and len(value) <= _REMEMBERED_CHARS:
        return _clean_short(value)  # ids, statuses, dates: the same texts in every file
    return _clean(str(value))


_REMEMBERED_CHARS = 200  # texts this short are cleaned once per process (a bounded cache)


def _clean(text: str) -> str:
    if "_x" in text:
        # Excel stores control characters as "_x000D_"; openpyxl hands them over as is.
        text = unescape(text)
    text = _SEPARATORS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if _SYMBOL_FONT.search(text):
        lines = [_WORD_DASH.sub("-", _WORD_BULLET.sub("•", line)) for line in lines]
    return "\n".join(line for line in lines if line)


_clean_short = functools.lru_cache(maxsize=4096)(_clean)


def printable(text: str) -> str:
    """``text`` as it can be printed: bytes of a path the system could not decode as
    UTF-8 (surrogates) shown escaped, never a UnicodeEncodeError."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def one_line(value: object) -> str:
    """Like :func:`clean`, with line breaks folded into spaces."""
    return clean(value).replace("\n", " ")


def folded(value: object) -> str:
    """A cell's text as compared with what it should show: :func:`one_line`, any case."""
    return one_line(value).casefold()


def _new_style_tones(nfd: str, keep_qu: bool = False) -> str:
    """The tones of ``nfd`` (NFD text) on the first vowel of "oa", "oe", "uy" ending a
    syllable; with ``keep_qu``, not in "quý", whose "u" belongs to "qu"."""
    def swap(m: re.Match[str]) -> str:
        first, second, tone = m.groups()
        if (first.lower(), second.lower()) in _PAIRS and not (
                keep_qu and first in "uU" and m.start() > 0 and nfd[m.start() - 1] in "qQ"):
            return first + tone + second
        return m.group(0)

    return _OLD_STYLE_TONE.sub(swap, nfd)


def usual_tones(text: str) -> str:
    """NFC text with "oa", "oe", "uy" ending a syllable marked on their first vowel (hóa,
    khỏe, thủy), as most official names are written (Thanh Hóa, Khánh Hòa); "quý", whose
    "u" belongs to "qu", is left as it is. For names shown, not only compared."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _new_style_tones(nfd, keep_qu=True))


def tone_key(text: str) -> str:
    """NFC text with tone marks in the new-style position, for comparison only."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _new_style_tones(nfd))


def capitalized(text: str) -> str:
    """A message as a sentence opens in a table's cell: its first letter a capital."""
    return text[:1].upper() + text[1:]


def mid_sentence(label: str) -> str:
    """A label inside a sentence: "Các cơ quan, đơn vị" as "các cơ quan, đơn vị", "Kế
    hoạch ..." as "kế hoạch ..."; "UBND các xã, phường" as it is."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() else label[:1].lower() + label[1:]


def strip_edges(text: str) -> str:
    """Drop list bullets and trailing punctuation around a name ("- Phòng Tư pháp;")."""
    return text.strip(_EDGE_PUNCT)


@functools.lru_cache(maxsize=1 << 16)  # called for every name against every name
def match_key(text: str) -> str:
    """The key two spellings of one name share.

    Evens out NFC/NFD, tone placement, case, spaces, bullets and trailing
    punctuation, and connector punctuation ("&", "-", "–", "và").
    """
    text = tone_key(one_line(text)).casefold()
    text = _CONNECTORS.sub(" ", text)
    text = text.replace(",", " ")
    text = strip_edges(_SPACES.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def fold_ascii(text: str) -> str:
    """Diacritics removed, for file-name slugs and lenient matching of fixed vocabularies.

    Never used to match unit names (that would merge Hoằng Đông and Hoằng Đồng).
    """
    text = one_line(text).replace("đ", "d").replace("Đ", "D")
    nfd = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def one_edit_apart(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with at most one letter changed, added, left out, or two
    side by side swapped: how far a word typed wrong is from the word meant ("phpa" for
    "phap"); "noi" and "ngoai" are two words."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    pairs = zip(a, b, strict=False)  # up to the shorter's end
    i = next((k for k, (x, y) in enumerate(pairs) if x != y), min(len(a), len(b)))
    if len(a) != len(b):
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return longer[i + 1:] == shorter[i:]
    return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1])


def slug(text: str, max_len: int = 40) -> str:
    """A readable ASCII file-name part: "Phòng Tư pháp" -> "phong-tu-phap"."""
    s = re.sub(r"[^a-z0-9]+", "-", fold_ascii(text).lower()).strip("-")
    return s[:max_len].rstrip("-") or "x"


# Characters no file name may hold on Windows, and separators that read badly in one.
_FILE_NAME_BREAK = re.compile(r'[\\/:*?"<>|\x00-\x1f&,;()\[\]{}#%+=@!$`~^]+|\s+')


def file_part(text: str, max_len: int = 60) -> str:
    """A file-name part that keeps Vietnamese letters, cut between words:
    "Xã Hoằng Đồng" -> "Xã-Hoằng-Đồng" (never "xa-hoang-dong", which Hoằng Đông shares);
    at most ``max_len`` characters, a first word longer than that cut (a unit's name
    typed without spaces made a name of 150 characters: a QA probe)."""
    words = [w.strip(".-") for w in _FILE_NAME_BREAK.split(unicodedata.normalize("NFC",
                                                                                 one_line(text)))]
    out = ""
    for word in filter(None, words):
        longer = f"{out}-{word}" if out else word
        if out and len(longer) > max_len:
            break
        out = longer
    return out[:max_len].rstrip(".-") or "x"


# Between unit names in a list: a name may hold a comma ("Phòng Kinh tế, Hạ tầng và Đô
# thị"), so ", " would make two units of one.
UNIT_SEPARATOR = "; "


def short_list(names: list[str], limit: int = 3, separator: str = UNIT_SEPARATOR,
               noun: str = "đơn vị") -> str:
    """"A; B; C và 4 đơn vị khác": a list of unit names (or of other things, ``noun``:
    "TC-01, TC-02 và 3 nhiệm vụ khác") cut for a cell or a line. One more than ``limit``
    is named, not "và 1 đơn vị khác": its name takes hardly more room, and says who."""
    if len(names) <= limit + 1:
        return separator.join(names)
    # "Sở Khoa học và Công nghệ và 176 đơn vị khác" reads as one name: after a name
    # holding "và", the count is set apart ("...; cùng 176 đơn vị khác").
    joint = f"{separator.rstrip()} cùng " if " và " in names[limit - 1] else " và "
    return separator.join(names[:limit]) + f"{joint}{len(names) - limit} {noun} khác"


TASK_NAME_MAX = 70  # characters of a task's content naming it where its id would stand


def first_line_cut(text: str, limit: int = TASK_NAME_MAX) -> str:
    """The first line of a task's content, cut at a word when long: the task as its
    reader knows it ("TC-03" is the tool's id, printed nowhere in the plan)."""
    first = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    first = first.rstrip(".;:")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# --- Vietnamese numbers -------------------------------------------------------------

_ROMAN_DIGITS = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
                 ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman_numeral(n: int) -> str:
    """A positive whole number in Roman numerals: 4 -> "IV", 12 -> "XII"."""
    out = []
    for letters, value in _ROMAN_DIGITS:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


NO_RATE = "—"  # a rate with nothing to divide by

def vn_number(value: float | int | Decimal, places: int = 0) -> str:
    """A number the Vietnamese way: "1.234,56" (dot for thousands, comma for decimals).

    Rounded half up, as people round by hand ("41,325" -> "41,33").
    """
    number = Decimal(str(value))
    # Enough digits for any number a cell may hold (1e26 typed as a percentage).
    digits = Context(prec=max(28, number.adjusted() + places + 2))
    exact = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=digits)
    return f"{exact:,.{places}f}".translate(str.maketrans(",.", ".,"))


# Decimals of a figure the report computes as a percentage: a completion rate ("41,33%")
# and a mean of progress ("40,00%"), written alike (docs/counting.md).
RATE_PLACES = 2


def vn_percent(part: int, whole: int, places: int = RATE_PLACES) -> str:
    """"41,33%" for 31 of 75; "—" when there is nothing to divide by."""
    if not whole:
        return NO_RATE
    return vn_rate(Decimal(part) * 100 / Decimal(whole), places)


def vn_rate(percent: float | Decimal, places: int = RATE_PLACES) -> str:
    """A percentage the report computed, with its decimals always: "40,00%", "11,08%"."""
    return vn_number(percent, places) + "%"


def vn_progress(percent: float | None) -> str:
    """A reported percentage without needless decimals: "60%", "12,5%"."""
    if percent is None:
        return ""
    text = vn_number(percent, 2)
    return text.rstrip("0").rstrip(",") + "%"


def rate(part: int, whole: int) -> float | None:
    """A completion rate in percent, rounded to 2 places (None when whole is 0)."""
    if not whole:
        return None
    return rounded_rate(Decimal(part) * 100 / Decimal(whole))


def rounded_rate(percent: float | Decimal) -> float:
    """A percentage the report computed (a completion rate, a mean of progress) to
    RATE_PLACES, rounded half up as :func:`vn_number` prints it: 13,125 -> 13,13.
    Python's round() takes a binary tie to the even digit (13,12): a mean over 8, 16 or
    40 leads read otherwise than the same fraction written as a rate. A float is read by
    its shortest decimal form, the one it was computed to stand for."""
    exact = Decimal(str(percent)).quantize(Decimal(1).scaleb(-RATE_PLACES),
                                           rounding=ROUND_HALF_UP)
    return float(exact)


# --- legacy 8-bit Vietnamese encodings -------------------------------------------

_LEGACY_FONTS = re.compile(r"^\.?vn|^vni[- ]", re.IGNORECASE)
# Characters that TCVN3 (ABC) and VNI text show when read as Unicode ("Phßng Néi vô",
# "B¶o Th¾ng", "Xin chaøo") and that no Vietnamese word contains.
_LEGACY_SIGNS = set("¸µ¶·¹¨»¾¼½Æ©ÇËÐÎÏÑªÖ×ØÜÞ®ßäåæçë¬îïñö÷øûüþ¦§«")
# Any of them, found without making a string of each character of a text (every typed
# cell of every file merged is asked).
_ANY_LEGACY_SIGN = re.compile("[" + re.escape("".join(sorted(_LEGACY_SIGNS))) + "]")


@functools.lru_cache(maxsize=1024)  # a few font names, asked for every typed cell
def legacy_font(font_name: str | None) -> bool:
    """True for a TCVN3 (".VnTime") or VNI ("VNI-Times") font name."""
    return bool(font_name) and bool(_LEGACY_FONTS.search(font_name.strip()))


def looks_legacy(text: str) -> bool:
    """True when text looks like TCVN3 or VNI bytes shown as Latin-1 ("B¶o Th¾ng").

    A sign character counts only inside a word: a "·" bullet or "§" before a space
    is ordinary punctuation.
    """
    if not _ANY_LEGACY_SIGN.search(text):  # nearly every text: no sign character at all
        return False
    signs = any(
        ch in _LEGACY_SIGNS
        and ((i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha()))
        for i, ch in enumerate(text)
    )
    # Real Unicode Vietnamese has letters beyond Latin-1 (ă, đ, ơ, ư, ạ, ế ...).
    return signs and not any(ord(ch) > 0xFF and ch.isalpha() for ch in text)


# VNI Windows writes a Vietnamese vowel as its Latin letter followed by one byte for its
# marks (the table of xvnkb's vni.h and Unikey's converter): the tone alone, sắc huyền
# hỏi ngã nặng ("oø" ò); the circumflex of a, e, o, alone then with each tone ("oâ" ô,
# "aá" ấ); a's breve likewise ("aê" ă, "aé" ắ). ơ, ư and đ are one byte each ("ô", "ö",
# "ñ"), so are i's tones and ỵ. Read as Unicode, most of those bytes are letters French
# and Spanish use ("Coâng an xaõ", "UÛy ban nhaân daân"), unlike TCVN3's (_LEGACY_SIGNS).
_VNI_TONES = "ùøûõï"
_VNI_HATS = (("â", "\u0302", "áàåãä"), ("ê", "\u0306", "éèúüë"))  # circumflex, breve
_VNI_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc huyền hỏi ngã nặng, as _VNI_TONES


def _vni_letters() -> tuple[dict[str, str], dict[str, str]]:
    """(two bytes -> letter, one byte -> letter) of VNI Windows, both cases."""
    pairs = {}
    for base, hats in (("a", "âê"), ("e", "â"), ("o", "â"), ("ô", ""), ("u", ""),
                       ("ö", ""), ("y", "")):
        letter = {"ô": "ơ", "ö": "ư"}.get(base, base)
        tones = _VNI_TONES[:4] if base == "y" else _VNI_TONES  # ỵ is one byte, î
        for byte, mark in zip(tones, _VNI_TONE_MARKS[:len(tones)], strict=True):
            pairs[base + byte] = unicodedata.normalize("NFC", letter + mark)
        for hat, hat_mark, toned in _VNI_HATS:
            if hat in hats:
                pairs[base + hat] = unicodedata.normalize("NFC", letter + hat_mark)
                for byte, mark in zip(toned, _VNI_TONE_MARKS, strict=True):
                    pairs[base + byte] = unicodedata.normalize("NFC", letter + hat_mark + mark)
    singles = dict(zip("ñôöíìæóòî", "đơưíìỉĩịỵ", strict=True))
    return ({k.upper(): v.upper() for k, v in pairs.items()} | pairs,
            {k.upper(): v.upper() for k, v in singles.items()} | singles)


_VNI_PAIRS, _VNI_SINGLES = _vni_letters()
# Pairs other writing spells too: Unicode Vietnamese ("hoàn", "toán", "ngoãn"; VNI's "hồn",
# "tốn"), French ("où", "Thaï", "Loïc"), Spanish ("aún"). A word read with them alone is
# VNI only beside one read with another pair.
_VNI_SHARED = {p for p in _VNI_PAIRS if p.lower() in ("oà", "oá", "oã", "où", "aï", "oï", "aú")}
_VNI_WORD = re.compile(r"[^\W\d_]+")
# A Vietnamese syllable, its tone taken off: initial, then vowels that end it (an open
# syllable) or vowels and a final consonant.
_OPEN_VOWELS = ("a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu oa "
                "oe uy uê uơ iêu yêu oai oao oay oeo uây uôi uya uyu ươi ươu").split()
_CLOSED_VOWELS = "a ă â e ê i o ô ơ u ư y iê oa oă oe uâ uê uô uy ươ yê uyê".split()
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(_OPEN_VOWELS)}|(?:{'|'.join(_CLOSED_VOWELS)})(ch|nh|ng|[cmnpt]))")
_STOP_TONES = ("", "\u0301", "\u0323")  # a syllable ending in c, ch, p, t: none, sắc, nặng
_VNI_WORDS = 2  # different words read as VNI before a paragraph is taken for VNI


def _vni_word(word: str) -> tuple[str, bool] | None:
    """The Vietnamese syllable a word typed in VNI reads as ("Coâng" -> "Công"), and
    whether a pair no other writing spells made it; None for a word with no VNI pair,
    or that reads as no syllable ("Noël", "goût", "naïve")."""
    out, pairs, i = [], [], 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair in _VNI_PAIRS:
            out.append(_VNI_PAIRS[pair])
            pairs.append(pair)
            i += 2
        else:
            out.append(_VNI_SINGLES.get(word[i], word[i]))
            i += 1
    if not pairs:
        return None
    read = "".join(out)
    bare = unicodedata.normalize("NFD", read.lower())
    tones = [ch for ch in bare if ch in _TONES]
    syllable = _SYLLABLE.fullmatch(unicodedata.normalize(
        "NFC", "".join(ch for ch in bare if ch not in _TONES)))
    if syllable is None or len(tones) > 1 or (
            syllable.group(1) in ("c", "ch", "p", "t") and "".join(tones) not in _STOP_TONES):
        return None
    return read, not _VNI_SHARED.issuperset(pairs)


def looks_vni(text: str, words: int = _VNI_WORDS) -> bool:
    """True when text reads as VNI Windows bytes shown as Latin-1, though none of them
    need be one of :func:`looks_legacy`'s signs ("Coâng an xaõ", "UÛy ban nhaân daân"):
    ``words`` different words at least whose vowels carry VNI's mark bytes and that read
    as Vietnamese syllables, one of them by a pair no other writing spells
    (:data:`_VNI_SHARED`). So no Unicode Vietnamese is, nor "où ... aún", "Noël",
    "naïve". For a plan's document at import: a unit's returned file is not refused on
    a guess."""
    if text.isascii() or any(ord(ch) > 0xFF and ch.isalpha() for ch in text):
        return False
    read: dict[str, bool] = {}
    for word in _VNI_WORD.findall(text):
        found = _vni_word(word)
        if found is not None:
            read[found[0].lower()] = read.get(found[0].lower(), False) or found[1]
    return len(read) >= words and any(read.values())
