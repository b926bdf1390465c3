"""A deterministic corpus of malformed and hostile article files.

``cases(count, seed)`` yields :class:`Case` records (a file name and its bytes, or a
special file-system entry); ``write_corpus(folder, count, seed)`` writes them.  The
same ``count`` and ``seed`` always give the same corpus, byte for byte, so a failure
found by the 10,000-input benchmark replays in a test.

The first cases are landmarks, one of each rare kind (10 MB single-line files, a
file over the size limit, a pipe, a symlink loop, …); the rest are drawn at random
from the kinds in :data:`KINDS`: bytes that are not text, text in every encoding an
archive holds (UTF-16 without BOM, Windows-1258, TCVN3, NFD), truncated and damaged
files, pages that are mostly markup, crafted text (regex bombs, absurd dates,
names with quotes and angle brackets) and mutations of the real example articles.
"""
from __future__ import annotations

import codecs
import os
import random
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from thidua.loaders.decoding import TCVN3_TABLE
from thidua.loaders.lexicon import (
    AWARD_KINDS,
    EVENT_KINDS,
    FIXED_BODIES,
    ROLES,
    SURNAMES,
)

ROOT = Path(__file__).resolve().parents[2]
SEED_FOLDERS = (ROOT / "examples" / "articles", ROOT / "tests" / "corpus" / "articles")
MB = 1024 * 1024
TONES = "\u0300\u0301\u0303\u0309\u0323"


@dataclass(frozen=True)
class Case:
    """One input: ``name`` (a str, or bytes for a name that is not UTF-8) and ``data``, or a ``special`` entry."""

    name: str | bytes
    kind: str
    data: bytes = b""
    special: str | None = None  # fifo | directory | symlink-loop | dangling-symlink | sparse | empty-directory
    size: int = 0  # the apparent size of a sparse file

    @property
    def display(self) -> str:
        return self.name if isinstance(self.name, str) else os.fsdecode(self.name)


# --- seeds and words ----------------------------------------------------------------------------

_SEEDS: list[tuple[str, bytes]] = []


def seed_articles() -> list[tuple[str, bytes]]:
    """The real example articles, as ``(suffix, bytes)``: the material mutations start from."""
    if not _SEEDS:
        for folder in SEED_FOLDERS:
            _SEEDS.extend((p.suffix, p.read_bytes()) for p in sorted(folder.glob("*")) if p.is_file())
    return _SEEDS


def _seed_text(rng: random.Random, suffix: str | None = None) -> tuple[str, str]:
    pool = [s for s in seed_articles() if suffix is None or s[0] == suffix]
    ext, data = rng.choice(pool)
    return ext, data.decode("utf-8")


_GIVEN = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Hồng", "Việt", "Dũng", "Hà", "Hạ", "Lan", "Hùng",
          "Thủy", "Hòa", "Khương", "Nguyệt", "Ánh", "Tuấn", "Yến", "Oanh", "Phượng", "Quỳnh", "Ngọc")
_UNITS = ("huyện Đầm Hà", "tỉnh Quảng Ninh", "xã Quảng Lợi", "huyện Tiên Yên", "thành phố Hạ Long", "tỉnh Lào Cai",
          "huyện Bát Xát", "thị xã Quảng Yên", "quận Ninh Kiều", "huyện Mèo Vạc", "tỉnh Hà Giang", "phường Bãi Cháy",
          "huyện Không Tồn Tại", "tỉnh", "xã ", "huyện <script>", 'xã "Đông"')
_HOSTILE_NAME_PARTS = ('"', "'", "<", ">", "&", "&amp;", "<b>", "</p>", "\\", "{", "}", "^", "|", "`", "<script>alert(1)</script>",
                       "]]>", "-->", "\u202e", "\u200b", "\ufeff", "\x00", "\x1b[31m", "%00", "../", "\u2028", "“", "”")
