"""Article layout: split cleaned lines into banner, headline, dateline, body, byline, chrome.

Works on the lines of a plain-text article or of the text an HTML page was
reduced to.  Pure functions; no I/O.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .text import title_case_name

# Lines that belong to the site, not to the article.
_CHROME_LINE = re.compile(
    r"^(Tìm kiếm theo|Tìm kiếm|Tin nóng|Tin tiêu điểm|Tin nổi bật|Tin mới|Tin liên quan|Tin khác|"
    r"Các tin khác|Bài viết liên quan|Lịch công tác|Website liên kết|Liên kết website|"
    r"Thống kê truy cập|Hôm nay\s*[:\d]|Hôm qua\s*[:\d]|Đã truy cập|Tổng (số )?lượt truy cập|Lượt truy cập|"
    r"Đang (truy cập|online)|Trực tuyến|Tin sở ban ngành|Bản đồ|Thông tin báo chí|"
    r"Gửi ý kiến phản hồi|Ý kiến bạn đọc|In bài|In trang|Chia sẻ|Bình luận|Lượt xem|Số lượt xem|Gửi email|Gửi bài|Bản in|"
    r"Về đầu trang|Quay lại|Trở về|Trang chủ|Giới thiệu|Liên hệ|Sơ đồ (trang|cổng)|"
    r"Bản quyền|Copyright|©|Cơ quan chủ quản|Chịu trách nhiệm|Địa chỉ:|Điện thoại:|Email:|"
    r"Video|Thư viện ảnh|Văn bản mới|Thủ tục hành chính|Đăng nhập|Từ khóa|Tags?:|Tin cùng chuyên mục|"
    r"Tin đã đưa|Các tin đã đưa|Tin đã đăng|Các tin đã đăng|Tin khác|Các tin khác|Xem thêm|Gửi bạn bè|In trang|Đọc tiếp|Tổng:|Tổng lượt|Lịch công tác|"
    # A comment form under the story, and the links to older and newer stories.
    r"Ý kiến của bạn|Gửi phản hồi|Phản hồi\s*$|Họ (và )?tên\s*:|Nội dung\s*:|Mã (xác nhận|bảo vệ)|\[?Gửi\]?\s*$|\(\s*\)\s*$|"
    r"Tin cũ hơn|Tin mới hơn|Thống kê\s*:|Về trang trước|(?:Quản trị viên|Admin|Administrator)\s*$|"
    # What is left of a row of share buttons: "Zalo In", "Facebook | Twitter | Email".
    r"(?:(?:Zalo|Facebook|Twitter|Email|In|Print|Tweet|Like|Share|Chia sẻ|Gửi)\s*[|,]?\s*)+$)",
    re.I,
)
# Site buttons glued to the end of a line, one or a row of them: "Minh TâmIn bài | Gửi email |".
_BUTTON_SUFFIX = re.compile(r"(?:(?:Gửi ý kiến phản hồi|In bài viết|In bài|Chia sẻ|Về đầu trang|Quay lại|Gửi email|Bản in)"
                            r"\s*\|?\s*)+$", re.I)
_BUTTON_TAIL = 64  # characters: a row of three buttons with their bars


def _without_button(line: str) -> str:
    """The line without a site button glued to its end (searched in its tail only: lines are long)."""
    tail = len(line) - _BUTTON_TAIL
    m = _BUTTON_SUFFIX.search(line, max(0, tail))
    return (line[:m.start()].strip() or line) if m else line


BANNER_LINE = re.compile(
    r"^(Chủ đề (công tác )?năm|Năm \d{4}.{0,40}chủ đề|Chào mừng|Nhiệt liệt chào mừng|"
    r"Cổng thông tin|Trang thông tin|Trang tin|Báo điện tử|Website)", re.I)
_DATELINE = re.compile(
    r"^(?:(?:Thứ (?:hai|ba|tư|năm|sáu|bảy)|Chủ nhật),?\s*)?(?:(?:Ngày đăng|Cập nhật|Đăng ngày|Ngày)\s*:?\s*)?"
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s*[-|,]?\s*(\d{1,2})[:h](\d{2})(?::\d{2})?)?\s*(?:\(?GMT[+\d:]*\)?)?$",
    re.I)
# "09:15, 21/06/2019", "Cập nhật lúc 09:15, Thứ Sáu, 21/06/2019"
_TIME_FIRST_DATELINE = re.compile(r"^(?:(?:Cập nhật|Đăng|Ngày đăng)(?: lúc)?\s*:?\s*)?(\d{1,2})[:h](\d{2})\s*(?:,|-|\|)?\s*"
                                  r"(?:(?:Thứ (?:hai|ba|tư|năm|sáu|bảy)|Chủ nhật),?\s*)?(?:ngày\s*)?"
                                  r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", re.I)
_BYLINE_PREFIX = re.compile(r"^(Bài và ảnh|Bài, ảnh|Bài ảnh|Tin và ảnh|Tin, ảnh|Tin ảnh|Bài|Tin|Ảnh|Video|Clip|Nguồn|"
                            r"Tác giả|Người viết|Nhóm phóng viên|PV|CTV)\s*[:.]\s*", re.I)
_BYLINE_AFFILIATION = re.compile(r"\s*\(([^()]{2,80})\)\s*$")
_NAME_PART = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ'’]*(?: [A-ZĐÀ-Ỹ][\wÀ-ỹ'’]*){0,4}$")
_SENTENCE_END = re.compile(r"[.!?:;…\"”]\s*$")


@dataclass(frozen=True)
class Layout:
    site_lines: tuple[str, ...]
    title: str
    published: str | None
    body_lines: tuple[str, ...]
    authors: tuple[str, ...]
    affiliation: str | None


# The many ways portals write when a story went up: "Đăng lúc: 16 giờ 05 phút, ngày 28/10/2025",
# "Cập nhật ngày: 29/08/2024", "(Cập nhật 14/11/2025)", "17/11/2022 - 14:05 | Lượt xem: 312",
# "Thứ bảy, ngày 26 tháng 3 năm 2022". The whole line must be such a dateline, nothing more.
_VIEW_COUNT = re.compile(r"\s*\|?\s*(?:Lượt xem|Lượt đọc|Lượt truy cập|Xem)\s*:?\s*[\d.,]+\s*$", re.I)
_CLOCK = re.compile(r"(?<!\d)(\d{1,2})\s*(?:giờ|:|h)\s*(\d{2})(?:\s*phút|:\d{2})?(?!\d)", re.I)
_DATELINE_PREFIX = re.compile(
    r"^(?:(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ nhật)\s*,?\s*)?"
    r"(?:(?:Đăng lúc|Đăng ngày|Ngày đăng|Ngày cập nhật|Cập nhật lúc|Cập nhật ngày|Cập nhật|Thời gian đăng|"
    r"Thời gian|Ngày xuất bản|Xuất bản)\s*:?\s*)?", re.I)
_LOOSE_DATE = re.compile(r"^[\s,|–-]*(?:ngày\s+)?(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|"
                         r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)\s*(\d{4}))[\s,|–-]*$", re.I)


# Page tools beside the dateline, each after a bar: "15/01/2015 - 09:12 | Cỡ chữ: A A A | In bài".
_DATELINE_TOOLS = re.compile(r"\s*\|\s*(?:Cỡ chữ|Lượt xem|Lượt đọc|Xem|In bài|In|Bản in|Gửi email|Gửi bài|Chia sẻ|"
                             r"Phóng to|Thu nhỏ|Font|A[+-])(?![\w])[^|]*", re.I)


def _loose_dateline(line: str) -> tuple | None:
    text = _VIEW_COUNT.sub("", line.strip().strip("()").strip())
    if "|" in text:
        text = _DATELINE_TOOLS.sub("", text)
    clock = _CLOCK.search(text)
    if clock:
        text = text[:clock.start()] + " " + text[clock.end():]
    text = _DATELINE_PREFIX.sub("", text.strip(), count=1)
    text = re.sub(r"^\s*(?:lúc|vào)\s*", "", text, flags=re.I)
    m = _LOOSE_DATE.match(text)
    if not m:
        return None
    day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    return day, month, year, (clock.group(1) if clock else None), (clock.group(2) if clock else None)


def parse_dateline(line: str) -> str | None:
    """ "09/12/2021 16:30" -> "2021-12-09T16:30"; "20/01/2021" -> "2021-01-20"; also the wordier forms
    portals use ("Đăng lúc: 16 giờ 05 phút, ngày 28/10/2025")."""
    line = line.strip()
    m = _DATELINE.match(line)
    if m:
        day, month, year, hour, minute = m.groups()
    elif time_first := _TIME_FIRST_DATELINE.match(line):
        hour, minute, day, month, year = time_first.groups()
    elif len(line) <= 90 and (loose := _loose_dateline(line)):
        day, month, year, hour, minute = loose
    else:
        return None
    try:
        iso = datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
    if hour is not None and int(hour) < 24 and int(minute) < 60:
        iso += f"T{int(hour):02d}:{int(minute):02d}"
    return iso


_AFFILIATION_AFTER_DASH = re.compile(
    r"\s+[–-]\s+((?:Trung tâm|Đài|Báo|Cổng|Trang|Ban|Phòng|Văn phòng|Hội|Tạp chí|Tổ|Nhóm|Đội|TTVH|TT|Sở|Chi cục|"
    r"Huyện đoàn|Tỉnh đoàn|Thành đoàn|Thị đoàn|Huyện ủy|Tỉnh ủy|Thành ủy|Thị ủy|Đảng ủy|UBND|Ủy ban|Công an|"
    r"Trường|Bệnh viện)\b.{2,70})$")
_AFFILIATION_LINE = re.compile(r"^\([^()]{3,80}\)$")  # "(Trung tâm VH-TT&TT huyện)" on the byline's next line
_CREDIT_LABEL = re.compile(r"^(?:Bài và ảnh|Bài, ảnh|Tin và ảnh|Tin, ảnh|Bài|Tin|Tác giả|Người viết)\s*:", re.I)
_TRAILING_SOURCE = re.compile(r"\s*[–|-]?\s*(?:Nguồn|Theo)\s*:\s*(.{3,90})$")
# "Tin: Ngọc Hân - Ảnh: Duy Khánh": a second credit label inside the line starts a byline of its own.
_INNER_CREDIT = re.compile(r"\s*(?:[–,;-]\s*)(?=(?:Ảnh|ảnh|Bài|Tin|Video|Clip)\s*:)")


def split_byline(line: str) -> tuple[tuple[str, ...], str | None]:
    """ "Mai Thắm – Quốc Nghị (Trung tâm TT&VH)" -> (("Mai Thắm", "Quốc Nghị"), "Trung tâm TT&VH").

    Returns no names when the line does not look like a byline.
    """
    text = _BUTTON_SUFFIX.sub("", line.strip()).strip()
    pieces = _INNER_CREDIT.split(text) if len(text) <= 90 else [text]
    if re.fullmatch(r"Tin|Bài|Video|Clip", pieces[0].strip(), re.I):
        pieces = [text]  # "Tin, ảnh: Kim Ngân": one credit for both
    if len(pieces) == 1 and ";" in text and len(text) <= 90:
        pieces = text.split(";")
    if len(pieces) > 1:
        # "Tin: Hồng Ánh; ảnh: Đức Thắng", "Tin: X - Ảnh: Y": each part is a byline of its own.
        parts = [split_byline(part) for part in pieces]
        if all(names for names, _ in parts):
            return tuple(dict.fromkeys(n for names, _ in parts for n in names)), next((a for _, a in parts if a), None)
        return (), None
    source = _TRAILING_SOURCE.search(text)
    if source and source.start() > 0:
        # "Tác giả: Siu H'Yuen - Nguồn: Văn phòng HĐND và UBND phường": the source is the affiliation.
        names, affiliation = split_byline(text[: source.start()])
        return (names, affiliation or source.group(1).strip()) if names else ((), None)
    dash_affiliation = _AFFILIATION_AFTER_DASH.search(text)
    if dash_affiliation:
        names, _ = split_byline(text[: dash_affiliation.start()])
        return (names, dash_affiliation.group(1).strip()) if names else ((), None)
    text = re.sub(r"^CTV\s*\.?\s*", "", text)
    if _SOURCE_OUTLET.match(text):
        return (), None  # "Nguồn: Báo Lào Cai": where the story comes from, not who wrote it
    text = _BYLINE_PREFIX.sub("", text)
    affiliation = None
    m = _BYLINE_AFFILIATION.search(text)
    if m:
        affiliation = m.group(1).strip()
        text = text[: m.start()].strip()
    text = text.rstrip(" .")
    if not text or len(text) > 80:
        return (), None
    parts = [p.strip() for p in re.split(r"\s+[–-]\s+|\s*,\s*|\s+và\s+|\s*/\s*", text) if p.strip()]
    if any(_NOT_A_NAME.match(p) for p in parts):
        return (), None  # "Nhóm PV", "PV": a desk, not a name
    parts = [title_case_name(p) if p.isupper() and len(p) > 3 else p for p in parts]  # "THANH TÂM"
    if not parts or not all(_NAME_PART.match(p) and 1 < len(p.split()) + (len(p) > 3) for p in parts):
        return (), None
    return tuple(parts), affiliation


_NOT_A_NAME = re.compile(r"(?:Nhóm|PV|Phóng viên|Ban biên tập|BBT|Tổ)\b")
_SOURCE_OUTLET = re.compile(r"^(?:Nguồn|Theo)\s*:?\s*(?:Báo|Tạp chí|Cổng|Trang|Đài|Sở|Ban|Phòng|Văn phòng|Trung tâm|UBND|"
                            r"Ủy ban|Huyện ủy|Tỉnh ủy|Thành ủy|TTXVN|VTV|VOV|Thông tấn)\b", re.I)
_MENU = r"^[^|]{1,40}(?:\|[^|]{1,40}){2,}$"  # "Trang chủ | Giới thiệu | Tin tức"
# A related story's title with its date: "… (28/12/2019)", "… [28/12/2019]", "- … - 28/12/2019".
_RELATED_ITEM = re.compile(rf"\(\d{{1,2}}/\d{{1,2}}/\d{{4}}\)$|\[\d{{1,2}}/\d{{1,2}}/\d{{4}}\]$|\s[-–]\s\d{{1,2}}/\d{{1,2}}/\d{{4}}$|{_MENU}")


def _is_chrome(line: str) -> bool:
    """A site line: a known chrome phrase, a bare counter, a related-news title "… (dd/mm/yyyy)", a menu "a | b | c"."""
    return bool(_CHROME_LINE.match(line.lstrip("[(»•· ")) or re.fullmatch(r"[\d.,: ]+", line) or _RELATED_ITEM.search(line))


_RELATED_HEADER = re.compile(r"^(?:Tin liên quan|Tin khác|Các tin khác|Tin cùng chuyên mục|Bài viết liên quan|"
                             r"Tin đã đưa|Các tin đã đưa|Tin đã đăng|Các tin đã đăng|Tin mới đăng|Tin mới|Xem thêm|Đọc thêm)\s*:?$", re.I)


_FOOTER_LINE = re.compile(r"\|.*\b(?:Địa chỉ|Điện thoại|ĐT|Email|Fax)\s*:|\b(?:Địa chỉ|Điện thoại|ĐT|Email|Fax)\s*:.*\|")


def _strip_trailing_chrome(lines: list[str]) -> list[str]:
    """Drop the site's trailing block: from the first chrome line after which only short lines follow,
    or from a "Tin liên quan" heading near the end followed only by headlines, however long."""
    for i in range(max(0, len(lines) - 15), len(lines)):
        if _RELATED_HEADER.match(lines[i]) and all(len(ln) < 200 and not _SENTENCE_END.search(ln) or _is_chrome(ln)
                                                    for ln in lines[i + 1:]):
            lines = lines[:i]
            break
    cut = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if _RELATED_ITEM.search(line):
            cut = i  # "… tại xã Yên Phúc (28/12/2019)": a related story's title, however long
            continue
        if _FOOTER_LINE.search(line):
            cut = i  # the site's address block, however long: "… | Địa chỉ: … | ĐT: …"
            continue
        if len(line) > 90 or _SENTENCE_END.search(line) and len(line) > 60:
            break  # a paragraph of the story, whatever word it opens with ("Hôm qua, …", "Trở về …")
        if _is_chrome(line) or _RULE_LINE.fullmatch(line) or BANNER_LINE.match(line):
            cut = i  # also a rule of dashes and the site's name ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN …") in the footer
    return lines[:cut]


_RULE_LINE = re.compile(r"[\W_]+")


_ENDS_CLAUSE = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?…]\s*$")
_STARTS_LOWER = re.compile(r"^[a-zà-ỹđ]")


def unwrap_hard_breaks(lines: list[str]) -> list[str]:
    """Lines of a plain-text file saved with hard line breaks (every ~80 characters), joined back into
    their paragraphs; other files' lines, without the empty ones, as they are.

    Wrapped, if most lines run close to one width (at most 110 characters) and the full lines that
    end mid-clause are mostly followed by a line in lower case, as a sentence cut in two is. A line
    is then joined to the next when it ran to the width and ends mid-clause; never the first line
    (the headline) nor into a dateline, so the layout still finds them.
    """
    kept = [ln for ln in lines if ln]
    if len(kept) < 6:
        return kept
    lengths = sorted(len(ln) for ln in kept)
    width = lengths[int(len(lengths) * 0.9) - 1]
    if not 50 <= width <= 110:
        return kept
    full = [i for i, ln in enumerate(lines) if len(ln) >= width - 15 and not _ENDS_CLAUSE.search(ln)]
    cut = [i for i in full if i + 1 < len(lines) and _STARTS_LOWER.match(lines[i + 1])]
    if len(full) < 0.3 * len(kept) or len(cut) < 0.5 * len(full):
        return kept
    out: list[str] = []
    last = ""  # the physical line that ends out[-1]
    for line in lines:
        if out and last and line and len(last) >= width - 20 and len(out) > 1 and not parse_dateline(line) \
                and not _ENDS_SENTENCE.search(last) and (not _ENDS_CLAUSE.search(last) or _STARTS_LOWER.match(line)):
            # Cut mid-sentence: after a word, a comma or a semicolon, or after a bracket, a quote or a
            # colon when the next line goes on in lower case.
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        last = line
    return [ln for ln in out if ln]


def split_layout(lines: list[str], *, title_hint: str | None = None,
                 published_hint: str | None = None, boilerplate: frozenset[str] = frozenset()) -> Layout:
    """Find the parts of an article in its non-empty, normalised lines."""
    lines = [ln for ln in lines if ln and ln not in boilerplate]
    # A byline glued to a site button ("Hoàng GáiGửi ý kiến phản hồi") is unglued first.
    lines = [_without_button(ln) for ln in lines]
    lines = [ln for ln in lines if ln]
    lines = _strip_trailing_chrome(lines)
    site: list[str] = []
    top_byline = None
    title = title_hint or ""
    published = published_hint
    start = 0
    if not title_hint:
        # The headline is the last short line before the dateline or the first paragraph;
        # short lines before it are the site's banner.
        head: list[str] = []
        # The dateline nearest the story: a site's clock ("Thứ Tư, 26/07/2017") may sit higher, above the headline.
        dateline = next((i for i in range(min(10, len(lines)) - 1, -1, -1) if parse_dateline(lines[i])), None)
        above = lines[:dateline] if dateline else []
        if len(above) > 1 and all(len(line) <= 250 and not _CREDIT_LABEL.match(line) for line in above):
            # The headline is the last line above the dateline that is not a menu, a search box or a
            # breadcrumb, even one that reads like a sentence ('… phong trào "Toàn dân …"').
            at = next((i for i in range(len(above) - 1, -1, -1) if not _TOP_CHROME.search(above[i])), len(above) - 1)
            if at > 0 and _NAME_PART.match(above[at]) and len(above[at].split()) >= 2 and split_byline(above[at])[0] \
                    and not _TOP_CHROME.search(above[at - 1]):
                # A reporter's name between the headline and the dateline ("Ngọc Ánh" over "Cập nhật lúc …").
                top_byline = above[at]
                at -= 1
                above = above[:at + 1] + above[at + 2:]
            head = above[:at] + above[at + 1:] + [above[at]]
        else:
            for line in lines[:4]:
                if parse_dateline(line) or len(line) > 250 or (head and _looks_like_paragraph(line)):
                    break
                if head and _CREDIT_LABEL.match(line) and split_byline(line)[0]:
                    break  # "Bài, ảnh: …" under the headline: the body (and its top byline) starts here
                head.append(line)
        if not head and lines:
            head = [lines[0]]
        for line in head[:-1]:
            site.append(line)
        title = head[-1] if head else ""
        start = len(head)
        if len(head) > 1 and BANNER_LINE.match(title) and not BANNER_LINE.match(head[0]):
            # The banner came last: the headline is the line before it.
            title, site = head[0], head[1:]
    body = lines[start:]
    # Drop the headline repeated at the top of an HTML body, and datelines near the top.
    cleaned: list[str] = []
    for i, line in enumerate(body):
        if i < 4 and title and line == title:
            continue
        if i < 6 and parse_dateline(line):
            published = published or parse_dateline(line)
            continue
        cleaned.append(line)
    authors: tuple[str, ...] = ()
    affiliation = None
    if len(cleaned) > 1 and _AFFILIATION_LINE.match(cleaned[-1]) and split_byline(cleaned[-2])[0]:
        # "Phạm Thu Trang" over "(Trung tâm VH-TT&TT huyện Kim Thành)": one byline on two lines.
        cleaned = cleaned[:-2] + [f"{cleaned[-2]} {cleaned[-1]}"]
    if cleaned:
        names, affiliation = split_byline(cleaned[-1])
        source = _SOURCE_OUTLET.match(cleaned[-1]) if not names and len(cleaned) > 1 else None
        if source:
            # "Kim Ngân" above "Nguồn: Ban Tuyên giáo Quận ủy": the byline is the line before the source.
            names, affiliation = split_byline(cleaned[-2])
            if names:
                affiliation = affiliation or re.sub(r"^(?:Nguồn|Theo)\s*:?\s*", "", cleaned[-1], flags=re.I)
                cleaned = cleaned[:-1]
        if names:
            authors = names
            cleaned = cleaned[:-1]
    if not authors and top_byline:
        authors = split_byline(top_byline)[0]
    if not authors:
        # "Bài, ảnh: Giàng Thị Dung" right under the headline: a credit with its label, near the top.
        for i, line in enumerate(cleaned[:3]):
            if _CREDIT_LABEL.match(line):
                names, top_affiliation = split_byline(line)
                if names:
                    authors, affiliation = names, top_affiliation
                    cleaned = cleaned[:i] + cleaned[i + 1:]
                    break
    return Layout(tuple(site), title, published, tuple(cleaned), authors, affiliation)


# Lines above the headline that are the site's menu, search box or breadcrumb ("Tin tức » Hoạt động").
_TOP_CHROME = re.compile(rf"^Tìm kiếm\b|»|›|{_MENU}")


def _looks_like_paragraph(line: str) -> bool:
    return len(line) > 160 or (bool(_SENTENCE_END.search(line)) and len(line) > 80)
