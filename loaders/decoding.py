"""Bytes to text: detect the encoding of an article file.

Vietnamese portals and archives hold UTF-8 (with or without a BOM), UTF-16
(with or without a BOM) and Windows-1258, whose tone marks are combining
characters (NFC normalisation later composes them).
"""
from __future__ import annotations

import codecs
import re


class DecodeError(ValueError):
    """The bytes are not text in any encoding we read."""


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
# Vietnamese-specific letters: a cp1258 decoding of real Vietnamese text contains some.
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323]")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
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
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DecodeError` with a reason a person can act on."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark: {exc.reason}") from None
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16"
    if _looks_binary(data):
        raise DecodeError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            candidates.append(declared.group(1).decode("ascii").lower())
    candidates.append("cp1258")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding != "cp1258" or _VIETNAMESE.search(text):
            return text, encoding
    raise DecodeError("undecodable: not UTF-8, UTF-16 or Windows-1258 text")