_TOKENS = ("Đồng chí ", "đồng chí ", " – ", " - ", "Chủ tịch UBND ", "Bí thư Huyện ủy ", "Phó Chủ tịch ", "(", ")",
           "ngày 31/02/2021", "31/02", "29/02/2023", "00/00/0000", "9999", "năm 9999", "1000 năm ", "0 năm ",
           "kỷ niệm ", "thành lập ", "tổ chức ", "Hội nghị ", "Đại hội ", "Bằng khen ", "của Chủ tịch UBND tỉnh ",
           "huyện ", "xã ", "tỉnh ", "thành phố ", "Bài và ảnh: ", "Tin: ", "\n", "\r", "\r\n", "\t", "\x00",
           "\u2028", "\ufeff", "&#0;", "&#x110000;", "&#xD800;", "&amp;", "&lt;", "<", ">", '"', "…", ".", ";",
           "Trần Việt Dũng", "Nguyễn Văn A", "UBND", "HĐND", "TĐKT", "Đ/c ", "TP. ", "ngày ", "tháng ", "năm ")


def _person(rng: random.Random, hostile: float = 0.0) -> str:
    parts = [rng.choice(sorted(SURNAMES)).title()] + [rng.choice(_GIVEN) for _ in range(rng.randint(1, 3))]
    if rng.random() < hostile:
        i = rng.randrange(len(parts) + 1)
        parts.insert(i, rng.choice(_HOSTILE_NAME_PARTS) + rng.choice(_GIVEN) + rng.choice(_HOSTILE_NAME_PARTS))
    return " ".join(parts)


def _date(rng: random.Random, absurd: float = 0.3) -> str:
    if rng.random() < absurd:
        return rng.choice(("31/02/2021", "30/02/2020", "29/02/2023", "31/04/2022", "32/01/2021", "00/00/0000",
                           "31/12/9999", "01/01/0000", "1/13/2021", "99/99/9999", "31/02", "0/0", "29/2/1900",
                           "31/11/2023 25:61", "ngày 31 tháng 2 năm 2021", "ngày 0 tháng 0 năm 0000",
                           "ngày 31 tháng 2", "ngày 99 tháng 99 năm 99999", "2021-02-31", "9999-99-99",
                           "năm 9999", "năm 0", "năm 10000"))
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1945, 2030)
    return rng.choice((f"{d}/{m}/{y}", f"ngày {d}/{m}", f"ngày {d} tháng {m} năm {y}", f"{d:02d}/{m:02d}/{y}"))


def _sentence(rng: random.Random, hostile: float = 0.1) -> str:
    role = rng.choice(ROLES)
    body = rng.choice(FIXED_BODIES)[0]
    unit = rng.choice(_UNITS)
    kind = rng.choice(EVENT_KINDS)[0]
    award = rng.choice(AWARD_KINDS)[0]
    n = rng.choice((1, 2, 5, 10, 15, 20, 35, 50, 60, 75, 80, 100, 1000, 0, 10000, 99999))
    forms = (
        f"Đồng chí {_person(rng, hostile)} – {role} {body} {unit} dự và phát biểu chỉ đạo.",
        f"{_date(rng)}, {body} {unit} tổ chức {kind} tổng kết công tác thi đua năm {rng.randint(1990, 2030)}.",
        f"Chào mừng kỷ niệm {n} năm Ngày thành lập {unit} ({_date(rng)} – {_date(rng)}).",
        f"Nhân dịp {n} năm thành lập, {award} của Chủ tịch UBND tỉnh được trao cho {rng.randint(0, 999)} tập thể "
        f"và {rng.randint(0, 9999)} cá nhân.",
        f"Tham dự có đồng chí {_person(rng, hostile)}, {role} {body}; {_person(rng, hostile)}, {role} {unit}.",
        f"Ngày {_date(rng)}, tại {unit}, {kind} lần thứ {n} đã diễn ra long trọng.",
        f"Đồng chí {_person(rng, hostile)} chủ trì {kind}.",
    )
    return rng.choice(forms)


def templated_article(rng: random.Random, sentences: int | None = None, hostile: float = 0.1) -> str:
    """An article assembled from the genre's phrases, with random people, units, dates and ordinals."""
    head = f"{rng.choice(EVENT_KINDS)[1]} {rng.choice(_UNITS)} năm {rng.randint(1990, 2030)}"
    lines = [head, _date(rng, 0.2) + f" {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"]
    count = sentences if sentences is not None else rng.randint(1, 30)
    paragraph: list[str] = []
    for _ in range(count):
        paragraph.append(_sentence(rng, hostile))
        if rng.random() < 0.3:
            lines.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        lines.append(" ".join(paragraph))
    if rng.random() < 0.5:
        lines.append(f"Bài và ảnh: {_person(rng, hostile)} – {_person(rng, hostile)} (Trung tâm TT&VH {rng.choice(_UNITS)})")
    return "\n\n".join(lines)


