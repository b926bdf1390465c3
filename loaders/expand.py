"""Abbreviations expanded, with a map back to the original offsets.

The extractor parses the expanded text ("Chủ tịch Ủy ban nhân dân huyện")
but reports spans in the body as written ("Chủ tịch UBND huyện").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS
from .text import Caseless, LookBehindScan

# Whole tokens only: nothing of a word, "&", "/" or "." right before; one ending in "." may be glued to
# the next word ("TP.Thủ Đức").
_ABBREV_RE = LookBehindScan(r"(?<![\w&/.])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
                            + r")(?:(?<=\.)|(?![\w&]))")
# "thi đua khen thưởng", "thi đua, khen thưởng", "Thi đua – Khen thưởng" after a body's head: one form.
_TDKT_RE = Caseless(r"(?<![\w])(Hội đồng|HĐ|Ban)\s+thi đua\s*[,–-]?\s*khen thưởng")
# Ho Chi Minh City's way of writing units: "P.Bến Nghé, Q.1", "TX. Long Khánh": only before a capitalised
# word or a number (not "P.V", a reporter's initials), so that a stray "P." elsewhere stays as written.
_CITY_UNIT_RE = LookBehindScan(r"(?<![\w&/.])(TX|TT|P|Q)\.\s?(?=[A-ZĐ][a-zđà-ỹ]|\d)")
_CITY_UNIT_PREFIX = {"P": "phường ", "Q": "quận ", "TX": "thị xã ", "TT": "thị trấn "}


def _after_name_word(text: str, pos: int) -> bool:
    """Right after a capitalised word ("Nguyễn P. Hùng"): an initial in a name, not a ward."""
    before = text[max(0, pos - 12):pos]
    if not before.endswith(" "):
        return False
    words = before.split()
    return bool(words) and words[-1][-1].isalpha() and words[-1][:1].isupper() and words[-1][1:].islower()


@dataclass(frozen=True)
class Expanded:
    text: str
    _starts: tuple[int, ...]  # expanded offsets where a segment starts
    _origins: tuple[int, ...]  # original offset of each segment start
    _lengths: tuple[int, ...]  # original length of each replaced segment (-1: copied text)

    def original(self, pos: int) -> int:
        """Map an expanded offset to the body's offset."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        if self._lengths[i] < 0:
            return self._origins[i] + (pos - self._starts[i])
        return self._origins[i] + (self._lengths[i] if pos > self._starts[i] else 0)


def expand(text: str) -> Expanded:
    """Replace every abbreviation token by its expansion, remembering where each piece came from."""
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    lengths: list[int] = []
    out = 0
    last = 0

    def copy(upto: int) -> None:
        nonlocal out, last
        if upto > last:
            starts.append(out)
            origins.append(last)
            lengths.append(-1)
            pieces.append(text[last:upto])
            out += upto - last
            last = upto

    # "TP.Thủ Đức": an expansion glued to the next word gets its space.
    replacements = [(m.start(), m.end(), ABBREVIATIONS[m.group(1)] + (" " if text[m.end():m.end() + 1].isalnum() else ""))
                    for m in _ABBREV_RE.finditer(text)]
    replacements += [(m.start(), m.end(), ("Ban" if m.group(1).lower() == "ban" else "Hội đồng") + " Thi đua - Khen thưởng")
                     for m in _TDKT_RE.finditer(text)]
    replacements += [(m.start(), m.end(), _CITY_UNIT_PREFIX[m.group(1)]) for m in _CITY_UNIT_RE.finditer(text)
                     if len(m.group(1)) > 1 or not _after_name_word(text, m.start())]
    # Where two replacements start together, the longer one wins.
    replacements.sort(key=lambda r: (r[0], -r[1]))
    for start, end, value in replacements:
        if start < last:
            continue
        copy(start)
        starts.append(out)
        origins.append(start)
        lengths.append(end - start)
        pieces.append(value)
        out += len(value)
        last = end
    copy(len(text))
    return Expanded("".join(pieces), tuple(starts), tuple(origins), tuple(lengths))
