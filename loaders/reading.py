"""Files to :class:`~thidua.loaders.model.Document`: read, decode, strip chrome, find the parts."""
from __future__ import annotations

import datetime
import json
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

from .decoding import DecodeError, decode_bytes
from .layout import BANNER_LINE, parse_dateline, split_byline, split_layout, unwrap_hard_breaks
from .model import Author, Document
from .text import normalize_text, title_case_name

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
MAX_FILE_BYTES = 20 * 1024 * 1024  # a saved page with inline images can be large; its text is not
MAX_TEXT_CHARS = 200_000  # a long news article is 20,000 characters; extraction time grows faster than length
MAX_FACTS = 2_000  # a long article holds a hundred facts; thousands is a list or a crafted page


@dataclass(frozen=True)
class Limits:
    """What one article may cost; an input over a limit is refused with a message naming the limit."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    max_facts: int = MAX_FACTS


DEFAULT_LIMITS = Limits()


class ArticleError(ValueError):
    """An input that cannot be read as an article; the message names the problem."""


@dataclass(frozen=True)
class ReadArticle:
    document: Document
    authors: tuple[Author, ...]


@dataclass(frozen=True)
class InputProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{printable_path(self.path)}: {self.message}"


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable_path(path: str | Path) -> str:
    """A path on one line: control characters and line separators escaped, undecodable bytes as ``\\xff``."""
    return _UNPRINTABLE.sub(_escape, str(path))


def _escape(match: re.Match) -> str:
    char = match.group(0)
    if "\udc80" <= char <= "\udcff":  # a byte of a name that is not UTF-8 (Python's surrogateescape)
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii")


def _missing(path: Path) -> str:
    return "broken or looping symbolic link" if path.is_symlink() else "no such file or directory"


def find_articles(paths: list[str | Path]) -> tuple[list[Path], list[InputProblem]]:
    """Expand files and folders into article files (sorted), and the problems met doing it."""
    found: list[Path] = []
    problems: list[InputProblem] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            problems.append(InputProblem(str(raw), _missing(path)))
        elif path.is_dir():
            entries = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and not p.is_dir())
            files = [p for p in entries if p.is_file()]
            problems.extend(InputProblem(str(p), _missing(p) if not p.exists() else
                                         "not a regular file (a pipe, socket or device); skipped")
                            for p in entries if not p.is_file())
            if not files:
                problems.append(InputProblem(str(raw), "directory holds no .txt or .html articles"))
            found.extend(files)
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]
    return unique, problems


# --- HTML ---------------------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "marquee",
              "nav", "header", "footer", "aside", "button", "select", "input", "textarea", "menu")
# A search or login <form> is chrome; ASP.NET and SharePoint portals wrap the whole page in one.
_FORM_MAX_WORDS = 60
_CHROME_ATTR = re.compile(
    r"(^|[\s_-])(menu|nav|navbar|banner|header|footer|sidebar|side-bar|search|counter|thong-?ke|"
    r"related|lien-?quan|tin-?khac|other-news|breadcrumbs?|share|social|comments?|advert|ads|"
    r"widget|login|toolbar|tags?|copyright|marquee|popup|modal|aside|pager|pagenav)($|[\s_-])", re.I)
_CONTENT_ATTR = re.compile(
    r"(content-detail|news-content|article-content|article-body|post-content|entry-content|"
    r"detail-content|news-detail|noi-?dung|chi-?tiet|main-content|journal-content|article)", re.I)
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "figcaption", "figure",
               "tr", "table", "section", "article", "blockquote", "br", "dd", "dt", "pre", "main"}


def _attrs(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _text_len(el) -> int:
    return len(" ".join(el.itertext()).split())


def _in_chrome(el) -> bool:
    """Inside a block marked as chrome (a sidebar, a footer), not counting <article>/<main>/<form>."""
    return any(isinstance(a.tag, str) and a.tag not in _NEVER_CHROME and _CHROME_ATTR.search(_attrs(a))
               for a in el.iterancestors())


_NEVER_CHROME = frozenset({"article", "main", "body", "html", "form"})


def _main_content(root):
    """The element that holds the article: <article>, a content-named block, or <body>."""
    marked = [el for el in root.iter() if isinstance(el.tag, str) and el.get("itemprop") == "articleBody"
              and _text_len(el) >= 20]
    if marked:  # schema.org's own mark for the story's text (Joomla, many CMSs), in its <article> with the lead
        body = max(marked, key=_text_len)
        article = next(body.iterancestors("article"), None)
        return article if article is not None and not _in_chrome(article) else body
    candidates = [el for el in root.iter("article") if not _in_chrome(el)]
    candidates += [el for el in root.iter() if isinstance(el.tag, str) and _CONTENT_ATTR.search(_attrs(el))
                   and not _CHROME_ATTR.search(_attrs(el)) and not _in_chrome(el)]
    candidates = [c for c in candidates if _text_len(c) >= 20]
    if candidates:
        return max(candidates, key=_text_len)
    body = root.find(".//body")
    body = body if body is not None else root
    dense = _densest_block(body)
    return dense if dense is not None else body


_CAPITAL_NAME = re.compile(r"^[A-ZĐÀ-Ỹ]+(?: [A-ZĐÀ-Ỹ]+){1,4}$")


def _rows_as_lines(content) -> None:
    """A table of people ("STT | Họ và tên | Chức vụ, đơn vị"): each row becomes one line, its
    cells joined by commas, a name written in capitals title-cased, so that a row reads as
    "Lê Thị Thu Hà, Phó Trưởng phòng Tài chính - Kế hoạch huyện"."""
    for row in list(content.iter("tr")):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if len(cells) < 2 or any(c.find(".//table") is not None for c in cells):
            continue  # a layout table, not a table of data
        texts = [" ".join(" ".join(c.itertext()).split()) for c in cells]
        texts = [title_case_name(t) if _CAPITAL_NAME.match(t) else t for t in texts if t and not t.isdigit()]
        for child in list(row):
            row.remove(child)
        row.text = ", ".join(texts)


_PROSE_TAGS = ("p", "td", "div", "span", "font")


def _densest_block(body):
    """A page without content markup (an old table layout): the innermost cell or block that holds
    most of the page's prose, the paragraphs of 80 characters or more. None when no block holds
    at least two thirds of it (the page is all story, or nothing stands out)."""
    prose: dict = {}
    total = 0
    for el in body.iter(*_PROSE_TAGS):
        own = len(" ".join((el.text or "").split())) + sum(len(" ".join((c.tail or "").split())) for c in el)
        if own >= 80:
            total += own
            for holder in [el, *el.iterancestors()]:
                prose[holder] = prose.get(holder, 0) + own
    if not total:
        return None
    holders = [el for el, amount in prose.items() if amount >= total * 2 / 3
               and isinstance(el.tag, str) and el.tag in ("td", "div", "table", "tr")]
    if not holders:
        return None
    best = max(holders, key=lambda el: sum(1 for _ in el.iterancestors()))  # the innermost one
    return best if best is not body else None


def _html_meta(root) -> tuple[str | None, str | None]:
    title = None
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()"):
        found = root.xpath(xpath)
        if found and str(found[0]).strip():
            title = str(found[0]).strip()
            break
    published = None
    for xpath in ('//meta[@property="article:published_time"]/@content', '//meta[@name="pubdate"]/@content',
                  '//meta[@itemprop="datePublished"]/@content', "//time/@datetime"):
        found = root.xpath(xpath)
        if found:
            published = _iso_from_attr(str(found[0]))
            if published:
                break
    if published is None:
        published = _json_ld_published(root)
    return title, published


def _json_ld_published(root) -> str | None:
    """``datePublished`` of the page's schema.org data (``<script type="application/ld+json">``)."""
    for script in root.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(str(script))
        except (ValueError, RecursionError):
            continue  # a broken block is the site's problem, not a reason to lose the page
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and _iso_from_attr(value):
                    return _iso_from_attr(value)
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def _iso_from_attr(value: str) -> str | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?", value.strip())
    if not m:
        return parse_dateline(value)
    y, mo, d, h, mi = m.groups()
    try:
        datetime.date(int(y), int(mo), int(d))  # "2021-02-31" and "0000-00-00" are not dates
    except ValueError:
        return None
    return f"{y}-{mo}-{d}" + (f"T{h}:{mi}" if h and int(h) < 24 and int(mi) < 60 else "")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_XML_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,8})(?![0-9a-fA-F])|0*(\d{1,10})(?!\d));?")