# --- encodings ----------------------------------------------------------------------------------

_TCVN3_BYTE = {ch: b for b, ch in enumerate(TCVN3_TABLE)}


def _split_tone(ch: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFD", ch)
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
    return bare, "".join(c for c in decomposed if c in TONES)


def encode_tcvn3(text: str) -> bytes:
    """Text in TCVN3 (letters the table lacks as a base letter plus a combining tone; others as "?")."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_BYTE:
            out.append(_TCVN3_BYTE[ch])
            continue
        bare, tones = _split_tone(ch)
        out.extend(_TCVN3_BYTE.get(c, 0x3F) for c in bare + tones)
    return bytes(out)


def encode_cp1258(text: str) -> bytes:
    """Text in Windows-1258: base letters precomposed, tone marks combining, as Windows wrote it."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            bare, tones = _split_tone(ch)
            out.append((bare + tones).encode("cp1258", "replace"))
    return b"".join(out)


# --- the kinds ----------------------------------------------------------------------------------

Maker = Callable[[random.Random], tuple[str, bytes]]  # -> (suffix, bytes)


def _random_bytes(rng):
    return rng.choice((".txt", ".html")), rng.randbytes(rng.choice((1, 2, 7, 64, 1000, 4096, 65536)))


def _random_high_text(rng):
    alphabet = bytes(range(0x80, 0x100)) + b"abcdeghiklmnopqrstuvxy     \n"
    return ".txt", bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 4000)))


def _empty(rng):
    return rng.choice((".txt", ".html")), rng.choice((b"", b" ", b"\n\n\n", b"\t \r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                       codecs.BOM_UTF8 + b"   ", b"\x00", b"<html></html>",
                                                       b"<!doctype html><html><body></body></html>", "\u3000\u00a0".encode()))


def _binary(rng):
    magic = rng.choice((b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n", b"PK\x03\x04", b"\x1f\x8b\x08", b"\x7fELF\x02\x01\x01",
                        b"GIF89a", b"\xff\xd8\xff\xe0", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"SQLite format 3\x00"))
    return rng.choice((".txt", ".html")), magic + rng.randbytes(rng.randint(0, 20000))


def _truncated_utf8(rng):
    ext, text = _seed_text(rng)
    data = text.encode("utf-8")
    return ext, data[: rng.randint(0, len(data))]


def _damaged_utf8(rng):
    ext, text = _seed_text(rng)
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.choice((1, 2, 5, 50, 500))):
        data[rng.randrange(len(data))] = rng.choice((0xFF, 0xC3, 0x80, 0xE1, 0xF5, 0xC0))
    return ext, bytes(data)


def _utf16(rng):
    ext, text = _seed_text(rng)
    if rng.random() < 0.5:
        text = templated_article(rng)
    variant = rng.choice(("utf-16-le", "utf-16-be", "utf-16", "utf-32", "utf-16-le-odd", "utf-16-le-cut"))
    if variant == "utf-16-le-odd":
        return ext, text.encode("utf-16-le") + b"\x00"[: rng.randint(0, 1)] + b"\xd8"
    if variant == "utf-16-le-cut":
        data = text.encode("utf-16-le")
        return ext, data[: rng.randint(0, len(data))]
    return ext, text.encode(variant)


def _cp1258(rng):
    ext, text = _seed_text(rng, ".txt") if rng.random() < 0.7 else (".txt", templated_article(rng))
    if rng.random() < 0.3:  # an old page that says what it is, or lies about it
        charset = rng.choice(("windows-1258", "windows-1252", "utf-8", "iso-8859-1", "bogus-charset", "utf-16"))
        text = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head><body><p>' \
               + text.replace("\n\n", "</p><p>") + "</p></body></html>"
        ext = ".html"
    return ext, encode_cp1258(text)


