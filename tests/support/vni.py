"""Vietnamese text as VNI Windows stores it, each byte read as Latin-1: what Word shows
of a document typed in "VNI-Times" when the font is missing, and what python-docx reads
whatever the font. Written from the VNI table (xvnkb's vni.h, Unikey's converter), not
from cchc_xl's reader of it: a letter is its Latin vowel and one byte for its marks."""

from __future__ import annotations

import unicodedata

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc huyền hỏi ngã nặng
_TONE_BYTES = "ùøûõï"
_CIRCUMFLEX_BYTES = "áàåãä"  # â, ê, ô with each tone ("â" alone)
_BREVE_BYTES = "éèúüë"  # ă with each tone ("ê" alone)
_I_BYTES = "íìæóò"  # i with each tone, one byte


def vni(text: str) -> str:
    """``text`` (Unicode) as VNI Windows bytes read as Latin-1: "Công an xã" ->
    "Coâng an xaõ"."""
    return "".join(_letter(ch) for ch in text)


def _letter(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    base, *marks = unicodedata.normalize("NFD", ch)
    if base.lower() not in "aeiouy" or not marks:
        return ch
    tone = next((_TONES.index(m) for m in marks if m in _TONES), None)
    hat = next((m for m in marks if m not in _TONES), None)
    low = base.lower()
    if low == "i":
        out = _I_BYTES[tone]
    elif low == "y" and tone == 4:
        out = "î"  # ỵ is one byte
    elif hat == "\u031b":  # the horn: ơ, ư are one byte each, then the tone
        out = {"o": "ô", "u": "ö"}[low] + ("" if tone is None else _TONE_BYTES[tone])
    elif hat == "\u0302":
        out = low + ("â" if tone is None else _CIRCUMFLEX_BYTES[tone])
    elif hat == "\u0306":
        out = low + ("ê" if tone is None else _BREVE_BYTES[tone])
    else:
        out = low + _TONE_BYTES[tone]
    return out.upper() if ch.isupper() else out