def _not_xml(reference: re.Match) -> bool:
    code = int(reference.group(1), 16) if reference.group(1) else int(reference.group(2))
    return code > 0x10FFFF or _NOT_XML.match(chr(code)) is not None


_SITE_NAME = re.compile(r"(cổng thông tin|cổng ttđt|trang thông tin|trang tin|báo điện tử|website|portal|\.gov\.vn|\.vn$)", re.I)


def _classed_title(root) -> str | None:
    """A heading marked as the title by its class (pages without <h1>), not a site or sidebar heading."""
    for el in root.iter("h2", "h3", "div", "span", "p", "td"):
        if not re.search(r"(^|[\s_-])(title|tieu-?de|headline)([\s_-]|$)", _attrs(el), re.I):
            continue
        text = " ".join(" ".join(el.itertext()).split())
        if 10 < len(text) < 300 and not text.isupper() and not _SITE_NAME.search(text) and not _CHROME_ATTR.search(_attrs(el)):
            return text
    return None


def _strip_site_name(title: str | None) -> str | None:
    """ "Headline | Cổng thông tin điện tử huyện X" -> "Headline"."""
    if not title:
        return title
    pieces = re.split(r"(\s+[|–-]\s+)", title)  # parts and the separators between them
    while len(pieces) > 2 and _SITE_NAME.search(pieces[0]):
        pieces = pieces[2:]
    while len(pieces) > 2 and _SITE_NAME.search(pieces[-1]):
        pieces = pieces[:-2]
    return "".join(pieces).strip() or title  # "Kỳ họp …, nhiệm kỳ 2016 - 2021" keeps its own dash