def _tcvn3(rng):
    ext, text = _seed_text(rng, ".txt") if rng.random() < 0.7 else (".txt", templated_article(rng))
    if rng.random() < 0.3:
        charset = rng.choice(("tcvn3", "TCVN", "x-user-defined", "iso-8859-1", "windows-1252"))
        text = f'<html><head><meta charset="{charset}"><style>body{{font-family:.VnTime}}</style></head><body><p>' \
               + text.replace("\n\n", "</p><p>") + "</p></body></html>"
        ext = ".html"
    return ext, encode_tcvn3(text)


def _nfd(rng):
    ext, text = _seed_text(rng)
    form = rng.choice(("NFD", "NFKD", "NFKC"))
    text = unicodedata.normalize(form, text)
    if rng.random() < 0.3:  # tone marks moved and doubled, as some keyboards leave them
        text = text.replace("\u0301", "\u0301\u0301").replace("a\u0300", "\u0300a")
    return ext, text.encode(rng.choice(("utf-8", "utf-8-sig")))


def _mixed_encodings(rng):
    parts = []
    for _ in range(rng.randint(2, 5)):
        text = _sentence(rng) + "\n"
        parts.append(rng.choice((lambda t: t.encode("utf-8"), encode_cp1258, encode_tcvn3,
                                 lambda t: t.encode("utf-16-le"), lambda t: unicodedata.normalize("NFD", t).encode()))(text))
    return ".txt", b"".join(parts)


def _control_chars(rng):
    ext, text = _seed_text(rng)
    chars = list(text)
    for _ in range(rng.randint(1, 60)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(
            [chr(c) for c in range(32)] + [chr(c) for c in range(0x7F, 0xA0)]
            + ["\u2028", "\u2029", "\u200e", "\u200f", "\u202e", "\ufeff", "\ufffe", "\uffff", "\U0010ffff", "\ufffd"]))
    return ext, "".join(chars).encode("utf-8")


def _html_markup_heavy(rng):
    _, text = _seed_text(rng, ".txt")
    paragraphs = text.split("\n\n")
    junk = "".join(f'<div class="menu-{i}" style="color:red" data-x="{"x" * rng.randint(0, 200)}"><a href="#">Trang chủ</a></div>'
                   for i in range(rng.randint(10, 2000)))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ".html", f"<!DOCTYPE html><html><head><title>{paragraphs[0]}</title></head><body>{junk}" \
                    f"<div class='news-content'>{body}</div>{junk}</body></html>".encode()


def _html_scripts_entities(rng):
    _, text = _seed_text(rng, ".txt")
    entities = ("&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#0;", "&#1;", "&#x110000;", "&#xD800;", "&#99999999999;",
                "&nbsp;", "&shy;", "&zwj;", "&#x202E;", "&notanentity;", "&amp;amp;lt;", "&#x1F600;", "&Dstrok;", "&#273;")
    words = text.split(" ")
    for _ in range(rng.randint(1, 80)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(entities))
    script = rng.choice(("<script>document.write('<p>Đồng chí Giả Mạo – Chủ tịch UBND huyện</p>')</script>",
                         "<script><!--\nvar a = '</p><h1>x</h1>';\n//--></script>", "<style>p{}</style>",
                         "<noscript><p>Đồng chí Ẩn Danh – Bí thư Huyện ủy</p></noscript>", "<![CDATA[ x ]]>",
                         "<!-- <p>comment</p> -->", "<template><p>Đồng chí Mẫu – Chủ tịch</p></template>",
                         "<svg><script>alert(1)</script></svg>", "<iframe src='javascript:alert(1)'></iframe>"))
    body = " ".join(words).replace("\n\n", f"</p>{script}<p>")
    return ".html", f"<html><head><meta property='og:title' content='{rng.choice(entities)} &lt;tiêu đề&gt;'>" \
                    f"<meta property='article:published_time' content='{rng.choice(('2021-02-31', '9999-99-99T99:99', '2021-01-05T10:00', '', 'x'))}'>" \
                    f"</head><body><article><h1>{rng.choice(entities)}</h1><p>{body}</p></article></body></html>".encode()


def _deep_html(rng):
    depth = rng.choice((100, 255, 256, 257, 1000, 5000, 50000))
    tag = rng.choice(("div", "span", "b", "table", "ul", "p", "article"))
    inner = templated_article(rng, 3).replace("\n\n", "<br>")
    closing = f"</{tag}>" * depth if rng.random() < 0.7 else ""
    return ".html", f"<html><body>{f'<{tag}>' * depth}{inner}{closing}</body></html>".encode()


