"""Bytes to text: detect the encoding of an article file.

Vietnamese portals and archives hold UTF-8 (with or without a BOM), UTF-16
(with or without a BOM), Windows-1258, whose tone marks are combining
characters (NFC normalisation later composes them), and, in pages from the
1990s and 2000s, TCVN3 (the "ABC" fonts .VnTime and friends).

When the bytes are not UTF-8 the single-byte candidates are tried and the one
whose words read as Vietnamese syllables wins; bytes that read as neither are
refused rather than loaded as mojibake.
"""
from __future__ import annotations

import codecs
import re
import unicodedata


class DecodeError(ValueError):
    """The bytes are not text in any encoding we read."""


# TCVN 5712:1993 (VN1), the superset of the TCVN3 "ABC" font encoding: byte -> character.
# 0x00-0x17 hold twelve capitals with tone marks (the rest are the C0 controls), 0x18-0x7F are
# ASCII, 0xB0-0xB4 are the five combining tone marks; every other byte of 0x80-0xFF is a letter.
# The same table as GNU libiconv's "TCVN" converter (lib/tcvn.h).  Capitals typed with the ABC
# "H" fonts (.VnTimeH) are stored as the small letters' bytes, so they read as small letters.
_TCVN3_LOW = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự",
              0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0 (0xA0 is a no-break space)
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0 (grave, hook, tilde, acute, dot below)
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
TCVN3_TABLE = "".join(_TCVN3_LOW.get(b, chr(b)) for b in range(0x80)) + _TCVN3_HIGH  # 256 characters

# Names a page may declare for it (meta charset), all read with the table above.
_TCVN3_NAMES = {"tcvn3", "tcvn", "tcvn-3", "tcvn5712", "tcvn-5712", "tcvn5712-1", "tcvn5712-1:1993", "vn3", "abc"}


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes to text (every byte is defined, so this never fails)."""
    return codecs.charmap_decode(data, "strict", TCVN3_TABLE)[0]


# A Vietnamese syllable with its tone mark removed: initial consonant, vowel nucleus, final consonant.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
                       r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?", re.I)
_TONE_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_WORD = re.compile(r"[^\W\d_]+")


def vietnamese_score(text: str) -> tuple[int, float]:
    """How Vietnamese a decoding reads: (syllables, share of syllables) among its non-ASCII words.

    A wrong single-byte decoding turns words into symbols, letters with two
    tone marks or impossible vowel clusters; the right one gives syllables.
    """
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if not w.isascii()]
    if not words:
        return 0, 0.0
    good = 0
    for word in words:
        decomposed = unicodedata.normalize("NFD", word)
        tones = len(_TONE_MARKS.findall(decomposed))
        bare = unicodedata.normalize("NFC", _TONE_MARKS.sub("", decomposed))
        if tones <= 1 and _SYLLABLE.fullmatch(bare):
            good += 1
    return good, good / len(words)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32 and b != 27)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    if max(even_nul, odd_nul) < 0.3 or min(even_nul, odd_nul) > 0.05:
        return None
    encoding = "utf-16-le" if odd_nul > even_nul else "utf-16-be"
    try:
        return _decode_cut(data, encoding)
    except UnicodeDecodeError:
        return None


def _decode_cut(data: bytes, encoding: str) -> str:
    """Decode strictly, except that a file cut off inside its last character loses that character."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.end >= len(data) - 3 and exc.reason in ("truncated data", "unexpected end of data"):
            return data[:exc.start].decode(encoding)
        raise


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DecodeError` with a reason a person can act on."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _decode_cut(data, encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark: {exc.reason}") from None
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    if _looks_binary(data):
        raise DecodeError("binary file, not text")
    try:
        return _decode_cut(data, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text, damaged = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8"
    declared = None
    if html:
        found = _META_CHARSET.search(data[:4096])
        if found:
            declared = found.group(1).decode("ascii").lower()
    try:
        return _single_byte(data, declared)
    except DecodeError:
        if damaged <= len(data) // 20:  # mostly UTF-8 after all: say so
            raise DecodeError(f"damaged UTF-8: {damaged:,} invalid byte sequences") from None
        raise


def _mostly_utf8(data: bytes) -> tuple[str | None, int]:
    """UTF-8 with a little damage (20 good non-ASCII characters for each bad sequence) as U+FFFD; and the damage."""
    text = data.decode("utf-8", errors="replace")
    replacements = text.count("\ufffd")
    damaged = replacements - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - replacements
    return (text if good >= 20 * damaged else None), damaged


def _decode_as(data: bytes, encoding: str, errors: str = "strict") -> str | None:
    if encoding in _TCVN3_NAMES:
        return decode_tcvn3(data)
    try:
        return data.decode(encoding, errors)
    except (UnicodeDecodeError, LookupError):
        return None


def _single_byte(data: bytes, declared: str | None) -> tuple[str, str]:
    """Not UTF-8: the declared charset, Windows-1258 or TCVN3, whichever reads as Vietnamese."""
    candidates = [declared] if declared and not declared.startswith(("utf", "cp1258", "windows-1258")) else []
    candidates += ["cp1258", "tcvn3"]
    sample = data[:65536]
    best: tuple[int, float, str] | None = None
    for encoding in candidates:
        text = _decode_as(sample, encoding, "strict" if encoding == "cp1258" else "replace")
        if text is None:
            continue
        good, share = vietnamese_score(text)
        if share >= 0.6 and (best is None or good > best[0]):
            best = (good, share, encoding)
    if best is not None:
        encoding = best[2]
        text = _decode_as(data, encoding)
        if text is not None:
            return text, "tcvn3" if encoding in _TCVN3_NAMES else encoding
    if declared and candidates[0] == declared:
        text = _decode_as(data, declared)
        if text is not None:  # a page in another language that says what it is
            return text, declared
    raise DecodeError("undecodable: not UTF-8, UTF-16, Windows-1258 or TCVN3 text")