def _headline_in_title(meta_title: str | None) -> str | None:
    """The page's <title> without the site's name, if what is left can be a headline: not a bare
    section name ("Website huyen Luc Ngan - Tin tuc"), which leaves the headline to the layout."""
    title = _strip_site_name(meta_title)
    return title if title and len(title.split()) >= 4 else None


def html_to_lines(markup: str) -> tuple[list[str], str | None, str | None]:
    """Reduce a page to the article's text lines, plus the headline and date the page declares."""
    # lxml refuses these characters in a tree it edits, and normalisation would drop them anyway:
    # raw, or written as character references ("&#1;", "&#xD800;").
    markup = _NOT_XML_REFERENCE.sub(lambda m: " " if _not_xml(m) else m.group(0), _NOT_XML.sub(" ", markup))
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ArticleError(f"unreadable HTML: {exc}") from None
    limit = next((e for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
    if limit is not None:  # libxml2 stops at 256 nested elements and keeps nothing after
        raise ArticleError(f"unreadable HTML: {limit.message.split(',')[0].strip()} (line {limit.line})")
    meta_title, published = _html_meta(root)
    # The page's own name is often an <h1> too ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN …"): not the headline.
    headline = next((h for h in root.iter("h1") if not _site_heading(h)), None)
    h1 = " ".join(" ".join(headline.itertext()).split()) if headline is not None else None
    # The story's date often sits beside its headline, outside the content block ("post-meta").
    after_headline = list(headline.itersiblings())[:3] + list(headline.getparent().itersiblings())[:2] \
        if headline is not None and headline.getparent() is not None else []
    after_headline = [el for sibling in after_headline for el in sibling.iter()]
    credited = _credited_author(root)
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in list(root.iter("form")):
        if _text_len(el) <= _FORM_MAX_WORDS:
            el.drop_tree()
    # The content block is found before the chrome goes: WordPress marks an <article> "tag-…", and
    # that holds the story; the block and what contains it are never chrome.
    content = _main_content(root)
    keep = {content, *content.iterancestors()}
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and el not in keep \
                and _CHROME_ATTR.search(_attrs(el)):
            el.drop_tree()
    above = None  # the elements before the content block, nearest first: found once, if a fallback needs them
    if h1 is None:
        h1 = _classed_title(content) or _classed_title(root)
        if not h1:
            above = _before(root, content)[::-1]
            h1 = _bold_headline_above(above) or _headline_in_title(meta_title)
    _rows_as_lines(content)
    for el in content.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            # Character references such as "&#1;" reach the tree as control characters lxml will not store back.
            el.tail = "\n" + _NOT_XML.sub(" ", el.tail or "")
            if el.tag != "br":
                el.text = "\n" + _NOT_XML.sub(" ", el.text or "")
    text = "".join(content.itertext())
    # A byline kept beside the content block, not in it ("<div class="post-source">Tác giả: …</div>").
    for sibling in list(content.itersiblings())[:3]:
        if isinstance(sibling.tag, str) and _BYLINE_ATTR.search(_attrs(sibling)):
            text += "\n" + "\n".join(" ".join(t.split()) for t in sibling.itertext())
            break
    lines = [ln for ln in normalize_text(text).split("\n") if ln]
    if credited and lines and not split_byline(lines[-1])[0]:
        lines.append(credited)  # the page credits its author only in the headline's meta line
    title = normalize_text(h1).replace("\n", " ") if h1 else None
    if title:
        # A <title> cut short ("… điển hình tiên tiến | Site"): the story's own line that goes on from it.
        longer = next((ln for ln in lines[:6] if ln.startswith(title) and len(title) < len(ln) <= 250), None)
        title = longer or title
    if published is None:
        published = _dated_element(content.iter()) or _dated_element(after_headline)
    if published is None:
        above = above if above is not None else _before(root, content)[::-1]
        published = _dated_element(above) or _dateline_above(above)
    return lines, title, published


def _dateline_above(above: list) -> str | None:
    """A dateline alone in one of the few elements just above the story ("<i>Cập nhật: 15/11/2013 - 09:30</i>"
    in the cell under the headline), for pages that mark it with no class; ``above`` nearest first."""
    for el in above[:12]:
        if isinstance(el.tag, str):
            published = parse_dateline(" ".join(" ".join(el.itertext()).split()))
            if published:
                return published
    return None


def _bold_headline_above(above: list) -> str | None:
    """In a table layout, the headline is the bold text in a cell above the story's cell (the page's
    <title> names the site and the section): the nearest such text, long enough to be a headline."""
    for el in above[:40]:
        if isinstance(el.tag, str) and el.tag in ("b", "strong", "h2", "h3"):
            text = " ".join(" ".join(el.itertext()).split())
            if 20 <= len(text) <= 250 and not text.isupper() and not parse_dateline(text):
                return text
    return None


_LOGO_ATTR = re.compile(r"logo|brand|banner|header|site-?name|(^|\s)top(\s|$)", re.I)


def _site_heading(h1) -> bool:
    """An <h1> that names the site, not the story: empty, a banner phrase, or capitals in the logo."""
    text = " ".join(" ".join(h1.itertext()).split())
    if not text or BANNER_LINE.match(text):
        return True
    return text.isupper() and any(_LOGO_ATTR.search(_attrs(a)) for a in h1.iterancestors() if isinstance(a.tag, str))


_AUTHOR_ATTR = re.compile(r"(^|[\s_-])(author|byline|tac-?gia)([\s_-]|$)", re.I)
_NOT_THE_STORY = re.compile(r"related|lien-?quan|widget|sidebar|footer|comment|tin-?khac|other", re.I)
_CREDIT_WORD = re.compile(r"^(?:Bởi|Viết bởi|Đăng bởi|Người đăng|By|Tác giả)\s*:?\s*", re.I)


def _credited_author(root) -> str | None:
    """A short author credit marked by its class ("Bởi <span class="author">Ngọc Hân</span>")."""
    for el in root.iter():
        if isinstance(el.tag, str) and (_AUTHOR_ATTR.search(_attrs(el)) or el.get("itemprop") == "author") and not any(
                isinstance(a.tag, str) and _NOT_THE_STORY.search(_attrs(a)) for a in el.iterancestors()):
            text = _CREDIT_WORD.sub("", normalize_text(" ".join(" ".join(el.itertext()).split())))
            if 2 <= len(text) <= 60:
                return text
    return None


_BYLINE_ATTR = re.compile(r"author|tac-?gia|byline|signature|post-source|news-source|nguon", re.I)


def _before(root, content) -> list:
    """The elements before the content block in document order, not its ancestors (the story's
    dateline in a cell above the story, in a table layout)."""
    ancestors = set(content.iterancestors())
    out = []
    for el in root.iter():
        if el is content:
            return out
        if el not in ancestors:
            out.append(el)
    return out


_DATE_ATTR = re.compile(r"date|time|ngay", re.I)
_CLOCK_ATTR = re.compile(r"today|now|clock|current|hom-?nay", re.I)  # the site's clock, not the story's date


def _dated_element(elements) -> str | None:
    """The first dateline in an element whose class or id says it holds a date."""
    for el in elements:
        if isinstance(el.tag, str) and _DATE_ATTR.search(_attrs(el)) and not _CLOCK_ATTR.search(_attrs(el)):
            published = parse_dateline(normalize_text(" ".join(el.itertext())))
            if published:
                return published
    return None


# --- entry point --------------------------------------------------------------------------------

def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes: a regular file within the size limit (never a pipe or a device, which may not end)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise ArticleError(f"{kind}; give article files (.txt, .html) or folders of them")
        if info.st_size > max_bytes:
            raise ArticleError(f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit "
                               "(raise it with --max-file-size)")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # the file grew while we read it
        raise ArticleError(f"file is over the {max_bytes:,}-byte limit (raise it with --max-file-size)")
    return data


def _check_text_size(chars: int, max_chars: int) -> None:
    if chars > max_chars:
        raise ArticleError(f"article text is {chars:,} characters, over the {max_chars:,}-character limit "
                           "(raise it with --max-text-chars)")


def read_article(path: str | Path, *, boilerplate: frozenset[str] = frozenset(),
                 max_bytes: int = MAX_FILE_BYTES, max_chars: int = MAX_TEXT_CHARS) -> ReadArticle:
    """Read one article file; raise :class:`ArticleError` with a one-line reason."""
    path = Path(path)
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise ArticleError("the path is not valid UTF-8; rename the file or its folder") from None
    return article_from_bytes(_read_bytes(path, max_bytes), path, boilerplate=boilerplate, max_chars=max_chars)


def article_from_bytes(data: bytes, path: str | Path, *, boilerplate: frozenset[str] = frozenset(),
                       max_chars: int = MAX_TEXT_CHARS) -> ReadArticle:
    """The article in ``data``, the bytes of the file at ``path`` (a pure function; raises :class:`ArticleError`)."""
    path = Path(path)
    is_html = path.suffix.lower() in (".html", ".htm") or data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))
    try:
        text, encoding = decode_bytes(data, html=is_html)
    except DecodeError as exc:
        raise ArticleError(str(exc)) from None
    title_hint = published_hint = None
    if is_html:
        lines, title_hint, published_hint = html_to_lines(text)
        _check_text_size(sum(len(ln) + 1 for ln in lines), max_chars)
    else:
        _check_text_size(len(text), max_chars)
        lines = unwrap_hard_breaks(normalize_text(text).split("\n"))
    if not lines:
        raise ArticleError("no text in the file")
    layout = split_layout(lines, title_hint=title_hint, published_hint=published_hint, boilerplate=boilerplate)
    if not layout.title and not layout.body_lines:
        raise ArticleError("no article text after removing the site's chrome")
    document = Document(
        article_id=path.stem, source=str(path), title=layout.title, published=layout.published,
        body="\n".join(layout.body_lines), encoding=encoding, site_lines=layout.site_lines,
    )
    authors = tuple(Author(name, layout.affiliation) for name in layout.authors)
    return ReadArticle(document, authors)