def _html_broken(rng):
    _, data = _seed_text(rng, ".html")
    data = data.encode("utf-8")
    cut = data[: rng.randint(0, len(data))]
    if rng.random() < 0.5:
        soup = b"".join(rng.choice((b"<", b">", b"</", b"<p", b"<div class='", b"'", b'"', b"=", b"<!--", b"-->",
                                    b"<script>", b"</script>", b"<![CDATA[", b"]]>", b"&", b";", b"<?xml ?>",
                                    "Đồng chí ".encode(), b"<html>", b"<body>", b"\x00", b" ")) for _ in range(rng.randint(1, 500)))
        cut = cut[: len(cut) // 2] + soup
    return ".html", cut


def _regex_bomb(rng):
    unit = rng.choice(("Đồng chí ", "đồng chí Nguyễn ", "Nguyễn Văn ", "ngày ", "1/", "1/1/", "(", "((", " – ", "- ",
                       "tổ chức ", "kỷ niệm ", "1 năm ", "năm ", "huyện ", "xã xã ", "Chủ tịch ", "Phó ", "Bí thư ",
                       "Ủy ban nhân dân ", "A ", "Ă", "a", " ", ".", "..", "Hội nghị ", "tại ", "của ", "Bằng khen ",
                       "1.000 tập thể ", "Bài: ", "Trần Việt Dũng – ", "TP. ", "UBND ", "\u0301", "&amp;", "9"))
    reps = rng.choice((1000, 5000, 20000, 100000))
    tail = rng.choice(("", "!", ".", "x", "\n", "Chủ tịch UBND huyện", "(30/10/1963 - 30/10/2023)"))
    line = unit * reps + tail
    return ".txt", f"Tiêu đề\n\n{line}\n".encode()


def _absurd_dates(rng):
    lines = [f"Hội nghị năm {rng.choice(('9999', '0000', '10000', '2021'))}", _date(rng, 1.0)]
    for _ in range(rng.randint(1, 12)):
        lines.append(rng.choice((
            f"Ngày {_date(rng, 0.9)}, Ủy ban nhân dân huyện Đầm Hà tổ chức Hội nghị tổng kết.",
            f"Kỷ niệm {rng.choice(('1000', '0', '9999', '10000', '1', '3000', '999'))} năm Ngày thành lập "
            f"huyện Đầm Hà ({_date(rng, 0.9)} – {_date(rng, 0.9)}).",
            f"Chào mừng {rng.choice(('1000', '0', '65', '99999'))} năm Ngày Quốc khánh 2/9.",
            f"Lễ kỷ niệm {rng.randint(0, 2000)} năm Cách mạng tháng Tám và Quốc khánh 2/9 tổ chức ngày {_date(rng, 0.9)}.",
            f"Năm {rng.choice(('9999', '0000', '2021'))}, {rng.randint(0, 10**9)} tập thể và {rng.randint(0, 10**12)} cá nhân "
            f"được tặng Bằng khen.",
            f"Sơ kết giai đoạn {rng.choice(('2021–2020', '9999–10000', '0000-0001', '2015-2020'))}.",
        )))
    return ".txt", "\n\n".join(lines).encode()


def _hostile_names(rng):
    return ".txt", templated_article(rng, rng.randint(3, 20), hostile=0.8).encode()


def _templated(rng):
    return rng.choice((".txt", ".txt", ".html")), templated_article(rng).encode(rng.choice(("utf-8", "utf-8", "utf-8-sig")))


def _mutated(rng):
    ext, text = _seed_text(rng)
    data = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 40)):
        op = rng.random()
        pos = rng.randrange(len(data) + 1)
        if op < 0.25:
            data[pos:pos] = rng.choice(_TOKENS).encode("utf-8")
        elif op < 0.45 and data:
            del data[pos:pos + rng.randint(1, 400)]
        elif op < 0.6 and data:
            chunk = data[pos:pos + rng.randint(1, 600)]
            data[pos:pos] = chunk * rng.randint(1, 20)
        elif op < 0.75 and pos < len(data):
            data[pos] ^= 1 << rng.randrange(8)
        elif op < 0.9:
            data[pos:pos] = rng.randbytes(rng.randint(1, 8))
        else:
            lines = bytes(data).split(b"\n")
            rng.shuffle(lines)
            data = bytearray(b"\n".join(lines))
    return ext, bytes(data)


