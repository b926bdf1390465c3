"""Text normalisation applied once, at the edge, to everything read.

The canonical form follows ../shared/ANNOTATION.md: NFC, old-style tone
placement ("hòa", "thủy"), entities decoded, exotic spaces and dashes folded.
"""
from __future__ import annotations

import html
import re
import sys
import unicodedata

# Old-style tone placement is canonical: "hoà" -> "hòa", "thuỷ" -> "thủy".
_TONE_MOVES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_MOVES.update({k.capitalize(): v.capitalize() for k, v in list(_TONE_MOVES.items())})
_TONE_MOVES.update({k.upper(): v.upper() for k, v in list(_TONE_MOVES.items()) if k.islower()})
# Only at a word's end, and not after q ("quý" is already canonical). A vowel class, not a 45-way
# alternation, and the q checked last (a leading look-behind would be tried at every character):
# the same matches, several times faster.
_TONE_RE = re.compile(r"[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?![^\W\d_])(?<![qQ]..)")

# Runs of spaces, and any other space character: a single plain space is left alone (most of them).
_OTHER_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(rf" [ {_OTHER_SPACES}]+|[{_OTHER_SPACES}][ {_OTHER_SPACES}]*")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def canonical_tones(text: str) -> str:
    """Move tone marks to the old-style position ANNOTATION.md writes."""
    return _TONE_RE.sub(lambda m: _TONE_MOVES.get(m.group(0), m.group(0)), text)


def normalize_text(text: str) -> str:
    """NFC, entities decoded, controls dropped, spaces and dashes folded, canonical tones.

    Line breaks are kept (as "\\n"); runs of spaces inside a line become one.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _DASHES.sub("–", text)
    text = canonical_tones(text)
    # Composing again last: dropping an invisible character can bring a base letter and a stray mark together.
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def fold_key(text: str) -> str:
    """Comparison key: normalised, case-folded, single-spaced."""
    if text.isascii():  # IRIs and numbers in fact keys: nothing to compose or re-tone
        return " ".join(text.lower().split())
    return " ".join(canonical_tones(unicodedata.normalize("NFC", text)).casefold().split())


def title_case_name(name: str) -> str:
    """Repair a miscased person name: "trần Việt Dũng" -> "Trần Việt Dũng"."""
    return " ".join(part[:1].upper() + part[1:].lower() if part.isalpha() else part
                    for part in name.split())


def starts_word(text: str, pos: int) -> bool:
    """No letter, digit or "_" right before ``pos`` (the look-behind ``(?<!\\w)``, done by hand)."""
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


_ESCAPE_OR_TEXT = re.compile(r"\\.|\(\?P<\w+>|[^\\(]+|\(")


def _lower_pattern(pattern: str) -> str:
    """Lower-case a pattern's literal text, keeping escapes (``\\W`` is not ``\\w``) and group names."""
    return "".join(piece if piece.startswith("\\") or piece.startswith("(?P<") else piece.lower()
                   for piece in _ESCAPE_OR_TEXT.findall(pattern))


class LookBehindScan:
    """A pattern that opens with a one-character negative look-behind, ``(?<![…])`` or ``(?<!\\w)``,
    checked by hand.

    Python's ``re`` cannot skip ahead over text with a pattern that opens with a look-behind, and
    such a scan costs 0.1-0.5 ms per article; without it the engine skips to the characters the
    pattern can start with. A candidate that fails the check is dropped and the scan resumes one
    character later, so the matches and their positions are the same as the look-behind's.
    """

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        behind = _LEADING_LOOK_BEHIND.match(pattern)
        self.not_after = re.compile(behind.group(1)) if behind else None  # what may not come right before
        self.fast = re.compile(pattern[behind.end():] if behind else pattern, flags)
        self.slow = self.fast

    def _scanned(self, text: str) -> str | None:
        """The string the fast pattern runs over (None: use the slow pattern on ``text``)."""
        return text

    def _starts_ok(self, scanned: str, pos: int) -> bool:
        return pos == 0 or self.not_after is None or not self.not_after.match(scanned, pos - 1)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        scanned = self._scanned(text)
        if scanned is None:
            return self.slow.search(text, pos, endpos)
        while True:
            m = self.fast.search(scanned, pos, endpos)
            if m is None or self._starts_ok(scanned, m.start()):
                return m
            pos = m.start() + 1

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        scanned = self._scanned(text)
        if scanned is None:
            return self.slow.match(text, pos, endpos)
        return self.fast.match(scanned, pos, endpos) if self._starts_ok(scanned, pos) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        scanned = self._scanned(text)
        if scanned is None:
            yield from self.slow.finditer(text, pos, endpos)
            return
        if self.not_after is None:
            yield from self.fast.finditer(scanned, pos, endpos)
            return
        while True:
            m = self.fast.search(scanned, pos, endpos)
            if m is None:
                return
            if self._starts_ok(scanned, m.start()):
                yield m
                pos = m.end() if m.end() > m.start() else m.end() + 1
            else:
                pos = m.start() + 1

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        groups = self.fast.groups
        return [m.group(min(groups, 1)) if groups <= 1 else m.groups() for m in self.finditer(text, pos, endpos)]


class Caseless(LookBehindScan):
    """A case-insensitive pattern, run case-sensitively over the lower-cased text.

    ``re`` cannot skip ahead either with a case-insensitive pattern that opens with a non-ASCII
    word. This one lower-cases the text (which keeps its length, as it does for Vietnamese) and the
    pattern, and checks a leading look-behind by hand: 2-8x faster, the same matches at the same
    positions. Match groups hold lower-cased text.
    """

    def __init__(self, pattern: str, flags: int = 0):
        super().__init__(_lower_pattern(pattern), flags & ~re.I)
        self.pattern = pattern
        self.slow = re.compile(pattern, flags | re.I)

    def _scanned(self, text: str) -> str | None:
        global _LAST_LOWERED
        last_text, last_low = _LAST_LOWERED  # one tuple, rebound at once: safe across threads
        if last_text is text:  # the same sentence, scanned by pattern after pattern
            return last_low
        low = text.lower()
        low = low if len(low) == len(text) else None
        _LAST_LOWERED = (text, low)
        return low


_LAST_LOWERED: tuple = (None, None)  # (text, its lower-case form): one entry is enough, and never stale
# "(?<![\w/])" or "(?<!\d)" at a pattern's start: a one-character class the match may not follow.
_LEADING_LOOK_BEHIND = re.compile(r"\(\?<!(\[[^\]]+\]|\\[a-zA-Z])\)")