def _spliced(rng):
    _, a = _seed_text(rng)
    _, b = _seed_text(rng)
    return ".txt", (a[: rng.randint(0, len(a))] + b[rng.randint(0, len(b)):]).encode()


def _many_facts(rng, people: int | None = None):
    people = people or rng.choice((200, 1000, 2600))
    lines = ["Hội nghị tổng kết công tác thi đua huyện Đầm Hà năm 2022", "06/01/2023 08:45"]
    for _ in range(people):
        lines.append(f"Đồng chí {_person(rng)} – {rng.choice(('Bí thư', 'Chủ tịch', 'Phó Chủ tịch', 'Trưởng ban'))} "
                     f"xã {rng.choice(('Quảng Lợi', 'Đại Bình', 'Tân Bình', 'Dực Yên'))} dự.")
    return ".txt", "\n".join(lines).encode()


KINDS: dict[str, tuple[Maker, int]] = {  # kind -> (maker, weight)
    "random-bytes": (_random_bytes, 6),
    "random-high-text": (_random_high_text, 4),
    "empty": (_empty, 2),
    "binary": (_binary, 3),
    "truncated-utf8": (_truncated_utf8, 8),
    "damaged-utf8": (_damaged_utf8, 6),
    "utf16": (_utf16, 6),
    "cp1258": (_cp1258, 6),
    "tcvn3": (_tcvn3, 6),
    "nfd": (_nfd, 5),
    "mixed-encodings": (_mixed_encodings, 3),
    "control-chars": (_control_chars, 6),
    "html-markup-heavy": (_html_markup_heavy, 3),
    "html-scripts-entities": (_html_scripts_entities, 6),
    "html-deep": (_deep_html, 3),
    "html-broken": (_html_broken, 5),
    "regex-bomb": (_regex_bomb, 3),
    "absurd-dates": (_absurd_dates, 6),
    "hostile-names": (_hostile_names, 6),
    "templated": (_templated, 8),
    "mutated": (_mutated, 14),
    "spliced": (_spliced, 3),
}
RARE_KINDS: dict[str, tuple[Maker, int]] = {"many-facts": (_many_facts, 1)}  # slow to extract; weight per 1,000


def _huge_single_lines(rng: random.Random) -> list[tuple[str, bytes]]:
    _, text = _seed_text(rng, ".txt")
    line = text.replace("\n", " ") + " "
    return [
        ("huge-line-article", (line * (10 * MB // len(line.encode()) + 1)).encode()),
        ("huge-line-letters", b"a" * (10 * MB)),
        ("huge-line-html", b"<html><body><p>" + ("Đồng chí Nguyễn Văn A – Chủ tịch UBND huyện Đầm Hà. " * (10 * MB // 70)).encode()
         + b"</p></body></html>"),
    ]


def _file_name(index: int, kind: str, suffix: str, rng: random.Random) -> str | bytes:
    base = f"c{index:05d}_{kind}"
    roll = rng.random()
    if roll < 0.85:
        return base + suffix
    if roll < 0.88:
        return base + suffix.upper()
    if roll < 0.92:
        return base + rng.choice(('_"quoted"', "_<b>&amp;", "_it's", "_{x}|^`", "_a b  c", "_-dash", "_$(id)", "_;rm -rf")) + suffix
    if roll < 0.95:
        return base + "_" + unicodedata.normalize(rng.choice(("NFD", "NFC")), rng.choice(("Hà", "Hạ", "Đầm Hà", "Thủy", "Hòa"))) + suffix
    if roll < 0.97:
        return base + rng.choice(("_\ttab", "_\x1b[31mred", "_\u202egnp", "_\u2028sep", "_😀")) + suffix
    if roll < 0.98:
        return base + "_new\nline" + suffix
    if roll < 0.99:
        return base + "_" + "x" * 200 + suffix
    return os.fsencode(base) + b"_\xff\xfe-not-utf8" + suffix.encode()


def landmarks(rng: random.Random, huge: bool = True) -> list[Case]:
    """One of each rare input: huge single lines, a file over the size limit, special files, crafted names."""
    out = []
    if huge:
        out += [Case(f"L_{kind}.txt" if "html" not in kind else f"L_{kind}.html", kind, data)
                for kind, data in _huge_single_lines(rng)]
        out.append(Case("L_sparse-over-limit.txt", "over-size-limit", special="sparse", size=25 * MB))
    out += [
        Case("L_fifo.txt", "fifo", special="fifo"),
        Case("L_directory.txt", "directory-named-txt", special="directory"),
        Case("L_loop", "symlink-loop", special="symlink-loop"),
        Case("L_dangling.txt", "dangling-symlink", special="dangling-symlink"),
        Case("L_empty-folder", "empty-directory", special="empty-directory"),
        Case("L_unreadable.txt", "unreadable", data=b"Tieu de\n\nNoi dung.", special="unreadable"),
        Case("L_dup_Hà.txt", "id-collision", "Bài về Hà\n\nĐồng chí Nguyễn Văn Hà – Chủ tịch UBND huyện Đầm Hà dự.".encode()),
        Case("L_dup_Hạ.txt", "id-collision", "Bài về Hạ\n\nĐồng chí Nguyễn Văn Hạ – Chủ tịch UBND huyện Đầm Hà dự.".encode()),
        Case('L_"quoted" <b>&amp;.txt', "hostile-file-name", templated_article(rng, 5, hostile=1.0).encode()),
        Case("L_new\nline.txt", "hostile-file-name", templated_article(rng, 5).encode()),
        Case(b"L_not-utf8-\xff.txt", "hostile-file-name", templated_article(rng, 5).encode()),
    ]
    if huge:
        out.append(Case("L_many-facts.txt", "many-facts", _many_facts(random.Random(3), 3300)[1]))
    return out


def cases(count: int, seed: int = 7, *, huge: bool = True) -> Iterator[Case]:
    """``count`` cases, the same for the same ``count`` and ``seed``; ``huge=False`` leaves out the 10 MB files
    and the slowest article (3,300 officials, over the facts limit)."""
    rng = random.Random(seed)
    first = landmarks(random.Random(seed), huge)[:count]
    yield from first
    table = list(KINDS.items())
    weights = [w * 1000 for _, (_, w) in table]
    table += list(RARE_KINDS.items())
    weights += [w * sum(w for _, w in KINDS.values()) for _, (_, w) in RARE_KINDS.items()]
    for index in range(len(first), count):
        kind, (maker, _) = rng.choices(table, weights)[0]
        case_rng = random.Random(f"{seed}:{index}")  # each case replays alone from (seed, index)
        suffix, data = maker(case_rng)
        yield Case(_file_name(index, kind, suffix, case_rng), kind, data)


def write_case(folder: Path, case: Case) -> Path:
    """Create ``case`` in ``folder``; return its path."""
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), case.name if isinstance(case.name, bytes)
                                         else os.fsencode(case.name))))
    if case.special is None:
        path.write_bytes(case.data)
    elif case.special == "sparse":
        with path.open("wb") as handle:
            handle.truncate(case.size)
    elif case.special == "fifo":
        os.mkfifo(path)
    elif case.special in ("directory", "empty-directory"):
        path.mkdir()
        if case.special == "directory":
            (path / "inner.txt").write_text("Tiêu đề\n\nĐồng chí Nguyễn Văn A – Chủ tịch UBND huyện Đầm Hà dự.\n")
    elif case.special == "symlink-loop":
        path.mkdir()
        (path / "again").symlink_to("..", target_is_directory=True)
        (path / "self.txt").symlink_to("self.txt")
    elif case.special == "dangling-symlink":
        path.symlink_to(folder / "does-not-exist.txt")
    elif case.special == "unreadable":
        path.write_bytes(case.data)
        path.chmod(0)
    else:
        raise ValueError(f"unknown special case {case.special!r}")
    return path


def write_corpus(folder: Path, count: int, seed: int = 7, *, huge: bool = True, per_folder: int = 1000) -> list[tuple[Case, Path]]:
    """Write ``count`` cases under ``folder`` (in sub-folders of ``per_folder``); return each case and its path."""
    written = []
    for index, case in enumerate(cases(count, seed, huge=huge)):
        sub = folder / f"part{index // per_folder:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        written.append((case, write_case(sub, case)))
    return written


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False
